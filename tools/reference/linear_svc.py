"""Reference values for LinearSVC (tests/fixtures/linear_svc.json).

Run from the repository root: python3 tools/reference/linear_svc.py
Versions pinned in tools/reference/requirements.txt.

The data are not stored: the Rust test loads the same bundled datasets and
standardises breast cancer with learnkit's StandardScaler, whose transform is
scikit-learn's. Rows i % 4 != 0 train, rows i % 4 == 0 test. Sample weights
follow a formula both sides compute.

Most cases use the dual coordinate-descent solver (`dual=True`); the
`*_primal` cases use liblinear's primal trust-region Newton solver
(`dual=False`, squared hinge only). Every case runs at max_iter=100000 and
a tight tol (1e-8 for the dual, 1e-10 for the primal), so that both sides
reach the (unique) optimum: liblinear's random permutations differ from
learnkit's, and the primal's stopping point depends on floating-point
details, so only the optimum can be compared. The primal needs the tighter
tol because its rule is relative to the initial gradient norm: at 1e-8,
breast_cancer_intercept_scaling_primal (C=3) stops 7e-7 (relative) from the
optimum, one Newton step short; at 1e-10 it is on it to the last digit.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

assert sklearn.__version__ == "1.9.1", sklearn.__version__

TOL = 1e-8
PRIMAL_TOL = 1e-10
MAX_ITER = 100000


def formula_weights(n):
    """0.5, 0.75, ..., 1.5, repeating."""
    return 0.5 + 0.25 * (np.arange(n) % 5)


iris = load_iris()
cancer = load_breast_cancer()
datasets = {
    "iris": (iris.data, iris.target),
    "breast_cancer": (StandardScaler().fit_transform(cancer.data), cancer.target),
}

cases = {}


def record(name, dataset, loss="squared_hinge", C=1.0, fit_intercept=True, intercept_scaling=1.0,
           class_weight=None, sample_weight=False, decision_rows=(0, 1, 2, 3), dual=True):
    X, y = datasets[dataset]
    idx = np.arange(len(y))
    train, test = idx % 4 != 0, idx % 4 == 0
    Xtr, ytr, Xte = X[train], y[train], X[test]
    sw = formula_weights(len(ytr)) if sample_weight else None
    tol = TOL if dual else PRIMAL_TOL
    model = LinearSVC(loss=loss, C=C, dual=dual, tol=tol, max_iter=MAX_ITER, fit_intercept=fit_intercept,
                      intercept_scaling=intercept_scaling, class_weight=class_weight, random_state=0)
    model.fit(Xtr, ytr, sample_weight=sw)
    rows = list(decision_rows)
    if isinstance(class_weight, dict):
        weight = [class_weight.get(k, 1.0) for k in range(len(model.classes_))]
    else:
        weight = class_weight
    cases[name] = {
        "dataset": dataset,
        "loss": loss,
        "dual": dual,
        "tol": tol,
        "C": C,
        "fit_intercept": fit_intercept,
        "intercept_scaling": intercept_scaling,
        "class_weight": weight,
        "sample_weight": "formula" if sample_weight else None,
        "coef": model.coef_.tolist(),
        "intercept": np.broadcast_to(model.intercept_, model.coef_.shape[:1]).astype(float).tolist(),
        "n_iter": int(model.n_iter_),
        "predict": model.predict(Xte).tolist(),
        "decision_rows": rows,
        "decision": np.atleast_2d(model.decision_function(Xte[rows]).T).T.tolist(),
        "test_accuracy": float(model.score(Xte, y[test])),
    }


record("iris_squared_hinge", "iris")
record("iris_hinge", "iris", loss="hinge", C=0.5)
record("iris_weighted_per_class", "iris", C=2.0, class_weight={0: 1.0, 1: 2.0, 2: 0.5}, sample_weight=True)
record("iris_no_intercept", "iris", fit_intercept=False)
record("breast_cancer_squared_hinge", "breast_cancer", C=0.1)
record("breast_cancer_hinge", "breast_cancer", loss="hinge")
record("breast_cancer_balanced", "breast_cancer", C=0.5, class_weight="balanced")
record("breast_cancer_balanced_weighted_hinge", "breast_cancer", loss="hinge", C=0.2, class_weight="balanced",
       sample_weight=True)
record("breast_cancer_intercept_scaling", "breast_cancer", C=0.3, intercept_scaling=10.0)
# The primal solver (dual=False): binary and multiclass, class and sample weights.
record("iris_primal", "iris", dual=False)
record("iris_weighted_per_class_primal", "iris", C=2.0, class_weight={0: 1.0, 1: 2.0, 2: 0.5}, sample_weight=True,
       dual=False)
record("iris_no_intercept_primal", "iris", C=0.3, fit_intercept=False, dual=False)
record("breast_cancer_primal", "breast_cancer", C=0.1, dual=False)
record("breast_cancer_balanced_weighted_primal", "breast_cancer", C=0.5, class_weight="balanced",
       sample_weight=True, dual=False)
record("breast_cancer_intercept_scaling_primal", "breast_cancer", C=3.0, intercept_scaling=10.0, dual=False)

out = {
    "sklearn_version": sklearn.__version__,
    "split": "train: i % 4 != 0, test: i % 4 == 0",
    "sample_weight_formula": "0.5 + 0.25 * (i % 5) over the training rows",
    "tol": TOL,
    "max_iter": MAX_ITER,
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "linear_svc.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
for name, case in cases.items():
    print(f"{name}: n_iter={case['n_iter']} accuracy={case['test_accuracy']:.4f}")
