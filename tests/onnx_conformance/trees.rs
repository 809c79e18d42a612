//! Conformance cases of the decision trees and the forests (random forests
//! and extra trees): float and double graphs, `ai.onnx.ml` opsets 3 and 5,
//! missing values, rows on the float side of every threshold.
//!
//! The models are fitted on the `f64` data; the float variant scores the
//! data rounded to `f32` (learnkit's predictions are computed on the same
//! rounded rows), the double variant the `f64` data itself.

use learnkit::datasets::{load_breast_cancer, load_diabetes, load_iris, load_wine};
use learnkit::ensemble::{ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor};
use learnkit::onnx::{MlOpset, OnnxFloat, OnnxOptions};
use learnkit::prelude::*;
use learnkit::tree::{DecisionTreeClassifier, DecisionTreeRegressor, Tree};
use ndarray::{Array1, Array2, ArrayView2, concatenate, s};

use super::harness::{f32_rows, proba_case, regression_case, variants};

/// The rows a variant scores: rounded to `f32` for a float graph.
fn rows_for(options: &OnnxOptions, x: ArrayView2<'_, f64>) -> Array2<f64> {
    if options.input_type == OnnxFloat::Float {
        f32_rows(x)
    } else {
        x.to_owned()
    }
}

/// `x` with about one value in eleven missing (`NaN`).
fn with_missing(x: ArrayView2<'_, f64>) -> Array2<f64> {
    let mut x = x.to_owned();
    for ((i, j), v) in x.indexed_iter_mut() {
        if (7 * i + 3 * j) % 11 == 0 {
            *v = f64::NAN;
        }
    }
    x
}

/// The largest `f32` not above `t`, and the next `f32` up.
fn f32_around(t: f64) -> (f64, f64) {
    let mut below = t as f32;
    if f64::from(below) > t {
        below = f32::from_bits(if below > 0.0 {
            below.to_bits() - 1
        } else {
            below.to_bits() + 1
        });
    }
    let above = if below == 0.0 {
        f32::from_bits(1)
    } else if below > 0.0 {
        f32::from_bits(below.to_bits() + 1)
    } else {
        f32::from_bits(below.to_bits() - 1)
    };
    (f64::from(below), f64::from(above))
}

/// For every split of `tree`, two copies of a row of `x` whose split
/// feature is set to the `f32` just below (or at) the threshold and the
/// one just above: the rows where rounding the threshold the wrong way
/// would change the branch.
fn threshold_rows(tree: &Tree, x: ArrayView2<'_, f64>) -> Array2<f64> {
    let mut rows = Vec::new();
    for node in 0..tree.node_count() {
        if tree.is_leaf(node) || !tree.threshold(node).is_finite() {
            continue;
        }
        let (below, above) = f32_around(tree.threshold(node));
        for value in [below, above] {
            let mut row = f32_rows(x.slice(s![node % x.nrows()..node % x.nrows() + 1, ..]));
            row[[0, tree.feature(node)]] = value;
            rows.push(row);
        }
    }
    let views: Vec<_> = rows.iter().map(|r| r.view()).collect();
    concatenate(ndarray::Axis(0), &views).expect("rows of one width")
}

fn string_labels(target: &Array1<usize>) -> Array1<String> {
    target
        .iter()
        .map(|&c| ["setosa", "versicolor", "virginica"][c].to_string())
        .collect()
}

#[test]
fn decision_tree_classifiers() {
    let cancer = load_breast_cancer();
    let tree = DecisionTreeClassifier::default()
        .fit(cancer.data.view(), cancer.target.view())
        .unwrap();
    let edges = threshold_rows(tree.tree(), cancer.data.view());
    for (variant, options) in variants() {
        let x = rows_for(&options, cancer.data.view());
        let onnx = proba_case(&format!("trees_decision_binary_{variant}"), &tree, &options, x.view());
        let ops: &[&str] = if variant == "f32" {
            &["ai.onnx.ml:TreeEnsembleClassifier", "Identity", "ai.onnx.ml:ZipMap"]
        } else {
            &[
                "ai.onnx.ml:TreeEnsembleRegressor",
                "Cast",
                "Gather",
                "ReduceSum",
                "ArgMax",
                "Gather",
                "Identity",
                "Identity",
            ]
        };
        assert_eq!(onnx.operators(), ops);
        proba_case(
            &format!("trees_decision_thresholds_{variant}"),
            &tree,
            &options,
            edges.view(),
        );
    }
    let wine = load_wine();
    let tree = DecisionTreeClassifier::default()
        .max_depth(Some(6))
        .fit(wine.data.view(), wine.target.view())
        .unwrap();
    for (variant, options) in variants() {
        let x = rows_for(&options, wine.data.view());
        proba_case(
            &format!("trees_decision_multiclass_{variant}"),
            &tree,
            &options,
            x.view(),
        );
    }
    let iris = load_iris();
    let tree = DecisionTreeClassifier::default()
        .fit(iris.data.view(), string_labels(&iris.target).view())
        .unwrap();
    let x = f32_rows(iris.data.view());
    proba_case(
        "trees_decision_strings_f32",
        &tree,
        &OnnxOptions::default().zipmap(false),
        x.view(),
    );
}

#[test]
fn decision_tree_regressor() {
    let diabetes = load_diabetes();
    let tree = DecisionTreeRegressor::default()
        .max_depth(Some(8))
        .fit(diabetes.data.view(), diabetes.target.view())
        .unwrap();
    let edges = threshold_rows(tree.tree(), diabetes.data.view());
    for (variant, options) in variants() {
        let x = rows_for(&options, diabetes.data.view());
        let onnx = regression_case(
            &format!("trees_decision_regression_{variant}"),
            &tree,
            &options,
            x.view(),
        );
        if variant == "f32" {
            assert_eq!(onnx.operators(), ["ai.onnx.ml:TreeEnsembleRegressor", "Identity"]);
        }
        regression_case(
            &format!("trees_decision_regression_thresholds_{variant}"),
            &tree,
            &options,
            edges.view(),
        );
    }
}

#[test]
fn forest_classifiers() {
    let cancer = load_breast_cancer();
    let forest = RandomForestClassifier::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(0)
        .fit(cancer.data.view(), cancer.target.view())
        .unwrap();
    let iris = load_iris();
    let multiclass = RandomForestClassifier::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(1)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    let extra = ExtraTreesClassifier::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(2)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    for (variant, options) in variants() {
        let x = rows_for(&options, cancer.data.view());
        let onnx = proba_case(&format!("trees_forest_binary_{variant}"), &forest, &options, x.view());
        if variant == "f64" {
            assert_eq!(
                onnx.operators()[..6],
                [
                    "ai.onnx.ml:TreeEnsembleRegressor",
                    "Cast",
                    "Add",
                    "Gather",
                    "ReduceSum",
                    "Mul"
                ]
            );
        }
        let x = rows_for(&options, iris.data.view());
        proba_case(
            &format!("trees_forest_multiclass_{variant}"),
            &multiclass,
            &options,
            x.view(),
        );
        proba_case(&format!("trees_extra_multiclass_{variant}"), &extra, &options, x.view());
    }
    let strings = RandomForestClassifier::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(3)
        .fit(iris.data.view(), string_labels(&iris.target).view())
        .unwrap();
    proba_case(
        "trees_forest_strings_f32",
        &strings,
        &OnnxOptions::default(),
        f32_rows(iris.data.view()).view(),
    );
}

#[test]
fn forest_regressors() {
    let diabetes = load_diabetes();
    let forest = RandomForestRegressor::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(0)
        .fit(diabetes.data.view(), diabetes.target.view())
        .unwrap();
    let extra = ExtraTreesRegressor::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(1)
        .fit(diabetes.data.view(), diabetes.target.view())
        .unwrap();
    for (variant, options) in variants() {
        let x = rows_for(&options, diabetes.data.view());
        regression_case(
            &format!("trees_forest_regression_{variant}"),
            &forest,
            &options,
            x.view(),
        );
        regression_case(&format!("trees_extra_regression_{variant}"), &extra, &options, x.view());
    }
}

#[test]
fn missing_values_in_training_and_test_rows() {
    let cancer = load_breast_cancer();
    let x = with_missing(cancer.data.view());
    let tree = DecisionTreeClassifier::default()
        .max_depth(Some(8))
        .fit(x.view(), cancer.target.view())
        .unwrap();
    assert!((0..tree.tree().node_count()).any(|n| !tree.tree().is_leaf(n) && tree.tree().missing_go_to_left(n)));
    let forest = RandomForestClassifier::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(4)
        .fit(x.view(), cancer.target.view())
        .unwrap();
    let diabetes = load_diabetes();
    let xd = with_missing(diabetes.data.view());
    let regressor = ExtraTreesRegressor::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(5)
        .fit(xd.view(), diabetes.target.view())
        .unwrap();
    for (variant, options) in variants() {
        let rows = rows_for(&options, x.view());
        proba_case(&format!("trees_nan_decision_{variant}"), &tree, &options, rows.view());
        proba_case(&format!("trees_nan_forest_{variant}"), &forest, &options, rows.view());
        let rows = rows_for(&options, xd.view());
        regression_case(
            &format!("trees_nan_extra_regression_{variant}"),
            &regressor,
            &options,
            rows.view(),
        );
    }
}

#[test]
fn opset5_tree_ensemble() {
    let iris = load_iris();
    let forest = RandomForestClassifier::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(6)
        .fit(with_missing(iris.data.view()).view(), iris.target.view())
        .unwrap();
    let diabetes = load_diabetes();
    let regressor = RandomForestRegressor::default()
        .n_estimators(10)
        .max_depth(Some(6))
        .random_state(7)
        .fit(diabetes.data.view(), diabetes.target.view())
        .unwrap();
    let cancer = load_breast_cancer();
    let tree = DecisionTreeClassifier::default()
        .max_depth(Some(6))
        .fit(cancer.data.view(), cancer.target.view())
        .unwrap();
    for (variant, options) in variants() {
        let options = options.ml_opset(MlOpset::V5);
        let x = rows_for(&options, with_missing(iris.data.view()).view());
        let onnx = proba_case(
            &format!("trees_v5_forest_multiclass_{variant}"),
            &forest,
            &options,
            x.view(),
        );
        assert_eq!(onnx.operators()[0], "ai.onnx.ml:TreeEnsemble");
        let x = rows_for(&options, diabetes.data.view());
        regression_case(
            &format!("trees_v5_forest_regression_{variant}"),
            &regressor,
            &options,
            x.view(),
        );
        let x = rows_for(&options, cancer.data.view());
        proba_case(
            &format!("trees_v5_decision_binary_{variant}"),
            &tree,
            &options,
            x.view(),
        );
    }
}

#[test]
fn a_tree_that_is_one_leaf_exports() {
    // Constant features: nothing to split, the root is the only leaf.
    let x = Array2::<f64>::ones((6, 2));
    let y = Array1::from(vec![0usize, 1, 1, 0, 1, 1]);
    let tree = DecisionTreeClassifier::default().fit(x.view(), y.view()).unwrap();
    assert_eq!(tree.tree().node_count(), 1);
    let regressor = DecisionTreeRegressor::default()
        .fit(x.view(), y.mapv(|v| v as f64).view())
        .unwrap();
    // A forest of such trees: in opset 5 every tree after the first must
    // read its own leaf.
    let forest = RandomForestRegressor::default()
        .n_estimators(3)
        .random_state(8)
        .fit(x.view(), y.mapv(|v| v as f64).view())
        .unwrap();
    for (variant, options) in variants() {
        for (opset, options) in [("v3", options.clone()), ("v5", options.ml_opset(MlOpset::V5))] {
            regression_case(
                &format!("trees_leaf_only_forest_{opset}_{variant}"),
                &forest,
                &options,
                x.view(),
            );
            proba_case(&format!("trees_leaf_only_{opset}_{variant}"), &tree, &options, x.view());
            regression_case(
                &format!("trees_leaf_only_regression_{opset}_{variant}"),
                &regressor,
                &options,
                x.view(),
            );
        }
    }
}
