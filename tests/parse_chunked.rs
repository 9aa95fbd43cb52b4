//! A long list's records are made in chunks on two threads and written in order, keys
//! put in by the writer (`src/cli/chunked.rs`). The output must be what one thread makes:
//! the same records in the same order as the library's [`reftrace::parse`] (keys that
//! clash across chunks, `-` lines at a chunk's start continuing an entry of the chunk
//! before), and a reader that stops early (`| head`) must not leave a thread waiting.

mod common;

use common::long_list;
use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

/// 2,100 entries: past the length at which the list is made on two threads.
const COPIES: usize = 60;

/// Entries in a chunk (`Chunked::CHUNK`).
const CHUNK: usize = 256;

#[test]
fn a_long_list_is_written_as_the_library_reads_it_in_every_streamed_format() {
    let library = same_as_the_library(&long_list(COPIES), COPIES * 35);
    assert!(
        library.references.iter().any(|r| r.continues.is_some()),
        "no `-` line was read as one"
    );
}

/// An academic list is made in chunks too (each entry read by the model on its own):
/// 1,100 entries, the test list's over and over, so keys clash across chunks.
#[test]
fn a_long_academic_list_is_written_as_the_library_reads_it() {
    let one = std::fs::read_to_string(common::repo("tests/data/academic-list.txt")).unwrap();
    // Its entries, without the heading.
    let entries: Vec<&str> = one
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let n = 1100;
    let mut text = String::from("A Long Paper\n\nSome text of the paper.\n\nReferences\n\n");
    for i in 0..n {
        text.push_str(entries[i % entries.len()]);
        text.push('\n');
    }
    let library = same_as_the_library(&text, n);
    let found_by = &library.article.references.as_ref().unwrap().found_by;
    assert!(
        found_by.ends_with("read by the academic model"),
        "{found_by}"
    );
}

#[test]
fn dash_lines_at_a_chunks_start_continue_the_entry_before_it() {
    // Each chunk starts with two `-` lines after an unreadable line, so the entry they
    // continue is three lines back, in the chunk before; authors and outlets are few,
    // so keys clash across chunks.
    let mut text = String::from("A Long List\n\nSome text of the article.\n\nSources:\n");
    let n = 5 * CHUNK + 7;
    for i in 0..n {
        let line = match i % CHUNK {
            0 | 1 if i > 0 => format!("- \"Follow-up number {i},\" 3/{}/24", i % 28 + 1),
            255 => "12345 67890 13579".to_string(),
            _ => format!(
                "Writer{}, Ann, \"Report number {i} on the budget,\" Outlet {}, 2/{}/24",
                i % 3,
                i % 5,
                i % 28 + 1
            ),
        };
        text.push_str(&line);
        text.push('\n');
    }
    let library = same_as_the_library(&text, n);
    assert!(library.references.iter().any(|r| r.continues.is_some()));
}

/// Parses `text` with the CLI in JSON, JSON Lines and the table and checks each against
/// the library's records (`n` of them), which it returns.
fn same_as_the_library(text: &str, n: usize) -> reftrace::Parsed {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    std::fs::write(&input, text).unwrap();
    let path = input.to_str().unwrap();
    let library = reftrace::parse(&reftrace::Source::new(path, text));
    let want: Vec<serde_json::Value> = library
        .references
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(want.len(), n);

    let json: serde_json::Value = serde_json::from_str(&common::reftrace_stdout(&[
        "parse", path, "--format", "json",
    ]))
    .unwrap();
    let got = json["references"].as_array().unwrap();
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "record {i} of the JSON differs from the library's");
    }

    let lines = common::reftrace_stdout(&["parse", path, "--format", "jsonl"]);
    let records: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "reference")
        .map(|mut v| {
            let o = v.as_object_mut().unwrap();
            o.remove("type");
            // A record's own `type` (the kind of work) is `work_type` in a line.
            if let Some(t) = o.remove("work_type") {
                o.insert("type".into(), t);
            }
            v
        })
        .collect();
    assert_eq!(
        records, want,
        "the JSON lines differ from the library's records"
    );

    let table = common::reftrace_stdout(&["parse", path, "--format", "table"]);
    let rows: Vec<(usize, usize)> = table
        .lines()
        .filter_map(|l| {
            let mut cells = l.split_whitespace();
            Some((cells.next()?.parse().ok()?, cells.next()?.parse().ok()?))
        })
        .collect();
    let want_rows: Vec<(usize, usize)> = library
        .references
        .iter()
        .map(|r| (r.index, r.line))
        .collect();
    assert_eq!(
        rows, want_rows,
        "the table's rows (entry, line) are not the list's"
    );
    library
}

#[test]
fn a_reader_that_stops_after_one_line_ends_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    std::fs::write(&input, long_list(COPIES * 4)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_reftrace"))
        .args(["parse", input.to_str().unwrap(), "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"type\":\"article\""), "{first}");
    // The pipe is closed here; the run must end by itself (a hang fails the test run).
    let status = child.wait().unwrap();
    assert!(status.success(), "a closed pipe is not an error: {status}");
}
