//! The fitted trees: one flat array of nodes per tree, walked on the raw
//! feature values (not bin codes), and the parallel prediction of a whole
//! ensemble over row chunks.

use super::split::{Bitset, bitset_contains};
use crate::float::Float;
use crate::parallel::map_row_chunks;
use crate::persistence::check::ensure;
use ndarray::{Array2, ArrayView2};

/// What a node does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum NodeKind {
    Leaf,
    /// `x[feature] <= threshold` goes left.
    Numeric,
    /// A category in the node's bitset goes left; a known category not in
    /// it goes right.
    Categorical,
}

/// One node of a fitted tree.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Node {
    pub kind: NodeKind,
    /// Leaves: the value added to the raw prediction (shrinkage included).
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub value: f64,
    pub feature: u32,
    #[cfg_attr(feature = "serde", serde(with = "crate::persistence::floats::scalar"))]
    pub threshold: f64,
    /// Where missing values (and unknown categories) go.
    pub missing_left: bool,
    pub left: u32,
    pub right: u32,
    /// Categorical nodes: index of the set of raw categories sent left.
    pub bitset: u32,
}

/// A fitted regression tree of the ensemble.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct TreePredictor {
    pub nodes: Vec<Node>,
    /// Sets of raw category values sent left, one per categorical node.
    pub bitsets: Vec<Bitset>,
}

impl TreePredictor {
    /// What [`predict_row`](Self::predict_row) relies on, for a tree read
    /// from a file: a root; split features below `n_features`; both children
    /// of a split after it (so every walk ends) and below the node count; a
    /// categorical split's bitset in `bitsets`.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // only load checks use it
    pub fn check(&self, n_features: usize) -> Result<(), String> {
        let n = self.nodes.len();
        ensure(n >= 1, || "a tree has no nodes".into())?;
        for (id, node) in self.nodes.iter().enumerate() {
            if node.kind == NodeKind::Leaf {
                continue;
            }
            ensure((node.feature as usize) < n_features, || {
                format!(
                    "node {id} splits on feature {}, which must be below n_features = {n_features}",
                    node.feature
                )
            })?;
            for child in [node.left, node.right] {
                ensure(child as usize > id && (child as usize) < n, || {
                    format!("node {id} has child {child}, which must be after it and below the node count {n}")
                })?;
            }
            ensure(
                node.kind != NodeKind::Categorical || (node.bitset as usize) < self.bitsets.len(),
                || format!("node {id} uses category set {}, of {}", node.bitset, self.bitsets.len()),
            )?;
        }
        Ok(())
    }
}

/// A raw category value as a bitset index, or `None` (negative, fractional
/// or too large: an unknown category, treated as missing).
#[inline]
fn category(v: f64) -> Option<usize> {
    ((0.0..256.0).contains(&v) && v.fract() == 0.0).then_some(v as usize)
}

impl TreePredictor {
    /// The value of the leaf `row` falls into. `known` holds each feature's
    /// training categories (empty for numeric features).
    #[inline]
    pub fn predict_row(&self, row: &[f64], known: &[Bitset]) -> f64 {
        let mut node = &self.nodes[0];
        loop {
            let go_left = match node.kind {
                NodeKind::Leaf => return node.value,
                NodeKind::Numeric => {
                    let v = row[node.feature as usize];
                    if v.is_nan() {
                        node.missing_left
                    } else {
                        v <= node.threshold
                    }
                }
                NodeKind::Categorical => {
                    let f = node.feature as usize;
                    match category(row[f]) {
                        Some(c) if bitset_contains(&self.bitsets[node.bitset as usize], c) => true,
                        Some(c) if bitset_contains(&known[f], c) => false,
                        _ => node.missing_left,
                    }
                }
            };
            node = &self.nodes[if go_left { node.left } else { node.right } as usize];
        }
    }
}

/// Rows per chunk of parallel prediction.
pub(crate) const PREDICT_CHUNK: usize = 1024;

/// Rows walked down one tree before the next tree: their walks are
/// independent, so the processor overlaps their memory loads and
/// mispredicted branches, and the tree stays in cache for all of them.
const ROW_BLOCK: usize = 64;

/// The raw predictions (`n_rows × baseline.len()`): the baseline plus every
/// tree's value, summed per row in iteration order (as scikit-learn), in
/// parallel over fixed row chunks.
pub(crate) fn raw_predict<F: Float>(
    trees: &[Vec<TreePredictor>],
    baseline: &[f64],
    known: &[Bitset],
    x: ArrayView2<'_, F>,
) -> Array2<f64> {
    let k = baseline.len();
    let n_features = x.ncols();
    let chunks = map_row_chunks(x, PREDICT_CHUNK, |_, rows| {
        let mut out = Vec::with_capacity(rows.nrows() * k);
        let mut block = vec![0.0; ROW_BLOCK * n_features];
        for rows in rows.axis_chunks_iter(ndarray::Axis(0), ROW_BLOCK) {
            let m = rows.nrows();
            for (dst, r) in block.chunks_mut(n_features).zip(rows.outer_iter()) {
                dst.iter_mut().zip(r.iter()).for_each(|(d, s)| *d = s.as_f64());
            }
            let start = out.len();
            for _ in 0..m {
                out.extend_from_slice(baseline);
            }
            let sums = &mut out[start..];
            for iteration in trees {
                for (c, tree) in iteration.iter().enumerate() {
                    for (row, sum) in block.chunks(n_features).zip(sums.chunks_mut(k)).take(m) {
                        sum[c] += tree.predict_row(row, known);
                    }
                }
            }
        }
        out
    });
    let values: Vec<f64> = chunks.into_iter().flatten().collect();
    Array2::from_shape_vec((x.nrows(), k), values).expect("one row of outputs per input row")
}

/// One tree's values for every row of `x` (the validation rows of early
/// stopping), in parallel over row chunks.
pub(crate) fn predict_tree<F: Float>(tree: &TreePredictor, known: &[Bitset], x: ArrayView2<'_, F>) -> Vec<f64> {
    map_row_chunks(x, PREDICT_CHUNK, |_, rows| {
        let mut row = vec![0.0; rows.ncols()];
        rows.outer_iter()
            .map(|r| {
                row.iter_mut().zip(r.iter()).for_each(|(d, s)| *d = s.as_f64());
                tree.predict_row(&row, known)
            })
            .collect::<Vec<f64>>()
    })
    .into_iter()
    .flatten()
    .collect()
}
