//! Nearest neighbours, as `sklearn.neighbors`: neighbour searches and the
//! estimators built on them.
//!
//! Distances come from [`crate::metrics::Metric`].
//!
//! # Ties
//! Every search here returns neighbours sorted by `(distance, training row
//! index)`: of several training rows at the same distance, the ones of
//! smaller index come first and are the ones kept when only `k` fit. The
//! result is therefore the same for every algorithm (brute, k-d tree, ball
//! tree) and every number of threads. scikit-learn's order among equal
//! distances depends on the algorithm (its heaps and sorts do not look at
//! the index); without equal distances the two agree exactly.
//!
//! # Example
//! ```
//! use learnkit::neighbors::KDTree;
//! use learnkit::metrics::Metric;
//! use ndarray::array;
//! let tree = KDTree::new(array![[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]].view(), 40, Metric::Euclidean)?;
//! let (_, indices) = tree.query(array![[0.9, 0.9]].view(), 2)?;
//! assert_eq!(indices, array![[1, 0]]);
//! # Ok::<(), learnkit::Error>(())
//! ```

#[macro_use]
mod params;

mod base;
mod brute;
mod classifier;
mod graph;
pub(crate) mod heap;
mod projection;
mod radius_classifier;
mod radius_regressor;
mod regressor;
mod search;
mod shortlist;
mod sparse_brute;
mod tree;
mod unsupervised;
mod vote;

pub use base::Weights;
pub use classifier::{FittedKNeighborsClassifier, KNeighborsClassifier};
pub use graph::GraphMode;
pub use radius_classifier::{FittedRadiusNeighborsClassifier, OutlierLabel, RadiusNeighborsClassifier};
pub use radius_regressor::{FittedRadiusNeighborsRegressor, RadiusNeighborsRegressor};
pub use regressor::{FittedKNeighborsRegressor, KNeighborsRegressor};
pub use search::Algorithm;
pub use tree::{BallTree, KDTree};
pub use unsupervised::{FittedNearestNeighbors, NearestNeighbors};
