//! White space folding for the text kept in records: runs of white space (newlines
//! and no-break spaces too) become one space, and text that is folded already is
//! recognised eight bytes at a time and borrowed, not copied.

use std::borrow::Cow;

/// Collapses runs of white space (newlines and no-break spaces too) into one space.
pub(crate) fn fold_ws(text: &str) -> String {
    fold_ws_borrowed(text).into_owned()
}

/// [`fold_ws`] that borrows `text` when it is folded already.
pub(crate) fn fold_ws_borrowed(text: &str) -> Cow<'_, str> {
    if is_folded(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether `text` is already folded: no white space at either end, none but single
/// plain spaces inside. Eight bytes at a time while they are ASCII without control
/// characters; only the lead bytes of the few multi-byte white space characters are
/// decoded.
pub(crate) fn is_folded(text: &str) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const LOWS: u64 = u64::from_le_bytes([0x7f; 8]);
    let bytes = text.as_bytes();
    let mut after_space = true; // a space at the start is not folded either
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
            if control == 0 && word & HIGHS == 0 {
                // The high bit of each byte that is a space.
                let z = word ^ (ONES * 0x20);
                let spaces = !(((z & LOWS) + LOWS) | z | LOWS);
                let doubled = spaces & (spaces << 8) != 0;
                if doubled || (after_space && spaces & 0x80 != 0) {
                    return false;
                }
                after_space = spaces >> 63 != 0;
                i += 8;
                continue;
            }
        }
        match bytes[i] {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            // U+0085, U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3).
            0xc2 | 0xe1 | 0xe2 | 0xe3
                if text[i..].chars().next().is_some_and(char::is_whitespace) =>
            {
                return false;
            }
            _ => after_space = false,
        }
        i += 1;
    }
    !after_space || bytes.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_agrees_with_splitting_at_white_space() {
        let samples = [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "Knights, Michael, “Tracking,” The Washington Institute, 11/21    /23",
            "eight by eight chars!!",
            "abcdefgh\tbcdefgh",
            "abcdefghabcdefgh\u{a0}x",
            "Iraq’s ‘red line’ warning … 11/9/23",
            "x\u{2009}y\u{3000}z\u{1680}",
            "Ünïcödé wörds, é",
            "abcdefg abcdefgh  ",
            "abcdefg  bcdefgh",
            "abcdefg bcdefgh ",
            "abcdefgh bcdefgh",
            "abcdefg  ",
            "a b c d e f g h i j",
            "a b c d e f g h i  j",
            " bcdefgh",
            "abcdefg\u{1}",
            "abcdefg\u{7f}hij",
        ];
        // And a few thousand pseudo-random strings over a small alphabet.
        let alphabet = [
            'a', 'b', ' ', ' ', '\n', '\t', 'é', '\u{a0}', '”', '\u{2009}', '.',
        ];
        let mut state = 7_u64;
        let random: Vec<String> = (0..4000)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let len = (state >> 58) as usize;
                (0..len)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1);
                        // Half the strings are plain ASCII words and spaces.
                        let pick = (state >> 33) as usize;
                        let from = if len.is_multiple_of(2) {
                            4
                        } else {
                            alphabet.len()
                        };
                        alphabet[pick % from]
                    })
                    .collect()
            })
            .collect();
        for text in samples
            .iter()
            .copied()
            .chain(random.iter().map(String::as_str))
        {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold_ws(text), expected, "{text:?}");
            assert_eq!(is_folded(text), expected == text, "{text:?}");
        }
    }
}
