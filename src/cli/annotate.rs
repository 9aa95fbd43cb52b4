//! `reftrace annotate`: the article as pandoc Markdown with a citation after every
//! supported claim, and its bibliography written next to it.
//!
//! Exit code 1 when no reference could be parsed (the document then cites nothing).

use super::output::Inputs;
use super::{InputArgs, read};
use crate::report::annotated::{self, BibFormat};
use crate::trace::{Options, Status};
use anyhow::Context as _;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `reftrace annotate`.
#[derive(Debug, clap::Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write the Markdown to this file; the bibliography goes next to it, with the
    /// same name and the format's extension (`article.md` → `article.json`).
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// The bibliography's format.
    #[arg(long, value_enum, default_value_t = BibFormatArg::CslJson)]
    bib_format: BibFormatArg,
}

/// The `--bib-format` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum BibFormatArg {
    /// CSL-JSON (`.json`).
    CslJson,
    /// BibLaTeX (`.bib`).
    Biblatex,
}

impl From<BibFormatArg> for BibFormat {
    fn from(f: BibFormatArg) -> Self {
        match f {
            BibFormatArg::CslJson => BibFormat::CslJson,
            BibFormatArg::Biblatex => BibFormat::Biblatex,
        }
    }
}

pub fn run(args: &AnnotateArgs) -> anyhow::Result<ExitCode> {
    let format = BibFormat::from(args.bib_format);
    let bib_path = args.output.with_extension(format.extension());
    if bib_path == args.output {
        anyhow::bail!(
            "{}: the Markdown and its bibliography would be the same file; name the output `.md`",
            args.output.display()
        );
    }
    let bib_name = bib_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .context("the output needs a file name")?;
    let inputs = Inputs::new([args.input.file.as_path()]);
    inputs.check_all([&args.output, &bib_path])?;
    let source = read::load(&args.input)?;
    let parsed = crate::parse(&source);
    let traced = crate::trace::trace(&source, &parsed, &Options::default());
    let doc = annotated::annotate(&source, &parsed, &traced, &bib_name, format)?;
    // The bibliography first, so that the document never names a missing file.
    inputs.write(&bib_path, doc.bibliography.as_bytes())?;
    inputs.write(&args.output, doc.markdown.as_bytes())?;
    let supported = traced
        .claims
        .iter()
        .filter(|c| c.status == Status::Supported)
        .count();
    eprintln!(
        "reftrace: wrote {} ({supported} supported claims citing {} works) and {}",
        args.output.display(),
        doc.cited.len(),
        bib_path.display()
    );
    for d in parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
    {
        eprint!("{}", crate::diag::render(d, &source));
    }
    Ok(if parsed.references.iter().any(|r| r.parsed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
