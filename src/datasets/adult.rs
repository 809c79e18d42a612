//! [`load_adult`]: the Adult census income data (UCI), train and test splits,
//! embedded gzip-compressed and read through the crate's CSV reader.

use super::csv::{CsvDataset, CsvOptions, read_csv_from_reader};
use ndarray::{Array1, Array2};

const ADULT_TRAIN_CSV_GZ: &[u8] = include_bytes!("../../datasets/adult_train.csv.gz");
const ADULT_TEST_CSV_GZ: &[u8] = include_bytes!("../../datasets/adult_test.csv.gz");

/// One split of a tabular dataset: features and string targets.
///
/// # Example
/// ```
/// let adult = learnkit::datasets::load_adult();
/// let train: &learnkit::datasets::TabularSplit = &adult.train;
/// assert_eq!(train.data.nrows(), train.target.len());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TabularSplit<F = f64> {
    /// Features, one row per sample: numbers, or category codes for the
    /// categorical columns; missing values are `NaN`.
    pub data: Array2<F>,
    /// The class of each sample, as text.
    pub target: Array1<String>,
}

/// The Adult census income data: train and test splits sharing one encoding.
///
/// Returned by [`load_adult`]. Categorical columns hold codes `0..k`: code `c`
/// of feature `j` is `categories_of(j).unwrap()[c]` in both splits.
///
/// # Example
/// ```
/// let adult = learnkit::datasets::load_adult();
/// let sex = adult.feature_names.iter().position(|n| n == "sex").unwrap();
/// let code = adult.train.data[[0, sex]] as usize;
/// assert_eq!(adult.categories_of(sex).unwrap()[code], "Male");
/// assert_eq!(adult.code_of(sex, "Male"), Some(code));
/// ```
///
/// Features are `f64`; [`Adult::to_f32`] gives an `Adult<f32>`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Adult<F = f64> {
    /// The training split: 32,561 rows.
    pub train: TabularSplit<F>,
    /// The test split: 16,281 rows.
    pub test: TabularSplit<F>,
    /// The 14 feature names, as in the files' header (`age`, `workclass`, …).
    pub feature_names: Vec<String>,
    /// The indices of the 8 categorical features, ascending.
    pub categorical_features: Vec<usize>,
    /// The categories of each categorical feature, in the order of
    /// `categorical_features`.
    pub categories: Vec<Vec<String>>,
    /// The two classes, sorted: `["<=50K", ">50K"]`.
    pub target_names: Vec<String>,
}

impl Adult {
    /// An `f32` copy: every feature value cast to `f32` (the codes, the
    /// integers of the numeric columns and `NaN` exactly; `fnlwgt` and the
    /// capital columns are below 2^24, so every value is exact), the rest
    /// unchanged.
    ///
    /// # Example
    /// ```
    /// let adult = learnkit::datasets::load_adult();
    /// let small: learnkit::datasets::Adult<f32> = adult.to_f32();
    /// assert_eq!(small.train.data[[0, 0]], adult.train.data[[0, 0]] as f32);
    /// assert_eq!(small.categories, adult.categories);
    /// ```
    pub fn to_f32(&self) -> Adult<f32> {
        let split = |s: &TabularSplit| TabularSplit {
            data: s.data.mapv(|v| v as f32),
            target: s.target.clone(),
        };
        Adult {
            train: split(&self.train),
            test: split(&self.test),
            feature_names: self.feature_names.clone(),
            categorical_features: self.categorical_features.clone(),
            categories: self.categories.clone(),
            target_names: self.target_names.clone(),
        }
    }
}

impl<F> Adult<F> {
    /// The categories of feature `feature` (code `c` means the `c`-th), or
    /// `None` when it is numeric or out of range.
    ///
    /// # Example
    /// ```
    /// let adult = learnkit::datasets::load_adult();
    /// assert_eq!(adult.categories_of(9).unwrap(), ["Female", "Male"]); // sex
    /// assert_eq!(adult.categories_of(0), None); // age is numeric
    /// ```
    pub fn categories_of(&self, feature: usize) -> Option<&[String]> {
        let i = self.categorical_features.binary_search(&feature).ok()?;
        Some(&self.categories[i])
    }

    /// The code of category `name` of feature `feature`, or `None` when the
    /// feature is numeric or has no such category.
    ///
    /// # Example
    /// ```
    /// let adult = learnkit::datasets::load_adult();
    /// assert_eq!(adult.code_of(9, "Female"), Some(0));
    /// assert_eq!(adult.code_of(9, "?"), None); // missing is NaN, not a category
    /// ```
    pub fn code_of(&self, feature: usize, name: &str) -> Option<usize> {
        self.categories_of(feature)?.iter().position(|c| c == name)
    }
}

/// The Adult / Census Income dataset (Becker & Kohavi, 1996, UCI, CC BY 4.0):
/// predict whether income exceeds $50K a year from 14 census attributes.
///
/// Two splits as published: 32,561 training rows (24,720 `<=50K`, 7,841
/// `>50K`) and 16,281 test rows (12,435 / 3,846). Six numeric features (`age`,
/// `fnlwgt`, `education_num`, `capital_gain`, `capital_loss`,
/// `hours_per_week`) and eight categorical ones (`workclass`, `education`,
/// `marital_status`, `occupation`, `relationship`, `race`, `sex`,
/// `native_country`), encoded as codes in the float matrix; `?` in the files
/// is `NaN` (2,399 training and 1,221 test rows have one).
///
/// The encoding is built from the training split, categories sorted (as
/// scikit-learn's `OrdinalEncoder`), and the test split is read with it
/// ([`CsvOptions::categories_from`]), so a category has the same code in both;
/// a test category absent from training would get the next code (there is
/// none: `Holand-Netherlands` is the only category seen in one split only,
/// in training). Building from training alone keeps the training data
/// independent of the test file, as a model's preprocessing should be.
///
/// The files are embedded (about 600 kB compressed); loading decompresses
/// and parses them (a few tens of milliseconds in release mode).
///
/// # Example
/// ```
/// use learnkit::datasets::load_adult;
///
/// let adult = load_adult();
/// assert_eq!(adult.train.data.dim(), (32_561, 14));
/// assert_eq!(adult.test.data.dim(), (16_281, 14));
/// assert_eq!(adult.categorical_features, [1, 3, 5, 6, 7, 8, 9, 13]);
/// assert_eq!(adult.target_names, ["<=50K", ">50K"]);
/// let rich = adult.train.target.iter().filter(|t| *t == ">50K").count();
/// assert_eq!(rich, 7_841);
/// ```
pub fn load_adult() -> Adult {
    // The files are fixed and covered by tests, so a failure here is a build
    // defect, not an input error.
    let options = CsvOptions::default().target_column("income").missing_values(["?"]);
    let train = read_csv_from_reader(ADULT_TRAIN_CSV_GZ, "adult_train.csv.gz", &options)
        .expect("the embedded Adult training file reads");
    let shared = options.categories_from(&train);
    let test = read_csv_from_reader(ADULT_TEST_CSV_GZ, "adult_test.csv.gz", &shared)
        .expect("the embedded Adult test file reads");
    assert_eq!(
        test.feature_names, train.feature_names,
        "both Adult files have the same header"
    );
    assert_eq!(test.categorical_features, train.categorical_features);
    let (target_names, _) = train.encode_target().expect("every Adult training row has a label");
    Adult {
        feature_names: test.feature_names.clone(),
        categorical_features: test.categorical_features.clone(),
        // The test file's categories extend the training ones (a prefix).
        categories: test.categories.clone(),
        target_names,
        train: split(train),
        test: split(test),
    }
}

fn split(csv: CsvDataset) -> TabularSplit {
    TabularSplit {
        data: csv.data,
        target: csv.target.expect("the Adult files have an income column"),
    }
}
