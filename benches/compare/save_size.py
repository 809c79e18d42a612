"""scikit-learn's side of the "Saved model size" figures in benches/README.md:
RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=2) fitted on
Adult, encoded as learnkit's load_adult() (categorical columns as sorted
codes, missing values as NaN; compare.py's adult_arrays), saved with
joblib.dump (uncompressed, the default) and loaded back; median of 3 of fit,
dump and load. learnkit's side is examples/save_load.rs.

Run: benches/compare/setup.sh && benches/compare/.venv/bin/python benches/compare/save_size.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import joblib
import numpy as np
from sklearn.ensemble import RandomForestClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import adult_arrays  # noqa: E402


def median_of_3(f):
    """The median time of three runs of ``f`` and its last result."""
    times, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    x_train, y_train, x_test, _ = adult_arrays()
    fit, model = median_of_3(
        lambda: RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=2).fit(x_train, y_train)
    )
    nodes = sum(t.tree_.node_count for t in model.estimators_)
    print(f"RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=2) on Adult {x_train.shape}: "
          f"{nodes} nodes, fit {fit:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "forest.joblib")
        dump, _ = median_of_3(lambda: joblib.dump(model, path))
        size = os.path.getsize(path)
        load, loaded = median_of_3(lambda: joblib.load(path))
        same = np.array_equal(loaded.predict_proba(x_test), model.predict_proba(x_test))
        print(f"joblib.dump: {size} bytes ({size / 1e6:.1f} MB), dump {dump:.3f} s, load {load:.3f} s, "
              f"same probabilities: {same}")


if __name__ == "__main__":
    main()
