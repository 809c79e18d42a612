//! Conformance cases of KMeans, MiniBatchKMeans and GaussianMixture:
//! outputs `label` and `scores` (distances) or `probabilities`.

use learnkit::cluster::{KMeans, MiniBatchKMeans};
use learnkit::datasets::load_iris;
use learnkit::mixture::{CovarianceType, GaussianMixture};
use learnkit::onnx::{MlOpset, OnnxOptions};
use learnkit::prelude::*;

use super::harness::{cluster_case, f32_rows, variants};

#[test]
fn kmeans_and_minibatch_kmeans() {
    let x = f32_rows(load_iris().data.view());
    let kmeans = KMeans::default()
        .n_clusters(3)
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    let minibatch = MiniBatchKMeans::default()
        .n_clusters(4)
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    for (variant, options) in variants() {
        let onnx = cluster_case(
            &format!("cluster_kmeans_{variant}"),
            &kmeans,
            &options,
            x.view(),
            kmeans.predict(x.view()).unwrap(),
            kmeans.transform(x.view()).unwrap(),
            "scores",
        );
        assert_eq!(onnx.output_names(), ["label", "scores"]);
        cluster_case(
            &format!("cluster_minibatch_kmeans_{variant}"),
            &minibatch,
            &options,
            x.view(),
            minibatch.predict(x.view()).unwrap(),
            minibatch.transform(x.view()).unwrap(),
            "scores",
        );
    }
    // ai.onnx opset 21: ReduceSumSquare takes its axes as an input.
    cluster_case(
        "cluster_kmeans_f32_opset5",
        &kmeans,
        &OnnxOptions::default().ml_opset(MlOpset::V5),
        x.view(),
        kmeans.predict(x.view()).unwrap(),
        kmeans.transform(x.view()).unwrap(),
        "scores",
    );
}

#[test]
fn gaussian_mixture_every_covariance_type() {
    let x = f32_rows(load_iris().data.view());
    for (kind, covariance_type) in [
        ("full", CovarianceType::Full),
        ("tied", CovarianceType::Tied),
        ("diag", CovarianceType::Diag),
        ("spherical", CovarianceType::Spherical),
    ] {
        let model = GaussianMixture::default()
            .n_components(3)
            .covariance_type(covariance_type)
            .random_state(0)
            .fit_unsupervised(x.view())
            .unwrap();
        for (variant, options) in variants() {
            let onnx = cluster_case(
                &format!("cluster_gaussian_mixture_{kind}_{variant}"),
                &model,
                &options,
                x.view(),
                model.predict(x.view()).unwrap(),
                model.predict_proba(x.view()).unwrap(),
                "probabilities",
            );
            assert_eq!(onnx.output_names(), ["label", "probabilities"]);
        }
    }
}
