//! [`LinearSVC`]: the linear support vector classifier of liblinear
//! (scikit-learn's `LinearSVC`), fitted by dual coordinate descent or, for
//! the squared hinge, by a trust-region Newton method in the primal.
//!
//! Split by operation: this file holds the hyperparameters and `fit`,
//! `solver` the dual coordinate descent of one binary problem, `primal` the
//! trust-region Newton solver of one binary problem, `fitted` the fitted
//! model and prediction.

mod fitted;
mod primal;
mod rows;
mod solver;

pub use fitted::FittedLinearSVC;

use crate::class_weight::ClassWeight;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::parallel::with_n_jobs;
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{
    check_every_class_weighted, check_param, check_positive, check_sample_weight, check_two_classes, encode_labels,
};
use crate::warn;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use primal::{PrimalOptions, solve_primal};
use rayon::prelude::*;
use rows::Rows;
use solver::{BinaryProblem, DualCdOptions, solve};

const NAME: &str = "LinearSVC";

/// The loss of [`LinearSVC`] (scikit-learn's `loss`).
///
/// # Example
/// ```
/// use learnkit::svm::LinearSVCLoss;
/// assert_eq!(LinearSVCLoss::default(), LinearSVCLoss::SquaredHinge);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum LinearSVCLoss {
    /// `max(0, 1 − y·f(x))²` (`"squared_hinge"`), the default: differentiable,
    /// so the dual has no upper bound and converges fast.
    #[default]
    SquaredHinge,
    /// `max(0, 1 − y·f(x))` (`"hinge"`), the standard SVM loss.
    Hinge,
}

/// Which optimisation problem [`LinearSVC`] solves (scikit-learn's `dual`).
///
/// | learnkit | scikit-learn |
/// |---|---|
/// | `Auto` (default) | `dual="auto"` (the default since 1.5) |
/// | `Dual` | `dual=True` |
/// | `Primal` | `dual=False` |
///
/// `Auto` follows scikit-learn's rule on the training matrix `x`
/// (`n_samples × n_features`, before the intercept column): with fewer
/// samples than features, the dual; otherwise the primal when the loss
/// allows it (the squared hinge), else the dual (the hinge). Both reach the
/// same unique optimum; they stop at different points near it, and report
/// `n_iter` in different units (passes over the data for the dual, Newton
/// steps for the primal).
///
/// `Primal` with [`LinearSVCLoss::Hinge`] is an
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) naming `dual`
/// (scikit-learn: "Unsupported set of arguments"): the hinge loss is not
/// differentiable, and liblinear has no primal solver for it.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::svm::{LinearSVCDual, LinearSVCLoss};
/// use ndarray::array;
///
/// assert_eq!(LinearSVCDual::default(), LinearSVCDual::Auto);
/// let x = array![[0.0, 0.0], [1.0, 0.5], [3.0, 3.0], [4.0, 3.5]];
/// let y = array![0, 0, 1, 1];
/// // Four samples, two features: Auto picks the primal, bit for bit.
/// let auto = LinearSVC::default().fit(x.view(), y.view())?;
/// let primal = LinearSVC::default().dual(LinearSVCDual::Primal).fit(x.view(), y.view())?;
/// assert_eq!(auto.coef(), primal.coef());
/// // The hinge loss has no primal solver.
/// let hinge = LinearSVC::default().loss(LinearSVCLoss::Hinge).dual(LinearSVCDual::Primal);
/// assert!(matches!(hinge.fit(x.view(), y.view()), Err(Error::InvalidParameter { parameter: "dual", .. })));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum LinearSVCDual {
    /// scikit-learn's rule (`dual="auto"`): the dual when
    /// `n_samples < n_features`, otherwise the primal for the squared hinge
    /// and the dual for the hinge.
    #[default]
    Auto,
    /// Always the dual coordinate descent (`dual=True`).
    Dual,
    /// Always the primal trust-region Newton solver (`dual=False`); only
    /// with [`LinearSVCLoss::SquaredHinge`].
    Primal,
}

impl LinearSVCDual {
    /// Whether a fit on `n_samples × n_features` data with `loss` runs the
    /// dual solver.
    fn solves_dual(self, loss: LinearSVCLoss, n_samples: usize, n_features: usize) -> bool {
        match self {
            LinearSVCDual::Dual => true,
            LinearSVCDual::Primal => false,
            // With penalty l2 both losses have a dual solver; only the
            // squared hinge has a primal one.
            LinearSVCDual::Auto => n_samples < n_features || loss == LinearSVCLoss::Hinge,
        }
    }
}

/// Linear support vector classification — scikit-learn's `LinearSVC`
/// (liblinear's L2-regularised L2-loss or L1-loss SVC, solved in the dual
/// or, for the squared hinge, in the primal).
///
/// For each binary problem (labels `y_i = ±1`) it minimises over `w` and the
/// intercept `b`
///
/// ```text
/// ½ (‖w‖² + w_b²) + Σ_i C_i · loss(y_i (w·x_i + w_b · s)),   b = w_b · s
/// ```
///
/// with `loss(m) = max(0, 1 − m)²` (squared hinge, the default) or
/// `max(0, 1 − m)` (hinge), `s = intercept_scaling` and
/// `C_i = C · class_weight · sample_weight_i`. As in liblinear, the intercept
/// is the weight of an extra constant feature of value `s` and is
/// **regularised** with the other weights: a larger `intercept_scaling`
/// weakens that penalty. The objective is strictly convex in `(w, w_b)`, so
/// the solution is unique for both losses.
///
/// Two classes give one problem (positive class `classes()[1]`, with
/// `C_i = C · class_weight[class of i] · sample_weight_i`). More classes are
/// handled one-vs-rest: one problem per class `k` (class `k` positive), solved
/// in parallel; the prediction is the class of largest decision value. As in
/// liblinear (and so scikit-learn), in a one-vs-rest problem only the
/// positive class's weight multiplies `C`: the "rest" rows get
/// `C · sample_weight_i`.
///
/// # Solvers and numerics
/// `dual` ([`LinearSVCDual`]) picks the solver; the default `Auto` follows
/// scikit-learn's `dual="auto"`: the dual when there are fewer samples than
/// features, otherwise the primal for the squared hinge (the hinge always
/// uses the dual).
///
/// **Dual**: coordinate descent (Hsieh et al., 2008, "A Dual Coordinate
/// Descent Method for Large-scale Linear SVM"), as liblinear's
/// `solve_l2r_l1l2_svc`: each outer iteration visits the active samples in a
/// random order (seeded by `random_state`), and samples stuck at a bound are
/// shrunk; it stops when the spread of the projected gradient, `PGmax − PGmin`,
/// is at most `tol` on every sample. Different seeds (and liblinear's own
/// generator) visit samples in other orders, so models agree with
/// scikit-learn's to within the tolerance, not bit for bit.
///
/// **Primal** (squared hinge only): liblinear's `L2R_L2LOSS_SVC`, a
/// trust-region Newton method (TRON) on
/// `½ ‖w‖² + Σ_i C_i max(0, 1 − y_i w·x_i)²` (same augmented data, same
/// regularised intercept), each Newton system solved approximately by
/// conjugate gradient with Hessian-vector products over the rows inside the
/// margin. It starts from `w = 0` and stops, as liblinear does, when
/// `‖∇f(w)‖ ≤ ε ‖∇f(0)‖` with `ε = tol · max(min(#pos, #neg), 1) / l`
/// (`l` rows of positive weight, `#pos`/`#neg` of them in each class of the
/// binary problem). It uses no randomness: `random_state` does not matter.
///
/// Stopping at `max_iter` (outer passes of the dual, Newton steps of the
/// primal) is not an error: the fitted model reports
/// [`converged`](FittedLinearSVC::converged) `= false`.
///
/// The training data are copied once to a row-major `f64` matrix with the
/// constant column appended (`f32` input is widened, as scikit-learn does);
/// the one-vs-rest problems share it. The model is bit-identical for a given
/// `random_state` whatever the number of threads. Samples of weight zero are
/// left out, as liblinear does.
///
/// Not implemented: `penalty="l1"` and `multi_class="crammer_singer"`.
///
/// # Hyperparameters
/// - `c` (`C`, default 1.0): inverse regularisation strength, finite and > 0.
/// - `loss` (default [`LinearSVCLoss::SquaredHinge`]): see [`LinearSVCLoss`].
/// - `dual` (default [`LinearSVCDual::Auto`]): which problem to solve; see
///   [`LinearSVCDual`]. `Primal` requires the squared hinge.
/// - `tol` (default 1e-4): stopping tolerance, finite and > 0: on
///   `PGmax − PGmin` for the dual, on the relative gradient norm (scaled as
///   above) for the primal.
/// - `fit_intercept` (default `true`): append the constant feature.
/// - `intercept_scaling` (default 1.0): its value `s`, finite and > 0.
/// - `class_weight` (default uniform): multiplies `C` per class; `Balanced`
///   uses `Σ w / (n_classes · Σ_{class} w)` with the sample weights `w` when
///   given (scikit-learn ≥ 1.6). `BalancedSubsample` is rejected.
/// - `max_iter` (default 1000): outer iterations (dual) or Newton steps
///   (primal) per binary problem, ≥ 1.
/// - `random_state` (default `None`: fresh entropy): seeds the permutations
///   of the dual solver.
/// - `n_jobs` (default `None`, every core): threads for the one-vs-rest
///   problems and for prediction.
///
/// # Fitted attributes
/// See [`FittedLinearSVC`]: `coef`, `intercept`, `classes`, `n_iter`,
/// `converged`, `n_features_in`.
///
/// # Sparse input
/// [`fit_matrix`](crate::traits::Estimator::fit_matrix) and the other
/// `_matrix` methods take a [`CsrMatrix`](crate::sparse::CsrMatrix): both
/// solvers walk each row's stored values (liblinear's own layout; the
/// constant column is implicit), and the model is the dense fit's to
/// rounding.
///
/// ```
/// use learnkit::prelude::*;
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
/// let x = CsrMatrix::from_dense(array![[0.0, 1.0], [1.0, 0.0], [0.0, 2.0], [3.0, 0.0]].view());
/// let y = array![0, 1, 0, 1];
/// let model = LinearSVC::default().random_state(0).fit_matrix((&x).into(), y.view())?;
/// assert_eq!(model.predict_matrix((&x).into())?, y);
/// # Ok::<(), learnkit::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter (`C`, `tol` or `intercept_scaling` not finite and > 0,
/// `max_iter` 0, `n_jobs` 0, `BalancedSubsample`, a `PerClass` vector of the
/// wrong length, `dual` `Primal` with the hinge loss); [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite),
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for bad data;
/// [`Error::SingleClass`](crate::Error::SingleClass) for one class;
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for negative sample
/// weights, or a class left with no sample of positive weight;
/// [`Error::NotConverged`](crate::Error::NotConverged) when a solver reached a
/// non-finite coefficient (features of a scale beyond `f64`).
///
/// # Warnings
/// Through the [`log`] facade (target `"learnkit"`, level `Warn`; see the
/// crate's conventions): a fit with `converged() == false` (`max_iter`
/// reached, or a problem the solvers cannot represent in `f64`, such as
/// features beyond about 1e150 whose squared norms overflow) warns that it
/// did not converge; a model whose coefficients change no training sample's
/// decision (tiny features under the L2 penalty, which is not scale
/// invariant) warns that it is the intercept-only model.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let x = StandardScaler::default().fit_unsupervised(iris.data.view())?.transform(iris.data.view())?;
/// let model = LinearSVC::default().random_state(0).fit(x.view(), iris.target.view())?;
/// assert!(model.converged());
/// assert_eq!(model.coef().dim(), (3, 4));
/// assert!(model.score(x.view(), iris.target.view())? > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LinearSVC {
    /// Inverse regularisation strength (scikit-learn's `C`), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub c: f64,
    /// The loss, default squared hinge.
    pub loss: LinearSVCLoss,
    /// Dual or primal solver, default `Auto` (scikit-learn's rule).
    pub dual: LinearSVCDual,
    /// Stopping tolerance, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// The value of the constant feature carrying the intercept, default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub intercept_scaling: f64,
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// Outer iterations per binary problem, default 1000.
    pub max_iter: usize,
    /// Seed of the random visiting order (None: fresh entropy).
    pub random_state: Option<u64>,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for LinearSVC {
    fn default() -> Self {
        LinearSVC {
            c: 1.0,
            loss: LinearSVCLoss::SquaredHinge,
            dual: LinearSVCDual::Auto,
            tol: 1e-4,
            fit_intercept: true,
            intercept_scaling: 1.0,
            class_weight: ClassWeight::Uniform,
            max_iter: 1000,
            random_state: None,
            n_jobs: None,
        }
    }
}

setters!(LinearSVC in "learnkit::svm" {
    c: f64 = 10.0;
    loss: LinearSVCLoss = learnkit::svm::LinearSVCLoss::Hinge;
    dual: LinearSVCDual = learnkit::svm::LinearSVCDual::Primal;
    tol: f64 = 1e-6;
    fit_intercept: bool = false;
    intercept_scaling: f64 = 10.0;
    max_iter: usize = 5000;
    n_jobs: Option<usize> = Some(1);
} into {
    class_weight: ClassWeight = vec![1.0, 3.0] => learnkit::class_weight::ClassWeight::PerClass(vec![1.0, 3.0]);
} optional {

});

random_state_setter!(LinearSVC in "learnkit::svm");

impl LinearSVC {
    /// Checks every hyperparameter; `fit` calls it first.
    pub(super) fn validate(&self) -> Result<()> {
        check_positive(NAME, "C", self.c)?;
        check_positive(NAME, "tol", self.tol)?;
        check_positive(NAME, "intercept_scaling", self.intercept_scaling)?;
        check_param(NAME, "max_iter", self.max_iter, ">= 1", |m| m >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        check_param(
            NAME,
            "dual",
            self.dual,
            "Auto or Dual with loss Hinge (the primal solver needs the squared hinge)",
            |d| !(d == LinearSVCDual::Primal && self.loss == LinearSVCLoss::Hinge),
        )?;
        match &self.class_weight {
            ClassWeight::BalancedSubsample => check_param(
                NAME,
                "class_weight",
                "BalancedSubsample",
                "Uniform, Balanced or PerClass",
                |_| false,
            ),
            ClassWeight::PerClass(weights) => check_param(
                NAME,
                "class_weight",
                weights.as_slice(),
                "finite non-negative weights",
                |w| w.iter().all(|v| v.is_finite() && *v >= 0.0),
            ),
            _ => Ok(()),
        }
    }

    fn fit_checked<F: Float, L: Label>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedLinearSVC<F, L>> {
        check_matrix_x_y(NAME, x, y.len())?;
        let (classes, codes) = encode_labels(y.iter());
        check_two_classes(NAME, &classes)?;
        let n_classes = classes.len();
        let sample_weight: Option<Array1<f64>> = match sample_weight {
            Some(w) => Some(check_sample_weight(NAME, Some(w), x.nrows())?.mapv(F::as_f64)),
            None => None,
        };
        let sw = |i: usize| sample_weight.as_ref().map_or(1.0, |w| w[i]);
        let class_weights =
            self.class_weight
                .class_weights(NAME, &codes, n_classes, sample_weight.as_ref().map(|w| w.view()))?;
        check_every_class_weighted(
            NAME,
            &classes,
            &codes,
            |i| class_weights[codes[i]] * sw(i),
            "class_weight · sample_weight",
        )?;

        // One f64 copy: row-major with the constant column last, or a
        // sparse matrix's values (the constant column implicit).
        let d = x.ncols();
        let width = d + usize::from(self.fit_intercept);
        let mut data = Vec::new();
        let rows = match x {
            MatrixView::Dense(x) => {
                data.reserve_exact(x.nrows() * width);
                for row in x.rows() {
                    data.extend(row.iter().map(|v| v.as_f64()));
                    if self.fit_intercept {
                        data.push(self.intercept_scaling);
                    }
                }
                Rows::Dense { data: &data, width }
            }
            MatrixView::Sparse(x) => {
                data.extend(x.data().iter().map(|v| v.as_f64()));
                Rows::Sparse {
                    indptr: x.indptr(),
                    indices: x.indices(),
                    values: &data,
                    bias: self.fit_intercept.then_some(self.intercept_scaling),
                    width,
                }
            }
        };
        let dual = self.dual.solves_dual(self.loss, x.nrows(), d);
        let seed = crate::random::seed_or_entropy(self.random_state);
        // Two classes: one problem, classes()[1] positive, each class its own
        // weight. More: one-vs-rest; as liblinear, the rest weigh C.
        let n_problems = if n_classes == 2 { 1 } else { n_classes };
        let problem = |k: usize| {
            let positive = if n_classes == 2 { 1 } else { k };
            let (y, c) = codes
                .iter()
                .enumerate()
                .map(|(i, &code)| {
                    if code == positive {
                        (1.0, self.c * class_weights[code] * sw(i))
                    } else if n_classes == 2 {
                        (-1.0, self.c * class_weights[code] * sw(i))
                    } else {
                        (-1.0, self.c * sw(i))
                    }
                })
                .unzip();
            BinaryProblem { rows, y, c }
        };
        let solutions = with_n_jobs(self.n_jobs, || {
            (0..n_problems)
                .into_par_iter()
                .map(|k| {
                    if dual {
                        let options = DualCdOptions {
                            loss: self.loss,
                            tol: self.tol,
                            max_iter: self.max_iter,
                            seed: crate::random::derived_seed(seed, k as u64),
                        };
                        solve(&problem(k), &options)
                    } else {
                        let options = PrimalOptions {
                            tol: self.tol,
                            max_iter: self.max_iter,
                        };
                        solve_primal(&problem(k), &options)
                    }
                })
                .collect::<Vec<_>>()
        })?;
        let mut coef = Array2::zeros((n_problems, d));
        let mut intercept = Array1::zeros(n_problems);
        for (k, s) in solutions.iter().enumerate() {
            coef.row_mut(k).assign(&ArrayView1::from(&s.w[..d]));
            if self.fit_intercept {
                intercept[k] = s.w[d] * self.intercept_scaling;
            }
        }
        let n_iter = solutions.iter().map(|s| s.n_iter).max().unwrap_or(0);
        let converged = solutions.iter().all(|s| s.converged);
        let largest = match x {
            MatrixView::Dense(x) => x.iter().fold(0.0f64, |m, v| m.max(v.as_f64().abs())),
            MatrixView::Sparse(x) => x.data().iter().fold(0.0f64, |m, v| m.max(v.as_f64().abs())),
        };
        // Coefficients that overflowed are no model: an error, never returned.
        if let Some(v) = coef.iter().chain(intercept.iter()).find(|v| !v.is_finite()) {
            return Err(Error::NotConverged {
                context: NAME.into(),
                message: format!(
                    "the solver reached a non-finite coefficient ({v}); the features (largest |x| = {largest:e}) \
                     are beyond what the solver can handle in f64: scale them (e.g. with StandardScaler)"
                ),
            });
        }
        if !converged {
            let stopped = solutions.iter().filter(|s| !s.converged).count();
            if n_iter >= self.max_iter {
                warn::not_converged(
                    NAME,
                    format_args!(
                        "max_iter = {} reached in {stopped} of {n_problems} problems",
                        self.max_iter
                    ),
                );
            } else {
                warn::not_converged(
                    NAME,
                    format_args!(
                        "{stopped} of {n_problems} problems stopped after at most {n_iter} iterations: \
                         the objective is not finite or no step improved it; largest |x| = {largest:e}"
                    ),
                );
            }
        }
        // The rows without the constant column, expanded one at a time (the
        // check usually stops at the first).
        let expanded = (0..x.nrows()).map(|i| {
            let mut row = vec![0.0; width];
            rows.axpy(i, 1.0, &mut row);
            row.truncate(d);
            row.into_iter()
        });
        if warn::coefficients_ignored(
            expanded,
            coef.as_slice().unwrap_or(&[]),
            d,
            intercept.as_slice().unwrap_or(&[]),
        ) {
            warn::features_ignored(NAME, largest);
        }
        Ok(FittedLinearSVC::new(
            self.clone(),
            classes,
            coef,
            intercept,
            n_iter,
            converged,
        ))
    }
}

impl<F: Float, L: Label> Estimator<F, L> for LinearSVC {
    type Fitted = FittedLinearSVC<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.validate()?;
        self.fit_checked(x.into(), y, None)
    }

    /// Fits on a dense or a sparse `x`: on a [`CsrMatrix`](crate::sparse::CsrMatrix)
    /// the solvers walk the stored values of each row (never densified),
    /// giving the dense fit's model to rounding.
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.validate()?;
        self.fit_checked(x, y, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for LinearSVC {
    /// Each sample's `C` is multiplied by its weight (and its class's weight).
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.validate()?;
        self.fit_checked(x.into(), y, Some(sample_weight))
    }

    /// As [`Estimator::fit_matrix`], with sample weights.
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.validate()?;
        self.fit_checked(x, y, Some(sample_weight))
    }
}
