//! BibLaTeX for biber: news as `@article` with `entrysubtype = {newspaper}`, reports as
//! `@report`, items with no outlet as `@misc`, and academic works as `@article`
//! (`journaltitle`, `volume`, `number`, `pages`), `@book` (or `@collection` when only
//! editors are named), `@incollection` (`@inbook` without editors), `@inproceedings`,
//! `@thesis` (`type`, `institution`) and `@online`.
//!
//! Dates are ISO (`date = {2023-11-06}`), so the day is kept. Entry types whose data
//! model requires an author (`@article`, `@report`) take the outlet as a corporate author
//! (`{{Reuters}}`) when a news record names no person; an academic work lacking what its
//! type requires in biber's data model (an author, a container, an institution, a URL)
//! is written as `@misc`, with its container as `howpublished`. Each type gets only the
//! fields its data model allows; what it cannot hold (an ISBN of a journal article, the
//! translators of a conference paper, an ISBN whose check digit fails, which biber
//! refuses) goes to `addendum`, so nothing is dropped.
//!
//! Every one of these types requires a title and a date in biber's data model, and no
//! type that can hold an author and a title does without them. A record with no date
//! states the year as unknown in ISO 8601-2 notation, `date = {XXXX}` (biblatex's
//! "unspecified" digits), never a guessed year; a record with no title gets
//! [`UNTITLED`], the square brackets marking it, as cataloguers do, as a description
//! supplied for a work without a title.

use super::bib::{self, BibEntry};
use super::fields;
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

/// The BibLaTeX entry types reftrace writes, each with the fields (beyond author,
/// title, date, doi, url, note and addendum) its data model allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BibType {
    Article,
    Book,
    Collection,
    InBook,
    InCollection,
    InProceedings,
    Report,
    Thesis,
    Online,
    Dataset,
    Software,
    Misc,
}

impl BibType {
    fn name(self) -> &'static str {
        match self {
            BibType::Article => "article",
            BibType::Book => "book",
            BibType::Collection => "collection",
            BibType::InBook => "inbook",
            BibType::InCollection => "incollection",
            BibType::InProceedings => "inproceedings",
            BibType::Report => "report",
            BibType::Thesis => "thesis",
            BibType::Online => "online",
            BibType::Dataset => "dataset",
            BibType::Software => "software",
            BibType::Misc => "misc",
        }
    }

    /// Fields of biblatex's data model (`blx-dm.def`) for this type that we write.
    fn allows(self, field: &str) -> bool {
        const BOOKLIKE: &[&str] = &[
            "editor",
            "translator",
            "edition",
            "series",
            "volume",
            "publisher",
            "location",
            "isbn",
        ];
        let extra: &[&str] = match self {
            BibType::Article => &[
                "editor",
                "translator",
                "journaltitle",
                "series",
                "volume",
                "number",
                "pages",
                "entrysubtype",
            ],
            BibType::Book | BibType::Collection => BOOKLIKE,
            BibType::InBook | BibType::InCollection => {
                return BOOKLIKE.contains(&field) || matches!(field, "booktitle" | "pages");
            }
            BibType::InProceedings => &[
                "editor",
                "booktitle",
                "series",
                "volume",
                "pages",
                "publisher",
                "location",
                "isbn",
            ],
            BibType::Report => &[
                "institution",
                "type",
                "number",
                "location",
                "pages",
                "version",
            ],
            BibType::Thesis => &["institution", "type", "location", "pages"],
            BibType::Online => &["editor", "organization", "version"],
            BibType::Dataset => &[
                "editor",
                "edition",
                "location",
                "number",
                "organization",
                "publisher",
                "series",
                "type",
                "version",
            ],
            BibType::Software | BibType::Misc => &[
                "editor",
                "howpublished",
                "location",
                "organization",
                "type",
                "version",
            ],
        };
        extra.contains(&field)
    }
}

/// The type of a work, and whether its outlet stands in as a corporate author.
fn bib_type(work: &Work) -> (BibType, bool) {
    let people = !work.authors.is_empty();
    let container = work.container().is_some();
    let corporate = people || work.outlet.is_some();
    match work.kind {
        WorkKind::NewsArticle if container && corporate => (BibType::Article, true),
        WorkKind::Report if work.publisher().is_some() && corporate => (BibType::Report, true),
        WorkKind::JournalArticle if people && container => (BibType::Article, false),
        WorkKind::Book if people => (BibType::Book, false),
        WorkKind::Book if !work.fields.editors.is_empty() => (BibType::Collection, false),
        WorkKind::Chapter if people && container => {
            if work.fields.editors.is_empty() {
                (BibType::InBook, false)
            } else {
                (BibType::InCollection, false)
            }
        }
        WorkKind::ConferencePaper if people && container => (BibType::InProceedings, false),
        WorkKind::Thesis if people && work.publisher().is_some() => (BibType::Thesis, false),
        WorkKind::Webpage if work.url.is_some() || work.fields.doi.is_some() => {
            (BibType::Online, false)
        }
        WorkKind::Dataset => (BibType::Dataset, false),
        WorkKind::Software => (BibType::Software, false),
        _ => (BibType::Misc, false),
    }
}

/// An entry of one type: fields it allows are written, the others kept in `addendum`.
struct Fields {
    entry: BibEntry,
    kind: BibType,
    addendum: Vec<String>,
}

impl Fields {
    /// Writes `name` when the type allows it, else adds `label: value` to the addendum.
    fn put(&mut self, name: &str, escaped: &str, label: &str) {
        if escaped.is_empty() {
            return;
        }
        if self.kind.allows(name) {
            self.entry.field(name, escaped);
        } else {
            self.addendum.push(format!("{label}: {escaped}"));
        }
    }
}

/// The `type` of a thesis: biblatex's localised keys for doctoral and master's theses,
/// else the genre as written, else `Thesis`.
fn thesis_type(genre: Option<&str>, ascii: bool) -> String {
    let Some(genre) = genre.filter(|g| !g.trim().is_empty()) else {
        return "Thesis".into();
    };
    let lower = genre.to_lowercase();
    if ["phd", "ph.d", "doctoral", "doctorate", "dissertation"]
        .iter()
        .any(|w| lower.contains(w))
    {
        "phdthesis".into()
    } else if lower.contains("master") || lower.starts_with("ma ") || lower.contains("m.a.") {
        "mathesis".into()
    } else {
        latex::escape(genre, ascii)
    }
}

/// One BibLaTeX entry.
pub fn entry(work: &Work, options: &Options) -> String {
    let ascii = options.ascii;
    let esc = |s: &str| latex::escape(s, ascii);
    let text = |s: &Option<String>| s.as_deref().map(esc).unwrap_or_default();
    let (kind, corporate) = bib_type(work);
    let f = &work.fields;
    let mut e = Fields {
        entry: BibEntry::new(kind.name(), work),
        kind,
        addendum: Vec::new(),
    };
    let authors = bib::authors(work, ascii, corporate);
    e.entry.field("author", &authors);
    let editors = bib::names(&f.editors, ascii);
    e.put("editor", &editors, "Edited by");
    e.put(
        "translator",
        &bib::names(&f.translators, ascii),
        "Translated by",
    );
    e.addendum.extend(bib::credits(work, ascii));
    let title = work
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(UNTITLED);
    e.entry.field("title", &latex::escape_title(title, ascii));
    let container = work.container().map(esc);
    let publisher = work.publisher().map(esc);
    match kind {
        BibType::Article => {
            e.put("journaltitle", &container.unwrap_or_default(), "In");
            if work.kind == WorkKind::NewsArticle {
                e.put("entrysubtype", "newspaper", "");
            }
        }
        BibType::InBook | BibType::InCollection | BibType::InProceedings => {
            e.put("booktitle", &container.unwrap_or_default(), "In");
        }
        BibType::Report => {
            e.put("institution", &publisher.clone().unwrap_or_default(), "");
            let genre = f.genre.as_deref().map(esc);
            e.put("type", &genre.unwrap_or_else(|| "Report".into()), "");
        }
        BibType::Thesis => {
            e.put("institution", &publisher.clone().unwrap_or_default(), "");
            e.put("type", &thesis_type(f.genre.as_deref(), ascii), "");
        }
        BibType::Online => e.put("organization", &container.unwrap_or_default(), "In"),
        BibType::Misc => {
            e.put("howpublished", &container.unwrap_or_default(), "In");
            e.put("type", &text(&f.genre), "");
        }
        // A data set's repository (`Zenodo`) is its organization; a program's
        // publisher is, the type having no `publisher`.
        BibType::Dataset => {
            e.put("organization", &container.unwrap_or_default(), "In");
            e.put("type", &text(&f.genre), "");
        }
        BibType::Software => {
            e.put("howpublished", &container.unwrap_or_default(), "In");
            e.put("organization", &publisher.clone().unwrap_or_default(), "");
            e.put("type", &text(&f.genre), "");
        }
        BibType::Book | BibType::Collection => {}
    }
    if !matches!(kind, BibType::Report | BibType::Thesis | BibType::Software) {
        e.put("publisher", &publisher.unwrap_or_default(), "Publisher");
    }
    e.put("series", &text(&f.collection_title), "Series");
    e.put("volume", &text(&f.volume), "Volume");
    let issue_field = if kind == BibType::Article {
        "number"
    } else {
        "issue"
    };
    e.put(issue_field, &text(&f.issue), "Issue");
    let edition = match work.edition_number() {
        Some(n) => n.to_string(),
        None => text(&f.edition),
    };
    e.put("edition", &edition, "Edition");
    e.put("version", &text(&f.version), "Version");
    if let Some((first, last)) = work.page_range() {
        let pages = match last {
            Some(last) => format!("{}--{}", esc(first), esc(last)),
            None => esc(first),
        };
        e.put("pages", &pages, "Pages");
    }
    e.put("location", &text(&f.location), "Place");
    match (work.valid_isbn(), &f.isbn) {
        (Some(isbn), _) => e.put("isbn", &esc(isbn), "ISBN"),
        (None, Some(isbn)) => e.addendum.push(format!("ISBN: {}", esc(isbn))),
        (None, None) => {}
    }
    match (work.date, f.date_end) {
        // An ISO 8601 interval, as biblatex's date fields read ranges.
        (Some(date), Some(end)) => e.entry.field("date", &format!("{date}/{end}")),
        (Some(date), None) => e.entry.field("date", &date.to_string()),
        (None, _) => e.entry.field("date", UNKNOWN_DATE),
    }
    if let Some(original) = f.original_date {
        e.entry.field("origdate", &original.to_string());
    }
    if let Some(doi) = f.doi.as_deref().filter(|d| !d.trim().is_empty()) {
        e.entry.field("doi", &latex::url(doi));
    }
    if let Some(url) = &work.url {
        e.entry.field("url", &latex::url(url));
    }
    if let Some(accessed) = f.accessed {
        e.entry.field("urldate", &accessed.to_string());
    }
    if let Some(note) = &work.note {
        e.entry.field("note", &esc(note));
    }
    let Fields {
        mut entry,
        addendum,
        ..
    } = e;
    entry.field("addendum", &fields::sentences(&addendum));
    entry.finish()
}
