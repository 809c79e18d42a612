//! The normal equations `X_cᵀX_c·w = X_cᵀy_c` of the centred, unweighted
//! least-squares problem, formed without a centred copy of `x`: one
//! parallel pass over the rows (column sums, sums of squares, `Xᵀy_c`), then
//! the parallel Gram matrix of the input itself, corrected by the means
//! (`X_cᵀX_c = XᵀX − n·μμᵀ`) when that is numerically safe. For an `f64`
//! input the large matrix is only read: no copy, no centring pass.
//!
//! [`Ridge`](super::Ridge) (Cholesky) and [`LinearRegression`](super::LinearRegression)
//! (eigendecomposition, when `x` is well conditioned) solve on it; both
//! fall back to the centred copy of [`prepare`](super::base::prepare) when a
//! rule below says no.

use crate::error::Result;
use crate::float::Float;
use crate::linalg::{f64_view, gram, symmetric_eigen};
use crate::validation::{check_finite_1d, check_x_y};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

/// Rows per block of [`moments`]: fixed, so that the sums do not depend on
/// the number of threads.
const MOMENT_ROWS: usize = 2048;

/// Largest `μ_j² / σ_j²` (squared mean over variance of a column) at which
/// the Gram matrix of the uncentred input is corrected by the means.
///
/// Why: the rounding error of an entry of `XᵀX` is of the order of
/// `ε·n·(σ_jσ_k + |μ_jμ_k|)`, which the subtraction of `n·μ_jμ_k` leaves
/// in a result of scale `n·σ_jσ_k`: the correction costs a relative
/// `ε·(1 + μ²/σ²)` where an explicit centring costs `ε·(1 + |μ|/σ)`. At
/// `μ² ≤ 4σ²` that is at most about two bits more than the centred copy;
/// beyond it (data far from the origin: cancellation) the caller centres a
/// copy as before.
const MAX_MEAN_TO_SPREAD: f64 = 4.0;

/// Smallest `s_min / s_max` of `x` (singular values, estimated as square
/// roots of the Gram matrix's eigenvalues) at which
/// [`LinearRegression`](super::LinearRegression) solves on the Gram matrix.
///
/// Why: forming `XᵀX` squares the condition number, so the solution's
/// relative error grows as `ε·κ(X)²`: at `κ ≤ 1e3` it stays below about
/// `1e6·ε ≈ 2e-10`, inside the promised 1e-8 of scipy's `lstsq`. Worse
/// conditioned (or rank-deficient) data takes the SVD of the centred `x`.
const MIN_INVERSE_CONDITION: f64 = 1e-3;

/// Column sums, sums of squares and `Xᵀy`.
pub(crate) struct Moments {
    pub sum: Array1<f64>,
    pub sum_sq: Array1<f64>,
    pub xty: Array1<f64>,
}

/// [`Moments`] of `x` and `y` in one pass over the rows of `x`, in parallel
/// over fixed blocks of [`MOMENT_ROWS`] rows added in block order
/// (bit-identical on any thread count). Row by row, so a row-major `x` is
/// read contiguously (a column at a time would stride over it).
pub(crate) fn moments(x: ArrayView2<'_, f64>, y: &[f64]) -> Moments {
    let p = x.ncols();
    let blocks: Vec<[Vec<f64>; 3]> = x
        .axis_chunks_iter(Axis(0), MOMENT_ROWS)
        .into_par_iter()
        .zip(y.par_chunks(MOMENT_ROWS))
        .map(|(rows, ys)| {
            let (mut sum, mut sum_sq, mut xty) = (vec![0.0; p], vec![0.0; p], vec![0.0; p]);
            for (row, &yi) in rows.outer_iter().zip(ys) {
                // On slices, so that the loop vectorises (a strided row is copied).
                let row = row
                    .as_slice()
                    .map_or_else(|| row.to_vec().into(), std::borrow::Cow::Borrowed);
                for (((s, q), c), &v) in sum.iter_mut().zip(&mut sum_sq).zip(&mut xty).zip(row.iter()) {
                    *s += v;
                    *q += v * v;
                    *c += v * yi;
                }
            }
            [sum, sum_sq, xty]
        })
        .collect();
    let mut total = [vec![0.0; p], vec![0.0; p], vec![0.0; p]];
    for block in &blocks {
        for (acc, part) in total.iter_mut().zip(block) {
            for (a, b) in acc.iter_mut().zip(part) {
                *a += b;
            }
        }
    }
    let [sum, sum_sq, xty] = total;
    Moments {
        sum: Array1::from(sum),
        sum_sq: Array1::from(sum_sq),
        xty: Array1::from(xty),
    }
}

/// The centred normal equations and the offsets of the intercept.
pub(crate) struct NormalEquations {
    /// `X_cᵀX_c` (symmetric).
    pub gram: Array2<f64>,
    /// `X_cᵀy_c`.
    pub xty: Array1<f64>,
    /// The column means of `x` (zeros without an intercept).
    pub x_offset: Array1<f64>,
    /// The mean of `y` (zero without an intercept).
    pub y_offset: f64,
}

impl NormalEquations {
    /// The intercept `y_offset − x_offset·coef` (scikit-learn's).
    pub(crate) fn intercept(&self, coef: ArrayView1<'_, f64>) -> f64 {
        self.y_offset - coef.dot(&self.x_offset)
    }
}

/// Checks `x` and `y` (the errors of
/// [`regression_inputs`](super::base::regression_inputs)) and forms the
/// normal equations of the unweighted problem; `Ok(None)` when a column's
/// mean is too large for its spread ([`MAX_MEAN_TO_SPREAD`]): the caller
/// then centres a copy.
pub(crate) fn normal_equations<F: Float>(
    name: &'static str,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, F>,
    fit_intercept: bool,
) -> Result<Option<NormalEquations>> {
    check_x_y(name, x, y.len())?;
    check_finite_1d(name, y)?;
    let x = f64_view(x);
    let y = y.mapv(F::as_f64);
    Ok(centred_normal_equations(x.view(), y.view(), fit_intercept))
}

fn centred_normal_equations(
    x: ArrayView2<'_, f64>,
    y: ArrayView1<'_, f64>,
    fit_intercept: bool,
) -> Option<NormalEquations> {
    let (n, p) = x.dim();
    let y_offset = if fit_intercept { y.mean()? } else { 0.0 };
    let yc: Vec<f64> = y.iter().map(|v| v - y_offset).collect();
    let m = moments(x, &yc);
    let nf = n as f64;
    let x_offset = if fit_intercept { &m.sum / nf } else { Array1::zeros(p) };
    if fit_intercept {
        let safe = x_offset.iter().zip(&m.sum_sq).all(|(&mu, &q)| {
            // A negative variance is cancellation in the estimate itself.
            let variance = q / nf - mu * mu;
            mu == 0.0 || mu * mu <= MAX_MEAN_TO_SPREAD * variance
        });
        if !safe {
            return None;
        }
    }
    let mut g = gram(x);
    let mut xty = m.xty;
    if fit_intercept {
        // n·(μ_j·μ_k): the same bits for (j, k) and (k, j), so `g` stays symmetric.
        for ((j, k), v) in g.indexed_iter_mut() {
            *v -= nf * (x_offset[j] * x_offset[k]);
        }
        // X_cᵀy_c = Xᵀy_c − μ·Σy_c (Σy_c is zero up to rounding).
        let y_sum: f64 = yc.iter().sum();
        xty.scaled_add(-y_sum, &x_offset);
    }
    Some(NormalEquations {
        gram: g,
        xty,
        x_offset,
        y_offset,
    })
}

/// The least-squares solution `w = V·diag(1/λ)·Vᵀ·X_cᵀy_c` from the
/// eigendecomposition `X_cᵀX_c = V·diag(λ)·Vᵀ`, with the singular values
/// `√λ` of `X_c` (non-increasing), when `X_c` is well conditioned: `s_min /
/// s_max ≥ max(`[`MIN_INVERSE_CONDITION`]`, 2·cond)`, so that the rank is
/// certainly full at scipy's `cond` (the estimate of `s_min` is good to a
/// relative `ε·κ²`). `Ok(None)` otherwise: the caller takes the SVD of `x`.
pub(crate) fn well_conditioned_lstsq(ne: &NormalEquations, cond: f64) -> Result<Option<(Array1<f64>, Array1<f64>)>> {
    let p = ne.gram.nrows();
    if p == 0 {
        return Ok(None);
    }
    let (values, vectors) = symmetric_eigen(ne.gram.view())?;
    let (lowest, highest) = (values[0], values[p - 1]);
    let bound = MIN_INVERSE_CONDITION.max(2.0 * cond);
    if !(lowest > 0.0 && lowest >= highest * bound * bound) {
        return Ok(None);
    }
    let projected = vectors.t().dot(&ne.xty) / &values;
    let coef = vectors.dot(&projected);
    let singular = values.iter().rev().map(|v| v.sqrt()).collect();
    Ok(Some((coef, singular)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// The corrected Gram matrix and `Xᵀy` equal those of a centred copy,
    /// and data far from the origin is refused.
    #[test]
    fn correction_matches_centring_and_refuses_large_means() {
        let x = array![[1.0, 2.0], [2.0, -1.0], [0.5, 0.0], [3.0, 1.5], [-1.0, 0.5]];
        let y = array![1.0, 2.0, 0.0, 4.0, -1.0];
        let ne = centred_normal_equations(x.view(), y.view(), true).unwrap();
        let mean = x.mean_axis(Axis(0)).unwrap();
        let xc = &x - &mean;
        let yc = &y - y.mean().unwrap();
        assert!((&ne.gram - &xc.t().dot(&xc)).iter().all(|d| d.abs() < 1e-12));
        assert!((&ne.xty - &xc.t().dot(&yc)).iter().all(|d| d.abs() < 1e-12));
        assert_eq!(ne.gram, ne.gram.t());
        let far = &x + 100.0;
        assert!(centred_normal_equations(far.view(), y.view(), true).is_none());
        // Without an intercept nothing is centred, whatever the means.
        let raw = centred_normal_equations(far.view(), y.view(), false).unwrap();
        assert!((&raw.gram - &far.t().dot(&far)).iter().all(|d| d.abs() < 1e-9));
    }

    /// Rank-deficient (collinear) data is left to the SVD.
    #[test]
    fn collinear_columns_are_not_solved_on_the_gram_matrix() {
        let x = array![[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [0.0, 0.0]];
        let y = array![1.0, 2.0, 3.0, 0.5];
        let ne = centred_normal_equations(x.view(), y.view(), true).unwrap();
        assert!(well_conditioned_lstsq(&ne, 1e-6).unwrap().is_none());
    }

    #[test]
    fn moments_do_not_depend_on_the_thread_count() {
        let x = Array2::from_shape_fn((5000, 3), |(i, j)| ((i * 7 + j) % 13) as f64 * 0.37 - 1.1);
        let y: Vec<f64> = (0..5000).map(|i| (i % 11) as f64 * 0.3).collect();
        let run = |threads| {
            crate::parallel::with_n_jobs(Some(threads), || {
                let m = moments(x.view(), &y);
                (m.sum, m.sum_sq, m.xty)
            })
            .unwrap()
        };
        assert_eq!(run(1), run(2));
    }
}
