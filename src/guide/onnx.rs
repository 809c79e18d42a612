//! # Deploying with ONNX
//!
//! A fitted model or pipeline can be written as an [ONNX](https://onnx.ai)
//! file and served by [onnxruntime](https://onnxruntime.ai) from C++, C#,
//! Java, JavaScript or Python — learnkit's fast training for a team whose
//! serving stack is not Rust. This is scikit-learn's `skl2onnx`, built in
//! (feature `onnx`, on by default), and it writes the graphs skl2onnx
//! writes, so tools that know those graphs understand learnkit's.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_breast_cancer;
//! use learnkit::onnx::{OnnxOptions, ToOnnx};
//!
//! let data = load_breast_cancer();
//! let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
//!     .fit(data.data.view(), data.target.view())?;
//! let onnx = model.to_onnx(&OnnxOptions::default())?;
//! let path = std::env::temp_dir().join("learnkit-guide-cancer.onnx");
//! onnx.save(&path)?;
//! assert_eq!(onnx.input_name(), "X");
//! assert_eq!(onnx.output_names(), ["output_label", "output_probability"]);
//! # std::fs::remove_file(&path).ok();
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Then, in Python:
//!
//! ```text
//! import numpy as np, onnxruntime as ort
//! session = ort.InferenceSession("cancer.onnx")
//! labels, probabilities = session.run(None, {"X": x.astype(np.float32)})
//! ```
//!
//! ## Inputs and outputs
//!
//! - One input, `X` (rename it with [`OnnxOptions::input_name`](crate::onnx::OnnxOptions::input_name)):
//!   `[N, n_features]` of `float`, or `double` with
//!   [`OnnxFloat::Double`](crate::onnx::OnnxFloat::Double). Categorical
//!   columns are the codes learnkit was fitted on (a
//!   [`CsvDataset`](crate::datasets::CsvDataset)'s codes, in sorted
//!   category order), missing values `NaN`, as in learnkit.
//! - A transformer or regressor gives `variable`, `[N, k]`.
//! - A classifier gives `output_label` (`[N]`: `int64` for integer labels,
//!   `string` for string labels) and `output_probability`: a list of
//!   `{label: probability}` maps (ONNX-ML's `ZipMap`, skl2onnx's default) or,
//!   with [`zipmap(false)`](crate::onnx::OnnxOptions::zipmap), a
//!   `[N, classes]` tensor. A classifier without `predict_proba` (`LinearSVC`,
//!   `SVC` without `probability`) puts its decision function there, as
//!   skl2onnx does: `[−d, d]` for two classes.
//!
//! ## Precision
//!
//! A `float` graph computes in 32 bits with the ONNX-ML operators, and
//! agrees with learnkit's `f64` predictions to about `1e-5` (relative to
//! the value's size, or absolute below 1). Trees decide exactly: their
//! thresholds are rounded down to the nearest `f32`, so a row whose values
//! are `f32` numbers takes every branch it takes in learnkit (skl2onnx's
//! approach). A `double` graph agrees to `1e-12`. Both are checked in
//! onnxruntime for every exportable model by the conformance test CI runs.
//!
//! ## Gradient boosting with native categories
//!
//! skl2onnx cannot export scikit-learn's categorical splits. learnkit can,
//! two ways: by default (ONNX-ML opset 3, onnxruntime 1.14 and later) each
//! categorical split becomes a chain of equality tests; with
//! [`ml_opset(MlOpset::V5)`](crate::onnx::OnnxOptions::ml_opset) it uses the
//! opset-5 `TreeEnsemble` operator's set-membership splits (onnxruntime
//! 1.20 and later). `examples/onnx.rs` exports the census model this way
//! and `benches/compare/onnx_census.py` checks its ROC-AUC in onnxruntime.
//!
//! ## What cannot be exported
//!
//! Every fitted type implements [`ToOnnx`](crate::onnx::ToOnnx); those with
//! no ONNX form return [`Error::Unsupported`](crate::Error::Unsupported)
//! naming the type and why — DBSCAN, HDBSCAN and agglomerative clustering
//! (no `predict`), the text vectorizers (their input is text, not a
//! matrix):
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::cluster::DBSCAN;
//! use learnkit::onnx::{OnnxOptions, ToOnnx};
//! use ndarray::array;
//!
//! let clusters = DBSCAN::default().fit_unsupervised(array![[0.0], [0.1], [5.0]].view())?;
//! let err = clusters.to_onnx(&OnnxOptions::default()).unwrap_err();
//! assert!(matches!(err, Error::Unsupported { .. }));
//! assert!(err.to_string().contains("FittedDBSCAN"));
//! # Ok::<(), learnkit::Error>(())
//! ```
