//! [`CsrMatrix`]: compressed sparse rows, the layout of row-wise algorithms
//! (predicting, gradients summed over samples, k-NN, kernels).

use super::validate::check_compressed;
use crate::alloc::{check_fits_values, try_filled, try_zeros};
use crate::error::{Error, Result};
use crate::float::Float;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

/// A sparse matrix in compressed sparse row (CSR) form, as scipy's
/// `csr_matrix` with sorted indices and no duplicates (its canonical format).
///
/// Row `i` holds the values `data[indptr[i]..indptr[i + 1]]` at the columns
/// `indices[indptr[i]..indptr[i + 1]]`, strictly increasing. Every
/// constructor checks this, so the operations never meet a malformed matrix.
/// Explicitly stored zeros are allowed (they change nothing).
///
/// # Example
/// ```
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
/// let dense = array![[0.0, 1.5], [2.0, 0.0], [0.0, 0.0]];
/// let x = CsrMatrix::from_dense(dense.view());
/// assert_eq!((x.nrows(), x.ncols(), x.nnz()), (3, 2, 2));
/// assert_eq!(x.row(1).indices, &[0]);
/// assert_eq!(x.to_dense()?, dense);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CsrMatrix<F> {
    nrows: usize,
    ncols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<F>,
}

/// One row of a [`CsrMatrix`]: its stored column indices (strictly
/// increasing) and their values.
///
/// # Example
/// ```
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
/// let x = CsrMatrix::from_dense(array![[0.0, 3.0, 4.0]].view());
/// let row = x.row(0);
/// assert_eq!((row.indices, row.values), (&[1u32, 2][..], &[3.0, 4.0][..]));
/// assert_eq!(row.dot(array![1.0, 1.0, 2.0].view()), 11.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SparseRow<'a, F> {
    /// Column indices of the stored values, strictly increasing.
    pub indices: &'a [u32],
    /// The stored values.
    pub values: &'a [F],
}

impl<F: Float> SparseRow<'_, F> {
    /// The dot product with a dense vector of the matrix's width.
    ///
    /// # Panics
    /// When an index is out of `dense`'s range (never for a row of a matrix
    /// whose width is `dense.len()`).
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[2.0, 0.0]].view());
    /// assert_eq!(x.row(0).dot(array![3.0, 5.0].view()), 6.0);
    /// ```
    #[inline]
    pub fn dot(&self, dense: ArrayView1<'_, F>) -> F {
        let mut sum = F::zero();
        for (&j, &v) in self.indices.iter().zip(self.values) {
            sum += v * dense[j as usize];
        }
        sum
    }

    /// The squared Euclidean norm of the row.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[3.0, 0.0, 4.0]].view());
    /// assert_eq!(x.row(0).squared_norm(), 25.0);
    /// ```
    #[inline]
    pub fn squared_norm(&self) -> F {
        self.values.iter().fold(F::zero(), |s, &v| s + v * v)
    }
}

impl<F: Float> CsrMatrix<F> {
    /// Builds a matrix from its CSR parts, checking them.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `indptr` does not have `nrows + 1`
    /// entries or `indices` and `data` differ in length;
    /// [`Error::InvalidInput`] naming the row when `indptr` does not start
    /// at 0, decreases or does not end at the number of values, or when a
    /// row's column indices are out of range, unsorted or duplicated (build
    /// those with [`CsrMatrix::from_triplets`], which sorts and sums).
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// let x = CsrMatrix::try_new((2, 2), vec![0, 1, 2], vec![1, 0], vec![5.0, 6.0])?;
    /// assert_eq!(x.row(0).indices, &[1]);
    /// let unsorted = CsrMatrix::try_new((1, 3), vec![0, 2], vec![2, 0], vec![1.0, 1.0]);
    /// assert!(matches!(unsorted, Err(learnkit::Error::InvalidInput { .. })));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn try_new(shape: (usize, usize), indptr: Vec<usize>, indices: Vec<u32>, data: Vec<F>) -> Result<Self> {
        check_compressed("CsrMatrix", shape, ("row", "column"), &indptr, &indices, data.len())?;
        Ok(Self {
            nrows: shape.0,
            ncols: shape.1,
            indptr,
            indices,
            data,
        })
    }

    /// Checks the invariants again (for a matrix read by serde, whose fields
    /// came from a file).
    ///
    /// # Errors
    /// As [`CsrMatrix::try_new`].
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// assert!(CsrMatrix::<f64>::zeros((2, 3))?.check().is_ok());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn check(&self) -> Result<()> {
        check_compressed(
            "CsrMatrix",
            (self.nrows, self.ncols),
            ("row", "column"),
            &self.indptr,
            &self.indices,
            self.data.len(),
        )
    }

    /// A matrix of zeros (no stored values).
    ///
    /// # Errors
    /// [`Error::TooLarge`] when the `nrows + 1` row pointers cannot be
    /// allocated; [`Error::InvalidInput`] when `ncols` exceeds `2^32`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// let x = CsrMatrix::<f64>::zeros((4, 2))?;
    /// assert_eq!((x.shape(), x.nnz()), ((4, 2), 0));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn zeros(shape: (usize, usize)) -> Result<Self> {
        let indptr = try_filled(
            "CsrMatrix::zeros",
            || "row pointers".into(),
            shape.0.saturating_add(1),
            0usize,
        )?;
        Self::try_new(shape, indptr, Vec::new(), Vec::new())
    }

    /// Builds a matrix from coordinate triplets `(rows[k], cols[k],
    /// values[k])` in any order, summing duplicates (scipy's
    /// `coo_matrix(...).tocsr()`).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when the three slices differ in length;
    /// [`Error::InvalidInput`] naming the entry when a row or column is out
    /// of range or the width does not fit `u32` indices.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_triplets((2, 2), &[1, 0, 1], &[0, 1, 0], &[1.0, 2.0, 3.0])?;
    /// assert_eq!(x.to_dense()?, array![[0.0, 2.0], [4.0, 0.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn from_triplets(shape: (usize, usize), rows: &[usize], cols: &[usize], values: &[F]) -> Result<Self> {
        const CONTEXT: &str = "CsrMatrix::from_triplets";
        let (nrows, ncols) = shape;
        for (what, len) in [("cols", cols.len()), ("values", values.len())] {
            if len != rows.len() {
                return Err(Error::ShapeMismatch {
                    context: CONTEXT.into(),
                    what: if what == "cols" {
                        "rows and cols lengths"
                    } else {
                        "rows and values lengths"
                    },
                    expected: rows.len(),
                    got: len,
                });
            }
        }
        if ncols as u128 > u32::MAX as u128 + 1 {
            return Err(Error::InvalidInput {
                context: CONTEXT.into(),
                message: format!("{ncols} columns: at most 2^32 are supported (u32 indices)"),
            });
        }
        for (k, (&i, &j)) in rows.iter().zip(cols).enumerate() {
            if i >= nrows || j >= ncols {
                return Err(Error::InvalidInput {
                    context: CONTEXT.into(),
                    message: format!("entry {k} at ({i}, {j}) is outside the {nrows} x {ncols} matrix"),
                });
            }
        }
        check_fits_values::<usize>(CONTEXT, || format!("row pointers for {nrows} rows"), &[nrows, 1])?;
        // Counting sort by row, then sort each row by column and merge
        // duplicates (summed in input order, so the result is deterministic).
        let mut indptr = vec![0usize; nrows + 1];
        for &i in rows {
            indptr[i + 1] += 1;
        }
        for i in 0..nrows {
            indptr[i + 1] += indptr[i];
        }
        let mut next = indptr.clone();
        let mut order = vec![0usize; rows.len()];
        for (k, &i) in rows.iter().enumerate() {
            order[next[i]] = k;
            next[i] += 1;
        }
        let mut out_indptr = Vec::with_capacity(nrows + 1);
        out_indptr.push(0);
        let mut indices = Vec::with_capacity(rows.len());
        let mut data = Vec::with_capacity(rows.len());
        for i in 0..nrows {
            let slot = &mut order[indptr[i]..indptr[i + 1]];
            slot.sort_by_key(|&k| (cols[k], k));
            for &k in slot.iter() {
                let j = cols[k] as u32;
                if indices.len() > *out_indptr.last().unwrap_or(&0) && indices.last() == Some(&j) {
                    let last = data.len() - 1;
                    data[last] += values[k];
                } else {
                    indices.push(j);
                    data.push(values[k]);
                }
            }
            out_indptr.push(indices.len());
        }
        Ok(Self {
            nrows,
            ncols,
            indptr: out_indptr,
            indices,
            data,
        })
    }

    /// The non-zero entries of a dense matrix (NaN counts as non-zero).
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[0.0, 1.0], [0.0, 0.0]].view()).nnz(), 1);
    /// ```
    pub fn from_dense(x: ArrayView2<'_, F>) -> Self {
        let mut indptr = Vec::with_capacity(x.nrows() + 1);
        indptr.push(0);
        let mut indices = Vec::new();
        let mut data = Vec::new();
        for row in x.rows() {
            for (j, &v) in row.iter().enumerate() {
                if v != F::zero() {
                    indices.push(j as u32);
                    data.push(v);
                }
            }
            indptr.push(indices.len());
        }
        Self {
            nrows: x.nrows(),
            ncols: x.ncols(),
            indptr,
            indices,
            data,
        }
    }

    /// The dense matrix, allocated fallibly.
    ///
    /// # Errors
    /// [`Error::TooLarge`] when `nrows × ncols` values cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// let huge = CsrMatrix::<f64>::zeros((1 << 20, 1 << 32))?;
    /// assert!(matches!(huge.to_dense(), Err(learnkit::Error::TooLarge { .. })));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn to_dense(&self) -> Result<Array2<F>> {
        let mut out = try_zeros::<F>(
            "CsrMatrix::to_dense",
            || "the dense matrix".into(),
            (self.nrows, self.ncols),
        )?;
        for (i, mut dense) in out.axis_iter_mut(Axis(0)).enumerate() {
            let row = self.row(i);
            for (&j, &v) in row.indices.iter().zip(row.values) {
                dense[j as usize] = v;
            }
        }
        Ok(out)
    }

    /// Number of rows.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::sparse::CsrMatrix::<f64>::zeros((3, 2)).unwrap().nrows(), 3);
    /// ```
    pub fn nrows(&self) -> usize {
        self.nrows
    }

    /// Number of columns.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::sparse::CsrMatrix::<f64>::zeros((3, 2)).unwrap().ncols(), 2);
    /// ```
    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// `(nrows, ncols)`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::sparse::CsrMatrix::<f64>::zeros((3, 2)).unwrap().shape(), (3, 2));
    /// ```
    pub fn shape(&self) -> (usize, usize) {
        (self.nrows, self.ncols)
    }

    /// Number of stored values (explicit zeros included).
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::sparse::CsrMatrix::<f64>::zeros((3, 2)).unwrap().nnz(), 0);
    /// ```
    pub fn nnz(&self) -> usize {
        self.data.len()
    }

    /// Stored values per cell: `nnz / (nrows × ncols)` (0 for an empty shape).
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[1.0, 0.0]].view()).density(), 0.5);
    /// ```
    pub fn density(&self) -> f64 {
        let cells = self.nrows as f64 * self.ncols as f64;
        if cells == 0.0 { 0.0 } else { self.nnz() as f64 / cells }
    }

    /// Row pointers: row `i` is `indptr()[i]..indptr()[i + 1]`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::sparse::CsrMatrix::<f64>::zeros((2, 2)).unwrap().indptr(), &[0, 0, 0]);
    /// ```
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }

    /// Column index of each stored value.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[0.0, 7.0]].view()).indices(), &[1]);
    /// ```
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    /// The stored values, row after row.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// assert_eq!(CsrMatrix::from_dense(array![[0.0, 7.0]].view()).data(), &[7.0]);
    /// ```
    pub fn data(&self) -> &[F] {
        &self.data
    }

    /// The stored values, to change in place (the sparsity structure cannot
    /// change, so the matrix stays valid): scaling, normalising, tf-idf
    /// weighting.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let mut x = CsrMatrix::from_dense(array![[0.0, 7.0]].view());
    /// x.data_mut()[0] = 1.0;
    /// assert_eq!(x.to_dense()?, array![[0.0, 1.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn data_mut(&mut self) -> &mut [F] {
        &mut self.data
    }

    /// The parts `(shape, indptr, indices, data)`, the inverse of
    /// [`CsrMatrix::try_new`].
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// let (shape, indptr, indices, data) = CsrMatrix::<f64>::zeros((1, 1))?.into_parts();
    /// assert_eq!((shape, indptr, indices, data), ((1, 1), vec![0, 0], vec![], vec![]));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn into_parts(self) -> ((usize, usize), Vec<usize>, Vec<u32>, Vec<F>) {
        ((self.nrows, self.ncols), self.indptr, self.indices, self.data)
    }

    /// Row `i`.
    ///
    /// # Panics
    /// When `i >= nrows()`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0, 1.0], [2.0, 3.0]].view());
    /// assert_eq!(x.row(1).values, &[2.0, 3.0]);
    /// ```
    #[inline]
    pub fn row(&self, i: usize) -> SparseRow<'_, F> {
        let (start, end) = (self.indptr[i], self.indptr[i + 1]);
        SparseRow {
            indices: &self.indices[start..end],
            values: &self.data[start..end],
        }
    }

    /// The rows in order.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0, 1.0], [2.0, 3.0]].view());
    /// let counts: Vec<usize> = x.rows().map(|r| r.indices.len()).collect();
    /// assert_eq!(counts, [1, 2]);
    /// ```
    pub fn rows(&self) -> impl ExactSizeIterator<Item = SparseRow<'_, F>> + '_ {
        (0..self.nrows).map(|i| self.row(i))
    }

    /// The first non-finite stored value as `(row, column, value)`, if any.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0, 1.0], [f64::NAN, 0.0]].view());
    /// assert!(matches!(x.first_non_finite(), Some((1, 0, v)) if v.is_nan()));
    /// ```
    pub fn first_non_finite(&self) -> Option<(usize, usize, F)> {
        let k = self.data.iter().position(|v| !v.is_finite())?;
        let row = self.indptr.partition_point(|&p| p <= k) - 1;
        Some((row, self.indices[k] as usize, self.data[k]))
    }

    /// The rows `rows` (in that order, repeats allowed), as scipy's `x[rows]`.
    ///
    /// # Panics
    /// When a row is out of range.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [0.0, 2.0]].view());
    /// assert_eq!(x.select_rows(&[1, 1]).to_dense()?, array![[0.0, 2.0], [0.0, 2.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn select_rows(&self, rows: &[usize]) -> Self {
        let mut indptr = Vec::with_capacity(rows.len() + 1);
        indptr.push(0);
        let nnz: usize = rows.iter().map(|&i| self.indptr[i + 1] - self.indptr[i]).sum();
        let mut indices = Vec::with_capacity(nnz);
        let mut data = Vec::with_capacity(nnz);
        for &i in rows {
            let row = self.row(i);
            indices.extend_from_slice(row.indices);
            data.extend_from_slice(row.values);
            indptr.push(indices.len());
        }
        Self {
            nrows: rows.len(),
            ncols: self.ncols,
            indptr,
            indices,
            data,
        }
    }

    /// `X v`: one dot product per row, rows in parallel.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `v.len() != ncols()`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view());
    /// assert_eq!(x.dot(array![1.0, 10.0].view())?, array![1.0, 32.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn dot(&self, v: ArrayView1<'_, F>) -> Result<Array1<F>> {
        self.check_width("CsrMatrix::dot", "vector length", v.len())?;
        let mut out = try_filled("CsrMatrix::dot", || "the product".into(), self.nrows, F::zero())?;
        out.par_iter_mut()
            .with_min_len(1024)
            .enumerate()
            .for_each(|(i, o)| *o = self.row(i).dot(v));
        Ok(Array1::from(out))
    }

    /// `X B` for a dense `B` with `ncols()` rows, rows in parallel.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `b.nrows() != ncols()`;
    /// [`Error::TooLarge`] when the product cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view());
    /// let b = array![[1.0, 0.0], [0.0, 1.0]];
    /// assert_eq!(x.dot_dense(b.view())?, x.to_dense()?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn dot_dense(&self, b: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.check_width("CsrMatrix::dot_dense", "rows of the right-hand matrix", b.nrows())?;
        let mut out = try_zeros::<F>("CsrMatrix::dot_dense", || "the product".into(), (self.nrows, b.ncols()))?;
        out.axis_iter_mut(Axis(0))
            .into_par_iter()
            .with_min_len(256)
            .enumerate()
            .for_each(|(i, mut o)| {
                let row = self.row(i);
                for (&j, &v) in row.indices.iter().zip(row.values) {
                    o.scaled_add(v, &b.row(j as usize));
                }
            });
        Ok(out)
    }

    /// The transpose, which is also this matrix's [`CscMatrix`](super::CscMatrix) layout
    /// turned around: see [`CsrMatrix::to_csc`].
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0, 2.0]].view());
    /// assert_eq!(x.transpose().to_dense()?, array![[1.0], [0.0], [2.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transpose(&self) -> Self {
        let (indptr, indices, data) =
            super::csc::compress_other_axis(self.ncols, &self.indptr, &self.indices, &self.data);
        Self {
            nrows: self.ncols,
            ncols: self.nrows,
            indptr,
            indices,
            data,
        }
    }

    /// The same matrix in compressed sparse column form.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[1.0, 0.0], [2.0, 3.0]].view());
    /// assert_eq!(x.to_csc().column(0).values, &[1.0, 2.0]);
    /// ```
    pub fn to_csc(&self) -> super::CscMatrix<F> {
        super::CscMatrix::from_csr(self)
    }

    fn check_width(&self, context: &'static str, what: &'static str, got: usize) -> Result<()> {
        if got != self.ncols {
            return Err(Error::ShapeMismatch {
                context: context.into(),
                what,
                expected: self.ncols,
                got,
            });
        }
        Ok(())
    }
}
