//! Label-based classification scores: accuracy, balanced accuracy,
//! precision, recall and F-scores.

use super::confusion::{ConfusionMatrix, confusion_unchecked};
use super::{check_pair, mean};
use crate::error::{Error, Result};
use crate::float::Label;
use ndarray::{Array1, ArrayView1};

/// How [`precision_score`], [`recall_score`], [`f1_score`] and
/// [`fbeta_score`] turn per-class values into one number (scikit-learn's
/// `average`; for the per-class values themselves, its `average=None`, use
/// [`precision_recall_fscore_support`]).
///
/// # Example
/// ```
/// use learnkit::metrics::{precision_score, Average};
/// use ndarray::array;
///
/// let y_true = array![0, 1, 1, 0];
/// let y_pred = array![1, 1, 1, 0];
/// let binary = precision_score(y_true.view(), y_pred.view(), Average::Binary { pos_label: 1 })?;
/// assert!((binary - 2.0 / 3.0).abs() < 1e-12);
/// let micro = precision_score(y_true.view(), y_pred.view(), Average::Micro)?;
/// assert_eq!(micro, 0.75);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Average<L> {
    /// The score of `pos_label` alone, for binary problems. It is an error if
    /// `y_true` and `y_pred` together hold more than two labels, or two labels
    /// of which neither is `pos_label`. (scikit-learn's `average="binary"`,
    /// with its `pos_label`.)
    Binary {
        /// The label of the positive class.
        pos_label: L,
    },
    /// Counts true positives, false negatives and false positives over all
    /// classes, then divides once. For single-label data, micro precision,
    /// recall and F-score all equal the accuracy.
    Micro,
    /// The unweighted mean of the per-class values: every class counts the
    /// same, however rare.
    Macro,
    /// The mean of the per-class values weighted by their support (the number
    /// of true samples of each class).
    Weighted,
}

/// Per-class precision, recall, F-score and support, as scikit-learn's
/// `precision_recall_fscore_support(average=None)`.
///
/// Every array follows [`labels`](Self::labels): the sorted union of the
/// labels in `y_true` and `y_pred`.
///
/// # Example
/// ```
/// use learnkit::metrics::precision_recall_fscore_support;
/// use ndarray::array;
///
/// let scores = precision_recall_fscore_support(array![0, 1, 1].view(), array![0, 1, 0].view(), 1.0)?;
/// assert_eq!(scores.labels, vec![0, 1]);
/// assert_eq!(scores.precision, array![0.5, 1.0]);
/// assert_eq!(scores.recall, array![1.0, 0.5]);
/// assert_eq!(scores.support, array![1, 2]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PerClassScores<L> {
    /// The classes, sorted.
    pub labels: Vec<L>,
    /// `tp / (tp + fp)` per class; 0.0 for a class that is never predicted.
    pub precision: Array1<f64>,
    /// `tp / (tp + fn)` per class; 0.0 for a class absent from `y_true`.
    pub recall: Array1<f64>,
    /// The F-beta score per class; 0.0 when it is 0/0.
    pub fscore: Array1<f64>,
    /// Number of samples of each class in `y_true`.
    pub support: Array1<usize>,
}

/// Fraction of predictions equal to the truth.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples.
///
/// # Example
/// ```
/// use learnkit::metrics::accuracy_score;
/// use ndarray::array;
///
/// let accuracy = accuracy_score(array![0, 1, 2, 3].view(), array![0, 2, 1, 3].view())?;
/// assert_eq!(accuracy, 0.5);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn accuracy_score<L: Label>(y_true: ArrayView1<'_, L>, y_pred: ArrayView1<'_, L>) -> Result<f64> {
    check_pair("accuracy_score", y_true, y_pred)?;
    let correct = y_true.iter().zip(y_pred.iter()).filter(|(t, p)| t == p).count();
    Ok(correct as f64 / y_true.len() as f64)
}

/// The mean of the recall of each class present in `y_true`: accuracy that
/// gives every class the same weight, so that always predicting the majority
/// class of an imbalanced problem scores `1 / n_classes`, not the majority's
/// share.
///
/// Labels that only appear in `y_pred` have no recall and are left out of
/// the mean (scikit-learn warns about them, then does the same). This is
/// scikit-learn's `balanced_accuracy_score` with `adjusted=False`.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples.
///
/// # Example
/// ```
/// use learnkit::metrics::balanced_accuracy_score;
/// use ndarray::array;
///
/// // Recall of class 0 is 1/2, of class 1 is 1/1.
/// let score = balanced_accuracy_score(array![0, 0, 1].view(), array![0, 1, 1].view())?;
/// assert_eq!(score, 0.75);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn balanced_accuracy_score<L: Label>(y_true: ArrayView1<'_, L>, y_pred: ArrayView1<'_, L>) -> Result<f64> {
    check_pair("balanced_accuracy_score", y_true, y_pred)?;
    let cm = confusion_unchecked(y_true, y_pred);
    let recalls: Vec<f64> = cm
        .true_positives()
        .into_iter()
        .zip(cm.true_counts())
        .filter(|&(_, support)| support > 0)
        .map(|(tp, support)| tp as f64 / support as f64)
        .collect();
    Ok(mean(recalls.into_iter()))
}

/// Precision, `tp / (tp + fp)`: the fraction of predictions of a class that
/// are right, combined over classes as `average` says.
///
/// A class that is never predicted has precision 0/0, counted as 0.0
/// (scikit-learn's default `zero_division="warn"`, without the warning).
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::InvalidInput`] for
/// [`Average::Binary`] on more than two labels or with a `pos_label` that is
/// not one of the two.
///
/// # Example
/// ```
/// use learnkit::metrics::{precision_score, Average};
/// use ndarray::array;
///
/// let y_true = array![0, 1, 2, 0, 1, 2];
/// let y_pred = array![0, 2, 1, 0, 0, 1];
/// let macro_avg = precision_score(y_true.view(), y_pred.view(), Average::Macro)?;
/// assert!((macro_avg - 2.0 / 9.0).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn precision_score<L: Label>(
    y_true: ArrayView1<'_, L>,
    y_pred: ArrayView1<'_, L>,
    average: Average<L>,
) -> Result<f64> {
    averaged("precision_score", y_true, y_pred, 1.0, &average).map(|s| s.precision)
}

/// Recall, `tp / (tp + fn)`: the fraction of the samples of a class that are
/// found, combined over classes as `average` says.
///
/// A label that only appears in `y_pred` has recall 0/0, counted as 0.0
/// (scikit-learn's default `zero_division="warn"`, without the warning).
///
/// # Errors
/// As [`precision_score`].
///
/// # Example
/// ```
/// use learnkit::metrics::{recall_score, Average};
/// use ndarray::array;
///
/// let y_true = array!["no", "yes", "yes", "yes"];
/// let y_pred = array!["no", "yes", "no", "yes"];
/// let recall = recall_score(y_true.view(), y_pred.view(), Average::Binary { pos_label: "yes" })?;
/// assert!((recall - 2.0 / 3.0).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn recall_score<L: Label>(
    y_true: ArrayView1<'_, L>,
    y_pred: ArrayView1<'_, L>,
    average: Average<L>,
) -> Result<f64> {
    averaged("recall_score", y_true, y_pred, 1.0, &average).map(|s| s.recall)
}

/// F1 score, the harmonic mean of precision and recall,
/// `2 tp / (2 tp + fp + fn)`, combined over classes as `average` says.
///
/// A class that is neither in `y_true` nor predicted correctly has F1 0/0,
/// counted as 0.0 (scikit-learn's default `zero_division="warn"`, without
/// the warning).
///
/// # Errors
/// As [`precision_score`].
///
/// # Example
/// ```
/// use learnkit::metrics::{f1_score, Average};
/// use ndarray::array;
///
/// let y_true = array![0, 1, 1, 0];
/// let y_pred = array![1, 1, 1, 0];
/// let f1 = f1_score(y_true.view(), y_pred.view(), Average::Binary { pos_label: 1 })?;
/// assert!((f1 - 0.8).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn f1_score<L: Label>(y_true: ArrayView1<'_, L>, y_pred: ArrayView1<'_, L>, average: Average<L>) -> Result<f64> {
    averaged("f1_score", y_true, y_pred, 1.0, &average).map(|s| s.fscore)
}

/// F-beta score, `(1 + β²) tp / ((1 + β²) tp + β² fn + fp)`: recall weighs
/// `beta` times as much as precision. `beta = 0` gives precision,
/// `beta = f64::INFINITY` recall.
///
/// Zero division counts as 0.0, as in [`f1_score`].
///
/// # Errors
/// As [`precision_score`], and [`Error::InvalidParameter`] when `beta` is
/// negative or NaN.
///
/// # Example
/// ```
/// use learnkit::metrics::{fbeta_score, Average};
/// use ndarray::array;
///
/// let y_true = array![0, 1, 1, 0];
/// let y_pred = array![1, 1, 1, 0];
/// // tp = 2, fp = 1, fn = 0: (1.25 * 2) / (1.25 * 2 + 1) = 5/7.
/// let f = fbeta_score(y_true.view(), y_pred.view(), 0.5, Average::Binary { pos_label: 1 })?;
/// assert!((f - 5.0 / 7.0).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn fbeta_score<L: Label>(
    y_true: ArrayView1<'_, L>,
    y_pred: ArrayView1<'_, L>,
    beta: f64,
    average: Average<L>,
) -> Result<f64> {
    averaged("fbeta_score", y_true, y_pred, beta, &average).map(|s| s.fscore)
}

/// Precision, recall, F-beta score and support of every class (scikit-learn's
/// `precision_recall_fscore_support` with `average=None`).
///
/// Classes are the sorted union of the labels in `y_true` and `y_pred`; zero
/// divisions count as 0.0, as in [`precision_score`] and [`recall_score`].
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::InvalidParameter`] when `beta` is
/// negative or NaN.
///
/// # Example
/// ```
/// use learnkit::metrics::precision_recall_fscore_support;
/// use ndarray::array;
///
/// let y_true = array!["a", "b", "b", "c"];
/// let y_pred = array!["a", "b", "a", "a"];
/// let scores = precision_recall_fscore_support(y_true.view(), y_pred.view(), 1.0)?;
/// assert_eq!(scores.labels, vec!["a", "b", "c"]);
/// assert_eq!(scores.recall, array![1.0, 0.5, 0.0]);
/// assert_eq!(scores.fscore[2], 0.0); // "c" is never predicted: 0/0 → 0
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn precision_recall_fscore_support<L: Label>(
    y_true: ArrayView1<'_, L>,
    y_pred: ArrayView1<'_, L>,
    beta: f64,
) -> Result<PerClassScores<L>> {
    const CONTEXT: &str = "precision_recall_fscore_support";
    check_beta(CONTEXT, beta)?;
    check_pair(CONTEXT, y_true, y_pred)?;
    Ok(per_class(confusion_unchecked(y_true, y_pred), beta))
}

/// The three averaged scores of one `average` choice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Averaged {
    pub(crate) precision: f64,
    pub(crate) recall: f64,
    pub(crate) fscore: f64,
}

fn check_beta(context: &'static str, beta: f64) -> Result<()> {
    crate::validation::check_param(context, "beta", beta, ">= 0 (or +inf)", |b| b >= 0.0)
}

/// `numerator / denominator`, with 0/0 (and x/0) counted as 0.0: scikit-learn's
/// `zero_division="warn"` result.
fn divide(numerator: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

/// Precision, recall and F-beta from the three counts of one class (or of
/// all classes pooled, for micro averaging).
fn scores(tp: f64, predicted: f64, truth: f64, beta: f64) -> Averaged {
    let precision = divide(tp, predicted);
    let recall = divide(tp, truth);
    // scikit-learn computes F from the counts, not from precision and recall,
    // so that it is defined (and equal to 0) when only one of them is 0/0.
    let fscore = if beta.is_infinite() {
        recall
    } else if beta == 0.0 {
        precision
    } else {
        let beta2 = beta * beta;
        divide((1.0 + beta2) * tp, beta2 * truth + predicted)
    };
    Averaged {
        precision,
        recall,
        fscore,
    }
}

pub(crate) fn per_class<L>(cm: ConfusionMatrix<L>, beta: f64) -> PerClassScores<L> {
    let tp = cm.true_positives();
    let predicted = cm.predicted_counts();
    let truth = cm.true_counts();
    let all: Vec<Averaged> = (0..tp.len())
        .map(|k| scores(tp[k] as f64, predicted[k] as f64, truth[k] as f64, beta))
        .collect();
    PerClassScores {
        labels: cm.labels,
        precision: all.iter().map(|s| s.precision).collect(),
        recall: all.iter().map(|s| s.recall).collect(),
        fscore: all.iter().map(|s| s.fscore).collect(),
        support: Array1::from(truth),
    }
}

/// The scores of `cm` combined as `average` says.
pub(crate) fn average_confusion<L: Label>(
    context: &'static str,
    cm: ConfusionMatrix<L>,
    beta: f64,
    average: &Average<L>,
) -> Result<Averaged> {
    match average {
        Average::Binary { pos_label } => {
            if cm.labels.len() > 2 {
                return Err(Error::invalid_input(
                    context,
                    format!(
                        "average is Binary, but y_true and y_pred hold {} labels {:?}; \
                         choose Average::Micro, Macro or Weighted",
                        cm.labels.len(),
                        cm.labels
                    ),
                ));
            }
            match cm.labels.binary_search(pos_label) {
                Ok(k) => {
                    let tp = cm.matrix[[k, k]] as f64;
                    let predicted = cm.matrix.column(k).sum() as f64;
                    let truth = cm.matrix.row(k).sum() as f64;
                    Ok(scores(tp, predicted, truth, beta))
                }
                // With a single label present, scikit-learn accepts any
                // pos_label: the positive class simply has no samples and
                // every score is 0/0 = 0.
                Err(_) if cm.labels.len() < 2 => Ok(scores(0.0, 0.0, 0.0, beta)),
                Err(_) => Err(Error::invalid_input(
                    context,
                    format!(
                        "pos_label {pos_label:?} is not a valid label: it should be one of {:?}",
                        cm.labels
                    ),
                )),
            }
        }
        Average::Micro => {
            let tp = cm.true_positives().iter().sum::<usize>() as f64;
            let predicted = cm.predicted_counts().iter().sum::<usize>() as f64;
            let truth = cm.true_counts().iter().sum::<usize>() as f64;
            Ok(scores(tp, predicted, truth, beta))
        }
        Average::Macro => {
            let s = per_class(cm, beta);
            Ok(Averaged {
                precision: mean(s.precision.iter().copied()),
                recall: mean(s.recall.iter().copied()),
                fscore: mean(s.fscore.iter().copied()),
            })
        }
        Average::Weighted => {
            let s = per_class(cm, beta);
            // The support always sums to the (non-zero) number of samples.
            let total = s.support.sum() as f64;
            let weighted =
                |values: &Array1<f64>| values.iter().zip(&s.support).map(|(v, &w)| v * w as f64).sum::<f64>() / total;
            Ok(Averaged {
                precision: weighted(&s.precision),
                recall: weighted(&s.recall),
                fscore: weighted(&s.fscore),
            })
        }
    }
}

fn averaged<L: Label>(
    context: &'static str,
    y_true: ArrayView1<'_, L>,
    y_pred: ArrayView1<'_, L>,
    beta: f64,
    average: &Average<L>,
) -> Result<Averaged> {
    check_beta(context, beta)?;
    check_pair(context, y_true, y_pred)?;
    average_confusion(context, confusion_unchecked(y_true, y_pred), beta, average)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn micro_average_is_accuracy() {
        let y_true = array![0, 1, 2, 2, 1, 0, 3];
        let y_pred = array![0, 2, 2, 1, 1, 0, 0];
        let accuracy = accuracy_score(y_true.view(), y_pred.view()).unwrap();
        for score in [precision_score, recall_score, f1_score] {
            assert_eq!(score(y_true.view(), y_pred.view(), Average::Micro).unwrap(), accuracy);
        }
    }

    #[test]
    fn binary_rejects_a_third_label_or_a_missing_pos_label() {
        let err = f1_score(
            array![0, 1, 2].view(),
            array![0, 1, 1].view(),
            Average::Binary { pos_label: 1 },
        );
        assert!(matches!(err, Err(Error::InvalidInput { .. })));
        let err = f1_score(
            array![0, 1].view(),
            array![0, 1].view(),
            Average::Binary { pos_label: 5 },
        );
        assert!(matches!(err, Err(Error::InvalidInput { .. })));
    }

    #[test]
    fn binary_with_one_label_present_is_zero_as_in_scikit_learn() {
        let y = array![0, 0, 0];
        let binary = Average::Binary { pos_label: 1 };
        assert_eq!(precision_score(y.view(), y.view(), binary.clone()).unwrap(), 0.0);
        assert_eq!(f1_score(y.view(), y.view(), binary).unwrap(), 0.0);
    }

    #[test]
    fn beta_limits_are_precision_and_recall() {
        let y_true = array![0, 1, 1, 0, 1];
        let y_pred = array![1, 1, 0, 0, 1];
        let p = precision_score(y_true.view(), y_pred.view(), Average::Macro).unwrap();
        let r = recall_score(y_true.view(), y_pred.view(), Average::Macro).unwrap();
        assert_eq!(
            fbeta_score(y_true.view(), y_pred.view(), 0.0, Average::Macro).unwrap(),
            p
        );
        assert_eq!(
            fbeta_score(y_true.view(), y_pred.view(), f64::INFINITY, Average::Macro).unwrap(),
            r
        );
        for beta in [-1.0, f64::NAN] {
            let err = fbeta_score(y_true.view(), y_pred.view(), beta, Average::Macro);
            assert!(matches!(err, Err(Error::InvalidParameter { parameter: "beta", .. })));
        }
    }

    #[test]
    fn balanced_accuracy_ignores_labels_only_predicted() {
        let score = balanced_accuracy_score(array![0, 0, 1, 1].view(), array![0, 2, 1, 1].view()).unwrap();
        assert_eq!(score, 0.75);
    }
}
