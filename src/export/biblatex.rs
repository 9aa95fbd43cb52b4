//! BibLaTeX for biber: news as `@article` with `entrysubtype = {newspaper}`, reports as
//! `@report`, items with no outlet as `@misc`.
//!
//! Dates are ISO (`date = {2023-11-06}`), so the day is kept. Entry types whose data
//! model requires an author (`@article`, `@report`) take the outlet as a corporate author
//! (`{{Reuters}}`) when no person is named; `@report` also gets the required `type`.
//!
//! Every one of these types requires a title and a date in biber's data model, and no
//! type that can hold an author and a title does without them. A record with no date
//! states the year as unknown in ISO 8601-2 notation, `date = {XXXX}` (biblatex's
//! "unspecified" digits), never a guessed year; a record with no title gets
//! [`UNTITLED`], the square brackets marking it, as cataloguers do, as a description
//! supplied for a work without a title.

use super::bib::{self, BibEntry};
use super::work::{Work, WorkKind};
use super::{ExportError, Options, latex};
use std::io::Write;

/// The title of a record that has none (biber requires one for every entry type).
pub const UNTITLED: &str = "[Untitled]";

/// The date of a record that has none: ISO 8601-2 for "year unspecified", which biber
/// accepts as a date without inventing one.
pub const UNKNOWN_DATE: &str = "XXXX";

/// Writes every work as a BibLaTeX entry.
pub fn write(works: &[Work], out: &mut impl Write, options: &Options) -> Result<(), ExportError> {
    for work in works {
        out.write_all(entry(work, options).as_bytes())?;
    }
    Ok(())
}

/// One BibLaTeX entry.
pub fn entry(work: &Work, options: &Options) -> String {
    let ascii = options.ascii;
    let outlet = work.outlet.as_deref().map(|o| latex::escape(o, ascii));
    let (entry_type, corporate) = match work.kind {
        WorkKind::NewsArticle => ("article", true),
        WorkKind::Report => ("report", true),
        WorkKind::Article => ("misc", false),
    };
    let mut e = BibEntry::new(entry_type, work);
    e.field("author", &bib::authors(work, ascii, corporate));
    let title = work
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(UNTITLED);
    e.field("title", &latex::escape_title(title, ascii));
    match (work.kind, &outlet) {
        (WorkKind::NewsArticle, Some(o)) => {
            e.field("journaltitle", o);
            e.field("entrysubtype", "newspaper");
        }
        (WorkKind::Report, Some(o)) => {
            e.field("institution", o);
            e.field("type", "Report");
        }
        _ => {}
    }
    match work.date {
        Some(date) => e.field("date", &date.to_string()),
        None => e.field("date", UNKNOWN_DATE),
    }
    if let Some(url) = &work.url {
        e.field("url", &latex::url(url));
    }
    if let Some(note) = &work.note {
        e.field("note", &latex::escape(note, ascii));
    }
    e.finish()
}
