//! [`GaussianMixture`]: the hyperparameters, their checks and the EM loop
//! (scikit-learn's `BaseMixture.fit_predict`).

use super::covariance::{
    CovarianceArray, CovarianceType, check_precisions_init, cholesky_of_precisions, covariances_from_cholesky,
    precision_cholesky, precisions_from_cholesky,
};
use super::estep::{Components, e_step};
use super::fitted::FittedGaussianMixture;
use super::init::{InitParams, initial_resp};
use super::mstep::estimate_parameters;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::traits::Estimator;
use crate::validation::{check_array, check_param};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};

pub(super) const NAME: &str = "GaussianMixture";

/// A Gaussian mixture model fitted by expectation–maximisation, as
/// `sklearn.mixture.GaussianMixture`: `n_components` Gaussians with
/// full, tied, diagonal or spherical covariances.
///
/// The E-step computes log densities through the precision Cholesky
/// factors over fixed row chunks in parallel, and the M-step's sums are
/// added in chunk order, so a fit is bit-identical on any number of
/// threads. Parameters are estimated in `f64` whatever the input type (`f32`
/// data are widened exactly). Fitting returns the model; [`fit_predict`]
/// also returns each training row's component after a final E-step, as
/// scikit-learn.
///
/// [`fit_predict`]: GaussianMixture::fit_predict
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::mixture::{GaussianMixture, InitParams};
/// use ndarray::array;
///
/// let x = array![[0.0, 0.1], [0.2, -0.1], [-0.1, 0.0], [5.0, 5.2], [5.1, 4.9], [4.8, 5.0]];
/// let gmm = GaussianMixture::default()
///     .n_components(2)
///     .init_params(InitParams::KMeans)
///     .random_state(0);
/// let (model, labels) = gmm.fit_predict(x.view())?;
/// assert_eq!(labels[0], labels[1]);
/// assert_ne!(labels[0], labels[3]);
/// assert!(model.converged());
/// let proba = model.predict_proba(array![[0.0, 0.0]].view())?;
/// assert!(proba[[0, labels[0] as usize]] > 0.99);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GaussianMixture {
    /// The number of components (at least 1, at most the number of samples).
    pub n_components: usize,
    /// The covariance structure.
    pub covariance_type: CovarianceType,
    /// Convergence threshold on the change of the lower bound (the mean
    /// log-likelihood), at least 0.
    pub tol: f64,
    /// Non-negative regularisation added to the covariances' diagonals.
    pub reg_covar: f64,
    /// The most EM iterations per initialisation (0: keep the initial model).
    pub max_iter: usize,
    /// Initialisations; the one with the best lower bound is kept (at least 1).
    pub n_init: usize,
    /// How the responsibilities are initialised.
    pub init_params: InitParams,
    /// Initial weights (`n_components`, in `[0, 1]`, summing to 1).
    pub weights_init: Option<Array1<f64>>,
    /// Initial means (`n_components × n_features`).
    pub means_init: Option<Array2<f64>>,
    /// Initial precisions (inverse covariances) in the layout of
    /// `covariance_type`.
    pub precisions_init: Option<CovarianceArray>,
    /// Seed of the initialisation (`None`: fresh entropy).
    pub random_state: Option<u64>,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl Default for GaussianMixture {
    fn default() -> Self {
        GaussianMixture {
            n_components: 1,
            covariance_type: CovarianceType::Full,
            tol: 1e-3,
            reg_covar: 1e-6,
            max_iter: 100,
            n_init: 1,
            init_params: InitParams::KMeans,
            weights_init: None,
            means_init: None,
            precisions_init: None,
            random_state: None,
            n_jobs: None,
        }
    }
}

setters!(GaussianMixture in "learnkit::mixture" {
    n_components: usize = 3;
    covariance_type: CovarianceType = learnkit::mixture::CovarianceType::Diag;
    tol: f64 = 1e-4;
    reg_covar: f64 = 1e-3;
    max_iter: usize = 200;
    n_init: usize = 5;
    init_params: InitParams = learnkit::mixture::InitParams::Random;
    n_jobs: Option<usize> = Some(1);
});
random_state_setter!(GaussianMixture in "learnkit::mixture");

impl GaussianMixture {
    /// Sets `weights_init` (an array, or `None`).
    ///
    /// # Example
    /// ```
    /// let g = learnkit::mixture::GaussianMixture::default().weights_init(ndarray::array![1.0]);
    /// assert_eq!(g.weights_init, Some(ndarray::array![1.0]));
    /// ```
    pub fn weights_init(mut self, weights_init: impl Into<Option<Array1<f64>>>) -> Self {
        self.weights_init = weights_init.into();
        self
    }

    /// Sets `means_init` (an array, or `None`).
    ///
    /// # Example
    /// ```
    /// let g = learnkit::mixture::GaussianMixture::default().means_init(ndarray::array![[0.0, 1.0]]);
    /// assert_eq!(g.means_init, Some(ndarray::array![[0.0, 1.0]]));
    /// ```
    pub fn means_init(mut self, means_init: impl Into<Option<Array2<f64>>>) -> Self {
        self.means_init = means_init.into();
        self
    }

    /// Sets `precisions_init` (precisions in the layout of `covariance_type`, or `None`).
    ///
    /// # Example
    /// ```
    /// use learnkit::mixture::{CovarianceArray, GaussianMixture};
    /// let p = CovarianceArray::Spherical(ndarray::array![2.0]);
    /// let g = GaussianMixture::default().precisions_init(p.clone());
    /// assert_eq!(g.precisions_init, Some(p));
    /// ```
    pub fn precisions_init(mut self, precisions_init: impl Into<Option<CovarianceArray>>) -> Self {
        self.precisions_init = precisions_init.into();
        self
    }

    /// Fits, then assigns every training row to its most likely component
    /// after a final E-step (scikit-learn's `fit_predict`, whose labels can
    /// differ from `fit(x).predict(x)` when EM stopped before converging).
    ///
    /// # Errors
    /// As [`Estimator::fit`].
    ///
    /// # Example
    /// ```
    /// use learnkit::mixture::{GaussianMixture, InitParams};
    /// let x = ndarray::array![[0.0], [0.1], [10.0], [10.1]];
    /// let (_, labels) = GaussianMixture::default().n_components(2)
    ///     .init_params(InitParams::KMeans).random_state(1).fit_predict(x.view())?;
    /// assert!(labels[0] == labels[1] && labels[2] == labels[3] && labels[0] != labels[2]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_predict<F: Float>(&self, x: ArrayView2<'_, F>) -> Result<(FittedGaussianMixture<F>, Array1<i64>)> {
        self.validate()?;
        check_array(NAME, x)?;
        let (n, d) = x.dim();
        if n < 2 {
            return Err(Error::invalid_input(NAME, format!("needs at least 2 samples, got {n}")));
        }
        if n < self.n_components {
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "expected n_samples >= n_components, got n_components = {}, n_samples = {n}",
                    self.n_components
                ),
            ));
        }
        self.check_inits(d)?;
        let x = x.mapv(|v| v.as_f64());
        with_n_jobs(self.n_jobs, || self.fit_em(x.view()))?
    }

    fn validate(&self) -> Result<()> {
        check_param(NAME, "n_components", self.n_components, ">= 1", |k| k >= 1)?;
        check_param(NAME, "tol", self.tol, "a finite number >= 0", |t| {
            t.is_finite() && t >= 0.0
        })?;
        check_param(NAME, "reg_covar", self.reg_covar, "a finite number >= 0", |r| {
            r.is_finite() && r >= 0.0
        })?;
        check_param(NAME, "n_init", self.n_init, ">= 1", |n| n >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    /// scikit-learn's `_check_weights`, `_check_means`, `_check_precisions`.
    fn check_inits(&self, d: usize) -> Result<()> {
        let k = self.n_components;
        if let Some(w) = &self.weights_init {
            if w.len() != k {
                return Err(Error::invalid_parameter(
                    NAME,
                    "weights_init",
                    format!("shape ({k},)"),
                    format!("shape ({},)", w.len()),
                ));
            }
            if w.iter().any(|&v| !(0.0..=1.0).contains(&v)) {
                return Err(Error::invalid_parameter(NAME, "weights_init", "values in [0, 1]", w));
            }
            if (1.0 - w.sum()).abs() > 1e-8 {
                return Err(Error::invalid_parameter(
                    NAME,
                    "weights_init",
                    "weights summing to 1",
                    w.sum(),
                ));
            }
        }
        if let Some(m) = &self.means_init {
            if m.dim() != (k, d) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "means_init",
                    format!("shape ({k}, {d})"),
                    format!("shape {:?}", m.shape()),
                ));
            }
            if m.iter().any(|v| !v.is_finite()) {
                return Err(Error::invalid_parameter(
                    NAME,
                    "means_init",
                    "finite values",
                    "a NaN or infinity",
                ));
            }
        }
        if let Some(p) = &self.precisions_init {
            check_precisions_init(NAME, p, self.covariance_type, k, d)?;
        }
        Ok(())
    }

    /// The initial model of one initialisation (scikit-learn's
    /// `_initialize_parameters` and `_initialize`).
    fn initialize(
        &self,
        x: ArrayView2<'_, f64>,
        rng: &mut rand::rngs::StdRng,
        gram: Option<&Array2<f64>>,
    ) -> Result<Params> {
        let n = x.nrows() as f64;
        let given = (&self.weights_init, &self.means_init, &self.precisions_init);
        let estimated = match given {
            (Some(_), Some(_), Some(_)) => None,
            _ => {
                let resp = initial_resp(self.init_params, x, self.n_components, rng)?;
                Some(estimate_parameters(
                    x,
                    resp.view(),
                    self.reg_covar,
                    self.covariance_type,
                    gram,
                ))
            }
        };
        let weights = match (&self.weights_init, &estimated) {
            (Some(w), _) => w.clone(),
            (None, Some((nk, _, _))) => nk / n,
            (None, None) => unreachable!("estimated unless every init is given"),
        };
        let means = match (&self.means_init, &estimated) {
            (Some(m), _) => m.clone(),
            (None, Some((_, m, _))) => m.clone(),
            (None, None) => unreachable!("estimated unless every init is given"),
        };
        let (chol, covariances) = match (&self.precisions_init, estimated) {
            (Some(p), _) => (cholesky_of_precisions(NAME, p)?, None),
            (None, Some((_, _, cov))) => (precision_cholesky(NAME, &cov)?, Some(cov)),
            (None, None) => unreachable!("estimated unless every init is given"),
        };
        Ok(Params {
            weights,
            means,
            chol,
            covariances,
        })
    }

    fn fit_em<F: Float>(&self, x: ArrayView2<'_, f64>) -> Result<(FittedGaussianMixture<F>, Array1<i64>)> {
        let gram = (self.covariance_type == CovarianceType::Tied).then(|| crate::linalg::gram(x));
        let mut rng = crate::random::rng_from(self.random_state);
        let mut resp = Array2::<f64>::zeros((x.nrows(), self.n_components));
        let mut best: Option<Run> = None;
        for _ in 0..self.n_init {
            let mut params = self.initialize(x, &mut rng, gram.as_ref())?;
            let mut lower_bound = f64::NEG_INFINITY;
            let mut run = Run {
                n_iter: 0,
                converged: false,
                lower_bound,
                params: None,
            };
            for n_iter in 1..=self.max_iter {
                let previous = lower_bound;
                lower_bound = {
                    let components = Components::new(params.weights.view(), params.means.view(), &params.chol);
                    e_step(x, &components, &mut resp)
                };
                let (nk, means, covariances) =
                    estimate_parameters(x, resp.view(), self.reg_covar, self.covariance_type, gram.as_ref());
                params = Params {
                    weights: &nk / nk.sum(),
                    means,
                    chol: precision_cholesky(NAME, &covariances)?,
                    covariances: Some(covariances),
                };
                run.n_iter = n_iter;
                if (lower_bound - previous).abs() < self.tol {
                    run.converged = true;
                    break;
                }
            }
            run.lower_bound = lower_bound;
            run.params = Some(params);
            let better = match &best {
                None => true,
                Some(b) => run.lower_bound > b.lower_bound || b.lower_bound == f64::NEG_INFINITY,
            };
            if better {
                best = Some(run);
            }
        }
        let best = best.expect("n_init >= 1");
        if !best.converged && self.max_iter > 0 {
            crate::warn::not_converged(
                NAME,
                format!(
                    "the best initialisation stopped at max_iter = {} with the lower bound still changing by {} or more",
                    self.max_iter, self.tol
                ),
            );
        }
        let params = best.params.expect("every run ends with parameters");
        let covariances = match params.covariances {
            Some(c) => c,
            None => covariances_from_cholesky(NAME, &params.chol)?,
        };
        let precisions = precisions_from_cholesky(&params.chol);
        let fitted = FittedGaussianMixture::new(
            self.covariance_type,
            params.weights,
            params.means,
            covariances,
            precisions,
            params.chol,
            best.converged,
            best.n_iter,
            best.lower_bound,
            self.n_jobs,
        );
        // The final E-step scikit-learn's fit_predict labels come from.
        let labels = {
            let components = fitted.components();
            e_step(x, &components, &mut resp);
            argmax_rows(resp.view())
        };
        Ok((fitted, labels))
    }
}

/// One initialisation's model.
struct Params {
    weights: Array1<f64>,
    means: Array2<f64>,
    chol: CovarianceArray,
    /// `None` until an M-step ran from given precisions.
    covariances: Option<CovarianceArray>,
}

/// One initialisation's outcome.
struct Run {
    n_iter: usize,
    converged: bool,
    lower_bound: f64,
    params: Option<Params>,
}

/// The index of each row's largest value (the first on ties, as numpy).
pub(super) fn argmax_rows(values: ArrayView2<'_, f64>) -> Array1<i64> {
    values
        .axis_iter(Axis(0))
        .map(|row| {
            let mut best = 0;
            for (k, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = k;
                }
            }
            best as i64
        })
        .collect()
}

impl<F: Float, T> Estimator<F, T> for GaussianMixture {
    type Fitted = FittedGaussianMixture<F>;

    fn fit(&self, x: ArrayView2<'_, F>, _y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        Ok(self.fit_predict(x)?.0)
    }
}
