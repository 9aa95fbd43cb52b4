//! Hayagriva YAML files (what Typst reads), through hayagriva's own reader.
//!
//! The file is read as a YAML mapping first; then each entry is handed to hayagriva
//! on its own, so an entry hayagriva refuses (an unknown type, a malformed date) is one
//! problem at the line of its key and the other entries are read. A file that is not
//! YAML at all is one problem at the line where it breaks.

use super::{Fields, Problem, Read};
use crate::academic::kind::genre_type;
use crate::export::WorkKind;
use crate::export::yaml::person_role;
use crate::refs::{Contributor, PartialDate, Person, Role};
use hayagriva::types::EntryType;
use std::collections::HashMap;

/// Reads a Hayagriva YAML file.
pub fn read(text: &str) -> Read {
    let mut out = Read::default();
    let mapping: serde_yaml::Mapping = match serde_yaml::from_str(text) {
        Ok(serde_yaml::Value::Mapping(m)) => m,
        Ok(serde_yaml::Value::Null) => return out,
        Ok(_) => {
            out.problems.push(Problem {
                line: 1,
                message: "not Hayagriva YAML: the file is not a mapping of keys to entries".into(),
            });
            return out;
        }
        Err(e) => {
            out.problems.push(Problem {
                line: e.location().map_or(1, |l| l.line()),
                message: format!("not valid YAML, nothing read: {e}"),
            });
            return out;
        }
    };
    let lines = key_lines(text);
    for (i, (key, value)) in mapping.iter().enumerate() {
        let key_text = match key {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        let line = lines.get(&key_text).copied().unwrap_or(1);
        let mut one = serde_yaml::Mapping::new();
        one.insert(key.clone(), value.clone());
        let raw = serde_yaml::to_string(&one).unwrap_or_default();
        let entry = match hayagriva::io::from_yaml_str(&raw) {
            Ok(lib) => lib.iter().next().cloned(),
            Err(e) => {
                out.problems.push(Problem {
                    line,
                    message: format!("cannot read the entry `{key_text}`: {e}"),
                });
                continue;
            }
        };
        let Some(entry) = entry else { continue };
        let detail = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        match fields_of(&entry).into_record(i + 1, line, &raw, detail) {
            Ok(r) => out.records.push(r),
            Err(message) => out.problems.push(Problem { line, message }),
        }
    }
    out
}

/// The line of each top-level key.
fn key_lines(text: &str) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']).to_string();
            map.entry(key).or_insert(i + 1);
        }
    }
    map
}

/// A person, with the spaces `export::yaml` joins in a capitalised particle's family
/// name (`Van Wilgenburg`) given back.
fn person(p: &hayagriva::types::Person) -> Person {
    let name = p.name.replace(crate::export::yaml::NAME_JOINER, " ");
    let family = match &p.prefix {
        Some(prefix) => format!("{prefix} {name}"),
        None => name,
    };
    let given = match (&p.given_name, &p.suffix) {
        (Some(g), Some(s)) => format!("{g}, {s}"),
        (Some(g), None) => g.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => String::new(),
    };
    Person::new(family, given)
}

fn date(d: &hayagriva::types::Date) -> Option<PartialDate> {
    match (d.month, d.day) {
        (Some(m), Some(day)) => PartialDate::ymd(d.year, m + 1, day + 1),
        (Some(m), None) => PartialDate::ym(d.year, m + 1),
        _ => Some(PartialDate::year(d.year)),
    }
}

/// The kind of an entry, read as `export::yaml` writes each kind: the entry's type and
/// its container's (`article` in a `periodical` is a journal article, in a `newspaper` a
/// news story). `None` leaves it to the outlet, as for other formats.
fn kind_of(e: &hayagriva::Entry, container: Option<&hayagriva::Entry>) -> Option<WorkKind> {
    let within = container.map(hayagriva::Entry::entry_type);
    Some(match (e.entry_type(), within) {
        (EntryType::Report, _) => WorkKind::Report,
        (EntryType::Article, Some(EntryType::Newspaper | EntryType::Blog)) => {
            WorkKind::NewsArticle
        }
        (EntryType::Article, Some(EntryType::Periodical)) => WorkKind::JournalArticle,
        (EntryType::Article, Some(EntryType::Proceedings | EntryType::Conference)) => {
            WorkKind::ConferencePaper
        }
        (EntryType::Chapter, _)
        | (EntryType::Article, Some(EntryType::Book | EntryType::Anthology)) => WorkKind::Chapter,
        (EntryType::Book | EntryType::Anthology, _) => WorkKind::Book,
        (EntryType::Thesis, _) => WorkKind::Thesis,
        (EntryType::Web, _) => WorkKind::Webpage,
        (EntryType::Repository, _) => WorkKind::Software,
        (EntryType::Video, _) => WorkKind::Video,
        // Hayagriva has no data set type; `export::yaml` writes one as `misc` with its genre.
        (EntryType::Misc, _)
            if e.genre().and_then(|g| genre_type(&g.to_string()))
                == Some(crate::refs::WorkType::Dataset) =>
        {
            WorkKind::Dataset
        }
        _ => return None,
    })
}

fn text<T: std::fmt::Display>(value: Option<&T>) -> Option<String> {
    value.map(ToString::to_string).filter(|t| !t.trim().is_empty())
}

fn people(list: Option<&[hayagriva::types::Person]>) -> Vec<Person> {
    list.map(|a| a.iter().map(person).collect()).unwrap_or_default()
}

fn fields_of(e: &hayagriva::Entry) -> Fields {
    // The parents `export::yaml` writes: the container (journal, book, proceedings,
    // site), which holds the series as its own parent, and an `original` holding the
    // original date.
    let original = e
        .parents()
        .iter()
        .find(|p| p.entry_type() == &EntryType::Original);
    let parent = e
        .parents()
        .iter()
        .find(|p| p.entry_type() != &EntryType::Original);
    // An article, chapter or page has its container as parent; a book, thesis or report
    // has none, and a parent of it is its series.
    let contained = matches!(
        e.entry_type(),
        EntryType::Article | EntryType::Chapter | EntryType::Web
    );
    let container = parent.filter(|_| contained);
    let kind = kind_of(e, container);
    // As in the CSL-JSON reader: news items keep their paper or site as the outlet, and
    // reports and documents their publisher; academic works keep container and
    // publisher apart.
    let academic = super::keeps_container(kind);
    let outlet = container
        .and_then(|p| p.title())
        .map(|t| t.to_string())
        .or_else(|| e.publisher().and_then(|p| p.name()).map(|n| n.to_string()))
        .or_else(|| e.organization().map(|o| o.to_string()));
    // What belongs to the whole (editors, publisher, volume) is on the container when
    // there is one, else on the entry.
    let holder = container.unwrap_or(e);
    let series = match container {
        Some(c) => c.parents().first(),
        None => parent,
    };
    let publisher = holder.publisher();
    let fields = crate::refs::WorkFields {
        container_title: container.and_then(|p| text(p.title())).filter(|_| academic),
        collection_title: series.and_then(|s| text(s.title())),
        volume: text(holder.volume()),
        issue: text(holder.issue()),
        pages: text(e.page_range()).map(|p| p.replace('-', "\u{2013}")),
        publisher: publisher.and_then(|p| text(p.name())).filter(|_| academic),
        location: publisher
            .and_then(|p| text(p.location()))
            .or_else(|| text(holder.location())),
        editors: people(holder.editors()),
        translators: e
            .affiliated()
            .unwrap_or_default()
            .iter()
            .filter(|g| g.role == hayagriva::types::PersonRole::Translator)
            .flat_map(|g| g.names.iter().map(person))
            .collect(),
        contributors: e
            .affiliated()
            .unwrap_or_default()
            .iter()
            .filter_map(|g| {
                let role = Role::ALL
                    .into_iter()
                    .find(|r| person_role(*r) == g.role)?;
                Some(g.names.iter().map(move |p| Contributor {
                    role,
                    person: person(p),
                }))
            })
            .flatten()
            .collect(),
        edition: text(holder.edition()),
        genre: text(e.genre()),
        version: e.keyed_serial_number("version").map(str::to_string),
        isbn: e.isbn().map(str::to_string),
        original_date: original.and_then(|o| o.date()).and_then(date),
        accessed: e.url().and_then(|u| u.visit_date.as_ref()).and_then(date),
        ..Default::default()
    };
    Fields {
        key: Some(e.key().to_string()),
        kind,
        authors: people(e.authors()),
        title: e.title().map(|t| t.to_string()),
        outlet: outlet.filter(|_| !academic),
        date: e.date().and_then(date),
        doi: e.doi().map(str::to_string),
        url: e.url().map(|u| u.value.to_string()),
        note: e.note().map(|n| n.to_string()),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_entry_does_not_stop_the_others() {
        let yaml = "good:\n  type: article\n  title: Drone attack on Erbil airbase\n  date: 2023-11-10\n  parent:\n    type: newspaper\n    title: Reuters\nbad:\n  type: no-such-type\n  title: X\n";
        let read = read(yaml);
        assert_eq!(read.records.len(), 1, "{:?}", read.problems);
        let r = &read.records[0];
        assert_eq!(r.outlet.as_deref(), Some("Reuters"));
        assert_eq!(r.date.unwrap().to_string(), "2023-11-10");
        assert_eq!(r.kind, WorkKind::NewsArticle);
        assert_eq!(read.problems[0].line, 8);
    }
}
