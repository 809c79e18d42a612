//! The common checks (tests/common/) applied to every estimator: one line each.

use crate::check_estimator;
use crate::common;

use learnkit::prelude::*;

check_estimator!(standard_scaler, supervised: false,
    make: StandardScaler::default(),
    invalid: StandardScaler::default().n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

check_estimator!(standard_scaler_without_mean, supervised: false,
    make: StandardScaler::default().with_mean(false),
    invalid: StandardScaler::default().with_mean(false).n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

#[test]
fn fitted_models_are_send_and_sync() {
    common::assert_send_sync::<learnkit::preprocessing::FittedStandardScaler<f64>>();
    common::assert_send_sync::<learnkit::preprocessing::FittedStandardScaler<f32>>();
}

check_estimator!(logistic_regression, supervised: true,
    make: LogisticRegression::default(),
    invalid: LogisticRegression::default().c(0.0),
    // Raw iris is ill-conditioned: at the default tol the f32 and f64 solver
    // paths stop at slightly different points, so probabilities agree to 1e-2.
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98);

#[test]
fn logistic_regression_string_labels() {
    common::string_labels_round_trip(LogisticRegression::default);
}

#[test]
fn fitted_logistic_regression_is_send_and_sync() {
    common::assert_send_sync::<learnkit::linear_model::FittedLogisticRegression<f64, usize>>();
    common::assert_send_sync::<learnkit::linear_model::FittedLogisticRegression<f32, String>>();
}

check_estimator!(pipeline_scaler_logistic, supervised: true,
    make: Pipeline::new(StandardScaler::default(), LogisticRegression::default()),
    invalid: Pipeline::new(StandardScaler::default(), LogisticRegression::default().c(-1.0)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-3, f32_fraction: 0.98);

check_estimator!(pipeline_of_transformers, supervised: false,
    make: Pipeline::new(StandardScaler::default(), StandardScaler::default().with_mean(false)),
    invalid: Pipeline::new(StandardScaler::default(), StandardScaler::default().n_jobs(Some(0))),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

#[test]
fn pipeline_string_labels() {
    common::string_labels_round_trip(|| Pipeline::new(StandardScaler::default(), LogisticRegression::default()));
}

#[test]
fn fitted_pipeline_is_send_and_sync() {
    use learnkit::compose::FittedPipeline;
    use learnkit::linear_model::FittedLogisticRegression;
    use learnkit::preprocessing::FittedStandardScaler;
    common::assert_send_sync::<FittedPipeline<FittedStandardScaler<f64>, FittedLogisticRegression<f64, usize>>>();
}

check_estimator!(decision_tree_classifier, supervised: true,
    make: learnkit::tree::DecisionTreeClassifier::default().random_state(0),
    invalid: learnkit::tree::DecisionTreeClassifier::default().min_samples_split(1),
    wrap: AsProbaClassifier, f32_tolerance: 1e-6, f32_fraction: 1.0, missing_values: true);

check_estimator!(decision_tree_classifier_histogram_best_first, supervised: true,
    make: learnkit::tree::DecisionTreeClassifier::default()
        .binning(learnkit::tree::Binning::Histogram)
        .max_leaf_nodes(Some(6))
        .max_features(learnkit::tree::MaxFeatures::Sqrt)
        .random_state(0),
    invalid: learnkit::tree::DecisionTreeClassifier::default().max_leaf_nodes(Some(1)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-6, f32_fraction: 1.0, missing_values: true);

#[test]
fn decision_tree_classifier_string_labels() {
    common::string_labels_round_trip(|| learnkit::tree::DecisionTreeClassifier::default().random_state(0));
}

check_estimator!(decision_tree_regressor, supervised: true, targets: f64,
    make: learnkit::tree::DecisionTreeRegressor::default().random_state(0),
    invalid: learnkit::tree::DecisionTreeRegressor::default().min_samples_leaf(0),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

#[test]
fn fitted_trees_are_send_and_sync() {
    common::assert_send_sync::<learnkit::tree::FittedDecisionTreeClassifier<f64, usize>>();
    common::assert_send_sync::<learnkit::tree::FittedDecisionTreeRegressor<f32>>();
}

check_estimator!(random_forest_classifier, supervised: true,
    make: learnkit::ensemble::RandomForestClassifier::default().n_estimators(20).random_state(0),
    invalid: learnkit::ensemble::RandomForestClassifier::default().n_estimators(0),
    // Out-of-bag rows can sit exactly on a split's midpoint threshold, which
    // rounds differently in f32 and f64 (scikit-learn has the same tie).
    // Since the draws follow scikit-learn's known-constant rule, a feature
    // that f32 rounding makes constant in one node also changes the draws of
    // that node's subtree (0.975 agree here), so this forest gets the 0.95
    // its siblings (extra trees, the regressors) have.
    wrap: AsProbaClassifier, f32_tolerance: 1e-6, f32_fraction: 0.95, missing_values: true);

check_estimator!(random_forest_classifier_oob_balanced_subsample, supervised: true,
    make: learnkit::ensemble::RandomForestClassifier::default()
        .n_estimators(10)
        .oob_score(true)
        .max_samples(Some(learnkit::ensemble::MaxSamples::Fraction(0.7)))
        .class_weight(learnkit::class_weight::ClassWeight::BalancedSubsample)
        .random_state(3),
    invalid: learnkit::ensemble::RandomForestClassifier::default().bootstrap(false).oob_score(true),
    wrap: AsProbaClassifier, f32_tolerance: 1e-6, f32_fraction: 0.98, missing_values: true);

#[test]
fn random_forest_classifier_string_labels() {
    common::string_labels_round_trip(|| {
        learnkit::ensemble::RandomForestClassifier::default()
            .n_estimators(10)
            .random_state(0)
    });
}

check_estimator!(random_forest_regressor, supervised: true, targets: f64,
    make: learnkit::ensemble::RandomForestRegressor::default().n_estimators(20).random_state(0),
    invalid: learnkit::ensemble::RandomForestRegressor::default().max_features(learnkit::tree::MaxFeatures::Count(5)),
    // f32 targets round differently, so nearly tied splits of bootstrap
    // samples can flip; predictions stay close.
    wrap: AsRegressor, f32_tolerance: 5e-2, f32_fraction: 0.95, missing_values: true);

check_estimator!(extra_trees_classifier, supervised: true,
    make: learnkit::ensemble::ExtraTreesClassifier::default().n_estimators(20).random_state(0),
    invalid: learnkit::ensemble::ExtraTreesClassifier::default().oob_score(true),
    // A random threshold drawn in f32 and in f64 differs in its last bits, so
    // a few rows near one land on the other side.
    wrap: AsProbaClassifier, f32_tolerance: 1e-6, f32_fraction: 0.95, missing_values: true);

check_estimator!(extra_trees_classifier_bootstrap_oob_entropy, supervised: true,
    make: learnkit::ensemble::ExtraTreesClassifier::default()
        .n_estimators(10)
        .bootstrap(true)
        .oob_score(true)
        .criterion(learnkit::tree::Criterion::Entropy)
        .binning(learnkit::tree::Binning::Exact)
        .random_state(3),
    invalid: learnkit::ensemble::ExtraTreesClassifier::default().n_estimators(0),
    wrap: AsProbaClassifier, f32_tolerance: 1e-6, f32_fraction: 0.95, missing_values: true);

#[test]
fn extra_trees_classifier_string_labels() {
    common::string_labels_round_trip(|| {
        learnkit::ensemble::ExtraTreesClassifier::default()
            .n_estimators(10)
            .random_state(0)
    });
}

check_estimator!(extra_trees_regressor, supervised: true, targets: f64,
    make: learnkit::ensemble::ExtraTreesRegressor::default().n_estimators(20).random_state(0),
    invalid: learnkit::ensemble::ExtraTreesRegressor::default().max_features(learnkit::tree::MaxFeatures::Count(5)),
    wrap: AsRegressor, f32_tolerance: 5e-2, f32_fraction: 0.95, missing_values: true);

check_estimator!(decision_tree_classifier_random_splitter, supervised: true,
    make: learnkit::tree::DecisionTreeClassifier::default()
        .splitter(learnkit::tree::Splitter::Random)
        .random_state(0),
    invalid: learnkit::tree::DecisionTreeClassifier::default()
        .splitter(learnkit::tree::Splitter::Random)
        .max_depth(Some(0)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-6, f32_fraction: 0.95, missing_values: true);

#[test]
fn fitted_forests_are_send_and_sync() {
    common::assert_send_sync::<learnkit::ensemble::FittedRandomForestClassifier<f64, usize>>();
    common::assert_send_sync::<learnkit::ensemble::FittedRandomForestRegressor<f32>>();
    common::assert_send_sync::<learnkit::ensemble::FittedExtraTreesClassifier<f64, usize>>();
    common::assert_send_sync::<learnkit::ensemble::FittedExtraTreesRegressor<f32>>();
}

check_estimator!(pca, supervised: false,
    make: PCA::default(),
    invalid: PCA::default().n_components(learnkit::decomposition::NComponents::Count(0)),
    wrap: AsTransformer, f32_tolerance: 1e-4, f32_fraction: 1.0, min_samples: 2);

check_estimator!(pca_randomized_whiten, supervised: false,
    make: PCA::default()
        .n_components(learnkit::decomposition::NComponents::Count(1))
        .svd_solver(learnkit::decomposition::SvdSolver::Randomized)
        .whiten(true)
        .random_state(0),
    invalid: PCA::default().n_oversamples(0),
    wrap: AsTransformer, f32_tolerance: 1e-4, f32_fraction: 1.0, min_samples: 2);

check_estimator!(pca_full_then_logistic, supervised: true,
    make: Pipeline::new(
        PCA::default()
            .n_components(learnkit::decomposition::NComponents::VarianceFraction(0.99))
            .svd_solver(learnkit::decomposition::SvdSolver::Full),
        LogisticRegression::default(),
    ),
    invalid: Pipeline::new(
        PCA::default().n_components(learnkit::decomposition::NComponents::VarianceFraction(1.5)),
        LogisticRegression::default(),
    ),
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98, min_samples: 2);

// ColumnTransformer: reordered slices whose column indices map back to the
// input's in errors; on one feature the "tail" step selects nothing and is
// skipped, as in scikit-learn.
check_estimator!(column_transformer_drop, supervised: false,
    make: learnkit::compose::ColumnTransformer::new()
        .add("tail", StandardScaler::default(), 1..)
        .add("head", StandardScaler::default().with_mean(false), ..1),
    invalid: learnkit::compose::ColumnTransformer::new()
        .add("tail", StandardScaler::default(), 1..)
        .add("head", StandardScaler::default().with_mean(false), ..1)
        .n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

// The remainder passes columns 1.. through unchecked; the scaler after it
// checks them for infinities (its columns are the input's: the output keeps
// their order) and passes NaN through, as scikit-learn's.
check_estimator!(column_transformer_passthrough_pipeline, supervised: false,
    make: Pipeline::new(
        learnkit::compose::ColumnTransformer::new()
            .add("first", StandardScaler::default(), [0])
            .remainder(learnkit::compose::Remainder::Passthrough),
        StandardScaler::default().with_mean(false),
    ),
    invalid: Pipeline::new(
        learnkit::compose::ColumnTransformer::new().add("first", StandardScaler::default().n_jobs(Some(0)), [0]),
        StandardScaler::default(),
    ),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

check_estimator!(column_transformer_logistic, supervised: true,
    make: Pipeline::new(
        learnkit::compose::ColumnTransformer::new()
            .add("scaled", StandardScaler::default(), 2..)
            .add("rest", StandardScaler::default().with_mean(false), ..2),
        LogisticRegression::default(),
    ),
    invalid: Pipeline::new(
        learnkit::compose::ColumnTransformer::new()
            .add("scaled", StandardScaler::default(), 2..)
            .add("rest", StandardScaler::default().with_mean(false), ..2),
        LogisticRegression::default().c(-1.0),
    ),
    wrap: AsProbaClassifier, f32_tolerance: 1e-3, f32_fraction: 0.98);

#[test]
fn fitted_column_transformer_is_send_and_sync() {
    use learnkit::compose::{FittedColumnTransformer, FittedStep};
    use learnkit::preprocessing::FittedStandardScaler;
    common::assert_send_sync::<FittedColumnTransformer<((), FittedStep<FittedStandardScaler<f64>>)>>();
}

check_estimator!(truncated_svd, supervised: false,
    make: learnkit::decomposition::TruncatedSVD::default().n_components(1).random_state(0),
    invalid: learnkit::decomposition::TruncatedSVD::default().n_components(0),
    wrap: AsTransformer, f32_tolerance: 1e-3, f32_fraction: 1.0);
check_estimator!(one_hot_encoder, supervised: false,
    make: learnkit::preprocessing::OneHotEncoder::default(),
    invalid: learnkit::preprocessing::OneHotEncoder::default().max_categories(Some(0)),
    wrap: AsTransformer, f32_tolerance: 0.0, f32_fraction: 1.0, missing_values: true);

check_estimator!(one_hot_encoder_infrequent_drop_first, supervised: false,
    make: learnkit::preprocessing::OneHotEncoder::default()
        .min_frequency(Some(learnkit::preprocessing::MinFrequency::Count(3)))
        .max_categories(Some(6))
        .drop(Some(learnkit::preprocessing::DropCategory::First))
        .handle_unknown(learnkit::preprocessing::HandleUnknown::InfrequentIfExist),
    invalid: learnkit::preprocessing::OneHotEncoder::default()
        .min_frequency(Some(learnkit::preprocessing::MinFrequency::Fraction(1.5))),
    wrap: AsTransformer, f32_tolerance: 0.0, f32_fraction: 1.0, missing_values: true);

// Missing values get a code so that rows holding NaN give finite outputs.
check_estimator!(ordinal_encoder, supervised: false,
    make: learnkit::preprocessing::OrdinalEncoder::default()
        .encoded_missing_value(learnkit::preprocessing::EncodedValue::Code(-1)),
    invalid: learnkit::preprocessing::OrdinalEncoder::default().max_categories(Some(0)),
    wrap: AsTransformer, f32_tolerance: 0.0, f32_fraction: 1.0, missing_values: true);

check_estimator!(simple_imputer, supervised: false,
    make: learnkit::preprocessing::SimpleImputer::default(),
    invalid: learnkit::preprocessing::SimpleImputer::default()
        .strategy(learnkit::preprocessing::ImputeStrategy::Constant(f64::NAN)),
    wrap: AsTransformer, f32_tolerance: 1e-6, f32_fraction: 1.0, missing_values: true);

check_estimator!(simple_imputer_median_indicator, supervised: false,
    make: learnkit::preprocessing::SimpleImputer::default()
        .strategy(learnkit::preprocessing::ImputeStrategy::Median)
        .add_indicator(true),
    invalid: learnkit::preprocessing::SimpleImputer::default()
        .strategy(learnkit::preprocessing::ImputeStrategy::Constant(f64::INFINITY)),
    wrap: AsTransformer, f32_tolerance: 1e-6, f32_fraction: 1.0, missing_values: true);

check_estimator!(min_max_scaler, supervised: false,
    make: learnkit::preprocessing::MinMaxScaler::default(),
    invalid: learnkit::preprocessing::MinMaxScaler::default().feature_range((1.0, 0.0)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

check_estimator!(min_max_scaler_clip, supervised: false,
    make: learnkit::preprocessing::MinMaxScaler::default().feature_range((-1.0, 1.0)).clip(true),
    invalid: learnkit::preprocessing::MinMaxScaler::default().n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0, missing_values: true);

check_estimator!(pipeline_imputer_scaler_logistic, supervised: true,
    make: Pipeline::new(learnkit::preprocessing::SimpleImputer::default(), learnkit::preprocessing::MinMaxScaler::default())
        .then(LogisticRegression::default()),
    invalid: Pipeline::new(
        learnkit::preprocessing::SimpleImputer::default(),
        learnkit::preprocessing::MinMaxScaler::default().feature_range((0.0, 0.0)),
    )
    .then(LogisticRegression::default()),
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98, missing_values: true);

#[test]
fn fitted_preprocessing_types_are_send_and_sync() {
    use learnkit::preprocessing::*;
    common::assert_send_sync::<FittedOneHotEncoder<f64>>();
    common::assert_send_sync::<FittedOrdinalEncoder<f32>>();
    common::assert_send_sync::<FittedSimpleImputer<f64>>();
    common::assert_send_sync::<FittedMinMaxScaler<f32>>();
    common::assert_send_sync::<FittedLabelEncoder<String>>();
}

check_estimator!(hist_gradient_boosting_classifier, supervised: true,
    make: learnkit::ensemble::HistGradientBoostingClassifier::default().max_iter(20).random_state(0),
    invalid: learnkit::ensemble::HistGradientBoostingClassifier::default().max_bins(256),
    // f32 and f64 bin the same values; the gradients are f32 in both, so
    // probabilities agree closely.
    wrap: AsProbaClassifier, f32_tolerance: 1e-5, f32_fraction: 0.98, missing_values: true);

check_estimator!(hist_gradient_boosting_classifier_early_stopping_subsampled, supervised: true,
    make: learnkit::ensemble::HistGradientBoostingClassifier::default()
        .max_iter(20)
        .early_stopping(learnkit::ensemble::EarlyStopping::On)
        .max_features(0.5)
        .random_state(3),
    invalid: learnkit::ensemble::HistGradientBoostingClassifier::default().validation_fraction(Some(0.0)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-5, f32_fraction: 0.95, missing_values: true);

check_estimator!(hist_gradient_boosting_regressor, supervised: true, targets: f64,
    make: learnkit::ensemble::HistGradientBoostingRegressor::default().max_iter(20).random_state(0),
    invalid: learnkit::ensemble::HistGradientBoostingRegressor::default().learning_rate(-0.1),
    wrap: AsRegressor, f32_tolerance: 1e-4, f32_fraction: 0.98, missing_values: true);

#[test]
fn hist_gradient_boosting_string_labels() {
    common::string_labels_round_trip(|| learnkit::ensemble::HistGradientBoostingClassifier::default().max_iter(10));
}

#[test]
fn fitted_hist_gradient_boosting_is_send_and_sync() {
    common::assert_send_sync::<learnkit::ensemble::FittedHistGradientBoostingClassifier<f64, usize>>();
    common::assert_send_sync::<learnkit::ensemble::FittedHistGradientBoostingRegressor<f32>>();
}
fn grid_candidate(c: &f64) -> LogisticRegression {
    LogisticRegression::default().c(*c)
}

check_estimator!(grid_search_logistic, supervised: true,
    make: learnkit::model_selection::GridSearchCV::new(
        vec![0.1, 1.0], grid_candidate as fn(&f64) -> LogisticRegression, learnkit::model_selection::StratifiedKFold::new(3)),
    invalid: learnkit::model_selection::GridSearchCV::new(
        vec![], grid_candidate as fn(&f64) -> LogisticRegression, learnkit::model_selection::StratifiedKFold::new(3)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-3, f32_fraction: 0.98, min_samples: 3);

check_estimator!(logistic_regression_cv, supervised: true,
    make: learnkit::linear_model::LogisticRegressionCV::default().cs(learnkit::linear_model::Cs::Count(4)).cv(
        learnkit::model_selection::StratifiedKFold::new(3)),
    invalid: learnkit::linear_model::LogisticRegressionCV::default().cs(learnkit::linear_model::Cs::Count(0)).cv(
        learnkit::model_selection::StratifiedKFold::new(3)),
    // As logistic_regression: f32 and f64 solver paths stop at slightly
    // different points on raw iris.
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98, min_samples: 3);
check_estimator!(svc, supervised: true,
    make: SVC::default(),
    invalid: SVC::default().c(-1.0),
    wrap: AsClassifier, f32_tolerance: 1e-6, f32_fraction: 1.0);

check_estimator!(svc_poly_ovo, supervised: true,
    make: SVC::default().kernel(learnkit::svm::Kernel::Poly { degree: 2, gamma: learnkit::svm::Gamma::Auto, coef0: 1.0 })
        .decision_function_shape(learnkit::svm::DecisionFunctionShape::Ovo),
    invalid: SVC::default().tol(0.0),
    // f32 input is widened to f64, but its rounding moves SMO's path: the two
    // fits stop at different points within tol = 1e-3, so decision values
    // agree to about 1e-2.
    wrap: AsDecisionClassifier, f32_tolerance: 2e-2, f32_fraction: 0.99);

check_estimator!(svc_probability, supervised: true,
    make: SVC::default().probability(true).random_state(0),
    invalid: SVC::default().probability(true).c(0.0),
    // The f32 data's rounding moves the SMO paths of the cross-validation
    // fits a little: probabilities differ by at most 1.1e-4 here.
    wrap: AsProbaClassifier, f32_tolerance: 5e-4, f32_fraction: 1.0);

check_estimator!(svr, supervised: true, targets: f64,
    make: learnkit::svm::SVR::default(),
    invalid: learnkit::svm::SVR::default().epsilon(-1.0),
    // f32 input is widened to f64; its rounding (iris's values are not exact
    // in f32) moves predictions by 1e-7 to 1e-6 relative here.
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

#[test]
fn svc_string_labels() {
    common::string_labels_round_trip(SVC::default);
}

#[test]
fn fitted_svc_is_send_and_sync() {
    common::assert_send_sync::<learnkit::svm::FittedSVC<f64, usize>>();
    common::assert_send_sync::<learnkit::svm::FittedSVC<f32, String>>();
}

check_estimator!(linear_svc, supervised: true,
    make: LinearSVC::default().random_state(0),
    invalid: LinearSVC::default().intercept_scaling(0.0),
    // f32 input is widened to f64; with the same seed the solver's path
    // barely moves (measured: decision values agree to 1e-6).
    wrap: AsDecisionClassifier, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(linear_svc_hinge_balanced, supervised: true,
    make: LinearSVC::default().loss(learnkit::svm::LinearSVCLoss::Hinge)
        .class_weight(learnkit::class_weight::ClassWeight::Balanced).random_state(3),
    invalid: LinearSVC::default().max_iter(0),
    wrap: AsDecisionClassifier, f32_tolerance: 1e-5, f32_fraction: 1.0);

// The default `Auto` above runs the primal on these (tall) data; pin each
// solver explicitly as well.
check_estimator!(linear_svc_primal, supervised: true,
    make: LinearSVC::default().dual(learnkit::svm::LinearSVCDual::Primal)
        .class_weight(learnkit::class_weight::ClassWeight::Balanced).intercept_scaling(2.0),
    invalid: LinearSVC::default().dual(learnkit::svm::LinearSVCDual::Primal)
        .loss(learnkit::svm::LinearSVCLoss::Hinge),
    wrap: AsDecisionClassifier, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(linear_svc_dual, supervised: true,
    make: LinearSVC::default().dual(learnkit::svm::LinearSVCDual::Dual).random_state(0),
    invalid: LinearSVC::default().c(-1.0),
    wrap: AsDecisionClassifier, f32_tolerance: 1e-5, f32_fraction: 1.0);

#[test]
fn linear_svc_string_labels() {
    common::string_labels_round_trip(|| LinearSVC::default().random_state(0));
}

#[test]
fn fitted_linear_svc_is_send_and_sync() {
    common::assert_send_sync::<learnkit::svm::FittedLinearSVC<f64, usize>>();
    common::assert_send_sync::<learnkit::svm::FittedLinearSVC<f32, String>>();
}

check_estimator!(linear_regression, supervised: true, targets: f64,
    make: LinearRegression::default(),
    invalid: LinearRegression::default().tol(-1.0),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(linear_regression_positive, supervised: true, targets: f64,
    make: LinearRegression::default().positive(true),
    invalid: LinearRegression::default().positive(true).tol(f64::NAN),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(ridge, supervised: true, targets: f64,
    make: Ridge::default(),
    invalid: Ridge::default().alpha(-1.0),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(ridge_sparse_cg, supervised: true, targets: f64,
    make: Ridge::default().solver(learnkit::linear_model::RidgeSolver::SparseCg).tol(1e-10),
    invalid: Ridge::default().solver(learnkit::linear_model::RidgeSolver::SparseCg).max_iter(Some(0)),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(ridge_cv, supervised: true, targets: f64,
    make: learnkit::linear_model::RidgeCV::default(),
    invalid: learnkit::linear_model::RidgeCV::default().alphas(vec![0.0]),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(ridge_cv_folds, supervised: true, targets: f64,
    make: learnkit::linear_model::RidgeCV::default().cv(learnkit::model_selection::KFold::new(3)),
    invalid: learnkit::linear_model::RidgeCV::default().alphas(vec![0.0]).cv(learnkit::model_selection::KFold::new(3)),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0, min_samples: 3);

check_estimator!(ridge_classifier, supervised: true,
    make: RidgeClassifier::default(),
    invalid: RidgeClassifier::default().alpha(f64::INFINITY),
    wrap: AsDecisionClassifier, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(ridge_classifier_cv, supervised: true,
    make: learnkit::linear_model::RidgeClassifierCV::default(),
    invalid: learnkit::linear_model::RidgeClassifierCV::default().alphas(vec![]),
    wrap: AsDecisionClassifier, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(lasso, supervised: true, targets: f64,
    make: learnkit::linear_model::Lasso::default().alpha(0.05).tol(1e-10),
    invalid: learnkit::linear_model::Lasso::default().alpha(-1.0),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(elastic_net_gram_random, supervised: true, targets: f64,
    make: learnkit::linear_model::ElasticNet::default().alpha(0.05).tol(1e-10).positive(true)
        .precompute(learnkit::linear_model::Precompute::Always)
        .selection(learnkit::linear_model::Selection::Random).random_state(Some(0)),
    invalid: learnkit::linear_model::ElasticNet::default().l1_ratio(1.5),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(lasso_cv, supervised: true, targets: f64,
    make: learnkit::linear_model::LassoCV::default().n_alphas(20).tol(1e-10),
    invalid: learnkit::linear_model::LassoCV::default().max_iter(0),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0, min_samples: 5);

check_estimator!(elastic_net_cv, supervised: true, targets: f64,
    make: learnkit::linear_model::ElasticNetCV::default().l1_ratio(vec![0.2, 0.8]).n_alphas(10).cv(learnkit::model_selection::KFold::new(3)).tol(1e-10),
    invalid: learnkit::linear_model::ElasticNetCV::default().l1_ratio(vec![-0.5]),
    wrap: AsRegressor, f32_tolerance: 1e-5, f32_fraction: 1.0, min_samples: 3);

#[test]
fn coordinate_descent_send_sync() {
    common::assert_send_sync::<learnkit::linear_model::FittedElasticNet<f64>>();
    common::assert_send_sync::<learnkit::linear_model::FittedElasticNetCV<f32>>();
}

#[test]
fn linear_least_squares_string_labels_and_send_sync() {
    common::string_labels_round_trip(RidgeClassifier::default);
    common::string_labels_round_trip(learnkit::linear_model::RidgeClassifierCV::default);
    common::assert_send_sync::<learnkit::linear_model::FittedLinearRegression<f32>>();
    common::assert_send_sync::<learnkit::linear_model::FittedRidge<f64>>();
    common::assert_send_sync::<learnkit::linear_model::FittedRidgeCV<f64>>();
    common::assert_send_sync::<learnkit::linear_model::FittedMultiTarget<f64>>();
    common::assert_send_sync::<learnkit::linear_model::FittedRidgeClassifier<f32, String>>();
    common::assert_send_sync::<learnkit::linear_model::FittedRidgeClassifierCV<f64, usize>>();
}

check_estimator!(polynomial_features, supervised: false,
    make: PolynomialFeatures::default(),
    invalid: PolynomialFeatures::default().degree((3, 2)),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0);

check_estimator!(polynomial_features_interactions, supervised: false,
    make: PolynomialFeatures::default().degree((2, 3)).interaction_only(true).include_bias(false),
    invalid: PolynomialFeatures::default().degree(0).include_bias(false),
    wrap: AsTransformer, f32_tolerance: 1e-5, f32_fraction: 1.0);

#[test]
fn fitted_polynomial_features_is_send_and_sync() {
    common::assert_send_sync::<learnkit::preprocessing::FittedPolynomialFeatures>();
}

check_estimator!(logistic_regression_l1, supervised: true,
    make: LogisticRegression::default().l1_ratio(1.0),
    invalid: LogisticRegression::default().l1_ratio(1.5),
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98);

check_estimator!(logistic_regression_elasticnet, supervised: true,
    make: LogisticRegression::default().l1_ratio(0.5),
    invalid: LogisticRegression::default().penalty(learnkit::linear_model::Penalty::ElasticNet).l1_ratio(None),
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98);

#[test]
fn logistic_regression_l1_string_labels() {
    common::string_labels_round_trip(|| LogisticRegression::default().l1_ratio(1.0));
    common::assert_send_sync::<learnkit::linear_model::Penalty>();
    common::assert_send_sync::<learnkit::linear_model::LogisticSolver>();
}

check_estimator!(sgd_classifier, supervised: true,
    make: learnkit::linear_model::SGDClassifier::default().random_state(0),
    invalid: learnkit::linear_model::SGDClassifier::default().l1_ratio(2.0),
    wrap: AsDecisionClassifier, f32_tolerance: 1e-3, f32_fraction: 0.95);

// SGD on raw (unscaled) iris takes large steps that carry the f32 rounding
// of the data along the whole path: probabilities agree to 1e-2 on most rows.
check_estimator!(sgd_classifier_log_loss_average, supervised: true,
    make: learnkit::linear_model::SGDClassifier::default()
        .loss(learnkit::linear_model::SGDClassifierLoss::LogLoss).average(1).shuffle(false).random_state(0),
    invalid: learnkit::linear_model::SGDClassifier::default().alpha(-1.0),
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.85);

check_estimator!(sgd_regressor, supervised: true, targets: f64,
    make: learnkit::linear_model::SGDRegressor::default().random_state(0),
    invalid: learnkit::linear_model::SGDRegressor::default().eta0(0.0),
    wrap: AsRegressor, f32_tolerance: 1e-3, f32_fraction: 0.95);

#[test]
fn sgd_string_labels_and_send_sync() {
    common::string_labels_round_trip(|| learnkit::linear_model::SGDClassifier::default().random_state(0));
    common::assert_send_sync::<learnkit::linear_model::FittedSGDClassifier<f64, usize>>();
    common::assert_send_sync::<learnkit::linear_model::FittedSGDClassifier<f32, String>>();
    common::assert_send_sync::<learnkit::linear_model::FittedSGDRegressor<f32>>();
}

// KMeans and MiniBatchKMeans: transform (distances to the centres) through
// every check; fewer rows than clusters is Error::InvalidInput.
check_estimator!(kmeans, supervised: false,
    make: learnkit::cluster::KMeans::default().n_clusters(3).random_state(0),
    invalid: learnkit::cluster::KMeans::default().n_clusters(3).tol(-1.0),
    wrap: AsTransformer, f32_tolerance: 1e-4, f32_fraction: 1.0, min_samples: 3);

check_estimator!(kmeans_elkan_random_init, supervised: false,
    make: learnkit::cluster::KMeans::default()
        .n_clusters(3)
        .algorithm(learnkit::cluster::KMeansAlgorithm::Elkan)
        .init(learnkit::cluster::KMeansInit::Random)
        .random_state(0),
    invalid: learnkit::cluster::KMeans::default().n_clusters(0),
    wrap: AsTransformer, f32_tolerance: 1e-4, f32_fraction: 1.0, min_samples: 3);

check_estimator!(minibatch_kmeans, supervised: false,
    make: learnkit::cluster::MiniBatchKMeans::default().n_clusters(3).batch_size(32).random_state(0),
    invalid: learnkit::cluster::MiniBatchKMeans::default().n_clusters(3).batch_size(0),
    wrap: AsTransformer, f32_tolerance: 1e-3, f32_fraction: 0.95, min_samples: 3);

#[test]
fn kmeans_fitted_models_are_send_and_sync() {
    common::assert_send_sync::<learnkit::cluster::FittedKMeans<f64>>();
    common::assert_send_sync::<learnkit::cluster::FittedKMeans<f32>>();
    common::assert_send_sync::<learnkit::cluster::FittedMiniBatchKMeans<f64>>();
    common::assert_send_sync::<learnkit::cluster::FittedMiniBatchKMeans<f32>>();
}

// Nearest neighbours (issue 16). Iris has many equal distances: in f32 they
// round apart differently, so a few rows see another neighbour.
check_estimator!(kneighbors_classifier, supervised: true,
    make: learnkit::neighbors::KNeighborsClassifier::default(),
    invalid: learnkit::neighbors::KNeighborsClassifier::default().leaf_size(0),
    wrap: AsProbaClassifier, f32_tolerance: 1e-5, f32_fraction: 0.9, min_samples: 5);

check_estimator!(kneighbors_classifier_distance_brute, supervised: true,
    make: learnkit::neighbors::KNeighborsClassifier::default()
        .weights(learnkit::neighbors::Weights::Distance).algorithm(learnkit::neighbors::Algorithm::Brute),
    invalid: learnkit::neighbors::KNeighborsClassifier::default().n_neighbors(0),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.9, min_samples: 5);

// Manhattan distances on iris's 0.1 grid tie often; f32 and f64 round the
// tied sums apart differently and pick another of the tied neighbours, which
// moves a regression output (measured: 70% of rows agree).
check_estimator!(kneighbors_regressor, supervised: true, targets: f64,
    make: learnkit::neighbors::KNeighborsRegressor::default()
        .algorithm(learnkit::neighbors::Algorithm::BallTree).metric(learnkit::metrics::Metric::Manhattan),
    invalid: learnkit::neighbors::KNeighborsRegressor::default()
        .algorithm(learnkit::neighbors::Algorithm::KdTree).metric(learnkit::metrics::Metric::Cosine),
    wrap: AsRegressor, f32_tolerance: 1e-4, f32_fraction: 0.6, min_samples: 5);

#[test]
fn kneighbors_string_labels_and_send_sync() {
    common::string_labels_round_trip(learnkit::neighbors::KNeighborsClassifier::default);
    common::assert_send_sync::<learnkit::neighbors::FittedKNeighborsClassifier<f64, usize>>();
    common::assert_send_sync::<learnkit::neighbors::FittedKNeighborsClassifier<f32, String>>();
    common::assert_send_sync::<learnkit::neighbors::FittedKNeighborsRegressor<f32>>();
    common::assert_send_sync::<learnkit::neighbors::FittedNearestNeighbors<f64>>();
    common::assert_send_sync::<learnkit::neighbors::KDTree<f64>>();
    common::assert_send_sync::<learnkit::neighbors::BallTree<f32>>();
}

// GaussianMixture: the predicted component, then the posterior
// probabilities, through every check; fewer rows than components is
// Error::InvalidInput.
pub struct AsMixture<M>(M);
impl<F: Float> common::Outputs<F> for AsMixture<learnkit::mixture::FittedGaussianMixture<F>> {
    fn outputs(&self, x: ndarray::ArrayView2<'_, F>) -> learnkit::Result<ndarray::Array2<f64>> {
        let labels = self.0.predict(x)?.mapv(|l| l as f64).insert_axis(ndarray::Axis(1));
        Ok(ndarray::concatenate![
            ndarray::Axis(1),
            labels,
            self.0.predict_proba(x)?
        ])
    }
}

check_estimator!(gaussian_mixture, supervised: false,
    make: learnkit::mixture::GaussianMixture::default().n_components(3).random_state(0),
    invalid: learnkit::mixture::GaussianMixture::default().reg_covar(-1.0),
    wrap: AsMixture, f32_tolerance: 1e-4, f32_fraction: 0.98, min_samples: 3);

check_estimator!(gaussian_mixture_diag_random, supervised: false,
    make: learnkit::mixture::GaussianMixture::default()
        .n_components(2)
        .covariance_type(learnkit::mixture::CovarianceType::Diag)
        .init_params(learnkit::mixture::InitParams::Random)
        .n_init(2)
        .random_state(0),
    invalid: learnkit::mixture::GaussianMixture::default().n_init(0),
    wrap: AsMixture, f32_tolerance: 1e-4, f32_fraction: 0.98, min_samples: 2);

#[test]
fn gaussian_mixture_is_send_and_sync() {
    common::assert_send_sync::<learnkit::mixture::FittedGaussianMixture<f64>>();
    common::assert_send_sync::<learnkit::mixture::FittedGaussianMixture<f32>>();
}

// Sparse-capable transformers of issue 17 (their sparse-vs-dense check is
// `sparse_fit_matches_dense` in tests/sparse_transforms.rs).
check_estimator!(max_abs_scaler, supervised: false,
    make: learnkit::preprocessing::MaxAbsScaler::default(),
    invalid: learnkit::preprocessing::MaxAbsScaler::default().n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-6, f32_fraction: 1.0, missing_values: true);

check_estimator!(normalizer_l1, supervised: false,
    make: learnkit::preprocessing::Normalizer::default().norm(learnkit::preprocessing::Norm::L1),
    invalid: learnkit::preprocessing::Normalizer::default().n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-6, f32_fraction: 1.0);

check_estimator!(normalizer_l2, supervised: false,
    make: learnkit::preprocessing::Normalizer::default(),
    invalid: learnkit::preprocessing::Normalizer::default().n_jobs(Some(0)),
    wrap: AsTransformer, f32_tolerance: 1e-6, f32_fraction: 1.0);

#[test]
fn fitted_max_abs_scaler_and_normalizer_are_send_and_sync() {
    common::assert_send_sync::<learnkit::preprocessing::FittedMaxAbsScaler<f64>>();
    common::assert_send_sync::<learnkit::preprocessing::FittedMaxAbsScaler<f32>>();
    common::assert_send_sync::<learnkit::preprocessing::FittedNormalizer>();
}

// Naive Bayes (issue 17). CategoricalNB reads iris's values as category
// codes (truncated, as scikit-learn's cast to int).
check_estimator!(gaussian_nb, supervised: true,
    make: learnkit::naive_bayes::GaussianNB::default(),
    invalid: learnkit::naive_bayes::GaussianNB::default().var_smoothing(-1.0),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.98);

check_estimator!(multinomial_nb, supervised: true,
    make: learnkit::naive_bayes::MultinomialNB::default(),
    invalid: learnkit::naive_bayes::MultinomialNB::default().alpha(-1.0),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.98);

check_estimator!(complement_nb, supervised: true,
    make: learnkit::naive_bayes::ComplementNB::default(),
    invalid: learnkit::naive_bayes::ComplementNB::default().alpha(f64::NAN),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.98);

check_estimator!(bernoulli_nb, supervised: true,
    make: learnkit::naive_bayes::BernoulliNB::default().binarize(Some(3.0)),
    invalid: learnkit::naive_bayes::BernoulliNB::default().binarize(Some(f64::INFINITY)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.98);

check_estimator!(categorical_nb, supervised: true,
    make: learnkit::naive_bayes::CategoricalNB::default(),
    invalid: learnkit::naive_bayes::CategoricalNB::default().min_categories(Some(learnkit::naive_bayes::MinCategories::All(0))),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.98);

#[test]
fn naive_bayes_string_labels() {
    common::string_labels_round_trip(learnkit::naive_bayes::GaussianNB::default);
    common::string_labels_round_trip(learnkit::naive_bayes::MultinomialNB::default);
    common::string_labels_round_trip(learnkit::naive_bayes::ComplementNB::default);
    common::string_labels_round_trip(learnkit::naive_bayes::BernoulliNB::default);
    common::string_labels_round_trip(learnkit::naive_bayes::CategoricalNB::default);
}

#[test]
fn fitted_naive_bayes_are_send_and_sync() {
    use learnkit::naive_bayes::*;
    common::assert_send_sync::<FittedGaussianNB<f64, usize>>();
    common::assert_send_sync::<FittedMultinomialNB<f32, String>>();
    common::assert_send_sync::<FittedComplementNB<f64, usize>>();
    common::assert_send_sync::<FittedBernoulliNB<f64, usize>>();
    common::assert_send_sync::<FittedCategoricalNB<f64, String>>();
}

// TfidfTransformer has no parameter that can be invalid (booleans and an
// enum), so it has no check_estimator! line; tests/text.rs checks it against
// scikit-learn, sparse and dense, with its errors.
#[test]
fn fitted_tfidf_transformer_is_send_and_sync() {
    common::assert_send_sync::<learnkit::feature_extraction::FittedTfidfTransformer<f64>>();
    common::assert_send_sync::<learnkit::feature_extraction::FittedTfidfVectorizer>();
    common::assert_send_sync::<learnkit::feature_extraction::FittedCountVectorizer>();
}

// IsotonicRegression takes one feature: the checks' four iris columns are
// reduced to one by PCA first.
check_estimator!(isotonic_regression, supervised: true, targets: f64,
    make: Pipeline::new(
        PCA::default().n_components(learnkit::decomposition::NComponents::Count(1)),
        learnkit::isotonic::IsotonicRegression::default().out_of_bounds(learnkit::isotonic::OutOfBounds::Clip),
    ),
    invalid: Pipeline::new(
        PCA::default().n_components(learnkit::decomposition::NComponents::Count(1)),
        learnkit::isotonic::IsotonicRegression::default().y_min(Some(f64::NAN)),
    ),
    // PCA needs two samples; IsotonicRegression alone fits one.
    wrap: AsRegressor, f32_tolerance: 1e-4, f32_fraction: 0.9, min_samples: 2);

#[test]
fn fitted_isotonic_regression_is_send_and_sync() {
    common::assert_send_sync::<learnkit::isotonic::FittedIsotonicRegression<f64>>();
    common::assert_send_sync::<learnkit::isotonic::FittedIsotonicRegression<f32>>();
}

check_estimator!(calibrated_classifier_cv, supervised: true,
    make: learnkit::calibration::CalibratedClassifierCV::with_predict_proba(GaussianNB::default()),
    invalid: learnkit::calibration::CalibratedClassifierCV::with_predict_proba(GaussianNB::default().var_smoothing(-1.0)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.98);

check_estimator!(calibrated_classifier_cv_isotonic_decision, supervised: true,
    make: learnkit::calibration::CalibratedClassifierCV::with_decision_function(RidgeClassifier::default())
        .method(learnkit::calibration::CalibrationMethod::Isotonic).ensemble(false),
    invalid: learnkit::calibration::CalibratedClassifierCV::with_decision_function(RidgeClassifier::default().alpha(-1.0)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-4, f32_fraction: 0.95);

#[test]
fn calibrated_classifier_cv_string_labels() {
    common::string_labels_round_trip(|| {
        learnkit::calibration::CalibratedClassifierCV::with_predict_proba(GaussianNB::default())
    });
}

#[test]
fn fitted_calibrated_classifier_cv_is_send_and_sync() {
    use learnkit::calibration::{FittedCalibratedClassifierCV, UseDecisionFunction, UsePredictProba};
    common::assert_send_sync::<
        FittedCalibratedClassifierCV<learnkit::naive_bayes::FittedGaussianNB<f64, usize>, usize, UsePredictProba>,
    >();
    common::assert_send_sync::<
        FittedCalibratedClassifierCV<
            learnkit::linear_model::FittedRidgeClassifier<f32, String>,
            String,
            UseDecisionFunction,
        >,
    >();
}

check_estimator!(voting_classifier_soft, supervised: true,
    make: learnkit::ensemble::VotingClassifier::new()
        .add("nb", GaussianNB::default())
        .add("lr", LogisticRegression::default())
        .voting(learnkit::ensemble::Voting::Soft)
        .weights([1.0, 2.0]),
    invalid: learnkit::ensemble::VotingClassifier::new()
        .add("nb", GaussianNB::default())
        .add("lr", LogisticRegression::default())
        .voting(learnkit::ensemble::Voting::Soft)
        .weights([1.0, -2.0]),
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98);

check_estimator!(voting_classifier_hard, supervised: true,
    make: learnkit::ensemble::VotingClassifier::new()
        .push(GaussianNB::default())
        .push(learnkit::tree::DecisionTreeClassifier::default().max_depth(Some(3)).random_state(0))
        .push(learnkit::neighbors::KNeighborsClassifier::default()),
    invalid: learnkit::ensemble::VotingClassifier::new()
        .push(GaussianNB::default())
        .push(learnkit::tree::DecisionTreeClassifier::default().max_depth(Some(3)).random_state(0))
        .push(learnkit::neighbors::KNeighborsClassifier::default())
        .weights([1.0]),
    wrap: AsClassifier, f32_tolerance: 1e-5, f32_fraction: 0.98);

check_estimator!(voting_regressor, supervised: true, targets: f64,
    make: learnkit::ensemble::VotingRegressor::new()
        .push(LinearRegression::default())
        .push(learnkit::tree::DecisionTreeRegressor::default().max_depth(Some(3)).random_state(0)),
    invalid: learnkit::ensemble::VotingRegressor::new()
        .push(LinearRegression::default())
        .push(learnkit::tree::DecisionTreeRegressor::default().max_depth(Some(3)).random_state(0))
        .weights([0.0, 0.0]),
    wrap: AsRegressor, f32_tolerance: 1e-4, f32_fraction: 0.98);

check_estimator!(stacking_classifier, supervised: true,
    make: learnkit::ensemble::StackingClassifier::new()
        .add("nb", GaussianNB::default())
        .add("tree", learnkit::tree::DecisionTreeClassifier::default().max_depth(Some(3)).random_state(0)),
    invalid: learnkit::ensemble::StackingClassifier::new()
        .add("nb", GaussianNB::default())
        .add("nb", learnkit::tree::DecisionTreeClassifier::default().max_depth(Some(3)).random_state(0)),
    wrap: AsProbaClassifier, f32_tolerance: 1e-2, f32_fraction: 0.98);

check_estimator!(stacking_regressor, supervised: true, targets: f64,
    make: learnkit::ensemble::StackingRegressor::new()
        .push(LinearRegression::default())
        .push(learnkit::tree::DecisionTreeRegressor::default().max_depth(Some(3)).random_state(0)),
    invalid: learnkit::ensemble::StackingRegressor::new()
        .push(LinearRegression::default())
        .push(learnkit::tree::DecisionTreeRegressor::default().max_depth(Some(3)).random_state(0))
        .n_jobs(Some(0)),
    wrap: AsRegressor, f32_tolerance: 1e-4, f32_fraction: 0.98, min_samples: 5);

#[test]
fn voting_and_stacking_string_labels() {
    common::string_labels_round_trip(|| {
        learnkit::ensemble::VotingClassifier::new()
            .push(GaussianNB::default())
            .push(LogisticRegression::default())
            .voting(learnkit::ensemble::Voting::Soft)
    });
    common::string_labels_round_trip(|| {
        learnkit::ensemble::StackingClassifier::new()
            .push(GaussianNB::default())
            .push(
                learnkit::tree::DecisionTreeClassifier::default()
                    .max_depth(Some(3))
                    .random_state(0),
            )
    });
}

#[test]
fn fitted_voting_and_stacking_are_send_and_sync() {
    use learnkit::ensemble::{
        FittedStackingClassifier, FittedStackingRegressor, FittedVotingClassifier, FittedVotingRegressor, Named,
    };
    use learnkit::linear_model::{FittedLinearRegression, FittedLogisticRegression};
    use learnkit::naive_bayes::FittedGaussianNB;
    type Nb = ((), Named<FittedGaussianNB<f64, usize>>);
    common::assert_send_sync::<FittedVotingClassifier<Nb, String>>();
    common::assert_send_sync::<FittedStackingClassifier<Nb, FittedLogisticRegression<f64, usize>, usize>>();
    type Ols = ((), Named<FittedLinearRegression<f32>>);
    common::assert_send_sync::<FittedVotingRegressor<Ols>>();
    common::assert_send_sync::<FittedStackingRegressor<Ols, FittedLinearRegression<f32>>>();
}

// Radius neighbours (issue 16). Rows with no neighbour within the radius
// would be an error (classifier) or NaN (regressor): the checks' data are
// iris-like, so the most frequent class stands in for the classifier's
// outliers and the regressor's radius is wide.
check_estimator!(radius_neighbors_classifier, supervised: true,
    make: learnkit::neighbors::RadiusNeighborsClassifier::default()
        .outlier_label(learnkit::neighbors::OutlierLabel::MostFrequent),
    invalid: learnkit::neighbors::RadiusNeighborsClassifier::default().radius(-1.0),
    wrap: AsProbaClassifier, f32_tolerance: 1e-5, f32_fraction: 0.9, min_samples: 5);

check_estimator!(radius_neighbors_regressor, supervised: true, targets: f64,
    make: learnkit::neighbors::RadiusNeighborsRegressor::default().radius(3.0)
        .weights(learnkit::neighbors::Weights::Distance).algorithm(learnkit::neighbors::Algorithm::BallTree),
    invalid: learnkit::neighbors::RadiusNeighborsRegressor::default().leaf_size(0),
    wrap: AsRegressor, f32_tolerance: 1e-4, f32_fraction: 0.9, min_samples: 1);

#[test]
fn radius_neighbors_send_sync() {
    // The string-label round trip is in tests/radius_neighbors.rs: the
    // classifier is generic over its outlier label's type.
    common::assert_send_sync::<learnkit::neighbors::FittedRadiusNeighborsClassifier<f64, usize>>();
    common::assert_send_sync::<learnkit::neighbors::FittedRadiusNeighborsClassifier<f32, String>>();
    common::assert_send_sync::<learnkit::neighbors::FittedRadiusNeighborsRegressor<f32>>();
}
