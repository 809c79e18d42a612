//! SVC / SVR and brute-force k-NN on sparse input (issue 17): a sparse fit
//! gives the dense fit's model, sparse queries the dense queries' results,
//! and both match scikit-learn 1.9.1 fitted on the scipy CSR matrix
//! (tests/fixtures/sparse_kernel.json, made by tools/reference/sparse_kernel.py).
//!
//! Sparse against dense: the sparse kernel rows and squared norms are the
//! dense ones bit for bit (sums in the same order over the same non-zero
//! products), so the solver takes the same steps; the test allows 1e-10.
//! Against scikit-learn: libsvm on the same data to the same tolerance with
//! `f32` kernel caches, so the models agree to rounding (1e-8; `gamma =
//! "scale"` is computed as `E[x²] − E[x]²` by scikit-learn on sparse input,
//! in two passes here, a difference of a few ulps).

use crate::common;

use common::fixtures::{matrix, svm_kernel, vector};
use learnkit::Error;
use learnkit::metrics::Metric;
use learnkit::neighbors::{Algorithm, KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors};
use learnkit::prelude::*;
use learnkit::sparse::{CsrMatrix, MatrixView};
use learnkit::svm::{Gamma, Kernel, SVR};
use ndarray::{Array1, Array2, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/sparse_kernel.json")).unwrap()
}

struct Data {
    x: Array2<f64>,
    y: Array1<usize>,
    y_reg: Array1<f64>,
    x_test: Array2<f64>,
    xs: CsrMatrix<f64>,
    xs_test: CsrMatrix<f64>,
}

fn data(f: &Value) -> Data {
    let x = matrix(&f["X"]);
    let x_test = matrix(&f["X_test"]);
    Data {
        xs: CsrMatrix::from_dense(x.view()),
        xs_test: CsrMatrix::from_dense(x_test.view()),
        y: vector(&f["y"]).mapv(|v| v as usize),
        y_reg: vector(&f["y_reg"]),
        x,
        x_test,
    }
}

/// The fixture's kernel parameters as a `Kernel` (the linear kernel's have
/// no `gamma`, which `svm_kernel` reads first).
fn kernel_of(params: &Value) -> Kernel {
    let mut case = params.clone();
    if case.get("gamma").is_none() {
        case["gamma"] = "scale".into();
    }
    svm_kernel(&case)
}

fn max_diff(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    assert_eq!(a.dim(), b.dim());
    a.iter().zip(b).map(|(p, q)| (p - q).abs()).fold(0.0, f64::max)
}

const KERNELS: [Kernel; 4] = [
    Kernel::Linear,
    Kernel::Poly {
        degree: 3,
        gamma: Gamma::Scale,
        coef0: 1.0,
    },
    Kernel::Rbf { gamma: Gamma::Scale },
    Kernel::Sigmoid {
        gamma: Gamma::Value(0.05),
        coef0: 0.0,
    },
];

#[test]
fn svc_sparse_fit_is_the_dense_fit_for_every_kernel() {
    let d = data(&fixture());
    assert!(d.xs.density() < 0.2);
    for kernel in KERNELS {
        let svc = SVC::default().c(2.0).kernel(kernel);
        let dense = svc.fit(d.x.view(), d.y.view()).unwrap();
        let sparse = svc.fit_matrix((&d.xs).into(), d.y.view()).unwrap();
        assert_eq!(sparse.support(), dense.support(), "{kernel:?}");
        assert_eq!(sparse.n_support(), dense.n_support(), "{kernel:?}");
        let coef = max_diff(&sparse.dual_coef().to_owned(), &dense.dual_coef().to_owned());
        let intercept = max_diff(
            &sparse.intercept().to_owned().insert_axis(ndarray::Axis(0)),
            &dense.intercept().to_owned().insert_axis(ndarray::Axis(0)),
        );
        assert!(
            coef <= 1e-10 && intercept <= 1e-10,
            "{kernel:?}: {coef:e} {intercept:e}"
        );
        assert_eq!(sparse.support_vectors(), dense.support_vectors());
        // Sparse and dense queries, on either model.
        let want = dense.decision_function(d.x_test.view()).unwrap();
        for model in [&dense, &sparse] {
            let got = model.decision_function_matrix((&d.xs_test).into()).unwrap();
            assert!(max_diff(&got, &want) <= 1e-10, "{kernel:?}");
            assert_eq!(
                model.predict_matrix((&d.xs_test).into()).unwrap(),
                dense.predict(d.x_test.view()).unwrap()
            );
        }
    }
}

#[test]
fn svc_sparse_fit_matches_scikit_learn_on_sparse_input() {
    let f = fixture();
    let d = data(&f);
    for (name, case) in f["svc"].as_object().unwrap() {
        let model = SVC::default()
            .c(2.0)
            .kernel(kernel_of(&case["params"]))
            .fit_matrix((&d.xs).into(), d.y.view())
            .unwrap();
        let support: Vec<usize> = case["support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(model.support(), &support[..], "{name}");
        let coef = max_diff(&model.dual_coef().to_owned(), &matrix(&case["dual_coef"]));
        let intercept = (&model.intercept() - &vector(&case["intercept"]))
            .iter()
            .fold(0.0f64, |m, v| m.max(v.abs()));
        let decision = max_diff(
            &model.decision_function_matrix((&d.xs_test).into()).unwrap(),
            &matrix(&case["decision_function"]),
        );
        assert!(
            coef <= 1e-8 && intercept <= 1e-8 && decision <= 1e-8,
            "{name}: coef {coef:e}, intercept {intercept:e}, decision {decision:e}"
        );
        let predicted = model.predict_matrix((&d.xs_test).into()).unwrap();
        assert_eq!(predicted, vector(&case["predict"]).mapv(|v| v as usize), "{name}");
    }
}

#[test]
fn svc_probability_on_sparse_input_is_the_dense_one() {
    let d = data(&fixture());
    let svc = SVC::default().probability(true).random_state(3);
    let dense = svc.fit(d.x.view(), d.y.view()).unwrap();
    let sparse = svc.fit_matrix((&d.xs).into(), d.y.view()).unwrap();
    assert!(
        max_diff(
            &sparse.prob_a().to_owned().insert_axis(ndarray::Axis(0)),
            &dense.prob_a().to_owned().insert_axis(ndarray::Axis(0))
        ) <= 1e-10
    );
    let want = dense.predict_proba(d.x_test.view()).unwrap();
    let got = sparse.predict_proba_matrix((&d.xs_test).into()).unwrap();
    assert!(max_diff(&got, &want) <= 1e-10);
}

#[test]
fn svr_sparse_fit_is_the_dense_fit_and_matches_scikit_learn() {
    let f = fixture();
    let d = data(&f);
    for (name, case) in f["svr"].as_object().unwrap() {
        let svr = SVR::default().c(2.0).epsilon(0.1).kernel(kernel_of(&case["params"]));
        let dense = svr.fit(d.x.view(), d.y_reg.view()).unwrap();
        let sparse = svr.fit_matrix((&d.xs).into(), d.y_reg.view()).unwrap();
        assert_eq!(sparse.support(), dense.support(), "{name}");
        assert!(max_diff(&sparse.dual_coef().to_owned(), &dense.dual_coef().to_owned()) <= 1e-10);
        assert!((sparse.intercept()[0] - dense.intercept()[0]).abs() <= 1e-10);
        let predicted = sparse.predict_matrix((&d.xs_test).into()).unwrap();
        let dense_predicted = dense.predict(d.x_test.view()).unwrap();
        assert!(
            (&predicted - &dense_predicted).iter().all(|v| v.abs() <= 1e-10),
            "{name}"
        );

        let support: Vec<usize> = case["support"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(sparse.support(), &support[..], "{name}");
        assert!(
            max_diff(&sparse.dual_coef().to_owned(), &matrix(&case["dual_coef"])) <= 1e-8,
            "{name}"
        );
        assert!(
            (sparse.intercept()[0] - vector(&case["intercept"])[0]).abs() <= 1e-8,
            "{name}"
        );
        let want = vector(&case["predict"]);
        assert!((&predicted - &want).iter().all(|v| v.abs() <= 1e-8), "{name}");
    }
}

#[test]
fn svm_sparse_input_errors_are_named() {
    let d = data(&fixture());
    let model = SVC::default().fit_matrix((&d.xs).into(), d.y.view()).unwrap();
    let narrow = CsrMatrix::from_dense(d.x_test.slice(ndarray::s![.., ..5]));
    assert!(matches!(
        model.predict_matrix((&narrow).into()),
        Err(Error::FeatureCountMismatch {
            expected: 25,
            got: 5,
            ..
        })
    ));
    let mut bad = d.xs.clone();
    bad.data_mut()[7] = f64::NAN;
    assert!(matches!(
        SVC::default().fit_matrix((&bad).into(), d.y.view()),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        SVR::default().fit_matrix((&bad).into(), d.y_reg.view()),
        Err(Error::NonFinite { .. })
    ));
    let svr = SVR::default().fit_matrix((&d.xs).into(), d.y_reg.view()).unwrap();
    assert!(matches!(
        svr.predict_matrix((&bad).into()),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        svr.predict_matrix((&narrow).into()),
        Err(Error::FeatureCountMismatch { .. })
    ));
}

const METRICS: [Metric; 3] = [Metric::Euclidean, Metric::Manhattan, Metric::Cosine];

#[test]
fn nearest_neighbors_on_sparse_rows_are_the_dense_ones() {
    let d = data(&fixture());
    for metric in METRICS {
        for algorithm in [Algorithm::Brute, Algorithm::Auto, Algorithm::KdTree] {
            let nn = NearestNeighbors::default().n_neighbors(4).metric(metric);
            let dense = nn
                .clone()
                .algorithm(Algorithm::Brute)
                .fit_unsupervised(d.x.view())
                .unwrap();
            let nn = nn.algorithm(algorithm);
            if algorithm == Algorithm::KdTree && metric == Metric::Cosine {
                continue; // not a true metric: no tree, dense or sparse
            }
            let sparse =
                Estimator::<f64, ()>::fit_matrix(&nn, (&d.xs).into(), Array1::from_elem(d.x.nrows(), ()).view())
                    .unwrap();
            assert_eq!(sparse.fit_method(), Algorithm::Brute, "{metric:?} {algorithm:?}");
            let (want_d, want_i) = dense.kneighbors(Some(d.x_test.view()), None).unwrap();
            for query in [MatrixView::from(&d.xs_test), MatrixView::from(&d.x_test)] {
                let (got_d, got_i) = sparse.kneighbors_matrix(Some(query), None).unwrap();
                assert!(max_diff(&got_d, &want_d) <= 1e-10, "{metric:?}");
                assert_eq!(got_i, want_i, "{metric:?}");
            }
            // The training set as the query, and the radius search.
            assert_eq!(
                sparse.kneighbors(None, Some(3)).unwrap().1,
                dense.kneighbors(None, Some(3)).unwrap().1
            );
            let radius = want_d[[0, 2]];
            let got = sparse.radius_neighbors(Some(d.x_test.view()), Some(radius)).unwrap();
            let want = dense.radius_neighbors(Some(d.x_test.view()), Some(radius)).unwrap();
            for ((gi, gd), (wi, wd)) in got.iter().zip(&want) {
                assert_eq!(gi, wi, "{metric:?}");
                assert!(gd.iter().zip(wd).all(|(a, b)| (a - b).abs() <= 1e-10));
            }
        }
    }
}

#[test]
fn nearest_neighbors_on_sparse_rows_match_scikit_learn() {
    let f = fixture();
    let d = data(&f);
    for (name, case) in f["knn"].as_object().unwrap() {
        let metric = match name.as_str() {
            "euclidean" => Metric::Euclidean,
            "manhattan" => Metric::Manhattan,
            _ => Metric::Cosine,
        };
        let nn = NearestNeighbors::default()
            .n_neighbors(4)
            .algorithm(Algorithm::Brute)
            .metric(metric);
        let fitted =
            Estimator::<f64, ()>::fit_matrix(&nn, (&d.xs).into(), Array1::from_elem(d.x.nrows(), ()).view()).unwrap();
        let (got_d, got_i) = fitted.kneighbors_matrix(Some((&d.xs_test).into()), None).unwrap();
        let (want_d, want_i) = (matrix(&case["distances"]), matrix(&case["indices"]));
        assert!(max_diff(&got_d, &want_d) <= 1e-10, "{name}");
        // scikit-learn orders equal distances by its sort, learnkit by index:
        // compare the indices of rows without ties only.
        for r in 0..got_d.nrows() {
            let row = want_d.row(r);
            if row.iter().zip(row.iter().skip(1)).all(|(a, b)| (a - b).abs() > 1e-12) {
                let want: Vec<usize> = want_i.row(r).iter().map(|&v| v as usize).collect();
                assert_eq!(got_i.row(r).to_vec(), want, "{name} row {r}");
            }
        }
    }
}

#[test]
fn knn_classifier_and_regressor_on_sparse_rows_are_the_dense_ones() {
    let d = data(&fixture());
    for metric in METRICS {
        let classifier = KNeighborsClassifier::default().n_neighbors(3).metric(metric);
        let dense = classifier.fit(d.x.view(), d.y.view()).unwrap();
        let sparse = classifier.fit_matrix((&d.xs).into(), d.y.view()).unwrap();
        assert_eq!(
            sparse.predict_matrix((&d.xs_test).into()).unwrap(),
            dense.predict(d.x_test.view()).unwrap()
        );
        let proba = sparse.predict_proba_matrix((&d.xs_test).into()).unwrap();
        assert!(max_diff(&proba, &dense.predict_proba(d.x_test.view()).unwrap()) <= 1e-12);

        let regressor = KNeighborsRegressor::default().n_neighbors(3).metric(metric);
        let dense = regressor.fit(d.x.view(), d.y_reg.view()).unwrap();
        let sparse = regressor.fit_matrix((&d.xs).into(), d.y_reg.view()).unwrap();
        let got = sparse.predict_matrix((&d.xs_test).into()).unwrap();
        let want = dense.predict(d.x_test.view()).unwrap();
        assert!((&got - &want).iter().all(|v| v.abs() <= 1e-12), "{metric:?}");
    }
}

#[test]
fn knn_sparse_input_errors_are_named() {
    let d = data(&fixture());
    let model = KNeighborsClassifier::default()
        .fit_matrix((&d.xs).into(), d.y.view())
        .unwrap();
    let narrow = CsrMatrix::from_dense(d.x_test.slice(ndarray::s![.., ..5]));
    assert!(matches!(
        model.predict_matrix((&narrow).into()),
        Err(Error::FeatureCountMismatch {
            expected: 25,
            got: 5,
            ..
        })
    ));
    let mut bad = d.xs.clone();
    bad.data_mut()[2] = f64::INFINITY;
    assert!(matches!(
        KNeighborsRegressor::default().fit_matrix((&bad).into(), d.y_reg.view()),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        model.predict_proba_matrix((&bad).into()),
        Err(Error::NonFinite { .. })
    ));
    // Metrics without a sparse form are refused, as scikit-learn.
    let chebyshev = KNeighborsClassifier::default().metric(Metric::Chebyshev);
    common::fixtures::assert_invalid_parameter(
        chebyshev.fit_matrix((&d.xs).into(), d.y.view()),
        "KNeighborsClassifier",
        "metric",
    );
    // A tree-fitted model densifies a sparse query.
    let tree = KNeighborsClassifier::default()
        .n_neighbors(1)
        .algorithm(Algorithm::KdTree)
        .fit(
            array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 0.0], [0.0, 3.0]].view(),
            array![0, 0, 1, 1, 1].view(),
        )
        .unwrap();
    let query = CsrMatrix::from_dense(array![[0.0, 0.9]].view());
    assert_eq!(tree.predict_matrix((&query).into()).unwrap(), array![0]);
}

#[test]
fn models_fitted_on_sparse_rows_save_and_load() {
    use learnkit::persistence::{from_bytes, to_bytes};
    let d = data(&fixture());
    let svc = SVC::default().fit_matrix((&d.xs).into(), d.y.view()).unwrap();
    let loaded: learnkit::svm::FittedSVC<f64, usize> = from_bytes(&to_bytes(&svc).unwrap()).unwrap();
    assert_eq!(
        loaded.decision_function_matrix((&d.xs_test).into()).unwrap(),
        svc.decision_function_matrix((&d.xs_test).into()).unwrap()
    );
    let knn = KNeighborsRegressor::default()
        .fit_matrix((&d.xs).into(), d.y_reg.view())
        .unwrap();
    let loaded: learnkit::neighbors::FittedKNeighborsRegressor<f64> = from_bytes(&to_bytes(&knn).unwrap()).unwrap();
    assert_eq!(
        loaded.predict_matrix((&d.xs_test).into()).unwrap(),
        knn.predict_matrix((&d.xs_test).into()).unwrap()
    );
}
