"""Reference values for the curve and agreement metrics, calibration_curve,
IsotonicRegression and CalibratedClassifierCV (tests/fixtures/curves.json).

Run from the repository root: python3 tools/reference/curves.py
Versions pinned in tools/reference/requirements.txt.

The data are small and random, stored in the fixture itself (JSON floats
round-trip exactly). Scores are given both continuous and rounded to one
decimal, so that tied scores (one shared threshold) are covered.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import RidgeClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    cohen_kappa_score,
    det_curve,
    matthews_corrcoef,
    precision_recall_curve,
    top_k_accuracy_score,
)
from sklearn.model_selection import StratifiedKFold

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(19)
out = {}


def lst(a):
    return np.asarray(a, dtype=float).tolist()


def lst_inf(a):
    """JSON has no infinity: +inf thresholds are written as null."""
    return [None if np.isposinf(v) else float(v) for v in np.asarray(a, dtype=float)]


# --- binary curves -------------------------------------------------------
binary = []
for name, n, rounded in [("continuous", 40, False), ("ties", 40, True), ("small", 7, True)]:
    y = rng.randint(0, 2, n)
    y[0], y[1] = 0, 1  # both classes present
    score = 1.0 / (1.0 + np.exp(-(1.2 * (y - 0.5) + rng.randn(n))))
    if rounded:
        score = np.round(score, 1)
    for pos_label in (1, 0):
        p, r, t = precision_recall_curve(y, score, pos_label=pos_label)
        fpr, fnr, dt = det_curve(y, score, pos_label=pos_label)
        prob = score if pos_label == 1 else 1.0 - score
        binary.append(
            {
                "name": f"{name}_pos{pos_label}",
                "y_true": y.tolist(),
                "y_score": lst(score),
                "pos_label": pos_label,
                "precision": lst(p),
                "recall": lst(r),
                "thresholds": lst(t),
                "average_precision": average_precision_score(y, score, pos_label=pos_label),
                "det_fpr": lst(fpr),
                "det_fnr": lst(fnr),
                "det_thresholds": lst_inf(dt),
                "y_prob": lst(prob),
                "brier": brier_score_loss(y, prob, pos_label=pos_label),
                "top1_1d": top_k_accuracy_score(y, score, k=1) if pos_label == 1 else None,
                "calibration": [
                    {
                        "n_bins": n_bins,
                        "strategy": strategy,
                        "prob_true": lst(ct[0]),
                        "prob_pred": lst(ct[1]),
                    }
                    for n_bins in (5, 10)
                    for strategy in ("uniform", "quantile")
                    for ct in [calibration_curve(y, prob, pos_label=pos_label, n_bins=n_bins, strategy=strategy)]
                ],
            }
        )
out["binary"] = binary

# --- multiclass ------------------------------------------------------------
multiclass = []
for name, n, k in [("three", 30, 3), ("five", 60, 5)]:
    y = np.arange(n) % k
    rng.shuffle(y)
    logits = rng.randn(n, k) + 1.5 * np.eye(k)[y]
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y_pred = np.where(rng.rand(n) < 0.6, y, rng.randint(0, k, n))
    multiclass.append(
        {
            "name": name,
            "y_true": y.tolist(),
            "y_pred": y_pred.tolist(),
            "proba": proba.tolist(),
            "mcc": matthews_corrcoef(y, y_pred),
            "kappa": cohen_kappa_score(y, y_pred),
            "kappa_linear": cohen_kappa_score(y, y_pred, weights="linear"),
            "kappa_quadratic": cohen_kappa_score(y, y_pred, weights="quadratic"),
            "top_k": {str(kk): top_k_accuracy_score(y, proba, k=kk) for kk in range(1, k)},
            "average_precision_macro": average_precision_score(y, proba),
            "brier": brier_score_loss(y, proba),
        }
    )
# Ties in the scores, for the top-k ranking rule.
y = np.array([0, 1, 2, 2, 1, 0, 2, 1])
tied = np.round(rng.rand(8, 3), 1)
tied[:3] = [[0.3, 0.3, 0.4], [0.5, 0.5, 0.0], [0.2, 0.4, 0.4]]
multiclass.append(
    {
        "name": "tied_top_k",
        "y_true": y.tolist(),
        "y_pred": y[::-1].tolist(),
        "proba": (tied / tied.sum(axis=1, keepdims=True)).tolist(),
    }
)
t = np.array(multiclass[-1]["proba"])
multiclass[-1].update(
    {
        "mcc": matthews_corrcoef(y, y[::-1]),
        "kappa": cohen_kappa_score(y, y[::-1]),
        "kappa_linear": cohen_kappa_score(y, y[::-1], weights="linear"),
        "kappa_quadratic": cohen_kappa_score(y, y[::-1], weights="quadratic"),
        "top_k": {str(kk): top_k_accuracy_score(y, t, k=kk) for kk in (1, 2)},
        "average_precision_macro": average_precision_score(y, t),
        "brier": brier_score_loss(y, t),
    }
)
out["multiclass"] = multiclass

# --- isotonic regression ---------------------------------------------------
def nan_to_none(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=float)]


isotonic = []
n = 50
x = np.round(rng.uniform(0, 10, n), 1)  # rounded: duplicate x values
x[:4] = [2.0, 2.0, 2.0, 7.5]
y_up = 0.5 * x + rng.randn(n)
y_down = -0.3 * x + rng.randn(n)
w = rng.uniform(0.1, 3.0, n)
w[::9] = 0.0
grid = np.concatenate([[-1.0, x.min(), x.max(), 11.0], np.linspace(0.05, 9.95, 23)])
for name, target, params, weighted in [
    ("increasing", y_up, {}, False),
    ("increasing_weighted", y_up, {}, True),
    ("decreasing", y_down, {"increasing": False}, False),
    ("auto_down", y_down, {"increasing": "auto"}, True),
    ("auto_up", y_up, {"increasing": "auto"}, False),
    ("bounded_clip", y_up, {"y_min": 0.5, "y_max": 4.0, "out_of_bounds": "clip"}, True),
]:
    model = IsotonicRegression(**params).fit(x, target, sample_weight=w if weighted else None)
    isotonic.append(
        {
            "name": name,
            "params": params,
            "x": lst(x),
            "y": lst(target),
            "sample_weight": lst(w) if weighted else None,
            "X_thresholds": lst(model.X_thresholds_),
            "y_thresholds": lst(model.y_thresholds_),
            "increasing": bool(model.increasing_),
            "grid": lst(grid),
            "predict": nan_to_none(model.predict(grid)),
        }
    )
out["isotonic"] = isotonic

# --- CalibratedClassifierCV ------------------------------------------------
# Closed-form base classifiers (RidgeClassifier's decision function,
# GaussianNB's probabilities), so that only the calibration is compared.
def classification(n, n_classes, p):
    y = np.arange(n) % n_classes
    rng.shuffle(y)
    centers = rng.randn(n_classes, p) * 1.2
    X = centers[y] + rng.randn(n, p)
    return X, y


calibrated = []
Xb, yb = classification(90, 2, 3)
Xm, ym = classification(120, 3, 4)
Xb_test = rng.randn(15, 3) * 1.5
Xm_test = rng.randn(15, 4) * 1.5
for data_name, X, y, X_test in [("binary", Xb, yb, Xb_test), ("multiclass", Xm, ym, Xm_test)]:
    for base_name, base in [("ridge", RidgeClassifier()), ("gaussian_nb", GaussianNB())]:
        for method in ("sigmoid", "isotonic"):
            for ensemble in (True, False):
                for n_splits in (3, 5):
                    model = CalibratedClassifierCV(
                        base, method=method, cv=StratifiedKFold(n_splits), ensemble=ensemble
                    ).fit(X, y)
                    calibrated.append(
                        {
                            "name": f"{data_name}_{base_name}_{method}_{'ensemble' if ensemble else 'single'}_{n_splits}",
                            "data": data_name,
                            "base": base_name,
                            "method": method,
                            "ensemble": ensemble,
                            "n_splits": n_splits,
                            "proba": model.predict_proba(X_test).tolist(),
                        }
                    )
out["calibration_data"] = {
    "binary": {"X": Xb.tolist(), "y": yb.tolist(), "X_test": Xb_test.tolist()},
    "multiclass": {"X": Xm.tolist(), "y": ym.tolist(), "X_test": Xm_test.tolist()},
}
out["calibrated"] = calibrated

path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "curves.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"{len(binary)} binary and {len(multiclass)} multiclass cases written to {os.path.normpath(path)}")
