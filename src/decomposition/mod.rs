//! Matrix decompositions for dimensionality reduction: [`PCA`] and
//! [`TruncatedSVD`].

mod centered;
mod pca;
mod randomized;
mod signs;
mod truncated_svd;

pub use pca::{FittedPCA, IteratedPower, NComponents, PCA, PowerIterationNormalizer, SvdSolver};
pub use truncated_svd::{FittedTruncatedSVD, TruncatedSVD};

/// That a loaded decomposition has one explained variance, variance ratio
/// and singular value per component (`lengths` in that order).
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
pub(crate) fn check_spectrum_lengths(name: &str, k: usize, lengths: [usize; 3]) -> std::result::Result<(), String> {
    let what = ["explained_variance", "explained_variance_ratio", "singular_values"];
    what.iter()
        .zip(lengths)
        .try_for_each(|(w, got)| crate::persistence::check::same_len(&format!("{name}: {w}"), k, got))
}
