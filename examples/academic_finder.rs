//! Measures `academic::finder` on AnyStyle's labelled documents (`finder/*.ttx`, each
//! line `label | text`, a blank label continuing the one above): precision and recall of
//! `ref` lines per document and over all.
//!
//! ```sh
//! cargo run --release --example academic_finder -- ../shared/academic/finder
//! ```
//! The finder has no trained part, so every document is held out.
use reftrace::academic::finder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/academic/finder".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ttx"))
        .collect();
    paths.sort();
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for p in &paths {
        let raw = std::fs::read_to_string(p)?;
        let mut gold = Vec::new();
        let mut text = String::new();
        let mut cur = String::new();
        for line in raw.lines() {
            let (label, body) = line.split_once('|').unwrap_or((line, ""));
            let label = label.trim();
            if !label.is_empty() {
                cur = label.to_string();
            }
            gold.push(cur == "ref");
            text.push_str(body.strip_prefix(' ').unwrap_or(body));
            text.push('\n');
        }
        let pred = finder::reference_lines(&text);
        let (mut t, mut f, mut n) = (0, 0, 0);
        for (g, p) in gold.iter().zip(&pred) {
            match (g, p) {
                (true, true) => t += 1,
                (false, true) => f += 1,
                (true, false) => n += 1,
                _ => {}
            }
        }
        println!(
            "{}: {t} of {} ref lines found, {f} wrong: P {:.3} R {:.3}",
            p.file_name().and_then(|s| s.to_str()).unwrap_or(""),
            t + n,
            t as f64 / (t + f).max(1) as f64,
            t as f64 / (t + n).max(1) as f64
        );
        tp += t;
        fp += f;
        fnn += n;
    }
    println!(
        "all {} documents: P {:.3} R {:.3} over {} ref lines",
        paths.len(),
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fnn).max(1) as f64,
        tp + fnn
    );
    Ok(())
}
