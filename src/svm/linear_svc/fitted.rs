//! [`FittedLinearSVC`]: the weights learned by [`LinearSVC`], and prediction.

use super::solver::dot;
use super::{LinearSVC, NAME};
use crate::classify::check_linear_classifier;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::parallel::{map_row_chunks, with_n_jobs_rows};
use crate::persistence::Check;
use crate::sparse::{MatrixView, check_matrix_predict_input, sparse_linear_scores};
use crate::traits::{Classifier, DecisionFunction, Predictor};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use std::marker::PhantomData;

/// Test rows per parallel task in prediction.
const PREDICT_ROWS: usize = 256;

/// A fitted [`LinearSVC`].
///
/// The weights are kept in `f64`, the precision the solver works in (as
/// scikit-learn's `coef_`). Decision values are `x·coefᵀ + intercept`,
/// computed row by row in `f64` (in parallel over blocks of rows, each row
/// independently), so a row's prediction never depends on the other rows or
/// on the number of threads.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use ndarray::array;
///
/// let x = array![[0.0, 0.0], [1.0, 1.0], [3.0, 3.0], [4.0, 4.0]];
/// let model = LinearSVC::default().random_state(0).fit(x.view(), array!["a", "a", "b", "b"].view())?;
/// assert_eq!(model.coef().dim(), (1, 2)); // two classes: one row, for "b"
/// assert_eq!(model.predict(array![[0.5, 0.0], [5.0, 4.0]].view())?, array!["a", "b"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(serialize = "L: serde::Serialize", deserialize = "L: serde::de::DeserializeOwned")
    )
)]
pub struct FittedLinearSVC<F, L> {
    params: LinearSVC,
    classes: Vec<L>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    coef: Array2<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::array"))]
    intercept: Array1<f64>,
    n_iter: usize,
    converged: bool,
    #[cfg_attr(feature = "serde", serde(skip))]
    float: PhantomData<fn() -> F>,
}

checked_serde!(impl[F: Float, L: Label] FittedLinearSVC<F, L>;
    ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedLinearSVC<F, L> => format!("LinearSVC<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedLinearSVC<F, L> {
    /// Classes sorted and distinct, one weight row and intercept per class
    /// (one for two classes), zero intercepts unless fitted, and
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
            self.intercept.iter().all(|b| *b == 0.0),
        )
    }
}

impl<F: Float, L: Label> FittedLinearSVC<F, L> {
    pub(super) fn new(
        params: LinearSVC,
        classes: Vec<L>,
        coef: Array2<f64>,
        intercept: Array1<f64>,
        n_iter: usize,
        converged: bool,
    ) -> Self {
        FittedLinearSVC {
            params,
            classes,
            coef,
            intercept,
            n_iter,
            converged,
            float: PhantomData,
        }
    }

    /// The weights (scikit-learn's `coef_`): shape `(1, n_features)` for two
    /// classes (the weights of `classes()[1]`), `(n_classes, n_features)`
    /// otherwise (row `k`: class `k` against the rest).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = LinearSVC::default().random_state(0).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.coef().dim(), (3, 4));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn coef(&self) -> ArrayView2<'_, f64> {
        self.coef.view()
    }

    /// The intercepts (`intercept_`): `intercept_scaling` times the weight of
    /// the constant feature, one per row of `coef()`; zeros when
    /// `fit_intercept` is false.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [2.0], [3.0]];
    /// let model = LinearSVC::default().fit_intercept(false).fit(x.view(), array![0, 0, 1, 1].view())?;
    /// assert_eq!(model.intercept(), array![0.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> ArrayView1<'_, f64> {
        self.intercept.view()
    }

    /// The sorted classes seen in `fit` (`classes_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use ndarray::array;
    /// let model = LinearSVC::default().fit(array![[0.0], [1.0]].view(), array![true, false].view())?;
    /// assert_eq!(model.classes(), &[false, true]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    /// Iterations of the solver (`n_iter_`): outer passes of the dual
    /// coordinate descent, or accepted Newton steps of the primal solver
    /// (see [`LinearSVCDual`](crate::svm::LinearSVCDual)); the largest over
    /// the binary problems, as scikit-learn reports.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// let model = LinearSVC::default().max_iter(3).fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.n_iter(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// Whether every binary problem met `tol`. `false` means some stopped at
    /// `max_iter`; the model is still usable, as scikit-learn's after a
    /// `ConvergenceWarning`. The primal solver also counts as converged when
    /// its reductions fall below the precision of `f64` (as liblinear, which
    /// then warns of nothing), and as not converged if the objective
    /// overflows.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// let iris = load_iris();
    /// assert!(!LinearSVC::default().max_iter(1).fit(iris.data.view(), iris.target.view())?.converged());
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
    /// let model = LinearSVC::default().fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.coef.ncols()
    }

    /// Checked decision values in `f64`, one column per row of `coef()`.
    fn scores(&self, x: MatrixView<'_, F>) -> Result<Array2<f64>> {
        check_matrix_predict_input(NAME, self.n_features_in(), x)?;
        let x = match x {
            MatrixView::Dense(x) => x,
            MatrixView::Sparse(x) => {
                return with_n_jobs_rows(self.params.n_jobs, x.nrows(), PREDICT_ROWS, || {
                    sparse_linear_scores(x, self.coef.view(), self.intercept.view())
                });
            }
        };
        // The weights as one row-major slice, for the solver's vectorised dot.
        let weights: Vec<f64> = self.coef.iter().copied().collect();
        let width = self.coef.ncols().max(1);
        let blocks = with_n_jobs_rows(self.params.n_jobs, x.nrows(), PREDICT_ROWS, || {
            map_row_chunks(x, PREDICT_ROWS, |_, rows| {
                let mut out = Array2::zeros((rows.nrows(), self.coef.nrows()));
                let mut buffer = vec![0.0; rows.ncols()];
                for (mut o, row) in out.rows_mut().into_iter().zip(rows.rows()) {
                    buffer.iter_mut().zip(row).for_each(|(b, v)| *b = v.as_f64());
                    for ((o, w), b) in o.iter_mut().zip(weights.chunks_exact(width)).zip(&self.intercept) {
                        *o = dot(w, &buffer) + b;
                    }
                }
                out
            })
        })?;
        let views: Vec<_> = blocks.iter().map(|b| b.view()).collect();
        Ok(ndarray::concatenate(Axis(0), &views).expect("blocks have equal widths"))
    }
}

impl<F: Float, L: Label> Predictor<F> for FittedLinearSVC<F, L> {
    type Output = L;

    /// The class of largest decision value: for two classes `classes()[1]`
    /// when the decision value is > 0; otherwise the first class of largest
    /// value (numpy's argmax).
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

impl<F: Float, L: Label> Classifier<F> for FittedLinearSVC<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> DecisionFunction<F> for FittedLinearSVC<F, L> {
    /// `x·coefᵀ + intercept`: one column for two classes (positive means
    /// `classes()[1]`), one per class otherwise.
    fn decision_function(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        self.decision_function_matrix(x.into())
    }

    /// As [`decision_function`](DecisionFunction::decision_function), on a
    /// dense or sparse `x`.
    fn decision_function_matrix(&self, x: MatrixView<'_, F>) -> Result<Array2<F>> {
        Ok(self.scores(x)?.mapv(F::cast))
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedLinearSVC<F, L> {
    /// The decision function for two classes; more classes need
    /// probabilities, which LinearSVC does not give (an error, as
    /// scikit-learn's `"roc_auc_ovr"` on a `LinearSVC`).
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_decision(self, x, |_| {
            Err(crate::error::Error::invalid_input(
                NAME,
                format!(
                    "ranking {} classes (one-vs-rest ROC-AUC) needs probabilities and LinearSVC has none; \
                     use LogisticRegression, or SVC with probability(true)",
                    self.classes.len()
                ),
            ))
        })
    }
}
