//! Out-of-core learning: a CSV file far larger than needed in memory,
//! streamed in chunks through `StandardScaler::partial_fit` (first pass: the
//! feature statistics) and then `SGDClassifier::partial_fit` (second pass:
//! each chunk standardised, then one SGD epoch over it). Only one chunk is
//! ever in memory; the peak resident memory is printed at the end (Linux).
//!
//! ```text
//! cargo run --release --example out_of_core                 # 20 million rows (~3 GB of CSV)
//! cargo run --release --example out_of_core -- --rows 200000
//! ```
//!
//! The CSV is generated first, row by row, in the system's temporary
//! directory and removed at the end: 10 features, the label `1` when
//! `x·w + noise > 0` for a fixed `w`, with features of assorted scales and
//! offsets so that standardising matters.

use learnkit::linear_model::{FittedSGDClassifier, SGDClassifier};
use learnkit::prelude::*;
use learnkit::preprocessing::FittedStandardScaler;
use ndarray::{Array1, Array2};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, StandardNormal};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

const FEATURES: usize = 10;
const CHUNK: usize = 100_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows = parse_rows()?;
    let path = std::env::temp_dir().join(format!("learnkit_out_of_core_{}.csv", std::process::id()));
    let start = Instant::now();
    generate(&path, rows, 0)?;
    println!(
        "wrote {rows} rows to {} in {:.1} s",
        path.display(),
        start.elapsed().as_secs_f64()
    );

    // Pass 1: the scaler's statistics, chunk by chunk.
    let mut scaler: Option<FittedStandardScaler<f64>> = None;
    for_each_chunk(&path, "scaler", |x, _| {
        match scaler.as_mut() {
            None => scaler = Some(StandardScaler::default().fit_unsupervised(x.view())?),
            Some(s) => s.partial_fit(x.view(), None)?,
        }
        Ok(())
    })?;
    let scaler = scaler.ok_or("the CSV has no rows")?;

    // Pass 2: one SGD epoch per standardised chunk.
    let sgd = SGDClassifier::default().random_state(0);
    let mut model: Option<FittedSGDClassifier<f64, usize>> = None;
    for_each_chunk(&path, "sgd", |x, y| {
        let z = scaler.transform(x.view())?;
        match model.as_mut() {
            None => model = Some(sgd.partial_fit(z.view(), y.view(), Some(&[0, 1]), None)?),
            Some(m) => m.partial_fit(z.view(), y.view(), None, None)?,
        }
        Ok(())
    })?;
    let model = model.ok_or("the CSV has no rows")?;
    std::fs::remove_file(&path)?;

    // A fresh held-out chunk from another seed.
    let test_path = path.with_extension("test.csv");
    generate(&test_path, CHUNK.min(rows.max(1)), 1)?;
    let mut accuracy = 0.0;
    for_each_chunk(&test_path, "test", |x, y| {
        accuracy = model.score(scaler.transform(x.view())?.view(), y.view())?;
        Ok(())
    })?;
    std::fs::remove_file(&test_path)?;
    println!(
        "held-out accuracy {accuracy:.4} after {} updates; total {:.1} s",
        model.t() - 1.0,
        start.elapsed().as_secs_f64()
    );
    match peak_memory_kib() {
        Some(kib) => println!("peak resident memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0),
        None => println!("peak resident memory: not available on this system"),
    }
    Ok(())
}

/// `--rows N` (default 20,000,000).
fn parse_rows() -> Result<usize, String> {
    let mut args = std::env::args().skip(1);
    let mut rows = 20_000_000;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rows" => {
                let value = args.next().ok_or("--rows needs a value")?;
                rows = value.parse().map_err(|_| format!("--rows: not a count: {value:?}"))?;
            }
            other => return Err(format!("unknown argument {other:?}; usage: out_of_core [--rows N]")),
        }
    }
    Ok(rows)
}

/// Writes `rows` rows of `FEATURES` features and a 0/1 label, one at a time.
fn generate(path: &Path, rows: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = BufWriter::new(File::create(path)?);
    let w: Vec<f64> = (0..FEATURES).map(|j| ((j + 1) as f64).sin()).collect();
    let mut line = String::new();
    for _ in 0..rows {
        line.clear();
        let mut score = 0.0;
        for (j, wj) in w.iter().enumerate() {
            let v: f64 = StandardNormal.sample(&mut rng);
            score += wj * v;
            // Assorted scales and offsets: the raw features need standardising.
            let raw = v * (1.0 + j as f64 * 10.0) + j as f64 * 100.0;
            line.push_str(&format!("{raw:.6},"));
        }
        let noise: f64 = StandardNormal.sample(&mut rng);
        line.push_str(if score + noise > 0.0 { "1\n" } else { "0\n" });
        out.write_all(line.as_bytes())?;
    }
    out.flush()
}

/// Reads the CSV `CHUNK` rows at a time and calls `f` on each chunk,
/// printing a progress line every ten chunks.
fn for_each_chunk(
    path: &Path,
    pass: &str,
    mut f: impl FnMut(&Array2<f64>, &Array1<usize>) -> learnkit::Result<()>,
) -> Result<(), Box<dyn std::error::Error>> {
    let reader = BufReader::new(File::open(path)?);
    let mut values = Vec::with_capacity(CHUNK * FEATURES);
    let mut labels = Vec::with_capacity(CHUNK);
    let mut seen = 0usize;
    let mut chunks = 0usize;
    let mut flush =
        |values: &mut Vec<f64>, labels: &mut Vec<usize>, seen: usize| -> Result<(), Box<dyn std::error::Error>> {
            let x = Array2::from_shape_vec((labels.len(), FEATURES), std::mem::take(values))?;
            let y = Array1::from_vec(std::mem::take(labels));
            f(&x, &y)?;
            chunks += 1;
            if chunks % 10 == 0 {
                println!("[{pass}] {seen} rows");
            }
            Ok(())
        };
    for line in reader.lines() {
        let line = line?;
        let mut fields = line.split(',');
        for _ in 0..FEATURES {
            values.push(fields.next().ok_or("short line")?.parse()?);
        }
        labels.push(fields.next().ok_or("no label")?.parse()?);
        seen += 1;
        if labels.len() == CHUNK {
            flush(&mut values, &mut labels, seen)?;
        }
    }
    if !labels.is_empty() {
        flush(&mut values, &mut labels, seen)?;
    }
    Ok(())
}

/// The process's peak resident memory in KiB (`VmHWM`), on Linux.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
