//! `GridSearchCV` and `RandomizedSearchCV`: the best candidate refitted on
//! all the data (`best_estimator`), exported as itself (skl2onnx converts
//! a search the same way). learnkit's searches always refit, so every
//! fitted search whose best model exports exports too.

use crate::error::Result;
use crate::model_selection::FittedSearchCV;
use crate::onnx::graph::{Exported, Graph, Tensor};
use crate::onnx::sealed::OnnxExport;

impl<P, M: OnnxExport> OnnxExport for FittedSearchCV<P, M> {
    fn onnx_type_name(&self) -> String {
        format!("FittedSearchCV<{}>", self.best_estimator().onnx_type_name())
    }

    fn onnx_n_features(&self) -> usize {
        self.best_estimator().onnx_n_features()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        self.best_estimator().onnx_graph(graph, input)
    }
}
