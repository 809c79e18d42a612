//! Mixture models, as `sklearn.mixture`: [`GaussianMixture`], fitted by
//! expectation–maximisation with full, tied, diagonal or spherical
//! covariances ([`CovarianceType`]).
//!
//! Files by operation: `covariance.rs` (the four layouts, precision Cholesky
//! factors), `estep.rs` (log densities and responsibilities), `mstep.rs`
//! (weights, means, covariances), `init.rs` (initial responsibilities),
//! `estimator.rs` (hyperparameters and the EM loop), `fitted.rs`.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::mixture::{CovarianceType, GaussianMixture, InitParams};
//! use ndarray::array;
//!
//! let x = array![[1.0, 2.0], [1.2, 1.9], [0.9, 2.2], [6.0, 8.0], [6.1, 7.8], [5.8, 8.3]];
//! let model = GaussianMixture::default()
//!     .n_components(2)
//!     .covariance_type(CovarianceType::Diag)
//!     .init_params(InitParams::KMeans)
//!     .random_state(0)
//!     .fit_unsupervised(x.view())?;
//! let labels = model.predict(x.view())?;
//! assert!(labels[0] == labels[2] && labels[0] != labels[3]);
//! assert!(model.bic(x.view())? < 60.0);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod covariance;
mod estep;
mod estimator;
mod fitted;
mod init;
mod mstep;

pub use covariance::{CovarianceArray, CovarianceType};
pub use estimator::GaussianMixture;
pub use fitted::FittedGaussianMixture;
pub use init::InitParams;
