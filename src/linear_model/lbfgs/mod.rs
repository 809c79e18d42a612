//! A limited-memory BFGS minimiser for smooth unconstrained objectives, shared
//! by the linear models.
//!
//! It follows scipy's L-BFGS-B on an unbounded problem, so that a model fitted
//! here stops where scikit-learn's would: the same memory (10 pairs), the same
//! first step (`1/‖g‖`, then 1), the same Moré–Thuente line search and
//! tolerances (`ftol = 1e-3`, `gtol = 0.9`, `xtol = 0.1`, at most 50
//! evaluations as scikit-learn's `maxls`), the same curvature test for
//! skipping an update, and the same stopping rules:
//!
//! - converged when the largest absolute gradient entry (the projected
//!   gradient without bounds) is `≤ gtol` (scipy's `gtol`/`pgtol`), or when the
//!   relative reduction `(f_old − f) / max(|f_old|, |f|, 1)` is `≤ ftol`;
//! - not converged when `max_iter` iterations or the evaluation budget are
//!   used up, or when no step along steepest descent decreases the function.
//!
//! The search direction uses the two-loop recursion instead of L-BFGS-B's
//! compact matrices; without bounds both give the same direction. Everything
//! runs in `f64` on the calling thread: the vectors are the size of the
//! parameters, and the expensive part is the objective, which the caller
//! parallelises.

mod more_thuente;

use more_thuente::{LineSearchParams, SearchStatus, search};
use std::collections::VecDeque;

/// Settings of [`minimize`]; `Default` is scikit-learn's use of L-BFGS-B.
#[derive(Clone, Debug)]
pub(crate) struct LbfgsOptions {
    /// Maximum number of iterations (accepted line-search steps).
    pub max_iter: usize,
    /// Stop when `max |∂f/∂x_i| ≤ gtol`.
    pub gtol: f64,
    /// Stop when the relative reduction of `f` in one iteration is `≤ ftol`.
    pub ftol: f64,
    /// Number of correction pairs kept.
    pub memory: usize,
    /// Maximum evaluations in one line search.
    pub max_line_search: usize,
    /// Maximum evaluations in total.
    pub max_evals: usize,
    /// 0: silent; 1: a summary line at the end; 2: one line per iteration
    /// (to standard error).
    pub verbose: usize,
}

impl Default for LbfgsOptions {
    fn default() -> Self {
        LbfgsOptions {
            max_iter: 15000,
            gtol: 1e-5,
            // scikit-learn passes `ftol = 64 · machine epsilon`.
            ftol: 64.0 * f64::EPSILON,
            memory: 10,
            max_line_search: 50,
            max_evals: 15000,
            verbose: 0,
        }
    }
}

/// Why [`minimize`] stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Termination {
    /// The gradient's largest absolute entry fell to `gtol` or below.
    Gradient,
    /// An iteration reduced `f` by a relative `ftol` or less.
    RelativeReduction,
    /// `max_iter` iterations were done.
    MaxIter,
    /// The evaluation budget was used up.
    MaxEvals,
    /// No step along the steepest descent direction decreased `f` (typically
    /// rounding noise at a point already as good as the precision allows).
    LineSearch,
}

impl Termination {
    /// Whether this counts as convergence (scipy's `success`).
    pub fn converged(self) -> bool {
        matches!(self, Termination::Gradient | Termination::RelativeReduction)
    }
}

/// The result of [`minimize`].
#[derive(Clone, Debug)]
pub(crate) struct LbfgsResult {
    /// The final point.
    pub x: Vec<f64>,
    /// The objective there (a diagnostic; read by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub f: f64,
    /// Iterations done.
    pub n_iter: usize,
    /// Objective evaluations done (a diagnostic; read by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub n_evals: usize,
    /// Why it stopped.
    pub termination: Termination,
}

/// One correction pair `s = x_{k+1} − x_k`, `y = g_{k+1} − g_k`, `ρ = 1/(sᵀy)`.
struct Correction {
    s: Vec<f64>,
    y: Vec<f64>,
    rho: f64,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn max_abs(a: &[f64]) -> f64 {
    a.iter().fold(0.0, |m, v| m.max(v.abs()))
}

/// The quasi-Newton direction `−H g` by the two-loop recursion, with the
/// initial inverse Hessian `(sᵀy / yᵀy) I` of the newest pair.
fn direction(g: &[f64], memory: &VecDeque<Correction>) -> Vec<f64> {
    let mut q = g.to_vec();
    let mut alphas = Vec::with_capacity(memory.len());
    for c in memory.iter().rev() {
        let a = c.rho * dot(&c.s, &q);
        q.iter_mut().zip(&c.y).for_each(|(qi, yi)| *qi -= a * yi);
        alphas.push(a);
    }
    if let Some(newest) = memory.back() {
        let gamma = 1.0 / (newest.rho * dot(&newest.y, &newest.y));
        q.iter_mut().for_each(|qi| *qi *= gamma);
    }
    for (c, a) in memory.iter().zip(alphas.iter().rev()) {
        let b = c.rho * dot(&c.y, &q);
        q.iter_mut().zip(&c.s).for_each(|(qi, si)| *qi += (a - b) * si);
    }
    q.iter_mut().for_each(|qi| *qi = -*qi);
    q
}

/// Minimises `objective` from `x0`. The objective writes the gradient into
/// its second argument and returns the value.
pub(crate) fn minimize(
    mut objective: impl FnMut(&[f64], &mut [f64]) -> f64,
    x0: Vec<f64>,
    options: &LbfgsOptions,
) -> LbfgsResult {
    let n = x0.len();
    let mut x = x0;
    let mut g = vec![0.0; n];
    let mut f = objective(&x, &mut g);
    let mut n_evals = 1;
    let mut n_iter = 0;
    let mut memory: VecDeque<Correction> = VecDeque::with_capacity(options.memory + 1);
    let mut x_trial = vec![0.0; n];
    let mut g_trial = vec![0.0; n];

    let finish = |x: Vec<f64>, f: f64, g: &[f64], n_iter, n_evals, termination| {
        if options.verbose >= 1 {
            eprintln!(
                "L-BFGS: stopped after {n_iter} iterations ({n_evals} evaluations): {termination:?}, \
                 f = {f:.10e}, max |g| = {:.3e}",
                max_abs(g)
            );
        }
        LbfgsResult {
            x,
            f,
            n_iter,
            n_evals,
            termination,
        }
    };

    if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return finish(x, f, &g, 0, n_evals, Termination::LineSearch);
    }
    if max_abs(&g) <= options.gtol {
        return finish(x, f, &g, 0, n_evals, Termination::Gradient);
    }

    loop {
        let mut d = direction(&g, &memory);
        let mut gd = dot(&g, &d);
        if gd >= 0.0 || gd.is_nan() {
            // Not a descent direction (can only come from rounding in the
            // memory): forget it and use steepest descent, as L-BFGS-B does.
            memory.clear();
            d = g.iter().map(|v| -v).collect();
            gd = -dot(&g, &g);
        }
        // L-BFGS-B starts with a step of length one in x on the first
        // iteration; with curvature information the unit step is the
        // quasi-Newton step. After a memory reset, start as on the first
        // iteration.
        let stp0 = if memory.is_empty() {
            (1.0 / dot(&d, &d).sqrt()).min(1e10)
        } else {
            1.0
        };
        let params = LineSearchParams {
            max_evals: options
                .max_line_search
                .min(options.max_evals.saturating_sub(n_evals))
                .max(1),
            ..LineSearchParams::default()
        };
        let result = search(
            |stp| {
                x_trial
                    .iter_mut()
                    .zip(&x)
                    .zip(&d)
                    .for_each(|((xt, xi), di)| *xt = xi + stp * di);
                let value = objective(&x_trial, &mut g_trial);
                (value, dot(&g_trial, &d))
            },
            f,
            gd,
            stp0,
            &params,
        );
        n_evals += result.n_evals;

        if result.status == SearchStatus::Failed {
            if memory.is_empty() {
                return finish(x, f, &g, n_iter, n_evals, Termination::LineSearch);
            }
            // Retry from the same point along steepest descent.
            memory.clear();
            if n_evals >= options.max_evals {
                return finish(x, f, &g, n_iter, n_evals, Termination::MaxEvals);
            }
            continue;
        }

        // Accept the step (the trial buffers hold the last evaluated point,
        // which is the returned step).
        let f_old = f;
        let s: Vec<f64> = x_trial.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_trial.iter().zip(&g).map(|(a, b)| a - b).collect();
        std::mem::swap(&mut x, &mut x_trial);
        std::mem::swap(&mut g, &mut g_trial);
        f = result.f;
        n_iter += 1;

        // Keep the pair only if it has enough positive curvature (L-BFGS-B:
        // skip when sᵀy ≤ ε · (−g_oldᵀs)).
        let sy = dot(&s, &y);
        if sy > f64::EPSILON * (-gd * result.stp) {
            if memory.len() == options.memory {
                memory.pop_front();
            }
            memory.push_back(Correction { s, y, rho: 1.0 / sy });
        }

        let pg = max_abs(&g);
        if options.verbose >= 2 {
            eprintln!(
                "L-BFGS: iteration {n_iter}: f = {f:.10e}, max |g| = {pg:.3e}, step = {:.3e}",
                result.stp
            );
        }
        let termination = if pg <= options.gtol {
            Some(Termination::Gradient)
        } else if f_old - f <= options.ftol * f_old.abs().max(f.abs()).max(1.0) {
            Some(Termination::RelativeReduction)
        } else if n_iter >= options.max_iter {
            Some(Termination::MaxIter)
        } else if n_evals >= options.max_evals {
            Some(Termination::MaxEvals)
        } else {
            None
        };
        if let Some(termination) = termination {
            return finish(x, f, &g, n_iter, n_evals, termination);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rosenbrock(x: &[f64], g: &mut [f64]) -> f64 {
        // Extended Rosenbrock: sum over pairs of 100 (x2 − x1²)² + (1 − x1)².
        let mut f = 0.0;
        g.fill(0.0);
        for i in (0..x.len()).step_by(2) {
            let (a, b) = (x[i], x[i + 1]);
            let t = b - a * a;
            f += 100.0 * t * t + (1.0 - a) * (1.0 - a);
            g[i] += -400.0 * t * a - 2.0 * (1.0 - a);
            g[i + 1] += 200.0 * t;
        }
        f
    }

    #[test]
    fn minimises_rosenbrock_from_the_classic_start() {
        let options = LbfgsOptions {
            gtol: 1e-10,
            ftol: 0.0,
            ..LbfgsOptions::default()
        };
        let result = minimize(rosenbrock, vec![-1.2, 1.0], &options);
        assert_eq!(result.termination, Termination::Gradient, "{result:?}");
        for v in &result.x {
            approx::assert_abs_diff_eq!(*v, 1.0, epsilon = 1e-9);
        }
        assert!(result.n_iter < 100, "{result:?}");
    }

    #[test]
    fn minimises_extended_rosenbrock() {
        let x0: Vec<f64> = (0..20).map(|i| if i % 2 == 0 { -1.2 } else { 1.0 }).collect();
        let options = LbfgsOptions {
            gtol: 1e-9,
            ..LbfgsOptions::default()
        };
        let result = minimize(rosenbrock, x0, &options);
        assert!(result.termination.converged(), "{result:?}");
        for v in &result.x {
            approx::assert_abs_diff_eq!(*v, 1.0, epsilon = 1e-6);
        }
    }

    #[test]
    fn ill_conditioned_quadratic() {
        // f(x) = Σ 10^(i/2) (x_i − i)² / 2, condition number 10^4.5.
        let scale = |i: usize| 10f64.powf(i as f64 / 2.0);
        let quadratic = |x: &[f64], g: &mut [f64]| {
            let mut f = 0.0;
            for (i, (xi, gi)) in x.iter().zip(g.iter_mut()).enumerate() {
                let d = xi - i as f64;
                f += 0.5 * scale(i) * d * d;
                *gi = scale(i) * d;
            }
            f
        };
        let options = LbfgsOptions {
            gtol: 1e-8,
            ftol: 0.0,
            ..LbfgsOptions::default()
        };
        let result = minimize(quadratic, vec![0.0; 10], &options);
        assert_eq!(result.termination, Termination::Gradient);
        for (i, v) in result.x.iter().enumerate() {
            approx::assert_abs_diff_eq!(*v, i as f64, epsilon = 1e-8);
        }
    }

    #[test]
    fn stops_at_max_iter_without_converging() {
        let options = LbfgsOptions {
            max_iter: 3,
            gtol: 1e-12,
            ..LbfgsOptions::default()
        };
        let result = minimize(rosenbrock, vec![-1.2, 1.0], &options);
        assert_eq!(result.termination, Termination::MaxIter);
        assert!(!result.termination.converged());
        assert_eq!(result.n_iter, 3);
    }

    #[test]
    fn starting_at_the_optimum_takes_no_iteration() {
        let result = minimize(rosenbrock, vec![1.0, 1.0], &LbfgsOptions::default());
        assert_eq!(result.termination, Termination::Gradient);
        assert_eq!((result.n_iter, result.n_evals), (0, 1));
    }

    #[test]
    fn a_function_with_no_descent_stops_cleanly() {
        // A gradient that lies: every step along −g increases f.
        let liar = |x: &[f64], g: &mut [f64]| {
            g[0] = 1.0;
            x[0] * x[0] + 1.0 + x[0].abs()
        };
        let result = minimize(liar, vec![0.0], &LbfgsOptions::default());
        // It ends (by a failed search, or on a step so small that f does not
        // change in floating point, which counts as convergence as in
        // L-BFGS-B) without making f worse.
        assert!(result.f <= 1.0, "{result:?}");
        assert!(result.x[0].abs() < 1e-12, "{result:?}");
        assert!(result.n_evals < 200, "{result:?}");
    }
}
