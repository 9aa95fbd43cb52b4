//! Short-form notes: an entry that names an author of another entry by the family name
//! alone (`Niner, "Impossible Aim"` after `Niner, Holly, "…"`) is that person.
//!
//! A short-form note (`Niner, "Impossible Aim"`) names an author by the family name
//! alone, written in full in another entry of the list (`Niner, Holly, "…"`), and
//! gives a short title and nothing else. An undated entry whose whole head is one such
//! name is read as that person (family name only), not as an outlet called `Niner`.
//! The other entry may come before or after the note, so the list's family names are
//! gathered first ([`Families`]) and each note is read with them ([`apply`]).

use super::hashing::FxHashSet;
use super::names;
use super::record::{HeadKind, Person, Provenance, Reference};

/// The family names of the people-led entries of a list.
pub(super) type Families = FxHashSet<String>;

/// Whether a one-word head with no date could be a short-form note: a name word, not
/// an acronym. Checked on the head as written, before the entry is resolved.
pub(super) fn could_be_note(head: &str) -> bool {
    let mut words = head.split_whitespace();
    words.next().is_some_and(names::is_name_word)
        && words.next().is_none()
        && !head.chars().all(|c| c.is_uppercase())
}

/// Whether the resolved record `r` reads like a short-form note: an organisation head
/// of one name word, no date, nothing after the title.
fn is_candidate(r: &Reference) -> bool {
    r.head == HeadKind::Organisation
        && r.authors.is_empty()
        && r.date_text.is_none()
        && r.note.is_none()
        && r.outlet.as_deref().is_some_and(could_be_note)
}

/// Adds the family names of `r`, when it is people-led, to `families`.
pub(super) fn gather(r: &Reference, families: &mut Families) {
    if r.head == HeadKind::People {
        for p in &r.authors {
            if !families.contains(p.family.as_str()) {
                families.insert(p.family.clone());
            }
        }
    }
}

/// Reads `r` as a short-form note of a person when it is one and its name is among
/// the list's `families`.
pub(super) fn apply(r: &mut Reference, families: &Families) {
    if !is_candidate(r) || !families.contains(r.outlet.as_deref().unwrap_or("")) {
        return;
    }
    let family = r.outlet.take().unwrap_or_default();
    r.authors = vec![Person::new(family, "")];
    r.head = HeadKind::People;
    r.provenance.authors = Provenance::Stated;
    r.provenance.outlet = Provenance::Missing;
}
