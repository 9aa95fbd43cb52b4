//! What a claim or a source title says, as typed keys: words, names, places, terms,
//! events, numbers; plus the claim's time and whether it counts or tracks incidents.
//!
//! Every key belongs to one [`Signal`], so a signal can be switched off for ablation.

use super::Signal;
use super::lexicon::{Class, Hit, Lexicon, NEWS};
use super::places::GAZETTEER;
use super::text::{Token, fold, is_stop_word, name_parts, skeleton, stem, tokenize};
use super::time::{self, TimeRef};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// One key of a text, with what it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Matching key, prefixed by kind: `w:` word stem, `n:` name key, `p:` place,
    /// `t:` term, `e:` event, `#` number.
    pub key: String,
    /// The signal it belongs to.
    pub signal: Signal,
    /// 1 for what the text says, less for what it implies (a province of a city).
    pub strength: f64,
    /// The words it was read from.
    pub surface: String,
    /// How it was reached (places: `capital of`, `lies in`).
    pub via: &'static str,
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
}

/// Everything a text offers to matching.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Typed keys.
    pub keys: Vec<Feature>,
    /// Name runs, for the names signal's collision guard.
    pub names: Vec<NameRun>,
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
    /// Position of each key in `keys`, so that adding a key stays cheap on long texts.
    slots: HashMap<String, usize>,
}

/// What the article itself teaches: acronyms it defines, and words it writes in lower
/// case (so that a capitalised `Attack` in a title is not taken for a name).
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// Acronyms learned from the article.
    pub acronyms: Lexicon,
    /// Stems of words written in lower case somewhere in the article.
    pub common: HashSet<String>,
}

impl Knowledge {
    /// Learns from the article's body text.
    pub fn learn(body: &str) -> Knowledge {
        let mut k = Knowledge::default();
        for (acr, expansion) in super::lexicon::learn_acronyms(body) {
            let concept = format!("acr:{acr}");
            k.acronyms.add(Class::Term, &concept, &acr);
            k.acronyms.add(Class::Term, &concept, &expansion);
        }
        for t in tokenize(body) {
            if !t.capital {
                k.common.insert(stem(&t.lower));
            }
        }
        k
    }
}

const FACILITY: &[&str] = &["base", "airbase", "airport", "camp", "airfield", "barracks"];
const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether most longer words of a text are capitalised (a headline in title case).
pub fn is_title_case(tokens: &[Token]) -> bool {
    let long: Vec<&Token> = tokens.iter().filter(|t| t.text.len() > 3).collect();
    !long.is_empty() && long.iter().filter(|t| t.capital).count() * 10 >= long.len() * 7
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
        let (signal, key) = match h.class {
            Class::Event => (Signal::Events, format!("e:{}", h.concept)),
            Class::Term => (Signal::Acronyms, format!("t:{}", h.concept)),
            Class::Country => {
                country_tokens.extend(h.first..h.last);
                (Signal::Places, format!("p:{}", h.concept.to_lowercase()))
            }
            Class::Tracker => {
                f.tracker = true;
                continue;
            }
            _ => continue,
        };
        if h.class == Class::Event
            && matches!(
                h.concept.as_str(),
                "drone" | "rocket" | "mortar" | "missile" | "ied"
            )
        {
            f.weapons.push((h.concept.clone(), surface(h)));
        }
        push(
            &mut f,
            key,
            signal,
            1.0,
            surface(h),
            if h.class == Class::Country {
                "country"
            } else {
                ""
            },
        );
    }
    // Words.
    for (i, t) in tokens.iter().enumerate() {
        let pronoun_us = t.text == "us";
        if is_stop_word(&t.lower) || pronoun_us || t.lower.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let key = if t.text == "US" || t.text == "U.S." {
            "w:u.s.".to_string()
        } else {
            format!("w:{}", stems[i])
        };
        f.length += 1;
        push(&mut f, key, Signal::Words, 1.0, t.text.clone(), "");
    }
    // Numbers with the noun they count.
    for (i, t) in tokens.iter().enumerate() {
        // A day after a month name (`November 20`) or a year is a date, not a count.
        let is_date = i > 0 && MONTH_WORDS.contains(&tokens[i - 1].lower.trim_end_matches('.'))
            || (t.lower.len() == 4 && t.lower.starts_with(['1', '2']));
        if let Ok(n) = t.lower.parse::<u64>()
            && !is_date
            && let Some(next) = tokens.get(i + 1)
            && !is_stop_word(&next.lower)
        {
            let what = stems[i + 1].as_str();
            let counts_events = what == "time"
                || hits
                    .iter()
                    .any(|h| h.class == Class::Event && h.first == i + 1);
            if counts_events {
                if today.is_some() {
                    f.aggregate = true;
                } else {
                    f.tracker = true;
                }
            }
            let surf = format!("{} {}", t.text, next.text);
            push(&mut f, format!("#{n}"), Signal::Numbers, 1.0, surf, "");
        }
    }
    // Names and places.
    for run in name_runs(
        text,
        &tokens,
        &stems,
        title_case,
        knowledge,
        &country_tokens,
    ) {
        for part in &run.core {
            push(
                &mut f,
                format!("n:{part}"),
                Signal::Names,
                1.0,
                run.surface.clone(),
                "",
            );
        }
        let place = {
            GAZETTEER.lookup(&run.surface).or_else(|| {
                let mut parts: Vec<&str> = run
                    .surface
                    .split([' ', ',', '-'])
                    .filter(|w| {
                        let lower = fold(w);
                        w.len() >= 4
                            && !is_stop_word(&lower)
                            && !NEWS.is_generic(&lower)
                            && !knowledge.common.contains(&stem(&lower))
                    })
                    .collect();
                parts.sort_by_key(|w| std::cmp::Reverse(w.len()));
                parts.into_iter().find_map(|w| GAZETTEER.lookup_spelled(w))
            })
        };
        let mut run = run;
        if let Some(place) = place {
            run.place = true;
            for pk in GAZETTEER.keys(place) {
                let (key, name) = (pk.key.clone(), pk.name.clone());
                push(
                    &mut f,
                    key.clone(),
                    Signal::Places,
                    pk.strength,
                    run.surface.clone(),
                    pk.via,
                );
                if let Some(&i) = f.slots.get(&key)
                    && (f.keys[i].place.is_empty() || f.keys[i].strength <= pk.strength)
                {
                    f.keys[i].place = name;
                }
            }
        }
        f.names.push(run);
    }
    if let Some(today) = today {
        f.time = time::find(&tokens, today);
        let perfect = tokens.windows(2).any(|w| {
            matches!(
                (w[0].lower.as_str(), w[1].lower.as_str()),
                ("has" | "have", "been")
            )
        });
        let has_event = f
            .keys
            .iter()
            .any(|k| k.key == "e:attack" || k.key == "e:strike");
        if has_event && (perfect || f.time.as_ref().is_some_and(|t| t.open)) {
            f.aggregate = true;
        }
    }
    f
}

fn push(
    f: &mut Features,
    key: String,
    signal: Signal,
    strength: f64,
    surface: String,
    via: &'static str,
) {
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
        signal,
        strength,
        surface,
        via,
        inherited: false,
        place: String::new(),
    });
}

/// Runs of capitalised name words (`Kataib Hezbollah`, `Jurf al-Sakhr`).
fn name_runs(
    text: &str,
    tokens: &[Token],
    stems: &[String],
    title_case: bool,
    knowledge: &Knowledge,
    skip: &HashSet<usize>,
) -> Vec<NameRun> {
    let is_name = |i: usize| {
        let t = &tokens[i];
        let article_joined = t.lower.starts_with("al-") || t.lower.starts_with("el-");
        if !(t.capital || article_joined) || skip.contains(&i) || is_stop_word(&t.lower) {
            return false;
        }
        if MONTH_WORDS.contains(&t.lower.as_str()) || !t.text.chars().any(char::is_alphabetic) {
            return false;
        }
        if t.text.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        let common = knowledge.common.contains(&stems[i])
            || NEWS
                .find(&tokens[i..=i], &stems[i..=i], None)
                .iter()
                .any(|h| h.class != Class::Term && h.class != Class::Generic);
        !(common && (title_case || t.after_break))
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name(i) {
            i += 1;
            continue;
        }
        let first = i;
        while i + 1 < tokens.len()
            && is_name(i + 1)
            && !tokens[i + 1].after_break
            && !possessive(text, &tokens[i])
        {
            i += 1;
        }
        let last = i;
        i += 1;
        let mut core = Vec::new();
        let mut facility = false;
        for t in &tokens[first..=last] {
            let lower = fold(&t.text);
            for part in name_parts(&lower) {
                let plain = knowledge.common.contains(&stem(part)) || is_stop_word(part);
                if plain && part != lower.as_str() {
                    continue;
                }
                if NEWS.is_generic(part) {
                    facility |=
                        FACILITY.contains(&part) || matches!(part, "ain" | "tal" | "jurf" | "camp");
                    continue;
                }
                let key = skeleton(part);
                if key.len() >= 2 && !core.contains(&key) {
                    core.push(key);
                }
            }
        }
        if let Some(next) = tokens.get(last + 1) {
            facility |= FACILITY.contains(&next.lower.as_str())
                || FACILITY.contains(&stem(&next.lower).as_str());
        }
        if core.is_empty() {
            continue;
        }
        runs.push(NameRun {
            core,
            surface: text[tokens[first].start..tokens[last].end].to_string(),
            facility,
            inherited: false,
            place: false,
        });
    }
    runs
}

fn possessive(text: &str, t: &Token) -> bool {
    let rest = &text[t.end..];
    rest.starts_with("'s") || rest.starts_with("\u{2019}s")
}

/// Adds the sentence before's keys and names (context carry-over) at a lower strength.
pub fn inherit(claim: &mut Features, before: &Features, strength: f64) {
    for k in &before.keys {
        if claim.slots.contains_key(&k.key) || k.signal == Signal::Words {
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
