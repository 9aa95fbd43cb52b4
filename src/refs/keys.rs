//! Citation keys: readable, stable and unique within a list.
//!
//! A key is the first author's family name or the outlet, the year and the first
//! significant word of the title, folded to ASCII (`vanwilgenburg2023attack`,
//! `shafaqnews2023factions`). Clashes take the next title word, then a letter.

use super::hashing::{FxHashMap, FxHashSet, InlineBytes};
use super::record::Reference;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "is",
    "are", "as", "its", "it", "us", "u",
];

/// Calls `each` with every character of `text` transliterated to ASCII, one character
/// at a time (what `deunicode` gives, but for the spaces it trims at the end of a
/// transliteration, which only ever separate words), until `each` returns `false`.
fn for_each_ascii(text: &str, mut each: impl FnMut(u8) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if !each(b) {
                return;
            }
            i += 1;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        for b in deunicode::deunicode_char(c).unwrap_or("[?]").bytes() {
            if !each(b) {
                return;
            }
        }
        i += c.len_utf8();
    }
}

/// For each ASCII byte: the byte in lower case when it is a letter or digit, else 0.
const FOLDED: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Appends `text` folded to ASCII letters and digits, lower case, to `out`.
///
/// One pass: room for the rest of the text is made first, every ASCII byte is
/// written through [`FOLDED`] and the end moves on past letters and digits only (no
/// branch on what the byte is), eight bytes a step while they are all ASCII; other
/// characters are transliterated one by one.
fn push_folded(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut n = out.len();
    out.resize(n + bytes.len(), 0);
    let mut i = 0;
    loop {
        // `n` stays below `i` plus where the room for the rest starts, so the eight
        // bytes from `n` are in `out` whenever eight bytes from `i` are in `bytes`.
        while let (Some(chunk), Some(dst)) = (bytes.get(i..i + 8), out.get_mut(n..n + 8)) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if word & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            let mut m = 0;
            for &b in chunk {
                let folded = FOLDED[usize::from(b)];
                // `m` counts the bytes kept so far, at most seven before the last.
                dst[m & 7] = folded;
                m += usize::from(folded != 0);
            }
            n += m;
            i += 8;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b.is_ascii() {
            let folded = FOLDED[usize::from(b)];
            if let Some(slot) = out.get_mut(n) {
                *slot = folded;
            }
            n += usize::from(folded != 0);
            i += 1;
            continue;
        }
        out.truncate(n);
        let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        for b in deunicode::deunicode_char(c).unwrap_or("[?]").bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase());
            }
        }
        i += c.len_utf8();
        n = out.len();
        out.resize(n + (bytes.len() - i), 0);
    }
    out.truncate(n);
}

fn is_stop_word(word: &[u8]) -> bool {
    word.len() <= 4 && STOP_WORDS.iter().any(|w| w.as_bytes() == word)
}

/// Writes the first two significant words of a title, folded to ASCII and lower case,
/// into `words` (cleared first; a word left empty was not found).
fn title_words(title: &str, words: &mut [Vec<u8>; 2]) {
    words[0].clear();
    words[1].clear();
    let mut found = 0;
    let end_word = |words: &mut [Vec<u8>; 2], found: &mut usize| {
        if *found < 2 && !words[*found].is_empty() {
            if is_stop_word(&words[*found]) {
                words[*found].clear();
            } else {
                *found += 1;
            }
        }
    };
    // The rest of the title is not read once two words are found.
    for_each_ascii(title, |b| {
        if b.is_ascii_alphanumeric() {
            words[found].push(b.to_ascii_lowercase());
        } else {
            end_word(words, &mut found);
        }
        found < 2
    });
    end_word(words, &mut found);
}

/// How many bytes of a key the tables of [`assign`] hold in place.
const KEY_INLINE: usize = 38;

/// What a reference's key is made of, taken while the reference is at hand: the
/// name and year with the first title word (`short`), and with the second word too.
#[derive(Debug, Clone)]
pub struct KeyStem {
    text: InlineBytes<STEM_INLINE>,
    short: usize,
}

/// How many bytes of a stem are held in place.
const STEM_INLINE: usize = 54;

/// Scratch buffers for [`KeyStem::of`], reused from one reference to the next.
#[derive(Debug, Default)]
pub struct StemBuffers {
    bytes: Vec<u8>,
    words: [Vec<u8>; 2],
}

impl KeyStem {
    /// The stem of `r`'s key: first author's family name or the outlet (else `anon`),
    /// the year (else `nd`), then the first two significant title words.
    pub fn of(r: &Reference, buffers: &mut StemBuffers) -> KeyStem {
        let bytes = &mut buffers.bytes;
        bytes.clear();
        if let Some(name) = r.lead_name() {
            push_folded(bytes, name);
        }
        if bytes.is_empty() {
            bytes.extend_from_slice(b"anon");
        }
        match r.date {
            Some(d) if (0..=9999).contains(&d.year) => push_year(bytes, d.year as u16),
            Some(d) => bytes.extend_from_slice(d.year.to_string().as_bytes()),
            None => bytes.extend_from_slice(b"nd"),
        }
        let words = &mut buffers.words;
        match r.title.as_deref() {
            Some(title) => title_words(title, words),
            None => words.iter_mut().for_each(Vec::clear),
        }
        bytes.extend_from_slice(&words[0]);
        let short = bytes.len();
        bytes.extend_from_slice(&words[1]);
        KeyStem {
            text: InlineBytes::new(bytes),
            short,
        }
    }
}

/// Appends a year below 10,000 in decimal, as `to_string` writes it (no leading zeros).
fn push_year(out: &mut Vec<u8>, year: u16) {
    let digits = [year / 1000, year / 100 % 10, year / 10 % 10, year % 10].map(|d| b'0' + d as u8);
    let width = match year {
        1000.. => 4,
        100.. => 3,
        10.. => 2,
        _ => 1,
    };
    out.extend_from_slice(&digits[4 - width..]);
}

/// Assigns a unique key to every reference, in list order; `stems[i]` is the
/// [`KeyStem`] of `refs[i]`.
pub fn assign(refs: &mut [Reference], stems: &[KeyStem]) {
    let mut keys = Keys::with_capacity(refs.len());
    for (r, stem) in refs.iter_mut().zip(stems) {
        r.key = keys.next(stem);
    }
}

/// Hands out keys one record at a time, in list order: a key depends only on the
/// stems of the records before it, so a list can be keyed while it is streamed.
#[derive(Debug, Default)]
pub struct Keys {
    // Keys are short: kept inside the tables, a lookup touches one place in memory.
    used: FxHashSet<InlineBytes<KEY_INLINE>>,
    // Next letter suffix to try per clashing stem, so clashes cost O(1) each.
    next_suffix: FxHashMap<InlineBytes<KEY_INLINE>, u32>,
    key: Vec<u8>,
}

impl Keys {
    /// Room for `n` keys.
    pub fn with_capacity(n: usize) -> Keys {
        let mut keys = Keys::default();
        keys.used.reserve(n);
        keys
    }

    /// The key of the next record, whose stem is `stem`: unique among the keys handed
    /// out so far.
    pub fn next(&mut self, stem: &KeyStem) -> String {
        let (used, key) = (&mut self.used, &mut self.key);
        let text = stem.text.as_slice();
        key.clear();
        key.extend_from_slice(&text[..stem.short]);
        // Only when there is a second word.
        if text.len() > stem.short && used.contains(key.as_slice()) {
            key.extend_from_slice(&text[stem.short..]);
        }
        // Taken when free (one lookup); else the next free letter suffix.
        if !used.insert(InlineBytes::new(key)) {
            let stem_len = key.len();
            let counter = match self.next_suffix.get_mut(key.as_slice()) {
                Some(counter) => counter,
                None => self.next_suffix.entry(InlineBytes::new(key)).or_insert(0),
            };
            loop {
                key.truncate(stem_len);
                push_suffix(key, *counter);
                *counter += 1;
                if used.insert(InlineBytes::new(key)) {
                    break;
                }
            }
        }
        // Keys are ASCII letters and digits.
        std::str::from_utf8(key).map_or_else(|_| String::from_utf8_lossy(key).into_owned(), str::to_owned)
    }
}

/// Appends the letter suffix for the n-th clash (see `suffix`).
fn push_suffix(out: &mut Vec<u8>, n: u32) {
    let mut letters = [0u8; 8];
    let mut len = 0;
    let mut n = n;
    loop {
        letters[len] = b'a' + (n % 26) as u8;
        len += 1;
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.extend(letters[..len].iter().rev());
}

#[cfg(test)]
/// `a`..`z`, then `aa`, `ab`, ...: a letter suffix for the n-th clash.
fn suffix(mut n: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A title reduced for comparison: ASCII letters and digits, lower case, written
/// into `out` (cleared first).
pub fn title_fingerprint_into(out: &mut Vec<u8>, title: &str) {
    out.clear();
    push_folded(out, title);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first two significant words as the first version found them: the whole
    /// title through `deunicode`, split, lower-cased, stop words dropped.
    fn words_through_deunicode(title: &str) -> Vec<String> {
        deunicode::deunicode(title)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .map(str::to_ascii_lowercase)
            .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
            .take(2)
            .collect()
    }

    #[test]
    fn transliteration_char_by_char_agrees_with_deunicode() {
        let titles = [
            "",
            "The",
            "The of",
            "Iraq’s ‘red line’ warning",
            "Sudani has a last chance … mediation",
            "北京 announces 中国 talks",
            "Ærø and Øresund: the Straße",
            "A  the  US-Iraqi patrol",
            "Ünïcödé ‘quoted’…end",
            "الأمن العراقي",
            "🙂 emoji first, then words",
            "Pentagon: 38 Attacks Target US Forces in Iraq, Syria,",
            "Twelve bytes ’and then eight more’ ASCII—and a dash at byte 40 é",
            "abcdefg’abcdefgh’abcdefghi’ ABCDEFGH,.;:!?  12345678",
        ];
        let mut words = [Vec::new(), Vec::new()];
        for title in titles {
            title_words(title, &mut words);
            let found: Vec<String> = words
                .iter()
                .filter(|w| !w.is_empty())
                .map(|w| String::from_utf8(w.clone()).unwrap())
                .collect();
            assert_eq!(found, words_through_deunicode(title), "{title}");
            let mut folded = Vec::new();
            push_folded(&mut folded, title);
            let expected: String = deunicode::deunicode(title)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            assert_eq!(folded, expected.as_bytes(), "{title}");
        }
    }

    #[test]
    fn years_as_to_string_writes_them() {
        for year in [0, 7, 10, 99, 100, 999, 1000, 1912, 2023, 9999] {
            let mut out = Vec::new();
            push_year(&mut out, year);
            assert_eq!(out, year.to_string().as_bytes());
        }
    }

    #[test]
    fn white_space_leaves_no_trace_in_a_fingerprint() {
        // So the title's white space need not be folded before it is fingerprinted.
        let spaces = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace());
        let mut n = 0;
        for c in spaces {
            let mut folded = Vec::new();
            push_folded(&mut folded, &format!("a{c}b"));
            assert_eq!(folded, b"ab", "{c:?}");
            n += 1;
        }
        assert!(n > 20);
    }

    #[test]
    fn suffixes_run_past_z() {
        for n in [0, 1, 25, 26, 27, 701, 702, 18_277, 18_278, u32::MAX] {
            let mut pushed = Vec::new();
            push_suffix(&mut pushed, n);
            assert_eq!(pushed, suffix(n).as_bytes(), "{n}");
        }
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(suffix(27), "ab");
    }
}
