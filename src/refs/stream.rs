//! Reads a news-style list record by record, so a list of any length can be written
//! out while it is read and no more than one record is held at a time.
//!
//! A few facts about a record depend on the whole list: the month/day order of its
//! dates, whether a later entry repeats it, whether another entry names its head as a
//! person. [`plan`] gathers them first in a light pass over the entries (the entry
//! grammar and small per-entry facts, no records), then [`ListPlan::records`] resolves
//! each entry into its final [`Reference`] in order, keys it, and hands it over.
//! [`parse_section`] collects those records: the library and the streamed CLI output
//! come from the one path.

use super::date::{self, DateOrder, RawDate};
use super::duplicates::{self, Dup, MIN_PRINT_LEN, TitlePrint};
use super::grammar::{self, PackedEntry};
use super::keys::{self, KeyStem, Keys, StemBuffers};
use super::record::{PartialDate, Reference};
use super::resolve::{EntryInput, Leader, is_unreadable, resolve_entry};
use super::short_forms::{self, Families};
use crate::article::{LineGroup, ReferenceSection};
use crate::diag::{Code, Diagnostic};
use crate::source::Source;
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

/// Parses every entry of `section` into a record.
pub fn parse_section(
    source: &Source,
    section: &ReferenceSection,
    article_date: Option<PartialDate>,
) -> ParsedList {
    let mut plan = plan(source, section, article_date);
    let diagnostics = std::mem::take(&mut plan.diagnostics);
    let date_order = plan.date_order;
    ParsedList {
        references: plan.records(source, &section.entries).collect(),
        diagnostics,
        date_order,
    }
}

/// What the records of a list need to know about the whole list, gathered before the
/// first record is made.
#[derive(Debug)]
pub struct ListPlan {
    /// Diagnostics about the list as a whole: final before any record is read.
    pub diagnostics: Vec<Diagnostic>,
    /// The month/day order of the list's numeric dates.
    pub date_order: DateOrder,
    /// Whether every entry starts with a bullet (not continuation marks).
    bullet_list: bool,
    /// The year two-digit years resolve against.
    article_year: Option<i32>,
    article_date: Option<PartialDate>,
    /// Per entry: which other entry it probably repeats, or is repeated by.
    dups: Vec<Dup>,
    /// The family names of the people-led entries, when some entry may be a
    /// short-form note of one of them.
    families: Option<Families>,
    /// What the grammar read of each entry, so that it reads each entry once.
    read: Vec<Option<PackedEntry>>,
    /// Per entry: whether it starts with a `-`-like mark, and whether it cannot be
    /// read; together they say which entries a `-` line below may continue.
    marks: Vec<EntryMarks>,
}

/// What [`ListPlan::chunk`] needs to know of an entry to find the one a chunk's first
/// `-` lines continue.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct EntryMarks {
    marked: bool,
    unreadable: bool,
}

/// Gathers what the records of `section` need to know about the whole list.
pub fn plan(
    source: &Source,
    section: &ReferenceSection,
    article_date: Option<PartialDate>,
) -> ListPlan {
    let entries = &section.entries;
    let FirstPass {
        raw_dates,
        prints,
        read,
        marks,
        maybe_notes,
    } = first_pass(source, entries);
    let first_marked = marks.first().is_some_and(|m| m.marked);
    let markers = marks.iter().filter(|m| m.marked).count();
    let unreadable = marks.iter().filter(|m| m.unreadable).count();
    let bullet_list = first_marked && markers * 5 >= entries.len() * 4;
    let (order, for_order, against) = date::decide_order(&raw_dates);
    // Two-digit years resolve against the article's year; without one, against today's
    // (an article is never dated after the day it is read).
    let article_year = Some(article_date.map_or_else(date::fallback_anchor_year, |d| d.year));
    let mut diagnostics = Vec::new();
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
        let span = entries.first().map_or(section.span, |g| g.span);
        diagnostics.push(if against > 0 {
            Diagnostic::warning(Code::DateOrder, span, message)
                .with_help("dates that fit neither reading of the list are kept as text")
        } else {
            Diagnostic::info(Code::DateOrder, span, message)
        });
    }
    let first_entry = entries.first().map_or(section.span, |g| g.span);
    diagnostics.extend(two_digit_years(
        &raw_dates,
        article_date.map(|d| d.year),
        article_year,
        first_entry,
    ));
    drop(raw_dates);
    if !entries.is_empty() && unreadable == entries.len() {
        diagnostics.push(
            Diagnostic::error(
                Code::NothingParseable,
                section.span,
                "a reference section was found but none of its entries could be read",
            )
            .with_help("entries read like `Author, \"Title,\" Outlet, 11/21/23`"),
        );
    }
    let dups = duplicates::find(prints.into_iter().map(|(print, raw)| {
        let date = raw.and_then(|d| date::resolve(&d, order, article_year));
        (print, date)
    }));
    let mut plan = ListPlan {
        diagnostics,
        date_order: order,
        bullet_list,
        article_year,
        article_date,
        dups,
        families: None,
        read,
        marks,
    };
    if maybe_notes {
        // Some entry may be a short-form note: read the list once to learn its
        // people's family names.
        let mut families = Families::default();
        let mut resolver = Resolver::default();
        for (pos, g) in entries.iter().enumerate() {
            let r = resolver.next(&plan, source, pos, g);
            short_forms::gather(&r, &mut families);
        }
        plan.families = Some(families);
    }
    plan
}

/// What the plan reads of each entry before it looks at the list as a whole.
#[derive(Debug, PartialEq)]
struct FirstPass {
    /// The dates the entries have, in order.
    raw_dates: Vec<RawDate>,
    /// Per entry: the title's fingerprint (when long enough) and its raw date.
    prints: Vec<(Option<TitlePrint>, Option<RawDate>)>,
    read: Vec<Option<PackedEntry>>,
    marks: Vec<EntryMarks>,
    /// Whether some entry may be a short-form note.
    maybe_notes: bool,
}

/// Lists at least this long are read in two halves at once (rayon: on two cores where
/// there are two).
const TWO_HALVES: usize = 4096;

/// The first pass over `entries`: for a long list in two halves at once, each filling its
/// half of the per-entry tables in place (the same result as one pass).
fn first_pass(source: &Source, entries: &[LineGroup]) -> FirstPass {
    first_pass_in(source, entries, entries.len() >= TWO_HALVES)
}

/// [`first_pass`] in two halves when `halves`, else in one.
fn first_pass_in(source: &Source, entries: &[LineGroup], halves: bool) -> FirstPass {
    let n = entries.len();
    let mut pass = FirstPass {
        raw_dates: Vec::new(),
        prints: vec![(None, None); n],
        read: vec![None; n],
        marks: vec![EntryMarks::default(); n],
        maybe_notes: false,
    };
    let half = if halves { n / 2 } else { n };
    let (p1, p2) = pass.prints.split_at_mut(half);
    let (r1, r2) = pass.read.split_at_mut(half);
    let (m1, m2) = pass.marks.split_at_mut(half);
    let (e1, e2) = entries.split_at(half);
    let (first, second) = rayon::join(
        || Tables::new(p1, r1, m1).fill(source, e1),
        || Tables::new(p2, r2, m2).fill(source, e2),
    );
    for counts in [first, second] {
        pass.raw_dates.extend(counts.raw_dates);
        pass.maybe_notes |= counts.maybe_notes;
    }
    pass
}

/// The per-entry tables of a [`FirstPass`] for some of the entries.
struct Tables<'a> {
    prints: &'a mut [(Option<TitlePrint>, Option<RawDate>)],
    read: &'a mut [Option<PackedEntry>],
    marks: &'a mut [EntryMarks],
}

/// What a [`FirstPass`] gathers over some of the entries besides its tables.
#[derive(Debug, Default)]
struct Counts {
    raw_dates: Vec<RawDate>,
    maybe_notes: bool,
}

impl<'a> Tables<'a> {
    fn new(
        prints: &'a mut [(Option<TitlePrint>, Option<RawDate>)],
        read: &'a mut [Option<PackedEntry>],
        marks: &'a mut [EntryMarks],
    ) -> Self {
        Tables {
            prints,
            read,
            marks,
        }
    }

    /// Reads `entries` (as many as the tables have rows) into the tables.
    fn fill(self, source: &Source, entries: &[LineGroup]) -> Counts {
        let mut counts = Counts::default();
        let mut print = Vec::new();
        let rows = self.read.iter_mut().zip(self.marks).zip(self.prints);
        for (g, ((read, marks), prints)) in entries.iter().zip(rows) {
            let text = source.slice(g.span);
            let raw = grammar::entry(text);
            *read = raw.pack(text.len());
            let date = raw.date.map(|d| d.value);
            counts.raw_dates.extend(date);
            *marks = EntryMarks {
                marked: raw.marker.is_some(),
                unreadable: is_unreadable(&raw),
            };
            counts.maybe_notes |=
                raw.date.is_none() && short_forms::could_be_note(raw.head.text);
            *prints = (
                raw.title.and_then(|t| {
                    // White space leaves no trace in a fingerprint: no folding first.
                    keys::title_fingerprint_into(&mut print, t.text);
                    (print.len() >= MIN_PRINT_LEN).then(|| TitlePrint::new(&print))
                }),
                date,
            );
        }
        counts
    }
}

impl ListPlan {
    /// The records of the list's `entries` (those it was planned on), in order, each
    /// final when it is handed over.
    pub fn records<'a>(self, source: &'a Source, entries: &'a [LineGroup]) -> Records<'a> {
        Records {
            keys: Keys::with_capacity(entries.len()),
            plan: self,
            source,
            entries,
            pos: 0,
            resolver: Resolver::default(),
            stems: StemBuffers::default(),
        }
    }
}

impl ListPlan {
    /// Makes the records of the entries `range` of the list's `entries` (those it was
    /// planned on), in order, handing each to `each` with the stem of its key: the
    /// records [`ListPlan::records`] makes for those entries, but for their keys, which
    /// depend on every key before them and are given in list order by the caller
    /// ([`Keys::next`]). Chunks of one list can be made on several threads at once.
    pub fn chunk(
        &self,
        source: &Source,
        entries: &[LineGroup],
        range: std::ops::Range<usize>,
        mut each: impl FnMut(Reference, KeyStem),
    ) {
        let mut resolver = Resolver::default();
        // The entry that `-` lines at the chunk's start continue: the last one before
        // it that is neither a `-` line nor unreadable (only such records lead).
        let lead = self.marks[..range.start]
            .iter()
            .rposition(|m| (!m.marked || self.bullet_list) && !m.unreadable);
        if let Some(j) = lead {
            resolver.next(self, source, j, &entries[j]);
        }
        let mut stems = StemBuffers::default();
        for pos in range {
            let mut r = resolver.next(self, source, pos, &entries[pos]);
            let stem = KeyStem::of(&r, &mut stems);
            self.finish(&mut r, pos, entries);
            each(r, stem);
        }
    }

    /// The list-wide facts of entry `pos`'s record `r` but its key: short-form notes and
    /// repeats.
    fn finish(&self, r: &mut Reference, pos: usize, entries: &[LineGroup]) {
        if let Some(families) = &self.families {
            short_forms::apply(r, families);
        }
        let entry = |i: usize| (i + 1, entries[i].first_line);
        duplicates::mark(r, self.dups[pos], entry);
    }
}

/// Resolves entries in list order, remembering the entry that `-` lines continue.
#[derive(Debug, Default)]
struct Resolver {
    leader: Option<Leader>,
}

impl Resolver {
    /// The record of entry `pos` (whose lines are `g`), before the list-wide facts.
    fn next(&mut self, plan: &ListPlan, source: &Source, pos: usize, g: &LineGroup) -> Reference {
        let text = source.slice(g.span);
        let input = EntryInput {
            raw: match plan.read.get(pos).copied().flatten() {
                Some(packed) => packed.unpack(text),
                None => grammar::entry(text),
            },
            base: g.span.start,
            span: g.span,
            line: g.first_line,
        };
        let is_continuation = input.raw.marker.is_some() && !plan.bullet_list;
        let mut r = resolve_entry(
            source,
            &input,
            pos + 1,
            self.leader.as_ref().filter(|_| is_continuation),
            is_continuation,
            plan.date_order,
            plan.article_year,
            plan.article_date,
        );
        if r.parsed && r.continues.is_none() && !is_continuation {
            self.leader
                .get_or_insert_with(Leader::default)
                .copy_from(&r);
        }
        r.diagnostics.sort_by_key(|d| d.span.start);
        r
    }
}

/// The records of a list, made one at a time (see [`ListPlan::records`]).
#[derive(Debug)]
pub struct Records<'a> {
    plan: ListPlan,
    source: &'a Source,
    entries: &'a [LineGroup],
    pos: usize,
    resolver: Resolver,
    keys: Keys,
    stems: StemBuffers,
}

impl Iterator for Records<'_> {
    type Item = Reference;

    fn next(&mut self) -> Option<Reference> {
        let pos = self.pos;
        let g = self.entries.get(pos)?;
        self.pos += 1;
        let mut r = self.resolver.next(&self.plan, self.source, pos, g);
        let stem = KeyStem::of(&r, &mut self.stems);
        self.plan.finish(&mut r, pos, self.entries);
        r.key = self.keys.next(&stem);
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.entries.len() - self.pos;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Records<'_> {}

/// What the list's two-digit years were read as, said once for the list at `span`:
/// against the article's own year when it has one (a note), else against today's (a
/// warning: the century is a guess the user should see).
fn two_digit_years(
    raw: &[RawDate],
    article: Option<i32>,
    anchor: Option<i32>,
    span: crate::Span,
) -> Option<Diagnostic> {
    let years: Vec<i32> = raw
        .iter()
        .filter_map(|d| match *d {
            RawDate::Numeric {
                year,
                short_year: true,
                ..
            } => Some(date::resolve_year(year, anchor)),
            _ => None,
        })
        .collect();
    let (lo, hi) = (*years.iter().min()?, *years.iter().max()?);
    let range = if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}–{hi}")
    };
    let n = years.len();
    let message = match (article, anchor) {
        (Some(y), _) => format!(
            "{n} two-digit year(s) read as {range}: each the nearest year not after {}, the year after the article's",
            y + 1
        ),
        (None, Some(_)) => format!(
            "{n} two-digit year(s) read as {range}: the article has no date, so each is the nearest year not after next year"
        ),
        (None, None) => format!("{n} two-digit year(s) read as {range}"),
    };
    Some(if article.is_some() {
        Diagnostic::info(Code::TwoDigitYear, span, message)
    } else {
        Diagnostic::warning(Code::TwoDigitYear, span, message)
            .with_help("write a year of another century in full (`4/23/1912`)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_lists_first_pass_in_two_halves_is_the_one_pass() {
        // Dated and undated entries, `-` lines, unreadable lines and repeated titles.
        let mut text = String::from("A Long List\n\nSome text of the article.\n\nSources:\n");
        for i in 0..TWO_HALVES + 13 {
            text.push_str(&match i % 7 {
                0 => format!("- \"Follow-up {},\" 3/{}/24\n", i % 50, i % 28 + 1),
                1 => "12345 67890 13579\n".to_string(),
                2 => format!("Outlet {}, \"A page without a date {i}\"\n", i % 9),
                _ => format!(
                    "Writer{}, Ann, \"Report {} on the budget,\" Outlet, 2/{}/24\n",
                    i % 3,
                    i % 40,
                    i % 28 + 1
                ),
            });
        }
        let source = Source::new("long.txt", text);
        let article = crate::article::split(&source);
        let entries = &article.references.as_ref().expect("a list").entries;
        assert!(entries.len() >= TWO_HALVES, "{} entries", entries.len());
        let one = first_pass_in(&source, entries, false);
        assert!(one.marks.iter().any(|m| m.marked) && one.marks.iter().any(|m| m.unreadable));
        assert!(one.raw_dates.len() < entries.len());
        assert_eq!(first_pass_in(&source, entries, true), one);
    }
}
