//! AgglomerativeClustering, DBSCAN and HDBSCAN against scikit-learn 1.9.1
//! (tests/fixtures/clustering_hierarchy.json, from
//! tools/reference/clustering_hierarchy.py; the data are in the fixture).
//!
//! Agglomerative children and labels are equal and merge distances agree
//! to 1e-10 relative; DBSCAN labels and core sample indices are equal;
//! HDBSCAN labels are equal and probabilities and centres agree to 1e-10.
//!
//! HDBSCAN's mutual reachabilities tie often (each edge leaving a point at
//! its core distance) and scikit-learn sorts the spanning tree with numpy's
//! unstable argsort, so when the order of tied edges changes the tree its
//! result depends on numpy's sort routine. learnkit sorts stably; the
//! fixture holds scikit-learn's result and that of the same code with a
//! stable sort, and cases where the two differ compare with the latter.
//! Also: the parameter errors, f32 fits, save/load.

use crate::common;

use common::fixtures::{assert_invalid_parameter, matrix, vector};
use learnkit::cluster::{AgglomerativeClustering, DBSCAN, HDBSCAN, Linkage, SelectionMethod, StoreCenters};
use learnkit::metrics::Metric;
use learnkit::neighbors::Algorithm as NeighborsAlgorithm;
use learnkit::prelude::*;
use learnkit::traits::{Clusterer, FitPredict};
use ndarray::{Array1, Array2};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/clustering_hierarchy.json")).unwrap()
}

fn metric(params: &Value) -> Metric {
    match params["metric"].as_str().unwrap_or("euclidean") {
        "euclidean" => Metric::Euclidean,
        "manhattan" => Metric::Manhattan,
        "chebyshev" => Metric::Chebyshev,
        "cosine" => Metric::Cosine,
        other => panic!("metric {other}"),
    }
}

fn ints(value: &Value) -> Vec<i64> {
    value.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect()
}

/// Every value within `tol` relative to the largest expected magnitude.
fn close(name: &str, what: &str, got: &Array1<f64>, want: &Array1<f64>, tol: f64) {
    assert_eq!(got.len(), want.len(), "{name}: {what} length");
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    let worst = got.iter().zip(want).fold(0.0f64, |m, (g, w)| m.max((g - w).abs()));
    assert!(
        worst <= tol * scale,
        "{name}: {what} differ by {worst} (tolerance {tol} × {scale})"
    );
}

fn data() -> Array2<f64> {
    matrix(&fixture()["x"])
}

#[test]
fn agglomerative_matches_scikit_learn() {
    let fixture = fixture();
    let x = data();
    for case in fixture["agglomerative"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let params = &case["params"];
        let linkage = match params["linkage"].as_str().unwrap() {
            "ward" => Linkage::Ward,
            "complete" => Linkage::Complete,
            "average" => Linkage::Average,
            _ => Linkage::Single,
        };
        let model = AgglomerativeClustering::default()
            .linkage(linkage)
            .metric(metric(params))
            .n_clusters(params["n_clusters"].as_u64().map(|k| k as usize))
            .distance_threshold(params["distance_threshold"].as_f64())
            .compute_distances(true);
        let fitted = model.fit_unsupervised(x.view()).unwrap();
        let children: Vec<i64> = fitted.children().iter().map(|&c| c as i64).collect();
        let want_children: Vec<i64> = case["children"].as_array().unwrap().iter().flat_map(ints).collect();
        assert_eq!(children, want_children, "{name}: children");
        close(
            name,
            "distances",
            fitted.distances().unwrap(),
            &vector(&case["distances"]),
            1e-10,
        );
        assert_eq!(fitted.labels().to_vec(), ints(&case["labels"]), "{name}: labels");
        assert_eq!(
            fitted.n_clusters() as u64,
            case["n_clusters"].as_u64().unwrap(),
            "{name}: n_clusters"
        );
        assert_eq!((fitted.n_leaves(), fitted.n_connected_components()), (x.nrows(), 1));
    }
}

#[test]
fn dbscan_matches_scikit_learn() {
    let fixture = fixture();
    let x = data();
    let weights = vector(&fixture["sample_weight"]);
    for case in fixture["dbscan"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let params = &case["params"];
        let model = DBSCAN::default()
            .eps(params["eps"].as_f64().unwrap_or(0.5))
            .min_samples(params["min_samples"].as_u64().unwrap_or(5) as usize)
            .metric(metric(params));
        for algorithm in [
            NeighborsAlgorithm::Auto,
            NeighborsAlgorithm::Brute,
            NeighborsAlgorithm::BallTree,
        ] {
            if algorithm == NeighborsAlgorithm::BallTree && metric(params) == Metric::Cosine {
                continue;
            }
            let fitted = if case["weighted"].as_bool().unwrap() {
                let none = vec![(); x.nrows()];
                model
                    .clone()
                    .algorithm(algorithm)
                    .fit_weighted(x.view(), ndarray::ArrayView1::from(&none), weights.view())
                    .unwrap()
            } else {
                model.clone().algorithm(algorithm).fit_unsupervised(x.view()).unwrap()
            };
            assert_eq!(fitted.labels().to_vec(), ints(&case["labels"]), "{name}: labels");
            let core: Vec<i64> = fitted.core_sample_indices().iter().map(|&i| i as i64).collect();
            assert_eq!(core, ints(&case["core_sample_indices"]), "{name}: core samples");
            assert_eq!(fitted.components().nrows(), core.len());
        }
    }
}

#[test]
fn hdbscan_matches_scikit_learn() {
    let fixture = fixture();
    let x = data();
    for case in fixture["hdbscan"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let params = &case["params"];
        let model = HDBSCAN::default()
            .min_cluster_size(params["min_cluster_size"].as_u64().unwrap_or(5) as usize)
            .min_samples(params["min_samples"].as_u64().map(|m| m as usize))
            .max_cluster_size(params["max_cluster_size"].as_u64().map(|m| m as usize))
            .cluster_selection_epsilon(params["cluster_selection_epsilon"].as_f64().unwrap_or(0.0))
            .alpha(params["alpha"].as_f64().unwrap_or(1.0))
            .allow_single_cluster(params["allow_single_cluster"].as_bool().unwrap_or(false))
            .metric(metric(params))
            .algorithm(match params["algorithm"].as_str() {
                Some("brute") => NeighborsAlgorithm::Brute,
                _ => NeighborsAlgorithm::Auto,
            })
            .cluster_selection_method(match params["cluster_selection_method"].as_str() {
                Some("leaf") => SelectionMethod::Leaf,
                _ => SelectionMethod::Eom,
            })
            .store_centers(params["store_centers"].as_str().map(|_| StoreCenters::Both));
        let fitted = model.fit_unsupervised(x.view()).unwrap();
        // See the module documentation: with ties whose order matters,
        // scikit-learn's result depends on numpy's unstable sort.
        let (labels, probabilities) = if case["order_independent"].as_bool().unwrap() {
            ("labels", "probabilities")
        } else {
            ("stable_labels", "stable_probabilities")
        };
        assert_eq!(fitted.labels().to_vec(), ints(&case[labels]), "{name}: {labels}");
        close(
            name,
            probabilities,
            fitted.probabilities(),
            &vector(&case[probabilities]),
            1e-10,
        );
        if case.get("centroids").is_some() {
            let flat = |m: &Array2<f64>| Array1::from_iter(m.iter().copied());
            close(
                name,
                "centroids",
                &flat(fitted.centroids().unwrap()),
                &flat(&matrix(&case["centroids"])),
                1e-10,
            );
            assert_eq!(fitted.medoids().unwrap(), matrix(&case["medoids"]), "{name}: medoids");
        }
    }
}

/// f32 data give the same labels on these well-separated blobs.
#[test]
fn f32_gives_the_same_labels() {
    let x = data();
    let x32 = x.mapv(|v| v as f32);
    let ward = AgglomerativeClustering::default().n_clusters(Some(3));
    assert_eq!(
        ward.fit_predict(x.view()).unwrap(),
        ward.fit_predict(x32.view()).unwrap()
    );
    let dbscan = DBSCAN::default();
    assert_eq!(
        dbscan.fit_predict(x.view()).unwrap(),
        dbscan.fit_predict(x32.view()).unwrap()
    );
    let hdbscan = HDBSCAN::default();
    assert_eq!(
        hdbscan.fit_predict(x.view()).unwrap(),
        hdbscan.fit_predict(x32.view()).unwrap()
    );
}

#[test]
fn bad_parameters_are_named_errors() {
    let x = data();
    let x = x.view();
    assert_invalid_parameter(DBSCAN::default().eps(0.0).fit_unsupervised(x), "DBSCAN", "eps");
    assert_invalid_parameter(DBSCAN::default().eps(-1.0).fit_unsupervised(x), "DBSCAN", "eps");
    assert_invalid_parameter(
        DBSCAN::default().min_samples(0).fit_unsupervised(x),
        "DBSCAN",
        "min_samples",
    );
    assert_invalid_parameter(
        DBSCAN::default()
            .metric(Metric::Cosine)
            .algorithm(NeighborsAlgorithm::KdTree)
            .fit_unsupervised(x),
        "DBSCAN",
        "metric",
    );
    let agglomerative = AgglomerativeClustering::default();
    assert_invalid_parameter(
        agglomerative.clone().n_clusters(Some(1000)).fit_unsupervised(x),
        "AgglomerativeClustering",
        "n_clusters",
    );
    assert_invalid_parameter(
        agglomerative.clone().n_clusters(Some(0)).fit_unsupervised(x),
        "AgglomerativeClustering",
        "n_clusters",
    );
    assert_invalid_parameter(
        agglomerative.clone().metric(Metric::Manhattan).fit_unsupervised(x),
        "AgglomerativeClustering",
        "metric",
    );
    assert_invalid_parameter(
        agglomerative.clone().distance_threshold(1.0).fit_unsupervised(x),
        "AgglomerativeClustering",
        "n_clusters",
    );
    assert_invalid_parameter(
        agglomerative.clone().n_clusters(None).fit_unsupervised(x),
        "AgglomerativeClustering",
        "n_clusters",
    );
    assert_invalid_parameter(
        HDBSCAN::default().min_cluster_size(1).fit_unsupervised(x),
        "HDBSCAN",
        "min_cluster_size",
    );
    assert_invalid_parameter(
        HDBSCAN::default().min_samples(Some(1000)).fit_unsupervised(x),
        "HDBSCAN",
        "min_samples",
    );
    assert_invalid_parameter(HDBSCAN::default().alpha(0.0).fit_unsupervised(x), "HDBSCAN", "alpha");
    assert_invalid_parameter(
        HDBSCAN::default()
            .metric(Metric::Cosine)
            .algorithm(NeighborsAlgorithm::BallTree)
            .fit_unsupervised(x),
        "HDBSCAN",
        "metric",
    );
    // 3,000,000 samples: a 36 TB condensed matrix, refused before any work.
    let many = Array2::<f64>::zeros((3_000_000, 1));
    assert!(matches!(
        AgglomerativeClustering::default().fit_unsupervised(many.view()),
        Err(learnkit::Error::TooLarge { .. })
    ));
    let empty = Array2::<f64>::zeros((0, 2));
    assert!(DBSCAN::default().fit_unsupervised(empty.view()).is_err());
    assert!(HDBSCAN::default().fit_unsupervised(empty.view()).is_err());
    assert!(
        AgglomerativeClustering::default()
            .fit_unsupervised(empty.view())
            .is_err()
    );
    let one = ndarray::array![[1.0, 2.0]];
    assert!(matches!(
        AgglomerativeClustering::default()
            .n_clusters(Some(1))
            .fit_unsupervised(one.view()),
        Err(learnkit::Error::InvalidInput { .. })
    ));
    assert!(matches!(
        HDBSCAN::default()
            .min_cluster_size(2)
            .min_samples(Some(1))
            .fit_unsupervised(one.view()),
        Err(learnkit::Error::InvalidInput { .. })
    ));
    let nan = ndarray::array![[1.0, f64::NAN], [0.0, 0.0]];
    assert!(DBSCAN::default().fit_unsupervised(nan.view()).is_err());
    assert!(
        HDBSCAN::default()
            .min_cluster_size(2)
            .fit_unsupervised(nan.view())
            .is_err()
    );
    assert!(AgglomerativeClustering::default().fit_unsupervised(nan.view()).is_err());
    let w = ndarray::array![1.0, -1.0];
    let none = [(), ()];
    assert!(
        DBSCAN::default()
            .fit_weighted(
                ndarray::array![[0.0], [1.0]].view(),
                ndarray::ArrayView1::from(&none),
                w.view()
            )
            .is_err()
    );
}

fn same_on_threads<M: serde::Serialize>(fit: impl Fn() -> M + Sync) {
    let one = common::on_threads(1, || serde_json::to_string(&fit()).unwrap());
    let two = common::on_threads(2, || serde_json::to_string(&fit()).unwrap());
    assert_eq!(one, two, "the model differs between 1 and 2 threads");
}

/// Same data → the same saved model on 1 or 2 threads, and a saved model
/// loads back equal.
#[test]
fn deterministic_and_round_trips() {
    let x = data();
    same_on_threads(|| DBSCAN::default().fit_unsupervised(x.view()).unwrap());
    same_on_threads(|| HDBSCAN::default().fit_unsupervised(x.view()).unwrap());
    same_on_threads(|| AgglomerativeClustering::default().fit_unsupervised(x.view()).unwrap());
    let fitted = HDBSCAN::default()
        .store_centers(Some(StoreCenters::Both))
        .fit_unsupervised(x.view())
        .unwrap();
    let back: learnkit::cluster::FittedHDBSCAN<f64> =
        serde_json::from_str(&serde_json::to_string(&fitted).unwrap()).unwrap();
    assert_eq!(back, fitted);
    let fitted = AgglomerativeClustering::default()
        .compute_distances(true)
        .fit_unsupervised(x.view())
        .unwrap();
    let back: learnkit::cluster::FittedAgglomerativeClustering<f64> =
        serde_json::from_str(&serde_json::to_string(&fitted).unwrap()).unwrap();
    assert_eq!(back, fitted);
    let fitted = DBSCAN::default().fit_unsupervised(x.view()).unwrap();
    let back: learnkit::cluster::FittedDBSCAN<f64> =
        serde_json::from_str(&serde_json::to_string(&fitted).unwrap()).unwrap();
    assert_eq!(back, fitted);
}

#[test]
fn fitted_clusterings_are_send_and_sync() {
    common::assert_send_sync::<learnkit::cluster::FittedAgglomerativeClustering<f64>>();
    common::assert_send_sync::<learnkit::cluster::FittedDBSCAN<f32>>();
    common::assert_send_sync::<learnkit::cluster::FittedHDBSCAN<f64>>();
}
