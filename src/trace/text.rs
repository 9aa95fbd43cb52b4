//! Word-level tools shared by every signal: tokens with byte offsets, stop words, a
//! light suffix stemmer, and the transliteration key that lets Erbil meet Irbil.
//!
//! Nothing here knows about claims or references; it only turns text into tokens.

use super::fxhash::FxSet;
use std::sync::LazyLock;

/// One word of a text, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The word as written (apostrophe-s and edge punctuation removed).
    pub text: String,
    /// Lower-case ASCII form.
    pub lower: String,
    /// Byte offset of the word in the text it came from.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Whether it starts with a capital letter.
    pub capital: bool,
    /// Whether a sentence or clause boundary (`,` `;` `:` or start) comes right before.
    pub after_break: bool,
}

/// Splits text into word tokens. Hyphenated words stay whole (`pro-Iran`, `AC-130`),
/// a trailing possessive `'s` is dropped, and `U.S.` keeps its dots.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut after_break = true;
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if is_word_char(c) {
            let start = i;
            let mut end = i;
            while let Some(&(j, d)) = chars.peek() {
                let inner = matches!(d, '-' | '\'' | '\u{2019}' | '.' | '=' | '/');
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else if inner {
                    // Keep an inner joiner only when a word character follows it.
                    let rest = &text[j + d.len_utf8()..];
                    let next = rest.chars().next();
                    if next.is_some_and(is_word_char) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else if d == '.' && is_dotted_abbrev(&text[start..j + 1]) {
                        end = j + 1;
                        chars.next();
                        break;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let mut word = &text[start..end];
            for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
                if let Some(w) = word.strip_suffix(suffix)
                    && !w.is_empty()
                {
                    word = w;
                    break;
                }
            }
            if word.ends_with('.') && !is_dotted_abbrev(word) {
                word = &word[..word.len() - 1];
            }
            let lower = fold(word);
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            out.push(Token {
                text: word.to_string(),
                lower,
                start,
                end: start + word.len(),
                capital,
                after_break,
            });
            after_break = false;
        } else {
            if matches!(
                c,
                '.' | '!' | '?' | ',' | ';' | ':' | '(' | ')' | '"' | '\u{201c}' | '\u{201d}'
            ) {
                after_break = true;
            }
            chars.next();
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// `U.S.`, `U.N.`: single letters joined by dots.
fn is_dotted_abbrev(word: &str) -> bool {
    let parts: Vec<&str> = word.trim_end_matches('.').split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| p.chars().count() == 1)
}

/// Lower-case ASCII folding (accents dropped, curly quotes straightened).
pub fn fold(word: &str) -> String {
    // deunicode leaves characters below DEL as they are; lower-casing them is ASCII's.
    if word.bytes().all(|b| b < 0x7f) {
        return word.to_ascii_lowercase();
    }
    deunicode::deunicode(word).to_lowercase()
}

static STOP_WORDS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/trace-stopwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// Whether a lower-case word carries no content for matching.
pub fn is_stop_word(lower: &str) -> bool {
    STOP_WORDS.contains(lower)
}

/// A light English suffix stemmer for short titles: plural, past and -ing forms meet
/// (`attacks`, `attacked`, `attacking` → `attack`).
pub fn stem(lower: &str) -> String {
    let w = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let n = w.len();
    let mut s = if n > 4 && w.ends_with("ies") {
        format!("{}y", &w[..n - 3])
    } else if n > 4 && w.ends_with("sses") {
        w[..n - 2].to_string()
    } else if n > 5 && w.ends_with("ing") {
        w[..n - 3].to_string()
    } else if n > 4 && w.ends_with("ed") && !w.ends_with("eed") {
        w[..n - 2].to_string()
    } else if n > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w[..n - 1].to_string()
    } else {
        w.to_string()
    };
    if s.len() > 4 && s.ends_with('e') {
        s.pop();
    }
    // Doubled final consonant from -ing/-ed (targetted, hitting).
    let b = s.as_bytes();
    if b.len() > 4 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouls".contains(&b[b.len() - 1]) {
        s.pop();
    }
    s
}

/// Arabic articles and joiners dropped from name keys (`al-`, `el-`, `ad-` ...).
pub fn is_article(lower: &str) -> bool {
    matches!(
        lower,
        "al" | "el" | "ad" | "an" | "as" | "ar" | "at" | "ash" | "az" | "ul" | "the"
    )
}

/// Splits a name word on hyphens and drops Arabic articles: `al-Qa'im` → `qa'im`.
pub fn name_parts(lower: &str) -> Vec<&str> {
    lower
        .split(['-', ' '])
        .filter(|p| !p.is_empty() && !is_article(p))
        .collect()
}

/// A transliteration key: Arabic articles, apostrophes and doubled letters dropped,
/// every vowel run written as one `a`, a final `h` after a vowel dropped, and letters
/// that trade places across spellings merged (q/k, v/w, ph/f). Erbil, Irbil and Arbil
/// all give `arbal`; Hezbollah and Hizballah give `hazbala`.
pub fn skeleton(word: &str) -> String {
    let lower = fold(word);
    let mut letters = Vec::with_capacity(lower.len());
    for part in name_parts(&lower) {
        letters.extend_from_slice(part.as_bytes());
    }
    if !letters.is_ascii() {
        return skeleton_of_letters(String::from_utf8_lossy(&letters).into_owned());
    }
    // The three replacements, each a left-to-right pass as `str::replace` makes it.
    for (pair, by) in [(b"ph", b'f'), (b"dh", b'd'), (b"ou", b'u')] {
        replace_pair(&mut letters, *pair, by);
    }
    let mut out = String::with_capacity(letters.len());
    for &b in &letters {
        if !b.is_ascii_alphanumeric() {
            continue;
        }
        let c = char::from(match b {
            b'q' => b'k',
            b'v' => b'w',
            b'e' | b'i' | b'o' | b'u' | b'y' => b'a',
            b => b,
        });
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    drop_final_h(&mut out);
    out
}

/// Replaces every two-byte `pair` of `bytes` by `by`, left to right without overlaps.
fn replace_pair(bytes: &mut Vec<u8>, pair: [u8; 2], by: u8) {
    let (mut read, mut write) = (0, 0);
    while read < bytes.len() {
        if bytes[read] == pair[0] && bytes.get(read + 1) == Some(&pair[1]) {
            bytes[write] = by;
            read += 2;
        } else {
            bytes[write] = bytes[read];
            read += 1;
        }
        write += 1;
    }
    bytes.truncate(write);
}

/// [`skeleton`] of letters that are not all ASCII, the slow way.
fn skeleton_of_letters(letters: String) -> String {
    let letters: String = letters
        .replace("ph", "f")
        .replace("dh", "d")
        .replace("ou", "u")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| match c {
            'q' => 'k',
            'v' => 'w',
            'e' | 'i' | 'o' | 'u' | 'y' => 'a',
            c => c,
        })
        .collect();
    let mut out = String::new();
    for c in letters.chars() {
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    drop_final_h(&mut out);
    out
}

/// A final `h` after a vowel is dropped (`Fallujah` ~ `Falluja`).
fn drop_final_h(out: &mut String) {
    if out.len() > 3 && out.ends_with('h') && out[..out.len() - 1].ends_with('a') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_key() {
        assert_eq!(skeleton("Erbil"), skeleton("Irbil"));
        assert_eq!(skeleton("Hezbollah"), skeleton("Hizballah"));
        assert_eq!(skeleton("Fallujah"), skeleton("Falluja"));
        assert_eq!(skeleton("Qaim"), skeleton("al-Qa'im"));
        assert_eq!(skeleton("Al-Assad"), skeleton("al-Asad"));
        assert_eq!(skeleton("Ninewa"), skeleton("Ninawa"));
        assert_ne!(skeleton("Said"), skeleton("Assad"));
    }

    #[test]
    fn the_fast_skeleton_is_the_plain_one() {
        let gazetteer = include_str!("../../data/gazetteer.tsv");
        let words = gazetteer
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split(['\t', '|', ' ']))
            .chain([
                "Dhahran", "Qa'im", "al-Qa'im", "Ninewa", "Mosul", "Phouphh", "dhh", "ouou",
                "Zürich", "Şırnak", "Ḥalab", "Tall\u{7f}afar", "", "-", "Al-",
            ]);
        for w in words {
            let plain: String = name_parts(&fold(w)).concat();
            assert_eq!(skeleton(w), skeleton_of_letters(plain), "{w}");
        }
    }

    #[test]
    fn folding_ascii_is_lower_casing() {
        for w in ["Erbil", "U.S.", "al-Qa'im", "AC-130", "x\u{7f}y", "Zürich"] {
            assert_eq!(fold(w), deunicode::deunicode(w).to_lowercase(), "{w}");
        }
    }

    #[test]
    fn stems_meet_across_inflections() {
        assert_eq!(stem("attacks"), stem("attacked"));
        assert_eq!(stem("attacking"), stem("attack"));
        assert_eq!(stem("targeted"), stem("targeting"));
        assert_eq!(stem("drones"), stem("drone"));
        assert_eq!(stem("militias"), stem("militia"));
    }

    #[test]
    fn tokens_keep_abbreviations_and_offsets() {
        let toks = tokenize("The U.S. hit Anbar\u{2019}s Ramadi, pro-Iran AC-130.");
        let words: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            words,
            [
                "The", "U.S.", "hit", "Anbar", "Ramadi", "pro-Iran", "AC-130"
            ]
        );
        assert_eq!(toks[1].start, 4);
        assert!(toks[4].capital && !toks[4].after_break);
    }
}
