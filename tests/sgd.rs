//! SGDClassifier and SGDRegressor against scikit-learn 1.9.1
//! (tests/fixtures/sgd.json, from tools/reference/sgd.py; the data are in
//! the fixture).
//!
//! With `shuffle = false` the update sequence is scikit-learn's, so the
//! coefficients, intercepts, decision values and probabilities agree to
//! 1e-12 relative (1e-13 reached on x86-64 Linux) (scaled by the largest expected magnitude), and `n_iter`
//! and `t` are equal, for each loss, penalty, learning rate, averaging,
//! class weight, sample weights and `partial_fit` over chunks. With
//! `shuffle` or early stopping (random orders and splits, from another
//! generator than NumPy's) the training score is within 0.06 of
//! scikit-learn's.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::Error;
use learnkit::class_weight::ClassWeight;
use learnkit::linear_model::{
    SGDClassifier, SGDClassifierLoss, SGDLearningRate, SGDPenalty, SGDRegressor, SGDRegressorLoss,
};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, array, s};
use serde_json::Value;

/// Agreement of coefficients and predictions with scikit-learn.
const TOL: f64 = 1e-12;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/sgd.json")).unwrap()
}

fn data(fixture: &Value, name: &str) -> (Array2<f64>, Array1<f64>, Array1<f64>) {
    let d = &fixture["datasets"][name];
    (matrix(&d["x"]), vector(&d["y"]), vector(&d["sample_weight"]))
}

/// Every number of a nested JSON array, in row-major order.
fn flat(value: &Value) -> Array1<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(|v| flat(v).to_vec()).collect(),
        other => Array1::from_elem(1, other.as_f64().expect("a number")),
    }
}

/// A matrix's values in row-major order.
fn ravel(a: ndarray::ArrayView2<'_, f64>) -> Array1<f64> {
    a.iter().copied().collect()
}

/// Relative agreement, scaled by the largest magnitude of the expected values.
fn close(name: &str, what: &str, got: &Array1<f64>, want: &Array1<f64>) {
    assert_eq!(got.len(), want.len(), "{name}: {what} length");
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= TOL * scale,
            "{name}: {what}: got {got}, want {want} (tolerance {TOL} × {scale})"
        );
    }
}

fn penalty(params: &Value) -> SGDPenalty {
    match params.get("penalty") {
        None => SGDPenalty::L2,
        Some(Value::Null) => SGDPenalty::None,
        Some(p) => match p.as_str().unwrap() {
            "l2" => SGDPenalty::L2,
            "l1" => SGDPenalty::L1,
            "elasticnet" => SGDPenalty::ElasticNet,
            other => panic!("unknown penalty {other}"),
        },
    }
}

fn learning_rate(params: &Value, default: SGDLearningRate) -> SGDLearningRate {
    match params.get("learning_rate").and_then(Value::as_str) {
        None => default,
        Some("constant") => SGDLearningRate::Constant,
        Some("optimal") => SGDLearningRate::Optimal,
        Some("invscaling") => SGDLearningRate::InvScaling,
        Some("adaptive") => SGDLearningRate::Adaptive,
        Some(other) => panic!("unknown learning rate {other}"),
    }
}

fn average(params: &Value) -> usize {
    match params.get("average") {
        None => 0,
        Some(Value::Bool(b)) => usize::from(*b),
        Some(v) => v.as_u64().unwrap() as usize,
    }
}

fn f(params: &Value, key: &str, default: f64) -> f64 {
    params.get(key).and_then(Value::as_f64).unwrap_or(default)
}

fn tol(params: &Value) -> Option<f64> {
    match params.get("tol") {
        None => Some(1e-3),
        Some(Value::Null) => None,
        Some(v) => v.as_f64(),
    }
}

fn classifier(params: &Value) -> SGDClassifier {
    let loss = match params.get("loss").and_then(Value::as_str).unwrap_or("hinge") {
        "hinge" => SGDClassifierLoss::Hinge,
        "log_loss" => SGDClassifierLoss::LogLoss,
        "modified_huber" => SGDClassifierLoss::ModifiedHuber,
        "squared_hinge" => SGDClassifierLoss::SquaredHinge,
        "perceptron" => SGDClassifierLoss::Perceptron,
        other => panic!("unknown loss {other}"),
    };
    let class_weight = match params.get("class_weight") {
        None | Some(Value::Null) => ClassWeight::Uniform,
        Some(Value::String(s)) if s == "balanced" => ClassWeight::Balanced,
        // Keys are the classes 0, 1, …, in order.
        Some(Value::Object(map)) => {
            ClassWeight::PerClass((0..map.len()).map(|k| map[&k.to_string()].as_f64().unwrap()).collect())
        }
        Some(other) => panic!("unknown class_weight {other}"),
    };
    SGDClassifier::default()
        .loss(loss)
        .penalty(penalty(params))
        .alpha(f(params, "alpha", 1e-4))
        .l1_ratio(f(params, "l1_ratio", 0.15))
        .learning_rate(learning_rate(params, SGDLearningRate::Optimal))
        .eta0(f(params, "eta0", 0.01))
        .power_t(f(params, "power_t", 0.5))
        .tol(tol(params))
        .max_iter(params.get("max_iter").and_then(Value::as_u64).unwrap_or(1000) as usize)
        .fit_intercept(params.get("fit_intercept").and_then(Value::as_bool).unwrap_or(true))
        .shuffle(params.get("shuffle").and_then(Value::as_bool).unwrap_or(true))
        .average(average(params))
        .class_weight(class_weight)
        .random_state(0)
}

fn regressor(params: &Value) -> SGDRegressor {
    let loss = match params.get("loss").and_then(Value::as_str).unwrap_or("squared_error") {
        "squared_error" => SGDRegressorLoss::SquaredError,
        "huber" => SGDRegressorLoss::Huber,
        "epsilon_insensitive" => SGDRegressorLoss::EpsilonInsensitive,
        "squared_epsilon_insensitive" => SGDRegressorLoss::SquaredEpsilonInsensitive,
        other => panic!("unknown loss {other}"),
    };
    SGDRegressor::default()
        .loss(loss)
        .epsilon(f(params, "epsilon", 0.1))
        .penalty(penalty(params))
        .alpha(f(params, "alpha", 1e-4))
        .l1_ratio(f(params, "l1_ratio", 0.15))
        .learning_rate(learning_rate(params, SGDLearningRate::InvScaling))
        .eta0(f(params, "eta0", 0.01))
        .power_t(f(params, "power_t", 0.25))
        .tol(tol(params))
        .max_iter(params.get("max_iter").and_then(Value::as_u64).unwrap_or(1000) as usize)
        .fit_intercept(params.get("fit_intercept").and_then(Value::as_bool).unwrap_or(true))
        .shuffle(params.get("shuffle").and_then(Value::as_bool).unwrap_or(true))
        .average(average(params))
        .early_stopping(params.get("early_stopping").and_then(Value::as_bool).unwrap_or(false))
        .random_state(0)
}

fn labels(y: &Array1<f64>) -> Array1<usize> {
    y.mapv(|v| v as usize)
}

/// Compares a fitted classifier with one step of the fixture.
fn check_classifier(name: &str, model: &FittedSGDClassifier<f64, usize>, x: &Array2<f64>, want: &Value) {
    close(name, "coef", &ravel(model.coef()), &flat(&want["coef"]));
    close(
        name,
        "intercept",
        &model.intercept().to_owned(),
        &flat(&want["intercept"]),
    );
    assert_eq!(
        model.n_iter() as u64,
        want["n_iter"].as_u64().unwrap(),
        "{name}: n_iter"
    );
    assert_eq!(model.t(), want["t"].as_f64().unwrap(), "{name}: t");
    let head = x.slice(s![..6, ..]);
    close(
        name,
        "decision",
        &ravel(model.decision_function(head).unwrap().view()),
        &flat(&want["decision"]),
    );
    if want.get("proba").is_some() {
        close(
            name,
            "proba",
            &ravel(model.predict_proba(head).unwrap().view()),
            &flat(&want["proba"]),
        );
    } else {
        assert!(
            matches!(model.predict_proba(head), Err(Error::InvalidParameter { .. })),
            "{name}: proba"
        );
    }
}

fn check_regressor(name: &str, model: &FittedSGDRegressor<f64>, x: &Array2<f64>, want: &Value) {
    close(name, "coef", &model.coef().to_owned(), &flat(&want["coef"]));
    close(name, "intercept", &array![model.intercept()], &flat(&want["intercept"]));
    assert_eq!(
        model.n_iter() as u64,
        want["n_iter"].as_u64().unwrap(),
        "{name}: n_iter"
    );
    assert_eq!(model.t(), want["t"].as_f64().unwrap(), "{name}: t");
    close(
        name,
        "predict",
        &model.predict(x.slice(s![..6, ..])).unwrap(),
        &flat(&want["predict"]),
    );
}

use learnkit::linear_model::{FittedSGDClassifier, FittedSGDRegressor};

#[test]
fn fits_match_scikit_learn_update_for_update() {
    let fixture = fixture();
    for (name, case) in fixture["cases"].as_object().unwrap() {
        let (x, y, sw) = data(&fixture, case["dataset"].as_str().unwrap());
        let weighted = case["weighted"].as_bool().unwrap();
        let params = &case["params"];
        if case["kind"] == "classifier" {
            let est = classifier(params);
            let y = labels(&y);
            let model = if weighted {
                est.fit_weighted(x.view(), y.view(), sw.view())
            } else {
                est.fit(x.view(), y.view())
            }
            .unwrap();
            check_classifier(name, &model, &x, case);
        } else {
            let est = regressor(params);
            let model = if weighted {
                est.fit_weighted(x.view(), y.view(), sw.view())
            } else {
                est.fit(x.view(), y.view())
            }
            .unwrap();
            check_regressor(name, &model, &x, case);
        }
    }
}

#[test]
fn partial_fit_matches_scikit_learn_chunk_by_chunk() {
    let fixture = fixture();
    for (name, case) in fixture["partial"].as_object().unwrap() {
        let (x, y, sw) = data(&fixture, case["dataset"].as_str().unwrap());
        let weighted = case["weighted"].as_bool().unwrap();
        let chunks: Vec<(usize, usize)> = case["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c[0].as_u64().unwrap() as usize, c[1].as_u64().unwrap() as usize))
            .collect();
        let repeats = case["repeats"].as_u64().unwrap() as usize;
        let steps = case["steps"].as_array().unwrap();
        let chunk = |(a, b): (usize, usize)| {
            let w = weighted.then(|| sw.slice(s![a..b]));
            (x.slice(s![a..b, ..]), w, a, b)
        };
        if case["kind"] == "classifier" {
            let est = classifier(&case["params"]);
            let y = labels(&y);
            let classes: Vec<usize> = {
                let mut c = y.to_vec();
                c.sort_unstable();
                c.dedup();
                c
            };
            let mut model: Option<FittedSGDClassifier<f64, usize>> = None;
            for (step, &c) in chunks.iter().cycle().take(chunks.len() * repeats).enumerate() {
                let (xc, w, a, b) = chunk(c);
                let yc = y.slice(s![a..b]);
                match model.as_mut() {
                    None => model = Some(est.partial_fit(xc, yc, Some(&classes), w).unwrap()),
                    Some(m) => m.partial_fit(xc, yc, None, w).unwrap(),
                }
                check_classifier(
                    &format!("{name} step {step}"),
                    model.as_ref().unwrap(),
                    &x,
                    &steps[step],
                );
            }
        } else {
            let est = regressor(&case["params"]);
            let mut model: Option<FittedSGDRegressor<f64>> = None;
            for (step, &c) in chunks.iter().cycle().take(chunks.len() * repeats).enumerate() {
                let (xc, w, a, b) = chunk(c);
                let yc = y.slice(s![a..b]);
                match model.as_mut() {
                    None => model = Some(est.partial_fit(xc, yc, w).unwrap()),
                    Some(m) => m.partial_fit(xc, yc, w).unwrap(),
                }
                check_regressor(
                    &format!("{name} step {step}"),
                    model.as_ref().unwrap(),
                    &x,
                    &steps[step],
                );
            }
        }
    }
}

#[test]
fn shuffled_and_early_stopped_fits_score_as_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["scores"].as_object().unwrap() {
        let (x, y, _) = data(&fixture, case["dataset"].as_str().unwrap());
        let params = &case["params"];
        let want = case["score"].as_f64().unwrap();
        let early = params.get("early_stopping").and_then(Value::as_bool).unwrap_or(false);
        let got = if case["kind"] == "classifier" {
            let y = labels(&y);
            classifier(params)
                .early_stopping(early)
                .validation_fraction(f(params, "validation_fraction", 0.1))
                .fit(x.view(), y.view())
                .unwrap()
                .score(x.view(), y.view())
                .unwrap()
        } else {
            regressor(params)
                .fit(x.view(), y.view())
                .unwrap()
                .score(x.view(), y.view())
                .unwrap()
        };
        assert!(got >= want - 0.06, "{name}: score {got}, scikit-learn {want}");
    }
}

#[test]
fn same_seed_same_model_on_any_number_of_threads() {
    let fixture = fixture();
    let (x, y, _) = data(&fixture, "multi");
    let y = labels(&y);
    let fit = |threads: usize| {
        common::on_threads(threads, || {
            SGDClassifier::default()
                .random_state(3)
                .fit(x.view(), y.view())
                .unwrap()
        })
    };
    let (one, four) = (fit(1), fit(4));
    assert_eq!(one.coef(), four.coef());
    assert_eq!(one.intercept(), four.intercept());
}

#[test]
fn invalid_parameters_are_named() {
    let x = array![[0.0], [1.0], [2.0], [3.0]];
    let y = array![0, 0, 1, 1];
    let yr = array![0.0, 1.0, 2.0, 3.0];
    use common::fixtures::assert_invalid_parameter;
    assert_invalid_parameter(
        SGDClassifier::default().alpha(-1.0).fit(x.view(), y.view()),
        "SGDClassifier",
        "alpha",
    );
    assert_invalid_parameter(
        SGDRegressor::default().alpha(-1e-3).fit(x.view(), yr.view()),
        "SGDRegressor",
        "alpha",
    );
    for r in [-0.1, 1.5, f64::NAN] {
        assert_invalid_parameter(
            SGDClassifier::default().l1_ratio(r).fit(x.view(), y.view()),
            "SGDClassifier",
            "l1_ratio",
        );
        assert_invalid_parameter(
            SGDRegressor::default().l1_ratio(r).fit(x.view(), yr.view()),
            "SGDRegressor",
            "l1_ratio",
        );
    }
    for eta0 in [0.0, -1.0] {
        let constant = SGDClassifier::default()
            .learning_rate(SGDLearningRate::Constant)
            .eta0(eta0);
        assert_invalid_parameter(constant.fit(x.view(), y.view()), "SGDClassifier", "eta0");
        let constant = SGDRegressor::default()
            .learning_rate(SGDLearningRate::Constant)
            .eta0(eta0);
        assert_invalid_parameter(constant.fit(x.view(), yr.view()), "SGDRegressor", "eta0");
    }
    // The optimal rate divides by alpha.
    assert_invalid_parameter(
        SGDClassifier::default().alpha(0.0).fit(x.view(), y.view()),
        "SGDClassifier",
        "alpha",
    );
    assert!(
        SGDClassifier::default()
            .alpha(0.0)
            .learning_rate(SGDLearningRate::Constant)
            .fit(x.view(), y.view())
            .is_ok()
    );
    // partial_fit runs one epoch: no early stopping, no class balance from a chunk.
    let early = SGDClassifier::default().early_stopping(true);
    assert_invalid_parameter(
        early.partial_fit(x.view(), y.view(), Some(&[0, 1]), None),
        "SGDClassifier",
        "early_stopping",
    );
    let balanced = SGDClassifier::default().class_weight(ClassWeight::Balanced);
    assert_invalid_parameter(
        balanced.partial_fit(x.view(), y.view(), Some(&[0, 1]), None),
        "SGDClassifier",
        "class_weight",
    );
}

#[test]
fn partial_fit_rejects_what_does_not_continue_the_model() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]];
    let y = array!["a", "b", "a"];
    let sgd = SGDClassifier::default().shuffle(false);
    // The first call must name every class.
    let missing = sgd.partial_fit(x.view(), y.view(), None, None);
    assert!(matches!(missing, Err(Error::InvalidInput { .. })), "{missing:?}");
    let outside = sgd.partial_fit(x.view(), y.view(), Some(&["a", "c"]), None);
    assert!(matches!(outside, Err(Error::InvalidInput { .. })), "{outside:?}");
    let mut model = sgd
        .partial_fit(x.view(), y.view(), Some(&["a", "b", "c"]), None)
        .unwrap();
    let before = model.clone();
    let wider = model.partial_fit(array![[0.0, 1.0, 2.0]].view(), array!["a"].view(), None, None);
    assert!(
        matches!(
            wider,
            Err(Error::FeatureCountMismatch {
                expected: 2,
                got: 3,
                ..
            })
        ),
        "{wider:?}"
    );
    let unseen = model.partial_fit(array![[0.0, 1.0]].view(), array!["z"].view(), None, None);
    match unseen {
        Err(Error::InvalidInput { message, .. }) => assert!(message.contains("\"z\""), "{message}"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    let other_classes = model.partial_fit(x.view(), y.view(), Some(&["a", "b"]), None);
    assert!(
        matches!(other_classes, Err(Error::InvalidInput { .. })),
        "{other_classes:?}"
    );
    // Failed calls leave the model as it was.
    assert_eq!(model.coef(), before.coef());
    assert_eq!(model.t(), before.t());

    let mut reg = SGDRegressor::default()
        .partial_fit(x.view(), array![1.0, 2.0, 3.0].view(), None)
        .unwrap();
    let wider = reg.partial_fit(array![[0.0]].view(), array![1.0].view(), None);
    assert!(
        matches!(
            wider,
            Err(Error::FeatureCountMismatch {
                expected: 2,
                got: 1,
                ..
            })
        ),
        "{wider:?}"
    );
}

#[test]
fn partial_fit_chunks_continue_the_row_orders() {
    // Shuffled chunks continue the model's stream of row orders, drawn
    // from its seed: the same seed and chunks give the same model.
    let x = Array2::from_shape_fn((30, 2), |(i, j)| ((i * 5 + j * 7) % 13) as f64 / 6.0 - 1.0);
    let y: Array1<usize> = x.rows().into_iter().map(|r| usize::from(r[0] + r[1] > 0.0)).collect();
    let sgd = SGDClassifier::default().random_state(1);
    let mut twice = sgd.partial_fit(x.view(), y.view(), Some(&[0, 1]), None).unwrap();
    twice.partial_fit(x.view(), y.view(), None, None).unwrap();
    assert_eq!(twice.t(), 61.0);
    let mut again = sgd.partial_fit(x.view(), y.view(), Some(&[0, 1]), None).unwrap();
    again.partial_fit(x.view(), y.view(), None, None).unwrap();
    assert_eq!(again.coef(), twice.coef());
}
