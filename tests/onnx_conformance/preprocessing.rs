//! Conformance cases of the scalers and encoders.

use learnkit::datasets::load_wine;
use learnkit::prelude::*;

use super::harness::{f32_rows, transform_case, variants};

#[test]
fn standard_scaler() {
    let wine = load_wine();
    let x = f32_rows(wine.data.view());
    let scaler = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    for (variant, options) in variants() {
        let onnx = transform_case(
            &format!("preprocessing_standard_scaler_{variant}"),
            &scaler,
            &options,
            x.view(),
        );
        let expected_ops: &[&str] = if variant == "f32" {
            &["ai.onnx.ml:Scaler", "Identity"]
        } else {
            &["Sub", "Div", "Identity"]
        };
        assert_eq!(onnx.operators(), expected_ops);
    }
}
