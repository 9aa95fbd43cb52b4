//! Flat rows of a traced article for tables: one [`LinkRow`] per claim–source link and
//! one [`RecordRow`] per record of the list. `reftrace trace DIR --out DIR --format
//! parquet` writes them as Parquet, and the Python package returns the same rows as
//! dicts or pyarrow tables, so DuckDB, pandas and Spark read results directly.
//!
//! Every column is a plain scalar or a list of strings; integers are signed (Spark
//! reads unsigned Parquet integers badly). The README's "Tables" section gives the
//! schema; keep it and `bindings/python/python/reftrace/tables.py` in step with this
//! file.
//!
//! ```
//! use reftrace::{Source, parse, rows, trace};
//!
//! let text = "Title line about Mosul\n\nAn IED hit a patrol near Mosul on November 8.\n\n\
//!             Reuters, \"Explosive device near Iraq's Mosul targets patrol,\" 11/9/23\n";
//! let source = Source::new("example.txt", text);
//! let parsed = parse(&source);
//! let traced = trace::trace(&source, &parsed, &trace::Options::default());
//! let links = rows::link_rows("example", &traced);
//! assert_eq!(links[0].reference, 1);
//! assert_eq!(rows::record_rows("example", &parsed, &traced)[0].outlet.as_deref(), Some("Reuters"));
//! ```

use crate::Parsed;
use crate::trace::{ClaimKind, Evidence, Trace};
use serde::Serialize;

/// One claim–source link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRow {
    /// The article's name (a batch's file name without extension, or the id given).
    pub article: String,
    /// The claim's 1-based position in the article.
    pub claim: i32,
    /// The claim's sentence.
    pub claim_text: String,
    /// `factual`, `opinion`, `forecast` or `question`.
    pub claim_kind: String,
    /// `supported` or `partial` (a claim with a link is never unsupported).
    pub claim_status: String,
    /// First byte of the claim in the article.
    pub byte_start: i64,
    /// One past its last byte.
    pub byte_end: i64,
    /// The source's 1-based position in the reference list.
    pub reference: i32,
    /// The source's citation key.
    pub reference_key: String,
    /// 1 for the claim's best source, then 2, 3, …
    pub rank: i32,
    /// Calibrated probability that the link is right, 0..1.
    pub score: f64,
    /// What matched, worded for a fact-checker.
    pub evidence: Vec<String>,
    /// What disagrees.
    pub conflicts: Vec<String>,
}

/// One record of an article's reference list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordRow {
    /// The article's name, as in [`LinkRow::article`].
    pub article: String,
    /// 1-based position in the list.
    pub index: i32,
    /// Citation key.
    pub key: String,
    /// 1-based line where the entry starts.
    pub line: i64,
    /// Whether the entry could be read.
    pub parsed: bool,
    /// Authors as `Family, Given`.
    pub authors: Vec<String>,
    /// Publication or publisher.
    pub outlet: Option<String>,
    /// Title as written.
    pub title: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// The year of `date`.
    pub year: Option<i32>,
    /// A URL given in the entry.
    pub url: Option<String>,
    /// CSL type of an academic work (`article-journal`, …); none for news entries.
    pub work_type: Option<String>,
    /// DOI of an academic work.
    pub doi: Option<String>,
    /// For a continuation line, the first entry of its run.
    pub continues: Option<i32>,
    /// An earlier entry that is probably the same work.
    pub duplicate_of: Option<i32>,
    /// Claims (1-based) this record supports.
    pub claims: Vec<i32>,
    /// The entry as written.
    pub raw: String,
}

/// The word of a claim kind, as the JSON contract writes it.
pub fn kind_name(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Factual => "factual",
        ClaimKind::Opinion => "opinion",
        ClaimKind::Forecast => "forecast",
        ClaimKind::Question => "question",
    }
}

fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn long(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// One row per link of `trace`, claims in text order and each claim's sources best
/// first.
pub fn link_rows(article: &str, trace: &Trace) -> Vec<LinkRow> {
    let texts = |list: &[Evidence]| -> Vec<String> {
        list.iter()
            .filter(|e| !matches!(e, Evidence::TitleOnly))
            .map(|e| e.to_string())
            .collect()
    };
    trace
        .claims
        .iter()
        .flat_map(|c| {
            c.sources.iter().enumerate().map(move |(rank, l)| LinkRow {
                article: article.to_string(),
                claim: int(c.index),
                claim_text: c.text.clone(),
                claim_kind: kind_name(c.kind).to_string(),
                claim_status: c.status.name().to_string(),
                byte_start: long(c.byte_start),
                byte_end: long(c.byte_end),
                reference: int(l.index),
                reference_key: l.key.clone(),
                rank: int(rank + 1),
                score: l.score,
                evidence: texts(&l.evidence),
                conflicts: texts(&l.conflicts),
            })
        })
        .collect()
}

/// One row per record of `parsed`, with the claims of `trace` that use it.
pub fn record_rows(article: &str, parsed: &Parsed, trace: &Trace) -> Vec<RecordRow> {
    parsed
        .references
        .iter()
        .map(|r| RecordRow {
            article: article.to_string(),
            index: int(r.index),
            key: r.key.clone(),
            line: long(r.line),
            parsed: r.parsed,
            authors: r.authors.iter().map(|p| p.to_string()).collect(),
            outlet: r.outlet.clone(),
            title: r.title.clone(),
            date: r.date.map(|d| d.to_string()),
            year: r.date.map(|d| d.year),
            url: r.url.clone(),
            work_type: r.work.kind.map(|k| k.csl().to_string()),
            doi: r.work.doi.clone(),
            continues: r.continues.map(int),
            duplicate_of: r.duplicate_of.map(int),
            claims: trace
                .references
                .iter()
                .find(|u| u.index == r.index)
                .map(|u| u.claims.iter().copied().map(int).collect())
                .unwrap_or_default(),
            raw: r.raw.clone(),
        })
        .collect()
}
