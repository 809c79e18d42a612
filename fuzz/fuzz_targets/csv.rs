//! Fuzz target `csv`: the code of tests/robustness/csv.rs on the fuzzer's
//! bytes (the same code `cargo test --test robustness` runs on seeded bytes).

#![no_main]

#[path = "../../tests/robustness/check.rs"]
mod check;
#[path = "../../tests/robustness/csv.rs"]
mod csv;
#[path = "../../tests/robustness/decode.rs"]
mod decode;

libfuzzer_sys::fuzz_target!(|data: &[u8]| csv::run(data));
