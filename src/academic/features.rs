//! Features of each token of a reference string, as 64-bit hashes.
//!
//! A feature is a template (what is looked at) and a value (what was seen), hashed
//! together; the model keeps a weight per label for each feature it met in training.
//! The templates read the word itself (lower-cased, stripped, shape, affixes), facts
//! about it (year, initials, digits, URL or DOI), its neighbours, its place in the
//! string, and the state of the string so far: open brackets and quotes, years and
//! full stops seen before, whether an `In` has opened a container.

use super::dict::{Dict, GROUPS};
use super::fhash::{
    BIAS, H8, H9, H10, H11, H50, H53, H54, H57, P31, P34, P51, P59, P70, P71, P72, P73, STATE,
    hash, hash1_from, hash2, hash2_from,
};
use super::tokens::{Token, core, has_year, is_initials, shape};
use crate::refs::date::MONTHS;

/// Features of every token of one string, flat.
#[derive(Debug, Default, Clone)]
pub struct Features {
    /// All feature hashes, token after token.
    pub ids: Vec<u64>,
    /// Where each token's features start in `ids`; one more entry than tokens.
    pub starts: Vec<u32>,
    /// [`PAIRS`] features a token of the boundary between it and the word before (the
    /// last character before and the first after, the kinds of the two words, the word
    /// before): the model weighs them for each pair of labels, so that a boundary can
    /// say "a new field starts here" rather than only "this word is of that field".
    pub pairs: Vec<u64>,
}

/// Boundary features per token.
pub const PAIRS: usize = 5;

impl Features {
    /// The features of token `i`.
    pub fn of(&self, i: usize) -> &[u64] {
        &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The boundary features of token `i`.
    pub fn pairs_of(&self, i: usize) -> &[u64] {
        self.pairs.get(i * PAIRS..(i + 1) * PAIRS).unwrap_or(&[])
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Facts about one word, computed once per string. Its lower-cased form, that form
/// without wrapping punctuation (the core) and its shape are byte ranges of one text
/// shared by the string's words, so that no word allocates.
#[derive(Clone, Copy)]
struct Info {
    lower: (u32, u32),
    core: (u32, u32),
    shape: (u32, u32),
    flags: u32,
    last: char,
    first: char,
}

const EMPTY: Info = Info {
    lower: (0, 0),
    core: (0, 0),
    shape: (0, 0),
    flags: 0,
    last: ' ',
    first: ' ',
};

/// The words' texts, and their [`Info`]s pointing into it.
struct Words<'a> {
    text: &'a str,
    infos: &'a [Info],
    /// Each word's core and shape, sliced once: neighbours read them many times.
    cores: &'a [&'a str],
    shapes: &'a [&'a str],
}

impl<'a> Words<'a> {
    fn get(&self, r: (u32, u32)) -> &'a str {
        self.text.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }
    fn at(&self, i: isize) -> &'a Info {
        if i < 0 {
            return &EMPTY;
        }
        self.infos.get(i as usize).unwrap_or(&EMPTY)
    }
    fn core(&self, i: isize) -> &'a str {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.cores.get(i))
            .copied()
            .unwrap_or("")
    }
    fn shape(&self, i: isize) -> &'a str {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.shapes.get(i))
            .copied()
            .unwrap_or("")
    }
}

const YEAR: u32 = 1;
const INITIAL: u32 = 1 << 1;
const DIGITS: u32 = 1 << 2;
const HAS_DIGIT: u32 = 1 << 3;
const CAP: u32 = 1 << 4;
const ALLCAPS: u32 = 1 << 5;
const LOWER: u32 = 1 << 6;
const URL: u32 = 1 << 7;
const DOI: u32 = 1 << 8;
const RANGE: u32 = 1 << 9;
const MONTH: u32 = 1 << 10;
const ROMAN: u32 = 1 << 11;
const ORDINAL: u32 = 1 << 12;
const LONG: u32 = 1 << 13;
const OPEN: u32 = 1 << 14;
const CLOSE: u32 = 1 << 15;
const END_STOP: u32 = 1 << 16;
const FLAG_COUNT: u32 = 17;

/// The facts of `word`; its lower case, core and shape are appended to `arena`.
fn info(word: &str, arena: &mut String, sh: &mut String) -> Info {
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

fn bucket(n: usize) -> u8 {
    match n {
        0..=3 => n as u8,
        4..=6 => 4,
        7..=12 => 5,
        _ => 6,
    }
}

fn char_bytes(c: char, buf: &mut [u8; 4]) -> &[u8] {
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

/// Running state of the string before a token.
#[derive(Default, Clone, Copy)]
struct State {
    paren: u8,
    quote: bool,
    years: u8,
    stops: u8,
    commas: u8,
    seen_in: bool,
    seen_colon: bool,
}

/// Whether a word closes a chunk (the stretch between two strong marks): it ends in a
/// full stop that does not end an initial (`end_stop`), or in `?`, `!`, `:` or a closing
/// quote or bracket (its `last` character).
pub(super) fn closes_chunk(last: char, end_stop: bool) -> bool {
    end_stop || matches!(last, '?' | '!' | ':' | '”' | ')' | ']' | '"' | '»')
}

/// Computes the features of every token.
pub fn extract(tokens: &[Token<'_>], dict: &Dict, out: &mut Features) {
    out.ids.clear();
    out.starts.clear();
    out.pairs.clear();
    out.ids.reserve(tokens.len() * 80);
    out.pairs.reserve(tokens.len() * PAIRS);
    out.starts.reserve(tokens.len() + 1);
    let mut arena = String::with_capacity(tokens.iter().map(|t| t.text.len() * 3).sum());
    let mut sh = String::new();
    let infos: Vec<Info> = tokens
        .iter()
        .map(|t| info(t.text, &mut arena, &mut sh))
        .collect();
    let slice = |r: (u32, u32)| arena.get(r.0 as usize..r.1 as usize).unwrap_or("");
    let cores: Vec<&str> = infos.iter().map(|w| slice(w.core)).collect();
    let shapes: Vec<&str> = infos.iter().map(|w| slice(w.shape)).collect();
    let words = Words {
        text: &arena,
        infos: &infos,
        cores: &cores,
        shapes: &shapes,
    };
    let n = infos.len();
    let levels: Vec<u16> = (0..n)
        .map(|i| {
            let c = words.core(i as isize);
            if infos[i].flags & DIGITS != 0 || c.chars().nth(1).is_none() {
                0
            } else {
                dict.levels(c)
            }
        })
        .collect();
    let mut st = State::default();
    let mut buf = [0u8; 4];
    // Chunks: runs of words up to a strong boundary (a full stop that does not end an
    // initial, `?`, `!`, `:`, a closing quote or bracket), and sub-chunks up to a comma.
    let strong = |w: &Info| closes_chunk(w.last, w.flags & END_STOP != 0);
    let mut chunk_of = vec![0u16; n];
    let mut starts_of = vec![0usize];
    let mut sub_start = vec![0usize; n];
    let mut years_after = vec![0u8; n];
    let mut c = 0u16;
    let mut ss = 0;
    for i in 0..n {
        chunk_of[i] = c;
        sub_start[i] = ss;
        if strong(&infos[i]) && i + 1 < n {
            c += 1;
            starts_of.push(i + 1);
            ss = i + 1;
        } else if infos[i].last == ',' || infos[i].last == ';' {
            ss = i + 1;
        }
    }
    starts_of.push(n);
    let mut y = 0u8;
    for i in (0..n).rev() {
        years_after[i] = y;
        if infos[i].flags & YEAR != 0 {
            y = y.saturating_add(1);
        }
    }
    let chunks = starts_of.len() - 1;
    let chunk_facts: Vec<(usize, usize, u8)> = (0..chunks)
        .map(|k| {
            let (a, b) = (starts_of[k], starts_of[k + 1]);
            let mut fl = 0u8;
            for w in &infos[a..b] {
                if w.flags & HAS_DIGIT != 0 {
                    fl |= 1;
                }
                if w.flags & YEAR != 0 {
                    fl |= 2;
                }
                if w.flags & URL != 0 {
                    fl |= 4;
                }
            }
            (a, b, fl)
        })
        .collect();
    let first_core = |k: usize| -> &[u8] {
        chunk_facts
            .get(k)
            .map_or(b"", |&(a, _, _)| words.core(a as isize).as_bytes())
    };
    for i in 0..n {
        out.starts.push(out.ids.len() as u32);
        let w = &infos[i];
        let ii = i as isize;
        let at = |d: isize| -> &Info { words.at(ii + d) };
        let (lower, core_w, shape_w) = (words.get(w.lower), words.get(w.core), words.get(w.shape));
        {
            let p = at(-1);
            let before = words.core(ii - 1);
            const BEFORE: u32 = YEAR | INITIAL | DIGITS | CLOSE | END_STOP | URL;
            const AFTER: u32 = CAP | LOWER | DIGITS | OPEN | YEAR | INITIAL;
            let mut kinds = [0u8; 8];
            kinds[..4].copy_from_slice(&(p.flags & BEFORE).to_le_bytes());
            kinds[4..].copy_from_slice(&(w.flags & AFTER).to_le_bytes());
            let mut b2 = [0u8; 4];
            let word_now = if w.flags & LOWER != 0 || core_w.len() <= 3 {
                core_w
            } else {
                shape_w
            };
            let word_before = if p.flags & LOWER != 0 || before.len() <= 3 {
                before
            } else {
                words.shape(ii - 1)
            };
            out.pairs.extend([
                hash2(
                    90,
                    char_bytes(p.last, &mut buf),
                    char_bytes(w.first, &mut b2),
                ),
                hash(91, &kinds),
                hash(92, word_before.as_bytes()),
                hash2(93, word_before.as_bytes(), word_now.as_bytes()),
                hash2(94, char_bytes(p.last, &mut buf), word_now.as_bytes()),
            ]);
        }
        let f = &mut out.ids;
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
        let rel = (i * 10 / n.max(1)) as u8;
        f.push(hash1_from(&H9, 9, rel));
        f.push(hash1_from(&H10, 10, i.min(6) as u8));
        f.push(hash1_from(&H11, 11, (n - 1 - i).min(6) as u8));
        for (t, d) in [(12u8, -2isize), (13, -1), (14, 1), (15, 2)] {
            f.push(hash(t, words.core(ii + d).as_bytes()));
        }
        for (t, d) in [(16u8, -1isize), (17, 1)] {
            f.push(hash(t, words.shape(ii + d).as_bytes()));
            f.push(hash(t + 20, &at(d).flags.to_le_bytes()));
        }
        f.push(hash(18, char_bytes(at(-1).last, &mut buf)));
        f.push(hash(19, char_bytes(at(1).first, &mut buf)));
        f.push(hash2(20, words.core(ii - 1).as_bytes(), core_w.as_bytes()));
        f.push(hash2(21, core_w.as_bytes(), words.core(ii + 1).as_bytes()));
        f.push(hash2(
            22,
            words.shape(ii - 1).as_bytes(),
            shape_w.as_bytes(),
        ));
        f.push(hash2(
            23,
            shape_w.as_bytes(),
            words.shape(ii + 1).as_bytes(),
        ));
        let state = [
            st.paren.min(2),
            st.quote as u8,
            st.years.min(2),
            st.stops.min(5),
            st.commas.min(8),
            st.seen_in as u8,
            st.seen_colon as u8,
        ];
        for (k, (v, table)) in state.iter().zip(&STATE).enumerate() {
            f.push(hash1_from(table, 24 + k as u8, *v));
        }
        f.push(hash2_from(&P31, 31, st.years.min(2), st.stops.min(5)));
        f.push(hash2(32, &[st.stops.min(5)], shape_w.as_bytes()));
        f.push(hash2(
            33,
            &[st.years.min(2), st.quote as u8],
            shape_w.as_bytes(),
        ));
        f.push(hash2_from(&P34, 34, rel, st.stops.min(5)));
        let k = chunk_of[i] as usize;
        let (ca, cb, cf) = chunk_facts[k];
        f.push(hash1_from(&H50, 50, (chunks - 1 - k).min(4) as u8));
        f.push(hash2_from(
            &P51,
            51,
            (i - ca).min(3) as u8,
            (cb - 1 - i).min(3) as u8,
        ));
        f.push(hash(52, first_core(k)));
        f.push(hash1_from(&H53, 53, bucket(cb - ca)));
        f.push(hash1_from(&H54, 54, cf));
        f.push(hash(55, first_core(k + 1)));
        f.push(hash(56, if k > 0 { first_core(k - 1) } else { b"^" }));
        f.push(hash1_from(&H57, 57, years_after[i].min(2)));
        f.push(hash(58, words.core(sub_start[i] as isize).as_bytes()));
        f.push(hash2_from(
            &P59,
            59,
            chunk_facts.get(k + 1).map_or(9, |c| c.2),
            bucket(chunks - 1 - k),
        ));
        let near = |j: usize| levels.get(j).copied().unwrap_or(0);
        let any = levels[i] | near(i.wrapping_sub(1)) | near(i + 1);
        for g in (0..GROUPS).filter(|g| (any >> (2 * g)) & 3 != 0) {
            let lv = (levels[i] >> (2 * g)) & 3;
            if lv > 0 {
                f.push(hash2_from(&P70, 70, g as u8, lv as u8));
            }
            for (t, table, d) in [(71u8, &P71, -1isize), (72, &P72, 1)] {
                let j = i as isize + d;
                if j >= 0 && (j as usize) < n {
                    let lv = (levels[j as usize] >> (2 * g)) & 3;
                    if lv >= 2 {
                        f.push(hash2_from(table, t, g as u8, lv as u8));
                    }
                }
            }
        }
        if levels[i] == 0 {
            f.push(hash2_from(
                &P73,
                73,
                (w.flags & CAP != 0) as u8,
                core_w.chars().nth(1).is_none() as u8,
            ));
        }
        // Update the state with this token.
        let text = tokens[i].text;
        for c in text.chars() {
            match c {
                '(' | '[' => st.paren = st.paren.saturating_add(1),
                ')' | ']' => st.paren = st.paren.saturating_sub(1),
                '“' | '«' | '„' => st.quote = true,
                '”' | '»' => st.quote = false,
                '"' => st.quote = !st.quote,
                _ => {}
            }
        }
        if w.flags & YEAR != 0 {
            st.years = st.years.saturating_add(1);
        }
        if w.flags & END_STOP != 0 || w.last == '?' || w.last == '!' {
            st.stops = st.stops.saturating_add(1);
        }
        if w.last == ',' {
            st.commas = st.commas.saturating_add(1);
        }
        if core_w == "in" && (w.flags & CAP != 0 || w.last == ':') {
            st.seen_in = true;
        }
        if w.last == ':' {
            st.seen_colon = true;
        }
    }
    out.starts.push(out.ids.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn every_token_has_features_and_the_same_input_gives_the_same_hashes() {
        let t = tokenize("Smith, J. (2001). A title. Journal, 12(3), 4–5.");
        let mut a = Features::default();
        let d = Dict::default();
        extract(&t, &d, &mut a);
        assert_eq!(a.len(), t.len());
        assert!((0..a.len()).all(|i| a.of(i).len() > 30));
        let mut b = Features::default();
        extract(&t, &d, &mut b);
        assert_eq!(a.ids, b.ids);
        assert_ne!(a.of(0), a.of(1));
    }
}
