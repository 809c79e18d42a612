//! Fuzz target `idx`: the code of tests/robustness/idx.rs on the fuzzer's
//! bytes (the same code `cargo test --test robustness` runs on seeded bytes).

#![no_main]

#[path = "../../tests/robustness/check.rs"]
mod check;
#[path = "../../tests/robustness/decode.rs"]
mod decode;
#[path = "../../tests/robustness/idx.rs"]
mod idx;

libfuzzer_sys::fuzz_target!(|data: &[u8]| idx::run(data));
