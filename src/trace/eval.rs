//! Scores a [`Trace`] against a hand-made gold claims file, with the same metrics as
//! the project's `score.py trace`: P@1, core recall, link precision and quiet.
//!
//! Gold claims carry byte offsets, the references that should be linked (`core`) and
//! those not wrong to link (`plausible`).

use super::Trace;
use serde::Deserialize;
use std::collections::HashSet;

/// One gold claim.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    /// 1-based position.
    pub index: usize,
    /// The sentence.
    pub text: String,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// Kind (`factual`, `opinion`, ...).
    pub kind: String,
    /// References that should be linked.
    pub core: Vec<usize>,
    /// References that are not wrong to link.
    pub plausible: Vec<usize>,
}

/// A gold claims file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Every sentence.
    pub claims: Vec<GoldClaim>,
}

/// The metrics.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    /// Share of linked references that are core or plausible.
    pub precision: f64,
    /// Share of core references linked.
    pub core_recall: f64,
    /// Share of claims with core references whose best link is core.
    pub p_at_1: f64,
    /// Share of claims without core references that have no wrong link.
    pub quiet: f64,
    /// Gold claims no predicted claim overlaps.
    pub unmatched: usize,
    /// Predicted kinds equal to gold kinds, as a share.
    pub kind_accuracy: f64,
}

/// Scores a trace against gold; also returns one line per claim with a problem.
pub fn score(gold: &Gold, trace: &Trace) -> (Metrics, Vec<String>) {
    let (mut n_pred, mut n_ok, mut core_total, mut core_found) = (0usize, 0usize, 0usize, 0usize);
    let (mut top_n, mut top_ok, mut quiet_n, mut quiet_ok, mut unmatched, mut kinds_ok) =
        (0, 0, 0, 0, 0, 0);
    let mut problems = Vec::new();
    for g in &gold.claims {
        let matching: Vec<_> = trace
            .claims
            .iter()
            .filter(|p| {
                let overlap =
                    g.byte_end.min(p.byte_end) as i64 - g.byte_start.max(p.byte_start) as i64;
                let shorter = (g.byte_end - g.byte_start).min(p.byte_end - p.byte_start) as f64;
                overlap as f64 > 0.5 * shorter
            })
            .collect();
        if matching.is_empty() {
            unmatched += 1;
        }
        if matching.iter().any(|p| {
            serde_json::to_value(p.kind)
                .ok()
                .and_then(|v| v.as_str().map(|s| s == g.kind))
                .unwrap_or(false)
        }) {
            kinds_ok += 1;
        }
        let mut srcs: Vec<(f64, usize)> = matching
            .iter()
            .flat_map(|p| p.sources.iter().map(|s| (s.score, s.index)))
            .collect();
        srcs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut linked: Vec<usize> = Vec::new();
        for (_, i) in srcs {
            if !linked.contains(&i) {
                linked.push(i);
            }
        }
        let core: HashSet<usize> = g.core.iter().copied().collect();
        let ok: HashSet<usize> = core.iter().chain(&g.plausible).copied().collect();
        n_pred += linked.len();
        n_ok += linked.iter().filter(|i| ok.contains(i)).count();
        if !core.is_empty() {
            core_total += core.len();
            core_found += core.iter().filter(|i| linked.contains(i)).count();
            top_n += 1;
            top_ok += usize::from(linked.first().is_some_and(|i| core.contains(i)));
        } else {
            quiet_n += 1;
            quiet_ok += usize::from(linked.iter().all(|i| ok.contains(i)));
        }
        let wrong: Vec<usize> = linked.iter().copied().filter(|i| !ok.contains(i)).collect();
        let mut missed: Vec<usize> = core
            .iter()
            .copied()
            .filter(|i| !linked.contains(i))
            .collect();
        missed.sort();
        let top_bad = !core.is_empty() && !linked.first().is_some_and(|i| core.contains(i));
        if !wrong.is_empty() || !missed.is_empty() || top_bad {
            problems.push(format!(
                "claim {}: top={:?} wrong={wrong:?} missed={missed:?}  {}",
                g.index,
                linked.first(),
                g.text.chars().take(70).collect::<String>()
            ));
        }
    }
    let ratio = |a: usize, b: usize, empty: f64| if b == 0 { empty } else { a as f64 / b as f64 };
    let metrics = Metrics {
        precision: ratio(n_ok, n_pred, 0.0),
        core_recall: ratio(core_found, core_total, 0.0),
        p_at_1: ratio(top_ok, top_n, 0.0),
        quiet: ratio(quiet_ok, quiet_n, 1.0),
        unmatched,
        kind_accuracy: ratio(kinds_ok, gold.claims.len(), 0.0),
    };
    (metrics, problems)
}
