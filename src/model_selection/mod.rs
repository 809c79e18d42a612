//! Splitting data for evaluation: [`train_test_split`], the cross-validation
//! splitters ([`KFold`], [`StratifiedKFold`], [`GroupKFold`],
//! [`TimeSeriesSplit`], [`ShuffleSplit`], [`StratifiedShuffleSplit`]).

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

mod cross_validation;

pub use cross_validation::{CrossValidateResult, cross_val_predict, cross_val_score, cross_validate};

mod search;

pub use search::{CvResults, FittedSearchCV, GridSearchCV, RandomizedSearchCV};
