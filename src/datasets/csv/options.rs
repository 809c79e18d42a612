//! [`CsvOptions`]: how [`read_csv`](super::read_csv) reads a file, the
//! [`ColumnRef`] that names a column, and [`IntoCategories`], the lists of
//! known categories a column takes.

use super::CsvDataset;

/// A column of a CSV file: by name (the header's, or one given with
/// [`CsvOptions::names`]), by 0-based position, or the last one.
///
/// # Example
/// ```
/// use learnkit::datasets::ColumnRef;
/// assert_eq!(ColumnRef::from("income"), ColumnRef::Name("income".into()));
/// assert_eq!(ColumnRef::from(3), ColumnRef::Index(3));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnRef {
    /// The column whose (trimmed) header is this name; needs a header or
    /// [`CsvOptions::names`].
    Name(String),
    /// The column at this 0-based position in the file.
    Index(usize),
    /// The last column of the file.
    Last,
}

impl From<&str> for ColumnRef {
    fn from(name: &str) -> Self {
        ColumnRef::Name(name.to_owned())
    }
}

impl From<&String> for ColumnRef {
    fn from(name: &String) -> Self {
        ColumnRef::Name(name.clone())
    }
}

impl From<String> for ColumnRef {
    fn from(name: String) -> Self {
        ColumnRef::Name(name)
    }
}

impl From<usize> for ColumnRef {
    fn from(index: usize) -> Self {
        ColumnRef::Index(index)
    }
}

/// A list of known categories for [`CsvOptions::categories`]: an array of
/// `&str` (`["red", "blue"]`, or `[]` for none), or a `Vec` or slice of
/// `String` or `&str` (such as [`CsvDataset::categories_of`]'s).
///
/// Arrays are of `&str` only, so that an empty `[]` has one meaning and
/// compiles (with a generic list it could not infer its element type).
///
/// # Example
/// ```
/// use learnkit::datasets::IntoCategories;
/// assert_eq!(["a", "b"].into_categories(), vec!["a", "b"]);
/// assert!([].into_categories().is_empty());
/// assert_eq!(vec!["c".to_string()].into_categories(), vec!["c"]);
/// ```
pub trait IntoCategories {
    /// The categories, in order.
    fn into_categories(self) -> Vec<String>;
}

impl<const N: usize> IntoCategories for [&str; N] {
    fn into_categories(self) -> Vec<String> {
        self.iter().map(|c| (*c).to_owned()).collect()
    }
}

impl<S: Into<String>> IntoCategories for Vec<S> {
    fn into_categories(self) -> Vec<String> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<S: AsRef<str>> IntoCategories for &Vec<S> {
    fn into_categories(self) -> Vec<String> {
        self.iter().map(|c| c.as_ref().to_owned()).collect()
    }
}

impl<S: AsRef<str>> IntoCategories for &[S] {
    fn into_categories(self) -> Vec<String> {
        self.iter().map(|c| c.as_ref().to_owned()).collect()
    }
}

/// How [`read_csv`](super::read_csv) reads a file.
///
/// # Options
/// - `target_column` (default none): the column returned separately as
///   [`CsvDataset::target`] instead of as a feature.
/// - `delimiter` (default `b','`).
/// - `has_header` (default `true`): the first record names the columns.
/// - `names` (default none): names for the file's columns, as pandas'
///   `names=`; see [`CsvOptions::names`].
/// - `usecols` (default all) and `drop_columns` (default none): which
///   columns are read, as pandas' `usecols=`; see [`CsvOptions::usecols`].
/// - `missing_values` (default `["", "?", "NA"]`): cells that are missing,
///   compared after trimming whitespace (so `" ?"` is missing).
/// - `categories` (default none): columns read as categorical, with known
///   categories first, as scikit-learn's `OrdinalEncoder(categories=...)`;
///   see [`CsvOptions::categories`], [`CsvOptions::categorical`] and
///   [`CsvOptions::categories_from`].
/// - `drop_missing_target` (default `false`): a row whose target is missing
///   is an error, or (`true`) is left out; see
///   [`CsvOptions::drop_missing_target`].
///
/// # Example
/// ```
/// use learnkit::datasets::{CsvOptions, ColumnRef};
/// let options = CsvOptions::default().target_column("species").delimiter(b';');
/// assert_eq!(options.target_column, Some(ColumnRef::Name("species".into())));
/// assert!(options.has_header);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvOptions {
    /// The column kept apart as the target; `None` makes every column a feature.
    pub target_column: Option<ColumnRef>,
    /// The field delimiter.
    pub delimiter: u8,
    /// Whether the first record is a header of column names.
    pub has_header: bool,
    /// Names of the file's columns, one per column, used instead of a header.
    pub names: Option<Vec<String>>,
    /// The only columns read as features (`None`: every column).
    pub usecols: Option<Vec<ColumnRef>>,
    /// Columns not read.
    pub drop_columns: Vec<ColumnRef>,
    /// The (trimmed) cell contents that mean "missing".
    pub missing_values: Vec<String>,
    /// Columns read as categorical with these categories first (code `c` is
    /// the `c`-th); see [`CsvOptions::categories`].
    pub categories: Vec<(ColumnRef, Vec<String>)>,
    /// Whether rows with a missing target are left out (`true`) rather than
    /// an error (`false`, the default).
    pub drop_missing_target: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            target_column: None,
            delimiter: b',',
            has_header: true,
            names: None,
            usecols: None,
            drop_columns: Vec::new(),
            missing_values: vec![String::new(), "?".to_owned(), "NA".to_owned()],
            categories: Vec::new(),
            drop_missing_target: false,
        }
    }
}

impl CsvOptions {
    /// Sets the target column: a name (`"income"`), a 0-based index (`14`),
    /// or [`ColumnRef::Last`]. A name needs a header or [`CsvOptions::names`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{ColumnRef, CsvOptions};
    /// assert_eq!(CsvOptions::default().target_column(ColumnRef::Last).target_column, Some(ColumnRef::Last));
    /// ```
    pub fn target_column(mut self, column: impl Into<ColumnRef>) -> Self {
        self.target_column = Some(column.into());
        self
    }

    /// Sets the field delimiter (`b'\t'` for TSV).
    ///
    /// # Example
    /// ```
    /// assert_eq!(learnkit::datasets::CsvOptions::default().delimiter(b'\t').delimiter, b'\t');
    /// ```
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Sets whether the first record is a header.
    ///
    /// # Example
    /// ```
    /// assert!(!learnkit::datasets::CsvOptions::default().has_header(false).has_header);
    /// ```
    pub fn has_header(mut self, has_header: bool) -> Self {
        self.has_header = has_header;
        self
    }

    /// Names the file's columns, one name per column in file order, as
    /// pandas' `names=`: the names become the feature (and target) names,
    /// and columns can then be chosen by name (`target_column("income")`,
    /// `usecols`, `categories`) in a file without a header. With
    /// `has_header(true)` the file's header is read and replaced by these
    /// names (pandas' `header=0, names=...`).
    ///
    /// # Errors
    /// [`read_csv`](super::read_csv) returns [`Error::InvalidParameter`](crate::Error::InvalidParameter)
    /// for a repeated name, and [`Error::Parse`](crate::Error::Parse) at the
    /// first row when the count differs from the file's number of columns.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let options = CsvOptions::default().has_header(false).names(["age", "color", "label"]).target_column("label");
    /// let csv = read_csv_from_reader("31,red,yes\n40,blue,no\n".as_bytes(), "adult.data", &options)?;
    /// assert_eq!(csv.feature_names, ["age", "color"]);
    /// assert_eq!(csv.target_name.as_deref(), Some("label"));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn names<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.names = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Reads only these columns as features (by name or 0-based index, in
    /// any order), as pandas' and scikit-learn users' `usecols`: the features
    /// keep the file's order, and every other column is skipped (an ID
    /// column, say, that would otherwise become a feature with one category
    /// per row). The target column is read whether or not it is listed.
    ///
    /// # Errors
    /// [`read_csv`](super::read_csv) returns [`Error::Parse`](crate::Error::Parse)
    /// for a column that does not exist.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let text = "id,age,color,label\n17,31,red,yes\n18,40,blue,no\n";
    /// let options = CsvOptions::default().usecols(["color", "age"]).target_column("label");
    /// let csv = read_csv_from_reader(text.as_bytes(), "<memory>", &options)?;
    /// assert_eq!(csv.feature_names, ["age", "color"]); // file order
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn usecols<C: Into<ColumnRef>>(mut self, columns: impl IntoIterator<Item = C>) -> Self {
        self.usecols = Some(columns.into_iter().map(Into::into).collect());
        self
    }

    /// Skips these columns (by name or 0-based index): the complement of
    /// [`CsvOptions::usecols`], for when it is shorter to say what goes.
    /// Calls add up.
    ///
    /// # Errors
    /// [`read_csv`](super::read_csv) returns [`Error::Parse`](crate::Error::Parse)
    /// for a column that does not exist, and
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for the
    /// target column.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let text = "customer_id,age,label\nC-0001,31,yes\nC-0002,40,no\n";
    /// let options = CsvOptions::default().drop_columns(["customer_id"]).target_column("label");
    /// let csv = read_csv_from_reader(text.as_bytes(), "<memory>", &options)?;
    /// assert_eq!(csv.feature_names, ["age"]);
    /// assert!(csv.categorical_features.is_empty()); // no 5,000-category ID feature
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn drop_columns<C: Into<ColumnRef>>(mut self, columns: impl IntoIterator<Item = C>) -> Self {
        self.drop_columns.extend(columns.into_iter().map(Into::into));
        self
    }

    /// Sets the cell contents that mean "missing" (replacing the defaults);
    /// they are trimmed before comparison, as the cells are.
    ///
    /// # Example
    /// ```
    /// let options = learnkit::datasets::CsvOptions::default().missing_values(["-", "n/a"]);
    /// assert_eq!(options.missing_values, vec!["-", "n/a"]);
    /// ```
    pub fn missing_values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.missing_values = values.into_iter().map(Into::into).collect();
        self
    }

    /// Reads `column` as categorical with these categories: the `c`-th gets
    /// code `c`, and categories of the file that are not in the list get the
    /// next codes, in sorted order, appended to the list in
    /// [`CsvDataset::categories`]. The column is categorical even if its cells
    /// are numbers; an empty list (`[]`) only forces that (as
    /// [`CsvOptions::categorical`]).
    ///
    /// This gives two files one shared encoding: read the training file, then
    /// the test file with the training file's categories, and a category has
    /// the same code in both; the training codes do not depend on the test
    /// file. [`CsvOptions::categories_from`] does this for every categorical
    /// column at once. Calling it again for the same column replaces the
    /// earlier list.
    ///
    /// # Errors
    /// [`read_csv`](super::read_csv) returns [`Error::InvalidParameter`](crate::Error::InvalidParameter)
    /// for a list with a duplicate, and [`Error::Parse`](crate::Error::Parse)
    /// for a column that does not exist, is the target, or is not read.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let train = read_csv_from_reader("color\nred\nblue\n".as_bytes(), "train", &CsvOptions::default())?;
    /// let options = CsvOptions::default().categories("color", train.categories_of(0).unwrap());
    /// let test = read_csv_from_reader("color\ngreen\nred\n".as_bytes(), "test", &options)?;
    /// assert_eq!(test.categories_of(0).unwrap(), ["blue", "red", "green"]); // green appended
    /// assert_eq!(test.data.column(0).to_vec(), vec![2.0, 1.0]); // red keeps code 1
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categories(mut self, column: impl Into<ColumnRef>, categories: impl IntoCategories) -> Self {
        let column = column.into();
        let categories = categories.into_categories();
        self.categories.retain(|(c, _)| *c != column);
        self.categories.push((column, categories));
        self
    }

    /// Reads `column` as categorical even when its cells are all numbers (a
    /// numeric code such as a postcode or a product id), its categories
    /// sorted as strings. Keeps the categories of an earlier
    /// [`CsvOptions::categories`] call for the same column.
    ///
    /// # Errors
    /// As [`CsvOptions::categories`].
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let text = "zip,price\n75001,3.5\n13001,2.0\n75001,4.0\n";
    /// let csv = read_csv_from_reader(text.as_bytes(), "<memory>", &CsvOptions::default().categorical("zip"))?;
    /// assert_eq!(csv.categorical_features, [0]);
    /// assert_eq!(csv.categories_of(0).unwrap(), ["13001", "75001"]);
    /// assert_eq!(csv.data.column(0).to_vec(), vec![1.0, 0.0, 1.0]);
    /// // The same as an empty list of known categories:
    /// let same = read_csv_from_reader(text.as_bytes(), "<memory>", &CsvOptions::default().categories("zip", []))?;
    /// assert_eq!(same, csv);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categorical(mut self, column: impl Into<ColumnRef>) -> Self {
        let column = column.into();
        if !self.categories.iter().any(|(c, _)| *c == column) {
            self.categories.push((column, Vec::new()));
        }
        self
    }

    /// [`CsvOptions::categorical`] for each of these columns.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let options = CsvOptions::default().categorical_columns(["zip", "store"]);
    /// let csv = read_csv_from_reader("zip,store,n\n75001,4,1\n".as_bytes(), "<memory>", &options)?;
    /// assert_eq!(csv.categorical_features, [0, 1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categorical_columns<C: Into<ColumnRef>>(self, columns: impl IntoIterator<Item = C>) -> Self {
        columns
            .into_iter()
            .fold(self, |options, column| options.categorical(column))
    }

    /// Takes the category dictionaries of every categorical feature of
    /// `train` (a file read before, usually the training split), so that a
    /// test file read with these options encodes each category with the
    /// training file's code: [`CsvOptions::categories`] for all of them at
    /// once. Columns are matched by name when `train` had names (a header or
    /// [`CsvOptions::names`]), else (or for a name two columns share) by
    /// their position in `train`'s file.
    ///
    /// A category of the test file that `train` did not have gets the next
    /// code after the training ones (in sorted order when there are several)
    /// and is appended to that column's list in the test dataset's
    /// [`CsvDataset::categories`], so no training code changes. A model fitted
    /// on the training codes then meets a code it never saw:
    /// `HistGradientBoosting*` sends it where it sends missing values (as
    /// scikit-learn does for unknown categories), and a
    /// `OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore)`
    /// encodes it as all zeros.
    ///
    /// # Errors
    /// As [`CsvOptions::categories`]: [`Error::Parse`](crate::Error::Parse)
    /// when the test file lacks one of `train`'s categorical columns.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let options = CsvOptions::default().target_column("y");
    /// let train = read_csv_from_reader("color,size,y\nred,S,1\nblue,M,0\n".as_bytes(), "train.csv", &options)?;
    /// let test_options = options.clone().categories_from(&train);
    /// let test = read_csv_from_reader("color,size,y\nred,XL,1\n".as_bytes(), "test.csv", &test_options)?;
    /// assert_eq!(test.data.row(0).to_vec(), vec![1.0, 2.0]); // red: 1 as in training; XL: new code 2
    /// assert_eq!(test.categories_of(1).unwrap(), ["M", "S", "XL"]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categories_from<G>(self, train: &CsvDataset<G>) -> Self {
        train
            .categorical_features
            .iter()
            .zip(&train.categories)
            .fold(self, |options, (&feature, categories)| {
                let name = &train.feature_names[feature];
                // A name that is not unique would find the first column of
                // that name: such columns go by position.
                let unique = train.feature_names.iter().filter(|n| *n == name).count() == 1
                    && train.target_name.as_ref() != Some(name);
                let column = if train.named && unique {
                    ColumnRef::Name(name.clone())
                } else {
                    ColumnRef::Index(train.columns[feature])
                };
                options.categories(column, categories)
            })
    }

    /// Sets what a missing target cell (one of `missing_values`) does: an
    /// [`Error::Parse`](crate::Error::Parse) naming its line (`false`, the
    /// default), or the row is left out of the dataset (`true`; scikit-learn
    /// has no missing targets, so pandas users drop such rows first).
    ///
    /// # Example
    /// ```
    /// use learnkit::{datasets::{read_csv_from_reader, CsvOptions}, Error};
    /// let text = "x,y\n1,no\n2,?\n3,yes\n";
    /// let strict = CsvOptions::default().target_column("y");
    /// let err = read_csv_from_reader(text.as_bytes(), "t.csv", &strict).unwrap_err();
    /// assert!(matches!(err, Error::Parse { line: 3, .. }));
    /// let csv = read_csv_from_reader(text.as_bytes(), "t.csv", &strict.drop_missing_target(true))?;
    /// assert_eq!(csv.target.as_ref().unwrap().to_vec(), vec!["no", "yes"]);
    /// assert_eq!(csv.line_of_row(1), Some(4));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn drop_missing_target(mut self, drop: bool) -> Self {
        self.drop_missing_target = drop;
        self
    }
}
