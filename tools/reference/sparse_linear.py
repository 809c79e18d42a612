"""Reference values for the linear models on sparse input
(tests/fixtures/sparse_linear.json): scikit-learn fitted on a
scipy.sparse.csr_matrix.

Run from the repository root: python3 tools/reference/sparse_linear.py
Versions pinned in tools/reference/requirements.txt.

The data (small: one-hot blocks and half-zero numeric columns) are stored
dense in the fixture; the test builds the CsrMatrix from them. Cases:
LogisticRegression (lbfgs, binary and multinomial, sample weights),
LinearSVC (the primal solver, deterministic), Ridge and RidgeClassifier
(sparse_cg, the intercept by implicit centring, sample weights), each at a
tight tolerance so both sides stop next to the unique optimum.
SGD is left out: scikit-learn's sparse SGD scales the intercept's updates
by 0.01 (SPARSE_INTERCEPT_DECAY), so it is not its dense model, while
learnkit's sparse SGD gives its dense (scikit-learn-equal) model.
"""
import json
import os

import numpy as np
import scipy.sparse
import sklearn
from sklearn.linear_model import LogisticRegression, Ridge, RidgeClassifier
from sklearn.svm import LinearSVC

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(17)
n = 120
numeric = rng.randn(n, 3) * np.array([1.0, 2.0, 0.5]) * (rng.rand(n, 3) < 0.5)
category = rng.randint(0, 5, n)
onehot = np.eye(5)[category]
X = np.hstack([numeric, onehot])
score = numeric[:, 0] - 0.8 * numeric[:, 1] + 0.6 * category + 0.7 * rng.randn(n)
y_binary = (score > np.median(score)).astype(int)
y_multi = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
y_reg = score + 2.0
w = rng.uniform(0.2, 3.0, n)
Xs = scipy.sparse.csr_matrix(X)

cases = []


def add(name, kind, params, y, model, weighted):
    fitted = model.fit(Xs, y, sample_weight=w if weighted else None)
    case = {
        "name": name,
        "kind": kind,
        "params": params,
        "target": "binary" if y is y_binary else "multi" if y is y_multi else "regression",
        "weighted": weighted,
        "coef": np.atleast_2d(fitted.coef_).tolist(),
        "intercept": np.atleast_1d(fitted.intercept_).tolist(),
    }
    if hasattr(fitted, "predict_proba"):
        case["proba"] = fitted.predict_proba(Xs).tolist()
    cases.append(case)


for target, y in [("binary", y_binary), ("multi", y_multi)]:
    for weighted in [False, True]:
        params = {"C": 0.7, "tol": 1e-10, "max_iter": 1000}
        add(f"logistic_{target}_{'weighted' if weighted else 'plain'}", "logistic", params, y,
            LogisticRegression(**params), weighted)
    params = {"C": 0.5, "tol": 1e-10, "max_iter": 1000}
    add(f"linear_svc_{target}", "linear_svc", params, y, LinearSVC(dual=False, **params), False)
    params = {"alpha": 1.5, "tol": 1e-12}
    add(f"ridge_classifier_{target}", "ridge_classifier", params, y,
        RidgeClassifier(solver="sparse_cg", **params), False)
for weighted in [False, True]:
    for fit_intercept in [True, False]:
        params = {"alpha": 0.8, "tol": 1e-12, "fit_intercept": fit_intercept}
        add(f"ridge_{'weighted' if weighted else 'plain'}_{'intercept' if fit_intercept else 'origin'}",
            "ridge", params, y_reg, Ridge(solver="sparse_cg", **params), weighted)

fixture = {
    "sklearn_version": sklearn.__version__,
    "X": X.tolist(),
    "y_binary": y_binary.tolist(),
    "y_multi": y_multi.tolist(),
    "y_regression": y_reg.tolist(),
    "sample_weight": w.tolist(),
    "cases": cases,
}
out = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "sparse_linear.json")
with open(out, "w") as f:
    json.dump(fixture, f)
print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")
