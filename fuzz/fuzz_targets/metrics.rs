//! Fuzz target `metrics`: the code of tests/robustness/metrics.rs on the fuzzer's
//! bytes (the same code `cargo test --test robustness` runs on seeded bytes).

#![no_main]

#[path = "../../tests/robustness/check.rs"]
mod check;
#[path = "../../tests/robustness/decode.rs"]
mod decode;
#[path = "../../tests/robustness/metrics.rs"]
mod metrics;

libfuzzer_sys::fuzz_target!(|data: &[u8]| metrics::run(data));
