//! Adding articles and imports: records in, matched to works, works refreshed.

use super::works::{Keys, create_work, refresh_work};
use super::{content_hash, now};
use crate::library::LibraryError;
use crate::library::mapping;
use crate::library::matching::{self, Reason};
use crate::library::model::{AddOutcome, AddStatus, ImportOutcome, NewArticle, NewImport, Record};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::{BTreeSet, HashMap};

/// Who a record belongs to.
#[derive(Debug, Clone, Copy)]
enum Owner {
    Article(i64),
    Import(i64),
}

/// The state of one write command: works whose fields must be folded again.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    touched: BTreeSet<i64>,
    keys: Keys,
    now: String,
}

pub(super) fn add_articles(
    tx: &Transaction<'_>,
    articles: Vec<NewArticle>,
    tag: Option<&str>,
) -> Result<Vec<AddOutcome>, LibraryError> {
    let mut w = Writer::new(tx);
    let mut out = Vec::with_capacity(articles.len());
    for article in articles {
        out.push(w.add_article(article, tag)?);
    }
    w.finish()?;
    Ok(out)
}

pub(super) fn import(
    tx: &Transaction<'_>,
    files: Vec<NewImport>,
    tag: Option<&str>,
) -> Result<Vec<ImportOutcome>, LibraryError> {
    let mut w = Writer::new(tx);
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        out.push(w.import(file, tag)?);
    }
    w.finish()?;
    Ok(out)
}

impl<'t> Writer<'t> {
    fn new(tx: &'t Transaction<'t>) -> Self {
        Writer {
            tx,
            touched: BTreeSet::new(),
            keys: Keys::default(),
            now: now(),
        }
    }

    fn add_article(
        &mut self,
        a: NewArticle,
        tag: Option<&str>,
    ) -> Result<AddOutcome, LibraryError> {
        let hash = content_hash(a.text.as_bytes());
        let date = a.date.map(|d| d.to_string());
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM articles WHERE hash = ?1 AND text = ?2")?
            .query_row(params![hash, a.text], |r| r.get(0))
            .optional()?;
        let (id, status) = match existing {
            Some(id) => {
                self.tx.execute(
                    "UPDATE articles SET name = ?2, title = ?3, date = ?4, updated_at = ?5
                     WHERE id = ?1",
                    params![id, a.name, a.title, date, self.now],
                )?;
                self.tx
                    .execute("DELETE FROM claims WHERE article_id = ?1", [id])?;
                (id, AddStatus::Updated)
            }
            None => {
                self.tx.execute(
                    "INSERT INTO articles (hash, name, title, date, text, added_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                    params![hash, a.name, a.title, date, a.text, self.now],
                )?;
                (self.tx.last_insert_rowid(), AddStatus::New)
            }
        };
        // Records already stored for this article, by position: updated in place, so
        // their works, tags and splits stay.
        let mut old: HashMap<usize, (i64, i64)> = HashMap::new();
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT position, id, work_id FROM records WHERE article_id = ?1",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (pos, rec, work) = row?;
                old.insert(usize::try_from(pos).unwrap_or(0), (rec, work));
            }
        }
        let mut entry_work: HashMap<usize, i64> = HashMap::new();
        let mut entry_record: HashMap<usize, i64> = HashMap::new();
        let mut merged = 0;
        for rec in &a.records {
            let (rec_id, work_id, joined) = match old.remove(&rec.position) {
                Some((rec_id, work_id)) => {
                    self.update_record(rec_id, rec)?;
                    (rec_id, work_id, false)
                }
                None => self.insert_record(rec, Owner::Article(id), &entry_work)?,
            };
            merged += usize::from(joined);
            entry_work.insert(rec.position, work_id);
            entry_record.insert(rec.position, rec_id);
            self.touched.insert(work_id);
        }
        for (rec_id, work_id) in old.into_values() {
            self.tx
                .execute("DELETE FROM records WHERE id = ?1", [rec_id])?;
            self.touched.insert(work_id);
        }
        for claim in &a.claims {
            self.tx
                .prepare_cached(
                    "INSERT INTO claims (article_id, position, text, kind, status, is_title,
                     byte_start, byte_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    id,
                    claim.position as i64,
                    claim.text,
                    claim.kind,
                    claim.status,
                    claim.is_title,
                    claim.span.0 as i64,
                    claim.span.1 as i64
                ])?;
            let claim_id = self.tx.last_insert_rowid();
            for link in &claim.links {
                let Some(rec_id) = entry_record.get(&link.entry) else {
                    continue;
                };
                self.tx
                    .prepare_cached(
                        "INSERT OR REPLACE INTO links (claim_id, record_id, score, evidence,
                         conflicts) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![
                        claim_id,
                        rec_id,
                        link.score,
                        serde_json::to_string(&link.evidence).unwrap_or_default(),
                        serde_json::to_string(&link.conflicts).unwrap_or_default()
                    ])?;
            }
        }
        let works: BTreeSet<i64> = entry_work.values().copied().collect();
        if let Some(tag) = tag {
            self.tag_all(&works, tag)?;
        }
        Ok(AddOutcome {
            article: id,
            name: a.name,
            status,
            records: a.records.len(),
            works: works.len(),
            merged,
        })
    }

    fn import(
        &mut self,
        file: NewImport,
        tag: Option<&str>,
    ) -> Result<ImportOutcome, LibraryError> {
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM imports WHERE hash = ?1",
                [&file.hash],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(ImportOutcome {
                import: id,
                name: file.name,
                already: true,
                records: 0,
                merged: 0,
            });
        }
        self.tx.execute(
            "INSERT INTO imports (name, format, hash, imported_at) VALUES (?1, ?2, ?3, ?4)",
            params![file.name, file.format.name(), file.hash, self.now],
        )?;
        let id = self.tx.last_insert_rowid();
        let mut merged = 0;
        let mut works = BTreeSet::new();
        let none = HashMap::new();
        for rec in &file.records {
            let (_, work, joined) = self.insert_record(rec, Owner::Import(id), &none)?;
            if joined {
                merged += 1;
                self.touched.insert(work);
            }
            works.insert(work);
        }
        if let Some(tag) = tag {
            self.tag_all(&works, tag)?;
        }
        Ok(ImportOutcome {
            import: id,
            name: file.name,
            already: false,
            records: file.records.len(),
            merged,
        })
    }

    fn tag_all(&self, works: &BTreeSet<i64>, tag: &str) -> Result<(), LibraryError> {
        let mut stmt = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO tags (work_id, name) VALUES (?1, ?2)")?;
        for w in works {
            stmt.execute(params![w, tag])?;
        }
        Ok(())
    }

    /// The work a new record belongs to, with the reason, if the library has one.
    fn find_work(
        &self,
        rec: &Record,
        entry_work: &HashMap<usize, i64>,
    ) -> Result<Option<(i64, Reason)>, LibraryError> {
        if let Some(entry) = rec.duplicate_of
            && let Some(&work) = entry_work.get(&entry)
        {
            return Ok(Some((work, Reason::RepeatInList { entry })));
        }
        if let Some(doi) = &rec.fields.doi {
            let hit: Option<i64> = self
                .tx
                .prepare_cached("SELECT id FROM works WHERE doi = ?1 ORDER BY id LIMIT 1")?
                .query_row([doi], |r| r.get(0))
                .optional()?;
            if let Some(work) = hit {
                return Ok(Some((work, Reason::SameDoi(doi.clone()))));
            }
        }
        let Some(print) = rec.title.as_deref().and_then(matching::fingerprint) else {
            return Ok(None);
        };
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, title, date, outlet, doi FROM works WHERE fingerprint = ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([print])?;
        while let Some(row) = rows.next()? {
            let (id, title, date, outlet, doi): (
                i64,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
            ) = (
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            );
            let their_date = date.as_deref().and_then(mapping::date_from_text);
            let dois_agree = doi.is_none() || rec.fields.doi.is_none() || doi == rec.fields.doi;
            if dois_agree
                && matching::dates_compatible(rec.date, their_date)
                && matching::outlets_compatible(rec.outlet.as_deref(), outlet.as_deref())
            {
                let reason = Reason::SameTitle {
                    title: title.unwrap_or_default(),
                    date,
                    outlet,
                };
                return Ok(Some((id, reason)));
            }
        }
        Ok(None)
    }

    /// Stores a new record in the work it matches, or in a new work. Returns the
    /// record's id, its work's id and whether it joined an existing work.
    fn insert_record(
        &mut self,
        rec: &Record,
        owner: Owner,
        entry_work: &HashMap<usize, i64>,
    ) -> Result<(i64, i64, bool), LibraryError> {
        let found = self.find_work(rec, entry_work)?;
        let (work, reason) = match found {
            Some((work, reason)) => {
                self.touched.insert(work);
                (work, Some(reason.to_string()))
            }
            None => (
                create_work(
                    self.tx,
                    &mut self.keys,
                    &rec.key,
                    &mapping::work_of(rec),
                    &self.now,
                )?,
                None,
            ),
        };
        let (article, import) = match owner {
            Owner::Article(id) => (Some(id), None),
            Owner::Import(id) => (None, Some(id)),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO records (work_id, article_id, import_id, position, line, key, kind,
                 title, outlet, date, doi, url, note, authors, raw, detail, merge_reason, fields)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18)",
            )?
            .execute(params![
                work,
                article,
                import,
                rec.position as i64,
                rec.line.map(|l| l as i64),
                rec.key,
                mapping::kind_name(rec.kind),
                rec.title,
                rec.outlet,
                rec.date.map(|d| d.to_string()),
                rec.fields.doi,
                rec.url,
                rec.note,
                mapping::authors_to_json(&rec.authors),
                rec.raw,
                rec.detail.to_string(),
                reason,
                mapping::fields_to_json(&rec.fields)
            ])?;
        Ok((self.tx.last_insert_rowid(), work, reason.is_some()))
    }

    fn update_record(&self, id: i64, rec: &Record) -> Result<(), LibraryError> {
        self.tx
            .prepare_cached(
                "UPDATE records SET line = ?2, key = ?3, kind = ?4, title = ?5, outlet = ?6,
                 date = ?7, doi = ?8, url = ?9, note = ?10, authors = ?11, raw = ?12,
                 detail = ?13, fields = ?14 WHERE id = ?1",
            )?
            .execute(params![
                id,
                rec.line.map(|l| l as i64),
                rec.key,
                mapping::kind_name(rec.kind),
                rec.title,
                rec.outlet,
                rec.date.map(|d| d.to_string()),
                rec.fields.doi,
                rec.url,
                rec.note,
                mapping::authors_to_json(&rec.authors),
                rec.raw,
                rec.detail.to_string(),
                mapping::fields_to_json(&rec.fields)
            ])?;
        Ok(())
    }

    fn finish(self) -> Result<(), LibraryError> {
        for work in &self.touched {
            refresh_work(self.tx, *work)?;
        }
        Ok(())
    }
}
