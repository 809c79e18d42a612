"""Reference values for model selection (tests/fixtures/model_selection.json).

Run from the repository root: python3 tools/reference/model_selection.py
Versions pinned in tools/reference/requirements.txt.

Split indices of every splitter whose output is deterministic (no shuffle),
cross_val_score of LogisticRegression on iris with StratifiedKFold(5), and the
results of a small GridSearchCV. Logistic fits are tight (tol=1e-10,
max_iter=10000) so that both solvers reach the optimum.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GridSearchCV,
    GroupKFold,
    KFold,
    StratifiedKFold,
    TimeSeriesSplit,
    cross_val_score,
)

assert sklearn.__version__ == "1.9.1", sklearn.__version__


def folds(splitter, n, y=None, groups=None):
    X = np.zeros((n, 1))
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(X, y, groups)]


# Labels out of sorted order, so that first-appearance numbering matters.
y_strat = [2, 0, 0, 1, 2, 2, 0, 1, 2, 2, 0, 1, 1, 2, 0, 2, 2]
groups = [5, 5, 1, 1, 1, 3, 3, 7, 2, 2, 2, 2, 4, 6, 6, 6, 0]

splits = {
    "kfold_3_10": {"n": 10, "folds": folds(KFold(3), 10)},
    "kfold_4_11": {"n": 11, "folds": folds(KFold(4), 11)},
    "stratified_3": {"y": y_strat, "n_splits": 3, "folds": folds(StratifiedKFold(3), len(y_strat), y_strat)},
    "stratified_4": {"y": y_strat, "n_splits": 4, "folds": folds(StratifiedKFold(4), len(y_strat), y_strat)},
    "group_3": {"groups": groups, "n_splits": 3, "folds": folds(GroupKFold(3), len(groups), None, groups)},
    "group_4": {"groups": groups, "n_splits": 4, "folds": folds(GroupKFold(4), len(groups), None, groups)},
}
time_series = []
for n, kw in [
    (12, {}),
    (13, {"n_splits": 3}),
    (12, {"n_splits": 3, "gap": 1}),
    (20, {"n_splits": 4, "max_train_size": 5}),
    (20, {"n_splits": 3, "test_size": 2, "gap": 2}),
]:
    time_series.append({"n": n, "params": kw, "folds": folds(TimeSeriesSplit(**kw), n)})

iris = load_iris()
X, y = iris.data, iris.target
lr = LogisticRegression(tol=1e-10, max_iter=10000)
cv = StratifiedKFold(5)
cvs_accuracy = cross_val_score(lr, X, y, cv=cv).tolist()
cvs_log_loss = cross_val_score(lr, X, y, cv=cv, scoring="neg_log_loss").tolist()

Cs = [0.01, 0.1, 1.0, 10.0]
gs = GridSearchCV(lr, {"C": Cs}, cv=cv, scoring="neg_log_loss").fit(X, y)
grid = {
    "Cs": Cs,
    "mean_test_score": gs.cv_results_["mean_test_score"].tolist(),
    "std_test_score": gs.cv_results_["std_test_score"].tolist(),
    "rank_test_score": gs.cv_results_["rank_test_score"].tolist(),
    "split0_test_score": gs.cv_results_["split0_test_score"].tolist(),
    "best_index": int(gs.best_index_),
    "best_score": float(gs.best_score_),
}

from sklearn.linear_model import LogisticRegressionCV

lrcv = LogisticRegressionCV(Cs=6, cv=StratifiedKFold(5), tol=1e-10, max_iter=10000).fit(X, y)
lrcv_loss = LogisticRegressionCV(
    Cs=[0.01, 0.1, 1.0, 10.0], cv=StratifiedKFold(5), scoring="neg_log_loss", tol=1e-10, max_iter=10000
).fit(X, y)
logistic_cv = {
    "accuracy": {
        "Cs": lrcv.Cs_.tolist(),
        "C": float(lrcv.C_[0]),
        "scores": lrcv.scores_[0].tolist(),
        "coef": lrcv.coef_.tolist(),
        "intercept": lrcv.intercept_.tolist(),
    },
    "neg_log_loss": {
        "Cs": lrcv_loss.Cs_.tolist(),
        "C": float(lrcv_loss.C_[0]),
        "scores": lrcv_loss.scores_[0].tolist(),
        "coef": lrcv_loss.coef_.tolist(),
    },
}

out = {
    "sklearn_version": sklearn.__version__,
    "splits": splits,
    "time_series": time_series,
    "cross_val_score_iris_accuracy": cvs_accuracy,
    "cross_val_score_iris_neg_log_loss": cvs_log_loss,
    "grid_search_iris": grid,
    "logistic_cv_iris": logistic_cv,
}
path = os.path.join("tests", "fixtures", "model_selection.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
