//! [`FittedLogisticRegression`]: what the fit learned, and prediction.

use super::NAME;
use super::loss::{sigmoid, softmax_in_place};
use super::params::LogisticRegression;
use crate::classify::check_linear_classifier;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::linalg::LINEAR_SCORE_ROWS;
use crate::linear_model::base::checked_linear_scores;
use crate::parallel::with_n_jobs_rows;
use crate::persistence::Check;
use crate::sparse::MatrixView;
use crate::traits::{Classifier, DecisionFunction, PredictProba, Predictor};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Zip};

/// A fitted [`LogisticRegression`].
///
/// Prediction runs in parallel over blocks of rows on `n_jobs` threads and is
/// bit-identical whatever their number.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let y = array!["no", "no", "yes", "yes"];
/// let model = LogisticRegression::default().fit(x.view(), y.view())?;
/// assert_eq!(model.classes(), &["no", "yes"]);
/// assert_eq!(model.coef().dim(), (1, 1)); // two classes: one row, for "yes"
/// assert!(model.coef()[[0, 0]] > 0.0);
/// assert_eq!(model.predict(array![[-1.0], [4.0]].view())?, array!["no", "yes"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(
            serialize = "F: Float, L: serde::Serialize",
            deserialize = "F: Float, L: serde::de::DeserializeOwned"
        )
    )
)]
pub struct FittedLogisticRegression<F, L> {
    params: LogisticRegression,
    classes: Vec<L>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    coef: Array2<F>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    intercept: Array1<F>,
    n_iter: usize,
    converged: bool,
}

checked_serde!(impl[F: Float, L: Label] FittedLogisticRegression<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedLogisticRegression<F, L> => format!("LogisticRegression<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedLogisticRegression<F, L> {
    /// Classes sorted and distinct, one coefficient row and intercept per
    /// class (one for two classes), zero intercepts unless fitted, and
    /// hyperparameters a fit accepts.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.validate().map_err(|e| e.to_string())?;
        check_linear_classifier(
            NAME,
            &self.classes,
            &self.params.class_weight,
            self.coef.nrows(),
            self.intercept.len(),
            self.params.fit_intercept,
            self.intercept.iter().all(|b| *b == F::zero()),
        )
    }
}

impl<F: Float, L: Label> FittedLogisticRegression<F, L> {
    /// The `C` it was fitted with.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub(super) fn c(&self) -> f64 {
        self.params.c
    }

    /// The `l1_ratio` it was fitted with.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub(super) fn l1_ratio(&self) -> Option<f64> {
        self.params.l1_ratio
    }

    /// Whether the intercepts were fitted (else they are zero).
    pub(super) fn fit_intercept(&self) -> bool {
        self.params.fit_intercept
    }

    /// The same model with the coefficients and intercepts of a solver
    /// vector laid out as `warm_start_of` (`LogisticRegressionCV` without refit).
    /// `solution` must have that layout (the caller checks the classes).
    pub(super) fn with_solution(mut self, solution: &[f64]) -> Self {
        let (k, p) = self.coef.dim();
        assert!(solution.len() >= k * p, "solution layout checked by the caller");
        for (c, &v) in self.coef.iter_mut().zip(&solution[..k * p]) {
            *c = F::cast(v);
        }
        if self.params.fit_intercept {
            for (b, &v) in self.intercept.iter_mut().zip(&solution[k * p..]) {
                *b = F::cast(v);
            }
        }
        self
    }

    pub(super) fn new(
        params: LogisticRegression,
        classes: Vec<L>,
        coef: Array2<F>,
        intercept: Array1<F>,
        n_iter: usize,
        converged: bool,
    ) -> Self {
        FittedLogisticRegression {
            params,
            classes,
            coef,
            intercept,
            n_iter,
            converged,
        }
    }

    /// The coefficients (scikit-learn's `coef_`): shape `(1, n_features)` for
    /// two classes (the weights of `classes()[1]`), `(n_classes, n_features)`
    /// otherwise.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = LogisticRegression::default().max_iter(1000).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.coef().dim(), (3, 4));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn coef(&self) -> ArrayView2<'_, F> {
        self.coef.view()
    }

    /// The intercepts (`intercept_`): one for two classes, one per class
    /// otherwise; zeros when `fit_intercept` is false.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let model = LogisticRegression::default().fit_intercept(false).fit(x.view(), array![0, 0, 1, 1].view())?;
    /// assert_eq!(model.intercept(), array![0.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> ArrayView1<'_, F> {
        self.intercept.view()
    }

    /// The sorted classes seen in `fit` (`classes_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let model = LogisticRegression::default().fit(array![[0.0], [1.0]].view(), array![true, false].view())?;
    /// assert_eq!(model.classes(), &[false, true]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    /// Number of L-BFGS iterations done (`n_iter_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let model = LogisticRegression::default().max_iter(1).fit(x.view(), array![0, 0, 1, 1].view())?;
    /// assert_eq!(model.n_iter(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// Whether the solver met its tolerance. `false` means it stopped at
    /// `max_iter` (or could not decrease the objective further in floating
    /// point); the model is still usable, as scikit-learn's after a
    /// `ConvergenceWarning`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let y = array![0, 1, 0, 1];
    /// assert!(LogisticRegression::default().fit(x.view(), y.view())?.converged());
    /// assert!(!LogisticRegression::default().tol(1e-15).max_iter(1).fit(x.view(), y.view())?.converged());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Number of features seen in `fit` (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let model = LogisticRegression::default().fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.coef.ncols()
    }

    /// Checked decision scores of a dense or sparse `x`, on the configured
    /// number of threads.
    fn scores(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        checked_linear_scores(NAME, self.params.n_jobs, self.coef.view(), self.intercept.view(), x)
    }

    /// The probabilities of a dense or sparse `x`.
    fn proba(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        let scores = self.scores(x)?;
        self.proba_of_scores(scores)
    }
}

impl<F: Float, L: Label> Predictor<F> for FittedLogisticRegression<F, L> {
    type Output = L;

    /// The class with the highest score: for two classes `classes()[1]` when
    /// the decision score is > 0; otherwise the first class of largest score.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        self.predict_matrix(x.into())
    }

    /// Accuracy: the fraction of rows whose predicted class equals `y`.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        self.score_matrix(x.into(), y)
    }

    /// As [`predict`](Predictor::predict), on a dense or sparse `x` (a
    /// sparse one is never densified).
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<L>> {
        Ok(crate::classify::classes_from_scores(
            self.scores(x)?.view(),
            &self.classes,
        ))
    }

    /// As [`score`](Predictor::score), on a dense or sparse `x`.
    fn score_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy_matrix(NAME, x, y, |x| self.predict_matrix(x))
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedLogisticRegression<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedLogisticRegression<F, L> {
    /// Two classes: `[1 − σ(d), σ(d)]` with `d` the decision score; more: the
    /// softmax of the scores (computed in `f64`, stable for any score).
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.proba(x.into())
    }

    /// As [`predict_proba`](PredictProba::predict_proba), on a dense or
    /// sparse `x`.
    fn predict_proba_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        self.proba(x)
    }
}

impl<F: Float, L: Label> FittedLogisticRegression<F, L> {
    /// Two classes: `[1 − σ(d), σ(d)]`; more: the softmax of the scores.
    fn proba_of_scores(&self, scores: Array2<F>) -> Result<Array2<F>> {
        let mut proba = Array2::<F>::zeros((scores.nrows(), self.classes.len()));
        let binary = scores.ncols() == 1;
        let rows = scores.nrows();
        let row_proba = |mut out: ndarray::ArrayViewMut1<'_, F>, row: ArrayView1<'_, F>| {
            if binary {
                let p = sigmoid(row[0].as_f64());
                out[0] = F::cast(1.0 - p);
                out[1] = F::cast(p);
            } else {
                let mut z: Vec<f64> = row.iter().map(|v| v.as_f64()).collect();
                softmax_in_place(&mut z);
                out.iter_mut().zip(&z).for_each(|(o, p)| *o = F::cast(*p));
            }
        };
        let zip = Zip::from(proba.rows_mut()).and(scores.rows());
        // A few rows: here, not on a pool (see `with_n_jobs_rows`).
        with_n_jobs_rows(self.params.n_jobs, rows, LINEAR_SCORE_ROWS, || {
            if rows <= LINEAR_SCORE_ROWS {
                zip.for_each(row_proba);
            } else {
                zip.par_for_each(row_proba);
            }
        })?;
        Ok(proba)
    }
}

impl<F: Float, L: Label> DecisionFunction<F> for FittedLogisticRegression<F, L> {
    /// `X·coefᵀ + intercept`: one column for two classes (positive means
    /// `classes()[1]`), one per class otherwise.
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.scores(x.into())
    }

    /// As [`decision_function`](DecisionFunction::decision_function), on a
    /// dense or sparse `x`.
    fn decision_function_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        self.scores(x)
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedLogisticRegression<F, L> {
    /// The decision function for two classes, the probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_decision(self, x, |x| self.predict_proba(x))
    }
}
