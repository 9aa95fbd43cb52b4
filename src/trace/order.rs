//! List order as evidence. Many lists (footnotes, endnotes, Wikipedia) are numbered in
//! the order the text first cites them. The monotone alignment of [`super::align`]
//! weighs that against "in any order" (a Bayes factor over the first-stage evidence of
//! every pair); when the list is judged ordered, each (claim, entry) gets the posterior
//! probability that the claim is the entry's first citation, and the probability that
//! the entry was first cited earlier (a later citation is then possible). Those become
//! features of the second stage.

use super::align::{Emission, align};
use super::model::OrderFeat;
use super::tuning::TUNING;

/// The order found in a list.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Whether the list is numbered in citation order.
    pub ordered: bool,
    /// ln of the likelihood ratio of the list's own order over its best shuffle (0 when
    /// the alignment was not run).
    pub log_bayes: f64,
    /// Per entry, (claim, posterior of its first citation there), by claim.
    first: Vec<Vec<(usize, f64)>>,
    /// Per claim, the expected number of entries first cited there.
    claim_new: Vec<f64>,
    /// Entries placed with confidence, in order: (entry, claim).
    anchors: Vec<(usize, usize)>,
}

impl Layout {
    /// Judges the order from the first-stage candidates `(claim, entry, log-odds)` of
    /// claims in `paragraphs` (0: the title, which cites nothing).
    pub fn detect(
        paragraphs: &[usize],
        n_entries: usize,
        candidates: &[(usize, usize, f64)],
        emission: &Emission,
    ) -> Layout {
        let n_claims = paragraphs.len();
        let blocked: Vec<bool> = paragraphs.iter().map(|p| *p == 0).collect();
        let mut proposed = vec![Vec::new(); n_entries];
        for &(c, r, l) in candidates {
            if r < n_entries {
                proposed[r].push((c, l));
            }
        }
        let Some(a) = align(n_claims, &proposed, &blocked, emission) else {
            return Layout::default();
        };
        if std::env::var_os("REFTRACE_DEBUG_ORDER").is_some() {
            eprintln!("order: evidence {:.1}", a.evidence);
        }
        if a.evidence < TUNING.order_evidence {
            return Layout {
                log_bayes: a.evidence,
                ..Layout::default()
            };
        }
        let mut claim_new = vec![0.0; n_claims];
        let mut anchors = Vec::new();
        for (k, f) in a.first.iter().enumerate() {
            for &(c, p) in f {
                claim_new[c] += p;
            }
            if let Some(&(c, p)) = f.iter().max_by(|x, y| x.1.total_cmp(&y.1))
                && p >= 0.5
            {
                anchors.push((k, c));
            }
        }
        Layout {
            ordered: true,
            log_bayes: a.evidence,
            first: a.first,
            claim_new,
            anchors,
        }
    }

    /// The posteriors that `claim` is `entry`'s first citation, and that its first
    /// citation comes before `claim`.
    fn posterior(&self, claim: usize, entry: usize) -> (f64, f64) {
        let Some(f) = self.first.get(entry) else {
            return (0.0, 0.0);
        };
        let at = f.partition_point(|x| x.0 < claim);
        let earlier: f64 = f[..at].iter().map(|x| x.1).sum();
        let here = f.get(at).filter(|x| x.0 == claim).map_or(0.0, |x| x.1);
        (here, earlier)
    }

    /// The nearest entries before and after `entry` placed with confidence (the
    /// neighbours its place in the list is read between); `None` when not ordered.
    pub fn neighbours(&self, entry: usize) -> Option<(Option<usize>, Option<usize>)> {
        if !self.ordered {
            return None;
        }
        let at = self.anchors.partition_point(|a| a.0 < entry);
        let before = at.checked_sub(1).map(|i| self.anchors[i].0);
        let skip = usize::from(self.anchors.get(at).is_some_and(|a| a.0 == entry));
        let after = self.anchors.get(at + skip).map(|a| a.0);
        Some((before, after))
    }

    /// Pairs worth a look in an ordered list: each entry's likely first citations.
    pub fn order_pairs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (k, f) in self.first.iter().enumerate() {
            out.extend(
                f.iter()
                    .filter(|x| x.1 >= TUNING.order_pair_at)
                    .map(|x| (x.0, k)),
            );
        }
        out
    }

    /// Stage-2 features of a pair with stage-1 log-odds `logit`.
    pub fn features(&self, claim: usize, entry: usize, logit: f64) -> Vec<f64> {
        let mut x = vec![0.0; OrderFeat::COUNT];
        x[OrderFeat::Bias as usize] = 1.0;
        x[OrderFeat::Logit as usize] = logit;
        if self.ordered {
            let (here, earlier) = self.posterior(claim, entry);
            x[OrderFeat::Ordered as usize] = 1.0;
            x[OrderFeat::OrderedLogit as usize] = logit;
            x[OrderFeat::First as usize] = here;
            x[OrderFeat::FirstLog as usize] = (here + 0.01).ln();
            x[OrderFeat::Earlier as usize] = earlier;
            x[OrderFeat::ClaimNew as usize] = self.claim_new.get(claim).map_or(0.0, |v| v.min(3.0));
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(claims: &[usize], n_claims: usize) -> Layout {
        let cands: Vec<(usize, usize, f64)> = claims
            .iter()
            .enumerate()
            .map(|(r, &c)| (c, r, 4.0))
            .collect();
        let paragraphs: Vec<usize> = (0..n_claims).map(|c| 1 + c / 3).collect();
        Layout::detect(&paragraphs, claims.len(), &cands, &Emission::default())
    }

    #[test]
    fn an_ordered_list_places_entries_and_names_neighbours() {
        let layout = layout(&[1, 4, 6, 9, 13, 17, 18, 22], 25);
        assert!(layout.ordered);
        assert_eq!(layout.neighbours(3), Some((Some(2), Some(4))));
        let at = layout.features(9, 3, 4.0);
        let later = layout.features(15, 3, 0.0);
        assert!(at[OrderFeat::First as usize] > 0.9);
        assert!(later[OrderFeat::Earlier as usize] > 0.9);
        assert!(layout.order_pairs().contains(&(9, 3)));
    }

    #[test]
    fn a_list_in_another_order_is_not_ordered() {
        let layout = layout(&[9, 2, 14, 0, 11, 5, 7, 20, 3], 25);
        assert!(!layout.ordered);
        assert_eq!(layout.neighbours(1), None);
        assert_eq!(layout.features(2, 1, 1.0)[OrderFeat::Ordered as usize], 0.0);
    }
}
