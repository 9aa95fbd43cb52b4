//! Hayagriva YAML (what Typst's `#bibliography` reads), written by `hayagriva::io`.
//!
//! [`entry`] builds the hayagriva entry of a work; [`crate::format`] renders the same
//! entries through CSL, so the YAML and `reftrace cite` agree. News articles are
//! `article` entries with a `newspaper` parent (a `periodical` parent would make APA drop
//! the day), reports are `report` entries with the institution as publisher, and items
//! with no outlet are `misc` (CSL `document`; an `article` without a parent would be a
//! CSL `article`, which styles label "Preprint").
//!
//! Academic works hang their container on a parent, as hayagriva models it: a journal
//! article is an `article` with a `periodical` parent holding the volume and issue, a
//! conference paper an `article` with a `proceedings` parent, a chapter a `chapter` with
//! a `book` parent (an `anthology` when it has editors) holding editors, publisher and
//! edition; a series is a parent of that container. Books, theses and reports carry
//! their publisher (with its place) themselves; pages are `page-range`, the ISBN is
//! `serial-number.isbn`, translators are `affiliated` persons.
//!
//! Name particles are decided here, not by hayagriva: a family name such as
//! `Van Wilgenburg`, whose capitalised first word hayagriva would take for a particle
//! (Chicago then prints `Wilgenburg, Wladimir Van`), is kept whole by joining its words
//! with no-break spaces. Lower-case particles (`van der Berg`) stay particles.

use super::work::{Work, WorkKind};
use super::{ExportError, Options};
use crate::refs::{PartialDate, Person, Role};
use hayagriva::types::{
    Date, EntryType, FormatString, MaybeTyped, PersonRole, PersonsWithRoles, Publisher,
    QualifiedUrl,
};
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
        WorkKind::NewsArticle | WorkKind::JournalArticle | WorkKind::ConferencePaper => {
            EntryType::Article
        }
        WorkKind::Report => EntryType::Report,
        WorkKind::Article => EntryType::Misc,
        WorkKind::Book => EntryType::Book,
        WorkKind::Chapter => EntryType::Chapter,
        WorkKind::Thesis => EntryType::Thesis,
        WorkKind::Webpage => EntryType::Web,
        // Hayagriva has no type for a data set: `misc`, with its genre (`Data set`).
        WorkKind::Dataset => EntryType::Misc,
        // Hayagriva's `repository` is CSL's `software`, and a `video` with no parent
        // its `motion_picture`.
        WorkKind::Software => EntryType::Repository,
        WorkKind::Video => EntryType::Video,
    };
    let f = &work.fields;
    let mut e = Entry::new(&work.key, entry_type);
    if let Some(title) = &work.title {
        e.set_title(fmt(title));
    }
    if !work.authors.is_empty() {
        e.set_authors(work.authors.iter().map(person).collect());
    }
    // A range's end rides on the date (hayagriva's `Date::end`, patch 13 of
    // vendor/hayagriva/PATCHES.md): `cite` prints `1985–2015` as citeproc does, while
    // the YAML, which has no syntax for ranges, still writes the first year.
    if let Some(date) = work.date.and_then(date) {
        e.set_date(date.with_end(f.date_end.and_then(self::date)));
    }
    let mut affiliated = Vec::new();
    if !f.translators.is_empty() {
        affiliated.push(PersonsWithRoles {
            names: f.translators.iter().map(person).collect(),
            role: PersonRole::Translator,
        });
    }
    for role in Role::ALL {
        let names: Vec<_> = work.people_of(role).iter().map(person).collect();
        if !names.is_empty() {
            affiliated.push(PersonsWithRoles {
                names,
                role: person_role(role),
            });
        }
    }
    if !affiliated.is_empty() {
        e.set_affiliated(affiliated);
    }
    if let Some(genre) = text(&f.genre) {
        e.set_genre(fmt(genre));
    }
    if let Some(version) = text(&f.version) {
        e.set_keyed_serial_number("version", version.to_string());
    }
    if let Some(doi) = text(&f.doi) {
        e.set_doi(doi.to_string());
    }
    if let Some(isbn) = text(&f.isbn) {
        e.set_isbn(isbn.to_string());
    }
    if let Some((first, last)) = work.page_range() {
        let pages = match last {
            Some(last) => format!("{first}-{last}"),
            None => first.to_string(),
        };
        e.set_page_range(parse_infallible(&pages));
    }
    // The container: the entry that holds this one, with what belongs to the whole
    // (editors, publisher, volume, edition) when there is one.
    let parent_type = match work.kind {
        WorkKind::NewsArticle => Some(EntryType::Newspaper),
        WorkKind::JournalArticle => Some(EntryType::Periodical),
        WorkKind::ConferencePaper => Some(EntryType::Proceedings),
        WorkKind::Chapter if f.editors.is_empty() => Some(EntryType::Book),
        WorkKind::Chapter => Some(EntryType::Anthology),
        WorkKind::Webpage => Some(EntryType::Web),
        _ => None,
    };
    let container = work.container().zip(parent_type).map(|(title, t)| {
        let mut parent = Entry::new(&format!("{}-container", work.key), t);
        parent.set_title(fmt(title));
        parent
    });
    let mut holder = container.unwrap_or_else(|| e.clone());
    if !f.editors.is_empty() {
        holder.set_editors(f.editors.iter().map(person).collect());
    }
    if let Some(publisher) = work
        .publisher()
        .filter(|_| work.kind != WorkKind::NewsArticle)
    {
        holder.set_publisher(Publisher::new(
            Some(fmt(publisher)),
            text(&f.location).map(fmt),
        ));
    } else if let Some(place) = text(&f.location) {
        holder.set_location(fmt(place));
    }
    if let Some(volume) = text(&f.volume) {
        holder.set_volume(parse_infallible(volume));
    }
    if let Some(issue) = text(&f.issue) {
        holder.set_issue(parse_infallible(issue));
    }
    let edition = work.edition_number().map(|n| n.to_string());
    if let Some(edition) = edition.as_deref().or(text(&f.edition)) {
        holder.set_edition(parse_infallible(edition));
    }
    // The series: a parent of the container (or of the work) of the same type, which
    // hayagriva reads as the collection.
    if let Some(series) = text(&f.collection_title) {
        let series_type = match holder.entry_type() {
            EntryType::Periodical | EntryType::Proceedings | EntryType::Book => {
                *holder.entry_type()
            }
            _ => EntryType::Anthology,
        };
        let mut s = Entry::new(&format!("{}-series", work.key), series_type);
        s.set_title(fmt(series));
        holder.set_parents(vec![s]);
    }
    let has_container = holder.key() != work.key;
    if has_container {
        e.set_parents(vec![holder]);
    } else {
        e = holder;
    }
    // The original date: a parent of type `original` holding it, which hayagriva reads
    // as the work's `original-date`.
    if let Some(original) = f.original_date.and_then(date) {
        let mut o = Entry::new(&format!("{}-original", work.key), EntryType::Original);
        o.set_date(original);
        let mut parents = e.parents().to_vec();
        parents.push(o);
        e.set_parents(parents);
    }
    let mut note = work.note.clone();
    if let Some(url) = &work.url {
        match url.trim().parse::<QualifiedUrl>() {
            Ok(mut u) => {
                u.visit_date = f.accessed.and_then(date);
                e.set_url(u)
            }
            Err(_) => {
                note = Some(match note {
                    Some(n) => format!("{n}; {url}"),
                    None => url.clone(),
                })
            }
        }
    }
    if let Some(note) = note {
        e.set_note(fmt(&note));
    }
    e
}

/// Hayagriva's role for ours (its `writer` is CSL's `script-writer`, its `cast-member`
/// CSL's `performer`).
pub(crate) fn person_role(role: Role) -> PersonRole {
    match role {
        Role::Director => PersonRole::Director,
        Role::Producer => PersonRole::Producer,
        Role::ExecutiveProducer => PersonRole::ExecutiveProducer,
        Role::ScriptWriter => PersonRole::Writer,
        Role::Composer => PersonRole::Composer,
        Role::Narrator => PersonRole::Narrator,
        Role::Performer => PersonRole::CastMember,
    }
}

fn fmt(text: &str) -> FormatString {
    FormatString::with_value(text.to_string())
}

fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn parse_infallible<T: std::str::FromStr>(s: &str) -> MaybeTyped<T> {
    match s.parse::<T>() {
        Ok(t) => MaybeTyped::Typed(t),
        Err(_) => MaybeTyped::String(s.to_string()),
    }
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
            end: None,
        }),
    }
}
