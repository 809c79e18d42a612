//! [`KDTree`]: nodes bounded by boxes (the smallest and largest value of
//! each feature), as scikit-learn's `_kd_tree.pyx`.

use super::{Bounds, Kind};
use crate::float::Float;
use crate::metrics::Metric;
use ndarray::{Array2, ArrayView1, ArrayView2, Zip};

/// Per node, the per-feature minimum and maximum of its rows.
pub(super) fn bounds<F: Float>(data: ArrayView2<'_, F>, ranges: &[(usize, usize)]) -> Bounds<F> {
    let d = data.ncols();
    let mut lower = Array2::from_elem((ranges.len(), d), F::infinity());
    let mut upper = Array2::from_elem((ranges.len(), d), F::neg_infinity());
    for (node, &(start, end)) in ranges.iter().enumerate() {
        let (mut lo, mut hi) = (lower.row_mut(node), upper.row_mut(node));
        for p in start..end {
            Zip::from(&mut lo).and(&mut hi).and(data.row(p)).for_each(|l, h, &v| {
                *l = l.min(v);
                *h = h.max(v);
            });
        }
    }
    Bounds::Box { lower, upper }
}

/// The reduced distance from `point` to the nearest point of the box: per
/// feature the gap `max(0, lower − x, x − upper)`, combined as the metric
/// combines coordinate differences.
#[inline]
pub(super) fn min_rdist<F: Float>(
    metric: Metric,
    lower: ArrayView1<'_, F>,
    upper: ArrayView1<'_, F>,
    point: &[F],
) -> F {
    let gaps = lower
        .iter()
        .zip(upper.iter())
        .zip(point)
        .map(|((&lo, &hi), &x)| (lo - x).max(x - hi).max(F::zero()));
    match metric {
        Metric::Euclidean => gaps.map(|g| g * g).sum(),
        Metric::Manhattan => gaps.sum(),
        Metric::Chebyshev => gaps.fold(F::zero(), |m, g| m.max(g)),
        Metric::Minkowski(p) => {
            let p = F::cast(p);
            gaps.map(|g| g.powf(p)).sum()
        }
        // Rejected when the tree is built.
        Metric::Cosine => F::zero(),
    }
}

public_tree!(
    KDTree,
    Kind::Kd,
    "A k-d tree for fast neighbour searches, as scikit-learn's `sklearn.neighbors.KDTree`:\n\
     the rows are split recursively at the median of the feature of largest spread,\n\
     and each node keeps the box bounding its rows. Fast in low dimensions\n\
     (up to about 15 features); metrics Euclidean, Manhattan, Chebyshev and Minkowski."
);
