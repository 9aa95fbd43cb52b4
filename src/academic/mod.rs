//! Academic reference strings (APA, Chicago, MLA, IEEE, Vancouver, Harvard, …): a
//! sequence tagger over words labels each word of an entry with its field, and the
//! resolve step turns the labelled segments into a [`Reference`] record.
//!
//! The tagger is an averaged structured perceptron (a linear-chain model like a CRF,
//! trained by [`train::train`]) over hand-made features ([`features`]); the shipped
//! model `data/academic-model.bin` is trained on AnyStyle's tagged references
//! (BSD-2-Clause; see `data/academic-model.md`).

pub mod crf;
pub mod dataset;
pub mod dates;
pub mod dict;
pub mod features;
pub mod fhash;
pub mod fields;
pub mod finder;
pub mod label;
pub mod links;
pub mod list;
pub mod model;
pub mod names;
pub mod resolve;
pub mod route;
pub mod stack;
mod table;
pub mod tokens;
pub mod train;
pub mod viterbi;

pub use label::Label;
pub use model::Model;

use crate::refs::Reference;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

/// A run of words of one label.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment<'s> {
    /// The label.
    pub label: Label,
    /// The text, from the first word's start to the last word's end.
    pub text: &'s str,
    /// Its bytes in the string.
    pub span: Range<usize>,
}

/// Words labelled together. A longer string is labelled a window of this many words at a
/// time, so that the memory labelling takes (about 3 KB a word) stays bounded whatever
/// the input (a pasted file on one line). No reference comes near it: the longest of
/// the 10,087 tagged strings has 96 words.
pub const WINDOW: usize = 512;

/// Labels every word of `text` with `model`, and joins neighbouring words of the same
/// label into segments.
pub fn segments<'s>(model: &Model, text: &'s str) -> Vec<Segment<'s>> {
    let toks = tokens::tokenize(text);
    let labels = WORDS.with(|kept| match kept.try_borrow_mut() {
        Ok(mut kept) => {
            let (table, feats) = &mut *kept;
            label(model, &toks, table, feats)
        }
        Err(_) => label(
            model,
            &toks,
            &mut features::WordTable::default(),
            &mut features::Features::default(),
        ),
    });
    join(text, &toks, labels)
}

thread_local! {
    /// The words met so far in the strings this thread labelled, and their own weights
    /// in the model last used: kept from string to string (most words of a list repeat);
    /// and the buffers of a string's features, kept so as not to grow them anew.
    static WORDS: RefCell<(features::WordTable, features::Features)> =
        RefCell::new((features::WordTable::default(), features::Features::default()));
}

fn label(
    model: &Model,
    toks: &[tokens::Token<'_>],
    table: &mut features::WordTable,
    f: &mut features::Features,
) -> Vec<Label> {
    let mut labels = Vec::with_capacity(toks.len());
    for window in toks.chunks(WINDOW) {
        labels.extend(model.label(window, table, f));
    }
    container_after_editors(&mut labels);
    editors_first(toks, &mut labels);
    labels
}

/// Where the run of labels like `labels[a]` that starts at `a` ends.
fn run_end(labels: &[Label], a: usize) -> usize {
    labels[a..]
        .iter()
        .position(|l| *l != labels[a])
        .map_or(labels.len(), |k| a + k)
}

/// Whether `word` says that the names before it are editors (`(Eds.)`, `editors`,
/// `Hrsg.`, `(dir.)`, `éds.`). A bare `Ed` is a given name (`Smith, Ed`): the short
/// marks count with a full stop or in brackets.
fn editor_marker(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let any = |marks: &[&str]| marks.iter().any(|m| w.eq_ignore_ascii_case(m));
    any(&["editor", "editors", "hrsg"])
        || (word.contains(['.', '(', ')'])
            && any(&["ed", "eds", "hg", "hgg", "dir", "dirs", "éd", "éds", "Éd", "Éds"]))
}

/// The names a string starts with are editors when an editor's mark ends them or comes
/// right after them (`Snyder, C. R. (Ed.). (1999).`, `Demarais, S., and P. R. Krausman,
/// editors. 2000.`): the tagger, reading a word's neighbours, often took them for
/// authors, as names at the start most often are. In 5-fold CV this took F1 from 0.9112
/// to 0.9114 and exact records from 0.592 to 0.594; editor F1 0.808 to 0.816. Of the
/// held-out records it changed, 29 had their authors and editors made right and 8 wrong,
/// all 8 in `ugly.xml`, whose gold (like `bad.xml`'s) tags such names (`(dir.)`, `eds.`)
/// `author` where `core.xml` tags them `editor`.
fn editors_first(toks: &[tokens::Token<'_>], labels: &mut [Label]) {
    let Some(a) = labels.iter().position(|l| *l != Label::CitationNumber) else {
        return;
    };
    if labels[a] != Label::Author {
        return;
    }
    let end = run_end(labels, a);
    // The run's last two words, or the word after it.
    let near = end.saturating_sub(2).max(a)..(end + 1).min(labels.len());
    if let Some(m) = near.into_iter().find(|&k| toks.get(k).is_some_and(|t| editor_marker(t.text))) {
        for l in &mut labels[a..=m.max(end - 1)] {
            *l = Label::Editor;
        }
    }
}

/// A title that goes on after the editors that follow it (`Title. In J. Smith (Ed.),
/// Book`, `“Title.” M. Smith and R. Duncan (eds.). Book`) is the title of the work that
/// holds it: those words become the container's. The tagger reads a word's neighbours,
/// not which fields came before, so it can label both titles alike (a title of one word
/// before the editors is taken for a stray label, and left). In 5-fold CV this took F1
/// from 0.9102 to 0.9112 and exact records from 0.591 to 0.592, no file losing
/// (`docs/academic-history.md`).
fn container_after_editors(labels: &mut [Label]) {
    let Some(a) = labels.iter().position(|l| *l == Label::Title) else {
        return;
    };
    let end = run_end(labels, a);
    let Some(b) = labels[end..]
        .iter()
        .position(|l| *l == Label::Title)
        .map(|k| end + k)
    else {
        return;
    };
    if end - a < 2 || !labels[end..b].contains(&Label::Editor) {
        return;
    }
    for l in labels[b..].iter_mut().take_while(|l| **l == Label::Title) {
        *l = Label::ContainerTitle;
    }
}

/// Joins neighbouring tokens of `text` (from [`tokens::tokenize`]) that have the same
/// label into segments.
pub fn join<'s>(text: &'s str, toks: &[tokens::Token<'s>], labels: Vec<Label>) -> Vec<Segment<'s>> {
    let mut out: Vec<Segment<'s>> = Vec::new();
    for (t, l) in toks.iter().zip(labels) {
        match out.last_mut() {
            Some(s) if s.label == l => {
                s.span.end = t.span.end;
                s.text = &text[s.span.clone()];
            }
            _ => out.push(Segment {
                label: l,
                text: t.text,
                span: t.span.clone(),
            }),
        }
    }
    out
}

static SHIPPED: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../data/academic-model.bin")).unwrap_or_default()
});

/// The model shipped with reftrace (`data/academic-model.bin`).
pub fn shipped() -> &'static Model {
    &SHIPPED
}

/// Reads a pasted reference list of academic entries with the shipped model: one entry
/// per line, or wrapped entries told apart by blank lines, numbers or a hanging indent
/// (see [`list::entries`]). Every entry becomes a record.
pub fn parse_list(text: &str) -> Vec<Reference> {
    parse_list_with(shipped(), text)
}

/// [`parse_list`] with a given model.
pub fn parse_list_with(model: &Model, text: &str) -> Vec<Reference> {
    list::entries(text)
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let entry = &text[e.span.clone()];
            let segs = segments(model, entry);
            let place = resolve::Place {
                index: i + 1,
                line: e.line,
                offset: e.span.start,
            };
            resolve::resolve(entry, &segs, place)
        })
        .collect()
}

/// Finds the reference lists of a long document ([`finder::reference_lines`]) and reads
/// them with the shipped model; entries are told apart as in [`parse_list`]. Empty when
/// the document has no reference heading.
pub fn parse_document(text: &str) -> Vec<Reference> {
    let flags = finder::reference_lines(text);
    let mut out = Vec::new();
    let mut offset = 0;
    let mut region: Option<(usize, usize, usize)> = None; // (start byte, end byte, first line)
    let flush = |region: &mut Option<(usize, usize, usize)>, out: &mut Vec<Reference>| {
        let Some((start, end, first)) = region.take() else {
            return;
        };
        let chunk = &text[start..end];
        // Lines of the region the finder left out are page furniture.
        let is_furniture = |k: usize| !flags.get(first - 1 + k).copied().unwrap_or(true);
        let furniture = route::furniture_of(chunk, start, is_furniture);
        for e in list::entries_between(chunk, is_furniture) {
            let entry = route::without_furniture(&chunk[e.span.clone()], start + e.span.start, &furniture);
            let entry = entry.as_ref();
            let segs = segments(shipped(), entry);
            let place = resolve::Place {
                index: out.len() + 1,
                line: first + e.line - 1,
                offset: start + e.span.start,
            };
            out.push(resolve::resolve(entry, &segs, place));
        }
    };
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let is_ref = flags.get(i).copied().unwrap_or(false);
        let blank = line.trim().is_empty();
        match (&mut region, is_ref) {
            (Some(r), true) => r.1 = offset,
            (None, true) => region = Some((start, offset, i + 1)),
            // Blank lines and page furniture inside a list keep it open.
            (Some(r), false) if blank => r.1 = offset,
            (Some(_), false) => {
                if !flags
                    .get(i + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .take(12)
                    .any(|f| *f)
                {
                    flush(&mut region, &mut out);
                }
            }
            (None, false) => {}
        }
    }
    flush(&mut region, &mut out);
    out
}

/// Reads `text` as a reference list with one entry per non-blank line, labelling with
/// `model`. Every entry becomes a record; `line` is the entry's 1-based line.
pub fn parse_lines_with(model: &Model, text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let entry = line.trim_end_matches(['\n', '\r']);
        if entry.trim().is_empty() {
            continue;
        }
        let segs = segments(model, entry);
        let place = resolve::Place {
            index: out.len() + 1,
            line: i + 1,
            offset: start,
        };
        out.push(resolve::resolve(entry, &segs, place));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_longer_than_a_window_is_labelled_whole() {
        let one = "Smith, J. (2019). Deep learning for citation parsing. Journal of Things, 12(3), 45-67. ";
        let text = one.repeat(100);
        let toks = tokens::tokenize(&text);
        assert!(toks.len() > 2 * WINDOW);
        let segs = segments(shipped(), &text);
        // Every word is in a segment, in order, and the segments end where the text does.
        let words: usize = segs.iter().map(|s| tokens::tokenize(s.text).len()).sum();
        assert_eq!(words, toks.len());
        assert!(segs.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        assert_eq!(segs.last().map(|s| s.span.end), Some(text.trim_end().len()));
        // The first window starts as the reference alone does.
        let alone = segments(shipped(), one.trim());
        assert_eq!(segs[0].label, alone[0].label);
        assert_eq!(segs[0].text, alone[0].text);
    }

    #[test]
    fn names_an_editor_s_mark_ends_are_editors() {
        use Label::{Author as A, Date as D, Editor as E, Title as T};
        let text = "Snyder, C. R. (Ed.). (1999). Coping.";
        let toks = tokens::tokenize(text);
        assert_eq!(toks.len(), 6);
        let mut labels = [A, A, A, A, D, T];
        editors_first(&toks, &mut labels);
        assert_eq!(labels, [E, E, E, E, D, T]);
        // The mark right after the names, labelled otherwise, goes with them.
        let toks = tokens::tokenize("Krausman, P. R., editors. 2000. Ecology.");
        let mut labels = [A, A, A, T, D, T];
        editors_first(&toks, &mut labels);
        assert_eq!(labels, [E, E, E, E, D, T]);
        // A given name `Ed` is no mark.
        let toks = tokens::tokenize("Jones, K., & Smith, Ed (1999). Title.");
        let mut labels = [A, A, A, A, A, D, T];
        let before = labels;
        editors_first(&toks, &mut labels);
        assert_eq!(labels, before);
        // Authors with no mark, or a mark further on (a chapter's editors): as labelled.
        let toks = tokens::tokenize("Smith, J. (1999). Title. In A. Ed (Ed.), Book.");
        let mut labels = [A, A, D, T, E, E, E, E, T];
        let before = labels;
        editors_first(&toks, &mut labels);
        assert_eq!(labels, before);
    }

    #[test]
    fn a_title_going_on_after_editors_is_the_container_s() {
        use Label::{Author as A, ContainerTitle as C, Date as D, Editor as E, Title as T};
        let mut labels = [A, D, T, T, T, E, E, T, T, D, T];
        container_after_editors(&mut labels);
        assert_eq!(labels, [A, D, T, T, T, E, E, C, C, D, T]);
        // No editors between the two, or a title of one word before them: as labelled.
        for mut labels in [[A, T, T, D, T, T], [E, T, E, E, T, T]] {
            let before = labels;
            container_after_editors(&mut labels);
            assert_eq!(labels, before);
        }
    }
}
