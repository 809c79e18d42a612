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
//! prediction, which builds the layouts, 44-53 ms). Since then most rows
//! descend in streaming lanes, which take a new row when theirs reaches a
//! leaf instead of waiting for a block's deepest row
//! ([`Compact::stream_leaves`]).
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

/// Rows descending a tree together in the last rows' blocks (see the
/// module documentation).
const BLOCK: usize = 12;

/// Rows descending a tree together in streaming lanes
/// ([`Compact::stream_leaves`]): 16 measured faster than 8 or 12.
const LANES: usize = 16;

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
        assert_eq!(rows.len(), leaves.len() * width, "one leaf slot per row");
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
        // `add_values` checked `rows.len() == out.len() * width` and
        // `width >= min_width`: the unchecked reads below rely on both.
        // Streaming lanes for most rows, then blocks for the last ones.
        let done = if out.len() >= 2 * LANES {
            self.stream_leaves::<F, NAN>(rows, width, out)
        } else {
            0
        };
        let (rows, out) = (&rows[done * width..], &mut out[done..]);
        let mut blocks = rows.chunks_exact(BLOCK * width);
        let mut outs = out.chunks_exact_mut(BLOCK);
        for (block, out) in (&mut blocks).zip(&mut outs) {
            // SAFETY: the block holds `BLOCK` rows of `width >= min_width`
            // values (checked in `add_values`).
            let at = unsafe { self.descend::<F, BLOCK, NAN>(block, std::array::from_fn(|r| r * width), [0; BLOCK]) };
            out.copy_from_slice(&at);
        }
        // The last rows one by one.
        for (row, out) in blocks.remainder().chunks_exact(width).zip(outs.into_remainder()) {
            // SAFETY: as for a block, of one row.
            *out = unsafe { self.descend::<F, 1, NAN>(row, [0], [0]) }[0];
        }
    }

    /// The leaves of the first rows of `rows`, `LANES` at a time, each lane
    /// taking the next row as soon as its own is at a leaf; returns how many
    /// rows it did (all but fewer than `2 * LANES`).
    ///
    /// Why: in a block that descends in lockstep every row waits for the
    /// block's deepest, about 1.6 times the mean depth on fully grown trees
    /// (23.4 steps a row against a mean leaf depth of 14.5 on
    /// `forest_target`). Lanes are refilled every 4 steps without a branch,
    /// so a row costs its depth rounded up to a multiple of 4 (16.0 steps
    /// there). Refilling stops while every lane can still take a row (no
    /// test of the end in the loop, no serial chain through it).
    fn stream_leaves<F: Float, const NAN: bool>(&self, rows: &[F], width: usize, out: &mut [u32]) -> usize {
        let nodes = &self.nodes[..];
        let n_rows = out.len();
        debug_assert!(n_rows >= 2 * LANES && rows.len() == n_rows * width);
        let mut at = [0u32; LANES];
        let mut row: [usize; LANES] = std::array::from_fn(|l| l);
        let mut next = LANES;
        while next + LANES <= n_rows {
            let base: [usize; LANES] = std::array::from_fn(|l| row[l] * width);
            // SAFETY: every `row[l] < n_rows`, so its `width >= min_width`
            // values from `base` are in `rows`; `at` is 0 or from `steps`.
            at = unsafe { self.steps::<F, LANES, NAN>(rows, base, at) };
            for l in 0..LANES {
                let a = at[l];
                // SAFETY: `a` is a node (see `steps`); `row[l] < next < n_rows`.
                let leaf = unsafe { nodes.get_unchecked(a as usize) }.left == a;
                unsafe { *out.get_unchecked_mut(row[l]) = a };
                row[l] = if leaf { next } else { row[l] };
                next += leaf as usize;
                at[l] = if leaf { 0 } else { a };
            }
        }
        // The lanes' last rows to their leaves.
        let base: [usize; LANES] = std::array::from_fn(|l| row[l] * width);
        // SAFETY: as in the loop.
        let at = unsafe { self.descend::<F, LANES, NAN>(rows, base, at) };
        for l in 0..LANES {
            out[row[l]] = at[l];
        }
        next
    }

    /// Continues `K` rows (starting at offsets `base` of `rows`, at nodes
    /// `at`) until all are at their leaves.
    ///
    /// # Safety
    /// As [`Compact::steps`].
    #[inline(always)]
    unsafe fn descend<F: Float, const K: usize, const NAN: bool>(
        &self,
        rows: &[F],
        base: [usize; K],
        mut at: [u32; K],
    ) -> [u32; K] {
        let nodes = &self.nodes[..];
        loop {
            // SAFETY: this function's contract.
            at = unsafe { self.steps::<F, K, NAN>(rows, base, at) };
            if at.iter().all(|&a| nodes[a as usize].left == a) {
                return at;
            }
        }
    }

    /// Four steps down the tree for `K` rows at once (a leaf keeps its
    /// rows, so extra steps change nothing).
    ///
    /// # Safety
    /// Every `at` is a node of this tree (0, or a value this function
    /// returned) and every row's `min_width` values from its `base` are in
    /// `rows`: `base[l] + self.min_width <= rows.len()`.
    #[inline(always)]
    unsafe fn steps<F: Float, const K: usize, const NAN: bool>(
        &self,
        rows: &[F],
        base: [usize; K],
        mut at: [u32; K],
    ) -> [u32; K] {
        let nodes = &self.nodes[..];
        for _ in 0..4 {
            for (at, &base) in at.iter_mut().zip(&base) {
                // SAFETY: `at` is 0 or a `left` (+ 1 for an internal node),
                // all below `nodes.len()` by construction (`new`); the
                // feature is below `min_width`, and the row's `min_width`
                // values from `base` are in `rows` (this function's contract).
                // Unchecked: the bounds checks cost 10 % of the descent.
                let n = unsafe { *nodes.get_unchecked(*at as usize) };
                let v = unsafe { *rows.get_unchecked(base + n.feature as usize) }.as_f64();
                // NaN fails `>`: it goes right only when the node says so.
                let right = if NAN {
                    (v > n.threshold) | (v.is_nan() & self.missing_right[*at as usize])
                } else {
                    v > n.threshold
                };
                *at = n.left + right as u32;
            }
        }
        at
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
    /// of a block, and the rows following each other through a streaming
    /// lane, reach their leaves many steps apart: every row gets the leaf of
    /// the plain traversal, with and without the missing-value test.
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
        let all = Array2::from_shape_fn((order.len(), 2), |(r, f)| x[[order[r], f]]);
        // Row counts on either side of the streaming lanes' limits (fewer
        // than 2 * LANES rows: blocks only; then lanes that stop refilling
        // with 0 to LANES - 1 rows left for the blocks).
        for count in [31, 32, 33, 47, 48, 63, 64, 65, 120] {
            let rows = all.slice(ndarray::s![..count, ..]).to_owned();
            let flat = rows.as_slice().unwrap();
            for has_nan in [false, true] {
                let mut leaves = vec![0; rows.nrows()];
                let mut out = vec![0.0; rows.nrows()];
                tree.compact()
                    .add_values(&tree.value, flat, 2, has_nan, &mut leaves, &mut out);
                for (r, row) in rows.outer_iter().enumerate() {
                    let leaf = tree.apply_slice(row.as_slice().unwrap());
                    assert_eq!(out[r], tree.value(leaf)[0], "{count} rows: row {r}");
                }
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
