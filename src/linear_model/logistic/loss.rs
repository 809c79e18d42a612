//! The scaled penalised log-loss and its gradient, evaluated in parallel over
//! fixed blocks of rows, on a dense or a sparse design matrix.

use super::design::Design;
use crate::distributed::ExactSums;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::matmul;
use crate::parallel::{fixed_row_parts, map_row_chunks};
use crate::sparse::{CscMatrix, CsrMatrix};
use ndarray::{Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis};
use rayon::prelude::*;

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
pub(super) struct LogisticLoss<'a, 'd, 'x, F: Float> {
    x: &'d Design<'x, F>,
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
    grad_coef: BlockGrad<F>,
}

/// A block's part of the coefficient gradient `Rᵀ·X`.
enum BlockGrad<F> {
    /// None: computed from the columns after all blocks (sparse input with
    /// a CSC copy).
    Later,
    /// From the block's GEMM (dense input).
    Gemm(Array2<F>),
    /// Summed row by row in `f64` (sparse input without a CSC copy).
    Rows(Vec<f64>),
}

impl<'a, 'd, 'x, F: Float> LogisticLoss<'a, 'd, 'x, F> {
    pub fn new(
        x: &'d Design<'x, F>,
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
        grad.fill(0.0);
        let (grad_coef, grad_intercept) = grad.split_at_mut(k * p);

        let blocks = match self.x {
            Design::Dense(x) => map_row_chunks(*x, BLOCK_ROWS, |start, rows| {
                self.dense_block(start, rows, coef_f.view(), intercept)
            }),
            Design::Sparse { csr, csc: None } => {
                // One pass over fixed row parts: each row's scores,
                // residuals and its share of `Rᵀ·X`, into a gradient per
                // part (the design chose this when the parts' gradients
                // are smaller than the matrix).
                let parts = fixed_row_parts(csr.nrows());
                parts
                    .into_par_iter()
                    .map(|rows| self.sparse_part(csr, rows, coef_f.view(), intercept))
                    .collect()
            }
            Design::Sparse { csr, csc: Some(csc) } => {
                // Scores row by row (CSR), overwritten by the residuals in
                // the same blocks as the dense path; then `Rᵀ·X` by columns.
                let mut residuals = Array2::<F>::zeros((csr.nrows(), k));
                let blocks: Vec<BlockSums<F>> = residuals
                    .axis_chunks_iter_mut(Axis(0), BLOCK_ROWS)
                    .into_par_iter()
                    .enumerate()
                    .map(|(b, mut scores)| {
                        let start = b * BLOCK_ROWS;
                        for (i, mut out) in scores.outer_iter_mut().enumerate() {
                            let row = csr.row(start + i);
                            for (o, w) in out.iter_mut().zip(coef_f.outer_iter()) {
                                *o = row.dot(w);
                            }
                        }
                        let (loss, grad_intercept) = self.residuals(start, scores, intercept);
                        BlockSums {
                            loss,
                            grad_intercept,
                            grad_coef: BlockGrad::Later,
                        }
                    })
                    .collect();
                transpose_dot_residuals(csc, residuals.view(), grad_coef);
                blocks
            }
        };

        // Combine the blocks in order (deterministic), in f64.
        let mut loss = 0.0;
        for block in &blocks {
            loss += block.loss;
            match &block.grad_coef {
                BlockGrad::Later => {}
                BlockGrad::Gemm(block_grad) => grad_coef
                    .iter_mut()
                    .zip(block_grad.iter())
                    .for_each(|(g, b)| *g += b.as_f64()),
                BlockGrad::Rows(block_grad) => grad_coef.iter_mut().zip(block_grad).for_each(|(g, b)| *g += b),
            }
            if self.fit_intercept {
                grad_intercept
                    .iter_mut()
                    .zip(&block.grad_intercept)
                    .for_each(|(g, b)| *g += b);
            }
        }
        loss + self.add_penalty(&params[..k * p], grad_coef)
    }

    /// Adds the L2 penalty's gradient `λ W` to `grad_coef`; returns the
    /// penalty `½ λ ‖W‖²`.
    fn add_penalty(&self, coef: &[f64], grad_coef: &mut [f64]) -> f64 {
        let mut norm2 = 0.0;
        for (g, w) in grad_coef.iter_mut().zip(coef) {
            *g += self.l2 * w;
            norm2 += w * w;
        }
        0.5 * self.l2 * norm2
    }

    /// The objective of [`value_and_gradient`](Self::value_and_gradient)
    /// with every sum over rows exact: each row's loss and gradient terms go
    /// into [`ExactSums`] (laid out as `[loss, coefficient gradient (k × p),
    /// intercept gradient (k)]`), `reduce` combines them (a distributed fit
    /// all-reduces them over the ranks), then the penalty is added. The
    /// result does not depend on how the rows are grouped, so every rank
    /// and every rank count gets the same bits. Dense designs only.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only `fit_distributed` uses it
    pub fn value_and_gradient_exact(
        &self,
        params: &[f64],
        grad: &mut [f64],
        reduce: &mut dyn FnMut(&mut ExactSums) -> Result<()>,
    ) -> Result<f64> {
        let Design::Dense(x) = self.x else {
            return Err(Error::invalid_input(
                "LogisticRegression",
                "the exact (distributed) objective takes a dense X",
            ));
        };
        let (k, p) = (self.k, x.ncols());
        let coef = &params[..k * p];
        let zeros = vec![0.0; k];
        let intercept = if self.fit_intercept {
            &params[k * p..]
        } else {
            &zeros[..]
        };
        let mut sums = ExactSums::new(1 + k * p + k);
        let mut z = vec![0.0; k];
        for (i, row) in x.outer_iter().enumerate() {
            for (c, zc) in z.iter_mut().enumerate() {
                let w = &coef[c * p..(c + 1) * p];
                *zc = intercept[c] + row.iter().zip(w).map(|(v, w)| v.as_f64() * w).sum::<f64>();
            }
            sums.add(0, self.residual_of(i, &mut z));
            for (c, &r) in z.iter().enumerate() {
                for (j, v) in row.iter().enumerate() {
                    sums.add(1 + c * p + j, r * v.as_f64());
                }
                sums.add(1 + k * p + c, r);
            }
        }
        reduce(&mut sums)?;
        let values = sums.values();
        let (grad_coef, grad_intercept) = grad.split_at_mut(k * p);
        grad_coef.copy_from_slice(&values[1..1 + k * p]);
        if self.fit_intercept {
            grad_intercept.copy_from_slice(&values[1 + k * p..]);
        }
        Ok(values[0] + self.add_penalty(coef, grad_coef))
    }

    fn dense_block(
        &self,
        start: usize,
        rows: ArrayView2<'_, F>,
        coef: ArrayView2<'_, F>,
        intercept: &[f64],
    ) -> BlockSums<F> {
        // Raw scores X·Wᵀ, then overwritten in place by the weighted
        // residuals ω_i (p_i − y_i) that the gradient GEMM needs.
        let mut scores = Array2::<F>::zeros((rows.nrows(), self.k));
        matmul(scores.view_mut(), rows, coef.t(), false);
        let (loss, grad_intercept) = self.residuals(start, scores.view_mut(), intercept);
        let mut grad_coef = Array2::<F>::zeros((self.k, rows.ncols()));
        matmul(grad_coef.view_mut(), scores.t(), rows, false);
        BlockSums {
            loss,
            grad_intercept,
            grad_coef: BlockGrad::Gemm(grad_coef),
        }
    }

    /// Rows `rows` of a sparse `X` in one pass: scores, residuals and
    /// `Rᵀ·X` summed row by row in `f64`.
    fn sparse_part(
        &self,
        csr: &CsrMatrix<F>,
        rows: std::ops::Range<usize>,
        coef: ArrayView2<'_, F>,
        intercept: &[f64],
    ) -> BlockSums<F> {
        let (k, p) = (self.k, csr.ncols());
        let mut grad = vec![0.0; k * p];
        let mut grad_intercept = vec![0.0; k];
        let mut loss = 0.0;
        let mut z = vec![0.0; k];
        for i in rows {
            let row = csr.row(i);
            for ((zc, w), b) in z.iter_mut().zip(coef.outer_iter()).zip(intercept) {
                *zc = row.dot(w).as_f64() + b;
            }
            loss += self.residual_of(i, &mut z);
            for (c, &r) in z.iter().enumerate() {
                grad_intercept[c] += r;
                let g = &mut grad[c * p..(c + 1) * p];
                for (&j, v) in row.indices.iter().zip(row.values) {
                    g[j as usize] += r * v.as_f64();
                }
            }
        }
        BlockSums {
            loss,
            grad_intercept,
            grad_coef: BlockGrad::Rows(grad),
        }
    }

    /// Replaces the decision values `z` (scores plus intercepts) of row `i`
    /// by its weighted residuals `ω_i (p_i − y_i)`; returns its weighted loss.
    #[inline]
    fn residual_of(&self, i: usize, z: &mut [f64]) -> f64 {
        let weight = self.weights[i];
        let class = self.codes[i];
        if self.k == 1 {
            let zi = z[0];
            let y = if class == 1 { 1.0 } else { 0.0 };
            z[0] = weight * (sigmoid(zi) - y);
            weight * (softplus(zi) - y * zi)
        } else {
            let z_true = z[class];
            let lse = softmax_in_place(z);
            for (c, v) in z.iter_mut().enumerate() {
                let y = if c == class { 1.0 } else { 0.0 };
                *v = weight * (*v - y);
            }
            weight * (lse - z_true)
        }
    }

    /// Replaces the raw scores `X·Wᵀ` of the rows from `start` by the
    /// weighted residuals `ω_i (p_i − y_i)`; returns the block's loss and
    /// intercept gradient.
    fn residuals(&self, start: usize, mut scores: ArrayViewMut2<'_, F>, intercept: &[f64]) -> (f64, Vec<f64>) {
        let mut loss = 0.0;
        let mut grad_intercept = vec![0.0; self.k];
        let mut z = vec![0.0; self.k];
        for (i, mut row) in scores.outer_iter_mut().enumerate() {
            for ((zc, s), b) in z.iter_mut().zip(row.iter()).zip(intercept) {
                *zc = s.as_f64() + b;
            }
            loss += self.residual_of(start + i, &mut z);
            for ((out, r), g) in row.iter_mut().zip(&z).zip(grad_intercept.iter_mut()) {
                *out = F::cast(*r);
                *g += r;
            }
        }
        (loss, grad_intercept)
    }
}

/// `grad[c·p + j] = Σ_i R[i, c] X[i, j]` (the `k × p` gradient `Rᵀ·X`, row
/// major) from `X`'s columns: columns in parallel, each summed in row order
/// in `f64`, so the result does not depend on the thread count.
fn transpose_dot_residuals<F: Float>(csc: &CscMatrix<F>, residuals: ArrayView2<'_, F>, grad: &mut [f64]) {
    let (k, p) = (residuals.ncols(), csc.ncols());
    if k == 1 {
        let r = residuals.column(0);
        grad.par_iter_mut().with_min_len(256).enumerate().for_each(|(j, g)| {
            let column = csc.column(j);
            *g = column
                .indices
                .iter()
                .zip(column.values)
                .map(|(&i, v)| v.as_f64() * r[i as usize].as_f64())
                .sum();
        });
        return;
    }
    // Column-major sums (`p × k`), then laid out row-major.
    let mut by_column = vec![0.0; p * k];
    by_column
        .par_chunks_mut(k)
        .with_min_len(64)
        .enumerate()
        .for_each(|(j, out)| {
            let column = csc.column(j);
            for (&i, v) in column.indices.iter().zip(column.values) {
                let v = v.as_f64();
                for (o, r) in out.iter_mut().zip(residuals.row(i as usize)) {
                    *o += v * r.as_f64();
                }
            }
        });
    for (j, sums) in by_column.chunks_exact(k).enumerate() {
        for (c, s) in sums.iter().enumerate() {
            grad[c * p + j] = *s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array1, array};

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
                let design = Design::Dense(x.view());
                let loss = LogisticLoss::new(&design, &codes, weights.view(), n_classes, fit_intercept, 0.37);
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

    /// The sparse design gives the dense design's objective and gradient
    /// (to rounding: the sums run in another order), for both
    /// parametrisations, with more rows than one block.
    #[test]
    fn sparse_design_matches_dense() {
        let n = 2 * BLOCK_ROWS + 37;
        let x = Array2::from_shape_fn((n, 4), |(i, j)| {
            if (i + 2 * j) % 3 == 0 {
                ((i * 7 + j * 3) % 11) as f64 / 5.0 - 1.0
            } else {
                0.0
            }
        });
        let csr = crate::sparse::CsrMatrix::from_dense(x.view());
        let weights = Array1::from_elem(n, 1.0 / n as f64);
        for n_classes in [2, 3] {
            let codes: Vec<usize> = (0..n).map(|i| (i * 5 + i / 7) % n_classes).collect();
            let dense = Design::Dense(x.view());
            let a = LogisticLoss::new(&dense, &codes, weights.view(), n_classes, true, 0.01);
            let params: Vec<f64> = (0..a.n_params()).map(|i| ((i * 3 % 7) as f64 - 3.0) * 0.2).collect();
            let mut ga = vec![0.0; params.len()];
            let fa = a.value_and_gradient(&params, &mut ga);
            // Both sparse strategies: one pass by row parts, and rows then columns.
            for csc in [None, Some(csr.to_csc())] {
                let sparse = Design::Sparse { csr: &csr, csc };
                let b = LogisticLoss::new(&sparse, &codes, weights.view(), n_classes, true, 0.01);
                let mut gb = vec![0.0; params.len()];
                let fb = b.value_and_gradient(&params, &mut gb);
                approx::assert_relative_eq!(fa, fb, max_relative = 1e-13);
                for (u, v) in ga.iter().zip(&gb) {
                    approx::assert_abs_diff_eq!(u, v, epsilon = 1e-14);
                }
            }
        }
    }
}
