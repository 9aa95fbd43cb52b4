//! `reftrace export`: entry types, duplicate merging, escaping and atomic output, on the
//! seed article and on the specials article (`tests/data/specials.txt`).

use reftrace::export::{self, Format, Options, WorkKind};
use reftrace::{Source, parse};
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "refs/musings-2023-11-22-us-retaliates.txt";
const SPECIALS: &str = "tests/data/specials.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn references(path: &str) -> Vec<reftrace::Reference> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    parse(&Source::new(path, text)).references
}

fn export(path: &str, format: Format, options: &Options) -> String {
    export::to_string(&references(path), format, options).unwrap()
}

fn reftrace(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn every_seed_record_exports_to_every_format() {
    let refs = references(SEED);
    let works = export::works(&refs, &Options::default());
    assert_eq!(refs.len(), 35);
    assert_eq!(works.len(), 34, "entry 32 repeats entry 10 and is merged");
    for format in Format::ALL {
        let text = export::to_string(&refs, format, &Options::default()).unwrap();
        for w in &works {
            assert!(text.contains(&w.key), "{format:?} lacks {}", w.key);
        }
    }
    let json = export(SEED, Format::CslJson, &Options::default());
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(items.len(), 34);
    let ris = export(SEED, Format::Ris, &Options::default());
    assert_eq!(ris.matches("TY  - ").count(), 34);
    assert_eq!(ris.matches("ER  - ").count(), 34);
}

#[test]
fn keep_duplicates_exports_every_entry() {
    let options = Options {
        keep_duplicates: true,
        ..Options::default()
    };
    let ris = export(SEED, Format::Ris, &options);
    assert_eq!(ris.matches("TY  - ").count(), 35);
}

#[test]
fn merged_duplicates_keep_the_fields_of_both_entries() {
    let works = export::works(&references(SEED), &Options::default());
    let merged = works
        .iter()
        .find(|w| w.key == "kurdistan242023armed")
        .unwrap();
    assert_eq!(merged.entries, vec![10, 32]);
    // Entry 10 names only the outlet; its repeat (32) names the author.
    assert_eq!(merged.authors[0].family, "Van Wilgenburg");
    assert_eq!(merged.outlet.as_deref(), Some("Kurdistan 24"));
    assert!(works.iter().all(|w| w.key != "vanwilgenburg2023armed"));
}

#[test]
fn entry_types_are_chosen_per_record_and_agree_across_formats() {
    let works = export::works(&references(SEED), &Options::default());
    let kind = |key: &str| works.iter().find(|w| w.key == key).unwrap().kind;
    assert_eq!(kind("reuters2023explosive"), WorkKind::NewsArticle);
    assert_eq!(kind("knights2023tracking"), WorkKind::Report);
    assert_eq!(kind("ali2023s"), WorkKind::Article);

    let bib = export(SEED, Format::Biblatex, &Options::default());
    assert!(bib.contains("@article{reuters2023explosive,"));
    assert!(bib.contains("@report{knights2023tracking,"));
    assert!(bib.contains("@misc{ali2023s,"));
    let bibtex = export(SEED, Format::Bibtex, &Options::default());
    assert!(bibtex.contains("@techreport{knights2023tracking,"));
    let json = export(SEED, Format::CslJson, &Options::default());
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let csl = |key: &str| {
        items.iter().find(|i| i["id"] == key).unwrap()["type"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(csl("reuters2023explosive"), "article-newspaper");
    assert_eq!(csl("knights2023tracking"), "report");
    assert_eq!(csl("ali2023s"), "document");
    let ris = export(SEED, Format::Ris, &Options::default());
    assert!(ris.contains("TY  - RPRT\nAU  - Knights, Michael\n"));
    let yaml = export(SEED, Format::Yaml, &Options::default());
    assert!(yaml.contains("knights2023tracking:\n  type: report\n"));
}

#[test]
fn news_dates_keep_the_day_in_every_format() {
    let bib = export(SEED, Format::Biblatex, &Options::default());
    assert!(bib.contains("date = {2023-11-09},"));
    let json = export(SEED, Format::CslJson, &Options::default());
    assert!(
        json.contains("\"date-parts\": [\n        [\n          2023,\n          11,\n          9")
    );
    let ris = export(SEED, Format::Ris, &Options::default());
    assert!(ris.contains("DA  - 2023/11/09/\n"));
    let yaml = export(SEED, Format::Yaml, &Options::default());
    assert!(yaml.contains("date: 2023-11-09\n"));
}

#[test]
fn latex_commands_in_titles_come_out_inert() {
    for format in [Format::Bibtex, Format::Biblatex] {
        for ascii in [false, true] {
            let bib = export(
                SPECIALS,
                format,
                &Options {
                    ascii,
                    ..Options::default()
                },
            );
            assert!(!bib.contains("\\input{"), "{bib}");
            assert!(!bib.contains("\\write18{"), "{bib}");
            assert!(bib.contains("\\textbackslash{}input\\{/etc/passwd\\}"));
            // `\~` would be an accent command; a literal tilde must print as one.
            assert!(bib.contains("\\textasciitilde{}tilde"), "{bib}");
            assert!(bib.contains("\\textasciicircum{}caret"), "{bib}");
        }
    }
}

#[test]
fn ascii_bibtex_is_pure_ascii() {
    let bib = export(
        SPECIALS,
        Format::Bibtex,
        &Options {
            ascii: true,
            ..Options::default()
        },
    );
    assert!(bib.is_ascii(), "{bib}");
    assert!(bib.contains("M{\\\"u}ller, Zo{\\\"e}"));
    assert!(bib.contains("O'Brien, Se{\\'a}n"));
}

#[test]
fn specials_snapshot_biblatex() {
    insta::assert_snapshot!(export(SPECIALS, Format::Biblatex, &Options::default()));
}

#[test]
fn specials_snapshot_bibtex_ascii() {
    let options = Options {
        ascii: true,
        ..Options::default()
    };
    insta::assert_snapshot!(export(SPECIALS, Format::Bibtex, &options));
}

#[test]
fn specials_snapshot_csl_json() {
    insta::assert_snapshot!(export(SPECIALS, Format::CslJson, &Options::default()));
}

#[test]
fn specials_snapshot_ris() {
    insta::assert_snapshot!(export(SPECIALS, Format::Ris, &Options::default()));
}

#[test]
fn specials_snapshot_yaml() {
    insta::assert_snapshot!(export(SPECIALS, Format::Yaml, &Options::default()));
}

#[test]
fn cli_writes_standard_output_by_default() {
    let out = reftrace(&["export", SEED, "--to", "ris"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("TY  - NEWS\n"));
}

#[test]
fn cli_output_file_replaces_the_old_one_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("refs.bib");
    std::fs::write(&path, "old contents").unwrap();
    let out = reftrace(&[
        "export",
        SEED,
        "--to",
        "biblatex",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("@article{alaalem2023sudani,"));
    assert_eq!(files_in(dir.path()), vec!["refs.bib".to_string()]);
}

#[test]
fn cli_unwritable_output_is_an_io_error_and_touches_nothing() {
    // The output's folder would have to be where a file is.
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "kept").unwrap();
    let path = blocker.join("refs.bib");
    let out = reftrace(&["export", SEED, "--to", "yaml", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!path.exists());
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "kept");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a-file"), "{err}");
    assert!(!err.contains(".reftrace-"), "no temporary file name: {err}");
}

#[test]
fn cli_unknown_format_is_a_usage_error() {
    let out = reftrace(&["export", SEED, "--to", "endnote"]);
    assert_eq!(out.status.code(), Some(2));
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
