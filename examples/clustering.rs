//! Clustering and nearest neighbours:
//! 1. the digits through `StandardScaler → PCA → KMeans(10)`, compared with
//!    the true digit of each image (adjusted Rand index);
//! 2. `DBSCAN` and `HDBSCAN` on a 2-D set of blobs with uniform noise: the
//!    clusters found and the points left as noise;
//! 3. `KNeighborsClassifier(5)` on a held-out quarter of the images (on
//!    MNIST: the 10,000 test images against the 60,000 training ones), with
//!    accuracy and time.
//!
//! Run with `cargo run --release --example clustering` (the 1,797 8×8
//! digits bundled with the crate), or `-- --mnist` for MNIST's 60,000
//! training images (read from `datasets/mnist/`).

use learnkit::cluster::{DBSCAN, HDBSCAN, KMeans};
use learnkit::datasets::MakeBlobs;
use learnkit::decomposition::{NComponents, PCA};
use learnkit::model_selection::train_test_split;
use learnkit::neighbors::KNeighborsClassifier;
use learnkit::prelude::*;
use learnkit::traits::Clusterer;
use ndarray::{Array1, Array2};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mnist = std::env::args().skip(1).any(|a| a == "--mnist");
    // The images to cluster, and a train / test split for k-NN.
    type Split = (Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>);
    let (name, x, y, knn_split): (&str, Array2<f64>, Array1<usize>, Split) = if mnist {
        let data = learnkit::datasets::load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist"))?;
        let split = (data.x_train.clone(), data.y_train.clone(), data.x_test, data.y_test);
        ("MNIST (training images)", data.x_train, data.y_train, split)
    } else {
        let digits = learnkit::datasets::load_digits();
        let split = train_test_split(digits.data.view(), digits.target.view())
            .test_size(0.25)
            .random_state(0)
            .split()?;
        let split = (split.x_train, split.y_train, split.x_test, split.y_test);
        ("digits", digits.data, digits.target, split)
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

    density_based()?;
    nearest_neighbours(knn_split)?;
    Ok(())
}

/// DBSCAN and HDBSCAN on three blobs of different spread plus uniform noise:
/// HDBSCAN needs no radius and copes with the different densities.
fn density_based() -> Result<(), Box<dyn std::error::Error>> {
    let (blobs, truth) = MakeBlobs::default()
        .n_samples(1500)
        .centers(3)
        .cluster_std(vec![0.5, 1.0, 1.5])
        .random_state(1)
        .generate()?;
    // 300 noise points spread evenly over the blobs' box: the R2
    // low-discrepancy sequence (deterministic, no random-number crate needed).
    let noise = Array2::from_shape_fn((300, 2), |(i, j)| {
        let step = [0.754_877_666_246_692_7, 0.569_840_290_998_053_3][j];
        -12.0 + 24.0 * (0.5 + (i + 1) as f64 * step).fract()
    });
    let x = ndarray::concatenate![ndarray::Axis(0), blobs, noise];
    println!(
        "\n2-D: {} points from 3 blobs of spread 0.5, 1.0 and 1.5, and {} noise points",
        blobs.nrows(),
        noise.nrows()
    );
    let truth: Array1<i64> = truth
        .mapv(|c| c as i64)
        .into_iter()
        .chain(std::iter::repeat_n(-1, noise.nrows()))
        .collect();
    for (method, labels) in [
        (
            "DBSCAN(eps 0.6, min_samples 10)",
            DBSCAN::default().eps(0.6).min_samples(10).fit_predict(x.view())?,
        ),
        (
            "HDBSCAN(min_cluster_size 25)",
            HDBSCAN::default().min_cluster_size(25).fit_predict(x.view())?,
        ),
    ] {
        let clusters = labels.iter().copied().max().map_or(0, |m| m + 1);
        let noise_found = labels.iter().filter(|&&l| l == -1).count();
        println!(
            "  {method}: {clusters} clusters, {noise_found} points as noise, adjusted Rand index {:.3}",
            learnkit::metrics::adjusted_rand_score(truth.view(), labels.view())?
        );
    }
    Ok(())
}

/// k-nearest neighbours: the brute-force search (a GEMM per block of test
/// rows) on the pixels scaled to [0, 1].
fn nearest_neighbours(
    (x_train, y_train, x_test, y_test): (Array2<f64>, Array1<usize>, Array2<f64>, Array1<usize>),
) -> Result<(), Box<dyn std::error::Error>> {
    let scale = x_train.iter().copied().fold(0.0, f64::max).max(1.0);
    let (x_train, x_test) = (x_train / scale, x_test / scale);
    let start = Instant::now();
    let knn = KNeighborsClassifier::default().fit(x_train.view(), y_train.view())?;
    let accuracy = knn.score(x_test.view(), y_test.view())?;
    println!(
        "\nKNeighborsClassifier(5): {} test images against {} training images, accuracy {accuracy:.4}, {:.2} s",
        x_test.nrows(),
        x_train.nrows(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
