//! Exact TreeSHAP (`inspection::shap_values`) against the `shap` package's
//! `TreeExplainer` 0.51.0 on scikit-learn 1.9.1 decision trees
//! (tests/fixtures/treeshap.json, from tools/reference/treeshap.py; the data
//! are in the fixture, and its trees have no ties between splits):
//! learnkit grows the same trees (node counts and predictions on training
//! and fresh rows are checked first) and its values and expected values agree
//! to 1e-8 relative to the largest value. Every supported model, with
//! missing values and categorical splits, satisfies additivity (the
//! expected value plus a row's values is the model's output) to 1e-10
//! relative, and their interaction values (`shap_interaction_values`, equal
//! to `shap`'s to 1e-8 on the fixture's first rows) sum to them; the values
//! do not depend on the number of threads; bad inputs are named errors. (An exact Shapley computation over every feature
//! subset checks the recursion independently: the unit tests of
//! `src/inspection/shap/tests.rs`.)

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::ensemble::{
    CategoricalFeatures, ExtraTreesClassifier, ExtraTreesRegressor, HistGradientBoostingClassifier,
    HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor,
};
use learnkit::inspection::{ShapValues, TreeExplainable, shap_interaction_values, shap_values};
use learnkit::prelude::*;
use learnkit::tree::{DecisionTreeClassifier, DecisionTreeRegressor};
use learnkit::{Error, parallel};
use ndarray::{Array1, Array2, Array3, Array4, Axis, array, s};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/treeshap.json")).unwrap()
}

/// A nested JSON array of rows × features × outputs.
fn cube(value: &Value) -> Array3<f64> {
    let rows = value.as_array().unwrap();
    let p = rows[0].as_array().unwrap().len();
    let k = rows[0][0].as_array().unwrap().len();
    let flat: Vec<f64> = rows
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter())
        .flat_map(|f| f.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()))
        .collect();
    Array3::from_shape_vec((rows.len(), p, k), flat).unwrap()
}

/// `|got − want| ≤ tol · max(1, max |want|)` elementwise.
fn assert_close<'a>(
    what: &str,
    got: impl IntoIterator<Item = &'a f64>,
    want: impl IntoIterator<Item = &'a f64> + Clone,
    tol: f64,
) {
    let scale = want.clone().into_iter().fold(1.0f64, |m, v| m.max(v.abs()));
    let mut n = 0;
    for (i, (g, w)) in got.into_iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol * scale, "{what}: entry {i}: got {g}, want {w}");
        n += 1;
    }
    assert!(n > 0, "{what}: nothing compared");
}

#[test]
fn shap_values_equal_the_shap_package_on_identical_trees() {
    let fixture = fixture();
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let x = matrix(&case["X"]);
        let rows = matrix(&case["rows"]);
        let max_depth = case["params"]["max_depth"].as_u64().map(|d| d as usize);
        let max_leaf_nodes = case["params"]["max_leaf_nodes"].as_u64().map(|d| d as usize);
        let min_samples_leaf = case["params"]["min_samples_leaf"].as_u64().unwrap_or(1) as usize;
        let weights = (!case["sample_weight"].is_null()).then(|| vector(&case["sample_weight"]));
        let want_inter = hypercube(&case["shap_interaction_values"]);
        let n_inter = want_inter.dim().0;
        // Fits `$est` on the case's targets `$y` (weighted if the case is),
        // and gives its SHAP values, its output `$output` and its node count.
        macro_rules! fit {
            ($est:ty, $y:expr, |$m:ident| $output:expr) => {{
                let y = $y;
                let params = <$est>::default()
                    .max_depth(max_depth)
                    .max_leaf_nodes(max_leaf_nodes)
                    .min_samples_leaf(min_samples_leaf)
                    .random_state(0);
                let $m = match &weights {
                    Some(w) => params.fit_weighted(x.view(), y.view(), w.view()).unwrap(),
                    None => params.fit(x.view(), y.view()).unwrap(),
                };
                let shap = shap_values(&$m, rows.view()).unwrap();
                let inter = shap_interaction_values(&$m, rows.slice(s![..n_inter, ..])).unwrap();
                (shap, inter, $output, $m.tree().node_count())
            }};
        }
        let (shap, inter, output, node_count) = if case["kind"] == "classifier" {
            let y = vector(&case["y"]).mapv(|v| v as usize);
            fit!(DecisionTreeClassifier, y, |m| m.predict_proba(rows.view()).unwrap())
        } else {
            let y = vector(&case["y"]);
            fit!(DecisionTreeRegressor, y, |m| m
                .predict(rows.view())
                .unwrap()
                .insert_axis(Axis(1)))
        };
        // The same tree first: otherwise the values could not agree.
        assert_eq!(
            node_count as u64,
            case["node_count"].as_u64().unwrap(),
            "{name}: node count"
        );
        assert_close(&format!("{name}: output"), &output, &matrix(&case["output"]), 1e-12);
        assert_close(
            &format!("{name}: expected value"),
            &shap.expected_value,
            &vector(&case["expected_value"]),
            1e-8,
        );
        let want = cube(&case["shap_values"]);
        assert_eq!(shap.values.dim(), want.dim(), "{name}: shape");
        assert_close(&format!("{name}: SHAP values"), &shap.values, &want, 1e-8);
        assert_eq!(inter.values.dim(), want_inter.dim(), "{name}: interaction shape");
        assert_close(&format!("{name}: interaction values"), &inter.values, &want_inter, 1e-8);
        assert_eq!(
            inter.expected_value, shap.expected_value,
            "{name}: interaction expected value"
        );
    }
}

/// A nested JSON array of rows × features × features × outputs.
fn hypercube(value: &Value) -> Array4<f64> {
    let rows = value.as_array().unwrap();
    let p = rows[0].as_array().unwrap().len();
    let k = rows[0][0][0].as_array().unwrap().len();
    let flat: Vec<f64> = rows
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter())
        .flat_map(|f| f.as_array().unwrap().iter())
        .flat_map(|g| g.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()))
        .collect();
    Array4::from_shape_vec((rows.len(), p, p, k), flat).unwrap()
}

/// `expected_value + Σ_features values` for every row and output.
fn reconstructed(shap: &ShapValues) -> Array2<f64> {
    shap.values.sum_axis(Axis(1)) + &shap.expected_value
}

fn assert_additive(what: &str, shap: &ShapValues, output: &Array2<f64>) {
    assert_eq!(shap.values.dim().0, output.nrows(), "{what}: rows");
    assert_close(what, &reconstructed(shap), output, 1e-10);
    // Not trivially: the values carry the variation of the output.
    assert!(
        shap.values.iter().any(|v| v.abs() > 1e-3),
        "{what}: all values near zero"
    );
}

/// Rows of 5 features with a few missing values (`nan` true), a class
/// label and a target that depend on several features.
fn data(n: usize, seed: u64, nan: bool) -> (Array2<f64>, Array1<usize>, Array1<f64>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut x = Array2::from_shape_fn((n, 5), |_| rng.random_range(-2.0..2.0));
    let y = x.map_axis(Axis(1), |r| {
        ((r[0] + 0.5 * r[1] > 0.0) as usize) + ((r[2] * r[3] > 0.5) as usize)
    });
    let t = x.map_axis(Axis(1), |r| 2.0 * r[0] - r[1] + r[2] * r[3]);
    if nan {
        for i in (0..n).step_by(7) {
            x[[i, i % 4]] = f64::NAN;
        }
    }
    (x, y, t)
}

/// Additivity of a classifier's values against its probabilities.
fn proba_additive<M: TreeExplainable + PredictProba<f64>>(what: &str, model: &M, probe: &Array2<f64>) {
    let shap = shap_values(model, probe.view()).unwrap();
    assert_additive(what, &shap, &model.predict_proba(probe.view()).unwrap());
    interactions_sum_to_values(what, model, probe, &shap);
}

/// Additivity of a regressor's values against its predictions.
fn prediction_additive<M: TreeExplainable + Predictor<f64, Output = f64>>(what: &str, model: &M, probe: &Array2<f64>) {
    let shap = shap_values(model, probe.view()).unwrap();
    assert_additive(what, &shap, &model.predict(probe.view()).unwrap().insert_axis(Axis(1)));
    interactions_sum_to_values(what, model, probe, &shap);
}

/// The interaction matrices are symmetric, their rows sum to the SHAP
/// values (1e-10 relative) and some pair interacts.
fn interactions_sum_to_values<M: TreeExplainable>(what: &str, model: &M, probe: &Array2<f64>, shap: &ShapValues) {
    let inter = shap_interaction_values(model, probe.view()).unwrap();
    assert_eq!(inter.expected_value, shap.expected_value, "{what}: expected value");
    assert_close(
        &format!("{what}: interaction rows"),
        &inter.values.sum_axis(Axis(2)),
        &shap.values,
        1e-10,
    );
    let transposed = inter.values.view().permuted_axes([0, 2, 1, 3]);
    assert_close(&format!("{what}: symmetry"), &inter.values, transposed, 1e-12);
    let p = probe.ncols();
    let off_diagonal = inter.values.indexed_iter().filter(|((_, i, j, _), _)| i != j);
    assert!(
        off_diagonal.map(|(_, v)| v.abs()).fold(0.0, f64::max) > 1e-4,
        "{what}: no interaction among {p} features"
    );
}

#[test]
fn trees_and_forests_are_additive_with_missing_values() {
    let (x, y, t) = data(120, 1, true);
    let (probe, _, _) = data(40, 2, true);
    let (x, y, t) = (x.view(), y.view(), t.view());
    let c = DecisionTreeClassifier::default().random_state(0).fit(x, y).unwrap();
    proba_additive("tree classifier", &c, &probe);
    let r = DecisionTreeRegressor::default()
        .max_depth(Some(6))
        .random_state(0)
        .fit(x, t)
        .unwrap();
    prediction_additive("tree regressor", &r, &probe);
    // Eight trees of each forest, seeded.
    macro_rules! forest {
        ($t:ty) => {
            <$t>::default().n_estimators(8).random_state(0)
        };
    }
    let rf = forest!(RandomForestClassifier).fit(x, y).unwrap();
    proba_additive("random forest classifier", &rf, &probe);
    let rfr = forest!(RandomForestRegressor).fit(x, t).unwrap();
    prediction_additive("random forest regressor", &rfr, &probe);
    let et = forest!(ExtraTreesClassifier).fit(x, y).unwrap();
    proba_additive("extra trees classifier", &et, &probe);
    let etr = forest!(ExtraTreesRegressor).fit(x, t).unwrap();
    prediction_additive("extra trees regressor", &etr, &probe);
}

/// Column 4 as a categorical feature of 6 categories (codes 0..6), which
/// the labels and target depend on.
fn with_category(x: &Array2<f64>, y: &mut Array1<usize>, t: &mut Array1<f64>) -> Array2<f64> {
    let mut x = x.clone();
    for i in 0..x.nrows() {
        let c = (i * 7 % 6) as f64;
        x[[i, 4]] = if i % 11 == 3 { f64::NAN } else { c };
        if c == 1.0 || c == 4.0 {
            y[i] = (y[i] + 1) % 3;
            t[i] += 2.0;
        }
    }
    x
}

#[test]
fn gradient_boosting_is_additive_with_missing_values_and_categories() {
    let (x, mut y, mut t) = data(200, 3, true);
    let x = with_category(&x, &mut y, &mut t);
    let (probe, mut py, mut pt) = data(40, 4, true);
    let mut probe = with_category(&probe, &mut py, &mut pt);
    probe[[0, 4]] = 9.0; // a category unseen in training: goes where missing values go
    let categorical = CategoricalFeatures::Indices(vec![4]);
    let params = HistGradientBoostingClassifier::default()
        .max_iter(15)
        .categorical_features(categorical.clone());
    let multi = params.fit(x.view(), y.view()).unwrap();
    let shap = shap_values(&multi, probe.view()).unwrap();
    assert_eq!(shap.n_outputs(), 3);
    assert_additive(
        "HGB classifier, 3 classes",
        &shap,
        &multi.decision_function(probe.view()).unwrap(),
    );
    interactions_sum_to_values("HGB classifier, 3 classes", &multi, &probe, &shap);
    let binary_y = y.mapv(|c| (c == 2) as usize);
    let binary = params.fit(x.view(), binary_y.view()).unwrap();
    let shap = shap_values(&binary, probe.view()).unwrap();
    assert_eq!(shap.n_outputs(), 1);
    assert_additive(
        "HGB classifier, 2 classes",
        &shap,
        &binary.decision_function(probe.view()).unwrap(),
    );
    interactions_sum_to_values("HGB classifier, 2 classes", &binary, &probe, &shap);
    // The categorical feature matters, and so gets values.
    assert!(shap.output(0).unwrap().column(4).iter().any(|v| v.abs() > 1e-3));
    let reg = HistGradientBoostingRegressor::default()
        .max_iter(15)
        .categorical_features(categorical)
        .fit(x.view(), t.view())
        .unwrap();
    prediction_additive("HGB regressor", &reg, &probe);
}

#[test]
fn shap_values_do_not_depend_on_the_number_of_threads() {
    let (x, y, _) = data(150, 5, true);
    let model = RandomForestClassifier::default()
        .n_estimators(5)
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap();
    let one = parallel::with_n_jobs(Some(1), || shap_values(&model, x.view()))
        .unwrap()
        .unwrap();
    let many = parallel::with_n_jobs(Some(3), || shap_values(&model, x.view()))
        .unwrap()
        .unwrap();
    assert_eq!(one, many);
    let one = parallel::with_n_jobs(Some(1), || shap_interaction_values(&model, x.view()))
        .unwrap()
        .unwrap();
    let many = parallel::with_n_jobs(Some(3), || shap_interaction_values(&model, x.view()))
        .unwrap()
        .unwrap();
    assert_eq!(one, many);
    // f32 rows give the values of the same rows in f64 (the model is the same).
    let model32 = RandomForestClassifier::default()
        .n_estimators(5)
        .random_state(0)
        .fit(x.mapv(|v| v as f32).view(), y.view())
        .unwrap();
    let rows = array![[0.5f32, -1.0, 0.25, 1.5, f32::NAN]];
    let s32 = shap_values(&model32, rows.view()).unwrap();
    assert_eq!(s32.values.dim(), (1, 5, 3));
}

#[test]
fn bad_inputs_are_named_errors() {
    let (x, y, t) = data(60, 6, false);
    let tree = DecisionTreeClassifier::default().fit(x.view(), y.view()).unwrap();
    assert!(matches!(
        shap_values(&tree, Array2::<f64>::zeros((3, 4)).view()),
        Err(Error::FeatureCountMismatch {
            expected: 5,
            got: 4,
            ..
        })
    ));
    assert!(matches!(
        shap_values(&tree, Array2::<f64>::zeros((0, 5)).view()),
        Err(Error::EmptyInput { .. })
    ));
    let mut inf = x.clone();
    inf[[2, 1]] = f64::INFINITY;
    assert!(matches!(shap_values(&tree, inf.view()), Err(Error::NonFinite { .. })));
    let hgb = HistGradientBoostingRegressor::default()
        .max_iter(3)
        .fit(x.view(), t.view())
        .unwrap();
    assert!(matches!(
        shap_values(&hgb, Array2::<f64>::zeros((1, 6)).view()),
        Err(Error::FeatureCountMismatch { .. })
    ));
    let shap = shap_values(&hgb, x.view()).unwrap();
    assert!(matches!(shap.output(1), Err(Error::InvalidParameter { .. })));
    // The interaction values check their input the same way.
    assert!(matches!(
        shap_interaction_values(&tree, Array2::<f64>::zeros((3, 4)).view()),
        Err(Error::FeatureCountMismatch { .. })
    ));
    assert!(matches!(
        shap_interaction_values(&tree, Array2::<f64>::zeros((0, 5)).view()),
        Err(Error::EmptyInput { .. })
    ));
    assert!(matches!(
        shap_interaction_values(&tree, inf.view()),
        Err(Error::NonFinite { .. })
    ));
    let inter = shap_interaction_values(&hgb, x.view()).unwrap();
    assert!(matches!(inter.output(1), Err(Error::InvalidParameter { .. })));
    // The caller's data are not modified.
    assert_eq!(inf[[2, 1]], f64::INFINITY);
}
