//! `reftrace annotate`: the seed as pandoc Markdown has a citation after every
//! supported claim and none elsewhere, every cited key is in the bibliography written
//! next to it (a merged duplicate cites the work it was merged into), article text
//! cannot turn into markup, and, with `REFTRACE_INTEROP=1`, `pandoc --citeproc`
//! renders both bibliography formats without a warning and with one formatted
//! citation per supported claim.

use reftrace::report::annotated::escape_inline;
use reftrace::trace::{self, Status};
use reftrace::{Source, parse};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/refs/musings-2023-11-22-us-retaliates.txt"
);

fn interop() -> bool {
    std::env::var("REFTRACE_INTEROP").is_ok_and(|v| v == "1")
}

fn reftrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .output()
        .expect("run reftrace")
}

/// Annotates `article` into `dir/article.md`; returns the Markdown and the
/// bibliography.
fn annotate(article: &Path, dir: &Path, bib_format: &str) -> (String, String) {
    let md = dir.join("article.md");
    let out = reftrace(&[
        "annotate",
        article.to_str().unwrap(),
        "-o",
        md.to_str().unwrap(),
        "--bib-format",
        bib_format,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ext = if bib_format == "csl-json" {
        "json"
    } else {
        "bib"
    };
    let bib = std::fs::read_to_string(dir.join(format!("article.{ext}"))).unwrap();
    (std::fs::read_to_string(md).unwrap(), bib)
}

/// The keys of every `[@a; @b]` group, group by group.
fn citations(md: &str) -> Vec<Vec<String>> {
    md.match_indices("[@")
        .map(|(at, _)| {
            let group = &md[at + 1..];
            let group = &group[..group.find(']').unwrap()];
            group
                .split("; ")
                .map(|k| {
                    k.trim_start_matches('@')
                        .trim_matches(['{', '}'])
                        .to_string()
                })
                .collect()
        })
        .collect()
}

/// The keys a bibliography defines.
fn bib_keys(bib: &str, bib_format: &str) -> HashSet<String> {
    if bib_format == "csl-json" {
        let items: Vec<serde_json::Value> = serde_json::from_str(bib).unwrap();
        items
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    } else {
        bib.lines()
            .filter(|l| l.starts_with('@'))
            .map(|l| {
                l[l.find('{').unwrap() + 1..]
                    .trim_end_matches(',')
                    .to_string()
            })
            .collect()
    }
}

fn seed_trace() -> trace::Trace {
    let text = std::fs::read_to_string(SEED).unwrap();
    let source = Source::new(SEED, text);
    let parsed = parse(&source);
    trace::trace(&source, &parsed, &trace::Options::default())
}

#[test]
fn every_supported_claim_of_the_seed_is_cited_with_keys_the_bibliography_has() {
    let traced = seed_trace();
    let supported = traced
        .claims
        .iter()
        .filter(|c| c.status == Status::Supported)
        .count();
    assert!(supported >= 5, "the seed has supported claims: {supported}");
    for format in ["csl-json", "biblatex"] {
        let dir = tempfile::tempdir().unwrap();
        let (md, bib) = annotate(Path::new(SEED), dir.path(), format);
        let ext = if format == "csl-json" { "json" } else { "bib" };
        assert!(md.starts_with("---\ntitle: \"US Finally Retaliates"));
        assert!(md.contains(&format!("\nbibliography: \"article.{ext}\"\n")));
        assert!(md.contains("\nlink-citations: true\n"));
        assert!(md.trim_end().ends_with("# References\n\n::: {#refs}\n:::"));

        // Each claim's stretch of the document, from its text to the next claim's,
        // holds a citation exactly when the claim is supported.
        let mut starts = Vec::new();
        let mut cursor = 0;
        for claim in &traced.claims {
            let escaped = escape_inline(&claim.text);
            let snippet: String = escaped.chars().take(30).collect();
            let at = cursor + md[cursor..].find(&snippet).expect(&snippet);
            starts.push(at);
            cursor = at + snippet.len();
        }
        starts.push(md.find("# References").unwrap());
        for (claim, span) in traced.claims.iter().zip(starts.windows(2)) {
            let stretch = &md[span[0]..span[1]];
            assert_eq!(
                stretch.matches("[@").count(),
                usize::from(claim.status == Status::Supported),
                "claim {}: {stretch}",
                claim.index
            );
        }

        let groups = citations(&md);
        assert_eq!(groups.len(), supported);
        let defined = bib_keys(&bib, format);
        for key in groups.iter().flatten() {
            assert!(
                defined.contains(key),
                "{key} cited but not in the {format} file"
            );
        }
    }
}

#[test]
fn a_merged_duplicate_is_cited_by_the_key_it_was_merged_into() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("dup.txt");
    std::fs::write(
        &article,
        "Monday, November 20, 2023\n\nDrones hit Erbil base\n\n\
         A drone attack hit the US base at Erbil airport on November 19. Rudaw reported \
         the drone attack on the base at Erbil airport.\n\n\
         The attacks are part of a campaign that began in October after the war in Gaza \
         started, with more than forty strikes on bases in Iraq and Syria so far. Rockets \
         were also fired at the Ain al-Asad base in Anbar on November 18.\n\n\
         Reuters, \"Drone attack hits US base at Erbil airport,\" 11/19/23\n\
         Rudaw, \"Drone attack hits US base at Erbil airport,\" 11/19/23\n\
         AP, \"Rockets fired at Ain al-Asad base in Anbar,\" 11/18/23\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    let parsed = parse(&Source::new("dup.txt", text));
    let duplicate = &parsed.references[1];
    assert_eq!(
        duplicate.duplicate_of,
        Some(1),
        "the parser merges the pair"
    );

    let (md, bib) = annotate(&article, dir.path(), "csl-json");
    // Rudaw's entry supports the second sentence; it is cited as Reuters' work.
    assert!(md.contains(&format!(
        "Rudaw reported the drone attack on the base at Erbil airport [@{}].",
        parsed.references[0].key
    )));
    let cited: Vec<String> = citations(&md).into_iter().flatten().collect();
    assert!(!cited.contains(&duplicate.key), "{md}");
    assert!(!bib.contains(&format!("\"{}\"", duplicate.key)));
}

/// An article whose title and body are full of Markdown and pandoc syntax.
const HOSTILE: &str = "Monday, November 20, 2023\n\n\
    *Drones* hit _Erbil_ base [link](http://x) @all <b>now</b> $5\n\n\
    # A drone attack hit the US base at Erbil airport on November 19 with `code` \\ ~sub~ ^sup^.\n\
    1. The attack was claimed by a group | with &amp; entities and <!-- comments -->.\n\
    - Officials said the strike caused no casualties.\n\n\
    Reuters, \"Drone attack hits US base at Erbil airport,\" 11/19/23\n\
    AP, \"Rockets fired at Ain al-Asad base in Anbar,\" 11/18/23\n";

#[test]
fn article_text_is_escaped_so_that_it_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("hostile.txt");
    std::fs::write(&article, HOSTILE).unwrap();
    let (md, _) = annotate(&article, dir.path(), "csl-json");
    assert!(md.contains(
        "title: \"\\\\*Drones\\\\* hit \\\\_Erbil\\\\_ base \\\\[link\\\\](http://x) \\\\@all \\\\<b>now\\\\</b> \\\\$5"
    ));
    assert!(md.contains("\n\\# A drone attack"), "{md}");
    assert!(
        md.contains("with \\`code\\` \\\\ \\~sub\\~ \\^sup\\^"),
        "{md}"
    );
    assert!(md.contains(
        "\n1\\. The attack was claimed by a group \\| with \\&amp; entities and \\<!-- comments -->"
    ));
    assert!(md.contains("\n\\- Officials said"), "{md}");

    if !interop() {
        return;
    }
    // pandoc reads it back as the same words: no emphasis, link, heading, list,
    // code, math, sub/superscript, raw HTML or citation of `@all`.
    let out = pandoc(
        dir.path(),
        &["article.md", "-t", "plain", "--wrap=none", "-s"],
    );
    // pandoc's typography is welcome: `--` is a dash.
    let plain = String::from_utf8_lossy(&out.stdout).replace('–', "--");
    for text in [
        "*Drones* hit _Erbil_ base [link](http://x) @all <b>now</b> $5",
        "# A drone attack hit the US base at Erbil airport",
        "with `code` \\ ~sub~ ^sup^",
        "1. The attack was claimed by a group | with &amp; entities and <!-- comments -->",
        "- Officials said the strike",
    ] {
        assert!(plain.contains(text), "{text} not in {plain}");
    }
}

fn pandoc(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("pandoc")
        .arg("--citeproc")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("pandoc is installed (tests/interop/install.sh)");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "pandoc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn pandoc_renders_the_annotated_seed_without_warnings() {
    if !interop() {
        eprintln!("skipped: set REFTRACE_INTEROP=1 to run pandoc");
        return;
    }
    let traced = seed_trace();
    let supported = traced
        .claims
        .iter()
        .filter(|c| c.status == Status::Supported)
        .count();
    for format in ["csl-json", "biblatex"] {
        let dir = tempfile::tempdir().unwrap();
        annotate(Path::new(SEED), dir.path(), format);
        let args = [
            "article.md",
            "-s",
            "-o",
            "article.html",
            "--fail-if-warnings",
        ];
        pandoc(dir.path(), &args);
        let html = std::fs::read_to_string(dir.path().join("article.html")).unwrap();
        // One formatted citation per supported claim (the title's in the title block),
        // each a link into the bibliography, which lists every entry.
        assert_eq!(
            html.matches("class=\"citation\"").count(),
            supported,
            "{format}"
        );
        assert!(html.contains("role=\"doc-biblioref\""));
        let entries = html.matches("class=\"csl-entry\"").count();
        assert!(entries >= 30, "{entries} bibliography entries in {format}");
        let body = PathBuf::from("article.md");
        pandoc(dir.path(), &[body.to_str().unwrap(), "-o", "fragment.html"]);
    }
}
