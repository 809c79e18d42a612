//! The exported model: the graph's outputs named as skl2onnx names them,
//! the opsets, and writing the protobuf bytes.

use prost::Message;

use super::OnnxOptions;
use super::graph::{Classes, Elem, Exported, Graph, ML_DOMAIN, Tensor, attr};
use super::proto::{
    GraphProto, ModelProto, OperatorSetIdProto, TensorShapeProto, TypeProto, ValueInfoProto, tensor_shape_proto,
    type_proto,
};
use crate::error::{Error, Result};

/// An exported ONNX model, ready to be written.
///
/// # Example
/// ```
/// use learnkit::prelude::*;
/// use learnkit::onnx::{OnnxOptions, ToOnnx};
/// use ndarray::array;
///
/// let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]];
/// let y = array![0, 0, 1, 1];
/// let model = LogisticRegression::default().fit(x.view(), y.view())?;
/// let onnx = model.to_onnx(&OnnxOptions::default().zipmap(false))?;
/// assert_eq!(onnx.input_name(), "X");
/// assert_eq!(onnx.output_names(), ["output_label", "output_probability"]);
/// let path = std::env::temp_dir().join("learnkit-doc-logistic.onnx");
/// onnx.save(&path)?;
/// assert_eq!(std::fs::read(&path).unwrap(), onnx.to_bytes());
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct OnnxModel {
    proto: ModelProto,
}

impl OnnxModel {
    /// The serialised model (an ONNX `ModelProto`), as a `.onnx` file holds it.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::onnx::{OnnxOptions, ToOnnx};
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert!(!scaler.to_onnx(&OnnxOptions::default())?.to_bytes().is_empty());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        self.proto.encode_to_vec()
    }

    /// Writes the model to `path` (conventionally ending in `.onnx`).
    ///
    /// # Errors
    /// [`Error::Write`] when the file cannot be written.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::onnx::{OnnxOptions, ToOnnx};
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// let path = std::env::temp_dir().join("learnkit-doc-scaler.onnx");
    /// scaler.to_onnx(&OnnxOptions::default())?.save(&path)?;
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn save(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_bytes()).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })
    }

    /// The graph input's name.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::onnx::{OnnxOptions, ToOnnx};
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// let onnx = scaler.to_onnx(&OnnxOptions::default().input_name("features"))?;
    /// assert_eq!(onnx.input_name(), "features");
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn input_name(&self) -> &str {
        self.graph().input.first().map_or("", |v| v.name.as_str())
    }

    /// The graph outputs' names: `["variable"]` for a transformer or a
    /// regressor, `["output_label", "output_probability"]` for a classifier,
    /// `["label", "scores"]` for KMeans and `["label", "probabilities"]` for
    /// a Gaussian mixture.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::onnx::{OnnxOptions, ToOnnx};
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(scaler.to_onnx(&OnnxOptions::default())?.output_names(), ["variable"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn output_names(&self) -> Vec<&str> {
        self.graph().output.iter().map(|v| v.name.as_str()).collect()
    }

    /// The graph's operators in order, as `domain:op_type` for the
    /// `ai.onnx.ml` ones and `op_type` for the standard ones.
    ///
    /// # Example
    /// ```
    /// use learnkit::prelude::*;
    /// use learnkit::onnx::{OnnxOptions, ToOnnx};
    /// use ndarray::array;
    /// let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
    /// assert_eq!(scaler.to_onnx(&OnnxOptions::default())?.operators(), ["ai.onnx.ml:Scaler", "Identity"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn operators(&self) -> Vec<String> {
        self.graph()
            .node
            .iter()
            .map(|n| {
                if n.domain.is_empty() {
                    n.op_type.clone()
                } else {
                    format!("{}:{}", n.domain, n.op_type)
                }
            })
            .collect()
    }

    fn graph(&self) -> &GraphProto {
        self.proto.graph.as_ref().expect("an exported model always has a graph")
    }
}

/// The model around a finished graph: outputs renamed to skl2onnx's names
/// (`variable`; `output_label` and `output_probability`, through `ZipMap`
/// when asked; a clusterer's `label` and `scores` or `probabilities`),
/// value infos, opsets and producer.
pub(crate) fn assemble(mut graph: Graph, input: Tensor, exported: Exported, type_name: &str) -> OnnxModel {
    let options: OnnxOptions = graph.options().clone();
    let outputs = match exported {
        Exported::Transform(t) | Exported::Regression(t) => {
            vec![rename(&mut graph, &t, "variable")]
        }
        Exported::Classification { label, scores, classes } => {
            let label = rename(&mut graph, &label, "output_label");
            let probability = if options.zipmap {
                zipmap(&mut graph, &scores, &classes)
            } else {
                rename(&mut graph, &scores, "output_probability")
            };
            vec![label, probability]
        }
        Exported::Clusters {
            label,
            scores,
            scores_name,
        } => vec![
            rename(&mut graph, &label, "label"),
            rename(&mut graph, &scores, scores_name),
        ],
    };
    let uses_ml = graph.uses_ml();
    let (node, initializer) = graph.into_parts();
    let mut opset_import = vec![OperatorSetIdProto {
        domain: String::new(),
        version: options.ml_opset.onnx_opset(),
    }];
    if uses_ml {
        opset_import.push(OperatorSetIdProto {
            domain: ML_DOMAIN.to_string(),
            version: options.ml_opset.version(),
        });
    }
    OnnxModel {
        proto: ModelProto {
            ir_version: options.ml_opset.ir_version(),
            opset_import,
            producer_name: "learnkit".to_string(),
            producer_version: env!("CARGO_PKG_VERSION").to_string(),
            doc_string: format!("{type_name} exported by learnkit"),
            graph: Some(GraphProto {
                node,
                name: "learnkit".to_string(),
                initializer,
                input: vec![tensor_info(&input)],
                output: outputs,
                ..Default::default()
            }),
            ..Default::default()
        },
    }
}

/// `tensor` under the output name `name` (an `Identity` node), and its
/// value info.
fn rename(graph: &mut Graph, tensor: &Tensor, name: &str) -> ValueInfoProto {
    graph.op_named("Identity", &[&tensor.name], name, vec![]);
    tensor_info(&Tensor {
        name: name.to_string(),
        ..tensor.clone()
    })
}

/// `output_probability` as a sequence of `{label: probability}` maps
/// (`ZipMap` takes `float` scores; a double graph casts them first).
fn zipmap(graph: &mut Graph, scores: &Tensor, classes: &Classes) -> ValueInfoProto {
    let scores = graph.cast(scores, Elem::Float);
    let name = "output_probability";
    let labels = match classes {
        Classes::Ints(v) => attr::ints("classlabels_int64s", v),
        Classes::Strings(v) => attr::strings("classlabels_strings", v),
    };
    graph.ml_op_named("ZipMap", &[&scores.name], name, vec![labels]);
    let key_type = classes.elem().code();
    let map = TypeProto {
        value: Some(type_proto::Value::MapType(Box::new(type_proto::Map {
            key_type,
            value_type: Some(Box::new(tensor_type(Elem::Float, &[]))),
        }))),
        ..Default::default()
    };
    ValueInfoProto {
        name: name.to_string(),
        r#type: Some(TypeProto {
            value: Some(type_proto::Value::SequenceType(Box::new(type_proto::Sequence {
                elem_type: Some(Box::new(map)),
            }))),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The value info of a `[N, width]` or `[N]` tensor (`N` symbolic).
fn tensor_info(tensor: &Tensor) -> ValueInfoProto {
    let mut dims = vec![Dim::Symbolic("N")];
    if let Some(width) = tensor.width {
        dims.push(Dim::Fixed(width));
    }
    ValueInfoProto {
        name: tensor.name.clone(),
        r#type: Some(tensor_type(tensor.elem, &dims)),
        ..Default::default()
    }
}

enum Dim {
    Symbolic(&'static str),
    Fixed(usize),
}

fn tensor_type(elem: Elem, dims: &[Dim]) -> TypeProto {
    use tensor_shape_proto::{Dimension, dimension::Value};
    let dim = dims
        .iter()
        .map(|d| Dimension {
            value: Some(match d {
                Dim::Symbolic(s) => Value::DimParam(s.to_string()),
                Dim::Fixed(n) => Value::DimValue(*n as i64),
            }),
            ..Default::default()
        })
        .collect();
    TypeProto {
        value: Some(type_proto::Value::TensorType(type_proto::Tensor {
            elem_type: elem.code(),
            shape: Some(TensorShapeProto { dim }),
        })),
        ..Default::default()
    }
}
