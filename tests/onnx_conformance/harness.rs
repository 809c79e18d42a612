//! Writing conformance cases: the model's ONNX bytes, the input, and what
//! learnkit predicts, for `tools/onnx/conformance.py` to compare with
//! onnxruntime.

use std::path::PathBuf;

use learnkit::onnx::{OnnxFloat, OnnxModel, OnnxOptions, ToOnnx};
use learnkit::prelude::*;
use ndarray::{Array2, ArrayView2};
use serde_json::{Value, json};

/// Where cases are written: `$LEARNKIT_ONNX_CASES`, else
/// `target/tmp/onnx-conformance`.
pub fn cases_dir() -> PathBuf {
    let dir = std::env::var_os("LEARNKIT_ONNX_CASES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("onnx-conformance"));
    std::fs::create_dir_all(&dir).expect("create the ONNX cases directory");
    dir
}

/// The tolerance `conformance.py` applies: `1e-5` for a float graph, `1e-12`
/// for a double one (on `|a − b| / max(1, |b|)`).
pub fn tolerance(options: &OnnxOptions) -> f64 {
    if options.input_type == OnnxFloat::Double {
        1e-12
    } else {
        1e-5
    }
}

/// `x` rounded to `f32` and back: the rows a float graph receives, so that
/// learnkit's `f64` predictions on them are what the graph should give.
pub fn f32_rows(x: ArrayView2<'_, f64>) -> Array2<f64> {
    x.mapv(|v| v as f32 as f64)
}

/// A matrix as `{"shape": [n, m], "data": [...]}` (`null` for NaN).
pub fn matrix_json(a: ArrayView2<'_, f64>) -> Value {
    let data: Vec<Value> = a
        .iter()
        .map(|&v| if v.is_nan() { Value::Null } else { json!(v) })
        .collect();
    json!({"shape": [a.nrows(), a.ncols()], "data": data})
}

/// What learnkit computes for the case, by output name.
pub enum Expected {
    /// `variable`: a transform or a regression (`[N, k]`).
    Variable(Array2<f64>),
    /// `output_label` and `output_probability` (probabilities or, for a
    /// model without them, the decision function as skl2onnx writes it).
    Classification {
        /// The labels, as JSON (numbers or strings).
        labels: Vec<Value>,
        /// The classes, in score-column order, as JSON.
        classes: Vec<Value>,
        /// The per-class scores.
        scores: Array2<f64>,
    },
    /// A clusterer's `label` (cluster indices) and its per-cluster scores
    /// under `scores_name` (`scores` or `probabilities`).
    Clusters {
        /// The cluster of each row.
        labels: Vec<i64>,
        /// Distances or probabilities, one column per cluster.
        scores: Array2<f64>,
        /// The scores' output name.
        scores_name: &'static str,
    },
}

/// Exports `model` with `options`, checks the export's outputs, and writes
/// the case `name` with input `x` (which must be `f32`-exact for a float
/// graph: use [`f32_rows`]). Returns the export for further checks.
pub fn write_case(
    name: &str,
    model: &impl ToOnnx,
    options: &OnnxOptions,
    x: ArrayView2<'_, f64>,
    expected: Expected,
) -> OnnxModel {
    let onnx = model
        .to_onnx(options)
        .unwrap_or_else(|e| panic!("{name}: export failed: {e}"));
    if options.input_type == OnnxFloat::Float {
        assert!(
            x.iter().all(|&v| v.is_nan() || v as f32 as f64 == v),
            "{name}: a float graph's input must be f32-exact (use f32_rows)"
        );
    }
    let outputs = match &expected {
        Expected::Variable(_) => vec!["variable"],
        Expected::Classification { .. } => vec!["output_label", "output_probability"],
        Expected::Clusters { scores_name, .. } => vec!["label", scores_name],
    };
    assert_eq!(onnx.output_names(), outputs, "{name}: outputs");
    assert_eq!(onnx.input_name(), options.input_name, "{name}: input");
    let dtype = if options.input_type == OnnxFloat::Double {
        "float64"
    } else {
        "float32"
    };
    let mut case = json!({
        "name": name,
        "dtype": dtype,
        "tolerance": tolerance(options),
        "zipmap": options.zipmap,
        "input_name": options.input_name,
        "input": matrix_json(x),
    });
    match expected {
        Expected::Variable(v) => case["variable"] = matrix_json(v.view()),
        Expected::Classification {
            labels,
            classes,
            scores,
        } => {
            assert_eq!(labels.len(), x.nrows(), "{name}: one label per row");
            assert_eq!(scores.dim(), (x.nrows(), classes.len()), "{name}: scores shape");
            case["output_label"] = Value::Array(labels);
            case["classes"] = Value::Array(classes);
            case["output_probability"] = matrix_json(scores.view());
        }
        Expected::Clusters {
            labels,
            scores,
            scores_name,
        } => {
            assert_eq!(scores.nrows(), x.nrows(), "{name}: scores shape");
            let label = json!({"shape": [labels.len()], "data": labels});
            case["outputs"] = json!({"label": label, scores_name: matrix_json(scores.view())});
        }
    }
    let dir = cases_dir();
    onnx.save(dir.join(format!("{name}.onnx")))
        .expect("write the .onnx file");
    let text = serde_json::to_string(&case).expect("serialise the case");
    std::fs::write(dir.join(format!("{name}.json")), text).expect("write the .json file");
    onnx
}

/// Labels as JSON values (numbers or strings).
pub fn labels_json<T: serde::Serialize>(labels: &[T]) -> Vec<Value> {
    labels
        .iter()
        .map(|l| serde_json::to_value(l).expect("a label serialises"))
        .collect()
}

/// The case of a classifier with probabilities: its `predict` and
/// `predict_proba` on `x`.
pub fn proba_case<M, T>(name: &str, model: &M, options: &OnnxOptions, x: ArrayView2<'_, f64>) -> OnnxModel
where
    M: ToOnnx + PredictProba<f64, Output = T>,
    T: Label + serde::Serialize,
{
    let labels = model.predict(x).expect("predict");
    let scores = model.predict_proba(x).expect("predict_proba");
    let expected = Expected::Classification {
        labels: labels_json(labels.as_slice().expect("contiguous")),
        classes: labels_json(model.classes()),
        scores,
    };
    write_case(name, model, options, x, expected)
}

/// The case of a classifier without probabilities: its `predict` and its
/// decision function as skl2onnx writes it (`[−d, d]` for two classes).
pub fn decision_case<M, T>(name: &str, model: &M, options: &OnnxOptions, x: ArrayView2<'_, f64>) -> OnnxModel
where
    M: ToOnnx + DecisionFunction<f64, Output = T>,
    T: Label + serde::Serialize,
{
    let labels = model.predict(x).expect("predict");
    let d = model.decision_function(x).expect("decision_function");
    let scores = if d.ncols() == 1 {
        ndarray::concatenate![ndarray::Axis(1), d.mapv(|v| -v), d]
    } else {
        d
    };
    let expected = Expected::Classification {
        labels: labels_json(labels.as_slice().expect("contiguous")),
        classes: labels_json(model.classes()),
        scores,
    };
    write_case(name, model, options, x, expected)
}

/// The case of a regressor: `predict` as a `[N, 1]` `variable`.
pub fn regression_case<M>(name: &str, model: &M, options: &OnnxOptions, x: ArrayView2<'_, f64>) -> OnnxModel
where
    M: ToOnnx + Predictor<f64, Output = f64>,
{
    let y = model.predict(x).expect("predict");
    let n = y.len();
    write_case(
        name,
        model,
        options,
        x,
        Expected::Variable(y.into_shape_with_order((n, 1)).expect("a column")),
    )
}

/// The case of a transformer: `transform` as `variable`.
pub fn transform_case<M>(name: &str, model: &M, options: &OnnxOptions, x: ArrayView2<'_, f64>) -> OnnxModel
where
    M: ToOnnx + Transformer<f64>,
{
    let t = model.transform(x).expect("transform");
    write_case(name, model, options, x, Expected::Variable(t))
}

/// The case of a clusterer: its cluster indices as `label` and its
/// per-cluster scores as `scores_name` (`scores` for KMeans' distances,
/// `probabilities` for a mixture's posteriors).
pub fn cluster_case(
    name: &str,
    model: &impl ToOnnx,
    options: &OnnxOptions,
    x: ArrayView2<'_, f64>,
    labels: ndarray::Array1<i64>,
    scores: Array2<f64>,
    scores_name: &'static str,
) -> OnnxModel {
    let expected = Expected::Clusters {
        labels: labels.to_vec(),
        scores,
        scores_name,
    };
    write_case(name, model, options, x, expected)
}

/// The options of the four variants every model is written in: float and
/// double graphs, with and without ZipMap (which only classifiers read).
pub fn variants() -> [(&'static str, OnnxOptions); 2] {
    [
        ("f32", OnnxOptions::default()),
        (
            "f64",
            OnnxOptions::default().input_type(OnnxFloat::Double).zipmap(false),
        ),
    ]
}
