//! The news lexicon (`data/news-lexicon.tsv`): concepts with their phrases, found in
//! token streams by stem, longest phrase first.

use super::text::{Token, stem, tokenize};
use super::fxhash::FxMap;
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
            _ => return None,
        })
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

/// Concepts and their phrases, indexed by first stem.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    by_first: FxMap<String, Vec<Phrase>>,
}

/// The lexicon shipped in `data/news-lexicon.tsv`.
pub static NEWS: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::from_tsv(include_str!("../../data/news-lexicon.tsv")));

impl Lexicon {
    /// Reads rows of `class<TAB>concept<TAB>phrase|phrase`.
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
        }
        lex
    }

    /// Adds one phrase for a concept.
    pub fn add(&mut self, class: Class, concept: &str, phrase: &str) {
        let toks = tokenize(phrase);
        if toks.is_empty() {
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
