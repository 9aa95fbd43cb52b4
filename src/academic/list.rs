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
    blank_before: bool,
    indented: bool,
    marker: Option<u32>,
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

/// The entries of `text`.
pub fn entries(text: &str) -> Vec<Entry> {
    let mut lines = Vec::new();
    let mut offset = 0;
    let mut blank = false;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            blank = true;
            continue;
        }
        let lead = body.len() - body.trim_start().len();
        lines.push(Line {
            span: start + lead..start + body.trim_end().len(),
            number: i + 1,
            blank_before: blank,
            indented: lead > 0,
            marker: marker(body),
        });
        blank = false;
    }
    if lines.is_empty() {
        return Vec::new();
    }
    let n = lines.len();
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
    let by_blank = sizes.len() >= 2 && multi >= 2 && multi * 2 >= sizes.len();
    let marked = lines.iter().filter(|l| l.marker.is_some()).count();
    let by_marker = lines[0].marker.is_some() && marked >= 2 && marked < n;
    let indented = lines.iter().filter(|l| l.indented).count();
    let by_indent = !lines[0].indented && indented > 0 && indented < n && !by_marker;
    let mut out: Vec<Entry> = Vec::new();
    for l in &lines {
        let starts = match out.last() {
            None => true,
            Some(_) if by_blank => l.blank_before,
            Some(_) if by_marker => l.marker.is_some() || l.blank_before,
            Some(_) if by_indent => !l.indented || l.blank_before,
            Some(_) => true,
        };
        match out.last_mut() {
            Some(e) if !starts => e.span.end = l.span.end,
            _ => out.push(Entry {
                span: l.span.clone(),
                line: l.number,
            }),
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
    fn markers() {
        assert_eq!(marker("[12] A"), Some(12));
        assert_eq!(marker("3. A"), Some(3));
        assert_eq!(marker("2001. A"), Some(2001));
        assert_eq!(marker("12.5 A"), None);
        assert_eq!(marker("Smith"), None);
    }
}
