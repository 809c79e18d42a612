//! Bundled datasets, MNIST (read from its IDX files), a CSV reader for your
//! own files, and synthetic data generators. The
//! [data guide](crate::guide::data) covers CSV files, categorical columns
//! and missing values.
//!
//! The bundled datasets need the `datasets` feature and the file readers
//! the `io` feature (both on by default); the generators are always there.
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

#[cfg(feature = "datasets")]
mod bundled;

#[cfg(feature = "datasets")]
pub use bundled::{load_breast_cancer, load_diabetes, load_diabetes_unscaled, load_digits, load_iris, load_wine};

use ndarray::{Array1, Array2};

/// A dataset: features, targets and their names.
///
/// # Example
/// ```
/// let wine = learnkit::datasets::load_wine();
/// assert_eq!(wine.data.nrows(), wine.target.len());
/// assert_eq!(wine.data.ncols(), wine.feature_names.len());
/// ```
///
/// The loaders return `f64` features; [`Dataset::to_f32`] gives `f32` ones
/// (`Dataset<usize, f32>`).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Dataset<T, F = f64> {
    /// Features, one row per sample.
    pub data: Array2<F>,
    /// Targets, one per sample.
    pub target: Array1<T>,
    /// One name per feature column.
    pub feature_names: Vec<String>,
    /// For classification, the name of each class code; empty for regression.
    pub target_names: Vec<String>,
}

impl<T: Clone> Dataset<T> {
    /// An `f32` copy: every feature cast from `f64` to the nearest `f32`,
    /// targets and names unchanged, for estimators fitted in `f32` (half the
    /// memory) without a `mapv` by hand.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{load_iris, Dataset};
    /// let iris: Dataset<usize, f32> = load_iris().to_f32();
    /// assert_eq!(iris.data[[0, 0]], 5.1f32);
    /// assert_eq!(iris.target, load_iris().target);
    /// ```
    pub fn to_f32(&self) -> Dataset<T, f32> {
        Dataset {
            data: self.data.mapv(|v| v as f32),
            target: self.target.clone(),
            feature_names: self.feature_names.clone(),
            target_names: self.target_names.clone(),
        }
    }
}

mod generators;

pub use generators::{BlobSamples, Centers, ClusterStd, FeatureValues, MakeBlobs, MakeClassification, MakeRegression};

#[cfg(feature = "io")]
mod csv;

#[cfg(feature = "io")]
pub use self::csv::{ColumnRef, CsvDataset, CsvOptions, IntoCategories, read_csv, read_csv_from_reader};

#[cfg(feature = "io")]
mod idx;

#[cfg(feature = "io")]
pub use idx::{Mnist, load_mnist, load_mnist_f32, read_idx_images, read_idx_labels};

#[cfg(feature = "datasets")]
mod adult;

#[cfg(feature = "datasets")]
pub use adult::{Adult, TabularSplit, load_adult};
