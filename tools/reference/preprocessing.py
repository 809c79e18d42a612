"""Reference values for the preprocessing transformers (tests/fixtures/preprocessing.json):
OneHotEncoder, OrdinalEncoder, SimpleImputer, MinMaxScaler, LabelEncoder.

Run from the repository root: python3 tools/reference/preprocessing.py
Versions pinned in tools/reference/requirements.txt. Reads the Adult data from
/work/shared/datasets/adult_train.csv (or $ADULT_CSV); the slice it uses is
written into the fixture, so the Rust tests need neither Python nor the CSV.

JSON has no NaN: every NaN (and scikit-learn's None / "infrequent_sklearn"
in inverse transforms, which learnkit returns as NaN) is written as null.
Each case names the estimator, its parameters (scikit-learn's names), the
matrices it is fitted on and transforms, and either the results or the
learnkit error variant scikit-learn's ValueError corresponds to.
"""
import csv
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, OneHotEncoder, OrdinalEncoder

assert sklearn.__version__ == "1.9.1", sklearn.__version__
warnings.simplefilter("ignore")

nan = np.nan


def clean(value):
    """Nested lists with NaN / None / strings (infrequent) as None."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, (float, np.floating)) and np.isnan(value):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    return value


# --- hand-made matrices -------------------------------------------------
# col0: codes with ties and a NaN; col1: constant; col2: binary with NaN;
# col3: floats with ties (-1.5, 0.25, 10 twice each) and a NaN; col4: all missing.
small = np.array([
    [0, 3, 1, -1.5, nan],
    [1, 3, 0, 0.25, nan],
    [1, 3, nan, 0.25, nan],
    [2, 3, 1, 10, nan],
    [nan, 3, 1, 10, nan],
    [2, 3, 0, nan, nan],
    [2, 3, nan, -1.5, nan],
    [5, 3, 1, 7, nan],
])
# Unseen categories: 3 in col0 (row 0), 4 in col1, 2 in col3, 1 and 2 in col4.
small_new = np.array([
    [3, 3, 1, 0.25, 1],
    [nan, 4, nan, 7, nan],
    [5, 3, 0, 2, 2],
    [0, 3, 1, -1.5, nan],
])
# Without NaN, for the scalers: a constant column, negatives, a wide range.
dense = np.array([
    [1.0, 7.0, -3.5, 1e6],
    [2.0, 7.0, 0.0, 2.5e6],
    [4.5, 7.0, 2.25, -1e5],
    [3.0, 7.0, 8.0, 3.3e6],
    [0.5, 7.0, -1.0, 0.0],
])
dense_new = np.array([
    [0.0, 7.0, -10.0, 1e6],
    [5.0, 8.0, 3.0, 4e6],
    [2.0, 6.5, 8.0, -2e5],
])

# --- Adult slice --------------------------------------------------------
ADULT = os.environ.get("ADULT_CSV", "/work/shared/datasets/adult_train.csv")
with open(ADULT) as f:
    rows = list(csv.DictReader(f))[:400]
columns = [c for c in rows[0].keys() if c != "income"]
categorical = ["workclass", "education", "marital_status", "occupation", "relationship", "race", "sex",
               "native_country"]
codes = {c: {s: i for i, s in enumerate(sorted({r[c] for r in rows if r[c] != "?"}))} for c in categorical}


def cell(row, c):
    if row[c] == "?":
        return nan
    return float(codes[c][row[c]]) if c in categorical else float(row[c])


adult_all = np.array([[cell(r, c) for c in columns] for r in rows])
adult = adult_all[:300]
adult_new = adult_all[300:400]
cat_idx = [columns.index(c) for c in categorical]
num_idx = [i for i in range(len(columns)) if i not in cat_idx]
adult_cat, adult_cat_new = adult[:, cat_idx], adult_new[:, cat_idx]
adult_num, adult_num_new = adult[:, num_idx], adult_new[:, num_idx]

matrices = {
    "small": small, "small_new": small_new, "dense": dense, "dense_new": dense_new,
    "adult": adult, "adult_new": adult_new, "adult_cat": adult_cat, "adult_cat_new": adult_cat_new,
    "adult_num": adult_num, "adult_num_new": adult_num_new,
}

cases = []


def run(name, estimator, params, fit, transform, error=None, inverse=True):
    """Fits `estimator(**params)` on matrix `fit`, transforms matrix
    `transform`, and records what learnkit must reproduce; `error` names the
    learnkit error variant expected when scikit-learn raises."""
    case = {"name": name, "estimator": estimator.__name__, "params": clean_params(params),
            "fit": fit, "transform": transform}
    model = estimator(**params)
    fitted = False
    try:
        model.fit(matrices[fit])
        fitted = True
        out = model.transform(matrices[transform])
    except ValueError as e:
        assert error is not None, f"{name}: unexpected {e}"
        case["error"] = error
        case["sklearn_message"] = str(e)
        if error == "UnknownCategory":
            # fit checks column by column, transform reports the first row
            # of the first column too (learnkit: column-major in fit,
            # row-major in transform).
            known = model.categories_ if fitted else [np.array(c) for c in params["categories"]]
            case["error_at"] = first_unknown(matrices[transform if fitted else fit], known, by_column=not fitted)
            case["error_in"] = "transform" if fitted else "fit"
        cases.append(case)
        return
    assert error is None, f"{name}: scikit-learn raised nothing, expected {error}"
    result = {"transform": clean(out)}
    if isinstance(model, (OneHotEncoder, OrdinalEncoder)):
        result["categories"] = [clean(c) for c in model.categories_]
        result["infrequent_categories"] = (
            [None if c is None else clean(c) for c in model.infrequent_categories_]
            if model._infrequent_enabled else [None] * len(model.categories_)
        )
        if inverse:
            result["inverse"] = clean(model.inverse_transform(out))
    if isinstance(model, OneHotEncoder):
        result["drop_idx"] = None if model.drop_idx_ is None else clean(list(model.drop_idx_))
        result["feature_names"] = list(model.get_feature_names_out())
        if fit == "adult_cat":
            result["feature_names_with_input"] = list(model.get_feature_names_out(categorical))
        # Compact and exact: the hot columns of each row.
        result["hot"] = [np.flatnonzero(r).tolist() for r in out]
        del result["transform"]
    if isinstance(model, SimpleImputer):
        result["statistics"] = clean(model.statistics_)
        result["indicator_features"] = (
            clean(model.indicator_.features_) if model.add_indicator else []
        )
    if isinstance(model, MinMaxScaler):
        for attr in ["data_min_", "data_max_", "data_range_", "scale_", "min_"]:
            result[attr.rstrip("_")] = clean(getattr(model, attr))
        result["inverse"] = clean(model.inverse_transform(out))
    case["result"] = result
    cases.append(case)


def first_unknown(X, categories, by_column):
    """(row, column) of the first value outside the categories, row-major
    or column-major."""
    rows, cols = X.shape
    if by_column:
        cells = [(i, j) for j in range(cols) for i in range(rows)]
    else:
        cells = [(i, j) for i in range(rows) for j in range(cols)]
    for i, j in cells:
        v, cats = X[i, j], categories[j]
        if np.isnan(v):
            if not np.isnan(cats[-1]):
                return [i, j]
        elif not np.any(cats == v):
            return [i, j]
    raise AssertionError("no unknown value")


def clean_params(params):
    out = {}
    for k, v in params.items():
        if k == "categories" and v != "auto":
            v = [clean(list(c)) for c in v]
        elif isinstance(v, float) and np.isnan(v):
            v = "nan"
        elif isinstance(v, (list, np.ndarray)):
            v = clean(list(v))
        out[k] = v
    return out


# --- OneHotEncoder ------------------------------------------------------
OHE = OneHotEncoder
base = {"sparse_output": False}
run("ohe_default", OHE, base, "small", "small")
run("ohe_unknown_is_error", OHE, base, "small", "small_new", error="UnknownCategory")
run("ohe_ignore", OHE, {**base, "handle_unknown": "ignore"}, "small", "small_new")
run("ohe_drop_first_ignore", OHE, {**base, "drop": "first", "handle_unknown": "ignore"}, "small", "small_new")
run("ohe_drop_if_binary", OHE, {**base, "drop": "if_binary", "handle_unknown": "ignore"}, "small", "small_new")
run("ohe_drop_explicit", OHE, {**base, "drop": [2.0, 3.0, nan, 0.25, nan], "handle_unknown": "ignore"},
    "small", "small_new")
run("ohe_drop_explicit_unseen", OHE, {**base, "drop": [4.0, 3.0, 1.0, 0.25, nan]}, "small", "small",
    error="InvalidParameter")
run("ohe_min_frequency_count", OHE, {**base, "min_frequency": 2, "handle_unknown": "infrequent_if_exist"},
    "small", "small_new")
run("ohe_min_frequency_fraction", OHE, {**base, "min_frequency": 0.3, "handle_unknown": "infrequent_if_exist"},
    "small", "small_new")
run("ohe_max_categories", OHE, {**base, "max_categories": 2, "handle_unknown": "infrequent_if_exist"},
    "small", "small_new")
run("ohe_max_categories_one", OHE, {**base, "max_categories": 1, "handle_unknown": "infrequent_if_exist"},
    "small", "small_new")
run("ohe_min_frequency_drop_first", OHE,
    {**base, "min_frequency": 2, "drop": "first", "handle_unknown": "infrequent_if_exist"}, "small", "small_new")
# No inverse here: for an ignored unknown (all zeros) in a feature whose
# dropped column follows infrequent grouping, scikit-learn 1.9.1 indexes
# categories_ with the grouped index (x0 gives 0.0 instead of the dropped 2.0);
# learnkit returns the dropped category, as scikit-learn documents.
run("ohe_min_frequency_drop_if_binary_ignore", OHE,
    {**base, "min_frequency": 3, "max_categories": 3, "drop": "if_binary", "handle_unknown": "ignore"},
    "small", "small_new", inverse=False)
run("ohe_min_frequency_error", OHE, {**base, "min_frequency": 2}, "small", "small")
run("ohe_drop_first_error", OHE, {**base, "drop": "first"}, "small", "small")
run("ohe_drop_if_binary_error", OHE, {**base, "drop": "if_binary"}, "small", "small")
run("ohe_max_categories_min_frequency_fraction_drop_explicit", OHE,
    {**base, "max_categories": 3, "min_frequency": 0.2, "drop": [2.0, 3.0, 1.0, 10.0, nan],
     "handle_unknown": "infrequent_if_exist"}, "small", "small_new")
run("ohe_drop_infrequent_explicit", OHE, {**base, "min_frequency": 2, "drop": [5.0, 3.0, 1.0, 0.25, nan]},
    "small", "small", error="InvalidParameter")
explicit = [[0.0, 1.0, 2.0, 3.0, 5.0, nan], [3.0, 4.0], [0.0, 1.0, nan], [-1.5, 0.25, 2.0, 7.0, 10.0, nan], [1.0, nan]]
run("ohe_explicit_categories", OHE, {**base, "categories": explicit, "handle_unknown": "ignore"},
    "small", "small_new")
run("ohe_explicit_categories_all_known", OHE, {**base, "categories": explicit}, "small", "small")
run("ohe_explicit_categories_unknown_in_fit", OHE,
    {**base, "categories": [[0.0, 1.0, 2.0, 5.0], [3.0], [0.0, 1.0], [-1.5, 0.25, 7.0, 10.0, nan], [nan]]},
    "small", "small", error="UnknownCategory")
run("ohe_adult_ignore", OHE, {**base, "handle_unknown": "ignore"}, "adult_cat", "adult_cat_new")
run("ohe_adult_min_frequency", OHE, {**base, "min_frequency": 5, "handle_unknown": "infrequent_if_exist"},
    "adult_cat", "adult_cat_new")
run("ohe_adult_min_frequency_fraction_drop_first", OHE,
    {**base, "min_frequency": 0.05, "drop": "first", "handle_unknown": "infrequent_if_exist"},
    "adult_cat", "adult_cat_new")
run("ohe_adult_max_categories_drop_first", OHE,
    {**base, "max_categories": 4, "drop": "first", "handle_unknown": "infrequent_if_exist"},
    "adult_cat", "adult_cat_new")
run("ohe_adult_drop_if_binary", OHE, {**base, "drop": "if_binary", "handle_unknown": "ignore"},
    "adult_cat", "adult_cat_new")
run("ohe_adult_unknown_is_error", OHE, base, "adult_cat", "adult_cat_new", error="UnknownCategory")

# --- OrdinalEncoder -----------------------------------------------------
ORD = OrdinalEncoder
use_m1 = {"handle_unknown": "use_encoded_value", "unknown_value": -1}
run("ord_default", ORD, {}, "small", "small")
run("ord_unknown_is_error", ORD, {}, "small", "small_new", error="UnknownCategory")
run("ord_unknown_value", ORD, use_m1, "small", "small_new")
run("ord_unknown_value_nan", ORD, {"handle_unknown": "use_encoded_value", "unknown_value": nan},
    "small", "small_new")
run("ord_encoded_missing_value", ORD, {**use_m1, "encoded_missing_value": -2}, "small", "small_new")
# No inverse for infrequent categories alongside missing values: scikit-learn
# 1.9.1 computes the infrequent code as if the missing category were one of
# the frequent ones, and decodes the missing value as infrequent.
run("ord_min_frequency", ORD, {**use_m1, "min_frequency": 2}, "small", "small_new", inverse=False)
run("ord_max_categories", ORD, {**use_m1, "max_categories": 2}, "small", "small_new", inverse=False)
run("ord_max_categories_one", ORD, {**use_m1, "max_categories": 1}, "dense", "dense_new")
run("ord_max_categories_no_missing", ORD, {**use_m1, "max_categories": 3}, "dense", "dense_new")
run("ord_explicit_categories", ORD, {"categories": explicit, **use_m1}, "small", "small_new")
run("ord_unknown_value_collides", ORD, {"handle_unknown": "use_encoded_value", "unknown_value": 0},
    "small", "small", error="InvalidParameter")
run("ord_encoded_missing_value_collides", ORD, {"encoded_missing_value": 1}, "small", "small",
    error="InvalidParameter")
run("ord_adult", ORD, use_m1, "adult_cat", "adult_cat_new")
run("ord_adult_encoded_missing", ORD, {**use_m1, "encoded_missing_value": -2}, "adult_cat", "adult_cat_new")
run("ord_adult_min_frequency", ORD, {**use_m1, "min_frequency": 0.05}, "adult_cat", "adult_cat_new",
    inverse=False)
run("ord_adult_max_categories", ORD, {**use_m1, "max_categories": 5, "encoded_missing_value": -2},
    "adult_cat", "adult_cat_new", inverse=False)
run("ord_adult_unknown_is_error", ORD, {}, "adult_cat", "adult_cat_new", error="UnknownCategory")

# --- SimpleImputer ------------------------------------------------------
for data, new in [("small", "small_new"), ("adult", "adult_new")]:
    for strategy, extra in [("mean", {}), ("median", {}), ("most_frequent", {}), ("constant", {}),
                            ("constant", {"fill_value": 7.5})]:
        for add_indicator in [False, True]:
            for keep in [False, True]:
                tag = f"imp_{data}_{strategy}{'_fill' if extra else ''}_{'ind' if add_indicator else 'noind'}"
                tag += "_keep" if keep else ""
                run(tag, SimpleImputer,
                    {"strategy": strategy, **extra, "add_indicator": add_indicator, "keep_empty_features": keep},
                    data, new)

# --- MinMaxScaler -------------------------------------------------------
run("mm_dense", MinMaxScaler, {}, "dense", "dense_new")
run("mm_dense_range", MinMaxScaler, {"feature_range": (-1.0, 2.0)}, "dense", "dense_new")
run("mm_dense_clip", MinMaxScaler, {"feature_range": (-1.0, 2.0), "clip": True}, "dense", "dense_new")
run("mm_adult", MinMaxScaler, {}, "adult_num", "adult_num_new")
run("mm_adult_clip", MinMaxScaler, {"feature_range": (-3.0, 3.0), "clip": True}, "adult_num", "adult_num_new")

# --- LabelEncoder -------------------------------------------------------
labels_fit = [r["occupation"] for r in rows[:300]]
labels_new = [r["occupation"] for r in rows[300:400]]
le = LabelEncoder().fit(labels_fit)
known_new = [s for s in labels_new if s in set(labels_fit)]
unknown_new = [i for i, s in enumerate(labels_new) if s not in set(labels_fit)]
label_encoder = {
    "fit": labels_fit,
    "classes": le.classes_.tolist(),
    "codes": le.transform(labels_fit).tolist(),
    "known_new": known_new,
    "known_new_codes": le.transform(known_new).tolist(),
    "new": labels_new,
    "first_unknown_index": unknown_new[0] if unknown_new else None,
}
try:
    le.transform(labels_new)
    assert not unknown_new
except ValueError:
    assert unknown_new

out = {
    "sklearn_version": sklearn.__version__,
    "adult_columns": columns,
    "adult_categorical": categorical,
    "matrices": {k: clean(v) for k, v in matrices.items()},
    "cases": cases,
    "label_encoder": label_encoder,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "preprocessing.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", os.path.normpath(path), len(cases), "cases")
