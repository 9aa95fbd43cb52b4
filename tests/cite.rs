//! `reftrace cite`: the seed's list in APA, Chicago author-date, MLA and IEEE
//! (snapshots), name particles, news dates, escaping of HTML and Markdown output, style
//! files and the style list.

use std::path::PathBuf;
use std::process::Command;

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";
const SPECIALS: &str = "tests/data/specials.txt";

fn reftrace(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn cite(file: &str, style: &str, format: &str) -> String {
    let (code, out, err) = reftrace(&["cite", file, "--style", style, "--format", format]);
    assert_eq!(code, Some(0), "{err}");
    out
}

#[test]
fn seed_in_apa() {
    insta::assert_snapshot!(cite(SEED, "apa", "text"));
}

#[test]
fn seed_in_chicago_author_date() {
    insta::assert_snapshot!(cite(SEED, "chicago-author-date", "text"));
}

#[test]
fn seed_in_mla() {
    insta::assert_snapshot!(cite(SEED, "modern-language-association", "text"));
}

#[test]
fn seed_in_ieee() {
    insta::assert_snapshot!(cite(SEED, "ieee", "text"));
}

#[test]
fn capitalised_particles_stay_with_the_family_name() {
    let apa = cite(SEED, "apa", "text");
    assert!(apa.contains("Van Wilgenburg, W. (2023"), "{apa}");
    let chicago = cite(SEED, "chicago-author-date", "text");
    assert!(
        chicago.contains("Van Wilgenburg, Wladimir. 2023"),
        "{chicago}"
    );
    for text in [&apa, &chicago] {
        assert!(!text.contains("Wilgenburg, Wladimir Van"), "{text}");
        assert!(
            !text.contains('\u{a0}'),
            "no-break spaces are undone: {text}"
        );
    }
}

#[test]
fn news_articles_keep_their_full_date_in_apa() {
    let apa = cite(SEED, "apa", "text");
    assert!(
        apa.contains("Szuba, J. (2023, November 21). US gunship strikes"),
        "{apa}"
    );
    assert!(apa.contains("(2023, November 9). Reuters."), "{apa}");
}

#[test]
fn html_output_escapes_record_text() {
    let html = cite(SPECIALS, "apa", "html");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("Profits &amp; losses"), "{html}");
    assert!(html.contains("<i>Der Tagesspiegel</i>"), "{html}");
}

#[test]
fn markdown_output_escapes_record_text() {
    let md = cite(SPECIALS, "apa", "markdown");
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(md.contains("tags\\_with\\_underscores"), "{md}");
    assert!(md.contains("*Der Tagesspiegel*"), "{md}");
}

#[test]
fn a_csl_file_can_be_given_by_path() {
    let out = cite(SPECIALS, "tests/data/minimal.csl", "text");
    assert!(out.contains("Müller | 2023 | Profits & losses"), "{out}");
}

#[test]
fn list_styles_needs_no_file_and_names_the_common_styles() {
    let (code, out, _) = reftrace(&["cite", "--list-styles"]);
    assert_eq!(code, Some(0));
    for name in [
        "apa",
        "chicago-author-date",
        "modern-language-association",
        "ieee",
    ] {
        assert!(
            out.lines().any(|l| l.split([' ', ',']).any(|w| w == name)),
            "{name}"
        );
    }
}

#[test]
fn an_unknown_style_is_a_usage_error() {
    let (code, out, err) = reftrace(&["cite", SEED, "--style", "no-such-style"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.contains("unknown style `no-such-style`"), "{err}");
}

#[test]
fn locale_changes_the_terms() {
    let de = cite_locale(SPECIALS, "de-DE");
    let en = cite_locale(SPECIALS, "en-US");
    assert!(de.contains("Der Tagesspiegel, 6. November 2023."), "{de}");
    assert!(de.contains("„Profits"), "German quotes: {de}");
    assert!(en.contains("Der Tagesspiegel, 6 Nov. 2023."), "{en}");
    let (code, _, err) = reftrace(&["cite", SPECIALS, "--locale", "not a locale"]);
    assert_eq!(code, Some(2), "{err}");
}

fn cite_locale(file: &str, locale: &str) -> String {
    let (code, out, err) = reftrace(&[
        "cite",
        file,
        "--style",
        "modern-language-association",
        "--locale",
        locale,
    ]);
    assert_eq!(code, Some(0), "{err}");
    out
}
