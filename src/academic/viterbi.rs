//! The Viterbi search for the best label sequence of a linear chain: emission scores per
//! token, label-to-label transitions, and each token's own boundary weights on top.
//!
//! Scores are of a [`Score`] type: `f32` while training, and fixed-point `i32` when a
//! shipped model labels, whose sums are exact in any order.

use super::label::Label;
use super::model::{LL, LL_BUF};
use std::cell::RefCell;

/// A number the search adds and compares.
pub(super) trait Score: Copy + PartialOrd + Default + 'static {
    /// Below every score.
    const LOW: Self;
    /// `self + other` (integers wrap, which the model's bounds rule out).
    fn plus(self, other: Self) -> Self;
    /// A total order (`f32::total_cmp` for floats).
    fn order(&self, other: &Self) -> std::cmp::Ordering;
    /// Brings the scores of one token's labels near zero, keeping their differences:
    /// integers subtract their best (exact), so that the sums of a long string stay
    /// small; floats are left as they are.
    fn rebase(row: &mut [Self; Label::COUNT]);
    /// Runs `f` with this thread's per-token buffers of boundary weights (kept from
    /// string to string, so that a string's buffers are neither allocated nor zeroed).
    fn with_buffers<R>(f: impl FnOnce(&mut Vec<[Self; LL_BUF]>) -> R) -> R;
}

thread_local! {
    static OWN_F32: RefCell<Vec<[f32; LL_BUF]>> = const { RefCell::new(Vec::new()) };
    static OWN_I32: RefCell<Vec<[i32; LL_BUF]>> = const { RefCell::new(Vec::new()) };
}

/// Words of a string whose buffers are kept for the next string (2 MB).
const KEEP: usize = 1024;

fn with_kept<S: Score, R>(
    key: &'static std::thread::LocalKey<RefCell<Vec<[S; LL_BUF]>>>,
    f: impl FnOnce(&mut Vec<[S; LL_BUF]>) -> R,
) -> R {
    key.with(|ms| match ms.try_borrow_mut() {
        Ok(mut ms) => {
            let out = f(&mut ms);
            // The buffers of a string of many words (2 KB a word) are not kept.
            if ms.len() > KEEP {
                *ms = Vec::new();
            }
            out
        }
        Err(_) => f(&mut Vec::new()),
    })
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
    fn rebase(_: &mut [f32; Label::COUNT]) {}
    fn with_buffers<R>(f: impl FnOnce(&mut Vec<[f32; LL_BUF]>) -> R) -> R {
        with_kept(&OWN_F32, f)
    }
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
    fn rebase(row: &mut [i32; Label::COUNT]) {
        let top = row.iter().copied().max().unwrap_or(0);
        for x in row.iter_mut() {
            *x = x.wrapping_sub(top);
        }
    }
    fn with_buffers<R>(f: impl FnOnce(&mut Vec<[i32; LL_BUF]>) -> R) -> R {
        with_kept(&OWN_I32, f)
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
/// the whole of the first [`LL`] of `m`. Each token keeps its `m`, and the way back
/// reads the same sums the way forward added.
///
/// The way forward keeps only each label's best score (a maximum, which runs over
/// several labels at once); the way back finds the previous label that gave it: the
/// first `p` whose score, computed the same way, equals it, as a strict `>` over `p`
/// in ascending order would have kept.
#[inline(always)]
pub(super) fn viterbi_by<S: Score>(
    n: usize,
    emit: &[S],
    trans: &[S],
    own: impl FnMut(usize, &mut [S; LL_BUF]),
) -> Vec<u8> {
    S::with_buffers(|ms| viterbi_in(n, emit, trans, own, ms))
}

/// [`viterbi_by`] with the buffers `ms` (one per token, grown as needed).
#[inline(always)]
pub(super) fn viterbi_in<S: Score>(
    n: usize,
    emit: &[S],
    trans: &[S],
    mut own: impl FnMut(usize, &mut [S; LL_BUF]),
    ms: &mut Vec<[S; LL_BUF]>,
) -> Vec<u8> {
    const L: usize = Label::COUNT;
    if n == 0 || emit.len() < n * L || trans.len() < (L + 1) * L {
        return vec![0; n];
    }
    let Some((rows, start)) = trans.get(..(L + 1) * L).map(|t| t.split_at(L * L)) else {
        return vec![0; n];
    };
    if ms.len() < n {
        ms.resize(n, [S::default(); LL_BUF]);
    }
    // Per token, the best score of each label before its emission, and after it.
    let mut bests = vec![[S::default(); L]; n];
    let mut prevs = vec![[S::default(); L]; n];
    for (y, p) in prevs[0].iter_mut().enumerate() {
        *p = emit[y].plus(start[y]);
    }
    S::rebase(&mut prevs[0]);
    for i in 1..n {
        let prev = prevs[i - 1];
        let mut best = [S::LOW; L];
        let m = &mut ms[i];
        own(i, m);
        for (p, (t, o)) in rows.chunks_exact(L).zip(m[..LL].chunks_exact(L)).enumerate() {
            let (Ok(t), Ok(o)) = (<&[S; L]>::try_from(t), <&[S; L]>::try_from(o)) else {
                continue;
            };
            let ps = prev[p];
            for y in 0..L {
                let s = ps.plus(t[y].plus(o[y]));
                best[y] = if s > best[y] { s } else { best[y] };
            }
        }
        bests[i] = best;
        let e = &emit[i * L..(i + 1) * L];
        for y in 0..L {
            prevs[i][y] = best[y].plus(e[y]);
        }
        S::rebase(&mut prevs[i]);
    }
    let last = &prevs[n - 1];
    let mut y = (0..L)
        .max_by(|a, b| last[*a].order(&last[*b]).then(b.cmp(a)))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = y as u8;
        if i == 0 {
            break;
        }
        let m = &ms[i];
        let prev = &prevs[i - 1];
        let target = bests[i][y];
        y = (0..L)
            .find(|&p| prev[p].plus(rows[p * L + y].plus(m[p * L + y])) == target)
            .unwrap_or(0);
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
