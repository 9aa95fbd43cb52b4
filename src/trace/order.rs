//! List order as evidence. Many lists (footnotes, endnotes, Wikipedia) are numbered in
//! the order the text first cites them. From the confident first-stage links (anchors)
//! this module judges whether a list is such a list; when it is, each entry gets a
//! window of claims where its first citation must lie (between the claims of the
//! nearest anchors before and after it), and the position of a claim against that
//! window becomes a feature of the second stage.

use super::model::{OrderFeat, sigmoid};
use super::tuning::TUNING;
use std::collections::HashMap;

/// The order found in a list.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Whether the list is numbered in citation order.
    pub ordered: bool,
    /// Anchors kept (in order): (entry, claim), both 0-based.
    anchors: Vec<(usize, usize)>,
    /// Claim of each anchored entry.
    anchored: HashMap<usize, usize>,
    n_claims: usize,
}

impl Layout {
    /// Judges the order from the first-stage candidates `(claim, entry, probability)`.
    pub fn detect(n_claims: usize, candidates: &[(usize, usize, f64)]) -> Layout {
        // Each claim's best candidate, when confident; each entry's earliest claim.
        let mut best: HashMap<usize, (usize, f64)> = HashMap::new();
        for &(c, r, p) in candidates {
            if p >= TUNING.anchor_at && best.get(&c).is_none_or(|b| p > b.1) {
                best.insert(c, (r, p));
            }
        }
        let mut first: HashMap<usize, usize> = HashMap::new();
        for (&c, &(r, _)) in &best {
            first.entry(r).and_modify(|e| *e = (*e).min(c)).or_insert(c);
        }
        let mut anchors: Vec<(usize, usize)> = first.into_iter().collect();
        anchors.sort();
        let n = anchors.len();
        if n < TUNING.min_anchors {
            return Layout {
                n_claims,
                ..Layout::default()
            };
        }
        // Share of anchor pairs whose claims come in the entries' order (a sample of
        // pairs on long lists keeps this linear).
        let step = (n / 200).max(1);
        let (mut agree, mut all) = (0usize, 0usize);
        for a in (0..n).step_by(step) {
            for b in ((a + 1)..n).step_by(step) {
                all += 1;
                agree += usize::from(anchors[a].1 <= anchors[b].1);
            }
        }
        let ordered = all > 0 && agree as f64 >= TUNING.ordered_share * all as f64;
        if std::env::var_os("REFTRACE_DEBUG_ORDER").is_some() {
            eprintln!("order: {n} anchors, {agree} of {all} pairs in order");
        }
        if !ordered {
            return Layout {
                n_claims,
                ..Layout::default()
            };
        }
        let kept = align(n_claims, candidates).unwrap_or_else(|| longest_nondecreasing(&anchors));
        if std::env::var_os("REFTRACE_DEBUG_ORDER").is_some() {
            eprintln!("placed: {kept:?}");
        }
        Layout {
            ordered: true,
            anchored: kept.iter().copied().collect(),
            anchors: kept,
            n_claims,
        }
    }

    /// The window of claims where an entry's first citation lies: between the
    /// placements of the nearest placed entries before and after it (itself left out),
    /// with those entries: (first claim, last claim, entry before, entry after).
    pub fn window(&self, entry: usize) -> Option<(usize, usize, Option<usize>, Option<usize>)> {
        if !self.ordered {
            return None;
        }
        let at = self.anchors.partition_point(|a| a.0 < entry);
        let before = at.checked_sub(1).map(|i| self.anchors[i]);
        let next = if self.anchored.contains_key(&entry) {
            at + 1
        } else {
            at
        };
        let after = self.anchors.get(next).copied();
        Some((
            before.map_or(0, |a| a.1),
            after.map_or(self.n_claims.saturating_sub(1), |a| a.1),
            before.map(|a| a.0),
            after.map(|a| a.0),
        ))
    }

    /// Pairs worth a look in an ordered list: every claim of a narrow window.
    pub fn window_pairs(&self, n_entries: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if !self.ordered {
            return out;
        }
        for r in 0..n_entries {
            if let Some((lo, hi, _, _)) = self.window(r)
                && hi + 1 - lo <= TUNING.max_window
            {
                out.extend((lo..=hi).map(|c| (c, r)));
            }
        }
        out
    }

    /// Stage-2 features of a pair with stage-1 log-odds `logit`.
    pub fn features(&self, claim: usize, entry: usize, logit: f64) -> Vec<f64> {
        let mut x = vec![0.0; OrderFeat::COUNT];
        x[OrderFeat::Bias as usize] = 1.0;
        x[OrderFeat::Logit as usize] = logit;
        if let Some((lo, hi, _, _)) = self.window(entry) {
            x[OrderFeat::Ordered as usize] = 1.0;
            x[OrderFeat::OrderedLogit as usize] = logit;
            let ln = |d: usize| (1.0 + d as f64).ln();
            if claim < lo {
                x[OrderFeat::Early as usize] = ln(lo - claim);
            } else if claim > hi {
                x[OrderFeat::Late as usize] = ln(claim - hi);
            } else {
                x[OrderFeat::InWindow as usize] = 1.0;
                x[OrderFeat::Width as usize] = ln(hi - lo);
            }
            if let Some(&c) = self.anchored.get(&entry) {
                if c == claim {
                    x[OrderFeat::Placed as usize] = 1.0;
                } else {
                    x[OrderFeat::PlacedDistance as usize] = ln(c.abs_diff(claim));
                }
            }
        }
        x
    }
}

/// Log-odds of a probability, bounded.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

/// Probability of log-odds (the inverse of [`logit`]).
pub fn prob(l: f64) -> f64 {
    sigmoid(l)
}

/// The best monotone placement of the entries' first citations: each entry placed at
/// one of its candidate claims or left out, claims never going back as entries go on,
/// maximising the sum of (stage-1 log-odds + `place_bonus`) over placed entries. A
/// dynamic programme over entries × claims; `None` when that table would be too big.
fn align(n_claims: usize, candidates: &[(usize, usize, f64)]) -> Option<Vec<(usize, usize)>> {
    let n_refs = candidates.iter().map(|c| c.1 + 1).max().unwrap_or(0);
    if n_claims == 0 || n_refs * n_claims > 4_000_000 {
        return None;
    }
    let mut by_ref: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n_refs];
    for &(c, r, p) in candidates {
        by_ref[r].push((c, logit(p) + TUNING.place_bonus));
    }
    // best[j][c]: best value over entries < j with the last placement at or before c.
    let mut best = vec![vec![0.0f64; n_claims]; n_refs + 1];
    for j in 0..n_refs {
        let mut next = best[j].clone();
        for &(c, v) in &by_ref[j] {
            next[c] = next[c].max(best[j][c] + v);
        }
        for c in 1..n_claims {
            next[c] = next[c].max(next[c - 1]);
        }
        best[j + 1] = next;
    }
    let mut out = Vec::new();
    let mut bound = n_claims - 1;
    for j in (0..n_refs).rev() {
        let target = best[j + 1][bound];
        if (target - best[j][bound]).abs() < 1e-12 {
            continue;
        }
        if let Some(&(c, _)) = by_ref[j]
            .iter()
            .filter(|(c, v)| *c <= bound && (best[j][*c] + v - target).abs() < 1e-9)
            .max_by_key(|(c, _)| *c)
        {
            out.push((j, c));
            bound = c;
        }
    }
    out.reverse();
    Some(out)
}

/// The longest run of anchors (sorted by entry) whose claims never go back.
fn longest_nondecreasing(anchors: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting with predecessor links, O(n log n).
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; anchors.len()];
    for i in 0..anchors.len() {
        let c = anchors[i].1;
        let at = tails.partition_point(|&t| anchors[t].1 <= c);
        if at > 0 {
            prev[i] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::new();
    let mut i = tails.last().copied().unwrap_or(usize::MAX);
    while i != usize::MAX {
        out.push(anchors[i]);
        i = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordered_list_gives_windows_between_anchors() {
        // Entries 0, 2, 4, 6, 8 confidently cited at claims 1, 5, 9, 13, 17.
        let cands: Vec<(usize, usize, f64)> = (0..5).map(|k| (1 + 4 * k, 2 * k, 0.9)).collect();
        let layout = Layout::detect(20, &cands);
        assert!(layout.ordered);
        assert_eq!(layout.window(3), Some((5, 9, Some(2), Some(4))));
        assert_eq!(layout.window(4), Some((5, 13, Some(2), Some(6))));
        let inside = layout.features(7, 3, 0.0);
        let early = layout.features(2, 3, 0.0);
        assert_eq!(inside[OrderFeat::InWindow as usize], 1.0);
        assert!(early[OrderFeat::Early as usize] > 0.0);
    }

    #[test]
    fn a_list_in_another_order_is_not_ordered() {
        let claims = [9, 2, 14, 0, 11, 5, 7];
        let cands: Vec<(usize, usize, f64)> = claims
            .iter()
            .enumerate()
            .map(|(r, &c)| (c, r, 0.9))
            .collect();
        assert!(!Layout::detect(20, &cands).ordered);
    }
}
