//! StandardScaler against scikit-learn 1.9.1 (tests/fixtures/standard_scaler.json,
//! made by tools/reference/standard_scaler.py), and its error cases.

mod common;

use approx::assert_relative_eq;
use common::fixtures::{matrix, vector};
use learnkit::prelude::*;
use learnkit::preprocessing::FittedStandardScaler;
use ndarray::{Array1, Array2, Axis, array, s};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/standard_scaler.json")).unwrap()
}

fn assert_close(got: &Array1<f64>, expected: &Array1<f64>) {
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(expected) {
        assert_relative_eq!(g, e, max_relative = 1e-12, epsilon = 1e-12);
    }
}

fn compare(case: &str, fitted: &FittedStandardScaler<f64>, x: &Array2<f64>) {
    let expected = &fixture()["cases"][case];
    for (name, got) in [
        ("mean", fitted.mean()),
        ("var", fitted.var()),
        ("scale", fitted.scale()),
    ] {
        match got {
            Some(values) => assert_close(&values, &vector(&expected[name])),
            None => assert!(expected[name].is_null(), "{case}: {name} should be present"),
        }
    }
    assert_eq!(fitted.n_samples_seen(), expected["n_samples_seen"].as_f64().unwrap());
    let transformed = fitted.transform(x.slice(s![..5, ..])).unwrap();
    let want = matrix(&expected["transform_first_rows"]);
    for (g, e) in transformed.iter().zip(want.iter()) {
        assert_relative_eq!(g, e, max_relative = 1e-12, epsilon = 1e-12);
    }
}

fn wine() -> Array2<f64> {
    learnkit::datasets::load_wine().data
}

#[test]
fn matches_scikit_learn_on_wine() {
    let x = wine();
    compare(
        "wine",
        &StandardScaler::default().fit_unsupervised(x.view()).unwrap(),
        &x,
    );
    let no_mean = StandardScaler::default().with_mean(false);
    compare("wine_without_mean", &no_mean.fit_unsupervised(x.view()).unwrap(), &x);
    let no_std = StandardScaler::default().with_std(false);
    compare("wine_without_std", &no_std.fit_unsupervised(x.view()).unwrap(), &x);
}

#[test]
fn matches_scikit_learn_with_sample_weight() {
    let x = wine();
    let w = vector(&fixture()["weights"]);
    let fitted = StandardScaler::default().fit_weighted(x.view(), ndarray::ArrayView1::<()>::from(&[]), w.view());
    compare("wine_weighted", &fitted.unwrap(), &x);
}

#[test]
fn constant_columns_keep_unit_scale_like_scikit_learn() {
    let x = wine();
    let n = x.nrows();
    let x_const = ndarray::concatenate![
        Axis(1),
        x.slice(s![.., ..3]),
        Array2::from_elem((n, 1), 7.0),
        Array2::from_elem((n, 1), 1e8)
    ];
    let fitted = StandardScaler::default().fit_unsupervised(x_const.view()).unwrap();
    compare("constant_columns", &fitted, &x_const);
    assert_eq!(fitted.scale().unwrap()[3], 1.0);
}

#[test]
fn partial_fit_in_batches_matches_scikit_learn() {
    let x = wine();
    let mut fitted = StandardScaler::default()
        .fit_unsupervised(x.slice(s![..50, ..]))
        .unwrap();
    for start in (50..x.nrows()).step_by(50) {
        fitted
            .partial_fit(x.slice(s![start..(start + 50).min(x.nrows()), ..]), None)
            .unwrap();
    }
    compare("wine_partial_fit_batches_of_50", &fitted, &x);
}

#[test]
fn partial_fit_with_bad_batch_leaves_the_scaler_unchanged() {
    let x = wine();
    let mut fitted = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    let before = fitted.clone();
    let mut bad = x.slice(s![..3, ..]).to_owned();
    bad[[1, 4]] = f64::NAN;
    assert!(matches!(
        fitted.partial_fit(bad.view(), None),
        Err(Error::NonFinite { row: 1, column: 4, .. })
    ));
    let narrow = x.slice(s![..3, ..5]);
    assert!(matches!(
        fitted.partial_fit(narrow, None),
        Err(Error::FeatureCountMismatch { .. })
    ));
    assert_eq!(fitted, before);
}

#[test]
fn inverse_transform_undoes_transform() {
    let x = wine();
    let fitted = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    let back = fitted
        .inverse_transform(fitted.transform(x.view()).unwrap().view())
        .unwrap();
    for (b, v) in back.iter().zip(x.iter()) {
        assert_relative_eq!(b, v, max_relative = 1e-12);
    }
}

#[test]
fn bad_sample_weights_are_rejected() {
    let x = array![[1.0], [2.0], [3.0]];
    let y = ndarray::ArrayView1::<()>::from(&[]);
    let scaler = StandardScaler::default();
    let negative = scaler.fit_weighted(x.view(), y, array![1.0, -1.0, 1.0].view());
    assert!(matches!(negative, Err(Error::InvalidInput { .. })), "{negative:?}");
    let short = scaler.fit_weighted(x.view(), y, array![1.0, 1.0].view());
    assert!(
        matches!(
            short,
            Err(Error::ShapeMismatch {
                expected: 3,
                got: 2,
                ..
            })
        ),
        "{short:?}"
    );
    let zero = scaler.fit_weighted(x.view(), y, array![0.0, 0.0, 0.0].view());
    assert!(matches!(zero, Err(Error::InvalidInput { .. })), "{zero:?}");
    let nan = scaler.fit_weighted(x.view(), y, array![1.0, f64::NAN, 0.0].view());
    assert!(matches!(nan, Err(Error::NonFinite { row: 1, .. })), "{nan:?}");
}

#[test]
fn large_offsets_do_not_lose_precision() {
    // Naive sum-of-squares variance would return garbage here; the two-pass
    // chunked reduction keeps full precision.
    let n = 10_000;
    let x = Array2::from_shape_fn((n, 1), |(i, _)| 1e9 + (i % 2) as f64);
    let fitted = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    assert_relative_eq!(fitted.var().unwrap()[0], 0.25, max_relative = 1e-12);
}
