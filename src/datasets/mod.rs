//! Bundled datasets, a CSV reader for your own files, and synthetic data
//! generators.

use ndarray::{Array1, Array2};

/// A dataset: features, targets and their names.
#[derive(Clone, Debug)]
pub struct Dataset<T> {
    /// Features, one row per sample.
    pub data: Array2<f64>,
    /// Targets, one per sample.
    pub target: Array1<T>,
    /// One name per feature column.
    pub feature_names: Vec<String>,
    /// For classification, the name of each class code; empty for regression.
    pub target_names: Vec<String>,
}

/// The iris dataset (150 samples, 4 features, 3 classes).
pub fn load_iris() -> Dataset<usize> {
    todo!("datasets helper")
}

mod generators;

pub use generators::{BlobSamples, Centers, ClusterStd, FeatureValues, MakeBlobs, MakeClassification, MakeRegression};

mod csv;

pub use self::csv::{ColumnRef, CsvDataset, CsvOptions, read_csv, read_csv_from_reader};
