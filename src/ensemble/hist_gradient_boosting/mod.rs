//! Histogram-based gradient boosting: [`HistGradientBoostingClassifier`] and
//! [`HistGradientBoostingRegressor`] (scikit-learn's, after LightGBM).
//!
//! Split by operation: `params` (shared choices and checks), `loss`
//! (baseline, gradients, hessians, loss values), `histogram` (per-node
//! gradient statistics per bin), `split` (the best split of a node, numeric
//! or categorical), `grower` (one tree, leaf-wise), `predictor` (the flat
//! fitted trees and parallel prediction), `boosting` (the iterations and
//! early stopping), `distributed` (the data-parallel fit over several
//! processes), and one file per estimator. The binning is the crate's
//! shared one (`tree::binning`).

mod boosting;
mod classifier;
mod distributed;
mod grower;
mod histogram;
pub(crate) mod loss;
mod params;
mod partial_dependence;
mod predictor;
mod regressor;
mod split;

pub use classifier::{ClassificationLoss, FittedHistGradientBoostingClassifier, HistGradientBoostingClassifier};
pub use params::{CategoricalFeatures, EarlyStopping, Progress};
pub use regressor::{FittedHistGradientBoostingRegressor, HistGradientBoostingRegressor, RegressionLoss};
#[cfg(feature = "onnx")]
pub(crate) use split::bitset_contains;
/// What the ONNX export and TreeSHAP read of the fitted trees.
pub(crate) use {
    boosting::Ensemble,
    predictor::{NodeKind, TreePredictor},
    split::Bitset,
};
