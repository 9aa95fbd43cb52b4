//! `reftrace cite` of academic records against `pandoc --citeproc` (issue 11): journal
//! articles, books (written, edited, translated, in a series), chapters, theses and
//! conference papers, in APA, Chicago author-date, MLA and IEEE. Every entry must read
//! the same in both, letter for letter, in the same order.
//!
//! Five sets of records:
//! - `tests/data/academic-list.txt`, `tests/data/academic-original.txt` (reprints and
//!   translations with their original dates) and `tests/data/academic-dates.txt`
//!   (ranges of years, `1985–2015`, beside original and access dates), read by
//!   `reftrace cite --list` (the academic reader); pandoc reads `reftrace export --list
//!   --to csl-json` of each;
//! - `tests/data/academic.json` and `tests/data/academic-ranges.json` (date ranges the
//!   reader does not make: months and days, `May–June 2000`, `June 3–July 4`, across a
//!   year, year suffixes on a range, a single year beside a range that starts alike),
//!   hand-written CSL-JSON (records built from JSON, so the comparison does not depend
//!   on the reader): pandoc reads the file itself, reftrace imports it into a library
//!   and runs `reftrace library cite`. The records are in the order of their ids, the
//!   library's order, which IEEE (no sort) keeps.
//!
//! Both sides use the same style: the archived style `reftrace cite` uses, written out
//! as a `.csl` file. An entry agrees when it is pandoc's entry at the same place, letter
//! for letter; where pandoc 2.17 (the Debian version CI installs) is older than the
//! style, citeproc-js (Zotero's engine, through citation-js) is asked too, and an entry
//! that pandoc shows for the same record and citeproc-js prints exactly as reftrace does
//! also agrees. Every such entry is listed. Needs pandoc, so it runs only with `REFTRACE_INTEROP=1` (CI and
//! `tests/interop/run.sh` set it); with the variable set, a missing pandoc is a failure.
//! Set `REFTRACE_CITEPROC_KEEP=DIR` to keep both outputs of every pair in `DIR`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const STYLES: [&str; 4] = [
    "apa",
    "chicago-author-date",
    "modern-language-association",
    "ieee",
];

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// reftrace's bibliography of a set in a style.
type Cite = Box<dyn Fn(&str) -> Vec<String>>;

/// One set of records: how to get reftrace's bibliography in a style, and the CSL-JSON
/// pandoc reads.
struct Set {
    name: &'static str,
    json: PathBuf,
    cite: Cite,
}

fn list_set(dir: &Path, name: &'static str, list: &'static str) -> Set {
    let json = dir.join(format!("{name}.json"));
    std::fs::write(
        &json,
        common::reftrace_stdout(&["export", "--list", list, "--to", "csl-json"]),
    )
    .unwrap();
    Set {
        name,
        json,
        cite: Box::new(move |style| {
            lines(&common::reftrace_stdout(&[
                "cite", "--list", list, "--style", style,
            ]))
        }),
    }
}

fn json_set(dir: &Path, name: &'static str, file: &str) -> Set {
    let db = dir.join(format!("{name}.sqlite"));
    let db = db.to_str().unwrap().to_string();
    common::reftrace_stdout(&["library", "--db", &db, "import", file]);
    Set {
        name,
        json: common::repo(file),
        cite: Box::new(move |style| {
            lines(&common::reftrace_stdout(&[
                "library", "--db", &db, "cite", "--style", style,
            ]))
        }),
    }
}

/// The entries of citeproc-js (through citation-js) for the same records and style, or
/// an empty list when it cannot run the style (it fails on the IEEE style).
fn citeproc_js(json: &Path, csl: &Path) -> Vec<String> {
    let out = Command::new("node")
        .arg(common::repo("tests/interop/citeproc_js.js"))
        .arg(json)
        .arg(csl)
        .env("NODE_PATH", common::repo("tests/interop/node_modules"))
        .output()
        .expect("node must be installed when REFTRACE_INTEROP=1 (tests/interop/install.sh)");
    if !out.status.success() {
        eprintln!(
            "citeproc-js could not run {}: {}",
            csl.display(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
        return Vec::new();
    }
    lines(&String::from_utf8_lossy(&out.stdout))
}

/// Lower-case letters and digits only: what survives quoting and capitalisation.
fn squash(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The id of the record an entry shows: the longest title contained in it.
fn record_of<'a>(entry: &str, titles: &'a [(String, String)]) -> Option<&'a str> {
    let flat = squash(entry);
    titles
        .iter()
        .filter(|(_, t)| flat.contains(t.as_str()))
        .max_by_key(|(_, t)| t.len())
        .map(|(id, _)| id.as_str())
}

/// How one entry of reftrace's bibliography compares.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Letter for letter pandoc's entry at the same place.
    SameAsPandoc,
    /// Pandoc's entry once the abbreviated page ranges of Chicago's `chicago-16`
    /// format (`301–18`, CSL 1.0.2) are written out (`301–318`): pandoc 2.17's citeproc
    /// does not know that format and prints ranges whole; citeproc-js abbreviates them
    /// as reftrace does.
    SameAsPandocWithFullPageRanges,
    /// Pandoc shows the same record here in other words, and citeproc-js prints it
    /// exactly as reftrace does (pandoc 2.17's older citeproc and locales: Chicago's
    /// `chicago-16` page ranges, `Tran.` for one translator).
    SameAsCiteprocJs,
    /// Neither.
    Differs,
}

fn verdicts(
    ours: &[String],
    pandoc: &[String],
    cjs: &[String],
    titles: &[(String, String)],
) -> Vec<Verdict> {
    let n = ours.len().max(pandoc.len());
    (0..n)
        .map(|i| match (ours.get(i), pandoc.get(i)) {
            (Some(a), Some(b)) if a == b => Verdict::SameAsPandoc,
            (Some(a), Some(b)) if full_page_ranges(a) == *b => {
                Verdict::SameAsPandocWithFullPageRanges
            }
            (Some(a), Some(b))
                if cjs.contains(a)
                    && record_of(a, titles).is_some()
                    && record_of(a, titles) == record_of(b, titles) =>
            {
                Verdict::SameAsCiteprocJs
            }
            _ => Verdict::Differs,
        })
        .collect()
}

/// Abbreviated page ranges written out: `301–18` → `301–318`, `1733–46` → `1733–1746`.
fn full_page_ranges(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let digits = |from: usize| {
            chars[from..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count()
        };
        let n = digits(i);
        if n > 0 && (i == 0 || !chars[i - 1].is_ascii_digit()) && chars.get(i + n) == Some(&'–') {
            let m = digits(i + n + 1);
            let first: String = chars[i..i + n].iter().collect();
            let last: String = chars[i + n + 1..i + n + 1 + m].iter().collect();
            if m > 0 && m < n {
                out.push_str(&format!("{first}–{}{last}", &first[..n - m]));
            } else {
                out.push_str(&format!("{first}–{last}"));
            }
            i += n + 1 + m;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn titles(json: &Path) -> Vec<(String, String)> {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    items
        .iter()
        .filter_map(|i| Some((i["id"].as_str()?.to_string(), squash(i["title"].as_str()?))))
        .collect()
}

#[test]
fn abbreviated_page_ranges_are_written_out() {
    assert_eq!(
        full_page_ranges("21 (2): 301–18. p. 1733–46, 88–95, 2019–20"),
        "21 (2): 301–318. p. 1733–1746, 88–95, 2019–2020"
    );
}

#[test]
fn academic_records_read_as_citeproc_prints_them() {
    if !common::interop_enabled() {
        eprintln!("skipped: set REFTRACE_INTEROP=1 to compare with pandoc --citeproc");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let sets = [
        list_set(dir.path(), "academic-list", "tests/data/academic-list.txt"),
        // Reprints and translations: the original date (`1989 [1923]`) is the work's
        // `original-date` on both sides (APA's "Original work published").
        list_set(
            dir.path(),
            "academic-original",
            "tests/data/academic-original.txt",
        ),
        // Ranges of years (`1985–2015`) beside original and access dates.
        list_set(
            dir.path(),
            "academic-dates",
            "tests/data/academic-dates.txt",
        ),
        // APA's described works: a film, a data set, a video, a program, a thesis.
        list_set(
            dir.path(),
            "academic-media",
            "tests/data/academic-media.txt",
        ),
        json_set(dir.path(), "academic-json", "tests/data/academic.json"),
        json_set(
            dir.path(),
            "academic-ranges",
            "tests/data/academic-ranges.json",
        ),
    ];
    let keep = std::env::var_os("REFTRACE_CITEPROC_KEEP").map(PathBuf::from);
    let mut failures = Vec::new();
    for set in &sets {
        for style in STYLES {
            let csl = common::style_file(style, dir.path());
            let theirs = common::pandoc_nocite(&set.json, &csl, dir.path(), &[]);
            let ours = (set.cite)(style);
            if let Some(keep) = &keep {
                std::fs::create_dir_all(keep).unwrap();
                std::fs::copy(&csl, keep.join(format!("{style}.csl"))).unwrap();
                for (side, text) in [("reftrace", &ours), ("citeproc", &theirs)] {
                    let file = keep.join(format!("{}.{style}.{side}.txt", set.name));
                    std::fs::write(file, text.join("\n") + "\n").unwrap();
                }
            }
            let cjs = citeproc_js(&set.json, &csl);
            let v = verdicts(&ours, &theirs, &cjs, &titles(&set.json));
            let count = |k: Verdict| v.iter().filter(|x| **x == k).count();
            let same = count(Verdict::SameAsPandoc);
            let ranges = count(Verdict::SameAsPandocWithFullPageRanges);
            let cjs_only = count(Verdict::SameAsCiteprocJs);
            eprintln!(
                "{style:<28} {:<14} {} entries: {same} as pandoc, {ranges} as pandoc but for \
                 chicago-16 page ranges, {cjs_only} as citeproc-js, {} differ",
                set.name,
                v.len(),
                count(Verdict::Differs)
            );
            for (i, verdict) in v.iter().enumerate() {
                if *verdict != Verdict::SameAsPandoc {
                    eprintln!(
                        "  {verdict:?} entry {}:\n    reftrace {:?}\n    pandoc   {:?}",
                        i + 1,
                        ours.get(i),
                        theirs.get(i)
                    );
                }
            }
            if count(Verdict::Differs) > 0 {
                failures.push(format!("{style} {}", set.name));
            }
        }
    }
    assert!(failures.is_empty(), "differ from citeproc: {failures:?}");
}
