//! LaTeX escaping for BibTeX and BibLaTeX field values.
//!
//! Untrusted text never becomes a LaTeX command: every special character is written as
//! a command that prints it (`\textbackslash{}`, `\textasciitilde{}`, `\{` ...), so a
//! title holding `\input{/etc/passwd}` prints those characters and does nothing. With
//! `ascii`, non-ASCII letters become accent commands (`{\'e}`, `{\"u}`) that classic
//! bibtex handles; other non-ASCII text is transliterated.

use unicode_normalization::UnicodeNormalization;

/// Escapes `text` for a braced BibTeX/BibLaTeX field value.
pub fn escape(text: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_char(&mut out, c, ascii);
    }
    out
}

/// A URL for a verbatim `url` field: characters that could unbalance braces, start a
/// command or break a line are percent-encoded, as are non-ASCII bytes.
pub fn url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_ascii_graphic()
            && !matches!(c, '{' | '}' | '\\' | '"' | '<' | '>' | '^' | '|' | '`')
        {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Escapes a title and brace-protects every word holding a capital letter, so that
/// styles which change case (`{US}`, `{Ain} al-{Assad}`) keep the capitals.
pub fn escape_title(title: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(title.len() + 16);
    let mut word = String::new();
    for c in title.chars() {
        if c.is_whitespace() {
            flush_word(&mut out, &mut word, ascii);
            push_char(&mut out, c, ascii);
        } else {
            word.push(c);
        }
    }
    flush_word(&mut out, &mut word, ascii);
    out
}

fn flush_word(out: &mut String, word: &mut String, ascii: bool) {
    if word.is_empty() {
        return;
    }
    let escaped = escape(word, ascii);
    if word.chars().any(char::is_uppercase) {
        out.push('{');
        out.push_str(&escaped);
        out.push('}');
    } else {
        out.push_str(&escaped);
    }
    word.clear();
}

fn push_char(out: &mut String, c: char, ascii: bool) {
    match c {
        '\\' => out.push_str("\\textbackslash{}"),
        '{' => out.push_str("\\{"),
        '}' => out.push_str("\\}"),
        '$' => out.push_str("\\$"),
        '&' => out.push_str("\\&"),
        '%' => out.push_str("\\%"),
        '#' => out.push_str("\\#"),
        '_' => out.push_str("\\_"),
        '~' => out.push_str("\\textasciitilde{}"),
        '^' => out.push_str("\\textasciicircum{}"),
        '<' => out.push_str("\\textless{}"),
        '>' => out.push_str("\\textgreater{}"),
        '|' => out.push_str("\\textbar{}"),
        '"' => out.push_str("{\"}"),
        '@' => out.push_str("{@}"),
        '\n' | '\r' | '\t' => out.push(' '),
        c if c.is_control() => {}
        c if c.is_ascii() => out.push(c),
        c if ascii => push_ascii(out, c),
        '\u{a0}' => out.push('~'),
        c => out.push(c),
    }
}

/// Writes a non-ASCII character as ASCII LaTeX.
fn push_ascii(out: &mut String, c: char) {
    if let Some(s) = punctuation(c) {
        out.push_str(s);
        return;
    }
    if let Some(s) = special_letter(c) {
        out.push('{');
        out.push_str(s);
        out.push('}');
        return;
    }
    let mut parts = c.nfd();
    let base = parts.next().unwrap_or(c);
    let marks: Vec<char> = parts.collect();
    let commands: Option<Vec<&str>> = marks.iter().map(|&m| accent(m)).collect();
    match commands {
        Some(commands) if base.is_ascii_alphabetic() && !commands.is_empty() => {
            // `{\'e}`, `{\'\i}`, `{\c{c}}`: one group bibtex reads as one letter.
            let base = match base {
                'i' => "\\i".to_string(),
                'j' => "\\j".to_string(),
                b => b.to_string(),
            };
            let mut inner = base;
            for cmd in commands {
                inner = if cmd.chars().last().is_some_and(|l| l.is_ascii_alphabetic()) {
                    format!("{cmd}{{{inner}}}")
                } else {
                    format!("{cmd}{inner}")
                };
            }
            out.push('{');
            out.push_str(&inner);
            out.push('}');
        }
        _ => {
            let plain = deunicode::deunicode_char(c).unwrap_or("?");
            for p in plain.chars() {
                push_char(out, p, true);
            }
        }
    }
}

fn punctuation(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' => "`",
        '\u{2019}' => "'",
        '\u{201C}' => "``",
        '\u{201D}' => "''",
        '\u{2013}' => "--",
        '\u{2014}' => "---",
        '\u{2026}' => "\\ldots{}",
        '\u{a0}' => "~",
        '\u{ab}' => "\\guillemotleft{}",
        '\u{bb}' => "\\guillemotright{}",
        _ => return None,
    })
}

fn special_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "\\ss",
        'æ' => "\\ae",
        'Æ' => "\\AE",
        'œ' => "\\oe",
        'Œ' => "\\OE",
        'ø' => "\\o",
        'Ø' => "\\O",
        'ł' => "\\l",
        'Ł' => "\\L",
        'ı' => "\\i",
        'å' => "\\aa",
        'Å' => "\\AA",
        _ => return None,
    })
}

fn accent(mark: char) -> Option<&'static str> {
    Some(match mark {
        '\u{300}' => "\\`",
        '\u{301}' => "\\'",
        '\u{302}' => "\\^",
        '\u{303}' => "\\~",
        '\u{304}' => "\\=",
        '\u{306}' => "\\u",
        '\u{307}' => "\\.",
        '\u{308}' => "\\\"",
        '\u{30A}' => "\\r",
        '\u{30B}' => "\\H",
        '\u{30C}' => "\\v",
        '\u{323}' => "\\d",
        '\u{327}' => "\\c",
        '\u{328}' => "\\k",
        '\u{331}' => "\\b",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_in_untrusted_text_come_out_inert() {
        assert_eq!(
            escape("\\input{/etc/passwd}", false),
            "\\textbackslash{}input\\{/etc/passwd\\}"
        );
        assert_eq!(
            escape("\\write18{rm -rf ~}", false),
            "\\textbackslash{}write18\\{rm -rf \\textasciitilde{}\\}"
        );
    }

    #[test]
    fn every_special_is_escaped() {
        assert_eq!(
            escape("& % $ # _ { } ~ ^ \\", false),
            "\\& \\% \\$ \\# \\_ \\{ \\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}"
        );
        assert_eq!(
            escape("<script>", false),
            "\\textless{}script\\textgreater{}"
        );
    }

    #[test]
    fn titles_protect_words_with_capitals() {
        assert_eq!(
            escape_title("US strikes Ain al-Assad", false),
            "{US} strikes {Ain} {al-Assad}"
        );
        assert_eq!(escape_title("AT&T deal", false), "{AT\\&T} deal");
    }

    #[test]
    fn ascii_mode_writes_accent_commands() {
        assert_eq!(
            escape("Seán Müller Zoë", true),
            "Se{\\'a}n M{\\\"u}ller Zo{\\\"e}"
        );
        assert_eq!(escape("ça ï", true), "{\\c{c}}a {\\\"\\i}");
        assert_eq!(escape("“it’s”", true), "``it's''");
        assert_eq!(escape("Straße", true), "Stra{\\ss}e");
        assert!(escape("العراق", true).is_ascii());
    }

    #[test]
    fn urls_stay_verbatim_but_balanced() {
        assert_eq!(url("https://a.org/x_y?q=1#f"), "https://a.org/x_y?q=1#f");
        assert_eq!(
            url("https://a.org/{x}\\ é"),
            "https://a.org/%7Bx%7D%5C%20%C3%A9"
        );
    }

    #[test]
    fn utf8_mode_keeps_letters() {
        assert_eq!(escape("Seán “x”", false), "Seán “x”");
    }
}
