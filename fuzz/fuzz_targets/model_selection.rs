//! Fuzz target `model_selection`: the code of tests/robustness/model_selection.rs on the fuzzer's
//! bytes (the same code `cargo test --test robustness` runs on seeded bytes).

#![no_main]

#[path = "../../tests/robustness/check.rs"]
mod check;
#[path = "../../tests/robustness/decode.rs"]
mod decode;
#[path = "../../tests/robustness/model_selection.rs"]
mod model_selection;

libfuzzer_sys::fuzz_target!(|data: &[u8]| model_selection::run(data));
