//! From parsed references to exportable works: duplicate merging and the choice of entry
//! type, made once so that every format agrees.
//!
//! A record read by the academic reader carries its CSL type (`work.kind`), and the work
//! keeps it: [`WorkKind::JournalArticle`], [`WorkKind::Book`], [`WorkKind::Chapter`],
//! [`WorkKind::ConferencePaper`], [`WorkKind::Thesis`], [`WorkKind::Report`],
//! [`WorkKind::Webpage`], [`WorkKind::Dataset`], [`WorkKind::Software`],
//! [`WorkKind::Video`]; each format maps them to its own types (see the README's table).
//! A news-style record has no type and gets one from its outlet:
//! - no outlet (or an entry that could not be read) → [`WorkKind::Article`]: CSL `document`
//!   (not CSL `article`, which means a preprint), BibLaTeX and BibTeX `@misc`, RIS `GEN`,
//!   Hayagriva `misc`;
//! - an outlet whose name holds a word of `data/report-publishers.txt` (institute, centre,
//!   council, foundation, ...) → [`WorkKind::Report`]: CSL `report`, BibLaTeX `@report`,
//!   BibTeX `@techreport`, RIS `RPRT`, with the outlet as institution/publisher;
//! - any other outlet → [`WorkKind::NewsArticle`]: CSL `article-newspaper`, BibLaTeX
//!   `@article` with `entrysubtype = {newspaper}`, BibTeX `@article`, RIS `NEWS`, with the
//!   outlet as the newspaper title.

use super::Options;
use super::fields::{doi_of_url, edition_number, isbn_ok, join_contributors, join_people};
use crate::refs::{PartialDate, Person, Reference, WorkFields, WorkType};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What kind of publication a work is; the same in every export format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum WorkKind {
    /// A news story in a newspaper, agency wire or news site.
    NewsArticle,
    /// A publication of a think tank, institute or public body, or a report or working
    /// paper.
    Report,
    /// An item with no known outlet (CSL `document`).
    #[default]
    Article,
    /// An article in a journal.
    JournalArticle,
    /// A book, written or edited.
    Book,
    /// A chapter or section of a book.
    Chapter,
    /// A paper in conference proceedings.
    ConferencePaper,
    /// A thesis or dissertation.
    Thesis,
    /// A web page.
    Webpage,
    /// A data set.
    Dataset,
    /// A computer program or app.
    Software,
    /// A film or video.
    Video,
}

impl WorkKind {
    /// The kind of a CSL type as the academic reader gives it.
    pub fn from_type(t: WorkType) -> WorkKind {
        match t {
            WorkType::ArticleJournal => WorkKind::JournalArticle,
            WorkType::ArticleNewspaper => WorkKind::NewsArticle,
            WorkType::Book => WorkKind::Book,
            WorkType::Chapter => WorkKind::Chapter,
            WorkType::PaperConference => WorkKind::ConferencePaper,
            WorkType::Thesis => WorkKind::Thesis,
            WorkType::Report => WorkKind::Report,
            WorkType::Webpage => WorkKind::Webpage,
            WorkType::Dataset => WorkKind::Dataset,
            WorkType::Software => WorkKind::Software,
            WorkType::MotionPicture => WorkKind::Video,
            WorkType::Document => WorkKind::Article,
        }
    }

    /// The CSL item type: `article-newspaper`, `article-journal`, `document`, ...
    pub fn csl(self) -> &'static str {
        match self {
            WorkKind::NewsArticle => "article-newspaper",
            WorkKind::Report => "report",
            WorkKind::Article => "document",
            WorkKind::JournalArticle => "article-journal",
            WorkKind::Book => "book",
            WorkKind::Chapter => "chapter",
            WorkKind::ConferencePaper => "paper-conference",
            WorkKind::Thesis => "thesis",
            WorkKind::Webpage => "webpage",
            WorkKind::Dataset => "dataset",
            WorkKind::Software => "software",
            WorkKind::Video => "motion_picture",
        }
    }

    /// The kind of a CSL type name; `None` for a type reftrace does not distinguish.
    pub fn from_csl(name: &str) -> Option<WorkKind> {
        Some(match name {
            "article-newspaper" => WorkKind::NewsArticle,
            "report" => WorkKind::Report,
            "document" => WorkKind::Article,
            "article-journal" => WorkKind::JournalArticle,
            "book" => WorkKind::Book,
            "chapter" => WorkKind::Chapter,
            "paper-conference" => WorkKind::ConferencePaper,
            "thesis" => WorkKind::Thesis,
            "webpage" => WorkKind::Webpage,
            "dataset" => WorkKind::Dataset,
            "software" => WorkKind::Software,
            "motion_picture" => WorkKind::Video,
            _ => return None,
        })
    }
}

/// One work to export: a reference, or several references merged as the same work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Work {
    /// Citation key (the key of the first entry merged into it).
    pub key: String,
    /// The entry type in every format.
    pub kind: WorkKind,
    /// People who wrote it.
    pub authors: Vec<Person>,
    /// Newspaper, agency or institution.
    pub outlet: Option<String>,
    /// Title; an entry that could not be read has its raw text here.
    pub title: Option<String>,
    /// Publication date as far as known.
    pub date: Option<PartialDate>,
    /// A URL given with the entry.
    pub url: Option<String>,
    /// Text of the entry no other field holds.
    pub note: Option<String>,
    /// 1-based indices of the list entries merged into this work, first one first.
    pub entries: Vec<usize>,
    /// The fields of academic works (container, volume, issue, pages, publisher, editors,
    /// DOI, ISBN, ...). Its `kind` is always `None`: [`Work::kind`] decides.
    pub fields: WorkFields,
}

impl Work {
    /// The people credited with `role` (`Director`), in the order written.
    pub fn people_of(&self, role: crate::refs::Role) -> Vec<Person> {
        self.fields
            .contributors
            .iter()
            .filter(|c| c.role == role)
            .map(|c| c.person.clone())
            .collect()
    }

    /// Whether the directors stand in for the authors in formats with no place for
    /// them (BibTeX, BibLaTeX, RIS): the work names no author and a director, as APA
    /// credits a film's director in the author's place.
    pub fn directors_as_authors(&self) -> bool {
        self.authors.is_empty()
            && self
                .fields
                .contributors
                .iter()
                .any(|c| c.role == crate::refs::Role::Director)
    }

    /// The people BibTeX, BibLaTeX and RIS write as authors: the authors, or the directors
    /// when they stand in for them ([`Work::directors_as_authors`]).
    pub fn authors_or_directors(&self) -> std::borrow::Cow<'_, [Person]> {
        if self.directors_as_authors() {
            std::borrow::Cow::Owned(self.people_of(crate::refs::Role::Director))
        } else {
            std::borrow::Cow::Borrowed(&self.authors)
        }
    }

    /// The people of each role, in [`crate::refs::Role::ALL`]'s order, but directors
    /// that stand in for the authors: what those formats keep in a note.
    pub fn credits(&self) -> Vec<(crate::refs::Role, Vec<Person>)> {
        let skip = self
            .directors_as_authors()
            .then_some(crate::refs::Role::Director);
        crate::refs::Role::ALL
            .into_iter()
            .filter(|r| Some(*r) != skip)
            .map(|r| (r, self.people_of(r)))
            .filter(|(_, people)| !people.is_empty())
            .collect()
    }

    /// The journal, book, proceedings or newspaper that holds the work.
    pub fn container(&self) -> Option<&str> {
        nonblank(self.fields.container_title.as_deref()).or(match self.kind {
            WorkKind::NewsArticle => nonblank(self.outlet.as_deref()),
            _ => None,
        })
    }

    /// The publisher (for a thesis, the university; for a report, the institution).
    pub fn publisher(&self) -> Option<&str> {
        nonblank(self.fields.publisher.as_deref()).or(match self.kind {
            WorkKind::Report => nonblank(self.outlet.as_deref()),
            _ => None,
        })
    }

    /// The first and last page of `pages` (`12–19`, `12-19`, `e1024`).
    pub fn page_range(&self) -> Option<(&str, Option<&str>)> {
        let pages = nonblank(self.fields.pages.as_deref())?;
        match pages.split_once(['\u{2013}', '-', '\u{2014}']) {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                Some((a.trim(), Some(b.trim_start_matches('-').trim())))
            }
            _ => Some((pages, None)),
        }
    }

    /// The edition as a number when it is written as one (`2nd ed`, `Second edition`,
    /// `3`), which styles print with their own ordinal and term; else `None`.
    pub fn edition_number(&self) -> Option<u32> {
        edition_number(self.fields.edition.as_deref()?)
    }

    /// The ISBN, when its check digit agrees (biber refuses others).
    pub fn valid_isbn(&self) -> Option<&str> {
        let isbn = nonblank(self.fields.isbn.as_deref())?;
        isbn_ok(isbn).then_some(isbn)
    }

    /// Builds the work of one reference.
    pub fn from_reference(r: &Reference) -> Work {
        let title = if r.parsed {
            r.title.clone()
        } else {
            Some(crate::refs::whitespace::fold_ws(r.raw.trim())).filter(|t| !t.is_empty())
        };
        let outlet = r.outlet.clone().filter(|o| !o.trim().is_empty());
        let mut fields = WorkFields {
            kind: None,
            ..r.work.clone()
        };
        let mut url = r.url.clone();
        // A DOI given as a resolver link (`https://doi.org/10.…`) is the DOI.
        if fields.doi.is_none()
            && let Some(doi) = url.as_deref().and_then(doi_of_url)
        {
            fields.doi = Some(doi);
            url = None;
        }
        let mut work = Work {
            key: r.key.clone(),
            kind: WorkKind::Article,
            authors: r.authors.clone(),
            outlet,
            title,
            date: r.date,
            url,
            // A note that only says when the page was looked at is the access date.
            note: r.note.clone().filter(|n| {
                r.work.accessed.is_none() || !crate::academic::dates::is_access_note(n)
            }),
            entries: vec![r.index],
            fields,
        };
        work.kind = match (r.parsed, r.work.kind) {
            (false, _) => WorkKind::Article,
            (true, Some(t)) => WorkKind::from_type(t),
            (true, None) => kind_of(&work),
        };
        work
    }

    /// Adds every field of `other` that this work lacks (the first work's fields win;
    /// authors and editors are joined, notes and differing URLs kept in `note`).
    pub fn absorb(&mut self, mut other: Work) {
        join_people(&mut self.authors, other.authors);
        fill(&mut self.outlet, other.outlet);
        fill(&mut self.title, other.title);
        // A range's end belongs to its first date: the other's end is taken only with a
        // date of the same year, or when this work has no date.
        if self.date.is_some_and(|a| other.date.is_none_or(|b| b.year != a.year)) {
            other.fields.date_end = None;
        }
        self.date = match (self.date, other.date) {
            (Some(a), Some(b)) if more_precise(b, a) && a.year == b.year => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        };
        if let Some(url) = other.url {
            match &self.url {
                None => self.url = Some(url),
                Some(mine) if *mine != url => append_note(&mut self.note, &url),
                Some(_) => {}
            }
        }
        if let Some(note) = other.note {
            append_note(&mut self.note, &note);
        }
        self.entries.extend(other.entries);
        absorb_fields(&mut self.fields, other.fields);
        if self.kind == WorkKind::Article {
            self.kind = if other.kind != WorkKind::Article {
                other.kind
            } else {
                kind_of(self)
            };
        }
    }
}

fn absorb_fields(mine: &mut WorkFields, theirs: WorkFields) {
    let WorkFields {
        kind: _,
        container_title,
        collection_title,
        volume,
        issue,
        pages,
        publisher,
        location,
        editors,
        translators,
        contributors,
        edition,
        genre,
        version,
        doi,
        isbn,
        date_end,
        original_date,
        accessed,
        citation_number,
    } = theirs;
    fill(&mut mine.container_title, container_title);
    fill(&mut mine.collection_title, collection_title);
    fill(&mut mine.volume, volume);
    fill(&mut mine.issue, issue);
    fill(&mut mine.pages, pages);
    fill(&mut mine.publisher, publisher);
    fill(&mut mine.location, location);
    fill(&mut mine.edition, edition);
    fill(&mut mine.genre, genre);
    fill(&mut mine.version, version);
    fill(&mut mine.doi, doi);
    fill(&mut mine.isbn, isbn);
    fill(&mut mine.citation_number, citation_number);
    fill(&mut mine.date_end, date_end);
    fill(&mut mine.original_date, original_date);
    fill(&mut mine.accessed, accessed);
    join_people(&mut mine.editors, editors);
    join_people(&mut mine.translators, translators);
    join_contributors(&mut mine.contributors, contributors);
}

fn nonblank(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

fn fill<T>(mine: &mut Option<T>, theirs: Option<T>) {
    if mine.is_none() {
        *mine = theirs;
    }
}

fn append_note(note: &mut Option<String>, extra: &str) {
    match note {
        Some(n) if n.contains(extra) => {}
        Some(n) => {
            n.push_str("; ");
            n.push_str(extra);
        }
        None => *note = Some(extra.to_string()),
    }
}

fn more_precise(a: PartialDate, b: PartialDate) -> bool {
    let rank = |d: PartialDate| u8::from(d.month.is_some()) + u8::from(d.day.is_some());
    rank(a) > rank(b)
}

fn report_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../data/report-publishers.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether an outlet's name marks a report publisher (see `data/report-publishers.txt`).
pub fn is_report_publisher(outlet: &str) -> bool {
    let words: Vec<String> = outlet
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    report_words().iter().any(|entry| {
        let parts: Vec<&str> = entry.split_whitespace().collect();
        !parts.is_empty()
            && words
                .windows(parts.len())
                .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
    })
}

fn kind_of(work: &Work) -> WorkKind {
    match &work.outlet {
        None => WorkKind::Article,
        Some(outlet) if is_report_publisher(outlet) => WorkKind::Report,
        Some(_) => WorkKind::NewsArticle,
    }
}

/// Turns references into works: one per reference, except that an entry marked as a
/// probable duplicate (`duplicate_of`) is merged into the work of the entry it repeats,
/// keeping every field either has, unless `options.keep_duplicates`.
pub fn works(references: &[Reference], options: &Options) -> Vec<Work> {
    let mut out: Vec<Work> = Vec::with_capacity(references.len());
    let mut slot_of: HashMap<usize, usize> = HashMap::new();
    for r in references {
        let work = Work::from_reference(r);
        let target = if options.keep_duplicates {
            None
        } else {
            r.duplicate_of.and_then(|i| slot_of.get(&i).copied())
        };
        match target {
            Some(slot) => {
                out[slot].absorb(work);
                slot_of.insert(r.index, slot);
            }
            None => {
                slot_of.insert(r.index, out.len());
                out.push(work);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn think_tanks_and_public_bodies_are_report_publishers() {
        assert!(is_report_publisher(
            "The Washington Institute for Near East Policy"
        ));
        assert!(is_report_publisher("International Crisis Group"));
        assert!(is_report_publisher(
            "Carnegie Endowment for International Peace"
        ));
        assert!(!is_report_publisher("Kurdistan 24"));
        assert!(!is_report_publisher("Reuters"));
        assert!(!is_report_publisher("The Centreville Times"));
    }

    /// Merging a duplicate never joins one work's date to the other's range end
    /// (`2010` with the end of `1974–1978`).
    #[test]
    fn a_range_end_is_merged_only_with_its_date() {
        let dated = |year: i32, end: Option<i32>| {
            let mut w = Work {
                date: Some(PartialDate::year(year)),
                ..Work::default()
            };
            w.fields.date_end = end.map(PartialDate::year);
            w
        };
        let mut w = dated(2010, None);
        w.absorb(dated(1974, Some(1978)));
        assert_eq!(w.fields.date_end, None);
        let mut w = dated(1974, None);
        w.absorb(dated(1974, Some(1978)));
        assert_eq!(w.fields.date_end, Some(PartialDate::year(1978)));
        let mut w = Work::default();
        w.absorb(dated(1974, Some(1978)));
        assert_eq!((w.date, w.fields.date_end), (Some(PartialDate::year(1974)), Some(PartialDate::year(1978))));
    }

    #[test]
    fn page_ranges_split_on_any_dash() {
        let mut w = Work::default();
        w.fields.pages = Some("12\u{2013}19".into());
        assert_eq!(w.page_range(), Some(("12", Some("19"))));
        w.fields.pages = Some("e1024".into());
        assert_eq!(w.page_range(), Some(("e1024", None)));
        w.fields.pages = Some("101--118".into());
        assert_eq!(w.page_range(), Some(("101", Some("118"))));
    }
}
