"""Reference values for the text vectorizers: CountVectorizer,
TfidfTransformer, TfidfVectorizer and HashingVectorizer
(tests/fixtures/text.json).

Run from the repository root: python3 tools/reference/text.py
Versions pinned in tools/reference/requirements.txt.

The documents are written here and stored in the fixture: short sentences
with accents, punctuation, digits, underscores, repeated words, runs of
white space (tabs, newlines) and a document of stop words only. Each case
stores its parameters, the vocabulary in column order and the matrix as
CSR (indptr, indices, data); a `transform` of other documents is stored
beside the `fit_transform`.
"""
import json
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import (
    CountVectorizer,
    HashingVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)
from sklearn.utils import murmurhash3_32

assert sklearn.__version__ == "1.9.1", sklearn.__version__

DOCS = [
    "The quick brown fox jumps over the lazy dog.",
    "The dog barks; the fox runs!  The fox, the fox.",
    "Café au lait, crème brûlée and a naïve façade.",
    "Über große Straßen fahren 42 Autos um 7:30 Uhr.",
    "Numbers like 3.14, 2024 and 1e10 are tokens too: 007, x1, a_b.",
    "to be or not to be, that is the question",
    "It was the best of times, it was the worst of times.",
    "snake_case and CamelCase and kebab-case words",
    "Émile zola écrivit « J'accuse » en 1898.",
    "rain rain rain go away, come again another day",
    "A\ttab\tseparated   line\n\nwith  newlines  and   spaces",
    "the and of to a in is it",
    "Données, données, DONNÉES!",
    "email me at someone@example.com or visit example.org/page?id=3",
    "I I I am am Sam, Sam I am.",
    "Ελληνικά γράμματα και ΚΕΦΑΛΑΙΑ κείμενο",
    "x y z a b c",
    "dog dog dog cat cat fish",
    "The fox and the dog are friends now.",
    "Quick quick QUICK brown BROWN fox",
    "naïve Bayes is naive; naïveté aside",
    "emoji 🙂 and symbols ™ © ½ ²",
    "end.",
    "",
]

NEW_DOCS = [
    "The fox jumps again over a new lazy dog!",
    "unseen words only here",
    "Café café CAFÉ, crème!",
    "",
]


def csr(x):
    x = sp.csr_array(x)
    x.sort_indices()
    return {
        "shape": list(x.shape),
        "indptr": x.indptr.tolist(),
        "indices": x.indices.tolist(),
        "data": x.data.astype(float).tolist(),
    }


def vocab(v):
    return [str(t) for t in v.get_feature_names_out()]


count_cases = [
    {"name": "default"},
    {"name": "no_lowercase", "lowercase": False},
    {"name": "bigrams", "ngram_range": [1, 2]},
    {"name": "only_bigrams_trigrams", "ngram_range": [2, 3]},
    {"name": "english_stop_words", "stop_words": "english"},
    {"name": "stop_words_bigrams", "stop_words": "english", "ngram_range": [1, 2]},
    {"name": "custom_stop_words", "stop_words": ["fox", "dog", "the"]},
    {"name": "min_df_2", "min_df": 2},
    {"name": "min_df_float", "min_df": 0.1},
    {"name": "max_df_float", "max_df": 0.2},
    {"name": "max_df_int", "max_df": 3},
    {"name": "max_features", "max_features": 5},
    {"name": "max_features_binary", "max_features": 5, "binary": True},
    {"name": "binary", "binary": True},
    {"name": "char", "analyzer": "char", "ngram_range": [1, 3]},
    {"name": "char_2_4", "analyzer": "char", "ngram_range": [2, 4], "lowercase": False},
    {"name": "char_wb", "analyzer": "char_wb", "ngram_range": [2, 5]},
    {"name": "char_wb_1_3", "analyzer": "char_wb", "ngram_range": [1, 3]},
    {"name": "fixed_vocabulary", "vocabulary": ["fox", "dog", "zebra", "the", "café"]},
]

tfidf_cases = [
    {"name": "default"},
    {"name": "l1", "norm": "l1"},
    {"name": "no_norm", "norm": None},
    {"name": "no_idf", "use_idf": False},
    {"name": "no_smooth", "smooth_idf": False},
    {"name": "sublinear", "sublinear_tf": True},
    {"name": "sublinear_no_smooth_l1", "sublinear_tf": True, "smooth_idf": False, "norm": "l1"},
    {"name": "bigrams_stop_min_df", "ngram_range": [1, 2], "stop_words": "english", "min_df": 2},
    {"name": "char_wb_sublinear", "analyzer": "char_wb", "ngram_range": [2, 4], "sublinear_tf": True},
    {"name": "binary_max_features", "binary": True, "max_features": 5},
]

hashing_cases = [
    {"name": "default"},
    {"name": "small_collisions", "n_features": 16},
    {"name": "small_no_sign", "n_features": 16, "alternate_sign": False},
    {"name": "small_binary_l1", "n_features": 8, "binary": True, "norm": "l1"},
    {"name": "no_norm_bigrams", "n_features": 64, "norm": None, "ngram_range": [1, 2]},
    {"name": "char_wb", "n_features": 1024, "analyzer": "char_wb", "ngram_range": [2, 3]},
]


def check_no_tie_at_cut(case):
    """max_features keeps the most frequent terms; scikit-learn breaks ties
    with numpy's unstable argsort, whose order depends on the CPU (SIMD
    sorts), so the cases must not cut through a tie."""
    if "max_features" not in case:
        return
    v = CountVectorizer(binary=case.get("binary", False))
    totals = np.sort(np.asarray(v.fit_transform(DOCS).sum(axis=0)).ravel())[::-1]
    k = case["max_features"]
    assert totals[k - 1] != totals[k], f"{case['name']}: a tie at the max_features cut"


def kwargs(case):
    out = {k: v for k, v in case.items() if k != "name"}
    if "ngram_range" in out:
        out["ngram_range"] = tuple(out["ngram_range"])
    return out


fixture = {"docs": DOCS, "new_docs": NEW_DOCS, "count": [], "tfidf": [], "hashing": []}

for case in count_cases + tfidf_cases:
    check_no_tie_at_cut(case)

for case in count_cases:
    v = CountVectorizer(**kwargs(case))
    x = v.fit_transform(DOCS)
    fixture["count"].append(
        {"params": case, "vocabulary": vocab(v), "x": csr(x), "new": csr(v.transform(NEW_DOCS))}
    )

for case in tfidf_cases:
    v = TfidfVectorizer(**kwargs(case))
    x = v.fit_transform(DOCS)
    idf = v.idf_.tolist() if v.use_idf else None
    fixture["tfidf"].append(
        {"params": case, "vocabulary": vocab(v), "idf": idf, "x": csr(x), "new": csr(v.transform(NEW_DOCS))}
    )

# TfidfTransformer on a count matrix (and the same for the dense input).
counts = CountVectorizer().fit_transform(DOCS)
transformer_cases = []
for case in tfidf_cases[:7]:
    t = TfidfTransformer(**kwargs(case))
    x = t.fit_transform(counts)
    transformer_cases.append(
        {"params": case, "counts": csr(counts), "idf": t.idf_.tolist() if t.use_idf else None, "x": csr(x)}
    )
fixture["transformer"] = transformer_cases

for case in hashing_cases:
    v = HashingVectorizer(**kwargs(case))
    fixture["hashing"].append({"params": case, "x": csr(v.transform(DOCS))})

words = ["", "a", "ab", "abc", "abcd", "abcde", "foo", "café", "the quick", "🙂", "naïveté aside"]
fixture["murmurhash"] = [{"key": w, "hash": int(murmurhash3_32(w, seed=0))} for w in words] + [
    {"key": w, "seed": 42, "hash": int(murmurhash3_32(w, seed=42))} for w in words[:5]
]

# Errors: the messages scikit-learn gives, for the record.
errors = {}
for name, make, docs in [
    ("empty_vocabulary", lambda: CountVectorizer(), ["a b c", "d, e!"]),
    ("stop_words_only", lambda: CountVectorizer(stop_words="english"), ["the and of", "it is"]),
    ("pruned_away", lambda: CountVectorizer(min_df=2), ["ab cd", "ef gh"]),
    ("min_df_above_max_df", lambda: CountVectorizer(min_df=3, max_df=2), ["ab cd", "ef gh", "ab"]),
    ("bad_ngram_range", lambda: CountVectorizer(ngram_range=(2, 1)), ["ab cd"]),
]:
    try:
        make().fit(docs)
        errors[name] = None
    except ValueError as e:
        errors[name] = str(e)
fixture["errors"] = errors

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(root, "tests", "fixtures", "text.json"), "w") as f:
    json.dump(fixture, f, indent=1, ensure_ascii=False)
    f.write("\n")
