//! One-vs-one training: one SMO problem per pair of classes, solved in
//! parallel, assembled into libsvm's (and scikit-learn's) layout of support
//! vectors and dual coefficients.

use super::kernel::KernelData;
use super::smo::{SmoOptions, SmoProblem, SmoSolution, solve};
use rayon::prelude::*;

/// The pairs `(i, j)`, `i < j`, in libsvm's order.
pub(crate) fn pairs(n_classes: usize) -> Vec<(usize, usize)> {
    (0..n_classes)
        .flat_map(|i| (i + 1..n_classes).map(move |j| (i, j)))
        .collect()
}

/// The assembled one-vs-one model, in libsvm's sign convention (class `i`
/// of pair `(i, j)` is `+1`; the decision of a pair is `Σ coef K − ρ`).
pub(crate) struct OvoModel {
    /// Training rows that are support vectors, grouped by class, increasing
    /// within a class.
    pub(crate) support: Vec<usize>,
    pub(crate) n_support: Vec<usize>,
    /// `(n_classes − 1) × n_sv`.
    pub(crate) dual_coef: Vec<Vec<f64>>,
    /// One `ρ` per pair.
    pub(crate) rho: Vec<f64>,
    pub(crate) n_iter: Vec<usize>,
    pub(crate) converged: bool,
}

/// Trains every pair. `by_class[k]` lists the training rows of class `k`
/// (increasing), `c[r]` is the bound of row `r`. `on_pair_done` is called
/// once per finished pair (from any thread).
pub(crate) fn train_ovo(
    kernel: &KernelData<'_>,
    by_class: &[Vec<usize>],
    c: &[f64],
    options: &SmoOptions,
    on_pair_done: &(dyn Fn() + Sync),
) -> OvoModel {
    let n_classes = by_class.len();
    let pairs = pairs(n_classes);
    // Larger problems first, so that the last pair to finish is a small one;
    // the results are put back in pair order.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    let size = |p: usize| by_class[pairs[p].0].len() + by_class[pairs[p].1].len();
    order.sort_by_key(|&p| std::cmp::Reverse(size(p)));
    let mut solved: Vec<(usize, SmoSolution)> = order
        .par_iter()
        .map(|&p| {
            let (i, j) = pairs[p];
            let rows: Vec<usize> = by_class[i].iter().chain(&by_class[j]).copied().collect();
            let y: Vec<f64> = by_class[i]
                .iter()
                .map(|_| 1.0)
                .chain(by_class[j].iter().map(|_| -1.0))
                .collect();
            let problem = SmoProblem {
                kernel,
                p: vec![-1.0; rows.len()],
                c: rows.iter().map(|&r| c[r]).collect(),
                columns: kernel.columns(&rows),
                rows,
                y,
            };
            let solution = solve(&problem, options);
            on_pair_done();
            (p, solution)
        })
        .collect();
    solved.sort_by_key(|(p, _)| *p);
    let solutions: Vec<SmoSolution> = solved.into_iter().map(|(_, s)| s).collect();
    assemble(by_class, &pairs, &solutions)
}

/// Puts the pairs' solutions into libsvm's layout.
fn assemble(by_class: &[Vec<usize>], pairs: &[(usize, usize)], solutions: &[SmoSolution]) -> OvoModel {
    let n_classes = by_class.len();
    // Whether each row (by its position within its class) is a support
    // vector of any pair.
    let mut nonzero: Vec<Vec<bool>> = by_class.iter().map(|rows| vec![false; rows.len()]).collect();
    for (&(i, j), s) in pairs.iter().zip(solutions) {
        let ni = by_class[i].len();
        for (k, a) in s.alpha.iter().enumerate() {
            if *a > 0.0 {
                if k < ni {
                    nonzero[i][k] = true;
                } else {
                    nonzero[j][k - ni] = true;
                }
            }
        }
    }
    // Position of each class's first support vector in the support list,
    // and of each (class, position in class) in that list.
    let mut support = Vec::new();
    let mut n_support = Vec::with_capacity(n_classes);
    let mut sv_index: Vec<Vec<usize>> = Vec::with_capacity(n_classes);
    for (rows, nz) in by_class.iter().zip(&nonzero) {
        let mut index = vec![usize::MAX; rows.len()];
        let before = support.len();
        for (k, (&r, &is_sv)) in rows.iter().zip(nz).enumerate() {
            if is_sv {
                index[k] = support.len();
                support.push(r);
            }
        }
        n_support.push(support.len() - before);
        sv_index.push(index);
    }
    let mut dual_coef = vec![vec![0.0; support.len()]; n_classes.saturating_sub(1)];
    for (&(i, j), s) in pairs.iter().zip(solutions) {
        let ni = by_class[i].len();
        for (k, a) in s.alpha.iter().enumerate() {
            if *a > 0.0 {
                // y_k α_k: +α for class i (stored in row j − 1), −α for class j (row i).
                if k < ni {
                    dual_coef[j - 1][sv_index[i][k]] = *a;
                } else {
                    dual_coef[i][sv_index[j][k - ni]] = -*a;
                }
            }
        }
    }
    OvoModel {
        support,
        n_support,
        dual_coef,
        rho: solutions.iter().map(|s| s.rho).collect(),
        n_iter: solutions.iter().map(|s| s.n_iter).collect(),
        converged: solutions.iter().all(|s| s.converged),
    }
}
