"""Reference values for SVC / SVR and brute-force k-NN on sparse input
(tests/fixtures/sparse_kernel.json).

Run from the repository root: python3 tools/reference/sparse_kernel.py
Versions pinned in tools/reference/requirements.txt.

The data are small, random and mostly zeros (a tf-idf-like matrix: about 15 %
of the entries stored, non-negative, some rows empty), stored dense in the
fixture; the test makes the CSR matrix itself. scikit-learn fits on the
scipy CSR matrix (libsvm's sparse mode, brute-force k-NN on sparse rows).
"""
import json
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.neighbors import NearestNeighbors
from sklearn.svm import SVC, SVR

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(17)


def sparse_rows(n, p, density):
    values = rng.exponential(1.0, (n, p)) * (rng.uniform(size=(n, p)) < density)
    values[3] = 0.0  # an empty row
    return values


n, p = 60, 25
X = sparse_rows(n, p, 0.15)
y = (X[:, :8].sum(axis=1) > X[:, 8:16].sum(axis=1)).astype(int) + (X[:, 16:].sum(axis=1) > 1.5).astype(int)
y_reg = X[:, :5].sum(axis=1) - X[:, 5:10].sum(axis=1) + 0.1 * rng.randn(n)
X_test = sparse_rows(15, p, 0.15)
Xs, Xs_test = sp.csr_matrix(X), sp.csr_matrix(X_test)

kernels = {
    "linear": dict(kernel="linear"),
    "poly": dict(kernel="poly", degree=3, gamma="scale", coef0=1.0),
    "rbf": dict(kernel="rbf", gamma="scale"),
    "sigmoid": dict(kernel="sigmoid", gamma=0.05, coef0=0.0),
}

svc = {}
for name, params in kernels.items():
    m = SVC(C=2.0, **params).fit(Xs, y)
    svc[name] = {
        "params": params,
        "support": m.support_.tolist(),
        "dual_coef": m.dual_coef_.toarray().tolist(),
        "intercept": m.intercept_.tolist(),
        "decision_function": m.decision_function(Xs_test).tolist(),
        "predict": m.predict(Xs_test).tolist(),
    }

svr = {}
for name in ["linear", "rbf"]:
    m = SVR(C=2.0, epsilon=0.1, **kernels[name]).fit(Xs, y_reg)
    svr[name] = {
        "params": kernels[name],
        "support": m.support_.tolist(),
        "dual_coef": m.dual_coef_.toarray().tolist(),
        "intercept": m.intercept_.tolist(),
        "predict": m.predict(Xs_test).tolist(),
    }

knn = {}
for metric in ["euclidean", "manhattan", "cosine"]:
    nn = NearestNeighbors(n_neighbors=4, algorithm="brute", metric=metric).fit(Xs)
    d, i = nn.kneighbors(Xs_test)
    knn[metric] = {"distances": d.tolist(), "indices": i.tolist()}

out = {
    "sklearn_version": sklearn.__version__,
    "X": X.tolist(),
    "y": y.tolist(),
    "y_reg": y_reg.tolist(),
    "X_test": X_test.tolist(),
    "svc": svc,
    "svr": svr,
    "knn": knn,
}
path = os.path.join("tests", "fixtures", "sparse_kernel.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path)
