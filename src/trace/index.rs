//! The references as an inverted index: features of each title, document frequencies
//! and postings per key (by the trace's key ids), outlet names for attribution.

use super::features::{self, Features, Key, Knowledge};
use super::fxhash::FxMap;
use super::intern::Interner;
use crate::Reference;
use crate::trace::text::tokenize;
use std::collections::HashMap;

/// References with their features, indexed by key.
pub(super) struct RefIndex<'a> {
    pub(super) refs: &'a [Reference],
    pub(super) feats: Vec<Features>,
    /// Ids of the keys of the titles, the outlets and (once added) the claims.
    pub(super) keys: Interner,
    /// BM25 IDF of each key id the titles have (ids given later are in no title).
    idf: Vec<f64>,
    /// IDF of a key no title has.
    idf_unseen: f64,
    /// Titles that have each key, by key id.
    postings: Vec<Vec<usize>>,
    pub(super) avg_len: f64,
    /// IDF mass of each title's words.
    pub(super) word_mass: Vec<f64>,
    /// Outlet and lead-author names by their first lower-case word: (entry, name, words).
    pub(super) outlet_index: HashMap<String, Vec<(usize, String, Vec<String>)>>,
    /// Each entry's outlet name (inherited along continuation lines), with the position
    /// of its features in `outlet_feats`.
    outlets: Vec<(String, usize)>,
    /// Features of each distinct outlet name (a list names a few outlets many times).
    outlet_feats: Vec<Features>,
    /// Entries by the name, acronym and initials keys of their outlets (the key ids a
    /// claim meets them with).
    outlet_postings: FxMap<u32, Vec<usize>>,
    /// Each title's key ids as stated (not implied, not carried), sorted, for kinship.
    stated: Vec<Vec<u32>>,
}

impl<'a> RefIndex<'a> {
    /// Extracts every title's features and indexes them.
    pub(super) fn build(refs: &'a [Reference], knowledge: &Knowledge) -> RefIndex<'a> {
        let mut keys = Interner::default();
        let mut feats: Vec<Features> = refs
            .iter()
            .map(|r| features::extract(r.title.as_deref().unwrap_or(&r.raw), knowledge, None))
            .collect();
        let mut postings: Vec<Vec<usize>> = Vec::new();
        for (i, f) in feats.iter_mut().enumerate() {
            keys.intern(f);
            for j in 0..f.keys.len() {
                let id = f.id(j) as usize;
                if postings.len() <= id {
                    postings.resize(id + 1, Vec::new());
                }
                postings[id].push(i);
            }
        }
        let n = refs.len() as f64;
        let idf_of = |df: usize| {
            let df = df as f64;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        };
        let idf: Vec<f64> = postings.iter().map(|p| idf_of(p.len())).collect();
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
        let mut words_of: FxMap<&str, Vec<String>> = FxMap::default();
        for (i, names) in names_of.iter().enumerate() {
            for name in names {
                let words = words_of
                    .entry(name)
                    .or_insert_with(|| tokenize(name).into_iter().map(|t| t.lower).collect())
                    .clone();
                if words.is_empty() || words.iter().all(|w| crate::trace::text::is_stop_word(w)) {
                    continue;
                }
                outlet_index
                    .entry(words[0].clone())
                    .or_default()
                    .push((i, name.clone(), words));
            }
        }
        let mut outlet_feats: Vec<Features> = Vec::new();
        let mut seen: FxMap<String, usize> = FxMap::default();
        let outlets: Vec<(String, usize)> = refs
            .iter()
            .zip(&names_of)
            .map(|(r, names)| {
                let name = r.outlet.clone().or_else(|| names.first().cloned());
                let name = name.unwrap_or_default();
                let at = *seen.entry(name.clone()).or_insert_with(|| {
                    let mut f = features::extract(&name, knowledge, None);
                    keys.intern(&mut f);
                    outlet_feats.push(f);
                    outlet_feats.len() - 1
                });
                (name, at)
            })
            .collect();
        let mut outlet_postings: FxMap<u32, Vec<usize>> = FxMap::default();
        for (i, (_, at)) in outlets.iter().enumerate() {
            let f = &outlet_feats[*at];
            for (j, k) in f.keys.iter().enumerate() {
                if matches!(k.key, Key::Short(_) | Key::Initials(_) | Key::Name(_)) {
                    let partner = keys.partner(f.id(j));
                    outlet_postings.entry(partner).or_default().push(i);
                }
            }
        }
        let mut index = RefIndex {
            refs,
            feats,
            keys,
            idf,
            idf_unseen: idf_of(0),
            postings,
            avg_len: avg_len.max(1.0),
            word_mass: Vec::new(),
            outlet_index,
            outlets,
            outlet_feats,
            outlet_postings,
            stated: Vec::new(),
        };
        index.stated = index
            .feats
            .iter()
            .map(|f| {
                let mut ids: Vec<u32> = (0..f.keys.len())
                    .filter(|&j| f.keys[j].strength >= 1.0 && !f.keys[j].inherited)
                    .map(|j| f.id(j))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        index.word_mass = index
            .feats
            .iter()
            .map(|f| {
                f.keys
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| matches!(k.key, Key::Word(_)))
                    .map(|(j, _)| index.idf(f.id(j)))
                    .sum()
            })
            .collect();
        index
    }

    /// Entry `i`'s outlet name and its features.
    pub(super) fn outlet(&self, i: usize) -> (&str, &Features) {
        let (name, at) = &self.outlets[i];
        (name, &self.outlet_feats[*at])
    }

    /// Gives ids to the keys of a claim.
    pub(super) fn intern(&mut self, f: &mut Features) {
        self.keys.intern(f);
    }

    /// BM25 inverse document frequency of a key, by id.
    pub(super) fn idf(&self, id: u32) -> f64 {
        self.idf
            .get(id as usize)
            .copied()
            .unwrap_or(self.idf_unseen)
    }

    /// The titles that have a key, by id.
    pub(super) fn postings(&self, id: u32) -> &[usize] {
        self.postings.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// The entries whose outlet a claim's key (by id) names.
    pub(super) fn outlet_postings(&self, id: u32) -> Option<&[usize]> {
        self.outlet_postings.get(&id).map(Vec::as_slice)
    }

    /// How far entries `a` and `b` report the same story: the IDF mass of the title keys
    /// they share (as stated, not implied) over the smaller title's mass, scaled by how
    /// close their dates are (0 when either date lacks a day, or they are
    /// `sibling_days` or more apart).
    pub(super) fn kinship(&self, a: usize, b: usize) -> f64 {
        let (Some(da), Some(db)) = (self.day(a), self.day(b)) else {
            return 0.0;
        };
        let gap = (da - db).num_days().unsigned_abs() as f64;
        let near = 1.0 - gap / super::tuning::TUNING.sibling_days;
        if a == b || near <= 0.0 {
            return 0.0;
        }
        let (ia, ib) = (&self.stated[a], &self.stated[b]);
        let mass = |ids: &[u32]| ids.iter().map(|&id| self.idf(id)).sum::<f64>();
        let shared: f64 = ia
            .iter()
            .filter(|id| ib.binary_search(id).is_ok())
            .map(|&id| self.idf(id))
            .sum();
        let smaller = mass(ia).min(mass(ib));
        if smaller <= 0.0 {
            return 0.0;
        }
        near * (shared / smaller).min(1.0)
    }

    /// Entry `i`'s date, when known to the day.
    pub(super) fn day(&self, i: usize) -> Option<chrono::NaiveDate> {
        self.refs[i]
            .date
            .filter(|d| d.day.is_some())
            .map(|d| d.first_day())
    }
}
