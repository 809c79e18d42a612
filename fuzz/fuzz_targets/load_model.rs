//! Fuzz target `load_model`: the code of tests/robustness/load_model.rs on
//! the fuzzer's bytes (the same code `cargo test --test robustness` runs on
//! seeded bytes): saved models of every type, from hostile bytes or edited
//! from valid files, load as a model or `Error::ModelFile` and never panic
//! when used.

#![no_main]

#[path = "../../tests/robustness/decode.rs"]
mod decode;
#[path = "../../tests/robustness/load_model.rs"]
mod load_model;

libfuzzer_sys::fuzz_target!(|data: &[u8]| load_model::run(data));
