//! Regression metrics: [`r2_score`], [`mean_squared_error`],
//! [`root_mean_squared_error`], [`mean_absolute_error`],
//! [`explained_variance_score`], [`median_absolute_error`],
//! [`mean_absolute_percentage_error`], [`max_error`],
//! [`mean_squared_log_error`], [`root_mean_squared_log_error`] and
//! [`d2_absolute_error_score`], the last six but `max_error` with `_weighted`
//! forms that take scikit-learn's `sample_weight`.

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
    r2(y_true, y_pred, None)
}

/// [`r2_score`] with one non-negative weight per sample (scikit-learn's
/// `sample_weight`): `1 - Σ w (y - ŷ)² / Σ w (y - ȳ_w)²`, `ȳ_w` the
/// weighted mean.
///
/// # Errors
/// As [`r2_score`]; [`Error::ShapeMismatch`] for weights of another
/// length, [`Error::InvalidInput`] for negative weights or weights that sum
/// to zero, [`Error::NonFinite`] for a non-finite weight.
///
/// # Example
/// ```
/// use learnkit::metrics::{r2_score, r2_score_weighted};
/// use ndarray::array;
///
/// let (t, p) = (array![3.0, -0.5, 2.0, 7.0], array![2.5, 0.0, 2.0, 8.0]);
/// let ones = r2_score_weighted(t.view(), p.view(), array![1.0, 1.0, 1.0, 1.0].view())?;
/// assert_eq!(ones, r2_score(t.view(), p.view())?);
/// // scikit-learn: r2_score(t, p, sample_weight=[1, 2, 3, 4])
/// let weighted = r2_score_weighted(t.view(), p.view(), array![1.0, 2.0, 3.0, 4.0].view())?;
/// assert!((weighted - 0.9459613196814562).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn r2_score_weighted<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: ArrayView1<'_, F>,
) -> Result<f64> {
    r2(y_true, y_pred, Some(sample_weight))
}

fn r2<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<f64> {
    const CONTEXT: &str = "r2_score";
    let w = check_weighted(CONTEXT, y_true, y_pred, sample_weight)?;
    if y_true.len() < 2 {
        return Err(Error::invalid_input(
            CONTEXT,
            "R² is not defined for fewer than two samples",
        ));
    }
    // Unweighted, every weight is an exact 1.0: the same sums as without.
    let weight = |i: usize| w.as_ref().map_or(1.0, |w| w[i]);
    let y_mean = average(y_true.iter().map(|t| t.as_f64()), w.as_deref());
    let numerator: f64 = residuals(y_true, y_pred)
        .enumerate()
        .map(|(i, r)| weight(i) * r * r)
        .sum();
    let denominator: f64 = y_true
        .iter()
        .enumerate()
        .map(|(i, t)| weight(i) * (t.as_f64() - y_mean).powi(2))
        .sum();
    Ok(explained_fraction(numerator, denominator))
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

/// The checked targets and weights of a weighted metric: the weights in
/// `f64` (`None`: every sample weighs 1).
fn check_weighted<F: Float>(
    context: &'static str,
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<Option<Vec<f64>>> {
    check_targets(context, y_true, y_pred)?;
    match sample_weight {
        None => Ok(None),
        Some(w) => {
            let w = crate::validation::check_sample_weight(context, Some(w), y_true.len())?;
            Ok(Some(w.iter().map(|v| v.as_f64()).collect()))
        }
    }
}

/// The mean of `values`, weighted when `weights` is given (NumPy's
/// `average`: `Σ w v / Σ w`).
fn average(values: impl ExactSizeIterator<Item = f64>, weights: Option<&[f64]>) -> f64 {
    match weights {
        None => mean(values),
        Some(w) => values.zip(w).map(|(v, w)| v * w).sum::<f64>() / w.iter().sum::<f64>(),
    }
}

/// `1 - numerator / denominator` with scikit-learn's `force_finite=True`:
/// 1.0 for a zero numerator (perfect), 0.0 for a zero denominator otherwise.
fn explained_fraction(numerator: f64, denominator: f64) -> f64 {
    match (numerator == 0.0, denominator == 0.0) {
        (true, _) => 1.0,
        (false, true) => 0.0,
        (false, false) => 1.0 - numerator / denominator,
    }
}

/// The weighted median of `values` as scikit-learn's
/// `_weighted_percentile(values, weights, 50, average=True)` computes it (the
/// "averaged inverted CDF"): the value where the cumulative weight first
/// reaches half the total, averaged with the next value (skipping zero
/// weights) when it reaches it exactly. Unit weights give the median.
fn weighted_median(values: &[f64], weights: &[f64]) -> f64 {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut cdf = Vec::with_capacity(order.len());
    let mut total = 0.0;
    for &i in &order {
        total += weights[i];
        cdf.push(total);
    }
    let target = 0.5 * total;
    let last = order.len() - 1;
    let at = cdf.partition_point(|&c| c < target).min(last);
    if cdf[at] - target > f64::EPSILON {
        return values[order[at]];
    }
    let mut next = (at + 1).min(last);
    if weights[order[next]] == 0.0 {
        // The next value with weight: the first whose cumulative weight is greater.
        next = cdf.partition_point(|&c| c <= cdf[at]);
        if next > last {
            next = at;
        }
    }
    (values[order[at]] + values[order[next]]) / 2.0
}

/// The median of `values` (NumPy's `median`: the mean of the two middle
/// values for an even count).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Explained variance, `1 - Var(y_true - y_pred) / Var(y_true)`: as R² but
/// blind to a constant offset of the predictions.
///
/// As in scikit-learn (`force_finite=True`), a zero residual variance gives
/// 1.0 and a constant `y_true` with imperfect predictions 0.0.
///
/// # Errors
/// As [`mean_squared_error`].
///
/// # Example
/// ```
/// use learnkit::metrics::explained_variance_score;
/// use ndarray::array;
///
/// let ev = explained_variance_score(array![3.0, -0.5, 2.0, 7.0].view(), array![2.5, 0.0, 2.0, 8.0].view())?;
/// assert!((ev - 0.9571734475374732).abs() < 1e-12);
/// // A constant offset costs nothing.
/// assert_eq!(explained_variance_score(array![1.0, 2.0].view(), array![3.0, 4.0].view())?, 1.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn explained_variance_score<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    explained_variance(y_true, y_pred, None)
}

/// [`explained_variance_score`] with one non-negative weight per sample
/// (scikit-learn's `sample_weight`): weighted means and variances.
///
/// # Errors
/// As [`explained_variance_score`]; [`Error::ShapeMismatch`] for weights of
/// another length, [`Error::InvalidInput`] for negative weights or weights
/// that sum to zero, [`Error::NonFinite`] for a non-finite weight.
///
/// # Example
/// ```
/// use learnkit::metrics::{explained_variance_score, explained_variance_score_weighted};
/// use ndarray::array;
///
/// let (t, p) = (array![3.0, -0.5, 2.0, 7.0], array![2.5, 0.0, 2.0, 8.0]);
/// let ones = explained_variance_score_weighted(t.view(), p.view(), array![1.0, 1.0, 1.0, 1.0].view())?;
/// assert!((ones - explained_variance_score(t.view(), p.view())?).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn explained_variance_score_weighted<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: ArrayView1<'_, F>,
) -> Result<f64> {
    explained_variance(y_true, y_pred, Some(sample_weight))
}

fn explained_variance<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<f64> {
    let w = check_weighted("explained_variance_score", y_true, y_pred, sample_weight)?;
    let w = w.as_deref();
    let residual_mean = average(residuals(y_true, y_pred), w);
    let numerator = average(residuals(y_true, y_pred).map(|r| (r - residual_mean).powi(2)), w);
    let y_mean = average(y_true.iter().map(|t| t.as_f64()), w);
    let denominator = average(y_true.iter().map(|t| (t.as_f64() - y_mean).powi(2)), w);
    Ok(explained_fraction(numerator, denominator))
}

/// Median absolute error, `median(|y_true - y_pred|)`: robust to outliers.
///
/// # Errors
/// As [`mean_squared_error`].
///
/// # Example
/// ```
/// use learnkit::metrics::median_absolute_error;
/// use ndarray::array;
///
/// let med = median_absolute_error(array![3.0, -0.5, 2.0, 7.0].view(), array![2.5, 0.0, 2.0, 8.0].view())?;
/// assert_eq!(med, 0.5);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn median_absolute_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    check_targets("median_absolute_error", y_true, y_pred)?;
    Ok(median(residuals(y_true, y_pred).map(f64::abs).collect()))
}

/// [`median_absolute_error`] with sample weights: the weighted median of the
/// absolute errors as scikit-learn computes it (the "averaged inverted CDF":
/// where the cumulative weight of the sorted errors reaches exactly half the
/// total, the mean of that error and the next one with weight).
///
/// # Errors
/// As [`explained_variance_score_weighted`].
///
/// # Example
/// ```
/// use learnkit::metrics::median_absolute_error_weighted;
/// use ndarray::array;
///
/// let (t, p) = (array![1.0, 2.0, 3.0], array![1.0, 1.0, 6.0]); // errors 0, 1, 3
/// assert_eq!(median_absolute_error_weighted(t.view(), p.view(), array![1.0, 1.0, 5.0].view())?, 3.0);
/// assert_eq!(median_absolute_error_weighted(t.view(), p.view(), array![1.0, 1.0, 2.0].view())?, 2.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn median_absolute_error_weighted<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: ArrayView1<'_, F>,
) -> Result<f64> {
    let w = check_weighted("median_absolute_error", y_true, y_pred, Some(sample_weight))?;
    let w = w.unwrap_or_else(|| vec![1.0; y_true.len()]);
    let errors: Vec<f64> = residuals(y_true, y_pred).map(f64::abs).collect();
    Ok(weighted_median(&errors, &w))
}

/// Mean absolute percentage error, `mean(|y_true - y_pred| / max(|y_true|, ε))`
/// with `ε` the `f64` machine epsilon, as a fraction (0.25, not 25 %).
///
/// A zero `y_true` with a wrong prediction gives a huge value rather than
/// infinity, as in scikit-learn.
///
/// # Errors
/// As [`mean_squared_error`].
///
/// # Example
/// ```
/// use learnkit::metrics::mean_absolute_percentage_error;
/// use ndarray::array;
///
/// let mape = mean_absolute_percentage_error(array![3.0, -0.5, 2.0, 7.0].view(), array![2.5, 0.0, 2.0, 8.0].view())?;
/// assert!((mape - 0.3273809523809524).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn mean_absolute_percentage_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    absolute_percentage(y_true, y_pred, None)
}

/// [`mean_absolute_percentage_error`] with sample weights (a weighted mean).
///
/// # Errors
/// As [`explained_variance_score_weighted`].
///
/// # Example
/// ```
/// use learnkit::metrics::mean_absolute_percentage_error_weighted;
/// use ndarray::array;
///
/// let (t, p) = (array![1.0, 2.0], array![1.5, 2.0]); // 50 % and 0 % off
/// assert_eq!(mean_absolute_percentage_error_weighted(t.view(), p.view(), array![3.0, 1.0].view())?, 0.375);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn mean_absolute_percentage_error_weighted<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: ArrayView1<'_, F>,
) -> Result<f64> {
    absolute_percentage(y_true, y_pred, Some(sample_weight))
}

fn absolute_percentage<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<f64> {
    let w = check_weighted("mean_absolute_percentage_error", y_true, y_pred, sample_weight)?;
    let ratios = y_true
        .iter()
        .zip(y_pred)
        .map(|(t, p)| (p.as_f64() - t.as_f64()).abs() / t.as_f64().abs().max(f64::EPSILON));
    Ok(average(ratios, w.as_deref()))
}

/// Maximum residual error, `max(|y_true - y_pred|)`: the worst case.
///
/// # Errors
/// As [`mean_squared_error`].
///
/// # Example
/// ```
/// use learnkit::metrics::max_error;
/// use ndarray::array;
///
/// assert_eq!(max_error(array![3.0, 2.0, 7.0, 1.0].view(), array![4.0, 2.0, 7.0, 1.0].view())?, 1.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn max_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    check_targets("max_error", y_true, y_pred)?;
    Ok(residuals(y_true, y_pred).map(f64::abs).fold(0.0, f64::max))
}

/// Checks that no target of a log metric is `<= -1`, where `ln(1 + y)` is
/// undefined (scikit-learn 1.9 accepts values in `(-1, 0)`).
fn check_log_targets<F: Float>(
    context: &'static str,
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
) -> Result<()> {
    for (what, y) in [("y_true", y_true), ("y_pred", y_pred)] {
        if let Some(i) = y.iter().position(|v| v.as_f64() <= -1.0) {
            return Err(Error::invalid_input(
                context,
                format!(
                    "{what} holds {:?} at index {i}: the logarithmic error needs values greater than -1",
                    y[i]
                ),
            ));
        }
    }
    Ok(())
}

/// Mean squared logarithmic error, `mean((ln(1 + y_true) - ln(1 + y_pred))²)`:
/// relative errors for targets that grow exponentially.
///
/// # Errors
/// As [`mean_squared_error`], and [`Error::InvalidInput`] for a value
/// `<= -1` in `y_true` or `y_pred`.
///
/// # Example
/// ```
/// use learnkit::metrics::mean_squared_log_error;
/// use ndarray::array;
///
/// let msle = mean_squared_log_error(array![3.0, 5.0, 2.5, 7.0].view(), array![2.5, 5.0, 4.0, 8.0].view())?;
/// assert!((msle - 0.03973012298459379).abs() < 1e-15);
/// assert!(mean_squared_log_error(array![-1.0].view(), array![0.0].view()).is_err());
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn mean_squared_log_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    squared_log_error("mean_squared_log_error", y_true, y_pred, None)
}

/// [`mean_squared_log_error`] with sample weights (a weighted mean).
///
/// # Errors
/// As [`mean_squared_log_error`] and [`explained_variance_score_weighted`].
///
/// # Example
/// ```
/// use learnkit::metrics::mean_squared_log_error_weighted;
/// use ndarray::array;
///
/// let (t, p) = (array![0.0, 0.0], array![0.0, 1.0]);
/// let msle = mean_squared_log_error_weighted(t.view(), p.view(), array![1.0, 3.0].view())?;
/// assert!((msle - 0.75 * 2f64.ln().powi(2)).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn mean_squared_log_error_weighted<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: ArrayView1<'_, F>,
) -> Result<f64> {
    squared_log_error("mean_squared_log_error", y_true, y_pred, Some(sample_weight))
}

/// Root mean squared logarithmic error, the square root of
/// [`mean_squared_log_error`].
///
/// # Errors
/// As [`mean_squared_log_error`].
///
/// # Example
/// ```
/// use learnkit::metrics::root_mean_squared_log_error;
/// use ndarray::array;
///
/// let rmsle = root_mean_squared_log_error(array![3.0, 5.0, 2.5, 7.0].view(), array![2.5, 5.0, 4.0, 8.0].view())?;
/// assert!((rmsle - 0.19932416558108).abs() < 1e-14);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn root_mean_squared_log_error<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    Ok(squared_log_error("root_mean_squared_log_error", y_true, y_pred, None)?.sqrt())
}

/// [`root_mean_squared_log_error`] with sample weights.
///
/// # Errors
/// As [`mean_squared_log_error_weighted`].
///
/// # Example
/// ```
/// use learnkit::metrics::root_mean_squared_log_error_weighted;
/// use ndarray::array;
///
/// let (t, p) = (array![0.0, 0.0], array![0.0, 1.0]);
/// let rmsle = root_mean_squared_log_error_weighted(t.view(), p.view(), array![0.0, 3.0].view())?;
/// assert!((rmsle - 2f64.ln()).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn root_mean_squared_log_error_weighted<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: ArrayView1<'_, F>,
) -> Result<f64> {
    Ok(squared_log_error("root_mean_squared_log_error", y_true, y_pred, Some(sample_weight))?.sqrt())
}

fn squared_log_error<F: Float>(
    context: &'static str,
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<f64> {
    let w = check_weighted(context, y_true, y_pred, sample_weight)?;
    check_log_targets(context, y_true, y_pred)?;
    let squares = y_true
        .iter()
        .zip(y_pred)
        .map(|(t, p)| (t.as_f64().ln_1p() - p.as_f64().ln_1p()).powi(2));
    Ok(average(squares, w.as_deref()))
}

/// D² of the absolute error, `1 - Σ|y_true - y_pred| / Σ|y_true - median(y_true)|`:
/// the fraction of the absolute error of always predicting the median that the
/// model explains (scikit-learn's `d2_absolute_error_score`, the pinball D²
/// at `alpha = 0.5`).
///
/// 1 is a perfect fit, 0 the score of predicting the median; it can be
/// negative. As in scikit-learn (`force_finite`), a constant `y_true` gives
/// 1.0 for a perfect prediction and 0.0 otherwise.
///
/// # Errors
/// As [`mean_squared_error`], and [`Error::InvalidInput`] for a single sample
/// (D² is undefined; scikit-learn warns and returns NaN), as [`r2_score`].
///
/// # Example
/// ```
/// use learnkit::metrics::d2_absolute_error_score;
/// use ndarray::array;
///
/// let d2 = d2_absolute_error_score(array![3.0, -0.5, 2.0, 7.0].view(), array![2.5, 0.0, 2.0, 8.0].view())?;
/// assert!((d2 - 0.7647058823529411).abs() < 1e-15);
/// assert_eq!(d2_absolute_error_score(array![1.0, 2.0, 3.0].view(), array![2.0, 2.0, 2.0].view())?, 0.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn d2_absolute_error_score<F: Float>(y_true: ArrayView1<'_, F>, y_pred: ArrayView1<'_, F>) -> Result<f64> {
    d2_absolute_error(y_true, y_pred, None)
}

/// [`d2_absolute_error_score`] with sample weights: weighted absolute errors,
/// and the weighted median of `y_true` (as [`median_absolute_error_weighted`]
/// computes it) as the baseline.
///
/// # Errors
/// As [`d2_absolute_error_score`] and [`explained_variance_score_weighted`].
///
/// # Example
/// ```
/// use learnkit::metrics::d2_absolute_error_score_weighted;
/// use ndarray::array;
///
/// let (t, p) = (array![1.0, 2.0, 10.0], array![1.0, 2.0, 3.0]);
/// // The weighted median of y_true is 10: the baseline errs by 9 + 8 (weights 1) and 0.
/// let d2 = d2_absolute_error_score_weighted(t.view(), p.view(), array![1.0, 1.0, 4.0].view())?;
/// assert!((d2 - (1.0 - 28.0 / 17.0)).abs() < 1e-15);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn d2_absolute_error_score_weighted<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: ArrayView1<'_, F>,
) -> Result<f64> {
    d2_absolute_error(y_true, y_pred, Some(sample_weight))
}

fn d2_absolute_error<F: Float>(
    y_true: ArrayView1<'_, F>,
    y_pred: ArrayView1<'_, F>,
    sample_weight: Option<ArrayView1<'_, F>>,
) -> Result<f64> {
    const CONTEXT: &str = "d2_absolute_error_score";
    let w = check_weighted(CONTEXT, y_true, y_pred, sample_weight)?;
    if y_true.len() < 2 {
        return Err(Error::invalid_input(
            CONTEXT,
            "D² is not defined for fewer than two samples",
        ));
    }
    let truth: Vec<f64> = y_true.iter().map(|t| t.as_f64()).collect();
    // scikit-learn's baseline takes unit weights when none are given.
    let ones;
    let baseline_weights = match &w {
        Some(w) => w.as_slice(),
        None => {
            ones = vec![1.0; truth.len()];
            &ones
        }
    };
    let median = weighted_median(&truth, baseline_weights);
    // The pinball loss at alpha = 0.5 is half the absolute error (exactly).
    let numerator = average(residuals(y_true, y_pred).map(|r| 0.5 * r.abs()), w.as_deref());
    let denominator = average(truth.iter().map(|t| 0.5 * (t - median).abs()), Some(baseline_weights));
    Ok(explained_fraction(numerator, denominator))
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
