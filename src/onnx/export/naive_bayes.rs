//! The naive Bayes classifiers as skl2onnx's naive Bayes converters write
//! them: the joint log-likelihood by standard operators (`MatMul` and
//! `Add` for the multinomial, complement and Bernoulli models, whose
//! log-likelihood is linear in `x`; `Sub`, `Mul`, `Div` and `ReduceSum`
//! for the Gaussian one), the labels by `ArgMax` of it, and the
//! probabilities normalised in log space (`ReduceLogSumExp`, `Sub`, `Exp`).
//!
//! Both graphs compute in `double` (a `float` input is cast first, the
//! probabilities cast back to `float` at the end): the joint
//! log-likelihood of a row of counts reaches 10³, where `float` keeps only
//! about 10⁻⁴, which would move the probabilities of undecided rows past
//! the `1e-5` a float graph promises and could flip their labels.
//!
//! `CategoricalNB` is not exported (see `unsupported.rs`).

use ndarray::{Array1, ArrayView2, Axis};

use super::linear_model::linear_scores;
use crate::error::Result;
use crate::float::Float;
use crate::naive_bayes::{FittedBernoulliNB, FittedComplementNB, FittedGaussianNB, FittedMultinomialNB};
use crate::onnx::graph::{Classes, Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::sealed::OnnxExport;
use crate::onnx::{OnnxLabel, unsupported};

impl<F: Float, L: OnnxLabel> OnnxExport for FittedMultinomialNB<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedMultinomialNB".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// `x · feature_log_prob_ᵀ + class_log_prior_`.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let x = graph.cast(&input, Elem::Double);
        let bias = self.class_log_prior().to_owned();
        linear_naive_bayes(
            graph,
            &x,
            &self.onnx_type_name(),
            self.feature_log_prob(),
            bias,
            self.classes(),
        )
    }
}

impl<F: Float, L: OnnxLabel> OnnxExport for FittedComplementNB<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedComplementNB".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// `x · feature_log_prob_ᵀ` (the complement model has no prior term
    /// for two or more classes, as learnkit's and scikit-learn's).
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let x = graph.cast(&input, Elem::Double);
        let bias = Array1::zeros(self.classes().len());
        linear_naive_bayes(
            graph,
            &x,
            &self.onnx_type_name(),
            self.feature_log_prob(),
            bias,
            self.classes(),
        )
    }
}

impl<F: Float, L: OnnxLabel> OnnxExport for FittedBernoulliNB<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedBernoulliNB".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// The features binarised (`Greater` than the threshold, `Cast`), then
    /// `b · (log p − log(1 − p))ᵀ + class_log_prior_ + Σ log(1 − p)`, the
    /// weights and bias learnkit's prediction uses.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let x = graph.cast(&input, Elem::Double);
        let x = match self.params().binarize {
            Some(threshold) => {
                let t = graph.floats("threshold", &[threshold], &[], Elem::Double);
                let above = graph.op("Greater", &[&x.name, &t], vec![]);
                let name = graph.op("Cast", &[&above], vec![attr::int("to", Elem::Double.code() as i64)]);
                Tensor { name, ..x }
            }
            None => x,
        };
        let log_p = self.feature_log_prob();
        let neg = log_p.mapv(|p| (1.0 - p.exp()).ln());
        let weights = &log_p - &neg;
        let bias = &self.class_log_prior() + &neg.sum_axis(Axis(1));
        linear_naive_bayes(graph, &x, &self.onnx_type_name(), weights.view(), bias, self.classes())
    }
}

impl<F: Float, L: OnnxLabel> OnnxExport for FittedGaussianNB<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedGaussianNB".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// `log prior_c + (−½ Σ_j log(2π var_cj) − ½ Σ_j (x_j − theta_cj)² /
    /// var_cj)`, in learnkit's order of operations: the differences of
    /// every row to every class mean (`[N, classes, features]`), squared,
    /// divided by the variances and summed over the features.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let classes = classes_of(self.classes())?;
        let (n_classes, n_features) = self.theta().dim();
        let x = graph.cast(&input, Elem::Double);
        let theta: Vec<f64> = self.theta().iter().copied().collect();
        let var: Vec<f64> = self.var().iter().copied().collect();
        let log_det: Vec<f64> = self
            .var()
            .rows()
            .into_iter()
            .map(|v| -0.5 * v.iter().map(|v| (2.0 * std::f64::consts::PI * v).ln()).sum::<f64>())
            .collect();
        let log_prior: Vec<f64> = self.class_prior().iter().map(|p| p.ln()).collect();
        let theta = graph.floats("theta", &theta, &[n_classes, n_features], Elem::Double);
        let var = graph.floats("var", &var, &[n_classes, n_features], Elem::Double);
        let log_det = graph.floats("log_det", &log_det, &[n_classes], Elem::Double);
        let log_prior = graph.floats("class_log_prior", &log_prior, &[n_classes], Elem::Double);
        let half = graph.floats("half", &[0.5], &[], Elem::Double);
        let axis = graph.ints("axis_1", &[1], &[1]);
        let rows = graph.op("Unsqueeze", &[&x.name, &axis], vec![]);
        let diff = graph.op("Sub", &[&rows, &theta], vec![]);
        let squared = graph.op("Mul", &[&diff, &diff], vec![]);
        let scaled = graph.op("Div", &[&squared, &var], vec![]);
        let sum = graph.reduce("ReduceSum", &scaled, &[2], false);
        let halved = graph.op("Mul", &[&sum, &half], vec![]);
        let log_likelihood = graph.op("Sub", &[&log_det, &halved], vec![]);
        let jll = graph.op("Add", &[&log_prior, &log_likelihood], vec![]);
        Ok(classified(
            graph,
            &Tensor::matrix(jll, Elem::Double, n_classes),
            classes,
        ))
    }
}

/// A naive Bayes model whose joint log-likelihood is `x · weightsᵀ + bias`
/// (`weights` one row per class). Infinite weights (`alpha = 0` with a
/// feature never seen in a class) are refused: learnkit skips the zero
/// features of a row, where `MatMul` would compute `0 · −∞ = NaN`.
fn linear_naive_bayes<L: OnnxLabel>(
    graph: &mut Graph,
    x: &Tensor,
    type_name: &str,
    weights: ArrayView2<'_, f64>,
    bias: Array1<f64>,
    classes: &[L],
) -> Result<Exported> {
    let classes = classes_of(classes)?;
    if !weights.iter().chain(&bias).all(|v| v.is_finite()) {
        return Err(unsupported(
            type_name,
            "a feature log-probability is infinite (alpha = 0 and a feature never seen in a class); \
             ONNX's MatMul would give NaN for the rows where that feature is 0",
        ));
    }
    let jll = linear_scores(graph, x, weights, bias.view());
    Ok(classified(graph, &jll, classes))
}

/// The labels (`ArgMax` of the joint log-likelihood, the first class on
/// ties as learnkit) and the probabilities (normalised in log space, in
/// the graph's float type).
fn classified(graph: &mut Graph, jll: &Tensor, classes: Classes) -> Exported {
    let label = graph.labels_from_scores(jll, &classes);
    let probabilities = graph.probabilities_from_log(jll);
    let scores = graph.cast(&probabilities, graph.float());
    Exported::Classification { label, scores, classes }
}
