//! Input checks on a [`MatrixView`], dense or sparse: the same rules and
//! errors as [`crate::validation`]'s dense checks (non-empty, finite, the
//! fitted feature count), so that a sparse-capable estimator validates both
//! layouts in one call.

use super::csr::CsrMatrix;
use super::matrix::MatrixView;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::{
    check_array, check_array_with_missing, check_predict_input, check_predict_input_with_missing, check_same_length,
    check_shape_not_empty,
};

/// The first stored value that is `bad`, as [`Error::NonFinite`] naming its
/// row and column.
fn check_stored<F: Float>(context: &'static str, x: &CsrMatrix<F>, bad: impl Fn(F) -> bool) -> Result<()> {
    let Some(k) = x.data().iter().position(|&v| bad(v)) else {
        return Ok(());
    };
    let row = x.indptr().partition_point(|&p| p <= k) - 1;
    Err(Error::NonFinite {
        context: context.into(),
        row,
        column: x.indices()[k] as usize,
        value: x.data()[k].as_f64(),
    })
}

/// The stored values alone finite (no check of the shape: a transformer
/// may take zero rows).
pub(crate) fn check_stored_finite<F: Float>(context: &'static str, x: &CsrMatrix<F>) -> Result<()> {
    check_stored(context, x, |v| !v.is_finite())
}

/// Checks that `x` has rows and columns and that every (stored) value is
/// finite: [`check_array`] for either layout.
pub(crate) fn check_matrix<F: Float>(context: &'static str, x: MatrixView<'_, F>) -> Result<()> {
    match x {
        MatrixView::Dense(x) => check_array(context, x),
        MatrixView::Sparse(x) => {
            check_shape_not_empty(context, x.shape())?;
            check_stored(context, x, |v| !v.is_finite())
        }
    }
}

/// [`check_matrix`] where NaN is a missing value (scalers, the imputer):
/// only infinities are errors, as [`check_array_with_missing`].
pub(crate) fn check_matrix_with_missing<F: Float>(context: &'static str, x: MatrixView<'_, F>) -> Result<()> {
    match x {
        MatrixView::Dense(x) => check_array_with_missing(context, x),
        MatrixView::Sparse(x) => {
            check_shape_not_empty(context, x.shape())?;
            check_stored(context, x, |v| v.is_infinite())
        }
    }
}

/// [`check_matrix`] plus one target per row: `check_x_y` for either layout.
pub(crate) fn check_matrix_x_y<F: Float>(context: &'static str, x: MatrixView<'_, F>, n_targets: usize) -> Result<()> {
    check_matrix(context, x)?;
    check_same_length(context, "number of targets vs rows of X", x.nrows(), n_targets)
}

/// The input of a fitted model: [`check_matrix`] and `n_features_in`
/// columns ([`Error::FeatureCountMismatch`] otherwise), as
/// [`check_predict_input`].
pub(crate) fn check_matrix_predict_input<F: Float>(
    context: &'static str,
    n_features_in: usize,
    x: MatrixView<'_, F>,
) -> Result<()> {
    match x {
        MatrixView::Dense(x) => check_predict_input(context, n_features_in, x),
        MatrixView::Sparse(s) => {
            crate::validation::check_feature_count(context, n_features_in, s.ncols())?;
            check_matrix(context, x)
        }
    }
}

/// [`check_matrix_predict_input`] where NaN is a missing value, as
/// [`check_predict_input_with_missing`].
pub(crate) fn check_matrix_predict_input_with_missing<F: Float>(
    context: &'static str,
    n_features_in: usize,
    x: MatrixView<'_, F>,
) -> Result<()> {
    match x {
        MatrixView::Dense(x) => check_predict_input_with_missing(context, n_features_in, x),
        MatrixView::Sparse(s) => {
            crate::validation::check_feature_count(context, n_features_in, s.ncols())?;
            check_matrix_with_missing(context, x)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sparse::CsrMatrix;
    use ndarray::array;

    #[test]
    fn sparse_checks_give_the_dense_errors() {
        let bad = CsrMatrix::from_dense(array![[0.0, 1.0], [f64::NAN, 0.0]].view());
        let err = check_matrix("T", (&bad).into()).unwrap_err();
        assert!(matches!(err, Error::NonFinite { row: 1, column: 0, .. }));
        let good = CsrMatrix::from_dense(array![[0.0, 1.0]].view());
        assert!(check_matrix_x_y("T", (&good).into(), 1).is_ok());
        assert!(matches!(
            check_matrix_x_y("T", (&good).into(), 2),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            check_matrix_predict_input("T", 3, (&good).into()),
            Err(Error::FeatureCountMismatch {
                expected: 3,
                got: 2,
                ..
            })
        ));
        let empty = CsrMatrix::<f64>::zeros((0, 2)).unwrap();
        assert!(matches!(
            check_matrix("T", (&empty).into()),
            Err(Error::EmptyInput { .. })
        ));
    }
}
