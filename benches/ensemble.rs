//! Criterion benchmarks for forests: `RandomForestClassifier` (100 trees,
//! scikit-learn's defaults otherwise) fit on 20,000 × 20 rows of
//! `make_classification`, predict on 10,000 held-out rows, and predict on a
//! single row.
//!
//! Run: `cargo bench --bench ensemble` (about a minute on 2 cores). The side
//! by side comparison with scikit-learn is `benches/compare/run.sh
//! forest_target` (see `benches/README.md`).

use criterion::{Criterion, criterion_group, criterion_main};
use learnkit::datasets::MakeClassification;
use learnkit::ensemble::RandomForestClassifier;
use learnkit::prelude::*;
use ndarray::{Array1, Array2, s};
use std::hint::black_box;
use std::time::Duration;

const TRAIN: usize = 20_000;
const TEST: usize = 10_000;
const COLS: usize = 20;
const TREES: usize = 100;

/// Issue 3's target setting (`n_informative=10, n_redundant=5`) at 30,000
/// rows: the first 20,000 train, the last 10,000 test.
fn data() -> (Array2<f64>, Array1<usize>, Array2<f64>) {
    let (x, y) = MakeClassification::default()
        .n_samples(TRAIN + TEST)
        .n_features(COLS)
        .n_informative(10)
        .n_redundant(5)
        .random_state(0)
        .generate()
        .expect("valid generator parameters");
    let x_train = x.slice(s![..TRAIN, ..]).to_owned();
    let y_train = y.slice(s![..TRAIN]).to_owned();
    let x_test = x.slice(s![TRAIN.., ..]).to_owned();
    (x_train, y_train, x_test)
}

fn random_forest(c: &mut Criterion) {
    let (x_train, y_train, x_test) = data();
    let model = RandomForestClassifier::default().n_estimators(TREES).random_state(0);
    let fitted = model
        .fit(x_train.view(), y_train.view())
        .expect("fit on the bench data");

    let mut group = c.benchmark_group(format!("RandomForestClassifier/{TREES}trees/{TRAIN}x{COLS}"));
    // Ten fits of about 1.4 s and ten samples of a few predictions of about
    // 0.1 s need these windows; the single row keeps the default 5 s.
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("fit", |b| {
        b.iter(|| Estimator::<f64, usize>::fit(&model, black_box(x_train.view()), black_box(y_train.view())).unwrap())
    });
    group.measurement_time(Duration::from_secs(10));
    group.bench_function(format!("predict_{TEST}_rows"), |b| {
        b.iter(|| fitted.predict(black_box(x_test.view())).unwrap())
    });
    group.measurement_time(Duration::from_secs(5));
    let one_row = x_test.slice(s![..1, ..]);
    group.bench_function("predict_1_row", |b| {
        b.iter(|| fitted.predict(black_box(one_row)).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // A fit takes about 1.4 s on 2 cores: ten samples per bench, one-second
    // warm-ups and the windows set above keep the whole file to about a minute.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = random_forest
}
criterion_main!(benches);
