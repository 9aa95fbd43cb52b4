//! Splits an article into header, body, reference section and footer.
//!
//! The reference section is found by what its lines look like, never by a blog's
//! footer text: lines are grouped into candidate entries (wrapped lines joined), each
//! group is scored as reference-like or not, and the longest run of reference-like
//! groups, counted by its strong members, is the section. Everything after it is the
//! footer; the header is the date line, title and photo captions at the top.
//! [`split_list`] reads a text that is a reference list alone.

pub mod json;
mod lines;
mod section;

pub use lines::{LineGroup, group_lines, group_list_lines};
use section::{Likeness, find_section, likeness};

use crate::refs::date::parse_date_line;
use crate::refs::record::PartialDate;
use crate::source::{Source, Span};
use serde::Serialize;

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
    /// Page furniture inside the list (page numbers and running heads at page breaks):
    /// no entry's text holds it, though an entry that goes on over a page break spans it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub furniture: Vec<Span>,
}

/// Articles with at least this many groups of lines have them read on every core.
const MANY_GROUPS: usize = 4096;

/// `n` entries, counted in words: `1 entry`, `35 entries`.
pub(crate) fn entries(n: usize) -> String {
    format!("{n} {}", if n == 1 { "entry" } else { "entries" })
}

/// What `found_by` says of a list of `n` entries read from a whole input (`--list`).
pub(crate) fn list_found_by(n: usize) -> String {
    format!("the whole input read as a list (--list): {}", entries(n))
}

/// Splits `source` into its parts.
pub fn split(source: &Source) -> Article {
    let groups = group_lines(source);
    let kind = |g: &LineGroup| likeness(source.slice(g.span));
    // A long list's groups are told apart on every core (rayon keeps their order).
    let kinds: Vec<Likeness> = if groups.len() >= MANY_GROUPS {
        use rayon::prelude::*;
        groups.par_iter().with_min_len(1024).map(kind).collect()
    } else {
        groups.iter().map(kind).collect()
    };
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
            let anchors = kinds[first..=last].iter().filter(|k| k.is_anchor()).count();
            let found_by = format!(
                "lines {}–{}: {}, {} of them shaped like one (a head and a quoted \
                 title, dated or not, or a `-` continuation mark){}",
                source.line_number(entries[0].span.start),
                source.line_number(end.saturating_sub(1).max(entries[0].span.start)),
                self::entries(entries.len()),
                anchors,
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
                    furniture: Vec::new(),
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

/// Reads `source` as a reference list alone (`--list`): every line is an entry (its
/// wrapped lines indented under it), or every paragraph when blank lines set the
/// entries apart; no header, body or footer around them. A heading such as
/// `References` on the first line is recorded as the heading.
pub fn split_list(source: &Source) -> Article {
    let groups = group_list_lines(source);
    let heading = groups
        .first()
        .filter(|g| section::is_heading(source.slice(g.span)))
        .map(|g| g.span);
    let entries = groups[usize::from(heading.is_some())..].to_vec();
    let header = Span::new(0, heading.map_or(0, |h| h.end));
    let references = (!entries.is_empty()).then(|| {
        let (start, end) = (entries[0].span.start, entries[entries.len() - 1].span.end);
        ReferenceSection {
            span: Span::new(heading.map_or(start, |h| h.start), end),
            heading,
            found_by: list_found_by(entries.len()),
            entries,
            furniture: Vec::new(),
        }
    });
    let reference_lines = references.as_ref().map(|r| {
        [
            source.line_number(r.entries[0].span.start),
            source.line_number(r.span.end.saturating_sub(1).max(r.entries[0].span.start)),
        ]
    });
    Article {
        title: None,
        title_span: None,
        date: None,
        date_span: None,
        captions: Vec::new(),
        header,
        body: Span::new(header.end, header.end),
        paragraphs: Vec::new(),
        references,
        footer: None,
        body_lines: None,
        reference_lines,
    }
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
