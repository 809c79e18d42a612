"""Reference values for the text vectorizers' preprocessing options:
strip_accents ("ascii", "unicode"), token_pattern, and a preprocessor
(tests/fixtures/text_options.json).

Run from the repository root: python3 tools/reference/text_options.py
Versions pinned in tools/reference/requirements.txt.

The documents are written here and stored in the fixture: accents
(precomposed and combining), ligatures, superscripts, fractions, symbols
with compatibility forms (™, ½), Greek, German ß and punctuation. Each case
stores its parameters, the vocabulary in column order and the matrix as CSR
(indptr, indices, data); a `transform` of other documents is stored beside
the `fit_transform`.

Custom token patterns run on the `pattern_docs` only: Python's `\\w` is
`str.isalnum()` or `_`, the Rust regex crate's `\\w` is Unicode's word
class, and the two differ on "other" numbers (², ½) and combining marks,
which `pattern_docs` leave out (documented in the vectorizers).
"""
import json
import os
import re

import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer

assert sklearn.__version__ == "1.9.1", sklearn.__version__

DOCS = [
    "Café au lait, crème brûlée and a naïve façade.",
    "Cafe\u0301 with a combining accent, and CAFÉ in capitals!",
    "Über große Straßen fahren 42 Autos um 7:30 Uhr.",
    "Émile Zola écrivit « J'accuse » en 1898.",
    "The ﬁne ﬂour costs ½ a euro per m² ™ ©",
    "Ελληνικά γράμματα: ΚΕΦΑΛΑΙΑ, τόνοι και διαλυτικά ϊ ΰ",
    "Données, données, DONNÉES; ça va? Très bien.",
    "Ångström, Øresund, Łódź and Dvořák",
    "snake_case, kebab-case & CamelCase words 3.14 x1 a_b",
    "naïve Bayes is naive; naïveté aside",
    "",
]

NEW_DOCS = [
    "Crème brûlée café, naive naïve NAÏVE!",
    "Łódź Dvořák ½ ﬁne",
    "",
]

PATTERN_DOCS = [d for i, d in enumerate(DOCS) if i not in (1, 4)]
PATTERN_NEW = [NEW_DOCS[0], "Zola Dvořák", ""]


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


def kwargs(case):
    out = {k: v for k, v in case.items() if k not in ("name", "docs")}
    if "ngram_range" in out:
        out["ngram_range"] = tuple(out["ngram_range"])
    if out.get("preprocessor") == "drop_digits":
        # The Rust test writes the same function.
        out["preprocessor"] = lambda doc: re.sub(r"[0-9]", "", doc)
    return out


def docs_of(case):
    return (PATTERN_DOCS, PATTERN_NEW) if case.get("docs") == "pattern" else (DOCS, NEW_DOCS)


count_cases = [
    {"name": "accents_ascii", "strip_accents": "ascii"},
    {"name": "accents_unicode", "strip_accents": "unicode"},
    {"name": "accents_unicode_no_lowercase", "strip_accents": "unicode", "lowercase": False},
    {"name": "accents_ascii_char_wb", "strip_accents": "ascii", "analyzer": "char_wb", "ngram_range": [2, 3]},
    {"name": "accents_unicode_char", "strip_accents": "unicode", "analyzer": "char", "ngram_range": [1, 2]},
    {"name": "pattern_single_chars", "token_pattern": r"(?u)\b\w+\b", "docs": "pattern"},
    {"name": "pattern_ascii_letters", "token_pattern": r"[A-Za-z]+", "docs": "pattern"},
    {"name": "pattern_non_space", "token_pattern": r"\S+", "docs": "pattern"},
    {"name": "pattern_one_group", "token_pattern": r"(?u)\b(\w)\w*\b", "docs": "pattern"},
    {
        "name": "pattern_bigrams_stop_accents",
        "token_pattern": r"(?u)\b\w+\b",
        "ngram_range": [1, 2],
        "stop_words": "english",
        "strip_accents": "unicode",
        "docs": "pattern",
    },
    {"name": "default_pattern_given", "token_pattern": r"(?u)\b\w\w+\b"},
    {"name": "preprocessor_drop_digits", "preprocessor": "drop_digits"},
    {"name": "preprocessor_ignores_lowercase_and_accents", "preprocessor": "drop_digits",
     "strip_accents": "unicode", "lowercase": True},
]

tfidf_cases = [
    {"name": "accents_unicode_sublinear", "strip_accents": "unicode", "sublinear_tf": True},
    {"name": "pattern_single_chars_ascii", "token_pattern": r"(?u)\b\w+\b", "strip_accents": "ascii",
     "docs": "pattern"},
]

hashing_cases = [
    {"name": "accents_ascii", "strip_accents": "ascii", "n_features": 64},
    {"name": "pattern_unicode", "token_pattern": r"[^\s,.;:!?]+", "strip_accents": "unicode",
     "n_features": 128, "norm": None, "docs": "pattern"},
]

fixture = {
    "docs": DOCS,
    "new_docs": NEW_DOCS,
    "pattern_docs": PATTERN_DOCS,
    "pattern_new_docs": PATTERN_NEW,
    "count": [],
    "tfidf": [],
    "hashing": [],
}

for case in count_cases:
    docs, new = docs_of(case)
    v = CountVectorizer(**kwargs(case))
    x = v.fit_transform(docs)
    fixture["count"].append({"params": case, "vocabulary": vocab(v), "x": csr(x), "new": csr(v.transform(new))})

for case in tfidf_cases:
    docs, new = docs_of(case)
    v = TfidfVectorizer(**kwargs(case))
    x = v.fit_transform(docs)
    fixture["tfidf"].append(
        {"params": case, "vocabulary": vocab(v), "idf": v.idf_.tolist(), "x": csr(x), "new": csr(v.transform(new))}
    )

for case in hashing_cases:
    docs, _ = docs_of(case)
    v = HashingVectorizer(**kwargs(case))
    fixture["hashing"].append({"params": case, "x": csr(v.transform(docs))})

# A pattern with two groups: scikit-learn's error, for the record.
try:
    CountVectorizer(token_pattern=r"(a)(b)").fit(["ab"])
    fixture["two_groups_error"] = None
except ValueError as e:
    fixture["two_groups_error"] = str(e)

out = os.path.join("tests", "fixtures", "text_options.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(fixture, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("wrote", out)
