//! Matrix decompositions for dimensionality reduction: [`PCA`] and
//! [`TruncatedSVD`].

mod centered;
mod pca;
mod randomized;
mod signs;
mod truncated_svd;

pub use pca::{FittedPCA, IteratedPower, NComponents, PCA, PowerIterationNormalizer, SvdSolver};
pub use truncated_svd::{FittedTruncatedSVD, TruncatedSVD};
