//! `Pipeline`: the steps chained in one graph, each step's output the next
//! one's input; `ColumnTransformer`: each step on its columns, the outputs
//! side by side; `Passthrough`: the identity.

use crate::compose::{FittedColumnTransformer, FittedPassthrough, FittedPipeline, FittedStep};
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

/// The steps of a `ColumnTransformer` (its nested `(earlier, FittedStep)`
/// tuples), each written on its own columns of the input.
pub(crate) trait OnnxSteps {
    /// The steps' type names, in order.
    fn onnx_step_names(&self, names: &mut Vec<String>);

    /// Adds each step's graph, on the step's columns of `input`, and pushes
    /// its output; a step that selected no column has none.
    fn onnx_steps(&self, graph: &mut Graph, input: &Tensor, outputs: &mut Vec<Tensor>) -> Result<()>;
}

impl OnnxSteps for () {
    fn onnx_step_names(&self, _names: &mut Vec<String>) {}

    fn onnx_steps(&self, _graph: &mut Graph, _input: &Tensor, _outputs: &mut Vec<Tensor>) -> Result<()> {
        Ok(())
    }
}

impl<S: OnnxSteps, T: OnnxExport> OnnxSteps for (S, FittedStep<T>) {
    fn onnx_step_names(&self, names: &mut Vec<String>) {
        self.0.onnx_step_names(names);
        if let Some(transformer) = self.1.transformer() {
            names.push(transformer.onnx_type_name());
        }
    }

    fn onnx_steps(&self, graph: &mut Graph, input: &Tensor, outputs: &mut Vec<Tensor>) -> Result<()> {
        self.0.onnx_steps(graph, input, outputs)?;
        let Some(transformer) = self.1.transformer() else {
            return Ok(());
        };
        let columns = graph.columns(input, self.1.columns());
        let what = format!(
            "ColumnTransformer step {:?} ({})",
            self.1.name(),
            transformer.onnx_type_name()
        );
        let output = transformer.onnx_graph(graph, columns)?.into_transform(&what)?;
        outputs.push(output);
        Ok(())
    }
}

/// As skl2onnx: each step on its columns of the input (`Gather` on axis
/// 1), then the outputs and the passed-through remainder side by side
/// (`Concat` on axis 1), in learnkit's output order (`output_indices`:
/// the steps in order, then the remainder). A sparse output is dense in
/// ONNX, with the same values.
impl<S: OnnxSteps> OnnxExport for FittedColumnTransformer<S> {
    fn onnx_type_name(&self) -> String {
        let mut names = Vec::new();
        self.steps().onnx_step_names(&mut names);
        format!("ColumnTransformer<{}>", names.join(", "))
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let mut outputs = Vec::new();
        self.steps().onnx_steps(graph, &input, &mut outputs)?;
        if !self.remainder_columns().is_empty() {
            outputs.push(graph.columns(&input, self.remainder_columns()));
        }
        if outputs.is_empty() {
            return Err(crate::onnx::unsupported(
                "FittedColumnTransformer",
                "it outputs no column (no step selected any, and the remainder is dropped)",
            ));
        }
        Ok(Exported::Transform(graph.concat_columns(&outputs)))
    }
}

/// The identity: the input itself.
impl OnnxExport for FittedPassthrough {
    fn onnx_type_name(&self) -> String {
        "FittedPassthrough".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, _graph: &mut Graph, input: Tensor) -> Result<Exported> {
        Ok(Exported::Transform(input))
    }
}
