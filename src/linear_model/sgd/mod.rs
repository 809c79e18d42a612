//! Linear models fitted by stochastic gradient descent:
//! [`SGDClassifier`] and [`SGDRegressor`] (scikit-learn's), with
//! `partial_fit` for data that arrives in chunks or does not fit in memory.
//!
//! Split by operation: `loss` (the losses and their derivatives), `engine`
//! (the update loop, shared), `classifier` / `classifier_fitted` and
//! `regressor`; this file holds what both estimators share: the penalty and
//! learning-rate choices and the checks of the shared hyperparameters.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::linear_model::SGDClassifier;
//!
//! let iris = load_iris();
//! let model = Pipeline::new(StandardScaler::default(), SGDClassifier::default().random_state(0))
//!     .fit(iris.data.view(), iris.target.view())?;
//! assert!(model.score(iris.data.view(), iris.target.view())? > 0.85);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod classifier;
mod classifier_fitted;
mod engine;
mod loss;
mod regressor;

pub use classifier::SGDClassifier;
pub use classifier_fitted::FittedSGDClassifier;
pub use loss::{SGDClassifierLoss, SGDRegressorLoss};
pub use regressor::{FittedSGDRegressor, SGDRegressor};

use crate::error::Result;
use crate::validation::{check_param, check_positive};
use engine::Options;

/// The penalty (regulariser) of an SGD model (scikit-learn's `penalty`),
/// weighted by `alpha`.
///
/// # Example
/// ```
/// use learnkit::linear_model::{SGDClassifier, SGDPenalty};
/// let model = SGDClassifier::default().penalty(SGDPenalty::ElasticNet).l1_ratio(0.5);
/// assert_eq!(model.penalty, SGDPenalty::ElasticNet);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SGDPenalty {
    /// No penalty (`None`).
    None,
    /// `‖w‖² / 2` (`"l2"`, the default), applied as a shrinkage of the
    /// weights at every step.
    #[default]
    L2,
    /// `‖w‖₁` (`"l1"`), applied by the cumulative penalty of Tsuruoka et
    /// al. (2009): weights reach exactly zero.
    L1,
    /// `(1 − l1_ratio)·‖w‖²/2 + l1_ratio·‖w‖₁` (`"elasticnet"`).
    ElasticNet,
}

/// The learning-rate schedule of an SGD model (scikit-learn's
/// `learning_rate`); `t` counts the updates from 1.
///
/// # Example
/// ```
/// use learnkit::linear_model::{SGDClassifier, SGDLearningRate};
/// let model = SGDClassifier::default().learning_rate(SGDLearningRate::Constant).eta0(0.1);
/// assert_eq!(model.learning_rate, SGDLearningRate::Constant);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum SGDLearningRate {
    /// `eta0` throughout (`"constant"`).
    Constant,
    /// `1 / (alpha · (t₀ + t − 1))` (`"optimal"`, the classifier's
    /// default), with `t₀` from Bottou's heuristic so that the first step is
    /// the size of a typical weight.
    Optimal,
    /// `eta0 / t^power_t` (`"invscaling"`, the regressor's default).
    InvScaling,
    /// `eta0`, divided by 5 each time `n_iter_no_change` epochs in a row
    /// fail to improve by `tol` (`"adaptive"`); stops when it falls below
    /// 1e-6.
    Adaptive,
}

/// The hyperparameters both estimators share, copied out of either.
pub(super) struct Shared {
    pub penalty: SGDPenalty,
    pub alpha: f64,
    pub l1_ratio: f64,
    pub fit_intercept: bool,
    pub max_iter: usize,
    pub tol: Option<f64>,
    pub shuffle: bool,
    pub learning_rate: SGDLearningRate,
    pub eta0: f64,
    pub power_t: f64,
    pub early_stopping: bool,
    pub validation_fraction: f64,
    pub n_iter_no_change: usize,
    pub average: usize,
    pub n_jobs: Option<usize>,
}

impl Shared {
    /// Checks the shared hyperparameters as scikit-learn's constraints and
    /// `_more_validate_params` do.
    fn validate(&self, name: &'static str) -> Result<()> {
        check_param(name, "alpha", self.alpha, "finite and >= 0", |a| {
            a.is_finite() && a >= 0.0
        })?;
        check_param(name, "l1_ratio", self.l1_ratio, "in [0, 1]", |r| {
            (0.0..=1.0).contains(&r)
        })?;
        check_param(name, "max_iter", self.max_iter, ">= 1", |m| m >= 1)?;
        check_param(name, "tol", self.tol, "None or finite and >= 0", |t| {
            t.is_none_or(|t| t.is_finite() && t >= 0.0)
        })?;
        check_positive(name, "eta0", self.eta0)?;
        check_param(name, "power_t", self.power_t, "finite", f64::is_finite)?;
        check_param(
            name,
            "validation_fraction",
            self.validation_fraction,
            "in (0, 1)",
            |v| v > 0.0 && v < 1.0,
        )?;
        check_param(name, "n_iter_no_change", self.n_iter_no_change, ">= 1", |n| n >= 1)?;
        check_param(name, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        if self.learning_rate == SGDLearningRate::Optimal {
            check_param(
                name,
                "alpha",
                self.alpha,
                "> 0 with learning_rate Optimal (it sets the step size)",
                |a| a > 0.0,
            )?;
        }
        Ok(())
    }

    /// The checks `partial_fit` adds: it runs one epoch and holds nothing
    /// out, so early stopping cannot apply.
    fn validate_partial(&self, name: &'static str) -> Result<()> {
        self.validate(name)?;
        check_param(
            name,
            "early_stopping",
            self.early_stopping,
            "false with partial_fit",
            |e| !e,
        )
    }

    /// The loop's options for `loss`, `max_iter` epochs, shuffled with
    /// `shuffle_seed` when `shuffle` is set.
    fn options(&self, loss: loss::Loss, max_iter: usize, shuffle_seed: u64) -> Options {
        Options {
            loss,
            penalty: self.penalty,
            alpha: self.alpha,
            l1_ratio: self.l1_ratio,
            learning_rate: self.learning_rate,
            eta0: self.eta0,
            power_t: self.power_t,
            fit_intercept: self.fit_intercept,
            max_iter,
            tol: self.tol,
            n_iter_no_change: self.n_iter_no_change,
            average: self.average,
            shuffle_seed: self.shuffle.then_some(shuffle_seed),
        }
    }
}

/// Whether the averaged weights are the model's after `t − 1` updates:
/// once averaging has started (scikit-learn's `average <= t_ - 1`).
fn averaged(average: usize, t: f64) -> bool {
    average > 0 && average as f64 <= t - 1.0
}
