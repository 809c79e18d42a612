//! `CountVectorizer`: documents to a sparse matrix of term counts.

use super::analyzer::{Analysis, AnalysisParams, analysis_setters};
use super::counting::{count_fixed, count_learning, into_matrix, renumber};
use crate::error::{Error, Result};
use crate::sparse::CsrMatrix;
use std::collections::HashMap;

/// A document-frequency bound (`min_df`, `max_df`): a number of documents,
/// or a proportion of them in `[0, 1]`, as scikit-learn's int or float.
///
/// Converts from integers (`2`) and floats (`0.5`).
///
/// # Example
/// ```
/// use learnkit::feature_extraction::{CountVectorizer, DocFreq};
/// let docs = ["a cat", "a cat and a dog", "the dog"];
/// let fitted = CountVectorizer::default().min_df(2).fit(&docs)?;
/// assert_eq!(fitted.get_feature_names_out(), ["cat", "dog"]);
/// let fitted = CountVectorizer::default().max_df(0.5).fit(&docs)?;
/// assert_eq!(fitted.get_feature_names_out(), ["and", "the"]);
/// assert_eq!(DocFreq::from(2), DocFreq::Count(2));
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DocFreq {
    /// A number of documents (at least 1).
    Count(i64),
    /// A proportion of the documents, in `[0, 1]`.
    Proportion(f64),
}

impl From<i32> for DocFreq {
    fn from(count: i32) -> Self {
        DocFreq::Count(count.into())
    }
}

impl From<usize> for DocFreq {
    fn from(count: usize) -> Self {
        DocFreq::Count(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

impl From<f64> for DocFreq {
    fn from(proportion: f64) -> Self {
        DocFreq::Proportion(proportion)
    }
}

impl DocFreq {
    fn check(self, context: &'static str, parameter: &'static str) -> Result<()> {
        let ok = match self {
            DocFreq::Count(n) => n >= 1,
            DocFreq::Proportion(p) => (0.0..=1.0).contains(&p),
        };
        if ok {
            Ok(())
        } else {
            Err(Error::invalid_parameter(
                context,
                parameter,
                "a count >= 1 or a proportion in [0, 1]",
                format!("{self:?}"),
            ))
        }
    }

    /// The bound in documents out of `n_docs` (a proportion is not rounded,
    /// as in scikit-learn).
    fn documents(self, n_docs: usize) -> f64 {
        match self {
            DocFreq::Count(n) => n as f64,
            DocFreq::Proportion(p) => p * n_docs as f64,
        }
    }
}

/// Converts documents to a sparse matrix of term counts (scikit-learn's
/// `CountVectorizer`), one row per document and one column per term of the
/// vocabulary learnt in `fit`, sorted.
///
/// Defaults as scikit-learn: lowercase, tokens of two or more word
/// characters (`token_pattern` `(?u)\b\w\w+\b`, written by hand; set
/// another with `token_pattern` or give a [`Tokenizer`](super::Tokenizer)),
/// single words (`ngram_range` (1, 1)), no stop words, every term kept
/// (`min_df` 1, `max_df` 1.0, no `max_features`), no accent stripping (see
/// [`StripAccents`](super::StripAccents)).
/// Documents are analysed in parallel (`n_jobs`), with the same result on
/// any number of threads.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::CountVectorizer;
/// let docs = ["The cat sat.", "The cat sat on the mat!"];
/// let (fitted, counts) = CountVectorizer::default().fit_transform(&docs)?;
/// assert_eq!(fitted.get_feature_names_out(), ["cat", "mat", "on", "sat", "the"]);
/// assert_eq!(counts.to_dense()?, ndarray::array![[1.0, 0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0, 2.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CountVectorizer {
    pub(crate) analysis: AnalysisParams,
    min_df: DocFreq,
    max_df: DocFreq,
    max_features: Option<usize>,
    vocabulary: Option<Vec<String>>,
    binary: bool,
    n_jobs: Option<usize>,
}

impl Default for CountVectorizer {
    fn default() -> Self {
        CountVectorizer {
            analysis: AnalysisParams::default(),
            min_df: DocFreq::Count(1),
            max_df: DocFreq::Proportion(1.0),
            max_features: None,
            vocabulary: None,
            binary: false,
            n_jobs: None,
        }
    }
}

impl CountVectorizer {
    analysis_setters!(CountVectorizer, analysis);

    /// Drops terms found in fewer documents (default 1; see [`DocFreq`]).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let fitted = CountVectorizer::default().min_df(0.6).fit(&["ab cd", "ab", "ef"])?;
    /// assert_eq!(fitted.get_feature_names_out(), ["ab"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn min_df(mut self, min_df: impl Into<DocFreq>) -> Self {
        self.min_df = min_df.into();
        self
    }

    /// Drops terms found in more documents (default 1.0: none dropped).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let fitted = CountVectorizer::default().max_df(1).fit(&["ab cd", "ab"])?;
    /// assert_eq!(fitted.get_feature_names_out(), ["cd"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn max_df(mut self, max_df: impl Into<DocFreq>) -> Self {
        self.max_df = max_df.into();
        self
    }

    /// Keeps only the `max_features` most frequent terms over the corpus
    /// (default all). Among terms of equal total count the one that sorts
    /// first is kept: scikit-learn breaks those ties with numpy's unstable
    /// `argsort`, whose order depends on the CPU's vector instructions, so
    /// only a cut through such a tie can differ from it.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let fitted = CountVectorizer::default().max_features(Some(1)).fit(&["ab cd cd"])?;
    /// assert_eq!(fitted.get_feature_names_out(), ["cd"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn max_features(mut self, max_features: Option<usize>) -> Self {
        self.max_features = max_features;
        self
    }

    /// A fixed vocabulary: column `i` counts `vocabulary[i]`; `min_df`,
    /// `max_df` and `max_features` are then ignored (default: learnt).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let fitted = CountVectorizer::default().vocabulary(Some(vec!["zz".into(), "ab".into()])).fit(&["ab ab"])?;
    /// assert_eq!(fitted.transform(&["ab zz ab cd"])?.to_dense()?, ndarray::array![[1.0, 2.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn vocabulary(mut self, vocabulary: Option<Vec<String>>) -> Self {
        self.vocabulary = vocabulary;
        self
    }

    /// Counts 1 for every term present instead of its count (default false).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let (_, x) = CountVectorizer::default().binary(true).fit_transform(&["ab ab"])?;
    /// assert_eq!(x.data(), [1.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn binary(mut self, binary: bool) -> Self {
        self.binary = binary;
        self
    }

    /// Threads for analysing documents (default `None`: every core).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let one = CountVectorizer::default().n_jobs(Some(1)).fit_transform(&["ab cd", "cd"])?;
    /// let all = CountVectorizer::default().fit_transform(&["ab cd", "cd"])?;
    /// assert_eq!(one.1, all.1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn n_jobs(mut self, n_jobs: Option<usize>) -> Self {
        self.n_jobs = n_jobs;
        self
    }

    /// Learns the vocabulary of `docs`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a bad `ngram_range`, `min_df`,
    /// `max_df` (or one below `min_df`), `max_features` 0, a fixed
    /// vocabulary that is empty or repeats a term; [`Error::InvalidInput`]
    /// when no term is found ("empty vocabulary") or none is left after
    /// `min_df` / `max_df`.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// use learnkit::Error;
    /// let fitted = CountVectorizer::default().fit(&["ab cd", "cd"])?;
    /// assert_eq!(fitted.vocabulary().len(), 2);
    /// // Single letters are not tokens: nothing to learn.
    /// let err = CountVectorizer::default().fit(&["b a", "c"]).unwrap_err();
    /// assert!(matches!(err, Error::InvalidInput { .. }));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<FittedCountVectorizer> {
        self.fit_transform(docs).map(|(fitted, _)| fitted)
    }

    /// Learns the vocabulary and returns the counts of `docs` (one pass).
    ///
    /// # Errors
    /// As [`CountVectorizer::fit`].
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let (fitted, x) = CountVectorizer::default().fit_transform(&["to be or not to be"])?;
    /// assert_eq!(fitted.get_feature_names_out(), ["be", "not", "or", "to"]);
    /// assert_eq!(x.data(), [2.0, 1.0, 1.0, 2.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn fit_transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<(FittedCountVectorizer, CsrMatrix<f64>)> {
        self.fit_transform_named("CountVectorizer", docs)
    }

    /// [`CountVectorizer::fit_transform`] with errors naming `context`.
    pub(crate) fn fit_transform_named<S: AsRef<str> + Sync>(
        &self,
        context: &'static str,
        docs: &[S],
    ) -> Result<(FittedCountVectorizer, CsrMatrix<f64>)> {
        let analysis = self.analysis.build(context)?;
        self.min_df.check(context, "min_df")?;
        self.max_df.check(context, "max_df")?;
        if self.max_features == Some(0) {
            return Err(Error::invalid_parameter(context, "max_features", "None or >= 1", 0));
        }
        if let Some(vocabulary) = &self.vocabulary {
            let fitted = FittedCountVectorizer::with_vocabulary(context, self.clone(), analysis, vocabulary.clone())?;
            let x = fitted.transform(docs)?;
            return Ok((fitted, x));
        }
        let (terms, mut rows) = count_learning(&analysis, docs, self.n_jobs)?;
        if terms.is_empty() {
            return Err(Error::invalid_input(
                context,
                "empty vocabulary; perhaps the documents only contain stop words",
            ));
        }
        if self.binary {
            rows.data.fill(1.0);
        }
        let n_docs = docs.len();
        let (max_docs, min_docs) = (self.max_df.documents(n_docs), self.min_df.documents(n_docs));
        if max_docs < min_docs {
            return Err(Error::invalid_parameter(
                context,
                "max_df",
                format!("at least as many documents as min_df ({min_docs})"),
                max_docs,
            ));
        }
        // Document frequency (stored entries, as scikit-learn's bincount)
        // and total count of every term.
        let mut df = vec![0usize; terms.len()];
        let mut tf = vec![0.0f64; terms.len()];
        for (&j, &v) in rows.indices.iter().zip(&rows.data) {
            df[j as usize] += 1;
            tf[j as usize] += v;
        }
        let mut keep: Vec<u32> = (0..terms.len() as u32)
            .filter(|&j| {
                let d = df[j as usize] as f64;
                d <= max_docs && d >= min_docs
            })
            .collect();
        // Sorted terms: the output's column order, and max_features' tie-break.
        keep.sort_unstable_by(|&a, &b| terms[a as usize].cmp(&terms[b as usize]));
        if let Some(limit) = self.max_features {
            if keep.len() > limit {
                let mut by_count = keep.clone();
                // Stable: equal totals keep the term order.
                by_count.sort_by(|&a, &b| tf[b as usize].total_cmp(&tf[a as usize]));
                let chosen: std::collections::HashSet<u32> = by_count[..limit].iter().copied().collect();
                keep.retain(|j| chosen.contains(j));
            }
        }
        if keep.is_empty() {
            return Err(Error::invalid_input(
                context,
                "after pruning, no terms remain; try a lower min_df or a higher max_df",
            ));
        }
        let mut new_id = vec![None; terms.len()];
        for (new, &old) in keep.iter().enumerate() {
            new_id[old as usize] = Some(new as u32);
        }
        let mut terms: Vec<Option<String>> = terms.into_iter().map(Some).collect();
        let vocabulary: Vec<String> = keep
            .iter()
            .map(|&old| terms[old as usize].take().unwrap_or_default())
            .collect();
        let x = renumber(rows, &new_id, vocabulary.len())?;
        let fitted = FittedCountVectorizer::from_sorted(self.clone(), analysis, vocabulary);
        Ok((fitted, x))
    }
}

/// A fitted [`CountVectorizer`]: its vocabulary, and the analysis that
/// counts new documents over it.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::CountVectorizer;
/// let fitted = CountVectorizer::default().fit(&["red green", "green blue"])?;
/// assert_eq!(fitted.vocabulary()["green"], 1);
/// let x = fitted.transform(&["green green yellow"])?;
/// assert_eq!(x.to_dense()?, ndarray::array![[0.0, 2.0, 0.0]]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct FittedCountVectorizer {
    pub(super) params: CountVectorizer,
    analysis: Analysis,
    /// The terms, in column order.
    pub(super) terms: Vec<String>,
    /// Term → column.
    ids: HashMap<String, u32>,
}

impl FittedCountVectorizer {
    fn from_sorted(params: CountVectorizer, analysis: Analysis, terms: Vec<String>) -> Self {
        let ids = terms.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        FittedCountVectorizer {
            params,
            analysis,
            terms,
            ids,
        }
    }

    /// A fitted vectorizer from its parameters and terms (a loaded one):
    /// the errors of [`CountVectorizer::fit`] with a fixed vocabulary.
    #[cfg(feature = "serde")]
    pub(super) fn rebuild(context: &'static str, params: CountVectorizer, terms: Vec<String>) -> Result<Self> {
        let analysis = params.analysis.build(context)?;
        Self::with_vocabulary(context, params, analysis, terms)
    }

    fn with_vocabulary(
        context: &'static str,
        params: CountVectorizer,
        analysis: Analysis,
        terms: Vec<String>,
    ) -> Result<Self> {
        if terms.is_empty() {
            return Err(Error::invalid_parameter(
                context,
                "vocabulary",
                "a non-empty list of terms",
                "[]",
            ));
        }
        if u32::try_from(terms.len()).is_err() {
            return Err(Error::invalid_parameter(
                context,
                "vocabulary",
                "at most 2^32 - 1 terms",
                terms.len(),
            ));
        }
        let fitted = Self::from_sorted(params, analysis, terms);
        if fitted.ids.len() < fitted.terms.len() {
            let mut seen = std::collections::HashSet::new();
            let duplicate = fitted
                .terms
                .iter()
                .find(|t| !seen.insert(t.as_str()))
                .cloned()
                .unwrap_or_default();
            return Err(Error::invalid_parameter(
                context,
                "vocabulary",
                "terms without duplicates",
                format!("duplicate term {duplicate:?}"),
            ));
        }
        Ok(fitted)
    }

    /// Counts the vocabulary's terms in each of `docs` (others are ignored).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let fitted = CountVectorizer::default().fit(&["ab cd"])?;
    /// assert_eq!(fitted.transform(&["cd cd", "xy"])?.to_dense()?, ndarray::array![[0.0, 2.0], [0.0, 0.0]]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix<f64>> {
        let mut rows = count_fixed(&self.analysis, &self.ids, docs, self.params.n_jobs)?;
        if self.params.binary {
            rows.data.fill(1.0);
        }
        into_matrix(rows, self.terms.len())
    }

    /// The terms, in column order (scikit-learn's `get_feature_names_out`).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let fitted = CountVectorizer::default().fit(&["b2 a1"])?;
    /// assert_eq!(fitted.get_feature_names_out(), ["a1", "b2"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn get_feature_names_out(&self) -> &[String] {
        &self.terms
    }

    /// Term → column (scikit-learn's `vocabulary_`).
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let fitted = CountVectorizer::default().fit(&["b2 a1"])?;
    /// assert_eq!(fitted.vocabulary()["b2"], 1);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn vocabulary(&self) -> &HashMap<String, u32> {
        &self.ids
    }

    /// The hyperparameters it was fitted with.
    ///
    /// # Example
    /// ```
    /// use learnkit::feature_extraction::CountVectorizer;
    /// let params = CountVectorizer::default().binary(true);
    /// assert_eq!(params.fit(&["ab"])?.params(), &params);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn params(&self) -> &CountVectorizer {
        &self.params
    }
}
