//! Core distances: the distance from each row to its `min_samples`-th
//! nearest row, the row itself counting as the first (scikit-learn's
//! `kneighbors(X, min_samples)[:, -1]`).

use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::neighbors::{Algorithm, BallTree, KDTree};
use ndarray::ArrayView2;
use rayon::prelude::*;

/// The `k`-th smallest distance (`1 ≤ k ≤ n`) from every row of `x` to the
/// rows of `x`, computed exactly row pair by row pair (as a tree search
/// does, so ties between mutual reachabilities come out as in
/// scikit-learn), one row per task.
pub(super) fn core_distances<F: Float>(x: ArrayView2<'_, F>, metric: Metric, k: usize) -> Vec<f64> {
    let n = x.nrows();
    let d = x.ncols();
    let data = x.as_standard_layout();
    let flat = data.as_slice().unwrap_or(&[]);
    let metric = metric.canonical();
    (0..n)
        .into_par_iter()
        .map_init(
            || vec![F::zero(); n],
            |reduced, i| {
                let row = &flat[i * d..(i + 1) * d];
                for (j, slot) in reduced.iter_mut().enumerate() {
                    *slot = metric.reduced_distance_slices(row, &flat[j * d..(j + 1) * d]);
                }
                let (_, kth, _) =
                    reduced.select_nth_unstable_by(k - 1, |a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
                metric.from_reduced(*kth).as_f64()
            },
        )
        .collect()
}

/// The core distances from a k-d tree (or a ball tree when asked for), as
/// scikit-learn's tree path (`NearestNeighbors(...).kneighbors(X, k)`).
pub(super) fn tree_core_distances<F: Float>(
    x: ArrayView2<'_, F>,
    metric: Metric,
    k: usize,
    algorithm: Algorithm,
    leaf_size: usize,
) -> Result<Vec<f64>> {
    let (distances, _) = if algorithm == Algorithm::BallTree {
        BallTree::build_named(super::NAME, x, leaf_size, metric)?.query(x, k)?
    } else {
        KDTree::build_named(super::NAME, x, leaf_size, metric)?.query(x, k)?
    };
    Ok(distances.column(k - 1).iter().map(|d| d.as_f64()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_counts_first() {
        let x = ndarray::array![[0.0], [1.0], [3.0]];
        assert_eq!(core_distances(x.view(), Metric::Euclidean, 1), vec![0.0, 0.0, 0.0]);
        assert_eq!(core_distances(x.view(), Metric::Euclidean, 2), vec![1.0, 1.0, 2.0]);
    }
}
