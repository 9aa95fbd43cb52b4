//! Times the parser's phases separately on one article (for profiling), in CPU time
//! of this thread (`/proc/thread-self/schedstat`, so a loaded machine counts less),
//! best of five runs.
//!
//! `cargo run --release --example parse_phases -- article.txt`

use reftrace::{Source, article, refs};
use std::hint::black_box;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time of this thread so far, in seconds (wall time where schedstat is missing).
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(
            || {
                let t = std::time::SystemTime::now();
                t.duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_secs_f64()
            },
            |ns| ns / 1e9,
        )
}

/// Best CPU time of five runs of `f`.
fn best<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..5)
        .map(|_| {
            let t = cpu();
            black_box(f());
            cpu() - t
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: parse_phases FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let mb = text.len() as f64 / 1e6;
    let source = Source::new(path.clone(), text.clone());
    let art = article::split(&source);
    let section = art.references.as_ref().ok_or("no reference list")?;
    let phases: Vec<(&str, f64)> = vec![
        ("Source::new", best(|| Source::new("x", text.clone()))),
        ("article::split", best(|| article::split(&source))),
        ("plan", best(|| refs::plan(&source, section, art.date))),
        (
            "plan + records",
            best(|| {
                let plan = refs::plan(&source, section, art.date);
                plan.records(&source, &section.entries).count()
            }),
        ),
        ("parse (collected)", best(|| reftrace::parse(&source))),
        (
            "parse_stream + records to JSON Lines (sink)",
            best(|| {
                let stream = reftrace::parse_stream(&source);
                let mut out = std::io::BufWriter::new(std::io::sink());
                for r in stream.list.records(&source, &stream.article) {
                    serde_json::to_writer(&mut out, &r).unwrap();
                }
            }),
        ),
    ];
    for (name, s) in phases {
        println!("{name:45} {:7.1} ms {:7.1} MB/s", s * 1e3, mb / s);
    }
    Ok(())
}
