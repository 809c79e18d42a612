//! Criterion benchmarks for the Adult data and `ColumnTransformer`: loading
//! the embedded Adult files, and a ColumnTransformer that scales Adult's six
//! numeric columns and passes the eight categorical codes through (fit +
//! transform, and transform alone, on the 32,561 training rows).
//!
//! Run: `cargo bench --bench compose`.

use criterion::{Criterion, criterion_group, criterion_main};
use learnkit::compose::{ColumnTransformer, Remainder};
use learnkit::datasets::load_adult;
use learnkit::prelude::*;
use std::hint::black_box;
use std::time::Duration;

fn adult(c: &mut Criterion) {
    c.bench_function("load_adult", |b| b.iter(load_adult));

    let adult = load_adult();
    let x = adult.train.data;
    let ct = ColumnTransformer::new()
        .feature_names(&adult.feature_names)
        .add(
            "numeric",
            StandardScaler::default(),
            [
                "age",
                "fnlwgt",
                "education_num",
                "capital_gain",
                "capital_loss",
                "hours_per_week",
            ],
        )
        .remainder(Remainder::Passthrough);
    let fitted = ct.fit_unsupervised(x.view()).expect("fit");
    let mut group = c.benchmark_group("ColumnTransformer/adult_train");
    group.bench_function("fit_transform", |b| {
        b.iter(|| {
            Estimator::<f64, ()>::fit_transform(&ct, black_box(x.view()), ndarray::ArrayView1::from(&[])).unwrap()
        })
    });
    group.bench_function("transform", |b| {
        b.iter(|| fitted.transform(black_box(x.view())).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = adult
}
criterion_main!(benches);
