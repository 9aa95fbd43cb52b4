//! Reading input bytes into a [`Source`]: invalid UTF-8, binary files and empty input
//! are caught here with a clear message.
//!
//! Invalid UTF-8 is refused by default with the byte offset and line of the first bad
//! sequence (reading on would change the text silently); [`Decoding::Lossy`] reads it
//! with U+FFFD replacement characters and reports how many bytes were replaced.
//!
//! Articles come as plain text, Markdown or HTML ([`Format`], chosen by
//! [`detect()`] from the name's extension or the content). [`read_article`] decodes and
//! converts them into the plain-text article shape the parser reads: a date line, the
//! title, captions, body paragraphs separated by blank lines, reference lines and a
//! footer. Byte offsets and lines then refer to that text; for Markdown its lines are
//! the Markdown file's lines.
//!
//! ```
//! use reftrace::input::{Decoding, Format, read_article};
//!
//! let page = "<html><body><h2 class='date-header'>Monday, May 1, 2023</h2>\
//!             <h3 class='post-title'>A title</h3><div class='post-body'>Text.<br>\
//!             <br>Reuters, \"Blast,\" 5/1/23</div><div id='comments'>Hi</div></body></html>";
//! let read = read_article("post.html", page.as_bytes().to_vec(), Decoding::Strict, None)?;
//! assert_eq!(read.format, Format::Html);
//! assert_eq!(
//!     read.source.text(),
//!     "Monday, May 1, 2023\n\nA title\n\nText.\n\nReuters, \"Blast,\" 5/1/23\n"
//! );
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod detect;
internal_mod!(html);
mod links;
internal_mod!(markdown);
mod render;

pub use detect::{Format, detect, from_extension, sniff};

use crate::source::Source;
use thiserror::Error;

/// What to do with bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoding {
    /// Refuse the input, saying where the first bad byte is.
    #[default]
    Strict,
    /// Replace bad sequences with U+FFFD and go on.
    Lossy,
}

/// Why an input could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum InputError {
    /// Not UTF-8.
    #[error(
        "{name}: not valid UTF-8 at byte {offset} (line {line}); convert it first \
         (e.g. `iconv -f windows-1252 -t utf-8`) or pass --lossy"
    )]
    InvalidUtf8 {
        /// The input's name.
        name: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
        /// 1-based line of it.
        line: usize,
    },
    /// A PDF file, which reftrace cannot read yet.
    #[error(
        "{name}: this is a PDF file; reftrace reads text, Markdown and HTML, not PDF (yet). \
         Extract its text first, e.g. `pdftotext -layout {name} article.txt` (poppler-utils), \
         and check that the reference list came out one entry per line"
    )]
    Pdf {
        /// The input's name.
        name: String,
    },
    /// Looks like a binary file (NUL bytes).
    #[error("{name}: looks like a binary file (NUL byte at offset {offset}), not an article")]
    Binary {
        /// The input's name.
        name: String,
        /// Byte offset of the first NUL.
        offset: usize,
    },
}

/// A text read from bytes, with what was replaced if anything.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub source: Source,
    /// Bytes replaced by U+FFFD in lossy mode.
    pub replaced: usize,
    /// The format the input was read as ([`Format::Text`] for [`decode`]).
    pub format: Format,
}

/// Converts an article written in `format` into the plain-text article shape.
/// Plain text is returned as it is.
pub fn convert(format: Format, text: &str) -> String {
    match format {
        Format::Text => text.to_string(),
        Format::Markdown => markdown::to_text(text),
        Format::Html => html::to_text(text),
    }
}

/// Decodes `bytes` like [`decode`], then converts the article from its format:
/// `format` when given, else the one [`detect()`] finds from `name` and the text.
pub fn read_article(
    name: &str,
    bytes: Vec<u8>,
    decoding: Decoding,
    format: Option<Format>,
) -> Result<Decoded, InputError> {
    let decoded = decode(name, bytes, decoding)?;
    let format = format.unwrap_or_else(|| detect(name, decoded.source.text()));
    if format == Format::Text {
        return Ok(decoded);
    }
    let text = convert(format, decoded.source.text());
    Ok(Decoded {
        source: Source::new(name, text),
        replaced: decoded.replaced,
        format,
    })
}

/// Turns bytes into a [`Source`], stripping a UTF-8 byte-order mark.
pub fn decode(name: &str, bytes: Vec<u8>, decoding: Decoding) -> Result<Decoded, InputError> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let start = &start[start
        .iter()
        .take(1024)
        .take_while(|b| b.is_ascii_whitespace())
        .count()..];
    if start.starts_with(b"%PDF-") {
        return Err(InputError::Pdf {
            name: name.to_string(),
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary {
            name: name.to_string(),
            offset,
        });
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            source: Source::new(name, text),
            replaced: 0,
            format: Format::Text,
        }),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            match decoding {
                Decoding::Strict => Err(InputError::InvalidUtf8 {
                    name: name.to_string(),
                    offset,
                    line: bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1,
                }),
                Decoding::Lossy => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let replaced = text.matches('\u{FFFD}').count();
                    Ok(Decoded {
                        source: Source::new(name, text),
                        replaced,
                        format: Format::Text,
                    })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_refused_with_its_offset() {
        let err = decode("x", b"ab\ncd\xffe".to_vec(), Decoding::Strict).unwrap_err();
        assert_eq!(
            err,
            InputError::InvalidUtf8 {
                name: "x".into(),
                offset: 5,
                line: 2
            }
        );
        let ok = decode("x", b"ab\ncd\xffe".to_vec(), Decoding::Lossy).unwrap();
        assert_eq!(ok.replaced, 1);
        assert_eq!(ok.source.text(), "ab\ncd\u{FFFD}e");
    }

    #[test]
    fn binary_and_bom() {
        assert!(matches!(
            decode("x", b"PK\x03\x04\x00".to_vec(), Decoding::Strict),
            Err(InputError::Binary { offset: 4, .. })
        ));
        // A PDF is named as such, NUL bytes or not, even with --lossy.
        for pdf in [&b"%PDF-1.7\n%\xE2\xE3\n1 0 obj"[..], b"\n%PDF-1.4\x00"] {
            assert!(matches!(
                decode("x.pdf", pdf.to_vec(), Decoding::Lossy),
                Err(InputError::Pdf { .. })
            ));
        }
        let ok = decode("x", b"\xEF\xBB\xBFhi".to_vec(), Decoding::Strict).unwrap();
        assert_eq!(ok.source.text(), "hi");
    }
}
