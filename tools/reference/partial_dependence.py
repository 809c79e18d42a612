"""Reference values for inspection::partial_dependence
(tests/fixtures/partial_dependence.json).

Run from the repository root: python3 tools/reference/partial_dependence.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random, stored in the fixture itself (rounded to
float32 values, as scikit-learn's trees see them, so both libraries grow the
same trees; JSON floats round-trip exactly). Models that both libraries fit
identically: LinearRegression (closed form) for the brute method, the grid
(linspace between mquantiles, or the unique values), pairs, categorical
features, custom values and sample weights; DecisionTreeRegressor (exact
splitter, all features) for brute and recursion; DecisionTreeClassifier for
predict_proba (binary: the positive class only; three classes).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.inspection import partial_dependence
from sklearn.linear_model import LinearRegression
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(19)
n = 60
X = rng.randn(n, 4) * np.array([1.0, 2.0, 0.5, 1.0]) + np.array([0.0, 1.0, -1.0, 0.0])
X[:, 3] = rng.randint(0, 4, n)  # a small-integer column (categorical-like)
X = X.astype(np.float32).astype(np.float64)
y = np.sin(X[:, 0]) * 2 + X[:, 1] * X[:, 2] + 0.5 * X[:, 3] + 0.1 * rng.randn(n)
y_bin = (X[:, 0] + 0.5 * X[:, 1] + 0.3 * rng.randn(n) > 0.5).astype(int)
y_multi = np.digitize(X[:, 0] + 0.3 * X[:, 2], [-0.5, 0.5])
sw = rng.uniform(0.2, 3.0, n)
sw[::9] = 0.0

models = {
    "linear": LinearRegression().fit(X, y),
    "tree": DecisionTreeRegressor(max_depth=5, random_state=0).fit(X, y),
    "tree_binary": DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y_bin),
    "tree_multi": DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y_multi),
}

cases = {}


def case(name, model, features, **kw):
    out = partial_dependence(models[model], X, features, **{k: v for k, v in kw.items() if k != "weighted"},
                             **({"sample_weight": sw} if kw.get("weighted") else {}))
    entry = {
        "model": model,
        "features": list(features),
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items() if k != "custom_values"},
        "grid_values": [g.tolist() for g in out["grid_values"]],
    }
    if "custom_values" in kw:
        entry["params"]["custom_values"] = {str(k): list(v) for k, v in kw["custom_values"].items()}
    if "average" in out:
        entry["average"] = out["average"].tolist()
        entry["average_shape"] = list(out["average"].shape)
    if "individual" in out:
        entry["individual"] = out["individual"].tolist()
        entry["individual_shape"] = list(out["individual"].shape)
    cases[name] = entry


case("linear_linspace_both", "linear", [0], grid_resolution=20, kind="both")
case("linear_uniques", "linear", [1])  # 60 distinct values < 100: the uniques
case("linear_pair", "linear", [1, 2], grid_resolution=8, percentiles=(0.1, 0.9))
case("linear_categorical", "linear", [3], grid_resolution=2, categorical_features=[3], kind="both")
case("linear_weighted", "linear", [2], grid_resolution=10, weighted=True)
case("linear_custom", "linear", [0], custom_values={0: [-1.0, 0.25, 3.0]})
case("tree_recursion", "tree", [0], grid_resolution=15, method="recursion")
case("tree_recursion_pair", "tree", [0, 2], grid_resolution=6, method="recursion")
case("tree_brute_both", "tree", [1], grid_resolution=12, method="brute", kind="both")
case("tree_binary_proba", "tree_binary", [0], grid_resolution=10, kind="both")
case("tree_multi_proba", "tree_multi", [2], grid_resolution=7, kind="both")

fixture = {
    "sklearn_version": sklearn.__version__,
    "X": X.tolist(),
    "y": y.tolist(),
    "y_bin": y_bin.tolist(),
    "y_multi": y_multi.tolist(),
    "sample_weight": sw.tolist(),
    "cases": cases,
}
path = os.path.join("tests", "fixtures", "partial_dependence.json")
with open(path, "w") as f:
    json.dump(fixture, f)
print(f"wrote {path}: {len(cases)} cases")
