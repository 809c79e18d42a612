//! SVC against scikit-learn 1.9.1 (tests/fixtures/svm.json, made by
//! tools/reference/svm.py), and its error paths.
//!
//! Both sides run libsvm's algorithm to the same tolerance (1e-3) with the
//! kernel cached in `f32`, so the solvers take the same steps: predictions
//! and support-vector counts are equal, and dual coefficients, intercepts
//! and decision values agree to rounding (measured: decision values within
//! 2e-10, dual coefficients within 2e-8).

use crate::common;

use common::fixtures::{assert_invalid_parameter, bundled, matrix, quarter_split, svm_kernel, vector};
use learnkit::class_weight::ClassWeight;
use learnkit::datasets::{load_breast_cancer, load_iris};
use learnkit::prelude::*;
use learnkit::svm::{DecisionFunctionShape, FittedSVC, Gamma, Kernel};
use ndarray::{Array1, Array2, Axis, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/svm.json")).unwrap()
}

/// The case's data, split as in the script (iris raw, the others standardised).
fn data(case: &Value) -> (Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>) {
    let name = case["dataset"].as_str().unwrap();
    let (x, y) = bundled(name, name != "iris");
    quarter_split(&x, &y)
}

fn model(case: &Value) -> SVC {
    let kernel = svm_kernel(case);
    let class_weight = match case["class_weight"].as_str() {
        Some("balanced") => ClassWeight::Balanced,
        _ => ClassWeight::Uniform,
    };
    SVC::default()
        .c(case["C"].as_f64().unwrap())
        .kernel(kernel)
        .class_weight(class_weight)
}

fn fit(case: &Value, svc: &SVC, x: &Array2<f64>, y: &Array1<usize>) -> FittedSVC<f64, usize> {
    if case["sample_weight"].is_null() {
        svc.fit(x.view(), y.view()).unwrap()
    } else {
        let w: Array1<f64> = (0..x.nrows()).map(|i| 0.5 + 0.25 * (i % 5) as f64).collect();
        svc.fit_weighted(x.view(), y.view(), w.view()).unwrap()
    }
}

fn max_abs_difference(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    assert_eq!(a.dim(), b.dim());
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}

#[test]
fn svc_matches_scikit_learn() {
    let fixture = fixture();
    for (name, case) in fixture["cases"].as_object().unwrap() {
        let (x, y, x_test, _) = data(case);
        let svc = model(case);
        let c = case["C"].as_f64().unwrap();
        let fitted = fit(case, &svc, &x, &y);
        assert!(fitted.converged(), "{name}: not converged");

        let expected_pred: Vec<usize> = vector(&case["predict"]).iter().map(|&v| v as usize).collect();
        let pred = fitted.predict(x_test.view()).unwrap();
        let same = pred.iter().zip(&expected_pred).filter(|(a, b)| a == b).count();
        // The solver follows libsvm step by step (kernel rows cached in
        // f32 as its Qfloat), so the models agree to rounding.
        assert_eq!(
            same,
            expected_pred.len(),
            "{name}: {same}/{} predictions agree",
            expected_pred.len()
        );

        let expected_n: Vec<usize> = vector(&case["n_support"]).iter().map(|&v| v as usize).collect();
        assert_eq!(fitted.n_support(), &expected_n[..], "{name}: support vectors per class");

        // Dual coefficients, matched by training row (a support vector only
        // one side has must have a small coefficient on that side).
        let expected_support: Vec<usize> = vector(&case["support"]).iter().map(|&v| v as usize).collect();
        let expected_coef = matrix(&case["dual_coef"]);
        let tol = 1e-6 * c.max(1.0);
        let mut by_row = std::collections::HashMap::new();
        for (k, &r) in expected_support.iter().enumerate() {
            by_row.insert(r, expected_coef.column(k).to_owned());
        }
        for (k, &r) in fitted.support().iter().enumerate() {
            let got = fitted.dual_coef().column(k).to_owned();
            let want = by_row.remove(&r).unwrap_or_else(|| Array1::zeros(got.len()));
            let diff = (&got - &want).mapv(f64::abs).fold(0.0, |a: f64, &b| a.max(b));
            assert!(diff <= tol, "{name}: dual_coef of row {r}: {got} vs {want}");
        }
        for (r, want) in by_row {
            assert!(
                want.iter().all(|v| v.abs() <= tol),
                "{name}: row {r} is only a support vector in scikit-learn: {want}"
            );
        }

        let expected_intercept = vector(&case["intercept"]);
        for (got, want) in fitted.intercept().iter().zip(&expected_intercept) {
            assert!(
                (got - want).abs() <= 1e-8 * want.abs().max(1.0),
                "{name}: intercept {got} vs {want}"
            );
        }

        let rows: Vec<usize> = vector(&case["decision_rows"]).iter().map(|&v| v as usize).collect();
        let sample = x_test.select(Axis(0), &rows);
        let ovr = fitted.decision_function(sample.view()).unwrap();
        let d = max_abs_difference(&ovr, &matrix(&case["decision_ovr"]));
        assert!(d <= 1e-8, "{name}: ovr decision differs by {d}");
        let ovo_model = fit(
            case,
            &svc.clone().decision_function_shape(DecisionFunctionShape::Ovo),
            &x,
            &y,
        );
        let ovo = ovo_model.decision_function(sample.view()).unwrap();
        let d = max_abs_difference(&ovo, &matrix(&case["decision_ovo"]));
        assert!(d <= 1e-8, "{name}: ovo decision differs by {d}");
    }
}

#[test]
fn precomputed_kernel_equals_the_linear_kernel() {
    let iris = load_iris();
    let x = &iris.data;
    let gram = x.dot(&x.t());
    let linear = SVC::default()
        .kernel(Kernel::Linear)
        .fit(x.view(), iris.target.view())
        .unwrap();
    let pre = SVC::default()
        .kernel(Kernel::Precomputed)
        .fit(gram.view(), iris.target.view())
        .unwrap();
    assert_eq!(pre.support(), linear.support());
    assert_eq!(pre.support_vectors().nrows(), 0);
    assert_eq!(pre.predict(gram.view()).unwrap(), linear.predict(x.view()).unwrap());
    let d = max_abs_difference(
        &pre.decision_function(gram.view()).unwrap(),
        &linear.decision_function(x.view()).unwrap(),
    );
    assert!(d < 1e-9, "decision differs by {d}");
}

#[test]
fn precomputed_kernel_must_be_square() {
    let x = Array2::<f64>::eye(3).slice(ndarray::s![.., ..2]).to_owned();
    let err = SVC::default()
        .kernel(Kernel::Precomputed)
        .fit(x.view(), array![0, 1, 1].view());
    assert!(
        matches!(
            err,
            Err(Error::ShapeMismatch {
                expected: 3,
                got: 2,
                ..
            })
        ),
        "{err:?}"
    );
}

#[test]
fn a_class_without_weight_is_an_error() {
    let x = array![[0.0], [1.0], [2.0], [3.0]];
    let y = array![0, 0, 1, 1];
    let err = SVC::default()
        .class_weight(ClassWeight::PerClass(vec![1.0, 0.0]))
        .fit(x.view(), y.view());
    assert!(matches!(err, Err(Error::InvalidInput { .. })), "{err:?}");
    let err = SVC::default().fit_weighted(x.view(), y.view(), array![1.0, 1.0, 0.0, 0.0].view());
    assert!(matches!(err, Err(Error::InvalidInput { .. })), "{err:?}");
    let err = SVC::default().fit_weighted(x.view(), y.view(), array![1.0, -1.0, 1.0, 1.0].view());
    assert!(matches!(err, Err(Error::InvalidInput { .. })), "{err:?}");
}

#[test]
fn invalid_hyperparameters_name_the_parameter() {
    let x = array![[0.0], [1.0]];
    let y = array![0, 1];
    let cases: Vec<(SVC, &str)> = vec![
        (SVC::default().c(0.0), "C"),
        (SVC::default().tol(f64::NAN), "tol"),
        (SVC::default().cache_size(-1.0), "cache_size"),
        (SVC::default().max_iter(Some(0)), "max_iter"),
        (SVC::default().n_jobs(Some(0)), "n_jobs"),
        (
            SVC::default().kernel(Kernel::Rbf {
                gamma: Gamma::Value(0.0),
            }),
            "gamma",
        ),
        (
            SVC::default().kernel(Kernel::Poly {
                degree: 0,
                gamma: Gamma::Scale,
                coef0: 0.0,
            }),
            "degree",
        ),
        (
            SVC::default().kernel(Kernel::Sigmoid {
                gamma: Gamma::Scale,
                coef0: f64::INFINITY,
            }),
            "coef0",
        ),
        (
            SVC::default().class_weight(ClassWeight::BalancedSubsample),
            "class_weight",
        ),
    ];
    for (svc, parameter) in cases {
        assert_invalid_parameter(svc.fit(x.view(), y.view()), "SVC", parameter);
    }
}

#[test]
fn shrinking_and_cache_size_do_not_change_the_model_much() {
    let cancer = load_breast_cancer();
    let x = StandardScaler::default()
        .fit_unsupervised(cancer.data.view())
        .unwrap()
        .transform(cancer.data.view())
        .unwrap();
    let base = SVC::default().fit(x.view(), cancer.target.view()).unwrap();
    // A tiny cache (a few rows) forces evictions; no shrinking visits every variable.
    for svc in [SVC::default().cache_size(0.01), SVC::default().shrinking(false)] {
        let other = svc.fit(x.view(), cancer.target.view()).unwrap();
        let a = base.decision_function(x.view()).unwrap();
        let b = other.decision_function(x.view()).unwrap();
        assert!(max_abs_difference(&a, &b) < 1e-2);
        assert_eq!(base.predict(x.view()).unwrap(), other.predict(x.view()).unwrap());
    }
}

#[test]
fn one_large_problem_on_two_threads_gives_the_one_thread_model() {
    // Large enough that the binary problem's solver splits its variables
    // between two threads (at least 1024 each).
    let (x, y) = learnkit::datasets::MakeClassification::default()
        .n_samples(3_000)
        .n_features(8)
        .n_informative(4)
        .random_state(3)
        .generate()
        .unwrap();
    let fit = |threads| SVC::default().n_jobs(Some(threads)).fit(x.view(), y.view()).unwrap();
    let (one, two) = (fit(1), fit(2));
    assert_eq!(one.support(), two.support());
    assert_eq!(one.n_support(), two.n_support());
    let bits = |f: &FittedSVC<f64, usize>| f.dual_coef().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&one), bits(&two));
    assert_eq!(one.intercept().to_vec(), two.intercept().to_vec());
    assert!(one.n_support().iter().sum::<usize>() > 100);
}
