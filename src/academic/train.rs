//! Training the tagger: an averaged structured perceptron over the features of
//! [`super::features`], decoded with Viterbi, in a fixed order so that the same data
//! gives the same model.

use super::dataset::Sequence;
use super::dict::Dict;
use super::features::{Features, extract};
use super::label::Label;
use super::model::{IdMap, Model, viterbi};
use super::tokens::tokenize;

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
        }
    }
}

/// One training string: interned feature ids per token and gold labels.
pub(super) struct Example {
    pub(super) ids: Vec<u32>,
    pub(super) starts: Vec<u32>,
    pub(super) gold: Vec<u8>,
}

impl Example {
    pub(super) fn feats(&self, i: usize) -> &[u32] {
        &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// Trains a model on tagged strings with the algorithm of `opts`.
pub fn train(seqs: &[&Sequence], opts: TrainOptions) -> Model {
    let (hashes, examples) = prepare(seqs, opts);
    let (w, t) = match opts.algorithm {
        Algorithm::Perceptron => perceptron(&examples, hashes.len(), opts),
        Algorithm::Crf => super::crf::train(&examples, hashes.len(), opts),
    };
    finish(&hashes, &w, &t, Dict::build(seqs), opts.keep)
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
fn prepare(seqs: &[&Sequence], opts: TrainOptions) -> (Vec<u64>, Vec<Example>) {
    let mut raw: Vec<(Features, Vec<u8>)> = Vec::with_capacity(seqs.len());
    let mut counts: IdMap<u32> = IdMap::default();
    let halves: [Vec<&Sequence>; 2] = [
        seqs.iter().step_by(2).copied().collect(),
        seqs.iter().skip(1).step_by(2).copied().collect(),
    ];
    // Each half is read with the other half's dictionary.
    let jack = [Dict::build(&halves[1]), Dict::build(&halves[0])];
    for (k, s) in seqs.iter().enumerate() {
        let text = s.text();
        let toks = tokenize(&text);
        let gold: Vec<u8> = s.labels().iter().map(|l| l.index() as u8).collect();
        if toks.is_empty() || toks.len() != gold.len() {
            continue;
        }
        let mut f = Features::default();
        extract(&toks, &jack[k % 2], &mut f);
        for h in &f.ids {
            *counts.entry(*h).or_default() += 1;
        }
        raw.push((f, gold));
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
    let examples: Vec<Example> = raw
        .into_iter()
        .map(|(f, gold)| {
            let mut e = Example {
                ids: Vec::new(),
                starts: Vec::new(),
                gold,
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
    (hashes, examples)
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

fn perceptron(examples: &[Example], nf: usize, opts: TrainOptions) -> (Vec<f32>, Vec<f32>) {
    let l = Label::COUNT;
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
            let pred = viterbi(n, &emit, &t);
            if pred != e.gold {
                for i in 0..n {
                    let (g, p) = (e.gold[i] as usize, pred[i] as usize);
                    if g != p {
                        for &f in &e.ids[e.starts[i] as usize..e.starts[i + 1] as usize] {
                            let f = f as usize * l;
                            w[f + g] += 1.0;
                            w[f + p] -= 1.0;
                            acc[f + g] += c;
                            acc[f + p] -= c;
                        }
                    }
                    let gp = if i == 0 { l } else { e.gold[i - 1] as usize };
                    let pp = if i == 0 { l } else { pred[i - 1] as usize };
                    if (gp, g) != (pp, p) {
                        t[gp * l + g] += 1.0;
                        t[pp * l + p] -= 1.0;
                        tacc[gp * l + g] += c;
                        tacc[pp * l + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    let avg = |w: f32, a: f32| w - a / c;
    let trans: Vec<f32> = t.iter().zip(&tacc).map(|(w, a)| avg(*w, *a)).collect();
    let w: Vec<f32> = w.iter().zip(&acc).map(|(w, a)| avg(*w, *a)).collect();
    (w, trans)
}

/// The model of dense weights `w` (`features × L`) and transitions `t`; with `keep > 0`,
/// only the `keep` features of the largest weight survive (ties by hash, so the same
/// weights give the same model).
fn finish(hashes: &[u64], w: &[f32], t: &[f32], dict: Dict, keep: usize) -> Model {
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
    Model::from_parts(t.to_vec(), feats, dict)
}
