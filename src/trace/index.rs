//! The references as an inverted index: features of each title, document frequencies
//! and postings per key, outlet names for attribution.

use super::features::{self, Features, Key, Knowledge};
use super::fxhash::FxMap;
use crate::Reference;
use crate::trace::text::tokenize;
use std::collections::HashMap;

/// References with their features, indexed by key.
pub(super) struct RefIndex<'a> {
    pub(super) refs: &'a [Reference],
    pub(super) feats: Vec<Features>,
    pub(super) df: FxMap<Key, usize>,
    pub(super) postings: FxMap<Key, Vec<usize>>,
    pub(super) avg_len: f64,
    /// IDF mass of each title's words.
    pub(super) word_mass: Vec<f64>,
    /// Outlet and lead-author names by their first lower-case word: (entry, name, words).
    pub(super) outlet_index: HashMap<String, Vec<(usize, String, Vec<String>)>>,
    /// Features of each entry's outlet name (inherited along continuation lines).
    pub(super) outlets: Vec<(String, Features)>,
    /// Entries by the name, acronym and initials keys of their outlets.
    pub(super) outlet_postings: FxMap<Key, Vec<usize>>,
}

impl<'a> RefIndex<'a> {
    /// Extracts every title's features and indexes them.
    pub(super) fn build(refs: &'a [Reference], knowledge: &Knowledge) -> RefIndex<'a> {
        let feats: Vec<Features> = refs
            .iter()
            .map(|r| features::extract(r.title.as_deref().unwrap_or(&r.raw), knowledge, None))
            .collect();
        let mut df: FxMap<Key, usize> = FxMap::default();
        let mut postings: FxMap<Key, Vec<usize>> = FxMap::default();
        for (i, f) in feats.iter().enumerate() {
            for k in &f.keys {
                *df.entry(k.key.clone()).or_default() += 1;
                postings.entry(k.key.clone()).or_default().push(i);
            }
        }
        let avg_len =
            feats.iter().map(|f| f.length as f64).sum::<f64>() / feats.len().max(1) as f64;
        // Outlet of each entry, inherited along continuation lines (`- "Title," date`).
        let mut names_of: Vec<Vec<String>> = Vec::new();
        for r in refs {
            let mut names: Vec<String> = r.outlet.iter().cloned().collect();
            if let Some(a) = r.authors.first() {
                names.push(a.family.clone());
            }
            if names.is_empty()
                && let Some(prev) = r.continues.and_then(|c| names_of.get(c.saturating_sub(1)))
            {
                names = prev.clone();
            }
            names_of.push(names);
        }
        let mut outlet_index: HashMap<String, Vec<(usize, String, Vec<String>)>> = HashMap::new();
        for (i, names) in names_of.iter().enumerate() {
            for name in names {
                let words: Vec<String> = tokenize(name).into_iter().map(|t| t.lower).collect();
                if words.is_empty() || words.iter().all(|w| crate::trace::text::is_stop_word(w)) {
                    continue;
                }
                outlet_index
                    .entry(words[0].clone())
                    .or_default()
                    .push((i, name.clone(), words));
            }
        }
        let outlets: Vec<(String, Features)> = refs
            .iter()
            .zip(&names_of)
            .map(|(r, names)| {
                let name = r.outlet.clone().or_else(|| names.first().cloned());
                let name = name.unwrap_or_default();
                let f = features::extract(&name, knowledge, None);
                (name, f)
            })
            .collect();
        let mut outlet_postings: FxMap<Key, Vec<usize>> = FxMap::default();
        for (i, (_, f)) in outlets.iter().enumerate() {
            for k in &f.keys {
                if matches!(k.key, Key::Short(_) | Key::Initials(_) | Key::Name(_)) {
                    outlet_postings.entry(k.key.partner()).or_default().push(i);
                }
            }
        }
        let mut index = RefIndex {
            refs,
            feats,
            df,
            postings,
            avg_len: avg_len.max(1.0),
            word_mass: Vec::new(),
            outlet_index,
            outlets,
            outlet_postings,
        };
        index.word_mass = index
            .feats
            .iter()
            .map(|f| {
                f.keys
                    .iter()
                    .filter(|k| matches!(k.key, Key::Word(_)))
                    .map(|k| index.idf(&k.key))
                    .sum()
            })
            .collect();
        index
    }

    /// BM25 inverse document frequency of a key.
    pub(super) fn idf(&self, key: &Key) -> f64 {
        let n = self.refs.len() as f64;
        let df = *self.df.get(key).unwrap_or(&0) as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}
