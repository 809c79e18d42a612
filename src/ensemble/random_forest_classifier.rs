//! [`RandomForestClassifier`] and its fitted model.

use super::forest::{FittedTree, ForestPlan, MaxSamples, mean_importances, mean_values, oob_values};
use crate::class_weight::ClassWeight;
use crate::error::{Error, Result};
use crate::float::{Float, Label};
use crate::parallel::with_n_jobs;
use crate::traits::{Classifier, Estimator, PredictProba, Predictor, SampleWeighted};
use crate::tree::{
    Binning, Criterion, MaxFeatures, Tree, TreeLimits, argmax, bin, class_impurity, class_stats, class_targets,
    seed_or_random,
};
use crate::validation::{check_param, check_predict_input, check_same_length, check_x_y};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use std::marker::PhantomData;

const NAME: &str = "RandomForestClassifier";

/// A random forest of classification trees, as scikit-learn's
/// `RandomForestClassifier`.
///
/// Each of `n_estimators` trees is a [`DecisionTreeClassifier`](crate::tree::DecisionTreeClassifier)
/// grown on a bootstrap sample (drawn as integer sample weights) and
/// searching `max_features` random features at each split; the forest's
/// probabilities are the mean of the trees' leaf class fractions, and it
/// predicts the most probable class.
///
/// Built to be fast: the features are binned once (at most 256 bins per
/// feature, `u8` codes, column-major; see [`Binning`]) and shared by all
/// trees; the trees are fitted in parallel with rayon, each from a seed
/// derived from `random_state` and its index, so the forest is bit-identical
/// on any number of threads; prediction runs over fixed row chunks in
/// parallel, and the fitted trees are flat arrays.
///
/// # Hyperparameters
/// - `n_estimators` (default 100), ≥ 1.
/// - `criterion`, `max_depth`, `min_samples_split`, `min_samples_leaf`,
///   `min_weight_fraction_leaf`, `max_leaf_nodes`, `min_impurity_decrease`:
///   as for the tree, with the same defaults.
/// - `max_features` (default [`MaxFeatures::Sqrt`]).
/// - `bootstrap` (default `true`): grow each tree on a bootstrap sample.
/// - `max_samples` (default `None`: `n_samples` draws): bootstrap size.
/// - `oob_score` (default `false`): score the forest on the samples each tree
///   did not draw; needs `bootstrap`.
/// - `class_weight` (default [`ClassWeight::Uniform`]); `BalancedSubsample`
///   computes balanced weights on each bootstrap sample.
/// - `n_jobs` (default `None`: every core), `random_state` (default `None`:
///   fresh entropy), `verbose` (default 0; 1 prints a line per tree to
///   standard error).
/// - `binning` (default [`Binning::Histogram`], learnkit-specific).
///
/// # Fitted attributes
/// See [`FittedRandomForestClassifier`]: `classes`, `estimators`,
/// `feature_importances`, `oob_score`, `oob_decision_function`, `n_features_in`.
///
/// # Errors
/// As [`DecisionTreeClassifier`](crate::tree::DecisionTreeClassifier), plus
/// [`Error::InvalidParameter`] for `n_estimators = 0`, `oob_score` or
/// `max_samples` without `bootstrap`, and a bad `max_samples`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::ensemble::RandomForestClassifier;
///
/// let iris = load_iris();
/// let model = RandomForestClassifier::default()
///     .n_estimators(20)
///     .oob_score(true)
///     .random_state(Some(0))
///     .fit(iris.data.view(), iris.target.view())?;
/// assert!(model.oob_score().unwrap() > 0.9);
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.97);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RandomForestClassifier {
    /// Number of trees, default 100.
    pub n_estimators: usize,
    /// The impurity criterion, default Gini.
    pub criterion: Criterion,
    /// Maximum depth, default `None` (unlimited).
    pub max_depth: Option<usize>,
    /// Minimum samples to split a node, default 2.
    pub min_samples_split: usize,
    /// Minimum samples in a leaf, default 1.
    pub min_samples_leaf: usize,
    /// Minimum fraction of the total weight in a leaf, default 0.
    pub min_weight_fraction_leaf: f64,
    /// Features drawn at each split, default `Sqrt`.
    pub max_features: MaxFeatures,
    /// Maximum leaves per tree (best-first growth), default `None`.
    pub max_leaf_nodes: Option<usize>,
    /// Minimum weighted impurity decrease of a split, default 0.
    pub min_impurity_decrease: f64,
    /// Bootstrap samples, default true.
    pub bootstrap: bool,
    /// Bootstrap size, default `None` (as many draws as samples).
    pub max_samples: Option<MaxSamples>,
    /// Compute the out-of-bag score, default false.
    pub oob_score: bool,
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// Threads (`None`: every core).
    pub n_jobs: Option<usize>,
    /// Seed, default `None` (fresh entropy).
    pub random_state: Option<u64>,
    /// Progress on standard error: 0 none (default), 1 a line per tree.
    pub verbose: usize,
    /// How features are binned, default at most 256 bins.
    pub binning: Binning,
}

impl Default for RandomForestClassifier {
    fn default() -> Self {
        RandomForestClassifier {
            n_estimators: 100,
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::Sqrt,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            bootstrap: true,
            max_samples: None,
            oob_score: false,
            class_weight: ClassWeight::Uniform,
            n_jobs: None,
            random_state: None,
            verbose: 0,
            binning: Binning::Histogram,
        }
    }
}

setters!(RandomForestClassifier in "learnkit::ensemble" {
    n_estimators: usize = 50;
    criterion: Criterion = learnkit::tree::Criterion::Entropy;
    max_depth: Option<usize> = Some(8);
    min_samples_split: usize = 10;
    min_samples_leaf: usize = 5;
    min_weight_fraction_leaf: f64 = 0.1;
    max_features: MaxFeatures = learnkit::tree::MaxFeatures::Log2;
    max_leaf_nodes: Option<usize> = Some(32);
    min_impurity_decrease: f64 = 0.01;
    bootstrap: bool = false;
    max_samples: Option<MaxSamples> = Some(learnkit::ensemble::MaxSamples::Fraction(0.5));
    oob_score: bool = true;
    class_weight: ClassWeight = learnkit::class_weight::ClassWeight::BalancedSubsample;
    n_jobs: Option<usize> = Some(2);
    random_state: Option<u64> = Some(42);
    verbose: usize = 1;
    binning: Binning = learnkit::tree::Binning::Exact;
});

impl RandomForestClassifier {
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

    fn fit_checked<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedRandomForestClassifier<F, L>> {
        self.validate()?;
        with_n_jobs(self.n_jobs, || {
            check_x_y(NAME, x, y.len())?;
            let subsample = self.class_weight == ClassWeight::BalancedSubsample;
            let class_weight = if subsample {
                ClassWeight::Uniform
            } else {
                self.class_weight.clone()
            };
            let targets = class_targets(NAME, y, sample_weight, &class_weight)?;
            let n = x.nrows();
            let n_classes = targets.classes.len();
            let params = self
                .limits()
                .grow_params(NAME, class_impurity(self.criterion), x.ncols(), 0.0)?;
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
                n_outputs: n_classes,
                keep_in_bag: self.oob_score,
                verbose: self.verbose,
            };
            let codes = &targets.codes;
            let fitted = plan.fit(&targets.weights, |mut weights, counts| {
                if subsample {
                    balance_subsample(&mut weights, codes, counts, n_classes);
                }
                class_stats(codes, weights, n_classes)
            });
            let (oob_score, oob_decision) = if self.oob_score {
                let decision = oob_values(&fitted, x, n_classes);
                let correct = decision
                    .outer_iter()
                    .zip(codes)
                    .filter(|(row, c)| argmax(row.as_slice().expect("standard layout")) == **c as usize)
                    .count();
                (Some(correct as f64 / n as f64), Some(decision))
            } else {
                (None, None)
            };
            let trees: Vec<Tree> = fitted.into_iter().map(|f: FittedTree| f.tree).collect();
            Ok(FittedRandomForestClassifier {
                params: self.clone(),
                classes: targets.classes,
                n_features: x.ncols(),
                trees,
                oob_score,
                oob_decision,
                float: PhantomData,
            })
        })?
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

impl<F: Float, L: Label> Estimator<F, L> for RandomForestClassifier {
    type Fitted = FittedRandomForestClassifier<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for RandomForestClassifier {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`RandomForestClassifier`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::ensemble::RandomForestClassifier;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]];
/// let y = array![0, 0, 0, 1, 1, 1];
/// let model = RandomForestClassifier::default().n_estimators(10).random_state(Some(0)).fit(x.view(), y.view())?;
/// assert_eq!(model.estimators().len(), 10);
/// assert_eq!(model.predict(array![[0.0], [5.0]].view())?, array![0, 1]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FittedRandomForestClassifier<F, L> {
    params: RandomForestClassifier,
    classes: Vec<L>,
    n_features: usize,
    trees: Vec<Tree>,
    oob_score: Option<f64>,
    oob_decision: Option<Array2<f64>>,
    float: PhantomData<F>,
}

impl<F: Float, L: Label> FittedRandomForestClassifier<F, L> {
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
    /// use learnkit::ensemble::RandomForestClassifier;
    /// use ndarray::array;
    /// let model = RandomForestClassifier::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
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
    /// use learnkit::ensemble::RandomForestClassifier;
    /// use ndarray::array;
    /// let model = RandomForestClassifier::default().n_estimators(3).fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.params().n_estimators, 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &RandomForestClassifier {
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
    /// let model = RandomForestClassifier::default().n_estimators(5).random_state(Some(1)).fit(x.view(), array![0, 0, 1, 1].view())?;
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
    /// let model = RandomForestClassifier::default().n_estimators(10).oob_score(true).random_state(Some(0))
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
    /// let model = RandomForestClassifier::default().n_estimators(10).oob_score(true).random_state(Some(0))
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
        check_predict_input(NAME, self.n_features, x)?;
        with_n_jobs(self.params.n_jobs, || mean_values(&self.trees, x, self.classes.len()))
    }
}

impl<F: Float, L: Label> Predictor<F> for FittedRandomForestClassifier<F, L> {
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
        check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        let predicted = self.predict(x)?;
        let correct = predicted.iter().zip(y.iter()).filter(|(p, t)| p == t).count();
        Ok(correct as f64 / y.len() as f64)
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedRandomForestClassifier<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedRandomForestClassifier<F, L> {
    /// The mean of the trees' leaf class fractions.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        Ok(self.proba(x)?.mapv(F::cast))
    }
}
