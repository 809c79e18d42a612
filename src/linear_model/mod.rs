//! Linear models: [`LinearRegression`] (least squares, minimum-norm on
//! rank-deficient data, optionally non-negative), [`Ridge`] (L2-penalised
//! least squares by Cholesky, SVD or conjugate gradients), [`RidgeCV`] (its
//! `alpha` by efficient leave-one-out), [`RidgeClassifier`] and
//! [`RidgeClassifierCV`]; [`LogisticRegression`] (binary and multinomial;
//! L2-penalised by L-BFGS as scikit-learn's `lbfgs` solver, or L1,
//! elastic-net or unpenalised, see [`Penalty`] and [`LogisticSolver`]) and
//! [`LogisticRegressionCV`] (its `C` and `l1_ratio` chosen by cross-validation);
//! [`SGDClassifier`] and [`SGDRegressor`] (stochastic gradient descent, with
//! `partial_fit` for out-of-core learning).
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

mod api;
mod base;
mod coordinate_descent;
mod lbfgs;
mod least_squares;
mod logistic;
mod ridge;
mod sgd;
// The centred normal equations without a centred copy (Ridge, LinearRegression).
mod normal;

pub use least_squares::{FittedLinearRegression, LinearRegression};
pub use ridge::{FittedRidge, Ridge, RidgeSolver};
pub use ridge::{FittedRidgeCV, GcvMode, IdentityClassifier, IdentityRegressor, RidgeCV};
pub use ridge::{FittedRidgeClassifier, FittedRidgeClassifierCV, RidgeClassifier, RidgeClassifierCV};

pub use logistic::{Cs, FittedLogisticRegressionCV, LogisticRegressionCV};
pub use logistic::{FittedLogisticRegression, LogisticRegression, LogisticSolver, Penalty};

pub use sgd::{FittedSGDClassifier, FittedSGDRegressor, SGDClassifier, SGDRegressor};
pub use sgd::{SGDClassifierLoss, SGDLearningRate, SGDPenalty, SGDRegressorLoss};

pub use coordinate_descent::{ElasticNet, FittedElasticNet, Lasso, Precompute, Selection};
pub use coordinate_descent::{ElasticNetCV, FittedElasticNetCV, LassoCV};
pub use coordinate_descent::{EnetPath, RegularizationPath, enet_path, lasso_path};

mod multi_target;

pub use multi_target::{FittedMultiTarget, MultiTargetParams};
