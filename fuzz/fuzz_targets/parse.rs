//! Fuzz target: any bytes, decoded lossily, must parse without a panic, and every
//! non-blank line of the reference section must land in exactly one record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reftrace::input::{Decoding, decode};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode("fuzz", data.to_vec(), Decoding::Lossy) else {
        return;
    };
    let source = decoded.source;
    let parsed = reftrace::parse(&source);
    let Some(section) = &parsed.article.references else {
        return;
    };
    assert_eq!(parsed.references.len(), section.entries.len());
    for (line, span) in source.lines() {
        if span.start < section.entries[0].span.start || span.end > section.span.end {
            continue;
        }
        if source.slice(span).trim().is_empty() {
            continue;
        }
        let holders = parsed
            .references
            .iter()
            .filter(|r| {
                let first = source.line_index(r.span.start);
                let last = source.line_index(r.span.end.saturating_sub(1).max(r.span.start));
                first <= line && line <= last
            })
            .count();
        assert_eq!(holders, 1, "line {}", line + 1);
    }
});
