//! Measures `academic::finder` on AnyStyle's labelled documents (`finder/*.ttx`, each
//! line `label | text`, a blank label continuing the one above): precision and recall of
//! `ref` lines per document and over all. Then the same for the front door, `reftrace
//! parse FILE` ([`reftrace::parse`]): a line counts as found when a record's entry holds
//! it, so a list the news splitter took for a few news-shaped lines, or a page break
//! that cut the list short, shows here. Its records per document are printed too. Exits
//! 1 when the front door's precision or recall over all documents is below 0.99.
//!
//! ```sh
//! cargo run --release --example academic_finder -- ../shared/academic/finder
//! ```
//! The finder has no trained part, so every document is held out.
use reftrace::Source;
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
    let mut door = [0usize; 3];
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
        let name = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
        let pred = finder::reference_lines(&text);
        let [t, f, n] = count(&gold, &pred, &text);
        println!(
            "{name}: {t} of {} ref lines found, {f} wrong: P {:.3} R {:.3}",
            t + n,
            t as f64 / (t + f).max(1) as f64,
            t as f64 / (t + n).max(1) as f64
        );
        tp += t;
        fp += f;
        fnn += n;
        let parsed = reftrace::parse(&Source::new(name, text.as_str()));
        let mut held = vec![false; gold.len()];
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for r in &parsed.references {
            let first = starts.partition_point(|s| *s <= r.span.start) - 1;
            let last = starts.partition_point(|s| *s < r.span.end.max(r.span.start + 1)) - 1;
            for h in held.iter_mut().take(last + 1).skip(first) {
                *h = true;
            }
        }
        let [t, f, n] = count(&gold, &held, &text);
        println!(
            "  parse: {} records hold {t} of {} ref lines and {f} other lines",
            parsed.references.len(),
            t + n
        );
        door[0] += t;
        door[1] += f;
        door[2] += n;
    }
    println!(
        "all {} documents: P {:.3} R {:.3} over {} ref lines",
        paths.len(),
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fnn).max(1) as f64,
        tp + fnn
    );
    let [t, f, n] = door;
    let (precision, recall) = (
        t as f64 / (t + f).max(1) as f64,
        t as f64 / (t + n).max(1) as f64,
    );
    println!("reftrace parse on the same documents: P {precision:.3} R {recall:.3}");
    if precision < 0.99 || recall < 0.99 {
        eprintln!("reftrace parse holds fewer than 99% of the reference lines, or 1% other lines");
        std::process::exit(1);
    }
    Ok(())
}

/// True positives, false positives and misses of `pred` against `gold`, over the
/// non-blank lines of `text`.
fn count(gold: &[bool], pred: &[bool], text: &str) -> [usize; 3] {
    let mut c = [0; 3];
    for ((g, p), line) in gold.iter().zip(pred).zip(text.lines()) {
        if line.trim().is_empty() {
            continue;
        }
        match (g, p) {
            (true, true) => c[0] += 1,
            (false, true) => c[1] += 1,
            (true, false) => c[2] += 1,
            _ => {}
        }
    }
    c
}
