//! The `NewtonCd` solver: proximal Newton with coordinate descent on each
//! quadratic model (glmnet; liblinear's newGLMNET), for penalties with an L1
//! part. See `LogisticRegression`'s documentation for the method.

use super::Solution;
use super::design::Design;
use super::loss::{sigmoid, softmax_in_place, softplus};
use crate::float::Float;
use crate::linear_model::lbfgs::Termination;
use crate::sparse::CscMatrix;
use ndarray::{ArrayView1, ArrayView2};
use rayon::prelude::*;

/// A column stored sparse when at most this share of it is nonzero: a
/// sparse entry costs an index besides the value, and one-hot columns are
/// far below it.
const SPARSE_SHARE: f64 = 0.25;

/// The smallest curvature weight `p (1 − p)` used in the quadratic model:
/// keeps the model strictly convex where the probabilities saturate (as
/// glmnet's floor on `p`); the line search guards the true objective.
const MIN_CURVATURE: f64 = 1e-10;

/// Sweeps over the nonzero coefficients between two full sweeps, and full
/// sweeps per quadratic model, at most.
const MAX_ACTIVE_SWEEPS: usize = 1000;
const MAX_FULL_SWEEPS: usize = 100;

/// Halvings of the step tried by the line search, and its sufficient
/// decrease constant.
const MAX_HALVINGS: usize = 50;
const ARMIJO: f64 = 0.01;

/// One feature column, in `f64`.
enum Column {
    Dense(Vec<f64>),
    Sparse { rows: Vec<usize>, values: Vec<f64> },
}

impl Column {
    /// Column `j` of a sparse matrix's column layout.
    fn of_sparse<F: Float>(csc: &CscMatrix<F>, j: usize) -> Column {
        let col = csc.column(j);
        Column::Sparse {
            rows: col.indices.iter().map(|&i| i as usize).collect(),
            values: col.values.iter().map(|v| v.as_f64()).collect(),
        }
    }

    fn of<F: Float>(x: ArrayView2<'_, F>, j: usize) -> Column {
        let col = x.column(j);
        let nonzero = col.iter().filter(|v| **v != F::zero()).count();
        if (nonzero as f64) <= SPARSE_SHARE * col.len() as f64 {
            let (rows, values) = col
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != F::zero())
                .map(|(i, v)| (i, v.as_f64()))
                .unzip();
            Column::Sparse { rows, values }
        } else {
            Column::Dense(col.iter().map(|v| v.as_f64()).collect())
        }
    }

    /// `Σ_i x_i v_i`.
    fn dot(&self, v: &[f64]) -> f64 {
        match self {
            Column::Dense(x) => x.iter().zip(v).map(|(a, b)| a * b).sum(),
            Column::Sparse { rows, values } => rows.iter().zip(values).map(|(&i, a)| a * v[i]).sum(),
        }
    }

    /// `Σ_i h_i x_i²`.
    fn weighted_square(&self, h: &[f64]) -> f64 {
        match self {
            Column::Dense(x) => x.iter().zip(h).map(|(a, w)| w * a * a).sum(),
            Column::Sparse { rows, values } => rows.iter().zip(values).map(|(&i, a)| h[i] * a * a).sum(),
        }
    }

    /// `v_i += a x_i` and `u_i += a h_i x_i`.
    fn axpy2(&self, a: f64, h: &[f64], v: &mut [f64], u: &mut [f64]) {
        match self {
            Column::Dense(x) => {
                for (((xi, hi), vi), ui) in x.iter().zip(h).zip(v.iter_mut()).zip(u.iter_mut()) {
                    let t = a * xi;
                    *vi += t;
                    *ui += t * hi;
                }
            }
            Column::Sparse { rows, values } => {
                for (&i, xi) in rows.iter().zip(values) {
                    let t = a * xi;
                    v[i] += t;
                    u[i] += t * h[i];
                }
            }
        }
    }

    /// `v_i += a x_i`.
    fn axpy(&self, a: f64, v: &mut [f64]) {
        match self {
            Column::Dense(x) => v.iter_mut().zip(x).for_each(|(vi, xi)| *vi += a * xi),
            Column::Sparse { rows, values } => rows.iter().zip(values).for_each(|(&i, xi)| v[i] += a * xi),
        }
    }
}

/// The problem: the scaled objective
/// `Σ_i ω_i loss_i(W x_i + b) + l1 ‖W‖₁ + ½ l2 ‖W‖²` (as `LogisticLoss`,
/// plus the L1 term), parameters laid out as `LogisticLoss`'s.
pub(super) struct NewtonCd<'a> {
    columns: Vec<Column>,
    codes: &'a [usize],
    weights: ArrayView1<'a, f64>,
    /// Coefficient rows: 1 for two classes, else the number of classes.
    k: usize,
    fit_intercept: bool,
    l1: f64,
    l2: f64,
}

/// The state of a run: coefficients, intercepts, and the scores `η = XWᵀ + b`
/// (row-major, `n × k`).
struct State {
    coef: Vec<f64>,
    intercept: Vec<f64>,
    eta: Vec<f64>,
}

impl<'a> NewtonCd<'a> {
    pub fn new<F: Float>(
        x: &Design<'_, F>,
        codes: &'a [usize],
        weights: ArrayView1<'a, f64>,
        n_classes: usize,
        fit_intercept: bool,
        l1: f64,
        l2: f64,
    ) -> Self {
        // Each column on its own: deterministic, and in parallel.
        let columns = match x {
            Design::Dense(x) => (0..x.ncols()).into_par_iter().map(|j| Column::of(*x, j)).collect(),
            Design::Sparse { csr, csc } => {
                // The solver walks columns: the design's column layout, or
                // one made here for the fit.
                let made;
                let csc = match csc {
                    Some(csc) => csc,
                    None => {
                        made = csr.to_csc();
                        &made
                    }
                };
                (0..csc.ncols())
                    .into_par_iter()
                    .map(|j| Column::of_sparse(csc, j))
                    .collect()
            }
        };
        NewtonCd {
            columns,
            codes,
            weights,
            k: if n_classes == 2 { 1 } else { n_classes },
            fit_intercept,
            l1,
            l2,
        }
    }

    fn n(&self) -> usize {
        self.codes.len()
    }

    fn p(&self) -> usize {
        self.columns.len()
    }

    /// 1 when sample `i` belongs to class block `c` (for two classes: to the
    /// second class), else 0.
    fn target(&self, i: usize, c: usize) -> f64 {
        let class = self.codes[i];
        if (self.k == 1 && class == 1) || (self.k > 1 && class == c) {
            1.0
        } else {
            0.0
        }
    }

    /// The penalty of one coefficient.
    fn penalty(&self, w: f64) -> f64 {
        self.l1 * w.abs() + 0.5 * self.l2 * w * w
    }

    /// The weighted log-loss of sample `i` at scores `z` (its row of `η`).
    fn sample_loss(&self, i: usize, z: &mut [f64]) -> f64 {
        let class = self.codes[i];
        if self.k == 1 {
            let y = if class == 1 { 1.0 } else { 0.0 };
            self.weights[i] * (softplus(z[0]) - y * z[0])
        } else {
            let z_true = z[class];
            let lse = softmax_in_place(z);
            self.weights[i] * (lse - z_true)
        }
    }

    /// The objective at a state.
    fn objective(&self, state: &State) -> f64 {
        let k = self.k;
        let mut z = vec![0.0; k];
        let mut loss = 0.0;
        for i in 0..self.n() {
            z.copy_from_slice(&state.eta[i * k..(i + 1) * k]);
            loss += self.sample_loss(i, &mut z);
        }
        loss + state.coef.iter().map(|&w| self.penalty(w)).sum::<f64>()
    }

    /// The weighted first and second derivatives of each sample's loss with
    /// respect to its score in class block `c`, and the probability of `c`
    /// (of the second class for two).
    fn derivatives(&self, state: &State, c: usize, g: &mut [f64], h: &mut [f64], probs: &mut [f64]) {
        let k = self.k;
        let mut z = vec![0.0; k];
        for i in 0..self.n() {
            let prob = if k == 1 {
                sigmoid(state.eta[i])
            } else {
                z.copy_from_slice(&state.eta[i * k..(i + 1) * k]);
                softmax_in_place(&mut z);
                z[c]
            };
            let y = self.target(i, c);
            let w = self.weights[i];
            probs[i] = prob;
            g[i] = w * (prob - y);
            h[i] = w * (prob * (1.0 - prob)).max(MIN_CURVATURE);
        }
    }

    /// The largest entry of the minimum-norm subgradient, over every block
    /// (the stopping rule).
    fn violation(&self, state: &State) -> f64 {
        let (n, p) = (self.n(), self.p());
        let mut worst: f64 = 0.0;
        let mut g = vec![0.0; n];
        let mut h = vec![0.0; n];
        let mut probs = vec![0.0; n];
        for c in 0..self.k {
            self.derivatives(state, c, &mut g, &mut h, &mut probs);
            if self.fit_intercept {
                worst = worst.max(g.iter().sum::<f64>().abs());
            }
            let grads: Vec<f64> = self.columns.par_iter().map(|col| col.dot(&g)).collect();
            for (j, grad) in grads.into_iter().enumerate() {
                let w = state.coef[c * p + j];
                let smooth = grad + self.l2 * w;
                let v = if w > 0.0 {
                    (smooth + self.l1).abs()
                } else if w < 0.0 {
                    (smooth - self.l1).abs()
                } else {
                    (smooth.abs() - self.l1).max(0.0)
                };
                worst = worst.max(v);
            }
        }
        worst
    }

    /// Minimises from `start` (coefficients row by row, then intercepts).
    pub fn minimize(&self, start: &[f64], max_iter: usize, tol: f64, verbose: usize) -> Solution {
        let (n, p, k) = (self.n(), self.p(), self.k);
        let mut state = State {
            coef: start[..k * p].to_vec(),
            intercept: if self.fit_intercept {
                start[k * p..].to_vec()
            } else {
                vec![0.0; k]
            },
            eta: vec![0.0; n * k],
        };
        for c in 0..k {
            let mut eta_c = vec![state.intercept[c]; n];
            for (j, col) in self.columns.iter().enumerate() {
                let w = state.coef[c * p + j];
                if w != 0.0 {
                    col.axpy(w, &mut eta_c);
                }
            }
            for (i, e) in eta_c.into_iter().enumerate() {
                state.eta[i * k + c] = e;
            }
        }
        let mut f = self.objective(&state);
        let mut n_iter = 0;
        let termination = loop {
            let violation = self.violation(&state);
            if verbose >= 2 {
                eprintln!("NewtonCd iteration {n_iter}: objective {f:.12e}, violation {violation:.3e}");
            }
            if violation <= tol {
                break Termination::Gradient;
            }
            if n_iter >= max_iter {
                break Termination::MaxIter;
            }
            n_iter += 1;
            // The quadratic models are solved to a fraction of the current
            // violation: loosely far from the optimum, tightly near it.
            let inner_tol = 0.1 * violation.max(tol);
            let mut moved = false;
            let mut predicted: f64 = 0.0;
            for c in 0..k {
                match self.block_step(&mut state, c, f, inner_tol) {
                    Ok(next) => {
                        f = next;
                        moved = true;
                    }
                    Err(decrease) => predicted = predicted.max(decrease.abs()),
                }
            }
            // No block could move: at the optimum to rounding when the
            // models predicted no decrease above this.
            let flat = 64.0 * f64::EPSILON * f.abs().max(1.0);
            if !moved {
                break if predicted <= flat {
                    Termination::RelativeReduction
                } else {
                    Termination::LineSearch
                };
            }
        };
        if verbose >= 1 {
            eprintln!("NewtonCd: {termination:?} after {n_iter} iterations, objective {f:.12e}");
        }
        self.center(&mut state);
        let mut x = state.coef;
        if self.fit_intercept {
            x.extend(state.intercept);
        }
        Solution { x, n_iter, termination }
    }

    /// With more than two classes the intercepts are unique only up to a
    /// common shift (and, without any penalty, the coefficients too): the
    /// shift that sums them to zero, as L-BFGS from zero and scikit-learn's
    /// solvers give. The objective does not change.
    fn center(&self, state: &mut State) {
        let (p, k) = (self.p(), self.k);
        if k == 1 {
            return;
        }
        let mean = state.intercept.iter().sum::<f64>() / k as f64;
        state.intercept.iter_mut().for_each(|b| *b -= mean);
        if self.l1 == 0.0 && self.l2 == 0.0 {
            for j in 0..p {
                let mean = (0..k).map(|c| state.coef[c * p + j]).sum::<f64>() / k as f64;
                (0..k).for_each(|c| state.coef[c * p + j] -= mean);
            }
        }
    }

    /// One proximal Newton step on block `c`: coordinate descent on the
    /// quadratic model, then the line search. Returns the new objective, or
    /// the decrease the model predicted when no step decreased enough.
    fn block_step(&self, state: &mut State, c: usize, f: f64, inner_tol: f64) -> Result<f64, f64> {
        let (n, p, k) = (self.n(), self.p(), self.k);
        let mut g = vec![0.0; n];
        let mut h = vec![0.0; n];
        let mut probs = vec![0.0; n];
        self.derivatives(state, c, &mut g, &mut h, &mut probs);
        let curvature: Vec<f64> = self.columns.par_iter().map(|col| col.weighted_square(&h)).collect();
        let h_sum: f64 = h.iter().sum();
        let coef = state.coef[c * p..(c + 1) * p].to_vec();
        // The step `d` (coefficients) and `db` (intercept); `r = X d + db`
        // (the change of the scores) and `q = g + h r` (the model's
        // gradient with respect to the scores).
        let mut d = vec![0.0; p];
        let mut db = 0.0;
        let mut r = vec![0.0; n];
        let mut q = g.clone();

        let sweep = |active_only: bool, d: &mut [f64], db: &mut f64, r: &mut [f64], q: &mut [f64]| -> f64 {
            let mut largest: f64 = 0.0;
            for (j, col) in self.columns.iter().enumerate() {
                let z = coef[j] + d[j];
                if active_only && z == 0.0 {
                    continue;
                }
                let hj = curvature[j];
                let denom = hj + self.l2;
                if denom <= 0.0 {
                    continue;
                }
                let grad = col.dot(q);
                let target = hj * z - grad;
                let u = soft_threshold(target, self.l1) / denom;
                let delta = u - z;
                if delta != 0.0 {
                    d[j] += delta;
                    col.axpy2(delta, &h, r, q);
                    largest = largest.max((delta * denom).abs());
                }
            }
            if self.fit_intercept && h_sum > 0.0 {
                let delta = -q.iter().sum::<f64>() / h_sum;
                if delta != 0.0 {
                    *db += delta;
                    r.iter_mut().for_each(|v| *v += delta);
                    q.iter_mut().zip(&h).for_each(|(v, hi)| *v += delta * hi);
                    largest = largest.max((delta * h_sum).abs());
                }
            }
            largest
        };

        for _ in 0..MAX_FULL_SWEEPS {
            if sweep(false, &mut d, &mut db, &mut r, &mut q) <= inner_tol {
                break;
            }
            for _ in 0..MAX_ACTIVE_SWEEPS {
                if sweep(true, &mut d, &mut db, &mut r, &mut q) <= inner_tol {
                    break;
                }
            }
        }

        // Line search on the true objective along (d, db), by its change:
        // only block c's scores move (along r), and each sample's loss
        // changes by `ln(1 + p (e^{t r} − 1)) − y t r` (p its probability of
        // c), which is exact to rounding however small, so the search works
        // down to the last digits; no product with X.
        let pen_change = |t: f64| -> f64 {
            coef.iter()
                .zip(&d)
                .map(|(&w, &dj)| self.penalty(w + t * dj) - self.penalty(w))
                .sum()
        };
        let decrease = g.iter().zip(&r).map(|(a, b)| a * b).sum::<f64>() + pen_change(1.0);
        if decrease.is_nan() || decrease >= 0.0 {
            return Err(decrease);
        }
        let mut t = 1.0;
        for _ in 0..MAX_HALVINGS {
            let change = pen_change(t) + self.loss_change(c, &probs, &r, t);
            if change <= ARMIJO * t * decrease {
                for (w, dj) in state.coef[c * p..(c + 1) * p].iter_mut().zip(&d) {
                    *w += t * dj;
                }
                state.intercept[c] += t * db;
                for (i, ri) in r.iter().enumerate() {
                    state.eta[i * k + c] += t * ri;
                }
                return Ok(f + change);
            }
            t *= 0.5;
        }
        Err(decrease)
    }

    /// The change of the loss when block `c`'s scores move by `t r`, from
    /// the current probabilities of `c`.
    fn loss_change(&self, c: usize, probs: &[f64], r: &[f64], t: f64) -> f64 {
        let mut change = 0.0;
        for (i, (&p, &ri)) in probs.iter().zip(r).enumerate() {
            let y = self.target(i, c);
            let step = t * ri;
            change += self.weights[i] * ((p * step.exp_m1()).ln_1p() - y * step);
        }
        change
    }
}

/// `sign(v) · max(|v| − a, 0)`.
fn soft_threshold(v: f64, a: f64) -> f64 {
    if v > a {
        v - a
    } else if v < -a {
        v + a
    } else {
        0.0
    }
}
