//! The `reftrace` binary end to end: exit codes and messages for good and bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/refs/musings-2023-11-22-us-retaliates.txt"
);

fn reftrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .output()
        .expect("run reftrace")
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn reftrace");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("reftrace-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn parse_json_has_the_contract_fields() {
    let out = reftrace(&["parse", SEED, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["article"]["date"], "2023-11-22");
    let refs = v["references"].as_array().unwrap();
    assert_eq!(refs.len(), 35);
    for field in [
        "index",
        "line",
        "authors",
        "outlet",
        "title",
        "date",
        "continues",
        "key",
        "diagnostics",
    ] {
        assert!(refs[0].get(field).is_some(), "missing {field}");
    }
}

#[test]
fn parse_yaml_and_table() {
    let out = reftrace(&["parse", SEED, "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("family: Van Wilgenburg"));
    let out = reftrace(&["parse", SEED]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("Knights; Al-Kaabi; Malik"));
}

#[test]
fn check_names_every_repair_with_line_and_column() {
    let out = reftrace(&["check", SEED]);
    assert_eq!(out.status.code(), Some(0), "warnings alone are not errors");
    let s = text(&out.stdout);
    for want in [
        "warning[R101]: author separator missing between `Michael` and `Al-Kaabi`",
        "musings-2023-11-22-us-retaliates.txt:48:10",
        "warning[R102]: white space inside the date",
        "info[R108]: `Wladimir` names the author of the entry above only in part",
        "warning[R110]: probably the same work as entry 10 (line 51)",
        "35 entries, 35 parsed; 0 error(s)",
    ] {
        assert!(s.contains(want), "missing `{want}` in:\n{s}");
    }
    // One entry is one entry.
    let out = with_stdin(
        &["check", "--list", "-"],
        b"Smith, J. (2001). A title. Journal, 3, 4-5.\n",
    );
    assert!(
        text(&out.stdout).contains("1 entry, 1 parsed;"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let seed = std::fs::read(SEED).unwrap();
    let out = with_stdin(&["parse", "-", "--format", "json"], &seed);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["references"].as_array().unwrap().len(), 35);
}

#[test]
fn empty_input_is_an_error_not_a_panic() {
    let path = temp_file("empty.txt", b"");
    for cmd in ["parse", "check"] {
        let out = reftrace(&[cmd, path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(all.contains("the input is empty"), "{cmd}: {all}");
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_offset_or_read_lossily() {
    let mut bytes = std::fs::read(SEED).unwrap();
    bytes.insert(10, 0xff);
    let path = temp_file("latin.txt", &bytes);
    let out = reftrace(&["parse", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not valid UTF-8 at byte 10 (line 1)"));
    let out = reftrace(&["parse", path.to_str().unwrap(), "--lossy", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("1 invalid UTF-8 sequence(s) replaced"));
}

#[test]
fn binary_junk_is_refused() {
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    let path = temp_file("junk.bin", &junk);
    let out = reftrace(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("looks like a binary file"));
}

#[test]
fn ten_megabyte_line_has_no_reference_section() {
    let line = "word ".repeat(2_000_000);
    let path = temp_file("long.txt", line.as_bytes());
    let out = reftrace(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("no reference list found"));
}

#[test]
fn article_without_references() {
    let path = temp_file("plain.txt", b"A title\n\nA body with no sources at all.\n");
    let out = reftrace(&["parse", path.to_str().unwrap(), "-f", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["references"].as_array().unwrap().len(), 0);
    assert!(text(&out.stderr).contains("no reference list found"));
}

#[test]
fn unreadable_lines_are_kept_as_unparsed_records() {
    let article = "T\n\nBody.\n\nReuters, \"One,\" 11/9/23\n- \"Two,\" 11/10/23\n\
        - 12345 67890 !!! ???\nAP, \"Three,\" 11/11/23\n";
    let path = temp_file("junkline.txt", article.as_bytes());
    let out = reftrace(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("error[R001]"));
    let out = reftrace(&["parse", path.to_str().unwrap(), "-f", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let refs = v["references"].as_array().unwrap();
    assert_eq!(refs.len(), 4);
    assert_eq!(refs[2]["parsed"], false);
    assert_eq!(refs[3]["title"], "Three");
}

#[test]
fn missing_file_and_bad_usage_exit_2() {
    let out = reftrace(&["parse", "/no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/no/such/file.txt"));
    let out = reftrace(&["parse", SEED, "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = reftrace(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let out = reftrace(&["parse", "--help"]);
    assert!(text(&out.stdout).contains("Examples:"));
}
