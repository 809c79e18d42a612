//! # learnkit
//!
//! Classical machine learning in the scikit-learn style: one small, typed
//! interface — `fit`, `predict`, `transform`, `score` — over fast, parallel
//! implementations of the algorithms people use on tabular data.
//!
//! ## A tour
//!
//! Load a bundled dataset, split it, chain a scaler into a classifier, fit the
//! pipeline in one call and score it:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::metrics::accuracy_score;
//! use learnkit::model_selection::train_test_split;
//!
//! let iris = load_iris();
//! let split = train_test_split(iris.data.view(), iris.target.view())
//!     .test_size(0.3)
//!     .random_state(0)
//!     .stratify(iris.target.view())
//!     .split()?;
//! let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
//!     .fit(split.x_train.view(), split.y_train.view())?;
//! let predicted = model.predict(split.x_test.view())?;
//! let accuracy = accuracy_score(split.y_test.view(), predicted.view())?;
//! assert!(accuracy > 0.9);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## The user guide
//!
//! The [`guide`] walks through learnkit task by task, every example a
//! doctest: [getting started](guide::getting_started), [data](guide::data)
//! (CSV, categorical columns, missing values), [pipelines](guide::pipelines),
//! [model selection](guide::model_selection), [saving and
//! loading](guide::persistence), [parallelism](guide::parallelism),
//! [performance](guide::performance), and [learnkit for scikit-learn
//! users](guide::for_scikit_learn_users).
//!
//! ## Conventions
//! - Hyperparameters are plain structs whose `Default` is scikit-learn's, with
//!   consuming setters named like scikit-learn's parameters.
//! - `fit` never mutates the hyperparameters; it returns a fitted type
//!   (`FittedLogisticRegression`, …), so an unfitted model cannot predict.
//! - Features are any 2-D ndarray view of `f32` or `f64` ([`Float`]); class
//!   labels are any [`Label`] type and come back as the same type.
//! - Every bad input is an [`Error`]; nothing a caller passes makes the crate panic.
//! - Warnings go through the [`log`] facade, the way Rust libraries warn:
//!   nothing is printed unless the application installs a logger (such as
//!   `env_logger`). Every warning has the target `"learnkit"` and level
//!   `Warn`, and starts with the estimator's name. A solver that stops
//!   before converging (`converged() == false`: `LogisticRegression`, the
//!   fits of `LogisticRegressionCV`, `LinearSVC`, `SVC`, `SVR`) warns, and so
//!   does a linear model that comes out as the intercept-only model (its
//!   coefficients change no training decision, e.g. on features × 1e-12);
//!   a fit whose numbers would be meaningless (non-finite coefficients, a
//!   kernel that overflows `f64`) is an [`Error`] instead.
//! - Parallel work runs on rayon (every core by default, `n_jobs` to limit it)
//!   and gives bit-identical results whatever the number of threads.
//!
//! ## Cargo features
//! All but `mpi` are on by default; `default-features = false` leaves the estimators,
//! metrics, model selection and the data generators
//! ([`datasets::MakeClassification`], …) with no serde, csv or gzip code.
//! - `serde`: saving and loading fitted models ([`persistence`]) and serde's
//!   `Serialize`/`Deserialize` on every fitted type (and on ndarray's arrays).
//! - `io`: the file readers: [`datasets::read_csv`] and
//!   [`datasets::read_csv_from_reader`], the IDX readers and
//!   [`datasets::load_mnist`] (gzip-compressed files too). Brings in the
//!   `csv` and `flate2` crates.
//! - `datasets`: the datasets embedded in the library (about 0.8 MB):
//!   [`datasets::load_iris`], `load_wine`, `load_breast_cancer`,
//!   `load_digits`, `load_diabetes` and [`datasets::load_adult`]. Implies `io`.
//! - `onnx`: exporting fitted models and pipelines as ONNX ([`onnx`]), for
//!   onnxruntime. Brings in the `prost` crate.
//! - `plot`: scikit-learn's displays ([`display`]: ROC curve, confusion
//!   matrix, prediction error, feature importances, …) rendered to SVG and
//!   PNG in pure Rust. Brings in the `tiny-skia` and `ab_glyph` crates and
//!   embeds the DejaVu Sans font (about 0.76 MB).
//! - `mpi` (off by default): [`distributed`]'s `MpiCommunicator`, for the
//!   distributed fits on the ranks `mpirun` starts. Brings in the `mpi`
//!   crate, which links the system's MPI library (Debian: `openmpi-bin`,
//!   `libopenmpi-dev`, and `libclang-dev` to build its bindings). The rest
//!   of [`distributed`] runs without it, with ranks as threads.
//!
//! The documentation's examples use the embedded datasets, so the doctests
//! run with the default features (`cargo test`); `cargo check
//! --no-default-features --all-targets` is checked in CI, and tests and
//! examples that need a feature declare it (`required-features`).
//!
//! ## Stability
//! The public API follows these rules, so that new parameters, options and
//! results can be added in minor releases without breaking code that
//! compiles today:
//! - **Structs with public fields are `#[non_exhaustive]`**: hyperparameters
//!   of estimators and transformers (`LogisticRegression`, `PCA`,
//!   `StandardScaler`, …), option and builder structs (`CsvOptions`,
//!   `GridSearchCV`, the splitters, the data generators) and results
//!   (`TrainTestSplit`, `CvResults`, `CrossValidateResult`, `Fold`,
//!   `Dataset`, `CsvDataset`, the metrics' reports, progress reports). Build
//!   them with `Default` or `new` and the setters, read their public fields;
//!   a struct literal (or a pattern without `..`) does not compile outside the
//!   crate, so adding a field is not a breaking change. Results a user may
//!   need to make (a [`Fold`](model_selection::Fold) for a splitter of their
//!   own, an [`SvcProgress`](svm::SvcProgress)) have a `new`.
//! - **Enums are `#[non_exhaustive]`** (kernels, solvers, criteria, losses,
//!   [`NComponents`](decomposition::NComponents), [`Remainder`](compose::Remainder),
//!   [`Error`], …): a `match` needs a `_` arm, so adding a variant is not
//!   breaking. The exceptions are closed by nature, an amount given one of
//!   two ways that together cover every case and will stay two: a count or a
//!   fraction (`MaxSamples`, `MinFrequency`, `SplitSize`, `TrainSize`), a
//!   count or an explicit list (`Cs`), one value or one per cluster
//!   (`BlobSamples`, `Centers`, `ClusterStd`), NaN or a code (`EncodedValue`).
//!   The newtype scorer [`F1`](model_selection::F1) is closed the same way:
//!   its one field, an [`Average`](metrics::Average), is the whole setting.
//! - **Fitted types have private fields** and accessor methods, so their
//!   layout can change; the exception is a fitted pipeline's typed steps
//!   (`first`, `second`), public for reading, beside private step names.
//! - **Dependencies stay out of the public signatures**, except ndarray,
//!   whose arrays are the interface: it is re-exported as
//!   [`learnkit::ndarray`](ndarray) so that you use the same version. faer,
//!   rayon and the rest are implementation details: [`Float`] is sealed and
//!   carries their bounds privately, so upgrading them is not a breaking
//!   change of learnkit.
//! - Traits users are not meant to implement are sealed ([`Float`],
//!   [`Persist`](persistence::Persist), [`ToOnnx`](onnx::ToOnnx),
//!   [`OnnxLabel`](onnx::OnnxLabel)).

#![deny(missing_docs)]

#[macro_use]
mod macros;

pub(crate) mod alloc;
pub mod calibration;
pub mod class_weight;
pub(crate) mod classify;
pub mod cluster;
pub mod compose;
pub mod convert;
pub mod datasets;
pub mod decomposition;
#[cfg(feature = "plot")]
pub mod display;
pub mod distributed;
pub mod ensemble;
pub mod error;
pub mod feature_extraction;
pub(crate) mod feature_names;
pub mod float;
pub mod guide;
pub mod inspection;
pub mod isotonic;
pub(crate) mod linalg;
pub mod linear_model;
pub mod metrics;
pub mod mixture;
pub mod model_selection;
pub(crate) mod moments;
pub mod naive_bayes;
pub mod neighbors;
#[cfg(feature = "onnx")]
pub mod onnx;
pub(crate) mod output;
pub mod parallel;
pub mod persistence;
pub mod prelude;
pub mod preprocessing;
pub(crate) mod random;
pub mod sparse;
pub mod svm;
pub mod traits;
pub mod tree;
pub mod validation;
pub(crate) mod warn;

pub use error::{Error, Result};
pub use float::{Float, Label};

/// The ndarray crate, re-exported: learnkit's inputs and outputs are its
/// arrays, so use this path (or a dependency on the same ndarray version) to
/// make sure your arrays are the ones learnkit's functions accept.
///
/// # Example
/// ```
/// use learnkit::ndarray::array;
/// use learnkit::prelude::*;
/// let x = array![[1.0, 2.0], [3.0, 6.0]];
/// let scaled = StandardScaler::default().fit_unsupervised(x.view())?.transform(x.view())?;
/// assert_eq!(scaled, array![[-1.0, -1.0], [1.0, 1.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
pub use ndarray;

/// The README's quick start, compiled and run as a doctest so that it cannot
/// drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
