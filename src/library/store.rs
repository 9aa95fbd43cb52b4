//! The storage interface of the library. Every method that changes the library is one
//! transaction: it happens whole or not at all. [`SqliteStore`](super::sqlite::SqliteStore)
//! is the embedded implementation; a server database for teams would implement the
//! same trait.

use super::model::{
    AddOutcome, ClaimUse, ImportOutcome, NewArticle, NewImport, SearchHits, WorkDetail, WorkSummary,
};
use super::{LibraryError, Query};
use crate::export::Work;
use std::path::Path;

/// At most this many matches of a query's text are ranked (the most recently stored).
pub const RANK_CAP: usize = 2_000;

/// How `list` orders works.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest publication date first.
    #[default]
    Date,
    /// By title.
    Title,
    /// By citation key.
    Key,
    /// Most sources first.
    Sources,
    /// Most recently stored first.
    Added,
}

/// What `list` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// Only works with this tag.
    pub tag: Option<String>,
    /// Order.
    pub sort: Sort,
    /// At most this many.
    pub limit: Option<usize>,
}

/// A library store. See the module docs.
pub trait Store {
    /// Adds articles (or refreshes ones already stored, recognised by their text), tagging
    /// their works with `tag` when given.
    fn add_articles(
        &mut self,
        articles: Vec<NewArticle>,
        tag: Option<&str>,
    ) -> Result<Vec<AddOutcome>, LibraryError>;

    /// Imports bibliography files already read into records.
    fn import(
        &mut self,
        files: Vec<NewImport>,
        tag: Option<&str>,
    ) -> Result<Vec<ImportOutcome>, LibraryError>;

    /// Works matching a query, best first. When the text matches more than
    /// [`RANK_CAP`] works, the most recently stored `RANK_CAP` of them are ranked (and
    /// the result says so), which keeps a one-word query fast on a large library.
    fn search(&self, query: &Query, limit: usize) -> Result<SearchHits, LibraryError>;

    /// Works, filtered and sorted.
    fn list(&self, options: &ListOptions) -> Result<Vec<WorkSummary>, LibraryError>;

    /// One work with its records and why they were merged.
    fn work(&self, id: i64) -> Result<WorkDetail, LibraryError>;

    /// Works ready for the export writers and `cite`, in the order of `ids`.
    fn export_works(&self, ids: &[i64]) -> Result<Vec<Work>, LibraryError>;

    /// Every stored claim that the work supports, with its article and confidence.
    fn claims_of(&self, work: i64) -> Result<Vec<ClaimUse>, LibraryError>;

    /// Tags works; returns how many gained the tag.
    fn tag(&mut self, works: &[i64], tag: &str) -> Result<usize, LibraryError>;

    /// Removes a tag from works; returns how many had it.
    fn untag(&mut self, works: &[i64], tag: &str) -> Result<usize, LibraryError>;

    /// Every tag (collection) with its number of works.
    fn collections(&self) -> Result<Vec<(String, usize)>, LibraryError>;

    /// Undoes merges: each of `records` (every merged record when empty) leaves `work`
    /// for a work of its own and is never merged automatically again. Returns the new
    /// works' ids.
    fn split(&mut self, work: i64, records: &[i64]) -> Result<Vec<i64>, LibraryError>;

    /// Problems found by an integrity check; empty when the library is sound.
    fn check(&self) -> Result<Vec<String>, LibraryError>;

    /// Copies the library, consistent even while others write to it, to `path`.
    fn backup(&self, path: &Path) -> Result<(), LibraryError>;

    /// Counts: articles, imports, records, works, claims.
    fn counts(&self) -> Result<Counts, LibraryError>;
}

/// How much the library holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Articles added.
    pub articles: usize,
    /// Files imported.
    pub imports: usize,
    /// Records from all of them.
    pub records: usize,
    /// Works those records make.
    pub works: usize,
    /// Claims of the articles.
    pub claims: usize,
}
