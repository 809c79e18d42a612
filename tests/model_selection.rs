//! Model selection against scikit-learn 1.9.1 (tests/fixtures/model_selection.json,
//! made by tools/reference/model_selection.py): split indices of the
//! deterministic splitters, cross_val_score and GridSearchCV of
//! LogisticRegression on iris; properties of the shuffled splitters; the
//! error paths; thread-count determinism of the searches.

use crate::common;

use approx::assert_relative_eq;
use common::fixtures::vector;
use learnkit::datasets::load_iris;
use learnkit::model_selection::*;
use learnkit::prelude::*;
use ndarray::{Array1, Array2, Axis};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/model_selection.json")).unwrap()
}

fn indices(value: &Value) -> Vec<usize> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect()
}

fn expected_folds(value: &Value) -> Vec<Fold> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|f| Fold::new(indices(&f["train"]), indices(&f["test"])))
        .collect()
}

fn tight_logistic() -> LogisticRegression {
    LogisticRegression::default().tol(1e-10).max_iter(10_000)
}

#[test]
fn kfold_matches_scikit_learn() {
    let f = fixture();
    for case in ["kfold_3_10", "kfold_4_11"] {
        let c = &f["splits"][case];
        let n = c["n"].as_u64().unwrap() as usize;
        let k = expected_folds(&c["folds"]).len();
        let folds = KFold::new(k).split(Array1::<f64>::zeros(n).view(), None).unwrap();
        assert_eq!(folds, expected_folds(&c["folds"]), "{case}");
    }
}

#[test]
fn stratified_kfold_matches_scikit_learn() {
    let f = fixture();
    for case in ["stratified_3", "stratified_4"] {
        let c = &f["splits"][case];
        let y = Array1::from(indices(&c["y"]));
        let k = c["n_splits"].as_u64().unwrap() as usize;
        let folds = StratifiedKFold::new(k).split(y.view(), None).unwrap();
        assert_eq!(folds, expected_folds(&c["folds"]), "{case}");
        // Any label type gives the same folds.
        let names = y.mapv(|c| ["x", "a", "m"][c].to_string());
        assert_eq!(StratifiedKFold::new(k).split(names.view(), None).unwrap(), folds);
    }
}

#[test]
fn group_kfold_matches_scikit_learn() {
    let f = fixture();
    for case in ["group_3", "group_4"] {
        let c = &f["splits"][case];
        let groups = Array1::from(indices(&c["groups"]));
        let k = c["n_splits"].as_u64().unwrap() as usize;
        let y = Array1::<f64>::zeros(groups.len());
        let folds = GroupKFold::new(k).split(y.view(), Some(groups.view())).unwrap();
        assert_eq!(folds, expected_folds(&c["folds"]), "{case}");
    }
}

#[test]
fn time_series_split_matches_scikit_learn() {
    for case in fixture()["time_series"].as_array().unwrap() {
        let n = case["n"].as_u64().unwrap() as usize;
        let p = &case["params"];
        let get = |key: &str| p.get(key).and_then(Value::as_u64).map(|v| v as usize);
        let cv = TimeSeriesSplit::new(get("n_splits").unwrap_or(5))
            .gap(get("gap").unwrap_or(0))
            .max_train_size(get("max_train_size"))
            .test_size(get("test_size"));
        let folds = cv.split(Array1::<f64>::zeros(n).view(), None).unwrap();
        assert_eq!(folds, expected_folds(&case["folds"]), "{p}");
    }
}

fn assert_partition(folds: &[Fold], n: usize) {
    let mut tested = vec![0; n];
    for fold in folds {
        for &i in &fold.test {
            tested[i] += 1;
        }
        let mut all: Vec<usize> = fold.train.iter().chain(&fold.test).copied().collect();
        all.sort_unstable();
        assert_eq!(
            all,
            (0..n).collect::<Vec<_>>(),
            "train and test must be disjoint and cover the rows"
        );
    }
    assert!(tested.iter().all(|&t| t == 1), "each row tested exactly once");
}

#[test]
fn shuffled_kfolds_keep_sizes_and_proportions() {
    let y = Array1::from_iter((0..23).map(|i| usize::from(i % 3 == 0)));
    let plain = KFold::new(4).split(y.view(), None).unwrap();
    let shuffled = KFold::new(4)
        .shuffle(true)
        .random_state(3)
        .split(y.view(), None)
        .unwrap();
    assert_partition(&shuffled, 23);
    let sizes = |folds: &[Fold]| folds.iter().map(|f| f.test.len()).collect::<Vec<_>>();
    assert_eq!(sizes(&shuffled), sizes(&plain));
    assert_ne!(shuffled, plain);
    assert_eq!(
        shuffled,
        KFold::new(4)
            .shuffle(true)
            .random_state(3)
            .split(y.view(), None)
            .unwrap()
    );

    let strat = StratifiedKFold::new(4).split(y.view(), None).unwrap();
    let strat_shuffled = StratifiedKFold::new(4)
        .shuffle(true)
        .random_state(3)
        .split(y.view(), None)
        .unwrap();
    assert_partition(&strat_shuffled, 23);
    let per_class = |folds: &[Fold]| {
        folds
            .iter()
            .map(|f| f.test.iter().filter(|&&i| y[i] == 1).count())
            .collect::<Vec<_>>()
    };
    assert_eq!(per_class(&strat_shuffled), per_class(&strat));
    assert_ne!(strat_shuffled, strat);
}

#[test]
fn shuffle_splits_have_requested_sizes_and_proportions() {
    let y = Array1::from_iter((0..40).map(|i| i % 4 / 3)); // 30 of class 0, 10 of class 1
    let folds = ShuffleSplit::new(5)
        .test_size(Some(SplitSize::Fraction(0.25)))
        .random_state(0)
        .split(y.view(), None)
        .unwrap();
    assert_eq!(folds.len(), 5);
    for fold in &folds {
        assert_eq!((fold.train.len(), fold.test.len()), (30, 10));
        assert!(fold.test.iter().all(|i| !fold.train.contains(i)));
    }
    assert_ne!(folds[0], folds[1]);
    // ShuffleSplit defaults to a tenth of the rows for testing.
    let default = ShuffleSplit::default().random_state(0).split(y.view(), None).unwrap();
    assert_eq!((default.len(), default[0].test.len()), (10, 4));

    let strat = StratifiedShuffleSplit::new(5)
        .test_size(Some(SplitSize::Fraction(0.2)))
        .random_state(0)
        .split(y.view(), None)
        .unwrap();
    for fold in &strat {
        assert_eq!((fold.train.len(), fold.test.len()), (32, 8));
        assert_eq!(fold.test.iter().filter(|&&i| y[i] == 1).count(), 2);
        assert_eq!(fold.train.iter().filter(|&&i| y[i] == 1).count(), 8);
        assert!(fold.test.iter().all(|i| !fold.train.contains(i)));
    }
}

fn input_error<T: std::fmt::Debug>(result: learnkit::Result<T>, needle: &str) {
    match result {
        Err(Error::InvalidInput { message, .. }) => assert!(message.contains(needle), "{message}"),
        other => panic!("expected InvalidInput containing {needle:?}, got {other:?}"),
    }
}

fn parameter_error<T: std::fmt::Debug>(result: learnkit::Result<T>, parameter: &str) {
    match result {
        Err(Error::InvalidParameter { parameter: p, .. }) => assert_eq!(p, parameter),
        other => panic!("expected InvalidParameter {parameter}, got {other:?}"),
    }
}

#[test]
fn splitters_reject_impossible_splits() {
    let y = Array1::from(vec![0, 0, 1, 1, 1, 1]);
    input_error(KFold::new(7).split(y.view(), None), "n_splits=7");
    input_error(StratifiedKFold::new(7).split(y.view(), None), "n_splits=7");
    input_error(
        StratifiedKFold::new(3).split(y.view(), None),
        "rarest class (0) has only 2",
    );
    input_error(TimeSeriesSplit::new(6).split(y.view(), None), "n_splits=6");
    input_error(
        TimeSeriesSplit::new(2).test_size(Some(3)).split(y.view(), None),
        "leaves none",
    );
    let groups = Array1::from(vec![1, 1, 2, 2, 3, 3]);
    input_error(GroupKFold::new(4).split(y.view(), Some(groups.view())), "3 groups");
    input_error(GroupKFold::new(2).split(y.view(), None), "needs `groups`");
    assert!(matches!(
        GroupKFold::new(2).split(y.view(), Some(groups.slice(ndarray::s![..5]))),
        Err(Error::ShapeMismatch { .. })
    ));
    input_error(
        StratifiedShuffleSplit::new(2).split(Array1::from(vec![0, 1, 1, 1]).view(), None),
        "only 1 member",
    );
}

#[test]
fn splitters_reject_bad_parameters() {
    let y = Array1::from(vec![0, 0, 1, 1, 1, 1]);
    parameter_error(KFold::new(1).split(y.view(), None), "n_splits");
    parameter_error(StratifiedKFold::new(0).split(y.view(), None), "n_splits");
    parameter_error(GroupKFold::new(1).split(y.view(), Some(y.view())), "n_splits");
    parameter_error(TimeSeriesSplit::new(1).split(y.view(), None), "n_splits");
    parameter_error(
        TimeSeriesSplit::new(2).test_size(Some(0)).split(y.view(), None),
        "test_size",
    );
    parameter_error(
        TimeSeriesSplit::new(2).max_train_size(Some(0)).split(y.view(), None),
        "max_train_size",
    );
    parameter_error(KFold::new(2).random_state(1).split(y.view(), None), "random_state");
    parameter_error(
        StratifiedKFold::new(2).random_state(1).split(y.view(), None),
        "random_state",
    );
    parameter_error(ShuffleSplit::new(0).split(y.view(), None), "n_splits");
    parameter_error(StratifiedShuffleSplit::new(0).split(y.view(), None), "n_splits");
    parameter_error(
        ShuffleSplit::new(2)
            .test_size(Some(SplitSize::Fraction(1.5)))
            .split(y.view(), None),
        "test_size",
    );
    assert!(matches!(
        ShuffleSplit::new(2).split(Array1::<f64>::zeros(0).view(), None),
        Err(Error::EmptyInput { .. })
    ));
}

#[test]
fn cross_val_score_on_iris_matches_scikit_learn_and_hand_fits() {
    let f = fixture();
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let cv = StratifiedKFold::new(5);
    let accuracy = cross_val_score(&tight_logistic(), x, y)
        .cv(&cv)
        .scoring(Accuracy)
        .run()
        .unwrap();
    assert_eq!(accuracy, vector(&f["cross_val_score_iris_accuracy"]));
    let log_loss = cross_val_score(&tight_logistic(), x, y)
        .cv(&cv)
        .scoring(NegLogLoss)
        .run()
        .unwrap();
    for (a, b) in log_loss.iter().zip(vector(&f["cross_val_score_iris_neg_log_loss"])) {
        assert_relative_eq!(*a, b, max_relative = 1e-5);
    }
    // The same numbers as fitting each fold by hand.
    for (fold, score) in cv.split(y, None).unwrap().iter().zip(&accuracy) {
        let model = tight_logistic()
            .fit(
                x.select(Axis(0), &fold.train).view(),
                y.select(Axis(0), &fold.train).view(),
            )
            .unwrap();
        let by_hand = model
            .score(
                x.select(Axis(0), &fold.test).view(),
                y.select(Axis(0), &fold.test).view(),
            )
            .unwrap();
        assert_eq!(by_hand, *score);
    }
    // The default scorer is the model's own score (accuracy), and the default
    // splitter scikit-learn's StratifiedKFold(5).
    let default = cross_val_score(&tight_logistic(), x, y).run().unwrap();
    assert_eq!(default, accuracy);
    // cross_validate with both scorers at once gives the same numbers, keyed
    // by name.
    let both = cross_validate(&tight_logistic(), x, y)
        .scoring("accuracy", Accuracy)
        .scoring("neg_log_loss", NegLogLoss)
        .run()
        .unwrap();
    assert_eq!(both.scorer_names(), ["accuracy", "neg_log_loss"]);
    assert_eq!(both.test_scores("accuracy").unwrap(), accuracy);
    assert_eq!(both.test_scores("neg_log_loss").unwrap(), log_loss);
    assert_eq!(both.test_score(), accuracy);
}

#[test]
fn cross_validate_reports_train_scores_and_times() {
    let iris = load_iris();
    let scorer = |m: &learnkit::linear_model::FittedLogisticRegression<f64, usize>,
                  x: ndarray::ArrayView2<'_, f64>,
                  y: ndarray::ArrayView1<'_, usize>| m.score(x, y).map(|s| 1.0 - s);
    let result = cross_validate(&tight_logistic(), iris.data.view(), iris.target.view())
        .cv(StratifiedKFold::new(3))
        .scoring("error", scorer)
        .scoring("balanced_accuracy", BalancedAccuracy)
        .return_train_score(true)
        .run()
        .unwrap();
    let error = result.test_scores("error").unwrap();
    assert_eq!(error.len(), 3);
    assert!(error.iter().all(|&e| (0.0..0.2).contains(&e)));
    assert!(result.train_scores("error").unwrap().iter().all(|&e| e < 0.1));
    assert!(
        result
            .test_scores("balanced_accuracy")
            .unwrap()
            .iter()
            .all(|&a| a > 0.8)
    );
    assert!(
        result
            .train_scores("balanced_accuracy")
            .unwrap()
            .iter()
            .all(|&a| a > 0.9)
    );
    assert!(result.fit_time().iter().all(|&t| t > 0.0));
    assert!(result.score_time().iter().all(|&t| t >= 0.0));
    // A name no scorer has, and training scores not asked for, are errors
    // naming the problem.
    input_error(result.test_scores("accuracy"), "no scorer is named \"accuracy\"");
    let no_train = cross_validate(&tight_logistic(), iris.data.view(), iris.target.view())
        .run()
        .unwrap();
    input_error(no_train.train_scores("score"), "return_train_score");
    // The same folds on 1 or 3 threads give the same scores.
    let on = |n| {
        cross_validate(&tight_logistic(), iris.data.view(), iris.target.view())
            .scoring("balanced_accuracy", BalancedAccuracy)
            .n_jobs(Some(n))
            .run()
            .unwrap()
    };
    assert_eq!(on(1).test_score(), on(3).test_score());
}

#[test]
fn cross_val_predict_predicts_each_row_out_of_fold() {
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let cv = StratifiedKFold::new(5);
    let predicted = cross_val_predict(&tight_logistic(), x, y, None, &cv).unwrap();
    for fold in cv.split(y, None).unwrap() {
        let model = tight_logistic()
            .fit(
                x.select(Axis(0), &fold.train).view(),
                y.select(Axis(0), &fold.train).view(),
            )
            .unwrap();
        let expected = model.predict(x.select(Axis(0), &fold.test).view()).unwrap();
        assert_eq!(predicted.select(Axis(0), &fold.test), expected);
    }
    input_error(
        cross_val_predict(&tight_logistic(), x, y, None, &TimeSeriesSplit::new(3)),
        "in no test fold",
    );
    input_error(
        cross_val_predict(
            &tight_logistic(),
            x,
            y,
            None,
            &StratifiedShuffleSplit::new(3).random_state(0),
        ),
        "more than one test fold",
    );
}

#[test]
fn cross_validation_errors_name_the_problem() {
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let cv = StratifiedKFold::new(3);
    let short = y.slice(ndarray::s![..100]);
    assert!(matches!(
        cross_val_score(&tight_logistic(), x, short).cv(KFold::new(3)).run(),
        Err(Error::ShapeMismatch { .. })
    ));
    let groups = Array1::from(vec![0usize; 10]);
    assert!(matches!(
        cross_val_score(&tight_logistic(), x, y)
            .cv(&cv)
            .groups(groups.view())
            .run(),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        cross_val_score(
            &tight_logistic(),
            x.slice(ndarray::s![..0, ..]),
            y.slice(ndarray::s![..0])
        )
        .cv(&cv)
        .run(),
        Err(Error::EmptyInput { .. })
    ));
    // A NaN is reported at its row of the caller's matrix, not of a fold's copy.
    let mut bad = iris.data.clone();
    bad[[120, 1]] = f64::NAN;
    assert!(matches!(
        cross_val_score(&tight_logistic(), bad.view(), y).cv(&cv).run(),
        Err(Error::NonFinite {
            row: 120,
            column: 1,
            ..
        })
    ));
    // Unshuffled KFold on sorted iris tests classes the model never saw.
    input_error(
        cross_val_score(&tight_logistic(), x, y)
            .cv(KFold::new(3))
            .scoring(NegLogLoss)
            .run(),
        "classes",
    );
    assert!(matches!(
        cross_val_score(&tight_logistic().c(-1.0), x, y).cv(&cv).run(),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn scorers_compute_their_metrics() {
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let model = tight_logistic().fit(x, y).unwrap();
    let predicted = model.predict(x).unwrap();
    let proba = model.predict_proba(x).unwrap();
    use learnkit::metrics as m;
    assert_eq!(
        Accuracy.score(&model, x, y).unwrap(),
        m::accuracy_score(y, predicted.view()).unwrap()
    );
    assert_eq!(
        BalancedAccuracy.score(&model, x, y).unwrap(),
        m::balanced_accuracy_score(y, predicted.view()).unwrap()
    );
    assert_eq!(
        F1(m::Average::Weighted).score(&model, x, y).unwrap(),
        m::f1_score(y, predicted.view(), m::Average::Weighted).unwrap()
    );
    assert_eq!(
        RocAuc.score(&model, x, y).unwrap(),
        m::roc_auc_score_ovr(y, proba.view()).unwrap()
    );
    assert_eq!(
        NegLogLoss.score(&model, x, y).unwrap(),
        -m::log_loss(y, proba.view()).unwrap()
    );
    // Two classes: the AUC of the decision function, as scikit-learn's
    // "roc_auc" (the same ranking as the second class's probability).
    let binary = y.mapv(|c| usize::from(c == 2));
    let model2 = tight_logistic().fit(x, binary.view()).unwrap();
    let d2 = model2.decision_function(x).unwrap();
    let p2 = model2.predict_proba(x).unwrap();
    assert_eq!(
        RocAuc.score(&model2, x, binary.view()).unwrap(),
        m::roc_auc_score(binary.view(), d2.column(0)).unwrap()
    );
    assert_relative_eq!(
        RocAuc.score(&model2, x, binary.view()).unwrap(),
        m::roc_auc_score(binary.view(), p2.column(1)).unwrap(),
        max_relative = 1e-12
    );
    // Regression scorers.
    let target = x.column(3).mapv(|v| 2.0 * v) + y.mapv(|c| c as f64);
    let forest = learnkit::ensemble::RandomForestRegressor::default()
        .n_estimators(10)
        .random_state(0)
        .fit(x, target.view())
        .unwrap();
    let fitted = forest.predict(x).unwrap();
    assert_eq!(
        R2.score(&forest, x, target.view()).unwrap(),
        m::r2_score(target.view(), fitted.view()).unwrap()
    );
    assert_eq!(
        NegMeanSquaredError.score(&forest, x, target.view()).unwrap(),
        -m::mean_squared_error(target.view(), fitted.view()).unwrap()
    );
    assert_eq!(
        NegMeanAbsoluteError.score(&forest, x, target.view()).unwrap(),
        -m::mean_absolute_error(target.view(), fitted.view()).unwrap()
    );
}

#[test]
fn grid_search_matches_scikit_learn() {
    let f = fixture();
    let g = &f["grid_search_iris"];
    let iris = load_iris();
    let cs = vector(&g["Cs"]).to_vec();
    let search = GridSearchCV::new(cs.clone(), |&c: &f64| tight_logistic().c(c), StratifiedKFold::new(5))
        .scoring(NegLogLoss)
        .return_train_score(true);
    let fitted = search.fit(iris.data.view(), iris.target.view()).unwrap();
    let r = fitted.cv_results();
    for (key, ours) in [
        ("mean_test_score", &r.mean_test_score),
        ("std_test_score", &r.std_test_score),
    ] {
        for (a, b) in ours.iter().zip(vector(&g[key])) {
            assert_relative_eq!(*a, b, max_relative = 1e-4);
        }
    }
    for (a, b) in r
        .split_test_scores
        .column(0)
        .iter()
        .zip(vector(&g["split0_test_score"]))
    {
        assert_relative_eq!(*a, b, max_relative = 1e-5);
    }
    let ranks: Vec<usize> = indices(&g["rank_test_score"]);
    assert_eq!(r.rank_test_score, ranks);
    assert_eq!(fitted.best_index(), g["best_index"].as_u64().unwrap() as usize);
    assert_eq!(*fitted.best_params(), cs[fitted.best_index()]);
    assert_relative_eq!(
        fitted.best_score(),
        g["best_score"].as_f64().unwrap(),
        max_relative = 1e-5
    );
    assert_eq!(r.split_train_scores.as_ref().unwrap().dim(), (4, 5));
    // The refitted model is the best candidate fitted on all rows.
    let direct = tight_logistic()
        .c(cs[fitted.best_index()])
        .fit(iris.data.view(), iris.target.view())
        .unwrap();
    assert_eq!(fitted.best_estimator().coef(), direct.coef());
    assert_eq!(
        fitted.predict(iris.data.view()).unwrap(),
        direct.predict(iris.data.view()).unwrap()
    );
    let table = r.to_string();
    assert_eq!(table.lines().count(), 5);
    assert!(table.lines().nth(4).unwrap().trim_start().starts_with('1'));
}

#[test]
fn ranks_share_ties_and_the_first_tie_wins() {
    let iris = load_iris();
    // Identical candidates score identically: all rank 1, the first is best.
    let search = GridSearchCV::new(
        vec![1.0, 1.0, 0.001],
        |&c: &f64| tight_logistic().c(c),
        StratifiedKFold::new(3),
    );
    let fitted = search.fit(iris.data.view(), iris.target.view()).unwrap();
    assert_eq!(fitted.cv_results().rank_test_score, vec![1, 1, 3]);
    assert_eq!(fitted.best_index(), 0);
}

#[test]
fn searches_are_identical_on_one_or_two_threads() {
    let data = learnkit::datasets::MakeClassification::default()
        .n_samples(600)
        .n_features(8)
        .random_state(0)
        .generate()
        .unwrap();
    let (x, y): (Array2<f64>, Array1<usize>) = (data.0, data.1);
    let grid = GridSearchCV::new(
        vec![0.01, 0.1, 1.0],
        |&c: &f64| LogisticRegression::default().c(c),
        KFold::new(4).shuffle(true).random_state(1),
    )
    .scoring(NegLogLoss);
    let one = common::on_threads(1, || grid.fit(x.view(), y.view()).unwrap());
    let two = common::on_threads(2, || grid.clone().n_jobs(Some(2)).fit(x.view(), y.view()).unwrap());
    assert_eq!(common::to_json(&one), common::to_json(&two));
    let randomized = RandomizedSearchCV::new(
        |rng: &mut rand::rngs::StdRng| rand::Rng::random_range(rng, 0.01..10.0),
        |&c: &f64| LogisticRegression::default().c(c),
        StratifiedKFold::new(3),
    )
    .n_iter(4)
    .random_state(5);
    let one = common::on_threads(1, || randomized.fit(x.view(), y.view()).unwrap());
    let two = common::on_threads(2, || randomized.fit(x.view(), y.view()).unwrap());
    assert_eq!(common::to_json(&one), common::to_json(&two));
    assert_eq!(one.cv_results().params.len(), 4);
    assert!(one.cv_results().params.iter().all(|c| (0.01..10.0).contains(c)));
}

#[test]
fn searches_reject_bad_settings() {
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let empty = GridSearchCV::new(
        Vec::<f64>::new(),
        |&c: &f64| tight_logistic().c(c),
        StratifiedKFold::new(3),
    );
    parameter_error(empty.fit(x, y), "param_grid");
    let jobs = GridSearchCV::new(vec![1.0], |&c: &f64| tight_logistic().c(c), StratifiedKFold::new(3)).n_jobs(Some(0));
    parameter_error(jobs.fit(x, y), "n_jobs");
    let bad_candidate = GridSearchCV::new(
        vec![1.0, -1.0],
        |&c: &f64| tight_logistic().c(c),
        StratifiedKFold::new(3),
    );
    parameter_error(bad_candidate.fit(x, y), "C");
    let no_iter = RandomizedSearchCV::new(
        |_: &mut rand::rngs::StdRng| 1.0,
        |&c: &f64| tight_logistic().c(c),
        KFold::new(3),
    )
    .n_iter(0);
    parameter_error(no_iter.fit(x, y), "n_iter");
    let too_many_folds = GridSearchCV::new(vec![1.0], |&c: &f64| tight_logistic().c(c), StratifiedKFold::new(60));
    input_error(too_many_folds.fit(x, y), "rarest class");
}

#[test]
fn logistic_regression_cv_matches_scikit_learn() {
    use learnkit::linear_model::{Cs, LogisticRegressionCV};
    let f = fixture();
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let r = &f["logistic_cv_iris"]["accuracy"];
    let fitted = LogisticRegressionCV::default()
        .cs(Cs::Count(6))
        .tol(1e-10)
        .max_iter(10_000)
        .fit(x, y)
        .unwrap();
    for (a, b) in fitted.cs().iter().zip(vector(&r["Cs"])) {
        assert_relative_eq!(*a, b, max_relative = 1e-12);
    }
    assert_relative_eq!(fitted.c(), r["C"].as_f64().unwrap(), max_relative = 1e-12);
    assert_eq!(fitted.scores(), common::fixtures::matrix(&r["scores"]));
    let coef = common::fixtures::matrix(&r["coef"]);
    for (a, b) in fitted.model().coef().iter().zip(coef.iter()) {
        assert!((a - b).abs() <= 1e-4 * b.abs().max(1e-2), "coef {a} vs {b}");
    }
    for (a, b) in fitted.model().intercept().iter().zip(vector(&r["intercept"])) {
        assert!((a - b).abs() <= 1e-4 * b.abs().max(1e-2), "intercept {a} vs {b}");
    }

    let r = &f["logistic_cv_iris"]["neg_log_loss"];
    let cs = vector(&r["Cs"]).to_vec();
    let fitted = LogisticRegressionCV::default()
        .cs(Cs::List(cs))
        .scoring(NegLogLoss)
        .tol(1e-10)
        .max_iter(10_000)
        .fit(x, y)
        .unwrap();
    assert_eq!(fitted.c(), r["C"].as_f64().unwrap());
    for (a, b) in fitted
        .scores()
        .iter()
        .zip(common::fixtures::matrix(&r["scores"]).iter())
    {
        assert_relative_eq!(*a, *b, max_relative = 1e-5);
    }
}

#[test]
fn logistic_regression_cv_without_refit_averages_the_folds() {
    use learnkit::linear_model::{Cs, LogisticRegressionCV};
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let cs = vec![0.1, 1.0, 10.0];
    let fitted = LogisticRegressionCV::default()
        .cs(Cs::List(cs.clone()))
        .refit(false)
        .tol(1e-10)
        .max_iter(10_000)
        .fit(x, y)
        .unwrap();
    // Recompute by hand: each fold's best C (first on ties), its model, the mean.
    let folds = StratifiedKFold::new(5).split(y, None).unwrap();
    let mut best_cs = Vec::new();
    let mut coef_sum = Array2::<f64>::zeros((3, 4));
    for (f, fold) in folds.iter().enumerate() {
        let scores = fitted.scores().row(f).to_vec();
        let best = scores
            .iter()
            .position(|&s| s == scores.iter().cloned().fold(f64::MIN, f64::max))
            .unwrap();
        best_cs.push(cs[best]);
        let model = tight_logistic()
            .c(cs[best])
            .fit(
                x.select(Axis(0), &fold.train).view(),
                y.select(Axis(0), &fold.train).view(),
            )
            .unwrap();
        coef_sum += &model.coef();
    }
    assert_relative_eq!(fitted.c(), best_cs.iter().sum::<f64>() / 5.0, max_relative = 1e-12);
    // The path's fits are warm-started, the fits by hand are not: both stop
    // at tol = 1e-10 but at slightly different points.
    for (a, b) in fitted.model().coef().iter().zip((coef_sum / 5.0).iter()) {
        assert!((a - b).abs() <= 1e-3 * b.abs().max(1e-2), "coef {a} vs {b}");
    }
}

#[test]
fn logistic_regression_cv_rejects_bad_settings() {
    use learnkit::linear_model::{Cs, LogisticRegressionCV};
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    parameter_error(LogisticRegressionCV::default().cs(Cs::Count(0)).fit(x, y), "Cs");
    parameter_error(
        LogisticRegressionCV::default().cs(Cs::List(vec![1.0, -2.0])).fit(x, y),
        "Cs",
    );
    parameter_error(LogisticRegressionCV::default().tol(0.0).fit(x, y), "tol");
    parameter_error(LogisticRegressionCV::default().max_iter(0).fit(x, y), "max_iter");
    parameter_error(LogisticRegressionCV::default().n_jobs(Some(0)).fit(x, y), "n_jobs");
    input_error(
        LogisticRegressionCV::default().cv(StratifiedKFold::new(51)).fit(x, y),
        "rarest class",
    );
    // Unshuffled KFold on sorted iris: folds' models miss a class.
    input_error(
        LogisticRegressionCV::default().cv(KFold::new(3)).refit(false).fit(x, y),
        "not all of",
    );
    input_error(
        LogisticRegressionCV::default().cv(KFold::new(3)).fit(x, y),
        "not all of",
    );
}

#[test]
fn validation_curve_equals_the_per_fold_fits() {
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let cv = StratifiedKFold::new(4);
    let cs = [0.01, 1.0];
    let curve = validation_curve(&cs, |&c: &f64| tight_logistic().c(c), x, y, None, &cv, &Accuracy).unwrap();
    for (f, fold) in cv.split(y, None).unwrap().iter().enumerate() {
        for (i, &c) in cs.iter().enumerate() {
            let (xt, yt) = (x.select(Axis(0), &fold.train), y.select(Axis(0), &fold.train));
            let model = tight_logistic().c(c).fit(xt.view(), yt.view()).unwrap();
            let test = model
                .score(
                    x.select(Axis(0), &fold.test).view(),
                    y.select(Axis(0), &fold.test).view(),
                )
                .unwrap();
            assert_eq!(curve.test_scores[[i, f]], test);
            assert_eq!(curve.train_scores[[i, f]], model.score(xt.view(), yt.view()).unwrap());
        }
    }
    parameter_error(
        validation_curve(
            &[] as &[f64],
            |&c: &f64| tight_logistic().c(c),
            x,
            y,
            None,
            &cv,
            &Accuracy,
        ),
        "param_range",
    );
}

#[test]
fn learning_curve_fits_on_prefixes_of_the_training_folds() {
    let iris = load_iris();
    let (x, y) = (iris.data.view(), iris.target.view());
    let cv = StratifiedKFold::new(5);
    let sizes = [
        TrainSize::Fraction(1.0),
        TrainSize::Count(40),
        TrainSize::Fraction(0.25),
        TrainSize::Count(30),
    ];
    let lc = learning_curve(&tight_logistic(), x, y, None, &cv, &Accuracy, &sizes, Some(3)).unwrap();
    // floor(0.25 × 120) = 30 and the count 30 merge; sorted.
    assert_eq!(lc.train_sizes, vec![30, 40, 120]);
    assert_eq!(lc.scores.test_scores.dim(), (3, 5));
    // The full size equals cross_val_score (the prefix is the whole fold).
    let full = cross_val_score(&tight_logistic(), x, y)
        .cv(&cv)
        .scoring(Accuracy)
        .run()
        .unwrap();
    assert_eq!(lc.scores.test_scores.row(2), full);
    // Same seed, same curve; without shuffling, sorted iris's first 30
    // training rows hold one class.
    assert_eq!(
        lc,
        learning_curve(&tight_logistic(), x, y, None, &cv, &Accuracy, &sizes, Some(3)).unwrap()
    );
    assert!(matches!(
        learning_curve(&tight_logistic(), x, y, None, &cv, &Accuracy, &sizes, None),
        Err(Error::SingleClass { .. })
    ));
    for bad in [
        TrainSize::Fraction(0.0),
        TrainSize::Fraction(1.5),
        TrainSize::Count(0),
        TrainSize::Count(121),
    ] {
        parameter_error(
            learning_curve(&tight_logistic(), x, y, None, &cv, &Accuracy, &[bad], Some(0)),
            "train_sizes",
        );
    }
    parameter_error(
        learning_curve(&tight_logistic(), x, y, None, &cv, &Accuracy, &[], Some(0)),
        "train_sizes",
    );
}

/// scikit-learn's "roc_auc" ranks by `decision_function` when there is one:
/// `SVC()` without `probability=True` and `LinearSVC()` are scored on two
/// classes; with three, one-vs-rest needs probabilities and fails as in
/// scikit-learn (`predict_proba is not available when probability=False`).
#[test]
fn roc_auc_falls_back_to_the_decision_function() {
    let iris = load_iris();
    let x = iris.data.view();
    let binary = iris.target.mapv(|c| usize::from(c == 1)); // versicolor vs rest: not separable
    let svc = SVC::default().fit(x, binary.view()).unwrap();
    let decision = svc.decision_function(x).unwrap();
    let auc = RocAuc.score(&svc, x, binary.view()).unwrap();
    assert_eq!(
        auc,
        learnkit::metrics::roc_auc_score(binary.view(), decision.column(0)).unwrap()
    );
    assert!(auc > 0.9 && auc < 1.0, "{auc}");
    let linear = LinearSVC::default().fit(x, binary.view()).unwrap();
    let linear_decision = linear.decision_function(x).unwrap();
    assert_eq!(
        RocAuc.score(&linear, x, binary.view()).unwrap(),
        learnkit::metrics::roc_auc_score(binary.view(), linear_decision.column(0)).unwrap()
    );
    // In a pipeline and in cross-validation, next to other scorers.
    let model = learnkit::compose::Pipeline::new(StandardScaler::default(), SVC::default());
    let cv = cross_validate(&model, x, binary.view())
        .scoring("roc_auc", RocAuc)
        .scoring("accuracy", Accuracy)
        .run()
        .unwrap();
    assert!(cv.test_scores("roc_auc").unwrap().iter().all(|&s| s > 0.9));
    // A model with probabilities only (a forest) is ranked by them.
    let forest = learnkit::ensemble::RandomForestClassifier::default()
        .n_estimators(10)
        .random_state(0)
        .fit(x, binary.view())
        .unwrap();
    let proba = forest.predict_proba(x).unwrap();
    assert_eq!(
        RocAuc.score(&forest, x, binary.view()).unwrap(),
        learnkit::metrics::roc_auc_score(binary.view(), proba.column(1)).unwrap()
    );
    // Three classes: probabilities are needed.
    let y = iris.target.view();
    let svc3 = SVC::default().fit(x, y).unwrap();
    parameter_error(RocAuc.score(&svc3, x, y), "probability");
    let with_proba = SVC::default().probability(true).random_state(0).fit(x, y).unwrap();
    assert!(RocAuc.score(&with_proba, x, y).unwrap() > 0.95);
    input_error(
        RocAuc.score(&LinearSVC::default().fit(x, y).unwrap(), x, y),
        "needs probabilities",
    );
}
