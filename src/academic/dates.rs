//! The date of one labelled date segment of an academic reference: `(2011).`,
//! `May 3, 2001`, `2019-02-28`, a range of years (`1974–1978`, `1889-96`), a year
//! glued to other numbers (`2005;14(2):` in Vancouver style, `2/2011`, `2007/3`),
//! Chinese and Japanese dates (`2008年4月19日`), and an original date in brackets
//! (`2001 [1996]`), taken as the date only when no other year is written.
//!
//! [`read`] also keeps what the date says besides its first date: the end of a range
//! (`1974–1978`, `1889-96`), the original date of a reprint or translation (`1989
//! [1972]`, `1993 (orig. 1580)`, `1971/1987`), and every year written, so that the
//! caller can say which years no field holds.

use crate::refs::PartialDate;
use crate::refs::date::month_number;

/// The month `word` names, punctuation around it ignored (`Sept.`, `(May`).
pub(super) fn month_of(word: &str) -> Option<u8> {
    month_number(word.trim_matches(|c: char| !c.is_alphabetic()))
}

/// The years of `text`, each with the byte range it stands in: runs of exactly four
/// ASCII digits (not part of a longer number) from 1500 to 2099.
fn year_runs(text: &str) -> impl Iterator<Item = (usize, usize, i32)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                i += 1;
                continue;
            }
            if let Some(y) = text[start..i].parse::<i32>().ok().filter(|_| i - start == 4)
                && (1500..2100).contains(&y)
            {
                return Some((start, i, y));
            }
        }
        None
    })
}

/// The first year of `word`, as [`year_runs`] finds them. `1999a.`, `[1996]`,
/// `1974–1978`, `2005;14(2):` and `2/2011` each hold one; `20-24` and `12345` hold none.
/// (Written with `split` rather than as the first of `year_runs`: [`date`] calls it for
/// every word, and the iterator there cost 2% of a list's instructions.)
fn year_in(word: &str) -> Option<i32> {
    word.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse().ok())
        .find(|y| (1500..2100).contains(y))
}

/// `2008年4月19日`, `2007年9月`: a year, month and day each followed by its sign.
fn cjk(text: &str) -> Option<PartialDate> {
    let (y, rest) = text.split_once('年')?;
    let y = y.trim().rsplit(|c: char| !c.is_ascii_digit()).next()?;
    let year = year_in(y).filter(|_| y.len() == 4)?;
    let number = |s: &str| s.trim().parse::<u8>().ok();
    let Some((m, rest)) = rest.split_once('月') else {
        return Some(PartialDate::year(year));
    };
    let Some(month) = number(m) else {
        return Some(PartialDate::year(year));
    };
    let day = rest.split_once('日').and_then(|(d, _)| number(d));
    day.and_then(|d| PartialDate::ymd(year, month, d))
        .or(PartialDate::ym(year, month))
        .or(Some(PartialDate::year(year)))
}

/// The date in `text`: the first year (1500–2099), with a month named next to it and a
/// day next to the month when they are there (`May 3, 2001`, `3 May 2001`,
/// `2001, May 3`, `2001-05-03`).
pub fn date(text: &str) -> Option<PartialDate> {
    if text.contains('年')
        && let Some(d) = cjk(text)
    {
        return Some(d);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    // ISO first: 2001-05-03.
    for w in &words {
        let parts: Vec<&str> = w
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['-', '/'])
            .collect();
        if parts.len() == 3
            && parts[0].len() == 4
            && let (Ok(y), Ok(m), Ok(d)) = (parts[0].parse(), parts[1].parse(), parts[2].parse())
            && let Some(pd) = PartialDate::ymd(y, m, d)
        {
            return Some(pd);
        }
    }
    // A year in square brackets is an original date (`2005 [1790]`, `([1830], 2011)`),
    // taken only when no other year is written.
    let year_at = words
        .iter()
        .position(|w| !w.starts_with('[') && year_in(w).is_some())
        .or_else(|| words.iter().position(|w| year_in(w).is_some()))?;
    let year = year_in(words[year_at])?;
    let month_at = words.iter().position(|w| month_of(w).is_some());
    let Some(mi) = month_at else {
        return Some(PartialDate::year(year));
    };
    let month = month_of(words[mi])?;
    let day = [mi.wrapping_sub(1), mi + 1]
        .into_iter()
        .filter(|&j| j < words.len() && j != year_at)
        .find_map(|j| {
            let w = words[j].trim_end_matches(['.', 'h', 't', 's', 'n', 'd', 'r']);
            w.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
        });
    match day {
        Some(d) => PartialDate::ymd(year, month, d).or(PartialDate::ym(year, month)),
        None => PartialDate::ym(year, month),
    }
}

/// What one date segment says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// The date ([`date`]; for `1971/1987`, the later year).
    pub date: Option<PartialDate>,
    /// The last year of a range whose first is `date`.
    pub end: Option<PartialDate>,
    /// The date of first publication: a year in square brackets, after `orig.` or
    /// `first published`, or the earlier of two years joined by `/`.
    pub original: Option<PartialDate>,
    /// When the work was looked at: a date after `Accessed`, `Retrieved`, `Web.`, …
    /// ([`accessed`]); its year is not among `years`.
    pub accessed: Option<PartialDate>,
    /// Every year written before the access date, in order.
    pub years: Vec<i32>,
}

/// Words before the date a web page was looked at (MLA 7 writes `Web.` before it).
const ACCESS_CUES: &[&str] = &[
    "accessed",
    "retrieved",
    "consulted",
    "viewed",
    "visited",
    "cited",
    "web",
    "zugriff",
    "abgerufen",
    "zugegriffen",
    "consulté",
    "consultado",
    "consultato",
    "acesso",
    "acessado",
];

/// Whether `word` (its punctuation aside) is a word that goes before an access date
/// (`accessed`, `Retrieved`, `consulté`).
pub fn is_access_cue(word: &str) -> bool {
    is_one_of(word.trim_matches(|c: char| !c.is_alphabetic()), ACCESS_CUES)
}

/// Where the access date of `text` starts (the byte offset of its cue word) and what it
/// is: `Accessed July 6, 2015.`, `Retrieved March 27, 2016, from`, `[Accessed:
/// 19-Oct-2017]`, `[cited 2015 Jun 3]`, `Web. 1 January 2013.` A cue with no date after
/// it (`Retrieved from`) is none.
fn access_at(text: &str) -> Option<(usize, PartialDate)> {
    // Most date segments have no word at all (`(2011).`).
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut at = 0;
    for word in text.split_inclusive(|c: char| c.is_whitespace() || c == '[' || c == '(') {
        let start = at;
        at += word.len();
        let bare = word.trim_matches(|c: char| !c.is_alphabetic());
        if is_one_of(bare, ACCESS_CUES)
            && starts_a_date(&text[at..])
            && let Some(d) = date(&text[at..])
        {
            return Some((start, d));
        }
    }
    None
}

/// Words that stand between an access cue and its date (`accessed on`, `Zugriff am`,
/// `consulté le`).
const BEFORE_DATE: &[&str] = &["on", "am", "le", "el", "em", "il", "the"];

fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `text` begins with a date: its first word (after [`BEFORE_DATE`]) a number or
/// a month's name.
fn starts_a_date(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == ':' || c == '[' || c == '(')
        .filter(|w| !w.is_empty())
        .find(|w| !is_one_of(w, BEFORE_DATE))
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) || month_of(w).is_some())
}

/// Whether `text` says no more than when a page was looked at (`(accessed June 7,
/// 2015).`, `Retrieved March 27, 2016, from`): an export that carries the access date
/// leaves such a note out.
pub fn is_access_note(text: &str) -> bool {
    access_at(text).is_some()
        && text.split_whitespace().all(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            bare.is_empty()
                || bare.starts_with(|c: char| c.is_ascii_digit())
                || month_of(bare).is_some()
                || is_one_of(bare, ACCESS_CUES)
                || is_one_of(bare, BEFORE_DATE)
                || is_one_of(bare, &["from", "at", "last"])
        })
}

/// The access date of a note or date segment ([`Read::accessed`]).
pub fn accessed(text: &str) -> Option<PartialDate> {
    access_at(text).map(|(_, d)| d)
}

/// A four-digit year (1500–2099) of a text: where it is and what stands before it.
struct YearAt {
    start: usize,
    end: usize,
    year: i32,
    /// In square brackets, or after a word saying it is the original date.
    original: bool,
}

fn years_of(text: &str) -> Vec<YearAt> {
    year_runs(text)
        .map(|(start, end, year)| {
            let before = text[..start].trim_end();
            let lead = before.trim_end_matches(['.', ':', ' ']).as_bytes();
            let original = before.ends_with('[')
                || ["orig", "original", "first published", "first publ", "erstmals", "éd. orig"]
                    .iter()
                    .any(|w| {
                        lead.len() >= w.len()
                            && lead[lead.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
                    });
            YearAt {
                start,
                end,
                year,
                original,
            }
        })
        .collect()
}

/// The end of a range that starts at the year ending at byte `at`: `–1978`, `-96`
/// (a two-digit end with a hyphen must be above 12, or it may be a month), ` - 2025`.
fn range_end(text: &str, at: usize, first: i32) -> Option<i32> {
    let rest = text.get(at..)?.trim_start();
    let dash = rest.chars().next()?;
    if !matches!(dash, '-' | '–' | '—' | '‐' | '‑') {
        return None;
    }
    let rest = rest[dash.len_utf8()..].trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n: i32 = rest[..digits].parse().ok()?;
    // Not the month of an ISO date (`2015-10-06`).
    if rest[digits..].starts_with(['-', '/']) {
        return None;
    }
    let end = match digits {
        4 => n,
        2 if dash != '-' || n > 12 => first / 100 * 100 + n,
        _ => return None,
    };
    (end > first && end < 2100).then_some(end)
}

/// What the date segment `text` says: its [`date`], and the end of a range, the
/// original date and the years written (see [`Read`]).
pub fn read(text: &str) -> Read {
    // The access date is read on its own, and the date from the text before it.
    let (text, accessed) = match access_at(text) {
        Some((at, d)) => (&text[..at], Some(d)),
        None => (text, None),
    };
    let years = years_of(text);
    let mut out = Read {
        date: date(text),
        accessed,
        years: years.iter().map(|y| y.year).collect(),
        ..Read::default()
    };
    let Some(d) = out.date else {
        return out;
    };
    let at = years.iter().position(|y| y.year == d.year && !y.original);
    if let Some(k) = at
        && d.month.is_none()
    {
        let a = &years[k];
        let joined = years.get(k + 1).filter(|n| text[a.end..n.start].trim() == "/");
        if let Some(n) = joined {
            let (early, late) = if n.year > a.year { (a.year, n.year) } else { (n.year, a.year) };
            out.date = Some(PartialDate::year(late));
            out.original = Some(PartialDate::year(early)).filter(|_| early != late);
        } else if let Some(e) = range_end(text, a.end, a.year) {
            out.end = Some(PartialDate::year(e));
        }
    }
    if out.original.is_none() {
        out.original = years
            .iter()
            .find(|y| y.original && y.year != d.year)
            .map(|y| PartialDate::year(y.year));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> String {
        date(text).map_or_else(|| "-".into(), |d| d.to_string())
    }

    #[test]
    fn dates() {
        assert_eq!(d("(2011)."), "2011");
        assert_eq!(d("septembre 2014,"), "2014");
        assert_eq!(d("May 3, 2001"), "2001-05-03");
        assert_eq!(d("(2001, March 14)"), "2001-03-14");
        assert_eq!(d("Sept. 2010"), "2010-09");
        assert_eq!(d("2019-02-28"), "2019-02-28");
        assert_eq!(d("1999a."), "1999");
        assert_eq!(d("n.d."), "-");
        assert_eq!(d("February 20-24, 2016."), "2016-02");
        assert_eq!(d("([1830], 2011)."), "2011");
        assert_eq!(d("2001 [1996]."), "2001");
        assert_eq!(d("[1752] 1955."), "1955");
    }

    /// `Annales de géographie, 1974–1978.`, `Reports 1889-96.`: a range of years is
    /// dated by its first year (it was read as no date at all).
    #[test]
    fn a_range_of_years_is_dated_by_its_first() {
        assert_eq!(d("1974–1978."), "1974");
        assert_eq!(d("1889-96."), "1889");
        assert_eq!(d("(1996-1997)."), "1996");
        assert_eq!(d("1970-71."), "1970");
        assert_eq!(d("(1994/1977)."), "1994");
        assert_eq!(d("2009‐2013"), "2009");
        assert_eq!(d("20-24"), "-");
    }

    fn r(text: &str) -> String {
        let r = read(text);
        let show = |d: Option<PartialDate>| d.map_or_else(|| "-".into(), |d| d.to_string());
        format!("{} {} {}", show(r.date), show(r.end), show(r.original))
    }

    /// `Darwin, Charles. The Correspondence … 1985-2015.`: both years of a range are
    /// kept (the end was dropped); a hyphen and two digits of 12 or less may be a month.
    #[test]
    fn a_range_keeps_its_end() {
        assert_eq!(r("1985-2015."), "1985 2015 -");
        assert_eq!(r("1974–1978."), "1974 1978 -");
        assert_eq!(r("(1986–87):"), "1986 1987 -");
        assert_eq!(r("1889-96."), "1889 1896 -");
        assert_eq!(r("2015 - 2025"), "2015 2025 -");
        assert_eq!(r("1983-1988, 2008."), "1983 1988 -");
        assert_eq!(r("2005-06"), "2005 - -");
        assert_eq!(r("2015-10-06à"), "2015-10-06 - -");
        assert_eq!(r("1978–1974."), "1978 - -");
        assert_eq!(r("February 20-24, 2016."), "2016-02 - -");
        assert_eq!(read("1955 et 2004").years, vec![1955, 2004]);
    }

    /// `Barthes, Roland 1988 [1985].`, `Montaigne … 1993 (orig. 1580)`, APA's
    /// `(1971/1987)`: the original date is kept beside the edition's.
    #[test]
    fn an_original_date_is_kept_beside_the_date() {
        assert_eq!(r("1988 [1985]."), "1988 - 1985");
        assert_eq!(r("([1857], 1972)."), "1972 - 1857");
        assert_eq!(r("(1968) [1916]."), "1968 - 1916");
        assert_eq!(r("[1752] 1955."), "1955 - 1752");
        assert_eq!(r("1993 (orig. 1580),"), "1993 - 1580");
        assert_eq!(r("(1971/1987)."), "1987 - 1971");
        assert_eq!(r("(1994/1977)."), "1994 - 1977");
        assert_eq!(r("[1996]"), "1996 - -");
        assert_eq!(r("2001 [2001]"), "2001 - -");
        assert_eq!(r("n.d."), "- - -");
    }

    /// `17 April 2002. Web. 1 January 2013.` (MLA 7), `Accessed July 6, 2015.`: the
    /// date a page was looked at is `accessed`, not a year no field holds.
    #[test]
    fn an_access_date_is_read_apart() {
        let a = |t: &str| accessed(t).map(|d| d.to_string());
        assert_eq!(a("Accessed July 6, 2015."), Some("2015-07-06".into()));
        assert_eq!(a("Retrieved March 27, 2016, from"), Some("2016-03-27".into()));
        assert_eq!(a("[Accessed: 19-Oct-2017]."), Some("2017-10".into()));
        assert_eq!(a("(accessed on 2 July 2015)."), Some("2015-07-02".into()));
        assert_eq!(a("[cited 2015 Jun 3]"), Some("2015-06".into()));
        assert_eq!(a("Zugriff am 3. Mai 2012"), Some("2012".into()));
        assert_eq!(a("Retrieved from"), None);
        assert_eq!(a("Review of the Web sites 2010"), None);
        let r = read("17 April 2002. Web. 1 January 2013.");
        assert_eq!(r.date.map(|d| d.to_string()), Some("2002-04-17".into()));
        assert_eq!(r.accessed.map(|d| d.to_string()), Some("2013-01-01".into()));
        assert_eq!(r.years, vec![2002]);
        assert!(is_access_note("(accessed June 7, 2015)."));
        assert!(is_access_note("Retrieved March 27, 2016, from"));
        assert!(!is_access_note("Retrieved March 27, 2016, from the archive of the Times"));
        assert!(!is_access_note("Accessed via JSTOR"));
        let r = read("accessed 25 July 2016");
        assert_eq!((r.date, r.accessed.map(|d| d.year)), (None, Some(2016)));
    }

    /// `Lancet. 2005;14(2):113-9.` (Vancouver: year, volume, issue run together),
    /// `Hérodote 2/2011 (n° 34)`, `2007/3,`, `13.ian.2016;`, `30/10/2009,`: the year
    /// glued to other numbers is read.
    #[test]
    fn a_year_glued_to_other_numbers_is_read() {
        assert_eq!(d("2005;14(2):"), "2005");
        assert_eq!(d("2010;4:"), "2010");
        assert_eq!(d("2/2011 (n° 34) ,"), "2011");
        assert_eq!(d("2007/3,"), "2007");
        assert_eq!(d("13.ian.2016;"), "2016");
        assert_eq!(d("30/10/2009,"), "2009");
        assert_eq!(d("2017.6,"), "2017");
        assert_eq!(d("12345"), "-");
    }

    /// `中国统计年鉴. 北京: 中国统计出版社, 2008年4月19日`: year, month and day by their
    /// signs.
    #[test]
    fn chinese_and_japanese_dates() {
        assert_eq!(d("2008年4月19日"), "2008-04-19");
        assert_eq!(d("2007年9月"), "2007-09");
        assert_eq!(d("2007年"), "2007");
        assert_eq!(d("平成19年"), "-");
    }
}
