//! RIS files: `TY  - ` opens an entry, `ER  - ` closes it, one `TAG  - value` a line.
//!
//! Read: `AU`/`A1`/`A2` authors, `TI`/`T1` title, `T2`/`JO`/`JF`/`JA`/`BT`/`PB`
//! container or publisher (the first given), `PY`/`Y1`/`DA` date, `DO` DOI, `UR` URL,
//! `N1` note; every tag is kept in the record's detail. An entry without `ER`, a tag
//! outside an entry, or an entry with no title is a problem at its line.

use super::{Fields, Problem, Read, parse_date, person};
use crate::export::WorkKind;
use crate::refs::{Person, WorkFields};

/// Reads a `.ris` file.
pub fn read(text: &str) -> Read {
    let mut out = Read::default();
    let mut current: Option<Entry> = None;
    let mut position = 0;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let Some((tag, value)) = split_tag(line) else {
            match current.as_mut().and_then(|e| e.tags.last_mut()) {
                // A wrapped value continues the tag above.
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(line.trim());
                }
                None => out.problems.push(Problem {
                    line: n,
                    message: format!(
                        "not a RIS line (`TAG  - value`) outside any entry: {}",
                        line.trim()
                    ),
                }),
            }
            if let Some(e) = current.as_mut() {
                e.raw.push_str(line);
                e.raw.push('\n');
            }
            continue;
        };
        match (tag, current.as_mut()) {
            ("TY", previous) => {
                if previous.is_some() {
                    let unclosed = current.take().map(|e| e.line).unwrap_or(n);
                    out.problems.push(Problem {
                        line: unclosed,
                        message:
                            "the entry has no `ER  -` line before the next `TY  -`; it is skipped"
                                .into(),
                    });
                }
                current = Some(Entry {
                    line: n,
                    kind: value.to_string(),
                    tags: Vec::new(),
                    raw: format!("{line}\n"),
                });
            }
            ("ER", Some(_)) => {
                let mut entry = current.take().unwrap_or_default();
                entry.raw.push_str(line);
                position += 1;
                match entry.record(position) {
                    Ok(r) => out.records.push(r),
                    Err(message) => out.problems.push(Problem {
                        line: entry.line,
                        message,
                    }),
                }
            }
            (_, Some(e)) => {
                e.tags.push((tag.to_string(), value.to_string()));
                e.raw.push_str(line);
                e.raw.push('\n');
            }
            (_, None) => out.problems.push(Problem {
                line: n,
                message: format!("`{tag}` outside an entry (no `TY  -` before it)"),
            }),
        }
    }
    if let Some(e) = current {
        out.problems.push(Problem {
            line: e.line,
            message: "the entry has no `ER  -` line at the end of the file; it is skipped".into(),
        });
    }
    out
}

fn split_tag(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    if !tag
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let rest = line[2..].trim_start_matches(' ');
    let value = rest.strip_prefix('-')?;
    Some((tag, value.trim()))
}

#[derive(Debug, Default)]
struct Entry {
    line: usize,
    kind: String,
    tags: Vec<(String, String)>,
    raw: String,
}

impl Entry {
    fn first(&self, tags: &[&str]) -> Option<String> {
        tags.iter().find_map(|t| {
            self.tags
                .iter()
                .find(|(k, v)| k == t && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    }

    fn record(&self, position: usize) -> Result<crate::library::Record, String> {
        let authors = self
            .tags
            .iter()
            .filter(|(k, _)| matches!(k.as_str(), "AU" | "A1"))
            .map(|(_, v)| person(v))
            .collect();
        let kind = match self.kind.as_str() {
            "RPRT" => Some(WorkKind::Report),
            "NEWS" | "MGZN" => Some(WorkKind::NewsArticle),
            "JOUR" | "JFULL" | "EJOUR" => Some(WorkKind::JournalArticle),
            "BOOK" | "EBOOK" | "EDBOOK" => Some(WorkKind::Book),
            "CHAP" | "ECHAP" => Some(WorkKind::Chapter),
            "CONF" | "CPAPER" => Some(WorkKind::ConferencePaper),
            "THES" => Some(WorkKind::Thesis),
            "ELEC" | "WEB" => Some(WorkKind::Webpage),
            "DATA" => Some(WorkKind::Dataset),
            "COMP" => Some(WorkKind::Software),
            "VIDEO" | "MPCT" => Some(WorkKind::Video),
            _ => None,
        };
        // Container and publisher are the outlet of a news record or report, and
        // fields of their own for academic works.
        let academic = super::keeps_container(kind);
        let people = |tag: &str| -> Vec<Person> {
            self.tags
                .iter()
                .filter(|(k, _)| k == tag)
                .map(|(_, v)| person(v))
                .collect()
        };
        let pages = match (self.first(&["SP"]), self.first(&["EP"])) {
            (Some(first), Some(last)) => Some(format!("{first}\u{2013}{last}")),
            (first, _) => first,
        };
        let academic_fields = WorkFields {
            container_title: self
                .first(&["T2", "JO", "JF", "JA", "BT"])
                .filter(|_| academic),
            collection_title: self.first(&["T3"]),
            volume: self.first(&["VL"]),
            issue: self.first(&["IS"]),
            pages,
            publisher: self.first(&["PB"]).filter(|_| academic),
            location: self.first(&["CY"]),
            editors: people("A2"),
            translators: people("A4"),
            // `ET` is a program's version (as Zotero writes it) and any other work's
            // edition.
            edition: self.first(&["ET"]).filter(|_| kind != Some(WorkKind::Software)),
            version: self.first(&["ET"]).filter(|_| kind == Some(WorkKind::Software)),
            genre: self.first(&["M3"]),
            isbn: self.first(&["SN"]),
            ..WorkFields::default()
        };
        let fields = Fields {
            key: self.first(&["ID"]),
            kind,
            authors,
            title: self.first(&["TI", "T1"]),
            outlet: self
                .first(&["T2", "JO", "JF", "JA", "BT", "PB"])
                .filter(|_| !academic),
            date: self
                .first(&["DA", "PY", "Y1"])
                .as_deref()
                .and_then(parse_date),
            doi: self.first(&["DO"]),
            url: self.first(&["UR"]),
            note: self.first(&["N1"]),
            fields: academic_fields,
        };
        let tags: Vec<serde_json::Value> = self
            .tags
            .iter()
            .map(|(k, v)| serde_json::json!([k, v]))
            .collect();
        let detail = serde_json::json!({ "format": "ris", "type": self.kind, "tags": tags });
        fields.into_record(position, self.line, &self.raw, detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_with_problems_are_reported_and_skipped() {
        let ris = "TY  - NEWS\nAU  - Van Wilgenburg, Wladimir\nTI  - Armed drones attack coalition base\n\
                   T2  - Kurdistan 24\nDA  - 2023/11/09\nER  - \n\nTY  - NEWS\nAU  - Nobody\nER  - \n\
                   TY  - JOUR\nTI  - Unclosed\n";
        let read = read(ris);
        assert_eq!(read.records.len(), 1);
        let r = &read.records[0];
        assert_eq!(r.outlet.as_deref(), Some("Kurdistan 24"));
        assert_eq!(r.date.unwrap().to_string(), "2023-11-09");
        assert_eq!(r.kind, WorkKind::NewsArticle);
        let lines: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [8, 11]);
    }
}
