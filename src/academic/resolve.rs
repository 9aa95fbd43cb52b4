//! Labelled segments → a [`Reference`]: each field cleaned and normalised (pages,
//! volume and issue, names, DOI, URL, ISBN, dates), the work's type decided from the
//! fields present (`academic::kind`), and a diagnostic for every value that failed its
//! check.

use super::Segment;
use super::fields;
use super::kind::{
    genre_from_description, genre_in_brackets, kind, platform_as_publisher, version_of,
};
use super::{dates, links, locator};
use super::label::Label;
use super::names::{self, people, people_and_marks};
use super::roles::{self, Credit};
use crate::diag::{Code, Diagnostic};
use crate::refs::{
    Contributor, HeadKind, PartialDate, Person, Provenance, Reference, WorkFields,
};
use crate::source::Span;

/// Where an entry sits in its input.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// 1-based position in the list.
    pub index: usize,
    /// 1-based line where the entry starts.
    pub line: usize,
    /// Byte offset of the entry's text in the input.
    pub offset: usize,
}

pub(super) fn join(acc: &mut Option<String>, text: String) {
    if text.is_empty() {
        return;
    }
    match acc {
        Some(a) => {
            a.push(' ');
            a.push_str(&text);
        }
        None => *acc = Some(text),
    }
}

/// The names of a segment, a name a line break cut with a hyphen whole again
/// ([`fields::unwrapped`]).
fn names_text(t: &str) -> std::borrow::Cow<'_, str> {
    if t.contains('\n') {
        std::borrow::Cow::Owned(fields::unwrapped(t, fields::is_known_word))
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

const CONTAINER_LEADS: &[&str] = &["in:", "in", "dans", "en", "em", "w:", "w"];

/// Reads the date segment `t` (at `span`) into the record's date, its text and the
/// work's other dates; its years join `years`.
fn read_date(
    t: &str,
    span: Span,
    date: &mut Option<PartialDate>,
    date_text: &mut Option<String>,
    w: &mut WorkFields,
    years: &mut Vec<(i32, Span)>,
) {
    let read = dates::read(t);
    if date.is_none() && read.date.is_some() {
        *date = read.date;
        w.date_end = read.end;
    }
    if w.original_date.is_none() {
        w.original_date = read.original;
    }
    if w.accessed.is_none() {
        w.accessed = read.accessed;
    }
    years.extend(read.years.iter().map(|y| (*y, span)));
    join(date_text, fields::clean(t));
}

/// Credits the people of each group of a run split at its role marks
/// ([`roles::split`]). A mark with no names before it (labelled apart from them) credits
/// the authors from `authors_from` on, the last author segment's people. Returns whether
/// anyone was credited.
fn credit(
    authors: &mut Vec<Person>,
    contributors: &mut Vec<Contributor>,
    groups: Vec<(Vec<Credit>, &str)>,
    mut authors_from: Option<usize>,
) -> bool {
    let mut any = false;
    for (credits, names) in groups {
        let named = if names.chars().any(char::is_alphabetic) {
            people(&names_text(names))
        } else if let Some(from) = authors_from.take().filter(|f| *f < authors.len()) {
            authors.split_off(from)
        } else {
            Vec::new()
        };
        any |= !named.is_empty();
        for c in &credits {
            match *c {
                Credit::Author => authors.extend(named.iter().cloned()),
                Credit::As(role) => contributors.extend(named.iter().map(|p| Contributor {
                    role,
                    person: p.clone(),
                })),
            }
        }
    }
    any
}

/// A list's number at the start of a names segment (`15.`, `38-`, `[7]`), and the rest.
fn leading_number(t: &str) -> Option<(&str, &str)> {
    let t = t.trim_start();
    let (first, rest) = t.split_once(char::is_whitespace)?;
    let n = first
        .trim_start_matches('[')
        .trim_end_matches(['.', '-', '–', ')', ']']);
    let numbered = first.len() > n.len() && (1..=4).contains(&n.len());
    (numbered && n.bytes().all(|b| b.is_ascii_digit())).then_some((n, rest))
}

/// Words of a names segment, beside the names' markers and conjunctions, that say a
/// role or lead a container and so are no person's.
const NAME_WORDS: &[&str] = &["translator", "translators", "compiler", "compilers", "übersetzt", "red", "under"];

/// Says the words of a names segment that are in no name read from it and are no
/// marker, conjunction or word of [`NAME_WORDS`] (`(C. Tiercelin, Trans. 2000 ed.)`:
/// the `2000`), so that none is dropped unsaid.
fn unplaced_in_names(
    t: &str,
    (named, marks): (&[Person], usize),
    span: Span,
    diags: &mut Vec<Diagnostic>,
) {
    let bare = |w: &str| -> String {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // Reading names moves words but never makes letters or digits: when the names and
    // the markers and conjunctions left out (`and`, `eds.`) hold as many as the
    // segment, none was dropped (all but a few segments).
    let alnum = |x: &str| x.chars().filter(|c| c.is_alphanumeric()).count();
    let held: usize = named.iter().map(|p| alnum(&p.family) + alnum(&p.given)).sum();
    if held + marks >= alnum(t) {
        return;
    }
    // Most words are a name's as written: those are found without a copy.
    let mut hay: Option<String> = None;
    let mut left: Vec<&str> = Vec::new();
    for w in t.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '(' | ')' | '[' | ']')) {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty()
            || named.iter().any(|p| p.family.contains(core) || p.given.contains(core))
            || names::is_marker(w)
            || names::is_conjunction(w)
        {
            continue;
        }
        let b = bare(core);
        if NAME_WORDS.contains(&b.as_str()) {
            continue;
        }
        // A word joined or cased otherwise in the names (a line's break mended).
        let hay = hay.get_or_insert_with(|| {
            named
                .iter()
                .flat_map(|p| [p.family.as_str(), p.given.as_str()])
                .map(bare)
                .collect()
        });
        if !hay.contains(&b) {
            left.push(core);
        }
    }
    if !left.is_empty() {
        diags.push(Diagnostic::info(
            Code::UnexpectedText,
            span,
            format!(
                "`{}` was read with the names but is not kept in any field",
                left.join(" ")
            ),
        ));
    }
}

/// The words of a DOI's or URL's segment beside the identifier: an access date
/// (`Retrieved March 3, 2020, from`, `(accessed 3 May 2016)`) is kept as the work's,
/// words that only lead to the address (`Available at:`) are left, and any others
/// (`Situation report, 72. https://…`: the `72.`) are said, as other text read but
/// not kept is.
fn beside_link(link: &links::Link, span: Span, w: &mut WorkFields, diags: &mut Vec<Diagnostic>) {
    for (text, before) in [(&link.before, true), (&link.after, false)] {
        let t = text.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '(' | ')' | '[' | ']' | '<' | '>')
        });
        // A lone cue whose date the tagger labelled apart (`(accessed` then `21
        // February 2012).`) is read with that date.
        if !t.contains(char::is_alphanumeric)
            || before && links::is_lead(text)
            || dates::is_access_cue(t) && !t.contains(char::is_whitespace)
        {
            continue;
        }
        if let Some(d) = dates::accessed(t) {
            w.accessed.get_or_insert(d);
            continue;
        }
        diags.push(not_kept(span, t));
    }
}

/// The note that `text` (at `span`) was read but no field holds it.
fn not_kept(span: Span, text: &str) -> Diagnostic {
    Diagnostic::info(
        Code::UnexpectedText,
        span,
        format!("`{}` was read but is not kept in any field", fields::clean(text)),
    )
}

/// Builds the record of one entry from its labelled segments.
pub fn resolve(text: &str, segments: &[Segment<'_>], place: Place) -> Reference {
    let span_of =
        |s: &Segment<'_>| Span::new(place.offset + s.span.start, place.offset + s.span.end);
    let whole = Span::new(place.offset, place.offset + text.len());
    let raw = fields::single_spaced(text);
    let mut r = Reference::new(place.index, place.line, whole, raw);
    let w = &mut r.work;
    let mut journal = false;
    // Every year written in the date segments, with its segment's place, to say which
    // no field holds.
    let mut years: Vec<(i32, Span)> = Vec::new();
    // Where the people of the last author segment start in `r.authors`, for a role
    // mark labelled apart from them (`Docter, P.` then `(Director).`).
    let mut authors_from = None;
    for s in segments {
        let t = s.text;
        match s.label {
            Label::CitationNumber => {
                join(&mut w.citation_number, fields::citation_number(t));
            }
            Label::Author if let Some(groups) = roles::split(t) => {
                credit(&mut r.authors, &mut w.contributors, groups, authors_from.take());
            }
            Label::Author => {
                authors_from = Some(r.authors.len());
                // A list's number the tagger took for the first name (`15. Appiah-Adu,
                // K.`, `38- Tsai WC`).
                let t = match leading_number(t) {
                    Some((n, rest)) if w.citation_number.is_none() && r.authors.is_empty() => {
                        w.citation_number = Some(n.to_string());
                        rest
                    }
                    _ => t,
                };
                let (named, marks) = people_and_marks(&names_text(t));
                unplaced_in_names(t, (&named, marks), span_of(s), &mut r.diagnostics);
                r.authors.extend(named);
            }
            // `Scorsese, Martin, director.`, which the tagger may read as an editor's.
            Label::Editor if let Some(groups) = roles::split(t) => {
                credit(&mut r.authors, &mut w.contributors, groups, None);
            }
            Label::Editor | Label::Translator => {
                let (named, marks) = people_and_marks(&names_text(t));
                unplaced_in_names(t, (&named, marks), span_of(s), &mut r.diagnostics);
                match s.label {
                    Label::Editor => w.editors.extend(named),
                    _ => w.translators.extend(named),
                }
            }
            Label::Title => join(&mut r.title, fields::clean(t)),
            Label::Journal | Label::ContainerTitle => {
                journal |= s.label == Label::Journal;
                join(
                    &mut w.container_title,
                    fields::clean(fields::strip_lead(t, CONTAINER_LEADS)),
                );
            }
            Label::CollectionTitle => join(&mut w.collection_title, fields::clean(t)),
            // A Vancouver run (`2019;56(4):812-25`) is one word, and so one label.
            Label::Date | Label::Volume if let Some(l) = locator::vancouver(t) => {
                let date = l.date.unwrap_or_default();
                // `2010 Dec;24`, the year labelled a date on its own: the month joins it.
                if let Some(d) = r.date.as_mut().filter(|d| d.month.is_none())
                    && !date.contains(|c: char| c.is_ascii_digit())
                {
                    d.month = dates::month_of(date);
                }
                read_date(date, span_of(s), &mut r.date, &mut r.date_text, w, &mut years);
                join(&mut w.volume, l.volume.to_string());
                if let Some(i) = l.issue {
                    join(&mut w.issue, i.to_string());
                }
                if let Some(p) = l.pages {
                    join(&mut w.pages, fields::pages(p));
                }
            }
            Label::Date => read_date(t, span_of(s), &mut r.date, &mut r.date_text, w, &mut years),
            Label::Volume => {
                let (v, i) = fields::volume_issue(t);
                if let Some(v) = v {
                    join(&mut w.volume, v);
                }
                if let Some(i) = i {
                    join(&mut w.issue, i);
                }
            }
            Label::Pages => join(&mut w.pages, fields::pages(t)),
            Label::Publisher => join(&mut w.publisher, fields::clean(t)),
            Label::Location => join(&mut w.location, fields::clean(t)),
            Label::Edition => join(&mut w.edition, fields::clean(t)),
            Label::Genre => join(&mut w.genre, fields::clean(t)),
            Label::Doi => {
                let d = links::doi(t);
                if !d.ok {
                    r.diagnostics.push(Diagnostic::warning(
                        Code::UnexpectedText,
                        span_of(s),
                        format!("`{}` does not have the shape of a DOI (10.NNNN/suffix)", d.text),
                    ));
                }
                beside_link(&d, span_of(s), w, &mut r.diagnostics);
                join(&mut w.doi, d.text);
            }
            Label::Url => {
                let u = links::url(t);
                if !u.ok {
                    r.diagnostics.push(Diagnostic::warning(
                        Code::UnexpectedText,
                        span_of(s),
                        format!("`{}` does not look like a web address", u.text),
                    ));
                }
                beside_link(&u, span_of(s), w, &mut r.diagnostics);
                join(&mut r.url, u.text);
            }
            Label::Isbn => {
                let (i, ok) = links::isbn(t);
                if i.is_empty() {
                    // No digits at all (`Uhuru`): the words are said, not lost.
                    r.diagnostics.push(not_kept(span_of(s), t));
                } else if !ok {
                    r.diagnostics.push(Diagnostic::warning(
                        Code::UnexpectedText,
                        span_of(s),
                        format!("`{i}` is not a valid ISBN (its check digit does not agree)"),
                    ));
                }
                join(&mut w.isbn, i);
            }
            Label::Note => {
                if w.accessed.is_none() {
                    w.accessed = dates::accessed(t);
                }
                join(&mut r.note, fields::clean(t));
            }
            Label::Other
                if roles::split(t).is_some_and(|groups| {
                    credit(&mut r.authors, &mut w.contributors, groups, authors_from.take())
                }) => {}
            Label::Other => r.diagnostics.push(not_kept(span_of(s), t)),
        }
    }
    let w = &mut r.work;
    genre_in_brackets(w, &mut r.note);
    genre_from_description(&mut r);
    version_of(&mut r);
    let w = &mut r.work;
    w.kind = Some(kind(w, journal, r.url.is_some()));
    platform_as_publisher(w);
    if !r.authors.is_empty() {
        r.head = HeadKind::People;
        r.provenance.authors = Provenance::Stated;
    }
    if r.title.is_some() {
        r.provenance.title = Provenance::Stated;
    } else {
        r.diagnostics.push(Diagnostic::warning(
            Code::MissingTitle,
            whole,
            "the entry has no title",
        ));
    }
    if let Some(d) = years_not_kept(&r, &years) {
        r.diagnostics.push(d);
    }
    match (&r.date, &r.date_text) {
        (Some(_), _) => r.provenance.date = Provenance::Stated,
        (None, Some(t)) => r.diagnostics.push(Diagnostic::warning(
            Code::UnreadableDate,
            whole,
            format!("the date `{t}` has no year that could be read"),
        )),
        (None, None) => r.diagnostics.push(Diagnostic::info(
            Code::MissingDate,
            whole,
            "the entry has no date",
        )),
    }
    if segments.is_empty() {
        r.parsed = false;
        r.diagnostics.push(Diagnostic::error(
            Code::UnparsedEntry,
            whole,
            "the entry is empty",
        ));
    }
    r
}

/// The diagnostic (R115) for the years of `years` that no date field of `r` holds, at
/// the first such year's segment; none when every year is kept.
fn years_not_kept(r: &Reference, years: &[(i32, Span)]) -> Option<Diagnostic> {
    let kept = [r.date, r.work.date_end, r.work.original_date];
    let mut lost: Vec<(i32, Span)> = Vec::new();
    for &(y, span) in years {
        if !kept.iter().flatten().any(|d| d.year == y) && !lost.iter().any(|l| l.0 == y) {
            lost.push((y, span));
        }
    }
    let (_, span) = *lost.first()?;
    let many = lost.len() > 1;
    Some(Diagnostic::info(
        Code::YearNotKept,
        span,
        format!(
            "the year{} {} in the date `{}` {} in no date field (only in `date_text`)",
            if many { "s" } else { "" },
            lost.iter().map(|(y, _)| format!("`{y}`")).collect::<Vec<_>>().join(", "),
            r.date_text.as_deref().unwrap_or(""),
            if many { "are" } else { "is" },
        ),
    ))
}


#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a link's segment beside the address: an access date is the work's,
    /// a lead (`Recuperado de`) goes, and anything else is said.
    #[test]
    fn words_beside_a_link_are_kept_or_said() {
        let span = Span::new(0, 1);
        let said = |link: links::Link| {
            let (mut w, mut d) = (WorkFields::default(), Vec::new());
            beside_link(&link, span, &mut w, &mut d);
            let messages: Vec<String> = d.into_iter().map(|d| d.message).collect();
            (w.accessed.map(|a| a.year), messages)
        };
        let (_, m) = said(links::url("72. https://apps.who.int/iris/handle/10665/331685"));
        assert_eq!(m, ["`72` was read but is not kept in any field"]);
        for lead in [
            "Retrieved from http://x.org/a",
            "Recuperado de http://x.org/a",
            "Consulté à l’adresse https://x.org/a",
            "[en ligne] https://x.org/a",
            "URL: http://x.org/a",
            "http://x.org/a (accessed",
        ] {
            assert_eq!(said(links::url(lead)), (None, vec![]), "{lead}");
        }
        assert_eq!(
            said(links::url("Retrieved March 3, 2020, from https://x.org/a")),
            (Some(2020), vec![])
        );
        assert_eq!(
            said(links::url("http://www.x.org/a (Accessed: 3 May 2016)")),
            (Some(2016), vec![])
        );
        assert_eq!(
            said(links::doi("https://doi.org/10.1080/08120099.2012.736406 [PDF]")).1,
            ["`PDF` was read but is not kept in any field"]
        );
    }
}
