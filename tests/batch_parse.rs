//! `reftrace parse DIR|FILES... --out DIR`: every article gets its output, a bad file
//! is reported and counted without stopping the others, and the outputs are the same
//! documents a single-file run prints.

mod common;
use common::{reftrace, repo, stderr};

use serde_json::Value;
use std::path::{Path, PathBuf};

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";

/// Three good articles (text, HTML in a subdirectory, Markdown), an empty file, a
/// binary file and a file that is not UTF-8, all with article extensions, plus a
/// file the directory walk must ignore.
fn mixed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::copy(repo(SEED), root.join("seed.txt")).unwrap();
    std::fs::copy(
        repo("tests/data/seed-page.html"),
        root.join("sub/page.html"),
    )
    .unwrap();
    std::fs::copy(repo("tests/data/seed-page.md"), root.join("notes.md")).unwrap();
    std::fs::write(root.join("empty.txt"), "").unwrap();
    std::fs::write(root.join("binary.txt"), b"PK\x03\x04\x00\x00\x08\x00zip").unwrap();
    std::fs::write(root.join("latin1.txt"), b"Title\n\nCaf\xe9 au lait\n").unwrap();
    std::fs::write(root.join("image.png"), b"\x89PNG\r\n").unwrap();
    dir
}

fn table_row(err: &str, column: &str) -> usize {
    let lines: Vec<&str> = err.lines().collect();
    let head = lines
        .iter()
        .rposition(|l| l.split_whitespace().next() == Some("files"))
        .expect("a summary table");
    let names: Vec<&str> = lines[head].split_whitespace().collect();
    let values: Vec<&str> = lines[head + 1].split_whitespace().collect();
    let i = names.iter().position(|n| *n == column).unwrap();
    values[i].parse().unwrap()
}

#[test]
fn bad_files_are_reported_and_counted_without_stopping_the_batch() {
    let input = mixed_dir();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("parsed");
    let run = reftrace(&[
        "parse",
        input.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("binary.txt: looks like a binary file"),
        "{err}"
    );
    assert!(
        err.contains("latin1.txt: not valid UTF-8 at byte 10"),
        "{err}"
    );
    assert!(err.contains("empty.txt: the input is empty"), "{err}");
    assert!(!err.contains("image.png"), "{err}");
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}'),
        "no progress bar off a terminal"
    );
    assert_eq!(table_row(&err, "files"), 6);
    assert_eq!(table_row(&err, "articles"), 4);
    assert_eq!(table_row(&err, "references"), 105);
    assert_eq!(table_row(&err, "errors"), 3);

    let mut written: Vec<String> = walk(&out)
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["empty.json", "notes.json", "seed.json", "sub/page.json"]
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn batch_outputs_equal_single_file_outputs() {
    let input = mixed_dir();
    let out = tempfile::tempdir().unwrap();
    let seed = input.path().join("seed.txt");
    let page = input.path().join("sub/page.html");
    let run = reftrace(&[
        "parse",
        seed.to_str().unwrap(),
        page.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    for (file, output) in [(&seed, "seed.json"), (&page, "page.json")] {
        let single = reftrace(&["parse", file.to_str().unwrap(), "--format", "json"]);
        assert!(single.status.success());
        let batch = std::fs::read(out.path().join(output)).unwrap();
        assert_eq!(
            String::from_utf8(batch).unwrap(),
            String::from_utf8(single.stdout).unwrap()
        );
    }
}

#[test]
fn json_lines_hold_one_article_per_line_in_input_order() {
    let input = mixed_dir();
    let out = tempfile::tempdir().unwrap();
    let run = reftrace(&[
        "parse",
        input.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let text = std::fs::read_to_string(out.path().join("parse.jsonl")).unwrap();
    let sources: Vec<String> = text
        .lines()
        .map(|line| {
            let doc: Value = serde_json::from_str(line).unwrap();
            let name = doc["source"].as_str().unwrap();
            Path::new(name)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(sources, ["empty.txt", "notes.md", "seed.txt", "page.html"]);
    let left: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only parse.jsonl, no temporary files");
}

#[test]
fn several_inputs_need_an_output_directory() {
    let seed = repo(SEED);
    let seed = seed.to_str().unwrap();
    let run = reftrace(&["parse", seed, seed]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("--out"));
    let table = reftrace(&[
        "parse",
        seed,
        "--out",
        "/nonexistent-never",
        "--format",
        "table",
    ]);
    assert_eq!(table.status.code(), Some(2));
}

#[test]
fn a_missing_file_is_one_failure_among_others() {
    let out = tempfile::tempdir().unwrap();
    let seed = repo(SEED);
    let run = reftrace(&[
        "parse",
        "no-such-article.txt",
        seed.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--format",
        "yaml",
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("no-such-article.txt:"), "{err}");
    assert_eq!(table_row(&err, "articles"), 1);
    assert_eq!(table_row(&err, "errors"), 1);
    let yaml = std::fs::read_to_string(out.path().join("musings-2023-11-22-us-retaliates.yaml"));
    assert!(yaml.unwrap().contains("references:"));
}
