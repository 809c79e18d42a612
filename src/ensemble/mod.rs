//! Ensembles of trees: [`RandomForestClassifier`], [`RandomForestRegressor`],
//! [`ExtraTreesClassifier`] and [`ExtraTreesRegressor`] (trees grown in
//! parallel on one shared binning of the features), and
//! [`HistGradientBoostingClassifier`] and [`HistGradientBoostingRegressor`]
//! (histogram-based gradient boosting, with native missing values and
//! categorical features); [`VotingClassifier`], [`VotingRegressor`],
//! [`StackingClassifier`] and [`StackingRegressor`] (differently-typed
//! estimators combined by a vote or a final estimator).
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_wine;
//! use learnkit::ensemble::RandomForestClassifier;
//!
//! let wine = load_wine();
//! let forest = RandomForestClassifier::default()
//!     .n_estimators(25)
//!     .random_state(0)
//!     .fit(wine.data.view(), wine.target.view())?;
//! assert!(forest.score(wine.data.view(), wine.target.view())? > 0.95);
//! assert_eq!(forest.feature_importances().len(), 13);
//!
//! let boosting = HistGradientBoostingClassifier::default()
//!     .max_iter(20)
//!     .fit(wine.data.view(), wine.target.view())?;
//! assert_eq!(boosting.predict_proba(wine.data.view())?.dim(), (178, 3));
//! # Ok::<(), learnkit::Error>(())
//! ```

// Split by operation: `forest` (settings, per-tree seeds, bootstrap,
// parallel fitting on one shared binning, averaging, out-of-bag),
// `forest_classifier` and `forest_regressor` (fitting, warm start and the
// fitted model shared by both kinds of forest), `params` (the macros that
// write the four hyperparameter types, which differ only in name, bootstrap
// default and splitter), and one file per estimator holding its docs;
// `hist_gradient_boosting` (see its mod.rs). ARCHITECTURE.md has the picture.

#[macro_use]
mod params;

mod extra_trees_classifier;
mod extra_trees_regressor;
mod forest;
mod forest_classifier;
mod forest_distributed;
mod forest_regressor;
mod forest_rows;
mod random_forest_classifier;
mod random_forest_regressor;

pub use extra_trees_classifier::{ExtraTreesClassifier, FittedExtraTreesClassifier};
pub use extra_trees_regressor::{ExtraTreesRegressor, FittedExtraTreesRegressor};
pub use forest::MaxSamples;
pub use forest_classifier::FittedForestClassifier;
// Partial dependence and the ONNX export are generic over them.
pub(crate) use forest_classifier::ForestClassifierParams;
pub use forest_regressor::FittedForestRegressor;
pub(crate) use forest_regressor::ForestRegressorParams;
pub use random_forest_classifier::{FittedRandomForestClassifier, RandomForestClassifier};
pub use random_forest_regressor::{FittedRandomForestRegressor, RandomForestRegressor};

pub(crate) mod hist_gradient_boosting;

// Voting and stacking: `estimator_list` (the nested lists of named,
// differently-typed estimators and `ClassifierResponses`), `responses`
// (its impls for the crate's classifiers), `voting`, `stacking`.
mod estimator_list;
mod responses;
mod stacking;
mod voting;

pub use estimator_list::{
    ClassifierResponses, Classify, EstimatorList, FittedEstimatorList, Kind, Named, Regress, StackMethod,
};
pub use hist_gradient_boosting::{
    CategoricalFeatures, ClassificationLoss, EarlyStopping, FittedHistGradientBoostingClassifier,
    FittedHistGradientBoostingRegressor, HistGradientBoostingClassifier, HistGradientBoostingRegressor, Progress,
    RegressionLoss,
};
pub use stacking::{FittedStackingClassifier, FittedStackingRegressor, StackingClassifier, StackingRegressor};
pub use voting::{FittedVotingClassifier, FittedVotingRegressor, Voting, VotingClassifier, VotingRegressor};
