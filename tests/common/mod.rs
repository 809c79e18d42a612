//! Generic estimator checks (scikit-learn's "common checks"), run on every
//! estimator through one macro line in `tests/estimator_checks.rs`.
//!
//! Each check is a plain generic function; the macros expand to one `#[test]`
//! per check so that a failure names the estimator and the check.

#![allow(dead_code)]

pub mod fixtures;
pub mod sparse;
pub mod warnings;

use learnkit::persistence::{self, Persist};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, ArrayView1, Axis, s};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

/// Training data for the checks: iris, shuffled deterministically so that any
/// prefix holds every class.
pub fn iris() -> (Array2<f64>, Array1<usize>) {
    let iris = learnkit::datasets::load_iris();
    let order: Vec<usize> = (0..150).map(|i| (i * 7) % 150).collect();
    (iris.data.select(Axis(0), &order), iris.target.select(Axis(0), &order))
}

/// The target types the checks run with: `usize` class labels (iris's
/// classes) or `f64` regression targets (a function of iris's rows).
pub trait CheckTarget: Clone + PartialEq + std::fmt::Debug + Send + Sync + 'static {
    /// The same targets for an `f32` fit (`usize` for labels, `f32` for regression).
    type T32: Clone;
    /// Whether one distinct target value is an error (classification).
    const ONE_VALUE_IS_ERROR: bool;
    /// The training data.
    fn data() -> (Array2<f64>, Array1<Self>);
    /// The targets for an `f32` fit.
    fn to32(y: &Array1<Self>) -> Array1<Self::T32>;
}

impl CheckTarget for usize {
    type T32 = usize;
    const ONE_VALUE_IS_ERROR: bool = true;
    fn data() -> (Array2<f64>, Array1<usize>) {
        iris()
    }
    fn to32(y: &Array1<usize>) -> Array1<usize> {
        y.clone()
    }
}

impl CheckTarget for f64 {
    type T32 = f32;
    const ONE_VALUE_IS_ERROR: bool = false;
    /// Iris's rows with a target mixing a feature and the class.
    fn data() -> (Array2<f64>, Array1<f64>) {
        let (x, y) = iris();
        let target = x.column(3).mapv(|v| 2.0 * v) + y.mapv(|c| c as f64);
        (x, target)
    }
    fn to32(y: &Array1<f64>) -> Array1<f32> {
        y.mapv(|v| v as f32)
    }
}

/// Runs `f` on a rayon pool of `threads` threads.
pub fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("fitted models serialise")
}

fn with_value(x: &Array2<f64>, row: usize, column: usize, value: f64) -> Array2<f64> {
    let mut bad = x.clone();
    bad[[row, column]] = value;
    bad
}

fn assert_non_finite<T: std::fmt::Debug>(result: learnkit::Result<T>, row: usize, column: usize) {
    match result {
        Err(Error::NonFinite { row: r, column: c, .. }) => assert_eq!((r, c), (row, column)),
        other => panic!("expected Error::NonFinite at ({row}, {column}), got {other:?}"),
    }
}

fn assert_non_finite_row<T: std::fmt::Debug>(result: learnkit::Result<T>, row: usize) {
    match result {
        Err(Error::NonFinite { row: r, .. }) => assert_eq!(r, row),
        other => panic!("expected Error::NonFinite in row {row}, got {other:?}"),
    }
}

fn assert_empty<T: std::fmt::Debug>(result: learnkit::Result<T>) {
    assert!(
        matches!(result, Err(Error::EmptyInput { .. })),
        "expected Error::EmptyInput, got {result:?}"
    );
}

fn assert_feature_mismatch<T: std::fmt::Debug>(result: learnkit::Result<T>, expected: usize, got: usize) {
    match result {
        Err(Error::FeatureCountMismatch {
            expected: e, got: g, ..
        }) => assert_eq!((e, g), (expected, got)),
        other => panic!("expected Error::FeatureCountMismatch, got {other:?}"),
    }
}

/// The number of arrays and numbers in `value` (the sites a tampering
/// check can edit).
fn count_sites(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count_sites).sum::<usize>(),
        Value::Object(fields) => fields.values().map(count_sites).sum(),
        Value::Number(_) => 1,
        _ => 0,
    }
}

/// Applies edit number `edit` (0..6) to the `remaining`-th site of `value`
/// in document order; `false` when the edit does not apply to that site.
/// Arrays: drop the last element, repeat the first. Numbers: 0, -1,
/// 2^40, 0.5.
fn edit_site(value: &mut Value, remaining: &mut usize, edit: usize) -> bool {
    match value {
        Value::Array(items) => {
            if *remaining == 0 {
                *remaining = usize::MAX;
                return match edit {
                    0 if !items.is_empty() => {
                        items.pop();
                        true
                    }
                    1 if !items.is_empty() => {
                        items.push(items[0].clone());
                        true
                    }
                    _ => false,
                };
            }
            *remaining -= 1;
            items
                .iter_mut()
                .any(|item| *remaining != usize::MAX && edit_site(item, remaining, edit))
        }
        Value::Object(fields) => fields
            .values_mut()
            .any(|v| *remaining != usize::MAX && edit_site(v, remaining, edit)),
        Value::Number(_) => {
            if *remaining == 0 {
                *remaining = usize::MAX;
                let new = match edit {
                    2 => Value::from(0),
                    3 => Value::from(-1),
                    4 => Value::from(1u64 << 40),
                    5 => Value::from(0.5),
                    _ => return false,
                };
                *value = new;
                return true;
            }
            *remaining -= 1;
            false
        }
        _ => false,
    }
}

/// What the checks need from an estimator's output: a matrix of f64, so that
/// classifiers, regressors and transformers are compared the same way.
pub trait Outputs<F: Float> {
    fn outputs(&self, x: ndarray::ArrayView2<'_, F>) -> learnkit::Result<Array2<f64>>;
}

/// Adapts a fitted predictor with `usize` labels.
pub struct AsClassifier<M>(pub M);
impl<F: Float, M: Predictor<F, Output = usize>> Outputs<F> for AsClassifier<M> {
    fn outputs(&self, x: ndarray::ArrayView2<'_, F>) -> learnkit::Result<Array2<f64>> {
        let predicted = self.0.predict(x)?;
        Ok(predicted.mapv(|l| l as f64).insert_axis(Axis(1)))
    }
}

/// Adapts a fitted probabilistic classifier: the predicted label followed by
/// the class probabilities, so that every check covers both.
pub struct AsProbaClassifier<M>(pub M);
impl<F: Float, M: PredictProba<F, Output = usize>> Outputs<F> for AsProbaClassifier<M> {
    fn outputs(&self, x: ndarray::ArrayView2<'_, F>) -> learnkit::Result<Array2<f64>> {
        let predicted = self.0.predict(x)?.mapv(|l| l as f64).insert_axis(Axis(1));
        let proba = self.0.predict_proba(x)?.mapv(|p| p.as_f64());
        Ok(ndarray::concatenate![Axis(1), predicted, proba])
    }
}

/// Adapts a fitted classifier with a decision function: the predicted label
/// followed by the decision scores, so that every check covers both.
pub struct AsDecisionClassifier<M>(pub M);
impl<F: Float, M: DecisionFunction<F, Output = usize>> Outputs<F> for AsDecisionClassifier<M> {
    fn outputs(&self, x: ndarray::ArrayView2<'_, F>) -> learnkit::Result<Array2<f64>> {
        let predicted = self.0.predict(x)?.mapv(|l| l as f64).insert_axis(Axis(1));
        let scores = self.0.decision_function(x)?.mapv(|p| p.as_f64());
        Ok(ndarray::concatenate![Axis(1), predicted, scores])
    }
}

/// Adapts a fitted regressor.
pub struct AsRegressor<M>(pub M);
impl<F: Float, M: Predictor<F, Output = F>> Outputs<F> for AsRegressor<M> {
    fn outputs(&self, x: ndarray::ArrayView2<'_, F>) -> learnkit::Result<Array2<f64>> {
        Ok(self.0.predict(x)?.mapv(|v| v.as_f64()).insert_axis(Axis(1)))
    }
}

/// Adapts a fitted transformer.
pub struct AsTransformer<M>(pub M);
impl<F: Float, M: Transformer<F>> Outputs<F> for AsTransformer<M> {
    fn outputs(&self, x: ndarray::ArrayView2<'_, F>) -> learnkit::Result<Array2<f64>> {
        Ok(self.0.transform(x)?.mapv(|v| v.as_f64()))
    }
}

/// The checks shared by every estimator, supervised (`usize` labels or `f64`
/// regression targets, see [`CheckTarget`]) or not.
pub struct Checks<E: Estimator<f64, T>, W, T = usize> {
    pub make: fn() -> E,
    pub invalid: fn() -> E,
    pub wrap64: fn(<E as Estimator<f64, T>>::Fitted) -> W,
    pub supervised: bool,
    /// Whether `NaN` is a missing value the estimator handles (imputers,
    /// encoders, trees, gradient boosting) or passes through (scalers)
    /// rather than an error.
    pub missing_values: bool,
    /// The fewest samples the estimator fits on (PCA needs 2 to estimate a
    /// variance); fewer must be `Error::InvalidInput`.
    pub min_samples: usize,
}

impl<E, W, T> Checks<E, W, T>
where
    T: CheckTarget,
    E: Estimator<f64, T> + Estimator<f32, T::T32>,
    <E as Estimator<f64, T>>::Fitted: Serialize + DeserializeOwned + Send + Sync + std::fmt::Debug,
    <E as Estimator<f32, T::T32>>::Fitted: std::fmt::Debug,
    W: Outputs<f64>,
{
    fn fit64(&self, x: &Array2<f64>, y: &Array1<T>) -> learnkit::Result<<E as Estimator<f64, T>>::Fitted> {
        (self.make)().fit(x.view(), y.view())
    }

    fn fitted(&self) -> W {
        let (x, y) = T::data();
        (self.wrap64)(self.fit64(&x, &y).expect("fit on iris"))
    }

    /// Same data and seed → bit-identical model, on 1 thread or 2.
    pub fn deterministic_across_threads(&self) {
        let (x, y) = T::data();
        let one = on_threads(1, || to_json(&self.fit64(&x, &y).unwrap()));
        let two = on_threads(2, || to_json(&self.fit64(&x, &y).unwrap()));
        let again = on_threads(2, || to_json(&self.fit64(&x, &y).unwrap()));
        assert_eq!(one, two, "model differs between 1 and 2 threads");
        assert_eq!(two, again, "model differs between two identical fits");
    }

    /// Per-row outputs do not depend on the other rows in the batch.
    pub fn rows_independent(&self) {
        let (x, _) = T::data();
        let model = self.fitted();
        let full = model.outputs(x.view()).unwrap();
        let reversed: Vec<usize> = (0..x.nrows()).rev().collect();
        let out_rev = model.outputs(x.select(Axis(0), &reversed).view()).unwrap();
        assert_eq!(
            out_rev,
            full.select(Axis(0), &reversed),
            "row order changed per-row outputs"
        );
        let subset = model.outputs(x.slice(s![10..13, ..])).unwrap();
        assert_eq!(subset, full.slice(s![10..13, ..]), "a subset changed per-row outputs");
        let one_row = model.outputs(x.slice(s![5..6, ..])).unwrap();
        assert_eq!(one_row, full.slice(s![5..6, ..]), "a single row changed its output");
    }

    /// Non-finite values in fit or predict are reported with their position;
    /// an estimator that handles missing values instead fits with `NaN` and
    /// gives finite outputs for rows holding it (infinities stay errors).
    pub fn rejects_non_finite(&self) {
        let (x, y) = T::data();
        if self.missing_values {
            let with_nan = with_value(&with_value(&x, 3, 2, f64::NAN), 40, 0, f64::NAN);
            let model = (self.wrap64)(self.fit64(&with_nan, &y).expect("fit with NaN as missing values"));
            let out = model.outputs(with_nan.view()).expect("outputs for rows with NaN");
            // Either NaN is handled (finite outputs: imputers, trees) or, for
            // a transformer that passes missing values through (the scalers,
            // as scikit-learn's; a column transformer may reorder columns),
            // each row keeps exactly as many NaN as it had, and no infinity.
            let nan_per_row = |m: &Array2<f64>| -> Vec<usize> {
                m.rows()
                    .into_iter()
                    .map(|r| r.iter().filter(|v| v.is_nan()).count())
                    .collect()
            };
            let passed_through = out.dim() == with_nan.dim()
                && out.iter().all(|v| !v.is_infinite())
                && nan_per_row(&out) == nan_per_row(&with_nan);
            assert!(
                out.iter().all(|v| v.is_finite()) || passed_through,
                "NaN input gave non-finite outputs other than the passed-through NaN"
            );
        } else {
            // The row is exact; the column may be a later step's: a scaler
            // passes NaN through and the estimator after it (say after a
            // reordering ColumnTransformer) reports it in its own columns.
            // Infinities, which every step rejects, are checked exactly below.
            assert_non_finite_row(self.fit64(&with_value(&x, 3, 2, f64::NAN), &y), 3);
            let model = self.fitted();
            assert_non_finite_row(model.outputs(with_value(&x, 7, 1, f64::NAN).view()), 7);
        }
        assert_non_finite(self.fit64(&with_value(&x, 0, 0, f64::INFINITY), &y), 0, 0);
        assert_non_finite(self.fit64(&with_value(&x, 149, 3, f64::NEG_INFINITY), &y), 149, 3);
        let model = self.fitted();
        assert_non_finite(model.outputs(with_value(&x, 7, 1, f64::INFINITY).view()), 7, 1);
    }

    /// Empty inputs are an error in fit and predict.
    pub fn rejects_empty(&self) {
        let (x, y) = T::data();
        assert_empty(self.fit64(&Array2::zeros((0, 4)), &y.slice(s![..0]).to_owned()));
        assert_empty(self.fit64(&Array2::zeros((150, 0)), &y));
        let model = self.fitted();
        assert_empty(model.outputs(Array2::<f64>::zeros((0, 4)).view()));
        let _ = x;
    }

    /// Predicting with another number of features is an error naming both counts.
    pub fn rejects_wrong_feature_count(&self) {
        let (x, _) = T::data();
        let model = self.fitted();
        assert_feature_mismatch(model.outputs(x.slice(s![.., ..3])), 4, 3);
        let wider = ndarray::concatenate![Axis(1), x, x.slice(s![.., ..1])];
        assert_feature_mismatch(model.outputs(wider.view()), 4, 5);
    }

    /// Invalid hyperparameters are reported by fit before any work.
    pub fn rejects_invalid_parameters(&self) {
        let (x, y) = T::data();
        let result = (self.invalid)().fit(x.view(), y.view());
        assert!(
            matches!(result, Err(Error::InvalidParameter { .. })),
            "expected Error::InvalidParameter, got {result:?}"
        );
    }

    /// Targets of the wrong length are an error (supervised estimators).
    pub fn rejects_target_length_mismatch(&self) {
        if !self.supervised {
            return;
        }
        let (x, y) = T::data();
        let result = self.fit64(&x, &y.slice(s![..100]).to_owned());
        assert!(
            matches!(result, Err(Error::ShapeMismatch { .. })),
            "expected ShapeMismatch, got {result:?}"
        );
    }

    /// One class is an error for classifiers; one sample is one class.
    pub fn single_class_and_single_sample(&self) {
        let (x, y) = T::data();
        let first = x.slice(s![..1, ..]).to_owned();
        let result = self.fit64(&first, &y.slice(s![..1]).to_owned());
        let only_class = y[0].clone();
        let same: Vec<usize> = (0..150).filter(|&i| y[i] == only_class).collect();
        let result_class = self.fit64(&x.select(Axis(0), &same), &y.select(Axis(0), &same));
        if self.supervised && T::ONE_VALUE_IS_ERROR {
            assert!(
                matches!(result, Err(Error::SingleClass { .. }))
                    || (self.min_samples > 1 && matches!(result, Err(Error::InvalidInput { .. }))),
                "one sample: got {result:?}"
            );
            assert!(
                matches!(result_class, Err(Error::SingleClass { .. })),
                "one class: got {result_class:?}"
            );
        } else if self.min_samples > 1 {
            assert!(
                matches!(result, Err(Error::InvalidInput { .. })),
                "one sample: got {result:?}"
            );
            let enough = x.slice(s![..self.min_samples, ..]).to_owned();
            let model = (self.wrap64)(
                self.fit64(&enough, &y.slice(s![..self.min_samples]).to_owned())
                    .expect("fit on min_samples samples"),
            );
            assert_eq!(model.outputs(first.view()).unwrap().nrows(), 1);
            assert!(result_class.is_ok());
        } else {
            let model = (self.wrap64)(result.expect("one sample fits an unsupervised estimator or a regressor"));
            assert_eq!(model.outputs(first.view()).unwrap().nrows(), 1);
            assert!(result_class.is_ok());
        }
    }

    /// A single feature is enough.
    pub fn single_feature(&self) {
        let (x, y) = T::data();
        let column = x.slice(s![.., 2..3]).to_owned();
        let model = (self.wrap64)(self.fit64(&column, &y).expect("fit on one feature"));
        let out = model.outputs(column.view()).unwrap();
        assert_eq!(out.nrows(), 150);
        assert!(out.iter().all(|v| v.is_finite()));
    }

    /// The data sets a saved model must survive: clean iris, iris with NaN
    /// (when NaN is a missing value), and degenerate data — a constant
    /// column and duplicated rows, one feature, one sample per class (at
    /// least `min_samples`). A variant the estimator rejects is skipped;
    /// the clean and NaN ones must fit.
    fn persistence_cases(&self) -> Vec<(&'static str, Array2<f64>, Array1<T>)> {
        let (x, y) = T::data();
        let mut cases = vec![("clean", x.clone(), y.clone())];
        if self.missing_values {
            let mut with_nan = x.clone();
            with_nan.slice_mut(s![..;5, 2]).fill(f64::NAN);
            cases.push(("NaN every 5th row", with_nan, y.clone()));
        }
        let mut degenerate = x.clone();
        degenerate.column_mut(1).fill(3.5);
        for i in 0..10 {
            let row = degenerate.row(i).to_owned();
            degenerate.row_mut(i + 10).assign(&row);
        }
        cases.push(("constant column and duplicated rows", degenerate, y.clone()));
        cases.push(("one feature", x.slice(s![.., 2..3]).to_owned(), y.clone()));
        let mut firsts: Vec<usize> = Vec::new();
        for i in 0..y.len() {
            if !firsts.iter().any(|&j| y[j] == y[i]) || firsts.len() < self.min_samples {
                firsts.push(i);
            }
        }
        cases.push((
            "one sample per class",
            x.select(Axis(0), &firsts),
            y.select(Axis(0), &firsts),
        ));
        cases
    }

    /// A model fitted on clean, NaN and degenerate data round-trips through
    /// the binary and the JSON form of `learnkit::persistence` with
    /// bit-identical outputs, and its JSON is the same once reloaded.
    pub fn persistence_round_trip(&self)
    where
        <E as Estimator<f64, T>>::Fitted: Persist,
    {
        type Fitted<E, T> = <E as Estimator<f64, T>>::Fitted;
        for (case, x, y) in self.persistence_cases() {
            let fitted = match self.fit64(&x, &y) {
                Ok(f) => f,
                Err(e) if case != "clean" && !case.starts_with("NaN") => {
                    let _ = e;
                    continue;
                }
                Err(e) => panic!("{case}: fit failed: {e}"),
            };
            let json = persistence::to_json(&fitted).unwrap();
            let from_json: Fitted<E, T> = persistence::from_json(&json).unwrap_or_else(|e| panic!("{case}: {e}"));
            assert_eq!(
                persistence::to_json(&from_json).unwrap(),
                json,
                "{case}: JSON differs once reloaded"
            );
            let bytes = persistence::to_bytes(&fitted).unwrap();
            let from_bytes: Fitted<E, T> = persistence::from_bytes(&bytes).unwrap_or_else(|e| panic!("{case}: {e}"));
            assert_eq!(
                persistence::to_bytes(&from_bytes).unwrap(),
                bytes,
                "{case}: bytes differ once reloaded"
            );
            let bits = |m: Fitted<E, T>| {
                (self.wrap64)(m)
                    .outputs(x.view())
                    .map(|o| o.mapv(|v| if v.is_nan() { u64::MAX } else { v.to_bits() }))
                    .map_err(|e| e.to_string())
            };
            let before = bits(fitted);
            assert_eq!(bits(from_json), before, "{case}: outputs differ after JSON");
            assert_eq!(bits(from_bytes), before, "{case}: outputs differ after binary");
        }
    }

    /// A saved model edited anywhere in its structure either fails to load
    /// with `Error::ModelFile` or loads into a model that answers (an output
    /// or an `Error`) without panicking: arrays lose or repeat an element,
    /// numbers become 0, -1, huge or fractional, at up to 400 sites chosen
    /// evenly through the file.
    pub fn tampered_models_never_panic(&self)
    where
        <E as Estimator<f64, T>>::Fitted: Persist,
    {
        let (x, y) = T::data();
        let mut fits = vec![self.fit64(&x, &y).unwrap()];
        if self.missing_values {
            let mut with_nan = x.clone();
            with_nan.slice_mut(s![..;5, 2]).fill(f64::NAN);
            fits.push(self.fit64(&with_nan, &y).unwrap());
        }
        for fitted in fits {
            let value: serde_json::Value = serde_json::from_str(&persistence::to_json(&fitted).unwrap()).unwrap();
            let sites = count_sites(&value["data"]);
            let step = sites.div_ceil(400).max(1);
            let mut loaded = 0;
            for site in (0..sites).step_by(step) {
                for edit in 0..6 {
                    let mut tampered = value.clone();
                    let mut remaining = site;
                    if !edit_site(&mut tampered["data"], &mut remaining, edit) {
                        continue;
                    }
                    match persistence::from_json::<<E as Estimator<f64, T>>::Fitted>(&tampered.to_string()) {
                        Ok(model) => {
                            loaded += 1;
                            let _ = (self.wrap64)(model).outputs(x.view());
                        }
                        Err(Error::ModelFile { .. }) => {}
                        Err(other) => panic!("a tampered file gave {other:?}, not Error::ModelFile"),
                    }
                }
            }
            let _ = loaded;
        }
    }

    /// Fitting never changes the caller's data.
    pub fn inputs_unchanged(&self) {
        let (x, y) = T::data();
        let (x0, y0) = (x.clone(), y.clone());
        let _ = self.fit64(&x, &y).unwrap();
        assert_eq!((x, y), (x0, y0));
    }
}

/// `f32` and `f64` fits give the same outputs up to `f32` precision.
pub fn f32_agrees_with_f64<T, E, W64, W32>(
    make: fn() -> E,
    wrap64: fn(<E as Estimator<f64, T>>::Fitted) -> W64,
    wrap32: fn(<E as Estimator<f32, T::T32>>::Fitted) -> W32,
    max_relative: f64,
    min_fraction_equal: f64,
) where
    T: CheckTarget,
    E: Estimator<f64, T> + Estimator<f32, T::T32>,
    W64: Outputs<f64>,
    W32: Outputs<f32>,
{
    let (x, y) = T::data();
    let x32 = x.mapv(|v| v as f32);
    let y32 = T::to32(&y);
    let out64 = wrap64(make().fit(x.view(), y.view()).unwrap())
        .outputs(x.view())
        .unwrap();
    let out32 = wrap32(make().fit(x32.view(), y32.view()).unwrap())
        .outputs(x32.view())
        .unwrap();
    let close = out64
        .iter()
        .zip(out32.iter())
        .filter(|(a, b)| (*a - *b).abs() <= max_relative * a.abs().max(1.0))
        .count();
    let fraction = close as f64 / out64.len() as f64;
    assert!(
        fraction >= min_fraction_equal,
        "only {fraction:.4} of f32 outputs agree with f64 (need {min_fraction_equal})"
    );
}

/// Compile-time check that fitted models can cross threads.
pub fn assert_send_sync<T: Send + Sync>() {}

/// Labels of any type: `String` labels give the same predictions as codes.
pub fn string_labels_round_trip<E>(make: fn() -> E)
where
    E: Estimator<f64, usize> + Estimator<f64, String>,
    <E as Estimator<f64, usize>>::Fitted: Predictor<f64, Output = usize>,
    <E as Estimator<f64, String>>::Fitted: Predictor<f64, Output = String>,
{
    let (x, y) = iris();
    let names = ["setosa", "versicolor", "virginica"];
    let y_text: Array1<String> = y.mapv(|c| names[c].to_string());
    let by_code = make().fit(x.view(), y.view()).unwrap().predict(x.view()).unwrap();
    let by_name = make().fit(x.view(), y_text.view()).unwrap().predict(x.view()).unwrap();
    let expected: Array1<String> = by_code.mapv(|c| names[c].to_string());
    assert_eq!(by_name, expected);
    let _: ArrayView1<'_, String> = y_text.view();
}

/// Expands to one `#[test]` per common check for an estimator.
///
/// `check_estimator!(name, supervised: bool, [targets: f64,] make, invalid, Wrapper, f32 tolerance, fraction)`;
/// the targets are `usize` class labels unless `targets: f64` (a regressor).
#[macro_export]
macro_rules! check_estimator {
    ($name:ident, supervised: $supervised:expr, make: $make:expr, invalid: $invalid:expr,
     wrap: $wrap:ident, f32_tolerance: $tol:expr, f32_fraction: $frac:expr $(, missing_values: $missing:expr)? $(, min_samples: $min:expr)?) => {
        $crate::check_estimator!($name, supervised: $supervised, targets: usize, make: $make, invalid: $invalid,
            wrap: $wrap, f32_tolerance: $tol, f32_fraction: $frac $(, missing_values: $missing)? $(, min_samples: $min)?);
    };
    ($name:ident, supervised: $supervised:expr, targets: $t:ty, make: $make:expr, invalid: $invalid:expr,
     wrap: $wrap:ident, f32_tolerance: $tol:expr, f32_fraction: $frac:expr $(, missing_values: $missing:expr)?
     $(, min_samples: $min:expr)?) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            use $crate::common::*;

            macro_rules! checks {
                () => {
                    Checks::<_, _, $t> {
                        make: || $make,
                        invalid: || $invalid,
                        wrap64: $wrap,
                        supervised: $supervised,
                        missing_values: false $(|| $missing)?,
                        min_samples: 1 $(.max($min))?,
                    }
                };
            }

            #[test]
            fn deterministic_across_threads() {
                checks!().deterministic_across_threads()
            }
            #[test]
            fn rows_independent() {
                checks!().rows_independent()
            }
            #[test]
            fn rejects_non_finite() {
                checks!().rejects_non_finite()
            }
            #[test]
            fn rejects_empty() {
                checks!().rejects_empty()
            }
            #[test]
            fn rejects_wrong_feature_count() {
                checks!().rejects_wrong_feature_count()
            }
            #[test]
            fn rejects_invalid_parameters() {
                checks!().rejects_invalid_parameters()
            }
            #[test]
            fn rejects_target_length_mismatch() {
                checks!().rejects_target_length_mismatch()
            }
            #[test]
            fn single_class_and_single_sample() {
                checks!().single_class_and_single_sample()
            }
            #[test]
            fn single_feature() {
                checks!().single_feature()
            }
            #[test]
            fn persistence_round_trip() {
                checks!().persistence_round_trip()
            }
            #[test]
            fn tampered_models_never_panic() {
                checks!().tampered_models_never_panic()
            }
            #[test]
            fn inputs_unchanged() {
                checks!().inputs_unchanged()
            }
            #[test]
            fn f32_agrees_with_f64() {
                $crate::common::f32_agrees_with_f64::<$t, _, _, _>(|| $make, $wrap, $wrap, $tol, $frac)
            }
        }
    };
}
