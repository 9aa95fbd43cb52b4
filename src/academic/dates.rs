//! The date of one labelled date segment of an academic reference: `(2011).`,
//! `May 3, 2001`, `2019-02-28`, a range of years (`1974–1978`, `1889-96`), a year
//! glued to other numbers (`2005;14(2):` in Vancouver style, `2/2011`, `2007/3`),
//! Chinese and Japanese dates (`2008年4月19日`), and an original date in brackets
//! (`2001 [1996]`), taken only when no other year is written.

use crate::refs::PartialDate;
use crate::refs::date::MONTHS;

fn month_of(word: &str) -> Option<u8> {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            (w.len() == 3 || w == "sept" || w.len() == m.len())
                && m.starts_with(&w[..w.len().min(m.len())])
                && (w.len() <= m.len())
        })
        .map(|i| i as u8 + 1)
}

/// The first year of `word`: a run of exactly four ASCII digits (not part of a longer
/// number) from 1500 to 2099. `1999a.`, `[1996]`, `1974–1978`, `2005;14(2):` and
/// `2/2011` each hold one; `20-24` and `12345` hold none.
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
