//! [`ExtraTreesRegressor`] and its fitted model.

use super::forest::{ForestSettings, MaxSamples};
use super::forest_regressor::{FittedForestRegressor, ForestRegressorParams};
use crate::error::Result;
use crate::float::Float;
use crate::traits::{Estimator, SampleWeighted};
use crate::tree::{Binning, MaxFeatures, Splitter, TreeLimits};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "ExtraTreesRegressor";

/// An extremely randomised trees regressor (squared error), as
/// scikit-learn's `ExtraTreesRegressor`: the mean of `n_estimators` trees
/// whose splits use random thresholds ([`Splitter::Random`], see
/// [`ExtraTreesClassifier`](super::ExtraTreesClassifier)), each grown on the
/// whole training set by default.
///
/// # Hyperparameters
/// `n_estimators` (100), `max_depth` (None), `min_samples_split` (2),
/// `min_samples_leaf` (1), `min_weight_fraction_leaf` (0.0), `max_features`
/// ([`MaxFeatures::All`], scikit-learn's default `1.0`), `max_leaf_nodes`
/// (None), `min_impurity_decrease` (0.0), `bootstrap` (false), `max_samples`
/// (None), `oob_score` (false), `n_jobs` (None), `random_state` (None),
/// `verbose` (0), `binning` ([`Binning::Histogram`]).
///
/// # Fitted attributes
/// See [`FittedExtraTreesRegressor`]: `estimators`, `feature_importances`,
/// `oob_score` (R²), `oob_prediction`, `n_features_in`; more trees with
/// [`grow_to`](FittedForestRegressor::grow_to) (warm start).
///
/// # Errors
/// As [`RandomForestRegressor`](super::RandomForestRegressor).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::MakeRegression;
/// use learnkit::ensemble::ExtraTreesRegressor;
///
/// let (x, y) = MakeRegression::default().n_samples(300).n_features(5).noise(1.0).random_state(0).generate()?;
/// let (train, test) = (x.slice(ndarray::s![..200, ..]), x.slice(ndarray::s![200.., ..]));
/// let model = ExtraTreesRegressor::default().n_estimators(30).random_state(0)
///     .fit(train, y.slice(ndarray::s![..200]))?;
/// assert!(model.score(test, y.slice(ndarray::s![200..]))? > 0.7);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtraTreesRegressor {
    /// Number of trees, default 100.
    pub n_estimators: usize,
    /// Maximum depth, default `None` (unlimited).
    pub max_depth: Option<usize>,
    /// Minimum samples to split a node, default 2.
    pub min_samples_split: usize,
    /// Minimum samples in a leaf, default 1.
    pub min_samples_leaf: usize,
    /// Minimum fraction of the total weight in a leaf, default 0.
    pub min_weight_fraction_leaf: f64,
    /// Features drawn at each split, default all.
    pub max_features: MaxFeatures,
    /// Maximum leaves per tree (best-first growth), default `None`.
    pub max_leaf_nodes: Option<usize>,
    /// Minimum weighted impurity decrease of a split, default 0.
    pub min_impurity_decrease: f64,
    /// Bootstrap samples, default false (every tree sees every sample).
    pub bootstrap: bool,
    /// Bootstrap size, default `None` (as many draws as samples).
    pub max_samples: Option<MaxSamples>,
    /// Compute the out-of-bag R², default false.
    pub oob_score: bool,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
    /// Seed, default `None` (fresh entropy).
    pub random_state: Option<u64>,
    /// Progress on standard error: 0 none (default), 1 a line per tree.
    pub verbose: usize,
    /// How features are binned, default at most 256 bins.
    pub binning: Binning,
}

impl Default for ExtraTreesRegressor {
    fn default() -> Self {
        ExtraTreesRegressor {
            n_estimators: 100,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::All,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            bootstrap: false,
            max_samples: None,
            oob_score: false,
            n_jobs: None,
            random_state: None,
            verbose: 0,
            binning: Binning::Histogram,
        }
    }
}

setters!(ExtraTreesRegressor in "learnkit::ensemble" {
    n_estimators: usize = 50;
    max_depth: Option<usize> = Some(8);
    min_samples_split: usize = 10;
    min_samples_leaf: usize = 5;
    min_weight_fraction_leaf: f64 = 0.1;
    max_features: MaxFeatures = learnkit::tree::MaxFeatures::Sqrt;
    max_leaf_nodes: Option<usize> = Some(32);
    min_impurity_decrease: f64 = 0.01;
    bootstrap: bool = true;
    max_samples: Option<MaxSamples> = None;
    oob_score: bool = false;
    n_jobs: Option<usize> = Some(2);
    verbose: usize = 1;
    binning: Binning = learnkit::tree::Binning::Exact;
});

random_state_setter!(ExtraTreesRegressor in "learnkit::ensemble");

impl ForestRegressorParams for ExtraTreesRegressor {
    fn settings(&self) -> ForestSettings {
        ForestSettings {
            name: NAME,
            n_estimators: self.n_estimators,
            limits: TreeLimits {
                max_depth: self.max_depth,
                min_samples_split: self.min_samples_split,
                min_samples_leaf: self.min_samples_leaf,
                min_weight_fraction_leaf: self.min_weight_fraction_leaf,
                max_features: self.max_features,
                max_leaf_nodes: self.max_leaf_nodes,
                min_impurity_decrease: self.min_impurity_decrease,
                splitter: Splitter::Random,
            },
            bootstrap: self.bootstrap,
            max_samples: self.max_samples,
            oob_score: self.oob_score,
            n_jobs: self.n_jobs,
            random_state: self.random_state,
            verbose: self.verbose,
            binning: self.binning,
        }
    }

    fn with_n_estimators(&self, n_estimators: usize) -> Self {
        self.clone().n_estimators(n_estimators)
    }
}

impl<F: Float> Estimator<F, F> for ExtraTreesRegressor {
    type Fitted = FittedExtraTreesRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        FittedForestRegressor::fit(self, x, y, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for ExtraTreesRegressor {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        FittedForestRegressor::fit(self, x, y, Some(sample_weight))
    }
}

/// A fitted [`ExtraTreesRegressor`]: see [`FittedForestRegressor`] for its
/// accessors, predictions and [`grow_to`](FittedForestRegressor::grow_to).
pub type FittedExtraTreesRegressor<F> = FittedForestRegressor<F, ExtraTreesRegressor>;
