//! HTML pages (for example a blog post saved from a browser) to the plain-text
//! article shape: the date line, a blank line, the title, a blank line, then the
//! post's text laid out as a browser shows it: runs of white space collapse, `<br>`
//! and block elements end lines, paragraphs and headings are kept apart by a blank
//! line (the private `render` module has the rules).
//!
//! The page is parsed with html5ever (through `scraper`), the way a browser parses
//! it. The post's text is found by documented platform markers, in this order:
//! Blogger's `post-body`, schema.org's `itemprop="articleBody"`, WordPress's
//! `entry-content`, then the HTML5 `<article>` and `<main>` elements, and when none
//! is there, by text density: the element that directly holds the most prose outside
//! links and page furniture. The title comes from `post-title` / `entry-title` /
//! `itemprop="headline"`, else `og:title`, the first `<h1>` or `<title>`; the date
//! from Blogger's `date-header`, a `<time>` element, `itemprop="datePublished"` or
//! `article:published_time`. Navigation, sidebars, share buttons and comments are
//! never part of the result.

use super::render::{is_furniture, is_invisible, one_line, render};
use scraper::node::Element;
use scraper::{ElementRef, Html};
use std::collections::HashMap;

/// Converts an HTML page into plain article text.
pub fn to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let content = main_content(root);
    let post = content.and_then(post_container).unwrap_or(root);
    let title = find_title(post, root);
    let date = find_date(post, root);
    let body = content.map(|c| render(c, true)).unwrap_or_default();

    let first_line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut out = String::new();
    for header in [date, title].into_iter().flatten() {
        if !header.is_empty() && first_line.trim() != header && !out.contains(&header) {
            out.push_str(&header);
            out.push_str("\n\n");
        }
    }
    out.push_str(&body);
    out.push('\n');
    out
}

/// Descendants of `scope` that pass `wanted`, in document order, outside invisible
/// parts and page furniture.
fn find_all<'a>(
    scope: ElementRef<'a>,
    wanted: impl Fn(&Element) -> bool,
) -> impl Iterator<Item = ElementRef<'a>> {
    let mut stack: Vec<ElementRef<'a>> = scope.child_elements().collect();
    stack.reverse();
    std::iter::from_fn(move || {
        while let Some(el) = stack.pop() {
            let value = el.value();
            if is_invisible(value) || is_furniture(value) {
                continue;
            }
            let children: Vec<_> = el.child_elements().collect();
            stack.extend(children.into_iter().rev());
            if wanted(value) {
                return Some(el);
            }
        }
        None
    })
}

fn find_first<'a>(
    scope: ElementRef<'a>,
    wanted: impl Fn(&Element) -> bool,
) -> Option<ElementRef<'a>> {
    find_all(scope, wanted).next()
}

fn has_class(el: &Element, class: &str) -> bool {
    el.classes().any(|c| c.eq_ignore_ascii_case(class))
}

fn has_itemprop(el: &Element, prop: &str) -> bool {
    el.attr("itemprop")
        .is_some_and(|p| p.split_whitespace().any(|p| p.eq_ignore_ascii_case(prop)))
}

/// The element holding the post's text.
fn main_content(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let markers: [&dyn Fn(&Element) -> bool; 5] = [
        &|el| has_class(el, "post-body"),
        &|el| has_itemprop(el, "articleBody"),
        &|el| has_class(el, "entry-content"),
        &|el| el.name() == "article",
        &|el| el.name() == "main" || el.attr("role") == Some("main"),
    ];
    markers
        .iter()
        .find_map(|marker| find_all(root, marker).find(|el| has_prose(*el)))
        .or_else(|| densest(root))
        .or_else(|| find_first(root, |el| el.name() == "body"))
}

fn has_prose(el: ElementRef<'_>) -> bool {
    el.text().any(|t| t.chars().any(char::is_alphanumeric))
}

/// The closest ancestor that wraps one post (title, date and body), if any.
fn post_container(content: ElementRef<'_>) -> Option<ElementRef<'_>> {
    content.ancestors().filter_map(ElementRef::wrap).find(|el| {
        let v = el.value();
        v.name() == "article"
            || has_class(v, "post")
            || has_class(v, "hentry")
            || v.attr("itemtype").is_some_and(|t| {
                t.ends_with("/BlogPosting")
                    || t.ends_with("/Article")
                    || t.ends_with("/NewsArticle")
            })
    })
}

/// Text nodes shorter than this (in characters) do not count as prose.
const MIN_PROSE_CHARS: usize = 25;

/// The element that directly holds the most prose: each text run outside links counts
/// fully for its nearest block ancestor and half for the block above that.
fn densest(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<ego_tree::NodeId, f64> = HashMap::new();
    let mut candidates: Vec<ElementRef<'_>> = Vec::new();
    for el in find_all(root, |_| true) {
        let mut prose = 0;
        for child in el.children() {
            if let Some(text) = child.value().as_text() {
                let n = text
                    .split_whitespace()
                    .map(|w| w.chars().count() + 1)
                    .sum::<usize>();
                if n >= MIN_PROSE_CHARS {
                    prose += n;
                }
            }
        }
        if prose == 0 || el.value().name() == "a" {
            continue;
        }
        let mut blocks = el.ancestors().filter_map(ElementRef::wrap);
        let holder = if is_inline(el.value()) {
            blocks.find(|a| !is_inline(a.value()))
        } else {
            Some(el)
        };
        let Some(holder) = holder else { continue };
        *scores.entry(holder.id()).or_default() += prose as f64;
        candidates.push(holder);
        if let Some(parent) = holder.parent().and_then(ElementRef::wrap) {
            *scores.entry(parent.id()).or_default() += prose as f64 / 2.0;
            candidates.push(parent);
        }
    }
    candidates
        .into_iter()
        .max_by(|a, b| scores[&a.id()].total_cmp(&scores[&b.id()]))
}

fn is_inline(el: &Element) -> bool {
    matches!(
        el.name(),
        "a" | "b"
            | "i"
            | "em"
            | "strong"
            | "span"
            | "font"
            | "small"
            | "big"
            | "u"
            | "s"
            | "sub"
            | "sup"
            | "mark"
            | "abbr"
            | "cite"
            | "q"
            | "code"
            | "time"
            | "label"
    )
}

/// Looks for the first element `wanted` inside the post, then in the whole page.
fn in_post_then_page<'a>(
    post: ElementRef<'a>,
    root: ElementRef<'a>,
    wanted: impl Fn(&Element) -> bool + Copy,
) -> Option<ElementRef<'a>> {
    find_first(post, wanted).or_else(|| find_first(root, wanted))
}

fn meta_content<'a>(root: ElementRef<'a>, property: &str) -> Option<&'a str> {
    root.descendent_elements()
        .find(|el| {
            el.value().name() == "meta"
                && (el.attr("property") == Some(property) || el.attr("name") == Some(property))
        })
        .and_then(|el| el.attr("content"))
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

fn find_title(post: ElementRef<'_>, root: ElementRef<'_>) -> Option<String> {
    let marked = in_post_then_page(post, root, |el| {
        has_class(el, "post-title") || has_class(el, "entry-title") || has_itemprop(el, "headline")
    });
    let text = marked
        .map(one_line)
        .filter(|t| !t.is_empty())
        .or_else(|| meta_content(root, "og:title").map(collapse))
        .or_else(|| find_first(root, |el| el.name() == "h1").map(one_line))
        .or_else(|| {
            root.descendent_elements()
                .find(|el| el.value().name() == "title")
                .map(|el| collapse(&el.text().collect::<String>()))
        })?;
    (!text.is_empty()).then_some(text)
}

fn find_date(post: ElementRef<'_>, root: ElementRef<'_>) -> Option<String> {
    if let Some(header) = in_post_then_page(post, root, |el| has_class(el, "date-header")) {
        let text = one_line(header);
        if !text.is_empty() {
            return Some(text);
        }
    }
    let dated = in_post_then_page(post, root, |el| {
        el.name() == "time" || has_itemprop(el, "datePublished")
    });
    if let Some(el) = dated {
        let text = one_line(el);
        if text.chars().any(|c| c.is_ascii_digit()) {
            return Some(text);
        }
        if let Some(value) = el.attr("datetime").or_else(|| el.attr("content")) {
            return Some(iso_day(value));
        }
    }
    meta_content(root, "article:published_time").map(iso_day)
}

/// The day part of an ISO 8601 time stamp (`2023-11-22T08:00:00Z` → `2023-11-22`).
fn iso_day(value: &str) -> String {
    let value = value.trim();
    value
        .split_once('T')
        .map_or(value, |(day, _)| day)
        .to_string()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
