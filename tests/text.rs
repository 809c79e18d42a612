//! CountVectorizer, TfidfTransformer, TfidfVectorizer and HashingVectorizer
//! against scikit-learn 1.9.1 (tests/fixtures/text.json, from
//! tools/reference/text.py; the documents are in the fixture).
//!
//! Vocabularies, column indices and row pointers are equal; counts are
//! equal; tf-idf values and idf agree to 1e-12 absolute (they are at most
//! about 4 in size). Bad parameters and data give named errors.

use learnkit::Error;
use learnkit::feature_extraction::{
    Analyzer, CountVectorizer, DocFreq, HashingVectorizer, Norm, Preprocessor, StopWords, StripAccents,
    TfidfTransformer, TfidfVectorizer, murmurhash3_32,
};
use learnkit::prelude::*;
use learnkit::sparse::{CsrMatrix, Matrix, MatrixView};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/text.json")).unwrap()
}

pub(crate) fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn csr(v: &Value) -> CsrMatrix<f64> {
    let shape = v["shape"].as_array().unwrap();
    let usizes = |k: &str| {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect::<Vec<_>>()
    };
    let indices = usizes("indices").into_iter().map(|j| j as u32).collect();
    let data = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    CsrMatrix::try_new(
        (shape[0].as_u64().unwrap() as usize, shape[1].as_u64().unwrap() as usize),
        usizes("indptr"),
        indices,
        data,
    )
    .unwrap()
}

/// Same structure (shape, row pointers, columns) and values to `tol`.
fn assert_same(name: &str, got: &CsrMatrix<f64>, want: &CsrMatrix<f64>, tol: f64) {
    assert_eq!(got.shape(), want.shape(), "{name}: shape");
    assert_eq!(got.indptr(), want.indptr(), "{name}: indptr");
    assert_eq!(got.indices(), want.indices(), "{name}: indices");
    for (k, (g, w)) in got.data().iter().zip(want.data()).enumerate() {
        assert!((g - w).abs() <= tol, "{name}: value {k}: got {g}, want {w}");
    }
}

fn doc_freq(v: &Value) -> DocFreq {
    if v.is_u64() {
        DocFreq::Count(v.as_i64().unwrap())
    } else {
        DocFreq::Proportion(v.as_f64().unwrap())
    }
}

fn analyzer(v: &Value) -> Analyzer {
    match v.as_str().unwrap() {
        "word" => Analyzer::Word,
        "char" => Analyzer::Char,
        "char_wb" => Analyzer::CharWb,
        other => panic!("analyzer {other}"),
    }
}

fn stop_words(v: &Value) -> StopWords {
    match v {
        Value::String(s) if s == "english" => StopWords::English,
        list => StopWords::Custom(strings(list)),
    }
}

fn norm(v: &Value) -> Option<Norm> {
    match v.as_str() {
        None => None,
        Some("l1") => Some(Norm::L1),
        Some("l2") => Some(Norm::L2),
        Some(other) => panic!("norm {other}"),
    }
}

fn strip_accents(v: &Value) -> StripAccents {
    match v.as_str().unwrap() {
        "ascii" => StripAccents::Ascii,
        "unicode" => StripAccents::Unicode,
        other => panic!("strip_accents {other}"),
    }
}

/// The preprocessors the fixtures name (tools/reference/text_options.py
/// writes the same functions in Python).
fn preprocessor(v: &Value) -> Preprocessor {
    match v.as_str().unwrap() {
        "drop_digits" => Preprocessor::new(|doc: &str| doc.replace(|c: char| c.is_ascii_digit(), "")),
        other => panic!("preprocessor {other}"),
    }
}

fn ngram(v: &Value) -> (usize, usize) {
    (v[0].as_u64().unwrap() as usize, v[1].as_u64().unwrap() as usize)
}

fn count_vectorizer(p: &Value) -> CountVectorizer {
    let mut v = CountVectorizer::default();
    for (key, value) in p.as_object().unwrap() {
        v = match key.as_str() {
            "name" => v,
            "lowercase" => v.lowercase(value.as_bool().unwrap()),
            "ngram_range" => v.ngram_range(ngram(value)),
            "stop_words" => v.stop_words(stop_words(value)),
            "min_df" => v.min_df(doc_freq(value)),
            "max_df" => v.max_df(doc_freq(value)),
            "max_features" => v.max_features(Some(value.as_u64().unwrap() as usize)),
            "binary" => v.binary(value.as_bool().unwrap()),
            "analyzer" => v.analyzer(analyzer(value)),
            "vocabulary" => v.vocabulary(Some(strings(value))),
            "strip_accents" => v.strip_accents(strip_accents(value)),
            "token_pattern" => v.token_pattern(value.as_str().unwrap()),
            "preprocessor" => v.preprocessor(preprocessor(value)),
            // Which documents a case runs on, not a parameter.
            "docs" => v,
            other => panic!("parameter {other}"),
        };
    }
    v
}

fn tfidf_vectorizer(p: &Value) -> TfidfVectorizer {
    let mut v = TfidfVectorizer::default();
    for (key, value) in p.as_object().unwrap() {
        v = match key.as_str() {
            "name" => v,
            "ngram_range" => v.ngram_range(ngram(value)),
            "stop_words" => v.stop_words(stop_words(value)),
            "min_df" => v.min_df(doc_freq(value)),
            "max_features" => v.max_features(Some(value.as_u64().unwrap() as usize)),
            "binary" => v.binary(value.as_bool().unwrap()),
            "analyzer" => v.analyzer(analyzer(value)),
            "norm" => v.norm(norm(value)),
            "use_idf" => v.use_idf(value.as_bool().unwrap()),
            "smooth_idf" => v.smooth_idf(value.as_bool().unwrap()),
            "sublinear_tf" => v.sublinear_tf(value.as_bool().unwrap()),
            "strip_accents" => v.strip_accents(strip_accents(value)),
            "token_pattern" => v.token_pattern(value.as_str().unwrap()),
            "docs" => v,
            other => panic!("parameter {other}"),
        };
    }
    v
}

fn tfidf_transformer(p: &Value) -> TfidfTransformer {
    let mut t = TfidfTransformer::default();
    for (key, value) in p.as_object().unwrap() {
        t = match key.as_str() {
            "name" => t,
            "norm" => t.norm(norm(value)),
            "use_idf" => t.use_idf(value.as_bool().unwrap()),
            "smooth_idf" => t.smooth_idf(value.as_bool().unwrap()),
            "sublinear_tf" => t.sublinear_tf(value.as_bool().unwrap()),
            other => panic!("parameter {other}"),
        };
    }
    t
}

fn hashing_vectorizer(p: &Value) -> HashingVectorizer {
    let mut v = HashingVectorizer::default();
    for (key, value) in p.as_object().unwrap() {
        v = match key.as_str() {
            "name" => v,
            "n_features" => v.n_features(value.as_u64().unwrap() as usize),
            "alternate_sign" => v.alternate_sign(value.as_bool().unwrap()),
            "binary" => v.binary(value.as_bool().unwrap()),
            "norm" => v.norm(norm(value)),
            "ngram_range" => v.ngram_range(ngram(value)),
            "analyzer" => v.analyzer(analyzer(value)),
            "strip_accents" => v.strip_accents(strip_accents(value)),
            "token_pattern" => v.token_pattern(value.as_str().unwrap()),
            "docs" => v,
            other => panic!("parameter {other}"),
        };
    }
    v
}

fn name(case: &Value) -> String {
    case["params"]["name"].as_str().unwrap().to_string()
}

fn idf_close(name: &str, got: Option<ndarray::Array1<f64>>, want: &Value) {
    match (got, want) {
        (None, Value::Null) => {}
        (Some(got), Value::Array(want)) => {
            assert_eq!(got.len(), want.len(), "{name}: idf length");
            for (g, w) in got.iter().zip(want) {
                assert!((g - w.as_f64().unwrap()).abs() <= 1e-12, "{name}: idf {g} vs {w}");
            }
        }
        (got, want) => panic!("{name}: idf {got:?} vs {want}"),
    }
}

#[test]
fn count_vectorizer_matches_scikit_learn() {
    let f = fixture();
    let (docs, new_docs) = (strings(&f["docs"]), strings(&f["new_docs"]));
    for case in f["count"].as_array().unwrap() {
        check_count_case(case, &docs, &new_docs);
    }
}

/// One CountVectorizer case: the vocabulary, the counts of `docs` and of
/// `new_docs` equal scikit-learn's.
pub(crate) fn check_count_case(case: &Value, docs: &[String], new_docs: &[String]) {
    let name = name(case);
    let (fitted, x) = count_vectorizer(&case["params"]).fit_transform(docs).unwrap();
    assert_eq!(
        fitted.get_feature_names_out(),
        strings(&case["vocabulary"]),
        "{name}: vocabulary"
    );
    assert_same(&name, &x, &csr(&case["x"]), 0.0);
    assert_same(
        &format!("{name} (new)"),
        &fitted.transform(new_docs).unwrap(),
        &csr(&case["new"]),
        0.0,
    );
    // fit then transform is fit_transform.
    assert_eq!(
        fitted.transform(docs).unwrap(),
        x,
        "{name}: transform of the training documents"
    );
}

#[test]
fn tfidf_vectorizer_matches_scikit_learn() {
    let f = fixture();
    let (docs, new_docs) = (strings(&f["docs"]), strings(&f["new_docs"]));
    for case in f["tfidf"].as_array().unwrap() {
        check_tfidf_case(case, &docs, &new_docs);
    }
}

/// One TfidfVectorizer case: the vocabulary, idf and tf-idf of `docs` and
/// of `new_docs` equal scikit-learn's to 1e-12.
pub(crate) fn check_tfidf_case(case: &Value, docs: &[String], new_docs: &[String]) {
    let name = name(case);
    let (fitted, x) = tfidf_vectorizer(&case["params"]).fit_transform(docs).unwrap();
    assert_eq!(
        fitted.get_feature_names_out(),
        strings(&case["vocabulary"]),
        "{name}: vocabulary"
    );
    idf_close(&name, fitted.idf(), &case["idf"]);
    assert_same(&name, &x, &csr(&case["x"]), 1e-12);
    assert_same(
        &format!("{name} (new)"),
        &fitted.transform(new_docs).unwrap(),
        &csr(&case["new"]),
        1e-12,
    );
}

#[test]
fn tfidf_transformer_matches_scikit_learn_sparse_and_dense() {
    let f = fixture();
    let no_targets = ndarray::ArrayView1::<()>::from(&[]);
    for case in f["transformer"].as_array().unwrap() {
        let name = name(case);
        let counts = csr(&case["counts"]);
        let want = csr(&case["x"]);
        let t = tfidf_transformer(&case["params"]);
        let (fitted, x) = t.fit_transform_matrix(MatrixView::from(&counts), no_targets).unwrap();
        idf_close(&name, fitted.idf(), &case["idf"]);
        let Matrix::Sparse(x) = x else {
            panic!("{name}: sparse in, sparse out")
        };
        assert_same(&name, &x, &want, 1e-12);
        // The dense fit gives the same model and the same numbers.
        let dense = counts.to_dense().unwrap();
        let fitted_dense = t.fit(dense.view(), no_targets).unwrap();
        assert_eq!(fitted_dense, fitted, "{name}: dense fit");
        let x_dense = fitted_dense.transform(dense.view()).unwrap();
        let want_dense = want.to_dense().unwrap();
        assert!(
            x_dense.iter().zip(&want_dense).all(|(g, w)| (g - w).abs() <= 1e-12),
            "{name}: dense"
        );
    }
}

#[test]
fn hashing_vectorizer_matches_scikit_learn() {
    let f = fixture();
    let docs = strings(&f["docs"]);
    for case in f["hashing"].as_array().unwrap() {
        check_hashing_case(case, &docs);
    }
    for case in f["murmurhash"].as_array().unwrap() {
        let seed = case.get("seed").map_or(0, |s| s.as_u64().unwrap() as u32);
        let key = case["key"].as_str().unwrap();
        assert_eq!(
            i64::from(murmurhash3_32(key.as_bytes(), seed)),
            case["hash"].as_i64().unwrap(),
            "{key:?}"
        );
    }
}

/// One HashingVectorizer case: the hashed counts of `docs` equal
/// scikit-learn's to 1e-12.
pub(crate) fn check_hashing_case(case: &Value, docs: &[String]) {
    let x = hashing_vectorizer(&case["params"]).transform(docs).unwrap();
    assert_same(&name(case), &x, &csr(&case["x"]), 1e-12);
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    // More documents than one parallel chunk, so that chunks are merged.
    let f = fixture();
    let docs: Vec<String> = strings(&f["docs"])
        .iter()
        .cycle()
        .take(700)
        .enumerate()
        .map(|(i, d)| format!("{d} w{i}"))
        .collect();
    let one = TfidfVectorizer::default()
        .ngram_range((1, 2))
        .n_jobs(Some(1))
        .fit_transform(&docs)
        .unwrap();
    let two = TfidfVectorizer::default()
        .ngram_range((1, 2))
        .n_jobs(Some(2))
        .fit_transform(&docs)
        .unwrap();
    assert_eq!(one.0.get_feature_names_out(), two.0.get_feature_names_out());
    assert_eq!(one.1, two.1);
    let hashed = |n| HashingVectorizer::default().n_jobs(Some(n)).transform(&docs).unwrap();
    assert_eq!(hashed(1), hashed(2));
}

#[test]
fn bad_input_gives_named_errors() {
    let f = fixture();
    let errors = &f["errors"];
    // scikit-learn's messages, for reference; ours say the same in our words.
    assert!(
        errors["empty_vocabulary"]
            .as_str()
            .unwrap()
            .starts_with("empty vocabulary")
    );
    let err = CountVectorizer::default().fit(&["a b c", "d, e!"]).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { context, .. } if context == "CountVectorizer"),
        "{err}"
    );
    assert!(err.to_string().contains("empty vocabulary"), "{err}");
    let err = TfidfVectorizer::default()
        .stop_words(StopWords::English)
        .fit(&["the and of", "it is"])
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { context, .. } if context == "TfidfVectorizer"),
        "{err}"
    );
    assert!(err.to_string().contains("empty vocabulary"), "{err}");
    let no_docs: [&str; 0] = [];
    assert!(matches!(
        CountVectorizer::default().fit(&no_docs),
        Err(Error::InvalidInput { .. })
    ));

    assert!(
        errors["pruned_away"]
            .as_str()
            .unwrap()
            .starts_with("After pruning, no terms remain")
    );
    let err = CountVectorizer::default()
        .min_df(2)
        .fit(&["ab cd", "ef gh"])
        .unwrap_err();
    assert!(err.to_string().contains("no terms remain"), "{err}");

    assert!(
        errors["min_df_above_max_df"]
            .as_str()
            .unwrap()
            .contains("max_df corresponds to < documents than min_df")
    );
    let err = CountVectorizer::default()
        .min_df(3)
        .max_df(2)
        .fit(&["ab cd", "ef gh", "ab"])
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidParameter {
                parameter: "max_df",
                ..
            }
        ),
        "{err}"
    );

    assert!(
        errors["bad_ngram_range"]
            .as_str()
            .unwrap()
            .contains("ngram_range=(2, 1)")
    );
    for range in [(2, 1), (0, 1)] {
        let err = CountVectorizer::default()
            .ngram_range(range)
            .fit(&["ab cd"])
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidParameter {
                    parameter: "ngram_range",
                    ..
                }
            ),
            "{err}"
        );
        let err = HashingVectorizer::default()
            .ngram_range(range)
            .transform(&["ab cd"])
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidParameter {
                    parameter: "ngram_range",
                    ..
                }
            ),
            "{err}"
        );
    }
    for bad in [
        DocFreq::Count(0),
        DocFreq::Proportion(1.5),
        DocFreq::Proportion(f64::NAN),
    ] {
        let err = CountVectorizer::default().min_df(bad).fit(&["ab"]).unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidParameter {
                    parameter: "min_df",
                    ..
                }
            ),
            "{err}"
        );
        let err = TfidfVectorizer::default().max_df(bad).fit(&["ab"]).unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidParameter {
                    parameter: "max_df",
                    ..
                }
            ),
            "{err}"
        );
    }
    let err = CountVectorizer::default()
        .max_features(Some(0))
        .fit(&["ab"])
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidParameter {
                parameter: "max_features",
                ..
            }
        ),
        "{err}"
    );
    for vocabulary in [vec![], vec!["ab".to_string(), "cd".to_string(), "ab".to_string()]] {
        let err = CountVectorizer::default()
            .vocabulary(Some(vocabulary))
            .fit(&["ab"])
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidParameter {
                    parameter: "vocabulary",
                    ..
                }
            ),
            "{err}"
        );
    }
    for n in [0, 1 << 31] {
        let err = HashingVectorizer::default()
            .n_features(n)
            .transform(&["ab"])
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidParameter {
                    parameter: "n_features",
                    ..
                }
            ),
            "{err}"
        );
    }
    assert!(matches!(
        HashingVectorizer::default().transform(&no_docs),
        Err(Error::EmptyInput { .. })
    ));
    assert!(matches!(
        CountVectorizer::default().n_jobs(Some(0)).fit(&["ab"]),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn tfidf_transformer_rejects_bad_matrices() {
    let no_targets = ndarray::ArrayView1::<()>::from(&[]);
    let x = CsrMatrix::try_new((2, 2), vec![0, 1, 2], vec![0, 1], vec![1.0, f64::NAN]).unwrap();
    let err = TfidfTransformer::default()
        .fit_matrix((&x).into(), no_targets)
        .unwrap_err();
    assert!(matches!(err, Error::NonFinite { row: 1, column: 1, .. }), "{err}");
    let good = CsrMatrix::try_new((2, 2), vec![0, 1, 2], vec![0, 1], vec![1.0, 2.0]).unwrap();
    let fitted = TfidfTransformer::default()
        .fit_matrix((&good).into(), no_targets)
        .unwrap();
    let wide = CsrMatrix::<f64>::zeros((1, 3)).unwrap();
    let err = fitted.transform_matrix((&wide).into()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::FeatureCountMismatch {
                expected: 2,
                got: 3,
                ..
            }
        ),
        "{err}"
    );
    let err = fitted.transform_matrix((&x).into()).unwrap_err();
    assert!(matches!(err, Error::NonFinite { .. }), "{err}");
    let empty = CsrMatrix::<f64>::zeros((0, 2)).unwrap();
    assert!(matches!(
        TfidfTransformer::default().fit_matrix((&empty).into(), no_targets),
        Err(Error::EmptyInput { .. })
    ));
    // The caller's matrix is not modified.
    let before = good.clone();
    let _ = fitted.transform_matrix((&good).into()).unwrap();
    assert_eq!(good, before);
}
