"""Side-by-side benchmark driver: scikit-learn vs learnkit on the same data.

Run through ``benches/compare/run.sh`` (which sets up the pinned venv and caps
every thread pool at the same count before Python starts); see
``benches/README.md``.

For each task it
1. generates the data with numpy (fixed seeds) and writes it to
   ``target/compare-data/`` unless an identical copy is already there,
2. times scikit-learn (median of ``--repeats`` runs),
3. runs the learnkit side, ``cargo bench --bench compare -- <task> <dir>``,
   which reads the same files and prints one JSON line,
4. prints one table for all tasks.

Binary format shared with ``benches/compare.rs`` (all little-endian):
8 bytes magic ``LKDATA01``, 8 bytes dtype (``f64``/``i64``, NUL-padded),
u64 rows, u64 cols (1 for a vector), then the values row-major.
``forest_mnist`` (and the other MNIST tasks) writes nothing: both sides read the IDX files in
``datasets/mnist/``.

For the tasks in ``MEMORY_TASKS`` it also measures the peak memory of one
fit on each side, each in a fresh process that loads the training data,
resets the kernel's high-water mark, fits once and reads ``VmHWM`` (see
``memory_probe``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import sklearn
from threadpoolctl import threadpool_limits

MAGIC = b"LKDATA01"
ROOT = Path(__file__).resolve().parents[2]

# Bump when the generation code changes, so cached files are rebuilt.
DATA_VERSION = 1


# ------------------------------------------------------------------ data files


def write_array(path: Path, array: np.ndarray) -> None:
    dtype = {np.dtype("float64"): b"f64", np.dtype("int64"): b"i64"}[array.dtype]
    rows = array.shape[0]
    cols = array.shape[1] if array.ndim == 2 else 1
    header = MAGIC + dtype.ljust(8, b"\0") + np.array([rows, cols], dtype="<u8").tobytes()
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        f.write(header)
        np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tofile(f)
    # Renamed into place only once complete, so an interrupted run never
    # leaves a truncated file that looks valid.
    tmp.replace(path)


def read_array(path: Path) -> np.ndarray:
    with open(path, "rb") as f:
        header = f.read(32)
        if header[:8] != MAGIC:
            raise ValueError(f"{path}: not a compare data file")
        dtype = {b"f64": "<f8", b"i64": "<i8"}[header[8:16].rstrip(b"\0")]
        rows, cols = np.frombuffer(header[16:32], dtype="<u8")
        data = np.fromfile(f, dtype=dtype)
    if data.size != rows * cols:
        raise ValueError(f"{path}: header says {rows} x {cols}, file holds {data.size} values")
    return data.reshape(rows, cols) if cols != 1 else data


def cached(data_dir: Path, task: str, params: dict, files: list[str], generate) -> None:
    """Runs ``generate`` unless the files exist and were made with ``params``."""
    manifest = data_dir / f"{task}.manifest.json"
    want = {"version": DATA_VERSION, "numpy": np.__version__, "sklearn": sklearn.__version__, **params}
    if manifest.exists() and all((data_dir / f).exists() for f in files):
        if json.loads(manifest.read_text()) == want:
            print(f"[{task}] data: reusing {data_dir}", file=sys.stderr)
            return
    print(f"[{task}] data: generating into {data_dir}", file=sys.stderr)
    start = time.perf_counter()
    generate()
    manifest.write_text(json.dumps(want, indent=1))
    print(f"[{task}] data: done in {time.perf_counter() - start:.1f} s", file=sys.stderr)


# ----------------------------------------------------------------------- tasks


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def scaler_data(data_dir: Path) -> None:
    rows, cols = 2_000_000, 50

    def generate():
        rng = np.random.default_rng(0)
        x = rng.standard_normal((rows, cols))
        # Every column its own scale and shift, so mean and scale both matter.
        x *= rng.uniform(0.5, 20.0, cols)
        x += rng.uniform(-100.0, 100.0, cols)
        write_array(data_dir / "scaler_X.bin", x)

    cached(data_dir, "scaler", {"rows": rows, "cols": cols, "seed": 0}, ["scaler_X.bin"], generate)


def scaler_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.preprocessing import StandardScaler

    x = read_array(data_dir / "scaler_X.bin")
    fit, transform, total = [], [], []
    for _ in range(repeats):
        fit_s, model = timed(lambda: StandardScaler().fit(x))
        transform_s, z = timed(lambda: model.transform(x))
        # Freeing the output stays outside the timed region, as in compare.rs.
        del z
        fit.append(fit_s)
        transform.append(transform_s)
        total.append(fit_s + transform_s)
    # learnkit's "score" is how close its mean_/scale_ are to these.
    write_array(data_dir / "scaler_ref.bin", np.vstack([model.mean_, model.scale_]))
    return {
        "task": "scaler",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "transform_s": statistics.median(transform),
        "total_s": statistics.median(total),
        "score_name": "max rel diff mean_/scale_ vs sklearn",
        "score": 0.0,
    }


def logistic_data(data_dir: Path) -> None:
    params = {"n_samples": 100_000, "n_features": 100, "n_informative": 40, "n_classes": 5, "random_state": 2}

    def generate():
        from sklearn.datasets import make_classification
        from sklearn.preprocessing import StandardScaler

        x, y = make_classification(**params)
        # Standardised once here, so both libraries fit the very same matrix.
        x = StandardScaler().fit_transform(x)
        write_array(data_dir / "logistic_X.bin", x)
        write_array(data_dir / "logistic_y.bin", y.astype(np.int64))

    cached(data_dir, "logistic", params, ["logistic_X.bin", "logistic_y.bin"], generate)


def logistic_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    x = read_array(data_dir / "logistic_X.bin")
    y = read_array(data_dir / "logistic_y.bin")
    fit = []
    converged = True
    for _ in range(repeats):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            fit_s, model = timed(lambda: LogisticRegression(C=1.0).fit(x, y))
        converged &= not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        fit.append(fit_s)
    predict_s, proba = timed(lambda: model.predict_proba(x))
    return {
        "task": "logistic",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "predict_s": predict_s,
        "score_name": "training log loss",
        "score": log_loss(y, proba),
        "n_iter": int(np.max(model.n_iter_)),
        "converged": converged,
    }


# Random forests. Each task writes a fixed train/test split, so both libraries
# fit the same rows and are scored on the same held-out rows. The learnkit
# side arrives with the forest (issue 3); until then benches/compare.rs does
# not know these tasks and the table marks them "not in learnkit yet".

FOREST_SPLIT_FILES = ["X_train.bin", "y_train.bin", "X_test.bin", "y_test.bin"]


def write_split(data_dir: Path, task: str, x_train, y_train, x_test, y_test, regression: bool = False) -> None:
    """The four split files; class labels as i64, regression targets as f64."""
    for name, array in zip(FOREST_SPLIT_FILES, [x_train, y_train, x_test, y_test]):
        if name.startswith("y"):
            array = np.asarray(array).astype(np.float64 if regression else np.int64)
        write_array(data_dir / f"{task}_{name}", np.ascontiguousarray(array, dtype=array.dtype))


def make_classification_split(task: str, params: dict, n_train: int, standardise: bool = False):
    """make_classification(**params): the first n_train rows train, the rest
    test; with ``standardise``, both scaled by the training rows' statistics."""

    def data(data_dir: Path) -> None:
        def generate():
            from sklearn.datasets import make_classification
            from sklearn.preprocessing import StandardScaler

            x, y = make_classification(**params)
            x_train, x_test = x[:n_train], x[n_train:]
            if standardise:
                scaler = StandardScaler().fit(x_train)
                x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
            write_split(data_dir, task, x_train, y[:n_train], x_test, y[n_train:])

        files = [f"{task}_{f}" for f in FOREST_SPLIT_FILES]
        cached(data_dir, task, {**params, "n_train": n_train}, files, generate)

    return data


forest_data = make_classification_split(
    "forest", {"n_samples": 50_000, "n_features": 40, "n_informative": 20, "random_state": 0}, n_train=40_000
)
# The configuration of issue 3's speed targets: 50,000 rows to train, the
# last 10,000 to test, max_features=sqrt (the default).
forest_target_data = make_classification_split(
    "forest_target",
    {"n_samples": 60_000, "n_features": 20, "n_informative": 10, "n_redundant": 5, "random_state": 0},
    n_train=50_000,
)
# Issue 14's wide task: as forest_target but 2,000 features, of which 50
# informative and 50 redundant (linear combinations of them), the other 1,900
# noise. max_features=sqrt draws 44 per node, mostly noise: the per-node cost
# of each drawn feature on few rows decides the speed, as on MNIST.
forest_wide_data = make_classification_split(
    "forest_wide",
    {"n_samples": 60_000, "n_features": 2_000, "n_informative": 50, "n_redundant": 50, "random_state": 0},
    n_train=50_000,
)


def forest_digits_data(data_dir: Path) -> None:
    params = {"dataset": "load_digits", "test_size": 0.25, "random_state": 0}

    def generate():
        from sklearn.datasets import load_digits
        from sklearn.model_selection import train_test_split

        x, y = load_digits(return_X_y=True)
        x_train, x_test, y_train, y_test = train_test_split(
            x.astype(np.float64), y, test_size=params["test_size"], random_state=params["random_state"]
        )
        write_split(data_dir, "forest_digits", x_train, y_train, x_test, y_test)

    files = [f"forest_digits_{f}" for f in FOREST_SPLIT_FILES]
    cached(data_dir, "forest_digits", params, files, generate)


MNIST_DIR = ROOT / "datasets" / "mnist"


def read_idx(path: Path) -> np.ndarray:
    """An IDX file of unsigned bytes, gzip'd (detected by its magic bytes, as
    learnkit's reader does) or raw."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if raw[:3] != b"\0\0\x08":
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    ndim = raw[3]
    dims = np.frombuffer(raw, dtype=">u4", count=ndim, offset=4).astype(int)
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_mnist() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """MNIST as ``learnkit::datasets::load_mnist`` returns it: one row of 784
    pixels per image, ``pixel / 255.0`` (bit-identical values), int labels."""

    def split(prefix: str):
        images = read_idx(MNIST_DIR / f"{prefix}-images-idx3-ubyte.gz")
        labels = read_idx(MNIST_DIR / f"{prefix}-labels-idx1-ubyte.gz")
        return images.reshape(len(images), -1).astype(np.float64) / 255.0, labels.astype(np.int64)

    x_train, y_train = split("train")
    x_test, y_test = split("t10k")
    return x_train, y_train, x_test, y_test


def forest_mnist_data(data_dir: Path) -> None:
    """Nothing to generate: both sides read datasets/mnist/ directly."""
    missing = [f for f in ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"] if not (MNIST_DIR / f).exists()]
    if missing:
        raise SystemExit(f"[forest_mnist] missing {missing} in {MNIST_DIR}")


def load_forest_split(data_dir: Path, task: str):
    """The train/test split of a forest task: X_train, y_train, X_test, y_test."""
    if task == "forest_mnist":
        return load_mnist()
    return tuple(read_array(data_dir / f"{task}_{name}") for name in FOREST_SPLIT_FILES)


def accuracy(y_test, predicted) -> float:
    return float(np.mean(predicted == y_test))


def classifier_runs(task: str, make_model, split, repeats: int, predict="predict", score=("test accuracy", accuracy)):
    """Fits a fresh `make_model()` on the training rows and calls its
    `predict` method on the test rows `repeats` times: the result (median
    times, `score` of the last run's output) and the last fitted model."""
    x_train, y_train, x_test, y_test = split
    fit, predict_times, cores = [], [], []
    for _ in range(repeats):
        cpu_start = time.process_time()  # every thread of the process
        fit_s, model = timed(lambda: make_model().fit(x_train, y_train))
        cores.append((time.process_time() - cpu_start) / fit_s)
        predict_s, output = timed(lambda: getattr(model, predict)(x_test))
        fit.append(fit_s)
        predict_times.append(predict_s)
    score_name, score_fn = score
    result = {
        "task": task,
        "library": "scikit-learn",
        "rows": x_train.shape[0],
        "cols": x_train.shape[1],
        "test_rows": x_test.shape[0],
        "fit_s": statistics.median(fit),
        "predict_s": statistics.median(predict_times),
        "fit_cores": statistics.median(cores),
        "score_name": score_name,
        "score": score_fn(y_test, output),
    }
    return result, model


def forest_sklearn(task: str):
    """RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=0):
    fit on the training rows, predict the test rows, test accuracy; also the
    median time to predict a single row."""

    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        from sklearn.ensemble import RandomForestClassifier

        x_train, y_train, x_test, y_test = load_forest_split(data_dir, task)
        result, model = classifier_runs(
            task,
            lambda: RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=0),
            (x_train, y_train, x_test, y_test),
            repeats,
        )
        one_row = x_test[:1]
        model.predict(one_row)  # warm-up
        single = [timed(lambda: model.predict(one_row))[0] for _ in range(50)]
        result["predict_one_s"] = statistics.median(single)
        return result

    return run


# PCA (issue 6): X = A @ B + 0.1 * noise, A 50,000 x 50 and B 50 x 300
# standard normal, 30 components; each solver against the same solver. The
# learnkit side's score is its largest difference from scikit-learn's
# explained_variance_ratio_, which the scikit-learn run writes beside the data.
PCA_SOLVERS = {"pca_cov": "covariance_eigh", "pca_full": "full", "pca_randomized": "randomized"}


def pca_data(data_dir: Path) -> None:
    params = {"rows": 50_000, "rank": 50, "cols": 300, "noise": 0.1, "seed": 0}

    def generate():
        rng = np.random.default_rng(params["seed"])
        a = rng.standard_normal((params["rows"], params["rank"]))
        b = rng.standard_normal((params["rank"], params["cols"]))
        x = a @ b + params["noise"] * rng.standard_normal((params["rows"], params["cols"]))
        write_array(data_dir / "pca_X.bin", x)

    cached(data_dir, "pca", params, ["pca_X.bin"], generate)


def pca_sklearn(task: str):
    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        from sklearn.decomposition import PCA

        x = read_array(data_dir / "pca_X.bin")
        solver = PCA_SOLVERS[task]
        fit, transform = [], []
        for _ in range(repeats):
            fit_s, model = timed(lambda: PCA(n_components=30, svd_solver=solver, random_state=0).fit(x))
            transform_s, z = timed(lambda: model.transform(x))
            del z
            fit.append(fit_s)
            transform.append(transform_s)
        # The reference ratios: the exact ones. A randomized solver is scored by
        # its distance from them (two randomized runs differ by their random
        # matrices: ~1e-4 between scikit-learn's own seeds on this data).
        exact = model.explained_variance_ratio_
        if solver == "randomized":
            exact = PCA(n_components=30, svd_solver="covariance_eigh").fit(x).explained_variance_ratio_
        write_array(data_dir / f"{task}_ref.bin", exact.reshape(1, -1))
        return {
            "task": task,
            "library": "scikit-learn",
            "rows": x.shape[0],
            "cols": x.shape[1],
            "fit_s": statistics.median(fit),
            "predict_s": statistics.median(transform),
            "score_name": "max |diff| of explained_variance_ratio_ from the exact one (transform in the predict column)",
            "score": float(np.abs(model.explained_variance_ratio_ - exact).max()),
        }

    return run
# Histogram gradient boosting on Adult (census income): the CSVs are read
# here, the 8 categorical columns become ordinal codes (the training rows'
# categories in sorted order; "?" and categories unseen in training are NaN),
# and both libraries fit with native categorical support on the same split.
ADULT_CATEGORICAL = ["workclass", "education", "marital_status", "occupation", "relationship", "race", "sex",
                     "native_country"]


def adult_dir() -> Path:
    """The repository's datasets/ (adult_*.csv.gz, what load_adult() embeds)."""
    return ROOT / "datasets"


def read_adult(path: Path):
    """Header and rows of an Adult CSV, given as `adult_train.csv`: the
    gzip-compressed copy in datasets/ is read."""
    import csv
    import gzip

    with gzip.open(path.with_name(path.name + ".gz"), "rt", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def adult_arrays():
    """Adult encoded as learnkit's load_adult(): x_train, y_train, x_test,
    y_test (y is 1 for ">50K")."""
    folder = adult_dir()
    header, train = read_adult(folder / "adult_train.csv")
    _, test = read_adult(folder / "adult_test.csv")
    features = header[:-1]
    categories = {
        name: sorted({row[j] for row in train} - {"?"})
        for j, name in enumerate(features) if name in ADULT_CATEGORICAL
    }

    def encode(rows):
        x = np.empty((len(rows), len(features)))
        for j, name in enumerate(features):
            column = [row[j] for row in rows]
            if name in categories:
                codes = {c: k for k, c in enumerate(categories[name])}
                x[:, j] = [codes.get(v, np.nan) for v in column]
            else:
                x[:, j] = [np.nan if v == "?" else float(v) for v in column]
        y = np.array([row[-1] == ">50K" for row in rows], dtype=np.int64)
        return x, y

    return (*encode(train), *encode(test))


def hgb_data(data_dir: Path) -> None:
    folder = adult_dir()

    def generate():
        write_split(data_dir, "hgb", *adult_arrays())

    files = [f"hgb_{f}" for f in FOREST_SPLIT_FILES]
    cached(data_dir, "hgb", {"source": str(folder)}, files, generate)


def hgb_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    """HistGradientBoostingClassifier(max_iter=100, early_stopping=False,
    categorical_features=<the 8 columns>, random_state=0): fit, predict_proba
    on the test rows, test ROC-AUC."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score

    x_train, y_train, x_test, y_test = load_forest_split(data_dir, "hgb")
    header, _ = read_adult(adult_dir() / "adult_train.csv")
    categorical = [j for j, name in enumerate(header[:-1]) if name in ADULT_CATEGORICAL]
    result, _ = classifier_runs(
        "hgb",
        lambda: HistGradientBoostingClassifier(
            max_iter=100, early_stopping=False, categorical_features=categorical, random_state=0
        ),
        (x_train, y_train, x_test, y_test),
        repeats,
        predict="predict_proba",
        score=("test ROC-AUC", lambda y, proba: float(roc_auc_score(y, proba[:, 1]))),
    )
    return result


# Grid search (issue 7): 12 values of C x StratifiedKFold(5) of
# LogisticRegression, the best refitted, folds and candidates spread over
# `threads` workers on both sides (scikit-learn: n_jobs=threads, joblib).

GRID_CS = np.logspace(-3, 2, 12)


def grid_search_data(data_dir: Path) -> None:
    params = {"n_samples": 20_000, "n_features": 50, "random_state": 0}

    def generate():
        from sklearn.datasets import make_classification

        x, y = make_classification(**params)
        write_array(data_dir / "grid_search_X.bin", x)
        write_array(data_dir / "grid_search_y.bin", y.astype(np.int64))

    cached(data_dir, "grid_search", params, ["grid_search_X.bin", "grid_search_y.bin"], generate)


def grid_search_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    x = read_array(data_dir / "grid_search_X.bin")
    y = read_array(data_dir / "grid_search_y.bin")
    fit = []
    for _ in range(repeats):
        search = GridSearchCV(LogisticRegression(), {"C": GRID_CS}, cv=StratifiedKFold(5), n_jobs=threads)
        fit_s, search = timed(lambda: search.fit(x, y))
        fit.append(fit_s)
    return {
        "task": "grid_search",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "predict_s": None,
        "score_name": "best mean CV accuracy",
        "score": float(search.best_score_),
    }


# SVC (issue 5): make_classification(n_samples=12_000, n_features=30,
# n_informative=15, random_state=1), standardised with the training rows'
# statistics; the first 10,000 rows train, the last 2,000 test. SVC() at its
# defaults (RBF, C=1, gamma="scale"); libsvm is single-threaded.
svc_data = make_classification_split(
    "svc", {"n_samples": 12_000, "n_features": 30, "n_informative": 15, "random_state": 1}, 10_000, standardise=True
)


def svc_mnist_data(data_dir: Path) -> None:
    """Nothing to generate: both sides read datasets/mnist/ directly."""
    forest_mnist_data(data_dir)


def svc_sklearn(task: str):
    """SVC fit on the training rows, predict on the test rows, test accuracy.
    `svc`: SVC() at its defaults; `svc_mnist`: SVC(C=10) on MNIST (issue 5's
    headline setting)."""

    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        from sklearn.svm import SVC

        if task == "svc_mnist":
            x_train, y_train, x_test, y_test = load_mnist()
            c = 10.0
        else:
            x_train, y_train, x_test, y_test = load_forest_split(data_dir, task)
            c = 1.0
        result, model = classifier_runs(task, lambda: SVC(C=c), (x_train, y_train, x_test, y_test), repeats)
        result["n_support"] = int(model.n_support_.sum())
        return result

    return run


# SVR (issue 5): make_regression(n_samples=12_000, n_features=20,
# n_informative=10, noise=10, random_state=0), X and y standardised with the
# training rows' statistics; the first 10,000 rows train, the last 2,000 test.
# SVR() at its defaults (RBF, C=1, epsilon=0.1, gamma="scale"); libsvm is
# single-threaded.
def svr_data(data_dir: Path) -> None:
    params = {
        "n_samples": 12_000, "n_features": 20, "n_informative": 10, "noise": 10.0, "random_state": 0,
        "n_train": 10_000,
    }

    def generate():
        from sklearn.datasets import make_regression
        from sklearn.preprocessing import StandardScaler

        x, y = make_regression(**{k: v for k, v in params.items() if k != "n_train"})
        n = params["n_train"]
        scaler = StandardScaler().fit(x[:n])
        mean, std = y[:n].mean(), y[:n].std()
        parts = [scaler.transform(x[:n]), (y[:n] - mean) / std, scaler.transform(x[n:]), (y[n:] - mean) / std]
        for name, array in zip(FOREST_SPLIT_FILES, parts):
            write_array(data_dir / f"svr_{name}", np.ascontiguousarray(array, dtype=np.float64))

    cached(data_dir, "svr", params, [f"svr_{f}" for f in FOREST_SPLIT_FILES], generate)


def svr_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    """SVR() fit on the training rows, predict on the test rows, test R²."""
    from sklearn.metrics import r2_score
    from sklearn.svm import SVR

    split = load_forest_split(data_dir, "svr")
    result, model = classifier_runs(
        "svr", SVR, split, repeats, score=("test R²", lambda y, p: float(r2_score(y, p)))
    )
    result["n_support"] = int(model.support_.size)
    return result


# LinearSVC (issue 5): make_classification(n_samples=60_000, n_features=100,
# n_informative=30, n_classes=5, random_state=0), standardised with the
# training rows' statistics; the first 50,000 rows train, the last 10,000
# test. LinearSVC() at its defaults (squared hinge, dual="auto", which picks
# the primal Newton solver for these tall data); liblinear is
# single-threaded, learnkit solves the 5 one-vs-rest problems in parallel.
linear_svc_data = make_classification_split(
    "linear_svc",
    {"n_samples": 60_000, "n_features": 100, "n_informative": 30, "n_classes": 5, "random_state": 0},
    50_000,
    standardise=True,
)


def linear_svc_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    """LinearSVC() fit on the training rows, predict on the test rows, test accuracy."""
    from sklearn.svm import LinearSVC

    split = load_forest_split(data_dir, "linear_svc")
    result, model = classifier_runs("linear_svc", LinearSVC, split, repeats)
    result["n_iter"] = int(model.n_iter_)
    return result


# Gradient-boosting targets against LightGBM and at 1,000,000 rows (issue:
# gradient boosting). `hgb_lightgbm` fits LightGBM on `hgb`'s Adult files (the
# learnkit side is `hgb`'s model); `hgb_1m` and `hgb_1m_lightgbm` share
# make_classification(1_000_000, 30, random_state=0), the first 800,000 rows
# to train and the last 200,000 to test, 100 iterations, early stopping off.
# The reference library's name and version are in each result's "library".

hgb_1m_data = make_classification_split(
    "hgb_1m", {"n_samples": 1_000_000, "n_features": 30, "random_state": 0}, n_train=800_000
)


# Least squares (issue 15): make_regression(n_samples=200_000,
# n_features=200, noise=1, random_state=0), the first 180,000 rows train, the
# last 20,000 test. LinearRegression() and Ridge(solver="cholesky") at their
# defaults; scikit-learn's coefficients are written beside the data so that
# the learnkit side reports how far its own are (coef_max_rel_diff: the
# largest difference over the largest coefficient).
LEAST_SQUARES_PARAMS = {"n_samples": 200_000, "n_features": 200, "noise": 1.0, "random_state": 0}


def least_squares_data(data_dir: Path) -> None:
    n_train = 180_000

    def generate():
        from sklearn.datasets import make_regression

        x, y = make_regression(**LEAST_SQUARES_PARAMS)
        write_split(data_dir, "least_squares", x[:n_train], y[:n_train], x[n_train:], y[n_train:], regression=True)

    files = [f"least_squares_{f}" for f in FOREST_SPLIT_FILES]
    cached(data_dir, "least_squares", {**LEAST_SQUARES_PARAMS, "n_train": n_train}, files, generate)


def least_squares_sklearn(task: str):
    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        """LinearRegression() or Ridge(solver="cholesky") fit on the training rows, test R²."""
        from sklearn.linear_model import LinearRegression, Ridge
        from sklearn.metrics import r2_score

        make = {"linear_regression": LinearRegression, "ridge": lambda: Ridge(solver="cholesky")}[task]
        split = load_forest_split(data_dir, "least_squares")
        result, model = classifier_runs(task, make, split, repeats, score=("test R²", lambda y, p: float(r2_score(y, p))))
        write_array(data_dir / f"{task}_coef_reference.bin", np.ascontiguousarray(model.coef_.reshape(-1, 1)))
        return result

    return run


def adult_categorical_columns() -> list[int]:
    header, _ = read_adult(adult_dir() / "adult_train.csv")
    return [j for j, name in enumerate(header[:-1]) if name in ADULT_CATEGORICAL]


def lightgbm_model(threads: int):
    """LightGBM with the settings of learnkit's (and scikit-learn's) defaults:
    31 leaves, learning rate 0.1, 255 bins, 20 samples per leaf, no L2."""
    import lightgbm

    return lightgbm.LGBMClassifier(
        n_estimators=100, learning_rate=0.1, num_leaves=31, max_bin=255, min_child_samples=20, reg_lambda=0.0,
        n_jobs=threads, verbose=-1,
    )


def hgb_1m_sklearn_model():
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0)


def reference_library(lightgbm: bool) -> str:
    if lightgbm:
        import lightgbm as lgb

        return f"LightGBM {lgb.__version__}"
    return "scikit-learn"


def boosting_reference(task: str, data_task: str, lightgbm: bool):
    """Fit the reference (LightGBM, or scikit-learn's HistGradientBoostingClassifier
    for hgb_1m) on ``data_task``'s training rows, predict_proba the test rows,
    test ROC-AUC. Adult's 8 columns are categorical for LightGBM (``fit``'s
    categorical_feature; its NaN codes are its missing values)."""

    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        from sklearn.metrics import roc_auc_score

        x_train, y_train, x_test, y_test = load_forest_split(data_dir, data_task)
        fit_kwargs = {"categorical_feature": adult_categorical_columns()} if data_task == "hgb" else {}
        fit, predict = [], []
        for _ in range(repeats):
            model = lightgbm_model(threads) if lightgbm else hgb_1m_sklearn_model()
            fit_s, model = timed(lambda: model.fit(x_train, y_train, **fit_kwargs))
            with warnings.catch_warnings():
                # LightGBM 4.6 names the columns of a numpy fit and then warns
                # that numpy input at predict time has no names: harmless.
                warnings.filterwarnings("ignore", message="X does not have valid feature names")
                predict_s, proba = timed(lambda: model.predict_proba(x_test))
            fit.append(fit_s)
            predict.append(predict_s)
        return {
            "task": task,
            "library": reference_library(lightgbm),
            "rows": x_train.shape[0],
            "cols": x_train.shape[1],
            "test_rows": x_test.shape[0],
            "fit_s": statistics.median(fit),
            "predict_s": statistics.median(predict),
            "score_name": "test ROC-AUC",
            "score": float(roc_auc_score(y_test, proba[:, 1])),
        }

    return run


# Ten-class gradient boosting (issue 14): MNIST from datasets/mnist/ as
# forest_mnist reads it (60,000 x 784 to train, 10,000 to test, pixels / 255),
# 100 iterations, 31 leaves, learning rate 0.1, early stopping off; one tree per
# class and iteration on every side. `hgb_mnist` is scikit-learn's
# HistGradientBoostingClassifier, `hgb_mnist_lightgbm` LightGBM's multiclass
# objective with `lightgbm_model`'s settings. Scored by test accuracy; the test
# log loss is recorded beside it.


def hgb_mnist_data(data_dir: Path) -> None:
    """Nothing to generate: both sides read datasets/mnist/ directly."""
    forest_mnist_data(data_dir)


def hgb_mnist_reference(task: str, lightgbm: bool):
    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.metrics import log_loss

        x_train, y_train, x_test, y_test = load_mnist()
        fit, predict = [], []
        for _ in range(repeats):
            if lightgbm:
                model = lightgbm_model(threads)
            else:
                model = HistGradientBoostingClassifier(max_iter=100, early_stopping=False, random_state=0)
            fit_s, model = timed(lambda: model.fit(x_train, y_train))
            with warnings.catch_warnings():
                # LightGBM names the columns of a numpy fit (see boosting_reference).
                warnings.filterwarnings("ignore", message="X does not have valid feature names")
                predict_s, proba = timed(lambda: model.predict_proba(x_test))
            fit.append(fit_s)
            predict.append(predict_s)
        predicted = model.classes_[np.argmax(proba, axis=1)]
        return {
            "task": task,
            "library": reference_library(lightgbm),
            "rows": x_train.shape[0],
            "cols": x_train.shape[1],
            "test_rows": x_test.shape[0],
            "fit_s": statistics.median(fit),
            "predict_s": statistics.median(predict),
            "score_name": "test accuracy",
            "score": accuracy(y_test, predicted),
            "test_log_loss": float(log_loss(y_test, proba)),
        }

    return run


# L1 logistic regression on Adult one-hot (issue 15): the 32,561 training
# rows, the 6 numeric columns standardised and the 8 categorical ones one-hot
# encoded ("?" is no category: an all-zero block), 105 columns in all.
# scikit-learn fits the CSR form of the matrix (what OneHotEncoder gives, and
# saga's fast path) with solver="saga", tol=1e-4; learnkit the dense matrix
# with l1_ratio=1 (its NewtonCd solver, which keeps mostly-zero columns
# sparse), tol=1e-4. Both report the scaled objective
# sum(logloss)/n + |w|_1/(C n) at their solution, so "the same objective
# within 1e-4" can be read off the table. C=0.01 keeps 16 of the 105
# columns (saga, 455 epochs). ADULT_L1_ROWS limits the rows (a smoke test).

ADULT_L1_C = 0.01
ADULT_L1_ROWS = None


def logistic_l1_adult_data(data_dir: Path) -> None:
    def generate():
        x_train, y_train, _, _ = adult_arrays()
        header, _ = read_adult(adult_dir() / "adult_train.csv")
        features = header[:-1]
        blocks = []
        for j, name in enumerate(features):
            column = x_train[:, j]
            if name in ADULT_CATEGORICAL:
                n_categories = int(np.nanmax(column)) + 1
                block = np.zeros((len(column), n_categories))
                known = ~np.isnan(column)
                block[np.flatnonzero(known), column[known].astype(int)] = 1.0
                blocks.append(block)
            else:
                filled = np.where(np.isnan(column), np.nanmean(column), column)
                blocks.append(((filled - filled.mean()) / filled.std())[:, None])
        x = np.hstack(blocks)
        rows = len(x) if ADULT_L1_ROWS is None else ADULT_L1_ROWS
        write_array(data_dir / "logistic_l1_adult_X.bin", x[:rows])
        write_array(data_dir / "logistic_l1_adult_y.bin", y_train[:rows].astype(np.int64))

    files = ["logistic_l1_adult_X.bin", "logistic_l1_adult_y.bin"]
    cached(data_dir, "logistic_l1_adult", {"source": str(adult_dir()), "rows": ADULT_L1_ROWS}, files, generate)


def l1_objective(coef, intercept, x, y, C) -> float:
    """sum_i logloss_i / n + |w|_1 / (C n): scikit-learn's objective
    C sum(logloss) + |w|_1 divided by C n."""
    z = np.asarray(x @ coef.ravel()).ravel() + intercept[0]
    loss = np.logaddexp(0.0, z) - y * z
    return float(loss.mean() + np.abs(coef).sum() / (C * len(y)))


def logistic_l1_adult_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    import scipy.sparse
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    x = scipy.sparse.csr_matrix(read_array(data_dir / "logistic_l1_adult_X.bin"))
    y = read_array(data_dir / "logistic_l1_adult_y.bin")
    fit = []
    converged = True
    for _ in range(repeats):
        model = LogisticRegression(C=ADULT_L1_C, l1_ratio=1.0, solver="saga", tol=1e-4, max_iter=10_000,
                                   random_state=0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            fit_s, model = timed(lambda: model.fit(x, y))
        converged &= not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        fit.append(fit_s)
    predict_s, _ = timed(lambda: model.predict_proba(x))
    return {
        "task": "logistic_l1_adult",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "predict_s": predict_s,
        "score_name": f"training objective mean(logloss) + |w|_1/(C n), C={ADULT_L1_C}",
        "score": l1_objective(model.coef_, model.intercept_, x, y, ADULT_L1_C),
        "nonzero": int(np.count_nonzero(model.coef_)),
        "n_iter": int(np.max(model.n_iter_)),
        "converged": converged,
    }


# Out-of-core SGD (issue 15): SGDClassifier fed 1,000,000 x 100 rows in
# partial_fit chunks of 10,000, each chunk generated just before it is fed,
# so memory is bounded by one chunk; the score is the accuracy on one more
# held-out chunk. make_classification cannot stream one distribution (each
# call draws new class centroids), so both sides draw the same problem
# chunk by chunk from their own generators: x ~ N(0, I), y = [x.w + 2e > 0]
# with w_j = sin(j + 1) and e ~ N(0, 1). LEARNKIT_SGD_ROWS overrides the row
# count (a quick check: LEARNKIT_SGD_ROWS=30000); the spec file tells the
# learnkit side the sizes.

SGD_COLS, SGD_CHUNK, SGD_SEED = 100, 10_000, 0


def sgd_partial_fit_rows() -> int:
    return int(os.environ.get("LEARNKIT_SGD_ROWS", "1000000"))


def sgd_partial_fit_data(data_dir: Path) -> None:
    spec = np.array([sgd_partial_fit_rows(), SGD_COLS, SGD_CHUNK, SGD_SEED], dtype=np.float64)
    write_array(data_dir / "sgd_partial_fit_spec.bin", spec)


def sgd_chunk(rng, rows: int, w):
    x = rng.standard_normal((rows, len(w)))
    y = (x @ w + 2.0 * rng.standard_normal(rows) > 0).astype(np.int64)
    return x, y


def sgd_partial_fit_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    """SGDClassifier().partial_fit over generated chunks; held-out accuracy."""
    from sklearn.linear_model import SGDClassifier

    rows = sgd_partial_fit_rows()
    w = np.sin(np.arange(1, SGD_COLS + 1))
    fit = []
    for _ in range(repeats):
        rng = np.random.default_rng(SGD_SEED)
        model = SGDClassifier(random_state=0)
        start = time.perf_counter()
        for done in range(0, rows, SGD_CHUNK):
            x, y = sgd_chunk(rng, min(SGD_CHUNK, rows - done), w)
            model.partial_fit(x, y, classes=[0, 1])
        fit.append(time.perf_counter() - start)
    x_test, y_test = sgd_chunk(np.random.default_rng(SGD_SEED + 1), SGD_CHUNK, w)
    fit_s = statistics.median(fit)
    return {
        "task": "sgd_partial_fit",
        "library": "scikit-learn",
        "rows": rows,
        "cols": SGD_COLS,
        "fit_s": fit_s,
        "rows_per_s": rows / fit_s,
        "score_name": "held-out accuracy (fit_s includes generating the chunks)",
        "score": float(model.score(x_test, y_test)),
    }


# Lasso (issue 15): make_regression(n_samples=50_000, n_features=500,
# n_informative=50, noise=1, random_state=0). `lasso_path`: lasso_path at its
# defaults with 100 alphas (eps 1e-3, tol 1e-4, precompute "auto": the Gram
# matrix on these tall data); `lasso_cv`: LassoCV(cv=5) at its defaults,
# n_jobs=threads. Score: R² on the training rows of the smallest alpha's
# coefficients (path) or of the refitted model (CV).
LASSO_PARAMS = {"n_samples": 50_000, "n_features": 500, "n_informative": 50, "noise": 1.0, "random_state": 0}


def lasso_data(data_dir: Path) -> None:
    params = dict(LASSO_PARAMS)

    def generate():
        from sklearn.datasets import make_regression

        x, y = make_regression(**params)
        write_array(data_dir / "lasso_X.bin", np.ascontiguousarray(x, dtype=np.float64))
        write_array(data_dir / "lasso_y.bin", np.ascontiguousarray(y, dtype=np.float64))

    cached(data_dir, "lasso", params, ["lasso_X.bin", "lasso_y.bin"], generate)


def lasso_sklearn(task: str):
    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        from sklearn.linear_model import LassoCV, lasso_path
        from sklearn.metrics import r2_score

        x = read_array(data_dir / "lasso_X.bin")
        y = read_array(data_dir / "lasso_y.bin")
        fit = []
        for _ in range(repeats):
            if task == "lasso_path":
                fit_s, result = timed(lambda: lasso_path(x, y, alphas=100))
            else:
                fit_s, result = timed(lambda: LassoCV(cv=5, n_jobs=threads).fit(x, y))
            fit.append(fit_s)
        if task == "lasso_path":
            _, coefs, _ = result
            score = r2_score(y, x @ coefs[:, -1])
            extra = {"nonzero_last": int(np.count_nonzero(coefs[:, -1]))}
        else:
            score = result.score(x, y)
            extra = {"alpha": float(result.alpha_)}
        return {
            "task": task,
            "library": "scikit-learn",
            "rows": x.shape[0],
            "cols": x.shape[1],
            "fit_s": statistics.median(fit),
            "score_name": "training R²",
            "score": float(score),
            **extra,
        }

    return run


# `lasso_path_glmnet` (issue 15): glmnet (python-glmnet, built from source
# by setup.sh) on the `lasso_path` data along scikit-learn's grid of 100
# alphas, the same objective as `lasso_path` (glmnet's gaussian lasso with
# standardize and the intercept off: 1/(2n)·‖y − Xw‖² + λ‖w‖₁), at glmnet's
# default threshold (1e-7); glmnet is Fortran on one thread. The two
# stopping rules differ (glmnet: the largest weighted coefficient change;
# scikit-learn and learnkit: the duality gap), so each side reports the
# accuracy it reached: the largest distance of its path from a path solved
# to tol 1e-12, relative to the largest coefficient (untimed), and the
# learnkit side runs at a tolerance that reaches glmnet's accuracy.
def lasso_path_glmnet(data_dir: Path, repeats: int, threads: int) -> dict:
    import glmnet
    from sklearn.linear_model import lasso_path
    from sklearn.metrics import r2_score

    x = read_array(data_dir / "lasso_X.bin")
    y = read_array(data_dir / "lasso_y.bin")
    alphas, reference, _ = lasso_path(x, y, alphas=100, tol=1e-12, max_iter=100_000)
    fit = []
    for _ in range(repeats):
        model = glmnet.ElasticNet(alpha=1.0, lambda_path=alphas, standardize=False, fit_intercept=False, n_splits=0)
        fit_s, _ = timed(lambda: model.fit(x, y))
        fit.append(fit_s)
    coefs = model.coef_path_
    return {
        "task": "lasso_path_glmnet",
        "library": "glmnet 2.2.1 (1 thread)",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "score_name": "training R²",
        "score": float(r2_score(y, x @ coefs[:, -1])),
        "max_rel_diff_from_tight": float(np.abs(coefs - reference).max() / np.abs(reference).max()),
    }


# KMeans (issue 16): make_blobs-like data, LEARNKIT_KMEANS_ROWS rows (default
# 1,000,000) x 50, 100 blobs; KMeans(n_clusters=100, n_init=1, init=the first
# 100 rows, max_iter=20, tol=0) on both sides, so that both run the same 20
# Lloyd iterations (labels do not settle in 20 on these data). Reported: the
# fit time, the time per iteration (fit / n_iter) and the final inertia.
# `kmeans_faiss` times faiss.Kmeans (faiss-cpu) from the same centres for
# the same 20 iterations; its inertia is recomputed exactly from its centres.
KMEANS_COLS, KMEANS_CLUSTERS, KMEANS_ITER = 50, 100, 20


def kmeans_rows() -> int:
    return int(os.environ.get("LEARNKIT_KMEANS_ROWS", "1000000"))


def kmeans_data(data_dir: Path) -> None:
    params = {"rows": kmeans_rows(), "cols": KMEANS_COLS, "blobs": KMEANS_CLUSTERS, "seed": 0}

    def generate():
        rng = np.random.default_rng(params["seed"])
        centres = rng.uniform(-10.0, 10.0, (params["blobs"], params["cols"]))
        which = rng.integers(0, params["blobs"], params["rows"])
        x = centres[which] + rng.standard_normal((params["rows"], params["cols"])) * 2.0
        write_array(data_dir / "kmeans_X.bin", x)

    cached(data_dir, "kmeans", params, ["kmeans_X.bin"], generate)


def kmeans_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.cluster import KMeans

    x = read_array(data_dir / "kmeans_X.bin")
    init = x[:KMEANS_CLUSTERS].copy()
    fit = []
    for _ in range(repeats):
        model = KMeans(n_clusters=KMEANS_CLUSTERS, init=init, n_init=1, max_iter=KMEANS_ITER, tol=0.0)
        with threadpool_limits(limits=threads):
            fit_s, model = timed(lambda: model.fit(x))
        fit.append(fit_s)
    fit_s = statistics.median(fit)
    return {
        "task": "kmeans",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": fit_s,
        "n_iter": int(model.n_iter_),
        "per_iter_s": fit_s / model.n_iter_,
        "score_name": "inertia after the same iterations",
        "score": float(model.inertia_),
    }


def kmeans_faiss(data_dir: Path, repeats: int, threads: int) -> dict:
    import faiss

    faiss.omp_set_num_threads(threads)
    x = read_array(data_dir / "kmeans_X.bin")
    x32 = np.ascontiguousarray(x, dtype=np.float32)  # faiss computes in f32
    init = x32[:KMEANS_CLUSTERS].copy()
    fit = []
    for _ in range(repeats):
        km = faiss.Kmeans(KMEANS_COLS, KMEANS_CLUSTERS, niter=KMEANS_ITER, seed=0, max_points_per_centroid=10**9,
                          spherical=False, update_index=False)
        fit_s, _ = timed(lambda: km.train(x32, init_centroids=init))
        fit.append(fit_s)
    centres = km.centroids.astype(np.float64)
    # The inertia of faiss' centres in f64 (each row to its nearest centre),
    # in blocks of rows to bound the memory.
    inertia = 0.0
    for start in range(0, len(x), 100_000):
        xb = x[start:start + 100_000]
        d2 = (xb**2).sum(1)[:, None] - 2 * xb @ centres.T + (centres**2).sum(1)[None, :]
        inertia += float(np.maximum(d2.min(1), 0).sum())
    fit_s = statistics.median(fit)
    return {
        "task": "kmeans_faiss",
        "library": f"faiss {faiss.__version__} (f32)",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": fit_s,
        "n_iter": KMEANS_ITER,
        "per_iter_s": fit_s / KMEANS_ITER,
        "score_name": "inertia after the same iterations",
        "score": inertia,
    }


# Nearest neighbours (issue 16). `knn_mnist`: KNeighborsClassifier(5) fit on
# MNIST's 60,000 training images (pixels / 255, read from datasets/mnist/ by
# both sides), predict the 10,000 test images, test accuracy; the fit only
# indexes the rows, the predict time is the one to compare. `kd_tree_3d`:
# NearestNeighbors(5, algorithm="kd_tree") on 1,000,000 uniform 3-D points,
# kneighbors of 100,000 others; the score is the mean distance to the 5th
# neighbour (equal on both sides when the neighbours are).
KD_TREE_3D_PARAMS = {"n_train": 1_000_000, "n_query": 100_000, "seed": 16}


def knn_mnist_data(data_dir: Path) -> None:
    """Nothing to generate: both sides read datasets/mnist/ directly."""
    forest_mnist_data(data_dir)


def knn_mnist_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.neighbors import KNeighborsClassifier

    result, _ = classifier_runs("knn_mnist", lambda: KNeighborsClassifier(n_neighbors=5, n_jobs=threads), load_mnist(), repeats)
    return result


def kd_tree_3d_data(data_dir: Path) -> None:
    def generate():
        rng = np.random.RandomState(KD_TREE_3D_PARAMS["seed"])
        write_array(data_dir / "kd_tree_3d_X_train.bin", rng.rand(KD_TREE_3D_PARAMS["n_train"], 3))
        write_array(data_dir / "kd_tree_3d_X_test.bin", rng.rand(KD_TREE_3D_PARAMS["n_query"], 3))

    files = ["kd_tree_3d_X_train.bin", "kd_tree_3d_X_test.bin"]
    cached(data_dir, "kd_tree_3d", KD_TREE_3D_PARAMS, files, generate)


def kd_tree_3d_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.neighbors import NearestNeighbors

    x_train = read_array(data_dir / "kd_tree_3d_X_train.bin")
    x_test = read_array(data_dir / "kd_tree_3d_X_test.bin")
    split = (x_train, None, x_test, None)
    result, _ = classifier_runs(
        "kd_tree_3d",
        lambda: NearestNeighbors(n_neighbors=5, algorithm="kd_tree", n_jobs=threads),
        split,
        repeats,
        predict="kneighbors",
        score=("mean 5th-neighbour distance", lambda _, out: float(out[0][:, -1].mean())),
    )
    return result


# DBSCAN (issue 16): 1,000,000 uniform points in the unit square, eps such
# that a point has about 50 neighbours (itself included): n * pi * eps^2 = 50,
# min_samples 5, the other parameters at their defaults (a k-d tree on both
# sides). Every point is a core point, so scikit-learn stores ~50 million
# neighbour indices; learnkit's two passes do not. Fit time and the peak
# memory of one fit (MEMORY_TASKS) are what to compare; the score is the
# number of clusters. LEARNKIT_DBSCAN_ROWS overrides the row count (a quick
# check: LEARNKIT_DBSCAN_ROWS=20000).
DBSCAN_NEIGHBOURS, DBSCAN_MIN_SAMPLES = 50, 5


def dbscan_rows() -> int:
    return int(os.environ.get("LEARNKIT_DBSCAN_ROWS", "1000000"))


def dbscan_data(data_dir: Path) -> None:
    rows = dbscan_rows()
    eps = float(np.sqrt(DBSCAN_NEIGHBOURS / (np.pi * rows)))
    params = {"rows": rows, "neighbours": DBSCAN_NEIGHBOURS, "min_samples": DBSCAN_MIN_SAMPLES, "seed": 0}

    def generate():
        rng = np.random.RandomState(params["seed"])
        write_array(data_dir / "dbscan_X.bin", rng.rand(rows, 2))
        write_array(data_dir / "dbscan_spec.bin", np.array([eps, DBSCAN_MIN_SAMPLES], dtype=np.float64))

    cached(data_dir, "dbscan", params, ["dbscan_X.bin", "dbscan_spec.bin"], generate)


def dbscan_model(data_dir: Path, threads: int):
    from sklearn.cluster import DBSCAN

    eps, min_samples = read_array(data_dir / "dbscan_spec.bin")
    return DBSCAN(eps=float(eps), min_samples=int(min_samples), n_jobs=threads)


def dbscan_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    x = read_array(data_dir / "dbscan_X.bin")
    fit = []
    with threadpool_limits(limits=threads):
        for _ in range(repeats):
            fit_s, model = timed(lambda: dbscan_model(data_dir, threads).fit(x))
            fit.append(fit_s)
    return {
        "task": "dbscan",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "score_name": "clusters",
        "score": float(len(set(model.labels_.tolist()) - {-1})),
    }


def dbscan_memory_probe(data_dir: Path, threads: int) -> dict:
    """``memory_probe`` for DBSCAN: one fit of the ``dbscan`` task."""
    x = read_array(data_dir / "dbscan_X.bin")
    with threadpool_limits(limits=threads):
        model = dbscan_model(data_dir, threads)
        return peak_memory_of_fit("dbscan", "scikit-learn", lambda: model.fit(x))


# GaussianMixture (issue 16): 10 full-covariance components on 100,000 x 20
# blobs (GMM_ROWS overrides the rows for a smoke test). Both sides start from
# the same explicit weights (uniform), means (perturbed centres, written
# beside the data) and precisions (identity), and run exactly GMM_MAX_ITER EM
# iterations (tol = 0 never stops early), so they follow the same path; the
# score is the final lower bound.
GMM_ROWS = int(os.environ.get("GMM_ROWS", 100_000))
GMM_MAX_ITER = 20


def gmm_data(data_dir: Path) -> None:
    params = {"rows": GMM_ROWS, "cols": 20, "components": 10, "seed": 0}

    def generate():
        rng = np.random.default_rng(params["seed"])
        k, d = params["components"], params["cols"]
        centers = rng.uniform(-6.0, 6.0, (k, d))
        labels = rng.integers(0, k, params["rows"])
        spread = rng.uniform(0.5, 2.0, k)
        x = centers[labels] + rng.standard_normal((params["rows"], d)) * spread[labels, None]
        write_array(data_dir / "gmm_X.bin", x)
        write_array(data_dir / "gmm_means_init.bin", centers + rng.standard_normal((k, d)))

    cached(data_dir, "gmm", params, ["gmm_X.bin", "gmm_means_init.bin"], generate)


def gmm_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture

    x = read_array(data_dir / "gmm_X.bin")
    means = read_array(data_dir / "gmm_means_init.bin")
    k, d = means.shape
    fit = []
    for _ in range(repeats):
        model = GaussianMixture(k, covariance_type="full", tol=0.0, max_iter=GMM_MAX_ITER,
                                weights_init=np.full(k, 1.0 / k), means_init=means,
                                precisions_init=np.stack([np.eye(d)] * k))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            fit_s, model = timed(lambda: model.fit(x))
        fit.append(fit_s)
    return {
        "task": "gmm",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "score_name": f"lower bound after {model.n_iter_} EM iterations",
        "score": float(model.lower_bound_),
    }



# Census one-hot (issue 17): Adult through ColumnTransformer(OneHotEncoder on
# the 8 categorical columns, StandardScaler on the 6 numeric ones) ->
# LogisticRegression(max_iter=1000). The categorical columns are codes of the
# training rows' sorted categories, "?" one of them (no NaN: both encoders
# see the same categories); a test category unseen in training is ignored
# (handle_unknown="ignore"). The one-hot block is sparse on both sides
# (scikit-learn: sparse_threshold=0.3 keeps the stacked output sparse at
# about 14 non-zeros in ~110 columns). census_onehot_20x tiles the training
# rows 20 times (the test rows unchanged) to show the ratio at scale. Score:
# test log loss; the peak memory of one fit is measured too (MEMORY_TASKS).
CENSUS_TILES = {"census_onehot": 1, "census_onehot_20x": 20}


def census_onehot_arrays():
    """Adult as census_onehot encodes it: x_train, y_train, x_test, y_test."""
    header, train = read_adult(adult_dir() / "adult_train.csv")
    _, test = read_adult(adult_dir() / "adult_test.csv")
    features = header[:-1]
    categories = {name: sorted({row[j] for row in train}) for j, name in enumerate(features) if name in ADULT_CATEGORICAL}

    def encode(rows):
        x = np.empty((len(rows), len(features)))
        for j, name in enumerate(features):
            column = [row[j] for row in rows]
            if name in categories:
                # Unseen in training: a code past the known ones (ignored).
                codes = {c: k for k, c in enumerate(categories[name])}
                x[:, j] = [codes.get(v, len(codes)) for v in column]
            else:
                x[:, j] = [float(v) for v in column]
        return x, np.array([row[-1] == ">50K" for row in rows], dtype=np.int64)

    return (*encode(train), *encode(test))


def census_onehot_data(task: str):
    def data(data_dir: Path) -> None:
        tiles = CENSUS_TILES[task]

        def generate():
            x_train, y_train, x_test, y_test = census_onehot_arrays()
            write_split(data_dir, task, np.tile(x_train, (tiles, 1)), np.tile(y_train, tiles), x_test, y_test)

        files = [f"{task}_{f}" for f in FOREST_SPLIT_FILES]
        cached(data_dir, task, {"source": str(adult_dir()), "tiles": tiles, "version": 1}, files, generate)

    return data


def census_onehot_model(threads: int):
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    header, _ = read_adult(adult_dir() / "adult_train.csv")
    categorical = [j for j, name in enumerate(header[:-1]) if name in ADULT_CATEGORICAL]
    numeric = [j for j in range(len(header) - 1) if j not in categorical]
    columns = ColumnTransformer(
        [("categories", OneHotEncoder(handle_unknown="ignore"), categorical), ("numbers", StandardScaler(), numeric)]
    )
    return Pipeline([("columns", columns), ("model", LogisticRegression(max_iter=1000))])


def census_log_loss(y, proba) -> float:
    from sklearn.metrics import log_loss

    return float(log_loss(y, proba))


def census_onehot_sklearn(task: str):
    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        split = load_forest_split(data_dir, task)
        result, model = classifier_runs(
            task,
            lambda: census_onehot_model(threads),
            split,
            repeats,
            predict="predict_proba",
            score=("test log loss", census_log_loss),
        )
        result["n_iter"] = int(model[-1].n_iter_[0])
        return result

    return run


def census_onehot_memory_probe(task: str, data_dir: Path, threads: int) -> dict:
    """``memory_probe`` for census_onehot*: one fit of the pipeline."""
    x_train, y_train, _, _ = load_forest_split(data_dir, task)
    with threadpool_limits(limits=threads):
        model = census_onehot_model(threads)
        return peak_memory_of_fit(task, "scikit-learn", lambda: model.fit(x_train, y_train))


def peak_memory_of_fit(task: str, library: str, fit) -> dict:
    """Resets the high-water mark, runs `fit()` once and reports the peak."""
    reset = reset_peak_rss()
    before = proc_status_kib("VmRSS")
    fit_s, _ = timed(fit)
    peak = proc_status_kib("VmHWM")
    return {
        "task": task,
        "library": library,
        "fit_s": fit_s,
        "rss_before_kib": before,
        "peak_rss_kib": peak,
        "hwm_reset": reset,
    }

# SVC on sparse input (issue 17): a tf-idf-like CSR matrix, 5,000 x 20,000 at
# 1 % density (word frequencies of Zipf's law, three topics that tilt them),
# l2-normalised tf-idf rows; the first 4,000 rows train, the last 1,000 test.
# SVC() at its defaults (RBF, gamma="scale") on the scipy CSR matrix (libsvm's
# sparse mode). LEARNKIT_SVC_SPARSE_ROWS / _FEATURES shrink it for a check.
SVC_SPARSE_FILES = [
    f"svc_sparse_{part}" for part in
    ["X_train_indptr.bin", "X_train_indices.bin", "X_train_data.bin", "X_train_shape.bin",
     "X_test_indptr.bin", "X_test_indices.bin", "X_test_data.bin", "X_test_shape.bin",
     "y_train.bin", "y_test.bin"]
]


def svc_sparse_size() -> tuple[int, int]:
    return (
        int(os.environ.get("LEARNKIT_SVC_SPARSE_ROWS", "5000")),
        int(os.environ.get("LEARNKIT_SVC_SPARSE_FEATURES", "20000")),
    )


def svc_sparse_data(data_dir: Path) -> None:
    n, p = svc_sparse_size()
    params = {"n_samples": n, "n_features": p, "density": 0.01, "n_topics": 3, "random_state": 0}

    def generate():
        import scipy.sparse as sp
        from sklearn.feature_extraction.text import TfidfTransformer

        rng = np.random.RandomState(params["random_state"])
        y = rng.randint(0, params["n_topics"], n)
        zipf = 1.0 / (np.arange(p) + 10.0)
        probs = []
        for _ in range(params["n_topics"]):
            topic = 0.6 * zipf / zipf.sum() + 0.4 * rng.permutation(zipf) / zipf.sum()
            probs.append(topic / topic.sum())
        per_row = max(1, int(params["density"] * p))
        rows, cols, counts = [], [], []
        for i in range(n):
            words = np.sort(rng.choice(p, size=per_row, replace=False, p=probs[y[i]]))
            rows.append(np.full(per_row, i))
            cols.append(words)
            counts.append(rng.poisson(1.0, per_row) + 1.0)
        x = sp.csr_matrix((np.concatenate(counts), (np.concatenate(rows), np.concatenate(cols))), shape=(n, p))
        x = TfidfTransformer().fit_transform(x).tocsr()
        x.sort_indices()
        n_train = n * 4 // 5
        for name, part in [("X_train", x[:n_train]), ("X_test", x[n_train:])]:
            write_csr(data_dir, f"svc_sparse_{name}", part)
        write_array(data_dir / "svc_sparse_y_train.bin", y[:n_train].astype(np.int64))
        write_array(data_dir / "svc_sparse_y_test.bin", y[n_train:].astype(np.int64))

    cached(data_dir, "svc_sparse", params, SVC_SPARSE_FILES, generate)


def svc_sparse_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.svm import SVC

    split = (
        read_csr(data_dir, "svc_sparse_X_train"),
        read_array(data_dir / "svc_sparse_y_train.bin"),
        read_csr(data_dir, "svc_sparse_X_test"),
        read_array(data_dir / "svc_sparse_y_test.bin"),
    )
    result, model = classifier_runs("svc_sparse", SVC, split, repeats)
    result["n_support"] = int(model.n_support_.sum())
    return result


# Multinomial naive Bayes on sparse counts (issue 17, naive Bayes): a
# synthetic document-term matrix, NB_ROWS documents (default 100,000; set
# the environment variable to try a tiny size) over 50,000 terms, 50 term
# draws a document (about 50 stored counts a row): Zipf-like term
# frequencies shared by all classes, plus a fifth of the draws from a
# block of 1,000 terms of the document's class (5 classes). The first 80%
# of the rows train, the rest test. Written as CSR parts (indptr, indices
# as i64, data as f64, and the shape); MultinomialNB() fit + predict.
NB_TERMS, NB_DRAWS, NB_CLASSES = 50_000, 50, 5


def nb_rows() -> int:
    return int(os.environ.get("NB_ROWS", "100000"))


def write_csr(data_dir: Path, prefix: str, x) -> None:
    write_array(data_dir / f"{prefix}_indptr.bin", x.indptr.astype(np.int64))
    write_array(data_dir / f"{prefix}_indices.bin", x.indices.astype(np.int64))
    write_array(data_dir / f"{prefix}_data.bin", x.data.astype(np.float64))
    write_array(data_dir / f"{prefix}_shape.bin", np.array(x.shape, dtype=np.int64))


def read_csr(data_dir: Path, prefix: str):
    import scipy.sparse

    shape = tuple(int(v) for v in read_array(data_dir / f"{prefix}_shape.bin"))
    parts = [read_array(data_dir / f"{prefix}_{name}.bin") for name in ["data", "indices", "indptr"]]
    return scipy.sparse.csr_matrix((parts[0], parts[1].astype(np.int32), parts[2]), shape=shape)


def multinomial_nb_data(data_dir: Path) -> None:
    rows = nb_rows()
    parts = [f"multinomial_nb_{p}_{n}.bin" for p in ["train", "test"] for n in ["indptr", "indices", "data", "shape"]]
    files = parts + ["multinomial_nb_y_train.bin", "multinomial_nb_y_test.bin"]

    def generate():
        import scipy.sparse

        rng = np.random.default_rng(0)
        y = rng.integers(0, NB_CLASSES, rows)
        zipf = 1.0 / np.arange(1, NB_TERMS + 1) ** 1.1
        common = rng.choice(NB_TERMS, size=(rows, NB_DRAWS), p=zipf / zipf.sum())
        own = rng.permutation(NB_TERMS)[: NB_CLASSES * 1000].reshape(NB_CLASSES, 1000)
        topical = own[y[:, None], rng.integers(0, 1000, (rows, NB_DRAWS))]
        cols = np.where(rng.uniform(size=(rows, NB_DRAWS)) < 0.2, topical, common)
        x = scipy.sparse.csr_matrix(
            (np.ones(rows * NB_DRAWS), (np.repeat(np.arange(rows), NB_DRAWS), cols.ravel())),
            shape=(rows, NB_TERMS),
        )
        x.sum_duplicates()
        x.sort_indices()
        n_train = rows * 4 // 5
        write_csr(data_dir, "multinomial_nb_train", x[:n_train])
        write_csr(data_dir, "multinomial_nb_test", x[n_train:])
        write_array(data_dir / "multinomial_nb_y_train.bin", y[:n_train].astype(np.int64))
        write_array(data_dir / "multinomial_nb_y_test.bin", y[n_train:].astype(np.int64))

    cached(data_dir, "multinomial_nb", {"rows": rows, "terms": NB_TERMS, "draws": NB_DRAWS}, files, generate)


def multinomial_nb_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    """MultinomialNB() fit on the sparse training counts, predict on the test rows, test accuracy."""
    from sklearn.naive_bayes import MultinomialNB

    split = (
        read_csr(data_dir, "multinomial_nb_train"),
        read_array(data_dir / "multinomial_nb_y_train.bin"),
        read_csr(data_dir, "multinomial_nb_test"),
        read_array(data_dir / "multinomial_nb_y_test.bin"),
    )
    result, _ = classifier_runs("multinomial_nb", MultinomialNB, split, repeats)
    return result

# Text (issue 17): TfidfVectorizer().fit_transform on the Jane Austen
# paragraphs (datasets/austen_paragraphs.tsv.gz, 9,752 documents), tiled to
# 50,000 documents (LEARNKIT_TFIDF_DOCS to change it) and written one a line
# to tfidf_docs.txt; both sides read that file. Timed: fit_transform alone
# (reading the file is outside). The score is the number of stored values,
# equal on both sides when the matrices are.
def tfidf_docs() -> int:
    return int(os.environ.get("LEARNKIT_TFIDF_DOCS", "50000"))


def tfidf_data(data_dir: Path) -> None:
    n_docs = tfidf_docs()

    def generate():
        import gzip

        with gzip.open(ROOT / "datasets" / "austen_paragraphs.tsv.gz", "rt", encoding="utf-8") as f:
            docs = [line.split("\t", 1)[1] for line in f.read().splitlines()[1:]]
        tiled = [docs[i % len(docs)] for i in range(n_docs)]
        (data_dir / "tfidf_docs.txt").write_text("\n".join(tiled) + "\n", encoding="utf-8")

    cached(data_dir, "tfidf", {"docs": n_docs}, ["tfidf_docs.txt"], generate)


def tfidf_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = (data_dir / "tfidf_docs.txt").read_text(encoding="utf-8").splitlines()
    times = []
    for _ in range(repeats):
        seconds, x = timed(lambda: TfidfVectorizer().fit_transform(docs))
        times.append(seconds)
    return {
        "task": "tfidf",
        "library": "scikit-learn",
        "rows": len(docs),
        "cols": x.shape[1],
        "fit_s": statistics.median(times),
        "total_s": statistics.median(times),
        "score_name": "stored values",
        "score": int(x.nnz),
    }


TASKS = {
    "scaler": (scaler_data, scaler_sklearn, 5),
    "logistic": (logistic_data, logistic_sklearn, 3),
    "forest": (forest_data, forest_sklearn("forest"), 3),
    "forest_digits": (forest_digits_data, forest_sklearn("forest_digits"), 5),
    "forest_target": (forest_target_data, forest_sklearn("forest_target"), 3),
    # 50,000 x 2,000: about a gigabyte of data; one scikit-learn fit takes about a minute on 2 cores.
    "forest_wide": (forest_wide_data, forest_sklearn("forest_wide"), 1),
    # One scikit-learn fit on MNIST takes a minute or more on 2 cores.
    "forest_mnist": (forest_mnist_data, forest_sklearn("forest_mnist"), 1),
    "pca_cov": (pca_data, pca_sklearn("pca_cov"), 5),
    "pca_full": (pca_data, pca_sklearn("pca_full"), 3),
    "pca_randomized": (pca_data, pca_sklearn("pca_randomized"), 5),
    "hgb": (hgb_data, hgb_sklearn, 5),
    "grid_search": (grid_search_data, grid_search_sklearn, 3),
    "svc": (svc_data, svc_sklearn("svc"), 3),
    # One scikit-learn fit on all of MNIST takes several minutes.
    "svc_mnist": (svc_mnist_data, svc_sklearn("svc_mnist"), 1),
    "svr": (svr_data, svr_sklearn, 3),
    "svc_sparse": (svc_sparse_data, svc_sparse_sklearn, 3),
    "linear_svc": (linear_svc_data, linear_svc_sklearn, 5),
    "hgb_lightgbm": (hgb_data, boosting_reference("hgb_lightgbm", "hgb", lightgbm=True), 5),
    # One scikit-learn fit of 800,000 rows takes tens of seconds on 2 cores.
    "hgb_1m": (hgb_1m_data, boosting_reference("hgb_1m", "hgb_1m", lightgbm=False), 1),
    "hgb_1m_lightgbm": (hgb_1m_data, boosting_reference("hgb_1m_lightgbm", "hgb_1m", lightgbm=True), 1),
    # 1,000 trees (100 iterations x 10 classes) on 60,000 x 784: one fit takes
    # minutes on 2 cores.
    "hgb_mnist": (hgb_mnist_data, hgb_mnist_reference("hgb_mnist", lightgbm=False), 1),
    "hgb_mnist_lightgbm": (hgb_mnist_data, hgb_mnist_reference("hgb_mnist_lightgbm", lightgbm=True), 1),
    "linear_regression": (least_squares_data, least_squares_sklearn("linear_regression"), 5),
    "ridge": (least_squares_data, least_squares_sklearn("ridge"), 5),
    "logistic_l1_adult": (logistic_l1_adult_data, logistic_l1_adult_sklearn, 5),
    # 1,000,000 rows in partial_fit chunks of 10,000; see sgd_partial_fit_data.
    "sgd_partial_fit": (sgd_partial_fit_data, sgd_partial_fit_sklearn, 3),
    "lasso_path": (lasso_data, lasso_sklearn("lasso_path"), 3),
    "lasso_path_glmnet": (lasso_data, lasso_path_glmnet, 3),
    "lasso_cv": (lasso_data, lasso_sklearn("lasso_cv"), 3),
    # KMeans from the same 100 initial centres, 20 iterations (issue 16).
    "kmeans": (kmeans_data, kmeans_sklearn, 3),
    "kmeans_faiss": (kmeans_data, kmeans_faiss, 3),
    "knn_mnist": (knn_mnist_data, knn_mnist_sklearn, 1),
    "kd_tree_3d": (kd_tree_3d_data, kd_tree_3d_sklearn, 3),
    "dbscan": (dbscan_data, dbscan_sklearn, 3),
    "gmm": (gmm_data, gmm_sklearn, 3),
    # Issue 17: the one-hot census pipeline on sparse output, and at 20x rows.
    "census_onehot": (census_onehot_data("census_onehot"), census_onehot_sklearn("census_onehot"), 5),
    "census_onehot_20x": (census_onehot_data("census_onehot_20x"), census_onehot_sklearn("census_onehot_20x"), 1),
    "multinomial_nb": (multinomial_nb_data, multinomial_nb_sklearn, 5),
}
TASKS["tfidf"] = (tfidf_data, tfidf_sklearn, 3)


# HDBSCAN (issue 16) at its defaults (min_cluster_size=5) on 20,000 2-D
# points: six Gaussian blobs of 3,000 points (standard deviation 0.5, centres
# drawn in [-10, 10]²) and 2,000 uniform noise points in [-12, 12]².
# scikit-learn's Prim spanning tree is O(n²) on one thread (its kd-tree
# serves the core distances only); learnkit's is O(n²) with each step's
# distances in parallel. The score is the number of clusters.
# LEARNKIT_HDBSCAN_ROWS overrides the rows per blob (a quick check: 300).
def hdbscan_data(data_dir: Path) -> None:
    per_blob = int(os.environ.get("LEARNKIT_HDBSCAN_ROWS", "3000"))
    params = {"per_blob": per_blob, "blobs": 6, "noise": per_blob * 2 // 3, "seed": 0}

    def generate():
        rng = np.random.RandomState(params["seed"])
        centres = rng.uniform(-10, 10, size=(params["blobs"], 2))
        blobs = [c + 0.5 * rng.randn(per_blob, 2) for c in centres]
        noise = rng.uniform(-12, 12, size=(params["noise"], 2))
        x = np.vstack(blobs + [noise])
        write_array(data_dir / "hdbscan_X.bin", x[rng.permutation(len(x))])

    cached(data_dir, "hdbscan", params, ["hdbscan_X.bin"], generate)


def hdbscan_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.cluster import HDBSCAN

    x = read_array(data_dir / "hdbscan_X.bin")
    fit = []
    with threadpool_limits(limits=threads):
        for _ in range(repeats):
            fit_s, model = timed(lambda: HDBSCAN(n_jobs=threads).fit(x))
            fit.append(fit_s)
    return {
        "task": "hdbscan",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(fit),
        "score_name": "clusters",
        "score": float(len(set(model.labels_.tolist()) - {-1})),
    }


TASKS["hdbscan"] = (hdbscan_data, hdbscan_sklearn, 3)


# MultinomialNB and LinearSVC on the Austen corpus' tf-idf (issue 17): the
# paragraphs with every fifth held out (as examples/text.rs), written as
# `text_models_{train,test}.tsv` (class index, tab, paragraph); both sides
# vectorize with TfidfVectorizer() at its defaults (not timed: the `tfidf`
# task times it) and time the model's fit on the training matrix and its
# predict on the test matrix, both sparse.
def text_models_data(data_dir: Path) -> None:
    def generate():
        import gzip

        with gzip.open(ROOT / "datasets" / "austen_paragraphs.tsv.gz", "rt", encoding="utf-8") as f:
            rows = [line.split("\t", 1) for line in f.read().splitlines()[1:]]
        names = sorted({label for label, _ in rows})
        parts = {"train": [], "test": []}
        for i, (label, doc) in enumerate(rows):
            parts["test" if i % 5 == 4 else "train"].append(f"{names.index(label)}\t{doc}")
        for name, lines in parts.items():
            (data_dir / f"text_models_{name}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    cached(data_dir, "text_models", {}, ["text_models_train.tsv", "text_models_test.tsv"], generate)


def text_models_sklearn(task: str, make_model):
    def run(data_dir: Path, repeats: int, threads: int) -> dict:
        from sklearn.feature_extraction.text import TfidfVectorizer

        def read(name):
            rows = [line.split("\t", 1) for line in (data_dir / f"text_models_{name}.tsv").read_text(encoding="utf-8").splitlines()]
            return [doc for _, doc in rows], np.array([int(label) for label, _ in rows])

        (train_docs, y_train), (test_docs, y_test) = read("train"), read("test")
        vectorizer = TfidfVectorizer().fit(train_docs)
        split = (vectorizer.transform(train_docs), y_train, vectorizer.transform(test_docs), y_test)
        result, _ = classifier_runs(task, make_model, split, repeats)
        return result

    return run


def _multinomial_nb():
    from sklearn.naive_bayes import MultinomialNB

    return MultinomialNB()


def _linear_svc():
    from sklearn.svm import LinearSVC

    return LinearSVC()


TASKS["text_nb"] = (text_models_data, text_models_sklearn("text_nb", _multinomial_nb), 5)
TASKS["text_linear_svc"] = (text_models_data, text_models_sklearn("text_linear_svc", _linear_svc), 5)


# Partial dependence, recursion method (issue 19): a HistGradientBoostingRegressor
# (max_iter=100, early_stopping=False, random_state=0 on both sides) fitted on
# make_regression(n_samples=20_000, n_features=8, n_informative=8, noise=1.0,
# random_state=0); then partial_dependence(method="recursion",
# grid_resolution=100) of features 0, 1, 2 and 3, one at a time. "fit_s" is the
# time of the four partial dependences (the model's fit is not timed); the
# score is the mean of the four averages (the fitted models differ slightly,
# so it is a sanity check, not an equality). LEARNKIT_PDP_ROWS overrides the
# row count (a quick check: LEARNKIT_PDP_ROWS=500).
PDP_FEATURES = [0, 1, 2, 3]


def pdp_hgb_rows() -> int:
    return int(os.environ.get("LEARNKIT_PDP_ROWS", "20000"))


def pdp_hgb_data(data_dir: Path) -> None:
    params = {"n_samples": pdp_hgb_rows(), "n_features": 8, "n_informative": 8, "noise": 1.0, "random_state": 0}

    def generate():
        from sklearn.datasets import make_regression

        x, y = make_regression(**params)
        write_array(data_dir / "pdp_hgb_X.bin", np.ascontiguousarray(x, dtype=np.float64))
        write_array(data_dir / "pdp_hgb_y.bin", np.ascontiguousarray(y, dtype=np.float64))

    cached(data_dir, "pdp_hgb", params, ["pdp_hgb_X.bin", "pdp_hgb_y.bin"], generate)


def pdp_hgb_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.inspection import partial_dependence

    x = read_array(data_dir / "pdp_hgb_X.bin")
    y = read_array(data_dir / "pdp_hgb_y.bin")
    model = HistGradientBoostingRegressor(early_stopping=False, random_state=0).fit(x, y)

    def all_features():
        return [
            partial_dependence(model, x, [f], grid_resolution=100, method="recursion")["average"]
            for f in PDP_FEATURES
        ]

    times = []
    for _ in range(repeats):
        seconds, averages = timed(all_features)
        times.append(seconds)
    return {
        "task": "pdp_hgb",
        "library": "scikit-learn",
        "rows": x.shape[0],
        "cols": x.shape[1],
        "fit_s": statistics.median(times),
        "total_s": statistics.median(times),
        "score_name": "mean partial dependence",
        "score": float(np.mean([a.mean() for a in averages])),
    }


TASKS["pdp_hgb"] = (pdp_hgb_data, pdp_hgb_sklearn, 5)
# Exact TreeSHAP (issue 19): RandomForestClassifier(n_estimators=100,
# max_depth=10, random_state=0) on Adult encoded as the `hgb` task (category
# codes), its missing values (three categorical columns) as -1 so that
# neither library's missing-value routing is involved; the explained rows
# are the first 1,000 test rows. max_depth=10 because the unlimited trees
# have thousands of leaves at depth ~40, where exact TreeSHAP takes hours on
# either side. scikit-learn's side: shap.TreeExplainer(forest).shap_values
# (shap's C++ TreeSHAP, which has no thread option: one thread); the fit is
# timed too but is not the point. TREESHAP_ADULT_TINY=1 (a check that the
# task runs): 2,000 training rows, 20 explained rows.
def treeshap_adult_sizes() -> tuple[int, int]:
    return (2_000, 20) if os.environ.get("TREESHAP_ADULT_TINY") == "1" else (0, 1_000)


def treeshap_adult_data(data_dir: Path) -> None:
    train_rows, explained = treeshap_adult_sizes()

    def generate():
        x_train, y_train, x_test, y_test = (np.asarray(a) for a in adult_arrays())
        if train_rows:
            x_train, y_train = x_train[:train_rows], y_train[:train_rows]
        x_train, x_test = np.nan_to_num(x_train, nan=-1.0), np.nan_to_num(x_test[:explained], nan=-1.0)
        write_split(data_dir, "treeshap_adult", x_train, y_train, x_test, y_test[:explained])

    files = [f"treeshap_adult_{f}" for f in FOREST_SPLIT_FILES]
    params = {"source": str(adult_dir()), "train_rows": train_rows, "explained": explained}
    cached(data_dir, "treeshap_adult", params, files, generate)


def treeshap_adult_sklearn(data_dir: Path, repeats: int, threads: int) -> dict:
    import shap
    from sklearn.ensemble import RandomForestClassifier

    x_train, y_train, x_test, _ = load_forest_split(data_dir, "treeshap_adult")
    fit_s, model = timed(
        lambda: RandomForestClassifier(n_estimators=100, max_depth=10, n_jobs=threads, random_state=0).fit(
            x_train, y_train
        )
    )
    explain = []
    for _ in range(repeats):
        seconds, values = timed(lambda: np.asarray(shap.TreeExplainer(model).shap_values(x_test)))
        explain.append(seconds)
    explainer = shap.TreeExplainer(model)
    expected = np.asarray(explainer.expected_value)
    additivity = np.abs(values.sum(axis=1) + expected - model.predict_proba(x_test)).max()
    return {
        "task": "treeshap_adult",
        "library": f"shap {shap.__version__}",
        "rows": x_train.shape[0],
        "cols": x_train.shape[1],
        "test_rows": x_test.shape[0],
        "fit_s": fit_s,
        "predict_s": statistics.median(explain),
        "score_name": "max additivity error",
        "score": float(additivity),
    }


TASKS["treeshap_adult"] = (treeshap_adult_data, treeshap_adult_sklearn, 3)

# Tasks whose fit's peak memory is also measured on both sides (one more fit
# each, in its own process).
MEMORY_TASKS = {"forest_target", "forest_digits", "forest_wide", "forest_mnist"}
MEMORY_TASKS |= {"hgb_1m", "hgb_1m_lightgbm"}
MEMORY_TASKS |= {"dbscan"}
MEMORY_TASKS |= {"census_onehot", "census_onehot_20x"}


# ---------------------------------------------------------------- peak memory


def proc_status_kib(field: str) -> int:
    """A ``VmRSS``/``VmHWM``-style field of /proc/self/status, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def reset_peak_rss() -> bool:
    """Resets the kernel's high-water mark of this process's RSS (VmHWM) to
    the current RSS (Linux >= 4.0), so that loading the data does not count
    as the fit's peak. Returns whether it worked."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def memory_probe(task: str, data_dir: Path, threads: int) -> dict:
    """Run in a fresh process (``compare.py --memory-probe``): loads the
    training rows, resets the high-water mark, fits once, reports VmHWM."""
    from sklearn.ensemble import RandomForestClassifier

    if task in {"hgb_1m", "hgb_1m_lightgbm"}:
        return boosting_memory_probe(task, data_dir, threads)
    if task == "dbscan":
        return dbscan_memory_probe(data_dir, threads)
    if task in CENSUS_TILES:
        return census_onehot_memory_probe(task, data_dir, threads)
    x_train, y_train, _, _ = load_forest_split(data_dir, task)
    with threadpool_limits(limits=threads):
        forest = RandomForestClassifier(n_estimators=100, n_jobs=threads, random_state=0)
        # Imports and the first-call set-up of joblib's pool happen before the
        # measurement starts, as they do in learnkit's (static) binary.
        reset = reset_peak_rss()
        before = proc_status_kib("VmRSS")
        fit_s, model = timed(lambda: forest.fit(x_train, y_train))
        peak = proc_status_kib("VmHWM")
    return {
        "task": task,
        "library": "scikit-learn",
        "fit_s": fit_s,
        "rss_before_kib": before,
        "peak_rss_kib": peak,
        "hwm_reset": reset,
        "n_nodes": int(sum(t.tree_.node_count for t in model.estimators_)),
    }


def boosting_memory_probe(task: str, data_dir: Path, threads: int) -> dict:
    """``memory_probe`` for the 1M boosting tasks: scikit-learn's
    HistGradientBoostingClassifier (hgb_1m) or LightGBM (hgb_1m_lightgbm)."""
    lightgbm = task == "hgb_1m_lightgbm"
    x_train, y_train, _, _ = load_forest_split(data_dir, "hgb_1m")
    with threadpool_limits(limits=threads):
        model = lightgbm_model(threads) if lightgbm else hgb_1m_sklearn_model()
        return peak_memory_of_fit(task, reference_library(lightgbm), lambda: model.fit(x_train, y_train))


def memory_sklearn(task: str, data_dir: Path, threads: int) -> dict:
    cmd = [sys.executable, __file__, "--memory-probe", task, "--data-dir", str(data_dir), "--threads", str(threads)]
    print(f"[{task}] reference peak memory: fresh process", file=sys.stderr)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    return lines[-1]


def memory_learnkit(task: str, data_dir: Path, threads: int) -> dict:
    cmd = ["cargo", "bench", "--quiet", "--bench", "compare", "--", task, str(data_dir)]
    cmd += ["--threads", str(threads), "--memory"]
    print(f"[{task}] learnkit peak memory: {' '.join(cmd)}", file=sys.stderr)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines or "error" in lines[-1]:
        reason = (lines[-1].get("error") if lines else None) or (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": reason}
    return lines[-1]


# -------------------------------------------------------------------- learnkit


def learnkit(task: str, data_dir: Path, threads: int, repeats: int) -> dict:
    cmd = ["cargo", "bench", "--quiet", "--bench", "compare", "--", task, str(data_dir)]
    cmd += ["--threads", str(threads), "--repeats", str(repeats)]
    print(f"[{task}] learnkit: {' '.join(cmd)}", file=sys.stderr)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    result = lines[-1] if lines else {}
    # A task the learnkit side does not know yet (the estimator has not
    # landed): not a failure, the scikit-learn side still stands alone.
    if result.get("unknown_task") or (not lines and "unknown task" in proc.stderr):
        return {"task": task, "library": "learnkit", "unknown_task": True, "error": "task not in benches/compare.rs yet"}
    if proc.returncode != 0 or not lines or "error" in result:
        reason = result.get("error") or (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"task": task, "library": "learnkit", "error": reason}
    return result


# ----------------------------------------------------------------------- table


def fmt_time(seconds) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1e3:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def fmt_score(value) -> str:
    if value is None:
        return "—"
    return f"{value:.3g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.1e}"


def fmt_memory(mem: dict) -> str:
    if "peak_rss_kib" not in mem:
        return ""
    growth = mem["peak_rss_kib"] - mem["rss_before_kib"]
    return f"{mem['peak_rss_kib'] / 1024:.0f} MiB (+{growth / 1024:.0f})"


def ratio(a, b) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def table(pairs: list[tuple[dict, dict]], threads: int) -> str:
    header = ["task", "library", "fit", "transform/predict", "total", "score", "peak RSS of a fit",
              "sklearn/learnkit (total)"]
    rows = []
    notes = []
    for sk, lk in pairs:
        task = sk["task"]
        second = "transform_s" if task == "scaler" else "predict_s"
        # The headline time: fit + transform for a transformer, fit for a model.
        total = "total_s" if task == "scaler" else "fit_s"
        sk_mem, lk_mem = sk.get("memory") or {}, lk.get("memory") or {}
        rows.append(
            [task, sk["library"], fmt_time(sk["fit_s"]), fmt_time(sk.get(second)), fmt_time(sk[total]),
             fmt_score(sk["score"]), fmt_memory(sk_mem), ""]
        )
        if lk.get("unknown_task"):
            rows.append([task, "learnkit", "not in learnkit yet", "", "", "", "", ""])
            notes.append(f"{task}: the learnkit side does not know this task yet; {sk['library']}'s numbers stand alone")
        elif "error" in lk:
            rows.append([task, "learnkit", "skipped", "", "", "", "", ""])
            notes.append(f"{task}: learnkit side skipped: {lk['error']}")
        else:
            rows.append(
                [task, "learnkit", fmt_time(lk["fit_s"]), fmt_time(lk.get(second)), fmt_time(lk[total]),
                 fmt_score(lk.get("score")), fmt_memory(lk_mem), ratio(sk[total], lk[total])]
            )
            memory_ratio = ""
            if "peak_rss_kib" in sk_mem and "peak_rss_kib" in lk_mem:
                sk_growth = sk_mem["peak_rss_kib"] - sk_mem["rss_before_kib"]
                lk_growth = lk_mem["peak_rss_kib"] - lk_mem["rss_before_kib"]
                memory_ratio = f"{ratio(sk_mem['peak_rss_kib'], lk_mem['peak_rss_kib'])} ({ratio(sk_growth, lk_growth)})"
            rows.append(
                [task, "ratio", ratio(sk["fit_s"], lk["fit_s"]), ratio(sk.get(second), lk.get(second)),
                 ratio(sk[total], lk[total]), "", memory_ratio, ""]
            )
        for side, mem in [(sk["library"], sk_mem), ("learnkit", lk_mem)]:
            if "error" in mem:
                notes.append(f"{task}: {side} peak memory not measured: {mem['error']}")
            elif mem and not mem.get("hwm_reset"):
                notes.append(f"{task}: {side} could not reset VmHWM: its peak includes loading the data")
        notes.append(f"{task}: score = {sk['score_name']}")
        if "test_log_loss" in sk:
            line = f"{task}: test log loss {sk['library']} {sk['test_log_loss']:.4f}"
            if lk.get("test_log_loss") is not None:
                line += f", learnkit {lk['test_log_loss']:.4f}"
            notes.append(line)
        if task == "logistic":
            notes.append(f"logistic: scikit-learn n_iter={sk['n_iter']} converged={sk['converged']}")
        if task == "logistic_l1_adult":
            notes.append(
                f"logistic_l1_adult: scikit-learn saga n_iter={sk['n_iter']} converged={sk['converged']} "
                f"nonzero={sk['nonzero']}; learnkit n_iter={lk.get('n_iter')} nonzero={lk.get('nonzero')}; "
                f"objective rel. diff {(lk.get('score', float('nan')) - sk['score']) / sk['score']:.1e}"
            )
        if "per_iter_s" in sk:
            lk_iter = f"{lk['per_iter_s'] * 1e3:.0f} ms ({lk['n_iter']} iterations)" if "per_iter_s" in lk else "—"
            rel = (lk["score"] - sk["score"]) / sk["score"] if "score" in lk else float("nan")
            notes.append(f"{task}: time per iteration: {sk['library']} {sk['per_iter_s'] * 1e3:.0f} ms "
                         f"({sk['n_iter']} iterations), learnkit {lk_iter}; inertia rel. diff {rel:.1e}")
        if "fit_cores" in sk or "fit_cores" in lk:
            busy = lambda side: f"{side['fit_cores']:.2f}" if "fit_cores" in side else "—"  # noqa: E731
            notes.append(
                f"{task}: cores kept busy during the fit (CPU time / wall time, median): "
                f"{sk['library']} {busy(sk)}, learnkit {busy(lk)}"
            )
        if "coef_max_rel_diff" in lk:
            notes.append(f"{task}: learnkit's coefficients against scikit-learn's: largest difference "
                         f"{lk['coef_max_rel_diff']:.1e} of the largest coefficient")
        if "predict_one_s" in sk:
            one = f"{task}: predict of a single row (median of 50): scikit-learn {sk['predict_one_s'] * 1e6:.0f} µs"
            if lk.get("predict_one_s") is not None:
                one += f", learnkit {lk['predict_one_s'] * 1e6:.1f} µs ({ratio(sk['predict_one_s'], lk['predict_one_s'])})"
            notes.append(one)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)]
    out.append("")
    out.append(
        f"threads: {threads} on each side (forests: n_jobs={threads}); times are medians; "
        "total = fit + transform (scaler), fit (models); forest predict is on the test rows"
    )
    if any((sk.get("memory") or {}).get("peak_rss_kib") for sk, _ in pairs):
        out.append(
            "peak RSS of a fit: VmHWM of a fresh process that loaded the training rows, reset the high-water mark "
            "and fitted once: the whole process (interpreter and libraries included), with the growth during the "
            "fit (peak - RSS before the fit) in brackets; its ratio row is sklearn/learnkit of the peak (of the growth)"
        )
    out += notes
    cores = os.cpu_count() or 1
    for sk, _ in pairs:
        # The 1-min load average also counts this driver's own threads and
        # the previous task's tail, so the verdict uses the processes that
        # were runnable besides the driver, sampled just before and after.
        if sk["others_before"] >= 1 or sk["others_after"] >= 1:
            out.append(
                f"WARNING {sk['task']}: {sk['others_before']:.0f} / {sk['others_after']:.0f} other runnable "
                f"processes before / after (1-min load average {sk['load_before']:.1f} -> {sk['load_after']:.1f} "
                f"on {cores} cores): other processes shared the cores, times are unreliable"
            )
    return "\n".join(out)


def others_runnable(samples: int = 20, interval_s: float = 0.025) -> float:
    """Median number of runnable processes other than this one, from the
    running count in /proc/loadavg sampled `samples` times (0 elsewhere)."""
    try:
        counts = []
        for _ in range(samples):
            with open("/proc/loadavg") as f:
                counts.append(int(f.read().split()[3].split("/")[0]) - 1)
            time.sleep(interval_s)
        return float(statistics.median(counts))
    except OSError:
        return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tasks", nargs="*", help=f"tasks to run (default: all of {', '.join(TASKS)})")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, help="repeats per timing (default: per task)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "target" / "compare-data")
    parser.add_argument("--memory-probe", metavar="TASK", help=argparse.SUPPRESS)  # internal: see memory_probe
    args = parser.parse_args()
    if args.memory_probe:
        print(json.dumps(memory_probe(args.memory_probe, args.data_dir.resolve(), args.threads)))
        return 0

    unknown = [t for t in args.tasks if t not in TASKS]
    if unknown:
        parser.error(f"unknown task(s) {unknown}; known: {list(TASKS)}")
    data_dir = args.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)

    pairs = []
    for task in args.tasks or list(TASKS):
        make_data, run_sklearn, default_repeats = TASKS[task]
        repeats = args.repeats or default_repeats
        make_data(data_dir)
        load_before = os.getloadavg()[0]
        others_before = others_runnable()
        print(f"[{task}] reference (scikit-learn {sklearn.__version__} unless the table says otherwise): {repeats} repeats",
              file=sys.stderr)
        with threadpool_limits(limits=args.threads):
            sk = run_sklearn(data_dir, repeats, args.threads)
        lk = learnkit(task, data_dir, args.threads, repeats)
        if task in MEMORY_TASKS:
            sk["memory"] = memory_sklearn(task, data_dir, args.threads)
            if "error" not in lk:
                lk["memory"] = memory_learnkit(task, data_dir, args.threads)
        # Other processes competing for the cores distort both sides (OpenBLAS
        # threads in particular slow down many times over when oversubscribed),
        # so the load is recorded with the results.
        sk["load_before"] = lk["load_before"] = load_before
        sk["load_after"] = lk["load_after"] = os.getloadavg()[0]
        sk["others_before"] = lk["others_before"] = others_before
        sk["others_after"] = lk["others_after"] = others_runnable()
        pairs.append((sk, lk))

    (data_dir / "results.json").write_text(json.dumps([p for pair in pairs for p in pair], indent=1))
    print(table(pairs, args.threads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
