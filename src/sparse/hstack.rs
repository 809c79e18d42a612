//! Side-by-side stacking of dense and sparse blocks into one CSR matrix
//! (scipy's `sparse.hstack(...).tocsr()`), as a
//! [`ColumnTransformer`](crate::compose::ColumnTransformer) stacks its
//! steps' outputs.

use super::csr::CsrMatrix;
use super::matrix::MatrixView;
use crate::alloc::try_with_capacity;
use crate::error::{Error, Result};
use crate::float::Float;

/// The blocks side by side, as one CSR matrix. Zeros of dense blocks are not
/// stored (scipy converts a dense block with `coo_matrix`, which drops
/// them); the stored values of sparse blocks are kept as they are (explicit
/// zeros included). The number of stored values is counted first, so the
/// result is allocated once and fallibly.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the blocks do not all have the same number
/// of rows (there must be at least one block); [`Error::TooLarge`] when the
/// result cannot be allocated; [`Error::InvalidInput`] beyond 2^32 columns.
pub(crate) fn hstack<F: Float>(context: &'static str, blocks: &[MatrixView<'_, F>]) -> Result<CsrMatrix<F>> {
    let Some(first) = blocks.first() else {
        return CsrMatrix::zeros((0, 0));
    };
    let n_rows = first.nrows();
    if let Some(bad) = blocks.iter().find(|b| b.nrows() != n_rows) {
        return Err(Error::ShapeMismatch {
            context: context.into(),
            what: "rows of the stacked blocks",
            expected: n_rows,
            got: bad.nrows(),
        });
    }
    let n_cols: usize = blocks.iter().map(MatrixView::ncols).sum();
    let nnz: usize = blocks
        .iter()
        .map(|b| match b {
            MatrixView::Dense(d) => d.iter().filter(|&&v| v != F::zero()).count(),
            MatrixView::Sparse(s) => s.nnz(),
        })
        .sum();
    let mut indptr = try_with_capacity::<usize>(context, || "the stacked matrix's row pointers".into(), n_rows + 1)?;
    let mut indices = try_with_capacity::<u32>(context, || "the stacked matrix's indices".into(), nnz)?;
    let mut data = try_with_capacity::<F>(context, || "the stacked matrix's values".into(), nnz)?;
    indptr.push(0);
    for i in 0..n_rows {
        let mut offset = 0usize;
        for block in blocks {
            match block {
                MatrixView::Dense(d) => {
                    for (j, &v) in d.row(i).iter().enumerate() {
                        if v != F::zero() {
                            indices.push(column_index(offset + j));
                            data.push(v);
                        }
                    }
                }
                MatrixView::Sparse(s) => {
                    let row = s.row(i);
                    indices.extend(row.indices.iter().map(|&j| column_index(offset + j as usize)));
                    data.extend_from_slice(row.values);
                }
            }
            offset += block.ncols();
        }
        indptr.push(indices.len());
    }
    // `try_new` rejects more than 2^32 columns (the indices wrapped above
    // would then be out of order) and checks everything else once more.
    CsrMatrix::try_new((n_rows, n_cols), indptr, indices, data)
}

/// A column index as stored (`u32`); wider widths are caught by
/// `CsrMatrix::try_new`'s check of the column count.
fn column_index(j: usize) -> u32 {
    j as u32
}

/// The density scikit-learn's `ColumnTransformer` compares with
/// `sparse_threshold`: stored values of the sparse blocks plus every value of
/// the dense blocks (and `more_dense_values`, the values of dense columns
/// not built yet, as a passed-through remainder), over all values. No
/// values at all has density 1 (nothing to gain from sparse output).
pub(crate) fn stacked_density<F: Float>(blocks: &[MatrixView<'_, F>], more_dense_values: usize) -> f64 {
    let (mut stored, mut total) = (more_dense_values as f64, more_dense_values as f64);
    for b in blocks {
        let (r, c) = b.shape();
        total += (r as f64) * (c as f64);
        stored += match b {
            MatrixView::Dense(_) => (r as f64) * (c as f64),
            MatrixView::Sparse(s) => s.nnz() as f64,
        };
    }
    if total == 0.0 { 1.0 } else { stored / total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn dense_and_sparse_blocks_stack_in_order() {
        let a = array![[1.0, 0.0], [0.0, 2.0]];
        let b = CsrMatrix::from_dense(array![[0.0, 3.0, 0.0], [4.0, 0.0, 5.0]].view());
        let stacked = hstack("test", &[MatrixView::Sparse(&b), MatrixView::Dense(a.view())]).unwrap();
        assert_eq!(
            stacked.to_dense().unwrap(),
            array![[0.0, 3.0, 0.0, 1.0, 0.0], [4.0, 0.0, 5.0, 0.0, 2.0]]
        );
        assert_eq!(stacked.nnz(), 5);
        assert!(
            (stacked_density(&[MatrixView::Sparse(&b), MatrixView::Dense(a.view())], 2) - 9.0 / 12.0).abs() < 1e-15
        );
    }

    #[test]
    fn blocks_of_different_heights_are_an_error() {
        let a = array![[1.0]];
        let b = array![[1.0], [2.0]];
        let result = hstack("test", &[MatrixView::Dense(a.view()), MatrixView::Dense(b.view())]);
        assert!(matches!(result, Err(Error::ShapeMismatch { .. })));
    }
}
