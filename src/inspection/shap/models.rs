//! The models TreeSHAP explains, seen as [`PathTree`]s: learnkit's CART
//! trees (decision trees and both forests) and the histogram gradient
//! boosting trees, with what each model's output is.

use super::path::PathTree;
use crate::ensemble::hist_gradient_boosting::{Bitset, Ensemble, NodeKind, TreePredictor};
use crate::ensemble::{
    FittedForestClassifier, FittedForestRegressor, FittedHistGradientBoostingClassifier,
    FittedHistGradientBoostingRegressor,
};
use crate::ensemble::{ForestClassifierParams, ForestRegressorParams};
use crate::float::{Float, Label};
use crate::tree::{FittedDecisionTreeClassifier, FittedDecisionTreeRegressor, Tree};

impl PathTree for Tree {
    fn children(&self, node: usize) -> Option<(usize, usize)> {
        Tree::children(self, node)
    }

    fn feature(&self, node: usize) -> usize {
        self.nodes[node].feature as usize
    }

    /// The weighted number of training samples (`weighted_n_node_samples`,
    /// what `shap` reads for scikit-learn's trees).
    fn cover(&self, node: usize) -> f64 {
        self.weighted_n_node_samples[node]
    }

    fn leaf_values(&self, node: usize) -> &[f64] {
        self.value(node)
    }

    fn goes_left(&self, node: usize, row: &[f64]) -> bool {
        self.nodes[node].goes_left(row)
    }
}

/// A histogram gradient boosting tree with its model's training categories
/// (a categorical split sends a known category not in its set right).
pub(crate) struct BoostedTree<'a> {
    pub tree: &'a TreePredictor,
    pub known: &'a [Bitset],
}

impl PathTree for BoostedTree<'_> {
    fn children(&self, node: usize) -> Option<(usize, usize)> {
        let n = &self.tree.nodes[node];
        (n.kind != NodeKind::Leaf).then_some((n.left as usize, n.right as usize))
    }

    fn feature(&self, node: usize) -> usize {
        self.tree.nodes[node].feature as usize
    }

    /// The number of training samples (`count`, what `shap` reads for
    /// scikit-learn's histogram gradient boosting).
    fn cover(&self, node: usize) -> f64 {
        self.tree.nodes[node].count as f64
    }

    fn leaf_values(&self, node: usize) -> &[f64] {
        std::slice::from_ref(&self.tree.nodes[node].value)
    }

    fn goes_left(&self, node: usize, row: &[f64]) -> bool {
        let n = &self.tree.nodes[node];
        let f = n.feature as usize;
        self.tree.goes_left(n, row[f], &self.known[f])
    }
}

/// What TreeSHAP needs of a model.
pub(crate) enum TreeModel<'a> {
    /// Trees whose leaf values are averaged (a decision tree is a forest of
    /// one): `n_outputs` values per leaf, the model's output.
    Averaged {
        trees: &'a [Tree],
        n_features: usize,
        n_outputs: usize,
    },
    /// A boosted ensemble: the baseline plus every tree's value, tree `k`
    /// of an iteration adding to raw output `k`.
    Boosted(&'a Ensemble),
}

/// [`TreeModel`] behind a type that shows nothing (the sealed trait's
/// method must return a nominally public type).
pub struct ModelRef<'a>(pub(crate) TreeModel<'a>);

mod sealed {
    /// Keeps [`TreeExplainable`](super::TreeExplainable) to the models of
    /// this crate, and hides what TreeSHAP reads of them.
    pub trait Explain {
        /// The trees and the output they explain.
        fn tree_model(&self) -> super::ModelRef<'_>;
    }
}

/// Tree models TreeSHAP can explain: decision trees, random forests, extra
/// trees and histogram gradient boosting, classifiers and regressors.
///
/// Sealed: implemented by the crate's tree models only.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::{TreeExplainable, shap_values};
/// use learnkit::tree::DecisionTreeRegressor;
/// use ndarray::array;
///
/// fn explain<M: TreeExplainable>(model: &M, x: ndarray::ArrayView2<'_, f64>) -> learnkit::Result<f64> {
///     Ok(shap_values(model, x)?.expected_value[0])
/// }
/// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![1.0, 3.0].view())?;
/// assert_eq!(explain(&model, array![[0.0]].view())?, 2.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub trait TreeExplainable: sealed::Explain {}

impl<T: sealed::Explain> TreeExplainable for T {}

impl<F: Float> sealed::Explain for FittedDecisionTreeRegressor<F> {
    fn tree_model(&self) -> ModelRef<'_> {
        averaged(std::slice::from_ref(self.tree()))
    }
}

impl<F: Float, L: Label> sealed::Explain for FittedDecisionTreeClassifier<F, L> {
    fn tree_model(&self) -> ModelRef<'_> {
        averaged(std::slice::from_ref(self.tree()))
    }
}

impl<F: Float, P: ForestRegressorParams> sealed::Explain for FittedForestRegressor<F, P> {
    fn tree_model(&self) -> ModelRef<'_> {
        averaged(self.estimators())
    }
}

impl<F: Float, L: Label, P: ForestClassifierParams> sealed::Explain for FittedForestClassifier<F, L, P> {
    fn tree_model(&self) -> ModelRef<'_> {
        averaged(self.estimators())
    }
}

impl<F: Float> sealed::Explain for FittedHistGradientBoostingRegressor<F> {
    fn tree_model(&self) -> ModelRef<'_> {
        ModelRef(TreeModel::Boosted(self.ensemble()))
    }
}

impl<F: Float, L: Label> sealed::Explain for FittedHistGradientBoostingClassifier<F, L> {
    fn tree_model(&self) -> ModelRef<'_> {
        ModelRef(TreeModel::Boosted(self.ensemble()))
    }
}

/// Trees averaged; a fitted model has at least one.
fn averaged(trees: &[Tree]) -> ModelRef<'_> {
    ModelRef(TreeModel::Averaged {
        trees,
        n_features: trees[0].n_features,
        n_outputs: trees[0].n_outputs,
    })
}
