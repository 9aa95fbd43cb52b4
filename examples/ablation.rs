//! Prints the ablation table of `reftrace trace` on an article with a gold claims file:
//! words only, each signal added to words, the full model, and the full model with
//! each signal removed.
//!
//! ```text
//! cargo run --release --example ablation -- refs/ARTICLE.txt refs/ARTICLE.claims.json
//! ```
//! With `--problems`, also lists the claims the full model gets wrong.

use reftrace::trace::eval::{self, Gold};
use reftrace::trace::{Options, Signal, Signals, trace};
use reftrace::{Source, parse};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(article), Some(gold)) = (args.first(), args.get(1)) else {
        eprintln!("usage: ablation ARTICLE.txt GOLD.claims.json [--problems]");
        std::process::exit(2);
    };
    let source = Source::new(article.as_str(), std::fs::read_to_string(article)?);
    let gold: Gold = serde_json::from_str(&std::fs::read_to_string(gold)?)?;
    let parsed = parse(&source);
    let run = |signals: Signals| {
        let options = Options {
            signals,
            ..Options::default()
        };
        eval::score(&gold, &trace(&source, &parsed, &options))
    };
    println!("| model | P@1 | core recall | link precision | quiet |");
    println!("|---|---|---|---|---|");
    let row = |name: &str, signals: Signals| {
        let (m, _) = run(signals);
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} |",
            m.p_at_1, m.core_recall, m.precision, m.quiet
        );
    };
    row("words only", Signals::only(&[Signal::Words]));
    for s in Signal::ALL.iter().skip(1) {
        row(
            &format!("words + {}", s.name()),
            Signals::only(&[Signal::Words, *s]),
        );
    }
    row("**full model**", Signals::all());
    for s in Signal::ALL {
        row(&format!("full − {}", s.name()), Signals::without(s));
    }
    if let Some(pos) = args.iter().position(|a| a == "--claim") {
        let wanted: usize = args.get(pos + 1).and_then(|s| s.parse().ok()).unwrap_or(1);
        let t = trace(
            &source,
            &parsed,
            &Options {
                min_confidence: 0.0,
                ..Options::default()
            },
        );
        if let Some(c) = t.claims.iter().find(|c| c.index == wanted) {
            println!("{} [{:?}] {}", c.index, c.status, c.text);
            for l in &c.sources {
                println!(
                    "  #{} {:.3} {:?} {:?}",
                    l.index, l.score, l.evidence, l.conflicts
                );
            }
        }
    }
    if args.iter().any(|a| a == "--dump") {
        let t = trace(
            &source,
            &parsed,
            &Options {
                min_confidence: 0.0,
                ..Options::default()
            },
        );
        for (g, c) in gold.claims.iter().zip(&t.claims) {
            let marks: Vec<String> = c
                .sources
                .iter()
                .map(|l| {
                    let m = if g.core.contains(&l.index) {
                        "C"
                    } else if g.plausible.contains(&l.index) {
                        "p"
                    } else {
                        "W"
                    };
                    format!("{}{}:{:.2}", m, l.index, l.score)
                })
                .collect();
            println!("{:>2} {:?} {}", c.index, c.kind, marks.join(" "));
        }
    }
    if args.iter().any(|a| a == "--problems") {
        let (m, problems) = run(Signals::all());
        for p in problems {
            println!("  {p}");
        }
        println!(
            "unmatched claims: {}, kind accuracy {:.2}",
            m.unmatched, m.kind_accuracy
        );
    }
    Ok(())
}
