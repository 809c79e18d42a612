"""Reference values for learnkit's metrics, computed with scikit-learn.

Writes tests/fixtures/metrics.json (read by tests/metrics.rs). Run from the
repository root with the pinned stack (tools/reference/requirements.txt):

    python tools/reference/metrics.py

Every input is generated from a fixed numpy seed, so rerunning the script with
the same versions reproduces the file byte for byte.
"""

import json
import math
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn import metrics

# The fixture is only meaningful for the pinned version (see requirements.txt).
assert sklearn.__version__ == "1.9.1", sklearn.__version__

# scikit-learn's default zero_division="warn" warns and returns 0.0; learnkit
# returns the same 0.0 silently, so the warnings are expected here.
warnings.filterwarnings("ignore", category=metrics._classification.UndefinedMetricWarning)
warnings.filterwarnings("ignore", message="y_pred contains classes not in y_true")

rng = np.random.default_rng(20240611)
OUT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "metrics.json"


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def labels_json(a):
    return [v.item() if hasattr(v, "item") else v for v in a]


def weight_proba(n, k, max_weight=4):
    """Probability rows from small integer weights: many exact ties per column."""
    w = rng.integers(1, max_weight + 1, size=(n, k)).astype(np.float64)
    return w / w.sum(axis=1, keepdims=True)


def classification_case(name, y_true, y_pred, proba, label_type):
    """Every classification metric on one (y_true, y_pred, proba) triple.

    `proba` has one column per sorted class of y_true.
    """
    classes = np.unique(y_true)
    union = np.unique(np.concatenate([y_true, y_pred]))
    case = {
        "name": name,
        "label_type": label_type,
        "y_true": labels_json(y_true),
        "y_pred": labels_json(y_pred),
        "proba": [floats(row) for row in proba],
        "accuracy": metrics.accuracy_score(y_true, y_pred),
        "balanced_accuracy": metrics.balanced_accuracy_score(y_true, y_pred),
        "confusion_labels": labels_json(union),
        "confusion_matrix": metrics.confusion_matrix(y_true, y_pred).tolist(),
        "log_loss": metrics.log_loss(y_true, proba),
        "classification_report": metrics.classification_report(y_true, y_pred),
        "classification_report_digits4": metrics.classification_report(y_true, y_pred, digits=4),
    }
    for average in ["micro", "macro", "weighted"]:
        case[f"precision_{average}"] = metrics.precision_score(y_true, y_pred, average=average)
        case[f"recall_{average}"] = metrics.recall_score(y_true, y_pred, average=average)
        case[f"f1_{average}"] = metrics.f1_score(y_true, y_pred, average=average)
        case[f"fbeta05_{average}"] = metrics.fbeta_score(y_true, y_pred, beta=0.5, average=average)
    p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, average=None)
    case["per_class"] = {"precision": floats(p), "recall": floats(r), "f1": floats(f), "support": s.tolist()}
    p, r, f, _ = metrics.precision_recall_fscore_support(y_true, y_pred, beta=2.0, average=None)
    case["per_class_beta2"] = {"precision": floats(p), "recall": floats(r), "fscore": floats(f)}

    if len(union) == 2:
        pos = union[1]
        case["pos_label"] = labels_json([pos])[0]
        case["precision_binary"] = metrics.precision_score(y_true, y_pred, pos_label=pos)
        case["recall_binary"] = metrics.recall_score(y_true, y_pred, pos_label=pos)
        case["f1_binary"] = metrics.f1_score(y_true, y_pred, pos_label=pos)
    if len(classes) == 2:
        # Binary ranking metrics take the score of the greater (positive) label.
        score = proba[:, 1]
        case["log_loss_one_column"] = metrics.log_loss(y_true, score)
        case["roc_auc"] = metrics.roc_auc_score(y_true, score)
        fpr, tpr, thr = metrics.roc_curve(y_true, score, pos_label=classes[1])
        assert math.isinf(thr[0])
        # JSON has no infinity: the leading +inf threshold is checked in Rust.
        case["roc_curve"] = {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds_after_inf": floats(thr[1:])}
        fpr, tpr, thr = metrics.roc_curve(y_true, score, pos_label=classes[0])
        case["roc_curve_neg"] = {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds_after_inf": floats(thr[1:])}
    else:
        case["roc_auc_ovr"] = metrics.roc_auc_score(y_true, proba, multi_class="ovr", average="macro")
    return case


cases = []

# 1. Binary 0/1, balanced-ish, scores on a coarse grid (ties) including exact
#    0 and 1 probabilities (log_loss clipping).
n = 40
y_true = rng.integers(0, 2, size=n)
score = np.round(np.clip(0.35 * y_true + rng.uniform(0, 0.7, size=n), 0, 1), 1)
score[:2] = [0.0, 1.0]
y_true[:2] = [1, 0]  # confidently wrong: log(eps) after clipping
y_pred = (score >= 0.5).astype(np.int64)
proba = np.column_stack([1 - score, score])
cases.append(classification_case("binary_ties", y_true, y_pred, proba, "int"))

# 2. Imbalanced binary with string labels: 'neg' < 'pos', so 'pos' is positive.
n = 60
is_pos = rng.uniform(size=n) < 0.12
score = np.round(np.clip(0.3 * is_pos + rng.beta(2, 5, size=n), 0.01, 0.99), 2)
y_true = np.where(is_pos, "pos", "neg")
y_pred = np.where(score >= 0.4, "pos", "neg")
proba = np.column_stack([1 - score, score])
cases.append(classification_case("imbalanced_strings", y_true, y_pred, proba, "string"))

# 3. Three classes, probabilities from small integer weights (many ties),
#    predictions mostly the argmax with some noise.
n = 60
y_true = rng.integers(0, 3, size=n)
proba = weight_proba(n, 3)
proba_boost = proba.copy()
proba_boost[np.arange(n), y_true] += 0.3
y_pred = np.argmax(proba_boost + rng.uniform(0, 0.4, size=(n, 3)), axis=1)
cases.append(classification_case("three_classes", y_true, y_pred, proba, "int"))

# 4. Four classes in y_true; y_pred never predicts 3 (precision 0/0) and
#    predicts 4, which never occurs in y_true (recall 0/0, and balanced
#    accuracy ignores it).
n = 50
y_true = rng.integers(0, 4, size=n)
y_pred = y_true.copy()
flip = rng.uniform(size=n) < 0.4
y_pred[flip] = rng.integers(0, 3, size=flip.sum())
y_pred[y_pred == 3] = 4
y_pred[y_true == 3] = rng.choice([0, 1, 2, 4], size=(y_true == 3).sum())
proba = weight_proba(n, 4, max_weight=3)
cases.append(classification_case("four_classes_zero_division", y_true, y_pred, proba, "int"))

regression = []
for name, y_true, y_pred in [
    ("noisy", rng.normal(3.0, 2.0, size=50), None),
    ("large_offset", rng.normal(1e4, 1.0, size=30), None),
]:
    y_pred = y_true + rng.normal(0.0, 0.7, size=y_true.shape)
    regression.append(
        {
            "name": name,
            "y_true": floats(y_true),
            "y_pred": floats(y_pred),
            "r2": metrics.r2_score(y_true, y_pred),
            "mse": metrics.mean_squared_error(y_true, y_pred),
            "rmse": metrics.root_mean_squared_error(y_true, y_pred),
            "mae": metrics.mean_absolute_error(y_true, y_pred),
        }
    )
# Constant targets: scikit-learn's force_finite gives 1.0 (perfect) or 0.0.
regression.append(
    {
        "name": "constant_target",
        "y_true": [2.0, 2.0, 2.0],
        "y_pred": [2.0, 2.5, 1.0],
        "r2": metrics.r2_score([2.0, 2.0, 2.0], [2.0, 2.5, 1.0]),
        "mse": metrics.mean_squared_error([2.0, 2.0, 2.0], [2.0, 2.5, 1.0]),
        "rmse": metrics.root_mean_squared_error([2.0, 2.0, 2.0], [2.0, 2.5, 1.0]),
        "mae": metrics.mean_absolute_error([2.0, 2.0, 2.0], [2.0, 2.5, 1.0]),
    }
)

fixture = {
    "generator": "tools/reference/metrics.py",
    "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    "classification": cases,
    "regression": regression,
}
OUT.write_text(json.dumps(fixture, indent=1) + "\n")
print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
