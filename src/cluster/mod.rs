//! Clustering, as `sklearn.cluster`.
//!
//! Fitted clusterings implement [`Clusterer`](crate::traits::Clusterer)
//! (`labels()`, scikit-learn's `labels_`), so every estimator here has
//! [`FitPredict::fit_predict`](crate::traits::FitPredict::fit_predict).

// k-means (the `kmeans` work).
mod kmeans;
pub use kmeans::{FittedKMeans, FittedMiniBatchKMeans, KMeans, KMeansAlgorithm, KMeansInit, MiniBatchKMeans, NInit};
// k-means++ seeds, shared with GaussianMixture's initialisation (the `mixture` work).
pub(crate) use kmeans::kmeans_plusplus;
