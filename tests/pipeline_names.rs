//! Pipeline steps reached by name (issue 13 §6): scikit-learn's
//! `make_pipeline` names, given names, `named_step`, and names kept exactly
//! through saving and loading.

use learnkit::compose::FittedPipeline;
use learnkit::datasets::load_iris;
use learnkit::decomposition::{FittedPCA, PCA};
use learnkit::linear_model::FittedLogisticRegression;
use learnkit::persistence::{from_bytes, from_json, to_bytes, to_json};
use learnkit::prelude::*;
use learnkit::preprocessing::FittedStandardScaler;

/// `make_pipeline(StandardScaler(), PCA(), LogisticRegression())` names its
/// steps `['standardscaler', 'pca', 'logisticregression']`, and
/// `make_pipeline(StandardScaler(), StandardScaler(), PCA())`
/// `['standardscaler-1', 'standardscaler-2', 'pca']`.
#[test]
fn default_names_are_scikit_learns() {
    let p = Pipeline::new(StandardScaler::default(), PCA::default()).then(LogisticRegression::default());
    assert_eq!(p.step_names(), ["standardscaler", "pca", "logisticregression"]);
    let p = Pipeline::new(StandardScaler::default(), StandardScaler::default()).then(PCA::default());
    assert_eq!(p.step_names(), ["standardscaler-1", "standardscaler-2", "pca"]);
}

#[test]
fn named_steps_of_a_fitted_three_step_pipeline() {
    let iris = load_iris();
    let model = Pipeline::named(
        "scale",
        StandardScaler::default(),
        "reduce",
        PCA::default().n_components(2),
    )
    .then_named("model", LogisticRegression::default())
    .fit(iris.data.view(), iris.target.view())
    .unwrap();
    assert_eq!(model.step_names(), ["scale", "reduce", "model"]);
    assert_eq!(
        model
            .named_step::<FittedStandardScaler<f64>>("scale")
            .unwrap()
            .n_features_in(),
        4
    );
    assert_eq!(model.named_step::<FittedPCA<f64>>("reduce").unwrap().n_components(), 2);
    let logistic = model
        .named_step::<FittedLogisticRegression<f64, usize>>("model")
        .unwrap();
    assert_eq!(logistic.classes(), &[0, 1, 2]);
    // The same step as the nested fields reach.
    assert!(std::ptr::eq(logistic, &model.second));
    assert!(model.named_step::<FittedPCA<f64>>("scale").is_none());
    assert!(model.named_step::<FittedPCA<f64>>("pca").is_none());
}

/// scikit-learn's `Pipeline` rejects duplicate names and names with `__`.
#[test]
fn duplicate_or_bad_names_are_an_error_at_fit() {
    let iris = load_iris();
    let duplicate = Pipeline::named("step", StandardScaler::default(), "step", LogisticRegression::default());
    let err = duplicate.fit(iris.data.view(), iris.target.view()).unwrap_err();
    assert!(
        matches!(err, Error::InvalidParameter { parameter: "steps", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("unique step names"), "{err}");
    // A given name equal to a default one clashes too.
    let clash = Pipeline::new(StandardScaler::default(), MinMaxScaler::default())
        .then_named("standardscaler", LogisticRegression::default());
    assert!(clash.fit(iris.data.view(), iris.target.view()).is_err());
    let dunder = Pipeline::named("a__b", StandardScaler::default(), "m", LogisticRegression::default());
    assert!(
        dunder
            .fit(iris.data.view(), iris.target.view())
            .unwrap_err()
            .to_string()
            .contains("__")
    );
    let empty = Pipeline::named("", StandardScaler::default(), "m", LogisticRegression::default());
    assert!(empty.fit(iris.data.view(), iris.target.view()).is_err());
}

type Saved = FittedPipeline<
    FittedPipeline<FittedStandardScaler<f64>, FittedPCA<f64>>,
    FittedLogisticRegression<f64, usize>,
    learnkit::compose::Chain,
>;

fn fitted() -> Saved {
    let iris = load_iris();
    Pipeline::named(
        "scale",
        StandardScaler::default(),
        "reduce",
        PCA::default().n_components(2),
    )
    .then(LogisticRegression::default())
    .fit(iris.data.view(), iris.target.view())
    .unwrap()
}

#[test]
fn names_survive_saving_and_loading() {
    let model = fitted();
    let back: Saved = from_bytes(&to_bytes(&model).unwrap()).unwrap();
    assert_eq!(back.step_names(), ["scale", "reduce", "logisticregression"]);
    let back: Saved = from_json(&to_json(&model).unwrap()).unwrap();
    assert_eq!(back.step_names(), model.step_names());
    assert!(back.named_step::<FittedPCA<f64>>("reduce").is_some());
}

#[test]
fn an_edited_file_with_duplicate_names_does_not_load() {
    let json = to_json(&fitted()).unwrap();
    assert!(json.contains("\"reduce\""));
    let edited = json.replace("\"reduce\"", "\"scale\"");
    let err = from_json::<Saved>(&edited).unwrap_err();
    assert!(err.to_string().contains("unique step names"), "{err}");
    // A node with the wrong number of names (a two-step node's first name
    // dropped) is refused as well.
    let edited = json.replacen("{\"name\":\"scale\",\"given\":true},", "", 1);
    assert_ne!(edited, json);
    assert!(from_json::<Saved>(&edited).is_err());
}
