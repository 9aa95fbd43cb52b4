//! Reference lists: the entry grammar, names, dates, and their resolution into
//! [`Reference`] records.
//!
//! [`parse_section`] reads every entry of a [`ReferenceSection`]; each entry becomes
//! exactly one record, parsed or not, with diagnostics for every repair.

pub mod date;
mod duplicates;
pub mod grammar;
mod hashing;
mod keys;
pub mod names;
mod organisation;
pub mod record;
mod resolve;
mod short_forms;
mod whitespace;

pub use record::{
    FieldProvenance, HeadKind, PartialDate, Person, Provenance, Reference, WorkFields, WorkType,
};
pub use resolve::{ParsedList, parse_section};
