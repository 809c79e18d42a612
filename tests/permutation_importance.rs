//! `inspection::permutation_importance`: properties, determinism and errors.
//!
//! scikit-learn cannot be matched digit for digit (different random
//! generator, and it reuses one permutation for every column), so instead of
//! a fixture these tests check what must hold whatever the permutations:
//! informative features rank above noise, a feature the model ignores has
//! importance exactly 0, the expected importance of a perfect linear
//! regressor's only feature under R² is exactly 2, and the numbers do not
//! depend on the thread count.

use learnkit::datasets::MakeClassification;
use learnkit::inspection::{Importances, permutation_importance};
use learnkit::linear_model::FittedLogisticRegression;
use learnkit::metrics::{accuracy_score, r2_score, roc_auc_score};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis, array};

const N_INFORMATIVE: usize = 3;
const N_FEATURES: usize = 10;

/// Three informative columns first (`shuffle(false)`), then seven of noise.
fn informative_first() -> (Array2<f64>, Array1<usize>) {
    MakeClassification::default()
        .n_samples(1_000)
        .n_features(N_FEATURES)
        .n_informative(N_INFORMATIVE)
        .n_redundant(0)
        .n_repeated(0)
        .n_classes(3)
        .n_clusters_per_class(1)
        .class_sep(1.5)
        .shuffle(false)
        .random_state(11)
        .generate()
        .unwrap()
}

fn fitted(x: &Array2<f64>, y: &Array1<usize>) -> FittedLogisticRegression<f64, usize> {
    LogisticRegression::default().fit(x.view(), y.view()).unwrap()
}

#[test]
fn informative_features_dominate() {
    let (x, y) = informative_first();
    let model = fitted(&x, &y);
    let result = permutation_importance(&model, x.view(), y.view())
        .n_repeats(10)
        .random_state(0)
        .compute()
        .unwrap();
    let mean = &result.importances_mean;
    let weakest_informative = mean.iter().take(N_INFORMATIVE).cloned().fold(f64::INFINITY, f64::min);
    let strongest_noise = mean
        .iter()
        .skip(N_INFORMATIVE)
        .cloned()
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        weakest_informative > 0.05,
        "each informative feature costs accuracy when shuffled: {mean}"
    );
    assert!(strongest_noise < 0.01, "noise features barely matter: {mean}");
    assert!(
        weakest_informative > 5.0 * strongest_noise.max(0.0) + 0.03,
        "informative features clearly above noise: {mean}"
    );
    let mut top = result.ranked()[..N_INFORMATIVE].to_vec();
    top.sort_unstable();
    assert_eq!(top, vec![0, 1, 2]);
    // Noise importances straddle zero: shuffling a useless column is a coin
    // toss for accuracy, never a systematic loss.
    for j in N_INFORMATIVE..N_FEATURES {
        assert!(mean[j].abs() < 0.01, "feature {j}: {}", mean[j]);
    }
}

#[test]
fn shapes_and_statistics() {
    let (x, y) = informative_first();
    let model = fitted(&x, &y);
    let result = permutation_importance(&model, x.view(), y.view())
        .n_repeats(7)
        .random_state(3)
        .compute()
        .unwrap();
    assert_eq!(result.importances.dim(), (N_FEATURES, 7));
    assert_eq!(result.importances_mean.len(), N_FEATURES);
    assert_eq!(result.importances_std.len(), N_FEATURES);
    assert_eq!(result.baseline_score, model.score(x.view(), y.view()).unwrap());
    for (j, row) in result.importances.axis_iter(Axis(0)).enumerate() {
        let mean = row.mean().unwrap();
        let std = row.std(0.0);
        assert!((result.importances_mean[j] - mean).abs() < 1e-15);
        assert!((result.importances_std[j] - std).abs() < 1e-15);
        // An accuracy on 1,000 rows moves in steps of 1/1,000.
        for &v in row {
            assert!((v * 1000.0 - (v * 1000.0).round()).abs() < 1e-9, "{v}");
        }
    }
    // Repeats differ: each is a fresh permutation.
    let first = result.importances.row(0);
    assert!(first.iter().any(|&v| v != first[0]), "{first}");
}

#[test]
fn same_seed_same_result_on_any_thread_count() {
    let (x, y) = informative_first();
    let model = fitted(&x, &y);
    let run = |n_jobs, seed| {
        permutation_importance(&model, x.view(), y.view())
            .n_repeats(4)
            .random_state(seed)
            .n_jobs(n_jobs)
            .compute()
            .unwrap()
    };
    let one = run(Some(1), 5);
    assert_eq!(one, run(Some(2), 5));
    assert_eq!(one, run(Some(3), 5));
    assert_eq!(one, run(None, 5));
    assert_ne!(one.importances, run(Some(2), 6).importances);
}

#[test]
fn without_a_seed_each_call_differs() {
    let (x, y) = informative_first();
    let model = fitted(&x, &y);
    let run = || {
        permutation_importance(&model, x.view(), y.view())
            .n_repeats(3)
            .compute()
            .unwrap()
    };
    assert_ne!(run().importances, run().importances);
}

#[test]
fn custom_metric_and_scorer() {
    let (x, y) = informative_first();
    let model = fitted(&x, &y);
    let default = permutation_importance(&model, x.view(), y.view())
        .random_state(1)
        .compute()
        .unwrap();
    let accuracy = permutation_importance(&model, x.view(), y.view())
        .scoring(accuracy_score)
        .random_state(1)
        .compute()
        .unwrap();
    assert_eq!(default, accuracy);

    // A scorer on predict_proba: mean probability given to the true class.
    let proba = permutation_importance(&model, x.view(), y.view())
        .scorer(|model, x, y| {
            let p = model.predict_proba(x)?;
            Ok(y.iter().enumerate().map(|(i, &c)| p[[i, c]]).sum::<f64>() / y.len() as f64)
        })
        .n_repeats(5)
        .random_state(1)
        .compute()
        .unwrap();
    assert!(proba.baseline_score > 0.5);
    assert!(proba.importances_mean.iter().take(N_INFORMATIVE).all(|&v| v > 0.05));

    // An error from the scorer comes back as it is.
    let err = permutation_importance(&model, x.view(), y.view())
        .scorer(|model, x, _| {
            let p = model.predict_proba(x)?;
            roc_auc_score(ArrayView1::from(&[0usize, 1][..]), p.column(0))
        })
        .compute()
        .unwrap_err();
    assert!(matches!(err, Error::ShapeMismatch { .. }), "{err}");
}

/// A fixed model `y = 3 x₀` that never looks at its other features: any
/// `Predictor` works, not only learnkit's estimators.
struct TimesThree;

impl Predictor<f64> for TimesThree {
    type Output = f64;

    fn predict(&self, x: ArrayView2<'_, f64>) -> Result<Array1<f64>> {
        if x.ncols() != 2 {
            return Err(Error::FeatureCountMismatch {
                context: "TimesThree".into(),
                expected: 2,
                got: x.ncols(),
            });
        }
        Ok(x.column(0).mapv(|v| 3.0 * v))
    }

    fn score(&self, x: ArrayView2<'_, f64>, y: ArrayView1<'_, f64>) -> Result<f64> {
        r2_score(y, self.predict(x)?.view())
    }
}

fn linear_data(n: usize) -> (Array2<f64>, Array1<f64>) {
    let x = Array2::from_shape_fn((n, 2), |(i, j)| ((i * 37 + j * 11) % 101) as f64 / 10.0);
    let y = x.column(0).mapv(|v| 3.0 * v);
    (x, y)
}

#[test]
fn regressor_with_r2_unused_feature_is_exactly_zero() {
    let (x, y) = linear_data(500);
    let result = permutation_importance(&TimesThree, x.view(), y.view())
        .n_repeats(40)
        .random_state(0)
        .compute()
        .unwrap();
    assert_eq!(result.baseline_score, 1.0);
    // Shuffling a column the model ignores cannot change a prediction.
    assert!(result.importances.row(1).iter().all(|&v| v == 0.0));
    assert_eq!(result.importances_std[1], 0.0);
    // For a perfect y = a·x₀, shuffling x₀ doubles the residual variance in
    // expectation: E[R²] = 1 − 2 = −1, so E[importance] = 2 exactly.
    let mean = result.importances_mean[0];
    assert!((mean - 2.0).abs() < 0.1, "{mean}");
    // The same through an explicit metric.
    let explicit = permutation_importance(&TimesThree, x.view(), y.view())
        .scoring(r2_score)
        .n_repeats(40)
        .random_state(0)
        .compute()
        .unwrap();
    assert_eq!(result, explicit);
}

#[test]
fn f32_features() {
    let (x, y) = informative_first();
    let x32 = x.mapv(|v| v as f32);
    let model = LogisticRegression::default().fit(x32.view(), y.view()).unwrap();
    let result = permutation_importance(&model, x32.view(), y.view())
        .random_state(0)
        .compute()
        .unwrap();
    let mut top = result.ranked()[..N_INFORMATIVE].to_vec();
    top.sort_unstable();
    assert_eq!(top, vec![0, 1, 2]);
}

#[test]
fn works_on_a_pipeline() {
    let (x, y) = informative_first();
    let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
        .fit(x.view(), y.view())
        .unwrap();
    let result = permutation_importance(&model, x.view(), y.view())
        .random_state(0)
        .compute()
        .unwrap();
    assert!(result.importances_mean[0] > 0.05);
}

#[test]
fn errors() {
    let (x, y) = informative_first();
    let model = fitted(&x, &y);

    let short = y.slice(ndarray::s![..999]);
    let err = permutation_importance(&model, x.view(), short).compute().unwrap_err();
    assert!(
        matches!(
            err,
            Error::ShapeMismatch {
                context: std::borrow::Cow::Borrowed("permutation_importance"),
                expected: 1000,
                got: 999,
                ..
            }
        ),
        "{err}"
    );

    let err = permutation_importance(&model, x.view(), y.view())
        .n_repeats(0)
        .compute()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidParameter {
                estimator: std::borrow::Cow::Borrowed("permutation_importance"),
                parameter: "n_repeats",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("n_repeats"), "{err}");

    let err = permutation_importance(&model, x.view(), y.view())
        .n_jobs(Some(0))
        .compute()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidParameter {
                parameter: "n_jobs",
                ..
            }
        ),
        "{err}"
    );

    let empty = Array2::<f64>::zeros((0, N_FEATURES));
    let no_targets = Array1::<usize>::zeros(0);
    let err = permutation_importance(&model, empty.view(), no_targets.view())
        .compute()
        .unwrap_err();
    assert!(matches!(err, Error::EmptyInput { .. }), "{err}");

    // The model's own errors come through: too few columns.
    let narrow = x.slice(ndarray::s![.., ..4]);
    let err = permutation_importance(&model, narrow, y.view()).compute().unwrap_err();
    assert!(
        matches!(
            err,
            Error::FeatureCountMismatch {
                expected: 10,
                got: 4,
                ..
            }
        ),
        "{err}"
    );

    // ... and NaN is the model's call, reported by it.
    let mut with_nan = x.clone();
    with_nan[[3, 2]] = f64::NAN;
    let err = permutation_importance(&model, with_nan.view(), y.view())
        .compute()
        .unwrap_err();
    assert!(matches!(err, Error::NonFinite { row: 3, column: 2, .. }), "{err}");

    // Labels the model never saw are not an error of permutation_importance:
    // they simply count as mistakes under accuracy.
    let shifted = y.mapv(|c| c + 10);
    let result = permutation_importance(&model, x.view(), shifted.view())
        .random_state(0)
        .compute()
        .unwrap();
    assert_eq!(result.baseline_score, 0.0);
}

#[test]
fn importances_new_matches_fields() {
    let result = Importances::new(array![[0.5, 0.5, 0.5], [1.0, -1.0, 0.0]], 0.75);
    assert_eq!(result.importances_mean, array![0.5, 0.0]);
    assert_eq!(result.importances_std[0], 0.0);
    assert!((result.importances_std[1] - (2.0f64 / 3.0).sqrt()).abs() < 1e-15);
    assert_eq!(result.ranked(), vec![0, 1]);
}
