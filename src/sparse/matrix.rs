//! [`MatrixView`] and [`Matrix`]: a dense or a sparse matrix, the input and
//! output of the traits' `_matrix` methods.

use super::csr::CsrMatrix;
use crate::error::Result;
use crate::float::Float;
use ndarray::{Array2, ArrayView2};

/// A borrowed feature matrix, dense or sparse: what the traits' `_matrix`
/// methods ([`Estimator::fit_matrix`](crate::traits::Estimator::fit_matrix),
/// [`Predictor::predict_matrix`](crate::traits::Predictor::predict_matrix), …)
/// take. Made with `.into()` from an `ArrayView2`, an `&Array2` or an
/// `&CsrMatrix`.
///
/// # Example
/// ```
/// use learnkit::sparse::{CsrMatrix, MatrixView};
/// use ndarray::array;
/// let dense = array![[1.0, 0.0]];
/// let sparse = CsrMatrix::from_dense(dense.view());
/// for x in [MatrixView::from(dense.view()), MatrixView::from(&sparse)] {
///     assert_eq!(x.shape(), (1, 2));
///     assert_eq!(x.to_dense()?, dense);
/// }
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub enum MatrixView<'a, F> {
    /// A dense matrix, one row per sample.
    Dense(ArrayView2<'a, F>),
    /// A sparse matrix, one row per sample.
    Sparse(&'a CsrMatrix<F>),
}

/// An owned feature matrix, dense or sparse: what
/// [`Transformer::transform_matrix`](crate::traits::Transformer::transform_matrix)
/// returns (a one-hot encoder's sparse output, a scaler's dense one).
///
/// # Example
/// ```
/// use learnkit::sparse::{CsrMatrix, Matrix};
/// use ndarray::array;
/// let m = Matrix::Sparse(CsrMatrix::from_dense(array![[0.0, 2.0]].view()));
/// assert!(m.is_sparse());
/// assert_eq!(m.into_dense()?, array![[0.0, 2.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Matrix<F> {
    /// A dense matrix.
    Dense(Array2<F>),
    /// A sparse matrix.
    Sparse(CsrMatrix<F>),
}

impl<'a, F: Float> MatrixView<'a, F> {
    /// `(rows, columns)`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::MatrixView;
    /// use ndarray::Array2;
    /// let x = Array2::<f64>::zeros((3, 4));
    /// assert_eq!(MatrixView::from(&x).shape(), (3, 4));
    /// ```
    pub fn shape(&self) -> (usize, usize) {
        match self {
            Self::Dense(x) => x.dim(),
            Self::Sparse(x) => x.shape(),
        }
    }

    /// Number of rows (samples).
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::MatrixView;
    /// use ndarray::Array2;
    /// assert_eq!(MatrixView::from(&Array2::<f64>::zeros((3, 4))).nrows(), 3);
    /// ```
    pub fn nrows(&self) -> usize {
        self.shape().0
    }

    /// Number of columns (features).
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::MatrixView;
    /// use ndarray::Array2;
    /// assert_eq!(MatrixView::from(&Array2::<f64>::zeros((3, 4))).ncols(), 4);
    /// ```
    pub fn ncols(&self) -> usize {
        self.shape().1
    }

    /// Whether the matrix is sparse.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::MatrixView;
    /// use ndarray::Array2;
    /// assert!(!MatrixView::from(&Array2::<f64>::zeros((1, 1))).is_sparse());
    /// ```
    pub fn is_sparse(&self) -> bool {
        matches!(self, Self::Sparse(_))
    }

    /// A dense copy (allocated fallibly).
    ///
    /// # Errors
    /// [`Error::TooLarge`](crate::Error::TooLarge) when a sparse matrix's
    /// `rows × columns` values cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::{CsrMatrix, MatrixView};
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0, 1.0]].view());
    /// assert_eq!(MatrixView::from(&x).to_dense()?, array![[0.0, 1.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn to_dense(&self) -> Result<Array2<F>> {
        match self {
            Self::Dense(x) => Ok(x.to_owned()),
            Self::Sparse(x) => x.to_dense(),
        }
    }

    /// Calls `f` with a dense view: the matrix itself when it is dense, a
    /// densified copy (allocated fallibly) when it is sparse. This is how the
    /// traits' default `_matrix` methods serve estimators without a sparse
    /// algorithm.
    ///
    /// # Errors
    /// [`Error::TooLarge`](crate::Error::TooLarge) when the copy cannot be
    /// allocated, and whatever `f` returns.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::{CsrMatrix, MatrixView};
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0, 1.0]].view());
    /// let sum = MatrixView::from(&x).with_dense(|d| Ok(d.sum()))?;
    /// assert_eq!(sum, 1.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn with_dense<R>(self, f: impl FnOnce(ArrayView2<'_, F>) -> Result<R>) -> Result<R> {
        match self {
            Self::Dense(x) => f(x),
            Self::Sparse(x) => f(x.to_dense()?.view()),
        }
    }
}

impl<F: Float> Matrix<F> {
    /// A borrowed view.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::Matrix;
    /// use ndarray::array;
    /// let m = Matrix::Dense(array![[1.0]]);
    /// assert_eq!(m.view().shape(), (1, 1));
    /// ```
    pub fn view(&self) -> MatrixView<'_, F> {
        match self {
            Self::Dense(x) => MatrixView::Dense(x.view()),
            Self::Sparse(x) => MatrixView::Sparse(x),
        }
    }

    /// `(rows, columns)`.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::Matrix;
    /// use ndarray::array;
    /// assert_eq!(Matrix::Dense(array![[1.0, 2.0]]).shape(), (1, 2));
    /// ```
    pub fn shape(&self) -> (usize, usize) {
        self.view().shape()
    }

    /// Whether the matrix is sparse.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::Matrix;
    /// use ndarray::array;
    /// assert!(!Matrix::Dense(array![[1.0]]).is_sparse());
    /// ```
    pub fn is_sparse(&self) -> bool {
        matches!(self, Self::Sparse(_))
    }

    /// The dense matrix (a sparse one densified, allocated fallibly).
    ///
    /// # Errors
    /// [`Error::TooLarge`](crate::Error::TooLarge) when a sparse matrix's
    /// `rows × columns` values cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use learnkit::sparse::Matrix;
    /// use ndarray::array;
    /// assert_eq!(Matrix::Dense(array![[1.0]]).into_dense()?, array![[1.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn into_dense(self) -> Result<Array2<F>> {
        match self {
            Self::Dense(x) => Ok(x),
            Self::Sparse(x) => x.to_dense(),
        }
    }
}

impl<'a, F> From<ArrayView2<'a, F>> for MatrixView<'a, F> {
    fn from(x: ArrayView2<'a, F>) -> Self {
        Self::Dense(x)
    }
}

impl<'a, F> From<&'a Array2<F>> for MatrixView<'a, F> {
    fn from(x: &'a Array2<F>) -> Self {
        Self::Dense(x.view())
    }
}

impl<'a, F> From<&'a CsrMatrix<F>> for MatrixView<'a, F> {
    fn from(x: &'a CsrMatrix<F>) -> Self {
        Self::Sparse(x)
    }
}

impl<F> From<Array2<F>> for Matrix<F> {
    fn from(x: Array2<F>) -> Self {
        Self::Dense(x)
    }
}

impl<F> From<CsrMatrix<F>> for Matrix<F> {
    fn from(x: CsrMatrix<F>) -> Self {
        Self::Sparse(x)
    }
}
