//! Ensembles of trees: [`RandomForestClassifier`] and [`RandomForestRegressor`].
//!
//! Split by operation: `forest` (per-tree seeds, bootstrap, parallel fitting
//! on one shared binning, averaging, out-of-bag), and one file per estimator.

mod forest;
mod random_forest_classifier;
mod random_forest_regressor;

pub use forest::MaxSamples;
pub use random_forest_classifier::{FittedRandomForestClassifier, RandomForestClassifier};
pub use random_forest_regressor::{FittedRandomForestRegressor, RandomForestRegressor};
