//! Fitting the model on annotated articles: the pairs of each article with their gold
//! labels ([`Dataset`]), L2-regularised logistic regression by Newton's method (IRLS),
//! the two stages and Platt scaling ([`fit`]).
//!
//! Used by `examples/fit_trace.rs` (which writes `data/trace-weights.json`) and by the
//! cross-validation of `examples/crossval.rs`.

use super::align::Emission;
use super::eval::Gold;
use super::model::{Feat, Model, OrderFeat};
use super::score::{Row, Table, stage2};
use super::tuning::TUNING;
use super::{Options, Trace};
use crate::{Parsed, Source};
use std::collections::HashMap;

/// The pairs of one annotated article.
pub struct Dataset {
    /// Every pair (all of claims × references on lists of ordinary size), proposed or
    /// not by the text index.
    rows: Vec<Row>,
    /// Whether the pair's reference is core for its claim.
    core: Vec<bool>,
    /// Whether it is core or plausible.
    ok: Vec<bool>,
    n_claims: usize,
    n_refs: usize,
    /// Each claim's paragraph (0: the title).
    paragraphs: Vec<usize>,
    /// The article's weight in the fit, relative to the others (1 by default).
    pub weight: f64,
    /// Kinship of pairs of entries (reports of one story), where above 0.
    kin: HashMap<(usize, usize), f64>,
    /// Whether each claim counts incidents over a period.
    counting: Vec<bool>,
}

impl Dataset {
    /// Core pairs the text index proposes, and all core pairs.
    pub fn coverage(&self) -> (usize, usize) {
        let all = self.core.iter().filter(|c| **c).count();
        let text = (0..self.rows.len())
            .filter(|&i| self.core[i] && self.rows[i].text)
            .count();
        (text, all)
    }
}

/// Claims × references above which only the proposed pairs are kept.
const ALL_PAIRS: usize = 400_000;

/// The gold claims a predicted span overlaps by more than half (as `score.py` matches).
fn overlaps(gold: &Gold, start: usize, end: usize) -> Vec<usize> {
    gold.claims
        .iter()
        .enumerate()
        .filter(|(_, g)| {
            let overlap = g.byte_end.min(end) as i64 - g.byte_start.max(start) as i64;
            let shorter = (g.byte_end - g.byte_start).min(end.saturating_sub(start)) as f64;
            overlap as f64 > 0.5 * shorter
        })
        .map(|(i, _)| i)
        .collect()
}

/// The annotated articles of the sample's family in `dir`: every `NAME.txt` with a
/// `NAME.claims.json` beside it, sorted by name (the fit and the cross-validation read
/// the same set).
pub fn family_articles(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .filter(|p| p.with_extension("claims.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Reads an annotated article into pairs with labels.
pub fn dataset(source: &Source, parsed: &Parsed, gold: &Gold, options: &Options) -> Dataset {
    let prep = super::prepare(source, parsed);
    let table = Table::build(
        &prep.claims,
        &parsed.references,
        (&prep.body, &prep.list),
        prep.today,
        &options.signals,
    );
    let (n_claims, n_refs) = (prep.claims.len(), parsed.references.len());
    let mut rows = table.rows.clone();
    if n_claims * n_refs <= ALL_PAIRS {
        let have: std::collections::HashSet<(usize, usize)> =
            rows.iter().map(|r| (r.claim, r.reference)).collect();
        for c in 0..n_claims {
            for r in 0..n_refs {
                if !have.contains(&(c, r)) {
                    rows.push(table.row(c, r, false));
                }
            }
        }
    }
    let labels: Vec<(Vec<usize>, Vec<usize>)> = prep
        .claims
        .iter()
        .map(|c| {
            let mut core = Vec::new();
            let mut ok = Vec::new();
            for g in overlaps(gold, c.span.start, c.span.end) {
                core.extend(gold.claims[g].core.iter().copied());
                ok.extend(gold.claims[g].core.iter().copied());
                ok.extend(gold.claims[g].plausible.iter().copied());
            }
            (core, ok)
        })
        .collect();
    let index_of = |r: usize| parsed.references[r].index;
    // Kin are dated within a few days of each other: scan each entry's date window.
    let mut dated: Vec<(chrono::NaiveDate, usize)> = (0..n_refs)
        .filter_map(|r| table.index.day(r).map(|d| (d, r)))
        .collect();
    dated.sort_unstable();
    let window = TUNING.sibling_days.ceil() as i64;
    let mut kin = HashMap::new();
    for (i, &(da, a)) in dated.iter().enumerate() {
        let near = dated[i + 1..]
            .iter()
            .take_while(|(db, _)| (*db - da).num_days() < window);
        for &(_, b) in near {
            let k = table.index.kinship(a, b);
            if k > 0.0 {
                kin.insert((a, b), k);
                kin.insert((b, a), k);
            }
        }
    }
    let core = rows
        .iter()
        .map(|r| labels[r.claim].0.contains(&index_of(r.reference)))
        .collect();
    let ok = rows
        .iter()
        .map(|r| labels[r.claim].1.contains(&index_of(r.reference)))
        .collect();
    Dataset {
        rows,
        core,
        ok,
        n_claims,
        n_refs,
        paragraphs: prep.claims.iter().map(|c| c.paragraph).collect(),
        weight: 1.0,
        kin,
        counting: (0..n_claims).map(|c| table.counts(c)).collect(),
    }
}

/// Documents are split into this many groups to give stage 2 and the calibration
/// stage-1 log-odds from models that did not see the document.
const INNER_FOLDS: usize = 4;

/// Fits both stages and the calibration on the datasets.
pub fn fit(train: &[&Dataset], options: &Options) -> Model {
    let mut model = Model::zero();
    model.stage1 = fit_stage1(train);
    // Stage 2, the alignment and the calibration learn from what stage 1 does on unseen
    // documents: each group's log-odds come from a stage 1 fitted on the other groups.
    let folds = INNER_FOLDS.min(train.len());
    let inner: Vec<Model> = (0..folds)
        .map(|g| {
            let rest: Vec<&Dataset> = (0..train.len())
                .filter(|i| folds > 1 && i % folds != g)
                .map(|i| train[i])
                .collect();
            let mut m = Model::zero();
            m.stage1 = if rest.is_empty() {
                model.stage1.clone()
            } else {
                fit_stage1(&rest)
            };
            m
        })
        .collect();
    let mut samples = Vec::new();
    for (i, d) in train.iter().enumerate() {
        samples.extend(emission_samples(d, &inner[i % folds]));
    }
    model.emission = Emission::fit(&samples);
    if std::env::var_os("REFTRACE_DEBUG_ORDER").is_some() {
        eprintln!("emission: {:?}", model.emission);
    }
    let mut rows2 = Vec::new();
    for (i, d) in train.iter().enumerate() {
        let mut m = inner[i % folds].clone();
        m.emission = model.emission;
        rows2.extend(stage2_rows(d, &m, options));
    }
    let (mut x2, mut y2, mut w2) = (Vec::new(), Vec::new(), Vec::new());
    for (f, core, ok, weight) in &rows2 {
        if *core || !*ok {
            x2.push(f.as_slice());
            y2.push(f64::from(u8::from(*core)));
            w2.push(*weight);
        }
    }
    model.stage2 = logistic(&x2, &y2, &w2, OrderFeat::COUNT, TUNING.l2);
    // Platt scaling of stage 2 against "right" (core or plausible), one for lists in
    // citation order and one for the others: a probability means the same on both.
    let platt = |ordered: bool| {
        let kind: Vec<&(Vec<f64>, bool, bool, f64)> = rows2
            .iter()
            .filter(|r| (r.0[OrderFeat::Ordered as usize] > 0.0) == ordered)
            .collect();
        let pz: Vec<[f64; 2]> = kind.iter().map(|(f, ..)| [1.0, model.logit2(f)]).collect();
        let pr: Vec<&[f64]> = pz.iter().map(|v| v.as_slice()).collect();
        let py: Vec<f64> = kind.iter().map(|r| f64::from(u8::from(r.2))).collect();
        // Unweighted: a probability should hold over links pooled across articles.
        let pw: Vec<f64> = vec![1.0; kind.len()];
        (!kind.is_empty()).then(|| logistic(&pr, &py, &pw, 2, 1e-3))
    };
    let (plain, ordered) = (platt(false), platt(true));
    let plain = plain.or_else(|| ordered.clone()).unwrap_or(vec![0.0, 1.0]);
    let ordered = ordered.unwrap_or_else(|| plain.clone());
    model.platt = (plain[1], plain[0]);
    model.platt_ordered = (ordered[1], ordered[0]);
    model
}

/// The alignment's samples of a document: each pair's stage-1 log-odds (`None` when the
/// text index did not propose it), whether the claim is the entry's first citation, the
/// document's log base rate and weight. The title takes no part.
fn emission_samples(d: &Dataset, model: &Model) -> Vec<(Option<f64>, bool, f64, f64)> {
    let weight = doc_weight(d);
    let offset = -(d.n_claims.max(1) as f64).ln();
    let mut first: HashMap<usize, usize> = HashMap::new();
    for (i, r) in d.rows.iter().enumerate() {
        if d.core[i] {
            let e = first.entry(r.reference).or_insert(r.claim);
            *e = (*e).min(r.claim);
        }
    }
    d.rows
        .iter()
        .filter(|r| d.paragraphs[r.claim] > 0)
        .map(|r| {
            let l = r.text.then(|| model.logit1(&r.x));
            (l, first.get(&r.reference) == Some(&r.claim), offset, weight)
        })
        .collect()
}

/// Stage 1 on the proposed pairs; a pair only plausible is neither right nor wrong.
/// Besides each pair's own log-loss, each claim's candidates form a list in which the
/// core references should come first (a conditional logit): P@1 is a choice among a
/// claim's candidates, not a yes or no for each.
fn fit_stage1(train: &[&Dataset]) -> Vec<f64> {
    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut w = Vec::new();
    let mut lists = Vec::new();
    for d in train {
        let weight = doc_weight(d);
        let mut by_claim: HashMap<usize, List> = HashMap::new();
        for (i, r) in d.rows.iter().enumerate() {
            if r.text && (d.core[i] || !d.ok[i]) {
                let l = by_claim.entry(r.claim).or_default();
                l.rows.push(x.len());
                if d.core[i] {
                    l.right.push(x.len());
                }
                x.push(r.x.as_slice());
                y.push(f64::from(u8::from(d.core[i])));
                w.push(weight);
            }
        }
        let mut ranked: Vec<List> = by_claim
            .into_values()
            .filter(|l| !l.right.is_empty() && l.rows.len() > l.right.len())
            .collect();
        ranked.sort_by_key(|l| l.rows[0]);
        let each = TUNING.listwise * 1000.0 / ranked.len().max(1) as f64;
        for l in &mut ranked {
            l.weight = each;
        }
        lists.extend(ranked);
    }
    fit_glm(&x, &y, &w, &lists, Feat::COUNT, TUNING.l2)
}

/// One claim's candidates (rows of the design) and the right ones among them.
#[derive(Default)]
struct List {
    rows: Vec<usize>,
    right: Vec<usize>,
    weight: f64,
}

/// Stage-2 vectors of a document's pairs under `model`'s stage 1: the proposed pairs
/// and those the list order adds, with (core, ok) labels and the document's weight.
fn stage2_rows(d: &Dataset, model: &Model, options: &Options) -> Vec<(Vec<f64>, bool, bool, f64)> {
    let weight = doc_weight(d);
    let text: Vec<usize> = (0..d.rows.len()).filter(|&i| d.rows[i].text).collect();
    let mut rows: Vec<Row> = text.iter().map(|&i| d.rows[i].clone()).collect();
    let mut labels: Vec<(bool, bool)> = text.iter().map(|&i| (d.core[i], d.ok[i])).collect();
    let lookup: HashMap<(usize, usize), usize> = d
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.claim, r.reference), i))
        .collect();
    let extra_labels = std::cell::RefCell::new(Vec::new());
    let x2 = stage2(
        &mut rows,
        &d.paragraphs,
        d.n_refs,
        model,
        &options.signals,
        |c, r| {
            let i = *lookup.get(&(c, r))?;
            extra_labels.borrow_mut().push((d.core[i], d.ok[i]));
            Some(d.rows[i].clone())
        },
        |c, a, b| {
            if d.counting[c] {
                0.0
            } else {
                d.kin.get(&(a, b)).copied().unwrap_or(0.0)
            }
        },
    )
    .x;
    labels.extend(extra_labels.into_inner());
    x2.into_iter()
        .zip(labels)
        .map(|(f, (core, ok))| (f, core, ok, weight))
        .collect()
}

/// Each article weighs the same in total, whatever its number of pairs.
fn doc_weight(d: &Dataset) -> f64 {
    d.weight * 1000.0 / d.rows.len().max(1) as f64
}

/// L2-regularised logistic regression by Newton's method on standardised columns (the
/// first column is the intercept and is not penalised). Returns weights for the raw
/// columns.
pub fn logistic(x: &[&[f64]], y: &[f64], w: &[f64], dim: usize, l2: f64) -> Vec<f64> {
    fit_glm(x, y, w, &[], dim, l2)
}

/// [`logistic`], plus a conditional-logit term for each list: the log of the softmax
/// probability of each right row among the list's rows.
fn fit_glm(x: &[&[f64]], y: &[f64], w: &[f64], lists: &[List], dim: usize, l2: f64) -> Vec<f64> {
    let n = x.len();
    if n == 0 {
        return vec![0.0; dim];
    }
    let total: f64 = w.iter().sum();
    let mut mean = vec![0.0; dim];
    let mut sd = vec![1.0; dim];
    for j in 1..dim {
        mean[j] = x.iter().zip(w).map(|(r, wi)| r[j] * wi).sum::<f64>() / total;
        let var = x
            .iter()
            .zip(w)
            .map(|(r, wi)| wi * (r[j] - mean[j]).powi(2))
            .sum::<f64>()
            / total;
        sd[j] = if var > 1e-12 { var.sqrt() } else { 0.0 };
    }
    let z = |r: &[f64], j: usize| -> f64 {
        if j == 0 {
            1.0
        } else if sd[j] == 0.0 {
            0.0
        } else {
            (r[j] - mean[j]) / sd[j]
        }
    };
    // Penalty scaled to the total weight, so it means the same on any amount of data.
    let lambda = l2 * total / 1000.0;
    let mut beta = vec![0.0; dim];
    for _ in 0..if lists.is_empty() { 30 } else { 60 } {
        let mut grad = vec![0.0; dim];
        let mut hess = vec![vec![0.0; dim]; dim];
        let mut zi = vec![0.0; dim];
        for ((r, yi), wi) in x.iter().zip(y).zip(w) {
            for (j, v) in zi.iter_mut().enumerate() {
                *v = z(r, j);
            }
            let eta: f64 = beta.iter().zip(&zi).map(|(b, v)| b * v).sum();
            let p = super::model::sigmoid(eta);
            let g = wi * (yi - p);
            let h = wi * (p * (1.0 - p)).max(1e-9);
            for j in 0..dim {
                if zi[j] == 0.0 {
                    continue;
                }
                grad[j] += g * zi[j];
                for k in j..dim {
                    hess[j][k] += h * zi[j] * zi[k];
                }
            }
        }
        for l in lists {
            let zs: Vec<Vec<f64>> = l
                .rows
                .iter()
                .map(|&i| (0..dim).map(|j| z(x[i], j)).collect())
                .collect();
            let etas: Vec<f64> = zs
                .iter()
                .map(|zi| beta.iter().zip(zi).map(|(b, v)| b * v).sum())
                .collect();
            let top = etas.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = etas.iter().map(|v| (v - top).exp()).collect();
            let sum: f64 = e.iter().sum();
            let mut mean_z = vec![0.0; dim];
            for (zi, ei) in zs.iter().zip(&e) {
                for j in 0..dim {
                    mean_z[j] += ei / sum * zi[j];
                }
            }
            let k = l.right.len() as f64;
            for (zi, &row) in zs.iter().zip(&l.rows) {
                if l.right.contains(&row) {
                    for j in 0..dim {
                        grad[j] += l.weight * (zi[j] - mean_z[j]);
                    }
                }
            }
            for (zi, ei) in zs.iter().zip(&e) {
                let p = l.weight * k * ei / sum;
                for j in 0..dim {
                    let dj = zi[j] - mean_z[j];
                    if dj == 0.0 {
                        continue;
                    }
                    for kk in j..dim {
                        hess[j][kk] += p * dj * (zi[kk] - mean_z[kk]);
                    }
                }
            }
        }
        for j in 0..dim {
            let upper: Vec<f64> = (0..j).map(|k| hess[k][j]).collect();
            hess[j][..j].copy_from_slice(&upper);
            if j > 0 {
                grad[j] -= lambda * beta[j];
                hess[j][j] += lambda;
            } else {
                hess[j][j] += 1e-9;
            }
        }
        let mut step = solve(hess, grad);
        // The ranking term can pull a rare feature far in one step: with lists, a step
        // moves no standardised weight by more than 1, so the fit cannot overshoot.
        let longest = step.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if !lists.is_empty() && longest > 1.0 {
            step.iter_mut().for_each(|v| *v /= longest);
        }
        let mut change = 0.0f64;
        for j in 0..dim {
            beta[j] += step[j];
            change = change.max(step[j].abs());
        }
        if change < 1e-7 {
            break;
        }
    }
    // Back to raw columns.
    let mut out = vec![0.0; dim];
    out[0] = beta[0];
    for j in 1..dim {
        if sd[j] > 0.0 {
            out[j] = beta[j] / sd[j];
            out[0] -= beta[j] * mean[j] / sd[j];
        }
    }
    out
}

/// Solves a small dense system by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        for row in col + 1..n {
            let f = a[row][col] / d;
            if f == 0.0 {
                continue;
            }
            let pivot_row = a[col].clone();
            for (v, p) in a[row][col..n].iter_mut().zip(&pivot_row[col..n]) {
                *v -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| a[i][k] * x[k]).sum();
        x[i] = if a[i][i].abs() < 1e-12 {
            0.0
        } else {
            (b[i] - s) / a[i][i]
        };
    }
    x
}

/// Each link of a trace with its probability and whether gold calls it right (core or
/// plausible): the data of a reliability table.
pub fn link_outcomes(gold: &Gold, trace: &Trace) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    for c in &trace.claims {
        let ok: Vec<usize> = overlaps(gold, c.byte_start, c.byte_end)
            .into_iter()
            .flat_map(|g| gold.claims[g].core.iter().chain(&gold.claims[g].plausible))
            .copied()
            .collect();
        for l in &c.sources {
            out.push((l.score, ok.contains(&l.index)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logistic_regression_finds_the_separating_direction() {
        // y = 1 when the second column is large.
        let rows: Vec<[f64; 2]> = (0..200).map(|i| [1.0, (i % 20) as f64]).collect();
        let y: Vec<f64> = rows
            .iter()
            .map(|r| f64::from(u8::from(r[1] >= 10.0)))
            .collect();
        let x: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
        let w = vec![1.0; rows.len()];
        let beta = logistic(&x, &y, &w, 2, 0.01);
        let p = |v: f64| super::super::model::sigmoid(beta[0] + beta[1] * v);
        assert!(beta[1] > 0.0);
        assert!(p(15.0) > 0.9 && p(4.0) < 0.1, "{beta:?}");
    }

    #[test]
    fn the_ranking_term_prefers_the_right_candidate_of_each_list_and_stays_finite() {
        // Ten lists of four candidates; the right one has the largest second column, and
        // a rare third column marks it in one list only (it must not run away).
        let mut rows: Vec<[f64; 3]> = Vec::new();
        let mut lists = Vec::new();
        for l in 0..10 {
            let start = rows.len();
            for c in 0..4 {
                let rare = f64::from(u8::from(l == 0 && c == 3));
                rows.push([1.0, (c + l % 3) as f64, rare]);
            }
            lists.push(List {
                rows: (start..start + 4).collect(),
                right: vec![start + 3],
                weight: 100.0,
            });
        }
        let y: Vec<f64> = (0..rows.len())
            .map(|i| f64::from(u8::from(i % 4 == 3)))
            .collect();
        let x: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
        let w = vec![1.0; rows.len()];
        let beta = fit_glm(&x, &y, &w, &lists, 3, 1.0);
        assert!(
            beta.iter().all(|b| b.is_finite() && b.abs() < 100.0),
            "{beta:?}"
        );
        assert!(beta[1] > 0.0, "{beta:?}");
    }
}
