//! `Pipeline`: the steps chained in one graph, each step's output the next
//! one's input.

use crate::compose::FittedPipeline;
use crate::error::Result;
use crate::onnx::graph::{Exported, Graph, Tensor};
use crate::onnx::sealed::OnnxExport;

impl<A: OnnxExport, B: OnnxExport, K> OnnxExport for FittedPipeline<A, B, K> {
    fn onnx_type_name(&self) -> String {
        format!(
            "Pipeline<{}, {}>",
            self.first.onnx_type_name(),
            self.second.onnx_type_name()
        )
    }

    fn onnx_n_features(&self) -> usize {
        self.first.onnx_n_features()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let between = self
            .first
            .onnx_graph(graph, input)?
            .into_transform(&self.first.onnx_type_name())?;
        self.second.onnx_graph(graph, between)
    }
}
