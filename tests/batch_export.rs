//! `reftrace export DIR|FILES... --to FORMAT -o OUT`: one combined bibliography,
//! probable duplicates across articles merged, keys unique across the batch, bad
//! files reported and counted without stopping the others.

mod common;
use common::{reftrace, repo, stderr};

use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Output;

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";
const YEMEN: &str = "tests/data/yemen-2024-01-15-red-sea.txt";

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

/// CSL-JSON items printed by an export.
fn items(out: &Output) -> Vec<Value> {
    serde_json::from_slice(&out.stdout).expect("CSL-JSON on standard output")
}

fn export(paths: &[&Path], extra: &[&str]) -> Output {
    let mut args = vec!["export"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--to", "csl-json"]);
    args.extend(extra);
    reftrace(&args)
}

fn titles(items: &[Value]) -> HashSet<String> {
    items
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_same_article_saved_three_ways_is_one_bibliography() {
    let seed = repo(SEED);
    let single = export(&[&seed], &[]);
    assert!(single.status.success());
    let run = export(
        &[
            &seed,
            &repo("tests/data/seed-page.html"),
            &repo("tests/data/seed-page.md"),
        ],
        &[],
    );
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert_eq!(
        items(&run),
        items(&single),
        "every repeat merged into the first"
    );
    assert_eq!(cell(&err, "articles"), "3");
    assert_eq!(cell(&err, "references"), "105");
    assert_eq!(cell(&err, "works"), items(&single).len().to_string());

    let kept = export(
        &[&seed, &repo("tests/data/seed-page.md")],
        &["--keep-duplicates"],
    );
    assert_eq!(
        items(&kept).len(),
        70,
        "--keep-duplicates keeps every entry"
    );
    let keys: HashSet<String> = items(&kept)
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys.len(), 70, "keys are unique across the batch");
}

#[test]
fn different_articles_keep_all_their_works_under_unique_keys() {
    let (seed, yemen) = (repo(SEED), repo(YEMEN));
    let one = items(&export(&[&seed], &[]));
    let two = items(&export(&[&yemen], &[]));
    let both = items(&export(&[&seed, &yemen], &[]));
    let keys: HashSet<&str> = both.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(keys.len(), both.len());
    let expected: HashSet<String> = titles(&one).union(&titles(&two)).cloned().collect();
    assert_eq!(titles(&both), expected);
    let shared = titles(&one).intersection(&titles(&two)).count();
    assert_eq!(both.len(), one.len() + two.len() - shared);
    // The first article's keys are kept as they were.
    for (a, b) in one.iter().zip(&both) {
        assert_eq!(a["id"], b["id"]);
    }
}

/// An article with a body and the given reference lines.
fn article(dir: &Path, name: &str, references: &str) -> PathBuf {
    let text = format!(
        "Monday, November 20, 2023\n\nDrones hit Erbil base\n\n\
         A drone attack hit the US base at Erbil airport on November 19, officials said.\n\n\
         The attacks are part of a campaign that began in October after the war in Gaza \
         started, with more than forty strikes on bases in Iraq and Syria so far.\n\n\
         {references}"
    );
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn clashing_keys_get_a_suffix_and_repeats_across_articles_merge() {
    let dir = tempfile::tempdir().unwrap();
    let a = article(
        dir.path(),
        "a.txt",
        "Reuters, \"Drone attack hits US base at Erbil airport,\" 11/19/23\n\
         Reuters, \"Rockets fired at Ain al-Asad base,\" 11/18/23\n",
    );
    let b = article(
        dir.path(),
        "b.txt",
        "Rudaw, \"Drone attack hits US base at Erbil airport,\" 11/19/23\n\
         Reuters, \"Drone strikes on Harir base,\" 11/19/23\n",
    );
    let run = export(&[&a, &b], &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let got: Vec<(String, String)> = items(&run)
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        (
            "reuters2023drone",
            "Drone attack hits US base at Erbil airport",
        ),
        ("reuters2023rockets", "Rockets fired at Ain al-Asad base"),
        ("reuters2023dronea", "Drone strikes on Harir base"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn bad_files_are_counted_and_the_good_ones_still_exported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo(SEED), dir.path().join("seed.txt")).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"PK\x03\x04\x00\x00zip").unwrap();
    let out = dir.path().join("out/all.bib");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let run = reftrace(&[
        "export",
        dir.path().to_str().unwrap(),
        "--to",
        "biblatex",
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("binary.txt: looks like a binary file"),
        "{err}"
    );
    assert!(err.contains("empty.txt: the input is empty"), "{err}");
    assert_eq!(cell(&err, "files"), "3");
    assert_eq!(cell(&err, "errors"), "2");
    let single = reftrace(&["export", repo(SEED).to_str().unwrap(), "--to", "biblatex"]);
    assert_eq!(std::fs::read(&out).unwrap(), single.stdout);
    assert_eq!(run.stdout, b"", "the bibliography went to the file");
}
