//! The library under stress: a process killed mid-import leaves it as it was, two
//! processes writing at once both succeed, and every earlier schema version migrates.

mod common;

use common::{repo, stderr};
use reftrace::library::sqlite::schema;
use reftrace::library::{self, Query, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SAMPLE: &str = "refs/musings-2023-11-22-us-retaliates.txt";

/// A `.bib` of `n` distinct synthetic entries (deterministic).
fn big_bib(n: usize) -> String {
    const WORDS: &[&str] = &[
        "drone",
        "attack",
        "base",
        "militia",
        "strike",
        "rocket",
        "patrol",
        "convoy",
        "airport",
        "embassy",
        "border",
        "talks",
        "ceasefire",
        "province",
        "council",
        "election",
        "oil",
        "pipeline",
        "refinery",
        "protest",
    ];
    const OUTLETS: &[&str] = &["Reuters", "Rudaw", "Shafaq News", "Xinhua", "Al Monitor"];
    let mut out = String::with_capacity(n * 200);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..n {
        let mut title = Vec::new();
        for _ in 0..6 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            title.push(WORDS[(x % WORDS.len() as u64) as usize]);
        }
        out.push_str(&format!(
            "@article{{k{i},\n  title = {{Item {i}: {}}},\n  author = {{Writer{}, Ann}},\n  \
             journaltitle = {{{}}},\n  date = {{20{:02}-{:02}-{:02}}},\n}}\n\n",
            title.join(" "),
            i % 997,
            OUTLETS[i % OUTLETS.len()],
            10 + i % 15,
            1 + i % 12,
            1 + i % 28
        ));
    }
    out
}

fn reftrace(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reftrace"));
    c.arg("library").arg("--db").arg(db);
    c
}

/// Every row the library holds, as text, to compare before and after.
fn dump(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut out = String::new();
    for table in [
        "articles", "imports", "works", "records", "claims", "links", "tags",
    ] {
        let mut stmt = c
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

fn wal_len(db: &Path) -> u64 {
    std::fs::metadata(db.with_extension("sqlite-wal")).map_or(0, |m| m.len())
}

#[test]
fn a_process_killed_mid_import_leaves_the_library_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let out = reftrace(&db).arg("add").arg(repo(SAMPLE)).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let before = dump(&db);
    let bib = dir.path().join("big.bib");
    std::fs::write(&bib, big_bib(30_000)).unwrap();
    let start_wal = wal_len(&db);
    let mut child = reftrace(&db)
        .arg("import")
        .arg(&bib)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once the transaction is visibly writing pages (the WAL grows).
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut killed_while_writing = false;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if wal_len(&db) > start_wal + 256 * 1024 {
            child.kill().unwrap();
            killed_while_writing = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait().unwrap();
    assert!(
        killed_while_writing,
        "the import ended before it could be killed"
    );
    assert_eq!(dump(&db), before, "the killed import left no trace");
    let check = reftrace(&db).arg("check").output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn two_processes_writing_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    let bib = dir.path().join("batch.bib");
    std::fs::write(&bib, big_bib(5_000)).unwrap();
    // Both start before either has created the file.
    let batch = reftrace(&db)
        .arg("import")
        .arg(&bib)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let user = reftrace(&db)
        .arg("add")
        .arg(repo(SAMPLE))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (a, b) = (
        batch.wait_with_output().unwrap(),
        user.wait_with_output().unwrap(),
    );
    assert!(a.status.success(), "import: {}", stderr(&a));
    assert!(b.status.success(), "add: {}", stderr(&b));
    let counts = library::open(&db).unwrap().counts().unwrap();
    assert_eq!((counts.articles, counts.imports), (1, 1));
    assert_eq!(counts.records, 5_000 + 35);
}

#[test]
fn a_writer_that_finds_the_library_busy_waits_its_turn() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite");
    assert!(
        reftrace(&db)
            .arg("check")
            .output()
            .unwrap()
            .status
            .success()
    );
    let bib = dir.path().join("batch.bib");
    std::fs::write(&bib, big_bib(20_000)).unwrap();
    let start_wal = wal_len(&db);
    let batch = reftrace(&db)
        .arg("import")
        .arg(&bib)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the batch's transaction is writing, a user adds an article.
    let deadline = Instant::now() + Duration::from_secs(120);
    while wal_len(&db) <= start_wal + 64 * 1024 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let user = reftrace(&db).arg("add").arg(repo(SAMPLE)).output().unwrap();
    let batch = batch.wait_with_output().unwrap();
    assert!(batch.status.success(), "import: {}", stderr(&batch));
    assert!(user.status.success(), "add: {}", stderr(&user));
    let counts = library::open(&db).unwrap().counts().unwrap();
    assert_eq!(counts.records, 20_000 + 35);
}

#[test]
fn every_earlier_schema_version_migrates_with_its_data() {
    for version in 0..schema::LATEST {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("old.sqlite");
        schema::create_at_version(&db, version).unwrap();
        if version >= 1 {
            // What a library of that version held: one work with one record.
            let c = rusqlite::Connection::open(&db).unwrap();
            c.execute_batch(
                "INSERT INTO imports (id, name, format, hash, imported_at)
                     VALUES (1, 'old.bib', 'bibtex', 'h', '2026-01-01T00:00:00Z');
                 INSERT INTO works (id, key, kind, title, outlet, date, year, authors, added_at)
                     VALUES (1, 'old2020key', 'news-article', 'A stored headline about oil',
                             'Reuters', '2020-05-01', 2020,
                             '[{\"family\":\"Old\",\"given\":\"Ann\"}]', '2026-01-01T00:00:00Z');
                 INSERT INTO records (work_id, import_id, position, key, kind, title, outlet,
                                      date, authors, raw, detail)
                     VALUES (1, 1, 1, 'old2020key', 'news-article', 'A stored headline about oil',
                             'Reuters', '2020-05-01', '[{\"family\":\"Old\",\"given\":\"Ann\"}]',
                             '@article{...}', '{}');",
            )
            .unwrap();
            if version >= 2 {
                // From version 2 on, reftrace kept the search index with the work.
                c.execute_batch(
                    "INSERT INTO works_fts (rowid, title, authors, outlet, claims)
                         VALUES (1, 'A stored headline about oil', 'Old Ann', 'Reuters', '');",
                )
                .unwrap();
            }
        }
        let mut store = library::open(&db).unwrap();
        assert_eq!(
            schema::version(&rusqlite::Connection::open(&db).unwrap()).unwrap(),
            schema::LATEST,
            "from version {version}"
        );
        if version >= 1 {
            let hits = store
                .search(&Query::parse("author:old headline"), 5)
                .unwrap()
                .works;
            assert_eq!(
                hits.len(),
                1,
                "from version {version}: the old work is searchable"
            );
        }
        let sample = reftrace::Source::new("a.txt", std::fs::read_to_string(repo(SAMPLE)).unwrap());
        let parsed = reftrace::parse(&sample);
        store
            .add_articles(vec![library::NewArticle::new(&sample, &parsed, None)], None)
            .unwrap();
        assert!(store.check().unwrap().is_empty(), "from version {version}");
    }
}
