//! The boundary features' weights ([`Features::pairs`](super::super::features::Features)):
//! per feature, a weight for each label pair `(previous, label)`, added to the
//! transitions at the token whose boundary it describes.
//!
//! Most label pairs never meet at a boundary, so a feature keeps only its non-zero
//! weights; a feature with many of them is also kept as one dense row, which is added
//! several labels at a time. Features are found through an open-addressing table of
//! 16-byte slots, each holding where the feature's weights are: a lookup reads one
//! cache line, and a string's lookups can all be asked for before the first is read.

use super::super::table::{Keyed, Table};
use super::{LL, LL_BUF, add_row, fixed, prefetch};

/// Boundary features with at least this many non-zero weights are kept dense as well.
const DENSE: usize = 40;

/// Where one boundary feature's weights are; `key` 0 marks an empty slot (and a
/// feature the model does not have, which adds nothing).
#[repr(C, align(16))]
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Found {
    key: u64,
    /// Its non-zero weights: `f[start..start + len]`.
    start: u32,
    len: u16,
    /// Its dense row in `dense`, or `NO_ROW`.
    row: u16,
}

const NO_ROW: u16 = u16::MAX;

impl Keyed for Found {
    fn key(&self) -> u64 {
        self.key
    }
}

impl Found {
    /// A feature the model does not have.
    pub(super) const NONE: Found = Found {
        key: 0,
        start: 0,
        len: 0,
        row: NO_ROW,
    };
}

/// The boundary features of a model.
#[derive(Debug, Clone, Default)]
pub(super) struct Pairs {
    /// Where each feature's weights are.
    slots: Table<Found>,
    /// Per feature, as the file holds it: its key, its scale and the range of its
    /// weights in `nz`.
    pub(super) w: Vec<(u64, f32, u32, u32)>,
    /// `(prev × L + label, weight)` of the features, feature after feature.
    pub(super) nz: Vec<(u16, i8)>,
    /// The same weights times their feature's scale, in the model's unit.
    f: Vec<(u16, i32)>,
    /// Dense weights (times their scale) of the features with many of them.
    dense: Vec<[i32; LL]>,
}

impl Pairs {
    /// An empty set with room for `count` features.
    pub(super) fn with_room(count: usize) -> Pairs {
        Pairs {
            slots: Table::with_slots(count * 2 + 16),
            ..Pairs::default()
        }
    }

    /// Adds the feature `key` with weights `w × scale`: `w` its non-zero weights,
    /// `(prev × L + label, weight)` with indices below [`LL`] in ascending order;
    /// `per` is the model's unit.
    pub(super) fn add(&mut self, key: u64, scale: f32, w: &[(u16, i8)], per: f32) {
        if self.slots.slots().is_empty() || key == 0 {
            return;
        }
        let start = self.nz.len();
        self.nz.extend(w.iter().filter(|(j, x)| *x != 0 && usize::from(*j) < LL));
        let len = self.nz.len() - start;
        if len == 0 {
            return;
        }
        let q = fixed(scale, per);
        self.f.extend(
            self.nz[start..]
                .iter()
                .map(|(j, x)| (*j, i32::from(*x).wrapping_mul(q))),
        );
        let mut row = NO_ROW;
        if len >= DENSE && self.dense.len() < usize::from(NO_ROW) {
            let mut d = [0i32; LL];
            for (j, x) in &self.f[start..] {
                d[*j as usize % LL] = *x;
            }
            row = self.dense.len() as u16;
            self.dense.push(d);
        }
        self.w.push((key, scale, start as u32, len as u32));
        let i = self.slots.place(key);
        *self.slots.slot_mut(i) = Found {
            key,
            start: start as u32,
            len: len as u16,
            row,
        };
    }

    /// Asks for the home slot of `key` to be brought into the cache.
    #[inline(always)]
    pub(super) fn prefetch(&self, key: u64) {
        self.slots.prefetch(key);
    }

    /// Where the weights of feature `key` are ([`Found::NONE`] if it has none); its
    /// sparse weights are asked for, to be in the cache when they are added.
    #[inline(always)]
    pub(super) fn find(&self, key: u64) -> Found {
        let Some(s) = self.slots.get(key) else {
            return Found::NONE;
        };
        if s.row == NO_ROW
            && let Some(x) = self.f.get(s.start as usize)
        {
            prefetch(x);
        }
        *s
    }

    /// Writes the sum of the weights of `found` into the first [`LL`] of `m`.
    #[inline(always)]
    pub(super) fn sum_into(&self, found: &[Found], m: &mut [i32; LL_BUF]) {
        let mut rest = found;
        // A first feature with dense weights is copied rather than added to zeros.
        if let Some(row) = found.first().and_then(|p| self.dense.get(usize::from(p.row))) {
            m[..LL].copy_from_slice(row);
            rest = &found[1..];
        } else {
            m[..LL].fill(0);
        }
        for p in rest {
            if let Some(row) = self.dense.get(usize::from(p.row)) {
                add_row(m, row);
            } else if let Some(nz) = self.f.get(p.start as usize..(p.start as usize + usize::from(p.len))) {
                // `j` is below `LL` (the set was built so); masked, it is in `m`.
                for &(j, x) in nz {
                    let a = &mut m[j as usize & (LL_BUF - 1)];
                    *a = a.wrapping_add(x);
                }
            }
        }
    }
}
