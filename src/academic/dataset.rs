//! Tagged reference strings in AnyStyle's XML format (`<dataset><sequence><author>…
//! </author>…</sequence></dataset>`): reading them for training, writing them back for
//! scoring a subset.

use super::label::Label;
use std::fmt::Write;

/// One tagged reference string: its segments in order, each with its tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    /// `(tag, text)` pairs; the text's white space is collapsed.
    pub segments: Vec<(String, String)>,
}

impl Sequence {
    /// The reference string: the segments joined by single spaces.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self
            .segments
            .iter()
            .map(|(_, t)| t.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        parts.join(" ")
    }

    /// The label of every white-space separated word of [`Sequence::text`].
    pub fn labels(&self) -> Vec<Label> {
        self.segments
            .iter()
            .flat_map(|(tag, t)| {
                let l = Label::from_tag(tag);
                t.split_whitespace().map(move |_| l)
            })
            .collect()
    }
}

/// An error in a dataset file.
#[derive(Debug, thiserror::Error)]
#[error("not an AnyStyle dataset: {0}")]
pub struct DatasetError(String);

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find(';') else { break };
        let ent = &rest[1..j];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for an XML element.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Reads every `<sequence>` of a dataset.
pub fn parse(xml: &str) -> Result<Vec<Sequence>, DatasetError> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<sequence") {
        rest = &rest[i..];
        let open_end = rest
            .find('>')
            .ok_or_else(|| DatasetError("a <sequence> tag is not closed".into()))?;
        if rest[..open_end].ends_with('/') {
            rest = &rest[open_end + 1..];
            out.push(Sequence {
                segments: Vec::new(),
            });
            continue;
        }
        let close = rest
            .find("</sequence>")
            .ok_or_else(|| DatasetError("a <sequence> has no </sequence>".into()))?;
        let mut body = &rest[open_end + 1..close];
        rest = &rest[close + "</sequence>".len()..];
        let mut segments = Vec::new();
        while let Some(s) = body.find('<') {
            body = &body[s + 1..];
            let e = body
                .find('>')
                .ok_or_else(|| DatasetError("a tag is not closed".into()))?;
            let tag = &body[..e];
            if tag.ends_with('/') {
                body = &body[e + 1..];
                continue;
            }
            let end_tag = format!("</{tag}>");
            let c = body[e + 1..]
                .find(&end_tag)
                .ok_or_else(|| DatasetError(format!("<{tag}> is not closed")))?;
            let text = unescape(&body[e + 1..e + 1 + c]);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            segments.push((tag.to_string(), text));
            body = &body[e + 1 + c + end_tag.len()..];
        }
        out.push(Sequence { segments });
    }
    Ok(out)
}

/// Writes sequences as a dataset.
pub fn write(seqs: &[&Sequence]) -> String {
    let mut out = String::from("<?xml version='1.0' encoding='utf-8'?>\n<dataset>\n");
    for s in seqs {
        out.push_str("  <sequence>\n");
        for (tag, text) in &s.segments {
            let _ = writeln!(out, "    <{tag}>{}</{tag}>", escape(text));
        }
        out.push_str("  </sequence>\n");
    }
    out.push_str("</dataset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_labels_words() {
        let xml = "<dataset><sequence><author>Smith, J.\n  &amp; Doe, A.</author>\
                   <date>(2001).</date><title>A &lt;b&gt; title</title></sequence>\
                   <sequence></sequence></dataset>";
        let seqs = parse(xml).unwrap();
        assert_eq!(seqs.len(), 2);
        assert_eq!(seqs[0].text(), "Smith, J. & Doe, A. (2001). A <b> title");
        assert_eq!(seqs[0].labels().len(), 9);
        assert_eq!(seqs[0].labels()[5], Label::Date);
        let again = parse(&write(&[&seqs[0]])).unwrap();
        assert_eq!(again[0], seqs[0]);
        assert!(parse("<dataset><sequence><a>x</sequence>").is_err());
    }
}
