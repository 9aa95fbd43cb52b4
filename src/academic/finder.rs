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

/// What a line that is only a page number says: `Some(Some(n))` for a number in digits,
/// `Some(None)` for one in roman numerals (`xii`), `None` for any other line.
fn page_number(line: &str) -> Option<Option<u32>> {
    let t = line.trim();
    let t = t.strip_prefix("Page ").unwrap_or(t);
    if t.is_empty() || t.len() > 8 {
        None
    } else if t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok().map(Some)
    } else {
        t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')).then_some(None)
    }
}

/// Whether line `j` starts a page (with a form feed).
fn fed(lines: &[&str], j: usize) -> bool {
    lines.get(j).is_some_and(|l| l.starts_with('\u{c}'))
}

/// Lines between two page numbers of pages next to each other, at most.
const PAGE_LINES: usize = 150;

/// Lines between two page numbers of pages next to each other, at least: numbers one
/// apart on lines of their own every few lines number entries, not pages.
const MIN_PAGE_LINES: usize = 6;

/// For each line, whether it is a page number: a line of roman numerals, or a number in
/// digits at a page break (a form feed on it or the next line) or of a run of pages (a
/// number one or two more or less [`MIN_PAGE_LINES`] to [`PAGE_LINES`] lines after or
/// before it). A wrapped entry's last line that is only its year or last page
/// (`   1990`) is none.
fn page_numbers(lines: &[&str]) -> Vec<bool> {
    let numbers: Vec<(usize, Option<u32>)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| page_number(l).map(|n| (i, n)))
        .collect();
    let mut out = vec![false; lines.len()];
    for (k, &(i, n)) in numbers.iter().enumerate() {
        let next_page = |&&(j, m): &&(usize, Option<u32>)| {
            let (Some(n), Some(m)) = (n, m) else { return false };
            let apart = j.abs_diff(i);
            (MIN_PAGE_LINES..=PAGE_LINES).contains(&apart)
                && (1..=2).contains(&m.abs_diff(n))
                && (j > i) == (m > n)
        };
        let near = numbers[k.saturating_sub(8)..(k + 9).min(numbers.len())]
            .iter()
            .any(|o| o.0 != i && next_page(&o));
        out[i] = n.is_none() || fed(lines, i) || fed(lines, i + 1) || near;
    }
    out
}

/// For each line of `text`, whether it belongs to a reference list.
pub fn reference_lines(text: &str) -> Vec<bool> {
    let lines: Vec<&str> = text.lines().collect();
    let headings: Vec<bool> = lines.iter().map(|l| is_reference_heading(l)).collect();
    // No heading, no list: the furniture is not looked for (most news articles).
    if !headings.contains(&true) {
        return vec![false; lines.len()];
    }
    let furniture = furniture(&lines);
    let mut out = vec![false; lines.len()];
    let mut inside = false;
    for (i, l) in lines.iter().enumerate() {
        if headings[i] {
            inside = true;
            continue;
        }
        if inside && ends_list(l) {
            inside = false;
        }
        out[i] = inside && !l.trim().is_empty() && !furniture[i];
    }
    out
}

/// For each of `lines`, whether it is page furniture: a page number (a line of roman
/// numerals, or a number at a form feed or one of a run of page numbers)
/// or a running head.
pub fn furniture(lines: &[&str]) -> Vec<bool> {
    // A running head repeats on three pages or more, and carries its page number (a
    // number below 1500 at its start or end: not a year) or stands at a page break (a
    // form feed on it or the next line, or a page number the line before or after, blank
    // lines aside). A line an entry ends with (`   University Press.`) may repeat too, but
    // is none of these. Only such lines are keyed and counted.
    let numbered = |t: &str| {
        let page = |w: Option<&str>| {
            w.is_some_and(|w| {
                w.bytes().all(|b| b.is_ascii_digit()) && w.parse().is_ok_and(|n: u32| n < 1500)
            })
        };
        page(t.split_whitespace().next()) || page(t.split_whitespace().next_back())
    };
    let pages = page_numbers(lines);
    let fed = |j: usize| fed(lines, j);
    let filled = |j: &usize| lines.get(*j).is_some_and(|l| !l.trim().is_empty());
    let page_at = |j: Option<usize>| j.is_some_and(|j| pages.get(j).copied().unwrap_or(false));
    let at_break = |i: usize| {
        fed(i)
            || fed(i + 1)
            || page_at((0..i).rev().find(filled))
            || page_at((i + 1..lines.len()).find(filled))
    };
    let keys: Vec<Option<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let t = l.trim();
            if t.is_empty() || pages[i] || !(numbered(t) || at_break(i)) {
                return None;
            }
            let k = without_digits(t);
            (k.chars().filter(|c| c.is_alphabetic()).count() >= 4).then_some(k)
        })
        .collect();
    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for k in keys.iter().flatten() {
        *repeats.entry(k.as_str()).or_default() += 1;
    }
    let head = |i: usize| {
        keys[i]
            .as_deref()
            .is_some_and(|k| repeats.get(k).is_some_and(|n| *n >= 3))
    };
    (0..lines.len()).map(|i| pages[i] || head(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_after_its_heading_up_to_an_appendix() {
        let text = "Chapter 1\nSome text.\n\n8 References\n\nSmith, J. 2001. A.\n   wrapped.\n\
                    12\n\u{c}Doe, A. 2002. B.\nAppendix A: Data used\nTables.\n";
        let got: Vec<usize> = reference_lines(text)
            .iter()
            .enumerate()
            .filter(|(_, r)| **r)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(got, [5, 6, 8]);
        assert!(is_reference_heading("  Works Cited:"));
        // A page number at a page break or in a run of pages is furniture; an entry's
        // last line that is only its year, or `Press.` repeated at entries' ends, is not.
        let text = "References\n\nAbel, A. A title of some length, Oxford University\n   \
                    Press.\nBird, B. 2001. Another title. Oxford University\n   Press.\n\
                    Cole, C. A third one. Oxford University\n   Press.\nDunn, D. A fourth, \
                    in a journal,\n   1987\n\n   41\n\u{c}REFERENCES\nEast, E. 2002. Fifth.\n";
        let got: Vec<&str> = text
            .lines()
            .zip(reference_lines(text))
            .filter(|(_, r)| *r)
            .map(|(l, _)| l.trim())
            .collect();
        assert_eq!(got.iter().filter(|l| **l == "Press.").count(), 3, "{got:?}");
        assert!(got.contains(&"1987"), "{got:?}");
        assert!(!got.contains(&"41") && !got.iter().any(|l| l.contains("REFERENCES")), "{got:?}");
        let mut lines = vec!["12"];
        lines.extend(["text"; 6]);
        lines.extend(["13", "text", "1990", "ix"]);
        let pages = page_numbers(&lines);
        assert_eq!(pages.iter().filter(|p| **p).count(), 3, "{pages:?}");
        assert!(pages[0] && pages[7] && !pages[9] && pages[10], "{pages:?}");
        // Numbers on lines of their own a few lines apart number entries, not pages.
        let entries = ["1", "Abel, A. 2001.", "A title.", "2", "Bird, B. 2002.", "3", "Cole."];
        assert!(!page_numbers(&entries).contains(&true));
        assert!(!is_reference_heading("1.3 Literature Review"));
    }
}
