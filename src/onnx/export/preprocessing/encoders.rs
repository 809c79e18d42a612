//! `OneHotEncoder` and `OrdinalEncoder` with standard operators (`Equal`,
//! `ArgMax`, `Gather`, `Where`), which compare a float input with
//! categories of any value, in float and double graphs alike (ONNX-ML's
//! `OneHotEncoder` casts float inputs to integers, and its `LabelEncoder`
//! takes doubles only from opset 4).
//!
//! Both encoders give each cell a code looked up from its feature's
//! categories ([`CategoryCodes`], which the encoders derive from their own
//! transform logic: infrequent groups, the dropped category, `NaN` as a
//! category, `handle_unknown`): an ordinal encoder's output is that code, a
//! one-hot encoder's code is the output column set to 1 (`-1` for none).
//! A graph cannot fail, so where learnkit's transform refuses an unknown
//! category (`handle_unknown` `Error`) the graph gives zeros (one-hot) or
//! `NaN` (ordinal).

use crate::error::Result;
use crate::float::Float;
use crate::onnx::graph::{Elem, Exported, Graph, Tensor, attr};
use crate::onnx::sealed::OnnxExport;
use crate::preprocessing::{CategoryCodes, FittedOneHotEncoder, FittedOrdinalEncoder};

impl<F: Float> OnnxExport for FittedOneHotEncoder<F> {
    fn onnx_type_name(&self) -> String {
        "FittedOneHotEncoder".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    /// The cells' output columns, compared with every column index
    /// (`[N, features, outputs]`), summed over the features: each output
    /// column belongs to one feature, so the sums are 0 or 1. A sparse
    /// output is dense in ONNX, with the same values.
    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let n_out = self.n_features_out();
        if n_out == 0 {
            return Err(crate::onnx::unsupported(
                "FittedOneHotEncoder",
                "it outputs no column (every feature's only category is dropped)",
            ));
        }
        let codes = category_codes(graph, &input, &self.category_codes());
        let cells = graph.unsqueeze(&codes.name, 2);
        let columns: Vec<f64> = (0..n_out).map(|c| c as f64).collect();
        let columns = graph.floats("output_columns", &columns, &[n_out], input.elem);
        let equal = graph.op("Equal", &[&cells, &columns], vec![]);
        let hot = graph.op("Cast", &[&equal], vec![attr::int("to", input.elem.code() as i64)]);
        let name = graph.reduce("ReduceSum", &hot, &[1], false);
        Ok(Exported::Transform(Tensor::matrix(name, input.elem, n_out)))
    }
}

impl<F: Float> OnnxExport for FittedOrdinalEncoder<F> {
    fn onnx_type_name(&self) -> String {
        "FittedOrdinalEncoder".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        Ok(Exported::Transform(category_codes(
            graph,
            &input,
            &self.category_codes(),
        )))
    }
}

/// The code of each cell of `input` (`[N, features]`): each cell is
/// compared with its feature's categories (a `[features, k]` constant padded
/// with `NaN`, which equals nothing); `ArgMax` finds the matching one, whose
/// code is gathered from a flat table; a cell matching none takes its
/// feature's `NaN` code when it is `NaN`, its unknown code otherwise.
///
/// A float graph's input is `f32`: a category `f32` cannot hold exactly is
/// never equal to an input, as in learnkit on the same `f32` values, so it
/// is written as `NaN` rather than rounded onto a neighbouring value.
fn category_codes(graph: &mut Graph, input: &Tensor, columns: &[CategoryCodes]) -> Tensor {
    let float = input.elem;
    let p = columns.len();
    let width = columns.iter().map(|c| c.values.len()).max().unwrap_or(0).max(1);
    let mut values = vec![f64::NAN; p * width];
    let mut codes = vec![0.0; p * width];
    for (j, column) in columns.iter().enumerate() {
        for (k, (&v, &code)) in column.values.iter().zip(&column.codes).enumerate() {
            let exact = float == Elem::Double || v as f32 as f64 == v;
            values[j * width + k] = if exact { v } else { f64::NAN };
            codes[j * width + k] = code;
        }
    }
    let missing: Vec<f64> = columns.iter().map(|c| c.missing).collect();
    let unknown: Vec<f64> = columns.iter().map(|c| c.unknown).collect();
    let offsets: Vec<i64> = (0..p).map(|j| (j * width) as i64).collect();
    let values = graph.floats("categories", &values, &[p, width], float);
    let table = graph.floats("codes", &codes, &[p * width], float);
    let missing = graph.floats("missing_codes", &missing, &[p], float);
    let unknown = graph.floats("unknown_codes", &unknown, &[p], float);
    let offsets = graph.ints("feature_offsets", &offsets, &[p]);
    let zero = graph.floats("zero", &[0.0], &[], float);

    let cells = graph.unsqueeze(&input.name, 2);
    let equal = graph.op("Equal", &[&cells, &values], vec![]);
    let matches = graph.op("Cast", &[&equal], vec![attr::int("to", float.code() as i64)]);
    let position = graph.op(
        "ArgMax",
        &[&matches],
        vec![attr::int("axis", 2), attr::int("keepdims", 0)],
    );
    let n_matches = graph.reduce("ReduceSum", &matches, &[2], false);
    let found = graph.op("Greater", &[&n_matches, &zero], vec![]);
    let index = graph.op("Add", &[&position, &offsets], vec![]);
    let code = graph.op("Gather", &[&table, &index], vec![attr::int("axis", 0)]);
    let is_nan = graph.op("IsNaN", &[&input.name], vec![]);
    let fallback = graph.op("Where", &[&is_nan, &missing, &unknown], vec![]);
    let name = graph.op("Where", &[&found, &code, &fallback], vec![]);
    Tensor::matrix(name, float, p)
}
