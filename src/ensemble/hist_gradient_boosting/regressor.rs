//! [`HistGradientBoostingRegressor`] and its fitted model.

use super::boosting::{self, Ensemble, Targets, fitted_accessors};
use super::distributed;
use super::loss::Loss;
use super::params::{CategoricalFeatures, EarlyStopping, Progress, Settings, hgb_estimator, settings_of};
use super::predictor::PREDICT_CHUNK;
use crate::distributed::{Communicator, agree};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::r2_score;
use crate::parallel::with_n_jobs_rows;
use crate::persistence::Check;
use crate::traits::{Estimator, Predictor, SampleWeighted};
use crate::validation::{check_finite_1d, check_predict_input_with_missing, check_same_length, check_sample_weight};
use ndarray::{Array1, ArrayView1, ArrayView2};
use std::marker::PhantomData;

const NAME: &str = "HistGradientBoostingRegressor";

/// The regression loss (scikit-learn's `loss`).
///
/// # Example
/// ```
/// use learnkit::ensemble::{HistGradientBoostingRegressor, RegressionLoss};
/// assert_eq!(HistGradientBoostingRegressor::default().loss, RegressionLoss::SquaredError);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RegressionLoss {
    /// Half the squared error, `½ (y − ŷ)²` (scikit-learn's `"squared_error"`).
    #[default]
    SquaredError,
}

hgb_estimator! {
    /// Histogram-based gradient boosting for regression, scikit-learn's
    /// `HistGradientBoostingRegressor` (LightGBM's algorithm).
    ///
    /// Features are binned once into at most `max_bins` bins (plus one for
    /// missing values). Each iteration fits one regression tree, grown leaf by
    /// leaf (best first) on the gradients `g = ŷ − y` and hessians `h = 1` of
    /// the half squared error, with leaf values `−learning_rate · G / (H + λ)`.
    /// Split gains are `G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)`. The prediction
    /// is the weighted mean of the targets plus every tree's leaf value.
    ///
    /// Missing values (`NaN`) are supported natively: each split learns which
    /// side they go to (or, for a feature without missing values in training,
    /// they follow the larger child). Categorical features
    /// ([`CategoricalFeatures`]) are split into two sets of categories.
    ///
    /// # Hyperparameters
    /// `loss` (squared error), `learning_rate` (0.1), `max_iter` (100),
    /// `max_leaf_nodes` (`Some(31)`), `max_depth` (`None`), `min_samples_leaf`
    /// (20), `l2_regularization` (0), `max_features` (1.0: the fraction of
    /// features searched per split), `max_bins` (255, at most 255),
    /// `categorical_features` (none; by index, mask, or name with
    /// `feature_names`), `feature_names` (`None`), `early_stopping` ([`EarlyStopping::Auto`]:
    /// on above 10,000 rows), `validation_fraction` (`Some(0.1)`; `None` scores
    /// the training data), `n_iter_no_change` (10), `tol` (1e-7), `verbose` (0;
    /// 1 prints a line per iteration to standard error), `random_state`
    /// (`None`), `n_jobs` (`None`: every core).
    ///
    /// # Numerics and differences from scikit-learn
    /// Gradients and hessians are `f32` (as scikit-learn's: half the memory
    /// traffic of the histogram loops, the hot path), summed into `f64`
    /// histograms; raw predictions and leaf values are `f64`. On features with
    /// at most `max_bins` distinct values the bins are scikit-learn's, and the
    /// fitted model agrees with scikit-learn 1.9.1 to about 1e-13. A feature
    /// with more distinct values is cut at count quantiles of its training
    /// values (scikit-learn takes percentiles), so such models differ
    /// slightly. Above 200,000 training rows the bins are cut from 200,000
    /// rows drawn with `random_state`, as scikit-learn's (categories from
    /// every row), and every row is coded against their thresholds. `train_score` is recorded with early
    /// stopping (as scikit-learn), with `verbose > 0` or by `fit_with_progress`. Not implemented:
    /// the other losses, `monotonic_cst`, `interaction_cst`, `warm_start`,
    /// `scoring` other than the loss, and an explicit validation set. When
    /// early stopping holds rows out, the training and validation rows are
    /// copied (the binning must see the training rows alone).
    ///
    /// # Fitted attributes
    /// See [`FittedHistGradientBoostingRegressor`]: `n_iter`, `train_score`,
    /// `validation_score`, `n_trees_per_iteration`, `is_categorical`,
    /// `n_features_in`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
    /// hyperparameter; [`Error::EmptyInput`](crate::Error::EmptyInput),
    /// [`Error::NonFinite`](crate::Error::NonFinite) (infinities, or `NaN`
    /// targets), [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for bad
    /// data; [`Error::InvalidInput`](crate::Error::InvalidInput) for a
    /// categorical value that is not an integer code in `[0, max_bins)` or bad
    /// sample weights.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::HistGradientBoostingRegressor;
    /// use learnkit::datasets::load_iris;
    ///
    /// let iris = load_iris();
    /// // Predict the petal width from the other three measurements.
    /// let x = iris.data.slice(ndarray::s![.., ..3]);
    /// let y = iris.data.column(3);
    /// let model = HistGradientBoostingRegressor::default().max_iter(50).fit(x, y)?;
    /// assert!(model.score(x, y)? > 0.95);
    /// assert_eq!(model.n_iter(), 50);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub struct HistGradientBoostingRegressor {
        /// The loss, default squared error.
        loss: RegressionLoss = RegressionLoss::SquaredError, example learnkit::ensemble::RegressionLoss::SquaredError;
    }
}

impl HistGradientBoostingRegressor {
    fn settings(&self) -> Settings {
        settings_of!(self, NAME)
    }

    /// Fits as [`Estimator::fit`] (with optional sample weights), calling
    /// `progress` after every iteration — to draw a progress bar or log the
    /// losses. The callback runs on the calling thread's pool, in order.
    ///
    /// # Errors
    /// As [`Estimator::fit`] and [`SampleWeighted::fit_weighted`].
    ///
    /// # Example
    /// ```
    /// use learnkit::ensemble::HistGradientBoostingRegressor;
    /// use ndarray::{Array1, Array2};
    /// let x = Array2::from_shape_fn((100, 2), |(i, j)| (i * (j + 1)) as f64);
    /// let y = Array1::from_shape_fn(100, |i| (i / 10) as f64);
    /// let mut losses = Vec::new();
    /// let model = HistGradientBoostingRegressor::default().max_iter(20)
    ///     .fit_with_progress(x.view(), y.view(), None, |p| losses.push(-p.train_score))?;
    /// assert_eq!(losses.len(), 20);
    /// assert!(losses[19] < losses[0]);
    /// assert_eq!(model.train_score().len(), 21);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_with_progress<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        mut progress: impl FnMut(&Progress) + Send,
    ) -> Result<FittedHistGradientBoostingRegressor<F>> {
        self.fit_reporting(x, y, sample_weight, Some(&mut progress))
    }

    /// Fits, calling `progress` (when given) after every iteration.
    fn fit_reporting<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        progress: Option<&mut (dyn FnMut(&Progress) + Send)>,
    ) -> Result<FittedHistGradientBoostingRegressor<F>> {
        let settings = self.settings();
        boosting::check_fit_input(&settings, x, y.len())?;
        check_finite_1d(NAME, y)?;
        let weights = match sample_weight {
            None => None,
            Some(w) => Some(
                check_sample_weight(NAME, Some(w), x.nrows())?
                    .iter()
                    .map(|v| v.as_f64())
                    .collect(),
            ),
        };
        let targets = Targets {
            y: y.iter().map(|v| v.as_f64()).collect(),
            weights,
            strata: None,
        };
        let mut ensemble = boosting::fit_with_n_jobs(&settings, Loss::SquaredError, x, targets, progress)?;
        ensemble.fitted_with_sample_weight = sample_weight.is_some();
        Ok(FittedHistGradientBoostingRegressor {
            params: self.clone(),
            ensemble,
            float: PhantomData,
        })
    }
}

impl HistGradientBoostingRegressor {
    /// Fits on rows spread over the processes of `comm` (data-parallel, as
    /// LightGBM's data-parallel learner): `x` and `y` are this process's
    /// rows (possibly none), and every process returns the same model —
    /// bit for bit, whatever the number of processes and however the rows
    /// are split. Call it on every process of the group.
    ///
    /// The bin edges come from every process's rows (a sample by global
    /// row index above 200,000 rows), each tree's gradients are rounded to
    /// a grid on which the histograms' sums are exact (about 1e-7 of the
    /// largest gradient), and the histograms of the root and each smaller
    /// child are combined as integers, each process receiving those of its
    /// own block of features (a reduce-scatter, as LightGBM's data-parallel
    /// learner); the processes' best splits are then gathered and the best
    /// taken (the lowest feature on ties). With early stopping, a row is a
    /// validation row when a hash of its global index (its position in the
    /// rows of all processes in rank order) falls below
    /// `validation_fraction`, so the validation rows differ from
    /// [`fit`](Estimator::fit)'s. The fit runs on the global rayon pool
    /// (`n_jobs` is not applied). With sample weights, see
    /// [`fit_distributed_weighted`](Self::fit_distributed_weighted).
    ///
    /// # Errors
    /// On every process, when any process's input is bad: as
    /// [`Estimator::fit`] (a process may hold no rows, but not all of them),
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the
    /// processes' feature counts differ or early stopping leaves no
    /// validation rows; [`Error::Communication`](crate::Error::Communication)
    /// when the group fails.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator, RowShards};
    /// use learnkit::ensemble::HistGradientBoostingRegressor;
    /// use learnkit::prelude::*;
    /// use ndarray::{s, Array1, Array2};
    ///
    /// let x = Array2::from_shape_fn((300, 2), |(i, j)| ((i * (j + 3)) % 17) as f64);
    /// let y = Array1::from_shape_fn(300, |i| x[[i, 0]] * 2.0 - x[[i, 1]]);
    /// let estimator = HistGradientBoostingRegressor::default().max_iter(20);
    /// let models = run_in_process(3, |comm| {
    ///     let rows = RowShards::even_split(300, comm.rank(), comm.size());
    ///     estimator.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    /// })?;
    /// let p = models[0].predict(x.view())?;
    /// assert_eq!(p, models[2].predict(x.view())?);
    /// assert!(models[0].score(x.view(), y.view())? > 0.95);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed<F: Float, C: Communicator + ?Sized>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
    ) -> Result<FittedHistGradientBoostingRegressor<F>> {
        self.fit_distributed_checked(comm, x, y, None)
    }

    /// As [`fit_distributed`](Self::fit_distributed), with this process's
    /// rows' sample weights (as [`SampleWeighted::fit_weighted`]: the
    /// baseline, gradients, hessians and early-stopping losses are
    /// weighted). Call it on every process of the group, each with its own
    /// rows' weights (empty on a process without rows). The model is
    /// bit-identical for any number of processes.
    ///
    /// # Errors
    /// As [`fit_distributed`](Self::fit_distributed);
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) on every process
    /// when one process's weights are negative, not finite or not one per
    /// row, or when the weights of all processes sum to zero.
    ///
    /// # Example
    /// ```
    /// use learnkit::distributed::{run_in_process, Communicator, RowShards};
    /// use learnkit::ensemble::HistGradientBoostingRegressor;
    /// use learnkit::prelude::*;
    /// use ndarray::{s, Array1, Array2};
    ///
    /// let x = Array2::from_shape_fn((300, 2), |(i, j)| ((i * (j + 3)) % 17) as f64);
    /// let y = Array1::from_shape_fn(300, |i| x[[i, 0]] * 2.0 - x[[i, 1]]);
    /// let w = Array1::from_shape_fn(300, |i| 1.0 + (i % 3) as f64);
    /// let estimator = HistGradientBoostingRegressor::default().max_iter(20);
    /// let models = run_in_process(2, |comm| {
    ///     let rows = RowShards::even_split(300, comm.rank(), comm.size());
    ///     estimator.fit_distributed_weighted(
    ///         comm,
    ///         x.slice(s![rows.clone(), ..]),
    ///         y.slice(s![rows.clone()]),
    ///         w.slice(s![rows]),
    ///     )
    /// })?;
    /// assert_eq!(models[0].predict(x.view())?, models[1].predict(x.view())?);
    /// assert!(models[0].score(x.view(), y.view())? > 0.95);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_distributed_weighted<F: Float, C: Communicator + ?Sized>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<FittedHistGradientBoostingRegressor<F>> {
        self.fit_distributed_checked(comm, x, y, Some(sample_weight))
    }

    fn fit_distributed_checked<F: Float, C: Communicator + ?Sized>(
        &self,
        comm: &C,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedHistGradientBoostingRegressor<F>> {
        let settings = self.settings();
        let local = distributed::check_local(&settings, x, y.len())
            .and_then(|()| check_finite_1d(NAME, y))
            .and_then(|()| distributed::local_weights(NAME, sample_weight, x.nrows()));
        let weights = agree(comm, local)?;
        let y: Vec<f64> = y.iter().map(|v| v.as_f64()).collect();
        let mut ensemble = distributed::fit(&settings, Loss::SquaredError, comm, x, y, weights)?;
        ensemble.fitted_with_sample_weight = sample_weight.is_some();
        Ok(FittedHistGradientBoostingRegressor {
            params: self.clone(),
            ensemble,
            float: PhantomData,
        })
    }
}

impl<F: Float> Estimator<F, F> for HistGradientBoostingRegressor {
    type Fitted = FittedHistGradientBoostingRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_reporting(x, y, None, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for HistGradientBoostingRegressor {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_reporting(x, y, Some(sample_weight), None)
    }
}

/// A fitted [`HistGradientBoostingRegressor`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::HistGradientBoostingRegressor;
/// use ndarray::{array, Array1, Array2};
/// let x = Array2::from_shape_fn((200, 1), |(i, _)| i as f64);
/// let y = Array1::from_shape_fn(200, |i| if i < 100 { 0.0 } else { 10.0 });
/// let model = HistGradientBoostingRegressor::default().fit(x.view(), y.view())?;
/// let p = model.predict(array![[10.0], [190.0], [f64::NAN]].view())?;
/// assert!(p[0] < 1.0 && p[1] > 9.0 && p[2].is_finite());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = ""))]
pub struct FittedHistGradientBoostingRegressor<F> {
    params: HistGradientBoostingRegressor,
    ensemble: Ensemble,
    float: PhantomData<F>,
}

checked_serde!(impl[F: Float] FittedHistGradientBoostingRegressor<F>);
persist!(impl[F: Float] FittedHistGradientBoostingRegressor<F> => format!("HistGradientBoostingRegressor<{}>", F::NAME));

impl<F: Float> Check for FittedHistGradientBoostingRegressor<F> {
    /// Valid hyperparameters and a consistent ensemble of one output.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.settings().validate().map_err(|e| e.to_string())?;
        self.ensemble.check(
            NAME,
            1,
            &self.params.categorical_features,
            self.params.feature_names.as_deref(),
        )
    }
}

impl<F: Float> FittedHistGradientBoostingRegressor<F> {
    fitted_accessors!(
        HistGradientBoostingRegressor,
        y = "[0.0, 1.0]",
        loss = "loss (half squared error)",
        trees = "1 for regression"
    );
}

impl<F: Float> Predictor<F> for FittedHistGradientBoostingRegressor<F> {
    type Output = F;

    /// The baseline plus the sum of the trees' values; `NaN` is a missing value.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        check_predict_input_with_missing(NAME, self.ensemble.n_features, x)?;
        let raw = with_n_jobs_rows(self.params.n_jobs, x.nrows(), PREDICT_CHUNK, || self.ensemble.raw(x))?;
        Ok(raw.column(0).mapv(F::cast))
    }

    /// R².
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        let predicted = self.predict(x)?;
        r2_score(y, predicted.view())
    }
}
