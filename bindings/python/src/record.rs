//! Records coming back from Python (`reftrace.export`, `reftrace.cite`): the JSON
//! contract of one reference, as `Record.to_dict()` writes it, read into a
//! [`reftrace::Reference`]. Every field but `title`/`outlet`/`authors` may be left out
//! of a hand-made record; the index then defaults to the record's place and the key to
//! `ref<index>`. Diagnostics are not read back (no export uses them).

use reftrace::{
    Contributor, FieldProvenance, HeadKind, PartialDate, Person, Provenance, Reference, Role, Span,
    WorkFields, WorkType,
};
use serde::Deserialize;

/// A record as Python hands it over.
#[derive(Debug, Deserialize)]
pub struct RecordIn {
    index: Option<usize>,
    line: Option<usize>,
    span: Option<SpanIn>,
    raw: Option<String>,
    parsed: Option<bool>,
    #[serde(default)]
    authors: Vec<PersonIn>,
    outlet: Option<String>,
    title: Option<String>,
    date: Option<String>,
    date_text: Option<String>,
    url: Option<String>,
    note: Option<String>,
    continues: Option<usize>,
    head: Option<String>,
    provenance: Option<ProvenanceIn>,
    duplicate_of: Option<usize>,
    key: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    container_title: Option<String>,
    collection_title: Option<String>,
    volume: Option<String>,
    issue: Option<String>,
    pages: Option<String>,
    publisher: Option<String>,
    location: Option<String>,
    #[serde(default)]
    editors: Vec<PersonIn>,
    #[serde(default)]
    translators: Vec<PersonIn>,
    #[serde(default)]
    contributors: Vec<ContributorIn>,
    edition: Option<String>,
    genre: Option<String>,
    version: Option<String>,
    doi: Option<String>,
    isbn: Option<String>,
    date_end: Option<String>,
    original_date: Option<String>,
    accessed: Option<String>,
    citation_number: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SpanIn {
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct PersonIn {
    family: String,
    #[serde(default)]
    given: String,
}

/// A person of a role: `{"role": "director", "family": "Docter", "given": "P."}`.
#[derive(Debug, Deserialize)]
struct ContributorIn {
    role: String,
    family: String,
    #[serde(default)]
    given: String,
}

#[derive(Debug, Deserialize)]
struct ProvenanceIn {
    authors: Option<FromIn>,
    outlet: Option<FromIn>,
    title: Option<FromIn>,
    date: Option<FromIn>,
}

#[derive(Debug, Deserialize)]
struct FromIn {
    from: String,
    entry: Option<usize>,
}

fn people(list: Vec<PersonIn>) -> Vec<Person> {
    list.into_iter()
        .map(|p| Person::new(p.family, p.given))
        .collect()
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the contract writes dates.
fn date(text: &str) -> Result<PartialDate, String> {
    text.parse()
        .map_err(|_| format!("date `{text}` is not YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn head(text: Option<&str>, authors: &[Person]) -> Result<HeadKind, String> {
    Ok(match text {
        Some("people") => HeadKind::People,
        Some("organisation") => HeadKind::Organisation,
        Some("empty") => HeadKind::Empty,
        Some(other) => {
            return Err(format!(
                "head `{other}` is not people, organisation or empty"
            ));
        }
        None if authors.is_empty() => HeadKind::Organisation,
        None => HeadKind::People,
    })
}

fn provenance(p: Option<&FromIn>, present: bool) -> Result<Provenance, String> {
    let Some(p) = p else {
        return Ok(if present {
            Provenance::Stated
        } else {
            Provenance::Missing
        });
    };
    Ok(match (p.from.as_str(), p.entry) {
        ("stated", _) => Provenance::Stated,
        ("repaired", _) => Provenance::Repaired,
        ("missing", _) => Provenance::Missing,
        ("inherited", Some(entry)) => Provenance::Inherited { entry },
        (other, _) => return Err(format!("provenance `{other}` is not understood")),
    })
}

fn contributors(list: Vec<ContributorIn>) -> Result<Vec<Contributor>, String> {
    list.into_iter()
        .map(|c| {
            let role = Role::from_csl(&c.role)
                .ok_or_else(|| format!("role `{}` is not a role reftrace writes", c.role))?;
            Ok(Contributor {
                role,
                person: Person::new(c.family, c.given),
            })
        })
        .collect()
}

fn work_type(text: &str) -> Result<WorkType, String> {
    WorkType::ALL
        .into_iter()
        .find(|t| t.csl() == text)
        .ok_or_else(|| format!("type `{text}` is not a CSL type reftrace writes"))
}

impl RecordIn {
    /// The record as a [`Reference`]; `place` is its 1-based position in the list given.
    pub fn into_reference(self, place: usize) -> Result<Reference, String> {
        let index = self.index.filter(|&i| i > 0).unwrap_or(place);
        let authors = people(self.authors);
        let date = self.date.as_deref().map(date).transpose()?;
        let p = self.provenance.as_ref();
        let provenance = FieldProvenance {
            authors: provenance(p.and_then(|p| p.authors.as_ref()), !authors.is_empty())?,
            outlet: provenance(p.and_then(|p| p.outlet.as_ref()), self.outlet.is_some())?,
            title: provenance(p.and_then(|p| p.title.as_ref()), self.title.is_some())?,
            date: provenance(p.and_then(|p| p.date.as_ref()), date.is_some())?,
        };
        let raw = self.raw.unwrap_or_else(|| {
            [self.title.as_deref(), self.outlet.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
        Ok(Reference {
            index,
            line: self.line.filter(|&l| l > 0).unwrap_or(index),
            span: self
                .span
                .map_or(Span::new(0, 0), |s| Span::new(s.start, s.end)),
            parsed: self.parsed.unwrap_or(true),
            head: head(self.head.as_deref(), &authors)?,
            authors,
            outlet: self.outlet,
            title: self.title,
            date,
            date_text: self.date_text,
            url: self.url,
            note: self.note,
            continues: self.continues,
            provenance,
            duplicate_of: self.duplicate_of,
            key: self
                .key
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| format!("ref{index}")),
            diagnostics: Vec::new(),
            work: WorkFields {
                kind: self.kind.as_deref().map(work_type).transpose()?,
                container_title: self.container_title,
                collection_title: self.collection_title,
                volume: self.volume,
                issue: self.issue,
                pages: self.pages,
                publisher: self.publisher,
                location: self.location,
                editors: people(self.editors),
                translators: people(self.translators),
                contributors: contributors(self.contributors)?,
                edition: self.edition,
                genre: self.genre,
                version: self.version,
                doi: self.doi,
                isbn: self.isbn,
                date_end: self.date_end.as_deref().map(self::date).transpose()?,
                original_date: self.original_date.as_deref().map(self::date).transpose()?,
                accessed: self.accessed.as_deref().map(self::date).transpose()?,
                citation_number: self.citation_number,
            },
            raw,
        })
    }
}

/// Reads a JSON list of records.
pub fn references(json: &str) -> Result<Vec<Reference>, String> {
    let list: Vec<RecordIn> =
        serde_json::from_str(json).map_err(|e| format!("not a list of records: {e}"))?;
    list.into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.into_reference(i + 1)
                .map_err(|e| format!("record {}: {e}", i + 1))
        })
        .collect()
}
