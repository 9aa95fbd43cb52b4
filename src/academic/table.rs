//! The open-addressing hash table the tagger's lookups share: the model's features, its
//! boundary features and the word dictionary. Keys are 64-bit hashes, never 0 (0 marks
//! an empty slot); a key's search starts at the slot its top bits name and goes on to
//! the next slot until the key or an empty slot is met. The table is a power of two
//! long and keeps the shift that takes a key to its home, so a lookup costs a shift, a
//! mask and the compares.
//!
//! Each use keeps its own slot type (the key beside what it needs), so that a lookup
//! reads one cache line: [`Keyed`] says where a slot's key is.

use super::model::prefetch;

/// A slot of a [`Table`]: its key, 0 when empty.
pub(crate) trait Keyed: Copy + Default {
    /// The slot's key (0: empty).
    fn key(&self) -> u64;
}

impl Keyed for (u64, u16) {
    fn key(&self) -> u64 {
        self.0
    }
}

/// An open-addressing table of [`Keyed`] slots.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table<T> {
    slots: Vec<T>,
    /// `64 − log2(slots.len())`: a key's home is `key >> shift`.
    shift: u32,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            slots: Vec::new(),
            shift: 63,
        }
    }
}

impl<T: Keyed> Table<T> {
    /// An empty table with at least `room` slots (a power of two, 16 or more).
    pub(crate) fn with_slots(room: usize) -> Table<T> {
        let size = room.max(16).next_power_of_two();
        Table {
            slots: vec![T::default(); size],
            shift: 64 - size.trailing_zeros(),
        }
    }

    /// The slot where the search for `key` starts.
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key >> self.shift) as usize & self.slots.len().wrapping_sub(1)
    }

    /// The index of the slot holding `key`, or of the empty slot where it goes. The
    /// table must have an empty slot (its users size it at least twice their keys).
    pub(crate) fn place(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].key() != 0 && self.slots[i].key() != key {
            i = (i + 1) & mask;
        }
        i
    }

    /// The slot holding `key`.
    #[inline(always)]
    pub(crate) fn get(&self, key: u64) -> Option<&T> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        loop {
            let s = self.slots.get(i)?;
            if s.key() == key {
                return Some(s);
            }
            if s.key() == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Asks for the slot where the search for `key` starts to be brought into the
    /// cache.
    #[inline(always)]
    pub(crate) fn prefetch(&self, key: u64) {
        if let Some(s) = self.slots.get(self.home(key)) {
            prefetch(s);
        }
    }

    /// Every slot, empty ones too.
    pub(crate) fn slots(&self) -> &[T] {
        &self.slots
    }

    /// Slot `i`, to fill ([`Table::place`]).
    pub(crate) fn slot_mut(&mut self, i: usize) -> &mut T {
        &mut self.slots[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys that share a home are all found, after one another; a key never added is
    /// not, and an empty table finds nothing.
    #[test]
    fn keys_of_one_home_are_all_found() {
        let mut t: Table<(u64, u16)> = Table::with_slots(16);
        // The top four bits name the home: these three share home 1.
        let keys = [1u64 << 60 | 1, 1 << 60 | 3, 1 << 60 | 5];
        for (n, k) in keys.iter().enumerate() {
            let i = t.place(*k);
            *t.slot_mut(i) = (*k, n as u16);
        }
        for (n, k) in keys.iter().enumerate() {
            assert_eq!(t.get(*k), Some(&(*k, n as u16)));
        }
        assert_eq!(t.get(1 << 60 | 7), None);
        assert_eq!(Table::<(u64, u16)>::default().get(5), None);
        // The last slot wraps to the first.
        let last = 15u64 << 60 | 1;
        for k in [last, last + 2] {
            let i = t.place(k);
            *t.slot_mut(i) = (k, 9);
        }
        assert_eq!(t.place(last + 2), 0);
        assert_eq!(t.get(last + 2), Some(&(last + 2, 9)));
    }
}
