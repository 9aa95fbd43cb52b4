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
pub(crate) mod kind;
pub mod label;
pub mod links;
mod locator;
pub mod list;
pub mod model;
pub mod names;
pub mod resolve;
mod roles;
pub mod route;
mod rules;
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
    rules::apply(toks, &mut labels);
    labels
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
}
