//! What goes into the library and what comes out of it, independent of the storage.

use crate::export::WorkKind;
use crate::refs::{PartialDate, Person, WorkFields};
use crate::trace::Trace;
use crate::{Parsed, Source};
use serde::Serialize;

/// One bibliographic record to store: an entry of an article's reference list or of an
/// imported file. [`mapping`](super::mapping) builds it; `detail` keeps everything the
/// source said, so no field is lost even where the columns have no place for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based position in its list or file.
    pub position: usize,
    /// 1-based line where it starts in its file, when known.
    pub line: Option<usize>,
    /// Citation key as the source gave or made it.
    pub key: String,
    /// Entry type in every export format.
    pub kind: WorkKind,
    /// People who wrote it.
    pub authors: Vec<Person>,
    /// Title.
    pub title: Option<String>,
    /// Outlet, journal, container or publisher.
    pub outlet: Option<String>,
    /// Publication date as far as known.
    pub date: Option<PartialDate>,
    /// The fields of academic works (container, volume, pages, editors, ...); its `doi`
    /// is normalised (`10.1000/xyz`, lower case) and is the one the library matches on.
    pub fields: WorkFields,
    /// A URL.
    pub url: Option<String>,
    /// Text no other field holds.
    pub note: Option<String>,
    /// The entry as written.
    pub raw: String,
    /// For an article's list: the earlier entry (1-based) this one repeats.
    pub duplicate_of: Option<usize>,
    /// Everything the source said, as JSON (a whole `Reference`, or an imported entry).
    pub detail: serde_json::Value,
}

/// A claim of an article with its links, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewClaim {
    /// 1-based position in the article.
    pub position: usize,
    /// The sentence.
    pub text: String,
    /// `factual`, `opinion`, `forecast`, `question`.
    pub kind: String,
    /// `supported`, `partial`, `unsupported`, `not-checkable`.
    pub status: String,
    /// Whether it is the title.
    pub is_title: bool,
    /// Byte range in the article text.
    pub span: (usize, usize),
    /// Sources linked to it.
    pub links: Vec<NewLink>,
}

/// A link from a claim to an entry of the same article's list.
#[derive(Debug, Clone, PartialEq)]
pub struct NewLink {
    /// The entry's 1-based position.
    pub entry: usize,
    /// Confidence 0..1.
    pub score: f64,
    /// Evidence, worded for a fact-checker.
    pub evidence: Vec<String>,
    /// What disagrees.
    pub conflicts: Vec<String>,
}

/// An article to add: its text, metadata, records and claims.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    /// The name it was read under (a path).
    pub name: String,
    /// The text as read (after Markdown/HTML conversion).
    pub text: String,
    /// Its title, when found.
    pub title: Option<String>,
    /// Its date, when found.
    pub date: Option<PartialDate>,
    /// Its reference list.
    pub records: Vec<Record>,
    /// Its claims and their links.
    pub claims: Vec<NewClaim>,
}

impl NewArticle {
    /// The article of `source` as parsed, with the claims of `trace` when given.
    pub fn new(source: &Source, parsed: &Parsed, trace: Option<&Trace>) -> NewArticle {
        let title = parsed
            .article
            .title_span
            .and_then(|s| source.text().get(s.range()))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let claims = trace.map(super::mapping::claims_of).unwrap_or_default();
        NewArticle {
            name: source.name().to_string(),
            text: source.text().to_string(),
            title,
            date: parsed.article.date,
            records: parsed
                .references
                .iter()
                .map(super::mapping::from_reference)
                .collect(),
            claims,
        }
    }
}

/// The formats `library import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportFormat {
    /// BibTeX or BibLaTeX.
    Bibtex,
    /// RIS.
    Ris,
    /// CSL-JSON.
    CslJson,
    /// Hayagriva YAML.
    Yaml,
}

impl ImportFormat {
    /// Its name in messages and in the database.
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Bibtex => "bibtex",
            ImportFormat::Ris => "ris",
            ImportFormat::CslJson => "csl-json",
            ImportFormat::Yaml => "yaml",
        }
    }
}

/// A file to import, already read into records.
#[derive(Debug, Clone, PartialEq)]
pub struct NewImport {
    /// The file's name as given.
    pub name: String,
    /// Its format.
    pub format: ImportFormat,
    /// A hash of its bytes: the same file imported again is recognised.
    pub hash: String,
    /// The entries that could be read.
    pub records: Vec<Record>,
}

/// Whether an added article was new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddStatus {
    /// Not in the library before.
    New,
    /// Already there (same text): its records, claims and links were refreshed.
    Updated,
}

/// What adding one article did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddOutcome {
    /// The article's id.
    pub article: i64,
    /// Its name.
    pub name: String,
    /// New or updated.
    pub status: AddStatus,
    /// Records stored for it.
    pub records: usize,
    /// Works those records belong to.
    pub works: usize,
    /// Records that joined a work that another source already had.
    pub merged: usize,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// The import's id.
    pub import: i64,
    /// The file.
    pub name: String,
    /// Whether the same file (same bytes) had been imported before; nothing was added.
    pub already: bool,
    /// Records stored.
    pub records: usize,
    /// Records that joined a work the library already had.
    pub merged: usize,
}

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "from")]
pub enum Origin {
    /// An entry of an article's reference list.
    Article {
        /// The article.
        article: ArticleRef,
        /// The entry's 1-based position.
        entry: usize,
        /// Its line in the article.
        line: Option<usize>,
    },
    /// An entry of an imported file.
    Import {
        /// The import's id.
        id: i64,
        /// The file.
        file: String,
        /// The entry's line in it.
        line: Option<usize>,
    },
}

/// An article as other results name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRef {
    /// Its id.
    pub id: i64,
    /// The name it was added under.
    pub name: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<String>,
}

/// A work as lists and searches show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkSummary {
    /// Its id (what `show`, `tag`, `claims --source` take).
    pub id: i64,
    /// Its citation key, unique in the library.
    pub key: String,
    /// Authors.
    pub authors: Vec<Person>,
    /// Outlet or container.
    pub outlet: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    pub date: Option<String>,
    /// How many records (sources that mention it) it has.
    pub sources: usize,
    /// Its tags.
    pub tags: Vec<String>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHits {
    /// The best works, best first.
    pub works: Vec<WorkSummary>,
    /// How many works matching the text were ranked (0 for a query of filters only).
    pub ranked: usize,
    /// Whether more works matched than were ranked: past
    /// [`RANK_CAP`](super::store::RANK_CAP) matches, only the most recently stored
    /// `RANK_CAP` are ranked.
    pub capped: bool,
}

/// One record of a work, with where it came from and why it joined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordView {
    /// Its id (what `split` takes).
    pub id: i64,
    /// Where it came from.
    pub origin: Origin,
    /// The entry as written.
    pub raw: String,
    /// Why it was merged into this work; `None` for the record the work began with.
    pub merge_reason: Option<String>,
    /// Split off by hand: never merged automatically.
    pub detached: bool,
}

/// Everything about one work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: WorkSummary,
    /// Entry type (`news-article`, `report`, `article`).
    pub kind: String,
    /// DOI.
    pub doi: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Every record, first one first.
    pub records: Vec<RecordView>,
    /// Claims linked to it, across articles.
    pub claims: usize,
}

/// A claim that a work supports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimUse {
    /// The article the claim is in.
    pub article: ArticleRef,
    /// The claim's 1-based position in it.
    pub claim: usize,
    /// The sentence.
    pub text: String,
    /// Its kind.
    pub kind: String,
    /// Its status in that article's trace.
    pub status: String,
    /// Confidence of the link.
    pub score: f64,
    /// The article's list entry that links it.
    pub entry: usize,
    /// Evidence.
    pub evidence: Vec<String>,
    /// Conflicts.
    pub conflicts: Vec<String>,
}
