//! Criterion benchmarks for histogram gradient boosting:
//! `HistGradientBoostingClassifier` (100 iterations, early stopping off,
//! scikit-learn's defaults otherwise) fit on 20,000 × 20 rows of
//! `make_classification` and predict_proba on 10,000 held-out rows; the same
//! fit with 3 classes (3 trees per iteration); `HistGradientBoostingRegressor`
//! fit on `make_regression`.
//!
//! Run: `cargo bench --bench gradient_boosting` (about a minute on 2 cores).
//! The side by side comparison with scikit-learn on Adult is
//! `benches/compare/run.sh hgb` (see `benches/README.md`).

use criterion::{Criterion, criterion_group, criterion_main};
use learnkit::datasets::{MakeClassification, MakeRegression};
use learnkit::ensemble::{EarlyStopping, HistGradientBoostingClassifier, HistGradientBoostingRegressor};
use learnkit::prelude::*;
use ndarray::s;
use std::hint::black_box;
use std::time::Duration;

const TRAIN: usize = 20_000;
const TEST: usize = 10_000;
const COLS: usize = 20;

fn classification(c: &mut Criterion) {
    for n_classes in [2, 3] {
        let (x, y) = MakeClassification::default()
            .n_samples(TRAIN + TEST)
            .n_features(COLS)
            .n_informative(10)
            .n_redundant(5)
            .n_classes(n_classes)
            .random_state(0)
            .generate()
            .expect("valid generator parameters");
        let (x_train, y_train) = (x.slice(s![..TRAIN, ..]), y.slice(s![..TRAIN]));
        let x_test = x.slice(s![TRAIN.., ..]);
        let model = HistGradientBoostingClassifier::default()
            .early_stopping(EarlyStopping::Off)
            .random_state(0);
        let fitted = model.fit(x_train, y_train).expect("fit on the bench data");
        let mut group = c.benchmark_group(format!(
            "HistGradientBoostingClassifier/{n_classes}classes/{TRAIN}x{COLS}"
        ));
        group.bench_function("fit", |b| {
            b.iter(|| Estimator::<f64, usize>::fit(&model, black_box(x_train), black_box(y_train)).unwrap())
        });
        group.bench_function(format!("predict_proba_{TEST}_rows"), |b| {
            b.iter(|| fitted.predict_proba(black_box(x_test)).unwrap())
        });
        group.finish();
    }
}

fn regression(c: &mut Criterion) {
    let (x, y) = MakeRegression::default()
        .n_samples(TRAIN)
        .n_features(COLS)
        .n_informative(10)
        .noise(1.0)
        .random_state(0)
        .generate()
        .expect("valid generator parameters");
    let model = HistGradientBoostingRegressor::default()
        .early_stopping(EarlyStopping::Off)
        .random_state(0);
    let mut group = c.benchmark_group(format!("HistGradientBoostingRegressor/{TRAIN}x{COLS}"));
    group.bench_function("fit", |b| {
        b.iter(|| Estimator::<f64, f64>::fit(&model, black_box(x.view()), black_box(y.view())).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Fits take a fraction of a second: ten samples each.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    targets = classification, regression
}
criterion_main!(benches);
