//! The path recursion of exact path-dependent TreeSHAP (Lundberg, Erion &
//! Lee 2018, "Consistent individualized feature attribution for tree
//! ensembles", Algorithm 2), over any tree seen through [`PathTree`].
//!
//! One walk of the whole tree per row: at every node the row's branch (the
//! "hot" child) and the other one (the "cold" child) are both followed,
//! carrying the path of distinct split features met so far with, per
//! feature, the fraction of the paths through it that a row outside the
//! coalition follows (`zero_fraction`: the child's share of the cover) and
//! that the explained row follows (`one_fraction`: 1 on the hot side, 0 on
//! the cold one). `pweight` holds the permutation weights of the path's
//! subsets by size; EXTEND adds a feature to the path in `O(depth)`,
//! UNWIND removes one, and at a leaf each feature's share of the leaf value
//! is the unwound sum of the weights. Cost `O(leaves · depth²)` per row.

/// A tree as TreeSHAP needs it: children, cover, leaf values and the rule
/// that sends a row left. One algorithm serves every tree model through it;
/// only the decision rule differs (missing values, categorical splits).
pub(crate) trait PathTree {
    /// The children `(left, right)` of a split, `None` for a leaf.
    fn children(&self, node: usize) -> Option<(usize, usize)>;
    /// The split feature of a split node.
    fn feature(&self, node: usize) -> usize;
    /// The node's cover: its (weighted) number of training samples.
    fn cover(&self, node: usize) -> f64;
    /// A leaf's values, one per output of the tree.
    fn leaf_values(&self, node: usize) -> &[f64];
    /// Whether `row` goes to the left child of the split `node`.
    fn goes_left(&self, node: usize, row: &[f64]) -> bool;
}

/// One feature on the current path (element 0 is the root's placeholder).
#[derive(Clone, Copy, Debug, Default)]
struct PathElement {
    feature: usize,
    zero_fraction: f64,
    one_fraction: f64,
    pweight: f64,
}

/// Marks the root's placeholder element: no feature.
const NO_FEATURE: usize = usize::MAX;

/// Scratch for the recursion of one row at a time: every level of the
/// recursion copies its parent's path into its own slice of `path`.
pub(crate) struct Scratch {
    path: Vec<PathElement>,
    /// `1 / k` for every `k` up to the path length: the recursion's
    /// divisions by small integers become multiplications.
    recip: Vec<f64>,
}

impl Scratch {
    /// Scratch for trees of depth up to `max_depth`: the path of level `d`
    /// holds `d + 1` elements, so `(D + 2)(D + 3) / 2` in all.
    pub fn new(max_depth: usize) -> Self {
        let d = max_depth + 2;
        Scratch {
            path: vec![PathElement::default(); d * (d + 1) / 2],
            recip: (0..=d).map(|k| if k == 0 { 0.0 } else { 1.0 / k as f64 }).collect(),
        }
    }
}

/// Adds the SHAP values of `row` for `tree` to `phi` (`n_features` rows of
/// `stride` values; the tree's output `j` goes to column `offset + j`).
/// `scratch` must come from [`Scratch::new`] with at least the tree's depth.
pub(crate) fn add_tree_shap<T: PathTree>(
    tree: &T,
    row: &[f64],
    scratch: &mut Scratch,
    phi: &mut [f64],
    stride: usize,
    offset: usize,
) {
    let mut walk = Walk {
        tree,
        row,
        phi,
        stride,
        offset,
        recip: &scratch.recip,
    };
    walk.recurse(&mut scratch.path, 0, 0, 1.0, 1.0, NO_FEATURE);
}

struct Walk<'a, T> {
    tree: &'a T,
    row: &'a [f64],
    phi: &'a mut [f64],
    stride: usize,
    offset: usize,
    recip: &'a [f64],
}

impl<T: PathTree> Walk<'_, T> {
    /// Visits `node`, reached with the parent's path `path[..=depth]`
    /// (`depth` distinct features, after the placeholder) in the first
    /// slots of `path`; this level's path is written right after it.
    fn recurse(
        &mut self,
        path: &mut [PathElement],
        node: usize,
        depth: usize,
        zero_fraction: f64,
        one_fraction: f64,
        feature: usize,
    ) {
        // This level's copy of the path: the parent's stays intact for the
        // sibling that follows. (Its last element is stale; EXTEND sets it.)
        let (parent, rest) = path.split_at_mut(depth + 1);
        rest[..=depth].copy_from_slice(parent);
        let mut depth = depth;
        extend(rest, depth, zero_fraction, one_fraction, feature, self.recip);
        match self.tree.children(node) {
            None => self.leaf(&rest[..=depth], node),
            Some((left, right)) => {
                let (hot, cold) = if self.tree.goes_left(node, self.row) {
                    (left, right)
                } else {
                    (right, left)
                };
                let split = self.tree.feature(node);
                let cover = self.tree.cover(node);
                let hot_zero = self.tree.cover(hot) / cover;
                let cold_zero = self.tree.cover(cold) / cover;
                let (mut incoming_zero, mut incoming_one) = (1.0, 1.0);
                // A feature met before on the path: its earlier element is
                // removed and its fractions carried into the new one.
                if let Some(at) = (1..=depth).find(|&i| rest[i].feature == split) {
                    incoming_zero = rest[at].zero_fraction;
                    incoming_one = rest[at].one_fraction;
                    unwind(rest, depth, at);
                    depth -= 1;
                }
                self.recurse(rest, hot, depth + 1, hot_zero * incoming_zero, incoming_one, split);
                self.recurse(rest, cold, depth + 1, cold_zero * incoming_zero, 0.0, split);
            }
        }
    }

    /// Each path feature's share of the leaf value: `w · (one − zero)`,
    /// where `w` is the path's total permutation weight without the
    /// feature (UNWIND's sum, computed without changing the path).
    ///
    /// `one` is 0 or 1 (the row follows a path or not), which gives two
    /// shortcuts over computing every sum in `O(depth)`. For a feature with
    /// `one = 0` the sum is `n / zero · S` with `S = Σ_i pweight_i / (depth
    /// − i)` shared by all of them, so its share is `−n · S` whatever its
    /// `zero`: one `O(depth)` sum serves every such feature. Only the
    /// features with `one = 1` (the row's side at every split on them, few
    /// on most paths) pay `O(depth)` each, where `shap`'s C++ pays
    /// `O(depth)` for every feature of the path.
    fn leaf(&mut self, path: &[PathElement], node: usize) {
        let depth = path.len() - 1;
        let values = self.tree.leaf_values(node);
        let n = (depth + 1) as f64;
        let mut shared = 0.0;
        for (i, el) in path[..depth].iter().enumerate() {
            shared += el.pweight * self.recip[depth - i];
        }
        let cold_share = -n * shared;
        for el in &path[1..] {
            debug_assert!(el.one_fraction == 0.0 || el.one_fraction == 1.0);
            let w = if el.one_fraction == 0.0 {
                // A child of zero cover is never followed: no share.
                if el.zero_fraction == 0.0 { 0.0 } else { cold_share }
            } else {
                hot_unwound_sum(path, depth, el.zero_fraction, self.recip) * (el.one_fraction - el.zero_fraction)
            };
            if w == 0.0 {
                continue;
            }
            let at = el.feature * self.stride + self.offset;
            for (p, v) in self.phi[at..at + values.len()].iter_mut().zip(values) {
                *p += w * v;
            }
        }
    }
}

/// EXTEND: adds the element `(feature, zero_fraction, one_fraction)` at
/// `path[depth]`, updating the permutation weights of every subset size.
fn extend(
    path: &mut [PathElement],
    depth: usize,
    zero_fraction: f64,
    one_fraction: f64,
    feature: usize,
    recip: &[f64],
) {
    path[depth] = PathElement {
        feature,
        zero_fraction,
        one_fraction,
        pweight: if depth == 0 { 1.0 } else { 0.0 },
    };
    let inv_n = recip[depth + 1];
    for i in (0..depth).rev() {
        path[i + 1].pweight += one_fraction * path[i].pweight * (i + 1) as f64 * inv_n;
        path[i].pweight = zero_fraction * path[i].pweight * (depth - i) as f64 * inv_n;
    }
}

/// UNWIND: removes `path[at]`, undoing its [`extend`].
fn unwind(path: &mut [PathElement], depth: usize, at: usize) {
    let one = path[at].one_fraction;
    let zero = path[at].zero_fraction;
    let n = (depth + 1) as f64;
    let mut next_one_portion = path[depth].pweight;
    for i in (0..depth).rev() {
        if one != 0.0 {
            let tmp = path[i].pweight;
            path[i].pweight = next_one_portion * n / ((i + 1) as f64 * one);
            next_one_portion = tmp - path[i].pweight * zero * (depth - i) as f64 / n;
        } else {
            path[i].pweight = path[i].pweight * n / (zero * (depth - i) as f64);
        }
    }
    for i in at..depth {
        path[i].feature = path[i + 1].feature;
        path[i].zero_fraction = path[i + 1].zero_fraction;
        path[i].one_fraction = path[i + 1].one_fraction;
    }
}

/// The total permutation weight the path would have without an element
/// of `one_fraction = 1` and `zero_fraction = zero` (UNWIND's sum, leaving
/// the path unchanged).
fn hot_unwound_sum(path: &[PathElement], depth: usize, zero: f64, recip: &[f64]) -> f64 {
    let n = (depth + 1) as f64;
    let zero_over_n = zero * recip[depth + 1];
    let mut next_one_portion = path[depth].pweight;
    let mut total = 0.0;
    for i in (0..depth).rev() {
        let tmp = next_one_portion * n * recip[i + 1];
        total += tmp;
        next_one_portion = path[i].pweight - tmp * zero_over_n * (depth - i) as f64;
    }
    total
}

/// The tree's expected value per output: the leaves' values weighted by
/// their share of the root's cover (the mean prediction over the training
/// samples), added to `out`.
pub(crate) fn add_expected_value<T: PathTree>(tree: &T, out: &mut [f64]) {
    let root = tree.cover(0);
    let mut stack = vec![0usize];
    while let Some(node) = stack.pop() {
        match tree.children(node) {
            Some((l, r)) => {
                stack.push(r);
                stack.push(l);
            }
            None => {
                let share = tree.cover(node) / root;
                out.iter_mut()
                    .zip(tree.leaf_values(node))
                    .for_each(|(o, v)| *o += share * v);
            }
        }
    }
}

/// The depth of the tree: the longest root-to-leaf path.
pub(crate) fn depth<T: PathTree>(tree: &T) -> usize {
    let mut best = 0;
    let mut stack = vec![(0usize, 0usize)];
    while let Some((node, d)) = stack.pop() {
        best = best.max(d);
        if let Some((l, r)) = tree.children(node) {
            stack.push((l, d + 1));
            stack.push((r, d + 1));
        }
    }
    best
}
