//! `KMeans` and `MiniBatchKMeans` as skl2onnx's KMeans converter writes
//! them: `‖c‖² − 2 x·c` for every centre (`MatMul`, `Add`), the nearest
//! centre by `ArgMin` (output `label`, the first on ties as learnkit), and
//! the distances `√max(0, ‖x‖² + ‖c‖² − 2 x·c)` (`ReduceSumSquare`, `Add`,
//! `Max`, `Sqrt`; output `scores`, learnkit's `transform`).
//!
//! Both graphs compute in `double` (a `float` input is cast, the distances
//! cast back): in `float`, `‖x‖² + ‖c‖² − 2 x·c` cancels to an absolute
//! error of about 10⁻⁶ · ‖x‖², more than the `1e-5` a float graph promises
//! for the distance of a row close to its centre.
//!
//! DBSCAN, HDBSCAN and agglomerative clustering have no `predict` and are
//! not exported (`unsupported.rs`).

use ndarray::Array2;

use crate::cluster::{FittedKMeans, FittedMiniBatchKMeans};
use crate::error::Result;
use crate::float::Float;
use crate::onnx::graph::{Elem, Exported, Graph, Tensor, attr};
use crate::onnx::sealed::OnnxExport;

impl<F: Float> OnnxExport for FittedKMeans<F> {
    fn onnx_type_name(&self) -> String {
        "FittedKMeans".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        Ok(nearest_centres(graph, &input, self.cluster_centers()))
    }
}

impl<F: Float> OnnxExport for FittedMiniBatchKMeans<F> {
    fn onnx_type_name(&self) -> String {
        "FittedMiniBatchKMeans".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        Ok(nearest_centres(graph, &input, self.cluster_centers()))
    }
}

/// The nearest of `centres` and the distances to each, from the scores
/// learnkit's `predict` compares (`‖c‖² − 2 x·c`, in the model's float
/// type, then written as `double`).
fn nearest_centres<F: Float>(graph: &mut Graph, input: &Tensor, centres: &Array2<F>) -> Exported {
    let (k, d) = centres.dim();
    let x = graph.cast(input, Elem::Double);
    let minus_two: Vec<f64> = centres.t().iter().map(|&c| (c * F::cast(-2.0)).as_f64()).collect();
    let norms: Vec<f64> = centres.rows().into_iter().map(|c| c.dot(&c).as_f64()).collect();
    let minus_two = graph.floats("centres_times_minus_two", &minus_two, &[d, k], Elem::Double);
    let norms = graph.floats("centre_norms", &norms, &[k], Elem::Double);
    let zero = graph.floats("zero", &[0.0], &[], Elem::Double);
    let product = graph.op("MatMul", &[&x.name, &minus_two], vec![]);
    let scores = graph.op("Add", &[&product, &norms], vec![]);
    let label = graph.op(
        "ArgMin",
        &[&scores],
        vec![attr::int("axis", 1), attr::int("keepdims", 0)],
    );
    let row_norms = graph.reduce("ReduceSumSquare", &x.name, &[1], true);
    let squared = graph.op("Add", &[&scores, &row_norms], vec![]);
    let squared = graph.op("Max", &[&squared, &zero], vec![]);
    let distances = graph.op("Sqrt", &[&squared], vec![]);
    let distances = Tensor::matrix(distances, Elem::Double, k);
    Exported::Clusters {
        label: Tensor::vector(label, Elem::Int64),
        scores: graph.cast(&distances, graph.float()),
        scores_name: "scores",
    }
}
