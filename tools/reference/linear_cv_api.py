"""Reference values for RidgeCV with `cv` folds, LassoCV / ElasticNetCV with
any splitter, and multi-target LinearRegression / Ridge
(tests/fixtures/linear_cv_api.json).

Run from the repository root: python3 tools/reference/linear_cv_api.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random and stored in the fixture (JSON floats
round-trip exactly). The folds of the shuffled splitters (scikit-learn's
KFold(shuffle=True) and ShuffleSplit) are stored too: learnkit's shuffles
draw other permutations, so the test replays these folds through a
splitter of its own. Coordinate descent runs at tol 1e-12 on both sides.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNetCV, LassoCV, LinearRegression, Ridge, RidgeCV
from sklearn.model_selection import KFold, ShuffleSplit

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(21)


def regression(n, p, k=1, noise=1.0):
    X = rng.randn(n, p) * rng.uniform(0.5, 3.0, p) + rng.uniform(-2, 2, p)
    w = rng.randn(p, k)
    w[rng.rand(p) < 0.4] = 0.0
    y = X @ w + 1.5 + noise * rng.randn(n, k)
    return X, (y[:, 0] if k == 1 else y)


def folds_of(splitter, X):
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(X)]


out = {"sklearn": sklearn.__version__, "cases": []}

# RidgeCV with cv=5 (KFold without shuffling), with and without intercept and
# sample weights, and with a shuffled KFold's folds.
X, y = regression(40, 6, noise=2.5)
sw = rng.uniform(0.2, 3.0, len(y))
out["ridge_data"] = {"X": X.tolist(), "y": y.tolist(), "sample_weight": sw.tolist()}
alphas = [0.01, 0.3, 3.0, 30.0, 300.0]
shuffled = folds_of(KFold(4, shuffle=True, random_state=0), X)
for name, kwargs, weighted, folds in [
    ("ridge_cv5", {"cv": 5}, False, None),
    ("ridge_cv5_no_intercept", {"cv": 5, "fit_intercept": False}, False, None),
    ("ridge_cv5_weighted", {"cv": 5}, True, None),
    ("ridge_shuffled_kfold", {"cv": [(np.array(f["train"]), np.array(f["test"])) for f in shuffled]}, False, shuffled),
]:
    model = RidgeCV(alphas=alphas, **kwargs).fit(X, y, sample_weight=sw if weighted else None)
    out["cases"].append(
        {
            "kind": "RidgeCV",
            "name": name,
            "alphas": alphas,
            "fit_intercept": kwargs.get("fit_intercept", True),
            "weighted": weighted,
            "folds": folds,
            "alpha": float(model.alpha_),
            "best_score": float(model.best_score_),
            "coef": model.coef_.tolist(),
            "intercept": float(model.intercept_),
        }
    )

# LassoCV on ShuffleSplit folds (rows left out of every fold), ElasticNetCV on
# shuffled KFold folds (each fold splits all rows, non-contiguous test rows).
X, y = regression(50, 8, noise=2.0)
out["cd_data"] = {"X": X.tolist(), "y": y.tolist()}
for name, kind, splitter, l1 in [
    ("lasso_shuffle_split", "LassoCV", ShuffleSplit(4, test_size=0.25, random_state=0), None),
    ("enet_shuffled_kfold", "ElasticNetCV", KFold(5, shuffle=True, random_state=1), [0.3, 0.8]),
]:
    folds = folds_of(splitter, X)
    cv = [(np.array(f["train"]), np.array(f["test"])) for f in folds]
    common = dict(cv=cv, alphas=20, tol=1e-12, max_iter=100_000)
    model = LassoCV(**common) if l1 is None else ElasticNetCV(l1_ratio=l1, **common)
    model.fit(X, y)
    mse = np.asarray(model.mse_path_)
    alphas_ = np.asarray(model.alphas_)
    if l1 is None:
        mse, alphas_ = mse[None], alphas_[None]
    out["cases"].append(
        {
            "kind": kind,
            "name": name,
            "l1_ratio": l1,
            "folds": folds,
            "alpha": float(model.alpha_),
            "l1_ratio_": float(model.l1_ratio_) if l1 is not None else 1.0,
            "alphas": alphas_.tolist(),
            "mse_path": mse.tolist(),
            "coef": model.coef_.tolist(),
            "intercept": float(model.intercept_),
        }
    )

# Multi-target LinearRegression and Ridge: coef_ (targets × features),
# intercept_ (targets,), predictions (rows × targets), R² (uniform average).
X, Y = regression(30, 5, k=3, noise=0.5)
sw = rng.uniform(0.2, 3.0, len(Y))
sw[::6] = 0.0
out["multi_data"] = {"X": X.tolist(), "Y": Y.tolist(), "sample_weight": sw.tolist()}
for name, model, weighted in [
    ("ols_multi", LinearRegression(), False),
    ("ols_multi_weighted", LinearRegression(), True),
    ("ols_multi_no_intercept", LinearRegression(fit_intercept=False), False),
    ("ridge_multi", Ridge(alpha=1.5), False),
    ("ridge_multi_weighted", Ridge(alpha=1.5), True),
    ("ridge_multi_svd", Ridge(alpha=1.5, solver="svd", fit_intercept=False), False),
]:
    model.fit(X, Y, sample_weight=sw if weighted else None)
    out["cases"].append(
        {
            "kind": "multi",
            "name": name,
            "model": type(model).__name__,
            "params": {k: v for k, v in model.get_params().items() if k in ("alpha", "fit_intercept", "solver")},
            "weighted": weighted,
            "coef": model.coef_.tolist(),
            "intercept": np.asarray(model.intercept_).tolist(),
            "predict": model.predict(X[:5]).tolist(),
            "score": float(model.score(X, Y)),
        }
    )

path = os.path.join("tests", "fixtures", "linear_cv_api.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
for c in out["cases"]:
    print(c["name"], c.get("alpha"), c.get("best_score"))
