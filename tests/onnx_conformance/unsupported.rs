//! Every fitted type with no ONNX form says so, naming itself.

use learnkit::cluster::{AgglomerativeClustering, DBSCAN, HDBSCAN};
use learnkit::datasets::load_iris;
use learnkit::onnx::{OnnxOptions, ToOnnx};
use learnkit::prelude::*;

fn assert_unsupported(result: learnkit::Result<learnkit::onnx::OnnxModel>, type_name: &str) {
    match result {
        Err(Error::Unsupported { context, message }) => {
            assert_eq!(context, "ONNX export");
            assert!(message.starts_with(type_name), "{message}");
        }
        other => panic!("{type_name}: expected Error::Unsupported, got {other:?}"),
    }
}

#[test]
fn clusterers_without_predict_are_unsupported() {
    let x = load_iris().data;
    let options = OnnxOptions::default();
    assert_unsupported(
        DBSCAN::default().fit_unsupervised(x.view()).unwrap().to_onnx(&options),
        "FittedDBSCAN",
    );
    assert_unsupported(
        HDBSCAN::default().fit_unsupervised(x.view()).unwrap().to_onnx(&options),
        "FittedHDBSCAN",
    );
    assert_unsupported(
        AgglomerativeClustering::default()
            .fit_unsupervised(x.view())
            .unwrap()
            .to_onnx(&options),
        "FittedAgglomerativeClustering",
    );
}

#[test]
fn an_empty_input_name_is_rejected() {
    let iris = load_iris();
    let inner = Pipeline::new(StandardScaler::default(), LogisticRegression::default())
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    let err = inner.to_onnx(&OnnxOptions::default().input_name("")).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidParameter {
                parameter: "input_name",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn text_vectorizers_and_the_label_encoder_are_unsupported() {
    use learnkit::feature_extraction::{CountVectorizer, HashingVectorizer, TfidfVectorizer};
    use learnkit::preprocessing::LabelEncoder;
    let docs = ["the cat sat", "the dog sat down", "a cat and a dog"];
    let options = OnnxOptions::default();
    assert_unsupported(
        CountVectorizer::default().fit(&docs).unwrap().to_onnx(&options),
        "FittedCountVectorizer",
    );
    assert_unsupported(
        TfidfVectorizer::default().fit(&docs).unwrap().to_onnx(&options),
        "FittedTfidfVectorizer",
    );
    assert_unsupported(HashingVectorizer::default().to_onnx(&options), "HashingVectorizer");
    let y = ndarray::array!["b", "a", "b"];
    assert_unsupported(
        LabelEncoder.fit(y.view()).unwrap().to_onnx(&options),
        "FittedLabelEncoder",
    );
}

#[test]
fn voting_and_stacking_are_unsupported() {
    use learnkit::ensemble::{StackingClassifier, StackingRegressor, VotingClassifier, VotingRegressor};
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let y_float = iris.target.mapv(|v| v as f64);
    let options = OnnxOptions::default();
    let voting = VotingClassifier::new().push(GaussianNB::default()).fit(x, y).unwrap();
    assert_unsupported(voting.to_onnx(&options), "FittedVotingClassifier");
    let voting = VotingRegressor::new()
        .push(LinearRegression::default())
        .fit(x, y_float.view())
        .unwrap();
    assert_unsupported(voting.to_onnx(&options), "FittedVotingRegressor");
    let stacking = StackingClassifier::new().push(GaussianNB::default()).fit(x, y).unwrap();
    assert_unsupported(stacking.to_onnx(&options), "FittedStackingClassifier");
    let stacking = StackingRegressor::new()
        .push(LinearRegression::default())
        .fit(x, y_float.view())
        .unwrap();
    assert_unsupported(stacking.to_onnx(&options), "FittedStackingRegressor");
}
