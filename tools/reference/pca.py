"""Reference values for PCA (tests/fixtures/pca.json).

Run from the repository root: python3 tools/reference/pca.py
Versions pinned in tools/reference/requirements.txt.

Data: iris and digits (bundled in the crate, identical to scikit-learn's),
and a tall matrix defined by a formula that tests/pca.rs recomputes
(`tall(i, j)` below), so that no large matrix is stored.
"""
import json
import math
import os

import numpy as np
import sklearn
from sklearn.datasets import load_digits, load_iris
from sklearn.decomposition import PCA

assert sklearn.__version__ == "1.9.1", sklearn.__version__


def tall(n, d):
    """Five latent factors plus a small deterministic wobble (rank-deficient-free)."""
    x = np.zeros((n, d))
    for i in range(n):
        for j in range(d):
            v = 0.0
            for r in range(5):
                v += math.sin(0.37 * (r + 1) * i + 0.11 * j) * math.cos(1.3 * (r + 1) * j + 0.07 * i) * (5 - r)
            v += 0.05 * math.sin(12.9898 * i + 78.233 * j)
            x[i, j] = v
    return x


datasets = {
    "iris": load_iris().data,
    "digits": load_digits().data,
    "tall": tall(2000, 30),
}

cases = []
configs = [
    ("full", None, False),
    ("full", 3, False),
    ("full", 0.95, False),
    ("full", 3, True),
    ("covariance_eigh", None, False),
    ("covariance_eigh", 3, False),
    ("covariance_eigh", 0.8, True),
    ("randomized", 3, False),
    ("randomized", 3, True),
    ("auto", None, False),
]
def score_samples(pca, X):
    """scikit-learn's log-likelihoods, or None where its covariance model is
    singular (it then inverts a singular matrix)."""
    with np.errstate(all="ignore"):
        try:
            values = pca.score_samples(X)
        except np.linalg.LinAlgError:
            return None
    if not np.all(np.isfinite(values)) or pca.noise_variance_ <= 0 and pca.n_components_ < X.shape[1]:
        return None
    if np.any(pca.explained_variance_ <= 1e-9 * pca.explained_variance_[0]):
        return None
    return values.tolist()


for name, X in datasets.items():
    for solver, n_components, whiten in configs:
        pca = PCA(n_components=n_components, svd_solver=solver, whiten=whiten, random_state=0).fit(X)
        cases.append(
            {
                "data": name,
                "svd_solver": solver,
                "n_components": n_components,
                "whiten": whiten,
                "fit_svd_solver": pca._fit_svd_solver,
                "n_components_": int(pca.n_components_),
                "components": pca.components_.tolist(),
                "explained_variance": pca.explained_variance_.tolist(),
                "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
                "singular_values": pca.singular_values_.tolist(),
                "mean": pca.mean_.tolist(),
                "noise_variance": float(pca.noise_variance_),
                "transform_first_rows": pca.transform(X[:10]).tolist(),
                "inverse_first_rows": pca.inverse_transform(pca.transform(X[:10])).tolist(),
                "score_samples_first_rows": score_samples(pca, X[:10]),
            }
        )

from sklearn.decomposition import TruncatedSVD

truncated = []
for name, k in [("iris", 2), ("digits", 5), ("tall", 4)]:
    X = datasets[name]
    svd = TruncatedSVD(n_components=k, random_state=0).fit(X)
    truncated.append(
        {
            "data": name,
            "n_components": k,
            "components": svd.components_.tolist(),
            "explained_variance": svd.explained_variance_.tolist(),
            "explained_variance_ratio": svd.explained_variance_ratio_.tolist(),
            "singular_values": svd.singular_values_.tolist(),
            "transform_first_rows": svd.transform(X[:10]).tolist(),
        }
    )

path = os.path.join("tests", "fixtures", "pca.json")
with open(path, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases, "truncated_svd": truncated}, f)
print(f"wrote {path}: {len(cases)} cases")
