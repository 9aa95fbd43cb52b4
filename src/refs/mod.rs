//! Reference lists: the entry grammar, names, dates, and their resolution into
//! [`Reference`] records.
//!
//! [`parse_section`] reads every entry of a [`ReferenceSection`](crate::article::ReferenceSection); each entry becomes
//! exactly one record, parsed or not, with diagnostics for every repair.

pub mod date;
mod duplicates;
pub mod grammar;
mod hashing;
pub mod json;
mod keys;
pub mod names;
pub(crate) mod organisation;
pub(crate) mod quotes;
pub mod record;
mod resolve;
mod short_forms;
pub mod stream;
pub(crate) mod whitespace;

pub use record::{
    Contributor, FieldProvenance, HeadKind, PartialDate, Person, Provenance, Reference, Role,
    WorkFields, WorkType,
};
pub use keys::{KeyStem, Keys, StemBuffers};
pub use stream::{ListPlan, ParsedList, Records, parse_section, plan};

/// Gives every record a citation key, unique within `refs` and stable across runs (as
/// [`parse_section`] does for news entries); for lists read by another reader.
pub fn assign_keys(refs: &mut [Reference]) {
    let mut buffers = keys::StemBuffers::default();
    let stems: Vec<keys::KeyStem> = refs
        .iter()
        .map(|r| keys::KeyStem::of(r, &mut buffers))
        .collect();
    keys::assign(refs, &stems);
}

/// Gives records their citation keys one at a time, in list order: the keys
/// [`assign_keys`] gives a whole list, for a list whose records are streamed.
#[derive(Debug, Default)]
pub struct KeyStream {
    keys: keys::Keys,
    buffers: keys::StemBuffers,
}

impl KeyStream {
    /// Room for `n` keys.
    pub fn with_capacity(n: usize) -> KeyStream {
        KeyStream {
            keys: keys::Keys::with_capacity(n),
            buffers: keys::StemBuffers::default(),
        }
    }

    /// Sets the key of `r`, the next record of the list.
    pub fn assign(&mut self, r: &mut Reference) {
        let stem = keys::KeyStem::of(r, &mut self.buffers);
        r.key = self.keys.next(&stem);
    }
}
