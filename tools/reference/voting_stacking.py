"""Reference values for VotingClassifier, VotingRegressor, StackingClassifier
and StackingRegressor (tests/fixtures/voting_stacking.json).

Run from the repository root: python3 tools/reference/voting_stacking.py
Versions pinned in tools/reference/requirements.txt.

The base estimators are ones whose fits are the same in both libraries
(GaussianNB, k-NN, a depth-limited decision tree on continuous features,
LinearRegression, Ridge), so voting outputs and the stacked features of
new rows agree to rounding. Stacking leaves the tree out (see below). Stacking uses an explicit KFold without
shuffling, so the out-of-fold features are the same; its final estimator
(LogisticRegression, RidgeCV, LinearRegression) is compared through its
coefficients and outputs. The small random data are stored in the fixture.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.ensemble import (
    StackingClassifier,
    StackingRegressor,
    VotingClassifier,
    VotingRegressor,
)
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge, RidgeCV
from sklearn.model_selection import KFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(19)


def classification(n, n_classes):
    y = rng.randint(0, n_classes, n)
    X = rng.randn(n, 4) + y[:, None] * np.array([1.2, -0.8, 0.5, 0.0])
    return X, y


def regression(n):
    X = rng.randn(n, 4) * np.array([1.0, 2.0, 0.5, 1.5])
    y = X @ np.array([1.0, -2.0, 0.5, 0.0]) + np.sin(2 * X[:, 0]) + 0.3 * rng.randn(n)
    return X, y


def classifiers():
    return [
        ("nb", GaussianNB()),
        ("knn", KNeighborsClassifier(n_neighbors=5)),
        ("tree", DecisionTreeClassifier(max_depth=3, random_state=0)),
    ]


def regressors():
    return [
        ("ols", LinearRegression()),
        ("ridge", Ridge(alpha=2.0)),
        ("knn", KNeighborsRegressor(n_neighbors=4)),
        ("tree", DecisionTreeRegressor(max_depth=3, random_state=0)),
    ]


# Stacking leaves the trees out: fitted on the small training folds, a tree
# meets ties between features that scikit-learn breaks by its random feature
# order (the out-of-fold outputs change with random_state), so the two
# libraries' folds could differ.
def stacking_classifiers():
    return classifiers()[:2]


def stacking_regressors():
    return regressors()[:3]


X3, y3 = classification(60, 3)
X3_test, _ = classification(20, 3)
X2, y2 = classification(50, 2)
X2_test, _ = classification(20, 2)
Xr, yr = regression(60)
Xr_test, _ = regression(20)

cases = []

for voting, weights in [("hard", None), ("hard", [1.0, 2.0, 1.0]), ("soft", None), ("soft", [2.0, 1.0, 0.5])]:
    model = VotingClassifier(classifiers(), voting=voting, weights=weights).fit(X3, y3)
    case = {
        "kind": "voting_classifier",
        "name": f"voting_{voting}_{'weighted' if weights else 'equal'}",
        "voting": voting,
        "weights": weights,
        "data": "three_classes",
        "predict": model.predict(X3_test).tolist(),
        "transform": model.transform(X3_test).tolist(),
    }
    if voting == "soft":
        case["predict_proba"] = model.predict_proba(X3_test).tolist()
    cases.append(case)

for weights in [None, [1.0, 0.5, 2.0, 1.0]]:
    model = VotingRegressor(regressors(), weights=weights).fit(Xr, yr)
    cases.append(
        {
            "kind": "voting_regressor",
            "name": f"voting_regressor_{'weighted' if weights else 'equal'}",
            "weights": weights,
            "data": "regression",
            "predict": model.predict(Xr_test).tolist(),
            "transform": model.transform(Xr_test).tolist(),
        }
    )

for data, stack_method, passthrough in [
    ("three_classes", "auto", False),
    ("three_classes", "predict", False),
    ("two_classes", "auto", True),
]:
    X, y, X_test = (X3, y3, X3_test) if data == "three_classes" else (X2, y2, X2_test)
    model = StackingClassifier(
        stacking_classifiers(),
        final_estimator=LogisticRegression(tol=1e-10, max_iter=10000),
        cv=KFold(3),
        stack_method=stack_method,
        passthrough=passthrough,
    ).fit(X, y)
    cases.append(
        {
            "kind": "stacking_classifier",
            "name": f"stacking_{data}_{stack_method}{'_passthrough' if passthrough else ''}",
            "data": data,
            "stack_method": stack_method,
            "passthrough": passthrough,
            "stack_methods": list(model.stack_method_),
            "transform": model.transform(X_test).tolist(),
            "final_coef": model.final_estimator_.coef_.tolist(),
            "final_intercept": model.final_estimator_.intercept_.tolist(),
            "predict": model.predict(X_test).tolist(),
            "predict_proba": model.predict_proba(X_test).tolist(),
        }
    )

for final, passthrough in [("ridgecv", False), ("linear", True)]:
    final_estimator = RidgeCV() if final == "ridgecv" else LinearRegression()
    model = StackingRegressor(
        stacking_regressors(), final_estimator=final_estimator, cv=KFold(4), passthrough=passthrough
    ).fit(Xr, yr)
    cases.append(
        {
            "kind": "stacking_regressor",
            "name": f"stacking_regressor_{final}{'_passthrough' if passthrough else ''}",
            "data": "regression",
            "final": final,
            "passthrough": passthrough,
            "transform": model.transform(Xr_test).tolist(),
            "final_coef": np.ravel(model.final_estimator_.coef_).tolist(),
            "final_intercept": float(model.final_estimator_.intercept_),
            "predict": model.predict(Xr_test).tolist(),
        }
    )

fixture = {
    "sklearn_version": sklearn.__version__,
    "data": {
        "three_classes": {"X": X3.tolist(), "y": y3.tolist(), "X_test": X3_test.tolist()},
        "two_classes": {"X": X2.tolist(), "y": y2.tolist(), "X_test": X2_test.tolist()},
        "regression": {"X": Xr.tolist(), "y": yr.tolist(), "X_test": Xr_test.tolist()},
    },
    "cases": cases,
}

out = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "voting_stacking.json")
with open(out, "w") as f:
    json.dump(fixture, f, indent=1)
print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")
