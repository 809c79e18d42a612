//! `KNeighborsClassifier` and `KNeighborsRegressor` as skl2onnx's k-NN
//! converter writes them: the distance of every row to every training row
//! (kept in the graph) by standard operators, the `k` nearest by `TopK`
//! (smallest first, ties to the smaller training index as learnkit's
//! searches), their classes or targets by `Gather`, then the (weighted)
//! vote or mean. `weights` uniform and distance (`1 / d`, the rows at
//! distance zero sharing all the weight when there are any, by `Equal`,
//! `ReduceMax` and `Where`).
//!
//! The vote: the (weighted) count of each class among the neighbours,
//! divided by their total, and the label by `ArgMax` of it, so a tie goes
//! to the first class in `classes()` order, as learnkit's `predict`.
//!
//! Euclidean, Manhattan and Chebyshev distances export (Minkowski with
//! `p` 1 or 2 is one of them); another Minkowski `p` and the cosine
//! distance are refused. `NearestNeighbors` (no `predict`) is not exported.
//!
//! Both graphs compute in `double` (a `float` input is cast, the results
//! cast back): `float` distances would round near-equal distances to the
//! same value or swap them, so the `k` nearest — and the vote — could
//! differ from learnkit's.

use ndarray::Array2;

use crate::error::Result;
use crate::float::Float;
use crate::metrics::Metric;
use crate::neighbors::{FittedKNeighborsClassifier, FittedKNeighborsRegressor, KNeighborsClassifier, Weights};
use crate::onnx::graph::{Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::sealed::OnnxExport;
use crate::onnx::{OnnxLabel, unsupported};
use crate::traits::Classifier;

impl<F: Float, L: OnnxLabel> OnnxExport for FittedKNeighborsClassifier<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedKNeighborsClassifier".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// One-hot rows of the training classes gathered for the neighbours
    /// (`[N, k, classes]`), weighted, summed over the neighbours and
    /// divided by their total.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let classes = classes_of(self.classes())?;
        let n_classes = classes.len();
        let params: &KNeighborsClassifier = self.params();
        let (rows, codes) = self.training_rows()?;
        let x = graph.cast(&input, Elem::Double);
        let found = nearest(
            graph,
            &x,
            &rows,
            params.n_neighbors,
            params.metric,
            &self.onnx_type_name(),
        )?;
        let mut one_hot = vec![0.0; codes.len() * n_classes];
        for (i, &c) in codes.iter().enumerate() {
            one_hot[i * n_classes + c] = 1.0;
        }
        let table = graph.floats("class_one_hot", &one_hot, &[codes.len(), n_classes], Elem::Double);
        let votes = graph.op("Gather", &[&table, &found.indices], vec![attr::int("axis", 0)]);
        let votes = match weights(graph, &found.distances, params.weights) {
            Some(w) => {
                let axis = graph.ints("axis_2", &[2], &[1]);
                let w = graph.op("Unsqueeze", &[&w, &axis], vec![]);
                graph.op("Mul", &[&votes, &w], vec![])
            }
            None => votes,
        };
        let votes = graph.reduce("ReduceSum", &votes, &[1], false);
        let total = graph.reduce("ReduceSum", &votes, &[1], true);
        let proba = graph.op("Div", &[&votes, &total], vec![]);
        let proba = Tensor::matrix(proba, Elem::Double, n_classes);
        let label = graph.labels_from_scores(&proba, &classes);
        let scores = graph.cast(&proba, graph.float());
        Ok(Exported::Classification { label, scores, classes })
    }
}

impl<F: Float> OnnxExport for FittedKNeighborsRegressor<F> {
    fn onnx_type_name(&self) -> String {
        "FittedKNeighborsRegressor".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// The neighbours' targets (`Gather`), summed (weighted) and divided
    /// by the number of neighbours (the sum of the weights).
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let params = self.params();
        let (rows, y) = self.training_rows()?;
        let x = graph.cast(&input, Elem::Double);
        let found = nearest(
            graph,
            &x,
            &rows,
            params.n_neighbors,
            params.metric,
            &self.onnx_type_name(),
        )?;
        let y: Vec<f64> = y.iter().map(|v| v.as_f64()).collect();
        let table = graph.floats("targets", &y, &[y.len()], Elem::Double);
        let targets = graph.op("Gather", &[&table, &found.indices], vec![attr::int("axis", 0)]);
        let (sum, total) = match weights(graph, &found.distances, params.weights) {
            Some(w) => {
                let weighted = graph.op("Mul", &[&w, &targets], vec![]);
                let sum = graph.reduce("ReduceSum", &weighted, &[1], true);
                (sum, graph.reduce("ReduceSum", &w, &[1], true))
            }
            None => {
                let sum = graph.reduce("ReduceSum", &targets, &[1], true);
                (sum, graph.floats("k", &[params.n_neighbors as f64], &[], Elem::Double))
            }
        };
        let mean = graph.op("Div", &[&sum, &total], vec![]);
        let mean = Tensor::matrix(mean, Elem::Double, 1);
        Ok(Exported::Regression(graph.cast(&mean, graph.float())))
    }
}

/// The `k` nearest training rows of each row: distances and indices, both
/// `[N, k]`, sorted by distance.
struct Neighbours {
    distances: String,
    indices: String,
}

/// The distances of `x` (`[N, d]`, double) to every training row (`[N, 1,
/// d]` minus `[M, d]`, reduced over the features) and `TopK` of the `k`
/// smallest.
fn nearest<F: Float>(
    graph: &mut Graph,
    x: &Tensor,
    rows: &Array2<F>,
    k: usize,
    metric: Metric,
    type_name: &str,
) -> Result<Neighbours> {
    let (m, d) = rows.dim();
    let values: Vec<f64> = rows.iter().map(|v| v.as_f64()).collect();
    let train = graph.floats("training_rows", &values, &[m, d], Elem::Double);
    let axis = graph.ints("axis_1", &[1], &[1]);
    let x3 = graph.op("Unsqueeze", &[&x.name, &axis], vec![]);
    let diff = graph.op("Sub", &[&x3, &train], vec![]);
    let distances = match metric.canonical() {
        Metric::Euclidean => {
            let squared = graph.op("Mul", &[&diff, &diff], vec![]);
            let sum = graph.reduce("ReduceSum", &squared, &[2], false);
            graph.op("Sqrt", &[&sum], vec![])
        }
        Metric::Manhattan => {
            let abs = graph.op("Abs", &[&diff], vec![]);
            graph.reduce("ReduceSum", &abs, &[2], false)
        }
        Metric::Chebyshev => {
            let abs = graph.op("Abs", &[&diff], vec![]);
            graph.reduce("ReduceMax", &abs, &[2], false)
        }
        other => {
            return Err(unsupported(
                type_name,
                &format!("the {other:?} distance has no ONNX form here (Euclidean, Manhattan and Chebyshev do)"),
            ));
        }
    };
    let k = graph.ints("k", &[k as i64], &[1]);
    let mut out = graph
        .node(
            "",
            "TopK",
            &[&distances, &k],
            2,
            vec![attr::int("axis", 1), attr::int("largest", 0), attr::int("sorted", 1)],
        )
        .into_iter();
    Ok(Neighbours {
        distances: out.next().unwrap_or_default(),
        indices: out.next().unwrap_or_default(),
    })
}

/// The neighbours' weights (`[N, k]`), `None` for uniform weights (a plain
/// count or sum): `1 / d`, or, in a row with a neighbour at distance zero,
/// 1 for those and 0 for the others.
fn weights(graph: &mut Graph, distances: &str, weights: Weights) -> Option<String> {
    match weights {
        Weights::Distance => {
            let zero = graph.floats("zero", &[0.0], &[], Elem::Double);
            let at_zero = graph.op("Equal", &[distances, &zero], vec![]);
            let at_zero = graph.op("Cast", &[&at_zero], vec![attr::int("to", Elem::Double.code() as i64)]);
            let any = graph.reduce("ReduceMax", &at_zero, &[1], true);
            let any = graph.op("Greater", &[&any, &zero], vec![]);
            let inverse = graph.op("Reciprocal", &[distances], vec![]);
            Some(graph.op("Where", &[&any, &at_zero, &inverse], vec![]))
        }
        Weights::Uniform => None,
    }
}
