"""Reference values for AgglomerativeClustering, DBSCAN and HDBSCAN
(tests/fixtures/clustering_hierarchy.json).

Run from the repository root: python3 tools/reference/clustering_hierarchy.py
Versions pinned in tools/reference/requirements.txt.

The data (three 2-D Gaussian blobs of different spreads plus uniform noise,
random so that no two distances tie) are stored in the fixture itself.
Cases cover each linkage with its children, distances and labels (and a
distance threshold), DBSCAN with a few eps / min_samples / metrics and
sample weights, and HDBSCAN with excess-of-mass and leaf selection,
cluster_selection_epsilon, min_samples, allow_single_cluster and centres.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, HDBSCAN, AgglomerativeClustering
from sklearn.cluster._hdbscan import hdbscan as hdbscan_module
from sklearn.cluster._hdbscan._linkage import make_single_linkage

assert sklearn.__version__ == "1.9.1", sklearn.__version__
warnings.simplefilter("ignore", FutureWarning)

rng = np.random.RandomState(16)
centers = np.array([[0.0, 0.0], [4.0, 1.0], [1.5, 5.0]])
spreads = [0.5, 0.8, 0.35]
sizes = [90, 70, 50]
X = np.vstack([c + s * rng.randn(k, 2) for c, s, k in zip(centers, spreads, sizes)])
X = np.vstack([X, rng.uniform(-3, 7, size=(30, 2))])
X = X[rng.permutation(len(X))]

agglomerative = []
for name, kwargs in [
    ("ward", dict(linkage="ward", n_clusters=3)),
    ("complete", dict(linkage="complete", n_clusters=3)),
    ("average", dict(linkage="average", n_clusters=4)),
    ("single", dict(linkage="single", n_clusters=3)),
    ("complete_manhattan", dict(linkage="complete", metric="manhattan", n_clusters=3)),
    ("average_cosine", dict(linkage="average", metric="cosine", n_clusters=3)),
    ("single_chebyshev", dict(linkage="single", metric="chebyshev", n_clusters=5)),
    ("ward_threshold", dict(linkage="ward", n_clusters=None, distance_threshold=6.0)),
    ("average_threshold", dict(linkage="average", n_clusters=None, distance_threshold=2.0)),
    ("single_threshold", dict(linkage="single", n_clusters=None, distance_threshold=0.45)),
]:
    model = AgglomerativeClustering(compute_distances=True, **kwargs).fit(X)
    agglomerative.append(
        dict(
            name=name,
            params={k: v for k, v in kwargs.items()},
            children=model.children_.tolist(),
            distances=model.distances_.tolist(),
            labels=model.labels_.tolist(),
            n_clusters=int(model.n_clusters_),
        )
    )

weights = rng.uniform(0.2, 2.0, len(X))
weights[::5] = 0.0
dbscan = []
for name, kwargs, w in [
    ("default", dict(), None),
    ("eps_0.3_min_4", dict(eps=0.3, min_samples=4), None),
    ("eps_0.8_min_10", dict(eps=0.8, min_samples=10), None),
    ("manhattan", dict(eps=0.6, min_samples=5, metric="manhattan"), None),
    ("chebyshev", dict(eps=0.4, min_samples=6, metric="chebyshev"), None),
    ("cosine", dict(eps=0.02, min_samples=5, metric="cosine"), None),
    ("weighted", dict(eps=0.5, min_samples=4), weights),
]:
    model = DBSCAN(**kwargs).fit(X, sample_weight=w)
    dbscan.append(
        dict(
            name=name,
            params=kwargs,
            weighted=w is not None,
            labels=model.labels_.tolist(),
            core_sample_indices=model.core_sample_indices_.tolist(),
        )
    )

# scikit-learn sorts the spanning tree's edges with numpy's default
# (unstable) argsort; mutual reachabilities tie often (every edge leaving a
# point at its core distance), and the order of tied edges changes the
# single-linkage tree, so its result depends on numpy's sort routine (and
# the CPU's SIMD). learnkit sorts stably. Each case records scikit-learn's
# own result and the result of the same code with a stable sort; the test
# compares with the first when the two agree (`order_independent`), else
# with the second.
unstable_process_mst = hdbscan_module._process_mst


def stable_process_mst(mst):
    return make_single_linkage(mst[np.argsort(mst["distance"], kind="mergesort")])


hdbscan = []
for name, kwargs in [
    ("default", dict()),
    ("min_cluster_size_15", dict(min_cluster_size=15)),
    ("min_samples_2", dict(min_cluster_size=10, min_samples=2)),
    ("min_samples_3", dict(min_cluster_size=10, min_samples=3)),
    ("leaf", dict(min_cluster_size=5, cluster_selection_method="leaf")),
    ("leaf_8", dict(min_cluster_size=8, cluster_selection_method="leaf")),
    ("epsilon", dict(min_cluster_size=5, cluster_selection_epsilon=0.8)),
    ("leaf_epsilon", dict(min_cluster_size=8, cluster_selection_method="leaf", cluster_selection_epsilon=0.3)),
    ("single_cluster", dict(min_cluster_size=60, allow_single_cluster=True)),
    ("single_cluster_epsilon", dict(min_cluster_size=40, allow_single_cluster=True, cluster_selection_epsilon=1.0)),
    ("max_cluster_size", dict(min_cluster_size=10, max_cluster_size=60)),
    ("alpha", dict(min_cluster_size=10, alpha=1.5)),
    ("manhattan", dict(min_cluster_size=10, metric="manhattan")),
    ("cosine_brute", dict(min_cluster_size=10, metric="cosine")),
    ("brute", dict(min_cluster_size=10, algorithm="brute")),
    ("centers", dict(min_cluster_size=10, store_centers="both")),
]:
    hdbscan_module._process_mst = unstable_process_mst
    model = HDBSCAN(copy=True, **kwargs).fit(X)
    hdbscan_module._process_mst = stable_process_mst
    stable = HDBSCAN(copy=True, **kwargs).fit(X)
    hdbscan_module._process_mst = unstable_process_mst
    case = dict(
        name=name,
        params=kwargs,
        labels=model.labels_.tolist(),
        probabilities=model.probabilities_.tolist(),
        order_independent=bool(
            (model.labels_ == stable.labels_).all() and (model.probabilities_ == stable.probabilities_).all()
        ),
        stable_labels=stable.labels_.tolist(),
        stable_probabilities=stable.probabilities_.tolist(),
    )
    if kwargs.get("store_centers"):
        case["centroids"] = stable.centroids_.tolist()
        case["medoids"] = stable.medoids_.tolist()
    hdbscan.append(case)

out = dict(
    versions=dict(sklearn=sklearn.__version__, numpy=np.__version__),
    x=X.tolist(),
    sample_weight=weights.tolist(),
    agglomerative=agglomerative,
    dbscan=dbscan,
    hdbscan=hdbscan,
)
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "clustering_hierarchy.json")
with open(path, "w") as f:
    json.dump(out, f)
    f.write("\n")
for group in ("agglomerative", "dbscan", "hdbscan"):
    for case in out[group]:
        labels = case["labels"]
        print(group, case["name"], "clusters", len(set(labels) - {-1}), "noise", labels.count(-1),
              case.get("order_independent", ""))
