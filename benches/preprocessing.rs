//! Criterion benchmarks for preprocessing: `StandardScaler` fit, transform and
//! fit + transform on a 200,000 × 50 `f64` matrix (80 MB: larger than the
//! caches, so this measures the memory-bound path real data takes, while one
//! iteration stays short enough for a quick `cargo bench`); `MinMaxScaler` on
//! the same matrix; the encoders and `SimpleImputer` on 200,000 × 10 category
//! codes with 1% missing values.
//!
//! Run: `cargo bench --bench preprocessing`. The side-by-side comparison with
//! scikit-learn at 2,000,000 rows is `benches/compare/run.sh scaler`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use learnkit::prelude::*;
use ndarray::Array2;
use ndarray_rand::RandomExt;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::StandardNormal;
use std::hint::black_box;
use std::time::Duration;

const ROWS: usize = 200_000;
const COLS: usize = 50;

/// Standard normal columns shifted and scaled differently, so the scaler has
/// real work (and a constant-free, well-conditioned answer).
fn data() -> Array2<f64> {
    let mut rng = StdRng::seed_from_u64(0);
    let mut x = Array2::<f64>::random_using((ROWS, COLS), StandardNormal, &mut rng);
    for (j, mut col) in x.columns_mut().into_iter().enumerate() {
        let scale = 1.0 + j as f64;
        let shift = 10.0 * j as f64 - 100.0;
        col.mapv_inplace(|v| v * scale + shift);
    }
    x
}

fn standard_scaler(c: &mut Criterion) {
    let x = data();
    let scaler = StandardScaler::default();
    let fitted = scaler.fit_unsupervised(x.view()).expect("fit");

    let mut group = c.benchmark_group("StandardScaler/200000x50");
    group.throughput(Throughput::Bytes((ROWS * COLS * size_of::<f64>()) as u64));
    group.bench_function("fit", |b| {
        b.iter(|| scaler.fit_unsupervised(black_box(x.view())).unwrap())
    });
    group.bench_function("transform", |b| {
        b.iter(|| fitted.transform(black_box(x.view())).unwrap())
    });
    group.bench_function("fit_transform", |b| {
        b.iter(|| {
            Estimator::<f64, ()>::fit_transform(&scaler, black_box(x.view()), ndarray::ArrayView1::from(&[])).unwrap()
        })
    });
    group.finish();
}

/// 200,000 × 10 category codes (column `j` has `3 (j + 2)` categories) with
/// 1% missing values, for the encoders and the imputer.
fn codes() -> Array2<f64> {
    let mut rng = StdRng::seed_from_u64(1);
    let u = Array2::<f64>::random_using((ROWS, 10), rand_distr::StandardUniform, &mut rng);
    Array2::from_shape_fn((ROWS, 10), |(i, j)| {
        let v = u[[i, j]];
        if v < 0.01 {
            f64::NAN
        } else {
            ((v - 0.01) / 0.99 * (3 * (j + 2)) as f64).floor()
        }
    })
}

fn min_max_scaler(c: &mut Criterion) {
    let x = data();
    let scaler = MinMaxScaler::default();
    let fitted = scaler.fit_unsupervised(x.view()).expect("fit");
    let mut group = c.benchmark_group("MinMaxScaler/200000x50");
    group.throughput(Throughput::Bytes((ROWS * COLS * size_of::<f64>()) as u64));
    group.bench_function("fit", |b| {
        b.iter(|| scaler.fit_unsupervised(black_box(x.view())).unwrap())
    });
    group.bench_function("transform", |b| {
        b.iter(|| fitted.transform(black_box(x.view())).unwrap())
    });
    group.finish();
}

fn encoders_and_imputer(c: &mut Criterion) {
    let x = codes();
    let mut group = c.benchmark_group("codes/200000x10");
    let one_hot = OneHotEncoder::default();
    let fitted = one_hot.fit_unsupervised(x.view()).expect("fit");
    group.bench_function("OneHotEncoder/fit", |b| {
        b.iter(|| one_hot.fit_unsupervised(black_box(x.view())).unwrap())
    });
    group.bench_function("OneHotEncoder/transform", |b| {
        b.iter(|| fitted.transform(black_box(x.view())).unwrap())
    });
    let ordinal = OrdinalEncoder::default();
    let fitted = ordinal.fit_unsupervised(x.view()).expect("fit");
    group.bench_function("OrdinalEncoder/fit", |b| {
        b.iter(|| ordinal.fit_unsupervised(black_box(x.view())).unwrap())
    });
    group.bench_function("OrdinalEncoder/transform", |b| {
        b.iter(|| fitted.transform(black_box(x.view())).unwrap())
    });
    for (name, strategy) in [
        ("mean", learnkit::preprocessing::ImputeStrategy::Mean),
        ("median", learnkit::preprocessing::ImputeStrategy::Median),
        ("most_frequent", learnkit::preprocessing::ImputeStrategy::MostFrequent),
    ] {
        let imputer = SimpleImputer::default().strategy(strategy);
        group.bench_function(format!("SimpleImputer/{name}/fit"), |b| {
            b.iter(|| imputer.fit_unsupervised(black_box(x.view())).unwrap())
        });
    }
    let fitted = SimpleImputer::default().fit_unsupervised(x.view()).expect("fit");
    group.bench_function("SimpleImputer/transform", |b| {
        b.iter(|| fitted.transform(black_box(x.view())).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Few samples and short windows: each iteration moves 80-160 MB, so ten
    // samples already give tight intervals and the whole file runs in well
    // under a minute on 2 cores.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = standard_scaler, min_max_scaler, encoders_and_imputer
}
criterion_main!(benches);
