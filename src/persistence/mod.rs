//! Saving and loading fitted models: one small API over serde, with a
//! version header, in JSON or a compact binary form.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::persistence;
//! use learnkit::datasets::load_iris;
//! use learnkit::linear_model::FittedLogisticRegression;
//!
//! let iris = load_iris();
//! let model = LogisticRegression::default().fit(iris.data.view(), iris.target.view())?;
//!
//! let path = std::env::temp_dir().join("learnkit-doc-iris.lk");
//! persistence::save(&model, &path)?; // binary; a `.json` path writes JSON
//! let loaded: FittedLogisticRegression<f64, usize> = persistence::load(&path)?;
//! assert_eq!(loaded.predict(iris.data.view())?, model.predict(iris.data.view())?);
//! # std::fs::remove_file(&path).ok();
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! # Formats
//! - **Binary** ([`to_bytes`], and [`save`] to any path not ending in
//!   `.json`): the 8 bytes `LEARNKIT`, the format version and a CRC-32 of the
//!   rest (each a little-endian `u32`), then the model's name and the model
//!   in [postcard](https://docs.rs/postcard), a documented, stable,
//!   compact serde format (integers as varints, `f32` in 4 bytes, `f64` in
//!   8, no field names). Chosen over bincode because postcard has a written
//!   wire specification, a 1.0 stability promise and an active maintainer.
//! - **JSON** ([`to_json`], and [`save`] to a `.json` path):
//!   `{"format": "learnkit", "version": 1, "model": "...", "data": {...}}`,
//!   readable and diffable. Non-finite floats are written as the strings
//!   `"NaN"`, `"inf"` and `"-inf"` (JSON has no such numbers), finite ones
//!   as the shortest decimal that reads back to the same bits.
//!
//! Both give back a model whose outputs are bit-identical to the saved one.
//!
//! # What loading checks
//! A file is untrusted input. Loading returns [`Error::ModelFile`](crate::Error::ModelFile) when the
//! file is not a learnkit model, was written by another format version,
//! holds another model type (the name records the type, its float type and
//! its parts, e.g. `Pipeline<StandardScaler<f64>, LogisticRegression<f64>>`),
//! is truncated or has a bad checksum, or when its parts disagree with each
//! other (a child index outside its tree, coefficients of the wrong length,
//! a scaler with fewer offsets than features…): every fitted type checks its
//! invariants when it is deserialised, so a loaded model never panics and
//! never predicts from an inconsistent state. The same checks run when a
//! model is deserialised by serde directly, in any format.
//!
//! # Versions
//! [`FORMAT_VERSION`] is written into every file and a file of another
//! version is refused with a message naming both. It is bumped whenever a
//! saved type's serialised form changes (a field added, removed, renamed or
//! re-typed, an enum variant added to a saved hyperparameter), so that an
//! old file never loads into a model that would read it differently. A
//! release notes every bump in `CHANGELOG.md`; a model saved by an older
//! version is re-created by fitting it again with the new one.

// The checks compile without `serde` too (every fitted type keeps its
// `impl Check` next to its fields), but only deserialisation calls them.
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) mod check;
pub(crate) use check::Check;

#[cfg(feature = "serde")]
mod api;
#[cfg(feature = "serde")]
pub(crate) mod floats;
#[cfg(feature = "serde")]
pub(crate) use api::Sealed;
#[cfg(feature = "serde")]
pub use api::{FORMAT_VERSION, Persist, from_bytes, from_json, load, save, to_bytes, to_json};
