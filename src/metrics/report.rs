//! [`classification_report`]: scikit-learn's summary table of per-class
//! precision, recall, F1 score and support.

use super::check_pair;
use super::classification::{Average, Averaged, average_confusion, per_class};
use super::confusion::confusion_unchecked;
use crate::error::Result;
use crate::float::Label;
use ndarray::{Array1, ArrayView1};
use std::fmt;

/// Precision, recall and F1 score averaged over classes, with the number of
/// samples they summarise: one of the bottom rows of a
/// [`ClassificationReport`].
///
/// # Example
/// ```
/// use learnkit::metrics::classification_report;
/// use ndarray::array;
///
/// let report = classification_report(array![0, 1, 1].view(), array![0, 1, 0].view())?;
/// assert_eq!(report.macro_avg.recall, 0.75);
/// assert_eq!(report.macro_avg.support, 3);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AverageScores {
    /// Averaged precision.
    pub precision: f64,
    /// Averaged recall.
    pub recall: f64,
    /// Averaged F1 score.
    pub f1_score: f64,
    /// Total number of samples.
    pub support: usize,
}

/// The result of [`classification_report`]: per-class scores and their
/// averages, printed with `Display` as scikit-learn's table.
///
/// The per-class arrays follow [`labels`](Self::labels), the sorted union of
/// the labels in `y_true` and `y_pred`. `Display` prints numbers with two
/// decimals, scikit-learn's `digits=2`; a precision in the format string
/// changes that, `format!("{report:.4}")` being `digits=4`.
///
/// # Example
/// ```
/// use learnkit::metrics::classification_report;
/// use ndarray::array;
///
/// let report = classification_report(array!["a", "b", "b"].view(), array!["a", "b", "a"].view())?;
/// assert_eq!(report.precision[0], 0.5);
/// let expected = "              precision    recall  f1-score   support
///
///            a       0.50      1.00      0.67         1
///            b       1.00      0.50      0.67         2
///
///     accuracy                           0.67         3
///    macro avg       0.75      0.75      0.67         3
/// weighted avg       0.83      0.67      0.67         3
/// ";
/// assert_eq!(report.to_string(), expected);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ClassificationReport<L> {
    /// The classes, sorted: the order of the per-class arrays and rows.
    pub labels: Vec<L>,
    /// Precision per class (0.0 for a class never predicted).
    pub precision: Array1<f64>,
    /// Recall per class (0.0 for a label absent from `y_true`).
    pub recall: Array1<f64>,
    /// F1 score per class (0.0 when it is 0/0).
    pub f1_score: Array1<f64>,
    /// Number of samples of each class in `y_true`.
    pub support: Array1<usize>,
    /// Fraction of correct predictions (the micro average of every score).
    pub accuracy: f64,
    /// Unweighted mean over classes ([`Average::Macro`]).
    pub macro_avg: AverageScores,
    /// Mean over classes weighted by support ([`Average::Weighted`]).
    pub weighted_avg: AverageScores,
    /// The labels as printed, rendered once with `Display` so that the table
    /// can be printed without a `Display` bound on `L`.
    target_names: Vec<String>,
}

/// Precision, recall, F1 score and support of each class, with accuracy and
/// the macro and weighted averages: scikit-learn's `classification_report`.
///
/// The result keeps every number as a field, and its `Display` prints the
/// same text as scikit-learn (`digits=2` by default, or the precision of the
/// format string). Zero divisions count as 0.0 as in
/// [`precision_score`](super::precision_score). Labels need `Display` to
/// name the rows.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the lengths
/// differ, [`Error::EmptyInput`](crate::Error::EmptyInput) when there are no
/// samples.
///
/// # Example
/// ```
/// use learnkit::metrics::classification_report;
/// use ndarray::array;
///
/// let y_true = array![0, 1, 2, 2, 2];
/// let y_pred = array![0, 0, 2, 2, 1];
/// let report = classification_report(y_true.view(), y_pred.view())?;
/// assert_eq!(report.accuracy, 0.6);
/// assert_eq!(report.support, array![1, 1, 3]);
/// println!("{report}");
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn classification_report<L: Label + fmt::Display>(
    y_true: ArrayView1<'_, L>,
    y_pred: ArrayView1<'_, L>,
) -> Result<ClassificationReport<L>> {
    const CONTEXT: &str = "classification_report";
    check_pair(CONTEXT, y_true, y_pred)?;
    let cm = confusion_unchecked(y_true, y_pred);
    let n_samples = y_true.len();
    let averages = |average: Average<L>| -> Result<AverageScores> {
        let Averaged {
            precision,
            recall,
            fscore,
        } = average_confusion(CONTEXT, cm.clone(), 1.0, &average)?;
        Ok(AverageScores {
            precision,
            recall,
            f1_score: fscore,
            support: n_samples,
        })
    };
    // Micro averages of single-label data all equal the accuracy; computing
    // it this way keeps the row identical to scikit-learn's.
    let accuracy = averages(Average::Micro)?.f1_score;
    let macro_avg = averages(Average::Macro)?;
    let weighted_avg = averages(Average::Weighted)?;
    let scores = per_class(cm, 1.0);
    Ok(ClassificationReport {
        target_names: scores.labels.iter().map(ToString::to_string).collect(),
        labels: scores.labels,
        precision: scores.precision,
        recall: scores.recall,
        f1_score: scores.fscore,
        support: scores.support,
        accuracy,
        macro_avg,
        weighted_avg,
    })
}

impl<L> fmt::Display for ClassificationReport<L> {
    /// Mirrors the format strings of scikit-learn's `classification_report`:
    /// a right-aligned name column at least as wide as "weighted avg", then
    /// four columns of width 9 separated by a space.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = f.precision().unwrap_or(2);
        let longest_heading = "weighted avg".len();
        let name_width = self.target_names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let w = name_width.max(longest_heading).max(digits);
        let row = |f: &mut fmt::Formatter<'_>, name: &str, p: f64, r: f64, f1: f64, support: usize| {
            writeln!(
                f,
                "{name:>w$}  {p:>9.digits$} {r:>9.digits$} {f1:>9.digits$} {support:>9}"
            )
        };

        writeln!(
            f,
            "{:>w$}  {:>9} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "f1-score", "support"
        )?;
        writeln!(f)?;
        for (k, name) in self.target_names.iter().enumerate() {
            row(
                f,
                name,
                self.precision[k],
                self.recall[k],
                self.f1_score[k],
                self.support[k],
            )?;
        }
        writeln!(f)?;
        let support = self.macro_avg.support;
        writeln!(
            f,
            "{:>w$}  {:>9} {:>9} {:>9.digits$} {support:>9}",
            "accuracy", "", "", self.accuracy
        )?;
        for (name, avg) in [("macro avg", &self.macro_avg), ("weighted avg", &self.weighted_avg)] {
            row(f, name, avg.precision, avg.recall, avg.f1_score, avg.support)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn long_names_widen_the_first_column() {
        let y = array!["a label longer than the headings", "b"];
        let text = classification_report(y.view(), y.view()).unwrap().to_string();
        let first = text.lines().next().unwrap();
        assert_eq!(first.find("precision"), Some(32 + 2 + 9 - "precision".len()));
        assert!(text.contains("\n                    weighted avg       1.00"));
    }

    #[test]
    fn format_precision_sets_digits() {
        let report = classification_report(array![0, 1, 1].view(), array![0, 1, 0].view()).unwrap();
        assert!(format!("{report:.3}").contains("   macro avg      0.750     0.750     0.667         3\n"));
    }
}
