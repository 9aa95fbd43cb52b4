//! `reftrace trace` on the seed article against its hand-made gold claims: the bars of
//! issue 4 (P@1, core recall, link precision, quiet), sentence boundaries and kinds.

use reftrace::trace::eval::{self, Gold};
use reftrace::trace::{ClaimKind, Options, Status, trace};
use reftrace::{Source, parse};

fn load(article: &str, gold: &str) -> (Source, Gold) {
    let text = std::fs::read_to_string(article).expect("article");
    let gold: Gold =
        serde_json::from_str(&std::fs::read_to_string(gold).expect("gold")).expect("gold JSON");
    (Source::new(article, text), gold)
}

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";
const SEED_GOLD: &str = "refs/musings-2023-11-22-us-retaliates.claims.json";

/// The shipped weights were fitted without the seed (see `data/trace-weights.json`), so
/// this is a held-out score: issue 9 asks for the seed's own bars (P@1 0.90, core recall
/// 0.85, link precision 0.85, quiet 0.85) under such weights. Measured: 0.94 / 0.90 /
/// 0.86 / 0.91.
#[test]
fn seed_held_out_meets_its_bars() {
    let (source, gold) = load(SEED, SEED_GOLD);
    let result = trace(&source, &parse(&source), &Options::default());
    let (m, problems) = eval::score(&gold, &result);
    let report = format!("{m:?}\n{}", problems.join("\n"));
    assert!(m.p_at_1 >= 0.90, "P@1 {:.3} < 0.90\n{report}", m.p_at_1);
    assert!(
        m.core_recall >= 0.85,
        "core recall {:.3} < 0.85\n{report}",
        m.core_recall
    );
    assert!(
        m.precision >= 0.85,
        "link precision {:.3} < 0.85\n{report}",
        m.precision
    );
    assert!(m.quiet >= 0.85, "quiet {:.3} < 0.85\n{report}", m.quiet);
}

#[test]
fn seed_sentences_match_gold_boundaries_and_kinds() {
    let (source, gold) = load(SEED, SEED_GOLD);
    let result = trace(&source, &parse(&source), &Options::default());
    let spans: Vec<(usize, usize)> = result
        .claims
        .iter()
        .map(|c| (c.byte_start, c.byte_end))
        .collect();
    let want: Vec<(usize, usize)> = gold
        .claims
        .iter()
        .map(|c| (c.byte_start, c.byte_end))
        .collect();
    assert_eq!(spans, want);
    let (m, _) = eval::score(&gold, &result);
    assert_eq!(m.kind_accuracy, 1.0);
}

#[test]
fn opinions_forecasts_and_questions_are_never_unsupported() {
    let (source, _) = load(SEED, SEED_GOLD);
    let result = trace(&source, &parse(&source), &Options::default());
    for c in &result.claims {
        if c.kind != ClaimKind::Factual {
            assert_eq!(c.status, Status::NotCheckable, "claim {}", c.index);
        }
        if matches!(c.kind, ClaimKind::Forecast | ClaimKind::Question) {
            assert!(c.sources.is_empty(), "claim {} links a source", c.index);
        }
    }
}

/// Every candidate link, however weak: the evidence of weak links shows too.
fn all_links() -> Options {
    Options {
        min_confidence: 0.0,
        max_sources: 25,
        relative_cut: 0.0,
        ..Options::default()
    }
}

#[test]
fn evidence_says_title_only_and_shows_spellings_and_conflicts() {
    let (source, _) = load(SEED, SEED_GOLD);
    let result = trace(&source, &parse(&source), &all_links());
    let all: Vec<&reftrace::trace::Link> = result.claims.iter().flat_map(|c| &c.sources).collect();
    assert!(all.iter().all(|l| {
        l.evidence
            .iter()
            .any(|e| e.to_string().contains("consistent with the title"))
    }));
    assert!(all.iter().all(|l| (0.0..=1.0).contains(&l.score)));
    assert!(!all.iter().any(|l| {
        l.evidence
            .iter()
            .any(|e| e.to_string().contains("verified"))
    }));
    // Irbil in the text, Erbil in the titles.
    assert!(all.iter().any(|l| {
        l.evidence
            .iter()
            .any(|e| e.to_string().contains("\"Irbil\" ~ \"") && e.to_string().contains("Erbil"))
    }));
    // Ninewa in the text, Mosul in the title.
    assert!(all.iter().any(|l| {
        l.evidence
            .iter()
            .any(|e| e.to_string().contains("Ninewa") && e.to_string().contains("Mosul"))
    }));
    // A drone claim against a ballistic-missile title is shown as a conflict.
    assert!(all.iter().any(|l| {
        l.conflicts
            .iter()
            .any(|c| c.to_string().contains("drone") && c.to_string().contains("ballistic missile"))
    }));
}

#[test]
fn attribution_points_at_the_outlets_entries() {
    let (source, _) = load(SEED, SEED_GOLD);
    let result = trace(&source, &parse(&source), &all_links());
    let claim = result
        .claims
        .iter()
        .find(|c| c.text.starts_with("Al Mada"))
        .expect("claim");
    assert_eq!(claim.sources.first().map(|l| l.index), Some(13));
    let attributed: Vec<usize> = claim
        .sources
        .iter()
        .filter(|l| {
            l.evidence
                .iter()
                .any(|e| matches!(e, reftrace::trace::Evidence::Attributed(_)))
        })
        .map(|l| l.index)
        .collect();
    assert!(
        attributed.contains(&12) && attributed.contains(&13),
        "{attributed:?}"
    );
}

#[test]
fn no_panic_on_odd_input() {
    // Many distinct words in one sentence, and a run of dots with no space: both
    // would take hours if a step were quadratic.
    let distinct: String = (0..60_000).map(|i| format!("W{i:x}q ")).collect();
    let dots = format!("Title\n\n{}\n", "a.".repeat(100_000));
    let long = "word ".repeat(200_000);
    let odd = [
        "",
        "\u{0}\u{1}binary\u{ff}",
        &long,
        &distinct,
        &dots,
        "Title\n\n.\n\n?!\n",
        "T\n\nU.S. U.S. Dr. W.\n",
    ];
    for text in odd {
        let source = Source::new("odd", text);
        let result = trace(&source, &parse(&source), &Options::default());
        assert!(
            result
                .claims
                .iter()
                .all(|c| c.byte_start <= c.byte_end && c.byte_end <= text.len())
        );
    }
}

#[test]
fn python_scorer_agrees_when_present() {
    let scorer = std::path::Path::new("../shared/eval/score.py");
    if !scorer.exists()
        || std::process::Command::new("python3")
            .arg("--version")
            .output()
            .is_err()
    {
        eprintln!("skipped: python3 or ../shared/eval/score.py not available");
        return;
    }
    let (source, gold) = load(SEED, SEED_GOLD);
    let result = trace(&source, &parse(&source), &Options::default());
    let (m, _) = eval::score(&gold, &result);
    let path = std::env::temp_dir().join(format!("reftrace-trace-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&result).unwrap()).unwrap();
    let out = std::process::Command::new("python3")
        .arg(scorer)
        .args(["trace", SEED_GOLD])
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("precision="))
        .expect("summary line");
    let value = |name: &str| -> f64 {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .expect("metric")
    };
    for (name, ours) in [
        ("precision", m.precision),
        ("core_recall", m.core_recall),
        ("p_at_1", m.p_at_1),
        ("quiet", m.quiet),
    ] {
        assert!(
            (value(name) - ours).abs() < 0.0006,
            "{name}: {line} vs {m:?}"
        );
    }
}

/// Two short articles made up for this project (Syria, Yemen) with hand-made gold:
/// the model must behave sensibly outside the seed (bars below the seed's).
#[test]
fn made_up_articles_of_the_family_stay_sensible() {
    for name in ["syria-2024-02-09-pressure", "yemen-2024-01-15-red-sea"] {
        let (source, gold) = load(
            &format!("tests/data/{name}.txt"),
            &format!("tests/data/{name}.claims.json"),
        );
        let result = trace(&source, &parse(&source), &Options::default());
        let (m, problems) = eval::score(&gold, &result);
        let report = format!("{name}: {m:?}\n{}", problems.join("\n"));
        assert_eq!(m.unmatched, 0, "{report}");
        assert!(m.p_at_1 >= 0.8, "{report}");
        assert!(m.core_recall >= 0.6, "{report}");
        // Held out in cross-validation their precision is 0.70 (Syria) and 0.75 (Yemen):
        // the link decision is chosen for the 17 documents, not for these two.
        assert!(m.precision >= 0.7, "{report}");
        assert!(m.quiet >= 0.8, "{report}");
    }
}
