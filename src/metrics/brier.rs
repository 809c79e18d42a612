//! The Brier score: [`brier_score_loss`] (binary) and
//! [`brier_score_loss_multiclass`].

use super::probability::check_probabilities;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::validation::encode_labels;
use ndarray::{ArrayView1, ArrayView2};

/// The Brier score of binary probabilities: the mean squared difference
/// between the predicted probability of `pos_label` and the outcome (1 for
/// `pos_label`, 0 otherwise), as scikit-learn's `brier_score_loss` with a
/// 1-D `y_proba`. Lower is better; 0 is perfect.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::NonFinite`] for a NaN or infinite
/// probability, [`Error::InvalidInput`] for a probability outside `[0, 1]`
/// or a `y_true` with more than two labels (scikit-learn: "should be
/// binary"; use [`brier_score_loss_multiclass`]).
///
/// # Example
/// ```
/// use learnkit::metrics::brier_score_loss;
/// use ndarray::array;
///
/// let y_true = array!["ham", "spam", "spam", "ham"];
/// let p_spam = array![0.1, 0.9, 0.8, 0.3];
/// let loss = brier_score_loss(y_true.view(), p_spam.view(), &"spam")?;
/// assert!((loss - 0.0375).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn brier_score_loss<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_proba: ArrayView1<'_, F>,
    pos_label: &L,
) -> Result<f64> {
    const CONTEXT: &str = "brier_score_loss";
    super::check_pair(CONTEXT, y_true, y_proba)?;
    check_probabilities(CONTEXT, y_proba.insert_axis(ndarray::Axis(1)))?;
    let (classes, _) = encode_labels(y_true.iter());
    if classes.len() > 2 {
        return Err(Error::invalid_input(
            CONTEXT,
            format!(
                "y_true has {} labels but y_proba is 1-D (binary); for multiclass pass one column \
                 per class to brier_score_loss_multiclass",
                classes.len()
            ),
        ));
    }
    // scikit-learn's two columns [1 - t, t] against [1 - p, p], halved.
    let squares = y_true.iter().zip(y_proba.iter()).map(|(label, p)| {
        let t = if label == pos_label { 1.0 } else { 0.0 };
        let p = p.as_f64();
        let negative = (1.0 - t) - (1.0 - p);
        let positive = t - p;
        negative * negative + positive * positive
    });
    Ok(0.5 * super::mean(squares))
}

/// The Brier score of class probabilities: the mean over samples of
/// `Σ_k (p_k - [y = class k])²`, as scikit-learn 1.9's `brier_score_loss`
/// with a 2-D `y_proba`. With two columns the sum is halved (scikit-learn's
/// `scale_by_half="auto"`), which equals [`brier_score_loss`] of the second
/// column; with three or more it is not, so it ranges over `[0, 2]`.
///
/// `y_proba` has one row per sample and one column per class of `y_true`,
/// in sorted order (the columns of `predict_proba`). Rows are not checked to
/// sum to one (scikit-learn only warns).
///
/// # Errors
/// [`Error::ShapeMismatch`] when the rows differ from the length of `y_true`
/// or the columns from its number of classes, [`Error::EmptyInput`] when
/// there are no samples, [`Error::NonFinite`] for a NaN or infinite
/// probability, [`Error::InvalidInput`] for a probability outside `[0, 1]`,
/// [`Error::SingleClass`] when `y_true` has one class.
///
/// # Example
/// ```
/// use learnkit::metrics::brier_score_loss_multiclass;
/// use ndarray::array;
///
/// let y_true = array![0, 1, 2];
/// let proba = array![[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]];
/// let loss = brier_score_loss_multiclass(y_true.view(), proba.view())?;
/// assert!((loss - 0.5 / 3.0).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn brier_score_loss_multiclass<L: Label, F: Float>(
    y_true: ArrayView1<'_, L>,
    y_proba: ArrayView2<'_, F>,
) -> Result<f64> {
    const CONTEXT: &str = "brier_score_loss_multiclass";
    let (classes, codes) = super::class_score_inputs(CONTEXT, y_true, y_proba, false)?;
    check_probabilities(CONTEXT, y_proba)?;
    let squares = codes.iter().zip(y_proba.rows()).map(|(&class, row)| {
        row.iter()
            .enumerate()
            .map(|(k, p)| {
                let d = if k == class { 1.0 } else { 0.0 } - p.as_f64();
                d * d
            })
            .sum::<f64>()
    });
    let score = super::mean(squares);
    Ok(if classes.len() < 3 { 0.5 * score } else { score })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn two_columns_equal_the_binary_score() {
        let y = array![0, 1, 1, 0];
        let p1 = array![0.2, 0.7, 0.4, 0.0];
        let two = p1.mapv(|p| [1.0 - p, p]);
        let proba = ndarray::Array2::from_shape_fn((4, 2), |(i, k)| two[i][k]);
        let a = brier_score_loss(y.view(), p1.view(), &1).unwrap();
        let b = brier_score_loss_multiclass(y.view(), proba.view()).unwrap();
        assert!((a - b).abs() < 1e-15);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let err = brier_score_loss(array![0, 1].view(), array![0.5, 1.5].view(), &1).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
        let err = brier_score_loss(array![0, 1, 2].view(), array![0.5, 0.5, 0.5].view(), &1).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
    }
}
