//! Splitters, `train_test_split`, cross-validation, searches and curves with
//! counts and sizes decoded from bytes (0, 1, `usize::MAX`, more folds than
//! samples, fractions outside `(0, 1)`), on small decoded data.

use super::check::ok;
use super::decode::{Bytes, same_bits2};
use learnkit::model_selection::{
    self, Fold, GridSearchCV, GroupKFold, KFold, RandomizedSearchCV, ShuffleSplit, SplitSize, Splitter,
    StratifiedKFold, StratifiedShuffleSplit, TimeSeriesSplit, TrainSize,
};
use learnkit::prelude::*;
use learnkit::tree::DecisionTreeClassifier;
use ndarray::Array1;

/// A split size: a count from the palette or a fraction (in range or not).
fn split_size(b: &mut Bytes) -> Option<SplitSize> {
    match b.u8() % 3 {
        0 => None,
        1 => Some(SplitSize::Count(b.count())),
        _ => Some(SplitSize::Fraction(b.fraction())),
    }
}

/// A splitter of labels decoded from the bytes.
fn splitter(b: &mut Bytes) -> Box<dyn Splitter<usize>> {
    let n_splits = b.count();
    let seed = if b.bool() { Some(b.u64()) } else { None };
    let shuffle = b.bool();
    // The shuffle splitters draw `n_splits` independent splits, so a count in
    // the thousands only costs time (65,535 stratified splits of 30 rows take
    // seconds and look like a hang to the fuzzer); the sizes that could
    // overflow or exhaust memory (`1 << 40` and up) are kept.
    let repeats = if n_splits >= 1 << 40 {
        n_splits
    } else {
        n_splits.min(64)
    };
    match b.u8() % 6 {
        0 => {
            let mut cv = KFold::new(n_splits).shuffle(shuffle);
            cv.random_state = seed;
            Box::new(cv)
        }
        1 => {
            let mut cv = StratifiedKFold::new(n_splits).shuffle(shuffle);
            cv.random_state = seed;
            Box::new(cv)
        }
        2 => Box::new(GroupKFold::new(n_splits)),
        3 => Box::new(
            TimeSeriesSplit::new(n_splits)
                .max_train_size(b.opt_count())
                .test_size(b.opt_count())
                .gap(b.count()),
        ),
        4 => {
            let mut cv = ShuffleSplit::new(repeats)
                .test_size(split_size(b))
                .train_size(split_size(b));
            cv.random_state = seed;
            Box::new(cv)
        }
        _ => {
            let mut cv = StratifiedShuffleSplit::new(repeats)
                .test_size(split_size(b))
                .train_size(split_size(b));
            cv.random_state = seed;
            Box::new(cv)
        }
    }
}

/// The folds are indices of the data, and no row is both trained and tested.
fn check_folds(folds: &[Fold], n: usize) {
    for fold in folds {
        assert!(
            fold.train.iter().chain(&fold.test).all(|&i| i < n),
            "an index out of 0..{n}"
        );
        let mut in_test = vec![false; n];
        fold.test.iter().for_each(|&i| in_test[i] = true);
        assert!(fold.train.iter().all(|&i| !in_test[i]), "a row in both train and test");
    }
}

/// Runs the splitters, `train_test_split`, cross-validation, searches and
/// curves on data and counts decoded from `data`.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let x = b.matrix(30, 4);
    let n = x.nrows();
    let len = if b.u8() % 8 == 0 { b.below(31) } else { n };
    let y = b.classes(len);
    let groups: Option<Array1<usize>> = match b.u8() % 3 {
        0 => None,
        1 => Some(Array1::from_shape_fn(y.len(), |_| b.below(6))),
        _ => Some(Array1::from_shape_fn(b.below(31), |_| b.below(6))),
    };
    let (x0, y0, g0) = (x.clone(), y.clone(), groups.clone());
    let g = groups.as_ref().map(|g| g.view());
    let cv = splitter(&mut b);
    let cv: &dyn Splitter<usize> = &*cv;

    if let Some(folds) = ok(cv.split(y.view(), g)) {
        check_folds(&folds, y.len());
    }

    // train_test_split with fractions or counts, shuffled or not, stratified.
    let mut tts = model_selection::train_test_split(x.view(), y.view());
    match b.u8() % 3 {
        0 => {}
        1 => tts = tts.test_size(b.fraction()),
        _ => tts = tts.test_count(b.count()),
    }
    match b.u8() % 3 {
        0 => {}
        1 => tts = tts.train_size(b.fraction()),
        _ => tts = tts.train_count(b.count()),
    }
    tts = tts.shuffle(b.bool());
    if b.bool() {
        tts = tts.random_state(b.u64());
    }
    let len = if b.u8() % 8 == 0 { b.below(31) } else { n };
    let strata = b.classes(len);
    if b.bool() {
        tts = tts.stratify(strata.view());
    }
    if let Some(split) = ok(tts.split()) {
        assert_eq!(split.x_train.nrows(), split.y_train.len());
        assert_eq!(split.x_test.nrows(), split.y_test.len());
        assert!(split.x_train.nrows() + split.x_test.nrows() <= n);
    }

    // Cross-validation and searches around a small, fast tree.
    let depth = b.opt_count();
    let tree = DecisionTreeClassifier::default().max_depth(depth).random_state(0);
    let scoring = model_selection::Accuracy;
    let what = b.u8() % 6;
    match what {
        0 => {
            let mut builder = model_selection::cross_val_score(&tree, x.view(), y.view())
                .cv(cv)
                .scoring(scoring);
            if let Some(g) = g {
                builder = builder.groups(g);
            }
            ok(builder.run());
        }
        1 => {
            let mut builder = model_selection::cross_validate(&tree, x.view(), y.view())
                .cv(cv)
                .scoring("accuracy", scoring)
                .scoring("balanced_accuracy", model_selection::BalancedAccuracy)
                .return_train_score(b.bool())
                .n_jobs(b.pick(&[None, Some(0), Some(1), Some(2)]));
            if let Some(g) = g {
                builder = builder.groups(g);
            }
            ok(builder.run());
        }
        2 => {
            // The grid is the caller's own vector: 0 to 4 candidates.
            let grid: Vec<Option<usize>> = (0..b.below(5)).map(|_| b.opt_count()).collect();
            let search = GridSearchCV::new(grid, |&d: &Option<usize>| tree.clone().max_depth(d), cv).n_jobs(b.pick(&[
                None,
                Some(0),
                Some(1),
                Some(2),
            ]));
            if let Some(fitted) = ok(search.fit(x.view(), y.view())) {
                ok(fitted.predict(x.view()));
            }
        }
        3 => {
            // n_iter only costs time, except at the sizes that overflow.
            let n_iter = b.count_for_time(4);
            let seed = b.u64();
            let search = RandomizedSearchCV::new(
                |rng: &mut rand::rngs::StdRng| rand::Rng::random_range(rng, 1..4usize),
                |&d: &usize| tree.clone().max_depth(Some(d)),
                cv,
            )
            .n_iter(n_iter)
            .random_state(seed);
            ok(search.evaluate(x.view(), y.view(), g));
        }
        4 => {
            let range: Vec<usize> = (0..b.below(4)).map(|_| b.count()).collect();
            ok(model_selection::validation_curve(
                &range,
                |&leaf: &usize| tree.clone().min_samples_leaf(leaf),
                x.view(),
                y.view(),
                g,
                &cv,
                &scoring,
            ));
        }
        _ => {
            let sizes: Vec<TrainSize> = (0..b.below(4))
                .map(|_| {
                    if b.bool() {
                        TrainSize::Count(b.count())
                    } else {
                        TrainSize::Fraction(b.fraction())
                    }
                })
                .collect();
            let shuffle = if b.bool() { Some(b.u64()) } else { None };
            ok(model_selection::learning_curve(
                &tree,
                x.view(),
                y.view(),
                g,
                &cv,
                &scoring,
                &sizes,
                shuffle,
            ));
        }
    }

    assert!(same_bits2(&x, &x0), "x changed");
    assert_eq!(y, y0, "y changed");
    assert_eq!(groups, g0, "groups changed");
}
