"""Reference values for PolynomialFeatures (tests/fixtures/polynomial_features.json).

Run from the repository root: python3 tools/reference/polynomial_features.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random, stored in the fixture itself (JSON floats
round-trip exactly; the float32 outputs are written as the doubles they
equal). Each case records scikit-learn's transform of the data in float64 and
in float32, `powers_`, `n_output_features_` and `get_feature_names_out` with
the default names and with given ones; learnkit must agree exactly (the
products are computed in the same order).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.preprocessing import PolynomialFeatures

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(7)
X = rng.uniform(-3.0, 3.0, size=(6, 3))
X[0, 1] = 0.0
NAMES = ["age", "bmi", "s1"]

CASES = {
    "default": dict(),
    "degree3": dict(degree=3),
    "degree_2_3": dict(degree=(2, 3)),
    "degree_2_3_no_bias": dict(degree=(2, 3), include_bias=False),
    "degree_1_2_no_bias": dict(degree=(1, 2), include_bias=False),
    "degree_0_2_no_bias": dict(degree=(0, 2), include_bias=False),
    "interaction3": dict(degree=3, interaction_only=True),
    "interaction_3_3": dict(degree=(3, 3), interaction_only=True),
    "interaction4_no_bias": dict(degree=4, interaction_only=True, include_bias=False),
    "degree4_no_bias": dict(degree=4, include_bias=False),
    "bias_only": dict(degree=0),
    "degree1": dict(degree=1),
}


def to_json_params(params):
    out = dict(params)
    if isinstance(out.get("degree"), tuple):
        out["degree"] = list(out["degree"])
    return out


cases = {}
for name, params in CASES.items():
    poly = PolynomialFeatures(**params).fit(X)
    poly32 = PolynomialFeatures(**params).fit(X.astype(np.float32))
    out32 = poly32.transform(X.astype(np.float32))
    assert out32.dtype == np.float32
    cases[name] = {
        "params": to_json_params(params),
        "transform": poly.transform(X).tolist(),
        "transform_f32": out32.astype(np.float64).tolist(),
        "powers": poly.powers_.tolist(),
        "n_output_features": int(poly.n_output_features_),
        "names": poly.get_feature_names_out().tolist(),
        "names_given": poly.get_feature_names_out(NAMES).tolist(),
    }

fixture = {
    "generator": "tools/reference/polynomial_features.py",
    "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    "x": X.tolist(),
    "input_names": NAMES,
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "polynomial_features.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {path}")
