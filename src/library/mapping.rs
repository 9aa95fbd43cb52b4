//! The one place where reftrace's types meet the library's columns: a [`Reference`]
//! becomes a [`Record`], and records become an export [`Work`] again, folded with the
//! same rules (`Work::from_reference`, `Work::absorb`) that `reftrace export` uses, so
//! the library and the exports agree on every field and on the entry type.
//!
//! A new field of `Reference` needs a line in [`from_reference`] (its column, when it
//! has one; the `detail` JSON keeps it in any case); the fields of academic works
//! travel whole in [`WorkFields`], stored as JSON in the `fields` column.

use super::matching::normalise_doi;
use super::model::{NewClaim, NewLink, Record};
use crate::export::{Work, WorkKind, work::is_report_publisher};
use crate::refs::{PartialDate, Person, Reference, WorkFields};
use crate::trace::Trace;

/// The record of one entry of an article's list. `detail` is the whole reference as
/// the JSON contract writes it, so every field (provenance, diagnostics, spans) is kept.
pub fn from_reference(r: &Reference) -> Record {
    let work = Work::from_reference(r);
    let mut fields = work.fields;
    fields.doi = fields
        .doi
        .map(|d| normalise_doi(&d).unwrap_or(d))
        .filter(|d| !d.trim().is_empty());
    Record {
        position: r.index,
        line: Some(r.line),
        key: r.key.clone(),
        kind: work.kind,
        authors: work.authors,
        title: work.title,
        outlet: work.outlet,
        date: work.date,
        fields,
        url: work.url,
        note: work.note,
        raw: r.raw.clone(),
        duplicate_of: r.duplicate_of,
        detail: serde_json::to_value(r).unwrap_or(serde_json::Value::Null),
    }
}

/// The entry type from the outlet alone, as `export::works` decides it for a record
/// that states no type.
pub fn kind_for(outlet: Option<&str>) -> WorkKind {
    match outlet {
        None => WorkKind::Article,
        Some(o) if is_report_publisher(o) => WorkKind::Report,
        Some(_) => WorkKind::NewsArticle,
    }
}

/// The work of one record, as `reftrace export` would write it (no entries yet).
pub fn work_of(record: &Record) -> Work {
    Work {
        key: record.key.clone(),
        kind: record.kind,
        authors: record.authors.clone(),
        outlet: record.outlet.clone(),
        title: record.title.clone(),
        date: record.date,
        url: record.url.clone(),
        note: record.note.clone(),
        entries: Vec::new(),
        fields: WorkFields {
            kind: None,
            ..record.fields.clone()
        },
    }
}

/// The fields of a work folded from its records, the one it began with first: its
/// fields win, and the others fill what it lacks (`Work::absorb`).
pub fn fold(records: &[Record]) -> Option<Work> {
    let (first, rest) = records.split_first()?;
    let mut work = work_of(first);
    for r in rest {
        work.absorb(work_of(r));
    }
    Some(work)
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
                    evidence: l.evidence.iter().map(ToString::to_string).collect(),
                    conflicts: l.conflicts.iter().map(ToString::to_string).collect(),
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

/// The stored name of a kind: the names of the first schema for news, reports and
/// plain articles, CSL type names for the others.
pub fn kind_name(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::NewsArticle => "news-article",
        WorkKind::Report => "report",
        WorkKind::Article => "article",
        other => other.csl(),
    }
}

/// The kind of a stored name (unknown names read as a plain article).
pub fn kind_from_name(name: &str) -> WorkKind {
    match name {
        "news-article" => WorkKind::NewsArticle,
        "article" => WorkKind::Article,
        other => WorkKind::from_csl(other).unwrap_or(WorkKind::Article),
    }
}

/// Academic fields as stored: a JSON object, empty fields left out.
pub fn fields_to_json(fields: &WorkFields) -> String {
    serde_json::to_string(fields).unwrap_or_else(|_| "{}".into())
}

/// Academic fields from their stored JSON; `doi` from its column when the JSON has none.
pub fn fields_from_json(text: &str, doi: Option<String>) -> WorkFields {
    let mut fields: WorkFields = serde_json::from_str(text).unwrap_or_default();
    fields.kind = None;
    if fields.doi.is_none() {
        fields.doi = doi;
    }
    fields
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
    text.parse().ok()
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

    #[test]
    fn kinds_and_academic_fields_survive_the_round_trip() {
        for kind in [
            WorkKind::NewsArticle,
            WorkKind::Report,
            WorkKind::Article,
            WorkKind::JournalArticle,
            WorkKind::Book,
            WorkKind::Chapter,
            WorkKind::ConferencePaper,
            WorkKind::Thesis,
            WorkKind::Webpage,
            WorkKind::Dataset,
            WorkKind::Software,
            WorkKind::Video,
        ] {
            assert_eq!(kind_from_name(kind_name(kind)), kind);
        }
        let fields = WorkFields {
            container_title: Some("Journal of Things".into()),
            volume: Some("12".into()),
            pages: Some("3\u{2013}9".into()),
            editors: vec![Person::new("Ode", "Ann")],
            ..WorkFields::default()
        };
        let back = fields_from_json(&fields_to_json(&fields), Some("10.1/x".into()));
        assert_eq!(back.doi.as_deref(), Some("10.1/x"));
        assert_eq!(WorkFields { doi: None, ..back }, fields);
    }
}
