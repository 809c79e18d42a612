//! One run of Elkan's k-means (scikit-learn's `_kmeans_single_elkan` and
//! `_k_means_elkan`): an upper bound on each row's distance to its centre
//! and a lower bound to every other centre, kept up to date with the centre
//! shifts, let the triangle inequality skip most distance computations.

use super::lloyd::Run;
use super::step::{Sums, inertia, over_parts, parts, row, split_rows_mut, squared_distance, update_centres};
use crate::float::Float;
use crate::metrics::Metric;
use crate::metrics::pairwise::distances_into;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

/// Half the distances between the centres, and for each centre half the
/// distance to its nearest other centre.
fn centre_half_distances<F: Float>(centres: &Array2<F>) -> (Array2<F>, Vec<F>) {
    let k = centres.nrows();
    let mut half = Array2::<F>::zeros((k, k));
    distances_into(half.view_mut(), centres.view(), centres.view(), Metric::Euclidean);
    half.diag_mut().fill(F::zero());
    half.mapv_inplace(|v| v * F::cast(0.5));
    let next = half
        .columns()
        .into_iter()
        .map(|column| {
            let mut values = column.to_vec();
            values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            values[1]
        })
        .collect();
    (half, next)
}

/// The bounds of one part's rows.
struct Bounds<'a, F> {
    labels: &'a mut [usize],
    upper: &'a mut [F],
    /// `rows × n_clusters`.
    lower: &'a mut [F],
}

/// The per-part pieces of the labels and bounds.
fn bound_parts<'a, F>(
    n: usize,
    labels: &'a mut [usize],
    upper: &'a mut [F],
    lower: &'a mut [F],
    k: usize,
) -> Vec<Bounds<'a, F>> {
    let ranges = parts(n);
    split_rows_mut(labels, &ranges, 1)
        .into_iter()
        .zip(split_rows_mut(upper, &ranges, 1))
        .zip(split_rows_mut(lower, &ranges, k))
        .map(|((labels, upper), lower)| Bounds { labels, upper, lower })
        .collect()
}

/// The first assignment: each row's nearest centre, skipping centres the
/// half distances rule out (scikit-learn's `init_bounds_dense`).
fn init_bounds<F: Float>(x: ArrayView2<'_, F>, centres: &Array2<F>, half: &Array2<F>, bounds: Vec<Bounds<'_, F>>) {
    let k = centres.nrows();
    let c = centres.view();
    over_parts(x.nrows(), bounds, |range, b| {
        for (local, i) in range.enumerate() {
            let xi = row(&x, i);
            let lower = &mut b.lower[local * k..(local + 1) * k];
            let mut best = 0;
            let mut min_dist = squared_distance(xi, row(&c, 0)).sqrt();
            lower[0] = min_dist;
            for j in 1..k {
                if min_dist > half[[best, j]] {
                    let dist = squared_distance(xi, row(&c, j)).sqrt();
                    lower[j] = dist;
                    if dist < min_dist {
                        min_dist = dist;
                        best = j;
                    }
                }
            }
            b.labels[local] = best;
            b.upper[local] = min_dist;
        }
    });
}

/// One Elkan assignment (and, with `sum`, the clusters' sums), from the
/// bounds of the previous iteration (scikit-learn's `_update_chunk_dense`).
fn assign<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    centres: &Array2<F>,
    half: &Array2<F>,
    next: &[F],
    bounds: Vec<Bounds<'_, F>>,
    sum: bool,
) -> Option<Sums<F>> {
    let (k, d) = centres.dim();
    let c = centres.view();
    let sums = over_parts(x.nrows(), bounds, |range, b| {
        let mut sums = sum.then(|| Sums::zeros(k, d));
        for (local, i) in range.enumerate() {
            let xi = row(&x, i);
            let lower = &mut b.lower[local * k..(local + 1) * k];
            let mut upper = b.upper[local];
            let mut label = b.labels[local];
            let mut tight = false;
            if !(next[label] >= upper) {
                for j in 0..k {
                    if j != label && upper > lower[j] && upper > half[[label, j]] {
                        if !tight {
                            upper = squared_distance(xi, row(&c, label)).sqrt();
                            lower[label] = upper;
                            tight = true;
                        }
                        if upper > lower[j] || upper > half[[label, j]] {
                            let distance = squared_distance(xi, row(&c, j)).sqrt();
                            lower[j] = distance;
                            if distance < upper {
                                label = j;
                                upper = distance;
                            }
                        }
                    }
                }
                b.labels[local] = label;
                b.upper[local] = upper;
            }
            if let Some(sums) = sums.as_mut() {
                sums.add(label, xi, w[i]);
            }
        }
        sums
    });
    sum.then(|| Sums::combine(sums.into_iter().flatten().collect()))
}

/// Moves the bounds by the centre shifts: the upper bound grows by the
/// shift of the row's centre, each lower bound shrinks by its centre's
/// (not below zero).
fn shift_bounds<F: Float>(shift: &Array1<F>, bounds: Vec<Bounds<'_, F>>, n: usize) {
    let k = shift.len();
    over_parts(n, bounds, |range, b| {
        for local in 0..range.len() {
            b.upper[local] += shift[b.labels[local]];
            for (l, &s) in b.lower[local * k..(local + 1) * k].iter_mut().zip(shift) {
                *l = (*l - s).max(F::zero());
            }
        }
    });
}

/// One Elkan run from `centres`, with the stopping rules of Lloyd's
/// ([`super::lloyd::run`]).
pub(super) fn run<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    mut centres: Array2<F>,
    max_iter: usize,
    tol: F,
) -> Run<F> {
    let n = x.nrows();
    let k = centres.nrows();
    let mut labels = vec![0usize; n];
    let mut labels_old = vec![usize::MAX; n];
    let mut upper = vec![F::zero(); n];
    let mut lower = vec![F::zero(); n * k];
    let (mut half, mut next) = centre_half_distances(&centres);
    init_bounds(
        x,
        &centres,
        &half,
        bound_parts(n, &mut labels, &mut upper, &mut lower, k),
    );
    let mut new = centres.clone();
    let mut strict = false;
    let mut n_iter = 0;
    for i in 0..max_iter {
        n_iter = i + 1;
        let parts = bound_parts(n, &mut labels, &mut upper, &mut lower, k);
        let sums = assign(x, w, &centres, &half, &next, parts, true).expect("sums asked for");
        let shift = update_centres(x, w, &centres, &mut new, sums, &labels);
        shift_bounds(&shift, bound_parts(n, &mut labels, &mut upper, &mut lower, k), n);
        (half, next) = centre_half_distances(&new);
        std::mem::swap(&mut centres, &mut new);
        if labels == labels_old {
            strict = true;
            break;
        }
        if shift.iter().map(|&s| s * s).sum::<F>() <= tol {
            break;
        }
        labels_old.copy_from_slice(&labels);
    }
    if !strict {
        let parts = bound_parts(n, &mut labels, &mut upper, &mut lower, k);
        assign(x, w, &centres, &half, &next, parts, false);
    }
    let inertia = inertia(x, w, &centres, &labels);
    Run {
        centres,
        labels,
        inertia,
        n_iter,
    }
}
