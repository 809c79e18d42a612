//! GaussianNB, MultinomialNB, ComplementNB, BernoulliNB and CategoricalNB
//! against scikit-learn 1.9.1 (tests/fixtures/naive_bayes.json, from
//! tools/reference/naive_bayes.py; the data are in the fixture), and the
//! sparse paths against the dense ones.
//!
//! Every attribute (class counts, priors, feature counts and
//! log-probabilities, means, variances, epsilon, category counts) and every
//! output (probabilities, log-probabilities, joint log-likelihoods) agrees
//! to 1e-12, relative for values above 1 in magnitude; predictions are
//! equal. A sparse fit is bit-identical to the dense fit of the same data.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::Error;
use learnkit::naive_bayes::{BernoulliNB, CategoricalNB, ComplementNB, GaussianNB, MinCategories, MultinomialNB};
use learnkit::prelude::*;
use learnkit::sparse::CsrMatrix;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, array, s};
use serde_json::Value;

const TOLERANCE: f64 = 1e-12;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/naive_bayes.json")).unwrap()
}

/// Every number of a nested JSON array, in row-major order.
fn flat(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        other => vec![other.as_f64().expect("a number")],
    }
}

fn close(name: &str, what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name}: {what} length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= TOLERANCE * w.abs().max(1.0),
            "{name}: {what}[{k}]: got {g:e}, want {w:e}"
        );
    }
}

fn views(arrays: Vec<ArrayView2<'_, f64>>) -> Vec<f64> {
    arrays.iter().flat_map(|a| a.iter().copied()).collect()
}

/// The data of a case: `x`, `y`, the weights (when weighted) and the test rows.
struct Data {
    x: Array2<f64>,
    y: Array1<usize>,
    weights: Option<Array1<f64>>,
    x_test: Array2<f64>,
    batches: Vec<(usize, usize)>,
    partial: bool,
}

fn data(fixture: &Value, case: &Value) -> Data {
    let dataset = &fixture["datasets"][case["dataset"].as_str().unwrap()];
    Data {
        x: matrix(&dataset["X"]),
        y: vector(&fixture["y"]).mapv(|v| v as usize),
        weights: case["weighted"].as_bool().unwrap().then(|| vector(&fixture["weights"])),
        x_test: matrix(&dataset["X_test"]),
        batches: fixture["batches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b[0].as_u64().unwrap() as usize, b[1].as_u64().unwrap() as usize))
            .collect(),
        partial: case["partial"].as_bool().unwrap(),
    }
}

/// Fits `$model` as the case says: `fit` / `fit_weighted`, or
/// `partial_fit` over the batches (the first with the classes).
macro_rules! fit_case {
    ($model:expr, $data:expr) => {{
        let d: &Data = $data;
        let model = $model;
        if d.partial {
            let mut fitted = None;
            for &(a, b) in &d.batches {
                let x = d.x.slice(s![a..b, ..]);
                let y = d.y.slice(s![a..b]);
                let w = d.weights.as_ref().map(|w| w.slice(s![a..b]));
                match fitted.as_mut() {
                    None => fitted = Some(model.partial_fit_matrix(x.into(), y, &[0, 1, 2], w).unwrap()),
                    Some(f) => f.partial_fit_matrix(x.into(), y, w).unwrap(),
                }
            }
            fitted.unwrap()
        } else if let Some(w) = &d.weights {
            model.fit_weighted(d.x.view(), d.y.view(), w.view()).unwrap()
        } else {
            model.fit(d.x.view(), d.y.view()).unwrap()
        }
    }};
}

/// The outputs every model has: class counts, predictions and the three
/// probability outputs on the test rows.
macro_rules! compare_outputs {
    ($fitted:expr, $name:expr, $case:expr, $data:expr) => {{
        let (fitted, name, case, d) = (&$fitted, $name, $case, $data);
        close(
            name,
            "class_count",
            fitted.class_count().as_slice().unwrap(),
            &flat(&case["class_count"]),
        );
        let x = d.x_test.view();
        let predicted: Vec<f64> = fitted.predict(x).unwrap().iter().map(|&c| c as f64).collect();
        assert_eq!(predicted, flat(&case["predict"]), "{name}: predict");
        close(
            name,
            "predict_proba",
            fitted.predict_proba(x).unwrap().as_slice().unwrap(),
            &flat(&case["predict_proba"]),
        );
        close(
            name,
            "predict_log_proba",
            fitted.predict_log_proba(x.into()).unwrap().as_slice().unwrap(),
            &flat(&case["predict_log_proba"]),
        );
        close(
            name,
            "predict_joint_log_proba",
            fitted.predict_joint_log_proba(x.into()).unwrap().as_slice().unwrap(),
            &flat(&case["predict_joint_log_proba"]),
        );
    }};
}

fn param_f64(params: &Value, key: &str) -> Option<f64> {
    params.get(key).and_then(Value::as_f64)
}

fn param_bool(params: &Value, key: &str) -> Option<bool> {
    params.get(key).and_then(Value::as_bool)
}

fn param_vec(params: &Value, key: &str) -> Option<Vec<f64>> {
    params.get(key).map(flat)
}

#[test]
fn every_model_matches_scikit_learn() {
    let fixture = fixture();
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 35);
    for (k, case) in cases.iter().enumerate() {
        let params = &case["params"];
        let model_name = case["model"].as_str().unwrap();
        let name = &format!("case {k}: {model_name} on {} {params}", case["dataset"]);
        let d = &data(&fixture, case);
        let discrete = |fitted_counts: Vec<f64>, log_prob: Vec<f64>, log_prior: Vec<f64>| {
            close(name, "feature_count", &fitted_counts, &flat(&case["feature_count"]));
            close(name, "feature_log_prob", &log_prob, &flat(&case["feature_log_prob"]));
            close(name, "class_log_prior", &log_prior, &flat(&case["class_log_prior"]));
        };
        match model_name {
            "MultinomialNB" => {
                let mut m = MultinomialNB::default().class_prior(param_vec(params, "class_prior"));
                m = m.alpha(param_f64(params, "alpha").unwrap_or(1.0));
                m = m.force_alpha(param_bool(params, "force_alpha").unwrap_or(true));
                m = m.fit_prior(param_bool(params, "fit_prior").unwrap_or(true));
                let fitted = fit_case!(m, d);
                compare_outputs!(fitted, name, case, d);
                discrete(
                    fitted.feature_count().iter().copied().collect(),
                    fitted.feature_log_prob().iter().copied().collect(),
                    fitted.class_log_prior().to_vec(),
                );
            }
            "ComplementNB" => {
                let mut m = ComplementNB::default().norm(param_bool(params, "norm").unwrap_or(false));
                m = m.alpha(param_f64(params, "alpha").unwrap_or(1.0));
                let fitted = fit_case!(m, d);
                compare_outputs!(fitted, name, case, d);
                discrete(
                    fitted.feature_count().iter().copied().collect(),
                    fitted.feature_log_prob().iter().copied().collect(),
                    fitted.class_log_prior().to_vec(),
                );
            }
            "BernoulliNB" => {
                let mut m = BernoulliNB::default();
                if let Some(b) = params.get("binarize") {
                    m = m.binarize(b.as_f64());
                }
                m = m.alpha(param_f64(params, "alpha").unwrap_or(1.0));
                m = m.fit_prior(param_bool(params, "fit_prior").unwrap_or(true));
                let fitted = fit_case!(m, d);
                compare_outputs!(fitted, name, case, d);
                discrete(
                    fitted.feature_count().iter().copied().collect(),
                    fitted.feature_log_prob().iter().copied().collect(),
                    fitted.class_log_prior().to_vec(),
                );
            }
            "CategoricalNB" => {
                let mut m = CategoricalNB::default().class_prior(param_vec(params, "class_prior"));
                m = m.alpha(param_f64(params, "alpha").unwrap_or(1.0));
                m = m.min_categories(params.get("min_categories").map(|v| match v {
                    Value::Array(items) => {
                        MinCategories::PerFeature(items.iter().map(|i| i.as_u64().unwrap() as usize).collect())
                    }
                    other => MinCategories::All(other.as_u64().unwrap() as usize),
                }));
                let fitted = fit_case!(m, d);
                compare_outputs!(fitted, name, case, d);
                close(
                    name,
                    "category_count",
                    &views(fitted.category_count()),
                    &flat(&case["category_count"]),
                );
                close(
                    name,
                    "feature_log_prob",
                    &views(fitted.feature_log_prob()),
                    &flat(&case["feature_log_prob"]),
                );
                close(
                    name,
                    "class_log_prior",
                    fitted.class_log_prior().as_slice().unwrap(),
                    &flat(&case["class_log_prior"]),
                );
                let n_categories: Vec<f64> = fitted.n_categories().iter().map(|&n| n as f64).collect();
                assert_eq!(n_categories, flat(&case["n_categories"]), "{name}: n_categories");
            }
            "GaussianNB" => {
                let mut m = GaussianNB::default().priors(param_vec(params, "priors"));
                m = m.var_smoothing(param_f64(params, "var_smoothing").unwrap_or(1e-9));
                let fitted = fit_case!(m, d);
                compare_outputs!(fitted, name, case, d);
                close(
                    name,
                    "theta",
                    &fitted.theta().iter().copied().collect::<Vec<_>>(),
                    &flat(&case["theta"]),
                );
                close(
                    name,
                    "var",
                    &fitted.var().iter().copied().collect::<Vec<_>>(),
                    &flat(&case["var"]),
                );
                close(
                    name,
                    "class_prior",
                    fitted.class_prior().as_slice().unwrap(),
                    &flat(&case["class_prior"]),
                );
                close(
                    name,
                    "epsilon",
                    &[fitted.epsilon()],
                    &[case["epsilon"].as_f64().unwrap()],
                );
            }
            other => panic!("unknown model {other}"),
        }
    }
}

/// The counts of the fixture with some rows all zero, and weights.
fn counts() -> (Array2<f64>, Array1<usize>, Array1<f64>) {
    let fixture = fixture();
    let mut x = matrix(&fixture["datasets"]["counts"]["X"]);
    x.row_mut(4).fill(0.0);
    let y = vector(&fixture["y"]).mapv(|v| v as usize);
    (x, y, vector(&fixture["weights"]))
}

/// A sparse fit (whole, weighted, and in batches) is the dense fit: the
/// same statistics and the same outputs, bit for bit, on sparse or dense
/// rows.
macro_rules! sparse_equals_dense {
    ($test:ident, $model:expr) => {
        #[test]
        fn $test() {
            let (x, y, w) = counts();
            let sparse = CsrMatrix::from_dense(x.view());
            let model = $model;
            let dense_fit = model.fit_weighted(x.view(), y.view(), w.view()).unwrap();
            let sparse_fit = model
                .fit_weighted_matrix((&sparse).into(), y.view(), w.view())
                .unwrap();
            let first = sparse.select_rows(&(0..20).collect::<Vec<_>>());
            let mut batches = model
                .partial_fit_matrix((&first).into(), y.slice(s![..20]), &[0, 1, 2], None)
                .unwrap();
            batches
                .partial_fit_matrix(
                    (&sparse.select_rows(&(20..36).collect::<Vec<_>>())).into(),
                    y.slice(s![20..]),
                    None,
                )
                .unwrap();
            let unweighted = model.fit(x.view(), y.view()).unwrap();
            for (fitted, reference) in [(&sparse_fit, &dense_fit), (&batches, &unweighted)] {
                assert_eq!(fitted.feature_count(), reference.feature_count());
                assert_eq!(fitted.feature_log_prob(), reference.feature_log_prob());
                assert_eq!(fitted.class_log_prior(), reference.class_log_prior());
                let proba = reference.predict_proba(x.view()).unwrap();
                assert_eq!(fitted.predict_proba_matrix((&sparse).into()).unwrap(), proba);
                assert_eq!(fitted.predict_proba(x.view()).unwrap(), proba);
                assert_eq!(
                    fitted.predict_matrix((&sparse).into()).unwrap(),
                    reference.predict(x.view()).unwrap()
                );
                assert_eq!(
                    fitted.predict_log_proba((&sparse).into()).unwrap(),
                    reference.predict_log_proba(x.view().into()).unwrap()
                );
            }
        }
    };
}

sparse_equals_dense!(multinomial_sparse_equals_dense, MultinomialNB::default());
sparse_equals_dense!(complement_sparse_equals_dense, ComplementNB::default().norm(true));
sparse_equals_dense!(
    bernoulli_sparse_equals_dense,
    BernoulliNB::default().binarize(Some(1.0))
);

#[test]
fn gaussian_and_categorical_densify_sparse_input() {
    let (x, y, _) = counts();
    let sparse = CsrMatrix::from_dense(x.view());
    let g = GaussianNB::default();
    assert_eq!(
        g.fit_matrix((&sparse).into(), y.view())
            .unwrap()
            .predict_proba_matrix((&sparse).into())
            .unwrap(),
        g.fit(x.view(), y.view()).unwrap().predict_proba(x.view()).unwrap()
    );
    let c = CategoricalNB::default();
    assert_eq!(
        c.fit_matrix((&sparse).into(), y.view())
            .unwrap()
            .predict_proba_matrix((&sparse).into())
            .unwrap(),
        c.fit(x.view(), y.view()).unwrap().predict_proba(x.view()).unwrap()
    );
}

#[test]
fn negative_counts_are_refused_dense_and_sparse() {
    let (mut x, y, _) = counts();
    x[[5, 2]] = -1.0;
    let sparse = CsrMatrix::from_dense(x.view());
    for result in [
        MultinomialNB::default().fit(x.view(), y.view()).map(|_| ()),
        MultinomialNB::default()
            .fit_matrix((&sparse).into(), y.view())
            .map(|_| ()),
        ComplementNB::default()
            .fit_matrix((&sparse).into(), y.view())
            .map(|_| ()),
        CategoricalNB::default().fit(x.view(), y.view()).map(|_| ()),
    ] {
        match result {
            Err(Error::InvalidInput { message, .. }) => {
                assert!(message.starts_with("Negative values in data passed to"), "{message}");
                assert!(message.contains("row 5, column 2"), "{message}");
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    // BernoulliNB binarizes: negative values are absent features.
    assert!(BernoulliNB::default().fit(x.view(), y.view()).is_ok());
}

#[test]
fn partial_fit_rejects_unknown_labels_and_keeps_the_model() {
    let (x, y, _) = counts();
    let mut model = MultinomialNB::default()
        .partial_fit(x.slice(s![..10, ..]), y.slice(s![..10]), &[0, 1, 2])
        .unwrap();
    let before = model.feature_count().to_owned();
    let bad = array![0, 1, 5];
    let result = model.partial_fit(x.slice(s![10..13, ..]), bad.view());
    assert!(
        matches!(result, Err(Error::UnknownCategory { row: 2, .. })),
        "{result:?}"
    );
    let wrong_width = model.partial_fit(x.slice(s![..3, ..2]), y.slice(s![..3]));
    assert!(matches!(
        wrong_width,
        Err(Error::FeatureCountMismatch {
            expected: 6,
            got: 2,
            ..
        })
    ));
    let mut negative = x.slice(s![10..13, ..]).to_owned();
    negative[[1, 1]] = -2.0;
    assert!(model.partial_fit(negative.view(), y.slice(s![10..13])).is_err());
    assert_eq!(model.feature_count(), before);
    // The first call needs labels among the classes, and two classes.
    assert!(
        MultinomialNB::default()
            .partial_fit(x.view(), y.view(), &[0, 1])
            .is_err()
    );
    assert!(matches!(
        GaussianNB::default().partial_fit(x.view(), y.view(), &[1]),
        Err(Error::SingleClass { .. })
    ));
}

#[test]
fn parameters_are_checked() {
    let (x, y, _) = counts();
    let sparse = CsrMatrix::from_dense(x.view());
    for (result, parameter) in [
        (
            MultinomialNB::default().alpha(-1.0).fit(x.view(), y.view()).map(|_| ()),
            "alpha",
        ),
        (
            MultinomialNB::default()
                .class_prior(Some(vec![0.5, 0.5]))
                .fit(x.view(), y.view())
                .map(|_| ()),
            "class_prior",
        ),
        (
            BernoulliNB::default()
                .binarize(Some(-0.5))
                .fit_matrix((&sparse).into(), y.view())
                .map(|_| ()),
            "binarize",
        ),
        (
            GaussianNB::default()
                .priors(Some(vec![0.5, 0.2, 0.2]))
                .fit(x.view(), y.view())
                .map(|_| ()),
            "priors",
        ),
        (
            GaussianNB::default()
                .priors(Some(vec![0.5, 0.5]))
                .fit(x.view(), y.view())
                .map(|_| ()),
            "priors",
        ),
        (
            GaussianNB::default()
                .var_smoothing(-1.0)
                .fit(x.view(), y.view())
                .map(|_| ()),
            "var_smoothing",
        ),
        (
            CategoricalNB::default()
                .min_categories(Some(MinCategories::PerFeature(vec![2])))
                .fit(x.view(), y.view())
                .map(|_| ()),
            "min_categories",
        ),
    ] {
        assert!(
            matches!(&result, Err(Error::InvalidParameter { parameter: p, .. }) if *p == parameter),
            "{parameter}: {result:?}"
        );
    }
}

#[test]
fn categorical_rejects_categories_not_seen_in_fit() {
    let x = array![[0.0, 1.0], [1.0, 2.0], [1.0, 0.0]];
    let model = CategoricalNB::default().fit(x.view(), array![0, 1, 1].view()).unwrap();
    let result = model.predict(array![[1.0, 1.0], [2.0, 0.0]].view());
    assert!(
        matches!(&result, Err(Error::UnknownCategory { row: 1, column: 0, .. })),
        "{result:?}"
    );
    // Fractions truncate to the category, as scikit-learn's cast to int.
    assert_eq!(
        model.predict_proba(array![[1.7, 2.2]].view()).unwrap(),
        model.predict_proba(array![[1.0, 2.0]].view()).unwrap()
    );
}

#[test]
fn log_proba_is_stable_for_far_apart_classes() {
    // Joint log-likelihoods thousands apart: the probabilities are exactly
    // 0 and 1 and the log-probabilities finite.
    let x = array![[1000.0f64, 0.0], [0.0, 1000.0]];
    let model = MultinomialNB::default().fit(x.view(), array![0, 1].view()).unwrap();
    let log_proba = model.predict_log_proba(x.view().into()).unwrap();
    assert!(log_proba.iter().all(|v| v.is_finite()));
    assert_eq!(log_proba[[0, 0]], 0.0);
    assert_eq!(model.predict_proba(x.view()).unwrap(), array![[1.0, 0.0], [0.0, 1.0]]);
    let _: ArrayView1<'_, f64> = model.class_count();
}
