//! Support vector machines: [`SVC`] (libsvm's C-SVC with an SMO solver),
//! [`SVR`] (epsilon-SVR on the same solver) and their kernels, and
//! [`LinearSVC`] (liblinear's dual coordinate descent and primal
//! trust-region Newton solver).
//!
//! Split by operation: `kernel` (kernel functions and rows), `cache` (the
//! LRU cache of kernel rows), `smo` (the solver, on a `team` of threads for one large problem), `multiclass` (one-vs-one
//! training), `probability` (Platt scaling and pairwise coupling), `params`,
//! `svc` (fitting) and `fitted` (prediction); `support` (the training copy
//! and prediction kernels both share), `svr` and `svr_fitted`;
//! `linear_svc` holds [`LinearSVC`].

mod cache;
mod fitted;
mod kernel;
mod linear_svc;
mod multiclass;
mod params;
mod probability;
mod smo;
mod support;
mod svc;
mod svr;
mod svr_fitted;
mod team;

pub use fitted::FittedSVC;
pub use kernel::{Gamma, Kernel};
pub use linear_svc::{FittedLinearSVC, LinearSVC, LinearSVCDual, LinearSVCLoss};
pub use params::{DecisionFunctionShape, SVC};
pub use svc::SvcProgress;
pub use svr::SVR;
pub use svr_fitted::FittedSVR;
