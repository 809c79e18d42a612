//! The hyperparameters of [`LogisticRegression`], their setters and checks.

use super::NAME;
use super::penalty::{LogisticSolver, Penalty};
use crate::class_weight::ClassWeight;
use crate::error::Result;
use crate::validation::{check_param, check_positive};

/// Penalised logistic regression (binary, or multinomial softmax for three
/// classes or more): scikit-learn's `LogisticRegression`, with an L2 penalty
/// fitted by L-BFGS (`solver="lbfgs"`) by default, and L1, elastic-net or no
/// penalty (see [`Penalty`](super::Penalty)).
///
/// With sample weights `s_i` (the `sample_weight` times the class weight of
/// sample `i`'s class) and `r` the L1 share of the penalty (0 for L2, 1 for
/// L1, `l1_ratio` for elastic net), it minimises scikit-learn's objective
///
/// ```text
/// C · Σ_i s_i · loss_i  +  r ‖W‖₁  +  (1 − r) ½ ‖W‖²
/// ```
///
/// where `loss_i` is the log-loss of sample `i`: `log(1 + exp(z)) − y z` with
/// `z = w·x_i + b` for two classes, and `log Σ_k exp(z_k) − z_{y_i}` with
/// `z_k = w_k·x_i + b_k` for more; `‖W‖₁` sums the absolute values of the
/// whole coefficient matrix, as scikit-learn's `saga` does for the
/// multinomial. The intercepts are not penalised; `Penalty::None` or
/// `C = inf` drop the penalty terms. As
/// scikit-learn does, the solver works on this objective divided by
/// `C · Σ_i s_i` (a mean log-loss plus the penalty over `C Σ s_i`), which has the
/// same minimiser and makes `tol` independent of the number of samples.
///
/// Two classes give one coefficient row (for the second class, as
/// scikit-learn's `coef_` of shape `(1, n_features)`); three or more give one
/// row per class (the symmetric multinomial parametrisation; the penalty makes
/// it unique; without a penalty the solution with coefficient and intercept
/// sums of zero over the classes, which L-BFGS reaches from zero).
///
/// # Penalty and solver (scikit-learn 1.9.1)
/// scikit-learn 1.9.1 deprecates `penalty`: `l1_ratio` (default 0.0) chooses
/// it, and `C = inf` means none. This type follows that: with `penalty`
/// left at [`Penalty::Auto`](super::Penalty::Auto), `l1_ratio` 0 (or
/// `None`) is L2, 1 is L1, in between elastic net, and `c(f64::INFINITY)`
/// removes the penalty. An explicit `penalty` (the older API) wins, and
/// `l1_ratio` is then used only by `ElasticNet`, which requires it.
/// `solver` [`LogisticSolver::Auto`](super::LogisticSolver::Auto) (the
/// default) runs L-BFGS when there is no L1 part, exactly as before, and
/// otherwise [`LogisticSolver::NewtonCd`](super::LogisticSolver::NewtonCd);
/// `Lbfgs` with an L1 part is an error (scikit-learn's default `lbfgs` solver
/// refuses it too).
///
/// `NewtonCd` is a proximal Newton method (glmnet, liblinear's newGLMNET):
/// each iteration builds the quadratic model of the log-loss at the current
/// point (for more than two classes, one class's block at a time, whose
/// model is exact in that block), minimises model plus penalty by cyclic
/// coordinate descent (the nonzero coefficients first, then a full sweep to
/// let others enter), and takes the step with a backtracking line search on
/// the true objective. It works on a column-major `f64` copy of `X` (a
/// column that is mostly zeros, as one-hot columns are, is kept sparse), so
/// it needs `n_samples · n_features` extra `f64`s at most; it is sequential,
/// so deterministic whatever the number of threads. It stops when the
/// largest entry of the minimum-norm subgradient of the scaled objective
/// (the gradient where a coefficient is nonzero; how far the gradient is
/// beyond `±l1` where it is zero) is `≤ tol`, the same rule as L-BFGS's on a
/// smooth objective, or when no step decreases the objective any more (its
/// quadratic models predict no decrease beyond rounding). The line search
/// measures each step's change of the objective exactly to rounding, so
/// the solver keeps progressing to the last digits. `n_iter` counts its Newton iterations (for
/// more than two classes, cycles over the classes).
///
/// # Solver and numerics (L-BFGS)
/// L-BFGS with a Moré–Thuente line search, stopping as scipy's L-BFGS-B does in
/// scikit-learn: when the largest absolute entry of the gradient of the scaled
/// objective is `≤ tol`, or when an iteration reduces the objective by a
/// relative `64 ε` or less. Stopping at `max_iter` is not an error: the fitted
/// model reports [`converged`](super::FittedLogisticRegression::converged)
/// `= false`.
///
/// The two matrix products of each evaluation (`X·Wᵀ` and the gradient
/// `(P − Y)ᵀ·X`) run in the input's float type (an `f32` matrix is never
/// copied or widened) with faer's GEMM, in parallel over fixed blocks of rows
/// combined in order, so the model is bit-identical whatever the number of
/// threads. Log-losses (by log-sum-exp), probabilities, sums and the solver
/// itself are in `f64`.
///
/// # Hyperparameters
/// - `c` (`C`, default 1.0): inverse regularisation strength, > 0; `inf`
///   means no penalty.
/// - `penalty` (default [`Penalty::Auto`](super::Penalty::Auto)) and
///   `l1_ratio` (default `Some(0.0)`, in `[0, 1]`): see above.
/// - `solver` (default [`LogisticSolver::Auto`](super::LogisticSolver::Auto)).
/// - `fit_intercept` (default `true`): fit the unpenalised intercepts.
/// - `max_iter` (default 100): maximum solver iterations, ≥ 1.
/// - `tol` (default 1e-4): gradient tolerance, finite and > 0.
/// - `class_weight` (default [`ClassWeight::Uniform`]): per-class weights;
///   `Balanced` uses `Σ w / (n_classes · Σ_{class} w)` with the sample weights
///   `w` when given (scikit-learn ≥ 1.6).
/// - `n_jobs` (default `None`, every core): threads for fitting and predicting.
/// - `verbose` (default 0): 1 prints a summary of the solver's run, 2 one line
///   per iteration, to standard error.
///
/// # Fitted attributes
/// See [`FittedLogisticRegression`](super::FittedLogisticRegression):
/// `coef`, `intercept`, `classes`, `n_iter`, `converged`, `n_features_in`.
///
/// # Sparse input
/// [`fit_matrix`](crate::traits::Estimator::fit_matrix) and the other
/// `_matrix` methods take a [`CsrMatrix`](crate::sparse::CsrMatrix) (a
/// one-hot encoder's output reaches them through a `Pipeline`): both solvers
/// then compute on the stored values only (`X·w` by rows, `Xᵀ·r` by the
/// columns of a CSC copy made once per fit, in parallel and deterministic)
/// and reach the dense fit's model to rounding.
///
/// ```
/// use learnkit::prelude::*;
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
/// let dense = array![[0.0, 1.0], [1.0, 0.0], [0.0, 2.0], [3.0, 0.0]];
/// let y = array![0, 1, 0, 1];
/// let sparse = CsrMatrix::from_dense(dense.view());
/// let a = LogisticRegression::default().fit(dense.view(), y.view())?;
/// let b = LogisticRegression::default().fit_matrix((&sparse).into(), y.view())?;
/// let gap: f64 = a.coef()[[0, 0]] - b.coef()[[0, 0]];
/// assert!(gap.abs() < 1e-8);
/// assert_eq!(b.predict_matrix((&sparse).into())?, y);
/// # Ok::<(), learnkit::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter (including a `PerClass` weight vector of the wrong length,
/// an `l1_ratio` outside `[0, 1]`, `ElasticNet` without `l1_ratio`, and the
/// `Lbfgs` solver with an L1 penalty);
/// [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite) and
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for bad data;
/// [`Error::SingleClass`](crate::Error::SingleClass) when `y` has one class;
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for negative sample
/// weights or weights that sum to zero;
/// [`Error::NotConverged`](crate::Error::NotConverged) when the solver
/// reached a non-finite coefficient (features of a scale beyond `f64`).
///
/// # Warnings
/// Through the [`log`] facade (target `"learnkit"`, level `Warn`; see the
/// crate's conventions): a fit that stops before the stopping rule is met
/// (`max_iter` reached, or no step decreased the objective, as with
/// features beyond about 1e150) warns that it did not converge, and a model
/// whose coefficients change no training sample's decision warns that it is
/// the intercept-only model. The latter is the true optimum when the
/// features are tiny (× 1e-12): the L2 penalty is not scale invariant, so
/// standardise the features or raise `C`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let model = LogisticRegression::default()
///     .c(10.0)
///     .max_iter(1000)
///     .fit(iris.data.view(), iris.target.view())?;
/// assert!(model.converged());
/// assert_eq!(model.coef().dim(), (3, 4));
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.97);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LogisticRegression {
    /// Inverse regularisation strength (scikit-learn's `C`), default 1.0;
    /// `inf` means no penalty.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub c: f64,
    /// The penalty, default [`Penalty::Auto`] (from `l1_ratio` and `C`).
    pub penalty: Penalty,
    /// The L1 share of an elastic-net penalty, in `[0, 1]`, default `Some(0.0)`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::option"))]
    pub l1_ratio: Option<f64>,
    /// The solver, default [`LogisticSolver::Auto`].
    pub solver: LogisticSolver,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Maximum solver iterations, default 100.
    pub max_iter: usize,
    /// Tolerance on the largest absolute gradient entry, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
    /// Solver output on standard error: 0 none (default), 1 a summary, 2 every iteration.
    pub verbose: usize,
}

impl Default for LogisticRegression {
    fn default() -> Self {
        LogisticRegression {
            c: 1.0,
            penalty: Penalty::Auto,
            l1_ratio: Some(0.0),
            solver: LogisticSolver::Auto,
            fit_intercept: true,
            max_iter: 100,
            tol: 1e-4,
            class_weight: ClassWeight::Uniform,
            n_jobs: None,
            verbose: 0,
        }
    }
}

setters!(LogisticRegression in "learnkit::linear_model" {
    c: f64 = 0.1;
    fit_intercept: bool = false;
    max_iter: usize = 500;
    tol: f64 = 1e-6;
    n_jobs: Option<usize> = Some(1);
    verbose: usize = 1;
    penalty: Penalty = learnkit::linear_model::Penalty::L1;
    solver: LogisticSolver = learnkit::linear_model::LogisticSolver::NewtonCd;
} into {
    class_weight: ClassWeight = vec![1.0, 3.0] => learnkit::class_weight::ClassWeight::PerClass(vec![1.0, 3.0]);
} optional {
    l1_ratio: f64 = 0.5 => Some(0.5);
});

impl LogisticRegression {
    /// Checks every hyperparameter; `fit` calls it first.
    pub(super) fn validate(&self) -> Result<()> {
        // scikit-learn 1.9.1: C in (0, inf], inf meaning no penalty.
        check_param(NAME, "C", self.c, "a number > 0 (inf: no penalty)", |c| c > 0.0)?;
        check_positive(NAME, "tol", self.tol)?;
        check_param(NAME, "max_iter", self.max_iter, ">= 1", |m| m >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        if let ClassWeight::PerClass(weights) = &self.class_weight {
            check_param(
                NAME,
                "class_weight",
                weights.as_slice(),
                "finite non-negative weights",
                |w| w.iter().all(|v| v.is_finite() && *v >= 0.0),
            )?;
        }
        self.resolve()?;
        Ok(())
    }
}
