//! Peak memory of `reftrace parse` on a long list, end to end (the binary, its output
//! streamed to a file). Nothing here is timed: the peak resident set of the child is
//! what the kernel reports when it is reaped (`wait4`'s `ru_maxrss`), so a loaded machine
//! changes nothing. (Reading `VmHWM` from `/proc` while it ran missed the peak of a child
//! that finished between two readings.)
//!
//! The bound is on the growth over the binary's own footprint (its peak on the seed
//! article, a few MB), as a multiple of the input's size. Records are made, written and
//! dropped one at a time (the list-wide facts are gathered first in a light pass), so
//! what stays is the input, its line index and the list's entry spans: about 5 times the
//! input. Building every record before writing (as before streaming) peaked at 15 times,
//! and building the output as one string at 42 times; both fail.

#![cfg(target_os = "linux")]

mod common;

use common::long_list;
use std::path::Path;
use std::process::{Command, Stdio};

/// Most resident memory `reftrace parse` may add to its footprint, as a multiple of its
/// input: issue 10's bound. Streaming stays near 5 times.
const MAX_PEAK_PER_INPUT_BYTE: u64 = 10;

/// Runs `reftrace parse input --format format` with its output in `out`; returns whether
/// it exited 0 and its peak resident set size in bytes.
fn peak_of_parse(input: &Path, format: &str, out: &Path) -> (bool, u64) {
    peak_of(&["parse", input.to_str().unwrap(), "--format", format], out)
}

/// Runs `reftrace args` with its output in `out`; returns whether it exited 0 and its
/// peak resident set size in bytes.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4 below"
)]
fn peak_of(args: &[&str], out: &Path) -> (bool, u64) {
    let child = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(args)
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain data, for which all-zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `status` and `usage` are live, writable and of the types wait4 expects;
    // the child is ours and not yet reaped (`child` is never waited on).
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux reports ru_maxrss in kilobytes.
    (ok, u64::try_from(usage.ru_maxrss).unwrap() * 1024)
}

#[test]
fn json_and_json_lines_of_a_long_list_stay_within_a_multiple_of_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    // 30 copies of 35 entries per MB: about 3 MB, 30,000 entries.
    let text = long_list(860);
    std::fs::write(&input, &text).unwrap();
    let size = text.len() as u64;
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("refs/musings-2023-11-22-us-retaliates.txt");
    let (ok, footprint) = peak_of_parse(&seed, "json", &dir.path().join("seed.json"));
    assert!(ok && footprint > 0);
    for format in ["json", "jsonl"] {
        let out = dir.path().join(format!("out.{format}"));
        let (ok, whole) = peak_of_parse(&input, format, &out);
        let peak = whole.saturating_sub(footprint);
        assert!(ok, "{format}: reftrace parse failed");
        let written = std::fs::metadata(&out).unwrap().len();
        assert!(
            written > 5 * size,
            "{format}: only {written} bytes written for {size} bytes of input"
        );
        assert!(peak > 0, "{format}: no reading of the peak memory");
        assert!(
            peak <= MAX_PEAK_PER_INPUT_BYTE * size,
            "{format}: {} MB over the footprint for {} MB of input ({:.1}x), more than {MAX_PEAK_PER_INPUT_BYTE}x",
            peak >> 20,
            size >> 20,
            peak as f64 / size as f64
        );
        eprintln!(
            "{format}: {:.1} MB over the footprint for {:.1} MB of input ({:.1}x), {:.0} MB written",
            peak as f64 / 1e6,
            size as f64 / 1e6,
            peak as f64 / size as f64,
            written as f64 / 1e6
        );
    }
}

/// Most memory a pasted academic list on one line (one entry of 150,000 words) may add,
/// as a multiple of its size. The record's fields copy its text, and its JSON is built
/// whole, which comes to about 20 times; labelling the words all at once had taken 130
/// times (and 420 times with the decoder's per-word boundary buffers), which the
/// tagger's windows (`academic::WINDOW` words) prevent.
const MAX_PEAK_ONE_ENTRY: u64 = 30;

#[test]
fn one_academic_entry_of_a_megabyte_stays_within_a_multiple_of_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "Smith,", "J.", "(2019).", "Deep", "learning", "for", "citation", "parsing.", "Journal",
        "of", "Things,", "12(3),", "45-67.",
    ];
    let line: Vec<&str> = (0..150_000)
        .map(|i| words[(i * 7 + i / 13) % words.len()])
        .collect();
    let text = line.join(" ") + "\n";
    let (input, tiny) = (dir.path().join("one.txt"), dir.path().join("tiny.txt"));
    std::fs::write(&input, &text).unwrap();
    std::fs::write(&tiny, words.join(" ") + "\n").unwrap();
    let out = dir.path().join("out.json");
    let run = |file: &Path| {
        peak_of(
            &[
                "parse",
                "--list",
                file.to_str().unwrap(),
                "--format",
                "json",
            ],
            &out,
        )
    };
    let (ok, footprint) = run(&tiny);
    assert!(ok && footprint > 0);
    let (ok, whole) = run(&input);
    assert!(ok, "reftrace parse --list failed");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written["references"].as_array().map(Vec::len), Some(1));
    let (peak, size) = (whole.saturating_sub(footprint), text.len() as u64);
    assert!(
        peak <= MAX_PEAK_ONE_ENTRY * size,
        "{:.1} MB over the footprint for {:.2} MB of input ({:.1}x), more than {MAX_PEAK_ONE_ENTRY}x",
        peak as f64 / 1e6,
        size as f64 / 1e6,
        peak as f64 / size as f64
    );
}

#[test]
fn json_lines_carry_the_article_then_one_record_per_line_then_the_list_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.txt");
    std::fs::write(&input, long_list(3)).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_reftrace"))
            .args(["parse", input.to_str().unwrap(), "--format"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let whole: serde_json::Value = serde_json::from_str(&run(&["json"])).unwrap();
    // Indented or not, the JSON says the same.
    let pretty = run(&["json", "--pretty"]);
    assert!(pretty.starts_with("{\n  \"source\": "));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&pretty).unwrap(),
        whole
    );
    let lines: Vec<serde_json::Value> = run(&["jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let records = whole["references"].as_array().unwrap();
    assert_eq!(records.len(), 105);
    assert_eq!(lines.len(), records.len() + 2);
    let first = &lines[0];
    assert_eq!(first["type"], "article");
    assert_eq!(first["source"], whole["source"]);
    assert_eq!(first["article"], whole["article"]);
    assert_eq!(first["date_order"], whole["date_order"]);
    assert_eq!(first["references"], records.len());
    for (line, record) in lines[1..=records.len()].iter().zip(records) {
        let mut line = line.clone();
        assert_eq!(line["type"], "reference");
        line.as_object_mut().unwrap().remove("type");
        assert_eq!(
            &line, record,
            "a JSON line differs from its record in the JSON"
        );
    }
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "end");
    assert_eq!(last["diagnostics"], whole["diagnostics"]);
}
