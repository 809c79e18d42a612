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
//!   Weng's method 2, libsvm's stopping rule), in `float`.
//!
//! A double graph computes the kernel (`MatMul`, then `Exp` / `Pow` /
//! `Tanh`), the pair decisions (`MatMul` with the coefficients laid out per
//! pair), the votes (`Greater`, `MatMul`, `ArgMax`) and, for more than two
//! classes with probabilities, the coupling iteration in a `Loop`.
//!
//! A float graph's error is `float` rounding of every kernel value times
//! the coefficients: about `1e-7 · Σ |α K|`, which for a large `C` or a
//! linear kernel on many features can exceed `1e-5` of the decision value
//! (as for skl2onnx's graphs); the double graph has no such limit.

use ndarray::{Array2, ArrayView1, ArrayView2};

use crate::error::Result;
use crate::float::Float;
use crate::onnx::OnnxLabel;
use crate::onnx::graph::{Classes, Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::proto::tensor_proto::DataType;
use crate::onnx::sealed::OnnxExport;
use crate::onnx::unsupported;
use crate::svm::{DecisionFunctionShape, FittedSVC, FittedSVR, Gamma, Kernel};
use crate::traits::Classifier;

/// A kernel's ONNX-ML `kernel_type` and `kernel_params` (`[gamma, coef0,
/// degree]`, as skl2onnx writes them); a precomputed kernel has none.
fn kernel_attributes(kernel: Kernel, type_name: &str) -> Result<(&'static str, [f64; 3])> {
    match kernel {
        Kernel::Linear => Ok(("LINEAR", [0.0, 0.0, 0.0])),
        Kernel::Poly { degree, gamma, coef0 } => Ok(("POLY", [kernel_gamma(gamma), coef0, f64::from(degree)])),
        Kernel::Rbf { gamma } => Ok(("RBF", [kernel_gamma(gamma), 0.0, 0.0])),
        Kernel::Sigmoid { gamma, coef0 } => Ok(("SIGMOID", [kernel_gamma(gamma), coef0, 0.0])),
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
/// (`[N, 1]`, libsvm's sign).
fn platt(graph: &mut Graph, f: &str, a: f64, b: f64, elem: Elem) -> String {
    let (r, rest) = pair_probabilities(graph, f, &[a], &[b], elem);
    graph.op("Concat", &[&r, &rest], vec![attr::int("axis", 1)])
}

/// Each pair's probability of its first class from its decision `d`
/// (libsvm's sign), `r = 1 / (1 + exp(A d + B))` clipped to `[1e-7, 1 −
/// 1e-7]` as learnkit (and libsvm) clip, and `1 − r`.
fn pair_probabilities(graph: &mut Graph, d: &str, a: &[f64], b: &[f64], elem: Elem) -> (String, String) {
    let a = graph.floats("prob_a", a, &[a.len()], elem);
    let b = graph.floats("prob_b", b, &[b.len()], elem);
    let scaled = graph.op("Mul", &[d, &a], vec![]);
    let z = graph.op("Add", &[&scaled, &b], vec![]);
    let minus_z = graph.op("Neg", &[&z], vec![]);
    let r = graph.op("Sigmoid", &[&minus_z], vec![]);
    let low = graph.floats("min_prob", &[1e-7], &[], elem);
    let high = graph.floats("max_prob", &[1.0 - 1e-7], &[], elem);
    let r = graph.op("Clip", &[&r, &low, &high], vec![]);
    let one = graph.floats("one", &[1.0], &[], elem);
    let rest = graph.op("Sub", &[&one, &r], vec![]);
    (r, rest)
}

/// The probabilities of more than two classes in a double graph, as
/// learnkit (libsvm) computes them: each pair's Platt probability `r`
/// (clipped), then Wu, Lin and Weng's coupling (method 2), an iteration of
/// at most `max(100, k)` sweeps that stops, per row, once every
/// `|(Qp)_t − pᵀQp|` is below `0.005 / k`. The sweeps run in a `Loop`
/// whose rows that met the rule keep their `p` (`Where`); the loop ends
/// when every row has, or after the last sweep.
fn coupled_probabilities(graph: &mut Graph, d: &str, prob_a: &[f64], prob_b: &[f64], n_classes: usize) -> String {
    let e = Elem::Double;
    let k = n_classes;
    let pairs = pairs(k);
    let n_pairs = pairs.len();
    // r (the pair's first class) and 1 − r, [N, pairs].
    let (r, rest) = pair_probabilities(graph, d, prob_a, prob_b, e);
    let one = graph.floats("one", &[1.0], &[], e);
    // Q (row-major k × k per row): Q_ii += (1 − r)², Q_jj += r², Q_ij = Q_ji = −r (1 − r).
    let (mut ii, mut jj, mut ij) = (
        vec![0.0; n_pairs * k * k],
        vec![0.0; n_pairs * k * k],
        vec![0.0; n_pairs * k * k],
    );
    for (q, &(i, j)) in pairs.iter().enumerate() {
        ii[q * k * k + i * k + i] = 1.0;
        jj[q * k * k + j * k + j] = 1.0;
        ij[q * k * k + i * k + j] = -1.0;
        ij[q * k * k + j * k + i] = -1.0;
    }
    let mut terms = Vec::new();
    for (values, hint, left, right) in [
        (ii, "q_first", &rest, &rest),
        (jj, "q_second", &r, &r),
        (ij, "q_cross", &r, &rest),
    ] {
        let m = graph.floats(hint, &values, &[n_pairs, k * k], e);
        let product = graph.op("Mul", &[left, right], vec![]);
        terms.push(graph.op("MatMul", &[&product, &m], vec![]));
    }
    let partial = graph.op("Add", &[&terms[0], &terms[1]], vec![]);
    let q_flat = graph.op("Add", &[&partial, &terms[2]], vec![]);
    let cube = graph.ints("q_shape", &[-1, k as i64, k as i64], &[3]);
    let q = graph.op("Reshape", &[&q_flat, &cube], vec![]);
    let diagonal: Vec<i64> = (0..k).map(|t| (t * k + t) as i64).collect();
    let diagonal = graph.ints("diagonal", &diagonal, &[k]);
    let diagonal = graph.op("Gather", &[&q_flat, &diagonal], vec![attr::int("axis", 1)]);
    let mut q_tt = Vec::with_capacity(k);
    let mut q_rows = Vec::with_capacity(k);
    for t in 0..k {
        let column = graph.ints("t", &[t as i64], &[1]);
        q_tt.push(graph.op("Gather", &[&diagonal, &column], vec![attr::int("axis", 1)]));
        let row = graph.ints("t", &[t as i64], &[]);
        q_rows.push(graph.op("Gather", &[&q, &row], vec![attr::int("axis", 1)]));
    }
    // The loop's start: p = 1/k, no row done, go on.
    let zero = graph.floats("zero", &[0.0], &[], e);
    let nothing = graph.op("Mul", &[&diagonal, &zero], vec![]);
    let uniform = graph.floats("uniform", &[1.0 / k as f64], &[], e);
    let p0 = graph.op("Add", &[&nothing, &uniform], vec![]);
    let first = graph.ints("first", &[0], &[1]);
    let first = graph.op("Gather", &[&nothing, &first], vec![attr::int("axis", 1)]);
    let done0 = graph.op("Greater", &[&first, &one], vec![]);
    let go = graph.op("Greater", &[&one, &zero], vec![]);
    let max_iter = graph.ints("max_iter", &[k.max(100) as i64], &[]);
    // The body: one sweep.
    let mark = graph.mark();
    let (iteration, cond_in, p_in, done_in) = (
        graph.name("iteration"),
        graph.name("cond_in"),
        graph.name("p_in"),
        graph.name("done_in"),
    );
    let column_shape = graph.ints("column_shape", &[-1, k as i64, 1], &[3]);
    let p_column = graph.op("Reshape", &[&p_in, &column_shape], vec![]);
    let qp = graph.op("MatMul", &[&q, &p_column], vec![]);
    let flat_shape = graph.ints("flat_shape", &[-1, k as i64], &[2]);
    let mut qp = graph.op("Reshape", &[&qp, &flat_shape], vec![]);
    let axes = graph.ints("axes", &[1], &[1]);
    let weighted = graph.op("Mul", &[&p_in, &qp], vec![]);
    let mut pqp = graph.op("ReduceSum", &[&weighted, &axes], vec![attr::int("keepdims", 1)]);
    let gap = graph.op("Sub", &[&qp, &pqp], vec![]);
    let gap = graph.op("Abs", &[&gap], vec![]);
    let eps = graph.floats("eps", &[0.005 / k as f64], &[], e);
    let below = graph.op("Less", &[&gap, &eps], vec![]);
    let below = graph.op("Cast", &[&below], vec![attr::int("to", e.code() as i64)]);
    let below = graph.op("ReduceSum", &[&below, &axes], vec![attr::int("keepdims", 1)]);
    let all = graph.floats("all_below", &[k as f64 - 0.5], &[], e);
    let stop = graph.op("Greater", &[&below, &all], vec![]);
    let done_out = graph.op("Or", &[&done_in, &stop], vec![]);
    let two = graph.floats("two", &[2.0], &[], e);
    let mut p = p_in.clone();
    for t in 0..k {
        let column = graph.ints("t", &[t as i64], &[1]);
        let qp_t = graph.op("Gather", &[&qp, &column], vec![attr::int("axis", 1)]);
        let gap = graph.op("Sub", &[&pqp, &qp_t], vec![]);
        let diff = graph.op("Div", &[&gap, &q_tt[t]], vec![]);
        let mut unit = vec![0.0; k];
        unit[t] = 1.0;
        let unit = graph.floats("unit", &unit, &[k], e);
        let step = graph.op("Mul", &[&diff, &unit], vec![]);
        let moved = graph.op("Add", &[&p, &step], vec![]);
        let scale = graph.op("Add", &[&diff, &one], vec![]);
        // pQp = (pQp + diff (diff Q_tt + 2 Qp_t)) / (1 + diff) / (1 + diff)
        let a = graph.op("Mul", &[&diff, &q_tt[t]], vec![]);
        let b = graph.op("Mul", &[&qp_t, &two], vec![]);
        let c = graph.op("Add", &[&a, &b], vec![]);
        let c = graph.op("Mul", &[&diff, &c], vec![]);
        let c = graph.op("Add", &[&pqp, &c], vec![]);
        let c = graph.op("Div", &[&c, &scale], vec![]);
        pqp = graph.op("Div", &[&c, &scale], vec![]);
        // Qp_j = (Qp_j + diff Q_tj) / (1 + diff); p_j /= 1 + diff
        let shift = graph.op("Mul", &[&diff, &q_rows[t]], vec![]);
        let shifted = graph.op("Add", &[&qp, &shift], vec![]);
        qp = graph.op("Div", &[&shifted, &scale], vec![]);
        p = graph.op("Div", &[&moved, &scale], vec![]);
    }
    let p_out = graph.op("Where", &[&done_out, &p_in, &p], vec![]);
    let open = graph.op("Not", &[&done_out], vec![]);
    let open = graph.op("Cast", &[&open], vec![attr::int("to", e.code() as i64)]);
    let open = graph.op("ReduceSum", &[&open], vec![attr::int("keepdims", 0)]);
    let cond_out = graph.op("Greater", &[&open, &zero], vec![]);
    let (int64, boolean, double) = (Elem::Int64.code(), DataType::Bool as i32, e.code());
    let body = graph.subgraph_since(
        mark,
        &[
            (&iteration, int64, Some(0)),
            (&cond_in, boolean, Some(0)),
            (&p_in, double, Some(2)),
            (&done_in, boolean, Some(2)),
        ],
        &[
            (&cond_out, boolean, Some(0)),
            (&p_out, double, Some(2)),
            (&done_out, boolean, Some(2)),
        ],
    );
    graph
        .node(
            "",
            "Loop",
            &[&max_iter, &go, &p0, &done0],
            2,
            vec![attr::graph("body", body)],
        )
        .remove(0)
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
        let scores = if n_classes > 2 && !self.prob_a().is_empty() {
            coupled_probabilities(graph, &d, &to_vec(self.prob_a()), &to_vec(self.prob_b()), n_classes)
        } else if n_classes == 2 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn pair_coefficients_follow_libsvm_layout() {
        // Three classes with 1, 2 and 1 support vectors.
        let ovo = Ovo {
            coef: array![[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]],
            rho: vec![0.0; 3],
        };
        // Rows: support vectors; columns: the pairs (0,1), (0,2), (1,2).
        let expected = [1.0, 5.0, 0.0, 2.0, 0.0, 6.0, 3.0, 0.0, 7.0, 0.0, 4.0, 8.0];
        assert_eq!(ovo.per_pair(&[1, 2, 1]), expected);
        assert_eq!(pair_signs(3), [1.0, -1.0, 0.0, 1.0, 0.0, -1.0, 0.0, 1.0, -1.0]);
    }
}
