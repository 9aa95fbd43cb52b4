//! Dates as reference lists write them, in small nom parsers.
//!
//! Reads `11/21/23`, `11/21    /23` (white space, no-break spaces inside: repaired),
//! `3/5/2024`, `2023-11-06`, `Oct. 9, 2023`, `November 6, 2023`, `6 November 2023`,
//! `November 2023` and a bare year. Numeric dates stay [`RawDate::Numeric`] until the
//! list's month/day order is decided ([`decide_order`]); two-digit years are resolved
//! against the article's own date ([`resolve_year`]), or against the current year when
//! the article has none: a reading after the article (or after today) is not chosen
//! when the previous century gives one that is not.

use super::record::PartialDate;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{all_consuming, cut, map, not, opt, verify};
use nom::error::context;
use nom::error::{ContextError, ErrorKind, FromExternalError, ParseError};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};
use nom_language::error::{VerboseError, VerboseErrorKind};
use std::num::ParseIntError;

/// The error types the grammar works with: nom's plain `Error` on the hot path (no
/// allocation), `VerboseError` when a diagnostic must say what was expected.
pub trait GrammarError<'s>:
    ParseError<&'s str> + ContextError<&'s str> + FromExternalError<&'s str, ParseIntError>
{
}

impl<'s, E> GrammarError<'s> for E where
    E: ParseError<&'s str> + ContextError<&'s str> + FromExternalError<&'s str, ParseIntError>
{
}

/// The error type of the hot path: no allocation on failure.
pub type Fast<'s> = nom::error::Error<&'s str>;

/// The result of a grammar parser.
pub type Res<'s, T, E> = IResult<&'s str, T, E>;

/// A recoverable parse failure at `i` that says what was expected.
pub(crate) fn expected<'s, T, E: GrammarError<'s>>(
    i: &'s str,
    what: &'static str,
) -> Res<'s, T, E> {
    Err(nom::Err::Error(E::add_context(
        i,
        what,
        E::from_error_kind(i, ErrorKind::Verify),
    )))
}

/// Says what the date grammar expected where `text` stopped being a date, for help lines.
pub fn explain(text: &str) -> Option<String> {
    match all_consuming(date::<VerboseError<&str>>).parse(text.trim()) {
        Ok(_) => None,
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
            let (at, what) = e.errors.iter().find_map(|(at, kind)| match kind {
                VerboseErrorKind::Context(c) => Some((*at, *c)),
                _ => None,
            })?;
            let column = text.trim().len() - at.len();
            Some(format!(
                "expected {what} at character {}",
                text.trim()[..column].chars().count() + 1
            ))
        }
        Err(nom::Err::Incomplete(_)) => None,
    }
}

/// A date as written, before the list-wide decisions are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawDate {
    /// `A/B/Y`: month and day order not yet known.
    Numeric {
        /// First number.
        first: u8,
        /// Second number.
        second: u8,
        /// Year as written.
        year: u16,
        /// Whether the year had two digits.
        short_year: bool,
        /// Whether white space stood inside the date and was removed.
        had_spaces: bool,
    },
    /// A date with the month named, or ISO, or a bare year: unambiguous.
    Named(PartialDate),
}

/// Month/day order of numeric dates in one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// `11/21/23`: month first (US).
    MonthDay,
    /// `21/11/23`: day first.
    DayMonth,
}

fn is_date_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}' || c == '\u{2007}'
}

fn spaces<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, &'s str, E> {
    take_while(is_date_space)(i)
}

fn number<'s, E: GrammarError<'s>>(
    min: usize,
    max: usize,
) -> impl FnMut(&'s str) -> Res<'s, u16, E> {
    move |i| {
        map(
            take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
            digits_value,
        )
        .parse(i)
    }
}

/// The value of at most four ASCII digits.
fn digits_value(digits: &str) -> u16 {
    digits.bytes().fold(0, |n, d| n * 10 + u16::from(d - b'0'))
}

/// `11/21/23`, `3/5/2024`, `11/21    /23`, `21.11.2023`, `11-21-23`.
fn numeric_date<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, RawDate, E> {
    let (rest, first) = number(1, 2)(i)?;
    let (rest, s1) = spaces(rest)?;
    let (rest, sep) = one_of("/.-")(rest)?;
    // Once `11/` is read this can only be a numeric date: commit to it.
    let (rest, s2) = spaces(rest)?;
    let (rest, second) = cut(context("a day or month number", number(1, 2))).parse(rest)?;
    let (rest, s3) = spaces(rest)?;
    let (rest, _) = cut(context("the same separator again", char(sep))).parse(rest)?;
    let (rest, s4) = spaces(rest)?;
    let (rest, year_text) = cut(context(
        "a year of two or four digits",
        verify(
            take_while_m_n(2, 4, |c: char| c.is_ascii_digit()),
            |s: &str| s.len() == 2 || s.len() == 4,
        ),
    ))
    .parse(rest)?;
    let had_spaces = [s1, s2, s3, s4].iter().any(|s| !s.is_empty());
    Ok((
        rest,
        RawDate::Numeric {
            first: first as u8,
            second: second as u8,
            year: digits_value(year_text),
            short_year: year_text.len() == 2,
            had_spaces,
        },
    ))
}

/// `2023-11-06`.
fn iso_date<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, RawDate, E> {
    let (rest, year) = number(4, 4)(i)?;
    let (rest, month) = preceded(char('-'), number(2, 2)).parse(rest)?;
    let (rest, day) = opt(preceded(char('-'), number(2, 2))).parse(rest)?;
    let date = match day {
        Some(d) => PartialDate::ymd(year.into(), month as u8, d as u8),
        None => PartialDate::ym(year.into(), month as u8),
    };
    match date {
        Some(d) => Ok((rest, RawDate::Named(d))),
        None => expected(i, "a calendar date"),
    }
}

/// English month names, lower case, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name, full or abbreviated (`Oct.`, `Sept.`, `Nov`), as 1–12.
pub(crate) fn month_name<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, u8, E> {
    let (rest, word) = take_while(|c: char| c.is_ascii_alphabetic())(i)?;
    match month_number(word) {
        Some(month) => {
            let (rest, _) = opt(char('.')).parse(rest)?;
            Ok((rest, month))
        }
        None => expected(i, "a month name"),
    }
}

/// The month (1–12) an English month's name or abbreviation names, in any case: the
/// whole name, or its first three or four letters (`Jan`, `Sept`, `Dece`).
pub(crate) fn month_number(word: &str) -> Option<u8> {
    if !(3..=9).contains(&word.len()) || !word.is_ascii() {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let full = word.len() == m.len() || word.len() <= 4;
            let prefix = m.len() >= word.len()
                && m.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes());
            full && prefix
        })
        .map(|i| i as u8 + 1)
}

fn year4<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, i32, E> {
    map(
        verify(number(4, 4), |y| (1000..=2999).contains(y)),
        i32::from,
    )
    .parse(i)
}

fn day_number<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, u8, E> {
    let (rest, d) = verify(number(1, 2), |d| (1..=31).contains(d)).parse(i)?;
    let (rest, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(rest)?;
    Ok((rest, d as u8))
}

fn ws1<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, &'s str, E> {
    verify(take_while(|c: char| c.is_whitespace()), |s: &str| {
        !s.is_empty()
    })
    .parse(i)
}

fn ws0<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, &'s str, E> {
    take_while(|c: char| c.is_whitespace())(i)
}

/// `Oct. 9, 2023`, `November 6, 2023`, `November 2023`.
fn month_first_date<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, RawDate, E> {
    let (rest, month) = month_name(i)?;
    let (rest, _) = ws0(rest)?;
    let (rest, day) = opt(terminated(
        day_number,
        (not(satisfy(|c| c.is_ascii_digit())), opt(char(',')), ws0),
    ))
    .parse(rest)?;
    let (rest, year) = year4(rest)?;
    let date = match day {
        Some(d) => PartialDate::ymd(year, month, d),
        None => PartialDate::ym(year, month),
    };
    named_or_fail(i, rest, date)
}

/// `6 November 2023`, `6 Nov. 2023`.
fn day_first_date<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, RawDate, E> {
    let (rest, day) = day_number(i)?;
    let (rest, _) = ws1(rest)?;
    let (rest, month) = month_name(rest)?;
    let (rest, _) = (opt(char(',')), ws0).parse(rest)?;
    let (rest, year) = year4(rest)?;
    named_or_fail(i, rest, PartialDate::ymd(year, month, day))
}

fn bare_year<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, RawDate, E> {
    let (rest, year) = year4(i)?;
    Ok((rest, RawDate::Named(PartialDate::year(year))))
}

fn named_or_fail<'s, E: GrammarError<'s>>(
    i: &'s str,
    rest: &'s str,
    date: Option<PartialDate>,
) -> Res<'s, RawDate, E> {
    match date {
        Some(d) => Ok((rest, RawDate::Named(d))),
        None => expected(i, "a calendar date"),
    }
}

/// Any date form, at the start of `i`.
pub fn date<'s, E: GrammarError<'s>>(i: &'s str) -> Res<'s, RawDate, E> {
    context(
        "a date",
        alt((
            iso_date,
            numeric_date,
            month_first_date,
            day_first_date,
            bare_year,
        )),
    )
    .parse(i)
}

/// Reads `text` as exactly one date, allowing a trailing `.` and surrounding space.
pub fn parse_whole(text: &str) -> Option<RawDate> {
    let trimmed = text.trim().trim_end_matches('.').trim_end();
    if let Some(d) = plain_numeric(trimmed) {
        return Some(d);
    }
    all_consuming(date::<Fast<'_>>)
        .parse(trimmed)
        .ok()
        .map(|(_, d)| d)
}

/// The common numeric date with nothing else in it (`11/7/23`, `3.5.2024`), read
/// without the grammar: what [`date`] reads from such a text, or `None` for any other
/// text (which the grammar then reads).
fn plain_numeric(text: &str) -> Option<RawDate> {
    let b = text.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first_len = digits(0);
    let sep = *b.get(first_len)?;
    if !(1..=2).contains(&first_len) || !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    let second_at = first_len + 1;
    let second_len = digits(second_at);
    let year_at = second_at + second_len + 1;
    if !(1..=2).contains(&second_len) || b.get(year_at - 1) != Some(&sep) {
        return None;
    }
    let year_len = digits(year_at);
    if year_at + year_len != b.len() || !matches!(year_len, 2 | 4) {
        return None;
    }
    let value = |from: usize, len: usize| digits_value(&text[from..from + len]);
    Some(RawDate::Numeric {
        first: value(0, first_len) as u8,
        second: value(second_at, second_len) as u8,
        year: value(year_at, year_len),
        short_year: year_len == 2,
        had_spaces: false,
    })
}

/// Reads an article's date line such as `Wednesday, November 22, 2023`.
pub fn parse_date_line(text: &str) -> Option<PartialDate> {
    let trimmed = text.trim();
    let without_weekday = match trimmed.split_once(',') {
        Some((first, rest))
            if first.len() >= 3
                && first.chars().all(char::is_alphabetic)
                && month_name::<Fast<'_>>(first).is_err() =>
        {
            rest
        }
        _ => trimmed,
    };
    match parse_whole(without_weekday)? {
        RawDate::Named(d) if d.month.is_some() => Some(d),
        RawDate::Numeric {
            first,
            second,
            year,
            short_year,
            ..
        } if !short_year => PartialDate::ymd(year.into(), first, second)
            .or_else(|| PartialDate::ymd(year.into(), second, first)),
        _ => None,
    }
}

/// The order numeric dates in a list must follow, if any date settles it alone.
pub fn unambiguous_order(date: &RawDate) -> Option<DateOrder> {
    match *date {
        RawDate::Numeric { first, second, .. } => match (first <= 12, second <= 12) {
            (true, false) => Some(DateOrder::MonthDay),
            (false, true) => Some(DateOrder::DayMonth),
            _ => None,
        },
        RawDate::Named(_) => None,
    }
}

/// Decides the month/day order for a whole list by a vote of its unambiguous dates.
/// Returns the order and how many dates settled it; with none, month first.
pub fn decide_order(dates: &[RawDate]) -> (DateOrder, usize, usize) {
    let (mut md, mut dm) = (0, 0);
    for d in dates {
        match unambiguous_order(d) {
            Some(DateOrder::MonthDay) => md += 1,
            Some(DateOrder::DayMonth) => dm += 1,
            None => {}
        }
    }
    if dm > md {
        (DateOrder::DayMonth, dm, md)
    } else {
        (DateOrder::MonthDay, md, dm)
    }
}

/// Resolves a two-digit year against the article's year: the nearest year with those
/// last two digits that is not more than one year after the article. Without an
/// article date, two-digit years are read as 2000–2099.
pub fn resolve_year(short: u16, article_year: Option<i32>) -> i32 {
    let Some(anchor) = article_year else {
        return 2000 + i32::from(short);
    };
    let century = anchor.div_euclid(100) * 100;
    let mut year = century + i32::from(short);
    if year > anchor + 1 {
        year -= 100;
    }
    if anchor - year > 99 {
        year += 100;
    }
    year
}

/// The year a two-digit year is resolved against when the article has no date of its
/// own: the current year, since no article is dated after the day it is read.
pub fn fallback_anchor_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

/// Turns a raw date into a calendar date under the list's order and the article's year.
pub fn resolve(date: &RawDate, order: DateOrder, article_year: Option<i32>) -> Option<PartialDate> {
    match *date {
        RawDate::Named(d) => Some(d),
        RawDate::Numeric {
            first,
            second,
            year,
            short_year,
            ..
        } => {
            let year = if short_year {
                resolve_year(year, article_year)
            } else {
                i32::from(year)
            };
            let (month, day) = match order {
                DateOrder::MonthDay => (first, second),
                DateOrder::DayMonth => (second, first),
            };
            PartialDate::ymd(year, month, day).or_else(|| PartialDate::ymd(year, day, month))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(s: &str) -> String {
        match parse_whole(s) {
            Some(RawDate::Named(d)) => d.to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn plain_numeric_dates_read_as_the_grammar_reads_them() {
        let parts = ["", "1", "11", "123", "0", "2023", "23", "202", "20234", "a", " "];
        let seps = ["/", ".", "-", " /", ""];
        let mut tried = 0;
        for a in parts {
            for s1 in seps {
                for b in parts {
                    for s2 in seps {
                        for y in parts {
                            let text = format!("{a}{s1}{b}{s2}{y}");
                            let grammar = all_consuming(date::<Fast<'_>>)
                                .parse(text.as_str())
                                .ok()
                                .map(|(_, d)| d);
                            if let Some(fast) = plain_numeric(&text) {
                                assert_eq!(Some(fast), grammar, "{text}");
                                tried += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(tried > 100, "{tried}");
    }

    #[test]
    fn numeric_dates_keep_both_numbers() {
        assert_eq!(
            parse_whole("11/21/23"),
            Some(RawDate::Numeric {
                first: 11,
                second: 21,
                year: 23,
                short_year: true,
                had_spaces: false
            })
        );
    }

    #[test]
    fn spaces_and_no_break_spaces_inside_a_date_are_flagged() {
        for text in ["11/21    /23", "11/21\u{a0}/23", "11 / 21 / 23"] {
            match parse_whole(text) {
                Some(RawDate::Numeric { had_spaces, .. }) => assert!(had_spaces, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn four_digit_numeric_year() {
        let d = parse_whole("3/5/2024").unwrap();
        assert_eq!(
            resolve(&d, DateOrder::MonthDay, Some(2023))
                .unwrap()
                .to_string(),
            "2024-03-05"
        );
        assert_eq!(
            resolve(&d, DateOrder::DayMonth, Some(2023))
                .unwrap()
                .to_string(),
            "2024-05-03"
        );
    }

    #[test]
    fn named_month_forms() {
        assert_eq!(named("Oct. 9, 2023"), "2023-10-09");
        assert_eq!(named("Sept. 30, 2023"), "2023-09-30");
        assert_eq!(named("November 6, 2023"), "2023-11-06");
        assert_eq!(named("6 November 2023"), "2023-11-06");
        assert_eq!(named("November 2023"), "2023-11");
        assert_eq!(named("2023"), "2023");
        assert_eq!(named("2023-11-06"), "2023-11-06");
    }

    #[test]
    fn not_dates() {
        assert_eq!(parse_whole("Kurdistan 24"), None);
        assert_eq!(parse_whole("24"), None);
        assert_eq!(parse_whole("Mayhem 2023"), None);
        assert_eq!(parse_whole("13/13/23"), parse_whole("13/13/23"));
        assert_eq!(
            parse_whole("2/30/2023").and_then(|d| resolve(&d, DateOrder::MonthDay, None)),
            None
        );
    }

    #[test]
    fn two_digit_years_follow_the_article() {
        assert_eq!(resolve_year(23, Some(2023)), 2023);
        assert_eq!(resolve_year(24, Some(2023)), 2024);
        assert_eq!(resolve_year(99, Some(2023)), 1999);
        assert_eq!(resolve_year(5, Some(1998)), 1905);
        assert_eq!(resolve_year(5, Some(2004)), 2005);
    }

    #[test]
    fn explains_what_a_broken_date_lacks() {
        assert_eq!(
            explain("11/21/2").as_deref(),
            Some("expected a year of two or four digits at character 7")
        );
        assert_eq!(
            explain("11/21-23").as_deref(),
            Some("expected the same separator again at character 6")
        );
        assert_eq!(explain("11/21/23"), None);
    }

    #[test]
    fn order_is_decided_by_unambiguous_dates() {
        let dates: Vec<RawDate> = ["11/21/23", "3/4/23", "10/30/23"]
            .iter()
            .filter_map(|s| parse_whole(s))
            .collect();
        assert_eq!(decide_order(&dates), (DateOrder::MonthDay, 2, 0));
        let dates: Vec<RawDate> = ["21/11/23", "3/4/23"]
            .iter()
            .filter_map(|s| parse_whole(s))
            .collect();
        assert_eq!(decide_order(&dates).0, DateOrder::DayMonth);
    }

    #[test]
    fn article_date_line() {
        assert_eq!(
            parse_date_line("Wednesday, November 22, 2023")
                .unwrap()
                .to_string(),
            "2023-11-22"
        );
        assert_eq!(parse_date_line("US Finally Retaliates"), None);
    }
}
