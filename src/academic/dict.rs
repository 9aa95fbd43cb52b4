//! The word dictionary of the tagger: for each word seen in training, how often it
//! stood in names, titles, containers, publishers, places, dates, numbers or other
//! fields. The tagger reads a word's shares as features, as AnyStyle reads its name,
//! place and journal dictionaries; ours is built from the training data only.
//!
//! While training, each half of the data is read with the dictionary of the other half,
//! so that the model learns how far to trust the dictionary on words it may not hold.

use super::dataset::Sequence;
use super::label::Label;
use super::table::Table;
use super::tokens::core;
use std::collections::HashMap;

/// Number of word groups.
pub const GROUPS: usize = 8;

fn group(l: Label) -> usize {
    match l {
        Label::Author | Label::Editor | Label::Translator => 0,
        Label::Title => 1,
        Label::Journal | Label::ContainerTitle | Label::CollectionTitle => 2,
        Label::Publisher => 3,
        Label::Location => 4,
        Label::Date => 5,
        Label::Volume | Label::Pages | Label::CitationNumber => 6,
        _ => 7,
    }
}

/// Words → a level (0–3) of each group's share, two bits a group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dict {
    words: HashMap<String, u16>,
    /// The same levels keyed by a hash of the word, for fast lookups: `(hash,
    /// levels)` slots, whose slot can be asked for ahead of the lookup.
    fast: Table<(u64, u16)>,
}

fn word_hash(word: &str) -> u64 {
    // FNV-1a, then a multiply to spread the bits over the whole word.
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in word.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1
}

/// The key of a word: lower case, without wrapping punctuation; `None` for words that
/// are only digits or too short to tell.
pub fn key(word: &str) -> Option<String> {
    let c = core(word);
    if c.chars().count() < 2 || c.chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    Some(c.to_lowercase())
}

impl Dict {
    /// A dictionary of `list`; of two words of one hash, the first in `list` is kept.
    fn with_words(list: Vec<(String, u16)>) -> Dict {
        let mut fast: Table<(u64, u16)> = Table::with_slots(list.len() * 2 + 16);
        for (w, l) in &list {
            let h = word_hash(w);
            let i = fast.place(h);
            if fast.slots()[i].0 == 0 {
                *fast.slot_mut(i) = (h, *l);
            }
        }
        Dict {
            words: list.into_iter().collect(),
            fast,
        }
    }

    /// Counts the words of `seqs`; keeps words seen at least twice.
    pub fn build(seqs: &[&Sequence]) -> Dict {
        let mut counts: HashMap<String, [u32; GROUPS]> = HashMap::new();
        for s in seqs {
            for (tag, text) in &s.segments {
                let g = group(Label::from_tag(tag));
                for w in text.split_whitespace() {
                    if let Some(k) = key(w) {
                        counts.entry(k).or_default()[g] += 1;
                    }
                }
            }
        }
        let mut words: Vec<(String, u16)> = counts
            .into_iter()
            .filter_map(|(k, c)| {
                let total: u32 = c.iter().sum();
                (total >= 2).then(|| {
                    let mut bits = 0u16;
                    for (g, n) in c.iter().enumerate() {
                        let share = *n as f32 / total as f32;
                        let level = if share >= 0.8 {
                            3
                        } else if share >= 0.4 {
                            2
                        } else if share >= 0.1 {
                            1
                        } else {
                            0
                        };
                        bits |= level << (2 * g);
                    }
                    (k, bits)
                })
            })
            .collect();
        words.sort_unstable();
        Dict::with_words(words)
    }

    /// The group levels of a word, two bits a group; 0 for unknown words.
    pub fn levels(&self, key: &str) -> u16 {
        self.levels_by(word_hash(key))
    }

    /// [`Dict::levels`] of the word of hash `h` ([`Dict::hash`]).
    pub fn levels_by(&self, h: u64) -> u16 {
        self.fast.get(h).map_or(0, |s| s.1)
    }

    /// The hash a word is looked up by.
    pub fn hash(key: &str) -> u64 {
        word_hash(key)
    }

    /// Asks for the slot where the lookup of hash `h` starts to be brought into the
    /// cache.
    pub fn prefetch(&self, h: u64) {
        self.fast.prefetch(h);
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words and their levels, sorted, for writing.
    pub fn entries(&self) -> Vec<(&str, u16)> {
        let mut v: Vec<_> = self.words.iter().map(|(k, b)| (k.as_str(), *b)).collect();
        v.sort_unstable();
        v
    }

    /// A dictionary from written entries.
    pub fn from_entries(entries: impl IntoIterator<Item = (String, u16)>) -> Dict {
        Dict::with_words(entries.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_become_levels() {
        let a = Sequence {
            segments: vec![
                ("author".into(), "Smith, J.".into()),
                ("journal".into(), "Nature".into()),
            ],
        };
        let b = Sequence {
            segments: vec![
                ("author".into(), "Smith, K.".into()),
                ("journal".into(), "Nature.".into()),
            ],
        };
        let d = Dict::build(&[&a, &b]);
        assert_eq!(d.levels("smith") & 3, 3);
        assert_eq!((d.levels("nature") >> 4) & 3, 3);
        assert_eq!(d.levels("unknown"), 0);
        assert_eq!(key("12,"), None);
        assert_eq!(key("“Nature,”").as_deref(), Some("nature"));
    }
}
