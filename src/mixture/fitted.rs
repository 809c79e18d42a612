//! [`FittedGaussianMixture`]: the fitted weights, means and covariances,
//! and what they predict (components, responsibilities, log-likelihoods,
//! information criteria, new samples).

use super::covariance::{CovarianceArray, CovarianceType, n_parameters, precisions_from_cholesky};
use super::estep::{Components, for_weighted_log_prob_chunks, log_sum_exp};
use super::estimator::{NAME, argmax_rows};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::{ROW_CHUNK, with_n_jobs_rows};
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len, same_values};
use crate::validation::{check_param, check_predict_input};
use ndarray::{Array1, Array2, ArrayView2, Axis};
use std::marker::PhantomData;

/// A fitted [`GaussianMixture`](super::GaussianMixture): scikit-learn's
/// `weights_`, `means_`, `covariances_`, `precisions_`,
/// `precisions_cholesky_`, `converged_`, `n_iter_` and `lower_bound_`, in
/// `f64` whatever the input type `F`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::mixture::{GaussianMixture, InitParams};
/// let x = ndarray::array![[0.0], [0.2], [0.1], [8.0], [8.3], [7.9]];
/// let model = GaussianMixture::default().n_components(2)
///     .init_params(InitParams::KMeans).random_state(0)
///     .fit_unsupervised(x.view())?;
/// assert!((model.weights().sum() - 1.0).abs() < 1e-12);
/// assert_eq!(model.means().dim(), (2, 1));
/// assert!(model.score(x.view())? > -1.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = ""))]
pub struct FittedGaussianMixture<F> {
    covariance_type: CovarianceType,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    weights: Array1<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    means: Array2<f64>,
    covariances: CovarianceArray,
    precisions: CovarianceArray,
    precisions_cholesky: CovarianceArray,
    converged: bool,
    n_iter: usize,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    lower_bound: f64,
    n_jobs: Option<usize>,
    #[cfg_attr(feature = "serde", serde(skip))]
    input: PhantomData<fn() -> F>,
}

checked_serde!(impl[F: Float] FittedGaussianMixture<F>);
persist!(impl[F: Float] FittedGaussianMixture<F> => format!("GaussianMixture<{}>", F::NAME));

impl<F: Float> Check for FittedGaussianMixture<F> {
    /// At least one component of at least one feature; weights in `[0, 1]`
    /// summing to 1; finite means; covariances, precisions and factors in
    /// the layout of the covariance type; factors with a positive diagonal
    /// (finite log-determinants); precisions equal to the factors' products.
    fn check(&self) -> std::result::Result<(), String> {
        let (k, d) = self.means.dim();
        ensure(k >= 1 && d >= 1, || format!("{NAME}: {k} components of {d} features"))?;
        same_len(&format!("{NAME}: weights"), k, self.weights.len())?;
        ensure(
            self.weights.iter().all(|w| (0.0..=1.0).contains(w)) && (self.weights.sum() - 1.0).abs() <= 1e-8,
            || format!("{NAME}: the weights must lie in [0, 1] and sum to 1"),
        )?;
        ensure(self.means.iter().all(|v| v.is_finite()), || {
            format!("{NAME}: a mean is not finite")
        })?;
        for (what, array) in [
            ("covariances", &self.covariances),
            ("precisions", &self.precisions),
            ("precisions_cholesky", &self.precisions_cholesky),
        ] {
            ensure(array.has_shape(self.covariance_type, k, d), || {
                format!(
                    "{NAME}: {what} are not {:?} arrays for {k} components of {d} features",
                    self.covariance_type
                )
            })?;
            ensure(array.view().iter().all(|v| v.is_finite()), || {
                format!("{NAME}: {what} hold a non-finite value")
            })?;
        }
        let positive_diagonal = match &self.precisions_cholesky {
            CovarianceArray::Full(u) => u.axis_iter(Axis(0)).all(|m| m.diag().iter().all(|&v| v > 0.0)),
            CovarianceArray::Tied(u) => u.diag().iter().all(|&v| v > 0.0),
            other => other.view().iter().all(|&v| v > 0.0),
        };
        ensure(positive_diagonal, || {
            format!("{NAME}: the precision Cholesky factors need a positive diagonal")
        })?;
        let expected = precisions_from_cholesky(&self.precisions_cholesky);
        ensure(
            same_values(&expected.view().to_owned(), &self.precisions.view().to_owned()),
            || format!("{NAME}: the precisions disagree with their Cholesky factors"),
        )?;
        ensure(!self.lower_bound.is_nan(), || format!("{NAME}: the lower bound is NaN"))?;
        ensure(self.n_jobs != Some(0), || format!("{NAME}: n_jobs is Some(0)"))
    }
}

impl<F: Float> FittedGaussianMixture<F> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        covariance_type: CovarianceType,
        weights: Array1<f64>,
        means: Array2<f64>,
        covariances: CovarianceArray,
        precisions: CovarianceArray,
        precisions_cholesky: CovarianceArray,
        converged: bool,
        n_iter: usize,
        lower_bound: f64,
        n_jobs: Option<usize>,
    ) -> Self {
        FittedGaussianMixture {
            covariance_type,
            weights,
            means,
            covariances,
            precisions,
            precisions_cholesky,
            converged,
            n_iter,
            lower_bound,
            n_jobs,
            input: PhantomData,
        }
    }

    /// The log determinant of each component's precision Cholesky factor
    /// (for the ONNX export, which writes the E-step's constants).
    #[cfg_attr(not(feature = "onnx"), allow(dead_code))]
    pub(crate) fn log_det_cholesky(&self) -> Array1<f64> {
        self.components().log_det
    }

    pub(super) fn components(&self) -> Components<'_> {
        Components::new(self.weights.view(), self.means.view(), &self.precisions_cholesky)
    }

    /// The mixing weight of each component (they sum to 1).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert_eq!(m.weights().to_vec(), vec![1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn weights(&self) -> &Array1<f64> {
        &self.weights
    }

    /// The mean of each component (`n_components × n_features`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert!((m.means()[[0, 0]] - 0.5).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn means(&self) -> &Array2<f64> {
        &self.means
    }

    /// The covariances, in the layout of the covariance type.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert!((m.covariances().view()[[0, 0, 0]] - (0.25 + 1e-6)).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn covariances(&self) -> &CovarianceArray {
        &self.covariances
    }

    /// The precisions (inverse covariances), in the layout of the covariance type.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert!((m.precisions().view()[[0, 0, 0]] * m.covariances().view()[[0, 0, 0]] - 1.0).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn precisions(&self) -> &CovarianceArray {
        &self.precisions
    }

    /// The upper triangular factors `u` of the precisions (`precision = u·uᵀ`;
    /// square roots for `Diag` and `Spherical`).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// let u = m.precisions_cholesky().view()[[0, 0, 0]];
    /// assert!((u * u - m.precisions().view()[[0, 0, 0]]).abs() < 1e-9);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn precisions_cholesky(&self) -> &CovarianceArray {
        &self.precisions_cholesky
    }

    /// The covariance type the model was fitted with.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::mixture::{CovarianceType, GaussianMixture};
    /// let m = GaussianMixture::default().covariance_type(CovarianceType::Tied).fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert_eq!(m.covariance_type(), CovarianceType::Tied);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn covariance_type(&self) -> CovarianceType {
        self.covariance_type
    }

    /// Whether the best initialisation's EM converged within `max_iter`.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert!(m.converged());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// The EM iterations of the best initialisation.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert_eq!(m.n_iter(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// The lower bound (the mean log-likelihood of the training data, before
    /// the last M-step) of the best initialisation; `-inf` when
    /// `max_iter = 0`.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert!(m.lower_bound().is_finite());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn lower_bound(&self) -> f64 {
        self.lower_bound
    }

    /// The number of components.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert_eq!(m.n_components(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_components(&self) -> usize {
        self.weights.len()
    }

    /// The number of features seen in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0, 1.0], [1.0, 0.0]].view())?;
    /// assert_eq!(m.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.means.ncols()
    }

    /// `log(w_k) + log N(x | μ_k, Σ_k)` for every row and component, the
    /// rows of each chunk then passed through `finish`.
    fn weighted_log_prob(
        &self,
        x: ArrayView2<'_, F>,
        finish: impl Fn(ndarray::ArrayViewMut2<'_, f64>) + Sync + Send,
    ) -> Result<Array2<f64>> {
        check_predict_input(NAME, self.n_features_in(), x)?;
        let x = x.mapv(|v| v.as_f64());
        let mut out = Array2::<f64>::zeros((x.nrows(), self.n_components()));
        with_n_jobs_rows(self.n_jobs, x.nrows(), ROW_CHUNK, || {
            for_weighted_log_prob_chunks(x.view(), &self.components(), &mut out, finish)
        })?;
        Ok(out)
    }

    /// The most likely component of each row.
    ///
    /// # Errors
    /// Empty or non-finite `x`, or another number of features than in fit.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// use learnkit::mixture::{GaussianMixture, InitParams};
    /// let x = ndarray::array![[0.0], [0.1], [10.0], [10.1]];
    /// let m = GaussianMixture::default().n_components(2).init_params(InitParams::KMeans)
    ///     .random_state(0).fit_unsupervised(x.view())?;
    /// let labels = m.predict(ndarray::array![[0.05], [9.0]].view())?;
    /// assert_ne!(labels[0], labels[1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<i64>> {
        Ok(argmax_rows(self.weighted_log_prob(x, |_| {})?.view()))
    }

    /// The posterior probability of each component for each row
    /// (`n × n_components`, rows summing to 1).
    ///
    /// # Errors
    /// As [`predict`](Self::predict).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[0.0], [1.0]].view())?;
    /// assert_eq!(m.predict_proba(ndarray::array![[3.0]].view())?, ndarray::array![[1.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<f64>> {
        self.weighted_log_prob(x, |mut chunk| {
            for mut row in chunk.rows_mut() {
                let norm = log_sum_exp(row.view());
                row.mapv_inplace(|v| (v - norm).exp());
            }
        })
    }

    /// The log-likelihood `log p(x)` of each row under the mixture.
    ///
    /// # Errors
    /// As [`predict`](Self::predict).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[-1.0], [1.0]].view())?;
    /// let expected = -0.5 * (2.0 * std::f64::consts::PI * (1.0 + 1e-6)).ln();
    /// assert!((m.score_samples(ndarray::array![[0.0]].view())?[0] - expected).abs() < 1e-9);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn score_samples(&self, x: ArrayView2<'_, F>) -> Result<Array1<f64>> {
        let weighted = self.weighted_log_prob(x, |_| {})?;
        Ok(weighted.rows().into_iter().map(log_sum_exp).collect())
    }

    /// The mean log-likelihood of the rows of `x`.
    ///
    /// # Errors
    /// As [`predict`](Self::predict).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[-1.0], [1.0]];
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(x.view())?;
    /// assert!((m.score(x.view())? - m.score_samples(x.view())?.mean().unwrap()).abs() < 1e-15);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn score(&self, x: ArrayView2<'_, F>) -> Result<f64> {
        let samples = self.score_samples(x)?;
        Ok(samples.sum() / samples.len() as f64)
    }

    /// The Bayesian information criterion on `x`:
    /// `−2 · n · score(x) + n_parameters · ln(n)` (lower is better).
    ///
    /// # Errors
    /// As [`predict`](Self::predict).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[-1.0], [1.0], [0.5]];
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(x.view())?;
    /// // Two parameters (a mean and a variance).
    /// assert!((m.bic(x.view())? - (-6.0 * m.score(x.view())? + 2.0 * 3f64.ln())).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn bic(&self, x: ArrayView2<'_, F>) -> Result<f64> {
        let n = x.nrows() as f64;
        Ok(-2.0 * self.score(x)? * n + self.n_parameters() * n.ln())
    }

    /// The Akaike information criterion on `x`:
    /// `−2 · n · score(x) + 2 · n_parameters` (lower is better).
    ///
    /// # Errors
    /// As [`predict`](Self::predict).
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let x = ndarray::array![[-1.0], [1.0], [0.5]];
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(x.view())?;
    /// assert!((m.aic(x.view())? - (-6.0 * m.score(x.view())? + 4.0)).abs() < 1e-12);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn aic(&self, x: ArrayView2<'_, F>) -> Result<f64> {
        let n = x.nrows() as f64;
        Ok(-2.0 * self.score(x)? * n + 2.0 * self.n_parameters())
    }

    fn n_parameters(&self) -> f64 {
        n_parameters(self.covariance_type, self.n_components(), self.n_features_in())
    }

    /// Draws `n_samples` new samples from the mixture: how many come from
    /// each component is drawn by the weights, then each component's samples
    /// (grouped by component, in component order, with their labels) from
    /// its Gaussian, seeded by `random_state` (`None`: fresh entropy). The
    /// draws are learnkit's, not the ones numpy would make.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for `n_samples = 0`.
    ///
    /// # Example
    /// ```
    /// # use learnkit::prelude::*;
    /// let m = learnkit::mixture::GaussianMixture::default().fit_unsupervised(ndarray::array![[-1.0, 0.0], [1.0, 0.5]].view())?;
    /// let (x, labels) = m.sample(5, Some(0))?;
    /// assert_eq!((x.dim(), labels.to_vec()), ((5, 2), vec![0; 5]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn sample(&self, n_samples: usize, random_state: Option<u64>) -> Result<(Array2<f64>, Array1<i64>)> {
        use rand::Rng;
        use rand_distr::StandardNormal;
        check_param(NAME, "n_samples", n_samples, ">= 1", |n| n >= 1)?;
        let mut rng = crate::random::rng_from(random_state);
        let (k, d) = self.means.dim();
        let cumulative: Vec<f64> = self
            .weights
            .iter()
            .scan(0.0, |acc, &w| {
                *acc += w;
                Some(*acc)
            })
            .collect();
        let mut counts = vec![0usize; k];
        for _ in 0..n_samples {
            let u: f64 = rng.random::<f64>() * cumulative[k - 1];
            let c = cumulative.iter().position(|&c| u < c).unwrap_or(k - 1);
            counts[c] += 1;
        }
        let mut x = Array2::<f64>::zeros((n_samples, d));
        let mut labels = Array1::<i64>::zeros(n_samples);
        let mut row = 0;
        for (c, &count) in counts.iter().enumerate() {
            let scale = self.scale_factor(c)?;
            for _ in 0..count {
                let z: Array1<f64> = (0..d).map(|_| rng.sample::<f64, _>(StandardNormal)).collect();
                x.row_mut(row).assign(&(&self.means.row(c) + &scale.dot(&z)));
                labels[row] = c as i64;
                row += 1;
            }
        }
        Ok((x, labels))
    }

    /// A matrix `a` with `a·aᵀ` the covariance of component `c`.
    fn scale_factor(&self, c: usize) -> Result<Array2<f64>> {
        let lower = |m: ArrayView2<'_, f64>| {
            crate::linalg::cholesky_lower(m.to_owned()).ok_or_else(|| Error::NotConverged {
                context: NAME.into(),
                message: "a covariance matrix is not positive definite".into(),
            })
        };
        Ok(match &self.covariances {
            CovarianceArray::Full(cov) => lower(cov.index_axis(Axis(0), c))?,
            CovarianceArray::Tied(cov) => lower(cov.view())?,
            CovarianceArray::Diag(cov) => Array2::from_diag(&cov.row(c).mapv(f64::sqrt)),
            CovarianceArray::Spherical(cov) => Array2::<f64>::eye(self.n_features_in()) * cov[c].sqrt(),
        })
    }
}
