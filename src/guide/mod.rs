//! The user guide: how to use learnkit, task by task, beyond the reference
//! documentation of each item.
//!
//! Every page is prose with examples, and every example is a doctest: it is
//! compiled and run by `cargo test`, so what you read here works with the
//! version you read it in.
//!
//! | page | what it covers |
//! |---|---|
//! | [`getting_started`] | the first model, the `fit` → fitted type design, errors, warnings |
//! | [`data`] | arrays, bundled and generated data, CSV files, categorical columns, missing values |
//! | [`pipelines`] | [`Pipeline`](crate::compose::Pipeline) and [`ColumnTransformer`](crate::compose::ColumnTransformer) |
//! | [`sparse_and_text`] | sparse matrices, which estimators take them, text vectorizers, memory |
//! | [`model_selection`] | splitting, cross-validation, scorers, grid and randomized search |
//! | [`persistence`] | saving and loading fitted models |
//! | [`onnx`] | exporting models and pipelines to ONNX for onnxruntime |
//! | [`parallelism`] | threads, `n_jobs`, and why results never depend on them |
//! | [`performance`] | tips for fast fits and predictions |
//! | [`for_scikit_learn_users`] | a table from scikit-learn's names and idioms to learnkit's |
//!
//! New to learnkit? Start with [`getting_started`]. Coming from Python?
//! Read [`for_scikit_learn_users`] first.

pub mod data;
pub mod for_scikit_learn_users;
pub mod getting_started;
pub mod model_selection;
#[cfg(feature = "onnx")]
pub mod onnx;
pub mod parallelism;
pub mod performance;
pub mod persistence;
pub mod pipelines;
pub mod sparse_and_text;
