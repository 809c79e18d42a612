//! [`ElasticNet`] and [`Lasso`]: L1 (and L2) penalised least squares by
//! coordinate descent, as scikit-learn's.

use super::solver::{Cd, Design, Problem};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linear_model::api::linear_predictor;
use crate::linear_model::base::{Linear, Prepared, intercepts, prepare, regression_inputs};
use crate::persistence::Check;
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_param, check_same_length};
use crate::warn;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use std::sync::Arc;

const NAME: &str = "ElasticNet";
const LASSO: &str = "Lasso";

/// Whether the descent runs on the Gram matrix `XᵀX` (scikit-learn's
/// `precompute`): each coordinate update then costs `n_features` instead of
/// `n_samples` operations, after one `n_samples · n_features²` product.
///
/// [`Precompute::Gram`] passes that matrix in (scikit-learn's
/// `precompute=array`), for several fits on the same data. Because it holds
/// a matrix, `Precompute` is `Clone` but not `Copy` (nor `Eq`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::{Lasso, Precompute};
/// use ndarray::array;
/// use std::sync::Arc;
/// assert_eq!(Lasso::default().precompute, Precompute::Never);
/// assert_eq!(Lasso::default().precompute(Precompute::Auto).precompute, Precompute::Auto);
///
/// // A Gram matrix computed once, for data without an intercept to fit.
/// let x = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 0.5]];
/// let y = array![1.0, 0.5, 1.5, 2.2];
/// let gram = Arc::new(x.t().dot(&x));
/// let lasso = Lasso::default().alpha(0.01).fit_intercept(false);
/// let given = lasso.clone().precompute(Precompute::Gram(gram)).fit(x.view(), y.view())?;
/// let computed = lasso.precompute(Precompute::Always).fit(x.view(), y.view())?;
/// assert!(f64::abs(given.coef()[0] - computed.coef()[0]) < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Precompute {
    /// Descend on `X` (scikit-learn's `False`, the estimators' default).
    #[default]
    Never,
    /// Descend on the Gram matrix (`True`).
    Always,
    /// The Gram matrix when samples outnumber features (`"auto"`, the
    /// paths' and searches' default).
    Auto,
    /// Descend on this Gram matrix (`n_features × n_features`), scikit-learn's
    /// `precompute=array`: `XᵀX` of the data `fit` is given, as the descent
    /// sees it, i.e. with sample weights the Gram matrix `Xᵀ·diag(w)·X` of the
    /// weights rescaled to sum to `n_samples`.
    ///
    /// As scikit-learn: when an intercept is fitted and the columns of `X`
    /// do not already have (weighted) mean zero (within 1e-8), the matrix
    /// cannot be the centred data's: it is ignored with a warning (through
    /// the [`log`] facade) and the fit computes its own as with
    /// [`Auto`](Precompute::Auto). Otherwise it is checked against the data:
    /// its diagonal (the squared column norms, which the fit computes anyway)
    /// and scikit-learn's one off-diagonal entry, each to within
    /// `1e-5 + 1e-7·|value|`. [`ElasticNetCV`](crate::linear_model::ElasticNetCV)
    /// and [`LassoCV`](crate::linear_model::LassoCV) refuse it (each fold has
    /// its own Gram matrix).
    Gram(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::shared_array"))] Arc<Array2<f64>>),
}

impl Precompute {
    /// Whether to use the Gram matrix for data of this shape.
    pub(crate) fn gram(&self, n_samples: usize, n_features: usize) -> bool {
        match self {
            Precompute::Never => false,
            Precompute::Always | Precompute::Gram(_) => true,
            Precompute::Auto => n_samples > n_features,
        }
    }
}

/// scikit-learn's `np.isclose(expected, given, rtol=1e-7, atol=1e-5)`, the
/// tolerance of its check of a given Gram matrix.
fn gram_close(expected: f64, given: f64) -> bool {
    (expected - given).abs() <= 1e-5 + 1e-7 * given.abs()
}

/// Checks a given Gram matrix without the data: `p × p` for `p` features,
/// finite and symmetric (within [`gram_close`]).
pub(super) fn check_gram_shape(name: &'static str, q: &Array2<f64>, p: usize) -> Result<()> {
    let what = "rows and columns of the precompute Gram matrix vs columns of X";
    check_same_length(name, what, p, q.nrows())?;
    check_same_length(name, what, p, q.ncols())?;
    crate::validation::check_finite(name, q.view())?;
    for i in 0..p {
        for j in 0..i {
            if !gram_close(q[[j, i]], q[[i, j]]) {
                return Err(Error::invalid_input(
                    name,
                    format!(
                        "the precompute Gram matrix is not symmetric: entry ({i}, {j}) is {} but ({j}, {i}) is {}",
                        q[[i, j]],
                        q[[j, i]]
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The problem on the prepared `x` and `y` with a given Gram matrix `q`,
/// checked against them as scikit-learn's `_check_precomputed_gram_matrix`
/// (its entry `(p/2, p/2 + 1)`) and on its whole diagonal, which costs
/// nothing: `Xᵀy` and the squared column norms come from one pass over `x`.
pub(super) fn given_gram_problem<'a>(
    name: &'static str,
    x: ArrayView2<'_, f64>,
    y: Vec<f64>,
    q: &Array2<f64>,
) -> Result<Problem<'a>> {
    let p = x.ncols();
    check_gram_shape(name, q, p)?;
    let moments = crate::linear_model::normal::moments(x, &y);
    let mismatch = |i: usize, j: usize, expected: f64| {
        Error::invalid_input(
            name,
            format!(
                "the precompute Gram matrix does not match X: entry ({i}, {j}) is {} but X gives {expected} \
                 (with fit_intercept it must be the Gram matrix of the centred X; with sample weights, of \
                 the rows scaled by the square roots of the weights rescaled to sum to n_samples)",
                q[[i, j]]
            ),
        )
    };
    for (j, &norm2) in moments.sum_sq.iter().enumerate() {
        if !gram_close(norm2, q[[j, j]]) {
            return Err(mismatch(j, j, norm2));
        }
    }
    if p > 0 {
        let f1 = p / 2;
        let f2 = (f1 + 1).min(p - 1);
        let expected = x.column(f1).dot(&x.column(f2));
        if !gram_close(expected, q[[f1, f2]]) {
            return Err(mismatch(f1, f2, expected));
        }
    }
    let design = Design::Gram {
        q: q.as_standard_layout().into_owned(),
    };
    Ok(Problem::from_parts(design, y, moments.xty.to_vec()))
}

/// The order in which coordinates are updated (scikit-learn's `selection`).
///
/// # Example
/// ```
/// use learnkit::linear_model::{ElasticNet, Selection};
/// let model = ElasticNet::default().selection(Selection::Random).random_state(Some(0));
/// assert_eq!(model.selection, Selection::Random);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Selection {
    /// Every feature in turn, in column order.
    #[default]
    Cyclic,
    /// A feature drawn at random at each step (seeded by `random_state`);
    /// often faster to converge at a loose `tol`.
    Random,
}

/// Linear regression with a combined L1 and L2 penalty, by coordinate
/// descent: minimises scikit-learn's objective
/// `1/(2n)·Σ wᵢ(yᵢ − xᵢ·coef − intercept)² + alpha·l1_ratio·‖coef‖₁ +
/// ½·alpha·(1 − l1_ratio)·‖coef‖²`, the sample weights `wᵢ` rescaled to sum
/// to `n` (without weights, all ones).
///
/// The fit stops on scikit-learn's rule: after a sweep whose largest
/// coefficient change is at most `tol` times the largest coefficient, the
/// duality gap is computed, and the fit ends when it is at most
/// `tol · ‖y − ȳ‖²` (weighted). Gap-safe screening drops the features that
/// cannot be non-zero at the optimum. [`ElasticNet::fit_warm`] starts from
/// given coefficients (scikit-learn's `warm_start`).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `alpha`
/// negative or not finite, `l1_ratio` outside `[0, 1]`, `max_iter = 0`,
/// `tol` negative or not finite, `n_jobs = Some(0)`; the data errors of
/// [`LinearRegression`](crate::linear_model::LinearRegression);
/// [`Error::NotConverged`](crate::Error::NotConverged) when the
/// coefficients become non-finite (overflowing data). Stopping at `max_iter`
/// is not an error: it warns through the [`log`] facade and the model's
/// [`converged`](FittedElasticNet::converged) is false.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::ElasticNet;
/// use ndarray::array;
///
/// let x = array![[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 1.0]];
/// let y = array![0.0, 1.0, 2.0, 3.0];
/// let model = ElasticNet::default().alpha(0.1).l1_ratio(0.7).fit(x.view(), y.view())?;
/// assert!(model.converged());
/// assert!(model.coef()[0] > 0.5); // the first feature explains y
/// assert!(model.score(x.view(), y.view())? > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ElasticNet {
    /// Penalty strength (≥ 0), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// The L1 share of the penalty, in `[0, 1]`, default 0.5 (1 is the lasso).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub l1_ratio: f64,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Whether to descend on the Gram matrix, default [`Precompute::Never`].
    pub precompute: Precompute,
    /// The most sweeps over the features, default 1000.
    pub max_iter: usize,
    /// The relative tolerance of the stopping rule, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Constrain the coefficients to be non-negative, default false.
    pub positive: bool,
    /// Seed of [`Selection::Random`] (None: fresh entropy).
    pub random_state: Option<u64>,
    /// The coordinate order, default [`Selection::Cyclic`].
    pub selection: Selection,
    /// Threads for prediction (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for ElasticNet {
    fn default() -> Self {
        ElasticNet {
            alpha: 1.0,
            l1_ratio: 0.5,
            fit_intercept: true,
            precompute: Precompute::Never,
            max_iter: 1000,
            tol: 1e-4,
            positive: false,
            random_state: None,
            selection: Selection::Cyclic,
            n_jobs: None,
        }
    }
}

setters!(ElasticNet in "learnkit::linear_model" {
    alpha: f64 = 0.5;
    l1_ratio: f64 = 0.9;
    fit_intercept: bool = false;
    precompute: Precompute = learnkit::linear_model::Precompute::Always;
    max_iter: usize = 50;
    tol: f64 = 1e-8;
    positive: bool = true;
    random_state: Option<u64> = Some(7);
    selection: Selection = learnkit::linear_model::Selection::Random;
    n_jobs: Option<usize> = Some(1);
});

/// The sample weights rescaled to sum to the number of samples, as
/// scikit-learn's `ElasticNet.fit` does: the objective is then the weighted
/// mean loss at the same `alpha`.
pub(super) fn rescaled(weights: Option<Array1<f64>>) -> Option<Array1<f64>> {
    weights.map(|w| {
        let total: f64 = w.sum();
        let n = w.len() as f64;
        w * (n / total)
    })
}

impl ElasticNet {
    pub(super) fn validate(&self, name: &'static str) -> Result<()> {
        check_param(name, "alpha", self.alpha, "a finite number >= 0", |a| {
            a.is_finite() && a >= 0.0
        })?;
        check_param(name, "l1_ratio", self.l1_ratio, "in [0, 1]", |r| {
            (0.0..=1.0).contains(&r)
        })?;
        self.validate_solver(name)
    }

    /// The checks of the solver settings alone (shared with paths and searches).
    pub(super) fn validate_solver(&self, name: &'static str) -> Result<()> {
        check_param(name, "max_iter", self.max_iter, ">= 1", |m| m >= 1)?;
        check_param(name, "tol", self.tol, "a finite number >= 0", |t| {
            t.is_finite() && t >= 0.0
        })?;
        check_param(name, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))
    }

    pub(super) fn cd(&self) -> Cd {
        Cd {
            max_iter: self.max_iter,
            tol: self.tol,
            positive: self.positive,
        }
    }

    /// The generator of [`Selection::Random`], `None` for cyclic descent.
    pub(super) fn rng(&self) -> Option<rand::rngs::StdRng> {
        (self.selection == Selection::Random).then(|| crate::random::rng_from(self.random_state))
    }

    /// Fits on prepared data from `coef` (updated in place).
    pub(super) fn fit_prepared<F: Float>(
        &self,
        name: &'static str,
        prepared: &Prepared,
        coef: Vec<f64>,
    ) -> Result<FittedElasticNet<F>> {
        let (n, p) = prepared.x.dim();
        let y = prepared.y.column(0).to_vec();
        let problem = match &self.precompute {
            // scikit-learn's `_pre_fit`: a Gram matrix cannot be of the
            // centred data when `X` was not centred already.
            Precompute::Gram(_) if self.fit_intercept && prepared.x_offset.iter().any(|m| m.abs() > 1e-8) => {
                warn::gram_recomputed(name);
                Problem::new(prepared.x.view(), y, Precompute::Auto.gram(n, p))
            }
            Precompute::Gram(q) => given_gram_problem(name, prepared.x.view(), y, q)?,
            other => Problem::new(prepared.x.view(), y, other.gram(n, p)),
        };
        self.fit_problem(name, &problem, prepared, coef)
    }

    /// Fits `problem` (the prepared data's, whose offsets give the intercept)
    /// from `coef`.
    pub(super) fn fit_problem<F: Float>(
        &self,
        name: &'static str,
        problem: &Problem<'_>,
        prepared: &Prepared,
        mut coef: Vec<f64>,
    ) -> Result<FittedElasticNet<F>> {
        let (n, p) = prepared.x.dim();
        let mut rng = self.rng();
        let outcome = problem.solve(self.alpha, self.l1_ratio, &mut coef, &self.cd(), rng.as_mut());
        let coef = Array2::from_shape_vec((1, p), coef).expect("one row of p coefficients");
        let intercept = intercepts(&coef, prepared);
        if coef.iter().chain(intercept.iter()).any(|v| !v.is_finite()) {
            return Err(Error::NotConverged {
                context: name.into(),
                message: "coordinate descent reached non-finite coefficients; the data may hold values \
                          too large for it (scale them first)"
                    .into(),
            });
        }
        if !outcome.converged() {
            warn::not_converged(
                name,
                format_args!(
                    "max_iter = {} sweeps reached, duality gap {:e} above the tolerance {:e}",
                    self.max_iter, outcome.gap, outcome.tol
                ),
            );
        }
        Ok(FittedElasticNet {
            params: self.clone(),
            linear: Linear::new(&coef, &intercept),
            n_iter: outcome.n_iter,
            dual_gap: outcome.gap / n as f64,
            converged: outcome.converged(),
        })
    }

    fn fit_named<F: Float>(
        &self,
        name: &'static str,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        coef_init: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedElasticNet<F>> {
        self.validate(name)?;
        let (x, y, weights) = regression_inputs(name, x, y, sample_weight)?;
        let coef = match coef_init {
            Some(c) => {
                check_same_length(name, "coef_init vs columns of X", x.ncols(), c.len())?;
                crate::validation::check_finite_1d(name, c)?;
                c.iter().map(|v| v.as_f64()).collect()
            }
            None => vec![0.0; x.ncols()],
        };
        let prepared = prepare(x, y, rescaled(weights).as_ref(), self.fit_intercept);
        self.fit_prepared(name, &prepared, coef)
    }

    /// Fits starting from the coefficients `coef_init` (one per feature)
    /// instead of zeros, with optional sample weights: scikit-learn's
    /// `warm_start`, for a sequence of fits at nearby settings (a path). The
    /// optimum is the same; reaching it takes fewer sweeps from a close start.
    ///
    /// # Errors
    /// As [`fit`](Estimator::fit); [`Error::ShapeMismatch`] when `coef_init`
    /// does not have one value per column of `x`, [`Error::NonFinite`] when
    /// it holds a NaN or an infinity.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::ElasticNet;
    /// use ndarray::array;
    ///
    /// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 3.0]];
    /// let y = array![1.0, 2.0, 5.0, 6.0];
    /// let model = ElasticNet::default().alpha(0.01).tol(1e-10);
    /// let cold = model.fit(x.view(), y.view())?;
    /// let warm = model.fit_warm(x.view(), y.view(), None, cold.coef())?;
    /// assert!(warm.n_iter() < cold.n_iter());
    /// assert!(f64::abs(warm.coef()[0] - cold.coef()[0]) < 1e-6);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_warm<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        coef_init: ArrayView1<'_, F>,
    ) -> Result<FittedElasticNet<F>> {
        self.fit_named(NAME, x, y, sample_weight, Some(coef_init))
    }
}

impl<F: Float> Estimator<F, F> for ElasticNet {
    type Fitted = FittedElasticNet<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<FittedElasticNet<F>> {
        self.fit_named(NAME, x, y, None, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for ElasticNet {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedElasticNet<F>> {
        self.fit_named(NAME, x, y, Some(sample_weight), None)
    }
}

/// Linear regression with an L1 penalty (the lasso), by coordinate descent:
/// [`ElasticNet`] with `l1_ratio = 1`, minimising
/// `1/(2n)·Σ wᵢ(yᵢ − xᵢ·coef − intercept)² + alpha·‖coef‖₁`. Its fitted
/// type is [`FittedElasticNet`] (whose parameters show `l1_ratio = 1`).
///
/// # Errors
/// As [`ElasticNet`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::Lasso;
/// use ndarray::array;
///
/// let x = array![[0.0, 1.0], [1.0, -1.0], [2.0, -1.0], [3.0, 1.0]];
/// let y = array![0.0, 2.0, 4.0, 6.0]; // 2·x₀: the second feature is noise
/// let model = Lasso::default().alpha(0.1).fit(x.view(), y.view())?;
/// assert_eq!(model.coef()[1], 0.0); // the lasso zeroes it
/// assert!(f64::abs(model.coef()[0] - 2.0) < 0.2);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Lasso {
    /// Penalty strength (≥ 0), default 1.0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Whether to descend on the Gram matrix, default [`Precompute::Never`].
    pub precompute: Precompute,
    /// The most sweeps over the features, default 1000.
    pub max_iter: usize,
    /// The relative tolerance of the stopping rule, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub tol: f64,
    /// Constrain the coefficients to be non-negative, default false.
    pub positive: bool,
    /// Seed of [`Selection::Random`] (None: fresh entropy).
    pub random_state: Option<u64>,
    /// The coordinate order, default [`Selection::Cyclic`].
    pub selection: Selection,
    /// Threads for prediction (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for Lasso {
    fn default() -> Self {
        Lasso::from(ElasticNet::default())
    }
}

impl From<ElasticNet> for Lasso {
    /// The lasso with `enet`'s settings (its `l1_ratio` dropped).
    fn from(enet: ElasticNet) -> Lasso {
        Lasso {
            alpha: enet.alpha,
            fit_intercept: enet.fit_intercept,
            precompute: enet.precompute.clone(),
            max_iter: enet.max_iter,
            tol: enet.tol,
            positive: enet.positive,
            random_state: enet.random_state,
            selection: enet.selection,
            n_jobs: enet.n_jobs,
        }
    }
}

impl From<&Lasso> for ElasticNet {
    /// The elastic net with `l1_ratio = 1` that the lasso is.
    fn from(lasso: &Lasso) -> ElasticNet {
        ElasticNet {
            alpha: lasso.alpha,
            l1_ratio: 1.0,
            fit_intercept: lasso.fit_intercept,
            precompute: lasso.precompute.clone(),
            max_iter: lasso.max_iter,
            tol: lasso.tol,
            positive: lasso.positive,
            random_state: lasso.random_state,
            selection: lasso.selection,
            n_jobs: lasso.n_jobs,
        }
    }
}

setters!(Lasso in "learnkit::linear_model" {
    alpha: f64 = 0.5;
    fit_intercept: bool = false;
    precompute: Precompute = learnkit::linear_model::Precompute::Always;
    max_iter: usize = 50;
    tol: f64 = 1e-8;
    positive: bool = true;
    random_state: Option<u64> = Some(7);
    selection: Selection = learnkit::linear_model::Selection::Random;
    n_jobs: Option<usize> = Some(1);
});

impl Lasso {
    /// As [`ElasticNet::fit_warm`]: fits from the coefficients `coef_init`.
    ///
    /// # Errors
    /// As [`ElasticNet::fit_warm`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::Lasso;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0]];
    /// let y = array![0.0, 1.0, 2.0];
    /// let model = Lasso::default().alpha(0.01).fit_warm(x.view(), y.view(), None, array![0.9].view())?;
    /// assert!(f64::abs(model.coef()[0] - 0.985) < 1e-9);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_warm<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        coef_init: ArrayView1<'_, F>,
    ) -> Result<FittedElasticNet<F>> {
        ElasticNet::from(self).fit_named(LASSO, x, y, sample_weight, Some(coef_init))
    }
}

impl<F: Float> Estimator<F, F> for Lasso {
    type Fitted = FittedElasticNet<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<FittedElasticNet<F>> {
        ElasticNet::from(self).fit_named(LASSO, x, y, None, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for Lasso {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedElasticNet<F>> {
        ElasticNet::from(self).fit_named(LASSO, x, y, Some(sample_weight), None)
    }
}

/// A fitted [`ElasticNet`] or [`Lasso`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::Lasso;
/// use ndarray::array;
/// let x = array![[1.0], [2.0], [3.0]];
/// let model = Lasso::default().alpha(0.0).tol(1e-12).fit(x.view(), array![2.0, 4.0, 6.0].view())?;
/// assert!(f64::abs(model.predict(array![[4.0]].view())?[0] - 8.0) < 1e-9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(remote = "Self", bound(serialize = "F: Float", deserialize = "F: Float"))
)]
pub struct FittedElasticNet<F> {
    params: ElasticNet,
    linear: Linear<F>,
    n_iter: usize,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    dual_gap: f64,
    converged: bool,
}

checked_serde!(impl[F: Float] FittedElasticNet<F>);
persist!(impl[F: Float] FittedElasticNet<F> => format!("ElasticNet<{}>", F::NAME));

impl<F: Float> Check for FittedElasticNet<F> {
    /// One row of finite coefficients, a zero intercept unless fitted, a
    /// finite dual gap and hyperparameters a fit accepts (a given Gram
    /// matrix square, finite and symmetric, one row per feature).
    fn check(&self) -> std::result::Result<(), String> {
        self.params.validate(NAME).map_err(|e| e.to_string())?;
        crate::persistence::check::ensure(self.dual_gap.is_finite(), || "non-finite dual gap".into())?;
        self.linear.check(Some(1), self.params.fit_intercept)?;
        if let Precompute::Gram(q) = &self.params.precompute {
            check_gram_shape(NAME, q, self.n_features_in()).map_err(|e| e.to_string())?;
        }
        let signs_ok = !self.params.positive || self.linear.coef.iter().all(|v| *v >= F::zero());
        crate::persistence::check::ensure(signs_ok, || "negative coefficient with positive = true".into())
    }
}

impl<F: Float> FittedElasticNet<F> {
    /// The coefficients, one per feature (`coef_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::Lasso;
    /// use ndarray::array;
    /// let model = Lasso::default().alpha(10.0).fit(array![[0.0], [1.0]].view(), array![1.0, 3.0].view())?;
    /// assert_eq!(model.coef()[0], 0.0); // a large penalty zeroes it
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn coef(&self) -> ArrayView1<'_, F> {
        self.linear.coef.row(0)
    }

    /// The intercept (`intercept_`); zero when `fit_intercept` is false.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::Lasso;
    /// use ndarray::array;
    /// let model = Lasso::default().alpha(10.0).fit(array![[0.0], [1.0]].view(), array![1.0, 3.0].view())?;
    /// assert_eq!(model.intercept(), 2.0); // the mean of y
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> F {
        self.linear.intercept[0]
    }

    /// Sweeps over the features done (`n_iter_`; 0 when the start was optimal).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::ElasticNet;
    /// use ndarray::array;
    /// let model = ElasticNet::default().alpha(0.1).fit(array![[0.0], [1.0], [2.0]].view(), array![0.0, 1.0, 2.0].view())?;
    /// assert!(model.n_iter() >= 1 && model.n_iter() <= 1000);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// The duality gap reached, on the scale of the objective (`dual_gap_`):
    /// an upper bound on how far the objective is above its minimum.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::ElasticNet;
    /// use ndarray::array;
    /// let model = ElasticNet::default().alpha(0.1).tol(1e-10).fit(array![[0.0], [1.0], [2.0]].view(), array![0.0, 1.0, 2.0].view())?;
    /// assert!(model.dual_gap() < 1e-9);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn dual_gap(&self) -> f64 {
        self.dual_gap
    }

    /// Whether the stopping rule was met before `max_iter` sweeps.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::ElasticNet;
    /// use ndarray::array;
    /// let model = ElasticNet::default().fit(array![[0.0], [1.0], [2.0]].view(), array![0.0, 1.0, 2.0].view())?;
    /// assert!(model.converged());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// The hyperparameters of the fit (`l1_ratio = 1` for a [`Lasso`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::Lasso;
    /// use ndarray::array;
    /// let model = Lasso::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.params().l1_ratio, 1.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &ElasticNet {
        &self.params
    }

    /// Number of features seen in `fit` (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::Lasso;
    /// use ndarray::array;
    /// let model = Lasso::default().fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![1.0, 3.0].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.linear.coef.ncols()
    }
}

linear_predictor!(FittedElasticNet, NAME);
