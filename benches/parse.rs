//! Parsing speed: the seed's reference list repeated to 100,000 entries.
//!
//! Run with `cargo bench --bench parse`; criterion prints time and MB/s, and the
//! entries per second follow from the entry count in the benchmark's name. Three
//! groups: `parse` (the records collected, in process), `stream` (each record made and
//! serialized into a sink, as `reftrace parse --format json|jsonl` does, in process),
//! and `end_to_end` (the `reftrace` binary writing its output to a file). Peak memory
//! is measured by `tests/parse_memory.rs` and `scripts/bench_e2e.sh`.
//!
//! The benchmark runs with mimalloc as the global allocator, as the `reftrace`
//! binary does: a parse makes several small strings per entry (the owned records),
//! and the system allocator would dominate what is measured.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reftrace::{Source, parse, parse_stream};
use std::hint::black_box;
use std::io::Write;
use std::process::Command;

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

/// Each record made and written into a sink as a JSON line, as `reftrace parse --format
/// jsonl` writes it.
fn bench_stream(c: &mut Criterion) {
    let (text, entries) = long_list(100_000);
    let source = Source::new("bench", text);
    let mut group = c.benchmark_group("stream");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(source.text().len() as u64));
    group.bench_function(format!("{entries}_entries_jsonl"), |b| {
        b.iter(|| {
            let stream = parse_stream(black_box(&source));
            let mut sink = std::io::sink();
            serde_json::to_writer(&mut sink, &stream.article).unwrap();
            // Records are written into a buffer handed on a megabyte at a time, as the CLI does.
            let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
            for r in stream.list.records(&source, &stream.article) {
                buf.extend_from_slice(b"{\"type\":\"reference\",");
                reftrace::refs::json::write_members(&mut buf, &r);
                buf.extend_from_slice(b"}\n");
                if buf.len() >= 1 << 20 {
                    sink.write_all(&buf).unwrap();
                    buf.clear();
                }
            }
            sink.write_all(&buf).unwrap();
        })
    });
    group.finish();
}

/// The release binary, its output in a file: `reftrace parse big.txt --format F`.
fn bench_end_to_end(c: &mut Criterion) {
    let (text, entries) = long_list(100_000);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.txt");
    std::fs::write(&input, &text).unwrap();
    let mut group = c.benchmark_group("end_to_end");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    for format in ["json", "jsonl"] {
        group.bench_function(format!("{entries}_entries_{format}"), |b| {
            b.iter(|| {
                let out = std::fs::File::create(dir.path().join("out")).unwrap();
                let status = Command::new(env!("CARGO_BIN_EXE_reftrace"))
                    .args(["parse", input.to_str().unwrap(), "--format", format])
                    .stdout(out)
                    .status()
                    .unwrap();
                assert!(status.success());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_parse, bench_stream, bench_end_to_end);
criterion_main!(benches);
