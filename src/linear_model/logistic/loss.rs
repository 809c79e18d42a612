//! The scaled penalised log-loss and its gradient, evaluated in parallel over
//! fixed blocks of rows.

use crate::float::Float;
use crate::linalg::matmul;
use crate::parallel::map_row_chunks;
use ndarray::{Array2, ArrayView1, ArrayView2};

/// Rows per block of the loss and of prediction. Fixed, so results do not
/// depend on the thread count; smaller than [`crate::parallel::ROW_CHUNK`] so
/// that mid-sized data (a few thousand rows) still splits over the cores, yet
/// large enough for each block's GEMM to run at full speed.
pub(super) const BLOCK_ROWS: usize = 1024;

/// `log(1 + exp(z))` without overflow or loss of precision.
#[inline]
pub(super) fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

/// `1 / (1 + exp(−z))` without overflow.
#[inline]
pub(super) fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Replaces `z` by `softmax(z)` and returns `log Σ exp(z)` (both stable:
/// shifted by the maximum).
#[inline]
pub(super) fn softmax_in_place(z: &mut [f64]) -> f64 {
    let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
    max + sum.ln()
}

/// The objective minimised by the solver, as in scikit-learn's
/// `LinearModelLoss`:
///
/// ```text
/// f(W, b) = Σ_i ω_i loss_i(W x_i + b) + ½ λ ‖W‖²,   ω_i = s_i / Σ s,   λ = 1 / (C Σ s)
/// ```
///
/// Parameters are one flat `f64` vector: the `k × p` coefficient matrix in
/// row-major order (`k = 1` for two classes, the number of classes
/// otherwise), then the `k` intercepts when they are fitted.
pub(super) struct LogisticLoss<'a, F: Float> {
    x: ArrayView2<'a, F>,
    /// Class index of each sample.
    codes: &'a [usize],
    /// Normalised sample weights `ω_i` (summing to one).
    weights: ArrayView1<'a, f64>,
    /// Rows of the coefficient matrix (1 for binary).
    k: usize,
    fit_intercept: bool,
    /// `λ = 1 / (C Σ s)`.
    l2: f64,
}

/// What one block of rows contributes.
struct BlockSums<F> {
    loss: f64,
    grad_intercept: Vec<f64>,
    grad_coef: Array2<F>,
}

impl<'a, F: Float> LogisticLoss<'a, F> {
    pub fn new(
        x: ArrayView2<'a, F>,
        codes: &'a [usize],
        weights: ArrayView1<'a, f64>,
        n_classes: usize,
        fit_intercept: bool,
        l2: f64,
    ) -> Self {
        let k = if n_classes == 2 { 1 } else { n_classes };
        LogisticLoss {
            x,
            codes,
            weights,
            k,
            fit_intercept,
            l2,
        }
    }

    /// Length of the flat parameter vector (the fit computes it before
    /// choosing a solver).
    #[cfg(test)]
    pub fn n_params(&self) -> usize {
        self.k * self.x.ncols() + if self.fit_intercept { self.k } else { 0 }
    }

    /// The objective at `params`; writes its gradient into `grad`.
    pub fn value_and_gradient(&self, params: &[f64], grad: &mut [f64]) -> f64 {
        let (k, p) = (self.k, self.x.ncols());
        let coef = ArrayView2::from_shape((k, p), &params[..k * p]).expect("parameter layout");
        let coef_f = coef.mapv(F::cast);
        let zeros = vec![0.0; k];
        let intercept = if self.fit_intercept {
            &params[k * p..]
        } else {
            &zeros[..]
        };

        let blocks = map_row_chunks(self.x, BLOCK_ROWS, |start, rows| {
            self.block(start, rows, coef_f.view(), intercept)
        });

        // Combine the blocks in order (deterministic), in f64.
        grad.fill(0.0);
        let mut loss = 0.0;
        let (grad_coef, grad_intercept) = grad.split_at_mut(k * p);
        for block in &blocks {
            loss += block.loss;
            grad_coef
                .iter_mut()
                .zip(block.grad_coef.iter())
                .for_each(|(g, b)| *g += b.as_f64());
            if self.fit_intercept {
                grad_intercept
                    .iter_mut()
                    .zip(&block.grad_intercept)
                    .for_each(|(g, b)| *g += b);
            }
        }
        let mut norm2 = 0.0;
        for (g, w) in grad_coef.iter_mut().zip(coef.iter()) {
            *g += self.l2 * w;
            norm2 += w * w;
        }
        loss + 0.5 * self.l2 * norm2
    }

    fn block(&self, start: usize, rows: ArrayView2<'_, F>, coef: ArrayView2<'_, F>, intercept: &[f64]) -> BlockSums<F> {
        let (n, k) = (rows.nrows(), self.k);
        // Raw scores X·Wᵀ, then overwritten in place by the weighted
        // residuals ω_i (p_i − y_i) that the gradient GEMM needs.
        let mut scores = Array2::<F>::zeros((n, k));
        matmul(scores.view_mut(), rows, coef.t(), false);
        let mut loss = 0.0;
        let mut grad_intercept = vec![0.0; k];
        let mut z = vec![0.0; k];
        for (i, mut row) in scores.outer_iter_mut().enumerate() {
            let weight = self.weights[start + i];
            let class = self.codes[start + i];
            if k == 1 {
                let zi = row[0].as_f64() + intercept[0];
                let y = if class == 1 { 1.0 } else { 0.0 };
                loss += weight * (softplus(zi) - y * zi);
                let r = weight * (sigmoid(zi) - y);
                row[0] = F::cast(r);
                grad_intercept[0] += r;
            } else {
                for ((zc, s), b) in z.iter_mut().zip(row.iter()).zip(intercept) {
                    *zc = s.as_f64() + b;
                }
                let z_true = z[class];
                let lse = softmax_in_place(&mut z);
                loss += weight * (lse - z_true);
                for (c, (out, prob)) in row.iter_mut().zip(&z).enumerate() {
                    let y = if c == class { 1.0 } else { 0.0 };
                    let r = weight * (prob - y);
                    *out = F::cast(r);
                    grad_intercept[c] += r;
                }
            }
        }
        let mut grad_coef = Array2::<F>::zeros((k, rows.ncols()));
        matmul(grad_coef.view_mut(), scores.t(), rows, false);
        BlockSums {
            loss,
            grad_intercept,
            grad_coef,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn stable_scalar_functions() {
        assert_eq!(softplus(1000.0), 1000.0);
        assert!(softplus(-1000.0) >= 0.0 && softplus(-1000.0) < 1e-300);
        approx::assert_relative_eq!(softplus(0.3), (1.0 + 0.3f64.exp()).ln(), max_relative = 1e-15);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        let mut z = vec![1000.0, 1000.0, -1000.0];
        let lse = softmax_in_place(&mut z);
        approx::assert_relative_eq!(lse, 1000.0 + 2f64.ln());
        assert_eq!(z, vec![0.5, 0.5, 0.0]);
    }

    /// Central differences of the objective agree with its gradient, for the
    /// binary and the multinomial parametrisation, with and without intercept.
    #[test]
    fn gradient_matches_finite_differences() {
        let x = array![
            [0.5, -1.0, 2.0],
            [1.5, 0.3, -0.7],
            [-0.2, 0.8, 0.1],
            [2.0, -1.2, 0.4],
            [0.0, 0.5, -1.5]
        ];
        let weights = array![0.1, 0.3, 0.2, 0.25, 0.15];
        for (codes, n_classes) in [(vec![0, 1, 1, 0, 1], 2), (vec![0, 2, 1, 0, 2], 3)] {
            for fit_intercept in [true, false] {
                let loss = LogisticLoss::new(x.view(), &codes, weights.view(), n_classes, fit_intercept, 0.37);
                let params: Vec<f64> = (0..loss.n_params()).map(|i| ((i * 7 % 5) as f64 - 2.0) * 0.3).collect();
                let mut grad = vec![0.0; params.len()];
                loss.value_and_gradient(&params, &mut grad);
                let mut scratch = vec![0.0; params.len()];
                for j in 0..params.len() {
                    let h = 1e-6;
                    let mut plus = params.clone();
                    plus[j] += h;
                    let mut minus = params.clone();
                    minus[j] -= h;
                    let numeric = (loss.value_and_gradient(&plus, &mut scratch)
                        - loss.value_and_gradient(&minus, &mut scratch))
                        / (2.0 * h);
                    approx::assert_abs_diff_eq!(grad[j], numeric, epsilon = 1e-8);
                }
            }
        }
    }
}
