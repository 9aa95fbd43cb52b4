//! Short-form notes: an entry that names an author of another entry by the family name
//! alone (`Niner, "Impossible Aim"` after `Niner, Holly, "…"`) is that person.

use super::hashing::FxHashMap;
use super::names;
use super::record::{HeadKind, Person, Provenance, Reference};

/// A short-form note (`Niner, "Impossible Aim"`) names an author by the family name
/// alone, written in full in another entry of the list (`Niner, Holly, "…"`), and
/// gives a short title and nothing else. An undated entry whose whole head is one such
/// name is read as that person (family name only), not as an outlet called `Niner`.
pub(super) fn read(refs: &mut [Reference]) {
    let is_candidate = |r: &Reference| {
        r.head == HeadKind::Organisation
            && r.authors.is_empty()
            && r.date_text.is_none()
            && r.note.is_none()
            && r.outlet.as_deref().is_some_and(|o| {
                let mut words = o.split_whitespace();
                words.next().is_some_and(names::is_name_word)
                    && words.next().is_none()
                    && !o.chars().all(|c| c.is_uppercase())
            })
    };
    if !refs.iter().any(is_candidate) {
        return;
    }
    let families: FxHashMap<&str, ()> = refs
        .iter()
        .filter(|r| r.head == HeadKind::People)
        .flat_map(|r| r.authors.iter().map(|p| (p.family.as_str(), ())))
        .collect();
    let found: Vec<usize> = refs
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            is_candidate(r) && families.contains_key(r.outlet.as_deref().unwrap_or(""))
        })
        .map(|(i, _)| i)
        .collect();
    for i in found {
        let r = &mut refs[i];
        let family = r.outlet.take().unwrap_or_default();
        r.authors = vec![Person::new(family, "")];
        r.head = HeadKind::People;
        r.provenance.authors = Provenance::Stated;
        r.provenance.outlet = Provenance::Missing;
    }
}
