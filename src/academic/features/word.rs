//! The facts about a word and the features of the word alone (its forms, affixes and
//! flags), kept in a table of the words met so far: a list repeats most of its words
//! ("of", "J.", "Journal", "pp."), and each is looked at once.

use super::super::dict::{Dict, GROUPS};
use super::super::fhash::{BIAS, Form, H8, P70, P71, P72, P73, hash, hash1_from, hash2_from};
use std::sync::LazyLock;
use super::super::label::Label;
use super::super::model::{Scores, prefetch};
use super::super::tokens::{core, has_year, is_initials, shape};
use crate::refs::date::MONTHS;

/// Facts about one word. Its lower-cased form, that form without wrapping punctuation
/// (the core) and its shape are byte ranges of the [`WordTable`]'s text, so that no
/// word allocates.
#[derive(Clone, Copy)]
pub(super) struct Info {
    pub(super) lower: (u32, u32),
    pub(super) core: (u32, u32),
    pub(super) shape: (u32, u32),
    pub(super) flags: u32,
    pub(super) last: char,
    pub(super) first: char,
}

pub(super) const EMPTY: Info = Info {
    lower: (0, 0),
    core: (0, 0),
    shape: (0, 0),
    flags: 0,
    last: ' ',
    first: ' ',
};


pub(super) const YEAR: u32 = 1;
pub(super) const INITIAL: u32 = 1 << 1;
pub(super) const DIGITS: u32 = 1 << 2;
pub(super) const HAS_DIGIT: u32 = 1 << 3;
pub(super) const CAP: u32 = 1 << 4;
pub(super) const ALLCAPS: u32 = 1 << 5;
pub(super) const LOWER: u32 = 1 << 6;
pub(super) const URL: u32 = 1 << 7;
pub(super) const DOI: u32 = 1 << 8;
pub(super) const RANGE: u32 = 1 << 9;
pub(super) const MONTH: u32 = 1 << 10;
pub(super) const ROMAN: u32 = 1 << 11;
pub(super) const ORDINAL: u32 = 1 << 12;
pub(super) const LONG: u32 = 1 << 13;
pub(super) const OPEN: u32 = 1 << 14;
pub(super) const CLOSE: u32 = 1 << 15;
pub(super) const END_STOP: u32 = 1 << 16;
pub(super) const FLAG_COUNT: u32 = 17;

/// The facts of `word`; its lower case, core and shape are appended to `arena`.
pub(super) fn info(word: &str, arena: &mut String, sh: &mut String) -> Info {
    let start = arena.len();
    if word.is_ascii() {
        arena.push_str(word);
        arena[start..].make_ascii_lowercase();
    } else {
        for ch in word.chars() {
            arena.extend(ch.to_lowercase());
        }
    }
    let end = arena.len();
    let lower = &arena[start..end];
    let c = core(lower);
    let c_start = start + (c.as_ptr() as usize - lower.as_ptr() as usize);
    let core_range = (c_start as u32, (c_start + c.len()) as u32);
    shape(word, sh);
    let mut flags = 0;
    if has_year(word) {
        flags |= YEAR;
    }
    if is_initials(word) {
        flags |= INITIAL;
    }
    if !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()) {
        flags |= DIGITS;
    }
    if word.bytes().any(|b| b.is_ascii_digit()) {
        flags |= HAS_DIGIT;
    }
    let core_word = core(word);
    let first_alpha = core_word.chars().next();
    if first_alpha.is_some_and(char::is_uppercase) {
        flags |= CAP;
        if core_word.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !core_word.chars().any(char::is_lowercase)
        {
            flags |= ALLCAPS;
        }
    }
    if first_alpha.is_some_and(char::is_lowercase) {
        flags |= LOWER;
    }
    let lb = lower.as_bytes();
    if has(lb, b"http") || has(lb, b"www.") || has(lb, b".htm") {
        flags |= URL;
    }
    if has(lb, b"10.") && lb.contains(&b'/') || lb.starts_with(b"doi") {
        flags |= DOI;
    }
    if flags & HAS_DIGIT != 0 {
        let digit_runs = c
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .count();
        if digit_runs == 2 && c.contains(['-', '–', '—']) {
            flags |= RANGE;
        }
    }
    // Month names start with one of these letters: most words are ruled out at once.
    if c.len() >= 3 && c.is_ascii() && b"jfmasond".contains(&c.as_bytes()[0]) {
        let is_month = MONTHS.iter().any(|m| {
            m.starts_with(c) || (c.len() > 3 && c.starts_with(&m[..3]) && m.len() == c.len())
        });
        if is_month {
            flags |= MONTH;
        }
    }
    if !c.is_empty()
        && c.len() <= 6
        && c.chars()
            .all(|ch| matches!(ch, 'i' | 'v' | 'x' | 'l' | 'c'))
    {
        flags |= ROMAN;
    }
    if c.len() >= 3
        && c.as_bytes()[0].is_ascii_digit()
        && ["st", "nd", "rd", "th", "e", "er", "ème", "te", "ed"]
            .iter()
            .any(|s| c.ends_with(s))
    {
        flags |= ORDINAL;
    }
    if c.len() > 12 && c.chars().count() > 12 {
        flags |= LONG;
    }
    let first = word.chars().next().unwrap_or(' ');
    let last = word.chars().last().unwrap_or(' ');
    if matches!(first, '(' | '[' | '“' | '"' | '‘' | '\'' | '«' | '„') {
        flags |= OPEN;
    }
    if word.contains([')', ']', '”', '»']) {
        flags |= CLOSE;
    }
    if last == '.' && flags & INITIAL == 0 {
        flags |= END_STOP;
    }
    let lower_range = (start as u32, end as u32);
    let s0 = arena.len();
    arena.push_str(sh);
    Info {
        lower: lower_range,
        core: core_range,
        shape: (s0 as u32, arena.len() as u32),
        flags,
        last,
        first,
    }
}


pub(super) fn char_bytes(c: char, buf: &mut [u8; 4]) -> &[u8] {
    c.encode_utf8(buf).as_bytes()
}

/// Whether `needle` occurs in `hay` (short words: a plain scan beats a searcher's setup).
fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn prefix(s: &str, n: usize) -> &str {
    // When the first `n` bytes are ASCII they are the first `n` characters.
    let k = n.min(s.len());
    if s.as_bytes()[..k].iter().all(u8::is_ascii) {
        return &s[..k];
    }
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn suffix(s: &str, n: usize) -> &str {
    // When the last `n` bytes are ASCII they are the last `n` characters.
    let k = s.len().saturating_sub(n);
    if s.as_bytes()[k..].iter().all(u8::is_ascii) {
        return &s[k..];
    }
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    s.char_indices().nth(count - n).map_or(s, |(i, _)| &s[i..])
}


/// Words a [`WordTable`] keeps from string to string before it starts again: 65,536
/// words take about 35 MB. (On the first 10,000 tagged strings, 235,000 words of which
/// 76,000 differ, a table of 16,384 met 115,000 new words, this one 85,000.)
pub(super) const TABLE_WORDS: usize = 1 << 16;

/// The words met so far: each one's facts, dictionary levels and, when labelling, the
/// sum of its own features' weights (one row a word; scores are integers, so the sum
/// is the one adding them one by one gives).
#[derive(Default)]
pub struct WordTable {
    /// The words' lower-cased forms, cores and shapes, and each word as written.
    pub(super) text: String,
    pub(super) infos: Vec<Info>,
    /// Each word's hashes as its neighbours' features see it.
    pub(super) seen: Vec<Seen>,
    /// Each word as written, in `text`.
    written: Vec<(u32, u32)>,
    /// Each word's dictionary levels ([`Dict::levels`] of its core).
    pub(super) levels: Vec<u16>,
    /// A word's hash → its index: an open-addressing table of `(the hash's top 32
    /// bits, index)`, a power of two long, `u32::MAX` marking an empty slot (see
    /// [`WordTable::home`]).
    index: Vec<(u32, u32)>,
    /// Per word, the sum of its own features' weights in the model `owner`, those of
    /// its dictionary levels included.
    partials: Vec<Scores>,
    /// Per word, the sum of the weights of the features that read it from each
    /// [`Neighbour`], in the model `owner`.
    rows: Vec<[Scores; Neighbour::COUNT]>,
    /// The rows of no word ([`NOBODY`]: before the first and after the last).
    edges: [Scores; Neighbour::COUNT],
    /// Whether `edges` holds the sums of the model `owner`.
    edges_ready: bool,
    /// Scratch: the features a sum is taken of.
    scratch: Vec<u64>,
    /// The model (its [`crate::academic::Model::id`]) whose dictionary and weights the
    /// table holds.
    owner: u64,
    /// Scratch: a word's shape.
    sh: String,
    /// Words added since the last [`WordTable::settle`]: each one's index, where its
    /// own features start in `own`, and its dictionary hash.
    queued: Vec<(u32, u32, u64)>,
    /// The own features of the words in `queued`, word after word.
    own: Vec<u64>,
}

impl WordTable {
    /// Forgets every word if the table was filled for another model or holds more than
    /// [`TABLE_WORDS`]; called between strings, never within one.
    pub(crate) fn prepare(&mut self, owner: u64) {
        if self.owner != owner || self.infos.len() > TABLE_WORDS {
            self.text.clear();
            self.infos.clear();
            self.seen.clear();
            self.written.clear();
            self.levels.clear();
            let slots = (2 * (TABLE_WORDS + crate::academic::WINDOW)).next_power_of_two();
            self.index.clear();
            self.index.resize(slots, (0, u32::MAX));
            self.partials.clear();
            self.rows.clear();
            self.edges_ready = false;
            self.queued.clear();
            self.own.clear();
            self.owner = owner;
            // Room for a full table and one more window of new words, taken once: a
            // table grown word by word copies itself a dozen times (3 MB of hashes).
            let room = TABLE_WORDS + crate::academic::WINDOW;
            self.infos.reserve(room);
            self.seen.reserve(room);
            self.written.reserve(room);
            self.levels.reserve(room);
            self.partials.reserve(room);
            self.rows.reserve(room);
        }
    }

    /// Adds `word`'s facts but its levels as a new entry and returns its index.
    fn push_facts(&mut self, word: &str) -> u32 {
        let w = info(word, &mut self.text, &mut self.sh);
        let start = self.text.len() as u32;
        self.text.push_str(word);
        self.written.push((start, self.text.len() as u32));
        let seen = Seen::of(self.get(w.core), self.get(w.shape), &w);
        self.seen.push(seen);
        self.infos.push(w);
        (self.infos.len() - 1) as u32
    }

    /// The hash word `i` is looked up by in the dictionary ([`Dict::hash`] of its core),
    /// or 0 for a word the dictionary never holds (digits, or a single character).
    fn dict_hash(&self, i: u32) -> u64 {
        let Some(w) = self.infos.get(i as usize) else {
            return 0;
        };
        let c = self.get(w.core);
        if w.flags & DIGITS != 0 || c.chars().nth(1).is_none() {
            0
        } else {
            Dict::hash(c)
        }
    }

    /// Adds `word` as a new entry and returns its index.
    pub(super) fn push(&mut self, word: &str, dict: &Dict) -> u32 {
        let i = self.push_facts(word);
        let h = self.dict_hash(i);
        self.levels.push(if h == 0 { 0 } else { dict.levels_by(h) });
        i
    }

    /// The hash [`WordTable::intern`] reads a word by.
    #[inline(always)]
    pub(super) fn hash_of(word: &str) -> u64 {
        hash(255, word.as_bytes())
    }

    /// The slot where the search for a word of hash `h` starts.
    #[inline(always)]
    fn home(&self, h: u64) -> usize {
        h as usize & self.index.len().wrapping_sub(1)
    }

    /// Asks for the slot where the search for a word of hash `h` starts to be brought
    /// into the cache.
    #[inline(always)]
    pub(super) fn prefetch(&self, h: u64) {
        if let Some(s) = self.index.get(self.home(h)) {
            prefetch(s);
        }
    }

    /// The index of `word` (of hash `h`, [`WordTable::hash_of`]), added if it is new;
    /// a new word's dictionary levels and the sum of its own features' weights are
    /// left to [`WordTable::settle`], which must be called before they are read.
    pub(super) fn intern(&mut self, word: &str, h: u64) -> u32 {
        let tag = (h >> 32) as u32;
        let mask = self.index.len().wrapping_sub(1);
        let mut at = self.home(h);
        while let Some(&(t, i)) = self.index.get(at) {
            if i == u32::MAX {
                break;
            }
            if t == tag
                && let Some(&(a, b)) = self.written.get(i as usize)
                && self.get((a, b)) == word
            {
                // What labelling reads of the word next, asked for now (a word met
                // before is most often one of many, and seldom in the cache).
                if let (Some(seen), Some(p), Some(w), Some(r)) = (
                    self.seen.get(i as usize),
                    self.partials.get(i as usize),
                    self.infos.get(i as usize),
                    self.rows.get(i as usize),
                ) {
                    prefetch(seen);
                    prefetch(p);
                    prefetch(w);
                    prefetch(r);
                }
                return i;
            }
            at = (at + 1) & mask;
        }
        let i = self.push_facts(word);
        self.levels.push(0);
        self.partials.push([0; Label::COUNT]);
        self.rows.push([[0; Label::COUNT]; Neighbour::COUNT]);
        let start = self.own.len() as u32;
        let mut own = std::mem::take(&mut self.own);
        self.own_features(i as usize, &mut own);
        self.own = own;
        self.queued.push((i, start, self.dict_hash(i)));
        // Without an index ([`WordTable::prepare`] makes it) the word is not kept.
        if let Some(slot) = self.index.get_mut(at) {
            *slot = (tag, i);
        }
        i
    }

    /// Gives the words added since the last call their dictionary levels, the sums of
    /// their own features' weights and their [`Neighbour`] rows (by `sum`); every dictionary
    /// slot and every feature these read is asked for first (features by `prefetch`),
    /// so that their cache misses overlap.
    pub(super) fn settle(
        &mut self,
        dict: &Dict,
        prefetch_feature: impl Fn(u64),
        sum: impl Fn(&[u64]) -> Scores,
    ) {
        for &(_, _, dh) in &self.queued {
            if dh != 0 {
                dict.prefetch(dh);
            }
        }
        for h in &self.own {
            prefetch_feature(*h);
        }
        let mut f = std::mem::take(&mut self.scratch);
        // The rows' features but the levels' (not read yet).
        f.clear();
        for &(i, _, _) in &self.queued {
            if let Some(s) = self.seen.get(i as usize) {
                for side in Neighbour::ALL {
                    neighbour_features(s, 0, side, &mut f);
                }
            }
        }
        for h in &f {
            prefetch_feature(*h);
        }
        if !self.edges_ready {
            for (side, row) in Neighbour::ALL.iter().zip(&mut self.edges) {
                f.clear();
                neighbour_features(&NOBODY, 0, *side, &mut f);
                *row = sum(&f);
            }
            self.edges_ready = true;
        }
        for (k, &(i, start, dh)) in self.queued.iter().enumerate() {
            let end = self.queued.get(k + 1).map_or(self.own.len(), |q| q.1 as usize);
            let i = i as usize;
            let levels = if dh == 0 { 0 } else { dict.levels_by(dh) };
            if let Some(l) = self.levels.get_mut(i) {
                *l = levels;
            }
            let (Some(seen), Some(own)) = (self.seen.get(i), self.own.get(start as usize..end))
            else {
                continue;
            };
            f.clear();
            f.extend_from_slice(own);
            self.own_level_features(i, &mut f);
            if let Some(p) = self.partials.get_mut(i) {
                *p = sum(&f);
            }
            if let Some(rows) = self.rows.get_mut(i) {
                for (side, row) in Neighbour::ALL.iter().zip(rows) {
                    f.clear();
                    neighbour_features(seen, levels, *side, &mut f);
                    *row = sum(&f);
                }
            }
        }
        self.scratch = f;
        self.queued.clear();
        self.own.clear();
    }

    /// The sum of the weights of the features that read word `word` (or [`NOBODY`])
    /// from `side`.
    #[inline(always)]
    pub(crate) fn row(&self, word: u32, side: usize) -> Option<&Scores> {
        match word {
            NOBODY_ROW => self.edges.get(side),
            _ => self.rows.get(word as usize)?.get(side),
        }
    }

    /// The features that row [`WordTable::row`]`(word, side)` sums, appended to `f`.
    #[cfg(test)]
    pub(super) fn row_features(&self, word: u32, side: Neighbour, f: &mut Vec<u64>) {
        match word {
            NOBODY_ROW => neighbour_features(&NOBODY, 0, side, f),
            _ => {
                let i = word as usize;
                if let (Some(s), Some(l)) = (self.seen.get(i), self.levels.get(i)) {
                    neighbour_features(s, *l, side, f);
                }
            }
        }
    }

    /// The features of word `i`'s dictionary levels that its own sum holds
    /// ([`level_features`]), appended to `f`.
    pub(super) fn own_level_features(&self, i: usize, f: &mut Vec<u64>) {
        if let (Some(w), Some(l)) = (self.infos.get(i), self.levels.get(i)) {
            let single = self.get(w.core).chars().nth(1).is_none();
            level_features(*l, w.flags & CAP != 0, single, f);
        }
    }

    /// The sum of word `i`'s own features' weights.
    pub(crate) fn partial(&self, i: u32) -> Option<&Scores> {
        self.partials.get(i as usize)
    }

    fn get(&self, r: (u32, u32)) -> &str {
        self.text.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }

    /// The features of word `i` alone, appended to `f`: always first among a token's
    /// features.
    pub(super) fn own_features(&self, i: usize, f: &mut Vec<u64>) {
        let Some(w) = self.infos.get(i) else {
            return;
        };
        let mut buf = [0u8; 4];
        let (lower, core_w, shape_w) = (self.get(w.lower), self.get(w.core), self.get(w.shape));
        f.push(BIAS);
        f.push(hash(1, lower.as_bytes()));
        f.push(hash(2, core_w.as_bytes()));
        f.push(hash(3, shape_w.as_bytes()));
        f.push(hash(4, prefix(core_w, 3).as_bytes()));
        f.push(hash(5, suffix(core_w, 3).as_bytes()));
        f.push(hash(6, char_bytes(w.last, &mut buf)));
        f.push(hash(7, char_bytes(w.first, &mut buf)));
        f.push(hash(40, prefix(core_w, 1).as_bytes()));
        f.push(hash(41, suffix(core_w, 2).as_bytes()));
        let mut bits = w.flags & ((1 << FLAG_COUNT) - 1);
        while bits != 0 {
            f.push(hash1_from(&H8, 8, bits.trailing_zeros() as u8));
            bits &= bits - 1;
        }
    }
}

/// The neighbours from which a token's features read a word other than its own, with
/// several features each: those are summed once per word ([`WordTable::row`]), as a
/// word's own are. (Features that read one word from further away, or from the start
/// of a chunk, stay features of the token: a row of sums is more to read than one.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Neighbour {
    /// The word before the token.
    Before,
    /// The word after.
    After,
}

impl Neighbour {
    /// Every side, in the order of a token's rows ([`Features::rows`](super::Features)).
    pub(crate) const ALL: [Neighbour; 2] = [Neighbour::Before, Neighbour::After];
    /// Number of neighbours.
    pub(crate) const COUNT: usize = Self::ALL.len();
}

/// The word of a row that stands for no word ([`NOBODY`]).
pub(crate) const NOBODY_ROW: u32 = u32::MAX;

/// The features that read the word seen as `s`, of dictionary levels `levels`, from
/// `side`, appended to `f`.
pub(super) fn neighbour_features(s: &Seen, levels: u16, side: Neighbour, f: &mut Vec<u64>) {
    match side {
        Neighbour::Before => {
            f.extend([s.c13, s.s16, s.g36, s.l18]);
            neighbour_levels(levels, &P71, 71, f);
        }
        Neighbour::After => {
            f.extend([s.c14, s.s17, s.g37, s.f19]);
            neighbour_levels(levels, &P72, 72, f);
        }
    }
}

/// A neighbour's dictionary levels of 2 or more, under `template`.
fn neighbour_levels(levels: u16, table: &[u64; 256], template: u8, f: &mut Vec<u64>) {
    for g in 0..GROUPS {
        let lv = (levels >> (2 * g)) & 3;
        if lv >= 2 {
            f.push(hash2_from(table, template, g as u8, lv as u8));
        }
    }
}

/// A word's own features of its dictionary levels: each group it is in, or, in none,
/// whether it is capitalised and a single character; appended to `f`.
pub(super) fn level_features(levels: u16, cap: bool, single: bool, f: &mut Vec<u64>) {
    for g in 0..GROUPS {
        let lv = (levels >> (2 * g)) & 3;
        if lv > 0 {
            f.push(hash2_from(&P70, 70, g as u8, lv as u8));
        }
    }
    if levels == 0 {
        f.push(hash2_from(&P73, 73, u8::from(cap), u8::from(single)));
    }
}

/// A word's forms hashed under each template that reads them, from the word itself or
/// from a neighbour (`cNN` its core under template NN, `sNN` its shape, `gNN` its flags,
/// `fNN` its first character, `lNN` its last, `wNN` its boundary form: the core of a
/// lower-case or short word, the shape of another). A template's feature of two words
/// mixes their hashes ([`mix`](crate::academic::fhash::mix)), so each is hashed once.
#[derive(Clone, Copy)]
pub(super) struct Seen {
    pub(super) c12: u64,
    pub(super) c13: u64,
    pub(super) c14: u64,
    pub(super) c15: u64,
    pub(super) c20: u64,
    pub(super) c21: u64,
    pub(super) c52: u64,
    pub(super) c55: u64,
    pub(super) c56: u64,
    pub(super) c58: u64,
    pub(super) s16: u64,
    pub(super) s17: u64,
    pub(super) s22: u64,
    pub(super) s23: u64,
    pub(super) s32: u64,
    pub(super) s33: u64,
    pub(super) g36: u64,
    pub(super) g37: u64,
    pub(super) l18: u64,
    pub(super) f19: u64,
    pub(super) l90: u64,
    pub(super) f90: u64,
    pub(super) l94: u64,
    pub(super) w92: u64,
    pub(super) w93: u64,
    pub(super) w94: u64,
}

impl Seen {
    fn of(core: &str, shape: &str, w: &Info) -> Seen {
        let form = if w.flags & LOWER != 0 || core.len() <= 3 { core } else { shape };
        let (c, sh, fm) = (
            Form::new(core.as_bytes()),
            Form::new(shape.as_bytes()),
            Form::new(form.as_bytes()),
        );
        let flags = w.flags.to_le_bytes();
        let (mut a, mut b) = ([0u8; 4], [0u8; 4]);
        let (first, last) = (char_bytes(w.first, &mut a), char_bytes(w.last, &mut b));
        let (first, last) = (Form::new(first), Form::new(last));
        Seen {
            c12: c.hash(12),
            c13: c.hash(13),
            c14: c.hash(14),
            c15: c.hash(15),
            c20: c.hash(20),
            c21: c.hash(21),
            c52: c.hash(52),
            c55: c.hash(55),
            c56: c.hash(56),
            c58: c.hash(58),
            s16: sh.hash(16),
            s17: sh.hash(17),
            s22: sh.hash(22),
            s23: sh.hash(23),
            s32: sh.hash(32),
            s33: sh.hash(33),
            g36: hash(36, &flags),
            g37: hash(37, &flags),
            l18: last.hash(18),
            f19: first.hash(19),
            l90: last.hash(90),
            f90: first.hash(90),
            l94: last.hash(94),
            w92: fm.hash(92),
            w93: fm.hash(93),
            w94: fm.hash(94),
        }
    }
}

/// [`Seen`] of no word: before the first and after the last.
pub(super) static NOBODY: LazyLock<Seen> = LazyLock::new(|| Seen::of("", "", &EMPTY));
