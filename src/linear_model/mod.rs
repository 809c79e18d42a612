//! Linear models.

mod logistic;

pub use logistic::{FittedLogisticRegression, LogisticRegression};
