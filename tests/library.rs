//! `reftrace library` end to end: the sample added twice, overlapping imports merged,
//! search, export of a collection read back, `claims --source`, splits, backups, and
//! bad input (damaged file, newer schema, broken entries) refused without loss.

mod common;

use common::{repo, stderr};
use reftrace::library::{self, Query, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = "refs/musings-2023-11-22-us-retaliates.txt";

fn lib(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .arg("library")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn sample() -> String {
    repo(SAMPLE).display().to_string()
}

fn data(name: &str) -> String {
    repo(&format!("tests/data/library/{name}"))
        .display()
        .to_string()
}

/// A library with the sample article in it, tagged `iraq`.
fn with_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let out = lib(&db, &["add", &sample(), "--collection", "iraq"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, db)
}

fn work_id(db: &Path, query: &str) -> i64 {
    let store = library::open(db).unwrap();
    let hits = store.search(&Query::parse(query), 5).unwrap().works;
    assert_eq!(hits.len(), 1, "{query}: {hits:?}");
    hits[0].id
}

#[test]
fn the_sample_added_twice_is_one_article_with_35_records_and_34_works() {
    let (_dir, db) = with_sample();
    let again = lib(&db, &["add", &sample()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).starts_with("updated article 1"),
        "{}",
        stdout(&again)
    );
    let counts = library::open(&db).unwrap().counts().unwrap();
    assert_eq!((counts.articles, counts.records, counts.works), (1, 35, 34));
    assert!(counts.claims > 0);
    // The list's repeated entry (32 repeats 10) is one work with both records.
    let id = work_id(&db, "title:\"Armed drones attack coalition base\"");
    let show = stdout(&lib(&db, &["show", &id.to_string()]));
    assert!(
        show.contains("merged: the article's list repeats its entry 10"),
        "{show}"
    );
    assert!(lib(&db, &["check"]).status.success());
}

#[test]
fn overlapping_imports_merge_with_the_articles_works_and_broken_entries_are_reported() {
    let (_dir, db) = with_sample();
    let out = lib(&db, &["import", &data("overlap.bib"), &data("overlap.ris")]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "broken entries are problems found"
    );
    let err = stderr(&out);
    let bib = data("overlap.bib");
    assert!(err.contains(&format!("{bib}:20: error")), "{err}");
    assert!(err.contains(&format!("{bib}:32: error")), "{err}");
    assert!(
        err.contains(&format!("{}:21: error", data("overlap.ris"))),
        "{err}"
    );
    let counts = library::open(&db).unwrap().counts().unwrap();
    // 3 + 3 records read; only the journal article is a new work.
    assert_eq!((counts.imports, counts.records, counts.works), (2, 41, 35));
    let reuters = work_id(&db, "outlet:reuters mosul");
    let detail = library::open(&db).unwrap().work(reuters).unwrap();
    assert_eq!(detail.records.len(), 3, "{detail:#?}");
    assert!(
        detail.records[1]
            .merge_reason
            .as_deref()
            .unwrap()
            .starts_with("same title")
    );
    let smith = work_id(&db, "author:smith");
    let detail = library::open(&db).unwrap().work(smith).unwrap();
    assert_eq!(detail.doi.as_deref(), Some("10.1234/jcs.2021.77"));
    assert_eq!(
        detail.records[1].merge_reason.as_deref(),
        Some("same DOI 10.1234/jcs.2021.77")
    );
    // The same file again adds nothing.
    let again = lib(&db, &["import", &data("overlap.ris")]);
    assert!(
        stdout(&again).contains("already imported"),
        "{}",
        stdout(&again)
    );
    assert_eq!(library::open(&db).unwrap().counts().unwrap().records, 41);
}

#[test]
fn search_by_author_outlet_year_and_claim_text() {
    let (_dir, db) = with_sample();
    let hits = |q: &str| stdout(&lib(&db, &["search", q]));
    assert!(hits("author:knights").contains("Tracking Anti-U.S. Strikes"));
    assert!(hits("outlet:xinhua year:2023").contains("Rockets hit Iraqi base"));
    assert!(hits("claim:\"joint US-Iraq patrol\"").contains("Explosive device near Iraq's Mosul"));
    assert_eq!(lib(&db, &["search", "year:2019"]).status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&lib(&db, &["search", "erbil", "-f", "json"]))).unwrap();
    assert!(json["works"].as_array().unwrap().len() >= 5);
    // Query syntax and SQL typed by a user are only text: no error, nothing changed.
    for q in [
        "NEAR(",
        "\"unclosed",
        "a\" OR \"b",
        "'; DROP TABLE works; --",
        "*",
        "title:",
    ] {
        let out = lib(&db, &["search", q]);
        assert!(out.status.code() != Some(2), "{q}: {}", stderr(&out));
    }
    assert_eq!(library::open(&db).unwrap().counts().unwrap().works, 34);
}

#[test]
fn a_collection_exports_and_reads_back() {
    let (dir, db) = with_sample();
    lib(&db, &["import", &data("overlap.bib")]);
    let bib = dir.path().join("iraq.bib");
    let bib_path = bib.to_str().unwrap();
    let out = lib(
        &db,
        &[
            "export",
            "--collection",
            "iraq",
            "--to",
            "biblatex",
            "-o",
            bib_path,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&bib).unwrap();
    let parsed = biblatex::Bibliography::parse(&text).unwrap();
    assert_eq!(parsed.len(), 34, "the collection is the sample's works");
    let json = stdout(&lib(&db, &["export", "--to", "csl-json"]));
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 35, "every work");
    let cite = stdout(&lib(&db, &["cite", "author:knights", "--style", "apa"]));
    assert!(cite.contains("Knights, M."), "{cite}");
    // The library itself is never an output.
    let out = lib(&db, &["export", "--to", "ris", "-o", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let out = lib(&db, &["backup", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(lib(&db, &["check"]).status.success());
}

#[test]
fn claims_of_a_source_across_articles() {
    let (_dir, db) = with_sample();
    let id = work_id(&db, "outlet:reuters mosul").to_string();
    let out = stdout(&lib(&db, &["claims", "--source", &id]));
    assert!(
        out.contains("A joint US-Iraq patrol in Ninewa was also hit with an IED."),
        "{out}"
    );
    assert!(out.contains("supported"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&lib(
        &db,
        &["claims", "--source", &id, "-f", "json"],
    )))
    .unwrap();
    let first = &json[0];
    assert!(first["score"].as_f64().unwrap() > 0.5);
    assert_eq!(first["article"]["id"], 1);
    assert_eq!(
        lib(&db, &["claims", "--source", "999999"]).status.code(),
        Some(2)
    );
}

#[test]
fn split_undoes_a_merge_and_it_stays_undone() {
    let (_dir, db) = with_sample();
    let id = work_id(&db, "title:\"Armed drones attack coalition base\"");
    let out = lib(&db, &["split", &id.to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(library::open(&db).unwrap().counts().unwrap().works, 35);
    lib(&db, &["add", &sample()]);
    assert_eq!(library::open(&db).unwrap().counts().unwrap().works, 35);
    let out = lib(&db, &["split", &id.to_string()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "one record left: nothing to split"
    );
}

#[test]
fn tags_collections_and_backup() {
    let (dir, db) = with_sample();
    let id = work_id(&db, "author:knights").to_string();
    assert!(lib(&db, &["tag", "think-tank", &id]).status.success());
    assert!(stdout(&lib(&db, &["collections"])).contains("think-tank\t1 work(s)"));
    assert!(stdout(&lib(&db, &["list", "--collection", "think-tank"])).contains("Knights"));
    assert!(lib(&db, &["untag", "think-tank", &id]).status.success());
    assert!(!stdout(&lib(&db, &["collections"])).contains("think-tank"));
    let copy = dir.path().join("copies/lib-copy.sqlite");
    assert!(
        lib(&db, &["backup", copy.to_str().unwrap()])
            .status
            .success()
    );
    let counts = library::open(&copy).unwrap().counts().unwrap();
    assert_eq!(counts.works, 34);
}

#[test]
fn a_damaged_file_a_foreign_database_and_a_newer_library_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.sqlite");
    let bytes: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&garbage, &bytes).unwrap();
    let out = lib(&garbage, &["add", &sample()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a readable reftrace library"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&garbage).unwrap(), bytes);

    let foreign = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    let out = lib(&foreign, &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a reftrace library"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&foreign).unwrap(), before);

    let (_d, db) = with_sample();
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = lib(&db, &["add", &sample()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("schema version 99, newer"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn an_article_without_a_reference_list_is_reported_and_the_others_are_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "Just a title\n\nNo sources here.\n").unwrap();
    let out = lib(&db, &["add", empty.to_str().unwrap(), &sample()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not added"), "{}", stderr(&out));
    assert_eq!(library::open(&db).unwrap().counts().unwrap().articles, 1);
    let missing = lib(&db, &["add", "no/such/file.txt"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn the_library_file_comes_from_reftrace_db_or_the_users_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("chosen.sqlite");
    let data = dir.path().join("data");
    let run = |envs: &[(&str, &Path)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_reftrace"));
        c.args(["lib", "add", &sample()]).env_remove("REFTRACE_DB");
        for (k, v) in envs {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    let out = run(&[("REFTRACE_DB", &chosen), ("XDG_DATA_HOME", &data)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(chosen.exists());
    if cfg!(all(unix, not(target_os = "macos"))) {
        let out = run(&[("XDG_DATA_HOME", &data)]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(data.join("reftrace/library.sqlite").exists());
    }
}

#[test]
fn a_library_with_damaged_pages_is_refused_untouched() {
    let (_dir, db) = with_sample();
    let mut bytes = std::fs::read(&db).unwrap();
    for page in 1..20 {
        let at = page * 4096;
        if at + 64 <= bytes.len() {
            bytes[at..at + 64].fill(7);
        }
    }
    std::fs::write(&db, &bytes).unwrap();
    for args in [&["check"][..], &["add", &sample()][..]] {
        let out = lib(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("malformed"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}
