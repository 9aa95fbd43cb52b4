//! An [`Article`] as compact JSON, written by hand: the same bytes as
//! `serde_json::to_writer` of it (tested on the sample and on articles of every shape).
//! Its list's entry spans are a line of JSON per hundred bytes of input, so
//! `reftrace parse --format json|jsonl` writes them this way, with the records.

use super::{Article, LineGroup, ReferenceSection};
use crate::refs::json::{date, opt_string, span, string, uint};
use crate::source::Span;

/// Writes `article` as one compact JSON object.
pub fn write(out: &mut Vec<u8>, article: &Article) {
    let done: Result<(), std::convert::Infallible> = write_passing(out, article, |_| Ok(()));
    if let Err(never) = done {
        match never {}
    }
}

/// [`write`](fn@write), calling `pass_on` with the output after every hundred entries of the list,
/// so that a caller can hand on what is written (the entries of a list of 100,000 take
/// 6 MB); stops at the first error `pass_on` returns.
pub fn write_passing<E>(
    out: &mut Vec<u8>,
    article: &Article,
    mut pass_on: impl FnMut(&mut Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    out.extend_from_slice(b"{\"title\":");
    opt_string(out, article.title.as_deref());
    out.extend_from_slice(b",\"title_span\":");
    opt_span(out, article.title_span);
    out.extend_from_slice(b",\"date\":");
    match article.date {
        Some(d) => date(out, d),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"date_span\":");
    opt_span(out, article.date_span);
    out.extend_from_slice(b",\"captions\":");
    spans(out, &article.captions);
    out.extend_from_slice(b",\"header\":");
    span(out, article.header);
    out.extend_from_slice(b",\"body\":");
    span(out, article.body);
    out.extend_from_slice(b",\"paragraphs\":");
    spans(out, &article.paragraphs);
    out.extend_from_slice(b",\"references\":");
    match &article.references {
        Some(section) => references(out, section, &mut pass_on)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"footer\":");
    opt_span(out, article.footer);
    out.extend_from_slice(b",\"body_lines\":");
    lines(out, article.body_lines);
    out.extend_from_slice(b",\"reference_lines\":");
    lines(out, article.reference_lines);
    out.push(b'}');
    Ok(())
}

fn references<E>(
    out: &mut Vec<u8>,
    section: &ReferenceSection,
    pass_on: &mut impl FnMut(&mut Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    /// Entries written between two calls of `pass_on` (about 6 kB).
    const BATCH: usize = 100;
    out.extend_from_slice(b"{\"span\":");
    span(out, section.span);
    out.extend_from_slice(b",\"heading\":");
    opt_span(out, section.heading);
    out.extend_from_slice(b",\"entries\":[");
    for (i, g) in section.entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
            if i % BATCH == 0 {
                pass_on(out)?;
            }
        }
        entry(out, g);
    }
    out.extend_from_slice(b"],\"found_by\":");
    string(out, &section.found_by);
    if !section.furniture.is_empty() {
        out.extend_from_slice(b",\"furniture\":[");
        for (i, f) in section.furniture.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            span(out, *f);
        }
        out.push(b']');
    }
    out.push(b'}');
    Ok(())
}

fn entry(out: &mut Vec<u8>, g: &LineGroup) {
    out.extend_from_slice(b"{\"span\":");
    span(out, g.span);
    out.extend_from_slice(b",\"first_line\":");
    uint(out, g.first_line);
    out.extend_from_slice(b",\"line_count\":");
    uint(out, g.line_count);
    out.push(b'}');
}

fn opt_span(out: &mut Vec<u8>, s: Option<Span>) {
    match s {
        Some(s) => span(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn spans(out: &mut Vec<u8>, spans: &[Span]) {
    out.push(b'[');
    for (i, &s) in spans.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        span(out, s);
    }
    out.push(b']');
}

fn lines(out: &mut Vec<u8>, lines: Option<[usize; 2]>) {
    match lines {
        Some([first, last]) => {
            out.push(b'[');
            uint(out, first);
            out.push(b',');
            uint(out, last);
            out.push(b']');
        }
        None => out.extend_from_slice(b"null"),
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{Shape, Source};

    #[test]
    fn the_same_bytes_as_serde() {
        let seed = include_str!("../../refs/musings-2023-11-22-us-retaliates.txt");
        let texts = [
            seed,
            "",
            "Just a sentence with no list.",
            "SOURCES\n\nReuters, \"A \\\"quoted\\\" title,\" 11/9/23\n\nFooter text.\n",
            "(a caption)\n\nBody.\n\nAP, \"X,\" 1/2/24\nAP, \"Y,\" 1/3/24\n",
            // An academic list over a page break, its page number left out of entries.
            "A Thesis\n\nText.\n\nReferences\n\nSmith, J. (2001). A long title of the\n   work. \
             Journal of Things, 4(2), 1-9.\n\n12\n\u{c}Doe, A. (2003). Another title. Press.\n",
        ];
        for text in texts {
            for shape in [Shape::Article, Shape::List] {
                let source = Source::new("t.txt", text).with_shape(shape);
                let article = crate::parse(&source).article;
                if text.starts_with("A Thesis") && shape == Shape::Article {
                    let section = article.references.as_ref().unwrap();
                    assert_eq!(section.furniture.len(), 1, "{section:?}");
                }
                let mut out = Vec::new();
                super::write(&mut out, &article);
                let serde = serde_json::to_vec(&article).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    String::from_utf8(serde.clone()).unwrap()
                );
                // Handed on in pieces, the same bytes.
                let (mut passed, mut buf) = (Vec::new(), Vec::new());
                super::write_passing(&mut buf, &article, |b: &mut Vec<u8>| {
                    passed.append(b);
                    Ok::<(), ()>(())
                })
                .unwrap();
                passed.append(&mut buf);
                assert_eq!(passed, serde);
            }
        }
    }
}
