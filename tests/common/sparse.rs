//! The sparse common checks: an estimator that overrides the traits'
//! `_matrix` methods must fit the same model from a sparse matrix as from
//! the dense one (scikit-learn's equivalence, to rounding), and validate a
//! sparse input as it validates a dense one.
//!
//! Call them from a test with the estimator, the data and what to compare:
//! ```ignore
//! common::sparse::sparse_fit_matches_dense(
//!     || MaxAbsScaler::default(), &x, &no_targets(&x), common::sparse::transformed, 1e-12);
//! ```

use learnkit::prelude::*;
use learnkit::sparse::{CsrMatrix, Matrix, MatrixView};
use ndarray::{Array1, Array2, Axis};

/// Iris (shuffled as [`super::iris`]) with every value below its column's
/// median set to zero: about half the values stored, so both sparse and
/// dense paths have real work, and labels as `usize`.
pub fn sparse_iris() -> (Array2<f64>, Array1<usize>) {
    let (mut x, y) = super::iris();
    for mut column in x.axis_iter_mut(Axis(1)) {
        let mut sorted = column.to_vec();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        column.mapv_inplace(|v| if v < median { 0.0 } else { v });
    }
    (x, y)
}

/// Unit targets for an unsupervised estimator on `x`.
pub fn no_targets(x: &Array2<f64>) -> Array1<()> {
    Array1::from_elem(x.nrows(), ())
}

/// A transformer's output as a dense `f64` matrix, from `transform_matrix`.
pub fn transformed<M: Transformer<f64>>(model: &M, x: MatrixView<'_, f64>) -> learnkit::Result<Array2<f64>> {
    model.transform_matrix(x)?.into_dense()
}

/// A predictor's predictions as one `f64` column.
pub fn predicted<M: Predictor<f64>>(model: &M, x: MatrixView<'_, f64>) -> learnkit::Result<Array2<f64>>
where
    M::Output: Clone + Into<f64>,
{
    Ok(model.predict_matrix(x)?.mapv(Into::into).insert_axis(Axis(1)))
}

/// A classifier's class labels as one `f64` column.
pub fn labels<M: Predictor<f64, Output = usize>>(model: &M, x: MatrixView<'_, f64>) -> learnkit::Result<Array2<f64>> {
    Ok(model.predict_matrix(x)?.mapv(|l| l as f64).insert_axis(Axis(1)))
}

/// A classifier's class labels (as `f64`) followed by its probabilities.
pub fn proba<M: PredictProba<f64, Output = usize>>(model: &M, x: MatrixView<'_, f64>) -> learnkit::Result<Array2<f64>> {
    let labels = model.predict_matrix(x)?.mapv(|l| l as f64).insert_axis(Axis(1));
    let proba = model.predict_proba_matrix(x)?;
    Ok(ndarray::concatenate![Axis(1), labels, proba])
}

/// A classifier's class labels (as `f64`) followed by its decision scores.
pub fn decision<M: DecisionFunction<f64, Output = usize>>(
    model: &M,
    x: MatrixView<'_, f64>,
) -> learnkit::Result<Array2<f64>> {
    let labels = model.predict_matrix(x)?.mapv(|l| l as f64).insert_axis(Axis(1));
    let scores = model.decision_function_matrix(x)?;
    Ok(ndarray::concatenate![Axis(1), labels, scores])
}

fn assert_close(what: &str, a: &Array2<f64>, b: &Array2<f64>, tolerance: f64) {
    assert_eq!(a.dim(), b.dim(), "{what}: shapes differ");
    for ((idx, &p), &q) in a.indexed_iter().zip(b.iter()) {
        let scale = 1f64.max(p.abs()).max(q.abs());
        assert!(
            (p == q) || (p.is_nan() && q.is_nan()) || (p - q).abs() <= tolerance * scale,
            "{what}: at {idx:?}, {p} vs {q} (tolerance {tolerance}, relative above 1)"
        );
    }
}

/// Fits `make()` with `fit_matrix` on `CsrMatrix::from_dense(x)` and with
/// `fit` on `x`, then checks that `outputs` (one of [`transformed`],
/// [`predicted`], [`proba`], [`decision`] or your own) agree within
/// `tolerance` (absolute below 1, relative above) in every combination: the
/// sparse-fitted and dense-fitted models on sparse and dense input. Also
/// checks that the sparse input was not modified and that a sparse input
/// with one column too many is `FeatureCountMismatch`.
pub fn sparse_fit_matches_dense<E, T, O>(
    make: impl Fn() -> E,
    x: &Array2<f64>,
    y: &Array1<T>,
    outputs: O,
    tolerance: f64,
) where
    E: Estimator<f64, T>,
    E::Fitted: std::fmt::Debug,
    O: Fn(&E::Fitted, MatrixView<'_, f64>) -> learnkit::Result<Array2<f64>>,
{
    let sparse = CsrMatrix::from_dense(x.view());
    let before = sparse.clone();
    let from_dense = make().fit(x.view(), y.view()).expect("dense fit");
    let from_sparse = make().fit_matrix((&sparse).into(), y.view()).expect("sparse fit");
    // Bit for bit (`NaN` is not equal to itself).
    let same = sparse.shape() == before.shape()
        && sparse.indptr() == before.indptr()
        && sparse.indices() == before.indices()
        && sparse
            .data()
            .iter()
            .zip(before.data())
            .all(|(p, q)| p.to_bits() == q.to_bits());
    assert!(same, "fit_matrix modified its sparse input");
    let reference = outputs(&from_dense, x.into()).expect("dense model on dense input");
    let cases = [
        ("dense model, sparse input", outputs(&from_dense, (&sparse).into())),
        ("sparse model, dense input", outputs(&from_sparse, x.into())),
        ("sparse model, sparse input", outputs(&from_sparse, (&sparse).into())),
    ];
    for (what, got) in cases {
        assert_close(what, &reference, &got.expect(what), tolerance);
    }

    let wider = {
        let mut w = Array2::zeros((x.nrows(), x.ncols() + 1));
        w.slice_mut(ndarray::s![.., ..x.ncols()]).assign(x);
        w[[0, x.ncols()]] = 1.0;
        CsrMatrix::from_dense(w.view())
    };
    match outputs(&from_sparse, (&wider).into()) {
        Err(Error::FeatureCountMismatch { expected, got, .. }) => {
            assert_eq!((expected, got), (x.ncols(), x.ncols() + 1))
        }
        other => panic!("a sparse input one column too wide: expected FeatureCountMismatch, got {other:?}"),
    }
}

/// A stored infinite value in a sparse fit input is `Error::NonFinite` at
/// its row and column (`NaN` may be a missing value, infinity never is).
pub fn sparse_fit_rejects_infinity<E, T>(make: impl Fn() -> E, x: &Array2<f64>, y: &Array1<T>)
where
    E: Estimator<f64, T>,
    E::Fitted: std::fmt::Debug,
{
    let mut bad = x.clone();
    let (row, column) = (x.nrows() / 2, x.ncols() - 1);
    bad[[row, column]] = f64::INFINITY;
    let sparse = CsrMatrix::from_dense(bad.view());
    match make().fit_matrix((&sparse).into(), y.view()) {
        Err(Error::NonFinite { row: r, column: c, .. }) => assert_eq!((r, c), (row, column)),
        other => panic!("expected NonFinite at ({row}, {column}), got {other:?}"),
    }
}

/// Whether a `transform_matrix` output is sparse (for transformers whose
/// sparse input must give sparse output).
pub fn is_sparse_output<M: Transformer<f64>>(model: &M, x: &Array2<f64>) -> bool {
    let sparse = CsrMatrix::from_dense(x.view());
    matches!(model.transform_matrix((&sparse).into()), Ok(Matrix::Sparse(_)))
}
