//! Sparse output and sparse input of the transformers (issue 17 item 2):
//! OneHotEncoder's `sparse_output`, ColumnTransformer's stacking with
//! `sparse_threshold`, the scalers, Normalizer, TruncatedSVD and
//! SimpleImputer on sparse input, each compared with its dense twin (the
//! `sparse_fit_matches_dense` common check) and with scikit-learn 1.9.1
//! (tests/fixtures/sparse_transforms.json, made by
//! tools/reference/sparse_transforms.py).

use crate::common;

use common::sparse::{no_targets, sparse_fit_matches_dense, transformed};
use learnkit::compose::{ColumnTransformer, Remainder, Step};
use learnkit::prelude::*;
use learnkit::preprocessing::{DropCategory, HandleUnknown, MinFrequency};
use learnkit::sparse::{CsrMatrix, Matrix};
use ndarray::{Array2, array};

/// Three categorical columns (codes, one with `NaN`) and one numeric one.
fn mixed() -> Array2<f64> {
    let mut x = Array2::zeros((24, 4));
    for i in 0..24 {
        x[[i, 0]] = (i % 3) as f64;
        x[[i, 1]] = if i % 7 == 0 {
            f64::NAN
        } else {
            ((i * 5) % 4) as f64 * 10.0
        };
        x[[i, 2]] = [0.0, 0.0, 0.0, 1.0, 2.0, 0.0][i % 6];
        x[[i, 3]] = (i as f64 * 0.37).sin() * 3.0 + 1.0;
    }
    x
}

fn categorical() -> Array2<f64> {
    mixed().slice(ndarray::s![.., 0..3]).to_owned()
}

fn sparse_of<F: learnkit::Float>(m: Matrix<F>) -> CsrMatrix<F> {
    match m {
        Matrix::Sparse(s) => s,
        Matrix::Dense(_) => panic!("expected a sparse output"),
    }
}

#[test]
fn one_hot_sparse_output_is_the_dense_encoding() {
    let x = categorical();
    let encoders = [
        OneHotEncoder::default(),
        OneHotEncoder::default().drop(Some(DropCategory::First)),
        OneHotEncoder::default().drop(Some(DropCategory::IfBinary)),
        OneHotEncoder::default().min_frequency(MinFrequency::Count(7)),
        OneHotEncoder::default()
            .max_categories(Some(2))
            .handle_unknown(HandleUnknown::InfrequentIfExist),
    ];
    for encoder in encoders {
        let (fitted, out) = encoder
            .fit_transform_matrix(x.view().into(), no_targets(&x).view())
            .unwrap();
        let out = sparse_of(out);
        let dense = fitted.transform(x.view()).unwrap();
        assert_eq!(out.to_dense().unwrap(), dense, "{encoder:?}");
        // One stored one per encoded (not dropped) feature value.
        assert_eq!(out.nnz() as f64, dense.sum());
        assert!(out.data().iter().all(|&v| v == 1.0));
    }
}

#[test]
fn one_hot_unknown_categories_in_sparse_output() {
    let x = categorical();
    let unseen = array![[5.0, 10.0, 9.0], [1.0, f64::NAN, 2.0]];
    let ignore = OneHotEncoder::default()
        .handle_unknown(HandleUnknown::Ignore)
        .fit_unsupervised(x.view())
        .unwrap();
    let out = sparse_of(ignore.transform_matrix(unseen.view().into()).unwrap());
    assert_eq!(out.to_dense().unwrap(), ignore.transform(unseen.view()).unwrap());
    assert_eq!(out.row(0).indices.len(), 1, "two unknown values give no stored value");
    let strict = OneHotEncoder::default().fit_unsupervised(x.view()).unwrap();
    match strict.transform_matrix(unseen.view().into()) {
        Err(Error::UnknownCategory { row, column, .. }) => assert_eq!((row, column), (0, 0)),
        other => panic!("expected UnknownCategory, got {other:?}"),
    }
}

#[test]
fn one_hot_dense_output_on_request_and_sparse_input_is_densified() {
    let x = categorical();
    let dense = OneHotEncoder::default()
        .sparse_output(false)
        .fit_unsupervised(x.view())
        .unwrap();
    let out = dense.transform_matrix(x.view().into()).unwrap();
    assert_eq!(out, Matrix::Dense(dense.transform(x.view()).unwrap()));
    // A sparse input (zeros implicit) encodes as its dense form.
    let csr = CsrMatrix::from_dense(x.view());
    let encoder = OneHotEncoder::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(
        encoder.transform_matrix((&csr).into()).unwrap(),
        encoder.transform_matrix(x.view().into()).unwrap()
    );
}

#[test]
fn one_hot_sparse_fit_matches_dense() {
    let x = categorical();
    sparse_fit_matches_dense(
        || OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore),
        &x,
        &no_targets(&x),
        transformed,
        0.0,
    );
}

/// One-hot categories, then a scaled numeric column.
type MixedColumns = ColumnTransformer<(((), Step<OneHotEncoder>), Step<StandardScaler>)>;

fn mixed_columns() -> MixedColumns {
    ColumnTransformer::new()
        .add("cat", OneHotEncoder::default(), [0, 1])
        .add("num", StandardScaler::default(), [3])
}

#[test]
fn column_transformer_stacks_sparse_and_dense_blocks() {
    let x = mixed();
    // 2 one-hot ones, 1 scaled and 1 passed-through value per row over 3 + 5
    // + 1 + 1 = 10 columns: density 0.4.
    for (threshold, sparse) in [(0.3, false), (0.41, true), (1.0, true), (0.0, false)] {
        let ct = mixed_columns()
            .remainder(Remainder::Passthrough)
            .sparse_threshold(threshold);
        let (fitted, out) = ct.fit_transform_matrix(x.view().into(), no_targets(&x).view()).unwrap();
        assert_eq!(fitted.sparse_output(), sparse, "threshold {threshold}");
        assert_eq!(out.is_sparse(), sparse, "threshold {threshold}");
        let dense = fitted.transform(x.view()).unwrap();
        assert_eq!(dense.ncols(), 10);
        assert_eq!(out.clone().into_dense().unwrap(), dense);
        assert_eq!(fitted.transform_matrix(x.view().into()).unwrap(), out);
        let (_, dense_fit) = ct.fit_transform(x.view(), no_targets(&x).view()).unwrap();
        assert_eq!(dense_fit, dense);
    }
}

#[test]
fn column_transformer_densifies_a_sparse_input() {
    // scikit-learn hands each step a column slice of a sparse input (and
    // a centring StandardScaler then refuses it); learnkit densifies the
    // input first (documented, `Error::TooLarge` when it does not fit), so
    // a sparse input gives the dense input's model and output.
    let x = mixed();
    let sparse_x = CsrMatrix::from_dense(x.view());
    for threshold in [0.0, 0.41] {
        let ct = mixed_columns()
            .remainder(Remainder::Passthrough)
            .sparse_threshold(threshold);
        let (dense_fitted, dense_out) = ct.fit_transform_matrix(x.view().into(), no_targets(&x).view()).unwrap();
        let (fitted, out) = ct
            .fit_transform_matrix((&sparse_x).into(), no_targets(&x).view())
            .unwrap();
        assert_eq!(fitted.sparse_output(), dense_fitted.sparse_output());
        assert_eq!(out, dense_out, "threshold {threshold}");
        assert_eq!(fitted.transform_matrix((&sparse_x).into()).unwrap(), out);
        assert_eq!(dense_fitted.transform_matrix((&sparse_x).into()).unwrap(), out);
        // A sparse input of the wrong width is named before anything is densified.
        let narrow = CsrMatrix::from_dense(x.slice(ndarray::s![.., 0..3]));
        assert!(matches!(
            fitted.transform_matrix((&narrow).into()),
            Err(Error::FeatureCountMismatch {
                expected: 4,
                got: 3,
                ..
            })
        ));
    }
}

#[test]
fn column_transformer_without_sparse_blocks_stays_dense() {
    let x = mixed();
    let ct = ColumnTransformer::new()
        .add("num", StandardScaler::default(), [3])
        .sparse_threshold(1.0);
    let (fitted, out) = ct.fit_transform_matrix(x.view().into(), no_targets(&x).view()).unwrap();
    assert!(!fitted.sparse_output());
    assert!(!out.is_sparse());
}

#[test]
fn column_transformer_rejects_bad_threshold_and_width() {
    let x = mixed();
    for bad in [-0.1, 1.5, f64::NAN] {
        let result = mixed_columns().sparse_threshold(bad).fit_unsupervised(x.view());
        assert!(
            matches!(result, Err(Error::InvalidParameter { .. })),
            "{bad}: {result:?}"
        );
    }
    let fitted = mixed_columns()
        .sparse_threshold(1.0)
        .fit_unsupervised(x.view())
        .unwrap();
    let wide = CsrMatrix::<f64>::zeros((2, 5)).unwrap();
    assert!(matches!(
        fitted.transform_matrix((&wide).into()),
        Err(Error::FeatureCountMismatch {
            expected: 4,
            got: 5,
            ..
        })
    ));
}

#[test]
fn column_transformer_sparse_fit_matches_dense() {
    let x = mixed().mapv(|v| if v.is_nan() { 3.0 } else { v });
    sparse_fit_matches_dense(
        || mixed_columns().sparse_threshold(1.0),
        &x,
        &no_targets(&x),
        transformed,
        0.0,
    );
}

#[test]
fn pipeline_of_sparse_columns_and_a_model_matches_the_dense_one() {
    let x = mixed();
    let y: ndarray::Array1<usize> = (0..x.nrows())
        .map(|i| usize::from(x[[i, 3]] > 1.0 || i % 3 == 0))
        .collect();
    let sparse = Pipeline::new(mixed_columns().sparse_threshold(1.0), LogisticRegression::default())
        .fit(x.view(), y.view())
        .unwrap();
    let dense = Pipeline::new(mixed_columns().sparse_threshold(0.0), LogisticRegression::default())
        .fit(x.view(), y.view())
        .unwrap();
    assert!(sparse.first.sparse_output());
    let (p, q) = (
        sparse.predict_proba(x.view()).unwrap(),
        dense.predict_proba(x.view()).unwrap(),
    );
    for (a, b) in p.iter().zip(&q) {
        assert!((a - b).abs() < 1e-10, "{a} vs {b}");
    }
}

// ---- scikit-learn 1.9.1 fixtures --------------------------------------------

use common::fixtures::{matrix, vector};
use learnkit::decomposition::TruncatedSVD;
use learnkit::preprocessing::{ImputeStrategy, MaxAbsScaler, Norm, Normalizer};
use serde_json::Value;

/// The fixtures' tolerance: absolute below 1, relative above.
const TOL: f64 = 1e-12;

fn fixture() -> Value {
    let all: Value = serde_json::from_str(include_str!("fixtures/sparse_transforms.json")).unwrap();
    all["cases"].clone()
}

/// A CSR matrix from the fixture's parts, `NaN` put back where listed.
fn csr(value: &Value) -> CsrMatrix<f64> {
    let list = |v: &Value| -> Vec<usize> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_u64().unwrap() as usize)
            .collect()
    };
    let shape = list(&value["shape"]);
    let indices = list(&value["indices"]).into_iter().map(|j| j as u32).collect();
    let mut data = vector(&value["data"]).to_vec();
    if let Some(nan) = value.get("nan") {
        for k in list(nan) {
            data[k] = f64::NAN;
        }
    }
    CsrMatrix::try_new((shape[0], shape[1]), list(&value["indptr"]), indices, data).unwrap()
}

/// A fixture output: whether scikit-learn's was sparse, and its values.
fn output(value: &Value) -> (bool, Array2<f64>) {
    let sparse = value["sparse"].as_bool().unwrap();
    let m = if sparse {
        csr(&value["matrix"]).to_dense().unwrap()
    } else {
        matrix(&value["matrix"])
    };
    (sparse, m)
}

fn assert_close(what: &str, got: &Array2<f64>, expected: &Array2<f64>) {
    assert_eq!(got.dim(), expected.dim(), "{what}");
    for ((idx, &g), &e) in got.indexed_iter().zip(expected) {
        assert!(
            (g.is_nan() && e.is_nan()) || (g - e).abs() <= TOL * e.abs().max(1.0),
            "{what} at {idx:?}: {g} vs {e}"
        );
    }
}

fn assert_vec_close(what: &str, got: &ndarray::Array1<f64>, expected: &Value) {
    assert_close(
        what,
        &got.clone().insert_axis(ndarray::Axis(0)),
        &vector(expected).insert_axis(ndarray::Axis(0)),
    );
}

/// `got` has scikit-learn's kind (sparse or dense) and values.
fn assert_output(what: &str, got: Matrix<f64>, expected: &Value) {
    let (sparse, values) = output(expected);
    assert_eq!(got.is_sparse(), sparse, "{what}: sparse output");
    assert_close(what, &got.into_dense().unwrap(), &values);
}

#[test]
fn standard_scaler_without_mean_matches_scikit_learn_on_sparse_input() {
    let cases = fixture();
    let x = csr(&cases["X"]);
    let weights = vector(&cases["sample_weight"]);
    let scaler = StandardScaler::default().with_mean(false);
    let unweighted = scaler.fit_matrix((&x).into(), no_targets_n(x.nrows()).view()).unwrap();
    let weighted = scaler
        .fit_weighted_matrix((&x).into(), no_targets_n(x.nrows()).view(), weights.view())
        .unwrap();
    for (fitted, case) in [(unweighted, "standard_scaler"), (weighted, "standard_scaler_weighted")] {
        let expected = &cases[case];
        assert_vec_close(case, &fitted.mean().unwrap(), &expected["mean"]);
        assert_vec_close(case, &fitted.var().unwrap(), &expected["var"]);
        assert_vec_close(case, &fitted.scale().unwrap(), &expected["scale"]);
        assert_output(
            case,
            fitted.transform_matrix((&x).into()).unwrap(),
            &expected["transform"],
        );
    }
}

fn no_targets_n(n: usize) -> ndarray::Array1<()> {
    ndarray::Array1::from_elem(n, ())
}

#[test]
fn standard_scaler_refuses_to_centre_sparse_input() {
    let x = csr(&fixture()["X"]);
    let result = StandardScaler::default().fit_matrix((&x).into(), no_targets_n(x.nrows()).view());
    match result {
        Err(Error::InvalidParameter { parameter, .. }) => assert_eq!(parameter, "with_mean"),
        other => panic!("expected InvalidParameter with_mean, got {other:?}"),
    }
    let dense = x.to_dense().unwrap();
    let centring = StandardScaler::default().fit_unsupervised(dense.view()).unwrap();
    assert!(matches!(
        centring.transform_matrix((&x).into()),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn max_abs_scaler_matches_scikit_learn() {
    let cases = fixture();
    let x = csr(&cases["X"]);
    let expected = &cases["max_abs_scaler"];
    let fitted = MaxAbsScaler::default()
        .fit_matrix((&x).into(), no_targets_n(x.nrows()).view())
        .unwrap();
    assert_vec_close("max_abs", fitted.max_abs(), &expected["max_abs"]);
    assert_vec_close("scale", fitted.scale(), &expected["scale"]);
    assert_output(
        "transform",
        fitted.transform_matrix((&x).into()).unwrap(),
        &expected["transform"],
    );
    let dense = x.to_dense().unwrap();
    let scaled = fitted.transform(dense.view()).unwrap();
    assert_close(
        "inverse",
        &fitted.inverse_transform(scaled.view()).unwrap(),
        &matrix(&expected["inverse_dense"]),
    );
}

#[test]
fn max_abs_scaler_partial_fit_equals_fit() {
    let x = csr(&fixture()["X"]);
    let dense = x.to_dense().unwrap();
    let full = MaxAbsScaler::default().fit_unsupervised(dense.view()).unwrap();
    let first = x.select_rows(&(0..15).collect::<Vec<_>>());
    let mut batched = MaxAbsScaler::default()
        .fit_matrix((&first).into(), no_targets_n(15).view())
        .unwrap();
    batched.partial_fit(dense.slice(ndarray::s![15.., ..]).into()).unwrap();
    assert_eq!(batched, full);
    assert!(matches!(
        batched.partial_fit(array![[1.0]].view().into()),
        Err(Error::FeatureCountMismatch { .. })
    ));
}

#[test]
fn normalizer_matches_scikit_learn() {
    let cases = fixture();
    let x = csr(&cases["X"]);
    for (name, norm) in [("l1", Norm::L1), ("l2", Norm::L2), ("max", Norm::Max)] {
        let fitted = Normalizer::default()
            .norm(norm)
            .fit_matrix((&x).into(), no_targets_n(x.nrows()).view())
            .unwrap();
        let expected = &cases["normalizer"][name];
        assert_output(name, fitted.transform_matrix((&x).into()).unwrap(), expected);
        let dense = x.to_dense().unwrap();
        assert_close(name, &fitted.transform(dense.view()).unwrap(), &output(expected).1);
    }
}

#[test]
fn one_hot_matches_scikit_learn() {
    let cases = fixture();
    let x = matrix(&cases["categorical"]["X"])
        .slice(ndarray::s![.., 0..2])
        .to_owned();
    let x_new = matrix(&cases["categorical"]["X_new"])
        .slice(ndarray::s![.., 0..2])
        .to_owned();
    for (name, encoder) in [
        ("default", OneHotEncoder::default()),
        ("drop_first", OneHotEncoder::default().drop(Some(DropCategory::First))),
        ("ignore", OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore)),
        (
            "infrequent",
            OneHotEncoder::default()
                .min_frequency(MinFrequency::Count(3))
                .handle_unknown(HandleUnknown::InfrequentIfExist),
        ),
    ] {
        let expected = &cases["one_hot"][name];
        let (fitted, out) = encoder
            .fit_transform_matrix(x.view().into(), no_targets(&x).view())
            .unwrap();
        assert_output(name, out, &expected["transform"]);
        if let Some(new) = expected.get("transform_new") {
            assert_output(name, fitted.transform_matrix(x_new.view().into()).unwrap(), new);
        }
    }
}

#[test]
fn column_transformer_matches_scikit_learn() {
    let cases = fixture();
    let x = matrix(&cases["categorical"]["X"]);
    for (name, expected) in cases["column_transformer"].as_object().unwrap() {
        let ct = ColumnTransformer::new()
            .add("cat", OneHotEncoder::default(), [0, 1])
            .add("num", StandardScaler::default(), [2])
            .remainder(Remainder::Passthrough)
            .sparse_threshold(expected["sparse_threshold"].as_f64().unwrap());
        let (fitted, out) = ct.fit_transform_matrix(x.view().into(), no_targets(&x).view()).unwrap();
        assert_eq!(
            fitted.sparse_output(),
            expected["sparse_output"].as_bool().unwrap(),
            "{name}"
        );
        assert_output(name, out, &expected["transform"]);
        assert_output(
            name,
            fitted.transform_matrix(x.view().into()).unwrap(),
            &expected["transform"],
        );
    }
}

#[test]
fn truncated_svd_matches_scikit_learn_on_sparse_input() {
    let cases = fixture();
    let x = csr(&cases["X"]);
    let expected = &cases["truncated_svd"];
    let fitted = TruncatedSVD::default()
        .n_components(3)
        .random_state(0)
        .fit_matrix((&x).into(), no_targets_n(x.nrows()).view())
        .unwrap();
    assert_close("components", fitted.components(), &matrix(&expected["components"]));
    assert_vec_close(
        "singular_values",
        fitted.singular_values(),
        &expected["singular_values"],
    );
    assert_vec_close(
        "explained_variance",
        fitted.explained_variance(),
        &expected["explained_variance"],
    );
    assert_vec_close(
        "explained_variance_ratio",
        fitted.explained_variance_ratio(),
        &expected["explained_variance_ratio"],
    );
    assert_output(
        "transform",
        fitted.transform_matrix((&x).into()).unwrap(),
        &serde_json::json!({
            "sparse": false, "matrix": expected["transform"].clone()
        }),
    );
}

#[test]
fn simple_imputer_on_sparse_input_matches_scikit_learn_values() {
    let cases = fixture();
    let imputer = &cases["simple_imputer"];
    let x = csr(&imputer["X"]);
    for (name, strategy) in [
        ("mean", ImputeStrategy::Mean),
        ("median", ImputeStrategy::Median),
        ("most_frequent", ImputeStrategy::MostFrequent),
        ("constant", ImputeStrategy::Constant(-1.5)),
    ] {
        let expected = &imputer[name];
        let fitted = SimpleImputer::default()
            .strategy(strategy)
            .fit_matrix((&x).into(), no_targets_n(x.nrows()).view())
            .unwrap();
        assert_vec_close(name, &fitted.statistics(), &expected["statistics"]);
        // scikit-learn's output is sparse; learnkit densifies (documented).
        let got = fitted.transform_matrix((&x).into()).unwrap();
        assert!(!got.is_sparse());
        assert_close(name, &got.into_dense().unwrap(), &output(&expected["transform"]).1);
    }
}

// ---- the sparse common check on each transformer ----------------------------

#[test]
fn scalers_normalizer_svd_and_imputer_sparse_fit_matches_dense() {
    let x = csr(&fixture()["X"]).to_dense().unwrap();
    let n = no_targets(&x);
    sparse_fit_matches_dense(
        || StandardScaler::default().with_mean(false),
        &x,
        &n,
        transformed,
        1e-12,
    );
    sparse_fit_matches_dense(MaxAbsScaler::default, &x, &n, transformed, 0.0);
    for norm in [Norm::L1, Norm::L2, Norm::Max] {
        sparse_fit_matches_dense(|| Normalizer::default().norm(norm), &x, &n, transformed, 1e-15);
    }
    sparse_fit_matches_dense(
        || TruncatedSVD::default().n_components(3).random_state(0),
        &x,
        &n,
        transformed,
        1e-10,
    );
    sparse_fit_matches_dense(SimpleImputer::default, &x, &n, transformed, 0.0);
    let (iris, _) = common::sparse::sparse_iris();
    let n = no_targets(&iris);
    sparse_fit_matches_dense(
        || StandardScaler::default().with_mean(false),
        &iris,
        &n,
        transformed,
        1e-12,
    );
    sparse_fit_matches_dense(
        || TruncatedSVD::default().n_components(2).n_iter(3).random_state(1),
        &iris,
        &n,
        transformed,
        1e-10,
    );
    common::sparse::sparse_fit_rejects_infinity(|| StandardScaler::default().with_mean(false), &iris, &n);
    common::sparse::sparse_fit_rejects_infinity(MaxAbsScaler::default, &iris, &n);
    common::sparse::sparse_fit_rejects_infinity(Normalizer::default, &iris, &n);
    common::sparse::sparse_fit_rejects_infinity(|| TruncatedSVD::default().random_state(0), &iris, &n);
}

#[test]
fn sparse_transforms_keep_sparse_output() {
    let x = csr(&fixture()["X"]).to_dense().unwrap();
    let scaler = StandardScaler::default()
        .with_mean(false)
        .fit_unsupervised(x.view())
        .unwrap();
    assert!(common::sparse::is_sparse_output(&scaler, &x));
    assert!(common::sparse::is_sparse_output(
        &MaxAbsScaler::default().fit_unsupervised(x.view()).unwrap(),
        &x
    ));
    assert!(common::sparse::is_sparse_output(
        &Normalizer::default().fit_unsupervised(x.view()).unwrap(),
        &x
    ));
}
