//! Tokens of a reference string: its white-space separated words, with byte spans and
//! the per-word facts the features read.

use std::ops::Range;

/// One word of a reference string.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'s> {
    /// The word as written.
    pub text: &'s str,
    /// Its bytes in the string.
    pub span: Range<usize>,
}

/// The white-space separated words of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Token {
                    text: &text[s..i],
                    span: s..i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            span: s..text.len(),
        });
    }
    out
}

/// Whether `c` is punctuation or a symbol that may wrap a word (quotes, brackets, …).
pub fn is_wrap(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The word without leading and trailing punctuation.
pub fn core(word: &str) -> &str {
    word.trim_matches(is_wrap)
}

/// Whether the word holds a plausible year (1500–2099) as a run of exactly four digits.
pub fn has_year(word: &str) -> bool {
    let b = word.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - s == 4 {
                let y = (b[s] - b'0') as u32 * 1000 + (b[s + 1] - b'0') as u32 * 100;
                if (1500..2100).contains(&y) {
                    return true;
                }
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Whether the word is an initial such as `J.`, `J.-P.`, `JJ` or `A.B.`.
pub fn is_initials(word: &str) -> bool {
    let w = word.trim_end_matches([',', ';']);
    // At most six characters: a longer word is ruled out before any is looked at.
    if w.is_empty() || w.len() > 24 || w.chars().nth(6).is_some() {
        return false;
    }
    let mut letters = 0;
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    if letters == 0 || letters > 3 {
        return false;
    }
    w.contains('.') || w.chars().all(char::is_alphabetic)
}

/// The word's shape: upper `A`, lower `a`, digit `0`, other characters as they are, runs
/// of one class collapsed (`Smith,` → `Aa,`; `1999).` → `0).`).
pub fn shape(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        let mut last = 0u8;
        for b in word.bytes() {
            let k = match b {
                b'A'..=b'Z' => b'A',
                b'a'..=b'z' => b'a',
                b'0'..=b'9' => b'0',
                _ => b,
            };
            if k != last || !matches!(k, b'A' | b'a' | b'0') {
                out.push(char::from(k));
            }
            last = k;
        }
        return;
    }
    let mut last = '\0';
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'A'
        } else if c.is_alphabetic() {
            'a'
        } else if c.is_ascii_digit() {
            '0'
        } else {
            c
        };
        if k != last || !matches!(k, 'A' | 'a' | '0') {
            out.push(k);
        }
        last = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_spans() {
        let t = tokenize("  Smith, J.  (2001).\tTitle ");
        let words: Vec<_> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Smith,", "J.", "(2001).", "Title"]);
        assert_eq!(t[1].span, 9..11);
    }

    #[test]
    fn facts() {
        assert!(has_year("(2001)."));
        assert!(!has_year("12001"));
        assert!(!has_year("1212"));
        assert!(is_initials("J."));
        assert!(is_initials("JJ,"));
        assert!(is_initials("J.-P."));
        assert!(!is_initials("John"));
        assert_eq!(core("“Title,”"), "Title");
        let mut s = String::new();
        shape("Smith,", &mut s);
        assert_eq!(s, "Aa,");
        shape("1477-81.", &mut s);
        assert_eq!(s, "0-0.");
    }
}
