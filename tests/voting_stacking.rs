//! VotingClassifier, VotingRegressor, StackingClassifier and
//! StackingRegressor against scikit-learn 1.9.1
//! (tests/fixtures/voting_stacking.json, from
//! tools/reference/voting_stacking.py; the data are in the fixture).
//!
//! The base estimators fit identically in both libraries (GaussianNB, k-NN,
//! a depth-3 tree on continuous features, LinearRegression, Ridge), so
//! voting outputs and the stacked features of new rows agree to 1e-10
//! (absolute, on values of order one) and the predicted labels are equal.
//! Stacking uses `KFold(k)` without shuffling on both sides, so the
//! out-of-fold features are the same (the tree is left out of stacking: on
//! small folds it meets ties between features that scikit-learn breaks by
//! its random feature order); the final LogisticRegression (L-BFGS
//! at tol 1e-10) agrees to 1e-6 in coefficients and probabilities, the
//! final RidgeCV / LinearRegression (closed forms) to 1e-8.
//! Then: errors, default names, pipelines and searches.

use crate::common;

use common::fixtures::{matrix, vector};
use learnkit::Error;
use learnkit::ensemble::{
    StackMethod, StackingClassifier, StackingRegressor, Voting, VotingClassifier, VotingRegressor,
};
use learnkit::linear_model::RidgeCV;
use learnkit::model_selection::{GridSearchCV, KFold, StratifiedKFold};
use learnkit::neighbors::{KNeighborsClassifier, KNeighborsRegressor};
use learnkit::prelude::*;
use learnkit::tree::{DecisionTreeClassifier, DecisionTreeRegressor};
use ndarray::{Array1, Array2, array};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/voting_stacking.json")).unwrap()
}

struct Data {
    x: Array2<f64>,
    x_test: Array2<f64>,
    y: Value,
}

fn data(fixture: &Value, case: &Value) -> Data {
    let d = &fixture["data"][case["data"].as_str().unwrap()];
    Data {
        x: matrix(&d["X"]),
        x_test: matrix(&d["X_test"]),
        y: d["y"].clone(),
    }
}

fn labels(value: &Value) -> Array1<usize> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect()
}

fn weights(case: &Value) -> Option<Vec<f64>> {
    case["weights"]
        .as_array()
        .map(|w| w.iter().map(|v| v.as_f64().unwrap()).collect())
}

fn assert_close(name: &str, what: &str, got: &Array2<f64>, want: &Array2<f64>, tol: f64) {
    assert_eq!(got.dim(), want.dim(), "{name}: {what} shape");
    let worst = got.iter().zip(want).map(|(g, w)| (g - w).abs()).fold(0.0, f64::max);
    assert!(
        worst <= tol,
        "{name}: {what} differs by {worst:e} > {tol:e}\ngot {got}\nwant {want}"
    );
}

fn column(values: Array1<f64>) -> Array2<f64> {
    values.insert_axis(ndarray::Axis(1))
}

/// The three classifiers of the fixture's voting cases (a macro: the
/// ensemble's type spells out every member).
macro_rules! classifiers {
    () => {
        VotingClassifier::new()
            .add("nb", GaussianNB::default())
            .add("knn", KNeighborsClassifier::default().n_neighbors(5))
            .add(
                "tree",
                DecisionTreeClassifier::default().max_depth(Some(3)).random_state(0),
            )
    };
}

#[test]
fn voting_classifier_matches_scikit_learn() {
    let fixture = fixture();
    let mut seen = 0;
    for case in fixture["cases"].as_array().unwrap() {
        if case["kind"] != "voting_classifier" {
            continue;
        }
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let d = data(&fixture, case);
        let voting = if case["voting"] == "soft" {
            Voting::Soft
        } else {
            Voting::Hard
        };
        let mut model = VotingClassifier::new()
            .add("nb", GaussianNB::default())
            .add("knn", KNeighborsClassifier::default().n_neighbors(5))
            .add(
                "tree",
                DecisionTreeClassifier::default().max_depth(Some(3)).random_state(0),
            )
            .voting(voting);
        model.weights = weights(case);
        let fitted = model.fit(d.x.view(), labels(&d.y).view()).unwrap();
        assert_eq!(
            fitted.predict(d.x_test.view()).unwrap(),
            labels(&case["predict"]),
            "{name}: predict"
        );
        assert_close(
            name,
            "transform",
            &fitted.transform(d.x_test.view()).unwrap(),
            &matrix(&case["transform"]),
            1e-10,
        );
        if voting == Voting::Soft {
            let proba = fitted.predict_proba(d.x_test.view()).unwrap();
            assert_close(name, "predict_proba", &proba, &matrix(&case["predict_proba"]), 1e-10);
        } else {
            assert!(matches!(
                fitted.predict_proba(d.x_test.view()),
                Err(Error::InvalidParameter {
                    parameter: "voting",
                    ..
                })
            ));
        }
    }
    assert_eq!(seen, 4);
}

#[test]
fn voting_regressor_matches_scikit_learn() {
    let fixture = fixture();
    let mut seen = 0;
    for case in fixture["cases"].as_array().unwrap() {
        if case["kind"] != "voting_regressor" {
            continue;
        }
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let d = data(&fixture, case);
        let mut model = VotingRegressor::new()
            .add("ols", LinearRegression::default())
            .add("ridge", Ridge::default().alpha(2.0))
            .add("knn", KNeighborsRegressor::default().n_neighbors(4))
            .add(
                "tree",
                DecisionTreeRegressor::default().max_depth(Some(3)).random_state(0),
            );
        model.weights = weights(case);
        let fitted = model.fit(d.x.view(), vector(&d.y).view()).unwrap();
        let predicted = column(fitted.predict(d.x_test.view()).unwrap());
        assert_close(name, "predict", &predicted, &column(vector(&case["predict"])), 1e-10);
        assert_close(
            name,
            "transform",
            &fitted.transform(d.x_test.view()).unwrap(),
            &matrix(&case["transform"]),
            1e-10,
        );
    }
    assert_eq!(seen, 2);
}

fn stack_method(name: &str) -> StackMethod {
    match name {
        "auto" => StackMethod::Auto,
        "predict" => StackMethod::Predict,
        "predict_proba" => StackMethod::PredictProba,
        "decision_function" => StackMethod::DecisionFunction,
        other => panic!("unknown stack method {other}"),
    }
}

#[test]
fn stacking_classifier_matches_scikit_learn() {
    let fixture = fixture();
    let mut seen = 0;
    for case in fixture["cases"].as_array().unwrap() {
        if case["kind"] != "stacking_classifier" {
            continue;
        }
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let d = data(&fixture, case);
        let model = StackingClassifier::new()
            .add("nb", GaussianNB::default())
            .add("knn", KNeighborsClassifier::default().n_neighbors(5))
            .final_estimator(LogisticRegression::default().tol(1e-10).max_iter(10000))
            .cv(KFold::new(3))
            .stack_method(stack_method(case["stack_method"].as_str().unwrap()))
            .passthrough(case["passthrough"].as_bool().unwrap());
        let fitted = model.fit(d.x.view(), labels(&d.y).view()).unwrap();
        let methods: Vec<StackMethod> = case["stack_methods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| stack_method(m.as_str().unwrap()))
            .collect();
        assert_eq!(fitted.stack_methods(), methods, "{name}: stack methods");
        assert_close(
            name,
            "transform",
            &fitted.transform(d.x_test.view()).unwrap(),
            &matrix(&case["transform"]),
            1e-10,
        );
        let final_estimator = fitted.final_estimator();
        assert_close(
            name,
            "final coef",
            &final_estimator.coef().to_owned(),
            &matrix(&case["final_coef"]),
            1e-6,
        );
        assert_close(
            name,
            "final intercept",
            &column(final_estimator.intercept().to_owned()),
            &column(vector(&case["final_intercept"])),
            1e-6,
        );
        assert_eq!(
            fitted.predict(d.x_test.view()).unwrap(),
            labels(&case["predict"]),
            "{name}: predict"
        );
        let proba = fitted.predict_proba(d.x_test.view()).unwrap();
        assert_close(name, "predict_proba", &proba, &matrix(&case["predict_proba"]), 1e-6);
    }
    assert_eq!(seen, 3);
}

#[test]
fn stacking_regressor_matches_scikit_learn() {
    let fixture = fixture();
    let mut seen = 0;
    for case in fixture["cases"].as_array().unwrap() {
        if case["kind"] != "stacking_regressor" {
            continue;
        }
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let d = data(&fixture, case);
        let y = vector(&d.y);
        let base = StackingRegressor::new()
            .add("ols", LinearRegression::default())
            .add("ridge", Ridge::default().alpha(2.0))
            .add("knn", KNeighborsRegressor::default().n_neighbors(4))
            .cv(KFold::new(4))
            .passthrough(case["passthrough"].as_bool().unwrap());
        let (transform, coef, intercept, predicted) = if case["final"] == "ridgecv" {
            let fitted = base
                .final_estimator(RidgeCV::default())
                .fit(d.x.view(), y.view())
                .unwrap();
            let f = fitted.final_estimator();
            (
                fitted.transform(d.x_test.view()).unwrap(),
                f.coef().to_owned(),
                f.intercept(),
                fitted.predict(d.x_test.view()).unwrap(),
            )
        } else {
            let fitted = base
                .final_estimator(LinearRegression::default())
                .fit(d.x.view(), y.view())
                .unwrap();
            let f = fitted.final_estimator();
            (
                fitted.transform(d.x_test.view()).unwrap(),
                f.coef().to_owned(),
                f.intercept(),
                fitted.predict(d.x_test.view()).unwrap(),
            )
        };
        assert_close(name, "transform", &transform, &matrix(&case["transform"]), 1e-10);
        assert_close(
            name,
            "final coef",
            &column(coef),
            &column(vector(&case["final_coef"])),
            1e-8,
        );
        let want_intercept = case["final_intercept"].as_f64().unwrap();
        assert!(
            (intercept - want_intercept).abs() <= 1e-8,
            "{name}: intercept {intercept} vs {want_intercept}"
        );
        assert_close(
            name,
            "predict",
            &column(predicted),
            &column(vector(&case["predict"])),
            1e-8,
        );
    }
    assert_eq!(seen, 2);
}

fn iris() -> (Array2<f64>, Array1<usize>) {
    let iris = learnkit::datasets::load_iris();
    (iris.data, iris.target)
}

#[test]
fn bad_parameters_are_named_errors() {
    let (x, y) = iris();
    let empty = VotingClassifier::new().fit(x.view(), y.view());
    common::fixtures::assert_invalid_parameter(empty, "VotingClassifier", "estimators");
    let empty = StackingRegressor::new().fit(x.view(), y.mapv(|v| v as f64).view());
    common::fixtures::assert_invalid_parameter(empty, "StackingRegressor", "estimators");
    let wrong_length = classifiers!().weights([1.0, 2.0]).fit(x.view(), y.view());
    common::fixtures::assert_invalid_parameter(wrong_length, "VotingClassifier", "weights");
    let negative = classifiers!().weights([1.0, -2.0, 1.0]).fit(x.view(), y.view());
    common::fixtures::assert_invalid_parameter(negative, "VotingClassifier", "weights");
    let zero = VotingRegressor::new()
        .push(LinearRegression::default())
        .weights([0.0])
        .fit(x.view(), y.mapv(|v| v as f64).view());
    common::fixtures::assert_invalid_parameter(zero, "VotingRegressor", "weights");
    let duplicate = VotingClassifier::new()
        .add("a", GaussianNB::default())
        .add("a", GaussianNB::default())
        .fit(x.view(), y.view());
    common::fixtures::assert_invalid_parameter(duplicate, "VotingClassifier", "estimators");
    // Soft voting needs probabilities: LinearSVC has none, nor an SVC
    // without `probability`.
    let soft = VotingClassifier::new()
        .push(GaussianNB::default())
        .push(LinearSVC::default().random_state(0))
        .voting(Voting::Soft)
        .fit(x.view(), y.view());
    let err = soft.unwrap_err();
    assert!(
        matches!(
            &err,
            Error::InvalidParameter {
                parameter: "voting",
                ..
            }
        ) && err.to_string().contains("linearsvc"),
        "{err}"
    );
    let svc = VotingClassifier::new()
        .push(SVC::default())
        .voting(Voting::Soft)
        .fit(x.view(), y.view());
    common::fixtures::assert_invalid_parameter(svc, "VotingClassifier", "voting");
    let proba = StackingClassifier::new()
        .push(RidgeClassifier::default())
        .stack_method(StackMethod::PredictProba)
        .fit(x.view(), y.view());
    common::fixtures::assert_invalid_parameter(proba, "StackingClassifier", "stack_method");
}

#[test]
fn a_fold_missing_a_class_is_an_error() {
    // iris is sorted by class: unshuffled KFold(3) leaves a class out of
    // every training fold, so an estimator would not know it.
    let (x, y) = iris();
    let err = StackingClassifier::new()
        .push(GaussianNB::default())
        .cv(KFold::new(3))
        .fit(x.view(), y.view())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
    assert!(err.to_string().contains("gaussiannb"), "{err}");
}

#[test]
fn default_names_follow_scikit_learn() {
    let (x, y) = iris();
    let model = VotingClassifier::new()
        .push(GaussianNB::default())
        .push(LogisticRegression::default())
        .push(GaussianNB::default().var_smoothing(1e-3))
        .fit(x.view(), y.view())
        .unwrap();
    assert_eq!(model.names(), ["gaussiannb-1", "logisticregression", "gaussiannb-2"]);
    assert_eq!(model.estimators().0.0.1.name, "gaussiannb-1");
}

#[test]
fn string_labels_come_back() {
    let (x, y) = iris();
    let names = ["setosa", "versicolor", "virginica"];
    let y_str: Array1<String> = y.iter().map(|&k| names[k].to_string()).collect();
    let model = StackingClassifier::new()
        .push(GaussianNB::default())
        .push(DecisionTreeClassifier::default().max_depth(Some(2)))
        .fit(x.view(), y_str.view())
        .unwrap();
    assert_eq!(model.classes(), names.map(String::from));
    assert_eq!(model.predict(x.view()).unwrap()[0], "setosa");
}

#[test]
fn ensembles_sit_in_pipelines_and_hold_pipelines() {
    let (x, y) = iris();
    // A voting classifier as a pipeline's last step.
    let pipeline = Pipeline::new(StandardScaler::default(), classifiers!().voting(Voting::Soft));
    let fitted = pipeline.fit(x.view(), y.view()).unwrap();
    assert!(fitted.score(x.view(), y.view()).unwrap() > 0.9);
    assert_eq!(fitted.predict_proba(x.view()).unwrap().dim(), (150, 3));
    // A pipeline as an estimator of a stacking ensemble, which is itself a
    // transformer in a pipeline.
    let stacking = StackingClassifier::new()
        .add(
            "scaled_lr",
            Pipeline::new(StandardScaler::default(), LogisticRegression::default()),
        )
        .add("nb", GaussianNB::default());
    let fitted = stacking.fit(x.view(), y.view()).unwrap();
    assert_eq!(
        fitted.stack_methods(),
        [StackMethod::PredictProba, StackMethod::PredictProba]
    );
    let chained = Pipeline::new(
        StackingRegressor::new()
            .push(LinearRegression::default())
            .push(DecisionTreeRegressor::default().max_depth(Some(3))),
        LinearRegression::default(),
    );
    let diabetes = learnkit::datasets::load_diabetes();
    let fitted = chained.fit(diabetes.data.view(), diabetes.target.view()).unwrap();
    assert!(fitted.score(diabetes.data.view(), diabetes.target.view()).unwrap() > 0.4);
}

#[test]
fn grid_search_over_weights_and_a_base_estimator() {
    let (x, y) = iris();
    // Over the ensemble's own parameter (the weights): naive Bayes alone
    // beats a depth-1 tree alone, which cannot separate three classes.
    let search = GridSearchCV::new(
        vec![[0.0, 1.0], [1.0, 0.0]],
        |w: &[f64; 2]| {
            VotingClassifier::new()
                .add("nb", GaussianNB::default())
                .add("tree", DecisionTreeClassifier::default().max_depth(Some(1)))
                .weights(*w)
        },
        StratifiedKFold::new(3),
    );
    let fitted = search.fit(x.view(), y.view()).unwrap();
    assert_eq!(*fitted.best_params(), [1.0, 0.0]);
    assert_eq!(fitted.best_estimator().weights(), Some(&[1.0, 0.0][..]));
    // ... and over a base estimator's (the tree's depth).
    let search = GridSearchCV::new(
        vec![1, 3],
        |&depth: &usize| StackingClassifier::new().push(DecisionTreeClassifier::default().max_depth(Some(depth))),
        StratifiedKFold::new(3),
    );
    let fitted = search.fit(x.view(), y.view()).unwrap();
    assert_eq!(*fitted.best_params(), 3);
    let scores = &fitted.cv_results().mean_test_score;
    assert!(scores[0] < 0.7 && scores[1] > 0.9, "{scores:?}");
}

/// Loads `bytes` as the type of `_like`.
fn load_like<M: learnkit::persistence::Persist>(_like: &M, bytes: &[u8]) -> learnkit::Result<M> {
    learnkit::persistence::from_bytes(bytes)
}

#[test]
fn fitted_ensembles_save_and_load() {
    let (x, y) = iris();
    let voting = classifiers!().voting(Voting::Soft).fit(x.view(), y.view()).unwrap();
    let loaded = load_like(&voting, &learnkit::persistence::to_bytes(&voting).unwrap()).unwrap();
    assert_eq!(
        loaded.predict_proba(x.view()).unwrap(),
        voting.predict_proba(x.view()).unwrap()
    );
    assert_eq!(loaded.names(), ["nb", "knn", "tree"]);
    let stacking = StackingClassifier::new()
        .push(GaussianNB::default())
        .push(LinearSVC::default().random_state(0))
        .fit(x.view(), y.view())
        .unwrap();
    let loaded = load_like(&stacking, &learnkit::persistence::to_bytes(&stacking).unwrap()).unwrap();
    assert_eq!(loaded.predict(x.view()).unwrap(), stacking.predict(x.view()).unwrap());
    // A saved ensemble of other estimators does not load as this one.
    let other = VotingClassifier::new()
        .push(GaussianNB::default())
        .fit(x.view(), y.view())
        .unwrap();
    let err = load_like(&voting, &learnkit::persistence::to_bytes(&other).unwrap()).unwrap_err();
    assert!(matches!(err, Error::ModelFile { .. }), "{err}");
}

#[test]
fn hard_vote_ties_go_to_the_first_class() {
    // Two estimators that disagree everywhere: a tie, won by class 0.
    let x = array![[0.0], [1.0], [2.0], [3.0]];
    let y = array![0, 0, 1, 1];
    let model = VotingClassifier::new()
        .add("low", DecisionTreeClassifier::default().max_depth(Some(1)))
        .add(
            "constant",
            learnkit::neighbors::KNeighborsClassifier::default().n_neighbors(4),
        )
        .fit(x.view(), y.view())
        .unwrap();
    // k-NN with all four neighbours ties 2–2 and predicts class 0.
    assert_eq!(model.transform(x.view()).unwrap().column(1).to_vec(), vec![0.0; 4]);
    assert_eq!(model.predict(x.view()).unwrap(), array![0, 0, 0, 0]);
    let weighted = VotingClassifier::new()
        .add("low", DecisionTreeClassifier::default().max_depth(Some(1)))
        .add(
            "constant",
            learnkit::neighbors::KNeighborsClassifier::default().n_neighbors(4),
        )
        .weights([2.0, 1.0])
        .fit(x.view(), y.view())
        .unwrap();
    assert_eq!(weighted.predict(x.view()).unwrap(), y);
}
