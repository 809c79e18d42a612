"""Reference values for LogisticRegression (tests/fixtures/logistic.json).

Run from the repository root: python3 tools/reference/logistic.py
Versions pinned in tools/reference/requirements.txt.

Every case is fitted with a tight tolerance (tol=1e-10, max_iter=10000) so
that scikit-learn's L-BFGS reaches the optimum and the Rust side, run as
tightly, can be compared with it. The data are not stored: the Rust test loads
the same bundled datasets and standardises them with learnkit's StandardScaler
(whose transform is scikit-learn's); sample weights follow a formula that both
sides compute.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits, load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.9.1", sklearn.__version__

TOL = 1e-10
MAX_ITER = 10000


def formula_weights(n):
    """Sample weights both sides compute: 0.5, 0.75, ..., 1.5, repeating."""
    return 0.5 + 0.25 * (np.arange(n) % 5)


def standardised(X):
    return StandardScaler().fit_transform(X)


def objective(model, X, y, sample_weight, class_weight_per_sample):
    """scikit-learn's scaled objective at the fitted model:
    sum_i s_i * logloss_i / sum(s) + ||W||^2 / (2 C sum(s))."""
    s = np.ones(len(y)) if sample_weight is None else sample_weight.copy()
    s = s * class_weight_per_sample
    proba = model.predict_proba(X)
    idx = np.searchsorted(model.classes_, y)
    loss = -np.log(proba[np.arange(len(y)), idx])
    return float(np.sum(s * loss) / s.sum() + 0.5 * np.sum(model.coef_**2) / (model.C * s.sum()))


cases = {}


def record(name, dataset, X, y, proba_rows, C=1.0, class_weight=None, sample_weight=None, fit_intercept=True):
    model = LogisticRegression(C=C, tol=TOL, max_iter=MAX_ITER, class_weight=class_weight, fit_intercept=fit_intercept)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X, y, sample_weight=sample_weight)
    if class_weight == "balanced":
        # As scikit-learn computes it (weighted counts when sample weights are given).
        sw = np.ones(len(y)) if sample_weight is None else sample_weight
        counts = np.array([sw[y == c].sum() for c in model.classes_])
        per_class = sw.sum() / (len(model.classes_) * counts)
        cw = per_class[np.searchsorted(model.classes_, y)]
    else:
        cw = np.ones(len(y))
    cases[name] = {
        "dataset": dataset,
        "standardised": dataset != "iris",
        "C": C,
        "class_weight": class_weight,
        "sample_weight": None if sample_weight is None else "formula",
        "fit_intercept": fit_intercept,
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "n_iter": int(model.n_iter_[0]),
        "convergence_warning": any(issubclass(w.category, ConvergenceWarning) for w in caught),
        "proba_rows": proba_rows,
        "predict_proba": model.predict_proba(X[proba_rows]).tolist(),
        "objective": objective(model, X, y, sample_weight, cw),
        "train_accuracy": float(model.score(X, y)),
    }


iris = load_iris()
cancer = load_breast_cancer()
digits = load_digits()
X_cancer = standardised(cancer.data)
X_digits = standardised(digits.data)

record("iris", "iris", iris.data, iris.target, [0, 60, 120, 149])
record("breast_cancer", "breast_cancer", X_cancer, cancer.target, [0, 100, 300, 568])
record("digits", "digits", X_digits, digits.target, [0, 500, 1000, 1796], C=0.1)
record("breast_cancer_balanced", "breast_cancer", X_cancer, cancer.target, [0, 100, 300, 568], C=0.5,
       class_weight="balanced")
record("iris_sample_weight", "iris", iris.data, iris.target, [0, 60, 120, 149], C=10.0,
       sample_weight=formula_weights(len(iris.target)))
record("breast_cancer_no_intercept", "breast_cancer", X_cancer, cancer.target, [0, 100, 300, 568], C=0.2,
       fit_intercept=False)

out = {
    "sklearn_version": sklearn.__version__,
    "tol": TOL,
    "max_iter": MAX_ITER,
    "sample_weight_formula": "0.5 + 0.25 * (i % 5)",
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "logistic.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
for name, case in cases.items():
    print(f"{name}: n_iter={case['n_iter']} warning={case['convergence_warning']} objective={case['objective']:.12g}")
