//! Fits the trace model and writes `data/trace-weights.json`.
//!
//! ```text
//! cargo run --release --example fit_trace                      # the shipped weights
//! cargo run --release --example fit_trace -- -o my-weights.json ARTICLE.txt ...
//! ```
//!
//! With no articles named, it fits on the development set without the sample article
//! (the 16 documents of `../shared/realdata/` and the two made-up articles in
//! `tests/data/`), so that the sample stays a held-out check in `tests/trace_gold.rs`.
//! Each article `NAME.txt` needs its gold `NAME.claims.json` beside it: every sentence
//! with `byte_start`, `byte_end`, `core` (the 1-based entries that support it) and
//! `plausible` (entries not wrong to link) — the format of `refs/*.claims.json`.

use reftrace::trace::eval::Gold;
use reftrace::trace::fit;
use reftrace::trace::{Options, model::Model};
use reftrace::{Source, parse};
use std::path::{Path, PathBuf};

fn default_set() -> Vec<PathBuf> {
    let shared = std::env::var_os("REFTRACE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let mut out: Vec<PathBuf> = std::fs::read_dir(shared.join("realdata"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.extend(reftrace::trace::fit::family_articles(Path::new(
        "tests/data",
    )));
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut output = PathBuf::from("data/trace-weights.json");
    if let Some(i) = args.iter().position(|a| a == "-o") {
        output = PathBuf::from(args.get(i + 1).ok_or("-o needs a file")?);
        args.drain(i..=i + 1);
    }
    let articles: Vec<PathBuf> = if args.is_empty() {
        default_set()
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let options = Options::default();
    let mut sets = Vec::new();
    let mut names = Vec::new();
    for a in &articles {
        let gold_path = a.with_extension("claims.json");
        let text = std::fs::read_to_string(a).map_err(|e| format!("{}: {e}", a.display()))?;
        let gold: Gold = serde_json::from_str(
            &std::fs::read_to_string(&gold_path)
                .map_err(|e| format!("{}: {e}", gold_path.display()))?,
        )?;
        let source = Source::new(a.to_string_lossy().as_ref(), text);
        let parsed = parse(&source);
        sets.push(fit::dataset(&source, &parsed, &gold, &options));
        names.push(
            a.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string(),
        );
    }
    let refs: Vec<&fit::Dataset> = sets.iter().collect();
    let model: Model = fit::fit(&refs, &options);
    let command = if args.is_empty() {
        "cargo run --release --example fit_trace".to_string()
    } else {
        format!(
            "cargo run --release --example fit_trace -- {}",
            args.join(" ")
        )
    };
    let note = "Fitted on the gold claims of the articles named (../shared/realdata: CRS reports, \
                U.S. government works; parts of the English Wikipedia article United Kingdom, \
                CC BY-SA, Wikipedia contributors; tests/data: made up for this project). Only \
                these numbers are derived from them; no text is copied.";
    let file = model.to_file(&command, names, note);
    let json = serde_json::to_string_pretty(&file)? + "\n";
    let tmp = output.with_extension("json.tmp");
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, &output)?;
    eprintln!("wrote {} ({} articles)", output.display(), articles.len());
    Ok(())
}
