//! Reading bibliography files into records: BibTeX/BibLaTeX, RIS, CSL-JSON and
//! Hayagriva YAML. One module per format, each with the same shape:
//! `read(text) -> Read`. An entry that cannot be read becomes a [`Problem`] with its
//! line; the others are read all the same.

pub mod bibtex;
pub mod csl_json;
pub mod ris;
pub mod yaml;

use super::matching::normalise_doi;
use super::model::{ImportFormat, Record};
use crate::export::WorkKind;
use crate::refs::{PartialDate, Person, WorkFields};

/// An entry that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line where the entry (or the error) is.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// What a file held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Read {
    /// Entries read.
    pub records: Vec<Record>,
    /// Entries that could not be.
    pub problems: Vec<Problem>,
}

/// Reads `text` in `format`.
pub fn read(text: &str, format: ImportFormat) -> Read {
    match format {
        ImportFormat::Bibtex => bibtex::read(text),
        ImportFormat::Ris => ris::read(text),
        ImportFormat::CslJson => csl_json::read(text),
        ImportFormat::Yaml => yaml::read(text),
    }
}

/// The format a file name suggests: `.bib`, `.ris`, `.json`, `.yml`/`.yaml`.
pub fn format_of(name: &str) -> Option<ImportFormat> {
    let ext = std::path::Path::new(name)
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    match ext.as_str() {
        "bib" | "bibtex" | "biblatex" => Some(ImportFormat::Bibtex),
        "ris" => Some(ImportFormat::Ris),
        "json" | "csl" => Some(ImportFormat::CslJson),
        "yml" | "yaml" => Some(ImportFormat::Yaml),
        _ => None,
    }
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Whether a kind keeps container and publisher as fields of their own (an academic
/// work) rather than as its outlet (a news item, a report, a document, or a kind the
/// format did not say). Every importer decides this the same way.
pub(crate) fn keeps_container(kind: Option<WorkKind>) -> bool {
    !matches!(
        kind,
        None | Some(WorkKind::NewsArticle | WorkKind::Report | WorkKind::Article)
    )
}

/// The fields an imported entry gives, before they become a [`Record`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Fields {
    pub key: Option<String>,
    pub kind: Option<WorkKind>,
    pub authors: Vec<Person>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<PartialDate>,
    pub doi: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    /// Academic fields the format gives (its `doi` is taken from `doi` above).
    pub fields: WorkFields,
}

impl Fields {
    /// The record, or a message when the entry names no work (no title and no DOI).
    pub fn into_record(
        self,
        position: usize,
        line: usize,
        raw: &str,
        detail: serde_json::Value,
    ) -> Result<Record, String> {
        let clean = |s: Option<String>| {
            s.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
        };
        let title = clean(self.title);
        let outlet = clean(self.outlet);
        let doi = self.doi.as_deref().and_then(normalise_doi);
        if title.is_none() && doi.is_none() {
            return Err("the entry has no title (and no DOI): nothing identifies the work".into());
        }
        let kind = self
            .kind
            .unwrap_or_else(|| super::mapping::kind_for(outlet.as_deref()));
        let key = self
            .key
            .filter(|k| !k.trim().is_empty())
            .unwrap_or_else(|| {
                make_key(
                    &self.authors,
                    outlet.as_deref(),
                    self.date,
                    title.as_deref(),
                )
            });
        Ok(Record {
            position,
            line: Some(line),
            key,
            kind,
            authors: self.authors,
            title,
            outlet,
            date: self.date,
            fields: WorkFields { doi, ..self.fields },
            url: clean(self.url),
            note: clean(self.note),
            raw: raw.trim().to_string(),
            duplicate_of: None,
            detail,
        })
    }
}

/// A key in reftrace's shape (`name2023word`) for an entry that brings none.
fn make_key(
    authors: &[Person],
    outlet: Option<&str>,
    date: Option<PartialDate>,
    title: Option<&str>,
) -> String {
    let fold = |s: &str| -> String {
        deunicode::deunicode(s)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let name = authors
        .first()
        .map(|p| fold(&p.family))
        .or_else(|| outlet.map(fold))
        .unwrap_or_default();
    let word = title
        .and_then(|t| t.split_whitespace().map(fold).find(|w| w.len() > 3))
        .unwrap_or_default();
    let year = date.map(|d| d.year.to_string()).unwrap_or_default();
    let key = format!("{name}{year}{word}");
    if key.is_empty() { "ref".into() } else { key }
}

/// A date from `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY/MM/DD` text (RIS, YAML).
pub(crate) fn parse_date(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text
        .trim()
        .split(['-', '/'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<u32>().ok());
    let year = i32::try_from(num(0)?).ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let month = num(1).and_then(|m| u8::try_from(m).ok());
    let day = num(2).and_then(|d| u8::try_from(d).ok());
    match (month, day) {
        (Some(m), Some(d)) => PartialDate::ymd(year, m, d).or(PartialDate::ym(year, m)),
        (Some(m), None) => PartialDate::ym(year, m),
        _ => Some(PartialDate::year(year)),
    }
    .or(Some(PartialDate::year(year)))
}

/// A person from `Family, Given` or `Given Family` text.
pub(crate) fn person(text: &str) -> Person {
    let text = text.trim();
    match text.split_once(',') {
        Some((family, given)) => Person::new(family.trim(), given.trim()),
        None => match text.rsplit_once(' ') {
            Some((given, family)) => Person::new(family.trim(), given.trim()),
            None => Person::new(text, ""),
        },
    }
}
