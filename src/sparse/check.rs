//! Input checks for sparse matrices, the twins of
//! [`check_array`](crate::validation::check_array) and
//! [`check_predict_input`](crate::validation::check_predict_input): the same
//! errors, found without densifying (only stored values can be non-finite).

use super::csr::CsrMatrix;
use super::matrix::MatrixView;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::{check_feature_count, check_same_length, check_shape_not_empty, check_x_y};

/// Checks that `x` has at least one row and one column and that every stored
/// value is finite ([`Error::EmptyInput`], [`Error::NonFinite`] with the
/// first offender's row and column in row-major order, as the dense check).
pub(crate) fn check_sparse_array<F: Float>(context: &'static str, x: &CsrMatrix<F>) -> Result<()> {
    check_shape_not_empty(context, x.shape())?;
    match x.first_non_finite() {
        Some((row, column, value)) => Err(Error::NonFinite {
            context: context.into(),
            row,
            column,
            value: value.as_f64(),
        }),
        None => Ok(()),
    }
}

/// [`check_sparse_array`] after checking that `x` has the `n_features_in`
/// columns a model was fitted on ([`Error::FeatureCountMismatch`]).
pub(crate) fn check_sparse_predict_input<F: Float>(
    context: &'static str,
    n_features_in: usize,
    x: &CsrMatrix<F>,
) -> Result<()> {
    check_feature_count(context, n_features_in, x.ncols())?;
    check_sparse_array(context, x)
}

/// [`check_x_y`] for a dense or sparse `x`: non-empty, finite, and
/// `n_targets` rows.
pub(crate) fn check_x_y_matrix<F: Float>(context: &'static str, x: MatrixView<'_, F>, n_targets: usize) -> Result<()> {
    match x {
        MatrixView::Dense(x) => check_x_y(context, x, n_targets),
        MatrixView::Sparse(x) => {
            check_sparse_array(context, x)?;
            check_same_length(context, "number of targets vs rows of X", x.nrows(), n_targets)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn names_the_first_non_finite_value_and_a_wrong_width() {
        let x = CsrMatrix::from_dense(array![[0.0, 1.0], [0.0, f64::INFINITY]].view());
        assert!(matches!(
            check_sparse_array("t", &x),
            Err(Error::NonFinite { row: 1, column: 1, .. })
        ));
        let ok = CsrMatrix::from_dense(array![[0.0, 1.0]].view());
        assert!(check_sparse_predict_input("t", 2, &ok).is_ok());
        assert!(matches!(
            check_sparse_predict_input("t", 3, &ok),
            Err(Error::FeatureCountMismatch { expected: 3, got: 2, .. })
        ));
        let empty = CsrMatrix::<f64>::zeros((0, 2)).unwrap();
        assert!(matches!(check_sparse_array("t", &empty), Err(Error::EmptyInput { .. })));
    }
}
