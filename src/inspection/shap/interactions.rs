//! SHAP interaction values (Lundberg et al. 2018, section 4; `shap`'s
//! `TreeExplainer.shap_interaction_values`, path-dependent): for features
//! `i ≠ j`, half the difference between `i`'s SHAP value with `j` always
//! in the coalition and with `j` always out; on the diagonal, `i`'s SHAP
//! value less its interactions, so each row of the matrix sums to the SHAP
//! value. Computed from the tables of [`fast`](super::fast) in
//! `O(leaves · depth²)` per tree and row.

use super::fast::{self, FastTree};
use super::path::{PathTree, Scratch, add_tree_shap, depth};
use super::{
    CHUNK_ROWS, Explanation, TreeExplainable, batches, check_output, expected_values, explain_model, flat_rows,
};
use crate::error::{Error, Result};
use crate::float::Float;
use ndarray::{Array1, Array4, ArrayView2, ArrayView3, Axis};
use rayon::prelude::*;

const CONTEXT: &str = "shap_interaction_values";

/// SHAP interaction values of a tree model ([`shap_interaction_values`]).
///
/// `values` is `n_samples × n_features × n_features × n_outputs` (`shap`
/// drops the last axis for one output: [`output`](Self::output) gives that
/// view). The matrix of a row is symmetric; its diagonal holds the main
/// effects, and its row `j` sums to feature `j`'s SHAP value, so
/// `expected_value[k]` plus all of a row's entries is the model's output.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::shap_interaction_values;
/// use learnkit::tree::DecisionTreeRegressor;
/// use ndarray::array;
///
/// // y = x0 · x1: all of the effect beyond the mean is shared.
/// let x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
/// let model = DecisionTreeRegressor::default().fit(x.view(), array![0.0, 0.0, 0.0, 1.0].view())?;
/// let inter = shap_interaction_values(&model, x.view())?;
/// assert_eq!(inter.values.dim(), (4, 2, 2, 1));
/// let row = inter.output(0)?.index_axis(ndarray::Axis(0), 3).to_owned();
/// assert!((row[[0, 1]] - 0.125).abs() < 1e-12 && (row[[1, 0]] - 0.125).abs() < 1e-12);
/// assert!((inter.expected_value[0] + row.sum() - 1.0).abs() < 1e-12);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ShapInteractionValues {
    /// Per row, feature pair and output, the pair's interaction (the main
    /// effect on the diagonal).
    pub values: Array4<f64>,
    /// Per output, the model's mean output over its training samples (as
    /// for [`ShapValues`](super::ShapValues)).
    pub expected_value: Array1<f64>,
}

impl ShapInteractionValues {
    /// The number of outputs explained (classes, or 1).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::shap_interaction_values;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// assert_eq!(shap_interaction_values(&model, array![[0.0]].view())?.n_outputs(), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_outputs(&self) -> usize {
        self.expected_value.len()
    }

    /// The `n_samples × n_features × n_features` values of output `k` (for
    /// a regressor, `k = 0`: `shap`'s 3-D array).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `k` is not below [`n_outputs`](Self::n_outputs).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::inspection::shap_interaction_values;
    /// use learnkit::tree::DecisionTreeRegressor;
    /// use ndarray::array;
    /// let model = DecisionTreeRegressor::default().fit(array![[0.0], [1.0]].view(), array![0.0, 1.0].view())?;
    /// let inter = shap_interaction_values(&model, array![[0.0], [1.0]].view())?;
    /// assert_eq!(inter.output(0)?.shape(), &[2, 1, 1]);
    /// assert!(inter.output(1).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn output(&self, k: usize) -> Result<ArrayView3<'_, f64>> {
        check_output("ShapInteractionValues::output", k, self.n_outputs())?;
        Ok(self.values.index_axis(Axis(3), k))
    }
}

/// Exact path-dependent SHAP interaction values of `model` on the rows of
/// `x` (the `shap` package's
/// `TreeExplainer(model).shap_interaction_values(x)`), in parallel over
/// rows; the same models and outputs as [`shap_values`](super::shap_values).
///
/// The result holds `n_samples · n_features² · n_outputs` values: mind the
/// memory for many features.
///
/// # Errors
/// As [`shap_values`](super::shap_values), and [`Error::InvalidInput`] for a
/// tree with a path of more than 64 distinct features.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::inspection::{shap_interaction_values, shap_values};
/// use learnkit::ensemble::RandomForestRegressor;
/// use ndarray::{Array1, Array2, Axis};
///
/// let x = Array2::from_shape_fn((40, 3), |(i, j)| ((i * (j + 3)) % 7) as f64);
/// let y: Array1<f64> = &x.column(0) * &x.column(1);
/// let model = RandomForestRegressor::default().n_estimators(5).random_state(0).fit(x.view(), y.view())?;
/// let inter = shap_interaction_values(&model, x.view())?;
/// let shap = shap_values(&model, x.view())?;
/// // A row of the matrix sums to the feature's SHAP value.
/// let sums = inter.values.sum_axis(Axis(2));
/// assert!(sums.iter().zip(&shap.values).all(|(a, b)| (a - b).abs() < 1e-10));
/// # Ok::<(), learnkit::Error>(())
/// ```
pub fn shap_interaction_values<M: TreeExplainable, F: Float>(
    model: &M,
    x: ArrayView2<'_, F>,
) -> Result<ShapInteractionValues> {
    explain_model(model, x)
}

impl Explanation for ShapInteractionValues {
    const CONTEXT: &'static str = CONTEXT;

    fn compute<T: PathTree + Sync, F: Float>(
        trees: &[(T, usize)],
        x: ArrayView2<'_, F>,
        n_outputs: usize,
        base: &[f64],
    ) -> Result<Self> {
        explain(trees, x, n_outputs, base)
    }

    fn scale(&mut self, scale: f64) {
        self.values.mapv_inplace(|v| v * scale);
        self.expected_value.mapv_inplace(|v| v * scale);
    }
}

/// The summed interaction values of `trees` on every row of `x` (checked),
/// batch by batch as `shap_values` does: the off-diagonal entries
/// and the SHAP values summed over the trees, then the diagonal.
fn explain<T: PathTree + Sync, F: Float>(
    trees: &[(T, usize)],
    x: ArrayView2<'_, F>,
    n_outputs: usize,
    base: &[f64],
) -> Result<ShapInteractionValues> {
    let n_features = x.ncols();
    let plans = batches(trees);
    if plans.iter().flatten().any(|(_, plan)| plan.max_slots > fast::MAX_SLOTS) {
        return Err(Error::invalid_input(
            CONTEXT,
            format!(
                "a tree has a path of more than {} distinct features: interaction values are not \
                 supported for it",
                fast::MAX_SLOTS
            ),
        ));
    }
    let max_depth = trees.iter().map(|(t, _)| depth(t)).max().unwrap_or(0);
    let width = n_features * n_outputs;
    let flat = flat_rows(x);
    let mut pairs = vec![0.0; x.nrows() * n_features * width];
    let mut shap = vec![0.0; x.nrows() * width];
    for batch in plans {
        let tables: Vec<FastTree> = batch
            .par_iter()
            .map(|(i, plan)| FastTree::new(&trees[*i].0, plan.table.is_some(), true))
            .collect();
        pairs
            .par_chunks_mut(CHUNK_ROWS * n_features * width)
            .zip(shap.par_chunks_mut(CHUNK_ROWS * width))
            .zip(flat.par_chunks(CHUNK_ROWS * n_features))
            .for_each(|((pairs, shap), rows)| {
                let mut scratch = None;
                let mut stack = Vec::new();
                for ((i, plan), table) in batch.iter().zip(&tables) {
                    let (tree, offset) = &trees[*i];
                    let rows = rows.chunks_exact(n_features);
                    let outs = pairs
                        .chunks_exact_mut(n_features * width)
                        .zip(shap.chunks_exact_mut(width));
                    for (row, (pairs, shap)) in rows.zip(outs) {
                        if plan.table.is_some() {
                            table.add_shap(tree, row, &mut stack, shap, n_outputs, *offset);
                        } else {
                            let scratch = scratch.get_or_insert_with(|| Scratch::new(max_depth));
                            add_tree_shap(tree, row, scratch, shap, n_outputs, *offset);
                        }
                        table.add_interactions(tree, row, &mut stack, pairs, n_features, (n_outputs, *offset));
                    }
                }
            });
    }
    // The diagonal: each feature's SHAP value less its interactions.
    for (pairs, shap) in pairs.chunks_exact_mut(n_features * width).zip(shap.chunks_exact(width)) {
        for i in 0..n_features {
            for k in 0..n_outputs {
                let off: f64 = (0..n_features)
                    .filter(|&j| j != i)
                    .map(|j| pairs[(i * n_features + j) * n_outputs + k])
                    .sum();
                pairs[(i * n_features + i) * n_outputs + k] = shap[i * n_outputs + k] - off;
            }
        }
    }
    let values = Array4::from_shape_vec((x.nrows(), n_features, n_features, n_outputs), pairs)
        .expect("n_features² × n_outputs values per row");
    Ok(ShapInteractionValues {
        values,
        expected_value: Array1::from(expected_values(trees, base)),
    })
}
