//! Groups the lines of a text into candidate entries: a wrapped reference (an unclosed
//! title quote, a trailing comma, a next line that starts in lower case or is only a
//! date) becomes one group; blank lines always separate groups.

use crate::refs::{date, grammar};
use crate::source::{Source, Span};
use serde::Serialize;

/// One or more adjacent non-blank lines read as a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineGroup {
    /// From the first character of the first line to the end of the last line.
    pub span: Span,
    /// 0-based index of the first line.
    pub first_line: usize,
    /// How many lines were joined.
    pub line_count: usize,
}

/// How many lines one entry may span at most.
const MAX_LINES_PER_GROUP: usize = 4;
/// Lines longer than this are never joined with the next one.
const MAX_JOIN_CHARS: usize = 2_000;

fn joins_next(group_text: &str, next_line: &str) -> bool {
    if group_text.len() > MAX_JOIN_CHARS || next_line.len() > MAX_JOIN_CHARS {
        return false;
    }
    let next = next_line.trim();
    if grammar::starts_with_marker(next) {
        return false;
    }
    grammar::has_unclosed_quote(group_text)
        || group_text.trim_end().ends_with(',')
        || next.starts_with(|c: char| c.is_lowercase())
        || date::parse_whole(next).is_some()
}

/// Groups the non-blank lines of `source`.
pub fn group_lines(source: &Source) -> Vec<LineGroup> {
    let mut groups: Vec<LineGroup> = Vec::new();
    let mut open: Option<LineGroup> = None;
    for (index, span) in source.lines() {
        let text = source.slice(span);
        if text.trim().is_empty() {
            groups.extend(open.take());
            continue;
        }
        // Trim leading white space into the span so columns point at text.
        let lead = text.len() - text.trim_start().len();
        let span = Span::new(span.start + lead, span.start + text.trim_end().len());
        match open.as_mut() {
            Some(g)
                if g.line_count < MAX_LINES_PER_GROUP
                    && joins_next(source.slice(g.span), source.slice(span)) =>
            {
                g.span.end = span.end;
                g.line_count += 1;
            }
            _ => {
                groups.extend(open.take());
                open = Some(LineGroup {
                    span,
                    first_line: index,
                    line_count: 1,
                });
            }
        }
    }
    groups.extend(open);
    groups
}
