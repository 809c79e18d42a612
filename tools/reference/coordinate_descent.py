"""Reference values for Lasso, ElasticNet, lasso_path, enet_path, LassoCV and
ElasticNetCV (tests/fixtures/coordinate_descent.json).

Run from the repository root: python3 tools/reference/coordinate_descent.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random, so they are stored in the fixture itself
(JSON floats round-trip exactly). Every fit runs at a tight tolerance
(tol 1e-12, many sweeps) so that both sides reach the same optimum and the
coefficients can be compared at 1e-6; with `selection="random"` only that
converged optimum is compared (the random streams differ).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import (
    ElasticNet,
    ElasticNetCV,
    Lasso,
    LassoCV,
    enet_path,
    lasso_path,
)

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(3)
TOL = 1e-12
MAX_ITER = 100_000


def regression(n, p, informative, noise=0.5):
    X = rng.randn(n, p) * rng.uniform(0.5, 2.0, p) + rng.uniform(-1, 1, p)
    w = np.zeros(p)
    w[:informative] = rng.randn(informative) * 2
    y = X @ w + 0.7 + noise * rng.randn(n)
    return X, y


def weights(n):
    w = rng.uniform(0.2, 3.0, n)
    w[::7] = 0.0
    return w


datasets = {
    "tall": regression(40, 6, 3),
    "wide": regression(15, 25, 4),
    "cv": regression(60, 8, 3, noise=1.0),
}
sample_weights = {name: weights(len(d[1])) for name, d in datasets.items()}

cases = {}


def case(name, kind, dataset, params, weighted=False):
    X, y = datasets[dataset]
    sw = sample_weights[dataset] if weighted else None
    cls = Lasso if kind == "Lasso" else ElasticNet
    model = cls(tol=TOL, max_iter=MAX_ITER, **params)
    model.fit(X, y, sample_weight=sw)
    cases[name] = {
        "kind": kind,
        "dataset": dataset,
        "weighted": weighted,
        "params": params,
        "coef": model.coef_.tolist(),
        "intercept": float(model.intercept_),
        "n_iter": int(model.n_iter_),
        "dual_gap": float(model.dual_gap_),
        "predict": model.predict(X[:5]).tolist(),
    }


case("lasso", "Lasso", "tall", {"alpha": 0.1})
case("lasso_strong", "Lasso", "tall", {"alpha": 1.0})
case("lasso_gram", "Lasso", "tall", {"alpha": 0.1, "precompute": True})
case("lasso_positive", "Lasso", "tall", {"alpha": 0.05, "positive": True})
case("lasso_no_intercept", "Lasso", "tall", {"alpha": 0.1, "fit_intercept": False})
case("lasso_weighted", "Lasso", "tall", {"alpha": 0.1}, weighted=True)
case("lasso_random", "Lasso", "tall", {"alpha": 0.1, "selection": "random", "random_state": 0})
case("lasso_wide", "Lasso", "wide", {"alpha": 0.2})
case("enet", "ElasticNet", "tall", {"alpha": 0.1, "l1_ratio": 0.3})
case("enet_gram_weighted", "ElasticNet", "tall", {"alpha": 0.05, "l1_ratio": 0.7, "precompute": True}, weighted=True)
case("enet_wide_positive", "ElasticNet", "wide", {"alpha": 0.1, "l1_ratio": 0.5, "positive": True})
case("enet_ridge", "ElasticNet", "tall", {"alpha": 0.3, "l1_ratio": 0.0})

paths = {}
X, y = datasets["tall"]
alphas, coefs, gaps = lasso_path(X, y, alphas=30, eps=1e-3, tol=TOL, max_iter=MAX_ITER)
paths["lasso_tall"] = {"dataset": "tall", "l1_ratio": 1.0, "n_alphas": 30, "eps": 1e-3,
                       "alphas": alphas.tolist(), "coefs": coefs.tolist()}
X, y = datasets["wide"]
alphas, coefs, gaps = enet_path(X, y, l1_ratio=0.6, alphas=20, eps=1e-2, tol=TOL, max_iter=MAX_ITER)
paths["enet_wide"] = {"dataset": "wide", "l1_ratio": 0.6, "n_alphas": 20, "eps": 1e-2,
                      "alphas": alphas.tolist(), "coefs": coefs.tolist()}

searches = {}
X, y = datasets["cv"]
m = LassoCV(cv=5, alphas=30, tol=1e-10, max_iter=MAX_ITER).fit(X, y)
searches["lasso_cv"] = {"kind": "LassoCV", "l1_ratio": [1.0], "n_alphas": 30, "cv": 5, "weighted": False,
                        "alpha": float(m.alpha_), "l1_ratio_": 1.0, "alphas": [m.alphas_.tolist()],
                        "mse_path": [m.mse_path_.tolist()], "coef": m.coef_.tolist(),
                        "intercept": float(m.intercept_)}
m = ElasticNetCV(cv=3, l1_ratio=[0.2, 0.7], alphas=15, tol=1e-10, max_iter=MAX_ITER).fit(
    X, y, sample_weight=sample_weights["cv"])
searches["enet_cv_weighted"] = {"kind": "ElasticNetCV", "l1_ratio": [0.2, 0.7], "n_alphas": 15, "cv": 3,
                                "weighted": True, "alpha": float(m.alpha_), "l1_ratio_": float(m.l1_ratio_),
                                "alphas": m.alphas_.tolist(), "mse_path": m.mse_path_.tolist(),
                                "coef": m.coef_.tolist(), "intercept": float(m.intercept_)}

data = {
    name: {"X": X.tolist(), "y": y.tolist(), "sample_weight": sample_weights[name].tolist()}
    for name, (X, y) in datasets.items()
}
out = {
    "sklearn": sklearn.__version__,
    "tol": TOL,
    "max_iter": MAX_ITER,
    "data": data,
    "cases": cases,
    "paths": paths,
    "searches": searches,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "coordinate_descent.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(path))
