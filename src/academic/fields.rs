//! Normalising the text of one labelled segment: pages, volume and issue, the
//! citation number (dates are in [`super::dates`], DOI, URL and ISBN in
//! [`super::links`]), and the trimming of labels and punctuation around titles and names.

/// Trims white space, trailing separators (`.,;:`) and one pair of wrapping brackets
/// or quotes. A full stop after a lone capital or an abbreviation is kept.
pub fn clean(text: &str) -> String {
    let mut t = text.trim();
    let first = |t: &str| t.chars().next();
    let last = |t: &str| t.chars().next_back();
    loop {
        let before = t;
        t = t.trim_end_matches([',', ';', ':', ' ', '/']);
        if let Some(s) = t.strip_suffix('.') {
            let last = s.rsplit([' ', '.']).next().unwrap_or("");
            let keep = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
            if !keep {
                t = s;
            }
        }
        for (o, c) in [
            ('(', ')'),
            ('[', ']'),
            ('“', '”'),
            ('"', '"'),
            ('‘', '’'),
            ('«', '»'),
            ('„', '“'),
        ] {
            if first(t) == Some(o) && last(t) == Some(c) && t.len() >= o.len_utf8() + c.len_utf8()
            {
                let inner = &t[o.len_utf8()..t.len() - c.len_utf8()];
                if !inner.contains(c) || o == c {
                    t = inner.trim();
                }
            }
        }
        if matches!(first(t), Some('(' | '“' | '‘' | '«' | '„' | '"')) {
            let s = &t[first(t).map_or(0, char::len_utf8)..];
            if !s.contains([')', '”', '’', '»', '"']) {
                t = s.trim_start();
            }
        }
        if matches!(last(t), Some(')' | '”' | '’' | '»' | '"')) {
            let s = &t[..t.len() - last(t).map_or(0, char::len_utf8)];
            if !s.contains(['(', '“', '‘', '«', '„', '"']) {
                t = s.trim_end();
            }
        }
        // Each step only shortens `t`: the same length is the same text.
        if t.len() == before.len() {
            break;
        }
    }
    unwrapped(t, is_known_word)
}

/// `t` single-spaced, its lines joined as a reader would: a word that a line break cut
/// with a hyphen (`Eco-` / `nomic`, from a PDF) is whole again. The hyphen stays, and only
/// the break goes, when the second half starts with a capital or a digit (`Mayol-Cuevas`,
/// `275-288`), the first has a digit or is in capitals (`p53-dependent`, `UV-damaged`), or
/// the second half is a word and the whole is not (`cold-formed`, `meta-analysis`;
/// `known` says what is a word). So `Differentia-` / `tion` and `in-` / `formation` join.
pub fn unwrapped(t: &str, known: impl Fn(&str) -> bool) -> String {
    /// Conjunctions after which a hyphen hangs (`One- and Two-Family`): English, German
    /// and French.
    const SUSPENDED_BEFORE: [&str; 6] = ["and", "or", "und", "oder", "et", "ou"];
    if !t.contains('\n') {
        return single_spaced(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut broken = false;
    let mut word_start = None;
    let push = |out: &mut String, w: &str, broken: bool| {
        if out.is_empty() {
            out.push_str(w);
            return;
        }
        let cut = broken
            && out.ends_with('-')
            && out[..out.len() - 1].chars().next_back().is_some_and(char::is_alphanumeric);
        if !cut {
            out.push(' ');
            out.push_str(w);
            return;
        }
        let before = out[..out.len() - 1]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let after: &str = w.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        let whole_is_word = || known(&format!("{before}{after}"));
        // A hyphen left hanging before a conjunction (`One- and Two-Family`,
        // `Ein- und Ausfuhr`) stays, and so does its space: when the first half is a
        // word and the whole is not (`col-` / `or` is `color`, `Isl-` / `and` `Island`).
        if SUSPENDED_BEFORE.contains(&after)
            && w.len() == after.len()
            && known(before)
            && !whole_is_word()
        {
            out.push(' ');
            out.push_str(w);
            return;
        }
        let keep = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || before.chars().any(|c| c.is_ascii_digit())
            || (before.chars().count() >= 2 && !before.chars().any(char::is_lowercase))
            || (known(after) && !whole_is_word());
        if !keep {
            out.pop();
        }
        out.push_str(w);
    };
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = word_start.take() {
                push(&mut out, &t[s..i], broken);
                broken = false;
            }
            broken |= c == '\n';
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(s) = word_start {
        push(&mut out, &t[s..], broken);
    }
    out
}

/// Whether `word` is a word as written: the tagger's dictionary (of the shipped model,
/// words of the tagged references) or WordNet (`data/wordnet-synonyms.tsv`, inflected
/// forms too) holds it.
pub fn is_known_word(word: &str) -> bool {
    let dict = || super::dict::key(word).is_some_and(|k| super::shipped().dict().levels(&k) != 0);
    // WordNet's base form of `selfcriticism` is `self-criticism`: written with its
    // hyphen, so not a word as it stands.
    let wordnet = || {
        let lexicon = crate::trace::synonyms::Synonyms::get();
        let lemma = lexicon.lemma(word);
        !lemma.contains('-') && !lexicon.sets(&lemma).is_empty()
    };
    dict() || wordnet()
}

/// The words of `text` joined by single spaces. Most text already is: it is copied as
/// it is, after one pass over it.
pub fn single_spaced(t: &str) -> String {
    if is_single_spaced(t) {
        return t.to_string();
    }
    spaced(t.split_whitespace(), t.len())
}

/// `words` joined by single spaces, in a string of room `room`.
pub fn spaced<'w>(words: impl Iterator<Item = &'w str>, room: usize) -> String {
    let mut out = String::with_capacity(room);
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `t` has no white space but single spaces between words (any script). One
/// pass over the bytes: only the lead bytes `C2`, `E1`, `E2` and `E3` can start a
/// white space character outside ASCII (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000).
fn is_single_spaced(t: &str) -> bool {
    let b = t.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut space = false;
    for (i, &c) in b.iter().enumerate() {
        if c > b' ' {
            if matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3)
                && t[i..].chars().next().is_some_and(char::is_whitespace)
            {
                return false;
            }
            space = false;
        } else if c == b' ' {
            if space {
                return false;
            }
            space = true;
        } else if c.is_ascii_whitespace() || c == 0x0b {
            return false;
        } else {
            space = false;
        }
    }
    true
}

/// Strips a leading word such as `In`, `In:`, `Available at` (any case) from `text`.
pub fn strip_lead<'t>(text: &'t str, leads: &[&str]) -> &'t str {
    let t = text.trim_start();
    for l in leads {
        if t.len() > l.len() && t.is_char_boundary(l.len()) && t[..l.len()].eq_ignore_ascii_case(l)
        {
            let rest = &t[l.len()..];
            if rest.starts_with([' ', ':', '\u{a0}']) {
                return rest.trim_start_matches([' ', ':', '\u{a0}']);
            }
        }
    }
    t
}

/// The entry's number or label as written, without its brackets, a LaTeX `\bibitem`
/// or trailing punctuation: `[12]` → `12`, `3.` and `3-` → `3`, `[Allison2006-MIT]` →
/// `Allison2006-MIT`, `\bibitem{Elkies32-34}` → `Elkies32-34`, `P2013.205.7` as it is;
/// empty when no letter or digit is written (`###`).
pub fn citation_number(text: &str) -> String {
    let t = text.trim();
    let t = t.strip_prefix("\\bibitem").map_or(t, |rest| {
        rest.trim_start_matches([' ', '{'])
            .trim_end_matches(['}', ' '])
    });
    let n = clean(t.trim_end_matches(['-', '–', '—', ' ']));
    match n.contains(char::is_alphanumeric) {
        true => n,
        false => String::new(),
    }
}

fn digit_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Pages without their label, dashes as an en dash: `pp. 12-19.` → `12–19`. Text that is
/// not a page number or range is kept cleaned.
pub fn pages(text: &str) -> String {
    let t = clean(text);
    let t = strip_lead(
        &t,
        &[
            "pp.", "pp", "p.", "p", "pages", "page", "s.", "S.", "pg.", "pgs.",
        ],
    );
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let is_dash = |c: char| matches!(c, '-' | '–' | '—' | '‒' | '−');
    while i < chars.len() {
        let c = chars[i];
        if is_dash(c) || c == ' ' {
            // A run of spaces and dashes with at least one dash, between alphanumerics.
            let mut j = i;
            while j < chars.len() && (is_dash(chars[j]) || chars[j] == ' ') {
                j += 1;
            }
            let has_dash = chars[i..j].iter().any(|c| is_dash(*c));
            let before = out.chars().last().is_some_and(char::is_alphanumeric);
            let after = chars.get(j).is_some_and(|c| c.is_alphanumeric());
            if has_dash && before && after {
                out.push('–');
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    clean(&out)
}

/// Volume and issue: `12(7)` → (`12`, `7`); `vol. 3, no. 2` → (`3`, `2`); other text is
/// the volume, cleaned.
pub fn volume_issue(text: &str) -> (Option<String>, Option<String>) {
    let t = clean(text);
    if t.is_empty() {
        return (None, None);
    }
    let lower = t.to_lowercase();
    let runs = digit_runs(&lower);
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    let vol_words = ["vol", "volume", "v", "bd", "t", "tome", "jg", "jahrgang"];
    let iss_words = [
        "no", "nos", "nr", "n", "issue", "iss", "heft", "h", "núm", "num", "number",
    ];
    let only_labels = words
        .iter()
        .all(|w| vol_words.contains(&w.as_str()) || iss_words.contains(&w.as_str()));
    if !only_labels || runs.len() > 2 || runs.is_empty() {
        return (Some(t.to_string()), None);
    }
    if runs.len() == 1 {
        let is_issue = words.iter().any(|w| iss_words.contains(&w.as_str()))
            && !words.iter().any(|w| vol_words.contains(&w.as_str()));
        let n = runs[0].to_string();
        return if is_issue {
            (None, Some(n))
        } else {
            (Some(n), None)
        };
    }
    // Two numbers: the first is the volume unless only the first is labelled an issue.
    let first_word = words.first().map(String::as_str).unwrap_or("");
    if iss_words.contains(&first_word) && words.len() == 1 {
        return (Some(runs[1].to_string()), Some(runs[0].to_string()));
    }
    (Some(runs[0].to_string()), Some(runs[1].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_cut_by_a_line_break_are_whole_again() {
        let words = [
            "economic", "policy", "cold", "formed", "steel", "dependent", "analysis", "one", "ein",
            "color", "island", "and", "or",
        ];
        let known = |w: &str| words.contains(&w.to_lowercase().as_str());
        let cases = [
            ("Eco-\n   nomic policy", "Economic policy"),
            ("Cold-\n  formed steel", "Cold-formed steel"),
            ("meta-\nanalysis", "meta-analysis"),
            ("Mayol-\nCuevas", "Mayol-Cuevas"),
            ("pp. 275-\n  288", "pp. 275-288"),
            ("p53-\ndependent", "p53-dependent"),
            ("UV-\ndamaged", "UV-damaged"),
            ("a -\nb", "a - b"),
            ("one line - with a dash-", "one line - with a dash-"),
            ("Differentia-\n   tion in  Models", "Differentiation in Models"),
            ("One-\nand Two-Family", "One- and Two-Family"),
            ("Ein-\n  und Ausfuhr", "Ein- und Ausfuhr"),
            ("col-\nor and Isl-\nand", "color and Island"),
        ];
        for (text, want) in cases {
            assert_eq!(unwrapped(text, known), want, "{text:?}");
        }
        // The shipped lexicons: WordNet writes `self-criticism` with its hyphen.
        assert_eq!(unwrapped("self-\ncriticism", is_known_word), "self-criticism");
        assert_eq!(
            unwrapped("One-\nand Two-Family Behavi-\nor", is_known_word),
            "One- and Two-Family Behavior"
        );
        assert_eq!(unwrapped("Interna-\ntional Eco-\nnomic", is_known_word), "International Economic");
        assert_eq!(clean("“Parti-\n  san Politics.”"), "Partisan Politics");
    }

    #[test]
    fn pages_are_normalised() {
        assert_eq!(pages("pp. 1761–1800)."), "1761–1800");
        assert_eq!(pages("pp. 1477-81."), "1477–81");
        assert_eq!(pages("4894--4899."), "4894–4899");
        assert_eq!(pages("S. 12 - 19"), "12–19");
        assert_eq!(pages("e1002."), "e1002");
        assert_eq!(pages("1012."), "1012");
    }

    #[test]
    fn volume_and_issue_are_split() {
        assert_eq!(
            volume_issue("12(7),"),
            (Some("12".into()), Some("7".into()))
        );
        assert_eq!(
            volume_issue("vol. 3, no. 2,"),
            (Some("3".into()), Some("2".into()))
        );
        assert_eq!(volume_issue("106,"), (Some("106".into()), None));
        assert_eq!(volume_issue("No. 4"), (None, Some("4".into())));
        assert_eq!(
            volume_issue("(Vol. 3, Part A,"),
            (Some("Vol. 3, Part A".into()), None)
        );
    }

    /// `[Allison2006-MIT] Allison, J. (2006).`: a citation label keeps its hyphen and
    /// dots (`Allison2006MIT` was not the label), `[25]` and `12.` their number.
    #[test]
    fn citation_labels_are_kept_as_written() {
        assert_eq!(citation_number("[25]"), "25");
        assert_eq!(citation_number("12."), "12");
        assert_eq!(citation_number("(3)"), "3");
        assert_eq!(citation_number("4)"), "4");
        assert_eq!(citation_number("38-"), "38");
        assert_eq!(citation_number("###"), "");
        assert_eq!(citation_number("[Allison2006-MIT]"), "Allison2006-MIT");
        assert_eq!(citation_number("\\bibitem{Elkies32-34-39-40}"), "Elkies32-34-39-40");
        assert_eq!(citation_number("P2013.205.7"), "P2013.205.7");
        assert_eq!(citation_number("Т."), "Т.");
    }

    #[test]
    fn cleaning() {
        assert_eq!(clean("“A Spanish Romanticist,”"), "A Spanish Romanticist");
        assert_eq!(clean("Elsevier."), "Elsevier");
        assert_eq!(clean("Washington, D.C."), "Washington, D.C.");
        assert_eq!(clean("(Doctoral dissertation)."), "Doctoral dissertation");
        assert_eq!(strip_lead("In: Handbook", &["in"]), "Handbook");
        assert_eq!(strip_lead("Intelligence", &["in"]), "Intelligence");
        assert_eq!(single_spaced("A  b\tc\u{b}d "), "A b c d");
        assert_eq!(single_spaced("Pérez\u{a0} y"), "Pérez y");
        assert_eq!(single_spaced("A b, c."), "A b, c.");
        // Every white space character, in ASCII and out of it, as `split_whitespace`.
        for ws in [
            "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ] {
            let t = format!("Pérez{ws}y – “Gómez”");
            assert_eq!(single_spaced(&t), "Pérez y – “Gómez”", "{ws:?}");
        }
        // The words joined by single spaces, whatever the string: as the plain way.
        for t in ["a\u{1}b é\u{1c}c", " é", "é ", "é  b", "", " ", "\u{a0}", "a\u{7f}b", "“x” – y"] {
            let plain = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(t), plain, "{t:?}");
        }
    }
}
