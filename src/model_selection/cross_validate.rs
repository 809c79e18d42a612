//! [`cross_validate`] and [`cross_val_score`]: builders that fit a model on
//! each fold of a [`Splitter`] in parallel and score it on the held-out rows
//! with one or several [`Scorer`]s (scikit-learn's `scoring=[...]`).
//!
//! Folds run as rayon tasks on the current pool, or on a pool of `n_jobs`
//! threads. Each fit keeps the estimator's own `n_jobs`: its inner parallel
//! loops join the same pool and rayon's work stealing shares the cores between
//! folds and within a fit. Results are gathered in fold order, so they do not
//! depend on the number of threads.

use super::cross_validation::{Evaluated, checked_folds, fit_and_evaluate};
use super::kfold::StratifiedKFold;
use super::scoring::{EstimatorScore, Scorer};
use super::splitter::Splitter;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::traits::Estimator;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rayon::prelude::*;
use std::fmt;

/// The name under which a single, unnamed scorer's scores are kept
/// (scikit-learn's `test_score` key).
const DEFAULT_NAME: &str = "score";

/// The scorers of a [`CrossValidate`] after [`scoring`](CrossValidate::scoring):
/// named, in the order given. Built only by `scoring`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{cross_validate, Accuracy, BalancedAccuracy};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000);
/// let builder = cross_validate(&model, iris.data.view(), iris.target.view())
///     .scoring("accuracy", Accuracy)
///     .scoring("balanced_accuracy", BalancedAccuracy);
/// assert!(format!("{builder:?}").contains("balanced_accuracy"));
/// ```
pub struct Scorers<'a, M, F: Float, T> {
    scorers: Vec<NamedScorer<'a, M, F, T>>,
}

/// One scorer of a [`Scorers`] and its name.
type NamedScorer<'a, M, F, T> = (String, Box<dyn Scorer<M, F, T> + 'a>);

impl<M, F: Float, T> fmt::Debug for Scorers<'_, M, F, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.scorers.iter().map(|(name, _)| name))
            .finish()
    }
}

/// How the folds of a [`CrossValidate`] are scored: the model's own score
/// ([`EstimatorScore`], named `"score"`) or several named [`Scorers`].
/// Sealed: implemented by these two only.
pub trait ScorerList<M, F: Float, T>: Sync + sealed::Sealed {
    /// The scorers' names, in order.
    fn names(&self) -> Vec<String>;
    /// One score per scorer, in order.
    ///
    /// # Errors
    /// The first scorer's error.
    fn score_all(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Vec<f64>>;
}

mod sealed {
    /// Keeps [`ScorerList`](super::ScorerList) closed.
    pub trait Sealed {}
}

impl sealed::Sealed for EstimatorScore {}
impl<M, F: Float, T> sealed::Sealed for Scorers<'_, M, F, T> {}

impl<M, F: Float, T> ScorerList<M, F, T> for EstimatorScore
where
    EstimatorScore: Scorer<M, F, T>,
{
    fn names(&self) -> Vec<String> {
        vec![DEFAULT_NAME.to_owned()]
    }

    fn score_all(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Vec<f64>> {
        Ok(vec![self.score(model, x, y)?])
    }
}

impl<M, F: Float, T> ScorerList<M, F, T> for Scorers<'_, M, F, T> {
    fn names(&self) -> Vec<String> {
        self.scorers.iter().map(|(name, _)| name.clone()).collect()
    }

    fn score_all(&self, model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, T>) -> Result<Vec<f64>> {
        self.scorers.iter().map(|(_, s)| s.score(model, x, y)).collect()
    }
}

/// The per-fold results of [`cross_validate`]: for each scorer its score on
/// each fold's test rows (and training rows when asked for), and the timings,
/// folds in the splitter's order (scikit-learn's dictionary, keyed here by
/// scorer name).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{cross_validate, Accuracy, NegLogLoss};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000);
/// let cv = cross_validate(&model, iris.data.view(), iris.target.view())
///     .scoring("accuracy", Accuracy)
///     .scoring("neg_log_loss", NegLogLoss)
///     .return_train_score(true)
///     .run()?;
/// assert_eq!(cv.scorer_names(), ["accuracy", "neg_log_loss"]);
/// assert_eq!(cv.test_scores("accuracy")?.len(), 5);
/// assert!(cv.train_scores("neg_log_loss")?.iter().all(|&s| s < 0.0));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CrossValidateResult {
    scorer_names: Vec<String>,
    test_scores: Array2<f64>,
    train_scores: Option<Array2<f64>>,
    fit_time: Array1<f64>,
    score_time: Array1<f64>,
}

impl CrossValidateResult {
    /// The scorers' names in the order given (`["score"]` for the default or
    /// a single unnamed scorer).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_validate;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view()).run()?;
    /// assert_eq!(cv.scorer_names(), ["score"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scorer_names(&self) -> &[String] {
        &self.scorer_names
    }

    /// The first scorer's score on each fold's test rows: the only one
    /// without [`scoring`](CrossValidate::scoring) (scikit-learn's
    /// `test_score`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_validate;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view()).run()?;
    /// assert!(cv.test_score().mean().unwrap() > 0.95);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn test_score(&self) -> ArrayView1<'_, f64> {
        self.test_scores.row(0)
    }

    /// The score of the scorer called `name` on each fold's test rows
    /// (scikit-learn's `test_<name>`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when no scorer has that name.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_validate, Accuracy};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view()).scoring("accuracy", Accuracy).run()?;
    /// assert_eq!(cv.test_scores("accuracy")?, cv.test_score());
    /// assert!(cv.test_scores("roc_auc").is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn test_scores(&self, name: &str) -> Result<ArrayView1<'_, f64>> {
        Ok(self.test_scores.row(self.scorer_index(name)?))
    }

    /// The score of the scorer called `name` on each fold's training rows
    /// (scikit-learn's `train_<name>`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when no scorer has that name or training scores
    /// were not asked for ([`return_train_score`](CrossValidate::return_train_score)).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_validate;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let builder = cross_validate(&model, iris.data.view(), iris.target.view());
    /// assert!(builder.run()?.train_scores("score").is_err());
    /// let cv = builder.return_train_score(true).run()?;
    /// assert!(cv.train_scores("score")?.iter().all(|&s| s > 0.9));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn train_scores(&self, name: &str) -> Result<ArrayView1<'_, f64>> {
        let index = self.scorer_index(name)?;
        match &self.train_scores {
            Some(scores) => Ok(scores.row(index)),
            None => Err(Error::invalid_input(
                "CrossValidateResult::train_scores",
                "training scores were not computed; call return_train_score(true)",
            )),
        }
    }

    /// Seconds spent fitting, per fold.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_validate;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view()).run()?;
    /// assert!(cv.fit_time().iter().all(|&t| t > 0.0));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_time(&self) -> ArrayView1<'_, f64> {
        self.fit_time.view()
    }

    /// Seconds spent scoring the test rows with every scorer, per fold.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_validate;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view()).run()?;
    /// assert_eq!(cv.score_time().len(), 5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn score_time(&self) -> ArrayView1<'_, f64> {
        self.score_time.view()
    }

    fn scorer_index(&self, name: &str) -> Result<usize> {
        self.scorer_names.iter().position(|n| n == name).ok_or_else(|| {
            Error::invalid_input(
                "CrossValidateResult",
                format!("no scorer is named {name:?}; the scorers are {:?}", self.scorer_names),
            )
        })
    }
}

/// Evaluates `estimator` by cross-validation (scikit-learn's
/// `cross_validate`): for each fold of the splitter, fits a copy on the
/// training rows and scores it on the test rows, the folds in parallel.
///
/// Returns a [`CrossValidate`]: set the options, then call
/// [`run`](CrossValidate::run).
///
/// # Options (defaults as scikit-learn)
/// - `cv` (default `StratifiedKFold::new(5)`, scikit-learn's default for a
///   classifier): any [`Splitter`]. Targets that are not class labels
///   (a regressor's floats) need one that does not stratify, e.g.
///   `.cv(KFold::new(5))`: the default does not compile for them.
/// - `scoring(name, scorer)` (default [`EstimatorScore`], the model's own
///   `score`, named `"score"`): each call adds one named [`Scorer`]
///   (scikit-learn's `scoring=[...]` or `{name: scorer}`); results are kept
///   by name.
/// - `return_train_score` (default `false`), `groups` (default none; only
///   [`GroupKFold`](super::GroupKFold) uses them), `n_jobs` (default `None`:
///   the current rayon pool).
///
/// Deviation: scikit-learn records a failed fit as a NaN score and warns
/// (`error_score=nan`); here the first failure is returned as the error.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{cross_validate, Accuracy, KFold, NegLogLoss};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000);
/// let result = cross_validate(&model, iris.data.view(), iris.target.view())
///     .cv(KFold::new(5).shuffle(true).random_state(0))
///     .scoring("accuracy", Accuracy)
///     .scoring("neg_log_loss", NegLogLoss)
///     .run()?;
/// assert!(result.test_scores("accuracy")?.iter().all(|&s| s > 0.8));
/// assert!(result.test_scores("neg_log_loss")?.iter().all(|&s| s < 0.0));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn cross_validate<'a, E, F: Float, T>(
    estimator: &'a E,
    x: ArrayView2<'a, F>,
    y: ArrayView1<'a, T>,
) -> CrossValidate<'a, E, F, T> {
    CrossValidate {
        estimator,
        x,
        y,
        groups: None,
        cv: StratifiedKFold::new(5),
        scoring: EstimatorScore,
        return_train_score: false,
        n_jobs: None,
    }
}

/// The options of one [`cross_validate`]; see there.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{cross_validate, GroupKFold};
/// let iris = learnkit::datasets::load_iris();
/// let groups = ndarray::Array1::from_iter((0..150).map(|i| i % 10));
/// let model = LogisticRegression::default().max_iter(1000);
/// let result = cross_validate(&model, iris.data.view(), iris.target.view())
///     .cv(GroupKFold::new(5))
///     .groups(groups.view())
///     .n_jobs(Some(2))
///     .run()?;
/// assert_eq!(result.test_score().len(), 5);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[must_use = "a CrossValidate does nothing until `run` is called"]
pub struct CrossValidate<'a, E, F, T, C = StratifiedKFold, S = EstimatorScore> {
    estimator: &'a E,
    x: ArrayView2<'a, F>,
    y: ArrayView1<'a, T>,
    groups: Option<ArrayView1<'a, usize>>,
    cv: C,
    scoring: S,
    return_train_score: bool,
    n_jobs: Option<usize>,
}

impl<E, F, T, C: fmt::Debug, S: fmt::Debug> fmt::Debug for CrossValidate<'_, E, F, T, C, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CrossValidate")
            .field("cv", &self.cv)
            .field("scoring", &self.scoring)
            .field("return_train_score", &self.return_train_score)
            .field("groups", &self.groups.is_some())
            .field("n_jobs", &self.n_jobs)
            .finish_non_exhaustive()
    }
}

impl<'a, E, F: Float, T, C, S> CrossValidate<'a, E, F, T, C, S> {
    /// Sets the splitter (default `StratifiedKFold::new(5)`).
    ///
    /// # Example
    /// ```
    /// use learnkit::ensemble::RandomForestRegressor;
    /// use learnkit::model_selection::{cross_validate, KFold};
    /// let x = ndarray::Array2::from_shape_fn((30, 1), |(i, _)| i as f64);
    /// let y = x.column(0).mapv(|v| 2.0 * v);
    /// let model = RandomForestRegressor::default().n_estimators(5).random_state(0);
    /// // Float targets cannot be stratified: a regressor needs a plain KFold.
    /// let result = cross_validate(&model, x.view(), y.view()).cv(KFold::new(3)).run()?;
    /// assert_eq!(result.test_score().len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn cv<C2>(self, cv: C2) -> CrossValidate<'a, E, F, T, C2, S> {
        CrossValidate {
            estimator: self.estimator,
            x: self.x,
            y: self.y,
            groups: self.groups,
            cv,
            scoring: self.scoring,
            return_train_score: self.return_train_score,
            n_jobs: self.n_jobs,
        }
    }

    /// Sets the group of each row, given to the splitter (only
    /// [`GroupKFold`](super::GroupKFold) uses them).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_validate, GroupKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let groups = ndarray::Array1::from_iter((0..150).map(|i| i % 3));
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view()).cv(GroupKFold::new(3));
    /// assert!(cv.groups(groups.view()).run().is_ok());
    /// ```
    pub fn groups(mut self, groups: ArrayView1<'a, usize>) -> Self {
        self.groups = Some(groups);
        self
    }

    /// Sets `return_train_score` (default `false`): score each model on its
    /// training rows too.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_validate;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view()).return_train_score(true).run()?;
    /// assert_eq!(cv.train_scores("score")?.len(), 5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn return_train_score(mut self, return_train_score: bool) -> Self {
        self.return_train_score = return_train_score;
        self
    }

    /// Sets `n_jobs` (default `None`: the current rayon pool; `Some(k)` runs
    /// the folds on `k` threads).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_validate;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let on = |n| cross_validate(&model, iris.data.view(), iris.target.view()).n_jobs(n).run();
    /// assert_eq!(on(Some(1))?.test_score(), on(Some(2))?.test_score());
    /// assert!(on(Some(0)).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
        self.n_jobs = n_jobs;
        self
    }

    /// Cross-validates: fits and scores every fold, in parallel.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `y` or `groups` do not have one entry per
    /// row; [`Error::EmptyInput`] for no rows; [`Error::InvalidParameter`] for
    /// `n_jobs = Some(0)` or two scorers with the same name; the splitter's
    /// errors (too many folds); any fit or scoring error.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_validate, Accuracy};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let short = iris.target.slice(ndarray::s![..100]);
    /// assert!(matches!(
    ///     cross_validate(&model, iris.data.view(), short).run(),
    ///     Err(learnkit::Error::ShapeMismatch { .. })
    /// ));
    /// let twice = cross_validate(&model, iris.data.view(), iris.target.view())
    ///     .scoring("accuracy", Accuracy)
    ///     .scoring("accuracy", Accuracy);
    /// assert!(matches!(twice.run(), Err(learnkit::Error::InvalidParameter { .. })));
    /// ```
    pub fn run(&self) -> Result<CrossValidateResult>
    where
        T: Clone + Send + Sync,
        E: Estimator<F, T> + Sync,
        C: Splitter<T>,
        S: ScorerList<E::Fitted, F, T>,
    {
        self.run_with(self.scoring.names(), |m, x, y| self.scoring.score_all(m, x, y))
    }

    /// Cross-validates, scoring each model with `score_all` (one score per
    /// name in `scorer_names`).
    fn run_with(
        &self,
        scorer_names: Vec<String>,
        score_all: impl Fn(&E::Fitted, ArrayView2<'_, F>, ArrayView1<'_, T>) -> Result<Vec<f64>> + Sync,
    ) -> Result<CrossValidateResult>
    where
        T: Clone + Send + Sync,
        E: Estimator<F, T> + Sync,
        C: Splitter<T>,
    {
        const NAME: &str = "cross_validate";
        if let Some(i) = (1..scorer_names.len()).find(|&i| scorer_names[..i].contains(&scorer_names[i])) {
            return Err(Error::invalid_parameter(
                NAME,
                "scoring",
                "distinct scorer names",
                &scorer_names[i],
            ));
        }
        let folds = checked_folds(NAME, self.x, self.y, self.groups, &self.cv)?;
        // Only the parts the folds need cross threads, not the splitter.
        let (estimator, x, y, train_score) = (self.estimator, self.x, self.y, self.return_train_score);
        let evaluated: Vec<Evaluated<Vec<f64>>> = crate::parallel::with_n_jobs(self.n_jobs, || {
            folds
                .par_iter()
                .map(|fold| fit_and_evaluate(estimator, x, y, fold, &score_all, train_score))
                .collect::<Result<_>>()
        })??;
        let shape = (scorer_names.len(), folds.len());
        let test_scores = Array2::from_shape_fn(shape, |(s, f)| evaluated[f].test[s]);
        let train_scores = self.return_train_score.then(|| {
            Array2::from_shape_fn(shape, |(s, f)| {
                evaluated[f].train.as_ref().map_or(f64::NAN, |train| train[s])
            })
        });
        Ok(CrossValidateResult {
            scorer_names,
            test_scores,
            train_scores,
            fit_time: evaluated.iter().map(|e| e.fit_time).collect(),
            score_time: evaluated.iter().map(|e| e.score_time).collect(),
        })
    }
}

impl<'a, E, F: Float, T, C> CrossValidate<'a, E, F, T, C, EstimatorScore> {
    /// Scores with `scorer` under `name` instead of the model's own score;
    /// call again to add more scorers (scikit-learn's `scoring=[...]`). The
    /// names key the results: [`test_scores(name)`](CrossValidateResult::test_scores).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_validate, Accuracy, RocAuc};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view())
    ///     .scoring("accuracy", Accuracy)
    ///     .scoring("roc_auc_ovr", RocAuc)
    ///     .run()?;
    /// assert!(cv.test_scores("roc_auc_ovr")?.iter().all(|&s| s > 0.9));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scoring<S>(
        self,
        name: impl Into<String>,
        scorer: S,
    ) -> CrossValidate<'a, E, F, T, C, Scorers<'a, E::Fitted, F, T>>
    where
        E: Estimator<F, T>,
        S: Scorer<E::Fitted, F, T> + 'a,
    {
        CrossValidate {
            estimator: self.estimator,
            x: self.x,
            y: self.y,
            groups: self.groups,
            cv: self.cv,
            scoring: Scorers {
                scorers: vec![(name.into(), Box::new(scorer))],
            },
            return_train_score: self.return_train_score,
            n_jobs: self.n_jobs,
        }
    }
}

impl<'a, E, F: Float, T, C, M> CrossValidate<'a, E, F, T, C, Scorers<'a, M, F, T>> {
    /// Adds one more named scorer; see [`scoring`](CrossValidate::scoring)
    /// on a fresh builder.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_validate, Accuracy, BalancedAccuracy};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let cv = cross_validate(&model, iris.data.view(), iris.target.view())
    ///     .scoring("accuracy", Accuracy)
    ///     .scoring("balanced_accuracy", BalancedAccuracy)
    ///     .run()?;
    /// assert_eq!(cv.scorer_names(), ["accuracy", "balanced_accuracy"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scoring<S>(mut self, name: impl Into<String>, scorer: S) -> Self
    where
        S: Scorer<M, F, T> + 'a,
    {
        self.scoring.scorers.push((name.into(), Box::new(scorer)));
        self
    }
}

/// The test score of each fold with one scorer: [`cross_validate`] without
/// timings or training scores (scikit-learn's `cross_val_score`).
///
/// Returns a [`CrossValScore`]: set `cv`, `scoring` (one [`Scorer`], default
/// [`EstimatorScore`]), `groups` and `n_jobs` as for [`cross_validate`], then
/// call [`run`](CrossValScore::run).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{cross_val_score, Accuracy, StratifiedKFold};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000);
/// let scores = cross_val_score(&model, iris.data.view(), iris.target.view())
///     .cv(StratifiedKFold::new(5))
///     .scoring(Accuracy)
///     .run()?;
/// assert_eq!(scores.len(), 5);
/// assert!(scores.mean().unwrap() > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn cross_val_score<'a, E, F: Float, T>(
    estimator: &'a E,
    x: ArrayView2<'a, F>,
    y: ArrayView1<'a, T>,
) -> CrossValScore<'a, E, F, T> {
    CrossValScore(cross_validate(estimator, x, y))
}

/// The options of one [`cross_val_score`]; see there.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::model_selection::{cross_val_score, KFold, NegLogLoss};
/// let iris = learnkit::datasets::load_iris();
/// let model = LogisticRegression::default().max_iter(1000);
/// let scores = cross_val_score(&model, iris.data.view(), iris.target.view())
///     .cv(KFold::new(3).shuffle(true).random_state(0))
///     .scoring(NegLogLoss)
///     .n_jobs(Some(1))
///     .run()?;
/// assert!(scores.iter().all(|&s| s < 0.0));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Debug)]
#[must_use = "a CrossValScore does nothing until `run` is called"]
pub struct CrossValScore<'a, E, F, T, C = StratifiedKFold, S = EstimatorScore>(CrossValidate<'a, E, F, T, C, S>);

impl<'a, E, F: Float, T, C, S> CrossValScore<'a, E, F, T, C, S> {
    /// Sets the splitter (default `StratifiedKFold::new(5)`); see
    /// [`CrossValidate::cv`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_val_score, StratifiedKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let scores = cross_val_score(&model, iris.data.view(), iris.target.view()).cv(StratifiedKFold::new(3)).run()?;
    /// assert_eq!(scores.len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn cv<C2>(self, cv: C2) -> CrossValScore<'a, E, F, T, C2, S> {
        CrossValScore(self.0.cv(cv))
    }

    /// Sets the scorer (default [`EstimatorScore`], the model's own score).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_val_score, BalancedAccuracy};
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let scores = cross_val_score(&model, iris.data.view(), iris.target.view()).scoring(BalancedAccuracy).run()?;
    /// assert!(scores.iter().all(|&s| s > 0.8));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scoring<S2>(self, scorer: S2) -> CrossValScore<'a, E, F, T, C, S2> {
        let c = self.0;
        CrossValScore(CrossValidate {
            estimator: c.estimator,
            x: c.x,
            y: c.y,
            groups: c.groups,
            cv: c.cv,
            scoring: scorer,
            return_train_score: false,
            n_jobs: c.n_jobs,
        })
    }

    /// Sets the group of each row; see [`CrossValidate::groups`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::{cross_val_score, GroupKFold};
    /// let iris = learnkit::datasets::load_iris();
    /// let groups = ndarray::Array1::from_iter((0..150).map(|i| i % 3));
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let scores = cross_val_score(&model, iris.data.view(), iris.target.view()).cv(GroupKFold::new(3)).groups(groups.view()).run()?;
    /// assert_eq!(scores.len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn groups(self, groups: ArrayView1<'a, usize>) -> Self {
        CrossValScore(self.0.groups(groups))
    }

    /// Sets `n_jobs`; see [`CrossValidate::n_jobs`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_val_score;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// assert!(cross_val_score(&model, iris.data.view(), iris.target.view()).n_jobs(Some(0)).run().is_err());
    /// ```
    pub fn n_jobs(self, n_jobs: Option<usize>) -> Self {
        CrossValScore(self.0.n_jobs(n_jobs))
    }

    /// Cross-validates and returns the test score of each fold.
    ///
    /// # Errors
    /// As [`CrossValidate::run`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::model_selection::cross_val_score;
    /// let iris = learnkit::datasets::load_iris();
    /// let model = LogisticRegression::default().max_iter(1000);
    /// let scores = cross_val_score(&model, iris.data.view(), iris.target.view()).run()?;
    /// assert!(scores.mean().unwrap() > 0.95);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn run(&self) -> Result<Array1<f64>>
    where
        T: Clone + Send + Sync,
        E: Estimator<F, T> + Sync,
        C: Splitter<T>,
        S: Scorer<E::Fitted, F, T>,
    {
        let scoring = &self.0.scoring;
        let result = self.0.run_with(vec![DEFAULT_NAME.to_owned()], |m, x, y| {
            Ok(vec![scoring.score(m, x, y)?])
        })?;
        Ok(result.test_score().to_owned())
    }
}
