//! Time expressions of a claim, resolved against the article's date (`On November 20`,
//! `in October`, `at the start of November`, `since October`, `in 2008`, `last week`)
//! or against the time in force from the sentences before (`two days later`, `the next
//! day`).

use super::text::Token;
use chrono::{Datelike, Duration, NaiveDate};

/// When a claim says something happened: a closed range of days.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeRef {
    /// First possible day.
    pub start: NaiveDate,
    /// Last possible day.
    pub end: NaiveDate,
    /// The words it was read from, as written.
    pub text: String,
    /// Whether it opens a period that runs on (`since October`, `starting in October`).
    pub open: bool,
}

use crate::refs::date::MONTHS;

fn month_of(lower: &str) -> Option<u32> {
    let w = lower.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w) && w != "may" && w.len() <= 4))
        .or_else(|| (w == "may").then_some(4))
        .map(|i| i as u32 + 1)
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).map(|d| d - Duration::days(1))
}

/// The year of a month mentioned without one: the latest not after the article.
fn year_for(month: u32, today: NaiveDate) -> i32 {
    if month > today.month() {
        today.year() - 1
    } else {
        today.year()
    }
}

/// Number words of relative dates (`two days later`).
fn count_word(w: &str) -> Option<i64> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "ten" => 10,
        _ => return w.parse().ok().filter(|n| (1..=400).contains(n)),
    })
}

fn unit_days(w: &str) -> Option<i64> {
    Some(match w.trim_end_matches('s') {
        "day" => 1,
        "week" => 7,
        "month" => 30,
        _ => return None,
    })
}

/// Finds the first time expression in the tokens of `text`; `today` is the article's
/// date (what `last week` counts back from), `before` the time in force from earlier
/// sentences (what `two days later` counts on from). The text of the result is quoted
/// from `text` as written.
pub fn find(
    text: &str,
    tokens: &[Token],
    today: NaiveDate,
    before: Option<&TimeRef>,
) -> Option<TimeRef> {
    let lower = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let quote = |a: usize, b: usize| text[tokens[a].start..tokens[b].end].to_string();
    for (i, token) in tokens.iter().enumerate() {
        let w = token.lower.as_str();
        let back = |k: usize| if i >= k { lower(i - k) } else { "" };
        if let Some(month) = month_of(w).filter(|_| token.capital) {
            let year = match lower(i + 1).parse::<i32>() {
                Ok(y) if (1900..2100).contains(&y) => y,
                _ => match lower(i + 2).parse::<i32>() {
                    Ok(y) if (1900..2100).contains(&y) && lower(i + 1).parse::<u32>().is_ok() => y,
                    _ => year_for(month, today),
                },
            };
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let last = last_day(year, month)?;
            let open = matches!(back(1), "since" | "from")
                || (back(1) == "in"
                    && matches!(
                        back(2),
                        "starting" | "began" | "beginning" | "started" | "begun"
                    ));
            let lead = if open {
                if back(1) == "in" { 2 } else { 1 }
            } else {
                0
            };
            // A day number right after the month.
            if let Ok(day) = lower(i + 1).parse::<u32>()
                && let Some(d) = NaiveDate::from_ymd_opt(year, month, day)
            {
                return Some(TimeRef {
                    start: d,
                    end: if open { today.max(d) } else { d },
                    text: quote(i - lead, i + 1),
                    open,
                });
            }
            let part = |a: u32, b: u32| {
                let s = NaiveDate::from_ymd_opt(year, month, a).unwrap_or(first);
                let e = NaiveDate::from_ymd_opt(year, month, b).unwrap_or(last);
                (s, e)
            };
            let (start, end, part_lead) = match (back(2), back(1)) {
                ("start" | "beginning", "of") | (_, "early") => {
                    let (s, e) = part(1, 10);
                    (s, e, if back(1) == "early" { 1 } else { 3 })
                }
                ("middle", "of") | (_, "mid") => {
                    let (s, e) = part(11, 20);
                    (s, e, if back(1) == "mid" { 1 } else { 3 })
                }
                ("end", "of") | (_, "late") => {
                    let (s, _) = part(21, 28);
                    (s, last, if back(1) == "late" { 1 } else { 3 })
                }
                _ => (first, last, 0),
            };
            let end = if open { today.max(end) } else { end };
            let from = i.saturating_sub(lead.max(part_lead));
            return Some(TimeRef {
                start,
                end,
                text: quote(from, i),
                open,
            });
        }
        // A year after `in`, `since`, `by`, `during` (`In 2008, Congress ...`).
        if let Ok(year) = w.parse::<i32>()
            && (1900..2100).contains(&year)
            && matches!(back(1), "in" | "since" | "during" | "by" | "from")
        {
            let open = matches!(back(1), "since" | "from");
            let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
            return Some(TimeRef {
                start,
                end: if open { today.max(end) } else { end },
                text: quote(i - 1, i),
                open,
            });
        }
        // Counted on from the time in force: `two days later`, `the next day`.
        if let Some(base) = before {
            let later = match (w, lower(i + 1), lower(i + 2)) {
                (n, u, "later") => count_word(n).zip(unit_days(u)).map(|(n, d)| (n * d, 2)),
                ("the", "next" | "following", u) => unit_days(u).map(|d| (d, 2)),
                _ => None,
            };
            if let Some((days, len)) = later {
                let d = base.end + Duration::days(days);
                return Some(TimeRef {
                    start: d,
                    end: d,
                    text: quote(i, i + len),
                    open: false,
                });
            }
        }
        let relative = match (w, lower(i + 1)) {
            ("last" | "past", "week") => Some((today - Duration::days(7), today, 1)),
            ("this", "week") => Some((today - Duration::days(6), today, 1)),
            ("last", "month") => {
                let (y, m) = if today.month() == 1 {
                    (today.year() - 1, 12)
                } else {
                    (today.year(), today.month() - 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .zip(last_day(y, m))
                    .map(|(s, e)| (s, e, 1))
            }
            ("yesterday", _) => Some((today - Duration::days(1), today - Duration::days(1), 0)),
            ("today", _) => Some((today, today, 0)),
            _ => None,
        };
        if let Some((start, end, len)) = relative {
            return Some(TimeRef {
                start,
                end,
                text: quote(i, i + len),
                open: false,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::text::tokenize;

    fn at(text: &str) -> Option<(String, String)> {
        let today = NaiveDate::from_ymd_opt(2023, 11, 22).unwrap();
        find(text, &tokenize(text), today, None).map(|t| (t.start.to_string(), t.end.to_string()))
    }

    #[test]
    fn resolves_days_months_and_parts() {
        assert_eq!(
            at("On November 20 missiles were fired"),
            Some(("2023-11-20".into(), "2023-11-20".into()))
        );
        assert_eq!(
            at("began in October in response"),
            Some(("2023-10-01".into(), "2023-11-22".into()))
        );
        assert_eq!(
            at("at the start of November when"),
            Some(("2023-11-01".into(), "2023-11-10".into()))
        );
        assert_eq!(
            at("That escalated in November"),
            Some(("2023-11-01".into(), "2023-11-30".into()))
        );
        assert_eq!(
            at("attacks last week"),
            Some(("2023-11-15".into(), "2023-11-22".into()))
        );
        assert_eq!(at("may happen"), None);
    }

    #[test]
    fn a_later_month_is_last_year() {
        assert_eq!(
            at("in December"),
            Some(("2022-12-01".into(), "2022-12-31".into()))
        );
    }
}
