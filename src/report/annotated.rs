//! The article as pandoc Markdown with a citation after every supported claim.
//!
//! [`annotate`] writes the article's title and body paragraphs with `[@key1; @key2]`
//! after each claim a source supports (at [`SUPPORTED_AT`] or above), YAML front
//! matter naming the bibliography, and a closing `# References` section where
//! `pandoc --citeproc` puts the formatted list. The bibliography itself comes from the
//! export writers ([`crate::export`]), which merge probable duplicates; a link to a
//! merged entry cites the work it was merged into, so every cited key exists in the
//! bibliography.
//!
//! Article text is untrusted: every character pandoc could read as markup (`*`, `_`,
//! brackets, `@`, `<`, backticks, `$`, `\`, `~`, `^`, `|`, entities, and block
//! markers at the start of a line) is escaped with a backslash, and the front matter
//! holds only double-quoted YAML strings. This module does not run pandoc.
//!
//! ```
//! use reftrace::report::annotated::{self, BibFormat};
//! use reftrace::{Source, parse, trace};
//!
//! let text = "Title line about Mosul\n\nAn IED hit a patrol near Mosul on November 8.\n\n\
//!             Reuters, \"Explosive device near Iraq's Mosul targets patrol,\" 11/9/23\n\
//!             - \"Drone attack on Erbil,\" 11/10/23\n";
//! let source = Source::new("example.txt", text);
//! let parsed = parse(&source);
//! let traced = trace::trace(&source, &parsed, &trace::Options::default());
//! let doc = annotated::annotate(&source, &parsed, &traced, "example.json", BibFormat::CslJson)?;
//! assert!(doc.markdown.contains("bibliography: \"example.json\""));
//! assert!(doc.bibliography.contains(&parsed.references[0].key));
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::export::{self, ExportError, Format, Options, Work};
use crate::trace::{ClaimTrace, SUPPORTED_AT, Status, Trace};
use crate::{Parsed, Source};
use std::collections::HashMap;

/// The bibliography formats pandoc reads that the annotated article can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BibFormat {
    /// CSL-JSON (`.json`).
    CslJson,
    /// BibLaTeX (`.bib`).
    Biblatex,
}

impl BibFormat {
    /// The export format that writes it.
    pub fn format(self) -> Format {
        match self {
            BibFormat::CslJson => Format::CslJson,
            BibFormat::Biblatex => Format::Biblatex,
        }
    }

    /// The file extension pandoc recognises it by, without the dot.
    pub fn extension(self) -> &'static str {
        self.format().extension()
    }
}

/// An annotated article and the bibliography it cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    /// The pandoc Markdown document.
    pub markdown: String,
    /// The bibliography file's contents.
    pub bibliography: String,
    /// Every key cited in the document, in first-use order.
    pub cited: Vec<String>,
}

/// Writes the annotated article; `bibliography` is the file name the front matter
/// gives for the bibliography (pandoc looks for it relative to its working directory
/// or `--resource-path`).
pub fn annotate(
    source: &Source,
    parsed: &Parsed,
    traced: &Trace,
    bibliography: &str,
    format: BibFormat,
) -> Result<Annotated, ExportError> {
    let options = Options::default();
    let works = export::works(&parsed.references, &options);
    let mut buf = Vec::new();
    export::write_works(&works, format.format(), &mut buf, &options)?;
    let bibliography_text =
        String::from_utf8(buf).map_err(|e| ExportError::Serialize(e.to_string()))?;

    let keys = key_of_entry(&works);
    let mut cited: Vec<String> = Vec::new();
    let mut citation = |claim: &ClaimTrace| -> Option<String> {
        let keys = claim_keys(claim, &keys);
        for key in &keys {
            if !cited.contains(key) {
                cited.push(key.clone());
            }
        }
        (!keys.is_empty()).then(|| citation_text(&keys))
    };

    let article = &parsed.article;
    let mut out = String::from("---\n");
    let title_claim = traced.claims.iter().find(|c| c.title);
    match &article.title {
        Some(title) => {
            let mut text = escape_inline(title);
            if let Some(cite) = title_claim.and_then(&mut citation) {
                text.push(' ');
                text.push_str(&cite);
            }
            out.push_str(&format!("title: {}\n", yaml_string(&text)));
        }
        None => out.push_str("pagetitle: \"Article\"\n"),
    }
    if let Some(date) = article.date {
        out.push_str(&format!("date: {}\n", yaml_string(&date.to_string())));
    }
    out.push_str(&format!("bibliography: {}\n", yaml_string(bibliography)));
    out.push_str("link-citations: true\n");
    // The article's whole list, as it printed it, not only the works a claim cites.
    out.push_str("nocite: \"@*\"\n");
    out.push_str("---\n\n");

    for paragraph in &article.paragraphs {
        let Some(body) = source.text().get(paragraph.range()) else {
            continue;
        };
        let mut inserts: Vec<(usize, String)> = Vec::new();
        for claim in traced
            .claims
            .iter()
            .filter(|c| !c.title && c.byte_end > paragraph.start && c.byte_end <= paragraph.end)
        {
            if let Some(cite) = citation(claim) {
                let end = claim.byte_end - paragraph.start;
                inserts.push((cite_position(body, end), cite));
            }
        }
        let rendered = render_paragraph(body, &inserts);
        if !rendered.trim().is_empty() {
            out.push_str(&rendered);
            out.push_str("\n\n");
        }
    }
    out.push_str("# References\n\n::: {#refs}\n:::\n");
    Ok(Annotated {
        markdown: out,
        bibliography: bibliography_text,
        cited,
    })
}

/// The key of the work each list entry (1-based index) ended up in.
fn key_of_entry(works: &[Work]) -> HashMap<usize, &str> {
    works
        .iter()
        .flat_map(|w| w.entries.iter().map(move |&i| (i, w.key.as_str())))
        .collect()
}

/// The keys to cite after a claim: its sources at the supported level, merged
/// duplicates cited once, best first.
fn claim_keys(claim: &ClaimTrace, keys: &HashMap<usize, &str>) -> Vec<String> {
    if claim.status != Status::Supported {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for link in claim.sources.iter().filter(|l| l.score >= SUPPORTED_AT) {
        if let Some(key) = keys.get(&link.index)
            && !out.iter().any(|k| k == key)
        {
            out.push((*key).to_string());
        }
    }
    out
}

/// `[@a; @b]`; keys that are not plain words are written in braces (`@{key}`).
fn citation_text(keys: &[String]) -> String {
    let items: Vec<String> = keys
        .iter()
        .map(|k| {
            let plain = k
                .chars()
                .all(|c| c.is_alphanumeric() || "_-:.#$%&+?<>~/".contains(c))
                && k.chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
                && k.chars().last().is_some_and(char::is_alphanumeric);
            if plain {
                format!("@{k}")
            } else {
                format!("@{{{k}}}")
            }
        })
        .collect();
    format!("[{}]", items.join("; "))
}

/// Where a citation goes for a claim ending at `end`: before its final full stop
/// (`text [@a].`) unless the stop closes an abbreviation or is followed by a
/// closing quote or bracket; otherwise right after the claim.
fn cite_position(body: &str, end: usize) -> usize {
    let Some(claim) = body.get(..end) else {
        return body.len();
    };
    let Some(before) = claim.strip_suffix('.') else {
        return end;
    };
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let ends_in_letter = before
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == ')');
    if ends_in_letter && !last_word.contains('.') && last_word.chars().count() > 1 {
        end - 1
    } else {
        end
    }
}

/// A paragraph with citations inserted (`inserts` are byte offsets in `body`, in
/// order) and its text escaped, one output line per input line with the white
/// space around it removed (leading spaces would make a code block, trailing ones a
/// hard line break).
fn render_paragraph(body: &str, inserts: &[(usize, String)]) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut pending = inserts.iter().peekable();
    let mut offset = 0;
    for raw in body.split('\n') {
        let line_end = offset + raw.len();
        let lead = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        let start = offset + lead;
        let marker = block_marker(line);
        let mut out = String::new();
        for (i, c) in line.char_indices() {
            while let Some((_, cite)) = pending.next_if(|(at, _)| *at <= start + i) {
                push_citation(&mut out, cite);
            }
            if (i == 0 && marker == Marker::First) || marker == Marker::At(i) {
                out.push('\\');
            }
            escape_char(&mut out, c, &line[i + c.len_utf8()..]);
        }
        while let Some((_, cite)) = pending.next_if(|(at, _)| *at <= line_end) {
            push_citation(&mut out, cite);
        }
        lines.push(out);
        offset = line_end + 1;
    }
    let mut out: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    if let Some(last) = out.last_mut() {
        for (_, cite) in pending {
            push_citation(last, cite);
        }
    }
    out.join("\n")
}

fn push_citation(out: &mut String, cite: &str) {
    let kept = out.trim_end().len();
    out.truncate(kept);
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(cite);
}

/// Which character of a line must be escaped so that it does not open a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// Nothing to escape.
    None,
    /// The first character: a heading, quote, bullet, definition, line block,
    /// setext underline, or a `(i)` list marker.
    First,
    /// The punctuation of an ordered-list marker (`12.`, `a)`, `iv.`) at this byte.
    At(usize),
}

fn block_marker(line: &str) -> Marker {
    let Some(first) = line.chars().next() else {
        return Marker::None;
    };
    if "#>-+:%=(".contains(first) {
        return Marker::First;
    }
    let token = line
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = &line[token.len()..];
    let listy = [". ", ") ", ".\t", ")\t"]
        .iter()
        .any(|m| after.starts_with(m))
        || after == "."
        || after == ")";
    if !token.is_empty() && listy {
        Marker::At(token.len())
    } else {
        Marker::None
    }
}

/// Escapes one character of inline text; `rest` is what follows it.
fn escape_char(out: &mut String, c: char, rest: &str) {
    let entity = c == '&'
        && rest
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_alphanumeric() || n == '#');
    if c.is_control() {
        out.push(' ');
        return;
    }
    if "\\`*_[]<@$~^|".contains(c) || entity {
        out.push('\\');
    }
    out.push(c);
}

/// Escapes inline text on one line (a title): specials and a leading block marker.
pub fn escape_inline(text: &str) -> String {
    let line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    render_paragraph(line.trim(), &[])
}

/// A YAML double-quoted scalar: JSON string syntax is valid YAML.
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(
            escape_inline("*a* _b_ [c](d) @e <f> `g` $h \\i ~j~ ^k^ l|m &amp; AT&T"),
            "\\*a\\* \\_b\\_ \\[c\\](d) \\@e \\<f> \\`g\\` \\$h \\\\i \\~j\\~ \\^k\\^ l\\|m \\&amp; AT\\&T"
        );
    }

    #[test]
    fn block_markers_at_line_start_are_escaped() {
        let body = "# not a heading\n> not a quote\n- not a bullet\n1. not a list\n\
                    iv) nor this\n(a) nor this\n  : nor a definition\n===\nA. Smith said 1. so";
        assert_eq!(
            render_paragraph(body, &[]),
            "\\# not a heading\n\\> not a quote\n\\- not a bullet\n1\\. not a list\n\
             iv\\) nor this\n\\(a) nor this\n\\: nor a definition\n\\===\nA\\. Smith said 1. so"
        );
    }

    #[test]
    fn citations_go_before_the_full_stop_unless_it_ends_an_abbreviation() {
        let body = "Rockets hit the base. Troops left the U.S.\nThey said \"no.\"";
        let inserts: Vec<(usize, String)> = [21, 42, body.len()]
            .iter()
            .map(|&end| (cite_position(body, end), "[@k]".to_string()))
            .collect();
        assert_eq!(
            render_paragraph(body, &inserts),
            "Rockets hit the base [@k]. Troops left the U.S. [@k]\nThey said \"no.\" [@k]"
        );
    }

    #[test]
    fn keys_with_unusual_characters_are_braced() {
        assert_eq!(
            citation_text(&["smith2023".into(), "a b".into()]),
            "[@smith2023; @{a b}]"
        );
    }

    proptest::proptest! {
        /// Escaping only adds backslashes: taking each escape away gives back every
        /// visible character of the paragraph, and citations land in one piece.
        #[test]
        fn escaping_keeps_every_visible_character(
            body in "[ -~\n\t\u{a0}-\u{17f}]{0,80}",
            cut in 0usize..100,
        ) {
            let at = (0..=cut.min(body.len())).rev().find(|&i| body.is_char_boundary(i));
            let inserts = vec![(at.unwrap_or(0), "[@k]".to_string())];
            let out = render_paragraph(&body, &inserts);
            proptest::prop_assert_eq!(out.matches("[@k]").count(), 1);
            let mut plain = String::new();
            let mut chars = out.replacen("[@k]", "", 1).chars().collect::<Vec<_>>().into_iter();
            while let Some(c) = chars.next() {
                plain.push(if c == '\\' { chars.next().unwrap_or(c) } else { c });
            }
            let visible = |s: &str| -> String {
                s.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect()
            };
            proptest::prop_assert_eq!(visible(&plain), visible(&body));
        }
    }

    #[test]
    fn front_matter_strings_are_quoted_yaml() {
        assert_eq!(yaml_string("a: \"b\"\n#c"), "\"a: \\\"b\\\"\\n#c\"");
    }
}
