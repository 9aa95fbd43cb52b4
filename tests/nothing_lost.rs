//! No command replaces the user's articles, and none fails silently: the cases of the
//! "Nothing lost" issue, run as a user meets them (a folder of articles, `--out` pointing
//! into it, `-o` equal to the input, empty and list-less input, a PDF, a missing file).

mod common;

use common::{reftrace, repo, stderr};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SAMPLE: &str = "refs/musings-2023-11-22-us-retaliates.txt";

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// A folder with two articles: the sample as `a.txt` and `b.txt`.
fn articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(repo(SAMPLE)).unwrap();
    std::fs::write(dir.path().join("a.txt"), &sample).unwrap();
    std::fs::write(dir.path().join("b.txt"), &sample).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn batch_output_into_the_input_folder_never_replaces_an_article() {
    let dir = articles();
    let folder = s(dir.path());
    // A Markdown article, whose Markdown report would have its name.
    std::fs::copy(dir.path().join("a.txt"), dir.path().join("c.md")).unwrap();
    let before = snapshot(dir.path());
    for args in [
        vec!["trace", folder, "--out", folder],
        vec!["trace", folder, "--out", folder, "--format", "text"],
        vec!["trace", folder, "--out", folder, "--format", "markdown"],
    ] {
        let out = reftrace(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("refusing to write"), "{args:?}: {err}");
        assert!(
            err.contains("a.txt") || err.contains("c.md"),
            "{args:?}: {err}"
        );
        assert_eq!(snapshot(dir.path()), before, "{args:?} changed the folder");
    }
    // A report name that is not an article's is fine, and the articles are untouched.
    let out = reftrace(&["trace", folder, "--out", folder, "--format", "json"]);
    assert!(out.status.code().unwrap() <= 1, "{}", stderr(&out));
    let after = snapshot(dir.path());
    for (path, bytes) in &before {
        assert_eq!(&after[path], bytes, "{} changed", path.display());
    }
    assert!(dir.path().join("a.json").exists());
}

#[test]
fn dash_o_naming_the_input_is_refused_by_every_command() {
    let dir = articles();
    let a = dir.path().join("a.txt");
    let before = snapshot(dir.path());
    let md = dir.path().join("a.md");
    std::fs::copy(&a, &md).unwrap();
    let before_md = std::fs::read(&md).unwrap();
    for args in [
        vec!["trace", s(&a), "-o", s(&a)],
        vec!["export", s(&a), "--to", "bibtex", "-o", s(&a)],
        vec!["annotate", s(&a), "-o", s(&a)],
        // annotate's bibliography (`a.json`) would be fine, but its Markdown is the input
        vec!["annotate", s(&md), "-o", s(&md)],
        // export of several articles into one of them
        vec![
            "export",
            s(&a),
            s(&dir.path().join("b.txt")),
            "--to",
            "ris",
            "-o",
            s(&a),
        ],
    ] {
        let out = reftrace(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("refusing to write"), "{args:?}");
    }
    std::fs::remove_file(&md).unwrap();
    assert_eq!(snapshot(dir.path()), before);
    assert_eq!(before_md.len(), std::fs::read(&a).unwrap().len());
}

#[cfg(unix)]
#[test]
fn a_hard_link_to_the_input_is_the_input() {
    let dir = articles();
    let a = dir.path().join("a.txt");
    let link = dir.path().join("same.bib");
    std::fs::hard_link(&a, &link).unwrap();
    let before = std::fs::read(&a).unwrap();
    let out = reftrace(&["export", s(&a), "--to", "bibtex", "-o", s(&link)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(&a).unwrap(), before);
}

#[test]
fn every_command_creates_a_missing_output_folder() {
    let dir = articles();
    let a = dir.path().join("a.txt");
    let new = dir.path().join("new/deeper");
    let cases = [
        (vec!["export", s(&a), "--to", "bibtex", "-o"], "refs.bib"),
        (vec!["trace", s(&a), "--format", "json", "-o"], "trace.json"),
        (vec!["annotate", s(&a), "-o"], "article.md"),
    ];
    for (mut args, name) in cases {
        let target = new.join(name);
        args.push(s(&target));
        let out = reftrace(&args);
        assert!(
            out.status.code().unwrap() <= 1,
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            target.exists(),
            "{args:?} did not write {}",
            target.display()
        );
        assert!(!stderr(&out).contains(".reftrace-"), "{}", stderr(&out));
    }
    let out_dir = dir.path().join("reports/x");
    let out = reftrace(&["trace", s(dir.path()), "--out", s(&out_dir), "-f", "json"]);
    assert!(out.status.code().unwrap() <= 1, "{}", stderr(&out));
    assert!(out_dir.join("a.json").exists());
}

#[test]
fn trace_of_empty_or_list_less_input_is_an_error_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let bare = dir.path().join("bare.txt");
    std::fs::write(
        &bare,
        "A title\n\nThe army said on Monday that it had retaken the town. Nobody is cited.\n",
    )
    .unwrap();
    for (file, code) in [(&empty, "A001"), (&bare, "A002")] {
        for command in ["trace", "cite"] {
            let out = reftrace(&[command, s(file)]);
            assert_eq!(out.status.code(), Some(1), "{command} {}", file.display());
            let err = stderr(&out);
            assert!(err.contains(code), "{command} {}: {err}", file.display());
            if command == "trace" {
                assert!(out.stdout.is_empty(), "no claims are listed");
            }
        }
    }
}

#[test]
fn trace_to_a_file_says_what_it_wrote_and_why_it_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let out = reftrace(&[
        "trace",
        s(&repo(SAMPLE)),
        "--format",
        "html",
        "-o",
        s(&report),
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("wrote") && err.contains("report.html"),
        "{err}"
    );
    if out.status.code() == Some(1) {
        assert!(err.contains("exit code 1"), "{err}");
        assert!(err.contains("no supporting source"), "{err}");
    }
}

#[test]
fn a_missing_file_names_its_path_and_cause_once() {
    let out = reftrace(&["parse", "no/such/article.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no/such/article.txt"), "{err}");
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn a_pdf_is_named_as_such_with_a_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.5\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n",
    )
    .unwrap();
    for command in ["parse", "trace"] {
        let out = reftrace(&[command, s(&pdf)]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("PDF") && err.contains("pdftotext"), "{err}");
        assert!(!err.contains("iconv"), "{err}");
    }
}

#[test]
fn unknown_locale_and_style_are_usage_errors() {
    let sample = repo(SAMPLE);
    let out = reftrace(&["cite", s(&sample), "--locale", "xx-YY"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("xx-YY"), "{}", stderr(&out));
    let out = reftrace(&["cite", s(&sample), "--style", "no-such-style"]);
    assert_eq!(out.status.code(), Some(2));
    // A regional variant of a known language falls back to it.
    let out = reftrace(&["cite", s(&sample), "--locale", "de-AT"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn json_diagnostics_carry_name_and_short_code() {
    let out = reftrace(&["parse", s(&repo(SAMPLE)), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all: Vec<&serde_json::Value> = json["references"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["diagnostics"].as_array().unwrap())
        .collect();
    let r101 = all
        .iter()
        .find(|d| d["id"] == "R101")
        .expect("the sample has a restored separator");
    assert_eq!(r101["code"], "author-separator-missing");
}

#[test]
fn an_unreadable_wrapped_entry_keeps_its_raw_lines_but_exports_and_shows_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("wrap.txt");
    std::fs::write(
        &article,
        "Title\n\nBody sentence about things happening.\n\n\
         Reuters, \"Drone attack on Erbil,\" 11/10/23\n??? ### ,,,\n  %% ~~~ ;;;\n\
         AP, \"Second item here,\" 11/12/23\n",
    )
    .unwrap();
    let out = reftrace(&["parse", s(&article), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unparsed = &json["references"][1];
    assert_eq!(unparsed["parsed"], false);
    assert_eq!(
        unparsed["raw"], "??? ### ,,,\n  %% ~~~ ;;;",
        "raw is as written"
    );
    let bib = reftrace(&["export", s(&article), "--to", "bibtex"]);
    let bib = String::from_utf8(bib.stdout).unwrap();
    let title = bib.lines().find(|l| l.contains("title = {???")).unwrap();
    assert!(title.ends_with("},"), "the title stays on one line: {bib}");
    let table = reftrace(&["parse", s(&article)]);
    let table = String::from_utf8(table.stdout).unwrap();
    let row = table.lines().find(|l| l.contains("UNPARSED")).unwrap();
    assert!(row.contains("??? ### ,,, %% ~~~ ;;;"), "{table}");
}
