//! RidgeCV with `cv` folds, LassoCV / ElasticNetCV with any splitter, and
//! multi-target LinearRegression / Ridge against scikit-learn 1.9.1
//! (tests/fixtures/linear_cv_api.json, from tools/reference/linear_cv_api.py;
//! data and the shuffled splitters' folds are in the fixture).
//!
//! Tolerances (relative to the largest expected magnitude): RidgeCV by folds
//! (Cholesky fits, closed form) `alpha` equal, `best_score` and coefficients
//! to 1e-8; coordinate descent (both sides at tol 1e-12) alpha grids to
//! 1e-12, `mse_path` and coefficients to 1e-6; multi-target closed forms to
//! 1e-10.

use crate::common;

use common::fixtures::{assert_invalid_parameter, matrix, vector};
use learnkit::linear_model::{ElasticNetCV, FittedMultiTarget, LassoCV, RidgeCV, RidgeSolver};
use learnkit::model_selection::{Fold, KFold, ShuffleSplit, Splitter};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, ArrayView1, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/linear_cv_api.json")).unwrap()
}

fn case<'a>(fixture: &'a Value, name: &str) -> &'a Value {
    fixture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// Agreement to `tol` relative to the largest expected magnitude.
fn close(name: &str, what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{name}: {what} length");
    let scale = want.iter().fold(1e-300f64, |m, v| m.max(v.abs()));
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= tol * scale,
            "{name}: {what}: got {got:?}, want {want:?} (tolerance {tol} × {scale})"
        );
    }
}

fn flat(value: &Value) -> Vec<f64> {
    match value {
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        other => vec![other.as_f64().expect("a number")],
    }
}

/// scikit-learn's folds replayed: its shuffles draw other permutations than
/// learnkit's, so a shuffled splitter's folds are stored in the fixture.
#[derive(Clone)]
struct Replay(Vec<Fold>);

impl Replay {
    fn of(case: &Value) -> Self {
        let rows = |v: &Value| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap() as usize)
                .collect()
        };
        Replay(
            case["folds"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| Fold::new(rows(&f["train"]), rows(&f["test"])))
                .collect(),
        )
    }
}

impl<T> Splitter<T> for Replay {
    fn split(&self, _y: ArrayView1<'_, T>, _groups: Option<ArrayView1<'_, usize>>) -> learnkit::Result<Vec<Fold>> {
        Ok(self.0.clone())
    }
}

fn check_ridge_cv(name: &str, c: &Value, fitted: &learnkit::linear_model::FittedRidgeCV<f64>) {
    assert_eq!(fitted.alpha(), c["alpha"].as_f64().unwrap(), "{name}: alpha");
    close(
        name,
        "best_score",
        &[fitted.best_score()],
        &[c["best_score"].as_f64().unwrap()],
        1e-8,
    );
    close(name, "coef", &fitted.coef().to_vec(), &flat(&c["coef"]), 1e-8);
    close(
        name,
        "intercept",
        &[fitted.intercept()],
        &[c["intercept"].as_f64().unwrap()],
        1e-8,
    );
}

#[test]
fn ridge_cv_folds_match_scikit_learn() {
    let fx = fixture();
    let data = &fx["ridge_data"];
    let (x, y, sw) = (matrix(&data["X"]), vector(&data["y"]), vector(&data["sample_weight"]));
    // "ridge_cv5_weighted": scikit-learn 1.9.1 weights the test folds' R²
    // by the sample weights, and so does learnkit.
    for name in ["ridge_cv5", "ridge_cv5_weighted", "ridge_cv5_no_intercept"] {
        let c = case(&fx, name);
        let search = RidgeCV::default()
            .alphas(flat(&c["alphas"]))
            .fit_intercept(c["fit_intercept"].as_bool().unwrap())
            .cv(KFold::new(5));
        let fitted = if c["weighted"].as_bool().unwrap() {
            search.fit_weighted(x.view(), y.view(), sw.view()).unwrap()
        } else {
            search.fit(x.view(), y.view()).unwrap()
        };
        check_ridge_cv(name, c, &fitted);
    }
    let c = case(&fx, "ridge_shuffled_kfold");
    let fitted = RidgeCV::default()
        .alphas(flat(&c["alphas"]))
        .cv(Replay::of(c))
        .fit(x.view(), y.view())
        .unwrap();
    check_ridge_cv("ridge_shuffled_kfold", c, &fitted);
}

#[test]
fn ridge_cv_folds_are_deterministic_and_checked() {
    let fx = fixture();
    let data = &fx["ridge_data"];
    let (x, y) = (matrix(&data["X"]), vector(&data["y"]));
    let search = RidgeCV::default().cv(ShuffleSplit::new(6).random_state(3));
    let one = common::on_threads(1, || search.clone().n_jobs(Some(1)).fit(x.view(), y.view()).unwrap());
    let two = common::on_threads(2, || search.clone().n_jobs(Some(2)).fit(x.view(), y.view()).unwrap());
    assert_eq!(one.coef(), two.coef());
    assert_eq!(one.best_score().to_bits(), two.best_score().to_bits());
    // Fewer than two folds, more folds than rows, bad alphas.
    assert_invalid_parameter(
        RidgeCV::default().cv(KFold::new(1)).fit(x.view(), y.view()),
        "KFold",
        "n_splits",
    );
    assert!(matches!(
        RidgeCV::default()
            .cv(KFold::new(5))
            .fit(x.slice(ndarray::s![..4, ..]), y.slice(ndarray::s![..4])),
        Err(learnkit::Error::InvalidInput { .. })
    ));
    assert_invalid_parameter(
        RidgeCV::default()
            .alphas(vec![-1.0])
            .cv(KFold::new(3))
            .fit(x.view(), y.view()),
        "RidgeCV",
        "alphas",
    );
    // A fold whose training rows all weigh zero is an error, not NaN.
    let mut sw = Array1::ones(y.len());
    sw.slice_mut(ndarray::s![8..]).fill(0.0);
    assert!(matches!(
        RidgeCV::default()
            .cv(KFold::new(5))
            .fit_weighted(x.view(), y.view(), sw.view()),
        Err(learnkit::Error::InvalidInput { .. })
    ));
}

fn check_cd(name: &str, c: &Value, fitted: &learnkit::linear_model::FittedElasticNetCV<f64>) {
    close(
        name,
        "alphas",
        &fitted.alphas().iter().copied().collect::<Vec<_>>(),
        &flat(&c["alphas"]),
        1e-12,
    );
    let want_alpha = c["alpha"].as_f64().unwrap();
    assert!(
        (fitted.alpha() - want_alpha).abs() <= 1e-12 * want_alpha,
        "{name}: alpha"
    );
    assert_eq!(fitted.l1_ratio(), c["l1_ratio_"].as_f64().unwrap(), "{name}: l1_ratio");
    let mse: Vec<f64> = fitted.mse_path().iter().copied().collect();
    let want = flat(&c["mse_path"]);
    assert_eq!(mse.len(), want.len(), "{name}: mse_path size");
    for (g, w) in mse.iter().zip(&want) {
        assert!((g - w).abs() <= 1e-6 * w.abs(), "{name}: mse_path {g} vs {w}");
    }
    close(name, "coef", &fitted.coef().to_vec(), &flat(&c["coef"]), 1e-6);
    let intercept = c["intercept"].as_f64().unwrap();
    assert!(
        (fitted.intercept() - intercept).abs() <= 1e-6 * intercept.abs().max(1.0),
        "{name}: intercept"
    );
}

#[test]
fn lasso_and_enet_cv_take_any_splitter() {
    let fx = fixture();
    let data = &fx["cd_data"];
    let (x, y) = (matrix(&data["X"]), vector(&data["y"]));
    let c = case(&fx, "lasso_shuffle_split");
    let fitted = LassoCV::default()
        .n_alphas(20)
        .tol(1e-12)
        .max_iter(100_000)
        .cv(Replay::of(c))
        .fit(x.view(), y.view())
        .unwrap();
    check_cd("lasso_shuffle_split", c, &fitted);
    let c = case(&fx, "enet_shuffled_kfold");
    let fitted = ElasticNetCV::default()
        .l1_ratio(flat(&c["l1_ratio"]))
        .n_alphas(20)
        .tol(1e-12)
        .max_iter(100_000)
        .cv(Replay::of(c))
        .fit(x.view(), y.view())
        .unwrap();
    check_cd("enet_shuffled_kfold", c, &fitted);
    // Shuffled partition folds: the Gram matrix downdated by the test rows
    // (unweighted) agrees with the product over the training rows (unit
    // weights take that path).
    let shuffled = KFold::new(4).shuffle(true).random_state(5);
    let by_folds = LassoCV::default().n_alphas(10).tol(1e-12).cv(shuffled.clone());
    let downdated = by_folds.fit(x.view(), y.view()).unwrap();
    let weighted = by_folds
        .fit_weighted(x.view(), y.view(), Array1::ones(y.len()).view())
        .unwrap();
    let (a, b): (Vec<f64>, Vec<f64>) = (
        downdated.mse_path().iter().copied().collect(),
        weighted.mse_path().iter().copied().collect(),
    );
    close("downdate", "mse_path", &a, &b, 1e-9);
}

/// The case's multi-target model fitted on `x`, `y` (and `w`).
fn fit_multi_case(c: &Value, x: &Array2<f64>, y: &Array2<f64>, w: Option<&Array1<f64>>) -> FittedMultiTarget<f64> {
    let fit_intercept = c["params"]["fit_intercept"].as_bool().unwrap();
    if c["model"] == "LinearRegression" {
        let m = LinearRegression::default().fit_intercept(fit_intercept);
        return match w {
            Some(w) => m.fit_multi_weighted(x.view(), y.view(), w.view()).unwrap(),
            None => m.fit_multi(x.view(), y.view()).unwrap(),
        };
    }
    let solver = if c["params"]["solver"] == "svd" {
        RidgeSolver::Svd
    } else {
        RidgeSolver::Auto
    };
    let m = Ridge::default()
        .alpha(c["params"]["alpha"].as_f64().unwrap())
        .fit_intercept(fit_intercept)
        .solver(solver);
    match w {
        Some(w) => m.fit_multi_weighted(x.view(), y.view(), w.view()).unwrap(),
        None => m.fit_multi(x.view(), y.view()).unwrap(),
    }
}

#[test]
fn multi_target_matches_scikit_learn() {
    let fx = fixture();
    let data = &fx["multi_data"];
    let (x, y, sw) = (matrix(&data["X"]), matrix(&data["Y"]), vector(&data["sample_weight"]));
    let mut seen = 0;
    for c in fx["cases"].as_array().unwrap().iter().filter(|c| c["kind"] == "multi") {
        let name = c["name"].as_str().unwrap();
        let weighted = c["weighted"].as_bool().unwrap();
        let fitted = fit_multi_case(c, &x, &y, weighted.then_some(&sw));
        assert_eq!(fitted.coef().dim(), (3, 5), "{name}: coef shape");
        close(
            name,
            "coef",
            &fitted.coef().iter().copied().collect::<Vec<_>>(),
            &flat(&c["coef"]),
            1e-10,
        );
        close(
            name,
            "intercept",
            &fitted.intercept().to_vec(),
            // scikit-learn gives a scalar 0.0 without an intercept.
            &flat(&c["intercept"]).repeat(3 / flat(&c["intercept"]).len()),
            1e-10,
        );
        let predicted = fitted.predict(x.slice(ndarray::s![..5, ..])).unwrap();
        close(
            name,
            "predict",
            &predicted.iter().copied().collect::<Vec<_>>(),
            &flat(&c["predict"]),
            1e-10,
        );
        close(
            name,
            "score",
            &[fitted.score(x.view(), y.view()).unwrap()],
            &[c["score"].as_f64().unwrap()],
            1e-10,
        );
        seen += 1;
    }
    assert_eq!(seen, 6);
}

#[test]
fn multi_target_equals_each_column_and_checks_shapes() {
    let fx = fixture();
    let data = &fx["multi_data"];
    let (x, y) = (matrix(&data["X"]), matrix(&data["Y"]));
    let multi = Ridge::default().alpha(0.7).fit_multi(x.view(), y.view()).unwrap();
    for (k, column) in y.columns().into_iter().enumerate() {
        let single = Ridge::default().alpha(0.7).fit(x.view(), column).unwrap();
        close(
            "column",
            "coef",
            &multi.coef().row(k).to_vec(),
            &single.coef().to_vec(),
            1e-12,
        );
    }
    // Rows of y other than rows of x; no target column; a NaN target; a
    // predict or score with the wrong shapes.
    let short = y.slice(ndarray::s![..10, ..]);
    assert!(LinearRegression::default().fit_multi(x.view(), short).is_err());
    assert!(Ridge::default().fit_multi(x.view(), short).is_err());
    let none = Array2::<f64>::zeros((x.nrows(), 0));
    assert!(matches!(
        Ridge::default().fit_multi(x.view(), none.view()),
        Err(learnkit::Error::EmptyInput { .. })
    ));
    let mut bad = y.clone();
    bad[[4, 2]] = f64::NAN;
    assert!(matches!(
        LinearRegression::default().fit_multi(x.view(), bad.view()),
        Err(learnkit::Error::NonFinite { row: 4, column: 2, .. })
    ));
    assert_invalid_parameter(
        Ridge::default().alpha(-1.0).fit_multi(x.view(), y.view()),
        "Ridge",
        "alpha",
    );
    assert!(multi.predict(array![[1.0, 2.0]].view()).is_err());
    assert!(multi.score(x.view(), y.slice(ndarray::s![.., ..2])).is_err());
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_string(&multi).unwrap();
        let back: FittedMultiTarget<f64> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.coef(), multi.coef());
    }
}

fn scoring_fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/linear_gram_scoring.json")).unwrap()
}

fn ridge_case<'a>(fixture: &'a Value, name: &str) -> &'a Value {
    fixture["ridge"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// The chosen alpha exactly, `best_score`, coefficients and intercepts to 1e-8.
fn check_search(name: &str, c: &Value, alpha: f64, best_score: f64, coef: Vec<f64>, intercept: Vec<f64>) {
    assert_eq!(alpha, c["alpha"].as_f64().unwrap(), "{name}: alpha");
    close(
        name,
        "best_score",
        &[best_score],
        &[c["best_score"].as_f64().unwrap()],
        1e-8,
    );
    close(name, "coef", &coef, &flat(&c["coef"]), 1e-8);
    close(name, "intercept", &intercept, &flat(&c["intercept"]), 1e-8);
}

const SEARCH_ALPHAS: [f64; 5] = [0.01, 0.3, 3.0, 30.0, 300.0];

/// RidgeCV with `scoring` (R² and minus the mean absolute error), by
/// leave-one-out and by folds, as scikit-learn's `scoring=`.
#[test]
fn ridge_cv_scoring_matches_scikit_learn() {
    use learnkit::model_selection::{NegMeanAbsoluteError, R2};
    let fx = scoring_fixture();
    let (x, y) = (matrix(&fx["ridge_data"]["X"]), vector(&fx["ridge_data"]["y"]));
    let base = RidgeCV::default().alphas(SEARCH_ALPHAS.to_vec());
    let check = |name: &str, fitted: learnkit::linear_model::FittedRidgeCV<f64>| {
        let c = ridge_case(&fx, name);
        check_search(
            name,
            c,
            fitted.alpha(),
            fitted.best_score(),
            fitted.coef().to_vec(),
            vec![fitted.intercept()],
        );
    };
    check(
        "ridge_gcv_r2",
        base.clone().scoring(R2).fit(x.view(), y.view()).unwrap(),
    );
    check(
        "ridge_gcv_mae",
        base.clone()
            .scoring(NegMeanAbsoluteError)
            .fit(x.view(), y.view())
            .unwrap(),
    );
    let folds = Replay::of(ridge_case(&fx, "ridge_kfold_r2"));
    check(
        "ridge_kfold_r2",
        base.clone()
            .cv(KFold::new(4))
            .scoring(R2)
            .fit(x.view(), y.view())
            .unwrap(),
    );
    check(
        "ridge_kfold_mae",
        base.clone()
            .scoring(NegMeanAbsoluteError)
            .cv(folds)
            .fit(x.view(), y.view())
            .unwrap(),
    );
    // The scorer changes the choice: minus the MSE picks another alpha than
    // minus the MAE here (a test of the scorer being used at all).
    let default = base.fit(x.view(), y.view()).unwrap();
    assert_ne!(
        default.alpha(),
        ridge_case(&fx, "ridge_gcv_mae")["alpha"].as_f64().unwrap()
    );
}

/// RidgeClassifierCV with a splitter (KFold, StratifiedKFold folds) and with
/// `scoring` accuracy, by leave-one-out and by folds.
#[test]
fn ridge_classifier_cv_folds_and_scoring_match_scikit_learn() {
    use learnkit::linear_model::RidgeClassifierCV;
    use learnkit::model_selection::Accuracy;
    let fx = scoring_fixture();
    let x = matrix(&fx["classifier_data"]["X"]);
    let y: Array1<usize> = vector(&fx["classifier_data"]["y"]).mapv(|v| v as usize);
    let base = RidgeClassifierCV::default().alphas(SEARCH_ALPHAS.to_vec());
    let check = |name: &str, fitted: learnkit::linear_model::FittedRidgeClassifierCV<f64, usize>| {
        let c = ridge_case(&fx, name);
        let coef = fitted.coef().iter().copied().collect();
        check_search(
            name,
            c,
            fitted.alpha(),
            fitted.best_score(),
            coef,
            fitted.intercept().to_vec(),
        );
    };
    check(
        "clf_kfold",
        base.clone().cv(KFold::new(5)).fit(x.view(), y.view()).unwrap(),
    );
    let stratified = Replay::of(ridge_case(&fx, "clf_stratified"));
    check(
        "clf_stratified",
        base.clone().cv(stratified.clone()).fit(x.view(), y.view()).unwrap(),
    );
    check(
        "clf_gcv_accuracy",
        base.clone().scoring(Accuracy).fit(x.view(), y.view()).unwrap(),
    );
    check(
        "clf_stratified_accuracy",
        base.clone()
            .cv(stratified)
            .scoring(Accuracy)
            .fit(x.view(), y.view())
            .unwrap(),
    );
    // The same folds on 1 thread or 2.
    let one = base
        .clone()
        .cv(KFold::new(5))
        .n_jobs(Some(1))
        .fit(x.view(), y.view())
        .unwrap();
    let two = base
        .clone()
        .cv(KFold::new(5))
        .n_jobs(Some(2))
        .fit(x.view(), y.view())
        .unwrap();
    assert_eq!((one.alpha(), one.best_score()), (two.alpha(), two.best_score()));
    assert_eq!(one.coef(), two.coef());
}

/// Two classes: the leave-one-out accuracy is that of the sign of the
/// decision values (scikit-learn 1.9.1 scores every alpha as 1.0 there),
/// equal to the accuracy of leave-one-out refits by hand.
#[test]
fn ridge_classifier_cv_binary_scoring_uses_the_sign() {
    use learnkit::linear_model::{RidgeClassifier, RidgeClassifierCV};
    use learnkit::model_selection::Accuracy;
    let fx = scoring_fixture();
    let x = matrix(&fx["classifier_data"]["X"]);
    let y: Array1<usize> = vector(&fx["classifier_data"]["y"]).mapv(|v| usize::from(v as usize == 2));
    let alpha = 3.0;
    let fitted = RidgeClassifierCV::default()
        .alphas(vec![alpha])
        .scoring(Accuracy)
        .fit(x.view(), y.view())
        .unwrap();
    let n = x.nrows();
    let mut hits = 0;
    for i in 0..n {
        let rows: Vec<usize> = (0..n).filter(|&r| r != i).collect();
        let model = RidgeClassifier::default()
            .alpha(alpha)
            .fit(
                x.select(ndarray::Axis(0), &rows).view(),
                y.select(ndarray::Axis(0), &rows).view(),
            )
            .unwrap();
        hits += usize::from(model.predict(x.slice(ndarray::s![i..=i, ..])).unwrap()[0] == y[i]);
    }
    assert!((fitted.best_score() - hits as f64 / n as f64).abs() < 1e-12);
    assert!(fitted.best_score() < 1.0);
}

/// A scorer with sample weights is refused (the scorers take none), by
/// leave-one-out and by folds.
#[test]
fn ridge_cv_scoring_with_weights_is_refused() {
    use learnkit::linear_model::RidgeClassifierCV;
    use learnkit::model_selection::{Accuracy, R2};
    let fx = scoring_fixture();
    let (x, y) = (matrix(&fx["ridge_data"]["X"]), vector(&fx["ridge_data"]["y"]));
    let w = Array1::ones(y.len());
    let err = RidgeCV::default()
        .scoring(R2)
        .fit_weighted(x.view(), y.view(), w.view())
        .unwrap_err();
    assert!(matches!(err, learnkit::Error::InvalidInput { .. }), "{err}");
    let err = RidgeCV::default()
        .scoring(R2)
        .cv(KFold::new(3))
        .fit_weighted(x.view(), y.view(), w.view())
        .unwrap_err();
    assert!(matches!(err, learnkit::Error::InvalidInput { .. }), "{err}");
    let xk = matrix(&fx["classifier_data"]["X"]);
    let yk: Array1<usize> = vector(&fx["classifier_data"]["y"]).mapv(|v| v as usize);
    let wk = Array1::ones(yk.len());
    let err = RidgeClassifierCV::default()
        .scoring(Accuracy)
        .fit_weighted(xk.view(), yk.view(), wk.view())
        .unwrap_err();
    assert!(matches!(err, learnkit::Error::InvalidInput { .. }), "{err}");
}
