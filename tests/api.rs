//! The shape of the public API (issue 13 §3): what users can name and write.

use learnkit::prelude::*;
use std::path::Path;

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// faer is an implementation detail: no public item's declaration names it,
/// so a faer upgrade changes no learnkit signature (`Float` carries faer's
/// bound through its private sealing trait).
#[test]
fn faer_is_not_in_public_declarations() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut offending = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            // Sealing traits live in private modules: users cannot name them.
            if !trimmed.starts_with("pub ") || trimmed.starts_with("pub trait Sealed") {
                continue;
            }
            // The declaration up to its body or end: a signature or bound list
            // may span several lines.
            let declaration: String = lines[i..]
                .iter()
                .take_while(|l| !l.trim_end().ends_with('{') && !l.trim_end().ends_with(';'))
                .chain(
                    lines[i..]
                        .iter()
                        .find(|l| l.trim_end().ends_with('{') || l.trim_end().ends_with(';')),
                )
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            if declaration.contains("faer") {
                offending.push(format!("{}:{}: {}", file.display(), i + 1, trimmed));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "public declarations naming faer:\n{}",
        offending.join("\n")
    );
}

/// `learnkit::ndarray` is the ndarray learnkit's signatures use: arrays made
/// through it go straight in.
#[test]
fn ndarray_is_reexported() {
    use learnkit::ndarray::{Array2, array};
    use learnkit::prelude::*;
    let x: Array2<f64> = array![[0.0], [2.0]];
    let fitted = MinMaxScaler::default().fit_unsupervised(x.view()).unwrap();
    assert_eq!(fitted.transform(x.view()).unwrap(), array![[0.0], [1.0]]);
}

/// A trait with a `then` method for every type, as `futures::FutureExt` has.
trait FutureLike: Sized {
    fn then<G>(self, next: G) -> (Self, G) {
        (self, next)
    }
}

impl<T> FutureLike for T {}

/// Pipelines are built with `Pipeline::new` and the inherent `then`, which
/// wins over any trait's `then`: with `FutureLike` in scope this compiles
/// (with the old blanket `Then` trait of the prelude it was `E0034 multiple
/// applicable items`), and the other trait's `then` still works on other
/// values.
#[test]
fn pipeline_then_does_not_clash_with_other_traits_then() {
    use learnkit::ndarray::array;
    use learnkit::prelude::*;
    let x = array![[0.0, 1.0], [2.0, 5.0], [4.0, 3.0]];
    let pipeline = Pipeline::new(SimpleImputer::default(), StandardScaler::default()).then(MinMaxScaler::default());
    let fitted = pipeline.fit_unsupervised(x.view()).unwrap();
    assert_eq!(
        fitted.transform(x.view()).unwrap(),
        array![[0.0, 0.0], [0.5, 1.0], [1.0, 0.5]]
    );
    assert_eq!(1.then(2), (1, 2));
}

/// Setters take what people write (scikit-learn's `n_components=30`,
/// `max_features=0.5`, `Cs=10`, `class_weight={0: 1, 1: 3}`): plain numbers
/// and lists convert into the enum variant of their common case, and the
/// enums themselves are still accepted.
#[test]
fn setters_take_plain_values() {
    use learnkit::class_weight::ClassWeight;
    use learnkit::decomposition::{IteratedPower, NComponents, PCA};
    use learnkit::ensemble::{MaxSamples, RandomForestClassifier, RandomForestRegressor};
    use learnkit::linear_model::{Cs, LogisticRegressionCV};
    use learnkit::preprocessing::{EncodedValue, MinFrequency, OneHotEncoder, OrdinalEncoder};
    use learnkit::svm::Gamma;
    use learnkit::tree::{DecisionTreeClassifier, MaxFeatures};

    assert_eq!(PCA::default().n_components(30).n_components, NComponents::Count(30));
    assert_eq!(
        PCA::default().n_components(0.95).n_components,
        NComponents::VarianceFraction(0.95)
    );
    assert_eq!(
        PCA::default().n_components(NComponents::All).n_components,
        NComponents::All
    );
    assert_eq!(PCA::default().iterated_power(7).iterated_power, IteratedPower::Count(7));
    assert_eq!(
        DecisionTreeClassifier::default().max_features(3).max_features,
        MaxFeatures::Count(3)
    );
    assert_eq!(
        RandomForestClassifier::default().max_features(0.5).max_features,
        MaxFeatures::Fraction(0.5)
    );
    assert_eq!(
        RandomForestRegressor::default().max_samples(100).max_samples,
        Some(MaxSamples::Count(100))
    );
    assert_eq!(
        RandomForestClassifier::default()
            .max_samples(0.5)
            .max_samples(None)
            .max_samples,
        None
    );
    assert_eq!(
        OneHotEncoder::default().min_frequency(5).min_frequency,
        Some(MinFrequency::Count(5))
    );
    assert_eq!(
        OrdinalEncoder::default()
            .min_frequency(Some(MinFrequency::Fraction(0.1)))
            .min_frequency,
        Some(MinFrequency::Fraction(0.1))
    );
    assert_eq!(
        OrdinalEncoder::default()
            .encoded_missing_value(-2)
            .encoded_missing_value,
        EncodedValue::Code(-2)
    );
    assert_eq!(LogisticRegressionCV::default().cs(10).cs, Cs::Count(10));
    assert_eq!(
        LogisticRegression::default().class_weight(vec![1.0, 3.0]).class_weight,
        ClassWeight::PerClass(vec![1.0, 3.0])
    );
    assert_eq!(
        SVC::default().class_weight(ClassWeight::Balanced).class_weight,
        ClassWeight::Balanced
    );
    assert_eq!(Gamma::from(0.1), Gamma::Value(0.1));
}
