//! `GaussianMixture` as skl2onnx's converter writes it: the weighted log
//! density of every row under every component from the precision Cholesky
//! factors (`MatMul`, `Add`, `Mul`, `ReduceSum`), the component of largest
//! density (`ArgMax`, output `label`) and the posteriors normalised in log
//! space (`ReduceLogSumExp`, `Sub`, `Exp`, output `probabilities`). All
//! four covariance types export.
//!
//! Both graphs compute in `double` (a `float` input is cast, the
//! probabilities cast back): the densities are sums of squared
//! Mahalanobis terms that `float` would round by more than the `1e-5` a
//! float graph promises for the posteriors of rows between two components.

use ndarray::{Array1, Array2, Axis};

use crate::error::Result;
use crate::float::Float;
use crate::mixture::{CovarianceArray, FittedGaussianMixture};
use crate::onnx::graph::{Elem, Exported, Graph, Tensor, attr};
use crate::onnx::sealed::OnnxExport;

impl<F: Float> OnnxExport for FittedGaussianMixture<F> {
    fn onnx_type_name(&self) -> String {
        "FittedGaussianMixture".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// `−½ (d log 2π + m) + log det U + log w` per component, with `m` the
    /// squared Mahalanobis distance computed as learnkit's E-step does for
    /// the covariance type.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let k = self.n_components();
        let d = self.n_features_in();
        let x = graph.cast(&input, Elem::Double);
        let mahalanobis = match self.precisions_cholesky() {
            CovarianceArray::Full(u) => {
                let factors: Vec<_> = u.axis_iter(Axis(0)).collect();
                general_mahalanobis(graph, &x, self.means(), &factors)
            }
            CovarianceArray::Tied(u) => {
                let factors = vec![u.view(); k];
                general_mahalanobis(graph, &x, self.means(), &factors)
            }
            CovarianceArray::Diag(u) => diag_mahalanobis(graph, &x, self.means(), u),
            CovarianceArray::Spherical(u) => spherical_mahalanobis(graph, &x, self.means(), u),
        };
        let constant = d as f64 * (2.0 * std::f64::consts::PI).ln();
        let constant = graph.floats("log_2pi_d", &[constant], &[], Elem::Double);
        let minus_half = graph.floats("minus_half", &[-0.5], &[], Elem::Double);
        let log_det = self.log_det_cholesky().to_vec();
        let log_det = graph.floats("log_det", &log_det, &[k], Elem::Double);
        let log_weights: Vec<f64> = self.weights().iter().map(|w| w.ln()).collect();
        let log_weights = graph.floats("log_weights", &log_weights, &[k], Elem::Double);
        let shifted = graph.op("Add", &[&mahalanobis, &constant], vec![]);
        let halved = graph.op("Mul", &[&shifted, &minus_half], vec![]);
        let with_det = graph.op("Add", &[&halved, &log_det], vec![]);
        let weighted = graph.op("Add", &[&with_det, &log_weights], vec![]);
        let weighted = Tensor::matrix(weighted, Elem::Double, k);
        let label = graph.op(
            "ArgMax",
            &[&weighted.name],
            vec![attr::int("axis", 1), attr::int("keepdims", 0)],
        );
        let probabilities = graph.probabilities_from_log(&weighted);
        Ok(Exported::Clusters {
            label: Tensor::vector(label, Elem::Int64),
            scores: graph.cast(&probabilities, graph.float()),
            scores_name: "probabilities",
        })
    }
}

/// `‖x·U_c − μ_c·U_c‖²` for a full factor per component (`Tied`: the same
/// one repeated): one `MatMul` with the factors side by side (`[d, k·d]`),
/// the shifts added, reshaped to `[N, k, d]`, squared and summed.
fn general_mahalanobis(
    graph: &mut Graph,
    x: &Tensor,
    means: &Array2<f64>,
    factors: &[ndarray::ArrayView2<'_, f64>],
) -> String {
    let (k, d) = means.dim();
    let mut side_by_side = Array2::<f64>::zeros((d, k * d));
    let mut shifts = Vec::with_capacity(k * d);
    for (c, u) in factors.iter().enumerate() {
        side_by_side.slice_mut(ndarray::s![.., c * d..(c + 1) * d]).assign(u);
        shifts.extend((-means.row(c).dot(u)).iter().copied());
    }
    let factors: Vec<f64> = side_by_side.iter().copied().collect();
    let factors = graph.floats("precisions_cholesky", &factors, &[d, k * d], Elem::Double);
    let shifts = graph.floats("shifts", &shifts, &[k * d], Elem::Double);
    let shape = graph.ints("shape", &[-1, k as i64, d as i64], &[3]);
    let product = graph.op("MatMul", &[&x.name, &factors], vec![]);
    let y = graph.op("Add", &[&product, &shifts], vec![]);
    let y = graph.op("Reshape", &[&y, &shape], vec![]);
    let squared = graph.op("Mul", &[&y, &y], vec![]);
    graph.reduce("ReduceSum", &squared, &[2], false)
}

/// `Σ μ²p − 2 x·(μp) + x²·p` with `p = U²` per component and feature.
fn diag_mahalanobis(graph: &mut Graph, x: &Tensor, means: &Array2<f64>, u: &Array2<f64>) -> String {
    let k = means.nrows();
    let p = u.mapv(|v| v * v);
    let mp = means * &p;
    let constant: Array1<f64> = (&mp * means).sum_axis(Axis(1));
    let mp_t = transposed(graph, "means_precisions", &mp);
    let p_t = transposed(graph, "precisions", &p);
    let constant = graph.floats("mean_terms", &constant.to_vec(), &[k], Elem::Double);
    let two = graph.floats("two", &[2.0], &[], Elem::Double);
    let cross = graph.op("MatMul", &[&x.name, &mp_t], vec![]);
    let cross = graph.op("Mul", &[&cross, &two], vec![]);
    let x2 = graph.op("Mul", &[&x.name, &x.name], vec![]);
    let quad = graph.op("MatMul", &[&x2, &p_t], vec![]);
    let centred = graph.op("Sub", &[&constant, &cross], vec![]);
    graph.op("Add", &[&centred, &quad], vec![])
}

/// `‖μ‖²p − 2 (x·μ) p + ‖x‖²p` with `p = U²` per component.
fn spherical_mahalanobis(graph: &mut Graph, x: &Tensor, means: &Array2<f64>, u: &Array1<f64>) -> String {
    let k = means.nrows();
    let p = u.mapv(|v| v * v);
    let mean_terms: Vec<f64> = means.rows().into_iter().zip(&p).map(|(m, &p)| m.dot(&m) * p).collect();
    let means_t = transposed(graph, "means", means);
    let p = graph.floats("precisions", &p.to_vec(), &[k], Elem::Double);
    let mean_terms = graph.floats("mean_terms", &mean_terms, &[k], Elem::Double);
    let two = graph.floats("two", &[2.0], &[], Elem::Double);
    let dots = graph.op("MatMul", &[&x.name, &means_t], vec![]);
    let cross = graph.op("Mul", &[&dots, &p], vec![]);
    let cross = graph.op("Mul", &[&cross, &two], vec![]);
    let x2 = graph.op("Mul", &[&x.name, &x.name], vec![]);
    let norms = graph.reduce("ReduceSum", &x2, &[1], true);
    let quad = graph.op("Mul", &[&norms, &p], vec![]);
    let centred = graph.op("Sub", &[&mean_terms, &cross], vec![]);
    graph.op("Add", &[&centred, &quad], vec![])
}

/// `a` transposed (`[columns, rows]`) as a `double` constant, the right
/// operand of `x · aᵀ`.
fn transposed(graph: &mut Graph, hint: &str, a: &Array2<f64>) -> String {
    let values: Vec<f64> = a.t().iter().copied().collect();
    graph.floats(hint, &values, &[a.ncols(), a.nrows()], Elem::Double)
}
