"""Reference values for SGDClassifier and SGDRegressor (tests/fixtures/sgd.json).

Run from the repository root: python3 tools/reference/sgd.py
Versions pinned in tools/reference/requirements.txt.

With shuffle=False the update sequence is deterministic, so the fitted
coefficients, intercepts, n_iter_ and t_ are compared exactly (to rounding)
for each loss, penalty, learning rate, averaging, class weights, sample
weights and partial_fit sequences. With shuffle=True (or early stopping,
whose validation split is random) only the score is stored: learnkit's
random generator is not NumPy's. The data are small and stored in the
fixture (JSON floats round-trip exactly).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier, SGDRegressor

assert sklearn.__version__ == "1.9.1", sklearn.__version__
warnings.simplefilter("ignore", ConvergenceWarning)

rng = np.random.RandomState(5)

yb = rng.randint(0, 2, 60)
Xb = rng.randn(60, 4) + yb[:, None] * np.array([1.2, -0.8, 0.0, 0.5])
yb[::11] = 1 - yb[::11]  # some noise, so the problem is not separable
ym = rng.randint(0, 3, 75)
Xm = rng.randn(75, 4) + ym[:, None] * np.array([1.0, -0.6, 0.4, 0.0])
Xr = rng.randn(60, 4)
yr = Xr @ np.array([1.5, -2.0, 0.0, 0.7]) + 0.8 + 0.3 * rng.randn(60)
yr[::13] += 6.0  # outliers for the robust losses

datasets = {
    "binary": (Xb, yb),
    "multi": (Xm, ym),
    "regression": (Xr, yr),
}
weights = {name: rng.uniform(0.2, 2.5, len(d[1])) for name, d in datasets.items()}
for w in weights.values():
    w[::9] = 0.0

cases = {}


def describe(model, X):
    out = {
        "coef": np.atleast_2d(model.coef_).tolist(),
        "intercept": np.atleast_1d(model.intercept_).tolist(),
        "n_iter": int(model.n_iter_),
        "t": float(model.t_),
    }
    if isinstance(model, SGDClassifier):
        out["decision"] = np.atleast_2d(model.decision_function(X[:6]).T).T.reshape(6, -1).tolist()
        if model.loss in ("log_loss", "modified_huber"):
            out["proba"] = model.predict_proba(X[:6]).tolist()
    else:
        out["predict"] = model.predict(X[:6]).tolist()
    return out


def classifier(name, dataset, weighted=False, **params):
    X, y = datasets[dataset]
    params = {"shuffle": False, **params}
    model = SGDClassifier(**params).fit(X, y, sample_weight=weights[dataset] if weighted else None)
    cases[name] = {"kind": "classifier", "dataset": dataset, "weighted": weighted, "params": params, **describe(model, X)}


def regressor(name, weighted=False, **params):
    X, y = datasets["regression"]
    params = {"shuffle": False, **params}
    model = SGDRegressor(**params).fit(X, y, sample_weight=weights["regression"] if weighted else None)
    cases[name] = {"kind": "regressor", "dataset": "regression", "weighted": weighted, "params": params, **describe(model, X)}


for loss in ["hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron"]:
    classifier(f"clf_{loss}", "binary", loss=loss)
classifier("clf_l1", "binary", penalty="l1", alpha=0.01)
classifier("clf_elasticnet", "binary", penalty="elasticnet", alpha=0.01, l1_ratio=0.4)
classifier("clf_elasticnet_log", "binary", loss="log_loss", penalty="elasticnet", alpha=0.003, l1_ratio=0.7)
classifier("clf_no_penalty", "binary", penalty=None, learning_rate="constant", eta0=0.01)
classifier("clf_constant", "binary", loss="log_loss", learning_rate="constant", eta0=0.05)
classifier("clf_invscaling", "binary", loss="log_loss", learning_rate="invscaling", eta0=0.2, power_t=0.4)
classifier("clf_adaptive", "binary", loss="log_loss", learning_rate="adaptive", eta0=0.1, tol=1e-2)
classifier("clf_average", "binary", average=True)
classifier("clf_average_10", "binary", loss="log_loss", average=10)
classifier("clf_average_late", "binary", average=200, max_iter=3, tol=None)
classifier("clf_no_intercept", "binary", fit_intercept=False)
classifier("clf_max_iter", "binary", tol=None, max_iter=15)
classifier("clf_weighted", "binary", weighted=True)
classifier("clf_class_weight", "binary", class_weight={0: 2.0, 1: 0.5})
classifier("clf_balanced", "binary", class_weight="balanced", loss="log_loss")
classifier("clf_multi", "multi")
classifier("clf_multi_log", "multi", loss="log_loss", alpha=0.001)
classifier("clf_multi_mhuber", "multi", loss="modified_huber")
classifier("clf_multi_l1_average", "multi", penalty="l1", alpha=0.001, average=True)
classifier("clf_multi_class_weight", "multi", class_weight={0: 1.0, 1: 3.0, 2: 0.5}, weighted=True)
classifier("clf_multi_balanced", "multi", class_weight="balanced")

for loss in ["squared_error", "huber", "epsilon_insensitive", "squared_epsilon_insensitive"]:
    regressor(f"reg_{loss}", loss=loss)
regressor("reg_l1", penalty="l1", alpha=0.01)
regressor("reg_elasticnet", penalty="elasticnet", alpha=0.01, l1_ratio=0.3)
regressor("reg_no_penalty", penalty=None)
regressor("reg_constant", learning_rate="constant", eta0=0.02)
regressor("reg_optimal", learning_rate="optimal", alpha=0.01)
regressor("reg_adaptive", learning_rate="adaptive", eta0=0.05, tol=1e-2)
regressor("reg_average", average=True)
regressor("reg_average_50", average=50, loss="huber", epsilon=0.5)
regressor("reg_weighted", weighted=True)
regressor("reg_no_intercept", fit_intercept=False, epsilon=0.2, loss="epsilon_insensitive")

# partial_fit over chunks: scikit-learn's sequence of one-epoch calls.
chunks = [slice(0, 20), slice(20, 45), slice(45, None)]
partial = {}


def partial_case(name, model, dataset, weighted=False, classes=None, repeats=2):
    X, y = datasets[dataset]
    sw = weights[dataset] if weighted else None
    steps = []
    for _ in range(repeats):
        for c in chunks:
            kwargs = {"sample_weight": None if sw is None else sw[c]}
            if classes is not None:
                kwargs["classes"] = classes
            model.partial_fit(X[c], y[c], **kwargs)
            steps.append(describe(model, X))
    partial[name] = {
        "kind": "classifier" if isinstance(model, SGDClassifier) else "regressor",
        "dataset": dataset,
        "weighted": weighted,
        "params": {k: v for k, v in model.get_params().items() if k in PARAMS[name]},
        "chunks": [[c.start, c.stop if c.stop is not None else len(y)] for c in chunks],
        "repeats": repeats,
        "steps": steps,
    }


PARAMS = {
    "partial_binary": {"shuffle": False, "loss": "log_loss"},
    "partial_multi": {"shuffle": False, "penalty": "elasticnet", "alpha": 0.001},
    "partial_binary_weighted": {"shuffle": False, "class_weight": {0: 1.5, 1: 1.0}},
    "partial_regression": {"shuffle": False},
    "partial_regression_average": {"shuffle": False, "average": 30, "penalty": "l1", "alpha": 0.001},
}
partial_case("partial_binary", SGDClassifier(**PARAMS["partial_binary"]), "binary", classes=[0, 1])
partial_case("partial_multi", SGDClassifier(**PARAMS["partial_multi"]), "multi", classes=[0, 1, 2])
partial_case(
    "partial_binary_weighted", SGDClassifier(**PARAMS["partial_binary_weighted"]), "binary", weighted=True, classes=[0, 1]
)
partial_case("partial_regression", SGDRegressor(**PARAMS["partial_regression"]), "regression")
partial_case("partial_regression_average", SGDRegressor(**PARAMS["partial_regression_average"]), "regression", weighted=True)

# Random row orders or validation splits: only the training score compares.
scores = {}
for name, model, dataset in [
    ("shuffle_binary", SGDClassifier(random_state=0), "binary"),
    ("shuffle_multi", SGDClassifier(random_state=0, loss="log_loss"), "multi"),
    ("early_stopping_multi", SGDClassifier(random_state=0, early_stopping=True, validation_fraction=0.2), "multi"),
    ("shuffle_regression", SGDRegressor(random_state=0), "regression"),
    ("early_stopping_regression", SGDRegressor(random_state=0, early_stopping=True), "regression"),
]:
    X, y = datasets[dataset]
    model.fit(X, y)
    params = {k: v for k, v in model.get_params().items() if k in ("loss", "early_stopping", "validation_fraction")}
    scores[name] = {"kind": "classifier" if isinstance(model, SGDClassifier) else "regressor",
                    "dataset": dataset, "params": params, "score": float(model.score(X, y))}

out = {
    "sklearn": sklearn.__version__,
    "datasets": {name: {"x": X.tolist(), "y": y.tolist(), "sample_weight": weights[name].tolist()}
                 for name, (X, y) in datasets.items()},
    "cases": cases,
    "partial": partial,
    "scores": scores,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "sgd.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(f"wrote {path}: {len(cases)} cases, {len(partial)} partial_fit sequences, {len(scores)} scores")
for name, c in cases.items():
    print(f"  {name}: n_iter {c['n_iter']}")
