"""Reference values for RadiusNeighborsClassifier / RadiusNeighborsRegressor
(tests/fixtures/radius_neighbors.json).

Run from the repository root: python3 tools/reference/radius_neighbors.py
Versions pinned in tools/reference/requirements.txt.

The data are small, random and continuous (no two distances equal), stored
in the fixture itself. Classes are 2, 5 and 9 (not their indices), so an
outlier label is told apart from a class index. The query rows include one
equal to a training row (distance zero: it takes all the weight with
weights="distance") and two far from every training row (outliers).

Cases: the classifier's predict_proba and predict for uniform / distance
weights, each algorithm, Euclidean and Manhattan, and outlier labels 7 (not
a class), 5 (a class) and "most_frequent". scikit-learn 1.9.1 computes
uniform + brute probabilities by a faster path that compares the outlier
label with class *indices* (so "most_frequent" and 5 get all-zero
probabilities there); those combinations are left out, since learnkit
follows the general path. The regressor's predictions for the same
settings; rows with no neighbour are NaN in scikit-learn (stored as null).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.neighbors import RadiusNeighborsClassifier, RadiusNeighborsRegressor

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(1616)
centres = np.array([[0.0, 0.0, 0.0], [1.5, -1.0, 0.5], [-1.0, 1.5, 1.0]])
codes = rng.randint(0, 3, 80)
X = rng.randn(80, 3) * 0.8 + centres[codes]
y = np.array([2, 5, 9])[codes]
yr = X @ np.array([1.0, -2.0, 0.5]) + 0.3 * rng.randn(80)
Q = rng.randn(20, 3) * 0.9 + centres[rng.randint(0, 3, 20)]
Q[0] = X[7]
Q[1] = [40.0, 40.0, 40.0]
Q[2] = [-30.0, 0.0, 10.0]

METRICS = {"euclidean": ({"metric": "minkowski", "p": 2}, 1.2), "manhattan": ({"metric": "manhattan"}, 1.9)}


def nan_to_none(values):
    return [None if np.isnan(v) else float(v) for v in values]


classifiers = []
regressors = []
for metric_name, (kw, radius) in METRICS.items():
    for weights in ["uniform", "distance"]:
        for algorithm in ["brute", "kd_tree", "ball_tree"]:
            for outlier in [7, 5, "most_frequent"]:
                if weights == "uniform" and algorithm == "brute" and outlier != 7:
                    continue
                clf = RadiusNeighborsClassifier(
                    radius=radius, weights=weights, algorithm=algorithm, leaf_size=5, outlier_label=outlier, **kw
                ).fit(X, y)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    proba = clf.predict_proba(Q)
                    predict = clf.predict(Q)
                classifiers.append(
                    {
                        "metric": metric_name,
                        "radius": radius,
                        "weights": weights,
                        "algorithm": algorithm,
                        "outlier_label": outlier,
                        "outlier_label_": int(clf.outlier_label_[0]),
                        "proba": proba.tolist(),
                        "predict": predict.tolist(),
                        "warned": len(caught) > 0,
                    }
                )
            reg = RadiusNeighborsRegressor(radius=radius, weights=weights, algorithm=algorithm, leaf_size=5, **kw).fit(X, yr)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                predict = reg.predict(Q)
            regressors.append(
                {
                    "metric": metric_name,
                    "radius": radius,
                    "weights": weights,
                    "algorithm": algorithm,
                    "predict": nan_to_none(predict),
                    "warned": len(caught) > 0,
                }
            )

# Without an outlier label, the outlier rows are an error.
try:
    RadiusNeighborsClassifier(radius=1.2).fit(X, y).predict(Q)
    no_label_raises = False
except ValueError:
    no_label_raises = True

out = {
    "sklearn": sklearn.__version__,
    "x": X.tolist(),
    "y": y.tolist(),
    "yr": yr.tolist(),
    "q": Q.tolist(),
    "classifiers": classifiers,
    "regressors": regressors,
    "no_label_raises": no_label_raises,
}
path = os.path.join("tests", "fixtures", "radius_neighbors.json")
with open(path, "w") as f:
    json.dump(out, f, allow_nan=False)
print("wrote", path, len(classifiers), "classifier cases,", len(regressors), "regressor cases")
