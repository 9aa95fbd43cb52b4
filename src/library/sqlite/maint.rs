//! Tags, splits, integrity checks and backups.

use super::works::{Keys, create_work, refresh_work};
use super::{classify, now};
use crate::library::LibraryError;
use crate::library::mapping;
use rusqlite::backup::Backup;
use rusqlite::{Connection, Transaction, params};
use std::path::Path;
use std::time::Duration;

fn require_work(conn: &Connection, id: i64) -> Result<(), LibraryError> {
    if conn
        .prepare_cached("SELECT 1 FROM works WHERE id = ?1")?
        .exists([id])?
    {
        Ok(())
    } else {
        Err(LibraryError::NotFound { what: "work", id })
    }
}

pub(super) fn tag(tx: &Transaction<'_>, works: &[i64], tag: &str) -> Result<usize, LibraryError> {
    let tag = tag.trim();
    if tag.is_empty() {
        return Err(LibraryError::Invalid("a tag needs a name".into()));
    }
    let mut added = 0;
    for &w in works {
        require_work(tx, w)?;
        added += tx.execute(
            "INSERT OR IGNORE INTO tags (work_id, name) VALUES (?1, ?2)",
            params![w, tag],
        )?;
    }
    Ok(added)
}

pub(super) fn untag(tx: &Transaction<'_>, works: &[i64], tag: &str) -> Result<usize, LibraryError> {
    let mut removed = 0;
    for &w in works {
        require_work(tx, w)?;
        removed += tx.execute(
            "DELETE FROM tags WHERE work_id = ?1 AND name = ?2",
            params![w, tag.trim()],
        )?;
    }
    Ok(removed)
}

pub(super) fn split(
    tx: &Transaction<'_>,
    work: i64,
    records: &[i64],
) -> Result<Vec<i64>, LibraryError> {
    require_work(tx, work)?;
    let members: Vec<(i64, bool)> = tx
        .prepare("SELECT id, merge_reason IS NOT NULL FROM records WHERE work_id = ?1 ORDER BY id")?
        .query_map([work], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if members.len() < 2 {
        return Err(LibraryError::Invalid(format!(
            "work {work} has one record: there is no merge to undo"
        )));
    }
    let leaving: Vec<i64> = if records.is_empty() {
        members
            .iter()
            .filter(|(_, merged)| *merged)
            .map(|(id, _)| *id)
            .collect()
    } else {
        for r in records {
            if !members.iter().any(|(id, _)| id == r) {
                return Err(LibraryError::Invalid(format!(
                    "record {r} is not in work {work} (`reftrace library show {work}` lists them)"
                )));
            }
        }
        records.to_vec()
    };
    if leaving.len() >= members.len() {
        return Err(LibraryError::Invalid(format!(
            "splitting every record off would leave work {work} empty; leave one out"
        )));
    }
    let stamp = now();
    let mut keys = Keys::default();
    let mut created = Vec::new();
    for &rec in &leaving {
        let record = super::read::record(tx, rec)?;
        let new = create_work(
            tx,
            &mut keys,
            &record.key,
            &mapping::work_of(&record),
            &stamp,
        )?;
        tx.execute(
            "UPDATE records SET work_id = ?2, merge_reason = NULL, detached = 1 WHERE id = ?1",
            params![rec, new],
        )?;
        tx.execute(
            "INSERT INTO tags (work_id, name) SELECT ?2, name FROM tags WHERE work_id = ?1",
            params![work, new],
        )?;
        refresh_work(tx, new)?;
        created.push(new);
    }
    refresh_work(tx, work)?;
    Ok(created)
}

pub(super) fn check(conn: &Connection) -> Result<Vec<String>, LibraryError> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            problems.push(format!("integrity: {row}"));
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })? {
        let (table, rowid) = row?;
        problems.push(format!(
            "foreign key: row {} of {table} points to a missing row",
            rowid.map_or("?".into(), |r| r.to_string())
        ));
    }
    let orphans: i64 = conn.query_row(
        "SELECT count(*) FROM works w WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.work_id = w.id)",
        [],
        |r| r.get(0),
    )?;
    if orphans > 0 {
        problems.push(format!("{orphans} work(s) without any record"));
    }
    let unindexed: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM works) - (SELECT count(*) FROM works_fts
            WHERE rowid IN (SELECT id FROM works))",
        [],
        |r| r.get(0),
    )?;
    if unindexed != 0 {
        problems.push(format!("{unindexed} work(s) missing from the search index"));
    }
    if let Err(e) = conn.execute(
        "INSERT INTO works_fts (works_fts, rank) VALUES ('integrity-check', 1)",
        [],
    ) {
        problems.push(format!("search index: {e}"));
    }
    Ok(problems)
}

/// Copies the database with SQLite's online backup into a temporary file beside `path`,
/// then renames it over `path`: a reader of `path` sees the old copy or the new one.
pub(super) fn backup(conn: &Connection, path: &Path) -> Result<(), LibraryError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let io = |what: &str, e: std::io::Error| {
        LibraryError::Invalid(format!("cannot {what} {}: {e}", path.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| io("create the folder of", e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".reftrace-backup-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io("write", e))?;
    {
        let mut dst = Connection::open(tmp.path()).map_err(|e| classify(tmp.path(), e))?;
        Backup::new(conn, &mut dst)?.run_to_completion(256, Duration::from_millis(10), None)?;
        // A single file: the copy needs no -wal beside it.
        let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    }
    tmp.as_file().sync_all().map_err(|e| io("write", e))?;
    tmp.persist(path).map_err(|e| io("write", e.error))?;
    Ok(())
}
