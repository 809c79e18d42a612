//! Conformance cases of `ColumnTransformer` (every step kind, the
//! remainder, skipped steps) and of the census pipeline: the Adult
//! `ColumnTransformer(OneHotEncoder, StandardScaler) → LogisticRegression`
//! of `examples/census.rs`, exported as one model.

use learnkit::compose::{ColumnTransformer, Passthrough, Remainder};
use learnkit::datasets::{load_adult, load_wine};
use learnkit::prelude::*;
use learnkit::preprocessing::{HandleUnknown, MinMaxScaler, OneHotEncoder, OrdinalEncoder, SimpleImputer};
use ndarray::s;

use super::harness::{f32_rows, proba_case, transform_case, variants};

#[test]
fn census_pipeline() {
    let adult = load_adult();
    let numeric: Vec<usize> = (0..adult.train.data.ncols())
        .filter(|c| !adult.categorical_features.contains(c))
        .collect();
    let columns = ColumnTransformer::new()
        .add(
            "categories",
            OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore),
            adult.categorical_features.clone(),
        )
        .add("numbers", StandardScaler::default(), numeric);
    let x_train = f32_rows(adult.train.data.view());
    let model = Pipeline::new(columns, LogisticRegression::default().max_iter(1000))
        .fit(x_train.view(), adult.train.target.view())
        .unwrap();
    // 2,000 test rows, NaN cells (Adult's `?`) included.
    let x_test = f32_rows(adult.test.data.slice(s![..2000, ..]));
    assert!(x_test.iter().any(|v| v.is_nan()));
    for (variant, options) in variants() {
        let onnx = proba_case(
            &format!("compose_census_pipeline_{variant}"),
            &model,
            &options,
            x_test.view(),
        );
        assert!(onnx.operators().iter().any(|op| op == "Concat"));
    }
}

#[test]
fn column_transformer_steps_and_remainder() {
    let mut x = f32_rows(load_wine().data.view());
    for i in (0..x.nrows()).step_by(9) {
        x[[i, 1]] = f64::NAN;
    }
    // Columns 0 and 1 imputed then scaled, 2 passed through, 5 ordinal
    // (its values as categories), none in an empty step, the rest passed
    // through as the remainder.
    let imputer_then_scaler = Pipeline::new(SimpleImputer::default(), MinMaxScaler::default());
    let model = ColumnTransformer::new()
        .add("imputed", imputer_then_scaler, vec![1, 0])
        .add("kept", Passthrough, vec![2])
        .add("codes", OrdinalEncoder::default(), vec![5])
        .add("nothing", StandardScaler::default(), Vec::<usize>::new())
        .remainder(Remainder::Passthrough)
        .fit_unsupervised(x.view())
        .unwrap();
    for (variant, options) in variants() {
        transform_case(
            &format!("compose_column_transformer_remainder_{variant}"),
            &model,
            &options,
            x.view(),
        );
    }
    // Sparse output (one-hot, density below the threshold): dense in ONNX.
    let model = ColumnTransformer::new()
        .add("one_hot", OneHotEncoder::default(), vec![5, 12])
        .add("scaled", StandardScaler::default(), vec![0, 3])
        .sparse_threshold(1.0)
        .fit_unsupervised(x.view())
        .unwrap();
    assert!(model.sparse_output());
    for (variant, options) in variants() {
        transform_case(
            &format!("compose_column_transformer_sparse_{variant}"),
            &model,
            &options,
            x.view(),
        );
    }
}
