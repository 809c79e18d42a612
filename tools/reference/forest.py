"""Reference accuracies for trees and forests (tests/fixtures/forest.json).

Run from the repository root: python3 tools/reference/forest.py
Versions pinned in tools/reference/requirements.txt.

For iris, breast cancer and digits (the bundled datasets, same row order as
learnkit's loaders), a fixed stratified 70/30 split is stored as test-row
indices. Recorded per dataset: scikit-learn's DecisionTreeClassifier
(fully grown) number of leaves, depth and training accuracy for several seeds,
its test accuracy averaged over seeds, the depth-3 tree's root split, and
RandomForestClassifier(n_estimators=100) and ExtraTreesClassifier(n_estimators=100)
test accuracy for several seeds and their mean.

Also the exact `sklearn.tree.export_text` output of trees fitted on the whole
of iris (see "export_text" below).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits, load_iris
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

assert sklearn.__version__ == "1.9.1", sklearn.__version__

SEEDS = list(range(5))
out = {"sklearn_version": sklearn.__version__, "seeds": SEEDS, "datasets": {}}
for name, loader in [("iris", load_iris), ("breast_cancer", load_breast_cancer), ("digits", load_digits)]:
    X, y = loader(return_X_y=True)
    idx = np.arange(len(y))
    train, test = train_test_split(idx, test_size=0.3, random_state=0, stratify=y)
    Xtr, ytr, Xte, yte = X[train], y[train], X[test], y[test]
    trees = [DecisionTreeClassifier(random_state=s).fit(Xtr, ytr) for s in SEEDS]
    forests = [RandomForestClassifier(n_estimators=100, random_state=s, n_jobs=2).fit(Xtr, ytr) for s in SEEDS]
    extra = [ExtraTreesClassifier(n_estimators=100, random_state=s, n_jobs=2).fit(Xtr, ytr) for s in SEEDS]
    shallow = DecisionTreeClassifier(max_depth=3, random_state=0).fit(Xtr, ytr)
    max_distinct = int(max(len(np.unique(X[:, j])) for j in range(X.shape[1])))
    out["datasets"][name] = {
        "test_indices": sorted(int(i) for i in test),
        "max_distinct_values": max_distinct,
        "tree_n_leaves": [int(t.get_n_leaves()) for t in trees],
        "tree_depth": [int(t.get_depth()) for t in trees],
        "tree_train_accuracy": [float(t.score(Xtr, ytr)) for t in trees],
        "tree_test_accuracy": [float(t.score(Xte, yte)) for t in trees],
        "tree_test_accuracy_mean": float(np.mean([t.score(Xte, yte) for t in trees])),
        "depth3_root_feature": int(shallow.tree_.feature[0]),
        "depth3_root_threshold": float(shallow.tree_.threshold[0]),
        "depth3_train_accuracy": float(shallow.score(Xtr, ytr)),
        "forest_test_accuracy": [float(f.score(Xte, yte)) for f in forests],
        "forest_test_accuracy_mean": float(np.mean([f.score(Xte, yte) for f in forests])),
        "extra_trees_test_accuracy": [float(f.score(Xte, yte)) for f in extra],
        "extra_trees_test_accuracy_mean": float(np.mean([f.score(Xte, yte) for f in extra])),
    }

# export_text on the whole of iris: a depth-2 classifier with feature names,
# the depth-3 classifier printed to depth 1 with weights (truncation), and a
# depth-2 regressor of petal width on the other three features.
iris = load_iris()
X, y = iris.data, iris.target
clf2 = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X, y)
clf3 = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
reg2 = DecisionTreeRegressor(max_depth=2, random_state=0).fit(X[:, :3], X[:, 3])
out["export_text"] = {
    "classifier_depth2_named": export_text(clf2, feature_names=list(iris.feature_names)),
    "classifier_depth3_max_depth1_weights": export_text(clf3, max_depth=1, show_weights=True),
    "regressor_depth2": export_text(reg2),
    "feature_names": list(iris.feature_names),
}

path = os.path.join("tests", "fixtures", "forest.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote", path)
for name, d in out["datasets"].items():
    print(name, "tree", d["tree_test_accuracy_mean"], d["tree_n_leaves"], "forest", d["forest_test_accuracy_mean"],
          "extra trees", d["extra_trees_test_accuracy_mean"])
