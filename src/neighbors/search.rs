//! The search an estimator uses ([`Algorithm`]) and scikit-learn's rule
//! for `auto`: one index type behind every neighbour estimator.

use super::brute::Brute;
use super::tree::{BallTree, KDTree, check_tree_params};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use ndarray::{Array2, ArrayView2};

/// How neighbours are searched (scikit-learn's `algorithm`).
///
/// # Example
/// ```
/// use learnkit::neighbors::{Algorithm, NearestNeighbors};
/// let model = NearestNeighbors::default().algorithm(Algorithm::Brute);
/// assert_eq!(model.algorithm, Algorithm::Brute);
/// assert_eq!(Algorithm::default(), Algorithm::Auto);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Algorithm {
    /// scikit-learn's rule: brute force when the metric is not a true
    /// metric (cosine), when `n_neighbors ≥ n_samples / 2` (integer
    /// division) or when there are more than 15 features; otherwise a k-d
    /// tree (every true metric here suits one).
    #[default]
    Auto,
    /// A [`BallTree`].
    BallTree,
    /// A [`KDTree`].
    KdTree,
    /// Every training row against every query row.
    Brute,
}

impl Algorithm {
    /// The search `Auto` stands for with these data (`n_neighbors` `None`
    /// for a radius-only estimator); other choices are themselves.
    pub(crate) fn resolve(
        self,
        metric: Metric,
        n_samples: usize,
        n_features: usize,
        n_neighbors: Option<usize>,
    ) -> Algorithm {
        if self != Algorithm::Auto {
            return self;
        }
        let many_neighbors = n_neighbors.is_some_and(|k| k >= n_samples / 2);
        if !metric.is_true_metric() || n_features > 15 || many_neighbors {
            Algorithm::Brute
        } else {
            Algorithm::KdTree
        }
    }
}

/// The fitted search.
#[derive(Clone, Debug)]
pub(crate) enum NeighborIndex<F> {
    Brute(Brute<F>),
    KdTree(KDTree<F>),
    BallTree(BallTree<F>),
}

impl<F: Float> NeighborIndex<F> {
    /// Checks the parameters against the data and builds the search.
    pub(crate) fn build(
        context: &'static str,
        algorithm: Algorithm,
        x: ArrayView2<'_, F>,
        leaf_size: usize,
        metric: Metric,
        n_neighbors: Option<usize>,
    ) -> Result<Self> {
        Self::check_params(context, algorithm, leaf_size, metric)?;
        crate::validation::check_array(context, x)?;
        Ok(match algorithm.resolve(metric, x.nrows(), x.ncols(), n_neighbors) {
            Algorithm::KdTree => NeighborIndex::KdTree(KDTree::build_named(context, x, leaf_size, metric)?),
            Algorithm::BallTree => NeighborIndex::BallTree(BallTree::build_named(context, x, leaf_size, metric)?),
            _ => NeighborIndex::Brute(Brute::new(context, x, metric)?),
        })
    }

    /// The parameters, whatever the data: `leaf_size ≥ 1` for every
    /// algorithm (as scikit-learn checks it), a valid metric, and a true
    /// metric for the trees.
    pub(crate) fn check_params(
        context: &'static str,
        algorithm: Algorithm,
        leaf_size: usize,
        metric: Metric,
    ) -> Result<()> {
        if leaf_size == 0 || matches!(algorithm, Algorithm::KdTree | Algorithm::BallTree) {
            check_tree_params(context, leaf_size, metric)?;
        }
        metric.check(context)
    }

    /// The search actually used (never `Auto`).
    pub(crate) fn fit_method(&self) -> Algorithm {
        match self {
            NeighborIndex::Brute(_) => Algorithm::Brute,
            NeighborIndex::KdTree(_) => Algorithm::KdTree,
            NeighborIndex::BallTree(_) => Algorithm::BallTree,
        }
    }

    pub(crate) fn n_samples(&self) -> usize {
        match self {
            NeighborIndex::Brute(b) => b.data().nrows(),
            NeighborIndex::KdTree(t) => t.n_samples(),
            NeighborIndex::BallTree(t) => t.n_samples(),
        }
    }

    pub(crate) fn n_features(&self) -> usize {
        match self {
            NeighborIndex::Brute(b) => b.data().ncols(),
            NeighborIndex::KdTree(t) => t.n_features(),
            NeighborIndex::BallTree(t) => t.n_features(),
        }
    }

    /// The training rows in their original order.
    pub(crate) fn training_data(&self) -> Array2<F> {
        match self {
            NeighborIndex::Brute(b) => b.data().to_owned(),
            NeighborIndex::KdTree(t) => t.data(),
            NeighborIndex::BallTree(t) => t.data(),
        }
    }

    /// The `k` nearest training rows of each row of `x`, sorted by
    /// `(distance, index)`.
    pub(crate) fn query(
        &self,
        context: &'static str,
        x: ArrayView2<'_, F>,
        k: usize,
    ) -> Result<(Array2<F>, Array2<usize>)> {
        match self {
            NeighborIndex::Brute(b) => b.query(context, x, k),
            NeighborIndex::KdTree(t) => t.inner().query(context, x, k),
            NeighborIndex::BallTree(t) => t.inner().query(context, x, k),
        }
    }

    /// The training rows within `r` of each row of `x`, sorted by
    /// `(distance, index)`.
    #[allow(clippy::type_complexity)]
    pub(crate) fn query_radius(
        &self,
        context: &'static str,
        x: ArrayView2<'_, F>,
        r: F,
    ) -> Result<Vec<(Vec<usize>, Vec<F>)>> {
        match self {
            NeighborIndex::Brute(b) => b.query_radius(context, x, r),
            NeighborIndex::KdTree(t) => t.inner().query_radius(context, x, r),
            NeighborIndex::BallTree(t) => t.inner().query_radius(context, x, r),
        }
    }
}
