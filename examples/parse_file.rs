//! Parses one article and prints how many records and diagnostics it gave: a small
//! program for timing and profiling the parser on large inputs.
//!
//! `cargo run --release --example parse_file -- article.txt`

use reftrace::{Source, parse};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: parse_file FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let bytes = text.len();
    let start = std::time::Instant::now();
    let parsed = parse(&Source::new(path, text));
    let elapsed = start.elapsed();
    println!(
        "{} records, {} diagnostics, {:.1} ms, {:.1} MB/s",
        parsed.references.len(),
        parsed.all_diagnostics().count(),
        elapsed.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / elapsed.as_secs_f64()
    );
    Ok(())
}
