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
//! assert_eq!(items[0]["@type"], "ClaimReview");
//! assert!(items[0].get("reviewRating").is_none());
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::Parsed;
use crate::export::{self, Options, Work, WorkKind};
use crate::refs::Person;
use crate::trace::{ClaimKind, ClaimTrace, Link, SUPPORTED_AT, Status, Trace};
use serde_json::{Value, json};
use std::collections::HashMap;

/// What every item says about what reftrace does and does not judge.
const NOT_A_RATING: &str = "reftrace compares a claim only with the titles, outlets and \
    dates of the sources the article itself lists; it does not judge whether the claim \
    is true, so this review has no reviewRating.";

/// One `ClaimReview` per claim, in text order. `url` is the article's address when
/// known.
pub fn items(parsed: &Parsed, traced: &Trace, url: Option<&str>) -> Vec<Value> {
    let works = export::works(&parsed.references, &Options::default());
    let work_of: HashMap<usize, &Work> = works
        .iter()
        .flat_map(|w| w.entries.iter().map(move |&i| (i, w)))
        .collect();
    let article = &parsed.article;
    let date = article.date.map(|d| d.to_string());
    let mut appearance = json!({ "@type": "CreativeWork" });
    insert(&mut appearance, "name", article.title.clone());
    insert(&mut appearance, "url", url.map(str::to_string));
    insert(&mut appearance, "datePublished", date.clone());

    traced
        .claims
        .iter()
        .map(|claim| {
            let mut reviewed = json!({
                "@type": "Claim",
                "position": claim.index,
                "appearance": appearance,
            });
            insert(&mut reviewed, "datePublished", date.clone());
            let mut seen: Vec<&str> = Vec::new();
            let citations: Vec<Value> = claim
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
            json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": claim.text,
                "reviewAspect": "sourcing",
                "description": format!("{} {NOT_A_RATING}", finding(claim, citations.len())),
                "itemReviewed": reviewed,
                "additionalProperty": [
                    property("reftrace support", json!(status_name(claim.status))),
                    property("claim kind", json!(kind_name(claim.kind))),
                ],
                "citation": citations,
            })
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

fn insert(object: &mut Value, key: &str, value: Option<String>) {
    if let (Some(map), Some(value)) = (object.as_object_mut(), value) {
        map.insert(key.to_string(), Value::String(value));
    }
}

fn property(name: &str, value: Value) -> Value {
    json!({ "@type": "PropertyValue", "name": name, "value": value })
}

/// A listed source as a cited work, with reftrace's judgement of the link.
fn cited(work: &Work, link: &Link) -> Value {
    let kind = match work.kind {
        WorkKind::NewsArticle => "NewsArticle",
        WorkKind::Report => "Report",
        WorkKind::Article => "CreativeWork",
    };
    let level = if link.score >= SUPPORTED_AT {
        "supports"
    } else {
        "partly supports"
    };
    let mut properties = vec![
        property("reftrace support", json!(level)),
        json!({
            "@type": "PropertyValue",
            "name": "reftrace score",
            "value": (link.score * 1000.0).round() / 1000.0,
            "minValue": 0,
            "maxValue": 1,
        }),
    ];
    if !link.evidence.is_empty() {
        properties.push(property("evidence", json!(link.evidence)));
    }
    if !link.conflicts.is_empty() {
        properties.push(property("conflicts", json!(link.conflicts)));
    }
    let mut item = json!({
        "@type": kind,
        "identifier": work.key,
        "position": work.entries.first().copied().unwrap_or(link.index),
    });
    insert(&mut item, "headline", work.title.clone());
    if !work.authors.is_empty()
        && let Some(map) = item.as_object_mut()
    {
        map.insert(
            "author".into(),
            Value::Array(work.authors.iter().map(person).collect()),
        );
    }
    if let (Some(outlet), Some(map)) = (&work.outlet, item.as_object_mut()) {
        map.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": outlet }),
        );
    }
    insert(&mut item, "datePublished", work.date.map(|d| d.to_string()));
    insert(&mut item, "url", work.url.clone());
    if let Some(map) = item.as_object_mut() {
        map.insert("additionalProperty".into(), Value::Array(properties));
    }
    item
}

fn person(p: &Person) -> Value {
    let name = if p.given.is_empty() {
        p.family.clone()
    } else {
        format!("{} {}", p.given, p.family)
    };
    let mut value = json!({ "@type": "Person", "name": name, "familyName": p.family });
    if !p.given.is_empty() {
        insert(&mut value, "givenName", Some(p.given.clone()));
    }
    value
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

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Supported => "supported",
        Status::Partial => "partial",
        Status::Unsupported => "unsupported",
        Status::NotCheckable => "not-checkable",
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
