//! The classic reference pipeline, fitted in one call:
//! `StandardScaler → PCA(30) → RandomForestClassifier(100)`.
//!
//! Run with `cargo run --release --example pipeline` (digits, a second or
//! two), or `cargo run --release --example pipeline -- --mnist` for the same
//! pipeline on MNIST's 60,000 training images (`datasets/mnist/`).
//!
//! It also draws the test images on the first two principal components of
//! the fitted PCA, coloured by digit, as `pca_<data>.svg` and `.png` in
//! `target/pipeline-figures` (the folder is printed).

use learnkit::decomposition::PCA;
use learnkit::display::{Axes, Figure, LegendLoc, Scatter, tab10};
use learnkit::ensemble::RandomForestClassifier;
use learnkit::metrics::accuracy_score;
use learnkit::model_selection::train_test_split;
use learnkit::prelude::*;
use ndarray::{Array1, Array2};
use std::path::Path;
use std::time::Instant;

fn main() -> learnkit::Result<()> {
    let mnist = std::env::args().any(|a| a == "--mnist");
    let (name, x_train, y_train, x_test, y_test) = if mnist {
        let data = learnkit::datasets::load_mnist(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/mnist"))?;
        ("MNIST", data.x_train, data.y_train, data.x_test, data.y_test)
    } else {
        let digits = learnkit::datasets::load_digits();
        let split = train_test_split(digits.data.view(), digits.target.view())
            .test_size(0.25)
            .random_state(0)
            .stratify(digits.target.view())
            .split()?;
        ("digits", split.x_train, split.y_train, split.x_test, split.y_test)
    };
    run(name, &x_train, &y_train, &x_test, &y_test)
}

fn run(
    name: &str,
    x_train: &Array2<f64>,
    y_train: &Array1<usize>,
    x_test: &Array2<f64>,
    y_test: &Array1<usize>,
) -> learnkit::Result<()> {
    println!(
        "{name}: {} training and {} test images of {} pixels",
        x_train.nrows(),
        x_test.nrows(),
        x_train.ncols()
    );
    let pipeline = Pipeline::new(StandardScaler::default(), PCA::default().n_components(30))
        .then(RandomForestClassifier::default().n_estimators(100).random_state(0));

    let start = Instant::now();
    let model = pipeline.fit(x_train.view(), y_train.view())?;
    let fit_time = start.elapsed();
    let start = Instant::now();
    let predicted = model.predict(x_test.view())?;
    let predict_time = start.elapsed();

    // The fitted pipeline nests as (scaler → PCA) → forest.
    let pca = &model.first.second;
    println!(
        "StandardScaler → PCA({}, {:?} solver) → RandomForestClassifier(100)",
        pca.n_components(),
        pca.svd_solver()
    );
    println!(
        "explained variance kept by 30 components: {:.1}%",
        100.0 * pca.explained_variance_ratio().sum()
    );
    println!(
        "test accuracy: {:.4}   fit: {:.2} s   predict: {:.3} s",
        accuracy_score(y_test.view(), predicted.view())?,
        fit_time.as_secs_f64(),
        predict_time.as_secs_f64()
    );

    // The test images on the first two principal components: the fitted
    // scaler → PCA half of the pipeline, one scatter per digit.
    let projected = model.first.transform(x_test.view())?;
    let mut axes = Axes::new()
        .title(format!("{name}: test images on the first two principal components"))
        .xlabel("first principal component")
        .ylabel("second principal component")
        .legend(LegendLoc::Best);
    for digit in 0..10 {
        let rows: Vec<usize> = (0..y_test.len()).filter(|&i| y_test[i] == digit).collect();
        axes.scatter(
            Scatter::new(
                rows.iter().map(|&i| projected[[i, 0]]).collect(),
                rows.iter().map(|&i| projected[[i, 1]]).collect(),
            )
            .colors(vec![tab10(digit)])
            .radius(if rows.len() > 1000 { 1.0 } else { 2.5 })
            .label(digit.to_string()),
        );
    }
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("pipeline-figures");
    std::fs::create_dir_all(&folder).map_err(|source| learnkit::Error::Write {
        path: folder.display().to_string(),
        source,
    })?;
    let figure = Figure::from_axes(axes);
    let stem = format!("pca_{}", name.to_lowercase());
    figure.save_svg(folder.join(format!("{stem}.svg")))?;
    figure.save_png(folder.join(format!("{stem}.png")))?;
    println!("PCA scatter: {}", folder.join(format!("{stem}.svg")).display());
    Ok(())
}
