"""Reference trees and forests with missing values (tests/fixtures/forest_missing.json).

Run from the repository root: python3 tools/reference/forest_missing.py
Versions pinned in tools/reference/requirements.txt.

About 10% NaN is injected (seeded) in some features of iris and breast
cancer; the positions are stored, so the Rust test rebuilds the same data.
Recorded per dataset:
- `DecisionTreeClassifier(max_depth=3)` on all rows, for several seeds (a
  tie between two features is broken by the seed): its nodes (feature,
  threshold, missing_go_to_left, children, n_node_samples) and predictions;
- the fully grown tree on all rows, for several seeds (scikit-learn breaks
  ties between equally good splits by its random feature order, so the
  seeds differ in deep nodes): n_leaves, depth, predictions;
- both trees' predictions on "probe" rows: the data with a further 20% NaN
  in every feature (so NaN also reaches nodes that saw none in training);
- RandomForestClassifier / ExtraTreesClassifier (100 trees) test accuracy on
  the fixed 70/30 split of forest.json, for several seeds, and their mean;
- a depth-3 `DecisionTreeRegressor` of iris petal width on the other three
  features (with NaN): nodes and predictions on the probe rows.
"""
import json
import os
import re

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

assert sklearn.__version__ == "1.9.1", sklearn.__version__

SEEDS = list(range(5))


def inject(X, features, fraction, seed):
    """NaN in about `fraction` of the rows of each of `features`; returns the copy and the positions."""
    rng = np.random.RandomState(seed)
    X = X.copy()
    positions = []
    for j in features:
        rows = np.flatnonzero(rng.rand(X.shape[0]) < fraction)
        X[rows, j] = np.nan
        positions.extend([int(i), int(j)] for i in rows)
    return X, sorted(positions)


def nodes(tree):
    t = tree.tree_
    return {
        "feature": [int(v) for v in t.feature],
        "threshold": [float(v) for v in t.threshold],
        "missing_go_to_left": [int(v) for v in t.missing_go_to_left],
        "children_left": [int(v) for v in t.children_left],
        "children_right": [int(v) for v in t.children_right],
        "n_node_samples": [int(v) for v in t.n_node_samples],
    }


out = {"sklearn_version": sklearn.__version__, "seeds": SEEDS, "datasets": {}}
for name, loader, features in [
    ("iris", load_iris, [0, 2, 3]),
    ("breast_cancer", load_breast_cancer, [0, 7, 20, 22, 27]),
]:
    X, y = loader(return_X_y=True)
    Xn, positions = inject(X, features, 0.1, 0)
    Xp, probe_positions = inject(Xn, range(X.shape[1]), 0.2, 1)
    shallow = [DecisionTreeClassifier(max_depth=3, random_state=s).fit(Xn, y) for s in SEEDS]
    full = [DecisionTreeClassifier(random_state=s).fit(Xn, y) for s in SEEDS]
    idx = np.arange(len(y))
    train, test = train_test_split(idx, test_size=0.3, random_state=0, stratify=y)
    forests = [RandomForestClassifier(n_estimators=100, random_state=s, n_jobs=2).fit(Xn[train], y[train]) for s in SEEDS]
    extra = [ExtraTreesClassifier(n_estimators=100, random_state=s, n_jobs=2).fit(Xn[train], y[train]) for s in SEEDS]
    out["datasets"][name] = {
        "nan_positions": positions,
        "probe_nan_positions": probe_positions,
        "depth3": [nodes(t) for t in shallow],
        "depth3_predict": [[int(v) for v in t.predict(Xn)] for t in shallow],
        "depth3_predict_probe": [[int(v) for v in t.predict(Xp)] for t in shallow],
        "full_n_leaves": [int(t.get_n_leaves()) for t in full],
        "full_depth": [int(t.get_depth()) for t in full],
        "full_predict_probe": [[int(v) for v in t.predict(Xp)] for t in full],
        "test_indices": sorted(int(i) for i in test),
        "forest_test_accuracy": [float(f.score(Xn[test], y[test])) for f in forests],
        "forest_test_accuracy_mean": float(np.mean([f.score(Xn[test], y[test]) for f in forests])),
        "extra_trees_test_accuracy": [float(f.score(Xn[test], y[test])) for f in extra],
        "extra_trees_test_accuracy_mean": float(np.mean([f.score(Xn[test], y[test]) for f in extra])),
    }

iris = load_iris()
Xr, positions = inject(iris.data[:, :3], [0, 1, 2], 0.1, 2)
Xrp, probe_positions = inject(Xr, [0, 1, 2], 0.2, 3)
reg = DecisionTreeRegressor(max_depth=3, random_state=0).fit(Xr, iris.data[:, 3])
out["regressor"] = {
    "nan_positions": positions,
    "probe_nan_positions": probe_positions,
    "depth3": nodes(reg),
    "value": [float(v) for v in reg.tree_.value[:, 0, 0]],
    "predict_probe": [float(v) for v in reg.predict(Xrp)],
    "export_text": export_text(reg),
}

path = os.path.join("tests", "fixtures", "forest_missing.json")
with open(path, "w") as fh:
    # One line per list of numbers: the file stays short and diffable.
    text = json.dumps(out, indent=1)
    text = re.sub(r"\[[-0-9.e,\s]*\]", lambda m: re.sub(r"\s+", "", m.group(0)).replace(",", ", "), text)
    fh.write(text)
print("wrote", path)
for name, d in out["datasets"].items():
    print(name, "full tree leaves", d["full_n_leaves"], "depth", d["full_depth"], "forest", d["forest_test_accuracy_mean"],
          "extra trees", d["extra_trees_test_accuracy_mean"])
print(out["regressor"]["export_text"])
