//! reftrace reads news-analysis articles that end with informal reference lists,
//! turns every entry into a structured record, and explains every repair it made.
//!
//! ```
//! use reftrace::{Source, parse};
//!
//! let text = "Title\n\nBody text.\n\nReuters, \"Explosive device near Mosul,\" 11/9/23\n\
//!             - \"Drone attack on Erbil,\" 11/10/23\n";
//! let parsed = parse(&Source::new("example.txt", text));
//! let refs = &parsed.references;
//! assert_eq!(refs.len(), 2);
//! assert_eq!(refs[1].outlet.as_deref(), Some("Reuters"));
//! assert_eq!(refs[1].continues, Some(1));
//! assert_eq!(refs[1].date.unwrap().to_string(), "2023-11-10");
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// Declares a module that is public with the `internals` cargo feature (the dev tools in
/// `examples/`, the benches and the integration tests, which enable it through the
/// dev-dependency on this crate) and crate-private otherwise, so that the library's
/// public API is only what users and the Python binding need.
macro_rules! internal_mod {
    ($name:ident) => {
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        #[allow(dead_code, unused_imports, unreachable_pub)]
        pub(crate) mod $name;
    };
}

internal_mod!(academic);
internal_mod!(article);
mod cli;
internal_mod!(diag);
pub mod export;
pub mod format;
pub mod input;
internal_mod!(library);
internal_mod!(refs);
internal_mod!(report);
pub mod rows;
internal_mod!(source);
pub mod trace;

pub use article::{Article, LineGroup, ReferenceSection};
pub use diag::{Code, Diagnostic, Severity};
pub use refs::date::DateOrder;
pub use refs::{
    Contributor, FieldProvenance, HeadKind, PartialDate, Person, Provenance, Reference, Role,
    WorkFields, WorkType,
};
pub use source::{Shape, Source, Span};

/// The `reftrace` command line (`src/main.rs` calls it): parses `std::env::args`, runs
/// the command, and returns its exit code (0 ok, 1 problems found, 2 usage or I/O error).
#[doc(hidden)]
pub fn cli_main() -> std::process::ExitCode {
    cli::run()
}

use serde::Serialize;

/// An article read and its reference list parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    /// The article's parts.
    pub article: Article,
    /// Every entry of the reference list, in order.
    pub references: Vec<Reference>,
    /// Diagnostics about the article or the list as a whole (not one entry).
    pub diagnostics: Vec<Diagnostic>,
    /// Month/day order used for the list's numeric dates.
    pub date_order: Option<DateOrder>,
}

impl Parsed {
    /// Every diagnostic: the article's, then each entry's, in source order.
    pub fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .chain(self.references.iter().flat_map(|r| r.diagnostics.iter()))
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.all_diagnostics()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Splits an article and parses its reference list. Never fails: problems become
/// diagnostics, and every entry becomes a record. A source of [`Shape::List`] is a
/// reference list alone: every group of lines is an entry.
pub fn parse(source: &Source) -> Parsed {
    let ParseStream {
        article,
        diagnostics,
        date_order,
        list,
    } = parse_stream(source);
    let references = list.records(source, &article).collect();
    Parsed {
        article,
        references,
        diagnostics,
        date_order,
    }
}

/// An article split and its reference list planned, its records still to be made:
/// what [`parse`] collects, and what the CLI writes out one record at a time, so that
/// a list of any length never sits in memory as records.
#[derive(Debug)]
pub struct ParseStream {
    /// The article's parts.
    pub article: Article,
    /// Diagnostics about the article or the list as a whole (final already).
    pub diagnostics: Vec<Diagnostic>,
    /// Month/day order used for the list's numeric dates.
    pub date_order: Option<DateOrder>,
    /// The records to come: [`PlannedList::records`].
    pub list: PlannedList,
}

/// The records of a [`ParseStream`], not made yet.
#[derive(Debug)]
pub struct PlannedList(ListKind);

#[derive(Debug)]
enum ListKind {
    /// No list, or an empty input.
    Empty,
    /// A news-style list, planned: its records are made one at a time.
    News(refs::ListPlan),
    /// A list the academic model reads, one record at a time.
    Academic,
}

impl PlannedList {
    /// The records, in list order, their diagnostics located in `source`; `article` is
    /// the [`ParseStream::article`] they were planned with.
    pub fn records<'a>(self, source: &'a Source, article: &'a Article) -> Records<'a> {
        let inner = match (self.0, &article.references) {
            (ListKind::News(plan), Some(section)) => {
                RecordsInner::News(Box::new(plan.records(source, &section.entries)))
            }
            (ListKind::Academic, Some(section)) => {
                RecordsInner::Academic(academic::route::section_records(source, section))
            }
            _ => RecordsInner::Empty,
        };
        Records { source, inner }
    }
}

impl PlannedList {
    /// A list of at least `min_entries` entries, to be made in chunks on several threads
    /// ([`Chunked`]); any other list is handed back as it was.
    pub(crate) fn chunked<'a>(
        self,
        source: &'a Source,
        article: &'a Article,
        min_entries: usize,
    ) -> Result<Chunked<'a>, Box<PlannedList>> {
        match (self.0, &article.references) {
            (ListKind::News(plan), Some(section)) if section.entries.len() >= min_entries => {
                Ok(Chunked {
                    maker: Maker::News(plan),
                    source,
                    entries: &section.entries,
                    section,
                })
            }
            (ListKind::Academic, Some(section)) if section.entries.len() >= min_entries => {
                Ok(Chunked {
                    maker: Maker::Academic,
                    source,
                    entries: &section.entries,
                    section,
                })
            }
            (kind, _) => Err(Box::new(PlannedList(kind))),
        }
    }
}

/// A list whose records are made a chunk of entries at a time, the chunks in any order
/// and on any thread, and keyed in list order by whoever writes them: the records of
/// [`PlannedList::records`], with their diagnostics located.
#[derive(Debug)]
pub(crate) struct Chunked<'a> {
    maker: Maker,
    source: &'a Source,
    entries: &'a [LineGroup],
    section: &'a ReferenceSection,
}

/// What makes a [`Chunked`] list's records.
#[derive(Debug)]
enum Maker {
    /// The news grammar, planned.
    News(refs::ListPlan),
    /// The academic model: each entry on its own.
    Academic,
}

impl Chunked<'_> {
    /// Entries in a chunk.
    pub(crate) const CHUNK: usize = 256;

    /// How many entries (and records) the list has.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// How many chunks the list has.
    pub(crate) fn chunks(&self) -> usize {
        self.entries.len().div_ceil(Self::CHUNK)
    }

    /// Makes chunk `c`'s records in list order, each handed to `each` with its key left
    /// empty and the stem to make it from ([`refs::Keys::next`], in list order).
    pub(crate) fn make(&self, c: usize, mut each: impl FnMut(Reference, refs::KeyStem)) {
        let start = (c * Self::CHUNK).min(self.entries.len());
        let end = (start + Self::CHUNK).min(self.entries.len());
        match &self.maker {
            Maker::News(plan) => {
                plan.chunk(self.source, self.entries, start..end, |mut r, stem| {
                    locate(self.source, &mut r);
                    each(r, stem);
                })
            }
            Maker::Academic => {
                let mut stems = refs::StemBuffers::default();
                academic::route::chunk_records(self.source, self.section, start..end, |mut r| {
                    locate(self.source, &mut r);
                    let stem = refs::KeyStem::of(&r, &mut stems);
                    each(r, stem);
                })
            }
        }
    }
}

/// Gives the diagnostics of `r` their lines and columns in `source`.
fn locate(source: &Source, r: &mut Reference) {
    for d in &mut r.diagnostics {
        d.locate_near(source, r.line);
    }
}

/// The records of a [`PlannedList`], each final when it is handed over.
#[derive(Debug)]
pub struct Records<'a> {
    source: &'a Source,
    inner: RecordsInner<'a>,
}

#[derive(Debug)]
enum RecordsInner<'a> {
    News(Box<refs::Records<'a>>),
    Academic(academic::route::SectionRecords<'a>),
    Empty,
}

impl Iterator for Records<'_> {
    type Item = Reference;

    fn next(&mut self) -> Option<Reference> {
        let mut r = match &mut self.inner {
            RecordsInner::News(records) => records.next()?,
            RecordsInner::Academic(records) => records.next()?,
            RecordsInner::Empty => return None,
        };
        locate(self.source, &mut r);
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.inner {
            RecordsInner::News(records) => records.size_hint(),
            RecordsInner::Academic(records) => records.size_hint(),
            RecordsInner::Empty => (0, Some(0)),
        }
    }
}

impl ExactSizeIterator for Records<'_> {}

/// [`parse`] up to its records: the article split, the list found and planned.
pub fn parse_stream(source: &Source) -> ParseStream {
    let mut article = match source.shape() {
        Shape::Article => article::split(source),
        Shape::List => article::split_list(source),
    };
    // An academic list under a reference heading, where the news splitter found no list
    // or one of far fewer lines (a few news-shaped lines of a long bibliography, or a
    // list elsewhere in a thesis).
    let lines = |s: &ReferenceSection| s.entries.iter().map(|g| g.line_count).sum::<usize>();
    if source.shape() == Shape::Article
        && let Some(section) = academic::route::find_section(source)
        && article
            .references
            .as_ref()
            .is_none_or(|news| lines(&section) > lines(news) * 3 / 2)
    {
        article.reference_lines = Some([
            source.line_number(section.entries[0].span.start),
            source.line_number(section.span.end.saturating_sub(1)),
        ]);
        article.references = Some(section);
    }
    let mut diagnostics = Vec::new();
    if source.text().trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            Code::EmptyInput,
            Span::new(0, source.text().len()),
            "the input is empty",
        ));
        return ParseStream::new(source, article, diagnostics, None, ListKind::Empty);
    }
    let Some(section) = &article.references else {
        diagnostics.push(
            Diagnostic::error(
                Code::NoReferenceSection,
                Span::new(0, 0),
                "no reference list found",
            )
            .with_help(
                "reftrace looks for a run of lines like `Author, \"Title,\" Outlet, 11/21/23` \
                 or `- \"Title,\" 11/21/23`",
            ),
        );
        return ParseStream::new(source, article, diagnostics, None, ListKind::Empty);
    };
    // Which reader handles the list is decided per list (`found_by` says which).
    let found_academic = section.found_by.ends_with("read by the academic model");
    let (marked_academic, marked, n) =
        academic::route::looks_academic_sized(section.entries.iter().map(|g| source.slice(g.span)));
    if found_academic || marked_academic {
        if let Some(s) = article.references.as_mut()
            && !found_academic
        {
            // The vote was taken on the lines as first split; a pasted list is split
            // again as academic lists are, and when its entries differ, both counts are
            // said, so that the vote can be checked.
            let mut resplit = None;
            if source.shape() == Shape::List {
                // A pasted list's entries, told apart as academic lists are (counted
                // again only when they differ from the lines counted above).
                let entries;
                (entries, s.furniture) = academic::route::list_entries(source, s);
                if entries != s.entries {
                    let (_, m, k) = academic::route::looks_academic(
                        entries.iter().map(|g| source.slice(g.span)),
                    );
                    resplit = Some((m, k));
                }
                s.entries = entries;
                s.found_by = format!(
                    "{}{}",
                    article::list_found_by(s.entries.len()),
                    academic::route::furniture_said(&s.furniture)
                );
            }
            let counts = match resplit {
                None => format!("{marked} of {n} entries with marks of academic styles"),
                Some((m, k)) => format!(
                    "{marked} of the {n} entries of the first split with marks of academic \
                     styles ({m} of {k} split as academic lists are)"
                ),
            };
            s.found_by = format!("{}; {counts}: read by the academic model", s.found_by);
        }
        return ParseStream::new(source, article, diagnostics, None, ListKind::Academic);
    }
    let mut plan = refs::plan(source, section, article.date);
    if let Some(s) = article.references.as_mut() {
        s.found_by.push_str("; read by the news grammar");
    }
    diagnostics.append(&mut plan.diagnostics);
    let order = plan.date_order;
    ParseStream::new(
        source,
        article,
        diagnostics,
        Some(order),
        ListKind::News(plan),
    )
}

impl ParseStream {
    fn new(
        source: &Source,
        article: Article,
        mut diagnostics: Vec<Diagnostic>,
        date_order: Option<DateOrder>,
        list: ListKind,
    ) -> ParseStream {
        for d in &mut diagnostics {
            d.locate(source);
        }
        ParseStream {
            article,
            diagnostics,
            date_order,
            list: PlannedList(list),
        }
    }
}
