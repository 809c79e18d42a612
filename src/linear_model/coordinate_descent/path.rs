//! [`enet_path`] and [`lasso_path`]: the coefficients along a decreasing
//! grid of `alpha`, each fit warm-started from the previous one, as
//! scikit-learn's functions of the same names.

use super::estimator::{ElasticNet, Precompute, Selection, given_gram_problem};
use super::solver::{Cd, Problem, alpha_max};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linalg::f64_view;
use crate::validation::{check_finite_1d, check_param, check_x_y};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::rngs::StdRng;

const NAME: &str = "enet_path";

/// The settings of [`enet_path`] and [`lasso_path`], with scikit-learn's
/// defaults (its keyword arguments of the same names).
///
/// # Example
/// ```
/// use learnkit::linear_model::EnetPath;
/// let settings = EnetPath::default().n_alphas(20).tol(1e-8);
/// assert_eq!((settings.l1_ratio, settings.eps, settings.n_alphas), (0.5, 1e-3, 20));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct EnetPath {
    /// The L1 share of the penalty, in `[0, 1]`, default 0.5 (ignored by
    /// [`lasso_path`], which uses 1).
    pub l1_ratio: f64,
    /// `alpha_min / alpha_max` of the generated grid, default 1e-3.
    pub eps: f64,
    /// Length of the generated grid, default 100.
    pub n_alphas: usize,
    /// The values of `alpha` to use instead of the generated grid (sorted
    /// in decreasing order before use).
    pub alphas: Option<Vec<f64>>,
    /// Whether to descend on the Gram matrix, default [`Precompute::Auto`];
    /// [`Precompute::Gram`] is `XᵀX` of the `x` given (checked as there).
    pub precompute: Precompute,
    /// The most sweeps per `alpha`, default 1000.
    pub max_iter: usize,
    /// The relative tolerance of the stopping rule, default 1e-4.
    pub tol: f64,
    /// Constrain the coefficients to be non-negative, default false.
    pub positive: bool,
    /// Seed of [`Selection::Random`].
    pub random_state: Option<u64>,
    /// The coordinate order, default [`Selection::Cyclic`].
    pub selection: Selection,
}

impl Default for EnetPath {
    fn default() -> Self {
        EnetPath {
            l1_ratio: 0.5,
            eps: 1e-3,
            n_alphas: 100,
            alphas: None,
            precompute: Precompute::Auto,
            max_iter: 1000,
            tol: 1e-4,
            positive: false,
            random_state: None,
            selection: Selection::Cyclic,
        }
    }
}

setters!(EnetPath in "learnkit::linear_model" {
    l1_ratio: f64 = 0.9;
    eps: f64 = 1e-2;
    n_alphas: usize = 10;
    alphas: Option<Vec<f64>> = Some(vec![1.0, 0.1]);
    precompute: Precompute = learnkit::linear_model::Precompute::Never;
    max_iter: usize = 50;
    tol: f64 = 1e-8;
    positive: bool = true;
    random_state: Option<u64> = Some(7);
    selection: Selection = learnkit::linear_model::Selection::Random;
});

impl EnetPath {
    /// The solver settings as an [`ElasticNet`] (for its checks and helpers).
    fn solver(&self) -> ElasticNet {
        ElasticNet {
            l1_ratio: self.l1_ratio,
            max_iter: self.max_iter,
            tol: self.tol,
            positive: self.positive,
            random_state: self.random_state,
            selection: self.selection,
            ..ElasticNet::default()
        }
    }
}

/// A regularisation path: the coefficients at each `alpha`.
///
/// # Example
/// ```
/// use learnkit::linear_model::{lasso_path, EnetPath};
/// use ndarray::array;
/// let x = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
/// let path = lasso_path(x.view(), array![1.0, 2.0, 3.0].view(), &EnetPath::default().n_alphas(5))?;
/// assert_eq!(path.coefs.dim(), (2, 5)); // features × alphas
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RegularizationPath {
    /// The values of `alpha`, decreasing.
    pub alphas: Array1<f64>,
    /// The coefficients, `n_features × n_alphas` (column `k` at `alphas[k]`).
    pub coefs: Array2<f64>,
    /// The duality gap reached at each `alpha` (objective scale).
    pub dual_gaps: Array1<f64>,
    /// The sweeps done at each `alpha`.
    pub n_iters: Vec<usize>,
}

/// scikit-learn's `alpha` grid: `n_alphas` values spaced evenly on a log
/// scale from `alpha_max` (where every coefficient becomes zero) down to
/// `eps · alpha_max`, as `np.geomspace` (the end points exact).
/// `xty` is `Xᵀy` on the prepared data of `n_samples` rows.
pub(super) fn alpha_grid(
    xty: &[f64],
    n_samples: usize,
    l1_ratio: f64,
    eps: f64,
    n_alphas: usize,
    positive: bool,
) -> Vec<f64> {
    // numpy's float64 `resolution`: below it the grid is a constant.
    const RESOLUTION: f64 = 1e-15;
    let top = alpha_max(xty, n_samples, l1_ratio, positive);
    if top <= RESOLUTION {
        return vec![RESOLUTION; n_alphas];
    }
    let bottom = top * eps;
    let (log_top, log_bottom) = (top.log10(), bottom.log10());
    let step = if n_alphas > 1 {
        (log_bottom - log_top) / (n_alphas - 1) as f64
    } else {
        0.0
    };
    let mut grid: Vec<f64> = (0..n_alphas).map(|i| 10f64.powf(i as f64 * step + log_top)).collect();
    if let Some(first) = grid.first_mut() {
        *first = top;
    }
    if n_alphas > 1 {
        grid[n_alphas - 1] = bottom;
    }
    grid
}

/// Checks the grid settings; `given` alphas must be finite and ≥ 0, the
/// generated grid needs an L1 penalty.
pub(super) fn checked_alphas(
    name: &'static str,
    l1_ratios: &[f64],
    alphas: Option<&Vec<f64>>,
    eps: f64,
    n_alphas: usize,
) -> Result<()> {
    match alphas {
        Some(given) => {
            check_param(name, "alphas", given.len(), "at least one value", |n| n >= 1)?;
            for &a in given {
                check_param(name, "alphas", a, "finite numbers >= 0", |a| a.is_finite() && a >= 0.0)?;
            }
        }
        None => {
            check_param(name, "eps", eps, "a finite number > 0", |e| e.is_finite() && e > 0.0)?;
            check_param(name, "n_alphas", n_alphas, ">= 1", |n| n >= 1)?;
            if l1_ratios.contains(&0.0) {
                return Err(Error::invalid_parameter(
                    name,
                    "l1_ratio",
                    "> 0 to generate the alpha grid (give alphas for l1_ratio = 0)",
                    0.0,
                ));
            }
        }
    }
    Ok(())
}

/// The given alphas in decreasing order.
pub(super) fn sorted_decreasing(alphas: &[f64]) -> Vec<f64> {
    let mut sorted = alphas.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    sorted
}

/// Fits `problem` at each of `alphas` in turn, each from the previous
/// solution: the coefficients (features × alphas), the gaps (objective
/// scale) and the sweeps.
pub(super) fn descend_path(
    problem: &Problem<'_>,
    n_features: usize,
    alphas: &[f64],
    l1_ratio: f64,
    cd: &Cd,
    mut rng: Option<StdRng>,
) -> (Array2<f64>, Array1<f64>, Vec<usize>) {
    let mut coefs = Array2::zeros((n_features, alphas.len()));
    let mut gaps = Array1::zeros(alphas.len());
    let mut n_iters = Vec::with_capacity(alphas.len());
    let mut w = vec![0.0; n_features];
    let n = problem.n_samples() as f64;
    for (k, &alpha) in alphas.iter().enumerate() {
        let previous = k.checked_sub(1).map(|i| alphas[i]);
        let outcome = problem.solve_after(previous, alpha, l1_ratio, &mut w, cd, rng.as_mut());
        coefs.column_mut(k).assign(&ArrayView1::from(&w[..]));
        gaps[k] = outcome.gap / n;
        n_iters.push(outcome.n_iter);
    }
    (coefs, gaps, n_iters)
}

/// The elastic-net path (scikit-learn's `enet_path`): the coefficients
/// minimising `1/(2n)·‖y − Xw‖² + alpha·l1_ratio·‖w‖₁ +
/// ½·alpha·(1 − l1_ratio)·‖w‖²` for each `alpha` of a decreasing grid, each
/// fit warm-started from the previous one.
///
/// As scikit-learn's function, `x` and `y` are used as given: no intercept
/// is fitted (centre them first for one). The grid is `settings.alphas`
/// when given, else `n_alphas` values from `alpha_max = max|Xᵀy| /
/// (n·l1_ratio)` down to `eps·alpha_max`, evenly spaced on a log scale.
///
/// # Errors
/// [`Error::InvalidParameter`] for `l1_ratio` outside `[0, 1]` (or 0
/// without `alphas`), `eps` not > 0, `n_alphas = 0`, empty or negative
/// `alphas`, `max_iter = 0`, a negative `tol`; the data errors of
/// [`LinearRegression`](crate::linear_model::LinearRegression).
///
/// # Example
/// ```
/// use learnkit::linear_model::{enet_path, EnetPath};
/// use ndarray::array;
/// let x = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 0.5]];
/// let y = array![1.0, 0.5, 1.5, 2.2];
/// let path = enet_path(x.view(), y.view(), &EnetPath::default().n_alphas(10))?;
/// assert_eq!(path.alphas.len(), 10);
/// assert!(path.coefs.column(0).iter().all(|&c| c == 0.0)); // alpha_max: all zero
/// assert!(path.coefs[[0, 9]] > 0.5); // the smallest alpha: the fit
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn enet_path<F: Float>(
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, F>,
    settings: &EnetPath,
) -> Result<RegularizationPath> {
    path_named(NAME, x, y, settings)
}

/// The lasso path (scikit-learn's `lasso_path`): [`enet_path`] with
/// `l1_ratio = 1` (the `l1_ratio` of `settings` is ignored).
///
/// # Errors
/// As [`enet_path`].
///
/// # Example
/// ```
/// use learnkit::linear_model::{lasso_path, EnetPath};
/// use ndarray::array;
/// let x = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 0.5]];
/// let y = array![1.0, 0.5, 1.5, 2.2];
/// let path = lasso_path(x.view(), y.view(), &EnetPath::default().alphas(Some(vec![0.01, 1.0])))?;
/// assert_eq!(path.alphas.to_vec(), vec![1.0, 0.01]); // decreasing
/// assert!(path.dual_gaps.iter().all(|&g| g < 1e-4));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn lasso_path<F: Float>(
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, F>,
    settings: &EnetPath,
) -> Result<RegularizationPath> {
    let lasso = EnetPath {
        l1_ratio: 1.0,
        ..settings.clone()
    };
    path_named("lasso_path", x, y, &lasso)
}

fn path_named<F: Float>(
    name: &'static str,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, F>,
    settings: &EnetPath,
) -> Result<RegularizationPath> {
    let solver = settings.solver();
    solver.validate(name)?;
    checked_alphas(
        name,
        &[settings.l1_ratio],
        settings.alphas.as_ref(),
        settings.eps,
        settings.n_alphas,
    )?;
    check_x_y(name, x, y.len())?;
    check_finite_1d(name, y)?;
    // An `f64` input is read in place: no copy of the large matrix.
    let x = f64_view(x);
    let (n, p) = x.dim();
    let y: Vec<f64> = y.iter().map(|v| v.as_f64()).collect();
    let problem = match &settings.precompute {
        // The data as given is the data descended on: no centring to undo.
        Precompute::Gram(q) => given_gram_problem(name, x.view(), y, q)?,
        other => Problem::for_path(x.view(), y, other.gram(n, p)),
    };
    let alphas = match &settings.alphas {
        Some(given) => sorted_decreasing(given),
        None => alpha_grid(
            &problem.xty,
            n,
            settings.l1_ratio,
            settings.eps,
            settings.n_alphas,
            settings.positive,
        ),
    };
    let (coefs, dual_gaps, n_iters) = descend_path(&problem, p, &alphas, settings.l1_ratio, &solver.cd(), solver.rng());
    Ok(RegularizationPath {
        alphas: Array1::from(alphas),
        coefs,
        dual_gaps,
        n_iters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strong rule and the lazy Gram columns only skip work: along a
    /// path, each point equals the same problem solved alone from zero (no
    /// strong rule) on the dense design, whichever design the path runs on,
    /// lasso and elastic net, with and without `positive`.
    #[test]
    fn strong_rules_do_not_change_the_path() {
        // More features than a batch of lazy columns, so that several are computed.
        let (n, p) = (80, 100);
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let x = Array2::from_shape_fn((n, p), |_| next());
        let y: Vec<f64> = (0..n)
            .map(|i| 3.0 * x[[i, 0]] - 2.0 * x[[i, 5]] + x[[i, 9]] + 0.1 * next())
            .collect();
        let cd = |positive| Cd {
            max_iter: 10_000,
            tol: 1e-13,
            positive,
        };
        let dense = Problem::new(x.view(), y.clone(), false);
        // Dense, the whole Gram matrix, its columns on demand.
        for design in 0..3 {
            let problem = match design {
                0 | 1 => Problem::new(x.view(), y.clone(), design == 1),
                _ => Problem::for_path(x.view(), y.clone(), true),
            };
            for (l1_ratio, positive) in [(1.0, false), (0.7, false), (1.0, true)] {
                let alphas = alpha_grid(&problem.xty, n, l1_ratio, 1e-3, 30, positive);
                let (coefs, _, _) = descend_path(&problem, p, &alphas, l1_ratio, &cd(positive), None);
                for (k, &alpha) in alphas.iter().enumerate() {
                    let mut alone = vec![0.0; p];
                    dense.solve(alpha, l1_ratio, &mut alone, &cd(positive), None);
                    let scale = alone.iter().fold(1e-12f64, |m, v| m.max(v.abs()));
                    for (a, b) in coefs.column(k).iter().zip(&alone) {
                        assert!((a - b).abs() <= 1e-8 * scale, "design {design}, alpha {k}: {a} vs {b}");
                    }
                }
            }
        }
    }
}
