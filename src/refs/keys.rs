//! Citation keys: readable, stable and unique within a list.
//!
//! A key is the first author's family name or the outlet, the year and the first
//! significant word of the title, folded to ASCII (`vanwilgenburg2023attack`,
//! `shafaqnews2023factions`). Clashes take the next title word, then a letter.

use super::hashing::{FxHashMap, FxHashSet, InlineBytes};
use super::record::Reference;
use std::fmt::Write as _;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "is",
    "are", "as", "its", "it", "us", "u",
];

/// Calls `each` with every character of `text` transliterated to ASCII, one character
/// at a time (what `deunicode` gives, but for the spaces it trims at the end of a
/// transliteration, which only ever separate words).
fn for_each_ascii(text: &str, mut each: impl FnMut(u8)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            each(b);
            i += 1;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        deunicode::deunicode_char(c)
            .unwrap_or("[?]")
            .bytes()
            .for_each(&mut each);
        i += c.len_utf8();
    }
}

/// Appends `text` folded to ASCII letters and digits, lower case, to `out`.
fn push_folded(out: &mut Vec<u8>, text: &str) {
    for_each_ascii(text, |b| {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase());
        }
    });
}

fn is_stop_word(word: &str) -> bool {
    word.len() <= 4 && STOP_WORDS.contains(&word)
}

/// Writes the first two significant words of a title, folded to ASCII and lower case,
/// into `words` (cleared first; a word left empty was not found).
fn title_words(title: &str, words: &mut [String; 2]) {
    words[0].clear();
    words[1].clear();
    let mut found = 0;
    let end_word = |words: &mut [String; 2], found: &mut usize| {
        if *found < 2 && !words[*found].is_empty() {
            if is_stop_word(&words[*found]) {
                words[*found].clear();
            } else {
                *found += 1;
            }
        }
    };
    for_each_ascii(title, |b| {
        if found == 2 {
            return;
        }
        if b.is_ascii_alphanumeric() {
            words[found].push(char::from(b.to_ascii_lowercase()));
        } else {
            end_word(words, &mut found);
        }
    });
    end_word(words, &mut found);
}

/// How many bytes of a key the tables of [`assign`] hold in place.
const KEY_INLINE: usize = 38;

/// Assigns a unique key to every reference, in list order.
pub fn assign(refs: &mut [Reference]) {
    // Keys are short: kept inside the tables, a lookup touches one place in memory.
    let mut used: FxHashSet<InlineBytes<KEY_INLINE>> = FxHashSet::default();
    used.reserve(refs.len());
    // Next letter suffix to try per clashing stem, so clashes cost O(1) each.
    let mut next_suffix: FxHashMap<InlineBytes<KEY_INLINE>, u32> = FxHashMap::default();
    let mut key = String::new();
    let mut words = [String::new(), String::new()];
    for r in refs.iter_mut() {
        key.clear();
        if let Some(name) = r.lead_name() {
            let mut bytes = std::mem::take(&mut key).into_bytes();
            push_folded(&mut bytes, name);
            // Only ASCII letters and digits were added.
            key = String::from_utf8(bytes).unwrap_or_default();
        }
        if key.is_empty() {
            key.push_str("anon");
        }
        match r.date {
            Some(d) => {
                let _ = write!(key, "{}", d.year);
            }
            None => key.push_str("nd"),
        }
        match r.title.as_deref() {
            Some(title) => title_words(title, &mut words),
            None => words.iter_mut().for_each(String::clear),
        }
        key.push_str(&words[0]);
        if !words[1].is_empty() && used.contains(key.as_bytes()) {
            key.push_str(&words[1]);
        }
        if used.contains(key.as_bytes()) {
            let stem_len = key.len();
            let counter = match next_suffix.get_mut(key.as_bytes()) {
                Some(counter) => counter,
                None => next_suffix
                    .entry(InlineBytes::new(key.as_bytes()))
                    .or_insert(0),
            };
            loop {
                key.truncate(stem_len);
                push_suffix(&mut key, *counter);
                *counter += 1;
                if !used.contains(key.as_bytes()) {
                    break;
                }
            }
        }
        used.insert(InlineBytes::new(key.as_bytes()));
        r.key.clone_from(&key);
    }
}

/// Appends the letter suffix for the n-th clash (see [`suffix`]).
fn push_suffix(out: &mut String, n: u32) {
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
    out.extend(letters[..len].iter().rev().map(|&b| char::from(b)));
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
        ];
        let mut words = [String::new(), String::new()];
        for title in titles {
            title_words(title, &mut words);
            let found: Vec<String> = words.iter().filter(|w| !w.is_empty()).cloned().collect();
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
    fn suffixes_run_past_z() {
        for n in [0, 1, 25, 26, 27, 701, 702, 18_277, 18_278, u32::MAX] {
            let mut pushed = String::new();
            push_suffix(&mut pushed, n);
            assert_eq!(pushed, suffix(n), "{n}");
        }
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(suffix(27), "ab");
    }
}
