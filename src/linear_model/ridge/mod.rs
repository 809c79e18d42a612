//! [`Ridge`] (L2-penalised least squares) and its solvers; [`RidgeCV`]
//! (`alpha` by efficient leave-one-out, in `cv`, or by a splitter's folds,
//! in `folds`); [`RidgeClassifier`] and
//! [`RidgeClassifierCV`] (in `classifier`); the models their `scoring` is
//! given ([`IdentityRegressor`], [`IdentityClassifier`], in `scoring`).

mod classifier;
mod cv;
mod folds;
mod scoring;
mod sparse;

pub use classifier::{FittedRidgeClassifier, FittedRidgeClassifierCV, RidgeClassifier, RidgeClassifierCV};
pub use cv::{FittedRidgeCV, GcvMode, RidgeCV};
pub use scoring::{IdentityClassifier, IdentityRegressor};

use super::api::linear_regressor;
use super::base::{Linear, Prepared, intercepts, prepare, regression_inputs};
use super::normal::normal_equations;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::{cholesky_solve, gram, thin_svd};
use crate::persistence::Check;
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::validation::{check_finite_1d, check_param, check_positive, check_sample_weight};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};

const NAME: &str = "Ridge";

/// How [`Ridge`] solves its linear system (scikit-learn's `solver`).
///
/// # Example
/// ```
/// use learnkit::linear_model::{Ridge, RidgeSolver};
/// let model = Ridge::default().solver(RidgeSolver::Svd);
/// assert_eq!(model.solver, RidgeSolver::Svd);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RidgeSolver {
    /// scikit-learn's `"auto"`: `Cholesky` for dense data.
    #[default]
    Auto,
    /// The normal equations `(XᵀX + αI)·w = Xᵀy` by Cholesky, or the kernel
    /// form `(XXᵀ + αI)·c = y`, `w = Xᵀc`, when there are more features
    /// than samples; falls back to `Svd` on a singular system (`alpha = 0`).
    Cholesky,
    /// The SVD of `X`: `w = V·diag(s / (s² + α))·Uᵀy`, singular values at
    /// most 1e-15 ignored; the most stable, for ill-conditioned data.
    Svd,
    /// Conjugate gradients on the normal equations (or the kernel form with
    /// more features than samples), stopping when the residual is below
    /// `tol` times the right-hand side's norm (scipy's `cg`); for large data.
    SparseCg,
}

/// Linear least squares with an L2 penalty: minimises
/// `Σ wᵢ (yᵢ − xᵢ·coef − intercept)² + alpha·‖coef‖²` (the intercept is not
/// penalised), as scikit-learn's `Ridge`.
///
/// # Sparse input
/// [`fit_matrix`](crate::traits::Estimator::fit_matrix) on a
/// [`CsrMatrix`](crate::sparse::CsrMatrix) with `Auto` or `SparseCg` runs
/// conjugate gradients with the centring and the sample weights applied
/// implicitly (scikit-learn's `sparse_cg`, which `"auto"` picks for sparse
/// `X`): never densified, the dense direct solution to within `tol`.
/// `Cholesky` and `Svd` densify the matrix (`rows × columns` values,
/// allocated fallibly). Prediction runs on the stored values.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a
/// negative or non-finite `alpha`, a `tol` that is not positive or
/// `max_iter = Some(0)`; the data errors of
/// [`LinearRegression`](crate::linear_model::LinearRegression).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::RidgeSolver;
/// use ndarray::array;
///
/// let x = array![[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]];
/// let y = array![0.0, 0.1, 1.0];
/// let model = Ridge::default().alpha(0.5).fit(x.view(), y.view())?;
/// let by_svd = Ridge::default().alpha(0.5).solver(RidgeSolver::Svd).fit(x.view(), y.view())?;
/// assert!(f64::abs(model.coef()[0] - by_svd.coef()[0]) < 1e-12);
/// assert!(model.coef()[0] > 0.0 && model.coef()[0] < 0.5); // shrunk
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Ridge {
    /// Penalty strength (≥ 0), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// The solver, default [`RidgeSolver::Auto`].
    pub solver: RidgeSolver,
    /// Relative tolerance of the iterative solver, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Iteration limit of the iterative solver (None: scipy's default, ten
    /// times the system's size).
    pub max_iter: Option<usize>,
    /// Threads for prediction (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for Ridge {
    fn default() -> Self {
        Ridge {
            alpha: 1.0,
            fit_intercept: true,
            solver: RidgeSolver::Auto,
            tol: 1e-4,
            max_iter: None,
            n_jobs: None,
        }
    }
}

setters!(Ridge in "learnkit::linear_model" {
    alpha: f64 = 0.5;
    fit_intercept: bool = false;
    solver: RidgeSolver = learnkit::linear_model::RidgeSolver::Svd;
    tol: f64 = 1e-8;
    max_iter: Option<usize> = Some(100);
    n_jobs: Option<usize> = Some(1);
});

impl Ridge {
    pub(super) fn validate(&self, name: &'static str) -> Result<()> {
        check_param(name, "alpha", self.alpha, "a finite number >= 0", |a| {
            a.is_finite() && a >= 0.0
        })?;
        check_positive(name, "tol", self.tol)?;
        check_param(name, "max_iter", self.max_iter, "None or >= 1", |m| m != Some(0))?;
        check_param(name, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRidge<F>> {
        self.validate(NAME)?;
        if let Some(fitted) = self.fit_normal_equations(x, y, sample_weight)? {
            return Ok(fitted);
        }
        let (x, y, weights) = regression_inputs(NAME, x, y, sample_weight)?;
        let prepared = prepare(x, y, weights.as_ref(), self.fit_intercept);
        let (coef, n_iter) = solve(NAME, &prepared, self.alpha, self.solver, self.tol, self.max_iter)?;
        let intercept = intercepts(&coef, &prepared);
        Ok(FittedRidge {
            params: self.clone(),
            linear: Linear::new(&coef, &intercept),
            n_iter,
        })
    }

    /// The Cholesky solve of `(X_cᵀX_c + αI)·w = X_cᵀy_c` on normal
    /// equations formed without a centred copy of `x` (see
    /// [`normal`](super::normal)): unweighted, dense, at least as many
    /// samples as features, `Auto` or `Cholesky`. `Ok(None)` when that does
    /// not apply or is not safe (means large against the spread, or a
    /// singular system at `alpha = 0`): the caller takes the general route.
    fn fit_normal_equations<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<Option<FittedRidge<F>>> {
        let cholesky = matches!(self.solver, RidgeSolver::Auto | RidgeSolver::Cholesky);
        if !cholesky || sample_weight.is_some() || x.ncols() > x.nrows() {
            return Ok(None);
        }
        let Some(ne) = normal_equations(NAME, x, y, self.fit_intercept)? else {
            return Ok(None);
        };
        let mut a = ne.gram;
        a.diag_mut().mapv_inplace(|v| v + self.alpha);
        let Some(w) = cholesky_solve(a, ne.xty.insert_axis(Axis(1))) else {
            return Ok(None);
        };
        let coef = w.reversed_axes();
        let intercept = Array1::from(vec![ne.y_offset - coef.row(0).dot(&ne.x_offset)]);
        Ok(Some(FittedRidge {
            params: self.clone(),
            linear: Linear::new(&coef, &intercept),
            n_iter: None,
        }))
    }

    /// [`Ridge::fit_checked`] for a dense or sparse `x`: a sparse one runs
    /// conjugate gradients without densifying with `Auto` and `SparseCg`,
    /// and is densified (fallibly) for `Cholesky` and `Svd`.
    fn fit_checked_matrix<F: Float>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRidge<F>> {
        let x = match x {
            MatrixView::Sparse(x) if self.solves_sparse() => x,
            x => return x.with_dense(|x| self.fit_checked(x, y, sample_weight)),
        };
        self.validate(NAME)?;
        check_matrix_x_y(NAME, x.into(), y.len())?;
        check_finite_1d(NAME, y)?;
        let weights = match sample_weight {
            Some(w) => Some(check_sample_weight(NAME, Some(w), x.nrows())?.mapv(F::as_f64)),
            None => None,
        };
        let targets = y.mapv(F::as_f64).insert_axis(Axis(1));
        let (coef, intercept, n_iter) = self.solve_sparse(NAME, x, targets, weights.as_ref())?;
        Ok(FittedRidge {
            params: self.clone(),
            linear: Linear::new(&coef, &intercept),
            n_iter: Some(n_iter),
        })
    }
}

/// Solves the ridge problem on prepared data for every target column:
/// the coefficients (targets × features) and, for conjugate gradients, the
/// largest number of iterations over the targets.
pub(super) fn solve(
    name: &'static str,
    prepared: &Prepared,
    alpha: f64,
    solver: RidgeSolver,
    tol: f64,
    max_iter: Option<usize>,
) -> Result<(Array2<f64>, Option<usize>)> {
    let x = &prepared.x;
    let y = &prepared.y;
    let (n, p) = x.dim();
    match solver {
        RidgeSolver::Auto | RidgeSolver::Cholesky => {
            let solved = if p > n {
                let mut k = x.dot(&x.t());
                k.diag_mut().mapv_inplace(|v| v + alpha);
                cholesky_solve(k, y.clone()).map(|dual| x.t().dot(&dual).reversed_axes())
            } else {
                // XᵀX in parallel over fixed column blocks (bit-identical on
                // any thread count); ndarray's product runs on one core.
                let mut a = gram(x.view());
                a.diag_mut().mapv_inplace(|v| v + alpha);
                cholesky_solve(a, x.t().dot(y)).map(|w| w.reversed_axes())
            };
            match solved {
                Some(coef) => Ok((coef, None)),
                // Singular (alpha = 0 on rank-deficient data): as scikit-learn.
                None => Ok((solve_svd(x, y, alpha)?, None)),
            }
        }
        RidgeSolver::Svd => Ok((solve_svd(x, y, alpha)?, None)),
        RidgeSolver::SparseCg => {
            let mut coef = Array2::zeros((y.ncols(), p));
            let mut most = 0;
            for (mut row, target) in coef.rows_mut().into_iter().zip(y.columns()) {
                let (w, iters) = if p > n {
                    // The kernel form: (XXᵀ + αI)·c = y, w = Xᵀc.
                    let (c, iters) = conjugate_gradient(
                        |v| x.dot(&x.t().dot(v)) + &(v * alpha),
                        target.to_owned(),
                        tol,
                        max_iter.unwrap_or(10 * n),
                    );
                    (x.t().dot(&c), iters)
                } else {
                    conjugate_gradient(
                        |v| x.t().dot(&x.dot(v)) + &(v * alpha),
                        x.t().dot(&target),
                        tol,
                        max_iter.unwrap_or(10 * p),
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
            Ok((coef, Some(most)))
        }
    }
}

/// `w = V·diag(s / (s² + α))·Uᵀy` over singular values above 1e-15 (as
/// scikit-learn's `_solve_svd`, scipy's `pinv` default).
fn solve_svd(x: &Array2<f64>, y: &Array2<f64>, alpha: f64) -> Result<Array2<f64>> {
    let (s, u, vt) = thin_svd(x.view(), true)?;
    let mut uty = u.expect("asked for u").t().dot(y);
    for (mut row, &sv) in uty.rows_mut().into_iter().zip(s.iter()) {
        let d = if sv > 1e-15 { sv / (sv * sv + alpha) } else { 0.0 };
        row *= d;
    }
    Ok(vt.t().dot(&uty).reversed_axes())
}

/// Conjugate gradients for the symmetric positive definite operator `a`
/// from zero, as scipy's `cg` with `atol = 0`: stops when `‖r‖ < tol·‖b‖`
/// or after `max_iter` iterations. Returns the solution and the iterations.
fn conjugate_gradient(
    a: impl Fn(&Array1<f64>) -> Array1<f64>,
    b: Array1<f64>,
    tol: f64,
    max_iter: usize,
) -> (Array1<f64>, usize) {
    let b_norm = b.dot(&b).sqrt();
    let mut x = Array1::zeros(b.len());
    if b_norm == 0.0 {
        return (x, 0);
    }
    let target = tol * b_norm;
    let mut r = b;
    let mut rr = r.dot(&r);
    let mut d = r.clone();
    for iter in 0..max_iter {
        if rr.sqrt() < target {
            return (x, iter);
        }
        let ad = a(&d);
        let step = rr / d.dot(&ad);
        x.scaled_add(step, &d);
        r.scaled_add(-step, &ad);
        let rr_next = r.dot(&r);
        d = &r + &(d * (rr_next / rr));
        rr = rr_next;
    }
    (x, max_iter)
}

/// A fitted [`Ridge`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
/// let x = array![[1.0], [2.0], [3.0]];
/// let model = Ridge::default().alpha(0.0).fit(x.view(), array![2.0, 4.0, 6.0].view())?;
/// assert!(f64::abs(model.predict(array![[4.0]].view())?[0] - 8.0) < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(remote = "Self", bound(serialize = "F: Float", deserialize = "F: Float"))
)]
pub struct FittedRidge<F> {
    params: Ridge,
    linear: Linear<F>,
    n_iter: Option<usize>,
}

checked_serde!(impl[F: Float] FittedRidge<F>);
persist!(impl[F: Float] FittedRidge<F> => format!("Ridge<{}>", F::NAME));

impl<F: Float> Check for FittedRidge<F> {
    /// One row of finite coefficients, a zero intercept unless fitted, and
    /// hyperparameters a fit accepts.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.validate(NAME).map_err(|e| e.to_string())?;
        self.linear.check(Some(1), self.params.fit_intercept)
    }
}

impl<F: Float> FittedRidge<F> {
    /// Iterations of [`RidgeSolver::SparseCg`] (`n_iter_`); `None` for the
    /// direct solvers.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::RidgeSolver;
    /// use ndarray::array;
    /// let x = array![[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    /// let model = Ridge::default().solver(RidgeSolver::SparseCg).fit(x.view(), array![1.0, 2.0, 3.0].view())?;
    /// assert!(model.n_iter().unwrap() <= 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> Option<usize> {
        self.n_iter
    }
}

linear_regressor!(Ridge => FittedRidge, NAME, sparse: fit_checked_matrix);
