//! Conformance cases of the nearest-neighbour models, and of a search
//! (exported as its refitted best model).

use learnkit::datasets::{load_diabetes, load_iris};
use learnkit::metrics::Metric;
use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
use learnkit::neighbors::{KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors, Weights};
use learnkit::onnx::{MlOpset, OnnxFloat, OnnxOptions, ToOnnx};
use learnkit::prelude::*;

use super::harness::{f32_rows, proba_case, regression_case, variants};

/// Rows near the training rows but not on them (so no distance is zero).
fn shifted(x: &ndarray::Array2<f64>) -> ndarray::Array2<f64> {
    f32_rows(x.mapv(|v| v + 0.05).view())
}

#[test]
fn kneighbors_classifier_uniform_distance_and_manhattan() {
    let iris = load_iris();
    let x = f32_rows(iris.data.view());
    let y = iris.target.view();
    let uniform = KNeighborsClassifier::default().fit(x.view(), y).unwrap();
    let distance = KNeighborsClassifier::default()
        .n_neighbors(7)
        .weights(Weights::Distance)
        .fit(x.view(), y)
        .unwrap();
    let query = shifted(&x);
    for (variant, options) in variants() {
        // On the training rows: every row is its own neighbour, and votes tie.
        proba_case(
            &format!("neighbors_knn_uniform_{variant}"),
            &uniform,
            &options,
            x.view(),
        );
        proba_case(
            &format!("neighbors_knn_distance_{variant}"),
            &distance,
            &options,
            query.view(),
        );
        // Distance weights on the training rows: the row at distance zero takes all.
        proba_case(
            &format!("neighbors_knn_distance_zero_{variant}"),
            &distance,
            &options,
            x.view(),
        );
    }
    // ai.onnx opset 21: ReduceMax takes its axes as an input.
    let opset5 = OnnxOptions::default()
        .input_type(OnnxFloat::Double)
        .zipmap(false)
        .ml_opset(MlOpset::V5);
    proba_case("neighbors_knn_distance_zero_f64_opset5", &distance, &opset5, x.view());
    let names: Vec<&'static str> = iris
        .target
        .iter()
        .map(|&c| ["setosa", "versicolor", "virginica"][c])
        .collect();
    let manhattan = KNeighborsClassifier::default()
        .n_neighbors(4)
        .metric(Metric::Manhattan)
        .fit(x.view(), ndarray::Array1::from(names).view())
        .unwrap();
    proba_case(
        "neighbors_knn_manhattan_strings_f32",
        &manhattan,
        &OnnxOptions::default().zipmap(false),
        query.view(),
    );
}

#[test]
fn kneighbors_regressor() {
    let diabetes = load_diabetes();
    let x = f32_rows(diabetes.data.view());
    let y = diabetes.target.view();
    let uniform = KNeighborsRegressor::default().fit(x.view(), y).unwrap();
    let distance = KNeighborsRegressor::default()
        .n_neighbors(8)
        .weights(Weights::Distance)
        .metric(Metric::Chebyshev)
        .fit(x.view(), y)
        .unwrap();
    let query = f32_rows(x.mapv(|v| v * 0.9).view());
    for (variant, options) in variants() {
        regression_case(
            &format!("neighbors_knn_regressor_uniform_{variant}"),
            &uniform,
            &options,
            x.view(),
        );
        regression_case(
            &format!("neighbors_knn_regressor_distance_{variant}"),
            &distance,
            &options,
            query.view(),
        );
    }
}

#[test]
fn grid_search_exports_its_best_model() {
    let iris = load_iris();
    let x = f32_rows(iris.data.view());
    let search = GridSearchCV::new(
        vec![1usize, 9, 15],
        |&k: &usize| KNeighborsClassifier::default().n_neighbors(k),
        StratifiedKFold::new(3),
    )
    .fit(x.view(), iris.target.view())
    .unwrap();
    for (variant, options) in variants() {
        let onnx = proba_case(&format!("neighbors_grid_search_{variant}"), &search, &options, x.view());
        assert!(onnx.operators().contains(&"TopK".to_string()));
    }
}

#[test]
fn unexportable_neighbours_say_why() {
    let iris = load_iris();
    let cosine = KNeighborsClassifier::default()
        .metric(Metric::Cosine)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    let err = cosine.to_onnx(&OnnxOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Unsupported { message, .. } if message.starts_with("FittedKNeighborsClassifier")),
        "{err}"
    );
    let search = NearestNeighbors::default().fit_unsupervised(iris.data.view()).unwrap();
    let err = search.to_onnx(&OnnxOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Unsupported { message, .. } if message.starts_with("FittedNearestNeighbors")),
        "{err}"
    );
}
