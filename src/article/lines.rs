//! Groups the lines of a text into candidate entries: a wrapped reference (an unclosed
//! title quote, a trailing comma, a title closed with `,”`, a next line that starts in lower case or is only a
//! date) becomes one group; blank lines always separate groups. A line in lower case
//! that is an entry of its own (`de la Cruz, Maria, "…"`, `bbc.com, "…"`) below a
//! closed entry starts a new group. A list given alone is grouped more simply
//! ([`group_list_lines`]): one entry per line or per paragraph.

use crate::refs::{date, grammar};
use crate::source::{Source, Span};
use serde::Serialize;

/// One or more adjacent non-blank lines read as a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineGroup {
    /// From the first character of the first line to the end of the last line.
    pub span: Span,
    /// 1-based number of the first line, like every line number reftrace shows.
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
    let end = group_text.trim_end();
    if grammar::has_unclosed_quote(group_text) || end.ends_with(',') {
        return true;
    }
    // A title closed with `,”` says more follows: the outlet or date on the next line,
    // unless that line is an entry of its own.
    if (end.ends_with(",\u{201d}") || end.ends_with(",\"")) && !grammar::has_quoted_title(next) {
        return true;
    }
    // A line in lower case continues the one above, unless both are whole entries
    // (`de la Cruz, Maria, "…," 6/1/24`, `bbc.com, "…"` under a closed entry).
    (next.starts_with(|c: char| c.is_lowercase())
        && !(grammar::has_quoted_title(group_text) && starts_entry(next)))
        || date::parse_whole(next).is_some()
}

/// Whether a line begins an entry of its own: a short head ending in a comma, then a
/// quoted title.
fn starts_entry(line: &str) -> bool {
    grammar::quoted_parts(line).is_some_and(|(head, _)| {
        let head = head.trim_end();
        head.ends_with(',') && head.split_whitespace().count() <= 8
    })
}

/// Groups the non-blank lines of `source` (an article): wrapped entries are joined.
pub fn group_lines(source: &Source) -> Vec<LineGroup> {
    group_with(source, |g, _, next, _| {
        g.line_count < MAX_LINES_PER_GROUP && joins_next(source.slice(g.span), next)
    })
}

/// Most lines one entry of a list given alone may span.
const MAX_LIST_ENTRY_LINES: usize = 12;

/// Groups the lines of a reference list given alone (`--list`): one entry per line,
/// its wrapped lines indented under it (a hanging indent); or, when blank lines set
/// the entries apart (paragraphs of at most three lines on average), one entry per
/// paragraph.
pub fn group_list_lines(source: &Source) -> Vec<LineGroup> {
    let (mut paragraphs, mut lines, mut in_paragraph) = (0, 0, false);
    for (_, span) in source.lines() {
        let blank = source.slice(span).trim().is_empty();
        paragraphs += usize::from(!blank && !in_paragraph);
        lines += usize::from(!blank);
        in_paragraph = !blank;
    }
    let by_paragraph = paragraphs >= 2 && lines <= paragraphs * 3;
    group_with(source, |g, first_lead, _, lead| {
        g.line_count < MAX_LIST_ENTRY_LINES && (by_paragraph || lead > first_lead)
    })
}

/// Groups the non-blank lines of `source`; blank lines always end a group. `joins`
/// is asked whether a line continues the open group: (group, indentation of its first
/// line, the line trimmed, the line's indentation).
fn group_with(
    source: &Source,
    joins: impl Fn(&LineGroup, usize, &str, usize) -> bool,
) -> Vec<LineGroup> {
    let mut groups: Vec<LineGroup> = Vec::new();
    let mut open: Option<(LineGroup, usize)> = None;
    for (index, span) in source.lines() {
        let text = source.slice(span);
        if text.trim().is_empty() {
            groups.extend(open.take().map(|(g, _)| g));
            continue;
        }
        // Trim leading white space into the span so columns point at text.
        let lead = text.len() - text.trim_start().len();
        let span = Span::new(span.start + lead, span.start + text.trim_end().len());
        match open.as_mut() {
            Some((g, first_lead)) if joins(g, *first_lead, source.slice(span), lead) => {
                g.span.end = span.end;
                g.line_count += 1;
            }
            _ => {
                groups.extend(open.take().map(|(g, _)| g));
                let group = LineGroup {
                    span,
                    first_line: index + 1,
                    line_count: 1,
                };
                open = Some((group, lead));
            }
        }
    }
    groups.extend(open.map(|(g, _)| g));
    groups
}
