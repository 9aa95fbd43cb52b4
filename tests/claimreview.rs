//! `reftrace trace --format claimreview`: valid JSON-LD with one schema.org
//! `ClaimReview` per claim, the claim and its article, the linked sources as cited
//! works with reftrace's support level and score, and never a truth rating.

use reftrace::export;
use reftrace::trace::{self, Status};
use reftrace::{Source, parse};
use serde_json::Value;
use std::process::Command;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/refs/musings-2023-11-22-us-retaliates.txt"
);
const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/hostile.txt");
const UNSUPPORTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/unsupported.txt");

/// The command's standard output, as text and as JSON.
fn claimreview(path: &str) -> (String, Vec<Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(["trace", path, "--format", "claimreview"])
        .output()
        .unwrap();
    // Exit 1 means an unsupported claim, as for every trace format; 2 would be an error.
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let items = serde_json::from_str(&text).expect("valid JSON");
    (text, items)
}

fn traced(path: &str) -> (reftrace::Parsed, trace::Trace) {
    let source = Source::new(path, std::fs::read_to_string(path).unwrap());
    let parsed = parse(&source);
    let traced = trace::trace(&source, &parsed, &trace::Options::default());
    (parsed, traced)
}

/// Whether `key` appears anywhere in `value`.
fn has_key(value: &Value, key: &str) -> bool {
    match value {
        Value::Object(map) => map.contains_key(key) || map.values().any(|v| has_key(v, key)),
        Value::Array(items) => items.iter().any(|v| has_key(v, key)),
        _ => false,
    }
}

fn property<'a>(item: &'a Value, name: &str) -> &'a Value {
    item["additionalProperty"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .map(|p| &p["value"])
        .unwrap_or_else(|| panic!("no {name} in {item}"))
}

#[test]
fn one_claim_review_per_claim_with_its_article_and_sources() {
    let (_, items) = claimreview(SEED);
    let (parsed, traced) = traced(SEED);
    assert_eq!(items.len(), traced.claims.len());
    for (item, claim) in items.iter().zip(&traced.claims) {
        assert_eq!(item["@context"], "https://schema.org");
        assert_eq!(item["@type"], "ClaimReview");
        assert_eq!(item["claimReviewed"], claim.text.as_str());
        let reviewed = &item["itemReviewed"];
        assert_eq!(reviewed["@type"], "Claim");
        assert_eq!(reviewed["position"], claim.index);
        assert_eq!(reviewed["datePublished"], "2023-11-22");
        assert_eq!(reviewed["appearance"]["@type"], "CreativeWork");
        assert_eq!(
            reviewed["appearance"]["name"],
            "US Finally Retaliates Against Pro-Iran Groups In Iraq"
        );
        let status = serde_json::to_value(claim.status).unwrap();
        assert_eq!(property(item, "reftrace support"), &status);

        // Links to both entries of a duplicate pair are one cited work, under the
        // key of the entry it was merged into.
        let works = export::works(&parsed.references, &export::Options::default());
        let first_of = |index: usize| {
            works
                .iter()
                .find(|w| w.entries.contains(&index))
                .map(|w| w.entries[0])
                .unwrap()
        };
        let mut links: Vec<&trace::Link> = Vec::new();
        for link in &claim.sources {
            if !links
                .iter()
                .any(|l| first_of(l.index) == first_of(link.index))
            {
                links.push(link);
            }
        }
        let cited = item["citation"].as_array().unwrap();
        assert_eq!(cited.len(), links.len());
        for (work, link) in cited.iter().zip(links) {
            let index = first_of(link.index);
            let r = &parsed.references[index - 1];
            assert_eq!(work["identifier"], r.key.as_str());
            assert_eq!(work["position"], index);
            assert_eq!(work["headline"], r.title.as_deref().unwrap());
            let kind = work["@type"].as_str().unwrap();
            assert!(["NewsArticle", "Report", "CreativeWork"].contains(&kind));
            if let Some(outlet) = &r.outlet {
                assert_eq!(work["publisher"]["name"], outlet.as_str());
            }
            if let Some(date) = r.date {
                assert_eq!(work["datePublished"], date.to_string());
            }
            let score = property(work, "reftrace score").as_f64().unwrap();
            assert!((score - link.score).abs() < 0.001);
            let level = property(work, "reftrace support");
            if link.score >= trace::SUPPORTED_AT {
                assert_eq!(level, "supports");
            } else {
                assert_eq!(level, "partly supports");
            }
        }
    }
    // Knights et al. at the Washington Institute is a report with three authors.
    let report = items
        .iter()
        .flat_map(|i| i["citation"].as_array().unwrap())
        .find(|w| w["@type"] == "Report")
        .expect("a report among the cited works");
    assert_eq!(
        report["publisher"],
        serde_json::json!({"@type": "Organization", "name": "The Washington Institute for Near East Policy"})
    );
    assert_eq!(report["author"][0]["@type"], "Person");
    assert_eq!(report["author"][0]["familyName"], "Knights");
}

#[test]
fn there_is_no_truth_rating_and_every_item_says_why() {
    let (_, items) = claimreview(SEED);
    for item in &items {
        assert!(!has_key(item, "reviewRating"), "{item}");
        let description = item["description"].as_str().unwrap();
        assert!(description.contains("does not judge whether the claim is true"));
    }
    // An unsupported claim says so: a sentence no listed title speaks to.
    let (_, items) = claimreview(UNSUPPORTED);
    let (_, traced) = traced(UNSUPPORTED);
    let unsupported = traced
        .claims
        .iter()
        .position(|c| c.status == Status::Unsupported)
        .expect("the tree-planting sentence is unsupported");
    assert!(
        items[unsupported]["description"]
            .as_str()
            .unwrap()
            .starts_with("Unsupported: no source the article lists")
    );
    assert_eq!(items[unsupported]["citation"], serde_json::json!([]));
}

#[test]
fn hostile_text_stays_text_and_the_json_can_sit_in_a_script_element() {
    let (text, items) = claimreview(HOSTILE);
    assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
    let title = items[0]["itemReviewed"]["appearance"]["name"]
        .as_str()
        .unwrap();
    assert!(
        title.starts_with("<script>alert(\"title\")</script>"),
        "{title}"
    );
    let sources: Vec<&str> = items
        .iter()
        .flat_map(|i| i["citation"].as_array().unwrap())
        .filter_map(|w| w["headline"].as_str())
        .collect();
    assert!(
        sources.iter().any(|h| h.contains("</style><style>")),
        "{sources:?}"
    );
}
