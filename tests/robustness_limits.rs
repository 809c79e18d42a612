//! Absurd sizes and counts (issue 12, failures 2, 4 and 5): every count-like
//! hyperparameter of every estimator, transformer, splitter, search and
//! generator set to `usize::MAX` (and to 0 where that means something) must
//! give `Ok` or a named `Error` — never a panic (the dev profile keeps
//! overflow checks), an abort on a huge allocation, or a hang. The data is
//! tiny, so each case is quick; nothing here allocates more than a few MB.
//!
//! Not swept: iteration counts without a convergence stop (PCA's
//! `iterated_power`, TruncatedSVD's `n_iter`, HistGradientBoosting's
//! `max_iter` without early stopping), which do as many iterations as asked.

use learnkit::Error;
use learnkit::decomposition::{IteratedPower, NComponents, PCA, SvdSolver, TruncatedSVD};
use learnkit::ensemble::{
    EarlyStopping, ExtraTreesClassifier, ExtraTreesRegressor, HistGradientBoostingClassifier,
    HistGradientBoostingRegressor, MaxSamples, RandomForestClassifier, RandomForestRegressor,
};
use learnkit::linear_model::{Cs, LogisticRegression, LogisticRegressionCV};
use learnkit::model_selection::{
    GroupKFold, KFold, RandomizedSearchCV, ShuffleSplit, SplitSize, Splitter, StratifiedKFold, StratifiedShuffleSplit,
    TimeSeriesSplit,
};
use learnkit::prelude::*;
use learnkit::preprocessing::MinFrequency;
use learnkit::svm::{LinearSVC, SVC, SVR};
use learnkit::tree::{DecisionTreeClassifier, DecisionTreeRegressor, ExportText, MaxFeatures};
use ndarray::{Array1, Array2};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

const MAX: usize = usize::MAX;

/// 12 rows, 3 features, two classes, a regression target and 4 groups.
fn data() -> (Array2<f64>, Array1<usize>, Array1<f64>, Array1<usize>) {
    let x = Array2::from_shape_fn((12, 3), |(i, j)| ((i * (j + 2) + j) % 7) as f64 + 0.25 * i as f64);
    let y = Array1::from_iter((0..12).map(|i| usize::from(i % 3 == 0 || i > 8)));
    let target = x.column(0).to_owned() * 2.0 - x.column(2).to_owned();
    let groups = Array1::from_iter((0..12).map(|i| i % 4));
    (x, y, target, groups)
}

/// Runs cases, each `Ok` or a named `Error`, and records the ones that
/// panicked or were slow.
#[derive(Default)]
struct Sweep {
    failures: Vec<String>,
    cases: usize,
}

impl Sweep {
    fn case<T>(&mut self, name: &str, f: impl FnOnce() -> learnkit::Result<T>) {
        self.cases += 1;
        let start = Instant::now();
        match catch_unwind(AssertUnwindSafe(f)) {
            // Every `Error` variant is named; its message must render.
            Ok(Err(e)) => assert!(!e.to_string().is_empty()),
            Ok(Ok(_)) => {}
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                self.failures.push(format!("{name}: panicked: {message}"));
            }
        }
        if start.elapsed() > Duration::from_secs(20) {
            self.failures.push(format!("{name}: took {:?}", start.elapsed()));
        }
    }

    fn finish(self) {
        assert!(self.cases > 0);
        assert!(
            self.failures.is_empty(),
            "{} of {} cases failed:\n{}",
            self.failures.len(),
            self.cases,
            self.failures.join("\n")
        );
    }
}

/// The expected error for a case whose outcome is pinned down.
fn assert_too_large<T: std::fmt::Debug>(result: learnkit::Result<T>) {
    assert!(matches!(result, Err(Error::TooLarge { .. })), "{result:?}");
}

/// The tree hyperparameters shared by both trees and the four forests.
macro_rules! tree_limit_cases {
    ($sweep:expr, $name:expr, $base:expr, $x:expr, $y:expr) => {
        for v in [0, 1, MAX] {
            $sweep.case(&format!("{} max_depth {v}", $name), || {
                $base.max_depth(Some(v)).fit($x, $y)
            });
            $sweep.case(&format!("{} min_samples_split {v}", $name), || {
                $base.min_samples_split(v).fit($x, $y)
            });
            $sweep.case(&format!("{} min_samples_leaf {v}", $name), || {
                $base.min_samples_leaf(v).fit($x, $y)
            });
            $sweep.case(&format!("{} max_leaf_nodes {v}", $name), || {
                $base.max_leaf_nodes(Some(v)).fit($x, $y)
            });
            $sweep.case(&format!("{} max_features {v}", $name), || {
                $base.max_features(MaxFeatures::Count(v)).fit($x, $y)
            });
        }
        $sweep.case(&format!("{} min_samples_leaf MAX, split MAX", $name), || {
            $base
                .min_samples_leaf(MAX)
                .min_samples_split(MAX)
                .max_leaf_nodes(Some(MAX))
                .fit($x, $y)
        });
    };
}

/// Issue 12, failure 4: `DecisionTreeClassifier::default().min_samples_leaf(usize::MAX)`
/// overflowed `2 * min_samples_leaf`.
#[test]
fn trees_take_absurd_limits() {
    let (x, y, target, _) = data();
    let (x, y, target) = (x.view(), y.view(), target.view());
    DecisionTreeClassifier::default()
        .min_samples_leaf(MAX)
        .fit(x, y)
        .unwrap();
    DecisionTreeRegressor::default()
        .min_samples_leaf(MAX)
        .fit(x, target)
        .unwrap();
    let mut sweep = Sweep::default();
    tree_limit_cases!(sweep, "DecisionTreeClassifier", DecisionTreeClassifier::default(), x, y);
    tree_limit_cases!(
        sweep,
        "DecisionTreeRegressor",
        DecisionTreeRegressor::default(),
        x,
        target
    );
    let tree = DecisionTreeClassifier::default().fit(x, y).unwrap();
    for v in [0, MAX] {
        sweep.case(&format!("ExportText max_depth {v}"), || {
            ExportText::default().max_depth(v).export(&tree)
        });
        sweep.case(&format!("ExportText decimals {v}"), || {
            ExportText::default().decimals(v).export(&tree)
        });
    }
    sweep.case("ExportText spacing MAX", || {
        ExportText::default().spacing(MAX).export(&tree)
    });
    sweep.finish();
}

#[test]
fn forests_take_absurd_limits() {
    let (x, y, target, _) = data();
    let (x, y, target) = (x.view(), y.view(), target.view());
    let mut sweep = Sweep::default();
    macro_rules! forest {
        ($ty:ident, $y:expr) => {{
            let base = $ty::default().n_estimators(3).random_state(0);
            tree_limit_cases!(sweep, stringify!($ty), base.clone(), x, $y);
            for v in [0, MAX] {
                sweep.case(&format!("{} n_estimators {v}", stringify!($ty)), || {
                    base.clone().n_estimators(v).fit(x, $y)
                });
                sweep.case(&format!("{} n_jobs {v}", stringify!($ty)), || {
                    base.clone().n_jobs(Some(v)).fit(x, $y)
                });
                sweep.case(&format!("{} max_samples {v}", stringify!($ty)), || {
                    base.clone()
                        .bootstrap(true)
                        .max_samples(Some(MaxSamples::Count(v)))
                        .fit(x, $y)
                });
            }
            assert_too_large(base.clone().n_estimators(MAX).fit(x, $y));
            sweep.case(&format!("{} verbose MAX", stringify!($ty)), || {
                base.clone().n_estimators(1).verbose(MAX).fit(x, $y)
            });
        }};
    }
    forest!(RandomForestClassifier, y);
    forest!(ExtraTreesClassifier, y);
    forest!(RandomForestRegressor, target);
    forest!(ExtraTreesRegressor, target);
    sweep.finish();
}

/// Issue 12, failure 4: the same overflow in HistGradientBoosting's grower.
#[test]
fn hist_gradient_boosting_takes_absurd_limits() {
    let (x, y, target, _) = data();
    let (x, y, target) = (x.view(), y.view(), target.view());
    HistGradientBoostingClassifier::default()
        .min_samples_leaf(MAX)
        .max_iter(3)
        .fit(x, y)
        .unwrap();
    HistGradientBoostingRegressor::default()
        .min_samples_leaf(MAX)
        .max_iter(3)
        .fit(x, target)
        .unwrap();
    let mut sweep = Sweep::default();
    macro_rules! hgb {
        ($ty:ident, $y:expr) => {{
            let base = $ty::default().max_iter(3).random_state(0);
            let name = stringify!($ty);
            for v in [0, 1, MAX] {
                sweep.case(&format!("{name} max_leaf_nodes {v}"), || {
                    base.clone().max_leaf_nodes(Some(v)).fit(x, $y)
                });
                sweep.case(&format!("{name} max_depth {v}"), || {
                    base.clone().max_depth(Some(v)).fit(x, $y)
                });
                sweep.case(&format!("{name} min_samples_leaf {v}"), || {
                    base.clone().min_samples_leaf(v).fit(x, $y)
                });
                sweep.case(&format!("{name} max_bins {v}"), || base.clone().max_bins(v).fit(x, $y));
                sweep.case(&format!("{name} n_jobs {v}"), || {
                    base.clone().n_jobs(Some(v)).fit(x, $y)
                });
                sweep.case(&format!("{name} max_iter {v} early stopping"), || {
                    base.clone()
                        .max_iter(v)
                        .early_stopping(EarlyStopping::On)
                        .validation_fraction(None)
                        .n_iter_no_change(2)
                        .fit(x, $y)
                });
                sweep.case(&format!("{name} n_iter_no_change {v}"), || {
                    base.clone()
                        .early_stopping(EarlyStopping::On)
                        .n_iter_no_change(v)
                        .fit(x, $y)
                });
            }
            sweep.case(&format!("{name} verbose MAX"), || {
                base.clone().verbose(MAX).max_iter(1).fit(x, $y)
            });
        }};
    }
    hgb!(HistGradientBoostingClassifier, y);
    hgb!(HistGradientBoostingRegressor, target);
    sweep.finish();
}

#[test]
fn linear_models_and_svms_take_absurd_limits() {
    let (x, y, target, _) = data();
    let (x, y, target) = (x.view(), y.view(), target.view());
    let mut sweep = Sweep::default();
    for v in [0, MAX] {
        sweep.case(&format!("LogisticRegression max_iter {v}"), || {
            LogisticRegression::default().max_iter(v).fit(x, y)
        });
        sweep.case(&format!("LogisticRegression n_jobs {v}"), || {
            LogisticRegression::default().n_jobs(Some(v)).fit(x, y)
        });
        sweep.case(&format!("LinearSVC max_iter {v}"), || {
            LinearSVC::default().max_iter(v).fit(x, y)
        });
        sweep.case(&format!("LinearSVC n_jobs {v}"), || {
            LinearSVC::default().n_jobs(Some(v)).fit(x, y)
        });
        sweep.case(&format!("SVC max_iter {v}"), || {
            SVC::default().max_iter(Some(v)).fit(x, y)
        });
        sweep.case(&format!("SVC n_jobs {v}"), || SVC::default().n_jobs(Some(v)).fit(x, y));
        sweep.case(&format!("SVR max_iter {v}"), || {
            SVR::default().max_iter(Some(v)).fit(x, target)
        });
        sweep.case(&format!("SVR n_jobs {v}"), || {
            SVR::default().n_jobs(Some(v)).fit(x, target)
        });
    }
    for v in [0, 1, MAX] {
        sweep.case(&format!("LogisticRegressionCV Cs {v}"), || {
            LogisticRegressionCV::default().cs(Cs::Count(v)).fit(x, y)
        });
    }
    assert_too_large(LogisticRegressionCV::default().cs(Cs::Count(MAX)).fit(x, y));
    sweep.case("LogisticRegression verbose MAX", || {
        LogisticRegression::default().verbose(MAX).max_iter(3).fit(x, y)
    });
    // cache_size is in MB: f64::MAX asks for a cache of every kernel row (a
    // 12 × 12 matrix here), which is fine; NaN and 0 are parameter errors.
    for cache in [0.0, f64::NAN, 1e-300, 1e300, f64::MAX, f64::INFINITY] {
        sweep.case(&format!("SVC cache_size {cache}"), || {
            SVC::default().cache_size(cache).fit(x, y)
        });
        sweep.case(&format!("SVC cache_size {cache} probability"), || {
            SVC::default()
                .cache_size(cache)
                .probability(true)
                .random_state(0)
                .fit(x, y)
        });
        sweep.case(&format!("SVR cache_size {cache}"), || {
            SVR::default().cache_size(cache).fit(x, target)
        });
    }
    sweep.finish();
}

#[test]
fn decompositions_and_transformers_take_absurd_limits() {
    let (x, _, _, _) = data();
    let x = x.view();
    let mut sweep = Sweep::default();
    for v in [0, 1, MAX] {
        for solver in [
            SvdSolver::Auto,
            SvdSolver::Full,
            SvdSolver::CovarianceEigh,
            SvdSolver::Randomized,
        ] {
            sweep.case(&format!("PCA n_components {v} {solver:?}"), || {
                PCA::default()
                    .n_components(NComponents::Count(v))
                    .svd_solver(solver)
                    .random_state(0)
                    .fit_unsupervised(x)
            });
        }
        sweep.case(&format!("PCA n_oversamples {v}"), || {
            PCA::default()
                .svd_solver(SvdSolver::Randomized)
                .n_oversamples(v)
                .random_state(0)
                .fit_unsupervised(x)
        });
        sweep.case(&format!("PCA n_jobs {v}"), || {
            PCA::default().n_jobs(Some(v)).fit_unsupervised(x)
        });
        sweep.case(&format!("TruncatedSVD n_components {v}"), || {
            TruncatedSVD::default()
                .n_components(v)
                .random_state(0)
                .fit_unsupervised(x)
        });
        sweep.case(&format!("TruncatedSVD n_oversamples {v}"), || {
            TruncatedSVD::default()
                .n_components(1)
                .n_oversamples(v)
                .random_state(0)
                .fit_unsupervised(x)
        });
        sweep.case(&format!("TruncatedSVD n_jobs {v}"), || {
            TruncatedSVD::default().n_jobs(Some(v)).fit_unsupervised(x)
        });
        sweep.case(&format!("OneHotEncoder max_categories {v}"), || {
            OneHotEncoder::default()
                .max_categories(Some(v))
                .fit_unsupervised(x)?
                .transform(x)
        });
        sweep.case(&format!("OneHotEncoder min_frequency {v}"), || {
            OneHotEncoder::default()
                .min_frequency(Some(MinFrequency::Count(v)))
                .fit_unsupervised(x)?
                .transform(x)
        });
        sweep.case(&format!("OrdinalEncoder max_categories {v}"), || {
            OrdinalEncoder::default()
                .max_categories(Some(v))
                .fit_unsupervised(x)?
                .transform(x)
        });
        sweep.case(&format!("OrdinalEncoder min_frequency {v}"), || {
            OrdinalEncoder::default()
                .min_frequency(Some(MinFrequency::Count(v)))
                .fit_unsupervised(x)?
                .transform(x)
        });
        sweep.case(&format!("StandardScaler n_jobs {v}"), || {
            StandardScaler::default().n_jobs(Some(v)).fit_unsupervised(x)
        });
        sweep.case(&format!("MinMaxScaler n_jobs {v}"), || {
            MinMaxScaler::default().n_jobs(Some(v)).fit_unsupervised(x)
        });
    }
    sweep.case("PCA iterated_power 0", || {
        PCA::default()
            .svd_solver(SvdSolver::Randomized)
            .iterated_power(IteratedPower::Count(0))
            .random_state(0)
            .fit_unsupervised(x)
    });
    sweep.case("TruncatedSVD n_iter 0", || {
        TruncatedSVD::default()
            .n_components(1)
            .n_iter(0)
            .random_state(0)
            .fit_unsupervised(x)
    });
    sweep.finish();
}

/// Issue 12, failure 2: `TimeSeriesSplit::new(usize::MAX)` divided by zero
/// (release) or overflowed (debug), `ShuffleSplit::new(usize::MAX)` panicked
/// with `capacity overflow`, `StratifiedShuffleSplit::new(usize::MAX)` never
/// returned. Each is an error at once now.
#[test]
fn splitters_refuse_absurd_counts_at_once() {
    let y = Array1::from_iter((0..6).map(|i| i % 2));
    let start = Instant::now();
    assert!(matches!(
        TimeSeriesSplit::new(MAX).split(y.view(), None),
        Err(Error::InvalidInput { .. })
    ));
    assert_too_large(ShuffleSplit::new(MAX).random_state(0).split(y.view(), None));
    assert_too_large(StratifiedShuffleSplit::new(MAX).random_state(0).split(y.view(), None));
    // 2^40 splits of 6 rows: a size that exists but that no machine holds.
    assert_too_large(ShuffleSplit::new(1 << 40).random_state(0).split(y.view(), None));
    assert_too_large(
        StratifiedShuffleSplit::new(1 << 40)
            .random_state(0)
            .split(y.view(), None),
    );
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    // K-fold splitters: at most one fold per sample (scikit-learn's rule).
    assert!(matches!(
        KFold::new(MAX).split(y.view(), None),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        StratifiedKFold::new(MAX).split(y.view(), None),
        Err(Error::InvalidInput { .. })
    ));
    let groups = Array1::from_iter(0..6usize);
    assert!(matches!(
        GroupKFold::new(MAX).split(y.view(), Some(groups.view())),
        Err(Error::InvalidInput { .. })
    ));
    // Reasonable counts still split.
    assert_eq!(
        ShuffleSplit::new(4)
            .random_state(0)
            .split(y.view(), None)
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        StratifiedShuffleSplit::new(4)
            .test_size(Some(SplitSize::Count(2)))
            .random_state(0)
            .split(y.view(), None)
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn splitters_and_searches_take_absurd_counts() {
    let (x, y, _, groups) = data();
    let (x, y, groups) = (x.view(), y.view(), groups.view());
    let mut sweep = Sweep::default();
    for v in [0, 1, MAX] {
        sweep.case(&format!("KFold {v}"), || KFold::new(v).split(y, None));
        sweep.case(&format!("StratifiedKFold {v}"), || {
            StratifiedKFold::new(v).split(y, None)
        });
        sweep.case(&format!("GroupKFold {v}"), || GroupKFold::new(v).split(y, Some(groups)));
        sweep.case(&format!("TimeSeriesSplit {v}"), || {
            TimeSeriesSplit::new(v).split(y, None)
        });
        sweep.case(&format!("TimeSeriesSplit test_size {v}"), || {
            TimeSeriesSplit::new(2).test_size(Some(v)).split(y, None)
        });
        sweep.case(&format!("TimeSeriesSplit gap {v}"), || {
            TimeSeriesSplit::new(2).gap(v).split(y, None)
        });
        sweep.case(&format!("TimeSeriesSplit max_train_size {v}"), || {
            TimeSeriesSplit::new(2).max_train_size(Some(v)).split(y, None)
        });
        sweep.case(&format!("ShuffleSplit {v}"), || {
            ShuffleSplit::new(v).random_state(0).split(y, None)
        });
        sweep.case(&format!("StratifiedShuffleSplit {v}"), || {
            StratifiedShuffleSplit::new(v).random_state(0).split(y, None)
        });
        let size = SplitSize::Count(v);
        sweep.case(&format!("ShuffleSplit test_size {v}"), || {
            ShuffleSplit::new(2)
                .test_size(Some(size))
                .random_state(0)
                .split(y, None)
        });
        sweep.case(&format!("ShuffleSplit train_size {v}"), || {
            ShuffleSplit::new(2)
                .train_size(Some(size))
                .random_state(0)
                .split(y, None)
        });
        sweep.case(&format!("StratifiedShuffleSplit test_size {v}"), || {
            StratifiedShuffleSplit::new(2)
                .test_size(Some(size))
                .random_state(0)
                .split(y, None)
        });
        sweep.case(&format!("RandomizedSearchCV n_iter {v}"), || {
            RandomizedSearchCV::new(
                |_: &mut rand::rngs::StdRng| 1.0,
                |&c: &f64| LogisticRegression::default().c(c),
                KFold::new(2),
            )
            .n_iter(v)
            .random_state(0)
            .evaluate(x, y, None)
        });
        sweep.case(&format!("permutation_importance n_repeats {v}"), || {
            let model = LogisticRegression::default().fit(x, y)?;
            learnkit::inspection::permutation_importance(&model, x, y)
                .n_repeats(v)
                .random_state(0)
                .compute()
        });
        sweep.case(&format!("learning_curve train size {v}"), || {
            learnkit::model_selection::learning_curve(
                &LogisticRegression::default(),
                x,
                y,
                None,
                &KFold::new(2),
                &learnkit::model_selection::Accuracy,
                &[learnkit::model_selection::TrainSize::Count(v)],
                None,
            )
        });
    }
    // A sampler of zero-sized candidates cannot make n_iter = MAX a long loop.
    assert_too_large(
        RandomizedSearchCV::new(
            |_: &mut rand::rngs::StdRng| (),
            |_: &()| LogisticRegression::default(),
            KFold::new(2),
        )
        .n_iter(MAX)
        .random_state(0)
        .evaluate(x, y, None),
    );
    sweep.finish();
}

#[test]
fn generators_take_absurd_sizes() {
    use learnkit::datasets::{MakeBlobs, MakeClassification, MakeRegression};
    let mut sweep = Sweep::default();
    for v in [0, MAX, 1 << 40] {
        let c = || MakeClassification::default().n_samples(20).random_state(0);
        sweep.case(&format!("MakeClassification n_samples {v}"), || {
            c().n_samples(v).generate()
        });
        sweep.case(&format!("MakeClassification n_features {v}"), || {
            c().n_features(v).generate()
        });
        sweep.case(&format!("MakeClassification n_informative {v}"), || {
            c().n_informative(v).generate()
        });
        sweep.case(&format!("MakeClassification n_redundant {v}"), || {
            c().n_redundant(v).generate()
        });
        sweep.case(&format!("MakeClassification n_repeated {v}"), || {
            c().n_repeated(v).generate()
        });
        sweep.case(&format!("MakeClassification n_classes {v}"), || {
            c().n_classes(v).generate()
        });
        sweep.case(&format!("MakeClassification n_clusters_per_class {v}"), || {
            c().n_clusters_per_class(v).generate()
        });
        let r = || MakeRegression::default().n_samples(20).random_state(0);
        sweep.case(&format!("MakeRegression n_samples {v}"), || r().n_samples(v).generate());
        sweep.case(&format!("MakeRegression n_features {v}"), || {
            r().n_features(v).generate()
        });
        sweep.case(&format!("MakeRegression n_informative {v}"), || {
            r().n_informative(v).generate()
        });
        sweep.case(&format!("MakeRegression n_targets {v}"), || {
            r().n_targets(v).generate_multi_target()
        });
        sweep.case(&format!("MakeRegression effective_rank {v}"), || {
            r().effective_rank(v).generate()
        });
        let b = || MakeBlobs::default().n_samples(20).random_state(0);
        sweep.case(&format!("MakeBlobs n_samples {v}"), || b().n_samples(v).generate());
        sweep.case(&format!("MakeBlobs n_features {v}"), || b().n_features(v).generate());
        sweep.case(&format!("MakeBlobs centers {v}"), || b().centers(v).generate());
    }
    sweep.finish();
}
