//! The library in one SQLite file (bundled SQLite, with FTS5): WAL mode so readers never
//! wait for a writer, foreign keys on, a busy timeout so two writers take turns instead
//! of failing, and one `BEGIN IMMEDIATE` transaction per command, so a crash or a kill
//! part-way leaves the file as it was before the command.
//!
//! Opening checks the file before writing anything to it: a file that is not a
//! database, a database of another program, and a library from a newer reftrace are
//! refused untouched.

mod maint;
mod read;
pub mod schema;
mod works;
mod write;

use super::model::{
    AddOutcome, ClaimUse, ImportOutcome, NewArticle, NewImport, SearchHits, WorkDetail, WorkSummary,
};
use super::store::{Counts, ListOptions, Store};
use super::{LibraryError, Query};
use crate::export::Work;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another one before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The embedded store. See the module docs.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens the library at `path`, creating it (and its folder) when missing, and
    /// migrating an older schema.
    pub fn open(path: &Path) -> Result<SqliteStore, LibraryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                LibraryError::Invalid(format!(
                    "cannot create the folder {} for the library: {e}",
                    dir.display()
                ))
            })?;
        }
        if path.is_dir() {
            return Err(LibraryError::Invalid(format!(
                "{} is a folder; --db needs a file",
                path.display()
            )));
        }
        let corrupt = |e: rusqlite::Error| classify(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(corrupt)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(corrupt)?;
        let found = schema::version(&conn).map_err(corrupt)?;
        let app: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(corrupt)?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(corrupt)?;
        if app != schema::APPLICATION_ID && (app != 0 || tables > 0) {
            return Err(LibraryError::Foreign {
                path: path.to_path_buf(),
                found: app,
            });
        }
        if found > schema::LATEST {
            return Err(LibraryError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: schema::LATEST,
            });
        }
        let _: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(corrupt)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(corrupt)?;
        schema::migrate(&mut conn, schema::LATEST).map_err(corrupt)?;
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file it reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction, taken at once so that concurrent writers
    /// queue on the busy timeout instead of failing on a lock upgrade.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, LibraryError>,
    ) -> Result<T, LibraryError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| classify(&path, e))?;
        let value = f(&tx).map_err(|e| reclassify(&path, e))?;
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(value)
    }

    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, LibraryError>,
    ) -> Result<T, LibraryError> {
        f(&self.conn).map_err(|e| reclassify(&self.path, e))
    }
}

/// Turns SQLite's "not a database" and "corrupt" into [`LibraryError::Corrupt`].
fn classify(path: &Path, e: rusqlite::Error) -> LibraryError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => LibraryError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => LibraryError::Sqlite(e),
    }
}

fn reclassify(path: &Path, e: LibraryError) -> LibraryError {
    match e {
        LibraryError::Sqlite(inner) => classify(path, inner),
        other => other,
    }
}

/// The current time as stored (`2026-11-30T08:40:00Z`).
fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A 128-bit FNV-1a hash of `bytes` in hex, with the length: identifies an article's
/// text or an imported file (articles are also compared by their whole text).
pub fn content_hash(bytes: &[u8]) -> String {
    let fnv = |basis: u64| {
        bytes.iter().fold(basis, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    format!(
        "{:016x}{:016x}-{}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x6c62_272e_07bb_0142),
        bytes.len()
    )
}

impl Store for SqliteStore {
    fn add_articles(
        &mut self,
        articles: Vec<NewArticle>,
        tag: Option<&str>,
    ) -> Result<Vec<AddOutcome>, LibraryError> {
        self.write(|tx| write::add_articles(tx, articles, tag))
    }

    fn import(
        &mut self,
        files: Vec<NewImport>,
        tag: Option<&str>,
    ) -> Result<Vec<ImportOutcome>, LibraryError> {
        self.write(|tx| write::import(tx, files, tag))
    }

    fn search(&self, query: &Query, limit: usize) -> Result<SearchHits, LibraryError> {
        self.read(|c| read::search(c, query, limit))
    }

    fn list(&self, options: &ListOptions) -> Result<Vec<WorkSummary>, LibraryError> {
        self.read(|c| read::list(c, options))
    }

    fn work(&self, id: i64) -> Result<WorkDetail, LibraryError> {
        self.read(|c| read::work(c, id))
    }

    fn export_works(&self, ids: &[i64]) -> Result<Vec<Work>, LibraryError> {
        self.read(|c| read::export_works(c, ids))
    }

    fn claims_of(&self, work: i64) -> Result<Vec<ClaimUse>, LibraryError> {
        self.read(|c| read::claims_of(c, work))
    }

    fn tag(&mut self, works: &[i64], tag: &str) -> Result<usize, LibraryError> {
        self.write(|tx| maint::tag(tx, works, tag))
    }

    fn untag(&mut self, works: &[i64], tag: &str) -> Result<usize, LibraryError> {
        self.write(|tx| maint::untag(tx, works, tag))
    }

    fn collections(&self) -> Result<Vec<(String, usize)>, LibraryError> {
        self.read(read::collections)
    }

    fn split(&mut self, work: i64, records: &[i64]) -> Result<Vec<i64>, LibraryError> {
        self.write(|tx| maint::split(tx, work, records))
    }

    fn check(&self) -> Result<Vec<String>, LibraryError> {
        self.read(maint::check)
    }

    fn backup(&self, path: &Path) -> Result<(), LibraryError> {
        maint::backup(&self.conn, path).map_err(|e| reclassify(&self.path, e))
    }

    fn counts(&self) -> Result<Counts, LibraryError> {
        self.read(read::counts)
    }
}
