//! `reftrace trace`: each claim with its supporting sources, as text, JSON or Markdown.
//!
//! Exit code 1 when a factual claim has no support above the threshold.

use super::output::Inputs;
use super::{InputArgs, print_stdout, read};
use crate::trace::{Evidence, Options, Signal, Signals, Status, Trace};
use crate::{Parsed, Source};
use clap::ValueEnum;
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Arguments of `reftrace trace`.
#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    #[command(flatten)]
    pub(super) input: InputArgs,
    #[command(flatten)]
    pub(super) batch: super::batch::BatchArgs,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = TraceFormat::Text)]
    pub(super) format: TraceFormat,
    /// Drop links below this confidence (0..1); factual claims left without one are
    /// flagged as unsupported.
    #[arg(long, default_value_t = Options::default().min_confidence, value_parser = confidence)]
    min_confidence: f64,
    /// Switch a signal off (for ablation studies): words, names, places, acronyms,
    /// time, events, numbers, attribution, context, order.
    #[arg(long = "without", hide = true, value_parser = signal)]
    without: Vec<Signal>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(super) output: Option<std::path::PathBuf>,
}

/// Output formats of `reftrace trace`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TraceFormat {
    /// Readable text for people.
    Text,
    /// JSON for scripts (the documented contract).
    Json,
    /// A Markdown report.
    Markdown,
    /// A self-contained HTML report (inline CSS and JS, nothing loaded).
    Html,
    /// One compact JSON document per line (one line per article).
    Jsonl,
    /// schema.org ClaimReview items in JSON-LD, one per claim, without a rating.
    Claimreview,
    /// Two Parquet tables, `links.parquet` and `records.parquet` (with `--out DIR`).
    #[cfg(feature = "parquet")]
    Parquet,
}

fn confidence(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err("must lie between 0 and 1".into())
    }
}

fn signal(s: &str) -> Result<Signal, String> {
    Signal::ALL
        .into_iter()
        .find(|x| x.name() == s)
        .ok_or_else(|| format!("unknown signal `{s}`"))
}

/// The JSON document `reftrace trace --format json` prints.
#[derive(Serialize)]
struct TraceReport<'a> {
    source: &'a str,
    min_confidence: f64,
    #[serde(flatten)]
    trace: &'a Trace,
}

pub fn run(args: &TraceArgs) -> anyhow::Result<ExitCode> {
    if args.batch.is_batch(&args.input.file) {
        return super::trace_batch::run(args);
    }
    #[cfg(feature = "parquet")]
    if matches!(args.format, TraceFormat::Parquet) {
        anyhow::bail!("--format parquet writes two tables: give --out DIR");
    }
    let inputs = Inputs::new([args.input.file.as_path()]);
    if let Some(path) = &args.output {
        inputs.check(path)?;
    }
    let source = read::load(&args.input)?;
    let (text, parsed, result) = render(args, &source)?;
    if let Some(refusal) = super::fatal_diagnostic(&parsed) {
        eprint!("{}", crate::diag::render(refusal, &source));
        return Ok(ExitCode::from(1));
    }
    let unsupported = result.unsupported_claims.len();
    match &args.output {
        Some(path) => {
            inputs.write(path, text.as_bytes())?;
            eprintln!(
                "reftrace: wrote {} ({} claims, {} supported)",
                path.display(),
                result.claims.len(),
                result.count(Status::Supported)
            );
            if unsupported > 0 {
                eprintln!(
                    "reftrace: exit code 1: {unsupported} factual claim(s) have no supporting source"
                );
            }
        }
        None => print_stdout(&text)?,
    }
    Ok(if unsupported == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One article's report in `args.format`, with its parse and trace.
pub(super) fn render(args: &TraceArgs, source: &Source) -> anyhow::Result<(String, Parsed, Trace)> {
    let parsed = crate::parse(source);
    let signals = Signals::only(
        &Signal::ALL
            .into_iter()
            .filter(|s| !args.without.contains(s))
            .collect::<Vec<_>>(),
    );
    let options = Options {
        min_confidence: args.min_confidence,
        signals,
        ..Options::default()
    };
    let result = crate::trace::trace(source, &parsed, &options);
    let text = match args.format {
        TraceFormat::Json => {
            let report = TraceReport {
                source: source.name(),
                min_confidence: args.min_confidence,
                trace: &result,
            };
            serde_json::to_string_pretty(&report)? + "\n"
        }
        TraceFormat::Text => text(source, &parsed, &result),
        TraceFormat::Markdown => markdown(source, &parsed, &result),
        TraceFormat::Html => {
            let options = crate::report::html::Options {
                min_confidence: args.min_confidence,
                ..Default::default()
            };
            crate::report::html::render(source, &parsed, &result, &options)
        }
        TraceFormat::Jsonl => {
            let report = TraceReport {
                source: source.name(),
                min_confidence: args.min_confidence,
                trace: &result,
            };
            serde_json::to_string(&report)? + "\n"
        }
        TraceFormat::Claimreview => crate::report::claimreview::to_string(&parsed, &result, None),
        // The rows are built by the batch from the parse and the trace.
        #[cfg(feature = "parquet")]
        TraceFormat::Parquet => String::new(),
    };
    Ok((text, parsed, result))
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Supported => "supported",
        Status::Partial => "partial",
        Status::Unsupported => "UNSUPPORTED",
        Status::NotCheckable => "not checkable",
    }
}

fn kind_word(k: crate::trace::ClaimKind) -> &'static str {
    match k {
        crate::trace::ClaimKind::Factual => "factual",
        crate::trace::ClaimKind::Opinion => "opinion",
        crate::trace::ClaimKind::Forecast => "forecast",
        crate::trace::ClaimKind::Question => "question",
    }
}

/// Control characters out of untrusted text for a terminal.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn reference_label(parsed: &Parsed, index: usize) -> String {
    let Some(r) = parsed.references.get(index.wrapping_sub(1)) else {
        return String::new();
    };
    let who = r.lead_name().unwrap_or("?");
    let date = r.date.map(|d| d.to_string()).unwrap_or_default();
    format!("{who}, \"{}\" {date}", r.title.as_deref().unwrap_or(&r.raw))
}

/// The closing line naming the references no claim uses, if any.
fn push_unused_references(out: &mut String, t: &Trace) {
    if !t.unused_references.is_empty() {
        let list: Vec<String> = t
            .unused_references
            .iter()
            .map(|i| format!("#{i}"))
            .collect();
        let _ = writeln!(out, "References no claim uses: {}", list.join(", "));
    }
}

fn text(source: &Source, parsed: &Parsed, t: &Trace) -> String {
    let mut out = String::new();
    for c in &t.claims {
        let (line, _) = source.line_col(c.byte_start);
        let _ = writeln!(
            out,
            "[{}] line {line} · {} · {}",
            c.index,
            kind_word(c.kind),
            status_word(c.status)
        );
        let _ = writeln!(out, "    {}", clean(&c.text));
        for l in &c.sources {
            let _ = writeln!(
                out,
                "    → #{} {:.2}  {}",
                l.index,
                l.score,
                clean(&reference_label(parsed, l.index))
            );
            for e in l
                .evidence
                .iter()
                .filter(|e| !matches!(e, Evidence::TitleOnly))
            {
                let _ = writeln!(out, "        {}", clean(&e.to_string()));
            }
            for e in &l.conflicts {
                let _ = writeln!(out, "        conflict: {}", clean(&e.to_string()));
            }
        }
        for i in &c.thin_titles {
            let _ = writeln!(out, "    not enough in the title of #{i} to judge by");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} claims: {} supported, {} partial, {} unsupported, {} not checkable. \
         Support is judged from titles only: a link means consistent with the title, not verified.",
        t.claims.len(),
        t.count(Status::Supported),
        t.count(Status::Partial),
        t.unsupported_claims.len(),
        t.count(Status::NotCheckable),
    );
    push_unused_references(&mut out, t);
    out
}

/// Escapes Markdown's active characters in untrusted text.
fn md(s: &str) -> String {
    let mut out = String::new();
    for c in clean(s).chars() {
        if "\\`*_[]<>#|!~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(source: &Source, parsed: &Parsed, t: &Trace) -> String {
    let mut out = format!("# Claims traced to sources: {}\n\n", md(source.name()));
    out.push_str("Support is judged from each source's title, outlet and date only: a link means *consistent with the title*, never verified.\n\n");
    for c in &t.claims {
        let _ = writeln!(
            out,
            "## {}. {} ({})\n",
            c.index,
            status_word(c.status),
            kind_word(c.kind)
        );
        let _ = writeln!(out, "> {}\n", md(&c.text));
        for l in &c.sources {
            let _ = writeln!(
                out,
                "- **#{}** ({:.2}) {}",
                l.index,
                l.score,
                md(&reference_label(parsed, l.index))
            );
            for e in l
                .evidence
                .iter()
                .filter(|e| !matches!(e, Evidence::TitleOnly))
            {
                let _ = writeln!(out, "  - {}", md(&e.to_string()));
            }
            for e in &l.conflicts {
                let _ = writeln!(out, "  - conflict: {}", md(&e.to_string()));
            }
        }
        out.push('\n');
    }
    push_unused_references(&mut out, t);
    out
}
