//! Composite estimators: [`Pipeline`], [`ColumnTransformer`].

mod pipeline;

pub use pipeline::{Chain, FittedPipeline, Leaf, Pipeline};

mod column_transformer;
mod columns;
mod feature_names;
mod passthrough;

pub use column_transformer::{
    ColumnTransformer, FittedColumnTransformer, FittedStep, FittedStepList, Remainder, Step, StepList,
};
pub use columns::Columns;
pub use passthrough::{FittedPassthrough, Passthrough};
