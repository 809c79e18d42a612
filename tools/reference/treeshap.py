"""Reference TreeSHAP values from the `shap` package's TreeExplainer
(tests/fixtures/treeshap.json) for scikit-learn decision trees, which
learnkit's exact splitter reproduces (the test checks the predictions agree).

Run from the repository root: python3 tools/reference/treeshap.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random and stored in the fixture. Feature values are
float32 numbers (scikit-learn's trees, and shap with them, compare float32
features), so both libraries see the same rows. Each tree is checked to be
the same for 20 values of random_state (no ties between equally good splits,
which the two libraries' different draws would break differently). Cases: a
regressor of depth 5, a depth-5 regressor with integer sample weights (the cover is
the weighted sample count), a three-class classifier (shap explains
predict_proba, one set of values per class) and a two-class one with few
leaves (max_leaf_nodes). Each case explains its training rows and rows drawn
afresh; the interaction values (`shap_interaction_values`, one
n_features x n_features matrix per row and output) cover the first
INTERACTION_ROWS of those rows, to keep the fixture small.
"""
import json
import os

import numpy as np
import shap
import sklearn
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

assert sklearn.__version__ == "1.9.1", sklearn.__version__
assert shap.__version__ == "0.51.0", shap.__version__

rng = np.random.RandomState(19)
INTERACTION_ROWS = 30


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def data(n, p):
    return f32(rng.randn(n, p) * rng.uniform(0.5, 2.0, p))


cases = []


def structure(model):
    t = model.tree_
    return (t.feature.tolist(), t.threshold.tolist(), t.children_left.tolist())


def add(name, model, X, y, X_test, sample_weight=None):
    # A tree without ties between equally good splits: scikit-learn's is then
    # the same for every random_state, and learnkit's exact splitter (whose
    # draws differ) grows it too.
    trees = {str(structure(model.set_params(random_state=seed).fit(X, y, sample_weight=sample_weight)))
             for seed in range(20)}
    assert len(trees) == 1, f"{name}: the tree depends on random_state (ties between splits)"
    model.set_params(random_state=0).fit(X, y, sample_weight=sample_weight)
    rows = np.vstack([X, X_test])
    explainer = shap.TreeExplainer(model)
    values = np.asarray(explainer.shap_values(rows))
    expected = np.atleast_1d(np.asarray(explainer.expected_value, dtype=np.float64))
    if values.ndim == 2:
        values = values[:, :, None]
    if hasattr(model, "predict_proba"):
        output = model.predict_proba(rows)
    else:
        output = model.predict(rows)[:, None]
    # shap's own additivity, so that a fixture that breaks it is never written.
    assert np.allclose(values.sum(axis=1) + expected, output, rtol=0, atol=1e-12)
    interactions = np.asarray(explainer.shap_interaction_values(rows[:INTERACTION_ROWS]))
    if interactions.ndim == 3:
        interactions = interactions[..., None]
    # Each matrix row sums to the feature's SHAP value.
    assert np.allclose(interactions.sum(axis=2), values[:INTERACTION_ROWS], rtol=0, atol=1e-12)
    cases.append(
        {
            "name": name,
            "kind": "classifier" if hasattr(model, "predict_proba") else "regressor",
            "params": {k: v for k, v in model.get_params().items()
                       if k in ("max_depth", "max_leaf_nodes", "min_samples_leaf")},
            "X": X.tolist(),
            "y": y.tolist(),
            "sample_weight": None if sample_weight is None else sample_weight.tolist(),
            "rows": rows.tolist(),
            "output": output.tolist(),
            "node_count": int(model.tree_.node_count),
            "expected_value": expected.tolist(),
            "shap_values": values.tolist(),
            "shap_interaction_values": interactions.tolist(),
        }
    )


X = data(60, 5)
y = f32(X[:, 0] * 2 - X[:, 1] + 0.5 * X[:, 2] * X[:, 3] + 0.3 * rng.randn(60))
add("regressor_depth5", DecisionTreeRegressor(max_depth=5, min_samples_leaf=3), X, y, data(20, 5))

X = data(80, 6)
y = f32(np.sin(X[:, 0]) + X[:, 1] * X[:, 4] + 0.2 * rng.randn(80))
w = rng.randint(1, 4, 80).astype(np.float64)
add("regressor_weighted_depth5", DecisionTreeRegressor(max_depth=5, min_samples_leaf=5), X, y, data(20, 6), w)

X = data(90, 4)
y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int) + (X[:, 2] > 0.8).astype(int)
add("classifier_3_classes", DecisionTreeClassifier(max_depth=5, min_samples_leaf=2), X, y, data(20, 4))

X = data(70, 5)
y = (X[:, 0] * X[:, 3] + 0.3 * rng.randn(70) > 0).astype(int)
add("classifier_8_leaves", DecisionTreeClassifier(max_leaf_nodes=8), X, y, data(20, 5))

out = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "treeshap.json")
with open(out, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "shap": shap.__version__, "cases": cases}, f)
print("wrote", out, [(c["name"], c["node_count"]) for c in cases])
