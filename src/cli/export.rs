//! `reftrace export`: records as BibTeX, BibLaTeX, CSL-JSON, RIS or Hayagriva YAML.

use super::output::Inputs;
use super::{InputArgs, print_stdout, read};
use crate::Severity;
use crate::export::{self, Format, Options};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// The `--to` values of `reftrace export`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Classic BibTeX.
    Bibtex,
    /// BibLaTeX (for biber).
    Biblatex,
    /// CSL-JSON (pandoc, Zotero, citation-js).
    CslJson,
    /// RIS (Zotero, EndNote).
    Ris,
    /// Hayagriva YAML (Typst).
    Yaml,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Bibtex => Format::Bibtex,
            ExportFormat::Biblatex => Format::Biblatex,
            ExportFormat::CslJson => Format::CslJson,
            ExportFormat::Ris => Format::Ris,
            ExportFormat::Yaml => Format::Yaml,
        }
    }
}

/// Arguments of `reftrace export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// More articles or directories of articles: all are exported as one
    /// bibliography, probable duplicates across articles merged.
    #[arg(value_name = "MORE")]
    pub more: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 't', value_enum)]
    pub to: ExportFormat,
    /// Write to this file (atomically: a temporary file, then a rename) instead of
    /// standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// BibTeX/BibLaTeX: write non-ASCII letters as LaTeX accent commands.
    #[arg(long)]
    pub ascii: bool,
    /// Keep probable duplicates as separate records instead of merging them.
    #[arg(long)]
    pub keep_duplicates: bool,
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    if !args.more.is_empty() || args.input.file.is_dir() {
        return super::export_batch::run(args);
    }
    let inputs = Inputs::new([args.input.file.as_path()]);
    if let Some(path) = &args.output {
        inputs.check(path)?;
    }
    let source = read::load(&args.input)?;
    let parsed = crate::parse(&source);
    let options = Options {
        ascii: args.ascii,
        keep_duplicates: args.keep_duplicates,
    };
    let text = export::to_string(&parsed.references, args.to.into(), &options)?;
    match &args.output {
        Some(path) => inputs.write(path, text.as_bytes())?,
        None => print_stdout(&text)?,
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
