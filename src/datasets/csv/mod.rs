//! [`read_csv`]: load your own CSV file into a feature matrix, with
//! categorical columns encoded and missing values as `NaN`.

use crate::error::{Error, Result};
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

mod options;

pub use options::{ColumnRef, CsvOptions, IntoCategories};

const NAME: &str = "read_csv";

/// The first two bytes of a gzip stream; no CSV text starts with them
/// (0x8b is not valid UTF-8 after 0x1f).
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// A CSV file read by [`read_csv`].
///
/// Every column except the target is a feature. A column whose non-missing
/// cells all parse as numbers (Rust's `f64` syntax, so `1e3`, `-0.5`, `inf`
/// and `NaN` count) is numeric; any other column is categorical, its cells
/// encoded as codes `0..k` in the sorted order of the category strings, as
/// scikit-learn's `OrdinalEncoder`. Missing cells are `NaN` in either kind.
///
/// # Example
/// ```
/// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
///
/// let text = "age, color, label\n31, red, yes\n?, blue, no\n";
/// let csv = read_csv_from_reader(text.as_bytes(), "<memory>", &CsvOptions::default().target_column("label"))?;
/// assert_eq!(csv.feature_names, vec!["age", "color"]);
/// assert_eq!(csv.categorical_features, vec![1]);
/// assert_eq!(csv.categories, vec![vec!["blue".to_string(), "red".to_string()]]);
/// assert_eq!(csv.data[[0, 1]], 1.0); // "red"
/// assert!(csv.data[[1, 0]].is_nan()); // "?" is missing
/// assert_eq!(csv.target.unwrap().to_vec(), vec!["yes", "no"]);
/// # Ok::<(), learnkit::Error>(())
/// ```
///
/// The features are `f64`; [`CsvDataset::to_f32`] gives an `f32` copy.
///
/// Estimators take the columns by the file's names: `ColumnTransformer`
/// and `HistGradientBoosting*` through their `feature_names`, so nobody maps
/// names to indices by hand (or use [`CsvDataset::feature_indices`]).
/// ```
/// use learnkit::compose::ColumnTransformer;
/// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
/// use learnkit::ensemble::{CategoricalFeatures, HistGradientBoostingClassifier};
/// use learnkit::preprocessing::{HandleUnknown, OneHotEncoder};
/// use learnkit::prelude::*;
///
/// let text = "id,age,workclass,hours,income\n1,39,State-gov,40,<=50K\n2,50,Private,13,>50K\n\
///             3,38,Private,40,<=50K\n4,53,Self-emp,45,>50K\n";
/// let options = CsvOptions::default().drop_columns(["id"]).target_column("income");
/// let csv = read_csv_from_reader(text.as_bytes(), "census.csv", &options)?;
/// let (x, y) = (csv.data.view(), csv.target.as_ref().unwrap().view());
///
/// let encode = ColumnTransformer::new()
///     .feature_names(&csv.feature_names)
///     .add("categories", OneHotEncoder::default().handle_unknown(HandleUnknown::Ignore), ["workclass"])
///     .add("numbers", StandardScaler::default(), ["age", "hours"]);
/// assert_eq!(encode.fit_unsupervised(x)?.steps().1.columns(), [0, 2]);
///
/// let boosting = HistGradientBoostingClassifier::default()
///     .feature_names(&csv.feature_names)
///     .categorical_features(CategoricalFeatures::from(["workclass"]))
///     .max_iter(2)
///     .fit(x, y)?;
/// assert_eq!(boosting.is_categorical(), &[false, true, false]);
/// # Ok::<(), learnkit::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CsvDataset<F = f64> {
    /// The features, one row per data record; categorical columns hold codes,
    /// missing cells `NaN`.
    pub data: Array2<F>,
    /// The target column's trimmed cells, or `None` without a
    /// `target_column`. No cell is missing: a row with a missing target is an
    /// error, or left out (see [`CsvOptions::drop_missing_target`]).
    pub target: Option<Array1<String>>,
    /// One name per feature column: the header's (or [`CsvOptions::names`]'),
    /// or `x0`, `x1`, … without names.
    pub feature_names: Vec<String>,
    /// The target column's name (or `x{index}` without names).
    pub target_name: Option<String>,
    /// The indices (in `data`'s columns) of the categorical features, ascending.
    pub categorical_features: Vec<usize>,
    /// The sorted categories of each categorical feature, in the order of
    /// `categorical_features`: code `c` of that column means `categories[i][c]`.
    pub categories: Vec<Vec<String>>,
    /// The file name used in error messages.
    source: String,
    /// The 1-based line at which each data row starts, for error messages.
    lines: Vec<usize>,
    /// The 0-based file column of each feature, so that
    /// [`CsvOptions::categories_from`] can find it in another file.
    columns: Vec<usize>,
    /// Whether the columns had names (a header or [`CsvOptions::names`]).
    named: bool,
}

impl<F> CsvDataset<F> {
    /// The 0-based file column of feature `feature` (for readers that must
    /// refer to a feature's column in another read of the same file).
    pub(crate) fn file_column(&self, feature: usize) -> usize {
        self.columns[feature]
    }
}

impl CsvDataset<f64> {
    /// An `f32` copy: every value cast from `f64` to the nearest `f32` (codes
    /// and `NaN` are exact), names, categories and target unchanged.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let csv = read_csv_from_reader("a,b\n0.1,x\n?,y\n".as_bytes(), "<memory>", &CsvOptions::default())?;
    /// let small = csv.to_f32();
    /// assert_eq!(small.data[[0, 0]], 0.1f32);
    /// assert!(small.data[[1, 0]].is_nan());
    /// assert_eq!(small.categories, csv.categories);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn to_f32(&self) -> CsvDataset<f32> {
        CsvDataset {
            data: self.data.mapv(|v| v as f32),
            target: self.target.clone(),
            feature_names: self.feature_names.clone(),
            target_name: self.target_name.clone(),
            categorical_features: self.categorical_features.clone(),
            categories: self.categories.clone(),
            source: self.source.clone(),
            lines: self.lines.clone(),
            columns: self.columns.clone(),
            named: self.named,
        }
    }
}

impl<F> CsvDataset<F> {
    /// The indices (in `data`'s columns) of the features with these names, in
    /// this order: for an estimator that takes column indices.
    /// (`HistGradientBoosting*` and `ColumnTransformer` also take names
    /// directly.)
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a name that is not a feature's.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let csv = read_csv_from_reader("age,color,size\n31,red,S\n".as_bytes(), "<memory>", &CsvOptions::default())?;
    /// assert_eq!(csv.feature_indices(["size", "age"])?, vec![2, 0]);
    /// assert!(csv.feature_indices(["income"]).is_err());
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn feature_indices<S: AsRef<str>>(&self, names: impl IntoIterator<Item = S>) -> Result<Vec<usize>> {
        names
            .into_iter()
            .map(|name| {
                let name = name.as_ref();
                self.feature_names.iter().position(|n| n == name).ok_or_else(|| {
                    Error::invalid_parameter(
                        "CsvDataset",
                        "names",
                        format!("names of features, among {:?}", self.feature_names),
                        name,
                    )
                })
            })
            .collect()
    }

    /// The categories of feature column `feature`, or `None` when it is numeric
    /// (or out of range).
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let csv = read_csv_from_reader("a,b\n1,x\n2,y\n".as_bytes(), "<memory>", &CsvOptions::default())?;
    /// assert_eq!(csv.categories_of(1), Some(&["x".to_string(), "y".to_string()][..]));
    /// assert_eq!(csv.categories_of(0), None);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn categories_of(&self, feature: usize) -> Option<&[String]> {
        let i = self.categorical_features.binary_search(&feature).ok()?;
        Some(&self.categories[i])
    }

    /// The 1-based line of the file at which data row `row` starts (header
    /// and blank lines counted), to point a user at a row.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let csv = read_csv_from_reader("a\n1\n\n2\n".as_bytes(), "<memory>", &CsvOptions::default())?;
    /// assert_eq!(csv.line_of_row(1), Some(4));
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn line_of_row(&self, row: usize) -> Option<usize> {
        self.lines.get(row).copied()
    }

    /// Encodes the target as class codes: returns the sorted distinct classes
    /// and, per row, the index of its class (as scikit-learn's `LabelEncoder`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] without a `target_column`.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions, ColumnRef};
    /// let text = "x,y\n1,>50K\n2,<=50K\n3,>50K\n";
    /// let csv = read_csv_from_reader(text.as_bytes(), "<memory>", &CsvOptions::default().target_column(ColumnRef::Last))?;
    /// let (classes, codes) = csv.encode_target()?;
    /// assert_eq!(classes, vec!["<=50K", ">50K"]);
    /// assert_eq!(codes.to_vec(), vec![1, 0, 1]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn encode_target(&self) -> Result<(Vec<String>, Array1<usize>)> {
        let target = self.checked_target()?;
        let (classes, codes) = crate::validation::encode_labels(target.iter());
        Ok((classes, Array1::from(codes)))
    }

    /// Parses the target as numbers, for regression.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] without a `target_column`;
    /// [`Error::Parse`] at the first non-numeric target cell.
    ///
    /// # Example
    /// ```
    /// use learnkit::datasets::{read_csv_from_reader, CsvOptions};
    /// let csv = read_csv_from_reader("x,price\n1,3.5\n2,4\n".as_bytes(), "<memory>", &CsvOptions::default().target_column("price"))?;
    /// assert_eq!(csv.parse_target()?.to_vec(), vec![3.5, 4.0]);
    /// # Ok::<(), learnkit::Error>(())
    /// ```
    pub fn parse_target(&self) -> Result<Array1<f64>> {
        let target = self.checked_target()?;
        target
            .iter()
            .enumerate()
            .map(|(row, cell)| {
                cell.parse::<f64>()
                    .map_err(|_| self.target_error(row, format!("the target {cell:?} is not a number")))
            })
            .collect::<Result<Vec<f64>>>()
            .map(Array1::from)
    }

    /// The target, checked to exist (its cells are never missing: the
    /// reader checked them).
    fn checked_target(&self) -> Result<&Array1<String>> {
        self.target
            .as_ref()
            .ok_or_else(|| Error::invalid_parameter(NAME, "target_column", "set to read a target", "None"))
    }

    fn target_error(&self, row: usize, message: String) -> Error {
        Error::Parse {
            path: self.source.clone(),
            line: self.lines[row],
            column: self.target_name.clone().unwrap_or_default(),
            message,
        }
    }
}

/// Reads a CSV file of your own; see [`CsvDataset`] for how columns are
/// typed and [`CsvOptions`] for the options.
///
/// Cells are trimmed of surrounding whitespace (so `"a, b"` reads `b`);
/// quoting follows RFC 4180 (the `csv` crate); blank lines are skipped. A
/// gzip-compressed file (`.csv.gz`, recognised by its first bytes, not its
/// name) is decompressed first. The
/// file is read in one pass and its columns are then typed in parallel.
///
/// # Errors
/// - [`Error::Io`] with the path when the file cannot be opened or read, or
///   is gzip-compressed but corrupt.
/// - [`Error::Parse`] with the 1-based line (the header counts) and the
///   column (its name, or its 1-based position without names) for:
///   an empty file (line 1), a header without data rows, a row with the wrong
///   number of fields (the column is the first missing one, or the first extra
///   position), a column of `target_column`, `usecols`, `drop_columns` or
///   `categories` that does not exist, as many `names` as fields, a missing
///   target (unless [`CsvOptions::drop_missing_target`]), and a cell that is
///   not UTF-8.
/// - [`Error::InvalidParameter`] for a column given by name without a header
///   or `names`, repeated `names`, and the target among `drop_columns`.
///
/// # Example
/// ```
/// use learnkit::datasets::{read_csv, CsvOptions};
///
/// let path = std::env::temp_dir().join("learnkit_read_csv_doc.csv");
/// std::fs::write(&path, "sepal,petal,kind\n5.1,1.4,setosa\n7.0,4.7,versicolor\n")?;
/// let csv = read_csv(&path, &CsvOptions::default().target_column("kind"))?;
/// assert_eq!(csv.data.dim(), (2, 2));
/// assert_eq!(csv.target.unwrap()[1], "versicolor");
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_csv(path: impl AsRef<Path>, options: &CsvOptions) -> Result<CsvDataset> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: name.clone(),
        source,
    })?;
    read_csv_from_reader(file, &name, options)
}

/// Reads CSV data from any reader (a decompressor, a network stream, bytes in
/// memory); `name` stands for the file in error messages. Otherwise as
/// [`read_csv`].
///
/// # Errors
/// As [`read_csv`]; read failures are [`Error::Io`] with `name`.
///
/// # Example
/// ```
/// use learnkit::{datasets::{read_csv_from_reader, CsvOptions}, Error};
///
/// let err = read_csv_from_reader("a,b\n1,2\n3\n".as_bytes(), "data.csv", &CsvOptions::default()).unwrap_err();
/// assert!(matches!(err, Error::Parse { line: 3, ref column, .. } if column == "b"));
/// ```
pub fn read_csv_from_reader(reader: impl Read, name: &str, options: &CsvOptions) -> Result<CsvDataset> {
    check_names(options)?;
    let cells = read_cells(reader, name, options)?;
    let target = options
        .target_column
        .as_ref()
        .map(|column| resolve_column(column, "target_column", &cells, name, options))
        .transpose()?;
    let features = feature_columns(options, target, &cells, name)?;
    let known = known_categories(options, target, &features, &cells, name)?;
    let missing: Vec<&str> = options.missing_values.iter().map(|m| m.trim()).collect();
    let rows = kept_rows(options, target, &cells, &missing, name)?;
    let typed: Vec<TypedColumn> = features
        .par_iter()
        .map(|&j| type_column(&cells, &rows, j, &missing, known[j]))
        .collect();

    let mut data = Array2::<f64>::zeros((rows.len(), features.len()));
    for (mut out, column) in data.columns_mut().into_iter().zip(&typed) {
        out.iter_mut().zip(&column.values).for_each(|(o, v)| *o = *v);
    }
    let named = cells.header.is_some() || options.names.is_some();
    let name_of = |j: usize, feature: usize| match named {
        true => cells.columns[j].clone(),
        false => format!("x{feature}"),
    };
    let mut categorical_features = Vec::new();
    let mut categories = Vec::new();
    for (i, column) in typed.into_iter().enumerate() {
        if let Some(cats) = column.categories {
            categorical_features.push(i);
            categories.push(cats);
        }
    }
    Ok(CsvDataset {
        data,
        target: target.map(|j| rows.iter().map(|&i| cells.cell(i, j).to_owned()).collect()),
        feature_names: features.iter().enumerate().map(|(f, &j)| name_of(j, f)).collect(),
        target_name: target.map(|j| name_of(j, j)),
        categorical_features,
        categories,
        source: name.to_owned(),
        lines: rows.iter().map(|&i| cells.lines[i]).collect(),
        columns: features,
        named,
    })
}

/// Checks [`CsvOptions::names`]: no name twice (their count is checked
/// against the file's first row by [`read_cells`]).
fn check_names(options: &CsvOptions) -> Result<()> {
    let Some(names) = &options.names else {
        return Ok(());
    };
    let mut sorted: Vec<&str> = names.iter().map(|n| n.trim()).collect();
    sorted.sort_unstable();
    match sorted.windows(2).find(|pair| pair[0] == pair[1]) {
        Some(pair) => Err(Error::invalid_parameter(
            NAME,
            "names",
            "column names without duplicates",
            pair[0],
        )),
        None => Ok(()),
    }
}

/// The file columns read as features, ascending: every column but the
/// target, or only those of `usecols`, less those of `drop_columns`.
fn feature_columns(options: &CsvOptions, target: Option<usize>, cells: &Cells, name: &str) -> Result<Vec<usize>> {
    let n_columns = cells.columns.len();
    let mut read = vec![options.usecols.is_none(); n_columns];
    for column in options.usecols.iter().flatten() {
        read[resolve_column(column, "usecols", cells, name, options)?] = true;
    }
    for column in &options.drop_columns {
        let j = resolve_column(column, "drop_columns", cells, name, options)?;
        if Some(j) == target {
            return Err(Error::invalid_parameter(
                NAME,
                "drop_columns",
                "columns other than the target column",
                &cells.columns[j],
            ));
        }
        read[j] = false;
    }
    Ok((0..n_columns).filter(|&j| read[j] && Some(j) != target).collect())
}

/// The data rows kept: all of them, less those whose target is missing when
/// `drop_missing_target` is set (otherwise a missing target is an error at
/// its line).
fn kept_rows(
    options: &CsvOptions,
    target: Option<usize>,
    cells: &Cells,
    missing: &[&str],
    name: &str,
) -> Result<Vec<usize>> {
    let n_rows = cells.lines.len();
    let Some(j) = target else {
        return Ok((0..n_rows).collect());
    };
    let mut rows = Vec::with_capacity(n_rows);
    for i in 0..n_rows {
        let cell = cells.cell(i, j);
        if !missing.contains(&cell) {
            rows.push(i);
        } else if !options.drop_missing_target {
            return Err(parse_error(
                name,
                cells.lines[i],
                cells.columns[j].clone(),
                format!(
                    "the target is missing ({cell:?} is a missing value): fix the row, or read with \
                     CsvOptions::drop_missing_target(true) to leave such rows out"
                ),
            ));
        }
    }
    if rows.is_empty() {
        return Err(parse_error(
            name,
            cells.lines[0],
            cells.columns[j].clone(),
            "every row's target is missing (drop_missing_target left no rows)",
        ));
    }
    Ok(rows)
}

/// Every cell of the file, trimmed, in one string buffer (row-major), so that
/// columns can be typed after the whole file is seen without one allocation
/// per cell.
struct Cells {
    /// The 1-based line of the header, when there is one.
    header: Option<usize>,
    /// Column labels for error messages: header names, or 1-based positions.
    columns: Vec<String>,
    text: String,
    /// `ends[i * n_columns + j]` is where cell `(i, j)` ends in `text`; it
    /// starts where the previous cell ends.
    ends: Vec<usize>,
    /// The 1-based line of each data row.
    lines: Vec<usize>,
}

impl Cells {
    fn cell(&self, row: usize, column: usize) -> &str {
        let k = row * self.columns.len() + column;
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }
}

fn parse_error(name: &str, line: usize, column: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Parse {
        path: name.to_owned(),
        line,
        column: column.into(),
        message: message.into(),
    }
}

/// Maps byte offsets of the input to 1-based line numbers, counting `\n`.
///
/// The csv crate's own record positions count the line where a read starts,
/// before it skips blank lines, and count `\r\n` late, so lines are counted
/// here from the bytes instead.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    /// The line of the first byte of a record whose read started at `start`:
    /// skips the blank lines the csv reader skipped. Offsets must not decrease.
    fn record_line(&mut self, start: u64) -> usize {
        let start = (start as usize).min(self.bytes.len());
        let blank = self.bytes[start..]
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .count();
        let start = start + blank;
        if start > self.offset {
            self.line += self.bytes[self.offset..start].iter().filter(|&&b| b == b'\n').count();
            self.offset = start;
        }
        self.line
    }
}

/// Reads and trims every cell, checking that each row has as many fields as
/// the first.
///
/// The whole input is read into memory first: the cells are kept anyway until
/// the columns are typed, and the raw bytes give exact line numbers.
fn read_cells(mut reader: impl Read, name: &str, options: &CsvOptions) -> Result<Cells> {
    let io_error = |source| Error::Io {
        path: name.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.starts_with(GZIP_MAGIC) {
        let mut text = Vec::with_capacity(bytes.len() * 4);
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .read_to_end(&mut text)
            .map_err(io_error)?;
        bytes = text;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes); // a UTF-8 byte-order mark
    let mut lines = LineCounter {
        bytes: body,
        offset: 0,
        line: 1,
    };
    let mut csv_reader = ::csv::ReaderBuilder::new()
        .has_headers(false) // handled here, so that line numbers and errors are uniform
        .flexible(true) // field counts are checked here, to report the column
        .delimiter(options.delimiter)
        .from_reader(body);
    let mut record = ::csv::ByteRecord::new();
    let mut cells = Cells {
        header: None,
        columns: Vec::new(),
        text: String::with_capacity(body.len()),
        ends: Vec::new(),
        lines: Vec::new(),
    };
    let mut first = true;
    loop {
        match csv_reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = error.position().map_or(lines.line, |p| lines.record_line(p.byte()));
                return Err(match error.into_kind() {
                    ::csv::ErrorKind::Io(source) => io_error(source),
                    other => parse_error(name, line, "", format!("{other:?}")),
                });
            }
        }
        let line = record.position().map_or(lines.line, |p| lines.record_line(p.byte()));
        // A line of only whitespace is blank (csv skips truly empty lines).
        if record.len() == 1 && record[0].trim_ascii().is_empty() && (first || cells.columns.len() > 1) {
            continue;
        }
        if first {
            first = false;
            cells.columns = (1..=record.len()).map(|j| j.to_string()).collect();
            if options.has_header {
                cells.header = Some(line);
                for j in 0..record.len() {
                    let label = cells.columns[j].clone();
                    cells.columns[j] = utf8_cell(&record[j], name, line, &label)?.trim().to_owned();
                }
            }
            if let Some(names) = &options.names {
                if names.len() != record.len() {
                    return Err(parse_error(
                        name,
                        line,
                        (names.len().min(record.len()) + 1).to_string(),
                        format!(
                            "CsvOptions::names gives {} names, but this row has {} fields: give one name per column",
                            names.len(),
                            record.len()
                        ),
                    ));
                }
                cells.columns = names.iter().map(|n| n.trim().to_owned()).collect();
            }
            if options.has_header {
                continue;
            }
        }
        let n_columns = cells.columns.len();
        if record.len() != n_columns {
            let (column, message) = if record.len() < n_columns {
                (cells.columns[record.len()].clone(), "missing")
            } else {
                ((n_columns + 1).to_string(), "extra")
            };
            let expected = if cells.header.is_some() {
                " (as in the header)"
            } else {
                " (as in the first row)"
            };
            return Err(parse_error(
                name,
                line,
                column,
                format!(
                    "expected {n_columns} fields{expected}, found {}: this column is {message}",
                    record.len()
                ),
            ));
        }
        for (j, field) in record.iter().enumerate() {
            let cell = utf8_cell(field, name, line, &cells.columns[j])?;
            cells.text.push_str(cell.trim());
            cells.ends.push(cells.text.len());
        }
        cells.lines.push(line);
    }
    if first {
        return Err(parse_error(name, 1, "1", "the file is empty"));
    }
    if cells.lines.is_empty() {
        let line = cells.header.unwrap_or(1) + 1;
        return Err(parse_error(
            name,
            line,
            cells.columns[0].clone(),
            "no data rows after the header",
        ));
    }
    Ok(cells)
}

fn utf8_cell<'a>(field: &'a [u8], name: &str, line: usize, column: &str) -> Result<&'a str> {
    std::str::from_utf8(field).map_err(|e| parse_error(name, line, column, format!("the cell is not valid UTF-8: {e}")))
}

/// The 0-based file column of `column`, given to option `parameter`
/// (`"target_column"`, `"usecols"`, `"drop_columns"` or `"categories"`).
fn resolve_column(
    column: &ColumnRef,
    parameter: &'static str,
    cells: &Cells,
    name: &str,
    options: &CsvOptions,
) -> Result<usize> {
    let n_columns = cells.columns.len();
    let line = cells.header.unwrap_or(cells.lines[0]);
    let what = parameter.strip_suffix("_column").unwrap_or(parameter);
    match column {
        ColumnRef::Last => Ok(n_columns - 1),
        ColumnRef::Index(j) if *j < n_columns => Ok(*j),
        ColumnRef::Index(j) => Err(parse_error(
            name,
            line,
            // 1-based, in u128 so that usize::MAX + 1 does not overflow.
            (*j as u128 + 1).to_string(),
            format!("{what} column index {j} is out of range: the rows have {n_columns} fields"),
        )),
        ColumnRef::Name(wanted) if !options.has_header && options.names.is_none() => Err(Error::invalid_parameter(
            NAME,
            parameter,
            "a column index (not a name) when has_header is false and no names are given (CsvOptions::names)",
            wanted,
        )),
        ColumnRef::Name(wanted) => cells.columns.iter().position(|c| c == wanted.trim()).ok_or_else(|| {
            parse_error(
                name,
                line,
                wanted.clone(),
                format!("no {what} column named {wanted:?}; the columns are {:?}", cells.columns),
            )
        }),
    }
}

/// The known categories of each file column (`None` for most), checked:
/// each list without duplicates, and never for the target column.
fn known_categories<'o>(
    options: &'o CsvOptions,
    target: Option<usize>,
    features: &[usize],
    cells: &Cells,
    name: &str,
) -> Result<Vec<Option<&'o [String]>>> {
    let mut known = vec![None; cells.columns.len()];
    for (column, categories) in &options.categories {
        let j = resolve_column(column, "categories", cells, name, options)?;
        if Some(j) == target {
            let line = cells.header.unwrap_or(cells.lines[0]);
            return Err(parse_error(
                name,
                line,
                cells.columns[j].clone(),
                "this column is the target, which is not encoded: it cannot take categories",
            ));
        }
        if features.binary_search(&j).is_err() {
            let line = cells.header.unwrap_or(cells.lines[0]);
            return Err(parse_error(
                name,
                line,
                cells.columns[j].clone(),
                "this column is not read (usecols or drop_columns leave it out): it cannot take categories",
            ));
        }
        let mut sorted: Vec<&str> = categories.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(Error::invalid_parameter(
                NAME,
                "categories",
                format!("categories without duplicates for column {:?}", cells.columns[j]),
                pair[0],
            ));
        }
        known[j] = Some(categories.as_slice());
    }
    Ok(known)
}

/// One feature column, typed: its values (numbers or category codes, `NaN`
/// when missing) and, when categorical, its sorted categories.
struct TypedColumn {
    values: Vec<f64>,
    categories: Option<Vec<String>>,
}

/// Types column `j` in data rows `rows`: numeric when every non-missing cell parses as `f64`,
/// otherwise categorical with codes in sorted category order. With `known`
/// categories it is categorical, those categories first.
fn type_column(cells: &Cells, rows: &[usize], j: usize, missing: &[&str], known: Option<&[String]>) -> TypedColumn {
    let n_rows = rows.len();
    let is_missing = |cell: &str| missing.contains(&cell);
    let mut values = Vec::with_capacity(n_rows);
    for &i in rows.iter().take_while(|_| known.is_none()) {
        let cell = cells.cell(i, j);
        if is_missing(cell) {
            values.push(f64::NAN);
        } else if let Ok(v) = cell.parse::<f64>() {
            values.push(v);
        } else {
            break;
        }
    }
    if values.len() == n_rows {
        return TypedColumn {
            values,
            categories: None,
        };
    }
    // One hash lookup per cell: each row gets the id of its category in
    // order of first appearance (the known categories take ids 0..k), and
    // the ids are mapped to sorted codes at the end.
    let known = known.unwrap_or_default();
    let mut ids: HashMap<&str, u32> = HashMap::with_capacity(known.len() + 64);
    let mut by_id: Vec<&str> = Vec::with_capacity(known.len() + 64);
    for category in known {
        ids.insert(category, by_id.len() as u32);
        by_id.push(category);
    }
    const MISSING: u32 = u32::MAX;
    let row_ids: Vec<u32> = rows
        .iter()
        .map(|&i| {
            let cell = cells.cell(i, j);
            if is_missing(cell) {
                return MISSING;
            }
            *ids.entry(cell).or_insert_with(|| {
                by_id.push(cell);
                (by_id.len() - 1) as u32
            })
        })
        .collect();
    let mut unseen: Vec<u32> = (known.len() as u32..by_id.len() as u32).collect();
    unseen.sort_unstable_by_key(|&id| by_id[id as usize]);
    let mut code_of_id: Vec<f64> = (0..by_id.len()).map(|id| id as f64).collect();
    for (rank, &id) in unseen.iter().enumerate() {
        code_of_id[id as usize] = (known.len() + rank) as f64;
    }
    let categories: Vec<&str> = by_id[..known.len()]
        .iter()
        .copied()
        .chain(unseen.iter().map(|&id| by_id[id as usize]))
        .collect();
    values.clear();
    values.extend(row_ids.iter().map(|&id| {
        if id == MISSING {
            f64::NAN
        } else {
            code_of_id[id as usize]
        }
    }));
    TypedColumn {
        values,
        categories: Some(categories.into_iter().map(str::to_owned).collect()),
    }
}
