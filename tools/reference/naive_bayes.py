"""Reference values for GaussianNB, MultinomialNB, ComplementNB, BernoulliNB
and CategoricalNB (tests/fixtures/naive_bayes.json).

Run from the repository root: python3 tools/reference/naive_bayes.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random, so they are stored in the fixture itself
(JSON floats round-trip exactly): counts (Poisson, many zeros), binary
features, integer category codes and Gaussian features, three classes
each. Cases cover each model's defaults and parameters (alpha, force_alpha,
fit_prior, class_prior / priors, norm, binarize, min_categories,
var_smoothing), sample weights (some zero), and partial_fit in three
batches (the first with `classes`, one batch missing a class).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.naive_bayes import BernoulliNB, CategoricalNB, ComplementNB, GaussianNB, MultinomialNB

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(17)
n = 36
y = np.repeat([0, 1, 2], n // 3)
rng.shuffle(y)
# Batch 2 (rows 12..24) has no sample of class 2, to cover classes that a
# batch lacks.
batch2 = np.arange(12, 24)
others = np.setdiff1d(np.arange(n), batch2)
moved = [i for i in batch2 if y[i] == 2]
keep = [i for i in others if y[i] != 2]
for i, j in zip(moved, keep):
    y[i], y[j] = y[j], y[i]
assert 2 not in y[12:24]

rates = np.array([[3.0, 0.5, 1.0, 0.2, 2.0, 0.0], [0.5, 3.0, 1.0, 0.2, 0.1, 0.0], [1.0, 1.0, 0.2, 2.0, 0.5, 0.3]])
counts = rng.poisson(rates[y]).astype(float)
binary = (rng.uniform(size=(n, 5)) < np.array([[0.8, 0.2, 0.5, 0.1, 0.6], [0.2, 0.7, 0.5, 0.4, 0.3], [0.5, 0.5, 0.1, 0.9, 0.5]])[y]).astype(float)
categorical = np.stack([rng.randint(0, 3 + (j % 2), n) + (y == j % 3) for j in range(4)], axis=1).astype(float)
gaussian = rng.randn(n, 4) * np.array([1.0, 2.0, 0.5, 3.0]) + np.array([[0.0, 1.0, -1.0, 5.0], [1.5, -1.0, 0.0, 4.0], [-1.0, 0.0, 1.0, 6.0]])[y]

weights = rng.uniform(0.2, 3.0, n)
weights[::7] = 0.0

datasets = {
    "counts": (counts, np.vstack([counts[:6], rng.poisson(1.5, (4, 6)).astype(float)])),
    "binary": (binary, np.vstack([binary[:6], (rng.uniform(size=(4, 5)) < 0.5).astype(float)])),
    "categorical": (categorical, categorical[:10]),
    "gaussian": (gaussian, np.vstack([gaussian[:6], rng.randn(4, 4) * 3.0])),
}

models = {
    "GaussianNB": GaussianNB,
    "MultinomialNB": MultinomialNB,
    "ComplementNB": ComplementNB,
    "BernoulliNB": BernoulliNB,
    "CategoricalNB": CategoricalNB,
}

batches = [(0, 12), (12, 24), (24, 36)]


def attributes(model):
    out = {"class_count": model.class_count_.tolist()}
    for name in ["class_log_prior_", "feature_count_", "feature_log_prob_", "theta_", "var_", "class_prior_"]:
        if hasattr(model, name):
            value = getattr(model, name)
            out[name.rstrip("_")] = value.tolist() if not isinstance(value, list) else [v.tolist() for v in value]
    if hasattr(model, "epsilon_"):
        out["epsilon"] = float(model.epsilon_)
    if hasattr(model, "category_count_"):
        out["category_count"] = [v.tolist() for v in model.category_count_]
        out["n_categories"] = model.n_categories_.tolist()
    return out


cases = []


def case(model_name, dataset, params, weighted=False, partial=False):
    X, X_test = datasets[dataset]
    model = models[model_name](**params)
    sw = weights if weighted else None
    if partial:
        for k, (a, b) in enumerate(batches):
            kwargs = {"classes": np.array([0, 1, 2])} if k == 0 else {}
            model.partial_fit(X[a:b], y[a:b], sample_weight=None if sw is None else sw[a:b], **kwargs)
    else:
        model.fit(X, y, sample_weight=sw)
    out = {
        "model": model_name,
        "dataset": dataset,
        "params": params,
        "weighted": weighted,
        "partial": partial,
        "predict": model.predict(X_test).tolist(),
        "predict_proba": model.predict_proba(X_test).tolist(),
        "predict_log_proba": model.predict_log_proba(X_test).tolist(),
        "predict_joint_log_proba": model.predict_joint_log_proba(X_test).tolist(),
    }
    out.update(attributes(model))
    cases.append(out)


for weighted in [False, True]:
    for partial in [False, True]:
        case("MultinomialNB", "counts", {}, weighted, partial)
        case("ComplementNB", "counts", {}, weighted, partial)
        case("BernoulliNB", "binary", {}, weighted, partial)
        case("CategoricalNB", "categorical", {}, weighted, partial)
        case("GaussianNB", "gaussian", {}, weighted, partial)

case("MultinomialNB", "counts", {"alpha": 0.5, "fit_prior": False})
case("MultinomialNB", "counts", {"class_prior": [0.2, 0.3, 0.5]}, weighted=True)
case("MultinomialNB", "counts", {"alpha": 1e-12, "force_alpha": False})
case("MultinomialNB", "counts", {"alpha": 1e-12})
case("ComplementNB", "counts", {"norm": True})
case("ComplementNB", "counts", {"norm": True, "alpha": 0.3}, weighted=True, partial=True)
case("BernoulliNB", "binary", {"binarize": None})
case("BernoulliNB", "counts", {"binarize": 1.5, "alpha": 0.3}, weighted=True)
case("BernoulliNB", "counts", {"binarize": 0.5, "fit_prior": False}, partial=True)
case("CategoricalNB", "categorical", {"min_categories": 6})
case("CategoricalNB", "categorical", {"min_categories": [4, 6, 5, 7], "alpha": 0.5}, weighted=True, partial=True)
case("CategoricalNB", "categorical", {"class_prior": [0.5, 0.25, 0.25], "alpha": 2.0})
case("GaussianNB", "gaussian", {"priors": [0.2, 0.3, 0.5]})
case("GaussianNB", "gaussian", {"var_smoothing": 1e-3}, weighted=True, partial=True)
case("GaussianNB", "counts", {"var_smoothing": 0.1})

fixture = {
    "sklearn": sklearn.__version__,
    "y": y.tolist(),
    "weights": weights.tolist(),
    "batches": batches,
    "datasets": {k: {"X": v[0].tolist(), "X_test": v[1].tolist()} for k, v in datasets.items()},
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "naive_bayes.json")
with open(path, "w") as f:
    json.dump(fixture, f)
print(f"wrote {len(cases)} cases to {os.path.normpath(path)}")
