//! The integration tests, one binary: every `tests/<name>.rs` is a module
//! here. One crate instead of one per file: learnkit is generic over the
//! float type, so each test binary compiled its own copies of the estimators
//! (monomorphised at the test profile's opt-level 2); one binary compiles
//! them once and links once (the cold `cargo test` build was 17 of CI's 28
//! minutes with 46 binaries). Add a test file as `mod <name>;` below.

mod common;

mod api;
mod calibration;
mod census;
mod clustering_hierarchy;
mod clustering_metrics;
mod column_transformer;
mod coordinate_descent;
mod curves;
mod datasets_adult;
mod datasets_csv;
mod datasets_diabetes;
mod datasets_idx;
#[cfg(feature = "plot")]
mod display;
#[cfg(feature = "plot")]
mod display_models;
mod distributed_hgb;
mod distributed_models;
mod estimator_checks;
mod feature_names;
mod forest;
mod forest_missing;
mod gaussian_mixture;
mod gaussian_mixture_inits;
mod generators;
mod hist_gradient_boosting;
mod kmeans;
mod linear_cv_api;
mod linear_regression;
mod linear_speed;
mod linear_svc;
mod logistic;
mod logistic_l1;
mod metrics;
mod model_selection;
mod naive_bayes;
mod neighbors;
mod neighbors_screen;
mod onnx_conformance;
mod partial_dependence;
mod pca;
mod permutation_importance;
mod persistence;
mod persistence_models;
mod persistence_trees;
mod pipeline_names;
mod polynomial_features;
mod preprocessing;
mod radius_neighbors;
mod regression_metrics;
mod robustness;
mod robustness_limits;
mod scale;
mod sgd;
mod sparse;
mod sparse_kernel;
mod sparse_linear;
mod sparse_transforms;
mod standard_scaler;
mod svm;
mod svm_probability;
mod svr;
mod text;
mod text_options;
mod train_test_split;
mod treeshap;
mod voting_stacking;
