//! Small runs of the two issue-16 speed paths, for instruction counts under
//! callgrind (benches/README.md, "k-NN screen and KMeans SIMD"):
//!
//! ```text
//! cargo run --example knn_kmeans_counts -- knn 2000     # MNIST, 2,000 test images
//! cargo run --example knn_kmeans_counts -- kmeans 100000
//! ```
//!
//! `knn Q` fits `KNeighborsClassifier(5)` on MNIST's 60,000 training images
//! (from `datasets/mnist`) and predicts the first `Q` test images; `kmeans N`
//! runs 5 Lloyd iterations of `KMeans(100)` on `N × 50` blobs from the first
//! 100 rows. Each prints a check value (accuracy, inertia).

use learnkit::cluster::{KMeans, KMeansInit};
use learnkit::neighbors::KNeighborsClassifier;
use learnkit::prelude::*;
use ndarray::{Array2, s};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let size: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(1000);
    match args.get(1).map(String::as_str) {
        Some("knn") => {
            let mnist = learnkit::datasets::load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist"))?;
            let model = KNeighborsClassifier::default().fit(mnist.x_train.view(), mnist.y_train.view())?;
            let n = size.min(mnist.x_test.nrows());
            let predicted = model.predict(mnist.x_test.slice(s![..n, ..]))?;
            let right = predicted.iter().zip(&mnist.y_test).filter(|(a, b)| a == b).count();
            println!("knn: {n} queries, accuracy {}", right as f64 / n as f64);
        }
        Some("kmeans") => {
            // 100 blobs in 50 dimensions from a fixed xorshift stream.
            let mut state = 0x2545_f491_4f6c_dd1d_u64;
            let mut next = move || {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 11) as f64 / (1u64 << 53) as f64
            };
            let centres = Array2::from_shape_fn((100, 50), |_| next() * 20.0 - 10.0);
            let x = Array2::from_shape_fn((size, 50), |(i, j)| centres[[(i * 37) % 100, j]] + next() - 0.5);
            let init = x.slice(s![..100, ..]).to_owned();
            let model = KMeans::default()
                .n_clusters(100)
                .init(KMeansInit::Array(init))
                .max_iter(5)
                .tol(0.0)
                .fit_unsupervised(x.view())?;
            println!(
                "kmeans: {size} rows, {} iterations, inertia {}",
                model.n_iter(),
                model.inertia()
            );
        }
        _ => eprintln!("usage: knn_kmeans_counts (knn QUERIES | kmeans ROWS)"),
    }
    Ok(())
}
