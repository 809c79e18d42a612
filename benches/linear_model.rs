//! Criterion benchmarks for linear models: `LogisticRegression` and
//! `LinearSVC` (squared hinge in the primal and the dual, hinge) fit on `make_classification`
//! (20,000 × 50, 20 informative, 5 classes, standardised).
//!
//! Run: `cargo bench --bench linear_model`.

use criterion::{Criterion, criterion_group, criterion_main};
use learnkit::datasets::MakeClassification;
use learnkit::prelude::*;
use learnkit::svm::{LinearSVCDual, LinearSVCLoss};
use ndarray::{Array1, Array2};
use std::hint::black_box;
use std::time::Duration;

const ROWS: usize = 20_000;
const COLS: usize = 50;
const CLASSES: usize = 5;

/// A fifth of the size of the side-by-side task (benches/compare), so one
/// fit stays well under a second; standardised, as a user would.
fn data() -> (Array2<f64>, Array1<usize>) {
    let (x, y) = MakeClassification::default()
        .n_samples(ROWS)
        .n_features(COLS)
        .n_informative(20)
        .n_classes(CLASSES)
        .random_state(2)
        .generate()
        .expect("valid generator parameters");
    let x = StandardScaler::default()
        .fit_unsupervised(x.view())
        .and_then(|s| s.transform(x.view()))
        .expect("standardise");
    (x, y)
}

fn logistic_regression(c: &mut Criterion) {
    let (x, y) = data();
    let model = LogisticRegression::default().c(1.0);
    let mut group = c.benchmark_group(format!("LogisticRegression/{ROWS}x{COLS}/{CLASSES}classes"));
    group.bench_function("fit", |b| {
        b.iter(|| Estimator::<f64, usize>::fit(&model, black_box(x.view()), black_box(y.view())).unwrap())
    });
    group.finish();
}

/// `LinearSVC` on the same data: the squared hinge with the default
/// `dual` (`Auto`: these data are tall, so the primal Newton solver, as
/// scikit-learn's `dual="auto"`) and forced to the dual coordinate descent
/// (which, at the default `max_iter` of 1000, does not converge on it, as
/// scikit-learn's dual solver), and the hinge (dual only).
fn linear_svc(c: &mut Criterion) {
    let (x, y) = data();
    let mut group = c.benchmark_group(format!("LinearSVC/{ROWS}x{COLS}/{CLASSES}classes"));
    for (name, loss, dual) in [
        ("squared_hinge", LinearSVCLoss::SquaredHinge, LinearSVCDual::Auto),
        ("squared_hinge_dual", LinearSVCLoss::SquaredHinge, LinearSVCDual::Dual),
        ("hinge", LinearSVCLoss::Hinge, LinearSVCDual::Auto),
    ] {
        let model = LinearSVC::default().loss(loss).dual(dual).random_state(0);
        group.bench_function(format!("fit/{name}"), |b| {
            b.iter(|| Estimator::<f64, usize>::fit(&model, black_box(x.view()), black_box(y.view())).unwrap())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // A fit takes on the order of a second: ten samples in a short window keep
    // the file to about a minute.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = logistic_regression, linear_svc
}
criterion_main!(benches);
