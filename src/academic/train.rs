//! Training the tagger: an averaged structured perceptron over the features of
//! [`super::features`], decoded with Viterbi, in a fixed order so that the same data
//! gives the same model. [`TrainOptions::runs`] averages several runs, each over its own
//! fixed shuffle, into one set of weights (labelling costs the same as with one run).

use super::dataset::Sequence;
use super::dict::Dict;
use super::features::{Features, PAIRS, extract};
use super::label::Label;
use super::model::{IdMap, Model};
use super::viterbi::viterbi;
use super::tokens::tokenize;

const LL: usize = Label::COUNT * Label::COUNT;

/// Settings of a training run.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Features seen fewer times than this are dropped.
    pub min_count: u32,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Cost added to every wrong label while training (a large-margin perceptron).
    pub margin: f32,
    /// The learning algorithm.
    pub algorithm: Algorithm,
    /// L2 regularisation of the CRF (CRFsuite's `c2`).
    pub c2: f32,
    /// The CRF's initial learning rate.
    pub eta0: f32,
    /// Keep only this many features, those of the largest weights (0: keep all). A
    /// smaller model is a smaller table, and labelling is bound by its memory.
    pub keep: usize,
    /// Perceptron runs (each its own shuffle) whose weights are averaged.
    pub runs: usize,
    /// Parts of the training data for the dictionary features: each part is read with
    /// the dictionary of the others, as new strings are read with the dictionary of
    /// all the training data.
    pub dict_parts: usize,
    /// Scale of the perceptron's updates from a string marked noisy (see
    /// [`train_weighted`]; the CRF ignores it). 1 treats noisy strings as clean ones. The
    /// shipped model marks `ugly.xml`'s strings (OCR noise, and a book's own title tagged
    /// `container-title`): at 0.25, 5-fold CV gains on the clean files' held-out strings
    /// (core / good / bad F1 0.952 / 0.980 / 0.935 → 0.959 / 0.985 / 0.939) and loses on
    /// `ugly.xml`'s (0.820 → 0.814).
    pub noisy_weight: f32,
}

/// How the weights are learnt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// Averaged structured perceptron.
    Perceptron,
    /// Linear-chain CRF by stochastic gradient descent with L2 regularisation.
    Crf,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            min_count: 2,
            seed: 0x2545_f491_4f6c_dd1d,
            margin: 1.0,
            algorithm: Algorithm::Perceptron,
            c2: 0.3,
            eta0: 0.02,
            keep: 60_000,
            runs: 1,
            dict_parts: 2,
            noisy_weight: 0.25,
        }
    }
}

/// One training string: interned feature ids per token and gold labels.
pub(super) struct Example {
    pub(super) ids: Vec<u32>,
    pub(super) starts: Vec<u32>,
    pub(super) gold: Vec<u8>,
    /// [`PAIRS`] boundary feature ids a token; `u32::MAX` for one not kept.
    pub(super) pairs: Vec<u32>,
    /// Scale of this string's perceptron updates (1 for a clean string).
    pub(super) weight: f32,
}

impl Example {
    /// The boundary feature ids of token `i`.
    pub(super) fn pair(&self, i: usize) -> &[u32] {
        self.pairs.get(i * PAIRS..(i + 1) * PAIRS).unwrap_or(&[])
    }

    pub(super) fn feats(&self, i: usize) -> &[u32] {
        &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// Trains a model on tagged strings with the algorithm of `opts`.
pub fn train(seqs: &[&Sequence], opts: TrainOptions) -> Model {
    train_weighted(seqs, &[], opts)
}

/// Trains a model on tagged strings, of which those marked in `noisy` (by index; missing
/// marks are clean) update the perceptron's weights by [`TrainOptions::noisy_weight`]
/// rather than 1. They still count for the features kept and the dictionary.
pub fn train_weighted(seqs: &[&Sequence], noisy: &[bool], opts: TrainOptions) -> Model {
    train_stacked(seqs, noisy, &[], opts)
}

/// As [`train_weighted`], with each string's features joined by those of a first
/// tagger's labels `first` (one list a string, by index; see [`super::stack`]). The
/// labels must come from models that did not train on the string.
pub fn train_stacked(
    seqs: &[&Sequence],
    noisy: &[bool],
    first: &[Vec<Label>],
    opts: TrainOptions,
) -> Model {
    let (hashes, pair_hashes, examples) = prepare(seqs, noisy, first, opts);
    let (w, t, pw) = match opts.algorithm {
        Algorithm::Perceptron => {
            // Several runs over differently shuffled data, their weights averaged.
            let runs = opts.runs.max(1);
            let mut sum = perceptron(&examples, hashes.len(), pair_hashes.len(), opts);
            for r in 1..runs {
                let o = TrainOptions {
                    seed: opts.seed.wrapping_add(0x9E37_79B9 * r as u64),
                    ..opts
                };
                let (w, t, pw) = perceptron(&examples, hashes.len(), pair_hashes.len(), o);
                for (a, b) in [(&mut sum.0, w), (&mut sum.1, t), (&mut sum.2, pw)] {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                }
            }
            let k = runs as f32;
            for v in [&mut sum.0, &mut sum.1, &mut sum.2] {
                v.iter_mut().for_each(|x| *x /= k);
            }
            sum
        }
        Algorithm::Crf => {
            // The CRF learns no boundary weights.
            let (w, t) = super::crf::train(&examples, hashes.len(), opts);
            (w, t, Vec::new())
        }
    };
    let pairs = pair_hashes
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let ws = pw.get(i * LL..(i + 1) * LL)?;
            ws.iter().any(|x| x.abs() > 1e-3).then(|| (*h, ws.to_vec()))
        })
        .collect();
    finish(&hashes, &w, &t, pairs, Dict::build(seqs), opts.keep)
}

/// Emission sums of one example's tokens under weights `w` (`n × L`).
pub(super) fn emissions(e: &Example, w: &[f32], scale: f32, emit: &mut Vec<f32>) {
    let l = Label::COUNT;
    let n = e.gold.len();
    emit.clear();
    emit.resize(n * l, 0f32);
    for i in 0..n {
        let row = &mut emit[i * l..(i + 1) * l];
        for &f in e.feats(i) {
            let ws = &w[f as usize * l..(f as usize + 1) * l];
            for (r, x) in row.iter_mut().zip(ws) {
                *r += x * scale;
            }
        }
    }
}

/// Features and interned examples of the training strings.
fn prepare(
    seqs: &[&Sequence],
    noisy: &[bool],
    first: &[Vec<Label>],
    opts: TrainOptions,
) -> (Vec<u64>, Vec<u64>, Vec<Example>) {
    let mut raw: Vec<(Features, Vec<u8>, bool)> = Vec::with_capacity(seqs.len());
    let mut counts: IdMap<u32> = IdMap::default();
    let mut pair_counts: IdMap<u32> = IdMap::default();
    // Each part of the data is read with the dictionary of the other parts.
    let parts = opts.dict_parts.max(2);
    let jack: Vec<Dict> = (0..parts)
        .map(|p| {
            let others: Vec<&Sequence> = seqs
                .iter()
                .enumerate()
                .filter(|(k, _)| k % parts != p)
                .map(|(_, s)| *s)
                .collect();
            Dict::build(&others)
        })
        .collect();
    for (k, s) in seqs.iter().enumerate() {
        let text = s.text();
        let toks = tokenize(&text);
        let gold: Vec<u8> = s.labels().iter().map(|l| l.index() as u8).collect();
        if toks.is_empty() || toks.len() != gold.len() {
            continue;
        }
        let mut f = Features::default();
        extract(&toks, &jack[k % parts], &mut f);
        if let Some(labels) = first.get(k) {
            super::stack::append(&toks, labels, &mut f);
        }
        for h in &f.ids {
            *counts.entry(*h).or_default() += 1;
        }
        for h in &f.pairs {
            *pair_counts.entry(*h).or_default() += 1;
        }
        let is_noisy = noisy.get(k).copied().unwrap_or(false);
        raw.push((f, gold, is_noisy));
    }
    let mut ids: IdMap<u32> = IdMap::default();
    let mut hashes = Vec::new();
    let mut sorted: Vec<_> = counts
        .iter()
        .filter(|(_, c)| **c >= opts.min_count)
        .map(|(h, _)| *h)
        .collect();
    sorted.sort_unstable();
    for h in sorted {
        ids.insert(h, hashes.len() as u32);
        hashes.push(h);
    }
    let mut pair_ids: IdMap<u32> = IdMap::default();
    let mut pair_hashes = Vec::new();
    let mut sorted: Vec<_> = pair_counts
        .iter()
        .filter(|(_, c)| **c >= opts.min_count.max(5))
        .map(|(h, _)| *h)
        .collect();
    sorted.sort_unstable();
    for h in sorted {
        pair_ids.insert(h, pair_hashes.len() as u32);
        pair_hashes.push(h);
    }
    let examples: Vec<Example> = raw
        .into_iter()
        .map(|(f, gold, noisy)| {
            let mut e = Example {
                ids: Vec::new(),
                starts: Vec::new(),
                gold,
                weight: if noisy { opts.noisy_weight } else { 1.0 },
                pairs: f
                    .pairs
                    .iter()
                    .map(|h| pair_ids.get(h).copied().unwrap_or(u32::MAX))
                    .collect(),
            };
            for i in 0..f.len() {
                e.starts.push(e.ids.len() as u32);
                e.ids
                    .extend(f.of(i).iter().filter_map(|h| ids.get(h).copied()));
            }
            e.starts.push(e.ids.len() as u32);
            e
        })
        .collect();
    (hashes, pair_hashes, examples)
}

/// Shuffles `order` in place with a xorshift generator.
pub(super) fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

type Weights = (Vec<f32>, Vec<f32>, Vec<f32>);

/// Feature weights (`nf × L`), transitions and boundary weights (`np × L × L`).
fn perceptron(examples: &[Example], nf: usize, np: usize, opts: TrainOptions) -> Weights {
    let l = Label::COUNT;
    let mut pw = vec![0f32; np * LL];
    let mut pacc = vec![0f32; np * LL];
    let mut extra = Vec::new();
    let mut w = vec![0f32; nf * l];
    let mut acc = vec![0f32; nf * l];
    let mut t = vec![0f32; (l + 1) * l];
    let mut tacc = vec![0f32; (l + 1) * l];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = opts.seed | 1;
    let mut emit = Vec::new();
    for _ in 0..opts.epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let e = &examples[k];
            let u = e.weight;
            let cu = c * u;
            let n = e.gold.len();
            emissions(e, &w, 1.0, &mut emit);
            if opts.margin > 0.0 {
                for i in 0..n {
                    for y in 0..l {
                        if y != e.gold[i] as usize {
                            emit[i * l + y] += opts.margin;
                        }
                    }
                }
            }
            extra.clear();
            if np > 0 {
                extra.resize(n * LL, 0f32);
                for i in 1..n {
                    for &f in e.pair(i) {
                        if let Some(ws) = pw.get(f as usize * LL..(f as usize + 1) * LL) {
                            for (a, x) in extra[i * LL..(i + 1) * LL].iter_mut().zip(ws) {
                                *a += x;
                            }
                        }
                    }
                }
            }
            let pred = viterbi(n, &emit, &t, &extra);
            if pred != e.gold {
                for i in 0..n {
                    let (g, p) = (e.gold[i] as usize, pred[i] as usize);
                    if g != p {
                        for &f in &e.ids[e.starts[i] as usize..e.starts[i + 1] as usize] {
                            let f = f as usize * l;
                            w[f + g] += u;
                            w[f + p] -= u;
                            acc[f + g] += cu;
                            acc[f + p] -= cu;
                        }
                    }
                    let gp = if i == 0 { l } else { e.gold[i - 1] as usize };
                    let pp = if i == 0 { l } else { pred[i - 1] as usize };
                    if (gp, g) != (pp, p) {
                        t[gp * l + g] += u;
                        t[pp * l + p] -= u;
                        tacc[gp * l + g] += cu;
                        tacc[pp * l + p] -= cu;
                        if i > 0 {
                            for &f in e.pair(i) {
                                if f == u32::MAX {
                                    continue;
                                }
                                let f = f as usize * LL;
                                pw[f + gp * l + g] += u;
                                pw[f + pp * l + p] -= u;
                                pacc[f + gp * l + g] += cu;
                                pacc[f + pp * l + p] -= cu;
                            }
                        }
                    }
                }
            }
            c += 1.0;
        }
    }
    let avg = |w: f32, a: f32| w - a / c;
    let trans: Vec<f32> = t.iter().zip(&tacc).map(|(w, a)| avg(*w, *a)).collect();
    let w: Vec<f32> = w.iter().zip(&acc).map(|(w, a)| avg(*w, *a)).collect();
    let pw: Vec<f32> = pw.iter().zip(&pacc).map(|(w, a)| avg(*w, *a)).collect();
    (w, trans, pw)
}

/// The model of dense weights `w` (`features × L`) and transitions `t`; with `keep > 0`,
/// only the `keep` features of the largest weight survive (ties by hash, so the same
/// weights give the same model).
fn finish(
    hashes: &[u64],
    w: &[f32],
    t: &[f32],
    pairs: Vec<(u64, Vec<f32>)>,
    dict: Dict,
    keep: usize,
) -> Model {
    let l = Label::COUNT;
    let mut feats: Vec<(u64, Vec<(u8, f32)>)> = hashes
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let ws: Vec<(u8, f32)> = (0..l)
                .map(|y| (y as u8, w[i * l + y]))
                .filter(|(_, x)| x.abs() > 1e-3)
                .collect();
            (*h, ws)
        })
        .filter(|(_, ws)| !ws.is_empty())
        .collect();
    if keep > 0 && feats.len() > keep {
        let size = |ws: &[(u8, f32)]| ws.iter().map(|(_, x)| x.abs()).fold(0f32, f32::max);
        feats.sort_by(|a, b| size(&b.1).total_cmp(&size(&a.1)).then(a.0.cmp(&b.0)));
        feats.truncate(keep);
    }
    Model::from_parts(t.to_vec(), feats, pairs, dict)
}
