//! Clustering metrics, as `sklearn.metrics.cluster`: comparisons of a
//! clustering with reference labels ([`adjusted_rand_score`],
//! [`adjusted_mutual_info_score`], [`homogeneity_completeness_v_measure`],
//! …, from the [`contingency_matrix`]) and scores of a clustering from the
//! data alone ([`silhouette_score`], [`calinski_harabasz_score`],
//! [`davies_bouldin_score`]).
//!
//! Labels may be of any [`Label`](crate::Label) type, and the two labelings
//! of different types (targets as `usize`, cluster labels as `i64`); only
//! the partition matters, not the label values. Values agree with
//! scikit-learn 1.9 to 1e-12 (`tests/fixtures/clustering_metrics.json`).
//!
//! # Example
//! ```
//! use learnkit::metrics::{adjusted_rand_score, silhouette_score, Metric};
//! use ndarray::array;
//!
//! let x = array![[0.0, 0.1], [0.2, 0.0], [5.0, 5.1], [5.2, 4.9]];
//! let truth = array![0usize, 0, 1, 1];
//! let clusters = array![1i64, 1, 0, 0];
//! assert_eq!(adjusted_rand_score(truth.view(), clusters.view())?, 1.0);
//! assert!(silhouette_score(x.view(), clusters.view(), Metric::Euclidean)? > 0.9);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod contingency;
mod expected_mi;
mod supervised;
mod unsupervised;

pub use contingency::{contingency_matrix, pair_confusion_matrix};
pub use supervised::{
    AverageMethod, HomogeneityCompleteness, adjusted_mutual_info_score, adjusted_rand_score, completeness_score,
    fowlkes_mallows_score, homogeneity_completeness_v_measure, homogeneity_score, mutual_info_score,
    normalized_mutual_info_score, rand_score, v_measure_score,
};
pub use unsupervised::{
    calinski_harabasz_score, davies_bouldin_score, silhouette_samples, silhouette_score, silhouette_score_sampled,
};
