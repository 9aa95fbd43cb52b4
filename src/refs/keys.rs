//! Citation keys: readable, stable and unique within a list.
//!
//! A key is the first author's family name or the outlet, the year and the first
//! significant word of the title, folded to ASCII (`vanwilgenburg2023attack`,
//! `shafaqnews2023factions`). Clashes take the next title word, then a letter.

use super::record::Reference;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "is",
    "are", "as", "its", "it", "us", "u",
];

fn fold(text: &str) -> String {
    let ascii: std::borrow::Cow<'_, str> = if text.is_ascii() {
        text.into()
    } else {
        deunicode::deunicode(text).into()
    };
    ascii
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The first two significant words of a title, folded to ASCII.
fn title_words(title: &str) -> Vec<String> {
    let ascii: std::borrow::Cow<'_, str> = if title.is_ascii() {
        title.into()
    } else {
        deunicode::deunicode(title).into()
    };
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .take(2)
        .collect()
}

/// Assigns a unique key to every reference, in list order.
pub fn assign(refs: &mut [Reference]) {
    let mut used: HashSet<String> = HashSet::with_capacity(refs.len());
    // Next letter suffix to try per clashing stem, so clashes cost O(1) each.
    let mut next_suffix: HashMap<String, u32> = HashMap::new();
    for r in refs.iter_mut() {
        let mut base = r.lead_name().map(fold).unwrap_or_default();
        if base.is_empty() {
            base.push_str("anon");
        }
        match r.date {
            Some(d) => {
                let _ = write!(base, "{}", d.year);
            }
            None => base.push_str("nd"),
        }
        let words = r.title.as_deref().map(title_words).unwrap_or_default();
        let mut key = base.clone();
        if let Some(w) = words.first() {
            key.push_str(w);
        }
        if used.contains(&key) && words.len() > 1 {
            key = format!("{base}{}{}", words[0], words[1]);
        }
        if used.contains(&key) {
            let counter = next_suffix.entry(key.clone()).or_insert(0);
            key = loop {
                let candidate = format!("{key}{}", suffix(*counter));
                *counter += 1;
                if !used.contains(&candidate) {
                    break candidate;
                }
            };
        }
        used.insert(key.clone());
        r.key = key;
    }
}

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

/// A title reduced for comparison: ASCII letters and digits, lower case.
pub fn title_fingerprint(title: &str) -> String {
    fold(title)
}

#[cfg(test)]
mod tests {
    use super::suffix;

    #[test]
    fn suffixes_run_past_z() {
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(suffix(27), "ab");
    }
}
