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
//!
//! `SGDClassifier`'s one-vs-rest probabilities (log loss, modified Huber)
//! have no ONNX-ML form: they are standard operators in both float types,
//! the labels by `ArgMax` of the decision function as learnkit's `predict`.
//!
//! The regressors as skl2onnx: `LinearRegressor` in a float graph, `MatMul`
//! and `Add` in a double graph; one target (every learnkit linear regressor
//! is single-target).

use ndarray::{Array1, ArrayView1, ArrayView2, Axis};

use crate::error::Result;
use crate::float::Float;
use crate::linear_model::{
    FittedElasticNet, FittedElasticNetCV, FittedLinearRegression, FittedLogisticRegression, FittedLogisticRegressionCV,
    FittedRidge, FittedRidgeCV, FittedRidgeClassifier, FittedRidgeClassifierCV, FittedSGDClassifier,
    FittedSGDRegressor, SGDClassifierLoss,
};
use crate::onnx::OnnxLabel;
use crate::onnx::graph::{Classes, Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::sealed::OnnxExport;
use crate::svm::FittedLinearSVC;

/// What a linear classifier's score columns are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LinearOutput {
    /// Probabilities: the logistic of each score for two classes, the
    /// softmax of the scores for more (multinomial logistic regression).
    Probabilities,
    /// The decision function itself.
    Scores,
    /// One-vs-rest probabilities (`SGDClassifier`): each decision score
    /// squashed into `[0, 1]`, `[1 − p, p]` for two classes, else divided by
    /// their sum (a uniform row where the sum is 0).
    OneVsRest(Squash),
}

/// How [`LinearOutput::OneVsRest`] maps a decision score into `[0, 1]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Squash {
    /// The logistic function (log loss).
    Logistic,
    /// `(clip(d, −1, 1) + 1) / 2` (modified Huber loss).
    ModifiedHuber,
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
    if let LinearOutput::OneVsRest(squash) = output {
        return one_vs_rest(graph, input, coef, intercept, classes, squash);
    }
    if input.elem == Elem::Double {
        let z = linear_scores(graph, input, coef, intercept);
        let scores = if binary {
            match output {
                LinearOutput::Probabilities => graph.binary_probabilities(&z).name,
                _ => two_columns(graph, &z).name,
            }
        } else {
            match output {
                LinearOutput::Probabilities => probabilities_from_linear_scores(graph, &z),
                _ => z.name,
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
        (LinearOutput::Probabilities, true) => "LOGISTIC",
        (LinearOutput::Probabilities, false) => "SOFTMAX",
        _ => "NONE",
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

/// `[−z, z]` for a one-column decision `z` (the two-class scores skl2onnx
/// writes, whose `ArgMax` is learnkit's `z > 0` rule, ties to the first).
fn two_columns(graph: &mut Graph, z: &Tensor) -> Tensor {
    let negative = graph.op("Neg", &[&z.name], vec![]);
    let name = graph.op("Concat", &[&negative, &z.name], vec![attr::int("axis", 1)]);
    Tensor::matrix(name, z.elem, 2)
}

/// The one-vs-rest probabilities of [`LinearOutput::OneVsRest`] by
/// standard operators, in the input's float type; the labels from the
/// decision function (`ArgMax`), not the probabilities, since the modified
/// Huber's clip ties classes whose scores differ.
fn one_vs_rest<F: Float>(
    graph: &mut Graph,
    input: &Tensor,
    coef: ArrayView2<'_, F>,
    intercept: ArrayView1<'_, F>,
    classes: Classes,
    squash: Squash,
) -> Exported {
    let elem = input.elem;
    let n_classes = classes.len();
    let z = linear_scores(graph, input, coef, intercept);
    let decision = if z.width == Some(1) {
        two_columns(graph, &z)
    } else {
        z.clone()
    };
    let label = graph.labels_from_scores(&decision, &classes);
    let squashed = match squash {
        Squash::Logistic => graph.op("Sigmoid", &[&z.name], vec![]),
        Squash::ModifiedHuber => {
            let low = graph.floats("minus_one", &[-1.0], &[], elem);
            let high = graph.floats("one", &[1.0], &[], elem);
            let clipped = graph.op("Clip", &[&z.name, &low, &high], vec![]);
            let shifted = graph.op("Add", &[&clipped, &high], vec![]);
            let half = graph.floats("half", &[0.5], &[], elem);
            graph.op("Mul", &[&shifted, &half], vec![])
        }
    };
    let scores = if z.width == Some(1) {
        let one = graph.floats("one", &[1.0], &[], elem);
        let rest = graph.op("Sub", &[&one, &squashed], vec![]);
        graph.op("Concat", &[&rest, &squashed], vec![attr::int("axis", 1)])
    } else {
        let axes = graph.ints("axes", &[1], &[1]);
        let sum = graph.op("ReduceSum", &[&squashed, &axes], vec![attr::int("keepdims", 1)]);
        let zero = graph.floats("zero", &[0.0], &[], elem);
        let positive = graph.op("Greater", &[&sum, &zero], vec![]);
        let ratio = graph.op("Div", &[&squashed, &sum], vec![]);
        let uniform = graph.floats("uniform", &[1.0 / n_classes as f64], &[], elem);
        graph.op("Where", &[&positive, &ratio, &uniform], vec![])
    };
    let scores = Tensor::matrix(scores, elem, n_classes);
    Exported::Classification { label, scores, classes }
}

/// A single-target linear regressor's graph, `[N, 1]`: `LinearRegressor`
/// in a float graph, `MatMul` and `Add` in a double graph.
pub(crate) fn linear_regressor<F: Float>(
    graph: &mut Graph,
    input: &Tensor,
    coef: ArrayView1<'_, F>,
    intercept: F,
) -> Exported {
    if input.elem == Elem::Double {
        let intercept = Array1::from(vec![intercept]);
        return Exported::Regression(linear_scores(graph, input, coef.insert_axis(Axis(0)), intercept.view()));
    }
    let coefficients: Vec<f64> = coef.iter().map(|w| w.as_f64()).collect();
    let name = graph
        .ml_op(
            "LinearRegressor",
            &[&input.name],
            1,
            vec![
                attr::floats("coefficients", &coefficients),
                attr::floats("intercepts", &[intercept.as_f64()]),
                attr::int("targets", 1),
            ],
        )
        .remove(0);
    Exported::Regression(Tensor::matrix(name, Elem::Float, 1))
}

/// `OnnxExport` for single-target linear regressors (`coef()` a vector,
/// `intercept()` a scalar).
macro_rules! linear_regressor_export {
    ($($ty:ident),* $(,)?) => {$(
        impl<F: Float> OnnxExport for $ty<F> {
            fn onnx_type_name(&self) -> String {
                stringify!($ty).to_string()
            }

            fn onnx_n_features(&self) -> usize {
                self.coef().len()
            }

            fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
                Ok(linear_regressor(graph, &input, self.coef(), self.intercept()))
            }
        }
    )*};
}

linear_regressor_export!(
    FittedLinearRegression,
    FittedRidge,
    FittedRidgeCV,
    FittedElasticNet,
    FittedElasticNetCV,
    FittedSGDRegressor,
);

/// `OnnxExport` for linear classifiers without probabilities: the decision
/// function as the scores (`LinearClassifier`, post-transform `NONE`).
macro_rules! decision_classifier_export {
    ($($ty:ident),* $(,)?) => {$(
        impl<F: Float, L: OnnxLabel> OnnxExport for $ty<F, L> {
            fn onnx_type_name(&self) -> String {
                stringify!($ty).to_string()
            }

            fn onnx_n_features(&self) -> usize {
                self.coef().ncols()
            }

            fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
                let classes = classes_of(crate::traits::Classifier::classes(self))?;
                Ok(linear_classifier(graph, &input, self.coef(), self.intercept(), classes, LinearOutput::Scores))
            }
        }
    )*};
}

decision_classifier_export!(FittedRidgeClassifier, FittedRidgeClassifierCV, FittedLinearSVC);

impl<F: Float, L: OnnxLabel> OnnxExport for FittedLogisticRegressionCV<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedLogisticRegressionCV".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.model().onnx_n_features()
    }

    /// The logistic regression refitted at the chosen `C`.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        self.model().onnx_graph(graph, input)
    }
}

impl<F: Float, L: OnnxLabel> OnnxExport for FittedSGDClassifier<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedSGDClassifier".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// Probabilities for the losses that have them (as learnkit's
    /// `predict_proba`), the decision function for the others.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let classes = classes_of(self.classes())?;
        let output = match self.loss() {
            SGDClassifierLoss::LogLoss => LinearOutput::OneVsRest(Squash::Logistic),
            SGDClassifierLoss::ModifiedHuber => LinearOutput::OneVsRest(Squash::ModifiedHuber),
            _ => LinearOutput::Scores,
        };
        Ok(linear_classifier(
            graph,
            &input,
            self.coef(),
            self.intercept(),
            classes,
            output,
        ))
    }
}
