//! Coordinate descent for the L1-penalised linear models, as scikit-learn's
//! `_coordinate_descent`: [`ElasticNet`] and [`Lasso`] (in `estimator`),
//! their regularisation paths [`enet_path`] and [`lasso_path`] (in `path`),
//! and [`ElasticNetCV`] / [`LassoCV`] (in `cv`). The descent itself, on `X`
//! or its Gram matrix, with scikit-learn's duality-gap stopping rule and
//! gap-safe screening, is in `solver`.

mod cv;
mod estimator;
mod path;
mod solver;

pub use cv::{ElasticNetCV, FittedElasticNetCV, LassoCV};
pub use estimator::{ElasticNet, FittedElasticNet, Lasso, Precompute, Selection};
pub use path::{EnetPath, RegularizationPath, enet_path, lasso_path};
