//! `reftrace trace DIR|FILES... --out DIR`: one report per article in every format
//! (the document a single-file run prints), or one JSON Lines file; a bad file is
//! reported and counted without stopping the others; a summary table at the end.

mod common;
use common::{reftrace, repo, stderr};

use serde_json::Value;
use std::path::Path;

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";

/// Three good articles (the seed as text, the Yemen article in a subdirectory, the
/// seed as HTML), an empty file, a binary file and a file that is not UTF-8, plus a
/// file the directory walk must ignore.
fn mixed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::copy(repo(SEED), root.join("seed.txt")).unwrap();
    std::fs::copy(
        repo("tests/data/yemen-2024-01-15-red-sea.txt"),
        root.join("sub/yemen.txt"),
    )
    .unwrap();
    std::fs::copy(repo("tests/data/seed-page.html"), root.join("page.html")).unwrap();
    std::fs::write(root.join("empty.txt"), "").unwrap();
    std::fs::write(root.join("binary.txt"), b"PK\x03\x04\x00\x00\x08\x00zip").unwrap();
    std::fs::write(root.join("latin1.txt"), b"Title\n\nCaf\xe9 au lait\n").unwrap();
    std::fs::write(root.join("image.png"), b"\x89PNG\r\n").unwrap();
    dir
}

/// The value under `column` in the last summary table of `err`.
fn cell(err: &str, column: &str) -> String {
    let lines: Vec<&str> = err.lines().collect();
    let head = lines
        .iter()
        .rposition(|l| l.split_whitespace().next() == Some("files"))
        .expect("a summary table");
    let names: Vec<&str> = lines[head].split_whitespace().collect();
    let values: Vec<&str> = lines[head + 1].split_whitespace().collect();
    let i = names.iter().position(|n| *n == column).unwrap();
    values[i].to_string()
}

/// `trace FILE --format json` for one article.
fn single(path: &Path, format: &str) -> String {
    let out = reftrace(&["trace", path.to_str().unwrap(), "--format", format]);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn written(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn bad_files_are_counted_and_the_summary_adds_up_the_good_ones() {
    let input = mixed_dir();
    let out = tempfile::tempdir().unwrap();
    let run = reftrace(&[
        "trace",
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("binary.txt: looks like a binary file"),
        "{err}"
    );
    assert!(err.contains("latin1.txt: not valid UTF-8"), "{err}");
    assert!(err.contains("empty.txt: the input is empty"), "{err}");
    assert!(!err.contains("image.png"), "{err}");
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}'),
        "no progress bar off a terminal"
    );
    assert_eq!(
        written(out.path()),
        ["empty.json", "page.json", "seed.json", "sub/yemen.json"]
    );

    // The table adds up what each article's own report says.
    let (mut references, mut claims, mut supported, mut unsupported) = (0, 0, 0, 0);
    for name in ["page.json", "seed.json", "sub/yemen.json"] {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(out.path().join(name)).unwrap()).unwrap();
        let these = doc["claims"].as_array().unwrap();
        references += doc["references"].as_array().unwrap().len();
        claims += these.len();
        supported += these.iter().filter(|c| c["status"] == "supported").count();
        unsupported += doc["unsupported_claims"].as_array().unwrap().len();
    }
    assert_eq!(cell(&err, "files"), "6");
    assert_eq!(cell(&err, "articles"), "4");
    assert_eq!(cell(&err, "references"), references.to_string());
    assert_eq!(cell(&err, "claims"), claims.to_string());
    let share = 100.0 * supported as f64 / claims as f64;
    assert_eq!(cell(&err, "supported"), format!("{share:.1}%"));
    assert_eq!(cell(&err, "unsupported"), unsupported.to_string());
    assert_eq!(cell(&err, "errors"), "3");
}

#[test]
fn each_report_is_what_a_single_file_run_prints() {
    let input = mixed_dir();
    let seed = input.path().join("seed.txt");
    let yemen = input.path().join("sub/yemen.txt");
    for (format, ext) in [
        ("json", "json"),
        ("claimreview", "jsonld"),
        ("markdown", "md"),
        ("html", "html"),
    ] {
        let out = tempfile::tempdir().unwrap();
        let run = reftrace(&[
            "trace",
            seed.to_str().unwrap(),
            yemen.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        for (file, name) in [(&seed, "seed"), (&yemen, "yemen")] {
            let batch = std::fs::read_to_string(out.path().join(format!("{name}.{ext}")));
            assert_eq!(batch.unwrap(), single(file, format), "{format} of {name}");
        }
    }
}

#[test]
fn json_lines_hold_one_trace_per_line_in_input_order() {
    let input = mixed_dir();
    let out = tempfile::tempdir().unwrap();
    let run = reftrace(&[
        "trace",
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let text = std::fs::read_to_string(out.path().join("trace.jsonl")).unwrap();
    let docs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: Vec<&str> = docs
        .iter()
        .map(|d| {
            let source = d["source"].as_str().unwrap();
            Path::new(source).file_name().unwrap().to_str().unwrap()
        })
        .collect();
    assert_eq!(names, ["empty.txt", "page.html", "seed.txt", "yemen.txt"]);
    let seed: Value =
        serde_json::from_str(&single(&input.path().join("seed.txt"), "json")).unwrap();
    assert_eq!(docs[2], seed, "the same document, on one line");
    assert_eq!(
        written(out.path()),
        ["trace.jsonl"],
        "no temporary files left"
    );
}

#[test]
fn several_articles_need_an_output_directory() {
    let seed = repo(SEED);
    let seed = seed.to_str().unwrap();
    let run = reftrace(&["trace", seed, seed]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("--out DIR"));
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let both = reftrace(&["trace", seed, seed, "--out", dir, "-o", "one.json"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("--output names one report"));
}

#[test]
fn a_missing_file_is_one_failure_among_others() {
    let out = tempfile::tempdir().unwrap();
    let seed = repo(SEED);
    let run = reftrace(&[
        "trace",
        "no-such-article.txt",
        seed.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("no-such-article.txt:"), "{err}");
    assert_eq!(cell(&err, "articles"), "1");
    assert_eq!(cell(&err, "errors"), "1");
    let text = std::fs::read_to_string(out.path().join("musings-2023-11-22-us-retaliates.txt"));
    assert!(text.unwrap().contains("claims:"), "text reports by default");
}
