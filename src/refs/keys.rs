//! Citation keys: readable, stable and unique within a list.
//!
//! A key is the first author's family name or the outlet, the year and the first
//! significant word of the title, folded to ASCII (`vanwilgenburg2023attack`,
//! `shafaqnews2023factions`). Clashes take the next title word, then a letter.

use super::hashing::{FxHashMap, FxHashSet};
use super::record::Reference;
use std::borrow::Cow;
use std::fmt::Write as _;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "is",
    "are", "as", "its", "it", "us", "u",
];

/// `text` folded to ASCII (transliterated when it is not ASCII already).
fn ascii(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        text.into()
    } else {
        deunicode::deunicode(text).into()
    }
}

/// Appends `text` folded to ASCII letters and digits, lower case, to `out`.
fn push_folded(out: &mut String, text: &str) {
    out.extend(
        ascii(text)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase()),
    );
}

fn is_stop_word(word: &str) -> bool {
    word.len() <= 4 && STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// The first two significant words of a title (ASCII, any case), as byte ranges of
/// `ascii_title`; folded to lower case when they are appended to a key.
fn title_words(ascii_title: &str) -> [Option<&str>; 2] {
    let mut words = ascii_title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !is_stop_word(w));
    [words.next(), words.next()]
}

fn push_lower(out: &mut String, word: &str) {
    out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
}

/// Assigns a unique key to every reference, in list order.
pub fn assign(refs: &mut [Reference]) {
    let mut used: FxHashSet<String> = FxHashSet::default();
    used.reserve(refs.len());
    // Next letter suffix to try per clashing stem, so clashes cost O(1) each.
    let mut next_suffix: FxHashMap<String, u32> = FxHashMap::default();
    let mut key = String::new();
    for r in refs.iter_mut() {
        key.clear();
        if let Some(name) = r.lead_name() {
            push_folded(&mut key, name);
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
        let title = r.title.as_deref().map(ascii);
        let [first, second] = title.as_deref().map_or([None, None], title_words);
        if let Some(w) = first {
            push_lower(&mut key, w);
        }
        if let Some(w) = second
            && used.contains(key.as_str())
        {
            push_lower(&mut key, w);
        }
        if used.contains(key.as_str()) {
            let stem_len = key.len();
            let counter = match next_suffix.get_mut(key.as_str()) {
                Some(counter) => counter,
                None => next_suffix.entry(key.clone()).or_insert(0),
            };
            loop {
                key.truncate(stem_len);
                push_suffix(&mut key, *counter);
                *counter += 1;
                if !used.contains(key.as_str()) {
                    break;
                }
            }
        }
        used.insert(key.clone());
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
pub fn title_fingerprint_into(out: &mut String, title: &str) {
    out.clear();
    push_folded(out, title);
}

#[cfg(test)]
mod tests {
    use super::{push_suffix, suffix};

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
