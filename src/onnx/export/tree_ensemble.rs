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
//! left where the node says (`nodes_missing_value_tracks_true`). In a float
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
                Node::Split { .. } => None,
            })
            .collect()
    }

    /// The leaves' values in leaf-number order.
    fn leaf_values(&self) -> impl Iterator<Item = &[f64]> {
        self.nodes.iter().filter_map(|node| match node {
            Node::Leaf(values) => Some(values.as_slice()),
            Node::Split { .. } => None,
        })
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
        for (id, node) in tree.nodes.iter().enumerate() {
            n.tree_ids.push(t as i64);
            n.node_ids.push(id as i64);
            match node {
                Node::Split {
                    feature,
                    threshold,
                    missing_left,
                    left,
                    right,
                } => {
                    n.features.push(*feature as i64);
                    n.modes.push("BRANCH_LEQ");
                    n.thresholds.push(*threshold);
                    n.true_ids.push(*left as i64);
                    n.false_ids.push(*right as i64);
                    n.missing_true.push(i64::from(*missing_left));
                }
                Node::Leaf(values) => {
                    n.features.push(0);
                    n.modes.push("LEAF");
                    n.thresholds.push(0.0);
                    n.true_ids.push(0);
                    n.false_ids.push(0);
                    n.missing_true.push(0);
                    for (target, weight) in votes(t, numbers[id].unwrap_or(0), values) {
                        n.vote_trees.push(t as i64);
                        n.vote_nodes.push(id as i64);
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

/// A one-dimensional double tensor attribute.
fn double_tensor_attr(name: &str, values: &[f64]) -> AttributeProto {
    attr::tensor(name, float_tensor(name, values, &[values.len()], Elem::Double))
}

/// The attributes of opset 5's `TreeEnsemble` for `trees`, each leaf
/// giving one `(target, weight)` by `vote(tree, leaf_number, values)`;
/// thresholds and weights in the graph's float type. Leaves are numbered
/// across the ensemble in `leaf_*` order. A tree that is a single leaf
/// gets one split whose two branches are that leaf, as the operator's
/// specification says.
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
    for (t, tree) in trees.iter().enumerate() {
        let numbers = tree.leaf_numbers();
        let first_leaf = targets.len();
        for (number, values) in tree.leaf_values().enumerate() {
            let (target, weight) = vote(t, number, values);
            targets.push(target);
            weights.push(weight);
        }
        // Split nodes are numbered across the ensemble in node order.
        let first_split = features.len();
        let mut split_number = vec![0usize; tree.nodes.len()];
        let mut next = first_split;
        for (id, node) in tree.nodes.iter().enumerate() {
            if matches!(node, Node::Split { .. }) {
                split_number[id] = next;
                next += 1;
            }
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
            features.push(0);
            thresholds.push(0.0);
            missing_true.push(0);
            true_ids.push(first_leaf as i64);
            true_leafs.push(1);
            false_ids.push(first_leaf as i64);
            false_leafs.push(1);
            continue;
        }
        for node in &tree.nodes {
            if let Node::Split {
                feature,
                threshold,
                missing_left,
                left,
                right,
            } = node
            {
                features.push(*feature as i64);
                thresholds.push(*threshold);
                missing_true.push(i64::from(*missing_left));
                let (l, l_leaf) = child(*left);
                let (r, r_leaf) = child(*right);
                true_ids.push(l);
                true_leafs.push(l_leaf);
                false_ids.push(r);
                false_leafs.push(r_leaf);
            }
        }
    }
    let thresholds = split_thresholds(&thresholds, elem);
    let n_splits = features.len();
    vec![
        attr::int("n_targets", n_targets as i64),
        attr::int("aggregate_function", 1),
        attr::int("post_transform", 0),
        attr::ints("tree_roots", &roots),
        attr::tensor("nodes_modes", uint8_zeros("nodes_modes", n_splits)),
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
    ]
}

/// A `uint8` tensor of `n` zeros (`nodes_modes`: every split `BRANCH_LEQ`).
fn uint8_zeros(name: &str, n: usize) -> TensorProto {
    TensorProto {
        dims: vec![n as i64],
        data_type: crate::onnx::proto::tensor_proto::DataType::Uint8 as i32,
        // ONNX stores uint8 values in `int32_data`.
        int32_data: vec![0; n],
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
}
