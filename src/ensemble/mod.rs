//! Ensembles of trees: [`RandomForestClassifier`], [`RandomForestRegressor`],
//! [`ExtraTreesClassifier`] and [`ExtraTreesRegressor`].
//!
//! Split by operation: `forest` (settings, per-tree seeds, bootstrap,
//! parallel fitting on one shared binning, averaging, out-of-bag),
//! `forest_classifier` and `forest_regressor` (fitting, warm start and the
//! fitted model shared by both kinds of forest), `params` (the macros that
//! write the four hyperparameter types, which differ only in name, bootstrap
//! default and splitter), and one file per estimator holding its docs.

#[macro_use]
mod params;

mod extra_trees_classifier;
mod extra_trees_regressor;
mod forest;
mod forest_classifier;
mod forest_regressor;
mod random_forest_classifier;
mod random_forest_regressor;

pub use extra_trees_classifier::{ExtraTreesClassifier, FittedExtraTreesClassifier};
pub use extra_trees_regressor::{ExtraTreesRegressor, FittedExtraTreesRegressor};
pub use forest::MaxSamples;
pub use forest_classifier::FittedForestClassifier;
pub use forest_regressor::FittedForestRegressor;
pub use random_forest_classifier::{FittedRandomForestClassifier, RandomForestClassifier};
pub use random_forest_regressor::{FittedRandomForestRegressor, RandomForestRegressor};

mod hist_gradient_boosting;
pub use hist_gradient_boosting::{
    CategoricalFeatures, ClassificationLoss, EarlyStopping, FittedHistGradientBoostingClassifier,
    FittedHistGradientBoostingRegressor, HistGradientBoostingClassifier, HistGradientBoostingRegressor, Progress,
    RegressionLoss,
};
