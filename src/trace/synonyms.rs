//! Synonyms, derivations and base forms of English words, from WordNet 3.0, so that the
//! tracer can see that a claim's "envoy" and a title's "ambassador", or "lorries" and
//! "trucks", say the same thing.
//!
//! The table is `data/wordnet-synonyms.tsv`, built by `scripts/build_wordnet.py` from the
//! WordNet 3.0 database (Princeton University; licence in `data/LICENSE-wordnet`, repeated
//! in the table's header). It keeps only a word's frequent senses (the first, and others
//! tagged often enough in SemCor), single words and two-word verbs ("step up"), no proper
//! nouns: rare senses would make "ship" a synonym of "transport".
//!
//! This module knows words, not sentences: it does not tokenise, tag parts of speech or
//! choose a sense, and it relates two words when *any* of their kept senses are related.
//!
//! ```
//! use reftrace::trace::synonyms::{Relation, Synonyms};
//!
//! let wn = Synonyms::get();
//! assert_eq!(wn.lemma("lorries"), "lorry");
//! assert_eq!(wn.related("lorries", "trucks"), Some(Relation::Hypernym));
//! assert_eq!(wn.related("intensifies", "steps up"), Some(Relation::Synonym));
//! assert_eq!(wn.related("bank", "river"), None);
//! ```
//!
//! Costs: the table is parsed once, on first use (a few tens of milliseconds). After that
//! [`Synonyms::lemma`] is a handful of hash lookups and allocates only for words with
//! upper-case or non-ASCII letters; [`Synonyms::related`] merges sorted id lists, so it is
//! linear in the number of senses of the two words (a few to a few dozen) and allocates
//! nothing for lower-case ASCII words.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/wordnet-synonyms.tsv");

/// The longest word looked up without allocating; longer words are never in WordNet's
/// single-word list anyway.
const BUF: usize = 64;

/// A parent with more kinds than this is too general for its kinds to count as alike
/// ([`Relation::Sibling`]): "diplomat" (ambassador, envoy, consul) is specific, "person"
/// is not.
const MAX_SIBLINGS: u32 = 12;

/// How two words are related, weakest first, so that `max` picks the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Two kinds of one specific thing ("ambassador", "envoy": both diplomats). Weak: it
    /// also holds for contrasts ("man", "woman"), so it must not count as support alone.
    Sibling,
    /// One is a kind of the other ("lorry" is a "truck", "ship" is a "vessel").
    Hypernym,
    /// One word is made from the other ("suspend", "suspension"), or from a synonym of it.
    Derived,
    /// The words share a sense ("intensify", "step up").
    Synonym,
    /// The words have the same base form ("ships", "ship").
    SameLemma,
}

/// One lemma's kept synset groups and derivations, as ranges into the flat lists.
#[derive(Debug, Clone)]
struct Entry {
    sets: Range<u32>,
    derived: Range<u32>,
}

/// The parsed table; get it with [`Synonyms::get`].
#[derive(Debug)]
pub struct Synonyms {
    words: HashMap<&'static str, Entry>,
    sets: Vec<u32>,
    derived: Vec<&'static str>,
    /// Per group id: its hypernym groups, as a range into `hyper_ids`.
    hypers: Vec<Range<u32>>,
    hyper_ids: Vec<u32>,
    /// Per group id: how many kept groups have it as a hypernym.
    children: Vec<u32>,
    exceptions: HashMap<&'static str, &'static str>,
}

static TABLE_CELL: OnceLock<Synonyms> = OnceLock::new();

impl Synonyms {
    /// The WordNet table shipped with reftrace, parsed on first use.
    pub fn get() -> &'static Synonyms {
        TABLE_CELL.get_or_init(|| Synonyms::parse(TABLE))
    }

    /// Parses a table in the format `scripts/build_wordnet.py` writes. Rows it cannot read
    /// are skipped: the shipped table is checked by the tests.
    fn parse(text: &'static str) -> Synonyms {
        let mut words = HashMap::with_capacity(80_000);
        let (mut sets, mut derived, mut exceptions) = (Vec::new(), Vec::new(), HashMap::new());
        let mut hyper_rows: Vec<(u32, Range<u32>)> = Vec::new();
        let mut hyper_ids = Vec::new();
        let mut groups = 0u32;
        let ids = |s: &'static str| s.split(',').filter_map(|n| n.parse::<u32>().ok());
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            match (cols.next(), cols.next(), cols.next()) {
                (Some("w"), Some(lemma), Some(group_ids)) => {
                    let start = sets.len() as u32;
                    sets.extend(ids(group_ids));
                    sets[start as usize..].sort_unstable();
                    groups = groups.max(sets[start as usize..].last().map_or(0, |g| g + 1));
                    let d = derived.len() as u32;
                    derived.extend(
                        cols.next()
                            .unwrap_or("")
                            .split('|')
                            .filter(|s| !s.is_empty()),
                    );
                    let entry = Entry {
                        sets: start..sets.len() as u32,
                        derived: d..derived.len() as u32,
                    };
                    words.insert(lemma, entry);
                }
                (Some("h"), Some(group), Some(parents)) => {
                    if let Ok(group) = group.parse::<u32>() {
                        let start = hyper_ids.len() as u32;
                        hyper_ids.extend(ids(parents));
                        hyper_rows.push((group, start..hyper_ids.len() as u32));
                    }
                }
                (Some("x"), Some(form), Some(base)) => {
                    exceptions.insert(form, base);
                }
                _ => {}
            }
        }
        let mut hypers = vec![0..0; groups as usize];
        let mut children = vec![0; groups as usize];
        for (group, range) in hyper_rows {
            let range_ids = &hyper_ids[range.start as usize..range.end as usize];
            if (group as usize) < hypers.len() && range_ids.iter().all(|&p| p < groups) {
                range_ids.iter().for_each(|&p| children[p as usize] += 1);
                hypers[group as usize] = range;
            }
        }
        Synonyms {
            words,
            sets,
            derived,
            hypers,
            hyper_ids,
            children,
            exceptions,
        }
    }

    /// How many lemmas the table knows.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the table is empty (it never is for the shipped table).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The lower-case base form of `word` ("ships" -> "ship", "ran" -> "run", "steps up" ->
    /// "step up"): the exception lists first, then the word itself if WordNet has it, then
    /// WordNet's detachment rules for nouns, verbs and adjectives. A word WordNet does not
    /// know comes back lower-cased.
    pub fn lemma<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let mut buf = [0u8; BUF];
        let Some(lower) = lower_ascii(word, &mut buf) else {
            let lower = word.to_lowercase();
            return match self.base(&lower) {
                Some(base) => Cow::Borrowed(base),
                None => Cow::Owned(lower),
            };
        };
        match self.base(lower) {
            Some(base) => Cow::Borrowed(base),
            None if lower == word => Cow::Borrowed(word),
            None => Cow::Owned(lower.to_owned()),
        }
    }

    /// The sorted synset-group ids of a lemma (as [`Synonyms::lemma`] returns it); empty for
    /// a word WordNet does not know. Two lemmas sharing an id are synonyms.
    pub fn sets(&self, lemma: &str) -> &[u32] {
        self.words.get(lemma).map_or(&[], |e| self.slice(&e.sets))
    }

    /// The strongest relation between two words given as they appear (inflected, any
    /// case), or `None` when WordNet's frequent senses do not relate them.
    pub fn related(&self, a: &str, b: &str) -> Option<Relation> {
        let (la, lb) = (self.lemma(a), self.lemma(b));
        if la == lb {
            return Some(Relation::SameLemma);
        }
        let (ea, eb) = (self.words.get(la.as_ref())?, self.words.get(lb.as_ref())?);
        let (sa, sb) = (self.slice(&ea.sets), self.slice(&eb.sets));
        if intersects(sa, sb) {
            return Some(Relation::Synonym);
        }
        if self.derived_to(ea, &lb, sb) || self.derived_to(eb, &la, sa) {
            return Some(Relation::Derived);
        }
        if self.kind_of(sa, sb) || self.kind_of(sb, sa) {
            return Some(Relation::Hypernym);
        }
        let specific = |&p: &u32| self.children[p as usize] <= MAX_SIBLINGS;
        let sibling = sa.iter().any(|&ga| {
            let pa = self.parents(ga);
            sb.iter().any(|&gb| {
                self.parents(gb)
                    .iter()
                    .filter(|p| pa.contains(p))
                    .any(specific)
            })
        });
        sibling.then_some(Relation::Sibling)
    }

    /// Whether one of `entry`'s derived words is `other` or shares a sense with it.
    fn derived_to(&self, entry: &Entry, other: &str, other_sets: &[u32]) -> bool {
        let derived = &self.derived[entry.derived.start as usize..entry.derived.end as usize];
        derived
            .iter()
            .any(|&d| d == other || intersects(self.sets(d), other_sets))
    }

    /// Whether a group of `kinds` has a hypernym among `parents`.
    fn kind_of(&self, kinds: &[u32], parents: &[u32]) -> bool {
        kinds.iter().any(|&g| intersects(self.parents(g), parents))
    }

    fn parents(&self, group: u32) -> &[u32] {
        let r = &self.hypers[group as usize];
        &self.hyper_ids[r.start as usize..r.end as usize]
    }

    fn slice(&self, r: &Range<u32>) -> &[u32] {
        &self.sets[r.start as usize..r.end as usize]
    }

    /// The table's own spelling of the base form of a lower-case word (or phrase whose
    /// first word inflects: "steps up"), or `None` if WordNet does not know it.
    fn base(&self, lower: &str) -> Option<&'static str> {
        if let Some(&base) = self.exceptions.get(lower) {
            return Some(base);
        }
        if let Some((&known, _)) = self.words.get_key_value(lower) {
            return Some(known);
        }
        let (head, tail) = lower.split_once(' ').unwrap_or((lower, ""));
        let known = |stem: &str, ending: &str| -> Option<&'static str> {
            let mut buf = [0u8; BUF];
            let candidate = join(
                &mut buf,
                &[stem, ending, if tail.is_empty() { "" } else { " " }, tail],
            )?;
            self.words.get_key_value(candidate).map(|(&k, _)| k)
        };
        if !tail.is_empty()
            && let Some(&base) = self.exceptions.get(head)
            && let Some(found) = known(base, "")
        {
            return Some(found);
        }
        DETACH.iter().find_map(|&(suffix, ending)| {
            let stem = head.strip_suffix(suffix).filter(|s| s.len() >= 2)?;
            known(stem, ending).or_else(|| {
                // "shipped", "stopping": a doubled final consonant after -ed/-ing.
                let b = stem.as_bytes();
                let doubled = ending.is_empty()
                    && matches!(suffix, "ed" | "ing")
                    && b.len() >= 3
                    && b[b.len() - 1] == b[b.len() - 2]
                    && !b"aeiouy".contains(&b[b.len() - 1]);
                doubled
                    .then(|| known(&stem[..stem.len() - 1], ""))
                    .flatten()
            })
        })
    }
}

/// WordNet's detachment rules (morphy) for nouns, verbs and adjectives, as (suffix,
/// replacement), longest suffixes first within each part of speech.
const DETACH: &[(&str, &str)] = &[
    ("ies", "y"),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("s", ""),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("est", ""),
    ("est", "e"),
    ("er", ""),
    ("er", "e"),
];

/// `word` lower-cased into `buf` when it is ASCII and fits; `None` otherwise.
fn lower_ascii<'b>(word: &str, buf: &'b mut [u8; BUF]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if !word.is_ascii() || bytes.len() > BUF {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// The concatenation of `parts` in `buf`, or `None` if it does not fit.
fn join<'b>(buf: &'b mut [u8; BUF], parts: &[&str]) -> Option<&'b str> {
    let mut len = 0;
    for part in parts {
        let end = len + part.len();
        buf.get_mut(len..end)?.copy_from_slice(part.as_bytes());
        len = end;
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// Whether two sorted id lists share an element (a linear merge).
fn intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{Relation::*, Synonyms};

    #[test]
    fn table_loads_with_a_sane_size() {
        let wn = Synonyms::get();
        assert!((50_000..100_000).contains(&wn.len()), "{} lemmas", wn.len());
        assert!(
            super::TABLE.len() < 3_000_000,
            "{} bytes",
            super::TABLE.len()
        );
        assert!(super::TABLE.contains("WordNet 3.0 Copyright 2006 by Princeton University"));
        assert!(wn.exceptions.len() > 3_000);
        assert!(wn.hypers.iter().filter(|r| !r.is_empty()).count() > 20_000);
    }

    #[test]
    fn lemma_undoes_inflection() {
        let wn = Synonyms::get();
        let cases = [
            ("ships", "ship"),
            ("Halted", "halt"),
            ("lorries", "lorry"),
            ("intensifies", "intensify"),
            ("geese", "goose"),
            ("ran", "run"),
            ("shipped", "ship"),
            ("vessels", "vessel"),
            ("steps up", "step up"),
            ("stepped up", "step up"),
            ("news", "news"),
            ("xyzzyq", "xyzzyq"),
            ("Xyzzyq", "xyzzyq"),
        ];
        for (word, base) in cases {
            assert_eq!(wn.lemma(word), base, "{word}");
        }
        assert!(matches!(wn.lemma("ships"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn sets_are_sorted_and_shared_by_synonyms() {
        let wn = Synonyms::get();
        let (a, b) = (wn.sets("intensify"), wn.sets("step up"));
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert!(a.iter().any(|g| b.contains(g)));
        assert!(wn.sets("xyzzyq").is_empty());
    }

    #[test]
    fn related_words_from_news_titles() {
        let wn = Synonyms::get();
        let cases = [
            ("ships", "ship", SameLemma),
            ("intensifies", "steps up", Synonym),
            ("lorries", "trucks", Hypernym),
            ("ships", "vessels", Hypernym),
            ("suspend", "suspension", Derived),
            ("ambassador", "envoy", Sibling),
        ];
        for (a, b, relation) in cases {
            assert_eq!(wn.related(a, b), Some(relation), "{a} ~ {b}");
            assert_eq!(wn.related(b, a), Some(relation), "{b} ~ {a}");
        }
    }

    #[test]
    fn unrelated_words_stay_apart() {
        let wn = Synonyms::get();
        for (a, b) in [
            ("bank", "river"),
            ("ship", "transport"),
            ("victims", "dead"),
        ] {
            assert_eq!(wn.related(a, b), None, "{a} ~ {b}");
        }
    }
}
