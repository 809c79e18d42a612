//! Criterion benchmarks for `PCA` (each solver) and `TruncatedSVD` on the
//! issue's matrix shape at a fifth of its rows: `X = A·B + 0.1·noise` with
//! `A` 10,000 × 50 and `B` 50 × 300 standard normal, 30 components.
//!
//! Run: `cargo bench --bench decomposition`. The side-by-side comparison with
//! scikit-learn at 50,000 rows is `benches/compare/run.sh pca_cov pca_full
//! pca_randomized`.

use criterion::{Criterion, criterion_group, criterion_main};
use learnkit::decomposition::{NComponents, PCA, SvdSolver, TruncatedSVD};
use learnkit::prelude::*;
use ndarray::Array2;
use ndarray_rand::RandomExt;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::StandardNormal;
use std::hint::black_box;
use std::time::Duration;

/// A rank-50 matrix plus a little noise: the shape the targets use.
fn data() -> Array2<f64> {
    let mut rng = StdRng::seed_from_u64(0);
    let a = Array2::<f64>::random_using((10_000, 50), StandardNormal, &mut rng);
    let b = Array2::<f64>::random_using((50, 300), StandardNormal, &mut rng);
    let noise = Array2::<f64>::random_using((10_000, 300), StandardNormal, &mut rng);
    a.dot(&b) + noise * 0.1
}

fn decompositions(c: &mut Criterion) {
    let x = data();
    let mut group = c.benchmark_group("PCA/10000x300/30");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, solver) in [
        ("covariance_eigh", SvdSolver::CovarianceEigh),
        ("full", SvdSolver::Full),
        ("randomized", SvdSolver::Randomized),
    ] {
        let pca = PCA::default()
            .n_components(NComponents::Count(30))
            .svd_solver(solver)
            .random_state(0);
        group.bench_function(name, |b| b.iter(|| pca.fit_unsupervised(black_box(x.view())).unwrap()));
    }
    let fitted = PCA::default()
        .n_components(NComponents::Count(30))
        .fit_unsupervised(x.view())
        .unwrap();
    group.bench_function("transform", |b| {
        b.iter(|| fitted.transform(black_box(x.view())).unwrap())
    });
    let svd = TruncatedSVD::default().n_components(30).random_state(0);
    group.bench_function("TruncatedSVD", |b| {
        b.iter(|| svd.fit_unsupervised(black_box(x.view())).unwrap())
    });
    group.finish();
}

criterion_group!(benches, decompositions);
criterion_main!(benches);
