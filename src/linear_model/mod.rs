//! Linear models.

mod lbfgs;
mod logistic;

pub use logistic::{Cs, FittedLogisticRegressionCV, LogisticRegressionCV};
pub use logistic::{FittedLogisticRegression, LogisticRegression};
