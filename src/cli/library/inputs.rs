//! What `reftrace library` reads before it opens the library: articles (parsed and
//! traced in parallel) and bibliography files to import; and which works a query and a
//! collection select.

use super::ImportArg;
use crate::cli::read;
use crate::library::{
    self, ImportFormat, ListOptions, NewArticle, NewImport, Query, Sort, Store, import,
};
use anyhow::Context as _;
use rayon::prelude::*;
use std::path::PathBuf;

/// Reads, parses and traces articles in parallel. An article without a usable
/// reference list is reported and left out (the bool says some were).
pub(super) fn read_articles(
    paths: &[PathBuf],
    lossy: bool,
    format: Option<read::InputFormat>,
) -> anyhow::Result<(Vec<NewArticle>, bool)> {
    let files = crate::cli::batch::collect(paths);
    let results: Vec<Result<Option<NewArticle>, read::ReadError>> = files
        .par_iter()
        .map(|f| {
            let args = crate::cli::InputArgs {
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
            let parsed = crate::parse(&source);
            if let Some(fatal) = crate::cli::fatal_diagnostic(&parsed) {
                eprint!("{}", crate::diag::render(fatal, &source));
                eprintln!("reftrace: {} not added", source.name());
                return Ok(None);
            }
            let traced = crate::trace::trace(&source, &parsed, &Default::default());
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
pub(super) fn read_imports(
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
pub(super) fn select(
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
