//! Work rows: creating one under a free key, and folding its fields again from its
//! records (with its search row) after records join or leave it.

use crate::export::Work;
use crate::library::LibraryError;
use crate::library::mapping;
use crate::library::matching;
use rusqlite::types::Value;
use rusqlite::{Transaction, params, params_from_iter};
use std::collections::HashMap;

/// The stored columns of a work, in the order both statements below name them: kind,
/// title, outlet, date, year, doi, url, note, authors, fingerprint, fields.
fn columns(f: &Work) -> [Value; 11] {
    let text = |v: Option<String>| v.map_or(Value::Null, Value::Text);
    [
        Value::Text(mapping::kind_name(f.kind).to_string()),
        text(f.title.clone()),
        text(f.outlet.clone()),
        text(f.date.map(|d| d.to_string())),
        f.date.map_or(Value::Null, |d| Value::Integer(i64::from(d.year))),
        text(f.fields.doi.clone()),
        text(f.url.clone()),
        text(f.note.clone()),
        Value::Text(mapping::authors_to_json(&f.authors)),
        text(f.title.as_deref().and_then(matching::fingerprint)),
        Value::Text(mapping::fields_to_json(&f.fields)),
    ]
}

/// A new work row (and its search row) with the fields of one record (its
/// [`mapping::work_of`]), under a key no other work has. Returns its id.
pub(super) fn create_work(
    tx: &Transaction<'_>,
    keys: &mut Keys,
    key: &str,
    f: &Work,
    now: &str,
) -> Result<i64, LibraryError> {
    let key = keys.free(tx, key)?;
    let mut values = vec![Value::from(key.clone())];
    values.extend(columns(f));
    values.push(Value::from(now.to_string()));
    tx.prepare_cached(
        "INSERT INTO works (key, kind, title, outlet, date, year, doi, url, note, authors,
         fingerprint, fields, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params_from_iter(values))?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO works_fts (rowid, title, authors, outlet, claims) VALUES (?1, ?2, ?3, ?4, '')",
    )?
    .execute(params![
        id,
        f.title.as_deref().unwrap_or(""),
        mapping::authors_text(&f.authors),
        searched_outlet(f)
    ])?;
    Ok(id)
}

/// What `outlet:` searches: the outlet, or an academic work's journal, book or
/// proceedings and its publisher.
fn searched_outlet(f: &Work) -> String {
    match &f.outlet {
        Some(outlet) => outlet.clone(),
        None => [f.container(), f.publisher()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Free citation keys: `key`, or `key` with the first letter suffix no work has taken.
/// Remembers, within one command, how far each key's suffixes are taken, so that many
/// works with the same key do not probe the same suffixes again and again.
#[derive(Debug, Default)]
pub(super) struct Keys {
    next: HashMap<String, usize>,
}

impl Keys {
    fn free(&mut self, tx: &Transaction<'_>, key: &str) -> Result<String, LibraryError> {
        let base = if key.trim().is_empty() { "ref" } else { key };
        let mut stmt = tx.prepare_cached("SELECT 1 FROM works WHERE key = ?1")?;
        let mut taken = |k: &str| stmt.exists([k]);
        let start = self.next.get(base).copied();
        if start.is_none() && !taken(base)? {
            return Ok(base.to_string());
        }
        for n in start.unwrap_or(0).. {
            let candidate = format!("{base}{}", suffix(n));
            if !taken(&candidate)? {
                self.next.insert(base.to_string(), n + 1);
                return Ok(candidate);
            }
        }
        unreachable!("an unbounded range ends only by returning")
    }
}

/// `a`..`z`, then `aa`, `ab`, ...
fn suffix(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'a' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Folds a work's fields again from its records (the one it began with first) and
/// rewrites its search row, claims included; deletes it when no record is left.
pub(super) fn refresh_work(tx: &Transaction<'_>, work: i64) -> Result<(), LibraryError> {
    let records = super::read::work_records(tx, work)?;
    let Some(f) = mapping::fold(&records) else {
        tx.execute("DELETE FROM works_fts WHERE rowid = ?1", [work])?;
        tx.execute("DELETE FROM works WHERE id = ?1", [work])?;
        return Ok(());
    };
    let mut values = vec![Value::from(work)];
    values.extend(columns(&f));
    tx.prepare_cached(
        "UPDATE works SET kind = ?2, title = ?3, outlet = ?4, date = ?5, year = ?6, doi = ?7,
         url = ?8, note = ?9, authors = ?10, fingerprint = ?11, fields = ?12 WHERE id = ?1",
    )?
    .execute(params_from_iter(values))?;
    let claims: String = tx
        .prepare_cached(
            "SELECT coalesce(group_concat(c.text, ' '), '') FROM records r
             JOIN links l ON l.record_id = r.id JOIN claims c ON c.id = l.claim_id
             WHERE r.work_id = ?1",
        )?
        .query_row([work], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM works_fts WHERE rowid = ?1")?
        .execute([work])?;
    tx.prepare_cached(
        "INSERT INTO works_fts (rowid, title, authors, outlet, claims) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        work,
        f.title.as_deref().unwrap_or(""),
        mapping::authors_text(&f.authors),
        searched_outlet(&f),
        claims
    ])?;
    Ok(())
}
