//! The census example's targets, as tests: on Adult's test split, gradient
//! boosting with native categories reaches ROC-AUC 0.927 and the one-hot
//! logistic pipeline 0.90.

use learnkit::compose::ColumnTransformer;
use learnkit::datasets::load_adult;
use learnkit::ensemble::{CategoricalFeatures, EarlyStopping, HistGradientBoostingClassifier};
use learnkit::metrics::roc_auc_score;
use learnkit::prelude::*;
use learnkit::preprocessing::{HandleUnknown, OneHotEncoder};

/// ROC-AUC of the `>50K` probability on the test split.
fn test_roc_auc<M: PredictProba<f64, Output = String>>(model: &M) -> f64 {
    let adult = load_adult();
    let rich = model.classes().iter().position(|c| c == ">50K").unwrap();
    let proba = model.predict_proba(adult.test.data.view()).unwrap();
    roc_auc_score(adult.test.target.view(), proba.column(rich)).unwrap()
}

#[test]
fn gradient_boosting_with_native_categories_reaches_0_927() {
    let adult = load_adult();
    let model = HistGradientBoostingClassifier::default()
        .categorical_features(CategoricalFeatures::Indices(adult.categorical_features.clone()))
        .early_stopping(EarlyStopping::Off)
        .random_state(0)
        .fit(adult.train.data.view(), adult.train.target.view())
        .unwrap();
    let auc = test_roc_auc(&model);
    assert!(auc >= 0.927, "ROC-AUC {auc}");
}

#[test]
fn one_hot_logistic_pipeline_reaches_0_90() {
    let adult = load_adult();
    let numeric: Vec<usize> = (0..14).filter(|c| !adult.categorical_features.contains(c)).collect();
    let columns = ColumnTransformer::new()
        .add(
            "categories",
            OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore),
            adult.categorical_features.clone(),
        )
        .add("numbers", StandardScaler::default(), numeric);
    let model = Pipeline::new(columns, LogisticRegression::default().max_iter(1000))
        .fit(adult.train.data.view(), adult.train.target.view())
        .unwrap();
    let auc = test_roc_auc(&model);
    assert!(auc >= 0.90, "ROC-AUC {auc}");
}
