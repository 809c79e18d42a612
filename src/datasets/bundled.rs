//! The small classic datasets, embedded in the binary: iris, wine, breast
//! cancer, the 8×8 digits and diabetes. The files are scikit-learn's copies (see
//! `datasets/README.md` for their origin and licences).

use super::Dataset;
use ndarray::{Array1, Array2};
use std::io::Read;

const IRIS_CSV: &str = include_str!("../../datasets/iris.csv");
const WINE_CSV: &str = include_str!("../../datasets/wine_data.csv");
const BREAST_CANCER_CSV: &str = include_str!("../../datasets/breast_cancer.csv");
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../../datasets/digits.csv.gz");
const DIABETES_DATA_GZ: &[u8] = include_bytes!("../../datasets/diabetes_data_raw.csv.gz");
const DIABETES_TARGET_GZ: &[u8] = include_bytes!("../../datasets/diabetes_target.csv.gz");

/// The iris dataset: 150 flowers, 4 measurements in cm, 3 species
/// (`setosa`, `versicolor`, `virginica`, 50 each).
///
/// # Example
/// ```
/// let iris = learnkit::datasets::load_iris();
/// assert_eq!(iris.data.dim(), (150, 4));
/// assert_eq!(iris.target_names, ["setosa", "versicolor", "virginica"]);
/// assert_eq!(iris.feature_names[0], "sepal length (cm)");
/// ```
pub fn load_iris() -> Dataset<usize> {
    parse_with_header(
        IRIS_CSV,
        &[
            "sepal length (cm)",
            "sepal width (cm)",
            "petal length (cm)",
            "petal width (cm)",
        ],
    )
}

/// The wine recognition dataset: 178 wines, 13 chemical measurements, 3
/// cultivars (`class_0`, `class_1`, `class_2`).
///
/// # Example
/// ```
/// let wine = learnkit::datasets::load_wine();
/// assert_eq!(wine.data.dim(), (178, 13));
/// assert_eq!(wine.feature_names[12], "proline");
/// ```
pub fn load_wine() -> Dataset<usize> {
    parse_with_header(
        WINE_CSV,
        &[
            "alcohol",
            "malic_acid",
            "ash",
            "alcalinity_of_ash",
            "magnesium",
            "total_phenols",
            "flavanoids",
            "nonflavanoid_phenols",
            "proanthocyanins",
            "color_intensity",
            "hue",
            "od280/od315_of_diluted_wines",
            "proline",
        ],
    )
}

/// The Wisconsin diagnostic breast cancer dataset: 569 tumours, 30 features,
/// 2 classes (`malignant` = 0, `benign` = 1).
///
/// # Example
/// ```
/// let cancer = learnkit::datasets::load_breast_cancer();
/// assert_eq!(cancer.data.dim(), (569, 30));
/// assert_eq!(cancer.target_names, ["malignant", "benign"]);
/// ```
pub fn load_breast_cancer() -> Dataset<usize> {
    let mut names = Vec::with_capacity(30);
    for group in ["mean", "error", "worst"] {
        for measure in [
            "radius",
            "texture",
            "perimeter",
            "area",
            "smoothness",
            "compactness",
            "concavity",
            "concave points",
            "symmetry",
            "fractal dimension",
        ] {
            names.push(if group == "error" {
                format!("{measure} error")
            } else {
                format!("{group} {measure}")
            });
        }
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    parse_with_header(BREAST_CANCER_CSV, &names)
}

/// The 8×8 handwritten digits (the test set of UCI's optical digits): 1,797
/// images, 64 pixel intensities 0–16 (`pixel_<row>_<col>`), 10 classes.
///
/// # Example
/// ```
/// let digits = learnkit::datasets::load_digits();
/// assert_eq!(digits.data.dim(), (1797, 64));
/// assert_eq!(digits.target_names.len(), 10);
/// ```
pub fn load_digits() -> Dataset<usize> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(DIGITS_CSV_GZ)
        .read_to_string(&mut text)
        .expect("the embedded digits file is valid gzip");
    let feature_names = (0..64).map(|i| format!("pixel_{}_{}", i / 8, i % 8)).collect();
    let (data, target) = parse_rows(text.lines(), 64);
    Dataset {
        data,
        target,
        feature_names,
        target_names: (0..10).map(|d| d.to_string()).collect(),
    }
}

/// The diabetes dataset (Efron et al., 2004, "Least Angle Regression"): 442
/// patients, 10 baseline variables (`age`, `sex`, `bmi`, `bp` and six blood
/// serum measurements `s1`…`s6`), and a quantitative measure of disease
/// progression one year later as the regression target (25 to 346).
///
/// As scikit-learn's `load_diabetes()` (`scaled=True`), each feature is
/// mean-centred and divided by its standard deviation times `√n_samples`, so
/// that every column's sum of squares is 1; [`load_diabetes_unscaled`] gives
/// the original values. The target is not scaled.
///
/// # Example
/// ```
/// let diabetes = learnkit::datasets::load_diabetes();
/// assert_eq!(diabetes.data.dim(), (442, 10));
/// assert_eq!(diabetes.feature_names[2], "bmi");
/// assert_eq!(diabetes.target[0], 151.0);
/// let squares: f64 = diabetes.data.column(0).iter().map(|v| v * v).sum();
/// assert!((squares - 1.0).abs() < 1e-12);
/// ```
pub fn load_diabetes() -> Dataset<f64> {
    let mut diabetes = load_diabetes_unscaled();
    let root_n = (diabetes.data.nrows() as f64).sqrt();
    for mut column in diabetes.data.columns_mut() {
        let mean = column.mean().expect("the embedded columns are not empty");
        let std = column.std(0.0);
        column.mapv_inplace(|v| (v - mean) / std / root_n);
    }
    diabetes
}

/// The diabetes dataset of [`load_diabetes`] with its original feature values
/// (scikit-learn's `load_diabetes(scaled=False)`): age in years, sex coded 1
/// or 2, body mass index, average blood pressure and the six serum
/// measurements.
///
/// # Example
/// ```
/// let diabetes = learnkit::datasets::load_diabetes_unscaled();
/// assert_eq!(diabetes.data.row(0).to_vec(), [59.0, 2.0, 32.1, 101.0, 157.0, 93.2, 38.0, 4.0, 4.8598, 87.0]);
/// assert!(diabetes.target_names.is_empty()); // a regression target
/// ```
pub fn load_diabetes_unscaled() -> Dataset<f64> {
    let gunzip = |bytes: &[u8]| {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .expect("the embedded diabetes files are valid gzip");
        text
    };
    // scikit-learn's files: space-separated features, one target a line.
    let numbers = |line: &str| -> Vec<f64> {
        line.split_whitespace()
            .map(|v| v.parse::<f64>().expect("embedded diabetes value is a number"))
            .collect()
    };
    let data_text = gunzip(DIABETES_DATA_GZ);
    let target_text = gunzip(DIABETES_TARGET_GZ);
    let rows: Vec<Vec<f64>> = data_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(numbers)
        .collect();
    let target: Vec<f64> = target_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(numbers)
        .collect();
    assert_eq!(rows.len(), target.len(), "one target per embedded diabetes row");
    let values: Vec<f64> = rows.into_iter().flatten().collect();
    let data = Array2::from_shape_vec((target.len(), 10), values).expect("ten values per embedded diabetes row");
    Dataset {
        data,
        target: Array1::from(target),
        feature_names: ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        target_names: Vec::new(),
    }
}

/// Parses scikit-learn's format: a header `n_samples,n_features,class names…`,
/// then one row per sample, the class code last.
fn parse_with_header(text: &str, feature_names: &[&str]) -> Dataset<usize> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("embedded file has a header").split(',').collect();
    let n_samples: usize = header[0].trim().parse().expect("header starts with n_samples");
    let n_features: usize = header[1].trim().parse().expect("header has n_features");
    assert_eq!(n_features, feature_names.len(), "feature names match the embedded file");
    let (data, target) = parse_rows(lines, n_features);
    assert_eq!(data.nrows(), n_samples, "row count matches the embedded header");
    Dataset {
        data,
        target,
        feature_names: feature_names.iter().map(|s| s.to_string()).collect(),
        target_names: header[2..].iter().map(|s| s.trim().to_string()).collect(),
    }
}

/// Parses numeric rows of `n_features` values followed by a class code.
/// The embedded files are fixed, so a parse failure is a build defect.
fn parse_rows<'a>(lines: impl Iterator<Item = &'a str>, n_features: usize) -> (Array2<f64>, Array1<usize>) {
    let mut values = Vec::new();
    let mut target = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let mut fields = line.split(',');
        for _ in 0..n_features {
            let field = fields.next().expect("embedded row has every feature");
            values.push(field.trim().parse::<f64>().expect("embedded feature is a number"));
        }
        let label = fields.next().expect("embedded row has a class").trim();
        target.push(label.parse::<f64>().expect("embedded class is a number") as usize);
    }
    let data = Array2::from_shape_vec((target.len(), n_features), values).expect("rows have equal length");
    (data, Array1::from(target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_counts_match_the_published_descriptions() {
        let count = |d: &Dataset<usize>, c: usize| d.target.iter().filter(|&&t| t == c).count();
        let iris = load_iris();
        assert_eq!([count(&iris, 0), count(&iris, 1), count(&iris, 2)], [50, 50, 50]);
        let wine = load_wine();
        assert_eq!([count(&wine, 0), count(&wine, 1), count(&wine, 2)], [59, 71, 48]);
        let cancer = load_breast_cancer();
        assert_eq!([count(&cancer, 0), count(&cancer, 1)], [212, 357]);
        let digits = load_digits();
        assert_eq!((0..10).map(|c| count(&digits, c)).sum::<usize>(), 1797);
        assert_eq!(digits.data.iter().cloned().fold(0.0, f64::max), 16.0);
        assert_eq!(iris.data[[0, 0]], 5.1);
        assert_eq!(cancer.feature_names[10], "radius error");
        assert_eq!(cancer.feature_names[29], "worst fractal dimension");
    }

    #[test]
    fn to_f32_equals_the_f64_values_cast() {
        for wide in [load_iris(), load_wine(), load_breast_cancer(), load_digits()] {
            let narrow: Dataset<usize, f32> = wide.to_f32();
            assert_eq!(narrow.data, wide.data.mapv(|v| v as f32));
            assert_eq!(narrow.target, wide.target);
            assert_eq!(narrow.feature_names, wide.feature_names);
            assert_eq!(narrow.target_names, wide.target_names);
        }
        assert_eq!(load_iris().to_f32().data[[0, 0]], 5.1f32);
    }
}
