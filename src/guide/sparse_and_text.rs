//! # Sparse input and text
//!
//! Text, one-hot encoded categories and other wide data are mostly zeros.
//! learnkit stores such data in a [`CsrMatrix`](crate::sparse::CsrMatrix)
//! (scipy's `csr_array`: compressed sparse rows) and the estimators that
//! have a sparse algorithm work on its stored values only, as
//! scikit-learn's do.
//!
//! ## Building a sparse matrix
//!
//! [`CsrMatrix::try_new`](crate::sparse::CsrMatrix::try_new) takes the
//! three CSR arrays (row pointers, column indices, values) and checks them:
//! out-of-range, unsorted or duplicated column indices and a wrong shape
//! are named errors, never a panic later.
//! [`from_triplets`](crate::sparse::CsrMatrix::from_triplets) takes
//! (row, column, value) in any order and sums duplicates (scipy's
//! `coo_array(...).tocsr()`); [`from_dense`](crate::sparse::CsrMatrix::from_dense)
//! keeps the non-zeros of an array.
//!
//! ```
//! use learnkit::sparse::CsrMatrix;
//! use ndarray::array;
//!
//! // [[1, 0, 2], [0, 0, 3]]
//! let x = CsrMatrix::try_new((2, 3), vec![0, 2, 3], vec![0, 2, 2], vec![1.0, 2.0, 3.0])?;
//! assert_eq!(x.nnz(), 3);
//! assert_eq!(x.to_dense()?, array![[1.0, 0.0, 2.0], [0.0, 0.0, 3.0]]);
//!
//! let same = CsrMatrix::from_triplets((2, 3), &[1, 0, 0, 1], &[2, 2, 0, 2], &[1.0, 2.0, 1.0, 2.0])?;
//! assert_eq!(same, x); // the two (1, 2) entries are summed
//! assert_eq!(CsrMatrix::from_dense(x.to_dense()?.view()), x);
//!
//! // Column 5 in a 3-column matrix: a named error.
//! let bad = CsrMatrix::try_new((1, 3), vec![0, 1], vec![5], vec![1.0]);
//! assert!(matches!(bad, Err(learnkit::Error::InvalidInput { .. })));
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Giving sparse data to an estimator
//!
//! Every estimator keeps its dense methods (`fit(x.view(), y)`,
//! `predict(x.view())`). Beside each, a `_matrix` twin takes a
//! [`MatrixView`](crate::sparse::MatrixView), dense or sparse:
//! [`fit_matrix`](crate::traits::Estimator::fit_matrix),
//! [`predict_matrix`](crate::traits::Predictor::predict_matrix),
//! [`predict_proba_matrix`](crate::traits::PredictProba::predict_proba_matrix),
//! [`decision_function_matrix`](crate::traits::DecisionFunction::decision_function_matrix),
//! [`transform_matrix`](crate::traits::Transformer::transform_matrix)
//! (which returns a [`Matrix`](crate::sparse::Matrix), dense or sparse).
//! `MatrixView::from(&csr)` (or `(&csr).into()`) makes the view.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::sparse::{CsrMatrix, MatrixView};
//! use ndarray::array;
//!
//! let dense = array![[1.0f64, 0.0, 0.0, 2.0], [0.0, 3.0, 0.0, 0.0], [2.0, 0.0, 0.0, 1.0], [0.0, 2.0, 1.0, 0.0]];
//! let x = CsrMatrix::from_dense(dense.view());
//! let y = array![0, 1, 0, 1];
//! let model = LogisticRegression::default().fit_matrix(MatrixView::from(&x), y.view())?;
//! assert_eq!(model.predict_matrix((&x).into())?, y);
//! // The sparse fit is the dense fit (to rounding).
//! let dense_model = LogisticRegression::default().fit(dense.view(), y.view())?;
//! let (p, q) = (model.predict_proba_matrix((&x).into())?, dense_model.predict_proba(dense.view())?);
//! assert!(p.iter().zip(&q).all(|(a, b)| (a - b).abs() < 1e-6));
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Which estimators work on the stored values
//!
//! | kind | estimators |
//! |---|---|
//! | linear models | `LogisticRegression`, `LinearSVC`, `SGDClassifier` / `SGDRegressor` (also `partial_fit_matrix`), `Ridge` / `RidgeClassifier` (conjugate gradients; `Cholesky` and `Svd` densify); every linear model predicts on sparse rows |
//! | kernel SVMs | `SVC`, `SVR` (sparse kernel rows, as libsvm) |
//! | neighbours | `KNeighborsClassifier`, `KNeighborsRegressor`, `NearestNeighbors` (brute force on sparse rows) |
//! | naive Bayes | `MultinomialNB`, `ComplementNB`, `BernoulliNB` (`GaussianNB` and `CategoricalNB` densify) |
//! | transformers | `StandardScaler` with `with_mean(false)`, `MaxAbsScaler`, `Normalizer`, `TfidfTransformer`, `TruncatedSVD`; `OneHotEncoder` *outputs* a sparse matrix (`sparse_output`, default true) |
//! | composites | `Pipeline` hands each step's `Matrix` to the next; `ColumnTransformer` stacks sparse outputs into a sparse matrix below its `sparse_threshold` |
//!
//! Every other estimator inherits `_matrix` methods that **densify** a
//! sparse input and call the dense method. So does `SimpleImputer`
//! (scikit-learn keeps its output sparse; its statistics are the same) and
//! the *input* of a `ColumnTransformer` (its steps select columns of a
//! dense matrix). The dense copy takes `rows × columns` values and is
//! allocated fallibly: a matrix too large to densify is an
//! [`Error::TooLarge`](crate::Error::TooLarge), never an abort.
//!
//! ## Text
//!
//! The [`feature_extraction`](crate::feature_extraction) vectorizers turn
//! documents (any `&[S]` with `S: AsRef<str>`) into a `CsrMatrix`, with
//! scikit-learn's defaults and numbers:
//! [`CountVectorizer`](crate::feature_extraction::CountVectorizer) (term
//! counts), [`TfidfVectorizer`](crate::feature_extraction::TfidfVectorizer)
//! (tf-idf, L2-normalised rows) and
//! [`HashingVectorizer`](crate::feature_extraction::HashingVectorizer)
//! (hashed counts, no vocabulary to keep). Documents are analysed in
//! parallel; the vocabulary and the matrix are the same on any number of
//! threads.
//!
//! ```
//! use learnkit::prelude::*;
//! use learnkit::feature_extraction::{StopWords, StripAccents, TfidfVectorizer};
//! use learnkit::naive_bayes::MultinomialNB;
//! use ndarray::array;
//!
//! let docs = [
//!     "Un très bon café, vraiment bon",
//!     "A good coffee, really good!",
//!     "Café froid et mauvais",
//!     "Cold, bad coffee.",
//! ];
//! let y = array!["good", "good", "bad", "bad"];
//! let vectorizer = TfidfVectorizer::default()
//!     .strip_accents(StripAccents::Unicode) // "café" and "cafe" are one term
//!     .stop_words(StopWords::English)
//!     .ngram_range((1, 2));
//! let (fitted, x) = vectorizer.fit_transform(&docs)?;
//! assert!(fitted.vocabulary().contains_key("cafe"));
//!
//! let model = MultinomialNB::default().fit_matrix((&x).into(), y.view())?;
//! let new = fitted.transform(&["bon cafe", "bad cold coffee"])?;
//! assert_eq!(model.predict_matrix((&new).into())?, array!["good", "bad"]);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! The analysis options are scikit-learn's: `lowercase`, `strip_accents`
//! ([`StripAccents::Ascii`](crate::feature_extraction::StripAccents::Ascii)
//! or `Unicode`), `token_pattern` (a regular expression; the default
//! `(?u)\b\w\w+\b` is matched by hand-written code),
//! `stop_words`, `ngram_range`, `analyzer` (word, char, char_wb), `min_df`,
//! `max_df`, `max_features`, `vocabulary`, `binary`, and for tf-idf `norm`,
//! `use_idf`, `smooth_idf`, `sublinear_tf`. A
//! [`Preprocessor`](crate::feature_extraction::Preprocessor) or
//! [`Tokenizer`](crate::feature_extraction::Tokenizer) of your own is a
//! closure:
//!
//! ```
//! use learnkit::feature_extraction::{CountVectorizer, Tokenizer};
//! let on_semicolons = Tokenizer::new(|doc: &str| doc.split(';').map(|t| t.trim().to_string()).collect());
//! let fitted = CountVectorizer::default().tokenizer(on_semicolons).fit(&["red; dark blue", "red"])?;
//! assert_eq!(fitted.get_feature_names_out(), ["dark blue", "red"]);
//! let fitted = CountVectorizer::default().token_pattern(r"[a-z]+").fit(&["x1 y22"])?;
//! assert_eq!(fitted.get_feature_names_out(), ["x", "y"]);
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Saving a vectorizer
//!
//! A fitted `CountVectorizer` or `TfidfVectorizer` saves and loads like
//! any model (see [`persistence`](super::persistence)): its parameters,
//! vocabulary and idf. One holding a closure cannot be saved — code is not
//! data — and saving it is an
//! [`Error::Unsupported`](crate::Error::Unsupported) naming the function.
//!
//! ```
//! use learnkit::feature_extraction::{CountVectorizer, FittedCountVectorizer, Preprocessor};
//! use learnkit::persistence::{from_bytes, to_bytes};
//!
//! let fitted = CountVectorizer::default().ngram_range((1, 2)).fit(&["the cat sat", "the dog sat"])?;
//! let back: FittedCountVectorizer = from_bytes(&to_bytes(&fitted)?)?;
//! assert_eq!(back.transform(&["the cat"])?, fitted.transform(&["the cat"])?);
//!
//! let custom = CountVectorizer::default().preprocessor(Preprocessor::new(|d: &str| d.to_lowercase())).fit(&["ab"])?;
//! assert!(matches!(to_bytes(&custom), Err(learnkit::Error::Unsupported { .. })));
//! # Ok::<(), learnkit::Error>(())
//! ```
//!
//! ## Memory
//!
//! - A `CsrMatrix<f64>` takes 12 bytes per stored value (an `f64` and a
//!   `u32` column index) plus 8 bytes per row: a 100,000 × 50,000 tf-idf
//!   matrix with 100 terms a document is about 120 MB; dense it would be
//!   40 GB. [`density`](crate::sparse::CsrMatrix::density) says which you
//!   have.
//! - Keep the chain sparse: vectorizer → `TfidfTransformer` /
//!   `MaxAbsScaler` / `Normalizer` → a model from the table above. A step
//!   that densifies (a `StandardScaler` with its default `with_mean`, a
//!   tree) costs the dense size; `StandardScaler::with_mean(false)` keeps
//!   the matrix sparse, as in scikit-learn.
//! - A model's own size does not depend on the sparsity: a linear model
//!   or `MultinomialNB` stores `classes × features` numbers.
//! - For a vocabulary too large to keep, `HashingVectorizer` has none: its
//!   `n_features` (default 2^20) fixes the width.
