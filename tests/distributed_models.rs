//! Distributed fits (issue 20): `StandardScaler`, `LogisticRegression` and
//! `KMeans` over row shards give bit-identical models on 1, 2, 3 and 4 ranks
//! (uneven shards, an empty one among them) and agree with `fit`; the
//! tree-parallel forests and the candidate-parallel `GridSearchCV` on
//! replicated data equal `fit` exactly; the row-sharded forests are
//! bit-identical on 1 to 4 ranks and as accurate as `fit`'s; one rank's bad
//! shard makes every rank fail, without hanging.

use learnkit::cluster::KMeans;
use learnkit::distributed::{Communicator, run_in_process};
use learnkit::ensemble::{ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor};
use learnkit::model_selection::{GridSearchCV, StratifiedKFold};
use learnkit::persistence::to_bytes;
use learnkit::prelude::*;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2, s};

/// Row boundaries of `size` uneven shards of `n` rows: with 3 ranks, rank 0
/// holds no row.
fn bounds(n: usize, size: usize) -> Vec<usize> {
    match size {
        1 => vec![0, n],
        2 => vec![0, n / 3, n],
        3 => vec![0, 0, n / 4, n],
        _ => vec![0, 1, n / 2, n / 2 + 3, n],
    }
}

fn shard<'a, T>(x: ArrayView2<'a, T>, size: usize, rank: usize) -> ArrayView2<'a, T> {
    let b = bounds(x.nrows(), size);
    x.slice_move(s![b[rank]..b[rank + 1], ..])
}

fn shard1<'a, T>(y: ArrayView1<'a, T>, size: usize, rank: usize) -> ArrayView1<'a, T> {
    let b = bounds(y.len(), size);
    y.slice_move(s![b[rank]..b[rank + 1]])
}

/// Deterministic features of varied scale and offset.
fn features(n: usize, p: usize) -> Array2<f64> {
    Array2::from_shape_fn((n, p), |(i, j)| {
        let t = (i * 7 + j * 13) as f64;
        (t * 0.37).sin() * (1.0 + j as f64) + 0.1 * ((i * i) % 17) as f64 + 3.0 * j as f64
    })
}

/// Runs `fit` on 1, 2, 3 and 4 ranks; checks that every rank of every run
/// saved the same bytes, and returns the one-rank model.
fn same_on_every_rank_count<M, Fit>(fit: Fit) -> M
where
    M: Send + learnkit::persistence::Persist,
    Fit: Fn(&dyn Communicator) -> learnkit::Result<M> + Sync,
{
    let mut reference: Option<(Vec<u8>, M)> = None;
    for size in 1..=4 {
        let models = run_in_process(size, |comm| fit(comm)).unwrap();
        for (rank, model) in models.into_iter().enumerate() {
            let bytes = to_bytes(&model).unwrap();
            match &reference {
                None => reference = Some((bytes, model)),
                Some((expected, _)) => assert!(bytes == *expected, "{size} ranks: rank {rank}'s model differs"),
            }
        }
    }
    reference.unwrap().1
}

#[test]
fn scaler_is_bit_identical_across_rank_counts_and_matches_fit() {
    let mut x = features(97, 4);
    x[[5, 2]] = f64::NAN; // a missing value, left out as in `fit`
    let none = Array1::<f64>::zeros(0);
    for (with_mean, with_std) in [(true, true), (false, true), (true, false)] {
        let params = StandardScaler::default().with_mean(with_mean).with_std(with_std);
        let model = same_on_every_rank_count(|comm| {
            let mine = shard(x.view(), comm.size(), comm.rank());
            params.fit_distributed(comm, mine, none.view())
        });
        let single = params.fit_unsupervised(x.view()).unwrap();
        assert_eq!(model.n_samples_seen(), single.n_samples_seen());
        for (a, b) in [
            (model.mean(), single.mean()),
            (model.var(), single.var()),
            (model.scale(), single.scale()),
        ] {
            match (a, b) {
                (Some(a), Some(b)) => {
                    for (u, v) in a.iter().zip(&b) {
                        approx::assert_relative_eq!(*u, *v, max_relative = 1e-12);
                    }
                }
                (a, b) => assert_eq!(a.is_none(), b.is_none()),
            }
        }
    }
}

#[test]
fn weighted_scaler_is_bit_identical_and_matches_fit_weighted() {
    let x = features(60, 3);
    let w = Array1::from_shape_fn(60, |i| 0.5 + (i % 4) as f64);
    let model = same_on_every_rank_count(|comm| {
        let (size, rank) = (comm.size(), comm.rank());
        StandardScaler::default().fit_distributed_weighted(
            comm,
            shard(x.view(), size, rank),
            shard1(w.view(), size, rank),
        )
    });
    let single = StandardScaler::default()
        .fit_weighted(x.view(), ndarray::ArrayView1::<()>::from(&[]), w.view())
        .unwrap();
    for (u, v) in model.var().unwrap().iter().zip(&single.var().unwrap()) {
        approx::assert_relative_eq!(*u, *v, max_relative = 1e-12);
    }
    assert_eq!(model.n_samples_seen(), single.n_samples_seen());
}

/// Labels of `k` classes that depend on the features (a learnable problem).
fn labels(x: &Array2<f64>, k: usize) -> Array1<usize> {
    x.outer_iter()
        .enumerate()
        .map(|(i, row)| ((row[0] - row[1] + 3.0 * row[2]).abs() as usize + i % 3) % k)
        .collect()
}

#[test]
fn logistic_is_bit_identical_across_rank_counts_and_close_to_fit() {
    let x = features(90, 3);
    for k in [2, 3] {
        let y = labels(&x, k);
        for fit_intercept in [true, false] {
            let params = LogisticRegression::default()
                .c(0.5)
                .fit_intercept(fit_intercept)
                .tol(1e-10)
                .max_iter(1000);
            let model = same_on_every_rank_count(|comm| {
                let (size, rank) = (comm.size(), comm.rank());
                params.fit_distributed(comm, shard(x.view(), size, rank), shard1(y.view(), size, rank))
            });
            let single = params.fit(x.view(), y.view()).unwrap();
            assert_eq!(model.classes(), single.classes());
            for (a, b) in model.coef().iter().zip(single.coef()) {
                approx::assert_abs_diff_eq!(*a, *b, epsilon = 1e-6);
            }
            for (a, b) in model.intercept().iter().zip(single.intercept()) {
                approx::assert_abs_diff_eq!(*a, *b, epsilon = 1e-6);
            }
        }
    }
}

#[test]
fn logistic_class_weight_and_string_labels_match_fit() {
    let x = features(60, 3);
    let y: Array1<String> = labels(&x, 3).mapv(|c| ["setosa", "versicolor", "virginica"][c].to_string());
    let params = LogisticRegression::default()
        .class_weight(learnkit::class_weight::ClassWeight::Balanced)
        .tol(1e-10);
    let model = same_on_every_rank_count(|comm| {
        let (size, rank) = (comm.size(), comm.rank());
        params.fit_distributed(comm, shard(x.view(), size, rank), shard1(y.view(), size, rank))
    });
    let single = params.fit(x.view(), y.view()).unwrap();
    assert_eq!(model.classes(), single.classes());
    for (a, b) in model.coef().iter().zip(single.coef()) {
        approx::assert_abs_diff_eq!(*a, *b, epsilon = 1e-6);
    }
}

/// Three well-separated blobs.
fn blobs() -> Array2<f64> {
    let centres = [[0.0, 0.0], [10.0, 10.0], [-10.0, 10.0]];
    Array2::from_shape_fn((75, 2), |(i, j)| {
        centres[i % 3][j] + 0.5 * ((i * 7 + j * 3) as f64 * 0.9).sin()
    })
}

/// Whether two labellings are the same up to a renaming of the clusters.
fn same_partition(a: ArrayView1<'_, i64>, b: ArrayView1<'_, i64>) -> bool {
    let mut map = std::collections::HashMap::new();
    let mut back = std::collections::HashMap::new();
    a.iter()
        .zip(b)
        .all(|(u, v)| *map.entry(u).or_insert(v) == v && *back.entry(v).or_insert(u) == u)
}

#[test]
fn kmeans_is_bit_identical_across_rank_counts_and_finds_fits_clusters() {
    let x = blobs();
    let none = Array1::<f64>::zeros(0);
    for init in [
        learnkit::cluster::KMeansInit::KMeansPlusPlus,
        learnkit::cluster::KMeansInit::Random,
    ] {
        let params = KMeans::default().n_clusters(3).init(init).n_init(3).random_state(4);
        // Each rank keeps its own rows' labels: the centres, inertia and
        // iterations are the same bits everywhere, and the labels in rank
        // order are every row's, the same for any split.
        let mut reference: Option<(Vec<u64>, Vec<i64>)> = None;
        for size in 1..=4 {
            let models = run_in_process(size, |comm| {
                params.fit_distributed(comm, shard(x.view(), comm.size(), comm.rank()), none.view())
            })
            .unwrap();
            let mut labels = Vec::new();
            for (rank, model) in models.iter().enumerate() {
                // A rank's labels are its own rows', `predict` on them.
                let rows = shard(x.view(), size, rank);
                assert_eq!(model.labels().len(), rows.nrows(), "{size} ranks: rank {rank}");
                if rows.nrows() > 0 {
                    assert_eq!(model.predict(rows).unwrap(), model.labels());
                }
                labels.extend(model.labels().iter().copied());
                let mut bits: Vec<u64> = model.cluster_centers().iter().map(|v| v.to_bits()).collect();
                bits.extend([model.inertia().to_bits(), model.n_iter() as u64]);
                let expected = &reference.get_or_insert_with(|| (bits.clone(), Vec::new())).0;
                assert_eq!(&bits, expected, "{size} ranks: rank {rank}'s model differs");
            }
            let expected = &mut reference.as_mut().unwrap().1;
            if expected.is_empty() {
                *expected = labels;
            } else {
                assert_eq!(&labels, expected, "{size} ranks: the labels in rank order differ");
            }
        }
        let (_, labels) = reference.unwrap();
        let single = params.fit_unsupervised(x.view()).unwrap();
        assert_eq!(labels.len(), 75);
        assert!(same_partition(Array1::from(labels).view(), single.labels()));
        let one = run_in_process(1, |comm| params.fit_distributed(comm, x.view(), none.view())).unwrap();
        approx::assert_relative_eq!(one[0].inertia(), single.inertia(), max_relative = 1e-9);
    }
}

#[test]
fn forests_are_fits_forests() {
    let x = features(80, 4);
    let y = labels(&x, 3);
    let target = x.column(0).to_owned() + x.column(1).mapv(|v| v * v);
    for size in 1..=4 {
        let rf = RandomForestClassifier::default()
            .n_estimators(7)
            .max_depth(Some(4))
            .random_state(3);
        let et = ExtraTreesClassifier::default()
            .n_estimators(6)
            .random_state(3)
            .oob_score(false);
        let rfr = RandomForestRegressor::default()
            .n_estimators(5)
            .oob_score(true)
            .random_state(3);
        let etr = ExtraTreesRegressor::default().n_estimators(5).random_state(3);
        let out = run_in_process(size, |comm| {
            Ok((
                to_bytes(&rf.fit_distributed_trees(comm, x.view(), y.view())?)?,
                to_bytes(&et.fit_distributed_trees(comm, x.view(), y.view())?)?,
                to_bytes(&rfr.fit_distributed_trees(comm, x.view(), target.view())?)?,
                to_bytes(&etr.fit_distributed_trees(comm, x.view(), target.view())?)?,
            ))
        })
        .unwrap();
        let single = (
            to_bytes(&rf.fit(x.view(), y.view()).unwrap()).unwrap(),
            to_bytes(&et.fit(x.view(), y.view()).unwrap()).unwrap(),
            to_bytes(&rfr.fit(x.view(), target.view()).unwrap()).unwrap(),
            to_bytes(&etr.fit(x.view(), target.view()).unwrap()).unwrap(),
        );
        for (rank, got) in out.iter().enumerate() {
            assert!(*got == single, "{size} ranks: rank {rank}'s forests are not fit's");
        }
    }
}

#[test]
fn forests_without_random_state_agree_across_ranks() {
    let x = features(40, 3);
    let y = labels(&x, 2);
    let rf = RandomForestClassifier::default().n_estimators(4);
    let out = run_in_process(3, |comm| {
        to_bytes(&rf.fit_distributed_trees(comm, x.view(), y.view())?)
    })
    .unwrap();
    assert!(out.iter().all(|b| *b == out[0]));
}

#[test]
fn grid_search_scores_and_best_model_are_fits() {
    let x = features(90, 3);
    let y = labels(&x, 2);
    let search = GridSearchCV::new(
        vec![0.01, 0.1, 1.0, 10.0, 100.0],
        |&c: &f64| LogisticRegression::default().c(c),
        StratifiedKFold::new(3),
    )
    .return_train_score(true);
    let single = search.fit(x.view(), y.view()).unwrap();
    for size in 1..=4 {
        let fitted = run_in_process(size, |comm| search.fit_distributed_candidates(comm, x.view(), y.view())).unwrap();
        for got in &fitted {
            let (a, b) = (got.cv_results(), single.cv_results());
            assert_eq!(a.params, b.params);
            assert_eq!(a.split_test_scores, b.split_test_scores);
            assert_eq!(a.split_train_scores, b.split_train_scores);
            assert_eq!(a.mean_test_score, b.mean_test_score);
            assert_eq!(a.std_test_score, b.std_test_score);
            assert_eq!(a.rank_test_score, b.rank_test_score);
            assert_eq!(got.best_index(), single.best_index());
            assert_eq!(
                to_bytes(got.best_estimator()).unwrap(),
                to_bytes(single.best_estimator()).unwrap()
            );
        }
    }
}

/// Every rank fails when rank 1's shard is bad; none hangs.
fn every_rank_fails<M: Send + std::fmt::Debug>(fit: impl Fn(&dyn Communicator, bool) -> learnkit::Result<M> + Sync) {
    let outcomes = run_in_process(3, |comm| Ok(fit(comm, comm.rank() == 1).is_err())).unwrap();
    assert_eq!(outcomes, vec![true, true, true]);
}

#[test]
fn one_bad_shard_fails_every_rank() {
    let x = features(30, 3);
    let y = labels(&x, 2);
    let none = Array1::<f64>::zeros(0);
    let mut with_nan = x.clone();
    with_nan[[3, 1]] = f64::NAN;
    let mut with_inf = x.clone();
    with_inf[[3, 1]] = f64::INFINITY;
    let narrow = x.slice(s![.., ..2]).to_owned();
    for bad in [&with_inf, &narrow] {
        every_rank_fails(|comm, mine| {
            let data = if mine { bad } else { &x };
            StandardScaler::default().fit_distributed(comm, shard(data.view(), 3, comm.rank()), none.view())
        });
    }
    for bad in [&with_nan, &narrow] {
        every_rank_fails(|comm, mine| {
            let data = if mine { bad } else { &x };
            LogisticRegression::default().fit_distributed(
                comm,
                shard(data.view(), 3, comm.rank()),
                shard1(y.view(), 3, comm.rank()),
            )
        });
        every_rank_fails(|comm, mine| {
            let data = if mine { bad } else { &x };
            KMeans::default().n_clusters(2).random_state(0).fit_distributed(
                comm,
                shard(data.view(), 3, comm.rank()),
                none.view(),
            )
        });
    }
    // Forests take NaN as a missing value: an infinity or another width fails.
    for bad in [&with_inf, &narrow] {
        every_rank_fails(|comm, mine| {
            let data = if mine { bad } else { &x };
            RandomForestClassifier::default()
                .n_estimators(3)
                .random_state(0)
                .fit_distributed_trees(comm, data.view(), y.view())
        });
    }
    // y shorter than x on one rank.
    every_rank_fails(|comm, mine| {
        let ys = shard1(y.view(), 3, comm.rank());
        let ys = if mine { ys.slice_move(s![1..]) } else { ys };
        LogisticRegression::default().fit_distributed(comm, shard(x.view(), 3, comm.rank()), ys)
    });
    // No row on any rank.
    let empty = Array2::<f64>::zeros((0, 3));
    every_rank_fails(|comm, _| StandardScaler::default().fit_distributed(comm, empty.view(), none.view()));
    // Fewer rows in total than clusters.
    every_rank_fails(|comm, _| {
        KMeans::default().n_clusters(5).fit_distributed(
            comm,
            x.slice(s![comm.rank()..comm.rank() + 1, ..]),
            none.view(),
        )
    });
    // One class over all ranks.
    let one_class = Array1::<usize>::zeros(30);
    every_rank_fails(|comm, _| {
        LogisticRegression::default().fit_distributed(
            comm,
            shard(x.view(), 3, comm.rank()),
            shard1(one_class.view(), 3, comm.rank()),
        )
    });
}

#[test]
fn a_rank_may_hold_one_class_or_no_row() {
    // Rank 0 holds only class 0, rank 1 only class 1, rank 2 nothing.
    let x = features(20, 2);
    let y = Array1::from_shape_fn(20, |i| usize::from(i >= 10));
    let models = run_in_process(3, |comm| {
        let rows = [0..10, 10..20, 20..20][comm.rank()].clone();
        LogisticRegression::default().fit_distributed(comm, x.slice(s![rows.clone(), ..]), y.slice(s![rows]))
    })
    .unwrap();
    assert_eq!(models[2].classes(), &[0, 1]);
    let single = LogisticRegression::default().fit(x.view(), y.view()).unwrap();
    assert_eq!(models[0].predict(x.view()).unwrap(), single.predict(x.view()).unwrap());
}

/// make_classification's rows with a missing value in every eleventh row
/// of feature 2 (by global index, so the data do not depend on the split).
fn classification(n: usize) -> (Array2<f64>, Array1<usize>) {
    let (mut x, y) = learnkit::datasets::MakeClassification::default()
        .n_samples(n)
        .n_features(8)
        .n_informative(5)
        .random_state(1)
        .generate()
        .unwrap();
    x.column_mut(2).iter_mut().step_by(11).for_each(|v| *v = f64::NAN);
    (x, y)
}

#[test]
fn row_sharded_forests_are_bit_identical_across_rank_counts() {
    let (x, y) = classification(300);
    // A target with a large offset: its grid steps are coarse relative to
    // the variation, as they would be for any data.
    let target = x.column(0).mapv(|v| 1e3 + 3.0 * v) + x.column(1).mapv(|v| v * v);
    let part = |comm: &dyn Communicator| (shard(x.view(), comm.size(), comm.rank()), comm.size(), comm.rank());
    let rf = RandomForestClassifier::default()
        .n_estimators(4)
        .max_features(0.5)
        .random_state(3);
    same_on_every_rank_count(|comm| {
        let (xs, size, rank) = part(comm);
        rf.fit_distributed_rows(comm, xs, shard1(y.view(), size, rank))
    });
    // Entropy, best-first growth, leaf limits and max_samples.
    let rf_limits = RandomForestClassifier::default()
        .n_estimators(3)
        .criterion(learnkit::tree::Criterion::Entropy)
        .max_leaf_nodes(Some(9))
        .min_weight_fraction_leaf(0.02)
        .max_samples(0.5)
        .random_state(4);
    same_on_every_rank_count(|comm| {
        let (xs, size, rank) = part(comm);
        rf_limits.fit_distributed_rows(comm, xs, shard1(y.view(), size, rank))
    });
    let et = ExtraTreesClassifier::default().n_estimators(4).random_state(3);
    same_on_every_rank_count(|comm| {
        let (xs, size, rank) = part(comm);
        et.fit_distributed_rows(comm, xs, shard1(y.view(), size, rank))
    });
    let rfr = RandomForestRegressor::default()
        .n_estimators(4)
        .max_features(0.5)
        .random_state(3);
    let model = same_on_every_rank_count(|comm| {
        let (xs, size, rank) = part(comm);
        rfr.fit_distributed_rows(comm, xs, shard1(target.view(), size, rank))
    });
    assert!(model.estimators().iter().all(|t| t.node_count() > 20));
    let etr = ExtraTreesRegressor::default().n_estimators(4).random_state(3);
    same_on_every_rank_count(|comm| {
        let (xs, size, rank) = part(comm);
        etr.fit_distributed_rows(comm, xs, shard1(target.view(), size, rank))
    });
}

/// Test accuracy (classification) and R² (regression) of the row-sharded
/// forests on 2 ranks, next to `fit`'s on the same training rows.
#[test]
fn row_sharded_forests_score_as_fit_does() {
    let (x, y) = classification(3_000);
    let (x_train, x_test) = (x.slice(s![..2_000, ..]), x.slice(s![2_000.., ..]));
    let (y_train, y_test) = (y.slice(s![..2_000]), y.slice(s![2_000..]));
    let rf = RandomForestClassifier::default().n_estimators(20).random_state(0);
    let single = rf.fit(x_train, y_train).unwrap().score(x_test, y_test).unwrap();
    let rows = run_in_process(2, |comm| {
        rf.fit_distributed_rows(comm, shard(x_train, 2, comm.rank()), shard1(y_train, 2, comm.rank()))
    })
    .unwrap();
    let sharded = rows[0].score(x_test, y_test).unwrap();
    assert!(
        sharded > 0.85 && (sharded - single).abs() < 0.02,
        "rows {sharded}, fit {single}"
    );
    // Regression on the informative features, without missing values.
    let clean = x.mapv(|v| if v.is_nan() { 0.0 } else { v });
    let target = clean.column(0).mapv(|v| 3.0 * v) + clean.column(1).mapv(|v| v * v) - clean.column(3);
    let (t_train, t_test) = (target.slice(s![..2_000]), target.slice(s![2_000..]));
    let (c_train, c_test) = (clean.slice(s![..2_000, ..]), clean.slice(s![2_000.., ..]));
    let rfr = RandomForestRegressor::default().n_estimators(20).random_state(0);
    let single = rfr.fit(c_train, t_train).unwrap().score(c_test, t_test).unwrap();
    let rows = run_in_process(2, |comm| {
        rfr.fit_distributed_rows(comm, shard(c_train, 2, comm.rank()), shard1(t_train, 2, comm.rank()))
    })
    .unwrap();
    let sharded = rows[1].score(c_test, t_test).unwrap();
    assert!(
        sharded > 0.8 && (sharded - single).abs() < 0.03,
        "rows {sharded}, fit {single}"
    );
}

#[test]
fn row_sharded_forests_refuse_bad_shards_and_parameters() {
    let x = features(30, 3);
    let y = labels(&x, 2);
    let target = x.column(0).to_owned();
    let mut with_inf = x.clone();
    with_inf[[3, 1]] = f64::INFINITY;
    let narrow = x.slice(s![.., ..2]).to_owned();
    let rf = RandomForestClassifier::default().n_estimators(2).random_state(0);
    let rfr = RandomForestRegressor::default().n_estimators(2).random_state(0);
    for bad in [&with_inf, &narrow] {
        every_rank_fails(|comm, mine| {
            let data = if mine { bad } else { &x };
            rf.fit_distributed_rows(
                comm,
                shard(data.view(), 3, comm.rank()),
                shard1(y.view(), 3, comm.rank()),
            )
        });
        every_rank_fails(|comm, mine| {
            let data = if mine { bad } else { &x };
            rfr.fit_distributed_rows(
                comm,
                shard(data.view(), 3, comm.rank()),
                shard1(target.view(), 3, comm.rank()),
            )
        });
    }
    // A NaN target on one rank; y shorter than x on one rank.
    let mut nan_target = target.clone();
    nan_target[20] = f64::NAN;
    every_rank_fails(|comm, _| {
        rfr.fit_distributed_rows(
            comm,
            shard(x.view(), 3, comm.rank()),
            shard1(nan_target.view(), 3, comm.rank()),
        )
    });
    every_rank_fails(|comm, mine| {
        let ys = shard1(y.view(), 3, comm.rank());
        let ys = if mine { ys.slice_move(s![1..]) } else { ys };
        rf.fit_distributed_rows(comm, shard(x.view(), 3, comm.rank()), ys)
    });
    // One class over all ranks; no row on any rank.
    let one_class = Array1::<usize>::zeros(30);
    every_rank_fails(|comm, _| {
        rf.fit_distributed_rows(
            comm,
            shard(x.view(), 3, comm.rank()),
            shard1(one_class.view(), 3, comm.rank()),
        )
    });
    let empty = Array2::<f64>::zeros((0, 3));
    let no_y = Array1::<usize>::zeros(0);
    every_rank_fails(|comm, _| rf.fit_distributed_rows(comm, empty.view(), no_y.view()));
    // Parameters this mode does not support: named errors.
    let refused = [
        rf.clone().binning(learnkit::tree::Binning::Exact),
        rf.clone().oob_score(true),
        rf.clone().class_weight(learnkit::class_weight::ClassWeight::Balanced),
    ];
    for params in refused {
        let errors = run_in_process(2, |comm| {
            Ok(params
                .fit_distributed_rows(comm, shard(x.view(), 2, comm.rank()), shard1(y.view(), 2, comm.rank()))
                .unwrap_err())
        })
        .unwrap();
        assert!(
            errors
                .iter()
                .all(|e| matches!(e, learnkit::Error::InvalidParameter { .. })),
            "{errors:?}"
        );
    }
}

/// The bytes a row-sharded forest sends per tree (`bytes_sent`, the ring
/// formulas; the figure in benches/README.md): every searched node sends
/// at most its drawn features' histograms (at most 256 codes × 3 integers
/// on two classes, one buffer's worth on 2 ranks), and the setup (checks,
/// seed, binning sample) is paid once, not per tree.
#[test]
fn row_sharded_forest_bytes_per_tree() {
    let (x, y) = classification(2_000);
    let fit = |trees: usize| {
        run_in_process(2, |comm| {
            let before = comm.bytes_sent();
            let model = RandomForestClassifier::default()
                .n_estimators(trees)
                .max_features(0.5)
                .random_state(0)
                .fit_distributed_rows(comm, shard(x.view(), 2, comm.rank()), shard1(y.view(), 2, comm.rank()))?;
            let nodes: usize = model.estimators().iter().map(|t| t.node_count()).sum();
            Ok((comm.bytes_sent() - before, nodes))
        })
        .unwrap()[0]
    };
    let ((one, nodes_one), (five, nodes_five)) = (fit(1), fit(5));
    let per_tree = (five - one) / 4;
    let nodes_per_tree = (nodes_five - nodes_one) / 4;
    eprintln!(
        "2 ranks, 2,000 × 8, 2 classes: setup and one tree {one} bytes; {per_tree} bytes per further tree of {nodes_per_tree} nodes"
    );
    assert!(per_tree > 0 && per_tree < one, "{per_tree} {one}");
    assert!(
        per_tree as usize <= nodes_per_tree * 8 * 256 * 3 * 8,
        "{per_tree} bytes, {nodes_per_tree} nodes"
    );
}
