//! Writing trees into ONNX-ML's tree-ensemble operators, shared by every
//! tree-based export (decision trees, forests).
//!
//! A fitted tree is first read into a [`FlatTree`] (split nodes with a
//! threshold and a missing-value side, leaves with their values); then
//!
//! - [`v3_attributes`] writes the `nodes_*` and `class_*` / `target_*`
//!   attributes of `TreeEnsembleClassifier` / `TreeEnsembleRegressor`
//!   (`ai.onnx.ml` opset 3) as skl2onnx does, with the leaf votes the
//!   caller chooses;
//! - [`leaf_value_sums`] computes, for every row, the sum over the trees of
//!   its leaves' values in the graph's float type, exactly: the tree
//!   operator (`TreeEnsembleRegressor` for opset 3, `TreeEnsemble` for
//!   opset 5) only finds each row's leaf in each tree (its output is the
//!   leaf's number, an integer, exact in `float`), and `Gather` reads the
//!   leaves' values from a table of the graph's type. Why: opset 3's tree
//!   operators output `float` whatever their input, so a double graph
//!   cannot get its values from them to `1e-12`; and opset 5's
//!   `TreeEnsemble` gives a leaf one value only, not one per class.
//!
//! Splits: a row goes to the true (left) branch when `x <= threshold`
//! (`BRANCH_LEQ`), as learnkit's trees, and a missing value (`NaN`) goes
//! left where the node says (`nodes_missing_value_tracks_true`). A
//! categorical split (gradient boosting's native categories, which
//! skl2onnx cannot export) sends a set of values left and everything else
//! right: opset 5 writes it as one `BRANCH_MEMBER` node with its
//! `membership_values`; opset 3, which has no set membership, as a chain
//! of `BRANCH_EQ` nodes, one per value, whose true branches all lead left
//! and whose last false branch leads right. In a float
//! graph the threshold is the largest `f32` not above the `f64` one
//! ([`f32_at_most`]), so that a `float` input takes the branch its `f64`
//! value takes (skl2onnx's `sklearn_threshold`); a double graph keeps the
//! `f64` thresholds (`nodes_values_as_tensor`, or `nodes_splits` as a
//! double tensor).

use crate::error::Result;
use crate::onnx::graph::{Elem, Graph, Tensor, attr, float_tensor};
use crate::onnx::proto::{AttributeProto, TensorProto};
use crate::onnx::unsupported;
use crate::tree::Tree;

/// One node of a [`FlatTree`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    /// Rows with `x[feature] <= threshold` go to `left`, the others to
    /// `right`; a missing value goes to `left` when `missing_left`.
    Split {
        feature: usize,
        threshold: f64,
        missing_left: bool,
        left: usize,
        right: usize,
    },
    /// Rows whose `x[feature]` is one of `categories` (integers, exact in
    /// `f32`: category codes) go to `left`; any other value, missing ones
    /// included, to `right`.
    Categories {
        feature: usize,
        categories: Vec<f64>,
        left: usize,
        right: usize,
    },
    /// A leaf and its values (class fractions, or one regression value).
    Leaf(Vec<f64>),
}

/// A tree as the ONNX operators take it: nodes numbered from the root (0).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FlatTree {
    pub nodes: Vec<Node>,
}

impl FlatTree {
    /// Reads a fitted learnkit tree (its node numbering is kept).
    pub fn from_tree(tree: &Tree) -> FlatTree {
        let nodes = (0..tree.node_count())
            .map(|node| match tree.children(node) {
                Some((left, right)) => Node::Split {
                    feature: tree.feature(node),
                    threshold: tree.threshold(node),
                    missing_left: tree.missing_go_to_left(node),
                    left,
                    right,
                },
                None => Node::Leaf(tree.value(node).to_vec()),
            })
            .collect();
        FlatTree { nodes }
    }

    /// The number of each node among the tree's leaves (`None` for a
    /// split): leaves are numbered in node order from 0.
    fn leaf_numbers(&self) -> Vec<Option<usize>> {
        let mut next = 0;
        self.nodes
            .iter()
            .map(|node| match node {
                Node::Leaf(_) => {
                    next += 1;
                    Some(next - 1)
                }
                _ => None,
            })
            .collect()
    }

    /// The leaves' values in leaf-number order.
    fn leaf_values(&self) -> impl Iterator<Item = &[f64]> {
        self.nodes.iter().filter_map(|node| match node {
            Node::Leaf(values) => Some(values.as_slice()),
            _ => None,
        })
    }

    /// How many opset-3 nodes each node takes (a categorical split one per
    /// category, at least one), and so the opset-3 number of each node.
    fn v3_numbers(&self) -> Vec<usize> {
        let mut next = 0;
        self.nodes
            .iter()
            .map(|node| {
                let first = next;
                next += match node {
                    Node::Categories { categories, .. } => categories.len().max(1),
                    _ => 1,
                };
                first
            })
            .collect()
    }
}

/// The largest `f32` not above `t`. For a `float` `x` (exactly an `f64`
/// too), `x <= t` exactly when `x <= f32_at_most(t)`: so a float graph's
/// `BRANCH_LEQ` with this threshold routes every `float` input as learnkit
/// routes its `f64` value.
pub(crate) fn f32_at_most(t: f64) -> f32 {
    let nearest = t as f32;
    if t.is_nan() || f64::from(nearest) <= t {
        return nearest;
    }
    // `nearest` is above `t`, so it is neither NaN nor −∞: step one f32 down.
    if nearest == 0.0 {
        -f32::from_bits(1)
    } else if nearest > 0.0 {
        f32::from_bits(nearest.to_bits() - 1)
    } else {
        f32::from_bits(nearest.to_bits() + 1)
    }
}

/// The split thresholds as the graph's float type takes them.
fn split_thresholds(values: &[f64], elem: Elem) -> Vec<f64> {
    match elem {
        Elem::Double => values.to_vec(),
        _ => values.iter().map(|&t| f64::from(f32_at_most(t))).collect(),
    }
}

/// A leaf's votes: `(class or target index, weight)` pairs.
pub(crate) type Votes = Vec<(i64, f64)>;

/// The `nodes_*` attributes and the leaves' votes (`{prefix}_treeids`,
/// `_nodeids`, `_ids`, `_weights`; `prefix` is `"class"` or `"target"`) of
/// `TreeEnsembleClassifier` / `TreeEnsembleRegressor` for `trees`.
/// `votes(tree, leaf_number, values)` gives each leaf's votes. Double
/// graphs get the thresholds and weights as double tensors
/// (`nodes_values_as_tensor`, `{prefix}_weights_as_tensor`).
pub(crate) fn v3_attributes(
    trees: &[FlatTree],
    elem: Elem,
    prefix: &str,
    votes: impl Fn(usize, usize, &[f64]) -> Votes,
) -> Vec<AttributeProto> {
    let mut n = V3Nodes::default();
    for (t, tree) in trees.iter().enumerate() {
        let numbers = tree.leaf_numbers();
        // Node numbers in opset 3 (categorical splits take several).
        let v3 = tree.v3_numbers();
        for (id, node) in tree.nodes.iter().enumerate() {
            match node {
                Node::Split {
                    feature,
                    threshold,
                    missing_left,
                    left,
                    right,
                } => n.split(
                    (t, v3[id]),
                    *feature,
                    ("BRANCH_LEQ", *threshold),
                    *missing_left,
                    (v3[*left], v3[*right]),
                ),
                Node::Categories {
                    feature,
                    categories,
                    left,
                    right,
                } => {
                    // No value equals NaN: an empty set sends every row right.
                    let values = if categories.is_empty() {
                        &[f64::NAN][..]
                    } else {
                        categories
                    };
                    for (i, &value) in values.iter().enumerate() {
                        // Not this value: the next test, right after the last.
                        let next = if i + 1 == values.len() {
                            v3[*right]
                        } else {
                            v3[id] + i + 1
                        };
                        n.split(
                            (t, v3[id] + i),
                            *feature,
                            ("BRANCH_EQ", value),
                            false,
                            (v3[*left], next),
                        );
                    }
                }
                Node::Leaf(values) => {
                    n.split((t, v3[id]), 0, ("LEAF", 0.0), false, (0, 0));
                    for (target, weight) in votes(t, numbers[id].unwrap_or(0), values) {
                        n.vote_trees.push(t as i64);
                        n.vote_nodes.push(v3[id] as i64);
                        n.vote_ids.push(target);
                        n.vote_weights.push(weight);
                    }
                }
            }
        }
    }
    let thresholds = split_thresholds(&n.thresholds, elem);
    let mut attributes = vec![
        attr::ints("nodes_treeids", &n.tree_ids),
        attr::ints("nodes_nodeids", &n.node_ids),
        attr::ints("nodes_featureids", &n.features),
        attr::strings("nodes_modes", &n.modes),
        attr::ints("nodes_truenodeids", &n.true_ids),
        attr::ints("nodes_falsenodeids", &n.false_ids),
        attr::ints("nodes_missing_value_tracks_true", &n.missing_true),
        attr::ints(&format!("{prefix}_treeids"), &n.vote_trees),
        attr::ints(&format!("{prefix}_nodeids"), &n.vote_nodes),
        attr::ints(&format!("{prefix}_ids"), &n.vote_ids),
    ];
    let weights = format!("{prefix}_weights");
    if elem == Elem::Double {
        attributes.push(double_tensor_attr("nodes_values_as_tensor", &thresholds));
        attributes.push(double_tensor_attr(&format!("{weights}_as_tensor"), &n.vote_weights));
    } else {
        // Already f32 values: the conversion is exact.
        attributes.push(attr::floats("nodes_values", &thresholds));
        attributes.push(attr::floats(&weights, &n.vote_weights));
    }
    attributes
}

/// The columns of the opset-3 attributes, gathered node by node.
#[derive(Default)]
struct V3Nodes {
    tree_ids: Vec<i64>,
    node_ids: Vec<i64>,
    features: Vec<i64>,
    modes: Vec<&'static str>,
    thresholds: Vec<f64>,
    true_ids: Vec<i64>,
    false_ids: Vec<i64>,
    missing_true: Vec<i64>,
    vote_trees: Vec<i64>,
    vote_nodes: Vec<i64>,
    vote_ids: Vec<i64>,
    vote_weights: Vec<f64>,
}

impl V3Nodes {
    /// Adds node `(tree, id)` testing `feature` by `mode` against `value`
    /// (a `LEAF` has neither), with its `(true, false)` children.
    fn split(
        &mut self,
        (tree, id): (usize, usize),
        feature: usize,
        (mode, value): (&'static str, f64),
        missing_true: bool,
        (yes, no): (usize, usize),
    ) {
        self.tree_ids.push(tree as i64);
        self.node_ids.push(id as i64);
        self.features.push(feature as i64);
        self.modes.push(mode);
        self.thresholds.push(value);
        self.true_ids.push(yes as i64);
        self.false_ids.push(no as i64);
        self.missing_true.push(i64::from(missing_true));
    }
}

/// A one-dimensional double tensor attribute.
fn double_tensor_attr(name: &str, values: &[f64]) -> AttributeProto {
    attr::tensor(name, float_tensor(name, values, &[values.len()], Elem::Double))
}

/// The attributes of opset 5's `TreeEnsemble` for `trees`, each leaf
/// giving one `(target, weight)` by `vote(tree, leaf_number, values)`;
/// thresholds and weights in the graph's float type. Leaves are numbered
/// across the ensemble in `leaf_*` order. A tree that is a single leaf
/// gets one split whose two branches are two copies of that leaf: with one
/// leaf on both branches, onnxruntime (1.23) reads the root's split number
/// as the leaf's number, another leaf's past the first tree.
pub(crate) fn v5_attributes(
    trees: &[FlatTree],
    elem: Elem,
    n_targets: usize,
    vote: impl Fn(usize, usize, &[f64]) -> (i64, f64),
) -> Vec<AttributeProto> {
    let mut roots = Vec::with_capacity(trees.len());
    let (mut features, mut thresholds, mut missing_true) = (Vec::new(), Vec::new(), Vec::new());
    let (mut true_ids, mut true_leafs, mut false_ids, mut false_leafs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut targets, mut weights) = (Vec::new(), Vec::new());
    let (mut modes, mut members) = (Vec::new(), Vec::new());
    for (t, tree) in trees.iter().enumerate() {
        let numbers = tree.leaf_numbers();
        // Split nodes are numbered across the ensemble in node order.
        let first_split = features.len();
        let mut split_number = vec![0usize; tree.nodes.len()];
        let mut next = first_split;
        for (id, node) in tree.nodes.iter().enumerate() {
            if !matches!(node, Node::Leaf(_)) {
                split_number[id] = next;
                next += 1;
            }
        }
        let mut first_leaf = targets.len();
        // onnxruntime (1.23) takes a root whose two children have the same
        // number (one a leaf, the other a split) for a leaf: an unused leaf
        // before the tree's shifts its leaves' numbers.
        if let Node::Split { left, right, .. } | Node::Categories { left, right, .. } = &tree.nodes[0] {
            let number = |id: usize| numbers[id].map_or(split_number[id], |leaf| first_leaf + leaf);
            if number(*left) == number(*right) {
                targets.push(0);
                weights.push(0.0);
                first_leaf += 1;
            }
        }
        for (number, values) in tree.leaf_values().enumerate() {
            let (target, weight) = vote(t, number, values);
            targets.push(target);
            weights.push(weight);
        }
        // A child: (index, whether it is a leaf).
        let child = |id: usize| -> (i64, i64) {
            match numbers[id] {
                Some(leaf) => ((first_leaf + leaf) as i64, 1),
                None => (split_number[id] as i64, 0),
            }
        };
        roots.push(first_split as i64);
        if numbers.first().copied().flatten().is_some() {
            targets.push(targets[first_leaf]);
            weights.push(weights[first_leaf]);
            features.push(0);
            modes.push(BRANCH_LEQ);
            thresholds.push(0.0);
            missing_true.push(0);
            true_ids.push(first_leaf as i64);
            true_leafs.push(1);
            false_ids.push(first_leaf as i64 + 1);
            false_leafs.push(1);
            continue;
        }
        for node in &tree.nodes {
            let (feature, mode, threshold, missing, left, right) = match node {
                Node::Leaf(_) => continue,
                Node::Split {
                    feature,
                    threshold,
                    missing_left,
                    left,
                    right,
                } => (feature, BRANCH_LEQ, *threshold, *missing_left, left, right),
                Node::Categories {
                    feature,
                    categories,
                    left,
                    right,
                } => {
                    if categories.is_empty() {
                        // No value equals NaN: an empty set sends every row right.
                        (feature, BRANCH_EQ, f64::NAN, false, left, right)
                    } else {
                        members.extend_from_slice(categories);
                        members.push(f64::NAN);
                        (feature, BRANCH_MEMBER, 0.0, false, left, right)
                    }
                }
            };
            features.push(*feature as i64);
            modes.push(mode);
            thresholds.push(threshold);
            missing_true.push(i64::from(missing));
            let (l, l_leaf) = child(*left);
            let (r, r_leaf) = child(*right);
            true_ids.push(l);
            true_leafs.push(l_leaf);
            false_ids.push(r);
            false_leafs.push(r_leaf);
        }
    }
    let thresholds = split_thresholds(&thresholds, elem);
    let n_splits = features.len();
    let mut attributes = vec![
        attr::int("n_targets", n_targets as i64),
        attr::int("aggregate_function", 1),
        attr::int("post_transform", 0),
        attr::ints("tree_roots", &roots),
        attr::tensor("nodes_modes", uint8_tensor("nodes_modes", &modes)),
        attr::ints("nodes_featureids", &features),
        attr::tensor(
            "nodes_splits",
            float_tensor("nodes_splits", &thresholds, &[n_splits], elem),
        ),
        attr::ints("nodes_truenodeids", &true_ids),
        attr::ints("nodes_trueleafs", &true_leafs),
        attr::ints("nodes_falsenodeids", &false_ids),
        attr::ints("nodes_falseleafs", &false_leafs),
        attr::ints("nodes_missing_value_tracks_true", &missing_true),
        attr::ints("leaf_targetids", &targets),
        attr::tensor(
            "leaf_weights",
            float_tensor("leaf_weights", &weights, &[weights.len()], elem),
        ),
    ];
    if !members.is_empty() {
        // Each `BRANCH_MEMBER` node's values in node order, each set ended by NaN.
        attributes.push(attr::tensor(
            "membership_values",
            float_tensor("membership_values", &members, &[members.len()], elem),
        ));
    }
    attributes
}

/// `nodes_modes` of opset 5.
const BRANCH_LEQ: u8 = 0;
const BRANCH_EQ: u8 = 4;
const BRANCH_MEMBER: u8 = 6;

/// A `uint8` tensor (`nodes_modes`).
fn uint8_tensor(name: &str, values: &[u8]) -> TensorProto {
    TensorProto {
        dims: vec![values.len() as i64],
        data_type: crate::onnx::proto::tensor_proto::DataType::Uint8 as i32,
        // ONNX stores uint8 values in `int32_data`.
        int32_data: values.iter().map(|&v| i32::from(v)).collect(),
        name: name.to_string(),
        ..Default::default()
    }
}

/// For every row of `input`, the sum over `trees` of the values of the
/// leaf it reaches (`[N, n_outputs]`, the input's float type), computed
/// exactly (see the module documentation): the tree operator writes each
/// row's leaf number per tree (`[N, trees]`), `Cast` to `int64`, `Add` the
/// trees' first rows in the leaf table, `Gather` the values (`[N, trees,
/// n_outputs]`) and `ReduceSum` over the trees.
///
/// # Errors
/// [`crate::Error::Unsupported`] (naming `type_name`) for a tree of more
/// than 2²⁴ leaves, whose numbers `float` cannot hold exactly.
pub(crate) fn leaf_value_sums(
    graph: &mut Graph,
    input: &Tensor,
    trees: &[FlatTree],
    n_outputs: usize,
    type_name: &str,
) -> Result<Tensor> {
    let elem = input.elem;
    let mut first_rows = Vec::with_capacity(trees.len());
    let mut table = Vec::new();
    for tree in trees {
        first_rows.push((table.len() / n_outputs.max(1)) as i64);
        let before = table.len();
        tree.leaf_values().for_each(|values| table.extend_from_slice(values));
        if (table.len() - before) / n_outputs.max(1) > 1 << 24 {
            return Err(unsupported(
                type_name,
                "a tree has more than 2^24 leaves, more than a float leaf number holds exactly",
            ));
        }
    }
    let n_trees = trees.len();
    let number = |t: usize, leaf: usize| (t as i64, leaf as f64);
    let numbers = if graph.ml_opset() >= 5 {
        let attributes = v5_attributes(trees, elem, n_trees, |t, leaf, _| number(t, leaf));
        graph.ml_op("TreeEnsemble", &[&input.name], 1, attributes).remove(0)
    } else {
        let mut attributes = v3_attributes(trees, elem, "target", |t, leaf, _| vec![number(t, leaf)]);
        attributes.push(attr::int("n_targets", n_trees as i64));
        attributes.push(attr::string("aggregate_function", "SUM"));
        attributes.push(attr::string("post_transform", "NONE"));
        graph
            .ml_op("TreeEnsembleRegressor", &[&input.name], 1, attributes)
            .remove(0)
    };
    let float_numbers = Tensor::matrix(numbers, if graph.ml_opset() >= 5 { elem } else { Elem::Float }, n_trees);
    let mut rows = graph.cast(&float_numbers, Elem::Int64).name;
    if n_trees > 1 {
        let offsets = graph.ints("first_leaf_rows", &first_rows, &[n_trees]);
        rows = graph.op("Add", &[&rows, &offsets], vec![]);
    }
    let n_leaves = table.len() / n_outputs.max(1);
    let table = graph.floats("leaf_values", &table, &[n_leaves, n_outputs], elem);
    let values = graph.op("Gather", &[&table, &rows], vec![attr::int("axis", 0)]);
    let axes = graph.ints("tree_axis", &[1], &[1]);
    let sums = graph.op("ReduceSum", &[&values, &axes], vec![attr::int("keepdims", 0)]);
    Ok(Tensor::matrix(sums, elem, n_outputs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_round_down_to_f32() {
        for t in [
            0.1,
            -0.1,
            1.0,
            3.4e38,
            3.5e38,
            -3.5e38,
            1e-50,
            -1e-50,
            0.0,
            f64::INFINITY,
        ] {
            let f = f32_at_most(t);
            assert!(f64::from(f) <= t, "{t}: {f}");
            // The next f32 up is above t.
            let up = if f == f32::INFINITY {
                f64::INFINITY
            } else {
                f64::from(f32::from_bits(if f >= 0.0 {
                    if f == 0.0 && f.is_sign_negative() {
                        0
                    } else {
                        f.to_bits() + 1
                    }
                } else {
                    f.to_bits() - 1
                }))
            };
            assert!(up > t || f == f32::INFINITY, "{t}: {f}, next {up}");
        }
        assert_eq!(f32_at_most(0.5), 0.5);
        assert_eq!(f32_at_most(3.5e38), f32::MAX);
        assert_eq!(f32_at_most(-1e-50), -f32::from_bits(1));
    }

    /// A categorical split unrolls into one `BRANCH_EQ` per category in
    /// opset 3, the later nodes renumbered; opset 5 writes one
    /// `BRANCH_MEMBER` and its values ended by NaN.
    #[test]
    fn categorical_splits_unroll_in_opset_3_and_are_sets_in_opset_5() {
        let tree = FlatTree {
            nodes: vec![
                Node::Categories {
                    feature: 2,
                    categories: vec![1.0, 4.0],
                    left: 1,
                    right: 2,
                },
                Node::Leaf(vec![1.0]),
                Node::Leaf(vec![2.0]),
            ],
        };
        let ints = |attributes: &[AttributeProto], name: &str| -> Vec<i64> {
            attributes
                .iter()
                .find(|a| a.name == name)
                .map(|a| a.ints.clone())
                .unwrap()
        };
        let v3 = v3_attributes(std::slice::from_ref(&tree), Elem::Double, "target", |_, _, v| {
            vec![(0, v[0])]
        });
        let modes = v3.iter().find(|a| a.name == "nodes_modes").unwrap();
        assert_eq!(modes.strings, [&b"BRANCH_EQ"[..], b"BRANCH_EQ", b"LEAF", b"LEAF"]);
        assert_eq!(ints(&v3, "nodes_truenodeids"), [2, 2, 0, 0]);
        assert_eq!(ints(&v3, "nodes_falsenodeids"), [1, 3, 0, 0]);
        assert_eq!(ints(&v3, "nodes_featureids"), [2, 2, 0, 0]);
        assert_eq!(ints(&v3, "target_nodeids"), [2, 3]);
        let v5 = v5_attributes(&[tree], Elem::Double, 1, |_, _, v| (0, v[0]));
        let tensor = |name: &str| v5.iter().find(|a| a.name == name).unwrap().t.clone().unwrap();
        assert_eq!(tensor("nodes_modes").int32_data, [i32::from(BRANCH_MEMBER)]);
        let members = tensor("membership_values").double_data;
        assert_eq!(members[..2], [1.0, 4.0]);
        assert!(members[2].is_nan());
    }

    /// Opset 5 around two onnxruntime (1.23) quirks: a root whose children
    /// have the same number (a leaf and a split) is taken for a leaf, so
    /// an unused leaf shifts the tree's leaves; a tree that is one leaf
    /// gets a split between two copies of it.
    #[test]
    fn opset_5_roots_never_look_like_leaves() {
        let split = |left, right| Node::Split {
            feature: 0,
            threshold: 0.5,
            missing_left: false,
            left,
            right,
        };
        let trees = [
            FlatTree {
                nodes: vec![split(1, 2), Node::Leaf(vec![1.0]), Node::Leaf(vec![2.0])],
            },
            FlatTree {
                nodes: vec![
                    split(1, 2),
                    Node::Leaf(vec![3.0]),
                    split(3, 4),
                    Node::Leaf(vec![4.0]),
                    Node::Leaf(vec![5.0]),
                ],
            },
            FlatTree {
                nodes: vec![Node::Leaf(vec![6.0])],
            },
        ];
        let v5 = v5_attributes(&trees, Elem::Double, 1, |_, _, v| (0, v[0]));
        let ints = |name: &str| v5.iter().find(|a| a.name == name).unwrap().ints.clone();
        let weights = v5
            .iter()
            .find(|a| a.name == "leaf_weights")
            .unwrap()
            .t
            .clone()
            .unwrap()
            .double_data;
        assert_eq!(ints("tree_roots"), [0, 1, 3]);
        // Tree 1's leaves start at 3 (2 is unused), so its root's children are leaf 3 and split 2.
        assert_eq!(weights, [1.0, 2.0, 0.0, 3.0, 4.0, 5.0, 6.0, 6.0]);
        assert_eq!(ints("nodes_truenodeids"), [0, 3, 4, 6]);
        assert_eq!(ints("nodes_falsenodeids"), [1, 2, 5, 7]);
        assert_eq!(ints("nodes_trueleafs"), [1, 1, 1, 1]);
        assert_eq!(ints("nodes_falseleafs"), [1, 0, 1, 1]);
    }
}
