"""Reference values for GaussianMixture (tests/fixtures/gaussian_mixture.json).

Run from the repository root: python3 tools/reference/gaussian_mixture.py
Versions pinned in tools/reference/requirements.txt.

Every case starts from explicit weights_init, means_init and precisions_init
(or has a single component, whose k-means start is every sample), so the EM
path is the same on both sides whatever the random generators. Cases: each
covariance type at the default tol, with a few iterations only (stopped
before converging), with a large reg_covar, and one component. The fitted
attributes, n_iter, lower_bound, the fit_predict labels, and predict_proba,
score_samples, score, bic and aic on the training data are stored.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

assert sklearn.__version__ == "1.9.1", sklearn.__version__

rng = np.random.RandomState(16)
centers = np.array([[0.0, 0.0, 0.0], [3.0, 3.0, 0.5], [0.0, 4.0, 4.0]])
scales = [np.array([[1.0, 0.3, 0.0], [0.0, 0.7, 0.2], [0.1, 0.0, 0.5]]),
          np.diag([0.5, 1.2, 0.8]),
          np.array([[0.8, 0.0, 0.0], [0.4, 0.6, 0.0], [0.0, 0.3, 1.1]])]
y = rng.randint(0, 3, 120)
X = np.array([centers[c] + rng.randn(3) @ scales[c] for c in y])

# A deliberately rough start: perturbed means, equal weights, unit precisions.
k, d = 3, 3
means_init = centers + rng.randn(3, 3) * 0.6
weights_init = np.array([0.3, 0.3, 0.4])
start_cov = [np.eye(d) * s + 0.2 * np.ones((d, d)) for s in (1.0, 1.5, 0.8)]
precisions_init = {
    "full": np.array([np.linalg.inv(c) for c in start_cov]),
    "tied": np.linalg.inv(start_cov[1]),
    "diag": np.array([[1.0, 0.8, 1.2], [0.5, 1.0, 0.9], [1.5, 1.1, 0.7]]),
    "spherical": np.array([1.0, 0.6, 1.4]),
}


def as_list(a):
    return np.asarray(a).tolist()


cases = {}


def case(name, params, explicit=True):
    params = dict(params)
    model_params = dict(params)
    if explicit:
        model_params.update(weights_init=weights_init, means_init=means_init,
                            precisions_init=precisions_init[params["covariance_type"]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = GaussianMixture(**model_params)
        labels = model.fit_predict(X)
    cases[name] = {
        "params": params,
        "explicit": explicit,
        "weights": as_list(model.weights_),
        "means": as_list(model.means_),
        "covariances": as_list(model.covariances_),
        "precisions": as_list(model.precisions_),
        "precisions_cholesky": as_list(model.precisions_cholesky_),
        "converged": bool(model.converged_),
        "n_iter": int(model.n_iter_),
        "lower_bound": float(model.lower_bound_),
        "fit_predict": as_list(labels),
        "predict": as_list(model.predict(X)),
        "predict_proba": as_list(model.predict_proba(X)),
        "score_samples": as_list(model.score_samples(X)),
        "score": float(model.score(X)),
        "bic": float(model.bic(X)),
        "aic": float(model.aic(X)),
    }


for cov in ["full", "tied", "diag", "spherical"]:
    case(f"{cov}_default", {"n_components": 3, "covariance_type": cov})
    case(f"{cov}_three_iterations", {"n_components": 3, "covariance_type": cov, "max_iter": 3})
    case(f"{cov}_tight", {"n_components": 3, "covariance_type": cov, "tol": 1e-10, "max_iter": 500,
                          "reg_covar": 1e-3})
    case(f"{cov}_single", {"n_components": 1, "covariance_type": cov}, explicit=False)

out = {
    "sklearn_version": sklearn.__version__,
    "X": X.tolist(),
    "weights_init": weights_init.tolist(),
    "means_init": means_init.tolist(),
    "precisions_init": {name: p.tolist() for name, p in precisions_init.items()},
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "gaussian_mixture.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"{len(cases)} cases written to {os.path.normpath(path)}")
for name, c in cases.items():
    print(name, c["n_iter"], c["converged"], c["lower_bound"])
