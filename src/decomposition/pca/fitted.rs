//! [`FittedPCA`]: the learned components, and the projections to and from them.

use super::{NAME, SvdSolver};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::{LINEAR_SCORE_ROWS, affine_rows};
use crate::parallel::with_n_jobs_rows;
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len, same_values};
use crate::traits::{InverseTransformer, Transformer};
use crate::validation::{check_array, check_predict_input};
use ndarray::{Array1, Array2, ArrayView2, Axis};

/// A fitted [`PCA`](super::PCA).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::decomposition::{NComponents, PCA};
///
/// let x = ndarray::array![[1.0, 2.0], [2.0, 4.1], [3.0, 5.9], [4.0, 8.0]];
/// let pca = PCA::default().n_components(NComponents::Count(1)).fit_unsupervised(x.view()).unwrap();
/// assert_eq!(pca.n_components(), 1);
/// assert!(pca.explained_variance_ratio()[0] > 0.99);
/// let back = pca.inverse_transform(pca.transform(x.view()).unwrap().view()).unwrap();
/// assert!((&back - &x).iter().all(|d: &f64| d.abs() < 0.1));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedPCA<F> {
    pub(super) solver: SvdSolver,
    pub(super) whiten: bool,
    pub(super) n_jobs: Option<usize>,
    pub(super) n_samples: usize,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) mean: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) components: Array2<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) explained_variance: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) explained_variance_ratio: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) singular_values: Array1<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub(super) noise_variance: F,
    /// `−mean · componentsᵀ`: the projection's constant term.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub(super) offset: Array1<F>,
}

checked_serde!(impl[F: Float] FittedPCA<F>);
persist!(impl[F: Float] FittedPCA<F> => format!("PCA<{}>", F::NAME));

impl<F: Float> Check for FittedPCA<F> {
    /// `k ≤ min(n_samples, n_features)` components of `n_features` values
    /// (`score_samples` counts the `n_features − k` left out), one variance,
    /// ratio and singular value each, a resolved solver, at least the two
    /// samples a fit needs, and the offset the mean and components give.
    fn check(&self) -> std::result::Result<(), String> {
        let (k, d) = self.components.dim();
        same_len(&format!("{NAME}: mean"), d, self.mean.len())?;
        ensure(d >= 1, || format!("{NAME}: no features"))?;
        ensure(self.n_samples >= 2, || {
            format!("{NAME}: fitted on {} samples, a fit needs at least 2", self.n_samples)
        })?;
        ensure(k <= self.n_samples.min(d), || {
            format!(
                "{NAME}: {k} components, more than min(n_samples, n_features) = {}",
                self.n_samples.min(d)
            )
        })?;
        crate::decomposition::check_spectrum_lengths(
            NAME,
            k,
            [
                self.explained_variance.len(),
                self.explained_variance_ratio.len(),
                self.singular_values.len(),
            ],
        )?;
        ensure(self.solver != SvdSolver::Auto, || {
            format!("{NAME}: the solver that ran is recorded, never Auto")
        })?;
        ensure(self.n_jobs != Some(0), || format!("{NAME}: n_jobs is Some(0)"))?;
        ensure(same_values(&-self.components.dot(&self.mean), &self.offset), || {
            format!("{NAME}: the offset disagrees with the mean and the {k} components")
        })
    }
}

impl<F: Float> FittedPCA<F> {
    /// The principal axes, one per row (`n_components × n_features`), by
    /// decreasing explained variance.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let pca = learnkit::decomposition::PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert_eq!(pca.components().dim(), (4, 4));
    /// ```
    pub fn components(&self) -> &Array2<F> {
        &self.components
    }

    /// The variance of the data along each component (with `n − 1` degrees of freedom).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let pca = learnkit::decomposition::PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!((pca.explained_variance()[0] - 4.2282).abs() < 1e-4);
    /// ```
    pub fn explained_variance(&self) -> &Array1<F> {
        &self.explained_variance
    }

    /// The fraction of the total variance along each component.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let pca = learnkit::decomposition::PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!((pca.explained_variance_ratio().sum() - 1.0).abs() < 1e-12);
    /// ```
    pub fn explained_variance_ratio(&self) -> &Array1<F> {
        &self.explained_variance_ratio
    }

    /// The singular values of the centred data for the kept components.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let pca = learnkit::decomposition::PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!((pca.singular_values()[0] - 25.0999).abs() < 1e-4);
    /// ```
    pub fn singular_values(&self) -> &Array1<F> {
        &self.singular_values
    }

    /// The per-feature mean of the training data.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let pca = learnkit::decomposition::PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!((pca.mean()[0] - 5.8433).abs() < 1e-4);
    /// ```
    pub fn mean(&self) -> &Array1<F> {
        &self.mean
    }

    /// The estimated noise variance of the probabilistic PCA model: the mean
    /// of the variances not kept (0 when every component is kept).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::decomposition::{NComponents, PCA};
    /// let pca = PCA::default().n_components(NComponents::Count(2)).fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert!((pca.noise_variance() - 0.051022).abs() < 1e-6);
    /// ```
    pub fn noise_variance(&self) -> F {
        self.noise_variance
    }

    /// The number of components kept (resolved from a variance fraction).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::decomposition::{NComponents, PCA};
    /// let pca = PCA::default().n_components(NComponents::VarianceFraction(0.95)).fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert_eq!(pca.n_components(), 2);
    /// ```
    pub fn n_components(&self) -> usize {
        self.components.nrows()
    }

    /// The number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let pca = learnkit::decomposition::PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert_eq!(pca.n_features_in(), 4);
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.mean.len()
    }

    /// The number of training samples.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let pca = learnkit::decomposition::PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert_eq!(pca.n_samples(), 150);
    /// ```
    pub fn n_samples(&self) -> usize {
        self.n_samples
    }

    /// The solver that ran (`Auto` resolved as scikit-learn's `_fit_svd_solver`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::decomposition::{PCA, SvdSolver};
    /// let pca = PCA::default().fit_unsupervised(learnkit::datasets::load_iris().data.view()).unwrap();
    /// assert_eq!(pca.svd_solver(), SvdSolver::CovarianceEigh);
    /// ```
    pub fn svd_solver(&self) -> SvdSolver {
        self.solver
    }

    /// The log-likelihood of each row of `x` under the probabilistic PCA
    /// model (Tipping & Bishop): a Gaussian with the covariance
    /// `Wᵀ·diag(explained_variance − noise_variance)·W + noise_variance·I`,
    /// as scikit-learn's `score_samples` (whitening included).
    ///
    /// The covariance's eigenvalues are known from the fit, so its log
    /// determinant and the quadratic forms need no matrix inversion.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the model's covariance is singular (every
    /// component kept but fewer than `n_features` of them, so no noise
    /// variance); the input checks of `transform`.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::decomposition::{NComponents, PCA};
    /// let x = learnkit::datasets::load_iris().data;
    /// let pca = PCA::default().n_components(NComponents::Count(2)).fit_unsupervised(x.view()).unwrap();
    /// let log_likelihood = pca.score_samples(x.view()).unwrap();
    /// assert!((pca.score(x.view()).unwrap() - log_likelihood.mean().unwrap()).abs() < 1e-12);
    /// ```
    pub fn score_samples(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        check_predict_input(NAME, self.n_features_in(), x)?;
        let d = self.n_features_in();
        let k = self.n_components();
        let noise = self.noise_variance;
        // Variance of the model along each component (scikit-learn scales the
        // components by sqrt(explained_variance) when whitening).
        let along: Array1<F> = self.explained_variance.mapv(|v| {
            let stretch = if self.whiten { v } else { F::one() };
            stretch * (v - noise).max(F::zero()) + noise
        });
        if along.iter().any(|&v| v <= F::zero()) || (k < d && noise <= F::zero()) {
            return Err(Error::invalid_input(
                NAME,
                "the probabilistic PCA covariance is singular (no noise variance left): keep fewer components",
            ));
        }
        let inverse_noise = if k < d { F::one() / noise } else { F::zero() };
        let weights = along.mapv(|v| F::one() / v - inverse_noise);
        let log_det_precision =
            -along.mapv(|v| v.ln()).sum() - F::cast((d - k) as f64) * if k < d { noise.ln() } else { F::zero() };
        let constant = F::cast(0.5) * (F::cast(d as f64 * (2.0 * std::f64::consts::PI).ln()) - log_det_precision);
        // Projections on the orthonormal components, row by row.
        let mut projected = Array2::<F>::zeros((x.nrows(), k));
        with_n_jobs_rows(self.n_jobs, x.nrows(), LINEAR_SCORE_ROWS, || {
            affine_rows(x, self.components.view(), self.offset.view(), projected.view_mut())
        })?;
        Ok(ndarray::Zip::from(x.rows())
            .and(projected.rows())
            .map_collect(|row, z| {
                let centred_norm: F = row.iter().zip(&self.mean).map(|(&v, &m)| (v - m) * (v - m)).sum();
                let quadratic =
                    centred_norm * inverse_noise + z.iter().zip(&weights).map(|(&p, &w)| w * p * p).sum::<F>();
                -F::cast(0.5) * quadratic - constant
            }))
    }

    /// The average log-likelihood of the rows of `x` (scikit-learn's `score`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::decomposition::{NComponents, PCA};
    /// let x = learnkit::datasets::load_iris().data;
    /// let pca = PCA::default().n_components(NComponents::Count(2)).fit_unsupervised(x.view()).unwrap();
    /// assert!((pca.score(x.view()).unwrap() - (-2.699797)).abs() < 1e-6);
    /// ```
    pub fn score(&self, x: ArrayView2<'_, F>) -> Result<F> {
        let samples = self.score_samples(x)?;
        Ok(samples.mean().unwrap_or_else(F::zero))
    }

    /// The divisors of the projections when whitening, `None` without (for
    /// the ONNX export).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn whitening_divisors(&self) -> Option<Array1<F>> {
        self.whiten.then(|| self.whitening_scale())
    }

    /// The weights `W` and constant term `b` of the projection `x · Wᵀ + b`
    /// that transform computes (whitening included).
    pub(crate) fn projection(&self) -> (Array2<F>, Array1<F>) {
        if self.whiten {
            let scale = self.whitening_scale().insert_axis(Axis(1));
            (&self.components / &scale, &self.offset / &scale.column(0))
        } else {
            (self.components.clone(), self.offset.clone())
        }
    }

    /// The divisor of each projection when whitening (scikit-learn clips it at machine epsilon).
    fn whitening_scale(&self) -> Array1<F> {
        self.explained_variance.mapv(|v| v.sqrt().max(F::epsilon()))
    }
}

impl<F: Float> Transformer<F> for FittedPCA<F> {
    /// Projects `x` on the components: `(x − mean) · componentsᵀ`, divided
    /// by the square roots of the explained variances when whitening.
    fn transform(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input(NAME, self.n_features_in(), x)?;
        // A fixed order of operations per output (see `affine_rows`): a row's
        // projection does not depend on its batch or the thread count.
        let (components, offset) = self.projection();
        with_n_jobs_rows(self.n_jobs, x.nrows(), LINEAR_SCORE_ROWS, || {
            let mut out = Array2::<F>::zeros((x.nrows(), self.n_components()));
            affine_rows(x, components.view(), offset.view(), out.view_mut());
            out
        })
    }
}

impl<F: Float> InverseTransformer<F> for FittedPCA<F> {
    /// Maps projections back to the feature space: `z · components + mean`
    /// (undoing the whitening first).
    fn inverse_transform(&self, z: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input(NAME, self.n_components(), z)?;
        check_array(NAME, z)?;
        // `componentsᵀ`: one row of weights per feature out.
        let mut back = self.components.t().as_standard_layout().into_owned();
        if self.whiten {
            let scale = self.whitening_scale();
            back.axis_iter_mut(Axis(0)).for_each(|mut row| row *= &scale);
        }
        with_n_jobs_rows(self.n_jobs, z.nrows(), LINEAR_SCORE_ROWS, || {
            let mut out = Array2::<F>::zeros((z.nrows(), self.n_features_in()));
            affine_rows(z, back.view(), self.mean.view(), out.view_mut());
            out
        })
    }
}
