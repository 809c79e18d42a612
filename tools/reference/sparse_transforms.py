"""Reference values for the transformers on sparse input and with sparse
output (tests/fixtures/sparse_transforms.json): StandardScaler(with_mean=False),
MaxAbsScaler, Normalizer, OneHotEncoder(sparse_output=True),
ColumnTransformer(sparse_threshold), TruncatedSVD and SimpleImputer on
scipy CSR matrices.

Run from the repository root: python3 tools/reference/sparse_transforms.py
Versions pinned in tools/reference/requirements.txt.

Inputs are small and random and stored in the fixture as CSR parts
(`shape`, `indptr`, `indices`, `data`; JSON floats round-trip exactly).
Sparse outputs are stored the same way after `sort_indices()` (scipy's
canonical form, as learnkit's CsrMatrix), dense outputs as lists of rows.
JSON has no NaN: a matrix with missing values lists the positions in
`data` that hold NaN under `nan` (their `data` entry is 0).
"""
import json
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import TruncatedSVD
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import (
    MaxAbsScaler,
    Normalizer,
    OneHotEncoder,
    StandardScaler,
)

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(17)


def csr_json(m):
    m = sp.csr_matrix(m)
    m.sort_indices()
    data = m.data.astype(float)
    nan = [int(k) for k in np.flatnonzero(np.isnan(data))]
    data[np.isnan(data)] = 0.0
    out = {
        "shape": list(m.shape),
        "indptr": m.indptr.tolist(),
        "indices": m.indices.tolist(),
        "data": data.tolist(),
    }
    if nan:
        out["nan"] = nan
    return out


def dense_json(a):
    return np.asarray(a, dtype=float).tolist()


def output_json(m):
    if sp.issparse(m):
        return {"sparse": True, "matrix": csr_json(m)}
    return {"sparse": False, "matrix": dense_json(m)}


def random_sparse(n, d, density):
    m = sp.random(n, d, density=density, format="csr", random_state=rng,
                  data_rvs=lambda k: rng.randn(k) * 3.0)
    m.sort_indices()
    return m


X = random_sparse(40, 10, 0.3)
X[:, 7] = 0.0  # an all-zero column: scale 1
X.eliminate_zeros()
weights = rng.uniform(0.2, 3.0, X.shape[0])
weights[::9] = 0.0

cases = {"X": csr_json(X), "sample_weight": weights.tolist()}

s = StandardScaler(with_mean=False).fit(X)
cases["standard_scaler"] = {
    "mean": s.mean_.tolist(),
    "var": s.var_.tolist(),
    "scale": s.scale_.tolist(),
    "transform": output_json(s.transform(X)),
}
s = StandardScaler(with_mean=False).fit(X, sample_weight=weights)
cases["standard_scaler_weighted"] = {
    "mean": s.mean_.tolist(),
    "var": s.var_.tolist(),
    "scale": s.scale_.tolist(),
    "transform": output_json(s.transform(X)),
}

m = MaxAbsScaler().fit(X)
cases["max_abs_scaler"] = {
    "max_abs": m.max_abs_.tolist(),
    "scale": m.scale_.tolist(),
    "transform": output_json(m.transform(X)),
    "inverse_dense": dense_json(m.inverse_transform(m.transform(X.toarray()))),
}

cases["normalizer"] = {
    norm: output_json(Normalizer(norm=norm).fit(X).transform(X)) for norm in ["l1", "l2", "max"]
}

# Categorical codes, a numeric column and one to pass through.
n = 30
Xcat = np.column_stack([
    rng.randint(0, 4, n).astype(float),
    rng.choice([10.0, 20.0, 30.0, 40.0, 50.0], n, p=[0.4, 0.3, 0.2, 0.05, 0.05]),
    rng.randn(n) * 2.0 + 1.0,
    rng.uniform(-1, 1, n).round(2),
])
Xcat_new = Xcat[:6].copy()
Xcat_new[0, 0] = 9.0   # unknown category
Xcat_new[1, 1] = 60.0  # unknown category
cases["categorical"] = {"X": dense_json(Xcat), "X_new": dense_json(Xcat_new)}

one_hot = {}
for name, params in {
    "default": {},
    "drop_first": {"drop": "first"},
    "ignore": {"handle_unknown": "ignore"},
    "infrequent": {"min_frequency": 3, "handle_unknown": "infrequent_if_exist"},
}.items():
    enc = OneHotEncoder(**params).fit(Xcat[:, :2])
    assert enc.sparse_output
    out = {"params": params, "transform": output_json(enc.transform(Xcat[:, :2]))}
    if params.get("handle_unknown") in ("ignore", "infrequent_if_exist"):
        out["transform_new"] = output_json(enc.transform(Xcat_new[:, :2]))
    one_hot[name] = out
cases["one_hot"] = one_hot

column_transformer = {}
for threshold in [0.3, 0.5, 1.0, 0.0]:
    ct = ColumnTransformer(
        [("cat", OneHotEncoder(), [0, 1]), ("num", StandardScaler(), [2])],
        remainder="passthrough",
        sparse_threshold=threshold,
    ).fit(Xcat)
    column_transformer[str(threshold)] = {
        "sparse_threshold": threshold,
        "sparse_output": bool(ct.sparse_output_),
        "transform": output_json(ct.transform(Xcat)),
    }
cases["column_transformer"] = column_transformer

# Oversampling covers every column (3 + 10 >= 10): the randomized solver is
# exact, so learnkit's random draws (not numpy's) give the same components.
svd = TruncatedSVD(n_components=3, random_state=0).fit(X)
cases["truncated_svd"] = {
    "n_components": 3,
    "components": dense_json(svd.components_),
    "singular_values": svd.singular_values_.tolist(),
    "explained_variance": svd.explained_variance_.tolist(),
    "explained_variance_ratio": svd.explained_variance_ratio_.tolist(),
    "transform": dense_json(svd.transform(X)),
}

# Explicit NaN entries are the missing values; implicit zeros are values.
# Every column stores some value (scikit-learn's constant strategy drops a
# column without stored values on sparse input, a quirk left aside).
Xm = random_sparse(40, 6, 0.4)
assert (Xm.getnnz(axis=0) > 2).all()
Xm.data[::5] = np.nan
imputer = {"X": csr_json(Xm)}
for strategy in ["mean", "median", "most_frequent", "constant"]:
    params = {"strategy": strategy}
    if strategy == "constant":
        params["fill_value"] = -1.5
    imp = SimpleImputer(**params).fit(Xm)
    imputer[strategy] = {
        "params": params,
        "statistics": imp.statistics_.tolist(),
        "transform": output_json(imp.transform(Xm)),
    }
cases["simple_imputer"] = imputer

out = {
    "generator": "tools/reference/sparse_transforms.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "scipy": __import__("scipy").__version__,
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "sparse_transforms.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, allow_nan=False)
    f.write("\n")
print("wrote", os.path.normpath(path))
