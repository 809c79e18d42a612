//! [`calibration_curve`]: the data of a reliability diagram.

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::validation::{check_param, encode_labels};
use ndarray::{Array1, ArrayView1};

/// How [`calibration_curve`] places its bin edges (scikit-learn's
/// `strategy`).
///
/// # Example
/// ```
/// use learnkit::calibration::BinStrategy;
/// assert_eq!(BinStrategy::default(), BinStrategy::Uniform);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum BinStrategy {
    /// Bins of equal width over `[0, 1]` (`"uniform"`).
    #[default]
    Uniform,
    /// Bins holding about the same number of samples: edges at the
    /// quantiles of `y_prob` (`"quantile"`, numpy's linear percentiles).
    Quantile,
}

/// The points of a calibration curve (reliability diagram): for each
/// non-empty bin of predicted probabilities, the observed fraction of
/// positives and the mean predicted probability.
///
/// # Example
/// ```
/// use learnkit::calibration::{calibration_curve, BinStrategy};
/// use ndarray::array;
/// let curve = calibration_curve(array![0, 1].view(), array![0.1, 0.9].view(), &1, 2, BinStrategy::Uniform)?;
/// assert_eq!(curve.prob_true, array![0.0, 1.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CalibrationCurve {
    /// The fraction of positive samples in each non-empty bin.
    pub prob_true: Array1<f64>,
    /// The mean predicted probability in each non-empty bin.
    pub prob_pred: Array1<f64>,
}

/// Calibration curve of binary probabilities, as scikit-learn's
/// `sklearn.calibration.calibration_curve`.
///
/// `y_prob` is the predicted probability of `pos_label`. Probabilities are
/// put in `n_bins` bins (edges by `strategy`; a probability equal to an inner
/// edge goes to the lower bin, numpy's `searchsorted`), and bins with no
/// sample are dropped, so the curve has at most `n_bins` points.
///
/// # Errors
/// [`Error::InvalidParameter`] for `n_bins = 0`; [`Error::ShapeMismatch`]
/// when the lengths differ; [`Error::EmptyInput`] when there are no samples;
/// [`Error::NonFinite`] for a NaN or infinite probability;
/// [`Error::InvalidInput`] for a probability outside `[0, 1]` or a `y_true`
/// with more than two labels (scikit-learn: "Only binary classification is
/// supported").
///
/// # Example
/// ```
/// use learnkit::calibration::{calibration_curve, BinStrategy};
/// use ndarray::array;
///
/// let y_true = array![0, 0, 1, 1, 1, 0];
/// let y_prob = array![0.1, 0.3, 0.35, 0.8, 0.9, 0.7];
/// let curve = calibration_curve(y_true.view(), y_prob.view(), &1, 2, BinStrategy::Uniform)?;
/// // [0, 0.5): 0.1, 0.3, 0.35 with one positive; [0.5, 1]: 0.8, 0.9, 0.7 with two.
/// assert!((curve.prob_true[0] - 1.0 / 3.0).abs() < 1e-15);
/// assert!((curve.prob_pred[1] - 0.8).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn calibration_curve<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_prob: ArrayView1<'_, F>,
    pos_label: &L,
    n_bins: usize,
    strategy: BinStrategy,
) -> Result<CalibrationCurve> {
    const CONTEXT: &str = "calibration_curve";
    check_param(CONTEXT, "n_bins", n_bins, ">= 1", |n| n >= 1)?;
    crate::validation::check_same_length(CONTEXT, "y_true vs y_prob", y_true.len(), y_prob.len())?;
    if y_true.is_empty() {
        return Err(Error::EmptyInput {
            context: CONTEXT.into(),
            what: "y_true and y_prob have no samples",
        });
    }
    crate::validation::check_finite_1d(CONTEXT, y_prob)?;
    if let Some(p) = y_prob.iter().find(|p| **p < F::zero() || **p > F::one()) {
        return Err(Error::invalid_input(
            CONTEXT,
            format!("y_prob has values outside [0, 1]: {p:?}"),
        ));
    }
    let (labels, _) = encode_labels(y_true.iter());
    if labels.len() > 2 {
        return Err(Error::invalid_input(
            CONTEXT,
            format!("only binary classification is supported; y_true holds the labels {labels:?}"),
        ));
    }
    let prob: Vec<f64> = y_prob.iter().map(|p| p.as_f64()).collect();
    let edges = match strategy {
        BinStrategy::Uniform => linspace01(n_bins),
        BinStrategy::Quantile => {
            let mut sorted = prob.clone();
            sorted.sort_unstable_by(f64::total_cmp);
            linspace01(n_bins)
                .iter()
                .map(|&q| percentile_linear(&sorted, q))
                .collect()
        }
    };
    let inner = &edges[1..n_bins];
    let mut sums = vec![0.0; n_bins];
    let mut trues = vec![0.0; n_bins];
    let mut totals = vec![0usize; n_bins];
    for (label, &p) in y_true.iter().zip(&prob) {
        // numpy's searchsorted(inner, p, side="left"): the edges below p.
        let bin = inner.partition_point(|&edge| edge < p);
        sums[bin] += p;
        trues[bin] += if label == pos_label { 1.0 } else { 0.0 };
        totals[bin] += 1;
    }
    let nonempty = || (0..n_bins).filter(|&b| totals[b] != 0);
    Ok(CalibrationCurve {
        prob_true: nonempty().map(|b| trues[b] / totals[b] as f64).collect(),
        prob_pred: nonempty().map(|b| sums[b] / totals[b] as f64).collect(),
    })
}

/// numpy's `linspace(0, 1, n + 1)`: `i · (1 / n)`, the last exactly 1.
fn linspace01(n: usize) -> Vec<f64> {
    let step = 1.0 / n as f64;
    (0..=n).map(|i| if i == n { 1.0 } else { i as f64 * step }).collect()
}

/// numpy's `percentile(sorted, q · 100)` (method `"linear"`), operation for
/// operation so that edges that fall on a data value do so exactly as there.
fn percentile_linear(sorted: &[f64], q: f64) -> f64 {
    let q = q * 100.0 / 100.0;
    let last = sorted.len() - 1;
    let h = last as f64 * q;
    if h >= last as f64 {
        return sorted[last];
    }
    let lo = h.floor();
    let gamma = h - lo;
    let (a, b) = (sorted[lo as usize], sorted[lo as usize + 1]);
    let diff = b - a;
    // numpy's `_lerp`: from the nearer end.
    if gamma >= 0.5 {
        b - diff * (1.0 - gamma)
    } else {
        a + diff * gamma
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn empty_bins_are_dropped_and_edges_go_to_the_lower_bin() {
        let curve = calibration_curve(
            array![0, 1, 1].view(),
            array![0.2, 0.2, 0.9].view(),
            &1,
            5,
            BinStrategy::Uniform,
        )
        .unwrap();
        // 0.2 is the first inner edge: bin 0.
        assert_eq!(curve.prob_pred.len(), 2);
        assert_eq!(curve.prob_true, array![0.5, 1.0]);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let y = array![0, 1];
        assert!(calibration_curve(y.view(), array![0.1, 1.1].view(), &1, 5, BinStrategy::Uniform).is_err());
        assert!(calibration_curve(y.view(), array![0.1, 0.2].view(), &1, 0, BinStrategy::Uniform).is_err());
        assert!(
            calibration_curve(
                array![0, 1, 2].view(),
                array![0.1, 0.2, 0.3].view(),
                &1,
                5,
                BinStrategy::Quantile
            )
            .is_err()
        );
    }
}
