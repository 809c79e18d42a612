//! The scalers, the normalizer and the imputer of `preprocessing`
//! (the encoders are in `preprocessing/encoders.rs`, polynomial features
//! in `preprocessing/polynomial.rs`).
//!
//! As skl2onnx: ONNX-ML's `Scaler`, `Normalizer` and `Imputer` in a float
//! graph. Those operators compute in `float` only, so a double graph does
//! the operations learnkit's transform does with standard operators, which
//! gives the same bits (or, for sums over a row, the same values up to the
//! order of the additions, far inside `1e-12`).

mod encoders;
mod polynomial;

use crate::error::Result;
use crate::float::Float;
use crate::onnx::graph::{Elem, Exported, Graph, Tensor, attr};
use crate::onnx::sealed::OnnxExport;
use crate::preprocessing::{
    FittedMaxAbsScaler, FittedMinMaxScaler, FittedNormalizer, FittedSimpleImputer, FittedStandardScaler, Norm,
};

impl<F: Float> OnnxExport for FittedStandardScaler<F> {
    fn onnx_type_name(&self) -> String {
        "FittedStandardScaler".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let (offset, divisor) = self.offset_divisor();
        let offset: Vec<f64> = offset.iter().map(|v| v.as_f64()).collect();
        let divisor: Vec<f64> = divisor.iter().map(|v| v.as_f64()).collect();
        Ok(Exported::Transform(affine_columns(graph, &input, &offset, &divisor)))
    }
}

/// `(x − offset) / divisor` per column: `Scaler` in a float graph (scale =
/// 1 / divisor, as skl2onnx), `Sub` and `Div` in a double graph. Shared by
/// the scalers.
pub(crate) fn affine_columns(graph: &mut Graph, input: &Tensor, offset: &[f64], divisor: &[f64]) -> Tensor {
    let width = offset.len();
    if input.elem == Elem::Double {
        let offset = graph.floats("offset", offset, &[width], Elem::Double);
        let divisor = graph.floats("divisor", divisor, &[width], Elem::Double);
        let centred = graph.op("Sub", &[&input.name, &offset], vec![]);
        let name = graph.op("Div", &[&centred, &divisor], vec![]);
        return Tensor::matrix(name, Elem::Double, width);
    }
    let scale: Vec<f64> = divisor.iter().map(|d| 1.0 / d).collect();
    scaler(graph, input, offset, &scale)
}

/// ONNX-ML's `Scaler`: `(x − offset) · scale` per column, in `float`.
fn scaler(graph: &mut Graph, input: &Tensor, offset: &[f64], scale: &[f64]) -> Tensor {
    let name = graph
        .ml_op(
            "Scaler",
            &[&input.name],
            1,
            vec![attr::floats("offset", offset), attr::floats("scale", scale)],
        )
        .remove(0);
    Tensor::matrix(name, Elem::Float, offset.len())
}

/// `x · scale + min` (then clipped to the feature range when asked), as
/// skl2onnx: `Scaler` with offset `−min / scale` in a float graph; learnkit's
/// `Mul` then `Add` in a double graph. `Clip` keeps `NaN`, as learnkit does.
impl<F: Float> OnnxExport for FittedMinMaxScaler<F> {
    fn onnx_type_name(&self) -> String {
        "FittedMinMaxScaler".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let width = self.n_features_in();
        let scale = self.scale().to_vec();
        let min = self.min().to_vec();
        let scaled = if input.elem == Elem::Double {
            let scale = graph.floats("scale", &scale, &[width], Elem::Double);
            let min = graph.floats("min", &min, &[width], Elem::Double);
            let product = graph.op("Mul", &[&input.name, &scale], vec![]);
            Tensor::matrix(graph.op("Add", &[&product, &min], vec![]), Elem::Double, width)
        } else {
            let offset: Vec<f64> = min.iter().zip(&scale).map(|(m, s)| -m / s).collect();
            scaler(graph, &input, &offset, &scale)
        };
        let Some((lo, hi)) = self.clip_range() else {
            return Ok(Exported::Transform(scaled));
        };
        let lo = graph.floats("lo", &[lo], &[], scaled.elem);
        let hi = graph.floats("hi", &[hi], &[], scaled.elem);
        let name = graph.op("Clip", &[&scaled.name, &lo, &hi], vec![]);
        Ok(Exported::Transform(Tensor { name, ..scaled }))
    }
}

/// `x / max_abs` per column (a zero maximum divides by 1): `Scaler` in a
/// float graph, as skl2onnx; `Div` in a double graph.
impl<F: Float> OnnxExport for FittedMaxAbsScaler<F> {
    fn onnx_type_name(&self) -> String {
        "FittedMaxAbsScaler".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let offset = vec![0.0; self.n_features_in()];
        let divisor = self.scale().to_vec();
        Ok(Exported::Transform(affine_columns(graph, &input, &offset, &divisor)))
    }
}

impl OnnxExport for FittedNormalizer {
    fn onnx_type_name(&self) -> String {
        "FittedNormalizer".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        Ok(Exported::Transform(normalize_rows(graph, &input, self.norm())))
    }
}

/// Each row divided by its `norm` (a row of zeros stays zeros). A float
/// graph uses ONNX-ML's `Normalizer` for L1 and L2, as skl2onnx; its `MAX`
/// divides by the largest value rather than the largest absolute value
/// (scikit-learn's and learnkit's max norm), so the max norm, and every
/// norm of a double graph, is computed with standard operators: `Abs` or
/// `Mul`, a `ReduceSum` / `ReduceMax` over the row, `Sqrt` for L2, a zero
/// norm replaced by 1, then `Div`. Shared with the tf-idf transformer.
pub(crate) fn normalize_rows(graph: &mut Graph, input: &Tensor, norm: Norm) -> Tensor {
    let ml_norm = match norm {
        Norm::L1 => Some("L1"),
        Norm::L2 => Some("L2"),
        _ => None,
    };
    if let (Elem::Float, Some(ml_norm)) = (input.elem, ml_norm) {
        let name = graph
            .ml_op("Normalizer", &[&input.name], 1, vec![attr::string("norm", ml_norm)])
            .remove(0);
        return Tensor { name, ..input.clone() };
    }
    let norms = match norm {
        Norm::L1 => {
            let magnitudes = graph.op("Abs", &[&input.name], vec![]);
            graph.reduce("ReduceSum", &magnitudes, &[1], true)
        }
        Norm::L2 => {
            let squares = graph.op("Mul", &[&input.name, &input.name], vec![]);
            let sums = graph.reduce("ReduceSum", &squares, &[1], true);
            graph.op("Sqrt", &[&sums], vec![])
        }
        _ => {
            let magnitudes = graph.op("Abs", &[&input.name], vec![]);
            graph.reduce("ReduceMax", &magnitudes, &[1], true)
        }
    };
    let zero = graph.floats("zero", &[0.0], &[], input.elem);
    let one = graph.floats("one", &[1.0], &[], input.elem);
    let is_zero = graph.op("Equal", &[&norms, &zero], vec![]);
    let divisor = graph.op("Where", &[&is_zero, &one, &norms], vec![]);
    let name = graph.op("Div", &[&input.name, &divisor], vec![]);
    Tensor { name, ..input.clone() }
}

/// The kept columns with `NaN` replaced by their fill values, then the
/// missing-value indicators (1 where the value is `NaN`) of the indicator
/// features. skl2onnx's `Imputer` (`replaced_value_float` NaN) in a float
/// graph; `IsNaN` and `Where` in a double graph (`Imputer` is float only).
/// The indicators: `IsNaN` and `Cast`, as skl2onnx's `MissingIndicator`.
impl<F: Float> OnnxExport for FittedSimpleImputer<F> {
    fn onnx_type_name(&self) -> String {
        "FittedSimpleImputer".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let (kept, fill) = self.kept_and_fill();
        let fill: Vec<f64> = fill.iter().map(|v| v.as_f64()).collect();
        let mut parts = Vec::new();
        if !kept.is_empty() {
            let columns = graph.columns(&input, kept);
            let name = if input.elem == Elem::Double {
                let fill = graph.floats("fill", &fill, &[fill.len()], Elem::Double);
                let missing = graph.op("IsNaN", &[&columns.name], vec![]);
                graph.op("Where", &[&missing, &fill, &columns.name], vec![])
            } else {
                graph
                    .ml_op(
                        "Imputer",
                        &[&columns.name],
                        1,
                        vec![
                            attr::floats("imputed_value_floats", &fill),
                            attr::float("replaced_value_float", f64::NAN),
                        ],
                    )
                    .remove(0)
            };
            parts.push(Tensor { name, ..columns });
        }
        let indicator_features = self.indicator_features();
        if !indicator_features.is_empty() {
            let columns = graph.columns(&input, indicator_features);
            let missing = graph.op("IsNaN", &[&columns.name], vec![]);
            let name = graph.op("Cast", &[&missing], vec![attr::int("to", input.elem.code() as i64)]);
            parts.push(Tensor { name, ..columns });
        }
        if parts.is_empty() {
            return Err(crate::onnx::unsupported(
                "FittedSimpleImputer",
                "it outputs no column (every feature was empty in fit and dropped)",
            ));
        }
        Ok(Exported::Transform(graph.concat_columns(&parts)))
    }
}
