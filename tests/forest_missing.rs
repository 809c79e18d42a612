//! Trees and forests with missing values (NaN) against scikit-learn
//! (tests/fixtures/forest_missing.json, from tools/reference/forest_missing.py).

use learnkit::datasets::{load_breast_cancer, load_iris};
use learnkit::ensemble::{ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor};
use learnkit::prelude::*;
use learnkit::tree::{
    Binning, DecisionTreeClassifier, DecisionTreeRegressor, MaxFeatures, Splitter, Tree, export_text,
};
use ndarray::{Array1, Array2, Axis, array, s};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/forest_missing.json")).unwrap()
}

fn with_nan(x: &Array2<f64>, positions: &Value) -> Array2<f64> {
    let mut x = x.clone();
    for p in positions.as_array().unwrap() {
        let (i, j) = (p[0].as_u64().unwrap() as usize, p[1].as_u64().unwrap() as usize);
        x[[i, j]] = f64::NAN;
    }
    x
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Whether `tree` has scikit-learn's nodes: same shape, features,
/// thresholds (to 1e-6 relative: scikit-learn splits f32 values),
/// missing-value directions and sample counts; else the first difference.
fn same_nodes(tree: &Tree, reference: &Value) -> Result<(), String> {
    let feature = ints(&reference["feature"]);
    let threshold = floats(&reference["threshold"]);
    let missing_left = ints(&reference["missing_go_to_left"]);
    let left = ints(&reference["children_left"]);
    let right = ints(&reference["children_right"]);
    let samples = ints(&reference["n_node_samples"]);
    let check = |ok: bool, what: String| if ok { Ok(()) } else { Err(what) };
    check(
        tree.node_count() == feature.len(),
        format!("node count {} vs {}", tree.node_count(), feature.len()),
    )?;
    for node in 0..tree.node_count() {
        check(
            tree.n_node_samples(node) as i64 == samples[node],
            format!("node {node} samples"),
        )?;
        match tree.children(node) {
            None => check(
                left[node] == -1,
                format!("node {node} is a leaf here, not in scikit-learn"),
            )?,
            Some((l, r)) => {
                check(
                    (l as i64, r as i64) == (left[node], right[node]),
                    format!("node {node} children"),
                )?;
                check(
                    tree.feature(node) as i64 == feature[node],
                    format!("node {node} feature {} vs {}", tree.feature(node), feature[node]),
                )?;
                check(
                    (tree.threshold(node) - threshold[node]).abs() < 1e-6 * threshold[node].abs().max(1.0),
                    format!("node {node} threshold {} vs {}", tree.threshold(node), threshold[node]),
                )?;
                check(
                    tree.missing_go_to_left(node) == (missing_left[node] == 1),
                    format!("node {node} missing_go_to_left"),
                )?;
            }
        }
    }
    Ok(())
}

fn classification(name: &str) -> (Array2<f64>, Array1<usize>) {
    let data = if name == "iris" {
        load_iris()
    } else {
        load_breast_cancer()
    };
    (data.data, data.target)
}

#[test]
fn depth_three_trees_with_missing_values_match_scikit_learn_node_for_node() {
    let fixture = fixture();
    for name in ["iris", "breast_cancer"] {
        let reference = &fixture["datasets"][name];
        let (x, y) = classification(name);
        let x = with_nan(&x, &reference["nan_positions"]);
        let probe = with_nan(&x, &reference["probe_nan_positions"]);
        let model = DecisionTreeClassifier::default()
            .max_depth(Some(3))
            .random_state(0)
            .fit(x.view(), y.view())
            .unwrap();
        // scikit-learn's seeds break a tie between two features differently
        // on breast cancer: learnkit's tree must be one of its trees, node for
        // node, with its predictions.
        let variants = reference["depth3"].as_array().unwrap();
        let same = (0..variants.len()).find(|&k| same_nodes(model.tree(), &variants[k]).is_ok());
        let Some(k) = same else {
            panic!("{name}: {}", same_nodes(model.tree(), &variants[0]).unwrap_err())
        };
        println!("{name}: same tree as scikit-learn's seed {k}");
        let predicted: Vec<i64> = model.predict(x.view()).unwrap().iter().map(|&c| c as i64).collect();
        assert_eq!(predicted, ints(&reference["depth3_predict"][k]), "{name}: predictions");
        // The probe rows also send NaN through nodes that saw none in training.
        let predicted: Vec<i64> = model.predict(probe.view()).unwrap().iter().map(|&c| c as i64).collect();
        assert_eq!(
            predicted,
            ints(&reference["depth3_predict_probe"][k]),
            "{name}: probe predictions"
        );
    }
}

#[test]
fn fully_grown_trees_with_missing_values_match_scikit_learn() {
    let fixture = fixture();
    for name in ["iris", "breast_cancer"] {
        let reference = &fixture["datasets"][name];
        let (x, y) = classification(name);
        let x = with_nan(&x, &reference["nan_positions"]);
        let probe = with_nan(&x, &reference["probe_nan_positions"]);
        let model = DecisionTreeClassifier::default()
            .random_state(0)
            .fit(x.view(), y.view())
            .unwrap();
        assert_eq!(model.score(x.view(), y.view()).unwrap(), 1.0, "{name}: pure leaves");
        let sk_leaves = ints(&reference["full_n_leaves"]);
        let sk_depth = ints(&reference["full_depth"]);
        // scikit-learn breaks ties between equally good splits by its random
        // feature order, so its seeds disagree on some probe rows: learnkit
        // must agree with one of them at least as well as they agree together.
        let sk_predictions: Vec<Vec<i64>> = reference["full_predict_probe"]
            .as_array()
            .unwrap()
            .iter()
            .map(ints)
            .collect();
        let agreement = |a: &[i64], b: &[i64]| a.iter().zip(b).filter(|(a, b)| a == b).count() as f64 / a.len() as f64;
        let mut sk_worst = 1.0f64;
        for a in &sk_predictions {
            for b in &sk_predictions {
                sk_worst = sk_worst.min(agreement(a, b));
            }
        }
        let predicted: Vec<i64> = model.predict(probe.view()).unwrap().iter().map(|&c| c as i64).collect();
        let best = sk_predictions
            .iter()
            .map(|p| agreement(&predicted, p))
            .fold(0.0, f64::max);
        println!(
            "{name}: leaves {} (scikit-learn {sk_leaves:?}), depth {} ({sk_depth:?}), probe agreement {best:.4} (scikit-learn seeds among themselves >= {sk_worst:.4})",
            model.n_leaves(),
            model.depth()
        );
        let within = |v: usize, r: &[i64]| (*r.iter().min().unwrap()..=*r.iter().max().unwrap()).contains(&(v as i64));
        assert!(within(model.n_leaves(), &sk_leaves), "{name}: leaves");
        assert!(within(model.depth(), &sk_depth), "{name}: depth");
        assert!(
            best >= sk_worst,
            "{name}: probe agreement {best} below scikit-learn's own {sk_worst}"
        );
    }
}

#[test]
fn regression_tree_with_missing_values_matches_scikit_learn() {
    let fixture = fixture();
    let reference = &fixture["regressor"];
    let iris = load_iris();
    let x = with_nan(&iris.data.slice(s![.., ..3]).to_owned(), &reference["nan_positions"]);
    let y = iris.data.column(3).to_owned();
    let probe = with_nan(&x, &reference["probe_nan_positions"]);
    let model = DecisionTreeRegressor::default()
        .max_depth(Some(3))
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    if let Err(difference) = same_nodes(model.tree(), &reference["depth3"]) {
        panic!("regressor: {difference}");
    }
    for (node, v) in floats(&reference["value"]).into_iter().enumerate() {
        approx::assert_abs_diff_eq!(model.tree().value(node)[0], v, epsilon = 1e-12);
    }
    let predicted = model.predict(probe.view()).unwrap();
    for (p, e) in predicted.iter().zip(floats(&reference["predict_probe"])) {
        approx::assert_abs_diff_eq!(*p, e, epsilon = 1e-12);
    }
    // Missing-value routing prints nothing in scikit-learn's text.
    assert_eq!(export_text(&model).unwrap(), reference["export_text"].as_str().unwrap());
}

#[test]
fn forests_with_missing_values_reach_scikit_learns_test_accuracy() {
    let fixture = fixture();
    for name in ["iris", "breast_cancer"] {
        let reference = &fixture["datasets"][name];
        let (x, y) = classification(name);
        let x = with_nan(&x, &reference["nan_positions"]);
        let test: Vec<usize> = ints(&reference["test_indices"]).iter().map(|&i| i as usize).collect();
        let train: Vec<usize> = (0..y.len()).filter(|i| test.binary_search(i).is_err()).collect();
        let (xtr, ytr) = (x.select(Axis(0), &train), y.select(Axis(0), &train));
        let (xte, yte) = (x.select(Axis(0), &test), y.select(Axis(0), &test));
        let rf: Vec<f64> = (0..5)
            .map(|seed| {
                let model = RandomForestClassifier::default()
                    .random_state(seed)
                    .fit(xtr.view(), ytr.view())
                    .unwrap();
                model.score(xte.view(), yte.view()).unwrap()
            })
            .collect();
        let et: Vec<f64> = (0..5)
            .map(|seed| {
                let model = ExtraTreesClassifier::default()
                    .random_state(seed)
                    .fit(xtr.view(), ytr.view())
                    .unwrap();
                model.score(xte.view(), yte.view()).unwrap()
            })
            .collect();
        let sk_rf = reference["forest_test_accuracy_mean"].as_f64().unwrap();
        let sk_et = reference["extra_trees_test_accuracy_mean"].as_f64().unwrap();
        println!(
            "{name}: forest {:.4} (scikit-learn {sk_rf:.4}), extra trees {:.4} (scikit-learn {sk_et:.4})",
            mean(&rf),
            mean(&et)
        );
        assert!(mean(&rf) >= sk_rf - 0.01, "{name}: forest {rf:?} vs {sk_rf}");
        assert!(mean(&et) >= sk_et - 0.01, "{name}: extra trees {et:?} vs {sk_et}");
    }
}

#[test]
fn missing_values_alone_can_be_split_from_the_rest() {
    // Feature 0 tells the classes apart only by being missing; feature 1 is noise.
    let x = array![
        [1.0, 0.0],
        [1.0, 1.0],
        [1.0, 0.0],
        [f64::NAN, 1.0],
        [f64::NAN, 0.0],
        [f64::NAN, 1.0]
    ];
    let y = array![0, 0, 0, 1, 1, 1];
    // The random splitter draws the side of the missing values: feature 0 (one
    // value and missing values) splits only when they are drawn right.
    let mut splits_on_missing = 0;
    for seed in 0..20 {
        let model = DecisionTreeClassifier::default()
            .splitter(Splitter::Random)
            .random_state(seed)
            .fit(x.view(), y.view())
            .unwrap();
        let tree = model.tree();
        for node in (0..tree.node_count()).filter(|&n| !tree.is_leaf(n) && tree.feature(n) == 0) {
            assert_eq!(tree.threshold(node), 1.0);
            assert!(!tree.missing_go_to_left(node));
            splits_on_missing += 1;
        }
    }
    assert!(splits_on_missing > 0);
    let best = DecisionTreeClassifier::default().fit(x.view(), y.view()).unwrap();
    assert_eq!(best.depth(), 1);
    assert_eq!((best.tree().feature(0), best.tree().threshold(0)), (0, f64::INFINITY));
    assert!(!best.tree().missing_go_to_left(0));
}

#[test]
fn missing_values_go_left_when_that_splits_best() {
    // Missing values belong with the small values: the best split sends them left.
    let x = array![[1.0], [2.0], [f64::NAN], [3.0], [4.0], [f64::NAN]];
    let y = array![0.0, 0.0, 0.0, 10.0, 10.0, 0.0];
    let model = DecisionTreeRegressor::default().fit(x.view(), y.view()).unwrap();
    assert_eq!(model.tree().threshold(0), 2.5);
    assert!(model.tree().missing_go_to_left(0));
    assert_eq!(
        model.predict(array![[f64::NAN], [3.5]].view()).unwrap(),
        array![0.0, 10.0]
    );
}

#[test]
fn a_node_without_missing_values_sends_them_to_the_larger_child() {
    // Three samples left of the root threshold, two right: NaN goes left.
    let x = array![[0.0], [1.0], [2.0], [10.0], [11.0]];
    let y = array![0, 0, 0, 1, 1];
    let model = DecisionTreeClassifier::default().fit(x.view(), y.view()).unwrap();
    assert!(model.tree().missing_go_to_left(0));
    assert_eq!(model.predict(array![[f64::NAN]].view()).unwrap(), array![0]);
    // Two and two: a tie goes right, as scikit-learn's `n_left > n_right`.
    let x = array![[0.0], [1.0], [10.0], [11.0]];
    let model = DecisionTreeClassifier::default()
        .fit(x.view(), array![0, 0, 1, 1].view())
        .unwrap();
    assert!(!model.tree().missing_go_to_left(0));
    assert_eq!(model.predict(array![[f64::NAN]].view()).unwrap(), array![1]);
}

#[test]
fn every_tree_and_forest_accepts_nan_but_rejects_infinity() {
    let iris = load_iris();
    let x = with_nan(&iris.data, &serde_json::json!([[0, 0], [5, 1], [77, 2], [140, 3]]));
    let y = &iris.target;
    let yr = iris.data.column(3).to_owned();
    let mut inf = x.clone();
    inf[[9, 2]] = f64::INFINITY;
    let non_finite = |r: learnkit::Result<_>| matches!(r, Err(learnkit::Error::NonFinite { row: 9, column: 2, .. }));
    let hist = DecisionTreeClassifier::default()
        .binning(Binning::Histogram)
        .max_features(MaxFeatures::Sqrt)
        .max_leaf_nodes(Some(8))
        .random_state(0);
    for model in [
        hist.clone(),
        DecisionTreeClassifier::default()
            .splitter(Splitter::Random)
            .random_state(0),
    ] {
        let fitted = model.fit(x.view(), y.view()).unwrap();
        assert!(fitted.score(x.view(), y.view()).unwrap() > 0.9);
        assert!(non_finite(model.fit(inf.view(), y.view()).map(|_| ())));
        assert!(non_finite(fitted.predict(inf.view()).map(|_| ())));
    }
    let rf = RandomForestClassifier::default()
        .n_estimators(10)
        .oob_score(true)
        .random_state(0);
    let fitted = rf.fit(x.view(), y.view()).unwrap();
    assert!(fitted.oob_score().unwrap() > 0.85);
    assert!(non_finite(fitted.predict(inf.view()).map(|_| ())));
    assert!(non_finite(rf.fit(inf.view(), y.view()).map(|_| ())));
    let et = ExtraTreesClassifier::default().n_estimators(10).random_state(0);
    assert!(et.fit(x.view(), y.view()).unwrap().score(x.view(), y.view()).unwrap() > 0.9);
    let xr = x.slice(s![.., ..3]).to_owned();
    let infr = inf.slice(s![.., ..3]).to_owned();
    let rfr = RandomForestRegressor::default().n_estimators(10).random_state(0);
    assert!(
        rfr.fit(xr.view(), yr.view())
            .unwrap()
            .score(xr.view(), yr.view())
            .unwrap()
            > 0.9
    );
    assert!(non_finite(rfr.fit(infr.view(), yr.view()).map(|_| ())));
    let etr = ExtraTreesRegressor::default().n_estimators(10).random_state(0);
    let fitted = etr.fit(xr.view(), yr.view()).unwrap();
    assert!(fitted.score(xr.view(), yr.view()).unwrap() > 0.9);
    assert!(non_finite(fitted.predict(infr.view()).map(|_| ())));
    // Warm start checks the new data the same way.
    let mut grown = rf.fit(x.view(), y.view()).unwrap();
    assert!(non_finite(grown.grow_to(inf.view(), y.view(), None, 20)));
    grown.grow_to(x.view(), y.view(), None, 20).unwrap();
    // A regression target stays finite.
    let mut bad_y = yr.clone();
    bad_y[4] = f64::NAN;
    assert!(DecisionTreeRegressor::default().fit(xr.view(), bad_y.view()).is_err());
}

#[test]
fn an_all_missing_feature_is_never_split_on() {
    let x = Array2::from_shape_fn((20, 2), |(i, j)| if j == 0 { f64::NAN } else { i as f64 });
    let y: Array1<usize> = (0..20).map(|i| (i >= 10) as usize).collect();
    for splitter in [Splitter::Best, Splitter::Random] {
        let model = DecisionTreeClassifier::default()
            .splitter(splitter)
            .random_state(0)
            .fit(x.view(), y.view())
            .unwrap();
        let tree = model.tree();
        assert!((0..tree.node_count()).all(|n| tree.is_leaf(n) || tree.feature(n) == 1));
        assert_eq!(model.predict(x.view()).unwrap(), y);
    }
}
