//! The one place where reftrace's types meet the library's columns: a [`Reference`]
//! becomes a [`Record`], stored fields become an export [`Work`] again, and the fields
//! of a work are folded from its records.
//!
//! A new field of `Reference` needs a line in [`from_reference`] (its column, when it
//! has one; the `detail` JSON keeps it in any case) and, to reach exports, one in
//! [`to_work`].

use super::model::{NewClaim, NewLink, Record};
use crate::export::{Work, WorkKind, work::is_report_publisher};
use crate::refs::{PartialDate, Person, Reference};
use crate::trace::Trace;

/// The record of one entry of an article's list. `detail` is the whole reference as
/// the JSON contract writes it, so every field (provenance, diagnostics, spans) is kept.
pub fn from_reference(r: &Reference) -> Record {
    let title = if r.parsed {
        r.title.clone()
    } else {
        Some(r.raw.trim().to_string()).filter(|t| !t.is_empty())
    };
    let outlet = r.outlet.clone().filter(|o| !o.trim().is_empty());
    let kind = if r.parsed {
        kind_for(outlet.as_deref())
    } else {
        WorkKind::Article
    };
    Record {
        position: r.index,
        line: Some(r.line),
        key: r.key.clone(),
        kind,
        authors: r.authors.clone(),
        title,
        outlet,
        date: r.date,
        doi: None,
        url: r.url.clone(),
        note: r.note.clone(),
        raw: r.raw.clone(),
        duplicate_of: r.duplicate_of,
        detail: serde_json::to_value(r).unwrap_or(serde_json::Value::Null),
    }
}

/// The entry type from the outlet alone, as `export::works` decides it.
pub fn kind_for(outlet: Option<&str>) -> WorkKind {
    match outlet {
        None => WorkKind::Article,
        Some(o) if is_report_publisher(o) => WorkKind::Report,
        Some(_) => WorkKind::NewsArticle,
    }
}

/// The claims of a trace with their links, ready to store.
pub fn claims_of(trace: &Trace) -> Vec<NewClaim> {
    trace
        .claims
        .iter()
        .map(|c| NewClaim {
            position: c.index,
            text: c.text.clone(),
            kind: json_name(&c.kind),
            status: c.status.name().to_string(),
            is_title: c.title,
            span: (c.byte_start, c.byte_end),
            links: c
                .sources
                .iter()
                .map(|l| NewLink {
                    entry: l.index,
                    score: l.score,
                    evidence: l.evidence.clone(),
                    conflicts: l.conflicts.clone(),
                })
                .collect(),
        })
        .collect()
}

fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The stored name of a kind.
pub fn kind_name(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::NewsArticle => "news-article",
        WorkKind::Report => "report",
        WorkKind::Article => "article",
    }
}

/// The kind of a stored name (unknown names read as a plain article).
pub fn kind_from_name(name: &str) -> WorkKind {
    match name {
        "news-article" => WorkKind::NewsArticle,
        "report" => WorkKind::Report,
        _ => WorkKind::Article,
    }
}

/// Authors as stored: a JSON array of `{"family", "given"}`.
pub fn authors_to_json(authors: &[Person]) -> String {
    serde_json::to_string(authors).unwrap_or_else(|_| "[]".into())
}

/// Authors from their stored JSON.
pub fn authors_from_json(text: &str) -> Vec<Person> {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(text) else {
        return Vec::new();
    };
    items
        .iter()
        .map(|p| {
            let field = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            Person::new(field("family"), field("given"))
        })
        .collect()
}

/// Authors as one line of text for the search index: `Knights Michael; Malik Hamdi`.
pub fn authors_text(authors: &[Person]) -> String {
    authors
        .iter()
        .map(|p| format!("{} {}", p.family, p.given).trim().to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A stored date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) read back.
pub fn date_from_text(text: &str) -> Option<PartialDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    match (parts.next(), parts.next()) {
        (None, _) => Some(PartialDate::year(year)),
        (Some(m), None) => PartialDate::ym(year, m.parse().ok()?),
        (Some(m), Some(d)) => PartialDate::ymd(year, m.parse().ok()?, d.parse().ok()?),
    }
}

/// The fields of one work, as stored in its row.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkFields {
    /// Entry type.
    pub kind: WorkKind,
    /// Authors, in order, without repeats.
    pub authors: Vec<Person>,
    /// Title.
    pub title: Option<String>,
    /// Outlet or container.
    pub outlet: Option<String>,
    /// Date, the most precise one that agrees with the first.
    pub date: Option<PartialDate>,
    /// DOI.
    pub doi: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Notes of every record, and URLs that differ from the first.
    pub note: Option<String>,
}

impl WorkFields {
    /// The fields of a work that has only `record`.
    pub fn of(record: &Record) -> WorkFields {
        WorkFields {
            kind: record.kind,
            authors: record.authors.clone(),
            title: record.title.clone(),
            outlet: record.outlet.clone(),
            date: record.date,
            doi: record.doi.clone(),
            url: record.url.clone(),
            note: record.note.clone(),
        }
    }

    /// Adds what `other` has and this lacks (the first record's fields win).
    pub fn absorb(&mut self, other: &Record) {
        for p in &other.authors {
            if !self.authors.contains(p) {
                self.authors.push(p.clone());
            }
        }
        fill(&mut self.title, &other.title);
        fill(&mut self.outlet, &other.outlet);
        fill(&mut self.doi, &other.doi);
        self.date = match (self.date, other.date) {
            (Some(a), Some(b)) if a.year == b.year && precision(b) > precision(a) => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        };
        match (&self.url, &other.url) {
            (None, Some(u)) => self.url = Some(u.clone()),
            (Some(mine), Some(u)) if mine != u => append(&mut self.note, u),
            _ => {}
        }
        if let Some(n) = &other.note {
            append(&mut self.note, n);
        }
        if self.kind == WorkKind::Article && other.kind != WorkKind::Article {
            self.kind = other.kind;
        }
    }
}

fn fill(mine: &mut Option<String>, theirs: &Option<String>) {
    if mine.is_none() {
        mine.clone_from(theirs);
    }
}

fn append(note: &mut Option<String>, extra: &str) {
    match note {
        Some(n) if n.contains(extra) => {}
        Some(n) => {
            n.push_str("; ");
            n.push_str(extra);
        }
        None => *note = Some(extra.to_string()),
    }
}

fn precision(d: PartialDate) -> u8 {
    u8::from(d.month.is_some()) + u8::from(d.day.is_some())
}

/// The export [`Work`] of a stored work. `entries` holds the work's record ids.
pub fn to_work(key: String, fields: WorkFields, records: Vec<usize>) -> Work {
    Work {
        key,
        kind: fields.kind,
        authors: fields.authors,
        outlet: fields.outlet,
        title: fields.title,
        date: fields.date,
        url: fields.url,
        note: match (fields.note, fields.doi) {
            (Some(n), Some(doi)) => Some(format!("{n}; doi:{doi}")),
            (None, Some(doi)) => Some(format!("doi:{doi}")),
            (n, None) => n,
        },
        entries: records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_authors_survive_the_round_trip() {
        for text in ["2023-11-09", "2023-11", "2023"] {
            assert_eq!(date_from_text(text).unwrap().to_string(), text);
        }
        assert_eq!(date_from_text("2023-02-30"), None);
        let people = vec![
            Person::new("Van Wilgenburg", "Wladimir"),
            Person::new("Ali", ""),
        ];
        assert_eq!(authors_from_json(&authors_to_json(&people)), people);
    }
}
