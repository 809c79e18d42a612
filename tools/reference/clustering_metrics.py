"""Reference values for the clustering metrics (tests/fixtures/clustering_metrics.json).

Run from the repository root: python3 tools/reference/clustering_metrics.py
Versions pinned in tools/reference/requirements.txt.

Label pairs cover: random labelings of different sizes, a refinement, a
permutation of the same partition, a single cluster on either side or both,
all-distinct labels, two samples, and no samples. Data sets for the
unsupervised scores: blobs, a cluster with a single member, overlapping
clusters, and f32-representable integers; each with every metric for the
silhouette.
"""
import json
import os

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.metrics import cluster as mc

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(16)

pairs = {
    "random_3_4": (rng.randint(0, 3, 60), rng.randint(0, 4, 60)),
    "random_5_5": (rng.randint(0, 5, 100), rng.randint(0, 5, 100)),
    "random_2_7": (rng.randint(0, 2, 45), rng.randint(0, 7, 45)),
    "refinement": (np.repeat([0, 1, 2], 10), np.repeat([0, 1, 2, 3, 4, 5], 5)),
    "relabelled": (np.repeat([0, 1, 2], 7), np.repeat([5, 3, 9], 7)),
    "single_true": (np.zeros(12, dtype=int), rng.randint(0, 3, 12)),
    "single_pred": (rng.randint(0, 3, 12), np.zeros(12, dtype=int)),
    "single_both": (np.zeros(9, dtype=int), np.full(9, 4)),
    "all_distinct": (np.arange(15), rng.randint(0, 3, 15)),
    "all_distinct_both": (np.arange(15), np.arange(15)[::-1]),
    "two_samples": (np.array([0, 1]), np.array([0, 0])),
    "empty": (np.array([], dtype=int), np.array([], dtype=int)),
}



def value(f, *args, **kwargs):
    """The metric's value, or None where scikit-learn raises (on no samples)."""
    try:
        return f(*args, **kwargs)
    except ValueError:
        return None


supervised = {}
for name, (a, b) in pairs.items():
    h, c, v = mc.homogeneity_completeness_v_measure(a, b)
    out = {
        "labels_true": a.tolist(),
        "labels_pred": b.tolist(),
        "contingency_matrix": mc.contingency_matrix(a, b).tolist(),
        "pair_confusion_matrix": mc.pair_confusion_matrix(a, b).tolist(),
        "rand_score": value(metrics.rand_score, a, b),
        "adjusted_rand_score": value(metrics.adjusted_rand_score, a, b),
        "mutual_info_score": value(metrics.mutual_info_score, a, b),
        "fowlkes_mallows_score": value(metrics.fowlkes_mallows_score, a, b),
        "homogeneity": h,
        "completeness": c,
        "v_measure": v,
        "v_measure_beta_2": value(metrics.v_measure_score, a, b, beta=2.0),
        "v_measure_beta_0_5": value(metrics.v_measure_score, a, b, beta=0.5),
    }
    for method in ["min", "geometric", "arithmetic", "max"]:
        out[f"ami_{method}"] = value(metrics.adjusted_mutual_info_score, a, b, average_method=method)
        out[f"nmi_{method}"] = value(metrics.normalized_mutual_info_score, a, b, average_method=method)
    if name == "all_distinct":
        # All-distinct true labels: MI equals its expectation exactly, and
        # min(H_true, H_pred) - E[MI] = H_pred - E[MI] is zero too, so the
        # "min" AMI is 0/0 at rounding level (scikit-learn's 0.25 is noise).
        out["ami_min"] = "ill-conditioned"
    supervised[name] = {k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in out.items()}

datasets = {}
centers = np.array([[0.0, 0.0, 0.0], [4.0, 4.0, 0.0], [0.0, 5.0, 3.0]])
y = rng.randint(0, 3, 70)
datasets["blobs"] = (centers[y] + rng.randn(70, 3), y)
y = np.r_[rng.randint(0, 2, 30), [2]]
datasets["singleton"] = (np.r_[rng.randn(30, 2) + y[:30, None] * 3.0, [[10.0, 10.0]]], y)
y = rng.randint(0, 4, 50)
datasets["overlapping"] = (rng.randn(50, 4) * 2.0 + y[:, None] * 0.5, y)
y = rng.randint(0, 3, 40)
datasets["integers"] = (rng.randint(-5, 6, (40, 2)).astype(float) + y[:, None] * 4, y)
# Points repeated exactly inside each cluster: intra-cluster distances 0.
datasets["repeated"] = (np.repeat([[1.0, 2.0], [3.0, -1.0], [0.0, 5.0]], 4, axis=0), np.repeat([0, 1, 2], 4))

unsupervised = {}
for name, (X, y) in datasets.items():
    out = {
        "X": X.tolist(),
        "labels": y.tolist(),
        "calinski_harabasz_score": float(metrics.calinski_harabasz_score(X, y)),
        "davies_bouldin_score": float(metrics.davies_bouldin_score(X, y)),
    }
    for metric in ["euclidean", "manhattan", "chebyshev", "cosine"]:
        out[f"silhouette_samples_{metric}"] = metrics.silhouette_samples(X, y, metric=metric).tolist()
        out[f"silhouette_score_{metric}"] = float(metrics.silhouette_score(X, y, metric=metric))
    out["silhouette_samples_minkowski_3"] = metrics.silhouette_samples(X, y, metric="minkowski", p=3).tolist()
    unsupervised[name] = out

out = {"sklearn_version": sklearn.__version__, "supervised": supervised, "unsupervised": unsupervised}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "clustering_metrics.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"{len(supervised)} label pairs and {len(unsupervised)} data sets written to {os.path.normpath(path)}")
