//! Every estimator and transformer of the crate, fitted on a small decoded
//! matrix with hyperparameters decoded from bytes, then asked to predict,
//! predict probabilities, give decision values, transform, inverse-transform
//! and score on a second decoded matrix (whose column count may be wrong).

use super::check::ok;
use super::decode::Bytes;
use learnkit::class_weight::ClassWeight;
use learnkit::compose::{ColumnTransformer, Columns, Passthrough, Remainder};
use learnkit::decomposition::{IteratedPower, NComponents, PowerIterationNormalizer, SvdSolver, TruncatedSVD};
use learnkit::ensemble::{
    CategoricalFeatures, EarlyStopping, ExtraTreesClassifier, ExtraTreesRegressor, MaxSamples, RandomForestClassifier,
    RandomForestRegressor,
};
use learnkit::linear_model::{Cs, LogisticRegressionCV};
use learnkit::model_selection::StratifiedKFold;
use learnkit::prelude::*;
use learnkit::preprocessing::{
    Categories, DropCategory, EncodedValue, HandleUnknown, ImputeStrategy, MinFrequency, OrdinalUnknown,
};
use learnkit::svm::{DecisionFunctionShape, Gamma, Kernel, LinearSVCDual, LinearSVCLoss};
use learnkit::tree::{Binning, Criterion, DecisionTreeClassifier, DecisionTreeRegressor, MaxFeatures, Splitter};
use ndarray::{Array1, Array2, ArrayView1};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The decoded data of one case.
pub struct Case {
    /// Training features.
    pub x: Array2<f64>,
    /// Class labels, one per row of `x` (or not: sometimes the wrong length).
    pub y: Array1<usize>,
    /// Regression targets, one per row of `x` (or the wrong length).
    pub t: Array1<f64>,
    /// Sample weights, if any.
    pub w: Option<Array1<f64>>,
    /// Features to predict on; sometimes with another column count.
    pub x2: Array2<f64>,
    /// Labels to score against, one per row of `x2` (or the wrong length).
    pub y2: Array1<usize>,
    /// Regression targets to score against.
    pub t2: Array1<f64>,
}

impl Case {
    /// Decodes a case: up to 40 × 8 training rows and up to 12 test rows.
    pub fn decode(b: &mut Bytes) -> Case {
        let x = b.matrix(40, 8);
        let n = x.nrows();
        let wrong_length = b.u8() % 16 == 0;
        let n_y = if wrong_length { b.below(41) } else { n };
        let y = b.classes(n_y);
        let t = b.targets(n_y);
        let w = b.weights(n);
        let cols = if b.u8() % 8 == 0 { b.below(10) } else { x.ncols() };
        let rows = b.below(13);
        let x2 = b.matrix_of(rows, cols);
        let n2 = x2.nrows();
        let y2 = b.classes(n2);
        let t2 = b.targets(n2);
        Case { x, y, t, w, x2, y2, t2 }
    }

    fn snapshot(&self) -> Vec<Vec<u64>> {
        let bits2 = |a: &Array2<f64>| a.iter().map(|v| v.to_bits()).collect::<Vec<u64>>();
        let bits1 = |a: &Array1<f64>| a.iter().map(|v| v.to_bits()).collect::<Vec<u64>>();
        vec![
            bits2(&self.x),
            self.y.iter().map(|&v| v as u64).collect(),
            bits1(&self.t),
            self.w.as_ref().map(bits1).unwrap_or_default(),
            bits2(&self.x2),
            self.y2.iter().map(|&v| v as u64).collect(),
            bits1(&self.t2),
        ]
    }
}

// ---- Hyperparameter decoders, one per shared type ----

fn class_weight(b: &mut Bytes) -> ClassWeight {
    match b.u8() % 6 {
        0 => ClassWeight::Balanced,
        1 => ClassWeight::BalancedSubsample,
        2 => ClassWeight::PerClass((0..b.below(6)).map(|_| b.param()).collect()),
        _ => ClassWeight::Uniform,
    }
}

fn max_features(b: &mut Bytes) -> MaxFeatures {
    match b.u8() % 6 {
        0 => MaxFeatures::Sqrt,
        1 => MaxFeatures::Log2,
        2 => MaxFeatures::Count(b.count()),
        3 => MaxFeatures::Fraction(b.fraction()),
        _ => MaxFeatures::All,
    }
}

fn gamma(b: &mut Bytes) -> Gamma {
    match b.u8() % 3 {
        0 => Gamma::Scale,
        1 => Gamma::Auto,
        _ => Gamma::Value(b.param()),
    }
}

fn kernel(b: &mut Bytes) -> Kernel {
    match b.u8() % 5 {
        0 => Kernel::Linear,
        1 => Kernel::Poly {
            degree: b.pick(&[0, 1, 2, 3, 7, u32::MAX]),
            gamma: gamma(b),
            coef0: b.real(),
        },
        2 => Kernel::Sigmoid {
            gamma: gamma(b),
            coef0: b.real(),
        },
        3 => Kernel::Precomputed,
        _ => Kernel::Rbf { gamma: gamma(b) },
    }
}

fn n_jobs(b: &mut Bytes) -> Option<usize> {
    // Not usize::MAX: that starts as many threads as rayon allows (65535),
    // which a shared machine cannot afford; 0 must be rejected.
    if b.is_tame() {
        b.pick(&[None, Some(1), Some(2)])
    } else {
        b.pick(&[None, Some(1), Some(2), Some(0)])
    }
}

fn seed(b: &mut Bytes) -> Option<u64> {
    if b.bool() { Some(u64::from(b.u8())) } else { None }
}

fn tree_classifier(b: &mut Bytes) -> DecisionTreeClassifier {
    let mut e = DecisionTreeClassifier::default()
        .criterion(b.pick(&[Criterion::Gini, Criterion::Entropy]))
        .max_depth(b.opt_count())
        .min_samples_split(b.count())
        .min_samples_leaf(b.count())
        .min_weight_fraction_leaf(b.fraction())
        .max_features(max_features(b))
        .max_leaf_nodes(b.opt_count())
        .min_impurity_decrease(b.param())
        .class_weight(class_weight(b))
        .splitter(b.pick(&[Splitter::Best, Splitter::Random]))
        .binning(b.pick(&[Binning::Exact, Binning::Histogram]));
    e.random_state = seed(b);
    e
}

fn tree_regressor(b: &mut Bytes) -> DecisionTreeRegressor {
    let mut e = DecisionTreeRegressor::default()
        .max_depth(b.opt_count())
        .min_samples_split(b.count())
        .min_samples_leaf(b.count())
        .min_weight_fraction_leaf(b.fraction())
        .max_features(max_features(b))
        .max_leaf_nodes(b.opt_count())
        .min_impurity_decrease(b.param())
        .splitter(b.pick(&[Splitter::Best, Splitter::Random]))
        .binning(b.pick(&[Binning::Exact, Binning::Histogram]));
    e.random_state = seed(b);
    e
}

fn max_samples(b: &mut Bytes) -> Option<MaxSamples> {
    match b.u8() % 3 {
        0 => None,
        1 => Some(MaxSamples::Count(b.count())),
        _ => Some(MaxSamples::Fraction(b.fraction())),
    }
}

/// Decodes the forest hyperparameters shared by the four forests.
macro_rules! forest {
    ($b:ident, $ty:ty $(, $extra:ident: $value:expr)*) => {{
        let b = &mut *$b;
        let mut e = <$ty>::default()
            // More trees only cost time; 1 << 40 and up must be refused.
            .n_estimators(b.count_for_time(4))
            .max_depth(b.opt_count())
            .min_samples_split(b.count())
            .min_samples_leaf(b.count())
            .min_weight_fraction_leaf(b.fraction())
            .max_features(max_features(b))
            .max_leaf_nodes(b.opt_count())
            .min_impurity_decrease(b.param())
            .bootstrap(b.bool())
            .max_samples(max_samples(b))
            .oob_score(b.bool())
            .n_jobs(n_jobs(b))
            .binning(b.pick(&[Binning::Exact, Binning::Histogram]))
            $(.$extra($value(b)))*;
        e.random_state = seed(b);
        e
    }};
}

fn categorical(b: &mut Bytes) -> CategoricalFeatures {
    match b.u8() % 4 {
        0 => CategoricalFeatures::Indices((0..b.below(3)).map(|_| b.pick(&[0, 1, 2, 9, usize::MAX])).collect()),
        1 => CategoricalFeatures::Mask((0..b.below(10)).map(|_| b.bool()).collect()),
        // Names, resolved against the feature_names the hgb! macro may set.
        2 => CategoricalFeatures::Names(
            (0..b.below(3))
                .map(|_| b.pick(&["x0", "x1", "x2", "x9"]).to_owned())
                .collect(),
        ),
        _ => CategoricalFeatures::None,
    }
}

/// Decodes the hyperparameters shared by the two gradient boosters.
macro_rules! hgb {
    ($b:ident, $ty:ty $(, $extra:ident: $value:expr)*) => {{
        let b = &mut *$b;
        let mut e = <$ty>::default()
            .learning_rate(b.param())
            // Iterations only cost time (`for iteration in 1..=max_iter`).
            .max_iter(b.count().min(8))
            .max_leaf_nodes(b.opt_count())
            .max_depth(b.opt_count())
            .min_samples_leaf(b.count())
            .l2_regularization(b.param())
            .max_features(b.fraction())
            .max_bins(if b.is_tame() { b.pick(&[2, 3, 16, 255]) } else { b.pick(&[0, 1, 2, 3, 16, 255, 256, usize::MAX]) })
            .categorical_features(categorical(b))
            .early_stopping(b.pick(&[EarlyStopping::Auto, EarlyStopping::On, EarlyStopping::Off]))
            .validation_fraction(if b.bool() { None } else { Some(b.fraction()) })
            .n_iter_no_change(b.count())
            .tol(b.param())
            .n_jobs(n_jobs(b))
            $(.$extra($value(b)))*;
        e.random_state = seed(b);
        if b.bool() {
            e.feature_names = Some((0..b.below(5)).map(|j| format!("x{j}")).collect());
        }
        e
    }};
}

/// The features with the columns of `categorical` turned into small
/// non-negative codes (as categorical features are), NaN kept as missing.
fn with_codes(x: &Array2<f64>, categorical: &CategoricalFeatures) -> Array2<f64> {
    let mut x = x.clone();
    let columns: Vec<usize> = match categorical {
        CategoricalFeatures::None => vec![],
        CategoricalFeatures::Indices(v) => v.clone(),
        CategoricalFeatures::Mask(m) => (0..m.len()).filter(|&j| m[j]).collect(),
        CategoricalFeatures::Names(names) => names.iter().filter_map(|n| n[1..].parse().ok()).collect(),
        // A kind of selection added later: treat the features as numeric.
        _ => vec![],
    };
    let n_columns = x.ncols();
    for j in columns.into_iter().filter(|&j| j < n_columns) {
        x.column_mut(j)
            .mapv_inplace(|v| if v.is_nan() { v } else { (v.abs() % 5.0).floor() });
    }
    x
}

fn svc(b: &mut Bytes) -> SVC {
    let mut e = SVC::default()
        .c(b.param())
        .kernel(kernel(b))
        .tol(b.param())
        .cache_size(b.param())
        // Iterations only cost time (the loop compares n_iter < max_iter),
        // so every count is capped; None is libsvm's cap of 10 million
        // iterations, minutes on data the solver cannot converge on.
        .max_iter(Some(b.count().min(200)))
        .shrinking(b.bool())
        .class_weight(class_weight(b))
        .decision_function_shape(b.pick(&[DecisionFunctionShape::Ovr, DecisionFunctionShape::Ovo]))
        .n_jobs(n_jobs(b))
        .probability(b.bool());
    e.random_state = seed(b);
    e
}

fn svr(b: &mut Bytes) -> SVR {
    SVR::default()
        .kernel(kernel(b))
        .c(b.param())
        .epsilon(b.param())
        .tol(b.param())
        .cache_size(b.param())
        .shrinking(b.bool())
        // Capped: see `svc`.
        .max_iter(Some(b.count().min(200)))
        .n_jobs(n_jobs(b))
}

fn linear_svc(b: &mut Bytes) -> LinearSVC {
    let mut e = LinearSVC::default()
        .c(b.param())
        .loss(b.pick(&[LinearSVCLoss::Hinge, LinearSVCLoss::SquaredHinge]))
        .dual(b.pick(&[LinearSVCDual::Auto, LinearSVCDual::Dual, LinearSVCDual::Primal]))
        .tol(b.param())
        .fit_intercept(b.bool())
        .intercept_scaling(b.param())
        .class_weight(class_weight(b))
        // Iterations only cost time (the loops compare n_iter < max_iter).
        .max_iter(b.count().min(50))
        .n_jobs(n_jobs(b));
    e.random_state = seed(b);
    e
}

fn logistic(b: &mut Bytes) -> LogisticRegression {
    LogisticRegression::default()
        .c(b.param())
        .fit_intercept(b.bool())
        // Iterations only cost time (L-BFGS stops at n_iter >= max_iter).
        .max_iter(b.count().min(30))
        .tol(b.param())
        .class_weight(class_weight(b))
        .n_jobs(n_jobs(b))
}

fn logistic_cv(b: &mut Bytes) -> LogisticRegressionCV {
    let cs = if b.bool() {
        // The number of Cs only costs time, except where it overflows.
        Cs::Count(b.count_for_time(3))
    } else {
        let n = b.below(4) + usize::from(b.is_tame());
        Cs::List((0..n).map(|_| b.param()).collect())
    };
    let mut folds = StratifiedKFold::new(if b.is_tame() { 2 } else { b.count() });
    folds.shuffle = b.bool();
    LogisticRegressionCV::default()
        .cs(cs)
        .cv(folds)
        .refit(b.bool())
        .fit_intercept(b.bool())
        // Capped as in `logistic`.
        .max_iter(b.count().min(20))
        .tol(b.param())
        .class_weight(class_weight(b))
        .n_jobs(n_jobs(b))
}

fn standard_scaler(b: &mut Bytes) -> StandardScaler {
    StandardScaler::default()
        .with_mean(b.bool())
        .with_std(b.bool())
        .n_jobs(n_jobs(b))
}

fn min_max_scaler(b: &mut Bytes) -> MinMaxScaler {
    MinMaxScaler::default()
        .feature_range((b.real(), b.real()))
        .clip(b.bool())
        .n_jobs(n_jobs(b))
}

fn categories(b: &mut Bytes) -> Categories {
    if b.u8() % 3 == 0 {
        Categories::Explicit(
            (0..b.below(10))
                .map(|_| (0..b.below(5)).map(|_| b.real()).collect())
                .collect(),
        )
    } else {
        Categories::Auto
    }
}

fn min_frequency(b: &mut Bytes) -> Option<MinFrequency> {
    match b.u8() % 3 {
        0 => None,
        1 => Some(MinFrequency::Count(b.count())),
        _ => Some(MinFrequency::Fraction(b.fraction())),
    }
}

fn one_hot(b: &mut Bytes) -> OneHotEncoder {
    OneHotEncoder::default()
        .categories(categories(b))
        .drop(match b.u8() % 4 {
            0 => Some(DropCategory::First),
            1 => Some(DropCategory::IfBinary),
            2 => Some(DropCategory::Explicit((0..b.below(10)).map(|_| b.real()).collect())),
            _ => None,
        })
        .handle_unknown(b.pick(&[
            HandleUnknown::Error,
            HandleUnknown::Ignore,
            HandleUnknown::InfrequentIfExist,
        ]))
        .min_frequency(min_frequency(b))
        .max_categories(b.opt_count())
}

fn encoded_value(b: &mut Bytes) -> EncodedValue {
    if b.bool() {
        EncodedValue::Nan
    } else {
        EncodedValue::Code(b.pick(&[0, -1, -2, 1, 3, i64::MAX, i64::MIN]))
    }
}

fn ordinal(b: &mut Bytes) -> OrdinalEncoder {
    OrdinalEncoder::default()
        .categories(categories(b))
        .handle_unknown(if b.bool() {
            OrdinalUnknown::Error
        } else {
            OrdinalUnknown::UseEncodedValue(encoded_value(b))
        })
        .encoded_missing_value(encoded_value(b))
        .min_frequency(min_frequency(b))
        .max_categories(b.opt_count())
}

fn imputer(b: &mut Bytes) -> SimpleImputer {
    SimpleImputer::default()
        .strategy(match b.u8() % 4 {
            0 => ImputeStrategy::Mean,
            1 => ImputeStrategy::Median,
            2 => ImputeStrategy::MostFrequent,
            _ => ImputeStrategy::Constant(b.real()),
        })
        .add_indicator(b.bool())
        .keep_empty_features(b.bool())
}

fn pca(b: &mut Bytes) -> PCA {
    let mut e = PCA::default()
        .n_components(match b.u8() % 3 {
            0 => NComponents::All,
            1 => NComponents::Count(b.count()),
            _ => NComponents::VarianceFraction(b.fraction()),
        })
        .whiten(b.bool())
        .svd_solver(b.pick(&[
            SvdSolver::Auto,
            SvdSolver::Full,
            SvdSolver::CovarianceEigh,
            SvdSolver::Randomized,
        ]))
        // Power iterations only cost time (`for _ in 0..n_iter`): capped.
        .iterated_power(if b.bool() {
            IteratedPower::Auto
        } else {
            IteratedPower::Count(b.count().min(7))
        })
        .n_oversamples(b.count())
        .power_iteration_normalizer(b.pick(&[
            PowerIterationNormalizer::Auto,
            PowerIterationNormalizer::Qr,
            PowerIterationNormalizer::None,
        ]))
        .n_jobs(n_jobs(b));
    e.random_state = seed(b);
    e
}

fn truncated_svd(b: &mut Bytes) -> TruncatedSVD {
    let mut e = TruncatedSVD::default()
        .n_components(b.count())
        // Power iterations only cost time (`for _ in 0..n_iter`): capped.
        .n_iter(b.count().min(7))
        .n_oversamples(b.count())
        .power_iteration_normalizer(b.pick(&[
            PowerIterationNormalizer::Auto,
            PowerIterationNormalizer::Qr,
            PowerIterationNormalizer::None,
        ]))
        .n_jobs(n_jobs(b));
    e.random_state = seed(b);
    e
}

fn columns(b: &mut Bytes) -> Columns {
    match b.u8() % 3 {
        0 => Columns::Indices(
            (0..b.below(4))
                .map(|_| b.pick(&[0, 1, 2, 3, 7, 9, usize::MAX]))
                .collect(),
        ),
        1 => Columns::Range {
            start: b.pick(&[0, 1, 2, 8, usize::MAX]),
            end: b.pick(&[None, Some(0), Some(2), Some(3), Some(9), Some(usize::MAX)]),
        },
        _ => Columns::Names(
            (0..b.below(3))
                .map(|_| b.pick(&["x0", "x1", "a", ""]).to_string())
                .collect(),
        ),
    }
}

// ---- What is done with a fitted model ----

/// How many fits succeeded (in this process): the seeded suite checks that
/// its cases get past validation often enough to exercise the fitted models.
pub static FITS: AtomicUsize = AtomicUsize::new(0);

/// `ok`, counting the successes in [`FITS`].
fn fitted<M>(result: learnkit::Result<M>) -> Option<M> {
    let model = ok(result);
    if model.is_some() {
        FITS.fetch_add(1, Ordering::Relaxed);
    }
    model
}

fn fit_classifier<E: Estimator<f64, usize>>(e: &E, c: &Case) -> Option<E::Fitted> {
    fitted(e.fit(c.x.view(), c.y.view()))
}

fn fit_classifier_weighted<E: SampleWeighted<f64, usize>>(e: &E, c: &Case) -> Option<E::Fitted> {
    match &c.w {
        Some(w) => fitted(e.fit_weighted(c.x.view(), c.y.view(), w.view())),
        None => fit_classifier(e, c),
    }
}

fn fit_regressor_weighted<E: SampleWeighted<f64, f64>>(e: &E, c: &Case) -> Option<E::Fitted> {
    match &c.w {
        Some(w) => fitted(e.fit_weighted(c.x.view(), c.t.view(), w.view())),
        None => fitted(e.fit(c.x.view(), c.t.view())),
    }
}

fn fit_transformer<E: Estimator<f64, ()>>(e: &E, c: &Case) -> Option<E::Fitted> {
    fitted(e.fit(c.x.view(), ArrayView1::from(&[])))
}

fn classify<M: Classifier<f64, Output = usize>>(m: &M, c: &Case) {
    if let Some(p) = ok(m.predict(c.x2.view())) {
        assert_eq!(p.len(), c.x2.nrows(), "one prediction per row");
        assert!(
            p.iter().all(|l| m.classes().contains(l)),
            "a prediction that is not a class"
        );
    }
    if let Some(s) = ok(m.score(c.x2.view(), c.y2.view())) {
        assert!(s.is_nan() || (0.0..=1.0).contains(&s), "accuracy {s}");
    }
    ok(m.predict(c.x.view()));
}

fn regress<M: Predictor<f64, Output = f64>>(m: &M, c: &Case) {
    if let Some(p) = ok(m.predict(c.x2.view())) {
        assert_eq!(p.len(), c.x2.nrows(), "one prediction per row");
    }
    ok(m.score(c.x2.view(), c.t2.view()));
    ok(m.predict(c.x.view()));
}

fn proba<M: PredictProba<f64>>(m: &M, c: &Case) {
    if let Some(p) = ok(m.predict_proba(c.x2.view())) {
        assert_eq!(p.dim(), (c.x2.nrows(), m.classes().len()), "one column per class");
    }
}

fn decision<M: DecisionFunction<f64>>(m: &M, c: &Case) {
    if let Some(d) = ok(m.decision_function(c.x2.view())) {
        assert_eq!(d.nrows(), c.x2.nrows(), "one row of decision values per row");
    }
}

fn transform<M: Transformer<f64>>(m: &M, c: &Case) -> Option<Array2<f64>> {
    if let Some(z) = ok(m.transform(c.x2.view())) {
        assert_eq!(z.nrows(), c.x2.nrows(), "one output row per row");
    }
    ok(m.transform(c.x.view()))
}

fn inverse<M: InverseTransformer<f64>>(m: &M, c: &Case, z: Option<Array2<f64>>) {
    if let Some(z) = z {
        ok(m.inverse_transform(z.view()));
    }
    ok(m.inverse_transform(c.x2.view()));
}

/// The number of estimator kinds `run` picks from.
pub const N_KINDS: u8 = 23;

/// Fits the estimator picked by the first byte on a case decoded from the
/// rest and exercises the fitted model; asserts no panic, named errors,
/// consistent output shapes and unchanged inputs.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let kind = b.u8() % N_KINDS;
    let c = Case::decode(&mut b);
    let tame = b.u8() % 2 == 0;
    b.tame(tame);
    let before = c.snapshot();
    exercise(kind, &mut b, &c);
    assert!(before == c.snapshot(), "an input changed");
}

fn exercise(kind: u8, b: &mut Bytes, c: &Case) {
    match kind {
        0 => {
            let e = tree_classifier(b);
            if let Some(m) = fit_classifier_weighted(&e, c) {
                classify(&m, c);
                proba(&m, c);
            }
        }
        1 => {
            let e = tree_regressor(b);
            if let Some(m) = fit_regressor_weighted(&e, c) {
                regress(&m, c);
            }
        }
        2 => {
            let e = forest!(b, RandomForestClassifier, criterion: |b: &mut Bytes| b.pick(&[Criterion::Gini, Criterion::Entropy]), class_weight: class_weight);
            if let Some(m) = fit_classifier_weighted(&e, c) {
                classify(&m, c);
                proba(&m, c);
            }
        }
        3 => {
            let e = forest!(b, ExtraTreesClassifier, criterion: |b: &mut Bytes| b.pick(&[Criterion::Gini, Criterion::Entropy]), class_weight: class_weight);
            if let Some(m) = fit_classifier_weighted(&e, c) {
                classify(&m, c);
                proba(&m, c);
            }
        }
        4 => {
            let e = forest!(b, RandomForestRegressor);
            if let Some(m) = fit_regressor_weighted(&e, c) {
                regress(&m, c);
            }
        }
        5 => {
            let e = forest!(b, ExtraTreesRegressor);
            if let Some(m) = fit_regressor_weighted(&e, c) {
                regress(&m, c);
            }
        }
        6 => {
            let e = hgb!(b, HistGradientBoostingClassifier, class_weight: class_weight);
            let coded = Case {
                x: with_codes(&c.x, &e.categorical_features),
                x2: with_codes(&c.x2, &e.categorical_features),
                y: c.y.clone(),
                t: c.t.clone(),
                w: c.w.clone(),
                y2: c.y2.clone(),
                t2: c.t2.clone(),
            };
            let c = if b.bool() { &coded } else { c };
            if let Some(m) = fit_classifier_weighted(&e, c) {
                classify(&m, c);
                proba(&m, c);
                decision(&m, c);
            }
        }
        7 => {
            let e = hgb!(b, HistGradientBoostingRegressor);
            let coded = Case {
                x: with_codes(&c.x, &e.categorical_features),
                x2: with_codes(&c.x2, &e.categorical_features),
                y: c.y.clone(),
                t: c.t.clone(),
                w: c.w.clone(),
                y2: c.y2.clone(),
                t2: c.t2.clone(),
            };
            let c = if b.bool() { &coded } else { c };
            if let Some(m) = fit_regressor_weighted(&e, c) {
                regress(&m, c);
            }
        }
        8 => {
            let e = svc(b);
            if let Some(m) = fit_classifier_weighted(&e, c) {
                classify(&m, c);
                proba(&m, c);
                decision(&m, c);
            }
        }
        9 => {
            let e = svr(b);
            if let Some(m) = fit_regressor_weighted(&e, c) {
                regress(&m, c);
            }
        }
        10 => {
            let e = linear_svc(b);
            if let Some(m) = fit_classifier_weighted(&e, c) {
                classify(&m, c);
                decision(&m, c);
            }
        }
        11 => {
            let e = logistic(b);
            if let Some(m) = fit_classifier_weighted(&e, c) {
                classify(&m, c);
                proba(&m, c);
                decision(&m, c);
            }
        }
        12 => {
            let e = logistic_cv(b);
            if let Some(m) = fit_classifier(&e, c) {
                classify(&m, c);
                proba(&m, c);
                decision(&m, c);
            }
        }
        13 => {
            let e = standard_scaler(b);
            let fitted = match &c.w {
                Some(w) => fitted(SampleWeighted::<f64, f64>::fit_weighted(
                    &e,
                    c.x.view(),
                    c.t.view(),
                    w.view(),
                )),
                None => fit_transformer(&e, c),
            };
            if let Some(m) = fitted {
                let z = transform(&m, c);
                inverse(&m, c, z);
            }
        }
        14 => {
            if let Some(m) = fit_transformer(&min_max_scaler(b), c) {
                let z = transform(&m, c);
                inverse(&m, c, z);
            }
        }
        15 => {
            if let Some(m) = fit_transformer(&one_hot(b), c) {
                let z = transform(&m, c);
                inverse(&m, c, z);
            }
        }
        16 => {
            if let Some(m) = fit_transformer(&ordinal(b), c) {
                let z = transform(&m, c);
                inverse(&m, c, z);
            }
        }
        17 => {
            if let Some(m) = fit_transformer(&imputer(b), c) {
                transform(&m, c);
            }
        }
        18 => {
            if let Some(m) = fit_transformer(&pca(b), c) {
                let z = transform(&m, c);
                inverse(&m, c, z);
                ok(m.score(c.x2.view()));
                ok(m.score_samples(c.x2.view()));
            }
        }
        19 => {
            if let Some(m) = fit_transformer(&truncated_svd(b), c) {
                let z = transform(&m, c);
                inverse(&m, c, z);
            }
        }
        20 => {
            // A pipeline of a scaler and a classifier, and one of transformers.
            let e = Pipeline::new(standard_scaler(b), logistic(b));
            if let Some(m) = fit_classifier(&e, c) {
                classify(&m, c);
                proba(&m, c);
                decision(&m, c);
            }
            let e = Pipeline::new(standard_scaler(b), pca(b));
            if let Some(m) = fit_transformer(&e, c) {
                let z = transform(&m, c);
                inverse(&m, c, z);
            }
        }
        21 => {
            let mut e = ColumnTransformer::new()
                .add("scale", standard_scaler(b), columns(b))
                .add("onehot", one_hot(b), columns(b))
                .add("keep", Passthrough, columns(b))
                .remainder(b.pick(&[Remainder::Drop, Remainder::Passthrough]))
                .n_jobs(n_jobs(b));
            if b.bool() {
                let names: Vec<String> = (0..b.below(10)).map(|i| format!("x{i}")).collect();
                e = e.feature_names(names);
            }
            if let Some(m) = fit_transformer(&e, c) {
                transform(&m, c);
            }
            if let Some((m, z)) = ok(e.fit_transform(c.x.view(), ArrayView1::<()>::from(&[]))) {
                assert_eq!(z.nrows(), c.x.nrows());
                transform(&m, c);
            }
        }
        _ => {
            // The label encoder: 1-D labels in, codes out, codes back.
            if let Some(m) = fitted(LabelEncoder.fit(c.y.view())) {
                ok(m.transform(c.y2.view()));
                let codes = Array1::from_shape_fn(c.y2.len(), |i| if i % 2 == 0 { c.y2[i] } else { usize::MAX });
                ok(m.inverse_transform(codes.view()));
            }
        }
    }
}
