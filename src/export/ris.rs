//! RIS: `TY` .. `ER` records with the tags Zotero and EndNote read.
//!
//! News articles are `NEWS` with the outlet in `T2`; reports are `RPRT` with the
//! institution in `PB`; items without an outlet are `GEN`. Academic works are `JOUR`,
//! `BOOK`, `CHAP`, `CONF`, `THES` and `ELEC`, with the journal, book or proceedings in
//! `T2`, the series in `T3`, `VL`, `IS`, `SP`/`EP`, `PB`, `CY`, `ET`, `M3` (genre), `DO`
//! and `SN` (ISBN). Editors are `A2` and translators `A4`, the tags Zotero and rispy
//! read (rispy does not know `ED`). A film with no author has its directors in `AU`;
//! directors, producers and other roles are otherwise kept in the note `N1`. Every
//! line is `XX  - value` (values never hold a
//! line break), and records follow each other without blank lines.

use super::fields;
use super::work::{Work, WorkKind};
use super::{ExportError, Options};
use crate::refs::Person;
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
        WorkKind::JournalArticle => "JOUR",
        WorkKind::Book => "BOOK",
        WorkKind::Chapter => "CHAP",
        WorkKind::ConferencePaper => "CONF",
        WorkKind::Thesis => "THES",
        WorkKind::Webpage => "ELEC",
        WorkKind::Dataset => "DATA",
        WorkKind::Software => "COMP",
        WorkKind::Video => "VIDEO",
    }
}

fn person(out: &mut String, name: &str, p: &Person) {
    if p.given.trim().is_empty() {
        tag(out, name, &p.family);
    } else {
        tag(out, name, &format!("{}, {}", p.family, p.given));
    }
}

/// One RIS record, `TY` to `ER`.
pub fn record(work: &Work) -> String {
    let mut out = String::with_capacity(256);
    tag(&mut out, "TY", ris_type(work.kind));
    let f = &work.fields;
    // A film with no author credits its director there, as EndNote's RIS does.
    for p in work.authors_or_directors().iter() {
        person(&mut out, "AU", p);
    }
    for p in &f.editors {
        person(&mut out, "A2", p);
    }
    for p in &f.translators {
        person(&mut out, "A4", p);
    }
    if let Some(title) = &work.title {
        tag(&mut out, "TI", title);
    }
    if let Some(container) = work.container() {
        tag(&mut out, "T2", container);
    }
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    tag(&mut out, "T3", &text(&f.collection_title));
    tag(&mut out, "VL", &text(&f.volume));
    tag(&mut out, "IS", &text(&f.issue));
    if let Some((first, last)) = work.page_range() {
        tag(&mut out, "SP", first);
        tag(&mut out, "EP", last.unwrap_or_default());
    }
    let edition = work
        .edition_number()
        .map(|n| n.to_string())
        .unwrap_or_else(|| text(&f.edition));
    // `ET` holds a program's version (as Zotero reads it back) and any other work's
    // edition; the one it cannot hold goes to the note.
    let version = text(&f.version);
    let (et, aside) = if work.kind == WorkKind::Software && !version.is_empty() {
        (version, (!edition.is_empty()).then(|| format!("Edition: {edition}")))
    } else {
        (edition, (!version.is_empty()).then(|| format!("Version {version}")))
    };
    tag(&mut out, "ET", &et);
    if let Some(publisher) = work.publisher() {
        tag(&mut out, "PB", publisher);
    }
    tag(&mut out, "CY", &text(&f.location));
    tag(&mut out, "M3", &text(&f.genre));
    if let Some(d) = work.date {
        tag(&mut out, "PY", &format!("{:04}", d.year));
        let part = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
        tag(
            &mut out,
            "DA",
            &format!("{:04}/{}/{}/", d.year, part(d.month), part(d.day)),
        );
    }
    tag(&mut out, "DO", &text(&f.doi));
    tag(&mut out, "SN", &text(&f.isbn));
    if let Some(url) = &work.url {
        tag(&mut out, "UR", url);
    }
    if let Some(d) = f.accessed {
        // RIS's access date, `YYYY/MM/DD` as `DA` writes dates.
        let part = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
        tag(
            &mut out,
            "Y2",
            &format!("{:04}/{}/{}", d.year, part(d.month), part(d.day)),
        );
    }
    let credits = work.credits().into_iter().map(|(r, people)| {
        let names: Vec<String> = people.iter().map(ToString::to_string).collect();
        format!("{}: {}", r.label(), names.join("; "))
    });
    let note = fields::sentences(work.note.iter().cloned().chain(aside).chain(credits));
    if !note.is_empty() {
        tag(&mut out, "N1", &note);
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
