"""Reference values for the nearest-neighbour searches and estimators
(tests/fixtures/neighbors.json).

Run from the repository root: python3 tools/reference/neighbors.py
Versions pinned in tools/reference/requirements.txt.

The data are small, random and continuous (no two distances equal, so the
neighbour order is unambiguous), stored in the fixture itself (JSON floats
round-trip exactly). Cases: `NearestNeighbors.kneighbors` for each algorithm
and metric (cosine with brute only), on query rows and on the training set
(each row excluding itself); `radius_neighbors` (sorted); `KDTree` /
`BallTree` queries at a small leaf size; a 20-feature set where `auto`
chooses brute; `KNeighborsClassifier` probabilities with uniform and
distance weights (one query row equal to a training row: zero distance);
`KNeighborsRegressor` predictions; `RadiusNeighborsClassifier` with an
outlier label.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.neighbors import (
    BallTree,
    KDTree,
    KNeighborsClassifier,
    KNeighborsRegressor,
    NearestNeighbors,
    RadiusNeighborsClassifier,
)

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(16)

X = rng.randn(120, 3) * np.array([1.0, 2.0, 0.5]) + np.array([0.0, 1.0, -1.0])
Q = rng.randn(25, 3) * np.array([1.0, 2.0, 0.5]) + np.array([0.0, 1.0, -1.0])

METRICS = [
    ("euclidean", {"metric": "minkowski", "p": 2}),
    ("manhattan", {"metric": "manhattan"}),
    ("chebyshev", {"metric": "chebyshev"}),
    ("minkowski3", {"metric": "minkowski", "p": 3}),
    ("cosine", {"metric": "cosine"}),
]
RADIUS = {"euclidean": 0.9, "manhattan": 1.3, "chebyshev": 0.7, "minkowski3": 0.8, "cosine": 0.02}

searches = []
for metric_name, kw in METRICS:
    for algorithm in ["brute", "kd_tree", "ball_tree", "auto"]:
        if metric_name == "cosine" and algorithm in ("kd_tree", "ball_tree"):
            continue
        nn = NearestNeighbors(n_neighbors=5, algorithm=algorithm, leaf_size=10, **kw).fit(X)
        dist, ind = nn.kneighbors(Q)
        tdist, tind = nn.kneighbors()
        rdist, rind = nn.radius_neighbors(Q, radius=RADIUS[metric_name], sort_results=True)
        searches.append(
            {
                "metric": metric_name,
                "algorithm": algorithm,
                "fit_method": nn._fit_method,
                "radius": RADIUS[metric_name],
                "distances": dist.tolist(),
                "indices": ind.tolist(),
                "train_distances": tdist.tolist(),
                "train_indices": tind.tolist(),
                "radius_indices": [r.tolist() for r in rind],
                "radius_distances": [r.tolist() for r in rdist],
            }
        )

trees = []
for name, cls in [("kd_tree", KDTree), ("ball_tree", BallTree)]:
    for metric_name, kw in METRICS[:4]:
        metric = kw["metric"]
        extra = {"p": kw["p"]} if "p" in kw else {}
        tree = cls(X, leaf_size=3, metric=metric, **extra)
        dist, ind = tree.query(Q, k=7)
        rind, rdist = tree.query_radius(Q, r=RADIUS[metric_name], return_distance=True, sort_results=True)
        count = tree.query_radius(Q, r=RADIUS[metric_name], count_only=True)
        trees.append(
            {
                "tree": name,
                "metric": metric_name,
                "radius": RADIUS[metric_name],
                "distances": dist.tolist(),
                "indices": ind.tolist(),
                "radius_indices": [r.tolist() for r in rind],
                "radius_distances": [r.tolist() for r in rdist],
                "counts": count.tolist(),
            }
        )

# 20 features: `auto` is brute.
Xw = rng.randn(60, 20)
Qw = rng.randn(10, 20)
nn = NearestNeighbors(n_neighbors=4).fit(Xw)
wd, wi = nn.kneighbors(Qw)
wide = {"x": Xw.tolist(), "q": Qw.tolist(), "fit_method": nn._fit_method, "distances": wd.tolist(), "indices": wi.tolist()}

# Classification: three shifted blobs; query row 0 equals training row 4.
yc = rng.randint(0, 3, 90)
Xc = rng.randn(90, 4) + yc[:, None] * np.array([1.0, -0.7, 0.4, 0.0])
Qc = rng.randn(30, 4) + rng.randint(0, 3, 30)[:, None] * np.array([1.0, -0.7, 0.4, 0.0])
Qc[0] = Xc[4]
classifiers = []
for weights in ["uniform", "distance"]:
    for algorithm in ["kd_tree", "brute"]:
        clf = KNeighborsClassifier(n_neighbors=7, weights=weights, algorithm=algorithm).fit(Xc, yc)
        classifiers.append(
            {
                "weights": weights,
                "algorithm": algorithm,
                "proba": clf.predict_proba(Qc).tolist(),
                "predict": clf.predict(Qc).tolist(),
            }
        )
yr = Xc @ np.array([1.0, -2.0, 0.5, 3.0]) + 0.3 * rng.randn(90)
regressors = []
for weights in ["uniform", "distance"]:
    for algorithm in ["kd_tree", "brute"]:
        reg = KNeighborsRegressor(n_neighbors=6, weights=weights, algorithm=algorithm).fit(Xc, yr)
        regressors.append({"weights": weights, "algorithm": algorithm, "predict": reg.predict(Qc).tolist()})
radius_classifiers = []
Qo = Qc.copy()
Qo[1] = 50.0  # no neighbour within the radius: the outlier label
for weights in ["uniform", "distance"]:
    rc = RadiusNeighborsClassifier(radius=1.5, weights=weights, outlier_label=7).fit(Xc, yc)
    radius_classifiers.append(
        {"weights": weights, "radius": 1.5, "outlier_label": 7, "proba": rc.predict_proba(Qo).tolist(), "predict": rc.predict(Qo).tolist()}
    )

out = {
    "sklearn": sklearn.__version__,
    "x": X.tolist(),
    "q": Q.tolist(),
    "searches": searches,
    "trees": trees,
    "wide": wide,
    "classification": {"x": Xc.tolist(), "y": yc.tolist(), "q": Qc.tolist(), "q_outlier": Qo.tolist(), "yr": yr.tolist()},
    "classifiers": classifiers,
    "regressors": regressors,
    "radius_classifiers": radius_classifiers,
}
path = os.path.join("tests", "fixtures", "neighbors.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
