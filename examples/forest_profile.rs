//! Profiling driver (not part of the public examples): fits a random forest
//! of N trees on MNIST (or on a wide make_classification task) and prints
//! the fit time, test accuracy and a checksum of the predicted probabilities
//! (to check that a change keeps the trees bit-identical).
//!
//! ```text
//! RAYON_NUM_THREADS=1 cargo run --release --example forest_profile --features datasets -- mnist 4
//! ```
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
            (m.x_train, m.y_train.mapv(|d| d as i64), m.x_test, m.y_test.mapv(|d| d as i64))
        }
        _ => panic!("unknown data {which}"),
    };
    let model = RandomForestClassifier::default().n_estimators(trees).random_state(0);
    let start = Instant::now();
    let fitted = model.fit(x_train.view(), y_train.view()).unwrap();
    let fit_s = start.elapsed().as_secs_f64();
    let proba = fitted.predict_proba(x_test.view()).unwrap();
    let mut h: u64 = 0xcbf29ce484222325;
    for v in proba.iter() {
        h = (h ^ v.to_bits()).wrapping_mul(0x100000001b3);
    }
    let pred = fitted.predict(x_test.view()).unwrap();
    let acc = learnkit::metrics::accuracy_score(y_test.view(), pred.view()).unwrap();
    let nodes: usize = fitted.estimators().iter().map(|t| t.node_count()).sum();
    println!("{which} trees={trees} fit_s={fit_s:.3} accuracy={acc:.4} nodes={nodes} checksum={h:016x}");
}
