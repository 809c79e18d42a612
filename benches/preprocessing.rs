//! Criterion benchmarks for preprocessing: `StandardScaler` fit, transform and
//! fit + transform on a 200,000 × 50 `f64` matrix (80 MB: larger than the
//! caches, so this measures the memory-bound path real data takes, while one
//! iteration stays short enough for a quick `cargo bench`).
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

criterion_group! {
    name = benches;
    // Few samples and short windows: each iteration moves 80-160 MB, so ten
    // samples already give tight intervals and the whole file runs in well
    // under a minute on 2 cores.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = standard_scaler
}
criterion_main!(benches);
