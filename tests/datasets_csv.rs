//! The CSV reader: typing of columns, missing values, the target, and every
//! error with its line and column.

use learnkit::Error;
use learnkit::datasets::{ColumnRef, CsvDataset, CsvOptions, read_csv, read_csv_from_reader};
use std::path::PathBuf;

fn read(text: &str, options: &CsvOptions) -> learnkit::Result<CsvDataset> {
    read_csv_from_reader(text.as_bytes(), "test.csv", options)
}

/// Asserts a `Parse` error at `line` and `column`, whose message contains `needle`.
fn assert_parse_error(result: learnkit::Result<CsvDataset>, line: usize, column: &str, needle: &str) {
    match result {
        Err(Error::Parse {
            path,
            line: l,
            column: c,
            message,
        }) => {
            assert_eq!(path, "test.csv");
            assert_eq!((l, c.as_str()), (line, column), "message: {message}");
            assert!(message.contains(needle), "{message:?} does not contain {needle:?}");
        }
        other => panic!("expected a Parse error at line {line}, column {column}, got {other:?}"),
    }
}

/// A file in the temp directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("learnkit_test_{}_{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn numeric_columns_are_parsed_as_f64() {
    let csv = read("a,b\n1,2.5\n-3,1e3\n", &CsvOptions::default()).unwrap();
    assert_eq!(csv.data, ndarray::array![[1.0, 2.5], [-3.0, 1000.0]]);
    assert_eq!(csv.feature_names, vec!["a", "b"]);
    assert!(csv.categorical_features.is_empty() && csv.categories.is_empty());
    assert_eq!(csv.target, None);
    assert_eq!(csv.target_name, None);
}

#[test]
fn categorical_columns_get_sorted_codes_and_missing_is_nan() {
    let text = "n,color,size\n1,red,S\n2,blue,?\n3,,M\nNA,red,S\n";
    let csv = read(text, &CsvOptions::default()).unwrap();
    assert_eq!(csv.categorical_features, vec![1, 2]);
    assert_eq!(csv.categories[0], vec!["blue", "red"]);
    assert_eq!(csv.categories[1], vec!["M", "S"]);
    assert_eq!(csv.categories_of(2).unwrap(), &["M".to_string(), "S".to_string()]);
    assert!(csv.categories_of(0).is_none());
    let color: Vec<f64> = csv.data.column(1).to_vec();
    assert_eq!(color[0], 1.0);
    assert_eq!(color[1], 0.0);
    assert!(color[2].is_nan());
    assert_eq!(color[3], 1.0);
    assert!(csv.data[[1, 2]].is_nan());
    assert!(csv.data[[3, 0]].is_nan());
    assert_eq!(csv.data[[2, 0]], 3.0);
}

#[test]
fn a_column_with_one_non_number_is_categorical_with_string_order() {
    // "10" sorts before "9" as a string, as OrdinalEncoder on object columns.
    let csv = read("x\n9\n10\nnine\n", &CsvOptions::default()).unwrap();
    assert_eq!(csv.categories, vec![vec!["10", "9", "nine"]]);
    assert_eq!(csv.data.column(0).to_vec(), vec![1.0, 0.0, 2.0]);
}

#[test]
fn cells_are_trimmed_and_adult_style_missing_values_are_recognised() {
    // The Adult census layout: spaces after commas, " ?" for missing.
    let text = "age, workclass, income\n39, State-gov, <=50K\n50, ?, >50K\n 38 , Private , <=50K\n";
    let options = CsvOptions::default().target_column(ColumnRef::Last);
    let csv = read(text, &options).unwrap();
    assert_eq!(csv.feature_names, vec!["age", "workclass"]);
    assert_eq!(csv.data.column(0).to_vec(), vec![39.0, 50.0, 38.0]);
    assert_eq!(csv.categories, vec![vec!["Private", "State-gov"]]);
    assert!(csv.data[[1, 1]].is_nan());
    assert_eq!(csv.target_name.as_deref(), Some("income"));
    assert_eq!(csv.target.as_ref().unwrap().to_vec(), vec!["<=50K", ">50K", "<=50K"]);
    let (classes, codes) = csv.encode_target().unwrap();
    assert_eq!(classes, vec!["<=50K", ">50K"]);
    assert_eq!(codes.to_vec(), vec![0, 1, 0]);
}

#[test]
fn target_by_name_index_and_last() {
    let text = "a,b,c\n1,x,3\n4,y,6\n";
    for column in [ColumnRef::from("b"), ColumnRef::from(1), ColumnRef::Name(" b ".into())] {
        let csv = read(text, &CsvOptions::default().target_column(column)).unwrap();
        assert_eq!(csv.feature_names, vec!["a", "c"]);
        assert_eq!(csv.data, ndarray::array![[1.0, 3.0], [4.0, 6.0]]);
        assert_eq!(csv.target.unwrap().to_vec(), vec!["x", "y"]);
        assert!(csv.categorical_features.is_empty(), "the target is not a feature");
    }
    let csv = read(text, &CsvOptions::default().target_column(ColumnRef::Last)).unwrap();
    assert_eq!(csv.target_name.as_deref(), Some("c"));
    assert_eq!(csv.parse_target().unwrap().to_vec(), vec![3.0, 6.0]);
}

#[test]
fn quoting_is_handled_including_delimiters_and_newlines_in_cells() {
    let text = "name,v\n\"Smith, J\",1\n\"multi\nline\",2\n\"say \"\"hi\"\"\",3\n";
    let csv = read(text, &CsvOptions::default()).unwrap();
    assert_eq!(csv.categories[0], vec!["Smith, J", "multi\nline", "say \"hi\""]);
    assert_eq!(csv.line_of_row(0), Some(2));
    assert_eq!(csv.line_of_row(1), Some(3));
    assert_eq!(csv.line_of_row(2), Some(5), "the quoted newline takes a line");
}

#[test]
fn no_header_names_features_x0_x1() {
    let csv = read(
        "1,2,a\n3,4,b\n",
        &CsvOptions::default().has_header(false).target_column(2),
    )
    .unwrap();
    assert_eq!(csv.feature_names, vec!["x0", "x1"]);
    assert_eq!(csv.target_name.as_deref(), Some("x2"));
    assert_eq!(csv.data.nrows(), 2);
}

#[test]
fn other_delimiters_and_missing_values() {
    let options = CsvOptions::default().delimiter(b';').missing_values(["-"]);
    let csv = read("a;b\n1;-\n2;?\n", &options).unwrap();
    assert!(csv.data[[0, 1]].is_nan());
    // "?" is no longer missing, so column b is categorical.
    assert_eq!(csv.categories, vec![vec!["?"]]);
    let tsv = read("a\tb\n1\t2\n", &CsvOptions::default().delimiter(b'\t')).unwrap();
    assert_eq!(tsv.data, ndarray::array![[1.0, 2.0]]);
}

#[test]
fn blank_lines_and_crlf_keep_line_numbers_exact() {
    let csv = read("a,b\r\n1,2\r\n\r\n   \r\n3,4\r\n", &CsvOptions::default()).unwrap();
    assert_eq!(csv.data.nrows(), 2);
    assert_eq!(csv.line_of_row(1), Some(5));
    assert_parse_error(
        read("a,b\n\n\n1,2\n3\n", &CsvOptions::default()),
        5,
        "b",
        "expected 2 fields",
    );
    assert_parse_error(
        read("a,b\r\n1,2\r\n\r\n3\r\n", &CsvOptions::default()),
        4,
        "b",
        "found 1",
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let csv = read("\u{feff}a,b\n1,2\n", &CsvOptions::default()).unwrap();
    assert_eq!(csv.feature_names, vec!["a", "b"]);
}

#[test]
fn a_whole_column_missing_is_numeric_nan() {
    let csv = read("a,b\n1,\n2,?\n", &CsvOptions::default()).unwrap();
    assert!(csv.categorical_features.is_empty());
    assert!(csv.data.column(1).iter().all(|v| v.is_nan()));
}

#[test]
fn read_csv_reads_a_file_and_names_it_in_errors() {
    let file = TempFile::new("ok.csv", b"x,y\n1,a\n2,b\n");
    let csv = read_csv(&file.0, &CsvOptions::default().target_column("y")).unwrap();
    assert_eq!(csv.data.column(0).to_vec(), vec![1.0, 2.0]);

    let bad = TempFile::new("bad.csv", b"x,y\n1,a\n2\n");
    match read_csv(&bad.0, &CsvOptions::default()) {
        Err(Error::Parse {
            path, line: 3, column, ..
        }) => {
            assert_eq!(path, bad.0.display().to_string());
            assert_eq!(column, "y");
        }
        other => panic!("expected a Parse error, got {other:?}"),
    }
}

#[test]
fn an_unreadable_file_is_an_io_error_with_its_path() {
    let path = std::env::temp_dir().join("learnkit_test_this_file_does_not_exist.csv");
    match read_csv(&path, &CsvOptions::default()) {
        Err(Error::Io { path: p, source }) => {
            assert_eq!(p, path.display().to_string());
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected an Io error, got {other:?}"),
    }
    // A directory cannot be read as a file either.
    let dir = std::env::temp_dir();
    assert!(matches!(read_csv(&dir, &CsvOptions::default()), Err(Error::Io { .. })));
}

#[test]
fn a_reader_that_fails_is_an_io_error_with_the_name() {
    struct Failing;
    impl std::io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    match read_csv_from_reader(Failing, "stream", &CsvOptions::default()) {
        Err(Error::Io { path, source }) => {
            assert_eq!(path, "stream");
            assert_eq!(source.to_string(), "disk on fire");
        }
        other => panic!("expected an Io error, got {other:?}"),
    }
}

#[test]
fn an_empty_file_is_a_parse_error_at_line_1() {
    assert_parse_error(read("", &CsvOptions::default()), 1, "1", "empty");
    assert_parse_error(read("\n\n  \n", &CsvOptions::default()), 1, "1", "empty");
    let file = TempFile::new("empty.csv", b"");
    assert!(matches!(
        read_csv(&file.0, &CsvOptions::default()),
        Err(Error::Parse { line: 1, .. })
    ));
}

#[test]
fn a_header_without_rows_is_a_parse_error_on_the_next_line() {
    assert_parse_error(read("a,b\n", &CsvOptions::default()), 2, "a", "no data rows");
}

#[test]
fn too_few_fields_name_the_first_missing_column() {
    assert_parse_error(
        read("a,b,c\n1,2,3\n4,5\n", &CsvOptions::default()),
        3,
        "c",
        "expected 3 fields (as in the header), found 2",
    );
}

#[test]
fn too_many_fields_name_the_first_extra_position() {
    assert_parse_error(read("a,b\n1,2\n3,4,5\n", &CsvOptions::default()), 3, "3", "found 3");
    // Without a header the first row sets the count and columns are positions.
    assert_parse_error(
        read("1,2\n3\n", &CsvOptions::default().has_header(false)),
        2,
        "2",
        "as in the first row",
    );
}

#[test]
fn a_missing_target_column_is_a_parse_error_at_the_header() {
    assert_parse_error(
        read("a,b\n1,2\n", &CsvOptions::default().target_column("label")),
        1,
        "label",
        "no target column named \"label\"",
    );
    assert_parse_error(
        read("a,b\n1,2\n", &CsvOptions::default().target_column(5)),
        1,
        "6",
        "out of range",
    );
    // Without a header, the index is checked against the first data row's line.
    assert_parse_error(
        read("\n1,2\n", &CsvOptions::default().has_header(false).target_column(2)),
        2,
        "3",
        "out of range",
    );
}

#[test]
fn a_column_index_of_usize_max_is_out_of_range_not_an_overflow() {
    // The 1-based position in the message is usize::MAX + 1 (found by the
    // csv fuzz target: `j + 1` overflowed).
    let position = (usize::MAX as u128 + 1).to_string();
    assert_parse_error(
        read("a,b\n1,2\n", &CsvOptions::default().target_column(usize::MAX)),
        1,
        &position,
        "out of range",
    );
    let categories = CsvOptions::default().categories(ColumnRef::Index(usize::MAX), ["a"]);
    assert_parse_error(read("a,b\n1,2\n", &categories), 1, &position, "out of range");
}

#[test]
fn a_target_name_without_header_is_an_invalid_parameter() {
    let err = read("1,2\n", &CsvOptions::default().has_header(false).target_column("y")).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidParameter {
            parameter: "target_column",
            ..
        }
    ));
}

#[test]
fn invalid_utf8_is_a_parse_error_at_the_cell() {
    let file = TempFile::new("latin1.csv", b"a,b\n1,caf\xe9\n");
    match read_csv(&file.0, &CsvOptions::default()) {
        Err(Error::Parse {
            line, column, message, ..
        }) => {
            assert_eq!((line, column.as_str()), (2, "b"));
            assert!(message.contains("UTF-8"));
        }
        other => panic!("expected a Parse error, got {other:?}"),
    }
}

#[test]
fn target_helpers_report_non_numeric_targets_by_line() {
    let options = CsvOptions::default().target_column("y");
    let words = read("x,y\n1,2\n2,two\n", &options).unwrap();
    assert!(matches!(words.parse_target(), Err(Error::Parse { line: 3, ref message, .. }) if message.contains("two")));
    let no_target = read("x\n1\n", &CsvOptions::default()).unwrap();
    assert!(matches!(no_target.encode_target(), Err(Error::InvalidParameter { .. })));
}

#[test]
fn a_missing_target_is_an_error_naming_its_line_not_a_class() {
    // Before: "?" was read as a class, ["?", "no", "yes"].
    let options = CsvOptions::default().target_column("y");
    for marker in ["?", "", "NA"] {
        let text = format!("x,y\n1,no\n2,{marker}\n3,yes\n");
        assert_parse_error(read(&text, &options), 3, "y", "the target is missing");
    }
    let options = options.drop_missing_target(true);
    let csv = read("x,y\n1,no\n2,?\n\n3,yes\n4,\n", &options).unwrap();
    assert_eq!(csv.target.as_ref().unwrap().to_vec(), vec!["no", "yes"]);
    assert_eq!(csv.data.column(0).to_vec(), vec![1.0, 3.0]);
    assert_eq!((csv.line_of_row(0), csv.line_of_row(1)), (Some(2), Some(5)));
    assert_eq!(csv.encode_target().unwrap().0, vec!["no", "yes"]);
    // A categorical column is typed from the kept rows only.
    let csv = read("c,y\na,1\nonly_here,?\nb,0\n", &options).unwrap();
    assert_eq!(csv.categories_of(0).unwrap(), ["a", "b"]);
    assert_parse_error(read("x,y\n1,?\n", &options), 2, "y", "every row's target is missing");
}

#[test]
fn usecols_and_drop_columns_choose_the_features() {
    let text = "id,age,color,label\nA-1,31,red,yes\nA-2,40,blue,no\n";
    let by_name = CsvOptions::default().usecols(["color", "age"]).target_column("label");
    let csv = read(text, &by_name).unwrap();
    assert_eq!(csv.feature_names, ["age", "color"]);
    assert_eq!(csv.categorical_features, [1]);
    assert_eq!(csv.target.unwrap().to_vec(), vec!["yes", "no"]);
    let by_index = CsvOptions::default().usecols([2, 1]).target_column(ColumnRef::Last);
    assert_eq!(read(text, &by_index).unwrap().feature_names, ["age", "color"]);
    // The target may be listed in usecols too, as pandas users do.
    let listed = CsvOptions::default().usecols(["age", "label"]).target_column("label");
    assert_eq!(read(text, &listed).unwrap().feature_names, ["age"]);
    let dropped = CsvOptions::default().drop_columns(["id"]).target_column("label");
    let csv = read(text, &dropped).unwrap();
    assert_eq!(csv.feature_names, ["age", "color"]);
    assert_eq!(csv.data.row(0).to_vec(), vec![31.0, 1.0]);
    let both = CsvOptions::default().usecols(["id", "age"]).drop_columns([0]);
    assert_eq!(read(text, &both).unwrap().feature_names, ["age"]);
    // Errors: a column that does not exist, the target dropped, categories
    // for a column left out.
    let unknown = CsvOptions::default().usecols(["agee"]);
    assert_parse_error(read(text, &unknown), 1, "agee", "no usecols column named \"agee\"");
    let unknown = CsvOptions::default().drop_columns([9]);
    assert_parse_error(
        read(text, &unknown),
        1,
        "10",
        "drop_columns column index 9 is out of range",
    );
    let target = CsvOptions::default().drop_columns(["label"]).target_column("label");
    let err = read(text, &target).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::InvalidParameter {
                parameter: "drop_columns",
                ..
            }
        ),
        "{err:?}"
    );
    let left_out = CsvOptions::default().drop_columns(["id"]).categorical("id");
    assert_parse_error(read(text, &left_out), 1, "id", "is not read");
}

#[test]
fn names_name_a_headerless_file_and_its_target() {
    let text = "31,red,yes\n40,blue,no\n";
    let options = CsvOptions::default()
        .has_header(false)
        .names(["age", "color", "label"])
        .target_column("label")
        .drop_columns(["color"]);
    let csv = read(text, &options).unwrap();
    assert_eq!(csv.feature_names, ["age"]);
    assert_eq!(csv.target_name.as_deref(), Some("label"));
    assert_eq!(csv.target.as_ref().unwrap().to_vec(), vec!["yes", "no"]);
    assert_eq!(csv.line_of_row(0), Some(1));
    // With a header, names replace it (pandas' header=0, names=...).
    let renamed = CsvOptions::default().names(["a", "b"]).target_column("b");
    let csv = read("x,y\n1,2\n", &renamed).unwrap();
    assert_eq!(
        (csv.feature_names, csv.target_name),
        (vec!["a".to_string()], Some("b".to_string()))
    );
    // Errors: a wrong count (at the first row), a repeated name.
    let short = CsvOptions::default().has_header(false).names(["age", "color"]);
    assert_parse_error(read(text, &short), 1, "3", "gives 2 names, but this row has 3 fields");
    let repeated = CsvOptions::default().has_header(false).names(["a", "b", "a"]);
    let err = read(text, &repeated).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidParameter { parameter: "names", .. }),
        "{err:?}"
    );
}

#[test]
fn categories_from_shares_every_dictionary_of_the_training_file() {
    let options = CsvOptions::default().target_column("y");
    let train = read("color,n,size,y\nred,1,S,a\nblue,2,M,b\n", &options).unwrap();
    let test_options = options.clone().categories_from(&train);
    let test = read("color,n,size,y\ngreen,3,S,a\nred,4,L,b\n", &test_options).unwrap();
    assert_eq!(test.categorical_features, [0, 2]);
    assert_eq!(test.categories_of(0).unwrap(), ["blue", "red", "green"]);
    assert_eq!(test.categories_of(2).unwrap(), ["M", "S", "L"]);
    assert_eq!(test.data.column(0).to_vec(), vec![2.0, 1.0]);
    assert_eq!(test.data.column(2).to_vec(), vec![1.0, 2.0]);
    // A test file in another column order: matched by name.
    let reordered = read("size,y,color,n\nM,a,red,1\n", &test_options).unwrap();
    assert_eq!(reordered.data.row(0).to_vec(), vec![0.0, 1.0, 1.0]);
    // Without names, by file position (the target and dropped columns counted).
    let headerless = CsvOptions::default()
        .has_header(false)
        .target_column(0)
        .drop_columns([1]);
    let train = read("a,id1,red\nb,id2,blue\n", &headerless).unwrap();
    assert_eq!(train.feature_names, ["x0"]);
    let test = read("a,id9,red\n", &headerless.clone().categories_from(&train)).unwrap();
    assert_eq!(test.data[[0, 0]], 1.0);
    // A test file without one of the columns is an error naming it.
    assert_parse_error(
        read("color,y\nred,a\n", &test_options),
        1,
        "size",
        "no categories column named",
    );
}

#[test]
fn categorical_forces_a_numeric_code_column_without_a_typed_empty_list() {
    let text = "zip,price\n75001,3.5\n13001,2.0\n";
    let csv = read(text, &CsvOptions::default().categorical("zip")).unwrap();
    assert_eq!(csv.categorical_features, [0]);
    assert_eq!(csv.categories_of(0).unwrap(), ["13001", "75001"]);
    // `categories(col, [])` compiles (it was E0283) and means the same.
    assert_eq!(read(text, &CsvOptions::default().categories("zip", [])).unwrap(), csv);
    let both = CsvOptions::default().categorical_columns(["zip", "price"]);
    assert_eq!(read(text, &both).unwrap().categorical_features, [0, 1]);
    // categorical keeps known categories given before.
    let known = CsvOptions::default().categories("zip", ["75001"]).categorical("zip");
    assert_eq!(
        read(text, &known).unwrap().categories_of(0).unwrap(),
        ["75001", "13001"]
    );
}

#[test]
fn to_f32_casts_every_value_and_keeps_the_rest() {
    let csv = read(
        "a,b,y\n0.1,x,1\n?,y,2\n1e300,x,3\n",
        &CsvOptions::default().target_column("y"),
    )
    .unwrap();
    let small = csv.to_f32();
    for (a, b) in small.data.iter().zip(csv.data.iter()) {
        assert!(a.to_bits() == (*b as f32).to_bits());
    }
    assert_eq!(small.data[[0, 0]], 0.1f32);
    assert_eq!(small.data[[2, 0]], f32::INFINITY);
    assert_eq!(
        (&small.feature_names, &small.categories, &small.target),
        (&csv.feature_names, &csv.categories, &csv.target)
    );
    assert_eq!(small.line_of_row(2), Some(4));
}

#[test]
fn feature_indices_map_names_to_columns() {
    let csv = read("id,age,color\n1,31,red\n", &CsvOptions::default().drop_columns(["id"])).unwrap();
    assert_eq!(csv.feature_indices(["color", "age"]).unwrap(), vec![1, 0]);
    let err = csv.feature_indices(["id"]).unwrap_err();
    assert!(matches!(&err, Error::InvalidParameter { .. }), "{err:?}");
}

#[test]
fn a_large_adult_like_file_reads_every_row() {
    // 48,842 rows × 15 columns in the Adult layout: checks size handling and
    // that categorical columns and missing values survive at scale.
    let mut text = String::from(
        "age, workclass, fnlwgt, education, education-num, marital-status, occupation, relationship, race, sex, \
         capital-gain, capital-loss, hours-per-week, native-country, income\n",
    );
    let workclasses = ["Private", "Self-emp", "State-gov", "?"];
    for i in 0..48_842 {
        text.push_str(&format!(
            "{}, {}, {}, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 0, 0, 40, \
             United-States, {}\n",
            17 + i % 70,
            workclasses[i % 4],
            100_000 + i,
            if i % 4 == 0 { ">50K" } else { "<=50K" }
        ));
    }
    let csv = read(&text, &CsvOptions::default().target_column("income")).unwrap();
    assert_eq!(csv.data.dim(), (48_842, 14));
    assert_eq!(csv.categorical_features, vec![1, 3, 5, 6, 7, 8, 9, 13]);
    assert_eq!(csv.categories[0], vec!["Private", "Self-emp", "State-gov"]);
    assert_eq!(csv.data.column(1).iter().filter(|v| v.is_nan()).count(), 48_842 / 4);
    assert_eq!(csv.line_of_row(48_841), Some(48_843));
    let (classes, codes) = csv.encode_target().unwrap();
    assert_eq!(classes, vec!["<=50K", ">50K"]);
    assert_eq!(codes.iter().filter(|&&c| c == 1).count(), 48_842_usize.div_ceil(4));
}

#[test]
fn known_categories_come_first_and_unseen_ones_are_appended_sorted() {
    let options = CsvOptions::default().categories("color", ["red", "blue"]);
    let csv = read("n,color\n1,green\n2,blue\n3,?\n4,amber\n5,red\n", &options).unwrap();
    assert_eq!(csv.categories_of(1).unwrap(), ["red", "blue", "amber", "green"]);
    let codes = csv.data.column(1).to_vec();
    assert_eq!(&codes[..2], [3.0, 1.0]);
    assert!(codes[2].is_nan());
    assert_eq!(&codes[3..], [2.0, 0.0]);
}

#[test]
fn known_categories_make_a_numeric_looking_column_categorical() {
    let options = CsvOptions::default().categories(ColumnRef::Index(0), ["10", "2"]);
    let csv = read("code,x\n2,1\n10,2\n7,3\n", &options).unwrap();
    assert_eq!(csv.categorical_features, vec![0]);
    assert_eq!(csv.categories_of(0).unwrap(), ["10", "2", "7"]);
    assert_eq!(csv.data.column(0).to_vec(), vec![1.0, 0.0, 2.0]);
    // Setting the same column again replaces the list.
    let options = options.categories(ColumnRef::Index(0), ["7"]);
    assert_eq!(options.categories.len(), 1);
    let csv = read("code,x\n2,1\n10,2\n7,3\n", &options).unwrap();
    assert_eq!(csv.categories_of(0).unwrap(), ["7", "10", "2"]);
}

#[test]
fn a_missing_marker_stays_missing_even_if_listed_as_a_category() {
    let options = CsvOptions::default().categories("c", ["?", "a"]);
    let csv = read("c\na\n?\n", &options).unwrap();
    assert_eq!(csv.data[[0, 0]], 1.0);
    assert!(csv.data[[1, 0]].is_nan());
}

#[test]
fn shared_categories_give_two_files_one_encoding() {
    let train = read("c,y\nb,1\na,0\n", &CsvOptions::default().target_column("y")).unwrap();
    let options = CsvOptions::default()
        .target_column("y")
        .categories("c", train.categories_of(0).unwrap());
    let test = read("c,y\na,1\nz,0\nb,1\n", &options).unwrap();
    assert_eq!(test.categories_of(0).unwrap(), ["a", "b", "z"]);
    assert_eq!(test.data.column(0).to_vec(), vec![0.0, 2.0, 1.0]);
    assert_eq!(train.data.column(0).to_vec(), vec![1.0, 0.0]);
}

#[test]
fn bad_known_categories_are_errors() {
    let duplicate = CsvOptions::default().categories("c", ["a", "b", "a"]);
    let err = read("c\na\n", &duplicate).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidParameter { parameter: "categories", value, .. } if value == "\"a\""),
        "{err:?}"
    );
    let unknown = CsvOptions::default().categories("nope", ["a"]);
    assert_parse_error(
        read("c\na\n", &unknown),
        1,
        "nope",
        "no categories column named \"nope\"",
    );
    let out_of_range = CsvOptions::default().categories(ColumnRef::Index(4), ["a"]);
    assert_parse_error(
        read("c\na\n", &out_of_range),
        1,
        "5",
        "categories column index 4 is out of range",
    );
    let target = CsvOptions::default().target_column("y").categories("y", ["a"]);
    assert_parse_error(read("c,y\na,b\n", &target), 1, "y", "is the target");
    let by_name = CsvOptions::default().has_header(false).categories("c", ["a"]);
    let err = read("a\n", &by_name).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidParameter {
                parameter: "categories",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn gzip_files_are_decompressed() {
    use std::io::Write;
    let text = "a,b\n1,x\n2,y\n";
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    let gz = encoder.finish().unwrap();
    let file = TempFile::new("data.csv.gz", &gz);
    let from_gz = read_csv(&file.0, &CsvOptions::default()).unwrap();
    let plain = read(text, &CsvOptions::default()).unwrap();
    assert_eq!(from_gz.data, plain.data);
    assert_eq!(from_gz.categories, plain.categories);
    assert_eq!(from_gz.line_of_row(1), Some(3));
    // A truncated gzip stream is an I/O error naming the file.
    let err = read_csv_from_reader(&gz[..gz.len() / 2], "cut.csv.gz", &CsvOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Io { path, .. } if path == "cut.csv.gz"),
        "{err:?}"
    );
}
