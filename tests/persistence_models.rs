//! Saved SVMs, logistic regressions and decompositions (issue 12, items 7
//! and 8): every fitted type round-trips through JSON and the binary format
//! with bit-identical outputs, fitted on clean and degenerate data, and a
//! tampered file whose parts disagree is refused with `Error::ModelFile`
//! naming the problem instead of loading a model that panics or predicts
//! from inconsistent parts.

use learnkit::Error;
use learnkit::decomposition::{FittedPCA, FittedTruncatedSVD, NComponents, SvdSolver, TruncatedSVD};
use learnkit::linear_model::{Cs, FittedLogisticRegression, FittedLogisticRegressionCV, LogisticRegressionCV};
use learnkit::persistence::{Persist, from_bytes, from_json, to_bytes, to_json};
use learnkit::prelude::*;
use learnkit::svm::{DecisionFunctionShape, FittedLinearSVC, FittedSVC, FittedSVR, Gamma, Kernel};
use ndarray::{Array1, Array2, Axis, array, s};
use serde_json::Value;

fn iris() -> (Array2<f64>, Array1<usize>) {
    let iris = learnkit::datasets::load_iris();
    (iris.data, iris.target)
}

/// The first two classes of iris (100 rows).
fn iris_binary() -> (Array2<f64>, Array1<usize>) {
    let (x, y) = iris();
    (x.slice(s![..100, ..]).to_owned(), y.slice(s![..100]).to_owned())
}

/// Iris with a constant column added in front.
fn with_constant_column(x: &Array2<f64>) -> Array2<f64> {
    ndarray::concatenate![Axis(1), Array2::from_elem((x.nrows(), 1), 3.5), x.view()]
}

/// Rows to predict on: iris plus a few extreme ones.
fn probe(d: usize) -> Array2<f64> {
    let (x, _) = iris();
    let mut rows: Vec<f64> = Vec::new();
    for r in x.rows() {
        rows.extend((0..d).map(|j| r[j % 4] * (1.0 + j as f64 * 0.1)));
    }
    for extreme in [0.0, -0.0, 1e-300, -7.5, 1e6] {
        rows.extend(std::iter::repeat_n(extreme, d));
    }
    Array2::from_shape_vec((rows.len() / d, d), rows).unwrap()
}

/// Values as bits, every NaN the same (a NaN's payload need not survive JSON).
fn bits<'a>(values: impl IntoIterator<Item = &'a f64>) -> Vec<u64> {
    values
        .into_iter()
        .map(|v| if v.is_nan() { f64::NAN.to_bits() } else { v.to_bits() })
        .collect()
}

/// Saves and loads `model` both ways; `outputs` of the loaded models equal
/// the original's bit for bit, and saving the loaded model gives the same
/// file.
fn round_trips<M: Persist>(model: &M, outputs: impl Fn(&M) -> Vec<u64>) {
    let expected = outputs(model);
    assert!(!expected.is_empty());
    let text = to_json(model).unwrap();
    let from_text: M = from_json(&text).unwrap();
    assert_eq!(outputs(&from_text), expected, "JSON round trip of {}", M::model_name());
    assert_eq!(to_json(&from_text).unwrap(), text);
    let bytes = to_bytes(model).unwrap();
    let from_binary: M = from_bytes(&bytes).unwrap();
    assert_eq!(
        outputs(&from_binary),
        expected,
        "binary round trip of {}",
        M::model_name()
    );
    assert_eq!(to_bytes(&from_binary).unwrap(), bytes);
}

fn labels(y: &Array1<usize>) -> Vec<u64> {
    y.iter().map(|&c| c as u64).collect()
}

fn svc_outputs(model: &FittedSVC<f64, usize>) -> Vec<u64> {
    let x = probe(model.n_features_in());
    let mut out = labels(&model.predict(x.view()).unwrap());
    out.extend(bits(&model.decision_function(x.view()).unwrap()));
    if !model.prob_a().is_empty() {
        out.extend(bits(&model.predict_proba(x.view()).unwrap()));
    }
    out
}

fn svr_outputs(model: &FittedSVR<f64>) -> Vec<u64> {
    bits(&model.predict(probe(model.n_features_in()).view()).unwrap())
}

fn linear_svc_outputs(model: &FittedLinearSVC<f64, usize>) -> Vec<u64> {
    let x = probe(model.n_features_in());
    let mut out = labels(&model.predict(x.view()).unwrap());
    out.extend(bits(&model.decision_function(x.view()).unwrap()));
    out
}

fn logistic_outputs<L: Label>(model: &FittedLogisticRegression<f64, L>) -> Vec<u64> {
    let x = probe(model.n_features_in());
    let classes = model.classes();
    let mut out: Vec<u64> = model
        .predict(x.view())
        .unwrap()
        .iter()
        .map(|l| classes.iter().position(|c| c == l).unwrap() as u64)
        .collect();
    out.extend(bits(&model.predict_proba(x.view()).unwrap()));
    out.extend(bits(&model.decision_function(x.view()).unwrap()));
    out
}

fn pca_outputs(model: &FittedPCA<f64>) -> Vec<u64> {
    let x = probe(model.n_features_in());
    let z = model.transform(x.view()).unwrap();
    let mut out = bits(&z);
    out.extend(bits(&model.inverse_transform(z.view()).unwrap()));
    out.extend(bits(model.explained_variance_ratio()));
    out.extend(bits(&[model.noise_variance()]));
    if let Ok(scores) = model.score_samples(x.view()) {
        out.extend(bits(&scores));
    }
    out
}

fn svd_outputs(model: &FittedTruncatedSVD<f64>) -> Vec<u64> {
    let x = probe(model.n_features_in());
    let z = model.transform(x.view()).unwrap();
    let mut out = bits(&z);
    out.extend(bits(&model.inverse_transform(z.view()).unwrap()));
    out.extend(bits(model.explained_variance_ratio()));
    out
}

#[test]
fn svc_round_trips_exactly() {
    let (x, y) = iris();
    let (xb, yb) = iris_binary();
    let kernels = [
        Kernel::default(),
        Kernel::Linear,
        Kernel::Poly {
            degree: 2,
            gamma: Gamma::Auto,
            coef0: 0.5,
        },
        Kernel::Sigmoid {
            gamma: Gamma::Value(0.01),
            coef0: -0.25,
        },
    ];
    for kernel in kernels {
        let model = SVC::default().kernel(kernel).fit(x.view(), y.view()).unwrap();
        round_trips(&model, svc_outputs);
        let model = SVC::default().kernel(kernel).fit(xb.view(), yb.view()).unwrap();
        round_trips(&model, svc_outputs);
    }
    let ovo = SVC::default()
        .decision_function_shape(DecisionFunctionShape::Ovo)
        .probability(true)
        .random_state(3)
        .fit(x.view(), y.view())
        .unwrap();
    round_trips(&ovo, svc_outputs);
    let binary_proba = SVC::default()
        .probability(true)
        .random_state(1)
        .fit(xb.view(), yb.view())
        .unwrap();
    round_trips(&binary_proba, svc_outputs);
    // Degenerate data: a constant column, one feature, one sample per class.
    let constant = with_constant_column(&x);
    round_trips(&SVC::default().fit(constant.view(), y.view()).unwrap(), svc_outputs);
    let one_feature = x.slice(s![.., 2..3]).to_owned();
    round_trips(&SVC::default().fit(one_feature.view(), y.view()).unwrap(), svc_outputs);
    let three = x.select(Axis(0), &[0, 50, 100]);
    round_trips(
        &SVC::default().fit(three.view(), array![0, 1, 2].view()).unwrap(),
        svc_outputs,
    );
    // Values near the limits (×1e200 is refused: its squares overflow):
    // still exact.
    let huge = &x * 1e150;
    round_trips(&SVC::default().fit(huge.view(), y.view()).unwrap(), svc_outputs);
}

#[test]
fn svc_with_a_precomputed_kernel_round_trips_exactly() {
    let (x, y) = iris();
    let gram = x.dot(&x.t());
    let model = SVC::default()
        .kernel(Kernel::Precomputed)
        .fit(gram.view(), y.view())
        .unwrap();
    let outputs = |m: &FittedSVC<f64, usize>| {
        let mut out = labels(&m.predict(gram.view()).unwrap());
        out.extend(bits(&m.decision_function(gram.view()).unwrap()));
        out
    };
    round_trips(&model, outputs);
}

#[test]
fn svc_with_string_labels_round_trips() {
    let (x, y) = iris();
    let names = y.mapv(|c| ["setosa", "versicolor", "virginica"][c].to_string());
    let model = SVC::default().fit(x.view(), names.view()).unwrap();
    let back: FittedSVC<f64, String> = from_bytes(&to_bytes(&model).unwrap()).unwrap();
    assert_eq!(back.predict(x.view()).unwrap(), model.predict(x.view()).unwrap());
    assert_eq!(FittedSVC::<f32, String>::model_name(), "SVC<f32>");
}

#[test]
fn svr_round_trips_exactly() {
    let (x, _) = iris();
    let target = x.column(3).to_owned();
    let features = x.slice(s![.., ..3]).to_owned();
    for kernel in [Kernel::default(), Kernel::Linear, Kernel::Rbf { gamma: Gamma::Auto }] {
        let model = SVR::default()
            .kernel(kernel)
            .fit(features.view(), target.view())
            .unwrap();
        round_trips(&model, svr_outputs);
    }
    let constant = with_constant_column(&features);
    round_trips(
        &SVR::default().fit(constant.view(), target.view()).unwrap(),
        svr_outputs,
    );
    let one_feature = x.slice(s![.., 2..3]).to_owned();
    round_trips(
        &SVR::default().fit(one_feature.view(), target.view()).unwrap(),
        svr_outputs,
    );
    let gram = features.dot(&features.t());
    let model = SVR::default()
        .kernel(Kernel::Precomputed)
        .fit(gram.view(), target.view())
        .unwrap();
    round_trips(&model, |m: &FittedSVR<f64>| bits(&m.predict(gram.view()).unwrap()));
}

#[test]
fn linear_svc_round_trips_exactly() {
    let (x, y) = iris();
    let (xb, yb) = iris_binary();
    round_trips(
        &LinearSVC::default().random_state(0).fit(x.view(), y.view()).unwrap(),
        linear_svc_outputs,
    );
    round_trips(
        &LinearSVC::default().random_state(0).fit(xb.view(), yb.view()).unwrap(),
        linear_svc_outputs,
    );
    let no_intercept = LinearSVC::default().fit_intercept(false).random_state(0);
    round_trips(&no_intercept.fit(x.view(), y.view()).unwrap(), linear_svc_outputs);
    let constant = with_constant_column(&x);
    round_trips(
        &LinearSVC::default()
            .random_state(0)
            .fit(constant.view(), y.view())
            .unwrap(),
        linear_svc_outputs,
    );
    let three = x.select(Axis(0), &[0, 50, 100]);
    round_trips(
        &LinearSVC::default()
            .random_state(0)
            .fit(three.view(), array![0, 1, 2].view())
            .unwrap(),
        linear_svc_outputs,
    );
}

#[test]
fn logistic_regression_round_trips_exactly() {
    let (x, y) = iris();
    let (xb, yb) = iris_binary();
    round_trips(
        &LogisticRegression::default().fit(x.view(), y.view()).unwrap(),
        logistic_outputs,
    );
    round_trips(
        &LogisticRegression::default().fit(xb.view(), yb.view()).unwrap(),
        logistic_outputs,
    );
    let weighted = LogisticRegression::default()
        .fit_intercept(false)
        .class_weight(learnkit::class_weight::ClassWeight::PerClass(vec![0.1, 2.0, 1.0 / 3.0]));
    round_trips(&weighted.fit(x.view(), y.view()).unwrap(), logistic_outputs);
    let constant = with_constant_column(&x);
    round_trips(
        &LogisticRegression::default().fit(constant.view(), y.view()).unwrap(),
        logistic_outputs,
    );
    let one_feature = x.slice(s![.., 2..3]).to_owned();
    round_trips(
        &LogisticRegression::default().fit(one_feature.view(), y.view()).unwrap(),
        logistic_outputs,
    );
    let three = x.select(Axis(0), &[0, 50, 100]);
    round_trips(
        &LogisticRegression::default()
            .fit(three.view(), array![0, 1, 2].view())
            .unwrap(),
        logistic_outputs,
    );
    let huge = &x * 1e200;
    round_trips(
        &LogisticRegression::default().fit(huge.view(), y.view()).unwrap(),
        logistic_outputs,
    );
    let words = y.mapv(|c| ["a", "b", "c"][c].to_string());
    round_trips(
        &LogisticRegression::default().fit(x.view(), words.view()).unwrap(),
        logistic_outputs,
    );

    // f32 stays f32, exactly.
    let x32 = x.mapv(|v| v as f32);
    let model32 = LogisticRegression::default().fit(x32.view(), y.view()).unwrap();
    let outputs = |m: &FittedLogisticRegression<f32, usize>| {
        let p = m.predict_proba(x32.view()).unwrap();
        p.iter().map(|v| u64::from(v.to_bits())).collect::<Vec<_>>()
    };
    round_trips(&model32, outputs);
    assert_eq!(
        FittedLogisticRegression::<f32, usize>::model_name(),
        "LogisticRegression<f32>"
    );
}

#[test]
fn logistic_regression_cv_round_trips_exactly() {
    let (x, y) = iris();
    for refit in [true, false] {
        let model = LogisticRegressionCV::default()
            .cs(Cs::Count(3))
            .refit(refit)
            .fit(x.view(), y.view())
            .unwrap();
        let outputs = |m: &FittedLogisticRegressionCV<f64, usize>| {
            let mut out = logistic_outputs(m.model());
            out.extend(bits(m.scores()));
            out.extend(bits(&[m.c()]));
            out
        };
        round_trips(&model, outputs);
    }
}

#[test]
fn pca_round_trips_exactly_including_nan_ratios() {
    let (x, _) = iris();
    round_trips(&PCA::default().fit_unsupervised(x.view()).unwrap(), pca_outputs);
    round_trips(
        &PCA::default()
            .n_components(NComponents::Count(2))
            .whiten(true)
            .fit_unsupervised(x.view())
            .unwrap(),
        pca_outputs,
    );
    round_trips(
        &PCA::default()
            .n_components(NComponents::Count(2))
            .svd_solver(SvdSolver::Randomized)
            .random_state(0)
            .fit_unsupervised(x.view())
            .unwrap(),
        pca_outputs,
    );
    round_trips(
        &PCA::default()
            .svd_solver(SvdSolver::Full)
            .fit_unsupervised(x.view())
            .unwrap(),
        pca_outputs,
    );
    round_trips(
        &PCA::default()
            .fit_unsupervised(with_constant_column(&x).view())
            .unwrap(),
        pca_outputs,
    );
    round_trips(
        &PCA::default().fit_unsupervised(x.slice(s![.., 1..2]).view()).unwrap(),
        pca_outputs,
    );

    // Issue 12, item 7: two identical rows give NaN variance ratios, which
    // serde_json wrote as null and could not read back.
    let twins = array![[1.0, 2.0], [1.0, 2.0]];
    let model: FittedPCA<f64> = PCA::default().fit_unsupervised(twins.view()).unwrap();
    assert!(model.explained_variance_ratio().iter().all(|r| r.is_nan()));
    round_trips(&model, pca_outputs);
    let back: FittedPCA<f64> = from_json(&to_json(&model).unwrap()).unwrap();
    assert!(back.explained_variance_ratio().iter().all(|r| r.is_nan()));

    let x32 = x.mapv(|v| v as f32);
    let model32 = PCA::default().fit_unsupervised(x32.view()).unwrap();
    let outputs = |m: &FittedPCA<f32>| {
        let z = m.transform(x32.view()).unwrap();
        z.iter().map(|v| u64::from(v.to_bits())).collect::<Vec<_>>()
    };
    round_trips(&model32, outputs);
}

#[test]
fn truncated_svd_round_trips_exactly() {
    let (x, _) = iris();
    let svd = TruncatedSVD::default().random_state(0);
    round_trips(&svd.fit_unsupervised(x.view()).unwrap(), svd_outputs);
    round_trips(
        &svd.clone()
            .n_components(1)
            .fit_unsupervised(x.slice(s![.., 2..3]).view())
            .unwrap(),
        svd_outputs,
    );
    round_trips(
        &svd.fit_unsupervised(with_constant_column(&x).view()).unwrap(),
        svd_outputs,
    );
    let zeros = Array2::<f64>::zeros((4, 3));
    round_trips(
        &TruncatedSVD::default()
            .random_state(0)
            .fit_unsupervised(zeros.view())
            .unwrap(),
        svd_outputs,
    );
}

// ---------------------------------------------------------------------------
// Tampered files.

fn message(err: Error) -> String {
    match err {
        Error::ModelFile { message } => message,
        other => panic!("expected Error::ModelFile, got {other:?}"),
    }
}

/// `model` saved as JSON, its data edited by `edit`, loaded again: the
/// error's message (which must name `expected`).
fn rejected<M: Persist + std::fmt::Debug>(model: &M, expected: &str, edit: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_str(&to_json(model).unwrap()).unwrap();
    edit(&mut value["data"]);
    let text = message(from_json::<M>(&value.to_string()).unwrap_err());
    assert!(text.contains(expected), "expected {expected:?} in {text:?}");
}

/// Replaces an array field (ndarray's `{"v", "dim", "data"}`).
fn set_array(field: &mut Value, dim: &[usize], data: Vec<f64>) {
    field["dim"] = Value::from(dim.to_vec());
    field["data"] = Value::from(data);
}

/// Removes the last `n` rows of a 2-D array field.
fn drop_rows(field: &mut Value, n: usize) {
    let dim: Vec<usize> = serde_json::from_value(field["dim"].clone()).unwrap();
    let data = field["data"].as_array_mut().unwrap();
    data.truncate((dim[0] - n) * dim[1]);
    field["dim"] = Value::from(vec![dim[0] - n, dim[1]]);
}

/// Removes the last column of a 2-D array field.
fn drop_column(field: &mut Value) {
    let dim: Vec<usize> = serde_json::from_value(field["dim"].clone()).unwrap();
    let data: Vec<Value> = field["data"].as_array().unwrap().clone();
    let kept: Vec<Value> = data.chunks(dim[1]).flat_map(|row| row[..dim[1] - 1].to_vec()).collect();
    field["data"] = Value::from(kept);
    field["dim"] = Value::from(vec![dim[0], dim[1] - 1]);
}

fn logistic() -> FittedLogisticRegression<f64, usize> {
    let (x, y) = iris();
    LogisticRegression::default().fit(x.view(), y.view()).unwrap()
}

/// Issue 12, item 8: a logistic regression whose classes and coefficients
/// disagree in length loaded and then panicked in `predict`.
#[test]
fn a_logistic_regression_whose_classes_and_coefficients_disagree_is_rejected() {
    let model = logistic();
    rejected(&model, "2 classes need 1 coefficient rows, got 3", |d| {
        d["classes"] = Value::from(vec![0, 1]);
    });
    rejected(&model, "4 classes need 4 coefficient rows, got 3", |d| {
        d["classes"] = Value::from(vec![0, 1, 2, 3]);
    });
    rejected(&model, "3 coefficient rows need 3 intercepts, got 2", |d| {
        set_array(&mut d["intercept"], &[2], vec![0.5, 1.0]);
    });
    rejected(&model, "3 classes need 3 coefficient rows, got 2", |d| {
        drop_rows(&mut d["coef"], 1)
    });
    rejected(&model, "classes must be sorted and distinct", |d| {
        d["classes"] = Value::from(vec![0, 2, 2]);
    });
    rejected(&model, "1 classes", |d| {
        d["classes"] = Value::from(vec![0]);
        drop_rows(&mut d["coef"], 2);
        set_array(&mut d["intercept"], &[1], vec![0.5]);
    });
    rejected(&model, "C", |d| d["params"]["c"] = Value::from(-1.0));
    rejected(&model, "class_weight has 2 entries, expected 3", |d| {
        d["params"]["class_weight"] = serde_json::json!({"PerClass": [1.0, 2.0]});
    });

    let without = LogisticRegression::default()
        .fit_intercept(false)
        .fit(iris().0.view(), iris().1.view())
        .unwrap();
    rejected(&without, "non-zero intercepts", |d| {
        set_array(&mut d["intercept"], &[3], vec![0.0, 1.0, 0.0]);
    });

    // The same check runs when serde is used directly, without the envelope.
    let mut value: Value = serde_json::from_str(&to_json(&model).unwrap()).unwrap();
    value["data"]["classes"] = Value::from(vec![0, 1]);
    let err = serde_json::from_str::<FittedLogisticRegression<f64, usize>>(&value["data"].to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("2 classes need 1 coefficient rows"), "{err}");
}

#[test]
fn a_tampered_logistic_regression_cv_is_rejected() {
    let (x, y) = iris();
    let model = LogisticRegressionCV::default()
        .cs(Cs::Count(3))
        .fit(x.view(), y.view())
        .unwrap();
    rejected(&model, "score columns has 3 entries, expected 2", |d| {
        d["cs"] = Value::from(vec![1e-4, 1.0]);
    });
    rejected(&model, "but the model was fitted at C", |d| d["c"] = Value::from(0.125));
    rejected(&model, "Cs must hold at least one finite value", |d| {
        d["cs"] = serde_json::json!([1e-4, "NaN", 1e4]);
    });
    // The nested model is checked too.
    rejected(&model, "2 classes need 1 coefficient rows", |d| {
        d["model"]["classes"] = Value::from(vec![0, 1]);
    });
}

fn svc() -> FittedSVC<f64, usize> {
    let (x, y) = iris();
    SVC::default()
        .probability(true)
        .random_state(0)
        .fit(x.view(), y.view())
        .unwrap()
}

#[test]
fn an_svc_whose_parts_disagree_is_rejected() {
    let model = svc();
    let n_sv = model.support().len();
    let n_support = model.n_support().to_vec();
    rejected(&model, "does not add up to the", |d| {
        d["n_support"] = Value::from(vec![n_support[0] + 1, n_support[1], n_support[2]]);
    });
    rejected(&model, "does not add up to the", |d| {
        d["n_support"] = Value::from(vec![usize::MAX, 2, n_support[2]]);
    });
    rejected(&model, "n_support has 2 entries, expected 3", |d| {
        d["n_support"] = Value::from(vec![n_support[0], n_support[1] + n_support[2]]);
    });
    rejected(
        &model,
        &format!("dual_coef has shape (1, {n_sv}), expected (2, {n_sv})"),
        |d| {
            drop_rows(&mut d["dual_coef"], 1);
        },
    );
    rejected(&model, "dual_coef has shape", |d| drop_column(&mut d["dual_coef"]));
    rejected(&model, "intercept has 2 entries, expected 3", |d| {
        set_array(&mut d["intercept"], &[2], vec![0.5, 1.0]);
    });
    rejected(&model, "prob_a has 2 entries, expected 3", |d| {
        set_array(&mut d["prob_a"], &[2], vec![-1.0, -2.0]);
    });
    rejected(&model, "prob_b has 0 entries, expected 3", |d| {
        set_array(&mut d["prob_b"], &[0], vec![]);
    });
    rejected(&model, "n_iter has 1 entries, expected 3", |d| {
        d["n_iter"] = Value::from(vec![5])
    });
    rejected(
        &model,
        &format!("support_vectors has shape ({n_sv}, 3), expected ({n_sv}, 4)"),
        |d| {
            drop_column(&mut d["support_vectors"]);
        },
    );
    rejected(
        &model,
        &format!("support_vectors has shape ({n_sv}, 4), expected ({n_sv}, 5)"),
        |d| {
            d["n_features_in"] = Value::from(5);
        },
    );
    rejected(&model, "support vector norms disagree", |d| {
        d["sv_norms"][0] = Value::from(1234.5);
    });
    rejected(&model, "support vector norms disagree", |d| {
        d["support_vectors"]["data"][0] = Value::from(0.25);
    });
    rejected(&model, "support_vectors holds a non-finite value", |d| {
        d["support_vectors"]["data"][0] = Value::from("inf");
        d["sv_norms"][0] = Value::from("inf");
    });
    rejected(&model, "support within a class must be sorted and distinct", |d| {
        d["support"][1] = d["support"][0].clone();
    });
    rejected(&model, "n_support has 3 entries, expected 2", |d| {
        d["classes"] = Value::from(vec![0, 1]);
    });
    rejected(&model, "is not the kernel", |d| {
        d["kernel"] = Value::from("Linear");
    });
    rejected(&model, "C", |d| d["params"]["c"] = Value::from(0.0));
}

#[test]
fn an_svc_with_a_kernel_other_than_its_parameters_is_rejected() {
    let (x, y) = iris();
    let model = SVC::default()
        .kernel(Kernel::Poly {
            degree: 3,
            gamma: Gamma::Value(0.5),
            coef0: 1.0,
        })
        .fit(x.view(), y.view())
        .unwrap();
    rejected(&model, "is not the kernel", |d| {
        d["kernel"]["Poly"]["gamma"] = Value::from(0.25)
    });
    rejected(&model, "is not the kernel", |d| {
        d["kernel"]["Poly"]["degree"] = Value::from(2)
    });
    rejected(&model, "is not the kernel", |d| {
        d["kernel"]["Poly"]["coef0"] = Value::from("NaN")
    });
    let auto = SVC::default()
        .kernel(Kernel::Rbf { gamma: Gamma::Auto })
        .fit(x.view(), y.view())
        .unwrap();
    rejected(&auto, "is not the kernel", |d| {
        d["kernel"]["Rbf"]["gamma"] = Value::from(0.5)
    });
    let scale = SVC::default().fit(x.view(), y.view()).unwrap();
    rejected(&scale, "is not the kernel", |d| {
        d["kernel"]["Rbf"]["gamma"] = Value::from("NaN")
    });
}

#[test]
fn an_svc_on_a_precomputed_kernel_with_a_support_index_out_of_range_is_rejected() {
    let (x, y) = iris();
    let gram = x.dot(&x.t());
    let model = SVC::default()
        .kernel(Kernel::Precomputed)
        .fit(gram.view(), y.view())
        .unwrap();
    // Prediction reads these columns of its input, which has 150.
    rejected(&model, "support holds 150, which must be below 150", |d| {
        let groups = d["n_support"].as_array().unwrap().len();
        assert_eq!(groups, 3);
        let last = d["support"].as_array().unwrap().len() - 1;
        d["support"][last] = Value::from(150);
    });
}

#[test]
fn a_tampered_svr_is_rejected() {
    let (x, _) = iris();
    let target = x.column(3).to_owned();
    let model = SVR::default().fit(x.view(), target.view()).unwrap();
    let n_sv = model.support().len();
    rejected(
        &model,
        &format!("dual_coef has shape (1, {}), expected (1, {n_sv})", n_sv - 1),
        |d| {
            drop_column(&mut d["dual_coef"]);
        },
    );
    rejected(&model, "intercept has 2 entries, expected 1", |d| {
        set_array(&mut d["intercept"], &[2], vec![0.5, 1.0]);
    });
    rejected(&model, "support must be sorted and distinct", |d| {
        d["support"][1] = d["support"][0].clone();
    });
    rejected(&model, &format!("expected ({n_sv}, 4)"), |d| {
        drop_rows(&mut d["support_vectors"], 1)
    });
    rejected(&model, "support vector norms disagree", |d| {
        d["sv_norms"].as_array_mut().unwrap().pop();
    });
    rejected(&model, "epsilon", |d| d["params"]["epsilon"] = Value::from(-1.0));
    // The bare serde path checks too.
    let mut value: Value = serde_json::from_str(&to_json(&model).unwrap()).unwrap();
    drop_column(&mut value["data"]["dual_coef"]);
    let err = serde_json::from_str::<FittedSVR<f64>>(&value["data"].to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("dual_coef has shape"), "{err}");
}

#[test]
fn a_tampered_linear_svc_is_rejected() {
    let (x, y) = iris();
    let model = LinearSVC::default().random_state(0).fit(x.view(), y.view()).unwrap();
    rejected(&model, "2 classes need 1 coefficient rows, got 3", |d| {
        d["classes"] = Value::from(vec![0, 1]);
    });
    rejected(&model, "3 classes need 3 coefficient rows, got 1", |d| {
        drop_rows(&mut d["coef"], 2)
    });
    rejected(&model, "3 coefficient rows need 3 intercepts, got 4", |d| {
        set_array(&mut d["intercept"], &[4], vec![0.5, 1.0, 0.0, 2.0]);
    });
    rejected(&model, "classes must be sorted and distinct", |d| {
        d["classes"] = Value::from(vec![2, 1, 0]);
    });
    let without = LinearSVC::default()
        .fit_intercept(false)
        .fit(x.view(), y.view())
        .unwrap();
    rejected(&without, "non-zero intercepts", |d| {
        set_array(&mut d["intercept"], &[3], vec![0.0, 0.0, 1.0]);
    });
}

#[test]
fn a_tampered_pca_is_rejected() {
    let (x, _) = iris();
    let model = PCA::default()
        .n_components(NComponents::Count(2))
        .fit_unsupervised(x.view())
        .unwrap();
    rejected(&model, "mean has 3 entries, expected 4", |d| {
        set_array(&mut d["mean"], &[3], vec![1.0, 2.0, 3.0]);
    });
    rejected(&model, "explained_variance_ratio has 1 entries, expected 2", |d| {
        set_array(&mut d["explained_variance_ratio"], &[1], vec![0.9]);
    });
    rejected(&model, "explained_variance has 3 entries, expected 2", |d| {
        set_array(&mut d["explained_variance"], &[3], vec![4.0, 0.2, 0.1]);
    });
    rejected(&model, "singular_values has 1 entries, expected 2", |d| {
        set_array(&mut d["singular_values"], &[1], vec![25.0]);
    });
    rejected(&model, "the offset disagrees", |d| {
        d["offset"]["data"][0] = Value::from(1.5)
    });
    rejected(&model, "the offset disagrees", |d| {
        d["mean"]["data"][0] = Value::from(1.5)
    });
    rejected(&model, "fitted on 1 samples, a fit needs at least 2", |d| {
        d["n_samples"] = Value::from(1);
    });
    rejected(&model, "never Auto", |d| d["solver"] = Value::from("Auto"));
    rejected(&model, "n_jobs", |d| d["n_jobs"] = Value::from(0));
    // More components than features would make score_samples count
    // n_features − k below zero.
    let one = PCA::default().fit_unsupervised(x.slice(s![.., ..1]).view()).unwrap();
    rejected(&one, "more than min(n_samples, n_features)", |d| {
        let row = d["components"]["data"].as_array().unwrap().clone();
        d["components"]["data"] = Value::from([row.clone(), row].concat());
        d["components"]["dim"] = Value::from(vec![2, 1]);
        set_array(&mut d["explained_variance"], &[2], vec![1.0, 0.5]);
        set_array(&mut d["explained_variance_ratio"], &[2], vec![0.7, 0.3]);
        set_array(&mut d["singular_values"], &[2], vec![1.0, 0.5]);
    });
    // The bare serde path checks too.
    let mut value: Value = serde_json::from_str(&to_json(&model).unwrap()).unwrap();
    set_array(&mut value["data"]["mean"], &[3], vec![1.0, 2.0, 3.0]);
    let err = serde_json::from_str::<FittedPCA<f64>>(&value["data"].to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("mean has 3 entries"), "{err}");
}

#[test]
fn a_tampered_truncated_svd_is_rejected() {
    let (x, _) = iris();
    let model = TruncatedSVD::default()
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    rejected(&model, "explained_variance_ratio has 1 entries, expected 2", |d| {
        set_array(&mut d["explained_variance_ratio"], &[1], vec![0.9]);
    });
    rejected(&model, "explained_variance has 3 entries, expected 2", |d| {
        set_array(&mut d["explained_variance"], &[3], vec![4.0, 0.2, 0.1]);
    });
    rejected(&model, "singular_values has 0 entries, expected 2", |d| {
        set_array(&mut d["singular_values"], &[0], vec![]);
    });
    rejected(&model, "components has shape (0, 4)", |d| {
        set_array(&mut d["components"], &[0, 4], vec![]);
    });
    rejected(&model, "n_jobs", |d| d["n_jobs"] = Value::from(0));
}

/// The binary format runs the same checks: a model whose parts disagree,
/// written by a serializer that does not check, fails to load.
#[test]
fn binary_files_are_checked_too() {
    let (xb, yb) = iris_binary();
    let two = LogisticRegression::default().fit(xb.view(), yb.view()).unwrap();
    let good = to_bytes(&two).unwrap();
    assert!(from_bytes::<FittedLogisticRegression<f64, usize>>(&good).is_ok());
    // Replace the 2 classes [0, 1] by 3 classes [0, 1, 2]: the varint
    // length 2 then 0, 1 become 3 then 0, 1, 2.
    let payload = &good[16..];
    let needle = [2u8, 0, 1];
    let at = payload
        .windows(3)
        .position(|w| w == needle)
        .expect("the classes in the payload");
    let mut edited = payload[..at].to_vec();
    edited.extend_from_slice(&[3, 0, 1, 2]);
    edited.extend_from_slice(&payload[at + 3..]);
    let mut crc = flate2::Crc::new();
    crc.update(&edited);
    let mut file = good[..12].to_vec();
    file.extend_from_slice(&crc.sum().to_le_bytes());
    file.extend_from_slice(&edited);
    // postcard drops the text of a custom error (its `SerdeDeCustom`): the
    // loader reports the check's own message, as for JSON.
    let text = message(from_bytes::<FittedLogisticRegression<f64, usize>>(&file).unwrap_err());
    assert!(text.starts_with("LogisticRegression<f64>: "), "{text}");
    assert!(text.contains("class"), "the check's message, not postcard's: {text}");
}
