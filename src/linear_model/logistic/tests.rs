//! Unit tests of `LogisticRegression` on synthetic problems whose optimum is
//! known independently (a direct Newton solve), plus the error paths.

use super::*;
use crate::class_weight::ClassWeight;
use crate::traits::{Classifier, DecisionFunction, PredictProba, Predictor};
use ndarray::{Array2, array};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A random classification problem: Gaussian features and labels drawn from
/// a logistic model, so classes overlap and the optimum is finite.
fn synthetic(n: usize, p: usize, n_classes: usize, seed: u64) -> (Array2<f64>, Array1<usize>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let x = Array2::from_shape_fn((n, p), |_| rng.random::<f64>() * 4.0 - 2.0);
    let true_coef = Array2::from_shape_fn((n_classes, p), |_| rng.random::<f64>() * 2.0 - 1.0);
    let y = x
        .outer_iter()
        .map(|row| {
            let mut z: Vec<f64> = true_coef.outer_iter().map(|w| w.dot(&row)).collect();
            loss::softmax_in_place(&mut z);
            let u: f64 = rng.random();
            let mut acc = 0.0;
            z.iter()
                .position(|p| {
                    acc += p;
                    u < acc
                })
                .unwrap_or(n_classes - 1)
        })
        .collect();
    (x, y)
}

/// Index of parameter (class c, column j) in the flat layout; column `p` is
/// the intercept.
fn index(k: usize, p: usize, c: usize, j: usize) -> usize {
    if j < p { c * p + j } else { k * p + c }
}

/// Gradient and Hessian of the scaled objective, written out naively.
fn naive_gradient_hessian(
    x: &Array2<f64>,
    y: &[usize],
    omega: &[f64],
    n_classes: usize,
    fit_intercept: bool,
    l2: f64,
    theta: &[f64],
) -> (Vec<f64>, Array2<f64>) {
    let (n, p) = x.dim();
    let k = if n_classes == 2 { 1 } else { n_classes };
    let cols = if fit_intercept { p + 1 } else { p };
    let d = theta.len();
    let mut g = vec![0.0; d];
    let mut h = Array2::<f64>::zeros((d, d));
    for i in 0..n {
        let a: Vec<f64> = (0..cols).map(|j| if j < p { x[[i, j]] } else { 1.0 }).collect();
        let z: Vec<f64> = (0..k)
            .map(|c| (0..cols).map(|j| theta[index(k, p, c, j)] * a[j]).sum())
            .collect();
        let prob: Vec<f64> = if k == 1 {
            vec![1.0 / (1.0 + (-z[0]).exp())]
        } else {
            let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
            let s: f64 = e.iter().sum();
            e.iter().map(|v| v / s).collect()
        };
        for c in 0..k {
            let target = if k == 1 {
                (y[i] == 1) as u8 as f64
            } else {
                (y[i] == c) as u8 as f64
            };
            for j in 0..cols {
                g[index(k, p, c, j)] += omega[i] * (prob[c] - target) * a[j];
            }
            for e in 0..k {
                let curvature = if k == 1 {
                    prob[0] * (1.0 - prob[0])
                } else {
                    prob[c] * ((c == e) as u8 as f64 - prob[e])
                };
                for j in 0..cols {
                    for l in 0..cols {
                        h[[index(k, p, c, j), index(k, p, e, l)]] += omega[i] * curvature * a[j] * a[l];
                    }
                }
            }
        }
    }
    for c in 0..k {
        for j in 0..p {
            let q = index(k, p, c, j);
            g[q] += l2 * theta[q];
            h[[q, q]] += l2;
        }
    }
    (g, h)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Array2<f64>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&r, &s| a[[r, col]].abs().total_cmp(&a[[s, col]].abs()))
            .unwrap();
        for j in 0..n {
            a.swap([col, j], [pivot, j]);
        }
        b.swap(col, pivot);
        for row in col + 1..n {
            let factor = a[[row, col]] / a[[col, col]];
            for j in col..n {
                a[[row, j]] -= factor * a[[col, j]];
            }
            b[row] -= factor * b[col];
        }
    }
    let mut out = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|j| a[[row, j]] * out[j]).sum();
        out[row] = (b[row] - s) / a[[row, row]];
    }
    out
}

/// The optimum by Newton's method (needs a non-singular Hessian).
fn newton(
    x: &Array2<f64>,
    y: &[usize],
    sample_weight: &[f64],
    n_classes: usize,
    fit_intercept: bool,
    c: f64,
) -> Vec<f64> {
    let total: f64 = sample_weight.iter().sum();
    let omega: Vec<f64> = sample_weight.iter().map(|w| w / total).collect();
    let l2 = 1.0 / (c * total);
    let k = if n_classes == 2 { 1 } else { n_classes };
    let d = k * x.ncols() + if fit_intercept { k } else { 0 };
    let mut theta = vec![0.0; d];
    for _ in 0..50 {
        let (g, h) = naive_gradient_hessian(x, y, &omega, n_classes, fit_intercept, l2, &theta);
        if g.iter().all(|v| v.abs() < 1e-15) {
            break;
        }
        let step = solve(h, g.iter().map(|v| -v).collect());
        theta.iter_mut().zip(&step).for_each(|(t, s)| *t += s);
    }
    theta
}

fn flat<L: Label>(model: &FittedLogisticRegression<f64, L>) -> Vec<f64> {
    let mut out: Vec<f64> = model.coef().iter().copied().collect();
    out.extend(model.intercept().iter());
    out
}

fn assert_close(got: &[f64], expected: &[f64], tolerance: f64) {
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(expected) {
        assert!(
            (g - e).abs() <= tolerance * e.abs().max(1.0),
            "got {got:?}\nexpected {expected:?}"
        );
    }
}

#[test]
fn binary_with_weights_matches_newton() {
    let (x, y) = synthetic(200, 4, 2, 1);
    let weights: Vec<f64> = (0..200).map(|i| 0.5 + (i % 3) as f64).collect();
    let model = LogisticRegression::default()
        .c(0.5)
        .tol(1e-12)
        .max_iter(1000)
        .fit_weighted(x.view(), y.view(), Array1::from(weights.clone()).view())
        .unwrap();
    assert!(model.converged());
    assert_eq!(model.coef().dim(), (1, 4));
    let expected = newton(&x, y.as_slice().unwrap(), &weights, 2, true, 0.5);
    assert_close(&flat(&model), &expected, 1e-8);
}

#[test]
fn multinomial_without_intercept_matches_newton() {
    let (x, y) = synthetic(300, 3, 4, 2);
    let model = LogisticRegression::default()
        .c(2.0)
        .fit_intercept(false)
        .tol(1e-12)
        .max_iter(1000)
        .fit(x.view(), y.view())
        .unwrap();
    assert!(model.converged());
    assert_eq!(model.coef().dim(), (4, 3));
    assert_eq!(model.intercept(), Array1::<f64>::zeros(4));
    let expected = newton(&x, y.as_slice().unwrap(), &[1.0; 300], 4, false, 2.0);
    assert_close(&model.coef().iter().copied().collect::<Vec<_>>(), &expected, 1e-8);
}

#[test]
fn multinomial_with_intercept_is_stationary_and_centred() {
    // The intercepts of the multinomial model are defined up to a common
    // shift; L-BFGS from zero keeps their sum at zero, as in scikit-learn.
    let (x, y) = synthetic(300, 3, 3, 3);
    let model = LogisticRegression::default()
        .tol(1e-12)
        .max_iter(1000)
        .fit(x.view(), y.view())
        .unwrap();
    assert!(model.converged());
    let omega = vec![1.0 / 300.0; 300];
    let (g, _) = naive_gradient_hessian(&x, y.as_slice().unwrap(), &omega, 3, true, 1.0 / 300.0, &flat(&model));
    // The relative-reduction stop (64 ε, as scikit-learn's ftol) ends the
    // run once the objective no longer moves in double precision, around a
    // gradient of 1e-8 here.
    assert!(g.iter().all(|v| v.abs() < 1e-7), "{g:?}");
    assert!(model.intercept().sum().abs() < 1e-10);
    // The coefficients of each feature sum to zero over the classes (the
    // penalty's optimality condition).
    for column in model.coef().columns() {
        assert!(column.sum().abs() < 1e-9);
    }
}

#[test]
fn predictions_are_consistent() {
    let (x, y) = synthetic(150, 3, 3, 4);
    let model = LogisticRegression::default().fit(x.view(), y.view()).unwrap();
    let proba = model.predict_proba(x.view()).unwrap();
    let scores = model.decision_function(x.view()).unwrap();
    let predicted = model.predict(x.view()).unwrap();
    assert_eq!(proba.dim(), (150, 3));
    assert_eq!(scores.dim(), (150, 3));
    for ((p, s), label) in proba.outer_iter().zip(scores.outer_iter()).zip(&predicted) {
        approx::assert_abs_diff_eq!(p.sum(), 1.0, epsilon = 1e-12);
        let argmax = (0..3).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        assert_eq!(*label, argmax);
        let argmax_score = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b])).unwrap();
        assert_eq!(argmax, argmax_score);
    }
    let accuracy = predicted.iter().zip(&y).filter(|(a, b)| a == b).count() as f64 / 150.0;
    assert_eq!(model.score(x.view(), y.view()).unwrap(), accuracy);
    assert_eq!(Classifier::classes(&model), &[0, 1, 2]);

    // Binary: one decision column, positive means the second class.
    let (x, y) = synthetic(100, 2, 2, 5);
    let model = LogisticRegression::default().fit(x.view(), y.view()).unwrap();
    let scores = model.decision_function(x.view()).unwrap();
    let proba = model.predict_proba(x.view()).unwrap();
    assert_eq!(scores.ncols(), 1);
    for ((s, p), label) in scores
        .column(0)
        .iter()
        .zip(proba.outer_iter())
        .zip(model.predict(x.view()).unwrap())
    {
        assert_eq!(label, usize::from(*s > 0.0));
        approx::assert_abs_diff_eq!(p[1], 1.0 / (1.0 + (-s).exp()), epsilon = 1e-12);
        approx::assert_abs_diff_eq!(p[0] + p[1], 1.0, epsilon = 1e-12);
    }
}

#[test]
fn class_weights_act_as_sample_weights() {
    let (x, y) = synthetic(120, 3, 3, 6);
    let counts = (0..3)
        .map(|c| y.iter().filter(|&&v| v == c).count() as f64)
        .collect::<Vec<_>>();
    let balanced: Vec<f64> = counts.iter().map(|n| 120.0 / (3.0 * n)).collect();
    let params = LogisticRegression::default().tol(1e-10).max_iter(1000);
    let by_class = params
        .clone()
        .class_weight(ClassWeight::Balanced)
        .fit(x.view(), y.view())
        .unwrap();
    let per_class = params
        .clone()
        .class_weight(ClassWeight::PerClass(balanced.clone()))
        .fit(x.view(), y.view())
        .unwrap();
    let sample_weight: Array1<f64> = y.iter().map(|&c| balanced[c]).collect();
    let by_sample = params.fit_weighted(x.view(), y.view(), sample_weight.view()).unwrap();
    assert_close(&flat(&by_class), &flat(&by_sample), 1e-7);
    assert_close(&flat(&per_class), &flat(&by_sample), 1e-7);
}

#[test]
fn balanced_counts_classes_by_sample_weight() {
    // scikit-learn >= 1.6: with sample weights, "balanced" uses weighted counts.
    let (x, y) = synthetic(90, 2, 2, 7);
    let sw: Array1<f64> = (0..90).map(|i| 1.0 + (i % 4) as f64).collect();
    let params = LogisticRegression::default().tol(1e-10).max_iter(1000);
    let mut per_class = [0.0; 2];
    for (&c, &w) in y.iter().zip(&sw) {
        per_class[c] += w;
    }
    let total = per_class[0] + per_class[1];
    let combined: Array1<f64> = y
        .iter()
        .zip(&sw)
        .map(|(&c, w)| w * total / (2.0 * per_class[c]))
        .collect();
    let balanced = params
        .clone()
        .class_weight(ClassWeight::Balanced)
        .fit_weighted(x.view(), y.view(), sw.view())
        .unwrap();
    let explicit = params.fit_weighted(x.view(), y.view(), combined.view()).unwrap();
    assert_close(&flat(&balanced), &flat(&explicit), 1e-7);
}

#[test]
fn integer_weights_act_as_repetitions() {
    let (x, y) = synthetic(60, 2, 3, 8);
    let sw: Array1<f64> = (0..60).map(|i| (i % 3) as f64).collect();
    let rows: Vec<usize> = (0..60).flat_map(|i| std::iter::repeat_n(i, i % 3)).collect();
    let x_rep = x.select(ndarray::Axis(0), &rows);
    let y_rep = y.select(ndarray::Axis(0), &rows);
    let params = LogisticRegression::default().tol(1e-10).max_iter(1000);
    let weighted = params.fit_weighted(x.view(), y.view(), sw.view()).unwrap();
    let repeated = params.fit(x_rep.view(), y_rep.view()).unwrap();
    assert_close(&flat(&weighted), &flat(&repeated), 1e-7);
}

#[test]
fn bit_identical_on_one_and_two_threads() {
    // More rows than one block, so the loss is reduced over several blocks.
    let (x, y) = synthetic(3 * loss::BLOCK_ROWS + 123, 20, 3, 9);
    let (xb, yb) = synthetic(2 * loss::BLOCK_ROWS + 7, 15, 2, 10);
    let x32 = x.mapv(|v| v as f32);
    let fit = |n_jobs| {
        let params = LogisticRegression::default().n_jobs(n_jobs);
        let multi = params.fit(x.view(), y.view()).unwrap();
        let binary = params.fit(xb.view(), yb.view()).unwrap();
        let single = params.fit(x32.view(), y.view()).unwrap();
        let scores = multi.decision_function(x.view()).unwrap();
        (multi, binary, single, scores)
    };
    let (m1, b1, s1, d1) = fit(Some(1));
    let (m2, b2, s2, d2) = fit(Some(2));
    assert_eq!(
        (m1.coef(), m1.intercept(), m1.n_iter()),
        (m2.coef(), m2.intercept(), m2.n_iter())
    );
    assert_eq!(
        (b1.coef(), b1.intercept(), b1.n_iter()),
        (b2.coef(), b2.intercept(), b2.n_iter())
    );
    assert_eq!(
        (s1.coef(), s1.intercept(), s1.n_iter()),
        (s2.coef(), s2.intercept(), s2.n_iter())
    );
    assert_eq!(d1, d2);
}

#[test]
fn f32_agrees_with_f64() {
    let (x, y) = synthetic(500, 5, 3, 11);
    let x32 = x.mapv(|v| v as f32);
    let params = LogisticRegression::default().tol(1e-6).max_iter(1000);
    let m64 = params.fit(x.view(), y.view()).unwrap();
    let m32 = params.fit(x32.view(), y.view()).unwrap();
    for (a, b) in m32.coef().iter().zip(m64.coef().iter()) {
        assert!((f64::from(*a) - b).abs() < 1e-4 * b.abs().max(1.0), "{a} vs {b}");
    }
    assert_eq!(m32.predict(x32.view()).unwrap(), m64.predict(x.view()).unwrap());
}

#[test]
fn separable_data_stays_finite() {
    // Perfectly separable with a huge C: the optimum runs off to large
    // weights; the losses must not overflow.
    let x: Array2<f64> = array![[-3.0], [-2.0], [-1.0], [1.0], [2.0], [3.0]];
    let y = array![0, 0, 0, 1, 1, 1];
    let model = LogisticRegression::default()
        .c(1e10)
        .max_iter(500)
        .fit(x.view(), y.view())
        .unwrap();
    assert!(model.coef().iter().all(|v| v.is_finite()));
    assert_eq!(model.predict(x.view()).unwrap(), y);
    let proba: Array2<f64> = model.predict_proba(array![[100.0], [-100.0]].view()).unwrap();
    assert!(proba.iter().all(|p| p.is_finite()));
}

#[test]
fn max_iter_is_not_an_error() {
    let (x, y) = synthetic(100, 3, 3, 12);
    let model = LogisticRegression::default()
        .max_iter(2)
        .tol(1e-12)
        .fit(x.view(), y.view())
        .unwrap();
    assert!(!model.converged());
    assert_eq!(model.n_iter(), 2);
}

#[test]
fn string_labels_come_back() {
    let x = array![[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]];
    let y = array!["b", "a", "c", "b", "c", "a"].mapv(String::from);
    let model = LogisticRegression::default().fit(x.view(), y.view()).unwrap();
    assert_eq!(model.classes(), &["a".to_string(), "b".to_string(), "c".to_string()]);
    assert_eq!(model.predict(x.view()).unwrap().len(), 6);
}

mod errors {
    use super::*;
    use crate::Error;

    fn data() -> (Array2<f64>, Array1<usize>) {
        (
            array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]],
            array![0, 0, 1, 1],
        )
    }

    fn invalid(params: LogisticRegression, parameter: &str) {
        let (x, y) = data();
        match params.fit(x.view(), y.view()) {
            Err(Error::InvalidParameter { parameter: p, .. }) => assert_eq!(p, parameter),
            other => panic!("expected InvalidParameter({parameter}), got {other:?}"),
        }
    }

    #[test]
    fn non_finite_x() {
        let (mut x, y) = data();
        x[[2, 1]] = f64::NAN;
        let err = LogisticRegression::default().fit(x.view(), y.view()).unwrap_err();
        assert!(matches!(err, Error::NonFinite { row: 2, column: 1, .. }), "{err:?}");
        x[[2, 1]] = f64::NEG_INFINITY;
        let err = LogisticRegression::default().fit(x.view(), y.view()).unwrap_err();
        assert!(matches!(err, Error::NonFinite { row: 2, column: 1, .. }), "{err:?}");
    }

    #[test]
    fn empty_x() {
        let x = Array2::<f64>::zeros((0, 2));
        let y = Array1::<usize>::zeros(0);
        let err = LogisticRegression::default().fit(x.view(), y.view()).unwrap_err();
        assert!(matches!(err, Error::EmptyInput { .. }), "{err:?}");
        let x = Array2::<f64>::zeros((4, 0));
        let err = LogisticRegression::default()
            .fit(x.view(), data().1.view())
            .unwrap_err();
        assert!(matches!(err, Error::EmptyInput { .. }), "{err:?}");
    }

    #[test]
    fn y_length_mismatch() {
        let (x, _) = data();
        let err = LogisticRegression::default()
            .fit(x.view(), array![0, 1, 1].view())
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::ShapeMismatch {
                    expected: 4,
                    got: 3,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn single_class() {
        let (x, _) = data();
        let err = LogisticRegression::default()
            .fit(x.view(), array![7, 7, 7, 7].view())
            .unwrap_err();
        assert!(
            matches!(err, Error::SingleClass { ref class, .. } if class == "7"),
            "{err:?}"
        );
    }

    #[test]
    fn bad_c() {
        for c in [0.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
            invalid(LogisticRegression::default().c(c), "C");
        }
    }

    /// scikit-learn 1.9.1: `C = inf` is no penalty, the same model as
    /// `Penalty::None`.
    #[test]
    fn infinite_c_is_no_penalty() {
        let (x, y) = data();
        let none = crate::linear_model::Penalty::None;
        let a: crate::linear_model::FittedLogisticRegression<f64, usize> = LogisticRegression::default()
            .c(f64::INFINITY)
            .fit(x.view(), y.view())
            .unwrap();
        let b = LogisticRegression::default()
            .penalty(none)
            .fit(x.view(), y.view())
            .unwrap();
        assert_eq!(a.coef(), b.coef());
        assert_eq!(a.intercept(), b.intercept());
    }

    #[test]
    fn bad_tol() {
        for tol in [0.0, -1e-4, f64::NAN] {
            invalid(LogisticRegression::default().tol(tol), "tol");
        }
    }

    #[test]
    fn zero_max_iter() {
        invalid(LogisticRegression::default().max_iter(0), "max_iter");
    }

    #[test]
    fn zero_n_jobs() {
        invalid(LogisticRegression::default().n_jobs(Some(0)), "n_jobs");
    }

    #[test]
    fn bad_class_weight() {
        invalid(
            LogisticRegression::default().class_weight(ClassWeight::PerClass(vec![1.0])),
            "class_weight",
        );
        invalid(
            LogisticRegression::default().class_weight(ClassWeight::PerClass(vec![1.0, -1.0])),
            "class_weight",
        );
        // All-zero class weights leave nothing to fit.
        let (x, y) = data();
        let err = LogisticRegression::default()
            .class_weight(ClassWeight::PerClass(vec![0.0, 0.0]))
            .fit(x.view(), y.view())
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    }

    #[test]
    fn bad_sample_weight() {
        let (x, y) = data();
        let params = LogisticRegression::default();
        let err = params
            .fit_weighted(x.view(), y.view(), array![1.0, -1.0, 1.0, 1.0].view())
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        let err = params
            .fit_weighted(x.view(), y.view(), array![1.0, 1.0].view())
            .unwrap_err();
        assert!(matches!(err, Error::ShapeMismatch { .. }), "{err:?}");
        let err = params
            .fit_weighted(x.view(), y.view(), array![1.0, f64::NAN, 1.0, 1.0].view())
            .unwrap_err();
        assert!(matches!(err, Error::NonFinite { .. }), "{err:?}");
    }

    #[test]
    fn wrong_feature_count_at_predict() {
        let (x, y) = data();
        let model = LogisticRegression::default().fit(x.view(), y.view()).unwrap();
        let wrong = array![[1.0, 2.0, 3.0]];
        let check = |err: Error| {
            assert!(matches!(
                err,
                Error::FeatureCountMismatch {
                    expected: 2,
                    got: 3,
                    ..
                }
            ))
        };
        check(model.predict(wrong.view()).unwrap_err());
        check(model.predict_proba(wrong.view()).unwrap_err());
        check(model.decision_function(wrong.view()).unwrap_err());
        check(model.score(wrong.view(), array![0].view()).unwrap_err());
        let err = model.predict(array![[f64::NAN, 0.0]].view()).unwrap_err();
        assert!(matches!(err, Error::NonFinite { .. }));
        let err = model.score(x.view(), array![0, 1].view()).unwrap_err();
        assert!(matches!(err, Error::ShapeMismatch { .. }));
    }
}
