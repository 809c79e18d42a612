//! The `recursion` method of partial dependence on a histogram gradient
//! boosting ensemble (scikit-learn's `_compute_partial_dependence` in
//! `_predictor.pyx`); see
//! [`partial_dependence`](crate::inspection::partial_dependence).

use super::boosting::Ensemble;
use super::predictor::{NodeKind, TreePredictor};
use super::split::Bitset;
use crate::error::{Error, Result};
use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;

impl Ensemble {
    /// The partial dependence at every row of `grid` (one column per
    /// target feature, `features` their columns in the training data), as
    /// `n_outputs × n_points` (one output per tree of an iteration).
    ///
    /// As scikit-learn: the baseline (the constant raw prediction boosting
    /// starts from) is not added, only the trees' contributions; a split on
    /// another feature weighs its children by their training sample
    /// counts. At a split on a target feature the point goes the side
    /// prediction sends it (missing values and unknown categories where the
    /// node says, categories by the node's set: scikit-learn compares a
    /// categorical node's unused numeric threshold there, so its values on
    /// categorical target features are not comparable).
    ///
    /// # Errors
    /// [`Error::Unsupported`] for an ensemble fitted with sample weights (its
    /// counts ignore them; scikit-learn refuses too) or read from a file
    /// saved before the node counts were kept.
    pub(crate) fn partial_dependence(
        &self,
        context: &'static str,
        grid: ArrayView2<'_, f64>,
        features: &[usize],
    ) -> Result<Array2<f64>> {
        if self.fitted_with_sample_weight {
            return Err(Error::Unsupported {
                context: context.into(),
                message: "the 'recursion' method for a histogram gradient boosting model fitted with \
                          sample weights (its node counts ignore them); use the 'brute' method"
                    .into(),
            });
        }
        let without_counts = self
            .trees
            .iter()
            .flatten()
            .any(|tree| tree.nodes.iter().any(|n| n.kind != NodeKind::Leaf && n.count == 0));
        if without_counts {
            return Err(Error::Unsupported {
                context: context.into(),
                message: "the 'recursion' method for a histogram gradient boosting model saved before \
                          its node counts were kept; refit it or use the 'brute' method"
                    .into(),
            });
        }
        let n_outputs = self.baseline.len();
        let per_point: Vec<Vec<f64>> = (0..grid.nrows())
            .into_par_iter()
            .map(|p| {
                let point = grid.row(p).to_vec();
                let mut totals = vec![0.0; n_outputs];
                let mut stack: Vec<(usize, f64)> = Vec::new();
                // Iteration after iteration into one total per output, as
                // scikit-learn sums.
                for iteration in &self.trees {
                    for (total, tree) in totals.iter_mut().zip(iteration) {
                        *total = add_tree(tree, &point, features, &self.known_categories, *total, &mut stack);
                    }
                }
                totals
            })
            .collect();
        let mut out = Array2::zeros((n_outputs, grid.nrows()));
        for (p, totals) in per_point.iter().enumerate() {
            for (k, &v) in totals.iter().enumerate() {
                out[[k, p]] = v;
            }
        }
        Ok(out)
    }
}

/// `total` plus one tree's weighted leaf values at `point`, added leaf by
/// leaf in the stack's order (right child first, as scikit-learn).
fn add_tree(
    tree: &TreePredictor,
    point: &[f64],
    features: &[usize],
    known: &[Bitset],
    mut total: f64,
    stack: &mut Vec<(usize, f64)>,
) -> f64 {
    stack.push((0, 1.0));
    while let Some((id, weight)) = stack.pop() {
        let node = &tree.nodes[id];
        if node.kind == NodeKind::Leaf {
            total += weight * node.value;
            continue;
        }
        let (left, right) = (node.left as usize, node.right as usize);
        match features.iter().position(|&f| f == node.feature as usize) {
            Some(i) => {
                let go_left = tree.goes_left(node, point[i], &known[node.feature as usize]);
                stack.push((if go_left { left } else { right }, weight));
            }
            None => {
                let fraction = f64::from(tree.nodes[left].count) / f64::from(node.count);
                stack.push((left, weight * fraction));
                stack.push((right, weight * (1.0 - fraction)));
            }
        }
    }
    total
}
