//! The quotation marks that open and close an entry's title, found by their bytes.
//!
//! Every entry and every line of a long list is searched for them, so the search looks
//! at bytes, not characters: `"` is one byte, and the other marks are two or three
//! bytes whose lead or last byte is rare in text (`«` `»` are `C2 AB`/`C2 BB`, `“` `”`
//! `„` are `E2 80 9C`/`9D`/`9E`). UTF-8 never puts a lead byte inside a character, so
//! a match found this way is always that whole character.

/// The marks that open a title.
pub const OPEN_QUOTES: &[char] = &['“', '"', '«', '„'];
/// The marks that close a title (what `rfind_close` finds by bytes, kept as the
/// reference its test compares with).
#[cfg(test)]
pub const CLOSE_QUOTES: &[char] = &['”', '"', '»', '“'];

/// Byte offset of the first opening quote in `text`.
pub fn find_open(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = memchr::memchr3(b'"', 0xe2, 0xc2, &bytes[from..]) {
        let at = from + found;
        match bytes[at] {
            b'"' => return Some(at),
            0xe2 if bytes[at + 1..].starts_with(&[0x80, 0x9c])
                || bytes[at + 1..].starts_with(&[0x80, 0x9e]) =>
            {
                return Some(at);
            }
            0xc2 if bytes.get(at + 1) == Some(&0xab) => return Some(at),
            _ => from = at + 1,
        }
    }
    None
}

/// Byte offset and length of the last closing quote in `text`. The search is for `"`,
/// for the middle byte `80` of `“` and `”`, and for the lead byte `C2` of `»`: each
/// stands in the same order as the marks it belongs to.
pub fn rfind_close(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(at) = memchr::memrchr3(b'"', 0x80, 0xc2, &bytes[..end]) {
        match bytes[at] {
            b'"' => return Some((at, 1)),
            0x80 if at >= 1
                && bytes[at - 1] == 0xe2
                && matches!(bytes.get(at + 1), Some(0x9c | 0x9d)) =>
            {
                return Some((at - 1, 3));
            }
            0xc2 if bytes.get(at + 1) == Some(&0xbb) => return Some((at, 2)),
            _ => end = at,
        }
    }
    None
}

/// Whether `text` holds a closing quote.
pub fn has_close(text: &str) -> bool {
    rfind_close(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_find_what_characters_find() {
        let pieces = [
            "a", " ", "“", "”", "\"", "«", "»", "„", "‘", "’", "é", "€", "—", "‚", "«x", "\u{a0}",
            "Ā", "\u{201f}",
        ];
        let mut state = 3_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state >> 61) + 1 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            assert_eq!(
                find_open(&text),
                text.find(|c| OPEN_QUOTES.contains(&c)),
                "{text:?}"
            );
            let close = text
                .char_indices()
                .rev()
                .find(|(_, c)| CLOSE_QUOTES.contains(c))
                .map(|(at, c)| (at, c.len_utf8()));
            assert_eq!(rfind_close(&text), close, "{text:?}");
        }
    }
}
