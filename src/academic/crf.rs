//! Training the tagger as a linear-chain CRF: stochastic gradient descent on the
//! L2-regularised log-likelihood (as CRFsuite's `l2sgd`), with scaled forward-backward
//! for the marginals. The model it gives has the same form as the perceptron's.

use super::label::Label;
use super::train::{Example, TrainOptions, emissions, shuffle};

/// Forward-backward over one example; returns the per-token marginals (`n × L`) and
/// adds the expected transition counts (scaled by `-step`) to `tgrad`.
fn marginals(emit: &[f32], trans: &[f32], n: usize, tgrad: &mut [f64], step: f64) -> Vec<f64> {
    let l = Label::COUNT;
    let m: Vec<f64> = trans.iter().map(|t| f64::from(*t).exp()).collect();
    let mut e = vec![0f64; n * l];
    for i in 0..n {
        let row = &emit[i * l..(i + 1) * l];
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        for y in 0..l {
            e[i * l + y] = f64::from(row[y] - max).exp();
        }
    }
    let mut alpha = vec![0f64; n * l];
    let mut c = vec![0f64; n];
    for y in 0..l {
        alpha[y] = m[l * l + y] * e[y];
    }
    for i in 0..n {
        if i > 0 {
            for b in 0..l {
                let mut s = 0.0;
                for a in 0..l {
                    s += alpha[(i - 1) * l + a] * m[a * l + b];
                }
                alpha[i * l + b] = s * e[i * l + b];
            }
        }
        let z: f64 = alpha[i * l..(i + 1) * l].iter().sum::<f64>().max(1e-300);
        c[i] = z;
        for y in 0..l {
            alpha[i * l + y] /= z;
        }
    }
    let mut beta = vec![0f64; n * l];
    for y in 0..l {
        beta[(n - 1) * l + y] = 1.0;
    }
    for i in (0..n - 1).rev() {
        for a in 0..l {
            let mut s = 0.0;
            for b in 0..l {
                s += m[a * l + b] * e[(i + 1) * l + b] * beta[(i + 1) * l + b];
            }
            beta[i * l + a] = s / c[i + 1];
        }
    }
    let mut p = vec![0f64; n * l];
    for i in 0..n {
        for y in 0..l {
            p[i * l + y] = alpha[i * l + y] * beta[i * l + y];
        }
    }
    for y in 0..l {
        tgrad[l * l + y] -= step * p[y];
    }
    for i in 1..n {
        for a in 0..l {
            let al = alpha[(i - 1) * l + a];
            if al == 0.0 {
                continue;
            }
            for b in 0..l {
                let q = al * m[a * l + b] * e[i * l + b] * beta[i * l + b] / c[i];
                tgrad[a * l + b] -= step * q;
            }
        }
    }
    p
}

/// Learns dense weights (`features × L`) and transitions (`(L + 1) × L`).
pub(super) fn train(examples: &[Example], nf: usize, opts: TrainOptions) -> (Vec<f32>, Vec<f32>) {
    let l = Label::COUNT;
    let n_ex = examples.len().max(1) as f64;
    let lambda = 2.0 * f64::from(opts.c2) / n_ex;
    let eta0 = f64::from(opts.eta0);
    let mut v = vec![0f32; nf * l];
    let mut scale = 1f64;
    let mut t = vec![0f32; (l + 1) * l];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = opts.seed | 1;
    let mut emit = Vec::new();
    let mut tgrad = vec![0f64; (l + 1) * l];
    let mut step_count = 0f64;
    for _ in 0..opts.epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let e = &examples[k];
            let n = e.gold.len();
            let eta = eta0 / (1.0 + lambda * eta0 * step_count);
            step_count += 1.0;
            scale *= 1.0 - eta * lambda;
            emissions(e, &v, scale as f32, &mut emit);
            tgrad.iter_mut().for_each(|g| *g = 0.0);
            let p = marginals(&emit, &t, n, &mut tgrad, 1.0);
            let up = (eta / scale) as f32;
            for i in 0..n {
                let g = e.gold[i] as usize;
                for &f in e.feats(i) {
                    let row = &mut v[f as usize * l..(f as usize + 1) * l];
                    for y in 0..l {
                        let pr = p[i * l + y] as f32;
                        if pr > 1e-6 {
                            row[y] -= up * pr;
                        }
                    }
                    row[g] += up;
                }
                let gp = if i == 0 { l } else { e.gold[i - 1] as usize };
                tgrad[gp * l + g] += 1.0;
            }
            for (tw, g) in t.iter_mut().zip(&tgrad) {
                *tw = (f64::from(*tw) * (1.0 - eta * lambda) + eta * g) as f32;
            }
            if scale < 1e-6 {
                v.iter_mut().for_each(|x| *x *= scale as f32);
                scale = 1.0;
            }
        }
    }
    v.iter_mut().for_each(|x| *x *= scale as f32);
    (v, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marginals_sum_to_one() {
        let l = Label::COUNT;
        let emit: Vec<f32> = (0..3 * l).map(|i| (i % 7) as f32 * 0.3).collect();
        let trans: Vec<f32> = (0..(l + 1) * l).map(|i| (i % 5) as f32 * 0.1).collect();
        let mut tg = vec![0f64; (l + 1) * l];
        let p = marginals(&emit, &trans, 3, &mut tg, 1.0);
        for i in 0..3 {
            let s: f64 = p[i * l..(i + 1) * l].iter().sum();
            assert!((s - 1.0).abs() < 1e-9, "{s}");
        }
        // Expected transitions: one start and two pairs.
        let total: f64 = tg.iter().sum();
        assert!((total + 3.0).abs() < 1e-9, "{total}");
    }
}
