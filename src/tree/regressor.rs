//! [`DecisionTreeRegressor`] and its fitted model.

use super::split::Impurity;
use super::tree::Tree;
use super::{Binning, MaxFeatures, Splitter, TreeLimits, bin, grow, regression_targets, value_stats};
use crate::error::Result;
use crate::float::Float;
use crate::metrics::r2_score;
use crate::persistence::Check;
use crate::persistence::check::same_len;
use crate::traits::{Estimator, Predictor, SampleWeighted};
use crate::validation::{check_predict_input_with_missing, check_same_length};
use ndarray::{Array1, ArrayView1, ArrayView2};
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::marker::PhantomData;

const NAME: &str = "DecisionTreeRegressor";

/// A CART regression tree minimising the squared error, as scikit-learn's
/// `DecisionTreeRegressor(criterion="squared_error")`.
///
/// Each node is split on the feature and threshold that most decrease the
/// weighted sum of squared deviations from the node means,
/// `Σ w (y − ȳ)²`, computed from per-bin histograms of `Σw`, `Σw·y` and
/// `Σw·y²` (see [`DecisionTreeClassifier`](super::DecisionTreeClassifier)
/// for the search). A leaf predicts the weighted mean of its samples.
/// Missing values (`NaN`) in `x` are handled as by the classifier.
///
/// # Hyperparameters
/// As [`DecisionTreeClassifier`](super::DecisionTreeClassifier), without
/// `criterion` (squared error) and `class_weight`: `max_depth` (None),
/// `min_samples_split` (2), `min_samples_leaf` (1), `min_weight_fraction_leaf`
/// (0.0), `max_features` ([`MaxFeatures::All`]), `max_leaf_nodes` (None),
/// `min_impurity_decrease` (0.0), `splitter` ([`Splitter::Best`]), `random_state` (None), `binning`
/// ([`Binning::Exact`]).
///
/// # Fitted attributes
/// See [`FittedDecisionTreeRegressor`]: `feature_importances`, `depth`,
/// `n_leaves`, `n_features_in`, `tree`.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter; [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite) (an infinity in `x`, `NaN`
/// being a missing value there, or a non-finite `y`) and
/// [`Error::ShapeMismatch`](crate::Error::ShapeMismatch) for bad data;
/// [`Error::InvalidInput`](crate::Error::InvalidInput) for bad sample weights.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::MakeRegression;
/// use learnkit::tree::DecisionTreeRegressor;
///
/// let (x, y) = MakeRegression::default().n_samples(200).n_features(4).random_state(0).generate()?;
/// let model = DecisionTreeRegressor::default().max_depth(Some(6)).random_state(0).fit(x.view(), y.view())?;
/// assert!(model.score(x.view(), y.view())? > 0.9);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DecisionTreeRegressor {
    /// Maximum depth, default `None` (unlimited).
    pub max_depth: Option<usize>,
    /// Minimum samples to split a node, default 2.
    pub min_samples_split: usize,
    /// Minimum samples in a leaf, default 1.
    pub min_samples_leaf: usize,
    /// Minimum fraction of the total weight in a leaf, default 0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub min_weight_fraction_leaf: f64,
    /// Features drawn at each split, default all.
    pub max_features: MaxFeatures,
    /// Maximum number of leaves (best-first growth), default `None`.
    pub max_leaf_nodes: Option<usize>,
    /// Minimum weighted impurity decrease of a split, default 0.
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub min_impurity_decrease: f64,
    /// Best or random thresholds, default best.
    pub splitter: Splitter,
    /// Seed of the feature draws, default `None` (fresh entropy).
    pub random_state: Option<u64>,
    /// How features are binned, default exact.
    pub binning: Binning,
}

impl Default for DecisionTreeRegressor {
    fn default() -> Self {
        DecisionTreeRegressor {
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::All,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            splitter: Splitter::Best,
            random_state: None,
            binning: Binning::Exact,
        }
    }
}

setters!(DecisionTreeRegressor in "learnkit::tree" {
    max_depth: Option<usize> = Some(4);
    min_samples_split: usize = 10;
    min_samples_leaf: usize = 5;
    min_weight_fraction_leaf: f64 = 0.1;
    max_leaf_nodes: Option<usize> = Some(8);
    min_impurity_decrease: f64 = 0.01;
    splitter: Splitter = learnkit::tree::Splitter::Random;
    binning: Binning = learnkit::tree::Binning::Histogram;
} into {
    max_features: MaxFeatures = 0.5 => learnkit::tree::MaxFeatures::Fraction(0.5);
} optional {

});

random_state_setter!(DecisionTreeRegressor in "learnkit::tree");

impl DecisionTreeRegressor {
    fn limits(&self) -> TreeLimits {
        TreeLimits {
            max_depth: self.max_depth,
            min_samples_split: self.min_samples_split,
            min_samples_leaf: self.min_samples_leaf,
            min_weight_fraction_leaf: self.min_weight_fraction_leaf,
            max_features: self.max_features,
            max_leaf_nodes: self.max_leaf_nodes,
            min_impurity_decrease: self.min_impurity_decrease,
            splitter: self.splitter,
        }
    }

    fn fit_checked<F: Float>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedDecisionTreeRegressor<F>> {
        self.limits().validate(NAME)?;
        super::check_x_y_with_missing(NAME, x, y.len())?;
        let (y, weights) = regression_targets(NAME, y, sample_weight)?;
        let total: f64 = weights.iter().sum();
        let params = self
            .limits()
            .grow_params(NAME, Impurity::SquaredError, x.ncols(), total)?;
        let binned = bin(x, self.binning);
        let idx: Vec<u32> = (0..x.nrows() as u32).filter(|&i| weights[i as usize] > 0.0).collect();
        let stats = value_stats(&y, &weights);
        let mut rng = StdRng::seed_from_u64(crate::random::seed_or_entropy(self.random_state));
        let tree = grow(&binned, &stats, idx, &params, 1, &mut rng);
        Ok(FittedDecisionTreeRegressor {
            params: self.clone(),
            tree,
            float: PhantomData,
        })
    }
}

impl<F: Float> Estimator<F, F> for DecisionTreeRegressor {
    type Fitted = FittedDecisionTreeRegressor<F>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float> SampleWeighted<F, F> for DecisionTreeRegressor {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, F>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`DecisionTreeRegressor`].
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::tree::DecisionTreeRegressor;
/// use ndarray::array;
///
/// let x = array![[0.0], [1.0], [2.0], [3.0]];
/// let model = DecisionTreeRegressor::default().max_depth(Some(1)).fit(x.view(), array![1.0, 1.0, 5.0, 5.0].view())?;
/// assert_eq!(model.predict(array![[0.2], [2.8]].view())?, array![1.0, 5.0]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", bound = ""))]
pub struct FittedDecisionTreeRegressor<F> {
    params: DecisionTreeRegressor,
    tree: Tree,
    float: PhantomData<F>,
}

checked_serde!(impl[F: Float] FittedDecisionTreeRegressor<F>);
persist!(impl[F: Float] FittedDecisionTreeRegressor<F> => format!("DecisionTreeRegressor<{}>", F::NAME));

impl<F: Float> Check for FittedDecisionTreeRegressor<F> {
    /// Valid hyperparameters and one output (the prediction reads the
    /// leaf's first value). The tree checked itself when it was read.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.limits().validate(NAME).map_err(|e| e.to_string())?;
        same_len("DecisionTreeRegressor: tree outputs", 1, self.tree.n_outputs)
    }
}

impl<F: Float> FittedDecisionTreeRegressor<F> {
    /// The hyperparameters the model was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.params().max_depth, None);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &DecisionTreeRegressor {
        &self.params
    }

    /// The fitted tree (scikit-learn's `tree_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.tree().value(0), &[0.5]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Impurity-based feature importances (`feature_importances_`), normalised to sum to one.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let x = array![[5.0, 0.0], [5.0, 1.0]];
    /// let model = DecisionTreeRegressor::default().fit(x.view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.feature_importances(), array![0.0, 1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_importances(&self) -> Array1<f64> {
        Array1::from(self.tree.feature_importances())
    }

    /// Depth of the tree (`get_depth()`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.depth(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn depth(&self) -> usize {
        self.tree.max_depth()
    }

    /// Number of leaves (`get_n_leaves()`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.n_leaves(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_leaves(&self) -> usize {
        self.tree.n_leaves()
    }

    /// Number of features seen in `fit` (`n_features_in_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0, 2.0], [1.0, 2.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.tree.n_features
    }
}

impl<F: Float> Predictor<F> for FittedDecisionTreeRegressor<F> {
    type Output = F;

    /// The mean target of each row's leaf.
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<F>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        Ok(self.tree.predict_values(x).column(0).mapv(F::cast))
    }

    /// R², as scikit-learn's `score`.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, F>) -> Result<f64> {
        check_same_length(NAME, "number of targets vs rows of X", x.nrows(), y.len())?;
        let predicted = self.predict(x)?;
        r2_score(y, predicted.view())
    }
}
