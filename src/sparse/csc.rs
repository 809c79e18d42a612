//! [`CscMatrix`]: compressed sparse columns, for algorithms that walk
//! columns (coordinate descent, per-feature statistics, `Xᵀ v`).

use super::csr::{CsrMatrix, SparseRow};
use super::validate::check_compressed;
use crate::alloc::{try_filled, try_zeros};
use crate::error::{Error, Result};
use crate::float::Float;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

/// A sparse matrix in compressed sparse column (CSC) form, scipy's
/// `csc_matrix` with sorted indices and no duplicates.
///
/// Column `j` holds the values `data[indptr[j]..indptr[j + 1]]` at the rows
/// `indices[indptr[j]..indptr[j + 1]]`, strictly increasing. Build one from
/// a [`CsrMatrix`] with [`CsrMatrix::to_csc`] or from parts with
/// [`CscMatrix::try_new`].
///
/// # Example
/// ```
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
/// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view()).to_csc();
/// assert_eq!(x.column(1).indices, &[1]);
/// assert_eq!(x.transpose_dot(array![1.0, 1.0].view())?, array![3.0, 3.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CscMatrix<F> {
    nrows: usize,
    ncols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<F>,
}

/// Compresses `(indptr, indices, data)` along the other axis: from CSR to
/// CSC or back (the transpose of a compressed matrix). `n_other` is the
/// size of the axis the indices point into. Stable: within each new slice,
/// entries come in the order of the old major axis, so indices stay sorted.
pub(crate) fn compress_other_axis<F: Copy>(
    n_other: usize,
    indptr: &[usize],
    indices: &[u32],
    data: &[F],
) -> (Vec<usize>, Vec<u32>, Vec<F>) {
    let mut out_ptr = vec![0usize; n_other + 1];
    for &j in indices {
        out_ptr[j as usize + 1] += 1;
    }
    for j in 0..n_other {
        out_ptr[j + 1] += out_ptr[j];
    }
    let mut next = out_ptr.clone();
    let mut out_indices = vec![0u32; indices.len()];
    let mut out_data = Vec::with_capacity(data.len());
    // Filled out of order; `data[0]` is a placeholder overwritten below.
    if let Some(&first) = data.first() {
        out_data.resize(data.len(), first);
    }
    for i in 0..indptr.len().saturating_sub(1) {
        for k in indptr[i]..indptr[i + 1] {
            let j = indices[k] as usize;
            out_indices[next[j]] = i as u32;
            out_data[next[j]] = data[k];
            next[j] += 1;
        }
    }
    (out_ptr, out_indices, out_data)
}

impl<F: Float> CscMatrix<F> {
    /// Builds a matrix from its CSC parts, checking them.
    ///
    /// # Errors
    /// As [`CsrMatrix::try_new`], with columns and rows exchanged.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CscMatrix;
    /// let x = CscMatrix::try_new((2, 2), vec![0, 1, 1], vec![1], vec![4.0])?;
    /// assert_eq!(x.column(0).indices, &[1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn try_new(shape: (usize, usize), indptr: Vec<usize>, indices: Vec<u32>, data: Vec<F>) -> Result<Self> {
        check_compressed(
            "CscMatrix",
            (shape.1, shape.0),
            ("column", "row"),
            &indptr,
            &indices,
            data.len(),
        )?;
        Ok(Self {
            nrows: shape.0,
            ncols: shape.1,
            indptr,
            indices,
            data,
        })
    }

    /// The CSC layout of a CSR matrix.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::{CscMatrix, CsrMatrix};
    /// use ndarray::array;
    /// let csr = CsrMatrix::from_dense(array![[0.0, 5.0]].view());
    /// assert_eq!(CscMatrix::from_csr(&csr).to_csr(), csr);
    /// ```
    pub fn from_csr(csr: &CsrMatrix<F>) -> Self {
        let (indptr, indices, data) = compress_other_axis(csr.ncols(), csr.indptr(), csr.indices(), csr.data());
        Self {
            nrows: csr.nrows(),
            ncols: csr.ncols(),
            indptr,
            indices,
            data,
        }
    }

    /// The CSR layout of this matrix.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let csr = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view());
    /// assert_eq!(csr.to_csc().to_csr(), csr);
    /// ```
    pub fn to_csr(&self) -> CsrMatrix<F> {
        let (indptr, indices, data) = compress_other_axis(self.nrows, &self.indptr, &self.indices, &self.data);
        CsrMatrix::try_new((self.nrows, self.ncols), indptr, indices, data)
            .unwrap_or_else(|e| unreachable!("a transposed valid matrix is valid: {e}"))
    }

    /// Checks the invariants again (for a matrix read by serde).
    ///
    /// # Errors
    /// As [`CscMatrix::try_new`].
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert!(CsrMatrix::from_dense(array![[1.0]].view()).to_csc().check().is_ok());
    /// ```
    pub fn check(&self) -> Result<()> {
        check_compressed(
            "CscMatrix",
            (self.ncols, self.nrows),
            ("column", "row"),
            &self.indptr,
            &self.indices,
            self.data.len(),
        )
    }

    /// Number of rows.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[1.0, 2.0]].view()).to_csc().nrows(), 1);
    /// ```
    pub fn nrows(&self) -> usize {
        self.nrows
    }

    /// Number of columns.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[1.0, 2.0]].view()).to_csc().ncols(), 2);
    /// ```
    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// Number of stored values.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[1.0, 0.0]].view()).to_csc().nnz(), 1);
    /// ```
    pub fn nnz(&self) -> usize {
        self.data.len()
    }

    /// Column pointers: column `j` is `indptr()[j]..indptr()[j + 1]`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[1.0, 0.0]].view()).to_csc().indptr(), &[0, 1, 1]);
    /// ```
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }

    /// Row index of each stored value.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[0.0], [1.0]].view()).to_csc().indices(), &[1]);
    /// ```
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    /// The stored values, column after column.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[2.0, 1.0]].view()).to_csc().data(), &[2.0, 1.0]);
    /// ```
    pub fn data(&self) -> &[F] {
        &self.data
    }

    /// Column `j`: its row indices and values (a [`SparseRow`] of the
    /// transpose).
    ///
    /// # Panics
    /// When `j >= ncols()`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view()).to_csc();
    /// assert_eq!(x.column(0).values, &[1.0, 2.0]);
    /// ```
    #[inline]
    pub fn column(&self, j: usize) -> SparseRow<'_, F> {
        let (start, end) = (self.indptr[j], self.indptr[j + 1]);
        SparseRow {
            indices: &self.indices[start..end],
            values: &self.data[start..end],
        }
    }

    /// `Xᵀ v` for `v` with one value per row: one dot product per column,
    /// columns in parallel (each output is summed in row order, so the
    /// result does not depend on the thread count).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `v.len() != nrows()`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view()).to_csc();
    /// assert_eq!(x.transpose_dot(array![1.0, 10.0].view())?, array![21.0, 30.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transpose_dot(&self, v: ArrayView1<'_, F>) -> Result<Array1<F>> {
        self.check_height("CscMatrix::transpose_dot", "vector length", v.len())?;
        let mut out = try_filled(
            "CscMatrix::transpose_dot",
            || "the product".into(),
            self.ncols,
            F::zero(),
        )?;
        out.par_iter_mut()
            .with_min_len(1024)
            .enumerate()
            .for_each(|(j, o)| *o = self.column(j).dot(v));
        Ok(Array1::from(out))
    }

    /// `Xᵀ B` for a dense `B` with one row per row of `X` (`ncols() × k`),
    /// columns of `X` in parallel, each summed in row order.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `b.nrows() != nrows()`;
    /// [`Error::TooLarge`] when the product cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view());
    /// let b = array![[1.0, 0.0], [0.0, 1.0]];
    /// assert_eq!(x.to_csc().transpose_dot_dense(b.view())?, x.transpose().to_dense()?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transpose_dot_dense(&self, b: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check_height(
            "CscMatrix::transpose_dot_dense",
            "rows of the right-hand matrix",
            b.nrows(),
        )?;
        let mut out = try_zeros::<F>(
            "CscMatrix::transpose_dot_dense",
            || "the product".into(),
            (self.ncols, b.ncols()),
        )?;
        out.axis_iter_mut(Axis(0))
            .into_par_iter()
            .with_min_len(64)
            .enumerate()
            .for_each(|(j, mut o)| {
                let column = self.column(j);
                for (&i, &v) in column.indices.iter().zip(column.values) {
                    o.scaled_add(v, &b.row(i as usize));
                }
            });
        Ok(out)
    }

    fn check_height(&self, context: &'static str, what: &'static str, got: usize) -> Result<()> {
        if got != self.nrows {
            return Err(Error::ShapeMismatch {
                context: context.into(),
                what,
                expected: self.nrows,
                got,
            });
        }
        Ok(())
    }
}
