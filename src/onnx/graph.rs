//! The graph being written: unique tensor names, nodes, constant
//! initializers and attributes, and the shared pieces every exporter uses
//! (labels from an arg-max, the graph's float type).
//!
//! Exporters never build protobuf messages by hand: they call
//! [`Graph::op`] / [`Graph::ml_op`] with attributes from [`attr`] and
//! constants from [`Graph::floats`] / [`Graph::ints`] / [`Graph::strings`].

use std::collections::HashSet;

use super::proto::{
    AttributeProto, GraphProto, NodeProto, TensorProto, TensorShapeProto, TypeProto, ValueInfoProto,
    attribute_proto::AttributeType, tensor_proto::DataType, type_proto,
};
use super::{OnnxFloat, OnnxOptions};
use crate::error::{Error, Result};

/// The domain of the ONNX-ML operators (`TreeEnsembleClassifier`, `Scaler`, …).
pub const ML_DOMAIN: &str = "ai.onnx.ml";

/// An element type of a tensor in the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elem {
    /// `float` (32 bits).
    Float,
    /// `double`.
    Double,
    /// `int64`.
    Int64,
    /// `string`.
    String,
}

impl Elem {
    /// The `TensorProto.DataType` code.
    pub fn code(self) -> i32 {
        match self {
            Elem::Float => DataType::Float as i32,
            Elem::Double => DataType::Double as i32,
            Elem::Int64 => DataType::Int64 as i32,
            Elem::String => DataType::String as i32,
        }
    }
}

/// A tensor of the graph: its name, element type and shape, `[N, width]`
/// for a matrix of rows or `[N]` (`width: None`) for one value per row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tensor {
    /// The tensor's name in the graph.
    pub name: String,
    /// Its element type.
    pub elem: Elem,
    /// Columns of a `[N, width]` matrix; `None` for a `[N]` vector.
    pub width: Option<usize>,
}

impl Tensor {
    /// A `[N, width]` matrix.
    pub fn matrix(name: String, elem: Elem, width: usize) -> Tensor {
        Tensor {
            name,
            elem,
            width: Some(width),
        }
    }

    /// A `[N]` vector.
    pub fn vector(name: String, elem: Elem) -> Tensor {
        Tensor {
            name,
            elem,
            width: None,
        }
    }
}

/// The class labels of a classifier as ONNX stores them: integers or strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Classes {
    /// `int64` labels (`classlabels_ints`).
    Ints(Vec<i64>),
    /// `string` labels (`classlabels_strings`).
    Strings(Vec<String>),
}

impl Classes {
    /// How many classes.
    pub fn len(&self) -> usize {
        match self {
            Classes::Ints(v) => v.len(),
            Classes::Strings(v) => v.len(),
        }
    }

    /// The element type of a label tensor.
    pub fn elem(&self) -> Elem {
        match self {
            Classes::Ints(_) => Elem::Int64,
            Classes::Strings(_) => Elem::String,
        }
    }

    /// The `classlabels_ints` or `classlabels_strings` attribute of the
    /// ONNX-ML classifiers (and ZipMap).
    pub fn attribute(&self) -> AttributeProto {
        match self {
            Classes::Ints(v) => attr::ints("classlabels_ints", v),
            Classes::Strings(v) => attr::strings("classlabels_strings", v),
        }
    }
}

/// What an exported model's graph computes from its input.
#[derive(Clone, Debug)]
pub enum Exported {
    /// A transformer's output, `[N, k]`.
    Transform(Tensor),
    /// A regressor's predictions, `[N, 1]` (`[N, targets]` for several).
    Regression(Tensor),
    /// A classifier's labels (`[N]`, `int64` or `string`) and per-class
    /// scores (`[N, classes]`): probabilities when the model has them,
    /// otherwise the decision function, as skl2onnx writes them.
    Classification {
        /// The predicted labels.
        label: Tensor,
        /// Probabilities, or decision scores for models without them.
        scores: Tensor,
        /// The classes, in the order of the score columns.
        classes: Classes,
    },
    /// A clusterer's cluster indices (`[N]` `int64`, output `label`) and
    /// per-cluster scores (`[N, clusters]`), output under skl2onnx's name
    /// for the model: `scores` (KMeans' distances to the centres) or
    /// `probabilities` (a mixture's posteriors).
    Clusters {
        /// The cluster of each row.
        label: Tensor,
        /// Distances or probabilities, one column per cluster.
        scores: Tensor,
        /// The scores' output name.
        scores_name: &'static str,
    },
}

impl Exported {
    /// The transformed tensor, or an error naming `what` for a model that
    /// does not transform (a predictor placed where a pipeline needs a
    /// transformer step).
    pub fn into_transform(self, what: &str) -> Result<Tensor> {
        match self {
            Exported::Transform(t) => Ok(t),
            _ => Err(Error::Unsupported {
                context: "ONNX export".into(),
                message: format!("{what} does not transform, so it cannot feed a later step"),
            }),
        }
    }
}

/// A subgraph's input or output: name, `TensorProto.DataType` code, rank
/// (see [`Graph::subgraph_since`]).
pub type SubgraphValue<'a> = (&'a str, i32, Option<usize>);

/// The graph under construction.
#[derive(Debug)]
pub struct Graph {
    options: OnnxOptions,
    nodes: Vec<NodeProto>,
    initializers: Vec<TensorProto>,
    used: HashSet<String>,
}

impl Graph {
    /// An empty graph whose input is named by the options (the name is taken).
    pub(crate) fn new(options: OnnxOptions) -> Graph {
        let mut used = HashSet::new();
        used.insert(options.input_name.clone());
        Graph {
            options,
            nodes: Vec::new(),
            initializers: Vec::new(),
            used,
        }
    }

    /// The export options.
    pub fn options(&self) -> &OnnxOptions {
        &self.options
    }

    /// The graph's float element type (the input's, from the options).
    pub fn float(&self) -> Elem {
        match self.options.input_type {
            OnnxFloat::Double => Elem::Double,
            _ => Elem::Float,
        }
    }

    /// Whether opset 5 of `ai.onnx.ml` was asked for (the `TreeEnsemble`
    /// operator with set membership splits).
    pub fn ml_opset(&self) -> i64 {
        self.options.ml_opset.version()
    }

    /// A name not used yet, built from `hint`.
    pub fn name(&mut self, hint: &str) -> String {
        if self.used.insert(hint.to_string()) {
            return hint.to_string();
        }
        let mut i = 1usize;
        loop {
            let candidate = format!("{hint}_{i}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            i += 1;
        }
    }

    /// Adds a standard-domain (`ai.onnx`) node with one output, named from
    /// the operator; returns the output's name.
    pub fn op(&mut self, op_type: &str, inputs: &[&str], attributes: Vec<AttributeProto>) -> String {
        self.node("", op_type, inputs, 1, attributes).remove(0)
    }

    /// Adds an `ai.onnx.ml` node with `n_outputs` outputs; returns their names.
    pub fn ml_op(
        &mut self,
        op_type: &str,
        inputs: &[&str],
        n_outputs: usize,
        attributes: Vec<AttributeProto>,
    ) -> Vec<String> {
        self.node(ML_DOMAIN, op_type, inputs, n_outputs, attributes)
    }

    /// Adds a node of any domain with `n_outputs` outputs.
    pub fn node(
        &mut self,
        domain: &str,
        op_type: &str,
        inputs: &[&str],
        n_outputs: usize,
        attribute: Vec<AttributeProto>,
    ) -> Vec<String> {
        let stem = op_type.to_ascii_lowercase();
        let output: Vec<String> = (0..n_outputs)
            .map(|i| {
                let hint = if n_outputs == 1 {
                    stem.clone()
                } else {
                    format!("{stem}_out{i}")
                };
                self.name(&hint)
            })
            .collect();
        let name = self.name(&format!("{stem}_node"));
        self.nodes.push(NodeProto {
            input: inputs.iter().map(|s| s.to_string()).collect(),
            output: output.clone(),
            name,
            op_type: op_type.to_string(),
            domain: domain.to_string(),
            attribute,
            ..Default::default()
        });
        output
    }

    /// Adds a standard-domain node whose single output gets the given
    /// (unused) name: the graph's outputs.
    pub fn op_named(&mut self, op_type: &str, inputs: &[&str], output: &str, attribute: Vec<AttributeProto>) {
        self.node_named("", op_type, inputs, output, attribute);
    }

    /// Adds an `ai.onnx.ml` node whose single output gets the given name.
    pub fn ml_op_named(&mut self, op_type: &str, inputs: &[&str], output: &str, attribute: Vec<AttributeProto>) {
        self.node_named(ML_DOMAIN, op_type, inputs, output, attribute);
    }

    fn node_named(
        &mut self,
        domain: &str,
        op_type: &str,
        inputs: &[&str],
        output: &str,
        attribute: Vec<AttributeProto>,
    ) {
        self.used.insert(output.to_string());
        let name = self.name(&format!("{}_node", op_type.to_ascii_lowercase()));
        self.nodes.push(NodeProto {
            input: inputs.iter().map(|s| s.to_string()).collect(),
            output: vec![output.to_string()],
            name,
            op_type: op_type.to_string(),
            domain: domain.to_string(),
            attribute,
            ..Default::default()
        });
    }

    /// A constant of the given float element type (`Float` values are
    /// rounded to `f32`), with shape `dims`; returns its name.
    pub fn floats(&mut self, hint: &str, values: &[f64], dims: &[usize], elem: Elem) -> String {
        let name = self.name(hint);
        self.initializers.push(float_tensor(&name, values, dims, elem));
        name
    }

    /// An `int64` constant with shape `dims`; returns its name.
    pub fn ints(&mut self, hint: &str, values: &[i64], dims: &[usize]) -> String {
        let name = self.name(hint);
        self.initializers.push(TensorProto {
            dims: dims_of(dims),
            data_type: Elem::Int64.code(),
            int64_data: values.to_vec(),
            name: name.clone(),
            ..Default::default()
        });
        name
    }

    /// A `string` constant with shape `dims`; returns its name.
    pub fn strings(&mut self, hint: &str, values: &[String], dims: &[usize]) -> String {
        let name = self.name(hint);
        self.initializers.push(TensorProto {
            dims: dims_of(dims),
            data_type: Elem::String.code(),
            string_data: values.iter().map(|s| s.as_bytes().to_vec()).collect(),
            name: name.clone(),
            ..Default::default()
        });
        name
    }

    /// `tensor` cast to `elem` (no node when it already is).
    pub fn cast(&mut self, tensor: &Tensor, elem: Elem) -> Tensor {
        if tensor.elem == elem {
            return tensor.clone();
        }
        let name = self.op("Cast", &[&tensor.name], vec![attr::int("to", elem.code() as i64)]);
        Tensor {
            name,
            elem,
            ..tensor.clone()
        }
    }

    /// The labels of the rows whose best class index is in `index` (`[N]`
    /// `int64`): a `Gather` from the class labels.
    pub fn labels_from_index(&mut self, index: &str, classes: &Classes) -> Tensor {
        let table = match classes {
            Classes::Ints(v) => self.ints("classes", v, &[v.len()]),
            Classes::Strings(v) => self.strings("classes", v, &[v.len()]),
        };
        let name = self.op("Gather", &[&table, index], vec![attr::int("axis", 0)]);
        Tensor::vector(name, classes.elem())
    }

    /// The labels of the best column of `scores` (`[N, classes]`): ArgMax
    /// over axis 1, then [`Graph::labels_from_index`]. Ties go to the first
    /// column, as learnkit's and numpy's `argmax`.
    pub fn labels_from_scores(&mut self, scores: &Tensor, classes: &Classes) -> Tensor {
        let index = self.op(
            "ArgMax",
            &[&scores.name],
            vec![attr::int("axis", 1), attr::int("keepdims", 0)],
        );
        self.labels_from_index(&index, classes)
    }

    /// Two-class probabilities `[1 − σ(z), σ(z)]` (`[N, 2]`) from one
    /// column of log-odds `z` (`[N, 1]`), by `Sigmoid`, `Sub` and `Concat`
    /// in `z`'s float type: learnkit's own arithmetic.
    pub fn binary_probabilities(&mut self, z: &Tensor) -> Tensor {
        let p = self.op("Sigmoid", &[&z.name], vec![]);
        let one = self.floats("one", &[1.0], &[1], z.elem);
        let q = self.op("Sub", &[&one, &p], vec![]);
        let name = self.op("Concat", &[&q, &p], vec![attr::int("axis", 1)]);
        Tensor::matrix(name, z.elem, 2)
    }

    /// The given columns of `input` (`[N, columns]`): a `Gather` on axis 1
    /// with an `int64` index constant, as skl2onnx selects a
    /// `ColumnTransformer`'s columns; no node when they are all of them in
    /// order.
    pub fn columns(&mut self, input: &Tensor, columns: &[usize]) -> Tensor {
        let all = input.width == Some(columns.len()) && columns.iter().enumerate().all(|(k, &j)| k == j);
        if all {
            return input.clone();
        }
        let indices: Vec<i64> = columns.iter().map(|&j| j as i64).collect();
        let indices = self.ints("columns", &indices, &[indices.len()]);
        let name = self.op("Gather", &[&input.name, &indices], vec![attr::int("axis", 1)]);
        Tensor::matrix(name, input.elem, columns.len())
    }

    /// `[N, a]`, `[N, b]`, … side by side (`Concat` on axis 1; no node for
    /// one part). The parts share an element type; callers give at least
    /// one (the graph's float type is assumed for none).
    pub fn concat_columns(&mut self, parts: &[Tensor]) -> Tensor {
        if let [one] = parts {
            return one.clone();
        }
        let names: Vec<&str> = parts.iter().map(|t| t.name.as_str()).collect();
        let name = self.op("Concat", &names, vec![attr::int("axis", 1)]);
        let width = parts.iter().map(|t| t.width.unwrap_or(1)).sum();
        let elem = parts.first().map_or_else(|| self.float(), |t| t.elem);
        Tensor::matrix(name, elem, width)
    }

    /// `input` with a new axis of size 1 at `axis` (`Unsqueeze`).
    pub fn unsqueeze(&mut self, input: &str, axis: i64) -> String {
        let axes = self.ints("axes", &[axis], &[1]);
        self.op("Unsqueeze", &[input, &axes], vec![])
    }

    /// A reduction (`ReduceSum`, `ReduceMax`, `ReduceLogSumExp`, …) of
    /// `input` over `axes`. The axes are an input from `ai.onnx` opset 18
    /// (13 for `ReduceSum`) and an attribute before, so the node follows
    /// the opset of the options.
    pub fn reduce(&mut self, op_type: &str, input: &str, axes: &[i64], keepdims: bool) -> String {
        let keep = attr::int("keepdims", i64::from(keepdims));
        if op_type == "ReduceSum" || self.options.ml_opset.onnx_opset() >= 18 {
            let axes = self.ints("axes", axes, &[axes.len()]);
            self.op(op_type, &[input, &axes], vec![keep])
        } else {
            self.op(op_type, &[input], vec![attr::ints("axes", axes), keep])
        }
    }

    /// The probabilities of each row of log-scores known up to a constant
    /// per row (a joint log-likelihood): `exp(s − logsumexp(s))` by
    /// `ReduceLogSumExp`, `Sub` and `Exp`, as skl2onnx normalises naive
    /// Bayes and mixture scores.
    pub fn probabilities_from_log(&mut self, log_scores: &Tensor) -> Tensor {
        let norm = self.reduce("ReduceLogSumExp", &log_scores.name, &[1], true);
        let centred = self.op("Sub", &[&log_scores.name, &norm], vec![]);
        let name = self.op("Exp", &[&centred], vec![]);
        Tensor {
            name,
            ..log_scores.clone()
        }
    }

    /// How many nodes the graph has: the mark [`Graph::subgraph_since`]
    /// takes the later nodes from.
    pub fn mark(&self) -> usize {
        self.nodes.len()
    }

    /// The nodes added since `mark`, moved into a subgraph (a `Loop` body)
    /// whose inputs and outputs are `(name, TensorProto.DataType code,
    /// rank)`: a rank of `Some(0)` for scalars (onnxruntime needs it for the
    /// `Loop`'s iteration count and condition), `None` to leave the shape to
    /// inference. The subgraph reads the graph's other values
    /// (initializers, earlier outputs) by name.
    pub fn subgraph_since(
        &mut self,
        mark: usize,
        inputs: &[SubgraphValue<'_>],
        outputs: &[SubgraphValue<'_>],
    ) -> GraphProto {
        let info = |&(name, elem_type, rank): &SubgraphValue<'_>| ValueInfoProto {
            name: name.to_string(),
            r#type: Some(TypeProto {
                value: Some(type_proto::Value::TensorType(type_proto::Tensor {
                    elem_type,
                    shape: rank.map(|r| TensorShapeProto {
                        dim: vec![Default::default(); r],
                    }),
                })),
                ..Default::default()
            }),
            ..Default::default()
        };
        GraphProto {
            node: self.nodes.split_off(mark),
            name: self.name("body"),
            input: inputs.iter().map(info).collect(),
            output: outputs.iter().map(info).collect(),
            ..Default::default()
        }
    }

    /// The nodes and initializers, for the model.
    pub(crate) fn into_parts(self) -> (Vec<NodeProto>, Vec<TensorProto>) {
        (self.nodes, self.initializers)
    }

    /// Whether any node is of the `ai.onnx.ml` domain.
    pub(crate) fn uses_ml(&self) -> bool {
        self.nodes.iter().any(|n| n.domain == ML_DOMAIN)
    }
}

/// A float or double tensor proto (for initializers and tensor attributes).
pub fn float_tensor(name: &str, values: &[f64], dims: &[usize], elem: Elem) -> TensorProto {
    let mut t = TensorProto {
        dims: dims_of(dims),
        data_type: elem.code(),
        name: name.to_string(),
        ..Default::default()
    };
    match elem {
        Elem::Double => t.double_data = values.to_vec(),
        _ => t.float_data = values.iter().map(|&v| v as f32).collect(),
    }
    t
}

fn dims_of(dims: &[usize]) -> Vec<i64> {
    dims.iter().map(|&d| d as i64).collect()
}

/// Attribute constructors.
pub mod attr {
    use super::{AttributeProto, AttributeType, GraphProto, TensorProto};

    fn named(name: &str, kind: AttributeType) -> AttributeProto {
        AttributeProto {
            name: name.to_string(),
            r#type: kind as i32,
            ..Default::default()
        }
    }

    /// An `int` attribute.
    pub fn int(name: &str, value: i64) -> AttributeProto {
        AttributeProto {
            i: value,
            ..named(name, AttributeType::Int)
        }
    }

    /// An `ints` attribute.
    pub fn ints(name: &str, values: &[i64]) -> AttributeProto {
        AttributeProto {
            ints: values.to_vec(),
            ..named(name, AttributeType::Ints)
        }
    }

    /// A `float` attribute (rounded to `f32`).
    pub fn float(name: &str, value: f64) -> AttributeProto {
        AttributeProto {
            f: value as f32,
            ..named(name, AttributeType::Float)
        }
    }

    /// A `floats` attribute (each rounded to `f32`, to nearest).
    pub fn floats(name: &str, values: &[f64]) -> AttributeProto {
        floats32(name, values.iter().map(|&v| v as f32).collect())
    }

    /// A `floats` attribute from values already in `f32`.
    pub fn floats32(name: &str, values: Vec<f32>) -> AttributeProto {
        AttributeProto {
            floats: values,
            ..named(name, AttributeType::Floats)
        }
    }

    /// A `string` attribute.
    pub fn string(name: &str, value: &str) -> AttributeProto {
        AttributeProto {
            s: value.as_bytes().to_vec(),
            ..named(name, AttributeType::String)
        }
    }

    /// A `strings` attribute.
    pub fn strings<S: AsRef<str>>(name: &str, values: &[S]) -> AttributeProto {
        AttributeProto {
            strings: values.iter().map(|s| s.as_ref().as_bytes().to_vec()).collect(),
            ..named(name, AttributeType::Strings)
        }
    }

    /// A `graph` attribute (a `Loop` body).
    pub fn graph(name: &str, value: GraphProto) -> AttributeProto {
        AttributeProto {
            g: Some(value),
            ..named(name, AttributeType::Graph)
        }
    }

    /// A `tensor` attribute (the `*_as_tensor` attributes of the tree
    /// ensembles, which carry `double` values).
    pub fn tensor(name: &str, value: TensorProto) -> AttributeProto {
        AttributeProto {
            t: Some(value),
            ..named(name, AttributeType::Tensor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onnx::MlOpset;

    fn nodes_of(graph: Graph) -> Vec<(String, Vec<String>, Vec<String>)> {
        let (nodes, _) = graph.into_parts();
        nodes
            .into_iter()
            .map(|n| (n.op_type, n.input, n.attribute.into_iter().map(|a| a.name).collect()))
            .collect()
    }

    #[test]
    fn selecting_every_column_in_order_adds_no_node() {
        let mut graph = Graph::new(OnnxOptions::default());
        let x = Tensor::matrix("X".into(), Elem::Float, 3);
        assert_eq!(graph.columns(&x, &[0, 1, 2]), x);
        let picked = graph.columns(&x, &[2, 0]);
        assert_eq!(picked.width, Some(2));
        assert_eq!(graph.concat_columns(std::slice::from_ref(&picked)), picked);
        let both = graph.concat_columns(&[x.clone(), picked]);
        assert_eq!(both.width, Some(5));
        let ops: Vec<String> = nodes_of(graph).into_iter().map(|(op, _, _)| op).collect();
        assert_eq!(ops, ["Gather", "Concat"]);
    }

    #[test]
    fn reductions_take_their_axes_as_the_opset_wants() {
        for (opset, as_input) in [(MlOpset::V3, false), (MlOpset::V5, true)] {
            let mut graph = Graph::new(OnnxOptions::default().ml_opset(opset));
            graph.reduce("ReduceMax", "X", &[1], true);
            graph.reduce("ReduceSum", "X", &[1], false);
            let (nodes, initializers) = graph.into_parts();
            assert_eq!(nodes[0].input.len() == 2, as_input, "{opset:?}");
            assert_eq!(nodes[0].attribute.iter().any(|a| a.name == "axes"), !as_input);
            // ReduceSum has taken its axes as an input since opset 13.
            assert_eq!(nodes[1].input.len(), 2);
            assert_eq!(initializers.len(), 1 + usize::from(as_input));
        }
    }
}
