//! Turning one document into its features (scikit-learn's
//! `build_analyzer`): preprocessing (lowercase, accents), tokenising, stop
//! words, and word or character n-grams. Shared by every vectorizer.

use super::ENGLISH_STOP_WORDS;
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// scikit-learn's default `token_pattern`: given explicitly, it takes the
/// same hand-written path as no pattern at all.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::{CountVectorizer, DEFAULT_TOKEN_PATTERN};
/// let docs = ["A café, a bar."];
/// let given = CountVectorizer::default().token_pattern(DEFAULT_TOKEN_PATTERN).fit(&docs)?;
/// assert_eq!(given.get_feature_names_out(), CountVectorizer::default().fit(&docs)?.get_feature_names_out());
/// # Ok::<(), learnkit::Error>(())
/// ```
pub const DEFAULT_TOKEN_PATTERN: &str = r"(?u)\b\w\w+\b";

/// How accents are removed before analysis (scikit-learn's `strip_accents`).
///
/// Both decompose the text (Unicode NFKD) first: `é` becomes `e` and a
/// combining acute accent, `ﬁ` becomes `fi`.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::{CountVectorizer, StripAccents};
/// let docs = ["Café naïve façade", "Ωmega Straße"];
/// let unicode = CountVectorizer::default().strip_accents(StripAccents::Unicode).fit(&docs)?;
/// assert_eq!(unicode.get_feature_names_out(), ["cafe", "facade", "naive", "straße", "ωmega"]);
/// let ascii = CountVectorizer::default().strip_accents(StripAccents::Ascii).fit(&docs)?;
/// assert_eq!(ascii.get_feature_names_out(), ["cafe", "facade", "mega", "naive", "strae"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StripAccents {
    /// Then drop every character outside ASCII (fast, but also drops
    /// letters that have no ASCII form, such as `ß` or `ω`).
    Ascii,
    /// Then drop the combining marks only (Unicode canonical combining
    /// class not 0, Python's `unicodedata.combining`); other letters stay.
    Unicode,
}

impl StripAccents {
    /// scikit-learn's `strip_accents_ascii` / `strip_accents_unicode`;
    /// `None` when the text is unchanged (ASCII: nothing to decompose or drop).
    fn apply(self, text: &str) -> Option<String> {
        if text.is_ascii() {
            return None;
        }
        Some(match self {
            StripAccents::Ascii => text.nfkd().filter(char::is_ascii).collect(),
            StripAccents::Unicode => text.nfkd().filter(|&c| canonical_combining_class(c) == 0).collect(),
        })
    }
}

/// What the features are made of (scikit-learn's `analyzer`).
///
/// # Example
/// ```
/// use learnkit::feature_extraction::{Analyzer, CountVectorizer};
/// let fitted = CountVectorizer::default().analyzer(Analyzer::CharWb).ngram_range((2, 2)).fit(&["ab"])?;
/// assert_eq!(fitted.get_feature_names_out(), [" a", "ab", "b "]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Analyzer {
    /// Word n-grams of the tokens (the default).
    #[default]
    Word,
    /// Character n-grams of the whole text (runs of white space squeezed to one space).
    Char,
    /// Character n-grams inside words only, each word padded with one space
    /// on each side (scikit-learn's `char_wb`).
    CharWb,
}

/// Which stop words the word analyzer drops (scikit-learn's `stop_words`).
///
/// # Example
/// ```
/// use learnkit::feature_extraction::{CountVectorizer, StopWords};
/// let fitted = CountVectorizer::default().stop_words(StopWords::English).fit(&["the cat and the hat"])?;
/// assert_eq!(fitted.get_feature_names_out(), ["cat", "hat"]);
/// let custom = StopWords::Custom(vec!["cat".to_string()]);
/// let fitted = CountVectorizer::default().stop_words(custom).fit(&["the cat and the hat"])?;
/// assert_eq!(fitted.get_feature_names_out(), ["and", "hat", "the"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StopWords {
    /// scikit-learn's [`ENGLISH_STOP_WORDS`].
    English,
    /// A list of your own (compared with the tokens after lowercasing).
    Custom(Vec<String>),
}

impl StopWords {
    /// The words, sorted, without duplicates (for binary search).
    pub(crate) fn sorted(&self) -> Vec<String> {
        let mut words: Vec<String> = match self {
            StopWords::English => ENGLISH_STOP_WORDS.iter().map(|w| w.to_string()).collect(),
            StopWords::Custom(words) => words.clone(),
        };
        words.sort_unstable();
        words.dedup();
        words
    }
}

/// A tokenizer of your own: splits a preprocessed document into tokens
/// (scikit-learn's `tokenizer`; use it for any `token_pattern` other than
/// the default).
///
/// # Example
/// ```
/// use learnkit::feature_extraction::{CountVectorizer, Tokenizer};
/// let on_spaces = Tokenizer::new(|doc: &str| doc.split(' ').map(str::to_string).collect());
/// let fitted = CountVectorizer::default().tokenizer(on_spaces).fit(&["a b+c"])?;
/// assert_eq!(fitted.get_feature_names_out(), ["a", "b+c"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone)]
pub struct Tokenizer(Arc<TokenizeFn>);

/// A document to its tokens, callable from any thread.
type TokenizeFn = dyn Fn(&str) -> Vec<String> + Send + Sync;

impl Tokenizer {
    /// Wraps a function from a document to its tokens.
    ///
    /// # Example
    /// ```
    /// let t = learnkit::feature_extraction::Tokenizer::new(|d: &str| vec![d.to_string()]);
    /// # let _ = t;
    /// ```
    pub fn new(f: impl Fn(&str) -> Vec<String> + Send + Sync + 'static) -> Self {
        Tokenizer(Arc::new(f))
    }
}

impl fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tokenizer(<fn>)")
    }
}

impl PartialEq for Tokenizer {
    /// Two tokenizers are equal when they are the same function object.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A preprocessor of your own: turns a raw document into the text that is
/// tokenised (scikit-learn's `preprocessor`). As in scikit-learn it
/// *replaces* the built-in preprocessing, so `lowercase` and
/// `strip_accents` are then not applied (do them in the function).
///
/// A fitted vectorizer holding a preprocessor (or a [`Tokenizer`]) cannot
/// be saved: the function is code, not data.
///
/// # Example
/// ```
/// use learnkit::feature_extraction::{CountVectorizer, Preprocessor};
/// let no_digits = Preprocessor::new(|doc: &str| doc.replace(|c: char| c.is_ascii_digit(), ""));
/// let fitted = CountVectorizer::default().preprocessor(no_digits).fit(&["Room 101 and R2D2"])?;
/// assert_eq!(fitted.get_feature_names_out(), ["RD", "Room", "and"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone)]
pub struct Preprocessor(Arc<PreprocessFn>);

/// A document to its preprocessed text, callable from any thread.
type PreprocessFn = dyn Fn(&str) -> String + Send + Sync;

impl Preprocessor {
    /// Wraps a function from a raw document to the text to analyse.
    ///
    /// # Example
    /// ```
    /// let p = learnkit::feature_extraction::Preprocessor::new(|d: &str| d.to_uppercase());
    /// # let _ = p;
    /// ```
    pub fn new(f: impl Fn(&str) -> String + Send + Sync + 'static) -> Self {
        Preprocessor(Arc::new(f))
    }
}

impl fmt::Debug for Preprocessor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Preprocessor(<fn>)")
    }
}

impl PartialEq for Preprocessor {
    /// Two preprocessors are equal when they are the same function object.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The analysis setters every vectorizer has, on the `AnalysisParams` at
/// `$($field).+` (one definition, so that the three vectorizers agree).
macro_rules! analysis_setters {
    ($ty:ident, $($field:ident).+) => {
        #[doc = concat!("Lowercases documents before analysing them (default true).\n\n# Example\n```\n",
            "let v = learnkit::feature_extraction::", stringify!($ty), "::default().lowercase(false);\n# let _ = v;\n```")]
        pub fn lowercase(mut self, lowercase: bool) -> Self {
            self.$($field).+.lowercase = lowercase;
            self
        }

        #[doc = concat!("Word or character n-grams (default [`Analyzer::Word`](crate::feature_extraction::Analyzer::Word)).\n\n# Example\n```\n",
            "use learnkit::feature_extraction::{Analyzer, ", stringify!($ty), "};\n",
            "let v = ", stringify!($ty), "::default().analyzer(Analyzer::CharWb);\n# let _ = v;\n```")]
        pub fn analyzer(mut self, analyzer: $crate::feature_extraction::Analyzer) -> Self {
            self.$($field).+.analyzer = analyzer;
            self
        }

        #[doc = concat!("The smallest and largest n of the n-grams (default (1, 1)); `1 <= min_n <= max_n`.\n\n# Example\n```\n",
            "let v = learnkit::feature_extraction::", stringify!($ty), "::default().ngram_range((1, 2));\n# let _ = v;\n```")]
        pub fn ngram_range(mut self, ngram_range: (usize, usize)) -> Self {
            self.$($field).+.ngram_range = ngram_range;
            self
        }

        #[doc = concat!("Stop words to drop before making n-grams, word analyzer only (default none).\n\n# Example\n```\n",
            "use learnkit::feature_extraction::{StopWords, ", stringify!($ty), "};\n",
            "let v = ", stringify!($ty), "::default().stop_words(StopWords::English);\n# let _ = v;\n```")]
        pub fn stop_words(mut self, stop_words: $crate::feature_extraction::StopWords) -> Self {
            self.$($field).+.stop_words = Some(stop_words);
            self
        }

        #[doc = concat!("A tokenizer of your own instead of the default token pattern (word analyzer only).\n\n# Example\n```\n",
            "use learnkit::feature_extraction::{Tokenizer, ", stringify!($ty), "};\n",
            "let on_commas = Tokenizer::new(|d: &str| d.split(',').map(str::to_string).collect());\n",
            "let v = ", stringify!($ty), "::default().tokenizer(on_commas);\n# let _ = v;\n```")]
        pub fn tokenizer(mut self, tokenizer: $crate::feature_extraction::Tokenizer) -> Self {
            self.$($field).+.tokenizer = Some(tokenizer);
            self
        }

        #[doc = concat!("Removes accents after lowercasing (default none; see [`StripAccents`](crate::feature_extraction::StripAccents)).\n\n# Example\n```\n",
            "use learnkit::feature_extraction::{StripAccents, ", stringify!($ty), "};\n",
            "let v = ", stringify!($ty), "::default().strip_accents(StripAccents::Unicode);\n# let _ = v;\n```")]
        pub fn strip_accents(mut self, strip_accents: $crate::feature_extraction::StripAccents) -> Self {
            self.$($field).+.strip_accents = Some(strip_accents);
            self
        }

        #[doc = concat!("A preprocessor of your own, replacing lowercasing and accent stripping (see [`Preprocessor`](crate::feature_extraction::Preprocessor)).\n\n# Example\n```\n",
            "use learnkit::feature_extraction::{Preprocessor, ", stringify!($ty), "};\n",
            "let v = ", stringify!($ty), "::default().preprocessor(Preprocessor::new(|d: &str| d.to_lowercase()));\n# let _ = v;\n```")]
        pub fn preprocessor(mut self, preprocessor: $crate::feature_extraction::Preprocessor) -> Self {
            self.$($field).+.preprocessor = Some(preprocessor);
            self
        }

        #[doc = concat!("The regular expression whose matches are the tokens (word analyzer only; ",
            "default scikit-learn's `(?u)\\b\\w\\w+\\b`, matched by hand-written code). With one capturing ",
            "group, the group is the token (as Python's `re.findall`); more than one is an error at fit. ",
            "The syntax is the `regex` crate's, which agrees with Python's `re` on the common constructs ",
            "(no look-around or back-references). A [`tokenizer`](Self::tokenizer) takes precedence.\n\n# Example\n```\n",
            "use learnkit::feature_extraction::", stringify!($ty), ";\n",
            "let v = ", stringify!($ty), "::default().token_pattern(r\"(?u)\\b\\w+\\b\");\n# let _ = v;\n```")]
        pub fn token_pattern(mut self, token_pattern: impl Into<String>) -> Self {
            self.$($field).+.token_pattern = Some(token_pattern.into());
            self
        }
    };
}
pub(crate) use analysis_setters;

/// Python's `\w` in a Unicode pattern: `str.isalnum()` or `_`. Rust's
/// `is_alphanumeric` is the same property for every letter and digit a
/// text normally holds (they differ only on some combining marks).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Python's `str.isspace()` (what `\s` and `str.split()` use): Rust's
/// `is_whitespace` plus the four ASCII separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// scikit-learn's default `token_pattern` `(?u)\b\w\w+\b`: the maximal runs
/// of two or more word characters, written by hand (no regex engine).
pub(crate) fn default_tokens<'a>(doc: &'a str, mut emit: impl FnMut(&'a str)) {
    let mut start: Option<usize> = None;
    let mut count = 0usize;
    for (i, c) in doc.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
                count = 0;
            }
            count += 1;
        } else if let Some(s) = start.take() {
            if count >= 2 {
                emit(&doc[s..i]);
            }
        }
    }
    if let Some(s) = start {
        if count >= 2 {
            emit(&doc[s..]);
        }
    }
}

/// Python's `pattern.findall(doc)`: every non-overlapping match, or its
/// one group's text when the pattern has a group (empty when the group
/// did not take part, as Python's).
fn regex_tokens<'a>(pattern: &regex::Regex, doc: &'a str, mut emit: impl FnMut(&'a str)) {
    if pattern.captures_len() == 1 {
        for m in pattern.find_iter(doc) {
            emit(m.as_str());
        }
    } else {
        for caps in pattern.captures_iter(doc) {
            emit(caps.get(1).map_or("", |g| g.as_str()));
        }
    }
}

/// scikit-learn's `_white_spaces.sub(" ", doc)` (`\s\s+` → one space): runs
/// of two or more white-space characters become one space; a single one
/// (a tab, a newline) stays as it is.
fn squeeze_spaces(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut chars = doc.chars().peekable();
    while let Some(c) = chars.next() {
        if is_py_space(c) && chars.peek().copied().is_some_and(is_py_space) {
            while chars.peek().copied().is_some_and(is_py_space) {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The analysis parameters every vectorizer shares.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AnalysisParams {
    pub(crate) lowercase: bool,
    pub(crate) analyzer: Analyzer,
    pub(crate) ngram_range: (usize, usize),
    pub(crate) stop_words: Option<StopWords>,
    pub(crate) tokenizer: Option<Tokenizer>,
    pub(crate) strip_accents: Option<StripAccents>,
    pub(crate) preprocessor: Option<Preprocessor>,
    /// `None`: the default pattern.
    pub(crate) token_pattern: Option<String>,
}

impl Default for AnalysisParams {
    fn default() -> Self {
        AnalysisParams {
            lowercase: true,
            analyzer: Analyzer::Word,
            ngram_range: (1, 1),
            stop_words: None,
            tokenizer: None,
            strip_accents: None,
            preprocessor: None,
            token_pattern: None,
        }
    }
}

impl AnalysisParams {
    /// Checks the parameters and builds the analyzer.
    pub(crate) fn build(&self, context: &'static str) -> Result<Analysis> {
        let (min_n, max_n) = self.ngram_range;
        if min_n < 1 || min_n > max_n {
            return Err(Error::invalid_parameter(
                context,
                "ngram_range",
                "(min_n, max_n) with 1 <= min_n <= max_n",
                format!("{:?}", self.ngram_range),
            ));
        }
        // As scikit-learn: stop words apply to the word analyzer only.
        let stop_words = match (&self.stop_words, self.analyzer) {
            (Some(words), Analyzer::Word) => words.sorted(),
            _ => Vec::new(),
        };
        Ok(Analysis {
            params: self.clone(),
            stop_words,
            pattern: self.compile_pattern(context)?,
        })
    }

    /// The custom token pattern, compiled (`None` for the default, which
    /// has its own hand-written matcher, or when a tokenizer replaces it).
    fn compile_pattern(&self, context: &'static str) -> Result<Option<regex::Regex>> {
        let pattern = match &self.token_pattern {
            Some(p) if p != DEFAULT_TOKEN_PATTERN && self.tokenizer.is_none() => p,
            _ => return Ok(None),
        };
        let regex = regex::Regex::new(pattern).map_err(|e| {
            Error::invalid_parameter(
                context,
                "token_pattern",
                "a valid regular expression",
                format!("{pattern:?}: {e}"),
            )
        })?;
        // As scikit-learn: the match, or its one group; more is ambiguous.
        if regex.captures_len() > 2 {
            return Err(Error::invalid_parameter(
                context,
                "token_pattern",
                "a pattern with at most one capturing group",
                format!("{pattern:?} ({} groups)", regex.captures_len() - 1),
            ));
        }
        Ok(Some(regex))
    }

    /// Whether these parameters hold a user function (which cannot be saved).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn user_function(&self) -> Option<&'static str> {
        if self.preprocessor.is_some() {
            Some("preprocessor")
        } else if self.tokenizer.is_some() {
            Some("tokenizer")
        } else {
            None
        }
    }
}

/// The analyzer a vectorizer's parameters describe, ready to run on
/// documents from many threads.
#[derive(Clone, Debug)]
pub(crate) struct Analysis {
    params: AnalysisParams,
    /// Sorted (see [`StopWords::sorted`]); word analyzer only.
    stop_words: Vec<String>,
    /// The custom token pattern (`None`: the default one).
    pattern: Option<regex::Regex>,
}

impl Analysis {
    /// Calls `emit` on every feature of `doc`, in scikit-learn's order
    /// (which only matters for ties nowhere: counts are order-free).
    /// `buf` is scratch space reused across calls.
    pub(crate) fn analyze(&self, doc: &str, buf: &mut String, mut emit: impl FnMut(&str)) {
        let doc = self.preprocess(doc);
        let doc = doc.as_ref();
        match self.params.analyzer {
            Analyzer::Word => self.word_ngrams(doc, buf, &mut emit),
            Analyzer::Char => char_ngrams(&squeeze_spaces(doc), self.params.ngram_range, &mut emit),
            Analyzer::CharWb => char_wb_ngrams(&squeeze_spaces(doc), self.params.ngram_range, &mut emit),
        }
    }

    /// scikit-learn's `build_preprocessor`: the user's preprocessor, or
    /// lowercasing then accent stripping.
    fn preprocess<'a>(&self, doc: &'a str) -> Cow<'a, str> {
        if let Some(preprocessor) = &self.params.preprocessor {
            return Cow::Owned((preprocessor.0)(doc));
        }
        let doc = if self.params.lowercase {
            Cow::Owned(doc.to_lowercase())
        } else {
            Cow::Borrowed(doc)
        };
        match self.params.strip_accents.and_then(|strip| strip.apply(&doc)) {
            Some(stripped) => Cow::Owned(stripped),
            None => doc,
        }
    }

    fn is_stop_word(&self, token: &str) -> bool {
        !self.stop_words.is_empty() && self.stop_words.binary_search_by(|w| w.as_str().cmp(token)).is_ok()
    }

    /// scikit-learn's `_word_ngrams`: stop words go first, then the n-grams
    /// of the remaining tokens joined by one space.
    fn word_ngrams(&self, doc: &str, buf: &mut String, emit: &mut impl FnMut(&str)) {
        let (min_n, max_n) = self.params.ngram_range;
        if max_n == 1 && self.params.tokenizer.is_none() && self.pattern.is_none() {
            // The common case: no token list at all.
            default_tokens(doc, |t| {
                if !self.is_stop_word(t) {
                    emit(t)
                }
            });
            return;
        }
        let mut tokens: Vec<&str> = Vec::new();
        let owned;
        match &self.params.tokenizer {
            Some(tokenizer) => {
                owned = (tokenizer.0)(doc);
                tokens.extend(owned.iter().map(String::as_str).filter(|t| !self.is_stop_word(t)));
            }
            None => match &self.pattern {
                Some(pattern) => regex_tokens(pattern, doc, |t| {
                    if !self.is_stop_word(t) {
                        tokens.push(t)
                    }
                }),
                None => default_tokens(doc, |t| {
                    if !self.is_stop_word(t) {
                        tokens.push(t)
                    }
                }),
            },
        }
        for n in min_n..=max_n.min(tokens.len()) {
            for window in tokens.windows(n) {
                if n == 1 {
                    emit(window[0]);
                    continue;
                }
                buf.clear();
                for (k, t) in window.iter().enumerate() {
                    if k > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(t);
                }
                emit(buf);
            }
        }
    }
}

/// Byte offsets of every character boundary of `text`, end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// scikit-learn's `_char_ngrams`: every run of `n` characters for `n` in
/// the range (no longer than the text).
fn char_ngrams(text: &str, (min_n, max_n): (usize, usize), emit: &mut impl FnMut(&str)) {
    let at = boundaries(text);
    let len = at.len() - 1;
    for n in min_n..=max_n.min(len) {
        for i in 0..=len - n {
            emit(&text[at[i]..at[i + n]]);
        }
    }
}

/// scikit-learn's `_char_wb_ngrams`: each white-space separated word padded
/// to `" word "`; its n-grams for each `n`, a padded word not longer than
/// `n` counted once, whole, and no longer n-grams tried for it.
fn char_wb_ngrams(text: &str, (min_n, max_n): (usize, usize), emit: &mut impl FnMut(&str)) {
    let mut padded = String::new();
    for word in text.split(is_py_space).filter(|w| !w.is_empty()) {
        padded.clear();
        padded.push(' ');
        padded.push_str(word);
        padded.push(' ');
        let at = boundaries(&padded);
        let len = at.len() - 1;
        for n in min_n..=max_n {
            let end = n.min(len);
            emit(&padded[at[0]..at[end]]);
            if n >= len {
                break;
            }
            for offset in 1..=len - n {
                emit(&padded[at[offset]..at[offset + n]]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(doc: &str) -> Vec<String> {
        let mut out = Vec::new();
        default_tokens(doc, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn the_default_pattern_keeps_runs_of_two_word_characters() {
        assert_eq!(tokens("a bc_d, é2 x-yz 42!"), ["bc_d", "é2", "yz", "42"]);
        assert_eq!(tokens("naïve café"), ["naïve", "café"]);
        assert!(tokens("").is_empty());
    }

    #[test]
    fn only_runs_of_two_spaces_or_more_are_squeezed() {
        assert_eq!(squeeze_spaces("a \t b\tc\n"), "a b\tc\n");
    }

    #[test]
    fn char_wb_counts_a_short_word_once() {
        let mut out = Vec::new();
        char_wb_ngrams("a bcd", (2, 4), &mut |g: &str| out.push(g.to_string()));
        // " a " (3 chars): " a", "a " for n=2, then " a " once for n=3, stop.
        assert_eq!(
            out,
            [
                " a", "a ", " a ", " b", "bc", "cd", "d ", " bc", "bcd", "cd ", " bcd", "bcd "
            ]
        );
    }
}
