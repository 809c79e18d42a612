//! Support vector machines: [`SVC`] (libsvm's C-SVC with an SMO solver),
//! [`SVR`] (epsilon-SVR on the same solver) and their kernels, and
//! [`LinearSVC`] (liblinear's dual coordinate descent and primal
//! trust-region Newton solver).
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::svm::{Gamma, Kernel};
//!
//! let iris = load_iris();
//! let svc = Pipeline::new(StandardScaler::default(), SVC::default().kernel(Kernel::Rbf { gamma: Gamma::Scale }))
//!     .fit(iris.data.view(), iris.target.view())?;
//! assert!(svc.score(iris.data.view(), iris.target.view())? > 0.95);
//! assert!(svc.second.support_vectors().nrows() < 150);
//!
//! let linear = Pipeline::new(StandardScaler::default(), LinearSVC::default())
//!     .fit(iris.data.view(), iris.target.view())?;
//! assert!(linear.score(iris.data.view(), iris.target.view())? > 0.9);
//! # Ok::<(), learnkit::Error>(())
//! ```

// Split by operation: `kernel` (kernel functions and rows), `cache` (the
// LRU cache of kernel rows), `smo` (the solver, on a `team` of threads for
// one large problem), `multiclass` (one-vs-one training), `probability`
// (Platt scaling and pairwise coupling), `params`, `svc` (fitting) and
// `fitted` (prediction); `support` (the training copy and prediction
// kernels both share), `svr` and `svr_fitted`; `linear_svc` holds
// `LinearSVC`. ARCHITECTURE.md has the picture.

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
