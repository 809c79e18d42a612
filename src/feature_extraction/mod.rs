//! Features from text (scikit-learn's `sklearn.feature_extraction.text`):
//! [`CountVectorizer`] (term counts), [`TfidfTransformer`] (counts to
//! tf-idf), [`TfidfVectorizer`] (both in one) and [`HashingVectorizer`]
//! (hashed counts, no vocabulary). Every output is a
//! [`CsrMatrix<f64>`](crate::sparse::CsrMatrix), ready for the `_matrix`
//! methods of the estimators (see [`sparse`](crate::sparse)).
//!
//! The vectorizers take documents, not matrices, so they are not
//! [`Estimator`](crate::traits::Estimator)s: `fit(&docs)`,
//! `transform(&docs)` and `fit_transform(&docs)` take any `&[S]` with
//! `S: AsRef<str>` (`&str`, `String`, …). Documents are analysed in
//! parallel, in chunks of a fixed size merged in order, so the vocabulary
//! and the matrix are the same on any number of threads. The vocabulary is
//! sorted, as scikit-learn's, and the numbers equal scikit-learn's (checked
//! against scikit-learn 1.9.1 in `tests/text.rs`).
//!
//! Preprocessing as scikit-learn's: `lowercase`, `strip_accents`
//! ([`StripAccents`]), a [`Preprocessor`] or [`Tokenizer`] of your own, and
//! `token_pattern` (the default is matched by hand-written code; a custom
//! one by the `regex` crate). Not implemented: `decode_error` / `encoding`
//! (documents are Rust strings).
//!
//! Fitted [`CountVectorizer`]s and [`TfidfVectorizer`]s save and load with
//! [`persistence`](crate::persistence) (parameters and vocabulary), except
//! those holding a user function (an [`Error::Unsupported`](crate::Error::Unsupported)).
//!
//! # Example
//! ```
//! use learnkit::feature_extraction::{StopWords, TfidfVectorizer};
//! let docs = ["Rust is fast.", "Python is easy.", "Rust is safe and fast!"];
//! let (fitted, x) = TfidfVectorizer::default().stop_words(StopWords::English).fit_transform(&docs)?;
//! assert_eq!(fitted.get_feature_names_out(), ["easy", "fast", "python", "rust", "safe"]);
//! assert_eq!(x.shape(), (3, 5));
//! let new = fitted.transform(&["fast and safe"])?;
//! assert_eq!(new.indices(), [1, 4]);
//! # Ok::<(), learnkit::Error>(())
//! ```

mod analyzer;
mod count_vectorizer;
mod counting;
mod hashing_vectorizer;
#[cfg(feature = "serde")]
mod persist;
mod stop_words;
mod tfidf_transformer;
mod tfidf_vectorizer;

pub use analyzer::{Analyzer, DEFAULT_TOKEN_PATTERN, Preprocessor, StopWords, StripAccents, Tokenizer};
pub use count_vectorizer::{CountVectorizer, DocFreq, FittedCountVectorizer};
pub use hashing_vectorizer::{HashingVectorizer, murmurhash3_32};
pub use stop_words::ENGLISH_STOP_WORDS;
pub use tfidf_transformer::{FittedTfidfTransformer, Norm, TfidfTransformer};
pub use tfidf_vectorizer::{FittedTfidfVectorizer, TfidfVectorizer};
