//! Regression metrics: [`r2_score`], [`mean_squared_error`],
//! [`root_mean_squared_error`] and [`mean_absolute_error`].

use super::{check_pair, mean};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::check_finite_1d;
use ndarray::ArrayView1;

/// Checks a pair of regression targets: same length, not empty, finite.
fn check_targets<F: Float>(context: &'static str, y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<()> {
    check_pair(context, y_true, y_pred)?;
    check_finite_1d(context, y_true)?;
    check_finite_1d(context, y_pred)
}

/// The residuals `y_true - y_pred`, in `f64`.
fn residuals<'a, F: Float>(
    y_true: ArrayView1<'a, F>,
    y_pred: ArrayView1<'a, F>,
) -> impl ExactSizeIterator<Item = f64> + 'a {
    y_true.into_iter().zip(y_pred).map(|(t, p)| t.as_f64() - p.as_f64())
}

/// Coefficient of determination, `R² = 1 - Σ(y - ŷ)² / Σ(y - ȳ)²`.
///
/// 1 is a perfect fit, 0 the score of always predicting the mean, and it can
/// be arbitrarily negative. For a constant `y_true` the ratio is 0/0 or x/0:
/// the score is then 1.0 for a perfect prediction and 0.0 otherwise
/// (scikit-learn's `force_finite=True`).
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::NonFinite`] for a NaN or infinite
/// value, [`Error::InvalidInput`] for a single sample (R² is undefined;
/// scikit-learn warns and returns NaN).
///
/// # Example
/// ```
/// use learnkit::metrics::r2_score;
/// use ndarray::array;
///
/// let y_true = array![3.0, -0.5, 2.0, 7.0];
/// let y_pred = array![2.5, 0.0, 2.0, 8.0];
/// let r2 = r2_score(y_true.view(), y_pred.view())?;
/// assert!((r2 - 0.9486081370449679).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn r2_score<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    const CONTEXT: &str = "r2_score";
    check_targets(CONTEXT, y_true, y_pred)?;
    if y_true.len() < 2 {
        return Err(Error::invalid_input(
            CONTEXT,
            "R² is not defined for fewer than two samples",
        ));
    }
    let y_mean = mean(y_true.iter().map(|t| t.as_f64()));
    let numerator: f64 = residuals(y_true, y_pred).map(|r| r * r).sum();
    let denominator: f64 = y_true.iter().map(|t| (t.as_f64() - y_mean).powi(2)).sum();
    Ok(match (numerator == 0.0, denominator == 0.0) {
        (true, _) => 1.0,
        (false, true) => 0.0,
        (false, false) => 1.0 - numerator / denominator,
    })
}

/// Mean squared error, `mean((y_true - y_pred)²)`.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the lengths differ, [`Error::EmptyInput`]
/// when there are no samples, [`Error::NonFinite`] for a NaN or infinite
/// value.
///
/// # Example
/// ```
/// use learnkit::metrics::mean_squared_error;
/// use ndarray::array;
///
/// let mse = mean_squared_error(array![3.0, -0.5, 2.0, 7.0].view(), array![2.5, 0.0, 2.0, 8.0].view())?;
/// assert_eq!(mse, 0.375);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn mean_squared_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    check_targets("mean_squared_error", y_true, y_pred)?;
    Ok(mean(residuals(y_true, y_pred).map(|r| r * r)))
}

/// Root mean squared error, `sqrt(mean((y_true - y_pred)²))`, in the units of
/// the target.
///
/// # Errors
/// As [`mean_squared_error`].
///
/// # Example
/// ```
/// use learnkit::metrics::root_mean_squared_error;
/// use ndarray::array;
///
/// let rmse = root_mean_squared_error(array![1.0f32, 2.0].view(), array![2.0f32, 3.0].view())?;
/// assert_eq!(rmse, 1.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn root_mean_squared_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    check_targets("root_mean_squared_error", y_true, y_pred)?;
    Ok(mean(residuals(y_true, y_pred).map(|r| r * r)).sqrt())
}

/// Mean absolute error, `mean(|y_true - y_pred|)`.
///
/// # Errors
/// As [`mean_squared_error`].
///
/// # Example
/// ```
/// use learnkit::metrics::mean_absolute_error;
/// use ndarray::array;
///
/// let mae = mean_absolute_error(array![3.0, -0.5, 2.0, 7.0].view(), array![2.5, 0.0, 2.0, 8.0].view())?;
/// assert_eq!(mae, 0.5);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn mean_absolute_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    check_targets("mean_absolute_error", y_true, y_pred)?;
    Ok(mean(residuals(y_true, y_pred).map(f64::abs)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn constant_targets_follow_force_finite() {
        let y = array![2.0, 2.0, 2.0];
        assert_eq!(r2_score(y.view(), y.view()).unwrap(), 1.0);
        assert_eq!(r2_score(y.view(), array![2.0, 2.5, 1.0].view()).unwrap(), 0.0);
    }

    #[test]
    fn one_sample_r2_is_an_error_but_errors_are_fine() {
        let y = array![1.0];
        assert!(matches!(r2_score(y.view(), y.view()), Err(Error::InvalidInput { .. })));
        assert_eq!(mean_squared_error(y.view(), y.view()).unwrap(), 0.0);
    }

    #[test]
    fn non_finite_targets_are_reported_with_their_row() {
        let err = mean_absolute_error(array![1.0, 2.0].view(), array![0.0, f64::NAN].view()).unwrap_err();
        assert!(matches!(err, Error::NonFinite { row: 1, .. }));
    }
}
