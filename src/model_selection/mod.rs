//! Model selection: [`train_test_split`], the cross-validation splitters
//! ([`KFold`], [`StratifiedKFold`], [`GroupKFold`], [`TimeSeriesSplit`],
//! [`ShuffleSplit`], [`StratifiedShuffleSplit`], all [`Splitter`]s), the
//! [`Scorer`]s, [`cross_validate`] / [`cross_val_score`] /
//! [`cross_val_predict`], the searches [`GridSearchCV`] and
//! [`RandomizedSearchCV`], and [`validation_curve`] / [`learning_curve`].
//!
//! Folds and (candidate, fold) pairs run in parallel with rayon, results in a
//! fixed order: the same inputs and seeds give bit-identical results on any
//! number of threads.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
//! let iris = learnkit::datasets::load_iris();
//! let search = GridSearchCV::new(
//!     vec![0.01, 0.1, 1.0, 10.0],
//!     |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
//!     StratifiedKFold::new(5),
//! );
//! let fitted = search.fit(iris.data.view(), iris.target.view())?;
//! assert!(fitted.best_score() > 0.95);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod split;

pub use split::{SplitSize, TrainTestSplit, TrainTestSplitter, train_test_split};

mod kfold;
mod shuffle_split;
mod splitter;

pub use kfold::{GroupKFold, KFold, StratifiedKFold, TimeSeriesSplit};
pub use shuffle_split::{ShuffleSplit, StratifiedShuffleSplit};
pub use splitter::{Fold, Splitter};

mod scoring;

pub use scoring::{
    Accuracy, BalancedAccuracy, EstimatorScore, F1, NegLogLoss, NegMeanAbsoluteError, NegMeanSquaredError, R2, RocAuc,
    Scorer,
};
pub use scoring::{AveragePrecision, MatthewsCorrcoef, NegBrierScore};
pub use scoring::{
    D2AbsoluteErrorScore, ExplainedVariance, NegMaxError, NegMeanAbsolutePercentageError, NegMeanSquaredLogError,
    NegMedianAbsoluteError, NegRootMeanSquaredLogError,
};

pub(crate) mod cross_validation;

pub use cross_validation::cross_val_predict;
pub(crate) use cross_validation::{check_test_partition, checked_folds, out_of_fold};

mod cross_validate;

pub use cross_validate::{
    CrossValScore, CrossValidate, CrossValidateResult, ScorerList, Scorers, cross_val_score, cross_validate,
};

mod search;

pub use search::{CvResults, FittedSearchCV, GridSearchCV, RandomizedSearchCV};

mod curves;

pub use curves::{Curve, LearningCurve, TrainSize, learning_curve, validation_curve};
