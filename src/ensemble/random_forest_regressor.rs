//! [`RandomForestRegressor`] and its fitted model.

use super::forest::{ForestSettings, MaxSamples};
use super::forest_regressor::{FittedForestRegressor, ForestRegressorParams};
use crate::error::Result;
use crate::float::Float;
use crate::traits::{Estimator, SampleWeighted};
use crate::tree::{Binning, MaxFeatures, Splitter, TreeLimits};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "RandomForestRegressor";

/// A random forest of regression trees (squared error), as scikit-learn's
/// `RandomForestRegressor`: the mean of `n_estimators` trees, each grown on a
/// bootstrap sample. Built as [`RandomForestClassifier`](super::RandomForestClassifier)
/// (one shared binning, trees in parallel from per-index seeds: bit-identical
/// on any number of threads).
///
/// # Hyperparameters
/// `n_estimators` (100), `max_depth` (None), `min_samples_split` (2),
/// `min_samples_leaf` (1), `min_weight_fraction_leaf` (0.0), `max_features`
/// ([`MaxFeatures::All`], scikit-learn's default `1.0`), `max_leaf_nodes`
/// (None), `min_impurity_decrease` (0.0), `bootstrap` (true), `max_samples`
/// (None), `oob_score` (false), `n_jobs` (None), `random_state` (None),
/// `verbose` (0), `binning` ([`Binning::Histogram`]).
///
/// # Fitted attributes
/// See [`FittedRandomForestRegressor`]: `estimators`, `feature_importances`,
/// `oob_score` (R²), `oob_prediction`, `n_features_in`.
///
/// # Errors
/// As [`DecisionTreeRegressor`](crate::tree::DecisionTreeRegressor), plus
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `n_estimators = 0`, `oob_score` or
/// `max_samples` without `bootstrap`, and a bad `max_samples`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::MakeRegression;
/// use learnkit::ensemble::RandomForestRegressor;
///
/// let (x, y) = MakeRegression::default().n_samples(300).n_features(5).noise(1.0).random_state(0).generate()?;
/// let model = RandomForestRegressor::default().n_estimators(30).oob_score(true).random_state(0).fit(x.view(), y.view())?;
/// assert!(model.oob_score().unwrap() > 0.7);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RandomForestRegressor {
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
    /// Bootstrap samples, default true.
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

impl Default for RandomForestRegressor {
    fn default() -> Self {
        RandomForestRegressor {
            n_estimators: 100,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::All,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            bootstrap: true,
            max_samples: None,
            oob_score: false,
            n_jobs: None,
            random_state: None,
            verbose: 0,
            binning: Binning::Histogram,
        }
    }
}

setters!(RandomForestRegressor in "learnkit::ensemble" {
    n_estimators: usize = 50;
    max_depth: Option<usize> = Some(8);
    min_samples_split: usize = 10;
    min_samples_leaf: usize = 5;
    min_weight_fraction_leaf: f64 = 0.1;
    max_features: MaxFeatures = learnkit::tree::MaxFeatures::Sqrt;
    max_leaf_nodes: Option<usize> = Some(32);
    min_impurity_decrease: f64 = 0.01;
    bootstrap: bool = false;
    max_samples: Option<MaxSamples> = Some(learnkit::ensemble::MaxSamples::Count(100));
    oob_score: bool = true;
    n_jobs: Option<usize> = Some(2);
    verbose: usize = 1;
    binning: Binning = learnkit::tree::Binning::Exact;
});

random_state_setter!(RandomForestRegressor in "learnkit::ensemble");

impl ForestRegressorParams for RandomForestRegressor {
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
                splitter: Splitter::Best,
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

impl<F: Float> Estimator<F, F> for RandomForestRegressor {
    type Fitted = FittedRandomForestRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        FittedForestRegressor::fit(self, x, y, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for RandomForestRegressor {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        FittedForestRegressor::fit(self, x, y, Some(sample_weight))
    }
}

/// A fitted [`RandomForestRegressor`]: see [`FittedForestRegressor`] for its
/// accessors, predictions and [`grow_to`](FittedForestRegressor::grow_to).
pub type FittedRandomForestRegressor<F> = FittedForestRegressor<F, RandomForestRegressor>;
