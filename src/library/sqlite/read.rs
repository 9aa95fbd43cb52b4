//! Reading the library: search, list, one work, exports, claims, counts.

use crate::export::Work;
use crate::library::mapping;
use crate::library::model::{
    ArticleRef, ClaimUse, Origin, Record, RecordView, SearchHits, WorkDetail, WorkSummary,
};
use crate::library::store::{Counts, ListOptions, RANK_CAP, Sort};
use crate::library::{LibraryError, Query};
use rusqlite::{Connection, OptionalExtension, params};

const RECORD_COLUMNS: &str =
    "position, line, key, kind, authors, title, outlet, date, doi, url, note, raw, fields";

/// The records of a work as stored, the one it began with first.
pub(super) fn work_records(conn: &Connection, work: i64) -> Result<Vec<Record>, LibraryError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM records WHERE work_id = ?1
         ORDER BY merge_reason IS NOT NULL, id"
    ))?;
    let rows = stmt.query_map([work], record_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One record as stored.
pub(super) fn record(conn: &Connection, id: i64) -> Result<Record, LibraryError> {
    conn.prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM records WHERE id = ?1"
    ))?
    .query_row([id], record_row)
    .optional()?
    .ok_or(LibraryError::NotFound { what: "record", id })
}

fn record_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        position: usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
        line: r
            .get::<_, Option<i64>>(1)?
            .and_then(|l| usize::try_from(l).ok()),
        key: r.get(2)?,
        kind: mapping::kind_from_name(&r.get::<_, String>(3)?),
        authors: mapping::authors_from_json(&r.get::<_, String>(4)?),
        title: r.get(5)?,
        outlet: r.get(6)?,
        date: r
            .get::<_, Option<String>>(7)?
            .as_deref()
            .and_then(mapping::date_from_text),
        fields: mapping::fields_from_json(&r.get::<_, String>(12)?, r.get(8)?),
        url: r.get(9)?,
        note: r.get(10)?,
        raw: r.get(11)?,
        duplicate_of: None,
        detail: serde_json::Value::Null,
    })
}

fn summary(conn: &Connection, id: i64) -> Result<WorkSummary, LibraryError> {
    conn.prepare_cached(
        "SELECT key, authors, outlet, title, date,
            (SELECT count(*) FROM records WHERE work_id = w.id),
            (SELECT group_concat(name, char(31)) FROM
                (SELECT name FROM tags WHERE work_id = w.id ORDER BY name))
         FROM works w WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(WorkSummary {
            id,
            key: r.get(0)?,
            authors: mapping::authors_from_json(&r.get::<_, String>(1)?),
            outlet: r.get(2)?,
            title: r.get(3)?,
            date: r.get(4)?,
            sources: usize::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
            tags: r
                .get::<_, Option<String>>(6)?
                .map(|t| t.split('\u{1f}').map(String::from).collect())
                .unwrap_or_default(),
        })
    })
    .optional()?
    .ok_or(LibraryError::NotFound { what: "work", id })
}

fn summaries(conn: &Connection, ids: Vec<i64>) -> Result<Vec<WorkSummary>, LibraryError> {
    ids.into_iter().map(|id| summary(conn, id)).collect()
}

pub(super) fn search(
    conn: &Connection,
    q: &Query,
    limit: usize,
) -> Result<SearchHits, LibraryError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let filters = "(?2 IS NULL OR w.year >= ?2) AND (?3 IS NULL OR w.year <= ?3)
        AND (?4 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.work_id = w.id AND t.name = ?4))
        AND (?5 IS NULL OR w.doi = ?5)";
    let Some(fts) = q.fts() else {
        let sql = format!(
            "SELECT w.id FROM works w WHERE {filters} AND ?1 IS NULL
             ORDER BY w.date DESC, w.id LIMIT ?6"
        );
        let none: Option<String> = None;
        let mut stmt = conn.prepare_cached(&sql)?;
        let ids = stmt
            .query_map(
                params![none, q.year_from, q.year_to, q.tag, q.doi, limit],
                |r| r.get(0),
            )?
            .collect::<Result<Vec<i64>, _>>()?;
        return Ok(SearchHits {
            works: summaries(conn, ids)?,
            ranked: 0,
            capped: false,
        });
    };
    // Ranking scores every match: past RANK_CAP matches, only the newest are ranked.
    // One pass over the newest RANK_CAP + 1 matches tells whether there are more.
    let (newest, oldest): (i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT count(*), min(rowid) FROM (SELECT rowid FROM works_fts
             WHERE works_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)",
        )?
        .query_row(params![fts, RANK_CAP as i64 + 1], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let capped = usize::try_from(newest).unwrap_or(0) > RANK_CAP;
    // Rank the rows newer than the oldest of those RANK_CAP + 1.
    let cutoff = if capped { oldest.map(|m| m + 1) } else { None };
    let filtered = q.year_from.is_some() || q.tag.is_some() || q.doi.is_some();
    let sql = if filtered {
        format!(
            "SELECT w.id FROM works_fts JOIN works w ON w.id = works_fts.rowid
             WHERE works_fts MATCH ?1 AND works_fts.rowid >= ?7 AND {filters}
             ORDER BY bm25(works_fts, 4.0, 3.0, 2.0, 1.0), w.id LIMIT ?6"
        )
    } else {
        "SELECT rowid FROM works_fts WHERE works_fts MATCH ?1 AND rowid >= ?7
         AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL
         ORDER BY bm25(works_fts, 4.0, 3.0, 2.0, 1.0), rowid LIMIT ?6"
            .to_string()
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut run = |from: i64| -> Result<Vec<i64>, LibraryError> {
        let rows = stmt.query_map(
            params![fts, q.year_from, q.year_to, q.tag, q.doi, limit, from],
            |r| r.get(0),
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    let mut ids = run(cutoff.unwrap_or(i64::MIN))?;
    let mut hits = SearchHits {
        works: Vec::new(),
        ranked: if capped {
            RANK_CAP
        } else {
            usize::try_from(newest).unwrap_or(0)
        },
        capped,
    };
    // Filters may leave too few of the newest matches: then rank them all.
    if capped && filtered && i64::try_from(ids.len()).unwrap_or(0) < limit {
        ids = run(i64::MIN)?;
        let all: i64 = conn
            .prepare_cached("SELECT count(*) FROM works_fts WHERE works_fts MATCH ?1")?
            .query_row([&fts], |r| r.get(0))?;
        hits.ranked = usize::try_from(all).unwrap_or(0);
        hits.capped = false;
    }
    hits.works = summaries(conn, ids)?;
    Ok(hits)
}

pub(super) fn list(conn: &Connection, o: &ListOptions) -> Result<Vec<WorkSummary>, LibraryError> {
    let order = match o.sort {
        Sort::Date => "w.date DESC, w.id",
        Sort::Title => "w.title COLLATE NOCASE, w.id",
        Sort::Key => "w.key, w.id",
        Sort::Sources => "(SELECT count(*) FROM records r WHERE r.work_id = w.id) DESC, w.id",
        Sort::Added => "w.id DESC",
    };
    let sql = format!(
        "SELECT w.id FROM works w WHERE ?1 IS NULL OR EXISTS
            (SELECT 1 FROM tags t WHERE t.work_id = w.id AND t.name = ?1)
         ORDER BY {order} LIMIT ?2"
    );
    let limit = o.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt
        .query_map(params![o.tag, limit], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    summaries(conn, ids)
}

fn article_ref(id: i64, name: String, title: Option<String>, date: Option<String>) -> ArticleRef {
    ArticleRef {
        id,
        name,
        title,
        date,
    }
}

pub(super) fn work(conn: &Connection, id: i64) -> Result<WorkDetail, LibraryError> {
    let summary = summary(conn, id)?;
    let (kind, doi, url, note): (String, Option<String>, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT kind, doi, url, note FROM works WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.position, r.line, r.raw, r.merge_reason, r.detached,
                a.id, a.name, a.title, a.date, i.id, i.name
         FROM records r LEFT JOIN articles a ON a.id = r.article_id
         LEFT JOIN imports i ON i.id = r.import_id
         WHERE r.work_id = ?1 ORDER BY r.merge_reason IS NOT NULL, r.id",
    )?;
    let records = stmt
        .query_map([id], |r| {
            let position = usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
            let line = r
                .get::<_, Option<i64>>(2)?
                .and_then(|l| usize::try_from(l).ok());
            let origin = match r.get::<_, Option<i64>>(6)? {
                Some(article) => Origin::Article {
                    article: article_ref(article, r.get(7)?, r.get(8)?, r.get(9)?),
                    entry: position,
                    line,
                },
                None => Origin::Import {
                    id: r.get::<_, Option<i64>>(10)?.unwrap_or(0),
                    file: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                    line,
                },
            };
            Ok(RecordView {
                id: r.get(0)?,
                origin,
                raw: r.get(3)?,
                merge_reason: r.get(4)?,
                detached: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let claims: i64 = conn.query_row(
        "SELECT count(DISTINCT l.claim_id) FROM links l JOIN records r ON r.id = l.record_id
         WHERE r.work_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(WorkDetail {
        summary,
        kind,
        doi,
        url,
        note,
        records,
        claims: usize::try_from(claims).unwrap_or(0),
    })
}

pub(super) fn export_works(conn: &Connection, ids: &[i64]) -> Result<Vec<Work>, LibraryError> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, kind, authors, title, outlet, date, doi, url, note, fields
         FROM works WHERE id = ?1",
    )?;
    let mut rec_stmt =
        conn.prepare_cached("SELECT id FROM records WHERE work_id = ?1 ORDER BY id")?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let mut work = stmt
            .query_row([id], |r| {
                Ok(Work {
                    key: r.get(0)?,
                    kind: mapping::kind_from_name(&r.get::<_, String>(1)?),
                    authors: mapping::authors_from_json(&r.get::<_, String>(2)?),
                    title: r.get(3)?,
                    outlet: r.get(4)?,
                    date: r
                        .get::<_, Option<String>>(5)?
                        .as_deref()
                        .and_then(mapping::date_from_text),
                    url: r.get(7)?,
                    note: r.get(8)?,
                    entries: Vec::new(),
                    fields: mapping::fields_from_json(&r.get::<_, String>(9)?, r.get(6)?),
                })
            })
            .optional()?
            .ok_or(LibraryError::NotFound { what: "work", id })?;
        work.entries = rec_stmt
            .query_map([id], |r| r.get::<_, i64>(0))?
            .map(|r| r.map(|v| usize::try_from(v).unwrap_or(0)))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(work);
    }
    Ok(out)
}

pub(super) fn claims_of(conn: &Connection, work: i64) -> Result<Vec<ClaimUse>, LibraryError> {
    summary(conn, work)?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.name, a.title, a.date, c.position, c.text, c.kind, c.status, l.score,
                r.position, l.evidence, l.conflicts
         FROM records r JOIN links l ON l.record_id = r.id
         JOIN claims c ON c.id = l.claim_id JOIN articles a ON a.id = c.article_id
         WHERE r.work_id = ?1 ORDER BY a.id, c.position, l.score DESC",
    )?;
    let list = |text: String| serde_json::from_str::<Vec<String>>(&text).unwrap_or_default();
    let rows = stmt.query_map([work], |r| {
        Ok(ClaimUse {
            article: article_ref(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
            claim: usize::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
            text: r.get(5)?,
            kind: r.get(6)?,
            status: r.get(7)?,
            score: r.get(8)?,
            entry: usize::try_from(r.get::<_, i64>(9)?).unwrap_or(0),
            evidence: list(r.get(10)?),
            conflicts: list(r.get(11)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn collections(conn: &Connection) -> Result<Vec<(String, usize)>, LibraryError> {
    let mut stmt = conn.prepare("SELECT name, count(*) FROM tags GROUP BY name ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn counts(conn: &Connection) -> Result<Counts, LibraryError> {
    let count = |table: &str| -> Result<usize, LibraryError> {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    };
    Ok(Counts {
        articles: count("articles")?,
        imports: count("imports")?,
        records: count("records")?,
        works: count("works")?,
        claims: count("claims")?,
    })
}
