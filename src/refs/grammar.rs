//! The grammar of one reference entry, in small named nom parsers.
//!
//! An entry reads `[- ]HEAD, "TITLE," [OUTLET,] DATE [URL]`, where every part but the
//! title may be missing and the title may be missing too (`Outlet, date`). This layer
//! borrows from the input and keeps byte offsets; `super::resolve` turns it into
//! owned [`super::Reference`] records.

use super::date::{self, Fast, GrammarError, RawDate, Res, expected};
use super::quotes::{self, OPEN_QUOTES};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::error::context;
use nom::sequence::terminated;
use nom::{Offset, Parser};

/// A piece of an entry: its text and its byte offset inside the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'s> {
    /// The text, as written (not yet trimmed of inner white space).
    pub text: &'s str,
    /// Byte offset inside the entry text.
    pub offset: usize,
}

impl<'s> Piece<'s> {
    fn of(entry: &'s str, text: &'s str) -> Self {
        Piece {
            text,
            offset: entry.offset(text),
        }
    }

    /// The piece trimmed of white space and of `chars` at both ends, offsets kept.
    pub fn trim_matches(self, chars: &[char]) -> Piece<'s> {
        let is_junk = |c: char| c.is_whitespace() || chars.contains(&c);
        let start_trimmed = self.text.trim_start_matches(is_junk);
        let lead = self.text.len() - start_trimmed.len();
        Piece {
            text: start_trimmed.trim_end_matches(is_junk),
            offset: self.offset + lead,
        }
    }

    /// The piece trimmed like [`Piece::trim_matches`] with the field separators, but
    /// keeping a full stop that ends a word: the stop of an initial or an abbreviation
    /// (`Lathrop, Coalter G.`, `Impossible Metals Inc.`) is part of the name.
    pub fn trim_head(self) -> Piece<'s> {
        let trimmed = self.trim_matches(FIELD_JUNK);
        let end = trimmed.offset - self.offset + trimmed.text.len();
        let after = &self.text[end..];
        let keeps_stop = after.starts_with('.')
            && !after[1..].starts_with('.')
            && trimmed.text.ends_with(char::is_alphabetic);
        if keeps_stop {
            let start = trimmed.offset - self.offset;
            Piece {
                text: &self.text[start..end + 1],
                offset: trimmed.offset,
            }
        } else {
            trimmed
        }
    }

    /// Whether the piece holds nothing but white space.
    pub fn is_blank(self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A date found in an entry: where it stands and what it says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DatePiece<'s> {
    /// The date's text.
    pub piece: Piece<'s>,
    /// The date as read.
    pub value: RawDate,
}

/// One entry, split into its parts but not yet interpreted.
#[derive(Debug, Clone, PartialEq)]
pub struct RawEntry<'s> {
    /// The `-` marker of a continuation line, if any.
    pub marker: Option<Piece<'s>>,
    /// Text before the title (author, people or organisation); may be blank.
    pub head: Piece<'s>,
    /// The title between its quotes, trailing comma removed.
    pub title: Option<Piece<'s>>,
    /// Whether the title's closing quote was found.
    pub title_closed: bool,
    /// Text between the title and the date: the outlet, usually.
    pub middle: Option<Piece<'s>>,
    /// The date at the end.
    pub date: Option<DatePiece<'s>>,
    /// A URL at the very end.
    pub url: Option<Piece<'s>>,
}

/// A [`RawEntry`] without its borrow: where each part stands in the entry's text, as
/// 32-bit offsets. [`super::plan`] keeps one per entry, so the records are made
/// without reading each entry with the grammar a second time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PackedEntry {
    marker: Slot,
    head: Slot,
    title: Slot,
    middle: Slot,
    date: Slot,
    url: Slot,
    title_closed: bool,
    date_value: Option<RawDate>,
}

/// A piece's offset and length; `NONE` in the offset when there is no piece.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    offset: u32,
    len: u32,
}

impl Slot {
    const NONE: Slot = Slot {
        offset: u32::MAX,
        len: 0,
    };

    fn of(piece: Option<Piece<'_>>) -> Slot {
        piece.map_or(Slot::NONE, |p| Slot {
            offset: p.offset as u32,
            len: p.text.len() as u32,
        })
    }

    fn piece(self, entry: &str) -> Option<Piece<'_>> {
        if self.offset == u32::MAX {
            return None;
        }
        let (offset, len) = (self.offset as usize, self.len as usize);
        entry.get(offset..offset + len).map(|text| Piece { text, offset })
    }
}

impl RawEntry<'_> {
    /// The entry without its borrow. Entries longer than 4 GiB are not packed (an
    /// entry is a few lines; the grammar is then run again).
    pub fn pack(&self, entry_len: usize) -> Option<PackedEntry> {
        u32::try_from(entry_len).ok().filter(|&n| n < u32::MAX)?;
        Some(PackedEntry {
            marker: Slot::of(self.marker),
            head: Slot::of(Some(self.head)),
            title: Slot::of(self.title),
            middle: Slot::of(self.middle),
            date: Slot::of(self.date.map(|d| d.piece)),
            url: Slot::of(self.url),
            title_closed: self.title_closed,
            date_value: self.date.map(|d| d.value),
        })
    }
}

impl PackedEntry {
    /// The [`RawEntry`] it was packed from, borrowing `entry` (the same text).
    pub fn unpack(self, entry: &str) -> RawEntry<'_> {
        RawEntry {
            marker: self.marker.piece(entry),
            head: self.head.piece(entry).unwrap_or(Piece {
                text: "",
                offset: 0,
            }),
            title: self.title.piece(entry),
            title_closed: self.title_closed,
            middle: self.middle.piece(entry),
            date: self
                .date
                .piece(entry)
                .zip(self.date_value)
                .map(|(piece, value)| DatePiece { piece, value }),
            url: self.url.piece(entry),
        }
    }
}

const FIELD_JUNK: &[char] = &[',', ';', '.', ':'];

fn is_marker_char(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•' | '*')
}

/// `- ` / `– ` / `— `: the mark of a line that continues the entry above.
fn continuation_marker<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, &'s str, E> {
    context(
        "a continuation mark",
        terminated(
            recognize(satisfy(is_marker_char)),
            satisfy(char::is_whitespace),
        ),
    )
    .parse(i)
}

/// Text up to the title's opening quote.
fn head_before_quote<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, &'s str, E> {
    match quotes::find_open(i) {
        Some(at) => Ok((&i[at..], &i[..at])),
        None => expected(i, "an opening quote"),
    }
}

/// `“Title,”`: the opening quote, then everything up to the last closing quote.
/// Returns (title text, closed?).
fn quoted_title<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, (&'s str, bool), E> {
    let (body, _) = context("an opening quote", satisfy(|c| OPEN_QUOTES.contains(&c))).parse(i)?;
    match quotes::rfind_close(body) {
        Some((end, close_len)) => Ok((&body[end + close_len..], (&body[..end], true))),
        None => Ok((&body[body.len()..], (body, false))),
    }
}

/// A URL token at the end of an entry.
fn url_token<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, &'s str, E> {
    recognize((
        alt((tag("https://"), tag("http://"), tag("www."))),
        take_while(|c: char| !c.is_whitespace()),
    ))
    .parse(i)
}

/// Splits `text` into (before, url) when it ends with a URL.
fn split_url(text: Piece<'_>) -> (Piece<'_>, Option<Piece<'_>>) {
    let trimmed = text.text.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let last = &trimmed[start..];
    match url_token::<Fast<'_>>(last) {
        Ok(("", url)) => {
            let before = &text.text[..text.text.offset(url)];
            (
                Piece {
                    text: before,
                    offset: text.offset,
                },
                Some(Piece {
                    text: url,
                    offset: text.offset + text.text.offset(url),
                }),
            )
        }
        _ => (text, None),
    }
}

/// How many candidate starts [`split_date`] tries, counted from the end of the text.
const MAX_DATE_STARTS: usize = 6;

/// Whether `c` can stand inside a date: the date grammar reads nothing else (digits,
/// month names and ordinal endings, separators, white space).
fn is_date_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | ',') || c.is_whitespace()
}

/// Where a date may start in `text`: a digit or letter at the start or after white
/// space or a comma, among the last [`MAX_DATE_STARTS`] such places. Places before a
/// character no date holds are left out (no date could run from them to the end).
/// Returns the places in ascending order in the first `count` slots.
fn date_starts(text: &str) -> ([usize; MAX_DATE_STARTS], usize) {
    let mut found = [0; MAX_DATE_STARTS];
    let mut count = 0;
    let can_start = |c: char| c.is_ascii_digit() || c.is_alphabetic();
    // The character to the right of the one being looked at.
    let mut right: Option<(usize, char)> = None;
    let mut reached_start = true;
    for (i, c) in text.char_indices().rev() {
        if let Some((j, r)) = right
            && can_start(r)
            && (c.is_whitespace() || c == ',')
        {
            found[count] = j;
            count += 1;
        }
        if count == MAX_DATE_STARTS || !is_date_char(c) {
            reached_start = false;
            break;
        }
        right = Some((i, c));
    }
    if reached_start
        && let Some((0, c)) = right
        && can_start(c)
    {
        found[count] = 0;
        count += 1;
    }
    found[..count].reverse();
    (found, count)
}

/// Finds a date that ends `text`, trying the longest candidate first (so that
/// `Oct. 9, 2023` wins over `2023`). Returns (text before the date, the date).
fn split_date<'s>(text: Piece<'s>) -> (Piece<'s>, Option<DatePiece<'s>>) {
    let trimmed = text.text.trim_end().trim_end_matches('.');
    // A date ends in a digit (its year or day): anything else saves the search.
    if !trimmed
        .trim_end()
        .trim_end_matches('.')
        .trim_end()
        .ends_with(|c: char| c.is_ascii_digit())
    {
        return (text, None);
    }
    let (starts, count) = date_starts(trimmed);
    for &start in &starts[..count] {
        let candidate = &trimmed[start..];
        // A date that starts with a letter starts with a month name.
        let may_be_date = candidate.starts_with(|c: char| c.is_ascii_digit())
            || date::month_name::<Fast<'_>>(candidate).is_ok();
        if !may_be_date {
            continue;
        }
        if let Some(value) = date::parse_whole(candidate) {
            let candidate = candidate.trim();
            return (
                Piece {
                    text: &text.text[..start],
                    offset: text.offset,
                },
                Some(DatePiece {
                    piece: Piece {
                        text: candidate,
                        offset: text.offset + start,
                    },
                    value,
                }),
            );
        }
    }
    (text, None)
}

/// Parses one entry's text (its lines joined as they stand in the input).
pub fn entry(text: &str) -> RawEntry<'_> {
    let body_start = text.len() - text.trim_start().len();
    let after_ws = &text[body_start..];
    let (after_marker, marker) = match continuation_marker::<Fast<'_>>(after_ws) {
        Ok((rest, m)) => (rest, Some(Piece::of(text, m))),
        Err(_) => (after_ws, None),
    };
    let quoted = head_before_quote::<Fast<'_>>(after_marker)
        .and_then(|(rest, head)| quoted_title(rest).map(|(tail, t)| (head, t, tail)));
    match quoted {
        Ok((head, (title, closed), tail)) => {
            let title_piece = Piece::of(text, title).trim_matches(&[',']);
            let (rest, url) = split_url(Piece::of(text, tail));
            let (rest, date) = if closed {
                split_date(rest)
            } else {
                // No closing quote: the date, if any, ends the title.
                (rest, None)
            };
            let (title_piece, date) = if closed {
                (title_piece, date)
            } else {
                let (t, d) = split_date(title_piece);
                (t.trim_matches(&[',']), d)
            };
            let middle = rest.trim_matches(FIELD_JUNK);
            RawEntry {
                marker,
                head: Piece::of(text, head).trim_head(),
                title: Some(title_piece),
                title_closed: closed,
                middle: (!middle.is_blank()).then_some(middle),
                date,
                url,
            }
        }
        Err(_) => unquoted_entry(Piece::of(text, after_marker), marker),
    }
}

/// An entry without a quoted title: `Outlet, date`, or `Head, Title, date`.
fn unquoted_entry<'s>(rest: Piece<'s>, marker: Option<Piece<'s>>) -> RawEntry<'s> {
    let (rest, url) = split_url(rest);
    let (rest, date) = split_date(rest);
    let rest = rest.trim_matches(FIELD_JUNK);
    let (head, title) = match rest.text.find(", ") {
        Some(comma) => {
            let head = Piece {
                text: &rest.text[..comma],
                offset: rest.offset,
            };
            let title = Piece {
                text: &rest.text[comma + 1..],
                offset: rest.offset + comma + 1,
            }
            .trim_matches(FIELD_JUNK);
            (head.trim_matches(FIELD_JUNK), Some(title))
        }
        None => (rest, None),
    };
    RawEntry {
        marker,
        head,
        title: title.filter(|t| !t.is_blank()),
        title_closed: false,
        middle: None,
        date,
        url,
    }
}

/// Whether an entry has an opening title quote with no closing quote after it yet;
/// used to join wrapped lines.
pub fn has_unclosed_quote(text: &str) -> bool {
    match quotes::find_open(text) {
        Some(open) => {
            let after = &text[open..];
            let open_len = after.chars().next().map_or(1, char::len_utf8);
            !quotes::has_close(&after[open_len..])
        }
        None => false,
    }
}

/// Whether a line starts with a continuation mark.
pub fn starts_with_marker(line: &str) -> bool {
    continuation_marker::<Fast<'_>>(line.trim_start()).is_ok()
}

/// Whether a line ends with a date (after any URL): a strong sign of a reference.
pub fn ends_with_date(line: &str) -> bool {
    let piece = Piece {
        text: line,
        offset: 0,
    };
    let (rest, _) = split_url(piece);
    split_date(rest).1.is_some()
}

/// Whether `line` holds a quoted title early on.
pub fn has_quoted_title(line: &str) -> bool {
    quoted_parts(line).is_some()
}

/// The text before a line's quoted title and the text after its closing quote, when
/// the line holds a closed quoted title early on (at most 200 characters in).
pub fn quoted_parts(line: &str) -> Option<(&str, &str)> {
    let (rest, head) = head_before_quote::<Fast<'_>>(line).ok()?;
    if head.chars().count() > 200 {
        return None;
    }
    match quoted_title::<Fast<'_>>(rest) {
        Ok((tail, (_, true))) => Some((head, tail)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        let e = entry(text);
        format!(
            "marker={:?} head={:?} title={:?} closed={} middle={:?} date={:?} url={:?}",
            e.marker.map(|p| p.text),
            e.head.text,
            e.title.map(|p| p.text),
            e.title_closed,
            e.middle.map(|p| p.text),
            e.date.map(|d| d.piece.text),
            e.url.map(|p| p.text),
        )
    }

    #[test]
    fn outlet_led_with_curly_quotes() {
        insta::assert_snapshot!(show("Al Aalem, “Sudani has a last chance … mediation,” 11/7/23"),
            @r#"marker=None head="Al Aalem" title=Some("Sudani has a last chance … mediation") closed=true middle=None date=Some("11/7/23") url=None"#);
    }

    #[test]
    fn person_led_with_outlet_and_spaced_date() {
        insta::assert_snapshot!(show("Knights, Michael, \"Tracking,\" The Washington Institute, 11/21    /23"),
            @r#"marker=None head="Knights, Michael" title=Some("Tracking") closed=true middle=Some("The Washington Institute") date=Some("11/21    /23") url=None"#);
    }

    #[test]
    fn continuation_with_partial_name() {
        insta::assert_snapshot!(show("- Wladimir, \"Iran-backed groups continue,\" 10/30/23"),
            @r#"marker=Some("-") head="Wladimir" title=Some("Iran-backed groups continue") closed=true middle=None date=Some("10/30/23") url=None"#);
    }

    #[test]
    fn question_mark_before_the_comma_stays_in_the_title() {
        insta::assert_snapshot!(show("X, “Will it end?,” 11/1/23"),
            @r#"marker=None head="X" title=Some("Will it end?") closed=true middle=None date=Some("11/1/23") url=None"#);
    }

    #[test]
    fn inner_single_quotes_and_apostrophes() {
        insta::assert_snapshot!(show("Y, “Iraq’s ‘red line’ warning,” Oct. 9, 2023"),
            @r#"marker=None head="Y" title=Some("Iraq’s ‘red line’ warning") closed=true middle=None date=Some("Oct. 9, 2023") url=None"#);
    }

    #[test]
    fn unquoted_outlet_only_and_url() {
        insta::assert_snapshot!(show("Shafaq News, 11/20/23 https://example.org/a"),
            @r#"marker=None head="Shafaq News" title=None closed=false middle=None date=Some("11/20/23") url=Some("https://example.org/a")"#);
    }

    #[test]
    fn unclosed_quote_still_finds_the_date() {
        insta::assert_snapshot!(show("Z, “Never closed, 2023"),
            @r#"marker=None head="Z" title=Some("Never closed") closed=false middle=None date=Some("2023") url=None"#);
    }

    #[test]
    fn packed_entries_unpack_to_what_the_grammar_read() {
        for text in [
            "Al Aalem, “Sudani has a last chance … mediation,” 11/7/23",
            "Knights, Michael, \"Tracking,\" The Washington Institute, 11/21    /23",
            "- Wladimir, \"Iran-backed groups continue,\" 10/30/23",
            "Shafaq News, 11/20/23 https://example.org/a",
            "Z, “Never closed, 2023",
            "",
            "   ",
            "just words",
        ] {
            let raw = entry(text);
            assert_eq!(raw.pack(text.len()).unwrap().unpack(text), raw, "{text}");
        }
    }

    #[test]
    fn line_shape_helpers() {
        assert!(has_unclosed_quote("A, “Title that wraps"));
        assert!(!has_unclosed_quote("A, “Title,” 1/2/23"));
        assert!(starts_with_marker("- “x,” 1/2/23"));
        assert!(!starts_with_marker("-x"));
        assert!(ends_with_date("Xinhua, \"2 airbases,\" 11/17/23"));
        assert!(!ends_with_date("No comments:"));
        assert!(has_quoted_title("Xinhua, \"2 airbases,\" 11/17/23"));
    }
}
