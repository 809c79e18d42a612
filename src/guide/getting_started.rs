//! # Getting started
//!
//! Add the crate (and `ndarray`, the array type every estimator takes):
//!
//! ```toml
//! [dependencies]
//! learnkit = "0.1"
//! ndarray = "0.17"
//! ```
//!
//! learnkit needs nothing but Rust: no BLAS, no LAPACK, no Python. Build
//! your program with `--release` (or give dependencies `opt-level = 3` in
//! your dev profile): unoptimised, the algorithms are many times slower.
//!
//! ## A first model
//!
//! Load a dataset, hold out a test set, fit a scaler and a classifier as one
//! [`Pipeline`](crate::compose::Pipeline), and score it on the held-out rows:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::metrics::accuracy_score;
//! use learnkit::model_selection::train_test_split;
//!
//! let iris = load_iris(); // 150 × 4 features, classes 0, 1, 2
//! let split = train_test_split(iris.data.view(), iris.target.view())
//!     .test_size(0.25)
//!     .random_state(0)
//!     .stratify(iris.target.view())
//!     .split()?;
//!
//! let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
//!     .fit(split.x_train.view(), split.y_train.view())?;
//!
//! let predicted = model.predict(split.x_test.view())?;
//! let accuracy = accuracy_score(split.y_test.view(), predicted.view())?;
//! assert!(accuracy > 0.9);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! `use learnkit::prelude::*` brings the traits (`fit`, `predict`,
//! `transform`, …) and the most used estimators into scope. Everything else
//! is in its module: [`datasets`](crate::datasets),
//! [`preprocessing`](crate::preprocessing), [`linear_model`](crate::linear_model),
//! [`svm`](crate::svm), [`tree`](crate::tree), [`ensemble`](crate::ensemble),
//! [`decomposition`](crate::decomposition), [`compose`](crate::compose),
//! [`model_selection`](crate::model_selection), [`metrics`](crate::metrics),
//! [`inspection`](crate::inspection) and [`persistence`](crate::persistence).
//!
//! ## Hyperparameters, `fit`, and fitted types
//!
//! An estimator such as [`LogisticRegression`](crate::linear_model::LogisticRegression)
//! is only its hyperparameters: a struct whose `Default` is scikit-learn's
//! defaults, changed with setters named like scikit-learn's parameters.
//! `fit` borrows it and returns a **new value of another type**, the fitted
//! model ([`FittedLogisticRegression`](crate::linear_model::FittedLogisticRegression)),
//! which is the only thing that can predict. So a model that was never
//! fitted cannot be asked to predict — the compiler refuses — and one set of
//! hyperparameters can be fitted many times:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//!
//! let iris = load_iris();
//! let params = LogisticRegression::default().c(0.5).max_iter(500);
//! let model = params.fit(iris.data.view(), iris.target.view())?;
//!
//! // What the fit learned, named after scikit-learn's attributes without `_`:
//! assert_eq!(model.classes(), &[0, 1, 2]);
//! assert_eq!(model.coef().dim(), (3, 4));
//! assert!(model.converged());
//!
//! // Predictions, probabilities, decision scores and the default score:
//! let proba = model.predict_proba(iris.data.view())?;
//! assert_eq!(proba.dim(), (150, 3));
//! assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
//!
//! // The same hyperparameters, fitted again on other data:
//! let two_classes = params.fit(iris.data.slice(ndarray::s![..100, ..]), iris.target.slice(ndarray::s![..100]))?;
//! assert_eq!(two_classes.classes(), &[0, 1]);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! The traits say what a fitted model can do:
//! [`Predictor`](crate::traits::Predictor) (`predict`, `score`),
//! [`Classifier`](crate::traits::Classifier) (`classes`),
//! [`PredictProba`](crate::traits::PredictProba),
//! [`DecisionFunction`](crate::traits::DecisionFunction),
//! [`Transformer`](crate::traits::Transformer) (`transform`) and
//! [`InverseTransformer`](crate::traits::InverseTransformer). Write your own
//! functions generic over them to accept any model.
//!
//! ## Data types
//!
//! Features are any 2-D `ndarray` view of `f32` or `f64` (owned arrays,
//! slices, transposes); the result has the same float type. Class labels can
//! be any sortable, hashable type — `usize`, `i32`, `bool`, `String`, your
//! own enum — and predictions come back as that type:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::tree::DecisionTreeClassifier;
//! use ndarray::array;
//!
//! let x = array![[1.0f32, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.8]];
//! let y = array!["spam".to_string(), "spam".into(), "ham".into(), "ham".into()];
//! let model = DecisionTreeClassifier::default().fit(x.view(), y.view())?;
//! assert_eq!(model.predict(array![[0.95f32, 0.05]].view())?[0], "spam");
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Unsupervised estimators (scalers, encoders, PCA) are fitted with
//! [`fit_unsupervised`](crate::traits::UnsupervisedEstimator::fit_unsupervised),
//! or with `fit` and any targets, which they ignore — that is how they sit in
//! a supervised pipeline.
//!
//! ## Errors
//!
//! Every fallible call returns [`learnkit::Result`](crate::Result). Nothing
//! you pass makes learnkit panic: NaN where it is not allowed, a wrong number
//! of columns, an empty matrix, a single class, a bad hyperparameter or a
//! corrupt file is an [`Error`](crate::Error) whose message says what and
//! where, and whose variant you can match on:
//!
//! ```
//! use learnkit::prelude::*;
//! use ndarray::array;
//!
//! let x = array![[1.0, 2.0], [3.0, 4.0]];
//! let model = StandardScaler::default().fit_unsupervised(x.view())?;
//! let err = model.transform(array![[1.0, 2.0, 3.0]].view()).unwrap_err();
//! assert!(matches!(err, Error::FeatureCountMismatch { expected: 2, got: 3, .. }));
//! assert_eq!(err.to_string(), "StandardScaler: X has 3 features, but it was fitted with 2 features");
//!
//! let err = LogisticRegression::default().c(-1.0).fit(x.view(), array![0, 1].view()).unwrap_err();
//! assert!(matches!(err, Error::InvalidParameter { parameter: "C", .. }));
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! `Error` is `#[non_exhaustive]`: a `match` on it needs a `_` arm.
//!
//! ## Warnings
//!
//! A solver that stops at `max_iter` before converging is not an error (the
//! fitted model says `converged() == false`), but learnkit warns through the
//! [`log`] crate, as Rust libraries do: install a logger (for example
//! `env_logger`, then run with `RUST_LOG=learnkit=warn`) to see the
//! warnings. Every warning has the target `"learnkit"` and starts with the
//! estimator's name.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//!
//! let iris = load_iris();
//! let model = LogisticRegression::default().max_iter(2).fit(iris.data.view(), iris.target.view())?;
//! assert!(!model.converged()); // and a `log::warn!` was emitted
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Next: [`data`](super::data) to bring your own data in, and
//! [`pipelines`](super::pipelines) to chain preprocessing and a model.
