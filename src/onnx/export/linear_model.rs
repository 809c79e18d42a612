//! Linear classifiers (and the shared linear scores) as skl2onnx writes
//! them: ONNX-ML's `LinearClassifier` in a float graph; `MatMul`, `Add`
//! and `Sigmoid` / `Softmax` in a double graph, with the labels by `ArgMax`
//! and `Gather`.
//!
//! Two classes: learnkit keeps one coefficient row (the second class's),
//! skl2onnx writes two, `[−w, w]` and `[−b, b]`, so that the scores have a
//! column per class: `[σ(−d), σ(d)] = [1 − σ(d), σ(d)]` for probabilities,
//! `[−d, d]` for a decision function (whose second column is learnkit's
//! `decision_function`).

use ndarray::{ArrayView1, ArrayView2};

use crate::error::Result;
use crate::float::Float;
use crate::linear_model::FittedLogisticRegression;
use crate::onnx::OnnxLabel;
use crate::onnx::graph::{Classes, Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::sealed::OnnxExport;

/// What a linear classifier's score columns are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LinearOutput {
    /// Probabilities: the logistic of each score for two classes, the
    /// softmax of the scores for more (multinomial logistic regression).
    Probabilities,
    /// The decision function itself.
    Scores,
}

impl<F: Float, L: OnnxLabel> OnnxExport for FittedLogisticRegression<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedLogisticRegression".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let classes = classes_of(self.classes())?;
        Ok(linear_classifier(
            graph,
            &input,
            self.coef(),
            self.intercept(),
            classes,
            LinearOutput::Probabilities,
        ))
    }
}

/// A linear classifier's graph: labels and per-class scores from `coef`
/// (one row for two classes, else one per class) and `intercept`.
pub(crate) fn linear_classifier<F: Float>(
    graph: &mut Graph,
    input: &Tensor,
    coef: ArrayView2<'_, F>,
    intercept: ArrayView1<'_, F>,
    classes: Classes,
    output: LinearOutput,
) -> Exported {
    let n_classes = classes.len();
    let binary = coef.nrows() == 1 && n_classes == 2;
    if input.elem == Elem::Double {
        let z = linear_scores(graph, input, coef, intercept);
        let scores = if binary {
            match output {
                LinearOutput::Probabilities => {
                    let p = graph.op("Sigmoid", &[&z.name], vec![]);
                    let one = graph.floats("one", &[1.0], &[1], Elem::Double);
                    let q = graph.op("Sub", &[&one, &p], vec![]);
                    graph.op("Concat", &[&q, &p], vec![attr::int("axis", 1)])
                }
                LinearOutput::Scores => {
                    let negative = graph.op("Neg", &[&z.name], vec![]);
                    graph.op("Concat", &[&negative, &z.name], vec![attr::int("axis", 1)])
                }
            }
        } else {
            match output {
                LinearOutput::Probabilities => probabilities_from_linear_scores(graph, &z),
                LinearOutput::Scores => z.name,
            }
        };
        let scores = Tensor::matrix(scores, Elem::Double, n_classes);
        let label = graph.labels_from_scores(&scores, &classes);
        return Exported::Classification { label, scores, classes };
    }
    let mut weights: Vec<f64> = Vec::with_capacity(n_classes * coef.ncols());
    let mut biases: Vec<f64> = Vec::with_capacity(n_classes);
    if binary {
        weights.extend(coef.iter().map(|w| -w.as_f64()));
        biases.push(-intercept[0].as_f64());
    }
    weights.extend(coef.iter().map(|w| w.as_f64()));
    biases.extend(intercept.iter().map(|b| b.as_f64()));
    let post_transform = match (output, binary) {
        (LinearOutput::Scores, _) => "NONE",
        (LinearOutput::Probabilities, true) => "LOGISTIC",
        (LinearOutput::Probabilities, false) => "SOFTMAX",
    };
    let outputs = graph.ml_op(
        "LinearClassifier",
        &[&input.name],
        2,
        vec![
            classes.attribute(),
            attr::floats("coefficients", &weights),
            attr::floats("intercepts", &biases),
            attr::int("multi_class", 0),
            attr::string("post_transform", post_transform),
        ],
    );
    let mut outputs = outputs.into_iter();
    let label = Tensor::vector(outputs.next().expect("two outputs"), classes.elem());
    let scores = Tensor::matrix(outputs.next().expect("two outputs"), Elem::Float, n_classes);
    Exported::Classification { label, scores, classes }
}

/// `X · coefᵀ + intercept` (`[N, rows of coef]`) by `MatMul` and `Add`, in
/// the input's float type.
pub(crate) fn linear_scores<F: Float>(
    graph: &mut Graph,
    input: &Tensor,
    coef: ArrayView2<'_, F>,
    intercept: ArrayView1<'_, F>,
) -> Tensor {
    let (k, p) = coef.dim();
    let transposed: Vec<f64> = coef.t().iter().map(|w| w.as_f64()).collect();
    let weights = graph.floats("coefficients", &transposed, &[p, k], input.elem);
    let bias: Vec<f64> = intercept.iter().map(|b| b.as_f64()).collect();
    let bias = graph.floats("intercepts", &bias, &[k], input.elem);
    let product = graph.op("MatMul", &[&input.name, &weights], vec![]);
    let name = graph.op("Add", &[&product, &bias], vec![]);
    Tensor::matrix(name, input.elem, k)
}

/// The softmax of each row of `scores` (the multinomial probabilities).
pub(crate) fn probabilities_from_linear_scores(graph: &mut Graph, scores: &Tensor) -> String {
    graph.op("Softmax", &[&scores.name], vec![attr::int("axis", 1)])
}
