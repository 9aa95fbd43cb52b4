//! CSL-JSON: our own serde structs, valid against the CSL-JSON input schema.
//!
//! Dates are `{"date-parts": [[2023, 11, 6]]}` and names `{"family", "given"}`; we never
//! emit string dates or arrays in place of objects, which pandoc rejects or misreads.
//! Academic fields use CSL's variables: `container-title` (journal, book, proceedings),
//! `collection-title` (series), `volume`, `issue`, `page` (`12-19`), `publisher`,
//! `publisher-place`, `editor`, `translator`, the people of a role (`director`,
//! `producer`, ...), `edition` (a number when the record's
//! edition reads as one, so styles print their own `2nd ed.`), `genre`, `version` (a
//! program's), `DOI`, `ISBN`.

use super::work::{Work, WorkKind};
use super::{ExportError, Options};
use crate::refs::{PartialDate, Person, Role};
use serde::{Deserialize, Serialize};
use std::io::Write;

/// One CSL-JSON item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Citation key.
    pub id: String,
    /// CSL item type: `article-newspaper`, `article-journal`, `book`, `chapter`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    /// Editors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name>,
    /// Translators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translator: Vec<Name>,
    /// Directors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub director: Vec<Name>,
    /// Producers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub producer: Vec<Name>,
    /// Executive producers.
    #[serde(default, rename = "executive-producer", skip_serializing_if = "Vec::is_empty")]
    pub executive_producer: Vec<Name>,
    /// Script writers.
    #[serde(default, rename = "script-writer", skip_serializing_if = "Vec::is_empty")]
    pub script_writer: Vec<Name>,
    /// Composers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub composer: Vec<Name>,
    /// Narrators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub narrator: Vec<Name>,
    /// Performers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub performer: Vec<Name>,
    /// Newspaper, journal, book or proceedings.
    #[serde(
        default,
        rename = "container-title",
        skip_serializing_if = "Option::is_none"
    )]
    pub container_title: Option<String>,
    /// Series.
    #[serde(
        default,
        rename = "collection-title",
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_title: Option<String>,
    /// Volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Pages, `12-19`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Edition: a number, or the text as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Publisher, institution or university.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Place of publication.
    #[serde(
        default,
        rename = "publisher-place",
        skip_serializing_if = "Option::is_none"
    )]
    pub publisher_place: Option<String>,
    /// Genre: `PhD thesis`, `Working paper`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// A program's version: `3.3.070`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// DOI.
    #[serde(default, rename = "DOI", skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// ISBN.
    #[serde(default, rename = "ISBN", skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    /// Publication date; two dates for a range (`1974–1978`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<DateParts>,
    /// First publication, of a reprint or translation.
    #[serde(
        default,
        rename = "original-date",
        skip_serializing_if = "Option::is_none"
    )]
    pub original_date: Option<DateParts>,
    /// When the work was looked at online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<DateParts>,
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

    /// The CSL date from `date` to `end` (one date when there is no end).
    pub fn range(date: PartialDate, end: Option<PartialDate>) -> Self {
        let mut parts = Self::from_date(date);
        if let Some(end) = end {
            parts.date_parts.extend(Self::from_date(end).date_parts);
        }
        parts
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
    kind.csl()
}

fn names(people: &[Person]) -> Vec<Name> {
    people
        .iter()
        .map(|p| Name {
            family: p.family.clone(),
            given: p.given.clone(),
        })
        .collect()
}

/// The CSL-JSON item of a work.
pub fn item(work: &Work) -> Item {
    let f = &work.fields;
    let text = |s: &Option<String>| s.clone().filter(|t| !t.trim().is_empty());
    Item {
        id: work.key.clone(),
        kind: csl_type(work.kind).into(),
        title: work.title.clone(),
        author: names(&work.authors),
        editor: names(&f.editors),
        translator: names(&f.translators),
        director: names(&work.people_of(Role::Director)),
        producer: names(&work.people_of(Role::Producer)),
        executive_producer: names(&work.people_of(Role::ExecutiveProducer)),
        script_writer: names(&work.people_of(Role::ScriptWriter)),
        composer: names(&work.people_of(Role::Composer)),
        narrator: names(&work.people_of(Role::Narrator)),
        performer: names(&work.people_of(Role::Performer)),
        container_title: work.container().map(str::to_string),
        collection_title: text(&f.collection_title),
        volume: text(&f.volume),
        issue: text(&f.issue),
        page: work.page_range().map(|(first, last)| match last {
            Some(last) => format!("{first}-{last}"),
            None => first.to_string(),
        }),
        edition: match work.edition_number() {
            Some(n) => Some(n.to_string()),
            None => text(&f.edition),
        },
        publisher: work.publisher().map(str::to_string),
        publisher_place: text(&f.location),
        genre: text(&f.genre),
        version: text(&f.version),
        doi: text(&f.doi),
        isbn: text(&f.isbn),
        issued: work.date.map(|d| DateParts::range(d, f.date_end)),
        original_date: f.original_date.map(DateParts::from_date),
        accessed: f.accessed.map(DateParts::from_date),
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
