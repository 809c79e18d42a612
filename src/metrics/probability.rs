//! [`log_loss`]: the cross-entropy of predicted probabilities.

use super::mean;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::validation::{check_finite, check_not_empty, check_same_length, check_two_classes, encode_labels};
use ndarray::{ArrayView1, ArrayView2};

/// Logistic loss (cross-entropy): the mean over samples of
/// `-ln p(true class)`, as scikit-learn's `log_loss`.
///
/// `y_prob` has one row per sample and one column per class of `y_true`,
/// in sorted order (the columns of `predict_proba`). For two classes it may
/// instead have a single column, the probability of the greater label
/// (scikit-learn's 1-D input); the other column is then `1 - p`.
///
/// Probabilities are clipped to `[eps, 1 - eps]`, with `eps` the machine
/// epsilon of `F` (`f64::EPSILON` or `f32::EPSILON`), so a confident wrong
/// answer costs `-ln(eps)` rather than infinity; this is scikit-learn 1.9's
/// rule. As there, rows are not renormalised: rows that do not sum to 1 are
/// accepted as they are (scikit-learn warns; this function does not print).
/// The classes are those of `y_true`, so every class needs a sample in it.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the rows of `y_prob` differ from the length
/// of `y_true`, or its columns from the number of classes;
/// [`Error::EmptyInput`] when there are no samples; [`Error::NonFinite`] for
/// a NaN or infinite probability; [`Error::InvalidInput`] for a probability
/// outside `[0, 1]`; [`Error::SingleClass`] when `y_true` has a single class.
///
/// # Example
/// ```
/// use learnkit::metrics::log_loss;
/// use ndarray::array;
///
/// let y_true = array!["ham", "spam", "spam"];
/// let proba = array![[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]];
/// let loss = log_loss(y_true.view(), proba.view())?;
/// let expected = -(0.9f64.ln() + 0.8f64.ln() + 0.5f64.ln()) / 3.0;
/// assert!((loss - expected).abs() < 1e-12);
///
/// // The same with only the probability of "spam", the greater label.
/// let p_spam = array![[0.1], [0.8], [0.5]];
/// assert!((log_loss(y_true.view(), p_spam.view())? - expected).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn log_loss<L: Label, F: Float>(y_true: ArrayView1<'_, L>, y_prob: ArrayView2<'_, F>) -> Result<f64> {
    const CONTEXT: &str = "log_loss";
    check_same_length(CONTEXT, "y_true vs rows of y_prob", y_true.len(), y_prob.nrows())?;
    if y_true.is_empty() {
        return Err(Error::EmptyInput {
            context: CONTEXT.into(),
            what: "y_true and y_prob have no samples",
        });
    }
    check_probabilities(CONTEXT, y_prob)?;
    let (classes, codes) = encode_labels(y_true.iter());
    check_two_classes(CONTEXT, &classes)?;
    let one_column_binary = classes.len() == 2 && y_prob.ncols() == 1;
    if !one_column_binary {
        check_same_length(
            CONTEXT,
            "columns of y_prob vs classes in y_true",
            classes.len(),
            y_prob.ncols(),
        )?;
    }

    let eps = F::epsilon().as_f64();
    let losses = codes.iter().zip(y_prob.rows()).map(|(&class, row)| {
        let p = if one_column_binary {
            // scikit-learn builds the column [1 - p, p] before clipping.
            let p_greater = row[0].as_f64();
            if class == 1 { p_greater } else { 1.0 - p_greater }
        } else {
            row[class].as_f64()
        };
        -p.clamp(eps, 1.0 - eps).ln()
    });
    Ok(mean(losses))
}

/// Checks that `y_prob` is non-empty and holds finite values in `[0, 1]`.
pub(super) fn check_probabilities<F: Float>(context: &'static str, y_prob: ArrayView2<'_, F>) -> Result<()> {
    check_not_empty(context, y_prob)?;
    check_finite(context, y_prob)?;
    if let Some(((row, column), p)) = y_prob.indexed_iter().find(|(_, p)| **p < F::zero() || **p > F::one()) {
        return Err(Error::invalid_input(
            context,
            format!("y_prob must hold probabilities in [0, 1], got {p:?} at row {row}, column {column}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn certain_mistakes_cost_minus_log_eps() {
        let loss = log_loss(array![0, 1].view(), array![[0.0, 1.0], [0.0, 1.0]].view()).unwrap();
        let expected = (-(f64::EPSILON.ln()) - (1.0 - f64::EPSILON).ln()) / 2.0;
        assert!((loss - expected).abs() < 1e-12);
        let loss32 = log_loss(array![0, 1].view(), array![[0.0f32, 1.0], [0.0, 1.0]].view()).unwrap();
        assert!((loss32 - (-(f32::EPSILON as f64).ln() - (1.0 - f32::EPSILON as f64).ln()) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn bad_probabilities_are_errors() {
        let y = array![0, 1];
        let err = log_loss(y.view(), array![[1.5, -0.5], [0.5, 0.5]].view()).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
        let err = log_loss(y.view(), array![[0.2, 0.3, 0.5], [0.5, 0.25, 0.25]].view()).unwrap_err();
        assert!(matches!(
            err,
            Error::ShapeMismatch {
                expected: 2,
                got: 3,
                ..
            }
        ));
        let err = log_loss(array![1, 1].view(), array![[0.5, 0.5], [0.5, 0.5]].view()).unwrap_err();
        assert!(matches!(err, Error::SingleClass { .. }));
    }
}
