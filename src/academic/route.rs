//! Which reader handles a reference list: the news grammar or the academic model. The
//! choice is made per list, by the share of entries that carry the marks of academic
//! styles (a year in brackets or closing a sentence, `pp.`, `vol.`, a volume with its
//! issue, a page range, `doi:`, `In` before a container, `(Ed.)`, `et al.`, a bare year
//! with no quoted title), which news-style entries (`Author, "Title," Outlet, 11/21/23`)
//! lack.

use super::{finder, list, resolve, segments, shipped};
use crate::article::{LineGroup, ReferenceSection};
use crate::refs::date::month_number;
use crate::refs::{KeyStream, Reference};
use crate::source::{Source, Span};
use std::borrow::Cow;

// Words of outlets' names (`Journal`, `Review`, `Press`, `University`) are no marks: news
// lists name such outlets too.
const WORDS: &[&str] = &[
    "pp.",
    "vol.",
    "Vol.",
    "doi:",
    "DOI",
    " In ",
    " In: ",
    "(Ed.)",
    "(Eds.)",
    "(eds.)",
    "(ed.)",
    "eds.",
    "et al.",
    "ISBN",
    "(Doctoral",
    "(Master",
    "Ph.D. thesis",
    "PhD thesis",
];

#[cfg(test)]
fn is_digit_run(b: &[u8], at: usize, len: usize) -> bool {
    at + len <= b.len()
        && b[at..at + len].iter().all(u8::is_ascii_digit)
        && (at == 0 || !b[at - 1].is_ascii_digit())
        && b.get(at + len).is_none_or(|c| !c.is_ascii_digit())
}

/// Whether one entry carries a mark of academic styles.
pub fn has_academic_marks(entry: &str) -> bool {
    mark(entry).is_some()
}

/// For each byte, the words of [`WORDS`] that start with it, one bit per word.
const BY_FIRST_BYTE: [u32; 256] = {
    assert!(WORDS.len() <= 32);
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < WORDS.len() {
        table[WORDS[i].as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// For each byte, whether [`mark`] stops at it: a digit, or the first byte of a word
/// of [`WORDS`].
const SALIENT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = BY_FIRST_BYTE[b] != 0 || (b as u8).is_ascii_digit();
        b += 1;
    }
    table
};

/// Whether a word of [`WORDS`] starts at the start of `rest`.
fn word_at(rest: &[u8]) -> bool {
    let mut words = BY_FIRST_BYTE[usize::from(rest[0])];
    while words != 0 {
        let word = WORDS[words.trailing_zeros() as usize].as_bytes();
        // Every word has three bytes or more: the second rules most places out.
        if rest.get(1) == Some(&word[1]) && rest.starts_with(word) {
            return true;
        }
        words &= words - 1;
    }
    false
}

/// How strongly an entry is marked: `Some(true)` for a sure mark (`pp.`, `(2019)`, …),
/// `Some(false)` for only a bare year (not after its day or month) with no quoted title.
///
/// One pass over the bytes (this runs on half the entries of every list, and more on
/// an academic one): digit runs are read whole (a year is a run of exactly four), and
/// the words of [`WORDS`] are tried only where one of their first bytes stands. The
/// page range, the one mark that needs the entry's words, is looked for only when
/// digits stand on both sides of a dash.
fn mark(entry: &str) -> Option<bool> {
    let b = entry.as_bytes();
    let digit = |at: usize| b.get(at).is_some_and(u8::is_ascii_digit);
    let (mut year, mut dashed_digits) = (false, false);
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            if BY_FIRST_BYTE[usize::from(b[i])] != 0 && word_at(&b[i..]) {
                return Some(true);
            }
            i += 1;
            // Most bytes neither are digits nor start a word: passed over by table.
            while b.get(i).is_some_and(|&c| !SALIENT[usize::from(c)]) {
                i += 1;
            }
            continue;
        }
        let start = i;
        while digit(i) {
            i += 1;
        }
        if i - start == 4 {
            // `(2019)`, `2019.` after a name.
            let before = start.checked_sub(1).map(|j| b[j]);
            let after = b.get(i).copied();
            if before == Some(b'(') && matches!(after, Some(b')') | Some(b',') | Some(b'a'..=b'z'))
            {
                return Some(true);
            }
            if after == Some(b'.') && before == Some(b' ') && start + 15 < b.len() {
                return Some(true);
            }
            // Looked at only until one bare year is found.
            if !year && matches!(b[start], b'1' | b'2') {
                year = !dated(&entry[..start]);
            }
        }
        // `12(3)`.
        if b.get(i) == Some(&b'(') && digit(i + 1) {
            return Some(true);
        }
        dashed_digits |= b.get(i) == Some(&b'-') && digit(i + 1)
            || b[i..].starts_with("–".as_bytes()) && digit(i + "–".len());
    }
    if dashed_digits && has_page_range(entry) {
        return Some(true);
    }
    (year && !entry.contains(['"', '“', '”'])).then_some(false)
}

/// Whether the text before a year ends in its month, or its month and day (`November
/// 10, 2023`, `10 Nov. 2023`, `Sept 2023`): a full date, as news entries write it, where
/// a bare year is how bibliographies date a book.
fn dated(before: &str) -> bool {
    let mut words = before
        .split([' ', ',', '(', '['])
        .rev()
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty());
    let month = |w: Option<&str>| w.is_some_and(|w| month_number(w).is_some());
    let Some(last) = words.next() else {
        return false;
    };
    let day = last.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let is_day = (1..=2).contains(&day.len()) && day.bytes().all(|c| c.is_ascii_digit());
    month(Some(last)) || (is_day && month(words.next()))
}

/// A page range: a word of two runs of up to five digits joined by a dash (checked
/// without allocating).
fn has_page_range(entry: &str) -> bool {
    let pages = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|c| c.is_ascii_digit());
    entry.split_whitespace().any(|w| {
        if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let mut parts = w.trim_end_matches(['.', ',', ';']).split(['–', '-']);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(b), None) => pages(a) && pages(b),
            _ => false,
        }
    })
}

/// Whether a list of entries should be read by the academic model: at least half of them
/// carry academic marks, and at least one a sure mark, unless every entry of two or more
/// carries a mark. A bare year with no quoted title alone is also how an informal list
/// may write a book, but a list of nothing else is a bibliography of books (none of the
/// 1,014 entries of the news lists in realdata, the sample and the held-out documents is
/// marked by such a year alone; 2,053 of the 10,087 tagged academic strings are).
pub fn looks_academic<'e>(entries: impl IntoIterator<Item = &'e str>) -> (bool, usize, usize) {
    let (mut marked, mut strong, mut n) = (0, 0, 0);
    for e in entries {
        n += 1;
        if let Some(sure) = mark(e) {
            marked += 1;
            strong += usize::from(sure);
        }
    }
    (academic_vote(marked, strong, n), marked, n)
}

/// The vote of [`looks_academic`] from its counts.
fn academic_vote(marked: usize, strong: usize, n: usize) -> bool {
    n > 0 && marked * 2 >= n && (strong > 0 || (n >= 2 && marked == n))
}

/// [`looks_academic`] for a list of known length, stopping as soon as more than half of
/// the entries lack marks (a news list is then known after half of it): the answer is
/// the same, and the counts are exact whenever the answer is yes.
pub fn looks_academic_sized<'e>(
    entries: impl ExactSizeIterator<Item = &'e str>,
) -> (bool, usize, usize) {
    let n = entries.len();
    let (mut marked, mut strong, mut seen) = (0, 0, 0);
    for e in entries {
        seen += 1;
        if let Some(sure) = mark(e) {
            marked += 1;
            strong += usize::from(sure);
        } else if (seen - marked) * 2 > n {
            return (false, marked, seen);
        }
    }
    (academic_vote(marked, strong, n), marked, n)
}

/// The spans of the non-blank lines of `chunk` (starting at byte `at` of its source)
/// that `is_furniture` holds for (0-based line of `chunk`).
pub(super) fn furniture_of(chunk: &str, at: usize, is_furniture: impl Fn(usize) -> bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut offset = at;
    for (i, line) in chunk.split_inclusive('\n').enumerate() {
        if !line.trim().is_empty() && is_furniture(i) {
            out.push(Span::new(offset, offset + line.trim_end().len()));
        }
        offset += line.len();
    }
    out
}

/// `entry` (starting at byte `at` of its source) with the page furniture inside it
/// blanked: the same length, so every offset into it stays right.
pub(super) fn without_furniture<'e>(entry: &'e str, at: usize, furniture: &[Span]) -> Cow<'e, str> {
    let end = at + entry.len();
    let inside = furniture.iter().filter(|f| f.start >= at && f.end <= end);
    if inside.clone().next().is_none() {
        return Cow::Borrowed(entry);
    }
    let mut bytes = entry.as_bytes().to_vec();
    for f in inside {
        bytes[f.start - at..f.end - at].fill(b' ');
    }
    // Whole lines became spaces: the rest is the entry's own UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| entry.to_string()))
}

/// Reads every entry of `section` with the shipped model; keys are assigned as for news
/// lists.
pub fn read_section(source: &Source, section: &ReferenceSection) -> Vec<Reference> {
    section_records(source, section).collect()
}

/// The records of [`read_section`], each made when it is asked for: a long list is
/// never held as records.
pub fn section_records<'a>(source: &'a Source, section: &'a ReferenceSection) -> SectionRecords<'a> {
    SectionRecords {
        source,
        entries: section.entries.iter().enumerate(),
        furniture: &section.furniture,
        keys: KeyStream::with_capacity(section.entries.len()),
    }
}

/// The records of a section read by the academic model ([`section_records`]).
#[derive(Debug)]
pub struct SectionRecords<'a> {
    source: &'a Source,
    entries: std::iter::Enumerate<std::slice::Iter<'a, LineGroup>>,
    furniture: &'a [Span],
    keys: KeyStream,
}

impl Iterator for SectionRecords<'_> {
    type Item = Reference;

    fn next(&mut self) -> Option<Reference> {
        let (i, g) = self.entries.next()?;
        let mut r = entry_record(self.source, i, g, self.furniture);
        self.keys.assign(&mut r);
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl ExactSizeIterator for SectionRecords<'_> {}

/// The record of entry `i` (`g`) of a list read by the academic model, its key not set.
fn entry_record(source: &Source, i: usize, g: &LineGroup, furniture: &[Span]) -> Reference {
    let entry = without_furniture(source.slice(g.span), g.span.start, furniture);
    let entry = entry.as_ref();
    let segs = segments(shipped(), entry);
    let place = resolve::Place {
        index: i + 1,
        line: g.first_line,
        offset: g.span.start,
    };
    resolve::resolve(entry, &segs, place)
}

/// The records of `entries[range]` in order, keys not set, each handed to `each`: the
/// records [`section_records`] makes of them, for a list made a chunk at a time on
/// several threads (each entry is read on its own, so any chunk can be made first).
pub fn chunk_records(
    source: &Source,
    section: &ReferenceSection,
    range: std::ops::Range<usize>,
    mut each: impl FnMut(Reference),
) {
    for i in range {
        if let Some(g) = section.entries.get(i) {
            each(entry_record(source, i, g, &section.furniture));
        }
    }
}

/// The entries of a pasted list (`parse --list`) that the academic model reads, told
/// apart as [`list::entries`] tells them (numbers, blank lines, a hanging indent, double
/// spacing), from its first entry to its end, and the page furniture among them (page
/// numbers and running heads of a list copied from a PDF, [`finder::furniture`]): the
/// news grouping of a pasted list ends an entry at every blank line and at a line as far
/// left as its first.
pub fn list_entries(source: &Source, section: &ReferenceSection) -> (Vec<LineGroup>, Vec<Span>) {
    let Some(first) = section.entries.first() else {
        return (Vec::new(), Vec::new());
    };
    let text = source.text();
    // From the start of the first entry's line: its indent counts as the others' do.
    let start = text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
    let chunk = &text[start..section.span.end.min(text.len())];
    let lines: Vec<&str> = chunk.lines().collect();
    let flags = finder::furniture(&lines);
    split_chunk(source, start, chunk, |i| flags.get(i).copied().unwrap_or(false))
}

/// The entries of the list `chunk` (from byte `start` of `source`) as the source's line
/// groups, told apart around its page furniture (`is_furniture`, by 0-based line of
/// `chunk`), and the furniture's spans.
fn split_chunk(
    source: &Source,
    start: usize,
    chunk: &str,
    is_furniture: impl Fn(usize) -> bool + Copy,
) -> (Vec<LineGroup>, Vec<Span>) {
    let furniture = furniture_of(chunk, start, is_furniture);
    let entries = line_groups(source, start, list::entries_between(chunk, is_furniture));
    (entries, furniture)
}

/// How `found_by` counts the page furniture left out of a list.
pub(crate) fn furniture_said(furniture: &[Span]) -> String {
    match furniture.len() {
        0 => String::new(),
        1 => ", 1 line of page furniture left out".to_string(),
        k => format!(", {k} lines of page furniture left out"),
    }
}

/// `entries` of the text from byte `start` of `source` as the source's line groups.
fn line_groups(source: &Source, start: usize, entries: Vec<list::Entry>) -> Vec<LineGroup> {
    let text = source.text();
    entries
        .into_iter()
        .map(|e| {
            let span = Span::new(start + e.span.start, start + e.span.end);
            LineGroup {
                span,
                first_line: source.line_number(span.start),
                line_count: text[span.range()].lines().count(),
            }
        })
        .collect()
}

/// Finds an academic reference list in a document (read when the news splitter found
/// none, or one of far fewer lines): from a reference heading to the next part heading
/// ([`finder`]), its entries told apart as in a pasted list, page furniture left out.
pub fn find_section(source: &Source) -> Option<ReferenceSection> {
    let text = source.text();
    let flags = finder::reference_lines(text);
    let mut first = None;
    let mut last = None;
    let mut offset = 0;
    let mut heading = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if finder::is_reference_heading(line) && first.is_none() {
            heading = Some(Span::new(start, start + line.trim_end().len()));
        }
        if flags.get(i).copied().unwrap_or(false) {
            first.get_or_insert((start, i));
            last = Some(start + line.trim_end().len());
        }
    }
    let ((start, first_line), end) = (first?, last?);
    let chunk = &text[start..end];
    // Lines of the list the finder left out are page furniture (page numbers, running
    // heads): they belong to no entry.
    let is_furniture = |i: usize| !flags.get(first_line + i).copied().unwrap_or(true);
    let (entries, furniture) = split_chunk(source, start, chunk, is_furniture);
    let (_, marked, n) = looks_academic(entries.iter().map(|g| source.slice(g.span)));
    (!entries.is_empty()).then(|| ReferenceSection {
        span: Span::new(heading.map_or(start, |h| h.start), end),
        heading,
        found_by: format!(
            "lines {}–{}: {} under the heading `{}`, {marked} of them with marks of \
             academic styles{}; read by the academic model",
            source.line_number(start),
            source.line_number(end.saturating_sub(1).max(start)),
            crate::article::entries(n),
            heading.map_or("", |h| source.slice(h).trim()),
            furniture_said(&furniture),
        ),
        entries,
        furniture,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`mark`] as it was first written, piece by piece: the reference the one-pass
    /// version is tested against.
    ///
    /// How strongly an entry is marked: `Some(true)` for a sure mark (`pp.`, `(2019)`, …),
    /// `Some(false)` for only a bare year with no quoted title.
    fn mark_by_parts(entry: &str) -> Option<bool> {
        if strong_mark_by_parts(entry) {
            return Some(true);
        }
        let b = entry.as_bytes();
        let quoted = entry.contains(['"', '“', '”']);
        let bare_year = |i: usize| {
            is_digit_run(b, i, 4) && matches!(b[i], b'1' | b'2') && !dated(&entry[..i])
        };
        (!quoted && (0..b.len()).any(bare_year)).then_some(false)
    }

    fn strong_mark_by_parts(entry: &str) -> bool {
        if WORDS.iter().any(|w| entry.contains(w)) {
            return true;
        }
        let b = entry.as_bytes();
        for i in 0..b.len() {
            // `(2019)`, `2019.` after a name, `12(3)`, `112–119` / `112-119`.
            if is_digit_run(b, i, 4) {
                let before = i.checked_sub(1).map(|j| b[j]);
                let after = b.get(i + 4).copied();
                if before == Some(b'(') && matches!(after, Some(b')') | Some(b',') | Some(b'a'..=b'z'))
                {
                    return true;
                }
                if after == Some(b'.') && before == Some(b' ') && i + 15 < b.len() {
                    return true;
                }
            }
            if b[i] == b'('
                && i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                return true;
            }
        }
        // A page range: two runs of up to five digits joined by a dash (checked without
        // allocating: this runs on every entry of every list).
        let pages = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|c| c.is_ascii_digit());
        entry.split_whitespace().any(|w| {
            if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                return false;
            }
            let mut parts = w.trim_end_matches(['.', ',', ';']).split(['–', '-']);
            match (parts.next(), parts.next(), parts.next()) {
                (Some(a), Some(b), None) => pages(a) && pages(b),
                _ => false,
            }
        })
    }

    #[test]
    fn one_pass_marks_agree_with_the_marks_by_parts() {
        let mut entries: Vec<String> = [
            "Keller, M. (2019). Soil. Ecology, 56(4), 812–825.",
            "[3] T. Nakamura, “Fast,” in Proc. ICDE, 2018, pp. 1–9.",
            "Whitfield, Laura. Rivers. Chicago: Chicago Press, 2014.",
            "Reuters, \"Drone attack on Erbil,\" 11/10/23",
            "Smith, J. A book about things. Penguin, 2019.",
            "Doe (2019a) and 12-14, 1999-2000 pages 3–4; 123456-7",
            "(1999) 2000. 12(3) 12( 3) x(2019 2019) 20190 (Ed.) et al. DOI ISBN In: x",
            "Title 2019.",
            "Born 1890, 12–\u{a0}13, 45–67.",
            "Reuters, Drone attack, November 10, 2023 and 10 Nov. 2023, May 2023, vol. 12, 2019",
        ]
        .map(String::from)
        .to_vec();
        for doc in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(text) = std::fs::read_to_string(doc.path()) {
                let short = text.lines().filter(|l| l.len() <= 300);
                entries.extend(short.map(String::from));
            }
        }
        // Every cut of the entries too, so that marks meet both ends of the text.
        let mut tried = 0;
        for e in &entries {
            for (at, _) in e.char_indices() {
                for part in [&e[at..], &e[..at]] {
                    assert_eq!(mark(part), mark_by_parts(part), "{part:?}");
                    tried += 1;
                }
            }
        }
        assert!(tried > 10_000);
    }

    #[test]
    fn academic_and_news_entries() {
        assert!(has_academic_marks(
            "Keller, M. (2019). Soil. Ecology, 56(4), 812–825."
        ));
        assert!(has_academic_marks(
            "[3] T. Nakamura, “Fast,” in Proc. ICDE, 2018, pp. 1–9."
        ));
        assert!(has_academic_marks(
            "Whitfield, Laura. Rivers. Chicago: Chicago Press, 2014."
        ));
        assert!(!has_academic_marks(
            "Reuters, \"Drone attack on Erbil,\" 11/10/23"
        ));
        assert!(!has_academic_marks(
            "Knights, Michael, \"Iraq's militias,\" Washington Institute, 11/21/23"
        ));
        assert!(!has_academic_marks(
            "- \"Explosive device near Mosul,\" November 9, 2023."
        ));
        assert!(!has_academic_marks(
            "American Journal of Sociology, \"Are Neighborhood Effects Explained?\" October 2023"
        ));
        let (yes, marked, n) = looks_academic(["Reuters, \"A,\" 11/9/23", "- \"B,\" 11/10/23"]);
        assert_eq!((yes, marked, n), (false, 0, 2));
    }

    #[test]
    fn a_list_of_books_is_academic_and_a_list_dated_in_full_is_not() {
        let books = [
            "Barthes, Roland 1988 [1985]. The Semiotic Challenge. New York: Hill & Wang.",
            "Gell, Alfred, The Anthropology of Time, Berg, 1992",
        ];
        assert_eq!(looks_academic(books), (true, 2, 2));
        assert_eq!(looks_academic_sized(books.into_iter()), (true, 2, 2));
        // One such entry alone, or beside news entries: the news grammar's.
        assert!(!looks_academic([books[1]]).0);
        assert!(!looks_academic([books[1], "Reuters, \"A,\" 11/9/23"]).0);
        // News entries without quotes write the day or month before the year.
        let news = [
            "Reuters, Drone attack on Erbil, November 10, 2023",
            "Associated Press, Ship struck in Red Sea, 12 Jan. 2024",
            "Al-Monitor, Talks resume, Sept 2023",
        ];
        for e in news {
            assert!(!has_academic_marks(e), "{e}");
        }
        assert_eq!(looks_academic(news), (false, 0, 3));
        assert!(dated("November 10, ") && dated("May 3rd, ") && dated("(May ") && dated("10 Nov. "));
        assert!(!dated("Berg, ") && !dated("vol. 12, ") && !dated("") && !dated("12 "));
    }

    #[test]
    fn the_quick_vote_agrees_with_the_full_one() {
        let news = "Reuters, \"A drone attack,\" 11/9/23";
        let paper = "Smith, J. (2019). A study. Journal of Things, 12(3), 112–119.";
        let year_only = "Smith, J. A book about things. Penguin, 2019.";
        let lists: [&[&str]; 6] = [
            &[],
            &[news, news, news],
            &[paper, paper, news],
            &[paper, news, news, paper],
            &[year_only, year_only, news],
            &[news, paper, paper, paper, news],
        ];
        for list in lists {
            let full = looks_academic(list.iter().copied());
            let quick = looks_academic_sized(list.iter().copied());
            assert_eq!(quick.0, full.0, "{list:?}");
            if full.0 {
                assert_eq!(quick, full, "{list:?}");
            }
        }
    }
}
