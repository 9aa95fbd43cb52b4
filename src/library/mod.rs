//! The library: a persistent, searchable collection of works built up from many
//! articles and imported bibliographies.
//!
//! What is stored, and how it is organised:
//! - an **article** added to the library keeps its text, title, date, its reference
//!   list as **records** (every field of each [`Reference`](crate::Reference), losslessly),
//!   its claims, and the links from claims to records with confidence and evidence;
//! - an **import** (BibTeX/BibLaTeX, RIS, CSL-JSON, Hayagriva YAML) adds records too;
//! - records that are the same publication become one **work** ([`matching`] says
//!   when, and every merge keeps the reason so `split` can undo it);
//! - works carry **tags**; a collection is the set of works that carry one tag.
//!
//! The storage sits behind the [`Store`] trait; [`open`] gives the embedded SQLite
//! implementation ([`sqlite::SqliteStore`]). A server database for teams would be a
//! second implementation of the same trait.
//!
//! ```
//! use reftrace::library::{self, Store, NewArticle, Query};
//! use reftrace::{Source, parse};
//!
//! let dir = tempfile::tempdir()?;
//! let mut lib = library::open(&dir.path().join("lib.sqlite"))?;
//! let source = Source::new("a.txt", "Title\n\nA drone hit Erbil.\n\n\
//!     Reuters, \"Drone attack on Erbil airbase,\" 11/10/23\n");
//! let parsed = parse(&source);
//! let article = NewArticle::new(&source, &parsed, None);
//! lib.add_articles(vec![article], None)?;
//! let hits = lib.search(&Query::parse("outlet:reuters erbil"), 10)?;
//! assert_eq!(hits.works.len(), 1);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod import;
pub mod mapping;
pub mod matching;
pub mod model;
pub mod query;
pub mod sqlite;
pub mod store;
pub mod view;

pub use model::{
    AddOutcome, AddStatus, ArticleRef, ClaimUse, ImportFormat, ImportOutcome, NewArticle, NewClaim,
    NewImport, NewLink, Origin, Record, RecordView, WorkDetail, WorkSummary,
};
pub use query::Query;
pub use store::{Counts, ListOptions, RANK_CAP, Sort, Store};

use std::path::{Path, PathBuf};

/// Why the library could not do what was asked. Nothing was changed when one is
/// returned: every command runs in one transaction.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The file is not a SQLite database, or SQLite found it damaged.
    #[error(
        "{}: not a readable reftrace library ({detail}); nothing was changed. \
         Restore it from a backup (`reftrace library backup` makes one) or choose \
         another file with --db",
        path.display()
    )]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// A SQLite database that some other program made.
    #[error(
        "{}: a SQLite database, but not a reftrace library (application id {found:#x}); \
         nothing was changed. Choose another file with --db",
        path.display()
    )]
    Foreign {
        /// The database file.
        path: PathBuf,
        /// Its `PRAGMA application_id`.
        found: i32,
    },
    /// Made by a newer reftrace: this one does not know its schema.
    #[error(
        "{}: the library has schema version {found}, newer than this reftrace knows \
         (up to {supported}); nothing was changed. Update reftrace to use it",
        path.display()
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its `PRAGMA user_version`.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// No work, record or article with this id.
    #[error("no {what} with id {id} in the library")]
    NotFound {
        /// `work`, `record`.
        what: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// A request that makes no sense for the data (splitting a work of one record).
    #[error("{0}")]
    Invalid(String),
    /// Any other database error.
    #[error("library database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Opens (creating when missing) the library at `path` with the embedded SQLite store.
pub fn open(path: &Path) -> Result<sqlite::SqliteStore, LibraryError> {
    sqlite::SqliteStore::open(path)
}

/// Where the library lives when neither `--db` nor `REFTRACE_DB` says: the user's data
/// folder (`$XDG_DATA_HOME`, else `~/.local/share` on Linux and BSD,
/// `~/Library/Application Support` on macOS, `%APPDATA%` on Windows), then
/// `reftrace/library.sqlite`.
pub fn default_path() -> Option<PathBuf> {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME")
            .filter(|p| p.is_absolute())
            .or_else(|| env("HOME").map(|h| h.join(".local/share")))
    }?;
    Some(base.join("reftrace").join("library.sqlite"))
}
