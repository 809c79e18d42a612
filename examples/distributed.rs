//! Distributed training over MPI: every rank holds its own shard of the
//! rows and the ranks all-reduce their statistics (issue 20).
//!
//! ```text
//! cargo build --release --features mpi --example distributed
//! mpirun -np 4 target/release/examples/distributed
//! mpirun -np 4 target/release/examples/distributed --rows 2000000 --features 30 --threads 1
//! ```
//!
//! No rank ever holds all the data: rank r generates only its own rows,
//! each row a function of its global index (so the data set is the same
//! whatever the number of ranks), or reads its own file with `--data DIR`
//! (`DIR/part-<rank>.csv`, a header and a `label` column, as `--write DIR`
//! writes them). Each rank keeps every tenth row (by global index) for
//! testing. It then trains a histogram gradient-boosting classifier
//! (data-parallel), a random forest over the same row shards
//! (data-parallel: `fit_distributed_rows`) and a random forest
//! tree-parallel on a sample every rank holds (`fit_distributed_trees`),
//! and rank 0 prints the test accuracy (the ranks' counts all-reduced), the
//! time, and the bytes each rank sent per boosting iteration and per tree.

use learnkit::datasets::CsvOptions;
use learnkit::distributed::{
    Communicator, CsvShard, ExactSums, MpiCommunicator, ReduceOp, RowShards, read_csv_distributed,
};
use learnkit::ensemble::{EarlyStopping, HistGradientBoostingClassifier, RandomForestClassifier};
use learnkit::prelude::*;
use ndarray::{Array1, Array2, Axis};
use std::path::PathBuf;
use std::time::Instant;

struct Args {
    rows: usize,
    features: usize,
    iterations: usize,
    threads: Option<usize>,
    data: Option<PathBuf>,
    write: Option<PathBuf>,
}

fn parse_args() -> Result<Args, learnkit::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bad = |what: &str| learnkit::Error::invalid_input("distributed example", what.to_string());
    let mut parsed = Args {
        rows: 200_000,
        features: 30,
        iterations: 100,
        threads: None,
        data: None,
        write: None,
    };
    let mut i = 0;
    while i < args.len() {
        let value = args
            .get(i + 1)
            .ok_or_else(|| bad(&format!("{} needs a value", args[i])))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| bad(&format!("{} {value}: not a count", args[i])))
        };
        match args[i].as_str() {
            "--rows" => parsed.rows = number()?,
            "--features" => parsed.features = number()?,
            "--iterations" => parsed.iterations = number()?,
            "--threads" => parsed.threads = Some(number()?),
            "--data" => parsed.data = Some(value.into()),
            "--write" => parsed.write = Some(value.into()),
            other => {
                return Err(bad(&format!(
                    "unknown option {other} (--rows, --features, --iterations, --threads, --data, --write)"
                )));
            }
        }
        i += 2;
    }
    Ok(parsed)
}

/// A uniform number in [-1, 1) from a row, a column and a salt: the data
/// set is a pure function of the global row index (SplitMix64).
fn uniform(row: u64, column: u64, salt: u64) -> f64 {
    let mut z = row.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ column.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ salt;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// This rank's rows of the synthetic problem: features uniform, the label
/// a noisy threshold of a non-linear score of the first six.
fn generate(rows: std::ops::Range<usize>, n_features: usize) -> (Array2<f64>, Array1<usize>) {
    let mut x = Array2::zeros((rows.len(), n_features));
    let mut y = Array1::zeros(rows.len());
    for (local, global) in rows.enumerate() {
        let g = global as u64;
        for j in 0..n_features {
            x[[local, j]] = uniform(g, j as u64, 1);
        }
        let f = |j: usize| x[[local, j.min(n_features - 1)]];
        let score = 2.0 * f(0) - f(1) + 1.5 * f(2) * f(3) + (3.0 * f(4)).sin() + f(5).abs() + 0.5 * uniform(g, 0, 2);
        y[local] = usize::from(score > 0.3);
    }
    (x, y)
}

fn main() -> Result<(), learnkit::Error> {
    let args = parse_args()?;
    if let Some(threads) = args.threads {
        // Every parallel loop of the fits runs on rayon's global pool.
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|err| {
                learnkit::Error::invalid_input("distributed example", format!("--threads {threads}: {err}"))
            })?;
    }
    let comm = MpiCommunicator::init()?;
    let (rank, size) = (comm.rank(), comm.size());
    let say = |text: String| {
        if rank == 0 {
            println!("{text}");
        }
    };
    say(format!("{size} ranks"));

    let started = Instant::now();
    let (x, y, first_row) = match &args.data {
        Some(dir) => {
            let shard = CsvShard::File(dir.join(format!("part-{rank}.csv")));
            let csv = read_csv_distributed(&comm, &shard, &CsvOptions::default().target_column("label"))?;
            let y = csv.parse_target()?.mapv(|v| v as usize);
            let first = RowShards::gather(&comm, y.len())?.offset(rank);
            (csv.data, y, first)
        }
        None => {
            let rows = RowShards::even_split(args.rows, rank, size);
            let first = rows.start;
            let (x, y) = generate(rows, args.features);
            (x, y, first)
        }
    };
    if let Some(dir) = &args.write {
        write_shard(dir, rank, &x, &y)?;
        say(format!("wrote one CSV file per rank to {}", dir.display()));
    }
    // Every tenth global row is for testing.
    let is_test: Vec<bool> = (0..y.len()).map(|i| (first_row + i) % 10 == 0).collect();
    let pick = |test: bool| -> Vec<usize> { (0..y.len()).filter(|&i| is_test[i] == test).collect() };
    let (train, test) = (pick(false), pick(true));
    let (x_train, y_train) = (x.select(Axis(0), &train), y.select(Axis(0), &train));
    let (x_test, y_test) = (x.select(Axis(0), &test), y.select(Axis(0), &test));
    let total = RowShards::gather(&comm, y_train.len())?.total_rows();
    say(format!(
        "{total} training rows, {} features, data ready in {:.2?}",
        x.ncols(),
        started.elapsed()
    ));

    let hgb = HistGradientBoostingClassifier::default()
        .max_iter(args.iterations)
        .early_stopping(EarlyStopping::Off)
        // A fixed seed (the bin-edge sample and any random choice): runs
        // and rank counts give the same model, so their scores compare.
        .random_state(0);
    // The bytes of the setup (binning sample, categories, baseline) and of
    // one iteration, from a fit of one iteration, not timed: the boosting
    // iterations' own bytes are the rest of the full fit's.
    let sent_before = comm.bytes_sent();
    hgb.clone()
        .max_iter(1)
        .fit_distributed(&comm, x_train.view(), y_train.view())?;
    let sent_one = comm.bytes_sent() - sent_before;
    let sent_before = comm.bytes_sent();
    let started = Instant::now();
    let model = hgb.fit_distributed(&comm, x_train.view(), y_train.view())?;
    let seconds = started.elapsed().as_secs_f64();
    let sent_all = comm.bytes_sent() - sent_before;
    // Setup + n iterations minus setup + 1 iteration: n - 1 iterations.
    let per_iteration = sent_all.saturating_sub(sent_one) as f64 / model.n_iter().saturating_sub(1).max(1) as f64;
    let setup = sent_one as f64 - per_iteration;
    let accuracy = global_accuracy(&comm, &model.predict(x_test.view())?, &y_test)?;
    say(format!(
        "HistGradientBoostingClassifier: {} iterations in {seconds:.2} s, test accuracy {accuracy:.4}; rank 0 sent {:.0} bytes per iteration (and {setup:.0} bytes of setup)",
        model.n_iter(),
        per_iteration
    ));
    let mut per_rank = [per_iteration];
    comm.all_reduce_f64(&mut per_rank, ReduceOp::Max)?;
    say(format!(
        "  most bytes sent per iteration by any rank: {:.0}",
        per_rank[0]
    ));

    // A random forest over the row shards: every rank grows every tree on
    // its own rows, the node histograms all-reduced.
    let trees = 10;
    let sent_before = comm.bytes_sent();
    let started = Instant::now();
    let forest = RandomForestClassifier::default()
        .n_estimators(trees)
        .max_depth(Some(12))
        .random_state(0)
        .fit_distributed_rows(&comm, x_train.view(), y_train.view())?;
    let seconds = started.elapsed().as_secs_f64();
    let per_tree = (comm.bytes_sent() - sent_before) as f64 / trees as f64;
    let accuracy = global_accuracy(&comm, &forest.predict(x_test.view())?, &y_test)?;
    say(format!(
        "RandomForestClassifier: {trees} trees over the row shards in {seconds:.2} s, test accuracy {accuracy:.4}; rank 0 sent {per_tree:.0} bytes per tree"
    ));

    // A random forest, tree-parallel: every rank holds the same rows (here
    // the first FOREST_ROWS global rows, generated on every rank), grows
    // its share of the trees and receives the others'.
    const FOREST_ROWS: usize = 20_000;
    let (x_forest, y_forest) = generate(0..FOREST_ROWS.min(args.rows), args.features);
    let started = Instant::now();
    let forest = RandomForestClassifier::default()
        .n_estimators(50)
        .max_depth(Some(12))
        .random_state(0)
        .fit_distributed_trees(&comm, x_forest.view(), y_forest.view())?;
    let seconds = started.elapsed().as_secs_f64();
    let accuracy = global_accuracy(&comm, &forest.predict(x_test.view())?, &y_test)?;
    say(format!(
        "RandomForestClassifier: 50 trees on {} replicated rows in {seconds:.2} s, test accuracy {accuracy:.4}",
        x_forest.nrows()
    ));
    Ok(())
}

/// Accuracy over every rank's test rows: the counts all-reduced.
fn global_accuracy<C: Communicator>(
    comm: &C,
    predicted: &Array1<usize>,
    truth: &Array1<usize>,
) -> Result<f64, learnkit::Error> {
    let mut counts = ExactSums::new(2);
    counts.add(0, predicted.iter().zip(truth).filter(|(p, t)| p == t).count() as f64);
    counts.add(1, truth.len() as f64);
    counts.all_reduce(comm)?;
    let values = counts.values();
    Ok(values[0] / values[1].max(1.0))
}

fn write_shard(dir: &std::path::Path, rank: usize, x: &Array2<f64>, y: &Array1<usize>) -> Result<(), learnkit::Error> {
    use std::io::Write;
    let path = dir.join(format!("part-{rank}.csv"));
    let fail = |source| learnkit::Error::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).map_err(fail)?);
    let header: Vec<String> = (0..x.ncols())
        .map(|j| format!("x{j}"))
        .chain(["label".to_string()])
        .collect();
    writeln!(out, "{}", header.join(",")).map_err(fail)?;
    for (row, label) in x.rows().into_iter().zip(y) {
        let cells: Vec<String> = row.iter().map(|v| v.to_string()).chain([label.to_string()]).collect();
        writeln!(out, "{}", cells.join(",")).map_err(fail)?;
    }
    out.flush().map_err(fail)
}
