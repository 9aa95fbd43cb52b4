//! The tagger's model: a weight per label for each feature, label-to-label transition
//! weights, and the Viterbi search for the best label sequence.
//!
//! In memory the features are an open-addressing table of 32-byte slots: a feature's key,
//! its scale and its weights as the file holds them (a signed byte per label), so that a
//! lookup that finds its feature reads one cache line (4 MB for the shipped model's
//! 60,000 features). Labelling multiplies each byte by the scale as it adds it (eight at
//! a step where the processor has AVX2), and asks for the next token's slots ahead.
//!
//! Labelling scores are integers: every weight is a whole number of [`Model`]'s unit
//! (`2^-b`, `b` the most bits that keep any sum of a few hundred weights below `2^31`;
//! 14 for the shipped model), scales and transitions rounded to it once, at load. Integer
//! sums are exact in any order, so weights summed ahead (a word's own features, kept in
//! the [`WordTable`]) give the very scores that adding them one by one gives.
//!
//! The file format (`data/academic-model.bin`, read and written in its `file` module) is little-endian: the magic
//! `RTACAD4\n`, the number of labels `L` (u32), `(L + 1) × L` transition weights (f32;
//! the last row is the start), the number of features (u32), then per feature its hash
//! (u64), its scale (f32), its count of non-zero weights (u8) and that many
//! `(label u8, weight i8)` (a weight is `weight × scale`); the number of boundary
//! features (u32), then per boundary feature its hash (u64), its scale (f32), its count
//! of non-zero weights (u16) and that many `(previous label × L + label u16, weight
//! i8)`; then the dictionary ([`Dict`]): its
//! number of words (u32), and per word its levels (u16), its length in bytes (u8) and
//! its UTF-8 bytes.

mod file;
mod pairs;

pub use file::ModelError;

use super::dict::Dict;
use super::features::{Features, PAIRS, WordTable, dense, extract_cached};
use super::tokens::Token;
use super::label::Label;
use super::viterbi::viterbi_by;
use super::table::{Keyed, Table};
use pairs::{Found, Pairs};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};


/// Weights of one boundary feature: a label pair's weight is `w[prev × L + label] × scale`.
pub(super) const LL: usize = Label::COUNT * Label::COUNT;

/// The length of the buffer a token's boundary weights are gathered in: a power of two
/// above [`LL`], so that a sparse weight's index, masked, needs no bounds check.
pub(super) const LL_BUF: usize = LL.next_power_of_two();

/// A hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by feature hashes.
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// One feature's weights as the file holds them: a label's weight is `w[label] × scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Quant {
    scale: f32,
    w: [i8; Label::COUNT],
}

/// One boundary feature as the file holds it: its key, its scale and its non-zero
/// weights `(prev × L + label, weight)` in ascending order of the pair.
type PairWeights = (u64, f32, Vec<(u16, i8)>);

/// A token's score for each label, in the model's unit.
pub(crate) type Scores = [i32; Label::COUNT];

/// One feature in the table: its key, its scale in the model's unit and its weights as
/// the file holds them, in 32 bytes, so that a lookup that finds it reads one cache line.
#[repr(C, align(32))]
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    scale: i32,
    w: [i8; Label::COUNT],
}

impl Keyed for Slot {
    fn key(&self) -> u64 {
        self.key
    }
}

impl Slot {
    /// Adds the slot's weights, each `w × scale`, to `acc`.
    #[inline(always)]
    fn add_to(&self, acc: &mut Scores) {
        for (a, x) in acc.iter_mut().zip(&self.w) {
            *a = a.wrapping_add(i32::from(*x).wrapping_mul(self.scale));
        }
    }
}

/// The largest weight (or transition) times this many stays below `2^31` in the model's
/// unit: room for the sums of a token's features, its boundary and the search's.
const HEADROOM: f32 = 512.0;

/// The model's unit for weights whose magnitude is at most `max`: `2^-b` with `b` the
/// most bits (up to 24) that keep `max × HEADROOM` below `2^31`; returned as `2^b`.
fn unit_for(max: f32) -> f32 {
    let mut b = 24;
    while b > 0 && max * HEADROOM * (1u32 << b) as f32 >= 2f32.powi(31) {
        b -= 1;
    }
    (1u32 << b) as f32
}

/// `x` in units of `1 / per`, rounded.
fn fixed(x: f32, per: f32) -> i32 {
    (x * per).round() as i32
}

/// A trained tagger.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The features. A key's home slot is its top bits, so that keys in ascending order
    /// fill the table from front to back and loading a model writes it in order.
    slots: Table<Slot>,
    /// Each slot's scale as the file holds it (what [`Model::to_bytes`] writes).
    scales: Vec<f32>,
    /// Number of features in `slots`.
    count: usize,
    /// Units per 1.0 of weight: every labelling score is `weight × per`, rounded.
    per: f32,
    /// This model's number ([`Model::id`]).
    id: u64,
    /// `(L + 1) × L` transitions; row `L` is the start.
    trans: Vec<f32>,
    /// The transitions in the model's unit.
    trans_q: Vec<i32>,
    /// The word dictionary the features read.
    dict: Dict,
    /// Per row of the [`dense`] groups, the sum of its features' weights.
    dense: Vec<Scores>,
    /// Boundary features ([`Features::pairs`]).
    pairs: Pairs,
}

/// Asks for the cache lines holding `x` to be brought into the cache (a hint: it reads
/// nothing into the program).
#[inline(always)]
pub(super) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let p = (x as *const T).cast::<i8>();
        let size = std::mem::size_of::<T>().max(1);
        let mut at = 0;
        while at < size + 63 {
            // SAFETY: SSE is part of x86_64; a prefetch never faults, and every address
            // asked for is within `x` or at its last byte.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(at.min(size - 1))) };
            at += 64;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Adds `row` to the first of `acc`, score by score.
#[inline(always)]
fn add_row(acc: &mut [i32], row: &[i32]) {
    for (a, x) in acc.iter_mut().zip(row) {
        *a = a.wrapping_add(*x);
    }
}

/// The number the next model made gets.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn key_of(h: u64) -> u64 {
    h | 1
}

impl Model {
    /// A model of transitions, features `(key, weights)` and boundary features `(key,
    /// scale, weights)`; its unit is set by the largest of them.
    fn build(
        trans: Vec<f32>,
        dict: Dict,
        features: Vec<(u64, Quant)>,
        pairs: Vec<PairWeights>,
    ) -> Model {
        let big = |s: f32| s.abs() * 127.0;
        let max = features
            .iter()
            .map(|(_, q)| big(q.scale))
            .chain(pairs.iter().map(|p| big(p.1)))
            .chain(trans.iter().map(|t| t.abs()))
            .fold(0f32, f32::max);
        let per = unit_for(max);
        let slots = Table::with_slots(features.len() * 3 / 2 + 16);
        let mut m = Model {
            scales: vec![0.0; slots.slots().len()],
            slots,
            count: 0,
            per,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            trans_q: trans.iter().map(|t| fixed(*t, per)).collect(),
            trans,
            dict,
            dense: Vec::new(),
            pairs: Pairs::with_room(pairs.len()),
        };
        for (key, q) in features {
            m.insert(key, q);
        }
        for (key, scale, w) in pairs {
            m.pairs.add(key, scale, &w, per);
        }
        let mut hs = Vec::new();
        m.dense = (0..dense::rows())
            .map(|r| {
                hs.clear();
                dense::members(r, &mut hs);
                m.sum(&hs)
            })
            .collect();
        m
    }

    fn insert(&mut self, key: u64, q: Quant) {
        let i = self.slots.place(key);
        self.count += usize::from(self.slots.slots()[i].key == 0);
        *self.slots.slot_mut(i) = Slot {
            key,
            scale: fixed(q.scale, self.per),
            w: q.w,
        };
        self.scales[i] = q.scale;
    }

    /// Asks for the home slot of the feature with hash `h` to be brought into the cache.
    #[inline(always)]
    fn prefetch(&self, h: u64) {
        self.slots.prefetch(key_of(h));
    }

    /// The slot of the feature with hash `h`.
    #[inline(always)]
    fn get(&self, h: u64) -> Option<&Slot> {
        self.slots.get(key_of(h))
    }

    /// A model from dense transitions, sparse feature weights and a dictionary; the
    /// weights are stored as one signed byte per label and a scale per feature.
    pub fn from_parts(
        trans: Vec<f32>,
        features: Vec<(u64, Vec<(u8, f32)>)>,
        pairs: Vec<(u64, Vec<f32>)>,
        dict: Dict,
    ) -> Model {
        let mut qp = Vec::new();
        for (h, ws) in pairs {
            let max = ws.iter().map(|w| w.abs()).fold(0f32, f32::max);
            if max == 0.0 || ws.len() != LL {
                continue;
            }
            let scale = max / 127.0;
            let q: Vec<(u16, i8)> = ws
                .iter()
                .enumerate()
                .map(|(j, w)| (j as u16, (w / scale).round().clamp(-127.0, 127.0) as i8))
                .filter(|(_, x)| *x != 0)
                .collect();
            qp.push((key_of(h), scale, q));
        }
        let mut qf = Vec::new();
        for (h, ws) in features {
            let max = ws.iter().map(|(_, w)| w.abs()).fold(0f32, f32::max);
            if max == 0.0 {
                continue;
            }
            let scale = max / 127.0;
            let mut q = Quant {
                scale,
                w: [0; Label::COUNT],
            };
            for (l, w) in ws {
                if let Some(x) = q.w.get_mut(l as usize) {
                    *x = (w / scale).round().clamp(-127.0, 127.0) as i8;
                }
            }
            if q.w.iter().any(|x| *x != 0) {
                qf.push((key_of(h), q));
            }
        }
        Model::build(trans, dict, qf, qp)
    }

    /// The weights of slot `i` as the file holds them.
    fn quant(&self, i: usize) -> Quant {
        let s = self.slots.slots().get(i).copied().unwrap_or_default();
        Quant {
            scale: self.scales.get(i).copied().unwrap_or_default(),
            w: s.w,
        }
    }

    /// Number of features with weights.
    pub fn feature_count(&self) -> usize {
        self.count
    }

    /// The model's word dictionary.
    pub fn dict(&self) -> &Dict {
        &self.dict
    }

    /// A number told to this model alone among those made in this process (its
    /// clones share it: they have the same weights). A [`WordTable`] keeps the sums of
    /// one model's weights and is emptied when used with another.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Units of a labelling score per 1.0 of weight (see the module's documentation).
    pub fn per(&self) -> f32 {
        self.per
    }

    /// The sum of the weights of features `hs`.
    fn sum(&self, hs: &[u64]) -> Scores {
        let mut acc = [0; Label::COUNT];
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            unsafe { self.add_avx2(hs, &mut acc) };
            return acc;
        }
        self.add(hs, &mut acc);
        acc
    }

    /// [`Model::add`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn add_avx2(&self, hs: &[u64], acc: &mut Scores) {
        self.add(hs, acc);
    }

    /// Adds the weights of features `hs` to `acc`.
    #[inline(always)]
    fn add(&self, hs: &[u64], acc: &mut Scores) {
        for h in hs {
            if let Some(s) = self.get(*h) {
                s.add_to(acc);
            }
        }
    }

    /// Each token's score per label (`emit`, `n × L`): its own word's sum and its
    /// [`Neighbour`](super::features::Neighbour) rows from `table` when `feats.words` is set, and
    /// each of its features' weights.
    #[inline(always)]
    fn emissions_in(&self, feats: &Features, table: Option<&WordTable>, emit: &mut [i32]) {
        let own = |i: usize| -> Option<&Scores> {
            table?.partial(*feats.words.get(i)?)
        };
        let n = feats.len();
        for (i, row) in emit.chunks_exact_mut(Label::COUNT).enumerate() {
            if i + 1 < n {
                for h in feats.of(i + 1) {
                    self.prefetch(*h);
                }
            }
            let mut acc = own(i).copied().unwrap_or([0; Label::COUNT]);
            if let Some(table) = table {
                for (side, w) in feats.rows_of(i).iter().enumerate() {
                    if let Some(row) = table.row(*w, side) {
                        add_row(&mut acc, row);
                    }
                }
            }
            for r in feats.dense_of(i) {
                if let Some(row) = self.dense.get(*r as usize) {
                    add_row(&mut acc, row);
                }
            }
            self.add(feats.of(i), &mut acc);
            row.copy_from_slice(&acc);
        }
    }

    /// The best labels for `tokens`, the words' facts and own weights read from (and
    /// added to) `table`: the labels [`features::extract`](super::features::extract)
    /// and [`Model::decode`] give, with each distinct word looked at once.
    pub fn label(&self, tokens: &[Token<'_>], table: &mut WordTable, feats: &mut Features) -> Vec<Label> {
        table.prepare(self.id);
        extract_cached(tokens, &self.dict, table, |h| self.prefetch(h), |hs| self.sum(hs), feats);
        self.decode_with(feats, Some(table))
    }

    /// The best labels for a string's features ([`features::extract`](super::features::extract)).
    pub fn decode(&self, feats: &Features) -> Vec<Label> {
        self.decode_with(feats, None)
    }

    /// [`Model::decode`]; when `feats.words` is set, each token's own word's weights are
    /// `table`'s sums for it (see [`Model::label`]).
    fn decode_with(&self, feats: &Features, table: Option<&WordTable>) -> Vec<Label> {
        let l = Label::COUNT;
        let n = feats.len();
        if self.trans_q.len() != (l + 1) * l || self.slots.slots().is_empty() {
            return vec![Label::Other; n];
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { self.decode_avx2(feats, table) };
        }
        self.decode_in(feats, table)
    }

    /// [`Model::decode_in`] compiled for AVX2, which widens, multiplies, adds and
    /// compares eight scores at a step. The labels are the same: the same integers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn decode_avx2(&self, feats: &Features, table: Option<&WordTable>) -> Vec<Label> {
        self.decode_in(feats, table)
    }

    /// The labels of [`Model::decode_with`].
    #[inline(always)]
    fn decode_in(&self, feats: &Features, table: Option<&WordTable>) -> Vec<Label> {
        let l = Label::COUNT;
        let n = feats.len();
        // Where each boundary feature's weights are is asked for first, so that these
        // cache misses overlap each other and the emissions' work.
        for h in &feats.pairs {
            self.pairs.prefetch(key_of(*h));
        }
        let mut emit = vec![0i32; n * l];
        self.emissions_in(feats, table, &mut emit);
        let found: Vec<Found> = feats.pairs.iter().map(|h| self.pairs.find(key_of(*h))).collect();
        // Each token's boundary weights are summed as Viterbi reaches it.
        let own = |i: usize, m: &mut [i32; LL_BUF]| {
            let f = found.get(i * PAIRS..(i + 1) * PAIRS).unwrap_or(&[]);
            self.pairs.sum_into(f, m);
        };
        viterbi_by(n, &emit, &self.trans_q, own)
            .into_iter()
            .map(|i| Label::from_index(i as usize).unwrap_or(Label::Other))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unit leaves room for hundreds of the largest weight below `2^31`, and is as
    /// fine as that allows.
    #[test]
    fn the_unit_is_the_finest_that_leaves_room() {
        for max in [0.001f32, 1.0, 134.0, 189.1, 5000.0] {
            let per = unit_for(max);
            assert!(f64::from(max * per) * f64::from(HEADROOM) < 2f64.powi(31), "{max}");
            assert!(per == 2f32.powi(24) || f64::from(max * per * 2.0 * HEADROOM) >= 2f64.powi(31));
        }
        assert_eq!(crate::academic::shipped().per(), 2f32.powi(14));
    }
}
