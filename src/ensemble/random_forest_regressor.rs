//! [`RandomForestRegressor`] and its fitted model.

use super::forest::{FittedTree, ForestPlan, MaxSamples, mean_importances, mean_values, oob_values};
use crate::error::{Error, Result};
use crate::float::Float;
use crate::metrics::r2_score;
use crate::parallel::with_n_jobs;
use crate::traits::{Estimator, Predictor, SampleWeighted};
use crate::tree::{
    Binning, Impurity, MaxFeatures, Tree, TreeLimits, bin, regression_targets, seed_or_random, value_stats,
};
use crate::validation::{check_param, check_predict_input, check_same_length, check_x_y};
use ndarray::{Array1, ArrayView1, ArrayView2};
use std::marker::PhantomData;

const NAME: &str = "RandomForestRegressor";

/// A random forest of regression trees (squared error), as scikit-learn's
/// `RandomForestRegressor`: the mean of `n_estimators` trees, each grown on a
/// bootstrap sample. Built as [`RandomForestClassifier`](super::RandomForestClassifier)
/// (one shared binning, trees in parallel from per-index seeds: bit-identical
/// on any number of threads).
///
/// # Hyperparameters
/// `n_estimators` (100), `max_depth` (None), `min_samples_split` (2),
/// `min_samples_leaf` (1), `min_weight_fraction_leaf` (0.0), `max_features`
/// ([`MaxFeatures::All`], scikit-learn's default `1.0`), `max_leaf_nodes`
/// (None), `min_impurity_decrease` (0.0), `bootstrap` (true), `max_samples`
/// (None), `oob_score` (false), `n_jobs` (None), `random_state` (None),
/// `verbose` (0), `binning` ([`Binning::Histogram`]).
///
/// # Fitted attributes
/// See [`FittedRandomForestRegressor`]: `estimators`, `feature_importances`,
/// `oob_score` (R²), `oob_prediction`, `n_features_in`.
///
/// # Errors
/// As [`DecisionTreeRegressor`](crate::tree::DecisionTreeRegressor), plus
/// [`Error::InvalidParameter`] for `n_estimators = 0`, `oob_score` or
/// `max_samples` without `bootstrap`, and a bad `max_samples`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::MakeRegression;
/// use learnkit::ensemble::RandomForestRegressor;
///
/// let (x, y) = MakeRegression::default().n_samples(300).n_features(5).noise(1.0).random_state(0).generate()?;
/// let model = RandomForestRegressor::default().n_estimators(30).oob_score(true).random_state(Some(0)).fit(x.view(), y.view())?;
/// assert!(model.oob_score().unwrap() > 0.7);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RandomForestRegressor {
    /// Number of trees, default 100.
    pub n_estimators: usize,
    /// Maximum depth, default `None` (unlimited).
    pub max_depth: Option<usize>,
    /// Minimum samples to split a node, default 2.
    pub min_samples_split: usize,
    /// Minimum samples in a leaf, default 1.
    pub min_samples_leaf: usize,
    /// Minimum fraction of the total weight in a leaf, default 0.
    pub min_weight_fraction_leaf: f64,
    /// Features drawn at each split, default all.
    pub max_features: MaxFeatures,
    /// Maximum leaves per tree (best-first growth), default `None`.
    pub max_leaf_nodes: Option<usize>,
    /// Minimum weighted impurity decrease of a split, default 0.
    pub min_impurity_decrease: f64,
    /// Bootstrap samples, default true.
    pub bootstrap: bool,
    /// Bootstrap size, default `None` (as many draws as samples).
    pub max_samples: Option<MaxSamples>,
    /// Compute the out-of-bag R², default false.
    pub oob_score: bool,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
    /// Seed, default `None` (fresh entropy).
    pub random_state: Option<u64>,
    /// Progress on standard error: 0 none (default), 1 a line per tree.
    pub verbose: usize,
    /// How features are binned, default at most 256 bins.
    pub binning: Binning,
}

impl Default for RandomForestRegressor {
    fn default() -> Self {
        RandomForestRegressor {
            n_estimators: 100,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::All,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            bootstrap: true,
            max_samples: None,
            oob_score: false,
            n_jobs: None,
            random_state: None,
            verbose: 0,
            binning: Binning::Histogram,
        }
    }
}

setters!(RandomForestRegressor in "learnkit::ensemble" {
    n_estimators: usize = 50;
    max_depth: Option<usize> = Some(8);
    min_samples_split: usize = 10;
    min_samples_leaf: usize = 5;
    min_weight_fraction_leaf: f64 = 0.1;
    max_features: MaxFeatures = learnkit::tree::MaxFeatures::Sqrt;
    max_leaf_nodes: Option<usize> = Some(32);
    min_impurity_decrease: f64 = 0.01;
    bootstrap: bool = false;
    max_samples: Option<MaxSamples> = Some(learnkit::ensemble::MaxSamples::Count(100));
    oob_score: bool = true;
    n_jobs: Option<usize> = Some(2);
    random_state: Option<u64> = Some(42);
    verbose: usize = 1;
    binning: Binning = learnkit::tree::Binning::Exact;
});

impl RandomForestRegressor {
    fn limits(&self) -> TreeLimits {
        TreeLimits {
            max_depth: self.max_depth,
            min_samples_split: self.min_samples_split,
            min_samples_leaf: self.min_samples_leaf,
            min_weight_fraction_leaf: self.min_weight_fraction_leaf,
            max_features: self.max_features,
            max_leaf_nodes: self.max_leaf_nodes,
            min_impurity_decrease: self.min_impurity_decrease,
        }
    }

    fn validate(&self) -> Result<()> {
        check_param(NAME, "n_estimators", self.n_estimators, ">= 1", |n| n >= 1)?;
        check_param(NAME, "n_jobs", self.n_jobs, "None or >= 1", |n| n != Some(0))?;
        self.limits().validate(NAME)?;
        if self.oob_score && !self.bootstrap {
            return Err(Error::invalid_parameter(
                NAME,
                "oob_score",
                "false when bootstrap is false (out-of-bag needs bootstrap)",
                self.oob_score,
            ));
        }
        if let Some(m) = self.max_samples {
            m.validate(NAME)?;
            if !self.bootstrap {
                return Err(Error::invalid_parameter(
                    NAME,
                    "max_samples",
                    "None when bootstrap is false",
                    m,
                ));
            }
        }
        Ok(())
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRandomForestRegressor<F>> {
        self.validate()?;
        with_n_jobs(self.n_jobs, || {
            check_x_y(NAME, x, y.len())?;
            let (targets, weights) = regression_targets(NAME, y, sample_weight)?;
            let n = x.nrows();
            let params = self
                .limits()
                .grow_params(NAME, Impurity::SquaredError, x.ncols(), 0.0)?;
            let n_bootstrap = if self.bootstrap {
                Some(self.max_samples.map_or(Ok(n), |m| m.resolve(NAME, n))?)
            } else {
                None
            };
            let binned = bin(x, self.binning);
            let plan = ForestPlan {
                name: NAME,
                binned: &binned,
                n_samples: n,
                n_estimators: self.n_estimators,
                n_bootstrap,
                base_seed: seed_or_random(self.random_state),
                params,
                min_weight_fraction_leaf: self.min_weight_fraction_leaf,
                n_outputs: 1,
                keep_in_bag: self.oob_score,
                verbose: self.verbose,
            };
            let fitted = plan.fit(&weights, |w, _| value_stats(&targets, &w));
            let (oob_score, oob_prediction) = if self.oob_score {
                let prediction: Array1<f64> = oob_values(&fitted, x, 1).column(0).to_owned();
                let truth = Array1::from(targets.clone());
                (Some(r2_score(truth.view(), prediction.view())?), Some(prediction))
            } else {
                (None, None)
            };
            let trees: Vec<Tree> = fitted.into_iter().map(|f: FittedTree| f.tree).collect();
            Ok(FittedRandomForestRegressor {
                params: self.clone(),
                n_features: x.ncols(),
                trees,
                oob_score,
                oob_prediction,
                float: PhantomData,
            })
        })?
    }
}

impl<F: Float> Estimator<F, F> for RandomForestRegressor {
    type Fitted = FittedRandomForestRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for RandomForestRegressor {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`RandomForestRegressor`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::RandomForestRegressor;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let model = RandomForestRegressor::default().n_estimators(10).random_state(Some(0)).fit(x.view(), array![0.0, 0.0, 4.0, 4.0].view())?;
/// assert_eq!(model.estimators().len(), 10);
/// assert!(model.predict(array![[3.0]].view())?[0] > 2.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FittedRandomForestRegressor<F> {
    params: RandomForestRegressor,
    n_features: usize,
    trees: Vec<Tree>,
    oob_score: Option<f64>,
    oob_prediction: Option<Array1<f64>>,
    float: PhantomData<F>,
}

impl<F: Float> FittedRandomForestRegressor<F> {
    /// The fitted trees (`estimators_`), in order.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestRegressor;
    /// use ndarray::array;
    /// let model = RandomForestRegressor::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
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
    pub fn params(&self) -> &RandomForestRegressor {
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
    /// let model = RandomForestRegressor::default().n_estimators(5).random_state(Some(1)).fit(x.view(), array![0.0, 0.0, 1.0, 1.0].view())?;
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

impl<F: Float> Predictor<F> for FittedRandomForestRegressor<F> {
    type Output = F;

    /// The mean of the trees' predictions.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        check_predict_input(NAME, self.n_features, x)?;
        let values = with_n_jobs(self.params.n_jobs, || mean_values(&self.trees, x, 1))?;
        Ok(values.column(0).mapv(F::cast))
    }

    /// R².
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        let predicted = self.predict(x)?;
        r2_score(y, predicted.view())
    }
}
