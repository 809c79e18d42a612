//! Saving and loading a fitted model: a 100-tree `RandomForestClassifier`
//! on Adult (the encoding of `examples/census.rs`: categorical columns as
//! codes, missing values as `NaN`), saved with `persistence::save` in the
//! binary format and in JSON, then loaded back.
//!
//! Run with `cargo run --release --example save_load`. It prints the file
//! sizes and the median of 3 fits, saves and loads, and checks that the
//! loaded forest predicts the same probabilities, bit for bit. The figures
//! are in `benches/README.md` ("Saved model size"), beside scikit-learn's
//! (`benches/compare/save_size.py`).

use learnkit::datasets::load_adult;
use learnkit::ensemble::{FittedRandomForestClassifier, RandomForestClassifier};
use learnkit::persistence;
use learnkit::prelude::*;
use std::time::{Duration, Instant};

/// The median of three runs of `f`, and its last result.
fn median_of_3<T>(mut f: impl FnMut() -> learnkit::Result<T>) -> learnkit::Result<(Duration, T)> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let start = Instant::now();
        last = Some(f()?);
        times.push(start.elapsed());
    }
    times.sort();
    Ok((times[1], last.expect("three runs")))
}

fn main() -> learnkit::Result<()> {
    let adult = load_adult();
    let (x, y) = (&adult.train.data, &adult.train.target);
    let params = RandomForestClassifier::default().n_estimators(100).random_state(0);
    let (fit, model) = median_of_3(|| params.fit(x.view(), y.view()))?;
    let nodes: usize = model.estimators().iter().map(|t| t.node_count()).sum();
    println!(
        "RandomForestClassifier(n_estimators=100, random_state=0) on Adult ({} rows × {} features): {nodes} nodes, fit {:.2} s",
        x.nrows(),
        x.ncols(),
        fit.as_secs_f64()
    );

    let dir = std::env::temp_dir();
    let expected = model.predict_proba(adult.test.data.view())?;
    for file in ["learnkit-adult-forest.lk", "learnkit-adult-forest.json"] {
        let path = dir.join(file);
        let (save, ()) = median_of_3(|| persistence::save(&model, &path))?;
        let size = std::fs::metadata(&path).map_err(|source| learnkit::Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let (load, loaded) = median_of_3(|| persistence::load::<FittedRandomForestClassifier<f64, String>>(&path))?;
        let proba = loaded.predict_proba(adult.test.data.view())?;
        let same = proba.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits());
        println!(
            "{file}: {} bytes ({:.1} MB), save {:.3} s, load {:.3} s ({:.0}× faster than fitting), same probabilities: {same}",
            size.len(),
            size.len() as f64 / 1e6,
            save.as_secs_f64(),
            load.as_secs_f64(),
            fit.as_secs_f64() / load.as_secs_f64()
        );
        assert!(same, "the loaded forest predicts other probabilities");
        std::fs::remove_file(&path).ok();
    }
    Ok(())
}
