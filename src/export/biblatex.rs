//! BibLaTeX for biber: news as `@article` with `entrysubtype = {newspaper}`, reports as
//! `@report`, items with no outlet as `@misc`.
//!
//! Dates are ISO (`date = {2023-11-06}`), so the day is kept. Entry types whose data
//! model requires an author (`@article`, `@report`) take the outlet as a corporate author
//! (`{{Reuters}}`) when no person is named; `@report` also gets the required `type`.

use super::bib::{self, BibEntry};
use super::work::{Work, WorkKind};
use super::{ExportError, Options, latex};
use std::io::Write;

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
    if let Some(title) = &work.title {
        e.field("title", &latex::escape_title(title, ascii));
    }
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
    if let Some(date) = work.date {
        e.field("date", &date.to_string());
    }
    if let Some(url) = &work.url {
        e.field("url", &latex::url(url));
    }
    if let Some(note) = &work.note {
        e.field("note", &latex::escape(note, ascii));
    }
    e.finish()
}
