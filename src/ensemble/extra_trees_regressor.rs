//! [`ExtraTreesRegressor`] and its fitted model.

use super::forest::{ForestSettings, MaxSamples};
use super::forest_regressor::{FittedForestRegressor, ForestRegressorParams};
use crate::error::Result;
use crate::float::Float;
use crate::traits::{Estimator, SampleWeighted};
use crate::tree::{Binning, MaxFeatures, Splitter, TreeLimits};
use ndarray::{ArrayView1, ArrayView2};

const NAME: &str = "ExtraTreesRegressor";

forest_regressor_params! {
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
    ExtraTreesRegressor, fitted: FittedExtraTreesRegressor, name: NAME, bootstrap: false, splitter: Splitter::Random
}
