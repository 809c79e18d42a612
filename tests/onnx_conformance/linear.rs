//! Conformance cases of the linear models.

use learnkit::datasets::{load_breast_cancer, load_diabetes, load_iris, load_wine};
use learnkit::linear_model::{
    Cs, ElasticNet, ElasticNetCV, Lasso, LassoCV, LogisticRegressionCV, RidgeCV, RidgeClassifierCV, SGDClassifier,
    SGDClassifierLoss, SGDRegressor,
};
use learnkit::onnx::OnnxOptions;
use learnkit::prelude::*;
use ndarray::{Array1, ArrayView1};

use super::harness::{decision_case, f32_rows, proba_case, regression_case, variants};

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
    let names = string_labels(iris.target.view(), &["setosa", "versicolor", "virginica"]);
    let model = LogisticRegression::default()
        .max_iter(1000)
        .fit(x.view(), names.view())
        .unwrap();
    proba_case(
        "linear_logistic_strings_f32",
        &model,
        &OnnxOptions::default().zipmap(false),
        x.view(),
    );
}

#[test]
fn linear_regressors() {
    let diabetes = load_diabetes();
    let x = f32_rows(diabetes.data.view());
    let y = diabetes.target.view();
    let sgd = Pipeline::new(StandardScaler::default(), SGDRegressor::default().random_state(0))
        .fit(x.view(), y)
        .unwrap();
    for (variant, options) in variants() {
        let case = |model: &str| format!("linear_{model}_{variant}");
        let x = x.view();
        let onnx = regression_case(
            &case("linear_regression"),
            &LinearRegression::default().fit(x, y).unwrap(),
            &options,
            x,
        );
        let expected_ops: &[&str] = if variant == "f32" {
            &["ai.onnx.ml:LinearRegressor", "Identity"]
        } else {
            &["MatMul", "Add", "Identity"]
        };
        assert_eq!(onnx.operators(), expected_ops);
        regression_case(&case("ridge"), &Ridge::default().fit(x, y).unwrap(), &options, x);
        let ridge_cv = RidgeCV::default().alphas(vec![0.01, 0.1, 1.0]).fit(x, y).unwrap();
        regression_case(&case("ridge_cv"), &ridge_cv, &options, x);
        let lasso = Lasso::default().alpha(0.05).fit(x, y).unwrap();
        regression_case(&case("lasso"), &lasso, &options, x);
        let enet = ElasticNet::default().alpha(0.01).l1_ratio(0.5).fit(x, y).unwrap();
        regression_case(&case("elastic_net"), &enet, &options, x);
        let lasso_cv = LassoCV::default().n_alphas(10).fit(x, y).unwrap();
        regression_case(&case("lasso_cv"), &lasso_cv, &options, x);
        let enet_cv = ElasticNetCV::default().n_alphas(10).fit(x, y).unwrap();
        regression_case(&case("elastic_net_cv"), &enet_cv, &options, x);
        regression_case(&case("sgd_regressor"), &sgd, &options, x);
    }
}

#[test]
fn linear_classifiers_with_decision_functions() {
    let cancer = load_breast_cancer();
    let xb = f32_rows(cancer.data.view());
    let yb = cancer.target.view();
    let wine = load_wine();
    let xm = f32_rows(wine.data.view());
    let ym = wine.target.view();
    for (variant, options) in variants() {
        let case = |model: &str| format!("linear_{model}_{variant}");
        let (b, m) = (xb.view(), xm.view());
        let svc = Pipeline::new(StandardScaler::default(), LinearSVC::default().random_state(0));
        decision_case(&case("linear_svc_binary"), &svc.fit(b, yb).unwrap(), &options, b);
        decision_case(&case("linear_svc_multiclass"), &svc.fit(m, ym).unwrap(), &options, m);
        let ridge = Pipeline::new(StandardScaler::default(), RidgeClassifier::default());
        decision_case(
            &case("ridge_classifier_binary"),
            &ridge.fit(b, yb).unwrap(),
            &options,
            b,
        );
        decision_case(
            &case("ridge_classifier_multiclass"),
            &ridge.fit(m, ym).unwrap(),
            &options,
            m,
        );
        let ridge_cv = Pipeline::new(
            StandardScaler::default(),
            RidgeClassifierCV::default().alphas(vec![0.1, 1.0, 10.0]),
        );
        decision_case(
            &case("ridge_classifier_cv_binary"),
            &ridge_cv.fit(b, yb).unwrap(),
            &options,
            b,
        );
        decision_case(
            &case("ridge_classifier_cv_multiclass"),
            &ridge_cv.fit(m, ym).unwrap(),
            &options,
            m,
        );
        let hinge = Pipeline::new(StandardScaler::default(), SGDClassifier::default().random_state(0));
        decision_case(&case("sgd_hinge_binary"), &hinge.fit(b, yb).unwrap(), &options, b);
        decision_case(&case("sgd_hinge_multiclass"), &hinge.fit(m, ym).unwrap(), &options, m);
    }
    // String labels.
    let names = string_labels(ym, &["barolo", "grignolino", "barbera"]);
    let model = Pipeline::new(StandardScaler::default(), LinearSVC::default().random_state(0))
        .fit(xm.view(), names.view())
        .unwrap();
    decision_case(
        "linear_linear_svc_strings_f32",
        &model,
        &OnnxOptions::default(),
        xm.view(),
    );
}

#[test]
fn linear_classifiers_with_probabilities() {
    let cancer = load_breast_cancer();
    let xb = f32_rows(cancer.data.view());
    let yb = cancer.target.view();
    let iris = load_iris();
    let xm = f32_rows(iris.data.view());
    let ym = iris.target.view();
    let cv = Pipeline::new(
        StandardScaler::default(),
        LogisticRegressionCV::default().cs(Cs::Count(4)),
    );
    let cv_binary = cv.fit(xb.view(), yb).unwrap();
    let cv_multiclass = cv.fit(xm.view(), ym).unwrap();
    for (variant, options) in variants() {
        let case = |model: &str| format!("linear_{model}_{variant}");
        let (b, m) = (xb.view(), xm.view());
        proba_case(&case("logistic_cv_binary"), &cv_binary, &options, b);
        proba_case(&case("logistic_cv_multiclass"), &cv_multiclass, &options, m);
        for (name, loss) in [
            ("sgd_log", SGDClassifierLoss::LogLoss),
            ("sgd_modified_huber", SGDClassifierLoss::ModifiedHuber),
        ] {
            let sgd = Pipeline::new(
                StandardScaler::default(),
                SGDClassifier::default().loss(loss).random_state(0),
            );
            let binary = sgd.fit(b, yb).unwrap();
            proba_case(&case(&format!("{name}_binary")), &binary, &options, b);
            let multiclass = sgd.fit(m, ym).unwrap();
            proba_case(&case(&format!("{name}_multiclass")), &multiclass, &options, m);
        }
    }
    let names = string_labels(ym, &["setosa", "versicolor", "virginica"]);
    let model = Pipeline::new(
        StandardScaler::default(),
        SGDClassifier::default()
            .loss(SGDClassifierLoss::LogLoss)
            .random_state(0),
    )
    .fit(xm.view(), names.view())
    .unwrap();
    proba_case("linear_sgd_log_strings_f32", &model, &OnnxOptions::default(), xm.view());
}

/// Class indices as the given names.
fn string_labels(y: ArrayView1<'_, usize>, names: &[&str]) -> Array1<String> {
    y.iter().map(|&c| names[c].to_string()).collect()
}
