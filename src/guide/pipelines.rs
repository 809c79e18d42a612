//! # Pipelines and `ColumnTransformer`
//!
//! Preprocessing belongs inside the model: fitted on the training rows only,
//! applied the same way at prediction, saved with it, and cross-validated
//! with it (a scaler fitted on all rows before cross-validation leaks the
//! test folds into the training ones).
//!
//! ## `Pipeline`
//!
//! [`Pipeline::new(a, b)`](crate::compose::Pipeline::new) chains a
//! transformer `a` into an estimator `b`. Fitting it fits `a`, transforms the
//! training data with it and fits `b` on the result; the fitted
//! [`FittedPipeline`](crate::compose::FittedPipeline) predicts, scores, gives
//! probabilities and decision scores when `b` does, and transforms when `b`
//! transforms. The types check at compile time that every step but the last
//! transforms.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_wine;
//!
//! let wine = load_wine();
//! let model = Pipeline::new(StandardScaler::default(), SVC::default())
//!     .fit(wine.data.view(), wine.target.view())?;
//! assert!(model.score(wine.data.view(), wine.target.view())? > 0.95);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Longer pipelines add steps with `.then(c)` (an inherent method of
//! `Pipeline`, so no other trait's `then` can clash with it). Steps have
//! names — scikit-learn's `make_pipeline` names (the lowercased type name) by
//! default, or your own with `Pipeline::named` and `then_named` — and a
//! fitted step is reached by name and type, as `named_steps` in scikit-learn:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_digits;
//! use learnkit::decomposition::FittedPCA;
//! use ndarray::s;
//!
//! let digits = load_digits();
//! let (x, y) = (digits.data.slice(s![..400, ..]), digits.target.slice(s![..400]));
//! let model = Pipeline::new(StandardScaler::default(), PCA::default().n_components(20))
//!     .then(LogisticRegression::default().max_iter(1000))
//!     .fit(x, y)?;
//! assert_eq!(model.step_names(), ["standardscaler", "pca", "logisticregression"]);
//! let pca: &FittedPCA<f64> = model.named_step("pca").unwrap(); // the fitted PCA
//! assert_eq!(pca.n_components(), 20);
//! assert!(model.score(x, y)? > 0.95);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! The types still nest (`.then` wraps the pipeline so far), so the compiler
//! checks that every step but the last transforms.
//!
//! Targets are passed unchanged to every step; unsupervised steps ignore
//! them. A pipeline of transformers only is fitted with
//! [`fit_unsupervised`](crate::traits::UnsupervisedEstimator::fit_unsupervised).
//!
//! ## `ColumnTransformer`: different preprocessing per column
//!
//! Tabular data mixes kinds of columns. A
//! [`ColumnTransformer`](crate::compose::ColumnTransformer) applies one
//! transformer to each subset of the columns and concatenates their outputs;
//! each step is a name, a transformer (a pipeline of transformers included)
//! and its [`Columns`](crate::compose::Columns): indices (`[0, 2]`,
//! `vec![…]`), a range (`3..`), or names (`["age", "hours"]`, with
//! [`feature_names`](crate::compose::ColumnTransformer::feature_names)).
//! Columns no step takes are dropped, or appended unchanged with
//! [`Remainder::Passthrough`](crate::compose::Remainder::Passthrough).
//!
//! The usual recipe for a CSV file with categorical and numeric columns, and
//! missing values in both: one-hot encode the categories (`NaN` is a
//! category of its own), impute then scale the numbers, and fit a linear
//! model on the result.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::compose::ColumnTransformer;
//! use learnkit::datasets::{read_csv_from_reader, CsvOptions};
//! use learnkit::preprocessing::HandleUnknown;
//!
//! let text = "\
//! age,job,hours,income
//! 39,clerk,40,low
//! 50,manager,45,high
//! 38,?,40,low
//! 53,manager,,high
//! 28,clerk,38,low
//! 45,manager,50,high
//! ";
//! let csv = read_csv_from_reader(text.as_bytes(), "jobs.csv", &CsvOptions::default().target_column("income"))?;
//! let y = csv.target.clone().unwrap(); // String labels
//! let numeric: Vec<usize> = (0..csv.data.ncols())
//!     .filter(|c| !csv.categorical_features.contains(c))
//!     .collect();
//!
//! let preprocess = ColumnTransformer::new()
//!     .add("categories", OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore), csv.categorical_features.clone())
//!     .add("numbers", Pipeline::new(SimpleImputer::default(), StandardScaler::default()), numeric);
//! let model = Pipeline::new(preprocess, LogisticRegression::default())
//!     .fit(csv.data.view(), y.view())?;
//!
//! assert_eq!(model.predict(csv.data.view())?, y);
//! // One-hot columns for clerk, manager and missing, then age and hours.
//! assert_eq!(model.first.n_features_out(), 5);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Selecting columns by name:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::compose::{ColumnTransformer, Remainder};
//! use learnkit::datasets::load_iris;
//!
//! let iris = load_iris();
//! let preprocess = ColumnTransformer::new()
//!     .feature_names(&iris.feature_names)
//!     .add("sepals", StandardScaler::default(), ["sepal length (cm)", "sepal width (cm)"])
//!     .remainder(Remainder::Passthrough);
//! let fitted = preprocess.fit_unsupervised(iris.data.view())?;
//! assert_eq!(fitted.output_indices()[0], ("sepals".to_string(), 0..2));
//! assert_eq!(fitted.transform(iris.data.view())?.ncols(), 4);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Steps are fitted in parallel, each on its own columns. An error inside a
//! step names the step, and its column numbers are those of the input.
//! Fitted column transformers and pipelines are saved and loaded as one
//! model (see [`persistence`](super::persistence)).
