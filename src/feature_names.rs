//! [`FeatureNames`] for the fitted transformers whose output names follow
//! from public facts (the input count, the number of components), and the
//! helpers every implementation shares.

use crate::compose::FittedPassthrough;
use crate::decomposition::{FittedPCA, FittedTruncatedSVD};
use crate::error::Result;
use crate::float::Float;
use crate::preprocessing::{FittedMinMaxScaler, FittedOneHotEncoder, FittedOrdinalEncoder, FittedStandardScaler};
use crate::traits::FeatureNames;

/// The input names: `input_features` when it has one name per input, else
/// `x0`, `x1`, … (scikit-learn's `_check_feature_names_in`).
pub(crate) fn names_in(
    context: &'static str,
    n_features: usize,
    input_features: Option<&[String]>,
) -> Result<Vec<String>> {
    crate::preprocessing::input_names(context, n_features, input_features)
}

/// `prefix0`, `prefix1`, …: the names of components (scikit-learn's
/// `_ClassNamePrefixFeaturesOutMixin`, the lowercased class name).
fn numbered(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

/// Transformers whose output columns are their input columns.
macro_rules! passes_names_through {
    ($($ty:ident: $name:literal),*) => {
        $(
            impl<F: Float> FeatureNames for $ty<F> {
                fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
                    names_in($name, self.n_features_in(), input_features)
                }
            }
        )*
    };
}

passes_names_through!(
    FittedStandardScaler: "StandardScaler",
    FittedMinMaxScaler: "MinMaxScaler",
    FittedOrdinalEncoder: "OrdinalEncoder"
);

impl FeatureNames for FittedPassthrough {
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        names_in("Passthrough", self.n_features_in(), input_features)
    }
}

impl<F: Float> FeatureNames for FittedOneHotEncoder<F> {
    /// [`FittedOneHotEncoder::feature_names_out`].
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        self.feature_names_out(input_features)
    }
}

impl<F: Float> FeatureNames for FittedPCA<F> {
    /// `pca0`, `pca1`, …, one per component; `input_features` is only
    /// checked for its length.
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        names_in("PCA", self.n_features_in(), input_features)?;
        Ok(numbered("pca", self.n_components()))
    }
}

impl<F: Float> FeatureNames for FittedTruncatedSVD<F> {
    /// `truncatedsvd0`, `truncatedsvd1`, …, one per component;
    /// `input_features` is only checked for its length.
    fn get_feature_names_out(&self, input_features: Option<&[String]>) -> Result<Vec<String>> {
        names_in("TruncatedSVD", self.n_features_in(), input_features)?;
        Ok(numbered("truncatedsvd", self.components().nrows()))
    }
}
