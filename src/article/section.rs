//! Finds the reference list among the groups of an article's lines.
//!
//! Each group is scored by its shape ([`Likeness`]): an *anchor* is a group that
//! clearly is an entry (a head and a quoted title, dated or not, a quoted title with a
//! date, or a `-` continuation mark); a weak group could be one (a short line ending in a date, a quoted title with
//! no head); anything else is not. The list is the run of anchors and weak groups with
//! the most anchors. Runs are joined across a short gap (an entry too broken to look
//! like one) only when anchors stand on both sides, so a short article's date line,
//! headline and body never join a two-entry list; a weak group before the first
//! anchor that reads as a line of the body is cut off, with everything above it.

use super::lines::LineGroup;
use crate::refs::date::{parse_date_line, parse_whole};
use crate::refs::{grammar, names};
use crate::source::Source;
use std::sync::OnceLock;

/// How much a group of lines looks like a reference entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Likeness {
    /// An entry's shape: a head (`Author,` or `Outlet,`) and a quoted title, dated or
    /// not, maybe an outlet after it; a quoted title with a date; or a continuation
    /// mark with a title or a date.
    Entry,
    /// A short line ending in a date, or a quoted title that does not read as an
    /// entry's.
    Weak,
    /// A short heading such as `SOURCES`.
    Heading,
    /// Anything else.
    No,
}

impl Likeness {
    /// Whether the group clearly is an entry: a list needs at least one.
    pub(super) fn is_anchor(self) -> bool {
        self == Likeness::Entry
    }

    fn is_member(self) -> bool {
        matches!(self, Likeness::Entry | Likeness::Weak)
    }
}

const MAX_ENTRY_CHARS: usize = 600;
/// Most words the head of an entry may have (three authors with initials fit).
const MAX_HEAD_WORDS: usize = 16;
/// Longest text after the title (outlet, date, URL) of an undated entry.
const MAX_TAIL_CHARS: usize = 200;

pub(super) fn is_heading(text: &str) -> bool {
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

/// Whether a word can begin or end an entry's head or its outlet: a capitalised word,
/// a number, a name particle (`de`, `van`), a web address (`bbc.com`), or a word of
/// a script without case.
fn is_head_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '\'' | '‘' | '’'));
    let Some(first) = w.chars().next() else {
        return false;
    };
    first.is_uppercase()
        || first.is_ascii_digit()
        || (first.is_alphabetic() && !first.is_lowercase())
        || names::is_particle(w)
        || names::is_hyphenated_particle_name(w)
        || is_web_address(w)
}

/// `bbc.com`, `Express.co.uk`, `www.example.org`: letters on both sides of a dot.
fn is_web_address(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']);
    word.split_once('.').is_some_and(|(a, b)| {
        a.chars().next().is_some_and(char::is_alphanumeric)
            && b.chars().next().is_some_and(char::is_alphabetic)
    }) && !word.contains(' ')
}

/// Whether `text` holds the end of a sentence before its last word: a word of four
/// letters or more ending in `.`, `!` or `?` with more text after it.
fn has_sentence_break(text: &str) -> bool {
    let text = text.trim_end();
    let bytes = text.as_bytes();
    // Most heads and tails hold no such mark before a space: look at bytes first.
    bytes.windows(2).enumerate().any(|(i, w)| {
        matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace() && {
            let word = text[..=i].rsplit(char::is_whitespace).next().unwrap_or("");
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let abbreviation = word.chars().filter(|c| c.is_uppercase()).count() >= 2;
            letters >= 4 && !abbreviation && !is_web_address(word)
        }
    })
}

/// Whether the text before a quoted title reads as an entry's head: a few name-like
/// words ending in a comma (`de la Cruz, Maria,`, `bbc.com,`, `Outlet,`), not a
/// clause of a sentence (`He said,`).
fn is_entry_head(head: &str) -> bool {
    let Some(head) = head.trim_end().strip_suffix([',', '.']) else {
        return false;
    };
    // First word, last word and the count, in one pass (stopping past the most words).
    let (mut first, mut last, mut count) = (None, "", 0);
    for word in head.split_whitespace() {
        first.get_or_insert(word);
        last = word;
        count += 1;
        if count > MAX_HEAD_WORDS {
            return false;
        }
    }
    let Some(first) = first else {
        return false;
    };
    is_head_word(first)
        && (is_head_word(last) || last.ends_with('.'))
        && !has_sentence_break(head)
}

/// The head and the tail of a line around its first quotation: a title ends at its
/// first `,”` followed by more text, so a line with two quotations (`X, "a," in 1990.
/// He said, "b."`) has the text after the first one as its tail.
fn first_quote_end<'s>(text: &'s str, head: &'s str, tail: &'s str) -> (&'s str, &'s str) {
    let quoted = &text[head.len()..text.len() - tail.len()];
    let open = quoted.chars().next().map_or(0, char::len_utf8);
    // Byte offset (in `quoted`) just past the first `,"` or `,”` after the opening
    // quote that has more than one character of text after it.
    let inner = memchr::memchr_iter(b',', &quoted.as_bytes()[open..]).find_map(|at| {
        let after = &quoted[open + at + 1..];
        let close = after.chars().next().filter(|c| matches!(c, '"' | '”'))?;
        let end = open + at + 1 + close.len_utf8();
        quoted[end..].chars().nth(1).is_some().then_some(end)
    });
    match inner {
        Some(end) => (head, &text[head.len() + end..]),
        None => (head, tail),
    }
}

/// Whether a line is a quoted title standing alone (`"Environment Agency"`), not a
/// quoted sentence: nothing before the quote, and no full stop or `!` ending the title.
fn is_title_alone(head: &str, text: &str, tail: &str) -> bool {
    if !head.trim().is_empty() {
        return false;
    }
    let quoted = text[..text.len() - tail.len()].trim();
    let title = quoted
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '!')
        .trim_end();
    !title.ends_with(['.', '!'])
}

/// Whether the text after a closing quote can end an entry: nothing, or an outlet,
/// date or URL (`, Coastal Times, 5/30/24`), not the rest of a sentence.
fn is_entry_tail(tail: &str) -> bool {
    let tail =
        tail.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':'));
    if tail.trim().is_empty() {
        return true;
    }
    tail.len() <= MAX_TAIL_CHARS
        && tail
            .split_whitespace()
            .next()
            .is_some_and(|w| is_head_word(w) || w.starts_with("http") || w.starts_with("www."))
        && !has_sentence_break(tail)
}

/// Whether a group is only a date, or a date line such as `Tuesday, March 4, 2025`:
/// an article's date, never an entry.
fn is_bare_date(text: &str) -> bool {
    text.len() <= 60 && (parse_date_line(text).is_some() || parse_whole(text).is_some())
}

pub(super) fn likeness(text: &str) -> Likeness {
    if text.len() > MAX_ENTRY_CHARS * 4 {
        return Likeness::No;
    }
    if is_heading(text) {
        return Likeness::Heading;
    }
    if is_bare_date(text) {
        return Likeness::No;
    }
    let marker = grammar::starts_with_marker(text);
    let parts = grammar::quoted_parts(text).map(|(head, tail)| first_quote_end(text, head, tail));
    // A continuation mark with a quoted title is an entry without its date.
    if marker && parts.is_some() {
        return Likeness::Entry;
    }
    if let Some((head, tail)) = parts
        && is_entry_tail(tail)
    {
        // A head and a quoted title: an entry, dated or not (the date is not read
        // here: the entry's parse reads it).
        let shaped = is_entry_head(head) || is_title_alone(head, text, tail);
        if shaped && text.len() <= MAX_ENTRY_CHARS {
            return Likeness::Entry;
        }
        // Otherwise a quoted title with a date is an entry too, unless the head is a
        // sentence, or a clause before a full stop (`The mayor said, "…," on June 2,
        // 2024.`): a body paragraph quoting someone. Words no entry has after its
        // title (`…," in 2023.`) have failed the tail test above.
        let clause = !shaped && !head.trim().is_empty() && text.trim_end().ends_with('.');
        if !clause && !has_sentence_break(head) && grammar::ends_with_date(text) {
            return Likeness::Entry;
        }
    }
    let dated = grammar::ends_with_date(text);
    if dated && marker {
        return Likeness::Entry;
    }
    // `". "` cannot overlap itself, so counting windows counts matches.
    let sentences = || text.as_bytes().windows(2).filter(|w| w == b". ").count();
    if (dated || parts.is_some() || marker) && text.chars().count() <= 200 && sentences() <= 1 {
        Likeness::Weak
    } else {
        Likeness::No
    }
}

/// Most groups of other text a reference list may hold between two of its entries
/// (an entry too broken to look like one), and how long such a group may be.
const MAX_GAP_GROUPS: usize = 2;
const MAX_GAP_CHARS: usize = 300;

/// Whether a weak group reads as a line of the body, not an entry: a sentence (it
/// ends with a full stop, maybe inside a closing quote, or is long), a clause that
/// quotes someone (`The mayor said, "…"`), or a headline ending in a year with no comma
/// before it (`The harbour plan for 2025`).
fn reads_as_body(text: &str) -> bool {
    let end = text.trim_end().trim_end_matches(['"', '”', '’', '\'', ')']);
    if end.ends_with(['.', '!', '?']) || text.split_whitespace().count() > 25 {
        return true;
    }
    match grammar::quoted_parts(text) {
        Some((head, _)) => !head.trim().is_empty() && !is_entry_head(head),
        None => !grammar::starts_with_marker(text) && !text.contains(','),
    }
}

/// Finds the run of groups that makes the reference list: (first, last, heading).
///
/// Runs are maximal stretches of reference-like groups; two runs are one when only a
/// short gap of other lines stands between them and both have an anchor, so a broken
/// entry inside a list is kept (as an unparsed record), not cut off.
pub(super) fn find_section(
    source: &Source,
    groups: &[LineGroup],
    kinds: &[Likeness],
) -> Option<(usize, usize, Option<usize>)> {
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (anchors, first, last)
    let mut i = 0;
    while i < groups.len() {
        if !kinds[i].is_member() {
            i += 1;
            continue;
        }
        let first = i;
        let mut anchors = 0;
        while i < groups.len() && kinds[i].is_member() {
            anchors += usize::from(kinds[i].is_anchor());
            i += 1;
        }
        match runs.last_mut() {
            Some(prev)
                if anchors > 0
                    && prev.0 > 0
                    && first - prev.2 - 1 <= MAX_GAP_GROUPS
                    && groups[prev.2 + 1..first].iter().all(|g| {
                        g.span.len() <= MAX_GAP_CHARS && !is_heading(source.slice(g.span))
                    }) =>
            {
                prev.0 += anchors;
                prev.2 = i - 1;
            }
            _ => runs.push((anchors, first, i - 1)),
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
    // Weak groups above the first anchor belong to the list only when they read like
    // its entries: a body line among them (a sentence, a quotation, a headline ending
    // in a year) cuts the list below it.
    let first_anchor = (first..=last).find(|&g| kinds[g].is_anchor())?;
    if let Some(cut) = (first..first_anchor)
        .rev()
        .find(|&g| reads_as_body(source.slice(groups[g].span)))
    {
        first = cut + 1;
    }
    let heading = first
        .checked_sub(1)
        .filter(|&h| kinds[h] == Likeness::Heading);
    Some((first, last, heading))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_shapes_with_and_without_dates() {
        let cases = [
            (
                "Okafor, Ngozi, \"Port dredging,\" Coastal Times, 5/30/24",
                Likeness::Entry,
            ),
            (
                "de la Cruz, Maria, \"Dredgers return,\" 6/1/24",
                Likeness::Entry,
            ),
            ("bbc.com, \"Harbour works restart\"", Likeness::Entry),
            (
                "Green Cells Ltd, \"Our recycling process\"",
                Likeness::Entry,
            ),
            (
                "Lathrop, Coalter G., \"A report,\" Research Service",
                Likeness::Entry,
            ),
            ("\"A title alone\"", Likeness::Entry),
            ("\"We will not leave.\"", Likeness::Weak),
            ("Shafaq News, 11/20/23", Likeness::Weak),
            (
                "He said, \"we will stay,\" and left the room.",
                Likeness::Weak,
            ),
            ("Tuesday, March 4, 2025", Likeness::No),
            ("SOURCES", Likeness::Heading),
        ];
        for (text, want) in cases {
            assert_eq!(likeness(text), want, "{text}");
        }
    }

    #[test]
    fn a_sentence_with_a_quote_and_a_year_is_not_an_entry() {
        let text = "Prices rose sharply. The minister called it, \"a passing storm,\" in 2023";
        assert_ne!(likeness(text), Likeness::Entry);
        let text = "The mayor said, \"we will stay,\" on June 2, 2024.";
        assert_ne!(likeness(text), Likeness::Entry);
        // An entry whose head ends in lower case keeps its date.
        let text = "Scottish History online, \"Treaty of Union,\" 2011";
        assert_eq!(likeness(text), Likeness::Entry);
    }
}
