//! Time expressions of a claim, resolved against the article's date: `On November 20`,
//! `in October`, `at the start of November`, `since October`, `last week`.

use super::text::Token;
use chrono::{Datelike, Duration, NaiveDate};

/// When a claim says something happened: a closed range of days.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeRef {
    /// First possible day.
    pub start: NaiveDate,
    /// Last possible day.
    pub end: NaiveDate,
    /// The words it was read from.
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

/// Finds the first time expression in the tokens; `today` is the article's date.
pub fn find(tokens: &[Token], today: NaiveDate) -> Option<TimeRef> {
    let lower = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    for (i, token) in tokens.iter().enumerate() {
        let w = token.lower.as_str();
        if let Some(month) = month_of(w).filter(|_| token.capital) {
            let year = year_for(month, today);
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let last = last_day(year, month)?;
            let before = |k: usize| if i >= k { lower(i - k) } else { "" };
            let open = matches!(before(1), "since" | "from")
                || (before(1) == "in"
                    && matches!(
                        before(2),
                        "starting" | "began" | "beginning" | "started" | "begun"
                    ));
            // A day number right after the month.
            if let Ok(day) = lower(i + 1).parse::<u32>()
                && let Some(d) = NaiveDate::from_ymd_opt(year, month, day)
            {
                return Some(TimeRef {
                    start: d,
                    end: d,
                    text: format!("{} {}", tokens[i].text, day),
                    open,
                });
            }
            let part = |a: u32, b: u32| {
                let s = NaiveDate::from_ymd_opt(year, month, a).unwrap_or(first);
                let e = NaiveDate::from_ymd_opt(year, month, b).unwrap_or(last);
                (s, e)
            };
            let (start, end, lead) = match (before(3), before(2), before(1)) {
                (_, "start" | "beginning", "of") | (_, _, "early") => {
                    let (s, e) = part(1, 10);
                    (s, e, if before(1) == "early" { 1 } else { 3 })
                }
                (_, "middle", "of") | (_, _, "mid") => {
                    let (s, e) = part(11, 20);
                    (s, e, if before(1) == "mid" { 1 } else { 3 })
                }
                (_, "end", "of") | (_, _, "late") => {
                    let (s, _) = part(21, 28);
                    (s, last, if before(1) == "late" { 1 } else { 3 })
                }
                _ => (first, last, 0),
            };
            let end = if open { today.max(end) } else { end };
            let prefix = match lead {
                3 => format!("{} {} ", before(2), before(1)),
                1 => format!("{} ", before(1)),
                _ => String::new(),
            };
            return Some(TimeRef {
                start,
                end,
                text: format!(
                    "{}{}{}",
                    if open { "since " } else { "" },
                    prefix,
                    tokens[i].text
                ),
                open,
            });
        }
        let relative = match (w, lower(i + 1)) {
            ("last", "week") | ("past", "week") => {
                Some((today - Duration::days(7), today, "last week"))
            }
            ("this", "week") => Some((today - Duration::days(6), today, "this week")),
            ("last", "month") => {
                let m = if today.month() == 1 {
                    12
                } else {
                    today.month() - 1
                };
                let y = if today.month() == 1 {
                    today.year() - 1
                } else {
                    today.year()
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .zip(last_day(y, m))
                    .map(|(s, e)| (s, e, "last month"))
            }
            ("yesterday", _) => Some((
                today - Duration::days(1),
                today - Duration::days(1),
                "yesterday",
            )),
            ("today", _) => Some((today, today, "today")),
            _ => None,
        };
        if let Some((start, end, text)) = relative {
            return Some(TimeRef {
                start,
                end,
                text: text.to_string(),
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
        find(&tokenize(text), today).map(|t| (t.start.to_string(), t.end.to_string()))
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
