//! Base forms for the WordNet table: the exception lists and WordNet's detachment rules
//! ("morphy"), checked against the table's lemmas, and closed compounds WordNet lacks
//! ("airstrikes" = "air" + "strikes"). Words are looked up in stack buffers, so nothing
//! here allocates for lower-case ASCII words of up to [`BUF`] bytes.

use super::Synonyms;

/// The longest word looked up without allocating; WordNet's longest single words and
/// two-word verbs are shorter.
pub(super) const BUF: usize = 64;

/// The shortest last word of a closed compound ("air" + "strike").
const MIN_HEAD: usize = 4;

/// WordNet's detachment rules for nouns, verbs and adjectives, as (suffix, replacement);
/// the first that yields a known lemma wins.
const DETACH: &[(&str, &str)] = &[
    ("ies", "y"),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("s", ""),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("est", ""),
    ("est", "e"),
    ("er", ""),
    ("er", "e"),
];

/// The readings of one lower-case word: the lemma [`Synonyms::lemma`] returns, and a
/// second one when the word is a lemma in its own right and also an inflected form
/// ("said": the adjective, and "say"; the table lists these with the exceptions). Two
/// hash lookups for a known word; for an inflected one, one per rule its ending fits.
pub(super) fn readings(wn: &Synonyms, lower: &str) -> [Option<&'static str>; 2] {
    match wn.words.get_key_value(lower) {
        Some((&known, _)) => [Some(known), wn.exceptions.get(lower).copied()],
        None => [inflected(wn, lower), None],
    }
}

/// The base of an inflected word or phrase whose first word inflects ("steps up"), in
/// the table's own spelling.
fn inflected(wn: &Synonyms, lower: &str) -> Option<&'static str> {
    let (head, tail) = lower.split_once(' ').unwrap_or((lower, ""));
    let known = |stem: &str, ending: &str| -> Option<&'static str> {
        let mut buf = [0u8; BUF];
        let space = if tail.is_empty() { "" } else { " " };
        let candidate = join(&mut buf, &[stem, ending, space, tail])?;
        wn.words.get_key_value(candidate).map(|(&k, _)| k)
    };
    if let Some(&base) = wn.exceptions.get(head)
        && let Some(found) = known(base, "")
    {
        return Some(found);
    }
    DETACH.iter().find_map(|&(suffix, ending)| {
        let stem = head.strip_suffix(suffix).filter(|s| s.len() >= 2)?;
        known(stem, ending).or_else(|| {
            // "shipped", "stopping": a doubled final consonant before -ed or -ing.
            let b = stem.as_bytes();
            let doubled = ending.is_empty()
                && matches!(suffix, "ed" | "ing")
                && b.len() >= 3
                && b[b.len() - 1] == b[b.len() - 2]
                && !b"aeiouy".contains(&b[b.len() - 1]);
            doubled
                .then(|| known(&stem[..stem.len() - 1], ""))
                .flatten()
        })
    })
}

/// Whether `word`, which WordNet does not know, is a closed compound of a known word of
/// three or more letters and a word whose base is `head` ("airstrikes", "strike").
pub(super) fn compound_of(wn: &Synonyms, word: &str, head: &str) -> bool {
    if wn.words.contains_key(word) || head.len() < MIN_HEAD || head.contains(' ') {
        return false;
    }
    (3..word.len().saturating_sub(MIN_HEAD - 1)).any(|i| {
        let Some((prefix, rest)) = word.split_at_checked(i) else {
            return false;
        };
        let prefix = prefix.strip_suffix('-').unwrap_or(prefix);
        rest.starts_with(&head[..2])
            && wn.words.contains_key(prefix)
            && readings(wn, rest).contains(&Some(head))
    })
}

/// `word` lower-cased into `buf` when it is ASCII and fits; `None` otherwise.
pub(super) fn lower_ascii<'b>(word: &str, buf: &'b mut [u8; BUF]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if !word.is_ascii() || bytes.len() > BUF {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// The concatenation of `parts` in `buf`, or `None` if it does not fit.
fn join<'b>(buf: &'b mut [u8; BUF], parts: &[&str]) -> Option<&'b str> {
    let mut len = 0;
    for part in parts {
        let end = len + part.len();
        buf.get_mut(len..end)?.copy_from_slice(part.as_bytes());
        len = end;
    }
    std::str::from_utf8(&buf[..len]).ok()
}
