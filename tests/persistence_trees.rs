//! Saved trees, forests and histogram gradient boosting (issue 12, items 7,
//! 8 and 10): exact round trips through JSON and the binary format, fitted
//! on clean, NaN and degenerate data, and tampered files refused with a
//! message that names what disagrees.

use learnkit::Error;
use learnkit::datasets::load_iris;
use learnkit::ensemble::{
    ExtraTreesClassifier, ExtraTreesRegressor, FittedExtraTreesClassifier, FittedExtraTreesRegressor,
    FittedHistGradientBoostingClassifier, FittedHistGradientBoostingRegressor, FittedRandomForestClassifier,
    FittedRandomForestRegressor, HistGradientBoostingClassifier, HistGradientBoostingRegressor, MaxSamples,
    RandomForestClassifier, RandomForestRegressor,
};
use learnkit::persistence::{Persist, from_bytes, from_json, to_bytes, to_json};
use learnkit::prelude::*;
use learnkit::tree::{
    DecisionTreeClassifier, DecisionTreeRegressor, FittedDecisionTreeClassifier, FittedDecisionTreeRegressor,
    MaxFeatures, export_text,
};
use ndarray::{Array1, Array2, ArrayView2, array, concatenate, s};
use serde_json::Value;

/// A named training set: features and class labels (regressors use the
/// labels as numbers).
struct Data {
    name: &'static str,
    x: Array2<f64>,
    y: Array1<usize>,
}

impl Data {
    fn y_f64(&self) -> Array1<f64> {
        self.y.mapv(|c| c as f64 * 1.5 - 0.25)
    }

    /// The training rows, then rows of missing, huge, tiny and signed-zero
    /// values, so that every missing-value rule and threshold is exercised.
    fn probe(&self) -> Array2<f64> {
        let p = self.x.ncols();
        let odd = Array2::from_shape_fn((4, p), |(r, c)| match (r + c) % 4 {
            0 => f64::NAN,
            1 => 1e300,
            2 => -1e-310,
            _ => -0.0,
        });
        concatenate![ndarray::Axis(0), self.x.view(), odd.view()]
    }
}

/// Iris with every 5th row's column 2 missing (the model of issue 12, item 7).
fn iris_with_nan() -> Array2<f64> {
    let mut x = load_iris().data;
    for i in (0..x.nrows()).step_by(5) {
        x[[i, 2]] = f64::NAN;
    }
    x
}

fn datasets() -> Vec<Data> {
    let iris = load_iris();
    let mut constant = iris.data.clone();
    constant.column_mut(0).fill(3.0);
    vec![
        Data {
            name: "iris",
            x: iris.data.clone(),
            y: iris.target.clone(),
        },
        Data {
            name: "iris with NaN",
            x: iris_with_nan(),
            y: iris.target.clone(),
        },
        Data {
            name: "a constant column",
            x: constant,
            y: iris.target.clone(),
        },
        Data {
            name: "one feature",
            x: iris.data.slice(s![.., 2..3]).to_owned(),
            y: iris.target.clone(),
        },
        Data {
            name: "one sample per class",
            x: array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]],
            y: array![0, 1, 2],
        },
        Data {
            name: "two identical rows",
            x: array![[1.0, 2.0], [1.0, 2.0]],
            y: array![0, 1],
        },
    ]
}

/// The model read back from JSON and from the binary format, after
/// checking that JSON writes the read-back model exactly as the original.
fn round_trips<M: Persist>(model: &M, what: &str) -> [M; 2] {
    let json = to_json(model).unwrap();
    let from_text: M = from_json(&json).unwrap_or_else(|e| panic!("{what}: JSON: {e}"));
    assert_eq!(to_json(&from_text).unwrap(), json, "{what}");
    let from_binary: M = from_bytes(&to_bytes(model).unwrap()).unwrap_or_else(|e| panic!("{what}: binary: {e}"));
    [from_text, from_binary]
}

/// Bits of every value (NaN is NaN whatever its payload).
fn bits<D: ndarray::Dimension>(a: &ndarray::Array<f64, D>) -> Vec<u64> {
    a.iter()
        .map(|v| if v.is_nan() { f64::NAN.to_bits() } else { v.to_bits() })
        .collect()
}

/// Predictions and probabilities of a classifier, bit for bit.
fn classifier_outputs<M: PredictProba<f64, Output = usize>>(
    model: &M,
    x: ArrayView2<'_, f64>,
) -> (Vec<usize>, Vec<u64>) {
    (
        model.predict(x).unwrap().to_vec(),
        bits(&model.predict_proba(x).unwrap()),
    )
}

fn regressor_outputs<M: Predictor<f64, Output = f64>>(model: &M, x: ArrayView2<'_, f64>) -> Vec<u64> {
    bits(&model.predict(x).unwrap())
}

#[test]
fn decision_trees_round_trip_exactly_on_clean_nan_and_degenerate_data() {
    for data in datasets() {
        let probe = data.probe();
        let model = DecisionTreeClassifier::default()
            .random_state(4)
            .fit(data.x.view(), data.y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                classifier_outputs(&back, probe.view()),
                classifier_outputs(&model, probe.view())
            );
            assert_eq!(bits(&back.feature_importances()), bits(&model.feature_importances()));
            assert_eq!(export_text(&back).unwrap(), export_text(&model).unwrap());
            assert_eq!(back.tree(), model.tree(), "{}", data.name);
        }
        let y = data.y_f64();
        let model = DecisionTreeRegressor::default()
            .max_features(MaxFeatures::Fraction(0.7))
            .random_state(1)
            .fit(data.x.view(), y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                regressor_outputs(&back, probe.view()),
                regressor_outputs(&model, probe.view())
            );
            assert_eq!(bits(&back.feature_importances()), bits(&model.feature_importances()));
            assert_eq!(export_text(&back).unwrap(), export_text(&model).unwrap());
            assert_eq!(back.tree(), model.tree());
        }
    }
}

/// Issue 12, item 7: this tree stores an infinite threshold for its
/// missing-value split, which JSON wrote as `null` and could not read back.
#[test]
fn a_tree_with_an_infinite_threshold_round_trips_through_json() {
    // The first seed whose tree has such a split (seed 4 before the feature
    // draws followed scikit-learn's known-constant rule, issue 14, which
    // changed the order in which tied splits are met).
    let has_infinite = |model: &FittedDecisionTreeClassifier<f64, usize>| {
        let tree = model.tree();
        (0..tree.node_count()).any(|n| !tree.is_leaf(n) && tree.threshold(n).is_infinite())
    };
    let model = (0..200)
        .map(|seed| {
            DecisionTreeClassifier::default()
                .random_state(seed)
                .fit(iris_with_nan().view(), load_iris().target.view())
                .unwrap()
        })
        .find(has_infinite)
        .expect("a seed gives a tree with an infinite threshold");
    let json = to_json(&model).unwrap();
    assert!(json.contains("\"inf\""), "{json}");
    let back: FittedDecisionTreeClassifier<f64, usize> = from_json(&json).unwrap();
    assert_eq!(back.tree(), model.tree());
}

#[test]
fn forests_round_trip_exactly_on_clean_nan_and_degenerate_data() {
    for data in datasets() {
        let probe = data.probe();
        let model = RandomForestClassifier::default()
            .n_estimators(7)
            .oob_score(true)
            .random_state(0)
            .fit(data.x.view(), data.y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                classifier_outputs(&back, probe.view()),
                classifier_outputs(&model, probe.view())
            );
            assert_eq!(bits(&back.feature_importances()), bits(&model.feature_importances()));
            assert_eq!(back.oob_score().map(f64::to_bits), model.oob_score().map(f64::to_bits));
            assert_eq!(
                bits(&back.oob_decision_function().unwrap().to_owned()),
                bits(&model.oob_decision_function().unwrap().to_owned())
            );
            assert_eq!(back.estimators(), model.estimators());
        }
        let model = ExtraTreesClassifier::default()
            .n_estimators(5)
            .random_state(1)
            .fit(data.x.view(), data.y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                classifier_outputs(&back, probe.view()),
                classifier_outputs(&model, probe.view())
            );
        }
        let y = data.y_f64();
        let model = RandomForestRegressor::default()
            .n_estimators(5)
            .max_samples(Some(MaxSamples::Fraction(0.9)))
            .oob_score(true)
            .random_state(2)
            .fit(data.x.view(), y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                regressor_outputs(&back, probe.view()),
                regressor_outputs(&model, probe.view())
            );
            assert_eq!(bits(&back.feature_importances()), bits(&model.feature_importances()));
            assert_eq!(
                bits(&back.oob_prediction().unwrap().to_owned()),
                bits(&model.oob_prediction().unwrap().to_owned())
            );
        }
        let model = ExtraTreesRegressor::default()
            .n_estimators(5)
            .random_state(3)
            .fit(data.x.view(), y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                regressor_outputs(&back, probe.view()),
                regressor_outputs(&model, probe.view())
            );
        }
    }
}

#[test]
fn gradient_boosting_round_trips_exactly_on_clean_nan_and_degenerate_data() {
    for data in datasets() {
        let probe = data.probe();
        let model = HistGradientBoostingClassifier::default()
            .max_iter(10)
            .min_samples_leaf(2)
            .random_state(0)
            .fit(data.x.view(), data.y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                classifier_outputs(&back, probe.view()),
                classifier_outputs(&model, probe.view())
            );
            assert_eq!(
                bits(&back.decision_function(probe.view()).unwrap()),
                bits(&model.decision_function(probe.view()).unwrap())
            );
        }
        let y = data.y_f64();
        let model = HistGradientBoostingRegressor::default()
            .max_iter(10)
            .min_samples_leaf(2)
            .fit(data.x.view(), y.view())
            .unwrap();
        for back in round_trips(&model, data.name) {
            assert_eq!(
                regressor_outputs(&back, probe.view()),
                regressor_outputs(&model, probe.view())
            );
        }
    }
}

/// Categorical splits keep their category sets.
#[test]
fn gradient_boosting_with_categorical_features_round_trips_exactly() {
    let iris = load_iris();
    let mut x = iris.data.clone();
    x.column_mut(0).mapv_inplace(|v| (v * 2.0).floor() % 7.0);
    x[[3, 0]] = f64::NAN;
    let model = HistGradientBoostingClassifier::default()
        .max_iter(5)
        .categorical_features(learnkit::ensemble::CategoricalFeatures::Indices(vec![0]))
        .random_state(0)
        .fit(x.view(), iris.target.view())
        .unwrap();
    let mut probe = x.clone();
    probe[[0, 0]] = 99.0; // an unknown category
    for back in round_trips(&model, "categorical") {
        assert_eq!(
            classifier_outputs(&back, probe.view()),
            classifier_outputs(&model, probe.view())
        );
    }
}

/// Categorical features given by name keep their names, and a file whose
/// `feature_names` no longer has one name per feature is refused.
#[test]
fn gradient_boosting_with_categorical_features_by_name_round_trips_and_is_checked() {
    let iris = load_iris();
    let mut x = iris.data.clone();
    x.column_mut(0).mapv_inplace(|v| (v * 2.0).floor() % 7.0);
    let model = HistGradientBoostingClassifier::default()
        .max_iter(3)
        .feature_names(["a", "b", "c", "d"])
        .categorical_features(learnkit::ensemble::CategoricalFeatures::from(["a"]))
        .random_state(0)
        .fit(x.view(), iris.target.view())
        .unwrap();
    for back in round_trips(&model, "categorical by name") {
        assert_eq!(back.params(), model.params());
        assert_eq!(back.is_categorical(), &[true, false, false, false]);
    }
    let message = tampered(&model, |v| {
        v["data"]["params"]["feature_names"] = serde_json::json!(["a", "b"])
    });
    assert_names(&message, "feature_names");
    let message = tampered(&model, |v| {
        v["data"]["params"]["feature_names"] = serde_json::json!(["z", "b", "c", "d"])
    });
    assert_names(&message, "categorical_features");
}

#[test]
fn f32_models_round_trip_under_their_own_name() {
    let iris = load_iris();
    let x = iris_with_nan().mapv(|v| v as f32);
    let model: FittedRandomForestClassifier<f32, usize> = RandomForestClassifier::default()
        .n_estimators(3)
        .random_state(0)
        .fit(x.view(), iris.target.view())
        .unwrap();
    assert!(
        to_json(&model)
            .unwrap()
            .contains("\"model\":\"RandomForestClassifier<f32>\"")
    );
    for back in round_trips(&model, "f32 forest") {
        assert_eq!(
            back.predict_proba(x.view()).unwrap(),
            model.predict_proba(x.view()).unwrap()
        );
    }
    let err = message(from_bytes::<FittedRandomForestClassifier<f64, usize>>(&to_bytes(&model).unwrap()).unwrap_err());
    assert!(err.contains("not a RandomForestClassifier<f64>"), "{err}");
    let err = message(from_bytes::<FittedExtraTreesClassifier<f32, usize>>(&to_bytes(&model).unwrap()).unwrap_err());
    assert!(err.contains("not a ExtraTreesClassifier<f32>"), "{err}");
}

/// Item 10: no per-node field names in JSON; a leaf costs no split fields.
#[test]
fn a_saved_tree_is_flat_arrays() {
    let model = DecisionTreeClassifier::default()
        .fit(load_iris().data.view(), load_iris().target.view())
        .unwrap();
    let json: Value = serde_json::from_str(&to_json(&model).unwrap()).unwrap();
    let tree = &json["data"]["tree"];
    let nodes = model.tree().node_count();
    let splits = nodes - model.n_leaves();
    for (field, len) in [
        ("left", nodes),
        ("right", splits),
        ("feature", splits),
        ("threshold", splits),
        ("missing_left", splits),
        ("impurity", nodes),
        ("value", nodes * 3),
    ] {
        assert_eq!(tree[field].as_array().unwrap().len(), len, "{field}");
    }
}

// ------------------------------------------------------------------ tampering

fn message(err: Error) -> String {
    match err {
        Error::ModelFile { message } => message,
        other => panic!("expected Error::ModelFile, got {other:?}"),
    }
}

/// The message of loading `model`'s JSON after `edit`, which must fail.
fn tampered<M: Persist>(model: &M, edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(&to_json(model).unwrap()).unwrap();
    edit(&mut value);
    match from_json::<M>(&value.to_string()) {
        Ok(_) => panic!("the tampered file loads"),
        Err(e) => message(e),
    }
}

fn assert_names(message: &str, expected: &str) {
    assert!(message.contains(expected), "{message:?} does not name {expected:?}");
}

fn iris_tree() -> FittedDecisionTreeClassifier<f64, usize> {
    let iris = load_iris();
    DecisionTreeClassifier::default()
        .random_state(0)
        .fit(iris.data.view(), iris.target.view())
        .unwrap()
}

/// Node 0 (the root, a split) is entry 0 of the split arrays.
#[test]
fn a_tampered_tree_is_rejected() {
    let model = iris_tree();
    let n = model.tree().node_count();
    assert_names(
        &tampered(&model, |v| v["data"]["tree"]["left"][0] = Value::from(n)),
        "past the",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["tree"]["right"][0] = Value::from(u32::MAX)),
        "past the",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["tree"]["feature"][0] = Value::from(4)),
        "splits on feature 4, which must be below n_features = 4",
    );
    // The root's right child made its left one: one node with two parents,
    // one with none (a graph that the prediction layout cannot hold).
    assert_names(
        &tampered(&model, |v| v["data"]["tree"]["right"][0] = Value::from(1)),
        "the child of two splits",
    );
    // A leaf turned into a split without split fields.
    let leaf = model.tree().children(0).unwrap().0;
    let leaf = (leaf..n).find(|&l| model.tree().is_leaf(l)).unwrap();
    assert_names(
        &tampered(&model, |v| v["data"]["tree"]["left"][leaf] = Value::from(1)),
        "(one per split node)",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["tree"]["value"].as_array_mut().unwrap().pop();
        }),
        "value (n_outputs per node)",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["tree"]["impurity"].as_array_mut().unwrap().pop();
        }),
        "impurity",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["tree"]["n_outputs"] = Value::from(0)),
        "n_outputs is 0",
    );
    assert_names(
        &tampered(&model, |v| {
            for field in ["left", "impurity", "n_node_samples", "weighted_n_node_samples", "value"] {
                v["data"]["tree"][field] = Value::Array(vec![]);
            }
            for field in ["right", "feature", "threshold", "missing_left"] {
                v["data"]["tree"][field] = Value::Array(vec![]);
            }
        }),
        "no nodes",
    );
    // Classes and outputs of different lengths (predict indexed past the classes).
    assert_names(
        &tampered(&model, |v| {
            v["data"]["classes"].as_array_mut().unwrap().pop();
        }),
        "classes (one per tree output) has 2 entries, expected 3",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["classes"] = Value::from(vec![2, 1, 0])),
        "classes must be sorted and distinct",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["params"]["min_samples_split"] = Value::from(1)),
        "min_samples_split",
    );

    let y = load_iris().target.mapv(|c| c as f64);
    let regressor = DecisionTreeRegressor::default()
        .fit(load_iris().data.view(), y.view())
        .unwrap();
    assert_names(
        &tampered(&regressor, |v| {
            v["data"]["tree"]["n_outputs"] = Value::from(2);
            let doubled: Vec<Value> = v["data"]["tree"]["value"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|x| [x.clone(), x.clone()])
                .collect();
            v["data"]["tree"]["value"] = Value::Array(doubled);
        }),
        "tree outputs has 2 entries, expected 1",
    );
    let _: FittedDecisionTreeRegressor<f64> = from_json(&to_json(&regressor).unwrap()).unwrap();
}

/// The same checks run when the bare model is deserialised by serde,
/// without the envelope, in any format.
#[test]
fn bare_serde_runs_the_same_checks() {
    let model = iris_tree();
    let mut value: Value = serde_json::to_value(&model).unwrap();
    value["tree"]["feature"][0] = Value::from(9);
    let err = serde_json::from_value::<FittedDecisionTreeClassifier<f64, usize>>(value).unwrap_err();
    assert!(err.to_string().contains("splits on feature 9"), "{err}");

    let iris = load_iris();
    let forest = RandomForestClassifier::default()
        .n_estimators(2)
        .random_state(0)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    let mut value: Value = serde_json::to_value(&forest).unwrap();
    value["trees"][1]["left"][0] = Value::from(100_000);
    let err = serde_json::from_value::<FittedRandomForestClassifier<f64, usize>>(value).unwrap_err();
    assert!(err.to_string().contains("past the"), "{err}");
}

/// Issue 12, item 8: a forest whose child index was edited loaded and then
/// panicked in `predict`.
#[test]
fn a_tampered_forest_is_rejected() {
    let iris = load_iris();
    let model = RandomForestClassifier::default()
        .n_estimators(4)
        .oob_score(true)
        .random_state(0)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert_names(
        &tampered(&model, |v| v["data"]["trees"][2]["left"][0] = Value::from(100_000)),
        "past the",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["trees"][1]["n_features"] = Value::from(5)),
        "tree 1 has 5 features and 3 outputs, the forest 4 and 3",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["trees"].as_array_mut().unwrap().pop();
        }),
        "trees (one per estimator) has 3 entries, expected 4",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["classes"].as_array_mut().unwrap().pop();
        }),
        "the forest 4 and 2",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["classes"] = Value::from(vec![0, 0, 1])),
        "classes must be sorted and distinct",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["oob_score"] = Value::Null),
        "present exactly when oob_score is set",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["oob_decision"]["dim"] = Value::from(vec![75, 6])),
        "oob_decision_function columns has 6 entries, expected 3",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["params"]["n_jobs"] = Value::from(0)),
        "n_jobs",
    );

    let y = iris.target.mapv(|c| c as f64);
    let regressor: FittedExtraTreesRegressor<f64> = ExtraTreesRegressor::default()
        .n_estimators(3)
        .random_state(0)
        .fit(iris.data.view(), y.view())
        .unwrap();
    assert_names(
        &tampered(&regressor, |v| v["data"]["trees"][0]["feature"][0] = Value::from(7)),
        "splits on feature 7",
    );
    assert_names(
        &tampered(&regressor, |v| v["data"]["n_features"] = Value::from(3)),
        "tree 0 has 4 features and 1 outputs, the forest 3 and 1",
    );
    assert_names(
        &tampered(&regressor, |v| {
            v["data"]["oob_prediction"] = serde_json::json!({"v": 1, "dim": [1], "data": [0.5]})
        }),
        "present exactly when oob_score is set",
    );
    let _: FittedRandomForestRegressor<f64> = from_json(
        &to_json(
            &RandomForestRegressor::default()
                .n_estimators(2)
                .fit(iris.data.view(), y.view())
                .unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
}

/// The root of the third tree of the second iteration of a saved
/// three-class gradient boosting.
fn root_node(v: &mut Value) -> &mut Value {
    &mut v["data"]["ensemble"]["trees"][1][2]["nodes"][0]
}

#[test]
fn tampered_gradient_boosting_is_rejected() {
    let iris = load_iris();
    let model = HistGradientBoostingClassifier::default()
        .max_iter(3)
        .random_state(0)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert_names(
        &tampered(&model, |v| root_node(v)["left"] = Value::from(0)),
        "node 0 has child 0",
    );
    assert_names(
        &tampered(&model, |v| root_node(v)["right"] = Value::from(1000)),
        "below the node count",
    );
    assert_names(
        &tampered(&model, |v| root_node(v)["feature"] = Value::from(4)),
        "iteration 1, tree 2: node 0 splits on feature 4",
    );
    assert_names(
        &tampered(&model, |v| root_node(v)["kind"] = Value::from("Categorical")),
        "uses category set 0, of 0",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["ensemble"]["trees"][0].as_array_mut().unwrap().pop();
        }),
        "iteration 0's trees (one per output) has 2 entries, expected 3",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["ensemble"]["baseline"].as_array_mut().unwrap().pop();
        }),
        "baseline (one per output)",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["ensemble"]["known_categories"].as_array_mut().unwrap().pop();
        }),
        "known_categories (one per feature)",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["ensemble"]["trees"][2][0]["nodes"] = Value::Array(vec![]);
        }),
        "has no nodes",
    );
    // Three classes' trees for two classes: the probabilities would have
    // three columns for two classes.
    assert_names(
        &tampered(&model, |v| {
            v["data"]["classes"].as_array_mut().unwrap().pop();
        }),
        "expected 1",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["ensemble"]["is_categorical"][1] = Value::from(true)
        }),
        "is_categorical disagrees with categorical_features",
    );
    assert_names(
        &tampered(&model, |v| {
            v["data"]["params"]["categorical_features"] = serde_json::json!({"Indices": [1, 7]});
        }),
        "categorical_features holds 7, which must be below 4",
    );
    assert_names(
        &tampered(&model, |v| v["data"]["params"]["learning_rate"] = Value::from("NaN")),
        "learning_rate",
    );

    let y = iris.target.mapv(|c| c as f64);
    let regressor: FittedHistGradientBoostingRegressor<f64> = HistGradientBoostingRegressor::default()
        .max_iter(2)
        .fit(iris.data.view(), y.view())
        .unwrap();
    assert_names(
        &tampered(&regressor, |v| {
            v["data"]["ensemble"]["baseline"]
                .as_array_mut()
                .unwrap()
                .push(Value::from(1.0));
        }),
        "baseline (one per output) has 2 entries, expected 1",
    );
    let _: FittedHistGradientBoostingClassifier<f64, usize> = from_json(&to_json(&model).unwrap()).unwrap();
}
