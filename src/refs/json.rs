//! A record as compact JSON, written by hand into a byte buffer: the same bytes as
//! `serde_json::to_writer` of a [`Reference`] (tested on every record of the real
//! documents), several times faster. `reftrace parse --format json|jsonl` writes the
//! 100,000 records of a long list this way; a record with the fields of academic works
//! takes serde's path for them. The pieces ([`string`], [`uint`], [`span`], …) also
//! write the article's own object ([`crate::article::json`]).

use super::record::{FieldProvenance, HeadKind, PartialDate, Person, Provenance, Reference};
use crate::diag::Diagnostic;
use crate::source::Span;

/// Writes the members of `r`'s JSON object, `"index":1,…`, without the braces around
/// them (so that a caller can put its own members first, like a `type`). Returns where in
/// `out` the key's JSON string starts: a record written before its key is known (left
/// empty, `""`) gets its key put there once it is.
pub fn write_members(out: &mut Vec<u8>, r: &Reference) -> usize {
    members(out, r, false)
}

/// [`write_members`] for a line of JSON Lines, whose own `type` says what the line is
/// (`"type":"reference"`): the kind of work (the record's `type` in JSON) is written
/// `work_type`, so that no object has two members of one name.
pub fn write_line_members(out: &mut Vec<u8>, r: &Reference) -> usize {
    members(out, r, true)
}

fn members(out: &mut Vec<u8>, r: &Reference, in_line: bool) -> usize {
    // Room for the record's usual size in one step: the writes below then rarely grow
    // the buffer.
    out.reserve(r.raw.len() * 3 + 768);
    out.extend_from_slice(b"\"index\":");
    uint(out, r.index);
    out.extend_from_slice(b",\"line\":");
    uint(out, r.line);
    out.extend_from_slice(b",\"span\":");
    span(out, r.span);
    out.extend_from_slice(b",\"raw\":");
    string(out, &r.raw);
    out.extend_from_slice(if r.parsed {
        b",\"parsed\":true,\"authors\":["
    } else {
        b",\"parsed\":false,\"authors\":["
    });
    people(out, &r.authors);
    out.extend_from_slice(b"],\"outlet\":");
    opt_string(out, r.outlet.as_deref());
    out.extend_from_slice(b",\"title\":");
    opt_string(out, r.title.as_deref());
    out.extend_from_slice(b",\"date\":");
    match r.date {
        Some(d) => date(out, d),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"date_text\":");
    opt_string(out, r.date_text.as_deref());
    out.extend_from_slice(b",\"url\":");
    opt_string(out, r.url.as_deref());
    out.extend_from_slice(b",\"note\":");
    opt_string(out, r.note.as_deref());
    out.extend_from_slice(b",\"continues\":");
    opt_uint(out, r.continues);
    out.extend_from_slice(match r.head {
        HeadKind::People => b",\"head\":\"people\",\"provenance\":",
        HeadKind::Organisation => b",\"head\":\"organisation\",\"provenance\":",
        HeadKind::Empty => b",\"head\":\"empty\",\"provenance\":",
    });
    provenance(out, &r.provenance);
    out.extend_from_slice(b",\"duplicate_of\":");
    opt_uint(out, r.duplicate_of);
    out.extend_from_slice(b",\"key\":");
    let key_at = out.len();
    string(out, &r.key);
    out.extend_from_slice(b",\"diagnostics\":");
    diagnostics(out, &r.diagnostics);
    if !r.work.is_empty() {
        // Flattened into the record: serde's object for them, without its braces.
        // Serializing plain owned fields into memory cannot fail.
        let work = serde_json::to_vec(&r.work).unwrap_or_default();
        if work.len() > 2 {
            out.push(b',');
            // The kind of work is the first member when there is one.
            match work[1..work.len() - 1].strip_prefix(b"\"type\":".as_slice()) {
                Some(rest) if in_line => {
                    out.extend_from_slice(b"\"work_type\":");
                    out.extend_from_slice(rest);
                }
                _ => out.extend_from_slice(&work[1..work.len() - 1]),
            }
        }
    }
    key_at
}

/// A JSON array of diagnostics, as serde writes [`Diagnostic`]s.
pub fn diagnostics(out: &mut Vec<u8>, diagnostics: &[Diagnostic]) {
    out.push(b'[');
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        diagnostic(out, d);
    }
    out.push(b']');
}

fn diagnostic(out: &mut Vec<u8>, d: &Diagnostic) {
    out.extend_from_slice(b"{\"severity\":\"");
    out.extend_from_slice(d.severity.label().as_bytes());
    out.extend_from_slice(b"\",\"code\":\"");
    out.extend_from_slice(d.code.name().as_bytes());
    out.extend_from_slice(b"\",\"id\":\"");
    out.extend_from_slice(d.code.id().as_bytes());
    out.extend_from_slice(b"\",\"message\":");
    string(out, &d.message);
    if let Some(help) = &d.help {
        out.extend_from_slice(b",\"help\":");
        string(out, help);
    }
    out.extend_from_slice(b",\"span\":");
    span(out, d.span);
    if let Some(line) = d.line {
        out.extend_from_slice(b",\"line\":");
        uint(out, line);
    }
    if let Some(column) = d.column {
        out.extend_from_slice(b",\"column\":");
        uint(out, column);
    }
    out.push(b'}');
}

fn provenance(out: &mut Vec<u8>, p: &FieldProvenance) {
    let fields: [(&[u8], Provenance); 4] = [
        (b"{\"authors\":", p.authors),
        (b",\"outlet\":", p.outlet),
        (b",\"title\":", p.title),
        (b",\"date\":", p.date),
    ];
    for (name, value) in fields {
        out.extend_from_slice(name);
        match value {
            Provenance::Stated => out.extend_from_slice(b"{\"from\":\"stated\"}"),
            Provenance::Repaired => out.extend_from_slice(b"{\"from\":\"repaired\"}"),
            Provenance::Missing => out.extend_from_slice(b"{\"from\":\"missing\"}"),
            Provenance::Inherited { entry } => {
                out.extend_from_slice(b"{\"from\":\"inherited\",\"entry\":");
                uint(out, entry);
                out.push(b'}');
            }
        }
    }
    out.push(b'}');
}

fn people(out: &mut Vec<u8>, people: &[Person]) {
    for (i, p) in people.iter().enumerate() {
        out.extend_from_slice(if i > 0 {
            b",{\"family\":"
        } else {
            b"{\"family\":"
        });
        string(out, &p.family);
        out.extend_from_slice(b",\"given\":");
        string(out, &p.given);
        out.push(b'}');
    }
}

/// A date as serde writes [`PartialDate`]: `"2023-11-07"`, `"2023-11"` or `"2023"`.
pub fn date(out: &mut Vec<u8>, d: PartialDate) {
    if !(0..=9999).contains(&d.year) || d.month > Some(99) || d.day > Some(99) {
        // Out of the usual range: serde writes the date's display.
        return string(out, &d.to_string());
    }
    let digits = |out: &mut Vec<u8>, n: u32, width: usize| {
        let mut buf = [0u8; 4];
        let mut n = n;
        for b in buf[..width].iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
        out.extend_from_slice(&buf[..width]);
    };
    out.push(b'"');
    digits(out, d.year as u32, 4);
    if let Some(m) = d.month {
        out.push(b'-');
        digits(out, m.into(), 2);
        if let Some(day) = d.day {
            out.push(b'-');
            digits(out, day.into(), 2);
        }
    }
    out.push(b'"');
}

/// `{"start":…,"end":…}`.
pub fn span(out: &mut Vec<u8>, s: Span) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, s.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, s.end);
    out.push(b'}');
}

/// A string or `null`.
pub fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A number or `null`.
pub fn opt_uint(out: &mut Vec<u8>, n: Option<usize>) {
    match n {
        Some(n) => uint(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

/// Eight copies of byte `b` in a word.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Where the first byte that JSON escapes (a control byte, `"` or `\\`) stands in
/// `bytes`, from `from` on. Eight bytes a step: in a word, a byte below 0x20 and a
/// byte equal to `"` or `\\` each set the top bit of their lane (the classic
/// "has less" and "has zero" word tests); a borrow can set a higher lane too, never a
/// lower one, so the lowest bit set is exact.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        let hits = escape_lanes(u64::from_le_bytes(word));
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    // The last bytes, padded with spaces (which JSON leaves as they are): one more
    // word test instead of a test a byte.
    let rest = &bytes[at..];
    if rest.is_empty() {
        return None;
    }
    let mut word = [b' '; 8];
    word[..rest.len()].copy_from_slice(rest);
    let hits = escape_lanes(u64::from_le_bytes(word));
    (hits != 0).then(|| at + (hits.trailing_zeros() / 8) as usize)
}

/// The top bit of each lane of `x` whose byte JSON escapes, and maybe of higher lanes
/// (see [`next_escape`]).
fn escape_lanes(x: u64) -> u64 {
    const LOW: u64 = splat(0x01);
    const HIGH: u64 = splat(0x80);
    let zero = |v: u64| v.wrapping_sub(LOW) & !v;
    (x.wrapping_sub(splat(0x20)) & !x | zero(x ^ splat(b'"')) | zero(x ^ splat(b'\\'))) & HIGH
}

/// What serde_json writes for a byte that needs escaping: the letter after the
/// backslash, or `u` for `\u00XX`; 0 for a byte written as it is.
const fn escape_of(b: u8) -> u8 {
    match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0..=0x1f => b'u',
        _ => 0,
    }
}

/// A JSON string, escaped as serde_json escapes it (`\"`, `\\`, `\n`, `\u001f`, …).
pub fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    while let Some(i) = next_escape(bytes, start) {
        out.extend_from_slice(&bytes[start..i]);
        let b = bytes[i];
        match escape_of(b) {
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
            letter => {
                out.push(b'\\');
                out.push(letter);
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The two digits of every number below 100.
const PAIRS: [u8; 200] = {
    let mut pairs = [0u8; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
};

/// A number in decimal, two digits a step.
pub fn uint(out: &mut Vec<u8>, n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut n = n;
    while n >= 100 {
        let pair = n % 100 * 2;
        n /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[n * 2..n * 2 + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + n as u8;
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn by_hand(r: &Reference) -> String {
        let mut out = b"{".to_vec();
        write_members(&mut out, r);
        out.push(b'}');
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_are_found_anywhere() {
        // 43 bytes: the last three are read in a padded word.
        for at in 0..43 {
            for b in [b'"', b'\\', b'\n', 0x1f, 0] {
                let mut s = vec![b'a'; 43];
                s[at] = b;
                assert_eq!(next_escape(&s, 0), Some(at));
                // A byte that would borrow into the next lane does not hide it.
                s[at.saturating_sub(1)] = 0;
                assert_eq!(next_escape(&s, 0), Some(at.saturating_sub(1)));
            }
        }
        let clean = "Iraq’s “militias” é 0x7f\u{7f} ~ \u{ff}";
        assert_eq!(next_escape(clean.as_bytes(), 0), None);
    }

    #[test]
    fn numbers_are_decimal() {
        for n in [
            0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 9999, 10_000, 99_999, 100_000, 65_536,
            1_234_567, 99_999_999, 100_000_000, usize::MAX,
        ] {
            let mut out = Vec::new();
            uint(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        let mut every_byte: String = (0u8..0x80).map(char::from).collect();
        every_byte.push_str("“é” \u{2028} end");
        for s in [
            "",
            "plain",
            "a \"quoted\" title",
            "back\\slash",
            "tab\there\r\n",
            &every_byte,
        ] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn dates_are_written_as_serde_writes_them() {
        for d in [
            PartialDate::year(2023),
            PartialDate::year(-44),
            PartialDate::year(12_345),
            PartialDate::ym(1999, 2).unwrap(),
            PartialDate::ymd(2023, 11, 7).unwrap(),
            PartialDate::ymd(5, 1, 31).unwrap(),
        ] {
            let mut out = Vec::new();
            date(&mut out, d);
            assert_eq!(out, serde_json::to_vec(&d).unwrap(), "{d}");
        }
    }

    #[test]
    fn the_same_bytes_as_serde() {
        let text = "November 22, 2023\nA \"Title\"\n\nBody sentence here. Another one.\n\n\
            Knights, Michael Al-Kaabi, Ameer, \"Iraq's \\\"militias\\\",\" Washington Institute, 11/ 9/23\n\
            - \"Drone attack on Erbil base today,\" 11/10/23\n\
            - Michael, \"Drone attack on Erbil base today,\" 11/10/23\n\
            Reuters, \"Explosive\tdevice near Mosul,\" 11/9/23 https://example.com/a\n\
            Shafaq News, \"Unclosed title 11/9/23\n\
            Niner, \"Impossible Aim\"\n";
        let parsed = crate::parse(&Source::new("t.txt", text));
        assert!(parsed.references.len() >= 5);
        for r in &parsed.references {
            assert_eq!(by_hand(r), serde_json::to_string(r).unwrap());
        }
        let mut r = parsed.references[0].clone();
        r.work.volume = Some("12".into());
        r.work.editors = vec![Person::new("Doe", "Jane")];
        r.parsed = false;
        r.diagnostics[0].help = None;
        r.diagnostics[0].line = None;
        assert_eq!(by_hand(&r), serde_json::to_string(&r).unwrap());
    }

    /// A line of JSON Lines says what it is in `type`: the record's kind of work is
    /// written `work_type` there, and only there.
    #[test]
    fn a_line_names_the_kind_of_work_work_type() {
        let text = "November 22, 2023\nA \"Title\"\n\nBody sentence here.\n\n\
            Reuters, \"Explosive device near Mosul,\" 11/9/23\n";
        let parsed = crate::parse(&Source::new("t.txt", text));
        let mut r = parsed.references[0].clone();
        r.work.kind = Some(super::super::record::WorkType::ArticleJournal);
        r.work.volume = Some("12".into());
        let mut whole = Vec::new();
        write_members(&mut whole, &r);
        let whole = String::from_utf8(whole).unwrap();
        assert!(whole.contains("\"type\":\"article-journal\""), "{whole}");
        let mut line = b"{\"type\":\"reference\",".to_vec();
        write_line_members(&mut line, &r);
        line.push(b'}');
        let v: serde_json::Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(v["type"], "reference");
        assert_eq!(v["work_type"], "article-journal");
        assert_eq!(v["volume"], "12");
        let line = String::from_utf8(line).unwrap();
        assert_eq!(line.matches("\"type\":").count(), 1, "{line}");
    }
}
