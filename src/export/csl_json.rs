//! CSL-JSON: our own serde structs, valid against the CSL-JSON input schema.
//!
//! Dates are `{"date-parts": [[2023, 11, 6]]}` and names `{"family", "given"}`; we never
//! emit string dates or arrays in place of objects, which pandoc rejects or misreads.

use super::work::{Work, WorkKind};
use super::{ExportError, Options};
use crate::refs::PartialDate;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// One CSL-JSON item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Citation key.
    pub id: String,
    /// CSL item type: `article-newspaper`, `report` or `document`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    /// Newspaper or site, for `article-newspaper`.
    #[serde(
        default,
        rename = "container-title",
        skip_serializing_if = "Option::is_none"
    )]
    pub container_title: Option<String>,
    /// Institution, for `report`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<DateParts>,
    /// URL.
    #[serde(default, rename = "URL", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A CSL name with family and given parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// Family name, whole (`Van Wilgenburg`).
    pub family: String,
    /// Given names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub given: String,
}

/// A CSL date: one date of one to three integer parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateParts {
    /// `[[year, month, day]]`, shorter when less is known.
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<i32>>,
}

impl DateParts {
    /// The CSL date of a partial date.
    pub fn from_date(date: PartialDate) -> Self {
        let mut parts = vec![date.year];
        if let Some(m) = date.month {
            parts.push(i32::from(m));
            if let Some(d) = date.day {
                parts.push(i32::from(d));
            }
        }
        DateParts {
            date_parts: vec![parts],
        }
    }

    /// Back to a partial date, when the parts make one.
    pub fn to_date(&self) -> Option<PartialDate> {
        let parts = self.date_parts.first()?;
        let year = *parts.first()?;
        let part = |i: usize| parts.get(i).and_then(|&v| u8::try_from(v).ok());
        match (part(1), part(2)) {
            (Some(m), Some(d)) => PartialDate::ymd(year, m, d),
            (Some(m), None) => PartialDate::ym(year, m),
            _ => Some(PartialDate::year(year)),
        }
    }
}

/// The CSL type name of a work kind.
pub fn csl_type(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::NewsArticle => "article-newspaper",
        WorkKind::Report => "report",
        WorkKind::Article => "document",
    }
}

/// The CSL-JSON item of a work.
pub fn item(work: &Work) -> Item {
    let (container_title, publisher) = match work.kind {
        WorkKind::NewsArticle => (work.outlet.clone(), None),
        WorkKind::Report => (None, work.outlet.clone()),
        WorkKind::Article => (None, None),
    };
    Item {
        id: work.key.clone(),
        kind: csl_type(work.kind).into(),
        title: work.title.clone(),
        author: work
            .authors
            .iter()
            .map(|p| Name {
                family: p.family.clone(),
                given: p.given.clone(),
            })
            .collect(),
        container_title,
        publisher,
        issued: work.date.map(DateParts::from_date),
        url: work.url.clone(),
        note: work.note.clone(),
    }
}

/// Writes the works as a pretty-printed CSL-JSON array.
pub fn write(works: &[Work], out: &mut impl Write, _options: &Options) -> Result<(), ExportError> {
    let items: Vec<Item> = works.iter().map(item).collect();
    serde_json::to_writer_pretty(&mut *out, &items)
        .map_err(|e| ExportError::Serialize(e.to_string()))?;
    out.write_all(b"\n")?;
    Ok(())
}
