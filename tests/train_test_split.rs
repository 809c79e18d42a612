//! train_test_split: sizes rounded as scikit-learn, shuffling, seeds,
//! stratified proportions, and every error.

use learnkit::Error;
use learnkit::model_selection::{TrainTestSplit, train_test_split};
use ndarray::{Array1, Array2, array};
use std::collections::HashSet;

/// `n` rows whose first feature is the row index, and targets equal to it.
fn indexed(n: usize) -> (Array2<f64>, Array1<usize>) {
    (
        Array2::from_shape_fn((n, 2), |(i, j)| (i * 10 + j) as f64),
        Array1::from_iter(0..n),
    )
}

/// Three classes of 50, as iris.
fn iris_like() -> (Array2<f64>, Array1<usize>) {
    (
        Array2::from_shape_fn((150, 4), |(i, j)| (i + j) as f64),
        Array1::from_iter((0..150).map(|i| i / 50)),
    )
}

fn count<T: PartialEq>(y: &Array1<T>, class: T) -> usize {
    y.iter().filter(|&c| *c == class).count()
}

/// Every row lands in exactly one part, with its own target.
fn assert_partition(split: &TrainTestSplit<f64, usize>, n: usize) {
    let mut seen = HashSet::new();
    for (x, y) in [(&split.x_train, &split.y_train), (&split.x_test, &split.y_test)] {
        assert_eq!(x.nrows(), y.len());
        for (row, &target) in x.outer_iter().zip(y) {
            assert_eq!(row[0], (target * 10) as f64, "row travels with its target");
            assert!(seen.insert(target), "row {target} appears twice");
        }
    }
    assert_eq!(seen.len(), n);
}

fn assert_invalid<T: std::fmt::Debug>(result: learnkit::Result<T>, parameter: &str) {
    match result {
        Err(Error::InvalidParameter { parameter: p, .. }) => assert_eq!(p, parameter),
        other => panic!("expected InvalidParameter for {parameter}, got {other:?}"),
    }
}

#[test]
fn the_crate_tour_usage_compiles_and_works() {
    let (data, target) = iris_like();
    let split = train_test_split(data.view(), target.view())
        .test_size(0.3)
        .random_state(0)
        .stratify(target.view())
        .split()
        .unwrap();
    assert_eq!((split.x_train.view().nrows(), split.y_train.view().len()), (105, 105));
    assert_eq!((split.x_test.view().nrows(), split.y_test.view().len()), (45, 45));
    for class in 0..3 {
        assert_eq!(count(&split.y_test, class), 15);
        assert_eq!(count(&split.y_train, class), 35);
    }
}

#[test]
fn default_test_size_is_a_quarter_rounded_up() {
    let (x, y) = indexed(10);
    let split = train_test_split(x.view(), y.view()).random_state(0).split().unwrap();
    assert_eq!((split.x_train.nrows(), split.x_test.nrows()), (7, 3));
    assert_partition(&split, 10);
}

#[test]
fn sizes_follow_scikit_learns_rounding() {
    let (x, y) = indexed(150);
    let sizes = |splitter: learnkit::model_selection::TrainTestSplitter<'_, f64, usize>| {
        let s = splitter.random_state(1).split().unwrap();
        (s.y_train.len(), s.y_test.len())
    };
    assert_eq!(sizes(train_test_split(x.view(), y.view()).test_size(0.3)), (105, 45));
    assert_eq!(sizes(train_test_split(x.view(), y.view()).test_size(0.33)), (100, 50)); // ceil(49.5)
    assert_eq!(sizes(train_test_split(x.view(), y.view()).test_count(20)), (130, 20));
    assert_eq!(sizes(train_test_split(x.view(), y.view()).train_size(0.33)), (49, 101)); // floor(49.5)
    assert_eq!(sizes(train_test_split(x.view(), y.view()).train_count(140)), (140, 10));
    assert_eq!(
        sizes(train_test_split(x.view(), y.view()).train_size(0.5).test_size(0.1)),
        (75, 15)
    );
    assert_eq!(
        sizes(train_test_split(x.view(), y.view()).train_count(10).test_count(5)),
        (10, 5)
    );
}

#[test]
fn partial_splits_leave_rows_out_but_never_duplicate() {
    let (x, y) = indexed(20);
    let split = train_test_split(x.view(), y.view())
        .train_count(5)
        .test_count(5)
        .random_state(3)
        .split()
        .unwrap();
    let all: HashSet<usize> = split.y_train.iter().chain(&split.y_test).copied().collect();
    assert_eq!(all.len(), 10);
}

#[test]
fn without_shuffle_the_first_rows_train() {
    let (x, y) = indexed(8);
    let split = train_test_split(x.view(), y.view())
        .shuffle(false)
        .test_count(3)
        .split()
        .unwrap();
    assert_eq!(split.y_train, array![0, 1, 2, 3, 4]);
    assert_eq!(split.y_test, array![5, 6, 7]);
    assert_eq!(split.x_test.row(0).to_vec(), vec![50.0, 51.0]);
}

#[test]
fn the_same_seed_gives_the_same_split() {
    let (x, y) = indexed(100);
    let a = train_test_split(x.view(), y.view()).random_state(9).split().unwrap();
    let b = train_test_split(x.view(), y.view()).random_state(9).split().unwrap();
    let c = train_test_split(x.view(), y.view()).random_state(10).split().unwrap();
    assert_eq!(a, b);
    assert_ne!(a.y_test, c.y_test);
    assert_partition(&a, 100);
    // Shuffled: not simply the last rows.
    assert_ne!(a.y_test.to_vec(), (75..100).collect::<Vec<_>>());
}

#[test]
fn works_on_views_f32_and_any_target_type() {
    let x = Array2::<f32>::from_shape_fn((12, 3), |(i, j)| (i + j) as f32);
    let y: Array1<String> = (0..12).map(|i| format!("r{i}")).collect();
    let labels = Array1::from_iter((0..12).map(|i| i % 2 == 0));
    let split = train_test_split(x.slice(ndarray::s![.., 1..]), y.view())
        .test_size(0.5)
        .stratify(labels.view())
        .random_state(0)
        .split()
        .unwrap();
    assert_eq!(split.x_train.dim(), (6, 2));
    let even = split
        .y_test
        .iter()
        .filter(|s| s[1..].parse::<usize>().unwrap() % 2 == 0)
        .count();
    assert_eq!(even, 3);
}

#[test]
fn stratified_splits_preserve_class_proportions() {
    // 90 / 10 imbalance, 20% test: 18 + 2.
    let x = Array2::<f64>::zeros((100, 1));
    let y = Array1::from_iter((0..100).map(|i| if i < 90 { "common" } else { "rare" }));
    for seed in 0..20 {
        let split = train_test_split(x.view(), y.view())
            .test_size(0.2)
            .stratify(y.view())
            .random_state(seed)
            .split()
            .unwrap();
        assert_eq!((count(&split.y_test, "common"), count(&split.y_test, "rare")), (18, 2));
        assert_eq!(
            (count(&split.y_train, "common"), count(&split.y_train, "rare")),
            (72, 8)
        );
    }
}

#[test]
fn stratified_allocation_is_scikit_learns_approximate_mode() {
    // Classes of 5 and 2, 3 test rows: train gets round(4 · 5/7) = 3 and 1,
    // the test set the rest: 2 and 1 (scikit-learn gives the same).
    let x = Array2::<f64>::zeros((7, 1));
    let y = array![0, 0, 0, 0, 0, 1, 1];
    let split = train_test_split(x.view(), y.view())
        .test_count(3)
        .stratify(y.view())
        .random_state(0)
        .split()
        .unwrap();
    assert_eq!((count(&split.y_train, 0), count(&split.y_train, 1)), (3, 1));
    assert_eq!((count(&split.y_test, 0), count(&split.y_test, 1)), (2, 1));
    // Ties are broken at random: 3 classes of 3, 4 test rows, so one class
    // gets 2 test rows, and which one depends on the seed.
    let x = Array2::<f64>::zeros((9, 1));
    let y = array![0, 0, 0, 1, 1, 1, 2, 2, 2];
    let mut doubled = HashSet::new();
    for seed in 0..30 {
        let split = train_test_split(x.view(), y.view())
            .test_count(4)
            .stratify(y.view())
            .random_state(seed)
            .split()
            .unwrap();
        let counts: Vec<usize> = (0..3).map(|c| count(&split.y_test, c)).collect();
        assert_eq!(counts.iter().sum::<usize>(), 4);
        assert!(counts.iter().all(|&c| (1..=2).contains(&c)), "{counts:?}");
        doubled.insert(counts.iter().position(|&c| c == 2).unwrap());
    }
    assert!(doubled.len() > 1, "ties always favoured the same class");
}

#[test]
fn stratified_split_is_a_partition_and_deterministic() {
    let (x, _) = indexed(60);
    let y = Array1::from_iter(0..60);
    let labels = Array1::from_iter((0..60).map(|i| i % 3));
    let run = |seed| {
        train_test_split(x.view(), y.view())
            .stratify(labels.view())
            .random_state(seed)
            .split()
            .unwrap()
    };
    let split = run(4);
    assert_partition(&split, 60);
    assert_eq!(split, run(4));
    assert_ne!(split.y_test, run(5).y_test);
}

#[test]
fn y_of_the_wrong_length_is_a_shape_mismatch() {
    let (x, _) = indexed(5);
    let y = array![0, 1, 2];
    let err = train_test_split(x.view(), y.view()).split().unwrap_err();
    assert!(
        matches!(
            err,
            Error::ShapeMismatch {
                expected: 5,
                got: 3,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn stratify_labels_of_the_wrong_length_are_a_shape_mismatch() {
    let (x, y) = indexed(5);
    let labels = array!["a", "b"];
    let err = train_test_split(x.view(), y.view())
        .stratify(labels.view())
        .split()
        .unwrap_err();
    assert!(
        matches!(err, Error::ShapeMismatch { what, expected: 5, got: 2, .. } if what.contains("stratify")),
        "{err:?}"
    );
}

#[test]
fn empty_input_is_an_error() {
    let x = Array2::<f64>::zeros((0, 3));
    let y = Array1::<usize>::zeros(0);
    assert!(matches!(
        train_test_split(x.view(), y.view()).split(),
        Err(Error::EmptyInput { .. })
    ));
}

#[test]
fn test_sizes_out_of_range_are_invalid() {
    let (x, y) = indexed(10);
    let split = || train_test_split(x.view(), y.view()).random_state(0);
    for bad in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
        assert_invalid(split().test_size(bad).split(), "test_size");
        assert_invalid(split().train_size(bad).split(), "train_size");
    }
    assert_invalid(split().test_count(0).split(), "test_size");
    assert_invalid(split().test_count(10).split(), "test_size");
    assert_invalid(split().train_count(0).split(), "train_size");
    assert_invalid(split().train_count(10).split(), "train_size");
    assert_invalid(split().train_size(0.8).test_size(0.3).split(), "train_size");
    assert_invalid(split().train_count(6).test_count(5).split(), "test_size");
}

#[test]
fn a_test_size_leaving_no_training_rows_is_invalid() {
    // ceil(0.9 × 2) = 2 test rows, 0 training rows.
    let (x, y) = indexed(2);
    let err = train_test_split(x.view(), y.view()).test_size(0.9).split().unwrap_err();
    match err {
        Error::InvalidParameter {
            parameter, constraint, ..
        } => {
            assert_eq!(parameter, "test_size");
            assert!(constraint.contains("training"), "{constraint}");
        }
        other => panic!("{other:?}"),
    }
    // A training fraction rounding down to zero rows.
    let (x, y) = indexed(3);
    assert_invalid(
        train_test_split(x.view(), y.view()).train_size(0.2).split(),
        "train_size",
    );
}

#[test]
fn a_stratify_class_with_one_member_is_invalid_input() {
    let x = Array2::<f64>::zeros((7, 1));
    let y = array![0, 0, 0, 1, 1, 1, 2];
    let err = train_test_split(x.view(), y.view())
        .stratify(y.view())
        .random_state(0)
        .split()
        .unwrap_err();
    match err {
        Error::InvalidInput { message, .. } => {
            assert!(message.contains("only 1 member"), "{message}");
            assert!(message.contains("[2]"), "names the class: {message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn stratify_without_shuffle_is_invalid() {
    let (x, _) = indexed(8);
    let y = array![0, 0, 0, 0, 1, 1, 1, 1];
    assert_invalid(
        train_test_split(x.view(), y.view())
            .shuffle(false)
            .stratify(y.view())
            .split(),
        "stratify",
    );
}

#[test]
fn a_stratified_test_set_smaller_than_the_classes_is_invalid() {
    let x = Array2::<f64>::zeros((9, 1));
    let y = array![0, 0, 0, 1, 1, 1, 2, 2, 2];
    assert_invalid(
        train_test_split(x.view(), y.view())
            .test_count(2)
            .stratify(y.view())
            .split(),
        "test_size",
    );
    assert_invalid(
        train_test_split(x.view(), y.view())
            .train_count(2)
            .stratify(y.view())
            .split(),
        "train_size",
    );
}

#[test]
fn split_indices_match_the_split() {
    let (x, y) = indexed(30);
    let splitter = train_test_split(x.view(), y.view()).random_state(2);
    let (train, test) = splitter.split_indices().unwrap();
    let split = splitter.split().unwrap();
    assert_eq!(split.y_train.to_vec(), train);
    assert_eq!(split.y_test.to_vec(), test);
}
