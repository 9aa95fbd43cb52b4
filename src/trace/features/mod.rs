//! What a claim or a source title says, as typed [`Key`]s: words, names, places, terms,
//! acronyms, events, figures; plus the claim's time and whether it counts or tracks
//! incidents.
//!
//! Every key belongs to one [`Signal`], so a signal can be switched off for ablation.

mod spans;

use super::Signal;
use super::lexicon::{Class, Hit, Lexicon, NEWS};
use super::places::{Area, GAZETTEER, Via};
use super::text::{Token, is_stop_word, stem, tokenize};
use super::time::{self, TimeRef};
use crate::refs::date::MONTHS;
use chrono::NaiveDate;
use super::fxhash::FxSet;
use spans::{figures, initials, name_runs, place_of, senses};
use std::collections::HashSet;

/// A matching key. Two texts match on equal keys, and an acronym ([`Key::Short`]) meets
/// the initials of a name ([`Key::Initials`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A content word, stemmed.
    Word(Box<str>),
    /// A name word, by transliteration key.
    Name(Box<str>),
    /// A place (itself, or what contains it).
    Place(Area),
    /// A news term or an acronym defined in the article or the list.
    Term(Box<str>),
    /// An event concept (weapon, kind of action).
    Event(Box<str>),
    /// A figure.
    Number(u64),
    /// An acronym as written (`KRG`, `U.N.` → `UN`).
    Short(Box<str>),
    /// The initials of a capitalised name or of its first words.
    Initials(Box<str>),
}

impl Key {
    /// The signal the key belongs to.
    pub fn signal(&self) -> Signal {
        match self {
            Key::Word(_) => Signal::Words,
            Key::Name(_) => Signal::Names,
            Key::Place(_) => Signal::Places,
            Key::Term(_) | Key::Short(_) | Key::Initials(_) => Signal::Acronyms,
            Key::Event(_) => Signal::Events,
            Key::Number(_) => Signal::Numbers,
        }
    }

    /// The key of the other text this key meets: itself, or across acronym and
    /// initials.
    pub fn partner(&self) -> Key {
        match self {
            Key::Short(s) => Key::Initials(s.clone()),
            Key::Initials(s) => Key::Short(s.clone()),
            k => k.clone(),
        }
    }
}

/// One key of a text, with what it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// The key.
    pub key: Key,
    /// 1 for what the text says, less for what it implies (a province of a city).
    pub strength: f64,
    /// The words it was read from, as written.
    pub surface: String,
    /// How it was reached (places).
    pub via: Via,
    /// Whether it comes from the sentence before (context carry-over).
    pub inherited: bool,
    /// For place keys, the readable name of the place the key stands for.
    pub place: String,
}

/// A run of name words (`Ain al-Assad`), keyed word by word.
#[derive(Debug, Clone, PartialEq)]
pub struct NameRun {
    /// Transliteration keys of its distinctive words (generic words like `Ain` left out).
    pub core: Vec<String>,
    /// As written.
    pub surface: String,
    /// Whether it names a facility or place (`Al-Assad airbase`, `Ain al-Asad`).
    pub facility: bool,
    /// Whether it comes from the sentence before.
    pub inherited: bool,
    /// Whether the gazetteer knows it as a place (then the places signal matches it).
    pub place: bool,
    /// Whether it opens the text (a sentence's first words).
    pub opens: bool,
    /// Ids of `core` in the trace ([`super::intern::Interner`]); empty until given.
    pub(super) core_ids: Vec<u32>,
}

/// A figure with the noun it counts (`1,200 trucks`).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The value.
    pub value: u64,
    /// Stem of the noun after it.
    pub unit: String,
    /// The noun as written.
    pub unit_word: String,
}

/// A word WordNet knows, with what relates it to other words.
#[derive(Debug, Clone, PartialEq)]
pub struct Sense {
    /// As written.
    pub surface: Box<str>,
    /// Its synset groups, sorted.
    pub sets: &'static [u32],
    /// Parents it is a kind of, sorted.
    pub kinds: Box<[u32]>,
    /// Specific parents that make their kinds alike, sorted.
    pub family: Box<[u32]>,
    /// Bit `id % 64` of every id of `sets`, `kinds` and `family`: two lists can share an
    /// id only if their bits meet, which rules most pairs out without merging them.
    pub(super) bits: [u64; 3],
}

impl Sense {
    /// A sense of `surface` in these groups.
    fn new(surface: &str, sets: &'static [u32], kinds: Vec<u32>, family: Vec<u32>) -> Sense {
        let bits = |ids: &[u32]| ids.iter().fold(0u64, |b, id| b | 1 << (id % 64));
        Sense {
            surface: surface.into(),
            bits: [bits(sets), bits(&kinds), bits(&family)],
            sets,
            kinds: kinds.into(),
            family: family.into(),
        }
    }

    /// Whether the two share a group (synonyms).
    pub(super) fn same(&self, other: &Sense) -> bool {
        self.bits[0] & other.bits[0] != 0 && super::synonyms::intersects(self.sets, other.sets)
    }

    /// Whether one is a kind of the other, or both are kinds of one specific thing.
    pub(super) fn kin(&self, other: &Sense) -> bool {
        use super::synonyms::intersects;
        (self.bits[0] & other.bits[1] != 0 && intersects(self.sets, &other.kinds))
            || (self.bits[1] & other.bits[0] != 0 && intersects(&self.kinds, other.sets))
            || (self.bits[2] & other.bits[2] != 0 && intersects(&self.family, &other.family))
    }
}

/// Everything a text offers to matching.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Typed keys.
    pub keys: Vec<Feature>,
    /// Name runs, for the names signal's collision guard.
    pub names: Vec<NameRun>,
    /// Figures with their units.
    pub figures: Vec<Figure>,
    /// When it says things happened.
    pub time: Option<TimeRef>,
    /// Whether the time came from an earlier sentence.
    pub time_inherited: bool,
    /// Weapons named (for conflicts): concept and surface.
    pub weapons: Vec<(String, String)>,
    /// Whether it counts incidents over a period (`struck 24 times`, `since October`).
    pub aggregate: bool,
    /// Whether it tracks many incidents (titles: `Tracking ...`, `38 Attacks`).
    pub tracker: bool,
    /// Number of content words (for length normalisation).
    pub length: usize,
    /// Vocabulary words and two-word verbs ("steps up") that WordNet knows.
    pub senses: Vec<Sense>,
    /// Position of each key in `keys`, so that adding a key stays cheap on long texts.
    slots: super::fxhash::FxMap<Key, usize>,
    /// The trace's id of each key in `keys` ([`super::intern::Interner`]); empty until
    /// given.
    ids: Vec<u32>,
    /// `ids`, sorted.
    sorted_ids: Vec<u32>,
}

impl Features {
    /// The feature of a key, if the text has it.
    pub fn get(&self, key: &Key) -> Option<&Feature> {
        self.slots.get(key).map(|&i| &self.keys[i])
    }

    /// The feature this text has for another text's key: the same key, or across
    /// acronym and initials ([`Key::partner`]).
    pub fn meet(&self, key: &Key) -> Option<&Feature> {
        match key {
            Key::Short(_) | Key::Initials(_) => self.get(&key.partner()),
            k => self.get(k),
        }
    }

    /// Records the trace's ids of the keys and of the name runs' words, in their order.
    pub(super) fn set_ids(&mut self, ids: Vec<u32>, names: Vec<Vec<u32>>) {
        self.sorted_ids.clone_from(&ids);
        self.sorted_ids.sort_unstable();
        self.ids = ids;
        for (n, core_ids) in self.names.iter_mut().zip(names) {
            n.core_ids = core_ids;
        }
    }

    /// The trace's id of the key at position `i` of `keys` (once ids are given).
    pub(super) fn id(&self, i: usize) -> u32 {
        self.ids[i]
    }

    /// Whether the text has the key with trace id `id`.
    pub(super) fn has(&self, id: u32) -> bool {
        self.sorted_ids.binary_search(&id).is_ok()
    }
}

/// What the article itself teaches: acronyms it (or its list) defines, words it writes
/// in lower case (so that a capitalised `Attack` in a title is not taken for a name),
/// and the countries it names (to tell places of the same name apart).
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// Acronyms learned from the article and its list.
    pub acronyms: Lexicon,
    /// Stems of words written in lower case somewhere in the article.
    pub common: FxSet<String>,
    /// ISO codes (upper case) of the countries the article names.
    pub countries: FxSet<String>,
}

impl Knowledge {
    /// Learns from the article's body text and the text of its list.
    pub fn learn(body: &str, list: &str) -> Knowledge {
        let mut k = Knowledge::default();
        for text in [body, list] {
            for (acr, expansion) in super::lexicon::learn_acronyms(text) {
                let concept = format!("acr:{acr}");
                k.acronyms.add(Class::Term, &concept, &acr);
                k.acronyms.add(Class::Term, &concept, &expansion);
            }
        }
        let tokens = tokenize(body);
        for t in &tokens {
            if !t.capital {
                k.common.insert(stem(&t.lower));
            }
        }
        let stems: Vec<String> = tokens.iter().map(|t| stem(&t.lower)).collect();
        for h in NEWS.find(&tokens, &stems, Some(Class::Country)) {
            k.countries.insert(h.concept.clone());
        }
        for t in tokens.iter().filter(|t| t.capital) {
            for p in GAZETTEER.candidates(&t.text, true) {
                if p.kind == super::places::PlaceKind::Country {
                    k.countries.insert(p.country.clone());
                }
            }
        }
        k
    }
}

const FACILITY: &[&str] = &["base", "airbase", "airport", "camp", "airfield", "barracks"];
/// Weekday names, lower case.
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a lower-case word names a month or a day of the week.
fn is_calendar_word(lower: &str) -> bool {
    MONTHS.contains(&lower) || WEEKDAYS.contains(&lower)
}

/// Whether most longer words of a text are capitalised (a headline in title case).
pub fn is_title_case(tokens: &[Token]) -> bool {
    let long: Vec<&Token> = tokens.iter().filter(|t| t.text.len() > 3).collect();
    !long.is_empty() && long.iter().filter(|t| t.capital).count() * 10 >= long.len() * 7
}

/// An acronym as written: 2–6 capitals (`KRG`, plural `AMMs`), or single letters joined
/// by dots (`U.N.`).
fn acronym_letters(t: &Token) -> Option<String> {
    let text = match t.text.strip_suffix('s') {
        Some(one) if one.len() >= 2 && one.chars().all(|c| c.is_ascii_uppercase()) => one,
        _ => t.text.as_str(),
    };
    if !text.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
        return None;
    }
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=6).contains(&letters.len()).then_some(letters)
}

/// Reads the features of a text. `today` (the article's date) resolves time words;
/// pass `None` for source titles.
pub fn extract(text: &str, knowledge: &Knowledge, today: Option<NaiveDate>) -> Features {
    let tokens = tokenize(text);
    let stems: Vec<String> = tokens.iter().map(|t| stem(&t.lower)).collect();
    let title_case = is_title_case(&tokens);
    let mut f = Features::default();
    let mut hits: Vec<Hit> = NEWS.find(&tokens, &stems, None);
    hits.extend(knowledge.acronyms.find(&tokens, &stems, None));
    let surface = |h: &Hit| text[tokens[h.first].start..tokens[h.last - 1].end].to_string();
    let mut country_tokens = HashSet::new();
    for h in &hits {
        let key = match h.class {
            Class::Event | Class::Weapon => Key::Event(h.concept.as_str().into()),
            Class::Term => Key::Term(h.concept.as_str().into()),
            Class::Country => {
                country_tokens.extend(h.first..h.last);
                Key::Place(Area::Country(h.concept.to_lowercase().into()))
            }
            Class::Tracker => {
                f.tracker = true;
                continue;
            }
            _ => continue,
        };
        if h.class == Class::Weapon {
            f.weapons.push((h.concept.clone(), surface(h)));
        }
        push(&mut f, key, 1.0, surface(h), Via::Named);
    }
    // Words.
    for (i, t) in tokens.iter().enumerate() {
        let pronoun_us = t.text == "us";
        if is_stop_word(&t.lower) || pronoun_us || t.lower.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let key = if t.text == "US" || t.text == "U.S." {
            Key::Word("u.s.".into())
        } else {
            Key::Word(stems[i].as_str().into())
        };
        f.length += 1;
        push(&mut f, key, 1.0, t.text.clone(), Via::Named);
        if let Some(letters) = acronym_letters(t) {
            push(
                &mut f,
                Key::Short(letters.into()),
                1.0,
                t.text.clone(),
                Via::Named,
            );
        }
    }
    senses(text, &tokens, title_case, &mut f);
    figures(text, &tokens, &stems, &hits, today, &mut f);
    // Names and places.
    for mut run in name_runs(
        text,
        &tokens,
        &stems,
        title_case,
        knowledge,
        &country_tokens,
    ) {
        for part in &run.core {
            let key = Key::Name(part.as_str().into());
            push(&mut f, key, 1.0, run.surface.clone(), Via::Named);
        }
        for initials in initials(&run.surface) {
            let key = Key::Initials(initials.into());
            push(&mut f, key, 1.0, run.surface.clone(), Via::Named);
        }
        if let Some(place) = place_of(&run, title_case, knowledge) {
            run.place = true;
            for pk in GAZETTEER.keys(place).iter() {
                let key = Key::Place(pk.area.clone());
                push(
                    &mut f,
                    key.clone(),
                    pk.strength,
                    run.surface.clone(),
                    pk.via,
                );
                if let Some(&i) = f.slots.get(&key)
                    && (f.keys[i].place.is_empty() || f.keys[i].strength <= pk.strength)
                {
                    f.keys[i].place.clone_from(&pk.name);
                }
            }
        }
        f.names.push(run);
    }
    if let Some(today) = today {
        f.time = time::find(text, &tokens, today, None);
        if counts_incidents(&f, &tokens, &NEWS) {
            f.aggregate = true;
        }
    }
    f
}

/// Whether a dated sentence counts incidents over a period rather than telling one: it
/// names an event that `lexicon` marks countable (`attack`, `strike` in the news
/// lexicon) and is in the perfect (`have been`) or spans an open period (`since October`).
fn counts_incidents(f: &Features, tokens: &[Token], lexicon: &Lexicon) -> bool {
    let perfect = tokens.windows(2).any(|w| {
        matches!(
            (w[0].lower.as_str(), w[1].lower.as_str()),
            ("has" | "have", "been")
        )
    });
    let has_event = f
        .keys
        .iter()
        .any(|k| matches!(&k.key, Key::Event(e) if lexicon.is_countable_event(e)));
    has_event && (perfect || f.time.as_ref().is_some_and(|t| t.open))
}

fn push(f: &mut Features, key: Key, strength: f64, surface: String, via: Via) {
    if let Some(k) = f.slots.get(&key).map(|&i| &mut f.keys[i]) {
        if strength > k.strength {
            k.strength = strength;
            k.surface = surface;
            k.via = via;
        }
        return;
    }
    f.slots.insert(key.clone(), f.keys.len());
    f.keys.push(Feature {
        key,
        strength,
        surface,
        via,
        inherited: false,
        place: String::new(),
    });
}

/// Adds the sentence before's keys and names (context carry-over) at a lower strength.
pub fn inherit(claim: &mut Features, before: &Features, strength: f64) {
    for k in &before.keys {
        if claim.slots.contains_key(&k.key) || matches!(k.key, Key::Word(_)) {
            continue;
        }
        let mut k = k.clone();
        k.strength *= strength;
        k.inherited = true;
        claim.slots.insert(k.key.clone(), claim.keys.len());
        claim.keys.push(k);
    }
    for n in before.names.iter().take(64) {
        if !claim.names.iter().any(|c| c.core == n.core) {
            let mut n = n.clone();
            n.inherited = true;
            claim.names.push(n);
        }
    }
    if claim.weapons.is_empty() {
        claim.weapons = before.weapons.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_event(concept: &str) -> Features {
        let mut f = Features::default();
        push(
            &mut f,
            Key::Event(concept.into()),
            1.0,
            concept.to_string(),
            Via::Named,
        );
        f
    }

    #[test]
    fn incidents_are_counted_only_for_events_marked_countable() {
        let lex = Lexicon::from_tsv(
            "event\tsiege\tsiege|sieges\tcountable\nevent\tprotest\tprotest|protests\n",
        );
        let tokens = tokenize("There have been sieges and protests");
        assert!(counts_incidents(&with_event("siege"), &tokens, &lex));
        assert!(!counts_incidents(&with_event("protest"), &tokens, &lex));
        // Marked, but told once: neither the perfect nor an open period.
        let once = tokenize("A siege began on Monday");
        assert!(!counts_incidents(&with_event("siege"), &once, &lex));
    }

    #[test]
    fn the_shipped_lexicon_counts_attacks_and_not_interceptions() {
        let today = NaiveDate::from_ymd_opt(2024, 2, 1);
        let knowledge = Knowledge::default();
        let counted = extract("Attacks on the embassy have been reported", &knowledge, today);
        assert!(counted.aggregate);
        let told = extract("Drones have been intercepted near the embassy", &knowledge, today);
        assert!(!told.aggregate);
    }
}
