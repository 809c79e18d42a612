//! Clustering the digits: `StandardScaler → PCA → KMeans(10)`, compared with
//! the true digit of each image.
//!
//! Run with `cargo run --release --example clustering` (the 1,797 8×8
//! digits bundled with the crate), or `-- --mnist` for MNIST's 60,000
//! training images (read from `datasets/mnist/`).

use learnkit::cluster::KMeans;
use learnkit::decomposition::{NComponents, PCA};
use learnkit::prelude::*;
use learnkit::traits::Clusterer;
use ndarray::{Array1, Array2};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mnist = std::env::args().skip(1).any(|a| a == "--mnist");
    let (name, x, y): (&str, Array2<f64>, Array1<usize>) = if mnist {
        let data = learnkit::datasets::load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist"))?;
        ("MNIST (training images)", data.x_train, data.y_train)
    } else {
        let digits = learnkit::datasets::load_digits();
        ("digits", digits.data, digits.target)
    };
    println!("{name}: {} images of {} pixels, 10 digits", x.nrows(), x.ncols());

    let start = Instant::now();
    let scaler = StandardScaler::default().fit_unsupervised(x.view())?;
    let scaled = scaler.transform(x.view())?;
    let pca = PCA::default()
        .n_components(NComponents::VarianceFraction(0.8))
        .fit_unsupervised(scaled.view())?;
    let reduced = pca.transform(scaled.view())?;
    let kmeans = KMeans::default()
        .n_clusters(10)
        .n_init(4)
        .random_state(0)
        .fit_unsupervised(reduced.view())?;
    println!(
        "StandardScaler → PCA ({} components, 80% of the variance) → KMeans(10): {:.2} s, {} iterations, inertia {:.1}",
        pca.n_components(),
        start.elapsed().as_secs_f64(),
        kmeans.n_iter(),
        kmeans.inertia()
    );

    // How the clusters spread over the digits: for each cluster, its most
    // common digit and the share of its images that are that digit.
    let labels = kmeans.labels();
    let mut counts = Array2::<usize>::zeros((10, 10));
    for (&cluster, &digit) in labels.iter().zip(&y) {
        counts[[cluster as usize, digit]] += 1;
    }
    let mut agreeing = 0;
    for (cluster, row) in counts.rows().into_iter().enumerate() {
        let (digit, &most) = row.iter().enumerate().max_by_key(|&(_, &c)| c).expect("10 digits");
        let size: usize = row.sum();
        agreeing += most;
        println!(
            "  cluster {cluster}: {size:>5} images, {:>5.1}% of them a {digit}",
            100.0 * most as f64 / size.max(1) as f64
        );
    }
    println!(
        "purity (images in their cluster's most common digit): {:.3}",
        agreeing as f64 / y.len() as f64
    );
    println!(
        "adjusted Rand index: {:.3}",
        learnkit::metrics::adjusted_rand_score(y.view(), labels)?
    );
    Ok(())
}
