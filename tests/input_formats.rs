//! The seed article as plain text, as a Blogger-like saved page and as Markdown must
//! give the same records: same fields, same diagnostics, even the same line numbers
//! and byte offsets, because the converters keep the article's line structure.

use reftrace::input::{Decoding, Format, read_article};
use reftrace::{Parsed, parse};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";
const PAGE: &str = "tests/data/seed-page.html";
const MARKDOWN: &str = "tests/data/seed-page.md";

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn parse_file(relative: &str, format: Option<Format>) -> (Format, Parsed) {
    let bytes = std::fs::read(path(relative)).unwrap();
    let read = read_article(relative, bytes, Decoding::Strict, format).unwrap();
    (read.format, parse(&read.source))
}

/// What must agree between the versions, reference by reference.
fn records(parsed: &Parsed) -> Vec<Value> {
    parsed
        .references
        .iter()
        .map(|r| {
            json!({
                "index": r.index,
                "line": r.line,
                "span": r.span,
                "raw": r.raw,
                "parsed": r.parsed,
                "authors": r.authors,
                "outlet": r.outlet,
                "title": r.title,
                "date": r.date,
                "date_text": r.date_text,
                "url": r.url,
                "continues": r.continues,
                "key": r.key,
                "codes": r.diagnostics.iter().map(|d| d.code.id()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn article_codes(parsed: &Parsed) -> Vec<&'static str> {
    parsed.diagnostics.iter().map(|d| d.code.id()).collect()
}

#[test]
fn formats_are_detected_from_the_extension() {
    assert_eq!(parse_file(SEED, None).0, Format::Text);
    assert_eq!(parse_file(PAGE, None).0, Format::Html);
    assert_eq!(parse_file(MARKDOWN, None).0, Format::Markdown);
}

#[test]
fn saved_blogger_page_gives_the_text_versions_records() {
    let (_, text) = parse_file(SEED, None);
    let (_, page) = parse_file(PAGE, None);
    assert_eq!(text.references.len(), 35);
    assert_eq!(records(&page), records(&text));
    assert_eq!(article_codes(&page), article_codes(&text));
    assert_eq!(page.date_order, text.date_order);
    let (a, b) = (&page.article, &text.article);
    assert_eq!(a.title, b.title);
    assert_eq!(a.date, b.date);
    assert_eq!(a.captions, b.captions);
    assert_eq!(a.paragraphs, b.paragraphs);
    assert_eq!(a.body_lines, b.body_lines);
    assert_eq!(a.reference_lines, b.reference_lines);
    // The text version was copied with the page's comment heading and a sidebar
    // gadget below the post; the page's converter leaves that furniture out.
    assert!(b.footer.is_some());
    assert_eq!(a.footer, None);
}

#[test]
fn markdown_version_gives_the_text_versions_records() {
    let (_, text) = parse_file(SEED, None);
    let (_, markdown) = parse_file(MARKDOWN, None);
    assert_eq!(records(&markdown), records(&text));
    assert_eq!(article_codes(&markdown), article_codes(&text));
    assert_eq!(markdown.article, text.article);
}

#[test]
fn page_text_has_no_page_furniture() {
    let bytes = std::fs::read(path(PAGE)).unwrap();
    let read = read_article(PAGE, bytes, Decoding::Strict, None).unwrap();
    let text = read.source.text();
    assert!(text.starts_with(
        "Wednesday, November 22, 2023\n\nUS Finally Retaliates Against Pro-Iran Groups In Iraq\n\n(US Air Force)\n\n"
    ));
    for furniture in [
        "Musings on Iraq",
        "Sign In",
        "Email This",
        "Share to X",
        "No comments",
        "Post a Comment",
        "Popular Posts",
        "This Day In Iraqi History",
        "Newer Post",
        "Labels",
        "dataLayer",
    ] {
        assert!(
            !text.contains(furniture),
            "{furniture:?} leaked into the text"
        );
    }
}

fn reftrace(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

/// `parse --format json` output without the input's name and the footer.
fn cli_json(args: &[&str]) -> Value {
    let out = reftrace(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut value: Value = serde_json::from_slice(&out.stdout).unwrap();
    value["source"] = Value::Null;
    value["article"]["footer"] = Value::Null;
    value
}

#[test]
fn cli_gives_the_same_json_for_all_three() {
    let text = cli_json(&["parse", SEED, "--format", "json"]);
    assert_eq!(cli_json(&["parse", PAGE, "--format", "json"]), text);
    assert_eq!(cli_json(&["parse", MARKDOWN, "--format", "json"]), text);
}

#[test]
fn input_format_overrides_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let misnamed = dir.path().join("page.txt");
    std::fs::copy(path(PAGE), &misnamed).unwrap();
    let misnamed = misnamed.to_str().unwrap();
    let as_text = reftrace(&["parse", misnamed, "--format", "json"]);
    let as_text: Value = serde_json::from_slice(&as_text.stdout).unwrap();
    let as_html = cli_json(&[
        "parse",
        misnamed,
        "--format",
        "json",
        "--input-format",
        "html",
    ]);
    assert_eq!(as_html, cli_json(&["parse", PAGE, "--format", "json"]));
    assert_ne!(as_text["references"], as_html["references"]);
}

#[test]
fn standard_input_is_sniffed() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(["parse", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let page = std::fs::read(path(PAGE)).unwrap();
    child.stdin.take().unwrap().write_all(&page).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["references"].as_array().unwrap().len(), 35);
    assert_eq!(value["article"]["reference_lines"], json!([24, 113]));
}
