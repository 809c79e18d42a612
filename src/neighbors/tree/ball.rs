//! [`BallTree`]: nodes bounded by balls (the mean of their rows and the
//! largest distance to it), as scikit-learn's `_ball_tree.pyx`.

use super::{Bounds, Kind};
use crate::float::Float;
use crate::metrics::Metric;
use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

/// Per node, the centroid of its rows and the largest distance from it.
pub(super) fn bounds<F: Float>(data: ArrayView2<'_, F>, ranges: &[(usize, usize)], metric: Metric) -> Bounds<F> {
    let d = data.ncols();
    let mut centroids = Array2::zeros((ranges.len(), d));
    let mut radii = vec![F::zero(); ranges.len()];
    for (node, &(start, end)) in ranges.iter().enumerate() {
        if start == end {
            continue; // below a leaf: never visited
        }
        let rows = data.slice(ndarray::s![start..end, ..]);
        let centroid = rows.sum_axis(Axis(0)) / F::from_usize_lossy(end - start);
        radii[node] = rows
            .rows()
            .into_iter()
            .map(|row| metric.distance(row, centroid.view()))
            .fold(F::zero(), |m, r| m.max(r));
        centroids.row_mut(node).assign(&centroid);
    }
    Bounds::Ball { centroids, radii }
}

/// The reduced distance from `point` to the nearest point of the ball:
/// `max(0, distance to the centre − radius)`.
#[inline]
pub(super) fn min_rdist<F: Float>(metric: Metric, centroid: ArrayView1<'_, F>, radius: F, point: &[F]) -> F {
    let centre = metric.from_reduced(
        metric.reduced_distance_slices(point, centroid.as_slice().expect("rows of a new array are contiguous")),
    );
    metric.to_reduced((centre - radius).max(F::zero()))
}

public_tree!(
    BallTree,
    Kind::Ball,
    "A ball tree for fast neighbour searches, as scikit-learn's `sklearn.neighbors.BallTree`:\n\
     the rows are split recursively at the median of the feature of largest spread,\n\
     and each node keeps the ball (centroid and radius) holding its rows. Holds up\n\
     better than a [`KDTree`](super::KDTree) as the number of features grows;\n\
     metrics Euclidean, Manhattan, Chebyshev and Minkowski."
);
