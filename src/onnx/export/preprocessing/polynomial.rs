//! `PolynomialFeatures`: each output term a product of input columns.
//!
//! learnkit builds a degree-`d` term `x_a · x_b · …` (`a ≤ b ≤ …`) as the
//! degree-`d − 1` term `x_b · …` times `x_a`; the graph does the same
//! products, one `Mul` per degree over all the terms of that degree (their
//! factors picked by `Gather`), so a double graph gives learnkit's bits.
//! The terms are concatenated (the bias a column of ones) and the output
//! columns gathered in learnkit's order (no `Gather` when it is already
//! that order, as without a minimum degree).

use std::collections::{BTreeSet, HashMap};

use crate::error::Result;
use crate::onnx::graph::{Exported, Graph, Tensor, attr, float_tensor};
use crate::onnx::sealed::OnnxExport;
use crate::preprocessing::FittedPolynomialFeatures;

impl OnnxExport for FittedPolynomialFeatures {
    fn onnx_type_name(&self) -> String {
        "FittedPolynomialFeatures".to_string()
    }

    fn onnx_n_features(&self) -> usize {
        self.n_features_in()
    }

    fn onnx_graph(&self, graph: &mut Graph, input: Tensor) -> Result<Exported> {
        let p = self.n_features_in();
        // Each output term as its sorted feature indices (one per power).
        let terms: Vec<Vec<usize>> = self
            .powers()?
            .outer_iter()
            .map(|powers| {
                let mut term = Vec::new();
                for (j, &e) in powers.iter().enumerate() {
                    term.extend(std::iter::repeat_n(j, e));
                }
                term
            })
            .collect();
        let max_degree = terms.iter().map(Vec::len).max().unwrap_or(0);
        // Every term of degree ≥ 2 a product needs: the terms and their suffixes.
        let mut needed = vec![BTreeSet::new(); max_degree + 1];
        for term in &terms {
            let mut suffix = term.as_slice();
            while suffix.len() >= 2 {
                needed[suffix.len()].insert(suffix.to_vec());
                suffix = &suffix[1..];
            }
        }
        // The concatenated columns: the bias, the input, then each degree's
        // products; `position` says where each term is.
        let mut parts = Vec::new();
        let mut position: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut next = 0;
        if terms.iter().any(Vec::is_empty) {
            parts.push(ones_column(graph, &input));
            position.insert(Vec::new(), 0);
            next = 1;
        }
        if max_degree >= 1 {
            parts.push(input.clone());
            for j in 0..p {
                position.insert(vec![j], next + j);
            }
            next += p;
        }
        // The previous degree's products and each term's column in them.
        let mut previous = (input.clone(), (0..p).map(|j| (vec![j], j)).collect::<HashMap<_, _>>());
        for level in needed.iter().skip(2) {
            let level: Vec<&Vec<usize>> = level.iter().collect();
            let rest: Vec<usize> = level.iter().map(|t| previous.1[&t[1..]]).collect();
            let first: Vec<usize> = level.iter().map(|t| t[0]).collect();
            let rest = graph.columns(&previous.0, &rest);
            let first = graph.columns(&input, &first);
            let name = graph.op("Mul", &[&rest.name, &first.name], vec![]);
            let product = Tensor::matrix(name, input.elem, level.len());
            let mut local = HashMap::new();
            for (k, term) in level.iter().enumerate() {
                position.insert((*term).clone(), next + k);
                local.insert((*term).clone(), k);
            }
            next += level.len();
            parts.push(product.clone());
            previous = (product, local);
        }
        let all = graph.concat_columns(&parts);
        let output: Vec<usize> = terms.iter().map(|t| position[t]).collect();
        Ok(Exported::Transform(graph.columns(&all, &output)))
    }
}

/// A `[N, 1]` column of ones in the input's float type: `ConstantOfShape`
/// of the input's row count (`Shape` with `end` 1) and 1.
fn ones_column(graph: &mut Graph, input: &Tensor) -> Tensor {
    let rows = graph.op("Shape", &[&input.name], vec![attr::int("end", 1)]);
    let one = graph.ints("one", &[1], &[1]);
    let shape = graph.op("Concat", &[&rows, &one], vec![attr::int("axis", 0)]);
    let value = float_tensor("value", &[1.0], &[1], input.elem);
    let name = graph.op("ConstantOfShape", &[&shape], vec![attr::tensor("value", value)]);
    Tensor::matrix(name, input.elem, 1)
}
