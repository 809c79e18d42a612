//! [`confusion_matrix`] and the per-class counts the other classification
//! metrics are built from.

use super::check_pair;
use crate::error::Result;
use crate::float::Label;
use crate::validation::encode_labels;
use ndarray::{Array2, ArrayView1};

/// A confusion matrix with the labels of its rows and columns.
///
/// `matrix[[i, j]]` counts the samples whose true label is `labels[i]` and
/// whose predicted label is `labels[j]`, as scikit-learn's
/// `confusion_matrix(y_true, y_pred)`.
///
/// # Example
/// ```
/// use learnkit::metrics::confusion_matrix;
/// use ndarray::array;
///
/// let cm = confusion_matrix(array![1, 0, 1, 1].view(), array![1, 0, 0, 1].view())?;
/// assert_eq!(cm.labels, vec![0, 1]);
/// assert_eq!(cm.matrix, array![[1, 0], [1, 2]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ConfusionMatrix<L> {
    /// The sorted union of the labels in `y_true` and `y_pred`: the order of
    /// both the rows and the columns.
    pub labels: Vec<L>,
    /// Counts: rows are true labels, columns predicted labels.
    pub matrix: Array2<usize>,
}

impl<L> ConfusionMatrix<L> {
    /// Correct predictions per class: the diagonal.
    pub(crate) fn true_positives(&self) -> Vec<usize> {
        self.matrix.diag().to_vec()
    }

    /// Samples per true class (scikit-learn's `support`): the row sums.
    pub(crate) fn true_counts(&self) -> Vec<usize> {
        self.matrix.rows().into_iter().map(|row| row.sum()).collect()
    }

    /// Predictions per class: the column sums.
    pub(crate) fn predicted_counts(&self) -> Vec<usize> {
        self.matrix.columns().into_iter().map(|column| column.sum()).collect()
    }
}

/// The confusion matrix of `y_pred` against `y_true`, with its labels.
///
/// Rows and columns follow the sorted union of the labels found in either
/// input (scikit-learn's `labels=None`), returned alongside the counts in
/// [`ConfusionMatrix::labels`], so that a label that is only ever predicted,
/// or never predicted, still has its row and column.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when the lengths
/// differ, [`Error::EmptyInput`](crate::Error::EmptyInput) when there are no
/// samples.
///
/// # Example
/// ```
/// use learnkit::metrics::confusion_matrix;
/// use ndarray::array;
///
/// let y_true = array!["cat", "ant", "cat", "cat", "ant", "bird"];
/// let y_pred = array!["ant", "ant", "cat", "cat", "ant", "cat"];
/// let cm = confusion_matrix(y_true.view(), y_pred.view())?;
/// assert_eq!(cm.labels, vec!["ant", "bird", "cat"]);
/// assert_eq!(cm.matrix, array![[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn confusion_matrix<L: Label>(y_true: ArrayView1<'_, L>, y_pred: ArrayView1<'_, L>) -> Result<ConfusionMatrix<L>> {
    check_pair("confusion_matrix", y_true, y_pred)?;
    Ok(confusion_unchecked(y_true, y_pred))
}

/// [`confusion_matrix`] for inputs already checked by [`check_pair`].
pub(crate) fn confusion_unchecked<L: Label>(
    y_true: ArrayView1<'_, L>,
    y_pred: ArrayView1<'_, L>,
) -> ConfusionMatrix<L> {
    // One encoding of both inputs gives the union of their labels, sorted.
    let (labels, codes) = encode_labels(y_true.iter().chain(y_pred.iter()));
    let (true_codes, pred_codes) = codes.split_at(y_true.len());
    let mut matrix = Array2::zeros((labels.len(), labels.len()));
    for (&t, &p) in true_codes.iter().zip(pred_codes) {
        matrix[[t, p]] += 1;
    }
    ConfusionMatrix { labels, matrix }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use ndarray::array;

    #[test]
    fn counts_follow_rows_and_columns() {
        let cm = confusion_matrix(array![0, 0, 1, 2].view(), array![0, 1, 1, 1].view()).unwrap();
        assert_eq!(cm.true_positives(), vec![1, 1, 0]);
        assert_eq!(cm.true_counts(), vec![2, 1, 1]);
        assert_eq!(cm.predicted_counts(), vec![1, 3, 0]);
    }

    #[test]
    fn bad_lengths_and_empty_inputs_are_errors() {
        let err = confusion_matrix(array![0, 1].view(), array![0].view()).unwrap_err();
        assert!(matches!(
            err,
            Error::ShapeMismatch {
                expected: 2,
                got: 1,
                ..
            }
        ));
        let empty = ndarray::Array1::<u8>::zeros(0);
        let err = confusion_matrix(empty.view(), empty.view()).unwrap_err();
        assert!(matches!(err, Error::EmptyInput { .. }));
    }
}
