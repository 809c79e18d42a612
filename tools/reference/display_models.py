"""Reference values for the model displays (tests/fixtures/display_models.json).

Run from the repository root: python3 tools/reference/display_models.py
Versions pinned in tools/reference/requirements.txt. matplotlib is not
needed: the data side of each display is computed with the same helpers
scikit-learn's displays call.

- DecisionBoundaryDisplay: the grid (np.linspace between min - eps and
  max + eps, np.meshgrid) and the response of a DecisionTreeClassifier
  (max_features None, so learnkit's exact splitter grows the same tree) with
  `predict` (class indices) and `predict_proba` (multiclass: every column;
  binary: the positive class's column).
- plot_tree: the node texts of `_MPLTreeExporter.node_to_str`, the fill
  colours of `get_fill_color`, and the Buchheim layout (`buchheim` in
  `sklearn/tree/_reingold_tilford.py`) that `plot_tree` draws, for a full
  and a depth-truncated tree, and a regression tree.
- PartialDependenceDisplay: the deciles drawn as ticks.
- LearningCurveDisplay / ValidationCurveDisplay: the training sizes and
  scores of `learning_curve` / `validation_curve` on LinearRegression and
  Ridge with KFold(5) (closed forms, so learnkit's scores agree to
  rounding), and the x-scale the display picks (`_interval_max_min_ratio`).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import KFold, learning_curve, validation_curve
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from sklearn.tree._export import _MPLTreeExporter
from sklearn.tree._reingold_tilford import buchheim
from sklearn.utils._plotting import _interval_max_min_ratio
from scipy.stats.mstats import mquantiles

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(19)

# Two continuous features (no ties between candidate splits), three classes.
X = rng.randn(60, 2) * np.array([1.5, 0.7]) + np.array([0.3, -1.0])
score = X[:, 0] + 1.3 * X[:, 1] + 0.4 * rng.randn(60)
y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
y_binary = (X[:, 0] * X[:, 1] + 0.3 * rng.randn(60) > 0).astype(int)

out = {"sklearn_version": sklearn.__version__, "X": X.tolist(), "y": y.tolist(), "y_binary": y_binary.tolist()}


def grid(X, grid_resolution, eps):
    """DecisionBoundaryDisplay.from_estimator's grid, line for line."""
    x0, x1 = X[:, 0], X[:, 1]
    x0_min, x0_max = x0.min() - eps, x0.max() + eps
    x1_min, x1_max = x1.min() - eps, x1.max() + eps
    xx0, xx1 = np.meshgrid(
        np.linspace(x0_min, x0_max, grid_resolution),
        np.linspace(x1_min, x1_max, grid_resolution),
    )
    return xx0, xx1


# min_samples_leaf=3: no node has two equally good splits (a tie is broken by
# each library's feature order, so tied trees would differ).
tree = DecisionTreeClassifier(max_depth=4, min_samples_leaf=3, random_state=0).fit(X, y)
tree_binary = DecisionTreeClassifier(max_depth=3, min_samples_leaf=3, random_state=0).fit(X, y_binary)

boundary = {}
xx0, xx1 = grid(X, 100, 1.0)
boundary["default"] = {
    "grid_resolution": 100,
    "eps": 1.0,
    "x0": xx0[0].tolist(),
    "x1": xx1[:, 0].tolist(),
    "predict": tree.predict(np.c_[xx0.ravel(), xx1.ravel()]).reshape(xx0.shape).tolist(),
}
xx0, xx1 = grid(X, 17, 0.25)
grid_points = np.c_[xx0.ravel(), xx1.ravel()]
boundary["proba"] = {
    "grid_resolution": 17,
    "eps": 0.25,
    "x0": xx0[0].tolist(),
    "x1": xx1[:, 0].tolist(),
    "predict_proba": tree.predict_proba(grid_points).reshape(*xx0.shape, 3).tolist(),
    "binary_predict_proba": tree_binary.predict_proba(grid_points)[:, 1].reshape(xx0.shape).tolist(),
}
out["boundary"] = boundary


def plot_tree_data(model, **kwargs):
    """What plot_tree draws, without matplotlib: each shown node's text, fill
    colour and (x, y) in the Buchheim layout, in drawing order (preorder)."""
    exporter = _MPLTreeExporter(**kwargs)
    drawn = buchheim(exporter._make_tree(0, model.tree_, model.criterion))
    max_x, max_y = drawn.max_extents() + 1
    nodes = []

    def walk(node, depth):
        shown = exporter.max_depth is None or depth <= exporter.max_depth
        nodes.append({
            "node_id": int(node.tree.node_id),
            "x": float(node.x),
            "y": float(node.y),
            "shown": bool(shown),
            "text": node.tree.label,
            "fill": exporter.get_fill_color(model.tree_, node.tree.node_id) if kwargs.get("filled") else None,
        })
        if shown:
            for child in node.children:
                walk(child, depth + 1)

    walk(drawn, 0)
    return {"max_x": float(max_x), "max_y": float(max_y), "nodes": nodes}


regression_tree = DecisionTreeRegressor(max_depth=3, min_samples_leaf=3, random_state=0).fit(X, score)
# The same tree whatever the seed: no tied splits.
for seed in range(20):
    other = DecisionTreeRegressor(max_depth=3, min_samples_leaf=3, random_state=seed).fit(X, score)
    assert (other.tree_.feature == regression_tree.tree_.feature).all() and np.allclose(other.tree_.threshold, regression_tree.tree_.threshold), seed
out["regression_target"] = score.tolist()
out["plot_tree"] = {
    "default": plot_tree_data(tree),
    "depth1_named_filled": {
        **plot_tree_data(tree, max_depth=1, feature_names=["width", "height"],
                         class_names=["low", "mid", "high"], filled=True),
        "max_depth": 1,
    },
    "proportion": plot_tree_data(tree, proportion=True, precision=2, impurity=False),
    "regression_filled": plot_tree_data(regression_tree, filled=True),
    "binary_depth0": {**plot_tree_data(tree_binary, max_depth=0, filled=True), "max_depth": 0},
}

# Learning and validation curves on closed-form models.
Xr = rng.randn(50, 3)
yr = Xr @ np.array([1.0, -2.0, 0.5]) + 0.7 + 0.5 * rng.randn(50)
out["regression"] = {"X": Xr.tolist(), "y": yr.tolist()}
sizes, train_scores, test_scores = learning_curve(LinearRegression(), Xr, yr, cv=KFold(5))
out["learning_curve"] = {
    "train_sizes": sizes.tolist(),
    "train_scores": train_scores.tolist(),
    "test_scores": test_scores.tolist(),
    "xscale_log": bool(_interval_max_min_ratio(sizes) > 5),
}
param_range = np.logspace(-3, 3, 7)
train_scores, test_scores = validation_curve(
    Ridge(), Xr, yr, param_name="alpha", param_range=param_range, cv=KFold(5))
out["validation_curve"] = {
    "param_range": param_range.tolist(),
    "train_scores": train_scores.tolist(),
    "test_scores": test_scores.tolist(),
    "xscale_log": bool(_interval_max_min_ratio(param_range) > 5),
    "linear_range": [1.0, 2.0, 3.0, 4.5],
    "linear_range_xscale_log": bool(_interval_max_min_ratio(np.array([1.0, 2.0, 3.0, 4.5])) > 5),
}

# PartialDependenceDisplay's decile ticks (scipy's mquantiles, as scikit-learn calls it).
out["deciles"] = [mquantiles(X[:, j], prob=np.arange(0.1, 1.0, 0.1)).tolist() for j in range(2)]

path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "display_models.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(f"written to {os.path.normpath(path)}")
