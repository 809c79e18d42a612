//! The curve and agreement metrics, `calibration_curve` and
//! `IsotonicRegression` against scikit-learn 1.9.1
//! (tests/fixtures/curves.json, from tools/reference/curves.py; the data are
//! in the fixture).
//!
//! Metrics and curve points agree to 1e-12 (absolute, on values in [0, 1]
//! or counts of samples); curve thresholds are equal; isotonic thresholds
//! and predictions agree to 1e-8 relative to the largest magnitude (the
//! pooling order of the PAVA differs from scipy's); NaN predictions
//! (out of bounds) are NaN in both.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::calibration::{BinStrategy, calibration_curve};
use learnkit::isotonic::{IsotonicRegression, Monotonicity, OutOfBounds};
use learnkit::metrics::{
    KappaWeights, average_precision_score, average_precision_score_ovr, brier_score_loss, brier_score_loss_multiclass,
    cohen_kappa_score, det_curve, matthews_corrcoef, precision_recall_curve, top_k_accuracy_score,
};
use learnkit::prelude::*;
use ndarray::{Array1, Array2};
use serde_json::Value;

const METRIC_TOL: f64 = 1e-12;
const ISOTONIC_TOL: f64 = 1e-8;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/curves.json")).unwrap()
}

fn labels(value: &Value) -> Array1<i64> {
    value.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect()
}

fn close(case: &str, what: &str, got: &Array1<f64>, want: &Array1<f64>, tol: f64) {
    assert_eq!(got.len(), want.len(), "{case}: {what}: length, got {got}, want {want}");
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= tol || (g == w),
            "{case}: {what}: got {got}, want {want} (tolerance {tol})"
        );
    }
}

fn scalar(case: &str, what: &str, got: f64, want: &Value) {
    let want = want.as_f64().unwrap();
    assert!(
        (got - want).abs() <= METRIC_TOL,
        "{case}: {what}: got {got}, want {want}"
    );
}

#[test]
fn binary_curves_match_scikit_learn() {
    let fixture = fixture();
    for case in fixture["binary"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let y = labels(&case["y_true"]);
        let score = vector(&case["y_score"]);
        let pos = case["pos_label"].as_i64().unwrap();

        let pr = precision_recall_curve(y.view(), score.view(), &pos).unwrap();
        close(
            name,
            "precision",
            &pr.precision,
            &vector(&case["precision"]),
            METRIC_TOL,
        );
        close(name, "recall", &pr.recall, &vector(&case["recall"]), METRIC_TOL);
        assert_eq!(pr.thresholds, vector(&case["thresholds"]), "{name}: thresholds");
        let ap = average_precision_score(y.view(), score.view(), &pos).unwrap();
        scalar(name, "average_precision", ap, &case["average_precision"]);

        let det = det_curve(y.view(), score.view(), &pos).unwrap();
        close(name, "det fpr", &det.fpr, &vector(&case["det_fpr"]), METRIC_TOL);
        close(name, "det fnr", &det.fnr, &vector(&case["det_fnr"]), METRIC_TOL);
        // The fixture writes the +inf threshold as null (JSON has no infinity).
        let want: Array1<f64> = case["det_thresholds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::INFINITY))
            .collect();
        assert_eq!(det.thresholds, want, "{name}: det thresholds");

        let prob = vector(&case["y_prob"]);
        scalar(
            name,
            "brier",
            brier_score_loss(y.view(), prob.view(), &pos).unwrap(),
            &case["brier"],
        );
        if !case["top1_1d"].is_null() {
            let column = score.view().insert_axis(ndarray::Axis(1));
            scalar(
                name,
                "top-1 (1-D)",
                top_k_accuracy_score(y.view(), column, 1).unwrap(),
                &case["top1_1d"],
            );
        }

        for bins in case["calibration"].as_array().unwrap() {
            let n_bins = bins["n_bins"].as_u64().unwrap() as usize;
            let strategy = match bins["strategy"].as_str().unwrap() {
                "uniform" => BinStrategy::Uniform,
                _ => BinStrategy::Quantile,
            };
            let what = format!("calibration {n_bins} {strategy:?}");
            let curve = calibration_curve(y.view(), prob.view(), &pos, n_bins, strategy).unwrap();
            close(name, &what, &curve.prob_true, &vector(&bins["prob_true"]), METRIC_TOL);
            close(name, &what, &curve.prob_pred, &vector(&bins["prob_pred"]), METRIC_TOL);
        }
    }
}

#[test]
fn multiclass_metrics_match_scikit_learn() {
    let fixture = fixture();
    for case in fixture["multiclass"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let y = labels(&case["y_true"]);
        let y_pred = labels(&case["y_pred"]);
        let proba: Array2<f64> = matrix(&case["proba"]);
        scalar(
            name,
            "mcc",
            matthews_corrcoef(y.view(), y_pred.view()).unwrap(),
            &case["mcc"],
        );
        for (weights, key) in [
            (KappaWeights::Unweighted, "kappa"),
            (KappaWeights::Linear, "kappa_linear"),
            (KappaWeights::Quadratic, "kappa_quadratic"),
        ] {
            scalar(
                name,
                key,
                cohen_kappa_score(y.view(), y_pred.view(), weights).unwrap(),
                &case[key],
            );
        }
        for (k, want) in case["top_k"].as_object().unwrap() {
            let k: usize = k.parse().unwrap();
            let got = top_k_accuracy_score(y.view(), proba.view(), k).unwrap();
            scalar(name, &format!("top-{k}"), got, want);
        }
        let ap = average_precision_score_ovr(y.view(), proba.view()).unwrap();
        scalar(name, "average precision (macro)", ap, &case["average_precision_macro"]);
        let brier = brier_score_loss_multiclass(y.view(), proba.view()).unwrap();
        scalar(name, "brier", brier, &case["brier"]);
    }
}

#[test]
fn isotonic_regression_matches_scikit_learn() {
    let fixture = fixture();
    for case in fixture["isotonic"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let params = &case["params"];
        let mut model = IsotonicRegression::default();
        model = match params.get("increasing") {
            Some(Value::Bool(false)) => model.increasing(Monotonicity::Decreasing),
            Some(Value::String(_)) => model.increasing(Monotonicity::Auto),
            _ => model,
        };
        model = model.y_min(params.get("y_min").and_then(Value::as_f64));
        model = model.y_max(params.get("y_max").and_then(Value::as_f64));
        if params.get("out_of_bounds").and_then(Value::as_str) == Some("clip") {
            model = model.out_of_bounds(OutOfBounds::Clip);
        }
        let x = vector(&case["x"]);
        let y = vector(&case["y"]);
        let weights = (!case["sample_weight"].is_null()).then(|| vector(&case["sample_weight"]));
        let fitted = model
            .fit_1d(x.view(), y.view(), weights.as_ref().map(|w| w.view()))
            .unwrap();
        assert_eq!(
            fitted.increasing(),
            case["increasing"].as_bool().unwrap(),
            "{name}: increasing"
        );
        assert_eq!(
            fitted.x_thresholds(),
            vector(&case["X_thresholds"]),
            "{name}: X_thresholds"
        );
        let want_y = vector(&case["y_thresholds"]);
        let scale = want_y.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        close(
            name,
            "y_thresholds",
            &fitted.y_thresholds().to_owned(),
            &want_y,
            ISOTONIC_TOL * scale,
        );
        let predicted = fitted.predict_1d(vector(&case["grid"]).view()).unwrap();
        for (i, (got, want)) in predicted.iter().zip(case["predict"].as_array().unwrap()).enumerate() {
            match want.as_f64() {
                None => assert!(got.is_nan(), "{name}: prediction {i}: got {got}, want NaN"),
                Some(want) => assert!(
                    (got - want).abs() <= ISOTONIC_TOL * scale,
                    "{name}: prediction {i}: got {got}, want {want}"
                ),
            }
        }
        // The 2-D form is the same model.
        let two_d = model
            .fit(x.view().insert_axis(ndarray::Axis(1)), y.view())
            .unwrap()
            .predict(x.view().insert_axis(ndarray::Axis(1)))
            .unwrap();
        if weights.is_none() {
            assert_eq!(two_d, fitted.predict_1d(x.view()).unwrap(), "{name}: 2-D fit");
        }
    }
}

#[test]
fn isotonic_bad_inputs_are_errors() {
    let x2 = ndarray::array![[1.0, 2.0], [3.0, 4.0]];
    let err = IsotonicRegression::default()
        .fit(x2.view(), ndarray::array![1.0, 2.0].view())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
    let err = IsotonicRegression::default()
        .y_min(Some(2.0))
        .y_max(Some(1.0))
        .fit_1d(ndarray::array![1.0, 2.0].view(), ndarray::array![1.0, 2.0].view(), None)
        .unwrap_err();
    assert!(matches!(err, Error::InvalidParameter { .. }), "{err}");
    let model = IsotonicRegression::default()
        .out_of_bounds(OutOfBounds::Raise)
        .fit_1d(ndarray::array![1.0, 2.0].view(), ndarray::array![1.0, 2.0].view(), None)
        .unwrap();
    assert!(matches!(
        model.predict_1d(ndarray::array![3.0].view()),
        Err(Error::InvalidInput { .. })
    ));
    assert_eq!(model.predict_1d(ndarray::array![1.5].view()).unwrap()[0], 1.5);
}
