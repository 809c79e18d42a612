//! Naive Bayes classifiers, as scikit-learn's `sklearn.naive_bayes`:
//! [`GaussianNB`] (continuous features), [`MultinomialNB`] (counts, tf-idf),
//! [`ComplementNB`] (counts, imbalanced text classes), [`BernoulliNB`]
//! (binary features) and [`CategoricalNB`] (integer-coded categories).
//!
//! All fit in one pass over the data and can learn incrementally: the
//! hyperparameters' `partial_fit(x, y, classes)` fits a first batch knowing
//! every class, and the fitted model's `partial_fit(x, y)` adds later
//! batches (scikit-learn's `partial_fit`, with the classes required on the
//! first call). All take sample weights ([`SampleWeighted`](crate::traits::SampleWeighted)),
//! and give `predict_proba`, `predict_log_proba` and
//! `predict_joint_log_proba`. The multinomial, complement and Bernoulli
//! models work on sparse input directly (the `_matrix` methods with a
//! [`CsrMatrix`](crate::sparse::CsrMatrix)); the Gaussian and categorical
//! ones densify it, as scikit-learn rejects it.
//!
//! # Example
//! ```
//! use learnkit::prelude::*;
//! use learnkit::naive_bayes::GaussianNB;
//! use learnkit::datasets::load_iris;
//!
//! let iris = load_iris();
//! let model = GaussianNB::default().fit(iris.data.view(), iris.target.view())?;
//! assert!(model.score(iris.data.view(), iris.target.view())? > 0.95);
//! # Ok::<(), learnkit::Error>(())
//! ```

pub(crate) mod base;
mod bernoulli;
mod categorical;
mod complement;
mod discrete;
mod gaussian;
mod multinomial;

pub use bernoulli::{BernoulliNB, FittedBernoulliNB};
pub use categorical::{CategoricalNB, FittedCategoricalNB, MinCategories};
pub use complement::{ComplementNB, FittedComplementNB};
pub use gaussian::{FittedGaussianNB, GaussianNB};
pub use multinomial::{FittedMultinomialNB, MultinomialNB};
