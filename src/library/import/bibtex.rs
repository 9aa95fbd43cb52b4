//! BibTeX and BibLaTeX files, read through the `biblatex` crate's parser.
//!
//! The file is cut into entries at every line that starts an entry (`@type{` or
//! `@type(`), and each entry is parsed on its own, with the file's `@string`
//! abbreviations in front: a broken entry (an unclosed brace, a field without a value,
//! an unknown abbreviation, a repeated key) is one problem at its line, and the
//! entries after it are read as usual. Cross-references (`crossref`, `xdata`) are not
//! resolved across entries.

use super::{Fields, Problem, Read, line_of, parse_date};
use crate::export::WorkKind;
use crate::refs::{PartialDate, Person, WorkFields};
use biblatex::{Bibliography, ChunksExt, DateValue, Entry, PermissiveType};
use std::collections::HashSet;

/// Reads a `.bib` file.
pub fn read(text: &str) -> Read {
    let mut out = Read::default();
    let chunks = chunks(text);
    let strings: String = chunks
        .iter()
        .filter(|c| c.kind.eq_ignore_ascii_case("string"))
        .map(|c| format!("{}\n", c.text))
        .collect();
    let mut keys = HashSet::new();
    let mut position = 0;
    for chunk in &chunks {
        if ["string", "preamble", "comment"]
            .iter()
            .any(|k| chunk.kind.eq_ignore_ascii_case(k))
        {
            continue;
        }
        position += 1;
        let source = format!("{strings}{}", chunk.text);
        let problem = |offset: usize, message: String| Problem {
            line: chunk.line + line_of(chunk.text.trim_end(), offset.saturating_sub(strings.len()))
                - 1,
            message,
        };
        let bib = match Bibliography::parse(&source) {
            Ok(bib) => bib,
            Err(e) => {
                // An entry that runs to its end unclosed is reported where it starts.
                let at = match e.kind {
                    biblatex::ParseErrorKind::UnexpectedEof => strings.len(),
                    _ => e.span.start,
                };
                let message = format!("cannot read the entry: {}", e.kind);
                out.problems.push(problem(at, message));
                continue;
            }
        };
        let Some(entry) = bib.iter().next() else {
            out.problems.push(problem(
                strings.len(),
                "cannot read the entry: no entry found here".into(),
            ));
            continue;
        };
        if !keys.insert(entry.key.clone()) {
            out.problems.push(problem(
                strings.len(),
                format!(
                    "the key `{}` is used by an earlier entry; this one is skipped",
                    entry.key
                ),
            ));
            continue;
        }
        let fields = fields_of(entry, &chunk.kind);
        match fields.into_record(position, chunk.line, chunk.text, detail(entry, &chunk.kind)) {
            Ok(record) => out.records.push(record),
            Err(message) => out.problems.push(problem(strings.len(), message)),
        }
    }
    out
}

/// One top-level piece of the file: `@kind{...}` up to the next entry start.
struct Chunk<'a> {
    kind: String,
    line: usize,
    text: &'a str,
}

fn entry_start(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix('@')?;
    let kind: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let after = rest[kind.len()..].trim_start();
    (!kind.is_empty() && (after.starts_with('{') || after.starts_with('('))).then_some(kind)
}

fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut starts: Vec<(usize, usize, String)> = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(kind) = entry_start(line) {
            starts.push((offset, i + 1, kind));
        }
        offset += line.len();
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s.0)
        .chain([text.len()])
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .map(|((start, line, kind), end)| Chunk {
            kind,
            line,
            text: &text[start..end],
        })
        .collect()
}

fn verbatim(entry: &Entry, field: &str) -> Option<String> {
    entry.get(field).map(|c| c.format_verbatim())
}

fn person(p: &biblatex::Person) -> Person {
    let family = [p.prefix.trim(), p.name.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let given = [p.given_name.trim(), p.suffix.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    Person::new(family, given)
}

fn date(entry: &Entry) -> Option<PartialDate> {
    match entry.date().ok()? {
        PermissiveType::Typed(d) => {
            let at = match d.value {
                DateValue::At(t) | DateValue::After(t) | DateValue::Before(t) => t,
                DateValue::Between(t, _) => t,
            };
            let month = at.month.map(|m| m + 1);
            let day = at.day.map(|d| d + 1);
            match (month, day) {
                (Some(m), Some(d)) => PartialDate::ymd(at.year, m, d),
                (Some(m), None) => PartialDate::ym(at.year, m),
                _ => Some(PartialDate::year(at.year)),
            }
        }
        PermissiveType::Chunks(c) => parse_date(&c.format_verbatim()),
    }
}

/// The kind of a BibTeX/BibLaTeX entry type; `@article` is a journal article when it
/// has a volume, number, pages or DOI and no newspaper subtype, else decided later by
/// its outlet, as before academic records.
fn kind_of(kind: &str, entry: &Entry) -> Option<WorkKind> {
    let subtype = verbatim(entry, "entrysubtype").map(|s| s.to_ascii_lowercase());
    if matches!(subtype.as_deref(), Some("newspaper" | "magazine")) {
        return Some(WorkKind::NewsArticle);
    }
    match kind {
        "report" | "techreport" => Some(WorkKind::Report),
        "article"
            if ["volume", "number", "issue", "pages", "doi"]
                .iter()
                .any(|f| entry.get(f).is_some()) =>
        {
            Some(WorkKind::JournalArticle)
        }
        "book" | "mvbook" | "collection" | "mvcollection" => Some(WorkKind::Book),
        "incollection" | "inbook" => Some(WorkKind::Chapter),
        "inproceedings" | "conference" => Some(WorkKind::ConferencePaper),
        "thesis" | "phdthesis" | "mastersthesis" => Some(WorkKind::Thesis),
        "online" | "electronic" | "www" => Some(WorkKind::Webpage),
        "dataset" => Some(WorkKind::Dataset),
        "software" => Some(WorkKind::Software),
        "video" | "movie" => Some(WorkKind::Video),
        _ => None,
    }
}

fn people(entry: &Entry, field: &str) -> Vec<Person> {
    let parsed = match field {
        "editor" => entry
            .editors()
            .ok()
            .map(|groups| groups.into_iter().flat_map(|(p, _)| p).collect::<Vec<_>>()),
        _ => None,
    };
    match parsed {
        Some(p) => p.iter().map(person).collect(),
        None => verbatim(entry, field)
            .map(|a| a.split(" and ").map(super::person).collect())
            .unwrap_or_default(),
    }
}

fn fields_of(entry: &Entry, kind: &str) -> Fields {
    let kind = kind.to_ascii_lowercase();
    let work_kind = kind_of(&kind, entry);
    let first = |names: &[&str]| names.iter().find_map(|f| verbatim(entry, f));
    let authors = match entry.author() {
        Ok(people) => people.iter().map(person).collect(),
        Err(_) => verbatim(entry, "author")
            .map(|a| a.split(" and ").map(super::person).collect())
            .unwrap_or_default(),
    };
    let academic = super::keeps_container(work_kind);
    let outlet = if academic {
        None
    } else {
        first(&[
            "journaltitle",
            "journal",
            "booktitle",
            "institution",
            "school",
            "organization",
            "publisher",
            "howpublished",
        ])
    };
    let genre = verbatim(entry, "type").map(|t| match t.as_str() {
        "phdthesis" => "PhD thesis".to_string(),
        "mathesis" => "Master's thesis".to_string(),
        _ => t,
    });
    let genre = genre.or_else(|| match kind.as_str() {
        "phdthesis" => Some("PhD thesis".into()),
        "mastersthesis" => Some("Master's thesis".into()),
        _ => None,
    });
    // Container and publisher are the outlet of a news record or report, and fields
    // of their own for academic works.
    let fields = WorkFields {
        container_title: first(&["journaltitle", "journal", "booktitle", "organization"])
            .filter(|_| academic),
        collection_title: verbatim(entry, "series"),
        volume: verbatim(entry, "volume"),
        issue: first(&["number", "issue"]),
        pages: verbatim(entry, "pages").map(|p| p.replace("--", "\u{2013}")),
        publisher: first(&["publisher", "institution", "school"]).filter(|_| academic),
        location: first(&["location", "address"]),
        editors: people(entry, "editor"),
        translators: people(entry, "translator"),
        edition: verbatim(entry, "edition"),
        version: verbatim(entry, "version"),
        // `type = {Report}` is what a news report's export says, not a genre.
        genre: genre.filter(|g| academic || !g.eq_ignore_ascii_case("report")),
        isbn: verbatim(entry, "isbn"),
        ..WorkFields::default()
    };
    Fields {
        key: Some(entry.key.clone()),
        kind: work_kind,
        authors,
        title: verbatim(entry, "title"),
        outlet,
        date: date(entry),
        doi: verbatim(entry, "doi"),
        url: verbatim(entry, "url"),
        note: verbatim(entry, "note"),
        fields,
    }
}

/// Every field of the entry as text, with its type and key.
fn detail(entry: &Entry, kind: &str) -> serde_json::Value {
    let fields: serde_json::Map<String, serde_json::Value> = entry
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.format_verbatim())))
        .collect();
    serde_json::json!({ "format": "bibtex", "type": kind, "key": entry.key, "fields": fields })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_entry_is_one_problem_and_the_rest_is_read() {
        let bib = "@string{rt = {Reuters}}\n\
            @article{a, title = {Drone attack on Erbil airbase}, journaltitle = rt,\n  date = {2023-11-10}, author = {Van Wilgenburg, Wladimir and Ali, Ahmed}}\n\
            @article{b, title = {Broken entry, author = {X}\n\
            @report{c, title = {Tracking Anti-U.S. Strikes}, institution = {The Washington Institute}, year = 2023}\n\
            @misc{a, title = {Same key again}}\n";
        let read = read(bib);
        assert_eq!(read.records.len(), 2, "{:?}", read.problems);
        let a = &read.records[0];
        assert_eq!(a.outlet.as_deref(), Some("Reuters"));
        assert_eq!(a.date.unwrap().to_string(), "2023-11-10");
        assert_eq!(a.authors[0], Person::new("Van Wilgenburg", "Wladimir"));
        assert_eq!(read.records[1].kind, WorkKind::Report);
        let lines: Vec<usize> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [4, 6], "{:?}", read.problems);
    }
}
