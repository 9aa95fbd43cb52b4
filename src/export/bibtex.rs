//! Classic BibTeX: `@article` (news), `@techreport` (reports), `@misc` (no outlet, or no
//! title or no date).
//!
//! Dates become `year` and a `month` macro (`month = nov`), the only date fields the
//! standard styles read. Works without authors take the outlet as a corporate author
//! (`{{Reuters}}`) where the standard styles require an author.
//!
//! The standard styles require a title and a year of `@article` and `@techreport`, and
//! nothing of `@misc`; so a news article or report lacking either is a `@misc` with the
//! outlet as `howpublished`, and nothing is made up. A `@misc` without an author gets a
//! `key` (the outlet, else the title), which the styles sort by in its place.

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
    let title = work.title.as_deref().filter(|t| !t.trim().is_empty());
    let complete = title.is_some() && work.date.is_some();
    let kind = if complete {
        work.kind
    } else {
        WorkKind::Article
    };
    let (entry_type, corporate) = match kind {
        WorkKind::NewsArticle => ("article", true),
        WorkKind::Report => ("techreport", true),
        WorkKind::Article => ("misc", false),
    };
    let mut e = BibEntry::new(entry_type, work);
    let authors = bib::authors(work, ascii, corporate);
    e.field("author", &authors);
    if authors.is_empty() {
        let key = outlet
            .clone()
            .or_else(|| title.map(|t| latex::escape(t, ascii)));
        e.field("key", &key.unwrap_or_default());
    }
    if let Some(title) = title {
        e.field("title", &latex::escape_title(title, ascii));
    }
    match (kind, &outlet) {
        (WorkKind::NewsArticle, Some(o)) => e.field("journal", o),
        (WorkKind::Report, Some(o)) => {
            e.field("institution", o);
            e.field("type", "Report");
        }
        (WorkKind::Article, Some(o)) => e.field("howpublished", o),
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
