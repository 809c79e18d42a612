//! What both regression forests share ([`RandomForestRegressor`](super::RandomForestRegressor)
//! and [`ExtraTreesRegressor`](super::ExtraTreesRegressor)): fitting,
//! growing more trees (warm start), and the fitted model
//! [`FittedForestRegressor`], generic over the hyperparameter type.

use super::forest::{ForestSettings, PREDICT_CHUNK, check_trees, mean_importances, mean_values};
use super::forest_distributed::{agreed_seed, owned_trees, share_trees};
use super::forest_rows::{RowTargets, check_rows_x_y, check_settings, fit_rows};
use crate::distributed::{Communicator, agreed, check_replicated, check_shards};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::r2_score;
use crate::parallel::{with_n_jobs, with_n_jobs_rows};
use crate::persistence::Check;
use crate::persistence::check::ensure;
use crate::traits::Predictor;
use crate::tree::{Impurity, Tree, bin, regression_targets, value_stats};
use crate::validation::{check_finite_1d, check_predict_input_with_missing, check_same_length};
use ndarray::{Array1, ArrayView1, ArrayView2};
use std::marker::PhantomData;

/// The hyperparameters of a regression forest, as the shared fitting code
/// needs them. Implemented by [`RandomForestRegressor`](super::RandomForestRegressor)
/// and [`ExtraTreesRegressor`](super::ExtraTreesRegressor) only.
pub trait ForestRegressorParams: Clone + Send + Sync {
    /// The estimator's name (scikit-learn's class name), in messages and
    /// saved files.
    const NAME: &'static str;
    /// The settings every forest shares.
    fn settings(&self) -> ForestSettings;
    /// The same hyperparameters with another number of trees.
    fn with_n_estimators(&self, n_estimators: usize) -> Self;
}

/// A fitted regression forest: a [`FittedRandomForestRegressor`](super::FittedRandomForestRegressor)
/// or a [`FittedExtraTreesRegressor`](super::FittedExtraTreesRegressor)
/// (`P` is the hyperparameter type).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::RandomForestRegressor;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let model = RandomForestRegressor::default().n_estimators(10).random_state(0).fit(x.view(), array![0.0, 0.0, 4.0, 4.0].view())?;
/// assert_eq!(model.estimators().len(), 10);
/// assert!(model.predict(array![[3.0]].view())?[0] > 2.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(serialize = "P: serde::Serialize", deserialize = "P: serde::de::DeserializeOwned")
    )
)]
pub struct FittedForestRegressor<F, P> {
    params: P,
    n_features: usize,
    /// The forest seed actually used (drawn when `random_state` is `None`).
    base_seed: u64,
    trees: Vec<Tree>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::option"))]
    oob_score: Option<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    oob_prediction: Option<Array1<f64>>,
    float: PhantomData<F>,
}

checked_serde!(impl[F: Float, P: ForestRegressorParams] FittedForestRegressor<F, P>;
    ser[P: serde::Serialize] de[P: serde::de::DeserializeOwned]);
persist!(impl[F: Float, P: ForestRegressorParams] FittedForestRegressor<F, P> => format!("{}<{}>", P::NAME, F::NAME));

impl<F: Float, P: ForestRegressorParams> Check for FittedForestRegressor<F, P> {
    /// Valid hyperparameters with one tree per estimator, every tree on
    /// `n_features` features with one output; out-of-bag results present
    /// exactly when `oob_score` was asked for. Each tree checked itself
    /// when it was read.
    fn check(&self) -> std::result::Result<(), String> {
        let settings = self.params.settings();
        let name = settings.name;
        settings.validate().map_err(|e| e.to_string())?;
        check_trees(name, &self.trees, settings.n_estimators, self.n_features, 1)?;
        ensure(
            self.oob_score.is_some() == settings.oob_score && self.oob_prediction.is_some() == settings.oob_score,
            || format!("{name}: out-of-bag score and prediction must be present exactly when oob_score is set"),
        )
    }
}

impl<F: Float, P: ForestRegressorParams> FittedForestRegressor<F, P> {
    /// Fits a forest of `params.n_estimators` trees.
    pub(crate) fn fit(
        params: &P,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<Self> {
        Self::fit_with(params, None, x, y, sample_weight)
    }

    /// [`fit`](Self::fit), or with a communicator the tree-parallel fit on
    /// replicated data (see `forest_distributed`): same seeds, same trees.
    pub(crate) fn fit_with(
        params: &P,
        comm: Option<&dyn Communicator>,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<Self> {
        let settings = params.settings();
        settings.validate()?;
        let mut model = FittedForestRegressor {
            params: params.clone(),
            n_features: x.ncols(),
            base_seed: agreed_seed(comm, settings.random_state)?,
            trees: Vec::new(),
            oob_score: None,
            oob_prediction: None,
            float: PhantomData,
        };
        match comm {
            None => with_n_jobs(settings.n_jobs, || model.grow(&settings, x, y, sample_weight, None))??,
            // Collectives stay off shared pool threads (see the classifier).
            Some(c) => {
                check_replicated(c, settings.name, x.dim())?;
                model.grow(&settings, x, y, sample_weight, comm)?
            }
        }
        Ok(model)
    }

    /// The row-sharded fit (see `forest_rows`): `x`, `y` are this rank's
    /// rows.
    pub(crate) fn fit_rows(
        params: &P,
        comm: &dyn Communicator,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
    ) -> Result<Self> {
        let settings = params.settings();
        let name = settings.name;
        check_settings(&settings)?;
        let local = check_rows_x_y(name, x, y.len()).and_then(|()| check_finite_1d(name, y));
        check_shards(comm, name, x.dim(), local)?;
        let targets = RowTargets::Values(y.iter().map(|v| v.as_f64()).collect());
        let (base_seed, trees) = fit_rows(&settings, Impurity::SquaredError, comm, x, targets)?;
        Ok(FittedForestRegressor {
            params: params.clone(),
            n_features: x.ncols(),
            base_seed,
            trees,
            oob_score: None,
            oob_prediction: None,
            float: PhantomData,
        })
    }

    /// Grows the forest to `settings.n_estimators` trees; unchanged on error.
    fn grow(
        &mut self,
        settings: &ForestSettings,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        comm: Option<&dyn Communicator>,
    ) -> Result<()> {
        let name = settings.name;
        agreed(comm, crate::tree::check_x_y_with_missing(name, x, y.len()))?;
        let (targets, weights) = agreed(comm, regression_targets(name, y, sample_weight))?;
        let binned = bin(x, settings.binning);
        let plan = agreed(
            comm,
            settings.plan(&binned, x.nrows(), x.ncols(), Impurity::SquaredError, 1, self.base_seed),
        )?;
        let range = self.trees.len()..settings.n_estimators;
        let new = plan.fit(owned_trees(range.clone(), comm), &weights, |w, _| {
            value_stats(&targets, &w)
        });
        let new = share_trees(comm, name, range, new)?;
        let mut trees = self.trees.clone();
        trees.extend(new);
        let (oob_score, oob_prediction) = if settings.oob_score {
            let prediction: Array1<f64> = plan.oob_values(&trees, x).column(0).to_owned();
            let truth = Array1::from(targets);
            (Some(r2_score(truth.view(), prediction.view())?), Some(prediction))
        } else {
            (None, None)
        };
        self.trees = trees;
        self.oob_score = oob_score;
        self.oob_prediction = oob_prediction;
        Ok(())
    }

    /// Adds trees until the forest has `n_estimators` (scikit-learn's
    /// `warm_start`): tree `t` is always grown from the seed of
    /// `(random_state, t)`, so fitting 50 trees and growing to 100 on the
    /// same data gives exactly the forest that fitting 100 trees gives. Pass
    /// the training data (and sample weights) the forest was fitted with.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `n_estimators` is below the current
    /// number of trees; [`Error::FeatureCountMismatch`] for another number of
    /// features; the data errors of `fit`. The model is unchanged on error.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::MakeRegression;
    /// use learnkit::ensemble::ExtraTreesRegressor;
    ///
    /// let (x, y) = MakeRegression::default().n_samples(100).n_features(3).random_state(0).generate()?;
    /// let params = ExtraTreesRegressor::default().random_state(0);
    /// let mut model = params.clone().n_estimators(5).fit(x.view(), y.view())?;
    /// model.grow_to(x.view(), y.view(), None, 10)?;
    /// assert_eq!(model.estimators(), params.n_estimators(10).fit(x.view(), y.view())?.estimators());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn grow_to(
        &mut self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
        n_estimators: usize,
    ) -> Result<()> {
        let settings = self.params.with_n_estimators(n_estimators).settings();
        if n_estimators < self.trees.len() {
            return Err(Error::invalid_parameter(
                settings.name,
                "n_estimators",
                format!("at least the number of fitted trees ({})", self.trees.len()),
                n_estimators,
            ));
        }
        check_predict_input_with_missing(settings.name, self.n_features, x)?;
        with_n_jobs(settings.n_jobs, || self.grow(&settings, x, y, sample_weight, None))??;
        self.params = self.params.with_n_estimators(n_estimators);
        Ok(())
    }

    /// The fitted trees (`estimators_`), in order.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::ExtraTreesRegressor;
    /// use ndarray::array;
    /// let model = ExtraTreesRegressor::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.estimators().len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn estimators(&self) -> &[Tree] {
        &self.trees
    }

    /// The hyperparameters the model was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestRegressor;
    /// use ndarray::array;
    /// let model = RandomForestRegressor::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.params().n_estimators, 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &P {
        &self.params
    }

    /// Impurity-based feature importances (`feature_importances_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestRegressor;
    /// use ndarray::array;
    /// let x = array![[7.0, 0.0], [7.0, 1.0], [7.0, 2.0], [7.0, 3.0]];
    /// let model = RandomForestRegressor::default().n_estimators(5).random_state(1).fit(x.view(), array![0.0, 0.0, 1.0, 1.0].view())?;
    /// assert_eq!(model.feature_importances()[0], 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_importances(&self) -> Array1<f64> {
        Array1::from(mean_importances(&self.trees, self.n_features))
    }

    /// The out-of-bag R² (`oob_score_`), when fitted with `oob_score`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestRegressor;
    /// use ndarray::array;
    /// let model = RandomForestRegressor::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.oob_score(), None);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn oob_score(&self) -> Option<f64> {
        self.oob_score
    }

    /// The out-of-bag prediction of every training row (`oob_prediction_`),
    /// when fitted with `oob_score`; 0 for a row every tree drew.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::MakeRegression;
    /// use learnkit::ensemble::RandomForestRegressor;
    /// let (x, y) = MakeRegression::default().n_samples(50).n_features(3).random_state(0).generate()?;
    /// let model = RandomForestRegressor::default().n_estimators(10).oob_score(true).fit(x.view(), y.view())?;
    /// assert_eq!(model.oob_prediction().unwrap().len(), 50);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn oob_prediction(&self) -> Option<ArrayView1<'_, f64>> {
        self.oob_prediction.as_ref().map(|p| p.view())
    }

    /// Number of features seen in `fit` (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestRegressor;
    /// use ndarray::array;
    /// let model = RandomForestRegressor::default().n_estimators(2).fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features
    }
}

impl<F: Float, P: ForestRegressorParams> Predictor<F> for FittedForestRegressor<F, P> {
    type Output = F;

    /// The mean of the trees' predictions.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        let settings = self.params.settings();
        check_predict_input_with_missing(settings.name, self.n_features, x)?;
        let values = with_n_jobs_rows(settings.n_jobs, x.nrows(), PREDICT_CHUNK, || {
            mean_values(&self.trees, x, 1)
        })?;
        Ok(values.column(0).mapv(F::cast))
    }

    /// R².
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        check_same_length(
            self.params.settings().name,
            "number of targets vs rows of X",
            x.nrows(),
            y.len(),
        )?;
        let predicted = self.predict(x)?;
        r2_score(y, predicted.view())
    }
}
