//! [`Ridge`] and [`RidgeClassifier`](super::RidgeClassifier) on a sparse
//! `X`: conjugate gradients on the normal equations (or on the kernel form
//! with more features than samples) through an operator that centres and
//! weights `X` implicitly, as scikit-learn's `_solve_sparse_cg` with
//! `X_offset`: the matrix is never densified nor centred (centring would
//! fill it in).

use super::{Ridge, RidgeSolver, conjugate_gradient};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::sparse::{CscMatrix, CsrMatrix};
use ndarray::{Array1, Array2, ArrayView1};
use rayon::prelude::*;

/// `A = diag(√s)·(X − 1·x̄ᵀ)`: the centred (when fitting an intercept),
/// weighted design, applied without forming it.
struct Centred<'a, F> {
    csr: &'a CsrMatrix<F>,
    /// The column layout, for `Aᵀu` one column at a time (parallel and
    /// deterministic).
    csc: CscMatrix<F>,
    /// The weighted column means `x̄` (zeros without an intercept).
    x_offset: Array1<f64>,
    sqrt_sw: Array1<f64>,
}

impl<F: Float> Centred<'_, F> {
    /// `A v = √s ⊙ (X v − x̄·v)`.
    fn matvec(&self, v: &Array1<f64>) -> Array1<f64> {
        let shift = self.x_offset.dot(v);
        let mut out = vec![0.0; self.csr.nrows()];
        out.par_iter_mut().with_min_len(1024).enumerate().for_each(|(i, o)| {
            let row = self.csr.row(i);
            let dot: f64 = row
                .indices
                .iter()
                .zip(row.values)
                .map(|(&j, x)| x.as_f64() * v[j as usize])
                .sum();
            *o = self.sqrt_sw[i] * (dot - shift);
        });
        Array1::from(out)
    }

    /// `Aᵀ u = Xᵀ(√s ⊙ u) − x̄ (√s·u)`.
    fn rmatvec(&self, u: &Array1<f64>) -> Array1<f64> {
        let su = &self.sqrt_sw * u;
        let total = su.sum();
        let mut out = vec![0.0; self.csc.ncols()];
        out.par_iter_mut().with_min_len(256).enumerate().for_each(|(j, o)| {
            let column = self.csc.column(j);
            let dot: f64 = column
                .indices
                .iter()
                .zip(column.values)
                .map(|(&i, x)| x.as_f64() * su[i as usize])
                .sum();
            *o = dot - self.x_offset[j] * total;
        });
        Array1::from(out)
    }
}

impl Ridge {
    /// The coefficients (targets × features), intercepts and largest number
    /// of conjugate-gradient iterations of the ridge problem on a sparse
    /// (checked) `x` with targets `y` (one column per target) and optional
    /// (checked) sample weights.
    pub(super) fn solve_sparse<F: Float>(
        &self,
        name: &'static str,
        x: &CsrMatrix<F>,
        y: Array2<f64>,
        sample_weight: Option<&Array1<f64>>,
    ) -> Result<(Array2<f64>, Array1<f64>, usize)> {
        let (n, p) = x.shape();
        let csc = x.to_csc();
        let (x_offset, y_offset) = if self.fit_intercept {
            let (weights, total) = match sample_weight {
                Some(w) => (w.clone(), w.sum()),
                None => (Array1::ones(n), n as f64),
            };
            let x_offset = column_sums(&csc, weights.view()) / total;
            let y_offset = y.t().dot(&weights) / total;
            (x_offset, y_offset)
        } else {
            (Array1::zeros(p), Array1::zeros(y.ncols()))
        };
        let sqrt_sw = sample_weight.map_or_else(|| Array1::ones(n), |w| w.mapv(f64::sqrt));
        let a = Centred {
            csr: x,
            csc,
            x_offset,
            sqrt_sw,
        };
        let alpha = self.alpha;
        let mut coef = Array2::zeros((y.ncols(), p));
        let mut most = 0;
        for ((mut row, target), offset) in coef.rows_mut().into_iter().zip(y.columns()).zip(&y_offset) {
            let target = (&target - *offset) * &a.sqrt_sw;
            let (w, iters) = if p > n {
                // The kernel form: (AAᵀ + αI)·c = y, w = Aᵀc.
                let (c, iters) = conjugate_gradient(
                    |v| a.matvec(&a.rmatvec(v)) + &(v * alpha),
                    target,
                    self.tol,
                    self.max_iter.unwrap_or(10 * n),
                );
                (a.rmatvec(&c), iters)
            } else {
                conjugate_gradient(
                    |v| a.rmatvec(&a.matvec(v)) + &(v * alpha),
                    a.rmatvec(&target),
                    self.tol,
                    self.max_iter.unwrap_or(10 * p),
                )
            };
            row.assign(&w);
            most = most.max(iters);
        }
        if coef.iter().any(|v| !v.is_finite()) {
            return Err(Error::NotConverged {
                context: name.into(),
                message: "conjugate gradients reached a non-finite coefficient".into(),
            });
        }
        let intercept = &y_offset - &coef.dot(&a.x_offset);
        Ok((coef, intercept, most))
    }

    /// Whether a sparse input runs the sparse solver: `Auto` and
    /// `SparseCg` (scikit-learn's `"auto"` picks `"sparse_cg"` for sparse
    /// `X`); `Cholesky` and `Svd` need the dense matrix.
    pub(super) fn solves_sparse(&self) -> bool {
        matches!(self.solver, RidgeSolver::Auto | RidgeSolver::SparseCg)
    }
}

/// `Xᵀw`: one weighted sum per column, in parallel, each in row order.
fn column_sums<F: Float>(csc: &CscMatrix<F>, weights: ArrayView1<'_, f64>) -> Array1<f64> {
    let mut out = vec![0.0; csc.ncols()];
    out.par_iter_mut().with_min_len(256).enumerate().for_each(|(j, o)| {
        let column = csc.column(j);
        *o = column
            .indices
            .iter()
            .zip(column.values)
            .map(|(&i, x)| x.as_f64() * weights[i as usize])
            .sum();
    });
    Array1::from(out)
}
