//! A record as compact JSON, written by hand: the same bytes as `serde_json::to_writer`
//! of a [`Reference`] (tested on every record of the real documents), about four times
//! faster. `reftrace parse --format json|jsonl` writes 100,000 records of a long list
//! this way; a record with the fields of academic works takes serde's path for them.

use super::record::{FieldProvenance, Person, Provenance, Reference};
use crate::diag::Diagnostic;
use crate::source::Span;
use std::io::{self, Write};

/// Writes the members of `r`'s JSON object, `"index":1,…`, without the braces around
/// them (so that a caller can put its own members first, like a `type`).
pub fn write_members(out: &mut impl Write, r: &Reference) -> io::Result<()> {
    out.write_all(b"\"index\":")?;
    uint(out, r.index)?;
    out.write_all(b",\"line\":")?;
    uint(out, r.line)?;
    out.write_all(b",\"span\":")?;
    span(out, r.span)?;
    out.write_all(b",\"raw\":")?;
    string(out, &r.raw)?;
    out.write_all(if r.parsed {
        b",\"parsed\":true,\"authors\":["
    } else {
        b",\"parsed\":false,\"authors\":["
    })?;
    people(out, &r.authors)?;
    out.write_all(b"],\"outlet\":")?;
    opt_string(out, r.outlet.as_deref())?;
    out.write_all(b",\"title\":")?;
    opt_string(out, r.title.as_deref())?;
    out.write_all(b",\"date\":")?;
    match r.date {
        Some(d) => serde_json::to_writer(&mut *out, &d)?,
        None => out.write_all(b"null")?,
    }
    out.write_all(b",\"date_text\":")?;
    opt_string(out, r.date_text.as_deref())?;
    out.write_all(b",\"url\":")?;
    opt_string(out, r.url.as_deref())?;
    out.write_all(b",\"note\":")?;
    opt_string(out, r.note.as_deref())?;
    out.write_all(b",\"continues\":")?;
    opt_uint(out, r.continues)?;
    out.write_all(b",\"head\":")?;
    serde_json::to_writer(&mut *out, &r.head)?;
    out.write_all(b",\"provenance\":")?;
    provenance(out, &r.provenance)?;
    out.write_all(b",\"duplicate_of\":")?;
    opt_uint(out, r.duplicate_of)?;
    out.write_all(b",\"key\":")?;
    string(out, &r.key)?;
    out.write_all(b",\"diagnostics\":[")?;
    for (i, d) in r.diagnostics.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        diagnostic(out, d)?;
    }
    out.write_all(b"]")?;
    if r.work != Default::default() {
        // Flattened into the record: serde's object for them, without its braces.
        let work = serde_json::to_vec(&r.work)?;
        if work.len() > 2 {
            out.write_all(b",")?;
            out.write_all(&work[1..work.len() - 1])?;
        }
    }
    Ok(())
}

fn diagnostic(out: &mut impl Write, d: &Diagnostic) -> io::Result<()> {
    out.write_all(b"{\"severity\":")?;
    serde_json::to_writer(&mut *out, &d.severity)?;
    out.write_all(b",\"code\":")?;
    serde_json::to_writer(&mut *out, &d.code)?;
    out.write_all(b",\"id\":")?;
    string(out, d.code.id())?;
    out.write_all(b",\"message\":")?;
    string(out, &d.message)?;
    if let Some(help) = &d.help {
        out.write_all(b",\"help\":")?;
        string(out, help)?;
    }
    out.write_all(b",\"span\":")?;
    span(out, d.span)?;
    if let Some(line) = d.line {
        out.write_all(b",\"line\":")?;
        uint(out, line)?;
    }
    if let Some(column) = d.column {
        out.write_all(b",\"column\":")?;
        uint(out, column)?;
    }
    out.write_all(b"}")
}

fn provenance(out: &mut impl Write, p: &FieldProvenance) -> io::Result<()> {
    let fields: [(&[u8], Provenance); 4] = [
        (b"{\"authors\":", p.authors),
        (b",\"outlet\":", p.outlet),
        (b",\"title\":", p.title),
        (b",\"date\":", p.date),
    ];
    for (name, value) in fields {
        out.write_all(name)?;
        match value {
            Provenance::Stated => out.write_all(b"{\"from\":\"stated\"}")?,
            Provenance::Repaired => out.write_all(b"{\"from\":\"repaired\"}")?,
            Provenance::Missing => out.write_all(b"{\"from\":\"missing\"}")?,
            Provenance::Inherited { entry } => {
                out.write_all(b"{\"from\":\"inherited\",\"entry\":")?;
                uint(out, entry)?;
                out.write_all(b"}")?;
            }
        }
    }
    out.write_all(b"}")
}

fn people(out: &mut impl Write, people: &[Person]) -> io::Result<()> {
    for (i, p) in people.iter().enumerate() {
        out.write_all(if i > 0 {
            b",{\"family\":"
        } else {
            b"{\"family\":"
        })?;
        string(out, &p.family)?;
        out.write_all(b",\"given\":")?;
        string(out, &p.given)?;
        out.write_all(b"}")?;
    }
    Ok(())
}

fn span(out: &mut impl Write, s: Span) -> io::Result<()> {
    out.write_all(b"{\"start\":")?;
    uint(out, s.start)?;
    out.write_all(b",\"end\":")?;
    uint(out, s.end)?;
    out.write_all(b"}")
}

fn opt_string(out: &mut impl Write, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => string(out, s),
        None => out.write_all(b"null"),
    }
}

fn opt_uint(out: &mut impl Write, n: Option<usize>) -> io::Result<()> {
    match n {
        Some(n) => uint(out, n),
        None => out.write_all(b"null"),
    }
}

/// Whether a byte of `s` must be escaped in a JSON string. Sixteen bytes at a time
/// with no early exit inside a chunk, so the compiler checks each chunk in a few vector
/// instructions.
fn needs_escape(s: &[u8]) -> bool {
    s.chunks(16).any(|chunk| {
        chunk.iter().fold(false, |any, &b| {
            any | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    })
}

/// A JSON string: copied as it is when nothing in it needs escaping (the usual case),
/// else escaped by serde_json.
fn string(out: &mut impl Write, s: &str) -> io::Result<()> {
    if needs_escape(s.as_bytes()) {
        return serde_json::to_writer(&mut *out, s).map_err(io::Error::from);
    }
    out.write_all(b"\"")?;
    out.write_all(s.as_bytes())?;
    out.write_all(b"\"")
}

fn uint(out: &mut impl Write, mut n: usize) -> io::Result<()> {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.write_all(&buf[at..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;

    fn by_hand(r: &Reference) -> String {
        let mut out = b"{".to_vec();
        write_members(&mut out, r).unwrap();
        out.push(b'}');
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_are_found_anywhere() {
        for at in 0..40 {
            for b in [b'"', b'\\', b'\n', 0x1f] {
                let mut s = vec![b'a'; 40];
                s[at] = b;
                assert!(needs_escape(&s));
            }
        }
        assert!(!needs_escape("Iraq’s “militias” é 0x7f\u{7f}".as_bytes()));
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
}
