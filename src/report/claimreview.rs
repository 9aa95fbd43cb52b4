//! schema.org `ClaimReview` items in JSON-LD, one per claim, for fact-checking
//! pipelines.
//!
//! Each item names the claim (`claimReviewed`), the article it appears in
//! (`itemReviewed`: a `Claim` with its `appearance` and `datePublished`) and the
//! article's own listed sources that reftrace linked to it (`citation`: a
//! `NewsArticle`, `Report` or `CreativeWork` each, with headline, authors, publisher,
//! date, and reftrace's support level and score as `PropertyValue`s).
//!
//! There is deliberately no `reviewRating`: reftrace judges whether the article's
//! sources are consistent with a claim, from their titles, outlets and dates, never
//! whether the claim is true. Every item's `description` says so.
//!
//! Sources come from the export's works ([`crate::export::works`]), so a source
//! listed twice is one cited work, with the same key as in an exported bibliography.
//! The JSON has `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so it can be
//! pasted into an HTML `<script type="application/ld+json">` as it is.
//!
//! ```
//! use reftrace::report::claimreview;
//! use reftrace::{Source, parse, trace};
//!
//! let text = "Title line about Mosul\n\nAn IED hit a patrol near Mosul on November 8.\n\n\
//!             Reuters, \"Explosive device near Iraq's Mosul targets patrol,\" 11/9/23\n\
//!             - \"Drone attack on Erbil,\" 11/10/23\n";
//! let source = Source::new("example.txt", text);
//! let parsed = parse(&source);
//! let traced = trace::trace(&source, &parsed, &trace::Options::default());
//! let items = claimreview::items(&parsed, &traced, None);
//! assert_eq!(items.len(), traced.claims.len());
//! let json = serde_json::to_value(&items[0])?;
//! assert_eq!(json["@type"], "ClaimReview");
//! assert!(json.get("reviewRating").is_none());
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::Parsed;
use crate::export::{self, Options, Work, WorkKind};
use crate::refs::Person;
use crate::trace::{ClaimKind, ClaimTrace, Link, SUPPORTED_AT, Status, Trace};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;

/// What every item says about what reftrace does and does not judge.
const NOT_A_RATING: &str = "reftrace compares a claim only with the titles, outlets and \
    dates of the sources the article itself lists; it does not judge whether the claim \
    is true, so this review has no reviewRating.";

/// A schema.org `ClaimReview` without a rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReview {
    /// Always `https://schema.org`.
    #[serde(rename = "@context")]
    pub context: &'static str,
    /// Always `ClaimReview`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The claim's sentence.
    pub claim_reviewed: String,
    /// Always `sourcing`: what was reviewed is the claim's support by its sources.
    pub review_aspect: &'static str,
    /// What reftrace found, and that it does not judge truth.
    pub description: String,
    /// The claim and where it appears.
    pub item_reviewed: ClaimItem,
    /// The claim's support status and kind.
    pub additional_property: Vec<PropertyValue>,
    /// The listed sources reftrace linked to the claim, best first.
    pub citation: Vec<Cited>,
}

/// A schema.org `Claim`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimItem {
    /// Always `Claim`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The claim's 1-based position in the article.
    pub position: usize,
    /// The article.
    pub appearance: Appearance,
    /// The article's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
}

/// The article a claim appears in: a schema.org `CreativeWork`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Appearance {
    /// Always `CreativeWork`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
}

/// A listed source: a schema.org `NewsArticle`, `Report` or `CreativeWork`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cited {
    /// `NewsArticle`, `Report` or `CreativeWork` (no outlet known).
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Its citation key, as in an exported bibliography.
    pub identifier: String,
    /// Its 1-based position in the article's list (the first, for a merged entry).
    pub position: usize,
    /// Its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Its authors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Agent>,
    /// Its newspaper, agency or institution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Agent>,
    /// Its date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// Its address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// reftrace's support level, score, evidence and conflicts for this link.
    pub additional_property: Vec<PropertyValue>,
}

/// A schema.org `Person` or `Organization`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// `Person` or `Organization`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The whole name.
    pub name: String,
    /// A person's family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// A person's given names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
}

/// A schema.org `PropertyValue`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyValue {
    /// Always `PropertyValue`.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// What it is.
    pub name: &'static str,
    /// Its value: a word, a number or a list of texts.
    pub value: Value,
    /// The smallest value possible, for a score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_value: Option<u8>,
    /// The largest value possible, for a score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_value: Option<u8>,
}

/// One `ClaimReview` per claim, in text order. `url` is the article's address when
/// known.
pub fn items(parsed: &Parsed, traced: &Trace, url: Option<&str>) -> Vec<ClaimReview> {
    let works = export::works(&parsed.references, &Options::default());
    let work_of: HashMap<usize, &Work> = works
        .iter()
        .flat_map(|w| w.entries.iter().map(move |&i| (i, w)))
        .collect();
    let article = &parsed.article;
    let date = article.date.map(|d| d.to_string());
    let appearance = Appearance {
        kind: "CreativeWork",
        name: article.title.clone(),
        url: url.map(str::to_string),
        date_published: date.clone(),
    };
    traced
        .claims
        .iter()
        .map(|claim| {
            let mut seen: Vec<&str> = Vec::new();
            let citation: Vec<Cited> = claim
                .sources
                .iter()
                .filter_map(|link| {
                    let work = work_of.get(&link.index)?;
                    if seen.contains(&work.key.as_str()) {
                        return None;
                    }
                    seen.push(&work.key);
                    Some(cited(work, link))
                })
                .collect();
            ClaimReview {
                context: "https://schema.org",
                kind: "ClaimReview",
                claim_reviewed: claim.text.clone(),
                review_aspect: "sourcing",
                description: format!("{} {NOT_A_RATING}", finding(claim, citation.len())),
                item_reviewed: ClaimItem {
                    kind: "Claim",
                    position: claim.index,
                    appearance: appearance.clone(),
                    date_published: date.clone(),
                },
                additional_property: vec![
                    property("reftrace support", json!(claim.status.name())),
                    property("claim kind", json!(kind_name(claim.kind))),
                ],
                citation,
            }
        })
        .collect()
}

/// The items as a pretty-printed JSON array, safe to embed in HTML.
pub fn to_string(parsed: &Parsed, traced: &Trace, url: Option<&str>) -> String {
    let items = items(parsed, traced, url);
    let text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    // Outside strings JSON has none of these characters, so this changes only text.
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        + "\n"
}

fn property(name: &'static str, value: Value) -> PropertyValue {
    PropertyValue {
        kind: "PropertyValue",
        name,
        value,
        min_value: None,
        max_value: None,
    }
}

/// A listed source as a cited work, with reftrace's judgement of the link.
fn cited(work: &Work, link: &Link) -> Cited {
    let kind = match work.kind {
        WorkKind::NewsArticle => "NewsArticle",
        WorkKind::Report => "Report",
        WorkKind::Article => "CreativeWork",
        WorkKind::JournalArticle | WorkKind::ConferencePaper => "ScholarlyArticle",
        WorkKind::Book => "Book",
        WorkKind::Chapter => "Chapter",
        WorkKind::Thesis => "Thesis",
        WorkKind::Webpage => "WebPage",
        WorkKind::Dataset => "Dataset",
        WorkKind::Software => "SoftwareApplication",
        WorkKind::Video => "Movie",
    };
    let level = if link.score >= SUPPORTED_AT {
        "supports"
    } else {
        "partly supports"
    };
    let mut properties = vec![
        property("reftrace support", json!(level)),
        PropertyValue {
            min_value: Some(0),
            max_value: Some(1),
            ..property(
                "reftrace score",
                json!((link.score * 1000.0).round() / 1000.0),
            )
        },
    ];
    if !link.evidence.is_empty() {
        let words: Vec<String> = link.evidence.iter().map(ToString::to_string).collect();
        properties.push(property("evidence", json!(words)));
    }
    if !link.conflicts.is_empty() {
        let words: Vec<String> = link.conflicts.iter().map(ToString::to_string).collect();
        properties.push(property("conflicts", json!(words)));
    }
    Cited {
        kind,
        identifier: work.key.clone(),
        position: work.entries.first().copied().unwrap_or(link.index),
        headline: work.title.clone(),
        author: work.authors.iter().map(person).collect(),
        publisher: work.outlet.as_ref().map(|name| Agent {
            kind: "Organization",
            name: name.clone(),
            family_name: None,
            given_name: None,
        }),
        date_published: work.date.map(|d| d.to_string()),
        url: work.url.clone(),
        additional_property: properties,
    }
}

fn person(p: &Person) -> Agent {
    let name = if p.given.is_empty() {
        p.family.clone()
    } else {
        format!("{} {}", p.given, p.family)
    };
    Agent {
        kind: "Person",
        name,
        family_name: Some(p.family.clone()),
        given_name: Some(p.given.clone()).filter(|g| !g.is_empty()),
    }
}

/// What reftrace found, in a sentence.
fn finding(claim: &ClaimTrace, sources: usize) -> String {
    let plural = if sources == 1 { "source" } else { "sources" };
    match claim.status {
        Status::Supported => {
            format!("Supported: {sources} of the article's listed {plural} match this claim.")
        }
        Status::Partial => {
            format!("Partly supported: {sources} listed {plural} touch this claim, none strongly.")
        }
        Status::Unsupported => {
            "Unsupported: no source the article lists matches this claim.".to_string()
        }
        Status::NotCheckable => format!(
            "Not checkable: this {} is not a claim a source could report.",
            kind_name(claim.kind)
        ),
    }
}

fn kind_name(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Factual => "factual",
        ClaimKind::Opinion => "opinion",
        ClaimKind::Forecast => "forecast",
        ClaimKind::Question => "question",
    }
}
