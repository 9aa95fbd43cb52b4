//! Loads the input named on the command line into a `Source`.

use super::InputArgs;
use reftrace::Source;
use reftrace::input::{Decoding, decode};
use std::io::Read;

/// An input that could not be read; the CLI exits 2.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file or standard input could not be read.
    #[error("{name}: {source}")]
    Io {
        /// What was being read.
        name: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// Not text.
    #[error(transparent)]
    Input(#[from] reftrace::input::InputError),
}

/// Reads the input; warns on standard error when bytes were replaced.
pub fn load(args: &InputArgs) -> Result<Source, ReadError> {
    let name = args.file.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|source| ReadError::Io {
                name: "<stdin>".into(),
                source,
            })?;
        buf
    } else {
        std::fs::read(&args.file).map_err(|source| ReadError::Io {
            name: name.clone(),
            source,
        })?
    };
    let decoding = if args.lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    };
    let decoded = decode(&name, bytes, decoding)?;
    if decoded.replaced > 0 {
        eprintln!(
            "reftrace: warning: {name}: {} invalid UTF-8 sequence(s) replaced with U+FFFD",
            decoded.replaced
        );
    }
    Ok(decoded.source)
}
