//! The scalers and encoders of `preprocessing`.
//!
//! `StandardScaler` as skl2onnx: ONNX-ML's `Scaler` (`(x − offset) ·
//! scale`) in a float graph; `Sub` then `Div` in a double graph, the
//! operations learnkit's transform does, so the results are the same bits.

use crate::error::Result;
use crate::float::Float;
use crate::onnx::graph::{Elem, Exported, Graph, Tensor, attr};
use crate::onnx::sealed::OnnxExport;
use crate::preprocessing::FittedStandardScaler;

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
    let name = graph
        .ml_op(
            "Scaler",
            &[&input.name],
            1,
            vec![attr::floats("offset", offset), attr::floats("scale", &scale)],
        )
        .remove(0);
    Tensor::matrix(name, Elem::Float, width)
}
