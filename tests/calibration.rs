//! CalibratedClassifierCV against scikit-learn 1.9.1
//! (tests/fixtures/curves.json, from tools/reference/curves.py; the data are
//! in the fixture).
//!
//! The base classifiers are closed-form (RidgeClassifier's decision
//! function, GaussianNB's probabilities), so only the calibration differs:
//! isotonic probabilities agree to 1e-8; sigmoid ones to 1e-6, since
//! scikit-learn stops its L-BFGS-B fit of Platt's sigmoid at a gradient of
//! 1e-6 while learnkit runs Newton's method to the optimum.

use crate::common;

use common::fixtures::matrix;
use learnkit::calibration::{CalibratedClassifierCV, CalibrationMethod};
use learnkit::model_selection::StratifiedKFold;
use learnkit::prelude::*;
use ndarray::{Array1, Array2, array};
use serde_json::Value;

const ISOTONIC_TOL: f64 = 1e-8;
const SIGMOID_TOL: f64 = 1e-6;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/curves.json")).unwrap()
}

fn labels(value: &Value) -> Array1<usize> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect()
}

fn check(name: &str, got: &Array2<f64>, want: &Array2<f64>, tol: f64) {
    assert_eq!(got.dim(), want.dim(), "{name}: shape");
    let worst = got.iter().zip(want).map(|(g, w)| (g - w).abs()).fold(0.0, f64::max);
    assert!(
        worst <= tol,
        "{name}: largest difference {worst:e} above {tol:e}\ngot {got}\nwant {want}"
    );
}

#[test]
fn calibrated_probabilities_match_scikit_learn() {
    let fixture = fixture();
    for case in fixture["calibrated"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let data = &fixture["calibration_data"][case["data"].as_str().unwrap()];
        let (x, y, x_test) = (matrix(&data["X"]), labels(&data["y"]), matrix(&data["X_test"]));
        let (method, tol) = match case["method"].as_str().unwrap() {
            "sigmoid" => (CalibrationMethod::Sigmoid, SIGMOID_TOL),
            _ => (CalibrationMethod::Isotonic, ISOTONIC_TOL),
        };
        let ensemble = case["ensemble"].as_bool().unwrap();
        let cv = StratifiedKFold::new(case["n_splits"].as_u64().unwrap() as usize);
        let want = matrix(&case["proba"]);
        let got = match case["base"].as_str().unwrap() {
            "ridge" => CalibratedClassifierCV::with_decision_function(RidgeClassifier::default())
                .method(method)
                .ensemble(ensemble)
                .cv(cv)
                .fit(x.view(), y.view())
                .unwrap()
                .predict_proba(x_test.view())
                .unwrap(),
            _ => CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
                .method(method)
                .ensemble(ensemble)
                .cv(cv)
                .fit(x.view(), y.view())
                .unwrap()
                .predict_proba(x_test.view())
                .unwrap(),
        };
        check(name, &got, &want, tol);
    }
}

#[test]
fn one_class_and_too_few_samples_per_fold_are_errors() {
    let x = Array2::from_shape_fn((10, 2), |(i, j)| (i * 3 + j) as f64);
    let one = Array1::from_elem(10, 1usize);
    let err = CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
        .fit(x.view(), one.view())
        .unwrap_err();
    assert!(matches!(err, Error::SingleClass { .. }), "{err}");
    // Class 2 has 2 samples, fewer than the 5 folds.
    let y = array![0, 1, 0, 1, 0, 1, 0, 1, 2, 2];
    let err = CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
        .fit(x.view(), y.view())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
}

#[test]
fn a_fold_missing_a_class_is_an_error() {
    // Unshuffled KFold over sorted labels: the first fold trains without class 0.
    let x = Array2::from_shape_fn((12, 2), |(i, j)| (i + j) as f64);
    let y = array![0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
    let err = CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
        .cv(learnkit::model_selection::KFold::new(3))
        .fit(x.view(), y.view())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
    assert!(err.to_string().contains("not all of"), "{err}");
}

#[test]
fn same_model_on_one_thread_or_many() {
    let iris = learnkit::datasets::load_iris();
    let fit = || {
        CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
            .method(CalibrationMethod::Isotonic)
            .fit(iris.data.view(), iris.target.view())
            .unwrap()
            .predict_proba(iris.data.view())
            .unwrap()
    };
    let one = common::on_threads(1, fit);
    let four = common::on_threads(4, fit);
    assert_eq!(one, four);
}
