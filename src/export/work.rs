//! From parsed references to exportable works: duplicate merging and the choice of entry
//! type, made once so that every format agrees.
//!
//! The type is chosen from the record alone:
//! - no outlet (or an entry that could not be read) → [`WorkKind::Article`]: CSL `document`
//!   (not CSL `article`, which means a preprint), BibLaTeX and BibTeX `@misc`, RIS `GEN`,
//!   Hayagriva `misc`;
//! - an outlet whose name holds a word of `data/report-publishers.txt` (institute, centre,
//!   council, foundation, ...) → [`WorkKind::Report`]: CSL `report`, BibLaTeX `@report`,
//!   BibTeX `@techreport`, RIS `RPRT`, with the outlet as institution/publisher;
//! - any other outlet → [`WorkKind::NewsArticle`]: CSL `article-newspaper`, BibLaTeX
//!   `@article` with `entrysubtype = {newspaper}`, BibTeX `@article`, RIS `NEWS`, with the
//!   outlet as the newspaper title.

use super::Options;
use crate::refs::{PartialDate, Person, Reference};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What kind of publication a work is; the same in every export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkKind {
    /// A news story in a newspaper, agency wire or news site.
    NewsArticle,
    /// A publication of a think tank, institute or public body.
    Report,
    /// An item with no known outlet.
    Article,
}

/// One work to export: a reference, or several references merged as the same work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// Citation key (the key of the first entry merged into it).
    pub key: String,
    /// The entry type in every format.
    pub kind: WorkKind,
    /// People who wrote it.
    pub authors: Vec<Person>,
    /// Newspaper, agency or institution.
    pub outlet: Option<String>,
    /// Title; an entry that could not be read has its raw text here.
    pub title: Option<String>,
    /// Publication date as far as known.
    pub date: Option<PartialDate>,
    /// A URL given with the entry.
    pub url: Option<String>,
    /// Text of the entry no other field holds.
    pub note: Option<String>,
    /// 1-based indices of the list entries merged into this work, first one first.
    pub entries: Vec<usize>,
}

impl Work {
    fn from_reference(r: &Reference) -> Work {
        let title = if r.parsed {
            r.title.clone()
        } else {
            Some(crate::refs::whitespace::fold_ws(r.raw.trim())).filter(|t| !t.is_empty())
        };
        let outlet = r.outlet.clone().filter(|o| !o.trim().is_empty());
        let mut work = Work {
            key: r.key.clone(),
            kind: WorkKind::Article,
            authors: r.authors.clone(),
            outlet,
            title,
            date: r.date,
            url: r.url.clone(),
            note: r.note.clone(),
            entries: vec![r.index],
        };
        work.kind = if r.parsed {
            kind_of(&work)
        } else {
            WorkKind::Article
        };
        work
    }

    /// Adds every field of `other` that this work lacks.
    fn absorb(&mut self, other: Work) {
        for person in other.authors {
            if !self.authors.contains(&person) {
                self.authors.push(person);
            }
        }
        fill(&mut self.outlet, other.outlet);
        fill(&mut self.title, other.title);
        self.date = match (self.date, other.date) {
            (Some(a), Some(b)) if more_precise(b, a) && a.year == b.year => Some(b),
            (Some(a), _) => Some(a),
            (None, b) => b,
        };
        if let Some(url) = other.url {
            match &self.url {
                None => self.url = Some(url),
                Some(mine) if *mine != url => append_note(&mut self.note, &url),
                Some(_) => {}
            }
        }
        if let Some(note) = other.note {
            append_note(&mut self.note, &note);
        }
        self.entries.extend(other.entries);
        if self.kind == WorkKind::Article && self.outlet.is_some() {
            self.kind = kind_of(self);
        }
    }
}

fn fill(mine: &mut Option<String>, theirs: Option<String>) {
    if mine.is_none() {
        *mine = theirs;
    }
}

fn append_note(note: &mut Option<String>, extra: &str) {
    match note {
        Some(n) if n.contains(extra) => {}
        Some(n) => {
            n.push_str("; ");
            n.push_str(extra);
        }
        None => *note = Some(extra.to_string()),
    }
}

fn more_precise(a: PartialDate, b: PartialDate) -> bool {
    let rank = |d: PartialDate| u8::from(d.month.is_some()) + u8::from(d.day.is_some());
    rank(a) > rank(b)
}

fn report_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../data/report-publishers.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether an outlet's name marks a report publisher (see `data/report-publishers.txt`).
pub fn is_report_publisher(outlet: &str) -> bool {
    let words: Vec<String> = outlet
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    report_words().iter().any(|entry| {
        let parts: Vec<&str> = entry.split_whitespace().collect();
        !parts.is_empty()
            && words
                .windows(parts.len())
                .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
    })
}

fn kind_of(work: &Work) -> WorkKind {
    match &work.outlet {
        None => WorkKind::Article,
        Some(outlet) if is_report_publisher(outlet) => WorkKind::Report,
        Some(_) => WorkKind::NewsArticle,
    }
}

/// Turns references into works: one per reference, except that an entry marked as a
/// probable duplicate (`duplicate_of`) is merged into the work of the entry it repeats,
/// keeping every field either has, unless `options.keep_duplicates`.
pub fn works(references: &[Reference], options: &Options) -> Vec<Work> {
    let mut out: Vec<Work> = Vec::with_capacity(references.len());
    let mut slot_of: HashMap<usize, usize> = HashMap::new();
    for r in references {
        let work = Work::from_reference(r);
        let target = if options.keep_duplicates {
            None
        } else {
            r.duplicate_of.and_then(|i| slot_of.get(&i).copied())
        };
        match target {
            Some(slot) => {
                out[slot].absorb(work);
                slot_of.insert(r.index, slot);
            }
            None => {
                slot_of.insert(r.index, out.len());
                out.push(work);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn think_tanks_and_public_bodies_are_report_publishers() {
        assert!(is_report_publisher(
            "The Washington Institute for Near East Policy"
        ));
        assert!(is_report_publisher("International Crisis Group"));
        assert!(is_report_publisher(
            "Carnegie Endowment for International Peace"
        ));
        assert!(!is_report_publisher("Kurdistan 24"));
        assert!(!is_report_publisher("Reuters"));
        assert!(!is_report_publisher("The Centreville Times"));
    }
}
