//! The seed saved as text, as a Blogger-like page and as Markdown gives the same claims,
//! kinds, statuses and links when traced.

use reftrace::input::{Decoding, read_article};
use reftrace::trace::{Options, trace};
use serde_json::Value;

fn traced(relative: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let bytes = std::fs::read(&path).unwrap();
    let read = read_article(relative, bytes, Decoding::Strict, None).unwrap();
    let parsed = reftrace::parse(&read.source);
    let result = trace(&read.source, &parsed, &Options::default());
    let json = serde_json::to_value(&result).unwrap();
    json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let sources: Vec<Value> = c["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| serde_json::json!([s["index"], s["key"], s["score"], s["evidence"]]))
                .collect();
            serde_json::json!({
                "text": c["text"], "kind": c["kind"], "status": c["status"], "sources": sources,
            })
        })
        .collect()
}

#[test]
fn html_markdown_and_text_trace_alike() {
    let text = traced("refs/musings-2023-11-22-us-retaliates.txt");
    assert_eq!(text.len(), 28);
    assert!(
        text.iter()
            .any(|c| !c["sources"].as_array().unwrap().is_empty())
    );
    assert_eq!(
        traced("tests/data/seed-page.html"),
        text,
        "HTML differs from text"
    );
    assert_eq!(
        traced("tests/data/seed-page.md"),
        text,
        "Markdown differs from text"
    );
}
