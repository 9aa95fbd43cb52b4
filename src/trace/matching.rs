//! Pieces of evidence between one claim and one title: names across spellings, the
//! wording of a matched key, the date relation, and attribution to an outlet.

use super::Claim;
use super::evidence::{Evidence, PlaceRelation, TimeRelation, gap_days};
use super::features::{Feature, Features, Key, NameRun};
use super::index::RefIndex;
use super::places::Via;
use crate::trace::text::tokenize;
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

/// The evidence a matched key gives, worded from both surfaces.
pub(super) fn describe(k: &Feature, rk: &Feature) -> Evidence {
    let (claim, title) = (k.surface.clone(), rk.surface.clone());
    let inherited = k.inherited;
    if let Key::Place(area) = &k.key {
        let relation = match (k.via, rk.via) {
            (Via::LiesIn, Via::LiesIn) => PlaceRelation::BothIn,
            (Via::LiesIn, _) => PlaceRelation::ClaimInTitle,
            (_, Via::LiesIn) => PlaceRelation::TitleInClaim,
            (Via::CapitalOf, _) | (_, Via::CapitalOf) => PlaceRelation::Capital,
            _ => PlaceRelation::Same,
        };
        let _ = area;
        return Evidence::Place {
            claim,
            title,
            relation,
            area: k.place.clone(),
            inherited,
        };
    }
    let what = match k.key {
        Key::Event(_) => "event",
        Key::Number(_) => "number",
        Key::Short(_) | Key::Initials(_) => "acronym",
        _ => "term",
    };
    Evidence::Term {
        what,
        claim,
        title,
        inherited,
    }
}

/// Time evidence of a source's date against the claim: the features
/// (before own time, before a carried time, near, log gap after, title recency) and the
/// wording. A source dated before the claim's time is evidence against the link, not a
/// veto: the claim's time may be misread, or carried from a sentence about another day.
pub(super) fn time_evidence(
    claim: &Claim,
    f: &Features,
    date: crate::PartialDate,
    today: Option<NaiveDate>,
    explain: bool,
) -> ([f64; 5], Option<Evidence>) {
    let mut x = [0.0; 5];
    let word = |relation, time: &str, inherited| {
        explain.then(|| Evidence::published(date, relation, time, inherited))
    };
    if let Some(t) = &f.time {
        let inherited = f.time_inherited;
        if date.last_day() < t.start {
            x[if inherited { 1 } else { 0 }] = 1.0;
            return (x, word(TimeRelation::Before, &t.text, inherited));
        }
        let gap = gap_days(date.first_day(), t.end);
        if gap <= 2 {
            x[2] = 1.0;
            return (x, word(TimeRelation::Near, &t.text, inherited));
        }
        x[3] = (1.0 + gap as f64).ln();
        return (x, word(TimeRelation::After(gap), &t.text, inherited));
    }
    if claim.title
        && let Some(today) = today
    {
        let gap = gap_days(today, date.last_day()).max(0);
        x[4] = (1.0 + gap as f64).ln();
        return (x, word(TimeRelation::BeforeArticle(gap), "", false));
    }
    (x, None)
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
        let knowledge = Knowledge::learn("the base was hit by a drone and the leader speaks", "");
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
    fn a_place_prefix_of_the_lexicon_makes_a_place_name() {
        // `Wadi` is a `place` prefix in data/news-lexicon.tsv; `Khan` prefixes places
        // and is a family name (`mixed`), so it says nothing of what the run names.
        let wadi = names("Shelling was reported near Wadi Hajar on Sunday.");
        let khan = names("Later Imran Khan spoke in Lahore.");
        let of = |runs: &[NameRun], word: &str| {
            runs.iter()
                .find(|r| r.surface.contains(word))
                .map(|r| r.facility)
        };
        assert_eq!(of(&wadi, "Hajar"), Some(true));
        assert_eq!(of(&khan, "Khan"), Some(false));
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
