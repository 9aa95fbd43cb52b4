//! Academic records in the library (issue 11): imported from CSL-JSON and added from an
//! academic list, merged by DOI and title with people named by initials in one source
//! and in full in the other, found by their journal, and exported with every academic
//! field.

mod common;

use common::repo;
use std::path::Path;
use std::process::{Command, Output};

fn lib(db: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .arg("library")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "library {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn items(db: &Path) -> Vec<serde_json::Value> {
    let out = lib(db, &["export", "--to", "csl-json"]);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn academic_fields_survive_the_library_and_sources_merge() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let json = repo("tests/data/academic.json");
    lib(&db, &["import", json.to_str().unwrap()]);
    let expected: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let got = items(&db);
    assert_eq!(got.len(), expected.len());
    for want in &expected {
        let have = got.iter().find(|i| i["id"] == want["id"]).unwrap();
        for field in [
            "type",
            "container-title",
            "collection-title",
            "volume",
            "issue",
            "page",
            "publisher",
            "publisher-place",
            "editor",
            "translator",
            "edition",
            "genre",
            "ISBN",
        ] {
            assert_eq!(have[field], want[field], "{} {field}", want["id"]);
        }
        let doi = want["DOI"].as_str().map(str::to_lowercase);
        assert_eq!(have["DOI"].as_str().map(str::to_string), doi);
    }

    // The academic list names the same works, by initials: merged, not repeated.
    let list = repo("tests/data/academic-list.txt");
    lib(&db, &["add", list.to_str().unwrap()]);
    let got = items(&db);
    let groundwater = got
        .iter()
        .find(|i| i["id"] == "okafor2021groundwater")
        .unwrap();
    let authors = groundwater["author"].as_array().unwrap();
    assert_eq!(authors.len(), 3, "{authors:?}");
    assert_eq!(authors[0]["given"], "Chidi N.");

    let out = lib(&db, &["search", "outlet:hydrology"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Groundwater recharge"), "{text}");
}

/// A range's end, an original date and an access date are kept in the library and
/// exported from it as they were read.
#[test]
fn dates_beside_the_date_survive_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let list = repo("tests/data/academic-dates.txt");
    lib(&db, &["add", list.to_str().unwrap()]);
    let items = items(&db);
    let by_title = |start: &str| {
        items
            .iter()
            .find(|i| i["title"].as_str().is_some_and(|t| t.starts_with(start)))
            .unwrap_or_else(|| panic!("no {start} in {items:?}"))
            .clone()
    };
    let darwin = by_title("The correspondence");
    assert_eq!(
        darwin["issued"]["date-parts"],
        serde_json::json!([[1985], [2015]])
    );
    let freud = by_title("The ego");
    assert_eq!(
        freud["original-date"]["date-parts"],
        serde_json::json!([[1923]])
    );
    let sato = by_title("Canal flow");
    assert_eq!(
        sato["accessed"]["date-parts"],
        serde_json::json!([[2024, 3, 3]])
    );
}

/// A Hayagriva YAML file (what Typst reads) of academic works, written by `export --to
/// yaml`, comes back from the library as it went in: every CSL-JSON field of every
/// record the same, but a range's end, which YAML has no syntax for, and a bare
/// domain's closing slash. Before, a journal article came back a report and a chapter
/// a news story, without volume, pages or publisher.
#[test]
fn academic_works_survive_a_round_trip_through_hayagriva_yaml() {
    let dir = tempfile::tempdir().unwrap();
    for list in [
        "tests/data/academic-list.txt",
        "tests/data/academic-original.txt",
        "tests/data/academic-media.txt",
    ] {
        // `reftrace_stdout` runs in the repository, so the list's relative path holds.
        let csl =
            |format: &str| common::reftrace_stdout(&["export", "--list", list, "--to", format]);
        let yaml = dir.path().join(format!("{}.yml", list.replace('/', "-")));
        std::fs::write(&yaml, csl("yaml")).unwrap();
        let db = dir
            .path()
            .join(format!("{}.sqlite", list.replace('/', "-")));
        lib(&db, &["import", yaml.to_str().unwrap()]);
        let want: Vec<serde_json::Value> = serde_json::from_str(&csl("csl-json")).unwrap();
        let mut have = items(&db);
        have.sort_by_key(|i| {
            want.iter()
                .position(|w| w["id"] == i["id"])
                .unwrap_or(usize::MAX)
        });
        // Hayagriva's URL type writes a bare domain with its closing slash
        // (`https://ggplot2.tidyverse.org/`), the same address.
        for item in &mut have {
            if let Some(url) = item["URL"].as_str().and_then(|u| u.strip_suffix('/'))
                && !url.trim_start_matches("https://").contains('/')
            {
                item["URL"] = url.into();
            }
        }
        assert_eq!(have, want, "{list}");
    }
}
