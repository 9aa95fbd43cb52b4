//! A self-contained HTML report of a traced article, for a fact-checker to read and mail.
//!
//! One file with its CSS and JavaScript inline and nothing loaded from anywhere: a
//! Content-Security-Policy allows only the inline style and script. The article is shown
//! with every claim highlighted by status (underline style, glyph and colour, never colour
//! alone) and citation markers after supported claims; below it, a card per claim with
//! its sources and evidence, and the reference list with the claims each entry backs.
//! Without JavaScript everything is there as linked sections; with it, clicking a claim
//! or a source opens the same card in a side panel (a bottom sheet on a phone).
//!
//! Every piece of input text is escaped; the trace is embedded as JSON in a
//! `<script type="application/json">` with `<`, `>` and `&` written as `\u003c` etc.
//!
//! ```
//! use reftrace::{Source, parse, report::html, trace};
//!
//! let text = "Title line about Mosul\n\nAn IED hit a patrol near Mosul on November 8.\n\n\
//!             Reuters, \"Explosive device near Iraq's Mosul targets patrol,\" 11/9/23\n\
//!             - \"Drone attack on Erbil,\" 11/10/23\n";
//! let source = Source::new("example.txt", text);
//! let parsed = parse(&source);
//! let traced = trace::trace(&source, &parsed, &trace::Options::default());
//! let page = html::render(&source, &parsed, &traced, &html::Options::default());
//! assert_eq!(page.matches("data-claim=").count(), traced.claims.len());
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cards;
mod escape;

pub use escape::{escape, json_for_script};

use crate::source::Span;
use crate::trace::{ClaimTrace, SUPPORTED_AT, Status, Trace};
use crate::{Parsed, Source};
use serde::Serialize;
use std::fmt::Write as _;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Only the inline style and script may run; nothing may be fetched, framed or posted.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
                   img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; \
                   form-action 'none'";

/// Settings of an HTML report.
#[derive(Debug, Clone)]
pub struct Options {
    /// The confidence threshold the trace used, stated in the report's notes.
    pub min_confidence: f64,
    /// Embed the trace as JSON for scripts that read the report.
    pub embed_data: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_confidence: crate::trace::Options::default().min_confidence,
            embed_data: true,
        }
    }
}

/// The embedded data: the same document as `reftrace trace --format json`.
#[derive(Serialize)]
struct Data<'a> {
    source: &'a str,
    min_confidence: f64,
    #[serde(flatten)]
    trace: &'a Trace,
}

/// The word used for a status in `data-status` and in class names.
pub fn status_name(status: Status) -> &'static str {
    status.name()
}

/// The status as people read it.
fn status_label(status: Status) -> &'static str {
    match status {
        Status::Supported => "supported",
        Status::Partial => "partial support",
        Status::Unsupported => "unsupported",
        Status::NotCheckable => "not checkable",
    }
}

/// The references a supported claim's marker cites: its links at the supported level, in
/// list order (the best link when none reaches it).
pub fn cited(claim: &ClaimTrace) -> Vec<usize> {
    if claim.status != Status::Supported {
        return Vec::new();
    }
    let mut cited: Vec<usize> = claim
        .sources
        .iter()
        .filter(|l| l.score >= SUPPORTED_AT)
        .map(|l| l.index)
        .collect();
    if cited.is_empty() {
        cited.extend(claim.sources.first().map(|l| l.index));
    }
    cited.sort_unstable();
    cited.dedup();
    cited
}

/// Renders the whole report as one HTML document.
pub fn render(source: &Source, parsed: &Parsed, trace: &Trace, options: &Options) -> String {
    let title = parsed
        .article
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(source.name());
    let mut out = String::with_capacity(source.text().len() * 4 + STYLE.len() + 64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(out, "<title>{} · reftrace report</title>", escape(title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<header class=\"top\"><p class=\"brand\"><strong>reftrace</strong> report on \
         <span class=\"file\">{}</span></p>",
        escape(source.name())
    );
    out.push_str(LEGEND);
    out.push_str("</header>\n<div class=\"layout\">\n<main id=\"main\">\n");
    cards::summary(&mut out, source, parsed, trace);
    article(&mut out, source, parsed, trace);
    cards::claims(&mut out, source, parsed, trace);
    cards::references(&mut out, parsed, trace);
    let _ = writeln!(
        out,
        "<footer class=\"notes\"><p>Support is judged from each source's title, outlet and \
         date only: a link means the claim is <em>consistent with the title</em>, never that \
         it was verified. Links below confidence {:.2} are not shown; a claim counts as \
         supported from {SUPPORTED_AT:.2}.</p><p>Made by reftrace {}.</p></footer>",
        options.min_confidence,
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("</main>\n");
    out.push_str(PANEL);
    out.push_str("</div>\n");
    if options.embed_data {
        let data = Data {
            source: source.name(),
            min_confidence: options.min_confidence,
            trace,
        };
        if let Ok(json) = serde_json::to_string(&data) {
            let _ = writeln!(
                out,
                "<script type=\"application/json\" id=\"reftrace-data\">{}</script>",
                json_for_script(&json)
            );
        }
    }
    let _ = writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>");
    out
}

const LEGEND: &str = "<ul class=\"legend\" aria-label=\"How claims are marked\">\
<li><span class=\"claim st-supported\">supported</span></li>\
<li><span class=\"claim st-partial\">partial</span></li>\
<li><span class=\"claim st-unsupported\">unsupported</span></li>\
<li><span class=\"claim st-not-checkable\">not checkable</span></li></ul>\n";

const PANEL: &str = "<aside id=\"panel\" class=\"panel\" hidden aria-labelledby=\"panel-title\">\n\
<div class=\"panel-head\"><h2 id=\"panel-title\" tabindex=\"-1\">Details</h2>\
<button type=\"button\" id=\"panel-close\" class=\"close\" aria-label=\"Close details\">\
&#x2715;</button></div>\n<div id=\"panel-body\" class=\"panel-body\"><p class=\"hint\">Select a \
highlighted claim to see its sources, or a source to see the claims that use it.</p></div>\n\
</aside>\n";

/// The article: date line, title, captions and body paragraphs with their claims.
fn article(out: &mut String, source: &Source, parsed: &Parsed, trace: &Trace) {
    let a = &parsed.article;
    let mut claims: Vec<&ClaimTrace> = trace.claims.iter().collect();
    claims.sort_by_key(|c| (c.byte_start, c.index));
    let mut placed = vec![false; claims.len()];
    out.push_str("<article id=\"article\" aria-label=\"The article\">\n");
    if let Some(span) = a.date_span {
        let _ = writeln!(
            out,
            "<p class=\"dateline\">{}</p>",
            escape(text_of(source, span))
        );
    }
    out.push_str("<h1 class=\"title\">");
    match a.title_span {
        Some(span) => spanned(out, source, span, &claims, &mut placed),
        None => out.push_str(&escape(a.title.as_deref().unwrap_or(source.name()))),
    }
    out.push_str("</h1>\n");
    for &span in &a.captions {
        let _ = writeln!(
            out,
            "<p class=\"caption\">{}</p>",
            escape(text_of(source, span))
        );
    }
    for &span in &a.paragraphs {
        out.push_str("<p>");
        spanned(out, source, span, &claims, &mut placed);
        out.push_str("</p>\n");
    }
    let rest: Vec<&ClaimTrace> = claims
        .iter()
        .zip(&placed)
        .filter(|(_, done)| !**done)
        .map(|(c, _)| *c)
        .collect();
    if !rest.is_empty() {
        out.push_str("<p class=\"rest\"><span class=\"label\">Claims outside the body:</span> ");
        for c in rest {
            claim(out, c, &escape(&c.text));
            out.push(' ');
        }
        out.push_str("</p>\n");
    }
    out.push_str("</article>\n");
}

/// The text of a span, or nothing when the span does not fit the text.
fn text_of(source: &Source, span: Span) -> &str {
    source.text().get(span.range()).unwrap_or("")
}

/// Writes the text of `span` with every claim that starts inside it wrapped.
fn spanned(
    out: &mut String,
    source: &Source,
    span: Span,
    claims: &[&ClaimTrace],
    placed: &mut [bool],
) {
    let text = source.text();
    let mut pos = span.start;
    for (i, c) in claims.iter().enumerate() {
        if placed[i] || c.byte_start < pos || c.byte_start >= span.end {
            continue;
        }
        let end = c.byte_end.clamp(c.byte_start, span.end);
        let (Some(before), Some(inner)) =
            (text.get(pos..c.byte_start), text.get(c.byte_start..end))
        else {
            continue;
        };
        out.push_str(&escape(before));
        claim(out, c, &escape(inner));
        placed[i] = true;
        pos = end;
    }
    out.push_str(&escape(text.get(pos..span.end).unwrap_or("")));
}

/// One claim in the article: a link to its card, then its citation marker.
fn claim(out: &mut String, c: &ClaimTrace, inner: &str) {
    let status = status_name(c.status);
    let _ = write!(
        out,
        "<a class=\"claim st-{status}\" href=\"#claim-{n}\" id=\"c{n}\" data-claim=\"{n}\" \
         data-status=\"{status}\">{inner}<span class=\"vh\"> (claim {n}, {label})</span></a>",
        n = c.index,
        label = status_label(c.status),
    );
    let cited = cited(c);
    if !cited.is_empty() {
        out.push_str("<sup class=\"cite\">[");
        for (i, r) in cited.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "<a href=\"#ref-{r}\" data-ref=\"{r}\">{r}</a>");
        }
        out.push_str("]</sup>");
    }
}
