//! `reftrace cite` in APA against `pandoc --citeproc` on our own CSL-JSON: for every
//! work, the authors, title, outlet and date must read the same. Any difference is
//! listed. Needs pandoc and an `apa.csl`, so it runs only with `REFTRACE_INTEROP=1`
//! (`tests/interop/run.sh` sets it); `APA_CSL` names the style file (default: Debian's
//! citation-style-language-styles package). The built-in `apa` is compared with pandoc
//! running the same archived style. Order and year suffixes in four styles:
//! `tests/cite_citeproc.rs`.

mod common;

use hayagriva::archive::ArchivedStyle;
use reftrace::export::{self, Format, Options, Work};
use reftrace::format::{self, Output};
use reftrace::{Source, parse};
use std::path::PathBuf;

fn apa_csl() -> PathBuf {
    std::env::var_os("APA_CSL")
        .map(PathBuf::from)
        .unwrap_or_else(|| "/usr/share/citation-style-language/styles/apa.csl".into())
}

/// Quotes unified, runs of whitespace made one space.
fn normalise(text: &str) -> String {
    let unified: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '“' | '”' | '"' | '`' => '\'',
            c => c,
        })
        .collect();
    unified.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parts of an APA entry: everything before the date, the date in parentheses,
/// and the rest (title and outlet).
fn split_apa(entry: &str) -> (String, String, String) {
    let Some(open) = entry.find(" (").or_else(|| entry.find('(')) else {
        return (String::new(), String::new(), entry.to_string());
    };
    let Some(close) = entry[open..].find(')').map(|c| open + c) else {
        return (String::new(), String::new(), entry.to_string());
    };
    (
        entry[..open].trim().to_string(),
        entry[open..=close].trim().to_string(),
        entry[close + 1..].trim().to_string(),
    )
}

/// `(2023b, November 6)` → `(2023, November 6)`.
fn without_year_suffix(date: &str) -> String {
    let chars: Vec<char> = date.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let after_year = i >= 4 && chars[i - 4..i].iter().all(char::is_ascii_digit);
        let ends_word = chars.get(i + 1).is_none_or(|n| !n.is_alphabetic());
        if c.is_ascii_lowercase() && after_year && ends_word {
            continue;
        }
        out.push(c);
    }
    out
}

fn find<'a>(entries: &'a [String], title: &str) -> Option<&'a String> {
    let title = normalise(title);
    entries.iter().find(|e| normalise(e).contains(&title))
}

/// Differences between our APA and pandoc's for every work of the article.
fn differences(article: &str, style: &str) -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(article)).unwrap();
    let refs = parse(&Source::new(article, text)).references;
    let works: Vec<Work> = export::works(&refs, &Options::default());
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("refs.json");
    std::fs::write(
        &json,
        export::to_string(&refs, Format::CslJson, &Options::default()).unwrap(),
    )
    .unwrap();
    // The built-in style goes to pandoc as the same style, written out from the archive;
    // Debian's apa.csl is an older version of it.
    let csl = match ArchivedStyle::by_name(style) {
        Some(archived) => {
            let path = dir.path().join("builtin.csl");
            std::fs::write(&path, archived.get().to_xml().unwrap()).unwrap();
            path
        }
        None => apa_csl(),
    };
    let pandoc = common::pandoc_nocite(&json, &csl, dir.path(), &["--fail-if-warnings"]);
    let style = format::load_style(style).unwrap();
    let ours = format::bibliography(&works, &style, Some("en-US"), Output::Text).unwrap();
    assert_eq!(ours.len(), works.len());
    assert_eq!(pandoc.len(), works.len(), "{pandoc:#?}");

    let mut diffs = Vec::new();
    for work in &works {
        let title = work.title.as_deref().unwrap_or_default();
        let (Some(a), Some(b)) = (find(&ours, title), find(&pandoc, title)) else {
            diffs.push(format!("{}: title not found in both outputs", work.key));
            continue;
        };
        let (a_head, a_date, a_rest) = split_apa(&normalise(a));
        let (b_head, b_date, b_rest) = split_apa(&normalise(b));
        // Year suffixes (2023a) depend on the engines' sort; compare the date without them.
        if a_head != b_head {
            diffs.push(format!(
                "{}: authors/head: ours {a_head:?}, pandoc {b_head:?}",
                work.key
            ));
        }
        if without_year_suffix(&a_date) != without_year_suffix(&b_date) {
            diffs.push(format!(
                "{}: date: ours {a_date:?}, pandoc {b_date:?}",
                work.key
            ));
        }
        if a_rest != b_rest {
            diffs.push(format!(
                "{}: title/outlet: ours {a_rest:?}, pandoc {b_rest:?}",
                work.key
            ));
        }
        for person in &work.authors {
            for entry in [a, b] {
                if !entry.contains(&person.family) {
                    diffs.push(format!(
                        "{}: {} missing in {entry:?}",
                        work.key, person.family
                    ));
                }
            }
        }
    }
    diffs
}

fn check(article: &str, style: &str) {
    if !common::interop_enabled() {
        eprintln!("skipped: set REFTRACE_INTEROP=1 to compare with pandoc");
        return;
    }
    let diffs = differences(article, style);
    for d in &diffs {
        eprintln!("{d}");
    }
    assert!(
        diffs.is_empty(),
        "{} difference(s) from pandoc",
        diffs.len()
    );
}

#[test]
fn seed_apa_file_agrees_with_pandoc() {
    check(
        "refs/musings-2023-11-22-us-retaliates.txt",
        &apa_csl().display().to_string(),
    );
}

#[test]
fn specials_apa_file_agrees_with_pandoc() {
    check("tests/data/specials.txt", &apa_csl().display().to_string());
}

#[test]
fn seed_builtin_apa_agrees_with_pandoc() {
    check("refs/musings-2023-11-22-us-retaliates.txt", "apa");
}
