"""Reference values for Lasso / ElasticNet with a Gram matrix given as
`precompute`, RidgeClassifierCV with `cv` folds, and RidgeCV /
RidgeClassifierCV with `scoring` (tests/fixtures/linear_gram_scoring.json).

Run from the repository root: python3 tools/reference/linear_gram_scoring.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random and stored in the fixture (JSON floats
round-trip exactly), with every splitter's folds (the test replays them).
Coordinate descent runs at tol 1e-12. The Gram matrices are not stored: the
test computes them from the stored data as here (`X.T @ X` of the data the
fit sees).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, RidgeClassifierCV, RidgeCV
from sklearn.model_selection import KFold, StratifiedKFold

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(15)
TOL = 1e-12
MAX_ITER = 100_000


def regression(n, p, noise=1.0):
    X = rng.randn(n, p) * rng.uniform(0.5, 2.0, p) + rng.uniform(-1, 1, p)
    w = rng.randn(p)
    w[rng.rand(p) < 0.4] = 0.0
    return X, X @ w + 0.7 + noise * rng.randn(n)


def folds_of(splitter, X, y):
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(X, y)]


out = {"sklearn": sklearn.__version__, "gram": [], "ridge": []}

# A Gram matrix given as precompute.
X, y = regression(40, 6)
sw = rng.uniform(0.2, 3.0, len(y))
sw_n = sw * (len(y) / sw.sum())  # as ElasticNet.fit rescales them
xm = (sw_n[:, None] * X).sum(0) / sw_n.sum()
Xc = X - xm  # weighted-centred: the Gram matrix then is the centred data's
Xu = X - X.mean(0)  # centred, unweighted
out["gram_data"] = {"X": X.tolist(), "Xc": Xc.tolist(), "Xu": Xu.tolist(), "y": y.tolist(), "sample_weight": sw.tolist()}
for name, kind, params, data, weighted in [
    # No intercept: X as given.
    ("lasso_gram_no_intercept", "Lasso", {"alpha": 0.1, "fit_intercept": False}, "X", False),
    ("enet_gram_no_intercept", "ElasticNet", {"alpha": 0.05, "l1_ratio": 0.6, "fit_intercept": False}, "X", False),
    # An intercept on centred X, weighted: scikit-learn's example
    # plot_elastic_net_precomputed_gram_matrix_with_weighted_samples.
    ("enet_gram_centred_weighted", "ElasticNet", {"alpha": 0.05, "l1_ratio": 0.6}, "Xc", True),
    ("lasso_gram_centred", "Lasso", {"alpha": 0.1}, "Xu", False),
    # An intercept on X not centred: scikit-learn warns and recomputes.
    ("lasso_gram_recomputed", "Lasso", {"alpha": 0.1}, "X", False),
]:
    data_x = {"X": X, "Xc": Xc, "Xu": Xu}[data]
    w = sw_n if weighted else np.ones(len(y))
    gram = data_x.T @ (w[:, None] * data_x)
    cls = Lasso if kind == "Lasso" else ElasticNet
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = cls(precompute=gram, tol=TOL, max_iter=MAX_ITER, **params)
        model.fit(data_x, y, sample_weight=sw if weighted else None)
    recomputed = any("recomputing Gram" in str(c.message) for c in caught)
    out["gram"].append(
        {
            "name": name,
            "kind": kind,
            "params": params,
            "data": data,
            "weighted": weighted,
            "recomputed": recomputed,
            "coef": model.coef_.tolist(),
            "intercept": float(model.intercept_),
        }
    )

# RidgeCV and RidgeClassifierCV: cv folds and scoring.
X, y = regression(36, 5, noise=2.0)
out["ridge_data"] = {"X": X.tolist(), "y": y.tolist()}
Xk = rng.randn(45, 4) + rng.uniform(-1, 1, 4)
labels = np.argmax(Xk @ rng.randn(4, 3) + rng.randn(45, 3) * 1.5, axis=1)
out["classifier_data"] = {"X": Xk.tolist(), "y": labels.tolist()}
alphas = [0.01, 0.3, 3.0, 30.0, 300.0]
kfold = folds_of(KFold(4), X, y)
skfold = folds_of(StratifiedKFold(3), Xk, labels)
kfold_clf = folds_of(KFold(5), Xk, labels)


def as_cv(folds):
    return [(np.array(f["train"]), np.array(f["test"])) for f in folds]


for name, kind, scoring, folds in [
    ("ridge_gcv_r2", "RidgeCV", "r2", None),
    ("ridge_gcv_mae", "RidgeCV", "neg_mean_absolute_error", None),
    ("ridge_kfold_r2", "RidgeCV", "r2", kfold),
    ("ridge_kfold_mae", "RidgeCV", "neg_mean_absolute_error", kfold),
    ("clf_kfold", "RidgeClassifierCV", None, kfold_clf),
    ("clf_stratified", "RidgeClassifierCV", None, skfold),
    ("clf_gcv_accuracy", "RidgeClassifierCV", "accuracy", None),
    ("clf_stratified_accuracy", "RidgeClassifierCV", "accuracy", skfold),
]:
    cls = RidgeCV if kind == "RidgeCV" else RidgeClassifierCV
    cv = None if folds is None else as_cv(folds)
    model = cls(alphas=alphas, scoring=scoring, cv=cv)
    if kind == "RidgeCV":
        model.fit(X, y)
    else:
        model.fit(Xk, labels)
    out["ridge"].append(
        {
            "name": name,
            "kind": kind,
            "scoring": scoring,
            "folds": folds,
            "alpha": float(model.alpha_),
            "best_score": float(model.best_score_),
            "coef": np.asarray(model.coef_).tolist(),
            "intercept": np.atleast_1d(model.intercept_).tolist(),
        }
    )

path = os.path.join("tests", "fixtures", "linear_gram_scoring.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
for c in out["gram"]:
    print(c["name"], c["recomputed"], c["coef"][:3])
for c in out["ridge"]:
    print(c["name"], c["alpha"], c["best_score"])
