//! The vectorizers' preprocessing options against scikit-learn 1.9.1
//! (tests/fixtures/text_options.json, from tools/reference/text_options.py;
//! the documents are in the fixture): `strip_accents` ("ascii",
//! "unicode"), custom `token_pattern`s, and a `preprocessor`. Vocabularies,
//! indices and counts are equal; tf-idf and idf agree to 1e-12 absolute.
//! Then saving and loading fitted vectorizers, and the named errors of
//! bad patterns and of saving a user function.

use crate::text::{check_count_case, check_hashing_case, check_tfidf_case, strings};
use learnkit::Error;
use learnkit::feature_extraction::{
    CountVectorizer, DEFAULT_TOKEN_PATTERN, FittedCountVectorizer, FittedTfidfVectorizer, Preprocessor, StopWords,
    StripAccents, TfidfVectorizer, Tokenizer,
};
use learnkit::persistence::{self, Persist};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/text_options.json")).unwrap()
}

/// The documents a case runs on: `pattern_docs` for custom token patterns
/// (see the fixture script on Python's and the regex crate's `\w`).
fn docs_of(f: &Value, case: &Value) -> (Vec<String>, Vec<String>) {
    if case["params"]["docs"].as_str() == Some("pattern") {
        (strings(&f["pattern_docs"]), strings(&f["pattern_new_docs"]))
    } else {
        (strings(&f["docs"]), strings(&f["new_docs"]))
    }
}

#[test]
fn count_vectorizer_options_match_scikit_learn() {
    let f = fixture();
    for case in f["count"].as_array().unwrap() {
        let (docs, new_docs) = docs_of(&f, case);
        check_count_case(case, &docs, &new_docs);
    }
}

#[test]
fn tfidf_vectorizer_options_match_scikit_learn() {
    let f = fixture();
    for case in f["tfidf"].as_array().unwrap() {
        let (docs, new_docs) = docs_of(&f, case);
        check_tfidf_case(case, &docs, &new_docs);
    }
}

#[test]
fn hashing_vectorizer_options_match_scikit_learn() {
    let f = fixture();
    for case in f["hashing"].as_array().unwrap() {
        let (docs, _) = docs_of(&f, case);
        check_hashing_case(case, &docs);
    }
}

#[test]
fn bad_token_patterns_give_named_errors() {
    // scikit-learn: "More than 1 capturing group in token pattern. ..."
    let err = CountVectorizer::default()
        .token_pattern(r"(a)(b)")
        .fit(&["ab"])
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidParameter { parameter, .. } if *parameter == "token_pattern"),
        "{err}"
    );
    assert!(err.to_string().contains("2 groups"), "{err}");
    let err = TfidfVectorizer::default()
        .token_pattern(r"(\w+")
        .fit(&["ab"])
        .unwrap_err();
    assert!(err.to_string().contains("TfidfVectorizer"), "{err}");
    assert!(err.to_string().contains("token_pattern"), "{err}");
    // A tokenizer takes precedence: its pattern is not even compiled.
    let on_spaces = Tokenizer::new(|d: &str| d.split(' ').map(str::to_string).collect());
    let fitted = CountVectorizer::default()
        .token_pattern(r"(\w+")
        .tokenizer(on_spaces)
        .fit(&["a b"])
        .unwrap();
    assert_eq!(fitted.get_feature_names_out(), ["a", "b"]);
}

#[test]
fn the_default_pattern_given_explicitly_is_the_default() {
    let docs = strings(&fixture()["docs"]);
    let (_, default) = CountVectorizer::default().fit_transform(&docs).unwrap();
    let (_, given) = CountVectorizer::default()
        .token_pattern(DEFAULT_TOKEN_PATTERN)
        .fit_transform(&docs)
        .unwrap();
    assert_eq!(default, given);
    // The same pattern spelt differently runs through the regex engine and
    // agrees on these documents (no "other" numbers in them).
    let pattern_docs = strings(&fixture()["pattern_docs"]);
    let (_, by_hand) = CountVectorizer::default().fit_transform(&pattern_docs).unwrap();
    let (_, by_regex) = CountVectorizer::default()
        .token_pattern(r"\b\w\w+\b")
        .fit_transform(&pattern_docs)
        .unwrap();
    assert_eq!(by_hand, by_regex);
}

#[test]
fn fitted_vectorizers_save_and_load() {
    let f = fixture();
    let (docs, new_docs) = (strings(&f["docs"]), strings(&f["new_docs"]));
    let count = CountVectorizer::default()
        .strip_accents(StripAccents::Unicode)
        .token_pattern(r"(?u)\b\w+\b")
        .ngram_range((1, 2))
        .stop_words(StopWords::English)
        .min_df(1)
        .fit(&docs)
        .unwrap();
    let tfidf = TfidfVectorizer::default()
        .strip_accents(StripAccents::Ascii)
        .sublinear_tf(true)
        .fit(&docs)
        .unwrap();
    let back: FittedCountVectorizer = persistence::from_bytes(&persistence::to_bytes(&count).unwrap()).unwrap();
    assert_eq!(back.params(), count.params());
    assert_eq!(back.get_feature_names_out(), count.get_feature_names_out());
    assert_eq!(back.transform(&new_docs).unwrap(), count.transform(&new_docs).unwrap());
    let back: FittedCountVectorizer = persistence::from_json(&persistence::to_json(&count).unwrap()).unwrap();
    assert_eq!(back.vocabulary(), count.vocabulary());
    for back in [
        persistence::from_bytes::<FittedTfidfVectorizer>(&persistence::to_bytes(&tfidf).unwrap()).unwrap(),
        persistence::from_json::<FittedTfidfVectorizer>(&persistence::to_json(&tfidf).unwrap()).unwrap(),
    ] {
        assert_eq!(back.idf(), tfidf.idf());
        assert_eq!(back.transform(&new_docs).unwrap(), tfidf.transform(&new_docs).unwrap());
    }
    assert_eq!(FittedCountVectorizer::model_name(), "CountVectorizer");
    assert_eq!(FittedTfidfVectorizer::model_name(), "TfidfVectorizer");
}

#[test]
fn a_vectorizer_with_a_user_function_cannot_be_saved() {
    let docs = ["ab cd", "cd ef"];
    let with_preprocessor = CountVectorizer::default()
        .preprocessor(Preprocessor::new(|d: &str| d.to_lowercase()))
        .fit(&docs)
        .unwrap();
    let with_tokenizer = TfidfVectorizer::default()
        .tokenizer(Tokenizer::new(|d: &str| d.split(' ').map(str::to_string).collect()))
        .fit(&docs)
        .unwrap();
    let path = std::env::temp_dir().join(format!("learnkit-text-options-{}.json", std::process::id()));
    for (err, function) in [
        (persistence::to_bytes(&with_preprocessor).unwrap_err(), "preprocessor"),
        (persistence::to_json(&with_preprocessor).unwrap_err(), "preprocessor"),
        (persistence::to_bytes(&with_tokenizer).unwrap_err(), "tokenizer"),
        (persistence::save(&with_tokenizer, &path).unwrap_err(), "tokenizer"),
    ] {
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        let message = err.to_string();
        assert!(
            message.contains(function) && message.contains("Vectorizer"),
            "{message}"
        );
    }
    assert!(!path.exists(), "nothing is written");
    // Serialising through serde directly fails too (no silent loss).
    assert!(serde_json::to_string(&with_preprocessor).is_err());
}

#[test]
fn a_tampered_saved_vectorizer_is_a_model_file_error() {
    let fitted = CountVectorizer::default().fit(&["ab cd", "cd ef"]).unwrap();
    let json = persistence::to_json(&fitted).unwrap();
    // A repeated term, an empty vocabulary, a pattern that does not compile.
    for (from, to) in [
        (r#""terms":["ab","cd","ef"]"#, r#""terms":["ab","cd","cd"]"#),
        (r#""terms":["ab","cd","ef"]"#, r#""terms":[]"#),
        (r#""token_pattern":null"#, r#""token_pattern":"(ab""#),
    ] {
        assert!(json.contains(from), "{json}");
        let err = persistence::from_json::<FittedCountVectorizer>(&json.replace(from, to)).unwrap_err();
        assert!(matches!(err, Error::ModelFile { .. }), "{to}: {err}");
    }
}
