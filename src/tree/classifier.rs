//! [`DecisionTreeClassifier`] and its fitted model.

use super::tree::Tree;
use super::{
    Binning, Criterion, MaxFeatures, Splitter, TreeLimits, argmax, bin, class_impurity, class_stats, class_targets,
    grow,
};
use crate::class_weight::ClassWeight;
use crate::error::Result;
use crate::float::{Float, Label};
use crate::persistence::Check;
use crate::persistence::check::{same_len, strictly_increasing};
use crate::traits::{Classifier, Estimator, PredictProba, Predictor, SampleWeighted};
use crate::validation::check_predict_input_with_missing;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::marker::PhantomData;

const NAME: &str = "DecisionTreeClassifier";

/// A CART classification tree, as scikit-learn's `DecisionTreeClassifier`.
///
/// Each node is split on the feature and threshold that most decrease the
/// weighted impurity `w_node · imp_node − w_left · imp_left − w_right · imp_right`
/// (Gini `1 − Σ p_k²` or entropy `−Σ p_k log₂ p_k` of the weighted class
/// fractions `p_k`), among `max_features` features drawn at random at each
/// node. Features are binned once (see [`Binning`]); the search scans
/// per-node class-count histograms over the bins — built for the smaller
/// child and obtained by subtraction for the larger one — so no float is
/// sorted at a node. A leaf predicts the weighted class fractions of its
/// training samples.
///
/// Missing values (`NaN`) are handled as scikit-learn ≥ 1.3 does: at each
/// split the search tries the node's missing values on the left and on the
/// right of every threshold, and the split of the missing values alone
/// from the rest (threshold `+∞`), and the node remembers where they went
/// ([`Tree::missing_go_to_left`]); a node that saw none sends them to the
/// child with more training samples. With [`Splitter::Random`] the side of
/// the missing values is drawn at random.
///
/// # Hyperparameters
/// - `criterion` (default [`Criterion::Gini`]).
/// - `max_depth` (default `None`: grow until the leaves are pure or too small), ≥ 1.
/// - `min_samples_split` (default 2), ≥ 2: fewest samples a node needs to be split.
/// - `min_samples_leaf` (default 1), ≥ 1: fewest samples in each child.
/// - `min_weight_fraction_leaf` (default 0.0), in `[0, 0.5]`: fewest
///   weighted samples in each child, as a fraction of the total weight.
/// - `max_features` (default [`MaxFeatures::All`]): features drawn per split.
/// - `max_leaf_nodes` (default `None`), ≥ 2: grow best-first (largest
///   impurity decrease first) up to this many leaves.
/// - `min_impurity_decrease` (default 0.0): split only when the weighted
///   impurity decrease `w_node / w_total · (imp − w_l/w_node · imp_l − w_r/w_node · imp_r)` is at least this.
/// - `splitter` (default [`Splitter::Best`]): the best threshold per drawn
///   feature, or one random threshold (`Random`, as scikit-learn's
///   `ExtraTreeClassifier`).
/// - `class_weight` (default [`ClassWeight::Uniform`]): multiplies the sample weights.
/// - `random_state` (default `None`: fresh entropy): the seed of the feature
///   draws (ties between equally good splits are broken by the draw order).
/// - `binning` (default [`Binning::Exact`], learnkit-specific): exact
///   thresholds, or at most 256 bins per feature.
///
/// # Fitted attributes
/// See [`FittedDecisionTreeClassifier`]: `classes`, `feature_importances`,
/// `depth`, `n_leaves`, `n_features_in`, `tree`.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a bad
/// hyperparameter (including `max_features` above the number of features);
/// [`Error::EmptyInput`](crate::Error::EmptyInput),
/// [`Error::NonFinite`](crate::Error::NonFinite) (an infinity; `NaN` is a
/// missing value) and [`Error::ShapeMismatch`](crate::Error::ShapeMismatch)
/// for bad data; [`Error::SingleClass`](crate::Error::SingleClass) for one
/// class; [`Error::InvalidInput`](crate::Error::InvalidInput) for negative
/// sample weights or weights that sum to zero.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::datasets::load_iris;
/// use learnkit::tree::DecisionTreeClassifier;
///
/// let iris = load_iris();
/// let model = DecisionTreeClassifier::default()
///     .max_depth(Some(3))
///     .random_state(0)
///     .fit(iris.data.view(), iris.target.view())?;
/// assert_eq!(model.depth(), 3);
/// assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DecisionTreeClassifier {
    /// The impurity criterion, default Gini.
    pub criterion: Criterion,
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
    /// Class weights, default uniform.
    pub class_weight: ClassWeight,
    /// Seed of the feature draws, default `None` (fresh entropy).
    pub random_state: Option<u64>,
    /// How features are binned, default exact.
    pub binning: Binning,
}

impl Default for DecisionTreeClassifier {
    fn default() -> Self {
        DecisionTreeClassifier {
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            min_weight_fraction_leaf: 0.0,
            max_features: MaxFeatures::All,
            max_leaf_nodes: None,
            min_impurity_decrease: 0.0,
            splitter: Splitter::Best,
            class_weight: ClassWeight::Uniform,
            random_state: None,
            binning: Binning::Exact,
        }
    }
}

setters!(DecisionTreeClassifier in "learnkit::tree" {
    criterion: Criterion = learnkit::tree::Criterion::Entropy;
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
    class_weight: ClassWeight = vec![1.0, 3.0] => learnkit::class_weight::ClassWeight::PerClass(vec![1.0, 3.0]);
} optional {

});

random_state_setter!(DecisionTreeClassifier in "learnkit::tree");

impl DecisionTreeClassifier {
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

    fn fit_checked<F: Float, L: Label>(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: Option<ArrayView1<'_, F>>,
    ) -> Result<FittedDecisionTreeClassifier<F, L>> {
        self.limits().validate(NAME)?;
        super::check_x_y_with_missing(NAME, x, y.len())?;
        let targets = class_targets(NAME, y, sample_weight, &self.class_weight)?;
        let total: f64 = targets.weights.iter().sum();
        let params = self
            .limits()
            .grow_params(NAME, class_impurity(self.criterion), x.ncols(), total)?;
        let binned = bin(x, self.binning);
        let idx: Vec<u32> = (0..x.nrows() as u32)
            .filter(|&i| targets.weights[i as usize] > 0.0)
            .collect();
        let n_classes = targets.classes.len();
        let stats = class_stats(&targets.codes, targets.weights, n_classes);
        let mut rng = StdRng::seed_from_u64(crate::random::seed_or_entropy(self.random_state));
        let tree = grow(&binned, &stats, idx, &params, n_classes, &mut rng);
        Ok(FittedDecisionTreeClassifier {
            params: self.clone(),
            classes: targets.classes,
            tree,
            float: PhantomData,
        })
    }
}

impl<F: Float, L: Label> Estimator<F, L> for DecisionTreeClassifier {
    type Fitted = FittedDecisionTreeClassifier<F, L>;

    fn fit(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<Self::Fitted> {
        self.fit_checked(x, y, None)
    }
}

impl<F: Float, L: Label> SampleWeighted<F, L> for DecisionTreeClassifier {
    fn fit_weighted(
        &self,
        x: ArrayView2<'_, F>,
        y: ArrayView1<'_, L>,
        sample_weight: ArrayView1<'_, F>,
    ) -> Result<Self::Fitted> {
        self.fit_checked(x, y, Some(sample_weight))
    }
}

/// A fitted [`DecisionTreeClassifier`].
///
/// Prediction runs in parallel over fixed chunks of rows and does not depend
/// on the number of threads.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::tree::DecisionTreeClassifier;
/// use ndarray::array;
///
/// let x = array![[0.0, 1.0], [1.0, 1.0], [2.0, 0.0], [3.0, 0.0]];
/// let model = DecisionTreeClassifier::default().fit(x.view(), array!["a", "a", "b", "b"].view())?;
/// assert_eq!(model.predict(array![[0.5, 1.0], [2.5, 0.0]].view())?, array!["a", "b"]);
/// assert_eq!(model.n_leaves(), 2);
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
pub struct FittedDecisionTreeClassifier<F, L> {
    params: DecisionTreeClassifier,
    classes: Vec<L>,
    tree: Tree,
    float: PhantomData<F>,
}

checked_serde!(impl[F: Float, L: Label] FittedDecisionTreeClassifier<F, L>; ser[L: serde::Serialize] de[L: serde::de::DeserializeOwned]);
persist!(impl[F: Float, L: Label] FittedDecisionTreeClassifier<F, L> => format!("DecisionTreeClassifier<{}>", F::NAME));

impl<F: Float, L: Label> Check for FittedDecisionTreeClassifier<F, L> {
    /// Valid hyperparameters, and sorted distinct classes, one per tree
    /// output (prediction picks the class of the largest output). The tree
    /// checked itself when it was read.
    fn check(&self) -> std::result::Result<(), String> {
        self.params.limits().validate(NAME).map_err(|e| e.to_string())?;
        strictly_increasing("DecisionTreeClassifier: classes", &self.classes)?;
        same_len(
            "DecisionTreeClassifier: classes (one per tree output)",
            self.tree.n_outputs,
            self.classes.len(),
        )
    }
}

impl<F: Float, L: Label> FittedDecisionTreeClassifier<F, L> {
    /// The sorted classes seen in `fit` (`classes_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![true, false].view())?;
    /// assert_eq!(model.classes(), &[false, true]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    /// The hyperparameters the model was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().max_depth(Some(2)).fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.params().max_depth, Some(2));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &DecisionTreeClassifier {
        &self.params
    }

    /// The fitted tree (scikit-learn's `tree_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.tree().node_count(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Impurity-based feature importances (`feature_importances_`): each
    /// feature's total weighted impurity decrease, normalised to sum to one
    /// (all zeros for a tree that is a single leaf).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[5.0, 0.0], [5.0, 1.0], [5.0, 2.0]];
    /// let model = DecisionTreeClassifier::default().fit(x.view(), array![0, 1, 1].view())?;
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
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
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
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
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
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0, 3.0], [1.0, 3.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.n_features_in(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_features_in(&self) -> usize {
        self.tree.n_features
    }
}

impl<F: Float, L: Label> Predictor<F> for FittedDecisionTreeClassifier<F, L> {
    type Output = L;

    /// The class of largest fraction in each row's leaf (the first on ties).
    fn predict(&self, x: ArrayView2<'_, F>) -> Result<Array1<L>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        let values = self.tree.predict_values(x);
        Ok(values
            .outer_iter()
            .map(|row| self.classes[argmax(row.as_slice().expect("standard layout"))].clone())
            .collect())
    }

    /// Accuracy.
    fn score(&self, x: ArrayView2<'_, F>, y: ArrayView1<'_, L>) -> Result<f64> {
        crate::classify::accuracy(NAME, x, y, |x| self.predict(x))
    }
}

impl<F: Float, L: Label> Classifier<F> for FittedDecisionTreeClassifier<F, L> {
    fn classes(&self) -> &[L] {
        &self.classes
    }
}

impl<F: Float, L: Label> PredictProba<F> for FittedDecisionTreeClassifier<F, L> {
    /// The weighted class fractions of each row's leaf.
    fn predict_proba(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        check_predict_input_with_missing(NAME, self.n_features_in(), x)?;
        Ok(self.tree.predict_values(x).mapv(F::cast))
    }
}

impl<F: Float, L: Label> crate::traits::RankingScores<F> for FittedDecisionTreeClassifier<F, L> {
    /// The probability of `classes()[1]` for two classes, all the
    /// probabilities otherwise.
    fn scores_for_ranking(&self, x: ArrayView2<'_, F>) -> Result<Array2<F>> {
        crate::classify::ranking_from_proba(self, x)
    }
}
