//! ColumnTransformer against scikit-learn 1.9.1 (tests/fixtures/column_transformer.json,
//! made by tools/reference/column_transformer.py), its error paths, its use
//! in a pipeline and a serde round trip.

use crate::common;

use approx::assert_relative_eq;
use common::fixtures::{matrix, vector};
use learnkit::compose::{ColumnTransformer, Columns, FittedColumnTransformer, Passthrough, Remainder};
use learnkit::prelude::*;
use ndarray::{Array2, Axis, array, s};
use serde_json::Value;

fn fixture(case: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("fixtures/column_transformer.json")).unwrap();
    all["cases"][case].clone()
}

fn iris() -> Array2<f64> {
    learnkit::datasets::load_iris().data
}

fn assert_matrix_close(got: &Array2<f64>, expected: &Array2<f64>, tolerance: f64) {
    assert_eq!(got.dim(), expected.dim());
    for (g, e) in got.iter().zip(expected) {
        assert_relative_eq!(g, e, max_relative = tolerance, epsilon = tolerance);
    }
}

fn assert_output_indices<S>(fitted: &FittedColumnTransformer<S>, expected: &Value) {
    let expected: Vec<(String, std::ops::Range<usize>)> = expected
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let bound = |k: usize| e[k].as_u64().unwrap() as usize;
            (e[0].as_str().unwrap().to_owned(), bound(1)..bound(2))
        })
        .collect();
    assert_eq!(fitted.output_indices(), expected);
}

#[test]
fn scaled_columns_and_passthrough_match_scikit_learn_on_iris() {
    let x = iris();
    let expected = fixture("iris_scale_passthrough");
    let ct = ColumnTransformer::new()
        .add("scale", StandardScaler::default(), [0, 2])
        .remainder(Remainder::Passthrough);
    let (fitted, transformed) = ct
        .fit_transform(x.view(), ndarray::ArrayView1::<()>::from(&[]))
        .unwrap();
    assert_matrix_close(&transformed, &matrix(&expected["transform"]), 1e-12);
    assert_output_indices(&fitted, &expected["output_indices"]);
    assert_eq!(fitted.remainder_columns(), [1, 3]);
    assert_eq!(fitted.n_features_out(), 4);
    // fit then transform gives the same bits as fit_transform.
    assert_eq!(fitted.transform(x.view()).unwrap(), transformed);
    assert_eq!(ct.fit_unsupervised(x.view()).unwrap(), fitted);
}

#[test]
fn overlapping_columns_and_a_pipeline_step_match_scikit_learn() {
    let x = iris();
    let expected = fixture("iris_overlap_pipeline_drop");
    let fitted = ColumnTransformer::new()
        .add("petal", StandardScaler::default(), [3, 2])
        .add(
            "both",
            Pipeline::new(StandardScaler::default(), StandardScaler::default().with_mean(false)),
            [2, 0],
        )
        .fit_unsupervised(x.view())
        .unwrap();
    assert_matrix_close(
        &fitted.transform(x.view()).unwrap(),
        &matrix(&expected["transform"]),
        1e-12,
    );
    assert_output_indices(&fitted, &expected["output_indices"]);
    assert!(fitted.remainder_columns().is_empty());
    assert_eq!(fitted.steps().0.1.columns(), [3, 2]);
    assert_eq!(fitted.steps().1.name(), "both");
}

#[test]
fn adult_numeric_columns_match_scikit_learn() {
    let adult = learnkit::datasets::load_adult();
    let all: Value = serde_json::from_str(include_str!("fixtures/column_transformer.json")).unwrap();
    let numeric: Vec<usize> = all["adult_numeric_columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|name| {
            adult
                .feature_names
                .iter()
                .position(|n| n == name.as_str().unwrap())
                .unwrap()
        })
        .collect();
    let x = adult.train.data.select(Axis(1), &numeric);
    let expected = fixture("adult_numeric");
    let fitted = ColumnTransformer::new()
        .add("age_weight", StandardScaler::default(), [0, 1])
        .add("capital", StandardScaler::default().with_mean(false), [3, 4])
        .remainder(Remainder::Passthrough)
        .fit_unsupervised(x.slice(s![..1000, ..]))
        .unwrap();
    let transformed = fitted.transform(x.slice(s![1000..1200, ..])).unwrap();
    assert_matrix_close(&transformed, &matrix(&expected["transform"]), 1e-12);
    assert_output_indices(&fitted, &expected["output_indices"]);
}

#[test]
fn in_a_pipeline_before_logistic_regression_matches_scikit_learn() {
    let iris = learnkit::datasets::load_iris();
    let expected = fixture("iris_pipeline_logistic");
    let columns = ColumnTransformer::new()
        .add("scale", StandardScaler::default(), [0, 1, 2])
        .remainder(Remainder::Passthrough);
    let model = Pipeline::new(columns, LogisticRegression::default().tol(1e-10).max_iter(10_000))
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert_matrix_close(&model.second.coef().to_owned(), &matrix(&expected["coef"]), 1e-5);
    let intercept = vector(&expected["intercept"]);
    for (g, e) in model.second.intercept().iter().zip(&intercept) {
        assert_relative_eq!(g, e, max_relative = 1e-5, epsilon = 1e-6);
    }
    let rows: Vec<usize> = (0..150).step_by(10).collect();
    let proba = model.predict_proba(iris.data.select(Axis(0), &rows).view()).unwrap();
    let want = matrix(&expected["predict_proba_first_rows"]);
    let diff = proba.iter().zip(&want).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(diff <= 1e-6, "predict_proba differs by {diff:e}");
    assert_eq!(model.classes(), [0, 1, 2]);
}

#[test]
fn columns_by_name_need_feature_names_and_resolve_like_indices() {
    let x = iris();
    let names = ["sl", "sw", "pl", "pw"];
    let by_name = ColumnTransformer::new()
        .feature_names(names)
        .add("s", StandardScaler::default(), ["pw", "sl"])
        .fit_unsupervised(x.view())
        .unwrap();
    let by_index = ColumnTransformer::new()
        .add("s", StandardScaler::default(), [3, 0])
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(
        by_name.transform(x.view()).unwrap(),
        by_index.transform(x.view()).unwrap()
    );
    assert_eq!(by_name.steps().1.columns(), [3, 0]);
    assert_eq!(by_name.feature_names_in().unwrap(), names);
    assert_eq!(by_index.feature_names_in(), None);
}

/// Asserts an `InvalidParameter` whose message contains every needle.
fn assert_invalid<T: std::fmt::Debug>(result: learnkit::Result<T>, parameter: &str, needles: &[&str]) {
    match result {
        Err(err @ Error::InvalidParameter { .. }) => {
            let Error::InvalidParameter { parameter: p, .. } = &err else {
                unreachable!()
            };
            assert_eq!(*p, parameter, "{err}");
            let message = err.to_string();
            for needle in needles {
                assert!(message.contains(needle), "{message:?} does not contain {needle:?}");
            }
        }
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
}

#[test]
fn bad_column_selections_name_the_step_and_the_column() {
    let x = iris();
    let unknown = ColumnTransformer::new()
        .feature_names(["a", "b", "c", "d"])
        .add("ok", StandardScaler::default(), ["a"])
        .add("typo", StandardScaler::default(), ["b", "petal"])
        .fit_unsupervised(x.view());
    assert_invalid(unknown, "transformers", &["\"typo\"", "\"petal\""]);
    let out_of_range = ColumnTransformer::new()
        .add("wide", StandardScaler::default(), [1, 7])
        .fit_unsupervised(x.view());
    assert_invalid(out_of_range, "transformers", &["\"wide\"", "below 4", "got 7"]);
    let no_names = ColumnTransformer::new()
        .add("named", StandardScaler::default(), ["a"])
        .fit_unsupervised(x.view());
    assert_invalid(no_names, "feature_names", &["\"named\""]);
    let wrong_count = ColumnTransformer::new()
        .feature_names(["a", "b"])
        .add("s", StandardScaler::default(), ["a"])
        .fit_unsupervised(x.view());
    assert!(
        matches!(
            wrong_count,
            Err(Error::ShapeMismatch {
                expected: 2,
                got: 4,
                ..
            })
        ),
        "{wrong_count:?}"
    );
}

#[test]
fn invalid_hyperparameters_are_reported() {
    let x = iris();
    let scaler = StandardScaler::default;
    let duplicate = ColumnTransformer::new().add("s", scaler(), [0]).add("s", scaler(), [1]);
    assert_invalid(
        duplicate.fit_unsupervised(x.view()),
        "transformers",
        &["unique", "\"s\""],
    );
    for bad in ["", "remainder", "a__b"] {
        let ct = ColumnTransformer::new().add(bad, scaler(), [0]);
        assert_invalid(ct.fit_unsupervised(x.view()), "transformers", &["step names"]);
    }
    let jobs = ColumnTransformer::new().add("s", scaler(), [0]).n_jobs(Some(0));
    assert_invalid(jobs.fit_unsupervised(x.view()), "n_jobs", &["ColumnTransformer"]);
    let names = ColumnTransformer::new()
        .feature_names(["a", "a", "b", "c"])
        .add("s", scaler(), [0]);
    assert_invalid(names.fit_unsupervised(x.view()), "feature_names", &["unique"]);
    // A step's own invalid parameter names the step.
    let inner = ColumnTransformer::new().add("inner", scaler().n_jobs(Some(0)), [0]);
    assert_invalid(
        inner.fit_unsupervised(x.view()),
        "n_jobs",
        &["ColumnTransformer step \"inner\" (StandardScaler)"],
    );
}

#[test]
fn step_errors_name_the_step_and_the_input_column() {
    let x = iris();
    let ct = ColumnTransformer::new()
        .add("first", StandardScaler::default(), [0])
        .add("reordered", StandardScaler::default(), [3, 1]);
    let mut bad = x.clone();
    // Infinity: the scalers pass NaN through (as scikit-learn's) but refuse it.
    bad[[5, 1]] = f64::INFINITY;
    let err = ct.fit_unsupervised(bad.view()).unwrap_err();
    assert!(
        matches!(&err, Error::NonFinite { row: 5, column: 1, context, .. }
            if context == "ColumnTransformer step \"reordered\" (StandardScaler)"),
        "{err:?}"
    );
    assert!(err.to_string().contains("row 5, column 1"), "{err}");
    let fitted = ct.fit_unsupervised(x.view()).unwrap();
    let err = fitted.transform(bad.view()).unwrap_err();
    assert!(
        matches!(&err, Error::NonFinite { row: 5, column: 1, context, .. } if context.contains("\"reordered\"")),
        "{err:?}"
    );
    // Two failing steps: the first in order is reported, on any thread count.
    bad[[2, 0]] = f64::INFINITY;
    for threads in [1, 2] {
        let err = common::on_threads(threads, || ct.fit_unsupervised(bad.view()).unwrap_err());
        assert!(matches!(err, Error::NonFinite { row: 2, column: 0, .. }), "{err:?}");
    }
}

#[test]
fn dropped_and_passthrough_columns_are_not_validated() {
    let x = iris();
    let mut with_nan = x.clone();
    with_nan[[4, 2]] = f64::NAN;
    let drop = ColumnTransformer::new().add("s", StandardScaler::default(), [0, 1]);
    let fitted = drop.fit_unsupervised(with_nan.view()).unwrap();
    assert!(fitted.transform(with_nan.view()).unwrap().iter().all(|v| v.is_finite()));
    let passthrough = drop.remainder(Remainder::Passthrough);
    let fitted = passthrough.fit_unsupervised(with_nan.view()).unwrap();
    let out = fitted.transform(with_nan.view()).unwrap();
    assert!(out[[4, 2]].is_nan(), "the remainder passes NaN through");
    assert_eq!(out.iter().filter(|v| v.is_nan()).count(), 1);
}

#[test]
fn wrong_width_and_empty_inputs_are_errors() {
    let x = iris();
    let fitted = ColumnTransformer::new()
        .add("s", StandardScaler::default(), [0])
        .fit_unsupervised(x.view())
        .unwrap();
    let err = fitted.transform(x.slice(s![.., ..3])).unwrap_err();
    assert!(
        matches!(
            err,
            Error::FeatureCountMismatch {
                context: std::borrow::Cow::Borrowed("ColumnTransformer"),
                expected: 4,
                got: 3
            }
        ),
        "{err:?}"
    );
    assert!(matches!(
        fitted.transform(Array2::<f64>::zeros((0, 4)).view()),
        Err(Error::EmptyInput {
            context: std::borrow::Cow::Borrowed("ColumnTransformer"),
            ..
        })
    ));
    let ct = ColumnTransformer::new().add("s", StandardScaler::default(), [0]);
    assert!(matches!(
        ct.fit_unsupervised(Array2::<f64>::zeros((3, 0)).view()),
        Err(Error::EmptyInput { .. })
    ));
}

#[test]
fn an_empty_selection_skips_the_step_as_scikit_learn_does() {
    let x = iris();
    let fitted = ColumnTransformer::new()
        .add("nothing", StandardScaler::default(), 4..)
        .add("s", StandardScaler::default(), [1])
        .add("nothing_either", StandardScaler::default(), Columns::Indices(vec![]))
        .fit_unsupervised(x.view())
        .unwrap();
    assert!(fitted.steps().0.0.1.transformer().is_none());
    assert!(fitted.steps().1.transformer().is_none());
    let names_ranges: Vec<_> = fitted.output_indices().to_vec();
    assert_eq!(
        names_ranges,
        [
            ("nothing".to_string(), 0..0),
            ("s".to_string(), 0..1),
            ("nothing_either".to_string(), 0..0),
            ("remainder".to_string(), 0..0)
        ]
    );
    assert_eq!(fitted.transform(x.view()).unwrap().dim(), (150, 1));
    // No step and the remainder dropped: no column at all.
    let none = ColumnTransformer::new().fit_unsupervised(x.view()).unwrap();
    assert_eq!(none.transform(x.view()).unwrap().dim(), (150, 0));
}

#[test]
fn a_passthrough_step_places_columns_among_the_outputs() {
    let x = array![[1.0, 2.0, 3.0], [3.0, 4.0, 9.0]];
    let fitted = ColumnTransformer::new()
        .add("raw", Passthrough, [2])
        .add("s", StandardScaler::default(), [0])
        .remainder(Remainder::Passthrough)
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(
        fitted.transform(x.view()).unwrap(),
        array![[3.0, -1.0, 2.0], [9.0, 1.0, 4.0]]
    );
}

/// Deserialises `json` as the type of `_like`.
fn same_type_from_json<T: serde::de::DeserializeOwned>(_like: &T, json: &str) -> T {
    serde_json::from_str(json).unwrap()
}

#[test]
fn fitted_model_survives_a_serde_round_trip() {
    let x = iris();
    let fitted = ColumnTransformer::new()
        .feature_names(["a", "b", "c", "d"])
        .add("s", StandardScaler::default(), ["c", "a"])
        .add(
            "p",
            Pipeline::new(StandardScaler::default(), StandardScaler::default()),
            1..2,
        )
        .remainder(Remainder::Passthrough)
        .fit_unsupervised(x.view())
        .unwrap();
    let json = serde_json::to_string(&fitted).unwrap();
    let back = same_type_from_json(&fitted, &json);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    assert_eq!(back.transform(x.view()).unwrap(), fitted.transform(x.view()).unwrap());
    // An edited model whose columns no longer fit X is an error, not a panic.
    for (from, to) in [
        ("\"columns\":[2,0]", "\"columns\":[2,9]"),
        ("\"remainder_columns\":[3]", "\"remainder_columns\":[4]"),
    ] {
        assert!(json.contains(from), "{json}");
        let edited = same_type_from_json(&fitted, &json.replace(from, to));
        let err = edited.transform(x.view()).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { message, .. } if message.contains("but X has 4 columns")),
            "{err:?}"
        );
    }
}

#[test]
fn the_same_model_on_any_thread_count() {
    let x = learnkit::datasets::load_adult().train.data;
    let ct = ColumnTransformer::new()
        .add("age", StandardScaler::default(), [0, 2])
        .add("hours", StandardScaler::default(), [12, 10, 11])
        .remainder(Remainder::Passthrough);
    let none: ndarray::ArrayView1<'_, ()> = ndarray::ArrayView1::from(&[]);
    let one = common::on_threads(1, || ct.fit_transform(x.view(), none).unwrap());
    let two = common::on_threads(2, || ct.fit_transform(x.view(), none).unwrap());
    assert_eq!(one.0, two.0);
    assert_eq!(one.1.mapv(f64::to_bits), two.1.mapv(f64::to_bits));
    let with_jobs = ct.clone().n_jobs(Some(2)).fit_transform(x.view(), none).unwrap();
    assert_eq!(with_jobs.1.mapv(f64::to_bits), one.1.mapv(f64::to_bits));
    // The categorical codes (with NaN for missing) pass through unchanged.
    let remainder = one.0.output_indices().last().unwrap().1.clone();
    assert_eq!(remainder.len(), 9);
    let passed = one.1.slice(s![.., remainder]).mapv(f64::to_bits);
    let original = x.select(Axis(1), one.0.remainder_columns()).mapv(f64::to_bits);
    assert_eq!(passed, original);
}

#[test]
fn a_step_error_names_the_input_row_and_column() {
    use learnkit::preprocessing::OneHotEncoder;
    let train = array![[0.5, 1.0, 7.0], [0.1, 2.0, 8.0], [0.3, 1.0, 7.0]];
    let fitted = ColumnTransformer::new()
        .add("scaled", StandardScaler::default(), [0])
        .add("onehot", OneHotEncoder::default(), [2, 1])
        .fit_unsupervised(train.view())
        .unwrap();
    assert_eq!(fitted.transform(train.view()).unwrap().ncols(), 1 + 2 + 2);
    // Row 1 holds an unseen category in the input's column 1 (the step's second column).
    let unseen = array![[0.2, 1.0, 8.0], [0.4, 3.0, 7.0]];
    match fitted.transform(unseen.view()) {
        Err(Error::UnknownCategory {
            row, column, context, ..
        }) => {
            assert_eq!((row, column), (1, 1));
            assert!(context.contains("onehot"), "{context}");
        }
        other => panic!("expected UnknownCategory, got {other:?}"),
    }
}
