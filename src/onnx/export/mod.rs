//! The exports of learnkit's fitted types, one file per family, each
//! following skl2onnx's converter for the scikit-learn model of the same
//! name; `unsupported.rs` lists the types with no ONNX form yet.

mod cluster;
mod compose;
mod decomposition;
mod feature_extraction;
mod hist_gradient_boosting;
mod linear_model;
mod mixture;
mod model_selection;
mod naive_bayes;
mod neighbors;
mod preprocessing;
mod svm;
mod tree;
mod tree_ensemble;
mod unsupported;

/// Implements `OnnxExport` for a type with no ONNX form (yet): the export
/// is [`crate::Error::Unsupported`] naming the type and saying why.
macro_rules! unsupported_export {
    ($([$($generics:tt)*] $ty:ty => $name:literal, $why:literal;)*) => {$(
        impl<$($generics)*> $crate::onnx::sealed::OnnxExport for $ty {
            fn onnx_type_name(&self) -> String {
                $name.to_string()
            }

            fn onnx_n_features(&self) -> usize {
                0
            }

            fn onnx_graph(
                &self,
                _graph: &mut $crate::onnx::graph::Graph,
                _input: $crate::onnx::graph::Tensor,
            ) -> $crate::error::Result<$crate::onnx::graph::Exported> {
                Err($crate::onnx::unsupported($name, $why))
            }
        }
    )*};
}
pub(crate) use unsupported_export;
