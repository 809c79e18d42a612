//! The first centres: k-means++ with greedy local trials, random rows, or
//! the caller's array (scikit-learn's `_kmeans_plusplus` and
//! `_init_centroids`).

use super::KMeansInit;
use super::step::{over_parts, parts};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::pairwise::squared_euclidean_into;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, s};
use rand::Rng;
use rand::rngs::StdRng;

/// The initial centres for one run: `x` (the rows to pick from, as the run
/// sees them) with its squared row norms and weights; an explicit array as
/// given (KMeans centres it as it centres the rows).
pub(super) fn initial_centres<F: Float>(
    context: &'static str,
    init: &KMeansInit,
    x: ArrayView2<'_, F>,
    x_norms: ArrayView1<'_, F>,
    w: ArrayView1<'_, F>,
    n_clusters: usize,
    rng: &mut StdRng,
) -> Result<Array2<F>> {
    match init {
        KMeansInit::KMeansPlusPlus => Ok(kmeans_plusplus(x, x_norms, w, n_clusters, rng).0),
        KMeansInit::Random => random_rows(context, x, w, n_clusters, rng),
        KMeansInit::Array(centres) => Ok(centres.mapv(F::cast)),
    }
}

/// Checks an explicit initial array against the data's shape.
pub(super) fn check_array_init(
    context: &'static str,
    init: &KMeansInit,
    n_clusters: usize,
    n_features: usize,
) -> Result<()> {
    let KMeansInit::Array(centres) = init else {
        return Ok(());
    };
    if centres.dim() != (n_clusters, n_features) {
        return Err(Error::invalid_parameter(
            context,
            "init",
            format!("an array of n_clusters × n_features = {n_clusters} × {n_features} centres"),
            format!("an array of {} × {}", centres.nrows(), centres.ncols()),
        ));
    }
    if let Some(bad) = centres.iter().find(|v| !v.is_finite()) {
        return Err(Error::invalid_parameter(
            context,
            "init",
            "an array of finite centres",
            bad,
        ));
    }
    Ok(())
}

/// A uniform draw in `[0, 1)` times `total`, and the first index whose
/// running sum of `values` reaches it (numpy's `searchsorted` on the
/// cumulative sum), clipped to the last index against rounding.
fn draw_by_weight<F: Float>(values: &[F], total: F, rng: &mut StdRng) -> usize {
    let target = F::cast(rng.random::<f64>()) * total;
    let mut running = F::zero();
    for (i, &v) in values.iter().enumerate() {
        running += v;
        if running >= target && v > F::zero() {
            return i;
        }
    }
    // Rounding left the target above the sum: the last row of positive weight.
    values.iter().rposition(|&v| v > F::zero()).unwrap_or(values.len() - 1)
}

/// k-means++ with `2 + ⌊ln k⌋` local trials per centre: candidates are
/// drawn by weight × squared distance to the nearest chosen centre, and the
/// one giving the lowest potential (weighted sum of those distances) is kept.
/// Returns the centres and the rows they were drawn from (scikit-learn's
/// `kmeans_plusplus` returns both too).
pub(crate) fn kmeans_plusplus<F: Float>(
    x: ArrayView2<'_, F>,
    x_norms: ArrayView1<'_, F>,
    w: ArrayView1<'_, F>,
    n_clusters: usize,
    rng: &mut StdRng,
) -> (Array2<F>, Vec<usize>) {
    let d = x.ncols();
    let weights = w.to_vec();
    let mut centres = Array2::<F>::zeros((n_clusters, d));
    let n_trials = 2 + (n_clusters as f64).ln() as usize;
    let first = draw_by_weight(&weights, weights.iter().copied().sum(), rng);
    centres.row_mut(0).assign(&x.row(first));
    let mut drawn = Vec::with_capacity(n_clusters);
    drawn.push(first);
    let (mut closest, _) = nearest_to_candidates(x, x_norms, w, x.slice(s![first..first + 1, ..]), None);
    let mut closest = closest.remove(0);
    let mut potential: F = closest.iter().zip(&weights).map(|(&c, &wi)| c * wi).sum();
    for c in 1..n_clusters {
        let scaled: Vec<F> = closest.iter().zip(&weights).map(|(&c, &wi)| c * wi).collect();
        let candidates: Vec<usize> = (0..n_trials).map(|_| draw_by_weight(&scaled, potential, rng)).collect();
        let candidate_rows = x.select(Axis(0), &candidates);
        let (mut updated, potentials) = nearest_to_candidates(x, x_norms, w, candidate_rows.view(), Some(&closest));
        let best = (0..n_trials).fold(0, |b, t| if potentials[t] < potentials[b] { t } else { b });
        potential = potentials[best];
        closest = updated.swap_remove(best);
        centres.row_mut(c).assign(&x.row(candidates[best]));
        drawn.push(candidates[best]);
    }
    (centres, drawn)
}

/// For each candidate row: every row's squared distance to the nearest of
/// the chosen centres and that candidate (`min(closest, distance)`), and
/// the weighted sum of those. Distances by the GEMM kernel over fixed row
/// parts; sums combined in part order.
fn nearest_to_candidates<F: Float>(
    x: ArrayView2<'_, F>,
    x_norms: ArrayView1<'_, F>,
    w: ArrayView1<'_, F>,
    candidates: ArrayView2<'_, F>,
    closest: Option<&Vec<F>>,
) -> (Vec<Vec<F>>, Vec<F>) {
    let n = x.nrows();
    let t = candidates.nrows();
    let candidate_norms: Array1<F> = candidates.rows().into_iter().map(|r| r.dot(&r)).collect();
    let ranges = parts(n);
    let pieces = over_parts(n, vec![(); ranges.len()], |range, ()| {
        let mut block = Array2::<F>::zeros((range.len(), t));
        squared_euclidean_into(
            block.view_mut(),
            x.slice(s![range.clone(), ..]),
            x_norms.slice(s![range.clone()]),
            candidates,
            candidate_norms.view(),
        );
        if let Some(closest) = closest {
            for (mut row, &c) in block.outer_iter_mut().zip(&closest[range.clone()]) {
                row.mapv_inplace(|v| if c < v { c } else { v });
            }
        }
        let sums: Vec<F> = (0..t)
            .map(|j| {
                block
                    .column(j)
                    .iter()
                    .zip(w.slice(s![range.clone()]))
                    .map(|(&v, &wi)| v * wi)
                    .sum()
            })
            .collect();
        (block, sums)
    });
    let mut distances = vec![Vec::with_capacity(n); t];
    let mut potentials = vec![F::zero(); t];
    for (block, sums) in pieces {
        for j in 0..t {
            distances[j].extend(block.column(j).iter().copied());
            potentials[j] += sums[j];
        }
    }
    (distances, potentials)
}

/// `n_clusters` distinct rows drawn one after the other with probability
/// proportional to their weight (numpy's `choice(replace=False, p=w)`).
fn random_rows<F: Float>(
    context: &'static str,
    x: ArrayView2<'_, F>,
    w: ArrayView1<'_, F>,
    n_clusters: usize,
    rng: &mut StdRng,
) -> Result<Array2<F>> {
    let mut remaining = w.to_vec();
    let positive = remaining.iter().filter(|&&v| v > F::zero()).count();
    if positive < n_clusters {
        return Err(Error::invalid_input(
            context,
            format!("init = Random needs n_clusters = {n_clusters} rows of positive weight, got {positive}"),
        ));
    }
    let mut chosen = Vec::with_capacity(n_clusters);
    for _ in 0..n_clusters {
        let total: F = remaining.iter().copied().sum();
        let i = draw_by_weight(&remaining, total, rng);
        remaining[i] = F::zero();
        chosen.push(i);
    }
    Ok(x.select(Axis(0), &chosen))
}
