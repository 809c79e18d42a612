//! Sparse matrices: [`CsrMatrix`] (compressed sparse rows), [`CscMatrix`]
//! (compressed sparse columns, for algorithms that walk columns), and the
//! input and output types [`MatrixView`] and [`Matrix`] that hold either a
//! dense or a sparse matrix.
//!
//! # One mechanism crate-wide
//! Every estimator keeps its dense entry points (`fit(x.view(), y)`,
//! `predict(x.view())`, …). Beside each, the traits in
//! [`traits`](crate::traits) have a `_matrix` twin that takes a
//! [`MatrixView`] — dense or sparse — and, for transformers, returns a
//! [`Matrix`]: [`Estimator::fit_matrix`](crate::traits::Estimator::fit_matrix),
//! [`Predictor::predict_matrix`](crate::traits::Predictor::predict_matrix),
//! [`PredictProba::predict_proba_matrix`](crate::traits::PredictProba::predict_proba_matrix),
//! [`DecisionFunction::decision_function_matrix`](crate::traits::DecisionFunction::decision_function_matrix),
//! [`Transformer::transform_matrix`](crate::traits::Transformer::transform_matrix).
//! An estimator that computes on sparse rows overrides them; every other
//! estimator inherits the default, which densifies a sparse input (memory:
//! `n_rows × n_columns` values, allocated fallibly, so a matrix too large to
//! densify is [`Error::TooLarge`](crate::Error::TooLarge), never an abort)
//! and calls the dense method. [`Pipeline`](crate::compose::Pipeline) passes
//! each step's `Matrix` to the next step's `_matrix` method, so a one-hot
//! encoder's sparse output reaches a sparse-capable model without ever being
//! densified.
//!
//! Column indices are `u32` (as scipy's `int32` indices: a third less
//! memory traffic per non-zero than `usize`), row pointers `usize`.
//!
//! # Example
//! ```
//! use learnkit::sparse::{CsrMatrix, MatrixView};
//! use ndarray::array;
//!
//! // [[1, 0, 2], [0, 0, 3]]
//! let x = CsrMatrix::try_new((2, 3), vec![0, 2, 3], vec![0, 2, 2], vec![1.0, 2.0, 3.0])?;
//! assert_eq!(x.nnz(), 2 + 1);
//! assert_eq!(x.to_dense()?, array![[1.0, 0.0, 2.0], [0.0, 0.0, 3.0]]);
//! assert_eq!(x.dot(array![1.0, 1.0, 1.0].view())?, array![3.0, 3.0]);
//! let view = MatrixView::from(&x);
//! assert_eq!(view.shape(), (2, 3));
//! # Ok::<(), learnkit::Error>(())
//! ```

mod check;
pub(crate) mod column_stats;
mod csc;
mod csr;
mod dot;
pub(crate) mod hstack;
mod linear;
mod matrix;
pub(crate) mod normalize;
mod validate;

pub(crate) use linear::sparse_linear_scores;

pub use csc::CscMatrix;
pub use csr::{CsrMatrix, SparseRow};
pub use matrix::{Matrix, MatrixView};

pub(crate) use check::{
    check_matrix, check_matrix_predict_input, check_matrix_predict_input_with_missing, check_matrix_with_missing,
    check_matrix_x_y, check_stored_finite,
};
pub(crate) use dot::{scattered_dot, sparse_difference_sum};
