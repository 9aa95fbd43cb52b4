//! Renders an HTML element into lines of text, the way a browser lays it out.
//!
//! The rules follow the layout a reader sees (close to the DOM's `innerText`):
//! runs of white space collapse to one space outside `<pre>`; `<br>` ends a line, so
//! `<br><br>` leaves a blank line; block elements (`div`, `li`, `tr`, ...) start and
//! end on a line of their own; elements with vertical margins by default (`p`,
//! headings, lists, `blockquote`, `pre`, `figure`, `hr`) are kept apart by a blank
//! line. Breaks that blocks ask for merge with each other and with the line breaks
//! already written, as margins do; `<br>`s always count. Table cells are separated
//! by a space. Scripts, styles, forms, embedded media, hidden elements and page
//! furniture (navigation, share buttons, comments, sidebars: see [`is_furniture`])
//! are skipped. No-break spaces are kept as they are: they are text, not layout.
//!
//! The tree is walked without recursion, so deeply nested markup cannot overflow the
//! stack.

use super::links::append_link;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Node};

/// Elements whose content is never text a reader sees.
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "button", "input",
    "select", "textarea", "iframe", "svg", "canvas", "object", "embed", "audio", "video", "map",
];

/// Landmarks that hold page furniture rather than an article's text.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "form", "dialog"];

/// Parts of class names and ids (split at `-`, `_` and spaces) that mark furniture:
/// the documented class names of Blogger, WordPress and common share/comment plugins.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "sharethis",
    "addthis",
    "social",
    "comment",
    "comments",
    "disqus",
    "sidebar",
    "navbar",
    "nav",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "related",
    "advert",
    "advertisement",
    "ads",
    "sponsored",
    "subscribe",
    "newsletter",
    "cookie",
    "popup",
    "footer",
    "byline",
    "jump",
];

/// Elements with vertical margins by default: a blank line before and after.
const SPACED_BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "menu",
    "blockquote",
    "pre",
    "figure",
    "hr",
];

/// Other block-level elements: a line of their own.
const BLOCKS: &[&str] = &[
    "div",
    "li",
    "dd",
    "dt",
    "tr",
    "table",
    "caption",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "address",
    "fieldset",
    "legend",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "hgroup",
    "thead",
    "tbody",
    "tfoot",
    "search",
];

/// Whether an element is page furniture by its tag, class or id.
pub(super) fn is_furniture(el: &Element) -> bool {
    if FURNITURE_TAGS.contains(&el.name()) {
        return true;
    }
    let words = el
        .classes()
        .chain(el.id())
        .flat_map(|name| name.split(['-', '_', ' ']))
        .map(str::to_ascii_lowercase);
    words
        .into_iter()
        .any(|w| FURNITURE_WORDS.contains(&w.as_str()))
}

/// Whether an element is never shown: by its tag, `hidden`, `aria-hidden` or an
/// inline `display: none`.
pub(super) fn is_invisible(el: &Element) -> bool {
    NEVER_TEXT.contains(&el.name())
        || el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
}

/// The text of `root` as lines, without leading or trailing blank lines.
/// `skip_furniture` also leaves out navigation, share buttons, comments and the like.
pub(super) fn render(root: ElementRef<'_>, skip_furniture: bool) -> String {
    let mut lines = LineWriter::default();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => lines.text(text),
                    Node::Element(el) => {
                        let skip = node.id() != root.id()
                            && (is_invisible(el) || skip_furniture && is_furniture(el));
                        if skip {
                            skipping = Some(node.id());
                            if !is_invisible(el) {
                                // Removed furniture still ended the line it stood in.
                                lines.block_edge(el.name());
                            }
                        } else {
                            lines.open(el);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    if let Node::Element(el) = node.value()
                        && !is_invisible(el)
                    {
                        lines.block_edge(el.name());
                    }
                } else if skipping.is_none()
                    && let Node::Element(el) = node.value()
                {
                    lines.close(el);
                }
            }
        }
    }
    lines.finish()
}

/// The text of `el` on one line: its lines joined by spaces.
pub(super) fn one_line(el: ElementRef<'_>) -> String {
    render(el, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the output line by line.
#[derive(Default)]
struct LineWriter {
    out: String,
    /// Where the current line starts in `out`.
    line_start: usize,
    /// Line breaks blocks asked for before the next text (0, 1 or 2).
    pending_breaks: usize,
    /// White space seen since the last text.
    pending_space: bool,
    /// Open `<pre>` elements.
    pre_depth: usize,
    /// The first http(s) link opened on the current line.
    line_link: Option<String>,
}

impl LineWriter {
    fn open(&mut self, el: &Element) {
        match el.name() {
            "br" => {
                self.flush_breaks();
                self.end_line();
            }
            "pre" => self.pre_depth += 1,
            "a" => {
                if let Some(href) = el.attr("href").map(str::trim)
                    && (href.starts_with("http://") || href.starts_with("https://"))
                    && self.line_link.is_none()
                {
                    self.line_link = Some(href.to_string());
                }
            }
            _ => {}
        }
        self.block_edge(el.name());
    }

    fn close(&mut self, el: &Element) {
        match el.name() {
            "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
            "td" | "th" => self.pending_space = true,
            _ => {}
        }
        self.block_edge(el.name());
    }

    fn block_edge(&mut self, name: &str) {
        let breaks = if SPACED_BLOCKS.contains(&name) {
            2
        } else if BLOCKS.contains(&name) {
            1
        } else {
            return;
        };
        self.pending_breaks = self.pending_breaks.max(breaks);
        self.pending_space = false;
    }

    fn text(&mut self, text: &str) {
        if self.pre_depth > 0 {
            for (i, piece) in text.split('\n').enumerate() {
                if i > 0 {
                    self.end_line();
                }
                if !piece.is_empty() {
                    self.flush_breaks();
                    self.out.push_str(piece);
                }
            }
            return;
        }
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                self.pending_space = true;
                continue;
            }
            self.flush_breaks();
            if self.pending_space && self.out.len() > self.line_start {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.out.push(c);
        }
    }

    /// Writes the line breaks blocks asked for, counting those already written.
    fn flush_breaks(&mut self) {
        let wanted = std::mem::take(&mut self.pending_breaks);
        if self.out.is_empty() {
            return;
        }
        let written = self.out.len() - self.out.trim_end_matches('\n').len();
        for _ in written..wanted {
            self.end_line();
        }
    }

    /// Ends the current line (dropping trailing spaces) and starts a new one.
    fn end_line(&mut self) {
        let line = self.out[self.line_start..].trim_end_matches(' ');
        let line = append_link(line, self.line_link.take().as_deref());
        self.out.truncate(self.line_start);
        self.out.push_str(&line);
        self.out.push('\n');
        self.line_start = self.out.len();
        self.pending_space = false;
    }

    fn finish(mut self) -> String {
        if self.out.len() > self.line_start {
            self.end_line();
        }
        let text = self
            .out
            .trim_start_matches('\n')
            .trim_end_matches(['\n', ' ']);
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn text_of(body: &str) -> String {
        let doc = Html::parse_document(&format!("<html><body>{body}</body></html>"));
        render(doc.root_element(), true)
    }

    #[test]
    fn breaks_follow_the_layout() {
        assert_eq!(text_of("a<br>b<br><br>c<br><br><br>d"), "a\nb\n\nc\n\n\nd");
        assert_eq!(text_of("<div>a<br></div><div>b</div>"), "a\nb");
        assert_eq!(text_of("<div>a</div><br><div>b</div>"), "a\n\nb");
        assert_eq!(text_of("<p>a</p><p>b</p>x"), "a\n\nb\n\nx");
        assert_eq!(text_of("<p>a</p><p><br></p><p>b</p>"), "a\n\n\nb");
        assert_eq!(text_of("<ul><li>one</li><li>two</li></ul>"), "one\ntwo");
    }

    #[test]
    fn white_space_collapses_except_in_pre() {
        assert_eq!(text_of("  a \n  <b>b</b>\tc  <br>\n  d "), "a b c\nd");
        assert_eq!(text_of("<pre>x  y\n  z</pre>"), "x  y\n  z");
        assert_eq!(text_of("11/21&nbsp; &nbsp;/23"), "11/21\u{A0} \u{A0}/23");
        assert_eq!(
            text_of("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a b\nc"
        );
    }

    #[test]
    fn furniture_and_hidden_parts_are_skipped() {
        let html = "<nav>Home</nav>Text<div class='post-share-buttons'>Share</div>\
                    <script>x()</script><span style='display: none'>h</span>\
                    <div id='comments'>Nice</div><div hidden>y</div> end";
        assert_eq!(text_of(html), "Text\nend");
    }

    #[test]
    fn dated_lines_keep_their_link() {
        let html = "Reuters, \"<a href='https://r.com/a'>Blast</a>,\" 11/9/23<br>\
                    Read <a href='https://r.com/b'>this</a>.";
        assert_eq!(
            text_of(html),
            "Reuters, \"Blast,\" 11/9/23 https://r.com/a\nRead this."
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(5_000) + "deep" + &"</div>".repeat(5_000);
        assert_eq!(text_of(&html), "deep");
    }
}
