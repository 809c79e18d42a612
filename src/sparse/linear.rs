//! Linear scores `X·Wᵀ + b` of a sparse `X`: the prediction of every linear
//! model on sparse input.

use super::csr::CsrMatrix;
use crate::float::Float;
use crate::linalg::LINEAR_SCORE_ROWS;
use ndarray::{Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis};
use rayon::prelude::*;

/// `X·coefᵀ + intercept` (`n × k`) for a sparse `X` and a `k × p` `coef`,
/// in the coefficients' float type `G` (a model may keep `f64` coefficients
/// for `f32` input): each output a sum from zero over the row's stored
/// values in column order, then the intercept, so a row's scores do not
/// depend on the batch it comes in. Rows in parallel, in blocks of
/// [`LINEAR_SCORE_ROWS`].
///
/// The caller checks that `X` has `p` columns.
pub(crate) fn sparse_linear_scores<F: Float, G: Float>(
    x: &CsrMatrix<F>,
    coef: ArrayView2<'_, G>,
    intercept: ArrayView1<'_, G>,
) -> Array2<G> {
    let mut out = Array2::<G>::zeros((x.nrows(), coef.nrows()));
    let block = |start: usize, mut out_rows: ArrayViewMut2<'_, G>| {
        for (i, mut scores) in out_rows.outer_iter_mut().enumerate() {
            let row = x.row(start + i);
            for ((score, coef_row), &b) in scores.iter_mut().zip(coef.outer_iter()).zip(intercept.iter()) {
                let mut sum = G::zero();
                for (&j, &v) in row.indices.iter().zip(row.values) {
                    sum += G::cast(v.as_f64()) * coef_row[j as usize];
                }
                *score = sum + b;
            }
        }
    };
    // One block: here, not on a pool (a one-row prediction would wait for
    // another thread longer than it computes).
    if x.nrows() <= LINEAR_SCORE_ROWS {
        block(0, out.view_mut());
    } else {
        out.axis_chunks_iter_mut(Axis(0), LINEAR_SCORE_ROWS)
            .into_par_iter()
            .enumerate()
            .for_each(|(b, rows)| block(b * LINEAR_SCORE_ROWS, rows));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn sparse_scores_equal_the_dense_ones() {
        let dense = array![[1.0, 0.0, 2.0], [0.0, 0.0, 0.0], [0.0, -3.0, 0.5]];
        let x = CsrMatrix::from_dense(dense.view());
        let coef = array![[0.5, 1.0, -1.0], [2.0, 0.0, 1.0]];
        let intercept = array![0.25, -1.0];
        let scores = sparse_linear_scores(&x, coef.view(), intercept.view());
        let expected = dense.dot(&coef.t()) + &intercept;
        assert_eq!(scores, expected);
    }
}
