"""Reference values for LinearRegression, Ridge, RidgeCV, RidgeClassifier and
RidgeClassifierCV (tests/fixtures/linear_regression.json).

Run from the repository root: python3 tools/reference/linear_regression.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random, so they are stored in the fixture itself
(JSON floats round-trip exactly). Cases cover: well-posed data, collinear
columns (exact duplicates and a sum of columns), more features than samples
(rank-deficient, the minimum-norm solution), sample weights (some zero),
no intercept, `positive`, each ridge solver (the iterative one at a tight
tolerance) and the leave-one-out search in each decomposition.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import (
    LinearRegression,
    Ridge,
    RidgeClassifier,
    RidgeClassifierCV,
    RidgeCV,
)

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(15)


def regression(n, p, noise=0.3):
    X = rng.randn(n, p) * rng.uniform(0.5, 3.0, p) + rng.uniform(-2, 2, p)
    w = rng.randn(p)
    y = X @ w + 1.5 + noise * rng.randn(n)
    return X, y


def weights(n):
    w = rng.uniform(0.2, 3.0, n)
    w[::7] = 0.0
    return w


datasets = {}
X, y = regression(40, 5)
datasets["tall"] = (X, y)
Xc = np.hstack([X, X[:, :1], X[:, 1:2] + X[:, 2:3]])  # duplicate and sum columns
datasets["collinear"] = (Xc, y)
datasets["wide"] = regression(12, 20)
Xp, _ = regression(50, 4)
datasets["positive"] = (Xp, Xp @ np.array([1.0, -2.0, 0.5, 3.0]) + 0.5 + 0.3 * rng.randn(50))
datasets["wide_gcv"] = regression(15, 30, noise=1.0)
datasets["tall_gcv"] = regression(60, 8, noise=2.0)
yc = rng.randint(0, 3, 45)
Xcls = rng.randn(45, 4) + yc[:, None] * np.array([1.0, -0.5, 0.3, 0.0])
yb = (Xcls[:, 0] + 0.5 * rng.randn(45) > 1.0).astype(int)

sample_weights = {name: weights(len(d[1])) for name, d in datasets.items()}
cls_weights = weights(45)

cases = {}


def case(kind, dataset, params, model, weighted=False):
    X, y = datasets[dataset]
    sw = sample_weights[dataset] if weighted else None
    model.fit(X, y, sample_weight=sw)
    out = {
        "kind": kind,
        "dataset": dataset,
        "weighted": weighted,
        "params": params,
        "coef": np.ravel(model.coef_).tolist(),
        "intercept": float(model.intercept_),
        "predict": model.predict(X[:5]).tolist(),
    }
    if hasattr(model, "rank_"):
        out["rank"] = int(model.rank_)
        out["singular"] = model.singular_.tolist()
    if hasattr(model, "alpha_"):
        out["alpha_"] = float(model.alpha_)
        out["best_score_"] = float(model.best_score_)
    return out


for dataset in ["tall", "collinear", "wide"]:
    for fit_intercept in [True, False]:
        for weighted in [False, True]:
            name = f"ols_{dataset}_{'icpt' if fit_intercept else 'noicpt'}_{'w' if weighted else 'u'}"
            cases[name] = case("LinearRegression", dataset, {"fit_intercept": fit_intercept},
                               LinearRegression(fit_intercept=fit_intercept), weighted)
for weighted in [False, True]:
    cases[f"ols_positive_{'w' if weighted else 'u'}"] = case(
        "LinearRegression", "positive", {"fit_intercept": True, "positive": True},
        LinearRegression(positive=True), weighted)
cases["ols_positive_tall"] = case("LinearRegression", "tall", {"fit_intercept": True, "positive": True},
                                  LinearRegression(positive=True))

for solver in ["auto", "cholesky", "svd", "sparse_cg"]:
    for dataset in ["tall", "collinear", "wide"]:
        for alpha in [0.0, 0.7] if solver in ["cholesky", "svd"] else [2.5]:
            for weighted in [False, True]:
                for fit_intercept in [True, False] if weighted else [True]:
                    extra = {"tol": 1e-12, "max_iter": 10000} if solver == "sparse_cg" else {}
                    if alpha == 0.0 and dataset != "tall":
                        continue  # a singular system: no unique solution to compare
                    params = {"alpha": alpha, "solver": solver, "fit_intercept": fit_intercept, **extra}
                    name = f"ridge_{solver}_{dataset}_{alpha}_{'w' if weighted else 'u'}_{int(fit_intercept)}"
                    cases[name] = case("Ridge", dataset, params, Ridge(**params), weighted)

for dataset in ["tall_gcv", "wide_gcv", "collinear", "tall"]:
    for gcv_mode in ["auto", "svd"]:
        for weighted in [False, True]:
            for fit_intercept in [True, False]:
                alphas = [0.01, 0.1, 1.0, 10.0, 100.0]
                params = {"alphas": alphas, "gcv_mode": gcv_mode, "fit_intercept": fit_intercept}
                name = f"ridgecv_{dataset}_{gcv_mode}_{'w' if weighted else 'u'}_{int(fit_intercept)}"
                cases[name] = case("RidgeCV", dataset, params, RidgeCV(**params), weighted)
cases["ridgecv_default"] = case("RidgeCV", "tall_gcv", {}, RidgeCV())

classifier_cases = {}


def classifier_case(kind, y, params, model, weighted):
    sw = cls_weights if weighted else None
    model.fit(Xcls, y, sample_weight=sw)
    out = {
        "kind": kind,
        "params": params,
        "weighted": weighted,
        "coef": model.coef_.tolist(),
        "intercept": np.atleast_1d(model.intercept_).tolist(),
        "decision": np.atleast_2d(model.decision_function(Xcls[:6]).T).T.reshape(6, -1).tolist(),
        "predict": model.predict(Xcls).tolist(),
    }
    if hasattr(model, "alpha_"):
        out["alpha_"] = float(model.alpha_)
        out["best_score_"] = float(model.best_score_)
    return out


for target_name, target in [("binary", yb), ("multiclass", yc)]:
    for weighted in [False, True]:
        suffix = f"{target_name}_{'w' if weighted else 'u'}"
        for solver in ["cholesky", "svd"]:
            params = {"alpha": 1.5, "solver": solver}
            classifier_cases[f"ridgeclassifier_{solver}_{suffix}"] = {
                **classifier_case("RidgeClassifier", target, params, RidgeClassifier(**params), weighted),
                "target": target_name,
            }
        params = {"alphas": [0.01, 0.3, 3.0, 30.0]}
        classifier_cases[f"ridgeclassifiercv_{suffix}"] = {
            **classifier_case("RidgeClassifierCV", target, params, RidgeClassifierCV(**params), weighted),
            "target": target_name,
        }

out = {
    "sklearn_version": sklearn.__version__,
    "data": {name: {"X": X.tolist(), "y": y.tolist(), "sample_weight": sample_weights[name].tolist()}
             for name, (X, y) in datasets.items()},
    "classification": {"X": Xcls.tolist(), "binary": yb.tolist(), "multiclass": yc.tolist(),
                       "sample_weight": cls_weights.tolist()},
    "cases": cases,
    "classifier_cases": classifier_cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "linear_regression.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"{len(cases)} regression and {len(classifier_cases)} classifier cases written to {os.path.normpath(path)}")
