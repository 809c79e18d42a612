//! [`SGDClassifier`]: its hyperparameters, `fit`, and the first
//! `partial_fit`.

use super::classifier_fitted::FittedSGDClassifier;
use super::{SGDClassifierLoss, SGDLearningRate, SGDPenalty, Shared};
use crate::class_weight::ClassWeight;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::sparse::{MatrixView, check_matrix_x_y};
use crate::traits::{Estimator, SampleWeighted};
use crate::validation::{check_param, check_two_classes, encode_labels};
use ndarray::{ArrayView1, ArrayView2};

pub(super) const NAME: &str = "SGDClassifier";

/// A linear classifier (SVM, logistic regression, …) fitted by stochastic
/// gradient descent — scikit-learn's `SGDClassifier`.
///
/// Each sample in turn moves the weights against the gradient of its loss
/// plus the penalty: `w ← w − η(t)·(∂loss/∂w + α·∂penalty/∂w)`, scaled by the
/// sample's weight and its class's weight. Two classes give one binary
/// problem (`classes()[1]` positive, targets ±1); more give one problem per
/// class against the rest (one-vs-all), solved in parallel on `n_jobs`
/// threads, each with its own seed, so the model is the same whatever their
/// number. An epoch visits every row once, in a fresh random order with
/// `shuffle`; fitting stops when `n_iter_no_change` epochs in a row fail to
/// lower the mean training objective by `tol` (or, with `early_stopping`,
/// to raise the accuracy on the held-out `validation_fraction` by `tol`).
///
/// The update sequence is scikit-learn's (`_plain_sgd`): with `shuffle =
/// false` the coefficients agree with scikit-learn 1.9.1 to about 1e-12
/// (see `tests/sgd.rs`). With `shuffle` the row orders come from learnkit's
/// generator, not NumPy's, so only the quality of the model compares.
///
/// [`partial_fit`](SGDClassifier::partial_fit) runs one epoch on a chunk
/// and returns a model that
/// [`FittedSGDClassifier::partial_fit`] keeps training, chunk by chunk: the
/// way to learn from data that does not fit in memory.
///
/// Features should be standardised (e.g. with
/// [`StandardScaler`](crate::preprocessing::StandardScaler)): the step sizes
/// assume features of unit scale.
///
/// # Hyperparameters
/// - `loss` (default [`SGDClassifierLoss::Hinge`]).
/// - `penalty` (default [`SGDPenalty::L2`]), `alpha` (1e-4, ≥ 0; > 0 with
///   the optimal rate), `l1_ratio` (0.15, in [0, 1], for `ElasticNet`).
/// - `fit_intercept` (default `true`).
/// - `max_iter` (1000 epochs, ≥ 1), `tol` (`Some(1e-3)`; `None` runs
///   `max_iter` epochs), `n_iter_no_change` (5).
/// - `shuffle` (default `true`), `random_state` (default `None`: fresh
///   entropy).
/// - `learning_rate` (default [`SGDLearningRate::Optimal`]), `eta0` (0.01,
///   > 0), `power_t` (0.5).
/// - `early_stopping` (default `false`), `validation_fraction` (0.1, in
///   (0, 1)): the held-out rows are stratified by class.
/// - `class_weight` (default uniform; `Balanced` counts `y`, unweighted, as
///   scikit-learn's SGD does).
/// - `average` (default 0: off): averaged SGD from the `average`-th update
///   on (scikit-learn's `average=True` is 1).
/// - `n_jobs` (default `None`, every core).
///
/// # Fitted attributes
/// See [`FittedSGDClassifier`]: `coef`, `intercept`, `classes`, `n_iter`,
/// `t`, `n_features_in`.
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
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter; [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite),
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for bad data;
/// [`Error::SingleClass`](crate::Error::SingleClass) for one class;
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for bad sample
/// weights; [`Error::NotConverged`](crate::Error::NotConverged) when the
/// weights overflow (unscaled features, too large `eta0`).
///
/// # Warnings
/// A fit that runs all `max_iter` epochs with a `tol` warns that it did not
/// converge (through the `log` crate, see the crate docs).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::linear_model::{SGDClassifier, SGDClassifierLoss};
/// use ndarray::array;
///
/// let x = array![[-2.0, -1.0], [-1.0, -1.5], [1.0, 1.5], [2.0, 1.0]];
/// let y = array!["no", "no", "yes", "yes"];
/// let model = SGDClassifier::default()
///     .loss(SGDClassifierLoss::LogLoss)
///     .shuffle(false)
///     .fit(x.view(), y.view())?;
/// assert_eq!(model.predict(x.view())?, y);
/// assert!(model.predict_proba(array![[3.0, 3.0]].view())?[[0, 1]] > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SGDClassifier {
    /// The loss, default hinge.
    pub loss: SGDClassifierLoss,
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
    /// The learning-rate schedule, default optimal.
    pub learning_rate: SGDLearningRate,
    /// Initial learning rate of the constant, invscaling and adaptive schedules, default 0.01.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub eta0: f64,
    /// Exponent of the invscaling schedule, default 0.5.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub power_t: f64,
    /// Stop on the accuracy of held-out rows, default false.
    pub early_stopping: bool,
    /// Share of rows held out for early stopping, default 0.1.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub validation_fraction: f64,
    /// Epochs without improvement before stopping, default 5.
    pub n_iter_no_change: usize,
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// Average the weights from this update on (0: no averaging), default 0.
    pub average: usize,
    /// Threads (None: every core).
    pub n_jobs: Option<usize>,
}

impl Default for SGDClassifier {
    fn default() -> Self {
        SGDClassifier {
            loss: SGDClassifierLoss::Hinge,
            penalty: SGDPenalty::L2,
            alpha: 1e-4,
            l1_ratio: 0.15,
            fit_intercept: true,
            max_iter: 1000,
            tol: Some(1e-3),
            shuffle: true,
            random_state: None,
            learning_rate: SGDLearningRate::Optimal,
            eta0: 0.01,
            power_t: 0.5,
            early_stopping: false,
            validation_fraction: 0.1,
            n_iter_no_change: 5,
            class_weight: ClassWeight::Uniform,
            average: 0,
            n_jobs: None,
        }
    }
}

setters!(SGDClassifier in "learnkit::linear_model" {
    loss: SGDClassifierLoss = learnkit::linear_model::SGDClassifierLoss::Perceptron;
    penalty: SGDPenalty = learnkit::linear_model::SGDPenalty::L1;
    alpha: f64 = 0.01;
    l1_ratio: f64 = 0.5;
    fit_intercept: bool = false;
    max_iter: usize = 50;
    tol: Option<f64> = None;
    shuffle: bool = false;
    learning_rate: SGDLearningRate = learnkit::linear_model::SGDLearningRate::Adaptive;
    eta0: f64 = 0.1;
    power_t: f64 = 0.25;
    early_stopping: bool = true;
    validation_fraction: f64 = 0.2;
    n_iter_no_change: usize = 3;
    average: usize = 10;
    n_jobs: Option<usize> = Some(1);
} into {
    class_weight: ClassWeight = vec![1.0, 3.0] => learnkit::class_weight::ClassWeight::PerClass(vec![1.0, 3.0]);
} optional {

});

random_state_setter!(SGDClassifier in "learnkit::linear_model");

impl SGDClassifier {
    pub(super) fn shared(&self) -> Shared {
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
            n_jobs: self.n_jobs,
        }
    }

    /// Checks every hyperparameter; `fit` calls it first.
    pub(super) fn validate(&self) -> Result<()> {
        self.shared().validate(NAME)?;
        self.class_weight.check_not_forest(NAME)
    }

    fn fit_checked<F: Float, L: Label>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedSGDClassifier<F, L>> {
        self.validate()?;
        check_matrix_x_y(NAME, x, y.len())?;
        let (classes, codes) = encode_labels(y.iter());
        check_two_classes(NAME, &classes)?;
        let mut model = FittedSGDClassifier::empty(self.clone(), classes, x.ncols());
        model.train(x, &codes, sample_weight, self.max_iter, self.early_stopping)?;
        if self.tol.is_some() && model.n_iter() == self.max_iter {
            crate::warn::not_converged(NAME, format_args!("max_iter = {} epochs reached", self.max_iter));
        }
        Ok(model)
    }

    /// One epoch of SGD over a first chunk of rows (scikit-learn's first
    /// `partial_fit` call): the returned model goes on learning with
    /// [`FittedSGDClassifier::partial_fit`]. `classes` must list every class
    /// the chunks will hold (this chunk may miss some); later chunks may not
    /// bring others.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when `classes` is
    /// `None` or `y` holds a class outside it;
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
    /// hyperparameter, `early_stopping` (which `partial_fit` cannot do) or a
    /// `Balanced` class weight (which needs all of `y`);
    /// [`Error::SingleClass`](crate::Error::SingleClass) for fewer than two
    /// classes; the errors of `fit` for bad data.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use ndarray::array;
    ///
    /// let sgd = SGDClassifier::default().shuffle(false);
    /// let mut model = sgd.partial_fit(array![[-1.0], [1.0]].view(), array![0, 1].view(), Some(&[0, 1]), None)?;
    /// model.partial_fit(array![[-2.0], [2.0]].view(), array![0, 1].view(), None, None)?;
    /// assert_eq!(model.t(), 5.0); // four updates so far
    /// assert_eq!(model.predict(array![[-3.0], [3.0]].view())?, array![0, 1]);
    /// assert!(sgd.partial_fit(array![[1.0]].view(), array![1].view(), None, None).is_err()); // no classes
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        classes: Option<&[L]>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedSGDClassifier<F, L>> {
        self.partial_fit_matrix(x.into(), y, classes, sample_weight)
    }

    /// [`partial_fit`](Self::partial_fit) on a dense or sparse first chunk
    /// (a sparse one is never densified); continue with
    /// [`FittedSGDClassifier::partial_fit_matrix`].
    ///
    /// # Errors
    /// As [`partial_fit`](Self::partial_fit).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::linear_model::SGDClassifier;
    /// use learnkit::sparse::CsrMatrix;
    /// use ndarray::array;
    /// let x = CsrMatrix::from_dense(array![[-1.0, 0.0], [0.0, 1.0]].view());
    /// let model = SGDClassifier::default().shuffle(false)
    ///     .partial_fit_matrix((&x).into(), array![0, 1].view(), Some(&[0, 1]), None)?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn partial_fit_matrix<F: Float, L: Label>(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        classes: Option<&[L]>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedSGDClassifier<F, L>> {
        self.validate()?;
        self.shared().validate_partial(NAME)?;
        check_param(
            NAME,
            "class_weight",
            "Balanced",
            "Uniform or PerClass with partial_fit (Balanced needs all of y)",
            |_| self.class_weight != ClassWeight::Balanced,
        )?;
        let Some(classes) = classes else {
            return Err(Error::invalid_input(
                NAME,
                "the first partial_fit needs `classes`: every class the chunks will hold",
            ));
        };
        let (classes, _) = encode_labels(classes.iter());
        check_two_classes(NAME, &classes)?;
        check_matrix_x_y(NAME, x, y.len())?;
        let mut model = FittedSGDClassifier::empty(self.clone(), classes, x.ncols());
        model.partial_fit_matrix(x, y, None, sample_weight)?;
        Ok(model)
    }
}

impl<F: Float, L: Label> Estimator<F, L> for SGDClassifier {
    type Fitted = FittedSGDClassifier<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_checked(x.into(), y, None)
    }

    /// Fits on a dense or a sparse `x`: each update touches a sparse row's
    /// stored values only (scikit-learn's sparse SGD), giving the dense
    /// fit's model to rounding. An L1 or elastic-net penalty still costs a
    /// pass over every weight per update, as in the dense fit.
    fn fit_matrix(&self, x: MatrixView<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for SGDClassifier {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x.into(), y, Some(sample_weight))
    }

    /// As [`Estimator::fit_matrix`], with sample weights.
    fn fit_weighted_matrix(
        &self,
        x: MatrixView<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}
