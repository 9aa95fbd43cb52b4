//! The tagger's model: a weight per label for each feature, label-to-label transition
//! weights, and the Viterbi search for the best label sequence.
//!
//! In memory the features are an open-addressing table of 32-byte slots: a feature's key,
//! its scale and its weights as the file holds them (a signed byte per label), so that a
//! lookup that finds its feature reads one cache line (4 MB for the shipped model's
//! 60,000 features). Labelling multiplies each byte by the scale as it adds it (eight at
//! a step where the processor has AVX2), and asks for the next token's slots ahead.
//!
//! The file format (`data/academic-model.bin`, read and written in [`file`]) is little-endian: the magic
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

pub use file::ModelError;

use super::dict::Dict;
use super::features::{Features, PAIRS, WordTable, extract_cached};
use super::tokens::Token;
use super::label::Label;
use super::viterbi::viterbi_by;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};


/// Weights of one boundary feature: a label pair's weight is `w[prev × L + label] × scale`.
pub(super) const LL: usize = Label::COUNT * Label::COUNT;

/// The length of the buffer a token's boundary weights are gathered in: a power of two
/// above [`LL`], so that a sparse weight's index, masked, needs no bounds check.
pub(super) const LL_BUF: usize = LL.next_power_of_two();

/// Boundary features with at least this many non-zero weights are kept dense as well.
const DENSE: usize = 40;

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

/// One feature in the table: its key and its weights as the file holds them, in 32
/// bytes, so that a lookup that finds it reads one cache line.
#[repr(C, align(32))]
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    scale: f32,
    w: [i8; Label::COUNT],
}

impl Slot {
    /// Adds the slot's weights, each `w × scale`, to `acc`.
    #[inline(always)]
    fn add_to(&self, acc: &mut [f32; Label::COUNT]) {
        for (a, x) in acc.iter_mut().zip(&self.w) {
            *a += f32::from(*x) * self.scale;
        }
    }
}

/// A trained tagger.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Open-addressing table of the features, a power of two long; a key of 0 marks an
    /// empty slot.
    slots: Vec<Slot>,
    /// Number of features in `slots`.
    count: usize,
    /// This model's number ([`Model::id`]).
    id: u64,
    /// A key's home slot is its top bits: `key >> shift`. Keys in ascending order then
    /// fill the table from front to back, so that loading a model writes it in order.
    shift: u32,
    /// `(L + 1) × L` transitions; row `L` is the start.
    trans: Vec<f32>,
    /// The word dictionary the features read.
    dict: Dict,
    /// Boundary features ([`Features::pairs`]): key → index into `pair_w`.
    pairs: IdMap<u32>,
    /// Per boundary feature, its key, its scale and the range of its non-zero weights
    /// in `pair_nz` (most label pairs never meet at a boundary, so few are non-zero).
    pair_w: Vec<(u64, f32, u32, u32)>,
    /// `(prev × L + label, weight)` of the boundary features, feature after feature.
    pair_nz: Vec<(u16, i8)>,
    /// The same weights times their feature's scale, as labelling reads them.
    pair_f: Vec<(u16, f32)>,
    /// Per boundary feature, the index of its dense weights in `pair_dense`, or
    /// `u32::MAX`: a feature with many non-zero weights is added as one dense row,
    /// which runs over several labels at once, rather than weight by weight.
    pair_dense_of: Vec<u32>,
    /// Dense weights (times their scale) of the boundary features with many of them.
    pair_dense: Vec<[f32; LL]>,
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

/// The number the next model made gets.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn key_of(h: u64) -> u64 {
    h | 1
}

impl Model {
    fn with_capacity(trans: Vec<f32>, dict: Dict, n: usize) -> Model {
        let size = (n * 3 / 2 + 16).next_power_of_two();
        Model {
            slots: vec![Slot::default(); size],
            count: 0,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            shift: 64 - size.trailing_zeros(),
            trans,
            dict,
            pairs: IdMap::default(),
            pair_w: Vec::new(),
            pair_nz: Vec::new(),
            pair_f: Vec::new(),
            pair_dense_of: Vec::new(),
            pair_dense: Vec::new(),
        }
    }

    fn insert(&mut self, key: u64, q: Quant) {
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize & mask;
        loop {
            let k = self.slots[i].key;
            if k == 0 || k == key {
                self.count += usize::from(k == 0);
                self.slots[i] = Slot {
                    key,
                    scale: q.scale,
                    w: q.w,
                };
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Asks for the home slot of the feature with hash `h` to be brought into the cache.
    #[inline(always)]
    fn prefetch(&self, h: u64) {
        if let Some(s) = self.slots.get(self.home(key_of(h))) {
            prefetch(s);
        }
    }

    /// The slot where the search for `key` starts.
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key >> self.shift) as usize & self.slots.len().wrapping_sub(1)
    }

    /// The slot of the feature with hash `h`.
    #[inline(always)]
    fn get(&self, h: u64) -> Option<&Slot> {
        let key = key_of(h);
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        loop {
            let s = self.slots.get(i)?;
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// A model from dense transitions, sparse feature weights and a dictionary; the
    /// weights are stored as one signed byte per label and a scale per feature.
    pub fn from_parts(
        trans: Vec<f32>,
        features: Vec<(u64, Vec<(u8, f32)>)>,
        pairs: Vec<(u64, Vec<f32>)>,
        dict: Dict,
    ) -> Model {
        let mut m = Model::with_capacity(trans, dict, features.len());
        for (h, ws) in pairs {
            let max = ws.iter().map(|w| w.abs()).fold(0f32, f32::max);
            if max == 0.0 || ws.len() != LL {
                continue;
            }
            let scale = max / 127.0;
            let mut q = [0i8; LL];
            for (x, w) in q.iter_mut().zip(&ws) {
                *x = (w / scale).round().clamp(-127.0, 127.0) as i8;
            }
            m.add_pair(key_of(h), scale, q);
        }
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
                m.insert(key_of(h), q);
            }
        }
        m
    }

    fn add_pair(&mut self, key: u64, scale: f32, w: [i8; LL]) {
        let start = self.pair_nz.len() as u32;
        // Most of a boundary feature's weights are zero: runs of sixteen zeros are
        // passed over whole.
        for (c, chunk) in w.chunks(16).enumerate() {
            if chunk.iter().fold(0u8, |a, x| a | *x as u8) == 0 {
                continue;
            }
            self.pair_nz.extend(
                chunk
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| **x != 0)
                    .map(|(i, x)| ((c * 16 + i) as u16, *x)),
            );
        }
        if self.pair_nz.len() as u32 == start {
            return;
        }
        self.pair_f.extend(
            self.pair_nz[start as usize..]
                .iter()
                .map(|(j, x)| (*j, f32::from(*x) * scale)),
        );
        if self.pair_nz.len() - start as usize >= DENSE {
            let mut row = [0f32; LL];
            for (j, x) in &self.pair_f[start as usize..] {
                row[*j as usize % LL] = *x;
            }
            self.pair_dense_of.push(self.pair_dense.len() as u32);
            self.pair_dense.push(row);
        } else {
            self.pair_dense_of.push(u32::MAX);
        }
        self.pairs.insert(key, self.pair_w.len() as u32);
        self.pair_w
            .push((key, scale, start, self.pair_nz.len() as u32 - start));
    }

    /// The weights of slot `i` as the file holds them.
    fn quant(&self, i: usize) -> Quant {
        let s = self.slots.get(i).copied().unwrap_or_default();
        Quant {
            scale: s.scale,
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

    /// The sum of the weights of features `hs`, added in order from zero.
    fn sum(&self, hs: &[u64]) -> [f32; Label::COUNT] {
        let mut acc = [0f32; Label::COUNT];
        self.add(hs, &mut acc);
        acc
    }

    /// Adds the weights of features `hs` to `acc`, in order.
    #[inline(always)]
    fn add(&self, hs: &[u64], acc: &mut [f32; Label::COUNT]) {
        for h in hs {
            if let Some(s) = self.get(*h) {
                s.add_to(acc);
            }
        }
    }

    /// Each token's score per label (`emit`, `n × L`): its own word's sum from `table`
    /// when `feats.words` is set, then each of its features' weights, in order.
    fn emissions(&self, feats: &Features, table: Option<&WordTable>, emit: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            unsafe { self.emissions_avx2(feats, table, emit) };
            return;
        }
        self.emissions_in(feats, table, emit);
    }

    /// [`Model::emissions`] compiled for AVX2, which widens eight weights from bytes to
    /// floats in one instruction. The sums are the same to the bit: the same products
    /// and additions in the same order.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn emissions_avx2(&self, feats: &Features, table: Option<&WordTable>, emit: &mut [f32]) {
        self.emissions_in(feats, table, emit);
    }

    #[inline(always)]
    fn emissions_in(&self, feats: &Features, table: Option<&WordTable>, emit: &mut [f32]) {
        let own = |i: usize| -> Option<&[f32; Label::COUNT]> {
            table?.partial(*feats.words.get(i)?)
        };
        let n = feats.len();
        for (i, row) in emit.chunks_exact_mut(Label::COUNT).enumerate() {
            if i + 1 < n {
                for h in feats.of(i + 1) {
                    self.prefetch(*h);
                }
            }
            let mut acc = own(i).copied().unwrap_or([0f32; Label::COUNT]);
            self.add(feats.of(i), &mut acc);
            row.copy_from_slice(&acc);
        }
    }

    /// The best labels for `tokens`, the words' facts and own weights read from (and
    /// added to) `table`: the labels [`features::extract`](super::features::extract)
    /// and [`Model::decode`] give, to the bit, with each distinct word looked at once.
    pub fn label(&self, tokens: &[Token<'_>], table: &mut WordTable, feats: &mut Features) -> Vec<Label> {
        table.prepare(self.id);
        extract_cached(tokens, &self.dict, table, |hs| self.sum(hs), feats);
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
        if self.trans.len() != (l + 1) * l || self.slots.is_empty() {
            return vec![Label::Other; n];
        }
        let mut emit = vec![0f32; n * l];
        self.emissions(feats, table, &mut emit);
        // Each boundary feature's index in `pair_w`.
        let pk: Vec<u32> = feats
            .pairs
            .iter()
            .map(|h| {
                let k = self.pairs.get(&key_of(*h)).copied().unwrap_or(u32::MAX);
                // Its sparse weights are asked for now, to be in the cache when the
                // search reaches its token.
                if let Some(&(_, _, start, _)) = self.pair_w.get(k as usize)
                    && let Some(x) = self.pair_f.get(start as usize)
                {
                    prefetch(x);
                }
                k
            })
            .collect();
        let keys = |i: usize| pk.get(i * PAIRS..(i + 1) * PAIRS).unwrap_or(&[]);
        // Each token's boundary weights are gathered into a buffer of its own as Viterbi
        // reaches it (the buffers are kept from string to string): the way back reads
        // one column of the same sums.
        let own = |i: usize, m: &mut [f32; LL_BUF]| {
            let mut ks = keys(i);
            // A first feature with dense weights is copied: `0 + x` is `x`.
            if let Some(row) = ks
                .first()
                .and_then(|k| self.pair_dense_of.get(*k as usize))
                .and_then(|d| self.pair_dense.get(*d as usize))
            {
                m[..LL].copy_from_slice(row);
                ks = &ks[1..];
            } else {
                m[..LL].fill(0.0);
            }
            for &k in ks {
                if let Some(row) = self
                    .pair_dense_of
                    .get(k as usize)
                    .and_then(|d| self.pair_dense.get(*d as usize))
                {
                    for (a, x) in m.iter_mut().zip(row) {
                        *a += x;
                    }
                } else if let Some(&(_, _, start, len)) = self.pair_w.get(k as usize) {
                    let nz = &self.pair_f[start as usize..(start + len) as usize];
                    // `j` is below `LL` (the model was built so); masked, it is in `m`.
                    for &(j, x) in nz {
                        m[j as usize & (LL_BUF - 1)] += x;
                    }
                }
            }
        };
        viterbi_by(n, &emit, &self.trans, own)
            .into_iter()
            .map(|i| Label::from_index(i as usize).unwrap_or(Label::Other))
            .collect()
    }
}
