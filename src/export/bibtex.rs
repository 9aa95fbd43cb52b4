//! Classic BibTeX: `@article` (news), `@techreport` (reports), `@misc` (no outlet).
//!
//! Dates become `year` and a `month` macro (`month = nov`), the only date fields the
//! standard styles read. Works without authors take the outlet as a corporate author
//! (`{{Reuters}}`) where the standard styles require an author.

use super::bib::{self, BibEntry};
use super::work::{Work, WorkKind};
use super::{ExportError, Options, latex};
use std::io::Write;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Writes every work as a BibTeX entry.
pub fn write(works: &[Work], out: &mut impl Write, options: &Options) -> Result<(), ExportError> {
    for work in works {
        out.write_all(entry(work, options).as_bytes())?;
    }
    Ok(())
}

/// One BibTeX entry.
pub fn entry(work: &Work, options: &Options) -> String {
    let ascii = options.ascii;
    let outlet = work.outlet.as_deref().map(|o| latex::escape(o, ascii));
    let (entry_type, corporate) = match work.kind {
        WorkKind::NewsArticle => ("article", true),
        WorkKind::Report => ("techreport", true),
        WorkKind::Article => ("misc", false),
    };
    let mut e = BibEntry::new(entry_type, work);
    e.field("author", &bib::authors(work, ascii, corporate));
    if let Some(title) = &work.title {
        e.field("title", &latex::escape_title(title, ascii));
    }
    match (work.kind, &outlet) {
        (WorkKind::NewsArticle, Some(o)) => e.field("journal", o),
        (WorkKind::Report, Some(o)) => {
            e.field("institution", o);
            e.field("type", "Report");
        }
        _ => {}
    }
    if let Some(date) = work.date {
        e.field("year", &date.year.to_string());
        if let Some(m) = date
            .month
            .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)))
        {
            e.bare("month", m);
        }
    }
    if let Some(url) = &work.url {
        e.field("url", &latex::url(url));
    }
    if let Some(note) = &work.note {
        e.field("note", &latex::escape(note, ascii));
    }
    e.finish()
}
