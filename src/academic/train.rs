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
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            min_count: 2,
            seed: 0x2545_f491_4f6c_dd1d,
            margin: 1.0,
        }
    }
}

struct Example {
    ids: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
}

/// Trains a model on tagged strings.
pub fn train(seqs: &[&Sequence], opts: TrainOptions) -> Model {
    let l = Label::COUNT;
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
    let nf = hashes.len();
    let mut w = vec![0f32; nf * l];
    let mut acc = vec![0f32; nf * l];
    let mut t = vec![0f32; (l + 1) * l];
    let mut tacc = vec![0f32; (l + 1) * l];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = opts.seed | 1;
    let mut emit = Vec::new();
    for _ in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let e = &examples[k];
            let n = e.gold.len();
            emit.clear();
            emit.resize(n * l, 0f32);
            for i in 0..n {
                let row = &mut emit[i * l..(i + 1) * l];
                for &f in &e.ids[e.starts[i] as usize..e.starts[i + 1] as usize] {
                    let ws = &w[f as usize * l..(f as usize + 1) * l];
                    for (r, x) in row.iter_mut().zip(ws) {
                        *r += x;
                    }
                }
            }
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
    let feats = hashes
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let ws: Vec<(u8, f32)> = (0..l)
                .map(|y| (y as u8, avg(w[i * l + y], acc[i * l + y])))
                .filter(|(_, x)| x.abs() > 1e-3)
                .collect();
            (*h, ws)
        })
        .collect();
    Model::from_parts(trans, feats, Dict::build(seqs))
}
