//! `reftrace trace` on the command line: the JSON contract, text and Markdown output,
//! `--min-confidence`, and exit codes.

use std::process::Command;

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";

fn reftrace(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .output()
        .expect("run reftrace")
}

#[test]
fn json_follows_the_contract() {
    let out = reftrace(&["trace", SEED, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let claims = v["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 28);
    for c in claims {
        for field in [
            "text",
            "byte_start",
            "byte_end",
            "kind",
            "status",
            "sources",
        ] {
            assert!(!c[field].is_null(), "claim lacks {field}: {c}");
        }
        let status = c["status"].as_str().unwrap();
        assert!(["supported", "partial", "unsupported", "not-checkable"].contains(&status));
        let scores: Vec<f64> = c["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["score"].as_f64().unwrap())
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "sources not best first"
        );
        for s in c["sources"].as_array().unwrap() {
            assert!(
                s["index"].as_u64().is_some() && s["key"].is_string() && s["evidence"].is_array()
            );
        }
    }
    assert_eq!(v["references"].as_array().unwrap().len(), 35);
    assert!(v["unused_references"].is_array());
}

#[test]
fn min_confidence_drops_weak_links_and_flags_claims() {
    let strict = reftrace(&[
        "trace",
        SEED,
        "--format",
        "json",
        "--min-confidence",
        "0.95",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    for c in v["claims"].as_array().unwrap() {
        assert!(
            c["sources"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["score"].as_f64().unwrap() >= 0.95)
        );
        if c["kind"] == "factual" && c["sources"].as_array().unwrap().is_empty() {
            assert_eq!(c["status"], "unsupported");
        }
    }
    assert_eq!(strict.status.code(), Some(1), "unsupported claims exit 1");
    assert_eq!(
        reftrace(&["trace", SEED, "--min-confidence", "1.5"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn text_and_markdown_show_evidence_and_the_title_only_caveat() {
    let text = String::from_utf8(reftrace(&["trace", SEED]).stdout).unwrap();
    assert!(text.contains("→ #20"));
    assert!(text.contains("judged from titles only"));
    let md = String::from_utf8(reftrace(&["trace", SEED, "--format", "markdown"]).stdout).unwrap();
    assert!(md.starts_with("# Claims traced to sources"));
    assert!(md.contains("*consistent with the title*"));
}

#[test]
fn markdown_escapes_untrusted_text() {
    let dir = std::env::temp_dir().join(format!("reftrace-trace-md-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.txt");
    std::fs::write(&path, "Title <script>\n\nA drone hit *Erbil* [x](y) on November 2.\n\nRudaw, \"Drone attack on Erbil <b>,\" 11/3/23\n\nNINA, \"Rockets hit Basra,\" 11/4/23\n").unwrap();
    let md = String::from_utf8(
        reftrace(&["trace", path.to_str().unwrap(), "--format", "markdown"]).stdout,
    )
    .unwrap();
    assert!(!md.contains("<script>") && !md.contains("<b>"));
    assert!(md.contains("\\*Erbil\\*"));
    let _ = std::fs::remove_dir_all(&dir);
}
