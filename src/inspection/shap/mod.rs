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
//! computed in `O(leaves · depth)` per tree and row from tables built once
//! per tree (Fast TreeSHAP v2, `fast`), or in `O(leaves · depth²)` by the
//! path recursion of `path` for trees too big for tables; the interaction
//! values (`interactions`) come from the same tables. The models are seen
//! through one small trait (`models`).
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

mod fast;
mod interactions;
mod models;
mod path;

pub use interactions::{ShapInteractionValues, shap_interaction_values};
pub use models::TreeExplainable;

use crate::ensemble::hist_gradient_boosting::Ensemble;
use crate::error::{Error, Result};
use crate::float::Float;
use crate::validation::check_predict_input_with_missing;
use fast::FastTree;
use models::{BoostedTree, TreeModel};
use ndarray::{Array1, Array3, ArrayView2, Axis};
use path::{PathTree, Scratch, add_expected_value, add_tree_shap};
use rayon::prelude::*;

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
        check_output("ShapValues::output", k, self.n_outputs())?;
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
    explain_model(model, x)
}

/// An explanation computed over a model's trees ([`ShapValues`],
/// [`ShapInteractionValues`]).
trait Explanation: Sized {
    /// The public function's name, for errors.
    const CONTEXT: &'static str;
    /// The summed explanation of `trees` (each adding to the outputs from
    /// its offset on) on the checked rows of `x`, the expected values after
    /// `base`.
    fn compute<T: PathTree + Sync, F: Float>(
        trees: &[(T, usize)],
        x: ArrayView2<'_, F>,
        n_outputs: usize,
        base: &[f64],
    ) -> Result<Self>;
    /// Multiplies the values and expected values by `scale`.
    fn scale(&mut self, scale: f64);
}

/// `E` of `model` on `x`: checks `x`, then explains the trees (averaged for
/// trees and forests, summed after the baseline for boosting).
fn explain_model<E: Explanation, M: TreeExplainable, F: Float>(model: &M, x: ArrayView2<'_, F>) -> Result<E> {
    match model.tree_model().0 {
        TreeModel::Averaged {
            trees,
            n_features,
            n_outputs,
        } => {
            check_predict_input_with_missing(E::CONTEXT, n_features, x)?;
            let placed: Vec<(&crate::tree::Tree, usize)> = trees.iter().map(|t| (t, 0)).collect();
            let mut out = E::compute(&placed, x, n_outputs, &vec![0.0; n_outputs])?;
            out.scale(1.0 / trees.len() as f64);
            Ok(out)
        }
        TreeModel::Boosted(ensemble) => {
            check_predict_input_with_missing(E::CONTEXT, ensemble.n_features, x)?;
            let placed = boosted_trees(ensemble, E::CONTEXT)?;
            E::compute(&placed, x, ensemble.baseline.len(), &ensemble.baseline)
        }
    }
}

impl Explanation for ShapValues {
    const CONTEXT: &'static str = CONTEXT;

    fn compute<T: PathTree + Sync, F: Float>(
        trees: &[(T, usize)],
        x: ArrayView2<'_, F>,
        n_outputs: usize,
        base: &[f64],
    ) -> Result<Self> {
        Ok(explain(trees, x, n_outputs, base))
    }

    fn scale(&mut self, scale: f64) {
        self.values.mapv_inplace(|v| v * scale);
        self.expected_value.mapv_inplace(|v| v * scale);
    }
}

/// Checks that `k` is below `n_outputs` (the `output` accessors).
fn check_output(context: &'static str, k: usize, n_outputs: usize) -> Result<()> {
    if k >= n_outputs {
        return Err(Error::invalid_parameter(
            context,
            "k",
            format!("below the number of outputs ({n_outputs})"),
            k,
        ));
    }
    Ok(())
}

/// The trees of a boosted ensemble, each with the raw output it adds to.
///
/// # Errors
/// [`Error::InvalidInput`] for a model read from a file saved before its
/// trees kept their training sample counts (read back as 0).
fn boosted_trees<'a>(ensemble: &'a Ensemble, context: &'static str) -> Result<Vec<(BoostedTree<'a>, usize)>> {
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
    if placed.iter().any(|(tree, _)| tree.cover(0) <= 0.0) {
        return Err(Error::invalid_input(
            context,
            "the model's trees hold no training sample counts (a file saved by an older \
             learnkit): fit the model again to explain it",
        ));
    }
    Ok(placed)
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

/// The most table entries built at once (a batch of trees whose tables are
/// built in parallel, then used by every row): 64 MB per table kind.
const BATCH_TABLE: usize = 1 << 23;

/// Consecutive trees whose tables fit in [`BATCH_TABLE`] together, with
/// each tree's plan. Depends on the trees only: the same on any thread count.
fn batches<T: PathTree>(trees: &[(T, usize)]) -> Vec<Vec<(usize, fast::Plan)>> {
    let mut out: Vec<Vec<(usize, fast::Plan)>> = Vec::new();
    let mut used = BATCH_TABLE;
    for (i, (tree, _)) in trees.iter().enumerate() {
        let plan = fast::plan(tree);
        let size = plan.table.unwrap_or(0);
        if used + size > BATCH_TABLE || out.last().is_none_or(|b| b.len() >= 64) {
            out.push(Vec::new());
            used = 0;
        }
        used += size;
        out.last_mut().expect("a batch was pushed").push((i, plan));
    }
    out
}

/// The input rows as `f64`, row after row.
fn flat_rows<F: Float>(x: ArrayView2<'_, F>) -> Vec<f64> {
    x.iter().map(|v| v.as_f64()).collect()
}

/// The summed SHAP values of `trees` (each adding to the outputs from its
/// offset on) on every row of `x`, and the summed expected values after
/// `base`. `x` has been checked.
///
/// Trees in batches: a batch's tables ([`fast`]) are built in parallel, then
/// every row (in parallel chunks) adds the batch's trees in order, each row
/// on its own, so the sums do not depend on the threads. A tree without
/// tables takes the path recursion ([`path`]).
fn explain<T: PathTree + Sync, F: Float>(
    trees: &[(T, usize)],
    x: ArrayView2<'_, F>,
    n_outputs: usize,
    base: &[f64],
) -> ShapValues {
    let n_features = x.ncols();
    let max_depth = trees.iter().map(|(t, _)| path::depth(t)).max().unwrap_or(0);
    let width = n_features * n_outputs;
    let flat = flat_rows(x);
    let mut phi = vec![0.0; x.nrows() * width];
    for batch in batches(trees) {
        let tables: Vec<Option<FastTree>> = batch
            .par_iter()
            .map(|(i, plan)| plan.table.map(|_| FastTree::new(&trees[*i].0, true, false)))
            .collect();
        phi.par_chunks_mut(CHUNK_ROWS * width)
            .zip(flat.par_chunks(CHUNK_ROWS * n_features))
            .for_each(|(phi, rows)| {
                let mut scratch = None;
                let mut stack = Vec::new();
                for ((i, _), table) in batch.iter().zip(&tables) {
                    let (tree, offset) = &trees[*i];
                    for (row, phi) in rows.chunks_exact(n_features).zip(phi.chunks_exact_mut(width)) {
                        match table {
                            Some(table) => table.add_shap(tree, row, &mut stack, phi, n_outputs, *offset),
                            None => {
                                let scratch = scratch.get_or_insert_with(|| Scratch::new(max_depth));
                                add_tree_shap(tree, row, scratch, phi, n_outputs, *offset)
                            }
                        }
                    }
                }
            });
    }
    let values =
        Array3::from_shape_vec((x.nrows(), n_features, n_outputs), phi).expect("n_features × n_outputs values per row");
    ShapValues {
        values,
        expected_value: Array1::from(expected_values(trees, base)),
    }
}

/// `base` plus every tree's expected value at its offset.
fn expected_values<T: PathTree>(trees: &[(T, usize)], base: &[f64]) -> Vec<f64> {
    let mut expected = base.to_vec();
    for (tree, offset) in trees {
        add_expected_value(tree, &mut expected[*offset..]);
    }
    expected
}

#[cfg(test)]
mod tests;
