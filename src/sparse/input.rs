//! Validation of a [`MatrixView`] given to an estimator, dense or sparse,
//! with the same errors for both: a sparse input is checked as its dense
//! twin would be (emptiness, feature count, non-finite stored values).

use super::MatrixView;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::check_array;

/// Checks `x` as [`check_array`] checks a dense matrix — at least one row
/// and one column, every (stored) value finite — and, when `n_features_in`
/// is given, that `x` has that many columns
/// ([`Error::FeatureCountMismatch`], reported first as for dense input).
pub(crate) fn check_matrix<F: Float>(
    context: &'static str,
    x: MatrixView<'_, F>,
    n_features_in: Option<usize>,
) -> Result<()> {
    if let Some(expected) = n_features_in {
        if x.ncols() != expected {
            return Err(Error::FeatureCountMismatch {
                context: context.into(),
                expected,
                got: x.ncols(),
            });
        }
    }
    match x {
        MatrixView::Dense(x) => check_array(context, x),
        MatrixView::Sparse(x) => {
            let what = if x.nrows() == 0 {
                Some("X has 0 rows")
            } else if x.ncols() == 0 {
                Some("X has 0 columns")
            } else {
                None
            };
            if let Some(what) = what {
                return Err(Error::EmptyInput {
                    context: context.into(),
                    what,
                });
            }
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sparse::CsrMatrix;
    use ndarray::array;

    #[test]
    fn sparse_input_gets_the_dense_errors() {
        let dense = array![[0.0, 1.0], [f64::NAN, 0.0]];
        let sparse = CsrMatrix::from_dense(dense.view());
        for x in [MatrixView::from(dense.view()), MatrixView::from(&sparse)] {
            assert!(matches!(
                check_matrix("T", x, None),
                Err(Error::NonFinite { row: 1, column: 0, .. })
            ));
            assert!(matches!(
                check_matrix("T", x, Some(3)),
                Err(Error::FeatureCountMismatch {
                    expected: 3,
                    got: 2,
                    ..
                })
            ));
        }
        let empty = CsrMatrix::<f64>::zeros((0, 2)).unwrap();
        assert!(matches!(
            check_matrix("T", (&empty).into(), None),
            Err(Error::EmptyInput { .. })
        ));
    }
}
