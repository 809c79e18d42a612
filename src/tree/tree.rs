//! [`Tree`]: a fitted tree stored as flat arrays, and its traversal.

use super::compact::{Compact, CompactCache};
use crate::float::Float;
use crate::parallel::map_row_chunks;
use ndarray::{Array2, ArrayView1, ArrayView2};

/// Marks a leaf in [`Tree`]'s child arrays.
pub(crate) const LEAF: u32 = u32::MAX;

/// Rows per chunk for parallel prediction (fixed, so results do not depend on
/// the number of threads).
pub(crate) const PREDICT_CHUNK: usize = 1024;

/// One node's split, kept together so that a traversal touches one cache
/// line per node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Node {
    pub threshold: f64,
    pub feature: u32,
    pub left: u32,
    pub right: u32,
    /// Where a missing value (`NaN`) goes.
    pub missing_left: bool,
}

impl Node {
    /// Whether `row` goes to the left child of this split: `x <= threshold`,
    /// and a missing value where the node says.
    #[inline]
    pub(crate) fn goes_left<F: Float>(&self, row: &[F]) -> bool {
        let v = row[self.feature as usize].as_f64();
        // NaN fails every comparison, so only it can take the second test.
        v <= self.threshold || (self.missing_left && v.is_nan())
    }
}

/// A fitted binary tree as flat arrays, one entry per node (node 0 is the
/// root): the split `feature` and real `threshold` (a row goes left when its
/// value is `<= threshold`; a missing value goes where `missing_go_to_left`
/// says) with the children (`LEAF` for a leaf), and per node
/// its impurity, sample counts and `n_outputs` values (class fractions for a
/// classifier, the mean target for a regressor) at offset `node · n_outputs`
/// of `value`.
///
/// Thresholds are real values, so prediction works on raw features.
///
/// Saved (with the `serde` feature) as flat arrays, one per attribute, and
/// checked when read back (see [`persistence`](crate::persistence)): a tree whose children,
/// features or arrays disagree is an error, never a tree that panics.
#[derive(Clone, Debug, PartialEq)]
pub struct Tree {
    pub(crate) n_features: usize,
    pub(crate) n_outputs: usize,
    pub(crate) nodes: Vec<Node>,
    pub(crate) impurity: Vec<f64>,
    pub(crate) n_node_samples: Vec<u64>,
    pub(crate) weighted_n_node_samples: Vec<f64>,
    pub(crate) value: Vec<f64>,
    /// The prediction layout, built on first use (not saved).
    pub(crate) compact: CompactCache,
}

impl Tree {
    pub(crate) fn new(n_features: usize, n_outputs: usize) -> Self {
        Tree {
            n_features,
            n_outputs,
            nodes: Vec::new(),
            impurity: Vec::new(),
            n_node_samples: Vec::new(),
            weighted_n_node_samples: Vec::new(),
            value: Vec::new(),
            compact: CompactCache::default(),
        }
    }

    /// Adds a leaf and returns its index.
    pub(crate) fn add_leaf(&mut self, impurity: f64, n: u64, weight: f64, value: &[f64]) -> u32 {
        debug_assert_eq!(value.len(), self.n_outputs);
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            threshold: 0.0,
            feature: 0,
            left: LEAF,
            right: LEAF,
            missing_left: false,
        });
        self.impurity.push(impurity);
        self.n_node_samples.push(n);
        self.weighted_n_node_samples.push(weight);
        self.value.extend_from_slice(value);
        id
    }

    /// Number of nodes (`node_count`).
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
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Whether `node` is a leaf.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert!(!model.tree().is_leaf(0) && model.tree().is_leaf(1));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn is_leaf(&self, node: usize) -> bool {
        self.nodes[node].left == LEAF
    }

    /// The split feature of an internal node (meaningless for a leaf).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[5.0, 0.0], [5.0, 1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.tree().feature(0), 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature(&self, node: usize) -> usize {
        self.nodes[node].feature as usize
    }

    /// The threshold of an internal node: rows with `x[feature] <= threshold` go left.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.tree().threshold(0), 0.5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn threshold(&self, node: usize) -> f64 {
        self.nodes[node].threshold
    }

    /// The children `(left, right)` of an internal node, `None` for a leaf.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.tree().children(0), Some((1, 2)));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn children(&self, node: usize) -> Option<(usize, usize)> {
        (!self.is_leaf(node)).then(|| (self.nodes[node].left as usize, self.nodes[node].right as usize))
    }

    /// Whether a missing value (`NaN`) goes to the left child of an internal
    /// node (`missing_go_to_left`): the side the node's missing training
    /// values went, or, when it had none, the child with more training
    /// samples (the right one on a tie), as scikit-learn.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let x = array![[0.0], [1.0], [f64::NAN], [f64::NAN]];
    /// let model = DecisionTreeClassifier::default().fit(x.view(), array![0, 0, 1, 1].view())?;
    /// // Values left (threshold +∞), missing values right.
    /// assert_eq!(model.tree().threshold(0), f64::INFINITY);
    /// assert!(!model.tree().missing_go_to_left(0));
    /// assert_eq!(model.predict(array![[f64::NAN], [5.0]].view())?, array![1, 0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn missing_go_to_left(&self, node: usize) -> bool {
        self.nodes[node].missing_left
    }

    /// The node's values: class fractions (classifier) or the mean target (regressor).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.tree().value(0), &[0.5, 0.5]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn value(&self, node: usize) -> &[f64] {
        &self.value[node * self.n_outputs..(node + 1) * self.n_outputs]
    }

    /// The node's impurity (`impurity`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.tree().impurity(0), 0.5);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn impurity(&self, node: usize) -> f64 {
        self.impurity[node]
    }

    /// Number of training samples that reached the node (`n_node_samples`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0]].view(), array![0, 1].view())?;
    /// assert_eq!(model.tree().n_node_samples(0), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_node_samples(&self, node: usize) -> usize {
        self.n_node_samples[node] as usize
    }

    /// Number of leaves (`n_leaves`).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0], [2.0]].view(), array![0, 1, 0].view())?;
    /// assert_eq!(model.tree().n_leaves(), 3);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_leaves(&self) -> usize {
        self.nodes.iter().filter(|n| n.left == LEAF).count()
    }

    /// Depth of the tree: the longest root-to-leaf path (0 for a single leaf).
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::tree::DecisionTreeClassifier;
    /// use ndarray::array;
    /// let model = DecisionTreeClassifier::default().fit(array![[0.0], [1.0], [2.0]].view(), array![0, 1, 0].view())?;
    /// assert_eq!(model.tree().max_depth(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn max_depth(&self) -> usize {
        let mut depth = vec![0usize; self.node_count()];
        let mut best = 0;
        // Children always come after their parent.
        for node in 0..self.node_count() {
            if let Some((l, r)) = self.children(node) {
                depth[l] = depth[node] + 1;
                depth[r] = depth[node] + 1;
                best = best.max(depth[node] + 1);
            }
        }
        best
    }

    /// The leaf a row falls into.
    #[inline]
    pub(crate) fn apply<F: Float>(&self, row: ArrayView1<'_, F>) -> usize {
        match row.as_slice() {
            Some(values) => self.apply_slice(values),
            None => self.apply_slice(&row.to_vec()),
        }
    }

    /// The leaf a contiguous row falls into.
    #[inline]
    pub(crate) fn apply_slice<F: Float>(&self, row: &[F]) -> usize {
        let mut node = 0usize;
        loop {
            let n = &self.nodes[node];
            if n.left == LEAF {
                return node;
            }
            node = if n.goes_left(row) {
                n.left as usize
            } else {
                n.right as usize
            };
        }
    }

    /// The prediction layout (built on the first call).
    pub(crate) fn compact(&self) -> &Compact {
        self.compact.get_or_build(self)
    }

    /// Whether [`compact`](Self::compact) is built already.
    pub(crate) fn has_compact(&self) -> bool {
        self.compact.is_built()
    }

    /// The un-normalised impurity decrease of every feature: for each split,
    /// `w_node · imp_node − w_left · imp_left − w_right · imp_right`.
    pub(crate) fn impurity_decrease(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.n_features];
        for node in 0..self.node_count() {
            if let Some((l, r)) = self.children(node) {
                let w = &self.weighted_n_node_samples;
                out[self.nodes[node].feature as usize] +=
                    w[node] * self.impurity[node] - w[l] * self.impurity[l] - w[r] * self.impurity[r];
            }
        }
        out
    }

    /// Normalised feature importances (zeros for a single-leaf tree).
    pub(crate) fn feature_importances(&self) -> Vec<f64> {
        let mut imp = self.impurity_decrease();
        let total: f64 = imp.iter().sum();
        if total > 0.0 {
            imp.iter_mut().for_each(|v| *v /= total);
        }
        imp
    }

    /// The values of the leaf of every row, in parallel over fixed row chunks.
    pub(crate) fn predict_values<F: Float>(&self, x: ArrayView2<'_, F>) -> Array2<f64> {
        let k = self.n_outputs;
        let compact = self.compact();
        let chunks = map_row_chunks(x, PREDICT_CHUNK, |_, rows| {
            let mut out = vec![0.0; rows.nrows() * k];
            let rows = rows.as_standard_layout();
            let flat = rows.as_slice().expect("standard layout");
            let has_nan = flat.iter().any(|v| v.is_nan());
            let mut leaves = vec![0u32; rows.nrows()];
            compact.add_values(&self.value, flat, rows.ncols(), has_nan, &mut leaves, &mut out);
            out
        });
        Array2::from_shape_vec((x.nrows(), k), chunks.concat()).expect("one value row per sample")
    }
}
