//! `reftrace check`: diagnostics only, rendered like rustc; exit 1 when any is an error.

use super::{InputArgs, print_stdout, read};
use crate::Severity;
use crate::diag::render;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run(input: &InputArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let source = read::load(input)?;
    let parsed = crate::parse(&source);
    let mut diags: Vec<_> = parsed.all_diagnostics().collect();
    diags.sort_by_key(|d| (d.span.start, d.code.id()));
    let mut out = String::new();
    if !quiet {
        for d in &diags {
            out.push_str(&render(d, &source));
            out.push('\n');
        }
    }
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let _ = writeln!(
        out,
        "{}: {}, {} parsed; {errors} error(s), {warnings} warning(s), {notes} note(s)",
        source.name(),
        crate::article::entries(parsed.references.len()),
        parsed.references.iter().filter(|r| r.parsed).count(),
    );
    print_stdout(&out)?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
