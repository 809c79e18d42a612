//! Reading the scikit-learn reference fixtures (tests/fixtures/*.json).

use ndarray::{Array1, Array2, Axis};
use serde_json::Value;

/// A JSON array of numbers as a vector.
pub fn vector(value: &Value) -> Array1<f64> {
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

/// A JSON array of equal-length number arrays as a matrix (one row each).
pub fn matrix(value: &Value) -> Array2<f64> {
    let rows: Vec<Array1<f64>> = value.as_array().expect("a JSON array").iter().map(vector).collect();
    let views: Vec<_> = rows.iter().map(|r| r.view()).collect();
    ndarray::stack(Axis(0), &views).expect("rows of equal length")
}
