//! Conformance cases of the linear models.

use learnkit::datasets::{load_breast_cancer, load_iris};
use learnkit::onnx::OnnxOptions;
use learnkit::prelude::*;

use super::harness::{f32_rows, proba_case, variants};

#[test]
fn logistic_regression_binary_and_multinomial() {
    let cancer = load_breast_cancer();
    let x = f32_rows(cancer.data.view());
    let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
        .fit(x.view(), cancer.target.view())
        .unwrap();
    for (variant, options) in variants() {
        proba_case(&format!("linear_logistic_binary_{variant}"), &model, &options, x.view());
    }
    let iris = load_iris();
    let x = f32_rows(iris.data.view());
    let model = LogisticRegression::default()
        .max_iter(1000)
        .fit(x.view(), iris.target.view())
        .unwrap();
    for (variant, options) in variants() {
        proba_case(
            &format!("linear_logistic_multinomial_{variant}"),
            &model,
            &options,
            x.view(),
        );
    }
    // String labels, probabilities as a tensor.
    let names: Vec<String> = iris
        .target
        .iter()
        .map(|&c| ["setosa", "versicolor", "virginica"][c as usize].to_string())
        .collect();
    let model = LogisticRegression::default()
        .max_iter(1000)
        .fit(x.view(), ndarray::Array1::from(names).view())
        .unwrap();
    proba_case(
        "linear_logistic_strings_f32",
        &model,
        &OnnxOptions::default().zipmap(false),
        x.view(),
    );
}
