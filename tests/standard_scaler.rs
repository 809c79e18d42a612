//! StandardScaler against scikit-learn 1.9.1 (tests/fixtures/standard_scaler.json,
//! made by tools/reference/standard_scaler.py), and its error cases.

use crate::common;

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
    let seen = expected["n_samples_seen"].as_f64().unwrap();
    assert!(fitted.n_samples_seen().iter().all(|&n| n == seen));
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
    bad[[0, 2]] = f64::NAN; // a missing value: not the error
    bad[[1, 4]] = f64::INFINITY;
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

/// x = [[1, 2], [NaN, 4], [3, NaN], [5, NaN]]: column 0 holds 1, 3, 5 (mean
/// 3, variance 8/3), column 1 holds 2, 4 (mean 3, variance 1), as
/// scikit-learn's `StandardScaler().fit(x)` gives (`mean_ = [3, 3]`,
/// `var_ = [8/3, 1]`, `n_samples_seen_ = [3, 2]`).
fn with_missing() -> Array2<f64> {
    array![[1.0, 2.0], [f64::NAN, 4.0], [3.0, f64::NAN], [5.0, f64::NAN]]
}

/// Equal arrays (to 1e-15 relative) where NaN equals NaN.
fn assert_same(got: &Array2<f64>, expected: &Array2<f64>) {
    assert_eq!(got.dim(), expected.dim());
    for (g, e) in got.iter().zip(expected) {
        assert!(
            (g - e).abs() <= 1e-15 * e.abs() || (g.is_nan() && e.is_nan()),
            "{got} != {expected}"
        );
    }
}

#[test]
fn nan_is_ignored_in_fit_and_passed_through_transform() {
    let x = with_missing();
    let fitted = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(fitted.mean().unwrap(), array![3.0, 3.0]);
    assert_close(&fitted.var().unwrap(), &array![8.0 / 3.0, 1.0]);
    assert_eq!(fitted.n_samples_seen(), array![3.0, 2.0]);
    let sd = (8.0f64 / 3.0).sqrt();
    let z = fitted.transform(x.view()).unwrap();
    assert_same(
        &z,
        &array![
            [-2.0 / sd, -1.0],
            [f64::NAN, 1.0],
            [0.0, f64::NAN],
            [2.0 / sd, f64::NAN]
        ],
    );
    assert_same(&fitted.inverse_transform(z.view()).unwrap(), &x);
    // f32 too.
    let fitted32 = StandardScaler::default()
        .fit_unsupervised(x.mapv(|v| v as f32).view())
        .unwrap();
    assert!(fitted32.transform(x.mapv(|v| v as f32).view()).unwrap()[[1, 0]].is_nan());
    // Infinity stays an error, with its position.
    let mut bad = x.clone();
    bad[[2, 1]] = f64::NEG_INFINITY;
    assert!(matches!(
        StandardScaler::default().fit_unsupervised(bad.view()),
        Err(Error::NonFinite { row: 2, column: 1, .. })
    ));
    assert!(matches!(
        fitted.transform(bad.view()),
        Err(Error::NonFinite { row: 2, column: 1, .. })
    ));
}

#[test]
fn nan_with_sample_weights_and_partial_fit() {
    let x = with_missing();
    let w = array![1.0, 2.0, 1.0, 0.0];
    let y = Array1::<usize>::zeros(4);
    let weighted = StandardScaler::default()
        .fit_weighted(x.view(), y.view(), w.view())
        .unwrap();
    // Column 0: 1 and 3 weigh 1 each (the NaN row and the zero weight drop
    // out): mean 2, variance 1. Column 1: 2 weighs 1, 4 weighs 2: mean 10/3,
    // variance (16/9 + 2 * 4/9) / 3 = 8/9. n_samples_seen_ is the weight seen.
    assert_close(&weighted.mean().unwrap(), &array![2.0, 10.0 / 3.0]);
    assert_close(&weighted.var().unwrap(), &array![1.0, 8.0 / 9.0]);
    assert_eq!(weighted.n_samples_seen(), array![2.0, 3.0]);
    // Batches give the statistics of the whole, per column.
    let mut batched = StandardScaler::default()
        .fit_unsupervised(x.slice(s![..2, ..]))
        .unwrap();
    batched.partial_fit(x.slice(s![2.., ..]), None).unwrap();
    let whole = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(batched.n_samples_seen(), whole.n_samples_seen());
    assert_close(&batched.mean().unwrap(), &whole.mean().unwrap());
    assert_close(&batched.var().unwrap(), &whole.var().unwrap());
    // A first batch whose column 1 is all missing, then values: the column
    // starts from the second batch.
    let mut late = StandardScaler::default()
        .fit_unsupervised(array![[1.0, f64::NAN], [3.0, f64::NAN]].view())
        .unwrap();
    assert!(late.mean().unwrap()[1].is_nan());
    assert!(late.scale().unwrap()[1].is_nan());
    assert!(late.transform(array![[2.0, 7.0]].view()).unwrap()[[0, 1]].is_nan());
    late.partial_fit(array![[5.0, 2.0], [7.0, 4.0]].view(), None).unwrap();
    assert_eq!(late.mean().unwrap(), array![4.0, 3.0]);
    assert_eq!(late.n_samples_seen(), array![4.0, 2.0]);
}

#[test]
fn scaler_fitted_with_nan_round_trips_exactly() {
    let fitted = StandardScaler::default()
        .fit_unsupervised(with_missing().view())
        .unwrap();
    let json = learnkit::persistence::to_json(&fitted).unwrap();
    let back: FittedStandardScaler<f64> = learnkit::persistence::from_json(&json).unwrap();
    assert_eq!(back.n_samples_seen(), fitted.n_samples_seen());
    assert_same(
        &back.transform(with_missing().view()).unwrap(),
        &fitted.transform(with_missing().view()).unwrap(),
    );
    let bytes = learnkit::persistence::to_bytes(&fitted).unwrap();
    let back: FittedStandardScaler<f64> = learnkit::persistence::from_bytes(&bytes).unwrap();
    assert_eq!(back.var(), fitted.var());
    // A per-column count edited to disagree in length is refused.
    let edited = json.replacen(
        "\"weight\":{\"v\":1,\"dim\":[2],\"data\":[3.0,2.0]}",
        "\"weight\":{\"v\":1,\"dim\":[1],\"data\":[3.0]}",
        1,
    );
    assert_ne!(edited, json, "the saved form holds the per-column counts: {json}");
    assert!(matches!(
        learnkit::persistence::from_json::<FittedStandardScaler<f64>>(&edited),
        Err(Error::ModelFile { .. })
    ));
}
