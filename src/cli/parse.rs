//! `reftrace parse`: records as a table, JSON, JSON Lines or YAML; with several
//! articles or `--out DIR`, one output file per article (or one JSON Lines file) and a
//! summary.
//!
//! For one article, JSON and JSON Lines are serialized straight into a buffered
//! standard output, record by record, never built as one string: a list of 100,000
//! entries writes 100–160 MB of JSON, which would otherwise sit in memory beside the
//! records. `--format jsonl` gives one line per record (see [`write_jsonl`]).

use super::batch::{self, Article, BatchArgs, Outcome, Tally};
use super::output::Inputs;
use super::{InputArgs, ParseFormat, print_stdout, read, table};
use crate::refs::date::DateOrder;
use crate::{Diagnostic, Parsed, Reference, Severity, Source};
use serde::Serialize;
use std::io::{BufWriter, Write};
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
    let parsed = crate::parse(&source);
    match format {
        ParseFormat::Table => print_stdout(&table::references(&parsed))?,
        ParseFormat::Yaml => print_stdout(&render(&source, &parsed, format)?)?,
        ParseFormat::Json => stream_stdout(|out| write_json(out, &source, &parsed))?,
        ParseFormat::Jsonl => stream_stdout(|out| write_jsonl(out, &source, &parsed))?,
    }
    for d in parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        eprint!("{}", crate::diag::render(d, &source));
    }
    Ok(if parsed.references.iter().any(|r| r.parsed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One line of `reftrace parse --format jsonl`: the article first, then one line per
/// record, then the list-wide diagnostics. Each line says what it is in `type`.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum JsonLine<'a> {
    /// The first line: the input's name, the article's parts and the date order.
    Article {
        source: &'a str,
        article: &'a crate::Article,
        date_order: Option<DateOrder>,
        /// How many `reference` lines follow.
        references: usize,
    },
    /// One record, with the fields of `references[i]` in `--format json`.
    Reference(&'a Reference),
    /// The last line: diagnostics about the article or the list as a whole.
    End { diagnostics: &'a [Diagnostic] },
}

/// Writes the article, each record and the list-wide diagnostics as JSON Lines, one
/// compact JSON object per line, each serialized straight into `out`.
fn write_jsonl(out: &mut impl Write, source: &Source, parsed: &Parsed) -> serde_json::Result<()> {
    let mut line = |value: &JsonLine<'_>| -> serde_json::Result<()> {
        serde_json::to_writer(&mut *out, value)?;
        out.write_all(b"\n").map_err(serde_json::Error::io)
    };
    line(&JsonLine::Article {
        source: source.name(),
        article: &parsed.article,
        date_order: parsed.date_order,
        references: parsed.references.len(),
    })?;
    for r in &parsed.references {
        line(&JsonLine::Reference(r))?;
    }
    line(&JsonLine::End {
        diagnostics: &parsed.diagnostics,
    })
}

/// Writes the one-object JSON report (the README's contract), pretty-printed, straight
/// into `out`.
fn write_json(out: &mut impl Write, source: &Source, parsed: &Parsed) -> serde_json::Result<()> {
    let report = ParseReport {
        source: source.name(),
        parsed,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

/// Runs `write` on a buffered standard output and flushes it; a reader that closed the
/// pipe early (`| head`) is not an error.
fn stream_stdout(
    write: impl FnOnce(&mut BufWriter<std::io::StdoutLock<'static>>) -> serde_json::Result<()>,
) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let result = write(&mut out)
        .map_err(std::io::Error::from)
        .and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The report of one article of a batch, whole: each is one file or one line.
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
        let parsed = crate::parse(&loaded.source);
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
