"""Reference values for SVR (tests/fixtures/svr.json).

Run from the repository root: python3 tools/reference/svr.py
Versions pinned in tools/reference/requirements.txt.

The data are not stored: regression targets are columns of bundled datasets,
predicted from the other columns standardised with StandardScaler (the Rust
test uses learnkit's, whose transform is scikit-learn's):
- wine: alcohol (column 0) from the 12 other columns;
- breast_cancer: mean texture (column 1) from the 29 other columns.
Rows i % 4 != 0 train, rows i % 4 == 0 test. Sample weights follow a formula
both sides compute (with zeros, which drop rows).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_wine
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

assert sklearn.__version__ == "1.9.1", sklearn.__version__


def formula_weights(n):
    """0, 0.25, 0.5, 0.75, 1.0, repeating."""
    return 0.25 * (np.arange(n) % 5)


def regression(data, target_column):
    rest = [j for j in range(data.shape[1]) if j != target_column]
    return StandardScaler().fit_transform(data[:, rest]), data[:, target_column]


datasets = {
    "wine": regression(load_wine().data, 0),
    "breast_cancer": regression(load_breast_cancer().data, 1),
}

cases = {}


def record(name, dataset, kernel="rbf", C=1.0, epsilon=0.1, gamma="scale", degree=3, coef0=0.0,
           sample_weight=False):
    X, y = datasets[dataset]
    idx = np.arange(len(y))
    train, test = idx % 4 != 0, idx % 4 == 0
    Xtr, ytr, Xte = X[train], y[train], X[test]
    sw = formula_weights(len(ytr)) if sample_weight else None
    model = SVR(kernel=kernel, C=C, epsilon=epsilon, gamma=gamma, degree=degree, coef0=coef0)
    model.fit(Xtr, ytr, sample_weight=sw)
    cases[name] = {
        "dataset": dataset,
        "kernel": kernel,
        "C": C,
        "epsilon": epsilon,
        "gamma": gamma if isinstance(gamma, str) else float(gamma),
        "degree": degree,
        "coef0": coef0,
        "sample_weight": "formula" if sample_weight else None,
        "support": model.support_.tolist(),
        "dual_coef": model.dual_coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "predict": model.predict(Xte).tolist(),
        "test_r2": float(model.score(Xte, y[test])),
    }


record("wine_rbf", "wine")
record("wine_linear", "wine", kernel="linear", C=0.5)
record("wine_poly", "wine", kernel="poly", gamma="auto", degree=3, coef0=1.0)
record("wine_rbf_epsilon", "wine", C=10.0, epsilon=0.5)
record("wine_rbf_weighted", "wine", C=3.0, sample_weight=True)
record("breast_cancer_rbf_c10", "breast_cancer", C=10.0)
record("breast_cancer_rbf_epsilon0", "breast_cancer", epsilon=0.0, gamma=0.02)

out = {
    "sklearn_version": sklearn.__version__,
    "split": "train: i % 4 != 0, test: i % 4 == 0",
    "sample_weight_formula": "0.25 * (i % 5) over the training rows",
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "svr.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
for name, case in cases.items():
    print(f"{name}: n_sv={len(case['support'])} intercept={case['intercept'][0]:.4f} r2={case['test_r2']:.4f}")
