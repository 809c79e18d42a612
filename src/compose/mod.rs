//! Composite estimators: [`Pipeline`].

mod pipeline;

pub use pipeline::{FittedPipeline, Pipeline, Then};
