//! The search an estimator uses ([`Algorithm`]) and scikit-learn's rule
//! for `auto`: one index type behind every neighbour estimator.

use super::brute::Brute;
use super::sparse_brute::SparseBrute;
use super::tree::{BallTree, KDTree, check_k, check_radius, check_tree_params};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::sparse::{MatrixView, check_matrix_predict_input};
use crate::validation::check_predict_input;
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
    /// division), when there are more than 15 features or when the training
    /// data are sparse; otherwise a k-d tree (every true metric here suits
    /// one).
    #[default]
    Auto,
    /// A [`BallTree`] (on sparse training data: brute force, with a
    /// warning, as scikit-learn).
    BallTree,
    /// A [`KDTree`] (on sparse training data: brute force, with a warning).
    KdTree,
    /// Every training row against every query row; on sparse training data
    /// the rows stay sparse (Euclidean, Manhattan and cosine metrics).
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
    /// Brute force on sparse training rows.
    SparseBrute(SparseBrute<F>),
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

    /// [`NeighborIndex::build`] from a dense or sparse `x`. Sparse training
    /// rows are searched by brute force whatever `algorithm` asks (trees
    /// need dense rows; scikit-learn warns and does the same).
    pub(crate) fn build_matrix(
        context: &'static str,
        algorithm: Algorithm,
        x: MatrixView<'_, F>,
        leaf_size: usize,
        metric: Metric,
        n_neighbors: Option<usize>,
    ) -> Result<Self> {
        match x {
            MatrixView::Dense(x) => Self::build(context, algorithm, x, leaf_size, metric, n_neighbors),
            MatrixView::Sparse(x) => {
                Self::check_params(context, algorithm, leaf_size, metric)?;
                if matches!(algorithm, Algorithm::KdTree | Algorithm::BallTree) {
                    crate::warn::tree_on_sparse_input(context);
                }
                Ok(NeighborIndex::SparseBrute(SparseBrute::new(context, x, metric)?))
            }
        }
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
            NeighborIndex::Brute(_) | NeighborIndex::SparseBrute(_) => Algorithm::Brute,
            NeighborIndex::KdTree(_) => Algorithm::KdTree,
            NeighborIndex::BallTree(_) => Algorithm::BallTree,
        }
    }

    /// The search, to query.
    pub(crate) fn search(&self) -> &dyn Search<F> {
        match self {
            NeighborIndex::Brute(b) => b,
            NeighborIndex::SparseBrute(b) => b,
            NeighborIndex::KdTree(t) => t.inner(),
            NeighborIndex::BallTree(t) => t.inner(),
        }
    }

    /// The training rows in their original order (sparse ones densified,
    /// allocated fallibly).
    pub(crate) fn training_data(&self) -> Result<Array2<F>> {
        Ok(match self {
            NeighborIndex::Brute(b) => b.data().to_owned(),
            NeighborIndex::SparseBrute(b) => b.data().to_dense()?,
            NeighborIndex::KdTree(t) => t.data(),
            NeighborIndex::BallTree(t) => t.data(),
        })
    }

    /// [`Search::query`] for a dense or sparse `x`: a sparse query against
    /// sparse training rows stays sparse; against a tree or dense rows it is
    /// densified (allocated fallibly).
    pub(crate) fn query_matrix(
        &self,
        context: &'static str,
        x: MatrixView<'_, F>,
        k: usize,
    ) -> Result<(Array2<F>, Array2<usize>)> {
        match (self, x) {
            (NeighborIndex::SparseBrute(b), MatrixView::Sparse(x)) => {
                check_matrix_predict_input(context, b.n_features(), x.into())?;
                check_k(context, k, b.n_samples())?;
                Ok(b.knn_sparse(x, k))
            }
            (_, x) => x.with_dense(|x| self.search().query(context, x, k)),
        }
    }

    /// [`Search::query_radius`] for a dense or sparse `x` (see
    /// [`NeighborIndex::query_matrix`]).
    #[allow(clippy::type_complexity)]
    pub(crate) fn query_radius_matrix(
        &self,
        context: &'static str,
        x: MatrixView<'_, F>,
        r: F,
    ) -> Result<Vec<(Vec<usize>, Vec<F>)>> {
        match (self, x) {
            (NeighborIndex::SparseBrute(b), MatrixView::Sparse(x)) => {
                check_matrix_predict_input(context, b.n_features(), x.into())?;
                check_radius(context, r)?;
                Ok(b.within_sparse(x, r))
            }
            (_, x) => x.with_dense(|x| self.search().query_radius(context, x, r)),
        }
    }

    /// [`NeighborIndex::query_matrix`] with the training rows themselves as
    /// the query (sparse ones stay sparse).
    pub(crate) fn query_training(&self, context: &'static str, k: usize) -> Result<(Array2<F>, Array2<usize>)> {
        match self {
            NeighborIndex::SparseBrute(b) => self.query_matrix(context, b.data().into(), k),
            // Brute force holds the rows in their order: query them in place.
            NeighborIndex::Brute(b) => b.query(context, b.data(), k),
            // A tree holds them permuted: the original order is a copy.
            _ => self.search().query(context, self.training_data()?.view(), k),
        }
    }

    /// [`NeighborIndex::query_radius_matrix`] with the training rows as the
    /// query.
    #[allow(clippy::type_complexity)]
    pub(crate) fn query_radius_training(&self, context: &'static str, r: F) -> Result<Vec<(Vec<usize>, Vec<F>)>> {
        match self {
            NeighborIndex::SparseBrute(b) => self.query_radius_matrix(context, b.data().into(), r),
            NeighborIndex::Brute(b) => b.query_radius(context, b.data(), r),
            _ => self.search().query_radius(context, self.training_data()?.view(), r),
        }
    }
}

/// What every neighbour search does. The searches implement the unchecked
/// `knn` / `within`; the checked `query` / `query_radius` are written once
/// here.
pub(crate) trait Search<F: Float>: Sync {
    /// The number of training rows.
    fn n_samples(&self) -> usize;

    /// The number of features of the training rows.
    fn n_features(&self) -> usize;

    /// The `k` nearest training rows of each row of `x`, sorted by
    /// `(distance, index)`; the inputs are checked.
    fn knn(&self, x: ArrayView2<'_, F>, k: usize) -> (Array2<F>, Array2<usize>);

    /// The training rows within `r` (inclusive) of each row of `x`, sorted by
    /// `(distance, index)`; the inputs are checked.
    fn within(&self, x: ArrayView2<'_, F>, r: F) -> Vec<(Vec<usize>, Vec<F>)>;

    /// [`Search::knn`] after checking `x` (features, finite, not empty) and
    /// `1 ≤ k ≤ n_samples`; `context` names the caller in errors.
    fn query(&self, context: &'static str, x: ArrayView2<'_, F>, k: usize) -> Result<(Array2<F>, Array2<usize>)> {
        check_predict_input(context, self.n_features(), x)?;
        check_k(context, k, self.n_samples())?;
        Ok(self.knn(x, k))
    }

    /// [`Search::within`] after checking `x` and `r` (finite, ≥ 0).
    #[allow(clippy::type_complexity)]
    fn query_radius(&self, context: &'static str, x: ArrayView2<'_, F>, r: F) -> Result<Vec<(Vec<usize>, Vec<F>)>> {
        check_predict_input(context, self.n_features(), x)?;
        check_radius(context, r)?;
        Ok(self.within(x, r))
    }
}
