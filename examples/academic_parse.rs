//! Parses a pasted academic reference list (one entry per line or wrapped entries) with
//! the shipped model and prints the records as JSON in the shape the scorer reads:
//!
//! ```sh
//! python3 ../shared/eval/score_academic.py lines ../shared/academic/core.xml > core.txt
//! cargo run --release --example academic_parse -- core.txt > core.json
//! python3 ../shared/eval/score_academic.py score ../shared/academic/core.xml core.json
//! ```
//!
//! With `--lines`, every non-blank line is one entry (no joining of wrapped lines).
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lines = args.iter().any(|a| a == "--lines");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: academic_parse [--lines] FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path)?;
    let model = reftrace::academic::shipped();
    let t0 = Instant::now();
    let refs = if lines {
        reftrace::academic::parse_lines_with(model, &text)
    } else {
        reftrace::academic::parse_list_with(model, &text)
    };
    let dt = t0.elapsed().as_secs_f64();
    eprintln!(
        "{} references in {dt:.3}s ({:.0}/s)",
        refs.len(),
        refs.len() as f64 / dt
    );
    println!("{}", serde_json::json!({ "references": refs }));
    Ok(())
}
