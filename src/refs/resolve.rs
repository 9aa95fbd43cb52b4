//! Resolves raw entries into owned [`Reference`] records: decides the list's date
//! order, interprets heads as people or organisations, applies continuation lines,
//! assigns keys and finds probable duplicates.

use super::date::{self, DateOrder, RawDate};
use super::duplicates::{self, MIN_PRINT_LEN, TitlePrint};
use super::grammar::{self, Piece, RawEntry};
use super::keys;
use super::names;
use super::record::{HeadKind, PartialDate, Person, Provenance, Reference};
use super::short_forms;
use super::whitespace::{fold_ws, fold_ws_borrowed};
use crate::article::ReferenceSection;
use crate::diag::{Code, Diagnostic};
use crate::source::{Source, Span};
use serde::Serialize;

/// The records of one reference list, with the diagnostics about the list as a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedList {
    /// One record per entry, in source order.
    pub references: Vec<Reference>,
    /// Diagnostics that concern the whole list (date order, nothing parseable).
    pub diagnostics: Vec<Diagnostic>,
    /// The month/day order used for numeric dates.
    pub date_order: DateOrder,
}

/// Most words an unquoted, undated line may have and still be read as an outlet.
const MAX_OUTLET_WORDS: usize = 12;

struct EntryInput<'s> {
    raw: RawEntry<'s>,
    base: usize,
    span: Span,
    line: usize,
}

impl EntryInput<'_> {
    fn span_of(&self, piece: Piece<'_>) -> Span {
        let start = self.base + piece.offset;
        Span::new(start, start + piece.text.len())
    }
}

/// Parses every entry of `section` into a record.
pub fn parse_section(
    source: &Source,
    section: &ReferenceSection,
    article_date: Option<PartialDate>,
) -> ParsedList {
    let inputs: Vec<EntryInput<'_>> = section
        .entries
        .iter()
        .map(|g| EntryInput {
            raw: grammar::entry(source.slice(g.span)),
            base: g.span.start,
            span: g.span,
            line: g.first_line,
        })
        .collect();
    let raw_dates: Vec<RawDate> = inputs
        .iter()
        .filter_map(|e| e.raw.date.map(|d| d.value))
        .collect();
    let (order, for_order, against) = date::decide_order(&raw_dates);
    let mut list_diags = Vec::new();
    if raw_dates
        .iter()
        .any(|d| matches!(d, RawDate::Numeric { .. }))
    {
        let way = match order {
            DateOrder::MonthDay => "month/day (US)",
            DateOrder::DayMonth => "day/month",
        };
        let message = format!(
            "numeric dates read as {way}: {for_order} date(s) can only be read that way, \
             {against} the other way"
        );
        let span = section.entries.first().map_or(section.span, |g| g.span);
        let d = if against > 0 {
            Diagnostic::warning(Code::DateOrder, span, message)
                .with_help("dates that fit neither reading of the list are kept as text")
        } else {
            Diagnostic::info(Code::DateOrder, span, message)
        };
        list_diags.push(d);
    }
    let markers = inputs.iter().filter(|e| e.raw.marker.is_some()).count();
    let bullet_list =
        inputs.first().is_some_and(|e| e.raw.marker.is_some()) && markers * 5 >= inputs.len() * 4;
    // Two-digit years resolve against the article's year; without one, against today's
    // (an article is never dated after the day it is read).
    let article_year = Some(article_date.map_or_else(date::fallback_anchor_year, |d| d.year));

    let mut refs: Vec<Reference> = Vec::with_capacity(inputs.len());
    let mut leader: Option<usize> = None; // position in refs
    // Title fingerprints for duplicate detection, taken while each title is at hand.
    let mut prints: Vec<Option<TitlePrint>> = Vec::with_capacity(inputs.len());
    let mut print = Vec::new();
    // Key stems too, for the same reason.
    let mut stems: Vec<keys::KeyStem> = Vec::with_capacity(inputs.len());
    let mut stem_buffers = keys::StemBuffers::default();
    for (pos, input) in inputs.iter().enumerate() {
        let is_continuation = input.raw.marker.is_some() && !bullet_list;
        let mut r = resolve_entry(
            source,
            input,
            pos + 1,
            if is_continuation {
                leader.map(|l| &refs[l])
            } else {
                None
            },
            is_continuation,
            order,
            article_year,
            article_date,
        );
        if r.parsed && r.continues.is_none() && !is_continuation {
            leader = Some(pos);
        }
        r.diagnostics.sort_by_key(|d| d.span.start);
        prints.push(r.title.as_deref().and_then(|title| {
            keys::title_fingerprint_into(&mut print, title);
            (print.len() >= MIN_PRINT_LEN).then(|| TitlePrint::new(&print))
        }));
        stems.push(keys::KeyStem::of(&r, &mut stem_buffers));
        refs.push(r);
    }
    // The raw entries are done with: free them before the list-wide passes add
    // their diagnostics, so the two never sit in memory together.
    drop(inputs);
    drop(raw_dates);
    short_forms::read(&mut refs);
    keys::assign(&mut refs, &stems);
    drop(stems);
    duplicates::mark(&mut refs, &prints);
    if !refs.is_empty() && refs.iter().all(|r| !r.parsed) {
        list_diags.push(
            Diagnostic::error(
                Code::NothingParseable,
                section.span,
                "a reference section was found but none of its entries could be read",
            )
            .with_help("entries read like `Author, \"Title,\" Outlet, 11/21/23`"),
        );
    }
    ParsedList {
        references: refs,
        diagnostics: list_diags,
        date_order: order,
    }
}

/// Whether the text between a title and its date can name an outlet: it starts with
/// a letter and is not longer than an outlet's name (not a broken date like `11/9/2`).
fn reads_as_outlet(text: &str) -> bool {
    text.starts_with(char::is_alphabetic) && text.split_whitespace().count() <= MAX_OUTLET_WORDS
}

fn names_leader_partially(head: &str, leader: &Reference) -> bool {
    let Some(first) = leader.authors.first() else {
        return false;
    };
    if head.contains(',') || head.split_whitespace().count() > 3 {
        return false;
    }
    let h = head.to_lowercase();
    let given = first.given.to_lowercase();
    let family = first.family.to_lowercase();
    h == given || h == family || h == format!("{given} {family}")
}

#[allow(clippy::too_many_arguments)]
fn resolve_entry(
    source: &Source,
    input: &EntryInput<'_>,
    index: usize,
    leader: Option<&Reference>,
    is_continuation: bool,
    order: DateOrder,
    article_year: Option<i32>,
    article_date: Option<PartialDate>,
) -> Reference {
    let raw = &input.raw;
    let mut r = Reference {
        url: raw.url.map(|u| u.text.to_string()),
        ..Reference::new(
            index,
            input.line,
            input.span,
            source.slice(input.span).to_string(),
        )
    };
    let mut head = fold_ws_borrowed(raw.head.text);
    let head_span = input.span_of(raw.head);
    let head_words = head.split_whitespace().count();
    let head_has_letters = head.chars().any(char::is_alphabetic);
    if raw.title.is_none()
        && raw.date.is_none()
        && (head_words > MAX_OUTLET_WORDS || !head_has_letters)
    {
        r.parsed = false;
        r.diagnostics.push(
            Diagnostic::error(
                Code::UnparsedEntry,
                input.span,
                "this line of the reference list could not be read as an entry",
            )
            .with_help(
                "it is kept as an unparsed record; entries read like \
                 `Author, \"Title,\" Outlet, 11/21/23`",
            ),
        );
        return r;
    }
    if is_continuation && leader.is_none() {
        r.diagnostics.push(
            Diagnostic::warning(
                Code::OrphanContinuation,
                raw.marker.map_or(input.span, |m| input.span_of(m)),
                "a `-` continuation line with no entry above it to continue",
            )
            .with_help("read as an entry of its own"),
        );
    }
    if let Some(l) = leader {
        r.continues = Some(l.continues.unwrap_or(l.index));
    }
    let inherit = |r: &mut Reference, l: &Reference| {
        r.authors = l.authors.clone();
        r.provenance.authors = if l.authors.is_empty() {
            Provenance::Missing
        } else {
            Provenance::Inherited {
                entry: l.continues.unwrap_or(l.index),
            }
        };
    };
    // The head: people, an organisation, or nothing (inherited).
    match leader {
        Some(l) if head.is_empty() => {
            inherit(&mut r, l);
            r.head = HeadKind::Empty;
        }
        Some(l) if names_leader_partially(&head, l) => {
            inherit(&mut r, l);
            r.head = HeadKind::People;
            let who = l
                .authors
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            r.diagnostics.push(
                Diagnostic::info(
                    Code::ContinuationPartialName,
                    head_span,
                    format!(
                        "`{head}` names the author of the entry above only in part: read as {who}"
                    ),
                )
                .with_help(format!(
                    "write `- {who}, \"…\"`, or `- \"…\"` to inherit the author"
                )),
            );
        }
        _ if head.is_empty() => r.head = HeadKind::Empty,
        _ if names::looks_like_people(&head) => {
            r.head = HeadKind::People;
            read_people(&mut r, raw.head, input);
        }
        _ => {
            r.head = HeadKind::Organisation;
            r.outlet = Some(std::mem::take(&mut head).into_owned());
            r.provenance.outlet = Provenance::Stated;
        }
    }
    // The outlet: named after the title, else inherited.
    let middle = raw.middle.map(|m| fold_ws(m.text));
    match (r.head, middle) {
        (HeadKind::Organisation, Some(outlet)) if reads_as_outlet(&outlet) => {
            // `Organisation, "Title," Outlet`: the organisation wrote it, the outlet
            // published it. It stands as the corporate author (a family name alone).
            if let Some(name) = r.outlet.take() {
                r.authors = vec![Person::new(name, "")];
                r.provenance.authors = Provenance::Stated;
            }
            r.outlet = Some(outlet);
            r.provenance.outlet = Provenance::Stated;
        }
        (HeadKind::Organisation, Some(extra)) => {
            let span = raw.middle.map_or(input.span, |m| input.span_of(m));
            r.diagnostics.push(
                Diagnostic::info(
                    Code::UnexpectedText,
                    span,
                    format!("`{extra}` after the title of an outlet-led entry was kept as a note"),
                )
                .with_help("an entry led by an outlet usually has only a date after the title"),
            );
            r.note = Some(extra);
        }
        (_, Some(outlet)) => {
            r.outlet = Some(outlet);
            r.provenance.outlet = Provenance::Stated;
        }
        (_, None) => {
            if let Some(l) = leader
                && r.outlet.is_none()
                && l.outlet.is_some()
            {
                r.outlet = l.outlet.clone();
                r.provenance.outlet = Provenance::Inherited {
                    entry: l.continues.unwrap_or(l.index),
                };
            }
        }
    }
    read_title(&mut r, raw, input);
    read_date(&mut r, raw, input, order, article_year, article_date);
    r
}

fn read_people(r: &mut Reference, head: Piece<'_>, input: &EntryInput<'_>) {
    let head_text = head.text;
    let segs = names::segments(head_text);
    let mut reading = names::split_people(&segs);
    // Names are words joined by single spaces: already folded.
    r.authors = std::mem::take(&mut reading.people);
    r.provenance.authors = if reading.restored.is_empty() {
        Provenance::Stated
    } else {
        Provenance::Repaired
    };
    let all: Vec<String> = r.authors.iter().map(ToString::to_string).collect();
    for &(seg, word) in &reading.restored {
        let s = &segs[seg];
        let start = head.offset + s.offset;
        let span = Span::new(input.base + start, input.base + start + s.len);
        r.diagnostics.push(
            Diagnostic::warning(
                Code::AuthorSeparatorMissing,
                span,
                format!(
                    "author separator missing between `{}` and `{}`: read as {} people",
                    s.words[..word].join(" "),
                    s.words[word..].join(" "),
                    all.len()
                ),
            )
            .with_help(format!("read as `{}`", all.join("; "))),
        );
    }
    if reading.last_without_given {
        r.diagnostics.push(Diagnostic::warning(
            Code::UnexpectedText,
            input.span_of(head),
            "the last name in the author list has no given name",
        ));
    }
}

fn read_title(r: &mut Reference, raw: &RawEntry<'_>, input: &EntryInput<'_>) {
    match raw.title {
        Some(t) => {
            r.title = Some(fold_ws(t.text));
            r.provenance.title = Provenance::Stated;
            if raw.title_closed || raw.marker.is_none() && raw.head.is_blank() {
                return;
            }
            if r.raw.contains(['“', '"', '«', '„']) {
                r.provenance.title = Provenance::Repaired;
                r.diagnostics.push(
                    Diagnostic::warning(
                        Code::UnclosedQuote,
                        input.span_of(t),
                        "the title's closing quote is missing: the title runs to the date",
                    )
                    .with_help("close the title with `,”`"),
                );
            } else {
                r.diagnostics.push(
                    Diagnostic::info(
                        Code::MissingTitle,
                        input.span_of(t),
                        "no quoted title: the text after the first comma was read as the title",
                    )
                    .with_help("put the title in quotes"),
                );
            }
        }
        None => r.diagnostics.push(
            Diagnostic::warning(Code::MissingTitle, input.span, "this entry has no title")
                .with_help("entries read like `Outlet, \"Title,\" 11/21/23`"),
        ),
    }
}

fn read_date(
    r: &mut Reference,
    raw: &RawEntry<'_>,
    input: &EntryInput<'_>,
    order: DateOrder,
    article_year: Option<i32>,
    article_date: Option<PartialDate>,
) {
    let Some(d) = raw.date else {
        // A last word with digits in it was probably meant as a date: say what is wrong.
        let last = r.raw.split_whitespace().next_back().unwrap_or("");
        let broken = last
            .chars()
            .any(|c| c.is_ascii_digit())
            .then(|| date::explain(last))
            .flatten();
        let diag = match broken {
            Some(why) => Diagnostic::warning(
                Code::UnreadableDate,
                input.span,
                format!("`{last}` looks like a date but could not be read: {why}"),
            )
            .with_help("the entry is kept without a date; write it like `11/21/23`"),
            None => Diagnostic::warning(Code::MissingDate, input.span, "this entry has no date")
                .with_help("add the publication date at the end, e.g. `11/21/23`"),
        };
        r.diagnostics.push(diag);
        return;
    };
    let span = input.span_of(d.piece);
    r.date_text = Some(d.piece.text.to_string());
    let Some(value) = date::resolve(&d.value, order, article_year) else {
        r.diagnostics.push(
            Diagnostic::error(
                Code::UnreadableDate,
                span,
                format!("`{}` is not a calendar date", fold_ws(d.piece.text)),
            )
            .with_help("the text is kept in `date_text`"),
        );
        return;
    };
    r.date = Some(value);
    r.provenance.date = Provenance::Stated;
    if let RawDate::Numeric {
        had_spaces: true, ..
    } = d.value
    {
        r.provenance.date = Provenance::Repaired;
        let compact: String = d
            .piece
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        r.diagnostics.push(
            Diagnostic::warning(
                Code::DateWhitespace,
                span,
                format!("white space inside the date: read as {value}"),
            )
            .with_help(format!("write `{compact}`")),
        );
    }
    if let Some(article) = article_date
        && value.first_day() > article.last_day()
    {
        r.diagnostics.push(
            Diagnostic::warning(
                Code::DateAfterArticle,
                span,
                format!("dated {value}, after the article itself ({article})"),
            )
            .with_help("check the date: a source cannot be published after the article citing it"),
        );
    }
}
