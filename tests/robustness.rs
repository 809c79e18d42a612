//! The robustness suite: the fuzz targets' code (`tests/robustness/*.rs`, the
//! same files `fuzz/fuzz_targets/*.rs` include) driven by a seeded generator,
//! a bounded number of cases per target, so that it runs on stable in
//! `cargo test`. Each case asserts no panic, a named `Error` variant with a
//! message for each rejection, consistent outputs and unchanged inputs.
//!
//! The inputs the fuzzer found failing are kept below as regression tests
//! (see `fuzz/README.md`).

#[path = "robustness/check.rs"]
mod check;
#[path = "robustness/csv.rs"]
mod csv;
#[path = "robustness/decode.rs"]
mod decode;
#[path = "robustness/fit_predict.rs"]
mod fit_predict;
#[path = "robustness/idx.rs"]
mod idx;
#[path = "robustness/load_model.rs"]
mod load_model;
#[path = "robustness/metrics.rs"]
mod metrics;
#[path = "robustness/model_selection.rs"]
mod model_selection;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Runs `target` on each byte string; every failing case is collected (with
/// its panic message and bytes) and reported at the end, all of them.
fn run_cases(name: &str, cases: impl IntoIterator<Item = Vec<u8>>, target: fn(&[u8])) {
    let mut failures = Vec::new();
    for (case, bytes) in cases.into_iter().enumerate() {
        if std::env::var_os("LEARNKIT_ROBUSTNESS_VERBOSE").is_some() {
            eprintln!("{name} case {case}: {bytes:?}");
        }
        if let Err(panic) = std::panic::catch_unwind(|| target(&bytes)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{name} case {case}: {message}\n  bytes: {bytes:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `cases` byte strings of lengths `0..=max_len` from a generator seeded
/// with `seed`; a tenth of the bytes are 0 or 255, to reach the palettes'
/// ends more often.
fn seeded_bytes(seed: u64, cases: usize, max_len: usize) -> Vec<Vec<u8>> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..cases)
        .map(|_| {
            let len = rng.random_range(0..=max_len);
            let mut bytes = vec![0u8; len];
            rng.fill(&mut bytes[..]);
            for byte in bytes.iter_mut() {
                if rng.random_bool(0.1) {
                    *byte = if rng.random_bool(0.5) { 0 } else { 255 };
                }
            }
            bytes
        })
        .collect()
}

/// Runs `target` on [`seeded_bytes`].
fn drive(seed: u64, cases: usize, max_len: usize, target: fn(&[u8])) {
    run_cases(&format!("seed {seed}"), seeded_bytes(seed, cases, max_len), target);
}

#[test]
fn csv_reader_on_seeded_bytes() {
    drive(1, 20_000, 200, csv::run);
}

#[test]
fn csv_reader_on_text_like_bytes() {
    // Mostly printable text with delimiters and newlines after the option
    // bytes: reaches the typing of columns more often than uniform bytes do.
    let alphabet = b"0123456789.,;\t\n\r -+eEaNnIif\"?xyz";
    let mut rng = StdRng::seed_from_u64(2);
    let cases = (0..10_000).map(|_| {
        let len = rng.random_range(0..=120);
        let mut bytes: Vec<u8> = (0..8).map(|_| rng.random()).collect();
        bytes.extend((0..len).map(|_| alphabet[rng.random_range(0..alphabet.len())]));
        bytes
    });
    run_cases("text-like", cases.collect::<Vec<_>>(), csv::run);
}

#[test]
fn idx_readers_on_seeded_bytes() {
    drive(3, 5000, 80, idx::run);
}

/// Cases per estimator kind in `fit_predict_on_seeded_bytes`.
const CASES_PER_KIND: usize = 600;

#[test]
fn fit_predict_on_seeded_bytes() {
    // Every kind of estimator gets the same number of cases, and at least a
    // few of them fit (the rest are rejected), so that the fitted models'
    // predict, transform and score are exercised too.
    use std::sync::atomic::Ordering;
    let mut failures = Vec::new();
    for kind in 0..fit_predict::N_KINDS {
        if std::env::var("LEARNKIT_ROBUSTNESS_KIND").is_ok_and(|k| k != kind.to_string()) {
            continue;
        }
        let before = fit_predict::FITS.load(Ordering::Relaxed);
        let started = std::time::Instant::now();
        let mut cases = seeded_bytes(100 + u64::from(kind), CASES_PER_KIND, 600);
        for bytes in &mut cases {
            bytes.insert(0, kind);
        }
        let outcome = std::panic::catch_unwind(|| run_cases(&format!("kind {kind}"), cases, fit_predict::run));
        if let Err(panic) = outcome {
            failures.push(panic.downcast_ref::<String>().cloned().unwrap_or_default());
        }
        let fits = fit_predict::FITS.load(Ordering::Relaxed) - before;
        eprintln!(
            "kind {kind}: {fits} of {CASES_PER_KIND} cases fitted in {:?}",
            started.elapsed()
        );
        if fits < CASES_PER_KIND / 20 {
            failures.push(format!("kind {kind}: only {fits} of {CASES_PER_KIND} cases fitted"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn model_selection_on_seeded_bytes() {
    drive(4, 4000, 300, model_selection::run);
}

#[test]
fn every_saved_model_kind_loads_back() {
    load_model::every_kind_round_trips();
}

#[test]
fn model_files_on_seeded_bytes() {
    drive(6, 4000, 400, load_model::run);
}

#[test]
fn metrics_on_seeded_bytes() {
    drive(5, 20_000, 200, metrics::run);
}

/// Replays one input (a fuzzer's crash file, say) through a target:
/// `LEARNKIT_REPLAY=fit_predict:fuzz/artifacts/fit_predict/crash-… cargo test
/// --test robustness replay -- --ignored --nocapture`.
#[test]
#[ignore = "replays the file named by LEARNKIT_REPLAY"]
fn replay() {
    let spec = std::env::var("LEARNKIT_REPLAY").expect("LEARNKIT_REPLAY=target:path");
    let (target, path) = spec.split_once(':').expect("LEARNKIT_REPLAY=target:path");
    let bytes = std::fs::read(path).expect("the input file");
    let run: fn(&[u8]) = match target {
        "csv" => csv::run,
        "idx" => idx::run,
        "fit_predict" => fit_predict::run,
        "model_selection" => model_selection::run,
        "metrics" => metrics::run,
        "load_model" => load_model::run,
        other => panic!("no target {other}"),
    };
    run(&bytes);
}
