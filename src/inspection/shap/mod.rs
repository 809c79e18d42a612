//! Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018): each
//! feature's Shapley value for each row of a tree model's prediction, as the
//! `shap` package's `TreeExplainer` (`feature_perturbation =
//! "tree_path_dependent"`) computes it.
//!
//! The value of a coalition `S` of features is the path-dependent
//! conditional expectation of the model: a tree is walked from the root, a
//! split on a feature of `S` sends the row where its value says, and a split
//! on another feature follows both children, weighted by their share of the
//! training samples (the cover). The Shapley values of that game are exact,
//! computed in `O(leaves · depth²)` per tree and row by the path recursion
//! of `path`; the models are seen through one small trait (`models`).
//!
//! The explained output is the model's, as `shap` does: the class
//! probabilities (`predict_proba`) for decision trees and forests, the raw
//! scores (`decision_function`, log-odds) for histogram gradient boosting
//! classifiers, the prediction for regressors.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::inspection::shap_values;
//! use learnkit::tree::DecisionTreeRegressor;
//! use ndarray::array;
//!
//! let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
//! let y = array![0.0, 1.0, 2.0, 3.0];
//! let model = DecisionTreeRegressor::default().fit(x.view(), y.view())?;
//! let shap = shap_values(&model, x.view())?;
//! // The mean prediction plus the row's values is the row's prediction.
//! assert_eq!(shap.expected_value[0], 1.5);
//! let row = shap.output(0)?.row(3).to_owned();
//! assert!((shap.expected_value[0] + row.sum() - 3.0).abs() < 1e-12);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod models;
mod path;

pub use models::TreeExplainable;

use crate::error::{Error, Result};
use crate::float::Float;
use crate::parallel::map_row_chunks;
use crate::validation::check_predict_input_with_missing;
use models::{BoostedTree, TreeModel};
use ndarray::{Array1, Array3, ArrayView2, Axis};
use path::{PathTree, Scratch, add_expected_value, add_tree_shap};

const CONTEXT: &str = "shap_values";

/// Rows per parallel chunk: a row's work is a walk of every tree, so small
/// chunks balance well; fixed, so results do not depend on the threads.
const CHUNK_ROWS: usize = 16;

/// SHAP values of a tree model ([`shap_values`]).
///
/// `values` is `n_samples × n_features × n_outputs` in every case (`shap`
/// drops the last axis for one output: here [`output`](Self::output) gives
/// that `n_samples × n_features` view). For each row and output,
/// `expected_value[k] + Σ_j values[[i, j, k]]` is the model's output `k`
/// on row `i`.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::shap_values;
/// use learnkit::tree::DecisionTreeClassifier;
/// use ndarray::array;
///
/// let x = array![[0.0, 5.0], [1.0, 5.0]];
/// let model = DecisionTreeClassifier::default().fit(x.view(), array!["a", "b"].view())?;
/// let shap = shap_values(&model, x.view())?;
/// assert_eq!(shap.values.dim(), (2, 2, 2)); // rows × features × classes
/// assert_eq!(shap.expected_value.to_vec(), vec![0.5, 0.5]);
/// // Row 0 is class "a" for sure: feature 0 moves it from 0.5 to 1.
/// assert_eq!(shap.values[[0, 0, 0]], 0.5);
/// assert_eq!(shap.values[[0, 1, 0]], 0.0);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ShapValues {
    /// Per row, feature and output, the feature's contribution.
    pub values: Array3<f64>,
    /// Per output, the model's mean output over its training samples
    /// (`shap`'s `expected_value`).
    pub expected_value: Array1<f64>,
}

impl ShapValues {
    /// The number of outputs explained (classes, or 1).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::shap_values;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(shap_values(&model, array![[0.0]].view())?.n_outputs(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_outputs(&self) -> usize {
        self.expected_value.len()
    }

    /// The `n_samples × n_features` values of output `k` (for a regressor,
    /// `k = 0`: `shap`'s 2-D array).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `k` is not below [`n_outputs`](Self::n_outputs).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::shap_values;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// let shap = shap_values(&model, array![[0.0], [1.0]].view())?;
    /// assert_eq!(shap.output(0)?, array![[-0.5], [0.5]]);
    /// assert!(shap.output(1).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn output(&self, k: usize) -> Result<ArrayView2<'_, f64>> {
        if k >= self.n_outputs() {
            return Err(Error::invalid_parameter(
                "ShapValues::output",
                "k",
                format!("below the number of outputs ({})", self.n_outputs()),
                k,
            ));
        }
        Ok(self.values.index_axis(Axis(2), k))
    }
}

/// Exact path-dependent TreeSHAP values of `model` on the rows of `x`
/// (the `shap` package's `TreeExplainer(model).shap_values(x)`), in
/// parallel over rows (each row on its own: the same values on any number
/// of threads).
///
/// Supported models ([`TreeExplainable`]): decision trees, random forests
/// and extra trees (explaining the class probabilities, or the prediction),
/// histogram gradient boosting (the raw score: log-odds for two classes, one
/// per class otherwise, or the prediction). Missing values (`NaN`) and
/// categories follow each split's rule, as in prediction.
///
/// # Errors
/// [`Error::FeatureCountMismatch`] when `x` does not have the model's
/// number of features; [`Error::EmptyInput`] for no rows;
/// [`Error::NonFinite`] for an infinity (`NaN` is a missing value);
/// [`Error::InvalidInput`] for a histogram gradient boosting model read from
/// a file saved before its trees kept their training sample counts.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::shap_values;
/// use learnkit::ensemble::RandomForestRegressor;
/// use ndarray::{Array1, Array2, Axis};
///
/// let x = Array2::from_shape_fn((40, 3), |(i, j)| ((i * (j + 3)) % 7) as f64);
/// let y: Array1<f64> = x.column(0).mapv(|v| 2.0 * v) + &x.column(1);
/// let model = RandomForestRegressor::default().n_estimators(5).random_state(0).fit(x.view(), y.view())?;
/// let shap = shap_values(&model, x.view())?;
/// // Additivity: the expected value plus a row's values is its prediction.
/// let total = shap.values.sum_axis(Axis(1)).column(0).mapv(|s| s + shap.expected_value[0]);
/// let predicted = model.predict(x.view())?;
/// assert!(total.iter().zip(&predicted).all(|(a, b)| (a - b).abs() < 1e-10));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn shap_values<M: TreeExplainable, F: Float>(model: &M, x: ArrayView2<'_, F>) -> Result<ShapValues> {
    match model.tree_model().0 {
        TreeModel::Averaged {
            trees,
            n_features,
            n_outputs,
        } => {
            check_predict_input_with_missing(CONTEXT, n_features, x)?;
            let placed: Vec<(&crate::tree::Tree, usize)> = trees.iter().map(|t| (t, 0)).collect();
            let scale = 1.0 / trees.len() as f64;
            let mut shap = explain(&placed, x, n_outputs, &vec![0.0; n_outputs]);
            shap.values.mapv_inplace(|v| v * scale);
            shap.expected_value.mapv_inplace(|v| v * scale);
            Ok(shap)
        }
        TreeModel::Boosted(ensemble) => {
            check_predict_input_with_missing(CONTEXT, ensemble.n_features, x)?;
            let placed: Vec<(BoostedTree<'_>, usize)> = ensemble
                .trees
                .iter()
                .flat_map(|iteration| {
                    iteration.iter().enumerate().map(|(k, tree)| {
                        let tree = BoostedTree {
                            tree,
                            known: &ensemble.known_categories,
                        };
                        (tree, k)
                    })
                })
                .collect();
            // Counts of 0: a model read from a file saved before the
            // nodes kept them (read back as 0).
            if placed.iter().any(|(tree, _)| tree.cover(0) <= 0.0) {
                return Err(Error::invalid_input(
                    CONTEXT,
                    "the model's trees hold no training sample counts (a file saved by an older \
                     learnkit): fit the model again to explain it",
                ));
            }
            Ok(explain(&placed, x, ensemble.baseline.len(), &ensemble.baseline))
        }
    }
}

impl<T: PathTree> PathTree for &T {
    fn children(&self, node: usize) -> Option<(usize, usize)> {
        (**self).children(node)
    }
    fn feature(&self, node: usize) -> usize {
        (**self).feature(node)
    }
    fn cover(&self, node: usize) -> f64 {
        (**self).cover(node)
    }
    fn leaf_values(&self, node: usize) -> &[f64] {
        (**self).leaf_values(node)
    }
    fn goes_left(&self, node: usize, row: &[f64]) -> bool {
        (**self).goes_left(node, row)
    }
}

/// The summed SHAP values of `trees` (each adding to the outputs from its
/// offset on) on every row of `x`, and the summed expected values after
/// `base`. `x` has been checked.
fn explain<T: PathTree + Sync, F: Float>(
    trees: &[(T, usize)],
    x: ArrayView2<'_, F>,
    n_outputs: usize,
    base: &[f64],
) -> ShapValues {
    let n_features = x.ncols();
    let max_depth = trees.iter().map(|(t, _)| path::depth(t)).max().unwrap_or(0);
    let width = n_features * n_outputs;
    let chunks = map_row_chunks(x, CHUNK_ROWS, |_, rows| {
        let mut scratch = Scratch::new(max_depth);
        let flat: Vec<f64> = rows.iter().map(|v| v.as_f64()).collect();
        let mut phi = vec![0.0; rows.nrows() * width];
        // Tree by tree, every row of the chunk: the tree stays in cache.
        for (tree, offset) in trees {
            for (row, phi) in flat.chunks_exact(n_features).zip(phi.chunks_exact_mut(width)) {
                add_tree_shap(tree, row, &mut scratch, phi, n_outputs, *offset);
            }
        }
        phi
    });
    let values = Array3::from_shape_vec((x.nrows(), n_features, n_outputs), chunks.concat())
        .expect("n_features × n_outputs values per row");
    let mut expected = base.to_vec();
    for (tree, offset) in trees {
        add_expected_value(tree, &mut expected[*offset..]);
    }
    ShapValues {
        values,
        expected_value: Array1::from(expected),
    }
}

#[cfg(test)]
mod tests;
