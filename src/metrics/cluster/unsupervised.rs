//! Metrics of a clustering from the data alone: silhouette coefficients,
//! the Calinski–Harabasz and Davies–Bouldin indices, as
//! `sklearn.metrics.cluster._unsupervised`.

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::metrics::pairwise::{Metric, distances_into};
use crate::parallel::map_row_chunks;
use crate::validation::{check_array, check_param, check_same_length, encode_labels};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rand::seq::SliceRandom;

/// Distances per parallel chunk of [`silhouette_samples`]: a chunk of rows
/// against every sample holds at most this many `f64` (32 MiB), whatever
/// the number of samples.
const SILHOUETTE_CHUNK_VALUES: usize = 1 << 22;

/// The data widened to `f64` (every metric computes in `f64`), checked, and
/// the labels encoded as `0..n_labels` in sorted order, after checking that
/// there are between 2 and `n − 1` of them (scikit-learn's
/// `check_number_of_labels`).
fn prepare<F: Float, L: Label>(
    context: &'static str,
    x: ArrayView2<'_, F>,
    labels: ArrayView1<'_, L>,
) -> Result<(Array2<f64>, Vec<usize>, usize)> {
    check_array(context, x)?;
    check_same_length(context, "labels vs rows of X", x.nrows(), labels.len())?;
    let (classes, codes) = encode_labels(labels.iter());
    let (n_labels, n) = (classes.len(), x.nrows());
    if !(n_labels > 1 && n_labels < n) {
        return Err(Error::invalid_input(
            context,
            format!(
                "number of labels is {n_labels}; valid values are 2 to n_samples - 1 = {} (inclusive)",
                n.saturating_sub(1)
            ),
        ));
    }
    Ok((x.mapv(|v| v.as_f64()), codes, n_labels))
}

/// The silhouette coefficient of every sample: `(b − a) / max(a, b)` with
/// `a` the mean distance to the other members of its cluster and `b` the
/// mean distance to the members of the nearest other cluster; 0 for a
/// sample alone in its cluster, as `sklearn.metrics.silhouette_samples`.
///
/// Rows are processed in parallel chunks; distances come from
/// [`pairwise_distances`](crate::metrics::pairwise_distances)'s kernels
/// (`metric`), so memory stays bounded for any number of samples and the
/// result does not depend on the number of threads.
///
/// # Errors
/// Empty or non-finite `x`, labels of another length than `x`'s rows
/// ([`Error::ShapeMismatch`]), fewer than 2 or more than `n − 1` distinct
/// labels ([`Error::InvalidInput`]), a bad [`Metric`] parameter.
///
/// # Example
/// ```
/// use learnkit::metrics::{silhouette_samples, Metric};
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [10.0], [11.0]];
/// let s = silhouette_samples(x.view(), array![0, 0, 1, 1].view(), Metric::Euclidean)?;
/// assert!((s[0] - 9.5 / 10.5).abs() < 1e-12); // a = 1, b = (10 + 11) / 2
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn silhouette_samples<F: Float, L: Label>(
    x: ArrayView2<'_, F>,
    labels: ArrayView1<'_, L>,
    metric: Metric,
) -> Result<Array1<f64>> {
    const CONTEXT: &str = "silhouette_samples";
    metric.check(CONTEXT)?;
    let (x, codes, n_labels) = prepare(CONTEXT, x, labels)?;
    Ok(silhouette(x.view(), &codes, n_labels, metric))
}

/// The silhouette of checked data with encoded labels.
fn silhouette(x: ArrayView2<'_, f64>, codes: &[usize], n_labels: usize, metric: Metric) -> Array1<f64> {
    let n = x.nrows();
    let mut freqs = vec![0usize; n_labels];
    for &c in codes {
        freqs[c] += 1;
    }
    let chunk_rows = (SILHOUETTE_CHUNK_VALUES / n).max(1);
    let chunks = map_row_chunks(x, chunk_rows, |start, rows| {
        let mut d = Array2::<f64>::zeros((rows.nrows(), n));
        distances_into(d.view_mut(), rows, x, metric);
        let mut out = Vec::with_capacity(rows.nrows());
        let mut sums = vec![0.0f64; n_labels];
        for (r, drow) in d.axis_iter(Axis(0)).enumerate() {
            let i = start + r;
            sums.iter_mut().for_each(|s| *s = 0.0);
            for (j, (&dij, &c)) in drow.iter().zip(codes).enumerate() {
                // A sample is at distance 0 from itself (scikit-learn
                // zeroes the diagonal the GEMM kernel may leave at ±ε).
                sums[c] += if j == i { 0.0 } else { dij };
            }
            let own = codes[i];
            if freqs[own] == 1 {
                out.push(0.0);
                continue;
            }
            let intra = sums[own] / (freqs[own] - 1) as f64;
            let inter = (0..n_labels)
                .filter(|&k| k != own)
                .map(|k| sums[k] / freqs[k] as f64)
                .fold(f64::INFINITY, f64::min);
            let s = (inter - intra) / intra.max(inter);
            out.push(if s.is_nan() { 0.0 } else { s });
        }
        out
    });
    chunks.into_iter().flatten().collect()
}

/// The mean silhouette coefficient over all samples, as
/// `sklearn.metrics.silhouette_score`: from −1 (wrong clusters) to 1
/// (dense, well-separated clusters). See [`silhouette_samples`].
///
/// # Errors
/// As [`silhouette_samples`].
///
/// # Example
/// ```
/// use learnkit::metrics::{silhouette_score, Metric};
/// use ndarray::array;
/// let x = array![[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]];
/// let good = silhouette_score(x.view(), array![0, 0, 1, 1].view(), Metric::Euclidean)?;
/// let bad = silhouette_score(x.view(), array![0, 1, 0, 1].view(), Metric::Euclidean)?;
/// assert!(good > 0.8 && bad < 0.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn silhouette_score<F: Float, L: Label>(
    x: ArrayView2<'_, F>,
    labels: ArrayView1<'_, L>,
    metric: Metric,
) -> Result<f64> {
    let samples = silhouette_samples(x, labels, metric)?;
    Ok(super::super::mean(samples.iter().copied()))
}

/// [`silhouette_score`] on a random subset of `sample_size` samples (all of
/// them if there are fewer), drawn without replacement with `random_state`
/// (`None`: fresh entropy), scikit-learn's `sample_size` for large data.
/// The subset is drawn with learnkit's generator, so it is not the one
/// scikit-learn's `RandomState` would draw.
///
/// # Errors
/// As [`silhouette_samples`] (the label count is checked on the subset), and
/// [`Error::InvalidParameter`] for a `sample_size` of 0.
///
/// # Example
/// ```
/// use learnkit::metrics::{silhouette_score_sampled, Metric};
/// use ndarray::Array2;
/// let x = Array2::from_shape_fn((200, 2), |(i, j)| (i % 2) as f64 * 10.0 + (i * 7 + j) as f64 % 3.0);
/// let labels = ndarray::Array1::from_shape_fn(200, |i| i % 2);
/// let s = silhouette_score_sampled(x.view(), labels.view(), Metric::Euclidean, 50, Some(0))?;
/// assert!(s > 0.7);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn silhouette_score_sampled<F: Float, L: Label>(
    x: ArrayView2<'_, F>,
    labels: ArrayView1<'_, L>,
    metric: Metric,
    sample_size: usize,
    random_state: Option<u64>,
) -> Result<f64> {
    const CONTEXT: &str = "silhouette_score";
    check_param(CONTEXT, "sample_size", sample_size, ">= 1", |s| s >= 1)?;
    check_array(CONTEXT, x)?;
    check_same_length(CONTEXT, "labels vs rows of X", x.nrows(), labels.len())?;
    let mut indices: Vec<usize> = (0..x.nrows()).collect();
    indices.shuffle(&mut crate::random::rng_from(random_state));
    indices.truncate(sample_size);
    let xs = x.select(Axis(0), &indices);
    let ls = labels.select(Axis(0), &indices);
    silhouette_score(xs.view(), ls.view(), metric)
}

/// The members of each cluster, by encoded label.
fn members(codes: &[usize], n_labels: usize) -> Vec<Vec<usize>> {
    let mut members = vec![Vec::new(); n_labels];
    for (i, &c) in codes.iter().enumerate() {
        members[c].push(i);
    }
    members
}

/// Column means of the selected rows.
fn centroid(x: ArrayView2<'_, f64>, rows: &[usize]) -> Array1<f64> {
    let mut sum = Array1::<f64>::zeros(x.ncols());
    for &i in rows {
        sum += &x.row(i);
    }
    sum / rows.len() as f64
}

/// The Calinski–Harabasz index (variance ratio criterion): between-cluster
/// dispersion over within-cluster dispersion, each divided by its degrees
/// of freedom; higher is better; 1.0 when every cluster is a single point
/// repeated, as `sklearn.metrics.calinski_harabasz_score`.
///
/// # Errors
/// Empty or non-finite `x`, labels of another length than `x`'s rows
/// ([`Error::ShapeMismatch`]), fewer than 2 or more than `n − 1` distinct
/// labels ([`Error::InvalidInput`]).
///
/// # Example
/// ```
/// use learnkit::metrics::calinski_harabasz_score;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [10.0], [11.0]];
/// let score = calinski_harabasz_score(x.view(), array![0, 0, 1, 1].view())?;
/// assert!((score - 200.0).abs() < 1e-12); // (4 · 25 / 1) / (1 / 2)
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn calinski_harabasz_score<F: Float, L: Label>(x: ArrayView2<'_, F>, labels: ArrayView1<'_, L>) -> Result<f64> {
    let (x, codes, n_labels) = prepare("calinski_harabasz_score", x, labels)?;
    let n = x.nrows();
    let all: Vec<usize> = (0..n).collect();
    let mean = centroid(x.view(), &all);
    let (mut extra, mut intra) = (0.0, 0.0);
    for rows in members(&codes, n_labels) {
        let mean_k = centroid(x.view(), &rows);
        extra += rows.len() as f64 * (&mean_k - &mean).mapv(|v| v * v).sum();
        intra += rows
            .iter()
            .map(|&i| (&x.row(i) - &mean_k).mapv(|v| v * v).sum())
            .sum::<f64>();
    }
    Ok(if intra == 0.0 {
        1.0
    } else {
        extra * (n - n_labels) as f64 / (intra * (n_labels as f64 - 1.0))
    })
}

/// The Davies–Bouldin index: the mean, over clusters, of the largest ratio
/// of summed within-cluster scatter to centroid distance; lower is better,
/// 0.0 at best, as `sklearn.metrics.davies_bouldin_score`.
///
/// # Errors
/// As [`calinski_harabasz_score`].
///
/// # Example
/// ```
/// use learnkit::metrics::davies_bouldin_score;
/// use ndarray::array;
/// let x = array![[0.0], [1.0], [10.0], [11.0]];
/// let score = davies_bouldin_score(x.view(), array![0, 0, 1, 1].view())?;
/// assert!((score - 0.1).abs() < 1e-12); // (0.5 + 0.5) / 10
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn davies_bouldin_score<F: Float, L: Label>(x: ArrayView2<'_, F>, labels: ArrayView1<'_, L>) -> Result<f64> {
    let (x, codes, n_labels) = prepare("davies_bouldin_score", x, labels)?;
    let mut centroids = Array2::<f64>::zeros((n_labels, x.ncols()));
    let mut intra = Array1::<f64>::zeros(n_labels);
    for (k, rows) in members(&codes, n_labels).iter().enumerate() {
        let c = centroid(x.view(), rows);
        let cluster = x.select(Axis(0), rows);
        let mut d = Array2::<f64>::zeros((rows.len(), 1));
        distances_into(
            d.view_mut(),
            cluster.view(),
            c.view().insert_axis(Axis(0)),
            Metric::Euclidean,
        );
        intra[k] = d.sum() / rows.len() as f64;
        centroids.row_mut(k).assign(&c);
    }
    let mut between = Array2::<f64>::zeros((n_labels, n_labels));
    distances_into(
        between.view_mut(),
        centroids.view(),
        centroids.view(),
        Metric::Euclidean,
    );
    between.diag_mut().fill(0.0);
    let near_zero = |v: &f64| v.abs() <= 1e-8;
    if intra.iter().all(near_zero) || between.iter().all(near_zero) {
        return Ok(0.0);
    }
    let scores = (0..n_labels).map(|i| {
        (0..n_labels)
            .map(|j| {
                let d = if between[[i, j]] == 0.0 {
                    f64::INFINITY
                } else {
                    between[[i, j]]
                };
                (intra[i] + intra[j]) / d
            })
            .fold(f64::NEG_INFINITY, f64::max)
    });
    Ok(super::super::mean(scores))
}
