//! ONNX export: the census models, written as `.onnx` files for onnxruntime.
//!
//! Run with `cargo run --release --example onnx [-- OUT_DIR]` (default
//! `target/onnx-example`). It fits, on Adult's training split,
//! - `HistGradientBoostingClassifier` with native categorical splits and
//!   missing values (as `examples/census.rs`; skl2onnx cannot export
//!   native categories at all), and
//! - the `ColumnTransformer(OneHotEncoder, StandardScaler) →
//!   LogisticRegression` pipeline, exported as one graph;
//!
//! writes `census_hgb.onnx` and `census_logistic.onnx`, and the test split
//! with learnkit's own probabilities (`adult_test.f32`, `adult_test.json`)
//! so that `benches/compare/onnx_census.py` can score the same rows in
//! onnxruntime, compare the ROC-AUC and time it. It prints learnkit's
//! ROC-AUC and prediction latency (all test rows at once, and one row at a
//! time) and how to score the files in Python.
//!
//! The graphs take `float` input (`X`, `[N, 14]`), onnxruntime's usual type.
//! Adult's values are integers below 2²⁴ (and codes), so their `f32` is
//! exact; the trees' thresholds are rounded down to `f32` so every row takes
//! the branch it takes in learnkit.

use learnkit::compose::ColumnTransformer;
use learnkit::datasets::load_adult;
use learnkit::ensemble::{CategoricalFeatures, EarlyStopping, HistGradientBoostingClassifier};
use learnkit::metrics::roc_auc_score;
use learnkit::onnx::{OnnxOptions, ToOnnx};
use learnkit::prelude::*;
use learnkit::preprocessing::{HandleUnknown, OneHotEncoder};
use ndarray::{Array1, Array2, ArrayView2};
use std::path::PathBuf;
use std::time::Instant;

/// The `>50K` probabilities of `model` on `x`, and their ROC-AUC against `y`.
fn rich_probability<M: PredictProba<f64, Output = String>>(
    model: &M,
    x: ArrayView2<'_, f64>,
    y: &Array1<String>,
) -> learnkit::Result<(Array1<f64>, f64)> {
    let rich = model
        .classes()
        .iter()
        .position(|c| c == ">50K")
        .expect(">50K is a class");
    let proba = model.predict_proba(x)?.column(rich).to_owned();
    let auc = roc_auc_score(y.view(), proba.view())?;
    Ok((proba, auc))
}

/// Median seconds of `repeats` calls of `f`.
fn median_seconds(repeats: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..repeats)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// learnkit's latency on `x`: all rows at once (median of 7 calls), and one
/// row at a time (median over the first 1,000 rows).
fn latency<M: PredictProba<f64>>(model: &M, x: &Array2<f64>) -> (f64, f64) {
    let batch = median_seconds(7, || {
        model.predict_proba(x.view()).expect("predict_proba");
    });
    let rows = x.nrows().min(1000);
    let mut one: Vec<f64> = (0..rows)
        .map(|i| {
            let row = x.slice(ndarray::s![i..i + 1, ..]);
            let start = Instant::now();
            model.predict_proba(row).expect("predict_proba");
            start.elapsed().as_secs_f64()
        })
        .collect();
    one.sort_by(f64::total_cmp);
    (batch, one[one.len() / 2])
}

fn main() -> learnkit::Result<()> {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/onnx-example"));
    std::fs::create_dir_all(&out).map_err(|source| learnkit::Error::Write {
        path: out.display().to_string(),
        source,
    })?;
    let adult = load_adult();
    let (x_train, y_train) = (&adult.train.data, &adult.train.target);
    let (x_test, y_test) = (&adult.test.data, &adult.test.target);
    let options = OnnxOptions::default();

    // 1. Gradient boosting with native categories and missing values.
    let boosting = HistGradientBoostingClassifier::default()
        .categorical_features(CategoricalFeatures::Indices(adult.categorical_features.clone()))
        .early_stopping(EarlyStopping::Off)
        .random_state(0)
        .fit(x_train.view(), y_train.view())?;
    let (hgb_proba, hgb_auc) = rich_probability(&boosting, x_test.view(), y_test)?;
    let hgb_path = out.join("census_hgb.onnx");
    let onnx = boosting.to_onnx(&options)?;
    onnx.save(&hgb_path)?;
    let (batch, one) = latency(&boosting, x_test);
    println!(
        "HistGradientBoostingClassifier: test ROC-AUC {hgb_auc:.6}; predict_proba {:.1} ms for {} rows, {:.1} µs per single row",
        batch * 1e3,
        x_test.nrows(),
        one * 1e6
    );
    println!(
        "  wrote {} ({} bytes; operators {})",
        hgb_path.display(),
        onnx.to_bytes().len(),
        onnx.operators().join(", ")
    );

    // 2. One-hot categories and standardised numbers, then a linear model.
    let numeric: Vec<usize> = (0..x_train.ncols())
        .filter(|c| !adult.categorical_features.contains(c))
        .collect();
    let columns = ColumnTransformer::new()
        .add(
            "categories",
            OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore),
            adult.categorical_features.clone(),
        )
        .add("numbers", StandardScaler::default(), numeric);
    let pipeline =
        Pipeline::new(columns, LogisticRegression::default().max_iter(1000)).fit(x_train.view(), y_train.view())?;
    let (logistic_proba, logistic_auc) = rich_probability(&pipeline, x_test.view(), y_test)?;
    let logistic_path = out.join("census_logistic.onnx");
    let onnx = pipeline.to_onnx(&options)?;
    onnx.save(&logistic_path)?;
    let (batch, one) = latency(&pipeline, x_test);
    println!(
        "OneHot + StandardScaler → LogisticRegression: test ROC-AUC {logistic_auc:.6}; predict_proba {:.1} ms, {:.1} µs per single row",
        batch * 1e3,
        one * 1e6
    );
    println!(
        "  wrote {} ({} bytes; operators {})",
        logistic_path.display(),
        onnx.to_bytes().len(),
        onnx.operators().join(", ")
    );

    // The test rows (f32, row-major; NaN for missing cells), the targets and
    // learnkit's probabilities, for benches/compare/onnx_census.py.
    let bytes: Vec<u8> = x_test.iter().flat_map(|&v| (v as f32).to_le_bytes()).collect();
    let data_path = out.join("adult_test.f32");
    std::fs::write(&data_path, bytes).map_err(|source| learnkit::Error::Write {
        path: data_path.display().to_string(),
        source,
    })?;
    let y: Vec<u8> = y_test.iter().map(|c| u8::from(c == ">50K")).collect();
    let meta = format!(
        "{{\"rows\": {}, \"columns\": {}, \"rich\": {:?}, \"hgb_proba\": {:?}, \"logistic_proba\": {:?}, \"hgb_auc\": {hgb_auc}, \"logistic_auc\": {logistic_auc}}}",
        x_test.nrows(),
        x_test.ncols(),
        y,
        hgb_proba.to_vec(),
        logistic_proba.to_vec()
    );
    let meta_path = out.join("adult_test.json");
    std::fs::write(&meta_path, meta).map_err(|source| learnkit::Error::Write {
        path: meta_path.display().to_string(),
        source,
    })?;
    println!("  wrote {} and {}", data_path.display(), meta_path.display());

    println!(
        "\nScore them in Python (pip install onnxruntime):\n\
         \x20   import numpy as np, onnxruntime as ort\n\
         \x20   x = np.fromfile(\"{}\", dtype=np.float32).reshape(-1, {})\n\
         \x20   session = ort.InferenceSession(\"{}\")\n\
         \x20   labels, probabilities = session.run(None, {{\"X\": x}})  # a list of {{label: p}} maps (ZipMap)\n\
         or compare and time them: python benches/compare/onnx_census.py {}",
        data_path.display(),
        x_test.ncols(),
        hgb_path.display(),
        out.display()
    );
    Ok(())
}
