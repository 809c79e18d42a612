//! The precision-recall curve and average precision:
//! [`precision_recall_curve`], [`average_precision_score`] and
//! [`average_precision_score_ovr`].

use super::mean;
use super::ranking::{ThresholdCounts, binary_inputs, threshold_counts};
use crate::error::Result;
use crate::float::{Float, Label};
use ndarray::{Array1, ArrayView1, ArrayView2};
use rayon::prelude::*;

/// A precision-recall curve, as returned by scikit-learn's
/// `precision_recall_curve` (with its default `drop_intermediate=False`).
///
/// `precision[i]` and `recall[i]` are those of calling positive the samples
/// scoring at least `thresholds[i]`; thresholds increase (one per distinct
/// score). The last point, precision 1 and recall 0, has no threshold, so
/// `precision` and `recall` are one longer than `thresholds`.
///
/// # Example
/// ```
/// use learnkit::metrics::precision_recall_curve;
/// use ndarray::array;
///
/// let curve = precision_recall_curve(array![0, 0, 1, 1].view(), array![0.1, 0.4, 0.35, 0.8].view(), &1)?;
/// assert_eq!(curve.recall, array![1.0, 1.0, 0.5, 0.5, 0.0]);
/// assert_eq!(curve.thresholds, array![0.1, 0.35, 0.4, 0.8]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PrecisionRecallCurve {
    /// Precision at each threshold, then 1.
    pub precision: Array1<f64>,
    /// Recall at each threshold (decreasing), then 0.
    pub recall: Array1<f64>,
    /// The distinct scores, increasing.
    pub thresholds: Array1<f64>,
}

/// The precision-recall curve of binary scores, at every distinct score.
///
/// Samples whose label equals `pos_label` are positive, all others negative
/// (so `y_true` may hold more than two labels: one against the rest).
/// Precision at a threshold where nothing is called positive cannot occur
/// (each threshold is a score of some sample); a threshold with no true and
/// no false positive gives precision 0, as scikit-learn. When `y_true` holds
/// no positive sample the recall is 1 at every threshold (scikit-learn's
/// value, with a warning there; none here).
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the lengths differ, [`Error::EmptyInput`](crate::Error::EmptyInput)
/// when there are no samples, [`Error::NonFinite`](crate::Error::NonFinite) for a NaN or infinite
/// score.
///
/// # Example
/// ```
/// use learnkit::metrics::precision_recall_curve;
/// use ndarray::array;
///
/// let y_true = array!["spam", "ham", "spam", "ham"];
/// let scores = array![0.9, 0.6, 0.5, 0.1];
/// let curve = precision_recall_curve(y_true.view(), scores.view(), &"spam")?;
/// // At threshold 0.5 three samples are called spam, two of them rightly.
/// assert_eq!(curve.thresholds[1], 0.5);
/// assert!((curve.precision[1] - 2.0 / 3.0).abs() < 1e-15);
/// assert_eq!(curve.recall[1], 1.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn precision_recall_curve<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView1<'_, F>,
    pos_label: &L,
) -> Result<PrecisionRecallCurve> {
    let (is_positive, scores) = binary_inputs("precision_recall_curve", y_true, y_score, pos_label)?;
    Ok(binary_precision_recall(&is_positive, &scores))
}

/// Average precision of binary scores: `Σ (R[n] - R[n-1]) P[n]` over the
/// thresholds of [`precision_recall_curve`], scikit-learn's step-wise sum
/// (not the trapezoidal area, which is too optimistic).
///
/// Samples whose label equals `pos_label` are positive (scikit-learn's
/// default is `pos_label=1`). With no positive sample the result is 0.
///
/// # Errors
/// As [`precision_recall_curve`].
///
/// # Example
/// ```
/// use learnkit::metrics::average_precision_score;
/// use ndarray::array;
///
/// let ap = average_precision_score(array![0, 0, 1, 1].view(), array![0.1, 0.4, 0.35, 0.8].view(), &1)?;
/// assert!((ap - 0.8333333333333333).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn average_precision_score<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView1<'_, F>,
    pos_label: &L,
) -> Result<f64> {
    let (is_positive, scores) = binary_inputs("average_precision_score", y_true, y_score, pos_label)?;
    Ok(step_area(&binary_precision_recall(&is_positive, &scores)))
}

/// Multiclass average precision, one-vs-rest and macro-averaged:
/// scikit-learn's `average_precision_score(y_true, y_score)` with
/// multiclass `y_true` (default `average="macro"`).
///
/// `y_score` has one row per sample and one column per class of `y_true`,
/// in sorted order (the columns of `predict_proba` or of a multiclass
/// `decision_function`). Each class's [`average_precision_score`] against
/// the rest is computed and the mean returned. (With two classes this is the
/// mean of both columns' scores; scikit-learn wants a 1-D score there.)
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the number of rows differs from the length
/// of `y_true` or the number of columns from its number of classes,
/// [`Error::EmptyInput`](crate::Error::EmptyInput) when there are no samples, [`Error::NonFinite`](crate::Error::NonFinite) for
/// a NaN or infinite score, [`Error::SingleClass`](crate::Error::SingleClass) when `y_true` has one
/// class.
///
/// # Example
/// ```
/// use learnkit::metrics::average_precision_score_ovr;
/// use ndarray::array;
///
/// let y_true = array![0, 0, 1, 1, 2, 2];
/// let y_score = array![
///     [0.7, 0.2, 0.1], [0.4, 0.3, 0.3], [0.1, 0.8, 0.1],
///     [0.2, 0.3, 0.5], [0.4, 0.4, 0.2], [0.1, 0.2, 0.7],
/// ];
/// let ap = average_precision_score_ovr(y_true.view(), y_score.view())?;
/// assert!((ap - 0.7777777777777777).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn average_precision_score_ovr<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView2<'_, F>,
) -> Result<f64> {
    const CONTEXT: &str = "average_precision_score_ovr";
    let (classes, codes) = super::class_score_inputs(CONTEXT, y_true, y_score, false)?;
    // Classes are independent; collected in class order, so the mean is the
    // same on any number of threads.
    let per_class: Vec<f64> = (0..classes.len())
        .into_par_iter()
        .map(|k| {
            let is_positive: Vec<bool> = codes.iter().map(|&c| c == k).collect();
            let scores: Vec<f64> = y_score.column(k).iter().map(|v| v.as_f64()).collect();
            step_area(&binary_precision_recall(&is_positive, &scores))
        })
        .collect();
    Ok(mean(per_class.into_iter()))
}

/// scikit-learn's `precision_recall_curve` of finite scores (at least one).
fn binary_precision_recall(is_positive: &[bool], scores: &[f64]) -> PrecisionRecallCurve {
    let ThresholdCounts { fps, tps, thresholds } = threshold_counts(is_positive, scores);
    let n_positive = *tps.last().expect("at least one sample");
    let precision = fps.iter().zip(&tps).map(|(&fp, &tp)| {
        let predicted = tp + fp;
        if predicted != 0.0 { tp / predicted } else { 0.0 }
    });
    let recall = tps
        .iter()
        .map(|&tp| if n_positive == 0.0 { 1.0 } else { tp / n_positive });
    // Reversed so that thresholds increase, then the (recall 0, precision 1)
    // end point.
    PrecisionRecallCurve {
        precision: precision.rev().chain(std::iter::once(1.0)).collect(),
        recall: recall.rev().chain(std::iter::once(0.0)).collect(),
        thresholds: thresholds.into_iter().rev().collect(),
    }
}

/// `-Σ diff(recall) · precision[:-1]`, clipped at 0 against a `-0.0`, as
/// scikit-learn's `_binary_uninterpolated_average_precision`.
fn step_area(curve: &PrecisionRecallCurve) -> f64 {
    let r = &curve.recall;
    let sum: f64 = (1..r.len()).map(|i| (r[i] - r[i - 1]) * curve.precision[i - 1]).sum();
    (-sum).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn no_positive_gives_recall_one_and_zero_precision() {
        let curve = precision_recall_curve(array![0, 0].view(), array![0.2, 0.7].view(), &1).unwrap();
        assert_eq!(curve.recall, array![1.0, 1.0, 0.0]);
        assert_eq!(curve.precision, array![0.0, 0.0, 1.0]);
        assert_eq!(
            average_precision_score(array![0, 0].view(), array![0.2, 0.7].view(), &1).unwrap(),
            0.0
        );
    }

    #[test]
    fn ties_share_one_threshold() {
        let curve = precision_recall_curve(array![1, 0, 1].view(), array![0.5, 0.5, 0.9].view(), &1).unwrap();
        assert_eq!(curve.thresholds, array![0.5, 0.9]);
        assert_eq!(curve.recall, array![1.0, 0.5, 0.0]);
    }
}
