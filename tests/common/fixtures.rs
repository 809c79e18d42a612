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

/// The kernel of an SVM fixture case (fields `kernel`, `gamma`, `degree`,
/// `coef0`, as tools/reference/svm.py and svr.py write them).
pub fn svm_kernel(case: &Value) -> learnkit::svm::Kernel {
    use learnkit::svm::{Gamma, Kernel};
    let gamma = match &case["gamma"] {
        Value::String(s) if s == "scale" => Gamma::Scale,
        Value::String(s) if s == "auto" => Gamma::Auto,
        v => Gamma::Value(v.as_f64().expect("gamma: scale, auto or a number")),
    };
    match case["kernel"].as_str().expect("a kernel name") {
        "linear" => Kernel::Linear,
        "rbf" => Kernel::Rbf { gamma },
        "poly" => Kernel::Poly {
            degree: case["degree"].as_u64().expect("a degree") as u32,
            gamma,
            coef0: case["coef0"].as_f64().expect("a coef0"),
        },
        "sigmoid" => Kernel::Sigmoid {
            gamma,
            coef0: case["coef0"].as_f64().expect("a coef0"),
        },
        other => panic!("unknown kernel {other}"),
    }
}

/// Asserts that `result` is [`learnkit::Error::InvalidParameter`] naming
/// `estimator` and `parameter`.
pub fn assert_invalid_parameter<T: std::fmt::Debug>(result: learnkit::Result<T>, estimator: &str, parameter: &str) {
    match result {
        Err(learnkit::Error::InvalidParameter {
            estimator: e,
            parameter: p,
            ..
        }) => assert_eq!((e, p), (estimator, parameter)),
        other => panic!("{parameter}: expected InvalidParameter, got {other:?}"),
    }
}
