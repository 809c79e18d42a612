//! The common checks (tests/common/) applied to every estimator: one line each.

mod common;

use learnkit::prelude::*;

check_estimator!(standard_scaler, supervised: false,
    make: StandardScaler::default(),
    invalid: StandardScaler::default().n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(standard_scaler_without_mean, supervised: false,
    make: StandardScaler::default().with_mean(false),
    invalid: StandardScaler::default().with_mean(false).n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0);

#[test]
fn fitted_models_are_send_and_sync() {
    common::assert_send_sync::<learnkit::preprocessing::FittedStandardScaler<f64>>();
    common::assert_send_sync::<learnkit::preprocessing::FittedStandardScaler<f32>>();
}
