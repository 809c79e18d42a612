//! Support vector machines: [`SVC`] (libsvm's C-SVC with an SMO solver)
//! and its kernels.
//!
//! Split by operation: `kernel` (kernel functions and rows), `cache` (the
//! LRU cache of kernel rows), `smo` (the solver), `multiclass` (one-vs-one
//! training), `probability` (Platt scaling and pairwise coupling), `params`,
//! `svc` (fitting) and `fitted` (prediction).

mod cache;
mod fitted;
mod kernel;
mod multiclass;
mod params;
mod probability;
mod smo;
mod svc;

pub use fitted::FittedSVC;
pub use kernel::{Gamma, Kernel};
pub use params::{DecisionFunctionShape, SVC};
pub use svc::SvcProgress;
