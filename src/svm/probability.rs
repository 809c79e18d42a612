//! Probability estimates for [`SVC`](super::SVC) (`probability = true`), as
//! libsvm and scikit-learn's `SVC(probability=True)`.
//!
//! Fitting: for each pair of classes `(i, j)`, a 5-fold cross-validation of
//! that pair's binary problem (the samples shuffled by a generator seeded from
//! `random_state` and the pair's index; the same bounds `C · class_weight ·
//! sample_weight`; the same SMO solver) gives one out-of-fold decision value
//! per sample, and Platt's sigmoid `P(class i | f) = 1 / (1 + exp(A f + B))`
//! is fitted to them by [`sigmoid_train`] (Lin, Lin and Weng, 2007, "A note
//! on Platt's probabilistic outputs for support vector machines").
//!
//! Prediction: the pairwise probabilities `r_ij` (clipped to
//! `[1e-7, 1 − 1e-7]`) are coupled into one distribution over the classes by
//! [`multiclass_probability`] (Wu, Lin and Weng, 2004, "Probability estimates
//! for multi-class classification by pairwise coupling", method 2); with two
//! classes the pair's probability is the answer.

use super::kernel::KernelData;
use super::multiclass::pairs;
use super::smo::{SmoOptions, SmoProblem, solve};
use crate::random::derived_seed;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rayon::prelude::*;

/// Folds of the internal cross-validation (libsvm's `nr_fold`).
const N_FOLDS: usize = 5;
/// Pairwise probabilities are clipped to `[MIN_PROB, 1 − MIN_PROB]`.
const MIN_PROB: f64 = 1e-7;

/// `P(positive | f) = 1 / (1 + exp(a f + b))`, computed without overflow.
pub(crate) fn sigmoid_predict(f: f64, a: f64, b: f64) -> f64 {
    let z = f * a + b;
    if z >= 0.0 {
        let e = (-z).exp();
        e / (1.0 + e)
    } else {
        1.0 / (1.0 + z.exp())
    }
}

/// The pair's probability of its first class, clipped as libsvm.
pub(crate) fn pair_probability(f: f64, a: f64, b: f64) -> f64 {
    sigmoid_predict(f, a, b).clamp(MIN_PROB, 1.0 - MIN_PROB)
}

/// libsvm's `sigmoid_train`: the `(A, B)` minimising the cross-entropy of
/// `1 / (1 + exp(A f + B))` against Platt's regularised targets
/// `(N₊ + 1) / (N₊ + 2)` for positive samples and `1 / (N₋ + 2)` for
/// negative ones, by Newton's method with a backtracking line search
/// (at most 100 iterations, step ≥ 1e-10, Hessian shifted by 1e-12; stops
/// when both gradient entries are below 1e-5).
pub(crate) fn sigmoid_train(dec: &[f64], positive: &[bool]) -> (f64, f64) {
    const MAX_ITER: usize = 100;
    const MIN_STEP: f64 = 1e-10;
    const SIGMA: f64 = 1e-12;
    const EPS: f64 = 1e-5;
    let prior1 = positive.iter().filter(|&&p| p).count() as f64;
    let prior0 = positive.len() as f64 - prior1;
    let hi = (prior1 + 1.0) / (prior1 + 2.0);
    let lo = 1.0 / (prior0 + 2.0);
    let t: Vec<f64> = positive.iter().map(|&p| if p { hi } else { lo }).collect();
    // The negative log-likelihood, each term written so that exp never overflows.
    let objective = |a: f64, b: f64| -> f64 {
        dec.iter()
            .zip(&t)
            .map(|(&f, &ti)| {
                let z = f * a + b;
                if z >= 0.0 {
                    ti * z + (1.0 + (-z).exp()).ln()
                } else {
                    (ti - 1.0) * z + (1.0 + z.exp()).ln()
                }
            })
            .sum()
    };
    let mut a = 0.0;
    let mut b = ((prior0 + 1.0) / (prior1 + 1.0)).ln();
    let mut fval = objective(a, b);
    for _ in 0..MAX_ITER {
        let (mut h11, mut h22, mut h21, mut g1, mut g2) = (SIGMA, SIGMA, 0.0, 0.0, 0.0);
        for (&f, &ti) in dec.iter().zip(&t) {
            let z = f * a + b;
            let (p, q) = if z >= 0.0 {
                let e = (-z).exp();
                (e / (1.0 + e), 1.0 / (1.0 + e))
            } else {
                let e = z.exp();
                (1.0 / (1.0 + e), e / (1.0 + e))
            };
            let d2 = p * q;
            h11 += f * f * d2;
            h22 += d2;
            h21 += f * d2;
            let d1 = ti - p;
            g1 += f * d1;
            g2 += d1;
        }
        if g1.abs() < EPS && g2.abs() < EPS {
            break;
        }
        let det = h11 * h22 - h21 * h21;
        let da = -(h22 * g1 - h21 * g2) / det;
        let db = -(-h21 * g1 + h11 * g2) / det;
        let gd = g1 * da + g2 * db;
        let mut step = 1.0;
        while step >= MIN_STEP {
            let (na, nb) = (a + step * da, b + step * db);
            let nf = objective(na, nb);
            if nf < fval + 1e-4 * step * gd {
                (a, b, fval) = (na, nb, nf);
                break;
            }
            step /= 2.0;
        }
        if step < MIN_STEP {
            // The line search failed: keep the last point, as libsvm.
            break;
        }
    }
    (a, b)
}

/// libsvm's `multiclass_probability`: the class probabilities `p` that best
/// agree with the pairwise ones, `min_p ½ Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)²`
/// subject to `Σ p = 1`, by the fixed-point iteration of Wu, Lin and Weng
/// (2004, method 2): at most `max(100, k)` sweeps, stopping when every
/// `|(Qp)_t − pᵀQp|` is below `0.005 / k`.
///
/// `r` is `k × k`, row-major, `r[i k + j] = P(class i | class i or j)`
/// (the diagonal is ignored).
pub(crate) fn multiclass_probability(r: &[f64], k: usize) -> Vec<f64> {
    let at = |i: usize, j: usize| r[i * k + j];
    let mut q = vec![0.0; k * k];
    for t in 0..k {
        for j in 0..k {
            if j != t {
                q[t * k + t] += at(j, t) * at(j, t);
                q[t * k + j] = -at(j, t) * at(t, j);
            }
        }
    }
    let mut p = vec![1.0 / k as f64; k];
    let mut qp = vec![0.0; k];
    let eps = 0.005 / k as f64;
    for _ in 0..k.max(100) {
        let mut pqp = 0.0;
        for t in 0..k {
            qp[t] = (0..k).map(|j| q[t * k + j] * p[j]).sum();
            pqp += p[t] * qp[t];
        }
        let max_error = qp.iter().map(|v| (v - pqp).abs()).fold(0.0, f64::max);
        if max_error < eps {
            break;
        }
        for t in 0..k {
            let diff = (pqp - qp[t]) / q[t * k + t];
            p[t] += diff;
            pqp = (pqp + diff * (diff * q[t * k + t] + 2.0 * qp[t])) / (1.0 + diff) / (1.0 + diff);
            for j in 0..k {
                qp[j] = (qp[j] + diff * q[t * k + j]) / (1.0 + diff);
                p[j] /= 1.0 + diff;
            }
        }
    }
    p
}

/// One fold of one pair's cross-validation.
struct FoldTask {
    pair: usize,
    /// Positions `begin..end` of the held-out part in the pair's shuffled rows.
    begin: usize,
    end: usize,
}

/// Fits Platt's sigmoid of every pair of classes (libsvm's
/// `svm_binary_svc_probability`): returns `(A, B)` per pair, in pair order.
///
/// `by_class[k]` lists the training rows of class `k`, `c[r]` the bound of
/// row `r`. The `5 × n_pairs` fold problems are solved in parallel; each
/// pair's shuffle is seeded by `seed` and the pair's index, so the result
/// does not depend on the number of threads.
pub(crate) fn fit_sigmoids(
    kernel: &KernelData<'_>,
    by_class: &[Vec<usize>],
    c: &[f64],
    options: &SmoOptions,
    seed: u64,
) -> (Vec<f64>, Vec<f64>) {
    let pairs = pairs(by_class.len());
    // Each pair's rows, shuffled, with whether they belong to the pair's
    // first class (libsvm's +1).
    let shuffled: Vec<Vec<(usize, bool)>> = pairs
        .iter()
        .enumerate()
        .map(|(p, &(i, j))| {
            let mut rows: Vec<(usize, bool)> = by_class[i]
                .iter()
                .map(|&r| (r, true))
                .chain(by_class[j].iter().map(|&r| (r, false)))
                .collect();
            rows.shuffle(&mut StdRng::seed_from_u64(derived_seed(seed, p as u64)));
            rows
        })
        .collect();
    let mut tasks: Vec<FoldTask> = shuffled
        .iter()
        .enumerate()
        .flat_map(|(pair, rows)| {
            let l = rows.len();
            (0..N_FOLDS).map(move |f| FoldTask {
                pair,
                begin: f * l / N_FOLDS,
                end: (f + 1) * l / N_FOLDS,
            })
        })
        .collect();
    // Larger problems first, so that the last task to finish is a small one.
    tasks.sort_by_key(|t| std::cmp::Reverse(shuffled[t.pair].len() - (t.end - t.begin)));
    let mut decisions: Vec<(usize, usize, Vec<f64>)> = tasks
        .par_iter()
        .map(|task| {
            let values = fold_decisions(kernel, &shuffled[task.pair], task.begin, task.end, c, options);
            (task.pair, task.begin, values)
        })
        .collect();
    decisions.sort_by_key(|&(pair, begin, _)| (pair, begin));
    let mut prob_a = Vec::with_capacity(pairs.len());
    let mut prob_b = Vec::with_capacity(pairs.len());
    for (pair, rows) in shuffled.iter().enumerate() {
        let dec: Vec<f64> = decisions
            .iter()
            .filter(|(p, _, _)| *p == pair)
            .flat_map(|(_, _, v)| v.iter().copied())
            .collect();
        let positive: Vec<bool> = rows.iter().map(|&(_, pos)| pos).collect();
        let (a, b) = sigmoid_train(&dec, &positive);
        prob_a.push(a);
        prob_b.push(b);
    }
    (prob_a, prob_b)
}

/// The decision values of the held-out rows `rows[begin..end]`, from the
/// pair's binary SVC trained on the other rows (positive means the pair's
/// first class). A training part with one class only gives libsvm's
/// constants: `+1` (first class only), `−1` (second only), `0` (empty).
fn fold_decisions(
    kernel: &KernelData<'_>,
    rows: &[(usize, bool)],
    begin: usize,
    end: usize,
    c: &[f64],
    options: &SmoOptions,
) -> Vec<f64> {
    let held_out = &rows[begin..end];
    let train = rows[..begin].iter().chain(&rows[end..]);
    // Positive rows first, each class in shuffled order (libsvm groups the
    // classes of the sub-problem stably).
    let train_rows: Vec<(usize, bool)> = train
        .clone()
        .filter(|(_, pos)| *pos)
        .chain(train.filter(|(_, pos)| !*pos))
        .copied()
        .collect();
    let n_pos = train_rows.iter().filter(|(_, pos)| *pos).count();
    let n_neg = train_rows.len() - n_pos;
    let constant = match (n_pos > 0, n_neg > 0) {
        (true, true) => None,
        (true, false) => Some(1.0),
        (false, true) => Some(-1.0),
        (false, false) => Some(0.0),
    };
    if let Some(v) = constant {
        return vec![v; held_out.len()];
    }
    let sub_rows: Vec<usize> = train_rows.iter().map(|&(r, _)| r).collect();
    let problem = SmoProblem {
        kernel,
        p: vec![-1.0; sub_rows.len()],
        c: sub_rows.iter().map(|&r| c[r]).collect(),
        y: train_rows
            .iter()
            .map(|&(_, pos)| if pos { 1.0 } else { -1.0 })
            .collect(),
        columns: kernel.columns(&sub_rows),
        rows: sub_rows,
    };
    // The fold problems run side by side, one thread each.
    let solution = solve(&problem, &SmoOptions { threads: 1, ..*options });
    let support: Vec<(usize, f64)> = solution
        .alpha
        .iter()
        .zip(problem.rows.iter().zip(&problem.y))
        .filter(|(a, _)| **a > 0.0)
        .map(|(a, (&r, y))| (r, y * a))
        .collect();
    held_out
        .iter()
        .map(|&(t, _)| support.iter().map(|&(r, coef)| coef * kernel.eval(r, t)).sum::<f64>() - solution.rho)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from tools/reference/svm_probability.py's re-implementation
    /// of libsvm's `sigmoid_train` (tests/fixtures/svm_probability.json).
    #[test]
    fn sigmoid_train_matches_libsvm() {
        let dec = [
            -2.5, -1.7, -1.2, -0.8, -0.3, -0.1, 0.05, 0.2, 0.4, 0.9, 1.3, 1.8, 2.6, 3.1,
        ];
        let positive = [
            false, false, false, true, false, false, true, false, true, true, true, false, true, true,
        ];
        let (a, b) = sigmoid_train(&dec, &positive);
        assert!((a - -0.6342917711148277).abs() < 1e-12, "A = {a}");
        assert!((b - 0.1606211711749294).abs() < 1e-12, "B = {b}");
    }

    #[test]
    fn sigmoid_train_separable_data_is_finite() {
        let dec = [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0];
        let positive = [false, false, false, true, true, true];
        let (a, b) = sigmoid_train(&dec, &positive);
        assert!(a.is_finite() && b.is_finite());
        // Positive decision values mean the positive class: A < 0.
        assert!(a < 0.0);
        assert!(sigmoid_predict(3.0, a, b) > 0.5);
    }

    /// Values from tools/reference/svm_probability.py's re-implementation
    /// of libsvm's `multiclass_probability`.
    #[test]
    fn multiclass_probability_matches_libsvm() {
        let r = [
            0.0, 0.7, 0.4, 0.9, //
            0.3, 0.0, 0.2, 0.65, //
            0.6, 0.8, 0.0, 0.55, //
            0.1, 0.35, 0.45, 0.0,
        ];
        let p = multiclass_probability(&r, 4);
        let expected = [
            0.34279590978795993,
            0.14671181862392493,
            0.39113836919101375,
            0.11935390239710097,
        ];
        for (got, want) in p.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{p:?}");
        }
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn sigmoid_predict_does_not_overflow() {
        assert_eq!(sigmoid_predict(1e6, 1.0, 0.0), 0.0);
        assert_eq!(sigmoid_predict(-1e6, 1.0, 0.0), 1.0);
        assert_eq!(pair_probability(1e6, 1.0, 0.0), MIN_PROB);
    }
}
