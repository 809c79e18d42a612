//! LinearSVC against scikit-learn 1.9.1 (tests/fixtures/linear_svc.json,
//! made by tools/reference/linear_svc.py), and its error paths.
//!
//! Both sides run liblinear's dual coordinate descent to tol = 1e-8, but with
//! different random visiting orders, so they stop at nearby points around
//! the unique optimum: coefficients and intercepts must agree to 1e-6 of the
//! largest coefficient (measured: 1e-8 or better on every case), decision
//! values likewise, and predictions on ≥ 99% of test rows.
//!
//! The `*_primal` cases run liblinear's primal trust-region Newton solver
//! (`dual=False`) on both sides, at tol = 1e-10 (1e-8 leaves one case 7e-7
//! from the optimum, see the script). It has no randomness, so both follow
//! the same Newton path up to rounding: measured, the same n_iter on every
//! case and coefficients within 1e-11 (relative), 1e-14 on most; the
//! exception is breast_cancer_intercept_scaling_primal (C = 3, constant
//! column 10, Hessian condition ~3e4), where both sides stop on liblinear's
//! "reductions below 1e-12 |f|" rule 1e-7 from the true optimum (checked by
//! Newton polishing in extended precision) and 5.2e-8 from each other. They
//! are held to 1e-7, and n_iter within one.

use crate::common;

use common::fixtures::{bundled, matrix, quarter_split, vector};
use learnkit::class_weight::ClassWeight;
use learnkit::datasets::load_iris;
use learnkit::prelude::*;
use learnkit::svm::{FittedLinearSVC, LinearSVCDual, LinearSVCLoss};
use ndarray::{Array1, Array2, Axis, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/linear_svc.json")).unwrap()
}

/// The case's data, split as in the script (iris raw, the others standardised).
fn data(case: &Value) -> (Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>) {
    let name = case["dataset"].as_str().unwrap();
    let (x, y) = bundled(name, name != "iris");
    quarter_split(&x, &y)
}

fn model(case: &Value, fixture: &Value) -> LinearSVC {
    let loss = match case["loss"].as_str().unwrap() {
        "squared_hinge" => LinearSVCLoss::SquaredHinge,
        "hinge" => LinearSVCLoss::Hinge,
        other => panic!("unknown loss {other}"),
    };
    let class_weight = match &case["class_weight"] {
        Value::String(s) if s == "balanced" => ClassWeight::Balanced,
        Value::Array(_) => ClassWeight::PerClass(vector(&case["class_weight"]).to_vec()),
        _ => ClassWeight::Uniform,
    };
    let dual = if case["dual"].as_bool().unwrap() {
        LinearSVCDual::Dual
    } else {
        LinearSVCDual::Primal
    };
    LinearSVC::default()
        .c(case["C"].as_f64().unwrap())
        .loss(loss)
        .dual(dual)
        .fit_intercept(case["fit_intercept"].as_bool().unwrap())
        .intercept_scaling(case["intercept_scaling"].as_f64().unwrap())
        .class_weight(class_weight)
        .tol(case["tol"].as_f64().unwrap())
        .max_iter(fixture["max_iter"].as_u64().unwrap() as usize)
        .random_state(0)
}

fn fit(case: &Value, svc: &LinearSVC, x: &Array2<f64>, y: &Array1<usize>) -> FittedLinearSVC<f64, usize> {
    if case["sample_weight"].is_null() {
        svc.fit(x.view(), y.view()).unwrap()
    } else {
        let w: Array1<f64> = (0..x.nrows()).map(|i| 0.5 + 0.25 * (i % 5) as f64).collect();
        svc.fit_weighted(x.view(), y.view(), w.view()).unwrap()
    }
}

/// `max |a − b|` over the largest `|b|`: the difference relative to the
/// scale of the reference weights.
fn relative_difference(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    assert_eq!(a.dim(), b.dim());
    let scale = b.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max) / scale
}

#[test]
fn linear_svc_matches_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["cases"].as_object().unwrap() {
        let (x, y, x_test, _) = data(case);
        let svc = model(case, &fixture);
        let fitted = fit(case, &svc, &x, &y);
        assert!(
            fitted.converged(),
            "{name}: not converged in {} iterations",
            fitted.n_iter()
        );

        // Coefficients and intercepts together: liblinear's weight vector.
        let expected_coef = matrix(&case["coef"]);
        let expected_intercept = vector(&case["intercept"]);
        let with_intercept = |coef: &Array2<f64>, intercept: &Array1<f64>| {
            ndarray::concatenate![Axis(1), coef.view(), intercept.view().insert_axis(Axis(1))]
        };
        let got = with_intercept(&fitted.coef().to_owned(), &fitted.intercept().to_owned());
        let want = with_intercept(&expected_coef, &expected_intercept);
        let difference = relative_difference(&got, &want);
        let primal = !case["dual"].as_bool().unwrap();
        let tolerance = if primal { 1e-7 } else { 1e-6 };
        eprintln!(
            "{name}: relative coef/intercept difference {difference:.2e}, n_iter {} (scikit-learn {})",
            fitted.n_iter(),
            case["n_iter"]
        );
        assert!(
            difference <= tolerance,
            "{name}: coef/intercept differ by {difference:e} (relative)\n{got}\nvs\n{want}"
        );
        if primal {
            // Newton steps: deterministic on both sides, within one of each other.
            let expected = case["n_iter"].as_u64().unwrap() as usize;
            assert!(
                fitted.n_iter().abs_diff(expected) <= 1,
                "{name}: n_iter {} vs scikit-learn {expected}",
                fitted.n_iter()
            );
        }

        let expected_pred: Vec<usize> = vector(&case["predict"]).iter().map(|&v| v as usize).collect();
        let pred = fitted.predict(x_test.view()).unwrap();
        let same = pred.iter().zip(&expected_pred).filter(|(a, b)| a == b).count();
        assert!(
            same as f64 >= 0.99 * expected_pred.len() as f64,
            "{name}: {same}/{} predictions agree",
            expected_pred.len()
        );

        let rows: Vec<usize> = vector(&case["decision_rows"]).iter().map(|&v| v as usize).collect();
        let decision = fitted.decision_function(x_test.select(Axis(0), &rows).view()).unwrap();
        let expected = matrix(&case["decision"]);
        let scale = expected.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        let d = decision
            .iter()
            .zip(&expected)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(d <= tolerance * scale, "{name}: decision differs by {d}");
    }
}

#[test]
fn binary_decision_has_one_column_for_the_second_class() {
    let x = array![[0.0, 0.0], [1.0, 0.5], [3.0, 3.0], [4.0, 3.5]];
    let y = array!["no", "no", "yes", "yes"];
    let model = LinearSVC::default().random_state(0).fit(x.view(), y.view()).unwrap();
    assert_eq!(model.classes(), &["no", "yes"]);
    let decision = model.decision_function(x.view()).unwrap();
    assert_eq!(decision.dim(), (4, 1));
    assert!(decision[[0, 0]] < 0.0 && decision[[3, 0]] > 0.0);
    assert_eq!(model.predict(x.view()).unwrap(), y);
    assert_eq!(model.score(x.view(), y.view()).unwrap(), 1.0);
}

#[test]
fn same_seed_gives_the_same_model_on_any_number_of_threads() {
    let iris = load_iris();
    let fit = |n_jobs| {
        LinearSVC::default()
            .random_state(7)
            .n_jobs(Some(n_jobs))
            .fit(iris.data.view(), iris.target.view())
            .unwrap()
    };
    let (one, two) = (fit(1), fit(2));
    assert_eq!(one.coef(), two.coef());
    assert_eq!(one.intercept(), two.intercept());
    assert_eq!(one.n_iter(), two.n_iter());
}

#[test]
fn stopping_at_max_iter_is_not_an_error() {
    let iris = load_iris();
    for dual in [LinearSVCDual::Dual, LinearSVCDual::Primal] {
        let model = LinearSVC::default()
            .dual(dual)
            .max_iter(2)
            .random_state(0)
            .fit(iris.data.view(), iris.target.view())
            .unwrap();
        assert!(!model.converged(), "{dual:?}");
        assert_eq!(model.n_iter(), 2, "{dual:?}");
    }
}

#[test]
fn primal_is_the_same_on_any_number_of_threads_and_any_seed() {
    let iris = load_iris();
    let fit = |n_jobs, seed| {
        LinearSVC::default()
            .dual(LinearSVCDual::Primal)
            .class_weight(ClassWeight::Balanced)
            .random_state(seed)
            .n_jobs(Some(n_jobs))
            .fit(iris.data.view(), iris.target.view())
            .unwrap()
    };
    let (one, two) = (fit(1, 0), fit(2, 99));
    assert_eq!(one.coef(), two.coef());
    assert_eq!(one.intercept(), two.intercept());
    assert_eq!(one.n_iter(), two.n_iter());
}

/// `Auto` is scikit-learn's rule: tall data (n_samples >= n_features) runs
/// the primal for the squared hinge, wide data the dual; the hinge always
/// the dual. Observed as bit-identical models with the explicit choice.
#[test]
fn auto_picks_the_solver_as_scikit_learn() {
    let iris = load_iris();
    let same = |a: &FittedLinearSVC<f64, usize>, b: &FittedLinearSVC<f64, usize>| {
        a.coef() == b.coef() && a.intercept() == b.intercept() && a.n_iter() == b.n_iter()
    };
    let fit = |svc: LinearSVC, x: &Array2<f64>, y: &Array1<usize>| svc.random_state(5).fit(x.view(), y.view()).unwrap();
    let (tall_x, tall_y) = (iris.data.to_owned(), iris.target.to_owned());
    // Wide: 3 samples of each class, all 4 features plus 8 derived ones.
    let rows: Vec<usize> = vec![0, 1, 2, 50, 51, 52, 100, 101, 102];
    let base = tall_x.select(Axis(0), &rows);
    let wide_x = ndarray::concatenate![
        Axis(1),
        base.view(),
        base.mapv(|v| v * v).view(),
        base.mapv(f64::sqrt).view()
    ];
    let wide_y = tall_y.select(Axis(0), &rows);
    assert!(wide_x.nrows() < wide_x.ncols());

    let squared = LinearSVC::default();
    let auto = fit(squared.clone(), &tall_x, &tall_y);
    assert!(same(
        &auto,
        &fit(squared.clone().dual(LinearSVCDual::Primal), &tall_x, &tall_y)
    ));
    assert!(!same(
        &auto,
        &fit(squared.clone().dual(LinearSVCDual::Dual), &tall_x, &tall_y)
    ));
    let auto = fit(squared.clone(), &wide_x, &wide_y);
    assert!(same(
        &auto,
        &fit(squared.clone().dual(LinearSVCDual::Dual), &wide_x, &wide_y)
    ));
    assert!(!same(
        &auto,
        &fit(squared.dual(LinearSVCDual::Primal), &wide_x, &wide_y)
    ));

    // Equal counts are "tall" (scikit-learn tests n_samples < n_features).
    let square_x = tall_x.slice(ndarray::s![45..49, ..]).to_owned();
    let square_y = array![0, 0, 1, 1];
    let auto = fit(LinearSVC::default(), &square_x, &square_y);
    assert!(same(
        &auto,
        &fit(LinearSVC::default().dual(LinearSVCDual::Primal), &square_x, &square_y)
    ));

    let hinge = LinearSVC::default().loss(LinearSVCLoss::Hinge);
    let auto = fit(hinge.clone(), &tall_x, &tall_y);
    assert!(same(&auto, &fit(hinge.dual(LinearSVCDual::Dual), &tall_x, &tall_y)));
}

#[test]
fn sample_weights_equal_repeated_rows() {
    // Weight 2 on a row is the same objective as the row twice.
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.5], [3.0, 1.0], [0.5, 0.5]];
    let y = array![0, 0, 1, 1, 1];
    let svc = LinearSVC::default().tol(1e-10).max_iter(100_000).random_state(0);
    let weighted = svc
        .fit_weighted(x.view(), y.view(), array![1.0, 2.0, 1.0, 1.0, 1.0].view())
        .unwrap();
    let repeated_x = ndarray::concatenate![Axis(0), x.view(), x.slice(ndarray::s![1..2, ..])];
    let repeated_y = ndarray::concatenate![Axis(0), y.view(), y.slice(ndarray::s![1..2])];
    let repeated = svc.fit(repeated_x.view(), repeated_y.view()).unwrap();
    for (a, b) in weighted.coef().iter().zip(repeated.coef()) {
        assert!((a - b).abs() < 1e-6, "{a} vs {b}");
    }
    assert!((weighted.intercept()[0] - repeated.intercept()[0]).abs() < 1e-6);
}

#[test]
fn invalid_hyperparameters_name_the_parameter() {
    let x = array![[0.0], [1.0]];
    let y = array![0, 1];
    let cases: Vec<(LinearSVC, &str)> = vec![
        (LinearSVC::default().c(0.0), "C"),
        (LinearSVC::default().c(-1.0), "C"),
        (LinearSVC::default().tol(0.0), "tol"),
        (LinearSVC::default().tol(f64::NAN), "tol"),
        (LinearSVC::default().max_iter(0), "max_iter"),
        (LinearSVC::default().intercept_scaling(0.0), "intercept_scaling"),
        (LinearSVC::default().intercept_scaling(-2.0), "intercept_scaling"),
        (LinearSVC::default().n_jobs(Some(0)), "n_jobs"),
        (
            LinearSVC::default().class_weight(ClassWeight::BalancedSubsample),
            "class_weight",
        ),
        (
            LinearSVC::default().class_weight(ClassWeight::PerClass(vec![1.0, -1.0])),
            "class_weight",
        ),
        (
            LinearSVC::default().class_weight(ClassWeight::PerClass(vec![1.0])),
            "class_weight",
        ),
        (
            LinearSVC::default()
                .loss(LinearSVCLoss::Hinge)
                .dual(LinearSVCDual::Primal),
            "dual",
        ),
    ];
    for (svc, parameter) in cases {
        match svc.fit(x.view(), y.view()) {
            Err(Error::InvalidParameter {
                estimator: std::borrow::Cow::Borrowed("LinearSVC"),
                parameter: p,
                ..
            }) => assert_eq!(p, parameter),
            other => panic!("{parameter}: expected InvalidParameter, got {other:?}"),
        }
    }
}

#[test]
fn bad_data_is_an_error() {
    let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]];
    let err = LinearSVC::default().fit(x.view(), array![1, 1, 1].view());
    assert!(matches!(err, Err(Error::SingleClass { .. })), "{err:?}");
    let err = LinearSVC::default().fit(x.view(), array![0, 1].view());
    assert!(matches!(err, Err(Error::ShapeMismatch { .. })), "{err:?}");
    let bad = array![[0.0, 1.0], [f64::INFINITY, 0.0], [2.0, 2.0]];
    let err = LinearSVC::default().fit(bad.view(), array![0, 1, 1].view());
    assert!(
        matches!(err, Err(Error::NonFinite { row: 1, column: 0, .. })),
        "{err:?}"
    );
    let err = LinearSVC::default().fit(Array2::<f64>::zeros((0, 2)).view(), Array1::<usize>::zeros(0).view());
    assert!(matches!(err, Err(Error::EmptyInput { .. })), "{err:?}");

    let y = array![0, 1, 1];
    let err = LinearSVC::default().fit_weighted(x.view(), y.view(), array![1.0, -1.0, 1.0].view());
    assert!(matches!(err, Err(Error::InvalidInput { .. })), "{err:?}");
    let err = LinearSVC::default().fit_weighted(x.view(), y.view(), array![0.0, 1.0, 1.0].view());
    assert!(matches!(err, Err(Error::InvalidInput { .. })), "{err:?}");
    let err = LinearSVC::default()
        .class_weight(ClassWeight::PerClass(vec![0.0, 1.0]))
        .fit(x.view(), y.view());
    assert!(matches!(err, Err(Error::InvalidInput { .. })), "{err:?}");

    let model = LinearSVC::default().random_state(0).fit(x.view(), y.view()).unwrap();
    let err = model.predict(array![[1.0, 2.0, 3.0]].view());
    assert!(
        matches!(
            err,
            Err(Error::FeatureCountMismatch {
                expected: 2,
                got: 3,
                ..
            })
        ),
        "{err:?}"
    );
    let err = model.decision_function(array![[f64::NAN, 2.0]].view());
    assert!(matches!(err, Err(Error::NonFinite { .. })), "{err:?}");
}
