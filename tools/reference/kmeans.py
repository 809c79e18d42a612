"""Reference values for KMeans and MiniBatchKMeans (tests/fixtures/kmeans.json).

Run from the repository root: python3 tools/reference/kmeans.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random, so they are stored in the fixture itself
(JSON floats round-trip exactly). From a given initial array, KMeans is
deterministic: centres, labels, inertia and n_iter are compared exactly
(labels, n_iter) or to 1e-10. Cases cover Lloyd and Elkan, with and without
sample weights (some zero), convergence by unchanged labels, by tolerance
and by max_iter (the final assignment step), and an initial centre far from
every row (an empty cluster relocated to the farthest row). k-means++ and
random initialisation use another generator here, so only the mean inertia
over 300 seeds is stored (several local minima: 20 seeds are too few). MiniBatchKMeans' partial_fit from an initial array
on fixed batches is deterministic and compared to 1e-10 after every batch.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans, MiniBatchKMeans

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(16)

# Five blobs in 4-D with unequal spreads, shifted away from the origin.
true_centres = rng.uniform(-8, 8, (5, 4)) + 20.0
X = np.vstack([c + rng.randn(60, 4) * s for c, s in zip(true_centres, [0.5, 1.0, 1.5, 2.0, 3.0])])
X = X[rng.permutation(len(X))]
weights = rng.uniform(0.2, 3.0, len(X))
weights[::11] = 0.0
X_test = rng.uniform(10, 30, (7, 4))

# An initial array: 5 rows of the data perturbed, and a 6-cluster one with a
# centre far away that no row is assigned to first.
init5 = X[[3, 17, 42, 99, 150]] + rng.randn(5, 4) * 0.1
init6 = np.vstack([init5, np.full((1, 4), 100.0)])

cases = {}


def kmeans_case(name, init, algorithm, weighted, **params):
    sw = weights if weighted else None
    model = KMeans(n_clusters=len(init), init=init, n_init=1, algorithm=algorithm, **params)
    model.fit(X, sample_weight=sw)
    cases[name] = {
        "init": init.tolist(),
        "algorithm": algorithm,
        "weighted": weighted,
        "params": params,
        "centers": model.cluster_centers_.tolist(),
        "labels": model.labels_.tolist(),
        "inertia": float(model.inertia_),
        "n_iter": int(model.n_iter_),
        "predict": model.predict(X_test).tolist(),
        "transform": model.transform(X_test).tolist(),
        "score": float(model.score(X_test)),
    }


for algorithm in ["lloyd", "elkan"]:
    for weighted in [False, True]:
        suffix = f"{algorithm}_{'weighted' if weighted else 'unweighted'}"
        kmeans_case(f"default_tol_{suffix}", init5, algorithm, weighted)
        kmeans_case(f"tol_zero_{suffix}", init5, algorithm, weighted, tol=0.0)
        kmeans_case(f"loose_tol_{suffix}", init5, algorithm, weighted, tol=0.05)
        kmeans_case(f"max_iter_2_{suffix}", init5, algorithm, weighted, max_iter=2)
        kmeans_case(f"relocation_{suffix}", init6, algorithm, weighted)
        kmeans_case(f"four_clusters_{suffix}", init5[:4], algorithm, weighted)

# Seeded initialisations: the mean inertia over 300 seeds and its standard error.
seeded = {}
for init in ["k-means++", "random"]:
    for k in [3, 5, 8]:
        inertias = [
            KMeans(n_clusters=k, init=init, n_init=1, random_state=seed).fit(X).inertia_
            for seed in range(300)
        ]
        seeded[f"{init}_{k}"] = {
            "init": init,
            "n_clusters": k,
            "mean_inertia": float(np.mean(inertias)),
            "min_inertia": float(np.min(inertias)),
            "standard_error": float(np.std(inertias) / np.sqrt(len(inertias))),
        }

# MiniBatchKMeans.partial_fit from init5 on six fixed batches of 50 rows.
minibatch = {}
for ratio in [0.0, 0.01]:
    for weighted in [False, True]:
        model = MiniBatchKMeans(n_clusters=5, init=init5, reassignment_ratio=ratio, batch_size=50)
        steps = []
        for b in range(6):
            rows = slice(50 * b, 50 * (b + 1))
            model.partial_fit(X[rows], sample_weight=weights[rows] if weighted else None)
            steps.append({
                "centers": model.cluster_centers_.tolist(),
                "labels": model.labels_.tolist(),
                "inertia": float(model.inertia_),
            })
        minibatch[f"ratio_{ratio}_{'weighted' if weighted else 'unweighted'}"] = {
            "reassignment_ratio": ratio,
            "weighted": weighted,
            "steps": steps,
        }

# MiniBatchKMeans.fit: batches are drawn with numpy's generator, so only the
# mean inertia over 10 seeds.
mb_inertias = [
    MiniBatchKMeans(n_clusters=5, batch_size=64, random_state=seed).fit(X).inertia_ for seed in range(10)
]

fixture = {
    "X": X.tolist(),
    "weights": weights.tolist(),
    "X_test": X_test.tolist(),
    "cases": cases,
    "seeded": seeded,
    "minibatch": minibatch,
    "minibatch_fit_mean_inertia": float(np.mean(mb_inertias)),
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "kmeans.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
print("wrote", os.path.normpath(path))
for name, case in cases.items():
    print(f"{name:40s} n_iter={case['n_iter']:3d} inertia={case['inertia']:.6f} "
          f"clusters={len(set(case['labels']))}")
for name, s in seeded.items():
    print(name, s)
print("minibatch fit mean inertia", fixture["minibatch_fit_mean_inertia"])
