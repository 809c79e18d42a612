//! What both classification forests share ([`RandomForestClassifier`](super::RandomForestClassifier)
//! and [`ExtraTreesClassifier`](super::ExtraTreesClassifier)): fitting,
//! growing more trees (warm start), and the fitted model
//! [`FittedForestClassifier`], generic over the hyperparameter type.

use super::forest::{ForestSettings, PREDICT_CHUNK, check_trees, mean_importances, mean_values};
use super::forest_distributed::{agreed_seed, owned_trees, share_trees};
#[cfg(feature = "serde")]
use super::forest_rows::{RowTargets, check_rows_x_y, check_settings, fit_rows};
use crate::class_weight::ClassWeight;
use crate::distributed::{Communicator, agreed, check_replicated};
#[cfg(feature = "serde")]
use crate::distributed::{check_shards, union_labels};
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::parallel::{with_n_jobs, with_n_jobs_rows};
use crate::persistence::Check;
use crate::persistence::check::{ensure, same_len, strictly_increasing};
use crate::traits::{Classifier, PredictProba, Predictor};
use crate::tree::{Criterion, Tree, argmax, bin, class_impurity, class_stats, class_targets};
use crate::validation::check_predict_input_with_missing;
#[cfg(feature = "serde")]
use crate::validation::check_two_classes;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use std::marker::PhantomData;

/// The hyperparameters of a classification forest, as the shared fitting
/// code needs them. Implemented by [`RandomForestClassifier`](super::RandomForestClassifier)
/// and [`ExtraTreesClassifier`](super::ExtraTreesClassifier) only.
pub trait ForestClassifierParams: Clone + Send + Sync {
    /// The estimator's name (scikit-learn's class name), in messages and
    /// saved files.
    const NAME: &'static str;
    /// The settings every forest shares.
    fn settings(&self) -> ForestSettings;
    /// The impurity criterion.
    fn criterion(&self) -> Criterion;
    /// The class weights.
    fn class_weight(&self) -> &ClassWeight;
    /// The same hyperparameters with another number of trees.
    fn with_n_estimators(&self, n_estimators: usize) -> Self;
}

/// A fitted classification forest: a [`FittedRandomForestClassifier`](super::FittedRandomForestClassifier)
/// or a [`FittedExtraTreesClassifier`](super::FittedExtraTreesClassifier)
/// (`P` is the hyperparameter type).
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::RandomForestClassifier;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]];
/// let y = array![0, 0, 0, 1, 1, 1];
/// let model = RandomForestClassifier::default().n_estimators(10).random_state(0).fit(x.view(), y.view())?;
/// assert_eq!(model.estimators().len(), 10);
/// assert_eq!(model.predict(array![[0.0], [5.0]].view())?, array![0, 1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        remote = "Self",
        bound(
            serialize = "L: serde::Serialize, P: serde::Serialize",
            deserialize = "L: serde::de::DeserializeOwned, P: serde::de::DeserializeOwned"
        )
    )
)]
pub struct FittedForestClassifier<F, L, P> {
    params: P,
    classes: Vec<L>,
    n_features: usize,
    /// The forest seed actually used (drawn when `random_state` is `None`),
    /// so that more trees can be grown from the same per-index seeds.
    base_seed: u64,
    trees: Vec<Tree>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::option"))]
    oob_score: Option<f64>,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::optional_array"))]
    oob_decision: Option<Array2<f64>>,
    float: PhantomData<F>,
}

checked_serde!(impl[F: Float, L: Label, P: ForestClassifierParams] FittedForestClassifier<F, L, P>;
    ser[L: serde::Serialize, P: serde::Serialize] de[L: serde::de::DeserializeOwned, P: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label, P: ForestClassifierParams] FittedForestClassifier<F, L, P>
    => format!("{}<{}>", P::NAME, F::NAME));

impl<F: Float, L: Label, P: ForestClassifierParams> Check for FittedForestClassifier<F, L, P> {
    /// Valid hyperparameters with one tree per estimator; sorted distinct
    /// classes; every tree on `n_features` features with one output per
    /// class (prediction sums the trees' leaf values per class); out-of-bag
    /// results present exactly when `oob_score` was asked for, one column
    /// per class. Each tree checked itself when it was read.
    fn check(&self) -> std::result::Result<(), String> {
        let settings = self.params.settings();
        let name = settings.name;
        settings.validate().map_err(|e| e.to_string())?;
        strictly_increasing(&format!("{name}: classes"), &self.classes)?;
        check_trees(
            name,
            &self.trees,
            settings.n_estimators,
            self.n_features,
            self.classes.len(),
        )?;
        ensure(
            self.oob_score.is_some() == settings.oob_score && self.oob_decision.is_some() == settings.oob_score,
            || format!("{name}: out-of-bag score and decision function must be present exactly when oob_score is set"),
        )?;
        match &self.oob_decision {
            Some(d) => same_len(
                &format!("{name}: oob_decision_function columns"),
                self.classes.len(),
                d.ncols(),
            ),
            None => Ok(()),
        }
    }
}

/// Multiplies each sample's weight by its class's balanced weight computed
/// on the bootstrap sample (`counts`, or every sample once).
fn balance_subsample(weights: &mut [f64], codes: &[u32], counts: Option<&[u32]>, n_classes: usize) {
    let mut per_class = vec![0.0; n_classes];
    for (i, &c) in codes.iter().enumerate() {
        per_class[c as usize] += counts.map_or(1.0, |k| k[i] as f64);
    }
    let draws: f64 = per_class.iter().sum();
    let present = per_class.iter().filter(|&&c| c > 0.0).count() as f64;
    for (w, &c) in weights.iter_mut().zip(codes) {
        let count = per_class[c as usize];
        if count > 0.0 {
            *w *= draws / (present * count);
        }
    }
}

impl<F: Float, L: Label, P: ForestClassifierParams> FittedForestClassifier<F, L, P> {
    /// Fits a forest of `params.n_estimators` trees.
    pub(crate) fn fit(
        params: &P,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
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
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<Self> {
        let settings = params.settings();
        settings.validate()?;
        let mut model = FittedForestClassifier {
            params: params.clone(),
            classes: Vec::new(),
            n_features: x.ncols(),
            base_seed: agreed_seed(comm, settings.random_state)?,
            trees: Vec::new(),
            oob_score: None,
            oob_decision: None,
            float: PhantomData,
        };
        match comm {
            None => with_n_jobs(settings.n_jobs, || model.grow(&settings, x, y, sample_weight, None))??,
            // Collectives stay off shared pool threads: a rank blocked in
            // one inside a pool job could starve the other ranks' jobs.
            Some(c) => {
                check_replicated(c, settings.name, x.dim())?;
                model.grow(&settings, x, y, sample_weight, comm)?
            }
        }
        Ok(model)
    }

    /// The row-sharded fit (see `forest_rows`): `x`, `y` are this rank's
    /// rows; the classes are every rank's.
    #[cfg(feature = "serde")]
    pub(crate) fn fit_rows(
        params: &P,
        comm: &dyn Communicator,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
    ) -> Result<Self>
    where
        L: serde::Serialize + serde::de::DeserializeOwned,
    {
        let settings = params.settings();
        let name = settings.name;
        check_settings(&settings)?;
        if *params.class_weight() != ClassWeight::Uniform {
            return Err(Error::invalid_parameter(
                name,
                "class_weight",
                "uniform in fit_distributed_rows",
                format!("{:?}", params.class_weight()),
            ));
        }
        let local = check_rows_x_y(name, x, y.len());
        check_shards(comm, name, x.dim(), local)?;
        let classes = union_labels(comm, name, &y.to_vec())?;
        check_two_classes(name, &classes)?;
        let codes = y
            .iter()
            .map(|l| classes.binary_search(l).unwrap_or_default() as u32)
            .collect();
        let targets = RowTargets::Classes {
            codes,
            n_classes: classes.len(),
        };
        let (base_seed, trees) = fit_rows(&settings, class_impurity(params.criterion()), comm, x, targets)?;
        Ok(FittedForestClassifier {
            params: params.clone(),
            classes,
            n_features: x.ncols(),
            base_seed,
            trees,
            oob_score: None,
            oob_decision: None,
            float: PhantomData,
        })
    }

    /// Grows the forest to `settings.n_estimators` trees on `x`, `y`: the
    /// trees after the current ones, then the out-of-bag results over all of
    /// them. The model is unchanged on error.
    fn grow(
        &mut self,
        settings: &ForestSettings,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
        comm: Option<&dyn Communicator>,
    ) -> Result<()> {
        let name = settings.name;
        agreed(comm, crate::tree::check_x_y_with_missing(name, x, y.len()))?;
        let configured = self.params.class_weight();
        let subsample = *configured == ClassWeight::BalancedSubsample;
        let class_weight = if subsample {
            ClassWeight::Uniform
        } else {
            configured.clone()
        };
        let targets = agreed(comm, class_targets(name, y, sample_weight, &class_weight))?;
        if !self.trees.is_empty() && targets.classes != self.classes {
            return Err(Error::invalid_input(
                name,
                "growing more trees needs the classes the forest was fitted with",
            ));
        }
        let n = x.nrows();
        let n_classes = targets.classes.len();
        let binned = bin(x, settings.binning);
        let impurity = class_impurity(self.params.criterion());
        let plan = agreed(
            comm,
            settings.plan(&binned, n, x.ncols(), impurity, n_classes, self.base_seed),
        )?;
        let codes = &targets.codes;
        let range = self.trees.len()..settings.n_estimators;
        let new = plan.fit(
            owned_trees(range.clone(), comm),
            &targets.weights,
            |mut weights, counts| {
                if subsample {
                    balance_subsample(&mut weights, codes, counts, n_classes);
                }
                class_stats(codes, weights, n_classes)
            },
        );
        let new = share_trees(comm, name, range, new)?;
        let mut trees = self.trees.clone();
        trees.extend(new);
        let (oob_score, oob_decision) = if settings.oob_score {
            let decision = plan.oob_values(&trees, x);
            let correct = decision
                .outer_iter()
                .zip(codes)
                .filter(|(row, c)| argmax(row.as_slice().expect("standard layout")) == **c as usize)
                .count();
            (Some(correct as f64 / n as f64), Some(decision))
        } else {
            (None, None)
        };
        self.classes = targets.classes;
        self.trees = trees;
        self.oob_score = oob_score;
        self.oob_decision = oob_decision;
        Ok(())
    }

    /// Adds trees until the forest has `n_estimators` (scikit-learn's
    /// `warm_start=True` followed by `set_params(n_estimators=…)` and `fit`).
    ///
    /// Tree `t` is always grown from the seed of `(random_state, t)`, so
    /// fitting 50 trees and growing to 100 on the same data gives exactly the
    /// forest that fitting 100 trees gives. Pass the training data (and
    /// sample weights) the forest was fitted with; the out-of-bag results are
    /// recomputed over all the trees. `n_estimators` equal to the current
    /// number of trees changes nothing but the out-of-bag results.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `n_estimators` is below the current
    /// number of trees; [`Error::FeatureCountMismatch`] for another number of
    /// features; [`Error::InvalidInput`] when `y` has other classes; the
    /// data errors of `fit`. The model is unchanged on error.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::ensemble::ExtraTreesClassifier;
    ///
    /// let iris = load_iris();
    /// let (x, y) = (iris.data.view(), iris.target.view());
    /// let params = ExtraTreesClassifier::default().random_state(0);
    /// let mut model = params.clone().n_estimators(10).fit(x, y)?;
    /// model.grow_to(x, y, None, 20)?;
    /// let direct = params.n_estimators(20).fit(x, y)?;
    /// assert_eq!(model.estimators(), direct.estimators());
    /// assert_eq!(model.params().n_estimators, 20);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn grow_to(
        &mut self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
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

    /// The sorted classes seen in `fit` (`classes_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestClassifier;
    /// use ndarray::array;
    /// let model = RandomForestClassifier::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array!["b", "a"].view())?;
    /// assert_eq!(model.classes(), &["a", "b"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    /// The fitted trees (`estimators_`), in order.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::ExtraTreesClassifier;
    /// use ndarray::array;
    /// let model = ExtraTreesClassifier::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.estimators().len(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn estimators(&self) -> &[Tree] {
        &self.trees
    }

    /// The hyperparameters the model was fitted with (after [`grow_to`](Self::grow_to),
    /// with the new `n_estimators`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestClassifier;
    /// use ndarray::array;
    /// let model = RandomForestClassifier::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.params().n_estimators, 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &P {
        &self.params
    }

    /// Impurity-based feature importances (`feature_importances_`): the mean
    /// of the trees' normalised importances, normalised to sum to one.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestClassifier;
    /// use ndarray::array;
    /// let x = array![[7.0, 0.0], [7.0, 1.0], [7.0, 2.0], [7.0, 3.0]];
    /// let model = RandomForestClassifier::default().n_estimators(5).random_state(1).fit(x.view(), array![0, 0, 1, 1].view())?;
    /// assert_eq!(model.feature_importances()[0], 0.0);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_importances(&self) -> Array1<f64> {
        Array1::from(mean_importances(&self.trees, self.n_features))
    }

    /// The out-of-bag accuracy (`oob_score_`), when fitted with `oob_score`.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::ensemble::RandomForestClassifier;
    /// let iris = load_iris();
    /// let model = RandomForestClassifier::default().n_estimators(10).oob_score(true).random_state(0)
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert!(model.oob_score().unwrap() > 0.85);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn oob_score(&self) -> Option<f64> {
        self.oob_score
    }

    /// The out-of-bag class probabilities of every training row
    /// (`oob_decision_function_`), when fitted with `oob_score`; a row that
    /// every tree drew is all zeros.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::datasets::load_iris;
    /// use learnkit::ensemble::RandomForestClassifier;
    /// let iris = load_iris();
    /// let model = RandomForestClassifier::default().n_estimators(10).oob_score(true).random_state(0)
    ///     .fit(iris.data.view(), iris.target.view())?;
    /// assert_eq!(model.oob_decision_function().unwrap().dim(), (150, 3));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn oob_decision_function(&self) -> Option<ArrayView2<'_, f64>> {
        self.oob_decision.as_ref().map(|d| d.view())
    }

    /// Number of features seen in `fit` (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::ensemble::RandomForestClassifier;
    /// use ndarray::array;
    /// let model = RandomForestClassifier::default().n_estimators(2).fit(array![[0.0, 1.0], [1.0, 0.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.n_features
    }

    fn proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<f64>> {
        let settings = self.params.settings();
        check_predict_input_with_missing(settings.name, self.n_features, x)?;
        with_n_jobs_rows(settings.n_jobs, x.nrows(), PREDICT_CHUNK, || {
            mean_values(&self.trees, x, self.classes.len())
        })
    }
}

impl<F: Float, L: Label, P: ForestClassifierParams> Predictor<F> for FittedForestClassifier<F, L, P> {
    type Output = L;

    /// The class of highest mean probability (the first on ties).
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        let proba = self.proba(x)?;
        Ok(proba
            .outer_iter()
            .map(|row| self.classes[argmax(row.as_slice().expect("standard layout"))].clone())
            .collect())
    }

    /// Accuracy.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy(self.params.settings().name, x, y, |x| self.predict(x))
    }
}

impl<F: Float, L: Label, P: ForestClassifierParams> Classifier<F> for FittedForestClassifier<F, L, P> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label, P: ForestClassifierParams> PredictProba<F> for FittedForestClassifier<F, L, P> {
    /// The mean of the trees' leaf class fractions.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        Ok(self.proba(x)?.mapv(F::cast))
    }
}

impl<F: Float, L: Label, P: ForestClassifierParams> crate::traits::RankingScores<F>
    for FittedForestClassifier<F, L, P>
{
    /// The probability of `classes()[1]` for two classes, all the
    /// probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_proba(self, x)
    }
}

#[cfg(test)]
mod tests {
    use crate::ensemble::RandomForestClassifier;
    use crate::prelude::*;
    use ndarray::{Array1, Array2};

    /// A fitted forest's trees carry their prediction layouts, built at
    /// fit on its threads: its first prediction builds none.
    #[test]
    fn a_fitted_forest_has_its_prediction_layouts() {
        let x = Array2::from_shape_fn((80, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f64);
        let y = Array1::from_shape_fn(80, |i| (i * 5 % 3) as i64);
        let fitted = RandomForestClassifier::default()
            .n_estimators(4)
            .random_state(0)
            .fit(x.view(), y.view())
            .unwrap();
        assert_eq!(fitted.trees.len(), 4);
        assert!(fitted.trees.iter().all(|tree| tree.has_compact()));
    }
}
