//! What Lloyd's and Elkan's iterations share: the fixed row parts they run
//! in parallel, the per-part sums of the rows of each cluster, the
//! relocation of empty clusters, the averaging into new centres, the centre
//! shift and the inertia (scikit-learn's `_k_means_common`).

use crate::float::Float;
use crate::metrics::Metric;
use crate::parallel::fixed_row_parts;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;
use std::ops::Range;

/// The squared Euclidean distance of two rows, term by term (no GEMM
/// cancellation): scikit-learn's `_euclidean_dense_dense(squared=True)`.
pub(super) fn squared_distance<F: Float>(a: &[F], b: &[F]) -> F {
    Metric::Euclidean.reduced_distance_slices(a, b)
}

/// Row `i` of a standard-layout matrix as a slice (k-means works on
/// standard-layout copies of the data and centres).
#[inline(always)]
pub(super) fn row<'a, F: Float>(x: &ArrayView2<'a, F>, i: usize) -> &'a [F] {
    let d = x.ncols();
    &x.to_slice().expect("standard layout")[i * d..(i + 1) * d]
}

/// Splits `values` (rows of `stride` values each) into the mutable pieces of
/// the row ranges `parts`, which are contiguous and cover every row in order.
pub(super) fn split_rows_mut<'a, T>(
    mut values: &'a mut [T],
    parts: &[Range<usize>],
    stride: usize,
) -> Vec<&'a mut [T]> {
    let mut pieces = Vec::with_capacity(parts.len());
    for part in parts {
        let (head, tail) = values.split_at_mut(part.len() * stride);
        pieces.push(head);
        values = tail;
    }
    pieces
}

/// Runs `work` on each of the fixed row parts of `n_rows` rows (in
/// parallel when there are several) and returns the results in part order:
/// the parts depend on `n_rows` only, so a reduction over them in order
/// rounds the same way on any thread count.
pub(super) fn over_parts<T: Send, S: Send>(
    n_rows: usize,
    state: Vec<S>,
    work: impl Fn(Range<usize>, S) -> T + Sync + Send,
) -> Vec<T> {
    let parts = fixed_row_parts(n_rows);
    debug_assert_eq!(parts.len(), state.len());
    if parts.len() == 1 {
        return parts.into_iter().zip(state).map(|(r, s)| work(r, s)).collect();
    }
    parts.into_par_iter().zip(state).map(|(r, s)| work(r, s)).collect()
}

/// The row ranges [`over_parts`] uses for `n_rows` rows.
pub(super) fn parts(n_rows: usize) -> Vec<Range<usize>> {
    fixed_row_parts(n_rows)
}

/// The weighted sums of the rows of each cluster and the clusters' weights.
#[derive(Clone, Debug)]
pub(super) struct Sums<F> {
    /// `n_clusters × n_features`, row-major.
    pub(super) centres: Vec<F>,
    pub(super) weights: Vec<F>,
}

impl<F: Float> Sums<F> {
    pub(super) fn zeros(n_clusters: usize, n_features: usize) -> Self {
        Sums {
            centres: vec![F::zero(); n_clusters * n_features],
            weights: vec![F::zero(); n_clusters],
        }
    }

    /// Adds row `x` of weight `w` to cluster `label` (always inlined: see
    /// `label_pass`, which compiles it once per target feature set).
    #[inline(always)]
    pub(super) fn add(&mut self, label: usize, x: &[F], w: F) {
        let d = x.len();
        self.weights[label] += w;
        for (s, &v) in self.centres[label * d..(label + 1) * d].iter_mut().zip(x) {
            *s += v * w;
        }
    }

    /// Adds the parts' sums in part order.
    pub(super) fn combine(parts: Vec<Sums<F>>) -> Sums<F> {
        let mut parts = parts.into_iter();
        let mut total = parts.next().expect("at least one part");
        for part in parts {
            total.centres.iter_mut().zip(&part.centres).for_each(|(t, &p)| *t += p);
            total.weights.iter_mut().zip(&part.weights).for_each(|(t, &p)| *t += p);
        }
        total
    }
}

/// The M-step after an assignment: moves each empty cluster to one of the
/// rows farthest from their centres, averages the sums into `new` and
/// returns each centre's shift from `old` (scikit-learn's
/// `_relocate_empty_clusters_dense`, `_average_centers`, `_center_shift`).
pub(super) fn update_centres<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    old: &Array2<F>,
    new: &mut Array2<F>,
    mut sums: Sums<F>,
    labels: &[usize],
) -> Array1<F> {
    relocate_empty_clusters(x, w, old, &mut sums, labels);
    average(new, &sums);
    Array1::from_iter(
        old.outer_iter()
            .zip(new.outer_iter())
            .map(|(a, b)| squared_distance(a.as_slice().unwrap(), b.as_slice().unwrap()).sqrt()),
    )
}

/// Gives each cluster of zero weight the farthest row from its centre
/// (farthest first), taking that row's contribution from its own cluster.
/// Nothing moves when every row sits on its centre (more clusters than
/// distinct rows).
fn relocate_empty_clusters<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    old: &Array2<F>,
    sums: &mut Sums<F>,
    labels: &[usize],
) {
    let empty: Vec<usize> = (0..sums.weights.len())
        .filter(|&k| sums.weights[k] == F::zero())
        .collect();
    if empty.is_empty() {
        return;
    }
    let old = old.view();
    let distances: Vec<F> = (0..x.nrows())
        .into_par_iter()
        .map(|i| squared_distance(row(&x, i), row(&old, labels[i])))
        .collect();
    if !distances.iter().any(|&d| d > F::zero()) {
        return;
    }
    // The farthest rows, farthest first (ties: the lower index first).
    let mut order: Vec<usize> = (0..x.nrows()).collect();
    order.sort_by(|&a, &b| {
        distances[b]
            .partial_cmp(&distances[a])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let d = x.ncols();
    for (&cluster, &far) in empty.iter().zip(&order) {
        let weight = w[far];
        let from = labels[far];
        let values = row(&x, far);
        for (j, &v) in values.iter().enumerate() {
            sums.centres[from * d + j] -= v * weight;
            sums.centres[cluster * d + j] = v * weight;
        }
        sums.weights[cluster] = weight;
        sums.weights[from] -= weight;
    }
}

/// `new[k] = sums[k] / weight[k]` (as a product with the reciprocal, like
/// scikit-learn); a cluster still of zero weight takes the row of the
/// heaviest cluster as it stands at that point of the pass.
fn average<F: Float>(new: &mut Array2<F>, sums: &Sums<F>) {
    let d = new.ncols();
    let heaviest = argmax(&sums.weights);
    for k in 0..new.nrows() {
        if sums.weights[k] > F::zero() {
            let alpha = F::one() / sums.weights[k];
            for j in 0..d {
                new[[k, j]] = sums.centres[k * d + j] * alpha;
            }
        } else {
            let source: Vec<F> = if heaviest < k {
                new.row(heaviest).to_vec()
            } else {
                sums.centres[heaviest * d..(heaviest + 1) * d].to_vec()
            };
            new.row_mut(k).assign(&ArrayView1::from(&source[..]));
        }
    }
}

/// The index of the first largest value.
fn argmax<F: Float>(values: &[F]) -> usize {
    (0..values.len()).fold(0, |best, k| if values[k] > values[best] { k } else { best })
}

/// `Σ w_i ‖x_i − centres[labels_i]‖²`, by parts combined in order.
pub(super) fn inertia<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    centres: &Array2<F>,
    labels: &[usize],
) -> F {
    let centres = centres.view();
    let n = x.nrows();
    over_parts(n, vec![(); parts(n).len()], |range, ()| {
        range
            .map(|i| squared_distance(row(&x, i), row(&centres, labels[i])) * w[i])
            .fold(F::zero(), |acc, v| acc + v)
    })
    .into_iter()
    .fold(F::zero(), |acc, v| acc + v)
}

/// The result of one k-means run.
#[derive(Clone, Debug)]
pub(super) struct Run<F> {
    pub(super) centres: Array2<F>,
    pub(super) labels: Vec<usize>,
    pub(super) inertia: F,
    pub(super) n_iter: usize,
}

/// One algorithm's iterations (Lloyd's, Elkan's), for [`iterate`].
pub(super) trait Iteration<F> {
    /// Assigns the rows to `centres` (writing `labels`) and puts the new
    /// centres in `new`; returns each centre's shift.
    fn step(&mut self, centres: &Array2<F>, new: &mut Array2<F>, labels: &mut [usize]) -> Array1<F>;
    /// Assigns the rows to `centres` only.
    fn assign_only(&mut self, centres: &Array2<F>, labels: &mut [usize]);
}

/// One k-means run with scikit-learn's stopping rules: stop when the labels
/// no longer change ("strict convergence") or the squared centre shift is
/// at most `tol`; without strict convergence, a last assignment makes the
/// labels match the centres. `labels` holds the assignment before the first
/// iteration (Elkan's initial bounds), or anything.
pub(super) fn iterate<F: Float>(
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    mut centres: Array2<F>,
    mut labels: Vec<usize>,
    max_iter: usize,
    tol: F,
    algorithm: &mut impl Iteration<F>,
) -> Run<F> {
    let mut labels_old = vec![usize::MAX; labels.len()];
    let mut new = centres.clone();
    let mut strict = false;
    let mut n_iter = 0;
    for i in 0..max_iter {
        n_iter = i + 1;
        let shift = algorithm.step(&centres, &mut new, &mut labels);
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
        algorithm.assign_only(&centres, &mut labels);
    }
    let inertia = inertia(x, w, &centres, &labels);
    Run {
        centres,
        labels,
        inertia,
        n_iter,
    }
}

/// Whether two labellings are the same up to a renaming of the clusters
/// (scikit-learn's `_is_same_clustering`).
pub(super) fn same_clustering(a: &[usize], b: &[usize], n_clusters: usize) -> bool {
    let mut mapping = vec![usize::MAX; n_clusters];
    for (&la, &lb) in a.iter().zip(b) {
        if mapping[la] == usize::MAX {
            mapping[la] = lb;
        } else if mapping[la] != lb {
            return false;
        }
    }
    true
}

/// The (population) variance of each column, averaged: scikit-learn's
/// `_tolerance` scale (`mean(var(X, axis=0))`), unweighted.
pub(super) fn mean_variance<F: Float>(x: ArrayView2<'_, F>) -> f64 {
    let n = x.nrows() as f64;
    let mean = x.mean_axis(Axis(0)).expect("non-empty").mapv(|v| v.as_f64());
    let variances: Vec<f64> = x
        .axis_iter(Axis(1))
        .zip(&mean)
        .map(|(column, &m)| column.iter().map(|&v| (v.as_f64() - m).powi(2)).sum::<f64>() / n)
        .collect();
    variances.iter().sum::<f64>() / variances.len() as f64
}
