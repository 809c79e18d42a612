//! `PCA` and `TruncatedSVD`: linear projections.
//!
//! `PCA` in a float graph as skl2onnx: `Sub` the mean, `MatMul` by the
//! transposed components, `Div` by the whitening scale — centring first
//! keeps the `float` products small. In a double graph learnkit's own
//! arithmetic, `x · Wᵀ + b` with `W` the components and `b = −mean · Wᵀ`
//! (both divided by the whitening scale), by `MatMul` and `Add`; the sums
//! differ from learnkit's only in the order of the additions, far inside
//! `1e-12`. The solver (full, covariance, randomized) only changes the
//! components, not the graph. `TruncatedSVD` is the `MatMul` alone.

use ndarray::Array2;

use super::linear_model::linear_scores;
use crate::decomposition::{FittedPCA, FittedTruncatedSVD};
use crate::error::Result;
use crate::float::Float;
use crate::onnx::graph::{Elem, Exported, Graph, Tensor};
use crate::onnx::sealed::OnnxExport;

impl<F: Float> OnnxExport for FittedPCA<F> {
    fn onnx_type_name(&self) -> String {
        "FittedPCA".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        if input.elem == Elem::Double {
            let (weights, offset) = self.projection();
            return Ok(Exported::Transform(linear_scores(
                graph,
                &input,
                weights.view(),
                offset.view(),
            )));
        }
        let components = self.components().mapv(|v| v.as_f64());
        let width = self.n_features_in();
        let mean: Vec<f64> = self.mean().iter().map(|v| v.as_f64()).collect();
        let mean = graph.floats("mean", &mean, &[width], Elem::Float);
        let centred = graph.op("Sub", &[&input.name, &mean], vec![]);
        let mut projected = project(graph, &centred, &components);
        if let Some(d) = self.whitening_divisors() {
            let d: Vec<f64> = d.iter().map(|v| v.as_f64()).collect();
            let d = graph.floats("whitening", &d, &[d.len()], Elem::Float);
            projected = graph.op("Div", &[&projected, &d], vec![]);
        }
        Ok(Exported::Transform(Tensor::matrix(
            projected,
            Elem::Float,
            self.n_components(),
        )))
    }
}

impl<F: Float> OnnxExport for FittedTruncatedSVD<F> {
    fn onnx_type_name(&self) -> String {
        "FittedTruncatedSVD".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let components = self.components().mapv(|v| v.as_f64());
        let name = project(graph, &input.name, &components);
        Ok(Exported::Transform(Tensor::matrix(
            name,
            input.elem,
            components.nrows(),
        )))
    }
}

/// `x · componentsᵀ` (`MatMul`; `x` in the graph's float type).
fn project(graph: &mut Graph, x: &str, components: &Array2<f64>) -> String {
    let (k, p) = components.dim();
    let transposed: Vec<f64> = components.t().iter().copied().collect();
    let weights = graph.floats("components", &transposed, &[p, k], graph.float());
    graph.op("MatMul", &[x, &weights], vec![])
}
