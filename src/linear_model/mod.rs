//! Linear models: [`LogisticRegression`] (L2-penalised, binary and
//! multinomial, fitted by L-BFGS as scikit-learn's `lbfgs` solver) and
//! [`LogisticRegressionCV`] (its `C` chosen by cross-validation).
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_breast_cancer;
//! use learnkit::linear_model::LogisticRegressionCV;
//!
//! let data = load_breast_cancer();
//! let model = Pipeline::new(StandardScaler::default(), LogisticRegressionCV::default())
//!     .fit(data.data.view(), data.target.view())?;
//! assert!(model.second.c() > 0.0); // the chosen C
//! assert!(model.score(data.data.view(), data.target.view())? > 0.95);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod lbfgs;
mod logistic;

pub use logistic::{Cs, FittedLogisticRegressionCV, LogisticRegressionCV};
pub use logistic::{FittedLogisticRegression, LogisticRegression};
