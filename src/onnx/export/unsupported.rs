//! The fitted types with no ONNX form: their export is
//! `Error::Unsupported` naming the type and saying why (so a pipeline
//! holding one fails with a clear message rather than not compiling).

use super::unsupported_export;
use crate::cluster::{FittedAgglomerativeClustering, FittedDBSCAN, FittedHDBSCAN};
use crate::ensemble::{
    FittedStackingClassifier, FittedStackingRegressor, FittedVotingClassifier, FittedVotingRegressor,
};
use crate::feature_extraction::{FittedCountVectorizer, FittedTfidfVectorizer, HashingVectorizer};
use crate::naive_bayes::FittedCategoricalNB;
use crate::neighbors::{FittedNearestNeighbors, FittedRadiusNeighborsClassifier, FittedRadiusNeighborsRegressor};
use crate::preprocessing::FittedLabelEncoder;

unsupported_export! {
    [F] FittedDBSCAN<F> => "FittedDBSCAN",
        "DBSCAN labels its training rows and has no predict (as scikit-learn's, which skl2onnx cannot convert either)";
    [F] FittedHDBSCAN<F> => "FittedHDBSCAN",
        "HDBSCAN labels its training rows and has no predict (as scikit-learn's, which skl2onnx cannot convert either)";
    [F] FittedAgglomerativeClustering<F> => "FittedAgglomerativeClustering",
        "agglomerative clustering labels its training rows and has no predict";
    [] FittedCountVectorizer => "FittedCountVectorizer",
        "it reads text, and an exported graph's input is a float matrix (export the TfidfTransformer or model after it, fed with the counts)";
    [] FittedTfidfVectorizer => "FittedTfidfVectorizer",
        "it reads text, and an exported graph's input is a float matrix (export a TfidfTransformer fitted on the counts instead)";
    [] HashingVectorizer => "HashingVectorizer",
        "it reads text, and an exported graph's input is a float matrix";
    [L] FittedLabelEncoder<L> => "FittedLabelEncoder",
        "it encodes targets, not features: a classifier's export carries its labels itself";
    [F, L] FittedCategoricalNB<F, L> => "FittedCategoricalNB",
        "its per-feature category tables have no ONNX form here yet";
    [F] FittedNearestNeighbors<F> => "FittedNearestNeighbors",
        "a neighbour search has no predict (only kneighbors), so there is nothing to export as a model";
    [F, L] FittedRadiusNeighborsClassifier<F, L> => "FittedRadiusNeighborsClassifier",
        "its export (skl2onnx masks the distances to all training rows) is not written yet";
    [F] FittedRadiusNeighborsRegressor<F> => "FittedRadiusNeighborsRegressor",
        "its export (skl2onnx masks the distances to all training rows) is not written yet";
    [S, L] FittedVotingClassifier<S, L> => "FittedVotingClassifier",
        "the composition of its estimators' graphs is not written yet (export each estimator)";
    [S] FittedVotingRegressor<S> => "FittedVotingRegressor",
        "the composition of its estimators' graphs is not written yet (export each estimator)";
    [S, E, L] FittedStackingClassifier<S, E, L> => "FittedStackingClassifier",
        "the composition of its estimators' and final estimator's graphs is not written yet";
    [S, E] FittedStackingRegressor<S, E> => "FittedStackingRegressor",
        "the composition of its estimators' and final estimator's graphs is not written yet";
}
