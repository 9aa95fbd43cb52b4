//! The shapes that make a head an organisation even when its commas give it the shape
//! `Family, Given`: a word no name holds (`data/organisation-words.txt`), acronyms.

use super::hashing::FxHashSet;
use std::sync::OnceLock;

/// The organisation words, and for each first letter `a`–`z` a bit mask of the lengths
/// its words have: most name words are ruled out by the mask without hashing.
fn organisation_words() -> &'static (FxHashSet<&'static str>, [u32; 26]) {
    static SET: OnceLock<(FxHashSet<&'static str>, [u32; 26])> = OnceLock::new();
    SET.get_or_init(|| {
        let words: FxHashSet<&'static str> = include_str!("../../data/organisation-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut lengths = [0u32; 26];
        for w in &words {
            if let Some(i) = w.bytes().next().and_then(|b| b.checked_sub(b'a'))
                && let Some(mask) = lengths.get_mut(usize::from(i))
            {
                *mask |= 1 << w.len().min(31);
            }
        }
        (words, lengths)
    })
}

/// Whether `word` is one that names an organisation and no person
/// (`data/organisation-words.txt`: bureau, department, university, …).
pub(crate) fn is_organisation_word(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if !(2..=16).contains(&word.len()) {
        return false;
    }
    let (words, lengths) = organisation_words();
    if word.is_ascii() {
        let first = word.as_bytes()[0].to_ascii_lowercase();
        let possible = first
            .checked_sub(b'a')
            .and_then(|i| lengths.get(usize::from(i)))
            .is_some_and(|mask| mask & (1 << word.len()) != 0);
        if !possible {
            return false;
        }
        let mut buf = [0u8; 16];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|w| words.contains(w));
    }
    words.contains(word.to_lowercase().as_str())
}

/// Whether `word` is an acronym: two or more capital letters and nothing in lower
/// case (`DOT`, `FHWA`, `OST`); initials with stops (`A.D.`) are not.
pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '&' || c == '-')
}
