"""Reference values for StandardScaler (tests/fixtures/standard_scaler.json).

Run from the repository root: python3 tools/reference/standard_scaler.py
Versions pinned in tools/reference/requirements.txt.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_wine
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.9.1", sklearn.__version__

X = load_wine().data
rng = np.random.RandomState(0)
weights = rng.uniform(0.0, 3.0, size=X.shape[0])
# A constant column and a near-constant large-offset column exercise the
# constant-feature rule.
X_const = np.column_stack([X[:, :3], np.full(X.shape[0], 7.0), 1e8 + np.zeros(X.shape[0])])

cases = {}


def record(name, scaler, X_fit, X_out, **fit_kwargs):
    scaler.fit(X_fit, **fit_kwargs)
    cases[name] = {
        "mean": None if scaler.mean_ is None else scaler.mean_.tolist(),
        "var": None if scaler.var_ is None else scaler.var_.tolist(),
        "scale": None if scaler.scale_ is None else scaler.scale_.tolist(),
        "n_samples_seen": float(np.asarray(scaler.n_samples_seen_).ravel()[0]),
        "transform_first_rows": scaler.transform(X_out[:5]).tolist(),
    }


record("wine", StandardScaler(), X, X)
record("wine_weighted", StandardScaler(), X, X, sample_weight=weights)
record("wine_without_mean", StandardScaler(with_mean=False), X, X)
record("wine_without_std", StandardScaler(with_std=False), X, X)
record("constant_columns", StandardScaler(), X_const, X_const)

batched = StandardScaler()
for start in range(0, X.shape[0], 50):
    batched.partial_fit(X[start:start + 50])
cases["wine_partial_fit_batches_of_50"] = {
    "mean": batched.mean_.tolist(),
    "var": batched.var_.tolist(),
    "scale": batched.scale_.tolist(),
    "n_samples_seen": float(batched.n_samples_seen_),
    "transform_first_rows": batched.transform(X[:5]).tolist(),
}

out = {"sklearn_version": sklearn.__version__, "weights": weights.tolist(), "cases": cases}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "standard_scaler.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
