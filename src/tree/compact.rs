//! The prediction layout of a fitted [`Tree`](super::Tree): 16-byte nodes
//! in depth-first order with the two children of a node adjacent, and
//! leaves that point to themselves, so that several rows can descend one
//! tree in lockstep without a branch on the split's outcome.
//!
//! Why: a forest's prediction is latency-bound. One row descending one tree
//! is a chain of dependent loads with a hard-to-predict branch at every
//! level (about 7 ns a level on the `forest_target` bench). Here the next
//! node is `left + goes_right` (no branch), and [`Compact::add_values`] walks
//! blocks of rows together so their independent chains overlap. Measured on
//! `forest_target` (10,000 rows, 100 trees, one thread, CPU time on a shared
//! machine): 117 ms with the plain traversal, 52 ms with this layout in
//! breadth-first order, 45 ms depth-first (a subtree's nodes sit together,
//! so deep levels share cache lines), 40 ms without bounds checks in the
//! descent, 24-30 ms with blocks of 12 rows instead of 8 (the first
//! prediction, which builds the layouts, 44-53 ms).
//!
//! The layout is derived from the tree (it is not serialised; the leaf
//! values stay in the tree) and gives the same leaf as
//! [`Tree::apply_slice`](super::Tree) for every row.

use super::tree::{LEAF, Tree};
use crate::float::Float;
use std::sync::OnceLock;

/// One node: the split feature, the threshold and the left child (the right
/// child is `left + 1`). A leaf has feature 0, threshold `+∞` and itself as
/// left child: every row stays on it.
#[derive(Clone, Copy, Debug)]
struct CNode {
    threshold: f64,
    feature: u32,
    left: u32,
}

/// Rows descending a tree together (see the module documentation).
const BLOCK: usize = 12;

/// A tree in prediction layout.
#[derive(Clone, Debug)]
pub(crate) struct Compact {
    nodes: Vec<CNode>,
    /// Whether a missing value goes right, per node (read only for rows
    /// with missing values; `false` on leaves, so they keep such rows too).
    missing_right: Vec<bool>,
    /// The index in the [`Tree`] of each node (for its values).
    original: Vec<u32>,
    n_outputs: usize,
    /// One more than the largest split feature: rows need at least this many values.
    min_width: usize,
}

impl Compact {
    /// Lays `tree` out depth-first, each node's two children side by side.
    ///
    /// One pass over the tree: a node is written to its slot when it is
    /// taken off the stack, and its children get the next two slots then,
    /// left subtree first, so a subtree's pairs are contiguous. (This runs
    /// on the first prediction of every tree, inside the timed prediction of
    /// a freshly fitted forest: the former two passes through `slot` and
    /// `order` arrays were a sixth of the instructions of a first
    /// prediction of 10,000 rows on `forest_target`-sized trees; this one
    /// takes 44 % fewer.)
    pub fn new(tree: &Tree) -> Self {
        let n = tree.node_count();
        let leaf = CNode {
            threshold: f64::INFINITY,
            feature: 0,
            left: 0,
        };
        let mut nodes = vec![leaf; n];
        let mut missing_right = vec![false; n];
        let mut original = vec![0u32; n];
        // (node in the tree, its slot here)
        let mut stack = vec![(0usize, 0u32)];
        let mut next = 1u32;
        while let Some((node, id)) = stack.pop() {
            let t = &tree.nodes[node];
            original[id as usize] = node as u32;
            if t.left == LEAF {
                nodes[id as usize].left = id;
            } else {
                nodes[id as usize] = CNode {
                    threshold: t.threshold,
                    feature: t.feature,
                    left: next,
                };
                missing_right[id as usize] = !t.missing_left;
                stack.push((t.right as usize, next + 1));
                stack.push((t.left as usize, next));
                next += 2;
            }
        }
        let min_width = nodes.iter().map(|n| n.feature as usize + 1).max().unwrap_or(1);
        Compact {
            nodes,
            missing_right,
            original,
            n_outputs: tree.n_outputs,
            min_width,
        }
    }

    /// Adds the leaf values of every row of `rows` (row-major, `width`
    /// values each) to `out` (`n_outputs` per row). `leaves` is scratch of
    /// one entry per row.
    ///
    /// `has_nan` says whether any value of `rows` is `NaN` (the caller checks
    /// once for every tree): without, a step skips the missing-value test.
    pub fn add_values<F: Float>(
        &self,
        values: &[f64],
        rows: &[F],
        width: usize,
        has_nan: bool,
        leaves: &mut [u32],
        out: &mut [f64],
    ) {
        // The descent reads features without bounds checks: a row must hold
        // every split feature (callers check the feature count first).
        assert!(
            width >= self.min_width,
            "rows of {width} values for a tree on {} features",
            self.min_width
        );
        if has_nan {
            self.leaves::<F, true>(rows, width, leaves)
        } else {
            self.leaves::<F, false>(rows, width, leaves)
        }
        let k = self.n_outputs;
        for (o, &leaf) in out.chunks_exact_mut(k).zip(leaves.iter()) {
            let at = self.original[leaf as usize] as usize * k;
            let v = &values[at..at + k];
            o.iter_mut().zip(v).for_each(|(o, v)| *o += v);
        }
    }

    // Not inlined: the descent gets a function of its own, whose registers
    // are not shared with the caller's loop (measured: 30 % faster).
    #[inline(never)]
    fn leaves<F: Float, const NAN: bool>(&self, rows: &[F], width: usize, out: &mut [u32]) {
        let mut blocks = rows.chunks_exact(BLOCK * width);
        let mut outs = out.chunks_exact_mut(BLOCK);
        for (block, out) in (&mut blocks).zip(&mut outs) {
            out.copy_from_slice(&self.block_leaves::<F, BLOCK, NAN>(block, width));
        }
        // The last rows one by one.
        for (row, out) in blocks.remainder().chunks_exact(width).zip(outs.into_remainder()) {
            *out = self.block_leaves::<F, 1, NAN>(row, width)[0];
        }
    }

    /// The leaves of `K` rows, descending together one level per step.
    #[inline(always)]
    fn block_leaves<F: Float, const K: usize, const NAN: bool>(&self, rows: &[F], width: usize) -> [u32; K] {
        let nodes = &self.nodes[..];
        let rows = &rows[..K * width];
        let mut at = [0u32; K];
        loop {
            // Four steps between checks: a leaf keeps its rows, so extra
            // steps change nothing.
            for _ in 0..4 {
                for (r, at) in at.iter_mut().enumerate() {
                    // SAFETY: `at` is 0 or a `left` (+ 1 for an internal node),
                    // all below `nodes.len()` by construction (`new`); the
                    // feature is below `min_width <= width` (checked in
                    // `add_values`) and `rows` holds `K * width` values.
                    // Unchecked: the bounds checks cost 10 % of the descent.
                    let n = unsafe { *nodes.get_unchecked(*at as usize) };
                    let v = unsafe { *rows.get_unchecked(r * width + n.feature as usize) }.as_f64();
                    // NaN fails `>`: it goes right only when the node says so.
                    let right = if NAN {
                        (v > n.threshold) | (v.is_nan() & self.missing_right[*at as usize])
                    } else {
                        v > n.threshold
                    };
                    *at = n.left + right as u32;
                }
            }
            if at.iter().all(|&a| nodes[a as usize].left == a) {
                return at;
            }
        }
    }
}

/// A lazily built [`Compact`] layout kept beside a tree: built on the first
/// prediction (not serialised, not compared).
#[derive(Default)]
pub(crate) struct CompactCache(OnceLock<Compact>);

impl CompactCache {
    pub fn get_or_build(&self, tree: &Tree) -> &Compact {
        self.0.get_or_init(|| Compact::new(tree))
    }

    /// Whether the layout is built.
    pub fn is_built(&self) -> bool {
        self.0.get().is_some()
    }
}

impl Clone for CompactCache {
    fn clone(&self) -> Self {
        CompactCache(self.0.clone())
    }
}

impl PartialEq for CompactCache {
    /// A derived layout: equal trees have equal layouts.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for CompactCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CompactCache")
    }
}

#[cfg(all(test, feature = "datasets"))]
mod tests {
    use crate::datasets::load_breast_cancer;
    use crate::traits::Estimator;
    use crate::tree::DecisionTreeRegressor;
    use ndarray::Array2;

    /// Rows at very different depths (a tree that peels about one sample
    /// off per level, at least 30 deep), in shuffled order, so that the rows
    /// of a block reach their leaves many steps apart: every row gets the
    /// leaf of the plain traversal, with and without the missing-value test.
    #[test]
    fn rows_of_very_different_depths_find_their_leaves() {
        let n = 60;
        let x = Array2::from_shape_fn((n, 2), |(i, f)| if f == 0 { i as f64 } else { 0.0 });
        let y = ndarray::Array1::from_shape_fn(n, |i| 2f64.powi(i as i32));
        let model = DecisionTreeRegressor::default()
            .random_state(0)
            .fit(x.view(), y.view())
            .unwrap();
        let tree = model.tree();
        assert!(tree.max_depth() >= 30, "depth {}", tree.max_depth());
        // Rows in a shuffled order (a fixed permutation), then once more.
        let order: Vec<usize> = (0..2 * n).map(|k| (k * 37 + 11) % n).collect();
        let rows = Array2::from_shape_fn((order.len(), 2), |(r, f)| x[[order[r], f]]);
        let flat = rows.as_slice().unwrap();
        for has_nan in [false, true] {
            let mut leaves = vec![0; rows.nrows()];
            let mut out = vec![0.0; rows.nrows()];
            tree.compact()
                .add_values(&tree.value, flat, 2, has_nan, &mut leaves, &mut out);
            for (r, row) in rows.outer_iter().enumerate() {
                let leaf = tree.apply_slice(row.as_slice().unwrap());
                assert_eq!(out[r], tree.value(leaf)[0], "row {r}");
            }
        }
    }

    /// The blocked descent gives every row the leaf of the plain traversal,
    /// with and without missing values, in blocks and in the remainder.
    #[test]
    fn compact_layout_finds_the_leaf_of_the_plain_traversal() {
        let bc = load_breast_cancer();
        let mut x = bc.data.clone();
        // NaN in a tenth of the values of three features, in training and after.
        let n = x.nrows();
        for i in (0..n).step_by(10) {
            x[[i, 0]] = f64::NAN;
            x[[(i + 3) % n, 7]] = f64::NAN;
            x[[(i + 5) % n, 22]] = f64::NAN;
        }
        let y = bc.target.mapv(|c| c as f64);
        let model = DecisionTreeRegressor::default()
            .random_state(0)
            .fit(x.view(), y.view())
            .unwrap();
        let tree = model.tree();
        let compact = tree.compact();
        let mut probe = x.clone();
        let p = probe.ncols();
        for i in (0..n).step_by(7) {
            probe[[i, (i / 7) % p]] = f64::NAN;
        }
        for data in [&bc.data, &x, &probe] {
            // 563 rows: 70 blocks of 8 and 3 left over.
            let rows = data.slice(ndarray::s![..563, ..]).to_owned();
            let flat = rows.as_slice().unwrap();
            let has_nan = flat.iter().any(|v| v.is_nan());
            let mut leaves = vec![0; rows.nrows()];
            let mut out = vec![0.0; rows.nrows()];
            compact.add_values(&tree.value, flat, rows.ncols(), has_nan, &mut leaves, &mut out);
            for (r, row) in rows.outer_iter().enumerate() {
                let leaf = tree.apply_slice(row.as_slice().unwrap());
                assert_eq!(out[r], tree.value(leaf)[0], "row {r}");
            }
            let f32_rows: Array2<f32> = rows.mapv(|v| v as f32);
            let mut out32 = vec![0.0; rows.nrows()];
            compact.add_values(
                &tree.value,
                f32_rows.as_slice().unwrap(),
                rows.ncols(),
                has_nan,
                &mut leaves,
                &mut out32,
            );
            for (r, row) in f32_rows.outer_iter().enumerate() {
                assert_eq!(out32[r], tree.value(tree.apply_slice(row.as_slice().unwrap()))[0]);
            }
        }
    }
}
