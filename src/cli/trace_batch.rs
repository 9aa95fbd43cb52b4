//! `reftrace trace DIR|FILES... --out DIR`: one report per article (JSON, HTML,
//! Markdown, text or ClaimReview JSON-LD), one JSON Lines file `trace.jsonl`, or two
//! Parquet tables `links.parquet` and `records.parquet` (one row per claim–source link,
//! one per record: [`crate::rows`]), and a summary table on standard error.
//!
//! Each report is the document a single-file run prints for that article. An
//! article that cannot be read, or has no reference that could be parsed, is
//! reported and counted as an error; the batch goes on and exits 1. Unsupported
//! claims are counted in the summary but do not fail a batch.

use super::batch::{self, Article, Outcome, Tally};
use super::output::Inputs;
use super::read;
use super::trace::{TraceArgs, TraceFormat, render};
#[cfg(feature = "parquet")]
use crate::rows::{LinkRow, RecordRow};
use crate::trace::Status;
use std::path::PathBuf;
use std::process::ExitCode;

/// Counts of one or more traced articles.
#[derive(Debug, Default)]
struct TraceTally {
    articles: usize,
    references: usize,
    claims: usize,
    supported: usize,
    unsupported: usize,
}

impl Tally for TraceTally {
    fn add(&mut self, other: &Self) {
        self.articles += other.articles;
        self.references += other.references;
        self.claims += other.claims;
        self.supported += other.supported;
        self.unsupported += other.unsupported;
    }

    fn cells(&self) -> Vec<(&'static str, String)> {
        let share = if self.claims == 0 {
            "-".to_string()
        } else {
            format!("{:.1}%", 100.0 * self.supported as f64 / self.claims as f64)
        };
        vec![
            ("articles", self.articles.to_string()),
            ("references", self.references.to_string()),
            ("claims", self.claims.to_string()),
            ("supported", share),
            ("unsupported", self.unsupported.to_string()),
        ]
    }
}

/// The file extension of one article's report, or `None` for the combined files
/// (JSON Lines, Parquet).
fn extension(format: TraceFormat) -> Option<&'static str> {
    match format {
        TraceFormat::Json => Some("json"),
        TraceFormat::Text => Some("txt"),
        TraceFormat::Markdown => Some("md"),
        TraceFormat::Html => Some("html"),
        TraceFormat::Claimreview => Some("jsonld"),
        TraceFormat::Jsonl => None,
        #[cfg(feature = "parquet")]
        TraceFormat::Parquet => None,
    }
}

/// The combined files of a format with no file per article.
fn combined(format: TraceFormat) -> &'static [&'static str] {
    match format {
        #[cfg(feature = "parquet")]
        TraceFormat::Parquet => &["links.parquet", "records.parquet"],
        _ => &["trace.jsonl"],
    }
}

/// The rows of the articles of a Parquet batch, by the article's place in the batch.
#[cfg(feature = "parquet")]
type Tables = std::sync::Mutex<Vec<(usize, Vec<LinkRow>, Vec<RecordRow>)>>;

pub fn run(args: &TraceArgs) -> anyhow::Result<ExitCode> {
    let Some(out) = &args.batch.out else {
        anyhow::bail!("a directory or several articles need --out DIR for their reports");
    };
    if args.output.is_some() {
        anyhow::bail!("--output names one report; several articles need --out DIR");
    }
    let input = &args.input;
    let ext = extension(args.format);
    let mut paths = vec![input.file.clone()];
    paths.extend(args.batch.more.iter().cloned());
    let articles = batch::collect(&paths);
    let inputs = Inputs::new(articles.iter().map(|a| a.path.as_path()));
    let outputs: Vec<PathBuf> = match ext {
        Some(ext) => articles
            .iter()
            .map(|a| out.join(format!("{}.{ext}", a.stem.display())))
            .collect(),
        None => combined(args.format).iter().map(|f| out.join(f)).collect(),
    };
    inputs.check_all(&outputs)?;
    #[cfg(feature = "parquet")]
    let tables = Tables::default();
    #[cfg(feature = "parquet")]
    let place_of: std::collections::HashMap<&PathBuf, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.stem, i))
        .collect();
    let summary = batch::run(&articles, |article: &Article| {
        let loaded = read::load_path(&article.path, input)?;
        let (text, parsed, traced) = render(args, &loaded.source)?;
        let mut outcome = Outcome {
            tally: TraceTally {
                articles: 1,
                references: parsed.references.len(),
                claims: traced.claims.len(),
                supported: traced.count(Status::Supported),
                unsupported: traced.count(Status::Unsupported),
            },
            problem: None,
            warning: loaded.warning(),
            line: None,
        };
        if !parsed.references.iter().any(|r| r.parsed) {
            let why = parsed
                .diagnostics
                .iter()
                .find(|d| d.severity == crate::Severity::Error);
            outcome.problem = Some(why.map_or_else(
                || "no reference could be parsed".into(),
                |d| d.message.clone(),
            ));
        }
        match ext {
            Some(ext) => {
                let name = format!("{}.{ext}", article.stem.display());
                inputs.write(&out.join(name), text.as_bytes())?;
            }
            #[cfg(feature = "parquet")]
            None if matches!(args.format, TraceFormat::Parquet) => {
                let name = article.stem.display().to_string();
                let place = place_of.get(&article.stem).copied().unwrap_or(0);
                let links = crate::rows::link_rows(&name, &traced);
                let records = crate::rows::record_rows(&name, &parsed, &traced);
                let mut tables = tables.lock().unwrap_or_else(|e| e.into_inner());
                tables.push((place, links, records));
            }
            None => outcome.line = Some(text),
        }
        Ok(outcome)
    });
    #[cfg(feature = "parquet")]
    let parquet = matches!(args.format, TraceFormat::Parquet);
    #[cfg(not(feature = "parquet"))]
    let parquet = false;
    #[cfg(feature = "parquet")]
    if parquet {
        let mut tables = tables.into_inner().unwrap_or_else(|e| e.into_inner());
        tables.sort_by_key(|t| t.0);
        let (mut links, mut records) = (Vec::<LinkRow>::new(), Vec::<RecordRow>::new());
        for (_, l, r) in tables {
            links.extend(l);
            records.extend(r);
        }
        let links = super::parquet::to_parquet(&super::parquet::link_batch(&links)?)?;
        let records = super::parquet::to_parquet(&super::parquet::record_batch(&records)?)?;
        inputs.write(&outputs[0], &links)?;
        inputs.write(&outputs[1], &records)?;
    }
    if ext.is_none() && !parquet {
        inputs.write(&outputs[0], summary.lines.concat().as_bytes())?;
    }
    eprint!("{}", summary.table());
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
