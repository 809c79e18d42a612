//! Lasso, ElasticNet, lasso_path, enet_path, LassoCV and ElasticNetCV
//! against scikit-learn 1.9.1 (tests/fixtures/coordinate_descent.json, from
//! tools/reference/coordinate_descent.py; the data are in the fixture).
//!
//! Both sides fit at tol 1e-12 (the duality gap at most 1e-12·‖y‖²), so
//! both reach the optimum: coefficients, intercepts and predictions agree
//! to 1e-6 relative to the largest coefficient, alpha grids to 1e-12, the
//! chosen alpha and l1_ratio exactly (same grid point), the CV errors to
//! 1e-6 relative.

use crate::common;

use common::fixtures::{assert_invalid_parameter, matrix, vector};
use learnkit::linear_model::{
    ElasticNet, ElasticNetCV, EnetPath, Lasso, LassoCV, Precompute, Selection, enet_path, lasso_path,
};
use learnkit::model_selection::KFold;
use learnkit::prelude::*;
use ndarray::{Array1, array, s};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/coordinate_descent.json")).unwrap()
}

/// Every number of a nested JSON array, in row-major order.
fn flat(value: &Value) -> Array1<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(|v| flat(v).to_vec()).collect(),
        other => Array1::from_elem(1, other.as_f64().expect("a number")),
    }
}

/// Agreement to `tol` relative to the largest magnitude expected.
fn close(name: &str, what: &str, got: &Array1<f64>, want: &Array1<f64>, tol: f64) {
    assert_eq!(got.len(), want.len(), "{name}: {what} length");
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= tol * scale,
            "{name}: {what}: got {got}, want {want} (tolerance {tol} × {scale})"
        );
    }
}

const TOL: f64 = 1e-12;
const MAX_ITER: usize = 100_000;

fn estimator(params: &Value) -> ElasticNet {
    let get = |k: &str| params.get(k);
    ElasticNet::default()
        .alpha(get("alpha").and_then(Value::as_f64).unwrap())
        .l1_ratio(get("l1_ratio").and_then(Value::as_f64).unwrap_or(0.5))
        .fit_intercept(get("fit_intercept").and_then(Value::as_bool).unwrap_or(true))
        .positive(get("positive").and_then(Value::as_bool).unwrap_or(false))
        .precompute(match get("precompute").and_then(Value::as_bool) {
            Some(true) => Precompute::Always,
            _ => Precompute::Never,
        })
        .selection(match get("selection").and_then(Value::as_str) {
            Some("random") => Selection::Random,
            _ => Selection::Cyclic,
        })
        .random_state(Some(0))
        .tol(TOL)
        .max_iter(MAX_ITER)
}

#[test]
fn estimators_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["cases"].as_object().unwrap() {
        let data = &fixture["data"][case["dataset"].as_str().unwrap()];
        let (x, y) = (matrix(&data["X"]), vector(&data["y"]));
        let w = case["weighted"]
            .as_bool()
            .unwrap()
            .then(|| vector(&data["sample_weight"]));
        let params = &case["params"];
        let fitted = if case["kind"] == "Lasso" {
            let lasso = Lasso::from(estimator(params));
            match &w {
                Some(w) => lasso.fit_weighted(x.view(), y.view(), w.view()),
                None => lasso.fit(x.view(), y.view()),
            }
        } else {
            let enet = estimator(params);
            match &w {
                Some(w) => enet.fit_weighted(x.view(), y.view(), w.view()),
                None => enet.fit(x.view(), y.view()),
            }
        }
        .unwrap();
        assert!(fitted.converged(), "{name}: not converged");
        let want = vector(&case["coef"]);
        close(name, "coef", &fitted.coef().to_owned(), &want, 1e-6);
        // Exact zeros of the lasso stay exact zeros.
        for (g, w) in fitted.coef().iter().zip(&want) {
            assert_eq!(
                *g == 0.0,
                *w == 0.0,
                "{name}: support differs: {} vs {want}",
                fitted.coef()
            );
        }
        let intercept = case["intercept"].as_f64().unwrap();
        let scale = want.iter().fold(intercept.abs(), |m, v| m.max(v.abs()));
        assert!(
            (fitted.intercept() - intercept).abs() <= 1e-6 * scale,
            "{name}: intercept"
        );
        let predicted = fitted.predict(x.slice(s![..5, ..])).unwrap();
        close(name, "predict", &predicted, &vector(&case["predict"]), 1e-6);
        assert!(
            fitted.dual_gap() <= TOL * y.dot(&y),
            "{name}: dual gap {}",
            fitted.dual_gap()
        );
    }
}

#[test]
fn paths_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["paths"].as_object().unwrap() {
        let data = &fixture["data"][case["dataset"].as_str().unwrap()];
        let (x, y) = (matrix(&data["X"]), vector(&data["y"]));
        let l1_ratio = case["l1_ratio"].as_f64().unwrap();
        let settings = EnetPath::default()
            .l1_ratio(l1_ratio)
            .n_alphas(case["n_alphas"].as_u64().unwrap() as usize)
            .eps(case["eps"].as_f64().unwrap())
            .tol(TOL)
            .max_iter(MAX_ITER);
        let path = if l1_ratio == 1.0 {
            lasso_path(x.view(), y.view(), &settings)
        } else {
            enet_path(x.view(), y.view(), &settings)
        }
        .unwrap();
        close(name, "alphas", &path.alphas, &vector(&case["alphas"]), 1e-12);
        let want = flat(&case["coefs"]); // features × alphas, row-major
        let got: Array1<f64> = path.coefs.iter().copied().collect();
        // Each alpha's coefficients on the scale of that alpha's largest.
        let k = path.alphas.len();
        for a in 0..k {
            let column = |v: &Array1<f64>| v.iter().skip(a).step_by(k).copied().collect::<Array1<f64>>();
            close(
                name,
                &format!("coefs at alpha {a}"),
                &column(&got),
                &column(&want),
                1e-6,
            );
        }
    }
}

#[test]
fn searches_match_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["searches"].as_object().unwrap() {
        let data = &fixture["data"]["cv"];
        let (x, y) = (matrix(&data["X"]), vector(&data["y"]));
        let l1_ratio: Vec<f64> = vector(&case["l1_ratio"]).to_vec();
        let search = ElasticNetCV::default()
            .l1_ratio(l1_ratio.clone())
            .n_alphas(case["n_alphas"].as_u64().unwrap() as usize)
            .cv(KFold::new(case["cv"].as_u64().unwrap() as usize))
            .tol(1e-10)
            .max_iter(MAX_ITER);
        let fitted = if case["weighted"].as_bool().unwrap() {
            search.fit_weighted(x.view(), y.view(), vector(&data["sample_weight"]).view())
        } else if case["kind"] == "LassoCV" {
            let lasso = LassoCV::default()
                .n_alphas(search.n_alphas)
                .cv(search.cv.clone())
                .tol(1e-10)
                .max_iter(MAX_ITER);
            lasso.fit(x.view(), y.view())
        } else {
            search.fit(x.view(), y.view())
        }
        .unwrap();
        let alphas: Array1<f64> = fitted.alphas().iter().copied().collect();
        close(name, "alphas", &alphas, &flat(&case["alphas"]), 1e-12);
        let want_alpha = case["alpha"].as_f64().unwrap();
        assert!(
            (fitted.alpha() - want_alpha).abs() <= 1e-12 * want_alpha,
            "{name}: alpha"
        );
        assert_eq!(
            fitted.l1_ratio(),
            case["l1_ratio_"].as_f64().unwrap(),
            "{name}: l1_ratio"
        );
        let mse: Array1<f64> = fitted.mse_path().iter().copied().collect();
        let want = flat(&case["mse_path"]);
        for (g, w) in mse.iter().zip(&want) {
            assert!((g - w).abs() <= 1e-6 * w.abs(), "{name}: mse_path {g} vs {w}");
        }
        assert_eq!(mse.len(), want.len(), "{name}: mse_path size");
        close(name, "coef", &fitted.coef().to_owned(), &vector(&case["coef"]), 1e-6);
    }
}

#[test]
fn bad_parameters_are_named_errors() {
    let (x, y) = (array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], array![1.0, 2.0, 3.0]);
    let fit = |m: ElasticNet| m.fit(x.view(), y.view());
    assert_invalid_parameter(fit(ElasticNet::default().alpha(-1.0)), "ElasticNet", "alpha");
    assert_invalid_parameter(fit(ElasticNet::default().alpha(f64::NAN)), "ElasticNet", "alpha");
    assert_invalid_parameter(fit(ElasticNet::default().l1_ratio(1.5)), "ElasticNet", "l1_ratio");
    assert_invalid_parameter(fit(ElasticNet::default().l1_ratio(-0.1)), "ElasticNet", "l1_ratio");
    assert_invalid_parameter(fit(ElasticNet::default().max_iter(0)), "ElasticNet", "max_iter");
    assert_invalid_parameter(fit(ElasticNet::default().tol(-1.0)), "ElasticNet", "tol");
    assert_invalid_parameter(Lasso::default().alpha(-1.0).fit(x.view(), y.view()), "Lasso", "alpha");
    assert_invalid_parameter(
        Lasso::default().max_iter(0).fit(x.view(), y.view()),
        "Lasso",
        "max_iter",
    );
    let path = |s: EnetPath| enet_path(x.view(), y.view(), &s);
    assert_invalid_parameter(path(EnetPath::default().l1_ratio(2.0)), "enet_path", "l1_ratio");
    assert_invalid_parameter(path(EnetPath::default().l1_ratio(0.0)), "enet_path", "l1_ratio");
    assert_invalid_parameter(path(EnetPath::default().eps(0.0)), "enet_path", "eps");
    assert_invalid_parameter(path(EnetPath::default().n_alphas(0)), "enet_path", "n_alphas");
    assert_invalid_parameter(
        path(EnetPath::default().alphas(Some(vec![-1.0]))),
        "enet_path",
        "alphas",
    );
    let cv = |m: ElasticNetCV| m.fit(x.view(), y.view());
    assert_invalid_parameter(cv(ElasticNetCV::default().l1_ratio(vec![])), "ElasticNetCV", "l1_ratio");
    assert_invalid_parameter(
        cv(ElasticNetCV::default().l1_ratio(vec![0.5, 1.1])),
        "ElasticNetCV",
        "l1_ratio",
    );
    assert_invalid_parameter(cv(ElasticNetCV::default().cv(KFold::new(1))), "KFold", "n_splits");
    assert_invalid_parameter(
        LassoCV::default()
            .alphas(Some(vec![f64::INFINITY]))
            .fit(x.view(), y.view()),
        "LassoCV",
        "alphas",
    );
}

#[test]
fn bad_data_are_named_errors_and_data_untouched() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]];
    let y = array![1.0, 2.0, 3.0, 4.0];
    let (x0, y0) = (x.clone(), y.clone());
    let model = ElasticNet::default().alpha(0.1);
    assert!(matches!(
        model.fit(x.view(), array![1.0, 2.0].view()),
        Err(learnkit::Error::ShapeMismatch { .. })
    ));
    let mut nan = x.clone();
    nan[[1, 1]] = f64::NAN;
    assert!(matches!(
        model.fit(nan.view(), y.view()),
        Err(learnkit::Error::NonFinite { .. })
    ));
    assert!(matches!(
        model.fit(ndarray::Array2::<f64>::zeros((0, 2)).view(), Array1::zeros(0).view()),
        Err(learnkit::Error::EmptyInput { .. })
    ));
    assert!(
        model
            .fit_weighted(x.view(), y.view(), array![1.0, -1.0, 1.0, 1.0].view())
            .is_err()
    );
    assert!(matches!(
        model.fit_warm(x.view(), y.view(), None, array![1.0].view()),
        Err(learnkit::Error::ShapeMismatch { .. })
    ));
    let fitted = model.fit(x.view(), y.view()).unwrap();
    assert!(matches!(
        fitted.predict(array![[1.0]].view()),
        Err(learnkit::Error::FeatureCountMismatch { .. })
    ));
    // Three rows cannot make five folds.
    assert!(LassoCV::default().fit(x.slice(s![..3, ..]), y.slice(s![..3])).is_err());
    assert_eq!((x, y), (x0, y0));
}

/// The Gram and the dense descent, cyclic and random order, and warm
/// starts all reach the same optimum; random selection is reproducible.
#[test]
fn variants_agree_and_random_selection_is_seeded() {
    let (x, y) = learnkit::datasets::MakeRegression::default()
        .n_samples(50)
        .n_features(12)
        .n_informative(4)
        .noise(1.0)
        .random_state(1)
        .generate()
        .unwrap();
    let base = ElasticNet::default()
        .alpha(0.5)
        .l1_ratio(0.8)
        .tol(1e-12)
        .max_iter(MAX_ITER);
    let dense = base.fit(x.view(), y.view()).unwrap();
    let scale = dense.coef().iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for other in [
        base.clone().precompute(Precompute::Always),
        base.clone().selection(Selection::Random).random_state(Some(3)),
    ] {
        let fitted = other.fit(x.view(), y.view()).unwrap();
        for (a, b) in fitted.coef().iter().zip(dense.coef()) {
            assert!((a - b).abs() <= 1e-8 * scale, "{other:?}");
        }
    }
    let warm = base.fit_warm(x.view(), y.view(), None, dense.coef()).unwrap();
    assert!(warm.n_iter() <= 1);
    let random = base
        .clone()
        .selection(Selection::Random)
        .random_state(Some(9))
        .tol(1e-3);
    let (a, b) = (
        random.fit(x.view(), y.view()).unwrap(),
        random.fit(x.view(), y.view()).unwrap(),
    );
    assert_eq!(a.coef(), b.coef());
}

/// The search is the same on one thread or two.
#[test]
fn search_is_deterministic_across_threads() {
    let (x, y) = learnkit::datasets::MakeRegression::default()
        .n_samples(40)
        .n_features(6)
        .noise(2.0)
        .random_state(2)
        .generate()
        .unwrap();
    let search = ElasticNetCV::default()
        .l1_ratio(vec![0.3, 0.9])
        .n_alphas(10)
        .cv(KFold::new(4));
    let one = search.clone().n_jobs(Some(1)).fit(x.view(), y.view()).unwrap();
    let two = search.n_jobs(Some(2)).fit(x.view(), y.view()).unwrap();
    assert_eq!(one.mse_path(), two.mse_path());
    assert_eq!(one.coef(), two.coef());
}

fn gram_fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/linear_gram_scoring.json")).unwrap()
}

/// `XᵀX` of `x` with rows scaled by `sqrt(w)`: the Gram matrix the descent
/// sees (the weights rescaled to sum to the number of rows, as the fit does).
fn gram_of(x: &ndarray::Array2<f64>, w: Option<&Array1<f64>>) -> std::sync::Arc<ndarray::Array2<f64>> {
    let n = x.nrows() as f64;
    let w = w.map_or_else(|| Array1::ones(x.nrows()), |w| w * (n / w.sum()));
    std::sync::Arc::new(x.t().dot(&(x * &w.view().insert_axis(ndarray::Axis(1)))))
}

/// A Gram matrix given as `precompute` (scikit-learn's `precompute=array`):
/// without an intercept, on centred data with an intercept (weighted too),
/// and on data not centred, where scikit-learn recomputes it.
#[test]
fn given_gram_matches_scikit_learn() {
    let f = gram_fixture();
    let data = &f["gram_data"];
    let y = vector(&data["y"]);
    let sw = vector(&data["sample_weight"]);
    for c in f["gram"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let x = matrix(&data[c["data"].as_str().unwrap()]);
        let weighted = c["weighted"].as_bool().unwrap();
        let w = weighted.then_some(&sw);
        let model = estimator(&c["params"]).precompute(Precompute::Gram(gram_of(&x, w)));
        let fitted = if c["kind"] == "Lasso" {
            let lasso = Lasso::from(model);
            match w {
                Some(w) => lasso.fit_weighted(x.view(), y.view(), w.view()),
                None => lasso.fit(x.view(), y.view()),
            }
        } else {
            match w {
                Some(w) => model.fit_weighted(x.view(), y.view(), w.view()),
                None => model.fit(x.view(), y.view()),
            }
        }
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        close(name, "coef", &fitted.coef().to_owned(), &flat(&c["coef"]), 1e-6);
        let intercept = c["intercept"].as_f64().unwrap();
        assert!(
            (fitted.intercept() - intercept).abs() <= 1e-6 * intercept.abs().max(1.0),
            "{name}: intercept"
        );
    }
}

/// A given Gram matrix gives the coefficients of `Always` (which computes
/// it) to 1e-12, lasso and elastic net, weighted, with and without an
/// intercept, and in `enet_path`.
#[test]
fn given_gram_equals_always() {
    let f = gram_fixture();
    let data = &f["gram_data"];
    let y = vector(&data["y"]);
    let sw = vector(&data["sample_weight"]);
    for (key, fit_intercept, weighted) in [("X", false, false), ("Xu", true, false), ("Xc", true, true)] {
        let x = matrix(&data[key]);
        let w = weighted.then_some(&sw);
        for l1_ratio in [1.0, 0.6] {
            // tol 0: both descents run to the optimum (their Gram matrices
            // differ in rounding, so a looser tol could stop them at
            // different sweeps).
            let base = ElasticNet::default()
                .alpha(0.05)
                .l1_ratio(l1_ratio)
                .fit_intercept(fit_intercept)
                .tol(0.0)
                .max_iter(3000);
            let fit = |m: ElasticNet| match w {
                Some(w) => m.fit_weighted(x.view(), y.view(), w.view()).unwrap(),
                None => m.fit(x.view(), y.view()).unwrap(),
            };
            let given = fit(base.clone().precompute(Precompute::Gram(gram_of(&x, w))));
            let always = fit(base.precompute(Precompute::Always));
            close(key, "coef", &given.coef().to_owned(), &always.coef().to_owned(), 1e-12);
            assert!((given.intercept() - always.intercept()).abs() <= 1e-12 * always.intercept().abs().max(1.0));
        }
    }
    let x = matrix(&data["X"]);
    let settings = EnetPath::default().n_alphas(8).tol(0.0).max_iter(3000);
    let given = enet_path(
        x.view(),
        y.view(),
        &settings.clone().precompute(Precompute::Gram(gram_of(&x, None))),
    )
    .unwrap();
    let always = enet_path(x.view(), y.view(), &settings.precompute(Precompute::Always)).unwrap();
    close(
        "enet_path",
        "coefs",
        &flat_matrix(&given.coefs),
        &flat_matrix(&always.coefs),
        1e-12,
    );
}

fn flat_matrix(m: &ndarray::Array2<f64>) -> Array1<f64> {
    m.iter().copied().collect()
}

/// A Gram matrix of the wrong shape, not finite, not symmetric or not of
/// the data is a named error (in the estimators and the paths); the
/// searches refuse one.
#[test]
fn bad_gram_is_a_named_error() {
    let f = gram_fixture();
    let x = matrix(&f["gram_data"]["X"]);
    let y = vector(&f["gram_data"]["y"]);
    let good = gram_of(&x, None);
    let lasso = Lasso::default().alpha(0.1).fit_intercept(false);
    let with = |q: ndarray::Array2<f64>| lasso.clone().precompute(Precompute::Gram(std::sync::Arc::new(q)));
    let p = x.ncols();
    // Wrong shape.
    let err = with(good.slice(s![..p - 1, ..p - 1]).to_owned())
        .fit(x.view(), y.view())
        .unwrap_err();
    assert!(matches!(err, learnkit::Error::ShapeMismatch { .. }), "{err}");
    // Not finite.
    let mut q = (*good).clone();
    q[[0, 1]] = f64::NAN;
    let err = with(q).fit(x.view(), y.view()).unwrap_err();
    assert!(
        matches!(err, learnkit::Error::NonFinite { row: 0, column: 1, .. }),
        "{err}"
    );
    // Not symmetric.
    let mut q = (*good).clone();
    q[[0, 1]] += 1.0;
    let err = with(q).fit(x.view(), y.view()).unwrap_err();
    assert!(
        matches!(&err, learnkit::Error::InvalidInput { message, .. } if message.contains("symmetric")),
        "{err}"
    );
    // Symmetric but not of X: the diagonal, then scikit-learn's entry (p/2, p/2 + 1).
    let mut q = (*good).clone();
    q[[2, 2]] *= 1.01;
    let err = with(q).fit(x.view(), y.view()).unwrap_err();
    assert!(
        matches!(&err, learnkit::Error::InvalidInput { message, .. } if message.contains("(2, 2)")),
        "{err}"
    );
    let (f1, f2) = (p / 2, p / 2 + 1);
    let mut q = (*good).clone();
    q[[f1, f2]] += 0.5;
    q[[f2, f1]] += 0.5;
    let err = with(q).fit(x.view(), y.view()).unwrap_err();
    assert!(
        matches!(&err, learnkit::Error::InvalidInput { message, .. } if message.contains("does not match")),
        "{err}"
    );
    // The Gram matrix of the uncentred X with fit_intercept = false on centred data: not of the data.
    let xu = matrix(&f["gram_data"]["Xu"]);
    assert!(with((*good).clone()).fit(xu.view(), y.view()).is_err());
    // The path checks it too.
    let mut q = (*good).clone();
    q[[1, 1]] += 1.0;
    let settings = EnetPath::default()
        .n_alphas(3)
        .precompute(Precompute::Gram(std::sync::Arc::new(q)));
    assert!(lasso_path(x.view(), y.view(), &settings).is_err());
    // The searches refuse any.
    assert_invalid_parameter(
        LassoCV::default()
            .precompute(Precompute::Gram(good.clone()))
            .fit(x.view(), y.view()),
        "LassoCV",
        "precompute",
    );
    assert_invalid_parameter(
        ElasticNetCV::default()
            .precompute(Precompute::Gram(good))
            .fit(x.view(), y.view()),
        "ElasticNetCV",
        "precompute",
    );
}
