//! LogisticRegression against scikit-learn 1.9.1 (tests/fixtures/logistic.json,
//! made by tools/reference/logistic.py), plus thread-count determinism on the
//! bundled data.
//!
//! Both sides are run with a tight tolerance (tol = 1e-10, large max_iter), so
//! both reach the optimum of the same strictly convex objective and the
//! coefficients must agree to 1e-4 relative. Near-zero coefficients are
//! compared with an absolute floor: `|a − b| ≤ 1e-4 · max(|b|, 1e-2)`, i.e. an
//! absolute tolerance of 1e-6 below 0.01 in magnitude (digits has all-zero
//! pixels whose coefficients are exactly 0 on both sides, and small weights
//! whose relative error is dominated by the solver's stopping point).

use crate::common;

use common::fixtures::{bundled, formula_weights, matrix, max_relative_difference, vector};
use learnkit::class_weight::ClassWeight;
use learnkit::datasets::{load_breast_cancer, load_digits};
use learnkit::linear_model::FittedLogisticRegression;
use learnkit::prelude::*;
use ndarray::{Array1, Array2, Axis};
use serde_json::Value;

const RELATIVE: f64 = 1e-4;
const FLOOR: f64 = 1e-2;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/logistic.json")).unwrap()
}

/// The case's data, loaded and (when the case says so) standardised by
/// learnkit, as the Python script does with scikit-learn.
fn data(case: &Value) -> (Array2<f64>, Array1<usize>) {
    bundled(
        case["dataset"].as_str().unwrap(),
        case["standardised"].as_bool().unwrap(),
    )
}

/// scikit-learn's scaled objective at a fitted model:
/// `Σ s_i logloss_i / Σ s + ‖W‖² / (2 C Σ s)`.
fn objective(
    model: &FittedLogisticRegression<f64, usize>,
    x: &Array2<f64>,
    y: &Array1<usize>,
    s: &Array1<f64>,
    c: f64,
) -> f64 {
    let proba = model.predict_proba(x.view()).unwrap();
    let total = s.sum();
    let loss: f64 = y
        .iter()
        .enumerate()
        .map(|(i, &label)| -s[i] * proba[[i, label]].ln())
        .sum();
    let norm2: f64 = model.coef().iter().map(|w| w * w).sum();
    loss / total + 0.5 * norm2 / (c * total)
}

fn check_case(name: &str) {
    let fixture = fixture();
    let case = &fixture["cases"][name];
    let (x, y) = data(case);
    let c = case["C"].as_f64().unwrap();
    let class_weight = match case["class_weight"].as_str() {
        Some("balanced") => ClassWeight::Balanced,
        None => ClassWeight::Uniform,
        Some(other) => panic!("unknown class_weight {other}"),
    };
    let params = LogisticRegression::default()
        .c(c)
        .tol(1e-10)
        .max_iter(10_000)
        .fit_intercept(case["fit_intercept"].as_bool().unwrap())
        .class_weight(class_weight.clone());
    let sample_weight = (!case["sample_weight"].is_null()).then(|| formula_weights(y.len()));
    let model = match &sample_weight {
        Some(w) => params.fit_weighted(x.view(), y.view(), w.view()).unwrap(),
        None => params.fit(x.view(), y.view()).unwrap(),
    };

    let expected_coef = matrix(&case["coef"]);
    let expected_intercept = vector(&case["intercept"]);
    assert_eq!(model.coef().dim(), expected_coef.dim(), "{name}: coef shape");
    assert_eq!(
        model.intercept().len(),
        expected_intercept.len(),
        "{name}: intercept shape"
    );
    let coef_diff = max_relative_difference(model.coef().iter(), expected_coef.iter(), FLOOR);
    let intercept_diff = max_relative_difference(model.intercept().iter(), expected_intercept.iter(), FLOOR);

    let rows: Vec<usize> = case["proba_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    let proba = model.predict_proba(x.select(Axis(0), &rows).view()).unwrap();
    let expected_proba = matrix(&case["predict_proba"]);
    let proba_diff = proba
        .iter()
        .zip(expected_proba.iter())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);

    // The objective: per-sample weights as the script computes them.
    let base = sample_weight.clone().unwrap_or_else(|| Array1::ones(y.len()));
    let s = match class_weight {
        ClassWeight::Balanced => {
            let mut per_class = vec![0.0; model.classes().len()];
            for (&label, w) in y.iter().zip(&base) {
                per_class[label] += w;
            }
            let total: f64 = per_class.iter().sum();
            let k = per_class.len() as f64;
            y.iter()
                .zip(&base)
                .map(|(&label, w)| w * total / (k * per_class[label]))
                .collect()
        }
        _ => base,
    };
    let ours = objective(&model, &x, &y, &s, c);
    let theirs = case["objective"].as_f64().unwrap();

    eprintln!(
        "{name}: max rel. diff coef {coef_diff:.2e}, intercept {intercept_diff:.2e}; max abs. diff proba \
         {proba_diff:.2e}; objective {ours:.15e} vs scikit-learn {theirs:.15e}; n_iter {} (scikit-learn {}), \
         converged {}",
        model.n_iter(),
        case["n_iter"],
        model.converged()
    );
    assert!(model.converged(), "{name}: did not converge");
    assert!(coef_diff <= RELATIVE, "{name}: coef differs by {coef_diff:e}");
    assert!(
        intercept_diff <= RELATIVE,
        "{name}: intercept differs by {intercept_diff:e}"
    );
    assert!(proba_diff <= 1e-6, "{name}: predict_proba differs by {proba_diff:e}");
    // Same objective at both optima, to rounding.
    assert!(
        (ours - theirs).abs() <= 1e-9 * theirs.abs(),
        "{name}: objective {ours} vs {theirs}"
    );
    let accuracy = model.score(x.view(), y.view()).unwrap();
    assert_eq!(
        accuracy,
        case["train_accuracy"].as_f64().unwrap(),
        "{name}: training accuracy"
    );
}

#[test]
fn iris_multinomial() {
    check_case("iris");
}

#[test]
fn breast_cancer_binary() {
    check_case("breast_cancer");
}

#[test]
fn digits_multinomial() {
    check_case("digits");
}

#[test]
fn breast_cancer_class_weight_balanced() {
    check_case("breast_cancer_balanced");
}

#[test]
fn iris_sample_weight() {
    check_case("iris_sample_weight");
}

#[test]
fn breast_cancer_without_intercept() {
    check_case("breast_cancer_no_intercept");
}

#[test]
fn bit_identical_with_one_and_two_jobs() {
    let digits = load_digits();
    let x = StandardScaler::default()
        .fit_unsupervised(digits.data.view())
        .unwrap()
        .transform(digits.data.view())
        .unwrap();
    // Repeat the rows so that the loss is reduced over several row blocks.
    let rows: Vec<usize> = (0..3 * x.nrows()).map(|i| i % x.nrows()).collect();
    let x = x.select(Axis(0), &rows);
    let y = digits.target.select(Axis(0), &rows);
    let fit = |n_jobs| {
        LogisticRegression::default()
            .n_jobs(Some(n_jobs))
            .fit(x.view(), y.view())
            .unwrap()
    };
    let one = fit(1);
    let two = fit(2);
    assert_eq!(one.coef(), two.coef());
    assert_eq!(one.intercept(), two.intercept());
    assert_eq!(one.n_iter(), two.n_iter());
    assert_eq!(
        one.predict_proba(x.view()).unwrap(),
        two.predict_proba(x.view()).unwrap()
    );
}

#[test]
fn pipeline_scores_well_on_breast_cancer() {
    let cancer = load_breast_cancer();
    let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
        .fit(cancer.data.view(), cancer.target.view())
        .unwrap();
    assert!(model.second.converged());
    assert!(model.score(cancer.data.view(), cancer.target.view()).unwrap() > 0.98);
    let x32 = cancer.data.mapv(|v| v as f32);
    let model32 = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
        .fit(x32.view(), cancer.target.view())
        .unwrap();
    let agree = model
        .predict(cancer.data.view())
        .unwrap()
        .iter()
        .zip(model32.predict(x32.view()).unwrap().iter())
        .filter(|(a, b)| a == b)
        .count();
    assert!(agree >= 567, "f32 and f64 pipelines agree on {agree} of 569");
}
