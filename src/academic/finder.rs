//! Finding the reference list in a long document (a thesis or report as plain text):
//! which lines are reference-list lines.
//!
//! A line that is only a reference heading (`References`, `Bibliography`, `8 Works
//! Cited`; `data/academic-headings.txt`) opens a list; the list runs until a heading of
//! another part (`Appendix`, `Chapter 4`, `Index`, `Vita`) or the end. Inside it, every
//! non-blank line is a reference line except page furniture: page numbers and running
//! heads (short lines repeated on many pages). With no heading, the last run of lines
//! that the academic model reads as references is not guessed at: nothing is found.

use std::collections::HashMap;
use std::sync::LazyLock;

static HEADINGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/academic-headings.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

const ENDS: &[&str] = &[
    "appendix",
    "appendices",
    "chapter",
    "index",
    "vita",
    "curriculum vitae",
    "about the author",
    "acknowledgements",
    "acknowledgments",
    "glossary",
    "annex",
];

/// The heading words of a line: lower case, without a leading section number or a
/// trailing colon; `None` for lines too long to be a heading.
fn heading_words(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 40 {
        return None;
    }
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    let t = t.trim_end_matches([':', '.', ' ']);
    Some(
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

/// Whether the line is a reference-list heading.
pub fn is_reference_heading(line: &str) -> bool {
    heading_words(line).is_some_and(|h| HEADINGS.contains(&h.as_str()))
}

/// Whether the line heads another part: `Appendix A: Data`, `Chapter 4`, `Index`,
/// `Table 2`, `Figure 3.1`.
fn ends_list(line: &str) -> bool {
    let t = line.trim();
    if t.chars().count() > 80 {
        return false;
    }
    let h = t.to_lowercase();
    let h = h.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    let numbered = |w: &str| {
        h.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with(|c: char| c.is_ascii_digit()) && rest.len() < 8
        })
    };
    ENDS.iter().any(|e| {
        h == *e
            || h.strip_prefix(e).is_some_and(|rest| {
                rest.starts_with(' ')
                    && rest
                        .trim_start()
                        .split([' ', ':'])
                        .next()
                        .is_some_and(|w| w.len() <= 4)
            })
    }) || numbered("table")
        || numbered("figure")
}

/// A line with its digits removed and white space collapsed: running heads that carry
/// the page number (`BIBLIOGRAPHY 196`) become the same line on every page.
fn without_digits(line: &str) -> String {
    line.split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    let t = t.strip_prefix("Page ").unwrap_or(t);
    !t.is_empty()
        && t.len() <= 8
        && (t.bytes().all(|b| b.is_ascii_digit())
            || t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')))
}

/// For each line of `text`, whether it belongs to a reference list.
pub fn reference_lines(text: &str) -> Vec<bool> {
    let lines: Vec<&str> = text.lines().collect();
    let mut repeats: HashMap<String, usize> = HashMap::new();
    // A running head is short, or starts or ends with its page number, or is in
    // capitals.
    let numbered = |t: &str| {
        let page = |w: Option<&str>| w.is_some_and(|w| w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()));
        page(t.split_whitespace().next()) || page(t.split_whitespace().next_back())
    };
    let key = |t: &str| {
        let k = without_digits(t);
        let head = k.chars().count() <= 60 || numbered(t) || !k.chars().any(char::is_lowercase);
        (head && k.chars().filter(|c| c.is_alphabetic()).count() >= 4).then_some(k)
    };
    for l in &lines {
        if let Some(k) = key(l.trim()) {
            *repeats.entry(k).or_default() += 1;
        }
    }
    let mut out = vec![false; lines.len()];
    let mut inside = false;
    for (i, l) in lines.iter().enumerate() {
        if is_reference_heading(l) {
            inside = true;
            continue;
        }
        if inside && ends_list(l) {
            inside = false;
        }
        let t = l.trim();
        let furniture =
            is_page_number(t) || key(t).is_some_and(|k| repeats.get(&k).is_some_and(|n| *n >= 3));
        out[i] = inside && !t.is_empty() && !furniture;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_after_its_heading_up_to_an_appendix() {
        let text = "Chapter 1\nSome text.\n\n8 References\n\nSmith, J. 2001. A.\n   wrapped.\n\
                    12\nDoe, A. 2002. B.\nAppendix A: Data used\nTables.\n";
        let got: Vec<usize> = reference_lines(text)
            .iter()
            .enumerate()
            .filter(|(_, r)| **r)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(got, [5, 6, 8]);
        assert!(is_reference_heading("  Works Cited:"));
        assert!(!is_reference_heading("1.3 Literature Review"));
    }
}
