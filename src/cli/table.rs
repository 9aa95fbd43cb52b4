//! A plain-text table of records for the terminal.

use crate::{Parsed, Reference};
use std::fmt::Write as _;

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        format!("{text:<width$}")
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn who(r: &Reference) -> String {
    if r.authors.is_empty() {
        String::from("—")
    } else {
        r.authors
            .iter()
            .map(|p| p.family.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Renders the article's title, date and one row per reference.
pub fn references(parsed: &Parsed) -> String {
    let mut out = String::new();
    let a = &parsed.article;
    let _ = writeln!(
        out,
        "{}  ({})",
        a.title.as_deref().unwrap_or("(no title)"),
        a.date.map_or("no date".to_string(), |d| d.to_string())
    );
    if let Some(section) = &a.references {
        let _ = writeln!(out, "reference list: {}", section.found_by);
    }
    let _ = writeln!(
        out,
        "\n{:>3} {:>4}  {:<24} {:<22} {:<10} {:>4}  title",
        "#", "line", "authors", "outlet", "date", "cont"
    );
    for r in &parsed.references {
        let flags = r
            .diagnostics
            .iter()
            .filter(|d| d.severity >= crate::Severity::Warning)
            .count();
        let _ = writeln!(
            out,
            "{:>3} {:>4}  {} {} {:<10} {:>4}  {}{}",
            r.index,
            r.line,
            clip(&who(r), 24),
            clip(r.outlet.as_deref().unwrap_or("—"), 22),
            r.date.map_or("—".to_string(), |d| d.to_string()),
            r.continues.map_or(String::new(), |c| format!("↑{c}")),
            if r.parsed {
                clip(r.title.as_deref().unwrap_or("—"), 60)
            } else {
                format!(
                    "UNPARSED: {}",
                    clip(&r.raw.split_whitespace().collect::<Vec<_>>().join(" "), 50)
                )
            },
            if flags > 0 {
                format!("  [{flags} warning(s)]")
            } else {
                String::new()
            },
        );
    }
    let _ = writeln!(
        out,
        "\n{} references; run `reftrace check` to see every repair.",
        parsed.references.len()
    );
    out
}
