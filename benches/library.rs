//! The library at scale: import of 100,000 records, search over a library of 100,000
//! works, and `add` of 1,000 articles.
//!
//! `cargo bench --bench library`. The data is generated, the same every run: titles of
//! eight words from a 60-word news vocabulary plus one rarer topic word (5,000 of them),
//! 1,000 author names, 12 outlets, dates over 15 years. The 1,000 articles are the
//! sample article under 1,000 different headers, so their 35,000 records merge into 34
//! works: the heaviest case for merging (every work gains 1,000 records).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use reftrace::library::{self, ImportFormat, NewArticle, NewImport, Query, Record, Store};
use reftrace::{PartialDate, Person, Source};
use std::hint::black_box;
use std::time::Duration;

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
    "minister",
    "parliament",
    "budget",
    "court",
    "army",
    "police",
    "camp",
    "refugees",
    "water",
    "drought",
    "dam",
    "power",
    "grid",
    "bank",
    "currency",
    "sanctions",
    "trade",
    "port",
    "road",
    "bridge",
    "school",
    "hospital",
    "vaccine",
    "storm",
    "flood",
    "market",
    "prices",
    "wheat",
    "fuel",
    "gas",
    "deal",
    "visit",
    "summit",
    "report",
    "inquiry",
    "arrest",
    "trial",
    "verdict",
    "reform",
    "strike",
];
const OUTLETS: &[&str] = &[
    "Reuters",
    "Rudaw",
    "Shafaq News",
    "Xinhua",
    "Al Monitor",
    "Kurdistan 24",
    "The National",
    "Associated Press",
    "Al Mada",
    "Iraqi News",
    "NINA",
    "Crisis Group Institute",
];

/// `n` generated records.
fn records(n: usize) -> Vec<Record> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|i| {
            let mut title: Vec<String> = (0..8)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize].to_string())
                .collect();
            title.push(format!("topic{}", next() % 5000));
            let title = title.join(" ");
            let outlet = OUTLETS[i % OUTLETS.len()].to_string();
            let date = PartialDate::ymd(
                2010 + (i % 15) as i32,
                1 + (i % 12) as u8,
                1 + (i % 28) as u8,
            );
            Record {
                position: i + 1,
                line: Some(i * 6 + 1),
                key: format!("writer{}{}", i % 1000, 2010 + i % 15),
                kind: library::mapping::kind_for(Some(&outlet)),
                authors: vec![Person::new(format!("Writer{}", i % 1000), "Ann")],
                raw: format!("Writer{}, Ann, \"{title},\" {outlet}", i % 1000),
                title: Some(title),
                outlet: Some(outlet),
                date,
                fields: Default::default(),
                url: None,
                note: None,
                duplicate_of: None,
                detail: serde_json::Value::Null,
            }
        })
        .collect()
}

fn import_of(records: Vec<Record>, name: &str) -> NewImport {
    NewImport {
        name: name.into(),
        format: ImportFormat::Bibtex,
        hash: name.into(),
        records,
    }
}

fn bib_text(records: &[Record]) -> String {
    records
        .iter()
        .map(|r| {
            format!(
                "@article{{k{},\n  title = {{{}}},\n  author = {{{}, Ann}},\n  journaltitle = {{{}}},\n  date = {{{}}},\n}}\n",
                r.position,
                r.title.as_deref().unwrap_or(""),
                r.authors[0].family,
                r.outlet.as_deref().unwrap_or(""),
                r.date.map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect()
}

fn import(c: &mut Criterion) {
    let recs = records(100_000);
    let bib = bib_text(&recs);
    let mut g = c.benchmark_group("library-import");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    g.bench_function("read 100,000 BibLaTeX entries", |b| {
        b.iter(|| {
            black_box(
                library::import::read(&bib, ImportFormat::Bibtex)
                    .records
                    .len(),
            )
        })
    });
    g.bench_function("store 100,000 records (one transaction)", |b| {
        b.iter_batched(
            || (tempfile::tempdir().unwrap(), recs.clone()),
            |(dir, recs)| {
                let mut lib = library::open(&dir.path().join("lib.sqlite")).unwrap();
                lib.import(vec![import_of(recs, "big.bib")], None).unwrap();
                dir
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = library::open(&dir.path().join("lib.sqlite")).unwrap();
    lib.import(vec![import_of(records(100_000), "big.bib")], None)
        .unwrap();
    assert!(lib.counts().unwrap().works >= 99_000);
    let mut g = c.benchmark_group("library-search-100k");
    for q in [
        "drone",
        "drone attack base",
        "topic1234",
        "author:writer42",
        "outlet:reuters year:2015 pipeline",
        "\"oil pipeline\" year:2010-2012",
        "summ*",
    ] {
        let query = Query::parse(q);
        g.bench_function(q, |b| {
            b.iter(|| black_box(lib.search(&query, 20).unwrap().works.len()))
        });
    }
    g.finish();
}

fn add(c: &mut Criterion) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/refs/musings-2023-11-22-us-retaliates.txt"
    ))
    .unwrap();
    let sources: Vec<Source> = (0..1000)
        .map(|i| Source::new(format!("a{i}.txt"), format!("Desk note {i}\n\n{text}")))
        .collect();
    let mut g = c.benchmark_group("library-add");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    g.bench_function("parse + trace + store 1,000 articles", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let articles: Vec<NewArticle> = sources
                    .iter()
                    .map(|s| {
                        let parsed = reftrace::parse(s);
                        let t = reftrace::trace::trace(s, &parsed, &Default::default());
                        NewArticle::new(s, &parsed, Some(&t))
                    })
                    .collect();
                let mut lib = library::open(&dir.path().join("lib.sqlite")).unwrap();
                lib.add_articles(articles, None).unwrap();
                dir
            },
            BatchSize::PerIteration,
        )
    });
    let prepared: Vec<NewArticle> = sources
        .iter()
        .map(|s| {
            let parsed = reftrace::parse(s);
            let t = reftrace::trace::trace(s, &parsed, &Default::default());
            NewArticle::new(s, &parsed, Some(&t))
        })
        .collect();
    g.bench_function("store 1,000 traced articles", |b| {
        b.iter_batched(
            || (tempfile::tempdir().unwrap(), prepared.clone()),
            |(dir, articles)| {
                let mut lib = library::open(&dir.path().join("lib.sqlite")).unwrap();
                let out = lib.add_articles(articles, None).unwrap();
                assert_eq!(lib.counts().unwrap().works, 34);
                black_box(out.len());
                dir
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, import, search, add);
criterion_main!(benches);
