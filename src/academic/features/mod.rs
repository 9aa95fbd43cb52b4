//! Features of each token of a reference string, as 64-bit hashes.
//!
//! A feature is a template (what is looked at) and a value (what was seen), hashed
//! together; the model keeps a weight per label for each feature it met in training.
//! The templates read the word itself (lower-cased, stripped, shape, affixes), facts
//! about it (year, initials, digits, URL or DOI), its neighbours, its place in the
//! string, and the state of the string so far: open brackets and quotes, years and
//! full stops seen before, whether an `In` has opened a container.

pub(crate) mod dense;
mod word;

use super::dict::{Dict, GROUPS};
use super::fhash::{
    H9, H10, H11, H32, P33, H50, H53, H54, H57, P31, P34, P51, P59, P70, P71, P72, P73, STATE, hash,
    hash1_from, hash2_from, mix,
};
use super::tokens::Token;
use word::{
    NOBODY, NOBODY_ROW, Seen, CAP, CLOSE, DIGITS, EMPTY, END_STOP, HAS_DIGIT, INITIAL, Info, LOWER, OPEN, URL, YEAR,
};
pub use word::WordTable;
pub(crate) use word::Neighbour;

/// Features of every token of one string, flat.
#[derive(Debug, Default, Clone)]
pub struct Features {
    /// All feature hashes, token after token.
    pub ids: Vec<u64>,
    /// Where each token's features start in `ids`; one more entry than tokens.
    pub starts: Vec<u32>,
    /// [`PAIRS`] features a token of the boundary between it and the word before (the
    /// last character before and the first after, the kinds of the two words, the word
    /// before): the model weighs them for each pair of labels, so that a boundary can
    /// say "a new field starts here" rather than only "this word is of that field".
    pub pairs: Vec<u64>,
    /// Each token's word in the [`WordTable`] it was read with, when its own word's
    /// features are left out of `ids` (`extract_cached`); empty otherwise.
    pub words: Vec<u32>,
    /// Per token, its row of each `dense` group, when the groups' features are left
    /// out of `ids` (`extract_cached`); empty otherwise.
    pub dense: Vec<u16>,
    /// Per token, the word ([`WordTable::row`]) it reads from each [`Neighbour`], in the
    /// order of [`Neighbour::ALL`], when those features are left out of `ids`
    /// (`extract_cached`); empty otherwise.
    pub(crate) rows: Vec<u32>,
}

/// Boundary features per token.
pub const PAIRS: usize = 5;

impl Features {
    /// The features of token `i`.
    pub fn of(&self, i: usize) -> &[u64] {
        &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The boundary features of token `i`.
    pub fn pairs_of(&self, i: usize) -> &[u64] {
        self.pairs.get(i * PAIRS..(i + 1) * PAIRS).unwrap_or(&[])
    }

    /// The words token `i` reads from each [`Neighbour`] (none unless read by
    /// `extract_cached`).
    pub(crate) fn rows_of(&self, i: usize) -> &[u32] {
        self.rows
            .get(i * Neighbour::COUNT..(i + 1) * Neighbour::COUNT)
            .unwrap_or(&[])
    }

    /// The `dense` rows of token `i` (none unless read by `extract_cached`).
    pub fn dense_of(&self, i: usize) -> &[u16] {
        self.dense
            .get(i * dense::COUNT..(i + 1) * dense::COUNT)
            .unwrap_or(&[])
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The words' texts, and their [`Info`]s pointing into it.
struct Words<'a> {
    text: &'a str,
    infos: &'a [Info],
}

impl<'a> Words<'a> {
    fn get(&self, r: (u32, u32)) -> &'a str {
        self.text.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }
    fn at(&self, i: isize) -> &'a Info {
        if i < 0 {
            return &EMPTY;
        }
        self.infos.get(i as usize).unwrap_or(&EMPTY)
    }
}

fn bucket(n: usize) -> u8 {
    match n {
        0..=3 => n as u8,
        4..=6 => 4,
        7..=12 => 5,
        _ => 6,
    }
}

/// Running state of the string before a token.
#[derive(Default, Clone, Copy)]
struct State {
    paren: u8,
    quote: bool,
    years: u8,
    stops: u8,
    commas: u8,
    seen_in: bool,
    seen_colon: bool,
}

/// Whether a word closes a chunk (the stretch between two strong marks): it ends in a
/// full stop that does not end an initial (`end_stop`), or in `?`, `!`, `:` or a closing
/// quote or bracket (its `last` character).
pub(super) fn closes_chunk(last: char, end_stop: bool) -> bool {
    end_stop || matches!(last, '?' | '!' | ':' | '”' | ')' | ']' | '"' | '»')
}

/// Computes the features of every token.
pub fn extract(tokens: &[Token<'_>], dict: &Dict, out: &mut Features) {
    let mut table = WordTable::default();
    let ids: Vec<u32> = tokens.iter().map(|t| table.push(t.text, dict)).collect();
    out.words.clear();
    features_of(tokens, &table, &ids, true, out);
}

/// [`extract`] for labelling: each word's facts come from `table` (added to it when
/// new, with the sums of its features' weights by `sum`), and each token's features
/// leave out those of its word alone, those that read one other word and those of the
/// [`dense`] groups; `out.words` gives each token's word in `table`, whose
/// [`WordTable::partial`] stands for the first, `out.rows` the words whose
/// [`WordTable::row`]s stand for the second, and `out.dense` its rows of the groups,
/// which stand for the third.
pub(crate) fn extract_cached(
    tokens: &[Token<'_>],
    dict: &Dict,
    table: &mut WordTable,
    prefetch: impl Fn(u64),
    sum: impl Fn(&[u64]) -> crate::academic::model::Scores,
    out: &mut Features,
) {
    let mut ids = std::mem::take(&mut out.words);
    ids.clear();
    // Every word's slot in the table's index is asked for first, so that the lookups'
    // cache misses overlap.
    let hs: Vec<u64> = tokens.iter().map(|t| WordTable::hash_of(t.text)).collect();
    for h in &hs {
        table.prefetch(*h);
    }
    ids.extend(tokens.iter().zip(&hs).map(|(t, h)| table.intern(t.text, *h)));
    table.settle(dict, prefetch, sum);
    features_of(tokens, table, &ids, false, out);
    out.words = ids;
}

/// The features of the tokens whose words are `ids` in `table`: when `all` (training),
/// every feature, a token's own word's first; else (labelling) all but those of its
/// word alone, those of one other word (whose words go to `out.rows`) and those of the
/// [`dense`] groups (whose rows go to `out.dense`).
fn features_of(
    tokens: &[Token<'_>],
    table: &WordTable,
    ids: &[u32],
    all: bool,
    out: &mut Features,
) {
    out.ids.clear();
    out.starts.clear();
    out.pairs.clear();
    out.dense.clear();
    out.rows.clear();
    out.ids.reserve(if all { tokens.len() * 80 } else { tokens.len() * 8 });
    out.pairs.reserve(tokens.len() * PAIRS);
    out.starts.reserve(tokens.len() + 1);
    let arena = &table.text;
    let infos: Vec<Info> = ids
        .iter()
        .map(|&i| table.infos.get(i as usize).copied().unwrap_or(EMPTY))
        .collect();
    let words = Words {
        text: arena,
        infos: &infos,
    };
    let n = infos.len();
    let levels: Vec<u16> = ids
        .iter()
        .map(|&i| table.levels.get(i as usize).copied().unwrap_or(0))
        .collect();
    let mut st = State::default();
    // Chunks: runs of words up to a strong boundary (a full stop that does not end an
    // initial, `?`, `!`, `:`, a closing quote or bracket), and sub-chunks up to a comma.
    let strong = |w: &Info| closes_chunk(w.last, w.flags & END_STOP != 0);
    let mut chunk_of = vec![0u16; n];
    let mut starts_of = vec![0usize];
    let mut sub_start = vec![0usize; n];
    let mut years_after = vec![0u8; n];
    let mut c = 0u16;
    let mut ss = 0;
    for i in 0..n {
        chunk_of[i] = c;
        sub_start[i] = ss;
        if strong(&infos[i]) && i + 1 < n {
            c += 1;
            starts_of.push(i + 1);
            ss = i + 1;
        } else if infos[i].last == ',' || infos[i].last == ';' {
            ss = i + 1;
        }
    }
    starts_of.push(n);
    let mut y = 0u8;
    for i in (0..n).rev() {
        years_after[i] = y;
        if infos[i].flags & YEAR != 0 {
            y = y.saturating_add(1);
        }
    }
    let chunks = starts_of.len() - 1;
    let chunk_facts: Vec<(usize, usize, u8)> = (0..chunks)
        .map(|k| {
            let (a, b) = (starts_of[k], starts_of[k + 1]);
            let mut fl = 0u8;
            for w in &infos[a..b] {
                if w.flags & HAS_DIGIT != 0 {
                    fl |= 1;
                }
                if w.flags & YEAR != 0 {
                    fl |= 2;
                }
                if w.flags & URL != 0 {
                    fl |= 4;
                }
            }
            (a, b, fl)
        })
        .collect();
    let seen: Vec<&Seen> = ids
        .iter()
        .map(|&i| table.seen.get(i as usize).unwrap_or(&NOBODY))
        .collect();
    let seen_at = |j: isize| -> &Seen {
        usize::try_from(j)
            .ok()
            .and_then(|j| seen.get(j).copied())
            .unwrap_or(&NOBODY)
    };
    // The first word of chunk `k`, if there is one.
    let first_of = |k: usize| chunk_facts.get(k).map(|&(a, _, _)| seen_at(a as isize));
    let caret = hash(56, b"^");
    for i in 0..n {
        out.starts.push(out.ids.len() as u32);
        let w = &infos[i];
        let ii = i as isize;
        let at = |d: isize| -> &Info { words.at(ii + d) };
        let core_w = words.get(w.core);
        let (sp, sw) = (seen_at(ii - 1), seen_at(ii));
        {
            let p = at(-1);
            const BEFORE: u32 = YEAR | INITIAL | DIGITS | CLOSE | END_STOP | URL;
            const AFTER: u32 = CAP | LOWER | DIGITS | OPEN | YEAR | INITIAL;
            let mut kinds = [0u8; 8];
            kinds[..4].copy_from_slice(&(p.flags & BEFORE).to_le_bytes());
            kinds[4..].copy_from_slice(&(w.flags & AFTER).to_le_bytes());
            out.pairs.extend([
                mix(sp.l90, sw.f90),
                hash(91, &kinds),
                sp.w92,
                mix(sp.w93, sw.w93),
                mix(sp.l94, sw.w94),
            ]);
        }
        let f = &mut out.ids;
        if all {
            table.own_features(ids[i] as usize, f);
        }
        let rel = (i * 10 / n.max(1)) as u8;
        let place = [rel, i.min(6) as u8, (n - 1 - i).min(6) as u8];
        if all {
            f.push(hash1_from(&H9, 9, place[0]));
            f.push(hash1_from(&H10, 10, place[1]));
            f.push(hash1_from(&H11, 11, place[2]));
        } else {
            let [a, b, c] = place;
            out.dense.push(dense::row(0, &[a, b, c, st.stops.min(5)]));
        }
        let sn = seen_at(ii + 1);
        if all {
            f.extend([
                seen_at(ii - 2).c12,
                sp.c13,
                sn.c14,
                seen_at(ii + 2).c15,
                sp.s16,
                sp.g36,
                sn.s17,
                sn.g37,
                sp.l18,
                sn.f19,
            ]);
        } else {
            f.extend([seen_at(ii - 2).c12, seen_at(ii + 2).c15]);
            let word = |j: Option<usize>| j.and_then(|j| ids.get(j)).map_or(NOBODY_ROW, |w| *w);
            out.rows.extend([word(i.checked_sub(1)), word(Some(i + 1))]);
        }
        f.extend([
            mix(sp.c20, sw.c20),
            mix(sw.c21, sn.c21),
            mix(sp.s22, sw.s22),
            mix(sw.s23, sn.s23),
        ]);
        let state = [
            st.paren.min(2),
            st.quote as u8,
            st.years.min(2),
            st.stops.min(5),
            st.commas.min(8),
            st.seen_in as u8,
            st.seen_colon as u8,
        ];
        if all {
            for (k, (v, table)) in state.iter().zip(&STATE).enumerate() {
                f.push(hash1_from(table, 24 + k as u8, *v));
            }
            f.push(hash2_from(&P31, 31, st.years.min(2), st.stops.min(5)));
        } else {
            out.dense.push(dense::row(1, &state[..4]));
            out.dense.push(dense::row(2, &state[4..]));
        }
        f.push(mix(hash1_from(&H32, 32, st.stops.min(5)), sw.s32));
        f.push(mix(
            hash2_from(&P33, 33, st.years.min(2), st.quote as u8),
            sw.s33,
        ));
        let k = chunk_of[i] as usize;
        let (ca, cb, cf) = chunk_facts[k];
        let after = (chunks - 1 - k).min(4) as u8;
        let (before_in, after_in) = ((i - ca).min(3) as u8, (cb - 1 - i).min(3) as u8);
        let years = years_after[i].min(2);
        let next = (chunk_facts.get(k + 1).map_or(9, |c| c.2), bucket(chunks - 1 - k));
        if all {
            f.push(hash2_from(&P34, 34, rel, st.stops.min(5)));
            f.push(hash1_from(&H50, 50, after));
            f.push(hash2_from(&P51, 51, before_in, after_in));
        } else {
            out.dense.push(dense::row(3, &[after, bucket(cb - ca), cf]));
            out.dense.push(dense::row(4, &[before_in, after_in, years]));
            out.dense.push(dense::row(5, &[next.0, next.1]));
        }
        f.push(first_of(k).map_or(NOBODY.c52, |s| s.c52));
        if all {
            f.push(hash1_from(&H53, 53, bucket(cb - ca)));
            f.push(hash1_from(&H54, 54, cf));
        }
        f.push(first_of(k + 1).map_or(NOBODY.c55, |s| s.c55));
        f.push(match k.checked_sub(1) {
            Some(k) => first_of(k).map_or(NOBODY.c56, |s| s.c56),
            None => caret,
        });
        if all {
            f.push(hash1_from(&H57, 57, years));
        }
        f.push(seen_at(sub_start[i] as isize).c58);
        if !all {
            // The dictionary levels' features are in the words' own sums and rows.
            continue_state(&mut st, tokens[i].text, w, core_w);
            continue;
        }
        f.push(hash2_from(&P59, 59, next.0, next.1));
        let near = |j: usize| levels.get(j).copied().unwrap_or(0);
        let any = levels[i] | near(i.wrapping_sub(1)) | near(i + 1);
        for g in (0..GROUPS).filter(|g| (any >> (2 * g)) & 3 != 0) {
            let lv = (levels[i] >> (2 * g)) & 3;
            if lv > 0 {
                f.push(hash2_from(&P70, 70, g as u8, lv as u8));
            }
            for (t, table, d) in [(71u8, &P71, -1isize), (72, &P72, 1)] {
                let j = i as isize + d;
                if j >= 0 && (j as usize) < n {
                    let lv = (levels[j as usize] >> (2 * g)) & 3;
                    if lv >= 2 {
                        f.push(hash2_from(table, t, g as u8, lv as u8));
                    }
                }
            }
        }
        if levels[i] == 0 {
            f.push(hash2_from(
                &P73,
                73,
                (w.flags & CAP != 0) as u8,
                core_w.chars().nth(1).is_none() as u8,
            ));
        }
        continue_state(&mut st, tokens[i].text, w, core_w);
    }
    out.starts.push(out.ids.len() as u32);
}

/// Updates the running state with a token (`text`, of facts `w` and core `core_w`).
fn continue_state(st: &mut State, text: &str, w: &Info, core_w: &str) {
    for c in text.chars() {
        match c {
            '(' | '[' => st.paren = st.paren.saturating_add(1),
            ')' | ']' => st.paren = st.paren.saturating_sub(1),
            '“' | '«' | '„' => st.quote = true,
            '”' | '»' => st.quote = false,
            '"' => st.quote = !st.quote,
            _ => {}
        }
    }
    if w.flags & YEAR != 0 {
        st.years = st.years.saturating_add(1);
    }
    if w.flags & END_STOP != 0 || w.last == '?' || w.last == '!' {
        st.stops = st.stops.saturating_add(1);
    }
    if w.last == ',' {
        st.commas = st.commas.saturating_add(1);
    }
    if core_w == "in" && (w.flags & CAP != 0 || w.last == ':') {
        st.seen_in = true;
    }
    if w.last == ':' {
        st.seen_colon = true;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn every_token_has_features_and_the_same_input_gives_the_same_hashes() {
        let t = tokenize("Smith, J. (2001). A title. Journal, 12(3), 4–5.");
        let mut a = Features::default();
        let d = Dict::default();
        extract(&t, &d, &mut a);
        assert_eq!(a.len(), t.len());
        assert!((0..a.len()).all(|i| a.of(i).len() > 30));
        let mut b = Features::default();
        extract(&t, &d, &mut b);
        assert_eq!(a.ids, b.ids);
        assert_ne!(a.of(0), a.of(1));
    }

    /// The features of two words are hashes of the words' forms, mixed: the model's keys
    /// were made so, and must not change. Token 2 (`(2001).`) of this string, written out.
    #[test]
    fn neighbour_features_hash_the_words_forms() {
        use super::super::fhash::hash2;
        let t = tokenize("Smith, J. (2001). A title. Journal, 12(3), 4–5.");
        let mut f = Features::default();
        extract(&t, &Dict::default(), &mut f);
        let have = f.of(2);
        let want = [
            hash(12, b"smith"),
            hash(13, b"j"),
            hash(14, b"a"),
            hash(15, b"title"),
            hash(16, b"A."),
            hash(17, b"A"),
            hash(18, b"."),
            hash(19, b"A"),
            hash2(20, b"j", b"2001"),
            hash2(21, b"2001", b"a"),
            hash2(22, b"A.", b"(0)."),
            hash2(23, b"(0).", b"A"),
            hash2(32, &[0], b"(0)."),
            hash2(33, &[0, 0], b"(0)."),
            hash(52, b"smith"),
            hash(55, b"a"),
            hash(56, b"^"),
            hash(58, b"j"),
        ];
        for (k, h) in want.iter().enumerate() {
            assert!(have.contains(h), "feature {k} of token 2");
        }
        // The boundary before it: `J.` then `(2001).`.
        assert_eq!(f.pairs_of(2)[2], hash(92, b"j"));
        assert_eq!(f.pairs_of(2)[3], hash2(93, b"j", b"(0)."));
        assert_eq!(f.pairs_of(2)[4], hash2(94, b".", b"(0)."));
        assert_eq!(f.pairs_of(2)[0], hash2(90, b".", b"("));
    }

    /// Labelling with a table of words gives each token the features [`extract`] gives
    /// it, less its own word's (which the table sums), and the same labels.
    #[test]
    fn words_from_the_table_give_the_features_and_labels_of_extract() {
        let model = crate::academic::shipped();
        let mut table = WordTable::default();
        let mut cached = Features::default();
        let mut full = Features::default();
        for text in [
            "Smith, J. (2001). A title. Journal of Things, 12(3), 4–5.",
            "Smith, J., & Jones, K. (2003). Another title. In A. Editor (Ed.), The book (pp. 1–9). Place: Press.",
            "[3] J. Smith, \"A title,\" in Proc. of Things, 2001, pp. 4–5.",
            // New words met twice in one string: the second reads what the first settled.
            "Quillfeather, Q. (1999). Quillfeather on Quillfeather. Quillfeather Press.",
        ] {
            let t = tokenize(text);
            let labels = model.label(&t, &mut table, &mut cached);
            extract(&t, model.dict(), &mut full);
            assert_eq!(labels, model.decode(&full), "{text}");
            for (i, tok) in t.iter().enumerate() {
                // The word's own features, the token's others, and those its rows of
                // the dense groups and of the table stand for: the features `extract`
                // lists, no more.
                let mut own = Vec::new();
                table.own_features(cached.words[i] as usize, &mut own);
                // The word's dictionary levels, settled after it was met.
                let levels = crate::academic::dict::key(tok.text)
                    .map_or(0, |k| model.dict().levels(&k));
                assert_eq!(table.levels[cached.words[i] as usize], levels, "{text}: token {i}");
                assert_eq!(full.of(i)[..own.len()], own[..], "{text}: token {i}");
                assert_eq!(cached.dense_of(i).len(), dense::COUNT);
                let mut have: Vec<u64> = cached.of(i).to_vec();
                for r in cached.dense_of(i) {
                    dense::members(*r as usize, &mut have);
                }
                // Those of its dictionary levels, in its word's own sum, and those
                // its neighbours' rows stand for.
                table.own_level_features(cached.words[i] as usize, &mut have);
                assert_eq!(cached.rows_of(i).len(), Neighbour::COUNT);
                for (side, w) in Neighbour::ALL.iter().zip(cached.rows_of(i)) {
                    table.row_features(*w, *side, &mut have);
                }
                let mut want = full.of(i)[own.len()..].to_vec();
                have.sort_unstable();
                want.sort_unstable();
                assert_eq!(have, want, "{text}: token {i}");
            }
            assert_eq!(full.pairs, cached.pairs);
        }
    }

    /// A table filled with one model's sums is emptied before another model uses it, and
    /// one grown past its size starts again: labels stay those of [`extract`] and decode.
    #[test]
    fn the_table_follows_its_model_and_its_size() {
        use crate::academic::Model;
        let shipped = crate::academic::shipped();
        // A second model: a strong weight on the bias, so that its labels differ.
        let l = super::super::label::Label::COUNT;
        let other = Model::from_parts(
            vec![0.0; (l + 1) * l],
            vec![(super::super::fhash::BIAS, vec![(3, 1.0)])],
            Vec::new(),
            Dict::default(),
        );
        let text = "Smith, J. (2001). A title. Journal of Things, 12(3), 4–5.";
        let t = tokenize(text);
        let (mut table, mut cached, mut full) =
            (WordTable::default(), Features::default(), Features::default());
        for model in [shipped, &other, shipped] {
            let labels = model.label(&t, &mut table, &mut cached);
            extract(&t, model.dict(), &mut full);
            assert_eq!(labels, model.decode(&full));
        }
        // Strings of new words until the table has started again, then a known string.
        let mut n = 0;
        while table.infos.len() <= word::TABLE_WORDS {
            let words: String = (0..500).map(|k| format!("Word{n}x{k}, ")).collect();
            shipped.label(&tokenize(&words), &mut table, &mut cached);
            n += 1;
        }
        let before = table.infos.len();
        let labels = shipped.label(&t, &mut table, &mut cached);
        assert!(table.infos.len() < before, "the table did not start again");
        extract(&t, shipped.dict(), &mut full);
        assert_eq!(labels, shipped.decode(&full));
    }
}
