//! Linear models on sparse input (issue 17): a fit on a `CsrMatrix` gives
//! the dense fit's model, and prediction on sparse rows the dense
//! prediction, to rounding (the sums run over the stored values only, in
//! another order than the dense kernels'). Tolerances: coefficients and
//! intercepts within 1e-8 of the largest coefficient, the same iteration
//! count, probabilities and decision values within 1e-10. Wrong-width and
//! non-finite sparse input give the dense errors.
//!
//! Against scikit-learn 1.9.1 fitted on a `scipy.sparse.csr_matrix`
//! (tests/fixtures/sparse_linear.json, made by
//! tools/reference/sparse_linear.py): LogisticRegression (lbfgs), LinearSVC
//! (primal), Ridge and RidgeClassifier (sparse_cg), each run at a tight
//! tolerance on both sides (1e-10; conjugate gradients 1e-12) so both stop
//! next to the unique optimum: coefficients and intercepts within 1e-6 of
//! the largest coefficient, probabilities within 1e-6.

use learnkit::linear_model::{LogisticSolver, Penalty, SGDClassifier, SGDRegressor};
use learnkit::prelude::*;
use learnkit::sparse::{CsrMatrix, MatrixView};
use learnkit::svm::{LinearSVCDual, LinearSVCLoss};
use ndarray::{Array1, Array2, ArrayView2};

/// `n` rows: four numeric columns, half of their values zero, then a
/// one-hot block of four categories; labels from a noisy linear rule with
/// `n_classes` classes.
fn data(n: usize, n_classes: usize) -> (Array2<f64>, CsrMatrix<f64>, Array1<usize>) {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut x = Array2::zeros((n, 8));
    let mut y = Array1::zeros(n);
    for i in 0..n {
        for j in 0..4 {
            if uniform() < 0.5 {
                x[[i, j]] = 4.0 * uniform() - 2.0;
            }
        }
        let category = (uniform() * 4.0) as usize;
        x[[i, 4 + category]] = 1.0;
        let score = x[[i, 0]] - 0.7 * x[[i, 1]] + 0.5 * category as f64 + 0.8 * (uniform() - 0.5);
        y[i] = ((score + 2.0).max(0.0) * n_classes as f64 / 5.0).min(n_classes as f64 - 1.0) as usize;
    }
    let sparse = CsrMatrix::from_dense(x.view());
    (x, sparse, y)
}

fn assert_close(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>, tol: f64, what: &str) {
    assert_eq!(a.dim(), b.dim(), "{what}: shapes");
    let scale = a.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    for (u, v) in a.iter().zip(b.iter()) {
        assert!((u - v).abs() <= tol * scale, "{what}: {u} vs {v}");
    }
}

/// `n` rows: 300 take the one-pass gradient by row parts; 40 (fewer
/// stored values than 16 gradients' worth) the column layout.
fn logistic_matches(model: LogisticRegression, n_classes: usize, weighted: bool, n: usize) {
    let (x, sparse, y) = data(n, n_classes);
    let weights = Array1::from_shape_fn(x.nrows(), |i| 0.5 + (i % 3) as f64);
    let (dense_fit, sparse_fit) = if weighted {
        (
            model.fit_weighted(x.view(), y.view(), weights.view()).unwrap(),
            model
                .fit_weighted_matrix((&sparse).into(), y.view(), weights.view())
                .unwrap(),
        )
    } else {
        (
            model.fit(x.view(), y.view()).unwrap(),
            model.fit_matrix((&sparse).into(), y.view()).unwrap(),
        )
    };
    assert_close(dense_fit.coef(), sparse_fit.coef(), 1e-8, "coef");
    let (di, si) = (
        dense_fit.intercept().insert_axis(ndarray::Axis(0)),
        sparse_fit.intercept().insert_axis(ndarray::Axis(0)),
    );
    assert_close(di, si, 1e-8, "intercept");
    assert_eq!(dense_fit.n_iter(), sparse_fit.n_iter());
    // Prediction on sparse rows equals the dense prediction of the same model.
    let dense_proba = dense_fit.predict_proba(x.view()).unwrap();
    let sparse_proba = dense_fit.predict_proba_matrix((&sparse).into()).unwrap();
    assert_close(dense_proba.view(), sparse_proba.view(), 1e-10, "predict_proba");
    let d = dense_fit.decision_function(x.view()).unwrap();
    let s = dense_fit.decision_function_matrix((&sparse).into()).unwrap();
    assert_close(d.view(), s.view(), 1e-10, "decision_function");
    assert_eq!(
        dense_fit.score(x.view(), y.view()).unwrap(),
        dense_fit.score_matrix((&sparse).into(), y.view()).unwrap()
    );
    // And the two fits predict alike.
    assert_eq!(
        dense_fit.predict(x.view()).unwrap(),
        sparse_fit.predict_matrix((&sparse).into()).unwrap()
    );
}

#[test]
fn logistic_lbfgs_binary_sparse_equals_dense() {
    logistic_matches(LogisticRegression::default().tol(1e-10), 2, false, 300);
    logistic_matches(LogisticRegression::default().tol(1e-10), 2, false, 40);
}

#[test]
fn logistic_lbfgs_multinomial_weighted_sparse_equals_dense() {
    logistic_matches(LogisticRegression::default().tol(1e-10).c(0.3), 3, true, 300);
    logistic_matches(LogisticRegression::default().tol(1e-10).c(0.3), 3, true, 40);
}

#[test]
fn logistic_lbfgs_without_intercept_sparse_equals_dense() {
    logistic_matches(
        LogisticRegression::default().tol(1e-10).fit_intercept(false),
        3,
        false,
        300,
    );
}

#[test]
fn logistic_newton_cd_l1_sparse_equals_dense() {
    let model = LogisticRegression::default()
        .penalty(Penalty::L1)
        .solver(LogisticSolver::NewtonCd)
        .c(0.5)
        .tol(1e-10);
    logistic_matches(model.clone(), 2, false, 300);
    logistic_matches(model, 3, true, 40);
}

fn linear_svc_matches(model: LinearSVC, n_classes: usize) {
    let (x, sparse, y) = data(300, n_classes);
    let dense_fit = model.fit(x.view(), y.view()).unwrap();
    let sparse_fit = model.fit_matrix((&sparse).into(), y.view()).unwrap();
    assert_close(dense_fit.coef(), sparse_fit.coef(), 1e-8, "coef");
    let (di, si) = (
        dense_fit.intercept().insert_axis(ndarray::Axis(0)),
        sparse_fit.intercept().insert_axis(ndarray::Axis(0)),
    );
    assert_close(di, si, 1e-8, "intercept");
    assert_eq!(dense_fit.n_iter(), sparse_fit.n_iter());
    let d = dense_fit.decision_function(x.view()).unwrap();
    let s = dense_fit.decision_function_matrix((&sparse).into()).unwrap();
    assert_close(d.view(), s.view(), 1e-10, "decision_function");
    assert_eq!(
        dense_fit.predict(x.view()).unwrap(),
        sparse_fit.predict_matrix((&sparse).into()).unwrap()
    );
    let weights = Array1::from_shape_fn(x.nrows(), |i| 0.5 + (i % 3) as f64);
    let dense_fit = model.fit_weighted(x.view(), y.view(), weights.view()).unwrap();
    let sparse_fit = model
        .fit_weighted_matrix((&sparse).into(), y.view(), weights.view())
        .unwrap();
    assert_close(dense_fit.coef(), sparse_fit.coef(), 1e-8, "weighted coef");
}

#[test]
fn linear_svc_dual_sparse_equals_dense() {
    let model = LinearSVC::default().random_state(3).tol(1e-8);
    linear_svc_matches(model.clone(), 2);
    linear_svc_matches(model.loss(LinearSVCLoss::Hinge).max_iter(5000), 3);
}

#[test]
fn linear_svc_primal_sparse_equals_dense() {
    let model = LinearSVC::default()
        .dual(LinearSVCDual::Primal)
        .tol(1e-10)
        .intercept_scaling(2.0);
    linear_svc_matches(model.clone(), 2);
    linear_svc_matches(model.fit_intercept(false), 3);
}

#[test]
fn sparse_input_errors_are_the_dense_ones() {
    let (x, sparse, y) = data(60, 2);
    let narrow = CsrMatrix::from_dense(x.slice(ndarray::s![.., ..7]).view());
    let lr = LogisticRegression::default().fit(x.view(), y.view()).unwrap();
    let svc = LinearSVC::default().fit(x.view(), y.view()).unwrap();
    let view = MatrixView::from(&narrow);
    for result in [
        lr.predict_matrix(view).map(|_| ()),
        lr.predict_proba_matrix(view).map(|_| ()),
        lr.decision_function_matrix(view).map(|_| ()),
        svc.predict_matrix(view).map(|_| ()),
        svc.decision_function_matrix(view).map(|_| ()),
    ] {
        assert!(
            matches!(
                result,
                Err(Error::FeatureCountMismatch {
                    expected: 8,
                    got: 7,
                    ..
                })
            ),
            "{result:?}"
        );
    }
    let mut bad = sparse.clone();
    bad.data_mut()[5] = f64::NAN;
    assert!(matches!(
        LogisticRegression::default().fit_matrix((&bad).into(), y.view()),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(
        LinearSVC::default().fit_matrix((&bad).into(), y.view()),
        Err(Error::NonFinite { .. })
    ));
    assert!(matches!(lr.predict_matrix((&bad).into()), Err(Error::NonFinite { .. })));
    assert!(matches!(
        LogisticRegression::default().fit_matrix((&sparse).into(), y.slice(ndarray::s![..10])),
        Err(Error::ShapeMismatch { .. })
    ));
}

/// Ridge on sparse input runs conjugate gradients with the centring
/// implicit (scikit-learn's sparse_cg with `X_offset`); at a tight `tol` it
/// reaches the dense direct solution.
#[test]
fn ridge_sparse_cg_equals_dense_cholesky() {
    use learnkit::linear_model::RidgeSolver;
    let (x, sparse, labels) = data(300, 3);
    let y = Array1::from_shape_fn(x.nrows(), |i| labels[i] as f64 + 0.1 * x[[i, 2]]);
    let weights = Array1::from_shape_fn(x.nrows(), |i| 0.5 + (i % 3) as f64);
    for fit_intercept in [true, false] {
        let dense = Ridge::default()
            .alpha(0.7)
            .fit_intercept(fit_intercept)
            .solver(RidgeSolver::Cholesky);
        let cg = dense.clone().solver(RidgeSolver::Auto).tol(1e-13);
        let a = dense.fit_weighted(x.view(), y.view(), weights.view()).unwrap();
        let b = cg
            .fit_weighted_matrix((&sparse).into(), y.view(), weights.view())
            .unwrap();
        assert!(b.n_iter().is_some());
        let (ca, cb) = (
            a.coef().insert_axis(ndarray::Axis(0)),
            b.coef().insert_axis(ndarray::Axis(0)),
        );
        assert_close(ca, cb, 1e-8, "ridge coef");
        assert!(
            (a.intercept() - b.intercept()).abs() < 1e-8,
            "{} {}",
            a.intercept(),
            b.intercept()
        );
        let pa = a.predict(x.view()).unwrap();
        let pb = a.predict_matrix((&sparse).into()).unwrap();
        assert_close(
            pa.view().insert_axis(ndarray::Axis(0)),
            pb.view().insert_axis(ndarray::Axis(0)),
            1e-12,
            "ridge predict",
        );
        // Cholesky on sparse input densifies: the dense model exactly.
        let c = dense.fit_matrix((&sparse).into(), y.view()).unwrap();
        assert_eq!(c.coef(), dense.fit(x.view(), y.view()).unwrap().coef());
    }
    // More features than samples: the kernel form.
    let (x, sparse, labels) = data(6, 2);
    let y = labels.mapv(|v| v as f64);
    let a = Ridge::default()
        .solver(RidgeSolver::Cholesky)
        .fit(x.view(), y.view())
        .unwrap();
    let b = Ridge::default()
        .tol(1e-13)
        .fit_matrix((&sparse).into(), y.view())
        .unwrap();
    let (ca, cb) = (
        a.coef().insert_axis(ndarray::Axis(0)),
        b.coef().insert_axis(ndarray::Axis(0)),
    );
    assert_close(ca, cb, 1e-8, "ridge kernel-form coef");
}

#[test]
fn ridge_classifier_sparse_equals_dense() {
    use learnkit::linear_model::RidgeSolver;
    let (x, sparse, y) = data(300, 3);
    let dense = RidgeClassifier::default().alpha(2.0).solver(RidgeSolver::Cholesky);
    let a = dense.fit(x.view(), y.view()).unwrap();
    let b = dense
        .clone()
        .solver(RidgeSolver::SparseCg)
        .tol(1e-13)
        .fit_matrix((&sparse).into(), y.view())
        .unwrap();
    assert_close(a.coef(), b.coef(), 1e-8, "ridge classifier coef");
    assert_close(
        a.intercept().insert_axis(ndarray::Axis(0)),
        b.intercept().insert_axis(ndarray::Axis(0)),
        1e-8,
        "ridge classifier intercept",
    );
    assert_eq!(
        a.predict(x.view()).unwrap(),
        b.predict_matrix((&sparse).into()).unwrap()
    );
    let narrow = CsrMatrix::from_dense(x.slice(ndarray::s![.., ..7]).view());
    assert!(matches!(
        a.decision_function_matrix((&narrow).into()),
        Err(Error::FeatureCountMismatch {
            expected: 8,
            got: 7,
            ..
        })
    ));
}

/// SGD on sparse rows replays the dense updates (the L2 norm kept from the
/// changed weights only: rounding apart, the same steps and stopping epoch).
#[test]
fn sgd_classifier_sparse_equals_dense() {
    use learnkit::linear_model::{SGDClassifierLoss, SGDPenalty};
    let (x, sparse, y) = data(200, 3);
    for model in [
        SGDClassifier::default().random_state(1),
        SGDClassifier::default()
            .loss(SGDClassifierLoss::LogLoss)
            .penalty(SGDPenalty::ElasticNet)
            .average(20)
            .tol(None)
            .max_iter(8)
            .random_state(2),
        SGDClassifier::default().early_stopping(true).random_state(3),
    ] {
        let a = model.fit(x.view(), y.view()).unwrap();
        let b = model.fit_matrix((&sparse).into(), y.view()).unwrap();
        assert_eq!(a.n_iter(), b.n_iter());
        assert_close(a.coef(), b.coef(), 1e-8, "sgd coef");
        assert_close(
            a.intercept().insert_axis(ndarray::Axis(0)),
            b.intercept().insert_axis(ndarray::Axis(0)),
            1e-8,
            "sgd intercept",
        );
        let d = a.decision_function(x.view()).unwrap();
        let s = a.decision_function_matrix((&sparse).into()).unwrap();
        assert_close(d.view(), s.view(), 1e-12, "sgd decision_function");
    }
    // partial_fit over two chunks.
    let half = x.nrows() / 2;
    let (top, bottom) = (x.slice(ndarray::s![..half, ..]), x.slice(ndarray::s![half.., ..]));
    let (top_s, bottom_s) = (CsrMatrix::from_dense(top), CsrMatrix::from_dense(bottom));
    let sgd = SGDClassifier::default().random_state(4);
    let mut a = sgd
        .partial_fit(top, y.slice(ndarray::s![..half]), Some(&[0, 1, 2]), None)
        .unwrap();
    a.partial_fit(bottom, y.slice(ndarray::s![half..]), None, None).unwrap();
    let mut b = sgd
        .partial_fit_matrix((&top_s).into(), y.slice(ndarray::s![..half]), Some(&[0, 1, 2]), None)
        .unwrap();
    b.partial_fit_matrix((&bottom_s).into(), y.slice(ndarray::s![half..]), None, None)
        .unwrap();
    assert_close(a.coef(), b.coef(), 1e-8, "sgd partial_fit coef");
    let narrow = CsrMatrix::from_dense(x.slice(ndarray::s![.., ..7]).view());
    assert!(matches!(
        b.partial_fit_matrix((&narrow).into(), y.view(), None, None),
        Err(Error::FeatureCountMismatch { .. })
    ));
    assert!(matches!(
        b.predict_matrix((&narrow).into()),
        Err(Error::FeatureCountMismatch {
            expected: 8,
            got: 7,
            ..
        })
    ));
}

#[test]
fn sgd_regressor_sparse_equals_dense() {
    use learnkit::linear_model::SGDPenalty;
    let (x, sparse, labels) = data(200, 3);
    let y = Array1::from_shape_fn(x.nrows(), |i| labels[i] as f64 + 0.5 * x[[i, 1]]);
    let weights = Array1::from_shape_fn(x.nrows(), |i| 0.5 + (i % 3) as f64);
    for model in [
        SGDRegressor::default().random_state(5),
        SGDRegressor::default()
            .penalty(SGDPenalty::L1)
            .average(1)
            .tol(None)
            .max_iter(6)
            .random_state(6),
    ] {
        let a = model.fit_weighted(x.view(), y.view(), weights.view()).unwrap();
        let b = model
            .fit_weighted_matrix((&sparse).into(), y.view(), weights.view())
            .unwrap();
        assert_eq!(a.n_iter(), b.n_iter());
        assert_close(
            a.coef().insert_axis(ndarray::Axis(0)),
            b.coef().insert_axis(ndarray::Axis(0)),
            1e-8,
            "sgd regressor coef",
        );
        assert!((a.intercept() - b.intercept()).abs() < 1e-8);
        let pa = a.predict(x.view()).unwrap();
        let pb = a.predict_matrix((&sparse).into()).unwrap();
        assert_close(
            pa.view().insert_axis(ndarray::Axis(0)),
            pb.view().insert_axis(ndarray::Axis(0)),
            1e-12,
            "sgd regressor predict",
        );
    }
    let mut model = SGDRegressor::default()
        .partial_fit_matrix((&sparse).into(), y.view(), None)
        .unwrap();
    let narrow = CsrMatrix::from_dense(x.slice(ndarray::s![.., ..7]).view());
    assert!(matches!(
        model.partial_fit_matrix((&narrow).into(), y.view(), None),
        Err(Error::FeatureCountMismatch { .. })
    ));
}

#[test]
fn sparse_fits_match_scikit_learn() {
    use crate::common::fixtures::{matrix, vector};
    use learnkit::linear_model::RidgeSolver;
    let fixture: serde_json::Value = serde_json::from_str(include_str!("fixtures/sparse_linear.json")).unwrap();
    let x = matrix(&fixture["X"]);
    let sparse = CsrMatrix::from_dense(x.view());
    let view = MatrixView::from(&sparse);
    let labels = |key: &str| vector(&fixture[key]).mapv(|v| v as usize);
    let weights = vector(&fixture["sample_weight"]);
    let mut checked = 0;
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let params = &case["params"];
        let number = |key: &str| params[key].as_f64().unwrap();
        let weighted = case["weighted"].as_bool().unwrap();
        let y_class = match case["target"].as_str().unwrap() {
            "binary" => labels("y_binary"),
            "multi" => labels("y_multi"),
            _ => Array1::zeros(0),
        };
        let (coef, intercept, proba) = match case["kind"].as_str().unwrap() {
            "logistic" => {
                let model = LogisticRegression::default()
                    .c(number("C"))
                    .tol(number("tol"))
                    .max_iter(number("max_iter") as usize);
                let fitted = if weighted {
                    model.fit_weighted_matrix(view, y_class.view(), weights.view()).unwrap()
                } else {
                    model.fit_matrix(view, y_class.view()).unwrap()
                };
                let proba = fitted.predict_proba_matrix(view).unwrap();
                (fitted.coef().to_owned(), fitted.intercept().to_owned(), Some(proba))
            }
            "linear_svc" => {
                let fitted = LinearSVC::default()
                    .dual(LinearSVCDual::Primal)
                    .c(number("C"))
                    .tol(number("tol"))
                    .max_iter(number("max_iter") as usize)
                    .fit_matrix(view, y_class.view())
                    .unwrap();
                (fitted.coef().to_owned(), fitted.intercept().to_owned(), None)
            }
            "ridge_classifier" => {
                let fitted = RidgeClassifier::default()
                    .solver(RidgeSolver::SparseCg)
                    .alpha(number("alpha"))
                    .tol(number("tol"))
                    .fit_matrix(view, y_class.view())
                    .unwrap();
                (fitted.coef().to_owned(), fitted.intercept().to_owned(), None)
            }
            "ridge" => {
                let y = vector(&fixture["y_regression"]);
                let model = Ridge::default()
                    .solver(RidgeSolver::SparseCg)
                    .alpha(number("alpha"))
                    .tol(number("tol"))
                    .fit_intercept(params["fit_intercept"].as_bool().unwrap());
                let fitted = if weighted {
                    model.fit_weighted_matrix(view, y.view(), weights.view()).unwrap()
                } else {
                    model.fit_matrix(view, y.view()).unwrap()
                };
                (
                    fitted.coef().insert_axis(ndarray::Axis(0)).to_owned(),
                    Array1::from_elem(1, fitted.intercept()),
                    None,
                )
            }
            other => panic!("unknown kind {other}"),
        };
        let want_coef = matrix(&case["coef"]);
        let want_intercept = vector(&case["intercept"]);
        let scale = want_coef.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        for (a, b) in coef.iter().zip(want_coef.iter()) {
            assert!((a - b).abs() <= 1e-6 * scale, "{name}: coef {a} vs {b}");
        }
        for (a, b) in intercept.iter().zip(want_intercept.iter()) {
            assert!((a - b).abs() <= 1e-6 * scale, "{name}: intercept {a} vs {b}");
        }
        if let Some(proba) = proba {
            let want = matrix(&case["proba"]);
            assert_close(proba.view(), want.view(), 1e-6, name);
        }
        checked += 1;
    }
    assert_eq!(checked, 12);
}
