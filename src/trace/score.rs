//! Scoring claims against references: candidate generation through an inverted index
//! of feature keys, a weighted sum of matched keys (BM25-style IDF), a time factor, and
//! the rules for attribution, counts and trackers.

use super::features::{self, Feature, Features, Knowledge, NameRun};
use super::{Claim, Link, Options, Signal};
use crate::Reference;
use crate::trace::text::{fold, tokenize};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Weight of one matched key of each signal, before IDF.
fn weight(signal: Signal) -> f64 {
    match signal {
        Signal::Words => 1.0,
        Signal::Names => 1.3,
        Signal::Places => 0.9,
        Signal::Acronyms => 0.8,
        Signal::Events => 0.7,
        Signal::Numbers => 0.6,
        _ => 0.0,
    }
}

/// Confidence scale: raw evidence of this size gives 1 - 1/e.
const SCALE: f64 = 5.0;
/// Links weaker than this share of the best link are left out (counts and trackers
/// excepted).
const RELATIVE_CUT: f64 = 0.7;
/// References scored in full per claim, after the cheap first pass.
const MAX_CANDIDATES: usize = 150;
/// Share of the extra evidence for one mention (a word that is also a term) that counts.
const CONFIRMATION: f64 = 0.3;
/// Factor for a link that rests on a single mention of the claim.
const SINGLE_MENTION: f64 = 0.7;
/// Evidence added for a tracker covering the period of a count claim.
const TRACKER_BONUS: f64 = 5.0;
/// Evidence added for an incident report at a place a count claim counts at.
const INCIDENT_BONUS: f64 = 4.0;
/// BM25 length normalisation.
const B: f64 = 0.5;

struct RefIndex<'a> {
    refs: &'a [Reference],
    feats: Vec<Features>,
    df: HashMap<String, usize>,
    postings: HashMap<String, Vec<usize>>,
    avg_len: f64,
    /// Outlet and lead-author names by their first lower-case word: (entry, name, words).
    outlet_index: HashMap<String, Vec<(usize, String, Vec<String>)>>,
}

impl<'a> RefIndex<'a> {
    fn build(refs: &'a [Reference], knowledge: &Knowledge) -> RefIndex<'a> {
        let feats: Vec<Features> = refs
            .iter()
            .map(|r| features::extract(r.title.as_deref().unwrap_or(&r.raw), knowledge, None))
            .collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in feats.iter().enumerate() {
            for k in &f.keys {
                *df.entry(k.key.clone()).or_default() += 1;
                postings.entry(k.key.clone()).or_default().push(i);
            }
        }
        let avg_len =
            feats.iter().map(|f| f.length as f64).sum::<f64>() / feats.len().max(1) as f64;
        // Outlet of each entry, inherited along continuation lines (`- "Title," date`).
        let mut outlets: Vec<Vec<String>> = Vec::new();
        for r in refs {
            let mut names: Vec<String> = r.outlet.iter().cloned().collect();
            if let Some(a) = r.authors.first() {
                names.push(a.family.clone());
            }
            if names.is_empty()
                && let Some(prev) = r.continues.and_then(|c| outlets.get(c.saturating_sub(1)))
            {
                names = prev.clone();
            }
            outlets.push(names);
        }
        let mut outlet_index: HashMap<String, Vec<(usize, String, Vec<String>)>> = HashMap::new();
        for (i, names) in outlets.iter().enumerate() {
            for name in names {
                let words: Vec<String> = tokenize(name).into_iter().map(|t| t.lower).collect();
                if words.is_empty() || words.iter().all(|w| crate::trace::text::is_stop_word(w)) {
                    continue;
                }
                outlet_index
                    .entry(words[0].clone())
                    .or_default()
                    .push((i, name.clone(), words));
            }
        }
        RefIndex {
            refs,
            feats,
            df,
            postings,
            avg_len: avg_len.max(1.0),
            outlet_index,
        }
    }

    fn idf(&self, key: &str) -> f64 {
        let n = self.refs.len() as f64;
        let df = *self.df.get(key).unwrap_or(&0) as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

/// Links for every claim, best first (not yet cut at the minimum confidence).
pub(super) fn link_all(
    claims: &[Claim],
    refs: &[Reference],
    body: &str,
    today: Option<NaiveDate>,
    options: &Options,
    pairs_scored: &mut usize,
) -> Vec<Vec<Link>> {
    let knowledge = Knowledge::learn(body);
    let index = RefIndex::build(refs, &knowledge);
    let signals = &options.signals;
    let mut out = Vec::new();
    let mut previous: Option<(usize, Features)> = None;
    for claim in claims {
        let own = features::extract(&claim.text, &knowledge, today);
        let mut f = own.clone();
        if signals.has(Signal::Context)
            && let Some((para, before)) = &previous
            && *para == claim.paragraph
            && claim.paragraph > 0
        {
            let strength = if opens_with_reference(&claim.text) {
                0.5
            } else {
                0.3
            };
            features::inherit(&mut f, before, strength);
            if f.time.is_none() && before.time.is_some() {
                f.time = before.time.clone();
                f.time_inherited = true;
            }
        }
        out.push(link_claim(claim, &f, &index, today, options, pairs_scored));
        // The next sentence inherits this one's own names, and the time in force.
        let mut carried = own;
        if carried.time.is_none() {
            carried.time = f.time.clone();
        }
        previous = Some((claim.paragraph, carried));
    }
    out
}

/// Whether a sentence opens by pointing back (`He said`, `The group`, `This was`).
fn opens_with_reference(text: &str) -> bool {
    let toks = tokenize(text);
    let first = toks.first().map(|t| t.lower.as_str()).unwrap_or("");
    let second = toks.get(1).map(|t| t.lower.as_str()).unwrap_or("");
    matches!(
        first,
        "he" | "she"
            | "it"
            | "they"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
    ) || (first == "the"
        && matches!(
            second,
            "group"
                | "attack"
                | "militia"
                | "strike"
                | "incident"
                | "base"
                | "statement"
                | "official"
                | "ministry"
                | "faction"
        ))
        || toks.iter().take(8).any(|t| t.lower == "also")
}

fn link_claim(
    claim: &Claim,
    f: &Features,
    index: &RefIndex,
    today: Option<NaiveDate>,
    options: &Options,
    pairs_scored: &mut usize,
) -> Vec<Link> {
    let signals = &options.signals;
    let n = index.refs.len();
    let cap = (n / 4).max(40);
    // Candidate generation: accumulate each reference's IDF mass over the postings of
    // the claim's keys (keys shared by most references are skipped), then score in
    // full only the best MAX_CANDIDATES of them.
    let mut mass: HashMap<usize, f64> = HashMap::new();
    for k in f.keys.iter().filter(|k| signals.has(k.signal)) {
        if let Some(p) = index.postings.get(&k.key)
            && p.len() <= cap
        {
            let w = weight(k.signal).max(0.5) * index.idf(&k.key) * k.strength;
            for &i in p {
                *mass.entry(i).or_default() += w;
            }
        }
    }
    let mut ranked: Vec<(usize, f64)> = mass.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(MAX_CANDIDATES);
    let mut candidates: HashSet<usize> = ranked.into_iter().map(|(i, _)| i).collect();
    let attributed = if signals.has(Signal::Attribution) {
        attributed_refs(&claim.text, index)
    } else {
        Vec::new()
    };
    candidates.extend(attributed.iter().map(|(i, _)| *i));
    let aggregate = signals.has(Signal::Context) && f.aggregate;
    if aggregate {
        candidates.extend((0..n).filter(|&i| index.feats[i].tracker));
    }
    let mut links: Vec<(Link, bool)> = Vec::new();
    *pairs_scored += candidates.len();
    for i in candidates {
        let r = &index.feats[i];
        let reference = &index.refs[i];
        let mut evidence = Vec::new();
        let mut conflicts = Vec::new();
        let mut words = Vec::new();
        // Contributions grouped by the claim words they come from, so that one mention
        // (`Gaza War`: a word, a term and a place) counts once, plus a little for the
        // confirmations.
        let mut groups: Vec<(String, f64, f64)> = Vec::new();
        let mut add = |surface: &str, w: f64| {
            let s = fold(surface);
            if let Some(g) = groups
                .iter_mut()
                .find(|g| g.0.contains(&s) || s.contains(&g.0))
            {
                g.1 = g.1.max(w);
                g.2 += w;
                if s.len() > g.0.len() {
                    g.0 = s;
                }
            } else {
                groups.push((s, w, w));
            }
        };
        let len_norm = 1.0 - B + B * (r.length as f64 / index.avg_len);
        let mut specific_place = false;
        for k in f
            .keys
            .iter()
            .filter(|k| signals.has(k.signal) && k.signal != Signal::Names)
        {
            let Some(rk) = r.keys.iter().find(|rk| rk.key == k.key) else {
                continue;
            };
            let s = k.strength.min(rk.strength);
            let mut w = weight(k.signal) * index.idf(&k.key) * s;
            if k.signal == Signal::Words {
                w /= len_norm;
                words.push(format!("\"{}\"", rk.surface));
            } else {
                evidence.push(describe(k, rk));
            }
            if k.signal == Signal::Places && k.key.matches(':').count() >= 2 && !k.inherited {
                specific_place = true;
            }
            add(&k.surface, w);
        }
        if !words.is_empty() {
            evidence.insert(0, format!("shared words: {}", words.join(", ")));
        }
        if signals.has(Signal::Names) {
            let places_on = signals.has(Signal::Places);
            for (c, rr, s) in name_matches(&f.names, &r.names) {
                if places_on && c.place && rr.place {
                    continue;
                }
                let idf: f64 = c
                    .core
                    .iter()
                    .filter(|p| rr.core.contains(p))
                    .map(|p| index.idf(&format!("n:{p}")))
                    .sum();
                let inh = if c.inherited { 0.4 } else { 1.0 };
                add(&c.surface, weight(Signal::Names) * idf * s * inh);
                specific_place |= !c.place && !c.inherited;
                let how = if fold(&c.surface) == fold(&rr.surface) {
                    "same name"
                } else {
                    "same name, other spelling"
                };
                evidence.push(format!(
                    "{how}: \"{}\" ~ \"{}\"{}",
                    c.surface,
                    rr.surface,
                    if c.inherited {
                        " (from the sentence before)"
                    } else {
                        ""
                    }
                ));
            }
        }
        let breadth = groups.len();
        let mut raw: f64 = groups
            .iter()
            .map(|g| g.1 + CONFIRMATION * (g.2 - g.1))
            .sum();
        if breadth == 1 {
            raw *= SINGLE_MENTION;
        }
        if signals.has(Signal::Events)
            && !f.weapons.is_empty()
            && !r.weapons.is_empty()
            && !f
                .weapons
                .iter()
                .any(|(c, _)| r.weapons.iter().any(|(rc, _)| rc == c))
        {
            raw *= 0.75;
            conflicts.push(format!(
                "the claim says {}, the title says {}",
                f.weapons
                    .iter()
                    .map(|w| format!("\"{}\"", w.1))
                    .collect::<Vec<_>>()
                    .join(", "),
                r.weapons
                    .iter()
                    .map(|w| format!("\"{}\"", w.1))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some((_, outlet)) = attributed.iter().find(|(j, _)| *j == i) {
            raw += 6.0;
            evidence.push(format!(
                "attributed in the text: \"{outlet}\" is this entry's outlet"
            ));
        }
        let mut keep_anyway = false;
        if aggregate {
            let covers = match (&f.time, reference.date) {
                (Some(t), Some(d)) => d.last_day() >= t.start,
                _ => true,
            };
            if r.tracker && covers {
                raw += TRACKER_BONUS;
                keep_anyway = true;
                evidence.push("tracks many incidents over the period the claim counts".to_string());
            } else if specific_place && r.keys.iter().any(|k| k.signal == Signal::Events) {
                raw += INCIDENT_BONUS;
                keep_anyway = true;
                evidence.push(
                    "an incident report at a place the claim counts incidents at".to_string(),
                );
            }
        }
        let mut confidence = 1.0 - (-raw / SCALE).exp();
        if signals.has(Signal::Time)
            && let Some(date) = reference.date
        {
            let (mut factor, note) = time_factor(claim, f, date, today);
            if attributed.iter().any(|(j, _)| *j == i) {
                factor = factor.max(0.8);
            }
            confidence *= factor;
            if let Some(note) = note {
                evidence.push(note);
            }
            if factor < 0.2 {
                keep_anyway = false;
            }
        }
        if confidence <= 0.0 || evidence.is_empty() {
            continue;
        }
        evidence.push("support judged from the title only: consistent with the title".to_string());
        links.push((
            Link {
                index: reference.index,
                key: reference.key.clone(),
                score: (confidence * 1000.0).round() / 1000.0,
                evidence,
                conflicts,
            },
            keep_anyway,
        ));
    }
    links.sort_by(|a, b| {
        b.0.score
            .total_cmp(&a.0.score)
            .then(a.0.index.cmp(&b.0.index))
    });
    let best = links.first().map(|l| l.0.score).unwrap_or(0.0);
    links
        .into_iter()
        .filter(|(l, keep)| *keep || l.score >= best * RELATIVE_CUT)
        .map(|(l, _)| l)
        .collect()
}

/// Pairs of claim and title names that name the same thing, with a strength. One name
/// inside the other counts in proportion to how much of the longer one it covers; a
/// facility name (`Al-Assad airbase`) never matches a longer name of another kind
/// (`Bashar al-Assad`).
fn name_matches<'a>(
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

fn describe(k: &Feature, rk: &Feature) -> String {
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
    let how = match (k.via, rk.via) {
        ("capital of", _) | (_, "capital of") => ", a capital standing for its government",
        ("lies in", _) | (_, "lies in") => ", one lies within the other",
        _ => "",
    };
    let label = k.key.split(':').next_back().unwrap_or("");
    if fold(&k.surface) == fold(&rk.surface) {
        format!("{what}: \"{}\"{how}{from}", k.surface)
    } else if k.signal == Signal::Events || k.signal == Signal::Acronyms {
        format!(
            "{what} {label}: \"{}\" ~ \"{}\"{from}",
            k.surface, rk.surface
        )
    } else {
        format!("{what}: \"{}\" ~ \"{}\"{how}{from}", k.surface, rk.surface)
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
fn time_factor(
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
fn attributed_refs(text: &str, index: &RefIndex) -> Vec<(usize, String)> {
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
