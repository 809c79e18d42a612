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

/// A bundled classification dataset by the name the reference scripts use
/// (`iris`, `breast_cancer`, `digits`, `wine`), standardised by learnkit's
/// `StandardScaler` when asked (the scripts standardise with scikit-learn's,
/// whose transform is the same to 1e-12).
pub fn bundled(name: &str, standardise: bool) -> (Array2<f64>, Array1<usize>) {
    use learnkit::prelude::*;
    let dataset = match name {
        "iris" => learnkit::datasets::load_iris(),
        "breast_cancer" => learnkit::datasets::load_breast_cancer(),
        "digits" => learnkit::datasets::load_digits(),
        "wine" => learnkit::datasets::load_wine(),
        other => panic!("unknown dataset {other}"),
    };
    let x = if standardise {
        StandardScaler::default()
            .fit_unsupervised(dataset.data.view())
            .unwrap()
            .transform(dataset.data.view())
            .unwrap()
    } else {
        dataset.data
    };
    (x, dataset.target)
}

/// The SVM scripts' split: rows `i % 4 != 0` train, rows `i % 4 == 0` test.
/// Returns `(x_train, y_train, x_test, y_test)`.
pub fn quarter_split<T: Clone>(x: &Array2<f64>, y: &Array1<T>) -> (Array2<f64>, Array1<T>, Array2<f64>, Array1<T>) {
    let train: Vec<usize> = (0..x.nrows()).filter(|i| i % 4 != 0).collect();
    let test: Vec<usize> = (0..x.nrows()).filter(|i| i % 4 == 0).collect();
    (
        x.select(Axis(0), &train),
        y.select(Axis(0), &train),
        x.select(Axis(0), &test),
        y.select(Axis(0), &test),
    )
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
        }) => assert_eq!((e.as_ref(), p), (estimator, parameter)),
        other => panic!("{parameter}: expected InvalidParameter, got {other:?}"),
    }
}

/// The sample weights of the reference scripts: 0.5 + 0.25 · (i mod 5).
pub fn formula_weights(n: usize) -> Array1<f64> {
    (0..n).map(|i| 0.5 + 0.25 * (i % 5) as f64).collect()
}

/// The largest `|a − b| / max(|b|, floor)` over two arrays: relative, with an
/// absolute floor for entries near zero.
pub fn max_relative_difference<'a>(
    got: impl IntoIterator<Item = &'a f64>,
    expected: impl IntoIterator<Item = &'a f64>,
    floor: f64,
) -> f64 {
    got.into_iter()
        .zip(expected)
        .map(|(g, e)| (g - e).abs() / e.abs().max(floor))
        .fold(0.0, f64::max)
}
