//! Markdown to the plain-text article shape, line for line.
//!
//! The Markdown is parsed with pulldown-cmark and every piece of text is put back on
//! the source line it came from, so the output has exactly as many lines as the input
//! and a diagnostic's line number points at the same line in the Markdown file.
//! What goes: heading marks, emphasis, link and image syntax (their text stays),
//! block-quote marks, HTML tags, YAML front matter and backslash escapes. What stays:
//! the line breaks, blank lines, and list items, written `- ` (bullets) or `N. `
//! (ordered), because a leading `- ` is how reference lists mark a line that continues
//! the outlet above.
//!
//! A line that ends with a date (a reference) keeps the address of its first web link
//! at its end, where the reference grammar reads URLs; links in prose lose theirs.

use super::links::append_link;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One output line being built.
#[derive(Default)]
struct Line {
    /// A list marker such as `- ` or `3. `.
    marker: String,
    /// The text pieces, in order.
    text: String,
    /// The first http(s) link target met on the line.
    link: Option<String>,
}

/// Converts Markdown into plain text with the same line structure.
pub fn to_text(markdown: &str) -> String {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset) - 1;
    let mut lines: Vec<Line> = (0..line_starts.len()).map(|_| Line::default()).collect();

    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_STRIKETHROUGH;
    // Ordered lists' next number, one per open list (None for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut in_metadata = false;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let line = line_of(range.start);
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                lines[line].marker = marker;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.trim();
                if lines[line].link.is_none()
                    && (url.starts_with("http://") || url.starts_with("https://"))
                {
                    lines[line].link = Some(url.to_string());
                }
            }
            Event::Text(text) | Event::Code(text) if !in_metadata => {
                for (i, piece) in text.split('\n').enumerate() {
                    if let Some(target) = lines.get_mut(line + i) {
                        target.text.push_str(piece);
                    }
                }
            }
            _ => {}
        }
    }

    let mut out = String::with_capacity(markdown.len());
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Only ASCII blanks are layout; a no-break space is part of the text.
        let text = format!("{}{}", line.marker, line.text.trim_matches([' ', '\t']));
        out.push_str(&append_link(
            text.trim_end_matches([' ', '\t']),
            line.link.as_deref(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lines_and_drops_markup() {
        let md = "Monday, May 1, 2023\n\n# A *big* title\n\n_(Photo: AP)_\n\n\
                  Body with **bold** and a [link](https://x.org/a).\nSecond line \\* here.\n";
        assert_eq!(
            to_text(md),
            "Monday, May 1, 2023\n\nA big title\n\n(Photo: AP)\n\n\
             Body with bold and a link.\nSecond line * here.\n"
        );
    }

    #[test]
    fn list_markers_stay_as_continuation_marks() {
        let md = "Reuters, \"One,\" 11/9/23\n\n* \"Two,\" 11/10/23\n\n+ \"Three,\" 11/11/23\n";
        assert_eq!(
            to_text(md),
            "Reuters, \"One,\" 11/9/23\n\n- \"Two,\" 11/10/23\n\n- \"Three,\" 11/11/23\n"
        );
        assert_eq!(to_text("3. a\n4. b"), "3. a\n4. b");
    }

    #[test]
    fn reference_lines_keep_their_link_address() {
        let md = "Reuters, \"[Blast near Mosul](https://r.com/x),\" 11/9/23\n\n\
                  See [the report](https://r.com/y) for more.";
        assert_eq!(
            to_text(md),
            "Reuters, \"Blast near Mosul,\" 11/9/23 https://r.com/x\n\nSee the report for more."
        );
    }

    #[test]
    fn front_matter_html_and_code_become_blank_or_text() {
        let md = "---\ntitle: x\n---\nText <b>bold</b>\n\n```\ncode\n```\n";
        assert_eq!(to_text(md), "\n\n\nText bold\n\n\ncode\n\n");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for md in [
            "",
            "\n",
            "*",
            "[",
            "- ",
            "```",
            "> > >",
            "\r\n\r\n# x\r\n",
            "a\u{0}b",
        ] {
            let out = to_text(md);
            assert_eq!(out.matches('\n').count(), md.matches('\n').count());
        }
    }
}
