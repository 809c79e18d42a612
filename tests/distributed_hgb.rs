//! The data-parallel histogram gradient boosting fit
//! (`fit_distributed`, ranks as threads): the same model, bit for bit, on
//! 1, 2, 3 and 4 ranks with uneven shards (an empty one too), for
//! regression, binary and multiclass classification, categorical features,
//! missing values, early stopping, sample and class weights; the accuracy
//! of the single-process fit on Adult; and bad input on one rank failing
//! every rank.

use learnkit::Error;
use learnkit::class_weight::ClassWeight;
use learnkit::distributed::run_in_process;
use learnkit::ensemble::{
    CategoricalFeatures, EarlyStopping, HistGradientBoostingClassifier, HistGradientBoostingRegressor,
};
use learnkit::metrics::roc_auc_score;
use learnkit::persistence::{Persist, to_bytes};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, s};

/// The shard sizes tried for `n` rows: one rank, two halves, three uneven
/// shards, four with an empty one.
fn splits(n: usize) -> Vec<Vec<usize>> {
    vec![
        vec![n],
        vec![n / 2, n - n / 2],
        vec![7, n - 7 - n / 3, n / 3],
        vec![n / 5, 0, n / 2, n - n / 5 - n / 2],
    ]
}

/// Runs `fit` on one rank per shard (rows in order) and returns the saved
/// model, checking that every rank returned the same one.
fn fit_sharded<M: Persist + Send>(
    sizes: &[usize],
    fit: impl Fn(&learnkit::distributed::ThreadCommunicator, std::ops::Range<usize>) -> learnkit::Result<M> + Sync,
) -> Vec<u8> {
    let starts: Vec<usize> = sizes
        .iter()
        .scan(0, |acc, &s| {
            let start = *acc;
            *acc += s;
            Some(start)
        })
        .collect();
    let models = run_in_process(sizes.len(), |comm| {
        use learnkit::distributed::Communicator;
        let r = comm.rank();
        fit(comm, starts[r]..starts[r] + sizes[r])
    })
    .unwrap();
    let bytes: Vec<Vec<u8>> = models.iter().map(|m| to_bytes(m).unwrap()).collect();
    for (rank, b) in bytes.iter().enumerate() {
        assert!(b == &bytes[0], "rank {rank} of {sizes:?} differs from rank 0");
    }
    bytes.into_iter().next().unwrap()
}

/// Asserts the same saved model for every split of `n` rows.
fn assert_same_for_all_splits<M: Persist + Send>(
    n: usize,
    fit: impl Fn(&learnkit::distributed::ThreadCommunicator, std::ops::Range<usize>) -> learnkit::Result<M> + Sync,
) -> Vec<u8> {
    let all = splits(n);
    let reference = fit_sharded(&all[0], &fit);
    for sizes in &all[1..] {
        let bytes = fit_sharded(sizes, &fit);
        assert!(
            bytes == reference,
            "the model on shards {sizes:?} differs from one rank's"
        );
    }
    reference
}

/// 4 features: two numeric, one with missing values, one categorical
/// (codes 0..6).
fn data(n: usize) -> Array2<f64> {
    Array2::from_shape_fn((n, 4), |(i, j)| {
        let u = ((i * 7919 + j * 104_729) % 1009) as f64 / 1009.0;
        match j {
            0 => u * 10.0 - 3.0,
            1 => (i as f64 * 0.37).sin() + 0.1 * u,
            2 if i % 9 == 4 => f64::NAN,
            2 => (u * 50.0).floor(),
            _ => ((i * 13 + 5) % 7) as f64,
        }
    })
}

fn target(x: ArrayView2<'_, f64>) -> Array1<f64> {
    Array1::from_shape_fn(x.nrows(), |i| {
        let r = x.row(i);
        let missing = if r[2].is_nan() { 2.0 } else { r[2] * 0.05 };
        r[0] + 3.0 * r[1] + missing + [0.0, 1.5, -1.0, 0.5, 2.0, -2.0, 0.0][r[3] as usize]
    })
}

fn categorical() -> CategoricalFeatures {
    CategoricalFeatures::Indices(vec![3])
}

#[test]
fn regression_is_bit_identical_on_any_number_of_ranks() {
    let x = data(500);
    let y = target(x.view());
    let est = HistGradientBoostingRegressor::default()
        .max_iter(15)
        .categorical_features(categorical());
    let bytes = assert_same_for_all_splits(500, |comm, rows| {
        est.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    });
    // And it learns: close to the single-process fit.
    let model: learnkit::ensemble::FittedHistGradientBoostingRegressor<f64> =
        learnkit::persistence::from_bytes(&bytes).unwrap();
    let single = est.fit(x.view(), y.view()).unwrap();
    let (p, q) = (model.predict(x.view()).unwrap(), single.predict(x.view()).unwrap());
    let max_diff = p.iter().zip(&q).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(
        max_diff < 1e-4,
        "distributed vs single-process predictions differ by {max_diff}"
    );
    assert!(model.score(x.view(), y.view()).unwrap() > 0.9);
}

/// Each rank searches only its own block of features and the ranks'
/// best splits are gathered: a tie between features (a column and its
/// copy, owned by different ranks) goes to the lower feature, as one
/// process's search over every feature; with `max_features`, every rank
/// draws the same features and searches its own of them.
#[test]
fn tied_features_and_feature_subsampling_are_bit_identical_on_any_number_of_ranks() {
    let base = data(400);
    // Copies of the two numeric columns last: on 2 to 4 ranks another rank
    // owns them than the originals.
    let x = ndarray::concatenate![ndarray::Axis(1), base, base.slice(s![.., 0..2])];
    let y = target(base.view());
    for max_features in [1.0, 0.5] {
        let est = HistGradientBoostingRegressor::default()
            .max_iter(8)
            .max_features(max_features)
            .random_state(3)
            .categorical_features(categorical());
        let bytes = assert_same_for_all_splits(400, |comm, rows| {
            est.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
        });
        if max_features == 1.0 {
            // Every tie went to the original: the copies are never split
            // on, so blanking them changes no prediction.
            let model: learnkit::ensemble::FittedHistGradientBoostingRegressor<f64> =
                learnkit::persistence::from_bytes(&bytes).unwrap();
            let mut blanked = x.clone();
            blanked.slice_mut(s![.., 4..]).fill(0.0);
            assert_eq!(model.predict(x.view()).unwrap(), model.predict(blanked.view()).unwrap());
        }
    }
}

fn labels(y: ArrayView1<'_, f64>, cuts: &[f64]) -> Array1<usize> {
    y.mapv(|v| cuts.iter().filter(|&&c| v > c).count())
}

#[test]
fn binary_classification_is_bit_identical_on_any_number_of_ranks() {
    let x = data(400);
    let y = labels(target(x.view()).view(), &[3.0]);
    let est = HistGradientBoostingClassifier::default()
        .max_iter(10)
        .categorical_features(categorical());
    let bytes = assert_same_for_all_splits(400, |comm, rows| {
        est.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    });
    let model: learnkit::ensemble::FittedHistGradientBoostingClassifier<f64, usize> =
        learnkit::persistence::from_bytes(&bytes).unwrap();
    assert_eq!(model.classes(), &[0, 1]);
    assert!(model.score(x.view(), y.view()).unwrap() > 0.9);
}

#[test]
fn multiclass_is_bit_identical_on_any_number_of_ranks() {
    let x = data(360);
    let y = labels(target(x.view()).view(), &[1.0, 4.0]).mapv(|c| ["low", "mid", "high"][c].to_string());
    let est = HistGradientBoostingClassifier::default()
        .max_iter(8)
        .categorical_features(categorical());
    let bytes = assert_same_for_all_splits(360, |comm, rows| {
        est.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    });
    let model: learnkit::ensemble::FittedHistGradientBoostingClassifier<f64, String> =
        learnkit::persistence::from_bytes(&bytes).unwrap();
    assert_eq!(model.n_trees_per_iteration(), 3);
    assert!(model.score(x.view(), y.view()).unwrap() > 0.8);
}

#[test]
fn early_stopping_is_bit_identical_on_any_number_of_ranks() {
    let x = data(600);
    let y = labels(target(x.view()).view(), &[3.0]);
    let est = HistGradientBoostingClassifier::default()
        .max_iter(200)
        .learning_rate(0.5)
        .early_stopping(EarlyStopping::On)
        .n_iter_no_change(3)
        .random_state(5);
    let bytes = assert_same_for_all_splits(600, |comm, rows| {
        est.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    });
    let model: learnkit::ensemble::FittedHistGradientBoostingClassifier<f64, usize> =
        learnkit::persistence::from_bytes(&bytes).unwrap();
    assert!(
        model.n_iter() < 200,
        "early stopping stopped: {} iterations",
        model.n_iter()
    );
    assert_eq!(model.validation_score().len(), model.n_iter() + 1);
    // The regressor scoring the training rows (no validation fraction).
    let yr = target(x.view());
    let est = HistGradientBoostingRegressor::default()
        .max_iter(200)
        .early_stopping(EarlyStopping::On)
        .validation_fraction(None)
        .n_iter_no_change(2)
        .tol(1e-3);
    assert_same_for_all_splits(600, |comm, rows| {
        est.fit_distributed(comm, x.slice(s![rows.clone(), ..]), yr.slice(s![rows]))
    });
}

/// Sample weights (and class weights) in the distributed fit: the same
/// model on any number of ranks, with early stopping scoring weighted
/// validation rows; close to the single-process weighted fit, which rows of
/// zero weight do not move (a fit that ignored the weights would follow
/// them, 100 away).
#[test]
fn sample_weights_are_bit_identical_on_any_number_of_ranks_and_match_fit_weighted() {
    let n = 500;
    let x = data(n);
    let clean = target(x.view());
    let y = Array1::from_shape_fn(n, |i| clean[i] + if i % 3 == 1 { 100.0 } else { 0.0 });
    let w = Array1::from_shape_fn(n, |i| match i % 3 {
        1 => 0.0,
        0 => 2.0,
        _ => 0.5,
    });
    let est = HistGradientBoostingRegressor::default()
        .max_iter(15)
        .categorical_features(categorical());
    let bytes = assert_same_for_all_splits(n, |comm, rows| {
        est.fit_distributed_weighted(
            comm,
            x.slice(s![rows.clone(), ..]),
            y.slice(s![rows.clone()]),
            w.slice(s![rows]),
        )
    });
    let model: learnkit::ensemble::FittedHistGradientBoostingRegressor<f64> =
        learnkit::persistence::from_bytes(&bytes).unwrap();
    let single = est.fit_weighted(x.view(), y.view(), w.view()).unwrap();
    let (p, q) = (model.predict(x.view()).unwrap(), single.predict(x.view()).unwrap());
    let max_diff = p.iter().zip(&q).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(
        max_diff < 1e-4,
        "distributed vs single-process weighted fit: {max_diff}"
    );
    let off: f64 = p.iter().zip(&clean).map(|(a, b)| (a - b).abs()).sum::<f64>() / n as f64;
    assert!(off < 1.0, "mean distance to the weighted rows' targets {off}");

    // Classification with sample weights, class weights and early stopping.
    let yc = labels(clean.view(), &[3.0]);
    let est = HistGradientBoostingClassifier::default()
        .max_iter(100)
        .learning_rate(0.5)
        .early_stopping(EarlyStopping::On)
        .n_iter_no_change(3)
        .class_weight(ClassWeight::Balanced)
        .random_state(3);
    assert_same_for_all_splits(n, |comm, rows| {
        est.fit_distributed_weighted(
            comm,
            x.slice(s![rows.clone(), ..]),
            yc.slice(s![rows.clone()]),
            w.slice(s![rows]),
        )
    });
}

/// `ClassWeight::Balanced` counts the rows of every rank: the same
/// predictions as explicit sample weights `n / (k · count)` from the global
/// counts, however the rows are split.
#[test]
fn balanced_class_weight_counts_every_rank() {
    let n = 400;
    let x = data(n);
    let y = labels(target(x.view()).view(), &[5.0]);
    let ones = y.iter().filter(|&&c| c == 1).count() as f64;
    assert!(ones > 0.0 && ones < 0.4 * n as f64, "unbalanced classes: {ones} of {n}");
    let counts = [n as f64 - ones, ones];
    let w = y.mapv(|c| n as f64 / (2.0 * counts[c]));
    let base = HistGradientBoostingClassifier::default().max_iter(10);
    let balanced = base.clone().class_weight(ClassWeight::Balanced);
    let by_class = assert_same_for_all_splits(n, |comm, rows| {
        balanced.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    });
    let by_sample = fit_sharded(&[n / 3, n - n / 3], |comm, rows| {
        base.fit_distributed_weighted(
            comm,
            x.slice(s![rows.clone(), ..]),
            y.slice(s![rows.clone()]),
            w.slice(s![rows]),
        )
    });
    let load = |b: &[u8]| -> learnkit::ensemble::FittedHistGradientBoostingClassifier<f64, usize> {
        learnkit::persistence::from_bytes(b).unwrap()
    };
    let (a, b) = (load(&by_class), load(&by_sample));
    assert_eq!(a.predict_proba(x.view()).unwrap(), b.predict_proba(x.view()).unwrap());
    let unweighted = fit_sharded(&[n], |comm, rows| {
        base.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    });
    assert_ne!(
        load(&unweighted).predict_proba(x.view()).unwrap(),
        a.predict_proba(x.view()).unwrap(),
        "the class weights changed nothing"
    );
}

/// Adult (a subset: debug builds are slow): the distributed model's test
/// ROC-AUC within 0.0005 of the single-process fit's, with early stopping
/// off (its validation rows differ by design).
#[test]
fn adult_subset_auc_matches_the_single_process_fit() {
    let adult = learnkit::datasets::load_adult();
    let n = 6000;
    let x = adult.train.data.slice(s![..n, ..]);
    let y = adult.train.target.slice(s![..n]);
    let (xt, yt) = (
        adult.test.data.slice(s![..4000, ..]),
        adult.test.target.slice(s![..4000]),
    );
    let est = HistGradientBoostingClassifier::default()
        .max_iter(30)
        .early_stopping(EarlyStopping::Off)
        .categorical_features(CategoricalFeatures::Indices(adult.categorical_features.clone()));
    let auc = |proba: Array2<f64>| roc_auc_score(yt, proba.column(1)).unwrap();
    let single = auc(est.fit(x, y).unwrap().predict_proba(xt).unwrap());
    let models = run_in_process(3, |comm| {
        use learnkit::distributed::Communicator;
        let rows = learnkit::distributed::RowShards::even_split(n, comm.rank(), comm.size());
        est.fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    })
    .unwrap();
    let distributed = auc(models[0].predict_proba(xt).unwrap());
    assert!(single > 0.9, "single-process AUC {single}");
    assert!(
        (distributed - single).abs() < 5e-4,
        "distributed AUC {distributed} vs single-process {single}"
    );
}

/// Runs a fit on 3 ranks where rank 1 gets `bad` rows and targets, and
/// asserts that every rank fails.
fn assert_all_fail<T: Send>(
    f: impl Fn(&learnkit::distributed::ThreadCommunicator, bool) -> learnkit::Result<T> + Sync,
) -> Vec<Error> {
    let outcomes = run_in_process(3, |comm| {
        use learnkit::distributed::Communicator;
        Ok(f(comm, comm.rank() == 1).err())
    })
    .unwrap();
    outcomes
        .into_iter()
        .enumerate()
        .map(|(rank, e)| e.unwrap_or_else(|| panic!("rank {rank} did not fail")))
        .collect()
}

#[test]
fn bad_input_on_one_rank_fails_every_rank() {
    let x = data(90);
    let y = target(x.view());
    let est = HistGradientBoostingRegressor::default().max_iter(3);
    let shard = |bad: bool| (x.slice(s![..30, ..]).to_owned(), y.slice(s![..30]).to_owned(), bad);
    // A NaN target.
    let errors = assert_all_fail(|comm, bad| {
        let (xs, mut ys, bad) = shard(bad);
        if bad {
            ys[4] = f64::NAN;
        }
        est.fit_distributed(comm, xs.view(), ys.view())
    });
    assert!(matches!(errors[1], Error::NonFinite { .. }), "{:?}", errors[1]);
    assert!(matches!(errors[0], Error::Communication { .. }), "{:?}", errors[0]);
    // An infinite feature value.
    assert_all_fail(|comm, bad| {
        let (mut xs, ys, bad) = shard(bad);
        if bad {
            xs[[2, 0]] = f64::INFINITY;
        }
        est.fit_distributed(comm, xs.view(), ys.view())
    });
    // A different number of features.
    assert_all_fail(|comm, bad| {
        let (xs, ys, bad) = shard(bad);
        let xs = if bad { xs.slice(s![.., ..3]).to_owned() } else { xs };
        est.fit_distributed(comm, xs.view(), ys.view())
    });
    // Targets of the wrong length.
    assert_all_fail(|comm, bad| {
        let (xs, ys, bad) = shard(bad);
        let ys = if bad { ys.slice(s![..10]).to_owned() } else { ys };
        est.fit_distributed(comm, xs.view(), ys.view())
    });
    // A bad categorical code.
    let est_cat = HistGradientBoostingRegressor::default()
        .max_iter(3)
        .categorical_features(categorical());
    assert_all_fail(|comm, bad| {
        let (mut xs, ys, bad) = shard(bad);
        if bad {
            xs[[0, 3]] = 2.5;
        }
        est_cat.fit_distributed(comm, xs.view(), ys.view())
    });
    // No rows anywhere.
    let errors = assert_all_fail(|comm, _| {
        est.fit_distributed(comm, Array2::<f64>::zeros((0, 4)).view(), Array1::zeros(0).view())
    });
    assert!(matches!(errors[2], Error::EmptyInput { .. }), "{:?}", errors[2]);
    // A bad hyperparameter, and a class weight the distributed fit lacks.
    let bad_rate = HistGradientBoostingRegressor::default().learning_rate(-1.0);
    assert_all_fail(|comm, _| {
        let (xs, ys, _) = shard(false);
        bad_rate.fit_distributed(comm, xs.view(), ys.view())
    });
    let yc = labels(y.view(), &[3.0]);
    // A negative sample weight on one rank; weights of the wrong length.
    let errors = assert_all_fail(|comm, bad| {
        let w = Array1::from_shape_fn(30, |i| if bad && i == 3 { -1.0 } else { 1.0 });
        HistGradientBoostingClassifier::default().fit_distributed_weighted(
            comm,
            x.slice(s![..30, ..]),
            yc.slice(s![..30]),
            w.view(),
        )
    });
    assert!(matches!(errors[1], Error::InvalidInput { .. }), "{:?}", errors[1]);
    assert_all_fail(|comm, bad| {
        let w = Array1::<f64>::ones(if bad { 29 } else { 30 });
        est.fit_distributed_weighted(comm, x.slice(s![..30, ..]), y.slice(s![..30]), w.view())
    });
    // Class weights that zero every row (over all ranks).
    let zero = HistGradientBoostingClassifier::default().class_weight(ClassWeight::PerClass(vec![0.0, 0.0]));
    assert_all_fail(|comm, _| zero.fit_distributed(comm, x.slice(s![..30, ..]), yc.slice(s![..30])));
    // One class over all ranks.
    let one_class = Array1::from_elem(30, 1usize);
    assert_all_fail(|comm, _| {
        HistGradientBoostingClassifier::default().fit_distributed(comm, x.slice(s![..30, ..]), one_class.view())
    });
}

/// A class present on one rank only is a class of the model on every rank.
#[test]
fn classes_are_gathered_from_every_rank() {
    let x = data(120);
    let y = Array1::from_shape_fn(120, |i| if i >= 100 { 2usize } else { i % 2 });
    let models = run_in_process(2, |comm| {
        use learnkit::distributed::Communicator;
        let rows = if comm.rank() == 0 { 0..60 } else { 60..120 };
        HistGradientBoostingClassifier::default().max_iter(3).fit_distributed(
            comm,
            x.slice(s![rows.clone(), ..]),
            y.slice(s![rows]),
        )
    })
    .unwrap();
    assert_eq!(models[0].classes(), &[0, 1, 2]);
    assert_eq!(models[1].classes(), &[0, 1, 2]);
}

/// The bytes each rank sends per boosting iteration on 100,000 × 30 rows
/// (255 bins), as `Communicator::bytes_sent` counts them: the difference
/// between fits of 3 and 1 iterations, halved. Ignored (slow in debug
/// builds); run with `cargo test --release --test integration
/// distributed_hgb::bytes_per_iteration -- --ignored --nocapture`.
#[test]
#[ignore]
fn bytes_per_iteration() {
    let (n, p) = (100_000, 30);
    let x = Array2::from_shape_fn((n, p), |(i, j)| {
        ((i.wrapping_mul(2_654_435_761) ^ j.wrapping_mul(40_503)) % 100_003) as f64 / 100_003.0
    });
    let y = Array1::from_shape_fn(n, |i| x[[i, 0]] * 3.0 + (x[[i, 1]] * 6.0).sin() + x[[i, 2]] * x[[i, 3]]);
    let yc = y.mapv(|v| (v > 1.8) as usize);
    for ranks in [2, 4] {
        let sent = |iters: usize, classify: bool| -> u64 {
            let out = run_in_process(ranks, |comm| {
                use learnkit::distributed::Communicator;
                let rows = learnkit::distributed::RowShards::even_split(n, comm.rank(), comm.size());
                let before = comm.bytes_sent();
                if classify {
                    HistGradientBoostingClassifier::default()
                        .max_iter(iters)
                        .early_stopping(EarlyStopping::Off)
                        .fit_distributed(comm, x.slice(s![rows.clone(), ..]), yc.slice(s![rows]))?;
                } else {
                    HistGradientBoostingRegressor::default()
                        .max_iter(iters)
                        .early_stopping(EarlyStopping::Off)
                        .fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))?;
                }
                Ok(comm.bytes_sent() - before)
            })
            .unwrap();
            out[0]
        };
        for classify in [false, true] {
            let (one, three) = (sent(1, classify), sent(3, classify));
            println!(
                "{ranks} ranks, {}: setup + 1 iteration {one} bytes, per iteration {} bytes",
                if classify { "binary classifier" } else { "regressor" },
                (three - one) / 2
            );
        }
    }
}
