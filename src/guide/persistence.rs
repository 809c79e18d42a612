//! # Saving and loading models
//!
//! Every fitted model — estimators, transformers, pipelines, column
//! transformers, fitted searches — can be saved and loaded with
//! [`learnkit::persistence`](crate::persistence) (the default `serde`
//! feature). This is scikit-learn's `joblib.dump` / `joblib.load`, with
//! three differences: the file is not code (loading an untrusted file cannot
//! run anything), the type to load is named in your program, and every
//! loaded model is checked.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::persistence;
//! use learnkit::compose::FittedPipeline;
//! use learnkit::linear_model::FittedLogisticRegression;
//! use learnkit::preprocessing::FittedStandardScaler;
//!
//! let iris = load_iris();
//! let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
//!     .fit(iris.data.view(), iris.target.view())?;
//!
//! let path = std::env::temp_dir().join("learnkit-guide-iris.lk");
//! persistence::save(&model, &path)?; // binary; a path ending in `.json` writes JSON
//!
//! type Model = FittedPipeline<FittedStandardScaler<f64>, FittedLogisticRegression<f64, usize>>;
//! let loaded: Model = persistence::load(&path)?;
//! assert_eq!(loaded.predict_proba(iris.data.view())?, model.predict_proba(iris.data.view())?);
//! # std::fs::remove_file(&path).ok();
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! The loaded model's outputs are **bit-identical** to the saved one's: floats
//! are stored exactly, NaN and infinities included.
//!
//! ## Formats
//!
//! - **Binary** ([`save`](crate::persistence::save) to any path not ending in
//!   `.json`, or [`to_bytes`](crate::persistence::to_bytes) /
//!   [`from_bytes`](crate::persistence::from_bytes) in memory): a header
//!   (`LEARNKIT`, the format version, a CRC-32), the model's type name, then
//!   the model in the compact [postcard](https://docs.rs/postcard) format.
//! - **JSON** (a `.json` path, or [`to_json`](crate::persistence::to_json) /
//!   [`from_json`](crate::persistence::from_json)): readable and diffable,
//!   for inspection or for storing beside a configuration.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::persistence::{from_bytes, from_json, to_bytes, to_json};
//! use learnkit::preprocessing::FittedStandardScaler;
//! use ndarray::array;
//!
//! let scaler = StandardScaler::default().fit_unsupervised(array![[1.0f32], [3.0]].view())?;
//! let bytes = to_bytes(&scaler)?; // e.g. for a database column or a network message
//! let back: FittedStandardScaler<f32> = from_bytes(&bytes)?;
//! assert_eq!(back, scaler);
//!
//! let text = to_json(&scaler)?;
//! assert!(text.starts_with(r#"{"format":"learnkit","version":"#));
//! let back: FittedStandardScaler<f32> = from_json(&text)?;
//! assert_eq!(back, scaler);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## What loading checks
//!
//! A model file is untrusted input. Loading returns
//! [`Error::ModelFile`](crate::Error::ModelFile) — never a panic, never a
//! model that predicts from an inconsistent state — when the file is not a
//! learnkit model, is truncated or corrupt (checksum), was written by
//! another format version, holds another model type or float type, or when
//! its parts disagree (a tree child out of range, coefficients of the wrong
//! length, …):
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::persistence::{from_bytes, to_bytes};
//! use learnkit::preprocessing::{FittedMinMaxScaler, FittedStandardScaler};
//! use ndarray::array;
//!
//! let scaler = StandardScaler::default().fit_unsupervised(array![[1.0], [3.0]].view())?;
//! let mut bytes = to_bytes(&scaler)?;
//!
//! // Another type than the one saved:
//! let err = from_bytes::<FittedMinMaxScaler<f64>>(&bytes).unwrap_err();
//! assert!(matches!(err, Error::ModelFile { .. }));
//! // Another float type:
//! assert!(from_bytes::<FittedStandardScaler<f32>>(&bytes).is_err());
//! // A damaged file:
//! let last = bytes.len() - 1;
//! bytes[last] ^= 1;
//! assert!(matches!(from_bytes::<FittedStandardScaler<f64>>(&bytes), Err(Error::ModelFile { .. })));
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Versions
//!
//! Every file records [`FORMAT_VERSION`](crate::persistence::FORMAT_VERSION).
//! It changes whenever a saved type's form changes, and a file of another
//! version is refused with a message naming both versions (the changelog
//! notes every change). Keep the training code, or the data and
//! hyperparameters, so that a model can be fitted again after such an
//! upgrade; a saved model is a deployment artefact, not an archive.
//!
//! Fitted types also implement serde's `Serialize` and `Deserialize`, with
//! the same checks on deserialisation, if you would rather embed a model in
//! your own serde structure.
