//! `reftrace library` (alias `lib`): the persistent collection of works across articles
//! and imported bibliographies (see `reftrace::library`).
//!
//! Exit codes: 0 ok; 1 problems found (an article without a reference list, a
//! bibliography entry that could not be read, a search that found nothing, a failed
//! `check`); 2 usage or I/O errors, and a library that cannot be opened (damaged, from
//! a newer reftrace, not a reftrace library), which is left untouched.

use super::export::ExportFormat;
use super::output::Inputs;
use super::{print_stdout, read};
use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};
use rayon::prelude::*;
use reftrace::export::{self, Options};
use reftrace::format::{self, Output};
use reftrace::library::{
    self, ImportFormat, ListOptions, NewArticle, NewImport, Query, Sort, Store, WorkSummary,
    import, view,
};
use std::path::PathBuf;
use std::process::ExitCode;

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

/// The library file chosen by `--db`, `REFTRACE_DB` or the default.
fn db_path(args: &LibraryArgs) -> anyhow::Result<PathBuf> {
    if let Some(p) = &args.db {
        return Ok(p.clone());
    }
    if let Some(p) = std::env::var_os("REFTRACE_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    library::default_path()
        .context("no library file: set --db PATH or REFTRACE_DB (no home folder found)")
}

pub fn run(args: &LibraryArgs) -> anyhow::Result<ExitCode> {
    let db = db_path(args)?;
    use LibraryCommand as C;
    if let C::Backup { path } = &args.command {
        Inputs::new([db.as_path()]).check(path)?;
    }
    // Articles and files are read before the library is opened: nothing to undo when
    // one cannot be read.
    let prepared = match &args.command {
        C::Add {
            articles,
            lossy,
            input_format,
            ..
        } => Some(Prepared::Articles(read_articles(
            articles,
            *lossy,
            *input_format,
        )?)),
        C::Import { files, format, .. } => Some(Prepared::Imports(read_imports(files, *format)?)),
        _ => None,
    };
    let mut lib = library::open(&db)?;
    match (&args.command, prepared) {
        (C::Add { collection, .. }, Some(Prepared::Articles((articles, failed)))) => {
            let outcomes = lib.add_articles(articles, collection.as_deref())?;
            for o in &outcomes {
                let what = match o.status {
                    library::AddStatus::New => "added",
                    library::AddStatus::Updated => "updated",
                };
                println!(
                    "{what} article {} ({}): {} records, {} works, {} merged with other sources",
                    o.article, o.name, o.records, o.works, o.merged
                );
            }
            Ok(code(failed))
        }
        (C::Import { collection, .. }, Some(Prepared::Imports((files, failed)))) => {
            let outcomes = lib.import(files, collection.as_deref())?;
            for o in &outcomes {
                if o.already {
                    println!(
                        "{}: already imported (import {}), nothing added",
                        o.name, o.import
                    );
                } else {
                    println!(
                        "imported {} ({}): {} records, {} merged with works already there",
                        o.name, o.import, o.records, o.merged
                    );
                }
            }
            Ok(code(failed))
        }
        (
            C::Search {
                query,
                limit,
                format,
            },
            _,
        ) => {
            let hits = lib.search(&Query::parse(&query.join(" ")), *limit)?;
            match format {
                ViewFormat::Json => print_json(&hits)?,
                ViewFormat::Text => print_works(&hits.works, *format)?,
            }
            if hits.capped {
                eprintln!(
                    "reftrace: more than {} works match; the {} most recently stored were \
                     ranked (add words or filters to rank them all)",
                    hits.ranked, hits.ranked
                );
            }
            Ok(code(hits.works.is_empty()))
        }
        (C::Show { id, format }, _) => {
            let work = lib.work(*id)?;
            match format {
                ViewFormat::Json => print_json(&work)?,
                ViewFormat::Text => print_stdout(&view::work_text(&work))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        (
            C::List {
                collection,
                sort,
                limit,
                format,
            },
            _,
        ) => {
            let options = ListOptions {
                tag: collection.clone(),
                sort: match sort {
                    SortArg::Date => Sort::Date,
                    SortArg::Title => Sort::Title,
                    SortArg::Key => Sort::Key,
                    SortArg::Sources => Sort::Sources,
                    SortArg::Added => Sort::Added,
                },
                limit: *limit,
            };
            print_works(&lib.list(&options)?, *format)?;
            Ok(ExitCode::SUCCESS)
        }
        (C::Tag { tag, ids }, _) => {
            let n = lib.tag(ids, tag)?;
            println!(
                "tagged {n} work(s) `{tag}` ({} already had it)",
                ids.len() - n
            );
            Ok(ExitCode::SUCCESS)
        }
        (C::Untag { tag, ids }, _) => {
            let n = lib.untag(ids, tag)?;
            println!("removed `{tag}` from {n} work(s)");
            Ok(ExitCode::SUCCESS)
        }
        (C::Collections, _) => {
            let text: String = lib
                .collections()?
                .iter()
                .map(|(name, n)| format!("{name}\t{n} work(s)\n"))
                .collect();
            print_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        (
            C::Export {
                query,
                collection,
                to,
                output,
                ascii,
            },
            _,
        ) => {
            if let Some(path) = output {
                Inputs::new([db.as_path()]).check(path)?;
            }
            let works = lib.export_works(&select(&lib, query, collection)?)?;
            let options = Options {
                ascii: *ascii,
                keep_duplicates: true,
            };
            let mut buf = Vec::new();
            export::write_works(&works, (*to).into(), &mut buf, &options)?;
            match output {
                Some(path) => Inputs::new([db.as_path()]).write(path, &buf)?,
                None => print_stdout(&String::from_utf8_lossy(&buf))?,
            }
            eprintln!("reftrace: exported {} work(s)", works.len());
            Ok(code(works.is_empty()))
        }
        (
            C::Cite {
                query,
                collection,
                style,
                format,
                locale,
            },
            _,
        ) => {
            let style = format::load_style(style)?;
            if let Some(code) = locale {
                format::check_locale(code)?;
            }
            let works = lib.export_works(&select(&lib, query, collection)?)?;
            let output = match format {
                CiteArg::Text => Output::Text,
                CiteArg::Html => Output::Html,
                CiteArg::Markdown => Output::Markdown,
            };
            let items = format::bibliography(&works, &style, locale.as_deref(), output)?;
            let sep = if matches!(format, CiteArg::Text) {
                "\n"
            } else {
                "\n\n"
            };
            let text: String = items.iter().map(|i| format!("{i}{sep}")).collect();
            print_stdout(&text)?;
            Ok(code(works.is_empty()))
        }
        (C::Claims { source, format }, _) => {
            let claims = lib.claims_of(*source)?;
            match format {
                ViewFormat::Json => print_json(&claims)?,
                ViewFormat::Text => print_stdout(&view::claims_text(*source, &claims))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        (C::Split { work, records }, _) => {
            for id in lib.split(*work, records)? {
                println!("split off work {id}");
            }
            Ok(ExitCode::SUCCESS)
        }
        (C::Check, _) => {
            let problems = lib.check()?;
            let counts = lib.counts()?;
            for p in &problems {
                println!("problem: {p}");
            }
            println!(
                "{}: {} articles, {} imports, {} records, {} works, {} claims; {}",
                db.display(),
                counts.articles,
                counts.imports,
                counts.records,
                counts.works,
                counts.claims,
                if problems.is_empty() {
                    "no problems found"
                } else {
                    "PROBLEMS FOUND"
                }
            );
            Ok(code(!problems.is_empty()))
        }
        (C::Backup { path }, _) => {
            lib.backup(path)?;
            println!("backed up {} to {}", db.display(), path.display());
            Ok(ExitCode::SUCCESS)
        }
        (C::Add { .. } | C::Import { .. }, _) => unreachable!("read before opening"),
    }
}

enum Prepared {
    Articles((Vec<NewArticle>, bool)),
    Imports((Vec<NewImport>, bool)),
}

fn code(problem: bool) -> ExitCode {
    if problem {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads, parses and traces articles in parallel. An article without a usable
/// reference list is reported and left out (the bool says some were).
fn read_articles(
    paths: &[PathBuf],
    lossy: bool,
    format: Option<read::InputFormat>,
) -> anyhow::Result<(Vec<NewArticle>, bool)> {
    let files = super::batch::collect(paths);
    let results: Vec<Result<Option<NewArticle>, read::ReadError>> = files
        .par_iter()
        .map(|f| {
            let args = super::InputArgs {
                file: f.path.clone(),
                lossy,
                input_format: format,
                list: false,
            };
            let loaded = read::load_path(&f.path, &args)?;
            if let Some(w) = loaded.warning() {
                eprintln!("reftrace: warning: {w}");
            }
            let source = loaded.source;
            let parsed = reftrace::parse(&source);
            if let Some(fatal) = super::fatal_diagnostic(&parsed) {
                eprint!("{}", reftrace::diag::render(fatal, &source));
                eprintln!("reftrace: {} not added", source.name());
                return Ok(None);
            }
            let traced = reftrace::trace::trace(&source, &parsed, &Default::default());
            Ok(Some(NewArticle::new(&source, &parsed, Some(&traced))))
        })
        .collect();
    let mut articles = Vec::new();
    let mut failed = false;
    for r in results {
        match r? {
            Some(a) => articles.push(a),
            None => failed = true,
        }
    }
    Ok((articles, failed))
}

/// Reads bibliography files; each entry that cannot be read is reported with
/// `file:line` (the bool says some were).
fn read_imports(
    paths: &[PathBuf],
    format: Option<ImportArg>,
) -> anyhow::Result<(Vec<NewImport>, bool)> {
    let mut out = Vec::new();
    let mut failed = false;
    for path in paths {
        let name = path.display().to_string();
        let format = match format {
            Some(ImportArg::Bibtex) => ImportFormat::Bibtex,
            Some(ImportArg::Ris) => ImportFormat::Ris,
            Some(ImportArg::CslJson) => ImportFormat::CslJson,
            Some(ImportArg::Yaml) => ImportFormat::Yaml,
            None => import::format_of(&name).with_context(|| {
                format!("{name}: unknown bibliography format; name it with --format")
            })?,
        };
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
        let text = String::from_utf8(bytes.clone()).map_err(|e| {
            anyhow::anyhow!(
                "{name}: not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            )
        })?;
        let read = import::read(&text, format);
        for p in &read.problems {
            eprintln!("{name}:{}: error: {}", p.line, p.message);
            failed = true;
        }
        if read.records.is_empty() && read.problems.is_empty() {
            eprintln!("{name}: warning: no entries found");
        }
        out.push(NewImport {
            name,
            format,
            hash: library::sqlite::content_hash(&bytes),
            records: read.records,
        });
    }
    Ok((out, failed))
}

/// Work ids chosen by a collection and/or a query; every work when neither is given.
fn select(
    lib: &impl Store,
    query: &[String],
    collection: &Option<String>,
) -> anyhow::Result<Vec<i64>> {
    let mut q = Query::parse(&query.join(" "));
    if collection.is_some() {
        q.tag.clone_from(collection);
    }
    let works = if q.is_empty() {
        lib.list(&ListOptions {
            sort: Sort::Key,
            ..Default::default()
        })?
    } else {
        lib.search(&q, usize::MAX)?.works
    };
    Ok(works.iter().map(|w| w.id).collect())
}

fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    print_stdout(&(serde_json::to_string_pretty(value)? + "\n"))?;
    Ok(())
}

fn print_works(works: &[WorkSummary], format: ViewFormat) -> anyhow::Result<()> {
    match format {
        ViewFormat::Json => print_json(&works),
        ViewFormat::Text => Ok(print_stdout(
            &works.iter().map(view::work_line).collect::<String>(),
        )?),
    }
}
