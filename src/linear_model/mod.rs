//! Linear models.

mod lbfgs;
mod logistic;

pub use logistic::{FittedLogisticRegression, LogisticRegression};
pub use logistic::{Cs, FittedLogisticRegressionCV, LogisticRegressionCV};
