//! Bundled datasets, MNIST (read from its IDX files), a CSV reader for your
//! own files, and synthetic data generators.

mod bundled;

pub use bundled::{load_breast_cancer, load_digits, load_iris, load_wine};

use ndarray::{Array1, Array2};

/// A dataset: features, targets and their names.
///
/// # Example
/// ```
/// let wine = learnkit::datasets::load_wine();
/// assert_eq!(wine.data.nrows(), wine.target.len());
/// assert_eq!(wine.data.ncols(), wine.feature_names.len());
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
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

mod generators;

pub use generators::{BlobSamples, Centers, ClusterStd, FeatureValues, MakeBlobs, MakeClassification, MakeRegression};

mod csv;

pub use self::csv::{ColumnRef, CsvDataset, CsvOptions, read_csv, read_csv_from_reader};

mod idx;

pub use idx::{Mnist, load_mnist, read_idx_images, read_idx_labels};

mod adult;

pub use adult::{Adult, TabularSplit, load_adult};
