//! Parsing speed: the seed's reference list repeated to 100,000 entries.
//!
//! Run with `cargo bench --bench parse`; criterion prints time and MB/s, and the
//! entries per second follow from the entry count in the benchmark's name.
//!
//! The benchmark runs with mimalloc as the global allocator, as the `reftrace`
//! binary does: a parse makes several small strings per entry (the owned records),
//! and the system allocator would dominate what is measured.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reftrace::{Source, parse};
use std::hint::black_box;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: &str = include_str!("../refs/musings-2023-11-22-us-retaliates.txt");

/// The seed's header and body, then its reference lines repeated to `entries` entries.
fn long_list(entries: usize) -> (String, usize) {
    let lines: Vec<&str> = SEED.lines().collect();
    let (start, end) = (23, 113); // the list's lines in the seed, 0-based, end exclusive
    let head = lines[..start].join("\n");
    let list = lines[start..end].join("\n");
    let per_copy = 35;
    let copies = entries.div_ceil(per_copy);
    let mut text = String::with_capacity(head.len() + copies * (list.len() + 2));
    text.push_str(&head);
    text.push('\n');
    for _ in 0..copies {
        text.push_str(&list);
        text.push_str("\n\n");
    }
    (text, copies * per_copy)
}

fn bench_parse(c: &mut Criterion) {
    let (text, entries) = long_list(100_000);
    let source = Source::new("bench", text);
    assert_eq!(parse(&source).references.len(), entries);
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(source.text().len() as u64));
    group.bench_function(format!("{entries}_entries"), |b| {
        b.iter(|| black_box(parse(black_box(&source))))
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
