//! Hayagriva YAML files (what Typst reads), through hayagriva's own reader.
//!
//! The file is read as a YAML mapping first; then each entry is handed to hayagriva
//! on its own, so an entry hayagriva refuses (an unknown type, a malformed date) is one
//! problem at the line of its key and the other entries are read. A file that is not
//! YAML at all is one problem at the line where it breaks.

use super::{Fields, Problem, Read};
use crate::export::WorkKind;
use crate::refs::{PartialDate, Person};
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

fn person(p: &hayagriva::types::Person) -> Person {
    let family = match &p.prefix {
        Some(prefix) => format!("{prefix} {}", p.name),
        None => p.name.clone(),
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

fn fields_of(e: &hayagriva::Entry) -> Fields {
    let parent = e.parents().first();
    let outlet = parent
        .and_then(|p| p.title())
        .map(|t| t.to_string())
        .or_else(|| e.publisher().and_then(|p| p.name()).map(|n| n.to_string()))
        .or_else(|| e.organization().map(|o| o.to_string()));
    let kind = match e.entry_type() {
        EntryType::Report => Some(WorkKind::Report),
        EntryType::Article
            if parent.is_some_and(|p| {
                matches!(p.entry_type(), EntryType::Newspaper | EntryType::Blog)
            }) =>
        {
            Some(WorkKind::NewsArticle)
        }
        EntryType::Web => Some(WorkKind::NewsArticle),
        _ => None,
    };
    Fields {
        key: Some(e.key().to_string()),
        kind,
        authors: e
            .authors()
            .map(|a| a.iter().map(person).collect())
            .unwrap_or_default(),
        title: e.title().map(|t| t.to_string()),
        outlet,
        date: e.date().and_then(date),
        doi: e.doi().map(str::to_string),
        url: e.url().map(|u| u.value.to_string()),
        note: e.note().map(|n| n.to_string()),
        fields: Default::default(),
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
