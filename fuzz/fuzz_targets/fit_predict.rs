//! Fuzz target `fit_predict`: the code of tests/robustness/fit_predict.rs on the fuzzer's
//! bytes (the same code `cargo test --test robustness` runs on seeded bytes).

#![no_main]

#[path = "../../tests/robustness/check.rs"]
mod check;
#[path = "../../tests/robustness/decode.rs"]
mod decode;
#[path = "../../tests/robustness/fit_predict.rs"]
mod fit_predict;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fit_predict::run(data));
