//! Profiling driver (not part of the public examples): fits a random forest
//! of N trees on MNIST (or on a wide make_classification task) and prints
//! the fit time, test accuracy and a checksum of the predicted probabilities
//! (to check that a change keeps the trees bit-identical).
//!
//! ```text
//! RAYON_NUM_THREADS=1 cargo run --release --example forest_profile -- mnist 4
//! RAYON_NUM_THREADS=1 cargo run --release --example forest_profile -- mnist 4 10000   # first 10,000 training rows
//! RAYON_NUM_THREADS=1 cargo run --release --example forest_profile -- forest_wide 2 target/compare-data
//! RAYON_NUM_THREADS=1 cargo run --release --example forest_profile -- target 100   # forest_target-like, no files
//! ```
//!
//! `target` is a synthetic stand-in for the `forest_target` compare task
//! (50,000 training and 10,000 test rows of 20 features, 10 of which carry
//! the label, 1 % of labels flipped), for profiling prediction without the
//! driver's files: `--toggle-collect='*predict_proba*'` under callgrind
//! counts the first prediction, which builds the trees' prediction layouts.
use learnkit::ensemble::RandomForestClassifier;
use learnkit::prelude::*;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("mnist");
    let trees: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(4);
    let (x_train, y_train, x_test, y_test) = match which {
        "mnist" => {
            let m = learnkit::datasets::load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist")).unwrap();
            // An optional third argument keeps the first N training rows (a
            // smaller run under valgrind).
            let rows = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(m.x_train.nrows());
            let rows = rows.min(m.x_train.nrows());
            (
                m.x_train.slice(ndarray::s![..rows, ..]).to_owned(),
                m.y_train.slice(ndarray::s![..rows]).mapv(|d| d as i64),
                m.x_test,
                m.y_test.mapv(|d| d as i64),
            )
        }
        "target" => {
            use rand::{Rng, SeedableRng};
            let mut rng = rand::rngs::StdRng::seed_from_u64(0);
            let mut make = |n: usize| {
                let x = ndarray::Array2::from_shape_fn((n, 20), |_| rng.random::<f64>() * 2.0 - 1.0);
                let y = x.outer_iter().map(|r| {
                    let s: f64 = (0..10).map(|f| (3.0 * r[f] + f as f64).sin()).sum();
                    let label = (s > 0.0) as i64;
                    if rng.random::<f64>() < 0.01 { 1 - label } else { label }
                });
                let y = ndarray::Array1::from_iter(y.collect::<Vec<_>>());
                (x, y)
            };
            let (x_train, y_train) = make(50_000);
            let (x_test, y_test) = make(10_000);
            (x_train, y_train, x_test, y_test)
        }
        // A compare task's files (benches/compare/compare.py), e.g.
        // `forest_wide /work/target-forest/compare-data`.
        task => {
            let dir = args.get(3).expect("the compare data directory");
            let read = |name: &str| {
                let bytes = std::fs::read(format!("{dir}/{task}_{name}.bin")).unwrap();
                let rows = u64::from_le_bytes(bytes[16..24].try_into().unwrap()) as usize;
                let cols = u64::from_le_bytes(bytes[24..32].try_into().unwrap()) as usize;
                let values: Vec<[u8; 8]> = bytes[32..].chunks_exact(8).map(|c| c.try_into().unwrap()).collect();
                (rows, cols, values)
            };
            let matrix = |name: &str| {
                let (rows, cols, v) = read(name);
                ndarray::Array2::from_shape_vec((rows, cols), v.into_iter().map(f64::from_le_bytes).collect()).unwrap()
            };
            let labels = |name: &str| {
                ndarray::Array1::from(read(name).2.into_iter().map(i64::from_le_bytes).collect::<Vec<_>>())
            };
            (matrix("X_train"), labels("y_train"), matrix("X_test"), labels("y_test"))
        }
    };
    let model = RandomForestClassifier::default().n_estimators(trees).random_state(0);
    let start = Instant::now();
    let fitted = model.fit(x_train.view(), y_train.view()).unwrap();
    let fit_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let proba = fitted.predict_proba(x_test.view()).unwrap();
    let predict_s = start.elapsed().as_secs_f64();
    let mut h: u64 = 0xcbf29ce484222325;
    for v in proba.iter() {
        h = (h ^ v.to_bits()).wrapping_mul(0x100000001b3);
    }
    let pred = fitted.predict(x_test.view()).unwrap();
    let acc = learnkit::metrics::accuracy_score(y_test.view(), pred.view()).unwrap();
    let nodes: usize = fitted.estimators().iter().map(|t| t.node_count()).sum();
    println!(
        "{which} trees={trees} fit_s={fit_s:.3} first_predict_s={predict_s:.4} accuracy={acc:.4} nodes={nodes} checksum={h:016x}"
    );
}
