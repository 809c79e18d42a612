//! Matrix decompositions for dimensionality reduction: [`PCA`].

mod centered;
mod pca;

pub use pca::{FittedPCA, IteratedPower, NComponents, PCA, PowerIterationNormalizer, SvdSolver};
