//! The binary space-partitioning tree behind [`KDTree`] and [`BallTree`],
//! as scikit-learn's `_binary_tree.pxi`: the build (split on the feature of
//! largest spread at the median) and the depth-first searches, with node
//! lower bounds in reduced distances. The two trees differ only in their
//! node bounds (boxes in `kd.rs`, balls in `ball.rs`).
//!
//! The tree has scikit-learn's shape: `2^n_levels − 1` nodes in an array
//! (children of node `i` at `2i + 1` and `2i + 2`), with
//! `n_levels = 1 + ⌊log2(max(1, (n − 1) / leaf_size))⌋`, so a leaf holds
//! between `leaf_size / 2` and `leaf_size` rows (fewer only when there are
//! fewer rows than that). Rows are copied in tree order so that a leaf's
//! rows are contiguous in memory.

/// The public face of a tree type ([`KDTree`], [`BallTree`]): one
/// definition of the constructor, the searches and the accessors, with
/// doctests naming the type.
macro_rules! public_tree {
    ($name:ident, $kind:expr, $doc:expr) => {
        #[doc = $doc]
        ///
        /// Neighbours come sorted by distance, ties by training row index
        /// (see the [module documentation](crate::neighbors) for how this
        /// compares with scikit-learn). Queries run in parallel over fixed
        /// chunks of query rows, each row searched on its own, so results
        /// do not depend on the number of threads.
        ///
        /// # Example
        /// ```
        #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
        /// use learnkit::metrics::Metric;
        /// use ndarray::array;
        /// let x = array![[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [5.0, 5.0]];
        #[doc = concat!("let tree = ", stringify!($name), "::new(x.view(), 2, Metric::Euclidean)?;")]
        /// let (distances, indices) = tree.query(array![[0.9, 0.1]].view(), 2)?;
        /// assert_eq!(indices, array![[1, 0]]);
        /// assert!((distances[[0, 0]] - 0.02f64.sqrt()).abs() < 1e-12);
        /// let within = tree.query_radius(array![[0.0, 0.0]].view(), 1.0)?;
        /// assert_eq!(within[0].0, vec![0, 1]);
        /// assert_eq!(within[0].1, vec![0.0, 1.0]);
        /// # Ok::<(), learnkit::Error>(())
        /// ```
        #[derive(Clone, Debug)]
        pub struct $name<F> {
            tree: super::Tree<F>,
        }

        impl<F: crate::float::Float> $name<F> {
            /// Builds the tree over the rows of `x` (copied), with leaves
            /// of at most `leaf_size` rows (scikit-learn's default is 40).
            ///
            /// # Errors
            /// [`Error::InvalidParameter`](crate::Error::InvalidParameter)
            /// for `leaf_size` 0, Minkowski's `p` below 1 and
            /// [`Metric::Cosine`](crate::metrics::Metric::Cosine) (not a
            /// true metric); empty or non-finite `x`.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// use learnkit::metrics::Metric;
            /// use ndarray::array;
            /// let x = array![[0.0], [1.0]];
            #[doc = concat!("assert!(", stringify!($name), "::new(x.view(), 40, Metric::Manhattan).is_ok());")]
            #[doc = concat!("assert!(", stringify!($name), "::new(x.view(), 40, Metric::Cosine).is_err());")]
            #[doc = concat!("assert!(", stringify!($name), "::new(x.view(), 0, Metric::Euclidean).is_err());")]
            /// ```
            pub fn new(
                x: ndarray::ArrayView2<'_, F>,
                leaf_size: usize,
                metric: crate::metrics::Metric,
            ) -> crate::error::Result<Self> {
                Self::build_named(stringify!($name), x, leaf_size, metric)
            }

            /// [`Self::new`] with errors naming `context` (the estimator).
            pub(crate) fn build_named(
                context: &'static str,
                x: ndarray::ArrayView2<'_, F>,
                leaf_size: usize,
                metric: crate::metrics::Metric,
            ) -> crate::error::Result<Self> {
                Ok($name {
                    tree: super::Tree::build(context, $kind, x, leaf_size, metric)?,
                })
            }

            pub(crate) fn inner(&self) -> &super::Tree<F> {
                &self.tree
            }

            /// The `k` nearest training rows of each row of `x`:
            /// `(distances, indices)`, each `x.nrows() × k`, every row
            /// sorted by distance (ties by index).
            ///
            /// # Errors
            /// `k` 0 or above the number of training rows
            /// ([`Error::InvalidParameter`](crate::Error::InvalidParameter)
            /// naming `n_neighbors`), `x` with another number of features,
            /// empty or non-finite.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// use learnkit::metrics::Metric;
            /// use ndarray::array;
            #[doc = concat!("let tree = ", stringify!($name), "::new(array![[0.0], [3.0], [1.0]].view(), 1, Metric::Manhattan)?;")]
            /// let (d, i) = tree.query(array![[0.0], [2.5]].view(), 3)?;
            /// assert_eq!(i, array![[0, 2, 1], [1, 2, 0]]);
            /// assert_eq!(d, array![[0.0, 1.0, 3.0], [0.5, 1.5, 2.5]]);
            /// assert!(tree.query(array![[0.0]].view(), 4).is_err());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn query(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                k: usize,
            ) -> crate::error::Result<(ndarray::Array2<F>, ndarray::Array2<usize>)> {
                self.tree.query(stringify!($name), x, k)
            }

            /// The training rows within distance `r` (inclusive) of each row
            /// of `x`: one `(indices, distances)` pair per row, sorted by
            /// distance (ties by index). Memory grows with the number of
            /// neighbours found; to stream them, call
            #[doc = concat!("[`", stringify!($name), "::for_each_in_radius`]")]
            /// or query a few rows of `x` at a time.
            ///
            /// # Errors
            /// `r` negative or not finite, and the input errors of
            #[doc = concat!("[`", stringify!($name), "::query`].")]
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// use learnkit::metrics::Metric;
            /// use ndarray::array;
            #[doc = concat!("let tree = ", stringify!($name), "::new(array![[0.0], [3.0], [1.0]].view(), 1, Metric::Euclidean)?;")]
            /// let found = tree.query_radius(array![[0.5], [10.0]].view(), 0.5)?;
            /// assert_eq!(found[0], (vec![0, 2], vec![0.5, 0.5]));
            /// assert!(found[1].0.is_empty());
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            #[allow(clippy::type_complexity)]
            pub fn query_radius(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                r: F,
            ) -> crate::error::Result<Vec<(Vec<usize>, Vec<F>)>> {
                self.tree.query_radius(stringify!($name), x, r)
            }

            /// The number of training rows within distance `r` (inclusive)
            /// of each row of `x` (scikit-learn's `query_radius(count_only=True)`),
            /// without storing them.
            ///
            /// # Errors
            #[doc = concat!("As [`", stringify!($name), "::query_radius`].")]
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// use learnkit::metrics::Metric;
            /// use ndarray::array;
            #[doc = concat!("let tree = ", stringify!($name), "::new(array![[0.0], [3.0], [1.0]].view(), 1, Metric::Euclidean)?;")]
            /// assert_eq!(tree.query_radius_count(array![[0.5], [2.0]].view(), 1.0)?, array![2, 2]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn query_radius_count(
                &self,
                x: ndarray::ArrayView2<'_, F>,
                r: F,
            ) -> crate::error::Result<ndarray::Array1<usize>> {
                self.tree.count_radius(stringify!($name), x, r)
            }

            /// Calls `f(index, distance)` for every training row within
            /// distance `r` (inclusive) of `point`, in tree order (not
            /// sorted), storing nothing: memory stays constant however
            /// many neighbours there are (DBSCAN's region queries).
            ///
            /// # Errors
            /// `point` with another number of features or non-finite, `r`
            /// negative or not finite.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// use learnkit::metrics::Metric;
            /// use ndarray::array;
            #[doc = concat!("let tree = ", stringify!($name), "::new(array![[0.0], [3.0], [1.0]].view(), 1, Metric::Euclidean)?;")]
            /// let mut found = Vec::new();
            /// tree.for_each_in_radius(array![0.5].view(), 0.5, |i, d| found.push((i, d)))?;
            /// found.sort_by_key(|p| p.0);
            /// assert_eq!(found, vec![(0, 0.5), (2, 0.5)]);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn for_each_in_radius(
                &self,
                point: ndarray::ArrayView1<'_, F>,
                r: F,
                f: impl FnMut(usize, F),
            ) -> crate::error::Result<()> {
                self.tree.for_each_in_radius(stringify!($name), point, r, f)
            }

            /// The number of training rows.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// use learnkit::metrics::Metric;
            #[doc = concat!("let tree = ", stringify!($name), "::new(ndarray::array![[0.0], [1.0]].view(), 40, Metric::Euclidean)?;")]
            /// assert_eq!((tree.n_samples(), tree.n_features(), tree.leaf_size()), (2, 1, 40));
            /// assert_eq!(tree.metric(), Metric::Euclidean);
            /// assert_eq!(tree.n_nodes(), 1);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_samples(&self) -> usize {
                self.tree.n_samples()
            }

            /// The number of features (columns) of the training rows.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            #[doc = concat!("let tree = ", stringify!($name), "::new(ndarray::array![[0.0, 1.0]].view(), 40, Default::default())?;")]
            /// assert_eq!(tree.n_features(), 2);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_features(&self) -> usize {
                self.tree.n_features()
            }

            /// The metric the tree was built with.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// use learnkit::metrics::Metric;
            #[doc = concat!("let tree = ", stringify!($name), "::new(ndarray::array![[0.0]].view(), 40, Metric::Minkowski(3.0))?;")]
            /// assert_eq!(tree.metric(), Metric::Minkowski(3.0));
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn metric(&self) -> crate::metrics::Metric {
                self.tree.metric()
            }

            /// The largest number of rows in a leaf, as given to `new`.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            #[doc = concat!("let tree = ", stringify!($name), "::new(ndarray::array![[0.0]].view(), 7, Default::default())?;")]
            /// assert_eq!(tree.leaf_size(), 7);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn leaf_size(&self) -> usize {
                self.tree.leaf_size()
            }

            /// The number of nodes, `2^n_levels − 1` as in scikit-learn.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// let x = ndarray::Array2::from_shape_fn((100, 2), |(i, j)| (i * (j + 1)) as f64);
            #[doc = concat!("let tree = ", stringify!($name), "::new(x.view(), 10, Default::default())?;")]
            /// assert_eq!(tree.n_nodes(), 15); // 1 + ⌊log2(99 / 10)⌋ = 4 levels
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn n_nodes(&self) -> usize {
                self.tree.n_nodes()
            }

            /// A copy of the training rows, in their original order.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use learnkit::neighbors::", stringify!($name), ";")]
            /// let x = ndarray::array![[3.0], [1.0], [2.0]];
            #[doc = concat!("let tree = ", stringify!($name), "::new(x.view(), 1, Default::default())?;")]
            /// assert_eq!(tree.data(), x);
            /// # Ok::<(), learnkit::Error>(())
            /// ```
            pub fn data(&self) -> ndarray::Array2<F> {
                self.tree.training_data()
            }
        }
    };
}

mod ball;
mod kd;

pub use ball::BallTree;
pub use kd::KDTree;

use super::heap::KBest;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::Metric;
use crate::validation::{check_array, check_predict_input};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, Zip};
use rayon::prelude::*;
use std::cmp::Ordering;

/// Query rows per parallel task: each row's search is independent, so the
/// split changes the speed only, never a result.
const QUERY_CHUNK: usize = 64;

/// One node: its rows are `start..end` of the tree order.
#[derive(Clone, Copy, Debug)]
struct Node {
    start: usize,
    end: usize,
    leaf: bool,
}

/// What bounds a node's rows: a box (k-d tree) or a ball (ball tree).
#[derive(Clone, Debug)]
enum Bounds<F> {
    /// Per node, the smallest and largest value of each feature.
    Box { lower: Array2<F>, upper: Array2<F> },
    /// Per node, the mean of its rows and the largest distance to it.
    Ball { centroids: Array2<F>, radii: Vec<F> },
}

/// The tree shared by [`KDTree`] and [`BallTree`].
#[derive(Clone, Debug)]
pub(crate) struct Tree<F> {
    /// The training rows in tree order.
    data: Array2<F>,
    /// `index[p]`: the training row stored at position `p`.
    index: Vec<usize>,
    nodes: Vec<Node>,
    bounds: Bounds<F>,
    /// The metric as given (for accessors); searches use its canonical form.
    metric: Metric,
    leaf_size: usize,
}

/// Which bounds to build.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Kd,
    Ball,
}

impl<F: Float> Tree<F> {
    /// Checks the inputs and builds the tree over the rows of `x`.
    pub(crate) fn build(
        context: &'static str,
        kind: Kind,
        x: ArrayView2<'_, F>,
        leaf_size: usize,
        metric: Metric,
    ) -> Result<Self> {
        check_tree_params(context, leaf_size, metric)?;
        check_array(context, x)?;
        let n = x.nrows();
        let n_levels = 1
            + ((n.saturating_sub(1)) as f64 / leaf_size as f64)
                .max(1.0)
                .log2()
                .floor() as u32;
        let n_nodes = (1usize << n_levels) - 1;
        let mut index: Vec<usize> = (0..n).collect();
        let mut nodes = vec![
            Node {
                start: 0,
                end: 0,
                leaf: true
            };
            n_nodes
        ];
        nodes[0].end = n;
        // Nodes in array order: a parent is split (its children's ranges
        // set) before they are visited.
        for i in 0..n_nodes {
            let Node { start, end, .. } = nodes[i];
            let leaf = 2 * i + 1 >= n_nodes || end - start < 2;
            nodes[i].leaf = leaf;
            if leaf {
                continue;
            }
            let dim = widest_feature(x, &index[start..end]);
            let mid = (end - start) / 2;
            // Median by (value, row): a fixed order, so equal values split
            // the same way on every run.
            index[start..end].select_nth_unstable_by(mid, |&a, &b| {
                x[[a, dim]]
                    .partial_cmp(&x[[b, dim]])
                    .unwrap_or(Ordering::Equal)
                    .then(a.cmp(&b))
            });
            nodes[2 * i + 1] = Node {
                start,
                end: start + mid,
                leaf: true,
            };
            nodes[2 * i + 2] = Node {
                start: start + mid,
                end,
                leaf: true,
            };
        }
        let data = x.select(Axis(0), &index);
        let ranges: Vec<(usize, usize)> = nodes.iter().map(|n| (n.start, n.end)).collect();
        let bounds = match kind {
            Kind::Kd => kd::bounds(data.view(), &ranges),
            Kind::Ball => ball::bounds(data.view(), &ranges, metric.canonical()),
        };
        Ok(Tree {
            data,
            index,
            nodes,
            bounds,
            metric,
            leaf_size,
        })
    }

    pub(crate) fn n_samples(&self) -> usize {
        self.data.nrows()
    }

    pub(crate) fn n_features(&self) -> usize {
        self.data.ncols()
    }

    pub(crate) fn metric(&self) -> Metric {
        self.metric
    }

    pub(crate) fn leaf_size(&self) -> usize {
        self.leaf_size
    }

    pub(crate) fn n_nodes(&self) -> usize {
        self.nodes.len()
    }

    /// The training rows in their original order.
    pub(crate) fn training_data(&self) -> Array2<F> {
        let mut out = Array2::zeros(self.data.dim());
        for (p, &i) in self.index.iter().enumerate() {
            out.row_mut(i).assign(&self.data.row(p));
        }
        out
    }

    /// The reduced-distance lower bound from `point` to any row of `node`.
    #[inline]
    fn min_rdist(&self, node: usize, point: &[F]) -> F {
        let metric = self.metric.canonical();
        match &self.bounds {
            Bounds::Box { lower, upper } => kd::min_rdist(metric, lower.row(node), upper.row(node), point),
            Bounds::Ball { centroids, radii } => ball::min_rdist(metric, centroids.row(node), radii[node], point),
        }
    }

    /// The `k` nearest training rows of each row of `x`, sorted by
    /// `(distance, index)`; `context` names the caller in errors.
    pub(crate) fn query(
        &self,
        context: &'static str,
        x: ArrayView2<'_, F>,
        k: usize,
    ) -> Result<(Array2<F>, Array2<usize>)> {
        check_predict_input(context, self.n_features(), x)?;
        check_k(context, k, self.n_samples())?;
        let m = x.nrows();
        let mut distances = Array2::zeros((m, k));
        let mut indices = Array2::zeros((m, k));
        let metric = self.metric.canonical();
        distances
            .axis_chunks_iter_mut(Axis(0), QUERY_CHUNK)
            .into_par_iter()
            .zip(indices.axis_chunks_iter_mut(Axis(0), QUERY_CHUNK).into_par_iter())
            .zip(x.axis_chunks_iter(Axis(0), QUERY_CHUNK).into_par_iter())
            .for_each(|((mut d_block, mut i_block), x_block)| {
                let mut heap = KBest::new(k);
                let mut point = vec![F::zero(); x_block.ncols()];
                for ((mut d_row, mut i_row), x_row) in d_block
                    .rows_mut()
                    .into_iter()
                    .zip(i_block.rows_mut())
                    .zip(x_block.rows())
                {
                    point.iter_mut().zip(x_row).for_each(|(p, &v)| *p = v);
                    heap.clear();
                    let root = self.min_rdist(0, &point);
                    self.knn_visit(0, root, &point, &mut heap);
                    let (d, i) = (
                        d_row.as_slice_mut().expect("row of a new array"),
                        i_row.as_slice_mut().expect("row of a new array"),
                    );
                    heap.drain_sorted(d, i);
                    d.iter_mut().for_each(|v| *v = metric.from_reduced(*v));
                }
            });
        Ok((distances, indices))
    }

    fn knn_visit(&self, node: usize, node_rdist: F, point: &[F], heap: &mut KBest<F>) {
        // Strictly greater: a node at the bound may still hold a tie of
        // smaller index.
        if node_rdist > heap.bound() {
            return;
        }
        let Node { start, end, leaf } = self.nodes[node];
        let metric = self.metric.canonical();
        if leaf {
            for p in start..end {
                let row = self.data.row(p);
                let d = metric.reduced_distance_slices(point, row.as_slice().expect("tree rows are contiguous"));
                if d <= heap.bound() {
                    heap.push(d, self.index[p]);
                }
            }
            return;
        }
        let (left, right) = (2 * node + 1, 2 * node + 2);
        let (dl, dr) = (self.min_rdist(left, point), self.min_rdist(right, point));
        if dl <= dr {
            self.knn_visit(left, dl, point, heap);
            self.knn_visit(right, dr, point, heap);
        } else {
            self.knn_visit(right, dr, point, heap);
            self.knn_visit(left, dl, point, heap);
        }
    }

    /// Calls `f(index, distance)` for every training row within `r` of
    /// `point` (distance ≤ r), in tree order. `r_reduced` is `r` in reduced
    /// form; inputs are checked by the caller.
    pub(crate) fn each_within(&self, point: &[F], r_reduced: F, f: &mut impl FnMut(usize, F)) {
        self.radius_visit(0, point, r_reduced, f);
    }

    fn radius_visit(&self, node: usize, point: &[F], r_reduced: F, f: &mut impl FnMut(usize, F)) {
        if self.min_rdist(node, point) > r_reduced {
            return;
        }
        let Node { start, end, leaf } = self.nodes[node];
        if leaf {
            let metric = self.metric.canonical();
            for p in start..end {
                let row = self.data.row(p);
                let d = metric.reduced_distance_slices(point, row.as_slice().expect("tree rows are contiguous"));
                if d <= r_reduced {
                    f(self.index[p], metric.from_reduced(d));
                }
            }
            return;
        }
        self.radius_visit(2 * node + 1, point, r_reduced, f);
        self.radius_visit(2 * node + 2, point, r_reduced, f);
    }

    /// The training rows within `r` of each row of `x`, each list sorted by
    /// `(distance, index)`.
    pub(crate) fn query_radius(
        &self,
        context: &'static str,
        x: ArrayView2<'_, F>,
        r: F,
    ) -> Result<Vec<(Vec<usize>, Vec<F>)>> {
        check_predict_input(context, self.n_features(), x)?;
        check_radius(context, r)?;
        let r_reduced = self.metric.canonical().to_reduced(r);
        Ok(par_rows(x, |point| {
            let mut found = Vec::new();
            self.each_within(point, r_reduced, &mut |i, d| found.push((d, i)));
            sorted_neighbourhood(found)
        }))
    }

    /// The number of training rows within `r` of each row of `x`.
    pub(crate) fn count_radius(&self, context: &'static str, x: ArrayView2<'_, F>, r: F) -> Result<Array1<usize>> {
        check_predict_input(context, self.n_features(), x)?;
        check_radius(context, r)?;
        let r_reduced = self.metric.canonical().to_reduced(r);
        Ok(Array1::from(par_rows(x, |point| {
            let mut count = 0;
            self.each_within(point, r_reduced, &mut |_, _| count += 1);
            count
        })))
    }

    /// [`Tree::each_within`] for one checked point.
    pub(crate) fn for_each_in_radius(
        &self,
        context: &'static str,
        point: ArrayView1<'_, F>,
        r: F,
        mut f: impl FnMut(usize, F),
    ) -> Result<()> {
        check_predict_input(context, self.n_features(), point.view().insert_axis(Axis(0)))?;
        check_radius(context, r)?;
        let point = point.to_vec();
        self.each_within(&point, self.metric.canonical().to_reduced(r), &mut f);
        Ok(())
    }
}

/// `f` on each row of `x` (as a contiguous slice), in parallel over fixed
/// chunks, results in row order.
pub(crate) fn par_rows<F: Float, T: Send>(x: ArrayView2<'_, F>, f: impl Fn(&[F]) -> T + Sync) -> Vec<T> {
    let chunks: Vec<Vec<T>> = x
        .axis_chunks_iter(Axis(0), QUERY_CHUNK)
        .into_par_iter()
        .map(|block| {
            let mut point = vec![F::zero(); block.ncols()];
            block
                .rows()
                .into_iter()
                .map(|row| {
                    point.iter_mut().zip(row.iter()).for_each(|(p, &v)| *p = v);
                    f(&point)
                })
                .collect()
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

/// `(distance, index)` pairs sorted and split into indices and distances.
pub(crate) fn sorted_neighbourhood<F: Float>(mut found: Vec<(F, usize)>) -> (Vec<usize>, Vec<F>) {
    found.sort_unstable_by(|a, b| super::heap::pair_order(*a, *b));
    found.into_iter().map(|(d, i)| (i, d)).unzip()
}

/// The feature whose values spread most over `rows` (the first of equal
/// spreads), as scikit-learn's `find_node_split_dim`.
fn widest_feature<F: Float>(x: ArrayView2<'_, F>, rows: &[usize]) -> usize {
    let mut lower = x.row(rows[0]).to_owned();
    let mut upper = lower.clone();
    for &i in &rows[1..] {
        Zip::from(&mut lower)
            .and(&mut upper)
            .and(x.row(i))
            .for_each(|lo, hi, &v| {
                *lo = lo.min(v);
                *hi = hi.max(v);
            });
    }
    let mut best = 0;
    for j in 1..x.ncols() {
        if upper[j] - lower[j] > upper[best] - lower[best] {
            best = j;
        }
    }
    best
}

/// `leaf_size ≥ 1` and a metric trees can use: a valid parameter and a true
/// metric (the searches prune with the triangle inequality).
pub(crate) fn check_tree_params(context: &'static str, leaf_size: usize, metric: Metric) -> Result<()> {
    if leaf_size == 0 {
        return Err(Error::invalid_parameter(context, "leaf_size", ">= 1", leaf_size));
    }
    metric.check(context)?;
    if !metric.is_true_metric() {
        return Err(Error::invalid_parameter(
            context,
            "metric",
            "a true metric for a tree search (euclidean, manhattan, chebyshev or minkowski; use the brute algorithm for cosine)",
            metric,
        ));
    }
    Ok(())
}

/// `1 ≤ k ≤ n_samples`, with scikit-learn's wording.
pub(crate) fn check_k(context: &'static str, k: usize, n_samples: usize) -> Result<()> {
    if k == 0 || k > n_samples {
        return Err(Error::invalid_parameter(
            context,
            "n_neighbors",
            format!("at least 1 and at most n_samples_fit = {n_samples}"),
            k,
        ));
    }
    Ok(())
}

/// A radius must be finite and ≥ 0.
pub(crate) fn check_radius<F: Float>(context: &'static str, r: F) -> Result<()> {
    if !(r.is_finite() && r >= F::zero()) {
        return Err(Error::invalid_parameter(
            context,
            "radius",
            "a finite number >= 0",
            r.as_f64(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
