//! Reading input bytes into a [`Source`]: invalid UTF-8, binary files and empty input
//! are caught here with a clear message.
//!
//! Invalid UTF-8 is refused by default with the byte offset and line of the first bad
//! sequence (reading on would change the text silently); [`Decoding::Lossy`] reads it
//! with U+FFFD replacement characters and reports how many bytes were replaced.

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
}

/// Turns bytes into a [`Source`], stripping a UTF-8 byte-order mark.
pub fn decode(name: &str, bytes: Vec<u8>, decoding: Decoding) -> Result<Decoded, InputError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
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
        let ok = decode("x", b"\xEF\xBB\xBFhi".to_vec(), Decoding::Strict).unwrap();
        assert_eq!(ok.source.text(), "hi");
    }
}
