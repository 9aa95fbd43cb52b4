//! `reftrace parse`: records as a table, JSON or YAML; with several articles or
//! `--out DIR`, one output file per article (or one JSON Lines file) and a summary.

use super::batch::{self, Article, BatchArgs, Outcome, Tally};
use super::output::Inputs;
use super::{InputArgs, ParseFormat, print_stdout, read, table};
use reftrace::{Parsed, Severity, Source};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// The JSON document `reftrace parse --format json` prints.
#[derive(Serialize)]
pub struct ParseReport<'a> {
    /// Name of the input.
    pub source: &'a str,
    /// The article and its list.
    #[serde(flatten)]
    pub parsed: &'a Parsed,
}

pub fn run(input: &InputArgs, many: &BatchArgs, format: ParseFormat) -> anyhow::Result<ExitCode> {
    if many.is_batch(&input.file) {
        return run_batch(input, many, format);
    }
    let source = read::load(input)?;
    let parsed = reftrace::parse(&source);
    let text = render(&source, &parsed, format)?;
    print_stdout(&text)?;
    for d in parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        eprint!("{}", reftrace::diag::render(d, &source));
    }
    Ok(if parsed.references.iter().any(|r| r.parsed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn render(source: &Source, parsed: &Parsed, format: ParseFormat) -> anyhow::Result<String> {
    let report = ParseReport {
        source: source.name(),
        parsed,
    };
    Ok(match format {
        ParseFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
        ParseFormat::Yaml => serde_yaml::to_string(&report)?,
        ParseFormat::Table => table::references(parsed),
        ParseFormat::Jsonl => serde_json::to_string(&report)? + "\n",
    })
}

/// Counts of one or more parsed articles.
#[derive(Debug, Default)]
struct ParseTally {
    articles: usize,
    references: usize,
    unparsed: usize,
}

impl Tally for ParseTally {
    fn add(&mut self, other: &Self) {
        self.articles += other.articles;
        self.references += other.references;
        self.unparsed += other.unparsed;
    }

    fn cells(&self) -> Vec<(&'static str, String)> {
        vec![
            ("articles", self.articles.to_string()),
            ("references", self.references.to_string()),
            ("unparsed", self.unparsed.to_string()),
        ]
    }
}

/// `reftrace parse DIR|FILES... --out DIR`: JSON or YAML per article, or one JSON
/// Lines file `parse.jsonl`; a summary table on standard error; exit 1 when any
/// article could not be read or has no parsed reference.
fn run_batch(input: &InputArgs, many: &BatchArgs, format: ParseFormat) -> anyhow::Result<ExitCode> {
    let Some(out) = &many.out else {
        anyhow::bail!("a directory or several articles need --out DIR for their outputs");
    };
    let extension = match format {
        ParseFormat::Json => "json",
        ParseFormat::Yaml => "yaml",
        ParseFormat::Jsonl => "jsonl",
        ParseFormat::Table => anyhow::bail!("--out needs --format json, jsonl or yaml"),
    };
    let mut paths = vec![input.file.clone()];
    paths.extend(many.more.iter().cloned());
    let articles = batch::collect(&paths);
    let inputs = Inputs::new(articles.iter().map(|a| a.path.as_path()));
    let outputs: Vec<PathBuf> = if extension == "jsonl" {
        vec![out.join("parse.jsonl")]
    } else {
        articles
            .iter()
            .map(|a| out.join(format!("{}.{extension}", a.stem.display())))
            .collect()
    };
    inputs.check_all(&outputs)?;
    let summary = batch::run(&articles, |article: &Article| {
        let loaded = read::load_path(&article.path, input)?;
        let parsed = reftrace::parse(&loaded.source);
        let text = render(&loaded.source, &parsed, format)?;
        let mut outcome = Outcome {
            tally: ParseTally {
                articles: 1,
                references: parsed.references.len(),
                unparsed: parsed.references.iter().filter(|r| !r.parsed).count(),
            },
            problem: None,
            warning: loaded.warning(),
            line: None,
        };
        if !parsed.references.iter().any(|r| r.parsed) {
            let why = parsed
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error);
            outcome.problem = Some(why.map_or_else(
                || "no reference could be parsed".into(),
                |d| d.message.clone(),
            ));
        }
        if extension == "jsonl" {
            outcome.line = Some(text);
        } else {
            let name = format!("{}.{extension}", article.stem.display());
            inputs.write(&out.join(name), text.as_bytes())?;
        }
        Ok(outcome)
    });
    if extension == "jsonl" {
        inputs.write(&out.join("parse.jsonl"), summary.lines.concat().as_bytes())?;
    }
    eprint!("{}", summary.table());
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
