//! The Viterbi search for the best label sequence of a linear chain: emission scores per
//! token, label-to-label transitions, and each token's own boundary weights on top.
//!
//! Scores are of a `Score` type: `f32` while training, and fixed-point `i32` when a
//! shipped model labels, whose sums are exact in any order.

use super::label::Label;
use super::model::{LL, LL_BUF};

/// A number the search adds and compares.
pub(super) trait Score: Copy + PartialOrd + Default + 'static {
    /// Below every score.
    const LOW: Self;
    /// `self + other` (integers wrap, which the model's bounds rule out).
    fn plus(self, other: Self) -> Self;
    /// A total order (`f32::total_cmp` for floats).
    fn order(&self, other: &Self) -> std::cmp::Ordering;
    /// The larger of `self` and `other` (`self` unless `other > self`).
    fn top(self, other: Self) -> Self;
    /// Brings the scores of one token's labels near zero, keeping their differences:
    /// integers subtract their best (exact), so that the sums of a long string stay
    /// small; floats are left as they are.
    fn rebase(row: &mut [Self; Label::COUNT]);
}

impl Score for f32 {
    const LOW: f32 = f32::NEG_INFINITY;
    #[inline(always)]
    fn plus(self, other: f32) -> f32 {
        self + other
    }
    #[inline(always)]
    fn order(&self, other: &f32) -> std::cmp::Ordering {
        self.total_cmp(other)
    }
    #[inline(always)]
    fn top(self, other: f32) -> f32 {
        if other > self { other } else { self }
    }
    #[inline(always)]
    fn rebase(_: &mut [f32; Label::COUNT]) {}
}

impl Score for i32 {
    const LOW: i32 = i32::MIN;
    #[inline(always)]
    fn plus(self, other: i32) -> i32 {
        self.wrapping_add(other)
    }
    fn order(&self, other: &i32) -> std::cmp::Ordering {
        self.cmp(other)
    }
    #[inline(always)]
    fn top(self, other: i32) -> i32 {
        self.max(other)
    }
    #[inline(always)]
    fn rebase(row: &mut [i32; Label::COUNT]) {
        let top = row.iter().copied().max().unwrap_or(0);
        for x in row.iter_mut() {
            *x = x.wrapping_sub(top);
        }
    }
}

/// The best label indices for `n` tokens, given emission scores (`n × L`),
/// transitions (`(L + 1) × L`, last row the start) and, unless empty, each token's own
/// transition weights added to those (`n × L × L`, from its boundary features).
pub fn viterbi(n: usize, emit: &[f32], trans: &[f32], extra: &[f32]) -> Vec<u8> {
    let own = |i: usize, m: &mut [f32; LL_BUF]| match extra.get(i * LL..(i + 1) * LL) {
        Some(own) => m[..LL].copy_from_slice(own),
        None => m[..LL].fill(0.0),
    };
    viterbi_by(n, emit, trans, own)
}

/// [`viterbi`] with each token's own transition weights written by `own(i, m)` into
/// the whole of the first [`LL`] of `m` (one buffer, used token after token).
///
/// The way forward keeps each label's best score and the previous label that gave
/// it: the first in ascending order, as a strict `>` keeps.
#[inline(always)]
pub(super) fn viterbi_by<S: Score>(
    n: usize,
    emit: &[S],
    trans: &[S],
    mut own: impl FnMut(usize, &mut [S; LL_BUF]),
) -> Vec<u8> {
    const L: usize = Label::COUNT;
    if n == 0 || emit.len() < n * L || trans.len() < (L + 1) * L {
        return vec![0; n];
    }
    let Some((rows, start)) = trans.get(..(L + 1) * L).map(|t| t.split_at(L * L)) else {
        return vec![0; n];
    };
    let mut m = [S::default(); LL_BUF];
    // Per token and label, the previous label of its best path (as `i32`, the width
    // of the scores' lanes, so that the comparison picks both at once).
    let mut back = vec![[0i32; L]; n];
    let mut prev = [S::default(); L];
    for (y, p) in prev.iter_mut().enumerate() {
        *p = emit[y].plus(start[y]);
    }
    S::rebase(&mut prev);
    for i in 1..n {
        let mut best = [S::LOW; L];
        let mut from = [0i32; L];
        own(i, &mut m);
        for (p, (t, o)) in rows.chunks_exact(L).zip(m[..LL].chunks_exact(L)).enumerate() {
            let (Ok(t), Ok(o)) = (<&[S; L]>::try_from(t), <&[S; L]>::try_from(o)) else {
                continue;
            };
            let ps = prev[p];
            for y in 0..L {
                let s = ps.plus(t[y].plus(o[y]));
                from[y] = if s > best[y] { p as i32 } else { from[y] };
                best[y] = best[y].top(s);
            }
        }
        back[i] = from;
        let e = &emit[i * L..(i + 1) * L];
        for y in 0..L {
            prev[y] = best[y].plus(e[y]);
        }
        S::rebase(&mut prev);
    }
    let mut y = (0..L)
        .max_by(|a, b| prev[*a].order(&prev[*b]).then(b.cmp(a)))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = y as u8;
        y = back[i][y] as usize % L;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_follows_transitions() {
        let l = Label::COUNT;
        // Emissions prefer label 1 then label 2, but 1 → 2 is forbidden-ish.
        let mut emit = vec![0f32; 2 * l];
        emit[1] = 1.0;
        emit[l + 2] = 1.0;
        emit[l + 3] = 0.9;
        let mut trans = vec![0f32; (l + 1) * l];
        trans[l + 2] = -5.0;
        assert_eq!(viterbi(2, &emit, &trans, &[]), vec![1, 3]);
        assert!(viterbi(0, &emit, &trans, &[]).is_empty());
        // A boundary weight on 1 → 2 at the second token brings label 2 back.
        let mut extra = vec![0f32; 2 * LL];
        extra[LL + l + 2] = 6.0;
        assert_eq!(viterbi(2, &emit, &trans, &extra), vec![1, 2]);
    }

    /// Integer scores find the labels float scores find, on long strings too (each
    /// token's scores are brought near zero, so the sums never grow past a token's).
    #[test]
    fn integer_scores_find_the_labels_of_float_scores() {
        let l = Label::COUNT;
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 2001) as i32 - 1000
        };
        for n in [1, 2, 7, 300] {
            let emit: Vec<i32> = (0..n * l).map(|_| next() * 4096).collect();
            let trans: Vec<i32> = (0..(l + 1) * l).map(|_| next() * 1024).collect();
            let extra: Vec<i32> = (0..n * LL).map(|_| next() * 512).collect();
            let own = |i: usize, m: &mut [i32; LL_BUF]| {
                m[..LL].copy_from_slice(&extra[i * LL..(i + 1) * LL]);
            };
            let ints = viterbi_by(n, &emit, &trans, own);
            let f = |v: &[i32]| v.iter().map(|x| *x as f32).collect::<Vec<f32>>();
            assert_eq!(ints, viterbi(n, &f(&emit), &f(&trans), &f(&extra)), "{n} tokens");
        }
    }
}
