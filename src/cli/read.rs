//! Loads the input named on the command line into a `Source`: decodes it, chooses
//! its format (`--input-format`, else the extension or the content), converts
//! Markdown and HTML into the plain-text article shape, and marks it as a reference
//! list alone when `--list` is given.

use super::InputArgs;
use crate::input::{Decoding, Format, read_article};
use crate::{Shape, Source};
use clap::ValueEnum;
use std::io::Read;
use std::path::Path;

/// How the article is written (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text in the article shape.
    Text,
    /// Markdown: markup is removed, lines are kept.
    #[value(alias = "md")]
    Markdown,
    /// An HTML page: the post is found and laid out as text.
    #[value(alias = "htm")]
    Html,
}

impl From<InputFormat> for Format {
    fn from(format: InputFormat) -> Self {
        match format {
            InputFormat::Text => Format::Text,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Html => Format::Html,
        }
    }
}

/// An input that could not be read; the CLI exits 2.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file or standard input could not be read (the cause is the `source`, shown
    /// after the name by the error chain).
    #[error("{name}")]
    Io {
        /// What was being read.
        name: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// Not text.
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
}

/// An article read, with what the reader had to repair.
#[derive(Debug)]
pub struct Loaded {
    /// The article in the plain-text shape.
    pub source: Source,
    /// Invalid UTF-8 sequences replaced (only with `--lossy`).
    pub replaced: usize,
}

impl Loaded {
    /// The warning to show when bytes were replaced.
    pub fn warning(&self) -> Option<String> {
        (self.replaced > 0).then(|| {
            format!(
                "{}: {} invalid UTF-8 sequence(s) replaced with U+FFFD",
                self.source.name(),
                self.replaced
            )
        })
    }
}

/// Reads the input; warns on standard error when bytes were replaced.
pub fn load(args: &InputArgs) -> Result<Source, ReadError> {
    let loaded = load_path(&args.file, args)?;
    if let Some(warning) = loaded.warning() {
        eprintln!("reftrace: warning: {warning}");
    }
    Ok(loaded.source)
}

/// Reads one article from `path` (`-` is standard input) with the options of `args`
/// (`--lossy`, `--input-format`, `--list`; its own file is not read), without printing
/// anything.
pub fn load_path(path: &Path, args: &InputArgs) -> Result<Loaded, ReadError> {
    let (lossy, format) = (args.lossy, args.input_format);
    let name = path.display().to_string();
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
        std::fs::read(path).map_err(|source| ReadError::Io {
            name: name.clone(),
            source,
        })?
    };
    let decoding = if lossy {
        Decoding::Lossy
    } else {
        Decoding::Strict
    };
    let decoded = read_article(&name, bytes, decoding, format.map(Format::from))?;
    let shape = if args.list {
        Shape::List
    } else {
        Shape::Article
    };
    Ok(Loaded {
        source: decoded.source.with_shape(shape),
        replaced: decoded.replaced,
    })
}
