//! The hyperparameters of [`SVC`], their setters and checks.

use super::kernel::Kernel;
use crate::class_weight::ClassWeight;
use crate::error::Result;
use crate::validation::{check_param, check_positive};

pub(super) const NAME: &str = "SVC";

/// How [`DecisionFunction`](crate::traits::DecisionFunction) reports more
/// than two classes (scikit-learn's `decision_function_shape`).
///
/// # Example
/// ```
/// use learnkit::svm::DecisionFunctionShape;
/// assert_eq!(DecisionFunctionShape::default(), DecisionFunctionShape::Ovr);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum DecisionFunctionShape {
    /// One column per class: the one-vs-one votes plus a bounded confidence
    /// term (scikit-learn's `_ovr_decision_function`), the default.
    #[default]
    Ovr,
    /// One column per pair of classes `(i, j)`, `i < j`, in the order
    /// (0,1), (0,2), …, (1,2), …; positive means class `i`.
    Ovo,
}

/// C-support vector classification (libsvm's C-SVC, scikit-learn's `SVC`).
///
/// For two classes (`y_i = ±1`) it solves the dual problem
///
/// ```text
/// min_α ½ Σ_ij α_i α_j y_i y_j K(x_i, x_j) − Σ_i α_i
/// subject to Σ_i y_i α_i = 0,   0 ≤ α_i ≤ C · class_weight(y_i) · sample_weight_i
/// ```
///
/// and decides with `f(x) = Σ_i y_i α_i K(x_i, x) + b`. More classes are
/// handled one-vs-one: one such problem per pair of classes, trained in
/// parallel (the result does not depend on the number of threads), and the
/// prediction is the class with most votes (the first on a tie, as libsvm).
///
/// # Solver and numerics
/// libsvm's SMO: second-order working-set selection (Fan, Chen and Lin, 2005),
/// shrinking, and a least-recently-used cache of kernel rows of `cache_size`
/// megabytes per pair of classes being trained. It stops when the maximal
/// violation of the optimality conditions is below `tol`; stopping at
/// `max_iter` is not an error (the fitted model reports
/// [`converged`](super::FittedSVC::converged) `= false`).
///
/// The training data are copied once to a row-major `f64` matrix (the solver
/// reads rows in random order; `f32` input is widened, as scikit-learn does),
/// and kernels are computed in `f64` from dot products with vectorised
/// partial sums and precomputed squared norms, then cached in `f32` as
/// libsvm does, so that the solver takes libsvm's steps (models equal to
/// scikit-learn's to rounding) and the cache holds twice as many rows. A
/// two-class problem of at least 2,048 samples is solved on several threads
/// (each owns a slice of the samples), which go on as one when other
/// processes keep them waiting for each other; the model is the same on any
/// number of threads. Samples whose weight (`C` times class and sample
/// weight) is zero are left out, as in scikit-learn.
///
/// # Sparse input
/// [`fit_matrix`](crate::traits::Estimator::fit_matrix) and the fitted
/// model's `_matrix` methods take a [`CsrMatrix`](crate::sparse::CsrMatrix)
/// without densifying it: the copy holds the stored values only and kernel
/// rows are computed from them (libsvm's sparse mode), with dot products
/// and squared norms summed as the dense fit sums them, so the model is the
/// dense fit's. The fitted support vectors are dense (`n_SV × n_features`
/// values: on very wide data with many support vectors, that is the memory
/// to plan for).
///
/// ```
/// use learnkit::prelude::*;
/// use learnkit::sparse::CsrMatrix;
/// use ndarray::array;
/// let x = array![[0.0, 0.0, 1.0], [0.0, 2.0, 0.0], [3.0, 0.0, 0.0], [0.0, 0.0, 4.0]];
/// let y = array![0, 1, 1, 0];
/// let sparse = CsrMatrix::from_dense(x.view());
/// let model = SVC::default().fit_matrix((&sparse).into(), y.view())?;
/// let dense = SVC::default().fit(x.view(), y.view())?;
/// assert_eq!(model.support(), dense.support());
/// assert_eq!(model.predict_matrix((&sparse).into())?, dense.predict(x.view())?);
/// # Ok::<(), learnkit::Error>(())
/// ```
///
/// # Hyperparameters
/// - `c` (`C`, default 1.0): the box constraint, finite and > 0.
/// - `kernel` (default `Kernel::Rbf { gamma: Gamma::Scale }`): see [`Kernel`].
/// - `tol` (default 1e-3): stopping tolerance, finite and > 0.
/// - `cache_size` (default 200): kernel cache in megabytes, finite and > 0.
/// - `max_iter` (default `None`: libsvm's cap of `max(10⁷, 100 n)`): SMO
///   iterations per pair, ≥ 1.
/// - `shrinking` (default `true`): libsvm's shrinking heuristic.
/// - `class_weight` (default uniform): multiplies `C` per class; `Balanced`
///   counts the samples of each class, ignoring sample weights (as
///   scikit-learn's `SVC`).
/// - `decision_function_shape` (default `Ovr`): see [`DecisionFunctionShape`].
/// - `probability` (default `false`): also fit probability estimates, for
///   [`PredictProba`](crate::traits::PredictProba) and
///   [`predict_log_proba`](super::FittedSVC::predict_log_proba): Platt
///   scaling of each pair's decision values from an internal 5-fold
///   cross-validation, coupled over the classes as libsvm (see
///   [`FittedSVC::predict_proba`](super::FittedSVC)). This makes fitting
///   five to six times as costly (five more SMO problems per pair, each on
///   4/5 of the pair's samples; 5.3× on standardised digits). `predict`
///   still votes on the decision values, so it may disagree with the argmax
///   of the probabilities (as in scikit-learn).
/// - `random_state` (default `None`: fresh entropy): seeds the shuffle of the
///   probability cross-validation (used only when `probability` is true);
///   the same seed gives the same model on any number of threads.
/// - `n_jobs` (default `None`, every core): threads for fitting and predicting.
///
/// # Fitted attributes
/// See [`FittedSVC`](super::FittedSVC): `support`, `support_vectors`,
/// `n_support`, `dual_coef`, `intercept`, `classes`, `n_iter`, `converged`,
/// `n_features_in`, and with `probability` `prob_a`, `prob_b`.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter; [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite),
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for bad data (and a
/// non-square matrix with a precomputed kernel);
/// [`Error::SingleClass`](crate::Error::SingleClass) for one class;
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for negative sample
/// weights, or a class left with no sample of positive weight, and for
/// features whose squared norms overflow `f64` (beyond about 1e154) or
/// whose squares underflow it (below about 1e-154): there the kernel is NaN
/// or constant. In between, the RBF kernel with `Gamma::Scale` is scale
/// invariant: the same predictions at any scale.
///
/// # Warnings
/// A fit that stops at `max_iter` (`converged() == false`) warns through the
/// [`log`] facade (target `"learnkit"`, level `Warn`; see the crate's
/// conventions).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
///
/// let iris = load_iris();
/// let model = SVC::default().c(10.0).fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.n_support().len(), 3);
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.97);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SVC {
    /// The box constraint (scikit-learn's `C`), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub c: f64,
    /// The kernel, default RBF with `gamma = Scale`.
    pub kernel: Kernel,
    /// Stopping tolerance, default 1e-3.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Kernel cache in megabytes, default 200.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub cache_size: f64,
    /// SMO iterations per pair of classes (None: libsvm's cap).
    pub max_iter: Option<usize>,
    /// Whether to use the shrinking heuristic, default true.
    pub shrinking: bool,
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// The shape of `decision_function` for more than two classes.
    pub decision_function_shape: DecisionFunctionShape,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
    /// Whether to fit probability estimates (5-fold Platt scaling), default false.
    pub probability: bool,
    /// Seed of the probability cross-validation (None: fresh entropy).
    pub random_state: Option<u64>,
}

impl Default for SVC {
    fn default() -> Self {
        SVC {
            c: 1.0,
            kernel: Kernel::default(),
            tol: 1e-3,
            cache_size: 200.0,
            max_iter: None,
            shrinking: true,
            class_weight: ClassWeight::Uniform,
            decision_function_shape: DecisionFunctionShape::Ovr,
            n_jobs: None,
            probability: false,
            random_state: None,
        }
    }
}

setters!(SVC in "learnkit::svm" {
    c: f64 = 10.0;
    kernel: Kernel = learnkit::svm::Kernel::Linear;
    tol: f64 = 1e-4;
    cache_size: f64 = 500.0;
    max_iter: Option<usize> = Some(1000);
    shrinking: bool = false;
    decision_function_shape: DecisionFunctionShape = learnkit::svm::DecisionFunctionShape::Ovo;
    n_jobs: Option<usize> = Some(1);
    probability: bool = true;
} into {
    class_weight: ClassWeight = vec![1.0, 3.0] => learnkit::class_weight::ClassWeight::PerClass(vec![1.0, 3.0]);
} optional {

});
random_state_setter!(SVC in "learnkit::svm");

impl SVC {
    /// Checks every hyperparameter; `fit` calls it first.
    pub(super) fn validate(&self) -> Result<()> {
        check_positive(NAME, "C", self.c)?;
        check_positive(NAME, "tol", self.tol)?;
        check_positive(NAME, "cache_size", self.cache_size)?;
        check_param(NAME, "max_iter", self.max_iter, "None or >= 1", |m| m != Some(0))?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        if let ClassWeight::BalancedSubsample = self.class_weight {
            check_param(
                NAME,
                "class_weight",
                "BalancedSubsample",
                "Uniform, Balanced or PerClass",
                |_| false,
            )?;
        }
        self.kernel.validate(NAME)
    }

    /// The cache budget in bytes.
    pub(super) fn cache_bytes(&self) -> usize {
        (self.cache_size * 1024.0 * 1024.0) as usize
    }
}
