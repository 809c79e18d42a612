//! Profiling driver (not part of the public examples): fits a
//! `HistGradientBoostingClassifier` on the first ROWS MNIST training rows
//! for ITERATIONS iterations (31 leaves, early stopping off) and prints the
//! fit time, the accuracy on the first 2,000 test rows and a checksum of
//! their predicted probabilities (a change that keeps every tree
//! bit-identical keeps the checksum). `ten` fits the ten digits (ten trees
//! an iteration), `binary` even against odd digits (one tree an
//! iteration), to compare the cost of a tree in both. With a fourth
//! argument, the fitted model is also saved as JSON there.
//!
//! ```text
//! RAYON_NUM_THREADS=1 cargo run --release --example hgb_profile -- ten 6000 10
//! valgrind --tool=callgrind target/release/examples/hgb_profile ten 6000 10
//! ```
use learnkit::ensemble::{EarlyStopping, HistGradientBoostingClassifier};
use learnkit::prelude::*;
use ndarray::s;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("ten");
    let rows: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(6000);
    let iterations: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let m = learnkit::datasets::load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist")).unwrap();
    let label = |d: usize| match which {
        "binary" => (d % 2) as i64,
        _ => d as i64,
    };
    let x_train = m.x_train.slice(s![..rows, ..]).to_owned();
    let y_train = m.y_train.slice(s![..rows]).mapv(label);
    let x_test = m.x_test.slice(s![..2000, ..]).to_owned();
    let y_test = m.y_test.slice(s![..2000]).mapv(label);
    let model = HistGradientBoostingClassifier::default()
        .max_iter(iterations)
        .early_stopping(EarlyStopping::Off)
        .random_state(0);
    let start = Instant::now();
    let fitted = model.fit(x_train.view(), y_train.view()).unwrap();
    let fit_s = start.elapsed().as_secs_f64();
    let proba = fitted.predict_proba(x_test.view()).unwrap();
    let h = support::bit_checksum(proba.iter());
    let pred = fitted.predict(x_test.view()).unwrap();
    let acc = learnkit::metrics::accuracy_score(y_test.view(), pred.view()).unwrap();
    println!(
        "{which} rows={rows} iterations={} fit_s={fit_s:.3} accuracy={acc:.4} checksum={h:016x}",
        fitted.n_iter()
    );
    if let Some(path) = args.get(4) {
        learnkit::persistence::save(&fitted, path).unwrap();
    }
}
