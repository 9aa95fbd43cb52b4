//! `reftrace cite`: a formatted bibliography in any CSL style.

use super::{InputArgs, print_stdout, read};
use crate::export::{Options, works};
use crate::format::{self, Output};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

/// The `--format` values of `reftrace cite`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CiteFormat {
    /// Plain text, one entry a line.
    Text,
    /// HTML, one `<div class="csl-entry">` per entry.
    Html,
    /// Markdown, one paragraph per entry.
    Markdown,
}

/// Arguments of `reftrace cite`.
#[derive(Debug, clap::Args)]
pub struct CiteArgs {
    // The fields of `InputArgs`, repeated because clap cannot make a flattened group
    // optional (clap issue 5092) and `--list-styles` needs no file.
    /// The article: a text, Markdown or HTML file, or `-` for standard input.
    #[arg(required_unless_present = "list_styles")]
    pub file: Option<PathBuf>,
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
    /// A style name from `--list-styles`, or the path of a `.csl` file.
    #[arg(long, short, default_value = "apa")]
    pub style: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = CiteFormat::Text)]
    pub format: CiteFormat,
    /// Locale for the style's terms and dates, e.g. `en-US`, `de-DE`.
    #[arg(long)]
    pub locale: Option<String>,
    /// Keep probable duplicates as separate entries instead of merging them.
    #[arg(long)]
    pub keep_duplicates: bool,
    /// List the names of the built-in styles and exit .
    #[arg(long)]
    pub list_styles: bool,
}

pub fn run(args: &CiteArgs) -> anyhow::Result<ExitCode> {
    if args.list_styles {
        let mut text = String::new();
        for (names, title) in format::list_styles() {
            text.push_str(&format!("{:<45} {title}\n", names.join(", ")));
        }
        print_stdout(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(file) = &args.file else {
        eprintln!("reftrace: cite needs an article file (or `--list-styles`)");
        return Ok(ExitCode::from(2));
    };
    let input = &InputArgs {
        file: file.clone(),
        lossy: args.lossy,
        input_format: args.input_format,
        list: args.list,
    };
    let style = match format::load_style(&args.style) {
        Ok(style) => style,
        Err(e) => {
            eprintln!("reftrace: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(code) = &args.locale
        && let Err(e) = format::check_locale(code)
    {
        eprintln!("reftrace: {e}");
        return Ok(ExitCode::from(2));
    }
    let source = read::load(input)?;
    let parsed = crate::parse(&source);
    if let Some(fatal) = super::fatal_diagnostic(&parsed) {
        eprint!("{}", crate::diag::render(fatal, &source));
        return Ok(ExitCode::from(1));
    }
    let options = Options {
        ascii: false,
        keep_duplicates: args.keep_duplicates,
    };
    let output = match args.format {
        CiteFormat::Text => Output::Text,
        CiteFormat::Html => Output::Html,
        CiteFormat::Markdown => Output::Markdown,
    };
    let items = match format::bibliography(
        &works(&parsed.references, &options),
        &style,
        args.locale.as_deref(),
        output,
    ) {
        Ok(items) => items,
        Err(e) => {
            eprintln!("reftrace: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let text = match args.format {
        CiteFormat::Text => items.iter().map(|i| format!("{i}\n")).collect(),
        CiteFormat::Markdown => items.join("\n\n") + "\n",
        CiteFormat::Html => {
            let mut html = String::from("<div class=\"csl-bib-body\">\n");
            for i in &items {
                html.push_str(&format!("  <div class=\"csl-entry\">{i}</div>\n"));
            }
            html.push_str("</div>\n");
            html
        }
    };
    print_stdout(&text)?;
    Ok(if parsed.references.iter().any(|r| r.parsed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
