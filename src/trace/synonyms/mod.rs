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
//! Relations, strongest first: [`Relation::SameLemma`], [`Relation::Synonym`],
//! [`Relation::Derived`], [`Relation::Hypernym`] (one level, specific parents only) and the
//! weak [`Relation::Sibling`]. They are symmetric: `related(a, b) == related(b, a)`.
//!
//! Costs: the table (2.4 MB, about 71,000 lemmas) is parsed once, on first use, in tens
//! of milliseconds. After that [`Synonyms::lemma`] is two hash lookups for a known word
//! and one per fitting detachment rule for an inflected one; it allocates only when it
//! returns a word WordNet does not know that had upper-case letters, or for non-ASCII
//! input. [`Synonyms::related`] adds merges of sorted id lists, linear in the senses of
//! the two words, and for siblings a product of them (a few to a few dozen each); it
//! allocates nothing for ASCII words of up to 64 bytes.

mod morph;
#[cfg(test)]
mod tests;

use morph::BUF;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../../data/wordnet-synonyms.tsv");

/// A parent with more kinds than this is too general for its kinds to count as alike
/// ([`Relation::Sibling`]): "diplomat" (ambassador, envoy, consul) is specific, "person"
/// is not. Only noun parents count: verbs' families are loose ("get", "leave").
const MAX_SIBLINGS: u32 = 6;

/// A hypernym with more kinds than this is too general to relate them ([`Relation::Hypernym`]):
/// "truck" and "vessel" have a few kinds each, while "change", "travel" and "act" have
/// hundreds and would relate most verbs.
const MAX_KINDS: u32 = 40;

/// How two words are related, weakest first, so that `max` picks the strongest.
///
/// On 25 random related pairs each of reference-title words x article words (seed and
/// realdata files, hand-judged), about 25 Derived, 20 Synonym, 13 Hypernym and 9 Sibling
/// pairs meant the same thing in news text: weigh the weaker relations lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Two kinds of one specific thing ("ambassador", "envoy": both diplomats). Weak: it
    /// also holds for contrasts ("man", "woman"), so it must not count as support alone.
    Sibling,
    /// One is a kind of the other ("lorry" is a "truck", "ship" is a "vessel").
    Hypernym,
    /// One word is made from the other ("suspend", "suspension") in kept senses.
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
    words: Map<&'static str, Entry>,
    sets: Vec<u32>,
    derived: Vec<&'static str>,
    /// Per group id: its hypernym groups, as a range into `hyper_ids`.
    hypers: Vec<Range<u32>>,
    hyper_ids: Vec<u32>,
    /// Per group id: how many kept groups have it as a hypernym.
    children: Vec<u32>,
    /// Group ids below this are nouns.
    nouns: u32,
    exceptions: Map<&'static str, &'static str>,
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
        let mut words = Map::with_capacity_and_hasher(80_000, Default::default());
        let (mut sets, mut derived, mut exceptions) = (Vec::new(), Vec::new(), Map::default());
        let mut hyper_rows: Vec<(u32, Range<u32>)> = Vec::new();
        let mut hyper_ids = Vec::new();
        let (mut groups, mut nouns) = (0u32, 0u32);
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
                (Some("n"), Some(count), _) => nouns = count.parse().unwrap_or(0),
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
            nouns,
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
    /// "step up"): the word itself if WordNet has it, else the exception lists, else
    /// WordNet's detachment rules for nouns, verbs and adjectives. A word WordNet does not
    /// know comes back lower-cased. Allocates only when that word had upper-case letters,
    /// or for non-ASCII words.
    pub fn lemma<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let (mut buf, mut owned) = ([0u8; BUF], String::new());
        let lower = lowered(word, &mut buf, &mut owned);
        match morph::readings(self, lower)[0] {
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
    /// case), or `None` when WordNet's frequent senses do not relate them. A word that is
    /// both a lemma and an inflected form ("said", "wounded") is tried both ways; a closed
    /// compound WordNet lacks ("airstrikes") is a kind of its last word ("strikes").
    pub fn related(&self, a: &str, b: &str) -> Option<Relation> {
        let (mut buf_a, mut owned_a) = ([0u8; BUF], String::new());
        let (mut buf_b, mut owned_b) = ([0u8; BUF], String::new());
        let la = lowered(a, &mut buf_a, &mut owned_a);
        let lb = lowered(b, &mut buf_b, &mut owned_b);
        if la == lb {
            return Some(Relation::SameLemma);
        }
        let (ra, rb) = (morph::readings(self, la), morph::readings(self, lb));
        let mut best = None;
        for x in ra.iter().flatten() {
            for y in rb.iter().flatten() {
                best = best.max(self.relate(x, y));
                if best == Some(Relation::SameLemma) {
                    return best;
                }
            }
        }
        let compound = match (ra[0], rb[0]) {
            (None, Some(head)) => morph::compound_of(self, la, head),
            (Some(head), None) => morph::compound_of(self, lb, head),
            _ => false,
        };
        best.or(compound.then_some(Relation::Hypernym))
    }

    /// The strongest relation between two lemmas of the table.
    fn relate(&self, la: &str, lb: &str) -> Option<Relation> {
        if la == lb {
            return Some(Relation::SameLemma);
        }
        let (ea, eb) = (self.words.get(la)?, self.words.get(lb)?);
        let (sa, sb) = (self.slice(&ea.sets), self.slice(&eb.sets));
        if intersects(sa, sb) {
            return Some(Relation::Synonym);
        }
        if self.derived(ea).contains(&lb) || self.derived(eb).contains(&la) {
            return Some(Relation::Derived);
        }
        if self.kind_of(sa, sb) || self.kind_of(sb, sa) {
            return Some(Relation::Hypernym);
        }
        let specific = |&p: &u32| p < self.nouns && self.children[p as usize] <= MAX_SIBLINGS;
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

    fn derived(&self, entry: &Entry) -> &[&'static str] {
        &self.derived[entry.derived.start as usize..entry.derived.end as usize]
    }

    /// Whether a group of `kinds` has a hypernym among `parents` that is not too general.
    fn kind_of(&self, kinds: &[u32], parents: &[u32]) -> bool {
        kinds.iter().any(|&g| {
            let mut shared = self
                .parents(g)
                .iter()
                .filter(|p| parents.binary_search(p).is_ok());
            shared.any(|&p| self.children[p as usize] <= MAX_KINDS)
        })
    }

    /// The parents of a word's groups (its [`Synonyms::sets`]) that relate it to other
    /// words, sorted: those specific enough for a kind of them to count
    /// ([`Relation::Hypernym`]), and among them the specific noun parents that make two of
    /// their kinds alike ([`Relation::Sibling`]). With these, texts can be matched word
    /// against word by merging sorted lists, without [`Synonyms::related`]'s lookups.
    pub fn kin(&self, sets: &[u32]) -> (Vec<u32>, Vec<u32>) {
        let mut kinds = Vec::new();
        let mut family = Vec::new();
        for &g in sets {
            for &p in self.parents(g) {
                let children = self.children[p as usize];
                if children <= MAX_KINDS {
                    kinds.push(p);
                }
                if p < self.nouns && children <= MAX_SIBLINGS {
                    family.push(p);
                }
            }
        }
        for v in [&mut kinds, &mut family] {
            v.sort_unstable();
            v.dedup();
        }
        (kinds, family)
    }

    fn parents(&self, group: u32) -> &[u32] {
        let r = &self.hypers[group as usize];
        &self.hyper_ids[r.start as usize..r.end as usize]
    }

    fn slice(&self, r: &Range<u32>) -> &[u32] {
        &self.sets[r.start as usize..r.end as usize]
    }
}

/// `word` lower-cased, in `buf` when it is ASCII and short, else in `owned`.
fn lowered<'b>(word: &str, buf: &'b mut [u8; BUF], owned: &'b mut String) -> &'b str {
    match morph::lower_ascii(word, buf) {
        Some(lower) => lower,
        None => {
            *owned = word.to_lowercase();
            owned
        }
    }
}

/// FNV-1a: a fast hash for the table's short keys, which come from our own data file and
/// so need no protection against crafted collisions.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Whether two sorted id lists share an element (a linear merge).
pub(crate) fn intersects(a: &[u32], b: &[u32]) -> bool {
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
