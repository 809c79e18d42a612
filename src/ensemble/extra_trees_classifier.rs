//! [`ExtraTreesClassifier`] and its fitted model.

use super::forest::{ForestSettings, MaxSamples};
use super::forest_classifier::{FittedForestClassifier, ForestClassifierParams};
use crate::class_weight::ClassWeight;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::traits::{Estimator, SampleWeighted};
use crate::tree::{Binning, Criterion, MaxFeatures, Splitter, TreeLimits};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "ExtraTreesClassifier";

/// An extremely randomised trees classifier, as scikit-learn's
/// `ExtraTreesClassifier` (Geurts, Ernst and Wehenkel, 2006).
///
/// Like a [`RandomForestClassifier`](super::RandomForestClassifier), it
/// averages the leaf class fractions of `n_estimators` trees that search
/// `max_features` random features at each node, but each tree splits with
/// random thresholds ([`Splitter::Random`]): for each drawn feature one
/// threshold is drawn uniformly between the node's smallest and largest value
/// of that feature, and the best of those random splits (by impurity
/// decrease) is kept. By default every tree sees the whole training set (no
/// bootstrap). Randomising the thresholds lowers the variance further and
/// makes each tree cheaper to grow than a random forest's.
///
/// Built on the same machinery as the random forest: features binned once
/// and shared by every tree (the random threshold is drawn in value space and
/// mapped to the bins, exactly scikit-learn's partition when a feature has at
/// most 256 distinct values; see [`Splitter`]), trees fitted in parallel from
/// per-index seeds (bit-identical on any number of threads).
///
/// # Hyperparameters
/// - `n_estimators` (default 100), ≥ 1.
/// - `criterion`, `max_depth`, `min_samples_split`, `min_samples_leaf`,
///   `min_weight_fraction_leaf`, `max_leaf_nodes`, `min_impurity_decrease`:
///   as for the tree, with the same defaults.
/// - `max_features` (default [`MaxFeatures::Sqrt`]).
/// - `bootstrap` (default `false`), `max_samples` (default `None`),
///   `oob_score` (default `false`; needs `bootstrap`).
/// - `class_weight` (default [`ClassWeight::Uniform`]).
/// - `n_jobs` (default `None`: every core), `random_state` (default `None`:
///   fresh entropy), `verbose` (default 0).
/// - `binning` (default [`Binning::Histogram`], learnkit-specific).
///
/// # Fitted attributes
/// See [`FittedExtraTreesClassifier`]: `classes`, `estimators`,
/// `feature_importances`, `oob_score`, `oob_decision_function`,
/// `n_features_in`; more trees with [`grow_to`](FittedForestClassifier::grow_to) (warm start).
///
/// # Errors
/// As [`RandomForestClassifier`](super::RandomForestClassifier):
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter (`n_estimators = 0`, `max_features` above the number of
/// features, `oob_score` or `max_samples` without `bootstrap`, …), and the
/// data errors of the tree.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::ensemble::ExtraTreesClassifier;
///
/// let iris = load_iris();
/// let model = ExtraTreesClassifier::default()
///     .n_estimators(20)
///     .random_state(0)
///     .fit(iris.data.view(), iris.target.view())?;
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.97);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtraTreesClassifier {
    /// Number of trees, default 100.
    pub n_estimators: usize,
    /// The impurity criterion, default Gini.
    pub criterion: Criterion,
    /// Maximum depth, default `None` (unlimited).
    pub max_depth: Option<usize>,
    /// Minimum samples to split a node, default 2.
    pub min_samples_split: usize,
    /// Minimum samples in a leaf, default 1.
    pub min_samples_leaf: usize,
    /// Minimum fraction of the total weight in a leaf, default 0.
    pub min_weight_fraction_leaf: f64,
    /// Features drawn at each split, default `Sqrt`.
    pub max_features: MaxFeatures,
    /// Maximum leaves per tree (best-first growth), default `None`.
    pub max_leaf_nodes: Option<usize>,
    /// Minimum weighted impurity decrease of a split, default 0.
    pub min_impurity_decrease: f64,
    /// Bootstrap samples, default false (every tree sees every sample).
    pub bootstrap: bool,
    /// Bootstrap size, default `None` (as many draws as samples).
    pub max_samples: Option<MaxSamples>,
    /// Compute the out-of-bag score, default false.
    pub oob_score: bool,
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
    /// Seed, default `None` (fresh entropy).
    pub random_state: Option<u64>,
    /// Progress on standard error: 0 none (default), 1 a line per tree.
    pub verbose: usize,
    /// How features are binned, default at most 256 bins.
    pub binning: Binning,
}

impl Default for ExtraTreesClassifier {
    fn default() -> Self {
        ExtraTreesClassifier {
            n_estimators: 100,
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::Sqrt,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            bootstrap: false,
            max_samples: None,
            oob_score: false,
            class_weight: ClassWeight::Uniform,
            n_jobs: None,
            random_state: None,
            verbose: 0,
            binning: Binning::Histogram,
        }
    }
}

setters!(ExtraTreesClassifier in "learnkit::ensemble" {
    n_estimators: usize = 50;
    criterion: Criterion = learnkit::tree::Criterion::Entropy;
    max_depth: Option<usize> = Some(8);
    min_samples_split: usize = 10;
    min_samples_leaf: usize = 5;
    min_weight_fraction_leaf: f64 = 0.1;
    max_features: MaxFeatures = learnkit::tree::MaxFeatures::Log2;
    max_leaf_nodes: Option<usize> = Some(32);
    min_impurity_decrease: f64 = 0.01;
    bootstrap: bool = true;
    max_samples: Option<MaxSamples> = None;
    oob_score: bool = false;
    class_weight: ClassWeight = learnkit::class_weight::ClassWeight::BalancedSubsample;
    n_jobs: Option<usize> = Some(2);
    verbose: usize = 1;
    binning: Binning = learnkit::tree::Binning::Exact;
});

random_state_setter!(ExtraTreesClassifier in "learnkit::ensemble");

impl ForestClassifierParams for ExtraTreesClassifier {
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

    fn criterion(&self) -> Criterion {
        self.criterion
    }

    fn class_weight(&self) -> &ClassWeight {
        &self.class_weight
    }

    fn with_n_estimators(&self, n_estimators: usize) -> Self {
        self.clone().n_estimators(n_estimators)
    }
}

impl<F: Float, L: Label> Estimator<F, L> for ExtraTreesClassifier {
    type Fitted = FittedExtraTreesClassifier<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        FittedForestClassifier::fit(self, x, y, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for ExtraTreesClassifier {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        FittedForestClassifier::fit(self, x, y, Some(sample_weight))
    }
}

/// A fitted [`ExtraTreesClassifier`]: see [`FittedForestClassifier`] for
/// its accessors, predictions and [`grow_to`](FittedForestClassifier::grow_to).
pub type FittedExtraTreesClassifier<F, L> = FittedForestClassifier<F, L, ExtraTreesClassifier>;
