//! `reftrace library` (alias `lib`): the persistent collection of works across articles
//! and imported bibliographies (see `crate::library`).
//!
//! Exit codes: 0 ok; 1 problems found (an article without a reference list, a
//! bibliography entry that could not be read, a search that found nothing, a failed
//! `check`); 2 usage or I/O errors, and a library that cannot be opened (damaged, from
//! a newer reftrace, not a reftrace library), which is left untouched.

mod args;
mod inputs;

pub use args::*;

use super::output::Inputs;
use super::print_stdout;
use crate::export::{self, Options};
use crate::format::{self, Output};
use crate::library::{
    self, ListOptions, NewArticle, NewImport, Query, Sort, Store, WorkSummary, view,
};
use anyhow::Context as _;
use inputs::{read_articles, read_imports, select};
use std::path::PathBuf;
use std::process::ExitCode;

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
