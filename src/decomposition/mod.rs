//! Matrix decompositions for dimensionality reduction: [`PCA`].

mod centered;
mod pca;
mod randomized;
mod signs;

pub use pca::{FittedPCA, IteratedPower, NComponents, PCA, PowerIterationNormalizer, SvdSolver};
