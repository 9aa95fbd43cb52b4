//! Input text with a line index: byte spans inside, line and column only at the edges.
//!
//! Every span in reftrace is a byte range into [`Source::text`]. Line and column
//! numbers (1-based, columns counted in characters) are computed when something is
//! shown to a person, as `typst-syntax` does with its line index.

use serde::Serialize;
use std::ops::Range;

/// A byte range into a [`Source`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The byte range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Number of bytes covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// What a text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// An article: header, body, reference list, footer; the list is found by shape.
    #[default]
    Article,
    /// A reference list alone, one entry per line or wrapped entry (`--list`).
    List,
}

/// A named text with an index of where each line starts.
#[derive(Debug, Clone)]
pub struct Source {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    shape: Shape,
}

impl Source {
    /// Wraps `text`, read from `name` (a path, or `-` for standard input).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr_newlines(&text).map(|i| i + 1));
        Source {
            name: name.into(),
            text,
            line_starts,
            shape: Shape::Article,
        }
    }

    /// The same text, read as `shape`.
    pub fn with_shape(mut self, shape: Shape) -> Self {
        self.shape = shape;
        self
    }

    /// What the text holds: an article (the default) or a reference list alone.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The name it was read from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// Number of lines (a final line without a newline counts).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line number of byte `offset`.
    pub fn line_number(&self, offset: usize) -> usize {
        self.line_index(offset) + 1
    }

    /// 1-based (line, column) of byte `offset`; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let col = self.text[start..offset.min(self.text.len())]
            .chars()
            .count()
            + 1;
        (line + 1, col)
    }

    /// [`Source::line_col`] when `offset` is probably on 1-based line `near` or a few
    /// lines below it (a record's diagnostics, near its first line): those lines are
    /// tried first, the index searched only when they miss.
    pub fn line_col_near(&self, offset: usize, near: usize) -> (usize, usize) {
        const LOOK_AHEAD: usize = 8;
        let mut line = near.saturating_sub(1);
        if self.line_starts.get(line).is_some_and(|&start| start <= offset) {
            for _ in 0..LOOK_AHEAD {
                match self.line_starts.get(line + 1) {
                    Some(&next) if next <= offset => line += 1,
                    _ => {
                        let start = self.line_starts[line];
                        let col = self.text[start..offset.min(self.text.len())]
                            .chars()
                            .count()
                            + 1;
                        return (line + 1, col);
                    }
                }
            }
        }
        self.line_col(offset)
    }

    /// Span of 0-based line `index`, without its line terminator.
    pub fn line_span(&self, index: usize) -> Span {
        let start = self.line_starts[index];
        let mut end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// Iterator over (0-based index, span) of every line.
    pub fn lines(&self) -> impl Iterator<Item = (usize, Span)> + '_ {
        (0..self.line_count()).map(|i| (i, self.line_span(i)))
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = Source::new("t", "ab\n“cd”\r\nx");
        assert_eq!(src.line_count(), 3);
        assert_eq!(src.line_col(0), (1, 1));
        let d = src.text().find('d').unwrap();
        assert_eq!(src.line_col(d), (2, 3));
        assert_eq!(src.slice(src.line_span(1)), "“cd”");
        assert_eq!(src.slice(src.line_span(2)), "x");
    }

    #[test]
    fn a_guessed_line_gives_the_same_place() {
        let text = "ab\n“cd”\r\n\n\nx\n".to_string() + &"line\n".repeat(20) + "end";
        let src = Source::new("t", text);
        for offset in 0..=src.text().len() {
            if !src.text().is_char_boundary(offset) {
                continue;
            }
            for near in 0..=src.line_count() + 1 {
                assert_eq!(
                    src.line_col_near(offset, near),
                    src.line_col(offset),
                    "{offset} near {near}"
                );
            }
        }
    }
}
