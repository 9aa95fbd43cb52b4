//! A plain-text table of records for the terminal.
//!
//! The table is written a row at a time ([`Table`]): `reftrace parse --format table`
//! streams the rows of a long list as its records are made, as it does JSON, and
//! holds neither the records nor the whole table. Columns are padded by characters,
//! as `format!("{:<24}")` pads.

use crate::{Article, Parsed, Reference, Severity};

/// Writes a table: [`Table::head`], one [`Table::row`] per record, [`Table::tail`].
#[derive(Debug, Default)]
pub struct Table {
    /// Scratch text for a cell, reused from row to row.
    cell: String,
    /// Scratch bytes for a date.
    date: Vec<u8>,
}

impl Table {
    /// The article's title and date, how its list was found, and the column names.
    pub fn head(&mut self, out: &mut Vec<u8>, article: &Article) {
        out.extend_from_slice(article.title.as_deref().unwrap_or("(no title)").as_bytes());
        out.extend_from_slice(b"  (");
        match article.date {
            Some(d) => self.push_date(out, d),
            None => out.extend_from_slice(b"no date"),
        }
        out.extend_from_slice(b")\n");
        if let Some(section) = &article.references {
            out.extend_from_slice(b"reference list: ");
            out.extend_from_slice(section.found_by.as_bytes());
            out.push(b'\n');
        }
        out.extend_from_slice(
            format!(
                "\n{:>3} {:>4}  {:<24} {:<22} {:<10} {:>4}  title\n",
                "#", "line", "authors", "outlet", "date", "cont"
            )
            .as_bytes(),
        );
    }

    /// One record's row.
    pub fn row(&mut self, out: &mut Vec<u8>, r: &Reference) {
        pad_left(out, &number(r.index), 3);
        out.push(b' ');
        pad_left(out, &number(r.line), 4);
        out.extend_from_slice(b"  ");
        self.cell.clear();
        if r.authors.is_empty() {
            self.cell.push('—');
        } else {
            for (i, p) in r.authors.iter().enumerate() {
                if i > 0 {
                    self.cell.push_str("; ");
                }
                self.cell.push_str(&p.family);
            }
        }
        clip(out, &self.cell, 24);
        out.push(b' ');
        clip(out, r.outlet.as_deref().unwrap_or("—"), 22);
        out.push(b' ');
        let date_start = out.len();
        match r.date {
            Some(d) => self.push_date(out, d),
            None => out.extend_from_slice("—".as_bytes()),
        }
        let date_chars = chars(&out[date_start..]);
        pad(out, 10usize.saturating_sub(date_chars));
        out.push(b' ');
        match r.continues {
            Some(c) => pad_left(out, &format!("↑{c}"), 4),
            None => pad(out, 4),
        }
        out.extend_from_slice(b"  ");
        if r.parsed {
            clip(out, r.title.as_deref().unwrap_or("—"), 60);
        } else {
            out.extend_from_slice(b"UNPARSED: ");
            self.cell.clear();
            for (i, word) in r.raw.split_whitespace().enumerate() {
                if i > 0 {
                    self.cell.push(' ');
                }
                self.cell.push_str(word);
            }
            clip(out, &self.cell, 50);
        }
        let flags = r
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .count();
        if flags > 0 {
            out.extend_from_slice(format!("  [{flags} warning(s)]").as_bytes());
        }
        out.push(b'\n');
    }

    /// The count of records and the hint below the rows.
    pub fn tail(&mut self, out: &mut Vec<u8>, records: usize) {
        out.extend_from_slice(
            format!("\n{records} references; run `reftrace check` to see every repair.\n")
                .as_bytes(),
        );
    }

    /// A date as its display writes it (`2023-11-07`): as JSON writes it, unquoted.
    fn push_date(&mut self, out: &mut Vec<u8>, d: crate::refs::PartialDate) {
        self.date.clear();
        crate::refs::json::date(&mut self.date, d);
        out.extend_from_slice(
            self.date
                .get(1..self.date.len().saturating_sub(1))
                .unwrap_or_default(),
        );
    }
}

/// Renders the article's title, date and one row per reference.
pub fn references(parsed: &Parsed) -> String {
    let mut out = Vec::new();
    let mut table = Table::default();
    table.head(&mut out, &parsed.article);
    for r in &parsed.references {
        table.row(&mut out, r);
    }
    table.tail(&mut out, parsed.references.len());
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A number in decimal.
fn number(n: usize) -> String {
    let mut out = Vec::new();
    crate::refs::json::uint(&mut out, n);
    String::from_utf8(out).unwrap_or_default()
}

/// How many characters UTF-8 `bytes` hold.
fn chars(bytes: &[u8]) -> usize {
    // Every byte but a continuation byte starts a character.
    bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// `n` spaces.
fn pad(out: &mut Vec<u8>, n: usize) {
    out.resize(out.len() + n, b' ');
}

/// `text` right-aligned in `width` characters (`{:>width$}`).
fn pad_left(out: &mut Vec<u8>, text: &str, width: usize) {
    pad(out, width.saturating_sub(chars(text.as_bytes())));
    out.extend_from_slice(text.as_bytes());
}

/// `text` left-aligned in `width` characters, or cut to `width - 1` characters and `…`.
fn clip(out: &mut Vec<u8>, text: &str, width: usize) {
    match text.char_indices().nth(width) {
        None => {
            out.extend_from_slice(text.as_bytes());
            pad(out, width.saturating_sub(chars(text.as_bytes())));
        }
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(width.saturating_sub(1))
                .map_or(text.len(), |(at, _)| at);
            out.extend_from_slice(&text.as_bytes()[..cut]);
            out.extend_from_slice("…".as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first version of the table's cells, by `format!`.
    fn clip_by_format(text: &str, width: usize) -> String {
        if text.chars().count() <= width {
            format!("{text:<width$}")
        } else {
            let cut: String = text.chars().take(width.saturating_sub(1)).collect();
            format!("{cut}…")
        }
    }

    #[test]
    fn cells_are_padded_and_cut_as_format_does() {
        for text in [
            "",
            "a",
            "Shafaq News",
            "“Iraq’s” é",
            &"x".repeat(24),
            &"é".repeat(25),
        ] {
            for width in [0, 1, 10, 24] {
                let mut out = Vec::new();
                clip(&mut out, text, width);
                assert_eq!(String::from_utf8(out).unwrap(), clip_by_format(text, width));
            }
        }
        let mut out = Vec::new();
        pad_left(&mut out, "↑7", 4);
        assert_eq!(String::from_utf8(out).unwrap(), format!("{:>4}", "↑7"));
    }

    #[test]
    fn a_table_has_a_row_per_record() {
        let text = "November 22, 2023\nA Title\n\nBody sentence here. Another one.\n\n\
            Knights, Michael, \"Iraq's militias and the drones,\" Washington Institute, 11/9/23\n\
            - \"Drone attack on Erbil base today,\" 11/10/23\n\
            Reuters, \"Explosive device near Mosul,\" 11/9/23\n";
        let parsed = crate::parse(&crate::Source::new("t.txt", text));
        let table = references(&parsed);
        assert!(table.starts_with("A Title  (2023-11-22)\n"));
        assert_eq!(table.lines().filter(|l| l.contains("11-09")).count(), 2);
        assert!(table.ends_with("\n3 references; run `reftrace check` to see every repair.\n"));
    }
}
