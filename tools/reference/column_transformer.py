"""Reference values for ColumnTransformer (tests/fixtures/column_transformer.json).

Run from the repository root: python3 tools/reference/column_transformer.py
Versions pinned in tools/reference/requirements.txt.

The data are not stored: the Rust test loads the same bundled datasets (iris,
and the numeric columns of the Adult training split, read here from
datasets/adult_train.csv.gz as learnkit's load_adult reads it).
"""
import csv
import gzip
import json
import os

import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.9.1", sklearn.__version__

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
ADULT_NUMERIC = ["age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"]


def adult_numeric():
    with gzip.open(os.path.join(ROOT, "datasets", "adult_train.csv.gz"), "rt") as f:
        rows = list(csv.DictReader(f))
    return np.array([[float(r[c]) for c in ADULT_NUMERIC] for r in rows])


def output_indices(ct):
    return [[name, s.start, s.stop] for name, s in ct.output_indices_.items()]


cases = {}

# Iris: two columns scaled, the others passed through at the end.
X = load_iris().data
ct = ColumnTransformer([("scale", StandardScaler(), [0, 2])], remainder="passthrough")
cases["iris_scale_passthrough"] = {
    "transform": ct.fit_transform(X).tolist(),
    "output_indices": output_indices(ct),
}

# Iris: overlapping, reordered column sets, a pipeline step, the rest dropped.
ct = ColumnTransformer(
    [
        ("petal", StandardScaler(), [3, 2]),
        ("both", make_pipeline(StandardScaler(), StandardScaler(with_mean=False)), [2, 0]),
    ],
    remainder="drop",
)
cases["iris_overlap_pipeline_drop"] = {
    "transform": ct.fit_transform(X).tolist(),
    "output_indices": output_indices(ct),
}

# Iris: the scaled columns into a logistic regression, fitted tightly.
model = make_pipeline(
    ColumnTransformer([("scale", StandardScaler(), [0, 1, 2])], remainder="passthrough"),
    LogisticRegression(tol=1e-10, max_iter=10000),
)
model.fit(X, load_iris().target)
cases["iris_pipeline_logistic"] = {
    "coef": model[-1].coef_.tolist(),
    "intercept": model[-1].intercept_.tolist(),
    "predict_proba_first_rows": model.predict_proba(X[::10]).tolist(),
}

# Adult's six numeric columns: fit on the first 1000 training rows, transform
# the next 200; weights scaled, capital gain/loss without centring, the rest
# passed through.
A = adult_numeric()
ct = ColumnTransformer(
    [
        ("age_weight", StandardScaler(), [0, 1]),
        ("capital", StandardScaler(with_mean=False), [3, 4]),
    ],
    remainder="passthrough",
)
ct.fit(A[:1000])
cases["adult_numeric"] = {
    "transform": ct.transform(A[1000:1200]).tolist(),
    "output_indices": output_indices(ct),
}

out = {"sklearn_version": sklearn.__version__, "adult_numeric_columns": ADULT_NUMERIC, "cases": cases}
path = os.path.join(ROOT, "tests", "fixtures", "column_transformer.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
