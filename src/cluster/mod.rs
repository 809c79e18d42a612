//! Clustering, as `sklearn.cluster`.
//!
//! Fitted clusterings implement [`Clusterer`](crate::traits::Clusterer)
//! (`labels()`, scikit-learn's `labels_`), so every estimator here has
//! [`FitPredict::fit_predict`](crate::traits::FitPredict::fit_predict).

// AgglomerativeClustering, DBSCAN and HDBSCAN (the `hierarchy` work).
mod agglomerative;
mod dbscan;
mod hdbscan;
pub(crate) mod single_linkage;

pub use agglomerative::{AgglomerativeClustering, FittedAgglomerativeClustering, Linkage};
pub use dbscan::{DBSCAN, FittedDBSCAN};
pub use hdbscan::{FittedHDBSCAN, HDBSCAN, SelectionMethod, StoreCenters};
