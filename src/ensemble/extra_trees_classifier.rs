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

forest_classifier_params! {
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
    ExtraTreesClassifier, fitted: FittedExtraTreesClassifier, name: NAME, bootstrap: false, splitter: Splitter::Random
}
