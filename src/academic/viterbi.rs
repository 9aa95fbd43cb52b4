//! The Viterbi search for the best label sequence of a linear chain: emission scores per
//! token, label-to-label transitions, and each token's own boundary weights on top.

use super::label::Label;
use super::model::{LL, LL_BUF};
use std::cell::RefCell;

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

thread_local! {
    /// Per token, its own transition weights: kept from string to string, so that a
    /// string's buffers are neither allocated nor zeroed.
    static OWN: RefCell<Vec<[f32; LL_BUF]>> = const { RefCell::new(Vec::new()) };
}

/// [`viterbi`] with each token's own transition weights written by `own(i, m)` into
/// the whole of the first [`LL`] of `m`. Each token keeps its `m`, and the way back
/// reads the same sums the way forward added.
///
/// The way forward keeps only each label's best score (a maximum, which runs over
/// several labels at once); the way back finds the previous label that gave it: the
/// first `p` whose score, computed the same way, equals it, as a strict `>` over `p`
/// in ascending order would have kept.
// One caller labels every string: inlined there, as when it sat beside it.
#[inline(always)]
pub(super) fn viterbi_by(
    n: usize,
    emit: &[f32],
    trans: &[f32],
    own: impl FnMut(usize, &mut [f32; LL_BUF]),
) -> Vec<u8> {
    OWN.with(|ms| match ms.try_borrow_mut() {
        Ok(mut ms) => {
            let out = viterbi_in(n, emit, trans, own, &mut ms);
            // The buffers of a string of many words (2 KB a word) are not kept.
            if ms.len() > KEEP {
                *ms = Vec::new();
            }
            out
        }
        Err(_) => viterbi_in(n, emit, trans, own, &mut Vec::new()),
    })
}

/// Words of a string whose buffers are kept for the next string (2 MB).
const KEEP: usize = 1024;

#[inline(always)]
fn viterbi_in(
    n: usize,
    emit: &[f32],
    trans: &[f32],
    mut own: impl FnMut(usize, &mut [f32; LL_BUF]),
    ms: &mut Vec<[f32; LL_BUF]>,
) -> Vec<u8> {
    const L: usize = Label::COUNT;
    if n == 0 || emit.len() < n * L || trans.len() < (L + 1) * L {
        return vec![0; n];
    }
    let Some((rows, start)) = trans.get(..(L + 1) * L).map(|t| t.split_at(L * L)) else {
        return vec![0; n];
    };
    if ms.len() < n {
        ms.resize(n, [0f32; LL_BUF]);
    }
    // Per token, the best score of each label before its emission, and after it.
    let mut bests = vec![[0f32; L]; n];
    let mut prevs = vec![[0f32; L]; n];
    for (y, p) in prevs[0].iter_mut().enumerate() {
        *p = emit[y] + start[y];
    }
    for i in 1..n {
        let prev = prevs[i - 1];
        let mut best = [f32::NEG_INFINITY; L];
        let m = &mut ms[i];
        own(i, m);
        for (p, (t, o)) in rows.chunks_exact(L).zip(m[..LL].chunks_exact(L)).enumerate() {
            let (Ok(t), Ok(o)) = (<&[f32; L]>::try_from(t), <&[f32; L]>::try_from(o)) else {
                continue;
            };
            let ps = prev[p];
            for y in 0..L {
                let s = ps + (t[y] + o[y]);
                best[y] = if s > best[y] { s } else { best[y] };
            }
        }
        bests[i] = best;
        let e = &emit[i * L..(i + 1) * L];
        for y in 0..L {
            prevs[i][y] = best[y] + e[y];
        }
    }
    let last = &prevs[n - 1];
    let mut y = (0..L)
        .max_by(|a, b| last[*a].total_cmp(&last[*b]).then(b.cmp(a)))
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
            .find(|&p| prev[p] + (rows[p * L + y] + m[p * L + y]) == target)
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
}
