//! The news lexicon (`data/news-lexicon.tsv`): concepts with their phrases, found in
//! token streams by stem, longest phrase first; the word lists of the tracer's rules
//! (words that point back to the sentence before), read as written; and the marks of
//! concepts (events that are counted over a period).

use super::text::{Token, stem, tokenize};
use super::fxhash::{FxMap, FxSet};
use std::sync::LazyLock;

/// What a lexicon row is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Weapons: events too, and naming different ones is a conflict.
    Weapon,
    /// Kinds of action.
    Event,
    /// News terms and acronyms.
    Term,
    /// Other names of a country (concept = ISO code).
    Country,
    /// Prefix words of place and group names.
    Generic,
    /// Words of titles that track many incidents.
    Tracker,
    /// Reporting verbs.
    Reporting,
    /// Evaluative words.
    Opinion,
    /// Future and modal words.
    Forecast,
    /// Question words of rhetorical questions.
    Rhetorical,
    /// Pronouns and determiners that, opening a sentence, point back to the one before
    /// (`He`, `This`). A word list: single words, matched as written.
    Anaphor,
    /// Nouns that point back to the sentence before after `the` (`The group`). A word
    /// list: single words, matched as written.
    Referent,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "weapon" => Class::Weapon,
            "event" => Class::Event,
            "term" => Class::Term,
            "country" => Class::Country,
            "generic" => Class::Generic,
            "tracker" => Class::Tracker,
            "reporting" => Class::Reporting,
            "opinion" => Class::Opinion,
            "forecast" => Class::Forecast,
            "rhetorical" => Class::Rhetorical,
            "anaphor" => Class::Anaphor,
            "referent" => Class::Referent,
            _ => return None,
        })
    }

    /// Whether the class is a list of single words, matched as written (in lower case)
    /// rather than by stem: `the attacks` does not open the way `the attack` does.
    fn is_word_list(self) -> bool {
        matches!(self, Class::Anaphor | Class::Referent)
    }
}

/// What the optional fourth column of a row says about its concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// An event counted over a period: a dated sentence that names it in the perfect
    /// (`have been`) or over an open period (`since October`) counts incidents.
    Countable,
}

impl Mark {
    fn parse(s: &str) -> Option<Mark> {
        match s.trim() {
            "countable" => Some(Mark::Countable),
            _ => None,
        }
    }
}

/// One phrase of one concept, as stems.
#[derive(Debug, Clone)]
struct Phrase {
    class: Class,
    concept: String,
    stems: Vec<String>,
    /// Whether the phrase must match case-sensitively (all-capital acronyms: `US`).
    exact: Option<Vec<String>>,
}

/// A concept found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its class.
    pub class: Class,
    /// Concept name (`drone`, `ied`, an ISO code, or `acr:PMF` for learned acronyms).
    pub concept: String,
    /// First token index.
    pub first: usize,
    /// One past the last token index.
    pub last: usize,
}

/// Concepts and their phrases, indexed by first stem; the word lists by word.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    by_first: FxMap<String, Vec<Phrase>>,
    /// Lower-case words of the word-list classes, with their classes.
    words: FxMap<String, Vec<Class>>,
    /// Event and weapon concepts marked [`Mark::Countable`].
    countable: FxSet<String>,
}

/// The lexicon shipped in `data/news-lexicon.tsv`.
pub static NEWS: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::from_tsv(include_str!("../../data/news-lexicon.tsv")));

impl Lexicon {
    /// Reads rows of `class<TAB>concept<TAB>phrase|phrase`, with an optional fourth
    /// column of marks (`mark|mark`).
    pub fn from_tsv(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(class), Some(concept), Some(phrases)) = (
                cols.first().and_then(|c| Class::parse(c)),
                cols.get(1),
                cols.get(2),
            ) else {
                continue;
            };
            for phrase in phrases.split('|') {
                lex.add(class, concept, phrase);
            }
            let marks = cols.get(3).into_iter().flat_map(|m| m.split('|'));
            for mark in marks.filter_map(Mark::parse) {
                lex.mark(class, concept, mark);
            }
        }
        lex
    }

    /// Adds one phrase for a concept (for a word-list class, one word).
    pub fn add(&mut self, class: Class, concept: &str, phrase: &str) {
        let toks = tokenize(phrase);
        if toks.is_empty() {
            return;
        }
        if class.is_word_list() {
            if let [word] = &toks[..] {
                let classes = self.words.entry(word.lower.clone()).or_default();
                if !classes.contains(&class) {
                    classes.push(class);
                }
            }
            return;
        }
        let stems: Vec<String> = toks.iter().map(|t| stem(&t.lower)).collect();
        let exact = toks
            .iter()
            .all(|t| {
                t.text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            })
            .then(|| toks.iter().map(|t| t.text.clone()).collect());
        self.by_first
            .entry(stems[0].clone())
            .or_default()
            .push(Phrase {
                class,
                concept: concept.to_string(),
                stems,
                exact,
            });
    }

    /// Every concept of `class` (or of any class with `None`) in the tokens. At each
    /// position only the longest phrase of each concept counts.
    pub fn find(&self, tokens: &[Token], stems: &[String], class: Option<Class>) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for i in 0..tokens.len() {
            let Some(phrases) = self.by_first.get(&stems[i]) else {
                continue;
            };
            for p in phrases {
                if class.is_some_and(|c| c != p.class) {
                    continue;
                }
                let n = p.stems.len();
                if i + n > tokens.len() || stems[i..i + n] != p.stems[..] {
                    continue;
                }
                if let Some(exact) = &p.exact
                    && tokens[i..i + n]
                        .iter()
                        .zip(exact)
                        .any(|(t, e)| &t.text != e)
                {
                    continue;
                }
                if let Some(h) = hits
                    .iter_mut()
                    .find(|h| h.concept == p.concept && h.class == p.class && h.last > i)
                {
                    h.last = h.last.max(i + n);
                    continue;
                }
                hits.push(Hit {
                    class: p.class,
                    concept: p.concept.clone(),
                    first: i,
                    last: i + n,
                });
            }
        }
        hits
    }

    /// The concept of a lower-case word that is a generic prefix of names (`ain` →
    /// `place`, `kataib` → `group`), if it is one.
    pub fn generic_concept(&self, lower: &str) -> Option<&str> {
        self.by_first.get(&stem(lower)).and_then(|ps| {
            ps.iter()
                .find(|p| p.class == Class::Generic && p.stems.len() == 1)
                .map(|p| p.concept.as_str())
        })
    }

    /// Whether a lower-case word is a generic prefix of names (`ain`, `kataib`).
    pub fn is_generic(&self, lower: &str) -> bool {
        self.generic_concept(lower).is_some()
    }

    /// Marks a concept. [`Mark::Countable`] applies to event and weapon concepts (the
    /// ones that become event keys); on other classes it is ignored.
    pub fn mark(&mut self, class: Class, concept: &str, mark: Mark) {
        match mark {
            Mark::Countable => {
                if matches!(class, Class::Event | Class::Weapon) {
                    self.countable.insert(concept.to_string());
                }
            }
        }
    }

    /// Whether an event concept (`attack`, `strike`) is counted over a period.
    pub fn is_countable_event(&self, concept: &str) -> bool {
        self.countable.contains(concept)
    }

    /// Whether a lower-case word (a token's `lower`) is listed in the word-list class
    /// `class` ([`Class::Anaphor`], [`Class::Referent`]). Always false for other classes.
    pub fn has_word(&self, class: Class, lower: &str) -> bool {
        self.words.get(lower).is_some_and(|cs| cs.contains(&class))
    }
}

/// Learns acronyms defined in the text itself: `Popular Mobilization Forces (PMF)` and
/// `PMF (Popular Mobilization Forces)`. Returns (acronym, expansion) pairs.
pub fn learn_acronyms(text: &str) -> Vec<(String, String)> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        // Capitals spell it; lower-case letters may follow them (`DeFi`, `AMMs`).
        let letters: Vec<char> = t.text.chars().filter(|c| c.is_uppercase()).collect();
        let is_acr = (2..=8).contains(&letters.len())
            && t.text.len() <= 10
            && t.text.starts_with(|c: char| c.is_uppercase())
            && t.text
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            && t.text.chars().filter(|c| c.is_lowercase()).count() <= letters.len();
        if !is_acr || t.start == 0 || !text[..t.start].ends_with('(') {
            continue;
        }
        let written = match t.text.strip_suffix('s') {
            Some(one) if one.ends_with(|c: char| c.is_uppercase()) => one.to_string(),
            _ => t.text.clone(),
        };
        // Walk back over words whose initials spell the acronym (skipping small words).
        let mut need = letters.len();
        let mut j = i;
        while need > 0 && j > 0 {
            j -= 1;
            let w = &toks[j];
            if matches!(w.lower.as_str(), "of" | "the" | "and" | "for" | "in") {
                continue;
            }
            let first = w.text.chars().next().unwrap_or(' ').to_ascii_uppercase();
            if first != letters[need - 1].to_ascii_uppercase() {
                break;
            }
            need -= 1;
        }
        if need == 0 {
            let expansion = text[toks[j].start..toks[i - 1].end].to_string();
            out.push((written, expansion));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concepts(text: &str, class: Class) -> Vec<String> {
        let toks = tokenize(text);
        let stems: Vec<String> = toks.iter().map(|t| stem(&t.lower)).collect();
        NEWS.find(&toks, &stems, Some(class))
            .into_iter()
            .map(|h| h.concept)
            .collect()
    }

    #[test]
    fn generic_prefixes_say_what_they_prefix() {
        assert_eq!(NEWS.generic_concept("wadi"), Some("place"));
        assert_eq!(NEWS.generic_concept("jurf"), Some("place"));
        // Prefixes of people's names as well as of places, and of armed groups.
        assert_eq!(NEWS.generic_concept("khan"), Some("mixed"));
        assert_eq!(NEWS.generic_concept("kataib"), Some("group"));
        assert_eq!(NEWS.generic_concept("river"), None);
        assert!(NEWS.is_generic("abu") && !NEWS.is_generic("river"));
    }

    #[test]
    fn word_lists_are_read_as_written_and_by_class() {
        assert!(NEWS.has_word(Class::Anaphor, "they"));
        assert!(NEWS.has_word(Class::Anaphor, "these"));
        assert!(!NEWS.has_word(Class::Anaphor, "we"));
        assert!(NEWS.has_word(Class::Referent, "militia"));
        // As written: a plural is not the listed word.
        assert!(!NEWS.has_word(Class::Referent, "militias"));
        // Each word in its own class only.
        assert!(!NEWS.has_word(Class::Referent, "they"));
        assert!(!NEWS.has_word(Class::Anaphor, "militia"));
        assert!(!NEWS.has_word(Class::Term, "militia"));
        // Word lists are not phrases: `find` does not report them.
        assert!(concepts("he said", Class::Anaphor).is_empty());
    }

    #[test]
    fn events_marked_countable_are_read() {
        assert!(NEWS.is_countable_event("attack"));
        assert!(NEWS.is_countable_event("strike"));
        assert!(!NEWS.is_countable_event("intercept"));
        assert!(!NEWS.is_countable_event("drone"));
    }

    #[test]
    fn a_small_lexicon_reads_marks_and_word_lists() {
        let lex = Lexicon::from_tsv(
            "event\tsiege\tsiege\tcountable\n\
             event\tprotest\tprotest\n\
             event\tdemo\tdemo\tunknown-mark\n\
             term\tcamp\tcamp\tcountable\n\
             anaphor\tpronoun\tshe\n\
             referent\tnoun\tconvoy|two words\n",
        );
        assert!(lex.is_countable_event("siege"));
        assert!(!lex.is_countable_event("protest"));
        assert!(!lex.is_countable_event("demo"));
        // The mark is for event concepts only.
        assert!(!lex.is_countable_event("camp"));
        assert!(lex.has_word(Class::Anaphor, "she"));
        assert!(!lex.has_word(Class::Anaphor, "he"));
        assert!(lex.has_word(Class::Referent, "convoy"));
        assert!(!lex.has_word(Class::Referent, "two words"));
        assert!(!lex.has_word(Class::Referent, "two"));
    }

    #[test]
    fn acronym_and_expansion_meet() {
        assert_eq!(concepts("hit with an IED", Class::Event), ["attack"]);
        assert_eq!(concepts("hit with an IED", Class::Weapon), ["ied"]);
        assert_eq!(
            concepts("Explosive device near Mosul", Class::Weapon),
            ["ied"]
        );
        assert_eq!(concepts("UAV downed", Class::Weapon), ["drone"]);
        assert_eq!(concepts("UAV downed", Class::Event), ["intercept"]);
    }

    #[test]
    fn pronoun_us_is_not_the_country() {
        assert!(concepts("told us about it", Class::Country).is_empty());
        assert_eq!(concepts("the U.S. responded", Class::Country), ["US"]);
    }

    #[test]
    fn acronyms_defined_in_text_are_learned() {
        let pairs = learn_acronyms("the Popular Mobilization Forces (PMF) said");
        assert_eq!(
            pairs,
            [("PMF".to_string(), "Popular Mobilization Forces".to_string())]
        );
    }

    #[test]
    fn acronyms_with_lower_case_letters_or_a_plural_are_learned() {
        let pairs = learn_acronyms(
            "The Technology of Decentralized Finance (DeFi); Automated Market Makers (AMMs)",
        );
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(a, e)| (&**a, &**e)).collect();
        assert_eq!(
            pairs,
            [
                ("DeFi", "Decentralized Finance"),
                ("AMM", "Automated Market Makers")
            ]
        );
        assert!(learn_acronyms("a video on TikTok (TikTok)").is_empty());
    }
}
