//! The owned [`Reference`] record and its parts: people, dates, field provenance.

use crate::diag::Diagnostic;
use crate::source::Span;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A person named in an entry, split into family and given names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    /// Family name, whole: `Van Wilgenburg`, `Al-Kaabi`, `Abu Hanieh`.
    pub family: String,
    /// Given names, whole: `Karwan Faidhi`. May be empty.
    #[serde(default)]
    pub given: String,
}

impl Person {
    /// A person from family and given names.
    pub fn new(family: impl Into<String>, given: impl Into<String>) -> Self {
        Person {
            family: family.into(),
            given: given.into(),
        }
    }
}

impl fmt::Display for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.given.is_empty() {
            f.write_str(&self.family)
        } else {
            write!(f, "{}, {}", self.family, self.given)
        }
    }
}

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Full year, e.g. 2023.
    pub year: i32,
    /// 1–12 when known.
    pub month: Option<u8>,
    /// 1–31 when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// A full date, if it exists in the calendar.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        chrono::NaiveDate::from_ymd_opt(year, month.into(), day.into()).map(|_| PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// A year and month.
    pub fn ym(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A bare year.
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// The earliest calendar day this date can mean.
    pub fn first_day(self) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(
            self.year,
            self.month.unwrap_or(1).into(),
            self.day.unwrap_or(1).into(),
        )
        .unwrap_or(chrono::NaiveDate::MIN)
    }

    /// The last calendar day this date can mean.
    pub fn last_day(self) -> chrono::NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                chrono::NaiveDate::from_ymd_opt(self.year, m.into(), d.into()).unwrap_or_default()
            }
            (Some(m), None) => {
                let first =
                    chrono::NaiveDate::from_ymd_opt(self.year, m.into(), 1).unwrap_or_default();
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first);
                next.pred_opt().unwrap_or(first)
            }
            _ => chrono::NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or_default(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // `YYYY-MM-DD` written by hand: a record has one, a long list 100,000 of them.
        if !(0..=9999).contains(&self.year) || self.month > Some(99) || self.day > Some(99) {
            return s.collect_str(self);
        }
        let mut buf = [0u8; 10];
        let digits = |out: &mut [u8], mut n: u32| {
            for b in out.iter_mut().rev() {
                *b = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        digits(&mut buf[..4], self.year as u32);
        let mut len = 4;
        if let Some(m) = self.month {
            buf[4] = b'-';
            digits(&mut buf[5..7], m.into());
            len = 7;
            if let Some(d) = self.day {
                buf[7] = b'-';
                digits(&mut buf[8..10], d.into());
                len = 10;
            }
        }
        s.serialize_str(std::str::from_utf8(&buf[..len]).unwrap_or_default())
    }
}

impl std::str::FromStr for PartialDate {
    type Err = DateTextError;

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as [`PartialDate`]'s `Display` writes it.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts
            .next()
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse().ok())
            .ok_or(DateTextError)?;
        let number = |p: &str| p.parse::<u8>().ok();
        match (parts.next(), parts.next()) {
            (None, _) => Some(PartialDate::year(year)),
            (Some(m), None) => number(m).and_then(|m| PartialDate::ym(year, m)),
            (Some(m), Some(d)) => number(m)
                .zip(number(d))
                .and_then(|(m, d)| PartialDate::ymd(year, m, d)),
        }
        .ok_or(DateTextError)
    }
}

/// Text that is not a date of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTextError;

impl fmt::Display for DateTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a date written YYYY, YYYY-MM or YYYY-MM-DD")
    }
}

impl std::error::Error for DateTextError {}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a field's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "from")]
pub enum Provenance {
    /// Written in the entry itself.
    Stated,
    /// Taken from the entry with this 1-based index (a continuation line).
    Inherited {
        /// Index of the entry it came from.
        entry: usize,
    },
    /// Written in the entry but repaired; a diagnostic of the entry explains how.
    Repaired,
    /// Not given anywhere.
    Missing,
}

/// Where each field of a [`Reference`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldProvenance {
    /// Of `authors`.
    pub authors: Provenance,
    /// Of `outlet`.
    pub outlet: Provenance,
    /// Of `title`.
    pub title: Provenance,
    /// Of `date`.
    pub date: Provenance,
}

impl Default for FieldProvenance {
    fn default() -> Self {
        FieldProvenance {
            authors: Provenance::Missing,
            outlet: Provenance::Missing,
            title: Provenance::Missing,
            date: Provenance::Missing,
        }
    }
}

/// What the head of an entry (the text before the title) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadKind {
    /// One or more people in `Family, Given` form.
    People,
    /// An outlet or organisation.
    Organisation,
    /// Nothing: a continuation line that inherits its head.
    Empty,
}

/// One entry of a reference list, resolved into fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// 1-based position in the list.
    pub index: usize,
    /// 1-based line where the entry starts.
    pub line: usize,
    /// Bytes of the entry in the input (all its lines).
    pub span: Span,
    /// The entry exactly as written: all its lines, their line breaks and spaces kept.
    pub raw: String,
    /// Whether the entry could be read; an unparsed entry keeps only `raw`.
    pub parsed: bool,
    /// People who wrote it; empty for outlet-led entries.
    pub authors: Vec<Person>,
    /// Publication or publishing organisation.
    pub outlet: Option<String>,
    /// Title as written, without its quotes and trailing comma.
    pub title: Option<String>,
    /// Publication date as far as known.
    pub date: Option<PartialDate>,
    /// The date as written, when there was one.
    pub date_text: Option<String>,
    /// A URL given at the end of the entry.
    pub url: Option<String>,
    /// Text of the entry that no field holds (kept, and explained by a diagnostic).
    pub note: Option<String>,
    /// For a continuation line: the index of the first entry of its run.
    pub continues: Option<usize>,
    /// What the head of the entry named.
    pub head: HeadKind,
    /// Where each field came from.
    pub provenance: FieldProvenance,
    /// Index of an earlier entry that is probably the same work.
    pub duplicate_of: Option<usize>,
    /// Citation key, unique within the list and stable across runs.
    pub key: String,
    /// Everything reftrace repaired or could not read in this entry.
    pub diagnostics: Vec<Diagnostic>,
    /// The fields of academic works (type, container, volume, pages, …); empty for
    /// news-style entries, and serialised only when present.
    #[serde(flatten)]
    pub work: WorkFields,
}

/// The kind of a work, as a CSL item type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkType {
    /// An article in a journal.
    ArticleJournal,
    /// An article in a newspaper or news site.
    ArticleNewspaper,
    /// A book.
    Book,
    /// A chapter or section of a book.
    Chapter,
    /// A paper in conference proceedings.
    PaperConference,
    /// A thesis or dissertation.
    Thesis,
    /// A report or working paper.
    Report,
    /// A web page.
    Webpage,
    /// A data set (APA's `[Data set]`).
    Dataset,
    /// A computer program or app.
    Software,
    /// A film or video.
    #[serde(rename = "motion_picture")]
    MotionPicture,
    /// Anything else.
    Document,
}

impl WorkType {
    /// Every type, in the order they are declared.
    pub const ALL: [WorkType; 12] = [
        WorkType::ArticleJournal,
        WorkType::ArticleNewspaper,
        WorkType::Book,
        WorkType::Chapter,
        WorkType::PaperConference,
        WorkType::Thesis,
        WorkType::Report,
        WorkType::Webpage,
        WorkType::Dataset,
        WorkType::Software,
        WorkType::MotionPicture,
        WorkType::Document,
    ];

    /// The CSL name of the type, e.g. `article-journal`.
    pub fn csl(self) -> &'static str {
        match self {
            WorkType::ArticleJournal => "article-journal",
            WorkType::ArticleNewspaper => "article-newspaper",
            WorkType::Book => "book",
            WorkType::Chapter => "chapter",
            WorkType::PaperConference => "paper-conference",
            WorkType::Thesis => "thesis",
            WorkType::Report => "report",
            WorkType::Webpage => "webpage",
            WorkType::Dataset => "dataset",
            WorkType::Software => "software",
            WorkType::MotionPicture => "motion_picture",
            WorkType::Document => "document",
        }
    }
}

/// What a person other than an author, editor or translator did for a work, as the CSL
/// name variable that holds them: APA writes it in brackets after the names
/// (`Docter, P. (Director)`), and `data/academic-roles.txt` lists the words it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Directed a film or video.
    Director,
    /// Produced it.
    Producer,
    /// Was its executive producer.
    ExecutiveProducer,
    /// Wrote its script.
    ScriptWriter,
    /// Composed its music.
    Composer,
    /// Narrated it.
    Narrator,
    /// Performed in it.
    Performer,
}

impl Role {
    /// Every role, in the order they are declared.
    pub const ALL: [Role; 7] = [
        Role::Director,
        Role::Producer,
        Role::ExecutiveProducer,
        Role::ScriptWriter,
        Role::Composer,
        Role::Narrator,
        Role::Performer,
    ];

    /// The CSL name variable, e.g. `executive-producer`; also the role's JSON name.
    pub fn csl(self) -> &'static str {
        match self {
            Role::Director => "director",
            Role::Producer => "producer",
            Role::ExecutiveProducer => "executive-producer",
            Role::ScriptWriter => "script-writer",
            Role::Composer => "composer",
            Role::Narrator => "narrator",
            Role::Performer => "performer",
        }
    }

    /// The role in words, for formats that keep it in a note: `Executive producer`.
    pub fn label(self) -> &'static str {
        match self {
            Role::Director => "Director",
            Role::Producer => "Producer",
            Role::ExecutiveProducer => "Executive producer",
            Role::ScriptWriter => "Script writer",
            Role::Composer => "Composer",
            Role::Narrator => "Narrator",
            Role::Performer => "Performer",
        }
    }

    /// The role whose CSL name is `name`.
    pub fn from_csl(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.csl() == name)
    }
}

/// A person with the [`Role`] they had in a work: in JSON, the person's fields and
/// `role` (`{"role": "director", "family": "Docter", "given": "P."}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Contributor {
    /// What they did.
    pub role: Role,
    /// Who they are.
    #[serde(flatten)]
    pub person: Person,
}

/// Fields that academic works need and news entries do not have. Every field is
/// optional and left out of JSON when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkFields {
    /// The kind of work, decided from the fields present.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<WorkType>,
    /// The journal, book or proceedings that holds the work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    /// A series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_title: Option<String>,
    /// Volume, without its label: `12`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue or number: `7`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Pages with an en dash: `12–19`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// Publisher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Place of publication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Editors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<Person>,
    /// Translators.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub translators: Vec<Person>,
    /// Directors, producers and the like, each with their role.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Contributor>,
    /// Edition as written: `2nd ed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Genre: `PhD thesis`, `Technical report`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// A program's version as written, without its label: `3.3.070` of `(Version
    /// 3.3.070)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// DOI, without `doi:` or a resolver: `10.1000/xyz123`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// ISBN as written, without its label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    /// The last date of a range of dates (`1978` of `1974–1978`); the record's `date`
    /// is the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_end: Option<PartialDate>,
    /// When the work was first published, for a reprint or a translation (`1972` of
    /// `1989 [1972]` or `1993 (orig. 1972)`); the record's `date` is the edition's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_date: Option<PartialDate>,
    /// When the work was looked at online (`2015-07-06` of `Accessed July 6, 2015`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessed: Option<PartialDate>,
    /// The entry's number in a numbered list: `12`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation_number: Option<String>,
}

impl WorkFields {
    /// Whether no field is set (the same as `== WorkFields::default()`, without making
    /// and dropping a default to compare with): news records, every one.
    pub fn is_empty(&self) -> bool {
        let WorkFields {
            kind,
            container_title,
            collection_title,
            volume,
            issue,
            pages,
            publisher,
            location,
            editors,
            translators,
            contributors,
            edition,
            genre,
            version,
            doi,
            isbn,
            date_end,
            original_date,
            accessed,
            citation_number,
        } = self;
        kind.is_none()
            && [
                container_title,
                collection_title,
                volume,
                issue,
                pages,
                publisher,
                location,
                edition,
                genre,
                version,
                doi,
                isbn,
                citation_number,
            ]
            .iter()
            .all(|f| f.is_none())
            && date_end.is_none()
            && original_date.is_none()
            && accessed.is_none()
            && editors.is_empty()
            && translators.is_empty()
            && contributors.is_empty()
    }
}

impl Reference {
    /// A read record of entry `index` with nothing filled in yet: the start of both
    /// resolve steps (news grammar and academic model).
    pub(crate) fn new(index: usize, line: usize, span: Span, raw: String) -> Reference {
        Reference {
            index,
            line,
            span,
            raw,
            parsed: true,
            authors: Vec::new(),
            outlet: None,
            title: None,
            date: None,
            date_text: None,
            url: None,
            note: None,
            continues: None,
            head: HeadKind::Empty,
            provenance: Default::default(),
            duplicate_of: None,
            key: String::new(),
            diagnostics: Vec::new(),
            work: Default::default(),
        }
    }

    /// The name that identifies who made it: the first author's family name; else the
    /// first director's (a film credits its director in the author's place), editor's
    /// (an edited book), other credited person's or translator's; else the outlet.
    pub fn lead_name(&self) -> Option<&str> {
        let work = &self.work;
        let role = |r: Role| work.contributors.iter().find(|c| c.role == r).map(|c| &c.person);
        self.authors
            .first()
            .or_else(|| role(Role::Director))
            .or_else(|| work.editors.first())
            .or_else(|| work.contributors.first().map(|c| &c.person))
            .or_else(|| work.translators.first())
            .map(|p| p.family.as_str())
            .or(self.outlet.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::WorkType;

    /// `WorkType::ALL` holds every type once, in order, and each is written in JSON by
    /// its CSL name (`motion_picture` with its underscore).
    #[test]
    fn all_lists_every_type_once() {
        for (i, t) in WorkType::ALL.iter().enumerate() {
            // A new type makes this match fail to compile until it is placed here.
            let at = match t {
                WorkType::ArticleJournal => 0,
                WorkType::ArticleNewspaper => 1,
                WorkType::Book => 2,
                WorkType::Chapter => 3,
                WorkType::PaperConference => 4,
                WorkType::Thesis => 5,
                WorkType::Report => 6,
                WorkType::Webpage => 7,
                WorkType::Dataset => 8,
                WorkType::Software => 9,
                WorkType::MotionPicture => 10,
                WorkType::Document => 11,
            };
            assert_eq!(at, i);
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.csl()));
            assert_eq!(serde_json::from_str::<WorkType>(&json).unwrap(), *t);
        }
    }
}
