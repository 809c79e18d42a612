//! `get_feature_names_out` for every fitted transformer, through `Pipeline`
//! and `ColumnTransformer` (issue 13 §6). The expected names are what
//! scikit-learn 1.5 gives for the same setup (written in each test).

use learnkit::compose::{ColumnTransformer, Passthrough, Remainder};
use learnkit::decomposition::TruncatedSVD;
use learnkit::ndarray::{Array2, array};
use learnkit::prelude::*;

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn data() -> Array2<f64> {
    array![
        [30.0, 0.0, 7.5, 1.0],
        [40.0, 1.0, 9.0, 3.0],
        [50.0, 1.0, 8.0, 2.0],
        [35.0, 0.0, 6.0, 1.0]
    ]
}

/// `StandardScaler().fit(X).get_feature_names_out()` → `['x0', 'x1', 'x2', 'x3']`;
/// with `['age', 'sex', 'fare', 'pclass']` → the same names; likewise
/// `MinMaxScaler`, `OrdinalEncoder`.
#[test]
fn scalers_and_ordinal_encoder_pass_names_through() {
    let x = data();
    let input = strings(&["age", "sex", "fare", "pclass"]);
    let scaler = StandardScaler::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(scaler.get_feature_names_out(None).unwrap(), ["x0", "x1", "x2", "x3"]);
    assert_eq!(scaler.get_feature_names_out(Some(&input)).unwrap(), input);
    let min_max = MinMaxScaler::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(min_max.get_feature_names_out(Some(&input)).unwrap(), input);
    let ordinal = OrdinalEncoder::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(ordinal.get_feature_names_out(None).unwrap(), ["x0", "x1", "x2", "x3"]);
    let passthrough = Passthrough.fit_unsupervised(x.view()).unwrap();
    assert_eq!(passthrough.get_feature_names_out(Some(&input)).unwrap(), input);
}

#[test]
fn a_wrong_number_of_input_names_is_an_error() {
    let scaler = StandardScaler::default().fit_unsupervised(data().view()).unwrap();
    let err = scaler.get_feature_names_out(Some(&strings(&["a", "b"]))).unwrap_err();
    assert!(
        matches!(
            err,
            Error::ShapeMismatch {
                expected: 4,
                got: 2,
                ..
            }
        ),
        "{err}"
    );
    let pca = PCA::default().fit_unsupervised(data().view()).unwrap();
    assert!(pca.get_feature_names_out(Some(&strings(&["a"]))).is_err());
}

/// `SimpleImputer(add_indicator=True)` on `[[1, nan, 3], [nan, 5, 6], [7, 8, 9]]`
/// → `['x0', 'x1', 'x2', 'missingindicator_x0', 'missingindicator_x1']`;
/// `SimpleImputer()` with an all-NaN column `x1` drops it → `['x0', 'x2']`.
#[test]
fn imputer_drops_empty_columns_and_names_its_indicators() {
    let nan = f64::NAN;
    let x = array![[1.0, nan, 3.0], [nan, 5.0, 6.0], [7.0, 8.0, 9.0]];
    let imputer = SimpleImputer::default()
        .add_indicator(true)
        .fit_unsupervised(x.view())
        .unwrap();
    let names = imputer.get_feature_names_out(None).unwrap();
    assert_eq!(names, ["x0", "x1", "x2", "missingindicator_x0", "missingindicator_x1"]);
    assert_eq!(names.len(), imputer.transform(x.view()).unwrap().ncols());
    let x = array![[1.0, nan, 3.0], [2.0, nan, 6.0]];
    let imputer = SimpleImputer::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(
        imputer.get_feature_names_out(Some(&strings(&["a", "b", "c"]))).unwrap(),
        ["a", "c"]
    );
}

/// `PCA(n_components=2)` → `['pca0', 'pca1']`; `TruncatedSVD(n_components=2)`
/// → `['truncatedsvd0', 'truncatedsvd1']`.
#[test]
fn decompositions_number_their_components() {
    let x = data();
    let pca = PCA::default().n_components(2).fit_unsupervised(x.view()).unwrap();
    assert_eq!(pca.get_feature_names_out(None).unwrap(), ["pca0", "pca1"]);
    let svd = TruncatedSVD::default()
        .n_components(2)
        .random_state(0)
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(
        svd.get_feature_names_out(None).unwrap(),
        ["truncatedsvd0", "truncatedsvd1"]
    );
}

/// `make_pipeline(SimpleImputer(add_indicator=True), StandardScaler())` on an
/// input with NaN in `fare` → `['age', 'fare', 'missingindicator_fare']`;
/// `make_pipeline(StandardScaler(), PCA(2))` → `['pca0', 'pca1']`.
#[test]
fn pipelines_chain_the_names() {
    let nan = f64::NAN;
    let x = array![[30.0, 7.5], [40.0, nan], [50.0, 8.0]];
    let input = strings(&["age", "fare"]);
    let fitted = Pipeline::new(SimpleImputer::default().add_indicator(true), StandardScaler::default())
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(
        fitted.get_feature_names_out(Some(&input)).unwrap(),
        ["age", "fare", "missingindicator_fare"]
    );
    let fitted = Pipeline::new(SimpleImputer::default(), StandardScaler::default())
        .then(PCA::default().n_components(2))
        .fit_unsupervised(x.view())
        .unwrap();
    assert_eq!(fitted.get_feature_names_out(None).unwrap(), ["pca0", "pca1"]);
}

/// ```python
/// ct = ColumnTransformer([("num", StandardScaler(), ["age", "fare"]),
///                         ("cat", OneHotEncoder(), ["sex"])], remainder="passthrough")
/// ct.fit(df[["age", "sex", "fare", "pclass"]]).get_feature_names_out()
/// # ['num__age', 'num__fare', 'cat__sex_0.0', 'cat__sex_1.0', 'remainder__pclass']
/// ```
/// and with a pipeline step `("prep", make_pipeline(SimpleImputer(), PCA(1)), ["age", "fare"])`
/// → `['prep__pca0', 'remainder__sex', 'remainder__pclass']`.
#[test]
fn column_transformer_prefixes_step_and_remainder_names() {
    let x = data();
    let fitted = ColumnTransformer::new()
        .feature_names(["age", "sex", "fare", "pclass"])
        .add("num", StandardScaler::default(), ["age", "fare"])
        .add("cat", OneHotEncoder::default(), ["sex"])
        .remainder(Remainder::Passthrough)
        .fit_unsupervised(x.view())
        .unwrap();
    let names = fitted.get_feature_names_out(None).unwrap();
    assert_eq!(
        names,
        [
            "num__age",
            "num__fare",
            "cat__sex_0.0",
            "cat__sex_1.0",
            "remainder__pclass"
        ]
    );
    assert_eq!(names.len(), fitted.transform(x.view()).unwrap().ncols());
    // The names it was fitted with, given again: the same; others: an error.
    let same = strings(&["age", "sex", "fare", "pclass"]);
    assert_eq!(fitted.get_feature_names_out(Some(&same)).unwrap(), names);
    let other = strings(&["a", "b", "c", "d"]);
    assert!(matches!(
        fitted.get_feature_names_out(Some(&other)),
        Err(Error::InvalidParameter { .. })
    ));

    let fitted = ColumnTransformer::new()
        .add(
            "prep",
            Pipeline::new(SimpleImputer::default(), PCA::default().n_components(1)),
            [0, 2],
        )
        .remainder(Remainder::Passthrough)
        .fit_unsupervised(x.view())
        .unwrap();
    let input = strings(&["age", "sex", "fare", "pclass"]);
    assert_eq!(
        fitted.get_feature_names_out(Some(&input)).unwrap(),
        ["prep__pca0", "remainder__sex", "remainder__pclass"]
    );
    assert_eq!(
        fitted.get_feature_names_out(None).unwrap(),
        ["prep__pca0", "remainder__x1", "remainder__x3"]
    );
}

/// A column transformer inside a pipeline: the names reach the model.
#[test]
fn names_through_a_pipeline_of_a_column_transformer() {
    let x = data();
    let columns = ColumnTransformer::new()
        .add("num", StandardScaler::default(), [0, 2])
        .add("drop_me", OneHotEncoder::default(), Vec::<usize>::new());
    let fitted = Pipeline::new(columns, MinMaxScaler::default())
        .fit_unsupervised(x.view())
        .unwrap();
    let input = strings(&["age", "sex", "fare", "pclass"]);
    assert_eq!(
        fitted.get_feature_names_out(Some(&input)).unwrap(),
        ["num__age", "num__fare"]
    );
}
