//! Scoring claims against references: candidate generation through an inverted index
//! of feature keys, a weighted sum of matched keys (BM25-style IDF), a time factor, and
//! the rules for attribution, counts and trackers.

use super::features::{self, Features, Knowledge};
use super::index::RefIndex;
use super::matching::{attributed_refs, describe, name_matches, time_factor};
use super::{Claim, Link, Options, Signal};
use crate::Reference;
use crate::trace::text::{fold, tokenize};
use chrono::NaiveDate;
use std::collections::HashSet;

/// Weight of one matched key of each signal, before IDF.
pub(super) fn weight(signal: Signal) -> f64 {
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
    // Reused across claims: accumulated IDF mass per reference, and which were touched.
    let mut mass = vec![0.0; refs.len()];
    let mut touched = Vec::new();
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
        let scratch = (mass.as_mut_slice(), &mut touched);
        out.push(link_claim(
            claim,
            &f,
            &index,
            today,
            options,
            pairs_scored,
            scratch,
        ));
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
    scratch: (&mut [f64], &mut Vec<usize>),
) -> Vec<Link> {
    let signals = &options.signals;
    let n = index.refs.len();
    let cap = (n / 4).max(40);
    // Candidate generation: accumulate each reference's IDF mass over the postings of
    // the claim's keys (keys shared by most references are skipped), then score in
    // full only the best MAX_CANDIDATES of them.
    let (mass, touched) = scratch;
    for k in f.keys.iter().filter(|k| signals.has(k.signal)) {
        if let Some(p) = index.postings.get(&k.key)
            && p.len() <= cap
        {
            let w = weight(k.signal).max(0.5) * index.idf(&k.key) * k.strength;
            for &i in p {
                if mass[i] == 0.0 {
                    touched.push(i);
                }
                mass[i] += w;
            }
        }
    }
    let mut ranked: Vec<(usize, f64)> = touched.iter().map(|&i| (i, mass[i])).collect();
    for &i in touched.iter() {
        mass[i] = 0.0;
    }
    touched.clear();
    let by_mass = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if ranked.len() > MAX_CANDIDATES {
        ranked.select_nth_unstable_by(MAX_CANDIDATES, by_mass);
        ranked.truncate(MAX_CANDIDATES);
    }
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
    *pairs_scored += candidates.len();
    let ctx = Context {
        claim,
        f,
        index,
        today,
        signals,
        attributed: &attributed,
        aggregate,
    };
    // Score every candidate without wording its evidence, then word it for those kept.
    let mut scored: Vec<(usize, f64, bool)> = candidates
        .into_iter()
        .filter_map(|i| assess(&ctx, i, false).map(|(l, keep)| (i, l.score, keep)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let best = scored.first().map(|s| s.1).unwrap_or(0.0);
    let mut links: Vec<(Link, bool)> = scored
        .into_iter()
        .filter(|(_, score, keep)| *keep || *score >= best * RELATIVE_CUT)
        .filter_map(|(i, _, _)| assess(&ctx, i, true))
        .collect();
    links.sort_by(|a, b| {
        b.0.score
            .total_cmp(&a.0.score)
            .then(a.0.index.cmp(&b.0.index))
    });
    links.into_iter().map(|(l, _)| l).collect()
}

/// What [`assess`] needs to know about the claim being linked.
struct Context<'a> {
    claim: &'a Claim,
    f: &'a Features,
    index: &'a RefIndex<'a>,
    today: Option<NaiveDate>,
    signals: &'a super::Signals,
    attributed: &'a [(usize, String)],
    aggregate: bool,
}

/// Evidence lines, worded only when asked (the first pass only counts them).
struct Notes {
    explain: bool,
    items: Vec<String>,
    count: usize,
}

impl Notes {
    fn new(explain: bool) -> Notes {
        Notes {
            explain,
            items: Vec::new(),
            count: 0,
        }
    }

    fn note(&mut self, line: impl FnOnce() -> String) {
        self.count += 1;
        if self.explain {
            self.items.push(line());
        }
    }
}

/// Confidence and evidence of one reference for the claim; the flag says whether a
/// count or tracker rule keeps it whatever the best link scores.
fn assess(ctx: &Context, i: usize, explain: bool) -> Option<(Link, bool)> {
    let Context {
        claim,
        f,
        index,
        today,
        signals,
        attributed,
        aggregate,
    } = *ctx;
    let r = &index.feats[i];
    let reference = &index.refs[i];
    let mut evidence = Notes::new(explain);
    let mut conflicts = Notes::new(explain);
    let mut words = Notes::new(explain);
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
            words.note(|| format!("\"{}\"", rk.surface));
        } else {
            // Two places that only share their country are not worth a line.
            let country_only = k.signal == Signal::Places
                && k.via == "lies in"
                && rk.via == "lies in"
                && k.key.matches(':').count() == 1;
            if country_only {
                evidence.count += 1;
            } else {
                evidence.note(|| describe(k, rk));
            }
        }
        if k.signal == Signal::Places && k.key.matches(':').count() >= 2 && !k.inherited {
            specific_place = true;
        }
        add(&k.surface, w);
    }
    if !words.items.is_empty() {
        let list = words.items.join(", ");
        evidence.items.insert(0, format!("shared words: {list}"));
    }
    evidence.count += words.count;
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
            evidence.note(|| {
                format!(
                    "{how}: \"{}\" ~ \"{}\"{}",
                    c.surface,
                    rr.surface,
                    if c.inherited {
                        " (from the sentence before)"
                    } else {
                        ""
                    }
                )
            });
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
        conflicts.note(|| {
            format!(
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
            )
        });
    }
    if let Some((_, outlet)) = attributed.iter().find(|(j, _)| *j == i) {
        raw += 6.0;
        evidence.note(|| format!("attributed in the text: \"{outlet}\" is this entry's outlet"));
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
            evidence.note(|| "tracks many incidents over the period the claim counts".to_string());
        } else if specific_place && r.keys.iter().any(|k| k.signal == Signal::Events) {
            raw += INCIDENT_BONUS;
            keep_anyway = true;
            evidence
                .note(|| "an incident report at a place the claim counts incidents at".to_string());
        }
    }
    let mut confidence = 1.0 - (-raw / SCALE).exp();
    if signals.has(Signal::Time)
        && let Some(date) = reference.date
    {
        let (mut factor, mut note) = time_factor(claim, f, date, today);
        if factor < 0.8 && attributed.iter().any(|(j, _)| *j == i) {
            factor = 0.8;
            note = note.map(|n| format!("{n}; kept, as the text names this outlet"));
        }
        confidence *= factor;
        if let Some(note) = note {
            evidence.note(|| note);
        }
        if factor < 0.2 {
            keep_anyway = false;
        }
    }
    if confidence <= 0.0 || evidence.count == 0 {
        return None;
    }
    evidence.note(|| "support judged from the title only: consistent with the title".to_string());
    Some((
        Link {
            index: reference.index,
            key: reference.key.clone(),
            score: (confidence * 1000.0).round() / 1000.0,
            evidence: evidence.items,
            conflicts: conflicts.items,
        },
        keep_anyway,
    ))
}
