//! Composite estimators: [`Pipeline`] (steps in sequence) and
//! [`ColumnTransformer`] (transformers on subsets of the columns), fitted,
//! saved and cross-validated as one model. The
//! [pipelines guide](crate::guide::pipelines) shows the usual recipes.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::compose::{ColumnTransformer, Remainder};
//! use learnkit::datasets::load_iris;
//!
//! let iris = load_iris();
//! let preprocess = ColumnTransformer::new()
//!     .add("sepals", StandardScaler::default(), [0, 1])
//!     .add("petals", MinMaxScaler::default(), [2, 3]);
//! let model = Pipeline::new(preprocess, LogisticRegression::default())
//!     .fit(iris.data.view(), iris.target.view())?;
//! assert!(model.score(iris.data.view(), iris.target.view())? > 0.9);
//! assert_eq!(model.first.n_features_out(), 4);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod pipeline;

pub use pipeline::{Chain, FittedPipeline, Leaf, Pipeline};
pub(crate) use pipeline::{resolve_names, type_default_name, validate_names};

mod column_transformer;
mod columns;
mod feature_names;
mod passthrough;

pub use column_transformer::{
    ColumnTransformer, FittedColumnTransformer, FittedStep, FittedStepList, Remainder, Step, StepList,
};
pub use columns::Columns;
pub use passthrough::{FittedPassthrough, Passthrough};
