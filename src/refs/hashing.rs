//! A small, fast hasher for the short keys of one list (citation keys, title
//! fingerprints): the multiply-rotate hash of rustc (`FxHash`), eight bytes a step,
//! with a finalizer that spreads every input bit over the whole hash.
//!
//! It is not resistant to crafted collisions; the maps it serves hold one list's
//! keys, so the worst a crafted list can do is slow its own parse.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits depending on the low input bits only, and
        // keys that differ in their last letters would share table slots: mix the
        // high bits down (the splitmix64 finalizer).
        let mut z = self.hash;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<T> = HashSet<T, FxBuild>;

/// Bytes kept inside the table entry when they fit in `N` (no pointer to follow when
/// a lookup compares keys, no allocation), on the heap otherwise. Hashes, compares and
/// borrows as the byte slice it holds, so tables of it are searched with `&[u8]`.
#[derive(Debug, Clone)]
pub enum InlineBytes<const N: usize> {
    /// Up to `N` bytes and their length.
    Inline(u8, [u8; N]),
    /// Longer byte strings.
    Heap(Box<[u8]>),
}

impl<const N: usize> InlineBytes<N> {
    /// A copy of `bytes`.
    pub fn new(bytes: &[u8]) -> Self {
        if bytes.len() <= N && bytes.len() <= usize::from(u8::MAX) {
            let mut inline = [0; N];
            inline[..bytes.len()].copy_from_slice(bytes);
            InlineBytes::Inline(bytes.len() as u8, inline)
        } else {
            InlineBytes::Heap(bytes.into())
        }
    }

    /// The bytes held.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            InlineBytes::Inline(len, bytes) => &bytes[..usize::from(*len)],
            InlineBytes::Heap(bytes) => bytes,
        }
    }
}

impl<const N: usize> Borrow<[u8]> for InlineBytes<N> {
    fn borrow(&self) -> &[u8] {
        self.as_slice()
    }
}

impl<const N: usize> PartialEq for InlineBytes<N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<const N: usize> Eq for InlineBytes<N> {}

impl<const N: usize> Hash for InlineBytes<N> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_hash_equal_and_lengths_differ() {
        let hash = |s: &str| {
            let mut h = FxHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash("shafaqnews2023"), hash("shafaqnews2023"));
        assert_ne!(hash("a"), hash("a\0"));
        let mut set: FxHashSet<String> = FxHashSet::default();
        assert!(set.insert("x".to_string()));
        assert!(set.contains("x"));
        let mut bytes: FxHashSet<InlineBytes<4>> = FxHashSet::default();
        bytes.insert(InlineBytes::new(b"abcd"));
        bytes.insert(InlineBytes::new(b"abcde"));
        assert!(bytes.contains(&b"abcd"[..]) && bytes.contains(&b"abcde"[..]));
        assert!(!bytes.contains(&b"abc"[..]));
    }
}
