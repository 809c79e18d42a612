"""Reference values for LogisticRegression's L1, elastic-net and no penalty,
and LogisticRegressionCV over l1_ratios (tests/fixtures/logistic_l1.json).

Run from the repository root:
    benches/compare/.venv/bin/python tools/reference/logistic_l1.py
Versions pinned in tools/reference/requirements.txt.

The data are small, standardised here and stored in the fixture. The L1 and
elastic-net cases are fitted by scikit-learn's saga at tol=1e-12 (its
stopping rule: the largest weight change of an epoch over the largest
weight), with a large max_iter, so that saga reaches the optimum; the no
penalty cases (C=inf, scikit-learn 1.9.1's way to say penalty=None) by lbfgs
at tol=1e-10. Every case stores the scaled objective at scikit-learn's
solution:
    sum_i s_i logloss_i / sum(s) + (r |W|_1 + (1 - r) |W|^2 / 2) / (C sum(s))
with s the sample weights times the class weights and r the L1 share.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.9.1", sklearn.__version__

SAGA_TOL = 1e-12
LBFGS_TOL = 1e-10
MAX_ITER = 1_000_000


def formula_weights(n):
    """Sample weights both sides compute: 0.5, 0.75, ..., 1.5, repeating."""
    return 0.5 + 0.25 * (np.arange(n) % 5)


def dataset(n_samples, n_features, n_classes, seed):
    X, y = make_classification(
        n_samples=n_samples,
        n_features=n_features,
        n_informative=4,
        n_redundant=1,
        n_classes=n_classes,
        n_clusters_per_class=1,
        flip_y=0.1,
        class_sep=0.8,
        random_state=seed,
    )
    return StandardScaler().fit_transform(X), y


def per_sample_weights(y, classes, sample_weight, class_weight):
    s = np.ones(len(y)) if sample_weight is None else sample_weight.copy()
    if class_weight == "balanced":
        counts = np.array([s[y == c].sum() for c in classes])
        per_class = s.sum() / (len(classes) * counts)
        s = s * per_class[np.searchsorted(classes, y)]
    return s


def objective(coef, intercept, X, y, classes, s, C, r):
    z = X @ coef.T + intercept
    idx = np.searchsorted(classes, y)
    if coef.shape[0] == 1:
        yb = (idx == 1).astype(float)
        loss = np.logaddexp(0.0, z[:, 0]) - yb * z[:, 0]
    else:
        loss = logsumexp(z, axis=1) - z[np.arange(len(y)), idx]
    penalty = 0.0 if np.isinf(C) else (r * np.abs(coef).sum() + (1 - r) * 0.5 * (coef**2).sum()) / C
    return float((np.sum(s * loss) + penalty) / s.sum())


datasets = {
    "binary": dataset(120, 8, 2, 0),
    "three_class": dataset(150, 6, 3, 1),
}
cases = {}


def record(name, data, l1_ratio, C=1.0, class_weight=None, sample_weight=False, fit_intercept=True):
    X, y = datasets[data]
    sw = formula_weights(len(y)) if sample_weight else None
    if np.isinf(C):
        model = LogisticRegression(C=C, tol=LBFGS_TOL, max_iter=MAX_ITER, solver="lbfgs",
                                   class_weight=class_weight, fit_intercept=fit_intercept)
    else:
        model = LogisticRegression(C=C, l1_ratio=l1_ratio, tol=SAGA_TOL, max_iter=MAX_ITER, solver="saga",
                                   class_weight=class_weight, fit_intercept=fit_intercept, random_state=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X, y, sample_weight=sw)
    assert not any(issubclass(w.category, ConvergenceWarning) for w in caught), name
    s = per_sample_weights(y, model.classes_, sw, class_weight)
    r = 0.0 if np.isinf(C) else l1_ratio
    cases[name] = {
        "data": data,
        "C": None if np.isinf(C) else C,
        "l1_ratio": l1_ratio,
        "class_weight": class_weight,
        "sample_weight": "formula" if sample_weight else None,
        "fit_intercept": fit_intercept,
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "n_iter": int(np.max(model.n_iter_)),
        "objective": objective(model.coef_, model.intercept_, X, y, model.classes_, s, C, r),
        "zeros": int(np.sum(model.coef_ == 0.0)),
    }


for data in ["binary", "three_class"]:
    record(f"{data}_l1", data, 1.0, C=0.1)
    record(f"{data}_l1_weighted", data, 1.0, C=0.2, sample_weight=True, class_weight="balanced")
    for r in [0.2, 0.5, 0.8]:
        record(f"{data}_elasticnet_{r}", data, r, C=0.3)
    record(f"{data}_none", data, 0.0, C=np.inf)
record("binary_l1_no_intercept", "binary", 1.0, C=0.1, fit_intercept=False)
record("three_class_elasticnet_weighted", "three_class", 0.5, C=0.5, sample_weight=True, class_weight="balanced")

# LogisticRegressionCV over Cs x l1_ratios, scored by log-loss (continuous,
# so no ties), 3 stratified folds without shuffling.
cv_cases = {}
for data in ["binary", "three_class"]:
    X, y = datasets[data]
    cv = LogisticRegressionCV(Cs=[0.01, 0.1, 1.0, 10.0], l1_ratios=[0.0, 0.5, 1.0], cv=StratifiedKFold(3),
                              solver="saga", tol=SAGA_TOL, max_iter=MAX_ITER, scoring="neg_log_loss",
                              random_state=0, use_legacy_attributes=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        cv.fit(X, y)
    cv_cases[data] = {
        "Cs": [0.01, 0.1, 1.0, 10.0],
        "l1_ratios": [0.0, 0.5, 1.0],
        "C": float(np.ravel(cv.C_)[0]),
        "l1_ratio": float(np.ravel(cv.l1_ratio_)[0]),
        # (n_folds, n_l1_ratios, n_cs), the non-legacy layout.
        "scores": np.asarray(cv.scores_).tolist(),
        "coef": cv.coef_.tolist(),
        "intercept": cv.intercept_.tolist(),
    }

out = {
    "sklearn_version": sklearn.__version__,
    "saga_tol": SAGA_TOL,
    "lbfgs_tol": LBFGS_TOL,
    "sample_weight_formula": "0.5 + 0.25 * (i % 5)",
    "data": {name: {"x": X.tolist(), "y": y.tolist()} for name, (X, y) in datasets.items()},
    "cases": cases,
    "cv": cv_cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "logistic_l1.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
for name, case in cases.items():
    print(f"{name}: n_iter={case['n_iter']} zeros={case['zeros']} objective={case['objective']:.15g}")
for name, case in cv_cases.items():
    print(f"cv {name}: C={case['C']} l1_ratio={case['l1_ratio']}")
