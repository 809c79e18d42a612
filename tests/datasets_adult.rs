//! The bundled Adult census data: published counts, spot values against the
//! raw files, and one encoding shared by both splits.

use learnkit::datasets::{Adult, TabularSplit, load_adult};
use ndarray::Axis;
use std::sync::OnceLock;

fn adult() -> &'static Adult {
    static ADULT: OnceLock<Adult> = OnceLock::new();
    ADULT.get_or_init(load_adult)
}

fn count(split: &TabularSplit, label: &str) -> usize {
    split.target.iter().filter(|t| *t == label).count()
}

fn rows_with_missing(split: &TabularSplit) -> usize {
    split
        .data
        .axis_iter(Axis(0))
        .filter(|row| row.iter().any(|v| v.is_nan()))
        .count()
}

fn feature(name: &str) -> usize {
    adult().feature_names.iter().position(|n| n == name).unwrap()
}

/// The category name of row `row`, feature `name`, or `None` when missing.
fn category(split: &TabularSplit, row: usize, name: &str) -> Option<&'static str> {
    let j = feature(name);
    let code = split.data[[row, j]];
    (!code.is_nan()).then(|| adult().categories_of(j).unwrap()[code as usize].as_str())
}

#[test]
fn shapes_and_label_counts_match_the_published_figures() {
    let adult = adult();
    assert_eq!(adult.train.data.dim(), (32_561, 14));
    assert_eq!(adult.test.data.dim(), (16_281, 14));
    assert_eq!(
        (count(&adult.train, "<=50K"), count(&adult.train, ">50K")),
        (24_720, 7_841)
    );
    assert_eq!(
        (count(&adult.test, "<=50K"), count(&adult.test, ">50K")),
        (12_435, 3_846)
    );
    assert_eq!(adult.target_names, ["<=50K", ">50K"]);
}

#[test]
fn rows_with_a_missing_value_match_the_published_counts() {
    assert_eq!(rows_with_missing(&adult().train), 2_399);
    assert_eq!(rows_with_missing(&adult().test), 1_221);
    // Only workclass, occupation and native_country have missing values.
    let with_nan: Vec<&str> = (0..14)
        .filter(|&j| adult().train.data.column(j).iter().any(|v| v.is_nan()))
        .map(|j| adult().feature_names[j].as_str())
        .collect();
    assert_eq!(with_nan, ["workclass", "occupation", "native_country"]);
}

#[test]
fn feature_names_and_categorical_columns() {
    let adult = adult();
    assert_eq!(
        adult.feature_names,
        [
            "age",
            "workclass",
            "fnlwgt",
            "education",
            "education_num",
            "marital_status",
            "occupation",
            "relationship",
            "race",
            "sex",
            "capital_gain",
            "capital_loss",
            "hours_per_week",
            "native_country"
        ]
    );
    assert_eq!(adult.categorical_features, [1, 3, 5, 6, 7, 8, 9, 13]);
    assert_eq!(adult.categories.len(), 8);
    let sizes: Vec<usize> = adult.categories.iter().map(Vec::len).collect();
    // workclass, education, marital_status, occupation, relationship, race, sex, native_country
    assert_eq!(sizes, [8, 16, 7, 14, 6, 5, 2, 41]);
    for categories in &adult.categories {
        assert!(categories.windows(2).all(|w| w[0] < w[1]), "sorted as OrdinalEncoder");
    }
}

#[test]
fn spot_values_match_the_raw_files() {
    let adult = adult();
    // Train line 2: 39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,
    // Not-in-family,White,Male,2174,0,40,United-States,<=50K
    let row = adult.train.data.row(0);
    assert_eq!(
        [row[0], row[2], row[4], row[10], row[11], row[12]],
        [39.0, 77_516.0, 13.0, 2_174.0, 0.0, 40.0]
    );
    assert_eq!(category(&adult.train, 0, "workclass"), Some("State-gov"));
    assert_eq!(category(&adult.train, 0, "occupation"), Some("Adm-clerical"));
    assert_eq!(category(&adult.train, 0, "native_country"), Some("United-States"));
    assert_eq!(adult.train.target[0], "<=50K");
    // Train line 16: 40,Private,121772,Assoc-voc,11,Married-civ-spouse,
    // Craft-repair,Husband,Asian-Pac-Islander,Male,0,0,40,?,>50K
    assert_eq!(category(&adult.train, 14, "race"), Some("Asian-Pac-Islander"));
    assert_eq!(category(&adult.train, 14, "education"), Some("Assoc-voc"));
    assert_eq!(category(&adult.train, 14, "native_country"), None);
    assert_eq!(adult.train.target[14], ">50K");
    // Train line 29: 54,?,180211,Some-college,10,Married-civ-spouse,?,
    // Husband,Asian-Pac-Islander,Male,0,0,60,South,>50K
    assert_eq!(category(&adult.train, 27, "workclass"), None);
    assert_eq!(category(&adult.train, 27, "occupation"), None);
    assert_eq!(category(&adult.train, 27, "native_country"), Some("South"));
    // Test line 2: 25,Private,226802,11th,7,Never-married,Machine-op-inspct,
    // Own-child,Black,Male,0,0,40,United-States,<=50K
    let row = adult.test.data.row(0);
    assert_eq!([row[0], row[2], row[4], row[12]], [25.0, 226_802.0, 7.0, 40.0]);
    assert_eq!(category(&adult.test, 0, "education"), Some("11th"));
    assert_eq!(category(&adult.test, 0, "race"), Some("Black"));
    assert_eq!(adult.test.target[0], "<=50K");
    let last = adult.test.data.nrows() - 1;
    assert_eq!(adult.test.target[last], ">50K");
}

#[test]
fn codes_are_shared_by_the_two_splits() {
    let adult = adult();
    for (i, &j) in adult.categorical_features.iter().enumerate() {
        let k = adult.categories[i].len() as f64;
        for split in [&adult.train, &adult.test] {
            assert!(
                split
                    .data
                    .column(j)
                    .iter()
                    .all(|&c| c.is_nan() || (c >= 0.0 && c < k && c.fract() == 0.0)),
                "column {j} holds codes 0..{k}"
            );
        }
    }
    // The same string has the same code in both splits.
    let sex = feature("sex");
    let male = adult.code_of(sex, "Male").unwrap() as f64;
    assert_eq!(adult.train.data[[0, sex]], male);
    assert_eq!(adult.test.data[[0, sex]], male);
    // The one category seen in one split only is in training.
    let country = feature("native_country");
    let holand = adult.code_of(country, "Holand-Netherlands").unwrap() as f64;
    assert_eq!(
        adult
            .train
            .data
            .column(country)
            .iter()
            .filter(|&&c| c == holand)
            .count(),
        1
    );
    assert_eq!(
        adult.test.data.column(country).iter().filter(|&&c| c == holand).count(),
        0
    );
    let used_in_test = |j: usize, code: usize| adult.test.data.column(j).iter().any(|&c| c == code as f64);
    let education = feature("education");
    assert!((0..16).all(|code| used_in_test(education, code)));
}

#[test]
fn loading_twice_gives_the_same_data() {
    // NaN != NaN, so compare the bits.
    let again = load_adult();
    let bits = |split: &TabularSplit| split.data.mapv(f64::to_bits);
    assert_eq!(bits(&again.train), bits(&adult().train));
    assert_eq!(bits(&again.test), bits(&adult().test));
    assert_eq!(again.categories, adult().categories);
    assert_eq!(again.train.target, adult().train.target);
}

#[test]
fn to_f32_equals_the_f64_values_cast_and_loses_nothing() {
    let adult = adult();
    let small = adult.to_f32();
    for (wide, narrow) in [(&adult.train, &small.train), (&adult.test, &small.test)] {
        assert_eq!(narrow.target, wide.target);
        for (&w, &n) in wide.data.iter().zip(&narrow.data) {
            assert_eq!(n.to_bits(), (w as f32).to_bits());
            // Codes and the integer columns fit f32's 24 bits exactly.
            assert!(w.is_nan() && n.is_nan() || f64::from(n) == w, "{w} became {n}");
        }
    }
    assert_eq!(
        (
            &small.feature_names,
            &small.categorical_features,
            &small.categories,
            &small.target_names
        ),
        (
            &adult.feature_names,
            &adult.categorical_features,
            &adult.categories,
            &adult.target_names
        )
    );
    assert_eq!(small.categories_of(9).unwrap(), ["Female", "Male"]);
}
