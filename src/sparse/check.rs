//! Input checks on a [`MatrixView`], dense or sparse: the same rules and
//! errors as [`crate::validation`]'s dense checks (non-empty, finite, the
//! fitted feature count), so that a sparse-capable estimator validates both
//! layouts in one call.

use super::matrix::MatrixView;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::{check_array, check_predict_input, check_same_length, check_shape_not_empty};

/// Checks that `x` has rows and columns and that every (stored) value is
/// finite: [`check_array`] for either layout.
pub(crate) fn check_matrix<F: Float>(context: &'static str, x: MatrixView<'_, F>) -> Result<()> {
    match x {
        MatrixView::Dense(x) => check_array(context, x),
        MatrixView::Sparse(x) => {
            check_shape_not_empty(context, x.shape())?;
            match x.first_non_finite() {
                None => Ok(()),
                Some((row, column, value)) => Err(Error::NonFinite {
                    context: context.into(),
                    row,
                    column,
                    value: value.as_f64(),
                }),
            }
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
            if s.ncols() != n_features_in {
                return Err(Error::FeatureCountMismatch {
                    context: context.into(),
                    expected: n_features_in,
                    got: s.ncols(),
                });
            }
            check_matrix(context, x)
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
