//! Formatted bibliographies through hayagriva's CSL engine (`reftrace cite`).
//!
//! A style is one of hayagriva's archived styles, by name (`apa`,
//! `chicago-author-date`, `modern-language-association`, `ieee`, ...), or any `.csl`
//! file. Works become hayagriva entries exactly as in the YAML export
//! (`export::yaml::entry`), so name particles and newspaper parents behave the
//! same in both; a range of dates keeps its end on the entry's date (which the YAML
//! cannot write), so `cite` prints `1985–2015` as citeproc does. Output is plain text,
//! HTML or Markdown; text from the records is escaped for HTML and Markdown (hayagriva's
//! own HTML writer does not escape it).
//!
//! ```
//! use reftrace::export::{Options, works};
//! use reftrace::format::{Output, bibliography, load_style};
//! use reftrace::{Source, parse};
//!
//! let text = "T\n\nBody.\n\nVan Wilgenburg, Wladimir, \"Drones shot down,\" Kurdistan 24, 11/6/23\n";
//! let parsed = parse(&Source::new("a.txt", text));
//! let style = load_style("apa")?;
//! let items = bibliography(&works(&parsed.references, &Options::default()), &style, None, Output::Text)?;
//! assert!(items[0].starts_with("Van Wilgenburg, W. (2023, November 6)."));
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::export::Work;
use crate::export::yaml::{self, NAME_JOINER};
use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, LocaleCode, Style,
    TextDecoration, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, Formatting,
};
use std::collections::HashSet;
use std::path::Path;

/// The output forms of a formatted bibliography.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Plain text, no formatting.
    Text,
    /// HTML fragments (`<i>`, `<b>`, links), with record text escaped.
    Html,
    /// Markdown (`*italic*`, `**bold**`), with record text escaped.
    Markdown,
}

/// A style or locale that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// No archived style has this name and no file has this path.
    #[error("unknown style `{0}`: not a file, and not one of `reftrace cite --list-styles`")]
    UnknownStyle(String),
    /// The style file could not be read.
    #[error("could not read style {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The style file is not valid CSL.
    #[error("style {path} is not valid CSL: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// A dependent style whose parent is not among the archived styles.
    #[error("style `{0}` depends on a parent style that is not available")]
    MissingParent(String),
    /// The locale is not a locale code.
    #[error("unknown locale `{0}`: use a code such as en-US, en-GB, de-DE or fr-FR")]
    UnknownLocale(String),
    /// The style defines no bibliography.
    #[error("the style has no bibliography layout")]
    NoBibliography,
    /// Writing the rendered text failed.
    #[error("could not render the bibliography")]
    Render,
}

/// Every archived style: its names (first the main one) and its title.
pub fn list_styles() -> Vec<(&'static [&'static str], &'static str)> {
    ArchivedStyle::all()
        .iter()
        .map(|s| (s.names(), s.display_name()))
        .collect()
}

/// Loads a style: an archived style by name, or a `.csl` file by path.
pub fn load_style(name_or_path: &str) -> Result<IndependentStyle, FormatError> {
    if let Some(archived) = ArchivedStyle::by_name(name_or_path) {
        return independent(archived.get(), name_or_path);
    }
    let path = Path::new(name_or_path);
    if !path.is_file() {
        return Err(FormatError::UnknownStyle(name_or_path.into()));
    }
    let xml = std::fs::read_to_string(path).map_err(|source| FormatError::Read {
        path: name_or_path.into(),
        source,
    })?;
    let style = Style::from_xml(&xml).map_err(|e| FormatError::Invalid {
        path: name_or_path.into(),
        message: e.to_string(),
    })?;
    independent(style, name_or_path)
}

fn independent(style: Style, name: &str) -> Result<IndependentStyle, FormatError> {
    match style {
        Style::Independent(s) => Ok(s),
        Style::Dependent(d) => {
            let parent = ArchivedStyle::by_id(&d.parent_link.href)
                .ok_or_else(|| FormatError::MissingParent(name.into()))?;
            match parent.get() {
                Style::Independent(s) => Ok(s),
                Style::Dependent(_) => Err(FormatError::MissingParent(name.into())),
            }
        }
    }
}

/// Renders the works as a bibliography in `style`, one string per item, in the style's
/// order. `locale` is a code such as `en-US`; without it the style's default applies.
pub fn bibliography(
    works: &[Work],
    style: &IndependentStyle,
    locale: Option<&str>,
    output: Output,
) -> Result<Vec<String>, FormatError> {
    let locale = match locale {
        Some(code) => Some(parse_locale(code)?),
        None => None,
    };
    let locales: Vec<Locale> = hayagriva::archive::locales();
    let entries: Vec<hayagriva::Entry> = works.iter().map(yaml::entry).collect();
    let mut driver = BibliographyDriver::new();
    for entry in &entries {
        driver.citation(CitationRequest::new(
            vec![CitationItem::with_entry(entry)],
            style,
            locale.clone(),
            &locales,
            None,
        ));
    }
    let rendered = driver.finish(BibliographyRequest {
        style,
        locale,
        locale_files: &locales,
    });
    let bib = rendered.bibliography.ok_or(FormatError::NoBibliography)?;
    let joined = joined_names(works);
    let slashed = slashed_urls(works);
    bib.items
        .iter()
        .map(|item| {
            let mut text = String::new();
            if let Some(first) = &item.first_field {
                write_child(&mut text, first, output)?;
                text.push(' ');
            }
            write_children(&mut text, &item.content, output)?;
            let text = restore_names(&single_spaces(text.trim()), &joined);
            Ok(restore_urls(&text, &slashed))
        })
        .collect::<Result<Vec<_>, std::fmt::Error>>()
        .map_err(|_| FormatError::Render)
}

/// Checks a locale code (`en-US`) before any work is done: an error for a language the
/// archive has no locale for.
pub fn check_locale(code: &str) -> Result<(), FormatError> {
    parse_locale(code).map(|_| ())
}

fn parse_locale(code: &str) -> Result<LocaleCode, FormatError> {
    let ok = !code.is_empty()
        && code.len() <= 20
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let code = code.replace('_', "-");
    // A locale is known when the archive has it, or a locale of the same language
    // (`de-AT` falls back to `de-DE`, as citeproc does); anything else is a mistake.
    let language = |c: &str| c.split('-').next().unwrap_or("").to_ascii_lowercase();
    let known = ok
        && hayagriva::archive::locales().iter().any(|l| {
            l.lang
                .as_ref()
                .is_some_and(|have| language(&have.0) == language(&code))
        });
    if known {
        Ok(LocaleCode(code))
    } else {
        Err(FormatError::UnknownLocale(code))
    }
}

/// Family names the YAML entry joined with no-break spaces (of authors, editors,
/// translators and the people of other roles), to undo in the output.
fn joined_names(works: &[Work]) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    works
        .iter()
        .flat_map(|w| {
            let f = &w.fields;
            w.authors
                .iter()
                .chain(&f.editors)
                .chain(&f.translators)
                .chain(f.contributors.iter().map(|c| &c.person))
        })
        .filter_map(|p| {
            let hp = yaml::person(p);
            (hp.name.contains(NAME_JOINER) && seen.insert(hp.name.clone()))
                .then(|| (hp.name.clone(), hp.name.replace(NAME_JOINER, " ")))
        })
        .collect()
}

fn restore_names(text: &str, joined: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (with_joiner, plain) in joined {
        if out.contains(with_joiner.as_str()) {
            out = out.replace(with_joiner.as_str(), plain);
        }
    }
    out
}

/// URLs written as a bare domain (`https://example.org`), which hayagriva's URL type
/// prints with a closing slash (`https://example.org/`) where citeproc prints them as
/// written: each as hayagriva prints it, to undo in the output.
fn slashed_urls(works: &[Work]) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    works
        .iter()
        .filter_map(|w| {
            let written = w.url.as_deref()?.trim();
            let parsed = written.parse::<hayagriva::types::QualifiedUrl>().ok()?;
            let printed = parsed.value.as_str();
            (printed.strip_suffix('/') == Some(written) && seen.insert(written.to_string()))
                .then(|| (printed.to_string(), written.to_string()))
        })
        .collect()
}

/// `text` with each URL of `slashed` as written, where it ends there (what follows is
/// the end, a space, a tag, a quote or bracket, or a stop that ends the entry or is
/// followed by a space), so that `https://example.org/path` is left alone.
fn restore_urls(text: &str, slashed: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (printed, written) in slashed {
        let mut at = 0;
        while let Some(i) = out[at..].find(printed.as_str()) {
            let start = at + i;
            let end = start + printed.len();
            let mut after = out[end..].chars();
            let ends = match after.next() {
                None => true,
                Some(c) if c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | ']') => true,
                Some('.' | ',' | ';') => after.next().is_none_or(|c| c.is_whitespace() || c == '<'),
                Some(_) => false,
            };
            if ends {
                out.replace_range(start..end, written);
                at = start + written.len();
            } else {
                at = end;
            }
        }
    }
    out
}

fn write_children(
    w: &mut String,
    children: &ElemChildren,
    output: Output,
) -> Result<(), std::fmt::Error> {
    for child in &children.0 {
        write_child(w, child, output)?;
    }
    Ok(())
}

fn write_child(w: &mut String, child: &ElemChild, output: Output) -> Result<(), std::fmt::Error> {
    match child {
        ElemChild::Text(t) => {
            write_formatted(w, &typographic_apostrophes(&t.text), &t.formatting, output)
        }
        ElemChild::Markup(m) => write_formatted(w, m, &Formatting::default(), output),
        ElemChild::Elem(e) => write_children(w, &e.children, output)?,
        ElemChild::Link { text, url } => write_link(w, &text.text, &text.formatting, url, output),
        ElemChild::Transparent { .. } => {}
    }
    Ok(())
}

/// Runs of spaces as one. A style's affixes can meet as two spaces (IEEE's `[Online
/// Video]. ` then ` Available:`); citeproc-js and pandoc's citeproc print one.
fn single_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("  ") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out.into()
}

/// Straight single quotes as typographic ones, as citeproc prints them: an apostrophe
/// inside or after a word (`Iraq's`, `banks'`) and a closing quote become `’`, an
/// opening quote after a space `‘`. Quotes next to brackets (`alert('x')`) stay.
fn typographic_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\'') {
        return text.into();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let word_before = before.is_some_and(char::is_alphanumeric);
        let ends = |n: Option<char>| {
            n.is_none_or(|n| n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | '!' | '?'))
        };
        let apostrophe = word_before && after.is_some_and(char::is_alphabetic);
        let closing = (word_before || before.is_some_and(|b| matches!(b, ',' | '.' | '!' | '?')))
            && ends(after);
        let replacement = if c != '\'' {
            c
        } else if apostrophe || closing {
            '’'
        } else if before.is_none_or(|b| b.is_whitespace() || b == '“')
            && after.is_some_and(char::is_alphanumeric)
        {
            '‘'
        } else {
            c
        };
        out.push(replacement);
    }
    out.into()
}

fn write_link(w: &mut String, text: &str, formatting: &Formatting, url: &str, output: Output) {
    let safe_scheme = ["http://", "https://", "ftp://"]
        .iter()
        .any(|s| url.to_ascii_lowercase().starts_with(s));
    match output {
        Output::Html if safe_scheme => {
            w.push_str("<a href=\"");
            w.push_str(&escape_html(url));
            w.push_str("\">");
            write_formatted(w, text, formatting, output);
            w.push_str("</a>");
        }
        Output::Markdown if safe_scheme => {
            w.push('<');
            w.push_str(&url.replace(['<', '>', ' '], ""));
            w.push('>');
        }
        _ => write_formatted(w, text, formatting, output),
    }
}

fn write_formatted(w: &mut String, text: &str, f: &Formatting, output: Output) {
    match output {
        Output::Text => w.push_str(text),
        Output::Html => {
            let tags = html_tags(f);
            for (open, _) in &tags {
                w.push_str(open);
            }
            w.push_str(&escape_html(text));
            for (_, close) in tags.iter().rev() {
                w.push_str(close);
            }
        }
        Output::Markdown => {
            let marker = match (f.font_style, f.font_weight) {
                (FontStyle::Italic, FontWeight::Bold) => "***",
                (FontStyle::Italic, _) => "*",
                (_, FontWeight::Bold) => "**",
                _ => "",
            };
            let core = text.trim();
            if marker.is_empty() || core.is_empty() {
                w.push_str(&escape_markdown(text));
                return;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            w.push_str(lead);
            w.push_str(marker);
            w.push_str(&escape_markdown(core));
            w.push_str(marker);
            w.push_str(trail);
        }
    }
}

fn html_tags(f: &Formatting) -> Vec<(&'static str, &'static str)> {
    let mut tags = Vec::new();
    if matches!(f.font_style, FontStyle::Italic) {
        tags.push(("<i>", "</i>"));
    }
    if f.font_weight == FontWeight::Bold {
        tags.push(("<b>", "</b>"));
    }
    if f.font_variant == FontVariant::SmallCaps {
        tags.push(("<span style=\"font-variant: small-caps\">", "</span>"));
    }
    if f.text_decoration == TextDecoration::Underline {
        tags.push(("<u>", "</u>"));
    }
    match f.vertical_align {
        VerticalAlign::Sup => tags.push(("<sup>", "</sup>")),
        VerticalAlign::Sub => tags.push(("<sub>", "</sub>")),
        _ => {}
    }
    tags
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes the characters Markdown (CommonMark) would read as markup or raw HTML.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '!'
                | '~'
                | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{restore_urls, single_spaces, typographic_apostrophes};

    #[test]
    fn a_bare_domain_keeps_no_closing_slash_but_a_longer_url_is_left_alone() {
        let slashed = [("https://ex.org/".to_string(), "https://ex.org".to_string())];
        assert_eq!(
            restore_urls(
                "See https://ex.org/. And https://ex.org/a, <a href=\"https://ex.org/\">",
                &slashed
            ),
            "See https://ex.org. And https://ex.org/a, <a href=\"https://ex.org\">"
        );
        assert_eq!(
            restore_urls("x https://ex.org/", &slashed),
            "x https://ex.org"
        );
    }

    #[test]
    fn runs_of_spaces_become_one() {
        assert_eq!(
            single_spaces("[Online Video].  Available:  x"),
            "[Online Video]. Available: x"
        );
        assert_eq!(single_spaces("a b"), "a b");
    }

    #[test]
    fn apostrophes_inside_words_become_typographic() {
        assert_eq!(
            typographic_apostrophes("Iraq's banks' 'censorship' problem, don't"),
            "Iraq’s banks’ ‘censorship’ problem, don’t"
        );
        assert_eq!(
            typographic_apostrophes("a Ponzi scheme,' from"),
            "a Ponzi scheme,’ from"
        );
        assert_eq!(typographic_apostrophes("alert('x')"), "alert('x')");
        assert_eq!(typographic_apostrophes("' alone"), "' alone");
    }
}
