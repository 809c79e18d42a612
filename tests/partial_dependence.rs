//! inspection::partial_dependence against scikit-learn 1.9.1
//! (tests/fixtures/partial_dependence.json, from
//! tools/reference/partial_dependence.py; the data are in the fixture), and
//! the recursion method against brute force within learnkit.
//!
//! Grid values are compared exactly (same arithmetic as numpy's linspace
//! and scipy's mquantiles); averages and individual curves to 1e-10
//! relative to the largest magnitude, on models both libraries fit
//! identically (LinearRegression, DecisionTreeRegressor/Classifier with the
//! exact splitter and every feature).

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::ensemble::{
    ExtraTreesRegressor, HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestRegressor,
};
use learnkit::inspection::{
    PartialDependence, PartialDependenceModel, PdKind, PdMethod, ResponseMethod, partial_dependence,
};
use learnkit::prelude::*;
use learnkit::tree::{DecisionTreeClassifier, DecisionTreeRegressor};
use ndarray::{Array1, Array2, ArrayD, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/partial_dependence.json")).unwrap()
}

/// Every number of a nested JSON array, in row-major order.
fn flat(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        other => vec![other.as_f64().expect("a number")],
    }
}

fn shape(value: &Value) -> Vec<usize> {
    vector(value).iter().map(|&v| v as usize).collect()
}

/// `got` equals `want` (shape and values) to `tol` relative to the largest
/// magnitude of `want`.
fn close(name: &str, what: &str, got: &ArrayD<f64>, want: &[f64], want_shape: &[usize], tol: f64) {
    assert_eq!(got.shape(), want_shape, "{name}: {what} shape");
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol * scale,
            "{name}: {what}[{i}]: got {g}, want {w} (tolerance {tol} × {scale})"
        );
    }
}

fn run<M: PartialDependenceModel<f64>>(
    model: &M,
    x: &Array2<f64>,
    sw: &Array1<f64>,
    case: &Value,
) -> PartialDependence {
    let features: Vec<usize> = shape(&case["features"]);
    let params = &case["params"];
    let mut pd = partial_dependence(model, x.view(), &features);
    if let Some(g) = params.get("grid_resolution") {
        pd = pd.grid_resolution(g.as_u64().unwrap() as usize);
    }
    if let Some(p) = params.get("percentiles") {
        pd = pd.percentiles((p[0].as_f64().unwrap(), p[1].as_f64().unwrap()));
    }
    if let Some(c) = params.get("categorical_features") {
        pd = pd.categorical_features(&shape(c));
    }
    if let Some(custom) = params.get("custom_values") {
        for (feature, values) in custom.as_object().unwrap() {
            pd = pd.custom_values(feature.parse().unwrap(), &flat(values));
        }
    }
    if let Some(kind) = params.get("kind") {
        pd = pd.kind(match kind.as_str().unwrap() {
            "average" => PdKind::Average,
            "individual" => PdKind::Individual,
            "both" => PdKind::Both,
            other => panic!("kind {other}"),
        });
    }
    if let Some(method) = params.get("method") {
        pd = pd.method(match method.as_str().unwrap() {
            "brute" => PdMethod::Brute,
            "recursion" => PdMethod::Recursion,
            other => panic!("method {other}"),
        });
    }
    if params.get("weighted").and_then(Value::as_bool).unwrap_or(false) {
        pd = pd.sample_weight(sw.view());
    }
    pd.compute().unwrap()
}

#[test]
fn matches_scikit_learn() {
    let fixture = fixture();
    let x = matrix(&fixture["X"]);
    let y = vector(&fixture["y"]);
    let y_bin: Array1<i64> = vector(&fixture["y_bin"]).mapv(|v| v as i64);
    let y_multi: Array1<i64> = vector(&fixture["y_multi"]).mapv(|v| v as i64);
    let sw = vector(&fixture["sample_weight"]);
    let linear = LinearRegression::default().fit(x.view(), y.view()).unwrap();
    // Settings whose scikit-learn trees do not depend on the seed (no tied
    // splits; the script checks it over 20 seeds).
    let tree = DecisionTreeRegressor::default()
        .max_depth(Some(4))
        .min_samples_leaf(3)
        .fit(x.view(), y.view())
        .unwrap();
    let tree_binary = DecisionTreeClassifier::default()
        .max_depth(Some(3))
        .min_samples_leaf(3)
        .fit(x.view(), y_bin.view())
        .unwrap();
    let tree_multi = DecisionTreeClassifier::default()
        .max_depth(Some(3))
        .min_samples_leaf(3)
        .fit(x.view(), y_multi.view())
        .unwrap();
    let cases = fixture["cases"].as_object().unwrap();
    assert_eq!(cases.len(), 11);
    for (name, case) in cases {
        let got = match case["model"].as_str().unwrap() {
            "linear" => run(&linear, &x, &sw, case),
            "tree" => run(&tree, &x, &sw, case),
            "tree_binary" => run(&tree_binary, &x, &sw, case),
            "tree_multi" => run(&tree_multi, &x, &sw, case),
            other => panic!("model {other}"),
        };
        let want_grid = case["grid_values"].as_array().unwrap();
        assert_eq!(got.grid_values.len(), want_grid.len(), "{name}: features");
        for (g, w) in got.grid_values.iter().zip(want_grid) {
            assert_eq!(g.to_vec(), flat(w), "{name}: grid values");
        }
        match case.get("average") {
            Some(want) => close(
                name,
                "average",
                got.average.as_ref().expect("an average"),
                &flat(want),
                &shape(&case["average_shape"]),
                1e-10,
            ),
            None => assert!(got.average.is_none(), "{name}: no average"),
        }
        match case.get("individual") {
            Some(want) => close(
                name,
                "individual",
                got.individual.as_ref().expect("individual curves"),
                &flat(want),
                &shape(&case["individual_shape"]),
                1e-10,
            ),
            None => assert!(got.individual.is_none(), "{name}: no individual curves"),
        }
    }
}

/// Recursion equals brute force where they must: on the training rows, a
/// single feature of a tree whose other features are independent of it in
/// the data gives the same average both ways only approximately; but on a
/// tree that splits on the target feature alone (one informative feature)
/// they agree exactly, and for additive models (depth-1 boosting, stumps)
/// recursion equals brute up to the baseline.
fn regression_data() -> (Array2<f64>, Array1<f64>) {
    let n = 120;
    let mut x = Array2::zeros((n, 3));
    for i in 0..n {
        // A deterministic, well-spread, uncorrelated design.
        x[[i, 0]] = ((i * 37) % n) as f64 / n as f64;
        x[[i, 1]] = ((i * 53 + 7) % n) as f64 / n as f64;
        x[[i, 2]] = ((i * 71 + 3) % n) as f64 / n as f64;
    }
    let y = x
        .rows()
        .into_iter()
        .map(|r| 3.0 * r[0] - 2.0 * (r[1] - 0.5).powi(2) + r[2])
        .collect();
    (x, y)
}

fn average(pd: &PartialDependence) -> Vec<f64> {
    pd.average.as_ref().unwrap().iter().copied().collect()
}

#[test]
fn additive_boosting_recursion_equals_brute_minus_the_baseline() {
    // Depth-1 trees (stumps): the model is a sum of one-feature functions,
    // so brute force over the training rows and recursion over the
    // training counts agree up to the constant baseline, which
    // scikit-learn's recursion leaves out.
    let (x, y) = regression_data();
    let model = HistGradientBoostingRegressor::default()
        .max_depth(Some(1))
        .max_iter(30)
        .fit(x.view(), y.view())
        .unwrap();
    let recursion = partial_dependence(&model, x.view(), &[0])
        .grid_resolution(9)
        .compute()
        .unwrap();
    let brute = partial_dependence(&model, x.view(), &[0])
        .grid_resolution(9)
        .method(PdMethod::Brute)
        .compute()
        .unwrap();
    assert_eq!(recursion.grid_values, brute.grid_values);
    let (r, b) = (average(&recursion), average(&brute));
    let offset = b[0] - r[0];
    for (r, b) in r.iter().zip(&b) {
        assert!((b - r - offset).abs() < 1e-10, "{r} + {offset} vs {b}");
    }
    // The offset is the mean of the other features' contributions plus the
    // baseline: the same at every grid point, and not zero.
    assert!(offset.abs() > 1e-3);
}

#[test]
fn hgb_classifier_recursion_is_the_decision_function_without_baseline() {
    let (x, y) = regression_data();
    let labels: Array1<i64> = y.mapv(|v| i64::from(v > 1.5));
    let model = HistGradientBoostingClassifier::default()
        .max_depth(Some(1))
        .max_iter(20)
        .fit(x.view(), labels.view())
        .unwrap();
    let recursion = partial_dependence(&model, x.view(), &[2])
        .grid_resolution(7)
        .compute()
        .unwrap();
    let brute = partial_dependence(&model, x.view(), &[2])
        .grid_resolution(7)
        .method(PdMethod::Brute)
        .response_method(ResponseMethod::DecisionFunction)
        .compute()
        .unwrap();
    assert_eq!(recursion.average.as_ref().unwrap().shape(), &[1, 7]);
    let (r, b) = (average(&recursion), average(&brute));
    let offset = b[0] - r[0];
    for (r, b) in r.iter().zip(&b) {
        assert!((b - r - offset).abs() < 1e-10);
    }
    // Probabilities are refused with recursion, as scikit-learn.
    let err = partial_dependence(&model, x.view(), &[2])
        .method(PdMethod::Recursion)
        .response_method(ResponseMethod::PredictProba)
        .compute();
    common::fixtures::assert_invalid_parameter(err, "partial_dependence", "response_method");
}

#[test]
fn forest_recursion_is_the_mean_of_its_trees() {
    let (x, y) = regression_data();
    let forest = RandomForestRegressor::default()
        .n_estimators(5)
        .max_depth(Some(4))
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    let pd = partial_dependence(&forest, x.view(), &[0, 1])
        .grid_resolution(5)
        .compute()
        .unwrap();
    assert_eq!(pd.average.as_ref().unwrap().shape(), &[1, 5, 5]);
    // A stump forest splitting on feature 0 alone: recursion and brute agree.
    let stumps = RandomForestRegressor::default()
        .n_estimators(4)
        .max_depth(Some(1))
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    let r = partial_dependence(&stumps, x.view(), &[0])
        .grid_resolution(6)
        .compute()
        .unwrap();
    let b = partial_dependence(&stumps, x.view(), &[0])
        .grid_resolution(6)
        .method(PdMethod::Brute)
        .compute()
        .unwrap();
    // Each stump splits on one feature; on the training rows (not the
    // bootstrap sample) the branch shares differ, so compare loosely, and
    // exactly for a single tree without bootstrap below.
    for (r, b) in average(&r).iter().zip(&average(&b)) {
        assert!((r - b).abs() < 0.5);
    }
    let tree = DecisionTreeRegressor::default()
        .max_depth(Some(1))
        .fit(x.view(), y.view())
        .unwrap();
    let r = partial_dependence(&tree, x.view(), &[1])
        .grid_resolution(6)
        .compute()
        .unwrap();
    let b = partial_dependence(&tree, x.view(), &[1])
        .grid_resolution(6)
        .method(PdMethod::Brute)
        .compute()
        .unwrap();
    for (r, b) in average(&r).iter().zip(&average(&b)) {
        assert!((r - b).abs() < 1e-12, "{r} vs {b}");
    }
    // Extra trees: recursion on request, brute by default (as scikit-learn).
    let extra = ExtraTreesRegressor::default()
        .n_estimators(3)
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    assert!(extra.pd_recursion(Array2::zeros((0, 1)).view(), &[0]).is_some());
    assert!(!extra.pd_recursion_by_default());
    let pd = partial_dependence(&extra, x.view(), &[0])
        .method(PdMethod::Recursion)
        .grid_resolution(4)
        .compute()
        .unwrap();
    assert_eq!(pd.average.unwrap().shape(), &[1, 4]);
}

#[test]
fn brute_is_deterministic_and_leaves_x_alone() {
    let (x, y) = regression_data();
    let before = x.clone();
    let model = HistGradientBoostingRegressor::default()
        .max_iter(10)
        .fit(x.view(), y.view())
        .unwrap();
    let run = |threads| {
        partial_dependence(&model, x.view(), &[0, 2])
            .method(PdMethod::Brute)
            .kind(PdKind::Both)
            .grid_resolution(4)
            .n_jobs(Some(threads))
            .compute()
            .unwrap()
    };
    assert_eq!(run(1), run(2));
    assert_eq!(x, before);
    let both = run(1);
    assert_eq!(both.individual.as_ref().unwrap().shape(), &[1, 120, 4, 4]);
    // The average is the mean of the individual curves.
    let individual = both.individual.unwrap();
    let mean = individual.mean_axis(ndarray::Axis(1)).unwrap();
    for (m, a) in mean.iter().zip(both.average.unwrap().iter()) {
        assert!((m - a).abs() < 1e-12);
    }
}

#[test]
fn multiclass_gives_one_output_per_class() {
    let (x, y) = regression_data();
    let labels: Array1<i64> = y.mapv(|v| (v.clamp(0.0, 2.99)) as i64);
    let model = LogisticRegression::default().fit(x.view(), labels.view()).unwrap();
    let pd = partial_dependence(&model, x.view(), &[0])
        .grid_resolution(5)
        .compute()
        .unwrap();
    let average = pd.average.unwrap();
    assert_eq!(average.shape(), &[3, 5]);
    // Probabilities: the classes sum to one at every grid point.
    for p in 0..5 {
        let total: f64 = (0..3).map(|k| average[[k, p]]).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }
    let hgb = HistGradientBoostingClassifier::default()
        .max_iter(5)
        .fit(x.view(), labels.view())
        .unwrap();
    let pd = partial_dependence(&hgb, x.view(), &[0])
        .grid_resolution(5)
        .compute()
        .unwrap();
    assert_eq!(pd.average.unwrap().shape(), &[3, 5]);
}

#[test]
fn bad_inputs_are_named_errors() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.5]];
    let y = array![0.0, 1.0, 2.0, 3.0];
    let model = LinearRegression::default().fit(x.view(), y.view()).unwrap();
    let tree = DecisionTreeRegressor::default().fit(x.view(), y.view()).unwrap();
    let bad = |r| common::fixtures::assert_invalid_parameter(r, "partial_dependence", "features");
    bad(partial_dependence(&model, x.view(), &[2]).compute());
    bad(partial_dependence(&model, x.view(), &[1, 1]).compute());
    bad(partial_dependence(&model, x.view(), &[]).compute());
    common::fixtures::assert_invalid_parameter(
        partial_dependence(&model, x.view(), &[0]).grid_resolution(1).compute(),
        "partial_dependence",
        "grid_resolution",
    );
    for p in [(0.5, 0.5), (-0.1, 0.5), (0.2, 1.1), (0.9, 0.1)] {
        common::fixtures::assert_invalid_parameter(
            partial_dependence(&model, x.view(), &[0]).percentiles(p).compute(),
            "partial_dependence",
            "percentiles",
        );
    }
    // Recursion: not for a linear model, not for individual curves, not
    // with sample weights.
    let method = |r| common::fixtures::assert_invalid_parameter(r, "partial_dependence", "method");
    method(
        partial_dependence(&model, x.view(), &[0])
            .method(PdMethod::Recursion)
            .compute(),
    );
    method(
        partial_dependence(&tree, x.view(), &[0])
            .method(PdMethod::Recursion)
            .kind(PdKind::Individual)
            .compute(),
    );
    let w = array![1.0, 1.0, 1.0, 1.0];
    method(
        partial_dependence(&tree, x.view(), &[0])
            .method(PdMethod::Recursion)
            .sample_weight(w.view())
            .compute(),
    );
    // Recursion is refused for a tree classifier, as scikit-learn.
    let labels = array![0, 0, 1, 1];
    let classifier = DecisionTreeClassifier::default().fit(x.view(), labels.view()).unwrap();
    method(
        partial_dependence(&classifier, x.view(), &[0])
            .method(PdMethod::Recursion)
            .compute(),
    );
    // A regressor takes only the automatic response.
    common::fixtures::assert_invalid_parameter(
        partial_dependence(&model, x.view(), &[0])
            .response_method(ResponseMethod::PredictProba)
            .compute(),
        "partial_dependence",
        "response_method",
    );
    // A classifier without probabilities.
    let svc = LinearSVC::default().fit(x.view(), labels.view()).unwrap();
    assert!(matches!(
        partial_dependence(&svc, x.view(), &[0])
            .response_method(ResponseMethod::PredictProba)
            .compute(),
        Err(Error::Unsupported { .. })
    ));
    // Empty X; X with the wrong width (the model's error).
    let empty = Array2::<f64>::zeros((0, 2));
    assert!(matches!(
        partial_dependence(&model, empty.view(), &[0]).compute(),
        Err(Error::EmptyInput { .. })
    ));
    let wide = Array2::<f64>::zeros((3, 3));
    assert!(matches!(
        partial_dependence(&model, wide.view(), &[0]).compute(),
        Err(Error::FeatureCountMismatch { .. })
    ));
    // HGB fitted with sample weights: recursion refused, brute fine.
    let hgb = HistGradientBoostingRegressor::default()
        .max_iter(3)
        .min_samples_leaf(1)
        .fit_weighted(x.view(), y.view(), w.view())
        .unwrap();
    assert!(matches!(
        partial_dependence(&hgb, x.view(), &[0]).compute(),
        Err(Error::Unsupported { .. })
    ));
    assert!(
        partial_dependence(&hgb, x.view(), &[0])
            .method(PdMethod::Brute)
            .compute()
            .is_ok()
    );
    // Percentiles too close to build a grid.
    let mut flat = Array2::<f64>::ones((40, 1));
    flat[[0, 0]] = 0.0;
    flat[[1, 0]] = 2.0;
    let one = LinearRegression::default()
        .fit(flat.view(), Array1::zeros(40).view())
        .unwrap();
    assert!(matches!(
        partial_dependence(&one, flat.view(), &[0]).grid_resolution(2).compute(),
        Err(Error::InvalidInput { .. })
    ));
}

#[test]
fn pipelines_use_brute_force() {
    let (x, y) = regression_data();
    let pipeline = Pipeline::new(
        StandardScaler::default(),
        DecisionTreeRegressor::default().max_depth(Some(3)),
    )
    .fit(x.view(), y.view())
    .unwrap();
    assert!(!pipeline.pd_recursion_by_default());
    let pd = partial_dependence(&pipeline, x.view(), &[0])
        .grid_resolution(5)
        .compute()
        .unwrap();
    assert_eq!(pd.average.unwrap().shape(), &[1, 5]);
}

/// A histogram gradient boosting file from before the nodes kept their
/// training counts (format version 1, no `count`) is rejected, not loaded
/// with counts that recursion and TreeSHAP would divide by.
#[cfg(feature = "serde")]
#[test]
fn hgb_saved_without_node_counts_is_rejected() {
    let (x, y) = regression_data();
    let model = HistGradientBoostingRegressor::default()
        .max_iter(3)
        .fit(x.view(), y.view())
        .unwrap();
    let json = learnkit::persistence::to_json(&model).unwrap();
    assert!(json.contains("\"count\":"));
    let mut value: Value = serde_json::from_str(&json).unwrap();
    let mut removed = 0;
    strip(&mut value, "count", &mut removed);
    strip(&mut value, "fitted_with_sample_weight", &mut removed);
    assert!(removed > 3);
    let without_counts = serde_json::to_string(&value).unwrap();
    let loaded: learnkit::Result<learnkit::ensemble::FittedHistGradientBoostingRegressor<f64>> =
        learnkit::persistence::from_json(&without_counts);
    assert!(matches!(loaded, Err(Error::ModelFile { .. })), "{loaded:?}");
    value["version"] = Value::from(1);
    let version_1 = serde_json::to_string(&value).unwrap();
    let loaded: learnkit::Result<learnkit::ensemble::FittedHistGradientBoostingRegressor<f64>> =
        learnkit::persistence::from_json(&version_1);
    let message = loaded.unwrap_err().to_string();
    assert!(message.contains("format version 1"), "{message}");
}

#[cfg(feature = "serde")]
fn strip(value: &mut Value, key: &str, removed: &mut usize) {
    match value {
        Value::Object(map) => {
            if map.remove(key).is_some() {
                *removed += 1;
            }
            map.values_mut().for_each(|v| strip(v, key, removed));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, key, removed)),
        _ => {}
    }
}
