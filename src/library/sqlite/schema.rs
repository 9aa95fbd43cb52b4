//! The library's schema and its migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied; [`migrate`] applies
//! the missing ones in one transaction on open. `PRAGMA application_id` marks the file
//! as a reftrace library. A file with a newer version than [`LATEST`] is refused
//! untouched.
//!
//! Never edit a migration that has shipped: add a new one.

use rusqlite::{Connection, TransactionBehavior};

/// `RFTR`: the application id of a reftrace library.
pub const APPLICATION_ID: i32 = 0x5246_5452;

/// Each step takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: articles, imports, records, works, claims, links, tags.
    "CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        name TEXT NOT NULL,
        title TEXT,
        date TEXT,
        text TEXT NOT NULL,
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(hash);
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        hash TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE INDEX imports_hash ON imports(hash);
    CREATE TABLE works (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        date TEXT,
        year INTEGER,
        doi TEXT,
        url TEXT,
        note TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        fingerprint TEXT,
        added_at TEXT NOT NULL
    );
    CREATE INDEX works_doi ON works(doi) WHERE doi IS NOT NULL;
    CREATE INDEX works_fingerprint ON works(fingerprint) WHERE fingerprint IS NOT NULL;
    CREATE INDEX works_year ON works(year);
    CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        work_id INTEGER NOT NULL REFERENCES works(id),
        article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
        import_id INTEGER REFERENCES imports(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        line INTEGER,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        date TEXT,
        doi TEXT,
        url TEXT,
        note TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        raw TEXT NOT NULL,
        detail TEXT NOT NULL,
        merge_reason TEXT,
        detached INTEGER NOT NULL DEFAULT 0,
        CHECK ((article_id IS NULL) <> (import_id IS NULL))
    );
    CREATE INDEX records_work ON records(work_id);
    CREATE INDEX records_article ON records(article_id, position);
    CREATE INDEX records_import ON records(import_id);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        is_title INTEGER NOT NULL,
        byte_start INTEGER NOT NULL,
        byte_end INTEGER NOT NULL
    );
    CREATE INDEX claims_article ON claims(article_id);
    CREATE TABLE links (
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        score REAL NOT NULL,
        evidence TEXT NOT NULL,
        conflicts TEXT NOT NULL,
        PRIMARY KEY (claim_id, record_id)
    );
    CREATE INDEX links_record ON links(record_id);
    CREATE TABLE tags (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        PRIMARY KEY (work_id, name)
    );
    CREATE INDEX tags_name ON tags(name);",
    // 2: the full-text index over works, filled from the works already stored.
    "CREATE VIRTUAL TABLE works_fts USING fts5(
        title, authors, outlet, claims,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO works_fts(rowid, title, authors, outlet, claims)
        SELECT w.id, coalesce(w.title, ''),
               coalesce((SELECT group_concat(json_extract(p.value, '$.family') || ' ' ||
                                             json_extract(p.value, '$.given'), '; ')
                         FROM json_each(w.authors) p), ''),
               coalesce(w.outlet, ''),
               coalesce((SELECT group_concat(c.text, ' ')
                         FROM records r JOIN links l ON l.record_id = r.id
                         JOIN claims c ON c.id = l.claim_id WHERE r.work_id = w.id), '')
        FROM works w;",
    // 3: the fields of academic works (container, volume, pages, editors, ...) as JSON.
    "ALTER TABLE works ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE records ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';",
];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The schema version of an open database.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the migrations the database lacks, up to `target`, in one transaction.
/// Returns the version found before (the caller has refused newer ones).
pub fn migrate(conn: &mut Connection, target: i64) -> rusqlite::Result<i64> {
    if version(conn)? >= target {
        return version(conn);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the lock.
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for step in MIGRATIONS
        .iter()
        .take(usize::try_from(target).unwrap_or(0))
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.execute_batch(step)?;
    }
    if found < target {
        tx.pragma_update(None, "user_version", target)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(found)
}

/// Creates a library file at an earlier schema `version`, as an older reftrace left
/// it: for the tests that migrate from every version.
pub fn create_at_version(path: &std::path::Path, version: i64) -> rusqlite::Result<()> {
    let mut conn = Connection::open(path)?;
    migrate(&mut conn, version)?;
    Ok(())
}
