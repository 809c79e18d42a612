"""Reference values for GaussianMixture's random initialisations
(tests/fixtures/gaussian_mixture_inits.json).

Run from the repository root: python3 tools/reference/gaussian_mixture_inits.py
Versions pinned in tools/reference/requirements.txt.

The initialisations "kmeans", "k-means++", "random_from_data" and "random"
draw from numpy's generator, which learnkit does not reproduce, so their
starting points cannot be compared. What is deterministic is where EM
ends on data with one clear optimum: three well-separated blobs, fitted to
convergence (tol 1e-10), reach the same log-likelihood from every seed.
For each initialisation the score (mean log-likelihood) and the sorted
weights and means of seeds 0..9 are stored, with whether every seed agreed
(to 1e-9); the test compares learnkit's fits over its own seeds with them.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(2016)
centers = np.array([[0.0, 0.0], [8.0, 1.0], [2.0, 9.0]])
y = np.repeat(np.arange(3), 40)
X = centers[y] + rng.randn(120, 2) @ np.array([[1.0, 0.3], [0.0, 0.8]])

cases = []
for init in ["kmeans", "k-means++", "random_from_data", "random"]:
    scores, weights, means = [], [], []
    for seed in range(10):
        gm = GaussianMixture(3, covariance_type="full", init_params=init, tol=1e-10, max_iter=1000, random_state=seed).fit(X)
        order = np.argsort(gm.means_[:, 0])
        scores.append(gm.score(X))
        weights.append(gm.weights_[order].tolist())
        means.append(gm.means_[order].tolist())
    agree = max(scores) - min(scores) < 1e-9
    cases.append(
        {
            "init_params": init,
            "score": scores[0],
            "weights": weights[0],
            "means": means[0],
            "scores": scores,
            "all_seeds_agree": bool(agree),
        }
    )
    print(init, "agree" if agree else "differ", min(scores), max(scores))

out = {"sklearn": sklearn.__version__, "x": X.tolist(), "cases": cases}
path = os.path.join("tests", "fixtures", "gaussian_mixture_inits.json")
with open(path, "w") as f:
    json.dump(out, f, allow_nan=False)
print("wrote", path)
