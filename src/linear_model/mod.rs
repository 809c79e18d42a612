//! Linear models.

mod lbfgs;
mod logistic;

pub use logistic::{FittedLogisticRegression, LogisticRegression};
