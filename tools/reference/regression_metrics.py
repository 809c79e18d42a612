"""Reference values for the regression metrics added with issue 15
(tests/fixtures/regression_metrics.json, read by tests/regression_metrics.rs):
explained_variance_score, median_absolute_error,
mean_absolute_percentage_error, max_error, mean_squared_log_error,
root_mean_squared_log_error and d2_absolute_error_score, each without and
(but max_error, which has none) with sample weights.

Run from the repository root: python3 tools/reference/regression_metrics.py
Versions pinned in tools/reference/requirements.txt. The inputs are small
and stored in the fixture; the weighted cases include zero weights and the
ties and exact half-weights where the weighted median averages two values.
"""
import json
import os

import numpy as np
import sklearn
from sklearn import metrics

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(1509)


def case(name, y_true, y_pred, weights):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    out = {"name": name, "y_true": y_true.tolist(), "y_pred": y_pred.tolist(), "sample_weight": weights.tolist()}
    funcs = {
        "explained_variance": metrics.explained_variance_score,
        "median_absolute_error": metrics.median_absolute_error,
        "mean_absolute_percentage_error": metrics.mean_absolute_percentage_error,
        "d2_absolute_error": metrics.d2_absolute_error_score,
    }
    if (y_true > -1).all() and (y_pred > -1).all():
        funcs["mean_squared_log_error"] = metrics.mean_squared_log_error
        funcs["root_mean_squared_log_error"] = metrics.root_mean_squared_log_error
    for key, f in funcs.items():
        out[key] = float(f(y_true, y_pred))
        out[key + "_weighted"] = float(f(y_true, y_pred, sample_weight=weights))
    out["max_error"] = float(metrics.max_error(y_true, y_pred))
    return out


cases = []
y = rng.normal(3.0, 2.0, 40)
w = rng.uniform(0.1, 3.0, 40)
w[::9] = 0.0
cases.append(case("noisy", y, y + rng.normal(0.0, 0.7, 40), w))

y = np.exp(rng.normal(1.0, 1.0, 31))  # positive, spread over decades
cases.append(case("positive_log", y, y * np.exp(rng.normal(0.0, 0.3, 31)), rng.randint(0, 4, 31)))

# Integer errors with ties; weights whose cumulative sum hits half the total exactly.
y_true = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
y_pred = np.array([2.0, 2.0, 5.0, 4.0, 8.0, 6.0, 8.0, 4.0])
cases.append(case("ties_exact_half", y_true, y_pred, [1, 1, 2, 0, 2, 1, 1, 0]))
cases.append(case("ties_unit_weights_even", y_true, y_pred, np.ones(8)))
# The sample after the half-way point has weight 0: the next weighted one is used.
cases.append(case("zero_weight_after_half", [1.0, 2.0, 3.0, 4.0, 5.0], [1.5, 2.0, 0.0, 4.0, 9.0], [1, 1, 0, 0, 2]))

# Zeros in y_true: the percentage error divides by the machine epsilon.
cases.append(case("zero_targets", [0.0, 1.0, 2.4, 7.0], [0.0, 1.1, 2.4, 8.0], [1.0, 2.0, 1.0, 0.5]))
cases.append(case("zero_target_wrong", [1.0, 0.0, 2.4, 7.0], [1.2, 0.1, 2.4, 8.0], [1.0, 2.0, 1.0, 0.5]))

# Values in (-1, 0) are allowed by the log metrics.
cases.append(case("small_negatives", [-0.5, 0.2, 1.5, 3.0], [-0.2, 0.0, 1.0, 3.5], [1.0, 1.0, 2.0, 1.0]))

# Constant targets: force_finite gives 1.0 (perfect) or 0.0.
cases.append(case("constant_imperfect", [2.0, 2.0, 2.0], [2.0, 2.5, 1.0], [1.0, 2.0, 3.0]))
cases.append(case("constant_perfect", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0], [1.0, 2.0, 3.0]))
# A constant offset: explained variance 1, other scores not.
cases.append(case("offset", [1.0, 2.0, 4.0, 8.0], [2.0, 3.0, 5.0, 9.0], [1.0, 3.0, 1.0, 2.0]))

fixture = {
    "generator": "tools/reference/regression_metrics.py",
    "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "regression_metrics.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {path}")
