//! # Model selection: splitting, cross-validation, searches
//!
//! Everything here lives in [`learnkit::model_selection`](crate::model_selection)
//! and follows scikit-learn's algorithms. Folds and (candidate, fold) pairs
//! run in parallel, and the results are the same on any number of threads.
//!
//! ## A held-out test set
//!
//! [`train_test_split`](crate::model_selection::train_test_split) is a
//! builder: the test (or training) size as a fraction or a count, the seed,
//! stratification by class, or no shuffling at all.
//!
//! ```
//! use learnkit::datasets::load_breast_cancer;
//! use learnkit::model_selection::train_test_split;
//!
//! let data = load_breast_cancer();
//! let split = train_test_split(data.data.view(), data.target.view())
//!     .test_size(0.2)
//!     .stratify(data.target.view())
//!     .random_state(42)
//!     .split()?;
//! assert_eq!(split.x_test.nrows(), 114);
//! assert_eq!(split.x_train.nrows() + split.x_test.nrows(), 569);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Cross-validation
//!
//! A [`Splitter`](crate::model_selection::Splitter) yields the folds:
//! [`KFold`](crate::model_selection::KFold),
//! [`StratifiedKFold`](crate::model_selection::StratifiedKFold) (per-class
//! proportions kept, the usual choice for classifiers),
//! [`GroupKFold`](crate::model_selection::GroupKFold),
//! [`TimeSeriesSplit`](crate::model_selection::TimeSeriesSplit),
//! [`ShuffleSplit`](crate::model_selection::ShuffleSplit) and
//! [`StratifiedShuffleSplit`](crate::model_selection::StratifiedShuffleSplit).
//! A [`Scorer`](crate::model_selection::Scorer) says how a fold is scored:
//! [`Accuracy`](crate::model_selection::Accuracy),
//! [`BalancedAccuracy`](crate::model_selection::BalancedAccuracy),
//! [`F1`](crate::model_selection::F1), [`RocAuc`](crate::model_selection::RocAuc),
//! [`NegLogLoss`](crate::model_selection::NegLogLoss), [`R2`](crate::model_selection::R2),
//! [`NegMeanSquaredError`](crate::model_selection::NegMeanSquaredError),
//! [`NegMeanAbsoluteError`](crate::model_selection::NegMeanAbsoluteError)
//! and the other regression scorers ([`ExplainedVariance`](crate::model_selection::ExplainedVariance),
//! [`NegMaxError`](crate::model_selection::NegMaxError), …),
//! [`EstimatorScore`](crate::model_selection::EstimatorScore) (the model's
//! own `score`), or any closure `|model, x, y| -> Result<f64>`. Greater is
//! better for all of them, hence the negated losses.
//!
//! [`cross_val_score`](crate::model_selection::cross_val_score) fits a fresh
//! model on each fold's training rows and scores it on the held-out ones.
//! Give it the whole pipeline, so that preprocessing is fitted per fold:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::model_selection::{cross_val_score, Accuracy, StratifiedKFold};
//!
//! let iris = load_iris();
//! let model = Pipeline::new(StandardScaler::default(), LogisticRegression::default());
//! let cv = StratifiedKFold::new(5).shuffle(true).random_state(0);
//! let scores = cross_val_score(&model, iris.data.view(), iris.target.view())
//!     .cv(cv)
//!     .scoring(Accuracy)
//!     .run()?;
//! assert_eq!(scores.len(), 5);
//! assert!(scores.mean().unwrap() > 0.9);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Both are builders: `.cv(…)` (default: 5 stratified folds), `.scoring(…)`
//! (default: the model's own `score`), `.groups(…)`, `.n_jobs(…)`, then
//! `.run()`. [`cross_validate`](crate::model_selection::cross_validate) takes
//! several named scorers at once (scikit-learn's `scoring=[...]`) and adds fit
//! and score times and training scores:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_breast_cancer;
//! use learnkit::model_selection::{cross_validate, Accuracy, RocAuc};
//!
//! let data = load_breast_cancer();
//! let model = Pipeline::new(StandardScaler::default(), SVC::default());
//! let result = cross_validate(&model, data.data.view(), data.target.view())
//!     .scoring("accuracy", Accuracy)
//!     .scoring("roc_auc", RocAuc) // SVC without probabilities: ranked by decision_function
//!     .return_train_score(true)
//!     .run()?;
//! assert!(result.test_scores("roc_auc")?.iter().all(|&s| s > 0.95));
//! assert_eq!(result.train_scores("accuracy")?.len(), 5);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Beside them,
//! [`cross_val_predict`](crate::model_selection::cross_val_predict) returns
//! each row's out-of-fold prediction; the `groups` argument (`None` above)
//! feeds [`GroupKFold`](crate::model_selection::GroupKFold) (`.groups(…)` on the builders).
//!
//! ## Grid search: candidates are values, estimators are built by a closure
//!
//! scikit-learn names parameters by strings (`{"clf__C": [0.1, 1]}`).
//! learnkit's [`GridSearchCV`](crate::model_selection::GridSearchCV) takes a
//! list of candidate values of any type and a closure that builds the
//! estimator of one candidate, so the compiler checks every name and type,
//! and any step of a pipeline can be searched. Several parameters are
//! tuples (build the grid with iterators). The fitted search is the best
//! candidate refitted on all the data, and predicts with it:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
//! use learnkit::svm::{Gamma, Kernel};
//!
//! let iris = load_iris();
//! let grid: Vec<(f64, f64)> = [0.1, 1.0, 10.0]
//!     .into_iter()
//!     .flat_map(|c| [0.01, 0.1].map(move |gamma| (c, gamma)))
//!     .collect();
//! let search = GridSearchCV::new(
//!     grid,
//!     |&(c, gamma): &(f64, f64)| {
//!         Pipeline::new(StandardScaler::default(), SVC::default().c(c).kernel(Kernel::Rbf { gamma: Gamma::Value(gamma) }))
//!     },
//!     StratifiedKFold::new(3),
//! );
//! let fitted = search.fit(iris.data.view(), iris.target.view())?;
//! let (best_c, best_gamma) = *fitted.best_params();
//! assert!(best_c > 0.0 && best_gamma > 0.0);
//! assert!(fitted.best_score() > 0.9);
//! assert_eq!(fitted.cv_results().mean_test_score.len(), 6);
//! let predicted = fitted.predict(iris.data.view())?; // with the refitted best model
//! assert_eq!(predicted.len(), 150);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Other scorers: `.scoring(RocAuc)` (or any scorer above).
//! [`evaluate`](crate::model_selection::GridSearchCV::evaluate) runs the
//! cross-validation without the final refit and returns the
//! [`CvResults`](crate::model_selection::CvResults) table, which prints as
//! a table.
//!
//! ## Randomized search
//!
//! [`RandomizedSearchCV`](crate::model_selection::RandomizedSearchCV) draws
//! `n_iter` candidates with a closure given a seeded random generator
//! (`rand`'s distributions work there), and builds each as above:
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::datasets::load_iris;
//! use learnkit::model_selection::{KFold, RandomizedSearchCV};
//! use rand::Rng;
//!
//! let iris = load_iris();
//! let search = RandomizedSearchCV::new(
//!     |rng: &mut rand::rngs::StdRng| 10f64.powf(rng.random_range(-2.0..2.0)), // C, log-uniform
//!     |&c: &f64| LogisticRegression::default().c(c).max_iter(1000),
//!     KFold::new(3).shuffle(true).random_state(0),
//! )
//! .n_iter(4)
//! .random_state(0);
//! let fitted = search.fit(iris.data.view(), iris.target.view())?;
//! assert!(*fitted.best_params() > 0.0);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! Also there: [`validation_curve`](crate::model_selection::validation_curve)
//! and [`learning_curve`](crate::model_selection::learning_curve), and
//! [`LogisticRegressionCV`](crate::linear_model::LogisticRegressionCV), which
//! chooses its `C` along a warm-started path.
