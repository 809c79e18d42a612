"""Reference values for SVC (tests/fixtures/svm.json).

Run from the repository root: python3 tools/reference/svm.py
Versions pinned in tools/reference/requirements.txt.

The data are not stored: the Rust test loads the same bundled datasets and
standardises them (breast cancer, digits) with learnkit's StandardScaler,
whose transform is scikit-learn's. Rows i % 4 != 0 train, rows i % 4 == 0 test.
Sample weights follow a formula both sides compute.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits, load_iris
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

assert sklearn.__version__ == "1.9.1", sklearn.__version__


def formula_weights(n):
    """0.5, 0.75, ..., 1.5, repeating."""
    return 0.5 + 0.25 * (np.arange(n) % 5)


iris = load_iris()
cancer = load_breast_cancer()
digits = load_digits()
datasets = {
    "iris": (iris.data, iris.target),
    "breast_cancer": (StandardScaler().fit_transform(cancer.data), cancer.target),
    "digits": (StandardScaler().fit_transform(digits.data), digits.target),
}

cases = {}


def record(name, dataset, kernel="rbf", C=1.0, gamma="scale", degree=3, coef0=0.0, class_weight=None,
           sample_weight=False, decision_rows=(0, 1, 2, 3)):
    X, y = datasets[dataset]
    idx = np.arange(len(y))
    train, test = idx % 4 != 0, idx % 4 == 0
    Xtr, ytr, Xte = X[train], y[train], X[test]
    sw = formula_weights(len(ytr)) if sample_weight else None
    model = SVC(kernel=kernel, C=C, gamma=gamma, degree=degree, coef0=coef0, class_weight=class_weight)
    model.fit(Xtr, ytr, sample_weight=sw)
    ovo = SVC(kernel=kernel, C=C, gamma=gamma, degree=degree, coef0=coef0, class_weight=class_weight,
              decision_function_shape="ovo").fit(Xtr, ytr, sample_weight=sw)
    rows = list(decision_rows)
    cases[name] = {
        "dataset": dataset,
        "kernel": kernel,
        "C": C,
        "gamma": gamma if isinstance(gamma, str) else float(gamma),
        "degree": degree,
        "coef0": coef0,
        "class_weight": class_weight,
        "sample_weight": "formula" if sample_weight else None,
        "support": model.support_.tolist(),
        "n_support": model.n_support_.tolist(),
        "dual_coef": model.dual_coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "predict": model.predict(Xte).tolist(),
        "decision_rows": rows,
        "decision_ovr": np.atleast_2d(model.decision_function(Xte[rows]).T).T.tolist(),
        "decision_ovo": np.atleast_2d(ovo.decision_function(Xte[rows]).T).T.tolist(),
        "test_accuracy": float(model.score(Xte, y[test])),
    }


record("iris_rbf", "iris")
record("iris_linear", "iris", kernel="linear", C=0.5)
record("iris_poly", "iris", kernel="poly", gamma="auto", degree=3, coef0=1.0)
record("breast_cancer_sigmoid", "breast_cancer", kernel="sigmoid", gamma=0.01, coef0=0.0, C=2.0)
record("breast_cancer_rbf", "breast_cancer")
record("breast_cancer_balanced_weighted", "breast_cancer", C=3.0, class_weight="balanced", sample_weight=True)
record("digits_rbf", "digits")
record("digits_rbf_c10", "digits", C=10.0, gamma=0.01)

out = {
    "sklearn_version": sklearn.__version__,
    "split": "train: i % 4 != 0, test: i % 4 == 0",
    "sample_weight_formula": "0.5 + 0.25 * (i % 5) over the training rows",
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "svm.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
for name, case in cases.items():
    print(f"{name}: n_support={case['n_support']} accuracy={case['test_accuracy']:.4f}")
