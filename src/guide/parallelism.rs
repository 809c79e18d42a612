//! # Parallelism, `n_jobs` and determinism
//!
//! learnkit runs its parallel work on [rayon](https://docs.rs/rayon): the
//! trees of a forest, the pairs of a one-vs-one SVM, the features of a
//! histogram, the folds and candidates of a search, and predictions and
//! transforms over blocks of rows. You do not need to do anything to use
//! every core.
//!
//! ## Choosing the number of threads
//!
//! - **Default (`n_jobs = None`)**: the current rayon pool — rayon's global
//!   pool, one thread per core, unless you run inside a pool of your own.
//!   The environment variable `RAYON_NUM_THREADS` sets the global pool's size
//!   for the whole program.
//! - **Per estimator**: estimators with parallel work have an `n_jobs`
//!   hyperparameter (scikit-learn's), `Some(k)` for `k` threads.
//! - **Around any call**: [`parallel::with_n_jobs`](crate::parallel::with_n_jobs)
//!   runs a closure on a pool of `k` threads, or use your own
//!   `rayon::ThreadPool::install`; everything learnkit runs inside it stays on
//!   that pool.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::ensemble::RandomForestClassifier;
//! use learnkit::parallel::with_n_jobs;
//!
//! let iris = load_iris();
//! let forest = RandomForestClassifier::default().n_estimators(20).random_state(0);
//!
//! // Two threads for this estimator:
//! let model = forest.clone().n_jobs(Some(2)).fit(iris.data.view(), iris.target.view())?;
//!
//! // One thread for everything inside the closure:
//! let same = with_n_jobs(Some(1), || forest.fit(iris.data.view(), iris.target.view()))??;
//! assert_eq!(model.predict_proba(iris.data.view())?, same.predict_proba(iris.data.view())?);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Nested parallelism is safe: a search's folds and the fits inside them
//! share one pool, and rayon's work stealing divides the cores between them
//! rather than multiplying threads. Give `n_jobs` to the outer call (the
//! search or `with_n_jobs`) and leave the inner estimator at `None`.
//!
//! Gradient boosting differs in how it uses its threads, not how many: a
//! `HistGradientBoosting*` fit called outside any rayon pool runs on a
//! private pool of its `n_jobs` threads whose idle workers poll for work
//! between the fit's many short parallel steps (as OpenMP libraries such as
//! LightGBM keep their threads spinning), so it keeps each of those cores
//! busy until it returns. Inside a pool (a search's candidate,
//! `ThreadPool::install`) it shares that pool like everything else.
//!
//! ## Determinism
//!
//! **The same data and the same seed give a bit-identical model whatever the
//! number of threads** — 1, 2 or 64 — and bit-identical predictions. The
//! example above relies on it. How:
//!
//! - work is split into pieces whose boundaries depend on the data size only
//!   (blocks of [`ROW_CHUNK`](crate::parallel::ROW_CHUNK) rows, at most 16
//!   parts of a reduction), never on the thread count;
//! - partial results (sums, histograms, matrix products) are combined in the
//!   pieces' order, so rounding is the same on every run;
//! - randomness is drawn per task (per tree, per pair, per fold) from a seed
//!   derived from `random_state` and the task's index, never from a shared
//!   generator whose order would depend on scheduling.
//!
//! So a test can compare a model fitted on a laptop with one fitted on a
//! server, and a cross-validation score does not move when the machine
//! changes.
//!
//! ## Seeds
//!
//! Estimators and splitters that draw random numbers have `random_state`
//! (scikit-learn's): `.random_state(42)` for a reproducible result. Left at
//! its default `None`, a fresh seed is drawn from the operating system at
//! each fit, as scikit-learn's `random_state=None`. The generators
//! (`MakeClassification`, …) and `train_test_split` work the same way.
//! learnkit's random generator is not NumPy's, so the same seed gives other
//! (equally distributed) random draws than scikit-learn.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::MakeClassification;
//! use learnkit::ensemble::ExtraTreesClassifier;
//!
//! let (x, y) = MakeClassification::default().n_samples(200).random_state(3).generate()?;
//! let fit = |seed| ExtraTreesClassifier::default().n_estimators(10).random_state(seed).fit(x.view(), y.view());
//! let (a, b) = (fit(7)?, fit(7)?);
//! assert_eq!(a.feature_importances(), b.feature_importances());
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Support vector machines
//!
//! [`SVC`](crate::svm::SVC) and [`SVR`](crate::svm::SVR) solve one large
//! problem on a small team of threads from the current pool, which meet
//! after every solver step. When the machine is busy (the team spends more
//! time waiting for a core than working; measured on Linux, where the
//! system reports it), the solve continues on one thread. Limit SVC's
//! threads with its `n_jobs`, or run it inside a smaller pool.
