//! The Vancouver locator: the date, volume, issue and pages a medical reference writes in
//! one run, `2019;56(4):812-25`, `2010 Dec;24 Suppl 1:21–31`, `2002;11:`.
//!
//! Written without spaces, the run is one word, and the tagger gives a word one label:
//! the volume's or the date's. Read as a volume it kept the year and pages inside it,
//! and the record had no date; read as a date, its pages' numbers were taken for years.
//! [`vancouver`] takes the run apart.

use nom::bytes::complete::{tag, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{all_consuming, opt, recognize, verify};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

/// The parts of a Vancouver locator, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locator<'t> {
    /// The date before the `;` (`2010 Dec`, `2019`), if any.
    pub date: Option<&'t str>,
    /// The volume.
    pub volume: &'t str,
    /// The issue: in brackets, or a supplement (`Suppl 1`).
    pub issue: Option<&'t str>,
    /// The pages after the `:`, if any.
    pub pages: Option<&'t str>,
}

fn digits(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(i)
}

/// `2010`, `2010 Dec`, `2010 Dec 3`; or a month alone (`Dec`, `Dec 3`), when the year
/// stands in the word before.
fn date(i: &str) -> IResult<&str, &str> {
    let month = || {
        verify(take_while1(|c: char| c.is_ascii_alphabetic()), |m: &str| {
            crate::refs::date::month_number(m).is_some()
        })
    };
    let with_year = (
        digits(4, 4),
        opt((space1, month(), opt(char('.')), opt((space1, digits(1, 2))))),
    );
    let month_alone = (month(), opt(char('.')), opt((space1, digits(1, 2))));
    recognize(nom::branch::alt((recognize(with_year), recognize(month_alone)))).parse(i)
}

/// A page, or a range of pages: `812-25`, `e1234`, `S21–S31`.
fn pages(i: &str) -> IResult<&str, &str> {
    let page = || {
        (
            take_while_m_n(0, 1, |c: char| c.is_ascii_alphabetic()),
            digits(1, 6),
            take_while_m_n(0, 1, |c: char| c.is_ascii_alphabetic()),
        )
    };
    let dash = take_while_m_n(1, 1, |c: char| matches!(c, '-' | '–' | '—'));
    recognize((page(), opt((space0, dash, space0, page())))).parse(i)
}

/// The supplement of a volume: `Suppl 1`, `Suppl. 2`, `Suppl`.
fn supplement(i: &str) -> IResult<&str, &str> {
    recognize((
        tag("Suppl"),
        opt(char('.')),
        opt(preceded(space0, digits(1, 3))),
    ))
    .parse(i)
}

fn locator(i: &str) -> IResult<&str, Locator<'_>> {
    let (i, date) = opt(date).parse(i)?;
    let (i, _) = (space0, char(';'), space0).parse(i)?;
    let (i, volume) = recognize((digits(1, 5), take_while(|c: char| c.is_ascii_alphabetic())))
        .parse(i)?;
    let (i, supplement) = opt(preceded(space1, supplement)).parse(i)?;
    let (i, bracketed) = opt(preceded(
        space0,
        delimited(char('('), take_while1(|c: char| c != ')' && c != '('), char(')')),
    ))
    .parse(i)?;
    let (i, pages) = opt(preceded((space0, char(':'), space0), opt(pages))).parse(i)?;
    Ok((
        i,
        Locator {
            date,
            volume,
            issue: bracketed.or(supplement),
            pages: pages.flatten(),
        },
    ))
}

/// The Vancouver locator `text` is, if it is one: a date (or a month, its year in the
/// word before), `;`, the volume, then an issue in brackets or a supplement, then `:` and
/// the pages, each but the volume optional; a full stop or comma may end it.
pub fn vancouver(text: &str) -> Option<Locator<'_>> {
    let t = text.trim().trim_end_matches(['.', ',']);
    if !t.contains(';') {
        return None;
    }
    all_consuming(locator)
        .parse(t)
        .ok()
        .map(|(_, l)| l)
        .filter(|l| l.date.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc<'t>(
        date: &'t str,
        volume: &'t str,
        issue: Option<&'t str>,
        pages: Option<&'t str>,
    ) -> Locator<'t> {
        Locator {
            date: Some(date),
            volume,
            issue,
            pages,
        }
    }

    #[test]
    fn the_runs_of_vancouver_references_come_apart() {
        let cases = [
            ("2019;56(4):812-25.", loc("2019", "56", Some("4"), Some("812-25"))),
            ("2016;24:1733-46.", loc("2016", "24", None, Some("1733-46"))),
            ("2002;11:", loc("2002", "11", None, None)),
            ("2012;30(15):", loc("2012", "30", Some("15"), None)),
            ("1994;2(4):", loc("1994", "2", Some("4"), None)),
            ("2010 Dec;24 Suppl 1:21–31.", loc("2010 Dec", "24", Some("Suppl 1"), Some("21–31"))),
            ("Dec;24 Suppl 1:21–31", loc("Dec", "24", Some("Suppl 1"), Some("21–31"))),
            ("2008 Mar 3;8:e1234.", loc("2008 Mar 3", "8", None, Some("e1234"))),
            ("2005; 28 (3): 318 – 25", loc("2005", "28", Some("3"), Some("318 – 25"))),
        ];
        for (text, want) in cases {
            assert_eq!(vancouver(text), Some(want), "{text}");
        }
    }

    #[test]
    fn other_text_is_no_locator() {
        for text in [
            "56(4), 812-25",
            "2019, 56(4)",
            "vol. 3; no. 2",
            "Smith; Jones",
            "2019;",
            "2019;56(4):812-25 and more",
            "12;13",
            ";13:4-5",
        ] {
            assert_eq!(vancouver(text), None, "{text}");
        }
    }
}
