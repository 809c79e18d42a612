//! Clustering, as `sklearn.cluster`.
//!
//! Fitted clusterings implement [`Clusterer`](crate::traits::Clusterer)
//! (`labels()`, scikit-learn's `labels_`), so every estimator here has
//! [`FitPredict::fit_predict`](crate::traits::FitPredict::fit_predict).
//!
//! - [`KMeans`] and [`MiniBatchKMeans`] (centroids; `predict` and distances
//!   for new rows),
//! - [`AgglomerativeClustering`] (a merge tree cut at `n_clusters` or a
//!   distance threshold),
//! - [`DBSCAN`] and [`HDBSCAN`] (density; rows in no cluster are noise, `-1`).
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::cluster::{DBSCAN, KMeans};
//! use ndarray::array;
//!
//! let x = array![[0.0, 0.0], [0.1, 0.0], [0.0, 0.1], [5.0, 5.0], [5.1, 5.0], [5.0, 5.1], [20.0, 20.0]];
//! let kmeans = KMeans::default().n_clusters(3).random_state(0).fit_unsupervised(x.view())?;
//! assert_eq!(kmeans.predict(array![[0.05, 0.05]].view())?[0], kmeans.labels()[0]);
//! let labels = DBSCAN::default().eps(0.5).min_samples(3).fit_predict(x.view())?;
//! assert_eq!(labels, array![0, 0, 0, 1, 1, 1, -1]); // the far point is noise
//! # Ok::<(), learnkit::Error>(())
//! ```

mod kmeans;
pub use kmeans::{FittedKMeans, FittedMiniBatchKMeans, KMeans, KMeansAlgorithm, KMeansInit, MiniBatchKMeans, NInit};

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

// k-means++ seeds, shared with GaussianMixture's initialisation.
pub(crate) use kmeans::kmeans_plusplus;
