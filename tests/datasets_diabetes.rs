//! The bundled diabetes dataset against scikit-learn 1.9.1's `load_diabetes`
//! (tests/fixtures/diabetes.json, from tools/reference/diabetes.py): the
//! unscaled data and the target exactly, the scaled data to 1e-12.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::datasets::{load_diabetes, load_diabetes_unscaled};
use serde_json::Value;

#[test]
fn diabetes_matches_scikit_learn() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/diabetes.json")).unwrap();
    let scaled = load_diabetes();
    let raw = load_diabetes_unscaled();
    let names: Vec<&str> = fixture["feature_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(scaled.feature_names, names);
    assert_eq!(raw.feature_names, names);
    assert_eq!(raw.data, matrix(&fixture["data_unscaled"]));
    assert_eq!(scaled.target, vector(&fixture["target"]));
    assert_eq!(raw.target, scaled.target);
    let want = matrix(&fixture["data"]);
    assert_eq!(scaled.data.dim(), (442, 10));
    for (g, w) in scaled.data.iter().zip(&want) {
        assert!((g - w).abs() <= 1e-12 * w.abs().max(1e-3), "got {g}, want {w}");
    }
}
