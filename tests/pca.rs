//! PCA against scikit-learn 1.9.1 (tests/fixtures/pca.json, made by
//! tools/reference/pca.py): every solver on iris, digits and a tall matrix.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::decomposition::{FittedPCA, NComponents, PCA, SvdSolver};
use learnkit::prelude::*;
use ndarray::{Array2, ArrayView1, ArrayView2, s};
use serde_json::Value;

/// The tall matrix of tools/reference/pca.py, recomputed.
fn tall(n: usize, d: usize) -> Array2<f64> {
    Array2::from_shape_fn((n, d), |(i, j)| {
        let (fi, fj) = (i as f64, j as f64);
        let mut v = 0.0;
        for r in 0..5 {
            let r1 = (r + 1) as f64;
            v += (0.37 * r1 * fi + 0.11 * fj).sin() * (1.3 * r1 * fj + 0.07 * fi).cos() * (5 - r) as f64;
        }
        v + 0.05 * (12.9898 * fi + 78.233 * fj).sin()
    })
}

fn data(name: &str) -> Array2<f64> {
    match name {
        "iris" => learnkit::datasets::load_iris().data,
        "digits" => learnkit::datasets::load_digits().data,
        "tall" => tall(2000, 30),
        other => panic!("unknown data {other}"),
    }
}

fn solver(name: &str) -> SvdSolver {
    match name {
        "full" => SvdSolver::Full,
        "covariance_eigh" => SvdSolver::CovarianceEigh,
        "randomized" => SvdSolver::Randomized,
        "auto" => SvdSolver::Auto,
        other => panic!("unknown solver {other}"),
    }
}

fn n_components(value: &Value) -> NComponents {
    match value {
        Value::Null => NComponents::All,
        v if v.is_u64() => NComponents::Count(v.as_u64().unwrap() as usize),
        v => NComponents::VarianceFraction(v.as_f64().unwrap()),
    }
}

fn max_abs_diff(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> f64 {
    assert_eq!(a.dim(), b.dim());
    (&a - &b).iter().fold(0.0, |m, d| m.max(d.abs()))
}

fn max_rel_diff(a: ArrayView1<'_, f64>, b: ArrayView1<'_, f64>, scale: f64) -> f64 {
    assert_eq!(a.len(), b.len());
    (&a - &b).iter().fold(0.0, |m, d| m.max(d.abs() / scale))
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string("tests/fixtures/pca.json").unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["cases"].as_array().unwrap().clone()
}

fn fit(case: &Value) -> (Array2<f64>, FittedPCA<f64>) {
    let x = data(case["data"].as_str().unwrap());
    let pca = PCA::default()
        .svd_solver(solver(case["svd_solver"].as_str().unwrap()))
        .n_components(n_components(&case["n_components"]))
        .whiten(case["whiten"].as_bool().unwrap())
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    (x, pca)
}

#[test]
fn every_solver_matches_scikit_learn() {
    for case in cases() {
        let label = format!(
            "{} {} {:?} whiten={}",
            case["data"], case["svd_solver"], case["n_components"], case["whiten"]
        );
        let (x, pca) = fit(&case);
        let randomized = case["fit_svd_solver"] == "randomized";
        assert_eq!(
            pca.svd_solver(),
            solver(case["fit_svd_solver"].as_str().unwrap()),
            "{label}: solver chosen"
        );
        let k = case["n_components_"].as_u64().unwrap() as usize;
        assert_eq!(pca.n_components(), k, "{label}: n_components");

        let variance = vector(&case["explained_variance"]);
        let largest = variance[0];
        // Exact solvers: 1e-8 relative to the largest variance (the smallest
        // variances of rank-deficient data are round-off on both sides).
        let (var_tol, ratio_tol) = if randomized { (1e-4, 1e-4) } else { (1e-8, 1e-8) };
        let got = pca.explained_variance().view();
        assert!(
            max_rel_diff(got, variance.view(), largest) < var_tol,
            "{label}: explained_variance"
        );
        let ratio = vector(&case["explained_variance_ratio"]);
        assert!(
            max_rel_diff(pca.explained_variance_ratio().view(), ratio.view(), 1.0) < ratio_tol,
            "{label}: explained_variance_ratio"
        );
        let singular = vector(&case["singular_values"]);
        assert!(
            max_rel_diff(pca.singular_values().view(), singular.view(), singular[0]) < var_tol,
            "{label}: singular_values"
        );
        assert!(
            max_rel_diff(pca.mean().view(), vector(&case["mean"]).view(), 1.0) < 1e-12,
            "{label}: mean"
        );
        let noise: f64 = case["noise_variance"].as_f64().unwrap();
        assert!(
            (pca.noise_variance() - noise).abs() <= var_tol * largest,
            "{label}: noise_variance {} vs {noise}",
            pca.noise_variance()
        );

        // Components (signs included) where the spectrum separates them: the
        // leading ones, whose variance is well above round-off.
        let components = matrix(&case["components"]);
        let separated = (0..k)
            .take_while(|&c| {
                variance[c] > 1e-6 * largest
                    && (c + 1 >= variance.len() || variance[c] - variance[c + 1] > 1e-4 * largest)
            })
            .count()
            .min(10);
        let comp_tol = if randomized { 1e-3 } else { 1e-6 };
        assert!(
            max_abs_diff(
                pca.components().slice(s![..separated, ..]),
                components.slice(s![..separated, ..])
            ) < comp_tol,
            "{label}: components"
        );
        let transformed = pca.transform(x.slice(s![..10, ..])).unwrap();
        let expected = matrix(&case["transform_first_rows"]);
        let scale = expected.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        assert!(
            max_abs_diff(
                transformed.slice(s![.., ..separated]),
                expected.slice(s![.., ..separated])
            ) < comp_tol * scale,
            "{label}: transform"
        );
        if let Some(expected) = case["score_samples_first_rows"].as_array() {
            let expected: Vec<f64> = expected.iter().map(|v| v.as_f64().unwrap()).collect();
            let got = pca.score_samples(x.slice(s![..10, ..])).unwrap();
            let tol = if randomized { 1e-3 } else { 1e-6 };
            for (g, e) in got.iter().zip(&expected) {
                assert!(
                    (g - e).abs() <= tol * e.abs().max(1.0),
                    "{label}: score_samples {g} vs {e}"
                );
            }
        }
        if separated == k {
            let back = pca.inverse_transform(transformed.view()).unwrap();
            let expected = matrix(&case["inverse_first_rows"]);
            let scale = expected.iter().fold(1.0f64, |m, v| m.max(v.abs()));
            assert!(
                max_abs_diff(back.view(), expected.view()) < comp_tol * scale,
                "{label}: inverse_transform"
            );
        }
    }
}

#[test]
fn f32_input_is_computed_in_f32_and_agrees_with_f64() {
    let x = learnkit::datasets::load_digits().data;
    let x32 = x.mapv(|v| v as f32);
    for solver in [SvdSolver::Full, SvdSolver::CovarianceEigh, SvdSolver::Randomized] {
        let params = PCA::default()
            .n_components(NComponents::Count(5))
            .svd_solver(solver)
            .random_state(3);
        let a: FittedPCA<f64> = params.fit_unsupervised(x.view()).unwrap();
        let b: FittedPCA<f32> = params.fit_unsupervised(x32.view()).unwrap();
        for (p, q) in a.explained_variance_ratio().iter().zip(b.explained_variance_ratio()) {
            assert!((p - *q as f64).abs() < 1e-4, "{solver:?}: {p} vs {q}");
        }
    }
}

#[test]
fn the_randomized_solver_is_reproducible_and_thread_count_independent() {
    let x = tall(5000, 40);
    let params = PCA::default()
        .n_components(NComponents::Count(4))
        .svd_solver(SvdSolver::Randomized)
        .random_state(11);
    let one = params.clone().n_jobs(Some(1)).fit_unsupervised(x.view()).unwrap();
    let two = params.clone().n_jobs(Some(2)).fit_unsupervised(x.view()).unwrap();
    assert_eq!(one.components(), two.components());
    assert_eq!(one.explained_variance(), two.explained_variance());
    let other_seed = params.random_state(12).fit_unsupervised(x.view()).unwrap();
    assert!((other_seed.explained_variance_ratio()[0] - one.explained_variance_ratio()[0]).abs() < 1e-8);
}

#[test]
fn wide_data_uses_the_transposed_randomized_path() {
    // More columns than rows: scikit-learn's randomized SVD works on Xᵀ.
    let x = tall(60, 700);
    let exact = PCA::default()
        .n_components(NComponents::Count(3))
        .svd_solver(SvdSolver::Full)
        .fit_unsupervised(x.view())
        .unwrap();
    let fast = PCA::default()
        .n_components(NComponents::Count(3))
        .svd_solver(SvdSolver::Randomized)
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    assert!(
        max_rel_diff(
            fast.explained_variance().view(),
            exact.explained_variance().view(),
            exact.explained_variance()[0]
        ) < 1e-6
    );
    assert!(max_abs_diff(fast.components().view(), exact.components().view()) < 1e-5);
}

#[test]
fn bad_inputs_are_clear_errors() {
    let x = learnkit::datasets::load_iris().data;
    let err = |p: PCA, x: ArrayView2<'_, f64>| p.fit_unsupervised(x).unwrap_err();
    assert!(matches!(
        err(PCA::default().n_components(NComponents::Count(5)), x.view()),
        Error::InvalidParameter {
            parameter: "n_components",
            ..
        }
    ));
    assert!(matches!(
        err(PCA::default().n_components(NComponents::Count(0)), x.view()),
        Error::InvalidParameter {
            parameter: "n_components",
            ..
        }
    ));
    for f in [0.0, -0.5, 1.5, f64::NAN] {
        assert!(matches!(
            err(PCA::default().n_components(NComponents::VarianceFraction(f)), x.view()),
            Error::InvalidParameter {
                parameter: "n_components",
                ..
            }
        ));
    }
    assert!(matches!(
        err(
            PCA::default()
                .n_components(NComponents::VarianceFraction(0.9))
                .svd_solver(SvdSolver::Randomized),
            x.view()
        ),
        Error::InvalidParameter {
            parameter: "n_components",
            ..
        }
    ));
    assert!(matches!(
        err(PCA::default(), x.slice(s![..1, ..])),
        Error::InvalidInput { .. }
    ));
    assert!(matches!(
        err(PCA::default().n_oversamples(0), x.view()),
        Error::InvalidParameter {
            parameter: "n_oversamples",
            ..
        }
    ));
    let fitted = PCA::default()
        .n_components(NComponents::Count(2))
        .fit_unsupervised(x.view())
        .unwrap();
    assert!(matches!(
        fitted.inverse_transform(x.view()),
        Err(Error::FeatureCountMismatch {
            expected: 2,
            got: 4,
            ..
        })
    ));
}

#[test]
fn variance_fraction_of_one_keeps_every_component() {
    let x = learnkit::datasets::load_iris().data;
    let pca = PCA::default()
        .n_components(NComponents::VarianceFraction(1.0))
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(pca.n_components(), 4);
}

#[test]
fn truncated_svd_matches_scikit_learn() {
    use learnkit::decomposition::TruncatedSVD;
    let text = std::fs::read_to_string("tests/fixtures/pca.json").unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    for case in json["truncated_svd"].as_array().unwrap() {
        let name = case["data"].as_str().unwrap();
        let x = data(name);
        let k = case["n_components"].as_u64().unwrap() as usize;
        let svd = TruncatedSVD::default()
            .n_components(k)
            .random_state(0)
            .fit_unsupervised(x.view())
            .unwrap();
        let singular = vector(&case["singular_values"]);
        assert!(
            max_rel_diff(svd.singular_values().view(), singular.view(), singular[0]) < 1e-6,
            "{name}: singular values {} vs {singular}",
            svd.singular_values()
        );
        let ratio = vector(&case["explained_variance_ratio"]);
        assert!(
            max_rel_diff(svd.explained_variance_ratio().view(), ratio.view(), 1.0) < 1e-5,
            "{name}: ratio"
        );
        let variance = vector(&case["explained_variance"]);
        assert!(
            max_rel_diff(svd.explained_variance().view(), variance.view(), variance[0]) < 1e-5,
            "{name}: variance"
        );
        let components = matrix(&case["components"]);
        assert!(
            max_abs_diff(svd.components().view(), components.view()) < 1e-4,
            "{name}: components"
        );
        let transformed = svd.transform(x.slice(s![..10, ..])).unwrap();
        let expected = matrix(&case["transform_first_rows"]);
        let scale = expected.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        assert!(
            max_abs_diff(transformed.view(), expected.view()) < 1e-4 * scale,
            "{name}: transform"
        );
    }
}
