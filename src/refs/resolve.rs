//! Resolves one raw entry into an owned [`Reference`] record: interprets its head as
//! people or an organisation, applies a continuation line's leader, reads its title
//! and date. The list-wide steps (date order, keys, duplicates, short forms) are in
//! [`super::stream`].

use super::date::{self, DateOrder, RawDate};
use super::grammar::{Piece, RawEntry};
use super::names;
use super::record::{HeadKind, PartialDate, Person, Provenance, Reference};
use super::whitespace::{fold_ws, fold_ws_borrowed};
use crate::diag::{Code, Diagnostic};
use crate::source::{Source, Span};

/// Most words an unquoted, undated line may have and still be read as an outlet.
const MAX_OUTLET_WORDS: usize = 12;

/// One entry, as the grammar split it, with where it stands.
pub(super) struct EntryInput<'s> {
    pub(super) raw: RawEntry<'s>,
    /// Byte offset of the entry's text in the source.
    pub(super) base: usize,
    pub(super) span: Span,
    /// 1-based line where it starts.
    pub(super) line: usize,
}

/// What a `-` line takes from the entry it continues.
#[derive(Debug, Default)]
pub(super) struct Leader {
    index: usize,
    continues: Option<usize>,
    authors: Vec<Person>,
    outlet: Option<String>,
}

impl Leader {
    /// Becomes the leader `r`, reusing its buffers.
    pub(super) fn copy_from(&mut self, r: &Reference) {
        self.index = r.index;
        self.continues = r.continues;
        self.authors.clone_from(&r.authors);
        self.outlet.clone_from(&r.outlet);
    }
}

/// Whether an entry cannot be read at all: no title, no date, and a head too long
/// for an outlet's name or without a letter. It becomes an unparsed record.
pub(super) fn is_unreadable(raw: &RawEntry<'_>) -> bool {
    raw.title.is_none() && raw.date.is_none() && {
        let head = fold_ws_borrowed(raw.head.text);
        head.split_whitespace().count() > MAX_OUTLET_WORDS || !head.chars().any(char::is_alphabetic)
    }
}

impl EntryInput<'_> {
    fn span_of(&self, piece: Piece<'_>) -> Span {
        let start = self.base + piece.offset;
        Span::new(start, start + piece.text.len())
    }
}

/// Whether the text between a title and its date can name an outlet: it starts with
/// a letter and is not longer than an outlet's name (not a broken date like `11/9/2`).
fn reads_as_outlet(text: &str) -> bool {
    text.starts_with(char::is_alphabetic) && text.split_whitespace().count() <= MAX_OUTLET_WORDS
}

fn names_leader_partially(head: &str, leader: &Leader) -> bool {
    let Some(first) = leader.authors.first() else {
        return false;
    };
    if head.contains(',') || head.split_whitespace().count() > 3 {
        return false;
    }
    let h = head.to_lowercase();
    let given = first.given.to_lowercase();
    let family = first.family.to_lowercase();
    h == given || h == family || h == format!("{given} {family}")
}

/// The record of one entry, before the facts that depend on the whole list (short-form
/// notes, key, duplicates); `leader` is the entry a continuation line continues.
#[allow(clippy::too_many_arguments)]
pub(super) fn resolve_entry(
    source: &Source,
    input: &EntryInput<'_>,
    index: usize,
    leader: Option<&Leader>,
    is_continuation: bool,
    order: DateOrder,
    article_year: Option<i32>,
    article_date: Option<PartialDate>,
) -> Reference {
    let raw = &input.raw;
    let mut r = Reference {
        url: raw.url.map(|u| u.text.to_string()),
        ..Reference::new(
            index,
            input.line,
            input.span,
            source.slice(input.span).to_string(),
        )
    };
    let mut head = fold_ws_borrowed(raw.head.text);
    let head_span = input.span_of(raw.head);
    if is_unreadable(raw) {
        r.parsed = false;
        r.diagnostics.push(
            Diagnostic::error(
                Code::UnparsedEntry,
                input.span,
                "this line of the reference list could not be read as an entry",
            )
            .with_help(
                "it is kept as an unparsed record; entries read like \
                 `Author, \"Title,\" Outlet, 11/21/23`",
            ),
        );
        return r;
    }
    if is_continuation && leader.is_none() {
        r.diagnostics.push(
            Diagnostic::warning(
                Code::OrphanContinuation,
                raw.marker.map_or(input.span, |m| input.span_of(m)),
                "a `-` continuation line with no entry above it to continue",
            )
            .with_help("read as an entry of its own"),
        );
    }
    if let Some(l) = leader {
        r.continues = Some(l.continues.unwrap_or(l.index));
    }
    let inherit = |r: &mut Reference, l: &Leader| {
        r.authors = l.authors.clone();
        r.provenance.authors = if l.authors.is_empty() {
            Provenance::Missing
        } else {
            Provenance::Inherited {
                entry: l.continues.unwrap_or(l.index),
            }
        };
    };
    // The head: people, an organisation, or nothing (inherited).
    match leader {
        Some(l) if head.is_empty() => {
            inherit(&mut r, l);
            r.head = HeadKind::Empty;
        }
        Some(l) if names_leader_partially(&head, l) => {
            inherit(&mut r, l);
            r.head = HeadKind::People;
            let who = l
                .authors
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            r.diagnostics.push(
                Diagnostic::info(
                    Code::ContinuationPartialName,
                    head_span,
                    format!(
                        "`{head}` names the author of the entry above only in part: read as {who}"
                    ),
                )
                .with_help(format!(
                    "write `- {who}, \"…\"`, or `- \"…\"` to inherit the author"
                )),
            );
        }
        _ if head.is_empty() => r.head = HeadKind::Empty,
        _ if names::looks_like_people(&head) => {
            r.head = HeadKind::People;
            read_people(&mut r, raw.head, input);
        }
        _ => {
            r.head = HeadKind::Organisation;
            r.outlet = Some(std::mem::take(&mut head).into_owned());
            r.provenance.outlet = Provenance::Stated;
        }
    }
    // The outlet: named after the title, else inherited.
    let middle = raw.middle.map(|m| fold_ws(m.text));
    match (r.head, middle) {
        (HeadKind::Organisation, Some(outlet)) if reads_as_outlet(&outlet) => {
            // `Organisation, "Title," Outlet`: the organisation wrote it, the outlet
            // published it. It stands as the corporate author (a family name alone).
            if let Some(name) = r.outlet.take() {
                r.authors = vec![Person::new(name, "")];
                r.provenance.authors = Provenance::Stated;
            }
            r.outlet = Some(outlet);
            r.provenance.outlet = Provenance::Stated;
        }
        (HeadKind::Organisation, Some(extra)) => {
            let span = raw.middle.map_or(input.span, |m| input.span_of(m));
            r.diagnostics.push(
                Diagnostic::info(
                    Code::UnexpectedText,
                    span,
                    format!("`{extra}` after the title of an outlet-led entry was kept as a note"),
                )
                .with_help("an entry led by an outlet usually has only a date after the title"),
            );
            r.note = Some(extra);
        }
        (_, Some(outlet)) => {
            r.outlet = Some(outlet);
            r.provenance.outlet = Provenance::Stated;
        }
        (_, None) => {
            if let Some(l) = leader
                && r.outlet.is_none()
                && l.outlet.is_some()
            {
                r.outlet = l.outlet.clone();
                r.provenance.outlet = Provenance::Inherited {
                    entry: l.continues.unwrap_or(l.index),
                };
            }
        }
    }
    read_title(&mut r, raw, input);
    read_date(&mut r, raw, input, order, article_year, article_date);
    r
}

fn read_people(r: &mut Reference, head: Piece<'_>, input: &EntryInput<'_>) {
    let head_text = head.text;
    let segs = names::segments(head_text);
    let mut reading = names::split_people(&segs);
    // Names are words joined by single spaces: already folded.
    r.authors = std::mem::take(&mut reading.people);
    r.provenance.authors = if reading.restored.is_empty() {
        Provenance::Stated
    } else {
        Provenance::Repaired
    };
    // The names as a list, for the messages of restored separators only.
    let all: Vec<String> = if reading.restored.is_empty() {
        Vec::new()
    } else {
        r.authors.iter().map(ToString::to_string).collect()
    };
    for &(seg, word) in &reading.restored {
        let s = &segs[seg];
        let start = head.offset + s.offset;
        let span = Span::new(input.base + start, input.base + start + s.len);
        r.diagnostics.push(
            Diagnostic::warning(
                Code::AuthorSeparatorMissing,
                span,
                format!(
                    "author separator missing between `{}` and `{}`: read as {} people",
                    s.words[..word].join(" "),
                    s.words[word..].join(" "),
                    all.len()
                ),
            )
            .with_help(format!("read as `{}`", all.join("; "))),
        );
    }
    if reading.last_without_given {
        r.diagnostics.push(Diagnostic::warning(
            Code::UnexpectedText,
            input.span_of(head),
            "the last name in the author list has no given name",
        ));
    }
}

fn read_title(r: &mut Reference, raw: &RawEntry<'_>, input: &EntryInput<'_>) {
    match raw.title {
        Some(t) => {
            r.title = Some(fold_ws(t.text));
            r.provenance.title = Provenance::Stated;
            if raw.title_closed || raw.marker.is_none() && raw.head.is_blank() {
                return;
            }
            if r.raw.contains(['“', '"', '«', '„']) {
                r.provenance.title = Provenance::Repaired;
                r.diagnostics.push(
                    Diagnostic::warning(
                        Code::UnclosedQuote,
                        input.span_of(t),
                        "the title's closing quote is missing: the title runs to the date",
                    )
                    .with_help("close the title with `,”`"),
                );
            } else {
                r.diagnostics.push(
                    Diagnostic::info(
                        Code::MissingTitle,
                        input.span_of(t),
                        "no quoted title: the text after the first comma was read as the title",
                    )
                    .with_help("put the title in quotes"),
                );
            }
        }
        None => r.diagnostics.push(
            Diagnostic::warning(Code::MissingTitle, input.span, "this entry has no title")
                .with_help("entries read like `Outlet, \"Title,\" 11/21/23`"),
        ),
    }
}

fn read_date(
    r: &mut Reference,
    raw: &RawEntry<'_>,
    input: &EntryInput<'_>,
    order: DateOrder,
    article_year: Option<i32>,
    article_date: Option<PartialDate>,
) {
    let Some(d) = raw.date else {
        // A last word with digits in it was probably meant as a date: say what is wrong.
        let last = r.raw.split_whitespace().next_back().unwrap_or("");
        let broken = last
            .chars()
            .any(|c| c.is_ascii_digit())
            .then(|| date::explain(last))
            .flatten();
        let diag = match broken {
            Some(why) => Diagnostic::warning(
                Code::UnreadableDate,
                input.span,
                format!("`{last}` looks like a date but could not be read: {why}"),
            )
            .with_help("the entry is kept without a date; write it like `11/21/23`"),
            None => Diagnostic::warning(Code::MissingDate, input.span, "this entry has no date")
                .with_help("add the publication date at the end, e.g. `11/21/23`"),
        };
        r.diagnostics.push(diag);
        return;
    };
    let span = input.span_of(d.piece);
    r.date_text = Some(d.piece.text.to_string());
    let Some(value) = date::resolve(&d.value, order, article_year) else {
        r.diagnostics.push(
            Diagnostic::error(
                Code::UnreadableDate,
                span,
                format!("`{}` is not a calendar date", fold_ws(d.piece.text)),
            )
            .with_help("the text is kept in `date_text`"),
        );
        return;
    };
    r.date = Some(value);
    r.provenance.date = Provenance::Stated;
    if let RawDate::Numeric {
        had_spaces: true, ..
    } = d.value
    {
        r.provenance.date = Provenance::Repaired;
        let compact: String = d
            .piece
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        r.diagnostics.push(
            Diagnostic::warning(
                Code::DateWhitespace,
                span,
                format!("white space inside the date: read as {value}"),
            )
            .with_help(format!("write `{compact}`")),
        );
    }
    if let Some(article) = article_date
        && value.first_day() > article.last_day()
    {
        r.diagnostics.push(
            Diagnostic::warning(
                Code::DateAfterArticle,
                span,
                format!("dated {value}, after the article itself ({article})"),
            )
            .with_help("check the date: a source cannot be published after the article citing it"),
        );
    }
}
