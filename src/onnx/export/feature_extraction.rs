//! `TfidfTransformer`: term counts (a float matrix) to tf-idf weights, as
//! skl2onnx writes it: `1 + ln(tf)` on the non-zero counts when
//! `sublinear_tf` (learnkit stores only non-zero counts, so zeros stay
//! zero), `Mul` by the idf, then the row normalisation of `Normalizer`.
//! The text vectorizers take strings, which the graph's float matrix input
//! cannot be: they are in `unsupported.rs`.

use super::preprocessing::normalize_rows;
use crate::error::Result;
use crate::feature_extraction::FittedTfidfTransformer;
use crate::float::Float;
use crate::onnx::graph::{Exported, Graph, Tensor};
use crate::onnx::sealed::OnnxExport;

impl<F: Float> OnnxExport for FittedTfidfTransformer<F> {
    fn onnx_type_name(&self) -> String {
        "FittedTfidfTransformer".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let params = self.params();
        let idf: Option<Vec<f64>> = self.idf().map(|idf| idf.iter().map(|v| v.as_f64()).collect());
        // Without smoothing, a term no training document has gets an
        // infinite idf; learnkit weighs only the non-zero counts, so a zero
        // count stays 0 where the product would be 0 · ∞ = NaN.
        let infinite_idf = idf.as_ref().is_some_and(|idf| idf.iter().any(|v| v.is_infinite()));
        // The zero counts, which stay 0.
        let mask = (params.sublinear_tf || infinite_idf).then(|| {
            let zero = graph.floats("zero", &[0.0], &[], input.elem);
            let is_zero = graph.op("Equal", &[&input.name, &zero], vec![]);
            (zero, is_zero)
        });
        let mut weights = input.clone();
        if let (true, Some((zero, is_zero))) = (params.sublinear_tf, &mask) {
            let one = graph.floats("one", &[1.0], &[], input.elem);
            let log = graph.op("Log", &[&input.name], vec![]);
            let damped = graph.op("Add", &[&log, &one], vec![]);
            weights.name = graph.op("Where", &[is_zero, zero, &damped], vec![]);
        }
        if let Some(idf) = idf {
            let idf = graph.floats("idf", &idf, &[idf.len()], input.elem);
            weights.name = graph.op("Mul", &[&weights.name, &idf], vec![]);
            if let (true, Some((zero, is_zero))) = (infinite_idf, &mask) {
                weights.name = graph.op("Where", &[is_zero, zero, &weights.name], vec![]);
            }
        }
        if let Some(norm) = params.norm {
            weights = normalize_rows(graph, &weights, norm);
        }
        Ok(Exported::Transform(weights))
    }
}
