//! Feature scaling, encoding and imputation: [`StandardScaler`],
//! [`MinMaxScaler`], [`MaxAbsScaler`], [`Normalizer`], [`OneHotEncoder`], [`OrdinalEncoder`],
//! [`SimpleImputer`], [`PolynomialFeatures`], and [`LabelEncoder`] for targets.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use ndarray::array;
//!
//! let x = array![[1.0, 0.0], [2.0, 1.0], [3.0, f64::NAN]];
//! let imputed = SimpleImputer::default().fit_unsupervised(x.view())?.transform(x.view())?;
//! assert_eq!(imputed[[2, 1]], 0.5); // the column's mean
//! let scaled = MinMaxScaler::default().fit_unsupervised(imputed.view())?.transform(imputed.view())?;
//! assert_eq!(scaled.column(0).to_vec(), [0.0, 0.5, 1.0]);
//! let codes = array![[0.0], [2.0], [0.0]];
//! let one_hot = OneHotEncoder::default().fit_unsupervised(codes.view())?.transform(codes.view())?;
//! assert_eq!(one_hot, array![[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod standard_scaler;

pub use standard_scaler::{FittedStandardScaler, StandardScaler};

mod categories;
mod label_encoder;
mod min_max_scaler;
mod one_hot_encoder;
mod ordinal_encoder;
mod rows;
mod simple_imputer;

#[cfg(feature = "onnx")]
pub(crate) use categories::CategoryCodes;
pub(crate) use categories::input_names;
pub use categories::{Categories, MinFrequency};
pub use label_encoder::{FittedLabelEncoder, LabelEncoder};
pub use min_max_scaler::{FittedMinMaxScaler, MinMaxScaler};
pub use one_hot_encoder::{DropCategory, FittedOneHotEncoder, HandleUnknown, OneHotEncoder};
pub use ordinal_encoder::{EncodedValue, FittedOrdinalEncoder, OrdinalEncoder, OrdinalUnknown};
pub use simple_imputer::{FittedSimpleImputer, ImputeStrategy, SimpleImputer};

mod polynomial_features;
pub use polynomial_features::{Degree, FittedPolynomialFeatures, PolynomialFeatures};

mod max_abs_scaler;
mod normalizer;
pub use max_abs_scaler::{FittedMaxAbsScaler, MaxAbsScaler};
pub use normalizer::{FittedNormalizer, Norm, Normalizer};
