//! [`RandomForestClassifier`] and its fitted model.

use super::forest::{ForestSettings, MaxSamples};
use super::forest_classifier::{FittedForestClassifier, ForestClassifierParams};
use crate::class_weight::ClassWeight;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::traits::{Estimator, SampleWeighted};
use crate::tree::{Binning, Criterion, MaxFeatures, Splitter, TreeLimits};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "RandomForestClassifier";

/// A random forest of classification trees, as scikit-learn's
/// `RandomForestClassifier`.
///
/// Each of `n_estimators` trees is a [`DecisionTreeClassifier`](crate::tree::DecisionTreeClassifier)
/// grown on a bootstrap sample (drawn as integer sample weights) and
/// searching `max_features` random features at each split; the forest's
/// probabilities are the mean of the trees' leaf class fractions, and it
/// predicts the most probable class.
///
/// Built to be fast: the features are binned once (at most 256 bins per
/// feature, `u8` codes, column-major; see [`Binning`]) and shared by all
/// trees; the trees are fitted in parallel with rayon, each from a seed
/// derived from `random_state` and its index, so the forest is bit-identical
/// on any number of threads; prediction runs over fixed row chunks in
/// parallel, and the fitted trees are flat arrays.
///
/// # Hyperparameters
/// - `n_estimators` (default 100), ≥ 1.
/// - `criterion`, `max_depth`, `min_samples_split`, `min_samples_leaf`,
///   `min_weight_fraction_leaf`, `max_leaf_nodes`, `min_impurity_decrease`:
///   as for the tree, with the same defaults.
/// - `max_features` (default [`MaxFeatures::Sqrt`]).
/// - `bootstrap` (default `true`): grow each tree on a bootstrap sample.
/// - `max_samples` (default `None`: `n_samples` draws): bootstrap size.
/// - `oob_score` (default `false`): score the forest on the samples each tree
///   did not draw; needs `bootstrap`.
/// - `class_weight` (default [`ClassWeight::Uniform`]); `BalancedSubsample`
///   computes balanced weights on each bootstrap sample.
/// - `n_jobs` (default `None`: every core), `random_state` (default `None`:
///   fresh entropy), `verbose` (default 0; 1 prints a line per tree to
///   standard error).
/// - `binning` (default [`Binning::Histogram`], learnkit-specific).
///
/// # Fitted attributes
/// See [`FittedRandomForestClassifier`]: `classes`, `estimators`,
/// `feature_importances`, `oob_score`, `oob_decision_function`, `n_features_in`; more trees with
/// [`grow_to`](FittedForestClassifier::grow_to) (warm start).
///
/// # Errors
/// As [`DecisionTreeClassifier`](crate::tree::DecisionTreeClassifier), plus
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `n_estimators = 0`, `oob_score` or
/// `max_samples` without `bootstrap`, and a bad `max_samples`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::ensemble::RandomForestClassifier;
///
/// let iris = load_iris();
/// let model = RandomForestClassifier::default()
///     .n_estimators(20)
///     .oob_score(true)
///     .random_state(0)
///     .fit(iris.data.view(), iris.target.view())?;
/// assert!(model.oob_score().unwrap() > 0.9);
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.97);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RandomForestClassifier {
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
    /// Bootstrap samples, default true.
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

impl Default for RandomForestClassifier {
    fn default() -> Self {
        RandomForestClassifier {
            n_estimators: 100,
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::Sqrt,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            bootstrap: true,
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

setters!(RandomForestClassifier in "learnkit::ensemble" {
    n_estimators: usize = 50;
    criterion: Criterion = learnkit::tree::Criterion::Entropy;
    max_depth: Option<usize> = Some(8);
    min_samples_split: usize = 10;
    min_samples_leaf: usize = 5;
    min_weight_fraction_leaf: f64 = 0.1;
    max_features: MaxFeatures = learnkit::tree::MaxFeatures::Log2;
    max_leaf_nodes: Option<usize> = Some(32);
    min_impurity_decrease: f64 = 0.01;
    bootstrap: bool = false;
    max_samples: Option<MaxSamples> = Some(learnkit::ensemble::MaxSamples::Fraction(0.5));
    oob_score: bool = true;
    class_weight: ClassWeight = learnkit::class_weight::ClassWeight::BalancedSubsample;
    n_jobs: Option<usize> = Some(2);
    verbose: usize = 1;
    binning: Binning = learnkit::tree::Binning::Exact;
});

random_state_setter!(RandomForestClassifier in "learnkit::ensemble");

impl ForestClassifierParams for RandomForestClassifier {
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

impl<F: Float, L: Label> Estimator<F, L> for RandomForestClassifier {
    type Fitted = FittedRandomForestClassifier<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        FittedForestClassifier::fit(self, x, y, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for RandomForestClassifier {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        FittedForestClassifier::fit(self, x, y, Some(sample_weight))
    }
}

/// A fitted [`RandomForestClassifier`]: see [`FittedForestClassifier`] for
/// its accessors, predictions and [`grow_to`](FittedForestClassifier::grow_to).
pub type FittedRandomForestClassifier<F, L> = FittedForestClassifier<F, L, RandomForestClassifier>;
