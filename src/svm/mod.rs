//! Support vector machines: [`SVC`] (libsvm's C-SVC with an SMO solver),
//! [`SVR`] (epsilon-SVR on the same solver) and their kernels.
//!
//! Split by operation: `kernel` (kernel functions and rows), `cache` (the
//! LRU cache of kernel rows), `smo` (the solver), `multiclass` (one-vs-one
//! training), `probability` (Platt scaling and pairwise coupling), `params`,
//! `svc` (fitting) and `fitted` (prediction); `support` (the training copy
//! and prediction kernels both share), `svr` and `svr_fitted`.

mod cache;
mod fitted;
mod kernel;
mod multiclass;
mod params;
mod probability;
mod smo;
mod support;
mod svc;
mod svr;
mod svr_fitted;

pub use fitted::FittedSVC;
pub use kernel::{Gamma, Kernel};
pub use params::{DecisionFunctionShape, SVC};
pub use svc::SvcProgress;
pub use svr::SVR;
pub use svr_fitted::FittedSVR;
