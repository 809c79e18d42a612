//! `RadiusNeighborsClassifier` / `RadiusNeighborsRegressor` against
//! scikit-learn 1.9.1 (tests/fixtures/radius_neighbors.json, from
//! tools/reference/radius_neighbors.py; the data are in the fixture).
//!
//! Probabilities, class predictions and regression predictions agree to
//! 1e-10 (absolute; values of order 1–5) for uniform and distance weights,
//! every algorithm, Euclidean and Manhattan, and outlier labels 7 (not a
//! class), 5 (a class) and most-frequent; rows with no neighbour are NaN
//! for the regressor where scikit-learn's are, and both warn where
//! scikit-learn warns.

use crate::common;
use crate::neighbors::{algorithm, metric, weights};

use common::fixtures::{matrix, vector};
use common::warnings::{capture, warned};
use learnkit::Error;
use learnkit::metrics::Metric;
use learnkit::neighbors::{Algorithm, OutlierLabel, RadiusNeighborsClassifier, RadiusNeighborsRegressor, Weights};
use learnkit::prelude::*;
use ndarray::{Array1, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/radius_neighbors.json")).unwrap()
}

fn outlier(value: &Value) -> OutlierLabel<i64> {
    match value {
        Value::String(s) if s == "most_frequent" => OutlierLabel::MostFrequent,
        Value::Number(n) => OutlierLabel::Label(n.as_i64().unwrap()),
        other => panic!("unknown outlier label {other}"),
    }
}

const TOL: f64 = 1e-10;

#[test]
fn classifier_matches_scikit_learn() {
    let f = fixture();
    let (x, q) = (matrix(&f["x"]), matrix(&f["q"]));
    let y = vector(&f["y"]).mapv(|v| v as i64);
    let _guard = capture();
    for case in f["classifiers"].as_array().unwrap() {
        let what = format!(
            "{} / {} / {} / outlier {}",
            case["metric"], case["weights"], case["algorithm"], case["outlier_label"]
        );
        let model = RadiusNeighborsClassifier::default()
            .radius(case["radius"].as_f64().unwrap())
            .weights(weights(case["weights"].as_str().unwrap()))
            .algorithm(algorithm(case["algorithm"].as_str().unwrap()))
            .metric(metric(case["metric"].as_str().unwrap()))
            .leaf_size(5)
            .outlier_label(outlier(&case["outlier_label"]))
            .fit(x.view(), y.view())
            .unwrap();
        assert_eq!(
            model.outlier_label(),
            Some(&case["outlier_label_"].as_i64().unwrap()),
            "{what}"
        );
        let proba = model.predict_proba(q.view()).unwrap();
        let want = matrix(&case["proba"]);
        assert_eq!(proba.dim(), want.dim(), "{what}");
        for (g, w) in proba.iter().zip(&want) {
            assert!((g - w).abs() <= TOL, "{what}: probability {g}, scikit-learn {w}");
        }
        let predicted = model.predict(q.view()).unwrap();
        assert_eq!(predicted, vector(&case["predict"]).mapv(|v| v as i64), "{what}");
        if case["warned"].as_bool().unwrap() {
            assert!(
                warned("RadiusNeighborsClassifier", "is not a training class"),
                "{what}: no warning"
            );
        }
    }
}

#[test]
fn regressor_matches_scikit_learn() {
    let f = fixture();
    let (x, q, y) = (matrix(&f["x"]), matrix(&f["q"]), vector(&f["yr"]));
    let _guard = capture();
    for case in f["regressors"].as_array().unwrap() {
        let what = format!("{} / {} / {}", case["metric"], case["weights"], case["algorithm"]);
        let model = RadiusNeighborsRegressor::default()
            .radius(case["radius"].as_f64().unwrap())
            .weights(weights(case["weights"].as_str().unwrap()))
            .algorithm(algorithm(case["algorithm"].as_str().unwrap()))
            .metric(metric(case["metric"].as_str().unwrap()))
            .leaf_size(5)
            .fit(x.view(), y.view())
            .unwrap();
        let predicted = model.predict(q.view()).unwrap();
        let want = case["predict"].as_array().unwrap();
        assert_eq!(predicted.len(), want.len(), "{what}");
        for (row, (g, w)) in predicted.iter().zip(want).enumerate() {
            match w.as_f64() {
                Some(w) => assert!((g - w).abs() <= TOL, "{what}: row {row}: {g}, scikit-learn {w}"),
                None => assert!(g.is_nan(), "{what}: row {row}: {g}, scikit-learn NaN"),
            }
        }
        assert!(case["warned"].as_bool().unwrap(), "the fixture has outliers");
        assert!(
            warned("RadiusNeighborsRegressor", "predicting NaN"),
            "{what}: no warning"
        );
    }
}

#[test]
fn no_outlier_label_is_an_error_as_in_scikit_learn() {
    let f = fixture();
    assert!(f["no_label_raises"].as_bool().unwrap());
    let (x, q) = (matrix(&f["x"]), matrix(&f["q"]));
    let y = vector(&f["y"]).mapv(|v| v as i64);
    let model = RadiusNeighborsClassifier::default()
        .radius(1.2)
        .fit(x.view(), y.view())
        .unwrap();
    for err in [
        model.predict(q.view()).unwrap_err(),
        model.predict_proba(q.view()).unwrap_err(),
    ] {
        assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
        assert!(err.to_string().contains("[1, 2, 4, 13]"), "names the rows: {err}");
        assert!(err.to_string().contains("outlier_label"), "{err}");
    }
    // Rows that all have neighbours predict without an outlier label.
    assert_eq!(model.predict(q.slice(ndarray::s![5..7, ..])).unwrap().len(), 2);
}

#[test]
fn bad_parameters_are_named_errors() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]];
    let y = array![0usize, 1, 1];
    let yr = array![0.0, 1.0, 1.0];
    let param = |e: Error| match e {
        Error::InvalidParameter { parameter, .. } => parameter,
        other => panic!("expected an invalid parameter, got {other}"),
    };
    for radius in [-1.0, f64::NAN, f64::INFINITY] {
        let c = RadiusNeighborsClassifier::default()
            .radius(radius)
            .fit(x.view(), y.view());
        assert_eq!(param(c.unwrap_err()), "radius");
        let r = RadiusNeighborsRegressor::default()
            .radius(radius)
            .fit(x.view(), yr.view());
        assert_eq!(param(r.unwrap_err()), "radius");
    }
    // Radius 0 is allowed (scikit-learn's closed interval): only equal rows.
    let zero = RadiusNeighborsRegressor::default()
        .radius(0.0)
        .fit(x.view(), yr.view())
        .unwrap();
    assert_eq!(zero.predict(array![[2.0, 2.0]].view()).unwrap(), array![1.0]);
    let leaf = RadiusNeighborsClassifier::default()
        .leaf_size(0)
        .fit(x.view(), y.view());
    assert_eq!(param(leaf.unwrap_err()), "leaf_size");
    let cosine = RadiusNeighborsRegressor::default()
        .algorithm(Algorithm::KdTree)
        .metric(Metric::Cosine)
        .fit(x.view(), yr.view());
    assert_eq!(param(cosine.unwrap_err()), "metric");
    assert!(matches!(
        RadiusNeighborsClassifier::default().fit(x.view(), array![1usize, 1, 1].view()),
        Err(Error::SingleClass { .. })
    ));
    assert!(matches!(
        RadiusNeighborsRegressor::default().fit(x.view(), array![0.0, f64::NAN, 1.0].view()),
        Err(Error::NonFinite { .. })
    ));
    let model = RadiusNeighborsClassifier::default().fit(x.view(), y.view()).unwrap();
    assert!(matches!(
        model.predict(array![[1.0]].view()),
        Err(Error::FeatureCountMismatch {
            expected: 2,
            got: 1,
            ..
        })
    ));
    assert_eq!(param(model.radius_neighbors(None, Some(-1.0)).unwrap_err()), "radius");
}

#[test]
fn string_labels_and_most_frequent() {
    // The common `string_labels_round_trip` needs one type for both label
    // types; the outlier label makes the classifier generic over its label
    // type, so the same check is written out here.
    let (x, y) = common::iris();
    let names = ["setosa", "versicolor", "virginica"];
    let y_text: Array1<String> = y.mapv(|c| names[c].to_string());
    let by_code = RadiusNeighborsClassifier::default()
        .outlier_label(OutlierLabel::MostFrequent)
        .fit(x.view(), y.view())
        .unwrap();
    let by_name = RadiusNeighborsClassifier::default()
        .outlier_label(OutlierLabel::MostFrequent)
        .fit(x.view(), y_text.view())
        .unwrap();
    let far = ndarray::concatenate![ndarray::Axis(0), x.view(), array![[100.0, 0.0, 0.0, 0.0]].view()];
    let expected: Array1<String> = by_code.predict(far.view()).unwrap().mapv(|c| names[c].to_string());
    assert_eq!(by_name.predict(far.view()).unwrap(), expected);
    // Iris has 50 of each class: the most frequent is the first class.
    assert_eq!(by_name.outlier_label().map(String::as_str), Some("setosa"));
    assert_eq!(expected[150], "setosa");
}

#[test]
fn same_results_on_one_thread_or_many_sparse_and_after_saving() {
    let f = fixture();
    let (x, q, yr) = (matrix(&f["x"]), matrix(&f["q"]), vector(&f["yr"]));
    let y = vector(&f["y"]).mapv(|v| v as i64);
    let fit = |n_jobs| {
        RadiusNeighborsClassifier::default()
            .radius(1.2)
            .weights(Weights::Distance)
            .outlier_label(OutlierLabel::Label(7))
            .n_jobs(Some(n_jobs))
            .fit(x.view(), y.view())
            .unwrap()
    };
    let (one, many) = (fit(1), fit(2));
    let proba = one.predict_proba(q.view()).unwrap();
    assert_eq!(proba, many.predict_proba(q.view()).unwrap());
    let bytes = learnkit::persistence::to_bytes(&one).unwrap();
    let loaded: learnkit::neighbors::FittedRadiusNeighborsClassifier<f64, i64> =
        learnkit::persistence::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.predict_proba(q.view()).unwrap(), proba);
    // Sparse rows: the same neighbours, searched by brute force.
    let xs = learnkit::sparse::CsrMatrix::from_dense(x.view());
    let qs = learnkit::sparse::CsrMatrix::from_dense(q.view());
    let sparse = RadiusNeighborsRegressor::default()
        .radius(1.2)
        .fit_matrix((&xs).into(), yr.view())
        .unwrap();
    let dense = RadiusNeighborsRegressor::default()
        .radius(1.2)
        .fit(x.view(), yr.view())
        .unwrap();
    let (a, b) = (
        sparse.predict_matrix((&qs).into()).unwrap(),
        dense.predict(q.view()).unwrap(),
    );
    for (a, b) in a.iter().zip(&b) {
        assert!((a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12, "{a} vs {b}");
    }
}

/// The `RadiusNeighborsClassifier` cases of tests/fixtures/neighbors.json
/// (tools/reference/neighbors.py: four features, `auto`, outlier label 7).
#[test]
fn classifier_matches_the_neighbors_fixture() {
    let f: Value = serde_json::from_str(include_str!("fixtures/neighbors.json")).unwrap();
    let c = &f["classification"];
    let (x, q) = (matrix(&c["x"]), matrix(&c["q_outlier"]));
    let y = vector(&c["y"]).mapv(|v| v as i64);
    for case in f["radius_classifiers"].as_array().unwrap() {
        let w = case["weights"].as_str().unwrap();
        let model = RadiusNeighborsClassifier::default()
            .radius(case["radius"].as_f64().unwrap())
            .weights(weights(w))
            .outlier_label(OutlierLabel::Label(case["outlier_label"].as_i64().unwrap()))
            .fit(x.view(), y.view())
            .unwrap();
        assert_eq!(model.fit_method(), Algorithm::KdTree, "auto with 4 features");
        let proba = model.predict_proba(q.view()).unwrap();
        for (g, w) in proba.iter().zip(&matrix(&case["proba"])) {
            assert!((g - w).abs() <= TOL, "{g} vs scikit-learn {w}");
        }
        assert_eq!(
            model.predict(q.view()).unwrap(),
            vector(&case["predict"]).mapv(|v| v as i64),
            "{w}"
        );
    }
}
