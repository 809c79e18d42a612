//! Histogram gradient boosting as skl2onnx writes scikit-learn's, plus the
//! native categorical splits skl2onnx cannot export.
//!
//! The raw score is the baseline plus every tree's leaf value (one tree per
//! class and iteration for more than two classes). In a float graph of
//! opset 3 a `TreeEnsembleClassifier` holds the trees with the baseline as
//! `base_values` and post-transform `LOGISTIC` (two classes: the trees vote
//! for class 1, onnxruntime writes `[1 − p, p]`) or `SOFTMAX`; the
//! regressor is a `TreeEnsembleRegressor`. In a double graph, or in opset 5,
//! the tree operator finds the leaves and the raw scores are their values'
//! sums ([`leaf_value_sums`], exact in the graph's type) plus the baseline;
//! the probabilities come from `Sigmoid` / `Softmax`, the labels from
//! `ArgMax`.
//!
//! Splits: a numeric node sends `x <= threshold` left (`BRANCH_LEQ`, true
//! branch left) and missing values where `missing_go_to_left` says
//! (`nodes_missing_value_tracks_true`). A categorical node sends a
//! category of its set left, another training category right, and
//! anything else — `NaN`, a category unseen in training, a value that is
//! no category code — where missing values go. So the exported split tests
//! membership in the categories of the side missing values do *not* go to
//! and sends every other value to the missing side: one test covers
//! unknown categories and `NaN` (a `BRANCH_EQ` chain in opset 3, one
//! `BRANCH_MEMBER` in opset 5: see `tree_ensemble.rs`).

use crate::ensemble::hist_gradient_boosting::{Bitset, Ensemble, NodeKind, TreePredictor, bitset_contains};
use crate::ensemble::{FittedHistGradientBoostingClassifier, FittedHistGradientBoostingRegressor};
use crate::error::Result;
use crate::float::Float;
use crate::onnx::OnnxLabel;
use crate::onnx::graph::{Classes, Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::sealed::OnnxExport;

use super::tree_ensemble::{FlatTree, Node, Votes, leaf_value_sums, v3_attributes};

impl<F: Float, L: OnnxLabel> OnnxExport for FittedHistGradientBoostingClassifier<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedHistGradientBoostingClassifier".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let classes = classes_of(self.classes())?;
        let ensemble = self.ensemble();
        let trees = trees_of(ensemble);
        let binary = ensemble.baseline.len() == 1;
        if input.elem == Elem::Float && graph.ml_opset() < 5 {
            return Ok(classifier_v3(graph, &input, &trees, &ensemble.baseline, classes));
        }
        let input = codes_only(graph, &input, &ensemble.is_categorical);
        let raw = raw_scores(graph, &input, &trees, &ensemble.baseline, &self.onnx_type_name())?;
        let scores = if binary {
            graph.binary_probabilities(&raw)
        } else {
            let name = graph.op("Softmax", &[&raw.name], vec![attr::int("axis", 1)]);
            Tensor::matrix(name, raw.elem, classes.len())
        };
        let label = graph.labels_from_scores(&scores, &classes);
        Ok(Exported::Classification { label, scores, classes })
    }
}

impl<F: Float> OnnxExport for FittedHistGradientBoostingRegressor<F> {
    fn onnx_type_name(&self) -> String {
        "FittedHistGradientBoostingRegressor".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// The squared error (learnkit's only regression loss) has the identity
    /// link: the prediction is the raw score, with no transform after.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let ensemble = self.ensemble();
        let trees = trees_of(ensemble);
        if input.elem == Elem::Float && graph.ml_opset() < 5 {
            let mut attributes = v3_attributes(&trees, Elem::Float, "target", |t, _, v| vote(t, v));
            attributes.push(attr::floats("base_values", &ensemble.baseline));
            attributes.push(attr::int("n_targets", 1));
            attributes.push(attr::string("post_transform", "NONE"));
            let name = graph
                .ml_op("TreeEnsembleRegressor", &[&input.name], 1, attributes)
                .remove(0);
            return Ok(Exported::Regression(Tensor::matrix(name, Elem::Float, 1)));
        }
        let input = codes_only(graph, &input, &ensemble.is_categorical);
        let raw = raw_scores(graph, &input, &trees, &ensemble.baseline, &self.onnx_type_name())?;
        Ok(Exported::Regression(raw))
    }
}

/// The float graph of opset 3: one `TreeEnsembleClassifier`, the baseline
/// as `base_values`, `LOGISTIC` for two classes (the trees vote for class
/// id 0, onnxruntime writes `[1 − p, p]`), `SOFTMAX` for more.
fn classifier_v3(
    graph: &mut Graph,
    input: &Tensor,
    trees: &[FlatTree],
    baseline: &[f64],
    classes: Classes,
) -> Exported {
    let binary = baseline.len() == 1;
    let mut attributes = v3_attributes(trees, Elem::Float, "class", |t, _, v| vote(t, v));
    attributes.push(attr::floats("base_values", baseline));
    attributes.push(match &classes {
        Classes::Ints(v) => attr::ints("classlabels_int64s", v),
        Classes::Strings(v) => attr::strings("classlabels_strings", v),
    });
    attributes.push(attr::string(
        "post_transform",
        if binary { "LOGISTIC" } else { "SOFTMAX" },
    ));
    let mut outputs = graph
        .ml_op("TreeEnsembleClassifier", &[&input.name], 2, attributes)
        .into_iter();
    let label = Tensor::vector(outputs.next().expect("two outputs"), classes.elem());
    let scores = Tensor::matrix(outputs.next().expect("two outputs"), Elem::Float, classes.len());
    // With two classes and no negative vote, onnxruntime compares the raw
    // score with 0.5 instead of 0 for the label: take it from the
    // probabilities then.
    let negative_vote = (0..trees.len()).any(|t| {
        trees[t].nodes.iter().any(|n| match n {
            Node::Leaf(v) => vote(t, v).iter().any(|&(_, w)| (w as f32) < 0.0),
            _ => false,
        })
    });
    let label = if binary && !negative_vote {
        graph.labels_from_scores(&scores, &classes)
    } else {
        label
    };
    Exported::Classification { label, scores, classes }
}

/// A leaf's vote in tree `t`: its value, for the output the tree adds to.
fn vote(t: usize, values: &[f64]) -> Votes {
    let c = t % values.len();
    vec![(c as i64, values[c])]
}

/// The input opset 5's `TreeEnsemble` reads: onnxruntime (1.23) tests
/// membership in a set of more than 30 categories, or of one above 30, on
/// a value's integer part, so a non-integer value in a categorical column
/// (no category code for learnkit, which sends it where missing values go)
/// becomes `NaN` first (`Floor`, `Equal`, `Where`). Opset 3's `BRANCH_EQ`
/// chains compare exactly: the input is left as is.
fn codes_only(graph: &mut Graph, input: &Tensor, is_categorical: &[bool]) -> Tensor {
    if graph.ml_opset() < 5 || !is_categorical.contains(&true) {
        return input.clone();
    }
    let mask: Vec<i64> = is_categorical.iter().map(|&c| i64::from(c)).collect();
    let mask = graph.ints("categorical_columns", &mask, &[mask.len()]);
    let mask = graph.op("Cast", &[&mask], vec![attr::int("to", BOOL)]);
    let floor = graph.op("Floor", &[&input.name], vec![]);
    let integral = graph.op("Equal", &[&input.name, &floor], vec![]);
    let fractional = graph.op("Not", &[&integral], vec![]);
    let drop = graph.op("And", &[&fractional, &mask], vec![]);
    let nan = graph.floats("nan", &[f64::NAN], &[1], input.elem);
    let name = graph.op("Where", &[&drop, &nan, &input.name], vec![]);
    Tensor { name, ..input.clone() }
}

/// `TensorProto.DataType` `BOOL`.
const BOOL: i64 = 9;

/// The raw scores `[N, outputs]` in the graph's float type: the leaves'
/// values summed exactly, plus the baseline.
fn raw_scores(graph: &mut Graph, input: &Tensor, trees: &[FlatTree], baseline: &[f64], name: &str) -> Result<Tensor> {
    let sums = leaf_value_sums(graph, input, trees, baseline.len(), name)?;
    let base = graph.floats("baseline", baseline, &[baseline.len()], input.elem);
    let name = graph.op("Add", &[&sums.name, &base], vec![]);
    Ok(Tensor::matrix(name, input.elem, baseline.len()))
}

/// The ensemble's trees in iteration order, tree `c` of an iteration adding
/// to output `c`: its leaves hold one value per output, theirs at `c` and
/// 0 elsewhere. A model without trees gets one leaf of zeros, so that the
/// graph still has an ensemble to read its rows.
fn trees_of(ensemble: &Ensemble) -> Vec<FlatTree> {
    let k = ensemble.baseline.len();
    let mut trees: Vec<FlatTree> = ensemble
        .trees
        .iter()
        .flat_map(|iteration| {
            iteration
                .iter()
                .enumerate()
                .map(|(c, tree)| tree_of(tree, &ensemble.known_categories, c, k))
        })
        .collect();
    if trees.is_empty() {
        trees.push(FlatTree {
            nodes: vec![Node::Leaf(vec![0.0; k])],
        });
    }
    trees
}

/// One fitted tree (its node numbering kept), its leaves adding to output
/// `c` of `k`.
fn tree_of(tree: &TreePredictor, known: &[Bitset], c: usize, k: usize) -> FlatTree {
    let nodes = tree
        .nodes
        .iter()
        .map(|node| {
            let (feature, left, right) = (node.feature as usize, node.left as usize, node.right as usize);
            match node.kind {
                NodeKind::Leaf => {
                    let mut values = vec![0.0; k];
                    values[c] = node.value;
                    Node::Leaf(values)
                }
                NodeKind::Numeric => Node::Split {
                    feature,
                    threshold: node.threshold,
                    missing_left: node.missing_left,
                    left,
                    right,
                },
                NodeKind::Categorical => {
                    let sent_left = &tree.bitsets[node.bitset as usize];
                    let known = &known[feature];
                    let codes = |test: &dyn Fn(usize) -> bool| -> Vec<f64> {
                        (0..256).filter(|&c| test(c)).map(|c| c as f64).collect()
                    };
                    // The categories of the side missing values do not go
                    // to: with missing values left, the training categories
                    // not sent left; else the categories sent left.
                    let (categories, left, right) = if node.missing_left {
                        let right_side = codes(&|c| bitset_contains(known, c) && !bitset_contains(sent_left, c));
                        (right_side, right, left)
                    } else {
                        (codes(&|c| bitset_contains(sent_left, c)), left, right)
                    };
                    Node::Categories {
                        feature,
                        categories,
                        left,
                        right,
                    }
                }
            }
        })
        .collect();
    FlatTree { nodes }
}
