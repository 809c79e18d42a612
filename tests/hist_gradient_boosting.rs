//! Histogram gradient boosting against scikit-learn
//! (tests/fixtures/hist_gradient_boosting.json, from
//! tools/reference/hist_gradient_boosting.py), and its error cases.

use learnkit::class_weight::ClassWeight;
use learnkit::ensemble::{
    CategoricalFeatures, EarlyStopping, HistGradientBoostingClassifier, HistGradientBoostingRegressor,
};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/hist_gradient_boosting.json")).unwrap()
}

/// A JSON matrix whose `null`s are missing values.
fn matrix(value: &Value) -> Array2<f64> {
    let rows = value.as_array().unwrap();
    let n_cols = rows[0].as_array().unwrap().len();
    Array2::from_shape_fn((rows.len(), n_cols), |(i, j)| rows[i][j].as_f64().unwrap_or(f64::NAN))
}

fn vector(value: &Value) -> Array1<f64> {
    value.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

fn case<'a>(fixture: &'a Value, name: &str) -> &'a Value {
    fixture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// The shared hyperparameters of a case, as the reference script sets them:
/// early stopping on the training data that never stops (so that
/// scikit-learn records `train_score_`), unless the case sets its own
/// `n_iter_no_change` and `tol`.
macro_rules! configure {
    ($model:expr, $params:expr) => {{
        let p = $params;
        let mut m = $model
            .early_stopping(EarlyStopping::On)
            .validation_fraction(None)
            .n_iter_no_change(1000)
            .tol(0.0)
            .random_state(0)
            .max_iter(p["max_iter"].as_u64().unwrap() as usize);
        if let Some(v) = p["max_depth"].as_u64() {
            m = m.max_depth(Some(v as usize));
        }
        if let Some(v) = p["max_leaf_nodes"].as_u64() {
            m = m.max_leaf_nodes(Some(v as usize));
        }
        if let Some(v) = p["min_samples_leaf"].as_u64() {
            m = m.min_samples_leaf(v as usize);
        }
        if let Some(v) = p["l2_regularization"].as_f64() {
            m = m.l2_regularization(v);
        }
        if let Some(v) = p["learning_rate"].as_f64() {
            m = m.learning_rate(v);
        }
        // The early-stopping cases' own rule (otherwise it never stops).
        if let Some(v) = p["n_iter_no_change"].as_u64() {
            m = m.n_iter_no_change(v as usize);
        }
        if let Some(v) = p["tol"].as_f64() {
            m = m.tol(v);
        }
        if let Some(v) = p["categorical_features"].as_array() {
            m = m.categorical_features(CategoricalFeatures::Indices(
                v.iter().map(|i| i.as_u64().unwrap() as usize).collect(),
            ));
        }
        m
    }};
}

fn assert_close(
    name: &str,
    what: &str,
    ours: impl IntoIterator<Item = f64>,
    theirs: impl IntoIterator<Item = f64>,
    tol: f64,
) {
    let (ours, theirs): (Vec<f64>, Vec<f64>) = (ours.into_iter().collect(), theirs.into_iter().collect());
    assert_eq!(ours.len(), theirs.len(), "{name}: {what} lengths");
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert!(
            (a - b).abs() <= tol * b.abs().max(1.0),
            "{name}: {what}[{i}]: learnkit {a} vs scikit-learn {b}"
        );
    }
}

/// Predictions and training scores agree to this relative tolerance. Both
/// libraries sum f32 gradients into f64 histograms in the same order and
/// grow identical trees, so predictions agree to the last bits; the train
/// scores differ around 1e-15 relative (numpy's pairwise sums of the
/// per-sample losses against our chunked ones). Measured: all within 1e-13.
const TOL: f64 = 1e-12;

fn check_regressor(name: &str) {
    let fixture = fixture();
    let c = case(&fixture, name);
    let (x, y, x_test) = (matrix(&c["x_train"]), vector(&c["y_train"]), matrix(&c["x_test"]));
    let model = configure!(HistGradientBoostingRegressor::default(), &c["params"]);
    let fitted = match c["sample_weight"].as_array() {
        None => model.fit(x.view(), y.view()).unwrap(),
        Some(_) => model
            .fit_weighted(x.view(), y.view(), vector(&c["sample_weight"]).view())
            .unwrap(),
    };
    assert_eq!(fitted.n_iter(), c["n_iter"].as_u64().unwrap() as usize);
    assert_close(
        name,
        "train_score",
        fitted.train_score().iter().copied(),
        vector(&c["train_score"]),
        TOL,
    );
    assert_close(
        name,
        "predict",
        fitted.predict(x_test.view()).unwrap(),
        vector(&c["predict"]),
        TOL,
    );
}

fn check_classifier(name: &str) {
    let fixture = fixture();
    let c = case(&fixture, name);
    let (x, x_test) = (matrix(&c["x_train"]), matrix(&c["x_test"]));
    let y: Array1<usize> = vector(&c["y_train"]).mapv(|v| v as usize);
    let mut model = configure!(HistGradientBoostingClassifier::default(), &c["params"]);
    if c["params"]["class_weight"] == "balanced" {
        model = model.class_weight(ClassWeight::Balanced);
    }
    let fitted = match c["sample_weight"].as_array() {
        None => model.fit(x.view(), y.view()).unwrap(),
        Some(_) => model
            .fit_weighted(x.view(), y.view(), vector(&c["sample_weight"]).view())
            .unwrap(),
    };
    assert_eq!(fitted.n_iter(), c["n_iter"].as_u64().unwrap() as usize);
    assert_close(
        name,
        "train_score",
        fitted.train_score().iter().copied(),
        vector(&c["train_score"]),
        TOL,
    );
    let proba = fitted.predict_proba(x_test.view()).unwrap();
    assert_close(
        name,
        "predict_proba",
        proba.iter().copied(),
        matrix(&c["predict_proba"]),
        TOL,
    );
    let decision = fitted.decision_function(x_test.view()).unwrap();
    assert_close(
        name,
        "decision_function",
        decision.iter().copied(),
        matrix(&c["decision_function"]),
        TOL,
    );
    let predicted = fitted.predict(x_test.view()).unwrap().mapv(|c| c as f64);
    assert_eq!(predicted, vector(&c["predict"]), "{name}: predict");
}

#[test]
fn regressor_matches_scikit_learn() {
    check_regressor("regressor");
}

#[test]
fn regressor_with_max_depth_l2_and_learning_rate_matches_scikit_learn() {
    check_regressor("regressor_depth_l2");
}

#[test]
fn weighted_regressor_matches_scikit_learn() {
    check_regressor("regressor_weighted");
}

#[test]
fn regressor_with_missing_values_matches_scikit_learn() {
    check_regressor("regressor_nan");
}

#[test]
fn regressor_with_a_categorical_feature_matches_scikit_learn() {
    check_regressor("regressor_categorical");
}

#[test]
fn binary_classifier_matches_scikit_learn() {
    check_classifier("binary");
}

#[test]
fn weighted_balanced_binary_classifier_matches_scikit_learn() {
    check_classifier("binary_weighted_balanced");
}

#[test]
fn multiclass_classifier_matches_scikit_learn() {
    check_classifier("multiclass");
}

#[test]
fn classifier_with_missing_values_matches_scikit_learn() {
    check_classifier("binary_nan");
}

#[test]
fn classifier_with_a_categorical_feature_matches_scikit_learn() {
    check_classifier("binary_categorical");
}

/// Early stopping that stops (issue 14): `n_iter` is scikit-learn's. With
/// `tol = 1` no iteration improves on the baseline's score by enough, so
/// both stop after exactly `n_iter_no_change` iterations: the baseline's
/// score counts as the first reference, as in scikit-learn's `_should_stop`.
#[test]
fn early_stopping_stops_at_the_baseline_as_scikit_learn() {
    check_classifier("binary_stops_at_the_baseline");
}

/// The stopping iteration where the training loss flattens below `tol`:
/// binary, multinomial (three classes) and regression.
#[test]
fn early_stopping_stops_where_scikit_learn_stops() {
    check_classifier("binary_stops_when_flat");
    check_classifier("multiclass_stops_when_flat");
    check_regressor("regressor_stops_when_flat");
}

/// The large cases' data: the formula of the reference script.
fn large(start: usize, n: usize) -> (Array2<f64>, Array1<f64>) {
    let x = Array2::from_shape_fn((n, 6), |(r, j)| {
        let (i, j) = ((start + r) as f64, j as f64);
        (0.37 * i * (j + 1.0) + j).sin() * (1.0 + j)
    });
    let y = Array1::from_shape_fn(n, |r| {
        let i = (start + r) as f64;
        x[[r, 0]] + x[[r, 1]] * x[[r, 2]] - 0.5 * x[[r, 3]].powi(2) + (3.0 * x[[r, 4]]).sin() + 1.5 * (7.3 * i).sin()
    });
    (x, y)
}

#[test]
fn on_larger_data_accuracy_and_r2_are_close_to_scikit_learn() {
    let fixture = fixture();
    let reference = &fixture["large"];
    let n_train = reference["n_train"].as_u64().unwrap() as usize;
    let n_test = reference["n_test"].as_u64().unwrap() as usize;
    let (x, y) = large(0, n_train);
    let (x_test, y_test) = large(n_train, n_test);
    let regressor = HistGradientBoostingRegressor::default()
        .early_stopping(EarlyStopping::Off)
        .fit(x.view(), y.view())
        .unwrap();
    let r2 = regressor.score(x_test.view(), y_test.view()).unwrap();
    let theirs = reference["regressor_test_r2"].as_f64().unwrap();
    assert!((r2 - theirs).abs() < 0.005, "R² {r2} vs scikit-learn {theirs}");
    let labels = |y: &Array1<f64>| y.mapv(|v| (v > 0.0) as usize);
    let classifier = HistGradientBoostingClassifier::default()
        .early_stopping(EarlyStopping::Off)
        .fit(x.view(), labels(&y).view())
        .unwrap();
    let accuracy = classifier.score(x_test.view(), labels(&y_test).view()).unwrap();
    let theirs = reference["classifier_test_accuracy"].as_f64().unwrap();
    assert!(
        (accuracy - theirs).abs() < 0.01,
        "accuracy {accuracy} vs scikit-learn {theirs}"
    );
}

// ------------------------------------------------------------- behaviour

#[test]
fn early_stopping_auto_turns_on_above_10000_rows_and_stops() {
    let (x, y) = large(0, 12_000);
    let model = HistGradientBoostingRegressor::default()
        .max_iter(500)
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    assert!(model.n_iter() < 500, "early stopping should stop before 500 iterations");
    assert_eq!(model.validation_score().len(), model.n_iter() + 1);
    let (small_x, small_y) = large(0, 2_000);
    let model = HistGradientBoostingRegressor::default()
        .max_iter(30)
        .fit(small_x.view(), small_y.view())
        .unwrap();
    assert_eq!(model.n_iter(), 30);
    assert!(model.validation_score().is_empty());
}

#[test]
fn feature_subsampling_is_seeded() {
    let (x, y) = large(0, 3_000);
    let fit = |seed| {
        HistGradientBoostingRegressor::default()
            .max_features(0.5)
            .max_iter(10)
            .random_state(seed)
            .fit(x.view(), y.view())
            .unwrap()
            .predict(x.view())
            .unwrap()
    };
    assert_eq!(fit(1), fit(1));
    assert_ne!(fit(1), fit(2));
}

#[test]
fn progress_reports_every_iteration_with_validation_scores() {
    let (x, y) = large(0, 3_000);
    let labels = y.mapv(|v| (v > 0.0) as usize);
    let mut reports = Vec::new();
    let model = HistGradientBoostingClassifier::default()
        .max_iter(15)
        .early_stopping(EarlyStopping::On)
        .n_iter_no_change(100)
        .random_state(0)
        .fit_with_progress(x.view(), labels.view(), None, |p| reports.push(*p))
        .unwrap();
    assert_eq!(reports.len(), 15);
    for (i, p) in reports.iter().enumerate() {
        assert_eq!(p.iteration, i + 1);
        assert_eq!(p.train_score, model.train_score()[i + 1]);
        assert_eq!(p.validation_score, Some(model.validation_score()[i + 1]));
    }
}

/// Without early stopping the training loss is not computed (scikit-learn's
/// `train_score_` is empty then); asking for progress records it. Either
/// way the model is the same.
#[test]
fn train_score_is_recorded_only_when_something_reads_it() {
    let (x, y) = large(1, 2_000);
    let labels = y.mapv(|v| (v > 0.0) as usize);
    let model = HistGradientBoostingClassifier::default().max_iter(8).random_state(0);
    let plain = model.fit(x.view(), labels.view()).unwrap();
    assert!(plain.train_score().is_empty());
    let reported = model.fit_with_progress(x.view(), labels.view(), None, |_| {}).unwrap();
    assert_eq!(reported.train_score().len(), 9);
    assert!(reported.train_score()[8] > reported.train_score()[0]);
    let verbose = HistGradientBoostingRegressor::default().max_iter(3).verbose(1);
    assert_eq!(verbose.fit(x.view(), y.view()).unwrap().train_score().len(), 4);
    assert_eq!(
        plain.decision_function(x.view()).unwrap(),
        reported.decision_function(x.view()).unwrap()
    );
}

#[test]
fn unknown_categories_at_predict_time_go_where_missing_values_go() {
    let x = Array2::from_shape_fn((200, 1), |(i, _)| (i % 4) as f64);
    let y = Array1::from_shape_fn(200, |i| if i % 4 < 2 { 0.0 } else { 10.0 });
    let model = HistGradientBoostingRegressor::default()
        .categorical_features(CategoricalFeatures::Indices(vec![0]))
        .fit(x.view(), y.view())
        .unwrap();
    let p = model
        .predict(array![[0.0], [3.0], [7.0], [f64::NAN], [-1.0], [2.5]].view())
        .unwrap();
    assert!(p[0] < 1.0 && p[1] > 9.0);
    assert_eq!(p[2], p[3]);
    assert_eq!(p[4], p[3]);
    assert_eq!(p[5], p[3]);
}

// ------------------------------------------------------------- error paths

fn iris() -> (Array2<f64>, Array1<usize>) {
    let iris = learnkit::datasets::load_iris();
    (iris.data, iris.target)
}

fn assert_invalid_parameter<T: std::fmt::Debug>(result: learnkit::Result<T>, parameter: &str) {
    match result {
        Err(Error::InvalidParameter { parameter: p, .. }) => assert_eq!(p, parameter),
        other => panic!("expected InvalidParameter({parameter}), got {other:?}"),
    }
}

#[test]
fn invalid_hyperparameters_are_named() {
    let (x, y) = iris();
    let c = HistGradientBoostingClassifier::default;
    let fit = |m: HistGradientBoostingClassifier| m.fit(x.view(), y.view());
    assert_invalid_parameter(fit(c().learning_rate(0.0)), "learning_rate");
    assert_invalid_parameter(fit(c().learning_rate(f64::NAN)), "learning_rate");
    assert_invalid_parameter(fit(c().max_iter(0)), "max_iter");
    assert_invalid_parameter(fit(c().max_leaf_nodes(Some(1))), "max_leaf_nodes");
    assert_invalid_parameter(fit(c().max_depth(Some(0))), "max_depth");
    assert_invalid_parameter(fit(c().min_samples_leaf(0)), "min_samples_leaf");
    assert_invalid_parameter(fit(c().l2_regularization(-1.0)), "l2_regularization");
    assert_invalid_parameter(fit(c().max_features(0.0)), "max_features");
    assert_invalid_parameter(fit(c().max_features(1.5)), "max_features");
    assert_invalid_parameter(fit(c().max_bins(256)), "max_bins");
    assert_invalid_parameter(fit(c().max_bins(1)), "max_bins");
    assert_invalid_parameter(fit(c().validation_fraction(Some(1.0))), "validation_fraction");
    assert_invalid_parameter(fit(c().n_iter_no_change(0)), "n_iter_no_change");
    assert_invalid_parameter(fit(c().tol(-1.0)), "tol");
    assert_invalid_parameter(fit(c().n_jobs(Some(0))), "n_jobs");
    assert_invalid_parameter(fit(c().class_weight(ClassWeight::PerClass(vec![1.0]))), "class_weight");
    assert_invalid_parameter(fit(c().class_weight(ClassWeight::BalancedSubsample)), "class_weight");
    assert_invalid_parameter(
        fit(c().categorical_features(CategoricalFeatures::Indices(vec![4]))),
        "categorical_features",
    );
    assert_invalid_parameter(
        fit(c().categorical_features(CategoricalFeatures::Indices(vec![1, 1]))),
        "categorical_features",
    );
    assert_invalid_parameter(
        fit(c().categorical_features(CategoricalFeatures::Mask(vec![true]))),
        "categorical_features",
    );
    let r = HistGradientBoostingRegressor::default()
        .max_iter(0)
        .fit(x.view(), x.column(0));
    assert_invalid_parameter(r, "max_iter");
}

#[test]
fn categorical_values_must_be_integer_codes_below_max_bins() {
    let y = array![0, 1, 0, 1];
    let model = HistGradientBoostingClassifier::default()
        .max_bins(10)
        .categorical_features(CategoricalFeatures::Indices(vec![0]));
    for bad in [-1.0, 1.5, 10.0] {
        let x = array![[0.0], [1.0], [bad], [2.0]];
        match model.fit(x.view(), y.view()) {
            Err(Error::InvalidInput { message, .. }) => {
                assert!(
                    message.contains("categorical feature 0") && message.contains("row 2"),
                    "{message}"
                )
            }
            other => panic!("expected InvalidInput for {bad}, got {other:?}"),
        }
    }
    assert!(
        model
            .fit(array![[0.0], [9.0], [f64::NAN], [2.0]].view(), y.view())
            .is_ok()
    );
}

#[test]
fn bad_targets_and_weights_are_errors() {
    let (x, y) = iris();
    let reg = HistGradientBoostingRegressor::default();
    let mut target = x.column(0).to_owned();
    target[5] = f64::NAN;
    assert!(matches!(
        reg.fit(x.view(), target.view()),
        Err(Error::NonFinite { row: 5, .. })
    ));
    let w = Array1::from_elem(150, -1.0);
    assert!(matches!(
        reg.fit_weighted(x.view(), x.column(0), w.view()),
        Err(Error::InvalidInput { .. })
    ));
    let short = Array1::from_elem(10, 1.0);
    assert!(matches!(
        HistGradientBoostingClassifier::default().fit_weighted(x.view(), y.view(), short.view()),
        Err(Error::ShapeMismatch { .. })
    ));
}

/// The fitted trees and scores (the saved model without its
/// hyperparameters, whose `n_jobs` differs).
fn fitted_trees(model: &impl serde::Serialize) -> Value {
    let mut value = serde_json::to_value(model).unwrap();
    value.as_object_mut().unwrap().remove("params");
    value
}

/// On several threads the grower expands the next best leaf beside the
/// one being split, the trees of a multiclass iteration are grown side by
/// side and histograms of small nodes are built in parallel: the models must
/// be the ones a single thread grows, whatever the limits (the last split
/// of a tree, depth, leaf sizes), with a categorical feature and missing
/// values.
#[test]
fn models_are_identical_on_any_number_of_threads() {
    let (mut x, y) = large(0, 3000);
    for r in 0..3000 {
        x[[r, 5]] = (r % 7) as f64;
        if r % 11 == 3 {
            x[[r, 1]] = f64::NAN;
        }
    }
    let classes = y.mapv(|v| (v > 0.3) as usize + (v > 1.2) as usize);
    let binary = classes.mapv(|c| (c > 0) as usize);
    let settings = [(Some(31), None, 20), (Some(7), None, 5), (None, Some(4), 40)];
    for (max_leaf_nodes, max_depth, min_samples_leaf) in settings {
        let fit = |threads: usize| {
            let classifier = HistGradientBoostingClassifier::default()
                .max_iter(6)
                .max_leaf_nodes(max_leaf_nodes)
                .max_depth(max_depth)
                .min_samples_leaf(min_samples_leaf)
                .categorical_features(CategoricalFeatures::Indices(vec![5]))
                .early_stopping(EarlyStopping::Off)
                .n_jobs(Some(threads));
            let regressor = HistGradientBoostingRegressor::default()
                .max_iter(6)
                .max_leaf_nodes(max_leaf_nodes)
                .max_depth(max_depth)
                .min_samples_leaf(min_samples_leaf)
                .n_jobs(Some(threads));
            [
                fitted_trees(&classifier.fit(x.view(), binary.view()).unwrap()),
                fitted_trees(&classifier.fit(x.view(), classes.view()).unwrap()),
                fitted_trees(&regressor.fit(x.view(), y.view()).unwrap()),
            ]
        };
        let one = fit(1);
        for threads in [2, 3] {
            assert!(
                fit(threads) == one,
                "{threads} threads grow other trees than 1 ({max_leaf_nodes:?} leaves, depth {max_depth:?})"
            );
        }
    }
}

#[test]
fn fitted_models_round_trip_through_serde_with_categories() {
    let x = Array2::from_shape_fn((200, 2), |(i, j)| if j == 0 { (i % 5) as f64 } else { i as f64 });
    let y = Array1::from_shape_fn(200, |i| (i % 5 == 1 || i > 150) as usize);
    let model = HistGradientBoostingClassifier::default()
        .categorical_features(CategoricalFeatures::Indices(vec![0]))
        .fit(x.view(), y.view())
        .unwrap();
    let json = serde_json::to_string(&model).unwrap();
    let back: learnkit::ensemble::FittedHistGradientBoostingClassifier<f64, usize> =
        serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.predict_proba(x.view()).unwrap(),
        model.predict_proba(x.view()).unwrap()
    );
}

#[test]
fn missing_values_unseen_in_training_follow_the_larger_child() {
    // One split at x = 29.5: 30 rows left, 70 right; no NaN in training.
    let x = Array2::from_shape_fn((100, 1), |(i, _)| i as f64);
    let y = Array1::from_shape_fn(100, |i| if i < 30 { 0.0 } else { 10.0 });
    let model = HistGradientBoostingRegressor::default()
        .max_leaf_nodes(Some(2))
        .max_iter(5)
        .fit(x.view(), y.view())
        .unwrap();
    let p = model.predict(array![[f64::NAN], [99.0], [0.0]].view()).unwrap();
    assert_eq!(p[0], p[1]);
    assert_ne!(p[0], p[2]);
    // Mirrored: 70 rows left, so NaN goes left.
    let y = Array1::from_shape_fn(100, |i| if i < 70 { 0.0 } else { 10.0 });
    let model = HistGradientBoostingRegressor::default()
        .max_leaf_nodes(Some(2))
        .max_iter(5)
        .fit(x.view(), y.view())
        .unwrap();
    let p = model.predict(array![[f64::NAN], [99.0], [0.0]].view()).unwrap();
    assert_eq!(p[0], p[2]);
}

#[test]
fn missing_values_seen_in_training_go_to_the_side_that_fits_them() {
    // NaN rows have the high target: they must be sent with the high values.
    let x = Array2::from_shape_fn((150, 1), |(i, _)| if i >= 120 { f64::NAN } else { i as f64 });
    let y = Array1::from_shape_fn(150, |i| if i < 60 { 0.0 } else { 10.0 });
    let model = HistGradientBoostingRegressor::default()
        .max_iter(20)
        .fit(x.view(), y.view())
        .unwrap();
    let p = model.predict(array![[f64::NAN], [100.0], [10.0]].view()).unwrap();
    assert!((p[0] - p[1]).abs() < 0.5 && p[0] - p[2] > 5.0, "{p}");
}

#[test]
fn a_categorical_split_groups_categories_that_are_not_adjacent() {
    // Categories 0 and 2 are high, 1 and 3 low: no threshold on the codes
    // separates them, a set of categories does.
    let x = Array2::from_shape_fn((400, 1), |(i, _)| (i % 4) as f64);
    let y = Array1::from_shape_fn(400, |i| if i % 2 == 0 { 5.0 } else { -5.0 });
    let model = HistGradientBoostingRegressor::default()
        .max_leaf_nodes(Some(2))
        .max_iter(50)
        .categorical_features(CategoricalFeatures::Mask(vec![true]))
        .fit(x.view(), y.view())
        .unwrap();
    assert!(model.score(x.view(), y.view()).unwrap() > 0.99);
    let numeric = HistGradientBoostingRegressor::default()
        .max_leaf_nodes(Some(2))
        .max_depth(Some(1))
        .max_iter(1)
        .learning_rate(1.0)
        .fit(x.view(), y.view())
        .unwrap();
    assert!(numeric.score(x.view(), y.view()).unwrap() < 0.5);
}

#[test]
fn f32_and_string_labels_multiclass_work() {
    let iris = learnkit::datasets::load_iris();
    let x32 = iris.data.mapv(|v| v as f32);
    let names = ["setosa", "versicolor", "virginica"];
    let y: Array1<String> = iris.target.mapv(|c| names[c].to_string());
    let model = HistGradientBoostingClassifier::default()
        .max_iter(30)
        .fit(x32.view(), y.view())
        .unwrap();
    assert_eq!(model.classes(), &names.map(String::from));
    let proba = model.predict_proba(x32.view()).unwrap();
    assert!(proba.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-5));
    assert!(model.score(x32.view(), y.view()).unwrap() > 0.97);
}

#[test]
fn odd_inputs_fit_and_predict_without_panicking() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut fitted = 0;
    for trial in 0..40 {
        let n = [1, 2, 3, 25, 60, 300][trial % 6];
        let p = 1 + trial % 4;
        // Mixed columns: constant, all-NaN, few integer codes, continuous; NaN here and there.
        let x = Array2::from_shape_fn((n, p), |(i, j)| match (j + trial) % 4 {
            0 => 1.0,
            1 if trial % 3 == 0 => f64::NAN,
            2 => (i % 3) as f64,
            _ if rng.random::<f64>() < 0.2 => f64::NAN,
            _ => rng.random::<f64>() * 100.0,
        });
        let y_reg = Array1::from_shape_fn(n, |i| (i % 5) as f64);
        let y_cls = Array1::from_shape_fn(n, |i| i % (2 + trial % 2));
        let mut w = Array1::from_shape_fn(n, |i| (i % 3) as f64);
        w[0] = 1.0;
        let categorical = CategoricalFeatures::Mask((0..p).map(|j| (j + trial) % 4 == 2).collect());
        let early = [EarlyStopping::Off, EarlyStopping::On][trial % 2];
        let reg = HistGradientBoostingRegressor::default()
            .max_iter(5)
            .min_samples_leaf(1 + trial % 3)
            .max_features(if trial % 5 == 0 { 0.3 } else { 1.0 })
            .early_stopping(early)
            .categorical_features(categorical.clone())
            .random_state(trial as u64);
        // Early stopping on a handful of rows may not leave a validation
        // set: an error is fine, a panic is not.
        if let Ok(m) = reg.fit_weighted(x.view(), y_reg.view(), w.view()) {
            assert!(m.predict(x.view()).unwrap().iter().all(|v| v.is_finite()));
            fitted += 1;
        }
        if n >= 2 {
            let cls = HistGradientBoostingClassifier::default()
                .max_iter(5)
                .min_samples_leaf(1)
                .early_stopping(early)
                .categorical_features(categorical)
                .class_weight(ClassWeight::Balanced)
                .random_state(trial as u64);
            if let Ok(m) = cls.fit(x.view(), y_cls.view()) {
                let proba = m.predict_proba(x.view()).unwrap();
                assert!(proba.iter().all(|v| v.is_finite()));
                fitted += 1;
            }
        }
    }
    assert!(fitted >= 50, "only {fitted} of the 73 fits succeeded");
}

#[test]
fn a_split_on_missing_values_survives_a_json_round_trip() {
    // Only NaN tells the classes apart: the split sends every value left
    // and NaN right.
    let x = Array2::from_shape_fn((100, 1), |(i, _)| if i % 2 == 0 { f64::NAN } else { (i % 7) as f64 });
    let y = Array1::from_shape_fn(100, |i| i % 2);
    let model = HistGradientBoostingClassifier::default()
        .max_iter(5)
        .fit(x.view(), y.view())
        .unwrap();
    assert_eq!(model.predict(array![[f64::NAN], [3.0]].view()).unwrap(), array![0, 1]);
    let json = serde_json::to_string(&model).unwrap();
    let back: learnkit::ensemble::FittedHistGradientBoostingClassifier<f64, usize> =
        serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.predict_proba(x.view()).unwrap(),
        model.predict_proba(x.view()).unwrap()
    );
}

#[test]
fn early_stopping_split_with_all_weight_on_one_side_is_an_error() {
    let x = Array2::from_shape_fn((100, 1), |(i, _)| i as f64);
    let y = Array1::from_shape_fn(100, |i| (i % 3) as f64);
    let model = HistGradientBoostingRegressor::default()
        .early_stopping(EarlyStopping::On)
        .validation_fraction(Some(0.1))
        .random_state(0);
    // One row carries all the weight: whichever side of the split it lands
    // on, the other side has none.
    let mut w = Array1::zeros(100);
    w[17] = 1.0;
    match model.fit_weighted(x.view(), y.view(), w.view()) {
        Err(Error::InvalidInput { message, .. }) => assert!(message.contains("sum to zero"), "{message}"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

/// `categorical_features` by the names of a CSV file's columns: the same
/// model as by index, for both estimators, and every naming error is named.
#[test]
fn categorical_features_by_name_equal_those_by_index() {
    use learnkit::datasets::{CsvOptions, read_csv_from_reader};
    let mut text = String::from("id,age,color,size,y\n");
    for i in 0..60 {
        let color = ["red", "green", "blue"][i % 3];
        let size = ["S", "M", "L", "XL"][(i / 3) % 4];
        let y = usize::from(color == "green" || size == "XL");
        text += &format!("{i},{},{color},{size},{y}\n", 20 + (i * 7) % 40);
    }
    let options = CsvOptions::default().drop_columns(["id"]).target_column("y");
    let csv = read_csv_from_reader(text.as_bytes(), "data.csv", &options).unwrap();
    let y = csv.parse_target().unwrap();
    let labels = y.mapv(|v| v as usize);
    let by_name = HistGradientBoostingClassifier::default()
        .max_iter(5)
        .random_state(0)
        .feature_names(&csv.feature_names)
        .categorical_features(CategoricalFeatures::from(["size", "color"]));
    let by_index = HistGradientBoostingClassifier::default()
        .max_iter(5)
        .random_state(0)
        .categorical_features(CategoricalFeatures::Indices(
            csv.feature_indices(["size", "color"]).unwrap(),
        ));
    let a = by_name.fit(csv.data.view(), labels.view()).unwrap();
    let b = by_index.fit(csv.data.view(), labels.view()).unwrap();
    assert_eq!(a.is_categorical(), &[false, true, true]);
    assert_eq!(
        a.predict_proba(csv.data.view()).unwrap(),
        b.predict_proba(csv.data.view()).unwrap()
    );
    let r = HistGradientBoostingRegressor::default()
        .max_iter(3)
        .feature_names(&csv.feature_names)
        .categorical_features(CategoricalFeatures::from(vec!["color"]))
        .fit(csv.data.view(), y.view())
        .unwrap();
    assert_eq!(r.is_categorical(), &[false, true, false]);

    let fit = |m: HistGradientBoostingClassifier| m.fit(csv.data.view(), labels.view());
    let names = || HistGradientBoostingClassifier::default().max_iter(1);
    // Names without feature_names.
    assert_invalid_parameter(
        fit(names().categorical_features(CategoricalFeatures::from(["color"]))),
        "feature_names",
    );
    // An unknown name, a repeated one, a wrong count of feature names.
    let named = || names().feature_names(&csv.feature_names);
    assert_invalid_parameter(
        fit(named().categorical_features(CategoricalFeatures::from(["colour"]))),
        "categorical_features",
    );
    assert_invalid_parameter(
        fit(named().categorical_features(CategoricalFeatures::from(["color", "color"]))),
        "categorical_features",
    );
    assert_invalid_parameter(fit(names().feature_names(["age", "color"])), "feature_names");
    assert_invalid_parameter(fit(names().feature_names(["age", "color", "age"])), "feature_names");
}
