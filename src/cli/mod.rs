//! Command-line arguments (clap derive) and dispatch to one module per subcommand.
//!
//! Exit codes: 0 ok, 1 problems found in the input, 2 usage or I/O errors.

mod annotate;
mod batch;
mod check;
mod chunked;
mod cite;
mod export;
mod export_batch;
mod library;
mod output;
#[cfg(feature = "parquet")]
mod parquet;
mod parse;
mod read;
mod table;
mod trace;
mod trace_batch;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Reads informal reference lists of news-analysis articles into structured records.
#[derive(Debug, Parser)]
#[command(name = "reftrace", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the commands that read an article.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// The article: a text, Markdown or HTML file, or `-` for standard input.
    pub file: PathBuf,
    /// Read invalid UTF-8 with replacement characters instead of refusing it.
    #[arg(long)]
    pub lossy: bool,
    /// How the article is written [default: from the file's extension or content].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<read::InputFormat>,
    /// The input is a reference list alone (one entry per line or wrapped entry), with
    /// no article around it.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse the article's reference list into records.
    #[command(after_help = "Examples:
  reftrace parse refs/musings-2023-11-22-us-retaliates.txt
  reftrace parse article.txt --format json > records.json
  cat article.txt | reftrace parse - --format yaml
  reftrace parse saved-post.html --input-format html
  reftrace parse articles/ more.md --out parsed/ --format jsonl")]
    Parse {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        batch: batch::BatchArgs,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ParseFormat::Table)]
        format: ParseFormat,
        /// Indent `--format json` for reading (the default when standard output is a
        /// terminal; written to a file or a pipe, it is compact).
        #[arg(long)]
        pretty: bool,
    },
    /// Show every repair and problem in the reference list (exit 1 on errors).
    #[command(after_help = "Examples:
  reftrace check refs/musings-2023-11-22-us-retaliates.txt
  reftrace check article.txt --quiet && echo clean")]
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// Print only the summary line.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Export the records as BibTeX, BibLaTeX, CSL-JSON, RIS or Hayagriva YAML.
    #[command(after_help = "Examples:
  reftrace export article.txt --to biblatex -o refs.bib
  reftrace export article.txt --to bibtex --ascii > refs.bib
  reftrace export article.txt --to csl-json | pandoc --citeproc ...
  reftrace export articles/ more.md --to biblatex -o all.bib")]
    Export(export::ExportArgs),
    /// Print a formatted bibliography in a CSL style (APA by default).
    #[command(after_help = "Examples:
  reftrace cite article.txt --style chicago-author-date
  reftrace cite article.txt --style my-style.csl --format html
  reftrace cite --list-styles")]
    Cite(cite::CiteArgs),
    /// Trace each claim of the article to the references that support it.
    #[command(after_help = "Examples:
  reftrace trace refs/musings-2023-11-22-us-retaliates.txt
  reftrace trace article.txt --format json > trace.json
  reftrace trace article.txt --format markdown --min-confidence 0.5
  reftrace trace article.txt --format claimreview > claims.jsonld
  reftrace trace articles/ --out reports/ --format json
  reftrace trace articles/ --out tables/ --format parquet")]
    Trace(trace::TraceArgs),
    /// Write the article as pandoc Markdown citing its sources, with its bibliography.
    #[command(after_help = "Examples:
  reftrace annotate article.txt -o article.md
  reftrace annotate article.txt -o article.md --bib-format biblatex
  pandoc --citeproc article.md -s -o article.html   (run where article.md is)")]
    Annotate(annotate::AnnotateArgs),
    /// A persistent, searchable library of works across articles and imports (SQLite).
    #[command(
        alias = "lib",
        after_help = "Examples:
  reftrace library add refs/musings-2023-11-22-us-retaliates.txt --collection iraq
  reftrace library import my.bib zotero.ris
  reftrace library search author:knights year:2023 outlet:reuters
  reftrace library export --collection iraq --to biblatex -o iraq.bib
  reftrace library claims --source 12"
    )]
    Library(library::LibraryArgs),
}

/// Output formats of `reftrace parse`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ParseFormat {
    /// A table for people.
    Table,
    /// JSON for scripts (the documented contract).
    Json,
    /// The same data as YAML.
    Yaml,
    /// JSON Lines: for one article, the article, then one line per record, then the
    /// list-wide diagnostics; with `--out DIR`, one line per article.
    Jsonl,
}

/// Parses arguments and runs the command.
pub fn run() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match args.command {
        Command::Parse {
            input,
            batch,
            format,
            pretty,
        } => parse::run(&input, &batch, format, pretty),
        Command::Check { input, quiet } => check::run(&input, quiet),
        Command::Export(args) => export::run(&args),
        Command::Cite(args) => cite::run(&args),
        Command::Trace(args) => trace::run(&args),
        Command::Annotate(args) => annotate::run(&args),
        Command::Library(args) => library::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("reftrace: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// The error that leaves a command nothing to work on: an empty input (A001), no
/// reference list (A002), or a list with nothing readable (A003). Commands print it and
/// exit 1 instead of giving an empty result.
pub fn fatal_diagnostic(parsed: &crate::Parsed) -> Option<&crate::Diagnostic> {
    use crate::Code;
    parsed.diagnostics.iter().find(|d| {
        matches!(
            d.code,
            Code::EmptyInput | Code::NoReferenceSection | Code::NothingParseable
        )
    })
}

/// Writes to standard output, treating a closed pipe as success.
pub fn print_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
