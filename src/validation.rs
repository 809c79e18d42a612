//! Input checks shared by every estimator, metric and transformer.
//!
//! Every public entry point calls these before touching the data, so that a
//! bad input becomes a clear [`Error`] naming what is wrong and where, never a
//! panic or a silently wrong model. They are public so that code built on
//! learnkit can check its inputs the same way.
//!
//! # Example
//! ```
//! use learnkit::validation::{check_array, check_predict_input};
//! use learnkit::Error;
//! use ndarray::array;
//!
//! let x = array![[1.0, 2.0], [3.0, f64::INFINITY]];
//! let err = check_array("my_model", x.view()).unwrap_err();
//! assert!(matches!(err, Error::NonFinite { row: 1, column: 1, .. }));
//! assert!(matches!(
//!     check_predict_input("my_model", 3, array![[1.0, 2.0]].view()),
//!     Err(Error::FeatureCountMismatch { expected: 3, got: 2, .. })
//! ));
//! ```

use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::parallel::ROW_CHUNK;
use ndarray::{ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;
use std::fmt::Debug;

/// Checks that `x` has at least one row and one column and only finite values.
///
/// The first non-finite value in row-major order is reported, whatever the
/// number of threads.
///
/// # Example
/// ```
/// use learnkit::validation::check_array;
/// use ndarray::array;
/// assert!(check_array("demo", array![[1.0, 2.0]].view()).is_ok());
/// assert!(check_array("demo", array![[1.0, f64::INFINITY]].view()).is_err());
/// ```
pub fn check_array<F: Float>(context: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    check_not_empty(context, x)?;
    check_finite(context, x)
}

/// Checks that `x` has at least one row and one column.
///
/// # Example
/// ```
/// use learnkit::validation::check_not_empty;
/// use ndarray::Array2;
/// assert!(check_not_empty("demo", Array2::<f64>::zeros((0, 3)).view()).is_err());
/// ```
pub fn check_not_empty<F: Float>(context: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    check_shape_not_empty(context, x.dim())
}

/// [`check_not_empty`] on a shape (of a dense or a sparse matrix).
pub(crate) fn check_shape_not_empty(context: &'static str, (rows, cols): (usize, usize)) -> Result<()> {
    if rows == 0 {
        return Err(Error::EmptyInput {
            context: context.into(),
            what: "X has 0 rows",
        });
    }
    if cols == 0 {
        return Err(Error::EmptyInput {
            context: context.into(),
            what: "X has 0 columns",
        });
    }
    Ok(())
}

/// Checks that every value of `x` is finite, reporting the first offender.
///
/// # Example
/// ```
/// use learnkit::{validation::check_finite, Error};
/// use ndarray::array;
/// let err = check_finite("demo", array![[1.0, 2.0], [f64::NAN, 0.0]].view()).unwrap_err();
/// assert!(matches!(err, Error::NonFinite { row: 1, column: 0, .. }));
/// ```
pub fn check_finite<F: Float>(context: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    first_offender(context, x, |v| !v.is_finite())
}

/// Checks that `x` holds no infinity, reporting the first offender; `NaN` is
/// allowed, as a missing value, for estimators that handle missing values.
///
/// # Example
/// ```
/// use learnkit::{validation::check_no_infinity, Error};
/// use ndarray::array;
/// assert!(check_no_infinity("demo", array![[1.0, f64::NAN]].view()).is_ok());
/// let err = check_no_infinity("demo", array![[1.0, f64::NEG_INFINITY]].view()).unwrap_err();
/// assert!(matches!(err, Error::NonFinite { row: 0, column: 1, .. }));
/// ```
pub fn check_no_infinity<F: Float>(context: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    first_offender(context, x, |v| v.is_infinite())
}

/// The first value of `x` (row-major) for which `bad` holds, as
/// `Error::NonFinite`, whatever the number of threads.
fn first_offender<F: Float>(context: &'static str, x: ArrayView2<'_, F>, bad: impl Fn(F) -> bool + Sync) -> Result<()> {
    let first_bad = x
        .axis_chunks_iter(Axis(0), ROW_CHUNK)
        .into_par_iter()
        .enumerate()
        .find_map_first(|(chunk, rows)| {
            rows.outer_iter().enumerate().find_map(|(i, row)| {
                row.iter()
                    .position(|&v| bad(v))
                    .map(|j| (chunk * ROW_CHUNK + i, j, row[j]))
            })
        });
    match first_bad {
        None => Ok(()),
        Some((row, column, value)) => Err(Error::NonFinite {
            context: context.into(),
            row,
            column,
            value: value.as_f64(),
        }),
    }
}

/// Checks that a 1-D float input (regression targets, weights) is finite.
///
/// # Example
/// ```
/// use learnkit::validation::check_finite_1d;
/// use ndarray::array;
/// assert!(check_finite_1d("demo", array![1.0, f64::NAN].view()).is_err());
/// ```
pub fn check_finite_1d<F: Float>(context: &'static str, y: ArrayView1<'_, F>) -> Result<()> {
    match y.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(row) => Err(Error::NonFinite {
            context: context.into(),
            row,
            column: 0,
            value: y[row].as_f64(),
        }),
    }
}

/// Checks `x` as [`check_array`] does and that `y` has one entry per row.
///
/// # Example
/// ```
/// use learnkit::validation::check_x_y;
/// use ndarray::array;
/// let x = array![[1.0], [2.0]];
/// assert!(check_x_y("demo", x.view(), 2).is_ok());
/// assert!(check_x_y("demo", x.view(), 3).is_err());
/// ```
pub fn check_x_y<F: Float>(context: &'static str, x: ArrayView2<'_, F>, n_targets: usize) -> Result<()> {
    check_array(context, x)?;
    check_same_length(context, "number of targets vs rows of X", x.nrows(), n_targets)
}

/// Checks that two lengths agree.
///
/// # Example
/// ```
/// use learnkit::validation::check_same_length;
/// assert!(check_same_length("demo", "y_true vs y_pred", 3, 3).is_ok());
/// assert!(check_same_length("demo", "y_true vs y_pred", 3, 2).is_err());
/// ```
pub fn check_same_length(context: &'static str, what: &'static str, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            context: context.into(),
            what,
            expected,
            got,
        })
    }
}

/// Checks the input of a fitted model: finite, non-empty, and with the number
/// of features it was fitted on.
///
/// # Example
/// ```
/// use learnkit::{validation::check_predict_input, Error};
/// use ndarray::array;
/// let err = check_predict_input("demo", 3, array![[1.0, 2.0]].view()).unwrap_err();
/// assert!(matches!(err, Error::FeatureCountMismatch { expected: 3, got: 2, .. }));
/// ```
pub fn check_predict_input<F: Float>(context: &'static str, n_features_in: usize, x: ArrayView2<'_, F>) -> Result<()> {
    check_feature_count(context, n_features_in, x.ncols())?;
    check_array(context, x)
}

/// Checks the input of a fitted model that handles missing values: as
/// [`check_predict_input`], but `NaN` is allowed (infinities are not).
///
/// # Example
/// ```
/// use learnkit::validation::check_predict_input_with_missing;
/// use ndarray::array;
/// assert!(check_predict_input_with_missing("demo", 2, array![[1.0, f64::NAN]].view()).is_ok());
/// assert!(check_predict_input_with_missing("demo", 2, array![[1.0, f64::INFINITY]].view()).is_err());
/// ```
pub fn check_predict_input_with_missing<F: Float>(
    context: &'static str,
    n_features_in: usize,
    x: ArrayView2<'_, F>,
) -> Result<()> {
    check_feature_count(context, n_features_in, x.ncols())?;
    check_array_with_missing(context, x)
}

/// That an input has the `n_features_in` columns a model was fitted on
/// ([`Error::FeatureCountMismatch`] otherwise), for either layout.
pub(crate) fn check_feature_count(context: &'static str, n_features_in: usize, ncols: usize) -> Result<()> {
    if ncols != n_features_in {
        return Err(Error::FeatureCountMismatch {
            context: context.into(),
            expected: n_features_in,
            got: ncols,
        });
    }
    Ok(())
}

/// Checks that `x` is not empty and holds no infinity; `NaN` is a missing value.
///
/// # Example
/// ```
/// use learnkit::validation::check_array_with_missing;
/// use ndarray::array;
/// assert!(check_array_with_missing("demo", array![[f64::NAN, 2.0]].view()).is_ok());
/// assert!(check_array_with_missing("demo", array![[f64::INFINITY, 2.0]].view()).is_err());
/// ```
pub fn check_array_with_missing<F: Float>(context: &'static str, x: ArrayView2<'_, F>) -> Result<()> {
    check_not_empty(context, x)?;
    check_no_infinity(context, x)
}

/// Checks optional sample weights and returns them, or ones when absent.
///
/// Weights must have one entry per sample, be finite and non-negative, and
/// not all be zero.
///
/// # Example
/// ```
/// use learnkit::validation::check_sample_weight;
/// use ndarray::array;
/// let w = check_sample_weight::<f64>("demo", None, 3).unwrap();
/// assert_eq!(w, array![1.0, 1.0, 1.0]);
/// assert!(check_sample_weight("demo", Some(array![1.0, -1.0].view()), 2).is_err());
/// ```
pub fn check_sample_weight<F: Float>(
    context: &'static str,
    sample_weight: Option<ArrayView1<'_, F>>,
    n_samples: usize,
) -> Result<ndarray::Array1<F>> {
    let Some(w) = sample_weight else {
        return Ok(ndarray::Array1::from_elem(n_samples, F::one()));
    };
    check_same_length(context, "sample_weight vs rows of X", n_samples, w.len())?;
    check_finite_1d(context, w)?;
    if let Some(i) = w.iter().position(|v| *v < F::zero()) {
        return Err(Error::invalid_input(
            context,
            format!("sample_weight must be non-negative, got {:?} at index {i}", w[i]),
        ));
    }
    if w.iter().all(|v| *v == F::zero()) {
        return Err(Error::invalid_input(context, "sample_weight sums to zero"));
    }
    Ok(w.to_owned())
}

/// The sorted distinct labels of `y` and, for each sample, the index of its
/// label in that list.
///
/// # Example
/// ```
/// use learnkit::validation::encode_labels;
/// let (classes, codes) = encode_labels(&["b", "a", "b"]);
/// assert_eq!(classes, vec!["a", "b"]);
/// assert_eq!(codes, vec![1, 0, 1]);
/// ```
pub fn encode_labels<'a, L: Label>(y: impl IntoIterator<Item = &'a L>) -> (Vec<L>, Vec<usize>) {
    let y: Vec<&L> = y.into_iter().collect();
    let mut classes: Vec<L> = y.iter().map(|l| (*l).clone()).collect();
    classes.sort_unstable();
    classes.dedup();
    let codes = y
        .iter()
        .map(|l| classes.binary_search(l).expect("label is among the classes"))
        .collect();
    (classes, codes)
}

/// Checks that there are at least two classes; see [`encode_labels`].
///
/// # Example
/// ```
/// use learnkit::validation::check_two_classes;
/// assert!(check_two_classes("demo", &[1, 2]).is_ok());
/// assert!(check_two_classes("demo", &[1]).is_err());
/// ```
pub fn check_two_classes<L: Label>(context: &'static str, classes: &[L]) -> Result<()> {
    match classes {
        [] => Err(Error::EmptyInput {
            context: context.into(),
            what: "y has no samples",
        }),
        [only] => Err(Error::SingleClass {
            context: context.into(),
            class: format!("{only:?}"),
        }),
        _ => Ok(()),
    }
}

/// Checks that every class keeps at least one sample of positive weight:
/// `weight(i)` is row `i`'s effective weight and `what` names it (e.g.
/// "C · class_weight · sample_weight"). A class without one could never be
/// predicted, so the solvers refuse it.
pub(crate) fn check_every_class_weighted<L: Label>(
    context: &'static str,
    classes: &[L],
    codes: &[usize],
    weight: impl Fn(usize) -> f64,
    what: &str,
) -> Result<()> {
    let mut weighted = vec![false; classes.len()];
    for (i, &k) in codes.iter().enumerate() {
        weighted[k] |= weight(i) > 0.0;
    }
    match weighted.iter().position(|&w| !w) {
        Some(k) => Err(Error::invalid_input(
            context,
            format!("class {:?} has no sample of positive weight ({what})", classes[k]),
        )),
        None => Ok(()),
    }
}

/// Checks a hyperparameter with a predicate, naming the constraint on failure.
///
/// # Example
/// ```
/// use learnkit::validation::check_param;
/// assert!(check_param("LogisticRegression", "C", 1.0, "> 0", |c| c > 0.0).is_ok());
/// assert!(check_param("LogisticRegression", "C", 0.0, "> 0", |c| c > 0.0).is_err());
/// ```
pub fn check_param<T: Debug + Copy>(
    estimator: &'static str,
    parameter: &'static str,
    value: T,
    constraint: &str,
    ok: impl FnOnce(T) -> bool,
) -> Result<()> {
    if ok(value) {
        Ok(())
    } else {
        Err(Error::invalid_parameter(estimator, parameter, constraint, value))
    }
}

/// Checks that a float hyperparameter is finite and strictly positive.
///
/// # Example
/// ```
/// use learnkit::validation::check_positive;
/// assert!(check_positive("LogisticRegression", "tol", 1e-4).is_ok());
/// assert!(check_positive("LogisticRegression", "tol", f64::NAN).is_err());
/// ```
pub fn check_positive(estimator: &'static str, parameter: &'static str, value: f64) -> Result<()> {
    check_param(estimator, parameter, value, "a finite number > 0", |v| {
        v.is_finite() && v > 0.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_whose_rows_all_weigh_zero_is_named() {
        let weights = [1.0, 0.0, 0.0, 2.0];
        let codes = [0, 1, 1, 2];
        let err = check_every_class_weighted("T", &["a", "b", "c"], &codes, |i| weights[i], "w").unwrap_err();
        assert_eq!(
            err.to_string(),
            Error::invalid_input("T", "class \"b\" has no sample of positive weight (w)").to_string()
        );
        assert!(check_every_class_weighted("T", &["a", "b"], &[0, 1], |_| 1.0, "w").is_ok());
    }
}
