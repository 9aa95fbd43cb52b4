//! A search as the user types it, turned into a safe FTS5 expression and filters.
//!
//! `author:knights year:2023 outlet:reuters "drone attack" claim:patrol erbil`:
//! - `author:`, `title:`, `outlet:`, `claim:` search one column of the index;
//! - `year:2023` or `year:2020-2023` filter by year; `tag:NAME` (or `collection:NAME`)
//!   by tag; `doi:10.x/y` by DOI;
//! - other words search every column; `"..."` is a phrase; a word ending in `*` is a
//!   prefix.
//!
//! Nothing the user types reaches FTS5 as syntax: every word becomes a double-quoted
//! FTS5 string (an inner `"` doubled), joined by the implicit AND, so `NEAR(`, `OR`, a
//! stray `"` or `-` are text to look for, never operators or errors. Filters are bound
//! as SQL parameters.

/// The index columns a field prefix can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Work titles.
    Title,
    /// Author names.
    Authors,
    /// Outlets and containers.
    Outlet,
    /// Text of the claims the work supports.
    Claims,
}

impl Column {
    /// The column's name in the FTS5 table.
    pub fn name(self) -> &'static str {
        match self {
            Column::Title => "title",
            Column::Authors => "authors",
            Column::Outlet => "outlet",
            Column::Claims => "claims",
        }
    }
}

/// One search term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The column it is limited to, if any.
    pub column: Option<Column>,
    /// The words, as typed (a phrase when several).
    pub text: String,
    /// Whether the last word is a prefix.
    pub prefix: bool,
}

/// A parsed search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Full-text terms, all required.
    pub terms: Vec<Term>,
    /// Earliest year.
    pub year_from: Option<i32>,
    /// Latest year.
    pub year_to: Option<i32>,
    /// Only works with this tag.
    pub tag: Option<String>,
    /// Only works with this DOI.
    pub doi: Option<String>,
}

impl Query {
    /// Reads a query as typed; never fails (what is not a filter is text to find).
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        for (field, value) in tokens(input) {
            let column = match field.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => None,
                Some("author" | "authors") => Some(Column::Authors),
                Some("title") => Some(Column::Title),
                Some("outlet" | "journal" | "container") => Some(Column::Outlet),
                Some("claim" | "claims") => Some(Column::Claims),
                Some("year") if q.set_years(&value) => continue,
                Some("tag" | "collection") => {
                    q.tag = Some(value);
                    continue;
                }
                Some("doi") => {
                    q.doi = super::matching::normalise_doi(&value).or(Some(value));
                    continue;
                }
                Some(other) => {
                    // Not a field: the whole token is text (`Iraq:` in a title).
                    q.push(None, &format!("{other}:{value}"));
                    continue;
                }
            };
            q.push(column, &value);
        }
        q
    }

    fn push(&mut self, column: Option<Column>, text: &str) {
        let prefix = text.ends_with('*');
        let text = text.trim_end_matches('*');
        if text.chars().any(char::is_alphanumeric) {
            self.terms.push(Term {
                column,
                text: text.to_string(),
                prefix,
            });
        }
    }

    fn set_years(&mut self, value: &str) -> bool {
        let (from, to) = value.split_once(['-', '.']).unwrap_or((value, value));
        let to = to.trim_start_matches('.');
        match (from.parse::<i32>(), to.parse::<i32>()) {
            (Ok(a), Ok(b)) => {
                self.year_from = Some(a.min(b));
                self.year_to = Some(a.max(b));
                true
            }
            _ => false,
        }
    }

    /// The FTS5 MATCH expression, or `None` when there is no text to find.
    pub fn fts(&self) -> Option<String> {
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| {
                let quoted = format!("\"{}\"", t.text.replace('"', "\"\""));
                let star = if t.prefix { " *" } else { "" };
                match t.column {
                    Some(c) => format!("{} : {quoted}{star}", c.name()),
                    None => format!("{quoted}{star}"),
                }
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// Whether the query asks for nothing (every work matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.year_from.is_none()
            && self.tag.is_none()
            && self.doi.is_none()
    }
}

/// Splits the input into `(field, value)` tokens: `field:value`, `field:"a b"`,
/// `"a b"`, `word`.
fn tokens(input: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        if first == '"' {
            chars.next();
            out.push((None, quoted(&mut chars)));
            continue;
        }
        let mut word = String::new();
        let mut field = None;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == ':' && field.is_none() && !word.is_empty() {
                field = Some(std::mem::take(&mut word));
                if chars.peek() == Some(&'"') {
                    chars.next();
                    word = quoted(&mut chars);
                    break;
                }
                continue;
            }
            word.push(c);
        }
        match field {
            Some(f) if word.is_empty() => out.push((None, f)),
            f => out.push((f, word)),
        }
    }
    out
}

fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut s = String::new();
    for c in chars.by_ref() {
        if c == '"' {
            break;
        }
        s.push(c);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_filters_and_phrases() {
        let q = Query::parse("author:knights year:2023 outlet:\"al mada\" \"drone attack\" erb*");
        assert_eq!(q.year_from, Some(2023));
        assert_eq!(q.year_to, Some(2023));
        assert_eq!(
            q.fts().unwrap(),
            "authors : \"knights\" outlet : \"al mada\" \"drone attack\" \"erb\" *"
        );
        let r = Query::parse("year:2020-2023 tag:iraq");
        assert_eq!((r.year_from, r.year_to), (Some(2020), Some(2023)));
        assert_eq!(r.tag.as_deref(), Some("iraq"));
        assert!(r.fts().is_none());
    }

    #[test]
    fn syntax_in_user_text_is_only_text() {
        let q = Query::parse("NEAR( \"unclosed OR -x title:a\"\"b");
        let fts = q.fts().unwrap();
        assert!(fts.starts_with("\"NEAR(\" "), "{fts}");
        assert_eq!(Query::parse("\" ( ) *").fts(), None);
        let r = Query::parse("Iraq: strikes foo:bar");
        assert_eq!(r.fts().unwrap(), "\"Iraq\" \"strikes\" \"foo:bar\"");
    }
}
