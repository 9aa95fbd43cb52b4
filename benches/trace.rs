//! Tracing speed: the seed article, and a synthetic article of 1,000 claims against
//! 10,000 references, whose candidate index must keep the pairs scored far below
//! claims × references.
//!
//! Run with `cargo bench --bench trace`. The synthetic case prints how many pairs the
//! index let through.

use criterion::{Criterion, criterion_group, criterion_main};
use reftrace::trace::{Options, trace};
use reftrace::{Source, parse};
use std::fmt::Write as _;
use std::hint::black_box;

const SEED: &str = include_str!("../refs/musings-2023-11-22-us-retaliates.txt");

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

const PLACES: &[&str] = &[
    "Erbil",
    "Mosul",
    "Kirkuk",
    "Ramadi",
    "Fallujah",
    "Basra",
    "Najaf",
    "Karbala",
    "Tikrit",
    "Samarra",
    "Baqubah",
    "Hit",
    "Qaim",
    "Sinjar",
    "Dohuk",
    "Sulaymaniyah",
    "Aleppo",
    "Homs",
    "Deir ez-Zor",
    "Raqqa",
    "Idlib",
    "Hasakah",
    "Sanaa",
    "Aden",
    "Marib",
    "Hodeidah",
    "Taiz",
];
const WEAPONS: &[&str] = &["drone", "rocket", "mortar", "missile", "IED", "airstrike"];
const VERBS: &[&str] = &["targets", "hits", "strikes", "attacks", "shells"];
const OBJECTS: &[&str] = &[
    "base",
    "convoy",
    "patrol",
    "airport",
    "checkpoint",
    "camp",
    "embassy",
];
const OUTLETS: &[&str] = &[
    "Reuters",
    "Rudaw",
    "Shafaq News",
    "Xinhua",
    "Al Monitor",
    "NINA",
    "Kurdistan 24",
];

/// An article with `claims` sentences and `refs` reference entries.
fn synthetic(claims: usize, refs: usize) -> String {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut text =
        String::from("Wednesday, November 22, 2023\n\nA synthetic report on attacks\n\n");
    for i in 0..claims {
        let day = 1 + rng.next() % 20;
        let _ = write!(
            text,
            "On November {day} a {} {} a {} near {} wounding {} people. ",
            rng.pick(WEAPONS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(PLACES),
            1 + rng.next() % 9
        );
        if i % 8 == 7 {
            text.push_str("\n\n");
        }
    }
    text.push_str("\n\n\n");
    for _ in 0..refs {
        let _ = write!(
            text,
            "{}, \"{} {} {} in {} province near {}\", 11/{}/23\n\n\n",
            rng.pick(OUTLETS),
            rng.pick(WEAPONS),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(PLACES),
            rng.pick(PLACES),
            1 + rng.next() % 21
        );
    }
    text
}

fn bench_trace(c: &mut Criterion) {
    let source = Source::new("seed", SEED);
    let parsed = parse(&source);
    let options = Options::default();
    c.bench_function("trace seed article (28 claims x 35 references)", |b| {
        b.iter(|| trace(black_box(&source), black_box(&parsed), &options))
    });

    let source = Source::new("synthetic", synthetic(1_000, 10_000));
    let parsed = parse(&source);
    let result = trace(&source, &parsed, &options);
    let all_pairs = result.claims.len() * parsed.references.len();
    println!(
        "synthetic: {} claims x {} references; pairs scored {} of {} ({:.1}%)",
        result.claims.len(),
        parsed.references.len(),
        result.pairs_scored,
        all_pairs,
        100.0 * result.pairs_scored as f64 / all_pairs.max(1) as f64
    );
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.bench_function("trace 1000 claims x 10000 references", |b| {
        b.iter(|| trace(black_box(&source), black_box(&parsed), &options))
    });
    group.finish();
}

criterion_group!(benches, bench_trace);
criterion_main!(benches);
