//! Export of reference records to the formats bibliography tools read: BibTeX, BibLaTeX,
//! CSL-JSON, RIS and Hayagriva YAML.
//!
//! Every format goes through the same two steps. First [`works`] turns the parsed
//! [`Reference`]s into [`Work`]s: probable duplicates are merged (unless
//! [`Options::keep_duplicates`]) and each work gets one [`WorkKind`], so a record is a
//! newspaper article, a report or a plain article in every format alike. Then one module
//! per format writes the works, each with the same shape:
//! `write(&[Work], &mut impl Write, &Options)`.
//!
//! This module does not render citations in a style; [`crate::format`] does.
//!
//! ```
//! use reftrace::export::{self, Format, Options};
//! use reftrace::{Source, parse};
//!
//! let text = "Title\n\nBody.\n\nReuters, \"Drone attack on Erbil,\" 11/10/23\n";
//! let parsed = parse(&Source::new("a.txt", text));
//! let ris = export::to_string(&parsed.references, Format::Ris, &Options::default())?;
//! assert!(ris.starts_with("TY  - NEWS\n"));
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bib;
internal_mod!(biblatex);
internal_mod!(bibtex);
internal_mod!(combine);
internal_mod!(csl_json);
internal_mod!(fields);
internal_mod!(latex);
internal_mod!(ris);
internal_mod!(work);
internal_mod!(yaml);

pub use combine::combine;
pub use work::{Work, WorkKind, works};

use crate::refs::Reference;
use std::io::Write;

/// The formats `reftrace export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Classic BibTeX (`@article`, `@techreport`, `@misc`).
    Bibtex,
    /// BibLaTeX for biber (`@article` with `entrysubtype = {newspaper}`, `@report`, `@misc`).
    Biblatex,
    /// CSL-JSON, as pandoc, Zotero and citation-js read it.
    CslJson,
    /// RIS, as Zotero and EndNote read it.
    Ris,
    /// Hayagriva YAML, as Typst reads it.
    Yaml,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Format; 5] = [
        Format::Bibtex,
        Format::Biblatex,
        Format::CslJson,
        Format::Ris,
        Format::Yaml,
    ];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Bibtex | Format::Biblatex => "bib",
            Format::CslJson => "json",
            Format::Ris => "ris",
            Format::Yaml => "yml",
        }
    }
}

/// Choices that change what an export writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// BibTeX/BibLaTeX only: write non-ASCII text as LaTeX accent commands (for classic
    /// bibtex, which mishandles UTF-8 when it abbreviates names).
    pub ascii: bool,
    /// Keep entries that are probably the same work as separate records instead of
    /// merging them.
    pub keep_duplicates: bool,
}

/// An export that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing to the output failed.
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
    /// A serialiser refused the data.
    #[error("could not serialise the export: {0}")]
    Serialize(String),
}

/// Writes `references` in `format` to `out`.
pub fn write(
    references: &[Reference],
    format: Format,
    out: &mut impl Write,
    options: &Options,
) -> Result<(), ExportError> {
    let works = works(references, options);
    write_works(&works, format, out, options)
}

/// Writes already merged works in `format` to `out`.
pub fn write_works(
    works: &[Work],
    format: Format,
    out: &mut impl Write,
    options: &Options,
) -> Result<(), ExportError> {
    match format {
        Format::Bibtex => bibtex::write(works, out, options),
        Format::Biblatex => biblatex::write(works, out, options),
        Format::CslJson => csl_json::write(works, out, options),
        Format::Ris => ris::write(works, out, options),
        Format::Yaml => yaml::write(works, out, options),
    }
}

/// The export as a string.
pub fn to_string(
    references: &[Reference],
    format: Format,
    options: &Options,
) -> Result<String, ExportError> {
    let mut buf = Vec::new();
    write(references, format, &mut buf, options)?;
    String::from_utf8(buf).map_err(|e| ExportError::Serialize(e.to_string()))
}
