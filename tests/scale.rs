//! Issue 12, failure 6: features multiplied by 1e200, 1e150 or 1e-12 used
//! to give `LogisticRegression`, `LinearSVC` and `SVC` a one-class model
//! with no word to the user. Now each case either predicts as at scale 1,
//! or says so: `converged() == false` with a warning, an intercept-only
//! warning (the L2 penalty is not scale invariant: at × 1e-12 the penalised
//! optimum really is the intercept), or an error naming the scale.
//!
//! Warnings go through the `log` facade; `common::warnings` captures them.

use crate::common::warnings::{capture, clear_records, records, records_naming, warned};
use learnkit::Error;
use learnkit::datasets::{load_breast_cancer, load_iris};
use learnkit::linear_model::{Cs, LogisticRegressionCV};
use learnkit::prelude::*;
use learnkit::svm::{LinearSVC, LinearSVCLoss, SVC, SVR};
use ndarray::{Array1, Array2};

const NOT_CONVERGED: &str = "did not converge";
const INTERCEPT_ONLY: &str = "intercept-only model";

fn scaled(x: &Array2<f64>, s: f64) -> Array2<f64> {
    x.mapv(|v| v * s)
}

fn n_distinct(p: &Array1<usize>) -> usize {
    let mut v = p.to_vec();
    v.sort_unstable();
    v.dedup();
    v.len()
}

#[test]
fn a_fit_stopped_at_max_iter_warns_and_a_converged_one_does_not() {
    let _lock = capture();
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());

    let model = LogisticRegression::default().max_iter(1).fit(x, y).unwrap();
    assert!(!model.converged());
    assert!(warned("LogisticRegression", NOT_CONVERGED), "{:?}", records());
    assert!(warned("LogisticRegression", "max_iter = 1"), "{:?}", records());

    clear_records();
    let model = LogisticRegression::default().max_iter(1000).fit(x, y).unwrap();
    assert!(model.converged());
    assert_eq!(records_naming(&["LogisticRegression"]), Vec::<String>::new());

    clear_records();
    let model = LinearSVC::default().max_iter(1).random_state(0).fit(x, y).unwrap();
    assert!(!model.converged());
    assert!(warned("LinearSVC", NOT_CONVERGED), "{:?}", records());
    clear_records();
    let model = LinearSVC::default().random_state(0).fit(x, y).unwrap();
    assert!(model.converged());
    assert_eq!(records_naming(&["LinearSVC"]), Vec::<String>::new());

    clear_records();
    let model = SVC::default().max_iter(Some(1)).fit(x, y).unwrap();
    assert!(!model.converged());
    assert!(warned("SVC", NOT_CONVERGED), "{:?}", records());
    clear_records();
    let model = SVC::default().fit(x, y).unwrap();
    assert!(model.converged());
    assert_eq!(records_naming(&["SVC"]), Vec::<String>::new());

    clear_records();
    let target = iris.data.column(0).to_owned();
    let model = SVR::default()
        .max_iter(Some(1))
        .fit(iris.data.view(), target.view())
        .unwrap();
    assert!(!model.converged());
    assert!(warned("SVR", NOT_CONVERGED), "{:?}", records());
    clear_records();
    let model = SVR::default().fit(iris.data.view(), target.view()).unwrap();
    assert!(model.converged());
    assert_eq!(records_naming(&["SVR"]), Vec::<String>::new());
}

#[test]
fn logistic_regression_cv_fits_warn_under_its_name() {
    let _lock = capture();
    let iris = load_iris();
    LogisticRegressionCV::default()
        .cs(Cs::List(vec![1.0]))
        .max_iter(1)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert!(warned("LogisticRegressionCV", NOT_CONVERGED), "{:?}", records());

    clear_records();
    // refit = false builds its model from a one-iteration template fit,
    // which is not a solver stop the user asked for: only the folds warn.
    LogisticRegressionCV::default()
        .cs(Cs::List(vec![1.0]))
        .max_iter(1000)
        .refit(false)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert_eq!(
        records_naming(&["LogisticRegressionCV", "LogisticRegression"]),
        Vec::<String>::new()
    );
}

#[test]
fn logistic_regression_at_extreme_scales_is_never_a_silent_one_class_model() {
    let _lock = capture();
    for data in [load_iris(), load_breast_cancer()] {
        let y = data.target.view();
        for s in [1e200, 1e150] {
            clear_records();
            let model = LogisticRegression::default()
                .fit(scaled(&data.data, s).view(), y)
                .unwrap();
            assert!(!model.converged(), "× {s:e}");
            assert!(warned("LogisticRegression", NOT_CONVERGED), "× {s:e}: {:?}", records());
        }
        // × 1e-12 the penalty ½‖w‖² outweighs a loss whose gradient is
        // 1e-12 times smaller: the optimum is (to f64 precision) the
        // intercept-only model, which the solver finds and reports.
        clear_records();
        let x = scaled(&data.data, 1e-12);
        let model = LogisticRegression::default().fit(x.view(), y).unwrap();
        assert!(model.converged());
        assert_eq!(n_distinct(&model.predict(x.view()).unwrap()), 1);
        assert!(warned("LogisticRegression", INTERCEPT_ONLY), "{:?}", records());
    }
}

#[test]
fn linear_svc_at_extreme_scales_is_never_a_silent_one_class_model() {
    let _lock = capture();
    for data in [load_iris(), load_breast_cancer()] {
        let y = data.target.view();
        // Both solvers: the primal (squared hinge) and the dual (hinge).
        for loss in [LinearSVCLoss::SquaredHinge, LinearSVCLoss::Hinge] {
            for s in [1e200, 1e150] {
                clear_records();
                let params = LinearSVC::default().loss(loss).random_state(0);
                let model = params.fit(scaled(&data.data, s).view(), y).unwrap();
                assert!(!model.converged(), "{loss:?} × {s:e}");
                assert!(warned("LinearSVC", NOT_CONVERGED), "{loss:?} × {s:e}: {:?}", records());
            }
        }
        clear_records();
        let x = scaled(&data.data, 1e-12);
        let model = LinearSVC::default().random_state(0).fit(x.view(), y).unwrap();
        assert!(model.converged());
        assert_eq!(n_distinct(&model.predict(x.view()).unwrap()), 1);
        assert!(warned("LinearSVC", INTERCEPT_ONLY), "{:?}", records());
    }
}

#[test]
fn svc_is_scale_invariant_where_f64_allows_and_an_error_beyond() {
    let _lock = capture();
    for data in [load_iris(), load_breast_cancer()] {
        let y = data.target.view();
        let at_one = SVC::default()
            .fit(data.data.view(), y)
            .unwrap()
            .predict(data.data.view())
            .unwrap();
        // RBF with gamma = Scale is scale invariant: the same predictions
        // (× 1e150 overflowed the variance of Gamma::Scale before).
        for s in [1e150, 1e-12, 1e-150] {
            clear_records();
            let x = scaled(&data.data, s);
            let model = SVC::default().fit(x.view(), y).unwrap();
            assert!(model.converged(), "× {s:e}");
            assert_eq!(model.predict(x.view()).unwrap(), at_one, "× {s:e}");
            assert_eq!(records_naming(&["SVC"]), Vec::<String>::new(), "× {s:e}");
        }
        // Beyond f64 (squared norms overflow or underflow): an error that
        // names the scale, never a model.
        for (s, what) in [(1e200, "overflows"), (1e-300, "underflow")] {
            match SVC::default().fit(scaled(&data.data, s).view(), y) {
                Err(Error::InvalidInput { message, .. }) => {
                    assert!(message.contains(what) && message.contains("largest |x|"), "{message}")
                }
                other => panic!("× {s:e}: {other:?}"),
            }
        }
    }
}
