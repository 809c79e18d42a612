//! `TfidfVectorizer`: a [`CountVectorizer`] followed by a
//! [`TfidfTransformer`], in one type.

use super::analyzer::analysis_setters;
use super::count_vectorizer::{CountVectorizer, DocFreq, FittedCountVectorizer};
use super::tfidf_transformer::{FittedTfidfTransformer, Norm, TfidfTransformer};
use crate::error::Result;
use crate::sparse::CsrMatrix;
use ndarray::Array1;
use std::collections::HashMap;

const NAME: &str = "TfidfVectorizer";

/// Converts documents to a sparse matrix of tf-idf weights (scikit-learn's
/// `TfidfVectorizer`): every parameter of [`CountVectorizer`] and of
/// [`TfidfTransformer`], with their defaults.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::TfidfVectorizer;
/// let docs = ["the cat sat", "the dog sat", "the cat ran"];
/// let (fitted, x) = TfidfVectorizer::default().fit_transform(&docs)?;
/// assert_eq!(fitted.get_feature_names_out(), ["cat", "dog", "ran", "sat", "the"]);
/// let row: f64 = x.row(0).squared_norm();
/// assert!((row - 1.0).abs() < 1e-12); // L2-normalised rows
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TfidfVectorizer {
    count: CountVectorizer,
    tfidf: TfidfTransformer,
}

/// Setters that hand a parameter to the inner vectorizer or transformer.
macro_rules! forward {
    ($($(#[$doc:meta])* $name:ident($part:ident: $ty:ty);)*) => {$(
        $(#[$doc])*
        pub fn $name(mut self, value: $ty) -> Self {
            self.$part = self.$part.$name(value);
            self
        }
    )*};
}

impl TfidfVectorizer {
    analysis_setters!(TfidfVectorizer, count.analysis);

    forward! {
        /// See [`CountVectorizer::max_features`].
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().max_features(Some(1000));
        /// # let _ = v;
        /// ```
        max_features(count: Option<usize>);
        /// See [`CountVectorizer::vocabulary`].
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().vocabulary(Some(vec!["ab".into()]));
        /// # let _ = v;
        /// ```
        vocabulary(count: Option<Vec<String>>);
        /// See [`CountVectorizer::binary`] (the tf is then 0 or 1).
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().binary(true);
        /// # let _ = v;
        /// ```
        binary(count: bool);
        /// See [`CountVectorizer::n_jobs`].
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().n_jobs(Some(2));
        /// # let _ = v;
        /// ```
        n_jobs(count: Option<usize>);
        /// See [`TfidfTransformer::norm`].
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().norm(None);
        /// # let _ = v;
        /// ```
        norm(tfidf: Option<Norm>);
        /// See [`TfidfTransformer::use_idf`].
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().use_idf(false);
        /// # let _ = v;
        /// ```
        use_idf(tfidf: bool);
        /// See [`TfidfTransformer::smooth_idf`].
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().smooth_idf(false);
        /// # let _ = v;
        /// ```
        smooth_idf(tfidf: bool);
        /// See [`TfidfTransformer::sublinear_tf`].
        ///
        /// # Example
        /// ```
        /// let v = learnkit::feature_extraction::TfidfVectorizer::default().sublinear_tf(true);
        /// # let _ = v;
        /// ```
        sublinear_tf(tfidf: bool);
    }

    /// See [`CountVectorizer::min_df`].
    ///
    /// # Example
    /// ```
    /// let v = learnkit::feature_extraction::TfidfVectorizer::default().min_df(2);
    /// # let _ = v;
    /// ```
    pub fn min_df(mut self, min_df: impl Into<DocFreq>) -> Self {
        self.count = self.count.min_df(min_df);
        self
    }

    /// See [`CountVectorizer::max_df`].
    ///
    /// # Example
    /// ```
    /// let v = learnkit::feature_extraction::TfidfVectorizer::default().max_df(0.9);
    /// # let _ = v;
    /// ```
    pub fn max_df(mut self, max_df: impl Into<DocFreq>) -> Self {
        self.count = self.count.max_df(max_df);
        self
    }

    /// Learns the vocabulary and the idf of `docs`.
    ///
    /// # Errors
    /// As [`CountVectorizer::fit`].
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfVectorizer;
    /// let fitted = TfidfVectorizer::default().fit(&["ab cd", "cd"])?;
    /// assert!(fitted.idf().unwrap()[0] > fitted.idf().unwrap()[1]); // "ab" is rarer
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<FittedTfidfVectorizer> {
        self.fit_transform(docs).map(|(fitted, _)| fitted)
    }

    /// Learns the vocabulary and idf, and returns the tf-idf of `docs`.
    ///
    /// # Errors
    /// As [`CountVectorizer::fit`].
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfVectorizer;
    /// let (_, x) = TfidfVectorizer::default().fit_transform(&["ab ab", "cd"])?;
    /// assert_eq!(x.data(), [1.0, 1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<(FittedTfidfVectorizer, CsrMatrix<f64>)> {
        let (count, mut x) = self.count.fit_transform_named(NAME, docs)?;
        let tfidf = self.tfidf.fit_csr(&x)?;
        tfidf.weigh_in_place(&mut x);
        Ok((FittedTfidfVectorizer { count, tfidf }, x))
    }
}

/// A fitted [`TfidfVectorizer`]: the vocabulary and the idf.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::TfidfVectorizer;
/// let fitted = TfidfVectorizer::default().fit(&["red green", "green blue"])?;
/// let x = fitted.transform(&["green yellow"])?;
/// assert_eq!(x.to_dense()?, ndarray::array![[0.0, 1.0, 0.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct FittedTfidfVectorizer {
    pub(super) count: FittedCountVectorizer,
    pub(super) tfidf: FittedTfidfTransformer<f64>,
}

impl FittedTfidfVectorizer {
    /// The tf-idf of each of `docs` over the learnt vocabulary.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfVectorizer;
    /// let fitted = TfidfVectorizer::default().norm(None).fit(&["ab cd", "cd"])?;
    /// let x = fitted.transform(&["cd cd"])?;
    /// assert_eq!(x.data(), [2.0]); // tf 2, idf ln(3 / 3) + 1
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix<f64>> {
        let mut x = self.count.transform(docs)?;
        self.tfidf.weigh_in_place(&mut x);
        Ok(x)
    }

    /// The terms, in column order.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfVectorizer;
    /// assert_eq!(TfidfVectorizer::default().fit(&["zz aa"])?.get_feature_names_out(), ["aa", "zz"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn get_feature_names_out(&self) -> &[String] {
        self.count.get_feature_names_out()
    }

    /// Term → column.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfVectorizer;
    /// assert_eq!(TfidfVectorizer::default().fit(&["zz aa"])?.vocabulary()["zz"], 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn vocabulary(&self) -> &HashMap<String, u32> {
        self.count.vocabulary()
    }

    /// The inverse document frequency of each term (`None` without `use_idf`).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfVectorizer;
    /// assert_eq!(TfidfVectorizer::default().fit(&["zz aa"])?.idf().unwrap().len(), 2);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn idf(&self) -> Option<Array1<f64>> {
        self.tfidf.idf()
    }

    /// The fitted count vectorizer inside.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::TfidfVectorizer;
    /// let fitted = TfidfVectorizer::default().fit(&["zz aa zz"])?;
    /// assert_eq!(fitted.count_vectorizer().transform(&["zz zz"])?.data(), [2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn count_vectorizer(&self) -> &FittedCountVectorizer {
        &self.count
    }
}
