//! The design matrix of a logistic fit, dense or sparse: one type the loss
//! and both solvers take, so that one optimiser serves either layout.

use crate::float::Float;
use crate::sparse::{CscMatrix, CsrMatrix, MatrixView};
use ndarray::ArrayView2;

/// The training matrix as the solvers read it: a dense view, or a sparse
/// matrix by rows and, when the gradient is large, by columns too.
///
/// The loss reads a sparse matrix in one pass over fixed row parts (at most
/// [`MAX_ROW_PARTS`], set by the row count alone), each summing its rows'
/// share of the gradient `Xᵀ·R` into a `k × p` array of its own: the
/// fastest way and no copy of `X`, while those arrays are smaller than the
/// matrix. When they would not be (many features and classes), a column
/// layout is built once per fit instead and `Xᵀ·R` is summed one column at
/// a time, in parallel and in row order. Either way the result does not
/// depend on the thread count.
pub(super) enum Design<'a, F> {
    Dense(ArrayView2<'a, F>),
    Sparse {
        csr: &'a CsrMatrix<F>,
        csc: Option<CscMatrix<F>>,
    },
}

/// The most row parts [`crate::parallel::fixed_row_parts`] makes.
const MAX_ROW_PARTS: usize = 16;

impl<'a, F: Float> Design<'a, F> {
    /// The design of a (checked) input matrix for `k` coefficient rows.
    pub fn new(x: MatrixView<'a, F>, k: usize) -> Self {
        match x {
            MatrixView::Dense(x) => Design::Dense(x),
            MatrixView::Sparse(csr) => {
                let per_part = k.saturating_mul(csr.ncols()).saturating_mul(MAX_ROW_PARTS);
                let csc = (per_part > csr.nnz()).then(|| csr.to_csc());
                Design::Sparse { csr, csc }
            }
        }
    }

    pub fn ncols(&self) -> usize {
        match self {
            Design::Dense(x) => x.ncols(),
            Design::Sparse { csr, .. } => csr.ncols(),
        }
    }

    /// The largest absolute feature value (for messages).
    pub fn largest_abs(&self) -> f64 {
        let fold = |m: f64, v: &F| m.max(v.as_f64().abs());
        match self {
            Design::Dense(x) => x.iter().fold(0.0, fold),
            Design::Sparse { csr, .. } => csr.data().iter().fold(0.0, fold),
        }
    }

    /// Whether the coefficients change no sample's decision (see
    /// [`crate::warn::coefficients_ignored`]).
    pub fn coefficients_ignored(&self, coef: &[f64], intercept: &[f64]) -> bool {
        let p = self.ncols();
        match self {
            Design::Dense(x) => {
                let rows = x.rows().into_iter().map(|r| r.into_iter().map(|v| v.as_f64()));
                crate::warn::coefficients_ignored(rows, coef, p, intercept)
            }
            Design::Sparse { csr, .. } => {
                // Rows expanded one at a time (the check usually stops at the
                // first row).
                let rows = csr.rows().map(|row| {
                    let mut dense = vec![0.0; p];
                    for (&j, v) in row.indices.iter().zip(row.values) {
                        dense[j as usize] = v.as_f64();
                    }
                    dense.into_iter()
                });
                crate::warn::coefficients_ignored(rows, coef, p, intercept)
            }
        }
    }
}
