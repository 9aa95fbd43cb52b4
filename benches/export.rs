//! Export of 100,000 records to each format, and an APA bibliography of 10,000 records.
//!
//! `cargo bench --bench export`. The records are generated: people with and without
//! particles, news outlets, institutes and no outlet, titles with LaTeX specials and
//! non-ASCII text, full and partial dates.

use criterion::{Criterion, criterion_group, criterion_main};
use reftrace::export::{self, Format, Options, Work, WorkKind};
use reftrace::format::{self, Output};
use reftrace::{PartialDate, Person};
use std::hint::black_box;
use std::time::Duration;

const FAMILIES: &[&str] = &[
    "Van Wilgenburg",
    "Müller",
    "O’Brien",
    "Al-Kaabi",
    "Szuba",
    "Núñez",
];
const GIVEN: &[&str] = &["Wladimir", "Zoë", "Seán", "Amir", "Jared", "José Luis"];
const OUTLETS: &[&str] = &[
    "Kurdistan 24",
    "Reuters",
    "The Washington Institute",
    "Rudaw",
];
const TITLE_WORDS: &[&str] = &[
    "drone",
    "attack",
    "US",
    "base",
    "Ain",
    "al-Assad",
    "100%",
    "R&D",
    "costs",
    "$5",
    "#1",
    "under_score",
    "{braced}",
    "~",
    "^",
    "\\path",
    "“quoted”",
    "it’s",
    "Erbil",
    "Zürich",
];

/// `n` generated works; the same every run.
pub fn generated_works(n: usize) -> Vec<Work> {
    (0..n)
        .map(|i| {
            let pick = |list: &[&'static str], salt: usize| list[(i * 7 + salt * 13) % list.len()];
            let authors = (0..i % 3)
                .map(|a| Person::new(pick(FAMILIES, a), pick(GIVEN, a + 1)))
                .collect();
            let kind = match i % 5 {
                0 => WorkKind::Article,
                1 => WorkKind::Report,
                _ => WorkKind::NewsArticle,
            };
            let title: Vec<&str> = (0..6 + i % 5)
                .map(|w| pick(TITLE_WORDS, w * 3 + i))
                .collect();
            let month = (i % 12) as u8 + 1;
            let day = (i % 28) as u8 + 1;
            Work {
                key: format!("key{i}"),
                kind,
                authors,
                outlet: (kind != WorkKind::Article).then(|| pick(OUTLETS, 2).to_string()),
                title: Some(title.join(" ")),
                date: match i % 4 {
                    0 => Some(PartialDate::year(2000 + (i % 24) as i32)),
                    1 => PartialDate::ym(2023, month),
                    _ => PartialDate::ymd(2023, month, day),
                },
                url: (i % 3 == 0).then(|| format!("https://example.org/news/{i}")),
                note: None,
                entries: vec![i + 1],
                fields: Default::default(),
            }
        })
        .collect()
}

fn bench_export(c: &mut Criterion) {
    let works = generated_works(100_000);
    let mut group = c.benchmark_group("export_100k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (name, format) in [
        ("bibtex", Format::Bibtex),
        ("biblatex", Format::Biblatex),
        ("csl-json", Format::CslJson),
        ("ris", Format::Ris),
        ("yaml", Format::Yaml),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(40 << 20);
                export::write_works(black_box(&works), format, &mut out, &Options::default())
                    .unwrap();
                out.len()
            })
        });
    }
    group.finish();
}

fn bench_cite(c: &mut Criterion) {
    let works = generated_works(10_000);
    let style = format::load_style("apa").unwrap();
    let mut group = c.benchmark_group("cite_10k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("apa", |b| {
        b.iter(|| {
            format::bibliography(black_box(&works), &style, None, Output::Text)
                .unwrap()
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_export, bench_cite);
criterion_main!(benches);
