//! Feature scaling and encoding.

mod standard_scaler;

pub use standard_scaler::{FittedStandardScaler, StandardScaler};
