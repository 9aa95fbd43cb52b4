//! What BibTeX and BibLaTeX output share: entry framing, citation keys and name lists.

use super::latex;
use super::work::Work;
use crate::refs::Person;
use std::fmt::Write as _;

/// An entry being written: `@type{key,` then one `field = {value},` per line.
pub(crate) struct BibEntry {
    text: String,
}

impl BibEntry {
    /// Starts an entry of `entry_type` for `work`.
    pub(crate) fn new(entry_type: &str, work: &Work) -> Self {
        let mut text = String::with_capacity(256);
        let _ = writeln!(text, "@{entry_type}{{{},", key(&work.key));
        BibEntry { text }
    }

    /// Adds a braced field whose value is already escaped.
    pub(crate) fn field(&mut self, name: &str, escaped: &str) {
        if !escaped.is_empty() {
            let _ = writeln!(self.text, "  {name} = {{{escaped}}},");
        }
    }

    /// Adds a field whose value is a bare macro or number (`month = nov`).
    pub(crate) fn bare(&mut self, name: &str, value: &str) {
        let _ = writeln!(self.text, "  {name} = {value},");
    }

    /// Closes the entry and returns its text, ending in a blank line.
    pub(crate) fn finish(mut self) -> String {
        self.text.push_str("}\n\n");
        self.text
    }
}

/// A citation key holding only characters every BibTeX reader accepts.
pub(crate) fn key(raw: &str) -> String {
    let key: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    if key.is_empty() { "entry".into() } else { key }
}

/// The `author` value: people as `Family, Given` joined by ` and `; with no people,
/// the outlet as one corporate name in braces (`{Reuters}`), when `corporate` allows.
pub(crate) fn authors(work: &Work, ascii: bool, corporate: bool) -> String {
    let authors = work.authors_or_directors();
    if authors.is_empty() {
        return match (&work.outlet, corporate) {
            (Some(outlet), true) => format!("{{{}}}", latex::escape(outlet, ascii)),
            _ => String::new(),
        };
    }
    names(&authors, ascii)
}

/// The people of each role as `Role: Family, Given and …` (escaped), but directors
/// written as authors ([`Work::credits`]): for a note, as BibTeX and BibLaTeX have no
/// field for them.
pub(crate) fn credits(work: &Work, ascii: bool) -> Vec<String> {
    work.credits()
        .into_iter()
        .map(|(r, people)| format!("{}: {}", r.label(), names(&people, ascii)))
        .collect()
}

/// People as `Family, Given` joined by ` and ` (an `editor` or `translator` value).
pub(crate) fn names(people: &[Person], ascii: bool) -> String {
    people
        .iter()
        .map(|p| person(p, ascii))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// One person. Braces keep a family name whole where BibTeX would split it: a name with
/// a comma or the word `and`, a name with no given part (`{Abu Hanieh}`), and a family
/// name starting with a lower-case word, which we have already decided is all family.
fn person(p: &Person, ascii: bool) -> String {
    let family = latex::escape(p.family.trim(), ascii);
    let given = latex::escape(p.given.trim(), ascii);
    let needs_braces = |s: &str| {
        s.contains(',')
            || s.split_whitespace().any(|w| w.eq_ignore_ascii_case("and"))
            || s.starts_with(|c: char| c.is_lowercase())
    };
    let family = if given.is_empty() || needs_braces(&family) {
        format!("{{{family}}}")
    } else {
        family
    };
    if given.is_empty() {
        family
    } else if needs_braces(&given) {
        format!("{family}, {{{given}}}")
    } else {
        format!("{family}, {given}")
    }
}
