//! Pieces of evidence between one claim and one title: names across spellings, the
//! wording of a matched key, the date relation, and attribution to an outlet.

use super::features::{Feature, Features, NameRun};
use super::index::RefIndex;
use super::{Claim, Signal};
use crate::trace::text::{fold, tokenize};
use chrono::NaiveDate;

/// Pairs of claim and title names that name the same thing, with a strength. One name
/// inside the other counts in proportion to how much of the longer one it covers; a
/// facility name (`Al-Assad airbase`) never matches a longer name of another kind
/// (`Bashar al-Assad`).
pub(super) fn name_matches<'a>(
    claim: &'a [NameRun],
    title: &'a [NameRun],
) -> Vec<(&'a NameRun, &'a NameRun, f64)> {
    let mut out = Vec::new();
    for c in claim {
        let mut best: Option<(&NameRun, f64)> = None;
        for r in title {
            let shared = c.core.iter().filter(|p| r.core.contains(p)).count();
            if shared == 0 {
                continue;
            }
            let longer = c.core.len().max(r.core.len());
            let nested = shared == c.core.len().min(r.core.len());
            let mut s = shared as f64 / longer as f64;
            if !nested {
                s *= 0.5;
            }
            if s < 1.0 && c.facility != r.facility {
                continue;
            }
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((r, s));
            }
        }
        if let Some((r, s)) = best {
            out.push((c, r, s));
        }
    }
    out
}

pub(super) fn describe(k: &Feature, rk: &Feature) -> String {
    let from = if k.inherited {
        " (from the sentence before)"
    } else {
        ""
    };
    let what = match k.signal {
        Signal::Places => "place",
        Signal::Acronyms => "term",
        Signal::Events => "event",
        Signal::Numbers => "number",
        _ => "match",
    };
    let label = k.key.split(':').next_back().unwrap_or("");
    let (a, b) = (&k.surface, &rk.surface);
    if k.signal == Signal::Places {
        let name = &k.place;
        return match (k.via, rk.via) {
            ("lies in", "lies in") => {
                format!("place: \"{a}\" and \"{b}\" both lie in {name}{from}")
            }
            ("lies in", _) => format!("place: \"{a}\" lies in \"{b}\"{from}"),
            (_, "lies in") => format!("place: \"{b}\" lies in \"{a}\"{from}"),
            ("capital of", "capital of") => {
                format!("place: \"{a}\"{from}, the capital, standing for {name}")
            }
            ("capital of", _) => {
                format!("place: \"{a}\" ~ \"{b}\": the capital stands for {name}{from}")
            }
            (_, "capital of") => {
                format!("place: \"{a}\" ~ \"{b}\": the capital stands for {name}{from}")
            }
            _ if fold(a) == fold(b) => format!("place: \"{a}\"{from}"),
            _ => format!("place: \"{a}\" ~ \"{b}\"{from}"),
        };
    }
    if fold(a) == fold(b) {
        format!("{what}: \"{a}\"{from}")
    } else if k.signal == Signal::Events || k.signal == Signal::Acronyms {
        format!("{what} {label}: \"{a}\" ~ \"{b}\"{from}")
    } else {
        format!("{what}: \"{a}\" ~ \"{b}\"{from}")
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// How much a source's date fits the claim's time: 0 when it appeared before the event,
/// 1 within a few days after, decaying with the gap. A title with no time of its own is
/// taken to be about the article's newest events.
pub(super) fn time_factor(
    claim: &Claim,
    f: &Features,
    date: crate::PartialDate,
    today: Option<NaiveDate>,
) -> (f64, Option<String>) {
    if let Some(t) = &f.time {
        let from = if f.time_inherited {
            " (date from an earlier sentence)"
        } else {
            ""
        };
        if date.last_day() < t.start {
            let factor = if f.time_inherited { 0.25 } else { 0.0 };
            return (
                factor,
                Some(format!(
                    "published {date}, before \"{}\": it cannot report it{from}",
                    t.text
                )),
            );
        }
        let gap = (date.first_day() - t.end).num_days();
        if gap <= 2 {
            return (
                1.0,
                Some(format!(
                    "published {date}, in or just after \"{}\"{from}",
                    t.text
                )),
            );
        }
        let factor = (-((gap - 2) as f64) / 15.0).exp().max(0.3);
        return (
            factor,
            Some(format!(
                "published {date}, {gap} days after \"{}\"{from}",
                t.text
            )),
        );
    }
    if claim.title
        && let Some(today) = today
    {
        let gap = (today - date.last_day()).num_days().max(0);
        let factor = (-(gap as f64) / 15.0).exp().max(0.35);
        return (
            factor,
            Some(format!(
                "published {date}, {} before the article (the title reports its newest events)",
                days(gap)
            )),
        );
    }
    (1.0, None)
}

/// References whose outlet (or lead author) the claim names as its source:
/// `Al Mada reported`, `according to Reuters`, `Reuters said`.
pub(super) fn attributed_refs(text: &str, index: &RefIndex) -> Vec<(usize, String)> {
    let toks = tokenize(text);
    let lower: Vec<String> = toks.iter().map(|t| t.lower.clone()).collect();
    let mut out = Vec::new();
    for s in 0..lower.len() {
        if !toks[s].capital {
            continue;
        }
        let Some(entries) = index.outlet_index.get(&lower[s]) else {
            continue;
        };
        for (i, name, ntoks) in entries {
            let n = ntoks.len();
            if s + n > lower.len() || lower[s..s + n] != ntoks[..] {
                continue;
            }
            let after = &lower[s + n..lower.len().min(s + n + 4)];
            let before = &lower[s.saturating_sub(2)..s];
            let reporting = after.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "reported"
                        | "reports"
                        | "said"
                        | "says"
                        | "told"
                        | "wrote"
                        | "claimed"
                        | "announced"
                        | "cited"
                )
            }) || before == ["according", "to"];
            if reporting && !out.iter().any(|(j, _)| j == i) {
                out.push((*i, name.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::features::{Knowledge, extract};

    fn names(text: &str) -> Vec<NameRun> {
        let knowledge = Knowledge::learn("the base was hit by a drone and the leader speaks");
        extract(text, &knowledge, None).names
    }

    #[test]
    fn airbase_spellings_meet_but_a_person_does_not() {
        let claim = names("Missiles were fired at the Al-Assad airbase in Anbar.");
        let base = names("Targeting Ain al-Asad base in western Iraq");
        let person = names("Bashar al-Assad speaks in Damascus");
        assert_eq!(name_matches(&claim, &base).len(), 1);
        assert!(name_matches(&claim, &person).is_empty());
    }

    #[test]
    fn a_group_inside_a_longer_name_matches_in_part() {
        let claim = names("Harakat al-Nujaba claimed the strike.");
        let title = names("Leader Al-Nujaba announces the bombing");
        let found = name_matches(&claim, &title);
        assert_eq!(found.len(), 1);
        assert!(found[0].2 > 0.0);
    }
}
