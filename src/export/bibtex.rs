//! Classic BibTeX: `@article` (news and journal articles), `@techreport` (reports),
//! `@book`, `@incollection` (chapters), `@inproceedings`, `@phdthesis` and
//! `@mastersthesis`, and `@misc` (no outlet, or no title or no date).
//!
//! Dates become `year` and a `month` macro (`month = nov`), the only date fields the
//! standard styles read. Works without authors take the outlet as a corporate author
//! (`{{Reuters}}`) where the standard styles require an author. Pages are written with
//! `--`, an edition as the word the standard styles expect before `edition`
//! (`Second`), the university of a thesis as `school`, its place as `address`.
//!
//! The standard styles require a title and a year of every type but `@misc`, and of
//! each type its own fields (a journal, a book title, a publisher, a school, an
//! institution, an author or for a book an editor); a work lacking any of them is a
//! `@misc` with its container or outlet as `howpublished`, and nothing is made up. A
//! `@misc` without an author gets a `key` (the outlet, else the title), which the styles
//! sort by in its place.

use super::bib::{self, BibEntry};
use super::fields;
use super::work::{Work, WorkKind};
use super::{ExportError, Options, latex};
use std::io::Write;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const ORDINALS: [&str; 10] = [
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
];

/// Writes every work as a BibTeX entry.
pub fn write(works: &[Work], out: &mut impl Write, options: &Options) -> Result<(), ExportError> {
    for work in works {
        out.write_all(entry(work, options).as_bytes())?;
    }
    Ok(())
}

/// The entry type of a work, when it has what the standard styles require of it, and
/// whether the outlet stands in as a corporate author.
fn entry_type(work: &Work) -> Option<(&'static str, bool)> {
    let title = work.title.as_deref().is_some_and(|t| !t.trim().is_empty());
    if !title || work.date.is_none() {
        return None;
    }
    let people = !work.authors.is_empty();
    let corporate = people || work.outlet.is_some();
    let container = work.container().is_some();
    let publisher = work.publisher().is_some();
    let thesis = |genre: Option<&str>| {
        let lower = genre.unwrap_or("").to_lowercase();
        if lower.contains("master") || lower.contains("m.a.") {
            "mastersthesis"
        } else {
            "phdthesis"
        }
    };
    Some(match work.kind {
        WorkKind::NewsArticle if container && corporate => ("article", true),
        WorkKind::Report if publisher && corporate => ("techreport", true),
        WorkKind::JournalArticle if people && container => ("article", false),
        WorkKind::Book if (people || !work.fields.editors.is_empty()) && publisher => {
            ("book", false)
        }
        WorkKind::Chapter if people && container && publisher => ("incollection", false),
        WorkKind::ConferencePaper if people && container => ("inproceedings", false),
        WorkKind::Thesis if people && publisher => (thesis(work.fields.genre.as_deref()), false),
        _ => return None,
    })
}

/// One BibTeX entry.
pub fn entry(work: &Work, options: &Options) -> String {
    let ascii = options.ascii;
    let esc = |s: &str| latex::escape(s, ascii);
    let text = |s: &Option<String>| s.as_deref().map(esc).unwrap_or_default();
    let f = &work.fields;
    let (entry_type, corporate) = entry_type(work).unwrap_or(("misc", false));
    let mut e = BibEntry::new(entry_type, work);
    let authors = bib::authors(work, ascii, corporate);
    e.field("author", &authors);
    let editors = bib::names(&f.editors, ascii);
    // `@book` takes an author or an editor, never both (plain warns).
    let book_with_author = entry_type == "book" && !authors.is_empty();
    if !book_with_author {
        e.field("editor", &editors);
    }
    let container = work.container().map(esc);
    let outlet = work.outlet.as_deref().map(esc);
    if authors.is_empty() && editors.is_empty() {
        let key = outlet.clone().or_else(|| {
            work.title
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(esc)
        });
        e.field("key", &key.unwrap_or_default());
    }
    if let Some(title) = work.title.as_deref().filter(|t| !t.trim().is_empty()) {
        e.field("title", &latex::escape_title(title, ascii));
    }
    let publisher = work.publisher().map(esc).unwrap_or_default();
    match entry_type {
        "article" => e.field("journal", &container.unwrap_or_default()),
        "incollection" | "inproceedings" => e.field("booktitle", &container.unwrap_or_default()),
        "techreport" => {
            e.field("institution", &publisher);
            e.field(
                "type",
                &f.genre.as_deref().map(esc).unwrap_or("Report".into()),
            );
        }
        "phdthesis" | "mastersthesis" => {
            e.field("school", &publisher);
            e.field("type", &text(&f.genre));
        }
        "book" => {}
        // A `@misc` keeps what says where the work is found: its container or outlet,
        // else its publisher (a film's studio, a program's maker), and its genre.
        _ => {
            let by = (!publisher.is_empty()).then(|| publisher.clone());
            e.field("howpublished", &container.or(outlet).or(by).unwrap_or_default());
            e.field("type", &text(&f.genre));
        }
    }
    if matches!(entry_type, "book" | "incollection" | "inproceedings") {
        e.field("publisher", &publisher);
    }
    if entry_type != "misc" {
        e.field("address", &text(&f.location));
        e.field("series", &text(&f.collection_title));
        e.field("volume", &text(&f.volume));
    }
    if entry_type == "article" {
        e.field("number", &text(&f.issue));
    }
    if matches!(entry_type, "book" | "incollection") {
        let edition = match work.edition_number() {
            Some(n) => ORDINALS
                .get(n as usize - 1)
                .map_or_else(|| format!("{n}th"), |w| w.to_string()),
            None => text(&f.edition),
        };
        e.field("edition", &edition);
    }
    if let Some((first, last)) = work.page_range() {
        let pages = match last {
            Some(last) => format!("{}--{}", esc(first), esc(last)),
            None => esc(first),
        };
        e.field("pages", &pages);
    }
    if let Some(date) = work.date {
        match f.date_end {
            // BibTeX's year is text: a range is written as one.
            Some(end) if end.year != date.year => {
                e.field("year", &format!("{}--{}", date.year, end.year));
            }
            _ => e.field("year", &date.year.to_string()),
        }
        if let Some(m) = date
            .month
            .and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)))
        {
            e.bare("month", m);
        }
    }
    e.field("isbn", &text(&f.isbn));
    if let Some(doi) = f.doi.as_deref().filter(|d| !d.trim().is_empty()) {
        e.field("doi", &latex::url(doi));
    }
    if let Some(url) = &work.url {
        e.field("url", &latex::url(url));
    }
    let mut note: Vec<String> = work.note.as_deref().map(esc).into_iter().collect();
    if book_with_author && !editors.is_empty() {
        note.push(format!("Edited by {editors}"));
    }
    if let Some(version) = f.version.as_deref().filter(|v| !v.trim().is_empty()) {
        note.push(format!("Version {}", esc(version)));
    }
    if !f.translators.is_empty() {
        note.push(format!("Translated by {}", bib::names(&f.translators, ascii)));
    }
    note.extend(bib::credits(work, ascii));
    e.field("note", &fields::sentences(&note));
    e.finish()
}
