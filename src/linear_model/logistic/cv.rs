//! [`LogisticRegressionCV`]: logistic regression whose `C` is chosen by
//! cross-validation over a path of values, warm-started fold by fold as
//! scikit-learn's `LogisticRegressionCV`.

use super::{FittedLogisticRegression, LogisticRegression, LogisticSolver, Penalty, warm_start_of};
use crate::class_weight::ClassWeight;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::model_selection::{EstimatorScore, Fold, Scorer, Splitter, StratifiedKFold};
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len};
use crate::traits::{Classifier, DecisionFunction, Estimator, PredictProba, Predictor};
use crate::validation::{check_param, check_positive, check_x_y};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rayon::prelude::*;

pub(super) const NAME: &str = "LogisticRegressionCV";

/// The values of `C` tried by [`LogisticRegressionCV`] (scikit-learn's int or
/// list `Cs`).
///
/// # Example
/// ```
/// use learnkit::linear_model::Cs;
/// assert_eq!(Cs::Count(3).values()?, vec![1e-4, 1.0, 1e4]);
/// assert_eq!(Cs::List(vec![0.5, 2.0]).values()?, vec![0.5, 2.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Cs {
    /// This many values on a log scale from 1e-4 to 1e4 (`np.logspace(-4, 4, n)`).
    Count(usize),
    /// These values, in this order (the path is warm-started in this order).
    List(#[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))] Vec<f64>),
}

from_values!(Cs in "learnkit::linear_model" { usize => Count = 10; Vec<f64> => List = vec![0.1, 1.0, 10.0]; });

impl Cs {
    /// The values of `C`, in path order.
    ///
    /// # Errors
    /// [`Error::TooLarge`] for a count whose values cannot be held (such as
    /// `usize::MAX`).
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::Cs;
    /// assert_eq!(Cs::Count(1).values()?, vec![1e-4]);
    /// assert!(matches!(Cs::Count(usize::MAX).values(), Err(learnkit::Error::TooLarge { .. })));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn values(&self) -> Result<Vec<f64>> {
        match self {
            Cs::Count(1) => Ok(vec![1e-4]),
            Cs::Count(n) => {
                let mut values = crate::alloc::try_with_capacity(NAME, || format!("{n} values of C (Cs)"), *n)?;
                values.extend((0..*n).map(|i| 10f64.powf(-4.0 + 8.0 * i as f64 / (*n - 1) as f64)));
                Ok(values)
            }
            Cs::List(values) => Ok(values.clone()),
        }
    }
}

/// Logistic regression with `C` (and the elastic-net `l1_ratio`) chosen by
/// cross-validation (scikit-learn's `LogisticRegressionCV`).
///
/// For each fold of `cv` and each value of `l1_ratios` (in parallel), a
/// [`LogisticRegression`] is fitted on the training rows for every value of
/// `Cs` in order, each fit starting from the previous one's solution (the
/// warm-started path), and scored on the test rows. The penalty follows
/// `l1_ratio` as [`Penalty::Auto`] does (0: L2 by L-BFGS, as before; > 0:
/// L1 or elastic net by `NewtonCd` under [`LogisticSolver::Auto`]). The best
/// `(C, l1_ratio)` has the highest sum of scores over the folds, the first
/// on ties in the order `C` first, then `l1_ratio` (scikit-learn's
/// `argmax` over its `(Cs, l1_ratios)` grid). With `refit` the model is then
/// fitted on all rows there, starting from the folds' mean solution;
/// without, its coefficients are the mean of each fold's coefficients at the
/// fold's own best pair, and `C_` and `l1_ratio_` are the means of those
/// values, as scikit-learn (which reports `l1_ratio_ = 0` there unless the
/// deprecated `penalty="elasticnet"` is set; here always the mean).
///
/// # Hyperparameters
/// - `cs` (`Cs`, default `Cs::Count(10)`).
/// - `l1_ratios` (default `vec![0.0]`, the value scikit-learn 1.10 makes its
///   default; 1.9.1's `None` means the same L2 penalty): each in `[0, 1]`.
/// - `solver` (default [`LogisticSolver::Auto`]): as [`LogisticRegression`].
/// - `cv` (default `StratifiedKFold::new(5)`): any [`Splitter`].
/// - `scoring` (default [`EstimatorScore`]: accuracy): any [`Scorer`].
/// - `refit` (default `true`).
/// - `fit_intercept` (`true`), `max_iter` (100), `tol` (1e-4), `class_weight`
///   (uniform), `n_jobs` (`None`): as [`LogisticRegression`].
///
/// # Fitted attributes
/// See [`FittedLogisticRegressionCV`]: `c` (`C_`), `l1_ratio`
/// (`l1_ratio_`), `cs` (`Cs_`), `l1_ratios` (`l1_ratios_`), `scores`, the
/// refitted `model` (`coef`, `intercept`, `classes`).
///
/// # Errors
/// [`Error::InvalidParameter`] for no `C` or a `C` not finite and > 0, no
/// `l1_ratio` or one outside `[0, 1]`, the `Lbfgs` solver with an
/// `l1_ratio` above 0, and
/// for the other hyperparameters as [`LogisticRegression`]; the splitter's
/// errors (more folds than members of the rarest class); bad data as
/// [`LogisticRegression`]; [`Error::InvalidInput`] when a fold's training
/// rows miss a class (scikit-learn would fit that fold with the class absent;
/// here the coefficient layouts must agree to warm-start and average).
///
/// # Warnings
/// Every fit along the path (and the refit) warns as
/// [`LogisticRegression`]'s does, under the name `LogisticRegressionCV`,
/// through the [`log`] facade (target `"learnkit"`).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::{Cs, LogisticRegressionCV};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegressionCV::default().cs(Cs::Count(5)).max_iter(1000).fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.cs().len(), 5);
/// assert_eq!(model.scores().dim(), (5, 5)); // folds × Cs
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct LogisticRegressionCV<C = StratifiedKFold, S = EstimatorScore> {
    /// The values of `C` on the path.
    pub cs: Cs,
    /// The values of `l1_ratio` tried, each with its own path over `Cs`.
    pub l1_ratios: Vec<f64>,
    /// The solver (see [`LogisticSolver`]).
    pub solver: LogisticSolver,
    /// The cross-validation splitter.
    pub cv: C,
    /// How a fitted model is scored on held-out rows.
    pub scoring: S,
    /// Refit at the best `C` on all rows (else average the folds' models).
    pub refit: bool,
    /// Fit the intercepts.
    pub fit_intercept: bool,
    /// Maximum L-BFGS iterations per fit.
    pub max_iter: usize,
    /// Gradient tolerance.
    pub tol: f64,
    /// Class weights.
    pub class_weight: ClassWeight,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for LogisticRegressionCV {
    fn default() -> Self {
        LogisticRegressionCV {
            cs: Cs::Count(10),
            l1_ratios: vec![0.0],
            solver: LogisticSolver::Auto,
            cv: StratifiedKFold::new(5),
            scoring: EstimatorScore,
            refit: true,
            fit_intercept: true,
            max_iter: 100,
            tol: 1e-4,
            class_weight: ClassWeight::Uniform,
            n_jobs: None,
        }
    }
}

impl<C, S> LogisticRegressionCV<C, S> {
    /// Sets `Cs`: a count of values on a log grid or the list of values, as
    /// a [`Cs`] or plainly (`10`, `vec![0.1, 1.0]`), as scikit-learn's `Cs`.
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::{Cs, LogisticRegressionCV};
    /// assert_eq!(LogisticRegressionCV::default().cs(Cs::Count(4)).cs, Cs::Count(4));
    /// assert_eq!(LogisticRegressionCV::default().cs(4).cs, Cs::Count(4));
    /// assert_eq!(LogisticRegressionCV::default().cs(vec![0.1, 1.0]).cs, Cs::List(vec![0.1, 1.0]));
    /// ```
    pub fn cs(mut self, cs: impl Into<Cs>) -> Self {
        self.cs = cs.into();
        self
    }

    /// Sets `l1_ratios`: the elastic-net mixing values tried (0 is L2, 1
    /// is L1), each in `[0, 1]`.
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::LogisticRegressionCV;
    /// assert_eq!(LogisticRegressionCV::default().l1_ratios(vec![0.0, 0.5, 1.0]).l1_ratios, vec![0.0, 0.5, 1.0]);
    /// ```
    pub fn l1_ratios(mut self, l1_ratios: Vec<f64>) -> Self {
        self.l1_ratios = l1_ratios;
        self
    }

    /// Sets `solver`.
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::{LogisticRegressionCV, LogisticSolver};
    /// let model = LogisticRegressionCV::default().solver(LogisticSolver::NewtonCd);
    /// assert_eq!(model.solver, LogisticSolver::NewtonCd);
    /// ```
    pub fn solver(mut self, solver: LogisticSolver) -> Self {
        self.solver = solver;
        self
    }

    /// Sets `cv`.
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::LogisticRegressionCV;
    /// use learnkit::model_selection::KFold;
    /// let model = LogisticRegressionCV::default().cv(KFold::new(3).shuffle(true).random_state(0));
    /// assert_eq!(model.cv.n_splits, 3);
    /// ```
    pub fn cv<C2>(self, cv: C2) -> LogisticRegressionCV<C2, S> {
        LogisticRegressionCV {
            cs: self.cs,
            l1_ratios: self.l1_ratios,
            solver: self.solver,
            cv,
            scoring: self.scoring,
            refit: self.refit,
            fit_intercept: self.fit_intercept,
            max_iter: self.max_iter,
            tol: self.tol,
            class_weight: self.class_weight,
            n_jobs: self.n_jobs,
        }
    }

    /// Sets `scoring`.
    ///
    /// # Example
    /// ```
    /// use learnkit::linear_model::LogisticRegressionCV;
    /// use learnkit::model_selection::NegLogLoss;
    /// assert_eq!(LogisticRegressionCV::default().scoring(NegLogLoss).scoring, NegLogLoss);
    /// ```
    pub fn scoring<S2>(self, scoring: S2) -> LogisticRegressionCV<C, S2> {
        LogisticRegressionCV {
            cs: self.cs,
            l1_ratios: self.l1_ratios,
            solver: self.solver,
            cv: self.cv,
            scoring,
            refit: self.refit,
            fit_intercept: self.fit_intercept,
            max_iter: self.max_iter,
            tol: self.tol,
            class_weight: self.class_weight,
            n_jobs: self.n_jobs,
        }
    }

    /// Sets `refit`.
    ///
    /// # Example
    /// ```
    /// assert!(!learnkit::linear_model::LogisticRegressionCV::default().refit(false).refit);
    /// ```
    pub fn refit(mut self, refit: bool) -> Self {
        self.refit = refit;
        self
    }

    /// Sets `fit_intercept`.
    ///
    /// # Example
    /// ```
    /// assert!(!learnkit::linear_model::LogisticRegressionCV::default().fit_intercept(false).fit_intercept);
    /// ```
    pub fn fit_intercept(mut self, fit_intercept: bool) -> Self {
        self.fit_intercept = fit_intercept;
        self
    }

    /// Sets `max_iter`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::linear_model::LogisticRegressionCV::default().max_iter(500).max_iter, 500);
    /// ```
    pub fn max_iter(mut self, max_iter: usize) -> Self {
        self.max_iter = max_iter;
        self
    }

    /// Sets `tol`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::linear_model::LogisticRegressionCV::default().tol(1e-6).tol, 1e-6);
    /// ```
    pub fn tol(mut self, tol: f64) -> Self {
        self.tol = tol;
        self
    }

    /// Sets `class_weight`.
    ///
    /// # Example
    /// ```
    /// use learnkit::class_weight::ClassWeight;
    /// let model = learnkit::linear_model::LogisticRegressionCV::default().class_weight(ClassWeight::Balanced);
    /// assert_eq!(model.class_weight, ClassWeight::Balanced);
    /// let model = learnkit::linear_model::LogisticRegressionCV::default().class_weight(vec![1.0, 3.0]);
    /// assert_eq!(model.class_weight, ClassWeight::PerClass(vec![1.0, 3.0]));
    /// ```
    pub fn class_weight(mut self, class_weight: impl Into<ClassWeight>) -> Self {
        self.class_weight = class_weight.into();
        self
    }

    /// Sets `n_jobs`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::linear_model::LogisticRegressionCV::default().n_jobs(Some(2)).n_jobs, Some(2));
    /// ```
    pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
        self.n_jobs = n_jobs;
        self
    }

    /// Checks every hyperparameter; `fit` calls it first.
    fn validate(&self) -> Result<Vec<f64>> {
        let cs = self.cs.values()?;
        if cs.is_empty() {
            return Err(Error::invalid_parameter(
                NAME,
                "Cs",
                "at least one value",
                format!("{:?}", self.cs),
            ));
        }
        for &c in &cs {
            check_positive(NAME, "Cs", c)?;
        }
        check_positive(NAME, "tol", self.tol)?;
        check_param(NAME, "max_iter", self.max_iter, ">= 1", |m| m >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        check_param(
            NAME,
            "l1_ratios",
            self.l1_ratios.as_slice(),
            "at least one value, each in [0, 1]",
            |r| !r.is_empty() && r.iter().all(|v| (0.0..=1.0).contains(v)),
        )?;
        for &r in &self.l1_ratios {
            // The solver's errors (Lbfgs with an L1 part), named as ours.
            self.at(1.0, r).resolve().map_err(|e| match e {
                Error::InvalidParameter {
                    parameter,
                    constraint,
                    value,
                    ..
                } => Error::InvalidParameter {
                    estimator: NAME.into(),
                    parameter,
                    constraint,
                    value,
                },
                other => other,
            })?;
        }
        Ok(cs)
    }

    fn at(&self, c: f64, l1_ratio: f64) -> LogisticRegression {
        LogisticRegression {
            c,
            penalty: Penalty::Auto,
            l1_ratio: Some(l1_ratio),
            solver: self.solver,
            fit_intercept: self.fit_intercept,
            max_iter: self.max_iter,
            tol: self.tol,
            class_weight: self.class_weight.clone(),
            n_jobs: None,
            verbose: 0,
        }
    }
}

/// One fold's path: the solution and the test score at each `C`.
type Path = Vec<(Vec<f64>, f64)>;

fn fold_path<F, L, S>(
    classes: &[L],
    params: &[LogisticRegression],
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, L>,
    fold: &Fold,
    scoring: &S,
) -> Result<Path>
where
    F: Float,
    L: Label,
    S: Scorer<FittedLogisticRegression<F, L>, F, L>,
{
    let (x_train, y_train) = (x.select(Axis(0), &fold.train), y.select(Axis(0), &fold.train));
    let (x_test, y_test) = (x.select(Axis(0), &fold.test), y.select(Axis(0), &fold.test));
    let mut previous: Option<Vec<f64>> = None;
    let mut path = Vec::with_capacity(params.len());
    for lr in params {
        let model = lr.fit_warm(x_train.view(), y_train.view(), previous.as_deref())?;
        if model.classes() != classes {
            // Averaging or warm-starting needs one coefficient layout.
            return Err(Error::invalid_input(
                NAME,
                format!(
                    "the training rows of a fold hold the classes {:?}, not all of {classes:?}; \
                     use a stratified splitter",
                    model.classes()
                ),
            ));
        }
        let score = scoring.score(&model, x_test.view(), y_test.view())?;
        let solution = warm_start_of(&model);
        previous = Some(solution.clone());
        path.push((solution, score));
    }
    Ok(path)
}

/// Averages solution vectors, which must have the same layout.
fn mean_solution(solutions: &[&Vec<f64>]) -> Result<Vec<f64>> {
    let len = solutions[0].len();
    if solutions.iter().any(|s| s.len() != len) {
        return Err(Error::invalid_input(
            NAME,
            "the folds' models have different numbers of classes; use a stratified splitter",
        ));
    }
    Ok((0..len)
        .map(|i| solutions.iter().map(|s| s[i]).sum::<f64>() / solutions.len() as f64)
        .collect())
}

impl<F, L, C, S> Estimator<F, L> for LogisticRegressionCV<C, S>
where
    F: Float,
    L: Label,
    C: Splitter<L> + Send,
    S: Scorer<FittedLogisticRegression<F, L>, F, L> + Send,
{
    type Fitted = FittedLogisticRegressionCV<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        let cs = self.validate()?;
        crate::parallel::with_n_jobs(self.n_jobs, || {
            check_x_y(NAME, x, y.len())?;
            let folds = self.cv.split(y, None)?;
            let (classes, _) = crate::validation::encode_labels(y.iter());
            let ratios = &self.l1_ratios;
            let (n_cs, n_ratios) = (cs.len(), ratios.len());
            // One path per (fold, l1_ratio), fold-major as scikit-learn's jobs.
            let jobs: Vec<(usize, usize)> = (0..folds.len())
                .flat_map(|f| (0..n_ratios).map(move |l| (f, l)))
                .collect();
            let paths: Vec<Path> = jobs
                .par_iter()
                .map(|&(f, l)| {
                    let params: Vec<LogisticRegression> = cs.iter().map(|&c| self.at(c, ratios[l])).collect();
                    fold_path(&classes, &params, x, y, &folds[f], &self.scoring)
                })
                .collect::<Result<_>>()?;
            let path = |f: usize, l: usize| &paths[f * n_ratios + l];
            // Columns l1_ratio-major: column `l * n_cs + c`.
            let scores = Array2::from_shape_fn((folds.len(), n_ratios * n_cs), |(f, col)| {
                path(f, col / n_cs)[col % n_cs].1
            });
            // The grid in scikit-learn's argmax order: C first, then l1_ratio.
            let grid: Vec<(usize, usize)> = (0..n_cs).flat_map(|c| (0..n_ratios).map(move |l| (c, l))).collect();
            let (model, c, l1_ratio) = if self.refit {
                let sums = grid.iter().map(|&(c, l)| scores.column(l * n_cs + c).sum());
                let (best_c, best_l) = grid[first_max(sums)];
                let init = mean_solution(&(0..folds.len()).map(|f| &path(f, best_l)[best_c].0).collect::<Vec<_>>())?;
                let (c, r) = (cs[best_c], ratios[best_l]);
                (self.at(c, r).fit_warm(x, y, Some(&init))?, c, r)
            } else {
                // Each fold's own best pair; the model averages those solutions.
                let bests: Vec<(usize, usize)> = (0..folds.len())
                    .map(|f| grid[first_max(grid.iter().map(|&(c, l)| scores[[f, l * n_cs + c]]))])
                    .collect();
                let solution = mean_solution(
                    &bests
                        .iter()
                        .enumerate()
                        .map(|(f, &(c, l))| &path(f, l)[c].0)
                        .collect::<Vec<_>>(),
                )?;
                let c = bests.iter().map(|&(c, _)| cs[c]).sum::<f64>() / bests.len() as f64;
                let r = bests.iter().map(|&(_, l)| ratios[l]).sum::<f64>() / bests.len() as f64;
                // A model with those coefficients: a one-iteration fit gives
                // the classes and the layout, then takes the mean solution.
                let template = LogisticRegression {
                    max_iter: 1,
                    ..self.at(c, r)
                }
                .fit_quiet(x, y)?;
                (template.with_solution(&solution), c, r)
            };
            Ok(FittedLogisticRegressionCV {
                model,
                cs,
                c,
                l1_ratios: ratios.clone(),
                l1_ratio,
                scores,
            })
        })?
    }
}

/// The index of the first largest value (NaN never wins).
fn first_max(values: impl Iterator<Item = f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (i, v) in values.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

/// A fitted [`LogisticRegressionCV`]: the model at the chosen `C` and the
/// cross-validation scores of the path.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::{Cs, LogisticRegressionCV};
/// let iris = learnkit::datasets::load_iris();
/// let fitted = LogisticRegressionCV::default().cs(Cs::List(vec![0.001, 1.0])).max_iter(1000)
///     .fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(fitted.c(), 1.0);
/// assert_eq!(fitted.model().coef().nrows(), 3);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(
            serialize = "F: Float, L: Label + serde::Serialize",
            deserialize = "F: Float, L: Label + serde::de::DeserializeOwned"
        )
    )
)]
pub struct FittedLogisticRegressionCV<F, L> {
    /// Checked when it is read (its own `Check`).
    model: FittedLogisticRegression<F, L>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    cs: Vec<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    c: f64,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    l1_ratios: Vec<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    l1_ratio: f64,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    scores: Array2<f64>,
}

checked_serde!(impl[F: Float, L: Label] FittedLogisticRegressionCV<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedLogisticRegressionCV<F, L> => format!("LogisticRegressionCV<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedLogisticRegressionCV<F, L> {
    /// At least one `C`, each finite and > 0, one score column per `C`, and
    /// the model fitted at the chosen `C`.
    fn check(&self) -> std::result::Result<(), String> {
        ensure(
            !self.cs.is_empty() && self.cs.iter().all(|c| c.is_finite() && *c > 0.0),
            || format!("{NAME}: Cs must hold at least one finite value > 0, got {:?}", self.cs),
        )?;
        ensure(
            !self.l1_ratios.is_empty() && self.l1_ratios.iter().all(|r| (0.0..=1.0).contains(r)),
            || {
                format!(
                    "{NAME}: l1_ratios must hold at least one value in [0, 1], got {:?}",
                    self.l1_ratios
                )
            },
        )?;
        same_len(
            &format!("{NAME}: score columns"),
            self.cs.len() * self.l1_ratios.len(),
            self.scores.ncols(),
        )?;
        ensure(self.model.l1_ratio() == Some(self.l1_ratio), || {
            format!(
                "{NAME}: l1_ratio_ is {} but the model was fitted with {:?}",
                self.l1_ratio,
                self.model.l1_ratio()
            )
        })?;
        ensure(self.scores.nrows() >= 1, || format!("{NAME}: no fold scores"))?;
        // With `refit` the model is fitted at the best C, without at the
        // mean of the folds' Cs: either way its own C is `c`.
        ensure(self.model.c().to_bits() == self.c.to_bits(), || {
            format!(
                "{NAME}: C_ is {} but the model was fitted at C = {}",
                self.c,
                self.model.c()
            )
        })
    }
}

impl<F: Float, L: Label> FittedLogisticRegressionCV<F, L> {
    /// The chosen `C` (scikit-learn's `C_`, one value shared by all classes).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::{Cs, LogisticRegressionCV};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = LogisticRegressionCV::default().cs(Cs::List(vec![2.0])).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.c(), 2.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn c(&self) -> f64 {
        self.c
    }

    /// The chosen `l1_ratio` (scikit-learn's `l1_ratio_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::{Cs, LogisticRegressionCV};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = LogisticRegressionCV::default().cs(Cs::List(vec![1.0])).l1_ratios(vec![0.5])
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.l1_ratio(), 0.5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn l1_ratio(&self) -> f64 {
        self.l1_ratio
    }

    /// The values of `l1_ratio` tried (`l1_ratios_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::{Cs, LogisticRegressionCV};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = LogisticRegressionCV::default().cs(Cs::Count(2)).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.l1_ratios(), &[0.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn l1_ratios(&self) -> &[f64] {
        &self.l1_ratios
    }

    /// The values of `C` on the path (`Cs_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::{Cs, LogisticRegressionCV};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = LogisticRegressionCV::default().cs(Cs::Count(3)).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.cs(), &[1e-4, 1.0, 1e4]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn cs(&self) -> &[f64] {
        &self.cs
    }

    /// The test score of each fold (row) at each `(l1_ratio, C)` (column
    /// `l * n_cs + c` for `l1_ratios()[l]` and `cs()[c]`; one `l1_ratio`
    /// gives one column per `C`): scikit-learn's `scores_` without its
    /// legacy layout, `(n_folds, n_l1_ratios, n_cs)`, flattened.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::{Cs, LogisticRegressionCV};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = LogisticRegressionCV::default().cs(Cs::Count(3)).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.scores().dim(), (5, 3));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scores(&self) -> ArrayView2<'_, f64> {
        self.scores.view()
    }

    /// The logistic regression at the chosen `C`: its `coef`, `intercept`,
    /// `classes`, `n_iter`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::{Cs, LogisticRegressionCV};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = LogisticRegressionCV::default().cs(Cs::Count(3)).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.model().intercept().len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn model(&self) -> &FittedLogisticRegression<F, L> {
        &self.model
    }
}

impl<F: Float, L: Label> Predictor<F> for FittedLogisticRegressionCV<F, L> {
    type Output = L;
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        self.model.predict(x)
    }
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        self.model.score(x, y)
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedLogisticRegressionCV<F, L> {
    fn classes(&self) -> &[L] {
        self.model.classes()
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedLogisticRegressionCV<F, L> {
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.model.predict_proba(x)
    }
}

impl<F: Float, L: Label> DecisionFunction<F> for FittedLogisticRegressionCV<F, L> {
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.model.decision_function(x)
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedLogisticRegressionCV<F, L> {
    /// The decision function for two classes, the probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_decision(self, x, |x| self.predict_proba(x))
    }
}

#[cfg(all(test, feature = "datasets"))]
mod tests {
    use super::*;

    #[test]
    fn warm_start_from_the_optimum_needs_fewer_iterations() {
        let iris = crate::datasets::load_iris();
        let lr = LogisticRegression::default().tol(1e-8).max_iter(10_000);
        let cold: FittedLogisticRegression<f64, usize> = lr.fit(iris.data.view(), iris.target.view()).unwrap();
        let warm = lr
            .fit_warm(iris.data.view(), iris.target.view(), Some(&warm_start_of(&cold)))
            .unwrap();
        assert!(cold.n_iter() > 20, "cold start took {} iterations", cold.n_iter());
        assert!(
            warm.n_iter() < cold.n_iter() / 4,
            "warm {} vs cold {}",
            warm.n_iter(),
            cold.n_iter()
        );
    }
}
