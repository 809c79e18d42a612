"""Reference arrays for learnkit's bundled diabetes dataset
(tests/fixtures/diabetes.json, read by tests/datasets_diabetes.rs).

Run from the repository root: python3 tools/reference/diabetes.py
Versions pinned in tools/reference/requirements.txt. Stores scikit-learn's
`load_diabetes()` (scaled: mean-centred, divided by std·√n) and
`load_diabetes(scaled=False)` data, the target and the feature names.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes

assert sklearn.__version__ == "1.9.1", sklearn.__version__

scaled = load_diabetes()
raw = load_diabetes(scaled=False)
fixture = {
    "generator": "tools/reference/diabetes.py",
    "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    "feature_names": list(scaled.feature_names),
    "data": scaled.data.tolist(),
    "data_unscaled": raw.data.tolist(),
    "target": scaled.target.tolist(),
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "diabetes.json")
with open(path, "w") as f:
    json.dump(fixture, f)
    f.write("\n")
print(f"wrote {path}")
