//! Normalising the text of one labelled segment: pages, volume and issue, DOI, URL,
//! ISBN, dates, and the trimming of labels and punctuation around titles and names.

use crate::refs::PartialDate;
use crate::refs::date::MONTHS;

/// Trims white space, trailing separators (`.,;:`) and one pair of wrapping brackets
/// or quotes. A full stop after a lone capital or an abbreviation is kept.
pub fn clean(text: &str) -> String {
    let mut t = text.trim();
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
            if t.starts_with(o) && t.ends_with(c) && t.len() >= o.len_utf8() + c.len_utf8() {
                let inner = &t[o.len_utf8()..t.len() - c.len_utf8()];
                if !inner.contains(c) || o == c {
                    t = inner.trim();
                }
            }
        }
        if let Some(s) = t.strip_prefix(['(', '“', '‘', '«', '„', '"'])
            && !s.contains([')', '”', '’', '»', '"'])
        {
            t = s.trim_start();
        }
        if let Some(s) = t.strip_suffix([')', '”', '’', '»', '"'])
            && !s.contains(['(', '“', '‘', '«', '„', '"'])
        {
            t = s.trim_end();
        }
        if t == before {
            break;
        }
    }
    single_spaced(t)
}

/// The words of `text` joined by single spaces. Most text already is: it is copied as
/// it is.
pub fn single_spaced(t: &str) -> String {
    let single = t.is_ascii()
        && !t.starts_with(' ')
        && !t.ends_with(' ')
        && !t.contains("  ")
        && !t.bytes().any(|b| b != b' ' && b.is_ascii_whitespace() || b == 0x0b);
    if single {
        return t.to_string();
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Whether a word after an address starts a remark (`[accessed`, `(viewed`, `Accessed:`)
/// rather than continuing an address broken over lines.
fn is_remark(word: &str) -> bool {
    word.starts_with(['[', '('])
        || (word.ends_with(':') && !word.contains('/') && !word.starts_with("http"))
}

/// The DOI in `text` (`doi:10.1000/xyz`, `https://doi.org/10.1000/xyz`), and whether it
/// has the shape `10.NNNN/suffix`.
pub fn doi(text: &str) -> (String, bool) {
    let t = text.trim();
    let Some(i) = t.find("10.") else {
        return (clean(t), false);
    };
    // A DOI broken over lines: its pieces are joined.
    let joined: String = t[i..]
        .split_whitespace()
        .take_while(|w| !is_remark(w))
        .collect();
    let d = joined.trim_end_matches(['.', ',', ';', ')', ']', '>']);
    let valid = d.split_once('/').is_some_and(|(pre, suf)| {
        let reg = &pre[3..];
        (4..=9).contains(&reg.len())
            && reg.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !suf.is_empty()
    });
    (d.to_string(), valid)
}

/// The URL in `text` without `Retrieved from`, `Available at`, `URL` or angle brackets,
/// and whether it looks like one (`http(s)://host.tld/…` or `www.host.tld`).
pub fn url(text: &str) -> (String, bool) {
    let t = text.trim();
    let start = t
        .find("http")
        .or_else(|| t.find("www."))
        .or_else(|| t.find("ftp"));
    // An address broken over lines: its pieces are joined, up to a remark such as
    // `[accessed 3 May 2016]`.
    let u: String = match start {
        Some(i) => t[i..]
            .split_whitespace()
            .take_while(|w| !is_remark(w))
            .collect(),
        None => t.to_string(),
    };
    let u = u
        .trim_end_matches(['.', ',', ';', '>', ')', ']'])
        .to_string();
    let host = u
        .split_once("://")
        .map_or(u.as_str(), |(_, r)| r)
        .split('/')
        .next()
        .unwrap_or("");
    let valid = (u.starts_with("http://")
        || u.starts_with("https://")
        || u.starts_with("www.")
        || u.starts_with("ftp://"))
        && host.contains('.')
        && !u.contains(char::is_whitespace);
    (u, valid)
}

/// The ISBN in `text` (digits, `X` and hyphens), and whether its check digit is right.
pub fn isbn(text: &str) -> (String, bool) {
    let t = text.trim();
    let after_label = match t.to_ascii_lowercase().find("isbn") {
        Some(i) => {
            let rest = &t[i + 4..];
            rest.strip_prefix("-13")
                .or_else(|| rest.strip_prefix("-10"))
                .unwrap_or(rest)
        }
        None => t,
    };
    let cleaned: String = after_label
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | 'X' | 'x' | ' '))
        .collect();
    let cleaned = cleaned.trim().trim_end_matches('-').to_string();
    let digits: Vec<u32> = cleaned
        .chars()
        .filter_map(|c| {
            if c == 'X' || c == 'x' {
                Some(10)
            } else {
                c.to_digit(10)
            }
        })
        .collect();
    let valid = match digits.len() {
        10 => {
            digits
                .iter()
                .enumerate()
                .map(|(i, d)| (10 - i as u32) * d)
                .sum::<u32>()
                % 11
                == 0
        }
        13 => {
            digits[..12].iter().all(|d| *d < 10)
                && digits
                    .iter()
                    .enumerate()
                    .map(|(i, d)| if i % 2 == 0 { *d } else { 3 * d })
                    .sum::<u32>()
                    % 10
                    == 0
        }
        _ => false,
    };
    (cleaned, valid)
}

fn month_of(word: &str) -> Option<u8> {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            (w.len() == 3 || w == "sept" || w.len() == m.len())
                && m.starts_with(&w[..w.len().min(m.len())])
                && (w.len() <= m.len())
        })
        .map(|i| i as u8 + 1)
}

/// The date in `text`: the first year (1500–2099), with a month named next to it and a
/// day next to the month when they are there (`May 3, 2001`, `3 May 2001`,
/// `2001, May 3`, `2001-05-03`).
pub fn date(text: &str) -> Option<PartialDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    // ISO first: 2001-05-03.
    for w in &words {
        let parts: Vec<&str> = w
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['-', '/'])
            .collect();
        if parts.len() == 3
            && parts[0].len() == 4
            && let (Ok(y), Ok(m), Ok(d)) = (parts[0].parse(), parts[1].parse(), parts[2].parse())
            && let Some(pd) = PartialDate::ymd(y, m, d)
        {
            return Some(pd);
        }
    }
    // A year is one run of four digits (`1999a.`, `[1996]`), not a day range (`20-24`);
    // a year in square brackets is an original date (`2005 [1790]`, `([1830], 2011)`),
    // taken only when no other year is written.
    let is_year = |w: &&str| {
        let core = w.trim_matches(|c: char| !c.is_ascii_digit());
        core.len() == 4
            && core.bytes().all(|b| b.is_ascii_digit())
            && (1500..2100).contains(&core.parse::<i32>().unwrap_or(0))
    };
    let year_at = words
        .iter()
        .position(|w| is_year(w) && !w.starts_with('['))
        .or_else(|| words.iter().position(is_year))?;
    let year: i32 = words[year_at]
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    let month_at = words.iter().position(|w| month_of(w).is_some());
    let Some(mi) = month_at else {
        return Some(PartialDate::year(year));
    };
    let month = month_of(words[mi])?;
    let day = [mi.wrapping_sub(1), mi + 1]
        .into_iter()
        .filter(|&j| j < words.len() && j != year_at)
        .find_map(|j| {
            let w = words[j].trim_end_matches(['.', 'h', 't', 's', 'n', 'd', 'r']);
            w.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
        });
    match day {
        Some(d) => PartialDate::ymd(year, month, d).or(PartialDate::ym(year, month)),
        None => PartialDate::ym(year, month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn doi_url_isbn() {
        assert_eq!(
            doi("doi:10.1016/j.cell.2009.01.042."),
            ("10.1016/j.cell.2009.01.042".into(), true)
        );
        assert_eq!(
            doi("https://doi.org/10.1038/nature12373"),
            ("10.1038/nature12373".into(), true)
        );
        assert!(!doi("10.12/x").1);
        assert_eq!(
            url("Retrieved from http://example.org/a."),
            ("http://example.org/a".into(), true)
        );
        assert!(!url("see the website").1);
        assert_eq!(
            url("< http:// www.example.org/ a/b >. (accessed May 2)").0,
            "http://www.example.org/a/b"
        );
        assert_eq!(doi("doi: 10.1000/ab c.").0, "10.1000/abc");
        assert_eq!(
            isbn("ISBN 978-0-306-40615-7."),
            ("978-0-306-40615-7".into(), true)
        );
        assert!(isbn("ISBN 0-306-40615-2").1);
        assert!(!isbn("ISBN 0-306-40615-3").1);
        assert_eq!(isbn("ISBN-13: 9780306406157").0, "9780306406157");
    }

    #[test]
    fn dates() {
        assert_eq!(date("(2011).").unwrap().to_string(), "2011");
        assert_eq!(date("septembre 2014,").unwrap().to_string(), "2014");
        assert_eq!(date("May 3, 2001").unwrap().to_string(), "2001-05-03");
        assert_eq!(date("(2001, March 14)").unwrap().to_string(), "2001-03-14");
        assert_eq!(date("Sept. 2010").unwrap().to_string(), "2010-09");
        assert_eq!(date("2019-02-28").unwrap().to_string(), "2019-02-28");
        assert_eq!(date("1999a.").unwrap().to_string(), "1999");
        assert!(date("n.d.").is_none());
        assert_eq!(
            date("February 20-24, 2016.").unwrap().to_string(),
            "2016-02"
        );
        assert_eq!(date("([1830], 2011).").unwrap().to_string(), "2011");
        assert_eq!(date("2001 [1996].").unwrap().to_string(), "2001");
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
    }
}
