//! Running one per-article job over many articles in parallel.
//!
//! [`collect`] turns the paths on the command line into a list of articles (a
//! directory stands for the article files under it); [`run`] runs a job on each of
//! them with rayon, shows a progress bar only when standard error is a terminal, and
//! gathers per-file counts ([`Tally`]) into a [`Summary`]. A file that fails is
//! reported on standard error and counted; it never stops the others. Commands plug
//! in with their own job and tally (`parse` does; `trace` and `export` can).
//!
//! Output files are checked against the inputs and written atomically by
//! [`super::output`].

use crate::input::from_extension;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

/// Options for running a command over several articles.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// More articles or directories of articles (`.txt`, `.md`, `.html`, ...).
    #[arg(value_name = "MORE")]
    pub more: Vec<PathBuf>,
    /// Write one output file per article into this directory (created if missing);
    /// needed for several articles or a directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl BatchArgs {
    /// Whether the command runs as a batch: `--out`, several inputs or a directory.
    pub fn is_batch(&self, first: &Path) -> bool {
        self.out.is_some() || !self.more.is_empty() || first.is_dir()
    }
}

/// One article to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Where it is.
    pub path: PathBuf,
    /// A name for its outputs, unique in the batch: its path below the directory
    /// given (or its file name), without extension unless that is needed to tell two
    /// articles apart.
    pub stem: PathBuf,
}

/// The articles named by `paths`: files as given, directories walked (recursively,
/// in name order, skipping hidden entries) for files with an article extension.
/// Paths that cannot be listed are returned as articles, so that the job reports
/// them like any unreadable file.
pub fn collect(paths: &[PathBuf]) -> Vec<Article> {
    let mut found: Vec<(PathBuf, PathBuf)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files);
            files.sort();
            for file in files {
                let relative = file.strip_prefix(path).unwrap_or(&file).to_path_buf();
                found.push((file, relative));
            }
        } else {
            let name = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
            found.push((path.clone(), name));
        }
    }
    let plain: Vec<PathBuf> = found.iter().map(|(_, r)| r.with_extension("")).collect();
    let mut used = HashSet::new();
    found
        .into_iter()
        .zip(&plain)
        .map(|((path, relative), stem)| {
            let clashes = plain.iter().filter(|s| *s == stem).count() > 1;
            let base = if clashes { relative } else { stem.clone() };
            let mut stem = base.clone();
            let mut n = 2;
            while !used.insert(stem.clone()) {
                stem = PathBuf::from(format!("{}-{n}", base.display()));
                n += 1;
            }
            Article { path, stem }
        })
        .collect()
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, files),
            Ok(_) if from_extension(&path).is_some() => files.push(path),
            _ => {}
        }
    }
}

/// Per-article counts that add up over a batch.
pub trait Tally: Default + Send {
    /// Adds another article's counts.
    fn add(&mut self, other: &Self);
    /// Column names and values for the summary table.
    fn cells(&self) -> Vec<(&'static str, String)>;
}

/// What a job made of one article.
#[derive(Debug, Default)]
pub struct Outcome<T> {
    /// Its counts.
    pub tally: T,
    /// A problem that makes the article count as failed although it was read.
    pub problem: Option<String>,
    /// Something to tell without counting the article as failed.
    pub warning: Option<String>,
    /// A line for a combined output (JSON Lines), kept in input order.
    pub line: Option<String>,
}

/// The result of a batch.
#[derive(Debug)]
pub struct Summary<T> {
    /// Articles attempted.
    pub files: usize,
    /// Articles that failed or had a problem.
    pub failed: usize,
    /// Counts over the articles that were read.
    pub tally: T,
    /// The combined-output lines, in input order.
    pub lines: Vec<String>,
}

impl<T: Tally> Summary<T> {
    /// The summary as a small table.
    pub fn table(&self) -> String {
        let mut cells = vec![("files", self.files.to_string())];
        cells.extend(self.tally.cells());
        cells.push(("errors", self.failed.to_string()));
        let widths: Vec<usize> = cells.iter().map(|(k, v)| k.len().max(v.len())).collect();
        let mut head = String::new();
        let mut row = String::new();
        for ((key, value), width) in cells.iter().zip(widths) {
            head.push_str(&format!("{key:>width$}  "));
            row.push_str(&format!("{value:>width$}  "));
        }
        format!("{}\n{}\n", head.trim_end(), row.trim_end())
    }
}

/// Runs `job` on every article in parallel; failures are reported on standard error
/// as they happen (`reftrace: PATH: why`).
pub fn run<T, F>(articles: &[Article], job: F) -> Summary<T>
where
    T: Tally,
    F: Fn(&Article) -> anyhow::Result<Outcome<T>> + Sync,
{
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(articles.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} articles  {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let results: Vec<anyhow::Result<Outcome<T>>> = articles
        .par_iter()
        .map(|article| {
            let result = job(article);
            let why = match &result {
                Err(err) => Some(format!("{err:#}")),
                Ok(outcome) => outcome.problem.clone(),
            };
            if let Some(why) = why {
                let name = article.path.display().to_string();
                // Input errors name their file already.
                let line = if why.starts_with(&name) {
                    format!("reftrace: {why}")
                } else {
                    format!("reftrace: {name}: {why}")
                };
                bar.suspend(|| eprintln!("{line}"));
            }
            if let Ok(Outcome {
                warning: Some(warning),
                ..
            }) = &result
            {
                bar.suspend(|| eprintln!("reftrace: warning: {warning}"));
            }
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();

    let mut summary = Summary {
        files: articles.len(),
        failed: 0,
        tally: T::default(),
        lines: Vec::new(),
    };
    for result in results {
        match result {
            Ok(outcome) => {
                summary.tally.add(&outcome.tally);
                summary.failed += usize::from(outcome.problem.is_some());
                summary.lines.extend(outcome.line);
            }
            Err(_) => summary.failed += 1,
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_stay_unique() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.txt",
            "a.md",
            "b.html",
            "notes.json",
            ".hidden.txt",
            "sub/c.txt",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let stems: Vec<String> = collect(&[dir.path().to_path_buf()])
            .iter()
            .map(|a| a.stem.display().to_string())
            .collect();
        assert_eq!(stems, ["a.md", "a.txt", "b", "sub/c"]);
        let twice = collect(&[PathBuf::from("x/a.txt"), PathBuf::from("y/a.txt")]);
        assert_eq!(twice[0].stem, PathBuf::from("a.txt"));
        assert_eq!(twice[1].stem, PathBuf::from("a.txt-2"));
    }
}
