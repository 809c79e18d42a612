//! The `recursion` method of partial dependence on CART regression trees
//! (Friedman's weighted traversal, scikit-learn's
//! `Tree.compute_partial_dependence`); see
//! [`partial_dependence`](crate::inspection::partial_dependence).

use super::tree::{LEAF, Tree};
use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;

/// The partial dependence of the mean of regression `trees` (one tree: a
/// decision tree; several: a forest) at every row of `grid` (one column
/// per target feature, `features` their columns in the training data), as
/// `1 × n_points`: the first output's values.
///
/// At a split on a target feature the point goes the side prediction
/// sends it (`NaN` where the node says); at any other split both children
/// are visited, weighted by their share of the node's (weighted) training
/// samples. Summed as scikit-learn: per point, tree after tree into one
/// total, each tree's leaves in its stack's order (right child first),
/// then divided by the number of trees. Parallel over the points.
pub(crate) fn partial_dependence(trees: &[&Tree], grid: ArrayView2<'_, f64>, features: &[usize]) -> Array2<f64> {
    let points: Vec<f64> = (0..grid.nrows())
        .into_par_iter()
        .map(|p| {
            let point = grid.row(p);
            let mut total = 0.0;
            let mut stack: Vec<(usize, f64)> = Vec::new();
            for tree in trees {
                stack.push((0, 1.0));
                while let Some((id, weight)) = stack.pop() {
                    let node = &tree.nodes[id];
                    if node.left == LEAF {
                        total += weight * tree.value(id)[0];
                        continue;
                    }
                    let (left, right) = (node.left as usize, node.right as usize);
                    match features.iter().position(|&f| f == node.feature as usize) {
                        Some(i) => {
                            let v = point[i];
                            let go_left = v <= node.threshold || (node.missing_left && v.is_nan());
                            stack.push((if go_left { left } else { right }, weight));
                        }
                        None => {
                            let fraction = tree.weighted_n_node_samples[left] / tree.weighted_n_node_samples[id];
                            stack.push((left, weight * fraction));
                            stack.push((right, weight * (1.0 - fraction)));
                        }
                    }
                }
            }
            total / trees.len() as f64
        })
        .collect();
    let n = points.len();
    Array2::from_shape_vec((1, n), points).expect("one row of n_points values")
}
