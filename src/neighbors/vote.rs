//! What the neighbour predictors do with a row's neighbours, written once
//! for the k-neighbours and the radius estimators: the weighted class vote
//! and the weighted mean target.

use super::base::Weights;
use crate::float::Float;
use ndarray::{ArrayView1, ArrayViewMut1};

/// Adds each neighbour's weight to its class's score in `scores` (one entry
/// per class, zeroed by the caller) and divides by the total, as
/// scikit-learn's `bincount` then normalisation: the (weighted) share of
/// each class. A row without neighbours keeps its zeros.
pub(crate) fn class_shares<F: Float>(
    weights: Weights,
    distances: ArrayView1<'_, F>,
    indices: ArrayView1<'_, usize>,
    codes: &[usize],
    mut scores: ArrayViewMut1<'_, F>,
) {
    for (w, &j) in weights.of(distances).into_iter().zip(indices) {
        scores[codes[j]] += w;
    }
    let total = scores.sum();
    if total > F::zero() {
        scores /= total;
    }
}

/// The (weighted) mean of the neighbours' targets: `Σ wᵢ yᵢ / Σ wᵢ`, NaN
/// for a row without neighbours (scikit-learn's radius regressor).
pub(crate) fn weighted_mean<F: Float>(
    weights: Weights,
    distances: ArrayView1<'_, F>,
    indices: ArrayView1<'_, usize>,
    y: ArrayView1<'_, F>,
) -> F {
    if indices.is_empty() {
        return F::nan();
    }
    let w = weights.of(distances);
    let total: F = w.iter().copied().sum();
    w.iter().zip(indices).map(|(&w, &j)| w * y[j]).sum::<F>() / total
}
