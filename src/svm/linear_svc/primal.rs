//! The primal solver for the squared-hinge loss: liblinear's
//! `L2R_L2LOSS_SVC` (scikit-learn's `LinearSVC(dual=False)`), a trust-region
//! Newton method (Lin, Weng and Keerthi, 2008, "Trust Region Newton Method
//! for Large-Scale Logistic Regression"; liblinear's `TRON`) whose Newton
//! systems are solved approximately by conjugate gradient.
//!
//! For one binary problem (`y_i = ±1`, weights `C_i > 0`) it minimises
//!
//! ```text
//! f(w) = ½ wᵀw + Σ_i C_i max(0, 1 − y_i wᵀx_i)²
//! ```
//!
//! which is strictly convex and once differentiable. On the active set
//! `I = {i : y_i wᵀx_i < 1}` the gradient is
//! `∇f(w) = w + 2 Σ_{i∈I} C_i (y_i wᵀx_i − 1) y_i x_i` and the generalised
//! Hessian is `H = 𝟙 + 2 Σ_{i∈I} C_i x_i x_iᵀ`; the solver only ever needs
//! products `H v`, each one pass over the active rows.

use super::rows::Rows;
use super::solver::{BinaryProblem, BinarySolution, axpy, dot};

// Trust-region constants of TRON: a step is accepted when the actual
// reduction exceeds ETA0 times the predicted one; ETA1 and ETA2 grade how
// well the quadratic model predicted it, and the SIGMAs scale the radius.
const ETA0: f64 = 1e-4;
const ETA1: f64 = 0.25;
const ETA2: f64 = 0.75;
const SIGMA1: f64 = 0.25;
const SIGMA2: f64 = 0.5;
const SIGMA3: f64 = 4.0;

/// Consecutive rejected trust-region steps after which the solve gives up.
/// Each rejection at least halves the radius, so liblinear's own "reductions
/// too small" test stops far earlier on any finite problem; this only bounds
/// the loop when the arithmetic has broken down.
const MAX_REJECTIONS: usize = 200;

/// Settings of the primal solver.
#[derive(Clone, Copy)]
pub(super) struct PrimalOptions {
    /// scikit-learn's `tol` (liblinear's `eps`), before liblinear's scaling.
    pub(super) tol: f64,
    /// Cap on the accepted Newton iterations.
    pub(super) max_iter: usize,
}

/// The objective of one binary problem restricted to its rows of positive
/// weight, with the state the gradient and Hessian products share.
struct Objective<'a> {
    data: Rows<'a>,
    /// Rows of positive weight (liblinear drops the others).
    rows: Vec<usize>,
    y: Vec<f64>,
    c: Vec<f64>,
    /// `y_i wᵀx_i` at the point last passed to `value`, per row of `rows`.
    margins: Vec<f64>,
    /// Positions into `rows` of the active set at the point of the last
    /// `gradient` (the Hessian products use it).
    active: Vec<usize>,
    /// Scratch for the coefficients of a weighted sum of active rows.
    scratch: Vec<f64>,
}

impl Objective<'_> {
    /// `f(w)`; records the margins at `w` for the next `gradient`.
    fn value(&mut self, w: &[f64]) -> f64 {
        let mut f = 0.5 * dot(w, w);
        for k in 0..self.rows.len() {
            let m = self.y[k] * self.data.dot(self.rows[k], w);
            self.margins[k] = m;
            let slack = 1.0 - m;
            if slack > 0.0 {
                f += self.c[k] * slack * slack;
            }
        }
        f
    }

    /// `∇f(w)` into `g`, at the `w` of the last `value`; records the active set.
    fn gradient(&mut self, w: &[f64], g: &mut [f64]) {
        self.active.clear();
        self.scratch.clear();
        for k in 0..self.rows.len() {
            let m = self.margins[k];
            if m < 1.0 {
                self.active.push(k);
                self.scratch.push(2.0 * self.c[k] * self.y[k] * (m - 1.0));
            }
        }
        g.copy_from_slice(w);
        for (&k, &a) in self.active.iter().zip(&self.scratch) {
            self.data.axpy(self.rows[k], a, g);
        }
    }

    /// `H v` into `hv`, on the active set of the last `gradient`.
    fn hessian_times(&self, v: &[f64], hv: &mut [f64]) {
        hv.copy_from_slice(v);
        for &k in &self.active {
            let i = self.rows[k];
            self.data.axpy(i, 2.0 * self.c[k] * self.data.dot(i, v), hv);
        }
    }
}

#[inline]
fn norm(v: &[f64]) -> f64 {
    dot(v, v).sqrt()
}

/// Approximately solves `H s = −g` by conjugate gradient inside the trust
/// region `‖s‖ ≤ delta`: stops when the residual falls to a tenth of `‖g‖`,
/// or at the boundary, where the last direction is cut so that
/// `‖s‖ = delta`. Returns the step in `s` and the residual `r = −g − H s`.
fn truncated_cg(objective: &Objective<'_>, delta: f64, g: &[f64], s: &mut [f64], r: &mut [f64]) {
    let n = g.len();
    s.fill(0.0);
    r.iter_mut().zip(g).for_each(|(r, g)| *r = -g);
    let mut d = r.to_vec();
    let mut hd = vec![0.0; n];
    let cg_tol = 0.1 * norm(g);
    let mut rr = dot(r, r);
    // Exact arithmetic needs at most n steps; the cap only guards a
    // breakdown of the recurrence in floating point.
    for _ in 0..2 * n + 20 {
        if rr.sqrt() <= cg_tol {
            break;
        }
        objective.hessian_times(&d, &mut hd);
        let alpha = rr / dot(&d, &hd);
        if !alpha.is_finite() {
            break;
        }
        axpy(alpha, &d, s);
        if norm(s) > delta {
            // Back off, then move along d to the boundary: the root τ ≥ 0 of
            // ‖s + τ d‖² = delta², in the form that avoids cancellation.
            axpy(-alpha, &d, s);
            let sd = dot(s, &d);
            let ss = dot(s, s);
            let dd = dot(&d, &d);
            let room = delta * delta - ss;
            let rad = (sd * sd + dd * room).sqrt();
            let tau = if sd >= 0.0 { room / (sd + rad) } else { (rad - sd) / dd };
            if tau.is_finite() {
                axpy(tau, &d, s);
                axpy(-tau, &hd, r);
            }
            break;
        }
        axpy(-alpha, &hd, r);
        let rr_new = dot(r, r);
        let beta = rr_new / rr;
        d.iter_mut().zip(r.iter()).for_each(|(d, r)| *d = r + beta * *d);
        rr = rr_new;
    }
}

/// Solves one binary problem in the primal by TRON, from `w = 0`.
///
/// The stopping rule is liblinear's as scikit-learn calls it:
/// `‖∇f(w)‖ ≤ ε ‖∇f(0)‖` with `ε = tol · max(min(#pos, #neg), 1) / l` over the
/// `l` rows of positive weight. `n_iter` counts accepted Newton steps, at
/// most `max_iter`. The solve also stops, as liblinear's, when the actual and
/// predicted reductions fall below `1e-12 |f|` (the optimum is reached to
/// the precision of `f64`); that counts as converged, as in liblinear (no
/// warning there). It is not converged when `max_iter` steps ran out or the
/// objective is not finite (weights so large that `f` overflows).
pub(super) fn solve_primal(problem: &BinaryProblem<'_>, options: &PrimalOptions) -> BinarySolution {
    let width = problem.rows.width();
    let rows: Vec<usize> = (0..problem.c.len()).filter(|&i| problem.c[i] > 0.0).collect();
    let l = rows.len();
    let mut w = vec![0.0; width];
    if l == 0 {
        return BinarySolution {
            w,
            n_iter: 0,
            converged: true,
        };
    }
    let y: Vec<f64> = rows.iter().map(|&i| problem.y[i]).collect();
    let c: Vec<f64> = rows.iter().map(|&i| problem.c[i]).collect();
    let positive = y.iter().filter(|&&v| v > 0.0).count();
    let smaller = positive.min(l - positive).max(1);
    let eps = options.tol * smaller as f64 / l as f64;

    let mut objective = Objective {
        data: problem.rows,
        rows,
        y,
        c,
        margins: vec![0.0; l],
        active: Vec::with_capacity(l),
        scratch: Vec::with_capacity(l),
    };
    let mut g = vec![0.0; width];
    let mut s = vec![0.0; width];
    let mut r = vec![0.0; width];
    let mut w_new = vec![0.0; width];

    let mut f = objective.value(&w);
    objective.gradient(&w, &mut g);
    let g0 = norm(&g);
    let mut delta = g0;
    let mut n_iter = 0;
    let mut rejections = 0;
    // ∇f(0) = 0 means w = 0 is the optimum (liblinear does no iteration).
    let mut converged = g0 <= eps * g0;
    if !f.is_finite() || !g0.is_finite() {
        return BinarySolution {
            w,
            n_iter: 0,
            converged: false,
        };
    }
    while !converged && n_iter < options.max_iter {
        truncated_cg(&objective, delta, &g, &mut s, &mut r);
        w_new
            .iter_mut()
            .zip(w.iter().zip(&s))
            .for_each(|(n, (w, s))| *n = w + s);
        let gs = dot(&g, &s);
        // The quadratic model's reduction: −(gᵀs + ½ sᵀHs), with Hs = −g − r.
        let predicted = -0.5 * (gs - dot(&s, &r));
        let f_new = objective.value(&w_new);
        if !f_new.is_finite() || !predicted.is_finite() {
            break;
        }
        let actual = f - f_new;
        let s_norm = norm(&s);
        if n_iter == 0 {
            delta = delta.min(s_norm);
        }
        // Step length the model's curvature along s suggests, in units of ‖s‖.
        let curvature = f_new - f - gs;
        let alpha = if curvature <= 0.0 {
            SIGMA3
        } else {
            SIGMA1.max(-0.5 * (gs / curvature))
        };
        delta = if actual < ETA0 * predicted {
            (alpha.max(SIGMA1) * s_norm).min(SIGMA2 * delta)
        } else if actual < ETA1 * predicted {
            (SIGMA1 * delta).max((alpha * s_norm).min(SIGMA2 * delta))
        } else if actual < ETA2 * predicted {
            (SIGMA1 * delta).max((alpha * s_norm).min(SIGMA3 * delta))
        } else {
            delta.max((alpha * s_norm).min(SIGMA3 * delta))
        };
        if actual > ETA0 * predicted {
            n_iter += 1;
            rejections = 0;
            std::mem::swap(&mut w, &mut w_new);
            f = f_new;
            objective.gradient(&w, &mut g);
            if norm(&g) <= eps * g0 {
                converged = true;
                break;
            }
        } else {
            rejections += 1;
            if rejections >= MAX_REJECTIONS {
                break;
            }
        }
        if actual.abs() <= 0.0 && predicted <= 0.0 {
            converged = true;
            break;
        }
        if actual.abs() <= 1e-12 * f.abs() && predicted.abs() <= 1e-12 * f.abs() {
            converged = true;
            break;
        }
    }
    BinarySolution { w, n_iter, converged }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(tol: f64, max_iter: usize) -> PrimalOptions {
        PrimalOptions { tol, max_iter }
    }

    /// Rows x = 1 (y = +1) and x = −1 (y = −1), no bias: the optimum of
    /// ½ w² + 2 C (1 − w)² is w = 4C / (1 + 4C).
    #[test]
    fn matches_the_closed_form() {
        let data = [1.0, -1.0];
        for c in [0.01, 0.5, 3.0, 1e4] {
            let problem = BinaryProblem {
                rows: Rows::Dense { data: &data, width: 1 },
                y: vec![1.0, -1.0],
                c: vec![c, c],
            };
            let solution = solve_primal(&problem, &options(1e-12, 1000));
            assert!(solution.converged);
            let want = 4.0 * c / (1.0 + 4.0 * c);
            assert!(
                (solution.w[0] - want).abs() < 1e-9 * want.max(1.0),
                "C = {c}: {}",
                solution.w[0]
            );
        }
    }

    /// The primal and the dual reach the same optimum.
    #[test]
    fn agrees_with_the_dual() {
        let data = [
            1.0, 0.3, 1.0, -1.0, 0.2, 1.0, 0.5, -0.4, 1.0, -0.2, 0.9, 1.0, 2.0, 1.5, 1.0,
        ];
        let problem = BinaryProblem {
            rows: Rows::Dense { data: &data, width: 3 },
            y: vec![1.0, -1.0, 1.0, -1.0, 1.0],
            c: vec![2.0, 1.0, 0.5, 3.0, 1.0],
        };
        let primal = solve_primal(&problem, &options(1e-12, 1000));
        let dual = super::super::solver::solve(
            &problem,
            &super::super::solver::DualCdOptions {
                loss: super::super::LinearSVCLoss::SquaredHinge,
                tol: 1e-11,
                max_iter: 100_000,
                seed: 0,
            },
        );
        assert!(primal.converged, "primal");
        assert!(dual.converged, "dual");
        for (a, b) in primal.w.iter().zip(&dual.w) {
            assert!((a - b).abs() < 1e-8, "{:?} vs {:?}", primal.w, dual.w);
        }
    }

    #[test]
    fn rows_of_zero_weight_are_ignored() {
        let data = [1.0, -1.0, 5.0];
        let problem = BinaryProblem {
            rows: Rows::Dense { data: &data, width: 1 },
            y: vec![1.0, -1.0, -1.0],
            c: vec![0.5, 0.5, 0.0],
        };
        let solution = solve_primal(&problem, &options(1e-12, 1000));
        assert!((solution.w[0] - 2.0 / 3.0).abs() < 1e-10);
    }

    #[test]
    fn a_zero_gradient_at_the_origin_needs_no_iteration() {
        // Symmetric rows of the same class cancel: ∇f(0) = 0.
        let data = [1.0, -1.0, 0.0];
        let problem = BinaryProblem {
            rows: Rows::Dense { data: &data, width: 1 },
            y: vec![1.0, 1.0, -1.0],
            c: vec![1.0, 1.0, 1.0],
        };
        let solution = solve_primal(&problem, &options(1e-4, 1000));
        assert_eq!(solution.n_iter, 0);
        assert!(solution.converged);
        assert_eq!(solution.w, vec![0.0]);
    }

    #[test]
    fn stopping_at_max_iter_is_reported() {
        let data = [1.0, 0.3, -1.0, 0.2, 0.5, -0.4, 3.0, 2.0];
        let problem = BinaryProblem {
            rows: Rows::Dense { data: &data, width: 2 },
            y: vec![1.0, -1.0, 1.0, -1.0],
            c: vec![100.0, 100.0, 100.0, 100.0],
        };
        let solution = solve_primal(&problem, &options(1e-15, 1));
        assert_eq!(solution.n_iter, 1);
        assert!(!solution.converged);
    }

    #[test]
    fn overflowing_weights_do_not_hang_or_panic() {
        let data = [1e200, -1e200];
        let problem = BinaryProblem {
            rows: Rows::Dense { data: &data, width: 1 },
            y: vec![1.0, -1.0],
            c: vec![1e300, 1e300],
        };
        let solution = solve_primal(&problem, &options(1e-4, 1000));
        assert!(solution.n_iter <= 1000);
    }
}
