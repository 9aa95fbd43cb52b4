//! The HTML report: one element per claim with its status, citation markers after
//! supported claims, hostile article text kept as text, nothing loaded from anywhere,
//! everything reachable without JavaScript, and `trace --format html -o` on the CLI.

use reftrace::report::html::{self, Options};
use reftrace::trace::{self, Status, Trace};
use reftrace::{Parsed, Source};
use scraper::{ElementRef, Html, Selector};
use std::process::Command;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/refs/musings-2023-11-22-us-retaliates.txt"
);
const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/hostile.txt");
const UNSUPPORTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/unsupported.txt");

struct Report {
    parsed: Parsed,
    trace: Trace,
    page: String,
}

fn report(path: &str) -> Report {
    let text = std::fs::read_to_string(path).expect("read the article");
    let source = Source::new(path, text);
    let parsed = reftrace::parse(&source);
    let trace = trace::trace(&source, &parsed, &trace::Options::default());
    let page = html::render(&source, &parsed, &trace, &Options::default());
    Report {
        parsed,
        trace,
        page,
    }
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    doc.select(&selector).collect()
}

fn text(el: &ElementRef) -> String {
    el.text().collect()
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Supported => "supported",
        Status::Partial => "partial",
        Status::Unsupported => "unsupported",
        Status::NotCheckable => "not-checkable",
    }
}

#[test]
fn every_claim_is_one_element_with_its_status() {
    for path in [SEED, HOSTILE] {
        let r = report(path);
        let doc = Html::parse_document(&r.page);
        let claims = select(&doc, "[data-claim]");
        assert_eq!(claims.len(), r.trace.claims.len(), "{path}");
        // Even a plain text search finds one `data-claim="` per claim.
        assert_eq!(
            r.page.matches("data-claim=\"").count(),
            claims.len(),
            "{path}"
        );
        for (el, claim) in claims.iter().zip({
            let mut sorted: Vec<_> = r.trace.claims.iter().collect();
            sorted.sort_by_key(|c| c.byte_start);
            sorted
        }) {
            assert_eq!(
                el.attr("data-claim"),
                Some(claim.index.to_string().as_str())
            );
            assert_eq!(el.attr("data-status"), Some(status(claim.status)));
            assert!(
                text(el).starts_with(claim.text.trim()),
                "claim {} text",
                claim.index
            );
        }
    }
}

#[test]
fn the_hostile_article_has_every_status() {
    let r = report(HOSTILE);
    for s in [Status::Supported, Status::Partial, Status::NotCheckable] {
        assert!(r.trace.claims.iter().any(|c| c.status == s), "{s:?}");
    }
    // The fourth status, on a sentence no listed title speaks to; and a listed
    // reference no sentence uses.
    let r = report(UNSUPPORTED);
    assert!(
        r.trace
            .claims
            .iter()
            .any(|c| c.status == Status::Unsupported && c.text.contains("trees"))
    );
    assert_eq!(r.trace.unused_references, [2]);
}

#[test]
fn supported_claims_are_followed_by_their_citation_markers() {
    let r = report(SEED);
    let doc = Html::parse_document(&r.page);
    let mut marked = 0;
    for el in select(&doc, "#article [data-claim]") {
        let n: usize = el
            .attr("data-claim")
            .and_then(|n| n.parse().ok())
            .expect("a number");
        let claim = &r.trace.claims[n - 1];
        let next = el.next_siblings().find_map(ElementRef::wrap);
        let marker =
            next.filter(|e| e.value().name() == "sup" && e.value().classes().any(|c| c == "cite"));
        if claim.status != Status::Supported {
            assert!(
                marker.is_none(),
                "claim {n} is {:?} but has a marker",
                claim.status
            );
            continue;
        }
        let marker = marker.unwrap_or_else(|| panic!("supported claim {n} has no marker"));
        let cited: Vec<usize> = select(&doc, "a")
            .into_iter()
            .filter(|a| a.parent().and_then(ElementRef::wrap) == Some(marker))
            .map(|a| text(&a).parse().expect("a reference number"))
            .collect();
        assert_eq!(cited, html::cited(claim), "claim {n}");
        assert!(!cited.is_empty() && cited.windows(2).all(|w| w[0] < w[1]));
        assert!(
            cited
                .iter()
                .all(|i| claim.sources.iter().any(|l| l.index == *i))
        );
        assert!(text(&marker).starts_with('[') && text(&marker).ends_with(']'));
        marked += 1;
    }
    assert_eq!(
        marked,
        r.trace
            .claims
            .iter()
            .filter(|c| c.status == Status::Supported)
            .count()
    );
    // The seed's title claim is cited to entries 2 and 30.
    let title = select(&doc, "h1.title sup.cite");
    assert_eq!(title.len(), 1);
    assert_eq!(text(&title[0]), "[2, 30]");
}

#[test]
fn hostile_text_stays_text() {
    let r = report(HOSTILE);
    let doc = Html::parse_document(&r.page);
    let title = r.parsed.article.title.clone().expect("a title");
    assert!(
        title.contains("<script>")
            && title.contains("\"onmouseover=")
            && title.contains("</style>")
    );
    // Only the report's own elements exist: one style, the data and the script.
    assert_eq!(select(&doc, "style").len(), 1);
    assert_eq!(select(&doc, "script").len(), 2);
    assert!(
        select(
            &doc,
            "img, svg, iframe, object, embed, link, base, form, meta[http-equiv=refresh]"
        )
        .is_empty()
    );
    for el in select(&doc, "*") {
        for (name, _) in el.value().attrs() {
            assert!(!name.starts_with("on"), "<{} {name}=…>", el.value().name());
        }
    }
    // The title reads back as written, in the heading and the window title.
    let h1 = select(&doc, "h1.title [data-claim]");
    assert!(text(&h1[0]).starts_with(&title), "{}", text(&h1[0]));
    assert!(text(&select(&doc, "title")[0]).starts_with(&title));
    // The author's name and the entry text read back too.
    let entry = text(&select(&doc, "#ref-2 .entry")[0]);
    assert!(
        entry.contains("O'Brien, Pat \"><svg onload=alert(5)>"),
        "{entry}"
    );
    assert!(
        entry.contains("</style><style>body{display:none}</style>"),
        "{entry}"
    );
    assert!(
        r.page
            .contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;")
    );
    assert!(
        !r.page.contains("<script>alert") && !r.page.contains("<svg") && !r.page.contains("<img")
    );
}

#[test]
fn embedded_json_escapes_angle_brackets_and_reads_back() {
    let r = report(HOSTILE);
    let doc = Html::parse_document(&r.page);
    let data = select(&doc, "script#reftrace-data");
    assert_eq!(data[0].attr("type"), Some("application/json"));
    let json = text(&data[0]);
    assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
    assert!(json.contains("\\u003cscript\\u003e"));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let claims = value["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), r.trace.claims.len());
    assert_eq!(
        claims[0]["text"].as_str(),
        Some(r.trace.claims[0].text.as_str())
    );
}

#[test]
fn nothing_is_loaded_from_anywhere() {
    for path in [SEED, HOSTILE] {
        let r = report(path);
        let doc = Html::parse_document(&r.page);
        for el in select(&doc, "*") {
            let name = el.value().name();
            assert!(
                el.attr("src").is_none() && el.attr("srcset").is_none(),
                "<{name} src>"
            );
            if let Some(href) = el.attr("href") {
                assert!(href.starts_with('#'), "<{name} href={href}>");
            }
            if let Some(style) = el.attr("style") {
                assert!(!style.contains("url("), "{style}");
            }
        }
        let css = text(&select(&doc, "style")[0]);
        assert!(!css.contains("@import") && !css.contains("url(") && !css.contains("@font-face"));
        assert!(!css.contains("http://") && !css.contains("https://"));
        let script = text(&select(&doc, "script:not([type])")[0]);
        for call in [
            "fetch(",
            "XMLHttpRequest",
            "import(",
            "http://",
            "https://",
            "innerHTML",
        ] {
            assert!(!script.contains(call), "the script uses {call}");
        }
        let csp = select(&doc, "meta[http-equiv=Content-Security-Policy]");
        let policy = csp[0].attr("content").expect("a policy");
        assert!(policy.starts_with("default-src 'none'"), "{policy}");
    }
}

#[test]
fn every_link_has_a_target_without_javascript() {
    let r = report(SEED);
    let doc = Html::parse_document(&r.page);
    for a in select(&doc, "a[href]") {
        let href = a.attr("href").expect("href");
        let id = href.trim_start_matches('#');
        assert_eq!(select(&doc, &format!("[id=\"{id}\"]")).len(), 1, "{href}");
    }
    assert_eq!(select(&doc, "#claims .card").len(), r.trace.claims.len());
    assert_eq!(
        select(&doc, "#references .ref").len(),
        r.parsed.references.len()
    );
    // A reference lists the claims that use it, as the trace does.
    for used in &r.trace.references {
        let listed: Vec<usize> = select(&doc, &format!("#ref-{} [data-goto]", used.index))
            .iter()
            .filter_map(|a| a.attr("data-goto")?.parse().ok())
            .collect();
        assert_eq!(listed, used.claims, "reference {}", used.index);
    }
}

#[test]
fn summary_lists_unsupported_claims_unused_references_and_diagnostics() {
    let r = report(SEED);
    let doc = Html::parse_document(&r.page);
    let summary = text(&select(&doc, "#summary")[0]);
    for n in &r.trace.unsupported_claims {
        assert_eq!(
            select(&doc, &format!("#summary [data-goto=\"{n}\"]")).len(),
            1
        );
    }
    for n in &r.trace.unused_references {
        assert_eq!(
            select(&doc, &format!("#summary [data-ref=\"{n}\"]")).len(),
            1
        );
    }
    let diagnostics: Vec<_> = r.parsed.all_diagnostics().collect();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let at = format!(
            "{}:{}",
            d.line.expect("located"),
            d.column.expect("located")
        );
        assert!(
            summary.contains(&format!("{at} {}", d.message)),
            "{at} {}",
            d.message
        );
    }
    let supported = r
        .trace
        .claims
        .iter()
        .filter(|c| c.status == Status::Supported)
        .count();
    assert!(summary.contains(&format!("Claims{}", r.trace.claims.len())));
    assert!(summary.contains(&format!("({supported} of ")), "{summary}");
}

#[test]
fn phone_and_print_rules_are_present() {
    let page = report(SEED).page;
    assert!(
        page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert!(page.contains("@media print"));
    // Status is shown by underline style as well as colour.
    for style in ["solid", "dashed", "wavy", "dotted"] {
        assert!(
            page.contains(&format!("text-decoration-style: {style}")),
            "{style}"
        );
    }
}

#[test]
fn cli_writes_the_report_to_a_file_or_standard_output() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("report.html");
    let bin = env!("CARGO_BIN_EXE_reftrace");
    let run = Command::new(bin)
        .args(["trace", SEED, "--format", "html", "-o"])
        .arg(&out)
        .output()
        .expect("run reftrace");
    // Exit code 1 ("problems found") exactly when a claim is unsupported.
    let any_unsupported = report(SEED)
        .trace
        .claims
        .iter()
        .any(|c| c.status == Status::Unsupported);
    assert_eq!(
        run.status.code(),
        Some(i32::from(any_unsupported)),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    let written = std::fs::read_to_string(&out).expect("the report");
    assert!(written.starts_with("<!DOCTYPE html>") && written.trim_end().ends_with("</html>"));
    let printed = Command::new(bin)
        .args(["trace", SEED, "--format", "html"])
        .output()
        .expect("run reftrace");
    assert_eq!(String::from_utf8_lossy(&printed.stdout), written);
}

#[test]
fn odd_inputs_still_give_a_whole_page() {
    let seed = std::fs::read_to_string(SEED).expect("read the seed");
    let crlf = seed.replace('\n', "\r\n");
    let no_list = "A Title\n\nDrones hit a base near Erbil on Monday. Nobody was hurt.\n";
    for (name, text) in [
        ("empty.txt", ""),
        ("crlf.txt", crlf.as_str()),
        ("plain.txt", no_list),
    ] {
        let source = Source::new(name, text);
        let parsed = reftrace::parse(&source);
        let trace = trace::trace(&source, &parsed, &trace::Options::default());
        let page = html::render(&source, &parsed, &trace, &Options::default());
        let doc = Html::parse_document(&page);
        assert_eq!(
            select(&doc, "[data-claim]").len(),
            trace.claims.len(),
            "{name}"
        );
        assert!(page.trim_end().ends_with("</html>"), "{name}");
        assert!(!page.contains('\r') || name == "crlf.txt");
    }
    let crlf_source = Source::new("crlf.txt", crlf);
    let parsed = reftrace::parse(&crlf_source);
    let trace = trace::trace(&crlf_source, &parsed, &trace::Options::default());
    assert_eq!(trace.claims.len(), report(SEED).trace.claims.len());
}

#[test]
fn evidence_shows_the_date_relation_and_conflicts() {
    // Every candidate link, so that the weak links that carry conflicts show too.
    let article = std::fs::read_to_string(SEED).expect("read the article");
    let source = Source::new(SEED, article);
    let parsed = reftrace::parse(&source);
    let all = trace::Options {
        min_confidence: 0.0,
        relative_cut: 0.0,
        max_sources: 25,
        ..trace::Options::default()
    };
    let trace = trace::trace(&source, &parsed, &all);
    let page = html::render(&source, &parsed, &trace, &Options::default());
    let r = Report {
        parsed,
        trace,
        page,
    };
    let doc = Html::parse_document(&r.page);
    let conflicts: usize = r
        .trace
        .claims
        .iter()
        .flat_map(|c| &c.sources)
        .map(|l| l.conflicts.len())
        .sum();
    assert!(conflicts > 0, "the seed has conflicts to show");
    assert_eq!(select(&doc, "#claims .evidence .conflict").len(), conflicts);
    let dated = select(&doc, "#claims .evidence .date");
    assert!(!dated.is_empty());
    assert!(
        dated
            .iter()
            .all(|d| text(d).starts_with("Date: published "))
    );
}
