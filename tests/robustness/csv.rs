//! The CSV reader on arbitrary bytes: options decoded from the first bytes
//! (header or not, delimiter, target column, missing markers, known
//! categories, usecols / drop_columns, names, dropping missing targets), the
//! rest as the file, raw or gzip-compressed.

use super::check::ok;
use super::decode::{Bytes, same_bits2};
use learnkit::datasets::{ColumnRef, CsvDataset, CsvOptions, read_csv_from_reader};
use std::io::Write;

/// Reads `data` as a CSV file with options decoded from its first bytes;
/// asserts no panic, named errors, and a consistent dataset when it reads.
pub fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let mut options = CsvOptions::default()
        .has_header(b.bool())
        .delimiter(b.pick(&[b',', b';', b'\t', b' ', b'"', b'\n', 0]));
    options = match b.u8() % 5 {
        0 => options,
        1 => options.target_column(ColumnRef::Last),
        2 => options.target_column(b.count()),
        3 => options.target_column(b.text(4)),
        _ => options.target_column(b.below(4)),
    };
    if b.u8() % 4 == 0 {
        options = options.missing_values([b.text(3), b.text(2)]);
    }
    for _ in 0..b.below(3) {
        let column = column(&mut b);
        let known: Vec<String> = (0..b.below(4)).map(|_| b.text(3)).collect();
        options = options.categories(column, known);
    }
    // The column choices: usecols, drop_columns, names, missing targets.
    match b.u8() % 4 {
        1 => options = options.usecols((0..b.below(3)).map(|_| column(&mut b)).collect::<Vec<_>>()),
        2 => options = options.drop_columns((0..b.below(3)).map(|_| column(&mut b)).collect::<Vec<_>>()),
        _ => {}
    }
    if b.u8() % 4 == 0 {
        options = options.names((0..b.below(5)).map(|_| b.text(2)).collect::<Vec<_>>());
    }
    options = options.drop_missing_target(b.bool());
    let gzip = b.u8() % 3 == 0;
    let text = b.rest();
    let original = text.to_vec();
    let outcome = if gzip {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(text).expect("writing to a Vec");
        let compressed = encoder.finish().expect("writing to a Vec");
        // Cut the stream short sometimes: a truncated .csv.gz.
        let cut = if original.first().is_some_and(|&c| c & 1 == 1) {
            compressed.len() / 2
        } else {
            compressed.len()
        };
        read_csv_from_reader(&compressed[..cut], "fuzz.csv.gz", &options)
    } else {
        read_csv_from_reader(text, "fuzz.csv", &options)
    };
    assert_eq!(text, &original[..], "the input bytes changed");
    if let Some(csv) = ok(outcome) {
        check_dataset(&csv, &options);
        ok(csv.encode_target());
        ok(csv.parse_target());
        // The shared-encoding path: the same text read again with the
        // categories found the first time gives the same codes.
        if !gzip {
            let again = options.clone().categories_from(&csv);
            let second = ok(read_csv_from_reader(text, "fuzz.csv", &again)).expect("it read the first time");
            assert!(
                same_bits2(&second.data, &csv.data),
                "codes changed with the categories given back"
            );
        }
    }
}

/// A column by 0-based index or by a short name.
fn column(b: &mut Bytes<'_>) -> ColumnRef {
    if b.bool() {
        ColumnRef::Index(b.below(5))
    } else {
        ColumnRef::Name(b.text(3))
    }
}

/// The invariants of a dataset that was read.
fn check_dataset(csv: &CsvDataset, options: &CsvOptions) {
    let (rows, cols) = csv.data.dim();
    assert!(rows >= 1, "a dataset without rows was returned");
    assert_eq!(csv.feature_names.len(), cols);
    assert_eq!(csv.target.is_some(), options.target_column.is_some());
    if let Some(target) = &csv.target {
        assert_eq!(target.len(), rows);
    }
    assert_eq!(csv.categorical_features.len(), csv.categories.len());
    assert!(csv.categorical_features.windows(2).all(|w| w[0] < w[1]));
    for (i, &j) in csv.categorical_features.iter().enumerate() {
        assert!(j < cols);
        let k = csv.categories[i].len() as f64;
        for &v in csv.data.column(j) {
            assert!(
                v.is_nan() || (v >= 0.0 && v < k && v.fract() == 0.0),
                "code {v} of {k} categories"
            );
        }
    }
    for row in 0..rows {
        assert!(csv.line_of_row(row).is_some_and(|line| line >= 1));
    }
}
