//! Clustering, as `sklearn.cluster`.
//!
//! Fitted clusterings implement [`Clusterer`](crate::traits::Clusterer)
//! (`labels()`, scikit-learn's `labels_`), so every estimator here has
//! [`FitPredict::fit_predict`](crate::traits::FitPredict::fit_predict).

// k-means (the `kmeans` work).
mod kmeans;
pub use kmeans::{FittedKMeans, FittedMiniBatchKMeans, KMeans, KMeansAlgorithm, KMeansInit, MiniBatchKMeans, NInit};

// AgglomerativeClustering, DBSCAN and HDBSCAN (the `hierarchy` work).
mod agglomerative;
mod dbscan;
mod hdbscan;
pub(crate) mod single_linkage;

pub use agglomerative::{AgglomerativeClustering, FittedAgglomerativeClustering, Linkage};
pub use dbscan::{DBSCAN, FittedDBSCAN};
pub use hdbscan::{FittedHDBSCAN, HDBSCAN, SelectionMethod, StoreCenters};

/// Checks the data of a hierarchy (finite, not empty) and that it has the
/// two samples a merge needs (scikit-learn's `ensure_min_samples=2`).
fn check_hierarchy_input<F: crate::float::Float>(
    context: &'static str,
    x: ndarray::ArrayView2<'_, F>,
) -> crate::error::Result<()> {
    crate::validation::check_array(context, x)?;
    if x.nrows() < 2 {
        return Err(crate::error::Error::invalid_input(
            context,
            format!("a hierarchy needs at least 2 samples, got {}", x.nrows()),
        ));
    }
    Ok(())
}
// k-means++ seeds, shared with GaussianMixture's initialisation (the `mixture` work).
pub(crate) use kmeans::kmeans_plusplus;
