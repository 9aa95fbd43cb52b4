//! Chooses how to read an input: plain text, Markdown or HTML.
//!
//! The file name's extension decides when it is a known one (`.txt`, `.md`, `.html`
//! and their usual variants); otherwise the first few kilobytes are looked at. The
//! sniffing is conservative: text becomes HTML only when it starts like an HTML
//! document, and Markdown only when it holds unmistakable Markdown syntax (an ATX
//! heading, a link with an address, strong emphasis or a fenced code block), since
//! reading a plain article as Markdown would drop characters such as `*` and `_`.

use std::fmt;
use std::path::Path;

/// How an article is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text in the article shape the parser reads.
    Text,
    /// Markdown (CommonMark).
    Markdown,
    /// An HTML page, for example one saved from a browser.
    Html,
}

impl Format {
    /// The lower-case name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How many leading bytes [`sniff`] looks at.
const SNIFF_BYTES: usize = 8 * 1024;

/// The format a file name's extension names, if it names one.
pub fn from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        _ => None,
    }
}

/// The format `text` looks like it is written in.
pub fn sniff(text: &str) -> Format {
    let head = prefix(text, SNIFF_BYTES);
    if looks_like_html(head) {
        Format::Html
    } else if looks_like_markdown(head) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// The format of an input: from its name's extension, else from its content.
pub fn detect(name: &str, text: &str) -> Format {
    from_extension(Path::new(name)).unwrap_or_else(|| sniff(text))
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn looks_like_html(head: &str) -> bool {
    let start = head.trim_start_matches('\u{FEFF}').trim_start();
    let lower: String = prefix(start, 512).to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return true;
    }
    // An XML prolog or a comment first, then an <html> element.
    (lower.starts_with("<?xml") || lower.starts_with("<!--")) && lower.contains("<html")
        || lower.starts_with('<') && (lower.contains("<head") || lower.contains("<body"))
}

fn looks_like_markdown(head: &str) -> bool {
    head.lines().any(|line| {
        let line = line.trim_start();
        is_atx_heading(line)
            || line.starts_with("```")
            || line.starts_with("~~~")
            || line.contains("](http")
            || has_strong_emphasis(line)
    })
}

fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

/// `**word` ... `word**` on one line.
fn has_strong_emphasis(line: &str) -> bool {
    line.split_once("**").is_some_and(|(_, rest)| {
        !rest.starts_with(char::is_whitespace)
            && rest
                .split_once("**")
                .is_some_and(|(inner, _)| !inner.is_empty() && !inner.ends_with(' '))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_decides_when_known() {
        assert_eq!(detect("a/b.HTML", "plain"), Format::Html);
        assert_eq!(detect("b.md", "<html>"), Format::Markdown);
        assert_eq!(detect("b.txt", "# Heading"), Format::Text);
    }

    #[test]
    fn content_decides_otherwise() {
        assert_eq!(detect("-", "<!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(detect("page", "\u{FEFF}  <html lang=en>"), Format::Html);
        assert_eq!(detect("x", "<?xml version='1.0'?>\n<html>"), Format::Html);
        assert_eq!(detect("-", "Title\n\n# Part one\n"), Format::Markdown);
        assert_eq!(detect("-", "See [this](https://x.org)."), Format::Markdown);
        assert_eq!(detect("-", "A **strong** claim."), Format::Markdown);
        assert_eq!(
            detect("-", "Title\n\n- \"Item,\" 11/2/23\n#hashtag"),
            Format::Text
        );
        assert_eq!(detect("-", "5 ** 2 and 3 ** 4"), Format::Text);
        assert_eq!(detect("-", "a < b and <c>"), Format::Text);
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("aé", 2), "a");
    }
}
