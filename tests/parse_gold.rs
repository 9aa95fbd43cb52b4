//! Every record of every article in `refs/` against its hand-checked gold file,
//! field by field, so a failure names the entry and the field.

use reftrace::{Code, Source, parse};
use serde_json::Value;
use std::path::Path;

fn norm(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    let folded: String = s
        .chars()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

fn gold_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("refs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".references.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no gold files in {}", dir.display());
    files
}

fn load(gold_path: &Path) -> (Value, reftrace::Parsed) {
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let article = gold_path
        .parent()
        .unwrap()
        .join(gold["source"].as_str().unwrap());
    let text = std::fs::read_to_string(&article).unwrap();
    (
        gold,
        parse(&Source::new(article.display().to_string(), text)),
    )
}

#[test]
fn every_gold_record_matches_field_by_field() {
    for path in gold_files() {
        let (gold, parsed) = load(&path);
        let got = serde_json::to_value(&parsed.references).unwrap();
        let got = got.as_array().unwrap();
        let mut misses = Vec::new();
        let want_refs = gold["references"].as_array().unwrap();
        assert_eq!(
            got.len(),
            want_refs.len(),
            "{}: record count",
            path.display()
        );
        for want in want_refs {
            let line = want["line"].as_u64().unwrap();
            let Some(rec) = got.iter().find(|r| r["line"].as_u64() == Some(line)) else {
                misses.push(format!("line {line}: no record"));
                continue;
            };
            for field in ["outlet", "title", "date"] {
                if norm(&want[field]) != norm(&rec[field]) {
                    misses.push(format!(
                        "line {line} {field}: want {} got {}",
                        want[field], rec[field]
                    ));
                }
            }
            if want["continues"] != rec["continues"] {
                misses.push(format!(
                    "line {line} continues: want {} got {}",
                    want["continues"], rec["continues"]
                ));
            }
            if want["index"] != rec["index"] {
                misses.push(format!(
                    "line {line} index: want {} got {}",
                    want["index"], rec["index"]
                ));
            }
            let people = |v: &Value| -> Vec<(Option<String>, Option<String>)> {
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| (norm(&p["family"]), norm(&p["given"])))
                    .collect()
            };
            if people(&want["authors"]) != people(&rec["authors"]) {
                misses.push(format!(
                    "line {line} authors: want {} got {}",
                    want["authors"], rec["authors"]
                ));
            }
        }
        assert!(
            misses.is_empty(),
            "{}:\n{}",
            path.display(),
            misses.join("\n")
        );
        assert_eq!(
            parsed.article.title.as_deref(),
            gold["article"]["title"].as_str(),
            "article title"
        );
        assert_eq!(
            parsed.article.date.map(|d| d.to_string()).as_deref(),
            gold["article"]["date"].as_str(),
            "article date"
        );
    }
}

/// The gold notes name what had to be repaired; each must have its diagnostic.
#[test]
fn every_gold_note_has_its_diagnostic() {
    for path in gold_files() {
        let (gold, parsed) = load(&path);
        for want in gold["references"].as_array().unwrap() {
            let line = want["line"].as_u64().unwrap() as usize;
            let rec = parsed.references.iter().find(|r| r.line == line).unwrap();
            let codes: Vec<Code> = rec.diagnostics.iter().map(|d| d.code).collect();
            for note in want["notes"].as_array().unwrap() {
                let note = note.as_str().unwrap();
                let code = if note.contains("separator") {
                    Code::AuthorSeparatorMissing
                } else if note.contains("whitespace inside date") {
                    Code::DateWhitespace
                } else if note.contains("same work") {
                    Code::ProbableDuplicate
                } else if note.contains("names only the given name") {
                    Code::ContinuationPartialName
                } else {
                    panic!("gold note without a known diagnostic: {note}");
                };
                assert!(
                    codes.contains(&code),
                    "line {line}: note `{note}` wants {code:?}, got {codes:?}"
                );
            }
        }
    }
}

#[test]
fn seed_keys_are_readable_and_unique() {
    let (_, parsed) = load(&gold_files()[0]);
    let keys: Vec<&str> = parsed.references.iter().map(|r| r.key.as_str()).collect();
    let unique: std::collections::HashSet<_> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{keys:?}");
    assert!(keys.contains(&"vanwilgenburg2023attack"), "{keys:?}");
    assert!(keys.contains(&"shafaqnews2023factions"), "{keys:?}");
    // Same on a second run.
    let (_, again) = load(&gold_files()[0]);
    let again: Vec<&str> = again.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, again);
}
