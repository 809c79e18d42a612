//! [`RandomForestRegressor`] and its fitted model.

use super::forest::{ForestSettings, MaxSamples};
use super::forest_regressor::{FittedForestRegressor, ForestRegressorParams};
use crate::error::Result;
use crate::float::Float;
use crate::traits::{Estimator, SampleWeighted};
use crate::tree::{Binning, MaxFeatures, Splitter, TreeLimits};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "RandomForestRegressor";

forest_regressor_params! {
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
    RandomForestRegressor, fitted: FittedRandomForestRegressor, name: NAME, bootstrap: true, splitter: Splitter::Best
}
