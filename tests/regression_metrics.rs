//! The regression metrics of issue 15 against scikit-learn 1.9.1
//! (tests/fixtures/regression_metrics.json, from
//! tools/reference/regression_metrics.py; the data are in the fixture), each
//! without and with sample weights, to 1e-12 relative; and their errors.

use crate::common;

use approx::assert_relative_eq;
use common::fixtures::vector;
use learnkit::Error;
use learnkit::metrics::*;
use ndarray::{Array1, ArrayView1, array};
use serde_json::Value;

const TOL: f64 = 1e-12;

type Metric = fn(ArrayView1<'_, f64>, ArrayView1<'_, f64>) -> learnkit::Result<f64>;
type Weighted = fn(ArrayView1<'_, f64>, ArrayView1<'_, f64>, ArrayView1<'_, f64>) -> learnkit::Result<f64>;

/// Each metric by its fixture key, with its weighted form.
const METRICS: [(&str, Metric, Weighted); 6] = [
    (
        "explained_variance",
        explained_variance_score,
        explained_variance_score_weighted,
    ),
    (
        "median_absolute_error",
        median_absolute_error,
        median_absolute_error_weighted,
    ),
    (
        "mean_absolute_percentage_error",
        mean_absolute_percentage_error,
        mean_absolute_percentage_error_weighted,
    ),
    (
        "d2_absolute_error",
        d2_absolute_error_score,
        d2_absolute_error_score_weighted,
    ),
    (
        "mean_squared_log_error",
        mean_squared_log_error,
        mean_squared_log_error_weighted,
    ),
    (
        "root_mean_squared_log_error",
        root_mean_squared_log_error,
        root_mean_squared_log_error_weighted,
    ),
];

#[test]
fn metrics_match_scikit_learn_with_and_without_weights() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/regression_metrics.json")).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 11);
    let mut compared = 0;
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (t, p, w) = (
            vector(&case["y_true"]),
            vector(&case["y_pred"]),
            vector(&case["sample_weight"]),
        );
        for (key, metric, weighted) in METRICS {
            let Some(want) = case.get(key).and_then(Value::as_f64) else {
                continue; // a log metric on values <= -1
            };
            let got = metric(t.view(), p.view()).unwrap();
            assert_relative_eq!(got, want, epsilon = TOL, max_relative = TOL);
            let want_weighted = case[format!("{key}_weighted")].as_f64().unwrap();
            let got_weighted = weighted(t.view(), p.view(), w.view()).unwrap();
            assert!(
                approx::relative_eq!(got_weighted, want_weighted, epsilon = TOL, max_relative = TOL),
                "{name}: {key} weighted: got {got_weighted}, want {want_weighted}"
            );
            compared += 2;
        }
        assert_eq!(
            max_error(t.view(), p.view()).unwrap(),
            case["max_error"].as_f64().unwrap(),
            "{name}"
        );
    }
    // Every case has the log metrics but "noisy" (values below -1).
    assert_eq!(compared, 10 * 12 + 8);
}

#[test]
fn f32_targets_are_widened_exactly() {
    let (t, p) = (array![1.5f32, 2.0, 4.25, 8.0], array![2.0f32, 3.0, 4.0, 9.5]);
    let (t64, p64) = (t.mapv(f64::from), p.mapv(f64::from));
    assert_eq!(
        explained_variance_score(t.view(), p.view()).unwrap(),
        explained_variance_score(t64.view(), p64.view()).unwrap()
    );
    assert_eq!(
        d2_absolute_error_score(t.view(), p.view()).unwrap(),
        d2_absolute_error_score(t64.view(), p64.view()).unwrap()
    );
    assert_eq!(max_error(t.view(), p.view()).unwrap(), 1.5);
}

#[test]
fn log_metrics_reject_values_at_or_below_minus_one() {
    let ok = array![0.5, 1.0];
    for bad in [array![-1.0, 1.0], array![0.5, -3.0]] {
        for result in [
            mean_squared_log_error(bad.view(), ok.view()),
            mean_squared_log_error(ok.view(), bad.view()),
            root_mean_squared_log_error(bad.view(), ok.view()),
            mean_squared_log_error_weighted(ok.view(), bad.view(), array![1.0, 1.0].view()),
        ] {
            assert!(matches!(result, Err(Error::InvalidInput { .. })), "{result:?}");
        }
    }
    // (-1, 0) is allowed, as in scikit-learn 1.9.
    assert!(mean_squared_log_error(array![-0.5].view(), array![0.0].view()).is_ok());
}

#[test]
fn empty_mismatched_and_badly_weighted_inputs_are_named_errors() {
    let empty = Array1::<f64>::zeros(0);
    let two = array![1.0, 2.0];
    let three = array![1.0, 2.0, 3.0];
    for (_, metric, weighted) in METRICS {
        assert!(matches!(
            metric(empty.view(), empty.view()),
            Err(Error::EmptyInput { .. })
        ));
        assert!(matches!(
            metric(two.view(), three.view()),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            weighted(two.view(), two.view(), three.view()),
            Err(Error::ShapeMismatch { .. })
        ));
        assert!(matches!(
            weighted(two.view(), two.view(), array![1.0, -1.0].view()),
            Err(Error::InvalidInput { .. })
        ));
        assert!(matches!(
            weighted(two.view(), two.view(), array![0.0, 0.0].view()),
            Err(Error::InvalidInput { .. })
        ));
        assert!(matches!(
            metric(two.view(), array![1.0, f64::NAN].view()),
            Err(Error::NonFinite { .. })
        ));
    }
    assert!(matches!(
        max_error(empty.view(), empty.view()),
        Err(Error::EmptyInput { .. })
    ));
    assert!(matches!(
        max_error(two.view(), three.view()),
        Err(Error::ShapeMismatch { .. })
    ));
    // D² needs two samples, as R².
    assert!(matches!(
        d2_absolute_error_score(array![1.0].view(), array![1.0].view()),
        Err(Error::InvalidInput { .. })
    ));
}
