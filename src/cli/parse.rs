//! `reftrace parse`: records as a table, JSON or YAML.

use super::{InputArgs, ParseFormat, print_stdout, read, table};
use reftrace::{Parsed, Severity, Source};
use serde::Serialize;
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

pub fn run(input: &InputArgs, format: ParseFormat) -> anyhow::Result<ExitCode> {
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
    })
}
