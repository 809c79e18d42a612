//! Conformance cases of the scalers, the normalizer, the imputer, the
//! encoders, polynomial features, the tf-idf transformer and the
//! decompositions (PCA, TruncatedSVD).

use learnkit::datasets::{load_adult, load_digits, load_iris, load_wine};
use learnkit::decomposition::{PCA, SvdSolver, TruncatedSVD};
use learnkit::feature_extraction::TfidfTransformer;
use learnkit::onnx::{MlOpset, ToOnnx};
use learnkit::prelude::*;
use learnkit::preprocessing::{
    DropCategory, EncodedValue, HandleUnknown, ImputeStrategy, MaxAbsScaler, MinMaxScaler, Norm, Normalizer,
    OneHotEncoder, OrdinalEncoder, OrdinalUnknown, PolynomialFeatures, SimpleImputer,
};
use ndarray::{Array2, ArrayView2, Axis, s};

use super::harness::{f32_rows, transform_case, variants};

/// The cases of a transformer in both variants, named `preprocessing_<name>_<variant>`.
fn cases<M: ToOnnx + Transformer<f64>>(name: &str, model: &M, x: ArrayView2<'_, f64>) {
    for (variant, options) in variants() {
        transform_case(&format!("preprocessing_{name}_{variant}"), model, &options, x);
    }
}

/// Wine, `f32`-exact.
fn wine() -> Array2<f64> {
    f32_rows(load_wine().data.view())
}

#[test]
fn standard_scaler() {
    let x = wine();
    let scaler = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    for (variant, options) in variants() {
        let onnx = transform_case(
            &format!("preprocessing_standard_scaler_{variant}"),
            &scaler,
            &options,
            x.view(),
        );
        let expected_ops: &[&str] = if variant == "f32" {
            &["ai.onnx.ml:Scaler", "Identity"]
        } else {
            &["Sub", "Div", "Identity"]
        };
        assert_eq!(onnx.operators(), expected_ops);
    }
}

#[test]
fn min_max_and_max_abs_scalers() {
    let x = wine();
    let scaler = MinMaxScaler::default().fit_unsupervised(x.view()).unwrap();
    cases("min_max_scaler", &scaler, x.view());
    // Rows beyond the training range, clipped (and a NaN kept).
    let mut wide = f32_rows((&x * 1.5 - 5.0).view());
    wide[[0, 0]] = f64::NAN;
    let clipped = MinMaxScaler::default()
        .feature_range((-1.0, 2.0))
        .clip(true)
        .fit_unsupervised(x.view())
        .unwrap();
    cases("min_max_scaler_clip", &clipped, wide.view());
    let centred = f32_rows((&x - 10.0).view());
    let scaler = MaxAbsScaler::default().fit_unsupervised(centred.view()).unwrap();
    cases("max_abs_scaler", &scaler, centred.view());
}

#[test]
fn normalizer_every_norm() {
    let x = wine();
    let mean = x.mean_axis(Axis(0)).unwrap();
    let mut centred = f32_rows((&x - &mean).view());
    centred.row_mut(3).fill(0.0); // a row of zeros stays zeros
    for (norm, name) in [(Norm::L1, "l1"), (Norm::L2, "l2"), (Norm::Max, "max")] {
        let normalizer = Normalizer::default()
            .norm(norm)
            .fit_unsupervised(centred.view())
            .unwrap();
        cases(&format!("normalizer_{name}"), &normalizer, centred.view());
    }
    // ai.onnx opset 21 (with ai.onnx.ml 5) takes ReduceMax's axes as an input.
    let normalizer = Normalizer::default()
        .norm(Norm::Max)
        .fit_unsupervised(centred.view())
        .unwrap();
    for (variant, options) in variants() {
        transform_case(
            &format!("preprocessing_normalizer_max_opset5_{variant}"),
            &normalizer,
            &options.ml_opset(MlOpset::V5),
            centred.view(),
        );
    }
}

/// Wine with missing cells, and a column missing everywhere.
fn wine_with_gaps() -> Array2<f64> {
    let mut x = wine();
    for ((i, j), v) in x.indexed_iter_mut() {
        if (i * 7 + j * 3) % 11 == 0 || j == 4 {
            *v = f64::NAN;
        }
    }
    x
}

#[test]
fn simple_imputer_strategies_and_indicators() {
    let x = wine_with_gaps();
    let strategies = [
        (ImputeStrategy::Mean, "mean"),
        (ImputeStrategy::Median, "median"),
        (ImputeStrategy::MostFrequent, "most_frequent"),
        (ImputeStrategy::Constant(-1.5), "constant"),
    ];
    for (strategy, name) in strategies {
        let imputer = SimpleImputer::default()
            .strategy(strategy)
            .fit_unsupervised(x.view())
            .unwrap();
        cases(&format!("simple_imputer_{name}"), &imputer, x.view());
    }
    let imputer = SimpleImputer::default()
        .add_indicator(true)
        .keep_empty_features(true)
        .fit_unsupervised(x.view())
        .unwrap();
    cases("simple_imputer_indicator", &imputer, x.view());
}

/// Adult's categorical columns: the training split to fit, 2,000 test rows
/// (with their NaN cells) and, for `unknown`, some cells set to codes no
/// training row has.
fn adult_categories() -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    let adult = load_adult();
    let columns = &adult.categorical_features;
    let train = adult.train.data.select(Axis(1), columns);
    let test = adult.test.data.slice(s![..2000, ..]).select(Axis(1), columns);
    let mut unknown = test.clone();
    for i in (0..unknown.nrows()).step_by(37) {
        unknown[[i, i % columns.len()]] = 1000.0 + i as f64;
    }
    (train, test, unknown)
}

#[test]
fn one_hot_encoder_settings() {
    let (train, test, unknown) = adult_categories();
    let encoder = OneHotEncoder::default().fit_unsupervised(train.view()).unwrap();
    cases("one_hot_encoder", &encoder, test.view());
    let encoder = OneHotEncoder::default()
        .handle_unknown(HandleUnknown::Ignore)
        .drop(Some(DropCategory::IfBinary))
        .fit_unsupervised(train.view())
        .unwrap();
    cases("one_hot_encoder_ignore_if_binary", &encoder, unknown.view());
    let encoder = OneHotEncoder::default()
        .handle_unknown(HandleUnknown::InfrequentIfExist)
        .min_frequency(200)
        .drop(Some(DropCategory::First))
        .fit_unsupervised(train.view())
        .unwrap();
    cases("one_hot_encoder_infrequent_first", &encoder, unknown.view());
    let encoder = OneHotEncoder::default()
        .handle_unknown(HandleUnknown::InfrequentIfExist)
        .max_categories(Some(4))
        .fit_unsupervised(train.view())
        .unwrap();
    cases("one_hot_encoder_max_categories", &encoder, unknown.view());
    // Float categories (iris measurements), f32-exact.
    let iris = f32_rows(load_iris().data.view());
    let encoder = OneHotEncoder::default()
        .sparse_output(false)
        .fit_unsupervised(iris.view())
        .unwrap();
    cases("one_hot_encoder_float_categories", &encoder, iris.view());
}

#[test]
fn ordinal_encoder_settings() {
    let (train, test, unknown) = adult_categories();
    let encoder = OrdinalEncoder::default().fit_unsupervised(train.view()).unwrap();
    cases("ordinal_encoder", &encoder, test.view());
    let encoder = OrdinalEncoder::default()
        .handle_unknown(OrdinalUnknown::UseEncodedValue(EncodedValue::Code(-1)))
        .encoded_missing_value(-2)
        .fit_unsupervised(train.view())
        .unwrap();
    cases("ordinal_encoder_unknown_missing", &encoder, unknown.view());
    let encoder = OrdinalEncoder::default()
        .handle_unknown(OrdinalUnknown::UseEncodedValue(EncodedValue::Nan))
        .max_categories(Some(5))
        .fit_unsupervised(train.view())
        .unwrap();
    cases("ordinal_encoder_infrequent", &encoder, unknown.view());
    let iris = f32_rows(load_iris().data.view());
    let encoder = OrdinalEncoder::default().fit_unsupervised(iris.view()).unwrap();
    cases("ordinal_encoder_float_categories", &encoder, iris.view());
}

#[test]
fn polynomial_features_degrees() {
    let x = f32_rows(load_iris().data.view());
    let settings = [
        (PolynomialFeatures::default(), "degree2"),
        (PolynomialFeatures::default().degree(3), "degree3"),
        (
            PolynomialFeatures::default().degree((2, 3)).include_bias(false),
            "degree2_3",
        ),
        (
            PolynomialFeatures::default().degree(3).interaction_only(true),
            "interactions",
        ),
    ];
    for (params, name) in settings {
        let model = params.fit_unsupervised(x.view()).unwrap();
        cases(&format!("polynomial_features_{name}"), &model, x.view());
    }
}

#[test]
fn tfidf_transformer_settings() {
    // Digits' pixel intensities (0 to 16) as term counts.
    let counts = load_digits().data.slice(s![..400, ..]).to_owned();
    let settings = [
        (TfidfTransformer::default(), "default"),
        (
            TfidfTransformer::default().sublinear_tf(true).norm(Some(Norm::L1)),
            "sublinear_l1",
        ),
        (
            TfidfTransformer::default().use_idf(false).norm(Some(Norm::Max)),
            "tf_max",
        ),
        (TfidfTransformer::default().smooth_idf(false).norm(None), "raw_idf"),
    ];
    for (params, name) in settings {
        let model = params.fit_unsupervised(counts.view()).unwrap();
        cases(&format!("tfidf_transformer_{name}"), &model, counts.view());
    }
}

#[test]
fn pca_solvers_whitening_and_truncated_svd() {
    let raw = wine();
    let scaled = StandardScaler::default()
        .fit_unsupervised(raw.view())
        .unwrap()
        .transform(raw.view())
        .unwrap();
    let x = f32_rows(scaled.view());
    let solvers = [
        (SvdSolver::Full, false, "full"),
        (SvdSolver::CovarianceEigh, true, "covariance_eigh_whiten"),
        (SvdSolver::Randomized, false, "randomized"),
    ];
    for (solver, whiten, name) in solvers {
        let pca = PCA::default()
            .n_components(5)
            .svd_solver(solver)
            .whiten(whiten)
            .random_state(0)
            .fit_unsupervised(x.view())
            .unwrap();
        cases(&format!("pca_{name}"), &pca, x.view());
    }
    // The reference pipeline's first steps, on raw wine.
    let pipeline = Pipeline::new(StandardScaler::default(), PCA::default().n_components(3))
        .fit_unsupervised(raw.view())
        .unwrap();
    cases("pca_after_scaler", &pipeline, raw.view());
    let counts = load_digits().data.slice(s![..400, ..]).to_owned();
    let svd = TruncatedSVD::default()
        .n_components(8)
        .random_state(0)
        .fit_unsupervised(counts.view())
        .unwrap();
    cases("truncated_svd", &svd, counts.view());
}
