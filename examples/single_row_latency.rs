//! Single-row prediction latency of `RandomForestClassifier(100)` with each
//! `n_jobs` (issue 13 §5): one row must cost no more with `n_jobs(Some(k))`
//! than with the default.
//!
//! Run: `cargo run --release --example single_row_latency [ITERATIONS [N_JOBS]]`
//! (prints the median of 7 runs of ITERATIONS predictions each, in µs per
//! row, for `n_jobs` None, Some(1) and Some(2), or only for N_JOBS: `none`
//! or a number). Instruction counts per row: run under
//! `valgrind --tool=callgrind` with ITERATIONS 0 and 1000 and one N_JOBS,
//! and divide the difference of the totals by 7000.

use learnkit::datasets::MakeClassification;
use learnkit::ensemble::RandomForestClassifier;
use learnkit::prelude::*;
use ndarray::s;
use std::hint::black_box;
use std::time::Instant;

fn main() -> learnkit::Result<()> {
    let iterations: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let (x, y) = MakeClassification::default()
        .n_samples(2_000)
        .n_features(20)
        .n_informative(10)
        .n_redundant(5)
        .random_state(0)
        .generate()?;
    let row = x.slice(s![..1, ..]);
    let settings = match std::env::args().nth(2) {
        None => vec![None, Some(1), Some(2)],
        Some(arg) => vec![arg.parse().ok()],
    };
    for n_jobs in settings {
        let model = RandomForestClassifier::default()
            .n_estimators(100)
            .random_state(0)
            .n_jobs(n_jobs)
            .fit(x.view(), y.view())?;
        model.predict(row)?; // builds the trees' prediction layouts
        let mut medians = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            for _ in 0..iterations {
                black_box(model.predict(black_box(row))?);
            }
            medians.push(start.elapsed().as_secs_f64() * 1e6 / iterations.max(1) as f64);
        }
        medians.sort_by(f64::total_cmp);
        println!(
            "n_jobs {n_jobs:?}: {:.2} µs per single-row predict (median of 7)",
            medians[3]
        );
    }
    Ok(())
}
