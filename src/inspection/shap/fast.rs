//! Fast TreeSHAP v2 (Yang 2021, "Fast TreeSHAP: Accelerating SHAP Value
//! Computation for Trees"): per tree, tables computed once that make each
//! row cost `O(leaves · depth)` instead of the path recursion's
//! `O(leaves · depth²)`, and the same tables give the interaction values.
//!
//! For one leaf of value `v` whose path splits on the distinct features
//! `F` (`m` of them; `z_j` the product of the cover shares of the path's
//! splits on `j`), a row satisfies the splits on some of them, `P ⊆ F`
//! (the others it fails at least once). The leaf's part of the
//! path-dependent game is `f(S) = v · [S ⊆ P] · Π_{j ∈ F∖S} z_j`, so with
//! `w(k, n) = k! (n − k − 1)! / n!` and the table
//! `T_n(Q) = Σ_{S ⊆ Q} w(|S|, n) Π_{j ∈ F∖S} z_j` for every `Q ⊆ F`:
//! - the SHAP value of `i ∉ P` is `−v · T_m(P)`, and of `i ∈ P` it is
//!   `v · (1 − z_i) / z_i · T_m(P ∖ {i})`;
//! - the interaction value of `i ≠ j` (half the difference between the
//!   values of `i` with `j` always present and always absent, as `shap`
//!   defines it) is `v / 2 · r_i · r_j · T_{m−1}(P ∖ {i, j})` with
//!   `r = (1 − z) / z` for a satisfied feature and `r = −1` (and the
//!   feature kept in the set) for a failed one.
//!
//! A table has `2^m` entries per leaf, built in `O(2^m · m)`: a tree gets
//! tables only when they are small enough ([`MAX_TABLE`]) and no split has
//! an empty child (`z = 0`); other trees take the path recursion.

use super::path::PathTree;

/// The most table entries of one tree (8 bytes each, per table): trees of
/// depth up to about 12 fit.
pub(crate) const MAX_TABLE: usize = 1 << 21;

/// The most distinct features on a path that a row's pattern (a `u64`
/// bitmask) holds.
pub(crate) const MAX_SLOTS: usize = 64;

/// What a tree allows: the table entries it would need (`None` when a
/// split has an empty child, whose `z = 0` the tables divide by, or there
/// would be more than [`MAX_TABLE`]) and the most distinct features on one
/// of its paths.
pub(crate) struct Plan {
    pub table: Option<usize>,
    pub max_slots: usize,
}

/// The [`Plan`] of `tree`.
pub(crate) fn plan<T: PathTree>(tree: &T) -> Plan {
    let mut total = Some(0usize);
    let mut max_slots = 0;
    let mut stack = vec![(0usize, Vec::<usize>::new())];
    while let Some((node, features)) = stack.pop() {
        match tree.children(node) {
            None => {
                max_slots = max_slots.max(features.len());
                total = total
                    .and_then(|t| 1usize.checked_shl(features.len() as u32).and_then(|e| t.checked_add(e)))
                    .filter(|&t| t <= MAX_TABLE && features.len() < 32);
            }
            Some((l, r)) => {
                if tree.cover(l) <= 0.0 || tree.cover(r) <= 0.0 {
                    total = None;
                }
                let mut features = features;
                let f = tree.feature(node);
                if !features.contains(&f) {
                    features.push(f);
                }
                stack.push((r, features.clone()));
                stack.push((l, features));
            }
        }
    }
    Plan {
        table: total,
        max_slots,
    }
}

/// [`Node::first`] of a node that is not the first split on its feature.
const NOT_FIRST: u32 = u32::MAX;

/// A node in depth-first order: the left child of a split is the next node.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The node's index in the tree (for its decision rule).
    orig: u32,
    /// A split on a feature met for the first time on its path: the
    /// feature (every leaf below has it among its distinct features);
    /// otherwise [`NOT_FIRST`].
    first: u32,
    /// The right child's position, 0 for a leaf.
    right: u32,
    /// A split: the bit of its feature in the path's pattern; a leaf: its
    /// index in `leaves`.
    slot_or_leaf: u32,
}

/// A leaf: its distinct path features and its tables.
#[derive(Clone, Copy, Debug)]
struct Leaf {
    /// Number of distinct features on the path.
    m: usize,
    /// Start of the leaf's features and ratios in `features` / `ratio`.
    feat: usize,
    /// Start of its tables (`2^m` entries) in `table` / `table2`.
    table: usize,
    /// Start of its values in `values`.
    value: usize,
}

/// The tables of one tree (see the module documentation).
pub(crate) struct FastTree {
    nodes: Vec<Node>,
    leaves: Vec<Leaf>,
    /// Per leaf, its distinct path features in slot order.
    features: Vec<usize>,
    /// Per leaf and slot, `(1 − z) / z`.
    ratio: Vec<f64>,
    /// Per leaf and slot, `z`.
    zero: Vec<f64>,
    /// Per leaf, `T_m(Q)` for every pattern `Q` (empty without tables).
    table: Vec<f64>,
    /// Per leaf, `T_{m−1}(Q)` (with tables, for the interaction values).
    table2: Vec<f64>,
    /// The leaves' values, `n_outputs` each.
    values: Vec<f64>,
    /// The tree's number of outputs (values per leaf).
    n_outputs: usize,
}

/// Per node on the way down: the path's distinct features with their `z`.
struct Builder<'a, T> {
    tree: &'a T,
    fast: FastTree,
    tables: bool,
    interactions: bool,
    path: Vec<(usize, f64)>,
}

impl FastTree {
    /// The walk of `tree` (whose [`plan`] has at most [`MAX_SLOTS`]) with,
    /// when `tables` (the plan allows them), its SHAP table, and its
    /// interaction table when `interactions` too.
    pub fn new<T: PathTree>(tree: &T, tables: bool, interactions: bool) -> Self {
        let mut b = Builder {
            tree,
            fast: FastTree {
                nodes: Vec::new(),
                leaves: Vec::new(),
                features: Vec::new(),
                ratio: Vec::new(),
                zero: Vec::new(),
                table: Vec::new(),
                table2: Vec::new(),
                values: Vec::new(),
                n_outputs: 0,
            },
            tables,
            interactions,
            path: Vec::new(),
        };
        b.visit(0);
        b.fast
    }

    /// Adds the SHAP values of `row` to `phi` (`n_features` rows of
    /// `stride` values; output `k` of the tree goes to column `offset + k`).
    /// The tree must have its tables.
    pub fn add_shap<T: PathTree>(
        &self,
        tree: &T,
        row: &[f64],
        stack: &mut Vec<(u32, u64)>,
        phi: &mut [f64],
        stride: usize,
        offset: usize,
    ) {
        let mut out = Out { phi, stride, offset };
        match self.n_outputs {
            1 => {
                self.visit::<1, T>(tree, row, 0, 0, &mut out);
            }
            2 => {
                self.visit::<2, T>(tree, row, 0, 0, &mut out);
            }
            _ => self.add_shap_any(tree, row, stack, out.phi, stride, offset),
        }
    }

    /// [`add_shap`](Self::add_shap) for `K` outputs, from node `at` on
    /// (reached with the path features of `failed` failed): returns the
    /// subtree's sum of the leaves' shares of a failed feature, `−v · T(P)`.
    ///
    /// Every feature of a leaf's path is given that share at the first
    /// split on it above the leaf (the sum of its subtree, added once),
    /// and the features the row satisfies get the difference to their own
    /// share at the leaf: `O(|P|)` per leaf instead of `O(m)`.
    fn visit<const K: usize, T: PathTree>(
        &self,
        tree: &T,
        row: &[f64],
        at: usize,
        failed: u64,
        out: &mut Out<'_>,
    ) -> [f64; K] {
        let node = self.nodes[at];
        if node.right == 0 {
            let leaf = &self.leaves[node.slot_or_leaf as usize];
            let satisfied = leaf_mask(leaf.m) & !failed;
            let t = &self.table[leaf.table..leaf.table + (1 << leaf.m)];
            let mut v = [0.0; K];
            v.copy_from_slice(&self.values[leaf.value..leaf.value + K]);
            let cold = -t[satisfied as usize];
            let mut bits = satisfied;
            while bits != 0 {
                let s = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let w = self.ratio[leaf.feat + s] * t[(satisfied ^ (1 << s)) as usize] - cold;
                out.add::<K>(self.features[leaf.feat + s], w, &v);
            }
            return v.map(|x| cold * x);
        }
        let (left, right) = (at + 1, node.right as usize);
        let bit = 1u64 << node.slot_or_leaf;
        // The row's side first: the order is fixed, so the sums are.
        let (a, b) = if tree.goes_left(node.orig as usize, row) {
            let a = self.visit::<K, T>(tree, row, left, failed, out);
            (a, self.visit::<K, T>(tree, row, right, failed | bit, out))
        } else {
            let a = self.visit::<K, T>(tree, row, right, failed, out);
            (a, self.visit::<K, T>(tree, row, left, failed | bit, out))
        };
        let mut sum = a;
        for (s, b) in sum.iter_mut().zip(b) {
            *s += b;
        }
        if node.first != NOT_FIRST {
            out.add::<K>(node.first as usize, 1.0, &sum);
        }
        sum
    }

    /// [`add_shap`](Self::add_shap) for any number of outputs: every path
    /// feature of every leaf on its own.
    pub(super) fn add_shap_any<T: PathTree>(
        &self,
        tree: &T,
        row: &[f64],
        stack: &mut Vec<(u32, u64)>,
        phi: &mut [f64],
        stride: usize,
        offset: usize,
    ) {
        self.walk(tree, row, stack, |leaf, satisfied| {
            let t = &self.table[leaf.table..leaf.table + (1 << leaf.m)];
            let values = &self.values[leaf.value..leaf.value + self.n_outputs];
            let cold = -t[satisfied as usize];
            for s in 0..leaf.m {
                let bit = 1u64 << s;
                let w = if satisfied & bit != 0 {
                    self.ratio[leaf.feat + s] * t[(satisfied ^ bit) as usize]
                } else {
                    cold
                };
                add_scaled(phi, self.features[leaf.feat + s] * stride + offset, w, values);
            }
        });
    }

    /// Adds the off-diagonal interaction values of `row` to `phi`
    /// (`n_features × n_features` blocks of `stride` values, output `k` at
    /// column `offset + k`). The diagonal is left to the caller.
    pub fn add_interactions<T: PathTree>(
        &self,
        tree: &T,
        row: &[f64],
        stack: &mut Vec<(u32, u64)>,
        phi: &mut [f64],
        n_features: usize,
        (stride, offset): (usize, usize),
    ) {
        if self.table2.is_empty() {
            self.walk(tree, row, stack, |leaf, satisfied| {
                let values = &self.values[leaf.value..leaf.value + self.n_outputs];
                self.direct_pairs(leaf, satisfied, |i, j, w| {
                    add_scaled(phi, (i * n_features + j) * stride + offset, w, values);
                });
            });
            return;
        }
        self.walk(tree, row, stack, |leaf, satisfied| {
            let t = &self.table2[leaf.table..leaf.table + (1 << leaf.m)];
            let values = &self.values[leaf.value..leaf.value + self.n_outputs];
            for a in 0..leaf.m {
                let bit_a = 1u64 << a;
                let (ra, qa) = if satisfied & bit_a != 0 {
                    (self.ratio[leaf.feat + a], satisfied ^ bit_a)
                } else {
                    (-1.0, satisfied)
                };
                for b in 0..leaf.m {
                    if a == b {
                        continue;
                    }
                    let bit_b = 1u64 << b;
                    let (rb, q) = if satisfied & bit_b != 0 {
                        (self.ratio[leaf.feat + b], qa ^ bit_b)
                    } else {
                        (-1.0, qa)
                    };
                    let w = 0.5 * ra * rb * t[q as usize];
                    let (i, j) = (self.features[leaf.feat + a], self.features[leaf.feat + b]);
                    add_scaled(phi, (i * n_features + j) * stride + offset, w, values);
                }
            }
        });
    }

    /// The interaction weights of one leaf's pairs of features, without
    /// tables (a tree with an empty child or too big for them), in
    /// `O(m³)`: `add(i, j, w)` with `w` to multiply by the leaf's values.
    /// Computed from the definition's products (no division by `z`):
    /// `½ (o_i − z_i)(o_j − z_j) Π_{F∖{i,j}∖Q} z · Σ_k w(k, m − 1) c_k`
    /// with `Q = P ∖ {i, j}` and `c` the coefficients of `Π_{l ∈ Q} (z_l + t)`.
    fn direct_pairs(&self, leaf: &Leaf, satisfied: u64, mut add: impl FnMut(usize, usize, f64)) {
        let m = leaf.m;
        if m < 2 {
            return;
        }
        let weights = shapley_weights(m - 1);
        let z = &self.zero[leaf.feat..leaf.feat + m];
        let has = |s: usize| satisfied >> s & 1 == 1;
        let mut poly = Vec::with_capacity(m + 1);
        let mut quotient = Vec::with_capacity(m + 1);
        for a in 0..m {
            // The polynomial of P ∖ {a}.
            poly.clear();
            poly.push(1.0);
            for (s, &zs) in z.iter().enumerate() {
                if s != a && has(s) {
                    multiply_by_root(&mut poly, zs);
                }
            }
            let fa = if has(a) { 1.0 - z[a] } else { -z[a] };
            for b in (0..m).filter(|&b| b != a) {
                let coefficients = if has(b) {
                    // Synthetic division by (t + z_b), from the top: stable
                    // for 0 ≤ z_b ≤ 1.
                    quotient.clear();
                    quotient.resize(poly.len() - 1, 0.0);
                    let mut carry = 0.0;
                    for (q, p) in quotient.iter_mut().zip(&poly[1..]).rev() {
                        carry = p - z[b] * carry;
                        *q = carry;
                    }
                    &quotient
                } else {
                    &poly
                };
                let fb = if has(b) { 1.0 - z[b] } else { -z[b] };
                let outside: f64 = (0..m).filter(|&s| s != a && s != b && !has(s)).map(|s| z[s]).product();
                let sum: f64 = coefficients.iter().zip(&weights).map(|(c, w)| c * w).sum();
                let (i, j) = (self.features[leaf.feat + a], self.features[leaf.feat + b]);
                add(i, j, 0.5 * fa * fb * outside * sum);
            }
        }
    }

    /// Calls `at_leaf(leaf, satisfied)` for every leaf, `satisfied` the
    /// pattern of its path features whose every split sends `row` its way.
    fn walk<T: PathTree>(
        &self,
        tree: &T,
        row: &[f64],
        stack: &mut Vec<(u32, u64)>,
        mut at_leaf: impl FnMut(&Leaf, u64),
    ) {
        stack.clear();
        stack.push((0, 0));
        while let Some((at, failed)) = stack.pop() {
            let node = self.nodes[at as usize];
            if node.right == 0 {
                let leaf = &self.leaves[node.slot_or_leaf as usize];
                at_leaf(leaf, leaf_mask(leaf.m) & !failed);
                continue;
            }
            let bit = 1u64 << node.slot_or_leaf;
            // The row's side first: the order is fixed, so the sums are.
            if tree.goes_left(node.orig as usize, row) {
                stack.push((node.right, failed | bit));
                stack.push((at + 1, failed));
            } else {
                stack.push((at + 1, failed | bit));
                stack.push((node.right, failed));
            }
        }
    }
}

impl<T: PathTree> Builder<'_, T> {
    /// Numbers `node`'s subtree depth first; `self.path` holds the distinct
    /// features above it with their `z`.
    fn visit(&mut self, node: usize) {
        let at = self.fast.nodes.len();
        self.fast.nodes.push(Node {
            orig: node as u32,
            first: NOT_FIRST,
            right: 0,
            slot_or_leaf: 0,
        });
        match self.tree.children(node) {
            None => {
                self.fast.nodes[at].slot_or_leaf = self.fast.leaves.len() as u32;
                self.add_leaf(node);
            }
            Some((l, r)) => {
                let f = self.tree.feature(node);
                let cover = self.tree.cover(node);
                let (slot, pushed) = match self.path.iter().position(|&(g, _)| g == f) {
                    Some(s) => (s, false),
                    None => {
                        self.path.push((f, 1.0));
                        (self.path.len() - 1, true)
                    }
                };
                self.fast.nodes[at].slot_or_leaf = slot as u32;
                if pushed {
                    self.fast.nodes[at].first = f as u32;
                }
                let z = self.path[slot].1;
                self.path[slot].1 = z * self.tree.cover(l) / cover;
                self.visit(l);
                self.fast.nodes[at].right = self.fast.nodes.len() as u32;
                self.path[slot].1 = z * self.tree.cover(r) / cover;
                self.visit(r);
                self.path[slot].1 = z;
                if pushed {
                    self.path.pop();
                }
            }
        }
    }

    fn add_leaf(&mut self, node: usize) {
        let m = self.path.len();
        let fast = &mut self.fast;
        fast.leaves.push(Leaf {
            m,
            feat: fast.features.len(),
            table: fast.table.len(),
            value: fast.values.len(),
        });
        let values = self.tree.leaf_values(node);
        // Every leaf of a tree has its number of outputs.
        fast.n_outputs = values.len();
        fast.values.extend_from_slice(values);
        for &(f, z) in &self.path {
            fast.features.push(f);
            fast.ratio.push((1.0 - z) / z);
            fast.zero.push(z);
        }
        if !self.tables {
            return;
        }
        let z: Vec<f64> = self.path.iter().map(|p| p.1).collect();
        append_table(&z, m, &mut fast.table);
        if self.interactions {
            if m >= 1 {
                append_table(&z, m - 1, &mut fast.table2);
            } else {
                fast.table2.push(0.0);
            }
        }
    }
}

/// Appends `T_n(Q)` for every `Q ⊆ F` (`F` the features of `z`, `Q` by
/// bitmask): `Π_{F∖Q} z · Σ_k w(k, n) c_k` with `c` the coefficients of
/// `Π_{j ∈ Q} (z_j + t)`, built feature by feature depth first. Entries
/// whose subsets reach `n` features are never read (0).
fn append_table(z: &[f64], n: usize, out: &mut Vec<f64>) {
    let start = out.len();
    out.resize(start + (1 << z.len()), 0.0);
    let weights = shapley_weights(n);
    // One polynomial per level of the depth-first fill, without allocating.
    let row = z.len() + 1;
    let mut levels = vec![0.0; row * row];
    levels[0] = 1.0;
    let mut fill = Fill {
        z,
        weights: &weights,
        levels: &mut levels,
        out: &mut out[start..],
    };
    fill.visit(0, 0, 1, 1.0);
}

/// The depth-first fill of [`append_table`].
struct Fill<'a> {
    z: &'a [f64],
    weights: &'a [f64],
    /// Level `s`'s polynomial at `levels[s · (m + 1)..]`.
    levels: &'a mut [f64],
    out: &'a mut [f64],
}

impl Fill<'_> {
    /// Features before `s` are decided: `q` the ones in `Q`, `outside` the
    /// product of the others' `z`; level `s` holds the polynomial (`len`
    /// coefficients) of the ones in `Q`.
    fn visit(&mut self, s: usize, q: usize, len: usize, outside: f64) {
        let row = self.z.len() + 1;
        let (here, below) = self.levels[s * row..].split_at_mut(row);
        if s == self.z.len() {
            // Subsets of n features or more have no weight: a `Q` larger
            // than any subset read is never looked up (0).
            self.out[q] = if len <= self.weights.len() {
                let sum: f64 = here[..len].iter().zip(self.weights).map(|(c, w)| c * w).sum();
                outside * sum
            } else {
                0.0
            };
            return;
        }
        let zs = self.z[s];
        below[..len].copy_from_slice(&here[..len]);
        self.visit(s + 1, q, len, outside * zs);
        // Level s + 1 = level s · (z_s + t).
        let (here, below) = self.levels[s * row..].split_at_mut(row);
        let mut prev = 0.0;
        for (b, &h) in below[..len].iter_mut().zip(&here[..len]) {
            *b = h * zs + prev;
            prev = h;
        }
        below[len] = prev;
        self.visit(s + 1, q | (1 << s), len + 1, outside);
    }
}

/// Adds `w · values` to `phi` from `at` on.
fn add_scaled(phi: &mut [f64], at: usize, w: f64, values: &[f64]) {
    for (p, v) in phi[at..at + values.len()].iter_mut().zip(values) {
        *p += w * v;
    }
}

/// The pattern of all `m` features of a path.
fn leaf_mask(m: usize) -> u64 {
    if m >= 64 { u64::MAX } else { (1u64 << m) - 1 }
}

/// Where SHAP values go: feature `f`'s output `k` at
/// `phi[f · stride + offset + k]`.
struct Out<'a> {
    phi: &'a mut [f64],
    stride: usize,
    offset: usize,
}

impl Out<'_> {
    /// Adds `w · v` to feature `f`'s outputs.
    #[inline]
    fn add<const K: usize>(&mut self, f: usize, w: f64, v: &[f64; K]) {
        let at = f * self.stride + self.offset;
        let dst: &mut [f64; K] = (&mut self.phi[at..at + K]).try_into().expect("K outputs");
        for (p, x) in dst.iter_mut().zip(v) {
            *p += w * x;
        }
    }
}

/// `w(k, n) = k! (n − k − 1)! / n! = 1 / (n · C(n − 1, k))` for `k < n`:
/// the Shapley weight of a coalition of `k` of `n` players.
fn shapley_weights(n: usize) -> Vec<f64> {
    (0..n)
        .map(|k| {
            let mut w = 1.0 / n as f64;
            for i in 0..k {
                w *= (i + 1) as f64 / (n - 1 - i) as f64;
            }
            w
        })
        .collect()
}

/// Multiplies the polynomial `poly` (coefficients by degree) by `z + t`.
fn multiply_by_root(poly: &mut Vec<f64>, z: f64) {
    poly.push(0.0);
    let mut prev = 0.0;
    for c in poly.iter_mut() {
        let old = *c;
        *c = old * z + prev;
        prev = old;
    }
}
