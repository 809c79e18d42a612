//! `SVC` and `SVR` as skl2onnx writes them: ONNX-ML's `SVMClassifier` and
//! `SVMRegressor` in a float graph (support vectors, kernel, one-vs-one
//! coefficients and `rho` in libsvm's layout and sign); standard operators
//! in a double graph, since both ONNX-ML operators compute in `float`
//! whatever their input (onnxruntime casts a `double` input down).
//!
//! `SVMClassifier`'s label is libsvm's one-vs-one vote (`Σ coef·K + rho >
//! 0` votes for the pair's first class, the first class of most votes
//! wins), learnkit's `predict`. Its scores are then completed as learnkit's:
//! - two classes without probabilities: onnxruntime writes `[−s, s]` for
//!   libsvm's decision `s = −d`, so a `Neg` gives skl2onnx's `[−d, d]`;
//! - more classes, `decision_function_shape` `Ovr`: the pair decisions go
//!   through scikit-learn's `_ovr_decision_function` (votes plus bounded
//!   confidences) by `MatMul`s, as skl2onnx appends;
//! - two classes with probabilities: Platt's sigmoid of the decision by
//!   standard operators, since onnxruntime couples even two classes with
//!   libsvm's iteration, which stops up to `0.005` from the exact pairwise
//!   probability learnkit (and the coupling of two classes) gives;
//! - more classes with probabilities: `prob_a` / `prob_b` on the operator,
//!   which couples the pairwise probabilities as learnkit does (Wu, Lin and
//!   Weng's method 2, libsvm's stopping rule).
//!
//! A double graph computes the kernel (`MatMul`, then `Exp` / `Pow` /
//! `Tanh`), the pair decisions (`MatMul` with the coefficients laid out per
//! pair) and the votes (`Greater`, `MatMul`, `ArgMax`). The coupling of more
//! than two classes' probabilities is an iteration with a per-row stopping
//! rule that standard operators cannot express without a `Loop`, so that
//! combination is `Error::Unsupported` in a double graph.

use ndarray::{Array2, ArrayView1, ArrayView2};

use crate::error::Result;
use crate::float::Float;
use crate::onnx::OnnxLabel;
use crate::onnx::graph::{Classes, Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::sealed::OnnxExport;
use crate::onnx::unsupported;
use crate::svm::{DecisionFunctionShape, FittedSVC, FittedSVR, Gamma, Kernel};
use crate::traits::Classifier;

/// A kernel's ONNX-ML `kernel_type` and `kernel_params` (`[gamma, coef0,
/// degree]`, as skl2onnx writes them); a precomputed kernel has none.
fn kernel_attributes(kernel: Kernel, type_name: &str) -> Result<(&'static str, [f64; 3])> {
    let value = kernel_gamma;
    match kernel {
        Kernel::Linear => Ok(("LINEAR", [0.0, 0.0, 0.0])),
        Kernel::Poly { degree, gamma, coef0 } => Ok(("POLY", [value(gamma), coef0, f64::from(degree)])),
        Kernel::Rbf { gamma } => Ok(("RBF", [value(gamma), 0.0, 0.0])),
        Kernel::Sigmoid { gamma, coef0 } => Ok(("SIGMOID", [value(gamma), coef0, 0.0])),
        _ => Err(unsupported(
            type_name,
            "a precomputed kernel takes the kernel matrix as input and keeps no support vectors to put in the graph",
        )),
    }
}

/// The attributes both ONNX-ML SVM operators share: the kernel and the
/// support vectors.
fn svm_attributes(
    kernel: Kernel,
    support_vectors: ArrayView2<'_, f64>,
    type_name: &str,
) -> Result<Vec<crate::onnx::proto::AttributeProto>> {
    let (kernel_type, params) = kernel_attributes(kernel, type_name)?;
    let vectors: Vec<f64> = support_vectors.iter().copied().collect();
    Ok(vec![
        attr::string("kernel_type", kernel_type),
        attr::floats("kernel_params", &params),
        attr::floats("support_vectors", &vectors),
        attr::string("post_transform", "NONE"),
    ])
}

/// `K(x, sv)` for every row and support vector, `[N, n_sv]`, in `double`
/// by standard operators, as learnkit computes it (the RBF from
/// `‖x‖² + ‖z‖² − 2 x·z`).
fn kernel_matrix(graph: &mut Graph, input: &Tensor, support_vectors: ArrayView2<'_, f64>, kernel: Kernel) -> String {
    let elem = input.elem;
    let (n_sv, p) = support_vectors.dim();
    let columns: Vec<f64> = support_vectors.t().iter().copied().collect();
    let columns = graph.floats("support_vectors", &columns, &[p, n_sv], elem);
    let dot = graph.op("MatMul", &[&input.name, &columns], vec![]);
    let affine = |graph: &mut Graph, gamma: Gamma, coef0: f64| {
        let gamma = kernel_gamma(gamma);
        let gamma = graph.floats("gamma", &[gamma], &[], elem);
        let coef0 = graph.floats("coef0", &[coef0], &[], elem);
        let scaled = graph.op("Mul", &[&dot, &gamma], vec![]);
        graph.op("Add", &[&scaled, &coef0], vec![])
    };
    match kernel {
        Kernel::Poly { degree, gamma, coef0 } => {
            let base = affine(graph, gamma, coef0);
            let degree = graph.floats("degree", &[f64::from(degree)], &[], elem);
            graph.op("Pow", &[&base, &degree], vec![])
        }
        Kernel::Rbf { gamma } => {
            let squares = graph.op("Mul", &[&input.name, &input.name], vec![]);
            let ones = graph.floats("ones", &vec![1.0; p], &[p, 1], elem);
            let norm_x = graph.op("MatMul", &[&squares, &ones], vec![]);
            let norms: Vec<f64> = support_vectors.rows().into_iter().map(|r| r.dot(&r)).collect();
            let norm_z = graph.floats("sv_norms", &norms, &[n_sv], elem);
            let two = graph.floats("two", &[2.0], &[], elem);
            let twice = graph.op("Mul", &[&dot, &two], vec![]);
            let sum = graph.op("Add", &[&norm_x, &norm_z], vec![]);
            let distance = graph.op("Sub", &[&sum, &twice], vec![]);
            let factor = graph.floats("minus_gamma", &[-kernel_gamma(gamma)], &[], elem);
            let exponent = graph.op("Mul", &[&distance, &factor], vec![]);
            graph.op("Exp", &[&exponent], vec![])
        }
        Kernel::Sigmoid { gamma, coef0 } => {
            let base = affine(graph, gamma, coef0);
            graph.op("Tanh", &[&base], vec![])
        }
        _ => dot,
    }
}

/// A fitted kernel's `gamma` (always a number once fitted).
fn kernel_gamma(gamma: Gamma) -> f64 {
    match gamma {
        Gamma::Value(v) => v,
        _ => 0.0,
    }
}

/// The one-vs-one pairs `(i, j)`, `i < j`, in libsvm's order.
fn pairs(n_classes: usize) -> Vec<(usize, usize)> {
    (0..n_classes)
        .flat_map(|i| (i + 1..n_classes).map(move |j| (i, j)))
        .collect()
}

/// `[pairs, classes]`: `+1` at the pair's first class, `−1` at its second.
fn pair_signs(n_classes: usize) -> Vec<f64> {
    let pairs = pairs(n_classes);
    let mut w = vec![0.0; pairs.len() * n_classes];
    for (q, &(i, j)) in pairs.iter().enumerate() {
        w[q * n_classes + i] = 1.0;
        w[q * n_classes + j] = -1.0;
    }
    w
}

/// scikit-learn's `_ovr_decision_function` of the pair decisions `d`
/// (`[N, pairs]`, libsvm's sign) as learnkit computes it: a vote for the
/// pair's second class where `d < 0`, else its first, plus the summed
/// confidences (`+d` for the first class, `−d` for the second) squashed
/// into `(−1/3, 1/3)`.
fn ovr_decision(graph: &mut Graph, d: &str, n_classes: usize, elem: Elem) -> String {
    let signs = pair_signs(n_classes);
    let n_pairs = signs.len() / n_classes;
    let negated: Vec<f64> = signs.iter().map(|v| -v).collect();
    let w = graph.floats("pair_signs", &signs, &[n_pairs, n_classes], elem);
    let w_neg = graph.floats("pair_signs_negated", &negated, &[n_pairs, n_classes], elem);
    // Votes of the first classes when every d ≥ 0: class c is first in k − 1 − c pairs.
    let first: Vec<f64> = (0..n_classes).map(|c| (n_classes - 1 - c) as f64).collect();
    let first = graph.floats("first_votes", &first, &[n_classes], elem);
    let zero = graph.floats("zero", &[0.0], &[], elem);
    let negative = graph.op("Less", &[d, &zero], vec![]);
    let negative = graph.op("Cast", &[&negative], vec![attr::int("to", elem.code() as i64)]);
    let moved = graph.op("MatMul", &[&negative, &w_neg], vec![]);
    let votes = graph.op("Add", &[&moved, &first], vec![]);
    let confidence = graph.op("MatMul", &[d, &w], vec![]);
    let magnitude = graph.op("Abs", &[&confidence], vec![]);
    let one = graph.floats("one", &[1.0], &[], elem);
    let three = graph.floats("three", &[3.0], &[], elem);
    let shifted = graph.op("Add", &[&magnitude, &one], vec![]);
    let denominator = graph.op("Mul", &[&shifted, &three], vec![]);
    let bounded = graph.op("Div", &[&confidence, &denominator], vec![]);
    graph.op("Add", &[&votes, &bounded], vec![])
}

/// The labels of libsvm's vote on the pair decisions `d` (`[N, pairs]`,
/// libsvm's sign): `d > 0` votes for the pair's first class, else its
/// second; the first class of most votes wins (`ArgMax`).
fn vote_labels(graph: &mut Graph, d: &str, classes: &Classes) -> Tensor {
    let n_classes = classes.len();
    let signs = pair_signs(n_classes);
    let n_pairs = signs.len() / n_classes;
    let w = graph.floats("pair_signs", &signs, &[n_pairs, n_classes], Elem::Double);
    // Votes of the second classes when every d ≤ 0: class c is second in c pairs.
    let second: Vec<f64> = (0..n_classes).map(|c| c as f64).collect();
    let second = graph.floats("second_votes", &second, &[n_classes], Elem::Double);
    let zero = graph.floats("zero", &[0.0], &[], Elem::Double);
    let positive = graph.op("Greater", &[d, &zero], vec![]);
    let positive = graph.op("Cast", &[&positive], vec![attr::int("to", Elem::Double.code() as i64)]);
    let moved = graph.op("MatMul", &[&positive, &w], vec![]);
    let votes = graph.op("Add", &[&moved, &second], vec![]);
    let votes = Tensor::matrix(votes, Elem::Double, n_classes);
    graph.labels_from_scores(&votes, classes)
}

/// Platt's `[P(class 0), P(class 1)]` from the two-class decision `f`
/// (`[N, 1]`, libsvm's sign): `r = 1 / (1 + exp(A f + B))` clipped to
/// `[1e-7, 1 − 1e-7]`, as learnkit (and libsvm) clip.
fn platt(graph: &mut Graph, f: &str, a: f64, b: f64, elem: Elem) -> String {
    let a = graph.floats("prob_a", &[a], &[], elem);
    let b = graph.floats("prob_b", &[b], &[], elem);
    let scaled = graph.op("Mul", &[f, &a], vec![]);
    let z = graph.op("Add", &[&scaled, &b], vec![]);
    let minus_z = graph.op("Neg", &[&z], vec![]);
    let r = graph.op("Sigmoid", &[&minus_z], vec![]);
    let low = graph.floats("min_prob", &[1e-7], &[], elem);
    let high = graph.floats("max_prob", &[1.0 - 1e-7], &[], elem);
    let r = graph.op("Clip", &[&r, &low, &high], vec![]);
    let one = graph.floats("one", &[1.0], &[], elem);
    let rest = graph.op("Sub", &[&one, &r], vec![]);
    graph.op("Concat", &[&r, &rest], vec![attr::int("axis", 1)])
}

/// The fitted SVC's one-vs-one model in libsvm's sign (positive means the
/// pair's first class): learnkit keeps scikit-learn's, which flips both
/// signs for two classes.
struct Ovo {
    /// `dual_coef`, `[classes − 1, n_sv]`.
    coef: Array2<f64>,
    /// One `rho` per pair, added as onnxruntime adds it (scikit-learn's
    /// `intercept_`).
    rho: Vec<f64>,
}

impl Ovo {
    fn of<F: Float, L: OnnxLabel>(model: &FittedSVC<F, L>) -> Ovo {
        let sign = if model.classes().len() == 2 { -1.0 } else { 1.0 };
        Ovo {
            coef: model.dual_coef().mapv(|v| sign * v),
            rho: model.intercept().iter().map(|v| sign * v).collect(),
        }
    }

    /// The coefficients as a `[n_sv, pairs]` matrix: the pair `(i, j)`'s
    /// column holds row `j − 1` over class `i`'s support vectors and row
    /// `i` over class `j`'s, zero elsewhere.
    fn per_pair(&self, n_support: &[usize]) -> Vec<f64> {
        let n_classes = n_support.len();
        let pairs = pairs(n_classes);
        let n_sv = self.coef.ncols();
        let mut start = Vec::with_capacity(n_classes);
        let mut acc = 0;
        for &n in n_support {
            start.push(acc);
            acc += n;
        }
        let mut out = vec![0.0; n_sv * pairs.len()];
        for (q, &(i, j)) in pairs.iter().enumerate() {
            for s in start[i]..start[i] + n_support[i] {
                out[s * pairs.len() + q] = self.coef[[j - 1, s]];
            }
            for s in start[j]..start[j] + n_support[j] {
                out[s * pairs.len() + q] = self.coef[[i, s]];
            }
        }
        out
    }
}

impl<F: Float, L: OnnxLabel> OnnxExport for FittedSVC<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedSVC".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        const NAME: &str = "FittedSVC";
        let classes = classes_of(self.classes())?;
        let n_classes = classes.len();
        let probability = !self.prob_a().is_empty();
        let kernel = self.resolved_kernel();
        kernel_attributes(kernel, NAME)?;
        if !probability && n_classes > 2 && self.decision_function_shape() == DecisionFunctionShape::Ovo {
            return Err(unsupported(
                NAME,
                "the one-vs-one decision function has a column per pair of classes, not per class as the scores of an exported classifier",
            ));
        }
        if probability && n_classes > 2 && input.elem == Elem::Double {
            return Err(unsupported(
                NAME,
                "in a double graph, coupling the pairwise probabilities of more than two classes (an iteration with a per-row stop) needs a Loop; export a float graph (SVMClassifier couples them)",
            ));
        }
        let ovo = Ovo::of(self);
        if input.elem == Elem::Double {
            return Ok(self.double_graph(graph, &input, &ovo, classes, kernel));
        }
        let mut attributes = svm_attributes(kernel, self.support_vectors(), NAME)?;
        let coefficients: Vec<f64> = ovo.coef.iter().copied().collect();
        let vectors: Vec<i64> = self.n_support().iter().map(|&n| n as i64).collect();
        attributes.extend([
            classes.attribute(),
            attr::ints("vectors_per_class", &vectors),
            attr::floats("coefficients", &coefficients),
            attr::floats("rho", &ovo.rho),
        ]);
        let coupled = probability && n_classes > 2;
        if coupled {
            attributes.push(attr::floats("prob_a", &to_vec(self.prob_a())));
            attributes.push(attr::floats("prob_b", &to_vec(self.prob_b())));
        }
        let mut outputs = graph.ml_op("SVMClassifier", &[&input.name], 2, attributes).into_iter();
        let label = Tensor::vector(outputs.next().unwrap_or_default(), classes.elem());
        let raw = outputs.next().unwrap_or_default();
        let scores = if coupled {
            raw
        } else if n_classes == 2 {
            // onnxruntime's [−s, s]; s = libsvm's decision.
            if probability {
                let one = graph.ints("second_column", &[1], &[1]);
                let f = graph.op("Gather", &[&raw, &one], vec![attr::int("axis", 1)]);
                platt(graph, &f, self.prob_a()[0], self.prob_b()[0], Elem::Float)
            } else {
                graph.op("Neg", &[&raw], vec![])
            }
        } else {
            ovr_decision(graph, &raw, n_classes, Elem::Float)
        };
        let scores = Tensor::matrix(scores, Elem::Float, n_classes);
        Ok(Exported::Classification { label, scores, classes })
    }
}

impl<F: Float, L: OnnxLabel> FittedSVC<F, L> {
    /// The double graph by standard operators (see the module's doc).
    fn double_graph(&self, graph: &mut Graph, input: &Tensor, ovo: &Ovo, classes: Classes, kernel: Kernel) -> Exported {
        let n_classes = classes.len();
        let n_pairs = ovo.rho.len();
        let k = kernel_matrix(graph, input, self.support_vectors(), kernel);
        let per_pair = ovo.per_pair(self.n_support());
        let coef = graph.floats(
            "coefficients",
            &per_pair,
            &[self.support_vectors().nrows(), n_pairs],
            Elem::Double,
        );
        let rho = graph.floats("rho", &ovo.rho, &[n_pairs], Elem::Double);
        let sums = graph.op("MatMul", &[&k, &coef], vec![]);
        let d = graph.op("Add", &[&sums, &rho], vec![]);
        let label = vote_labels(graph, &d, &classes);
        let scores = if n_classes == 2 {
            if self.prob_a().is_empty() {
                // [−d, d] in scikit-learn's sign is [s, −s] in libsvm's.
                let negative = graph.op("Neg", &[&d], vec![]);
                graph.op("Concat", &[&d, &negative], vec![attr::int("axis", 1)])
            } else {
                platt(graph, &d, self.prob_a()[0], self.prob_b()[0], Elem::Double)
            }
        } else {
            ovr_decision(graph, &d, n_classes, Elem::Double)
        };
        let scores = Tensor::matrix(scores, Elem::Double, n_classes);
        Exported::Classification { label, scores, classes }
    }
}

fn to_vec(values: ArrayView1<'_, f64>) -> Vec<f64> {
    values.iter().copied().collect()
}

impl<F: Float> OnnxExport for FittedSVR<F> {
    fn onnx_type_name(&self) -> String {
        "FittedSVR".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// `Σ dual_coef · K(sv, x) + intercept`: `SVMRegressor` in a float
    /// graph, the kernel and a `MatMul` in a double graph.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        const NAME: &str = "FittedSVR";
        let kernel = self.resolved_kernel();
        let mut attributes = svm_attributes(kernel, self.support_vectors(), NAME)?;
        let coef = to_vec(self.dual_coef().row(0));
        let intercept = to_vec(self.intercept());
        if input.elem == Elem::Double {
            let k = kernel_matrix(graph, &input, self.support_vectors(), kernel);
            let weights = graph.floats("coefficients", &coef, &[coef.len(), 1], Elem::Double);
            let bias = graph.floats("intercept", &intercept, &[1], Elem::Double);
            let sums = graph.op("MatMul", &[&k, &weights], vec![]);
            let name = graph.op("Add", &[&sums, &bias], vec![]);
            return Ok(Exported::Regression(Tensor::matrix(name, Elem::Double, 1)));
        }
        attributes.extend([
            attr::floats("coefficients", &coef),
            attr::floats("rho", &intercept),
            attr::int("n_supports", coef.len() as i64),
            attr::int("one_class", 0),
        ]);
        let name = graph.ml_op("SVMRegressor", &[&input.name], 1, attributes).remove(0);
        Ok(Exported::Regression(Tensor::matrix(name, Elem::Float, 1)))
    }
}
