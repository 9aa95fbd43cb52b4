//! The command-line vocabulary of `reftrace library`: its subcommands, flags and the
//! choices they take (clap derives).

use crate::cli::export::ExportFormat;
use crate::cli::read;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

/// Arguments of `reftrace library`.
#[derive(Debug, clap::Args)]
pub struct LibraryArgs {
    /// The library file [default: $REFTRACE_DB, else reftrace/library.sqlite in the
    /// user's data folder].
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: LibraryCommand,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum ViewFormat {
    /// For people.
    #[default]
    Text,
    /// JSON for scripts.
    Json,
}

/// `--sort` of `list`.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum SortArg {
    /// Newest first.
    #[default]
    Date,
    /// By title.
    Title,
    /// By key.
    Key,
    /// Most sources first.
    Sources,
    /// Most recently stored first.
    Added,
}

/// `--format` of `import`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportArg {
    /// BibTeX or BibLaTeX.
    Bibtex,
    /// RIS.
    Ris,
    /// CSL-JSON.
    CslJson,
    /// Hayagriva YAML.
    Yaml,
}

/// `--format` of `cite`.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum CiteArg {
    /// Plain text.
    #[default]
    Text,
    /// HTML.
    Html,
    /// Markdown.
    Markdown,
}

/// The subcommands of `reftrace library`.
#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Store articles: text, records, claims and links (the same text again updates it).
    Add {
        /// Articles (text, Markdown, HTML) or folders of them.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Also tag every work of these articles (put them in a collection).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Read invalid UTF-8 with replacement characters.
        #[arg(long)]
        lossy: bool,
        /// How the articles are written [default: from extension or content].
        #[arg(long, value_enum, value_name = "FORMAT")]
        input_format: Option<read::InputFormat>,
    },
    /// Import BibTeX/BibLaTeX, RIS, CSL-JSON or Hayagriva YAML files.
    Import {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Their format [default: from the extension: .bib, .ris, .json, .yml].
        #[arg(long, value_enum)]
        format: Option<ImportArg>,
        /// Also tag every imported work.
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
    },
    /// Search titles, authors, outlets and claims (exit 1 when nothing matches).
    #[command(
        after_help = "Fields: author: title: outlet: claim: year:2023 year:2020-2023 \
        tag: doi:\nA \"quoted phrase\" is a phrase; a word ending in * is a prefix."
    )]
    Search {
        /// The query, e.g. `author:knights year:2023 outlet:reuters drone`.
        #[arg(required = true)]
        query: Vec<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t)]
        format: ViewFormat,
    },
    /// One work: its fields, every record that mentions it and why they were merged.
    Show {
        /// The work's id.
        id: i64,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t)]
        format: ViewFormat,
    },
    /// Works, filtered and sorted.
    List {
        /// Only the works of this collection (tag).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Order.
        #[arg(long, value_enum, default_value_t)]
        sort: SortArg,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t)]
        format: ViewFormat,
    },
    /// Tag works (a collection is the set of works with one tag).
    Tag {
        /// The tag.
        tag: String,
        /// Work ids.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Remove a tag from works.
    Untag {
        /// The tag.
        tag: String,
        /// Work ids.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Every collection (tag) with its number of works.
    Collections,
    /// Export works through the usual writers: a collection, a query's results, or all.
    Export {
        /// A search query selecting the works [default: every work].
        query: Vec<String>,
        /// Only the works of this collection.
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Output format.
        #[arg(long, short = 't', value_enum)]
        to: ExportFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// BibTeX/BibLaTeX: non-ASCII letters as LaTeX accent commands.
        #[arg(long)]
        ascii: bool,
    },
    /// A formatted bibliography of library works in a CSL style.
    Cite {
        /// A search query selecting the works [default: every work].
        query: Vec<String>,
        /// Only the works of this collection.
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Style name or .csl file.
        #[arg(long, default_value = "apa")]
        style: String,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t)]
        format: CiteArg,
        /// Locale code such as en-US.
        #[arg(long)]
        locale: Option<String>,
    },
    /// Every stored claim that a work supports, with its article and confidence.
    Claims {
        /// The work's id.
        #[arg(long)]
        source: i64,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t)]
        format: ViewFormat,
    },
    /// Undo merges: records leave the work for works of their own (all merged ones
    /// when none is named).
    Split {
        /// The work.
        work: i64,
        /// Record ids (as `show` lists them).
        records: Vec<i64>,
    },
    /// Verify the library's integrity (exit 1 on problems).
    Check,
    /// Copy the library with SQLite's online backup (safe while others use it).
    Backup {
        /// Where to write the copy (never the library itself).
        path: PathBuf,
    },
}
