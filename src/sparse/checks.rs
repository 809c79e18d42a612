//! Input checks of sparse matrices, the sparse twins of
//! [`validation`](crate::validation)'s dense ones, with the same errors: an
//! estimator validates a sparse input exactly as a dense one.

use super::csr::CsrMatrix;
use crate::error::{Error, Result};
use crate::float::Float;

/// [`Error::EmptyInput`] when `x` has no row or no column.
pub(crate) fn check_not_empty<F: Float>(context: &'static str, x: &CsrMatrix<F>) -> Result<()> {
    let what = if x.nrows() == 0 {
        "X has 0 rows"
    } else if x.ncols() == 0 {
        "X has 0 columns"
    } else {
        return Ok(());
    };
    Err(Error::EmptyInput {
        context: context.into(),
        what,
    })
}

/// [`Error::FeatureCountMismatch`] unless `x` has `expected` columns.
pub(crate) fn check_width<F: Float>(context: &'static str, expected: usize, x: &CsrMatrix<F>) -> Result<()> {
    if x.ncols() != expected {
        return Err(Error::FeatureCountMismatch {
            context: context.into(),
            expected,
            got: x.ncols(),
        });
    }
    Ok(())
}

/// The first stored value (row-major) for which `bad` holds, as
/// [`Error::NonFinite`] naming its row and column.
fn first_offender<F: Float>(context: &'static str, x: &CsrMatrix<F>, bad: impl Fn(F) -> bool) -> Result<()> {
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

/// [`Error::NonFinite`] at the first stored infinity; `NaN` (a missing
/// value for the scalers and the imputer) passes.
pub(crate) fn check_no_infinity<F: Float>(context: &'static str, x: &CsrMatrix<F>) -> Result<()> {
    first_offender(context, x, |v| v.is_infinite())
}

/// [`Error::NonFinite`] at the first stored `NaN` or infinity.
pub(crate) fn check_finite<F: Float>(context: &'static str, x: &CsrMatrix<F>) -> Result<()> {
    first_offender(context, x, |v| !v.is_finite())
}

/// The checks of a sparse input to a fitted model: `expected` columns, at
/// least one row, and no infinity (nor `NaN` unless `nan_allowed`).
pub(crate) fn check_predict_input<F: Float>(
    context: &'static str,
    expected: usize,
    x: &CsrMatrix<F>,
    nan_allowed: bool,
) -> Result<()> {
    check_width(context, expected, x)?;
    check_not_empty(context, x)?;
    if nan_allowed {
        check_no_infinity(context, x)
    } else {
        check_finite(context, x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn errors_name_the_offending_cell() {
        let x = CsrMatrix::from_dense(array![[0.0, 1.0], [f64::NAN, f64::INFINITY]].view());
        assert!(matches!(
            check_finite("t", &x),
            Err(Error::NonFinite { row: 1, column: 0, .. })
        ));
        assert!(matches!(
            check_no_infinity("t", &x),
            Err(Error::NonFinite { row: 1, column: 1, .. })
        ));
        assert!(matches!(
            check_predict_input("t", 3, &x, true),
            Err(Error::FeatureCountMismatch {
                expected: 3,
                got: 2,
                ..
            })
        ));
        let empty = CsrMatrix::<f64>::zeros((0, 2)).unwrap();
        assert!(matches!(check_not_empty("t", &empty), Err(Error::EmptyInput { .. })));
    }
}
