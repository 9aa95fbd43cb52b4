//! CSL-JSON files: an array of items (or one item), as pandoc, Zotero and
//! citation-js write them.
//!
//! Each item is read on its own, so an item that is not an object or has no title is
//! one problem at its line; a file that is not JSON at all is one problem at the line
//! where it stops being JSON, and the items before that point are kept.

use super::{Fields, Problem, Read, line_of, parse_date};
use crate::export::WorkKind;
use crate::refs::{Contributor, PartialDate, Person, Role, WorkFields};
use serde_json::Value;

/// Reads a CSL-JSON file.
pub fn read(text: &str) -> Read {
    let mut out = Read::default();
    let body = text.trim_start_matches('\u{feff}');
    let skip = text.len() - body.len();
    let trimmed = body.trim_start();
    let mut pos = skip + body.len() - trimmed.len();
    if !trimmed.starts_with('[') {
        // A single item.
        match serde_json::from_str::<Value>(trimmed) {
            Ok(v) => push(&mut out, &v, 1, line_of(text, pos), text, pos, text.len()),
            Err(e) => out.problems.push(Problem {
                line: e.line() + line_of(text, pos) - 1,
                message: format!("not CSL-JSON: {e}"),
            }),
        }
        return out;
    }
    pos += 1;
    let mut position = 0;
    loop {
        pos = skip_space(text, pos);
        match text[pos..].chars().next() {
            Some(']') => break,
            Some(',') => {
                pos += 1;
                continue;
            }
            None => {
                out.problems.push(Problem {
                    line: line_of(text, pos),
                    message: "the array is not closed (`]` missing at the end)".into(),
                });
                break;
            }
            Some(_) => {}
        }
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(v)) => {
                let end = pos + stream.byte_offset();
                position += 1;
                push(&mut out, &v, position, line_of(text, pos), text, pos, end);
                pos = end;
            }
            Some(Err(e)) => {
                let line = line_of(text, pos) + e.line() - 1;
                out.problems.push(Problem {
                    line,
                    message: format!(
                        "not valid JSON from here on, the rest of the file is skipped: {e}"
                    ),
                });
                break;
            }
            None => break,
        }
    }
    out
}

fn skip_space(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next().filter(|c| c.is_whitespace()) {
        pos += c.len_utf8();
    }
    pos
}

fn push(
    out: &mut Read,
    v: &Value,
    position: usize,
    line: usize,
    text: &str,
    start: usize,
    end: usize,
) {
    let result = match v {
        Value::Object(_) => fields_of(v).into_record(position, line, &text[start..end], v.clone()),
        _ => Err("the item is not a JSON object".into()),
    };
    match result {
        Ok(r) => out.records.push(r),
        Err(message) => out.problems.push(Problem { line, message }),
    }
}

fn string(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn person(p: &Value) -> Option<Person> {
    if let Some(literal) = string(p, "literal") {
        return Some(Person::new(literal, ""));
    }
    let family = string(p, "family")?;
    let family = match string(p, "non-dropping-particle") {
        Some(particle) => format!("{particle} {family}"),
        None => family,
    };
    Some(Person::new(family, string(p, "given").unwrap_or_default()))
}

/// Date `n` (0 the date, 1 the end of a range) of the `date-parts` of CSL date
/// variable `key`, else, for the first, its `raw` or `literal` text.
fn date(v: &Value, key: &str, n: usize) -> Option<PartialDate> {
    let var = v.get(key)?;
    if let Some(parts) = var.get("date-parts").and_then(|d| d.get(n)) {
        let part = |i: usize| {
            parts.get(i).and_then(|x| match x {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
        };
        let year = i32::try_from(part(0)?).ok()?;
        let month = part(1).and_then(|m| u8::try_from(m).ok());
        let day = part(2).and_then(|d| u8::try_from(d).ok());
        return match (month, day) {
            (Some(m), Some(d)) => PartialDate::ymd(year, m, d),
            (Some(m), None) => PartialDate::ym(year, m),
            _ => Some(PartialDate::year(year)),
        };
    }
    if n > 0 {
        return None;
    }
    string(var, "raw")
        .or_else(|| string(var, "literal"))
        .as_deref()
        .and_then(parse_date)
}

fn people(v: &Value, key: &str) -> Vec<Person> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(person).collect())
        .unwrap_or_default()
}

fn fields_of(v: &Value) -> Fields {
    let csl_type = string(v, "type");
    let kind = match csl_type.as_deref() {
        Some("article-newspaper" | "article-magazine" | "post-weblog") => {
            Some(WorkKind::NewsArticle)
        }
        Some(t) => WorkKind::from_csl(t),
        None => None,
    };
    let container = string(v, "container-title");
    let publisher = string(v, "publisher");
    // News items keep their paper or site as the outlet, and reports and documents
    // their publisher; academic works keep container and publisher apart.
    let academic = super::keeps_container(kind);
    let outlet = if academic {
        None
    } else {
        container.clone().or_else(|| publisher.clone())
    };
    let academic_fields = WorkFields {
        kind: None,
        container_title: container.filter(|_| academic),
        collection_title: string(v, "collection-title"),
        volume: string(v, "volume"),
        issue: string(v, "issue"),
        pages: string(v, "page")
            .map(|p| p.replacen("--", "\u{2013}", 1).replacen('-', "\u{2013}", 1)),
        publisher: publisher.filter(|_| academic),
        location: string(v, "publisher-place"),
        editors: people(v, "editor"),
        translators: people(v, "translator"),
        contributors: Role::ALL
            .into_iter()
            .flat_map(|role| {
                people(v, role.csl())
                    .into_iter()
                    .map(move |person| Contributor { role, person })
            })
            .collect(),
        edition: string(v, "edition"),
        genre: string(v, "genre"),
        version: string(v, "version"),
        doi: None,
        isbn: string(v, "ISBN"),
        date_end: date(v, "issued", 1),
        original_date: date(v, "original-date", 0),
        accessed: date(v, "accessed", 0),
        citation_number: None,
    };
    Fields {
        key: string(v, "id").or_else(|| string(v, "citation-key")),
        kind,
        authors: people(v, "author"),
        title: string(v, "title"),
        outlet,
        date: date(v, "issued", 0),
        doi: string(v, "DOI"),
        url: string(v, "URL"),
        note: string(v, "note"),
        fields: academic_fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_read_one_by_one() {
        let json = "[\n {\"id\": \"a\", \"type\": \"article-newspaper\", \"title\": \"Drone attack on Erbil airbase\",\n  \"container-title\": \"Reuters\", \"issued\": {\"date-parts\": [[2023, 11, 10]]},\n  \"author\": [{\"family\": \"Ali\", \"given\": \"Ahmed\"}]},\n 42,\n {\"id\": \"c\", \"DOI\": \"https://doi.org/10.1/X\"}\n, {\"id\": \"d\" \n]";
        let read = read(json);
        assert_eq!(read.records.len(), 2, "{:?}", read.problems);
        assert_eq!(read.records[0].date.unwrap().to_string(), "2023-11-10");
        assert_eq!(read.records[1].fields.doi.as_deref(), Some("10.1/x"));
        let lines: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [5, 8], "{:?}", read.problems);
    }

    /// A range's end and an original date are read back, as the export writes them.
    #[test]
    fn ranges_and_original_dates_are_read() {
        let json = r#"[{"id": "d", "type": "book", "title": "Letters",
            "issued": {"date-parts": [[1985], [2015]]},
            "original-date": {"date-parts": [[1923, 4]]},
            "accessed": {"date-parts": [[2024, 5, 6]]}}]"#;
        let read = read(json);
        let r = &read.records[0];
        assert_eq!(r.date.unwrap().to_string(), "1985");
        assert_eq!(r.fields.date_end.unwrap().to_string(), "2015");
        assert_eq!(r.fields.original_date.unwrap().to_string(), "1923-04");
        assert_eq!(r.fields.accessed.unwrap().to_string(), "2024-05-06");
    }
}
