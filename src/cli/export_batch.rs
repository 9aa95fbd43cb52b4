//! `reftrace export DIR|FILES... --to FORMAT [-o OUT]`: one combined bibliography of
//! several articles, duplicates across articles merged and keys unique across the
//! batch ([`crate::export::combine`](fn@crate::export::combine)), and a summary table on standard error.
//!
//! Articles are read and parsed in parallel. An article that cannot be read, or has
//! no reference that could be parsed, is reported and counted as an error; the
//! others are still exported and the command exits 1.

use super::batch::{self, Article, Outcome, Tally};
use super::export::ExportArgs;
use super::output::Inputs;
use super::{print_stdout, read};
use crate::Reference;
use crate::export::{self, Options};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

/// Counts of the exported articles.
#[derive(Debug, Default)]
struct ExportTally {
    articles: usize,
    references: usize,
    unparsed: usize,
    /// Works written, known once the lists are combined.
    works: usize,
}

impl Tally for ExportTally {
    fn add(&mut self, other: &Self) {
        self.articles += other.articles;
        self.references += other.references;
        self.unparsed += other.unparsed;
        self.works += other.works;
    }

    fn cells(&self) -> Vec<(&'static str, String)> {
        vec![
            ("articles", self.articles.to_string()),
            ("references", self.references.to_string()),
            ("unparsed", self.unparsed.to_string()),
            ("works", self.works.to_string()),
        ]
    }
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let input = &args.input;
    let mut paths = vec![input.file.clone()];
    paths.extend(args.more.iter().cloned());
    let articles = batch::collect(&paths);
    let inputs = Inputs::new(articles.iter().map(|a| a.path.as_path()));
    if let Some(path) = &args.output {
        inputs.check(path)?;
    }
    let lists: Mutex<HashMap<PathBuf, Vec<Reference>>> = Mutex::new(HashMap::new());
    let mut summary = batch::run(&articles, |article: &Article| {
        let loaded = read::load_path(&article.path, input)?;
        let parsed = crate::parse(&loaded.source);
        let mut outcome = Outcome {
            tally: ExportTally {
                articles: 1,
                references: parsed.references.len(),
                unparsed: parsed.references.iter().filter(|r| !r.parsed).count(),
                works: 0,
            },
            problem: None,
            warning: loaded.warning(),
            line: None,
        };
        if !parsed.references.iter().any(|r| r.parsed) {
            let why = parsed
                .diagnostics
                .iter()
                .find(|d| d.severity == crate::Severity::Error);
            outcome.problem = Some(why.map_or_else(
                || "no reference could be parsed".into(),
                |d| d.message.clone(),
            ));
        }
        lists
            .lock()
            .map_err(|_| anyhow::anyhow!("a parallel job failed"))?
            .insert(article.stem.clone(), parsed.references);
        Ok(outcome)
    });
    let mut lists = lists
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a parallel job failed"))?;
    let in_order: Vec<Vec<Reference>> = articles
        .iter()
        .filter_map(|a| lists.remove(&a.stem))
        .collect();
    let combined = export::combine(in_order);
    let options = Options {
        ascii: args.ascii,
        keep_duplicates: args.keep_duplicates,
    };
    summary.tally.works = export::works(&combined, &options).len();
    let text = export::to_string(&combined, args.to.into(), &options)?;
    match &args.output {
        Some(path) => inputs.write(path, text.as_bytes())?,
        None => print_stdout(&text)?,
    }
    eprint!("{}", summary.table());
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
