//! Citation keys: readable, stable and unique within a list.
//!
//! A key is the first author's family name or the outlet, the year and the first
//! significant word of the title, folded to ASCII (`vanwilgenburg2023attack`,
//! `shafaqnews2023factions`). Clashes take the next title word, then a letter.

use super::record::Reference;
use std::collections::HashSet;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "is",
    "are", "as", "its", "it", "us", "u",
];

fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn title_words(title: &str) -> Vec<String> {
    deunicode::deunicode(title)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// Assigns a unique key to every reference, in list order.
pub fn assign(refs: &mut [Reference]) {
    let mut used: HashSet<String> = HashSet::new();
    for r in refs.iter_mut() {
        let who = r.lead_name().map(fold).filter(|s| !s.is_empty());
        let who = who.unwrap_or_else(|| "anon".to_string());
        let year = r.date.map_or("nd".to_string(), |d| d.year.to_string());
        let words = r.title.as_deref().map(title_words).unwrap_or_default();
        let base = format!("{who}{year}");
        let mut key = match words.first() {
            Some(w) => format!("{base}{w}"),
            None => base.clone(),
        };
        if used.contains(&key) && words.len() > 1 {
            key = format!("{base}{}{}", words[0], words[1]);
        }
        if used.contains(&key) {
            let stem = key.clone();
            key = (b'a'..=b'z')
                .map(|c| format!("{stem}{}", c as char))
                .find(|k| !used.contains(k))
                .unwrap_or_else(|| format!("{stem}-{}", r.index));
        }
        used.insert(key.clone());
        r.key = key;
    }
}

/// A title reduced for comparison: ASCII letters and digits, lower case.
pub fn title_fingerprint(title: &str) -> String {
    fold(title)
}
