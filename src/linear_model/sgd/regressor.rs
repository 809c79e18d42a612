//! [`SGDRegressor`] and [`FittedSGDRegressor`]: hyperparameters, `fit`,
//! `partial_fit` and prediction.

use super::engine::{Problem, State, Validation, row_dot};
use super::{SGDLearningRate, SGDPenalty, SGDRegressorLoss, Shared, averaged};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::linear_model::base::Linear;
use crate::model_selection::{ShuffleSplit, SplitSize, Splitter};
use crate::persistence::Check;
use crate::random::{derived_seed, seed_or_entropy};
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Estimator, Predictor, SampleWeighted};
use crate::validation::{check_finite_1d, check_param, check_same_length, check_sample_weight};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

const NAME: &str = "SGDRegressor";

/// A linear regressor (least squares, Huber, linear SVR, …) fitted by
/// stochastic gradient descent — scikit-learn's `SGDRegressor`.
///
/// Each sample in turn moves the weights against the gradient of its loss
/// plus the penalty, scaled by its sample weight; see
/// [`SGDClassifier`](super::SGDClassifier) for the schedule, the stopping
/// rule and the agreement with scikit-learn (the same loop). With
/// `early_stopping` the score on the held-out rows is R².
///
/// [`partial_fit`](SGDRegressor::partial_fit) runs one epoch on a chunk
/// and returns a model that [`FittedSGDRegressor::partial_fit`] keeps
/// training, chunk by chunk.
///
/// # Hyperparameters
/// As [`SGDClassifier`](super::SGDClassifier) without `class_weight` and
/// `n_jobs`, with `loss` (default [`SGDRegressorLoss::SquaredError`]),
/// `epsilon` (0.1, ≥ 0: the Huber threshold and the insensitive margin)
/// and `learning_rate` defaulting to [`SGDLearningRate::InvScaling`]
/// (`eta0` 0.01, `power_t` 0.25).
///
/// # Fitted attributes
/// See [`FittedSGDRegressor`]: `coef`, `intercept`, `n_iter`, `t`,
/// `n_features_in`.
///
/// # Sparse input
/// [`fit_matrix`](crate::traits::Estimator::fit_matrix), `partial_fit_matrix`
/// and the other `_matrix` methods take a
/// [`CsrMatrix`](crate::sparse::CsrMatrix): each update touches a row's
/// stored values only (as scikit-learn's sparse SGD), and the model is the
/// dense fit's to rounding. An L1 or elastic-net penalty still costs a pass
/// over every weight per update, as in the dense fit.
///
/// # Errors
/// As [`SGDClassifier`](super::SGDClassifier), without the class errors.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::SGDRegressor;
/// use ndarray::{Array1, Array2};
///
/// let x = Array2::from_shape_fn((50, 2), |(i, j)| ((i * 7 + j * 3) % 11) as f64 / 5.0 - 1.0);
/// let y: Array1<f64> = x.rows().into_iter().map(|r| 2.0 * r[0] - r[1] + 0.5).collect();
/// let model = SGDRegressor::default().shuffle(false).tol(None).max_iter(200).fit(x.view(), y.view())?;
/// assert!((model.coef()[0] - 2.0).abs() < 0.05);
/// assert!(model.score(x.view(), y.view())? > 0.99);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SGDRegressor {
    /// The loss, default squared error.
    pub loss: SGDRegressorLoss,
    /// Huber threshold and insensitive margin, default 0.1.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub epsilon: f64,
    /// The penalty, default L2.
    pub penalty: SGDPenalty,
    /// Penalty strength, default 1e-4.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub alpha: f64,
    /// The L1 share of the elastic net, default 0.15.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub l1_ratio: f64,
    /// Whether to fit an intercept, default true.
    pub fit_intercept: bool,
    /// Maximum epochs, default 1000.
    pub max_iter: usize,
    /// Stopping tolerance, default `Some(1e-3)`; `None` runs `max_iter` epochs.
    pub tol: Option<f64>,
    /// Whether to visit the rows in a new random order every epoch, default true.
    pub shuffle: bool,
    /// Seed of the row orders and the validation split (None: fresh entropy).
    pub random_state: Option<u64>,
    /// The learning-rate schedule, default invscaling.
    pub learning_rate: SGDLearningRate,
    /// Initial learning rate, default 0.01.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub eta0: f64,
    /// Exponent of the invscaling schedule, default 0.25.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub power_t: f64,
    /// Stop on the R² of held-out rows, default false.
    pub early_stopping: bool,
    /// Share of rows held out for early stopping, default 0.1.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub validation_fraction: f64,
    /// Epochs without improvement before stopping, default 5.
    pub n_iter_no_change: usize,
    /// Average the weights from this update on (0: no averaging), default 0.
    pub average: usize,
}

impl Default for SGDRegressor {
    fn default() -> Self {
        SGDRegressor {
            loss: SGDRegressorLoss::SquaredError,
            epsilon: 0.1,
            penalty: SGDPenalty::L2,
            alpha: 1e-4,
            l1_ratio: 0.15,
            fit_intercept: true,
            max_iter: 1000,
            tol: Some(1e-3),
            shuffle: true,
            random_state: None,
            learning_rate: SGDLearningRate::InvScaling,
            eta0: 0.01,
            power_t: 0.25,
            early_stopping: false,
            validation_fraction: 0.1,
            n_iter_no_change: 5,
            average: 0,
        }
    }
}

setters!(SGDRegressor in "learnkit::linear_model" {
    loss: SGDRegressorLoss = learnkit::linear_model::SGDRegressorLoss::Huber;
    epsilon: f64 = 0.5;
    penalty: SGDPenalty = learnkit::linear_model::SGDPenalty::L1;
    alpha: f64 = 0.01;
    l1_ratio: f64 = 0.5;
    fit_intercept: bool = false;
    max_iter: usize = 50;
    tol: Option<f64> = None;
    shuffle: bool = false;
    learning_rate: SGDLearningRate = learnkit::linear_model::SGDLearningRate::Constant;
    eta0: f64 = 0.1;
    power_t: f64 = 0.5;
    early_stopping: bool = true;
    validation_fraction: f64 = 0.2;
    n_iter_no_change: usize = 3;
    average: usize = 10;
});

random_state_setter!(SGDRegressor in "learnkit::linear_model");

impl SGDRegressor {
    fn shared(&self) -> Shared {
        Shared {
            penalty: self.penalty,
            alpha: self.alpha,
            l1_ratio: self.l1_ratio,
            fit_intercept: self.fit_intercept,
            max_iter: self.max_iter,
            tol: self.tol,
            shuffle: self.shuffle,
            learning_rate: self.learning_rate,
            eta0: self.eta0,
            power_t: self.power_t,
            early_stopping: self.early_stopping,
            validation_fraction: self.validation_fraction,
            n_iter_no_change: self.n_iter_no_change,
            average: self.average,
            n_jobs: None,
        }
    }

    /// Checks every hyperparameter; `fit` calls it first.
    fn validate(&self) -> Result<()> {
        self.shared().validate(NAME)?;
        check_param(NAME, "epsilon", self.epsilon, "finite and >= 0", |e| {
            e.is_finite() && e >= 0.0
        })
    }

    fn fit_checked<F: Float>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedSGDRegressor<F>> {
        self.validate()?;
        let mut model = FittedSGDRegressor::empty(self.clone(), x.ncols());
        model.train(x, y, sample_weight, self.max_iter, self.early_stopping)?;
        if self.tol.is_some() && model.n_iter == self.max_iter {
            crate::warn::not_converged(NAME, format_args!("max_iter = {} epochs reached", self.max_iter));
        }
        Ok(model)
    }

    /// One epoch of SGD over a first chunk of rows (scikit-learn's first
    /// `partial_fit` call); the returned model goes on learning with
    /// [`FittedSGDRegressor::partial_fit`].
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
    /// hyperparameter or `early_stopping`; the errors of `fit` for bad data.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use ndarray::array;
    /// let mut model = SGDRegressor::default().shuffle(false)
    ///     .partial_fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view(), None)?;
    /// model.partial_fit(array![[2.0]].view(), array![2.0].view(), None)?;
    /// assert_eq!(model.t(), 4.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedSGDRegressor<F>> {
        self.partial_fit_matrix(x.into(), y, sample_weight)
    }

    /// [`partial_fit`](Self::partial_fit) on a dense or sparse first chunk
    /// (a sparse one is never densified); continue with
    /// [`FittedSGDRegressor::partial_fit_matrix`].
    ///
    /// # Errors
    /// As [`partial_fit`](Self::partial_fit).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[0.0, 1.0], [1.0, 0.0]].view());
    /// let model = SGDRegressor::default().shuffle(false).partial_fit_matrix((&x).into(), array![1.0, 0.0].view(), None)?;
    /// assert_eq!(model.t(), 3.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit_matrix<F: Float>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedSGDRegressor<F>> {
        self.validate()?;
        self.shared().validate_partial(NAME)?;
        check_matrix_x_y(NAME, x, y.len())?;
        let mut model = FittedSGDRegressor::empty(self.clone(), x.ncols());
        model.partial_fit_matrix(x, y, sample_weight)?;
        Ok(model)
    }
}

impl<F: Float> Estimator<F, F> for SGDRegressor {
    type Fitted = FittedSGDRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_checked(x.into(), y, None)
    }

    /// Fits on a dense or a sparse `x`: each update touches a sparse row's
    /// stored values only (scikit-learn's sparse SGD), giving the dense
    /// fit's model to rounding. An L1 or elastic-net penalty still costs a
    /// pass over every weight per update, as in the dense fit.
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for SGDRegressor {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x.into(), y, Some(sample_weight))
    }

    /// As [`Estimator::fit_matrix`], with sample weights.
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`SGDRegressor`], which [`partial_fit`](Self::partial_fit)
/// keeps training.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::SGDRegressor;
/// use ndarray::array;
/// let model = SGDRegressor::default().random_state(0)
///     .fit(array![[0.0], [1.0], [2.0]].view(), array![1.0, 3.0, 5.0].view())?;
/// assert_eq!(model.coef().len(), 1);
/// assert!(model.coef()[0] > 0.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = "F: Float"))]
pub struct FittedSGDRegressor<F> {
    params: SGDRegressor,
    /// The plain and averaged weights.
    state: State,
    /// The weights predictions use: the averaged ones once averaging began.
    linear: Linear<F>,
    n_iter: usize,
    /// The learning-rate counter: 1 + the number of updates so far.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    t: f64,
    /// Epochs run so far, which picks the next row orders.
    epochs: u64,
    /// The seed of the row orders and the validation split.
    seed: u64,
}

checked_serde!(impl[F: Float] FittedSGDRegressor<F>);
persist!(impl[F: Float] FittedSGDRegressor<F> => format!("SGDRegressor<{}>", F::NAME));

impl<F: Float> Check for FittedSGDRegressor<F> {
    /// Hyperparameters a fit accepts, one coefficient row of the state's
    /// width, and a counter that is at least 1.
    fn check(&self) -> std::result::Result<(), String> {
        use crate::persistence::check::ensure;
        self.params.validate().map_err(|e| e.to_string())?;
        self.linear.check(Some(1), self.params.fit_intercept)?;
        self.state.check(self.linear.coef.ncols())?;
        ensure(self.t.is_finite() && self.t >= 1.0, || {
            format!("SGDRegressor: update counter t = {}, must be >= 1", self.t)
        })
    }
}

impl<F: Float> FittedSGDRegressor<F> {
    fn empty(params: SGDRegressor, n_features: usize) -> Self {
        let seed = seed_or_entropy(params.random_state);
        FittedSGDRegressor {
            params,
            state: State::zeros(n_features),
            linear: Linear::new(&Array2::zeros((1, n_features)), &Array1::zeros(1)),
            n_iter: 0,
            t: 1.0,
            epochs: 0,
            seed,
        }
    }

    /// Runs up to `max_iter` epochs; the model changes only on success.
    fn train(
        &mut self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        max_iter: usize,
        early_stopping: bool,
    ) -> Result<()> {
        check_matrix_x_y(NAME, x, y.len())?;
        check_finite_1d(NAME, y)?;
        let n = x.nrows();
        let sample_weight: Vec<f64> = match sample_weight {
            Some(w) => check_sample_weight(NAME, Some(w), n)?
                .iter()
                .map(|v| v.as_f64())
                .collect(),
            None => vec![1.0; n],
        };
        let y: Vec<f64> = y.iter().map(|v| v.as_f64()).collect();
        let mask = if early_stopping {
            let splitter = ShuffleSplit::new(1)
                .test_size(Some(SplitSize::Fraction(self.params.validation_fraction)))
                .random_state(derived_seed(self.seed, u64::MAX));
            let folds = splitter.split(ArrayView1::from(&y[..]), None)?;
            if !folds[0].test.iter().any(|&i| sample_weight[i] > 0.0) {
                return Err(Error::invalid_input(
                    NAME,
                    "the sample weights of the early-stopping validation rows are all zero; \
                     change random_state or validation_fraction",
                ));
            }
            let mut mask = vec![false; n];
            for &i in &folds[0].test {
                mask[i] = true;
            }
            Some(mask)
        } else {
            None
        };
        let score = |coef: &[f64], intercept: f64| r2_on(x, &y, &sample_weight, mask.as_deref(), coef, intercept);
        let problem = Problem {
            x,
            y: &y,
            sample_weight: &sample_weight,
            weight_pos: 1.0,
            weight_neg: 1.0,
            validation: mask.as_deref().map(|mask| Validation { mask, score: &score }),
        };
        let options = self.params.shared().options(
            self.params.loss.loss(self.params.epsilon),
            max_iter,
            derived_seed(self.seed, self.epochs),
        );
        let mut state = self.state.clone();
        let n_iter = options.run(NAME, &problem, &mut state, self.t)?;
        self.state = state;
        self.n_iter = n_iter;
        self.t += (n_iter * n) as f64;
        self.epochs += n_iter as u64;
        let (w, b) = if averaged(self.params.average, self.t) {
            (&self.state.average_coef, self.state.average_intercept)
        } else {
            (&self.state.coef, self.state.intercept)
        };
        let coef = ArrayView1::from(&w[..]).insert_axis(ndarray::Axis(0)).to_owned();
        self.linear = Linear::new(&coef, &Array1::from_elem(1, b));
        Ok(())
    }

    /// One epoch of SGD over another chunk of rows (scikit-learn's
    /// `partial_fit`), continuing the learning rate, the averaging and the
    /// row orders where the previous call left them. On error the model is
    /// unchanged.
    ///
    /// # Errors
    /// [`Error::FeatureCountMismatch`](crate::Error::FeatureCountMismatch)
    /// for a chunk of another width; the errors of `fit` for bad data.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use ndarray::array;
    /// let mut model = SGDRegressor::default().partial_fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view(), None)?;
    /// assert!(model.partial_fit(array![[0.0, 1.0]].view(), array![1.0].view(), None).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit(
        &mut self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<()> {
        self.partial_fit_matrix(x.into(), y, sample_weight)
    }

    /// [`partial_fit`](Self::partial_fit) on a dense or sparse chunk (a
    /// sparse one is never densified).
    ///
    /// # Errors
    /// As [`partial_fit`](Self::partial_fit).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let mut model = SGDRegressor::default().partial_fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view(), None)?;
    /// let chunk = CsrMatrix::from_dense(array![[2.0]].view());
    /// model.partial_fit_matrix((&chunk).into(), array![2.0].view(), None)?;
    /// assert_eq!(model.t(), 4.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit_matrix(
        &mut self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<()> {
        if x.ncols() != self.n_features_in() {
            return Err(Error::FeatureCountMismatch {
                context: NAME.into(),
                expected: self.n_features_in(),
                got: x.ncols(),
            });
        }
        self.train(x, y, sample_weight, 1, false)
    }

    /// The coefficients (`coef_`); the averaged ones once averaging has
    /// begun.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use ndarray::array;
    /// let model = SGDRegressor::default().fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.coef().len(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn coef(&self) -> ArrayView1<'_, F> {
        self.linear.coef.row(0)
    }

    /// The intercept (`intercept_[0]`); 0 without `fit_intercept`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use ndarray::array;
    /// let model = SGDRegressor::default().fit_intercept(false).fit(array![[1.0], [2.0]].view(), array![1.0, 2.0].view())?;
    /// assert_eq!(model.intercept(), 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn intercept(&self) -> F {
        self.linear.intercept[0]
    }

    /// Epochs run by the last `fit` or `partial_fit` (`n_iter_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use ndarray::array;
    /// let model = SGDRegressor::default().tol(None).max_iter(4).fit(array![[1.0], [2.0]].view(), array![1.0, 2.0].view())?;
    /// assert_eq!(model.n_iter(), 4);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_iter(&self) -> usize {
        self.n_iter
    }

    /// The learning-rate counter (`t_`): 1 plus the number of updates.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use ndarray::array;
    /// let model = SGDRegressor::default().tol(None).max_iter(4).fit(array![[1.0], [2.0]].view(), array![1.0, 2.0].view())?;
    /// assert_eq!(model.t(), 9.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn t(&self) -> f64 {
        self.t
    }

    /// Number of features (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDRegressor;
    /// use ndarray::array;
    /// let model = SGDRegressor::default().fit(array![[1.0, 0.0], [2.0, 1.0]].view(), array![1.0, 2.0].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.linear.coef.ncols()
    }
}

/// The weighted R² on the held-out rows (what early stopping maximises).
fn r2_on<F: Float>(
    x: MatrixView<'_, F>,
    y: &[f64],
    sample_weight: &[f64],
    mask: Option<&[bool]>,
    coef: &[f64],
    intercept: f64,
) -> f64 {
    let rows: Vec<usize> = (0..y.len()).filter(|&i| mask.is_some_and(|m| m[i])).collect();
    let total: f64 = rows.iter().map(|&i| sample_weight[i]).sum();
    let mean = rows.iter().map(|&i| sample_weight[i] * y[i]).sum::<f64>() / total;
    let (mut residual, mut spread) = (0.0, 0.0);
    for &i in &rows {
        let pred: f64 = row_dot(x, i, coef) + intercept;
        residual += sample_weight[i] * (y[i] - pred).powi(2);
        spread += sample_weight[i] * (y[i] - mean).powi(2);
    }
    if spread > 0.0 {
        1.0 - residual / spread
    } else if residual == 0.0 {
        1.0
    } else {
        0.0
    }
}

impl<F: Float> Predictor<F> for FittedSGDRegressor<F> {
    type Output = F;

    /// `x·coef + intercept` for each row.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        self.predict_matrix(x.into())
    }

    /// R² of the predictions.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        self.score_matrix(x.into(), y)
    }

    /// As [`predict`](Predictor::predict), on a dense or sparse `x` (a
    /// sparse one is never densified).
    fn predict_matrix(&self, x: MatrixView<'_, F>) -> Result<Array1<F>> {
        Ok(self.linear.scores_matrix(NAME, None, x)?.column(0).to_owned())
    }

    /// As [`score`](Predictor::score), on a dense or sparse `x`.
    fn score_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        crate::metrics::r2_score(y, self.predict_matrix(x)?.view())
    }
}
