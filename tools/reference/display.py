"""Reference data for the displays (tests/fixtures/display.json): the
numbers scikit-learn's RocCurveDisplay, PrecisionRecallDisplay,
DetCurveDisplay, CalibrationDisplay, ConfusionMatrixDisplay and
PredictionErrorDisplay hold, computed with the functions those displays
call (`roc_curve` + `auc`, `precision_recall_curve` +
`average_precision_score`, `det_curve`, `calibration_curve`,
`confusion_matrix(normalize=...)`), so that no matplotlib is needed.

Run from the repository root: python3 tools/reference/display.py
Versions pinned in tools/reference/requirements.txt. The data are small and
random, stored in the fixture (JSON floats round-trip exactly). A first
threshold of +inf is written as null.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    auc,
    average_precision_score,
    confusion_matrix,
    det_curve,
    precision_recall_curve,
    roc_curve,
)

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(19)


def floats(a):
    return [None if not np.isfinite(v) else float(v) for v in np.asarray(a, dtype=float)]


def binary_case(n, ties):
    y = rng.randint(0, 2, n)
    score = y * 0.8 + rng.randn(n)
    if ties:
        score = np.round(score, 1)
    return y, score


binary = {
    "continuous": binary_case(60, False),
    "ties": binary_case(80, True),
}
# Probabilities for the calibration curve.
y_cal = rng.randint(0, 2, 200)
p_cal = np.clip(0.5 + 0.3 * (y_cal - 0.5) + 0.2 * rng.randn(200), 0.0, 1.0)

out = {"binary": {}, "calibration": {}, "confusion": {}, "prediction_error": {}}
for name, (y, s) in binary.items():
    fpr, tpr, thr = roc_curve(y, s)
    precision, recall, pr_thr = precision_recall_curve(y, s)
    det_fpr, det_fnr, det_thr = det_curve(y, s)
    out["binary"][name] = {
        "y_true": [int(v) for v in y],
        "y_score": floats(s),
        "roc": {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(thr), "auc": float(auc(fpr, tpr))},
        "pr": {
            "precision": floats(precision),
            "recall": floats(recall),
            "thresholds": floats(pr_thr),
            "average_precision": float(average_precision_score(y, s)),
        },
        "det": {"fpr": floats(det_fpr), "fnr": floats(det_fnr), "thresholds": floats(det_thr)},
    }

out["calibration"] = {"y_true": [int(v) for v in y_cal], "y_prob": floats(p_cal), "cases": {}}
for strategy in ["uniform", "quantile"]:
    for n_bins in [5, 10]:
        prob_true, prob_pred = calibration_curve(y_cal, p_cal, n_bins=n_bins, strategy=strategy)
        out["calibration"]["cases"][f"{strategy}_{n_bins}"] = {
            "strategy": strategy,
            "n_bins": n_bins,
            "prob_true": floats(prob_true),
            "prob_pred": floats(prob_pred),
        }

# Three classes; class 2 is never predicted (its column sums to zero) and
# class 3 only predicted (its row sums to zero): normalisation's 0/0 → 0.
y_true = rng.randint(0, 3, 30)
y_pred = np.where(rng.rand(30) < 0.6, y_true, rng.randint(0, 2, 30))
y_pred[y_pred == 2] = 0
y_pred[:2] = 3
out["confusion"] = {"y_true": [int(v) for v in y_true], "y_pred": [int(v) for v in y_pred], "cases": {}}
for normalize in [None, "true", "pred", "all"]:
    with np.errstate(all="ignore"):
        cm = confusion_matrix(y_true, y_pred, normalize=normalize)
    out["confusion"]["cases"][str(normalize).lower()] = [floats(row) for row in cm]

y_reg = rng.randn(40) * 3 + 10
y_hat = y_reg + rng.randn(40)
out["prediction_error"] = {
    "y_true": floats(y_reg),
    "y_pred": floats(y_hat),
    # PredictionErrorDisplay(kind="residual_vs_predicted") plots y_pred
    # against y_true - y_pred.
    "residuals": floats(y_reg - y_hat),
}

path = os.path.join("tests", "fixtures", "display.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
