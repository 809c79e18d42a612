//! PolynomialFeatures against scikit-learn 1.9.1
//! (tests/fixtures/polynomial_features.json, from
//! tools/reference/polynomial_features.py; the data are in the fixture).
//!
//! Everything is compared exactly: the outputs in `f64` and in `f32` (the
//! products are computed in scikit-learn's order), `powers_`,
//! `n_output_features_` and the feature names, default and given.

use crate::common;

use common::fixtures::matrix;
use learnkit::prelude::*;
use learnkit::preprocessing::{Degree, PolynomialFeatures};
use ndarray::array;
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/polynomial_features.json")).unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("a list of names")
        .iter()
        .map(|v| v.as_str().expect("a name").to_string())
        .collect()
}

/// scikit-learn's parameters of one case as a `PolynomialFeatures`.
fn params(case: &Value) -> PolynomialFeatures {
    let p = &case["params"];
    let degree = match &p["degree"] {
        Value::Null => Degree::from(2),
        Value::Array(pair) => Degree::from((pair[0].as_u64().unwrap() as usize, pair[1].as_u64().unwrap() as usize)),
        d => Degree::from(d.as_u64().unwrap() as usize),
    };
    PolynomialFeatures::default()
        .degree(degree)
        .interaction_only(p["interaction_only"].as_bool().unwrap_or(false))
        .include_bias(p["include_bias"].as_bool().unwrap_or(true))
}

#[test]
fn outputs_powers_and_names_match_scikit_learn_exactly() {
    let fixture = fixture();
    let x = matrix(&fixture["x"]);
    let x32 = x.mapv(|v| v as f32);
    let input_names = strings(&fixture["input_names"]);
    let cases = fixture["cases"].as_object().unwrap();
    assert_eq!(cases.len(), 12);
    for (name, case) in cases {
        let poly = params(case).fit_unsupervised(x.view()).unwrap();
        assert_eq!(
            poly.n_output_features() as u64,
            case["n_output_features"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(poly.n_features_in(), 3, "{name}");
        assert_eq!(
            poly.transform(x.view()).unwrap(),
            matrix(&case["transform"]),
            "{name}: f64 output"
        );
        let poly32 = params(case).fit_unsupervised(x32.view()).unwrap();
        let out32 = poly32.transform(x32.view()).unwrap();
        assert_eq!(
            out32.mapv(f64::from),
            matrix(&case["transform_f32"]),
            "{name}: f32 output"
        );
        let powers = poly.powers().unwrap().mapv(|p| p as f64);
        assert_eq!(powers, matrix(&case["powers"]), "{name}: powers");
        assert_eq!(
            poly.get_feature_names_out(None).unwrap(),
            strings(&case["names"]),
            "{name}: names"
        );
        assert_eq!(
            poly.get_feature_names_out(Some(&input_names)).unwrap(),
            strings(&case["names_given"]),
            "{name}: given names"
        );
    }
}

#[test]
fn names_follow_pipelines_and_column_transformers() {
    let x = array![[1.0, 2.0, 3.0], [0.5, -1.0, 2.0], [2.0, 0.0, 1.0]];
    let columns = ColumnTransformer::new()
        .feature_names(["age", "bmi", "sex"])
        .add(
            "poly",
            PolynomialFeatures::default().include_bias(false),
            ["age", "bmi"],
        )
        .remainder(Remainder::Passthrough);
    let fitted = columns.fit_unsupervised(x.view()).unwrap();
    assert_eq!(
        fitted.get_feature_names_out(None).unwrap(),
        [
            "poly__age",
            "poly__bmi",
            "poly__age^2",
            "poly__age bmi",
            "poly__bmi^2",
            "remainder__sex"
        ]
    );
    assert_eq!(
        fitted.transform(x.view()).unwrap().row(0).to_vec(),
        [1.0, 2.0, 1.0, 2.0, 4.0, 3.0]
    );

    let pipeline = Pipeline::new(PolynomialFeatures::default(), StandardScaler::default())
        .fit_unsupervised(x.view())
        .unwrap();
    let names = pipeline.get_feature_names_out(None).unwrap();
    assert_eq!(names.len(), 10);
    assert_eq!(names[5], "x0 x1");
    assert_eq!(pipeline.transform(x.view()).unwrap().ncols(), 10);
}

#[test]
fn bad_input_names_and_saved_models() {
    let x = array![[1.0, 2.0]];
    let poly = PolynomialFeatures::default().fit_unsupervised(x.view()).unwrap();
    assert!(matches!(
        poly.get_feature_names_out(Some(&["only".to_string()])),
        Err(Error::ShapeMismatch { .. })
    ));
    // A saved model whose counts disagree with its parameters is refused.
    let json = learnkit::persistence::to_json(&poly).unwrap();
    let back: learnkit::preprocessing::FittedPolynomialFeatures = learnkit::persistence::from_json(&json).unwrap();
    assert_eq!(back, poly);
    let tampered = json.replace("\"n_output_features\":6", "\"n_output_features\":7");
    assert_ne!(tampered, json);
    assert!(learnkit::persistence::from_json::<learnkit::preprocessing::FittedPolynomialFeatures>(&tampered).is_err());
}
