//! Hayagriva YAML (what Typst's `#bibliography` reads), written by `hayagriva::io`.
//!
//! [`entry`] builds the hayagriva entry of a work; [`crate::format`] renders the same
//! entries through CSL, so the YAML and `reftrace cite` agree. News articles are
//! `article` entries with a `newspaper` parent (a `periodical` parent would make APA drop
//! the day), reports are `report` entries with the institution as publisher, and items
//! with no outlet are `misc` (CSL `document`; an `article` without a parent would be a
//! CSL `article`, which styles label "Preprint").
//!
//! Name particles are decided here, not by hayagriva: a family name such as
//! `Van Wilgenburg`, whose capitalised first word hayagriva would take for a particle
//! (Chicago then prints `Wilgenburg, Wladimir Van`), is kept whole by joining its words
//! with no-break spaces. Lower-case particles (`van der Berg`) stay particles.

use super::work::{Work, WorkKind};
use super::{ExportError, Options};
use crate::refs::{PartialDate, Person};
use hayagriva::types::{Date, EntryType, FormatString, Publisher, QualifiedUrl};
use hayagriva::{Entry, Library};
use std::io::Write;

/// The no-break space that keeps a capitalised particle inside the family name.
pub const NAME_JOINER: char = '\u{a0}';

/// Writes the works as one Hayagriva YAML library.
pub fn write(works: &[Work], out: &mut impl Write, _options: &Options) -> Result<(), ExportError> {
    let yaml = to_yaml(works)?;
    out.write_all(yaml.as_bytes())?;
    Ok(())
}

/// The Hayagriva YAML of the works.
pub fn to_yaml(works: &[Work]) -> Result<String, ExportError> {
    hayagriva::io::to_yaml_str(&library(works)).map_err(|e| ExportError::Serialize(e.to_string()))
}

/// A hayagriva library with one entry per work, in order.
pub fn library(works: &[Work]) -> Library {
    let mut lib = Library::new();
    for work in works {
        lib.push(&entry(work));
    }
    lib
}

/// The hayagriva entry of a work.
pub fn entry(work: &Work) -> Entry {
    let entry_type = match work.kind {
        WorkKind::NewsArticle => EntryType::Article,
        WorkKind::Report => EntryType::Report,
        WorkKind::Article => EntryType::Misc,
    };
    let mut e = Entry::new(&work.key, entry_type);
    if let Some(title) = &work.title {
        e.set_title(FormatString::with_value(title.clone()));
    }
    if !work.authors.is_empty() {
        e.set_authors(work.authors.iter().map(person).collect());
    }
    if let Some(date) = work.date.and_then(date) {
        e.set_date(date);
    }
    match (work.kind, &work.outlet) {
        (WorkKind::NewsArticle, Some(outlet)) => {
            let mut parent = Entry::new(&format!("{}-outlet", work.key), EntryType::Newspaper);
            parent.set_title(FormatString::with_value(outlet.clone()));
            e.set_parents(vec![parent]);
        }
        (WorkKind::Report, Some(outlet)) => {
            e.set_publisher(Publisher::new(
                Some(FormatString::with_value(outlet.clone())),
                None,
            ));
        }
        _ => {}
    }
    let mut note = work.note.clone();
    if let Some(url) = &work.url {
        match url.trim().parse::<QualifiedUrl>() {
            Ok(u) => e.set_url(u),
            Err(_) => {
                note = Some(match note {
                    Some(n) => format!("{n}; {url}"),
                    None => url.clone(),
                })
            }
        }
    }
    if let Some(note) = note {
        e.set_note(FormatString::with_value(note));
    }
    e
}

/// A hayagriva person whose family name hayagriva will not split.
pub fn person(p: &Person) -> hayagriva::types::Person {
    let mut hp = hayagriva::types::Person {
        name: p.family.trim().to_string(),
        given_name: Some(p.given.trim().to_string()).filter(|g| !g.is_empty()),
        prefix: None,
        suffix: None,
        comma_suffix: false,
        alias: None,
    };
    let capital_particle = hp
        .name_particle()
        .is_some_and(|particle| particle.starts_with(char::is_uppercase));
    if capital_particle {
        hp.name = hp.name.replace(' ', &NAME_JOINER.to_string());
    }
    hp
}

/// The hayagriva date (months and days count from 0 there).
fn date(d: PartialDate) -> Option<Date> {
    let month = d
        .month
        .map(|m| m.checked_sub(1))
        .map(|m| m.filter(|&m| m < 12));
    let day = d
        .day
        .map(|v| v.checked_sub(1))
        .map(|v| v.filter(|&v| v < 31));
    match (month, day) {
        (Some(None), _) | (_, Some(None)) => Some(Date::from_year(d.year)),
        (m, dd) => Some(Date {
            year: d.year,
            month: m.flatten(),
            day: if m.is_some() { dd.flatten() } else { None },
            approximate: false,
            season: None,
        }),
    }
}
