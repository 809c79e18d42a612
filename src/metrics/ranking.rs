//! Ranking metrics: [`roc_curve`], [`roc_auc_score`], [`roc_auc_score_ovr`]
//! and [`auc`].

use super::{check_pair, mean};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::validation::{check_finite_1d, check_same_length, check_two_classes, encode_labels};
use ndarray::{Array1, ArrayView1, ArrayView2};
use rayon::prelude::*;
use std::cmp::Ordering;

/// A receiver operating characteristic curve, as returned by scikit-learn's
/// `roc_curve` (with its default `drop_intermediate=True`).
///
/// Point `i` is the false and true positive rates when samples scoring at
/// least `thresholds[i]` are called positive. Thresholds decrease; the first
/// is `+inf`, where nothing is called positive, so the curve starts at
/// (0, 0), as in scikit-learn 1.3 and later.
///
/// # Example
/// ```
/// use learnkit::metrics::roc_curve;
/// use ndarray::array;
///
/// let curve = roc_curve(array![0, 0, 1, 1].view(), array![0.1, 0.4, 0.35, 0.8].view(), &1)?;
/// assert_eq!(curve.fpr, array![0.0, 0.0, 0.5, 0.5, 1.0]);
/// assert_eq!(curve.tpr, array![0.0, 0.5, 0.5, 1.0, 1.0]);
/// assert_eq!(curve.thresholds, array![f64::INFINITY, 0.8, 0.4, 0.35, 0.1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RocCurve {
    /// False positive rates, increasing from 0 to 1.
    pub fpr: Array1<f64>,
    /// True positive rates, increasing from 0 to 1.
    pub tpr: Array1<f64>,
    /// Decreasing score thresholds, the first one `+inf`.
    pub thresholds: Array1<f64>,
}

/// The ROC curve of binary scores: false and true positive rates at every
/// threshold that changes the curve.
///
/// Samples whose label equals `pos_label` are positive, all others negative
/// (so `y_true` may hold more than two labels: one against the rest).
/// Samples with equal scores share one threshold, so ties make a diagonal
/// step. Thresholds at points collinear with their neighbours are dropped
/// (scikit-learn's `drop_intermediate=True`); they change neither the curve
/// drawn nor its area.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::NonFinite`] for a NaN or infinite
/// score, and [`Error::InvalidInput`] when `y_true` has no positive or no
/// negative sample (one of the rates would be 0/0; scikit-learn warns and
/// returns NaN).
///
/// # Example
/// ```
/// use learnkit::metrics::roc_curve;
/// use ndarray::array;
///
/// // Two samples tie at 0.5: one diagonal step from (0, 0.5) to (0.5, 1).
/// let y_true = array!["spam", "ham", "spam", "ham"];
/// let scores = array![0.9, 0.5, 0.5, 0.1];
/// let curve = roc_curve(y_true.view(), scores.view(), &"spam")?;
/// assert_eq!(curve.fpr, array![0.0, 0.0, 0.5, 1.0]);
/// assert_eq!(curve.tpr, array![0.0, 0.5, 1.0, 1.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn roc_curve<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView1<'_, F>,
    pos_label: &L,
) -> Result<RocCurve> {
    const CONTEXT: &str = "roc_curve";
    let (is_positive, scores) = binary_inputs(CONTEXT, y_true, y_score, pos_label)?;
    require_both_classes(CONTEXT, &is_positive, pos_label, "the ROC curve")?;
    Ok(binary_roc(&is_positive, &scores))
}

/// Checks binary-curve inputs (same non-zero length, finite scores) and
/// returns which samples are `pos_label` and the scores as `f64`.
pub(super) fn binary_inputs<L: Label, F: Float>(
    context: &'static str,
    y_true: ArrayView1<'_, L>,
    y_score: ArrayView1<'_, F>,
    pos_label: &L,
) -> Result<(Vec<bool>, Vec<f64>)> {
    check_pair(context, y_true, y_score)?;
    check_finite_1d(context, y_score)?;
    let is_positive = y_true.iter().map(|label| label == pos_label).collect();
    Ok((is_positive, y_score.iter().map(|s| s.as_f64()).collect()))
}

/// An error unless `is_positive` holds both a positive and a negative
/// sample: one of the rates of `curve` would be 0/0 (scikit-learn warns and
/// returns NaN).
pub(super) fn require_both_classes<L: Label>(
    context: &'static str,
    is_positive: &[bool],
    pos_label: &L,
    curve: &str,
) -> Result<()> {
    let n_positive = is_positive.iter().filter(|&&p| p).count();
    if n_positive == 0 || n_positive == is_positive.len() {
        let missing = if n_positive == 0 { "positive" } else { "negative" };
        return Err(Error::invalid_input(
            context,
            format!("y_true has no {missing} sample for pos_label {pos_label:?}, so {curve} is undefined"),
        ));
    }
    Ok(())
}

/// Area under the ROC curve of binary scores.
///
/// `y_score` is the score of the positive class, which is the greater of the
/// two labels of `y_true` (scikit-learn's convention: with labels 0 and 1,
/// pass the probability or decision value of 1, i.e. column 1 of
/// `predict_proba`). The area is computed with the trapezoidal rule over
/// [`roc_curve`], so tied scores count one half, exactly as scikit-learn.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::NonFinite`] for a NaN or infinite
/// score, [`Error::SingleClass`] when `y_true` has one label (scikit-learn
/// warns and returns NaN), and [`Error::InvalidInput`] when it has more than
/// two (use [`roc_auc_score_ovr`]).
///
/// # Example
/// ```
/// use learnkit::metrics::roc_auc_score;
/// use ndarray::array;
///
/// let y_true = array![0, 0, 1, 1];
/// let scores = array![0.1, 0.4, 0.35, 0.8];
/// assert_eq!(roc_auc_score(y_true.view(), scores.view())?, 0.75);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn roc_auc_score<L: Label, F: Float>(y_true: ArrayView1<'_, L>, y_score: ArrayView1<'_, F>) -> Result<f64> {
    const CONTEXT: &str = "roc_auc_score";
    check_pair(CONTEXT, y_true, y_score)?;
    check_finite_1d(CONTEXT, y_score)?;
    let (classes, codes) = encode_labels(y_true.iter());
    check_two_classes(CONTEXT, &classes)?;
    if classes.len() > 2 {
        return Err(Error::invalid_input(
            CONTEXT,
            format!(
                "y_true has {} classes {:?}, but y_score is 1-D (binary); \
                 for multiclass pass one column per class to roc_auc_score_ovr",
                classes.len(),
                classes
            ),
        ));
    }
    let is_positive: Vec<bool> = codes.iter().map(|&c| c == 1).collect();
    let scores: Vec<f64> = y_score.iter().map(|s| s.as_f64()).collect();
    Ok(area(&binary_roc(&is_positive, &scores)))
}

/// Multiclass area under the ROC curve, one-vs-rest, macro-averaged:
/// scikit-learn's `roc_auc_score(y_true, y_score, multi_class="ovr")`.
///
/// `y_score` has one row per sample and one column per class of `y_true`,
/// in sorted order (the columns of `predict_proba`), and each row must sum to
/// 1 (within scikit-learn's `np.allclose` tolerance). The AUC of each class
/// against the rest is computed as [`roc_auc_score`] does, and the mean over
/// classes returned. With two classes this is the binary AUC of column 1.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the number of rows differs from the length
/// of `y_true` or the number of columns from its number of classes,
/// [`Error::EmptyInput`] when there are no samples, [`Error::NonFinite`] for
/// a NaN or infinite score, [`Error::SingleClass`] when `y_true` has one
/// class, [`Error::InvalidInput`] when a row does not sum to 1.
///
/// # Example
/// ```
/// use learnkit::metrics::roc_auc_score_ovr;
/// use ndarray::array;
///
/// let y_true = array![0, 1, 2, 2];
/// let proba = array![[0.8, 0.1, 0.1], [0.3, 0.6, 0.1], [0.1, 0.2, 0.7], [0.2, 0.5, 0.3]];
/// let auc = roc_auc_score_ovr(y_true.view(), proba.view())?;
/// assert!((auc - (1.0 + 1.0 + 1.0) / 3.0).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn roc_auc_score_ovr<L: Label, F: Float>(y_true: ArrayView1<'_, L>, y_score: ArrayView2<'_, F>) -> Result<f64> {
    const CONTEXT: &str = "roc_auc_score_ovr";
    let (classes, codes) = super::class_score_inputs(CONTEXT, y_true, y_score, false)?;
    // scikit-learn requires probabilities here (np.allclose(1, row sums)):
    // one-vs-rest AUCs of unnormalised scores are not comparable.
    if let Some((row, sum)) = y_score
        .rows()
        .into_iter()
        .map(|r| r.iter().map(|v| v.as_f64()).sum::<f64>())
        .enumerate()
        .find(|&(_, sum)| (sum - 1.0).abs() > 1e-8 + 1e-5 * sum.abs())
    {
        return Err(Error::invalid_input(
            CONTEXT,
            format!("y_score must hold probabilities summing to 1 over classes; row {row} sums to {sum}"),
        ));
    }
    let score_of = |k: usize| -> Vec<f64> { y_score.column(k).iter().map(|v| v.as_f64()).collect() };
    if classes.len() == 2 {
        let is_positive: Vec<bool> = codes.iter().map(|&c| c == 1).collect();
        return Ok(area(&binary_roc(&is_positive, &score_of(1))));
    }
    let aucs: Vec<f64> = (0..classes.len())
        .into_par_iter()
        .map(|k| {
            let is_positive: Vec<bool> = codes.iter().map(|&c| c == k).collect();
            area(&binary_roc(&is_positive, &score_of(k)))
        })
        .collect();
    Ok(mean(aucs.into_iter()))
}

/// Area under a curve by the trapezoidal rule, as scikit-learn's `auc`.
///
/// `x` must be monotonic (increasing or decreasing; the area is positive in
/// both cases for a positive `y`).
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::InvalidInput`]
/// for fewer than two points or a non-monotonic `x`, [`Error::NonFinite`] for
/// a NaN or infinite coordinate.
///
/// # Example
/// ```
/// use learnkit::metrics::{auc, roc_curve};
/// use ndarray::array;
///
/// assert_eq!(auc(array![0.0, 1.0, 2.0].view(), array![1.0, 1.0, 3.0].view())?, 3.0);
/// let curve = roc_curve(array![0, 1, 1].view(), array![0.2, 0.9, 0.1].view(), &1)?;
/// assert_eq!(auc(curve.fpr.view(), curve.tpr.view())?, 0.5);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn auc<F: Float>(x: ArrayView1<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
    const CONTEXT: &str = "auc";
    check_same_length(CONTEXT, "x vs y", x.len(), y.len())?;
    if x.len() < 2 {
        return Err(Error::invalid_input(
            CONTEXT,
            format!(
                "at least 2 points are needed to compute the area under a curve, got {}",
                x.len()
            ),
        ));
    }
    check_finite_1d(CONTEXT, x)?;
    check_finite_1d(CONTEXT, y)?;
    let x: Array1<f64> = x.mapv(|v| v.as_f64());
    let y: Array1<f64> = y.mapv(|v| v.as_f64());
    let steps = || (1..x.len()).map(|i| x[i] - x[i - 1]);
    let direction = if steps().all(|dx| dx >= 0.0) {
        1.0
    } else if steps().all(|dx| dx <= 0.0) {
        -1.0
    } else {
        return Err(Error::invalid_input(CONTEXT, "x is neither increasing nor decreasing"));
    };
    Ok(direction * trapezoid(x.view(), y.view()))
}

/// `∫ y dx` by the trapezoidal rule, numpy's `trapezoid` term by term.
fn trapezoid(x: ArrayView1<'_, f64>, y: ArrayView1<'_, f64>) -> f64 {
    (1..x.len()).map(|i| (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0).sum()
}

/// The area under a ROC curve (its `fpr` always increases).
fn area(curve: &RocCurve) -> f64 {
    trapezoid(curve.fpr.view(), curve.tpr.view())
}

/// Cumulative counts at each distinct score, highest score first:
/// scikit-learn's `confusion_matrix_at_thresholds` (unweighted), shared by
/// the ROC, precision-recall and DET curves.
pub(super) struct ThresholdCounts {
    /// False positives: negatives scoring `>= thresholds[i]`.
    pub(super) fps: Vec<f64>,
    /// True positives: positives scoring `>= thresholds[i]`.
    pub(super) tps: Vec<f64>,
    /// The distinct scores, decreasing.
    pub(super) thresholds: Vec<f64>,
}

/// The [`ThresholdCounts`] of finite `scores` (at least one sample).
pub(super) fn threshold_counts(is_positive: &[bool], scores: &[f64]) -> ThresholdCounts {
    let mut order: Vec<(f64, bool)> = scores.iter().copied().zip(is_positive.iter().copied()).collect();
    // Descending scores; the order within ties does not matter because a tie
    // group is only ever counted as a whole. `partial_cmp` (scores are
    // finite) also keeps -0.0 and 0.0 together, as numpy's `diff` does.
    order.sort_unstable_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(Ordering::Equal));

    // One threshold at the last sample of each group of equal scores: the
    // cumulative counts there are the positives and negatives scoring >= it.
    let mut counts = ThresholdCounts {
        fps: Vec::new(),
        tps: Vec::new(),
        thresholds: Vec::new(),
    };
    let mut tp = 0.0;
    for (i, &(score, positive)) in order.iter().enumerate() {
        if positive {
            tp += 1.0;
        }
        if order.get(i + 1).is_none_or(|next| next.0 != score) {
            counts.tps.push(tp);
            counts.fps.push((i + 1) as f64 - tp);
            counts.thresholds.push(score);
        }
    }
    counts
}

/// Keeps the entries of `values` where `keep` is true.
pub(super) fn keep_where(values: Vec<f64>, keep: &[bool]) -> Vec<f64> {
    values
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(v, _)| v)
        .collect()
}

/// The ROC curve of finite `scores`, with at least one positive and one
/// negative sample: scikit-learn's `confusion_matrix_at_thresholds` followed
/// by `roc_curve(drop_intermediate=True)`.
fn binary_roc(is_positive: &[bool], scores: &[f64]) -> RocCurve {
    let ThresholdCounts {
        mut fps,
        mut tps,
        mut thresholds,
    } = threshold_counts(is_positive, scores);

    // Drop thresholds whose point is collinear with both neighbours: a zero
    // second difference in both fps and tps (counts are integers, so the test
    // is exact). The first and last points always stay.
    if fps.len() > 2 {
        let n = fps.len();
        let keep: Vec<bool> = (0..n)
            .map(|i| {
                i == 0
                    || i == n - 1
                    || fps[i + 1] - 2.0 * fps[i] + fps[i - 1] != 0.0
                    || tps[i + 1] - 2.0 * tps[i] + tps[i - 1] != 0.0
            })
            .collect();
        tps = keep_where(tps, &keep);
        fps = keep_where(fps, &keep);
        thresholds = keep_where(thresholds, &keep);
    }

    let n_positive = *tps.last().expect("at least one sample");
    let n_negative = *fps.last().expect("at least one sample");
    let rate = |counts: &[f64], total: f64| -> Array1<f64> {
        std::iter::once(0.0).chain(counts.iter().map(|c| c / total)).collect()
    };
    RocCurve {
        fpr: rate(&fps, n_negative),
        tpr: rate(&tps, n_positive),
        thresholds: std::iter::once(f64::INFINITY).chain(thresholds).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn all_tied_scores_give_the_diagonal() {
        let auc = roc_auc_score(array![0, 1, 0, 1].view(), array![0.3f32, 0.3, 0.3, 0.3].view()).unwrap();
        assert_eq!(auc, 0.5);
    }

    #[test]
    fn collinear_points_are_dropped() {
        // Scores 0.9, 0.8, 0.7 are all positives: the middle point lies on
        // the vertical segment and goes.
        let curve = roc_curve(array![1, 1, 1, 0].view(), array![0.9, 0.8, 0.7, 0.1].view(), &1).unwrap();
        assert_eq!(curve.thresholds, array![f64::INFINITY, 0.9, 0.7, 0.1]);
        assert_eq!(curve.tpr, array![0.0, 1.0 / 3.0, 1.0, 1.0]);
    }

    #[test]
    fn single_class_and_multiclass_are_errors_for_binary_auc() {
        let err = roc_auc_score(array![1, 1].view(), array![0.1, 0.2].view()).unwrap_err();
        assert!(matches!(err, Error::SingleClass { .. }));
        let err = roc_auc_score(array![0, 1, 2].view(), array![0.1, 0.2, 0.3].view()).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
        let err = roc_curve(array![0, 0].view(), array![0.1, 0.2].view(), &1).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
    }

    #[test]
    fn auc_checks_monotonic_x() {
        assert_eq!(
            auc(array![2.0, 1.0, 0.0].view(), array![1.0, 1.0, 1.0].view()).unwrap(),
            2.0
        );
        assert!(matches!(
            auc(array![0.0, 2.0, 1.0].view(), array![1.0, 1.0, 1.0].view()),
            Err(Error::InvalidInput { .. })
        ));
        assert!(matches!(
            auc(array![0.0].view(), array![1.0].view()),
            Err(Error::InvalidInput { .. })
        ));
    }
}
