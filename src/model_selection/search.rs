//! [`GridSearchCV`] and [`RandomizedSearchCV`]: cross-validate every
//! candidate, in parallel over all (candidate, fold) pairs, and refit the best
//! on all the data.
//!
//! Candidates are not described by string parameter names: a search holds a
//! list of parameter values `P` (any type: a number, a tuple, a struct) and a
//! `build` closure that turns one into an estimator, so any estimator or any
//! step of a pipeline can be searched with the compiler checking the names.

use super::cross_validation::{FoldScore, checked_folds, fit_and_score, to_caller_rows};
use super::scoring::{EstimatorScore, Scorer};
use super::splitter::Splitter;
use crate::distributed::{Communicator, agreed};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::traits::{Classifier, DecisionFunction, Estimator, PredictProba, Predictor};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::rngs::StdRng;
use rayon::prelude::*;
use std::fmt;

mod distributed;

/// The cross-validation results of every candidate of a search, in candidate
/// order (scikit-learn's `cv_results_`). `Display` prints them as a table.
///
/// Timings are measurements, not part of the model: they are not serialised
/// (a deserialised result has none), so that two fits of the same search
/// serialise identically.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let search = GridSearchCV::new(vec![0.01, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3));
/// let results = search.evaluate(iris.data.view(), iris.target.view())?;
/// assert_eq!(results.rank_test_score, vec![2, 1]);
/// assert!(results.to_string().contains("mean_test_score"));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CvResults<P> {
    /// Each candidate's parameter values.
    pub params: Vec<P>,
    /// Test score of each candidate (row) on each fold (column).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    pub split_test_scores: Array2<f64>,
    /// Mean test score over the folds, per candidate.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub mean_test_score: Vec<f64>,
    /// Standard deviation (population, as NumPy's `std`) of the test scores.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::vec"))]
    pub std_test_score: Vec<f64>,
    /// Rank of each candidate by mean test score: 1 is the best; ties share
    /// the smallest rank (scikit-learn's `method="min"`), NaN ranks last.
    pub rank_test_score: Vec<usize>,
    /// Training scores per candidate and fold, with `return_train_score`.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    pub split_train_scores: Option<Array2<f64>>,
    /// Mean seconds spent fitting, per candidate (not serialised).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub mean_fit_time: Vec<f64>,
    /// Mean seconds spent scoring, per candidate (not serialised).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub mean_score_time: Vec<f64>,
}

impl<P> CvResults<P> {
    /// The index of the best candidate: rank 1, the first one on ties.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let search = GridSearchCV::new(vec![0.001, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3));
    /// assert_eq!(search.evaluate(iris.data.view(), iris.target.view())?.best_index(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn best_index(&self) -> usize {
        self.rank_test_score.iter().position(|&r| r == 1).unwrap_or(0)
    }

    fn from_scores(params: Vec<P>, scores: &[FoldScore], n_folds: usize, train: bool) -> Self {
        let n = params.len();
        let test = Array2::from_shape_fn((n, n_folds), |(c, f)| scores[c * n_folds + f].test);
        let split_train_scores = train
            .then(|| Array2::from_shape_fn((n, n_folds), |(c, f)| scores[c * n_folds + f].train.unwrap_or(f64::NAN)));
        let mean = |c: usize, value: &dyn Fn(&FoldScore) -> f64| {
            scores[c * n_folds..(c + 1) * n_folds].iter().map(value).sum::<f64>() / n_folds as f64
        };
        let mean_test_score: Vec<f64> = (0..n).map(|c| mean(c, &|s| s.test)).collect();
        let std_test_score = (0..n)
            .map(|c| (mean(c, &|s| (s.test - mean_test_score[c]).powi(2))).sqrt())
            .collect();
        let rank_test_score = (0..n)
            .map(|c| {
                let m = mean_test_score[c];
                if m.is_nan() {
                    1 + mean_test_score.iter().filter(|v| !v.is_nan()).count()
                } else {
                    1 + mean_test_score.iter().filter(|&&v| v > m).count()
                }
            })
            .collect();
        CvResults {
            split_test_scores: test,
            mean_fit_time: (0..n).map(|c| mean(c, &|s| s.fit_time)).collect(),
            mean_score_time: (0..n).map(|c| mean(c, &|s| s.score_time)).collect(),
            params,
            mean_test_score,
            std_test_score,
            rank_test_score,
            split_train_scores,
        }
    }
}

impl<P: fmt::Debug> fmt::Display for CvResults<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:>4}  {:>15}  {:>14}  params",
            "rank", "mean_test_score", "std_test_score"
        )?;
        for c in 0..self.params.len() {
            writeln!(
                f,
                "{:>4}  {:>15.6}  {:>14.6}  {:?}",
                self.rank_test_score[c], self.mean_test_score[c], self.std_test_score[c], self.params[c]
            )?;
        }
        Ok(())
    }
}

/// Cross-validates every (candidate, fold) pair in parallel, in a fixed
/// order: the scores do not depend on the number of threads.
#[allow(clippy::too_many_arguments)]
pub(super) fn run_search<F, T, P, B, E, C, S>(
    name: &'static str,
    params: Vec<P>,
    build: &B,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    groups: Option<ArrayView1<'_, usize>>,
    cv: &C,
    scoring: &S,
    return_train_score: bool,
    comm: Option<&dyn Communicator>,
) -> Result<CvResults<P>>
where
    F: Float,
    T: Clone + Send + Sync,
    B: Fn(&P) -> E + Sync,
    E: Estimator<F, T> + Sync,
    C: Splitter<T>,
    S: Scorer<E::Fitted, F, T>,
{
    if params.is_empty() {
        return Err(Error::invalid_parameter(
            name,
            "param_grid",
            "at least one candidate",
            "[]",
        ));
    }
    let folds = agreed(comm, checked_folds(name, x, y, groups, cv))?;
    let n_folds = folds.len();
    check_score_table(name, params.len(), n_folds)?;
    let candidates: Vec<E> = params.iter().map(build).collect();
    // With a communicator, candidate `c` is cross-validated on rank
    // `c % size` only (see `distributed`).
    let tasks: Vec<usize> = (0..candidates.len() * n_folds)
        .filter(|task| distributed::owns(comm, task / n_folds))
        .collect();
    let scores = tasks
        .into_par_iter()
        .map(|task| {
            let (c, f) = (task / n_folds, task % n_folds);
            fit_and_score(&candidates[c], x, y, &folds[f], scoring, return_train_score)
        })
        .collect::<Result<Vec<FoldScore>>>();
    let scores = match comm {
        None => scores?,
        Some(comm) => distributed::exchange_scores(comm, name, agreed(Some(comm), scores)?, params.len(), n_folds)?,
    };
    Ok(CvResults::from_scores(params, &scores, n_folds, return_train_score))
}

/// Checks that the (candidate, fold) score table can be held (the count is
/// a product of two user-given sizes): [`Error::TooLarge`] otherwise.
pub(super) fn check_score_table(name: &'static str, n_candidates: usize, n_folds: usize) -> Result<()> {
    crate::alloc::check_fits_values::<FoldScore>(
        name,
        || format!("the scores of {n_candidates} candidates × {n_folds} folds"),
        &[n_candidates, n_folds],
    )
}

/// A fitted search: the best candidate refitted on all the data, its
/// parameters and the cross-validation results of every candidate. Predicts
/// (and gives probabilities and decision scores) with the best model.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let search = GridSearchCV::new(vec![0.01, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3));
/// let fitted = search.fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(*fitted.best_params(), 1.0);
/// assert_eq!(fitted.best_estimator().coef().nrows(), 3);
/// assert!(fitted.best_score() > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self"))]
pub struct FittedSearchCV<P, M> {
    cv_results: CvResults<P>,
    best_index: usize,
    best_estimator: M,
}

checked_serde!(impl[P, M] FittedSearchCV<P, M>;
    ser[P: serde::Serialize, M: serde::Serialize]
    de[P: serde::de::DeserializeOwned, M: serde::de::DeserializeOwned]);
persist!(impl[P, M: crate::persistence::Persist] FittedSearchCV<P, M> => format!("SearchCV<{}>", M::model_name()));

impl<P, M> crate::persistence::Check for FittedSearchCV<P, M> {
    /// One result per candidate in every table, and the best one among them.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::{all_below, same_len};
        let r = &self.cv_results;
        let n = r.params.len();
        same_len("split_test_scores", n, r.split_test_scores.nrows())?;
        same_len("mean_test_score", n, r.mean_test_score.len())?;
        same_len("std_test_score", n, r.std_test_score.len())?;
        same_len("rank_test_score", n, r.rank_test_score.len())?;
        if let Some(train) = &r.split_train_scores {
            same_len("split_train_scores", n, train.nrows())?;
        }
        all_below("best_index", [&self.best_index], n)
    }
}

impl<P, M> FittedSearchCV<P, M> {
    /// The cross-validation results of every candidate (`cv_results_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = GridSearchCV::new(vec![1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3))
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.cv_results().split_test_scores.dim(), (1, 3));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn cv_results(&self) -> &CvResults<P> {
        &self.cv_results
    }

    /// The index of the best candidate (`best_index_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = GridSearchCV::new(vec![1.0, 0.001], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3))
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.best_index(), 0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn best_index(&self) -> usize {
        self.best_index
    }

    /// The best candidate's parameter values (`best_params_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = GridSearchCV::new(vec![0.001, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3))
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(*fitted.best_params(), 1.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn best_params(&self) -> &P {
        &self.cv_results.params[self.best_index]
    }

    /// The best candidate's mean test score (`best_score_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = GridSearchCV::new(vec![1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3))
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.best_score(), fitted.cv_results().mean_test_score[0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn best_score(&self) -> f64 {
        self.cv_results.mean_test_score[self.best_index]
    }

    /// The best candidate refitted on all the data (`best_estimator_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let fitted = GridSearchCV::new(vec![1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(3))
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(fitted.best_estimator().n_features_in(), 4);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn best_estimator(&self) -> &M {
        &self.best_estimator
    }
}

impl<P, F: Float, M: Predictor<F>> Predictor<F> for FittedSearchCV<P, M> {
    type Output = M::Output;
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<M::Output>> {
        self.best_estimator.predict(x)
    }
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, M::Output>) -> Result<f64> {
        self.best_estimator.score(x, y)
    }
}

impl<P, F: Float, M: Classifier<F>> Classifier<F> for FittedSearchCV<P, M> {
    fn classes(&self) -> &[M::Output] {
        self.best_estimator.classes()
    }
}

impl<P, F: Float, M: PredictProba<F>> PredictProba<F> for FittedSearchCV<P, M> {
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.best_estimator.predict_proba(x)
    }
}

impl<P, F: Float, M: DecisionFunction<F>> DecisionFunction<F> for FittedSearchCV<P, M> {
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.best_estimator.decision_function(x)
    }
}

impl<P, F: Float, M: crate::traits::RankingScores<F>> crate::traits::RankingScores<F> for FittedSearchCV<P, M> {
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.best_estimator.scores_for_ranking(x)
    }
}

/// Refits the best candidate of `results` on all the data, in a pool of
/// `n_jobs` threads.
fn refit<F, T, P, B, E>(
    results: CvResults<P>,
    build: &B,
    x: ArrayView2<'_, F>,
    y: ArrayView1<'_, T>,
    n_jobs: Option<usize>,
) -> Result<FittedSearchCV<P, E::Fitted>>
where
    F: Float,
    T: Send + Sync,
    P: Send,
    B: Fn(&P) -> E + Sync,
    E: Estimator<F, T>,
    E::Fitted: Send,
{
    crate::parallel::with_n_jobs(n_jobs, || {
        let best_index = results.best_index();
        let best_estimator = build(&results.params[best_index])
            .fit(x, y)
            .map_err(|e| to_caller_rows(e, &(0..x.nrows()).collect::<Vec<_>>()))?;
        Ok(FittedSearchCV {
            cv_results: results,
            best_index,
            best_estimator,
        })
    })?
}

/// Generates, inside a search's `impl` block, the `return_train_score` and
/// `n_jobs` setters both searches share, with doctests: `$ty` is the
/// search, `$new` an expression making one (`LogisticRegression` and
/// `KFold` are in scope).
macro_rules! search_setters {
    ($ty:ident, $new:literal) => {
        /// Sets `return_train_score`.
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::model_selection::{KFold, ", stringify!($ty), "};")]
        #[doc = concat!("let search = ", $new, ".return_train_score(true);")]
        /// assert!(search.return_train_score);
        /// ```
        pub fn return_train_score(mut self, return_train_score: bool) -> Self {
            self.return_train_score = return_train_score;
            self
        }

        /// Sets `n_jobs`.
        ///
        /// # Example
        /// ```
        /// use learnkit::prelude::*;
        #[doc = concat!("use learnkit::model_selection::{KFold, ", stringify!($ty), "};")]
        #[doc = concat!("let search = ", $new, ".n_jobs(Some(2));")]
        /// assert_eq!(search.n_jobs, Some(2));
        /// ```
        pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
            self.n_jobs = n_jobs;
            self
        }
    };
}

/// Exhaustive search over a list of candidates with cross-validation
/// (scikit-learn's `GridSearchCV` with `refit=True`).
///
/// `param_grid` lists the candidates' parameter values and `build` makes the
/// estimator of one; for several parameters use tuples (see the example).
/// [`fit`](Estimator::fit) cross-validates every candidate on every fold of
/// `cv` — all (candidate, fold) pairs in parallel, results gathered in a fixed
/// order so that 1 or 16 threads give the same result — then refits the best
/// candidate (highest mean test score, the first on ties) on all the data.
/// [`evaluate`](Self::evaluate) gives the results without the refit.
///
/// Nested parallelism: each fit keeps the estimator's own `n_jobs`; its
/// parallel loops join the search's pool and rayon's work stealing shares the
/// cores. Give the estimator `n_jobs(Some(1))` to keep each fit sequential.
///
/// # Hyperparameters
/// - `param_grid`, `build`, `cv`: given to [`new`](Self::new).
/// - `scoring` (default [`EstimatorScore`], the model's own `score`): any [`Scorer`].
/// - `return_train_score` (default `false`).
/// - `n_jobs` (default `None`, every core).
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty grid or `n_jobs = Some(0)`;
/// otherwise as [`cross_validate`](super::cross_validate): bad data, a
/// splitter that cannot split, a candidate that fails to fit (scikit-learn
/// would record a NaN score and warn; here the search fails).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{GridSearchCV, NegLogLoss, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let grid: Vec<(f64, bool)> = [0.1, 1.0, 10.0]
///     .into_iter()
///     .flat_map(|c| [true, false].map(move |intercept| (c, intercept)))
///     .collect();
/// let search = GridSearchCV::new(
///     grid,
///     |&(c, intercept): &(f64, bool)| LogisticRegression::default().c(c).fit_intercept(intercept).max_iter(1000),
///     StratifiedKFold::new(5),
/// )
/// .scoring(NegLogLoss);
/// let fitted = search.fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(*fitted.best_params(), (10.0, true));
/// println!("{}", fitted.cv_results());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct GridSearchCV<P, B, C, S = EstimatorScore> {
    /// The candidates' parameter values.
    pub param_grid: Vec<P>,
    /// Makes the estimator of one candidate.
    pub build: B,
    /// The cross-validation splitter.
    pub cv: C,
    /// How a fitted candidate is scored on held-out rows.
    pub scoring: S,
    /// Whether to score each fit on its training rows too.
    pub return_train_score: bool,
    /// Threads for the search (`None`: every core).
    pub n_jobs: Option<usize>,
}

impl<P: fmt::Debug, B, C: fmt::Debug, S: fmt::Debug> fmt::Debug for GridSearchCV<P, B, C, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GridSearchCV")
            .field("param_grid", &self.param_grid)
            .field("cv", &self.cv)
            .field("scoring", &self.scoring)
            .field("return_train_score", &self.return_train_score)
            .field("n_jobs", &self.n_jobs)
            .finish_non_exhaustive()
    }
}

impl<P, B, C> GridSearchCV<P, B, C, EstimatorScore> {
    /// A search over `param_grid`, each candidate built by `build`, each
    /// evaluated on the folds of `cv`; other settings at their defaults.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, KFold};
    /// let search = GridSearchCV::new(vec![0.1, 1.0], |&c: &f64| LogisticRegression::default().c(c), KFold::new(3));
    /// assert_eq!(search.param_grid.len(), 2);
    /// ```
    pub fn new(param_grid: Vec<P>, build: B, cv: C) -> Self {
        GridSearchCV {
            param_grid,
            build,
            cv,
            scoring: EstimatorScore,
            return_train_score: false,
            n_jobs: None,
        }
    }
}

impl<P, B, C, S> GridSearchCV<P, B, C, S> {
    /// Sets `scoring`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{Accuracy, GridSearchCV, KFold};
    /// let search = GridSearchCV::new(vec![1.0], |&c: &f64| LogisticRegression::default().c(c), KFold::new(3)).scoring(Accuracy);
    /// assert_eq!(search.scoring, Accuracy);
    /// ```
    pub fn scoring<S2>(self, scoring: S2) -> GridSearchCV<P, B, C, S2> {
        GridSearchCV {
            param_grid: self.param_grid,
            build: self.build,
            cv: self.cv,
            scoring,
            return_train_score: self.return_train_score,
            n_jobs: self.n_jobs,
        }
    }

    search_setters!(
        GridSearchCV,
        "GridSearchCV::new(vec![1.0], |&c: &f64| LogisticRegression::default().c(c), KFold::new(3))"
    );

    /// Cross-validates every candidate without refitting (scikit-learn's
    /// `refit=False`).
    ///
    /// # Errors
    /// As [`GridSearchCV`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let search = GridSearchCV::new(vec![0.1, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), StratifiedKFold::new(5));
    /// let results = search.evaluate(iris.data.view(), iris.target.view())?;
    /// assert_eq!(results.mean_test_score.len(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn evaluate<F, T, E>(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<CvResults<P>>
    where
        F: Float,
        T: Clone + Send + Sync,
        P: Clone + Send + Sync,
        B: Fn(&P) -> E + Sync + Send,
        E: Estimator<F, T> + Sync,
        C: Splitter<T> + Send,
        S: Scorer<E::Fitted, F, T> + Send,
    {
        self.evaluate_grouped(x, y, None)
    }

    /// [`evaluate`](Self::evaluate) with `groups` (one id per row) for the
    /// splitter, as [`GroupKFold`](super::GroupKFold) needs.
    ///
    /// # Errors
    /// As [`GridSearchCV`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{GridSearchCV, GroupKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let groups = ndarray::Array1::from_iter((0..150).map(|i| i % 10));
    /// let search = GridSearchCV::new(vec![0.1, 1.0], |&c: &f64| LogisticRegression::default().c(c).max_iter(1000), GroupKFold::new(5));
    /// let results = search.evaluate_grouped(iris.data.view(), iris.target.view(), Some(groups.view()))?;
    /// assert_eq!(results.split_test_scores.ncols(), 5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn evaluate_grouped<F, T, E>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        groups: Option<ArrayView1<'_, usize>>,
    ) -> Result<CvResults<P>>
    where
        F: Float,
        T: Clone + Send + Sync,
        P: Clone + Send + Sync,
        B: Fn(&P) -> E + Sync + Send,
        E: Estimator<F, T> + Sync,
        C: Splitter<T> + Send,
        S: Scorer<E::Fitted, F, T> + Send,
    {
        crate::parallel::with_n_jobs(self.n_jobs, || {
            run_search(
                "GridSearchCV",
                self.param_grid.clone(),
                &self.build,
                x,
                y,
                groups,
                &self.cv,
                &self.scoring,
                self.return_train_score,
                None,
            )
        })?
    }
}

impl<F, T, P, B, C, S, E> Estimator<F, T> for GridSearchCV<P, B, C, S>
where
    F: Float,
    T: Clone + Send + Sync,
    P: Clone + Send + Sync,
    B: Fn(&P) -> E + Sync + Send,
    E: Estimator<F, T> + Sync,
    E::Fitted: Send,
    C: Splitter<T> + Send,
    S: Scorer<E::Fitted, F, T> + Send,
{
    type Fitted = FittedSearchCV<P, E::Fitted>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        let results = self.evaluate(x, y)?;
        refit(results, &self.build, x, y, self.n_jobs)
    }
}

/// Randomized search: `n_iter` candidates drawn by a `sample` closure from a
/// seeded generator, then cross-validated and refitted exactly as
/// [`GridSearchCV`] (scikit-learn's `RandomizedSearchCV` with `refit=True`).
///
/// The candidates are drawn in order from one generator seeded with
/// `random_state`, before any fitting, so the same seed gives the same
/// candidates and the same result on any number of threads. Draw from any
/// distribution with `rand` / `rand_distr` inside `sample`.
///
/// # Hyperparameters
/// - `sample`, `build`, `cv`: given to [`new`](Self::new).
/// - `n_iter` (default 10): candidates to draw, at least 1.
/// - `scoring` (default [`EstimatorScore`]), `return_train_score` (`false`),
///   `n_jobs` (`None`), `random_state` (`None`: fresh entropy).
///
/// # Errors
/// As [`GridSearchCV`]; `n_iter = 0` is [`Error::InvalidParameter`], an
/// `n_iter` whose candidates and scores could not be held in memory (such as
/// `usize::MAX`) [`Error::TooLarge`], before any candidate is drawn.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{RandomizedSearchCV, StratifiedKFold};
/// use rand::Rng;
/// let iris = learnkit::datasets::load_iris();
/// let search = RandomizedSearchCV::new(
///     |rng: &mut rand::rngs::StdRng| 10f64.powf(rng.random_range(-3.0..2.0)), // log-uniform C
///     |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
///     StratifiedKFold::new(5),
/// )
/// .n_iter(6)
/// .random_state(0);
/// let fitted = search.fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(fitted.cv_results().params.len(), 6);
/// assert!(fitted.best_score() > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct RandomizedSearchCV<D, B, C, S = EstimatorScore> {
    /// Draws one candidate's parameter values.
    pub sample: D,
    /// Makes the estimator of one candidate.
    pub build: B,
    /// The cross-validation splitter.
    pub cv: C,
    /// How a fitted candidate is scored on held-out rows.
    pub scoring: S,
    /// Number of candidates.
    pub n_iter: usize,
    /// Whether to score each fit on its training rows too.
    pub return_train_score: bool,
    /// Threads for the search (`None`: every core).
    pub n_jobs: Option<usize>,
    /// Seed of the candidates' draws.
    pub random_state: Option<u64>,
}

impl<D, B, C: fmt::Debug, S: fmt::Debug> fmt::Debug for RandomizedSearchCV<D, B, C, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RandomizedSearchCV")
            .field("cv", &self.cv)
            .field("scoring", &self.scoring)
            .field("n_iter", &self.n_iter)
            .field("return_train_score", &self.return_train_score)
            .field("n_jobs", &self.n_jobs)
            .field("random_state", &self.random_state)
            .finish_non_exhaustive()
    }
}

impl<D, B, C> RandomizedSearchCV<D, B, C, EstimatorScore> {
    /// A search over candidates drawn by `sample`, each built by `build` and
    /// evaluated on the folds of `cv`; other settings at their defaults.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{KFold, RandomizedSearchCV};
    /// let search = RandomizedSearchCV::new(|_: &mut rand::rngs::StdRng| 1.0, |&c: &f64| LogisticRegression::default().c(c), KFold::new(3));
    /// assert_eq!(search.n_iter, 10);
    /// ```
    pub fn new(sample: D, build: B, cv: C) -> Self {
        RandomizedSearchCV {
            sample,
            build,
            cv,
            scoring: EstimatorScore,
            n_iter: 10,
            return_train_score: false,
            n_jobs: None,
            random_state: None,
        }
    }
}

impl<D, B, C, S> RandomizedSearchCV<D, B, C, S> {
    /// Sets `scoring`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{Accuracy, KFold, RandomizedSearchCV};
    /// let search = RandomizedSearchCV::new(|_: &mut rand::rngs::StdRng| 1.0, |&c: &f64| LogisticRegression::default().c(c), KFold::new(3))
    ///     .scoring(Accuracy);
    /// assert_eq!(search.scoring, Accuracy);
    /// ```
    pub fn scoring<S2>(self, scoring: S2) -> RandomizedSearchCV<D, B, C, S2> {
        RandomizedSearchCV {
            sample: self.sample,
            build: self.build,
            cv: self.cv,
            scoring,
            n_iter: self.n_iter,
            return_train_score: self.return_train_score,
            n_jobs: self.n_jobs,
            random_state: self.random_state,
        }
    }

    /// Sets `n_iter`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{KFold, RandomizedSearchCV};
    /// let search = RandomizedSearchCV::new(|_: &mut rand::rngs::StdRng| 1.0, |&c: &f64| LogisticRegression::default().c(c), KFold::new(3)).n_iter(3);
    /// assert_eq!(search.n_iter, 3);
    /// ```
    pub fn n_iter(mut self, n_iter: usize) -> Self {
        self.n_iter = n_iter;
        self
    }

    search_setters!(
        RandomizedSearchCV,
        "RandomizedSearchCV::new(|_: &mut rand::rngs::StdRng| 1.0, |&c: &f64| LogisticRegression::default().c(c), KFold::new(3))"
    );

    /// Sets `random_state`: the seed of the candidates' draws.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{KFold, RandomizedSearchCV};
    /// let search = RandomizedSearchCV::new(|_: &mut rand::rngs::StdRng| 1.0, |&c: &f64| LogisticRegression::default().c(c), KFold::new(3)).random_state(7);
    /// assert_eq!(search.random_state, Some(7));
    /// ```
    pub fn random_state(mut self, seed: u64) -> Self {
        self.random_state = Some(seed);
        self
    }

    /// Draws the candidates and cross-validates them without refitting.
    ///
    /// # Errors
    /// As [`RandomizedSearchCV`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{RandomizedSearchCV, StratifiedKFold};
    /// use rand::Rng;
    /// let iris = learnkit::datasets::load_iris();
    /// let search = RandomizedSearchCV::new(
    ///     |rng: &mut rand::rngs::StdRng| rng.random_range(0.1..10.0),
    ///     |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
    ///     StratifiedKFold::new(3),
    /// )
    /// .n_iter(3)
    /// .random_state(1);
    /// let a = search.evaluate(iris.data.view(), iris.target.view(), None)?;
    /// let b = search.evaluate(iris.data.view(), iris.target.view(), None)?;
    /// assert_eq!(a.params, b.params);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn evaluate<F, T, P, E>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, T>,
        groups: Option<ArrayView1<'_, usize>>,
    ) -> Result<CvResults<P>>
    where
        F: Float,
        T: Clone + Send + Sync,
        P: Send + Sync,
        D: Fn(&mut StdRng) -> P,
        B: Fn(&P) -> E + Sync + Send,
        E: Estimator<F, T> + Sync,
        C: Splitter<T> + Send,
        S: Scorer<E::Fitted, F, T> + Send,
    {
        const NAME: &str = "RandomizedSearchCV";
        if self.n_iter == 0 {
            return Err(Error::invalid_parameter(NAME, "n_iter", "at least 1", 0));
        }
        // Each candidate is drawn, built and scored on every fold (at least
        // one): refuse an n_iter whose candidates and scores cannot be held
        // before drawing any (usize::MAX would otherwise draw forever).
        let per_candidate = std::mem::size_of::<P>() + std::mem::size_of::<E>() + std::mem::size_of::<FoldScore>();
        crate::alloc::check_fits_values::<u8>(
            NAME,
            || format!("{} candidates and their scores", self.n_iter),
            &[self.n_iter, per_candidate],
        )?;
        let mut params: Vec<P> =
            crate::alloc::try_with_capacity(NAME, || format!("{} candidates", self.n_iter), self.n_iter)?;
        let mut rng = crate::random::rng_from(self.random_state);
        params.extend((0..self.n_iter).map(|_| (self.sample)(&mut rng)));
        // Borrow the fields one by one: `sample` need not be `Sync`.
        let (build, cv, scoring, train) = (&self.build, &self.cv, &self.scoring, self.return_train_score);
        crate::parallel::with_n_jobs(self.n_jobs, || {
            run_search(NAME, params, build, x, y, groups, cv, scoring, train, None)
        })?
    }
}

impl<F, T, P, D, B, C, S, E> Estimator<F, T> for RandomizedSearchCV<D, B, C, S>
where
    F: Float,
    T: Clone + Send + Sync,
    P: Send + Sync,
    D: Fn(&mut StdRng) -> P,
    B: Fn(&P) -> E + Sync + Send,
    E: Estimator<F, T> + Sync,
    E::Fitted: Send,
    C: Splitter<T> + Send,
    S: Scorer<E::Fitted, F, T> + Send,
{
    type Fitted = FittedSearchCV<P, E::Fitted>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Self::Fitted> {
        let results = self.evaluate(x, y, None)?;
        refit(results, &self.build, x, y, self.n_jobs)
    }
}
