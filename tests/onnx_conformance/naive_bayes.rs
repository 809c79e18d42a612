//! Conformance cases of the naive Bayes classifiers.

use learnkit::datasets::{load_digits, load_iris};
use learnkit::naive_bayes::{BernoulliNB, CategoricalNB, ComplementNB, GaussianNB, MultinomialNB};
use learnkit::onnx::{MlOpset, OnnxFloat, OnnxOptions, ToOnnx};
use learnkit::prelude::*;

use super::harness::{f32_rows, proba_case, variants};

#[test]
fn gaussian_nb_iris_and_string_labels() {
    let iris = load_iris();
    let x = f32_rows(iris.data.view());
    let model = GaussianNB::default().fit(x.view(), iris.target.view()).unwrap();
    for (variant, options) in variants() {
        proba_case(&format!("naive_bayes_gaussian_{variant}"), &model, &options, x.view());
    }
    // ai.onnx opset 21: ReduceLogSumExp takes its axes as an input.
    let opset5 = OnnxOptions::default()
        .input_type(OnnxFloat::Double)
        .zipmap(false)
        .ml_opset(MlOpset::V5);
    proba_case("naive_bayes_gaussian_f64_opset5", &model, &opset5, x.view());
    let names: Vec<String> = iris
        .target
        .iter()
        .map(|&c| ["setosa", "versicolor", "virginica"][c].to_string())
        .collect();
    let model = GaussianNB::default()
        .fit(x.view(), ndarray::Array1::from(names).view())
        .unwrap();
    proba_case(
        "naive_bayes_gaussian_strings_f32",
        &model,
        &OnnxOptions::default().zipmap(false),
        x.view(),
    );
}

#[test]
fn discrete_nb_on_digit_counts() {
    let digits = load_digits();
    let x = f32_rows(digits.data.view());
    let y = digits.target.view();
    let multinomial = MultinomialNB::default().fit(x.view(), y).unwrap();
    let complement = ComplementNB::default().fit(x.view(), y).unwrap();
    let bernoulli = BernoulliNB::default().binarize(Some(7.0)).fit(x.view(), y).unwrap();
    for (variant, options) in variants() {
        proba_case(
            &format!("naive_bayes_multinomial_{variant}"),
            &multinomial,
            &options,
            x.view(),
        );
        proba_case(
            &format!("naive_bayes_complement_{variant}"),
            &complement,
            &options,
            x.view(),
        );
        proba_case(
            &format!("naive_bayes_bernoulli_{variant}"),
            &bernoulli,
            &options,
            x.view(),
        );
    }
}

#[test]
fn unexportable_naive_bayes_say_why() {
    let digits = load_digits();
    let y = digits.target.view();
    // alpha = 0: the empty corner pixels have log-probability −∞.
    let model = MultinomialNB::default()
        .alpha(0.0)
        .force_alpha(true)
        .fit(digits.data.view(), y)
        .unwrap();
    let err = model.to_onnx(&OnnxOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Unsupported { message, .. } if message.starts_with("FittedMultinomialNB")),
        "{err}"
    );
    let model = CategoricalNB::default().fit(digits.data.view(), y).unwrap();
    let err = model.to_onnx(&OnnxOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Unsupported { message, .. } if message.starts_with("FittedCategoricalNB")),
        "{err}"
    );
}
