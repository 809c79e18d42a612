//! Feature scaling and encoding.

mod standard_scaler;

pub use standard_scaler::{FittedStandardScaler, StandardScaler};

mod categories;
mod label_encoder;
mod min_max_scaler;
mod one_hot_encoder;
mod ordinal_encoder;
mod rows;
mod simple_imputer;

pub(crate) use categories::input_names;
pub use categories::{Categories, MinFrequency};
pub use label_encoder::{FittedLabelEncoder, LabelEncoder};
pub use min_max_scaler::{FittedMinMaxScaler, MinMaxScaler};
pub use one_hot_encoder::{DropCategory, FittedOneHotEncoder, HandleUnknown, OneHotEncoder};
pub use ordinal_encoder::{EncodedValue, FittedOrdinalEncoder, OrdinalEncoder, OrdinalUnknown};
pub use simple_imputer::{FittedSimpleImputer, ImputeStrategy, SimpleImputer};
