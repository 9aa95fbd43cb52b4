//! The report's sections besides the article: the summary, a card per claim with its
//! sources and evidence, and the reference list with the claims each entry backs.
//!
//! Every card is complete without JavaScript; the script only shows a copy of a card in
//! the side panel.

use super::{escape, status_label, status_name};
use crate::refs::Reference;
use crate::trace::{ClaimKind, ClaimTrace, Evidence, Link, SUPPORTED_AT, Status, Trace};
use crate::{Parsed, Severity, Source};
use std::fmt::Write as _;

/// Glyphs that repeat the status next to its label (never colour alone).
fn glyph(status: Status) -> &'static str {
    match status {
        Status::Supported => "\u{2713}",
        Status::Partial => "\u{25D0}",
        Status::Unsupported => "\u{2717}",
        Status::NotCheckable => "?",
    }
}

fn kind_word(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Factual => "factual",
        ClaimKind::Opinion => "opinion",
        ClaimKind::Forecast => "forecast",
        ClaimKind::Question => "question",
    }
}

fn badge(status: Status) -> String {
    format!(
        "<span class=\"badge st-{}\"><span aria-hidden=\"true\">{}</span> {}</span>",
        status_name(status),
        glyph(status),
        status_label(status)
    )
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn snippet(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}\u{2026}", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// A reference as people recognise it: lead name, title in quotes, outlet, date.
fn label(r: &Reference) -> String {
    let mut parts = Vec::new();
    if let Some(who) = r.lead_name() {
        parts.push(who.to_string());
    }
    match &r.title {
        Some(t) => parts.push(format!("\u{201C}{t}\u{201D}")),
        None => parts.push(r.raw.clone()),
    }
    if let Some(outlet) = r.outlet.as_deref().filter(|o| Some(*o) != r.lead_name()) {
        parts.push(outlet.to_string());
    }
    if let Some(d) = r.date {
        parts.push(d.to_string());
    }
    parts.join(", ")
}

fn reference(parsed: &Parsed, index: usize) -> Option<&Reference> {
    parsed.references.get(index.checked_sub(1)?)
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// Counts, share supported, unsupported claims, unused references, diagnostics.
pub fn summary(out: &mut String, source: &Source, parsed: &Parsed, trace: &Trace) {
    let count = |s: Status| trace.claims.iter().filter(|c| c.status == s).count();
    let supported = count(Status::Supported);
    let checkable = trace.claims.len() - count(Status::NotCheckable);
    out.push_str("<section id=\"summary\" aria-labelledby=\"summary-h\">\n");
    out.push_str("<h2 id=\"summary-h\">Summary</h2>\n<dl class=\"stats\">");
    let mut stat = |term: &str, value: String| {
        let _ = write!(out, "<div><dt>{term}</dt><dd>{value}</dd></div>");
    };
    stat("Claims", trace.claims.len().to_string());
    stat(
        "Share supported",
        format!(
            "{} <small>({supported} of {checkable} checkable; {} of all {} claims)</small>",
            percent(supported, checkable),
            percent(supported, trace.claims.len()),
            trace.claims.len()
        ),
    );
    stat("Partial", count(Status::Partial).to_string());
    stat("Unsupported", count(Status::Unsupported).to_string());
    stat("Not checkable", count(Status::NotCheckable).to_string());
    stat(
        "References",
        format!(
            "{} <small>({} unused)</small>",
            parsed.references.len(),
            trace.unused_references.len()
        ),
    );
    out.push_str("</dl>\n<h3>Unsupported factual claims</h3>\n");
    if trace.unsupported_claims.is_empty() {
        out.push_str("<p class=\"none\">None: every factual claim has a source.</p>\n");
    } else {
        out.push_str("<ul class=\"list\">");
        for c in trace
            .unsupported_claims
            .iter()
            .filter_map(|&i| trace.claims.get(i.checked_sub(1)?))
        {
            let _ = write!(
                out,
                "<li><a href=\"#claim-{n}\" data-goto=\"{n}\">Claim {n}</a>: {}</li>",
                escape(&snippet(&c.text, 160)),
                n = c.index
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>References no claim uses</h3>\n");
    if trace.unused_references.is_empty() {
        out.push_str("<p class=\"none\">None: every reference backs a claim.</p>\n");
    } else {
        out.push_str("<ul class=\"list\">");
        for r in trace
            .unused_references
            .iter()
            .filter_map(|&i| reference(parsed, i))
        {
            let _ = write!(
                out,
                "<li><a href=\"#ref-{n}\" data-ref=\"{n}\">#{n}</a> {}</li>",
                escape(&label(r)),
                n = r.index
            );
        }
        out.push_str("</ul>\n");
    }
    let diagnostics: Vec<_> = parsed.all_diagnostics().collect();
    if diagnostics.is_empty() {
        out.push_str("<h3>Parser diagnostics</h3>\n<p class=\"none\">None.</p>\n");
    } else {
        let mut counts = Vec::new();
        for (sev, one, many) in [
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "note", "notes"),
        ] {
            let n = diagnostics.iter().filter(|d| d.severity == sev).count();
            if n > 0 {
                counts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        let _ = write!(
            out,
            "<details class=\"diags\"><summary><h3>Parser diagnostics</h3> \
             <span class=\"count\">({})</span></summary><ul class=\"list\">",
            counts.join(", ")
        );
        for d in diagnostics {
            // Parsed diagnostics are located; an unlocated one gets its line only
            // (`line_col` needs a character boundary, which a span need not give).
            let (line, column) = match (d.line, d.column) {
                (Some(l), Some(c)) => (l, c.to_string()),
                _ => (
                    source.line_number(d.span.start.min(source.text().len())),
                    "?".into(),
                ),
            };
            let _ = write!(
                out,
                "<li><span class=\"sev sev-{sev}\">{sev}</span> <code>{}</code> \
                 <span class=\"at\">{line}:{column}</span> {}",
                d.code.id(),
                escape(&d.message),
                sev = d.severity.label(),
            );
            if let Some(help) = &d.help {
                let _ = write!(out, " <span class=\"help\">{}</span>", escape(help));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul></details>\n");
    }
    out.push_str("</section>\n");
}

/// A card per claim: status, kind, line, the sentence, its sources with evidence.
pub fn claims(out: &mut String, source: &Source, parsed: &Parsed, trace: &Trace) {
    out.push_str("<section id=\"claims\" aria-labelledby=\"claims-h\">\n");
    out.push_str("<h2 id=\"claims-h\">Claims and their sources</h2>\n<ol class=\"cards\">\n");
    for c in &trace.claims {
        card(out, source, parsed, c);
    }
    out.push_str("</ol>\n</section>\n");
}

fn card(out: &mut String, source: &Source, parsed: &Parsed, c: &ClaimTrace) {
    let line = source.line_number(c.byte_start.min(source.text().len()));
    let _ = write!(
        out,
        "<li id=\"claim-{n}\" class=\"card\" data-card=\"claim\">\
         <h3 class=\"card-h\">{} <span class=\"what\">Claim {n} \u{B7} {} \u{B7} \
         line {line}</span></h3>\
         <blockquote><a href=\"#c{n}\" class=\"back\">{}</a></blockquote>",
        badge(c.status),
        kind_word(c.kind),
        escape(&c.text),
        n = c.index,
    );
    if c.sources.is_empty() {
        let why = match c.status {
            Status::NotCheckable => {
                "An opinion, forecast or question: not something a source checks."
            }
            _ => "No listed source matches this claim.",
        };
        let _ = write!(out, "<p class=\"none\">{why}</p>");
    } else {
        out.push_str("<ol class=\"sources\">");
        for l in &c.sources {
            source_item(out, parsed, l);
        }
        out.push_str("</ol>");
    }
    out.push_str("</li>\n");
}

fn source_item(out: &mut String, parsed: &Parsed, l: &Link) {
    let name = reference(parsed, l.index).map_or_else(|| l.key.clone(), label);
    let strength = if l.score >= SUPPORTED_AT {
        "consistent"
    } else {
        "weak"
    };
    let _ = write!(
        out,
        "<li class=\"source\"><a class=\"src\" href=\"#ref-{n}\" data-ref=\"{n}\">#{n} {}</a> \
         <span class=\"conf conf-{strength}\">confidence {:.2} ({strength})\
         <span class=\"bar\" aria-hidden=\"true\"><span style=\"width:{:.0}%\"></span></span></span>",
        escape(&name),
        l.score,
        (l.score * 100.0).clamp(0.0, 100.0),
        n = l.index,
    );
    let evidence: Vec<&Evidence> = l
        .evidence
        .iter()
        .filter(|e| !matches!(e, Evidence::TitleOnly))
        .collect();
    if !evidence.is_empty() || !l.conflicts.is_empty() {
        out.push_str("<ul class=\"evidence\">");
        for e in evidence {
            if matches!(e, Evidence::Published { .. }) {
                let _ = write!(
                    out,
                    "<li class=\"date\"><strong>Date:</strong> {}</li>",
                    escape(&e.to_string())
                );
            } else {
                let _ = write!(out, "<li>{}</li>", escape(&e.to_string()));
            }
        }
        for e in &l.conflicts {
            let _ = write!(
                out,
                "<li class=\"conflict\"><strong>Conflict:</strong> {}</li>",
                escape(&e.to_string())
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>");
}

/// The reference list as written, each entry with the claims that use it.
pub fn references(out: &mut String, parsed: &Parsed, trace: &Trace) {
    out.push_str("<section id=\"references\" aria-labelledby=\"references-h\">\n");
    out.push_str("<h2 id=\"references-h\">References</h2>\n<ol class=\"refs\">\n");
    for r in &parsed.references {
        let _ = write!(
            out,
            "<li id=\"ref-{n}\" class=\"ref\" data-card=\"ref\" value=\"{n}\">\
             <p class=\"entry\"><a class=\"src\" href=\"#ref-{n}\" data-ref=\"{n}\">#{n}</a> {} \
             <span class=\"key\">{}</span>{}</p>",
            escape(&r.raw),
            escape(&r.key),
            r.continues
                .map(|k| format!(" <span class=\"key\">(continues <a href=\"#ref-{k}\" data-ref=\"{k}\">#{k}</a>)</span>"))
                .unwrap_or_default(),
            n = r.index,
        );
        let users: Vec<(&ClaimTrace, &Link)> = trace
            .claims
            .iter()
            .filter_map(|c| {
                c.sources
                    .iter()
                    .find(|l| l.index == r.index)
                    .map(|l| (c, l))
            })
            .collect();
        if users.is_empty() {
            out.push_str("<p class=\"none\">No claim uses this reference.</p>");
        } else {
            let _ = write!(
                out,
                "<p class=\"uses-h\">Used by {} claim(s):</p><ul class=\"uses\">",
                users.len()
            );
            for (c, l) in users {
                let _ = write!(
                    out,
                    "<li>{} <a href=\"#claim-{n}\" data-goto=\"{n}\">Claim {n}</a> \
                     <span class=\"conf\">({:.2})</span> {}</li>",
                    badge(c.status),
                    l.score,
                    escape(&snippet(&c.text, 140)),
                    n = c.index,
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}
