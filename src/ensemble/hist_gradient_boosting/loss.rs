//! The losses: half squared error (regression), half binomial and half
//! multinomial log-loss (classification), as scikit-learn's `_loss` module
//! defines them — the baseline prediction, per-sample gradients and
//! hessians, and the weighted mean loss.
//!
//! Raw predictions are `f64`, stored class-major (`raw[k * n + i]`, one
//! contiguous column per tree of an iteration). Gradients and hessians are
//! stored as `f32`, as scikit-learn does: they are summed into `f64`
//! histograms, so the narrower type costs no accuracy in the sums but halves
//! the memory the histogram loops stream through (the hot loop of the fit).

use crate::parallel::ROW_CHUNK;
use rayon::prelude::*;

/// Which loss, with its number of trees per iteration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Loss {
    /// `½ (y − raw)²`.
    SquaredError,
    /// `log(1 + exp(raw)) − y·raw` with `y ∈ {0, 1}`.
    Binomial,
    /// `log Σ_k exp(raw_k) − raw_y` over `n_classes ≥ 3` classes.
    Multinomial { n_classes: usize },
}

/// `log(1 + exp(x))` without overflow or loss of precision (scikit-learn's
/// `log1pexp` cut points); the SGD log-loss uses it too.
pub(crate) fn log1pexp(x: f64) -> f64 {
    if x <= -37.0 {
        x.exp()
    } else if x <= -2.0 {
        x.exp().ln_1p()
    } else if x <= 18.0 {
        (1.0 + x.exp()).ln()
    } else if x <= 33.3 {
        x + (-x).exp()
    } else {
        x
    }
}

/// The logistic function.
pub(crate) fn expit(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Softmax of one row, in place; the exponentials are taken after
/// subtracting the row's largest value, so none overflows.
pub(crate) fn softmax_in_place(row: &mut [f64]) {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in row.iter_mut() {
        *v /= sum;
    }
}

impl Loss {
    /// Trees grown per iteration: one per class for the multinomial loss.
    pub fn n_trees(self) -> usize {
        match self {
            Loss::Multinomial { n_classes } => n_classes,
            _ => 1,
        }
    }

    /// The raw prediction of the best constant model (scikit-learn's
    /// `fit_intercept_only`): the weighted mean for squared error, the
    /// log-odds of the weighted positive rate, or the logs of the weighted
    /// class priors centred on their mean (the symmetric multinomial link).
    pub fn baseline(self, y: &[f64], w: Option<&[f64]>) -> Vec<f64> {
        let total: f64 = w.map_or(y.len() as f64, |w| w.iter().sum());
        let weighted_mean = |indicator: &dyn Fn(f64) -> f64| -> f64 {
            let sum: f64 = match w {
                None => y.iter().map(|&v| indicator(v)).sum(),
                Some(w) => y.iter().zip(w).map(|(&v, &wi)| indicator(v) * wi).sum(),
            };
            sum / total
        };
        let means: Vec<f64> = match self {
            Loss::SquaredError | Loss::Binomial => vec![weighted_mean(&|v| v)],
            Loss::Multinomial { n_classes } => (0..n_classes)
                .map(|k| weighted_mean(&|v| (v == k as f64) as u8 as f64))
                .collect(),
        };
        self.baseline_from_means(&means)
    }

    /// The baseline from the weighted mean of the targets (squared error,
    /// binomial) or of each class's indicator (multinomial): the distributed
    /// fit computes those means from exact sums over every process's rows.
    pub fn baseline_from_means(self, means: &[f64]) -> Vec<f64> {
        match self {
            Loss::SquaredError => vec![means[0]],
            Loss::Binomial => {
                let eps = 10.0 * f64::EPSILON;
                let p = means[0].clamp(eps, 1.0 - eps);
                vec![(p / (1.0 - p)).ln()]
            }
            Loss::Multinomial { n_classes } => {
                let eps = f64::EPSILON;
                let logs: Vec<f64> = means.iter().map(|m| m.clamp(eps, 1.0 - eps).ln()).collect();
                let mean = logs.iter().sum::<f64>() / n_classes as f64;
                logs.iter().map(|l| l - mean).collect()
            }
        }
    }

    /// Whether every hessian is 1 (squared error without sample weights):
    /// the histograms then skip the hessian sums and use the counts.
    pub fn constant_hessian(self, weighted: bool) -> bool {
        self == Loss::SquaredError && !weighted
    }

    /// Fills `gh` (class-major like `raw`) with each row's gradient and
    /// hessian, side by side as the histogram loops read them; the hessians
    /// are left untouched when the hessian is constant.
    pub fn gradients(self, y: &[f64], raw: &[f64], w: Option<&[f64]>, gh: &mut [[f32; 2]]) {
        let n = y.len();
        match self {
            Loss::SquaredError => {
                gh.par_chunks_mut(ROW_CHUNK).enumerate().for_each(|(c, gh)| {
                    let start = c * ROW_CHUNK;
                    for (j, p) in gh.iter_mut().enumerate() {
                        let i = start + j;
                        let d = raw[i] - y[i];
                        match w {
                            None => p[0] = d as f32,
                            Some(w) => *p = [(w[i] * d) as f32, w[i] as f32],
                        }
                    }
                });
            }
            Loss::Binomial => {
                // Each chunk's rows as slices zipped together: no bounds
                // check per row. Without weights nothing is multiplied by
                // 1 (an exact identity, so the values are the same).
                gh.par_chunks_mut(ROW_CHUNK).enumerate().for_each(|(c, gh)| {
                    let rows = c * ROW_CHUNK..c * ROW_CHUNK + gh.len();
                    let pairs = gh.iter_mut().zip(&y[rows.clone()]).zip(&raw[rows.clone()]);
                    match w {
                        None => pairs.for_each(|((p, &yi), &ri)| {
                            let (gi, hi) = binomial_grad_hess(yi, ri);
                            *p = [gi as f32, hi as f32];
                        }),
                        Some(w) => pairs.zip(&w[rows]).for_each(|(((p, &yi), &ri), &wi)| {
                            let (gi, hi) = binomial_grad_hess(yi, ri);
                            *p = [(gi * wi) as f32, (hi * wi) as f32];
                        }),
                    }
                });
            }
            Loss::Multinomial { n_classes } => {
                // One pass over row chunks: each row's probabilities into a
                // small buffer (each row needs every class), then straight
                // into every class's gradients. No n × K probability matrix
                // is filled and read back each iteration; the values are
                // the same (same softmax, same formulas).
                if n == 0 {
                    return; // `chunks_mut(0)` would panic; nothing to fill
                }
                let mut per_class: Vec<std::slice::ChunksMut<'_, [f32; 2]>> =
                    gh.chunks_mut(n).map(|class| class.chunks_mut(ROW_CHUNK)).collect();
                let chunks: Vec<Vec<&mut [[f32; 2]]>> = (0..n.div_ceil(ROW_CHUNK))
                    .map(|_| {
                        per_class
                            .iter_mut()
                            .map(|it| it.next().expect("a chunk per class"))
                            .collect()
                    })
                    .collect();
                chunks.into_par_iter().enumerate().for_each(|(c, mut classes)| {
                    let start = c * ROW_CHUNK;
                    let mut p = vec![0.0f64; n_classes];
                    for j in 0..classes[0].len() {
                        let i = start + j;
                        for (k, v) in p.iter_mut().enumerate() {
                            *v = raw[k * n + i];
                        }
                        softmax_in_place(&mut p);
                        let wi = w.map_or(1.0, |w| w[i]);
                        for (k, (class, &pk)) in classes.iter_mut().zip(&p).enumerate() {
                            class[j] = [
                                ((pk - (y[i] == k as f64) as u8 as f64) * wi) as f32,
                                (pk * (1.0 - pk) * wi) as f32,
                            ];
                        }
                    }
                });
            }
        }
    }

    /// The weighted mean loss over the rows (scikit-learn's `loss(...)`).
    /// Summed over fixed row chunks in order: the same on any thread count.
    pub fn mean_loss(self, y: &[f64], raw: &[f64], w: Option<&[f64]>) -> f64 {
        let n = y.len();
        let per_row = |i: usize| self.row_loss(y, raw, i);
        let chunks: Vec<f64> = (0..n.div_ceil(ROW_CHUNK))
            .into_par_iter()
            .map(|c| {
                let rows = c * ROW_CHUNK..((c + 1) * ROW_CHUNK).min(n);
                match (self, w) {
                    // The classifier's hot case, over zipped slices (no
                    // bounds checks; no multiplication by 1, an identity).
                    (Loss::Binomial, None) => y[rows.clone()]
                        .iter()
                        .zip(&raw[rows])
                        .map(|(&yi, &ri)| log1pexp(ri) - yi * ri)
                        .sum::<f64>(),
                    _ => rows.map(|i| per_row(i) * w.map_or(1.0, |w| w[i])).sum::<f64>(),
                }
            })
            .collect();
        let total_weight: f64 = w.map_or(n as f64, |w| w.iter().sum());
        chunks.iter().sum::<f64>() / total_weight
    }
}

impl Loss {
    /// The loss of row `i` (unweighted); `raw` is class-major over
    /// `y.len()` rows.
    #[inline]
    pub fn row_loss(self, y: &[f64], raw: &[f64], i: usize) -> f64 {
        let n = y.len();
        match self {
            Loss::SquaredError => 0.5 * (y[i] - raw[i]) * (y[i] - raw[i]),
            Loss::Binomial => log1pexp(raw[i]) - y[i] * raw[i],
            Loss::Multinomial { n_classes } => {
                let max = (0..n_classes).map(|k| raw[k * n + i]).fold(f64::NEG_INFINITY, f64::max);
                let sum: f64 = (0..n_classes).map(|k| (raw[k * n + i] - max).exp()).sum();
                sum.ln() + max - raw[y[i] as usize * n + i]
            }
        }
    }
}

/// Gradient and hessian of the half binomial loss in a form that neither
/// overflows nor cancels (scikit-learn's).
fn binomial_grad_hess(y: f64, raw: f64) -> (f64, f64) {
    if raw > -37.0 {
        let e = (-raw).exp();
        (((1.0 - y) - y * e) / (1.0 + e), e / ((1.0 + e) * (1.0 + e)))
    } else {
        let e = raw.exp();
        (e - y, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baselines_are_the_weighted_mean_log_odds_and_centred_log_priors() {
        let y = [0.0, 1.0, 1.0, 1.0];
        assert_eq!(Loss::SquaredError.baseline(&y, None), vec![0.75]);
        assert!((Loss::Binomial.baseline(&y, None)[0] - 3f64.ln()).abs() < 1e-15);
        let w = [3.0, 1.0, 1.0, 1.0];
        assert!((Loss::Binomial.baseline(&y, Some(&w))[0]).abs() < 1e-15);
        let y3 = [0.0, 1.0, 2.0, 2.0];
        let b = Loss::Multinomial { n_classes: 3 }.baseline(&y3, None);
        assert!((b.iter().sum::<f64>()).abs() < 1e-15);
        assert!((b[2] - b[0] - 2f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn gradients_are_the_derivatives_of_the_loss() {
        let y = [0.0, 1.0, 1.0];
        let raw = [0.3, -1.2, 2.0];
        let mut gh = [[0f32; 2]; 3];
        Loss::Binomial.gradients(&y, &raw, None, &mut gh);
        for i in 0..3 {
            let p = expit(raw[i]);
            assert!((gh[i][0] as f64 - (p - y[i])).abs() < 1e-7);
            assert!((gh[i][1] as f64 - p * (1.0 - p)).abs() < 1e-7);
        }
        let loss = Loss::Binomial.mean_loss(&y, &raw, None);
        let direct: f64 = (0..3).map(|i| (1.0 + raw[i].exp()).ln() - y[i] * raw[i]).sum::<f64>() / 3.0;
        assert!((loss - direct).abs() < 1e-14);
    }
}
