//! learnkit's metrics against scikit-learn 1.9.1.
//!
//! The reference values come from `tools/reference/metrics.py`, which writes
//! `tests/fixtures/metrics.json`; every value must agree to 1e-12. The error
//! cases at the end check that bad inputs give the documented `Error`.

use crate::common;

use approx::{assert_abs_diff_eq, assert_relative_eq};
use common::fixtures::matrix;
use learnkit::Error;
use learnkit::metrics::*;
use ndarray::{Array1, Array2, array};
use serde_json::Value;
use std::fmt::Display;

const TOL: f64 = 1e-12;

fn fixture() -> Value {
    let text = include_str!("fixtures/metrics.json");
    serde_json::from_str(text).expect("tests/fixtures/metrics.json is valid JSON")
}

/// Label types the fixture stores: integers and strings.
trait JsonLabel: learnkit::Label + Display {
    fn from_json(value: &Value) -> Self;
}

impl JsonLabel for i64 {
    fn from_json(value: &Value) -> Self {
        value.as_i64().expect("integer label")
    }
}

impl JsonLabel for String {
    fn from_json(value: &Value) -> Self {
        value.as_str().expect("string label").to_owned()
    }
}

fn labels<L: JsonLabel>(value: &Value) -> Vec<L> {
    value.as_array().expect("label list").iter().map(L::from_json).collect()
}

fn f64s(value: &Value) -> Array1<f64> {
    value
        .as_array()
        .expect("number list")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect()
}

fn usizes(value: &Value) -> Array1<usize> {
    value
        .as_array()
        .expect("count list")
        .iter()
        .map(|v| v.as_u64().expect("count") as usize)
        .collect()
}

fn num(case: &Value, key: &str) -> f64 {
    case[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{}: missing number {key}", case["name"]))
}

fn assert_all_close(got: &Array1<f64>, expected: &Array1<f64>, what: &str) {
    assert_eq!(got.len(), expected.len(), "{what}: length");
    for (g, e) in got.iter().zip(expected) {
        assert_relative_eq!(*g, *e, epsilon = TOL, max_relative = TOL);
    }
}

fn classification_cases() -> Vec<Value> {
    fixture()["classification"]
        .as_array()
        .expect("classification cases")
        .clone()
}

fn check_classification<L: JsonLabel>(case: &Value) {
    let name = case["name"].as_str().unwrap();
    let y_true = Array1::from(labels::<L>(&case["y_true"]));
    let y_pred = Array1::from(labels::<L>(&case["y_pred"]));
    let (t, p) = (y_true.view(), y_pred.view());
    let close = |got: f64, key: &str| {
        let expected = num(case, key);
        assert!(
            (got - expected).abs() <= TOL * expected.abs().max(1.0),
            "{name}: {key}: got {got}, scikit-learn {expected}"
        );
    };

    close(accuracy_score(t, p).unwrap(), "accuracy");
    close(balanced_accuracy_score(t, p).unwrap(), "balanced_accuracy");

    let cm = confusion_matrix(t, p).unwrap();
    assert_eq!(
        cm.labels,
        labels::<L>(&case["confusion_labels"]),
        "{name}: confusion labels"
    );
    assert_eq!(
        cm.matrix,
        matrix(&case["confusion_matrix"]).mapv(|v| v as usize),
        "{name}: confusion matrix"
    );

    for (suffix, average) in [
        ("micro", Average::Micro),
        ("macro", Average::Macro),
        ("weighted", Average::Weighted),
    ] {
        close(
            precision_score(t, p, average.clone()).unwrap(),
            &format!("precision_{suffix}"),
        );
        close(
            recall_score(t, p, average.clone()).unwrap(),
            &format!("recall_{suffix}"),
        );
        close(f1_score(t, p, average.clone()).unwrap(), &format!("f1_{suffix}"));
        close(fbeta_score(t, p, 0.5, average).unwrap(), &format!("fbeta05_{suffix}"));
    }
    if !case["pos_label"].is_null() {
        let binary = Average::Binary {
            pos_label: L::from_json(&case["pos_label"]),
        };
        close(precision_score(t, p, binary.clone()).unwrap(), "precision_binary");
        close(recall_score(t, p, binary.clone()).unwrap(), "recall_binary");
        close(f1_score(t, p, binary).unwrap(), "f1_binary");
    }

    let per_class = precision_recall_fscore_support(t, p, 1.0).unwrap();
    assert_eq!(per_class.labels, cm.labels);
    assert_all_close(
        &per_class.precision,
        &f64s(&case["per_class"]["precision"]),
        "precision",
    );
    assert_all_close(&per_class.recall, &f64s(&case["per_class"]["recall"]), "recall");
    assert_all_close(&per_class.fscore, &f64s(&case["per_class"]["f1"]), "f1");
    assert_eq!(per_class.support, usizes(&case["per_class"]["support"]));
    let beta2 = precision_recall_fscore_support(t, p, 2.0).unwrap();
    assert_all_close(&beta2.fscore, &f64s(&case["per_class_beta2"]["fscore"]), "f2");

    let report = classification_report(t, p).unwrap();
    assert_all_close(&report.f1_score, &per_class.fscore, "report f1");
    assert_eq!(
        report.to_string(),
        case["classification_report"].as_str().unwrap(),
        "{name}: report"
    );
    assert_eq!(
        format!("{report:.4}"),
        case["classification_report_digits4"].as_str().unwrap(),
        "{name}: report, digits=4"
    );

    let proba = matrix(&case["proba"]);
    close(log_loss(t, proba.view()).unwrap(), "log_loss");
    if case["roc_auc"].is_null() {
        close(roc_auc_score_ovr(t, proba.view()).unwrap(), "roc_auc_ovr");
    } else {
        let score = proba.column(1);
        close(roc_auc_score(t, score).unwrap(), "roc_auc");
        // Two classes: the one-vs-rest AUC is the binary AUC.
        close(roc_auc_score_ovr(t, proba.view()).unwrap(), "roc_auc");
        let one_column = score.to_owned().insert_axis(ndarray::Axis(1));
        close(log_loss(t, one_column.view()).unwrap(), "log_loss_one_column");

        let mut classes = y_true.to_vec();
        classes.sort();
        classes.dedup();
        for (key, pos_label) in [("roc_curve", &classes[1]), ("roc_curve_neg", &classes[0])] {
            let curve = roc_curve(t, score, pos_label).unwrap();
            let expected = &case[key];
            assert_all_close(&curve.fpr, &f64s(&expected["fpr"]), "fpr");
            assert_all_close(&curve.tpr, &f64s(&expected["tpr"]), "tpr");
            assert_eq!(curve.thresholds[0], f64::INFINITY);
            let after_inf = curve.thresholds.slice(ndarray::s![1..]).to_owned();
            assert_all_close(&after_inf, &f64s(&expected["thresholds_after_inf"]), "thresholds");
            // The area of the curve is the AUC (for the negative label, 1 - AUC).
            let area = auc(curve.fpr.view(), curve.tpr.view()).unwrap();
            let auc_of_positive = num(case, "roc_auc");
            let expected_area = if key == "roc_curve" {
                auc_of_positive
            } else {
                1.0 - auc_of_positive
            };
            assert_abs_diff_eq!(area, expected_area, epsilon = TOL);
        }
    }
}

#[test]
fn classification_metrics_match_scikit_learn() {
    let cases = classification_cases();
    assert_eq!(cases.len(), 4);
    for case in &cases {
        match case["label_type"].as_str().unwrap() {
            "int" => check_classification::<i64>(case),
            "string" => check_classification::<String>(case),
            other => panic!("unknown label type {other}"),
        }
    }
}

#[test]
fn classification_report_prints_scikit_learns_table() {
    // The three-class case, spelled out so that a failure shows the table.
    let case = classification_cases()
        .into_iter()
        .find(|c| c["name"] == "three_classes")
        .unwrap();
    let y_true = Array1::from(labels::<i64>(&case["y_true"]));
    let y_pred = Array1::from(labels::<i64>(&case["y_pred"]));
    let report = classification_report(y_true.view(), y_pred.view()).unwrap();
    let printed = report.to_string();
    let expected = case["classification_report"].as_str().unwrap();
    assert_eq!(printed, expected, "\nlearnkit:\n{printed}\nscikit-learn:\n{expected}");
}

#[test]
fn f32_scores_give_the_same_ranking_metrics() {
    for case in classification_cases().iter().filter(|c| c["label_type"] == "int") {
        let y_true = Array1::from(labels::<i64>(&case["y_true"]));
        let proba = matrix(&case["proba"]);
        let proba32 = proba.mapv(|v| v as f32);
        if case["roc_auc"].is_null() {
            // The f32 rows still sum to 1 within tolerance; ties are kept by
            // rounding, so the AUC is the same.
            let got = roc_auc_score_ovr(y_true.view(), proba32.view()).unwrap();
            assert_abs_diff_eq!(got, num(case, "roc_auc_ovr"), epsilon = TOL);
        } else {
            let got = roc_auc_score(y_true.view(), proba32.column(1)).unwrap();
            assert_abs_diff_eq!(got, num(case, "roc_auc"), epsilon = TOL);
        }
    }
}

#[test]
fn regression_metrics_match_scikit_learn() {
    let fixture = fixture();
    let cases = fixture["regression"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for case in cases {
        let y_true = f64s(&case["y_true"]);
        let y_pred = f64s(&case["y_pred"]);
        let (t, p) = (y_true.view(), y_pred.view());
        for (got, key) in [
            (r2_score(t, p).unwrap(), "r2"),
            (mean_squared_error(t, p).unwrap(), "mse"),
            (root_mean_squared_error(t, p).unwrap(), "rmse"),
            (mean_absolute_error(t, p).unwrap(), "mae"),
        ] {
            assert_relative_eq!(got, num(case, key), epsilon = TOL, max_relative = TOL);
        }
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn length_mismatch_is_a_shape_mismatch_everywhere() {
    let (t, p) = (array![0, 1, 1], array![0, 1]);
    let is_shape = |r: Result<f64, Error>| {
        matches!(
            r,
            Err(Error::ShapeMismatch {
                expected: 3,
                got: 2,
                ..
            })
        )
    };
    assert!(is_shape(accuracy_score(t.view(), p.view())));
    assert!(is_shape(balanced_accuracy_score(t.view(), p.view())));
    assert!(is_shape(precision_score(t.view(), p.view(), Average::Macro)));
    assert!(is_shape(recall_score(t.view(), p.view(), Average::Micro)));
    assert!(is_shape(f1_score(t.view(), p.view(), Average::Binary { pos_label: 1 })));
    assert!(is_shape(fbeta_score(t.view(), p.view(), 2.0, Average::Weighted)));
    assert!(matches!(
        confusion_matrix(t.view(), p.view()),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        precision_recall_fscore_support(t.view(), p.view(), 1.0),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        classification_report(t.view(), p.view()),
        Err(Error::ShapeMismatch { .. })
    ));

    let scores = array![0.1, 0.9];
    assert!(is_shape(roc_auc_score(t.view(), scores.view())));
    assert!(matches!(
        roc_curve(t.view(), scores.view(), &1),
        Err(Error::ShapeMismatch { .. })
    ));
    let proba = array![[0.5, 0.5], [0.5, 0.5]];
    assert!(is_shape(log_loss(t.view(), proba.view())));
    assert!(is_shape(roc_auc_score_ovr(t.view(), proba.view())));

    let (yt, yp) = (array![1.0, 2.0, 3.0], array![1.0, 2.0]);
    assert!(is_shape(r2_score(yt.view(), yp.view())));
    assert!(is_shape(mean_squared_error(yt.view(), yp.view())));
    assert!(is_shape(root_mean_squared_error(yt.view(), yp.view())));
    assert!(is_shape(mean_absolute_error(yt.view(), yp.view())));
}

#[test]
fn empty_inputs_are_empty_input_errors() {
    let labels = Array1::<i32>::zeros(0);
    let floats = Array1::<f64>::zeros(0);
    let proba = Array2::<f64>::zeros((0, 2));
    let is_empty = |r: Result<f64, Error>| matches!(r, Err(Error::EmptyInput { .. }));
    assert!(is_empty(accuracy_score(labels.view(), labels.view())));
    assert!(is_empty(balanced_accuracy_score(labels.view(), labels.view())));
    assert!(is_empty(f1_score(labels.view(), labels.view(), Average::Macro)));
    assert!(matches!(
        classification_report(labels.view(), labels.view()),
        Err(Error::EmptyInput { .. })
    ));
    assert!(is_empty(roc_auc_score(labels.view(), floats.view())));
    assert!(matches!(
        roc_curve(labels.view(), floats.view(), &1),
        Err(Error::EmptyInput { .. })
    ));
    assert!(is_empty(roc_auc_score_ovr(labels.view(), proba.view())));
    assert!(is_empty(log_loss(labels.view(), proba.view())));
    assert!(is_empty(r2_score(floats.view(), floats.view())));
    assert!(is_empty(mean_squared_error(floats.view(), floats.view())));
    assert!(is_empty(mean_absolute_error(floats.view(), floats.view())));
}

#[test]
fn non_finite_scores_are_reported_where_they_are() {
    let y = array![0, 1, 1];
    let scores = array![0.2, f64::NAN, 0.7];
    assert!(matches!(
        roc_auc_score(y.view(), scores.view()),
        Err(Error::NonFinite { row: 1, column: 0, .. })
    ));
    assert!(matches!(
        roc_curve(y.view(), scores.view(), &1),
        Err(Error::NonFinite { row: 1, .. })
    ));

    let proba = array![[0.5, 0.5], [0.3, 0.7], [f64::INFINITY, 0.0]];
    assert!(matches!(
        log_loss(y.view(), proba.view()),
        Err(Error::NonFinite { row: 2, column: 0, .. })
    ));
    let y3 = array![0, 1, 2];
    let proba3 = array![[0.5, 0.25, 0.25], [0.2, f64::NAN, 0.3], [0.2, 0.3, 0.5]];
    assert!(matches!(
        roc_auc_score_ovr(y3.view(), proba3.view()),
        Err(Error::NonFinite { row: 1, column: 1, .. })
    ));

    let t = array![1.0f32, 2.0];
    let p = array![1.0f32, f32::NEG_INFINITY];
    assert!(matches!(
        mean_squared_error(t.view(), p.view()),
        Err(Error::NonFinite { row: 1, .. })
    ));
    assert!(matches!(
        r2_score(p.view(), t.view()),
        Err(Error::NonFinite { row: 1, .. })
    ));
}

#[test]
fn binary_average_needs_a_binary_problem_and_a_present_pos_label() {
    // A third label only in y_pred still makes the problem multiclass.
    let err = precision_score(
        array![0, 1, 1].view(),
        array![0, 2, 1].view(),
        Average::Binary { pos_label: 1 },
    );
    let Err(Error::InvalidInput { message, .. }) = err else {
        panic!("expected InvalidInput, got {err:?}")
    };
    assert!(message.contains("3 labels"), "{message}");
    let err = recall_score(
        array!["a", "b"].view(),
        array!["a", "a"].view(),
        Average::Binary { pos_label: "c" },
    );
    assert!(matches!(err, Err(Error::InvalidInput { .. })));
}

#[test]
fn ranking_needs_two_classes_and_matching_columns() {
    let one_class = array!["x", "x", "x"];
    assert!(matches!(
        roc_auc_score(one_class.view(), array![0.1, 0.5, 0.9].view()),
        Err(Error::SingleClass { .. })
    ));
    assert!(matches!(
        roc_auc_score_ovr(one_class.view(), array![[1.0], [1.0], [1.0]].view()),
        Err(Error::SingleClass { .. })
    ));
    // No positive sample: the true positive rate is 0/0.
    assert!(matches!(
        roc_curve(array![0, 0, 2].view(), array![0.1, 0.5, 0.9].view(), &1),
        Err(Error::InvalidInput { .. })
    ));
    // Three classes in y_true but 1-D scores.
    assert!(matches!(
        roc_auc_score(array![0, 1, 2].view(), array![0.1, 0.5, 0.9].view()),
        Err(Error::InvalidInput { .. })
    ));
    let y = array![0, 1, 2, 1];
    let two_columns = array![[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]];
    assert!(matches!(
        roc_auc_score_ovr(y.view(), two_columns.view()),
        Err(Error::ShapeMismatch {
            expected: 3,
            got: 2,
            ..
        })
    ));
    let not_probabilities = array![[0.5, 0.5, 0.5], [0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]];
    assert!(matches!(
        roc_auc_score_ovr(y.view(), not_probabilities.view()),
        Err(Error::InvalidInput { .. })
    ));
}

#[test]
fn log_loss_checks_probabilities_and_columns() {
    let y = array![0, 1, 2];
    let four_columns = Array2::from_elem((3, 4), 0.25);
    assert!(matches!(
        log_loss(y.view(), four_columns.view()),
        Err(Error::ShapeMismatch {
            expected: 3,
            got: 4,
            ..
        })
    ));
    // One column is the binary shortcut only; with three classes it is a mismatch.
    let one_column = Array2::from_elem((3, 1), 0.5);
    assert!(matches!(
        log_loss(y.view(), one_column.view()),
        Err(Error::ShapeMismatch {
            expected: 3,
            got: 1,
            ..
        })
    ));
    let negative = array![[0.5, 0.5, 0.0], [0.2, -0.1, 0.9], [0.1, 0.1, 0.8]];
    assert!(matches!(
        log_loss(y.view(), negative.view()),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        log_loss(array![3, 3, 3].view(), Array2::from_elem((3, 1), 1.0).view()),
        Err(Error::SingleClass { .. })
    ));
}

#[test]
fn r2_of_one_sample_is_invalid_input() {
    assert!(matches!(
        r2_score(array![1.0].view(), array![2.0].view()),
        Err(Error::InvalidInput { .. })
    ));
}
