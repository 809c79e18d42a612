//! Saving and loading the fitted vectorizers (`persistence`): the
//! parameters and the vocabulary are saved; the analyzer and the term →
//! column map are rebuilt on loading, and checked. A user function
//! (`Preprocessor`, `Tokenizer`) is code, so a vectorizer holding one
//! cannot be saved: [`Persist::check_savable`] names it.

use super::analyzer::{AnalysisParams, Analyzer, StopWords, StripAccents};
use super::count_vectorizer::{CountVectorizer, FittedCountVectorizer};
use super::tfidf_transformer::FittedTfidfTransformer;
use super::tfidf_vectorizer::FittedTfidfVectorizer;
use crate::error::{Error, Result};
use crate::persistence::check::{Check, checked, ensure};
use crate::persistence::{Persist, Sealed};
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The saved analysis parameters: all but the user functions.
#[derive(Serialize, Deserialize)]
struct SavedAnalysis {
    lowercase: bool,
    analyzer: Analyzer,
    ngram_range: (usize, usize),
    stop_words: Option<StopWords>,
    strip_accents: Option<StripAccents>,
    token_pattern: Option<String>,
}

/// Why `params` cannot be saved, as a serde message.
fn user_function_message(params: &AnalysisParams) -> Option<String> {
    params.user_function().map(|f| {
        format!("it holds a user {f}, a function, which cannot be saved; refit it after loading the rest of the model")
    })
}

impl Serialize for AnalysisParams {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        if let Some(message) = user_function_message(self) {
            return Err(S::Error::custom(message));
        }
        SavedAnalysis {
            lowercase: self.lowercase,
            analyzer: self.analyzer,
            ngram_range: self.ngram_range,
            stop_words: self.stop_words.clone(),
            strip_accents: self.strip_accents,
            token_pattern: self.token_pattern.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AnalysisParams {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let saved = SavedAnalysis::deserialize(deserializer)?;
        Ok(AnalysisParams {
            lowercase: saved.lowercase,
            analyzer: saved.analyzer,
            ngram_range: saved.ngram_range,
            stop_words: saved.stop_words,
            strip_accents: saved.strip_accents,
            token_pattern: saved.token_pattern,
            tokenizer: None,
            preprocessor: None,
        })
    }
}

/// The error [`Persist::check_savable`] gives for `params`.
fn check_savable(model: &str, params: &AnalysisParams) -> Result<()> {
    match user_function_message(params) {
        Some(message) => Err(Error::Unsupported {
            context: format!("saving a fitted {model}").into(),
            message,
        }),
        None => Ok(()),
    }
}

/// A fitted count vectorizer as saved: its parameters and its terms in
/// column order.
#[derive(Serialize)]
struct SavedCountRef<'a> {
    params: &'a CountVectorizer,
    terms: &'a [String],
}

#[derive(Deserialize)]
struct SavedCount {
    params: CountVectorizer,
    terms: Vec<String>,
}

impl SavedCount {
    fn rebuild(self) -> Result<FittedCountVectorizer> {
        FittedCountVectorizer::rebuild("CountVectorizer", self.params, self.terms)
    }
}

impl Check for SavedCount {
    /// The parameters are valid (the token pattern compiles) and the terms
    /// are a vocabulary: not empty, no duplicates.
    fn check(&self) -> std::result::Result<(), String> {
        FittedCountVectorizer::rebuild("CountVectorizer", self.params.clone(), self.terms.clone())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

impl Serialize for FittedCountVectorizer {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        SavedCountRef {
            params: &self.params,
            terms: &self.terms,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FittedCountVectorizer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let saved = SavedCount::deserialize(deserializer)?;
        checked(&saved).map_err(D::Error::custom)?;
        saved.rebuild().map_err(D::Error::custom)
    }
}

impl Sealed for FittedCountVectorizer {}

impl Persist for FittedCountVectorizer {
    fn model_name() -> String {
        "CountVectorizer".into()
    }

    fn check_savable(&self) -> Result<()> {
        check_savable("CountVectorizer", &self.params.analysis)
    }
}

/// A fitted tf-idf vectorizer as saved: the count vectorizer and the
/// tf-idf transformer (its idf).
#[derive(Serialize)]
struct SavedTfidfRef<'a> {
    count: &'a FittedCountVectorizer,
    tfidf: &'a FittedTfidfTransformer<f64>,
}

#[derive(Deserialize)]
struct SavedTfidf {
    count: FittedCountVectorizer,
    tfidf: FittedTfidfTransformer<f64>,
}

impl Check for SavedTfidf {
    /// One idf (when used) per term.
    fn check(&self) -> std::result::Result<(), String> {
        let (n_terms, n_idf) = (self.count.get_feature_names_out().len(), self.tfidf.n_features_in());
        ensure(n_terms == n_idf, || {
            format!("TfidfVectorizer: {n_terms} terms but a tf-idf transformer for {n_idf} features")
        })
    }
}

impl Serialize for FittedTfidfVectorizer {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        SavedTfidfRef {
            count: &self.count,
            tfidf: &self.tfidf,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FittedTfidfVectorizer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let saved = SavedTfidf::deserialize(deserializer)?;
        checked(&saved).map_err(D::Error::custom)?;
        Ok(FittedTfidfVectorizer {
            count: saved.count,
            tfidf: saved.tfidf,
        })
    }
}

impl Sealed for FittedTfidfVectorizer {}

impl Persist for FittedTfidfVectorizer {
    fn model_name() -> String {
        "TfidfVectorizer".into()
    }

    fn check_savable(&self) -> Result<()> {
        check_savable("TfidfVectorizer", &self.count.params.analysis)
    }
}
