//! Loading saved models from hostile bytes: the `load_model` fuzz target and
//! its seeded run in `tests/robustness.rs`.
//!
//! The first byte picks a fitted model type (each fitted once, on a small
//! slice of iris, per process), the second how the rest of the input
//! becomes a file: a binary payload behind a valid header and checksum (so
//! the bytes reach the model's decoder), JSON text, or a valid saved model
//! with some of its bytes (binary) or digits (JSON) changed. Loading must
//! give the model or `Error::ModelFile`; a loaded model must answer
//! predict / transform on matrices of several widths with an output or an
//! `Error`, never a panic, an abort or a hang.

#![allow(dead_code)]

use super::decode::Bytes;
use learnkit::Error;
use learnkit::cluster::{FittedKMeans, FittedMiniBatchKMeans, KMeans, MiniBatchKMeans};
use learnkit::compose::FittedPipeline;
use learnkit::decomposition::{FittedPCA, FittedTruncatedSVD, TruncatedSVD};
use learnkit::ensemble::{
    ExtraTreesClassifier, ExtraTreesRegressor, FittedExtraTreesClassifier, FittedExtraTreesRegressor,
    FittedHistGradientBoostingClassifier, FittedHistGradientBoostingRegressor, FittedRandomForestClassifier,
    FittedRandomForestRegressor, RandomForestClassifier, RandomForestRegressor,
};
use learnkit::feature_extraction::{FittedTfidfTransformer, TfidfTransformer};
use learnkit::linear_model::{ElasticNetCV, FittedElasticNet, FittedElasticNetCV, Lasso};
use learnkit::linear_model::{
    FittedLinearRegression, FittedLogisticRegression, FittedRidge, FittedRidgeCV, FittedRidgeClassifier,
    FittedRidgeClassifierCV, FittedSGDClassifier, FittedSGDRegressor, RidgeCV, RidgeClassifierCV, SGDClassifier,
    SGDRegressor,
};
use learnkit::mixture::{CovarianceType, FittedGaussianMixture, GaussianMixture};
use learnkit::neighbors::{
    FittedKNeighborsClassifier, FittedKNeighborsRegressor, FittedNearestNeighbors, KNeighborsClassifier,
    KNeighborsRegressor, NearestNeighbors,
};
use learnkit::persistence::{self, Persist};
use learnkit::prelude::*;
use learnkit::preprocessing::{
    FittedMinMaxScaler, FittedOneHotEncoder, FittedOrdinalEncoder, FittedSimpleImputer, FittedStandardScaler,
};
use learnkit::preprocessing::{FittedPolynomialFeatures, PolynomialFeatures};
use learnkit::svm::{FittedLinearSVC, FittedSVC, FittedSVR};
use learnkit::tree::{
    DecisionTreeClassifier, DecisionTreeRegressor, FittedDecisionTreeClassifier, FittedDecisionTreeRegressor,
};
use ndarray::{Array1, Array2, ArrayView2, Axis};
use std::sync::OnceLock;

/// Iris rows 0, 7, 14, … (every class), with a NaN in every 4th row's
/// column 2 for the estimators that take missing values.
fn data(with_nan: bool) -> (Array2<f64>, Array1<usize>, Array1<f64>) {
    let iris = learnkit::datasets::load_iris();
    let rows: Vec<usize> = (0..150).step_by(5).collect();
    let mut x = iris.data.select(Axis(0), &rows);
    if with_nan {
        for i in (0..x.nrows()).step_by(4) {
            x[[i, 2]] = f64::NAN;
        }
    }
    let y = iris.target.select(Axis(0), &rows);
    let target = x.column(3).mapv(|v| if v.is_nan() { 0.0 } else { 2.0 * v }) + y.mapv(|c| c as f64);
    (x, y, target)
}

/// The voting and stacking ensembles saved here (their members nest in
/// tuples, so the types are long).
type NbTree = (
    (
        (),
        learnkit::ensemble::Named<learnkit::naive_bayes::FittedGaussianNB<f64, usize>>,
    ),
    learnkit::ensemble::Named<FittedDecisionTreeClassifier<f64, usize>>,
);
type OlsTree = (
    ((), learnkit::ensemble::Named<FittedLinearRegression<f64>>),
    learnkit::ensemble::Named<FittedDecisionTreeRegressor<f64>>,
);
type FittedVoting = learnkit::ensemble::FittedVotingClassifier<NbTree, usize>;
type FittedVotingReg = learnkit::ensemble::FittedVotingRegressor<OlsTree>;
type FittedStacking = learnkit::ensemble::FittedStackingClassifier<NbTree, FittedLogisticRegression<f64, usize>, usize>;
type FittedStackingReg = learnkit::ensemble::FittedStackingRegressor<OlsTree, FittedRidgeCV<f64>>;

/// Probe matrices: the training width and others, with special values.
fn probes() -> Vec<Array2<f64>> {
    let (x, _, _) = data(false);
    let mut out = vec![x.clone()];
    for width in [1, 3, 5, 8] {
        out.push(Array2::from_shape_fn((3, width), |(i, j)| {
            [0.0, -1e300, 7.5, f64::NAN][(i + j) % 4]
        }));
    }
    out.push(Array2::zeros((0, 4)));
    out
}

/// What a loaded model is asked to do.
trait Exercise {
    fn exercise(&self, x: ArrayView2<'_, f64>);
}

macro_rules! exercise_classifier {
    ($($ty:ty),*) => {$(
        impl Exercise for $ty {
            fn exercise(&self, x: ArrayView2<'_, f64>) {
                let _ = self.predict(x);
                let _ = self.predict_proba(x);
            }
        }
    )*};
}
macro_rules! exercise_decision {
    ($($ty:ty),*) => {$(
        impl Exercise for $ty {
            fn exercise(&self, x: ArrayView2<'_, f64>) {
                let _ = self.predict(x);
                let _ = self.decision_function(x);
            }
        }
    )*};
}
macro_rules! exercise_regressor {
    ($($ty:ty),*) => {$(
        impl Exercise for $ty {
            fn exercise(&self, x: ArrayView2<'_, f64>) {
                let _ = self.predict(x);
            }
        }
    )*};
}
macro_rules! exercise_transformer {
    ($($ty:ty),*) => {$(
        impl Exercise for $ty {
            fn exercise(&self, x: ArrayView2<'_, f64>) {
                let _ = self.transform(x);
            }
        }
    )*};
}

exercise_classifier!(
    FittedKNeighborsClassifier<f64, usize>,
    FittedLogisticRegression<f64, usize>,
    FittedDecisionTreeClassifier<f64, usize>,
    FittedRandomForestClassifier<f64, usize>,
    FittedExtraTreesClassifier<f64, usize>,
    FittedHistGradientBoostingClassifier<f64, usize>,
    FittedPipeline<FittedStandardScaler<f64>, FittedLogisticRegression<f64, usize>>,
    FittedVoting,
    FittedStacking
);
exercise_classifier!(
    learnkit::naive_bayes::FittedGaussianNB<f64, usize>,
    learnkit::naive_bayes::FittedMultinomialNB<f64, usize>,
    learnkit::naive_bayes::FittedComplementNB<f64, usize>,
    learnkit::naive_bayes::FittedBernoulliNB<f64, usize>,
    learnkit::naive_bayes::FittedCategoricalNB<f64, usize>
);
exercise_classifier!(
    learnkit::calibration::FittedCalibratedClassifierCV<
        learnkit::naive_bayes::FittedGaussianNB<f64, usize>,
        usize,
        learnkit::calibration::UsePredictProba,
    >,
    learnkit::calibration::FittedCalibratedClassifierCV<
        FittedRidgeClassifier<f64, usize>,
        usize,
        learnkit::calibration::UseDecisionFunction,
    >
);
exercise_regressor!(learnkit::isotonic::FittedIsotonicRegression<f64>);
exercise_decision!(
    FittedSVC<f64, usize>,
    FittedLinearSVC<f64, usize>,
    FittedRidgeClassifier<f64, usize>,
    FittedRidgeClassifierCV<f64, usize>,
    FittedSGDClassifier<f64, usize>
);
impl Exercise for FittedNearestNeighbors<f64> {
    fn exercise(&self, x: ArrayView2<'_, f64>) {
        let _ = self.kneighbors(Some(x), None);
        let _ = self.radius_neighbors(Some(x), None);
    }
}
exercise_regressor!(
    FittedKNeighborsRegressor<f64>,
    FittedDecisionTreeRegressor<f64>,
    FittedRandomForestRegressor<f64>,
    FittedExtraTreesRegressor<f64>,
    FittedHistGradientBoostingRegressor<f64>,
    FittedSVR<f64>,
    FittedLinearRegression<f64>,
    FittedRidge<f64>,
    FittedRidgeCV<f64>,
    FittedSGDRegressor<f64>,
    FittedElasticNet<f64>,
    FittedElasticNetCV<f64>,
    FittedVotingReg,
    FittedStackingReg
);
exercise_transformer!(
    FittedStandardScaler<f64>,
    FittedMinMaxScaler<f64>,
    FittedOneHotEncoder<f64>,
    FittedOrdinalEncoder<f64>,
    FittedSimpleImputer<f64>,
    FittedPCA<f64>,
    FittedTruncatedSVD<f64>,
    FittedPolynomialFeatures,
    learnkit::preprocessing::FittedMaxAbsScaler<f64>,
    learnkit::preprocessing::FittedNormalizer,
    FittedTfidfTransformer<f64>
);

// The k-means models: nearest centres, distances and score.
macro_rules! exercise_kmeans {
    ($($ty:ty),*) => {$(
        impl Exercise for $ty {
            fn exercise(&self, x: ArrayView2<'_, f64>) {
                let _ = self.predict(x);
                let _ = self.transform(x);
                let _ = self.score(x, None);
            }
        }
    )*};
}
exercise_kmeans!(FittedKMeans<f64>, FittedMiniBatchKMeans<f64>);

// Clusterings predict nothing: a loaded one is read through its accessors.
impl Exercise for learnkit::cluster::FittedAgglomerativeClustering<f64> {
    fn exercise(&self, _x: ArrayView2<'_, f64>) {
        let _ = (
            learnkit::traits::Clusterer::labels(self).sum(),
            self.children().sum(),
            self.distances(),
        );
    }
}
impl Exercise for learnkit::cluster::FittedDBSCAN<f64> {
    fn exercise(&self, _x: ArrayView2<'_, f64>) {
        let _ = (learnkit::traits::Clusterer::labels(self).sum(), self.components().sum());
    }
}
impl Exercise for learnkit::cluster::FittedHDBSCAN<f64> {
    fn exercise(&self, _x: ArrayView2<'_, f64>) {
        let _ = (
            learnkit::traits::Clusterer::labels(self).sum(),
            self.probabilities().sum(),
            self.medoids(),
        );
    }
}

// Gaussian mixtures: components, posteriors, densities, criteria, samples.
impl Exercise for FittedGaussianMixture<f64> {
    fn exercise(&self, x: ArrayView2<'_, f64>) {
        let _ = self.predict(x);
        let _ = self.predict_proba(x);
        let _ = self.score_samples(x);
        let _ = self.bic(x);
        let _ = self.sample(3, Some(0));
    }
}

/// A valid saved model of one type, in both forms.
struct Saved {
    binary: Vec<u8>,
    json: String,
}

fn saved<M: Persist>(model: &M) -> Saved {
    Saved {
        binary: persistence::to_bytes(model).expect("a fitted model saves"),
        json: persistence::to_json(model).expect("a fitted model saves"),
    }
}

/// One model type: how to fit a valid one, and how to load and use one.
struct Kind {
    fit: fn() -> Saved,
    load: fn(&Input) -> Result<(), Error>,
}

/// The file to load, in one of the two forms.
enum Input {
    Binary(Vec<u8>),
    Json(String),
}

fn load_and_use<M: Persist + Exercise>(input: &Input) -> Result<(), Error> {
    let model: M = match input {
        Input::Binary(bytes) => persistence::from_bytes(bytes)?,
        Input::Json(text) => persistence::from_json(text)?,
    };
    for probe in probes() {
        model.exercise(probe.view());
    }
    Ok(())
}

// Radius neighbours (issue 16).
exercise_classifier!(learnkit::neighbors::FittedRadiusNeighborsClassifier<f64, usize>);
exercise_regressor!(learnkit::neighbors::FittedRadiusNeighborsRegressor<f64>);

macro_rules! kinds {
    ($($ty:ty => $fit:expr;)*) => {
        const KINDS: &[Kind] = &[$(
            Kind { fit: || saved::<$ty>(&$fit), load: load_and_use::<$ty> },
        )*];
    };
}

kinds! {
    FittedStandardScaler<f64> => StandardScaler::default().fit_unsupervised(data(false).0.view()).unwrap();
    FittedMinMaxScaler<f64> => MinMaxScaler::default().fit_unsupervised(data(false).0.view()).unwrap();
    FittedTfidfTransformer<f64> => TfidfTransformer::default().fit_unsupervised(data(false).0.view()).unwrap();
    FittedOneHotEncoder<f64> => OneHotEncoder::default().fit_unsupervised(data(true).0.mapv(f64::round).view()).unwrap();
    FittedOrdinalEncoder<f64> => OrdinalEncoder::default().fit_unsupervised(data(true).0.mapv(f64::round).view()).unwrap();
    FittedSimpleImputer<f64> => SimpleImputer::default().fit_unsupervised(data(true).0.view()).unwrap();
    FittedPCA<f64> => PCA::default().fit_unsupervised(data(false).0.view()).unwrap();
    FittedTruncatedSVD<f64> => TruncatedSVD::default().n_components(2).fit_unsupervised(data(false).0.view()).unwrap();
    FittedLogisticRegression<f64, usize> => { let (x, y, _) = data(false); LogisticRegression::default().fit(x.view(), y.view()).unwrap() };
    FittedDecisionTreeClassifier<f64, usize> => { let (x, y, _) = data(true); DecisionTreeClassifier::default().fit(x.view(), y.view()).unwrap() };
    FittedDecisionTreeRegressor<f64> => { let (x, _, t) = data(true); DecisionTreeRegressor::default().fit(x.view(), t.view()).unwrap() };
    FittedRandomForestClassifier<f64, usize> => { let (x, y, _) = data(true); RandomForestClassifier::default().n_estimators(3).random_state(0).fit(x.view(), y.view()).unwrap() };
    FittedRandomForestRegressor<f64> => { let (x, _, t) = data(true); RandomForestRegressor::default().n_estimators(3).random_state(0).fit(x.view(), t.view()).unwrap() };
    FittedExtraTreesClassifier<f64, usize> => { let (x, y, _) = data(false); ExtraTreesClassifier::default().n_estimators(3).random_state(0).fit(x.view(), y.view()).unwrap() };
    FittedExtraTreesRegressor<f64> => { let (x, _, t) = data(false); ExtraTreesRegressor::default().n_estimators(3).random_state(0).fit(x.view(), t.view()).unwrap() };
    FittedHistGradientBoostingClassifier<f64, usize> => { let (x, y, _) = data(true); HistGradientBoostingClassifier::default().max_iter(5).fit(x.view(), y.view()).unwrap() };
    FittedHistGradientBoostingRegressor<f64> => { let (x, _, t) = data(true); HistGradientBoostingRegressor::default().max_iter(5).fit(x.view(), t.view()).unwrap() };
    FittedSVC<f64, usize> => { let (x, y, _) = data(false); SVC::default().fit(x.view(), y.view()).unwrap() };
    FittedSVR<f64> => { let (x, _, t) = data(false); SVR::default().fit(x.view(), t.view()).unwrap() };
    FittedLinearSVC<f64, usize> => { let (x, y, _) = data(false); LinearSVC::default().fit(x.view(), y.view()).unwrap() };
    FittedPipeline<FittedStandardScaler<f64>, FittedLogisticRegression<f64, usize>> => { let (x, y, _) = data(false); Pipeline::new(StandardScaler::default(), LogisticRegression::default()).fit(x.view(), y.view()).unwrap() };
    FittedLinearRegression<f64> => { let (x, _, t) = data(false); LinearRegression::default().fit(x.view(), t.view()).unwrap() };
    FittedRidge<f64> => { let (x, _, t) = data(false); Ridge::default().fit(x.view(), t.view()).unwrap() };
    FittedRidgeCV<f64> => { let (x, _, t) = data(false); RidgeCV::default().fit(x.view(), t.view()).unwrap() };
    FittedRidgeClassifier<f64, usize> => { let (x, y, _) = data(false); RidgeClassifier::default().fit(x.view(), y.view()).unwrap() };
    FittedRidgeClassifierCV<f64, usize> => { let (x, y, _) = data(false); RidgeClassifierCV::default().fit(x.view(), y.view()).unwrap() };
    FittedPolynomialFeatures => PolynomialFeatures::default().degree(3).fit_unsupervised(data(false).0.view()).unwrap();
    // The L1 penalty (NewtonCd solver): its penalty and solver fields load and are checked.
    FittedLogisticRegression<f64, usize> => { let (x, y, _) = data(false); LogisticRegression::default().l1_ratio(1.0).fit(x.view(), y.view()).unwrap() };
    FittedSGDClassifier<f64, usize> => { let (x, y, _) = data(false); SGDClassifier::default().random_state(0).fit(x.view(), y.view()).unwrap() };
    FittedSGDRegressor<f64> => { let (x, _, t) = data(false); SGDRegressor::default().random_state(0).fit(x.view(), t.view()).unwrap() };
    FittedElasticNet<f64> => { let (x, _, t) = data(false); Lasso::default().alpha(0.1).fit(x.view(), t.view()).unwrap() };
    FittedElasticNetCV<f64> => { let (x, _, t) = data(false); ElasticNetCV::default().n_alphas(5).cv(learnkit::model_selection::KFold::new(3)).fit(x.view(), t.view()).unwrap() };
    FittedKMeans<f64> => KMeans::default().n_clusters(3).random_state(0).fit_unsupervised(data(false).0.view()).unwrap();
    FittedMiniBatchKMeans<f64> => MiniBatchKMeans::default().n_clusters(3).batch_size(10).random_state(0).fit_unsupervised(data(false).0.view()).unwrap();
    FittedKNeighborsClassifier<f64, usize> => { let (x, y, _) = data(false); KNeighborsClassifier::default().fit(x.view(), y.view()).unwrap() };
    FittedKNeighborsRegressor<f64> => { let (x, _, t) = data(false); KNeighborsRegressor::default().algorithm(learnkit::neighbors::Algorithm::BallTree).fit(x.view(), t.view()).unwrap() };
    FittedNearestNeighbors<f64> => NearestNeighbors::default().algorithm(learnkit::neighbors::Algorithm::Brute).fit_unsupervised(data(false).0.view()).unwrap();
    learnkit::cluster::FittedAgglomerativeClustering<f64> => learnkit::cluster::AgglomerativeClustering::default().compute_distances(true).fit_unsupervised(data(false).0.view()).unwrap();
    learnkit::cluster::FittedDBSCAN<f64> => learnkit::cluster::DBSCAN::default().fit_unsupervised(data(false).0.view()).unwrap();
    learnkit::cluster::FittedHDBSCAN<f64> => learnkit::cluster::HDBSCAN::default().store_centers(Some(learnkit::cluster::StoreCenters::Both)).fit_unsupervised(data(false).0.view()).unwrap();
    FittedGaussianMixture<f64> => GaussianMixture::default().n_components(2).random_state(0).fit_unsupervised(data(false).0.view()).unwrap();
    FittedGaussianMixture<f64> => GaussianMixture::default().n_components(2).covariance_type(CovarianceType::Tied).random_state(0).fit_unsupervised(data(false).0.view()).unwrap();
    FittedGaussianMixture<f64> => GaussianMixture::default().n_components(2).covariance_type(CovarianceType::Spherical).random_state(0).fit_unsupervised(data(false).0.view()).unwrap();
    learnkit::preprocessing::FittedMaxAbsScaler<f64> => learnkit::preprocessing::MaxAbsScaler::default().fit_unsupervised(data(true).0.view()).unwrap();
    learnkit::preprocessing::FittedNormalizer => learnkit::preprocessing::Normalizer::default().fit_unsupervised(data(false).0.view()).unwrap();
    learnkit::naive_bayes::FittedGaussianNB<f64, usize> => { let (x, y, _) = data(false); learnkit::naive_bayes::GaussianNB::default().fit(x.view(), y.view()).unwrap() };
    learnkit::naive_bayes::FittedMultinomialNB<f64, usize> => { let (x, y, _) = data(false); learnkit::naive_bayes::MultinomialNB::default().fit(x.view(), y.view()).unwrap() };
    learnkit::naive_bayes::FittedComplementNB<f64, usize> => { let (x, y, _) = data(false); learnkit::naive_bayes::ComplementNB::default().fit(x.view(), y.view()).unwrap() };
    learnkit::naive_bayes::FittedBernoulliNB<f64, usize> => { let (x, y, _) = data(false); learnkit::naive_bayes::BernoulliNB::default().binarize(Some(3.0)).fit(x.view(), y.view()).unwrap() };
    learnkit::naive_bayes::FittedCategoricalNB<f64, usize> => { let (x, y, _) = data(false); learnkit::naive_bayes::CategoricalNB::default().fit(x.view(), y.view()).unwrap() };
    learnkit::isotonic::FittedIsotonicRegression<f64> => { let (x, _, t) = data(false); learnkit::isotonic::IsotonicRegression::default().fit(x.slice(ndarray::s![.., 2..3]), t.view()).unwrap() };
    learnkit::calibration::FittedCalibratedClassifierCV<learnkit::naive_bayes::FittedGaussianNB<f64, usize>, usize, learnkit::calibration::UsePredictProba> => { let (x, y, _) = data(false); learnkit::calibration::CalibratedClassifierCV::with_predict_proba(learnkit::naive_bayes::GaussianNB::default()).method(learnkit::calibration::CalibrationMethod::Isotonic).fit(x.view(), y.view()).unwrap() };
    learnkit::calibration::FittedCalibratedClassifierCV<FittedRidgeClassifier<f64, usize>, usize, learnkit::calibration::UseDecisionFunction> => { let (x, y, _) = data(false); learnkit::calibration::CalibratedClassifierCV::with_decision_function(RidgeClassifier::default()).ensemble(false).fit(x.view(), y.view()).unwrap() };
    FittedVoting => { let (x, y, _) = data(false); learnkit::ensemble::VotingClassifier::new().push(learnkit::naive_bayes::GaussianNB::default()).push(DecisionTreeClassifier::default()).voting(learnkit::ensemble::Voting::Soft).weights([1.0, 2.0]).fit(x.view(), y.view()).unwrap() };
    FittedVotingReg => { let (x, _, t) = data(false); learnkit::ensemble::VotingRegressor::new().push(LinearRegression::default()).push(DecisionTreeRegressor::default()).fit(x.view(), t.view()).unwrap() };
    FittedStacking => { let (x, y, _) = data(false); learnkit::ensemble::StackingClassifier::new().push(learnkit::naive_bayes::GaussianNB::default()).push(DecisionTreeClassifier::default()).passthrough(true).fit(x.view(), y.view()).unwrap() };
    FittedStackingReg => { let (x, _, t) = data(false); learnkit::ensemble::StackingRegressor::new().push(LinearRegression::default()).push(DecisionTreeRegressor::default()).fit(x.view(), t.view()).unwrap() };
    learnkit::neighbors::FittedRadiusNeighborsClassifier<f64, usize> => { let (x, y, _) = data(false); learnkit::neighbors::RadiusNeighborsClassifier::default().outlier_label(learnkit::neighbors::OutlierLabel::MostFrequent).fit(x.view(), y.view()).unwrap() };
    learnkit::neighbors::FittedRadiusNeighborsRegressor<f64> => { let (x, _, t) = data(false); learnkit::neighbors::RadiusNeighborsRegressor::default().algorithm(learnkit::neighbors::Algorithm::KdTree).fit(x.view(), t.view()).unwrap() };
    learnkit::feature_extraction::FittedCountVectorizer => learnkit::feature_extraction::CountVectorizer::default().ngram_range((1, 2)).strip_accents(learnkit::feature_extraction::StripAccents::Unicode).token_pattern(r"(?u)\b\w+\b").fit(&TEXT_DOCS).unwrap();
    learnkit::feature_extraction::FittedTfidfVectorizer => learnkit::feature_extraction::TfidfVectorizer::default().analyzer(learnkit::feature_extraction::Analyzer::CharWb).ngram_range((2, 3)).sublinear_tf(true).fit(&TEXT_DOCS).unwrap();
    learnkit::linear_model::FittedMultiTarget<f64> => { let (x, _, t) = data(false); let y = ndarray::stack![Axis(1), t, t.mapv(|v| -v)]; Ridge::default().fit_multi(x.view(), y.view()).unwrap() };
}

// Multi-target linear models (issue 15): a loaded one predicts and scores.
impl Exercise for learnkit::linear_model::FittedMultiTarget<f64> {
    fn exercise(&self, x: ArrayView2<'_, f64>) {
        if let Ok(predicted) = self.predict(x) {
            let _ = self.score(x, predicted.view());
        }
    }
}

// The text vectorizers: fitted on a few documents, a loaded one transforms
// documents (the probe matrices do not apply).
const TEXT_DOCS: [&str; 4] = ["The café is open.", "Naïve Bayes, naive tf-idf", "", "½ ² ﬁne words"];
impl Exercise for learnkit::feature_extraction::FittedCountVectorizer {
    fn exercise(&self, _x: ArrayView2<'_, f64>) {
        let _ = self.transform(&TEXT_DOCS);
    }
}
impl Exercise for learnkit::feature_extraction::FittedTfidfVectorizer {
    fn exercise(&self, _x: ArrayView2<'_, f64>) {
        let _ = self.transform(&TEXT_DOCS);
    }
}

/// The valid saved model of each kind, fitted on first use.
fn valid(kind: usize) -> &'static Saved {
    static SAVED: OnceLock<Vec<Saved>> = OnceLock::new();
    &SAVED.get_or_init(|| KINDS.iter().map(|k| (k.fit)()).collect())[kind]
}

/// A binary file around `payload`: the valid header and its checksum, so
/// that the bytes reach the model's decoder.
fn with_header(header_from: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut crc = flate2::Crc::new();
    crc.update(payload);
    let mut file = header_from[..12].to_vec();
    file.extend_from_slice(&crc.sum().to_le_bytes());
    file.extend_from_slice(payload);
    file
}

/// One fuzz case (see the module documentation).
pub fn run(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let kind = usize::from(bytes.u8()) % KINDS.len();
    let mode = bytes.u8() % 4;
    let saved = valid(kind);
    let input = match mode {
        0 => Input::Binary(with_header(&saved.binary, bytes.rest())),
        1 => Input::Json(String::from_utf8_lossy(bytes.rest()).into_owned()),
        2 => {
            let mut payload = saved.binary[16..].to_vec();
            for _ in 0..1 + bytes.u8() % 8 {
                if payload.is_empty() {
                    break;
                }
                let at = usize::from(bytes.u16()) % payload.len();
                match bytes.u8() % 3 {
                    0 => payload[at] ^= bytes.u8() | 1,
                    1 => {
                        payload.remove(at);
                    }
                    _ => payload.insert(at, bytes.u8()),
                }
            }
            Input::Binary(with_header(&saved.binary, &payload))
        }
        _ => {
            let mut text = saved.json.clone().into_bytes();
            let digits: Vec<usize> = (0..text.len()).filter(|&i| text[i].is_ascii_digit()).collect();
            for _ in 0..1 + bytes.u8() % 8 {
                let at = digits[usize::from(bytes.u16()) % digits.len()];
                text[at] = match bytes.u8() % 4 {
                    0 => b'0' + bytes.u8() % 10,
                    1 => b'9',
                    2 => b'-',
                    _ => b'0',
                };
            }
            Input::Json(String::from_utf8_lossy(&text).into_owned())
        }
    };
    match (KINDS[kind].load)(&input) {
        Ok(()) | Err(Error::ModelFile { .. }) => {}
        Err(other) => panic!("loading gave {other:?}, not Error::ModelFile"),
    }
}

/// Every valid saved model loads back (the fuzz cases start from them).
pub fn every_kind_round_trips() {
    for (k, kind) in KINDS.iter().enumerate() {
        let saved = valid(k);
        (kind.load)(&Input::Binary(saved.binary.clone())).unwrap_or_else(|e| panic!("kind {k}: {e}"));
        (kind.load)(&Input::Json(saved.json.clone())).unwrap_or_else(|e| panic!("kind {k}: {e}"));
    }
}
