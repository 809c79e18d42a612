//! Nearest neighbours against scikit-learn 1.9.1 (tests/fixtures/neighbors.json,
//! from tools/reference/neighbors.py; the data are in the fixture).
//!
//! The data are continuous, so no two distances are equal and the
//! neighbour order is unambiguous: neighbour indices are equal and
//! distances agree to 1e-10 (absolute; they are of order 1) for every
//! algorithm and metric, on query rows, on the training set (self
//! excluded) and within a radius; `KDTree` / `BallTree` queries likewise.
//! Classifier probabilities and regressor predictions agree to 1e-12.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::metrics::Metric;
use learnkit::neighbors::{
    Algorithm, BallTree, GraphMode, KDTree, KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors, Weights,
};
use learnkit::prelude::*;
use ndarray::{Array2, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/neighbors.json")).unwrap()
}

pub(crate) fn metric(name: &str) -> Metric {
    match name {
        "euclidean" => Metric::Minkowski(2.0),
        "manhattan" => Metric::Manhattan,
        "chebyshev" => Metric::Chebyshev,
        "minkowski3" => Metric::Minkowski(3.0),
        "cosine" => Metric::Cosine,
        other => panic!("unknown metric {other}"),
    }
}

pub(crate) fn algorithm(name: &str) -> Algorithm {
    match name {
        "brute" => Algorithm::Brute,
        "kd_tree" => Algorithm::KdTree,
        "ball_tree" => Algorithm::BallTree,
        "auto" => Algorithm::Auto,
        other => panic!("unknown algorithm {other}"),
    }
}

fn indices(value: &Value) -> Array2<usize> {
    matrix(value).mapv(|v| v as usize)
}

fn close(what: &str, got: &Array2<f64>, want: &Array2<f64>, tol: f64) {
    assert_eq!(got.dim(), want.dim(), "{what}: shape");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= tol, "{what}: got {g}, want {w} (tolerance {tol})");
    }
}

/// Each row's `(indices, distances)` equal to the fixture's lists.
fn same_neighbourhoods(what: &str, got: &[(Vec<usize>, Vec<f64>)], ind: &Value, dist: &Value) {
    let (ind, dist) = (ind.as_array().unwrap(), dist.as_array().unwrap());
    assert_eq!(got.len(), ind.len(), "{what}: rows");
    for (row, (gi, gd)) in got.iter().enumerate() {
        let wi: Vec<usize> = vector(&ind[row]).iter().map(|&v| v as usize).collect();
        assert_eq!(gi, &wi, "{what}: row {row} indices");
        for (g, w) in gd.iter().zip(vector(&dist[row]).iter()) {
            assert!((g - w).abs() <= 1e-10, "{what}: row {row}: got {g}, want {w}");
        }
    }
}

#[test]
fn nearest_neighbors_match_scikit_learn() {
    let f = fixture();
    let (x, q) = (matrix(&f["x"]), matrix(&f["q"]));
    for case in f["searches"].as_array().unwrap() {
        let (m, a) = (case["metric"].as_str().unwrap(), case["algorithm"].as_str().unwrap());
        let what = format!("{m} / {a}");
        let nn = NearestNeighbors::default()
            .algorithm(algorithm(a))
            .metric(metric(m))
            .leaf_size(10)
            .fit_unsupervised(x.view())
            .unwrap();
        assert_eq!(
            nn.fit_method(),
            algorithm(case["fit_method"].as_str().unwrap()),
            "{what}: fit method"
        );
        let (d, i) = nn.kneighbors(Some(q.view()), None).unwrap();
        assert_eq!(i, indices(&case["indices"]), "{what}: indices");
        close(&what, &d, &matrix(&case["distances"]), 1e-10);
        let (d, i) = nn.kneighbors(None, None).unwrap();
        assert_eq!(i, indices(&case["train_indices"]), "{what}: training-set indices");
        close(&what, &d, &matrix(&case["train_distances"]), 1e-10);
        let r = case["radius"].as_f64().unwrap();
        let found = nn.radius_neighbors(Some(q.view()), Some(r)).unwrap();
        same_neighbourhoods(&what, &found, &case["radius_indices"], &case["radius_distances"]);
    }
}

#[test]
fn trees_match_scikit_learn() {
    let f = fixture();
    let (x, q) = (matrix(&f["x"]), matrix(&f["q"]));
    for case in f["trees"].as_array().unwrap() {
        let (m, t) = (case["metric"].as_str().unwrap(), case["tree"].as_str().unwrap());
        let what = format!("{t} / {m}");
        let r = case["radius"].as_f64().unwrap();
        let (d, i, found, counts) = if t == "kd_tree" {
            let tree = KDTree::new(x.view(), 3, metric(m)).unwrap();
            let (d, i) = tree.query(q.view(), 7).unwrap();
            (
                d,
                i,
                tree.query_radius(q.view(), r).unwrap(),
                tree.query_radius_count(q.view(), r).unwrap(),
            )
        } else {
            let tree = BallTree::new(x.view(), 3, metric(m)).unwrap();
            let (d, i) = tree.query(q.view(), 7).unwrap();
            (
                d,
                i,
                tree.query_radius(q.view(), r).unwrap(),
                tree.query_radius_count(q.view(), r).unwrap(),
            )
        };
        assert_eq!(i, indices(&case["indices"]), "{what}: indices");
        close(&what, &d, &matrix(&case["distances"]), 1e-10);
        same_neighbourhoods(&what, &found, &case["radius_indices"], &case["radius_distances"]);
        assert_eq!(counts.mapv(|c| c as f64), vector(&case["counts"]), "{what}: counts");
    }
}

#[test]
fn auto_is_brute_with_many_features() {
    let f = fixture();
    let w = &f["wide"];
    let nn = NearestNeighbors::default()
        .n_neighbors(4)
        .fit_unsupervised(matrix(&w["x"]).view())
        .unwrap();
    assert_eq!(w["fit_method"], "brute");
    assert_eq!(nn.fit_method(), Algorithm::Brute);
    let (d, i) = nn.kneighbors(Some(matrix(&w["q"]).view()), None).unwrap();
    assert_eq!(i, indices(&w["indices"]));
    close("wide", &d, &matrix(&w["distances"]), 1e-10);
}

pub(crate) fn weights(name: &str) -> Weights {
    match name {
        "uniform" => Weights::Uniform,
        "distance" => Weights::Distance,
        other => panic!("unknown weights {other}"),
    }
}

#[test]
fn classifier_and_regressor_match_scikit_learn() {
    let f = fixture();
    let c = &f["classification"];
    let (x, q) = (matrix(&c["x"]), matrix(&c["q"]));
    let y = vector(&c["y"]).mapv(|v| v as i64);
    for case in f["classifiers"].as_array().unwrap() {
        let (w, a) = (case["weights"].as_str().unwrap(), case["algorithm"].as_str().unwrap());
        let model = KNeighborsClassifier::default()
            .n_neighbors(7)
            .weights(weights(w))
            .algorithm(algorithm(a))
            .fit(x.view(), y.view())
            .unwrap();
        let what = format!("classifier {w} / {a}");
        close(
            &what,
            &model.predict_proba(q.view()).unwrap(),
            &matrix(&case["proba"]),
            1e-12,
        );
        assert_eq!(
            model.predict(q.view()).unwrap(),
            vector(&case["predict"]).mapv(|v| v as i64),
            "{what}"
        );
    }
    let yr = vector(&c["yr"]);
    for case in f["regressors"].as_array().unwrap() {
        let (w, a) = (case["weights"].as_str().unwrap(), case["algorithm"].as_str().unwrap());
        let model = KNeighborsRegressor::default()
            .n_neighbors(6)
            .weights(weights(w))
            .algorithm(algorithm(a))
            .fit(x.view(), yr.view())
            .unwrap();
        let got = model.predict(q.view()).unwrap().insert_axis(ndarray::Axis(0));
        let want = vector(&case["predict"]).insert_axis(ndarray::Axis(0));
        close(&format!("regressor {w} / {a}"), &got, &want, 1e-12);
    }
}

#[test]
fn graphs_agree_with_the_searches() {
    let f = fixture();
    let x = matrix(&f["x"]);
    let nn = NearestNeighbors::default()
        .n_neighbors(3)
        .fit_unsupervised(x.view())
        .unwrap();
    let (d, i) = nn.kneighbors(None, None).unwrap();
    let g = nn.kneighbors_graph(None, None, GraphMode::Distance).unwrap();
    let dense = g.to_dense().unwrap();
    assert_eq!(dense.dim(), (120, 120));
    for row in 0..120 {
        // A CsrMatrix keeps each row's columns sorted (scikit-learn keeps
        // them in neighbour order): the same matrix.
        let mut want: Vec<u32> = i.row(row).iter().map(|&j| j as u32).collect();
        want.sort_unstable();
        assert_eq!(g.row(row).indices, want.as_slice());
        for j in 0..3 {
            assert_eq!(dense[[row, i[[row, j]]]], d[[row, j]]);
        }
    }
    let g = nn
        .radius_neighbors_graph(None, Some(0.9), GraphMode::Connectivity)
        .unwrap();
    let found = nn.radius_neighbors(None, Some(0.9)).unwrap();
    assert_eq!(g.nrows(), 120);
    assert_eq!(g.nnz(), found.iter().map(|f| f.0.len()).sum::<usize>());
    assert!(g.data().iter().all(|&v| v == 1.0));
}

#[test]
fn bad_parameters_are_named_errors() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]];
    let param = |e: Error| match e {
        Error::InvalidParameter { parameter, .. } => parameter,
        other => panic!("expected an invalid parameter, got {other}"),
    };
    let fit = |nn: NearestNeighbors| nn.fit_unsupervised(x.view());
    assert_eq!(
        param(fit(NearestNeighbors::default().n_neighbors(0)).unwrap_err()),
        "n_neighbors"
    );
    assert_eq!(
        param(fit(NearestNeighbors::default().radius(0.0)).unwrap_err()),
        "radius"
    );
    assert_eq!(
        param(fit(NearestNeighbors::default().radius(f64::NAN)).unwrap_err()),
        "radius"
    );
    assert_eq!(
        param(fit(NearestNeighbors::default().leaf_size(0)).unwrap_err()),
        "leaf_size"
    );
    assert_eq!(
        param(fit(NearestNeighbors::default().metric(Metric::Minkowski(0.5))).unwrap_err()),
        "p"
    );
    for a in [Algorithm::KdTree, Algorithm::BallTree] {
        let err = fit(NearestNeighbors::default().algorithm(a).metric(Metric::Cosine)).unwrap_err();
        assert!(err.to_string().contains("brute"), "{err}");
        assert_eq!(param(err), "metric");
    }
    let nn = fit(NearestNeighbors::default()).unwrap();
    assert_eq!(
        param(nn.kneighbors(Some(x.view()), Some(4)).unwrap_err()),
        "n_neighbors"
    );
    assert_eq!(param(nn.kneighbors(None, Some(3)).unwrap_err()), "n_neighbors");
    assert!(matches!(
        nn.kneighbors(Some(array![[1.0]].view()), Some(1)),
        Err(Error::FeatureCountMismatch {
            expected: 2,
            got: 1,
            ..
        })
    ));
    assert_eq!(param(nn.radius_neighbors(None, Some(-1.0)).unwrap_err()), "radius");
    // More neighbours than training rows: scikit-learn fits and fails at
    // predict; here the fit fails, with scikit-learn's message.
    let err = KNeighborsClassifier::default()
        .fit(x.view(), array![0, 1, 1].view())
        .unwrap_err();
    assert!(
        err.to_string().contains("Expected n_neighbors <= n_samples_fit"),
        "{err}"
    );
    assert!(matches!(err, Error::InvalidInput { .. }));
    let err = KNeighborsRegressor::default()
        .fit(x.view(), array![0.0, 1.0, 1.0].view())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }));
    assert!(matches!(
        KNeighborsRegressor::default().fit(x.view(), array![0.0, f64::NAN, 1.0].view()),
        Err(Error::NonFinite { .. })
    ));
}

#[test]
fn same_results_on_one_thread_or_many_and_f32() {
    let f = fixture();
    let (x, q) = (matrix(&f["x"]), matrix(&f["q"]));
    for a in [Algorithm::Brute, Algorithm::KdTree, Algorithm::BallTree] {
        let fit = |n_jobs| {
            NearestNeighbors::default()
                .algorithm(a)
                .n_jobs(n_jobs)
                .fit_unsupervised(x.view())
                .unwrap()
        };
        let (one, many) = (fit(Some(1)), fit(Some(3)));
        assert_eq!(
            one.kneighbors(Some(q.view()), None).unwrap(),
            many.kneighbors(Some(q.view()), None).unwrap()
        );
        let nn32 = NearestNeighbors::default()
            .algorithm(a)
            .fit_unsupervised(x.mapv(|v| v as f32).view())
            .unwrap();
        let (_, i32_) = nn32.kneighbors(Some(q.mapv(|v| v as f32).view()), Some(1)).unwrap();
        let (_, i64_) = one.kneighbors(Some(q.view()), Some(1)).unwrap();
        assert_eq!(i32_, i64_);
    }
}
