//! Scoring claims against references: features of every claim (with context carried
//! over), candidate generation through an inverted index of keys, the stage-1 vector
//! of each candidate pair with the features relative to the other candidates, then
//! the list order and the calibrated stage-2 probability.

use super::evidence::Evidence;
use super::features::{self, Features, Key, Knowledge};
use super::index::RefIndex;
use super::lexicon::{Class, NEWS};
use super::matching::attributed_refs;
use super::model::{Feat, Model, OrderFeat, sigmoid};
use super::order::Layout;
use super::pair::{ClaimSide, assess};
use super::tuning::TUNING;
use super::{Claim, Signal, Signals};
use crate::Reference;
use crate::trace::text::tokenize;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// One (claim, reference) pair with its stage-1 vector; indices are 0-based.
#[derive(Debug, Clone)]
pub struct Row {
    /// The claim.
    pub claim: usize,
    /// The reference.
    pub reference: usize,
    /// Stage-1 features, by [`Feat`].
    pub x: Vec<f64>,
    /// Whether the text index proposed it (else only the list order did).
    pub text: bool,
}

/// Every claim's features and the candidate pairs.
pub(super) struct Table<'a> {
    pub(super) claims: &'a [Claim],
    feats: Vec<Features>,
    attributed: Vec<Vec<(usize, String)>>,
    last_in_paragraph: Vec<bool>,
    pub(super) index: RefIndex<'a>,
    today: Option<NaiveDate>,
    signals: Signals,
    /// The pairs the index proposed.
    pub(super) rows: Vec<Row>,
    claim_best: Vec<f64>,
    ref_best: Vec<f64>,
    breadth: Vec<f64>,
    /// Text masses of each claim's candidates and of each reference's claims, largest
    /// first (for the ranks).
    claim_masses: Vec<Vec<f64>>,
    ref_masses: Vec<Vec<f64>>,
    word_mass: Vec<f64>,
    /// Per-reference accumulator of candidate generation, kept zeroed between claims.
    scratch: std::cell::RefCell<Vec<f64>>,
    /// Per key id, 1 + the position of the claim key that meets it, for the claim whose
    /// pairs are being assessed ([`ClaimSide::meets`]); kept zeroed between claims.
    slots: std::cell::RefCell<Vec<u32>>,
}

impl<'a> Table<'a> {
    /// Reads every claim and title and proposes candidates.
    pub(super) fn build(
        claims: &'a [Claim],
        refs: &'a [Reference],
        texts: (&str, &str),
        today: Option<NaiveDate>,
        signals: &Signals,
    ) -> Table<'a> {
        let knowledge = Knowledge::learn(texts.0, texts.1);
        let mut index = RefIndex::build(refs, &knowledge);
        let mut feats = Vec::with_capacity(claims.len());
        let mut previous: Option<(usize, Features)> = None;
        for claim in claims {
            let mut own = features::extract(&claim.text, &knowledge, today);
            let before = previous
                .as_ref()
                .filter(|(p, _)| *p == claim.paragraph && *p > 0);
            if let (Some(today), Some((_, b))) = (today, before)
                && let Some(t) = b.time.as_ref()
                && let Some(later) = relative_time(&claim.text, today, t)
            {
                own.time = Some(later);
            }
            let mut f = own.clone();
            if signals.has(Signal::Context)
                && let Some((_, before)) = before
            {
                let strength = if opens_with_reference(&claim.text) {
                    TUNING.carry_pointing
                } else {
                    TUNING.carry_plain
                };
                features::inherit(&mut f, before, strength);
                if f.time.is_none() && before.time.is_some() {
                    f.time = before.time.clone();
                    f.time_inherited = true;
                }
            }
            let mut carried = own;
            if carried.time.is_none() {
                carried.time = f.time.clone();
            }
            previous = Some((claim.paragraph, carried));
            index.intern(&mut f);
            feats.push(f);
        }
        let attributed = claims
            .iter()
            .map(|c| {
                if signals.has(Signal::Attribution) {
                    attributed_refs(&c.text, &index)
                } else {
                    Vec::new()
                }
            })
            .collect();
        let last_in_paragraph = (0..claims.len())
            .map(|i| {
                claims
                    .get(i + 1)
                    .is_none_or(|n| n.paragraph != claims[i].paragraph)
            })
            .collect();
        let mut table = Table {
            claims,
            feats,
            attributed,
            last_in_paragraph,
            index,
            today,
            signals: signals.clone(),
            rows: Vec::new(),
            claim_best: vec![0.0; claims.len()],
            ref_best: vec![0.0; refs.len()],
            breadth: vec![0.0; refs.len()],
            claim_masses: vec![Vec::new(); claims.len()],
            ref_masses: vec![Vec::new(); refs.len()],
            word_mass: Vec::new(),
            scratch: std::cell::RefCell::new(vec![0.0; refs.len()]),
            slots: std::cell::RefCell::new(Vec::new()),
        };
        table.word_mass = table
            .feats
            .iter()
            .map(|f| {
                f.keys
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| matches!(k.key, Key::Word(_)) && !k.inherited)
                    .map(|(i, _)| table.index.idf(f.id(i)))
                    .sum()
            })
            .collect();
        let mut raw = Vec::new();
        for c in 0..claims.len() {
            let candidates = table.candidates(c);
            let assessed: Vec<_> = table.side(c, |side| {
                candidates
                    .iter()
                    .map(|&r| (r, assess(side, &table.index, r, signals, false)))
                    .collect()
            });
            for (r, a) in assessed {
                table.claim_best[c] = table.claim_best[c].max(a.mass);
                table.ref_best[r] = table.ref_best[r].max(a.mass);
                if a.mass > 0.0 {
                    table.breadth[r] += 1.0;
                    table.claim_masses[c].push(a.mass);
                    table.ref_masses[r].push(a.mass);
                }
                raw.push((c, r, a.x, a.mass));
            }
        }
        let n = claims.len().max(1) as f64;
        for b in &mut table.breadth {
            *b /= n;
        }
        for m in table.claim_masses.iter_mut().chain(&mut table.ref_masses) {
            m.sort_unstable_by(|a, b| b.total_cmp(a));
        }
        table.rows = raw
            .into_iter()
            .map(|(c, r, x, mass)| table.finish(c, r, x, mass, true))
            .collect();
        table
    }

    /// Runs `f` on what pairs need of claim `c`.
    fn side<T>(&self, c: usize, f: impl FnOnce(&ClaimSide) -> T) -> T {
        let feats = &self.feats[c];
        let mut slots = self.slots.borrow_mut();
        if slots.len() < self.index.keys.len() {
            slots.resize(self.index.keys.len(), 0);
        }
        for i in 0..feats.keys.len() {
            slots[self.index.keys.partner(feats.id(i)) as usize] = i as u32 + 1;
        }
        let out = f(&ClaimSide {
            claim: &self.claims[c],
            f: feats,
            meets: &slots,
            today: self.today,
            attributed: &self.attributed[c],
            last_in_paragraph: self.last_in_paragraph[c],
            word_mass: self.word_mass[c],
            around: self.around(c),
        });
        for i in 0..feats.keys.len() {
            slots[self.index.keys.partner(feats.id(i)) as usize] = 0;
        }
        out
    }

    /// The sentences before claim `c` in its paragraph (nearest first) and the one after.
    fn around(&self, c: usize) -> ([Option<&Features>; 2], Option<&Features>) {
        let p = self.claims[c].paragraph;
        let same = |i: usize| {
            (p > 0 && self.claims.get(i).is_some_and(|o| o.paragraph == p)).then(|| &self.feats[i])
        };
        let before = [
            c.checked_sub(1).and_then(same),
            c.checked_sub(2).and_then(same),
        ];
        ([before[0], before[0].and(before[1])], same(c + 1))
    }

    /// Adds the features relative to the other candidates.
    fn finish(&self, c: usize, r: usize, mut x: Vec<f64>, mass: f64, text: bool) -> Row {
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        x[Feat::RelBest as usize] = ratio(mass, self.claim_best[c]);
        x[Feat::IsBest as usize] = f64::from(u8::from(mass > 0.0 && mass >= self.claim_best[c]));
        x[Feat::RefRelBest as usize] = ratio(mass, self.ref_best[r]);
        x[Feat::Broad as usize] = self.breadth[r];
        // How many candidates outdo this one, log: 0 for the best.
        let rank = |masses: &[f64]| (1.0 + masses.partition_point(|m| *m > mass) as f64).ln();
        x[Feat::Rank as usize] = rank(&self.claim_masses[c]);
        x[Feat::RefRank as usize] = rank(&self.ref_masses[r]);
        for f in Feat::ALL {
            if f.signal().is_some_and(|s| !self.signals.has(s)) {
                x[*f as usize] = 0.0;
            }
        }
        Row {
            claim: c,
            reference: r,
            x,
            text,
        }
    }

    /// The pair of claim `c` and reference `r`, whether proposed or not.
    pub(super) fn row(&self, c: usize, r: usize, text: bool) -> Row {
        let a = self.side(c, |side| assess(side, &self.index, r, &self.signals, false));
        self.finish(c, r, a.x, a.mass, text)
    }

    /// Whether claim `c` counts incidents over a period (then many sources back it).
    pub(super) fn counts(&self, c: usize) -> bool {
        self.signals.has(Signal::Context) && self.feats[c].aggregate
    }

    /// The worded evidence and conflicts of a pair.
    pub(super) fn explain(&self, c: usize, r: usize) -> (Vec<Evidence>, Vec<Evidence>) {
        let a = self.side(c, |side| assess(side, &self.index, r, &self.signals, true));
        (a.evidence, a.conflicts)
    }

    /// Candidate references of claim `c`: each reference's IDF mass over the postings
    /// of the claim's keys (keys posted on much of the list skipped), the best
    /// `max_candidates` kept, plus attributed entries and trackers for counts.
    fn candidates(&self, c: usize) -> Vec<usize> {
        let f = &self.feats[c];
        let n = self.index.refs.len();
        let cap = ((n as f64 * TUNING.posting_share) as usize).max(TUNING.min_posting_cap);
        let mut mass = self.scratch.borrow_mut();
        let mut touched = Vec::new();
        for (j, k) in f.keys.iter().enumerate() {
            if !self.signals.has(k.key.signal()) {
                continue;
            }
            let partner = self.index.keys.partner(f.id(j));
            let p = self.index.postings(partner);
            if !p.is_empty() && p.len() <= cap {
                let w = self.index.idf(partner) * k.strength;
                for &i in p {
                    if mass[i] == 0.0 {
                        touched.push(i);
                    }
                    mass[i] += w;
                }
            }
        }
        if self.signals.has(Signal::Paragraph) {
            // Words of the sentence before, at the strength of what is carried over:
            // a note often closes a run of sentences.
            if let Some(b) = self.around(c).0[0] {
                for (j, k) in b.keys.iter().enumerate() {
                    let id = b.id(j);
                    if !matches!(k.key, Key::Word(_)) || k.inherited || f.has(id) {
                        continue;
                    }
                    let p = self.index.postings(id);
                    if p.is_empty() || p.len() > cap {
                        continue;
                    }
                    let w = self.index.idf(id) * TUNING.carry_plain;
                    for &i in p {
                        if mass[i] == 0.0 {
                            touched.push(i);
                        }
                        mass[i] += w;
                    }
                }
            }
        }
        let ranked = best(
            touched.iter().map(|&i| Ranked(i, mass[i])),
            TUNING.max_candidates,
        );
        for &i in &touched {
            mass[i] = 0.0;
        }
        drop(mass);
        let mut out: Vec<usize> = ranked.into_iter().map(|r| r.0).collect();
        out.extend(self.attributed[c].iter().map(|(i, _)| *i));
        if self.signals.has(Signal::Context) && f.aggregate {
            out.extend((0..n).filter(|&i| self.index.feats[i].tracker));
        }
        if self.signals.has(Signal::Attribution) {
            // Entries whose outlet the claim names (by name, acronym or initials).
            for (j, _) in f.keys.iter().enumerate().filter(|(_, k)| !k.inherited) {
                if let Some(p) = self.index.outlet_postings(f.id(j))
                    && p.len() <= cap
                {
                    out.extend(p.iter().copied());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A candidate entry with its mass, ordered best first: larger mass, then earlier entry.
#[derive(Debug, Clone, Copy)]
struct Ranked(usize, f64);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.1.total_cmp(&self.1).then(self.0.cmp(&other.0))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked {}

/// The `k` best of `items` (in no particular order): a heap of the best so far, whose
/// worst is the bar a newcomer must pass. The order is total, so the set is the one a
/// full sort would keep.
fn best(items: impl Iterator<Item = Ranked>, k: usize) -> Vec<Ranked> {
    let mut heap = std::collections::BinaryHeap::with_capacity(k + 1);
    for item in items {
        if heap.len() < k {
            heap.push(item);
        } else if let Some(mut worst) = heap.peek_mut()
            && item < *worst
        {
            *worst = item;
        }
    }
    heap.into_vec()
}

/// A relative time (`two days later`) counted on from the sentence before's time.
fn relative_time(
    text: &str,
    today: NaiveDate,
    before: &super::time::TimeRef,
) -> Option<super::time::TimeRef> {
    let tokens = tokenize(text);
    let found = super::time::find(text, &tokens, today, Some(before))?;
    let plain = super::time::find(text, &tokens, today, None);
    (plain.as_ref() != Some(&found)).then_some(found)
}

/// Whether a sentence opens by pointing back (`He said`, `The group`, `This was`): its
/// first word is an anaphor of the news lexicon, or it opens `The` and a referent noun.
fn opens_with_reference(text: &str) -> bool {
    let toks = tokenize(text);
    let first = toks.first().map(|t| t.lower.as_str()).unwrap_or("");
    let second = toks.get(1).map(|t| t.lower.as_str()).unwrap_or("");
    NEWS.has_word(Class::Anaphor, first)
        || (first == "the" && NEWS.has_word(Class::Referent, second))
        || toks.iter().take(8).any(|t| t.lower == "also")
}

/// What stage 2 gives: per row its calibrated probability and stage-2 vector, the list
/// order they rest on, and each claim's best candidate by stage 1 (entry, log-odds).
pub(super) struct Stage2 {
    pub(super) probs: Vec<f64>,
    pub(super) x: Vec<Vec<f64>>,
    pub(super) layout: Layout,
    pub(super) best: HashMap<usize, (usize, f64)>,
}

/// Stage 2 over rows (claims in `paragraphs`, 0 for the title): the list order from stage 1, the pairs its alignment adds (made
/// by `extra`), and each pair's calibrated probability and stage-2 vector. `kin(c, a, b)` is how far entries `a` and `b` report one story,
/// as it bears on claim `c` (0 for a claim that counts incidents: many stories).
pub(super) fn stage2(
    rows: &mut Vec<Row>,
    paragraphs: &[usize],
    n_refs: usize,
    model: &Model,
    signals: &Signals,
    extra: impl Fn(usize, usize) -> Option<Row>,
    kin: impl Fn(usize, usize, usize) -> f64,
) -> Stage2 {
    let layout = if signals.has(Signal::Order) {
        let cands: Vec<(usize, usize, f64)> = rows
            .iter()
            .map(|r| (r.claim, r.reference, model.logit1(&r.x)))
            .collect();
        Layout::detect(paragraphs, n_refs, &cands, &model.emission)
    } else {
        Layout::default()
    };
    let have: HashSet<(usize, usize)> = rows.iter().map(|r| (r.claim, r.reference)).collect();
    for (c, r) in layout.order_pairs() {
        if !have.contains(&(c, r))
            && let Some(row) = extra(c, r)
        {
            rows.push(row);
        }
    }
    let logits: Vec<f64> = rows.iter().map(|r| model.logit1(&r.x)).collect();
    let mut x2: Vec<Vec<f64>> = rows
        .iter()
        .zip(&logits)
        .map(|(r, l)| layout.features(r.claim, r.reference, *l))
        .collect();
    // Competition among the candidates: each entry's likeliest first citation, and each
    // claim's likeliest newly cited entry.
    let first = |x: &Vec<f64>| x[OrderFeat::First as usize];
    let mut ref_best: HashMap<usize, f64> = HashMap::new();
    let mut claim_best: HashMap<usize, f64> = HashMap::new();
    for (r, x) in rows.iter().zip(&x2) {
        let e = ref_best.entry(r.reference).or_insert(0.0);
        *e = e.max(first(x));
        let e = claim_best.entry(r.claim).or_insert(0.0);
        *e = e.max(first(x));
    }
    for (r, x) in rows.iter().zip(x2.iter_mut()) {
        let f = first(x);
        if f > 0.0 {
            x[OrderFeat::EntryBest as usize] = f64::from(u8::from(ref_best[&r.reference] <= f));
            x[OrderFeat::ClaimBest as usize] = f64::from(u8::from(claim_best[&r.claim] <= f));
            x[OrderFeat::FirstClosing as usize] = f * r.x[Feat::LastInParagraph as usize];
            x[OrderFeat::FirstFigure as usize] = f * r.x[Feat::ClaimFigure as usize];
        }
    }
    // Each claim's best candidate by stage 1; its kin are other reports of the story.
    let top = stage1_best(rows, &logits);
    // In a list in citation order, the order already says which entries go together.
    if signals.has(Signal::Siblings) && !layout.ordered {
        for (r, x) in rows.iter().zip(x2.iter_mut()) {
            let (best, l) = top[&r.claim];
            if best != r.reference {
                x[OrderFeat::Sibling as usize] = kin(r.claim, r.reference, best) * sigmoid(l);
            }
        }
    }
    let mut probs: Vec<f64> = x2
        .iter()
        .map(|x| model.calibrated(model.logit2(x), layout.ordered))
        .collect();
    // A sibling is linked beside the claim's best source, never ahead of it: kinship
    // may lift an entry up to the best's probability, not past it.
    let sib = OrderFeat::Sibling as usize;
    if x2.iter().any(|x| x[sib] > 0.0) {
        let mut best: HashMap<usize, f64> = HashMap::new();
        for ((r, x), p) in rows.iter().zip(&x2).zip(&probs) {
            let without = if x[sib] > 0.0 {
                let logit = model.logit2(x) - model.stage2[sib] * x[sib];
                model.calibrated(logit, layout.ordered)
            } else {
                *p
            };
            let e = best.entry(r.claim).or_insert(0.0);
            *e = e.max(without);
        }
        for ((r, x), p) in rows.iter().zip(&x2).zip(probs.iter_mut()) {
            if x[sib] > 0.0 {
                *p = p.min(best[&r.claim] * (1.0 - 1e-9));
            }
        }
    }
    Stage2 {
        probs,
        x: x2,
        layout,
        best: top,
    }
}

/// Each claim's best candidate by stage-1 log-odds (ties to the earlier entry), with
/// those log-odds.
fn stage1_best(rows: &[Row], logits: &[f64]) -> HashMap<usize, (usize, f64)> {
    let mut top: HashMap<usize, (usize, f64)> = HashMap::new();
    for (r, l) in rows.iter().zip(logits) {
        let e = top.entry(r.claim).or_insert((r.reference, *l));
        if *l > e.1 || (*l == e.1 && r.reference < e.0) {
            *e = (r.reference, *l);
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use super::opens_with_reference;

    #[test]
    fn sentences_lean_on_the_one_before_by_the_lexicon_word_lists() {
        // Anaphors of the news lexicon, as the first word.
        assert!(opens_with_reference("They said the convoy was hit."));
        assert!(opens_with_reference("This was the third time."));
        assert!(!opens_with_reference("We said the convoy was hit."));
        // Referent nouns after an opening `The`, as written (not by stem).
        assert!(opens_with_reference("The militia denied it."));
        assert!(!opens_with_reference("The militias denied it."));
        assert!(!opens_with_reference("The convoy was hit."));
        assert!(!opens_with_reference("A militia denied it."));
    }
}
