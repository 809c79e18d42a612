//! LinearRegression, Ridge, RidgeCV, RidgeClassifier and RidgeClassifierCV
//! against scikit-learn 1.9.1 (tests/fixtures/linear_regression.json, from
//! tools/reference/linear_regression.py; the data are in the fixture).
//!
//! Closed forms (least squares, Cholesky, SVD, the leave-one-out search)
//! agree to 1e-10 relative, conjugate gradients (run at tol 1e-12) to 1e-6;
//! ranks, singular values and chosen alphas are equal.

use crate::common;

use approx::assert_relative_eq;
use common::fixtures::{matrix, vector};
use learnkit::linear_model::{GcvMode, RidgeCV, RidgeClassifierCV, RidgeSolver};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, Axis, array, s};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/linear_regression.json")).unwrap()
}

/// Relative agreement, scaled by the largest magnitude of the expected
/// values (near-zero coefficients are compared on that scale).
fn close(name: &str, what: &str, got: &Array1<f64>, want: &Array1<f64>, tol: f64) {
    assert_eq!(got.len(), want.len(), "{name}: {what} length");
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= tol * scale,
            "{name}: {what}: got {got}, want {want} (tolerance {tol} × {scale})"
        );
    }
}

/// Every number of a nested JSON array, in row-major order.
fn flat(value: &Value) -> Array1<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(|v| flat(v).to_vec()).collect(),
        other => Array1::from_elem(1, other.as_f64().expect("a number")),
    }
}

fn solver(name: &str) -> RidgeSolver {
    match name {
        "auto" => RidgeSolver::Auto,
        "cholesky" => RidgeSolver::Cholesky,
        "svd" => RidgeSolver::Svd,
        "sparse_cg" => RidgeSolver::SparseCg,
        other => panic!("unknown solver {other}"),
    }
}

fn flag(params: &Value, key: &str, default: bool) -> bool {
    params.get(key).and_then(Value::as_bool).unwrap_or(default)
}

#[test]
fn regressors_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["cases"].as_object().unwrap() {
        let data = &fixture["data"][case["dataset"].as_str().unwrap()];
        let x = matrix(&data["X"]);
        let y = vector(&data["y"]);
        let w = case["weighted"]
            .as_bool()
            .unwrap()
            .then(|| vector(&data["sample_weight"]));
        let params = &case["params"];
        let fit_intercept = flag(params, "fit_intercept", true);
        let x5 = x.slice(s![..5, ..]);
        let (coef, intercept, predicted, tol) = match case["kind"].as_str().unwrap() {
            "LinearRegression" => {
                let positive = flag(params, "positive", false);
                let model = LinearRegression::default()
                    .fit_intercept(fit_intercept)
                    .positive(positive);
                let fitted = match &w {
                    Some(w) => model.fit_weighted(x.view(), y.view(), w.view()),
                    None => model.fit(x.view(), y.view()),
                }
                .unwrap();
                if positive {
                    assert_eq!(fitted.rank(), None, "{name}");
                } else {
                    assert_eq!(
                        fitted.rank(),
                        Some(case["rank"].as_u64().unwrap() as usize),
                        "{name}: rank"
                    );
                    let singular = fitted.singular().unwrap().to_owned();
                    close(name, "singular", &singular, &vector(&case["singular"]), 1e-10);
                }
                (
                    fitted.coef().to_owned(),
                    fitted.intercept(),
                    fitted.predict(x5).unwrap(),
                    1e-10,
                )
            }
            "Ridge" => {
                let s = params["solver"].as_str().unwrap();
                let mut model = Ridge::default()
                    .alpha(params["alpha"].as_f64().unwrap())
                    .solver(solver(s))
                    .fit_intercept(fit_intercept);
                if let Some(t) = params.get("tol") {
                    model = model.tol(t.as_f64().unwrap());
                }
                if let Some(m) = params.get("max_iter") {
                    model = model.max_iter(Some(m.as_u64().unwrap() as usize));
                }
                let fitted = match &w {
                    Some(w) => model.fit_weighted(x.view(), y.view(), w.view()),
                    None => model.fit(x.view(), y.view()),
                }
                .unwrap();
                let tol = if s == "sparse_cg" { 1e-6 } else { 1e-10 };
                (
                    fitted.coef().to_owned(),
                    fitted.intercept(),
                    fitted.predict(x5).unwrap(),
                    tol,
                )
            }
            "RidgeCV" => {
                let mut model = RidgeCV::default().fit_intercept(fit_intercept);
                if let Some(alphas) = params.get("alphas") {
                    model = model.alphas(vector(alphas).to_vec());
                }
                if params.get("gcv_mode").and_then(Value::as_str) == Some("svd") {
                    model = model.gcv_mode(GcvMode::Svd);
                }
                let fitted = match &w {
                    Some(w) => model.fit_weighted(x.view(), y.view(), w.view()),
                    None => model.fit(x.view(), y.view()),
                }
                .unwrap();
                assert_eq!(fitted.alpha(), case["alpha_"].as_f64().unwrap(), "{name}: alpha_");
                assert_relative_eq!(
                    fitted.best_score(),
                    case["best_score_"].as_f64().unwrap(),
                    max_relative = 1e-10
                );
                (
                    fitted.coef().to_owned(),
                    fitted.intercept(),
                    fitted.predict(x5).unwrap(),
                    1e-10,
                )
            }
            other => panic!("unknown kind {other}"),
        };
        close(name, "coef", &coef, &vector(&case["coef"]), tol);
        let want_intercept = case["intercept"].as_f64().unwrap();
        assert!(
            (intercept - want_intercept).abs() <= tol * want_intercept.abs().max(1.0),
            "{name}: intercept {intercept} vs {want_intercept}"
        );
        close(name, "predict", &predicted, &vector(&case["predict"]), tol);
    }
}

#[test]
fn classifiers_match_scikit_learn() {
    let fixture = fixture();
    let data = &fixture["classification"];
    let x = matrix(&data["X"]);
    let w = vector(&data["sample_weight"]);
    for (name, case) in fixture["classifier_cases"].as_object().unwrap() {
        let y: Array1<usize> = vector(&data[case["target"].as_str().unwrap()]).mapv(|v| v as usize);
        let weighted = case["weighted"].as_bool().unwrap();
        let params = &case["params"];
        let x6 = x.slice(s![..6, ..]);
        let (coef, intercept, decision, predicted): (Array2<f64>, Array1<f64>, Array2<f64>, Array1<usize>) =
            match case["kind"].as_str().unwrap() {
                "RidgeClassifier" => {
                    let model = RidgeClassifier::default()
                        .alpha(params["alpha"].as_f64().unwrap())
                        .solver(solver(params["solver"].as_str().unwrap()));
                    let fitted = if weighted {
                        model.fit_weighted(x.view(), y.view(), w.view())
                    } else {
                        model.fit(x.view(), y.view())
                    }
                    .unwrap();
                    (
                        fitted.coef().to_owned(),
                        fitted.intercept().to_owned(),
                        fitted.decision_function(x6).unwrap(),
                        fitted.predict(x.view()).unwrap(),
                    )
                }
                "RidgeClassifierCV" => {
                    let model = RidgeClassifierCV::default().alphas(vector(&params["alphas"]).to_vec());
                    let fitted = if weighted {
                        model.fit_weighted(x.view(), y.view(), w.view())
                    } else {
                        model.fit(x.view(), y.view())
                    }
                    .unwrap();
                    assert_eq!(fitted.alpha(), case["alpha_"].as_f64().unwrap(), "{name}: alpha_");
                    assert_relative_eq!(
                        fitted.best_score(),
                        case["best_score_"].as_f64().unwrap(),
                        max_relative = 1e-10
                    );
                    (
                        fitted.coef().to_owned(),
                        fitted.intercept().to_owned(),
                        fitted.decision_function(x6).unwrap(),
                        fitted.predict(x.view()).unwrap(),
                    )
                }
                other => panic!("unknown kind {other}"),
            };
        // scikit-learn's binary coef_ is flat; learnkit's has one row.
        let want_coef = flat(&case["coef"]);
        assert_eq!(
            coef.nrows(),
            if y.iter().max() == Some(&1) { 1 } else { 3 },
            "{name}: coef rows"
        );
        close(name, "coef", &coef.iter().copied().collect(), &want_coef, 1e-10);
        close(name, "intercept", &intercept, &vector(&case["intercept"]), 1e-10);
        close(
            name,
            "decision",
            &decision.iter().copied().collect(),
            &flat(&case["decision"]),
            1e-10,
        );
        let want_predict: Array1<usize> = vector(&case["predict"]).mapv(|v| v as usize);
        assert_eq!(predicted, want_predict, "{name}: predict");
    }
}

#[test]
fn bad_inputs_get_named_errors() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]];
    let y = array![1.0, 2.0, 3.0];
    common::fixtures::assert_invalid_parameter(Ridge::default().alpha(-1.0).fit(x.view(), y.view()), "Ridge", "alpha");
    common::fixtures::assert_invalid_parameter(
        Ridge::default().alpha(f64::NAN).fit(x.view(), y.view()),
        "Ridge",
        "alpha",
    );
    common::fixtures::assert_invalid_parameter(
        RidgeClassifier::default()
            .alpha(-0.5)
            .fit(x.view(), array![0, 1, 1].view()),
        "RidgeClassifier",
        "alpha",
    );
    common::fixtures::assert_invalid_parameter(
        RidgeCV::default().alphas(vec![1.0, 0.0]).fit(x.view(), y.view()),
        "RidgeCV",
        "alphas",
    );
    common::fixtures::assert_invalid_parameter(
        RidgeCV::default().alphas(vec![]).fit(x.view(), y.view()),
        "RidgeCV",
        "alphas",
    );
    common::fixtures::assert_invalid_parameter(
        RidgeClassifierCV::default()
            .alphas(vec![-1.0])
            .fit(x.view(), array![0, 1, 1].view()),
        "RidgeClassifierCV",
        "alphas",
    );
    common::fixtures::assert_invalid_parameter(
        LinearRegression::default().tol(-1.0).fit(x.view(), y.view()),
        "LinearRegression",
        "tol",
    );
    // Non-finite data and targets, mismatched lengths, bad weights.
    let mut bad = x.clone();
    bad[[1, 1]] = f64::INFINITY;
    assert!(matches!(
        LinearRegression::default().fit(bad.view(), y.view()),
        Err(Error::NonFinite { row: 1, column: 1, .. })
    ));
    assert!(matches!(
        Ridge::default().fit(x.view(), array![1.0, f64::NAN, 3.0].view()),
        Err(Error::NonFinite { row: 1, .. })
    ));
    assert!(matches!(
        LinearRegression::default().fit(x.view(), array![1.0, 2.0].view()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        Ridge::default().fit_weighted(x.view(), y.view(), array![1.0, 1.0].view()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        LinearRegression::default().fit_weighted(x.view(), y.view(), array![1.0, -1.0, 1.0].view()),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        RidgeClassifier::default().fit(x.view(), array![1, 1, 1].view()),
        Err(Error::SingleClass { .. })
    ));
}

/// `positive` where the active-set method cannot settle gives a named
/// error, never a panic or a silent wrong answer; on a merely singular
/// system it still returns a non-negative least-squares solution.
#[test]
fn positive_on_singular_systems() {
    let x = array![[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]];
    let fitted = LinearRegression::default()
        .positive(true)
        .fit(x.view(), array![1.0, 2.0, 3.0].view())
        .unwrap();
    assert!(fitted.coef().iter().all(|&c| c >= 0.0));
    assert_relative_eq!(fitted.coef().sum(), 1.0, max_relative = 1e-10);
    // Every feature zero: nothing can enter, all coefficients are zero.
    let zeros = Array2::<f64>::zeros((4, 3));
    let fitted = LinearRegression::default()
        .positive(true)
        .fit(zeros.view(), array![1.0, 2.0, 3.0, 4.0].view())
        .unwrap();
    assert_eq!(fitted.coef(), Array1::<f64>::zeros(3));
    assert_relative_eq!(fitted.intercept(), 2.5);
}

/// Every solver gives the same ridge solution (conjugate gradients at a
/// tight tolerance), with and without more features than samples.
#[test]
fn ridge_solvers_agree() {
    let fixture = fixture();
    for dataset in ["tall", "wide", "collinear"] {
        let data = &fixture["data"][dataset];
        let x = matrix(&data["X"]);
        let y = vector(&data["y"]);
        let reference = Ridge::default()
            .alpha(0.3)
            .solver(RidgeSolver::Svd)
            .fit(x.view(), y.view())
            .unwrap();
        for s in [RidgeSolver::Auto, RidgeSolver::Cholesky, RidgeSolver::SparseCg] {
            let fitted = Ridge::default()
                .alpha(0.3)
                .solver(s)
                .tol(1e-13)
                .max_iter(Some(100_000))
                .fit(x.view(), y.view())
                .unwrap();
            close(
                dataset,
                "coef",
                &fitted.coef().to_owned(),
                &reference.coef().to_owned(),
                1e-7,
            );
        }
    }
}

/// A weight of k on a row is k copies of the row (closed forms).
#[test]
fn integer_weights_equal_repeated_rows() {
    let fixture = fixture();
    let data = &fixture["data"]["tall"];
    let x = matrix(&data["X"]);
    let y = vector(&data["y"]);
    let counts: Vec<usize> = (0..x.nrows()).map(|i| i % 3).collect();
    let weights: Array1<f64> = counts.iter().map(|&c| c as f64).collect();
    let rows: Vec<usize> = counts
        .iter()
        .enumerate()
        .flat_map(|(i, &c)| std::iter::repeat_n(i, c))
        .collect();
    let (xr, yr) = (x.select(Axis(0), &rows), y.select(Axis(0), &rows));
    let weighted = LinearRegression::default()
        .fit_weighted(x.view(), y.view(), weights.view())
        .unwrap();
    let repeated = LinearRegression::default().fit(xr.view(), yr.view()).unwrap();
    close(
        "ols",
        "coef",
        &weighted.coef().to_owned(),
        &repeated.coef().to_owned(),
        1e-10,
    );
    let weighted = Ridge::default()
        .alpha(2.0)
        .fit_weighted(x.view(), y.view(), weights.view())
        .unwrap();
    let repeated = Ridge::default().alpha(2.0).fit(xr.view(), yr.view()).unwrap();
    close(
        "ridge",
        "coef",
        &weighted.coef().to_owned(),
        &repeated.coef().to_owned(),
        1e-10,
    );
}
