//! Bundled datasets, MNIST (read from its IDX files), a CSV reader for your
//! own files, and synthetic data generators. The
//! [data guide](crate::guide::data) covers CSV files, categorical columns
//! and missing values.
//!
//! # Example
//! ```
//! use learnkit::datasets::{load_iris, read_csv_from_reader, CsvOptions, MakeRegression};
//!
//! let iris = load_iris();
//! assert_eq!(iris.data.dim(), (150, 4));
//!
//! let (x, y) = MakeRegression::default().n_samples(50).n_features(3).random_state(0).generate()?;
//! assert_eq!((x.dim(), y.len()), ((50, 3), 50));
//!
//! let csv = read_csv_from_reader("size,color\n1.5,red\n2.0,blue\n".as_bytes(), "<memory>", &CsvOptions::default())?;
//! assert_eq!(csv.categorical_features, [1]);
//! # Ok::<(), learnkit::Error>(())
//! ```

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
