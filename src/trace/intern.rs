//! Keys as small numbers for one trace. Every (claim, reference) pair looks up each key
//! of the claim in the title and weighs it by its document frequency; with each distinct
//! [`Key`] given an id once, those lookups compare integers instead of hashing strings,
//! and the frequencies sit in tables indexed by id.
//!
//! The ids mean nothing outside the trace that made them.

use super::features::{Features, Key};
use super::fxhash::FxMap;

/// Ids of the keys seen so far, and the id each one meets in another text.
#[derive(Debug, Default)]
pub(super) struct Interner {
    ids: FxMap<Key, u32>,
    /// Per id, the id of [`Key::partner`]: an acronym's initials and back, else itself.
    partner: Vec<u32>,
}

impl Interner {
    /// The id of a key, given on first sight. An acronym and its initials are given ids
    /// together, so that each has a partner.
    pub(super) fn id(&mut self, key: &Key) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.fresh(key.clone());
        if matches!(key, Key::Short(_) | Key::Initials(_)) {
            let other = key.partner();
            let pid = match self.ids.get(&other) {
                Some(&p) => p,
                None => self.fresh(other),
            };
            self.partner[id as usize] = pid;
            self.partner[pid as usize] = id;
        }
        id
    }

    fn fresh(&mut self, key: Key) -> u32 {
        let id = self.partner.len() as u32;
        self.ids.insert(key, id);
        self.partner.push(id);
        id
    }

    /// The id of the key a text must have to meet key `id` of another text.
    pub(super) fn partner(&self, id: u32) -> u32 {
        self.partner[id as usize]
    }

    /// How many ids were given.
    pub(super) fn len(&self) -> usize {
        self.partner.len()
    }

    /// Gives ids to every key and name word of a text.
    pub(super) fn intern(&mut self, f: &mut Features) {
        let ids: Vec<u32> = f.keys.iter().map(|k| self.id(&k.key)).collect();
        let names: Vec<Vec<u32>> = f
            .names
            .iter()
            .map(|n| {
                n.core
                    .iter()
                    .map(|p| self.id(&Key::Name(p.as_str().into())))
                    .collect()
            })
            .collect();
        f.set_ids(ids, names);
    }
}
