use super::*;
use crate::datasets::{load_breast_cancer, load_iris};
use crate::traits::{Estimator, PredictProba, Predictor};

#[test]
fn fully_grown_tree_fits_iris_and_breast_cancer() {
    let iris = load_iris();
    let model = DecisionTreeClassifier::default()
        .random_state(0)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert_eq!(model.score(iris.data.view(), iris.target.view()).unwrap(), 1.0);
    let proba = model.predict_proba(iris.data.view()).unwrap();
    assert!(proba.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-12));
    let bc = load_breast_cancer();
    for binning in [Binning::Exact, Binning::Histogram] {
        let model = DecisionTreeClassifier::default()
            .random_state(0)
            .binning(binning)
            .fit(bc.data.view(), bc.target.view())
            .unwrap();
        let acc = model.score(bc.data.view(), bc.target.view()).unwrap();
        assert!(acc >= 0.99, "{binning:?}: {acc}");
    }
}

#[test]
fn best_first_growth_respects_max_leaf_nodes() {
    let iris = load_iris();
    let model = DecisionTreeClassifier::default()
        .max_leaf_nodes(Some(5))
        .random_state(0)
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert_eq!(model.n_leaves(), 5);
}
