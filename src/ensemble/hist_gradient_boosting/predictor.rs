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
    /// The number of training rows that reached the node (scikit-learn's
    /// `count`), which partial dependence's recursion weighs the children
    /// by and TreeSHAP takes as the node's cover. Saved since format
    /// version 2 (files of version 1 are rejected).
    pub count: u32,
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
            if node.kind == NodeKind::Leaf {
                return node.value;
            }
            let f = node.feature as usize;
            let go_left = self.goes_left(node, row[f], &known[f]);
            node = &self.nodes[if go_left { node.left } else { node.right } as usize];
        }
    }

    /// Whether the value `v` of a split node's feature goes to its left
    /// child (`known`: that feature's training categories, empty for a
    /// numeric feature).
    #[inline]
    pub fn goes_left(&self, node: &Node, v: f64, known: &Bitset) -> bool {
        match node.kind {
            NodeKind::Categorical => match category(v) {
                Some(c) if bitset_contains(&self.bitsets[node.bitset as usize], c) => true,
                Some(c) if bitset_contains(known, c) => false,
                _ => node.missing_left,
            },
            _ if v.is_nan() => node.missing_left,
            _ => v <= node.threshold,
        }
    }
}

/// Rows per chunk of parallel prediction.
pub(crate) const PREDICT_CHUNK: usize = 1024;

/// Rows converted to `f64` together, then walked down one tree after
/// another: the tree stays in cache for all of them.
const ROW_BLOCK: usize = 64;

/// Rows descending one tree in lockstep (see [`FastTree`]).
const LANES: usize = 8;

/// Flags in [`FastNode::left`]'s high bits (a tree has fewer than `2^30`
/// nodes: `new` checks): a categorical split, a numeric split whose missing
/// values go right; the rest is the left child.
const CATEGORICAL: u32 = 1 << 31;
const MISSING_RIGHT: u32 = 1 << 30;
const CHILD: u32 = MISSING_RIGHT - 1;

/// One node of a [`FastTree`]: 16 bytes, the right child beside the left.
/// A leaf has threshold `+∞` and itself as left child, without flags
/// (every row stays on it); a categorical node has, in `threshold`'s bits,
/// the index of its set of categories that go right.
#[derive(Clone, Copy, Debug)]
struct FastNode {
    threshold: f64,
    feature: u32,
    left: u32,
}

/// A [`TreePredictor`] in prediction layout, derived from it (not saved):
/// nodes depth-first with a node's children adjacent, so that the next node
/// is `left + goes_right` (no branch on the split's outcome), and blocks of
/// rows descend together, their independent chains of loads overlapping.
/// Every row reaches the leaf [`TreePredictor::predict_row`] finds (tested
/// on random trees and rows, with missing values, unknown categories and
/// values equal to thresholds).
#[derive(Clone, Debug)]
pub(crate) struct FastTree {
    nodes: Vec<FastNode>,
    /// The leaf values, per node (0 on splits).
    values: Vec<f64>,
    /// Per categorical node, the category codes (see [`category_code`]) that
    /// go right: those known in training but not sent left, and, if missing
    /// values go right, the unknown ones and [`UNKNOWN`] (so one lookup
    /// replaces the tests of `predict_row`).
    right_sets: Vec<CodeSet>,
    has_categorical: bool,
    /// One more than the largest split feature: rows need at least this many values.
    min_width: usize,
}

impl FastTree {
    /// Lays `tree` out; `known` holds each feature's training categories.
    pub fn new(tree: &TreePredictor, known: &[Bitset]) -> Self {
        let n = tree.nodes.len();
        // Unreachable in practice: 2^30 nodes take 48 GiB in a `TreePredictor`.
        assert!(n < CHILD as usize, "a tree of {n} nodes is too large to predict with");
        // Slots handed out two at a time (a node's children) in depth-first
        // order, left subtree first: a subtree's pairs are contiguous.
        let mut slot = vec![0u32; n];
        let mut order = Vec::with_capacity(n);
        order.push(0usize);
        let mut stack = vec![0usize];
        while let Some(id) = stack.pop() {
            let node = &tree.nodes[id];
            if node.kind != NodeKind::Leaf {
                let (l, r) = (node.left as usize, node.right as usize);
                (slot[l], slot[r]) = (order.len() as u32, order.len() as u32 + 1);
                order.push(l);
                order.push(r);
                stack.push(r);
                stack.push(l);
            }
        }
        let mut fast = FastTree {
            nodes: Vec::with_capacity(order.len()),
            values: Vec::with_capacity(order.len()),
            right_sets: Vec::new(),
            has_categorical: false,
            min_width: 1,
        };
        for (id, &old) in order.iter().enumerate() {
            let node = &tree.nodes[old];
            let (threshold, feature, left) = match node.kind {
                NodeKind::Leaf => (f64::INFINITY, 0, id as u32),
                NodeKind::Numeric => {
                    let missing = if node.missing_left { 0 } else { MISSING_RIGHT };
                    (node.threshold, node.feature, slot[node.left as usize] | missing)
                }
                NodeKind::Categorical => {
                    let (sent_left, f) = (&tree.bitsets[node.bitset as usize], node.feature as usize);
                    let mut right: CodeSet = [0; 9];
                    for c in 0..=UNKNOWN as usize {
                        // As `predict_row`: a category sent left goes left,
                        // another known one right, the rest where missing
                        // values go.
                        let goes_right =
                            !bitset_contains(sent_left, c) && (bitset_contains(&known[f], c) || !node.missing_left);
                        right[c / 32] |= (goes_right as u32) << (c % 32);
                    }
                    fast.right_sets.push(right);
                    fast.has_categorical = true;
                    let set = f64::from_bits(fast.right_sets.len() as u64 - 1);
                    (set, node.feature, slot[node.left as usize] | CATEGORICAL)
                }
            };
            if node.kind != NodeKind::Leaf {
                fast.min_width = fast.min_width.max(node.feature as usize + 1);
            }
            fast.nodes.push(FastNode {
                threshold,
                feature,
                left,
            });
            fast.values
                .push(if node.kind == NodeKind::Leaf { node.value } else { 0.0 });
        }
        fast
    }

    /// Adds the tree's value for each row of `rows` (row-major, `width`
    /// values each, every split feature below `width`) to `sums[r * k]`.
    fn add_values(&self, rows: &[f64], codes: &[u16], width: usize, has_nan: bool, sums: &mut [f64], k: usize) {
        // The descent reads features without bounds checks: a row must hold
        // every split feature (callers check the feature count first).
        assert!(
            width >= self.min_width,
            "rows of {width} values for a tree on {} features",
            self.min_width
        );
        match (has_nan, self.has_categorical) {
            (false, false) => self.add::<false, false>(rows, codes, width, sums, k),
            (true, false) => self.add::<true, false>(rows, codes, width, sums, k),
            (false, true) => self.add::<false, true>(rows, codes, width, sums, k),
            (true, true) => self.add::<true, true>(rows, codes, width, sums, k),
        }
    }

    /// Rows stream through [`LANES`] lanes: each lane walks one row down
    /// the tree, and on reaching a leaf adds its value and takes the next
    /// row, so that no lane idles while another row finishes a deeper path
    /// (the trees' leaves sit at very different depths). The last rows
    /// finish together.
    #[inline(always)]
    fn add<const NAN: bool, const CAT: bool>(
        &self,
        rows: &[f64],
        codes: &[u16],
        width: usize,
        sums: &mut [f64],
        k: usize,
    ) {
        let n = rows.len() / width;
        let nodes = &self.nodes[..];
        if n < LANES {
            for r in 0..n {
                let leaf = self.finish::<1, NAN, CAT>([0], [r * width], rows, codes)[0];
                sums[r * k] += self.values[leaf as usize];
            }
            return;
        }
        let mut at = [0u32; LANES];
        let mut row: [usize; LANES] = std::array::from_fn(|l| l);
        let mut base: [usize; LANES] = std::array::from_fn(|l| l * width);
        let mut next = LANES;
        while next < n {
            for l in 0..LANES {
                // SAFETY: `at[l]` is 0 or a child (`left & CHILD`, + 1 for a
                // split), all below `nodes.len()` by construction (`new`).
                let node = unsafe { *nodes.get_unchecked(at[l] as usize) };
                if node.left == at[l] {
                    // A leaf: its row is done.
                    if next < n {
                        // SAFETY: `at[l]` is below `nodes.len() == values.len()`.
                        sums[row[l] * k] += unsafe { *self.values.get_unchecked(at[l] as usize) };
                        (at[l], row[l], base[l]) = (0, next, next * width);
                        next += 1;
                    }
                } else {
                    at[l] = (node.left & CHILD) + self.goes_right::<NAN, CAT>(node, rows, codes, base[l]) as u32;
                }
            }
        }
        for (leaf, row) in self
            .finish::<LANES, NAN, CAT>(at, base, rows, codes)
            .into_iter()
            .zip(row)
        {
            sums[row * k] += self.values[leaf as usize];
        }
    }

    /// Whether the row at `base` in `rows` (and `codes`) goes right at
    /// `node`, a split.
    #[inline(always)]
    fn goes_right<const NAN: bool, const CAT: bool>(
        &self,
        node: FastNode,
        rows: &[f64],
        codes: &[u16],
        base: usize,
    ) -> bool {
        let f = base + node.feature as usize;
        debug_assert!(f < rows.len() && (!CAT || f < codes.len()));
        if CAT && node.left & CATEGORICAL != 0 {
            // SAFETY: `base` starts a row of `rows` and `codes` (which hold
            // as many values) and the feature is below `min_width <= width`
            // (checked in `add_values`).
            let c = unsafe { *codes.get_unchecked(f) } as usize;
            // SAFETY: `new` stores indices of `right_sets` in categorical
            // nodes' thresholds.
            let set = unsafe { self.right_sets.get_unchecked(node.threshold.to_bits() as usize) };
            set[c / 32] >> (c % 32) & 1 == 1
        } else {
            // SAFETY: as above.
            let v = unsafe { *rows.get_unchecked(f) };
            if NAN {
                // NaN fails `>`: it goes right only when the node says so.
                (v > node.threshold) | (v.is_nan() & (node.left & MISSING_RIGHT != 0))
            } else {
                v > node.threshold
            }
        }
    }

    /// The leaves of `K` rows (starting at `base` in `rows`) from the nodes
    /// `at`, descending together one level per step.
    #[inline(always)]
    fn finish<const K: usize, const NAN: bool, const CAT: bool>(
        &self,
        mut at: [u32; K],
        base: [usize; K],
        rows: &[f64],
        codes: &[u16],
    ) -> [u32; K] {
        let nodes = &self.nodes[..];
        loop {
            if at.iter().all(|&a| nodes[a as usize].left == a) {
                return at;
            }
            for (at, &base) in at.iter_mut().zip(&base) {
                // SAFETY: as in `add`.
                let node = unsafe { *nodes.get_unchecked(*at as usize) };
                if node.left != *at {
                    *at = (node.left & CHILD) + self.goes_right::<NAN, CAT>(node, rows, codes, base) as u32;
                }
            }
        }
    }
}

/// A set of category codes, `0..=UNKNOWN`.
type CodeSet = [u32; 9];

/// The code of values that are not a category (missing, negative,
/// fractional, too large): [`category`] gives `None`.
const UNKNOWN: u16 = 256;

/// A raw value's category code: [`category`], or [`UNKNOWN`].
#[inline]
fn category_code(v: f64) -> u16 {
    category(v).map_or(UNKNOWN, |c| c as u16)
}

/// The prediction layout of a whole ensemble.
#[derive(Clone, Debug)]
pub(crate) struct FastEnsemble {
    trees: Vec<Vec<FastTree>>,
    /// The features some categorical split reads (their codes are computed
    /// once per block of rows, not at every split).
    categorical: Vec<usize>,
    /// The features some numeric split reads: only their missing values
    /// call for the descent that tests for them.
    numeric: Vec<usize>,
}

/// The [`FastTree`]s of an ensemble, built on first prediction and kept
/// beside it (not saved, not compared: they are derived from the trees).
#[derive(Default)]
pub(crate) struct FastCache(std::sync::OnceLock<FastEnsemble>);

impl FastCache {
    pub fn get_or_build(&self, trees: &[Vec<TreePredictor>], known: &[Bitset]) -> &FastEnsemble {
        self.0.get_or_init(|| {
            let features = |kind: NodeKind| {
                let mut features: Vec<usize> = trees
                    .iter()
                    .flatten()
                    .flat_map(|t| t.nodes.iter())
                    .filter(|n| n.kind == kind)
                    .map(|n| n.feature as usize)
                    .collect();
                features.sort_unstable();
                features.dedup();
                features
            };
            FastEnsemble {
                trees: trees
                    .iter()
                    .map(|iteration| iteration.iter().map(|t| FastTree::new(t, known)).collect())
                    .collect(),
                categorical: features(NodeKind::Categorical),
                numeric: features(NodeKind::Numeric),
            }
        })
    }
}

impl Clone for FastCache {
    fn clone(&self) -> Self {
        FastCache(self.0.clone())
    }
}

impl PartialEq for FastCache {
    /// Derived from the trees: equal trees have equal layouts.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for FastCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FastCache")
    }
}

/// The raw predictions (`n_rows × baseline.len()`): the baseline plus every
/// tree's value, summed per row in iteration order (as scikit-learn), in
/// parallel over fixed row chunks.
pub(crate) fn raw_predict<F: Float>(fast: &FastEnsemble, baseline: &[f64], x: ArrayView2<'_, F>) -> Array2<f64> {
    let k = baseline.len();
    let n_features = x.ncols();
    let chunks = map_row_chunks(x, PREDICT_CHUNK, |_, rows| {
        let mut out = Vec::with_capacity(rows.nrows() * k);
        let mut block = vec![0.0; ROW_BLOCK * n_features];
        let mut codes = vec![
            0u16;
            if fast.categorical.is_empty() {
                0
            } else {
                ROW_BLOCK * n_features
            }
        ];
        for rows in rows.axis_chunks_iter(ndarray::Axis(0), ROW_BLOCK) {
            let m = rows.nrows();
            for (dst, r) in block.chunks_mut(n_features).zip(rows.outer_iter()) {
                dst.iter_mut().zip(r.iter()).for_each(|(d, s)| *d = s.as_f64());
            }
            let block = &block[..m * n_features];
            let has_nan = block
                .chunks(n_features)
                .any(|row| fast.numeric.iter().any(|&f| row[f].is_nan()));
            if !codes.is_empty() {
                for (dst, row) in codes.chunks_mut(n_features).zip(block.chunks(n_features)) {
                    for &f in &fast.categorical {
                        dst[f] = category_code(row[f]);
                    }
                }
            }
            let start = out.len();
            for _ in 0..m {
                out.extend_from_slice(baseline);
            }
            let sums = &mut out[start..];
            for iteration in &fast.trees {
                for (c, tree) in iteration.iter().enumerate() {
                    tree.add_values(block, &codes, n_features, has_nan, &mut sums[c..], k);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ensemble::hist_gradient_boosting::split::bitset_insert;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    /// Values that hit the thresholds exactly, categories known and unknown,
    /// fractional, negative, too large, `-0.0` and `NaN`.
    const VALUES: [f64; 12] = [-1.0, -0.0, 0.0, 0.5, 1.0, 2.0, 2.5, 3.0, 7.0, 255.0, 300.0, f64::NAN];

    /// A random tree of up to `splits` splits on `width` features, numeric
    /// and categorical splits mixed (on any feature), its nodes in the
    /// order `check` accepts.
    fn random_tree(rng: &mut StdRng, splits: usize, width: usize) -> TreePredictor {
        let leaf = |rng: &mut StdRng| Node {
            kind: NodeKind::Leaf,
            value: rng.random_range(-1.0..1.0),
            feature: 0,
            threshold: 0.0,
            missing_left: false,
            left: 0,
            right: 0,
            bitset: 0,
            count: 0,
        };
        let mut tree = TreePredictor {
            nodes: vec![leaf(rng)],
            bitsets: Vec::new(),
        };
        let mut open = vec![0usize];
        for _ in 0..splits {
            // Split a random leaf: deep and shallow paths mixed.
            let id = open.swap_remove(rng.random_range(0..open.len()));
            let (left, right) = (tree.nodes.len() as u32, tree.nodes.len() as u32 + 1);
            let node = Node {
                kind: if rng.random_bool(0.3) {
                    NodeKind::Categorical
                } else {
                    NodeKind::Numeric
                },
                value: 0.0,
                feature: rng.random_range(0..width as u32),
                threshold: VALUES[rng.random_range(0..VALUES.len() - 1)],
                missing_left: rng.random_bool(0.5),
                left,
                right,
                bitset: tree.bitsets.len() as u32,
                count: 0,
            };
            if node.kind == NodeKind::Categorical {
                let mut set = Bitset::default();
                for c in [0, 1, 2, 3, 7, 255] {
                    if rng.random_bool(0.4) {
                        bitset_insert(&mut set, c);
                    }
                }
                tree.bitsets.push(set);
            }
            tree.nodes[id] = node;
            tree.nodes.push(leaf(rng));
            tree.nodes.push(leaf(rng));
            open.extend([left as usize, right as usize]);
        }
        tree.check(width).expect("a valid tree");
        tree
    }

    /// The fast layout gives every row the sum of `predict_row`'s values,
    /// bit for bit: random trees (numeric and categorical splits, missing
    /// values either way) and random rows (values at thresholds, NaN,
    /// unknown and non-integer categories), one and several outputs, fewer
    /// rows than the lanes and several chunks, with and without NaN.
    #[test]
    fn fast_layout_sums_the_values_of_the_plain_walk() {
        let mut rng = StdRng::seed_from_u64(0);
        let width = 6;
        for (k, n_rows, nan) in [
            (1, 1100, true),
            (1, 1100, false),
            (3, 200, true),
            (1, 5, true),
            (2, 70, false),
        ] {
            let mut known = vec![Bitset::default(); width];
            for set in known.iter_mut().take(4) {
                for c in [0, 1, 2, 3, 255] {
                    if rng.random_bool(0.6) {
                        bitset_insert(set, c);
                    }
                }
            }
            let trees: Vec<Vec<TreePredictor>> = (0..12)
                .map(|i| {
                    (0..k)
                        .map(|_| random_tree(&mut rng, [0, 1, 5, 40][i % 4], width))
                        .collect()
                })
                .collect();
            let baseline: Vec<f64> = (0..k).map(|c| c as f64 * 0.25 - 0.1).collect();
            let pool = if nan { &VALUES[..] } else { &VALUES[..VALUES.len() - 1] };
            let x = Array2::from_shape_fn((n_rows, width), |_| pool[rng.random_range(0..pool.len())]);
            let cache = FastCache::default();
            let raw = raw_predict(cache.get_or_build(&trees, &known), &baseline, x.view());
            for (r, row) in x.outer_iter().enumerate() {
                let row = row.to_vec();
                for c in 0..k {
                    let mut sum = baseline[c];
                    for iteration in &trees {
                        sum += iteration[c].predict_row(&row, &known);
                    }
                    assert_eq!(raw[[r, c]].to_bits(), sum.to_bits(), "row {r} output {c}: {row:?}");
                }
            }
            // f32 rows go through the same conversion.
            let x32 = x.mapv(|v| v as f32);
            let raw32 = raw_predict(cache.get_or_build(&trees, &known), &baseline, x32.view());
            assert_eq!(raw32, raw);
        }
    }
}
