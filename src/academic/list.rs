//! Splitting a pasted reference list into entries: one entry per line, or wrapped
//! entries told apart by blank lines, by numbers (`[12]`, `12.`) that start each entry,
//! or by a hanging indent.

use std::ops::Range;

/// One entry of a list: its bytes in the text and the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Bytes of the entry (all its lines).
    pub span: Range<usize>,
    /// 1-based line of its first line.
    pub line: usize,
}

struct Line {
    span: Range<usize>,
    number: usize,
    /// A blank line stands between this line and the one before, not counting the blank
    /// lines of a page break.
    blank_before: bool,
    /// A page break (page furniture or a form feed) stands between this line and the one
    /// before.
    page_break: bool,
    /// Columns of white space before the text (a form feed is not white space here).
    lead: usize,
    marker: Option<u32>,
    /// The line ends as an entry does (`.`, `)`, `]` or a digit).
    ends_entry: bool,
}

/// The number that starts a line: `[12]`, `12.`, `12)`.
pub fn marker(line: &str) -> Option<u32> {
    let t = line.trim_start();
    let (inner, rest) = if let Some(r) = t.strip_prefix('[') {
        let end = r.find(']')?;
        (&r[..end], &r[end + 1..])
    } else {
        let end = t.find(|c: char| !c.is_ascii_digit())?;
        let (d, r) = t.split_at(end);
        let r = r.strip_prefix(['.', ')'])?;
        (d, r)
    };
    if inner.is_empty() || inner.len() > 4 || !rest.starts_with([' ', '\t']) {
        return None;
    }
    inner.parse().ok()
}

/// The entries of `text`: [`entries_between`] with no page furniture.
pub fn entries(text: &str) -> Vec<Entry> {
    entries_between(text, |_| false)
}

/// The entries of `text`, whose lines `furniture(i)` holds for (0-based line `i`: page
/// numbers and running heads the document finder found) belong to no entry: an entry
/// that goes on over a page break keeps them inside its span, and the blank lines around
/// them do not separate entries.
///
/// How entries are told apart is decided for the whole list, in this order: numbers that
/// start entries (`[12]`, `12.`, each one more than the last, or a few more), blank lines when at least
/// two blocks and half of them have more than one line, a hanging indent (first lines
/// further left than the lines that go on), else one entry a line. A list with a blank
/// line after nearly every line (double spacing) is told apart by its numbers or indent
/// alone.
pub fn entries_between(text: &str, furniture: impl Fn(usize) -> bool) -> Vec<Entry> {
    let mut lines: Vec<Line> = Vec::new();
    let mut offset = 0;
    let (mut blank, mut broke) = (false, false);
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            blank = true;
            continue;
        }
        if furniture(i) {
            broke = true;
            continue;
        }
        let fed = body.trim_start_matches('\u{c}');
        broke |= fed.len() < body.len();
        let lead = fed.len() - fed.trim_start().len();
        let first = start + (body.len() - fed.len()) + lead;
        let t = body.trim_end();
        lines.push(Line {
            span: first..start + t.len(),
            number: i + 1,
            blank_before: blank && !broke,
            page_break: broke,
            lead,
            marker: marker(fed),
            ends_entry: t.ends_with(['.', ')', ']']) || t.ends_with(|c: char| c.is_ascii_digit()),
        });
        (blank, broke) = (false, false);
    }
    let Some(base) = lines.iter().map(|l| l.lead).min() else {
        return Vec::new();
    };
    let indented = |l: &Line| l.lead > base;
    let n = lines.len();
    let blanks = lines.iter().skip(1).filter(|l| l.blank_before).count();
    let double_spaced = n >= 3 && blanks * 5 >= (n - 1) * 4;
    // Blank lines separate wrapped entries when at least two blocks, and at least half
    // of them, have more than one line.
    let mut sizes = Vec::new();
    for l in &lines {
        if l.blank_before || sizes.is_empty() {
            sizes.push(0usize);
        }
        if let Some(s) = sizes.last_mut() {
            *s += 1;
        }
    }
    let multi = sizes.iter().filter(|s| **s > 1).count();
    // Lines whose number follows the one before (1, 2, 3, …).
    let mut marked = 0;
    if let Some(first) = lines[0].marker {
        let mut last = first.wrapping_sub(1);
        for m in lines.iter().filter_map(|l| l.marker) {
            if m == last.wrapping_add(1) {
                (marked, last) = (marked + 1, m);
            }
        }
    }
    let by_marker = marked >= 2 && marked < n;
    let lifted = lines.iter().filter(|l| indented(l)).count();
    let by_indent = !indented(&lines[0]) && lifted > 0 && lifted < n && !by_marker;
    // A hanging indent inside blocks (a first line right after a line that goes on, with
    // no blank line between) more often than blocks: the blocks are pages or groups, not
    // entries.
    let hanging = lines
        .windows(2)
        .filter(|w| indented(&w[0]) && !indented(&w[1]) && !w[1].blank_before)
        .count();
    let by_blank = !double_spaced
        && sizes.len() >= 2
        && multi >= 2
        && multi * 2 >= sizes.len()
        && !(by_indent && hanging >= 2);
    let mut out: Vec<Entry> = Vec::new();
    let mut number = lines[0].marker.unwrap_or(0);
    let mut prev_ends = false;
    for l in &lines {
        let starts = match out.last() {
            None => true,
            Some(_) if by_marker => {
                // The next number, or one a little further on (a number lost in
                // copying) at the left edge; a year that starts a wrapped line is no
                // entry's number.
                l.marker.is_some_and(|m| {
                    m == number.wrapping_add(1) || (m > number && m < number + 10 && !indented(l))
                })
                    || (!double_spaced && l.blank_before)
            }
            Some(_) if by_blank => l.blank_before || (l.page_break && prev_ends && !indented(l)),
            Some(_) if by_indent => !indented(l) || (!double_spaced && l.blank_before),
            Some(_) => true,
        };
        prev_ends = l.ends_entry;
        match out.last_mut() {
            Some(e) if !starts => e.span.end = l.span.end,
            _ => {
                if let Some(m) = l.marker {
                    number = m;
                }
                out.push(Entry {
                    span: l.span.clone(),
                    line: l.number,
                })
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        entries(t).into_iter().map(|e| &t[e.span]).collect()
    }

    #[test]
    fn one_per_line() {
        let t = "Smith, J. (2001). A.\nlower case start, 2002.\n\nDoe, A. (2003). B.\n";
        assert_eq!(
            texts(t),
            [
                "Smith, J. (2001). A.",
                "lower case start, 2002.",
                "Doe, A. (2003). B."
            ]
        );
        assert_eq!(entries(t)[2].line, 4);
    }

    #[test]
    fn wrapped_by_blank_lines_markers_and_indent() {
        let t = "Smith, J. (2001). A long\ntitle. Journal.\n\nDoe, A. (2003). B.\nC.\n";
        assert_eq!(
            texts(t),
            [
                "Smith, J. (2001). A long\ntitle. Journal.",
                "Doe, A. (2003). B.\nC."
            ]
        );
        let t = "[1] A. Smith, “A long\ntitle,” 2001.\n[2] B. Doe, “B,” 2002.\n";
        assert_eq!(
            texts(t),
            [
                "[1] A. Smith, “A long\ntitle,” 2001.",
                "[2] B. Doe, “B,” 2002."
            ]
        );
        let t = "Smith, J. (2001). A long\n    title. Journal.\nDoe, A. (2003). B.\n";
        assert_eq!(
            texts(t),
            [
                "Smith, J. (2001). A long\n    title. Journal.",
                "Doe, A. (2003). B."
            ]
        );
        assert!(entries(" \n\n").is_empty());
    }

    #[test]
    fn page_breaks_neither_split_nor_join_entries() {
        // A hanging indent over two pages: the page number, the form feed and the blank
        // lines around them are no separators, and lines left out are in no entry.
        let t = "Abel, A. 2001. A title that\n   goes on. J. Things 4, 1-9.\nBird, B. 2002. \
                 Second\n   entry.\n\n  61\n\u{c}Cole, C. 2003. Third, over\n   the \
                 break.\n\n\n 62\n\u{c}   still the third.\nDunn, D. 2004. Fourth.\n";
        let skip = |i: usize| matches!(i, 5 | 10);
        let got: Vec<String> = entries_between(t, skip)
            .into_iter()
            .map(|e| t[e.span].split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            got,
            [
                "Abel, A. 2001. A title that goes on. J. Things 4, 1-9.",
                "Bird, B. 2002. Second entry.",
                "Cole, C. 2003. Third, over the break. 62 still the third.",
                "Dunn, D. 2004. Fourth."
            ]
        );
        // Whole pages between blank lines are not entries when a hanging indent splits
        // them further.
        let t = "Abel, A. 2001. One\n   more.\nBird, B. 2002. Two\n   more.\n\nCole, C. \
                 2003. Three\n   more.\nDunn, D. 2004. Four\n   more.\n";
        assert_eq!(entries(t).len(), 4);
        // So is a list with a blank line after every line (double spacing).
        let t = "Abel, A. 2001. One\n\n   more.\n\nBird, B. 2002. Two\n\n   more.\n\n\
                 Cole, C. 2003. Three.\n";
        assert_eq!(texts(t).len(), 3);
        assert_eq!(texts(t)[0], "Abel, A. 2001. One\n\n   more.");
        // A list indented as a whole is measured from its own left edge.
        let t = "    Abel, A. 2001. One\n       more.\n    Bird, B. 2002. Two.\n";
        assert_eq!(texts(t), ["Abel, A. 2001. One\n       more.", "Bird, B. 2002. Two."]);
    }

    #[test]
    fn numbered_entries_follow_their_numbers() {
        // A wrapped line that starts with a year and a full stop is no entry of its own.
        let t = "1. A. Smith, A long title,\n2001. Journal.\n2. B. Doe, Another, 2002.\n\
                 3. C. Roe, Third, 2003.\n";
        assert_eq!(
            texts(t),
            [
                "1. A. Smith, A long title,\n2001. Journal.",
                "2. B. Doe, Another, 2002.",
                "3. C. Roe, Third, 2003."
            ]
        );
    }

    #[test]
    fn markers() {
        assert_eq!(marker("[12] A"), Some(12));
        assert_eq!(marker("3. A"), Some(3));
        assert_eq!(marker("2001. A"), Some(2001));
        assert_eq!(marker("12.5 A"), None);
        assert_eq!(marker("Smith"), None);
    }
}
