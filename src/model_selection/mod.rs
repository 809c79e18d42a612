//! Splitting data for evaluation: [`train_test_split`].

mod split;

pub use split::{SplitSize, TrainTestSplit, TrainTestSplitter, train_test_split};
