//! [`permutation_importance`]: the score a fitted model loses when one
//! feature's values are shuffled.

use crate::error::Result;
use crate::float::Float;
use crate::parallel::with_n_jobs;
use crate::traits::Predictor;
use crate::validation::{check_not_empty, check_param, check_same_length};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rayon::prelude::*;
use std::fmt;
use std::sync::{Arc, Mutex};

const NAME: &str = "permutation_importance";

/// A scorer: the fitted model, the (permuted) features and the true targets
/// give a score where higher is better.
type Scorer<'a, F, M> =
    Arc<dyn Fn(&M, ArrayView2<'_, F>, ArrayView1<'_, <M as Predictor<F>>::Output>) -> Result<f64> + Send + Sync + 'a>;

/// Permutation feature importance of a fitted model, as scikit-learn's
/// `sklearn.inspection.permutation_importance`.
///
/// For each feature `j` and each of `n_repeats` repeats, the values of column
/// `j` of `x` are shuffled (breaking its link with the target while keeping
/// its distribution), the model predicts again, and the importance is the
/// baseline score on the intact `x` minus the score on the shuffled one. A
/// feature the model does not use has importance 0; a negative importance
/// means shuffling happened to help, which is noise.
///
/// Works with anything that implements [`Predictor`]: a classifier, a
/// regressor, a [`Pipeline`](crate::compose::Pipeline). Returns a
/// [`PermutationImportance`]: set the options, then call
/// [`compute`](PermutationImportance::compute), which gives
/// [`Importances`].
///
/// Compute it on held-out data to learn what the model needs to generalise;
/// on the training data it also shows what the model has overfitted to.
///
/// # Options (defaults as scikit-learn)
/// - scoring (default: the model's own [`Predictor::score`], i.e. accuracy for
///   classifiers and R² for regressors, scikit-learn's `scoring=None`):
///   [`scoring`](PermutationImportance::scoring) takes any metric of
///   `(y_true, y_pred)` such as [`accuracy_score`](crate::metrics::accuracy_score)
///   or [`r2_score`](crate::metrics::r2_score);
///   [`scorer`](PermutationImportance::scorer) takes a function of the model,
///   `x` and `y`, for scores that need more than `predict` (ROC-AUC from
///   `predict_proba`). Higher must be better: negate a loss.
/// - `n_repeats` (default 5, ≥ 1): shuffles per feature.
/// - `random_state` (default: a fresh seed from the operating system).
/// - `n_jobs` (default `None`, every core).
///
/// # Parallelism and determinism
/// The `n_features × n_repeats` shuffles run in parallel with rayon. Each
/// (feature, repeat) pair draws its permutation from its own generator,
/// seeded from `random_state`, the feature and the repeat, so the result is
/// bit-identical whatever the number of threads (as long as the model's own
/// predictions are, which is the rule for every learnkit model). Each
/// running task works on its own copy of `x` (about one copy per thread,
/// reused) in which it shuffles one column and then restores it.
///
/// scikit-learn applies the same permutations to every column; this uses
/// independent ones, and a different random generator, so the numbers agree
/// with scikit-learn's in distribution, not digit for digit.
///
/// # Errors
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) when `y` does not have one entry per row of `x`;
/// [`Error::EmptyInput`](crate::Error::EmptyInput) for an `x` with no rows or no columns;
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `n_repeats = 0` or `n_jobs = Some(0)`;
/// [`Error::TooLarge`](crate::Error::TooLarge) when the `n_features × n_repeats` scores cannot be held;
/// any error of the model's `predict` (for example
/// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch) when `x` has the wrong number of columns)
/// or of the scorer, the first one in (feature, repeat) order. `x` is not
/// checked for NaN here: that is the model's call.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::MakeClassification;
/// use learnkit::inspection::permutation_importance;
///
/// // Two informative columns first, then four of pure noise.
/// let (x, y) = MakeClassification::default()
///     .n_samples(400)
///     .n_features(6)
///     .n_informative(2)
///     .n_redundant(0)
///     .shuffle(false)
///     .random_state(0)
///     .generate()?;
/// let model = LogisticRegression::default().fit(x.view(), y.view())?;
/// let result = permutation_importance(&model, x.view(), y.view())
///     .random_state(0)
///     .compute()?;
/// assert_eq!(result.importances.dim(), (6, 5)); // features × repeats
/// let ranked = result.ranked();
/// assert!(ranked[..2].contains(&0) && ranked[..2].contains(&1));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn permutation_importance<'a, F, M>(
    model: &'a M,
    x: ArrayView2<'a, F>,
    y: ArrayView1<'a, M::Output>,
) -> PermutationImportance<'a, F, M>
where
    F: Float,
    M: Predictor<F> + Sync,
    M::Output: Sync,
{
    PermutationImportance {
        model,
        x,
        y,
        scorer: None,
        n_repeats: 5,
        random_state: None,
        n_jobs: None,
    }
}

/// The options of one [`permutation_importance`]; see there.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::inspection::permutation_importance;
///
/// let iris = load_iris();
/// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
/// let result = permutation_importance(&model, iris.data.view(), iris.target.view())
///     .n_repeats(3)
///     .random_state(42)
///     .n_jobs(Some(1))
///     .compute()?;
/// assert_eq!(result.importances_mean.len(), 4);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[must_use = "a PermutationImportance does nothing until `compute` is called"]
pub struct PermutationImportance<'a, F: Float, M: Predictor<F>> {
    model: &'a M,
    x: ArrayView2<'a, F>,
    y: ArrayView1<'a, M::Output>,
    scorer: Option<Scorer<'a, F, M>>,
    n_repeats: usize,
    random_state: Option<u64>,
    n_jobs: Option<usize>,
}

impl<F: Float, M: Predictor<F>> Clone for PermutationImportance<'_, F, M> {
    fn clone(&self) -> Self {
        PermutationImportance {
            model: self.model,
            x: self.x,
            y: self.y,
            scorer: self.scorer.clone(),
            n_repeats: self.n_repeats,
            random_state: self.random_state,
            n_jobs: self.n_jobs,
        }
    }
}

impl<F: Float, M: Predictor<F>> fmt::Debug for PermutationImportance<'_, F, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PermutationImportance")
            .field("x_shape", &self.x.dim())
            .field("n_targets", &self.y.len())
            .field("scoring", &if self.scorer.is_some() { "custom" } else { "model.score" })
            .field("n_repeats", &self.n_repeats)
            .field("random_state", &self.random_state)
            .field("n_jobs", &self.n_jobs)
            .finish()
    }
}

impl<'a, F, M> PermutationImportance<'a, F, M>
where
    F: Float,
    M: Predictor<F> + Sync,
    M::Output: Sync,
{
    /// Scores with a metric of `(y_true, y_pred)` applied to the model's
    /// `predict`, instead of the model's own `score`. Higher must be better.
    ///
    /// Any of the crate's label or regression metrics fits as it is.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::inspection::permutation_importance;
    /// use learnkit::metrics::{balanced_accuracy_score, accuracy_score};
    ///
    /// let iris = load_iris();
    /// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
    /// let by_default = permutation_importance(&model, iris.data.view(), iris.target.view())
    ///     .random_state(0)
    ///     .compute()?;
    /// // The model's score is its accuracy: the same numbers.
    /// let by_accuracy = permutation_importance(&model, iris.data.view(), iris.target.view())
    ///     .scoring(accuracy_score)
    ///     .random_state(0)
    ///     .compute()?;
    /// assert_eq!(by_default, by_accuracy);
    /// let balanced = permutation_importance(&model, iris.data.view(), iris.target.view())
    ///     .scoring(balanced_accuracy_score)
    ///     .random_state(0)
    ///     .compute()?;
    /// assert!(balanced.importances_mean[3] > 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scoring<S>(mut self, metric: S) -> Self
    where
        S: Fn(ArrayView1<'_, M::Output>, ArrayView1<'_, M::Output>) -> Result<f64> + Send + Sync + 'a,
    {
        self.scorer = Some(Arc::new(
            move |model: &M, x: ArrayView2<'_, F>, y: ArrayView1<'_, M::Output>| {
                let predicted = model.predict(x)?;
                metric(y, predicted.view())
            },
        ));
        self
    }

    /// Scores with a function of the model, the (shuffled) features and the
    /// true targets, as a scikit-learn scorer `scorer(estimator, X, y)`: for
    /// scores that need more than `predict`. Higher must be better.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_breast_cancer;
    /// use learnkit::inspection::permutation_importance;
    /// use learnkit::metrics::roc_auc_score;
    ///
    /// let data = load_breast_cancer();
    /// let scaled = StandardScaler::default().fit_unsupervised(data.data.view())?.transform(data.data.view())?;
    /// let model = LogisticRegression::default().fit(scaled.view(), data.target.view())?;
    /// let result = permutation_importance(&model, scaled.view(), data.target.view())
    ///     .scorer(|model, x, y| {
    ///         let proba = model.predict_proba(x)?;
    ///         roc_auc_score(y, proba.column(1))
    ///     })
    ///     .random_state(0)
    ///     .compute()?;
    /// assert!(result.baseline_score > 0.99);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn scorer<S>(mut self, scorer: S) -> Self
    where
        S: Fn(&M, ArrayView2<'_, F>, ArrayView1<'_, M::Output>) -> Result<f64> + Send + Sync + 'a,
    {
        self.scorer = Some(Arc::new(scorer));
        self
    }

    /// Sets the number of shuffles per feature (≥ 1; default 5).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::inspection::permutation_importance;
    /// let iris = load_iris();
    /// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
    /// let result = permutation_importance(&model, iris.data.view(), iris.target.view()).n_repeats(2).compute()?;
    /// assert_eq!(result.importances.ncols(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_repeats(mut self, n_repeats: usize) -> Self {
        self.n_repeats = n_repeats;
        self
    }

    /// Seeds the shuffles: the same seed gives the same importances, on any
    /// number of threads. Without it each call draws a fresh seed from the
    /// operating system.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::inspection::permutation_importance;
    /// let iris = load_iris();
    /// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
    /// let run = |threads| permutation_importance(&model, iris.data.view(), iris.target.view())
    ///     .random_state(7)
    ///     .n_jobs(Some(threads))
    ///     .compute();
    /// assert_eq!(run(1)?, run(2)?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn random_state(mut self, seed: u64) -> Self {
        self.random_state = Some(seed);
        self
    }

    /// Sets the number of threads (`None`: every core; `Some(n)`, n ≥ 1).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::inspection::permutation_importance;
    /// let iris = load_iris();
    /// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
    /// let err = permutation_importance(&model, iris.data.view(), iris.target.view()).n_jobs(Some(0)).compute();
    /// assert!(matches!(err, Err(Error::InvalidParameter { parameter: "n_jobs", .. })));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
        self.n_jobs = n_jobs;
        self
    }

    /// Computes the importances.
    ///
    /// # Errors
    /// As [`permutation_importance`].
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::inspection::permutation_importance;
    /// let iris = load_iris();
    /// let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
    /// let result = permutation_importance(&model, iris.data.view(), iris.target.view()).random_state(0).compute()?;
    /// assert_eq!(result.baseline_score, model.score(iris.data.view(), iris.target.view())?);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn compute(&self) -> Result<Importances> {
        check_param(NAME, "n_repeats", self.n_repeats, ">= 1", |n| n >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None (all cores) or >= 1", |n| {
            n != Some(0)
        })?;
        check_same_length(NAME, "number of targets vs rows of X", self.x.nrows(), self.y.len())?;
        check_not_empty(NAME, self.x)?;
        // One score per (feature, repeat), then the importances table: a
        // product of the data's width and a user-given count.
        let n_features = self.x.ncols();
        crate::alloc::check_fits_values::<Result<f64>>(
            NAME,
            || format!("the scores of {n_features} features × {} repeats", self.n_repeats),
            &[2, n_features, self.n_repeats],
        )?;
        let base_seed = crate::random::seed_or_entropy(self.random_state);
        with_n_jobs(self.n_jobs, || self.compute_on_pool(base_seed))?
    }

    fn score(&self, x: ArrayView2<'_, F>) -> Result<f64> {
        match &self.scorer {
            Some(scorer) => scorer(self.model, x, self.y),
            None => self.model.score(x, self.y),
        }
    }

    fn compute_on_pool(&self, base_seed: u64) -> Result<Importances> {
        let baseline_score = self.score(self.x)?;
        let (n_rows, n_features) = self.x.dim();
        let n_repeats = self.n_repeats;
        // Working copies of x, one per concurrently running task: a task
        // takes one, shuffles a column, scores, restores the column and puts
        // the copy back, so every copy always equals x between tasks.
        let copies: Mutex<Vec<Array2<F>>> = Mutex::new(Vec::new());
        let scores: Vec<Result<f64>> = (0..n_features * n_repeats)
            .into_par_iter()
            .map(|task| {
                let (feature, repeat) = (task / n_repeats, task % n_repeats);
                let taken = copies.lock().expect("the copy pool is never poisoned").pop();
                let mut work = taken.unwrap_or_else(|| self.x.to_owned());
                let mut rng = StdRng::seed_from_u64(task_seed(base_seed, feature, repeat));
                let mut order: Vec<usize> = (0..n_rows).collect();
                order.shuffle(&mut rng);
                let original = self.x.column(feature);
                for (target, &source) in work.column_mut(feature).iter_mut().zip(&order) {
                    *target = original[source];
                }
                let score = self.score(work.view());
                work.column_mut(feature).assign(&original);
                copies.lock().expect("the copy pool is never poisoned").push(work);
                score
            })
            .collect();
        let mut importances = Array2::zeros((n_features, n_repeats));
        for (slot, score) in importances.iter_mut().zip(scores) {
            *slot = baseline_score - score?;
        }
        Ok(Importances::new(importances, baseline_score))
    }
}

/// The seed of one (feature, repeat) shuffle: depends on nothing else, so
/// the shuffles do not depend on the order in which threads run them.
fn task_seed(base_seed: u64, feature: usize, repeat: usize) -> u64 {
    use crate::random::splitmix64;
    splitmix64(splitmix64(splitmix64(base_seed) ^ feature as u64) ^ repeat as u64)
}

/// The result of [`permutation_importance`], with scikit-learn's field names.
///
/// # Example
/// ```
/// use learnkit::inspection::Importances;
/// use ndarray::array;
///
/// let result = Importances::new(array![[0.25, 0.75], [0.0, 0.0]], 0.9);
/// assert_eq!(result.importances_mean, array![0.5, 0.0]);
/// assert_eq!(result.importances_std, array![0.25, 0.0]);
/// assert_eq!(result.ranked(), vec![0, 1]);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Importances {
    /// Mean importance of each feature over the repeats.
    pub importances_mean: Array1<f64>,
    /// Standard deviation of each feature's importance over the repeats
    /// (population, `ddof = 0`, as numpy's `std`).
    pub importances_std: Array1<f64>,
    /// Every importance: one row per feature, one column per repeat; each is
    /// the baseline score minus the score with that feature shuffled.
    pub importances: Array2<f64>,
    /// The score on the intact data.
    pub baseline_score: f64,
}

impl Importances {
    /// Builds the result from the raw `n_features × n_repeats` importances,
    /// computing their mean and standard deviation per feature.
    ///
    /// # Example
    /// ```
    /// use learnkit::inspection::Importances;
    /// use ndarray::array;
    /// let result = Importances::new(array![[1.0, 3.0]], 1.0);
    /// assert_eq!((result.importances_mean[0], result.importances_std[0]), (2.0, 1.0));
    /// ```
    pub fn new(importances: Array2<f64>, baseline_score: f64) -> Self {
        let n_repeats = importances.ncols().max(1) as f64;
        let importances_mean: Array1<f64> = importances
            .axis_iter(Axis(0))
            .map(|row| row.sum() / n_repeats)
            .collect();
        let importances_std = importances
            .axis_iter(Axis(0))
            .zip(&importances_mean)
            .map(|(row, mean)| (row.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n_repeats).sqrt())
            .collect();
        Importances {
            importances_mean,
            importances_std,
            importances,
            baseline_score,
        }
    }

    /// The feature indices from the most to the least important by mean
    /// importance (ties keep the lower index first; NaN last).
    ///
    /// # Example
    /// ```
    /// use learnkit::inspection::Importances;
    /// use ndarray::array;
    /// let result = Importances::new(array![[0.1], [0.4], [-0.01]], 1.0);
    /// assert_eq!(result.ranked(), vec![1, 0, 2]);
    /// ```
    pub fn ranked(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.importances_mean.len()).collect();
        let key = |i: usize| {
            let v = self.importances_mean[i];
            if v.is_nan() { f64::NEG_INFINITY } else { v }
        };
        order.sort_by(|&a, &b| key(b).total_cmp(&key(a)));
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_seeds_are_distinct() {
        let mut seeds: Vec<u64> = (0..50).flat_map(|f| (0..50).map(move |r| task_seed(0, f, r))).collect();
        seeds.sort_unstable();
        seeds.dedup();
        assert_eq!(seeds.len(), 2500);
        assert_ne!(task_seed(0, 1, 2), task_seed(1, 1, 2));
    }
}
