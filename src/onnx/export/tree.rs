//! Decision trees and forests (random forests and extra trees) as
//! skl2onnx writes them: one `TreeEnsembleClassifier` with the class
//! probabilities in the leaves, or one `TreeEnsembleRegressor`, each leaf's
//! votes weighted by `1 / n_trees` so that the ensemble's sum is the mean
//! of the trees (`post_transform` `NONE`). A single tree is a forest of one.
//!
//! Two classes: as skl2onnx, a leaf votes for the second class only (class
//! id 0 of a one-column ensemble); onnxruntime then writes `[1 − p, p]`
//! and picks the second class when `p > 0.5`, as learnkit's arg-max (the
//! first class on a tie).
//!
//! That layout is the float graph of `ai.onnx.ml` opset 3. Its operators
//! output `float` whatever the input, so a double graph, and opset 5's
//! `TreeEnsemble` (one value per leaf, no classes), get the sum of the
//! trees' leaf values from [`leaf_value_sums`] (exact, in the graph's type)
//! and then, with standard operators, the mean (`Mul` by `1 / n_trees`,
//! learnkit's own order: sum, then scale) and for classifiers the labels
//! (`ArgMax`, `Gather`).

use crate::ensemble::{FittedForestClassifier, FittedForestRegressor, ForestClassifierParams, ForestRegressorParams};
use crate::error::Result;
use crate::float::Float;
use crate::onnx::OnnxLabel;
use crate::onnx::graph::{Classes, Elem, Exported, Graph, Tensor, attr};
use crate::onnx::label::classes_of;
use crate::onnx::sealed::OnnxExport;
use crate::onnx::unsupported;
use crate::tree::{FittedDecisionTreeClassifier, FittedDecisionTreeRegressor, Tree};

use super::tree_ensemble::{FlatTree, leaf_value_sums, v3_attributes};

impl<F: Float, L: OnnxLabel> OnnxExport for FittedDecisionTreeClassifier<F, L> {
    fn onnx_type_name(&self) -> String {
        "FittedDecisionTreeClassifier".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let classes = classes_of(self.classes())?;
        let name = self.onnx_type_name();
        forest_classifier(graph, &input, std::slice::from_ref(self.tree()), classes, &name)
    }
}

impl<F: Float> OnnxExport for FittedDecisionTreeRegressor<F> {
    fn onnx_type_name(&self) -> String {
        "FittedDecisionTreeRegressor".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let name = self.onnx_type_name();
        forest_regressor(graph, &input, std::slice::from_ref(self.tree()), &name)
    }
}

impl<F: Float, L: OnnxLabel, P: ForestClassifierParams> OnnxExport for FittedForestClassifier<F, L, P> {
    fn onnx_type_name(&self) -> String {
        format!("Fitted{}", P::NAME)
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let classes = classes_of(self.classes())?;
        let name = self.onnx_type_name();
        forest_classifier(graph, &input, self.estimators(), classes, &name)
    }
}

impl<F: Float, P: ForestRegressorParams> OnnxExport for FittedForestRegressor<F, P> {
    fn onnx_type_name(&self) -> String {
        format!("Fitted{}", P::NAME)
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let name = self.onnx_type_name();
        forest_regressor(graph, &input, self.estimators(), &name)
    }
}

/// Whether the graph takes skl2onnx's layout (float input, opset 3), where
/// the tree operator's own `float` outputs are the results.
fn float_opset3(graph: &Graph, input: &Tensor) -> bool {
    input.elem == Elem::Float && graph.ml_opset() < 5
}

/// The trees as the ONNX writers read them; an empty forest (which fitting
/// never makes) is an error rather than a division by zero.
fn flat_trees(trees: &[Tree], type_name: &str) -> Result<Vec<FlatTree>> {
    if trees.is_empty() {
        return Err(unsupported(type_name, "the forest has no trees"));
    }
    Ok(trees.iter().map(FlatTree::from_tree).collect())
}

/// The mean of the trees' class fractions as probabilities, and the labels.
fn forest_classifier(
    graph: &mut Graph,
    input: &Tensor,
    trees: &[Tree],
    classes: Classes,
    type_name: &str,
) -> Result<Exported> {
    let flat = flat_trees(trees, type_name)?;
    let n_classes = classes.len();
    if !float_opset3(graph, input) {
        let sums = leaf_value_sums(graph, input, &flat, n_classes, type_name)?;
        let scores = mean_of_trees(graph, sums, flat.len());
        let label = graph.labels_from_scores(&scores, &classes);
        return Ok(Exported::Classification { label, scores, classes });
    }
    let scale = 1.0 / flat.len() as f64;
    let binary = n_classes == 2;
    let mut attributes = v3_attributes(&flat, Elem::Float, "class", |_, _, values| {
        if binary {
            vec![(0, values[1] * scale)]
        } else {
            values.iter().enumerate().map(|(c, v)| (c as i64, v * scale)).collect()
        }
    });
    attributes.push(match &classes {
        Classes::Ints(v) => attr::ints("classlabels_int64s", v),
        Classes::Strings(v) => attr::strings("classlabels_strings", v),
    });
    attributes.push(attr::string("post_transform", "NONE"));
    let mut outputs = graph
        .ml_op("TreeEnsembleClassifier", &[&input.name], 2, attributes)
        .into_iter();
    let (label, scores) = (outputs.next(), outputs.next());
    let label = Tensor::vector(label.unwrap_or_default(), classes.elem());
    let scores = Tensor::matrix(scores.unwrap_or_default(), Elem::Float, n_classes);
    Ok(Exported::Classification { label, scores, classes })
}

/// The mean of the trees' predictions, `[N, 1]`.
fn forest_regressor(graph: &mut Graph, input: &Tensor, trees: &[Tree], type_name: &str) -> Result<Exported> {
    let flat = flat_trees(trees, type_name)?;
    if !float_opset3(graph, input) {
        let sums = leaf_value_sums(graph, input, &flat, 1, type_name)?;
        return Ok(Exported::Regression(mean_of_trees(graph, sums, flat.len())));
    }
    let scale = 1.0 / flat.len() as f64;
    let mut attributes = v3_attributes(&flat, Elem::Float, "target", |_, _, values| {
        vec![(0, values[0] * scale)]
    });
    attributes.push(attr::int("n_targets", 1));
    attributes.push(attr::string("aggregate_function", "SUM"));
    attributes.push(attr::string("post_transform", "NONE"));
    let name = graph
        .ml_op("TreeEnsembleRegressor", &[&input.name], 1, attributes)
        .remove(0);
    Ok(Exported::Regression(Tensor::matrix(name, Elem::Float, 1)))
}

/// `sums · (1 / n_trees)`, as learnkit averages a forest (no node for one tree).
fn mean_of_trees(graph: &mut Graph, sums: Tensor, n_trees: usize) -> Tensor {
    if n_trees == 1 {
        return sums;
    }
    let scale = graph.floats("tree_weight", &[1.0 / n_trees as f64], &[1], sums.elem);
    let name = graph.op("Mul", &[&sums.name, &scale], vec![]);
    Tensor { name, ..sums }
}
