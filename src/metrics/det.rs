//! The detection error tradeoff curve: [`det_curve`].

use super::ranking::{ThresholdCounts, binary_inputs, require_both_classes, threshold_counts};
use crate::error::Result;
use crate::float::{Float, Label};
use ndarray::{Array1, ArrayView1};

/// A detection error tradeoff (DET) curve, as returned by scikit-learn 1.9's
/// `det_curve` (with its default `drop_intermediate=False`).
///
/// Point `i` is the false positive rate and the false negative rate when
/// samples scoring at least `thresholds[i]` are called positive. Thresholds
/// increase; the last one is `+inf` (nothing called positive: `fpr = 0`,
/// `fnr = 1`) unless a finite threshold already has no false positive.
///
/// # Example
/// ```
/// use learnkit::metrics::det_curve;
/// use ndarray::array;
///
/// let curve = det_curve(array![0, 0, 1, 1].view(), array![0.1, 0.4, 0.35, 0.8].view(), &1)?;
/// assert_eq!(curve.fpr, array![0.5, 0.5, 0.0]);
/// assert_eq!(curve.fnr, array![0.0, 0.5, 0.5]);
/// assert_eq!(curve.thresholds, array![0.35, 0.4, 0.8]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DetCurve {
    /// False positive rates, decreasing.
    pub fpr: Array1<f64>,
    /// False negative rates, increasing.
    pub fnr: Array1<f64>,
    /// Increasing score thresholds; the last may be `+inf`.
    pub thresholds: Array1<f64>,
}

/// The DET curve of binary scores: error rates from the first threshold
/// with no false negative to the first with no false positive.
///
/// Samples whose label equals `pos_label` are positive, all others negative
/// (one against the rest when `y_true` holds more labels; scikit-learn
/// refuses more than two).
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the lengths
/// differ, [`Error::EmptyInput`](crate::Error::EmptyInput) when there are no
/// samples, [`Error::NonFinite`](crate::Error::NonFinite) for a NaN or
/// infinite score, [`Error::InvalidInput`](crate::Error::InvalidInput) when
/// `y_true` has no positive or no negative sample (scikit-learn raises too).
///
/// # Example
/// ```
/// use learnkit::metrics::det_curve;
/// use ndarray::array;
///
/// // A perfect ranking: one point with no error at all, and the +inf end.
/// let curve = det_curve(array!["a", "b", "b"].view(), array![0.2, 0.6, 0.9].view(), &"b")?;
/// assert_eq!(curve.fpr, array![0.0]);
/// assert_eq!(curve.fnr, array![0.0]);
/// assert_eq!(curve.thresholds, array![0.6]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn det_curve<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView1<'_, F>,
    pos_label: &L,
) -> Result<DetCurve> {
    const CONTEXT: &str = "det_curve";
    let (is_positive, scores) = binary_inputs(CONTEXT, y_true, y_score, pos_label)?;
    require_both_classes(CONTEXT, &is_positive, pos_label, "the DET curve")?;
    let ThresholdCounts { fps, tps, thresholds } = threshold_counts(&is_positive, &scores);
    // The threshold at +inf, where nothing is called positive.
    let fps: Vec<f64> = std::iter::once(0.0).chain(fps).collect();
    let tps: Vec<f64> = std::iter::once(0.0).chain(tps).collect();
    let thresholds: Vec<f64> = std::iter::once(f64::INFINITY).chain(thresholds).collect();
    let n_positive = *tps.last().expect("at least one sample");
    let n_negative = *fps.last().expect("at least one sample");
    // From the last threshold with no false positive (numpy's
    // `searchsorted(fps, fps[0], side="right") - 1`) to the first one with
    // every positive found (`searchsorted(tps, tps[-1]) + 1`).
    let first = fps.iter().take_while(|&&fp| fp == 0.0).count() - 1;
    let last = tps
        .iter()
        .position(|&tp| tp == n_positive)
        .expect("the last count is the total")
        + 1;
    let range = first..last;
    Ok(DetCurve {
        fpr: fps[range.clone()].iter().rev().map(|fp| fp / n_negative).collect(),
        fnr: tps[range.clone()]
            .iter()
            .rev()
            .map(|tp| (n_positive - tp) / n_positive)
            .collect(),
        thresholds: thresholds[range].iter().rev().copied().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use ndarray::array;

    #[test]
    fn the_infinite_threshold_stays_when_the_top_score_is_negative() {
        let curve = det_curve(array![0, 1, 0].view(), array![0.9, 0.5, 0.1].view(), &1).unwrap();
        assert_eq!(curve.thresholds, array![0.5, 0.9, f64::INFINITY]);
        assert_eq!(curve.fpr, array![0.5, 0.5, 0.0]);
        assert_eq!(curve.fnr, array![0.0, 1.0, 1.0]);
    }

    #[test]
    fn one_class_is_an_error() {
        let err = det_curve(array![1, 1].view(), array![0.1, 0.2].view(), &1).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
    }
}
