//! Splits an article into header, body, reference section and footer.
//!
//! The reference section is found by what its lines look like, never by a blog's
//! footer text: lines are grouped into candidate entries (wrapped lines joined), each
//! group is scored as reference-like or not, and the longest run of reference-like
//! groups, counted by its strong members, is the section. Everything after it is the
//! footer; the header is the date line, title and photo captions at the top.

mod lines;

pub use lines::{LineGroup, group_lines};

use crate::refs::date::parse_date_line;
use crate::refs::grammar;
use crate::refs::record::PartialDate;
use crate::source::{Source, Span};
use serde::Serialize;
use std::sync::OnceLock;

/// The parts of an article, as byte spans into its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The title line.
    pub title: Option<String>,
    /// Where the title stands.
    pub title_span: Option<Span>,
    /// The article's own date, from its date line.
    pub date: Option<PartialDate>,
    /// Where the date line stands.
    pub date_span: Option<Span>,
    /// Photo captions and similar lines under the title.
    pub captions: Vec<Span>,
    /// Date line, title and captions.
    pub header: Span,
    /// The body text between header and reference section.
    pub body: Span,
    /// Body paragraphs (runs of non-blank lines).
    pub paragraphs: Vec<Span>,
    /// The reference list, if one was found.
    pub references: Option<ReferenceSection>,
    /// What follows the reference list.
    pub footer: Option<Span>,
    /// First and last line (1-based) of the body.
    pub body_lines: Option<[usize; 2]>,
    /// First and last line (1-based) of the reference list's entries.
    pub reference_lines: Option<[usize; 2]>,
}

/// The reference list of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceSection {
    /// From the first entry (or heading) to the end of the last entry.
    pub span: Span,
    /// A heading such as `SOURCES` right above the list.
    pub heading: Option<Span>,
    /// The entries, each one or more lines.
    pub entries: Vec<LineGroup>,
    /// How the section was found, for people.
    pub found_by: String,
}

/// How much a group of lines looks like a reference entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Likeness {
    /// Quoted title with a date, or a continuation mark with either.
    Strong,
    /// A short line ending in a date, or a quoted title without a date.
    Weak,
    /// A short heading such as `SOURCES`.
    Heading,
    /// Anything else.
    No,
}

const MAX_ENTRY_CHARS: usize = 600;

fn is_heading(text: &str) -> bool {
    if text.len() > 60 {
        return false;
    }
    let t = text
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase();
    static HEADINGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let headings = HEADINGS.get_or_init(|| {
        include_str!("../../data/reference-headings.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    t.len() <= 40 && headings.contains(&t.as_str())
}

fn likeness(text: &str) -> Likeness {
    if text.len() > MAX_ENTRY_CHARS * 4 {
        return Likeness::No;
    }
    if is_heading(text) {
        return Likeness::Heading;
    }
    let marker = grammar::starts_with_marker(text);
    let quoted = grammar::has_quoted_title(text);
    // A continuation mark with a quoted title is strong without its date.
    if marker && quoted {
        return Likeness::Strong;
    }
    let dated = grammar::ends_with_date(text);
    // `". "` cannot overlap itself, so counting windows counts matches.
    let sentences = || text.as_bytes().windows(2).filter(|w| w == b". ").count();
    if dated && (quoted || marker) {
        Likeness::Strong
    } else if (dated || quoted || marker) && text.chars().count() <= 200 && sentences() <= 1 {
        Likeness::Weak
    } else {
        Likeness::No
    }
}

/// Splits `source` into its parts.
pub fn split(source: &Source) -> Article {
    let groups = group_lines(source);
    let kinds: Vec<Likeness> = groups
        .iter()
        .map(|g| likeness(source.slice(g.span)))
        .collect();
    let section = find_section(source, &groups, &kinds);
    let body_end_group = section
        .as_ref()
        .map_or(groups.len(), |(first, _, heading)| {
            heading.unwrap_or(*first)
        });
    let header = read_header(source, &groups[..body_end_group]);
    let body_groups = &groups[header.groups..body_end_group];
    let text_len = source.text().len();
    let body_start = body_groups
        .first()
        .map_or(header.span.end, |g| g.span.start);
    let body_end = body_groups.last().map_or(body_start, |g| g.span.end);
    let paragraphs = paragraphs(source, body_groups);
    let (references, footer) = match section {
        Some((first, last, heading)) => {
            let entries = groups[first..=last].to_vec();
            let start = heading.map_or(entries[0].span.start, |h| groups[h].span.start);
            let end = entries[entries.len() - 1].span.end;
            let strong = kinds[first..=last]
                .iter()
                .filter(|k| **k == Likeness::Strong)
                .count();
            let found_by = format!(
                "lines {}–{}: {} of {} entries have a quoted title with a date or a `-` \
                 continuation mark{}",
                source.line_number(entries[0].span.start),
                source.line_number(end.saturating_sub(1).max(entries[0].span.start)),
                strong,
                entries.len(),
                heading.map_or(String::new(), |h| format!(
                    ", under the heading `{}`",
                    source.slice(groups[h].span).trim()
                )),
            );
            let footer_groups = &groups[last + 1..];
            let footer = footer_groups
                .first()
                .map(|g| Span::new(g.span.start, text_len));
            (
                Some(ReferenceSection {
                    span: Span::new(start, end),
                    heading: heading.map(|h| groups[h].span),
                    entries,
                    found_by,
                }),
                footer,
            )
        }
        None => (None, None),
    };
    let line_range = |span: Span| {
        [
            source.line_number(span.start),
            source.line_number(span.end.saturating_sub(1).max(span.start)),
        ]
    };
    let body_lines = (!body_groups.is_empty()).then(|| line_range(Span::new(body_start, body_end)));
    let reference_lines = references.as_ref().map(|r| {
        let first = r.entries[0].span.start;
        line_range(Span::new(first, r.span.end))
    });
    Article {
        body_lines,
        reference_lines,
        title: header.title.map(|s| source.slice(s).trim().to_string()),
        title_span: header.title,
        date: header.date.map(|(d, _)| d),
        date_span: header.date.map(|(_, s)| s),
        captions: header.captions,
        header: header.span,
        body: Span::new(body_start, body_end.max(body_start)),
        paragraphs,
        references,
        footer,
    }
}

/// Most groups of other text a reference list may hold between two of its entries
/// (an entry too broken to look like one), and how long such a group may be.
const MAX_GAP_GROUPS: usize = 2;
const MAX_GAP_CHARS: usize = 300;

/// Finds the run of groups that makes the reference list: (first, last, heading).
///
/// Runs are maximal stretches of reference-like groups; two runs are one when only a
/// short gap of other lines stands between them and the later run has a strong entry,
/// so a broken entry inside a list is kept (as an unparsed record), not cut off.
fn find_section(
    source: &Source,
    groups: &[LineGroup],
    kinds: &[Likeness],
) -> Option<(usize, usize, Option<usize>)> {
    let is_ref = |k: Likeness| matches!(k, Likeness::Strong | Likeness::Weak);
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (strong, first, last)
    let mut i = 0;
    while i < groups.len() {
        if !is_ref(kinds[i]) {
            i += 1;
            continue;
        }
        let first = i;
        let mut strong = 0;
        while i < groups.len() && is_ref(kinds[i]) {
            strong += usize::from(kinds[i] == Likeness::Strong);
            i += 1;
        }
        let run = (strong, first, i - 1);
        match runs.last_mut() {
            Some(prev)
                if strong > 0
                    && first - prev.2 - 1 <= MAX_GAP_GROUPS
                    && groups[prev.2 + 1..first]
                        .iter()
                        .all(|g| g.span.len() <= MAX_GAP_CHARS && kinds_between_ok(source, g)) =>
            {
                prev.0 += strong;
                prev.2 = run.2;
            }
            _ => runs.push(run),
        }
    }
    let best = runs.into_iter().filter(|r| r.0 > 0).fold(
        None,
        |best: Option<(usize, usize, usize)>, r| match best {
            Some(b) if b.0 > r.0 => Some(b),
            _ => Some(r),
        },
    );
    let (_, mut first, last) = best?;
    // Weak lines at the top of a run belong to it only when they read like entries
    // of the same list (short, no sentence); a body line ending in a year does not.
    while first < last && kinds[first] == Likeness::Weak && {
        let t = source.slice(groups[first].span);
        t.trim_end().ends_with('.') || t.split_whitespace().count() > 25
    } {
        first += 1;
    }
    let heading = first
        .checked_sub(1)
        .filter(|&h| kinds[h] == Likeness::Heading);
    Some((first, last, heading))
}

/// A gap line inside a list must not be a heading of a new part of the page.
fn kinds_between_ok(source: &Source, group: &LineGroup) -> bool {
    !is_heading(source.slice(group.span))
}

struct Header {
    span: Span,
    groups: usize,
    title: Option<Span>,
    date: Option<(PartialDate, Span)>,
    captions: Vec<Span>,
}

const MAX_TITLE_CHARS: usize = 200;

fn read_header(source: &Source, groups: &[LineGroup]) -> Header {
    let mut used = 0;
    let mut date = None;
    let mut title = None;
    let mut captions = Vec::new();
    let text_of = |g: &LineGroup| source.slice(g.span).trim();
    if let Some(g) = groups.first()
        && let Some(d) = parse_date_line(text_of(g))
    {
        date = Some((d, g.span));
        used = 1;
    }
    if let Some(g) = groups.get(used) {
        let t = text_of(g);
        let is_caption = t.starts_with('(');
        if !is_caption && t.chars().count() <= MAX_TITLE_CHARS && !t.ends_with('.') {
            let lead = source.slice(g.span).len() - source.slice(g.span).trim_start().len();
            let hashes = t.len() - t.trim_start_matches('#').trim_start().len();
            let start = g.span.start + lead + hashes;
            let trimmed_len = source.slice(Span::new(start, g.span.end)).trim_end().len();
            title = Some(Span::new(start, start + trimmed_len));
            used += 1;
            // A date line may also follow the title.
            if date.is_none()
                && let Some(g) = groups.get(used)
                && let Some(d) = parse_date_line(text_of(g))
            {
                date = Some((d, g.span));
                used += 1;
            }
        }
    }
    while let Some(g) = groups.get(used) {
        let t = text_of(g);
        if used > 0 && t.starts_with('(') && t.ends_with(')') && t.chars().count() <= 300 {
            captions.push(g.span);
            used += 1;
        } else {
            break;
        }
    }
    let end = if used == 0 {
        0
    } else {
        groups[used - 1].span.end
    };
    Header {
        span: Span::new(0, end),
        groups: used,
        title,
        date,
        captions,
    }
}

fn paragraphs(source: &Source, groups: &[LineGroup]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for g in groups {
        match out.last_mut() {
            // Groups on adjacent lines form one paragraph.
            Some(p) if source.line_index(g.span.start) == source.line_index(p.end) + 1 => {
                *p = p.join(g.span);
            }
            _ => out.push(g.span),
        }
    }
    out
}

#[cfg(test)]
mod tests;
