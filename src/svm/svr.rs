//! [`SVR`]: epsilon-support vector regression, its hyperparameters, checks
//! and fitting on the SMO solver.

use super::cache::KernelCache;
use super::kernel::Kernel;
use super::smo::{SmoOptions, SmoProblem, solve, threads_for};
use super::support::TrainingData;
use super::svr_fitted::FittedSVR;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::sparse::MatrixView;
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_finite_1d, check_param, check_positive, check_sample_weight};
use crate::warn::{self, max_iter_reached};
use ndarray::{ArrayView1, ArrayView2};

pub(super) const NAME: &str = "SVR";

/// Epsilon-support vector regression (libsvm's epsilon-SVR, scikit-learn's
/// `SVR`).
///
/// It fits `f(x) = Σ_i (α_i − α*_i) K(x_i, x) + b`, ignoring errors smaller
/// than `epsilon`, by solving the dual problem
///
/// ```text
/// min_{α,α*} ½ Σ_ij (α_i − α*_i)(α_j − α*_j) K(x_i, x_j)
///            + ε Σ_i (α_i + α*_i) − Σ_i z_i (α_i − α*_i)
/// subject to Σ_i (α_i − α*_i) = 0,   0 ≤ α_i, α*_i ≤ C · sample_weight_i
/// ```
///
/// As in libsvm, this is the SMO problem of [`SVC`](super::SVC) with `2n`
/// variables: variable `i` has sign `+1` and linear term `ε − z_i`,
/// variable `n + i` sign `−1` and linear term `ε + z_i`, and both stand for
/// training row `i`. The dual coefficients are `α_i − α*_i`; the rows where
/// they are non-zero are the support vectors.
///
/// # Solver and numerics
/// libsvm's SMO, shared with `SVC` (second-order working-set selection,
/// shrinking, a least-recently-used cache of kernel rows of `cache_size`
/// megabytes). As libsvm's `SVR_Q`, a kernel row is computed once per
/// training row, over the `n` rows, and expanded to the `2n` variables; both
/// variables of a row share it in the cache. It stops when the maximal violation of
/// the optimality conditions is below `tol`; stopping at `max_iter` is not an
/// error (the fitted model reports
/// [`converged`](super::FittedSVR::converged) `= false`). On standardised
/// digits (1,797 rows, one pixel predicted from the 63 others) a fit takes
/// 87 ms at `C = 1` and 154 ms at `C = 10` on 2 threads, against
/// scikit-learn's 150 and 237 ms (one measurement on a shared machine, not a
/// benchmark, taken when kernel rows were still cached in `f64`). The
/// training data are copied once to a row-major `f64` matrix and kernels
/// are computed in `f64` and cached in `f32`, as libsvm does, so the model
/// equals scikit-learn's to rounding. Samples of zero weight are left
/// out, as in scikit-learn.
///
/// # Sparse input
/// [`fit_matrix`](crate::traits::Estimator::fit_matrix) and
/// [`predict_matrix`](crate::traits::Predictor::predict_matrix) take a
/// [`CsrMatrix`](crate::sparse::CsrMatrix) without densifying it (kernel
/// rows from the stored values, as [`SVC`](super::SVC)); the model is the
/// dense fit's, with dense support vectors.
///
/// # Hyperparameters
/// - `kernel` (default `Kernel::Rbf { gamma: Gamma::Scale }`): see [`Kernel`].
/// - `c` (`C`, default 1.0): the box constraint, finite and > 0.
/// - `epsilon` (default 0.1): the half-width of the tube in which errors
///   cost nothing, finite and ≥ 0.
/// - `tol` (default 1e-3): stopping tolerance, finite and > 0.
/// - `cache_size` (default 200): kernel cache in megabytes, finite and > 0.
/// - `shrinking` (default `true`): libsvm's shrinking heuristic.
/// - `max_iter` (default `None`: libsvm's cap of `max(10⁷, 200 n)`): SMO
///   iterations, ≥ 1.
/// - `n_jobs` (default `None`, every core): threads for the solver (from
///   1,024 training samples per thread; each owns a share of the samples,
///   the model is the same on any number) and for prediction.
///
/// # Fitted attributes
/// See [`FittedSVR`](super::FittedSVR): `support`, `support_vectors`,
/// `dual_coef`, `intercept`, `n_iter`, `converged`, `n_features_in`.
///
/// # Errors
/// [`Error::InvalidParameter`] for a bad hyperparameter;
/// [`Error::EmptyInput`], [`Error::NonFinite`] (in `x` or the targets),
/// [`Error::ShapeMismatch`] for bad data (and a non-square matrix with a
/// precomputed kernel); [`Error::InvalidInput`] for negative sample
/// weights, or no sample of positive weight, and for features whose squared
/// norms overflow `f64` or whose squares underflow it (the kernel would be
/// NaN or constant).
///
/// # Warnings
/// A fit that stops at `max_iter` (`converged() == false`) warns through the
/// [`log`] facade (target `"learnkit"`, level `Warn`; see the crate's
/// conventions).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use ndarray::s;
///
/// // Petal width from the other three measurements.
/// let iris = load_iris();
/// let x = iris.data.slice(s![.., 0..3]);
/// let y = iris.data.column(3);
/// let model = SVR::default().c(10.0).fit(x, y)?;
/// assert!(model.score(x, y)? > 0.9);
/// assert_eq!(model.dual_coef().dim(), (1, model.support().len()));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SVR {
    /// The kernel, default RBF with `gamma = Scale`.
    pub kernel: Kernel,
    /// The box constraint (scikit-learn's `C`), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub c: f64,
    /// Half-width of the epsilon-insensitive tube, default 0.1.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub epsilon: f64,
    /// Stopping tolerance, default 1e-3.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Kernel cache in megabytes, default 200.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub cache_size: f64,
    /// Whether to use the shrinking heuristic, default true.
    pub shrinking: bool,
    /// SMO iterations (None: libsvm's cap).
    pub max_iter: Option<usize>,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for SVR {
    fn default() -> Self {
        SVR {
            kernel: Kernel::default(),
            c: 1.0,
            epsilon: 0.1,
            tol: 1e-3,
            cache_size: 200.0,
            shrinking: true,
            max_iter: None,
            n_jobs: None,
        }
    }
}

setters!(SVR in "learnkit::svm" {
    kernel: Kernel = learnkit::svm::Kernel::Linear;
    c: f64 = 10.0;
    epsilon: f64 = 0.5;
    tol: f64 = 1e-4;
    cache_size: f64 = 500.0;
    shrinking: bool = false;
    max_iter: Option<usize> = Some(1000);
    n_jobs: Option<usize> = Some(1);
});

impl SVR {
    /// Checks every hyperparameter; `fit` calls it first.
    pub(super) fn validate(&self) -> Result<()> {
        check_positive(NAME, "C", self.c)?;
        check_param(NAME, "epsilon", self.epsilon, "a finite number >= 0", |e| {
            e.is_finite() && e >= 0.0
        })?;
        check_positive(NAME, "tol", self.tol)?;
        check_positive(NAME, "cache_size", self.cache_size)?;
        check_param(NAME, "max_iter", self.max_iter, "None or >= 1", |m| m != Some(0))?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        self.kernel.validate(NAME)
    }

    /// The fit from a dense or sparse `x` (a sparse one is never densified,
    /// except as a precomputed kernel matrix).
    fn fit_view<F: Float>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedSVR<F>> {
        self.validate()?;
        if let (MatrixView::Sparse(_), Kernel::Precomputed) = (x, self.kernel) {
            return x.with_dense(|x| self.fit_view(x.into(), y, sample_weight));
        }
        // Asked here: with_n_jobs may move the fit onto a pool's worker.
        let nested = crate::parallel::nested();
        with_n_jobs(self.n_jobs, || self.fit_checked(x, y, sample_weight, nested))?
    }

    fn fit_checked<F: Float>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        nested: bool,
    ) -> Result<FittedSVR<F>> {
        let training = TrainingData::checked(NAME, x, y.len(), &self.kernel)?;
        check_finite_1d(NAME, y)?;
        let weights = check_sample_weight(NAME, sample_weight, x.nrows())?;
        // Rows of zero weight cannot be support vectors; scikit-learn drops them.
        let kept: Vec<usize> = (0..x.nrows()).filter(|&i| self.c * weights[i].as_f64() > 0.0).collect();
        if kept.is_empty() {
            return Err(Error::invalid_input(NAME, "no sample has a positive weight"));
        }
        let m = kept.len();
        let z = |i: usize| y[i].as_f64();
        let kernel_data = training.kernel_data();
        let rows: Vec<usize> = kept.iter().chain(&kept).copied().collect();
        let problem = SmoProblem {
            kernel: &kernel_data,
            // Over the m distinct rows: the solver expands each kernel row.
            columns: kernel_data.columns(&kept),
            y: (0..2 * m).map(|k| if k < m { 1.0 } else { -1.0 }).collect(),
            p: kept
                .iter()
                .map(|&i| self.epsilon - z(i))
                .chain(kept.iter().map(|&i| self.epsilon + z(i)))
                .collect(),
            c: rows.iter().map(|&i| self.c * weights[i].as_f64()).collect(),
            rows,
        };
        let options = SmoOptions {
            tol: self.tol,
            max_iter: self.max_iter,
            shrinking: self.shrinking,
            cache_bytes: (self.cache_size * 1024.0 * 1024.0) as usize,
            // Each thread owns the same share of both halves of the 2m
            // variables, and so computes only its share of each distinct row.
            threads: threads_for(2 * m, rayon::current_num_threads(), nested),
        };
        KernelCache::check_fits(NAME, 2 * m, options.cache_bytes, 1)?;
        let solution = solve(&problem, &options);
        if !solution.converged {
            warn::not_converged(NAME, max_iter_reached(self.max_iter, &[solution.n_iter]));
        }
        let (support, dual_coef): (Vec<usize>, Vec<f64>) = kept
            .iter()
            .enumerate()
            .map(|(k, &i)| (i, solution.alpha[k] - solution.alpha[k + m]))
            .filter(|&(_, coef)| coef != 0.0)
            .unzip();
        let support_vectors = training.support_vectors(&support);
        Ok(FittedSVR::new(
            self.clone(),
            training.kernel,
            x.ncols(),
            support,
            support_vectors,
            dual_coef,
            &solution,
        ))
    }
}

impl<F: Float> Estimator<F, F> for SVR {
    type Fitted = FittedSVR<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_view(x.into(), y, None)
    }

    /// [`Estimator::fit`] on a dense or sparse `x`. A sparse `x` is never
    /// densified: the solver computes kernel rows from the stored values
    /// and the model is the dense fit's (to rounding). The support vectors
    /// are kept dense, `n_SV × n_features` values. A precomputed kernel
    /// matrix given sparse is densified.
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_view(x, y, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for SVR {
    /// Each sample's `C` is multiplied by its weight; rows of weight zero are
    /// left out.
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_view(x.into(), y, Some(sample_weight))
    }

    /// [`SampleWeighted::fit_weighted`] on a dense or sparse `x` (see
    /// [`Estimator::fit_matrix`]).
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_view(x, y, Some(sample_weight))
    }
}
