//! `reftrace export` of records that lack a title or a date (`tests/data/incomplete.txt`):
//! every format says what is known and nothing more, in an entry type whose data model
//! does not require the missing field, or with the field stated as unknown the way the
//! format allows. `tests/interop/run.sh` runs biber, bibtex, citation-js, rispy, pandoc
//! and Typst over the same file.

use reftrace::export::{self, Format, Options};
use reftrace::{Source, parse};
use std::path::PathBuf;

const INCOMPLETE: &str = "tests/data/incomplete.txt";

fn export(format: Format, options: &Options) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(INCOMPLETE);
    let text = std::fs::read_to_string(path).unwrap();
    let refs = parse(&Source::new(INCOMPLETE, text)).references;
    export::to_string(&refs, format, options).unwrap()
}

/// The BibTeX/BibLaTeX entry whose key is `key`, from `@` to its closing line.
fn entry(bib: &str, key: &str) -> String {
    let start = bib
        .find(&format!("{{{key},\n"))
        .unwrap_or_else(|| panic!("no entry {key} in\n{bib}"));
    let start = bib[..start].rfind('@').unwrap();
    let end = start + bib[start..].find("\n}\n").unwrap();
    bib[start..end].to_string()
}

/// The RIS record whose `ID` is `key`.
fn record(ris: &str, key: &str) -> String {
    ris.split_inclusive("ER  - \n")
        .find(|r| r.contains(&format!("ID  - {key}\n")))
        .unwrap_or_else(|| panic!("no record {key}"))
        .to_string()
}

fn csl_item(key: &str) -> serde_json::Value {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&export(Format::CslJson, &Options::default())).unwrap();
    items
        .into_iter()
        .find(|i| i["id"] == key)
        .unwrap_or_else(|| panic!("no item {key}"))
}

#[test]
fn the_test_file_has_title_less_and_date_less_records() {
    assert!(csl_item("reuters2023").get("title").is_none());
    assert!(csl_item("doendundated").get("issued").is_none());
    assert!(csl_item("jonesndreport").get("issued").is_none());
    assert!(csl_item("anonndundated").get("issued").is_none());
}

#[test]
fn biblatex_states_a_missing_date_as_unspecified_and_keeps_the_type() {
    let bib = export(Format::Biblatex, &Options::default());
    let news = entry(&bib, "doendundated");
    assert!(news.starts_with("@article{"), "{news}");
    assert!(news.contains("journaltitle = {The Irish Times},"), "{news}");
    assert!(news.contains("date = {XXXX},"), "{news}");
    let report = entry(&bib, "jonesndreport");
    assert!(report.starts_with("@report{"), "{report}");
    assert!(report.contains("date = {XXXX},"), "{report}");
    let misc = entry(&bib, "anonndundated");
    assert!(misc.starts_with("@misc{"), "{misc}");
    assert!(misc.contains("date = {XXXX},"), "{misc}");
    // No digit is ever made up: every date field is a real date or XXXX.
    for line in bib.lines().filter(|l| l.trim_start().starts_with("date =")) {
        assert!(
            line.contains("{XXXX}") || line.contains("{2023-"),
            "unexpected date: {line}"
        );
    }
}

#[test]
fn biblatex_marks_a_missing_title_as_supplied() {
    let bib = export(Format::Biblatex, &Options::default());
    let untitled = entry(&bib, "reuters2023");
    assert!(untitled.starts_with("@article{"), "{untitled}");
    assert!(untitled.contains("author = {{Reuters}},"), "{untitled}");
    assert!(untitled.contains("title = {{[Untitled]}},"), "{untitled}");
    assert!(untitled.contains("date = {2023-11-10},"), "{untitled}");
    assert_eq!(
        bib.matches("[Untitled]").count(),
        2,
        "Reuters and Xinhua only"
    );
}

#[test]
fn bibtex_uses_misc_for_records_without_a_title_or_a_date() {
    for ascii in [false, true] {
        let bib = export(
            Format::Bibtex,
            &Options {
                ascii,
                ..Options::default()
            },
        );
        let complete = entry(&bib, "muller2023complete");
        assert!(complete.starts_with("@article{"), "{complete}");
        let untitled = entry(&bib, "reuters2023");
        assert!(untitled.starts_with("@misc{"), "{untitled}");
        assert!(untitled.contains("key = {Reuters},"), "{untitled}");
        assert!(untitled.contains("howpublished = {Reuters},"), "{untitled}");
        assert!(untitled.contains("year = {2023},"), "{untitled}");
        assert!(!untitled.contains("title ="), "{untitled}");
        let news = entry(&bib, "doendundated");
        assert!(news.starts_with("@misc{"), "{news}");
        assert!(news.contains("author = {Doe, Jane},"), "{news}");
        assert!(news.contains("howpublished = {The Irish Times},"), "{news}");
        assert!(!news.contains("year ="), "{news}");
        let report = entry(&bib, "jonesndreport");
        assert!(report.starts_with("@misc{"), "{report}");
        assert!(!report.contains("year ="), "{report}");
        let anonymous = entry(&bib, "anonndundated");
        assert!(
            anonymous.contains("key = {An undated item with neither author nor outlet},"),
            "{anonymous}"
        );
    }
}

#[test]
fn csl_json_ris_and_yaml_leave_the_missing_field_out() {
    let news = csl_item("doendundated");
    assert_eq!(news["type"], "article-newspaper");
    assert_eq!(news["container-title"], "The Irish Times");
    let untitled = csl_item("reuters2023");
    assert_eq!(untitled["type"], "article-newspaper");
    assert_eq!(untitled["issued"]["date-parts"][0][2], 10);
    assert_eq!(csl_item("anonndundated")["type"], "document");

    let ris = export(Format::Ris, &Options::default());
    let undated = record(&ris, "doendundated");
    assert!(undated.starts_with("TY  - NEWS\n"), "{undated}");
    assert!(
        !undated.contains("PY  - ") && !undated.contains("DA  - "),
        "{undated}"
    );
    let untitled = record(&ris, "reuters2023");
    assert!(!untitled.contains("TI  - "), "{untitled}");
    assert!(untitled.contains("DA  - 2023/11/10/\n"), "{untitled}");

    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&export(Format::Yaml, &Options::default())).unwrap();
    assert_eq!(yaml["doendundated"]["title"], "Undated news story");
    assert!(yaml["doendundated"].get("date").is_none(), "{yaml:?}");
    assert_eq!(yaml["reuters2023"]["date"], "2023-11-10");
    assert!(yaml["reuters2023"].get("title").is_none(), "{yaml:?}");
}
