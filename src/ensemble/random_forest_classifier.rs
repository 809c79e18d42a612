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

forest_classifier_params! {
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
    RandomForestClassifier, fitted: FittedRandomForestClassifier, name: NAME, bootstrap: true, splitter: Splitter::Best
}
