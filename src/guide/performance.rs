//! # Performance tips
//!
//! learnkit is built to be fast with the defaults; these are the choices
//! that matter when it is not fast enough.
//!
//! ## Build optimised
//!
//! Run with `cargo run --release`. For tests and debug builds, optimise the
//! dependencies at least — the algorithms are mostly in learnkit, faer and
//! rayon — in your `Cargo.toml`:
//!
//! ```toml
//! [profile.dev.package."*"]
//! opt-level = 3
//! ```
//!
//! ## Pass views, keep the layout
//!
//! Estimators take `ArrayView2`: pass `x.view()` or a slice, never a clone.
//! Standard (row-major, C-order) layout is the fast case for most
//! estimators; a transposed or strided view works but may be copied where
//! the algorithm needs contiguous rows. `f32` halves the memory of your data
//! and of the outputs, and scalers, PCA and predictions stay in `f32`;
//! solvers accumulate in `f64` either way.
//!
//! ## Predict in batches
//!
//! `predict` on 1,000 rows at once costs far less than 1,000 calls on one
//! row: checks, allocation and the dispatch to threads are paid per call.
//! When rows arrive one at a time (a web request), batch them if you can;
//! otherwise keep the model at `n_jobs = None` so that small inputs run on
//! the calling thread's pool without starting threads.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::ensemble::RandomForestClassifier;
//! use ndarray::s;
//!
//! let iris = load_iris();
//! let model = RandomForestClassifier::default().n_estimators(10).random_state(0)
//!     .fit(iris.data.view(), iris.target.view())?;
//! let all = model.predict(iris.data.view())?; // one call for every row
//! let one = model.predict(iris.data.slice(s![7..8, ..]))?; // a single row, as a 1 × 4 view
//! assert_eq!(one[0], all[7]);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Choose the algorithm for the size
//!
//! - **Large tabular data** (10⁴–10⁷ rows): [`HistGradientBoostingClassifier`](crate::ensemble::HistGradientBoostingClassifier)
//!   and its regressor bin the features once and scale linearly in rows;
//!   early stopping (on by default above 10,000 rows) stops when the
//!   validation score stops improving. `max_bins` lower than 255 is faster
//!   and coarser.
//! - **Forests**: features are binned once and shared by every tree; cost
//!   grows with `n_estimators` and depth. `max_depth`, `min_samples_leaf` and
//!   `max_samples` cap it; `max_features` (`Sqrt` by default for
//!   classification) keeps each split's search small.
//! - **Kernel SVMs** ([`SVC`](crate::svm::SVC)) scale between quadratically
//!   and cubically with the rows: fine to about 10⁵ rows. Scale the features
//!   first (a pipeline with `StandardScaler`), and give the kernel cache
//!   more memory with `cache_size` (megabytes) when the data has many rows.
//!   For a linear problem, [`LinearSVC`](crate::svm::LinearSVC) or
//!   [`LogisticRegression`](crate::linear_model::LogisticRegression) is
//!   orders of magnitude faster.
//! - **Linear models** converge in fewer iterations on standardised
//!   features; a warning (see [`getting_started`](super::getting_started))
//!   says when `max_iter` was too small.
//! - **PCA** on a wide matrix when you want few components:
//!   [`SvdSolver::Randomized`](crate::decomposition::SvdSolver::Randomized)
//!   (the `Auto` default picks it when it pays).
//!
//! ## Search cheaply
//!
//! A grid search costs candidates × folds fits. Start with a coarse grid and
//! few folds, then refine; use [`RandomizedSearchCV`](crate::model_selection::RandomizedSearchCV)
//! with a fixed `n_iter` when there are many parameters; and use
//! [`evaluate`](crate::model_selection::GridSearchCV::evaluate) to skip the
//! final refit when you only want the table. (candidate, fold) pairs already
//! run in parallel, so leave the inner estimator's `n_jobs` at `None`.
//!
//! ## Watch memory
//!
//! Sizes that follow from your data or hyperparameters (a one-hot encoding
//! of a column with 100,000 categories, a kernel cache, `n_features²` for a
//! covariance) are computed before anything is allocated, and an impossible
//! request is an [`Error::TooLarge`](crate::Error::TooLarge) saying what and
//! how much, rather than an abort. A categorical ID column is the usual
//! culprit: leave it out of the features.
//!
//! ## Measure
//!
//! The repository's `benches/` compares learnkit with scikit-learn side by
//! side on the same data and thread count (`benches/README.md` has the
//! latest figures and how to run them).
