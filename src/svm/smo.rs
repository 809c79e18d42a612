//! The SMO solver of libsvm (Fan, Chen and Lin, 2005): second-order
//! working-set selection, shrinking, and kernel rows from a bounded LRU cache.
//!
//! It solves
//!
//! ```text
//! min_α  ½ αᵀQα + pᵀα   subject to  yᵀα = const,  0 ≤ α_i ≤ C_i
//! ```
//!
//! with `Q_ij = y_i y_j K(x_i, x_j)` and `y_i = ±1`. C-SVC is `p = −1`;
//! epsilon-SVR and the nu variants are the same problem with another `p`,
//! `y` and sample list (a sample may appear twice in `rows`), which is why the
//! problem is described by those three vectors rather than by labels.

use super::cache::KernelCache;
use super::kernel::KernelData;

/// Replaces a non-positive curvature `K_ii + K_jj − 2K_ij` (libsvm's `TAU`).
const TAU: f64 = 1e-12;

/// One quadratic problem: which training rows, their signs, the linear term
/// and the upper bounds.
pub(crate) struct SmoProblem<'a> {
    pub(crate) kernel: &'a KernelData<'a>,
    /// The training row of each variable.
    pub(crate) rows: Vec<usize>,
    /// The distinct rows of `rows`, in order of first appearance, transposed
    /// ([`KernelData::columns`]); empty for a precomputed kernel, whose rows
    /// are gathered instead.
    pub(crate) columns: Vec<f64>,
    /// `+1` or `−1` per variable.
    pub(crate) y: Vec<f64>,
    /// The linear term `p`.
    pub(crate) p: Vec<f64>,
    /// The upper bound `C_i` per variable (> 0).
    pub(crate) c: Vec<f64>,
}

/// Solver settings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SmoOptions {
    pub(crate) tol: f64,
    pub(crate) max_iter: Option<usize>,
    pub(crate) shrinking: bool,
    pub(crate) cache_bytes: usize,
}

/// The solution: `α`, the threshold `ρ` (the decision is `Σ y_i α_i K − ρ`),
/// and how the solver stopped.
#[derive(Clone, Debug)]
pub(crate) struct SmoSolution {
    pub(crate) alpha: Vec<f64>,
    pub(crate) rho: f64,
    pub(crate) n_iter: usize,
    pub(crate) converged: bool,
}

/// The distinct training rows of a problem (in order of first appearance)
/// and each variable's position among them; `None` when no row repeats.
type Distinct = Option<(Vec<usize>, Vec<usize>)>;

#[derive(Clone, Copy, PartialEq)]
enum Bound {
    Lower,
    Upper,
    Free,
}

struct Solver<'a> {
    problem: &'a SmoProblem<'a>,
    cache: KernelCache,
    diag: Vec<f64>,
    alpha: Vec<f64>,
    status: Vec<Bound>,
    grad: Vec<f64>,
    /// `Σ_{j at upper bound} C_j Q_ij`: lets the gradient of shrunk variables
    /// be rebuilt from the free ones only.
    grad_bar: Vec<f64>,
    active: Vec<usize>,
    /// Per variable, the first variable with the same training row: the
    /// key of its kernel row in the cache (epsilon-SVR lists each row twice,
    /// and both variables' kernel rows are the same).
    key: Vec<usize>,
    /// When a training row appears more than once: the distinct rows (in
    /// order of first appearance) and each variable's position among them,
    /// so that a kernel row is computed over the distinct rows only and
    /// expanded (libsvm's `SVR_Q`).
    distinct: Distinct,
    /// Per key: whether its cached row (if any) is complete, and the
    /// epoch in which it was computed.
    row_full: Vec<bool>,
    row_epoch: Vec<u64>,
    epoch: u64,
    unshrink: bool,
    eps: f64,
}

impl<'a> Solver<'a> {
    fn bound(alpha: f64, c: f64) -> Bound {
        if alpha >= c {
            Bound::Upper
        } else if alpha <= 0.0 {
            Bound::Lower
        } else {
            Bound::Free
        }
    }

    fn update_status(&mut self, i: usize) {
        self.status[i] = Self::bound(self.alpha[i], self.problem.c[i]);
    }

    /// The cache slot of kernel row `i`: `K(x_i, x_k)` for every variable
    /// `k` when `full`, otherwise at least for the active ones (as libsvm,
    /// a shrunk problem computes only the active part of a row).
    ///
    /// A partial row stays valid while the active set only shrinks, that is
    /// until the next [`Solver::reconstruct_gradient`] (a new epoch).
    fn kernel_row(&mut self, i: usize, full: bool) -> u32 {
        let problem = self.problem;
        let n = problem.rows.len();
        // Rows from the transposed data are computed whole: streaming every
        // column costs less than gathering the active entries.
        let full = full || self.active.len() == n || !problem.columns.is_empty();
        // Variables of the same training row share one cached row.
        let key = self.key[i];
        if let Some(s) = self.cache.lookup(key) {
            if self.row_full[key] || (!full && self.row_epoch[key] == self.epoch) {
                return s;
            }
            fill_kernel_row(problem, &self.distinct, &self.active, i, full, self.cache.row_mut(s));
            self.row_full[key] = full;
            self.row_epoch[key] = self.epoch;
            return s;
        }
        let (distinct, active) = (&self.distinct, &self.active);
        let s = self
            .cache
            .slot(key, |out| fill_kernel_row(problem, distinct, active, i, full, out));
        self.row_full[key] = full;
        self.row_epoch[key] = self.epoch;
        s
    }

    /// libsvm's `select_working_set` (WSS 2): `i` maximises the violation
    /// `−y_i ∇_i` over the "up" set, `j` the second-order decrease of the
    /// objective. `None` when the maximal violation is below `eps`.
    fn select_working_set(&mut self) -> Option<(usize, usize)> {
        let y = &self.problem.y;
        let mut gmax = f64::NEG_INFINITY;
        let mut gmax_idx = usize::MAX;
        for &t in &self.active {
            if y[t] > 0.0 {
                if self.status[t] != Bound::Upper && -self.grad[t] >= gmax {
                    gmax = -self.grad[t];
                    gmax_idx = t;
                }
            } else if self.status[t] != Bound::Lower && self.grad[t] >= gmax {
                gmax = self.grad[t];
                gmax_idx = t;
            }
        }
        let i = gmax_idx;
        let slot = if i != usize::MAX {
            Some(self.kernel_row(i, false))
        } else {
            None
        };
        let k_i = slot.map(|s| self.cache.row(s));
        let mut gmax2 = f64::NEG_INFINITY;
        let mut gmin_idx = usize::MAX;
        let mut obj_diff_min = f64::INFINITY;
        for &j in &self.active {
            let grad_diff = if y[j] > 0.0 {
                if self.status[j] == Bound::Lower {
                    continue;
                }
                gmax2 = gmax2.max(self.grad[j]);
                gmax + self.grad[j]
            } else {
                if self.status[j] == Bound::Upper {
                    continue;
                }
                gmax2 = gmax2.max(-self.grad[j]);
                gmax - self.grad[j]
            };
            if grad_diff > 0.0 {
                let k_i = k_i.expect("a violating pair has an i");
                // Q_ii + Q_jj − 2 y_i y_j Q_ij is K_ii + K_jj − 2 K_ij for either sign.
                let quad = self.diag[i] + self.diag[j] - 2.0 * k_i[j];
                let obj_diff = -(grad_diff * grad_diff) / if quad > 0.0 { quad } else { TAU };
                if obj_diff <= obj_diff_min {
                    gmin_idx = j;
                    obj_diff_min = obj_diff;
                }
            }
        }
        if gmax + gmax2 < self.eps || gmin_idx == usize::MAX {
            None
        } else {
            Some((i, gmin_idx))
        }
    }

    /// Moves `α_i`, `α_j` to the minimum along the constraint line, clipped
    /// to the box, and updates the gradients (libsvm's update step).
    fn step(&mut self, i: usize, j: usize) {
        let (y, c) = (&self.problem.y, &self.problem.c);
        let (ci, cj) = (c[i], c[j]);
        let (old_ai, old_aj) = (self.alpha[i], self.alpha[j]);
        let si = self.kernel_row(i, false);
        let sj = self.kernel_row(j, false);
        let kij = self.cache.row(si)[j];
        let quad = {
            let q = self.diag[i] + self.diag[j] - 2.0 * kij;
            if q > 0.0 { q } else { TAU }
        };
        let (mut ai, mut aj) = (old_ai, old_aj);
        if y[i] != y[j] {
            let delta = (-self.grad[i] - self.grad[j]) / quad;
            let diff = ai - aj;
            ai += delta;
            aj += delta;
            if diff > 0.0 {
                if aj < 0.0 {
                    aj = 0.0;
                    ai = diff;
                }
            } else if ai < 0.0 {
                ai = 0.0;
                aj = -diff;
            }
            if diff > ci - cj {
                if ai > ci {
                    ai = ci;
                    aj = ci - diff;
                }
            } else if aj > cj {
                aj = cj;
                ai = cj + diff;
            }
        } else {
            let delta = (self.grad[i] - self.grad[j]) / quad;
            let sum = ai + aj;
            ai -= delta;
            aj += delta;
            if sum > ci {
                if ai > ci {
                    ai = ci;
                    aj = sum - ci;
                }
            } else if aj < 0.0 {
                aj = 0.0;
                ai = sum;
            }
            if sum > cj {
                if aj > cj {
                    aj = cj;
                    ai = sum - cj;
                }
            } else if ai < 0.0 {
                ai = 0.0;
                aj = sum;
            }
        }
        self.alpha[i] = ai;
        self.alpha[j] = aj;
        // ∇_k += Q_ki Δα_i + Q_kj Δα_j, with Q_ki = y_k y_i K_ki.
        let (di, dj) = (y[i] * (ai - old_ai), y[j] * (aj - old_aj));
        {
            let (ki, kj) = (self.cache.row(si), self.cache.row(sj));
            for &k in &self.active {
                self.grad[k] += y[k] * (ki[k] * di + kj[k] * dj);
            }
        }
        let (was_upper_i, was_upper_j) = (self.status[i] == Bound::Upper, self.status[j] == Bound::Upper);
        self.update_status(i);
        self.update_status(j);
        for (v, was_upper, cv) in [(i, was_upper_i, ci), (j, was_upper_j, cj)] {
            let is_upper = self.status[v] == Bound::Upper;
            if was_upper != is_upper {
                let sign = if is_upper { cv * y[v] } else { -cv * y[v] };
                // Ḡ covers every variable, shrunk ones included: a full row.
                let slot = self.kernel_row(v, true);
                let y = &self.problem.y;
                let row = self.cache.row(slot);
                for (k, g) in self.grad_bar.iter_mut().enumerate() {
                    *g += sign * y[k] * row[k];
                }
            }
        }
    }

    /// The largest violations over the "up" and "low" sets (libsvm's
    /// `Gmax1`, `Gmax2` in `do_shrinking`).
    fn max_violations(&self) -> (f64, f64) {
        let y = &self.problem.y;
        let (mut g1, mut g2) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &t in &self.active {
            let yg = y[t] * self.grad[t];
            if y[t] > 0.0 {
                if self.status[t] != Bound::Upper {
                    g1 = g1.max(-yg);
                }
                if self.status[t] != Bound::Lower {
                    g2 = g2.max(yg);
                }
            } else {
                if self.status[t] != Bound::Upper {
                    g2 = g2.max(yg);
                }
                if self.status[t] != Bound::Lower {
                    g1 = g1.max(-yg);
                }
            }
        }
        (g1, g2)
    }

    /// Whether a variable at a bound cannot move soon (libsvm's `be_shrunk`).
    fn be_shrunk(&self, t: usize, g1: f64, g2: f64) -> bool {
        let (y, g) = (self.problem.y[t], self.grad[t]);
        match self.status[t] {
            Bound::Upper => {
                if y > 0.0 {
                    -g > g1
                } else {
                    -g > g2
                }
            }
            Bound::Lower => {
                if y > 0.0 {
                    g > g2
                } else {
                    g > g1
                }
            }
            Bound::Free => false,
        }
    }

    fn do_shrinking(&mut self) {
        let (g1, g2) = self.max_violations();
        if !self.unshrink && g1 + g2 <= self.eps * 10.0 {
            // Close to the end: bring every variable back once, so that the
            // final check covers all of them.
            self.unshrink = true;
            self.reconstruct_gradient();
        }
        let active = std::mem::take(&mut self.active);
        self.active = active.into_iter().filter(|&t| !self.be_shrunk(t, g1, g2)).collect();
    }

    /// Rebuilds the gradient of the shrunk variables and makes every variable
    /// active again: `∇_i = Ḡ_i + p_i + Σ_{j free} Q_ij α_j`.
    fn reconstruct_gradient(&mut self) {
        let n = self.alpha.len();
        if self.active.len() == n {
            return;
        }
        let mut is_active = vec![false; n];
        for &t in &self.active {
            is_active[t] = true;
        }
        let inactive: Vec<usize> = (0..n).filter(|&t| !is_active[t]).collect();
        for &t in &inactive {
            self.grad[t] = self.grad_bar[t] + self.problem.p[t];
        }
        let free: Vec<usize> = (0..n).filter(|&t| self.status[t] == Bound::Free).collect();
        let y = &self.problem.y;
        // Fetch whichever rows are fewer: those of the free variables or
        // those of the shrunk ones (rows are symmetric).
        if free.len() <= inactive.len() {
            for &j in &free {
                let s = self.kernel_row(j, true);
                let coef = y[j] * self.alpha[j];
                let row = self.cache.row(s);
                for &t in &inactive {
                    self.grad[t] += y[t] * coef * row[t];
                }
            }
        } else {
            for &t in &inactive {
                let s = self.kernel_row(t, true);
                let row = self.cache.row(s);
                let sum: f64 = free.iter().map(|&j| y[j] * self.alpha[j] * row[j]).sum();
                self.grad[t] += y[t] * sum;
            }
        }
        self.active = (0..n).collect();
        // Partial rows computed so far miss the variables just brought back.
        self.epoch += 1;
    }

    /// libsvm's `calculate_rho`: the mean of `y_i ∇_i` over the free
    /// variables, or the middle of the feasible interval when none is free.
    fn rho(&self) -> f64 {
        let y = &self.problem.y;
        let (mut ub, mut lb) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut sum_free, mut n_free) = (0.0, 0usize);
        for &t in &self.active {
            let yg = y[t] * self.grad[t];
            match (self.status[t], y[t] > 0.0) {
                (Bound::Upper, false) | (Bound::Lower, true) => ub = ub.min(yg),
                (Bound::Upper, true) | (Bound::Lower, false) => lb = lb.max(yg),
                (Bound::Free, _) => {
                    n_free += 1;
                    sum_free += yg;
                }
            }
        }
        if n_free > 0 {
            sum_free / n_free as f64
        } else {
            (ub + lb) / 2.0
        }
    }
}

/// Kernel row `i` into `out`: every entry when computed from the
/// transposed rows or when `full`, otherwise those of the `active` variables.
fn fill_kernel_row(
    problem: &SmoProblem<'_>,
    distinct: &Distinct,
    active: &[usize],
    i: usize,
    full: bool,
    out: &mut [f64],
) {
    let kernel = problem.kernel;
    if problem.columns.is_empty() {
        if full {
            kernel.fill_row(&problem.rows, i, 0, out);
        } else {
            kernel.fill_row_at(&problem.rows, i, active, out);
        }
    } else if let Some((rows, position)) = distinct {
        let mut row = vec![0.0; rows.len()];
        kernel.fill_row_from_columns(&problem.columns, rows, position[i], &mut row);
        for (o, &p) in out.iter_mut().zip(position) {
            *o = row[p];
        }
    } else {
        kernel.fill_row_from_columns(&problem.columns, &problem.rows, i, out);
    }
}

/// For each variable, the first variable with the same training row; and
/// when some row appears twice, the distinct rows with each variable's
/// position among them.
fn distinct_rows(rows: &[usize]) -> (Vec<usize>, Distinct) {
    let mut seen = std::collections::HashMap::with_capacity(rows.len());
    let mut distinct = Vec::new();
    let mut key = Vec::with_capacity(rows.len());
    let mut position = Vec::with_capacity(rows.len());
    for (k, &r) in rows.iter().enumerate() {
        let &mut (first, pos) = seen.entry(r).or_insert_with(|| {
            distinct.push(r);
            (k, distinct.len() - 1)
        });
        key.push(first);
        position.push(pos);
    }
    let duplicated = distinct.len() < rows.len();
    (key, duplicated.then_some((distinct, position)))
}

/// Solves `problem` from `α = 0`.
pub(crate) fn solve(problem: &SmoProblem<'_>, options: &SmoOptions) -> SmoSolution {
    let n = problem.rows.len();
    let (key, distinct) = distinct_rows(&problem.rows);
    let diag: Vec<f64> = problem.rows.iter().map(|&r| problem.kernel.eval(r, r)).collect();
    let mut solver = Solver {
        problem,
        cache: KernelCache::new(n, options.cache_bytes),
        key,
        distinct,
        diag,
        alpha: vec![0.0; n],
        status: vec![Bound::Lower; n],
        grad: problem.p.clone(),
        grad_bar: vec![0.0; n],
        active: (0..n).collect(),
        row_full: vec![false; n],
        row_epoch: vec![0; n],
        epoch: 0,
        unshrink: false,
        eps: options.tol,
    };
    // libsvm's own cap when none is given.
    let max_iter = options
        .max_iter
        .unwrap_or_else(|| 10_000_000usize.max(n.saturating_mul(100)));
    let mut counter = n.min(1000) + 1;
    let mut n_iter = 0;
    let mut converged = false;
    while n_iter < max_iter {
        counter -= 1;
        if counter == 0 {
            counter = n.min(1000);
            if options.shrinking {
                solver.do_shrinking();
            }
        }
        let pair = match solver.select_working_set() {
            Some(pair) => pair,
            None => {
                // Optimal on the active set: check every variable.
                solver.reconstruct_gradient();
                match solver.select_working_set() {
                    Some(pair) => {
                        // Restart shrinking from the full set, as libsvm does.
                        counter = 1;
                        pair
                    }
                    None => {
                        converged = true;
                        break;
                    }
                }
            }
        };
        n_iter += 1;
        solver.step(pair.0, pair.1);
    }
    if !converged {
        // Stopped at max_iter: make the gradient whole before ρ.
        solver.reconstruct_gradient();
    }
    SmoSolution {
        rho: solver.rho(),
        alpha: solver.alpha,
        n_iter,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicated_rows_share_a_key_and_a_position() {
        // epsilon-SVR's layout: the kept rows, then the same rows again.
        let (key, distinct) = distinct_rows(&[4, 7, 2, 4, 7, 2]);
        assert_eq!(key, [0, 1, 2, 0, 1, 2]);
        assert_eq!(distinct, Some((vec![4, 7, 2], vec![0, 1, 2, 0, 1, 2])));
        // SVC's rows are distinct: each variable is its own key.
        let (key, distinct) = distinct_rows(&[3, 1, 5]);
        assert_eq!(key, [0, 1, 2]);
        assert_eq!(distinct, None);
    }
}
