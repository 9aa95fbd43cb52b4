//! Stacking: features of a second tagger that reads a first tagger's labels around each
//! token (its own, the previous and next token's, the label of its chunk's first word,
//! the chunk's most frequent label, whether a title, container or date was labelled
//! earlier in the string). The second tagger is trained on labels that the first got
//! from models that did not train on those strings.

use super::features::{Features, closes_chunk};
use super::fhash::hash;
use super::label::Label;
use super::tokens::{Token, is_initials};

/// The label byte of a position outside the string.
const EDGE: u8 = Label::COUNT as u8;

/// Whether a word closes a chunk, as the first tagger's features decide it.
fn strong(word: &str) -> bool {
    word.chars()
        .last()
        .is_some_and(|c| closes_chunk(c, c == '.' && !is_initials(word)))
}

/// Appends to each token's features in `f` the features of the first tagger's `labels`
/// (one a token of `tokens`); does nothing when the lengths differ.
pub fn append(tokens: &[Token<'_>], labels: &[Label], f: &mut Features) {
    let n = f.len();
    if labels.len() != n || tokens.len() != n {
        return;
    }
    let lab = |i: isize| -> u8 {
        if i < 0 {
            EDGE
        } else {
            labels.get(i as usize).map_or(EDGE, |l| l.index() as u8)
        }
    };
    // Chunks and their first word and most frequent label.
    let mut chunk_start = vec![0usize; n];
    let mut majority = vec![EDGE; n];
    let mut a = 0;
    for i in 0..n {
        chunk_start[i] = a;
        if strong(tokens[i].text) || i + 1 == n {
            let mut counts = [0u16; Label::COUNT];
            for l in &labels[a..=i] {
                counts[l.index()] += 1;
            }
            let best = (0..Label::COUNT)
                .max_by_key(|k| (counts[*k], std::cmp::Reverse(*k)))
                .unwrap_or(0) as u8;
            majority[a..=i].fill(best);
            a = i + 1;
        }
    }
    let mut ids = Vec::with_capacity(f.ids.len() + n * 9);
    let mut starts = Vec::with_capacity(n + 1);
    let mut seen = 0u8;
    for i in 0..n {
        starts.push(ids.len() as u32);
        ids.extend_from_slice(f.of(i));
        let ii = i as isize;
        let (p, c, x) = (lab(ii - 1), lab(ii), lab(ii + 1));
        let first = lab(chunk_start[i] as isize);
        ids.extend([
            hash(110, &[c]),
            hash(111, &[p]),
            hash(112, &[x]),
            hash(113, &[p, c, x]),
            hash(114, &[first]),
            hash(115, &[majority[i]]),
            hash(116, &[seen]),
            hash(117, &[c, seen]),
            hash(118, &[first, majority[i], (chunk_start[i] == i) as u8]),
        ]);
        seen |= match labels[i] {
            Label::Title => 1,
            Label::Journal | Label::ContainerTitle => 2,
            Label::Date => 4,
            _ => 0,
        };
    }
    starts.push(ids.len() as u32);
    f.ids = ids;
    f.starts = starts;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::academic::dict::Dict;
    use crate::academic::features::extract;
    use crate::academic::tokens::tokenize;

    #[test]
    fn every_token_gains_the_same_number_of_label_features() {
        let toks = tokenize("Smith, J. (2001). A title. Journal, 3, 1-2.");
        let mut f = Features::default();
        extract(&toks, &Dict::default(), &mut f);
        let before: Vec<usize> = (0..f.len()).map(|i| f.of(i).len()).collect();
        let labels = vec![Label::Title; toks.len()];
        append(&toks, &labels, &mut f);
        assert_eq!(f.len(), toks.len());
        for (i, b) in before.iter().enumerate() {
            assert_eq!(f.of(i).len(), b + 9);
        }
        // Wrong lengths leave the features as they were.
        let mut g = Features::default();
        extract(&toks, &Dict::default(), &mut g);
        let ids = g.ids.clone();
        append(&toks, &labels[1..], &mut g);
        assert_eq!(g.ids, ids);
    }
}
