//! Dual coordinate descent for the L2-regularised linear SVM (Hsieh, Chang,
//! Lin, Keerthi and Sundararajan, 2008, Algorithm 3; liblinear's
//! `L2R_L1LOSS_SVC_DUAL` and `L2R_L2LOSS_SVC_DUAL`).
//!
//! For one binary problem (`y_i = ±1`, per-sample weights `C_i > 0`) it solves
//!
//! ```text
//! min_α ½ αᵀ(Q + D)α − Σ_i α_i   subject to 0 ≤ α_i ≤ U_i,   Q_ij = y_i y_j x_i·x_j
//! ```
//!
//! with `U_i = C_i`, `D = 0` for the hinge loss and `U_i = ∞`,
//! `D_ii = 1 / (2 C_i)` for the squared hinge, keeping `w = Σ_i y_i α_i x_i`
//! up to date so that each coordinate step costs one pass over a row.

use super::LinearSVCLoss;
use super::rows::Rows;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Projected gradients at most this small leave a coordinate unchanged
/// (liblinear's threshold).
const PG_ZERO: f64 = 1e-12;

/// One binary problem: the rows (dense or sparse, the bias column
/// included), their signs and their weights `C_i`.
pub(super) struct BinaryProblem<'a> {
    pub(super) rows: Rows<'a>,
    /// `+1` or `−1` per row.
    pub(super) y: Vec<f64>,
    /// `C · class weight · sample weight` per row; rows with 0 are left out.
    pub(super) c: Vec<f64>,
}

/// Solver settings shared by every binary problem of a fit.
#[derive(Clone, Copy)]
pub(super) struct DualCdOptions {
    pub(super) loss: LinearSVCLoss,
    pub(super) tol: f64,
    pub(super) max_iter: usize,
    pub(super) seed: u64,
}

/// The solution of one binary problem.
pub(super) struct BinarySolution {
    /// The weights, one per column of the data (the bias column last).
    pub(super) w: Vec<f64>,
    /// Outer iterations (passes over the active rows).
    pub(super) n_iter: usize,
    /// Whether the stopping rule was met before `max_iter`.
    pub(super) converged: bool,
}

/// `aᵀb` (also used by the primal solver).
#[inline]
pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    // Four partial sums: vectorises, and the order depends on the length only.
    let mut acc = [0.0; 4];
    let (ac, ar) = a.split_at(a.len() / 4 * 4);
    let (bc, br) = b.split_at(ac.len());
    for (x, y) in ac.chunks_exact(4).zip(bc.chunks_exact(4)) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut sum = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (x, y) in ar.iter().zip(br) {
        sum += x * y;
    }
    sum
}

/// `y += alpha · x` (also used by the primal solver).
#[inline]
pub(super) fn axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}

/// Solves one binary problem by dual coordinate descent with random
/// permutations and liblinear's shrinking.
///
/// Each outer iteration visits the active rows in a fresh random order and
/// tracks the largest and smallest projected gradient (`PGmax`, `PGmin`).
/// A row at a bound whose gradient lies beyond the previous iteration's
/// extremes is shrunk (left out). The solver stops when
/// `PGmax − PGmin ≤ tol` over every row: when that holds on a shrunk set,
/// all rows are made active again and the check repeats on them.
pub(super) fn solve(problem: &BinaryProblem<'_>, options: &DualCdOptions) -> BinarySolution {
    let width = problem.rows.width();
    let data = problem.rows;
    // Rows of weight zero cannot enter the solution (liblinear removes them).
    let rows: Vec<usize> = (0..problem.c.len()).filter(|&i| problem.c[i] > 0.0).collect();
    let l = rows.len();
    let (diag, upper): (Vec<f64>, Vec<f64>) = rows
        .iter()
        .map(|&i| match options.loss {
            LinearSVCLoss::Hinge => (0.0, problem.c[i]),
            LinearSVCLoss::SquaredHinge => (0.5 / problem.c[i], f64::INFINITY),
        })
        .unzip();
    let qd: Vec<f64> = rows.iter().zip(&diag).map(|(&i, d)| d + data.squared_norm(i)).collect();
    let y: Vec<f64> = rows.iter().map(|&i| problem.y[i]).collect();

    let mut w = vec![0.0; width];
    // A squared norm that overflows makes every step zero and every
    // projected gradient −1, which the stopping rule would take for an
    // optimum: the problem is beyond f64, so report it as not converged.
    if qd.iter().any(|q| !q.is_finite()) {
        return BinarySolution {
            w,
            n_iter: 0,
            converged: false,
        };
    }
    let mut alpha = vec![0.0; l];
    // Positions into `rows`; the first `active` are not shrunk.
    let mut index: Vec<usize> = (0..l).collect();
    let mut active = l;
    let mut pg_max_old = f64::INFINITY;
    let mut pg_min_old = f64::NEG_INFINITY;
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut n_iter = 0;
    let mut converged = false;

    while n_iter < options.max_iter {
        let mut pg_max_new = f64::NEG_INFINITY;
        let mut pg_min_new = f64::INFINITY;
        for s in 0..active {
            let j = rng.random_range(s..active);
            index.swap(s, j);
        }
        let mut s = 0;
        while s < active {
            let k = index[s];
            let x = rows[k];
            let g = y[k] * data.dot(x, &w) - 1.0 + alpha[k] * diag[k];
            let mut pg = 0.0;
            if alpha[k] == 0.0 {
                if g > pg_max_old {
                    active -= 1;
                    index.swap(s, active);
                    continue;
                } else if g < 0.0 {
                    pg = g;
                }
            } else if alpha[k] == upper[k] {
                if g < pg_min_old {
                    active -= 1;
                    index.swap(s, active);
                    continue;
                } else if g > 0.0 {
                    pg = g;
                }
            } else {
                pg = g;
            }
            pg_max_new = pg_max_new.max(pg);
            pg_min_new = pg_min_new.min(pg);
            if pg.abs() > PG_ZERO {
                let old = alpha[k];
                alpha[k] = (old - g / qd[k]).max(0.0).min(upper[k]);
                data.axpy(x, (alpha[k] - old) * y[k], &mut w);
            }
            s += 1;
        }
        n_iter += 1;
        if pg_max_new - pg_min_new <= options.tol {
            if active == l {
                converged = true;
                break;
            }
            // Converged on the shrunk rows: check every row again.
            active = l;
            pg_max_old = f64::INFINITY;
            pg_min_old = f64::NEG_INFINITY;
            continue;
        }
        pg_max_old = if pg_max_new <= 0.0 { f64::INFINITY } else { pg_max_new };
        pg_min_old = if pg_min_new >= 0.0 {
            f64::NEG_INFINITY
        } else {
            pg_min_new
        };
    }
    BinarySolution { w, n_iter, converged }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two separable points per side on a line, no bias: the squared-hinge
    /// optimum of `½ w² + C Σ max(0, 1 − y w x)²` has a closed form.
    #[test]
    fn squared_hinge_matches_the_closed_form() {
        // Rows x = 1 (y = +1) and x = −1 (y = −1): both margins are w, so
        // the objective is ½ w² + 2 C (1 − w)² for w < 1, minimised at
        // w = 4C / (1 + 4C).
        let data = [1.0, -1.0];
        let c = 0.5;
        let problem = BinaryProblem {
            rows: Rows::Dense { data: &data, width: 1 },
            y: vec![1.0, -1.0],
            c: vec![c, c],
        };
        let options = DualCdOptions {
            loss: LinearSVCLoss::SquaredHinge,
            tol: 1e-12,
            max_iter: 1000,
            seed: 0,
        };
        let solution = solve(&problem, &options);
        assert!(solution.converged);
        assert!((solution.w[0] - 4.0 * c / (1.0 + 4.0 * c)).abs() < 1e-10);
    }

    /// With the hinge loss the same problem is ½ w² + 2 C max(0, 1 − w):
    /// w = min(2C, 1).
    #[test]
    fn hinge_matches_the_closed_form() {
        let data = [1.0, -1.0];
        for c in [0.1, 0.3, 2.0] {
            let problem = BinaryProblem {
                rows: Rows::Dense { data: &data, width: 1 },
                y: vec![1.0, -1.0],
                c: vec![c, c],
            };
            let options = DualCdOptions {
                loss: LinearSVCLoss::Hinge,
                tol: 1e-12,
                max_iter: 1000,
                seed: 1,
            };
            let solution = solve(&problem, &options);
            assert!(
                (solution.w[0] - (2.0 * c).min(1.0)).abs() < 1e-10,
                "C = {c}: {}",
                solution.w[0]
            );
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
        let options = DualCdOptions {
            loss: LinearSVCLoss::SquaredHinge,
            tol: 1e-12,
            max_iter: 1000,
            seed: 0,
        };
        let solution = solve(&problem, &options);
        assert!((solution.w[0] - 2.0 / 3.0).abs() < 1e-10);
    }

    #[test]
    fn stopping_at_max_iter_is_reported() {
        let data = [1.0, 0.3, -1.0, 0.2, 0.5, -0.4];
        let problem = BinaryProblem {
            rows: Rows::Dense { data: &data, width: 2 },
            y: vec![1.0, -1.0, 1.0],
            c: vec![10.0, 10.0, 10.0],
        };
        let options = DualCdOptions {
            loss: LinearSVCLoss::Hinge,
            tol: 1e-15,
            max_iter: 1,
            seed: 0,
        };
        let solution = solve(&problem, &options);
        assert_eq!(solution.n_iter, 1);
        assert!(!solution.converged);
    }
}
