//! Conformance cases of histogram gradient boosting: binary, multiclass and
//! string labels, regression, missing values, and native categorical
//! splits (unrolled into `BRANCH_EQ` chains in opset 3, `BRANCH_MEMBER` in
//! opset 5) on Adult rows with missing values and unseen categories.

use learnkit::datasets::{load_adult, load_breast_cancer, load_diabetes, load_iris, load_wine};
use learnkit::ensemble::{
    CategoricalFeatures, EarlyStopping, HistGradientBoostingClassifier, HistGradientBoostingRegressor,
};
use learnkit::onnx::{MlOpset, OnnxModel, OnnxOptions};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, Axis};

use super::harness::{f32_rows, proba_case, regression_case, variants};

/// `variants()` in opset 3 (default) and opset 5: `(suffix, options)`.
fn opset_variants() -> Vec<(String, OnnxOptions)> {
    let mut all = Vec::new();
    for (variant, options) in variants() {
        all.push((variant.to_string(), options.clone()));
        all.push((format!("{variant}_v5"), options.ml_opset(MlOpset::V5)));
    }
    all
}

/// The ai.onnx.ml tree operator of the export, per opset.
fn assert_tree_op(onnx: &OnnxModel, options: &OnnxOptions, v3_float: &str) {
    let ops = onnx.operators();
    let want = match (options.ml_opset, options.input_type) {
        (MlOpset::V5, _) => "ai.onnx.ml:TreeEnsemble",
        (_, learnkit::onnx::OnnxFloat::Double) => "ai.onnx.ml:TreeEnsembleRegressor",
        _ => v3_float,
    };
    assert!(ops.iter().any(|o| o == want), "{want} not in {ops:?}");
}

/// Every `step`-th value of the listed columns set to NaN (from `offset`).
fn with_missing(x: &Array2<f64>, columns: &[usize], step: usize, offset: usize) -> Array2<f64> {
    let mut x = x.clone();
    for (i, mut row) in x.outer_iter_mut().enumerate() {
        for &c in columns {
            if (i + c + offset) % step == 0 {
                row[c] = f64::NAN;
            }
        }
    }
    x
}

fn classifier() -> HistGradientBoostingClassifier {
    HistGradientBoostingClassifier::default()
        .max_iter(30)
        .early_stopping(EarlyStopping::Off)
}

fn regressor() -> HistGradientBoostingRegressor {
    HistGradientBoostingRegressor::default()
        .max_iter(30)
        .early_stopping(EarlyStopping::Off)
}

#[test]
fn binary_multiclass_and_string_labels() {
    let cancer = load_breast_cancer();
    let x = f32_rows(cancer.data.view());
    let model = classifier().fit(x.view(), cancer.target.view()).unwrap();
    for (variant, options) in opset_variants() {
        let onnx = proba_case(
            &format!("hist_gradient_boosting_binary_{variant}"),
            &model,
            &options,
            x.view(),
        );
        assert_tree_op(&onnx, &options, "ai.onnx.ml:TreeEnsembleClassifier");
    }
    let wine = load_wine();
    let x = f32_rows(wine.data.view());
    let model = classifier().max_iter(20).fit(x.view(), wine.target.view()).unwrap();
    for (variant, options) in opset_variants() {
        proba_case(
            &format!("hist_gradient_boosting_multiclass_{variant}"),
            &model,
            &options,
            x.view(),
        );
    }
    let iris = load_iris();
    let x = f32_rows(iris.data.view());
    let names: Array1<String> = iris
        .target
        .iter()
        .map(|&c| ["setosa", "versicolor", "virginica"][c].to_string())
        .collect();
    let model = classifier().max_iter(20).fit(x.view(), names.view()).unwrap();
    proba_case(
        "hist_gradient_boosting_strings_f32",
        &model,
        &OnnxOptions::default().zipmap(false),
        x.view(),
    );
    proba_case(
        "hist_gradient_boosting_strings_f32_zipmap_v5",
        &model,
        &OnnxOptions::default().ml_opset(MlOpset::V5),
        x.view(),
    );
}

#[test]
fn regression() {
    let diabetes = load_diabetes();
    let x = f32_rows(diabetes.data.view());
    let model = regressor().fit(x.view(), diabetes.target.view()).unwrap();
    for (variant, options) in opset_variants() {
        let onnx = regression_case(
            &format!("hist_gradient_boosting_regression_{variant}"),
            &model,
            &options,
            x.view(),
        );
        assert_tree_op(&onnx, &options, "ai.onnx.ml:TreeEnsembleRegressor");
    }
}

/// Missing values in training (learnt sides) and in test rows, also in
/// columns that had none in training (they follow the larger child).
#[test]
fn missing_values() {
    let cancer = load_breast_cancer();
    let x = f32_rows(cancer.data.view());
    let train = with_missing(&x, &[0, 7, 20, 21, 27], 4, 0);
    let test = with_missing(&x, &[0, 1, 2, 7, 20, 22, 27], 3, 1);
    let model = classifier().fit(train.view(), cancer.target.view()).unwrap();
    for (variant, options) in opset_variants() {
        proba_case(
            &format!("hist_gradient_boosting_nan_binary_{variant}"),
            &model,
            &options,
            test.view(),
        );
    }
    let diabetes = load_diabetes();
    let x = f32_rows(diabetes.data.view());
    let train = with_missing(&x, &[2, 3, 8], 5, 0);
    let test = with_missing(&x, &[0, 2, 3, 8, 9], 3, 2);
    let model = regressor().fit(train.view(), diabetes.target.view()).unwrap();
    for (variant, options) in opset_variants() {
        regression_case(
            &format!("hist_gradient_boosting_nan_regression_{variant}"),
            &model,
            &options,
            test.view(),
        );
    }
}

/// Adult rows: 2,000 training rows with the census example's categorical
/// features; test rows with their missing values and categories unseen in
/// those 2,000 rows, plus codes no category has (too large, negative,
/// fractional) and more `NaN`.
#[test]
fn native_categorical_splits() {
    let adult = load_adult();
    let categorical = adult.categorical_features.clone();
    let rows: Vec<usize> = (0..2000).map(|i| i * 7 % adult.train.data.nrows()).collect();
    let x_train = f32_rows(adult.train.data.select(Axis(0), &rows).view());
    let y_train: Array1<String> = rows.iter().map(|&i| adult.train.target[i].clone()).collect();
    let mut x_test = f32_rows(adult.test.data.slice(ndarray::s![..600, ..]).view());
    let unseen = categorical.iter().any(|&c| {
        let seen: std::collections::HashSet<u64> = x_train.column(c).iter().map(|v| v.to_bits()).collect();
        x_test
            .column(c)
            .iter()
            .any(|v| !v.is_nan() && !seen.contains(&v.to_bits()))
    });
    assert!(unseen, "some test category is unseen in the training rows");
    let odd = [f64::NAN, 250.0, -1.0, 2.5, 300.0, 0.0];
    for (i, mut row) in x_test.outer_iter_mut().enumerate().step_by(5) {
        let c = categorical[i / 5 % categorical.len()];
        row[c] = odd[i / 5 % odd.len()];
    }
    let model = classifier()
        .categorical_features(CategoricalFeatures::Indices(categorical.clone()))
        .fit(x_train.view(), y_train.view())
        .unwrap();
    for (variant, options) in opset_variants() {
        let onnx = proba_case(
            &format!("hist_gradient_boosting_categorical_{variant}"),
            &model,
            &options,
            x_test.view(),
        );
        assert_tree_op(&onnx, &options, "ai.onnx.ml:TreeEnsembleClassifier");
    }
    // Regression on categories too: age from the other columns.
    let others: Vec<usize> = (1..x_train.ncols()).collect();
    let shifted: Vec<usize> = categorical.iter().filter(|&&c| c > 0).map(|&c| c - 1).collect();
    let model = regressor()
        .categorical_features(CategoricalFeatures::Indices(shifted))
        .fit(x_train.select(Axis(1), &others).view(), x_train.column(0))
        .unwrap();
    let test = x_test.select(Axis(1), &others);
    for (variant, options) in opset_variants() {
        regression_case(
            &format!("hist_gradient_boosting_categorical_regression_{variant}"),
            &model,
            &options,
            test.view(),
        );
    }
}
