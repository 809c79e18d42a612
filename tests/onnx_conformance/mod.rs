//! ONNX conformance: every exportable model, fitted on bundled data, is
//! exported and written as a case (`<name>.onnx` and `<name>.json`: the
//! input and learnkit's own outputs) into `$LEARNKIT_ONNX_CASES`, or
//! `target/tmp/onnx-conformance/` by default. `tools/onnx/conformance.py`
//! then scores each case in onnxruntime, runs `onnx.checker`, and compares
//! (`.ci/run` runs both). The Rust side needs no Python: it checks that
//! every export decodes and has the outputs skl2onnx's graphs have, and
//! that every unsupported type says so.
//!
//! One file per family; each test writes its own cases (names are unique
//! per file: `<family>_<model>_<variant>`).

mod cluster;
mod compose;
mod harness;
mod hist_gradient_boosting;
mod linear;
mod naive_bayes;
mod neighbors;
mod preprocessing;
mod svm;
mod trees;
mod unsupported;
