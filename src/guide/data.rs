//! # Data: arrays, CSV files, categorical columns, missing values
//!
//! Every estimator takes its features as a 2-D `ndarray` view (`x.view()`)
//! of `f32` or `f64`, one row per sample, and its targets as a 1-D view with
//! one entry per row. Where the data comes from is up to you; this page
//! shows the sources learnkit provides and how to prepare tabular data.
//!
//! ## Your own arrays
//!
//! Any `Array2` works, and so does any view of one: a slice of rows or
//! columns, a transpose, a non-contiguous selection. learnkit does not copy
//! your matrix unless the algorithm needs another layout (the estimator's
//! documentation says when).
//!
//! ```
//! use learnkit::prelude::*;
//! use ndarray::{array, s};
//!
//! let table = array![[1.0, 10.0, 0.0], [2.0, 20.0, 1.0], [3.0, 30.0, 0.0], [4.0, 40.0, 1.0]];
//! let x = table.slice(s![.., ..2]); // the first two columns, no copy
//! let y = table.column(2).mapv(|v| v as usize); // the last one as class labels
//! let model = LogisticRegression::default().fit(x, y.view())?;
//! assert_eq!(model.n_features_in(), 2);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Bundled and generated data
//!
//! [`load_iris`](crate::datasets::load_iris), [`load_wine`](crate::datasets::load_wine),
//! [`load_breast_cancer`](crate::datasets::load_breast_cancer) and
//! [`load_digits`](crate::datasets::load_digits) return a
//! [`Dataset`](crate::datasets::Dataset) (`data`, `target`, `feature_names`,
//! `target_names`); [`load_adult`](crate::datasets::load_adult) the Adult
//! census data with categorical columns and missing values; and
//! [`load_mnist`](crate::datasets::load_mnist) reads MNIST's files. The
//! generators [`MakeClassification`](crate::datasets::MakeClassification),
//! [`MakeBlobs`](crate::datasets::MakeBlobs) and
//! [`MakeRegression`](crate::datasets::MakeRegression) are scikit-learn's
//! `make_*` as builders:
//!
//! ```
//! use learnkit::datasets::{load_wine, MakeClassification};
//!
//! let wine = load_wine();
//! assert_eq!(wine.data.dim(), (178, 13));
//! assert_eq!(wine.target_names, ["class_0", "class_1", "class_2"]);
//!
//! let (x, y) = MakeClassification::default()
//!     .n_samples(300)
//!     .n_features(8)
//!     .n_informative(4)
//!     .random_state(0)
//!     .generate()?;
//! assert_eq!((x.nrows(), y.len()), (300, 300));
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! The loaders return `f64`; `to_f32()` gives an `f32` copy
//! (`load_iris().to_f32()`, `CsvDataset::to_f32`, `Adult::to_f32`, and
//! `load_mnist_f32` reads MNIST straight into `f32`). Every estimator accepts
//! either type.
//!
//! ## CSV files
//!
//! [`read_csv`](crate::datasets::read_csv) reads a file (plain or
//! gzip-compressed) into a [`CsvDataset`](crate::datasets::CsvDataset);
//! [`read_csv_from_reader`](crate::datasets::read_csv_from_reader) reads from
//! any `std::io::Read`. [`CsvOptions`](crate::datasets::CsvOptions) chooses
//! the target column (by header name, index or
//! [`ColumnRef::Last`](crate::datasets::ColumnRef::Last)), the delimiter,
//! whether there is a header (and `names` for a file without one), which
//! columns to keep (`usecols`, `drop_columns`: leave an ID column out rather
//! than make it a feature with a category per row), which columns are
//! categorical even though they hold numbers (`categorical`), and which
//! cells mean "missing" (by default empty cells, `?` and `NA`).
//!
//! A column whose non-missing cells are all numbers is numeric. Any other
//! column is **categorical**: its cells become codes `0..k` in the sorted
//! order of the category strings (scikit-learn's `OrdinalEncoder`), and
//! [`categorical_features`](crate::datasets::CsvDataset::categorical_features)
//! and [`categories`](crate::datasets::CsvDataset::categories) say which
//! columns and what each code means. A missing cell is `NaN` in either kind.
//!
//! ```
//! use learnkit::datasets::{read_csv_from_reader, CsvOptions};
//!
//! let text = "\
//! age,job,hours,income
//! 39,clerk,40,<=50K
//! 50,manager,13,>50K
//! 38,?,40,<=50K
//! 53,clerk,,>50K
//! ";
//! let options = CsvOptions::default().target_column("income");
//! let csv = read_csv_from_reader(text.as_bytes(), "adult.csv", &options)?;
//!
//! assert_eq!(csv.feature_names, ["age", "job", "hours"]);
//! assert_eq!(csv.categorical_features, [1]); // "job"
//! assert_eq!(csv.categories_of(1).unwrap(), ["clerk", "manager"]);
//! assert_eq!(csv.data[[1, 1]], 1.0); // "manager" is code 1
//! assert!(csv.data[[2, 1]].is_nan()); // "?" is missing
//! assert!(csv.data[[3, 2]].is_nan()); // so is an empty cell
//!
//! // The target column is kept as text; `encode_target` gives class codes
//! // (and refuses a missing target), `csv.target` the raw cells.
//! let (classes, codes) = csv.encode_target()?;
//! assert_eq!(classes, ["<=50K", ">50K"]);
//! assert_eq!(codes.to_vec(), [0, 1, 0, 1]);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! A read error is an [`Error::Parse`](crate::Error::Parse) naming the file,
//! the line and the column. For regression, [`parse_target`](crate::datasets::CsvDataset::parse_target)
//! turns the target into numbers. A missing target cell is an error of
//! `read_csv` naming its line, never a silent class of its own;
//! [`drop_missing_target(true)`](crate::datasets::CsvOptions::drop_missing_target)
//! leaves such rows out instead.
//!
//! ### One encoding for the training and the test file
//!
//! Read the test file with the training file's categories, and every
//! category keeps its training code; categories the training file never had
//! get new codes after them (which a
//! [`OneHotEncoder`](crate::preprocessing::OneHotEncoder) with
//! [`HandleUnknown::Ignore`](crate::preprocessing::HandleUnknown::Ignore)
//! then ignores):
//!
//! ```
//! use learnkit::datasets::{read_csv_from_reader, CsvOptions};
//!
//! let train = read_csv_from_reader("city,y\nParis,1\nLyon,0\n".as_bytes(), "train.csv",
//!     &CsvOptions::default().target_column("y"))?;
//! let options = CsvOptions::default().target_column("y").categories_from(&train);
//! let test = read_csv_from_reader("city,y\nNice,1\nParis,0\n".as_bytes(), "test.csv", &options)?;
//! assert_eq!(test.categories_of(0).unwrap(), ["Lyon", "Paris", "Nice"]);
//! assert_eq!(test.data.column(0).to_vec(), [2.0, 1.0]); // Paris is still 1
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Categorical columns
//!
//! Codes are numbers, but not quantities: a linear model or an SVM should
//! see them one-hot encoded. Two ways:
//!
//! - Models that understand categories natively take the column indices:
//!   [`HistGradientBoostingClassifier`](crate::ensemble::HistGradientBoostingClassifier)
//!   and its regressor with
//!   [`CategoricalFeatures::Indices`](crate::ensemble::CategoricalFeatures::Indices),
//!   or by name: `CategoricalFeatures::from(["job"])` with
//!   `.feature_names(csv.feature_names.clone())`.
//!   Trees and forests split codes as numbers, which often works well too.
//! - Everything else: a [`ColumnTransformer`](crate::compose::ColumnTransformer)
//!   that one-hot encodes the categorical columns and scales the others —
//!   see [`pipelines`](super::pipelines).
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::ensemble::CategoricalFeatures;
//! use ndarray::{array, Array1};
//!
//! // Column 0 is a category code (0, 1, 2), column 1 a number.
//! let x = array![[0.0, 1.0], [1.0, 2.0], [2.0, 3.0], [0.0, 4.0], [1.0, 5.0], [2.0, 6.0]];
//! let y: Array1<usize> = array![1, 0, 1, 1, 0, 1];
//! let model = HistGradientBoostingClassifier::default()
//!     .categorical_features(CategoricalFeatures::Indices(vec![0]))
//!     .min_samples_leaf(1)
//!     .max_iter(10)
//!     .fit(x.view(), y.view())?;
//! assert_eq!(model.predict(x.view())?, y);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Missing values
//!
//! Missing values are `NaN`. Who accepts them:
//!
//! - **natively**: decision trees, random forests and extra trees (each
//!   split learns which side missing values go to), and histogram gradient
//!   boosting;
//! - **as a category or a value to fill**:
//!   [`SimpleImputer`](crate::preprocessing::SimpleImputer) (mean, median,
//!   most frequent or a constant, with optional indicator columns),
//!   [`OneHotEncoder`](crate::preprocessing::OneHotEncoder) and
//!   [`OrdinalEncoder`](crate::preprocessing::OrdinalEncoder) (`NaN` is a
//!   category of its own);
//! - **passed through**: `StandardScaler` and `MinMaxScaler` leave `NaN` out
//!   of their statistics and keep it in their output, as scikit-learn's, so
//!   the imputer can come after them;
//! - every other estimator rejects `NaN` with
//!   [`Error::NonFinite`](crate::Error::NonFinite) naming the row and
//!   column: put an imputer before it.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::preprocessing::{FittedSimpleImputer, ImputeStrategy};
//! use ndarray::array;
//!
//! let x = array![[1.0, f64::NAN], [3.0, 4.0], [f64::NAN, 8.0]];
//! let y = array![0, 1, 1];
//!
//! // LogisticRegression alone refuses the NaN …
//! let err = LogisticRegression::default().fit(x.view(), y.view()).unwrap_err();
//! assert!(matches!(err, Error::NonFinite { row: 0, column: 1, .. }));
//!
//! // … so impute first, in one pipeline.
//! let model = Pipeline::new(SimpleImputer::default().strategy(ImputeStrategy::Median), LogisticRegression::default())
//!     .fit(x.view(), y.view())?;
//! let imputer: &FittedSimpleImputer<f64> = model.named_step("simpleimputer").unwrap();
//! assert_eq!(imputer.statistics().to_vec(), [2.0, 6.0]);
//! # Ok::<(), learnkit::Error>(())
//! ```
