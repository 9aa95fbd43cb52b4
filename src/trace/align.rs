//! The monotone alignment of a list with the claims that cite it, by forward-backward.
//!
//! In a list numbered in citation order, entry k's first citation lies at or after entry
//! k-1's. Read as a hidden Markov model over the entries, the hidden state is the claim
//! of each entry's first citation; it never goes back. An entry is cited at the same
//! claim as the one before with probability `same_claim`, else some claims later, the
//! gap geometric with the mean that spreads the list over the article; an entry may be
//! cited nowhere (`skip`). The emission of entry k at claim c is the likelihood ratio of
//! the first-stage evidence ([`Emission`]: calibrated on unseen documents).
//!
//! The forward-backward pass gives, for every (claim, entry), the posterior probability
//! that the claim is the entry's first citation. The prior's steps are re-estimated on
//! the document (Baum-Welch), so the model fits any article's density of notes. Whether
//! the list is in citation order at all is a permutation test: the likelihood of the
//! list in its own order against the best of several shuffles of it, each aligned the
//! same way. A list in another order (a news list by date or outlet) fits no better than
//! its shuffles; a claim that matches everything, or a cluster of links, fits shuffles
//! as well as the list and proves nothing. Time and memory are linear in claims ×
//! entries (times the shuffles and rounds).

use super::tuning::TUNING;

/// Log likelihood ratios of the first-stage evidence for "this claim is the entry's
/// first citation": `text + slope × logit` for a pair the text index proposed, `unproposed`
/// for any other pair. Fitted by [`super::fit`] on documents it does not score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Emission {
    /// Intercept of a proposed pair.
    pub text: f64,
    /// Weight of the stage-1 log-odds.
    pub slope: f64,
    /// Log ratio of a pair the index did not propose.
    pub unproposed: f64,
}

impl Default for Emission {
    fn default() -> Self {
        Emission {
            text: 0.0,
            slope: 1.0,
            unproposed: -2.0,
        }
    }
}

impl Emission {
    /// Fits the ratios by logistic regression of "first citation here" on samples
    /// (stage-1 log-odds or `None` when not proposed, whether it is the entry's first
    /// citation, the document's log base rate `ln(1 / claims)` as offset, weight).
    pub fn fit(samples: &[(Option<f64>, bool, f64, f64)]) -> Emission {
        let cols = |l: Option<f64>| match l {
            Some(l) => [1.0, l, 0.0],
            None => [0.0, 0.0, 1.0],
        };
        const PRIOR: [f64; 3] = [0.0, 1.0, -2.0];
        const RIDGE: f64 = 1e-3;
        // Penalised log-likelihood, gradient and Hessian at w.
        let at = |w: &[f64; 3]| {
            let (mut ll, mut g, mut h) = (0.0, [0.0; 3], [[0.0; 3]; 3]);
            for &(l, y, offset, weight) in samples {
                let x = cols(l);
                let eta = offset + (0..3).map(|j| w[j] * x[j]).sum::<f64>();
                let p = super::model::sigmoid(eta).clamp(1e-15, 1.0 - 1e-15);
                ll += weight * if y { p.ln() } else { (1.0 - p).ln() };
                let r = weight * (f64::from(u8::from(y)) - p);
                let v = weight * p * (1.0 - p);
                for j in 0..3 {
                    g[j] += r * x[j];
                    for k in 0..3 {
                        h[j][k] += v * x[j] * x[k];
                    }
                }
            }
            for j in 0..3 {
                ll -= 0.5 * RIDGE * (w[j] - PRIOR[j]).powi(2);
                g[j] -= RIDGE * (w[j] - PRIOR[j]);
                h[j][j] += RIDGE;
            }
            (ll, g, h)
        };
        let mut w = PRIOR;
        let (mut ll, mut g, mut h) = at(&w);
        for _ in 0..100 {
            let step = solve3(h, g);
            // Halve the Newton step until the likelihood does not fall.
            let mut t = 1.0;
            let mut moved = false;
            while t > 1e-6 {
                let cand = [w[0] + t * step[0], w[1] + t * step[1], w[2] + t * step[2]];
                let next = at(&cand);
                if next.0 >= ll {
                    w = cand;
                    (ll, g, h) = next;
                    moved = true;
                    break;
                }
                t /= 2.0;
            }
            if !moved || step.iter().all(|s| (t * s).abs() < 1e-8) {
                break;
            }
        }
        Emission {
            text: w[0],
            slope: w[1],
            unproposed: w[2],
        }
    }

    /// Log likelihood ratio of a pair with stage-1 log-odds `logit` (`None`: not proposed).
    pub fn log_ratio(&self, logit: Option<f64>) -> f64 {
        match logit {
            Some(l) => (self.text + self.slope * l).clamp(-30.0, 30.0),
            None => self.unproposed,
        }
    }
}

/// The alignment's answer.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// ln of the likelihood of the list in its own order over the best of
    /// [`Tuning::order_shuffles`] shuffles of it (each with its prior re-estimated).
    ///
    /// [`Tuning::order_shuffles`]: super::tuning::Tuning::order_shuffles
    pub evidence: f64,
    /// Per entry, (claim, posterior probability that the claim is its first citation),
    /// by claim, the negligible left out.
    pub first: Vec<Vec<(usize, f64)>>,
}

/// Posterior probabilities below this are not kept.
const KEEP: f64 = 1e-4;

/// The prior of the ordered model: how entries follow each other.
#[derive(Debug, Clone, Copy)]
struct Prior {
    /// An entry is cited nowhere.
    skip: f64,
    /// An entry is first cited at the same claim as the one before.
    same: f64,
    /// Otherwise the gap in claims is geometric with this parameter.
    rho: f64,
}

/// Aligns `n_entries` entries with `n_claims` claims. `proposed[k]` lists entry k's
/// proposed pairs (claim, stage-1 log-odds); claims where `blocked` is true cite nothing
/// (the title). The prior's steps are the document's own: re-estimated from the
/// posteriors (Baum-Welch; the share of entries never cited stays fixed, since an entry
/// nothing in the text matches is more often cited by a thin title than not at all) for [`Tuning::align_rounds`] rounds, starting from the list
/// spread evenly over the article. `None` when claims × entries exceeds
/// [`Tuning::max_align_cells`].
///
/// [`Tuning::max_align_cells`]: super::tuning::Tuning::max_align_cells
/// [`Tuning::align_rounds`]: super::tuning::Tuning::align_rounds
pub fn align(
    n_claims: usize,
    proposed: &[Vec<(usize, f64)>],
    blocked: &[bool],
    emission: &Emission,
) -> Option<Alignment> {
    let n = proposed.len();
    let m = n_claims;
    if n == 0 || m == 0 || n * (m + 1) > TUNING.max_align_cells {
        return None;
    }
    let emissions = Emissions::new(m, proposed, blocked, emission);
    let own: Vec<usize> = (0..n).collect();
    let (first, log_z) = fitted(&emissions, &own, true)?;
    // The same model on the list shuffled: a list in citation order fits far better
    // than any shuffle of it; one in another order fits no better than its shuffles.
    let mut seed = 0x2545_f491_4f6c_dd1du64 ^ n as u64;
    let mut best = f64::NEG_INFINITY;
    let mut shuffled = own;
    for _ in 0..TUNING.order_shuffles {
        shuffled.sort_unstable();
        for i in (1..n).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (seed >> 33) as usize % (i + 1));
        }
        best = best.max(fitted(&emissions, &shuffled, false)?.1);
    }
    if std::env::var_os("REFTRACE_DEBUG_ORDER").is_some() {
        eprintln!("order: ln likelihood {log_z:.1}, best of shuffles {best:.1}");
    }
    Some(Alignment {
        evidence: log_z - best,
        first,
    })
}

/// The emission likelihood ratios of every entry over positions 0..=m (position p is
/// claim p-1; 0 = before all), worked out once for the alignment and all its shuffles:
/// a row every entry shares, and each entry's proposed positions over it.
struct Emissions {
    /// The ratio of a position no pair is proposed at; 0 at position 0 and at blocked
    /// claims.
    plain: Vec<f64>,
    /// Per entry, (position, ratio) in the order the pairs came (a later pair at the
    /// same position overrides an earlier one).
    proposed: Vec<Vec<(usize, f64)>>,
}

impl Emissions {
    fn new(
        m: usize,
        proposed: &[Vec<(usize, f64)>],
        blocked: &[bool],
        emission: &Emission,
    ) -> Emissions {
        let mut plain = vec![emission.unproposed.exp(); m + 1];
        plain[0] = 0.0;
        for (c, b) in blocked.iter().enumerate() {
            if *b {
                plain[c + 1] = 0.0;
            }
        }
        let proposed = proposed
            .iter()
            .map(|pairs| {
                pairs
                    .iter()
                    .filter(|&&(c, _)| c < m && !blocked[c])
                    .map(|&(c, l)| (c + 1, emission.log_ratio(Some(l)).exp()))
                    .collect()
            })
            .collect();
        Emissions { plain, proposed }
    }

    /// Entry `k`'s ratios at every position, into `out`.
    fn row(&self, k: usize, out: &mut Vec<f64>) {
        out.clone_from(&self.plain);
        for &(p, e) in &self.proposed[k] {
            out[p] = e;
        }
    }
}

/// Per entry, (claim, posterior of its first citation there), by claim.
type Firsts = Vec<Vec<(usize, f64)>>;

/// The alignment of the entries `order` (indices into `emissions`, in list order) with
/// the prior re-estimated on the document: the posteriors of each entry's first
/// citation (only when `posteriors`, else none) and the log-likelihood.
fn fitted(
    emissions: &Emissions,
    order: &[usize],
    posteriors: bool,
) -> Option<(Firsts, f64)> {
    let n = order.len();
    let m = emissions.plain.len() - 1;
    let skip = TUNING.align_skip;
    let same = TUNING.align_same_claim;
    // Mean gap between new entries, in claims: the list spread over the article.
    let placed = (n as f64 * (1.0 - skip)).max(1.0);
    let rho = ((1.0 - same) * placed / m as f64).clamp(1e-6, 1.0);
    let mut prior = Prior { skip, same, rho };
    let mut out = None;
    for round in 0..=TUNING.align_rounds {
        let keep = posteriors && round == TUNING.align_rounds;
        let (first, log_z, next) = pass(emissions, order, prior, keep)?;
        out = Some((first, log_z));
        prior = next;
    }
    out
}

/// One forward-backward pass: the posteriors of first citations under `prior` (when
/// `posteriors`), the log-likelihood, and the prior re-estimated from the posteriors.
fn pass(
    emissions: &Emissions,
    order: &[usize],
    prior: Prior,
    posteriors: bool,
) -> Option<(Firsts, f64, Prior)> {
    let n = order.len();
    let Prior { skip, same, rho } = prior;
    let width = emissions.plain.len();
    // Forward: alpha[k] (scaled to sum 1) and the placed part of it.
    let mut alpha = vec![0f64; n * width];
    let mut place = vec![0f64; n * width];
    let mut log_z = 0.0;
    let mut start = vec![0f64; width];
    start[0] = 1.0;
    let mut e = Vec::with_capacity(width);
    for k in 0..n {
        emissions.row(order[k], &mut e);
        let (done, rest) = alpha.split_at_mut(k * width);
        let prev = if k == 0 {
            &start[..]
        } else {
            &done[(k - 1) * width..]
        };
        let row = &mut place[k * width..(k + 1) * width];
        let mut g = 0.0;
        for p in 1..width {
            g = (1.0 - rho) * g + rho * prev[p - 1];
            row[p] = (1.0 - skip) * e[p] * (same * prev[p] + (1.0 - same) * g);
        }
        let a = &mut rest[..width];
        let mut total = 0.0;
        for p in 0..width {
            a[p] = skip * prev[p] + row[p];
            total += a[p];
        }
        if total <= 0.0 || !total.is_finite() {
            return None;
        }
        for p in 0..width {
            a[p] /= total;
            row[p] /= total;
        }
        log_z += total.ln();
    }
    // Backward, scaled per entry: posteriors of the placed part, and the expected
    // counts of skips, same-claim steps, moves and claims moved over.
    let mut beta = vec![1f64; width];
    let mut next = vec![0f64; width];
    let mut first = vec![Vec::new(); if posteriors { n } else { 0 }];
    let (mut n_same, mut n_move, mut n_gap) = (0.0, 0.0, 0.0);
    for k in (0..n).rev() {
        if posteriors {
            let a = &alpha[k * width..(k + 1) * width];
            let row = &place[k * width..(k + 1) * width];
            let z: f64 = a.iter().zip(&beta).map(|(x, y)| x * y).sum();
            if z > 0.0 {
                first[k] = (1..width)
                    .map(|p| (p - 1, row[p] * beta[p] / z))
                    .filter(|(_, q)| *q >= KEEP)
                    .collect();
            }
        }
        emissions.row(order[k], &mut e);
        let prev = if k == 0 {
            &start[..]
        } else {
            &alpha[(k - 1) * width..k * width]
        };
        let (mut sk, mut sa, mut mv, mut gp) = (0.0, 0.0, 0.0, 0.0);
        let (mut g, mut g1) = (0.0, 0.0);
        for p in 0..width {
            if p > 0 {
                g1 = (1.0 - rho) * (g1 + g) + rho * prev[p - 1];
                g = (1.0 - rho) * g + rho * prev[p - 1];
            }
            let v = e[p] * beta[p] * (1.0 - skip);
            sk += skip * prev[p] * beta[p];
            sa += v * same * prev[p];
            mv += v * (1.0 - same) * g;
            gp += v * (1.0 - same) * g1;
        }
        let all = sk + sa + mv;
        if all > 0.0 {
            n_same += sa / all;
            n_move += mv / all;
            n_gap += gp / all;
        }
        if k == 0 {
            break;
        }
        // beta[k-1](p) = skip·beta(p) + (1-skip)·[same·v(p) + (1-same)·H(p)], where
        // v = emission × beta and H(p) the geometric sum of v over later positions.
        let mut h = 0.0;
        for p in (0..width).rev() {
            let v = e[p] * beta[p];
            next[p] = skip * beta[p] + (1.0 - skip) * (same * v + (1.0 - same) * h);
            if p > 0 {
                h = rho * v + (1.0 - rho) * h;
            }
        }
        let s: f64 = next.iter().sum();
        if s <= 0.0 || !s.is_finite() {
            return None;
        }
        for (b, x) in beta.iter_mut().zip(&next) {
            *b = x / s;
        }
    }
    let bounded = |x: f64| x.clamp(0.01, 0.99);
    let next = Prior {
        skip,
        same: bounded((n_same + 1.0) / (n_same + n_move + 2.0)),
        rho: ((n_move + 1.0) / (n_gap + 1.0)).clamp(1e-6, 1.0),
    };
    Some((first, log_z, next))
}

/// Solves a 3 × 3 system by Cramer's rule (zero when singular).
fn solve3(a: [[f64; 3]; 3], b: [f64; 3]) -> [f64; 3] {
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(a);
    if d.abs() < 1e-300 {
        return [0.0; 3];
    }
    let mut out = [0.0; 3];
    for (j, o) in out.iter_mut().enumerate() {
        let mut m = a;
        for i in 0..3 {
            m[i][j] = b[i];
        }
        *o = det(m) / d;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strong(pairs: &[(usize, usize)], n_entries: usize) -> Vec<Vec<(usize, f64)>> {
        let mut out = vec![Vec::new(); n_entries];
        for &(c, k) in pairs {
            out[k].push((c, 4.0));
        }
        out
    }

    #[test]
    fn entries_cited_in_order_are_placed_and_judged_ordered() {
        // Entries 0..8 at claims 2, 5, 5, 9, 12, 15, 20, 22; entry 3's claim is weak.
        let at = [2, 5, 5, 9, 12, 15, 20, 22];
        let pairs: Vec<(usize, usize)> = at
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != 3)
            .map(|(k, &c)| (c, k))
            .collect();
        let blocked = vec![false; 25];
        let a = align(25, &strong(&pairs, 8), &blocked, &Emission::default()).unwrap();
        assert!(a.evidence > TUNING.order_evidence, "{}", a.evidence);
        let best = |k: usize| {
            a.first[k]
                .iter()
                .max_by(|x, y| x.1.total_cmp(&y.1))
                .copied()
                .unwrap()
        };
        assert_eq!(best(1).0, 5);
        assert!(best(1).1 > 0.9);
        // The unplaced entry lies between its neighbours' claims.
        type Placed<'a> = Vec<&'a (usize, f64)>;
        let (inside, outside): (Placed, Placed) =
            a.first[3].iter().partition(|(c, _)| (5..=12).contains(c));
        let mass = |v: &[&(usize, f64)]| v.iter().map(|x| x.1).sum::<f64>();
        assert!(mass(&inside) > 0.75, "{:?}", a.first[3]);
        assert!(mass(&outside) < 0.05, "{:?}", a.first[3]);
    }

    #[test]
    fn entries_cited_in_another_order_are_not_judged_ordered() {
        let at = [20, 3, 14, 8, 22, 1, 11, 17];
        let pairs: Vec<(usize, usize)> = at.iter().enumerate().map(|(k, &c)| (c, k)).collect();
        let blocked = vec![false; 25];
        let a = align(25, &strong(&pairs, 8), &blocked, &Emission::default()).unwrap();
        assert!(a.evidence < 0.0, "{}", a.evidence);
    }

    #[test]
    fn posteriors_of_an_entry_sum_to_at_most_one() {
        let pairs = [(0, 0), (3, 1), (3, 2), (7, 3)];
        let blocked = vec![false; 10];
        let a = align(10, &strong(&pairs, 4), &blocked, &Emission::default()).unwrap();
        for f in &a.first {
            let s: f64 = f.iter().map(|x| x.1).sum();
            assert!(s <= 1.0 + 1e-9 && s > 0.5, "{s}");
        }
    }
}
