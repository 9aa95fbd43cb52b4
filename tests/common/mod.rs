//! Helpers shared by the integration tests that run the `reftrace` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A path inside the repository.
pub fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Runs the `reftrace` binary with `args`.
pub fn reftrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .output()
        .unwrap()
}

/// Standard error of a run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The entries (non-blank lines) of `pandoc --citeproc` printing every item of the
/// CSL-JSON file `json` in style `csl` (`nocite: @*`), as plain text; `extra` are more
/// pandoc flags. Panics, failing the test, when pandoc is missing or fails: the callers
/// run only with `REFTRACE_INTEROP=1`, where pandoc is required.
pub fn pandoc_nocite(json: &Path, csl: &Path, dir: &Path, extra: &[&str]) -> Vec<String> {
    let md = dir.join("nocite.md");
    std::fs::write(&md, "---\nnocite: |\n  @*\n---\n").unwrap();
    let out = Command::new("pandoc")
        .args(["-f", "markdown", "--citeproc", "-t", "plain", "--wrap=none"])
        .arg(format!("--bibliography={}", json.display()))
        .arg(format!("--csl={}", csl.display()))
        .args(extra)
        .arg(&md)
        .output()
        .expect("pandoc must be installed when REFTRACE_INTEROP=1 (tests/interop/install.sh)");
    assert!(
        out.status.success(),
        "pandoc failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the real-tool checks are on (`REFTRACE_INTEROP=1`).
pub fn interop_enabled() -> bool {
    std::env::var("REFTRACE_INTEROP").is_ok_and(|v| v == "1")
}

/// Standard output of `reftrace ARGS` run in the repository, which must succeed.
pub fn reftrace_stdout(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "reftrace {args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// The archived style `reftrace cite --style NAME` uses, written as `NAME.csl` in `dir`
/// for pandoc.
pub fn style_file(name: &str, dir: &Path) -> PathBuf {
    let style = hayagriva::archive::ArchivedStyle::by_name(name)
        .expect("archived style")
        .get();
    let path = dir.join(format!("{name}.csl"));
    std::fs::write(&path, style.to_xml().expect("the style serialises")).unwrap();
    path
}

/// The sample article's header and body, then its reference lines repeated `copies`
/// times (as `benches/parse.rs` builds its long list): 35 entries a copy.
pub fn long_list(copies: usize) -> String {
    let seed = std::fs::read_to_string(repo("refs/musings-2023-11-22-us-retaliates.txt"))
        .expect("the sample article");
    let lines: Vec<&str> = seed.lines().collect();
    let (start, end) = (23, 113);
    let mut text = lines[..start].join("\n");
    text.push('\n');
    let list = lines[start..end].join("\n");
    for _ in 0..copies {
        text.push_str(&list);
        text.push_str("\n\n");
    }
    text
}
