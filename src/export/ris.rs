//! RIS: `TY` .. `ER` records with the tags Zotero and EndNote read.
//!
//! News articles are `NEWS` with the outlet in `T2`; reports are `RPRT` with the
//! institution in `PB`; items without an outlet are `GEN`. Every line is `XX  - value`
//! (values never hold a line break), and records follow each other without blank lines.

use super::work::{Work, WorkKind};
use super::{ExportError, Options};
use std::io::Write;

/// Writes every work as one RIS record.
pub fn write(works: &[Work], out: &mut impl Write, _options: &Options) -> Result<(), ExportError> {
    for work in works {
        out.write_all(record(work).as_bytes())?;
    }
    Ok(())
}

/// The RIS type tag of a work kind.
pub fn ris_type(kind: WorkKind) -> &'static str {
    match kind {
        WorkKind::NewsArticle => "NEWS",
        WorkKind::Report => "RPRT",
        WorkKind::Article => "GEN",
    }
}

/// One RIS record, `TY` to `ER`.
pub fn record(work: &Work) -> String {
    let mut out = String::with_capacity(256);
    tag(&mut out, "TY", ris_type(work.kind));
    for p in &work.authors {
        if p.given.trim().is_empty() {
            tag(&mut out, "AU", &p.family);
        } else {
            tag(&mut out, "AU", &format!("{}, {}", p.family, p.given));
        }
    }
    if let Some(title) = &work.title {
        tag(&mut out, "TI", title);
    }
    match (work.kind, &work.outlet) {
        (WorkKind::NewsArticle, Some(o)) => tag(&mut out, "T2", o),
        (WorkKind::Report, Some(o)) => tag(&mut out, "PB", o),
        _ => {}
    }
    if let Some(d) = work.date {
        tag(&mut out, "PY", &format!("{:04}", d.year));
        let part = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
        tag(
            &mut out,
            "DA",
            &format!("{:04}/{}/{}/", d.year, part(d.month), part(d.day)),
        );
    }
    if let Some(url) = &work.url {
        tag(&mut out, "UR", url);
    }
    if let Some(note) = &work.note {
        tag(&mut out, "N1", note);
    }
    tag(&mut out, "ID", &work.key);
    out.push_str("ER  - \n");
    out
}

/// Appends `XX  - value`, with line breaks (also U+2028/U+2029) and other control
/// characters made spaces.
fn tag(out: &mut String, name: &str, value: &str) {
    let clean: String = value
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return;
    }
    out.push_str(name);
    out.push_str("  - ");
    out.push_str(clean);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_never_break_a_line() {
        let mut out = String::new();
        tag(&mut out, "TI", "one\ntwo\r\nthree\u{2028}four");
        assert_eq!(out, "TI  - one two  three four\n");
    }

    #[test]
    fn empty_values_are_left_out() {
        let mut out = String::new();
        tag(&mut out, "N1", " \n ");
        assert!(out.is_empty());
    }
}
