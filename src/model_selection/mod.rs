//! Splitting data for evaluation.

/// Splitting into train and test sets.
pub fn train_test_split() {}
